//! Branch-free kernels for `e^x`, `e^x − 1`, σ, tanh and their derivatives.
//!
//! Why kernels of our own: libm's `exp` and `tanh` are function calls, and a loop that calls
//! a function cannot be vectorized. These kernels are only multiplies, adds, fused
//! multiply-adds, bit shifts and selects, with no branch on the value, so a loop over them
//! becomes SIMD code (run through `crate::simd::dispatch!`). The range reduction, the
//! polynomial and the final division keep a few extra bits as unevaluated sums `hi + lo`
//! (the error-free transforms of [`super::eft`]), which is why they stay within the accuracy
//! bounds of `tests/accuracy.rs` (measured there; sigmoid and tanh come out within 1 ULP).
//!
//! Why every path gives the same bits: the kernels use `f64::mul_add`, a fused multiply-add
//! that IEEE 754 specifies exactly, and the compiler never reorders floating-point arithmetic.
//! So the AVX-512 code, the AVX2 code and the portable code (where `mul_add` is libm's `fma`)
//! compute the same numbers; the unit tests below compare them bit for bit.
//!
//! Naming: `f` is the kernel, valid where `f_in_range` holds (callers check it per block);
//! `f_any` is every input, the kernel in range and a libm fallback outside.

use super::eft::{divide, fast_two_sum, two_sum};

/// 1.5·2^52: adding it to a number below 2^51 in magnitude rounds that number to an integer,
/// which then sits in the low bits of the sum.
pub(crate) const ROUNDER: f64 = 6_755_399_441_055_744.0;
/// ln 2 with its low 21 bits cleared (32 significant bits, musl's `ln2hi`), so `k·LN2_HI` is
/// exact for every `|k| < 2^21`.
pub(crate) const LN2_HI: f64 = f64::from_bits(std::f64::consts::LN_2.to_bits() & !0x1F_FFFF);
/// ln 2 − `LN2_HI`, rounded to f64 (computed with mpmath at 300 bits); `LN2_HI + LN2_LO` is
/// ln 2 within 1.2·10⁻²⁶.
pub(crate) const LN2_LO: f64 = 1.908_214_929_270_587_7e-10;
/// `1/n!` for n = 2 … 13: the Taylor coefficients of `(e^r − 1 − r)/r²`. On `|r| ≤ ln2/2`
/// the first term left out, `r^14/14!`, is below 5·10⁻¹⁸, a twentieth of an ULP of `e^r`.
const INVERSE_FACTORIALS: [f64; 12] = inverse_factorials();

const fn inverse_factorials() -> [f64; 12] {
    let mut c = [0.0; 12];
    let mut f = 1.0;
    let mut n = 2;
    while n <= 13 {
        f /= n as f64;
        c[n - 2] = f;
        n += 1;
    }
    c
}

/// `e^y = 2^k·(s + t)` for `|y| ≤ 708`, returned as `(2^k, s, t)`: `s = fl(1 + r)` and `t`
/// the rest of `e^r`, with `r = y − k·ln 2` in `[−ln2/2, ln2/2]`.
///
/// `s + t` carries `e^r` to about 2⁻⁵⁵ relative (c·r and the rounding of r² are left out),
/// a few bits beyond an f64, so the callers can round once at the end.
/// NaN gives NaN in `s` and `t`.
#[inline(always)]
fn exp_parts(y: f64) -> (f64, f64, f64) {
    exp_parts_times_power_of_2(y, 0)
}

/// [`exp_parts`] with `2^{k + shift}` in place of `2^k`, for `−708 − shift·ln 2 ≤ y ≤ 0` and
/// `0 ≤ shift ≤ 1022`: `e^y·2^shift` stays a normal number where `e^y` alone would be
/// subnormal. Every step but the exponent bits is [`exp_parts`]'s.
#[inline(always)]
fn exp_parts_times_power_of_2(y: f64, shift: u64) -> (f64, f64, f64) {
    let rounded = y.mul_add(std::f64::consts::LOG2_E, ROUNDER);
    let k = rounded - ROUNDER;
    // The integer k sits in the low bits of `rounded`; 2^k is built from its exponent bits.
    let k_bits = rounded.to_bits().wrapping_sub(ROUNDER.to_bits());
    let scale = f64::from_bits(k_bits.wrapping_add(1023 + shift) << 52);
    // y − k·LN2_HI is exact (Sterbenz); r = r_hi + r_lo is rounded and its error kept in c.
    let r_hi = (-k).mul_add(LN2_HI, y);
    let r_lo = -k * LN2_LO;
    let r = r_hi + r_lo;
    let c = (r_hi - r) + r_lo;
    let (s, t) = exp_of_reduced(r, c);
    (scale, s, t)
}

