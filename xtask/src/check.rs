//! Checks of the built site: nothing is loaded from another host, everything a page or a
//! stylesheet loads from the site itself (figures, the KaTeX CSS and fonts) is there, and
//! every link inside the site leads to a page and, with a `#fragment`, to an `id` on it.
//!
//! Only what the browser fetches by itself counts: `src`, `srcset`, `poster` and `data` of any
//! tag, `href` of `<link>` and of SVG's `<image>`, `<use>` and `<feImage>`, and in CSS (a
//! stylesheet, a `<style>` element or a `style` attribute) `url(...)` and `@import`. Links the
//! reader clicks (`<a href="https://...">`) are fine. JavaScript is not read: mdBook's book.js
//! names play.rust-lang.org but only contacts it for runnable blocks, which book.toml turns off.
//!
//! Pages are read with html5gum, a WHATWG-conformant HTML tokenizer: comments, attribute values
//! such as `alt` text, and the text of `<script>` are not mistaken for tags, and attributes are
//! found whatever whitespace separates them.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use html5gum::{State, Token, Tokenizer};

/// One line per problem, naming the file and the URL.
pub fn site_problems(site: &Path) -> Result<Vec<String>, String> {
    let mut problems = Vec::new();
    let mut ids = HashMap::new(); // the `id`s of each page a `#fragment` link leads to
    for file in files(site)? {
        let kind = file.extension().and_then(|ext| ext.to_str()).unwrap_or("");
        if kind != "html" && kind != "css" {
            continue;
        }
        let text =
            fs::read_to_string(&file).map_err(|error| format!("{}: {error}", file.display()))?;
        let shown = file.strip_prefix(site).unwrap_or(&file).display();
        let page = if kind == "html" { Some(Page::parse(&text)) } else { None };
        let (urls, dir) = match &page {
            // Relative URLs of a page with <base href> (404.html) start from the site's root.
            Some(page) => (
                page.loads.clone(),
                if page.has_base { site } else { file.parent().unwrap_or(site) },
            ),
            None => (
                css_urls(&text).into_iter().map(str::to_string).collect(),
                file.parent().unwrap_or(site),
            ),
        };
        for url in &urls {
            if is_remote(url) {
                problems.push(format!("{shown}: 다른 호스트에서 불러옴: {url}"));
            } else if !url.starts_with("data:") && !local_file(site, dir, url).is_file() {
                problems.push(format!("{shown}: 없는 파일을 가리킴: {url}"));
            }
        }
        if let Some(page) = page {
            problems.extend(page.math.iter().map(|p| format!("{shown}: {p}")));
            for url in &page.links {
                if let Some(problem) = broken_link(site, dir, &file, &page.ids, &mut ids, url) {
                    problems.push(format!("{shown}: {problem}: {url}"));
                }
            }
        }
    }
    problems.dedup(); // mdBook writes each image twice (inline and zoomed)
    Ok(problems)
}

/// Number of files and their total size in bytes.
pub fn size(dir: &Path) -> Result<(usize, u64), String> {
    let files = files(dir)?;
    let bytes = files.iter().map(|file| file.metadata().map(|meta| meta.len()).unwrap_or(0)).sum();
    Ok((files.len(), bytes))
}

pub fn human_bytes(bytes: u64) -> String {
    format!("{bytes} 바이트, {:.2} MB", bytes as f64 / 1e6)
}

/// Every file under `dir`, sorted.
pub fn files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut found = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(dir) = todo.pop() {
        let entries = fs::read_dir(&dir).map_err(|error| format!("{}: {error}", dir.display()))?;
        for entry in entries {
            let path = entry.map_err(|error| format!("{}: {error}", dir.display()))?.path();
            if path.is_dir() { todo.push(path) } else { found.push(path) }
        }
    }
    found.sort();
    Ok(found)
}

fn is_remote(url: &str) -> bool {
    let url = url.trim().to_ascii_lowercase();
    url.starts_with("http:") || url.starts_with("https:") || url.starts_with("//")
}

