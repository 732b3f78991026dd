//! Checks on the book's markdown that mdBook itself does not make: every image has Korean alt
//! text and exists, every link to another chapter points at a file (links into the API docs,
//! `api/…`, are checked in the built site by `cargo xtask build`), no Rust block is exempted
//! from being run, prose uses curly quotes, and the training terms are taught before they are
//! used.
//!
//! The chapters are parsed as CommonMark by pulldown-cmark, the parser skeptic runs the blocks
//! with: a line-by-line scan missed `~~~` fences and indented code, and took `[a](b)` inside
//! inline code for a link. Each check returns its findings (`file:line: what to fix`) instead
//! of panicking at the first, so the unit tests at the end can feed it broken markdown and see
//! it fail.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag};

fn book_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("book")
}

/// Every chapter: `(file name, text)`, sorted.
fn chapters() -> Vec<(String, String)> {
    let mut chapters: Vec<(String, String)> = std::fs::read_dir(book_dir())
        .expect("reading book/")
        .map(|entry| entry.expect("reading book/").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("reading a chapter");
            (path.file_name().unwrap().to_string_lossy().into_owned(), text)
        })
        .collect();
    chapters.sort();
    assert!(chapters.len() >= 3, "book/ should hold SUMMARY.md and chapters");
    chapters
}

/// A link `[text](target)` or an image `![alt](target)` in the prose (reference links resolved).
struct Link {
    is_image: bool,
    /// The link text or the alt text, as the reader sees it (inline code included, marks not).
    text: String,
    target: String,
    /// Where the whole link is in the markdown, `[` to `)`.
    range: Range<usize>,
    line: usize,
}

/// A fenced code block (```` ``` ```` or `~~~`): its info string and the line of its fence.
struct Fence {
    info: String,
    line: usize,
}

/// A piece of prose: the text of one event outside code, and its line.
struct Prose {
    text: String,
    line: usize,
    /// Raw HTML (`<div class="box key">`, `<summary>풀이</summary>`): its tags are not prose.
    html: bool,
    /// Which block (paragraph, heading, table cell, …) it is in: math does not go on into the
    /// next one.
    block: usize,
}

/// One chapter as CommonMark sees it.
struct Page {
    links: Vec<Link>,
    fences: Vec<Fence>,
    prose: Vec<Prose>,
    /// The prose with `**` around bold (either spelling) and inline code left out: where the
    /// book introduces its terms.
    marked_prose: String,
}

/// The extensions mdBook turns on that pulldown-cmark 0.9 has (mdBook's smart punctuation
/// changes only the output, not what is prose).
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

