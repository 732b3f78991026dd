//! The extensive accuracy test, in the manner of libm's: millions of inputs for `sigmoid`,
//! `tanh`, `sigmoid_derivative` and `tanh_derivative`, each result compared with the correctly
//! rounded value, so the ULP bounds are checked far beyond the points of `tests/accuracy.rs`.
//! Ignored by `cargo test` (a minute or two in release on 2 cores); `.ci/run` runs it:
//!
//! ```text
//! cargo test --release --test extensive -- --ignored --nocapture
//! ```
//!
//! It prints, per function and input class, the worst distance in ULP from the correctly
//! rounded value, the largest error in ULP from the exact value, and where; it asserts the
//! documented bounds: 2 ULP for σ and tanh, 1 ULP for σ′ and 2 ULP for tanh′. Then the same
//! for every element of `softmax` and `log_softmax` of 4000 random logit vectors (lengths 1 to
//! 200, spreads up to ±100), against the documented 4 ULP; the long vectors and the dominant
//! logits are `tests/accuracy.rs`'s.
//!
//! The reference is computed with `astro-float-num`, pure-Rust arbitrary precision whose every
//! operation (`exp`, `tanh`, `+`, `−`, `·`, `/`) is correctly rounded at the precision asked
//! for, here 128 bits: with `e = e^{−|x|}`, σ(x) = 1/(1 + e) or e/(1 + e), σ′(x) = e/(1 + e)²,
//! tanh′(x) = 4e²/(1 + e²)², tanh(|x|) = (1 − e²)/(1 + e²) for |x| ≥ 1/4 and astro-float's own
//! `tanh` below. None of these loses more than two bits to cancellation, and each is a few
//! operations, so the reference is within 2⁻¹²⁰ relative, below 2⁻⁶⁷ ULP of a double. Rounding
//! it to a double therefore gives the correctly rounded value unless it lies within 2⁻⁶⁰ ULP of
//! a midpoint between two doubles; such an input is computed again at 1024 bits (and counted).
//! Beyond |x| = 2000 the values are known without computing: e^{−2000} is far below the
//! smallest double, so σ rounds to 0 or 1, tanh to ±1 and the derivatives to 0.
//! `reference_against_mpmath` checks the reference against mpmath at a few points.
//!
//! Inputs: random bit patterns over every finite double, random values where the functions
//! vary (|x| < 40, |x| < 800), runs of consecutive doubles at every multiple of ln2/2 up to 745
//! (where the range reduction of the kernels changes `k`), around the thresholds of
//! `src/numerics/kernel.rs` (|x| from 20 to 40, 354, 708, 745) and around every power of two
//! from 2⁻¹⁰⁷⁴ to 2⁻¹⁰, and random subnormals.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};

use astro_float_num::{BigFloat, Consts, RoundingMode};
use common::{Rng, ulp_distance};
use perceptron::activation::{
    log_softmax, sigmoid, sigmoid_derivative, softmax, tanh, tanh_derivative,
};

/// The precision of the reference, in bits, and the one for inputs near a midpoint.
const PRECISION: usize = 128;
const HARD_PRECISION: usize = 1024;
const RM: RoundingMode = RoundingMode::ToEven;

type Function = fn(f64) -> f64;

/// The documented bound for every element of `softmax` and `log_softmax`, in ULP.
const SOFTMAX_BOUND: u64 = 4;

/// The functions, their documented bounds in ULP, and the crate's implementation.
const FUNCTIONS: [(&str, u64, Function); 4] = [
    ("sigmoid", 2, sigmoid),
    ("sigmoid_derivative", 1, sigmoid_derivative),
    ("tanh", 2, tanh),
    ("tanh_derivative", 2, tanh_derivative),
];

/// 2^k as a double, for `−1074 ≤ k ≤ 1023`.
fn pow2(k: i64) -> f64 {
    assert!((-1074..=1023).contains(&k), "2^{k} is not a double");
    if k >= -1022 {
        f64::from_bits(((k + 1023) as u64) << 52)
    } else {
        f64::from_bits(1 << (k + 1074))
    }
}

