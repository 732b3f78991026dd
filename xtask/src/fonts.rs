//! Font preloads: a step of `cargo xtask build` after `mdbook build`.
//!
//! KaTeX's fonts are named only in katex.min.css, so the browser asks for one after the CSS has
//! arrived and a formula has been laid out with it; until the font arrives the formula has a
//! fallback's widths, and the text around it moves when it comes (Lighthouse, mobile: cumulative
//! layout shift 0.09–0.17 on tanh-numerics.html and gradient-descent.html, 0.002 with preloads).
//! This step adds `<link rel="preload">` before the KaTeX stylesheet for each font that the
//! formulas of the page's first screen use, so the fonts load with the CSS.
//!
//! The first screen is the first [`FIRST_SCREEN`] parts of `<main>`: theme/head.hbs lays those
//! out on every load, and `content-visibility: auto` lays out the rest only near the screen, so
//! a font that only later parts need would be preloaded for nothing (and Chromium warns about a
//! preload that is not used). Which class needs which font is KaTeX's CSS ([`FONTS`]; a test
//! checks the table against the vendored katex.min.css).

use std::fs;
use std::path::Path;

use html5gum::{Token, Tokenizer};

/// The parts of `<main>` that theme/head.hbs never skips: `:nth-child(n+16)` there.
pub const FIRST_SCREEN: usize = 15;

/// KaTeX's classes (all on one element) and the font file (`KaTeX_<name>.woff2`) each needs,
/// from katex.min.css 0.16.4. `katex` itself: every formula's text is KaTeX_Main.
const FONTS: [(&[&str], &str); 25] = [
    (&["katex"], "Main-Regular"),
    (&["mathnormal"], "Math-Italic"),
    (&["mathit"], "Main-Italic"),
    (&["mathbf"], "Main-Bold"),
    (&["textbf"], "Main-Bold"),
    (&["boldsymbol"], "Math-BoldItalic"),
    (&["amsrm"], "AMS-Regular"),
    (&["mathbb"], "AMS-Regular"),
    (&["textbb"], "AMS-Regular"),
    (&["mathcal"], "Caligraphic-Regular"),
    (&["mathfrak"], "Fraktur-Regular"),
    (&["textfrak"], "Fraktur-Regular"),
    (&["mathtt"], "Typewriter-Regular"),
    (&["texttt"], "Typewriter-Regular"),
    (&["mathscr"], "Script-Regular"),
    (&["mathsf"], "SansSerif-Regular"),
    (&["textsf"], "SansSerif-Regular"),
    (&["delimsizing", "size1"], "Size1-Regular"),
    (&["delimsizing", "size2"], "Size2-Regular"),
    (&["delimsizing", "size3"], "Size3-Regular"),
    (&["delimsizing", "size4"], "Size4-Regular"),
    (&["delim-size1"], "Size1-Regular"),
    (&["delim-size4"], "Size4-Regular"),
    (&["op-symbol", "small-op"], "Size1-Regular"),
    (&["op-symbol", "large-op"], "Size2-Regular"),
];

/// Elements without an end tag.
const VOID: [&[u8]; 13] = [
    b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta",
    b"source", b"track", b"wbr",
];

/// What every preload this step writes contains.
const PRELOAD_MARK: &str = "<link rel=\"preload\" href=";
/// The KaTeX stylesheet's `href` ends so; the fonts are in `fonts/` next to it.
const KATEX_CSS: &str = "katex.min.css";

