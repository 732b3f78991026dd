//! The modern activation functions: ELU, SELU, Softplus, GELU (exact and its tanh
//! approximation), SiLU (Swish-1), Mish, and the GLU family over a vector.
//!
//! Each scalar function is computed in a form without cancellation or overflow anywhere on
//! the finite range, and aims at an accuracy bound measured against high-precision references
//! (`tests/accuracy.rs`): `elu`, `selu`, `softplus` and `silu` within 2 ULP, `gelu`,
//! `gelu_tanh` and `mish` within 4 ULP of their own definitions, subnormal results and the
//! far tails included. Special inputs have one behaviour each, listed on every function.
//! Derivatives are accurate to a few ULP away from their zeros (where only an absolute
//! bound is meaningful), never overflow, and reach the right limits.
//!
//! Three numerical devices recur:
//!
//! - `libm` (the pure-Rust port of musl) for `log1p`, `exp` and `expm1` outside the kernels'
//!   range, so that every platform gives the same bits.
//! - Arguments that amplify their own rounding error are carried as an unevaluated sum of
//!   two `f64` (`hi + lo`): `−x/√2` in GELU and `√(2/π)(x + 0.044715x³)` in its tanh
//!   approximation. A function whose logarithmic derivative is large (e^v, erfc(w) in their
//!   tails) turns a relative error `δ` of its argument `v` into a relative error `|v|·δ` of
//!   the result: hundreds of ULP near the underflow threshold if `v` were rounded once.
//! - A result `x·e^{v}` (the far negative tails of SiLU, Mish and both GELUs) whose factor
//!   `e^{v}` is subnormal would lose precision if `e^{v}` were rounded first: its absolute
//!   error is then multiplied by `|x|`. There `e^{v}` is computed scaled by `2¹²⁸` (an exact
//!   argument reduction), multiplied by `x` exactly, and scaled back once at the end.
//!
//! The functions built on `e^x` compute through the branch-free kernels of
//! `src/numerics/kernel.rs` where those hold (σ for `silu`, `gelu_tanh` and their derivatives;
//! `e^x − 1` for `elu` and `selu`; `e^x` for their derivatives, for `softplus`, and for `mish`
//! and its derivative), and `gelu` and its derivative through the lower normal tail of
//! `src/numerics/erfc.rs` (fdlibm's `erfc` made branch-free), each call compiled for the CPU's
//! instructions as [`super::sigmoid`] is, and through libm outside that range. The
//! `*_in_range`, `*_kernel` and `*_any` functions below are shared with [`crate::slice`], whose
//! loops over them are vectorized and give the same bits; every SIMD level gives the same bits
//! (tested below).

use crate::Error;
use crate::activation::sigmoid;
use crate::numerics::kernel;
// `ln 2` in two parts as in musl's `exp`: `LN2_HI` has 32 significant bits, so
// `v + 128·LN2_HI` is exact for every `v` in `[−790, −708]` (see `x_exp_tail`).
use crate::numerics::kernel::{LN2_HI, LN2_LO};
use crate::simd::{Level, dispatch};

// ---------------------------------------------------------------------------------------
// Error-free transforms (private: the few this module needs).

/// `a·b` as `(p, e)` with `p = fl(a·b)` and `p + e = a·b` exactly (no overflow or underflow).
#[inline(always)]
fn two_prod(a: f64, b: f64) -> (f64, f64) {
    let p = a * b;
    (p, a.mul_add(b, -p))
}

/// `a + b` as `(s, e)` with `s = fl(a + b)` and `s + e = a + b` exactly, for `|a| ≥ |b|`.
#[inline(always)]
fn fast_two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    (s, b - (s - a))
}

/// `x²` as `(h, l)`, `h + l = x²` exactly (for `|x| < 1e150`).
#[inline(always)]
fn square(x: f64) -> (f64, f64) {
    two_prod(x, x)
}

/// `x·e^{v + v_lo}` for `v < −708` (`|v_lo|` tiny), where `e^{v}` is subnormal or 0 while the
/// product may still be normal: rounding `e^{v}` first would multiply its absolute error by
/// `|x|` (hundreds of ULP of a subnormal result for `|x|` in the hundreds).
///
/// Computed as `2⁻¹²⁸·x·e^{y}·e^{r}` with `y = v + 128·LN2_HI` (exact, and `e^{y}` normal) and
/// `r = 128·LN2_LO + v_lo`: `x·e^{y}` exactly as `p + p_lo`, `e^{r} − 1 ≈ r + r²/2`, one
/// rounding of the sum, and the scaling by `2⁻¹²⁸` exact for a normal result (one more
/// rounding, into the subnormal range, otherwise). About the error of `exp` plus half an ULP.
/// Below `v = −790` the result is a zero with the sign of `x` (`|x| ≤ 10⁴` here: every caller's
/// result is below 2⁻¹⁰⁷⁵ there).
#[inline]
fn x_exp_tail(x: f64, v: f64, v_lo: f64) -> f64 {
    const TWO_POW_M128: f64 = f64::from_bits((1023 - 128) << 52);
    if v < -790.0 {
        return x * 0.0;
    }
    let y = v + 128.0 * LN2_HI;
    let r = 128.0f64.mul_add(LN2_LO, v_lo);
    let expm1_r = r.mul_add(0.5 * r, r);
    let (p, p_lo) = two_prod(x, libm::exp(y));
    (p + p.mul_add(expm1_r, p_lo)) * TWO_POW_M128
}

/// The exponent below which `e^{v}` leaves the normal range (`e^{−708} ≈ 3.3e−308`).
const EXP_NORMAL_MIN: f64 = -708.0;

// ---------------------------------------------------------------------------------------
// ELU and SELU

/// ELU (Clevert et al. 2016): `x` for `x > 0`, `α·(e^x − 1)` otherwise.
///
/// The negative side is computed as `α·expm1(x)`: `e^x − 1` would cancel near 0 (for
/// `x = −1e−10` it keeps only 6 correct digits), `expm1` keeps them all. `expm1` is the
/// branch-free kernel of `src/numerics/kernel.rs` for `x ≥ −708` (within one ULP; libm's below,
/// where it is −1), so [`crate::slice::elu`] vectorizes and gives the same bits. Within 2 ULP
/// (the error of `expm1` plus one rounding of the product; exact for `x > 0`).
///
/// `alpha` is used as given (the usual value is 1). NaN in `x` gives NaN; `+∞` gives `+∞`;
/// `−∞` gives `−α` (the saturation level); `−0.0` gives `α·(−0.0)` (`−0.0` for `α > 0`),
/// `+0.0` gives `+0.0`; a subnormal negative `x` gives `α·x` rounded.
#[must_use]
pub fn elu(x: f64, alpha: f64) -> f64 {
    dispatch!(Level::best(); (x: f64, alpha: f64) -> f64 { elu_any(x, alpha) })
}

/// Where the kernels of ELU, SELU and their derivatives hold: `x ≥ −708` (`e^x` normal).
/// NaN fails it.
#[inline(always)]
pub(crate) fn elu_in_range(x: f64) -> bool {
    x >= EXP_NORMAL_MIN
}

/// `min(x, 0)`, `−0.0` kept, as a select: the argument of `e^x − 1` on the negative side.
#[inline(always)]
fn nonpositive(x: f64) -> f64 {
    if x > 0.0 { 0.0 } else { x }
}

/// [`elu`] for `x ≥ −708`, branch-free: `α·(e^x − 1)` from the `e^x − 1` kernel.
#[inline(always)]
pub(crate) fn elu_kernel(x: f64, alpha: f64) -> f64 {
    let negative = alpha * kernel::expm1_nonpositive(nonpositive(x));
    if x > 0.0 { x } else { negative }
}

/// [`elu`] for every `x`: the kernel where [`elu_in_range`], else `α·expm1(x)` from libm
/// (`−α` below −708, NaN for NaN).
#[inline(always)]
pub(crate) fn elu_any(x: f64, alpha: f64) -> f64 {
    if elu_in_range(x) { elu_kernel(x, alpha) } else { alpha * libm::expm1(x) }
}

/// The derivative of ELU with respect to `x`: 1 for `x > 0`, `α·e^x` for `x ≤ 0`.
///
/// At 0 ELU has a derivative only when `α = 1`; this returns the left one, `α`, as PyTorch
/// does (its `elu_backward` uses `α·e^x` for `x ≤ 0`) and as [`super::leaky_relu_derivative`]
/// does at its kink. NaN gives NaN, `+∞` gives 1, `−∞` gives `α·0` (a zero).
#[must_use]
pub fn elu_derivative(x: f64, alpha: f64) -> f64 {
    dispatch!(Level::best(); (x: f64, alpha: f64) -> f64 { elu_derivative_any(x, alpha) })
}

/// [`elu_derivative`] for `x ≥ −708`, branch-free, with the `e^x` kernel.
#[inline(always)]
pub(crate) fn elu_derivative_kernel(x: f64, alpha: f64) -> f64 {
    let negative = alpha * kernel::exp_nonpositive(nonpositive(x));
    if x > 0.0 { 1.0 } else { negative }
}

