//! `cargo xtask browser-test`: the built site in headless Chromium.
//!
//! Builds the site exactly as `cargo xtask build` does (the same function), then runs
//! `node tools/browser/test.mjs target/book`. That script serves the site itself on 127.0.0.1,
//! drives Debian's Chromium through playwright-core, and prints one line per check and last
//! `N passed, M failed` (see the top of the script for the checks).
//!
//! Needs, besides the Rust toolchain: Node.js with npm (the tools in tools/node_modules, installed
//! by `npm ci --prefix tools` through the same helper the build uses for Pagefind), and
//! /usr/bin/chromium with Korean fonts (`apt-get install -y chromium fonts-noto-cjk`).
//! `npx playwright install` is not used: it downloads browsers from the internet.

use std::path::Path;
use std::process::Command;

use crate::{SITE_DIR, build, run};

/// Where Debian's `chromium` package puts the browser; tools/browser/test.mjs uses the same path.
const CHROMIUM: &str = "/usr/bin/chromium";
/// One font of Debian's `fonts-noto-cjk`: without it every Hangul character is drawn as a box.
const CJK_FONT: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
const INSTALL_BROWSER: &str = "apt-get install -y chromium fonts-noto-cjk";
const SCRIPT: &str = "tools/browser/test.mjs";
/// The npm packages the script loads from tools/node_modules (pinned in tools/package.json).
const PACKAGES: [&str; 3] = ["playwright-core", "axe-core", "lighthouse"];
/// `cargo xtask lighthouse`: Lighthouse 12.2.3, mobile preset, every chapter, served with gzip.
const LIGHTHOUSE_SCRIPT: &str = "tools/browser/lighthouse.mjs";

pub fn test(root: &Path) -> Result<(), String> {
    prepare(root)?;
    println!("브라우저 테스트: node {SCRIPT} {SITE_DIR}");
    run(Command::new("node").args([SCRIPT, SITE_DIR]).current_dir(root))
}

/// `cargo xtask lighthouse`: the same build and tools, then `node tools/browser/lighthouse.mjs`
/// (about 15 s a page on 2 cores, so a command of its own rather than part of `browser-test`).
pub fn lighthouse(root: &Path) -> Result<(), String> {
    prepare(root)?;
    println!("Lighthouse: node {LIGHTHOUSE_SCRIPT} {SITE_DIR}");
    run(Command::new("node").args([LIGHTHOUSE_SCRIPT, SITE_DIR]).current_dir(root))
}

/// Chromium, fonts and node present, the site built, the npm tools installed.
fn prepare(root: &Path) -> Result<(), String> {
    if !Path::new(CHROMIUM).is_file() {
        return Err(format!(
            "{CHROMIUM}이(가) 없습니다 / missing: 브라우저 테스트에는 Debian의 Chromium과 한글 글꼴이 \
             필요합니다 / the browser tests need Chromium and Korean fonts\n  \
             {INSTALL_BROWSER}   (root로, 또는 sudo를 붙여 / as root or with sudo)"
        ));
    }
    if !Path::new(CJK_FONT).is_file() {
        println!(
            "경고 / warning: {CJK_FONT}이(가) 없어 스크린숏의 한글이 네모로 나옵니다 / no Korean \
             font, screenshots show boxes ({INSTALL_BROWSER})"
        );
    }
    if Command::new("node").arg("--version").output().is_err() {
        return Err(
            "node가 없습니다 / node not found: 브라우저 테스트에는 Node.js와 npm이 필요합니다 / \
                    the browser tests need Node.js with npm"
                .to_string(),
        );
    }

    // The build installs tools/node_modules when it is missing or older than its lock file
    // (`npm ci --prefix tools`, for Pagefind); only a partial install is left to repair here.
    build(root, true)?;
    let node_modules = root.join("tools/node_modules");
    let missing = missing_packages(&node_modules);
    if !missing.is_empty() {
        println!(
            "npm 도구 설치 중 (tools/node_modules에 {} 없음): npm ci --prefix tools",
            missing.join(", ")
        );
        run(Command::new("npm").args(["ci", "--prefix", "tools"]).current_dir(root))?;
        let missing = missing_packages(&node_modules);
        if !missing.is_empty() {
            return Err(format!(
                "npm ci 뒤에도 tools/node_modules에 {}이(가) 없습니다 / still missing after npm ci",
                missing.join(", ")
            ));
        }
    }
    Ok(())
}

/// The packages of `PACKAGES` that are not installed in `node_modules`.
fn missing_packages(node_modules: &Path) -> Vec<&'static str> {
    PACKAGES
        .into_iter()
        .filter(|package| !node_modules.join(package).join("package.json").is_file())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn packages_found_by_their_package_json() {
        let dir = std::env::temp_dir().join(format!("xtask-browser-{}", std::process::id()));
        fs::create_dir_all(dir.join("axe-core")).unwrap();
        fs::write(dir.join("axe-core/package.json"), "{}").unwrap();
        fs::create_dir_all(dir.join("playwright-core")).unwrap(); // a folder without package.json
        assert_eq!(missing_packages(&dir), ["playwright-core", "lighthouse"]);
        fs::write(dir.join("playwright-core/package.json"), "{}").unwrap();
        fs::create_dir_all(dir.join("lighthouse")).unwrap();
        fs::write(dir.join("lighthouse/package.json"), "{}").unwrap();
        assert!(missing_packages(&dir).is_empty());
        fs::remove_dir_all(&dir).unwrap();
    }
}