/// `e^{r + c} = s + t` for `|r| ≤ ln2/2` (and a little beyond) and a tiny correction `c`:
/// `s = fl(1 + r)`, and `t` collects what `s` lost plus the rest, `c + r²·P(r)` with the
/// Taylor polynomial [`INVERSE_FACTORIALS`]. The last step of [`exp_parts`] and of
/// `erfc.rs`'s `exp_sum`, which differ in how they reduce the argument.
#[inline(always)]
pub(crate) fn exp_of_reduced(r: f64, c: f64) -> (f64, f64) {
    // Estrin's scheme: pairs, then pairs of pairs, so the steps do not wait on one another
    // the way Horner's do.
    let q = &INVERSE_FACTORIALS;
    let r2 = r * r;
    let r4 = r2 * r2;
    // (No closures here: one the compiler does not inline runs as portable code.)
    let low = q[3].mul_add(r, q[2]).mul_add(r2, q[1].mul_add(r, q[0]));
    let mid = q[7].mul_add(r, q[6]).mul_add(r2, q[5].mul_add(r, q[4]));
    let high = q[11].mul_add(r, q[10]).mul_add(r2, q[9].mul_add(r, q[8]));
    let p = high.mul_add(r4, mid).mul_add(r4, low);
    let s = 1.0 + r;
    let t = ((1.0 - s) + r) + r2.mul_add(p, c);
    (s, t)
}

/// `e^{−a}` for `0 ≤ a ≤ 708` as `hi + lo` (to about 2⁻⁵⁵ relative; above `a ≈ 670` `lo`
/// is subnormal and keeps fewer bits).
#[inline(always)]
pub(crate) fn exp_negative(a: f64) -> (f64, f64) {
    let (scale, s, t) = exp_parts(-a);
    let (hi, lo) = fast_two_sum(s, t);
    (hi * scale, lo * scale)
}

/// `e^y` for `−708 ≤ y ≤ 0`, within one ULP (tested below against libm).
#[inline(always)]
pub(crate) fn exp_nonpositive(y: f64) -> f64 {
    let (scale, s, t) = exp_parts(y);
    (s + t) * scale
}

/// `e^x − 1` for `−708 ≤ x ≤ 0` (and `−0.0`), within one ULP (measured through ELU and SELU
/// in `tests/accuracy.rs`; compared with libm's `expm1` below).
///
/// `e^x − 1 = (2^k·s − 1) + 2^k·t`, with `2^k·s − 1` taken exactly by TwoSum
/// (here `2^k·s ≤ 1`, so the order of the operands is not known) and the small `2^k·t` added
/// before the one final rounding. Near 0, `k = 0`, `r = x` exactly and `s − 1` is exact, so
/// the result keeps its relative precision (a subnormal `x` gives `x`); the sign of `x` is put
/// back at the end, so `−0.0` gives `−0.0`. NaN gives NaN.
#[inline(always)]
pub(crate) fn expm1_nonpositive(x: f64) -> f64 {
    let (scale, s, t) = exp_parts(x);
    let (uh, ul) = two_sum(scale * s, -1.0);
    (uh + (ul + scale * t)).copysign(x)
}

/// Where [`sigmoid`] and [`sigmoid_derivative`] are computed by the kernel: `x ≥ −708` keeps
/// `e^x` a normal number. Below, and for NaN, [`sigmoid_any`] takes libm's `exp` instead.
#[inline(always)]
pub(crate) fn sigmoid_in_range(x: f64) -> bool {
    x >= -708.0
}

/// `1 + t` for `t = e^{−a}`, both as `hi + lo`: the denominator of σ.
#[inline(always)]
fn one_plus((th, tl): (f64, f64)) -> (f64, f64) {
    let (dh, dl) = fast_two_sum(1.0, th);
    (dh, dl + tl)
}