/// [`elu_derivative`] for every `x`: the kernel where [`elu_in_range`], else `α·e^x` from libm.
#[inline(always)]
pub(crate) fn elu_derivative_any(x: f64, alpha: f64) -> f64 {
    if elu_in_range(x) { elu_derivative_kernel(x, alpha) } else { alpha * libm::exp(x) }
}

/// SELU's scale `λ` (Klambauer et al. 2017, "Self-Normalizing Neural Networks"):
/// `1.0507009873554804934193349852946…` rounded to `f64`.
pub const SELU_LAMBDA: f64 = 1.050_700_987_355_480_5;

/// SELU's `α` (Klambauer et al. 2017): `1.6732632423543772848170429916717…` rounded to `f64`.
pub const SELU_ALPHA: f64 = 1.673_263_242_354_377_2;

/// `SELU_LAMBDA·SELU_ALPHA` (the product of the two `f64`) exactly, as `hi + lo`.
const SELU_LAMBDA_ALPHA_HI: f64 = 1.758_099_340_847_376_6;
const SELU_LAMBDA_ALPHA_LO: f64 = 5.750_146_487_564_76e-17;

/// SELU, `λ·elu(x, α)` with the constants [`SELU_LAMBDA`] and [`SELU_ALPHA`]: `λx` for
/// `x > 0`, `λα·(e^x − 1)` otherwise.
///
/// With these constants and weights of variance `1/fan_in` (LeCun normal), activations keep
/// mean ≈ 0 and variance ≈ 1 from layer to layer. The function is defined with the two `f64`
/// constants as they are: `λx` is one correctly rounded product, and for `x ≤ 0` the exact
/// product `λα` (106 bits, kept as `hi + lo`) multiplies `expm1(x)` in one fused
/// multiply-add, so the result is within the error of `expm1` plus one rounding: within 2 ULP.
///
/// NaN gives NaN, `+∞` gives `+∞` (and `λx` overflows to `+∞` only where its true value is
/// beyond `f64::MAX`), `−∞` gives `−λα ≈ −1.7581`, `±0.0` give `±0.0`.
#[must_use]
pub fn selu(x: f64) -> f64 {
    dispatch!(Level::best(); (x: f64) -> f64 { selu_any(x) })
}

/// `λα·e` for `e = e^x − 1` or `e^x`: the exact product `λα` (as `hi + lo`) times `e`, one
/// rounding.
#[inline(always)]
fn times_lambda_alpha(e: f64) -> f64 {
    e.mul_add(SELU_LAMBDA_ALPHA_HI, e * SELU_LAMBDA_ALPHA_LO)
}

/// [`selu`] for `x ≥ −708` ([`elu_in_range`]), branch-free, with the `e^x − 1` kernel.
#[inline(always)]
pub(crate) fn selu_kernel(x: f64) -> f64 {
    let negative = times_lambda_alpha(kernel::expm1_nonpositive(nonpositive(x)));
    if x > 0.0 { SELU_LAMBDA * x } else { negative }
}

/// [`selu`] for every `x`: the kernel where [`elu_in_range`], else with libm's `expm1`.
#[inline(always)]
pub(crate) fn selu_any(x: f64) -> f64 {
    if elu_in_range(x) { selu_kernel(x) } else { times_lambda_alpha(libm::expm1(x)) }
}

/// The derivative of SELU: `λ` for `x > 0`, `λα·e^x` for `x ≤ 0` (the left derivative `λα`
/// at 0, the convention of [`elu_derivative`]). NaN gives NaN, `+∞` gives `λ`, `−∞` gives 0.
#[must_use]
pub fn selu_derivative(x: f64) -> f64 {
    dispatch!(Level::best(); (x: f64) -> f64 { selu_derivative_any(x) })
}

/// [`selu_derivative`] for `x ≥ −708` ([`elu_in_range`]), branch-free, with the `e^x` kernel.
#[inline(always)]
pub(crate) fn selu_derivative_kernel(x: f64) -> f64 {
    let negative = times_lambda_alpha(kernel::exp_nonpositive(nonpositive(x)));
    if x > 0.0 { SELU_LAMBDA } else { negative }
}

/// [`selu_derivative`] for every `x`: the kernel where [`elu_in_range`], else libm's `exp`.
#[inline(always)]
pub(crate) fn selu_derivative_any(x: f64) -> f64 {
    if elu_in_range(x) { selu_derivative_kernel(x) } else { times_lambda_alpha(libm::exp(x)) }
}

// ---------------------------------------------------------------------------------------
// Softplus

/// Softplus, `ln(1 + e^x)`: the smooth ReLU (`softplus(x) − max(x, 0)` is at most `ln 2`,
/// at 0).
///
/// Computed as `max(x, 0) + ln(1 + t)` with `t = e^{−|x|} ≤ 1`, which never overflows; the
/// logarithm keeps the relative precision of `ln(1 + t)` for small `t` (for very negative `x`,
/// `softplus(x) ≈ e^x`, subnormal below `x ≈ −708`). For `x > 0` both terms are positive, so
/// the sum does not cancel; for `x ≳ 37` it is `x`. For `x ≥ −708` a branch-free kernel
/// (`t` from the `e^x` kernel, `ln(1 + t)` from fdlibm's `log1p` series); below, libm's
/// `log1p` and `exp`. Within 2 ULP.
///
/// NaN gives NaN, `+∞` gives `+∞`, `−∞` gives `+0.0`, `±0.0` give `ln 2`, and the result is
/// never negative.
#[must_use]
pub fn softplus(x: f64) -> f64 {
    dispatch!(Level::best(); (x: f64) -> f64 { softplus_any(x) })
}

/// fdlibm's coefficients (e_log.c, Sun Microsystems 1993) of `R(z)` in
/// `ln(1 + f) = f − f²/2 + s·(f²/2 + R(s²))`, `s = f/(2 + f)`: on `|s| ≤ 0.1716` the
/// polynomial is within 2⁻⁵⁸·⁴⁵ of the true `R`.
const LOG_COEFFICIENTS: [f64; 7] = [
    f64::from_bits(0x3FE5_5555_5555_5593), // 6.666666666666735130e-01
    f64::from_bits(0x3FD9_9999_9997_FA04), // 3.999999999940941908e-01
    f64::from_bits(0x3FD2_4924_9422_9359), // 2.857142874366239149e-01
    f64::from_bits(0x3FCC_71C5_1D8E_78AF), // 2.222219843214978396e-01
    f64::from_bits(0x3FC7_4664_96CB_03DE), // 1.818357216161805012e-01
    f64::from_bits(0x3FC3_9A09_D078_C69F), // 1.531383769920937332e-01
    f64::from_bits(0x3FC2_F112_DF3E_5244), // 1.479819860511658591e-01
];

/// `ln(1 + t)` for `t = th + tl` in `(0, 1]` (`tl` at most an ULP of `th`), branch-free.
///
/// `1 + t` is halved when it is above √2 (`k = 1`), so that `1 + f`, with `f = t` or
/// `f = (t − 1)/2`, lies in `[√2/2, √2]`; both `f` are exact in two parts (`th − 1` is exact
/// by Sterbenz's lemma). Then fdlibm's series for `ln(1 + fh)`, and `tl`'s share
/// `fl/(1 + fh) ≈ fl·(1 − fh + fh²)` (the rest is below a twentieth of an ULP).
#[inline(always)]
pub(crate) fn log1p_unit((th, tl): (f64, f64)) -> f64 {
    let halve = th > std::f64::consts::SQRT_2 - 1.0;
    let k: f64 = if halve { 1.0 } else { 0.0 };
    let fh = if halve { (th - 1.0) * 0.5 } else { th };
    let fl = if halve { tl * 0.5 } else { tl };
    let s = fh / (2.0 + fh);
    let z = s * s;
    let w = z * z;
    let c = &LOG_COEFFICIENTS;
    let t1 = w * c[5].mul_add(w, c[3]).mul_add(w, c[1]);
    let t2 = z * c[6].mul_add(w, c[4]).mul_add(w, c[2]).mul_add(w, c[0]);
    let r = t2 + t1;
    let hfsq = 0.5 * fh * fh;
    let share = fl * fh.mul_add(fh, 1.0 - fh);
    k.mul_add(LN2_HI, -((hfsq - s.mul_add(hfsq + r, k.mul_add(LN2_LO, share))) - fh))
}

/// Where [`softplus`] is computed by the kernel: `x ≥ −708` keeps `e^x` a normal number.
#[inline(always)]
pub(crate) fn softplus_in_range(x: f64) -> bool {
    kernel::sigmoid_in_range(x)
}

/// [`softplus`] for `x ≥ −708`.
#[inline(always)]
pub(crate) fn softplus_kernel(x: f64) -> f64 {
    // Beyond 40, x + ln(1 + e^{−x}) rounds to x; the cap keeps e^{−|x|} a normal number.
    let a = if x > 40.0 { 40.0 } else { x.abs() };
    let log = log1p_unit(kernel::exp_negative(a));
    if x > 0.0 { x + log } else { log }
}

