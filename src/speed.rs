//! The saved benchmark results, `benches/results.tsv`: the crate's slice functions against
//! NumPy/SciPy, in nanoseconds per element, as `cargo xtask bench` measured them on the
//! machine the file names.
//!
//! They are data, not a test (timings vary from run to run and machine to machine): the
//! book's speed figure and chapter are drawn from them, and `cargo xtask bench` replaces them
//! with the numbers of the machine it runs on.
//!
//! ```
//! let sigmoid = perceptron::speed::find("sigmoid", 10_000).unwrap();
//! assert_eq!(sigmoid.peer, Some("scipy.special.expit"));
//! assert!(sigmoid.crate_ns.unwrap() > 0.0);
//! ```

const RESULTS: &str = include_str!("../benches/results.tsv");

/// One function at one length, in nanoseconds per element (the median of the run).
#[derive(Clone, Debug, PartialEq)]
pub struct Measurement {
    /// The crate's function, as the benchmark names it (`"copy"` for the plain copy), or
    /// `"(exp)"` for `np.exp` alone, which the crate has no slice function for.
    pub function: &'static str,
    /// The NumPy/SciPy call it is compared with, if there is one.
    pub peer: Option<&'static str>,
    /// The number of `f64` in the slice.
    pub len: usize,
    /// The crate's time per element, if the crate has the function.
    pub crate_ns: Option<f64>,
    /// NumPy/SciPy's time per element, if there is a peer.
    pub peer_ns: Option<f64>,
}

impl Measurement {
    /// Crate ÷ NumPy: below 1 the crate is faster.
    #[must_use]
    pub fn ratio(&self) -> Option<f64> {
        Some(self.crate_ns? / self.peer_ns?)
    }
}

/// The comment lines of the file: when, and on what machine, with which SIMD level and
/// versions.
#[must_use]
pub fn about() -> Vec<&'static str> {
    RESULTS.lines().take_while(|l| l.starts_with('#')).map(|l| l[1..].trim()).collect()
}

/// Every measurement in the file, in its order.
///
/// # Panics
///
/// If `benches/results.tsv` is malformed; `numpy_peer.py --save` writes it, and a test of
/// this module reads it, so a malformed file fails `cargo test` first.
#[must_use]
pub fn results() -> Vec<Measurement> {
    let number = |s: &'static str| (s != "-").then(|| s.parse::<f64>().expect("a number or -"));
    RESULTS
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|line| {
            let f: Vec<&'static str> = line.split('\t').collect();
            assert_eq!(f.len(), 5, "benches/results.tsv: 5 fields expected in {line:?}");
            Measurement {
                function: f[0],
                peer: (f[1] != "-").then_some(f[1]),
                len: f[2].parse().expect("a length"),
                crate_ns: number(f[3]),
                peer_ns: number(f[4]),
            }
        })
        .collect()
}

/// The measurement of `function` at length `len`, if the file has it.
#[must_use]
pub fn find(function: &str, len: usize) -> Option<Measurement> {
    results().into_iter().find(|m| m.function == function && m.len == len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_saved_results_are_complete() {
        let all = results();
        assert!(about().iter().any(|l| l.contains("SIMD")), "{:?}", about());
        for function in ["copy", "relu", "leaky_relu", "sigmoid", "tanh", "softmax", "log_softmax"]
        {
            for len in [1_000, 10_000, 100_000, 1_000_000] {
                let m = all.iter().find(|m| m.function == function && m.len == len);
                let m = m.unwrap_or_else(|| panic!("{function}/{len} missing"));
                assert!(m.crate_ns.is_some_and(|t| t > 0.0), "{m:?}");
            }
        }
    }
}
