//! Checks on the book's markdown that mdBook itself does not make: every image has Korean alt
//! text and exists, every link to another chapter points at a file (links into the API docs,
//! `api/…`, are checked in the built site by `cargo xtask build`), and no Rust block is
//! exempted from being run.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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

/// Markdown links `[text](target)` or images `![alt](target)` outside code blocks, as
/// `(is_image, text, target)`.
fn links(markdown: &str) -> Vec<(bool, String, String)> {
    let mut found = Vec::new();
    let mut in_code = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        }
        if in_code {
            continue;
        }
        let mut rest = line;
        while let Some(open) = rest.find('[') {
            let is_image = rest[..open].ends_with('!');
            let after = &rest[open + 1..];
            let Some(close) = after.find("](") else { break };
            let Some(end) = after[close + 2..].find(')') else { break };
            let text = after[..close].to_string();
            let target = after[close + 2..close + 2 + end].to_string();
            found.push((is_image, text, target));
            rest = &after[close + 2 + end..];
        }
    }
    found
}

fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

#[test]
fn images_exist_and_have_korean_alt_text() {
    let mut images = 0;
    for (chapter, text) in chapters() {
        for (is_image, alt, target) in links(&text) {
            if !is_image {
                continue;
            }
            images += 1;
            assert!(
                alt.chars().filter(|&c| is_hangul(c)).count() >= 10,
                "{chapter}: image {target} needs Korean alt text that says what it shows"
            );
            assert!(book_dir().join(&target).is_file(), "{chapter}: image {target} does not exist");
        }
    }
    assert!(images > 0, "the book shows no figure at all");
}

#[test]
fn links_between_chapters_point_at_files() {
    for (chapter, text) in chapters() {
        for (_, _, target) in links(&text) {
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
            if chapter != "SUMMARY.md" {
                assert_ne!(file, "README.md", "{chapter}: link to {target}: write index.md");
            }
            let file = if file == "index.md" { "README.md" } else { file };
            assert!(book_dir().join(file).is_file(), "{chapter}: link to {target} has no file");
        }
    }
}

#[test]
fn every_rust_block_is_run() {
    for (chapter, text) in chapters() {
        for (n, line) in text.lines().enumerate() {
            let fence = line.trim_start();
            if let Some(info) = fence.strip_prefix("```rust") {
                assert!(
                    !info.contains("ignore"),
                    "{chapter}:{}: `ignore` blocks are not compiled or run",
                    n + 1
                );
            }
        }
    }
}

/// `text` without its HTML tags (`<…>`), which are not prose.
fn without_tags(text: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// mdBook's smart punctuation turns a straight `"` followed by Hangul (`"…"는`) into an
/// opening mark at both ends, so prose writes “ ” itself.
#[test]
fn prose_uses_curly_quotes() {
    for (chapter, text) in chapters() {
        let mut in_code = false;
        for (n, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("```") {
                in_code = !in_code;
            }
            if in_code {
                continue;
            }
            // Inline code and math may hold straight quotes: drop the odd-numbered pieces.
            // So may the HTML tags of the boxes (`<div class="box key">`): drop every tag.
            let prose: String = line
                .split('`')
                .step_by(2)
                .flat_map(|p| p.split('$').step_by(2))
                .map(without_tags)
                .collect();
            assert!(
                !prose.contains('"'),
                "{chapter}:{}: write “ ” instead of a straight \" in prose",
                n + 1
            );
        }
    }
}

/// The chapters in reading order: every `(file.md)` link of SUMMARY.md, in order.
fn reading_order() -> Vec<String> {
    let summary =
        std::fs::read_to_string(book_dir().join("SUMMARY.md")).expect("reading SUMMARY.md");
    links(&summary).into_iter().map(|(_, _, target)| target).collect()
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

/// In reading order, each training term first appears on the page that teaches it, and that
/// page introduces it the way the book introduces a term: in bold, or followed by its English
/// name in parentheses. A link to the teaching page may name it earlier (“[연쇄 법칙과
/// 역전파](backprop.md)에서 다룹니다”): that is the page's title, as the sidebar shows it too.
#[test]
fn training_terms_are_taught_before_they_are_used() {
    let order = reading_order();
    let texts: BTreeMap<String, String> = chapters().into_iter().collect();
    let text_of = |page: &str| texts.get(page).unwrap_or_else(|| panic!("no book/{page}"));
    for &(term, teacher) in TAUGHT_TERMS {
        assert!(order.iter().any(|page| page == teacher), "{teacher} is not in SUMMARY.md");
        let first = order
            .iter()
            .find(|page| {
                let mut text = text_of(page).clone();
                for (_, title, target) in links(text_of(page)) {
                    if target.split('#').next() == Some(teacher) {
                        text = text.replace(&format!("[{title}]({target})"), "");
                    }
                }
                text.contains(term)
            })
            .unwrap_or_else(|| panic!("no page uses “{term}”"));
        assert_eq!(
            first, teacher,
            "“{term}” is used on {first} before {teacher} teaches it (in SUMMARY order)"
        );
        let text = text_of(teacher);
        let introduced = text.contains(&format!("**{term}**"))
            || text.contains(&format!("{term}("))
            || text.contains(&format!("{term}**("));
        assert!(
            introduced,
            "{teacher} uses “{term}” but never introduces it (bold, or with its English name)"
        );
    }
}