/// `v` rounded to the nearest double (ties to even, subnormals included), and whether `v`
/// lies within `2^−tolerance` ULP of a midpoint between two doubles, where its own error might
/// decide the rounding. `p` is `v`'s precision.
fn round_to_f64_within(v: &BigFloat, p: usize, tolerance: i64) -> (f64, bool) {
    if v.is_zero() {
        return (0.0, false);
    }
    let (words, _, sign, e, _) = v.as_raw_parts().expect("a finite reference");
    let negative = sign.is_negative();
    let sign = if negative { -1.0 } else { 1.0 };
    // v = 0.m × 2^e with the top bit of m set: v in [2^(e−1), 2^e).
    let e = i64::from(e);
    assert!(e <= 1024, "the reference overflows a double");
    // The top 128 bits of m.
    let n = words.len();
    let top = (u128::from(words[n - 1]) << 64) | u128::from(if n > 1 { words[n - 2] } else { 0 });
    // Bits the double keeps: 53, fewer for a subnormal result (v < 2^−1022).
    let bits = (e + 1074).min(53);
    if bits < 0 {
        // v < 2^−1075, below half the smallest subnormal.
        return (0.0 * sign, false);
    }
    let (q, rest) = if bits == 0 { (0, top) } else { (top >> (128 - bits), top << bits) };
    // |v| = (q + rest/2^128 + …)·ulp: `rest` is the part below the last kept bit.
    let ulp_exponent = e - bits;
    let half = 1u128 << 127;
    let up = if rest.abs_diff(half) >= 1 << 68 {
        // More than 2⁻⁶⁰ ULP from the midpoint: the top 128 bits decide.
        rest > half
    } else {
        // Near the midpoint: the distance from it, from every bit of v.
        let low = (q as f64) * pow2(ulp_exponent);
        let ulp = big(pow2(ulp_exponent), p);
        let mid = big(low, p).add(&ulp.div(&big(2.0, p), p, RM), p, RM);
        let magnitude = if negative { v.neg() } else { v.clone() };
        let d = magnitude.sub(&mid, p, RM);
        // |d| ≥ 2^(ulp_exponent − tolerance), from |d| in [2^(exponent − 1), 2^exponent).
        let far =
            !d.is_zero() && i64::from(d.exponent().expect("finite")) > ulp_exponent - tolerance;
        if !far {
            return ((q as f64 + 0.5) * pow2(ulp_exponent) * sign, true);
        }
        d.is_positive()
    };
    let q = q + u128::from(up);
    (sign * (q as f64) * pow2(ulp_exponent), false)
}

/// [`round_to_f64_within`] 2⁻⁶⁰ ULP, for references at [`PRECISION`]: they carry errors
/// below 2⁻⁷⁰ ULP.
fn round_to_f64(v: &BigFloat) -> (f64, bool) {
    round_to_f64_within(v, PRECISION, 60)
}

/// The exact value of a double. (astro-float-num 0.3.7's `from_f64` halves a subnormal, so a
/// subnormal goes in scaled by 2¹⁰⁰, a normal double, and is scaled back exactly.)
fn big(x: f64, p: usize) -> BigFloat {
    if x != 0.0 && x.abs() < f64::MIN_POSITIVE {
        let scale = pow2(100);
        BigFloat::from_f64(x * scale, p).div(&BigFloat::from_f64(scale, p), p, RM)
    } else {
        BigFloat::from_f64(x, p)
    }
}

