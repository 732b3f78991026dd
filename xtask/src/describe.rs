//! Meta descriptions: a step of `cargo xtask build` after `mdbook build`.
//!
//! mdBook 0.5.4 writes `<meta name="description" content="…">` with the book's `description`
//! (empty here) on every page, and its templates cannot read the page's content. This step fills
//! it in on each page of the site's top folder (not print.html and toc.html, which are not
//! chapters): from the page's 핵심 box (`<div class="box key" …>`, its list items as plain text)
//! or, without one, from the first paragraph of `<main>`. Search engines and Lighthouse's SEO
//! audit read it; it is what a result shows under the title.
//!
//! The markup is mdBook's own (pulldown-cmark's HTML and mdbook-katex's), so a small tokenizer of
//! tags, comments, quoted attributes and character references suffices. Formulas: KaTeX writes
//! each one twice, as MathML (with the TeX source in `<annotation>`) and as `aria-hidden` HTML;
//! the text of the MathML is kept when the formula is a plain run of symbols (`σ`, `x < 0`),
//! and an item with a fraction, power, root or the like is left out (its text would not read).

use std::fs;
use std::path::Path;

/// About what a search result shows; longer descriptions are cut at a sentence or a word.
const MAX_CHARS: usize = 160;
/// Pages that are not chapters: the whole book on one page and the sidebar's frame.
const SKIPPED: [&str; 2] = ["print.html", "toc.html"];
/// MathML elements whose text, read in order, does not say what the formula says.
const COMPLEX_MATH: [&str; 11] = [
    "mfrac",
    "msup",
    "msub",
    "msubsup",
    "msqrt",
    "mroot",
    "munder",
    "mover",
    "munderover",
    "mtable",
    "mmultiscripts",
];
/// Elements without an end tag.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Fills in the meta description of every page of `site`; returns how many pages got one.
pub fn describe_site(site: &Path) -> Result<usize, String> {
    let entries = fs::read_dir(site).map_err(|e| format!("{}: {e}", site.display()))?;
    let mut count = 0;
    let mut missing = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| format!("{}: {e}", site.display()))?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        if !name.ends_with(".html") || SKIPPED.contains(&name.as_str()) {
            continue;
        }
        let html = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        match description(&html) {
            Some(text) => {
                // Unchanged pages are not written again (`cargo xtask serve` watches their times).
                let described = with_description(&html, &text);
                if described != html {
                    fs::write(&path, described).map_err(|e| format!("{}: {e}", path.display()))?;
                }
                count += 1;
            }
            None => missing.push(name),
        }
    }
    if missing.is_empty() {
        Ok(count)
    } else {
        missing.sort();
        Err(format!(
            "설명(meta description)을 만들 핵심 상자나 첫 문단이 없는 페이지: {}",
            missing.join(", ")
        ))
    }
}

/// `html` with its meta description set to `text`: mdBook's empty one replaced, or one added
/// after `<title>` when there is none.
fn with_description(html: &str, text: &str) -> String {
    let tag = format!("<meta name=\"description\" content=\"{}\">", escape(text));
    if let Some(start) = html.find("<meta name=\"description\"")
        && let Some(len) = html[start..].find('>')
    {
        return format!("{}{tag}{}", &html[..start], &html[start + len + 1..]);
    }
    match html.find("</title>") {
        Some(at) => {
            let at = at + "</title>".len();
            format!("{}\n        {tag}{}", &html[..at], &html[at..])
        }
        None => html.to_string(),
    }
}

/// The description of a page: its 핵심 box's list items, else the first paragraph of `<main>`.
fn description(html: &str) -> Option<String> {
    let main = element_inner(html, "<main>", "main")?;
    let mut outside = main.to_string();
    if let Some(start) = find_key_box(main)
        && let Some(inner) = element_inner(&main[start..], "", "div")
    {
        if let Some(text) = compose(&blocks(inner, "li")) {
            return Some(text);
        }
        // The paragraphs outside the box (its title is a paragraph too).
        let inner_end = inner.as_ptr() as usize - main.as_ptr() as usize + inner.len();
        outside = format!("{}{}", &main[..start], &main[inner_end..]);
    }
    compose(&blocks(&outside, "p").into_iter().take(1).collect::<Vec<_>>())
}

/// Where the opening tag of the 핵심 box starts in `main`.
fn find_key_box(main: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = main[from..].find("<div") {
        let start = from + at;
        let tag = Tag::parse(&main[start..])?;
        if tag.name == "div"
            && tag.attr("class").is_some_and(|c| has_class(c, "box") && has_class(c, "key"))
        {
            return Some(start);
        }
        from = start + 4;
    }
    None
}

fn has_class(classes: &str, class: &str) -> bool {
    classes.split_ascii_whitespace().any(|c| c == class)
}

