//! Korean full-text search: a Pagefind index of the built site.
//!
//! mdBook's own search (elasticlunr) drops every non-ASCII character, so it indexes no Hangul
//! (rust-lang/mdBook#1081); book.toml turns it off. Instead, after `mdbook build`, Pagefind (the
//! npm package pinned in tools/package.json, which ships its binary) indexes the chapters into
//! `target/book/pagefind/`, and theme/search.js loads Pagefind's UI from there when the reader
//! opens search. Pagefind splits Korean text at spaces and matches a query word as a prefix, so
//! `시그모이드` finds `시그모이드는` and `시그모이드의`, and `시그모` finds both.
//!
//! What is indexed: only `<main>` of each page (the chapter; mdBook's menu bar, sidebar and
//! navigation are outside it), without formulas and code blocks (see `EXCLUDE_SELECTORS`), and
//! not print.html (every chapter again), 404.html or toc.html. Pagefind has no option to leave
//! files out, so the glob lists the pages to index instead.
//!
//! Ranking: the page that defines a term comes first. The glossary (glossary.html) links each
//! term to the place that explains it; before indexing, that page's `<main>` gets the terms as
//! Pagefind metadata (`data-pagefind-meta="terms:…"`), and theme/search.js weighs a match in
//! `terms` above one in a title (`ranking.metaWeights`). Without it, 기울기 소실 found the
//! experiment page titled with it before the sigmoid chapter that explains it, and 편향 이동 put
//! the tanh chapter fourth.
//!
//! theme/search.js (loaded on every page through book.toml's `additional-js`; kept short, since
//! every first visit downloads it) only adds a button to mdBook's menu bar and an empty dialog.
//! Pagefind's UI and engine (pagefind-ui.js/.css, pagefind.js, its worker and WebAssembly: 7
//! files, about 290 KB, 115 KB gzipped) are fetched the first time the reader opens search, then
//! only the index pieces a query needs; a chapter's first visit loads none of it. A site built
//! without Node.js has no index, and the dialog then says that search needs Node.js and npm at
//! build time. Colours come from theme/search.css (mdBook's theme variables), so all five themes
//! work. Keyboard: S or / opens search (not while typing in a field), Escape closes it, focus
//! goes to the search field and back to where it was. Hooks for the browser tests: the button
//! `#pagefind-toggle`, the dialog `#pagefind-panel`, and Pagefind's UI in `#pagefind-search`
//! (input `.pagefind-ui__search-input`, results `.pagefind-ui__result`, links
//! `.pagefind-ui__result-link`).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::thread;
use std::time::{Duration, SystemTime};

use crate::{SITE_DIR, check};

/// Pagefind's output folder inside the site (its default `--output-subdir`); theme/search.js
/// loads `pagefind/pagefind-ui.js` from the same place.
const BUNDLE: &str = "pagefind";
/// Pages of the site that are not chapters: all chapters at once, the not-found page, and the
/// table of contents for readers without JavaScript.
const NOT_INDEXED: [&str; 3] = ["print.html", "404.html", "toc.html"];
/// The chapter's text in an mdBook 0.5.4 page (index.hbs): `<main>{{{ content }}}</main>`.
const ROOT_SELECTOR: &str = "main";
/// Not indexed, so never in a result snippet:
/// - formulas (`.katex`, inline and display): KaTeX `htmlAndMathml` writes each formula twice and
///   neither copy reads as plain text (the visible HTML stacks `\frac{1}{4}` denominator first,
///   "41"; the MathML gives "14"; its `<annotation>` is TeX source). A snippet skips the formula,
///   and the Korean sentence around it is what readers search for;
/// - code blocks (`pre`, with mdBook's hidden `#` lines): `assert!`, `fn`, `let` are not prose.
///   Inline `code` stays: it names the crate's functions (`sigmoid_derivative`), which readers
///   search for.
const EXCLUDE_SELECTORS: &str = ".katex, pre";
/// The page whose glossary links say which page defines each term (see the module comment).
const GLOSSARY: &str = "glossary.html";
/// The `<main>` tag of an mdBook 0.5.4 page, exactly as index.hbs writes it.
const MAIN_TAG: &str = "<main>";