/// σ(x) for `x ≥ −708`: `1/(1 + t)` for `x ≥ 0` and `t/(1 + t)` for `x < 0`, `t = e^{−|x|}`.
#[inline(always)]
pub(crate) fn sigmoid(x: f64) -> f64 {
    // Beyond 40, σ(x) rounds to 1; the cap keeps e^{−|x|} a normal number for every x ≥ 0
    // (the callers keep x ≥ −708).
    let a = if x > 40.0 { 40.0 } else { x.abs() };
    let t = exp_negative(a);
    let numerator = if x >= 0.0 { (1.0, 0.0) } else { t };
    divide(numerator, one_plus(t))
}

/// σ'(x) = σ(x)·σ(−x) = t/(1 + t)² with `t = e^{−|x|}`, for `x ≥ −708` (and `x ≤ 708`, as
/// [`derivative_in_range`] checks).
#[inline(always)]
pub(crate) fn sigmoid_derivative(x: f64) -> f64 {
    let t = exp_negative(x.abs());
    let d = one_plus(t);
    divide((divide(t, d), 0.0), d)
}

/// Where [`sigmoid_derivative`] is computed by the kernel: `|x| ≤ 708`.
#[inline(always)]
pub(crate) fn derivative_in_range(x: f64) -> bool {
    x.abs() <= 708.0
}

/// The coefficients of `(e^r − 1 − r)/r²` on `|r| ≤ ln2/2` for [`tanh`]: a Chebyshev fit of
/// degree 10 (mpmath, 200 bits), rounded to f64. Its error on `e^r` is below 2⁻⁶¹ relative
/// (checked with mpmath at 2001 points), finer than the Taylor polynomial of
/// [`exp_parts`], with one coefficient less.
const TANH_EXP: [f64; 11] = [
    0.5,
    0.166_666_666_666_666_7,
    0.041_666_666_666_666_67,
    0.008_333_333_333_326_141,
    0.001_388_888_888_888_375_2,
    0.000_198_412_698_748_004_93,
    2.480_158_732_553_336_3e-5,
    2.755_725_542_574_643_5e-6,
    2.755_727_366_134_863_7e-7,
    2.510_520_637_395_701e-8,
    2.091_467_937_658_393_5e-9,
];

/// [`TANH_EXP`] for the half argument `h = r/2`, times 4: `2^{n+2}·c_n`, so that
/// `r²·Σ c_n·r^n = h²·Σ TANH_EXP_HALF[n]·h^n` (scaling by powers of 2 is exact).
const TANH_EXP_HALF: [f64; 11] = {
    let mut c = TANH_EXP;
    let mut scale = 4.0;
    let mut n = 0;
    while n < c.len() {
        c[n] *= scale;
        scale *= 2.0;
        n += 1;
    }
    c
};

/// `e^{2a} = 2^k·e^r` for `0 ≤ a ≤ 354` (and NaN), returned as `(eh, el, r_lo, −2^−k)`: the
/// reduction of [`exp_parts`] for `y = 2a`, computed on `a` (which saves the doubling), with
/// `r = 2h + r_lo`, `2h = y − k·LN2_HI` exact and `r_lo = −k·LN2_LO`, and `eh + el = e^{2h}`
/// renormalized, within 2⁻⁶¹ relative (the polynomial's error). The callers fold
/// `e^{r_lo} ≈ 1 + r_lo` into `el`, each to the precision it needs.
#[inline(always)]
fn tanh_parts(a: f64) -> (f64, f64, f64, f64) {
    let rounded = a.mul_add(2.0 * std::f64::consts::LOG2_E, ROUNDER);
    let k = rounded - ROUNDER;
    // −2^−k from the bits of `rounded` (k, 0 ≤ k ≤ 1021, sits in its low bits): sign bit set,
    // exponent 1023 − k.
    let minus_iota =
        f64::from_bits((ROUNDER.to_bits() + 1023 + 2048).wrapping_sub(rounded.to_bits()) << 52);
    // h = (y − k·LN2_HI)/2, exact as in exp_parts.
    let h = (-k).mul_add(0.5 * LN2_HI, a);
    // e^{2h} = 1 + 2h + h²·P, P = Σ TANH_EXP_HALF[n]·h^n in even and odd halves: two short
    // Horner chains, which need no copies of the constants the way Estrin's pairs do.
    let q = &TANH_EXP_HALF;
    let h2 = h * h;
    let even = q[10].mul_add(h2, q[8]).mul_add(h2, q[6]).mul_add(h2, q[4]).mul_add(h2, q[2]);
    let even = even.mul_add(h2, q[0]);
    let odd = q[9].mul_add(h2, q[7]).mul_add(h2, q[5]).mul_add(h2, q[3]).mul_add(h2, q[1]);
    let p = odd.mul_add(h, even);
    // s = fl(1 + 2h) and t the rest; eh + el = s + t exactly.
    let s = h.mul_add(2.0, 1.0);
    let t = h2.mul_add(p, h.mul_add(2.0, 1.0 - s));
    let (eh, el) = fast_two_sum(s, t);
    (eh, el, -k * LN2_LO, minus_iota)
}

