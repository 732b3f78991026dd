//! Keeps `book/figures/` equal to what `perceptron::figure` draws.
//!
//! The SVGs are committed (a build script writing into `book/` would dirty every build), so
//! this test re-renders each one and fails on any difference, on a missing file and on an
//! `.svg` no figure draws, naming the one command that fixes all three.

use std::io::Write;
use std::path::{Path, PathBuf};

use perceptron::figure::{CATALOGUE, write_all};

const UPDATE_COMMAND: &str = "UPDATE_FIGURES=1 cargo test --test figures";

/// Says what the update did, straight to stderr: libtest captures `eprintln!` of a passing
/// test, and these lines are the whole point of the run.
fn report(line: &str) {
    writeln!(std::io::stderr(), "{line}").ok();
}

fn figures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("book").join("figures")
}

/// `.svg` files in `dir` that no figure in the catalogue draws, sorted.
fn stale_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut stale: Vec<PathBuf> = entries
        .map(|entry| entry.expect("reading book/figures").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "svg"))
        .filter(|path| {
            let name = path.file_name().and_then(|n| n.to_str());
            !CATALOGUE.iter().any(|figure| Some(figure.file_name) == name)
        })
        .collect();
    stale.sort();
    stale
}

fn file_name(path: &Path) -> String {
    path.file_name().unwrap_or_default().to_string_lossy().into_owned()
}

#[test]
fn committed_figures_are_fresh() {
    let dir = figures_dir();

    if std::env::var_os("UPDATE_FIGURES").is_some_and(|v| v == "1") {
        let written = write_all(&dir).expect("writing book/figures");
        for name in &written {
            report(&format!("wrote book/figures/{name}"));
        }
        let stale = stale_files(&dir);
        for path in &stale {
            std::fs::remove_file(path).expect("removing a stale figure");
            report(&format!("removed book/figures/{} (not in the catalogue)", file_name(path)));
        }
        if written.is_empty() && stale.is_empty() {
            report("every figure in book/figures was already up to date");
        }
        return;
    }

    let mut problems = Vec::new();
    for figure in CATALOGUE {
        let path = dir.join(figure.file_name);
        match std::fs::read(&path) {
            Err(_) => problems.push(format!("missing: book/figures/{}", figure.file_name)),
            Ok(bytes) if bytes != (figure.render)().as_bytes() => {
                problems.push(format!("stale: book/figures/{}", figure.file_name));
            }
            Ok(_) => {}
        }
    }
    for path in stale_files(&dir) {
        problems.push(format!(
            "not in the catalogue of src/figure/mod.rs: book/figures/{}",
            file_name(&path)
        ));
    }

    assert!(
        problems.is_empty(),
        "book/figures/ differs from what src/figure/ draws:\n  {}\n\nTo rewrite them, run:\n\n    {UPDATE_COMMAND}\n",
        problems.join("\n  ")
    );
}