/// σ(x), σ′(x), tanh(x), tanh′(x) at precision `p`, in the order of [`FUNCTIONS`].
fn reference_at(x: f64, p: usize, cc: &mut Consts) -> [BigFloat; 4] {
    let one = big(1.0, p);
    let e = big(-x.abs(), p).exp(p, RM, cc);
    let one_e = one.add(&e, p, RM);
    let sigma = if x >= 0.0 { one.div(&one_e, p, RM) } else { e.div(&one_e, p, RM) };
    let sigma_d = e.div(&one_e.mul(&one_e, p, RM), p, RM);
    let e2 = e.mul(&e, p, RM);
    let one_e2 = one.add(&e2, p, RM);
    let tanh_d = big(4.0, p).mul(&e2, p, RM).div(&one_e2.mul(&one_e2, p, RM), p, RM);
    // (1 − e²)/(1 + e²) where 1 − e² ≥ 0.39 loses at most two bits; nearer 0, astro-float's
    // own tanh, which keeps the relative precision of a tiny x.
    let tanh = if x.abs() >= 0.25 {
        let t = one.sub(&e2, p, RM).div(&one_e2, p, RM);
        if x < 0.0 { t.neg() } else { t }
    } else {
        big(x, p).tanh(p, RM, cc)
    };
    [sigma, sigma_d, tanh, tanh_d]
}

/// The correctly rounded σ(x), σ′(x), tanh(x), tanh′(x) and the references themselves (for
/// the fractional error), with the number of recomputations at 1024 bits.
fn reference(x: f64, cc: &mut Consts, hard: &AtomicUsize) -> [(f64, Option<BigFloat>); 4] {
    if x.abs() > 2000.0 {
        let s = if x > 0.0 { 1.0 } else { 0.0 };
        return [(s, None), (0.0, None), (x.signum(), None), (0.0, None)];
    }
    let values = reference_at(x, PRECISION, cc);
    let mut rounded = values.each_ref().map(round_to_f64);
    let values = if rounded.iter().any(|&(_, h)| h) {
        hard.fetch_add(1, Ordering::Relaxed);
        let precise = reference_at(x, HARD_PRECISION, cc);
        // At 1024 bits the error is below 2⁻⁹⁰⁰ ULP.
        rounded = precise.each_ref().map(|v| round_to_f64_within(v, HARD_PRECISION, 900));
        assert!(rounded.iter().all(|&(_, h)| !h), "x = {x:e} is a midpoint at 1024 bits too");
        precise
    } else {
        values
    };
    let [a, b, c, d] = values;
    [
        (rounded[0].0, Some(a)),
        (rounded[1].0, Some(b)),
        (rounded[2].0, Some(c)),
        (rounded[3].0, Some(d)),
    ]
}

/// |got − exact| in ULP of the correctly rounded value `rounded` (the spacing of the doubles
/// in its binade; 2⁻¹⁰⁷⁴ for zero and the subnormals).
fn fractional_ulp(got: f64, exact: &BigFloat, rounded: f64) -> f64 {
    let biased = i64::try_from((rounded.to_bits() >> 52) & 0x7ff).expect("11 bits");
    let ulp = pow2(biased.max(1) - 1023 - 52);
    let diff = big(got, PRECISION).sub(exact, PRECISION, RM);
    round_to_f64(&diff.div(&big(ulp, PRECISION), PRECISION, RM)).0.abs()
}