/// `e^r + 2^−k` as `(dh, dl)`, exactly from `e^r = eh + el` (Fast2Sum: `eh ≥ 1/2 ≥ 2^−k` for
/// `k ≥ 1`, and for `k = 0`, `r ≥ 0` and `eh ≥ 1`), but for the rounding of `dl`.
#[inline(always)]
fn plus_iota(eh: f64, el: f64, minus_iota: f64) -> (f64, f64) {
    let dh = eh - minus_iota;
    (dh, el - ((dh - eh) + minus_iota))
}

/// tanh(x) = (e^r − 2^−k)/(e^r + 2^−k) for `2|x| = k·ln 2 + r`, and the sign of `x`; every
/// `x`, NaN included.
///
/// It is `u/(u + 2)` with `u = e^{2|x|} − 1`, divided through by `2^k`: the scale drops out,
/// and the numerator and the denominator are `e^r ∓ 2^−k`, each taken exactly from the pair
/// `e^r = eh + el` by Fast2Sum ([`plus_iota`]); only their low parts are rounded, by less
/// than 2⁻⁷⁸ relative (`el` holds `r_lo·eh`, at most 1.2·10⁻⁸). So the errors of `e^r` they
/// share cancel in the quotient and the one final rounding decides the result: where tanh is
/// nearly flat, consecutive inputs give the same double or the next one, never a smaller one.
#[inline(always)]
pub(crate) fn tanh(x: f64) -> f64 {
    // Beyond 22, tanh rounds to ±1; the cap keeps k ≤ 64. NaN fails the comparison and
    // flows through the arithmetic as NaN.
    let a = if x.abs() > 22.0 { 22.0 } else { x.abs() };
    let (eh, el, r_lo, minus_iota) = tanh_parts(a);
    // e^r = (eh + el)·e^{r_lo} ≈ (eh + el)(1 + r_lo): the term r_lo²/2 left out is below 2⁻⁶²
    // relative for k ≤ 2, and for larger k, 2^−k shrinks its effect on the quotient.
    let el = r_lo.mul_add(eh, el);
    let (dh, dl) = plus_iota(eh, el, minus_iota);
    // e^r − 2^−k, Fast2Sum with −2^−k.
    let nh = eh + minus_iota;
    let nl = (minus_iota - (nh - eh)) + el;
    // The division of [`divide`], with q·dl fused into the remainder.
    let inverse = 1.0 / dh;
    let q = nh * inverse;
    let remainder = (-q).mul_add(dl, (-q).mul_add(dh, nh) + nl);
    remainder.mul_add(inverse, q).copysign(x)
}

/// σ(x) for every `x`: the kernel where [`sigmoid_in_range`], else `e^x` (below −708,
/// `e^x/(1 + e^x)` rounds to `e^x`, a subnormal number or 0, which libm's `exp` handles).
#[inline(always)]
pub(crate) fn sigmoid_any(x: f64) -> f64 {
    if sigmoid_in_range(x) { sigmoid(x) } else { x.exp() }
}