/// [`softplus`] for every `x`: the kernel where [`softplus_in_range`], else libm (NaN, and
/// `x < −708`, where the result is `e^x` or a subnormal near it).
#[inline(always)]
pub(crate) fn softplus_any(x: f64) -> f64 {
    if softplus_in_range(x) { softplus_kernel(x) } else { libm::log1p(libm::exp(x)) }
}

/// The derivative of softplus, which is the sigmoid: `d/dx ln(1 + e^x) = e^x/(1 + e^x) = σ(x)`.
///
/// Calls [`sigmoid`], so has its accuracy and special values: NaN gives NaN, `+∞` gives 1,
/// `−∞` gives 0, `±0.0` give 0.5.
#[must_use]
pub fn softplus_derivative(x: f64) -> f64 {
    sigmoid(x)
}

// ---------------------------------------------------------------------------------------
// GELU

/// `1/√(2π)`, the peak of the standard normal density.
const FRAC_1_SQRT_2PI: f64 = 0.398_942_280_401_432_7;

/// Below this, `erfc(−x/√2)` is near or below the subnormal range and [`gelu`] uses the
/// asymptotic series of the normal tail instead.
const GELU_SERIES_BELOW: f64 = -37.0;
/// Below this, `gelu(x)` rounds to `−0.0` (its true magnitude is below 2⁻¹⁰⁷⁵ from
/// `x ≈ −38.6` on) and `gelu_derivative(x)` to `−0.0`.
const GELU_ZERO_BELOW: f64 = -40.0;

/// `e^{−x²/2}` with `x²` kept exactly (`x² = h + l`): `e^{−h/2}·(1 − l/2)`. For `|x| ≤ 40`
/// (the tail series below −37).
/// Without the low part, the rounding of `x²` (relative `2⁻⁵³`, absolute up to `x²·2⁻⁵³`)
/// would cost `x²/2·2⁻⁵³` relative: hundreds of ULP near `|x| = 37`.
#[inline]
fn exp_half_square(x: f64) -> f64 {
    let (h, l) = square(x);
    let e = libm::exp(-0.5 * h);
    e.mul_add(-0.5 * l, e)
}

/// The asymptotic series of the normal tail, for `x < −37`: `Φ(x) = φ(x)/|x|·S(x)` with
/// `S = 1 − 1/x² + 3/x⁴ − 15/x⁶ + …` (the `n`-th term is `(−1)^n·(2n−1)!!/x^{2n}`). At
/// `|x| ≥ 37` eight terms bring the truncation below `2⁻⁶⁰`.
#[inline]
fn tail_series(x: f64) -> f64 {
    let y = 1.0 / (x * x);
    // Horner in y of 1 − y + 3y² − 15y³ + 105y⁴ − 945y⁵ + 10395y⁶ − 135135y⁷.
    let mut s = 1.0 - 13.0 * y;
    for k in [11.0, 9.0, 7.0, 5.0, 3.0, 1.0] {
        s = 1.0 - k * y * s;
    }
    s
}

/// `x·Φ(x) = −φ(x)·S(x)` for `x < −37` (see [`tail_series`]). `φ(x) = e^{−x²/2}/√(2π)` is
/// formed from the exact square `x² = h + l` and, where `e^{−h/2}` is itself subnormal, scaled
/// as in [`x_exp_tail`], so that only the last step rounds into the subnormal range.
#[inline]
fn gelu_tail(x: f64) -> f64 {
    let (h, l) = square(x);
    let factor = -(FRAC_1_SQRT_2PI * tail_series(x));
    if -0.5 * h >= EXP_NORMAL_MIN {
        let p = libm::exp(-0.5 * h) * factor;
        p.mul_add(-0.5 * l, p)
    } else {
        x_exp_tail(factor, -0.5 * h, -0.5 * l)
    }
}

/// GELU (Hendrycks & Gimpel 2016), `x·Φ(x)` with `Φ` the standard normal distribution
/// function: keep `x` with the probability that a standard normal variable is below it.
///
/// `x·Φ(x) = x − |x|·Φ(−|x|)` for `x > 0` and `−|x|·Φ(−|x|)` otherwise, so only the lower tail
/// `Φ(−a) = ½·erfc(a/√2)` is needed, never `1 + erf`, which cancels for negative `x`. For
/// `x ≥ −37` it comes from a branch-free kernel (`src/numerics/erfc.rs`: fdlibm's `erfc`, every
/// input through the same operations, `a/√2` carried in two parts), and [`crate::slice::gelu`]
/// vectorizes it and gives the same bits. Below `x = −37`, where the result approaches the
/// subnormal range, the asymptotic series of the normal tail gives
/// `x·Φ(x) = −φ(x)·(1 − 1/x² + 3/x⁴ − …)` directly. Within 4 ULP of `x·Φ(x)`.
///
/// NaN gives NaN, `+∞` gives `+∞` (for `x ≳ 8.3`, `Φ(x)` rounds to 1 and the result is
/// `x`), `−∞` gives `−0.0`: the result is negative for every `x < 0`, and from about
/// `x = −38.6` it underflows to `−0.0`. `±0.0` give `±0.0`; a subnormal `x` gives `x/2`
/// rounded.
#[must_use]
pub fn gelu(x: f64) -> f64 {
    dispatch!(Level::best(); (x: f64) -> f64 { gelu_any(x) })
}

/// Where [`gelu`] is computed by the kernel: `x ≥ −37` (the result is a normal number or
/// zero; `+∞` included). NaN fails it.
#[inline(always)]
pub(crate) fn gelu_in_range(x: f64) -> bool {
    x >= GELU_SERIES_BELOW
}

/// [`gelu`] for `x ≥ −37`, branch-free. The lower tail comes as `Φ(−a) = hi + lo` near 0 and
/// as `a·Φ(−a)` beyond `a ≈ 1.77` (`a = |x|`, capped at 37.5, past which `x − a·Φ(−a)` rounds to
/// `x`); either way the result is one fused multiply-add: `x − x·Φ(−a)` (one rounding, so a
/// subnormal `x` gives `x/2` correctly rounded), `x·hi + x·lo` (the large product exact),
/// `x − a·Φ(−a)` or `−a·Φ(−a)`. The result has the sign of `x` (`Φ > 0`), which is put back at
/// the end so that `±0.0` give `±0.0` whatever the signs of the zeros on the way.
#[inline(always)]
pub(crate) fn gelu_kernel(x: f64) -> f64 {
    let (times_a, hi, lo) = crate::numerics::erfc::lower_tail(x.abs());
    let positive = x > 0.0;
    let factor = if times_a { -hi } else { x };
    let weight = if times_a {
        1.0
    } else if positive {
        -(hi + lo)
    } else {
        hi
    };
    let addend = if positive {
        x
    } else if times_a {
        0.0
    } else {
        x * lo
    };
    factor.mul_add(weight, addend).copysign(x)
}

/// [`gelu`] for every `x`: the kernel where [`gelu_in_range`], else NaN for NaN, the tail
/// series from −40 to −37 and `−0.0` below.
#[inline(always)]
pub(crate) fn gelu_any(x: f64) -> f64 {
    if gelu_in_range(x) {
        gelu_kernel(x)
    } else if x.is_nan() {
        x
    } else if x < GELU_ZERO_BELOW {
        -0.0
    } else {
        gelu_tail(x)
    }
}

/// The derivative of GELU, `Φ(x) + x·φ(x)` with `φ(x) = e^{−x²/2}/√(2π)` the normal density.
///
/// It is 1/2 at 0, tends to 1 for `x → +∞` (overshooting to about 1.129 at `x = √2`) and to
/// 0 from below for `x → −∞` (it is negative below `x ≈ −0.7518`, where GELU has its
/// minimum). For `x ≥ −37` a branch-free kernel gives `Φ` from the lower tail of [`gelu`]'s
/// kernel and `e^{−x²/2}` from `x²/2` kept in two parts (so [`crate::slice::gelu_derivative`]
/// vectorizes and gives the same bits); for `x < −37`, `Φ + xφ = −φ(x)·(|x| − S/|x|)` with the
/// tail series `S` of [`gelu`], and no overflow anywhere. NaN gives NaN, `+∞` gives 1, `−∞`
/// gives `−0.0` (as every `x` below about −38.6 does), `±0.0` give 0.5.
#[must_use]
pub fn gelu_derivative(x: f64) -> f64 {
    dispatch!(Level::best(); (x: f64) -> f64 { gelu_derivative_any(x) })
}

/// [`gelu_derivative`] for `x ≥ −37` ([`gelu_in_range`]), branch-free: `Φ(−a) − a·φ(a)` for
/// `x ≤ 0` and `1 − Φ(−a) + a·φ(a)` for `x > 0`, `a = |x|` capped at 37.5 (beyond, the result
/// rounds to 1, and the cap keeps `a·φ(a)` from growing with `x`), one fused multiply-add.
/// `Φ(−a)` is `a·Φ(−a)` divided by `a` where the kernel gives that form (`a ≥ 1.77`).
#[inline(always)]
pub(crate) fn gelu_derivative_kernel(x: f64) -> f64 {
    let ((times_a, hi, lo), gaussian) = crate::numerics::erfc::lower_tail_and_gaussian(x.abs());
    let a = x.abs().min(crate::numerics::erfc::LOWER_TAIL_CAP);
    let below = if times_a { hi / a } else { hi + lo };
    let base = if x > 0.0 { 1.0 - below } else { below };
    a.copysign(x).mul_add(FRAC_1_SQRT_2PI * gaussian, base)
}