/// Whether the site gets its search index: Pagefind needs Node.js (its `pagefind` program is a
/// node script) and npm to install it.
pub enum Search {
    On(PathBuf),
    Off,
}

/// The one-line advice when Node.js or npm is missing (`what` names which).
fn no_node(what: &str) -> String {
    format!(
        "{what}이(가) PATH에 없습니다 / {what} is not on PATH: Node.js(npm 포함)를 설치하세요 \
         / install Node.js with npm (https://nodejs.org/, Debian: apt-get install -y nodejs npm)"
    )
}

/// Checks for node and npm before any long step. Without them, `required` (browser tests, CI)
/// fails in one line; otherwise the book is built without search and the reader is told how to
/// turn it on.
pub fn prepare(root: &Path, required: bool) -> Result<Search, String> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let npm = if cfg!(windows) { "npm.cmd" } else { "npm" };
    let node = if cfg!(windows) { "node.exe" } else { "node" };
    let missing = [node, npm]
        .into_iter()
        .find(|name| !std::env::split_paths(&path).any(|dir| dir.join(name).is_file()));
    match missing {
        None => ensure_tools(root).map(Search::On),
        Some(name) if required => Err(no_node(name)),
        Some(name) => {
            println!(
                "검색 꺼짐 / search off: {} — 책은 검색 없이 빌드합니다 / the book is built \
                 without search; 켜려면 설치 뒤 다시 실행하세요 / to turn it on, install it and \
                 run again",
                no_node(name)
            );
            Ok(Search::Off)
        }
    }
}

/// The npm tools in tools/ (pagefind among them), installed with `npm ci` when they are missing
/// or older than tools/package-lock.json. Returns the pagefind program.
fn ensure_tools(root: &Path) -> Result<PathBuf, String> {
    let tools = root.join("tools");
    let program = tools.join("node_modules/.bin").join(if cfg!(windows) {
        "pagefind.cmd"
    } else {
        "pagefind"
    });
    let lock = modified(&tools.join("package-lock.json"));
    let installed = modified(&tools.join("node_modules/.package-lock.json"));
    if let Some(why) = install_reason(program.is_file(), lock, installed) {
        println!(
            "npm 도구 설치 중 / installing npm tools ({why}): npm ci --prefix tools \
             (tools/package-lock.json의 pagefind, playwright-core 등을 tools/node_modules/에)…"
        );
        let npm = if cfg!(windows) { "npm.cmd" } else { "npm" };
        let mut command = Command::new(npm);
        command.args(["ci", "--prefix", "tools"]).current_dir(root);
        match command.status() {
            Ok(status) if status.success() => {}
            Ok(status) => {
                return Err(format!("`npm ci --prefix tools` 실패 / failed ({status})"));
            }
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Err(no_node("npm"));
            }
            Err(error) => {
                return Err(format!("npm을 실행할 수 없습니다 / cannot run npm: {error}"));
            }
        }
        if !program.is_file() {
            return Err(format!(
                "npm ci 뒤에도 {}이(가) 없습니다 / still missing after npm ci",
                program.display()
            ));
        }
    } else {
        println!("도구: tools/node_modules (pagefind) 있음");
    }
    Ok(program)
}

/// Why `npm ci` has to run, or `None` when the installed tools are up to date.
fn install_reason(
    has_pagefind: bool,
    lock: Option<SystemTime>,
    installed: Option<SystemTime>,
) -> Option<&'static str> {
    match (has_pagefind, lock, installed) {
        (false, _, _) => Some("tools/node_modules에 pagefind가 없음"),
        (true, Some(lock), Some(installed)) if lock > installed => {
            Some("tools/package-lock.json이 설치된 것보다 새로움")
        }
        (true, _, None) => Some("tools/node_modules/.package-lock.json이 없음"),
        _ => None,
    }
}

fn modified(path: &Path) -> Option<SystemTime> {
    path.metadata().and_then(|meta| meta.modified()).ok()
}