/// σ'(x) for every `x`: the kernel where [`derivative_in_range`], else `e^{−|x|}` (what
/// `t/(1 + t)²` rounds to when `t = e^{−|x|}` is below 10⁻³⁰⁷).
#[inline(always)]
pub(crate) fn sigmoid_derivative_any(x: f64) -> f64 {
    if derivative_in_range(x) { sigmoid_derivative(x) } else { (-x.abs()).exp() }
}

/// Where [`tanh_derivative`] is computed by the kernel: `|x| ≤ 354`.
#[inline(always)]
pub(crate) fn tanh_derivative_in_range(x: f64) -> bool {
    derivative_in_range(2.0 * x)
}

/// tanh'(x) = 1 − tanh²(x) = 4·2^−k·e^r/(e^r + 2^−k)² for `|x| ≤ 354`, with the `e^r` and
/// `2^−k` of [`tanh`] (`2|x| = k·ln 2 + r`): one division where 4σ'(2x) takes two.
///
/// A relative error `δ` of `e^r` becomes `−δ·tanh(x)` here, no larger; the denominator's
/// square is kept as `hi + lo` (the product `dh²` exact by fused multiply-add), and the
/// factor `4·2^−k` is exact (the result stays normal for `|x| ≤ 354`).
#[inline(always)]
pub(crate) fn tanh_derivative(x: f64) -> f64 {
    let (eh, el, r_lo, minus_iota) = tanh_parts(x.abs());
    // e^r = (eh + el)·e^{r_lo} with e^{r_lo} ≈ 1 + r_lo + r_lo²/2: |r_lo| reaches 2·10⁻⁷ at
    // k = 1021, where r_lo²/2 would be an error of 2⁻⁴⁵ here (r_lo³/6, 2⁻⁶⁹, is left out).
    // Renormalized: the square and the division below are first-order in the low parts, and
    // r_lo·eh is far above an ULP of eh.
    let (eh, el) = fast_two_sum(eh, r_lo.mul_add(0.5 * r_lo, r_lo).mul_add(eh, el));
    let (dh, dl) = plus_iota(eh, el, minus_iota);
    let square = dh * dh;
    let square_lo = (dh + dh).mul_add(dl, dh.mul_add(dh, -square));
    -4.0 * minus_iota * divide((eh, el), (square, square_lo))
}

/// tanh'(x) for every `x`: the kernel where [`tanh_derivative_in_range`], else `4e^{−2|x|}`
/// (what `4t/(1 + t)²` rounds to for `t = e^{−2|x|}` below 10⁻³⁰⁷), rounded once.
#[inline(always)]
pub(crate) fn tanh_derivative_any(x: f64) -> f64 {
    if tanh_derivative_in_range(x) {
        tanh_derivative(x)
    } else {
        let e = (-x.abs()).exp();
        (4.0 * e) * e
    }
}

/// `e^{d + err}` for a shifted logit `(d, err)` (see [`super::eft::shift_by_max`]) with
/// `−708 ≤ d ≤ 0` and `|err|` at most half an ULP of `d`: `e^d + e^d·err`, correct to about
/// one rounding.
#[inline(always)]
pub(crate) fn exp_pair(d: f64, err: f64) -> f64 {
    let e = exp_nonpositive(d);
    e.mul_add(err, e)
}

/// [`exp_pair`] for every `d ≤ 0` (`−∞` included): below −708, `e^d` is subnormal or 0,
/// beyond the kernel, and libm rounds it correctly.
#[inline(always)]
pub(crate) fn exp_pair_any(d: f64, err: f64) -> f64 {
    if d >= -708.0 {
        exp_pair(d, err)
    } else {
        let e = d.exp();
        e.mul_add(err, e)
    }
}

/// How far [`exp_pair_tail`] scales: by `2^TAIL_SHIFT`.
pub(crate) const TAIL_SHIFT: u64 = 1000;

/// The shifts `d` that [`exp_pair_tail`] takes: `d ≥ TAIL_START`. Below it
/// `e^d < 2^-2018`, and no sum of fewer than 2^900 such terms reaches the smallest subnormal.
pub(crate) const TAIL_START: f64 = -1400.0;