/// The inputs, by class: name and values.
fn inputs() -> Vec<(&'static str, Vec<f64>)> {
    let mut rng = Rng::new(2026);
    let finite = |rng: &mut Rng| loop {
        let x = f64::from_bits(rng.next_u64());
        if x.is_finite() {
            return x;
        }
    };
    let random_bits: Vec<f64> = (0..500_000).map(|_| finite(&mut rng)).collect();
    let near: Vec<f64> = (0..1_000_000).map(|_| rng.range(-40.0, 40.0)).collect();
    let wide: Vec<f64> = (0..700_000).map(|_| rng.range(-800.0, 800.0)).collect();
    // Consecutive doubles on either side of a point, both signs.
    let around = |xs: &mut Vec<f64>, centre: f64, each_side: usize| {
        for c in [centre, -centre] {
            let (mut up, mut down) = (c, c);
            xs.push(c);
            for _ in 0..each_side {
                up = up.next_up();
                down = down.next_down();
                xs.extend([up, down]);
            }
        }
    };
    let mut reduction = Vec::new();
    let half_ln2 = std::f64::consts::LN_2 / 2.0;
    for j in 1..=2150 {
        around(&mut reduction, f64::from(j) * half_ln2, 200);
    }
    let mut thresholds = Vec::new();
    for t in [20.0, 21.0, 22.0, 36.0, 36.7, 37.0, 38.0, 40.0, 354.0, 708.0, 709.78, 744.44, 745.13]
    {
        around(&mut thresholds, t, 20_000);
    }
    thresholds.extend(
        (0..200_000).map(|_| rng.range(19.0, 41.0) * if rng.uniform() < 0.5 { -1.0 } else { 1.0 }),
    );
    thresholds.extend(
        (0..100_000)
            .map(|_| rng.range(353.0, 356.0) * if rng.uniform() < 0.5 { -1.0 } else { 1.0 }),
    );
    let mut tiny = Vec::new();
    for k in -1074..=-10 {
        around(&mut tiny, pow2(k), 100);
    }
    tiny.extend((0..100_000).map(|_| f64::from_bits(rng.next_u64() & 0x800f_ffff_ffff_ffff)));
    tiny.extend(
        (0..100_000).map(|_| {
            rng.range(-1.0, 1.0) * pow2(-i64::try_from(rng.next_u64() % 60).expect("small"))
        }),
    );
    vec![
        ("random bits", random_bits),
        ("|x| < 40", near),
        ("|x| < 800", wide),
        ("k·ln2/2", reduction),
        ("thresholds", thresholds),
        ("tiny", tiny),
    ]
}

/// The worst case of one function over one class.
#[derive(Clone, Default)]
struct Worst {
    ulps: u64,
    ulps_at: f64,
    fraction: f64,
    fraction_at: f64,
    /// How many results were not the correctly rounded value.
    inexact: usize,
}

impl Worst {
    /// One line: the worst distance in ULP from the correctly rounded value and where, the
    /// largest error in ULP from the exact value and where, how many were not correctly rounded.
    fn describe(&self, count: usize) -> String {
        if self.inexact == 0 {
            return format!("every result correctly rounded (error ≤ 0.5 ULP), {count} inputs");
        }
        format!(
            "worst {} ULP at x = {:e}; largest error {:.3} ULP at x = {:e}; {} of {count} not \
             correctly rounded",
            self.ulps, self.ulps_at, self.fraction, self.fraction_at, self.inexact
        )
    }

    fn merge(&mut self, other: &Worst) {
        if other.ulps > self.ulps {
            (self.ulps, self.ulps_at) = (other.ulps, other.ulps_at);
        }
        if other.fraction > self.fraction {
            (self.fraction, self.fraction_at) = (other.fraction, other.fraction_at);
        }
        self.inexact += other.inexact;
    }
}

/// Every function's worst case over `xs`, on as many threads as the machine has.
fn measure(xs: &[f64], hard: &AtomicUsize) -> [Worst; 4] {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = xs.len().div_ceil(threads).max(1);
    let parts: Vec<[Worst; 4]> = std::thread::scope(|scope| {
        let handles: Vec<_> = xs
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    let mut cc = Consts::new().expect("astro-float's constants");
                    let mut worst: [Worst; 4] = Default::default();
                    for &x in part {
                        let refs = reference(x, &mut cc, hard);
                        for (((_, _, f), (want, exact)), w) in
                            FUNCTIONS.iter().zip(&refs).zip(&mut worst)
                        {
                            let got = f(x);
                            let ulps = ulp_distance(got, *want);
                            if ulps > 0 {
                                w.inexact += 1;
                            }
                            if ulps > w.ulps {
                                (w.ulps, w.ulps_at) = (ulps, x);
                            }
                            // A correctly rounded result is within 0.5 ULP: the worst
                            // fraction is among the others, the only ones measured.
                            if let (true, Some(exact)) = (ulps > 0, exact) {
                                let fraction = fractional_ulp(got, exact, *want);
                                if fraction > w.fraction {
                                    (w.fraction, w.fraction_at) = (fraction, x);
                                }
                            }
                        }
                    }
                    worst
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("a measuring thread")).collect()
    });
    let mut total: [Worst; 4] = Default::default();
    for part in &parts {
        for (t, p) in total.iter_mut().zip(part) {
            t.merge(p);
        }
    }
    total
}