/// Adds the preloads to every page of `site`'s top folder except print.html (the whole book:
/// no first screen to speak of); returns how many pages got one and how many links in all.
pub fn preload_site(site: &Path) -> Result<(usize, usize), String> {
    let mut pages = 0;
    let mut links = 0;
    let entries = fs::read_dir(site).map_err(|e| format!("{}: {e}", site.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("{}: {e}", site.display()))?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if !name.ends_with(".html") || name == "print.html" {
            continue;
        }
        let html = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let fonts = first_screen_fonts(&html);
        // Already done (`cargo xtask serve` may finish the same pages twice).
        if fonts.is_empty() || html.contains(PRELOAD_MARK) {
            continue;
        }
        let with = with_preloads(&html, &fonts).ok_or_else(|| {
            format!("{}: KaTeX 스타일시트 링크({KATEX_CSS})가 없습니다", path.display())
        })?;
        fs::write(&path, with).map_err(|e| format!("{}: {e}", path.display()))?;
        pages += 1;
        links += fonts.len();
    }
    Ok((pages, links))
}

/// The fonts (names as in [`FONTS`]) that the formulas in the first [`FIRST_SCREEN`] element
/// children of `<main>` use, in the order first met.
fn first_screen_fonts(html: &str) -> Vec<&'static str> {
    let mut fonts = Vec::new();
    let mut depth = 0; // inside <main>: 1 at its children's level; 0 outside
    let mut parts = 0;
    for token in Tokenizer::new(html).flatten() {
        match token {
            Token::StartTag(tag) => {
                if depth == 0 {
                    depth = usize::from(tag.name.as_slice() == b"main");
                    continue;
                }
                if depth == 1 {
                    parts += 1;
                    if parts > FIRST_SCREEN {
                        break;
                    }
                }
                if let Some(class) = tag.attributes.get(b"class".as_slice()) {
                    let class = String::from_utf8_lossy(&class.value);
                    let classes: Vec<&str> = class.split_ascii_whitespace().collect();
                    for (needs, font) in FONTS {
                        if needs.iter().all(|c| classes.contains(c)) && !fonts.contains(&font) {
                            fonts.push(font);
                        }
                    }
                }
                if !tag.self_closing && !VOID.contains(&tag.name.as_slice()) {
                    depth += 1;
                }
            }
            Token::EndTag(tag) if depth > 0 => {
                depth -= 1;
                if depth == 0 && tag.name.as_slice() != b"main" {
                    break; // unbalanced markup: stop rather than read the rest as <main>
                }
            }
            _ => {}
        }
    }
    fonts
}