fn parse(markdown: &str) -> Page {
    let line_starts: Vec<usize> =
        std::iter::once(0).chain(markdown.match_indices('\n').map(|(at, _)| at + 1)).collect();
    let line_of = |offset: usize| line_starts.partition_point(|&start| start <= offset);
    let mut page = Page {
        links: Vec::new(),
        fences: Vec::new(),
        prose: Vec::new(),
        marked_prose: String::new(),
    };
    // Links being read (an image may sit inside a link): their text grows until their end.
    let mut open: Vec<Link> = Vec::new();
    let mut in_code_block = false;
    let mut block = 0;
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                in_code_block = true;
                block += 1;
                if let CodeBlockKind::Fenced(info) = kind {
                    page.fences
                        .push(Fence { info: info.into_string(), line: line_of(range.start) });
                }
            }
            Event::End(Tag::CodeBlock(_)) => {
                in_code_block = false;
                block += 1;
            }
            // Code blocks are neither prose nor link text (indented code included).
            _ if in_code_block => {}
            // A mail address in `<…>` is not a file of the book.
            Event::Start(Tag::Link(LinkType::Email, ..))
            | Event::End(Tag::Link(LinkType::Email, ..)) => {}
            Event::Start(Tag::Link(_, target, _)) => {
                let line = line_of(range.start);
                let target = target.into_string();
                open.push(Link { is_image: false, text: String::new(), target, range, line });
            }
            Event::Start(Tag::Image(_, target, _)) => {
                let line = line_of(range.start);
                let target = target.into_string();
                open.push(Link { is_image: true, text: String::new(), target, range, line });
            }
            Event::End(Tag::Link(..) | Tag::Image(..)) => page.links.extend(open.pop()),
            Event::Start(Tag::Strong) | Event::End(Tag::Strong) => page.marked_prose.push_str("**"),
            Event::Text(text) => {
                for link in &mut open {
                    link.text.push_str(&text);
                }
                page.marked_prose.push_str(&text);
                let line = line_of(range.start);
                page.prose.push(Prose { text: text.into_string(), line, html: false, block });
            }
            Event::Code(code) => {
                for link in &mut open {
                    link.text.push_str(&code);
                }
                // Not prose: a term inside inline code is not introduced by it.
                page.marked_prose.push('`');
            }
            Event::Html(html) => {
                let line = line_of(range.start);
                page.prose.push(Prose { text: html.into_string(), line, html: true, block });
            }
            Event::SoftBreak | Event::HardBreak => page.marked_prose.push('\n'),
            Event::Start(
                Tag::Paragraph
                | Tag::Heading(..)
                | Tag::TableCell
                | Tag::Item
                | Tag::BlockQuote
                | Tag::FootnoteDefinition(_),
            ) => block += 1,
            Event::End(
                Tag::Paragraph
                | Tag::Heading(..)
                | Tag::TableCell
                | Tag::Item
                | Tag::BlockQuote
                | Tag::FootnoteDefinition(_),
            ) => {
                block += 1;
                page.marked_prose.push_str("\n\n");
            }
            _ => {}
        }
    }
    page
}

fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// Images need Korean alt text (at least 10 Hangul syllables) and a file under `dir`.
fn check_images(chapter: &str, page: &Page, dir: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for link in page.links.iter().filter(|link| link.is_image) {
        let Link { text: alt, target, line, .. } = link;
        if alt.chars().filter(|&c| is_hangul(c)).count() < 10 {
            problems.push(format!(
                "{chapter}:{line}: image {target} needs Korean alt text that says what it shows"
            ));
        }
        if !dir.join(target).is_file() {
            problems.push(format!("{chapter}:{line}: image {target} does not exist"));
        }
    }
    problems
}