#[test]
fn rounding_of_the_reference() {
    // Doubles round to themselves; between two, to the nearer, ties to even.
    for x in [1.0, -0.75, f64::MIN_POSITIVE, f64::from_bits(1), 5e-320, 0.1, 1e300, f64::MAX] {
        assert_eq!(round_to_f64(&big(x, PRECISION)), (x, false), "{x:e}");
    }
    let between = |a: f64, b: f64| {
        big(a, PRECISION).add(&big(b, PRECISION), PRECISION, RM).div(
            &big(2.0, PRECISION),
            PRECISION,
            RM,
        )
    };
    // A subnormal goes in exactly: 2⁻¹⁰⁷⁴ · 2¹⁰⁰⁰ · 2⁷⁴ = 1.
    let p = PRECISION;
    let one = big(pow2(-1074), p).mul(&big(pow2(1000), p), p, RM).mul(&big(pow2(74), p), p, RM);
    assert_eq!(round_to_f64(&one), (1.0, false));
    // Midpoints are found, in the normal range and at the smallest subnormal.
    let hard = |v: &BigFloat| round_to_f64(v).1;
    let one_up = 1.0f64.next_up();
    assert!(hard(&between(1.0, one_up)));
    let tiny = f64::from_bits(1);
    assert!(hard(&between(0.0, tiny)) && hard(&between(tiny, 2.0 * tiny)));
    // Just off a midpoint, by far less than the top 128 bits show: rounded to the nearer.
    let off = big(pow2(-200), PRECISION * 4);
    let mid = between(1.0, one_up);
    let p = PRECISION * 4;
    assert_eq!(round_to_f64_within(&mid.add(&off, p, RM), p, 200), (one_up, false));
    assert_eq!(round_to_f64_within(&mid.sub(&off, p, RM), p, 200), (1.0, false));
    let third = big(1.0, PRECISION).div(&big(3.0, PRECISION), PRECISION, RM);
    assert_eq!(round_to_f64(&third), (1.0 / 3.0, false));
    let e = big(1.0, PRECISION).exp(PRECISION, RM, &mut Consts::new().expect("constants"));
    assert_eq!(round_to_f64(&e), (std::f64::consts::E, false));
    // 2^−1075 · 1.5 rounds up to the smallest subnormal; 2^−1076 to zero.
    let q = big(pow2(-1074), PRECISION).mul(&big(0.75, PRECISION), PRECISION, RM);
    assert_eq!(round_to_f64(&q).0, pow2(-1074));
    let q = big(pow2(-1074), PRECISION).mul(&big(0.25, PRECISION), PRECISION, RM);
    assert_eq!(round_to_f64(&q).0, 0.0);
}

/// The random logit vectors: lengths from 1 to 200, values uniform in `[−s, s]` for a spread
/// `s` from 1 to 100.
fn logit_vectors() -> Vec<Vec<f64>> {
    let mut rng = Rng::new(2027);
    let mut vs = Vec::new();
    for spread in [1.0, 10.0, 30.0, 100.0] {
        for _ in 0..1000 {
            let n = 1 + usize::try_from(rng.next_u64() % 200).expect("small");
            vs.push((0..n).map(|_| rng.range(-spread, spread)).collect());
        }
    }
    vs
}