/// `e^{d + err}·2^TAIL_SHIFT` for a shifted logit with `TAIL_START ≤ d < −708` (and `|err|` at
/// most half an ULP of `d`), as [`exp_pair`] computes `e^{d + err}`: a normal number where
/// `e^{d + err}` itself would be subnormal, so that log-softmax sums such terms with their
/// full precision and rounds their sum once, after scaling it back.
#[inline(always)]
pub(crate) fn exp_pair_tail(d: f64, err: f64) -> f64 {
    let (scale, s, t) = exp_parts_times_power_of_2(d, TAIL_SHIFT);
    let e = (s + t) * scale;
    e.mul_add(err, e)
}

/// Asserts that `got`, the kernels' outputs at `level` as bits (`kernels` of them per input of
/// `xs`), are the `portable` ones. A NaN is a NaN: IEEE 754 does not fix the sign and payload
/// an operation gives.
#[cfg(test)]
#[track_caller]
pub(crate) fn assert_same_bits(
    level: crate::simd::Level,
    xs: &[f64],
    kernels: usize,
    got: &[u64],
    portable: &[u64],
) {
    for (i, (&a, &b)) in got.iter().zip(portable).enumerate() {
        let both_nan = f64::from_bits(a).is_nan() && f64::from_bits(b).is_nan();
        let x = xs[i / kernels];
        assert!(a == b || both_nan, "kernel {} at x = {x:?}: {level:?} differs", i % kernels);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::experiment::Rng;
    use crate::numerics::eft::{LaneSum, divide_by, two_diff};
    use crate::simd::{Level, dispatch};

    #[test]
    fn ln2_split_is_exact_where_it_must_be() {
        // LN2_HI has at most 32 significant bits, so k·LN2_HI is exact for |k| ≤ 1100.
        assert_eq!(LN2_HI.to_bits() & 0x1F_FFFF, 0);
        assert!((LN2_HI + LN2_LO - std::f64::consts::LN_2).abs() <= f64::EPSILON / 4.0);
        for k in -1100..=1100 {
            let product = f64::from(k) * LN2_HI;
            assert_eq!(f64::from(k).mul_add(LN2_HI, -product), 0.0, "k = {k}");
        }
    }

    #[test]
    fn expm1_is_within_one_ulp_of_libm() {
        let mut rng = Rng::new(8);
        for scale in [1e-300, 1e-12, 1e-3, 0.5, 2.0, 708.0] {
            for _ in 0..20_000 {
                let x = rng.range(-scale, 0.0);
                let (ours, libm) = (expm1_nonpositive(x), libm::expm1(x));
                let tolerance = 1.01 * libm.abs() * f64::EPSILON;
                assert!((ours - libm).abs() <= tolerance, "e^{x} − 1: {ours} vs {libm}");
            }
        }
        for x in [0.0, -0.0, -1e-310, -f64::MIN_POSITIVE, -708.0] {
            assert_eq!(expm1_nonpositive(x).to_bits(), libm::expm1(x).to_bits(), "{x:e}");
        }
    }

    #[test]
    fn exp_is_within_one_ulp_of_libm() {
        let mut rng = Rng::new(7);
        for _ in 0..100_000 {
            let y = rng.range(-708.0, 0.0);
            let (ours, libm) = (exp_nonpositive(y), y.exp());
            assert!((ours - libm).abs() <= 1.01 * libm * f64::EPSILON, "e^{y}: {ours} vs {libm}");
        }
    }

    #[test]
    fn exp_tail_is_within_two_ulp_of_libm() {
        // e^d·2^1000 = e^{d + 700}·(e^{−700}·2^1000): d + 700 is exact (Sterbenz) and libm's
        // exp of it normal; the constant is e^{−700}·2^1000 rounded (mpmath, 300 bits). The
        // comparison itself rounds three times, so it allows 3 ULP.
        const E_700_2_1000: f64 = 0.001_056_472_828_071_114_2;
        assert_eq!(TAIL_SHIFT, 1000);
        let mut rng = Rng::new(9);
        let mut worst = 0.0f64;
        for _ in 0..100_000 {
            let d = rng.range(TAIL_START, -708.0);
            let (ours, libm) = (exp_pair_tail(d, 0.0), (d + 700.0).exp() * E_700_2_1000);
            worst = worst.max((ours - libm).abs() / (libm * f64::EPSILON));
            assert!(
                (ours - libm).abs() <= 3.0 * libm * f64::EPSILON,
                "e^{d}·2^1000: {ours} vs {libm}"
            );
        }
        println!("exp_pair_tail: worst {worst:.2} ε relative to libm");
    }

    #[test]
    fn tanh_does_not_decrease_from_a_double_to_the_next() {
        // Where tanh is flat (|x| ≳ 2), neighbours share the result or differ by an ULP, so any
        // rounding error of e^r ∓ 2^−k that did not cancel would show as a step down.
        let mut rng = Rng::new(12);
        for scale in [1e-6, 0.2, 1.0, 4.0, 19.2] {
            for _ in 0..50_000 {
                let x = rng.range(0.0, scale);
                let next = x.next_up();
                assert!(tanh(x) <= tanh(next), "tanh({x:?}) > tanh({next:?})");
                assert!(tanh(-next) <= tanh(-x), "tanh(−{next:?}) > tanh(−{x:?})");
            }
        }
    }

    /// Inputs for the comparisons: special values, the edges of the ranges, and seeded
    /// random numbers over several scales.
    fn inputs() -> Vec<f64> {
        let mut xs = vec![0.0, -0.0, 1e-310, -1e-310, 22.0, -22.0, 40.0, 708.0, -708.0];
        xs.extend([f64::NAN, f64::INFINITY, f64::NEG_INFINITY, f64::MAX, f64::MIN_POSITIVE]);
        let mut rng = Rng::new(11);
        for scale in [1e-8, 1e-3, 1.0, 30.0, 800.0] {
            xs.extend((0..20_000).map(|_| rng.range(-scale, scale)));
        }
        xs
    }

    /// How many results [`all_kernels`] writes per input.
    const KERNELS: usize = 10;

    /// Every kernel at `level` over `xs`, as bits, `KERNELS` per input, and a `LaneSum` of
    /// `xs`. Plain loops into a slice made beforehand: an iterator adaptor or a closure that
    /// is not inlined would run as portable code and the comparison would prove nothing.
    fn all_kernels(level: Level, xs: &[f64], out: &mut [u64]) -> (u64, u64) {
        dispatch!(level; (xs: &[f64], out: &mut [u64]) -> (u64, u64) {
            let mut sum = LaneSum::new();
            for (i, &x) in xs.iter().enumerate() {
                let o = &mut out[KERNELS * i..KERNELS * (i + 1)];
                o[0] = sigmoid_any(x).to_bits();
                o[1] = sigmoid_derivative_any(x).to_bits();
                o[2] = tanh(x).to_bits();
                o[3] = tanh_derivative_any(x).to_bits();
                o[4] = exp_nonpositive(x.clamp(-708.0, 0.0)).to_bits();
                let (d, err) = two_diff(x.clamp(-700.0, 1.0), 1.0);
                o[5] = exp_pair(d, err).to_bits();
                o[6] = divide_by(x, (3.0, 1e-17)).to_bits();
                o[7] = divide((x, 1e-20), (1.5, -1e-17)).to_bits();
                o[8] = expm1_nonpositive(x.clamp(-708.0, 0.0)).to_bits();
                let (d, err) = two_diff(x.clamp(TAIL_START, -708.1), 0.5);
                o[9] = exp_pair_tail(d, err).to_bits();
                if x.is_finite() && x.abs() < 1e300 {
                    sum.add(&[x]);
                }
            }
            let (hi, lo) = sum.total();
            (hi.to_bits(), lo.to_bits())
        })
    }

    #[test]
    fn every_level_gives_the_same_bits() {
        let xs = inputs();
        let levels = Level::available();
        println!("levels on this CPU: {levels:?}");
        let run = |level| {
            let mut out = vec![0; xs.len() * KERNELS];
            let sum = all_kernels(level, &xs, &mut out);
            (out, sum)
        };
        let portable = run(Level::Portable);
        for &level in &levels[1..] {
            let (out, sum) = run(level);
            assert_eq!(sum, portable.1, "LaneSum: {level:?} differs from portable");
            assert_same_bits(level, &xs, KERNELS, &out, &portable.0);
        }
    }
}
