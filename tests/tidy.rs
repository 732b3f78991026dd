//! Checks of the source text itself.

use std::fs;
use std::path::Path;

/// The `f64` methods that call the platform's libm (glibc, macOS's, Windows's and musl's give
/// different last bits). `sqrt` is exact in IEEE 754 and `powi` is compiler-builtins' code on
/// every platform, so they are allowed.
const PLATFORM_LIBM: [&str; 21] = [
    ".exp()",
    ".exp2()",
    ".exp_m1()",
    ".ln()",
    ".ln_1p()",
    ".log(",
    ".log2()",
    ".log10()",
    ".powf(",
    ".sin()",
    ".cos()",
    ".tan()",
    ".asin()",
    ".acos()",
    ".atan()",
    ".atan2(",
    ".sinh()",
    ".cosh()",
    ".tanh()",
    ".hypot(",
    ".cbrt()",
];

fn rust_files(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The book quotes exact numbers from the experiments and draws figures from them, and
/// `cargo test` checks those numbers on whatever OS runs it: so src/experiment and src/figure
/// compute with the pure-Rust `libm` crate or the crate's own kernels, never the platform's
/// libm. (With glibc's functions the dead-neuron experiment counted 111 silent units at rate 20;
/// with the `libm` crate, 114. The book now quotes the latter, the same on every platform.)
#[test]
fn experiments_and_figures_do_not_call_the_platform_libm() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src/experiment"), &mut files);
    rust_files(&root.join("src/figure"), &mut files);
    assert!(files.len() > 10, "{files:?}");
    let mut found = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).unwrap();
        for (i, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for call in PLATFORM_LIBM.iter().filter(|call| code.contains(*call)) {
                found.push(format!("{}:{}: {call} ({})", file.display(), i + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "use libm::… instead:\n{}", found.join("\n"));
}

/// The crate computes tanh and its derivative with its own kernels (src/numerics/kernel.rs), not
/// with std's `f64::tanh` or `1/cosh²`; comments that still said so went unnoticed because the
/// tests check values, not how they are made. No comment in src/ or tests/ names them now.
#[test]
fn comments_do_not_describe_a_tanh_the_crate_no_longer_has() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    rust_files(&root.join("tests"), &mut files);
    let mut found = Vec::new();
    for file in files.iter().filter(|f| !f.ends_with("tests/tidy.rs")) {
        let text = fs::read_to_string(file).unwrap();
        for (i, line) in text.lines().enumerate() {
            let Some((_, comment)) = line.split_once("//") else { continue };
            if comment.contains("f64::tanh") || comment.contains("cosh") {
                found.push(format!("{}:{}: {}", file.display(), i + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "stale description of tanh:\n{}", found.join("\n"));
}
