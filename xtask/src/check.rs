//! Checks of the built site: nothing is loaded from another host, everything a page or a
//! stylesheet loads from the site itself (figures, the KaTeX CSS and fonts) is there, and
//! every link inside the site leads to a page and, with a `#fragment`, to an `id` on it.
//!
//! Only what the browser fetches by itself counts: `src`, `srcset` and `poster` of any tag and
//! `href` of `<link>` in HTML, `url(...)` and `@import` in CSS. Links the reader clicks
//! (`<a href="https://...">`) are fine. JavaScript is not read: mdBook's book.js names
//! play.rust-lang.org but only contacts it for runnable blocks, which book.toml turns off.

use std::fs;
use std::path::{Path, PathBuf};

/// One line per problem, naming the file and the URL.
pub fn site_problems(site: &Path) -> Result<Vec<String>, String> {
    let mut problems = Vec::new();
    for file in files(site)? {
        let kind = file.extension().and_then(|ext| ext.to_str()).unwrap_or("");
        if kind != "html" && kind != "css" {
            continue;
        }
        let text =
            fs::read_to_string(&file).map_err(|error| format!("{}: {error}", file.display()))?;
        let shown = file.strip_prefix(site).unwrap_or(&file).display();
        let (urls, dir) = if kind == "html" {
            // Relative URLs of a page with <base href> (404.html) start from the site's root.
            let dir = if text.contains("<base ") { site } else { file.parent().unwrap_or(site) };
            (html_loads(&text), dir)
        } else {
            (css_urls(&text), file.parent().unwrap_or(site))
        };
        for url in urls {
            if is_remote(url) {
                problems.push(format!("{shown}: 다른 호스트에서 불러옴: {url}"));
            } else if !url.starts_with("data:") && !local_file(site, dir, url).is_file() {
                problems.push(format!("{shown}: 없는 파일을 가리킴: {url}"));
            }
        }
        if kind == "html" {
            problems.extend(math_problems(&text).into_iter().map(|p| format!("{shown}: {p}")));
            for url in html_links(&text) {
                if let Some(problem) = broken_link(site, dir, &file, &text, url) {
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

/// The URLs an HTML page makes the browser fetch.
fn html_loads(html: &str) -> Vec<&str> {
    let mut urls = Vec::new();
    for piece in html.split('<').skip(1) {
        let tag = piece.split('>').next().unwrap_or(piece);
        let name = tag.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
        urls.extend(attribute_value(tag, "src"));
        urls.extend(attribute_value(tag, "poster"));
        if let Some(srcset) = attribute_value(tag, "srcset") {
            // `a.png 1x, b.png 2x`
            urls.extend(
                srcset.split(',').filter_map(|candidate| candidate.split_whitespace().next()),
            );
        }
        if name == "link" {
            urls.extend(attribute_value(tag, "href"));
        }
    }
    urls
}

/// Formulas that did not come out right. KaTeX marks what it cannot parse `katex-error`. And
/// the TeX source that `htmlAndMathml` keeps in each formula's `<annotation>` is still read by
/// the Markdown parser after mdbook-katex: an `_` there (as in `f(z)_i`) can pair with another
/// `_` and turn the text between them into `<em>`, which hides a whole sentence from view.
fn math_problems(html: &str) -> Vec<String> {
    let mut problems = Vec::new();
    if html.contains("katex-error") {
        problems.push("KaTeX가 읽지 못한 수식이 있음 (katex-error)".to_string());
    }
    for piece in html.split("<annotation").skip(1) {
        let tex = piece.split("</annotation>").next().unwrap_or(piece);
        if ["<em>", "</em>", "<strong>", "</strong>"].iter().any(|tag| tex.contains(tag)) {
            let start: String = tex.chars().skip_while(|&c| c != '>').skip(1).take(60).collect();
            problems.push(format!(
                "수식의 밑줄(_)이 Markdown 강조가 됨 (`)_`을 `) _`처럼 띄어 쓰세요): {start}"
            ));
        }
    }
    problems
}

/// The `href` of every `<a>` in a page: the links a reader clicks.
fn html_links(html: &str) -> Vec<&str> {
    html.split('<')
        .skip(1)
        .filter(|piece| piece.starts_with("a ") || piece.starts_with("a\n"))
        .filter_map(|piece| attribute_value(piece.split('>').next().unwrap_or(piece), "href"))
        .collect()
}

/// Why a link inside the site leads nowhere: a missing page, or a `#fragment` that no `id` in
/// the target page has. Links to other hosts and `mailto:` are not followed.
fn broken_link(site: &Path, dir: &Path, page: &Path, page_text: &str, url: &str) -> Option<String> {
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
    let text = if target == page {
        page_text.to_string()
    } else {
        fs::read_to_string(&target).unwrap_or_default()
    };
    let id = percent_decode(fragment);
    let has_id = text.contains(&format!("id=\"{id}\"")) || text.contains(&format!("id='{id}'"));
    (!has_id).then(|| "없는 제목(앵커)으로 가는 링크".to_string())
}

/// The value of ` name=...` in the text of a tag, quoted or not.
fn attribute_value<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let lower = tag.to_ascii_lowercase(); // same byte offsets as `tag`
    let mut from = 0;
    while let Some(found) = lower[from..].find(name) {
        let start = from + found;
        from = start + name.len();
        let whole_word = start > 0 && lower.as_bytes()[start - 1].is_ascii_whitespace();
        let Some(rest) = tag[from..].trim_start().strip_prefix('=') else { continue };
        if !whole_word {
            continue;
        }
        let rest = rest.trim_start();
        return Some(match rest.chars().next() {
            Some(quote @ ('"' | '\'')) => rest[1..].split(quote).next().unwrap_or(""),
            _ => rest.split(|c: char| c.is_ascii_whitespace()).next().unwrap_or(""),
        });
    }
    None
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

    #[test]
    fn loads_in_html() {
        let html = r#"<link rel="stylesheet" href="https://cdn.example/k.css"><a href="https://example.org">x</a>
            <script src='//cdn.example/x.js'></script><img srcset="a.png 1x, b.png 2x"><img alt="" SRC=figures/a.svg ><link href="css/g.css">"#;
        assert_eq!(
            html_loads(html),
            [
                "https://cdn.example/k.css",
                "//cdn.example/x.js",
                "a.png",
                "b.png",
                "figures/a.svg",
                "css/g.css"
            ]
        );
        let remote: Vec<_> = html_loads(html).into_iter().filter(|url| is_remote(url)).collect();
        assert_eq!(remote, ["https://cdn.example/k.css", "//cdn.example/x.js"]);
    }

    #[test]
    fn attribute_names_are_whole_words() {
        assert_eq!(attribute_value(r#"img data-src="a" src="b""#, "src"), Some("b"));
        assert_eq!(attribute_value(r#"meta content="src=x""#, "src"), None);
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
        let fine = r#"<math><annotation encoding="application/x-tex">f(z) _i</annotation></math>"#;
        assert!(math_problems(fine).is_empty());
        let eaten = r#"<annotation encoding="application/x-tex">f(z)<em>i + g</annotation>"#;
        assert_eq!(math_problems(eaten).len(), 1);
        assert_eq!(math_problems(r#"<span class="katex-error">\frac</span>"#).len(), 1);
    }

    #[test]
    fn links_and_anchors() {
        let dir = std::env::temp_dir().join(format!("xtask-links-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let page = dir.join("a.html");
        let text = r##"<h2 id="기울기-소실">x</h2><a href="b.html#top">b</a><a href="#%EA%B8%B0%EC%9A%B8%EA%B8%B0-%EC%86%8C%EC%8B%A4">here</a>"##;
        fs::write(&page, text).unwrap();
        fs::write(dir.join("b.html"), r#"<p id="top">"#).unwrap();
        assert_eq!(
            html_links(text),
            ["b.html#top", "#%EA%B8%B0%EC%9A%B8%EA%B8%B0-%EC%86%8C%EC%8B%A4"]
        );
        let check = |url| broken_link(&dir, &dir, &page, text, url);
        assert_eq!(check("b.html#top"), None);
        assert_eq!(check("#%EA%B8%B0%EC%9A%B8%EA%B8%B0-%EC%86%8C%EC%8B%A4"), None);
        assert_eq!(check("#기울기-소실"), None);
        assert!(check("b.html#nowhere").is_some());
        assert!(check("c.html").is_some());
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
