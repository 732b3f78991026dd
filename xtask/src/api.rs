//! The crate's API documentation inside the site, at `api/`.
//!
//! `cargo doc --no-deps -p perceptron` (rustdoc of the toolchain) writes the crate's pages, its
//! source pages, rustdoc's search index and its static files (CSS, JS and the woff2 fonts it
//! ships: rustdoc loads nothing from another host). It writes into its own target folder,
//! `target/api-doc/`, so that the copy holds this crate only: rustdoc merges `crates.js` and the
//! search index with whatever an earlier `cargo doc` (with dependencies, say) left in
//! `target/doc/`, and the site would then list crates it does not contain. The old output is
//! removed first (cargo then documents the crate again), so a renamed item leaves no stale page.
//!
//! The whole output goes to `target/book/api/`, with a small `api/index.html` that sends the
//! reader on to `api/perceptron/index.html` (rustdoc writes no page at its root). This runs
//! after Pagefind has indexed the chapters, so the book's search does not list rustdoc's pages;
//! rustdoc has its own search. Doc warnings (a broken intra-doc link) fail the build.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::{SITE_DIR, run};

/// The crate whose API the site shows.
const CRATE: &str = "perceptron";
/// Cargo's target folder for the API pages only (see the module comment).
const TARGET_DIR: &str = "target/api-doc";
/// The folder of the site that holds the API pages; the book links to `api/…`.
pub const API_DIR: &str = "api";

/// The landing page `api/index.html`: a redirect to the crate's page that works without
/// JavaScript, with a link for readers whose browser does not follow it.
fn landing_page() -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="크레이트 {CRATE}의 API 문서(rustdoc)">
<title>API 문서: {CRATE}</title>
<meta http-equiv="refresh" content="0; url={CRATE}/index.html">
</head>
<body>
<p><a href="{CRATE}/index.html">크레이트 {CRATE}의 API 문서</a>로 갑니다.
<a href="../index.html">책으로 돌아가기</a></p>
</body>
</html>
"#
    )
}

/// Documents the crate and copies the pages to `target/book/api/`. Returns the number of files
/// and their bytes.
pub fn build(root: &Path) -> Result<(usize, u64), String> {
    document(root)?;
    copy_into_site(root)
}

/// `cargo doc` into `target/api-doc/` (see the module comment).
pub fn document(root: &Path) -> Result<(), String> {
    let doc = root.join(TARGET_DIR).join("doc");
    if doc.exists() {
        fs::remove_dir_all(&doc)
            .map_err(|e| format!("{}을(를) 지울 수 없습니다: {e}", doc.display()))?;
    }
    println!("API 문서: cargo doc --no-deps -p {CRATE} (→ {SITE_DIR}/{API_DIR}/)");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    run(Command::new(cargo)
        .args(["doc", "--no-deps", "-p", CRATE, "--target-dir", TARGET_DIR])
        .env("RUSTDOCFLAGS", "-D warnings")
        .current_dir(root))?;
    if !doc.join(CRATE).join("index.html").is_file() {
        return Err(format!("rustdoc이 {}/{CRATE}/index.html을 쓰지 않았습니다", doc.display()));
    }
    Ok(())
}

/// Copies what [`document`] wrote to `target/book/api/`, replacing an older copy, with the
/// landing page. Returns the number of files and their bytes.
pub fn copy_into_site(root: &Path) -> Result<(usize, u64), String> {
    let doc = root.join(TARGET_DIR).join("doc");
    let api = root.join(SITE_DIR).join(API_DIR);
    if api.exists() {
        fs::remove_dir_all(&api)
            .map_err(|e| format!("{}을(를) 지울 수 없습니다: {e}", api.display()))?;
    }
    copy_dir(&doc, &api)?;
    fs::write(api.join("index.html"), landing_page())
        .map_err(|e| format!("{}/index.html을 쓸 수 없습니다: {e}", api.display()))?;
    crate::check::size(&api)
}

/// Copies the folder `from` to `to` (which must not exist), files and subfolders.
fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    fs::create_dir_all(to).map_err(|e| format!("{}을(를) 만들 수 없습니다: {e}", to.display()))?;
    let entries = fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", from.display()))?;
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        let kind = entry.file_type().map_err(|e| format!("{}: {e}", source.display()))?;
        if kind.is_dir() {
            copy_dir(&source, &target)?;
        } else {
            fs::copy(&source, &target).map_err(|e| format!("{}: {e}", source.display()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn landing_page_leads_to_the_crate_and_loads_nothing() {
        let page = landing_page();
        assert!(page.contains(r#"url=perceptron/index.html""#));
        assert!(page.contains(r#"<a href="perceptron/index.html">"#));
        assert!(!page.contains("://"), "the landing page names no other host");
        assert!(!page.contains("<script") && !page.contains("stylesheet"));
    }
}
