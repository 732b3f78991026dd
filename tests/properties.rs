//! Properties that the documentation promises for every input, checked with proptest on
//! inputs drawn from the whole `f64` range: NaN, ±∞, ±0, subnormals, `±f64::MAX`, the
//! points where the code switches formulas and their neighbours, and ordinary values. A
//! failure is shrunk to a smaller input and its seed saved in
//! `tests/properties.proptest-regressions` (commit it), whose cases run first from then on.
//!
//! - sigmoid is in [0, 1] and tanh in [−1, 1]; both are non-decreasing from every `x` to
//!   the next double (`x.next_up()`); tanh is odd and σ(−x) = 1 − σ(x) within their bounds;
//!   the derivatives are even and at most 1/4 and 1; a subnormal `x` gives σ = 0.5 and
//!   tanh = `x`; NaN gives NaN.
//! - softmax is in [0, 1] and sums to 1 within 5ε; log_softmax is ≤ 0; both give the same
//!   bits for `x + c` as for `x` when every `x_i + c` is exact; a `−∞` logit gets 0 and
//!   changes the others by at most 8 ULP; one NaN makes every element NaN; cross-entropy is
//!   `−log_softmax(z)_y` and its gradient `softmax(z) − onehot(y)`.
//!
//! That the slice functions equal the scalar ones bit for bit is checked the same way in
//! `tests/slice.rs`, next to its table of every slice function.
//!
//! `PROPTEST_CASES=100000 cargo test --release --test properties` runs many more cases than
//! the default below, which keeps `cargo test` quick.

mod common;

use common::{same, ulp_distance};
use perceptron::activation::{
    cross_entropy, cross_entropy_gradient, log_softmax, sigmoid, sigmoid_derivative, softmax, tanh,
    tanh_derivative,
};
use proptest::prelude::*;
use proptest::test_runner::Config;

/// The cases per property: `PROPTEST_CASES` if set, else `default`.
fn cases(default: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok());
    Config { cases: cases.unwrap_or(default), ..Config::default() }
}

/// Where the scalar code switches formulas (22 and 40, where tanh and σ stop computing; 354
/// and 708, where the derivatives take their tails) and where a result crosses a rounding
/// threshold: tanh and σ round to 1 (19.06…, 37.42…), σ becomes subnormal and 0 (−708.39…,
/// −745.13…), e^x overflows (709.78…), tanh′ becomes subnormal and 0 (354.89…, 373.25…).
/// The thresholds are the floats nearest to them, computed with mpmath (the last four are in
/// the header of `tests/data/derivatives.tsv`).
const SWITCHES: [f64; 13] = [
    0.5,
    19.061547465398498,
    22.0,
    37.42994775023705,
    40.0,
    354.0,
    354.891356446692,
    373.2597567315305,
    708.0,
    708.3964185322641,
    709.782712893384,
    745.1332191019411,
    1.0,
];

/// Any `f64`, weighted towards what matters: every class of float (proptest's `ANY`: normal,
/// subnormal, zero, infinite, NaN, both signs), the floats within 16 steps of a switch point,
/// the extremes, and ordinary values.
fn any_f64() -> impl Strategy<Value = f64> {
    let near_switch = (prop::sample::select(&SWITCHES[..]), -16i64..=16, any::<bool>()).prop_map(
        |(x, steps, negative)| {
            let x = f64::from_bits(x.to_bits().wrapping_add_signed(steps));
            if negative { -x } else { x }
        },
    );
    let extremes = prop::sample::select(vec![
        f64::MAX,
        f64::MIN,
        f64::MIN_POSITIVE,
        -f64::MIN_POSITIVE,
        f64::from_bits(1),
        -f64::from_bits(1),
        f64::EPSILON,
        0.0,
        -0.0,
    ]);
    prop_oneof![
        3 => prop::num::f64::ANY,
        2 => near_switch,
        1 => extremes,
        3 => -50.0..50.0f64,
        1 => -1000.0..1000.0f64,
    ]
}