/// The file a local URL names: relative to `dir`, or to `site` when it starts with `/`.
fn local_file(site: &Path, dir: &Path, url: &str) -> PathBuf {
    let path = percent_decode(url.split(['?', '#']).next().unwrap_or(url));
    match path.strip_prefix('/') {
        Some(from_root) => site.join(from_root),
        None => dir.join(path),
    }
}

/// `figures/%EC%8B%9C.svg` → `figures/시.svg`; anything that is not valid `%XX` stays as it is.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// What the checks need from an HTML page, read token by token as a browser's tokenizer would.
#[derive(Debug, Default)]
struct Page {
    /// The URLs the page makes the browser fetch, in document order.
    loads: Vec<String>,
    /// The `href` of every `<a>` and `<area>`: the links a reader clicks.
    links: Vec<String>,
    /// Every `id`: what a `#fragment` can lead to. (mdBook and rustdoc name no `<a name>`.)
    ids: HashSet<String>,
    /// The page has `<base href>` (404.html).
    has_base: bool,
    /// Formulas that did not come out right (see [`Page::parse`]).
    math: Vec<String>,
}

impl Page {
    /// Reads a page. Formulas that did not come out right: KaTeX marks what it cannot parse
    /// `class="katex-error"`. And the TeX source that `htmlAndMathml` keeps in each formula's
    /// `<annotation>` is still read by the Markdown parser after mdbook-katex: an `_` there (as
    /// in `f(z)_i`) can pair with another `_` and turn the text between them into `<em>`, which
    /// hides a whole sentence from view.
    fn parse(html: &str) -> Page {
        let mut page = Page::default();
        let mut tokenizer = Tokenizer::new(html);
        let mut style: Option<String> = None; // the text of an open <style>
        let mut annotation: Option<(String, bool)> = None; // its text, and whether it has <em>
        let mut katex_error = false;
        while let Some(Ok(token)) = tokenizer.next() {
            match token {
                Token::StartTag(tag) => {
                    let name = String::from_utf8_lossy(&tag.name).into_owned();
                    let attribute = |key: &str| {
                        tag.attributes
                            .get(key.as_bytes())
                            .map(|value| String::from_utf8_lossy(&value.value).into_owned())
                    };
                    page.loads.extend(attribute("src"));
                    page.loads.extend(attribute("poster"));
                    if let Some(srcset) = attribute("srcset") {
                        // `a.png 1x, b.png 2x`
                        page.loads.extend(srcset.split(',').filter_map(|candidate| {
                            candidate.split_whitespace().next().map(str::to_string)
                        }));
                    }
                    if name == "object" {
                        page.loads.extend(attribute("data"));
                    }
                    if ["link", "image", "use", "feimage"].contains(&name.as_str()) {
                        // `<use href="#shape">` names a part of the page itself: not a load.
                        let hrefs = [attribute("href"), attribute("xlink:href")];
                        page.loads
                            .extend(hrefs.into_iter().flatten().filter(|u| !u.starts_with('#')));
                    }
                    if let Some(css) = attribute("style") {
                        page.loads.extend(css_urls(&css).into_iter().map(str::to_string));
                    }
                    if name == "a" || name == "area" {
                        page.links.extend(attribute("href"));
                    }
                    page.ids.extend(attribute("id"));
                    page.has_base |= name == "base";
                    katex_error |= attribute("class").is_some_and(|class| {
                        class.split_ascii_whitespace().any(|c| c == "katex-error")
                    });
                    match name.as_str() {
                        "annotation" => annotation = Some((String::new(), false)),
                        "em" | "strong" => {
                            if let Some((_, emphasis)) = &mut annotation {
                                *emphasis = true;
                            }
                        }
                        _ => {}
                    }
                    // The tokenizer leaves switching states to its caller, as a browser's tree
                    // builder does: the text of these elements is not markup. `<noscript>` is
                    // read as markup, as a browser without JavaScript reads it.
                    if !tag.self_closing {
                        let state = match name.as_str() {
                            "style" => {
                                style = Some(String::new());
                                Some(State::RawText)
                            }
                            "script" => Some(State::ScriptData),
                            "textarea" | "title" => Some(State::RcData),
                            "iframe" | "xmp" | "noembed" | "noframes" => Some(State::RawText),
                            "plaintext" => Some(State::PlainText),
                            _ => None,
                        };
                        if let Some(state) = state {
                            tokenizer.set_state(state);
                        }
                    }
                }
                Token::String(text) => {
                    let text = String::from_utf8_lossy(&text.value);
                    for open in [style.as_mut(), annotation.as_mut().map(|(tex, _)| tex)] {
                        open.into_iter().for_each(|open| open.push_str(&text));
                    }
                }
                Token::EndTag(tag) => match tag.name.as_slice() {
                    b"style" => {
                        let css = style.take().unwrap_or_default();
                        page.loads.extend(css_urls(&css).into_iter().map(str::to_string));
                    }
                    b"annotation" => {
                        if let Some((tex, true)) = annotation.take() {
                            let start: String = tex.chars().take(60).collect();
                            page.math.push(format!(
                                "수식의 밑줄(_)이 Markdown 강조가 됨 (`)_`을 `) _`처럼 띄어 쓰세요): {start}"
                            ));
                        }
                    }
                    b"em" | b"strong" => {
                        if let Some((_, emphasis)) = &mut annotation {
                            *emphasis = true;
                        }
                    }
                    _ => {}
                },
                _ => {} // comments, doctype, parse errors (the tokenizer recovers)
            }
        }
        if katex_error {
            page.math.insert(0, "KaTeX가 읽지 못한 수식이 있음 (katex-error)".to_string());
        }
        page
    }
}