/// `html` with a preload of each font before the KaTeX stylesheet's `<link>`, whose `href`
/// gives the path; `None` when the page has no such link.
fn with_preloads(html: &str, fonts: &[&str]) -> Option<String> {
    let end = html.find(KATEX_CSS)?;
    let start = html[..end].rfind("<link")?;
    let href_start = html[start..end].find("href=\"")? + start + "href=\"".len();
    let dir = &html[href_start..end];
    let indent = html[..start].rsplit('\n').next().unwrap_or("");
    let links: String = fonts
        .iter()
        .map(|font| {
            // `crossorigin`: fonts are fetched in CORS mode; a preload without it is not reused.
            format!(
                "<link rel=\"preload\" href=\"{dir}fonts/KaTeX_{font}.woff2\" as=\"font\" type=\"font/woff2\" crossorigin>\n{indent}"
            )
        })
        .collect();
    Some(format!("{}{links}{}", &html[..start], &html[start..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(main: &str) -> String {
        format!(
            "<html><head>\n    <link rel=\"stylesheet\" href=\"assets/katex/katex.min.css\">\n</head><body><nav><span class=\"katex mathbf\"></span></nav><main>{main}</main><p class=\"katex\"></p></body></html>"
        )
    }

    #[test]
    fn fonts_of_the_first_screen_only() {
        let math = "<p><span class=\"katex\"><span class=\"mord mathnormal\">x</span></span></p>";
        let later = "<p><span class=\"katex\"><span class=\"mord mathbf\">w</span></span></p>";
        let mut main = format!("<h1>제목</h1>{math}");
        assert_eq!(first_screen_fonts(&page(&main)), ["Main-Regular", "Math-Italic"]);
        main += &"<p>글<br>글<img src=\"a.svg\"></p>".repeat(FIRST_SCREEN - 2);
        assert_eq!(first_screen_fonts(&page(&main)), ["Main-Regular", "Math-Italic"]);
        assert_eq!(first_screen_fonts(&page(&format!("{main}{later}"))).len(), 2);
        let earlier = format!("{later}{main}");
        assert_eq!(
            first_screen_fonts(&page(&earlier)),
            ["Main-Regular", "Main-Bold", "Math-Italic"]
        );
        // Outside <main> (the menu, the sidebar) nothing counts, and no formula means no font.
        assert!(first_screen_fonts(&page("<p>수식 없음</p>")).is_empty());
    }

    #[test]
    fn classes_that_need_each_other() {
        let sizing = "<p><span class=\"katex\"><span class=\"sizing reset-size6 size3\">x</span>\
            <span class=\"delimsizing size2\">(</span><svg><path d=\"M0 0\"/></svg></span></p>";
        assert_eq!(first_screen_fonts(&page(sizing)), ["Main-Regular", "Size2-Regular"]);
    }

    #[test]
    fn preloads_go_before_the_katex_stylesheet() {
        let html = page("");
        let with = with_preloads(&html, &["Main-Regular", "Size1-Regular"]).unwrap();
        assert!(with.contains(
            "\n    <link rel=\"preload\" href=\"assets/katex/fonts/KaTeX_Main-Regular.woff2\" as=\"font\" type=\"font/woff2\" crossorigin>\n    <link rel=\"preload\" href=\"assets/katex/fonts/KaTeX_Size1-Regular.woff2\""
        ));
        assert!(with.contains(
            "crossorigin>\n    <link rel=\"stylesheet\" href=\"assets/katex/katex.min.css\">"
        ));
        assert_eq!(with_preloads("<head></head>", &["Main-Regular"]), None);
    }

    /// The table is KaTeX's: each class (or pair) sets its font's family, style and weight in
    /// the vendored katex.min.css, and each font file is there.
    #[test]
    fn table_matches_the_vendored_katex() {
        let katex = Path::new(env!("CARGO_MANIFEST_DIR")).join("../book/assets/katex");
        let css = fs::read_to_string(katex.join("katex.min.css")).unwrap();
        for (classes, font) in FONTS {
            assert!(katex.join(format!("fonts/KaTeX_{font}.woff2")).is_file(), "{font}");
            if classes == ["katex"] {
                assert!(css.contains("font:normal 1.21em KaTeX_Main,"));
                continue;
            }
            // The last compound of a `.katex …` selector, e.g. `.delim-size1` of
            // `.katex .delimsizing.mult .delim-size1>span`.
            let compound = format!(".{}", classes.join("."));
            let rule = css
                .split('}')
                .find(|rule| {
                    rule.split('{').next().unwrap_or("").split(',').any(|s| {
                        s.starts_with(".katex ")
                            && s.rsplit(' ').next().map(|last| last.trim_end_matches(">span"))
                                == Some(compound.as_str())
                    })
                })
                .unwrap_or_else(|| panic!("no rule for {compound}"));
            let (family, face) = font.split_once('-').unwrap();
            // `.textbf` sets only the weight: its family is the formula's, KaTeX_Main.
            if classes != ["textbf"] {
                assert!(rule.contains(&format!("font-family:KaTeX_{family}")), "{rule}");
            }
            assert_eq!(rule.contains("font-weight:700"), face.contains("Bold"), "{rule}");
            assert_eq!(rule.contains("font-style:italic"), face.contains("Italic"), "{rule}");
        }
    }

    /// theme/head.hbs skips the parts after the first screen with `:nth-child(n+16)`.
    #[test]
    fn first_screen_matches_the_theme() {
        let head = Path::new(env!("CARGO_MANIFEST_DIR")).join("../theme/head.hbs");
        let head = fs::read_to_string(head).unwrap();
        assert!(head.contains(&format!(":nth-child(n+{})", FIRST_SCREEN + 1)));
    }
}