/// The inside of the element whose opening tag starts at `text[text.find(open)]` (the first
/// `<name` when `open` is empty), up to its matching end tag (nesting counted).
fn element_inner<'a>(text: &'a str, open: &str, name: &str) -> Option<&'a str> {
    let start = if open.is_empty() { text.find(&format!("<{name}"))? } else { text.find(open)? };
    let tag = Tag::parse(&text[start..])?;
    let inner_start = start + tag.len;
    let mut depth = 1;
    let mut pos = inner_start;
    while let Some(at) = text[pos..].find('<') {
        let at = pos + at;
        if text[at..].starts_with("<!--") {
            pos = at + text[at..].find("-->").map_or(text.len() - at, |e| e + 3);
            continue;
        }
        match Tag::parse(&text[at..]) {
            Some(t) if t.name == name && t.closing => {
                depth -= 1;
                if depth == 0 {
                    return Some(&text[inner_start..at]);
                }
                pos = at + t.len;
            }
            Some(t) => {
                if t.name == name && !t.self_closing {
                    depth += 1;
                }
                pos = at + t.len;
            }
            None => pos = at + 1,
        }
    }
    None
}

/// The text of one block (a list item or a paragraph) and whether it holds a formula whose
/// text does not read.
#[derive(Debug, PartialEq)]
struct Block {
    text: String,
    complex_math: bool,
}

