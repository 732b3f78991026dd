//! Turns every ```rust block of `book/**/*.md` into a test (see tests/skeptic.rs).
//!
//! skeptic writes the tests; this script then renames each after the block's place, and has it
//! call `block::run` of tests/skeptic.rs with that place instead of skeptic's runner directly.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag};

fn main() {
    let mut chapters = skeptic::markdown_files_of_directory("book/");
    // A stable order keeps the generated test names and their order stable.
    chapters.sort();
    println!("cargo:rerun-if-changed=book");
    skeptic::generate_doc_tests(&chapters);

    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    let generated = fs::read_to_string(out_dir.join("skeptic-tests.rs"))
        .expect("skeptic writes skeptic-tests.rs");
    let chapters: Vec<Chapter> = chapters.iter().map(|path| Chapter::read(path)).collect();
    let mut tests = place_tests(&generated, &chapters).unwrap_or_else(|e| panic!("build.rs: {e}"));
    // For tests/skeptic.rs's own tests, which run blocks of their own through skeptic.
    let target = std::env::var("TARGET").expect("TARGET");
    writeln!(
        tests,
        "/// The target skeptic compiles blocks for.\nconst BLOCK_TARGET: &str = {target:?};"
    )
    .unwrap();
    write_if_changed(&out_dir.join("book-tests.rs"), &tests);
}

/// A chapter of the book: its path as written in messages, skeptic's form of its file stem, and
/// its headings.
struct Chapter {
    /// `book/sigmoid.md`, with `/` on every platform.
    path: String,
    /// The stem as skeptic puts it at the start of a test name (`experiment_learning`).
    skeptic_stem: String,
    /// `(line, text)` of every heading down to `###`, in order.
    headings: Vec<(usize, String)>,
}

impl Chapter {
    fn read(path: &Path) -> Chapter {
        let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let stem = path.file_stem().and_then(|s| s.to_str()).expect("a UTF-8 file name");
        Chapter {
            path: path.to_str().expect("a UTF-8 path").replace('\\', "/").replace("//", "/"),
            skeptic_stem: words(stem, |c| c.is_ascii_alphanumeric()),
            headings: headings(&text),
        }
    }

    /// The innermost heading above `line`, if any.
    fn heading_above(&self, line: usize) -> Option<&str> {
        self.headings.iter().take_while(|(at, _)| *at < line).last().map(|(_, text)| text.as_str())
    }
}

/// Headings of levels 1 to 3 with the line they start on, as CommonMark reads them (a `# ` line
/// inside a code block is not one).
fn headings(markdown: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (event, range) in Parser::new(markdown).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading(level, ..)) if level <= HeadingLevel::H3 => {
                let line = 1 + markdown[..range.start].matches('\n').count();
                current = Some((line, String::new()));
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, heading)) = &mut current {
                    heading.push_str(&text);
                }
            }
            Event::End(Tag::Heading(..)) => found.extend(current.take()),
            _ => {}
        }
    }
    found
}

/// Lower-case words of `text` joined by single underscores, keeping only the characters `keep`
/// accepts.
fn words(text: &str, keep: impl Fn(char) -> bool) -> String {
    text.to_lowercase()
        .split(|c: char| !keep(c))
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// Hangul syllables and ASCII letters and digits: rustc takes these in identifiers without a lint.
/// (Greek such as σ trips `mixed_script_confusables`; jamo, symbols and punctuation are dropped.)
fn name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// Rewrites skeptic's tests: `#[test] fn sigmoid_sect__line_35()` becomes
/// `#[test] fn book_sigmoid_md_35_시그모이드_함수()`, and its call of skeptic's runner a call of
/// `block::run` (or `block::compile`) that also gets `"book/sigmoid.md", 35`.
///
/// skeptic numbers a block by the line of its opening fence (1-based), and so do these names.
fn place_tests(generated: &str, chapters: &[Chapter]) -> Result<String, String> {
    let mut out = String::with_capacity(generated.len() + generated.len() / 8);
    // The chapter and fence line of the test being rewritten.
    let mut place: Option<(&Chapter, usize)> = None;
    let mut count = 0;
    // Inside one of skeptic's raw strings (the blocks' text), where nothing is rewritten.
    let mut in_text = false;
    for line in generated.split_inclusive('\n') {
        let was_in_text = in_text;
        in_text = ends_in_text(line, in_text);
        if was_in_text {
            out.push_str(line);
            continue;
        }
        if let Some(name) = line.strip_prefix("#[test] fn ").and_then(|l| l.strip_suffix("() {\n"))
        {
            let (chapter, fence) = locate(name, chapters)?;
            let mut new_name = format!("{}_{fence}", words(&chapter.path, name_char));
            if let Some(heading) = chapter.heading_above(fence) {
                let heading = words(heading, name_char);
                if !heading.is_empty() {
                    write!(new_name, "_{heading}").unwrap();
                }
            }
            writeln!(out, "#[test] fn {new_name}() {{").unwrap();
            place = Some((chapter, fence));
            count += 1;
            continue;
        }
        let runner = [("skeptic::rt::run_test(", "run"), ("skeptic::rt::compile_test(", "compile")]
            .into_iter()
            .find_map(|(call, ours)| Some((line.split_once(call)?, ours)));
        if let Some(((indent, args), ours)) = runner {
            let (chapter, fence) = place.take().ok_or("a runner call outside a test")?;
            write!(out, "{indent}crate::block::{ours}({:?}, {fence}, {args}", chapter.path)
                .unwrap();
            continue;
        }
        if line.contains("skeptic::rt::") {
            return Err(format!("unexpected call in skeptic's output: {line}"));
        }
        out.push_str(line);
    }
    if count == 0 {
        return Err("skeptic generated no tests: has its output format changed?".to_owned());
    }
    Ok(out)
}

/// Whether `line` of skeptic's output ends inside a `r####"…"####` string, given whether it
/// starts in one.
fn ends_in_text(mut line: &str, mut in_text: bool) -> bool {
    loop {
        let delimiter = if in_text { "\"####" } else { "r####\"" };
        match line.split_once(delimiter) {
            Some((_, rest)) => {
                line = rest;
                in_text = !in_text;
            }
            None => return in_text,
        }
    }
}

/// The chapter and fence line of skeptic's test `name` (`<stem>[_sect_<section>]_line_<n>`).
fn locate<'a>(name: &str, chapters: &'a [Chapter]) -> Result<(&'a Chapter, usize), String> {
    let (_, line) = name.rsplit_once("_line_").ok_or(format!("no line in {name}"))?;
    let line: usize = line.parse().map_err(|_| format!("no line in {name}"))?;
    let mut matching = chapters.iter().filter(|chapter| {
        let stem = &chapter.skeptic_stem;
        name.strip_prefix(stem.as_str())
            .is_some_and(|rest| rest.starts_with("_sect_") || rest.starts_with("_line_"))
    });
    match (matching.next(), matching.next()) {
        (Some(chapter), None) => Ok((chapter, line)),
        (None, _) => Err(format!("no chapter for skeptic's test {name}")),
        (Some(a), Some(b)) => Err(format!("{name}: both {} and {} match", a.path, b.path)),
    }
}

/// Leaves the file (and its time stamp) alone when nothing changed, so cargo does not rebuild.
fn write_if_changed(path: &Path, contents: &str) {
    if fs::read_to_string(path).is_ok_and(|old| old == contents) {
        return;
    }
    fs::write(path, contents).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}