/// [`gelu_derivative`] for every `x`: the kernel where [`gelu_in_range`], else NaN for NaN,
/// the tail series from −40 to −37 and `−0.0` below.
#[inline(always)]
pub(crate) fn gelu_derivative_any(x: f64) -> f64 {
    if gelu_in_range(x) {
        gelu_derivative_kernel(x)
    } else if x.is_nan() {
        x
    } else if x < GELU_ZERO_BELOW {
        -0.0
    } else {
        // Φ + xφ = φ·(x + S/|x|) = φ·(x − S/x): φ in front, so an underflowed φ gives −0.0.
        let phi = FRAC_1_SQRT_2PI * exp_half_square(x);
        phi * (x - tail_series(x) / x)
    }
}

// ---------------------------------------------------------------------------------------
// GELU, tanh approximation

/// `2·√(2/π)` as `hi + lo`.
const TWO_SQRT_2_OVER_PI_HI: f64 = 1.595_769_121_605_730_8;
const TWO_SQRT_2_OVER_PI_LO: f64 = -9.969_308_809_110_92e-17;
/// The decimal `0.044715` as `hi + lo`.
const GELU_TANH_C_HI: f64 = 0.044_715;
const GELU_TANH_C_LO: f64 = 2.196_021_142_708_559_5e-18;
/// Beyond these, `gelu_tanh(x)` is `x` (above) or `−0.0` (below), and `x³` could overflow.
const GELU_TANH_X_ABOVE: f64 = 1e3;
const GELU_TANH_ZERO_BELOW: f64 = -1e3;

/// `v = 2u = 2√(2/π)·(x + 0.044715·x³) = 2√(2/π)·x·(1 + 0.044715·x²)` as `hi + lo`,
/// accurate to about `2⁻¹⁰⁰` relative, with both constants taken to twice `f64` precision
/// (`0.044715` as the exact decimal). For `|x| ≤ 1e3`.
#[inline(always)]
fn gelu_tanh_argument(x: f64) -> (f64, f64) {
    let (s, s_lo) = square(x);
    // p = c·x²
    let (p, p_err) = two_prod(GELU_TANH_C_HI, s);
    let p_lo = GELU_TANH_C_HI.mul_add(s_lo, GELU_TANH_C_LO.mul_add(s, p_err));
    // q = 1 + p (p ≥ 0, so 1 is the larger term unless p > 1; fast_two_sum needs |a| ≥ |b|).
    let (q, q_err) = if p <= 1.0 { fast_two_sum(1.0, p) } else { fast_two_sum(p, 1.0) };
    let q_lo = q_err + p_lo;
    // r = x·q
    let (r, r_err) = two_prod(x, q);
    let r_lo = x.mul_add(q_lo, r_err);
    // v = k·r
    let (v, v_err) = two_prod(TWO_SQRT_2_OVER_PI_HI, r);
    let v_lo = TWO_SQRT_2_OVER_PI_HI.mul_add(r_lo, TWO_SQRT_2_OVER_PI_LO.mul_add(r, v_err));
    fast_two_sum(v, v_lo)
}

/// The tanh approximation of GELU used by BERT and GPT-2,
/// `0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))`, computed accurately to this definition
/// (not to [`gelu`], from which it differs by at most about 4.73e−4 in absolute value, at
/// `x ≈ −2.70`, on [−6, 6]).
///
/// `1 + tanh(u) = 2σ(2u)`, so the function is `x·σ(v)` with `v = 2u`: for negative `u`,
/// `1 + tanh(u)` would cancel (for `x = −5` it keeps 3 correct digits), `σ` does not. `v` is
/// carried as `hi + lo` (the constants `√(2/π)` and `0.044715` to twice `f64` precision,
/// `x²` exact) because `σ(v) ≈ e^{v}` turns a relative error `δ` of `v` into `|v|·δ` of the
/// result, and `|v|` reaches 750 before the result underflows; then
/// `σ(v + v_lo) = σ(v)·(1 + σ(−v)·v_lo)` to first order. Where `σ(v)` is subnormal the
/// product `x·e^{v}` is formed without rounding `e^{v}` into the subnormal range first.
/// Target: within 4 ULP.
///
/// NaN gives NaN, `+∞` gives `+∞` (from `x ≈ 10` on, `σ(v)` rounds to 1 and the result is
/// `x`), `−∞` gives `−0.0`: the result is negative for every `x < 0` and underflows to
/// `−0.0` below about `x = −21.55` (subnormal from `x ≈ −21.18`). `±0.0` give `±0.0`; a subnormal `x` gives `x/2` rounded.
#[must_use]
pub fn gelu_tanh(x: f64) -> f64 {
    dispatch!(Level::best(); (x: f64) -> f64 { gelu_tanh_any(x) })
}

/// Where the kernels of [`gelu_tanh`] and its derivative hold: `|x| ≤ 21`, so that
/// `|v| ≤ 695` and both `σ(v)` and `σ(−v)` are in the σ kernel's range. NaN fails it.
#[inline(always)]
pub(crate) fn gelu_tanh_in_range(x: f64) -> bool {
    x.abs() <= 21.0
}

/// [`gelu_tanh`] for `|x| ≤ 21`, branch-free: `x·σ(v)·(1 + σ(−v)·v_lo)` with the σ kernel,
/// the correction added inside one fused rounding. The correction is about `2⁻⁵³` of the
/// result, so its factor `σ(−v)` needs few correct bits: `1 − σ(v)` (exact for `σ(v) ≥ 1/2`,
/// 0 only where the correction is below `2⁻¹⁰⁰` of the result) saves a second σ.
#[inline(always)]
pub(crate) fn gelu_tanh_kernel(x: f64) -> f64 {
    let (v, v_lo) = gelu_tanh_argument(x);
    let s = kernel::sigmoid(v);
    let xs = x * s;
    x.mul_add(s, xs * ((1.0 - s) * v_lo))
}

/// [`gelu_tanh`] for every `x`: the kernel where [`gelu_tanh_in_range`], else the same
/// formula with σ for every argument, the tail `x·e^{v}` where `e^{v}` is subnormal, and the
/// limits.
#[inline(always)]
pub(crate) fn gelu_tanh_any(x: f64) -> f64 {
    if gelu_tanh_in_range(x) {
        return gelu_tanh_kernel(x);
    }
    if x.is_nan() || x > GELU_TANH_X_ABOVE {
        return x;
    }
    if x < GELU_TANH_ZERO_BELOW {
        return -0.0;
    }
    let (v, v_lo) = gelu_tanh_argument(x);
    if v >= EXP_NORMAL_MIN {
        let s = kernel::sigmoid_any(v);
        let xs = x * s;
        x.mul_add(s, xs * ((1.0 - s) * v_lo))
    } else {
        // σ(v) = e^{v}/(1 + e^{v}) = e^{v} to 2⁻¹⁰⁰⁰ here, and e^{v + v_lo} = e^{v}(1 + v_lo).
        x_exp_tail(x, v, v_lo)
    }
}

/// The derivative of [`gelu_tanh`], by the chain rule on `x·σ(v(x))`:
/// `σ(v)·(1 + x·σ(−v)·v′(x))` with `v′(x) = 2√(2/π)·(1 + 3·0.044715·x²)`
/// (`σ′(v) = σ(v)σ(−v)`).
///
/// Written as a product with `σ(v)` in front, so for very negative `x` the large factor
/// `x·v′` meets a tiny `σ(v)` and nothing overflows, and `σ(−v)` is computed directly instead
/// of as `1 − σ(v)`. As in [`gelu_tanh`], `σ(v)` takes the low part of `v` into account, and
/// where `e^{v}` is subnormal the product is formed without rounding it first. NaN gives NaN, `+∞` gives 1 (as every `x` above about 10 does), `−∞`
/// gives `−0.0` (the derivative is negative below about `x = −0.75` and underflows from
/// about `x = −21.5`), `±0.0` give 0.5.
#[must_use]
pub fn gelu_tanh_derivative(x: f64) -> f64 {
    dispatch!(Level::best(); (x: f64) -> f64 { gelu_tanh_derivative_any(x) })
}

/// [`gelu_tanh_derivative`] for `|x| ≤ 21` ([`gelu_tanh_in_range`]), with the σ kernel.
#[inline(always)]
pub(crate) fn gelu_tanh_derivative_kernel(x: f64) -> f64 {
    let (v, v_lo) = gelu_tanh_argument(x);
    let dv = TWO_SQRT_2_OVER_PI_HI * (3.0 * GELU_TANH_C_HI).mul_add(x * x, 1.0);
    let (s, t) = (kernel::sigmoid(v), kernel::sigmoid(-v));
    // σ(v + v_lo) = σ(v)·(1 + σ(−v)·v_lo): the low part of v matters where |v| is large.
    s.mul_add(t * v_lo, s) * (x * t).mul_add(dv, 1.0)
}