/// The correctly rounded softmax and log-softmax of `v`. The terms `e^{x − max}` are computed
/// at 192 bits (each within 2⁻¹⁹⁰ relative, and so their sum); `ln` of the sum, which is 1 plus
/// terms as small as `e^{min − max}`, at 192 bits more than that sum's span loses. A vector
/// with an element near a midpoint is computed again with 1024 bits more.
fn softmax_reference(v: &[f64], cc: &mut Consts) -> (Vec<f64>, Vec<f64>) {
    let (lo, hi) =
        v.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &x| (lo.min(x), hi.max(x)));
    let lost = ((hi - lo) * std::f64::consts::LOG2_E).ceil() as usize;
    let mut p = 192;
    loop {
        let wide = p + lost;
        let m = big(hi, wide);
        // x − max is exact at this precision (both are doubles within a few hundred).
        let shifted: Vec<BigFloat> = v.iter().map(|&x| big(x, wide).sub(&m, wide, RM)).collect();
        let exps: Vec<BigFloat> = shifted.iter().map(|d| d.exp(p, RM, cc)).collect();
        let sum = exps.iter().fold(big(0.0, wide), |acc, e| acc.add(e, wide, RM));
        let log_sum = sum.ln(wide, RM, cc);
        // Each result is within about 2^(8 − p) relative: 2^(132 − p) ULP decides.
        let tolerance = i64::try_from(p).expect("small") - 132;
        let soft: Vec<(f64, bool)> =
            exps.iter().map(|e| round_to_f64_within(&e.div(&sum, p, RM), p, tolerance)).collect();
        let log: Vec<(f64, bool)> = shifted
            .iter()
            .map(|d| round_to_f64_within(&d.sub(&log_sum, wide, RM), wide, tolerance))
            .collect();
        if soft.iter().chain(&log).all(|&(_, hard)| !hard) {
            return (soft.iter().map(|r| r.0).collect(), log.iter().map(|r| r.0).collect());
        }
        p += 1024;
    }
}

/// The worst ULP distance of `softmax` and `log_softmax` over the random vectors, and where
/// (vector index, element), on as many threads as the machine has.
fn measure_softmax(vs: &[Vec<f64>]) -> [(u64, usize, usize, usize); 2] {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let indexed: Vec<(usize, &Vec<f64>)> = vs.iter().enumerate().collect();
    let chunk = indexed.len().div_ceil(threads).max(1);
    let parts: Vec<[(u64, usize, usize, usize); 2]> = std::thread::scope(|scope| {
        let handles: Vec<_> = indexed
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    let mut cc = Consts::new().expect("astro-float's constants");
                    // (worst ULP, vector, element, results not correctly rounded)
                    let mut worst = [(0, 0, 0, 0); 2];
                    for &(k, v) in part {
                        let (soft, log) = softmax_reference(v, &mut cc);
                        let got = [softmax(v), log_softmax(v)];
                        for ((want, got), w) in [soft, log].iter().zip(&got).zip(&mut worst) {
                            for (i, (&a, &b)) in got.iter().zip(want).enumerate() {
                                let ulps = ulp_distance(a, b);
                                w.3 += usize::from(ulps > 0);
                                if ulps > w.0 {
                                    (w.0, w.1, w.2) = (ulps, k, i);
                                }
                            }
                        }
                    }
                    worst
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("a measuring thread")).collect()
    });
    let mut total = [(0, 0, 0, 0); 2];
    for part in parts {
        for (t, p) in total.iter_mut().zip(part) {
            if p.0 > t.0 {
                (t.0, t.1, t.2) = (p.0, p.1, p.2);
            }
            t.3 += p.3;
        }
    }
    total
}