/// The outermost `block` elements (`li` or `p`) of `fragment`, as plain text: comments, the
/// TeX annotation and the `aria-hidden` copy of each formula left out, whitespace collapsed.
fn blocks(fragment: &str, block: &str) -> Vec<Block> {
    let mut out = Vec::new();
    // Open elements: (name, hidden). Text counts when inside a block and no element is hidden.
    let mut stack: Vec<(String, bool)> = Vec::new();
    let mut current: Option<(usize, Block)> = None; // depth of the block's element, its text
    let mut pos = 0;
    while pos < fragment.len() {
        let rest = &fragment[pos..];
        if rest.starts_with("<!--") {
            pos += rest.find("-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        if rest.starts_with('<')
            && let Some(tag) = Tag::parse(rest)
        {
            pos += tag.len;
            if tag.closing {
                if let Some(i) = stack.iter().rposition(|(n, _)| *n == tag.name) {
                    stack.truncate(i);
                    if current.as_ref().is_some_and(|(depth, _)| *depth > stack.len()) {
                        let (_, mut done) = current.take().expect("checked");
                        done.text = done.text.split_whitespace().collect::<Vec<_>>().join(" ");
                        if !done.text.is_empty() {
                            out.push(done);
                        }
                    }
                }
                continue;
            }
            if let Some((_, b)) = current.as_mut() {
                if COMPLEX_MATH.contains(&tag.name.as_str()) {
                    b.complex_math = true;
                }
                if tag.name == "br" {
                    b.text.push(' ');
                }
            }
            if tag.self_closing || VOID.contains(&tag.name.as_str()) {
                continue;
            }
            let hidden = tag.name == "annotation"
                || tag.name == "script"
                || tag.name == "style"
                || tag.attr("aria-hidden") == Some("true");
            if current.is_none() && tag.name == block {
                current =
                    Some((stack.len() + 1, Block { text: String::new(), complex_math: false }));
            }
            stack.push((tag.name, hidden));
            continue;
        }
        // Text up to the next `<` after the first character (a `<` that starts no tag is text).
        let first = rest.chars().next().map_or(1, char::len_utf8);
        let end = rest[first..].find('<').map_or(rest.len(), |e| e + first);
        if let Some((_, b)) = current.as_mut()
            && !stack.iter().any(|(_, hidden)| *hidden)
        {
            // MathML's invisible operators (function application, times, …) are noise here.
            let text = decode(&rest[..end]);
            b.text.extend(text.chars().filter(|c| !('\u{2061}'..='\u{2064}').contains(c)));
        }
        pos += end;
    }
    out
}

/// The description from `blocks`: the readable ones in order, as many as fit in `MAX_CHARS`;
/// the first alone cut at its last sentence (or word) that fits when it is too long.
fn compose(blocks: &[Block]) -> Option<String> {
    let mut text = String::new();
    for block in blocks.iter().filter(|b| !b.complex_math) {
        let joined =
            if text.is_empty() { block.text.clone() } else { format!("{text} {}", block.text) };
        if joined.chars().count() <= MAX_CHARS {
            text = joined;
        } else if text.is_empty() {
            return Some(shorten(&block.text));
        }
    }
    // Empty when every block had a formula that does not read.
    (!text.is_empty()).then_some(text)
}

/// `text` cut to at most `MAX_CHARS` characters: after its last sentence that fits, else at a
/// space, with `…`.
fn shorten(text: &str) -> String {
    let fitting: String = text.chars().take(MAX_CHARS).collect();
    if let Some(end) = fitting.rfind(". ") {
        return fitting[..end + 1].to_string();
    }
    let fitting: String = text.chars().take(MAX_CHARS - 1).collect();
    match fitting.rfind(' ') {
        Some(space) => format!("{}…", &fitting[..space]),
        None => format!("{fitting}…"),
    }
}

/// One start or end tag at the beginning of `text`.
#[derive(Debug)]
struct Tag {
    name: String,
    closing: bool,
    self_closing: bool,
    attrs: Vec<(String, String)>,
    /// Bytes from `<` to `>` inclusive.
    len: usize,
}

impl Tag {
    /// Parses `<name attr="v" attr='v' attr=v attr>` or `</name>`; `None` when `text` does not
    /// start with a tag (a lone `<` in text, which pulldown-cmark escapes anyway).
    fn parse(text: &str) -> Option<Tag> {
        let bytes = text.as_bytes();
        if bytes.first() != Some(&b'<') {
            return None;
        }
        let mut i = 1;
        let closing = bytes.get(i) == Some(&b'/');
        if closing {
            i += 1;
        }
        let name_start = i;
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-') {
            i += 1;
        }
        if i == name_start || !bytes[name_start].is_ascii_alphabetic() {
            return None;
        }
        let name = text[name_start..i].to_ascii_lowercase();
        let mut attrs = Vec::new();
        let mut self_closing = false;
        loop {
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            match bytes.get(i) {
                None => return None,
                Some(b'>') => break,
                Some(b'/') if bytes.get(i + 1) == Some(&b'>') => {
                    self_closing = true;
                    i += 1;
                    break;
                }
                Some(b'/') => {
                    i += 1;
                    continue;
                }
                _ => {}
            }
            let attr_start = i;
            while i < bytes.len() && !b" \t\n\r\x0c/>=".contains(&bytes[i]) {
                i += 1;
            }
            let attr = text[attr_start..i].to_ascii_lowercase();
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let mut value = String::new();
            if bytes.get(i) == Some(&b'=') {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                match bytes.get(i) {
                    Some(&quote @ (b'"' | b'\'')) => {
                        let end = text[i + 1..].find(quote as char)? + i + 1;
                        value = decode(&text[i + 1..end]);
                        i = end + 1;
                    }
                    _ => {
                        let start = i;
                        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>'
                        {
                            i += 1;
                        }
                        value = decode(&text[start..i]);
                    }
                }
            }
            if attr.is_empty() {
                i += 1;
            } else {
                attrs.push((attr, value));
            }
        }
        Some(Tag { name, closing, self_closing, attrs, len: i + 1 })
    }

    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// Text with its character references (`&amp;`, `&#39;`, `&#x2212;`, the few named ones
/// pulldown-cmark writes) replaced by the characters.
fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ if name.starts_with("#x") || name.starts_with("#X") => {
                    u32::from_str_radix(&name[2..], 16).ok().and_then(char::from_u32)
                }
                _ if name.starts_with('#') => name[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            }
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `text` for a double-quoted attribute value.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    const KATEX_SIGMA: &str = r#"<span class="katex"><span class="katex-mathml"><math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><mi>σ</mi><mo>⁡</mo></mrow><annotation encoding="application/x-tex">\sigma</annotation></semantics></math></span><span class="katex-html" aria-hidden="true"><span class="base"><span class="strut" style="height:0.4306em;"></span><span class="mord mathnormal" style="margin-right:0.03588em;">σ</span></span></span></span>"#;
    const KATEX_QUARTER: &str = r#"<span class="katex"><span class="katex-mathml"><math><semantics><mrow><mfrac><mn>1</mn><mn>4</mn></mfrac></mrow><annotation encoding="application/x-tex">\frac{1}{4}</annotation></semantics></math></span><span class="katex-html" aria-hidden="true"><span class="mord">1</span><span class="mord">4</span></span></span>"#;

    fn page(main: &str) -> String {
        format!(
            "<!DOCTYPE HTML>\n<html lang=\"ko\"><head>\n<meta charset=\"UTF-8\">\n<title>쪽 - 책</title>\n\
             <meta name=\"description\" content=\"\">\n<meta name=\"viewport\" content=\"width=device-width\">\n\
             </head><body><nav><p>목차</p></nav><main>{main}</main></body></html>"
        )
    }

    #[test]
    fn key_box_items_plain_text() {
        let html = page(&format!(
            "<h1>시그모이드</h1>\n<div class=\"box key\" role=\"note\">\n<p class=\"box-title\">핵심</p>\n<ul>\n\
             <li>{KATEX_SIGMA}는 <em>0과 1</em> 사이로 보냅니다.</li>\n<!-- <li>주석</li> -->\
             <li>도함수는 최대 {KATEX_QUARTER}입니다.</li>\n<li>R&amp;D &lt;코드&gt; <code>exp</code>를 씁니다.</li>\n</ul>\n</div>\n\
             <p>첫 문단입니다.</p>"
        ));
        assert_eq!(
            description(&html).as_deref(),
            Some("σ는 0과 1 사이로 보냅니다. R&D <코드> exp를 씁니다.")
        );
    }

    #[test]
    fn first_paragraph_without_a_box() {
        let html = page(
            "<h1>제목</h1>\n<p>이 책은\n<a href=\"x.html\">퍼셉트론</a>에서 시작합니다.</p><p>둘째.</p>",
        );
        assert_eq!(description(&html).as_deref(), Some("이 책은 퍼셉트론에서 시작합니다."));
    }

    #[test]
    fn nested_divs_and_single_quotes_in_the_box() {
        let html = page(
            "<div class='note box key'><div class=\"inner\"><ul><li>안쪽</li></ul></div><ul><li>바깥</li></ul></div><div><ul><li>상자 밖</li></ul></div>",
        );
        assert_eq!(description(&html).as_deref(), Some("안쪽 바깥"));
    }

    #[test]
    fn a_box_without_readable_items_falls_back_to_the_paragraph() {
        let html = page(&format!(
            "<div class=\"box key\"><p class=\"box-title\">핵심</p><ul><li>{KATEX_QUARTER}</li></ul></div><p>문단 {KATEX_SIGMA}.</p>"
        ));
        assert_eq!(description(&html).as_deref(), Some("문단 σ."));
        assert_eq!(description(&page("<h1>빈 쪽</h1>")), None);
    }

    #[test]
    fn long_text_is_cut_at_a_sentence_or_a_word() {
        let sentence = "가".repeat(100) + ". ";
        let long = sentence.repeat(3);
        assert_eq!(shorten(&long), format!("{}.", "가".repeat(100)));
        let words = "나나나 ".repeat(60);
        let cut = shorten(&words);
        assert!(cut.ends_with("나나나…") && cut.chars().count() <= MAX_CHARS, "{cut}");
        let items: Vec<Block> = (0..3)
            .map(|i| Block { text: format!("{i}{}", "다".repeat(70)), complex_math: false })
            .collect();
        // Two items fit in 160 characters (71 + 1 + 71), the third does not.
        assert_eq!(compose(&items).unwrap().chars().count(), 143);
    }

    #[test]
    fn meta_replaced_or_added_and_escaped() {
        let html = page("<p>x</p>");
        let out = with_description(&html, "\"따옴표\" & <꺾쇠>");
        assert!(out.contains("<meta name=\"description\" content=\"&quot;따옴표&quot; &amp; &lt;꺾쇠&gt;\">\n<meta name=\"viewport\""));
        assert_eq!(out.matches("name=\"description\"").count(), 1);
        let again = with_description(&out, "다시");
        assert!(
            again.contains("content=\"다시\"")
                && again.matches("name=\"description\"").count() == 1
        );
        let bare = "<html><head><title>t</title></head><body></body></html>";
        assert!(
            with_description(bare, "d")
                .contains("<title>t</title>\n        <meta name=\"description\" content=\"d\">")
        );
    }

    #[test]
    fn tags_and_references() {
        let tag = Tag::parse("<a\thref=x.html title='a > b' hidden>").unwrap();
        assert_eq!(
            (tag.name.as_str(), tag.attr("href"), tag.attr("title")),
            ("a", Some("x.html"), Some("a > b"))
        );
        assert_eq!(tag.attr("hidden"), Some(""));
        assert!(Tag::parse("</LI >").is_some_and(|t| t.closing && t.name == "li"));
        assert!(Tag::parse("< 3").is_none());
        assert_eq!(decode("&#39;a&#x2212;b&amp;c&unknown; &"), "'a−b&c&unknown; &");
    }

    #[test]
    fn site_pages_get_descriptions_except_print_and_toc() {
        let dir = std::env::temp_dir().join(format!("xtask-describe-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let box_page = page("<div class=\"box key\"><ul><li>핵심 하나.</li></ul></div>");
        fs::write(dir.join("a.html"), &box_page).unwrap();
        fs::write(dir.join("print.html"), &box_page).unwrap();
        fs::write(dir.join("toc.html"), "<ol></ol>").unwrap();
        assert_eq!(describe_site(&dir), Ok(1));
        assert!(fs::read_to_string(dir.join("a.html")).unwrap().contains("content=\"핵심 하나.\""));
        assert!(fs::read_to_string(dir.join("print.html")).unwrap().contains("content=\"\""));
        fs::write(dir.join("b.html"), page("<h1>빈 쪽</h1>")).unwrap();
        assert!(describe_site(&dir).unwrap_err().contains("b.html"));
        fs::remove_dir_all(&dir).unwrap();
    }
}