/// [`gelu_tanh_derivative`] for every `x`: the kernel where [`gelu_tanh_in_range`], else the
/// same formula with σ for every argument, and the limits.
#[inline(always)]
pub(crate) fn gelu_tanh_derivative_any(x: f64) -> f64 {
    if gelu_tanh_in_range(x) {
        return gelu_tanh_derivative_kernel(x);
    }
    if x.is_nan() {
        return x;
    }
    if x > GELU_TANH_X_ABOVE {
        return 1.0;
    }
    if x < GELU_TANH_ZERO_BELOW {
        return -0.0;
    }
    let (v, v_lo) = gelu_tanh_argument(x);
    let dv = TWO_SQRT_2_OVER_PI_HI * (3.0 * GELU_TANH_C_HI).mul_add(x * x, 1.0);
    if v >= EXP_NORMAL_MIN {
        let (s, t) = (kernel::sigmoid_any(v), kernel::sigmoid_any(-v));
        s.mul_add(t * v_lo, s) * (x * t).mul_add(dv, 1.0)
    } else {
        // σ(v) = e^{v} and σ(−v) = 1 to 2⁻¹⁰⁰⁰: e^{v + v_lo}·(1 + x·v′), without rounding the
        // subnormal e^{v} first.
        x_exp_tail(x.mul_add(dv, 1.0), v, v_lo)
    }
}

// ---------------------------------------------------------------------------------------
// SiLU

/// SiLU (sigmoid-weighted linear unit; Swish with β = 1, "Swish-1"), `x·σ(x)`.
///
/// Computed as `x·σ(x)` with the crate's [`sigmoid`], which is accurate for all `x` (no
/// `1 + e^{−x}` overflow, small values keep their relative precision). Below `x = −708`,
/// where `σ(x) ≈ e^x` is subnormal while `x·e^x` may not be, `x·e^x` is formed without
/// rounding `e^x` into the subnormal range first (`σ(x) = e^x` there to 2⁻¹⁰⁰⁰). Within 2 ULP.
///
/// NaN gives NaN, `+∞` gives `+∞` (the result is `x` from about `x = 37` on), `−∞` gives
/// `−0.0`: the result is negative for every `x < 0` and underflows to `−0.0` below about
/// `x = −751`. `±0.0` give `±0.0`; a subnormal `x` gives `x/2` rounded. The minimum is about
/// −0.2785, at `x ≈ −1.2785`.
#[must_use]
pub fn silu(x: f64) -> f64 {
    dispatch!(Level::best(); (x: f64) -> f64 { silu_any(x) })
}

/// Where [`silu_kernel`] holds: `x ≥ −708`, the range of the σ kernel. NaN fails it.
#[inline(always)]
pub(crate) fn silu_in_range(x: f64) -> bool {
    kernel::sigmoid_in_range(x)
}

/// [`silu`] for `x ≥ −708`: `x·σ(x)` with the σ kernel, branch-free.
#[inline(always)]
pub(crate) fn silu_kernel(x: f64) -> f64 {
    x * kernel::sigmoid(x)
}

/// [`silu`] for every `x`: the kernel where [`silu_in_range`], else the tail `x·e^x` (and
/// NaN, `−∞`).
#[inline(always)]
pub(crate) fn silu_any(x: f64) -> f64 {
    if silu_in_range(x) {
        silu_kernel(x)
    } else if x.is_nan() {
        x
    } else if x == f64::NEG_INFINITY {
        -0.0
    } else {
        x_exp_tail(x, x, 0.0)
    }
}

/// The derivative of SiLU, `σ(x)·(1 + x·(1 − σ(x)))`, computed as `σ(x)·(1 + x·σ(−x))`.
///
/// `σ(−x)` instead of `1 − σ(x)`: for large `x` the subtraction would leave only the rounding
/// error of `σ(x)`, while `x·σ(−x) = x·e^{−x}/(1 + e^{−x})` is small and accurate; the product
/// form keeps a tiny `σ(x)` in front for very negative `x`, so `x·σ(−x)` never overflows into
/// the result. Near its zero (`x ≈ −1.2785`, the minimum of SiLU) `1 + x·σ(−x)` cancels, as any
/// formula must; the error there is a few `ε` in absolute terms. Below `x = −708`, where
/// `σ(x) = e^x` is subnormal, `e^x·(1 + x)` is formed without rounding `e^x` first, as in
/// [`silu`]. The derivative overshoots 1
/// (about 1.0998 at `x ≈ 2.3994`) before tending to 1.
///
/// NaN gives NaN, `+∞` gives 1, `−∞` gives `−0.0` (the derivative is negative below
/// `x ≈ −1.2785` and underflows below about `x = −745`), `±0.0` give 0.5.
#[must_use]
pub fn silu_derivative(x: f64) -> f64 {
    dispatch!(Level::best(); (x: f64) -> f64 { silu_derivative_any(x) })
}

/// Where [`silu_derivative_kernel`] holds: `|x| ≤ 708` (σ of `x` and of `−x` by the kernel).
#[inline(always)]
pub(crate) fn silu_derivative_in_range(x: f64) -> bool {
    kernel::derivative_in_range(x)
}

/// [`silu_derivative`] for `|x| ≤ 708`: `σ(x)·(1 + x·σ(−x))` with the σ kernel.
#[inline(always)]
pub(crate) fn silu_derivative_kernel(x: f64) -> f64 {
    kernel::sigmoid(x) * x.mul_add(kernel::sigmoid(-x), 1.0)
}

/// [`silu_derivative`] for every `x`: the kernel where [`silu_derivative_in_range`], else
/// the same formula with σ for every `x` (and the limits at `±∞`).
#[inline(always)]
pub(crate) fn silu_derivative_any(x: f64) -> f64 {
    if silu_derivative_in_range(x) {
        silu_derivative_kernel(x)
    } else if x == f64::INFINITY {
        1.0
    } else if x == f64::NEG_INFINITY {
        -0.0
    } else if x < EXP_NORMAL_MIN {
        // σ(x) = e^x and σ(−x) = 1 to 2⁻¹⁰⁰⁰: e^x·(1 + x), without rounding the subnormal e^x
        // first.
        x_exp_tail(1.0 + x, x, 0.0)
    } else {
        kernel::sigmoid_any(x) * x.mul_add(kernel::sigmoid_any(-x), 1.0)
    }
}

// ---------------------------------------------------------------------------------------
// Mish

/// Mish (Misra, BMVC 2020; arXiv 2019), `x·tanh(softplus(x))`.
///
/// With `t = e^x`, `tanh(ln(1 + t)) = ((1+t)² − 1)/((1+t)² + 1) = n/(n + 2)` with
/// `n = t(t + 2)`: no `tanh` and no `ln` at all. For `x ≤ 0` this is computed as written
/// (`t ≤ 1`, every term positive: no cancellation), with `x·n` and `n + 2` kept exactly and the
/// quotient corrected once, so that few roundings remain. For `x > 0`, with `u = e^{−x}` instead (no
/// overflow), `tanh(softplus(x)) = 1 − 2u²/(1 + 2u + 2u²)` and the result is
/// `x − x·2u²/(1 + 2u + 2u²)` in one fused multiply-add: the subtracted part is at most 2/5 of
/// `x`. Below `x = −708`, where `e^x` is subnormal, the result is `x·e^x` (to 2⁻¹⁰⁰⁰), formed
/// without rounding `e^x` into the subnormal range first. Target: within 4 ULP.
///
/// NaN gives NaN, `+∞` gives `+∞` (the result is `x` from about `x = 19` on), `−∞` gives
/// `−0.0` (the result is negative for every `x < 0` and underflows below about `x = −751`),
/// `±0.0` give `±0.0`, a subnormal `x` gives `0.6·x` rounded (`tanh(ln 2) = 3/5`). The minimum
/// is about −0.3088, at `x ≈ −1.1924`.
#[must_use]
pub fn mish(x: f64) -> f64 {
    dispatch!(Level::best(); (x: f64) -> f64 { mish_any(x) })
}

/// Where the kernels of [`mish`] and its derivative hold: `|x| ≤ 708`, so that `e^{−|x|}` is
/// normal and computed by the `e^x` kernel. NaN fails it.
#[inline(always)]
pub(crate) fn mish_in_range(x: f64) -> bool {
    kernel::derivative_in_range(x)
}

/// [`mish`] for `|x| ≤ 708`, branch-free: one `e^{−|x|}` from the kernel, both formulas of
/// [`mish`], and a select.
#[inline(always)]
pub(crate) fn mish_kernel(x: f64) -> f64 {
    let e = kernel::exp_nonpositive(-x.abs());
    // x > 0, u = e^{−x}: x − x·2u²/(1 + 2u + 2u²).
    let u2 = 2.0 * e * e;
    let q = u2 / (1.0 + 2.0 * e + u2);
    let positive = (-x).mul_add(q, x);
    // x ≤ 0, t = e^x: x·n/(n + 2) with the product and the sum kept exactly and one correction
    // step of the quotient: only the rounding of e^x, of n and of the result remain.
    let n = e.mul_add(e, 2.0 * e);
    let (d, d_lo) = fast_two_sum(2.0f64.max(n), 2.0f64.min(n));
    let (p, p_lo) = two_prod(x, n);
    let r = p / d;
    let negative = r + (r.mul_add(-d, p) + p_lo - r * d_lo) / d;
    // ±0.0 keep their sign.
    if x == 0.0 {
        x
    } else if x > 0.0 {
        positive
    } else {
        negative
    }
}