/// Any `f64` but NaN.
fn not_nan() -> impl Strategy<Value = f64> {
    any_f64().prop_filter("NaN", |x| !x.is_nan())
}

/// Any finite `f64`.
fn finite() -> impl Strategy<Value = f64> {
    any_f64().prop_filter("not finite", |x| x.is_finite())
}

/// The spacing of the doubles at `v` (its ULP): `2^(e − 52)` for a normal `v` in
/// `[2^e, 2^(e+1))`, 2⁻¹⁰⁷⁴ for a subnormal or zero.
fn ulp(v: f64) -> f64 {
    let v = v.abs();
    let up = f64::from_bits(v.to_bits() + 1);
    up - v
}

/// `2^e`, exactly, for `−1074 ≤ e ≤ 1023` (subnormal below −1022).
fn pow2(e: i32) -> f64 {
    if e >= -1022 {
        f64::from_bits(((e + 1023) as u64) << 52)
    } else {
        f64::from_bits(1 << (e + 1074))
    }
}

/// A vector of finite logits: ordinary values, or the whole finite range, with ties.
fn logits() -> impl Strategy<Value = Vec<f64>> {
    let element = prop_oneof![3 => -50.0..50.0f64, 1 => finite()];
    prop_oneof![
        prop::collection::vec(element, 1..80),
        // Ties and long vectors: one value many times, and a few others.
        (finite(), 1..600usize, prop::collection::vec(finite(), 0..4)).prop_map(
            |(x, n, others)| {
                let mut v = vec![x; n];
                v.extend(others);
                v
            }
        ),
    ]
}

/// The sum of `xs`, compensated (Neumaier), so that the check measures softmax and not its
/// own rounding.
fn accurate_sum(xs: &[f64]) -> f64 {
    let (mut sum, mut compensation) = (0.0f64, 0.0f64);
    for &x in xs {
        let t = sum + x;
        compensation += if sum.abs() >= x.abs() { (sum - t) + x } else { (x - t) + sum };
        sum = t;
    }
    sum + compensation
}