/// Indexes the chapters of the built site (`SITE_DIR` under `root`) into `SITE_DIR/pagefind/`.
pub fn index(root: &Path, pagefind: &Path) -> Result<(), String> {
    let site = root.join(SITE_DIR);
    let start_page = site.join("index.html");
    let start_text = fs::read_to_string(&start_page)
        .map_err(|error| format!("{}: {error}", start_page.display()))?;
    let language = html_lang(&start_text).ok_or_else(|| {
        format!(
            "{}에 <html lang>이 없습니다 / no <html lang> (book.toml [book] language)",
            start_page.display()
        )
    })?;
    let pages = pages(&site)?;
    if pages.is_empty() {
        return Err(format!("{}에 색인할 페이지가 없습니다 / no pages to index", site.display()));
    }
    let bundle = site.join(BUNDLE);
    if bundle.exists() {
        fs::remove_dir_all(&bundle).map_err(|error| format!("{}: {error}", bundle.display()))?;
    }
    let marked = mark_defined_terms(&site)?;
    let glob = glob(&pages);
    println!(
        "검색 색인: pagefind --site {SITE_DIR} --root-selector {ROOT_SELECTOR} \
         --exclude-selectors '{EXCLUDE_SELECTORS}' --force-language {language} --glob '{{…{} pages}}'",
        pages.len()
    );
    let mut command = Command::new(pagefind);
    command
        .args(["--site", SITE_DIR, "--root-selector", ROOT_SELECTOR])
        .args(["--exclude-selectors", EXCLUDE_SELECTORS, "--force-language", language])
        .args(["--glob", &glob, "--quiet"])
        .current_dir(root);
    // Not `run`: its error would repeat the glob of every page (hundreds of characters).
    match command.status() {
        Ok(status) if status.success() => {}
        Ok(status) => return Err(format!("pagefind 실패 / failed ({status})")),
        Err(error) => {
            return Err(format!(
                "{}을(를) 실행할 수 없습니다 / cannot run it: {error}",
                pagefind.display()
            ));
        }
    }

    let entry_path = bundle.join("pagefind-entry.json");
    let entry = fs::read_to_string(&entry_path)
        .map_err(|error| format!("{}: {error}", entry_path.display()))?;
    match page_count(&entry, language) {
        Some(count) if count == pages.len() => {}
        count => {
            return Err(format!(
                "Pagefind가 {}쪽 중 {}쪽을 색인했습니다 / indexed only some pages ({}): 모든 \
                 페이지에 <main>이 있나요? / does every page have <main>?",
                pages.len(),
                count.map_or("?".to_string(), |count| count.to_string()),
                entry_path.display()
            ));
        }
    }
    let (files, bytes) = check::size(&bundle)?;
    println!(
        "검색 색인: {}쪽, 언어 {language}, 용어집 용어를 정의하는 쪽 {marked}개, {} ({files}개 파일, {})",
        pages.len(),
        bundle.display(),
        check::human_bytes(bytes)
    );
    Ok(())
}

/// `mdbook serve` with what `cargo xtask build` adds: mdBook empties the site folder on every
/// rebuild, so whenever `pagefind/` is gone and the site has not changed for a moment,
/// `after_build` runs (the page steps, the search index, the API pages).
pub fn serve(
    root: &Path,
    mdbook_serve: &mut Command,
    after_build: &dyn Fn() -> Result<(), String>,
) -> Result<(), String> {
    let site = root.join(SITE_DIR);
    stop::install();
    let child = mdbook_serve.spawn().map_err(|error| format!("mdbook serve: {error}"))?;
    // Dropped on every way out of this function, so mdbook serve never outlives it.
    let mut child = StopOnDrop(child);
    let child = &mut child.0;
    let mut tried: Option<SystemTime> = None;
    loop {
        if stop::requested() {
            // SIGTERM from `kill` or an IDE reaches this process only, not mdbook serve.
            println!("끝냅니다 / stopping: mdbook serve (pid {})", child.id());
            return Ok(());
        }
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => return Err(format!("`mdbook serve` 실패 / failed ({status})")),
            Ok(None) => {}
            Err(error) => return Err(format!("mdbook serve: {error}")),
        }
        thread::sleep(Duration::from_millis(500));
        let built = modified(&site.join("index.html"));
        let quiet_since = Duration::from_millis(700);
        if built.is_some()
            && built != tried
            && !site.join(BUNDLE).exists()
            && newest_change(&site).is_some_and(|newest| age(newest) >= quiet_since)
        {
            if let Err(error) = after_build() {
                eprintln!(
                    "경고 / warning: 빌드 뒤 단계가 실패했습니다 (책을 고치면 다시 시도) / the \
                     after-build steps failed (retried on the next change): {error}"
                );
            }
            // After the steps above, which rewrite index.html too: once per mdBook build.
            tried = modified(&site.join("index.html"));
        }
    }
}