/// Why a link inside the site leads nowhere: a missing page, or a `#fragment` that no `id` in
/// the target page has (or, for a span of lines `#12-30` of rustdoc's source pages, not both). Links to other hosts and `mailto:` are not followed. `ids` keeps the
/// `id`s of the pages read so far.
fn broken_link(
    site: &Path,
    dir: &Path,
    page: &Path,
    page_ids: &HashSet<String>,
    ids: &mut HashMap<PathBuf, HashSet<String>>,
    url: &str,
) -> Option<String> {
    if is_remote(url) || url.contains(':') {
        return None;
    }
    let (path, fragment) = url.split_once('#').unwrap_or((url, ""));
    let target = if path.is_empty() { page.to_path_buf() } else { local_file(site, dir, path) };
    let target = if target.is_dir() { target.join("index.html") } else { target };
    if !target.is_file() {
        return Some("없는 페이지로 가는 링크".to_string());
    }
    if fragment.is_empty() {
        return None;
    }
    let target_ids = if target == page {
        page_ids
    } else {
        ids.entry(target.clone())
            .or_insert_with(|| Page::parse(&fs::read_to_string(&target).unwrap_or_default()).ids)
    };
    // As a browser does: the fragment as written, then percent-decoded (rustdoc writes
    // `id="impl-From%3CT%3E-for-T"`, mdBook `id="기울기-소실"`).
    let has_id = |id: &str| target_ids.contains(id);
    // rustdoc's source pages give each line an `id` and link a span of lines as `#12-30`,
    // which their script highlights: both lines must be there.
    let lines = fragment.split_once('-').filter(|(first, last)| {
        [first, last].iter().all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    });
    let found = has_id(fragment)
        || has_id(&percent_decode(fragment))
        || lines.is_some_and(|(first, last)| has_id(first) && has_id(last));
    (!found).then(|| "없는 제목(앵커)으로 가는 링크".to_string())
}