proptest! {
    #![proptest_config(cases(1000))]

    #[test]
    fn sigmoid_and_tanh_are_bounded(x in not_nan()) {
        let (s, t) = (sigmoid(x), tanh(x));
        prop_assert!((0.0..=1.0).contains(&s), "sigmoid({x:?}) = {s:?}");
        prop_assert!((-1.0..=1.0).contains(&t), "tanh({x:?}) = {t:?}");
    }

    /// From `x` to the next double, sigmoid and tanh never go down: the rounding errors of
    /// two neighbours could in principle cross, and this is where it would show.
    #[test]
    fn sigmoid_and_tanh_are_monotone_over_consecutive_doubles(x in not_nan()) {
        let next = x.next_up();
        prop_assert!(sigmoid(x) <= sigmoid(next), "sigmoid({x:?}) = {:?} > sigmoid({next:?}) = {:?}", sigmoid(x), sigmoid(next));
        prop_assert!(tanh(x) <= tanh(next), "tanh({x:?}) = {:?} > tanh({next:?}) = {:?}", tanh(x), tanh(next));
    }

    /// tanh is odd, bit for bit: the kernel works on |x| and copies the sign of `x`, so
    /// `tanh(−0.0) = −0.0` and NaN stays NaN.
    #[test]
    fn tanh_is_odd(x in any_f64()) {
        prop_assert!(same(tanh(-x), -tanh(x)), "tanh(−{x:?}) = {:?}, −tanh({x:?}) = {:?}", tanh(-x), -tanh(x));
    }

    /// σ(−x) = 1 − σ(x). For `x ≥ 0`, `s = σ(x)` is in [1/2, 1], so `1 − s` is exact
    /// (Sterbenz); `s` is within 2 ULP of the truth, 2 ULP of 2⁻⁵³ below 1, and `r = σ(−x)`
    /// within 2 ULP, at most 4 ULP of `r` (an ULP may halve across a power of 2). Hence
    /// `|r − (1 − s)| ≤ 4·ulp(r) + 2⁻⁵²`.
    #[test]
    fn sigmoid_of_minus_x_is_1_minus_sigmoid(x in not_nan()) {
        let a = x.abs();
        let (s, r) = (sigmoid(a), sigmoid(-a));
        let bound = 4.0 * ulp(r) + f64::EPSILON;
        prop_assert!((r - (1.0 - s)).abs() <= bound, "σ({a:?}) = {s:?}, σ(−{a:?}) = {r:?}, bound {bound:e}");
    }

    /// Both derivatives are even, bit for bit (computed from |x|), and at most their value
    /// at 0, 1/4 and 1, never negative.
    #[test]
    fn derivatives_are_even_and_bounded(x in not_nan()) {
        let (s, t) = (sigmoid_derivative(x), tanh_derivative(x));
        prop_assert!(same(s, sigmoid_derivative(-x)), "σ′ not even at {x:?}");
        prop_assert!(same(t, tanh_derivative(-x)), "tanh′ not even at {x:?}");
        prop_assert!((0.0..=0.25).contains(&s), "σ′({x:?}) = {s:?}");
        prop_assert!((0.0..=1.0).contains(&t), "tanh′({x:?}) = {t:?}");
    }

    /// A subnormal `x` (or ±0) gives `σ(x) = 0.5` and `tanh(x) = x`, as documented: the
    /// true values are within far less than half an ULP of those.
    #[test]
    fn subnormal_input(bits in 0u64..(1 << 52), negative in any::<bool>()) {
        let x = f64::from_bits(bits | (u64::from(negative) << 63));
        prop_assert_eq!(sigmoid(x), 0.5);
        prop_assert_eq!(tanh(x).to_bits(), x.to_bits());
    }

    #[test]
    fn nan_gives_nan(sign in any::<bool>(), payload in 1u64..(1 << 51)) {
        let x = f64::from_bits(0x7FF8_0000_0000_0000 | payload | (u64::from(sign) << 63));
        for (name, f) in [("sigmoid", sigmoid as fn(f64) -> f64), ("tanh", tanh),
                          ("sigmoid_derivative", sigmoid_derivative), ("tanh_derivative", tanh_derivative)] {
            prop_assert!(f(x).is_nan(), "{name}({x:?}) = {:?}", f(x));
        }
    }
}