/// Kills and reaps the child when dropped.
struct StopOnDrop(Child);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        if let Ok(None) = self.0.try_wait() {
            let _ = self.0.kill();
        }
        let _ = self.0.wait();
    }
}

/// SIGTERM, SIGINT and SIGHUP ask `serve` to stop its child and return, instead of ending this
/// process at once and leaving mdbook serve running with the port.
#[cfg(unix)]
mod stop {
    use std::sync::atomic::{AtomicBool, Ordering};

    static REQUESTED: AtomicBool = AtomicBool::new(false);

    extern "C" fn on_signal(_: libc::c_int) {
        REQUESTED.store(true, Ordering::SeqCst);
    }

    pub fn install() {
        let handler = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
        for signal in [libc::SIGTERM, libc::SIGINT, libc::SIGHUP] {
            // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
            unsafe { libc::signal(signal, handler) };
        }
    }

    pub fn requested() -> bool {
        REQUESTED.load(Ordering::SeqCst)
    }
}

/// Elsewhere Ctrl-C ends the whole console group, mdbook serve with it.
#[cfg(not(unix))]
mod stop {
    pub fn install() {}

    pub fn requested() -> bool {
        false
    }
}

/// The latest modification time among the files directly in `dir`.
fn newest_change(dir: &Path) -> Option<SystemTime> {
    let entries = fs::read_dir(dir).ok()?;
    entries.flatten().filter_map(|entry| modified(&entry.path())).max()
}

fn age(time: SystemTime) -> Duration {
    SystemTime::now().duration_since(time).unwrap_or_default()
}

/// Writes each glossary term, Korean and English, into the `<main>` of the page its glossary row
/// links first (`data-pagefind-meta="terms:기울기 소실 / vanishing gradient / …"`). Returns how
/// many pages were marked; none when the site has no glossary.
fn mark_defined_terms(site: &Path) -> Result<usize, String> {
    let glossary = site.join(GLOSSARY);
    let Ok(text) = fs::read_to_string(&glossary) else { return Ok(0) };
    let terms = defined_terms(&text);
    for (page, names) in &terms {
        let path = site.join(page);
        let html = fs::read_to_string(&path).map_err(|error| {
            format!(
                "{}: {error} (용어집 {GLOSSARY}이 링크한 쪽 / linked from the glossary)",
                path.display()
            )
        })?;
        let Some(marked) = with_terms(&html, names) else {
            return Err(format!("{}에 {MAIN_TAG}이 없습니다 / has no {MAIN_TAG}", path.display()));
        };
        fs::write(&path, marked).map_err(|error| format!("{}: {error}", path.display()))?;
    }
    Ok(terms.len())
}