/// The URLs of `url(...)` and `@import "..."` in a stylesheet, without quotes.
fn css_urls(css: &str) -> Vec<&str> {
    let mut urls = Vec::new();
    for piece in css.split("url(").skip(1) {
        let inside = piece.split(')').next().unwrap_or(piece);
        urls.push(inside.trim().trim_matches(['"', '\'']));
    }
    for piece in css.split("@import").skip(1) {
        let rest = piece.trim_start();
        if let Some(quote @ ('"' | '\'')) = rest.chars().next() {
            urls.push(rest[1..].split(quote).next().unwrap_or(""));
        }
    }
    urls
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loads(html: &str) -> Vec<String> {
        Page::parse(html).loads
    }

    #[test]
    fn loads_in_html() {
        let html = r#"<link rel="stylesheet" href="https://cdn.example/k.css"><a href="https://example.org">x</a>
            <script src='//cdn.example/x.js'></script><img srcset="a.png 1x, b.png 2x"><img alt="" SRC=figures/a.svg ><link href="css/g.css">"#;
        assert_eq!(
            loads(html),
            [
                "https://cdn.example/k.css",
                "//cdn.example/x.js",
                "a.png",
                "b.png",
                "figures/a.svg",
                "css/g.css"
            ]
        );
        let remote: Vec<_> = loads(html).into_iter().filter(|url| is_remote(url)).collect();
        assert_eq!(remote, ["https://cdn.example/k.css", "//cdn.example/x.js"]);
    }

    #[test]
    fn attribute_names_are_whole_words() {
        assert_eq!(loads(r#"<img data-src="a" src="b">"#), ["b"]);
        assert!(loads(r#"<meta content="src=x">"#).is_empty());
        // Entities in attribute values are decoded, as the browser decodes them.
        assert_eq!(loads(r#"<img src="a.svg?x=1&amp;y=2">"#), ["a.svg?x=1&y=2"]);
    }

    // The crafted pages of the review (crate-2026-11 §3.4): what string searches got wrong.

    #[test]
    fn no_load_inside_a_comment() {
        assert!(loads(r#"<!-- <img src="https://x.example/a.png"> --><p>x</p>"#).is_empty());
    }

    #[test]
    fn no_load_inside_alt_text_or_script() {
        assert!(
            loads(r#"<img alt="see <img src=https://x.example/a.png>" src="a.svg">"#)
                .iter()
                .all(|url| url == "a.svg")
        );
        assert_eq!(loads(r#"<img alt="https://x.example/a.png" src=a.svg>"#), ["a.svg"]);
        assert!(
            loads(r#"<script>let s = "<img src=https://x.example/a.png>";</script>"#).is_empty()
        );
        assert!(loads(r#"<title><img src=https://x.example/a.png></title>"#).is_empty());
    }

    #[test]
    fn svg_image_is_a_load() {
        let html = r##"<svg><image href="https://x.example/a.png"/><image xlink:href="https://x.example/b.png"/><use href="#dot"/></svg>"##;
        assert_eq!(loads(html), ["https://x.example/a.png", "https://x.example/b.png"]);
    }

    #[test]
    fn css_inside_html_is_read() {
        let html = r#"<style>@import url(https://x.example/a.css); p{color:red}</style><p>@import url(https://not.a.load)</p>"#;
        assert_eq!(loads(html), ["https://x.example/a.css"]);
        let html = r#"<div style="background:url(https://x.example/b.png)">x</div>"#;
        assert_eq!(loads(html), ["https://x.example/b.png"]);
        // `<noscript>` is read as markup: a browser without JavaScript loads what it holds.
        assert_eq!(loads(r#"<noscript><img src="https://x.example/c.png"></noscript>"#).len(), 1);
    }

    #[test]
    fn whitespace_between_name_and_attribute() {
        let html = "<a\thref=\"b.html\">b</a><a\nhref=c.html>c</a><img\tsrc=d.svg>";
        let page = Page::parse(html);
        assert_eq!(page.links, ["b.html", "c.html"]);
        assert_eq!(page.loads, ["d.svg"]);
    }

    #[test]
    fn only_id_is_an_anchor() {
        let page = Page::parse(r#"<p data-id="top">x</p><a name="top"></a><h2 id='bottom'>y</h2>"#);
        assert!(!page.ids.contains("top"));
        assert!(page.ids.contains("bottom"));
        // An `id=` in text or in a comment is not an id either.
        assert!(Page::parse(r#"<!-- <p id="c"> --><p>id="d"</p>"#).ids.is_empty());
    }

    #[test]
    fn local_urls() {
        let (site, dir) = (Path::new("site"), Path::new("site/ch"));
        assert_eq!(
            local_file(site, dir, "fonts/A.woff2?v=1#x"),
            Path::new("site/ch/fonts/A.woff2")
        );
        assert_eq!(local_file(site, dir, "/figures/a.svg"), Path::new("site/figures/a.svg"));
        assert_eq!(local_file(site, dir, "%EC%8B%9C%2.svg"), Path::new("site/ch/시%2.svg"));
    }

    #[test]
    fn broken_math() {
        let math = |html| Page::parse(html).math;
        let fine = r#"<math><annotation encoding="application/x-tex">f(z) _i</annotation></math>"#;
        assert!(math(fine).is_empty());
        let eaten = r#"<annotation encoding="application/x-tex">f(z)<em>i + g</annotation>"#;
        assert_eq!(math(eaten).len(), 1);
        assert_eq!(math(r#"<span class="katex-error">\frac</span>"#).len(), 1);
        // Only the class counts: the word in prose or in a comment is not an error.
        assert!(math(r#"<p>katex-error</p><!-- class="katex-error" -->"#).is_empty());
    }

    #[test]
    fn links_and_anchors() {
        let dir = std::env::temp_dir().join(format!("xtask-links-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let page = dir.join("a.html");
        let text = r##"<h2 id="기울기-소실">x</h2><a href="b.html#top">b</a><a href="#%EA%B8%B0%EC%9A%B8%EA%B8%B0-%EC%86%8C%EC%8B%A4">here</a>"##;
        fs::write(&page, text).unwrap();
        fs::write(dir.join("b.html"), r#"<p id="top">"#).unwrap();
        fs::write(dir.join("c.html"), r#"<p data-id="top">"#).unwrap();
        fs::write(
            dir.join("lib.rs.html"),
            r#"<p id="impl-From%3CT%3E"><a id=1>1</a><a id=2>2</a>"#,
        )
        .unwrap();
        let parsed = Page::parse(text);
        assert_eq!(parsed.links, ["b.html#top", "#%EA%B8%B0%EC%9A%B8%EA%B8%B0-%EC%86%8C%EC%8B%A4"]);
        let mut ids = HashMap::new();
        let mut check = |url| broken_link(&dir, &dir, &page, &parsed.ids, &mut ids, url);
        assert_eq!(check("b.html#top"), None);
        assert_eq!(check("#%EA%B8%B0%EC%9A%B8%EA%B8%B0-%EC%86%8C%EC%8B%A4"), None);
        assert_eq!(check("#기울기-소실"), None);
        assert!(check("b.html#nowhere").is_some());
        assert!(check("c.html#top").is_some()); // only `data-id="top"` there
        assert!(check("d.html").is_some());
        assert_eq!(check("lib.rs.html#impl-From%3CT%3E"), None);
        assert_eq!(check("lib.rs.html#1-2"), None);
        assert!(check("lib.rs.html#1-3").is_some());
        assert!(check("lib.rs.html#1-").is_some());
        assert_eq!(check("https://example.org/x#y"), None);
        assert_eq!(check("mailto:a@example.org"), None);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn urls_in_css() {
        let css = r#"@import "https://x.example/a.css";@font-face{src:url(fonts/A.woff2) format("woff2")}
            .b{background:url( "data:image/png;base64,AA" )}"#;
        assert_eq!(
            css_urls(css),
            ["fonts/A.woff2", "data:image/png;base64,AA", "https://x.example/a.css"]
        );
    }
}
