//! Naive formulas against the crate's at extreme inputs, and the error of
//! [`tanh_via_sigmoid`] in units in the last place (ULP).
//!
//! The reference for the ULP error is the crate's own tanh ([`crate::activation::tanh`], a
//! kernel of `src/numerics/kernel.rs`), which `tests/accuracy.rs` checks to be within 2 ULP of
//! the true value; errors far larger than 2 ULP are therefore errors of `tanh_via_sigmoid`.

use crate::activation::{log_softmax, sigmoid, softmax, softmax_naive, tanh, tanh_via_sigmoid};
use libm::{exp, log, pow};

/// The distance between `a` and `b` in representable `f64` values: 0 when equal (`+0.0` and
/// `−0.0` count as equal), 1 between neighbours, `u64::MAX` if either is NaN.
///
/// The bits of an `f64` read as a sign and a magnitude; mapping a negative value's magnitude
/// `m` to `−m` gives integers in the same order as the floats, and their difference counts
/// the floats between them.
#[must_use]
pub fn ulp_distance(a: f64, b: f64) -> u64 {
    if a.is_nan() || b.is_nan() {
        return u64::MAX;
    }
    let key = |x: f64| {
        let bits = x.to_bits();
        let magnitude = i128::from(bits & !(1 << 63));
        if bits >> 63 == 1 { -magnitude } else { magnitude }
    };
    u64::try_from((key(a) - key(b)).unsigned_abs()).unwrap_or(u64::MAX)
}

/// The error of `tanh_via_sigmoid(x)` against `tanh(x)`, in ULP, at `points` values of `x`
/// evenly spaced on a logarithmic axis from `1e-20` to `10` (both included; `points ≥ 2`).
#[must_use]
pub fn tanh_via_sigmoid_ulp(points: usize) -> Vec<(f64, u64)> {
    assert!(points >= 2, "at least the two ends");
    (0..points)
        .map(|i| {
            let exponent = -20.0 + 21.0 * i as f64 / (points - 1) as f64;
            let x = pow(10.0, exponent);
            (x, ulp_distance(tanh_via_sigmoid(x), tanh(x)))
        })
        .collect()
}

/// One row of the table of naive against stable results.
#[derive(Clone, Debug)]
pub struct Row {
    /// What is computed, as the book writes it.
    pub expression: &'static str,
    /// The textbook formula, evaluated as written.
    pub naive: f64,
    /// The crate's function.
    pub stable: f64,
    /// The true value rounded to `f64`, from an identity that has no cancellation or overflow
    /// at this input (see [`naive_vs_stable`]).
    pub exact: f64,
}

/// The table: the naive formula, the crate's function and the true value at inputs where
/// the naive formula is known to be in trouble.
///
/// 1. `σ(−1000)`, naive `1/(1 + e^{1000})`: the true value `e^{−1000}/(1 + e^{−1000})`,
///    about `5e−435`, is below the smallest `f64`, so 0 is right for both.
/// 2. `σ(−740)`, the same formula: the true value is about `e^{−740} ≈ 4.2e−322`, a
///    subnormal `f64`; `e^{740}` overflows and the naive formula returns 0.
/// 3. `softmax([1000, 1001])₁`, naive `e^{1000}/(e^{1000} + e^{1001})`: ∞/∞ = NaN; the true
///    value is `1/(1 + e)`.
/// 4. `ln softmax([0, 1000])₁`, the log of even the stable softmax: `e^{−1000}` rounds to 0
///    and `ln 0 = −∞`; `log_softmax` gives the true value `−1000 − ln(1 + e^{−1000})`,
///    which rounds to `−1000`.
/// 5. `tanh(1e−10)` as `2σ(2x) − 1`: about `1e−8` relative error; the true value
///    `x − x³/3 + …` rounds to `1e−10`.
/// 6. `tanh(1e−17)` as `2σ(2x) − 1`: 0, every digit lost; the true value rounds to `1e−17`.
#[must_use]
pub fn naive_vs_stable() -> Vec<Row> {
    let naive_sigmoid = |x: f64| 1.0 / (1.0 + exp(-x));
    vec![
        Row {
            expression: "σ(−1000)",
            naive: naive_sigmoid(-1000.0),
            stable: sigmoid(-1000.0),
            exact: 0.0,
        },
        Row {
            expression: "σ(−740)",
            naive: naive_sigmoid(-740.0),
            stable: sigmoid(-740.0),
            exact: exp(-740.0),
        },
        Row {
            expression: "softmax([1000, 1001])₁",
            naive: softmax_naive(&[1000.0, 1001.0])[0],
            stable: softmax(&[1000.0, 1001.0])[0],
            exact: 1.0 / (1.0 + std::f64::consts::E),
        },
        Row {
            expression: "ln softmax([0, 1000])₁",
            naive: log(softmax(&[0.0, 1000.0])[0]),
            stable: log_softmax(&[0.0, 1000.0])[0],
            exact: -1000.0,
        },
        Row {
            expression: "tanh(1e−10)",
            naive: tanh_via_sigmoid(1e-10),
            stable: tanh(1e-10),
            exact: 1e-10,
        },
        Row {
            expression: "tanh(1e−17)",
            naive: tanh_via_sigmoid(1e-17),
            stable: tanh(1e-17),
            exact: 1e-17,
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ulp_distance_counts_floats() {
        let tiny = f64::from_bits(1);
        assert_eq!(ulp_distance(0.0, -0.0), 0);
        assert_eq!(ulp_distance(1.0, 1.0 + f64::EPSILON), 1);
        assert_eq!(ulp_distance(1.0, 1.0 - f64::EPSILON / 2.0), 1);
        assert_eq!(ulp_distance(-1.0, -1.0 - f64::EPSILON), 1);
        assert_eq!(ulp_distance(tiny, -tiny), 2);
        assert_eq!(ulp_distance(f64::NAN, 1.0), u64::MAX);
        assert_eq!(ulp_distance(f64::INFINITY, f64::NEG_INFINITY), 2 * 0x7FF0_0000_0000_0000);
    }

    #[test]
    fn stable_column_is_within_a_few_ulp_of_the_truth() {
        for row in naive_vs_stable() {
            assert!(ulp_distance(row.stable, row.exact) <= 2, "{row:?}");
        }
    }
}
