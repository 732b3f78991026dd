//! `cargo xtask bench`: the crate's criterion benchmarks, then NumPy/SciPy on the same inputs.
//!
//! Runs `cargo bench --bench activations` (any arguments after `bench` go to criterion, e.g.
//! `cargo xtask bench --warm-up-time 0.5 --measurement-time 1` for a quick run), then
//! `python3 benches/numpy_peer.py`, which reads criterion's estimates, prints crate ÷ NumPy and
//! saves the table to `benches/results.tsv`.

use std::path::Path;
use std::process::Command;

/// Where the table is saved (committed: the book's speed figure and chapter are drawn from it).
const RESULTS: &str = "benches/results.tsv";

/// Criterion's output, where benches/numpy_peer.py reads it.
const CRITERION: &str = "target/criterion";

/// Set on some machines for OpenBLAS; they can slow NumPy down, so the peer runs without them.
const OPENBLAS_VARIABLES: [&str; 2] = ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"];

pub fn run(root: &Path, criterion_args: &[String]) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    println!("크레이트 벤치마크 / crate benchmarks: cargo bench --bench activations");
    let mut bench = Command::new(cargo);
    bench.args(["bench", "--bench", "activations", "--"]).args(criterion_args).current_dir(root);
    // Criterion writes under $CARGO_TARGET_DIR/criterion when that is set, but the peer script
    // (and the bench's simd.txt) use target/criterion in the repository: pin criterion there.
    bench.env("CRITERION_HOME", root.join(CRITERION));
    super::run(&mut bench)?;

    println!("\nNumPy/SciPy 비교 / comparison: python3 benches/numpy_peer.py");
    let mut peer = Command::new("python3");
    peer.args(["benches/numpy_peer.py", "--save", RESULTS]).current_dir(root);
    for variable in OPENBLAS_VARIABLES {
        peer.env_remove(variable);
    }
    super::run(&mut peer)?;
    println!(
        "\n{RESULTS}에 저장했습니다. 책의 그림을 다시 그리려면 / to redraw the book's figure:"
    );
    println!("  UPDATE_FIGURES=1 cargo test --test figures");
    Ok(())
}