/// [`mish`] for every `x`: the kernel where [`mish_in_range`], else `x` (NaN, and `x > 708`,
/// where `tanh(softplus(x))` rounds to 1), `−0.0` for `−∞`, and the tail `x·e^x` below −708.
#[inline(always)]
pub(crate) fn mish_any(x: f64) -> f64 {
    if mish_in_range(x) {
        mish_kernel(x)
    } else if x.is_nan() || x > 0.0 {
        x
    } else if x == f64::NEG_INFINITY {
        -0.0
    } else {
        x_exp_tail(x, x, 0.0)
    }
}

/// The derivative of Mish,
/// `tanh(sp(x)) + x·σ(x)·sech²(sp(x))` with `sp` = softplus.
///
/// With `t = e^x` and `n = t(t + 2)` as in [`mish`]: `tanh(sp) = n/(n + 2)` and
/// `σ·sech²(sp) = 4t(1 + t)/(n + 2)²`, so for `x ≤ 0` it is
/// `t·((t + 2)/(n + 2) + 4x(1 + t)/(n + 2)²)` (a tiny `t` in front for very negative `x`:
/// no overflow, and the sign of the underflowed result kept). For `x > 0`, with `u = e^{−x}`
/// and `D = 1 + 2u + 2u²`: `(1 + 2u)/D + 4x·u²(1 + u)/D²`. Near its zero (`x ≈ −1.1924`, the
/// minimum of Mish) the sum cancels, as any formula must. Below `x = −708` it is `e^x·(1 + x)`,
/// formed without rounding the subnormal `e^x` first. The derivative overshoots 1 (about
/// 1.0885 at `x ≈ 1.491`) before tending to 1.
///
/// NaN gives NaN, `+∞` gives 1, `−∞` gives `−0.0` (negative below `x ≈ −1.1924`, it
/// underflows below about `x = −745`), `±0.0` give 0.6.
#[must_use]
pub fn mish_derivative(x: f64) -> f64 {
    dispatch!(Level::best(); (x: f64) -> f64 { mish_derivative_any(x) })
}

/// [`mish_derivative`] for `|x| ≤ 708` ([`mish_in_range`]), branch-free: one `e^{−|x|}` from
/// the kernel, both formulas, and a select.
#[inline(always)]
pub(crate) fn mish_derivative_kernel(x: f64) -> f64 {
    let e = kernel::exp_nonpositive(-x.abs());
    // x > 0, u = e^{−x}.
    let d = 1.0 + 2.0 * e + 2.0 * e * e;
    let g = (1.0 + 2.0 * e) / d;
    // 4x·u²(1 + u)/D²: the factors ordered so that u² underflowing gives 0, not ∞·0.
    let positive = g + (x * (e / d)) * (4.0 * (e / d)) * (1.0 + e);
    // x ≤ 0, t = e^x.
    let m = e.mul_add(e + 2.0, 2.0); // n + 2
    let negative = e * ((e + 2.0) / m + x * (4.0 * (1.0 + e) / (m * m)));
    if x > 0.0 { positive } else { negative }
}

/// [`mish_derivative`] for every `x`: the kernel where [`mish_in_range`], else the same
/// formulas with libm's `exp`, and the limits.
#[inline(always)]
pub(crate) fn mish_derivative_any(x: f64) -> f64 {
    if mish_in_range(x) {
        mish_derivative_kernel(x)
    } else if x.is_nan() {
        x
    } else if x == f64::INFINITY {
        1.0
    } else if x == f64::NEG_INFINITY {
        -0.0
    } else if x > 0.0 {
        let u = libm::exp(-x);
        let d = 1.0 + 2.0 * u + 2.0 * u * u;
        let g = (1.0 + 2.0 * u) / d;
        g + (x * (u / d)) * (4.0 * (u / d)) * (1.0 + u)
    } else {
        // x < −708: t = e^x is subnormal, n + 2 = 2 and the derivative is e^x·(1 + x) to
        // 2⁻¹⁰⁰⁰, formed without rounding e^x first.
        x_exp_tail(1.0 + x, x, 0.0)
    }
}

// ---------------------------------------------------------------------------------------
// The GLU family

/// Splits `input` into halves `a` (the first) and `b` (the second) and returns
/// `a_i·gate(b_i)`.
fn gated(input: &[f64], gate: impl Fn(f64) -> f64) -> Result<Vec<f64>, Error> {
    if !input.len().is_multiple_of(2) {
        return Err(Error::OddLength { len: input.len() });
    }
    let (a, b) = input.split_at(input.len() / 2);
    Ok(a.iter().zip(b).map(|(&a, &b)| a * gate(b)).collect())
}

/// GLU (Dauphin et al. 2017): the input split into halves `a`, `b`, and `a ⊙ σ(b)`.
///
/// The convention of PyTorch's `torch.nn.functional.glu`: the first half is the value, the
/// second half the gate. In a network both halves are two linear maps of the same input,
/// `a = xW`, `b = xV`. Returns [`Error::OddLength`] for an odd length; an empty input gives an
/// empty output. Each element is `a_i·σ(b_i)`, so NaN and infinities follow IEEE products
/// (`0·σ(b)` is a zero, `∞·σ(−∞) = ∞·0` is NaN).
///
/// # Errors
///
/// [`Error::OddLength`] when `input.len()` is odd.
pub fn glu(input: &[f64]) -> Result<Vec<f64>, Error> {
    gated(input, sigmoid)
}

/// SwiGLU (Shazeer 2020): the input split into halves `a` (first) and `b` (second), and
/// `a ⊙ silu(b)`, elementwise.
///
/// The halves follow [`glu`] (PyTorch's convention: the second half is the gate), with
/// [`silu`] in place of σ. (Shazeer writes `Swish(xW) ⊗ xV`, gate first; the two are the same
/// layer with `W` and `V` swapped.) Returns [`Error::OddLength`] for an odd length; an empty
/// input gives an empty output. Each element is `a_i·silu(b_i)`: NaN anywhere in a pair gives
/// NaN; `∞·silu(−∞) = ∞·(−0)` is NaN.
///
/// # Errors
///
/// [`Error::OddLength`] when `input.len()` is odd.
pub fn swiglu(input: &[f64]) -> Result<Vec<f64>, Error> {
    gated(input, silu)
}