/// The reference against an independent one: σ, σ′, tanh, tanh′ as bits, correctly rounded
/// from mpmath at 2000 bits (`1/(1 + exp(−x))`, `e/(1 + e)²`, `tanh(x)`, `4e²/(1 + e²)²`
/// with `e = exp(−|x|)`), at some of the worst cases the extensive test printed and near 0.
#[test]
fn reference_against_mpmath() {
    let mpmath: [(f64, [u64; 4]); 8] = [
        (
            -7.157535468523402,
            [0x3f49816789e1702e, 0x3f497c527a9c8e74, 0xbfeffffd7474e995, 0x3ec45c57e40e9178],
        ),
        (
            15.52704033688272,
            [0x3fefffff9f0bff56, 0x3e883cffe10d9672, 0x3feffffffffffdb5, 0x3d425bf4f79dd224],
        ),
        (
            -354.6264789329685,
            [0x1ff4da330a9b01d0, 0x1ff4da330a9b01d0, 0xbff0000000000000, 0x001b2d1f4a07581b],
        ),
        (
            0.218909099310624,
            [0x3fe1be8b4488bb99, 0x3fcf9ea2ce2e0270, 0x3fcb94c8f40f1486, 0x3fee83a391c670fe],
        ),
        (
            0.3465735902799725,
            [0x3fe2bec333018866, 0x3fcf0ed99bed9b2e, 0x3fd5555555555552, 0x3fec71c71c71c71d],
        ),
        (1e-09, [0x3fe0000000225c18, 0x3fd0000000000000, 0x3e112e0be826d695, 0x3ff0000000000000]),
        (-700.5, [0x00c4ff475c68ca02, 0x00c4ff475c68ca02, 0xbff0000000000000, 0x0000000000000000]),
        (
            9.313225746154785e-10,
            [0x3fe0000000200000, 0x3fd0000000000000, 0x3e10000000000000, 0x3ff0000000000000],
        ),
    ];
    let mut cc = Consts::new().expect("astro-float's constants");
    let hard = AtomicUsize::new(0);
    for (x, want) in mpmath {
        let got = reference(x, &mut cc, &hard).map(|(v, _)| v.to_bits());
        assert_eq!(got, want, "x = {x:e}");
    }
}

#[test]
#[ignore = "a minute or two in release: `cargo test --release --test extensive -- --ignored`"]
fn every_input_within_the_documented_bounds() {
    let hard = AtomicUsize::new(0);
    let mut total: [Worst; 4] = Default::default();
    let mut count = 0;
    for (class, xs) in inputs() {
        let start = std::time::Instant::now();
        let worst = measure(&xs, &hard);
        count += xs.len();
        println!("{class}: {} inputs, {:.1} s", xs.len(), start.elapsed().as_secs_f64());
        for ((name, _, _), w) in FUNCTIONS.iter().zip(&worst) {
            println!("  {name:<19} {}", w.describe(xs.len()));
        }
        for (t, w) in total.iter_mut().zip(&worst) {
            t.merge(w);
        }
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "all classes: {count} inputs on {threads} threads ({} recomputed at {HARD_PRECISION} bits)",
        hard.load(Ordering::Relaxed)
    );
    for ((name, bound, _), w) in FUNCTIONS.iter().zip(&total) {
        println!("  {name:<19} {} (bound {bound} ULP)", w.describe(count));
    }
    let start = std::time::Instant::now();
    let vectors = logit_vectors();
    let elements: usize = vectors.iter().map(Vec::len).sum();
    let softmax_worst = measure_softmax(&vectors);
    println!(
        "random logit vectors: {} vectors, {elements} elements, {:.1} s",
        vectors.len(),
        start.elapsed().as_secs_f64()
    );
    for (name, (ulps, k, i, inexact)) in ["softmax", "log_softmax"].iter().zip(softmax_worst) {
        println!(
            "  {name:<19} worst {ulps} ULP at element {i} of vector {k} (length {}); {inexact} of \
             {elements} not correctly rounded (bound {SOFTMAX_BOUND} ULP)",
            vectors[k].len()
        );
    }
    for (name, (ulps, k, i, _)) in ["softmax", "log_softmax"].iter().zip(softmax_worst) {
        assert!(
            ulps <= SOFTMAX_BOUND,
            "{name}: {ulps} ULP at element {i} of {:?}, beyond the documented {SOFTMAX_BOUND}",
            vectors[k]
        );
    }
    for ((name, bound, _), w) in FUNCTIONS.iter().zip(&total) {
        assert!(
            w.ulps <= *bound,
            "{name}: {} ULP at x = {:e}, beyond the documented {bound}",
            w.ulps,
            w.ulps_at
        );
    }
}