/// The glossary table's terms by the page that defines them: each row is
/// `<tr><td>한국어</td><td>English</td><td>뜻</td><td><a href="page.html#id">…</a>, …</td></tr>`,
/// and its first link names the page.
fn defined_terms(glossary: &str) -> BTreeMap<String, Vec<String>> {
    let mut terms: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for row in glossary.split("<tr>").skip(1) {
        let row = row.split("</tr>").next().unwrap_or_default();
        let cells: Vec<&str> = row
            .split("<td>")
            .skip(1)
            .map(|cell| cell.split("</td>").next().unwrap_or(""))
            .collect();
        let [korean, english, .., places] = cells.as_slice() else { continue };
        let Some(href) = places.split("href=\"").nth(1) else { continue };
        let page = href.split(['"', '#']).next().unwrap_or_default();
        if page.is_empty() || page.contains(':') || !page.ends_with(".html") {
            continue; // another site, or a link within the glossary
        }
        let names = terms.entry(page.to_string()).or_default();
        for name in [korean, english] {
            // A comma would start another metadata field; `(이 책의 용어)` is no English term.
            let name = plain_text(name).replace(',', " ");
            if !name.is_empty() && !name.starts_with('(') {
                names.push(name);
            }
        }
    }
    terms
}

/// The text of an HTML fragment without its tags (entities stay escaped, as in an attribute).
fn plain_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// `html` with the terms as Pagefind metadata on its `<main>`, or `None` without one.
fn with_terms(html: &str, names: &[String]) -> Option<String> {
    let at = html.find(MAIN_TAG)?;
    let value = names.join(" / ").replace('"', "&quot;");
    let tag = format!("<main data-pagefind-meta=\"terms:{value}\">");
    Some(format!("{}{tag}{}", &html[..at], &html[at + MAIN_TAG.len()..]))
}

/// The HTML pages of the site to index, relative to it with `/` separators, sorted: every
/// `.html` file except those in `NOT_INDEXED` at the top and anything in Pagefind's own folder.
fn pages(site: &Path) -> Result<Vec<String>, String> {
    let mut pages = Vec::new();
    for file in check::files(site)? {
        let Ok(relative) = file.strip_prefix(site) else { continue };
        let parts: Vec<String> =
            relative.components().map(|part| part.as_os_str().to_string_lossy().into()).collect();
        let name = parts.join("/");
        let excluded = NOT_INDEXED.contains(&name.as_str()) || parts[0] == BUNDLE;
        if name.ends_with(".html") && !excluded {
            pages.push(name);
        }
    }
    pages.sort();
    Ok(pages)
}

/// A Pagefind `--glob` that matches exactly these files: `{a.html,b/c.html}`, with the glob's
/// special characters escaped.
fn glob(pages: &[String]) -> String {
    let escaped: Vec<String> = pages
        .iter()
        .map(|page| {
            let mut out = String::with_capacity(page.len());
            for c in page.chars() {
                // Pagefind's glob (wax) rejects escapes of other characters, such as `\#`.
                if "\\*?[]{}(),<>:$".contains(c) {
                    out.push('\\');
                }
                out.push(c);
            }
            out
        })
        .collect();
    match escaped.as_slice() {
        [one] => one.clone(),
        many => format!("{{{}}}", many.join(",")),
    }
}

/// The `lang` of the page's `<html>` tag.
fn html_lang(html: &str) -> Option<&str> {
    let start = html.find("<html")?;
    let tag = &html[start..start + html[start..].find('>')?];
    let value = tag.split(" lang=").nth(1)?;
    let value = match value.chars().next()? {
        quote @ ('"' | '\'') => value[1..].split(quote).next()?,
        _ => value.split_whitespace().next()?,
    };
    (!value.is_empty()).then_some(value)
}