/// GEGLU (Shazeer 2020): halves `a`, `b` as in [`glu`], and `a ⊙ gelu(b)` with the exact
/// [`gelu`]. Same special values as [`swiglu`].
///
/// # Errors
///
/// [`Error::OddLength`] when `input.len()` is odd.
pub fn geglu(input: &[f64]) -> Result<Vec<f64>, Error> {
    gated(input, gelu)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activation::tanh;
    use crate::experiment::mlp::central_difference;
    use crate::numerics::kernel::assert_same_bits;
    use crate::simd::{Level, dispatch};

    /// The distance in units in the last place between two finite `f64` of any sign
    /// (0 for `+0.0` and `−0.0`).
    fn ulps(a: f64, b: f64) -> u64 {
        fn key(x: f64) -> i64 {
            let bits = x.to_bits() as i64;
            if bits < 0 { i64::MIN - bits } else { bits }
        }
        key(a).abs_diff(key(b))
    }

    fn is_neg_zero(x: f64) -> bool {
        x == 0.0 && x.is_sign_negative()
    }
    fn is_pos_zero(x: f64) -> bool {
        x == 0.0 && x.is_sign_positive()
    }

    const SUB: f64 = 1e-310; // a subnormal
    const TINY: f64 = f64::MIN_POSITIVE * f64::EPSILON; // the smallest subnormal

    type Unary = fn(f64) -> f64;
    fn unary() -> Vec<(&'static str, Unary, Unary)> {
        vec![
            ("selu", selu, selu_derivative),
            ("softplus", softplus, softplus_derivative),
            ("gelu", gelu, gelu_derivative),
            ("gelu_tanh", gelu_tanh, gelu_tanh_derivative),
            ("silu", silu, silu_derivative),
            ("mish", mish, mish_derivative),
            ("elu(1)", |x| elu(x, 1.0), |x| elu_derivative(x, 1.0)),
            ("elu(0.5)", |x| elu(x, 0.5), |x| elu_derivative(x, 0.5)),
        ]
    }

    #[test]
    fn nan_gives_nan_and_nothing_panics() {
        let specials = [
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            0.0,
            -0.0,
            SUB,
            -SUB,
            TINY,
            -TINY,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            -f64::MIN_POSITIVE,
            1e200,
            -1e200,
            1e103,
            -1e103,
        ];
        for (name, f, d) in unary() {
            assert!(f(f64::NAN).is_nan(), "{name}(NaN)");
            assert!(d(f64::NAN).is_nan(), "{name}'(NaN)");
            for x in specials.into_iter().filter(|x| !x.is_nan()) {
                assert!(!f(x).is_nan(), "{name}({x}) is NaN");
                assert!(!d(x).is_nan(), "{name}'({x}) is NaN");
            }
        }
    }

    #[test]
    fn infinities() {
        // f(+∞) = +∞ and f'(+∞) = the slope at +∞.
        for (name, f, d) in unary() {
            assert_eq!(f(f64::INFINITY), f64::INFINITY, "{name}(+∞)");
            let slope = if name == "selu" { SELU_LAMBDA } else { 1.0 };
            assert_eq!(d(f64::INFINITY), slope, "{name}'(+∞)");
        }
        assert_eq!(elu(f64::NEG_INFINITY, 1.0), -1.0);
        assert_eq!(elu(f64::NEG_INFINITY, 0.5), -0.5);
        assert_eq!(selu(f64::NEG_INFINITY), -SELU_LAMBDA * SELU_ALPHA);
        assert!(is_pos_zero(softplus(f64::NEG_INFINITY)));
        for (name, f) in
            [("gelu", gelu as Unary), ("gelu_tanh", gelu_tanh), ("silu", silu), ("mish", mish)]
        {
            assert!(is_neg_zero(f(f64::NEG_INFINITY)), "{name}(−∞)");
        }
        for (name, d) in [
            ("gelu'", gelu_derivative as Unary),
            ("gelu_tanh'", gelu_tanh_derivative),
            ("silu'", silu_derivative),
            ("mish'", mish_derivative),
        ] {
            assert!(is_neg_zero(d(f64::NEG_INFINITY)), "{name}(−∞)");
        }
        assert_eq!(elu_derivative(f64::NEG_INFINITY, 1.0), 0.0);
        assert_eq!(selu_derivative(f64::NEG_INFINITY), 0.0);
        assert_eq!(softplus_derivative(f64::NEG_INFINITY), 0.0);
    }

    #[test]
    fn signed_zeros_and_subnormals() {
        // Functions through the origin keep the sign of zero.
        for (name, f) in [
            ("elu", (|x| elu(x, 1.0)) as Unary),
            ("selu", selu),
            ("gelu", gelu),
            ("gelu_tanh", gelu_tanh),
            ("silu", silu),
            ("mish", mish),
        ] {
            assert!(is_pos_zero(f(0.0)), "{name}(+0)");
            assert!(is_neg_zero(f(-0.0)), "{name}(−0)");
        }
        let ln2 = std::f64::consts::LN_2;
        assert_eq!(softplus(0.0), ln2);
        assert_eq!(softplus(-0.0), ln2);
        // The slope at the origin times a subnormal, rounded.
        for x in [SUB, -SUB, TINY, 3.0 * TINY] {
            assert_eq!(elu(x, 1.0), x);
            assert_eq!(elu(x, 0.5), 0.5 * x.min(0.0) + x.max(0.0));
            assert_eq!(
                selu(x),
                if x > 0.0 { SELU_LAMBDA * x } else { SELU_LAMBDA * SELU_ALPHA * x }
            );
            assert_eq!(gelu(x), 0.5 * x);
            assert_eq!(gelu_tanh(x), 0.5 * x);
            assert_eq!(silu(x), 0.5 * x);
            assert!(ulps(mish(x), 0.6 * x) <= 1, "mish({x})");
            assert_eq!(softplus(x), ln2);
        }
        for (name, d, at0) in [
            ("softplus'", softplus_derivative as Unary, 0.5),
            ("gelu'", gelu_derivative, 0.5),
            ("gelu_tanh'", gelu_tanh_derivative, 0.5),
            ("silu'", silu_derivative, 0.5),
            ("mish'", mish_derivative, 0.6),
            ("selu'", selu_derivative, SELU_LAMBDA * SELU_ALPHA),
        ] {
            let xs: &[f64] =
                if name == "selu'" { &[0.0, -0.0, -SUB] } else { &[0.0, -0.0, SUB, -SUB] };
            for &x in xs {
                assert!(ulps(d(x), at0) <= 1, "{name}({x}) = {}", d(x));
            }
        }
        // ELU's derivative at 0 is the left one, α (PyTorch's convention).
        assert_eq!(elu_derivative(0.0, 0.5), 0.5);
        assert_eq!(elu_derivative(-0.0, 0.5), 0.5);
        assert_eq!(selu_derivative(0.0), selu_derivative(-1e-300));
    }

    #[test]
    fn far_tails() {
        // Large positive x: the function is x, the derivative its slope.
        for x in [40.0, 1e3, 1e10, 1e200, f64::MAX] {
            assert_eq!(softplus(x), x);
            assert_eq!(gelu(x), x);
            assert_eq!(gelu_tanh(x), x);
            assert_eq!(silu(x), x);
            assert_eq!(mish(x), x);
            assert_eq!(elu(x, 2.0), x);
            if x < 1e3 {
                continue; // the derivatives overshoot 1: silu'(40) = 1 + 1.7e−16 rounds above 1
            }
            for (name, d) in [
                ("gelu'", gelu_derivative as Unary),
                ("gelu_tanh'", gelu_tanh_derivative),
                ("silu'", silu_derivative),
                ("mish'", mish_derivative),
                ("softplus'", softplus_derivative),
            ] {
                assert_eq!(d(x), 1.0, "{name}({x})");
            }
        }
        assert_eq!(selu(f64::MAX), f64::INFINITY);
        assert_eq!(selu(1e300), SELU_LAMBDA * 1e300);
        // Large negative x: underflow to −0.0 for the self-gated ones (never NaN, never +0).
        for x in [-760.0, -1e3, -1e10, -1e200, f64::MIN] {
            for (name, f) in
                [("gelu", gelu as Unary), ("gelu_tanh", gelu_tanh), ("silu", silu), ("mish", mish)]
            {
                assert!(is_neg_zero(f(x)), "{name}({x}) = {}", f(x));
            }
            for (name, d) in [
                ("gelu'", gelu_derivative as Unary),
                ("gelu_tanh'", gelu_tanh_derivative),
                ("silu'", silu_derivative),
                ("mish'", mish_derivative),
            ] {
                assert!(is_neg_zero(d(x)), "{name}({x}) = {}", d(x));
            }
            assert!(is_pos_zero(softplus(x)));
            assert_eq!(elu(x, 1.0), -1.0);
        }
        // The subnormal range: results are tiny but not flushed.
        assert!(softplus(-740.0) > 0.0 && softplus(-740.0) < f64::MIN_POSITIVE);
        assert!(silu(-740.0) < 0.0 && silu(-740.0) > -f64::MIN_POSITIVE);
        assert!(mish(-740.0) < 0.0 && mish(-740.0) > -f64::MIN_POSITIVE);
        assert!(gelu(-38.0) < 0.0 && gelu(-38.0) > -f64::MIN_POSITIVE);
        assert!(gelu_tanh(-21.3) < 0.0 && gelu_tanh(-21.3) > -f64::MIN_POSITIVE);
        assert!(is_neg_zero(gelu_tanh(-21.6)) && is_neg_zero(gelu(-38.6)));
    }

    /// Values of the definitions computed with mpmath at 256 bits, rounded to `f64`.
    #[test]
    fn spot_values() {
        let elu1: Unary = |x| elu(x, 1.0);
        #[rustfmt::skip]
        let cases: [(&str, Unary, f64, f64); 38] = [
            ("elu", elu1, -1e-10, -9.999999999500001e-11),
            ("elu", elu1, -1.0, -0.6321205588285577),
            ("elu", elu1, -5.0, -0.9932620530009145),
            ("selu", selu, -1e-10, -1.7580993407594719e-10),
            ("selu", selu, -1.0, -1.1113307378125628),
            ("selu", selu, -5.0, -1.7462533606696202),
            ("softplus", softplus, -740.0, 4.2e-322),
            ("softplus", softplus, -100.0, 3.720075976020836e-44),
            ("softplus", softplus, -1.0, 0.3132616875182228),
            ("softplus", softplus, 0.5, 0.9740769841801067),
            ("softplus", softplus, 3.0, 3.048587351573742),
            ("softplus", softplus, 36.0, 36.0),
            ("gelu", gelu, -38.0, -1.096462777e-314),
            ("gelu", gelu, -37.5, -1.7270073785932332e-306),
            ("gelu", gelu, -10.0, -7.619853024160526e-23),
            ("gelu", gelu, -1.0, -0.15865525393145705),
            ("gelu", gelu, -0.5, -0.15426876936299344),
            ("gelu", gelu, 0.5, 0.34573123063700656),
            ("gelu", gelu, 1.0, 0.8413447460685429),
            ("gelu", gelu, 3.0, 2.99595030590511),
            ("gelu_tanh", gelu_tanh, -20.0, -3.3754509563109673e-261),
            ("gelu_tanh", gelu_tanh, -10.0, -1.204092348209806e-37),
            ("gelu_tanh", gelu_tanh, -1.0, -0.1588080093917233),
            ("gelu_tanh", gelu_tanh, -0.5, -0.15428599017485609),
            ("gelu_tanh", gelu_tanh, 0.5, 0.34571400982514394),
            ("gelu_tanh", gelu_tanh, 1.0, 0.8411919906082767),
            ("gelu_tanh", gelu_tanh, 3.0, 2.996362607918227),
            ("silu", silu, -740.0, -3.09967e-319),
            ("silu", silu, -100.0, -3.720075976020836e-42),
            ("silu", silu, -1.0, -0.2689414213699951),
            ("silu", silu, 0.5, 0.3112296656009273),
            ("silu", silu, 3.0, 2.8577223804672998),
            ("mish", mish, -740.0, -3.09967e-319),
            ("mish", mish, -100.0, -3.720075976020836e-42),
            ("mish", mish, -1.0, -0.3034014613741089),
            ("mish", mish, 0.5, 0.37524521130489513),
            ("mish", mish, 3.0, 2.9865350049679575),
            ("mish", mish, 50.0, 50.0),
        ];
        for (name, f, x, want) in cases {
            let got = f(x);
            assert!(ulps(got, want) <= 2, "{name}({x}) = {got:e}, want {want:e}");
        }
    }

    #[test]
    fn identities() {
        let xs: Vec<f64> = (-4000..=4000).map(|k| k as f64 / 97.0).collect();
        for &x in &xs {
            // softplus′ = σ.
            assert_eq!(softplus_derivative(x), sigmoid(x));
            // selu = λ·elu(·, α), up to the two roundings of the right side.
            let lhs = selu(x);
            let rhs = SELU_LAMBDA * elu(x, SELU_ALPHA);
            assert!(ulps(lhs, rhs) <= 3, "selu({x}) = {lhs:e}, λ·elu = {rhs:e}");
            // silu(x) = x·σ(x).
            assert!(ulps(silu(x), x * sigmoid(x)) <= 1, "silu({x})");
            // mish(x) = x·tanh(softplus(x)), the naive composition, a few ULP apart.
            let naive = x * tanh(softplus(x));
            if x.abs() < 30.0 {
                assert!(ulps(mish(x), naive) <= 8, "mish({x}) = {:e}, naive {naive:e}", mish(x));
            }
            // gelu_tanh is close to gelu in absolute terms.
            if x.abs() <= 6.0 {
                assert!((gelu_tanh(x) - gelu(x)).abs() < 1e-3, "gelu_tanh({x})");
            }
        }
        // The naive tanh form of gelu_tanh agrees where it does not cancel (x ≥ 0).
        for k in 0..=600 {
            let x = k as f64 / 100.0;
            let u = (2.0 / std::f64::consts::PI).sqrt() * (x + 0.044715 * x * x * x);
            let naive = 0.5 * x * (1.0 + tanh(u));
            assert!(ulps(gelu_tanh(x), naive) <= 4, "gelu_tanh({x})");
        }
    }

    #[test]
    fn swiglu_and_friends() {
        assert_eq!(swiglu(&[]).unwrap(), Vec::<f64>::new());
        assert_eq!(swiglu(&[1.0, 2.0, 3.0]), Err(Error::OddLength { len: 3 }));
        assert_eq!(glu(&[1.0]), Err(Error::OddLength { len: 1 }));
        assert_eq!(geglu(&[1.0, 2.0, 3.0, 4.0, 5.0]), Err(Error::OddLength { len: 5 }));
        let input = [1.0, -2.0, 0.5, 3.0, -1.0, 0.0];
        let (a, b) = input.split_at(3);
        let want: Vec<f64> = a.iter().zip(b).map(|(a, b)| a * silu(*b)).collect();
        assert_eq!(swiglu(&input).unwrap(), want);
        let want: Vec<f64> = a.iter().zip(b).map(|(a, b)| a * sigmoid(*b)).collect();
        assert_eq!(glu(&input).unwrap(), want);
        let want: Vec<f64> = a.iter().zip(b).map(|(a, b)| a * gelu(*b)).collect();
        assert_eq!(geglu(&input).unwrap(), want);
        assert!(swiglu(&[f64::NAN, 1.0]).unwrap()[0].is_nan());
        assert!(swiglu(&[1.0, f64::NAN]).unwrap()[0].is_nan());
        let message = Error::OddLength { len: 3 }.to_string();
        assert!(message.contains('3') && message.contains("odd"), "{message}");
    }

    /// How many results [`modern_kernels`] writes per input.
    const KERNELS: usize = 18;

    /// Every modern kernel (through its `_any` form, as the slice functions and the scalar
    /// functions run it) at `level` over `xs`, as bits, `KERNELS` per input. Plain loops, as in
    /// the cross-level test of `src/numerics/kernel.rs`, so the code runs at that level.
    fn modern_kernels(level: Level, xs: &[f64], out: &mut [u64]) {
        dispatch!(level; (xs: &[f64], out: &mut [u64]) {
            for (i, &x) in xs.iter().enumerate() {
                let o = &mut out[KERNELS * i..KERNELS * (i + 1)];
                o[0] = elu_any(x, 1.0).to_bits();
                o[1] = elu_any(x, 0.3).to_bits();
                o[2] = elu_derivative_any(x, 1.0).to_bits();
                o[3] = elu_derivative_any(x, 0.3).to_bits();
                o[4] = selu_any(x).to_bits();
                o[5] = selu_derivative_any(x).to_bits();
                o[6] = silu_any(x).to_bits();
                o[7] = silu_derivative_any(x).to_bits();
                o[8] = gelu_tanh_any(x).to_bits();
                o[9] = gelu_tanh_derivative_any(x).to_bits();
                o[10] = mish_any(x).to_bits();
                o[11] = mish_derivative_any(x).to_bits();
                // The kernels alone, where they hold, as the slice functions' vector loops run them.
                o[12] = if mish_in_range(x) { mish_kernel(x).to_bits() } else { 0 };
                o[13] = if gelu_tanh_in_range(x) { gelu_tanh_kernel(x).to_bits() } else { 0 };
                o[14] = gelu_any(x).to_bits();
                o[15] = if gelu_in_range(x) { gelu_kernel(x).to_bits() } else { 0 };
                o[16] = gelu_derivative_any(x).to_bits();
                o[17] = if gelu_in_range(x) { gelu_derivative_kernel(x).to_bits() } else { 0 };
            }
        })
    }

    /// The modern kernels give the same bits at every SIMD level (AVX-512, AVX2, portable), as
    /// the σ, tanh and `e^x` kernels do (`src/numerics/kernel.rs`).
    #[test]
    fn every_level_gives_the_same_bits() {
        let mut xs = vec![0.0, -0.0, SUB, -SUB, TINY, -TINY, 21.0, -21.0, 708.0, -708.0, 1e3];
        xs.extend([f64::NAN, f64::INFINITY, f64::NEG_INFINITY, f64::MAX, f64::MIN, -745.0]);
        xs.extend([-37.0, -37.5, -39.0, 37.5, 1.767_766_952_966_368_8, -1.767_766_952_966_368_8]);
        let mut rng = crate::experiment::Rng::new(12);
        for scale in [1e-8, 1e-3, 1.0, 10.0, 30.0, 800.0] {
            xs.extend((0..20_000).map(|_| rng.range(-scale, scale)));
        }
        let run = |level| {
            let mut out = vec![0; xs.len() * KERNELS];
            modern_kernels(level, &xs, &mut out);
            out
        };
        let levels = Level::available();
        let portable = run(Level::Portable);
        for &level in &levels[1..] {
            assert_same_bits(level, &xs, KERNELS, &run(level), &portable);
        }
    }

    /// Each derivative against a central difference. The bound is loose on purpose (these
    /// functions are smooth, with |f'''| ≤ 3 on the grid): truncation `h²/6·|f'''|` plus
    /// rounding `~8ε·max|f|/h`; a wrong formula is off by far more.
    #[test]
    fn derivatives_match_central_differences() {
        let h = 1.0 / 131_072.0;
        let xs: Vec<f64> = (-200..=200).map(|k| (k as f64 + 0.5) / 16.0).collect();
        for (name, f, d) in unary() {
            let mut worst = 0.0f64;
            for &x in &xs {
                let numeric = central_difference(f, x, h);
                let exact = d(x);
                let bound = h * h / 6.0 * 3.0 + 8.0 * f64::EPSILON * (f(x).abs() + 1.0) / h;
                let err = (numeric - exact).abs();
                assert!(err <= bound, "{name}'({x}) = {exact}, central difference {numeric}");
                worst = worst.max(err / bound);
            }
            eprintln!("{name}: worst error {worst:.3} of its bound");
        }
        // The tails, where the derivatives are tiny: relative agreement.
        for x in [-30.5, -20.25, -12.5, -8.0] {
            for (name, f, d) in [
                ("gelu", gelu as Unary, gelu_derivative as Unary),
                ("silu", silu, silu_derivative),
                ("mish", mish, mish_derivative),
                ("softplus", softplus, softplus_derivative),
            ] {
                let hh = 1e-6;
                let numeric = central_difference(f, x, hh);
                let exact = d(x);
                assert!(
                    ((numeric - exact) / exact).abs() < 1e-5,
                    "{name}'({x}) = {exact:e}, central difference {numeric:e}"
                );
            }
        }
    }
}