#[test]
fn images_exist_and_have_korean_alt_text() {
    let mut images = 0;
    let mut problems = Vec::new();
    for (chapter, text) in chapters() {
        let page = parse(&text);
        images += page.links.iter().filter(|link| link.is_image).count();
        problems.extend(check_images(&chapter, &page, &book_dir()));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(images > 0, "the book shows no figure at all");
}

/// Links to other chapters point at a file under `dir`, written as mdBook resolves them.
fn check_links(chapter: &str, page: &Page, dir: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for Link { target, line, .. } in &page.links {
        if target.is_empty() || target.contains("://") || target.starts_with('#') {
            continue; // a reserved chapter, another site, or a heading on this page
        }
        if target.starts_with("api/") {
            // The crate's rustdoc, which `cargo xtask build` puts in the site's api/; not a
            // file under book/. The site check resolves these links in the built site.
            continue;
        }
        let file = target.split('#').next().unwrap();
        // mdBook renders README.md as index.html but leaves links to README.md alone
        // (they would point at a README.html that does not exist): link to index.md.
        if chapter != "SUMMARY.md" && file == "README.md" {
            problems.push(format!("{chapter}:{line}: link to {target}: write index.md"));
            continue;
        }
        let file = if file == "index.md" { "README.md" } else { file };
        if !dir.join(file).is_file() {
            problems.push(format!("{chapter}:{line}: link to {target} has no file"));
        }
    }
    problems
}

#[test]
fn links_between_chapters_point_at_files() {
    let problems: Vec<String> = chapters()
        .iter()
        .flat_map(|(chapter, text)| check_links(chapter, &parse(text), &book_dir()))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A block skeptic runs (its info string has the token `rust`, split as skeptic and rustdoc
/// split it) must not be `ignore` (not compiled) or `no_run` (not run).
fn check_blocks_run(chapter: &str, page: &Page) -> Vec<String> {
    let mut problems = Vec::new();
    for Fence { info, line } in &page.fences {
        let tokens: Vec<&str> =
            info.split(|c: char| !(c == '_' || c == '-' || c.is_alphanumeric())).collect();
        if !tokens.contains(&"rust") {
            continue;
        }
        for (exemption, what) in [("ignore", "compiled or run"), ("no_run", "run")] {
            if tokens.contains(&exemption) {
                problems.push(format!("{chapter}:{line}: `{exemption}` blocks are not {what}"));
            }
        }
    }
    problems
}

#[test]
fn every_rust_block_is_run() {
    let problems: Vec<String> = chapters()
        .iter()
        .flat_map(|(chapter, text)| check_blocks_run(chapter, &parse(text)))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// `text` without its HTML tags (`<…>`), which are not prose; `in_tag` carries a tag that goes
/// on into the next piece.
fn without_tags(text: &str, in_tag: &mut bool) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '<' => *in_tag = true,
            '>' if *in_tag => *in_tag = false,
            _ if !*in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// mdBook's smart punctuation turns a straight `"` followed by Hangul (`"…"는`) into an
/// opening mark at both ends, so prose writes “ ” itself. Inline code and code blocks may
/// hold straight quotes (the parser leaves them out of the prose), and so may math (`$…$`,
/// `$$…$$`, which CommonMark reads as text) and HTML tags (`<div class="box key">`).
fn check_curly_quotes(chapter: &str, page: &Page) -> Vec<String> {
    let mut problems = Vec::new();
    let mut in_math = false;
    let mut in_tag = false;
    let mut last_block = None;
    for Prose { text, line, html, block } in &page.prose {
        if last_block != Some(block) {
            in_math = false;
        }
        last_block = Some(block);
        let text = if *html { without_tags(text, &mut in_tag) } else { text.clone() };
        // `$$` opens or closes display math as `$` does inline math.
        let text = text.replace("$$", "$");
        // The pieces between `$` alternate between prose and math, across lines and events.
        for (n, piece) in text.split('$').enumerate() {
            if n > 0 {
                in_math = !in_math;
            }
            if !in_math && piece.contains('"') {
                problems
                    .push(format!("{chapter}:{line}: write “ ” instead of a straight \" in prose"));
            }
        }
    }
    // One finding a line, however many quotes it has.
    problems.dedup();
    problems
}

#[test]
fn prose_uses_curly_quotes() {
    let problems: Vec<String> = chapters()
        .iter()
        .flat_map(|(chapter, text)| check_curly_quotes(chapter, &parse(text)))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The chapters in reading order: the target of every link of SUMMARY.md, in order.
fn reading_order(summary: &str) -> Vec<String> {
    parse(summary).links.into_iter().map(|link| link.target).collect()
}

/// The training vocabulary and the page that teaches each term. The book uses these words from
/// the sigmoid chapter on, so a reader must meet each one first where it is explained.
const TAUGHT_TERMS: &[(&str, &str)] = &[
    ("손실", "learning.md"),
    ("경사 하강법", "gradient-descent.md"),
    ("학습률", "gradient-descent.md"),
    ("에포크", "gradient-descent.md"),
    ("순전파", "backprop.md"),
    ("역전파", "backprop.md"),
    ("연쇄 법칙", "backprop.md"),
];

/// In reading order, each training term first appears (anywhere in the page, code included) on
/// the page that teaches it, and that page introduces it in its prose the way the book
/// introduces a term: in bold, or followed by its English name in parentheses. A link to the
/// teaching page may name it earlier (“[연쇄 법칙과 역전파](backprop.md)에서 다룹니다”): that is
/// the page's title, as the sidebar shows it too.
fn check_terms(chapters: &[(String, String)], terms: &[(&str, &str)]) -> Vec<String> {
    let texts: BTreeMap<&str, &str> =
        chapters.iter().map(|(name, text)| (name.as_str(), text.as_str())).collect();
    let Some(summary) = texts.get("SUMMARY.md") else {
        return vec!["no SUMMARY.md".to_string()];
    };
    let order = reading_order(summary);
    let pages: BTreeMap<&str, Page> = order
        .iter()
        .filter_map(|name| Some((name.as_str(), parse(texts.get(name.as_str())?))))
        .collect();
    let mut problems = Vec::new();
    for &(term, teacher) in terms {
        if !order.iter().any(|page| page == teacher) {
            problems.push(format!("{teacher} is not in SUMMARY.md"));
            continue;
        }
        let uses = |name: &str| {
            let (Some(text), Some(page)) = (texts.get(name), pages.get(name)) else {
                return false;
            };
            // The text without the links to the teaching page.
            let mut cuts: Vec<&Range<usize>> = (page.links.iter())
                .filter(|link| link.target.split('#').next() == Some(teacher))
                .map(|link| &link.range)
                .collect();
            cuts.sort_by_key(|range| range.start);
            let mut rest = String::new();
            let mut from = 0;
            for range in cuts {
                if range.start >= from {
                    rest.push_str(&text[from..range.start]);
                    from = range.end;
                }
            }
            rest.push_str(&text[from..]);
            rest.contains(term)
        };
        let Some(first) = order.iter().find(|name| uses(name)) else {
            problems.push(format!("no page uses “{term}”"));
            continue;
        };
        if first != teacher {
            problems.push(format!(
                "“{term}” is used on {first} before {teacher} teaches it (in SUMMARY order)"
            ));
            continue;
        }
        let prose = &pages[teacher].marked_prose;
        let introduced = prose.contains(&format!("**{term}**"))
            || prose.contains(&format!("{term}("))
            || prose.contains(&format!("{term}**("));
        if !introduced {
            problems.push(format!(
                "{teacher} uses “{term}” but never introduces it (bold, or with its English name)"
            ));
        }
    }
    problems
}

#[test]
fn training_terms_are_taught_before_they_are_used() {
    let problems = check_terms(&chapters(), TAUGHT_TERMS);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Each check, fed markdown that breaks it, reports the place; and the cases a line-by-line
/// scan got wrong are read as CommonMark reads them.
mod checks_can_fail {
    use super::*;

    fn blocks(markdown: &str) -> Vec<String> {
        check_blocks_run("x.md", &parse(markdown))
    }

    fn quotes(markdown: &str) -> Vec<String> {
        check_curly_quotes("x.md", &parse(markdown))
    }

    fn link_targets(markdown: &str) -> Vec<String> {
        parse(markdown).links.into_iter().map(|link| link.target).collect()
    }

    #[test]
    fn an_ignored_or_not_run_block_is_caught_with_either_fence() {
        assert_eq!(blocks("글\n\n```rust\nfn main() {}\n```\n"), Vec::<String>::new());
        assert_eq!(
            blocks("```rust,ignore\nx\n```\n"),
            ["x.md:1: `ignore` blocks are not compiled or run"]
        );
        // The fence a line scan missed: skeptic runs `~~~` blocks like any other.
        assert_eq!(
            blocks("글\n\n~~~rust ignore\nx\n~~~\n"),
            ["x.md:3: `ignore` blocks are not compiled or run"]
        );
        assert_eq!(blocks("~~~ rust,no_run\nx\n~~~\n"), ["x.md:1: `no_run` blocks are not run"]);
        // Not a Rust block to skeptic, so not one it skips; and `ignore` inside a longer word
        // is not the token.
        assert_eq!(blocks("```text ignore\nx\n```\n"), Vec::<String>::new());
        assert_eq!(blocks("```rust,ignored-not\nx\n```\n"), Vec::<String>::new());
        // A ```` ``` ```` line inside a `~~~` block is code, not a fence.
        assert_eq!(blocks("~~~text\n```rust,ignore\n~~~\n"), Vec::<String>::new());
    }

    #[test]
    fn a_link_inside_inline_code_is_not_a_link() {
        assert_eq!(link_targets("쓰는 법: `[a](b.md)`, 끝."), Vec::<String>::new());
        assert_eq!(link_targets("[a](b.md)와 `[c](d.md)`"), ["b.md"]);
        // Nor inside a block of either kind.
        assert_eq!(link_targets("~~~\n[a](b.md)\n~~~\n"), Vec::<String>::new());
        assert_eq!(link_targets("글\n\n    [a](b.md)\n"), Vec::<String>::new());
        // A title is not part of the target, and a reference link is resolved.
        assert_eq!(link_targets("[a](b.md \"제목\")와 [c][d]\n\n[d]: e.md\n"), ["b.md", "e.md"]);
    }

    #[test]
    fn indented_code_is_not_prose() {
        assert_eq!(quotes("글입니다.\n\n    let s = \"x\";\n"), Vec::<String>::new());
        assert_eq!(quotes("~~~\nlet s = \"x\";\n~~~\n"), Vec::<String>::new());
        // The same line as prose is caught; four spaces in a list item are its text, not code.
        assert_eq!(
            quotes("글입니다.\n\nlet s = \"x\";\n"),
            ["x.md:3: write “ ” instead of a straight \" in prose"]
        );
        assert_eq!(
            quotes("- 목록\n\n    \"따옴표\"는\n"),
            ["x.md:3: write “ ” instead of a straight \" in prose"]
        );
    }

    #[test]
    fn straight_quotes_in_prose_are_caught_and_not_in_code_math_or_tags() {
        assert_eq!(quotes("“곱”은 `\"a\"` 와 $\\text{\"b\"}$"), Vec::<String>::new());
        assert_eq!(
            quotes("<div class=\"box key\" role=\"note\">\n<p>글</p>\n</div>\n"),
            Vec::<String>::new()
        );
        // Math that spans lines.
        assert_eq!(quotes("$$\n\\text{\"a\"}\n$$\n"), Vec::<String>::new());
        assert_eq!(
            quotes("# 제목\n\n\"곱\"은"),
            ["x.md:3: write “ ” instead of a straight \" in prose"]
        );
        assert_eq!(
            quotes("$x$ 다음 \"곱\""),
            ["x.md:1: write “ ” instead of a straight \" in prose"]
        );
        assert_eq!(
            quotes("<div class=\"box\">\n<p>\"곱\"</p>\n</div>\n"),
            ["x.md:2: write “ ” instead of a straight \" in prose"]
        );
    }

    #[test]
    fn images_need_korean_alt_text_and_a_file() {
        let check = |markdown: &str| check_images("x.md", &parse(markdown), &book_dir());
        let figure = std::fs::read_dir(book_dir().join("figures"))
            .expect("reading book/figures")
            .map(|entry| entry.expect("reading book/figures").file_name().into_string().unwrap())
            .find(|name| name.ends_with(".svg"))
            .expect("a figure in book/figures");
        let alt = "시그모이드 함수와 도함수의 그래프";
        assert_eq!(check(&format!("![{alt}](figures/{figure})")), Vec::<String>::new());
        assert_eq!(
            check(&format!("글\n\n![sigmoid](figures/{figure})")),
            [format!(
                "x.md:3: image figures/{figure} needs Korean alt text that says what it shows"
            )]
        );
        assert_eq!(
            check(&format!("![{alt}](figures/없는-그림.svg)")),
            ["x.md:1: image figures/없는-그림.svg does not exist"]
        );
        // An image in inline code is not shown, so not checked.
        assert_eq!(check("`![x](figures/없는-그림.svg)`"), Vec::<String>::new());
    }

    #[test]
    fn links_need_a_file_and_index_md() {
        let check =
            |chapter: &str, markdown: &str| check_links(chapter, &parse(markdown), &book_dir());
        let ok = "[시그모이드](sigmoid.md#x), [위](#y), [API](api/perceptron/), [밖](https://a.b/c.md), [들어가며](index.md)";
        assert_eq!(check("x.md", ok), Vec::<String>::new());
        assert_eq!(
            check("x.md", "[없음](no-such-page.md)"),
            ["x.md:1: link to no-such-page.md has no file"]
        );
        assert_eq!(
            check("x.md", "[들어가며](README.md)"),
            ["x.md:1: link to README.md: write index.md"]
        );
        assert_eq!(check("SUMMARY.md", "[들어가며](README.md)"), Vec::<String>::new());
    }

    #[test]
    fn terms_must_be_taught_first_and_introduced() {
        let book = |pages: &[(&str, &str)]| -> Vec<(String, String)> {
            let summary: String =
                pages.iter().map(|(name, _)| format!("- [{name}]({name})\n")).collect();
            std::iter::once(("SUMMARY.md".to_string(), summary))
                .chain(pages.iter().map(|(name, text)| (name.to_string(), text.to_string())))
                .collect()
        };
        let terms = &[("손실", "b.md")];
        let taught = "**손실**(loss)을 정의합니다.";
        // The teaching page's title in a link, or the term in inline code of a link to it, is
        // not a use; a use anywhere else before the teaching page is.
        assert_eq!(
            check_terms(&book(&[("a.md", "[손실](b.md#x)에서"), ("b.md", taught)]), terms),
            Vec::<String>::new()
        );
        assert_eq!(
            check_terms(&book(&[("a.md", "손실이 줄어듭니다."), ("b.md", taught)]), terms),
            ["“손실” is used on a.md before b.md teaches it (in SUMMARY order)"]
        );
        assert_eq!(
            check_terms(&book(&[("a.md", "```rust\n// 손실\n```\n"), ("b.md", taught)]), terms),
            ["“손실” is used on a.md before b.md teaches it (in SUMMARY order)"]
        );
        // Introduced in bold (either spelling) or with the English name; not in inline code.
        for introduced in ["**손실**을", "__손실__(loss)", "손실(loss)", "작은 **손실**(loss)"]
        {
            assert_eq!(check_terms(&book(&[("b.md", introduced)]), terms), Vec::<String>::new());
        }
        // `__손실__을` is not bold in CommonMark (`__` before a letter does not close).
        for not_introduced in ["손실을 줄입니다.", "`손실(loss)`", "*손실*", "__손실__을"]
        {
            assert_eq!(
                check_terms(&book(&[("b.md", not_introduced)]), terms),
                ["b.md uses “손실” but never introduces it (bold, or with its English name)"]
            );
        }
        assert_eq!(check_terms(&book(&[("a.md", "글")]), terms), ["b.md is not in SUMMARY.md"]);
        assert_eq!(check_terms(&book(&[("b.md", "글")]), terms), ["no page uses “손실”"]);
    }

    /// A real chapter broken in a copy: every check finds the one thing that was broken.
    #[test]
    fn a_broken_copy_of_a_chapter_fails_each_check() {
        let (chapter, text) =
            chapters().into_iter().find(|(name, _)| name == "sigmoid.md").expect("book/sigmoid.md");
        let dir = book_dir();
        let clean = parse(&text);
        assert!(check_images(&chapter, &clean, &dir).is_empty());
        assert!(check_links(&chapter, &clean, &dir).is_empty());
        assert!(check_blocks_run(&chapter, &clean).is_empty());
        assert!(check_curly_quotes(&chapter, &clean).is_empty());
        let lines = text.lines().count();
        let broken = format!(
            "{text}\n![figure](figures/none.svg) [다음](next.md) \"곱\"\n\n~~~rust ignore\nfn main() {{}}\n~~~\n"
        );
        let page = parse(&broken);
        let at = |n: usize| format!("{chapter}:{}", lines + n);
        assert_eq!(
            check_images(&chapter, &page, &dir),
            [
                format!(
                    "{}: image figures/none.svg needs Korean alt text that says what it shows",
                    at(2)
                ),
                format!("{}: image figures/none.svg does not exist", at(2)),
            ]
        );
        // The image is a link to a missing file too.
        assert_eq!(
            check_links(&chapter, &page, &dir),
            [
                format!("{}: link to figures/none.svg has no file", at(2)),
                format!("{}: link to next.md has no file", at(2)),
            ]
        );
        assert_eq!(
            check_blocks_run(&chapter, &page),
            [format!("{}: `ignore` blocks are not compiled or run", at(4))]
        );
        assert_eq!(
            check_curly_quotes(&chapter, &page),
            [format!("{}: write “ ” instead of a straight \" in prose", at(2))]
        );
    }
}
