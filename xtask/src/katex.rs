//! `cargo xtask vendor-katex`: KaTeX's CSS and fonts, served with the book instead of from a CDN.
//!
//! mdbook-katex typesets the formulas at build time; the page then needs only katex.min.css and
//! its fonts. They come from the npm package katex@0.16.4, the KaTeX that mdbook-katex 0.10.0
//! bundles (its CDN link names that version), and go to book/assets/katex/, which mdBook copies
//! to the site as assets/katex/ (theme/head.hbs links it). Every browser the book targets reads
//! woff2, so only the woff2 fonts are kept and the woff/ttf fallbacks are cut out of the CSS.
//!
//! Steps: `npm pack katex@0.16.4` (npm checks the registry's integrity hash), `tar xzf`, then copy
//! dist/katex.min.css (rewritten), dist/fonts/*.woff2 and LICENSE (MIT).

use std::fs;
use std::path::Path;
use std::process::{self, Command};

use crate::{check, run};

const VERSION: &str = "0.16.4";

pub fn vendor(root: &Path) -> Result<(), String> {
    let dest = root.join("book/assets/katex");
    let work = std::env::temp_dir().join(format!("xtask-katex-{}", process::id()));
    fs::create_dir_all(&work).map_err(io(&work))?;

    println!("npm pack katex@{VERSION} ({})", work.display());
    run(Command::new("npm")
        .args(["pack", "--silent", &format!("katex@{VERSION}")])
        .current_dir(&work))?;
    run(Command::new("tar").args(["xzf", &format!("katex-{VERSION}.tgz")]).current_dir(&work))?;
    let package = work.join("package");
    let dist = package.join("dist");

    let mut woff2 = Vec::new();
    for file in check::files(&dist.join("fonts"))? {
        if file.extension().is_some_and(|ext| ext == "woff2") {
            woff2.push(file);
        }
    }
    let css_path = dist.join("katex.min.css");
    let css = fs::read_to_string(&css_path).map_err(io(&css_path))?;
    let stems: Vec<&str> = woff2.iter().filter_map(|file| file.file_stem()?.to_str()).collect();
    let css = keep_only_woff2(&css, &stems)?;

    if dest.exists() {
        fs::remove_dir_all(&dest).map_err(io(&dest))?;
    }
    let fonts = dest.join("fonts");
    fs::create_dir_all(&fonts).map_err(io(&fonts))?;
    fs::write(dest.join("katex.min.css"), css).map_err(io(&dest))?;
    fs::copy(package.join("LICENSE"), dest.join("LICENSE")).map_err(io(&package))?;
    for file in &woff2 {
        fs::copy(file, fonts.join(file.file_name().unwrap_or_default())).map_err(io(file))?;
    }
    fs::remove_dir_all(&work).map_err(io(&work))?;

    let problems = check::site_problems(&dest)?;
    if !problems.is_empty() {
        return Err(format!("만든 CSS에 문제가 있습니다:\n  {}", problems.join("\n  ")));
    }
    let (files, bytes) = check::size(&dest)?;
    println!("완료: {} ({files}개 파일, {})", dest.display(), check::human_bytes(bytes));
    Ok(())
}

/// An error message for a failed file operation on `path`.
fn io(path: &Path) -> impl Fn(std::io::Error) -> String + '_ {
    move |error| format!("{}: {error}", path.display())
}

/// Cuts `,url(fonts/NAME.woff) format("woff"),url(fonts/NAME.ttf) format("truetype")` out of every
/// `@font-face`, leaving `src:url(fonts/NAME.woff2) format("woff2")`.
fn keep_only_woff2(css: &str, stems: &[&str]) -> Result<String, String> {
    let mut css = css.to_owned();
    for stem in stems {
        let fallbacks = format!(
            r#",url(fonts/{stem}.woff) format("woff"),url(fonts/{stem}.ttf) format("truetype")"#
        );
        css = css.replace(&fallbacks, "");
    }
    if css.contains(".woff)") || css.contains(".ttf)") {
        return Err(format!(
            "katex@{VERSION}의 katex.min.css가 예상과 다릅니다: woff/ttf 글꼴이 남았습니다"
        ));
    }
    Ok(css)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fallbacks_are_cut() {
        let css = r#"@font-face{font-family:KaTeX_AMS;src:url(fonts/KaTeX_AMS-Regular.woff2) format("woff2"),url(fonts/KaTeX_AMS-Regular.woff) format("woff"),url(fonts/KaTeX_AMS-Regular.ttf) format("truetype")}"#;
        let kept = r#"@font-face{font-family:KaTeX_AMS;src:url(fonts/KaTeX_AMS-Regular.woff2) format("woff2")}"#;
        assert_eq!(keep_only_woff2(css, &["KaTeX_AMS-Regular"]), Ok(kept.to_owned()));
        assert!(keep_only_woff2(css, &["KaTeX_Main-Regular"]).is_err());
    }
}