proptest! {
    #![proptest_config(cases(200))]

    /// Softmax of finite logits lies in [0, 1] and sums to 1. Each element is within 4 ULP
    /// of its exact value `p` and `ulp(p) ≤ ε·p` for a normal `p`, so the errors add up to at
    /// most `4ε·Σp = 4ε` (subnormal elements add nothing that shows); the compensated sum
    /// adds about one rounding of 1, `ε/2`. Hence `|Σ − 1| ≤ 5ε`.
    #[test]
    fn softmax_is_a_distribution(v in logits()) {
        let p = softmax(&v);
        prop_assert_eq!(p.len(), v.len());
        for (i, &pi) in p.iter().enumerate() {
            prop_assert!((0.0..=1.0).contains(&pi), "softmax[{}] = {:?}", i, pi);
        }
        let error = (accurate_sum(&p) - 1.0).abs();
        prop_assert!(error <= 5.0 * f64::EPSILON, "|Σ − 1| = {error:e} for {v:?}");
    }

    #[test]
    fn log_softmax_is_at_most_0(v in logits()) {
        for (i, &l) in log_softmax(&v).iter().enumerate() {
            prop_assert!(l <= 0.0, "log_softmax[{}] = {:?}", i, l);
        }
    }

    /// softmax(x + c) = softmax(x), bit for bit, when every `x_i + c` is exact: the code
    /// subtracts the largest logit and keeps that difference exact, and the differences are
    /// the same. Logits `n_i·2^e` and shifts `k·2^(e+d)`, with integers small enough that
    /// every sum is `(n_i + k·2^d)·2^e` with `|n_i + k·2^d| < 2^53`, hence a double: from
    /// subnormal scales (`e = −1074`) to about 2^1010, mostly ordinary ones.
    #[test]
    fn softmax_is_invariant_under_exact_shifts(
        ns in prop::collection::vec(-(1i64 << 20)..(1i64 << 20), 1..300),
        e in prop_oneof![3 => -30i32..5, 1 => -1074i32..960],
        k in -(1i64 << 30)..(1i64 << 30),
        d in 0i32..20,
    ) {
        let x: Vec<f64> = ns.iter().map(|&n| n as f64 * pow2(e)).collect();
        let c = k as f64 * pow2(e + d);
        let shifted: Vec<f64> = x.iter().map(|&xi| xi + c).collect();
        for (&n, &s) in ns.iter().zip(&shifted) {
            // The premise: the floating-point sum is the exact one.
            prop_assert_eq!(s, (n + (k << d)) as f64 * pow2(e));
        }
        let (a, b) = (softmax(&x), softmax(&shifted));
        prop_assert!(
            a.iter().zip(&b).all(|(p, q)| p.to_bits() == q.to_bits()),
            "softmax({:?}) = {:?}, shifted by {:?}: {:?}", x, a, c, b
        );
        let (a, b) = (log_softmax(&x), log_softmax(&shifted));
        prop_assert!(
            a.iter().zip(&b).all(|(p, q)| p.to_bits() == q.to_bits()),
            "log_softmax({:?}) = {:?}, shifted by {:?}: {:?}", x, a, c, b
        );
    }

    /// `cross_entropy` is `−log_softmax(z)_y` and its gradient `softmax(z) − onehot(y)`, bit
    /// for bit, as documented; the loss is never negative and the gradient sums to about 0.
    #[test]
    fn cross_entropy_is_minus_log_softmax(v in logits(), class in any::<prop::sample::Index>()) {
        let y = class.index(v.len());
        let loss = cross_entropy(&v, y).unwrap();
        prop_assert_eq!(loss.to_bits(), (-log_softmax(&v)[y]).to_bits());
        prop_assert!(loss >= 0.0);
        let gradient = cross_entropy_gradient(&v, y).unwrap();
        let p = softmax(&v);
        for (i, (&g, &pi)) in gradient.iter().zip(&p).enumerate() {
            let want = if i == y { pi - 1.0 } else { pi };
            prop_assert_eq!(g.to_bits(), want.to_bits(), "gradient[{}]", i);
        }
    }

    /// A `−∞` logit next to finite ones gets probability 0 and log-probability `−∞`, and the
    /// other probabilities stay within 8 ULP of what they were (each within 4 ULP of the same
    /// true value; not bit for bit, because the sum is taken in lanes by position).
    #[test]
    fn minus_infinity_gets_0(v in logits(), at in any::<prop::sample::Index>()) {
        let i = at.index(v.len() + 1);
        let mut w = v.clone();
        w.insert(i, f64::NEG_INFINITY);
        let (mut p, q) = (softmax(&w), softmax(&v));
        prop_assert_eq!(p.remove(i).to_bits(), 0f64.to_bits());
        prop_assert_eq!(log_softmax(&w)[i], f64::NEG_INFINITY);
        for (j, (&a, &b)) in p.iter().zip(&q).enumerate() {
            prop_assert!(ulp_distance(a, b) <= 8, "softmax[{}]: {:?} with −∞, {:?} without", j, a, b);
        }
    }

    /// Any NaN among the logits makes every element NaN.
    #[test]
    fn nan_anywhere_gives_all_nan(v in logits(), at in any::<prop::sample::Index>()) {
        let mut w = v.clone();
        w.insert(at.index(v.len() + 1), f64::NAN);
        prop_assert!(softmax(&w).iter().all(|p| p.is_nan()));
        prop_assert!(log_softmax(&w).iter().all(|l| l.is_nan()));
    }
}