/// `page_count` of `language` in pagefind-entry.json:
/// `{"version":"1.6.0","languages":{"ko":{"hash":"…","wasm":null,"page_count":9}},…}`.
fn page_count(entry: &str, language: &str) -> Option<usize> {
    let at = entry.find(&format!("\"{language}\":{{"))?;
    let rest = &entry[at..];
    let rest = &rest[..rest.find('}')?];
    let count = rest.split("\"page_count\":").nth(1)?;
    count.trim().trim_end_matches(',').parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn when_to_install() {
        let (old, new) = (SystemTime::UNIX_EPOCH, SystemTime::now());
        assert!(install_reason(false, Some(old), Some(new)).is_some());
        assert!(install_reason(true, Some(new), Some(old)).is_some());
        assert!(install_reason(true, Some(old), None).is_some());
        assert_eq!(install_reason(true, Some(old), Some(new)), None);
        assert_eq!(install_reason(true, Some(new), Some(new)), None);
        assert_eq!(install_reason(true, None, Some(new)), None);
    }

    #[test]
    fn globs() {
        let pages = |names: &[&str]| names.iter().map(|name| name.to_string()).collect::<Vec<_>>();
        assert_eq!(glob(&pages(&["index.html"])), "index.html");
        assert_eq!(
            glob(&pages(&["index.html", "part/시그모이드.html"])),
            "{index.html,part/시그모이드.html}"
        );
        assert_eq!(glob(&pages(&["a,b{1}.html", "c.html"])), r"{a\,b\{1\}.html,c.html}");
    }

    #[test]
    fn chapter_pages() {
        let site = std::env::temp_dir().join(format!("xtask-search-{}", std::process::id()));
        for file in [
            "index.html",
            "sigmoid.html",
            "print.html",
            "404.html",
            "toc.html",
            "part/print.html",
            "pagefind/playground/index.html",
            "figures/a.svg",
        ] {
            let path = site.join(file);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "").unwrap();
        }
        assert_eq!(pages(&site).unwrap(), ["index.html", "part/print.html", "sigmoid.html"]);
        fs::remove_dir_all(&site).unwrap();
    }

    #[test]
    fn language_of_page() {
        let page =
            "<!DOCTYPE HTML>\n<html lang=\"ko\" class=\"light sidebar-visible\" dir=\"ltr\">";
        assert_eq!(html_lang(page), Some("ko"));
        assert_eq!(html_lang("<html class='x' lang='en-GB'>"), Some("en-GB"));
        assert_eq!(html_lang("<html lang=ko>"), Some("ko"));
        assert_eq!(html_lang("<html class=\"light\"><p lang=\"en\">"), None);
        assert_eq!(html_lang("<html lang=\"\">"), None);
    }

    #[test]
    fn glossary_terms() {
        let glossary = "<table><thead><tr><th>한국어</th></tr></thead><tbody>\
            <tr><td>기울기 소실</td><td>vanishing gradient</td><td>뜻 $x$</td>\
            <td><a href=\"sigmoid.html#기울기-소실\">시그모이드</a></td></tr>\
            <tr><td>조용한 유닛</td><td>(이 책의 용어)</td><td>뜻</td>\
            <td><a href=\"experiment-learning.html#설정\">실험</a>, <a href=\"relu.html\">렐루</a></td></tr>\
            <tr><td><strong>기울기 폭주</strong></td><td>exploding, gradient</td><td>뜻</td>\
            <td><a href=\"sigmoid.html\">시그모이드</a></td></tr>\
            <tr><td>외부</td><td>outside</td><td>뜻</td><td><a href=\"https://example.com/a.html\">a</a></td></tr>\
            <tr><td>없음</td><td>none</td><td>뜻</td><td></td></tr></tbody></table>";
        let terms = defined_terms(glossary);
        assert_eq!(terms.len(), 2);
        assert_eq!(
            terms["sigmoid.html"],
            ["기울기 소실", "vanishing gradient", "기울기 폭주", "exploding  gradient"]
        );
        assert_eq!(terms["experiment-learning.html"], ["조용한 유닛"]);
    }

    #[test]
    fn terms_on_main() {
        let names = ["기울기 소실".to_string(), "a \"b\"".to_string()];
        assert_eq!(
            with_terms("<body><main><h1>x</h1></main>", &names).unwrap(),
            "<body><main data-pagefind-meta=\"terms:기울기 소실 / a &quot;b&quot;\"><h1>x</h1></main>"
        );
        assert_eq!(with_terms("<body><div>x</div>", &names), None);
    }

    #[test]
    fn entry_page_count() {
        let entry = r#"{"version":"1.6.0","languages":{"ko":{"hash":"ko_decaee809b","wasm":null,"page_count":9}},"include_characters":["_"]}"#;
        assert_eq!(page_count(entry, "ko"), Some(9));
        assert_eq!(page_count(entry, "en"), None);
    }
}
