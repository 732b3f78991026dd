//! The activation functions the book teaches, their derivatives, and softmax.
//!
//! Special inputs have one behaviour each, listed on every function and tested in
//! `tests/special_values.rs`. Accuracy against a high-precision reference is tested in
//! `tests/accuracy.rs`: `sigmoid` and `tanh` within 2 ULP, every element of `softmax` and
//! `log_softmax` within 4 ULP. These are the bounds the design aims at and the tests check on
//! 2,675 scalar inputs and 258 logit vectors of length at most 64 (mpmath references), not a
//! proof for every finite input: a long vector with one dominant logit (thousands of entries
//! far below it) is known to put `log_softmax` and `cross_entropy` a few ULP beyond 4.
//!
//! `sigmoid`, `tanh` and their derivatives compute with the kernels of `src/kernel.rs`, each
//! call compiled for the CPU's instructions (picked once, then a cached load and one call).
//! A loop over them is therefore not vectorized: for many values, [`crate::slice`] is, and
//! gives the same bits.

use crate::Error;
use crate::kernel::{self, Level, dispatch};

/// The logistic sigmoid `σ(x) = 1 / (1 + e^{−x})`.
///
/// Computed from `t = e^{−|x|}`: `1/(1 + t)` for `x ≥ 0` and `t/(1 + t)` for `x < 0`, so
/// `e^{−x}` never overflows and small results keep their relative precision. `t`, `1 + t` and
/// the quotient carry extra bits (see `src/kernel.rs`), which keeps the result within 2 ULP.
/// NaN gives NaN, `+∞` gives 1, `−∞` gives 0, `±0.0` and subnormal `x` give 0.5.
pub fn sigmoid(x: f64) -> f64 {
    dispatch!(Level::best(); (x: f64) -> f64 { kernel::sigmoid_any(x) })
}

/// The derivative of the sigmoid, `σ'(x) = σ(x)(1 − σ(x))`, at most 1/4 (at `x = 0`).
///
/// Computed as `σ(x)·σ(−x) = t/(1 + t)²` with `t = e^{−|x|}`, the same value without the
/// cancellation of `1 − σ(x)` for large `x`. NaN gives NaN, `±∞` give 0.
pub fn sigmoid_derivative(x: f64) -> f64 {
    dispatch!(Level::best(); (x: f64) -> f64 { kernel::sigmoid_derivative_any(x) })
}

/// The hyperbolic tangent, `tanh(x) = (e^x − e^{−x}) / (e^x + e^{−x})`.
///
/// Computed as `u/(u + 2)` with `u = e^{2|x|} − 1`, carrying extra bits like [`sigmoid`]
/// (see `src/kernel.rs`), within 2 ULP. NaN gives NaN, `±∞` give `±1`, `−0.0` gives `−0.0`
/// (tanh is odd), and a subnormal `x` gives `x`.
pub fn tanh(x: f64) -> f64 {
    dispatch!(Level::best(); (x: f64) -> f64 { kernel::tanh(x) })
}

/// `tanh` computed as `2σ(2x) − 1`, exactly as the book derives it.
///
/// Equal to `tanh` in exact arithmetic, but near 0 the subtraction cancels and the result
/// loses relative precision (the tanh chapter measures how much); `tanh` is the one to use.
/// NaN gives NaN, `±∞` give `±1`; `±0.0`, subnormals and every tiny `x` (`|x|` up to about
/// `5.6e-17` = 2⁻⁵⁴ for negative `x`, up to about `1.1e-16` = 2⁻⁵³ for positive `x`) give
/// `+0.0`, because `σ(2x)` rounds to exactly 0.5 there: the sign of a tiny negative `x` is
/// lost too.
pub fn tanh_via_sigmoid(x: f64) -> f64 {
    2.0 * sigmoid(2.0 * x) - 1.0
}

/// The derivative of tanh, `1 − tanh²(x)`, at most 1 (at `x = 0`).
///
/// Computed as `4σ'(2x)` (the derivative of `tanh(x) = 2σ(2x) − 1`), the same value without
/// the cancellation of `1 − tanh²` for large `|x|`. NaN gives NaN, `±∞` give 0.
pub fn tanh_derivative(x: f64) -> f64 {
    dispatch!(Level::best(); (x: f64) -> f64 { kernel::tanh_derivative_any(x) })
}

/// ReLU, `max(0, x)`.
///
/// NaN gives NaN (unlike `f64::max`, which would quietly return 0), `−0.0` gives `+0.0`.
pub fn relu(x: f64) -> f64 {
    if x > 0.0 || x.is_nan() { x } else { 0.0 }
}

/// The derivative of ReLU: 1 for `x > 0`, 0 for `x < 0`.
///
/// ReLU has no derivative at 0; this returns 0 there, the usual convention (PyTorch's too).
/// NaN gives NaN.
pub fn relu_derivative(x: f64) -> f64 {
    if x.is_nan() {
        x
    } else if x > 0.0 {
        1.0
    } else {
        0.0
    }
}

/// Leaky ReLU: `x` for `x > 0`, `αx` otherwise, with a fixed slope `α` (often 0.01).
///
/// `alpha` is used as given. NaN in `x` gives NaN; `−0.0` gives `α·(−0.0)`, a zero;
/// `x = −∞` gives `−∞` for `α > 0` and NaN for `α = 0` (0·∞), as IEEE arithmetic says.
pub fn leaky_relu(x: f64, alpha: f64) -> f64 {
    if x > 0.0 { x } else { alpha * x }
}

/// The derivative of Leaky ReLU with respect to `x`: 1 for `x > 0`, `α` otherwise
/// (including at 0, by the same convention as [`relu_derivative`]). NaN gives NaN.
pub fn leaky_relu_derivative(x: f64, alpha: f64) -> f64 {
    if x.is_nan() {
        x
    } else if x > 0.0 {
        1.0
    } else {
        alpha
    }
}

/// PReLU: the same function as [`leaky_relu`], but `α` is a parameter the network learns.
pub fn prelu(x: f64, alpha: f64) -> f64 {
    leaky_relu(x, alpha)
}

/// The derivative of PReLU with respect to `x` (the same as Leaky ReLU's).
pub fn prelu_derivative(x: f64, alpha: f64) -> f64 {
    leaky_relu_derivative(x, alpha)
}

/// The derivative of PReLU with respect to its slope `α`: 0 for `x > 0`, `x` otherwise.
///
/// This is what lets gradient descent learn `α`. NaN gives NaN.
pub fn prelu_derivative_alpha(x: f64) -> f64 {
    if x > 0.0 { 0.0 } else { x }
}

/// The Heaviside step the first perceptrons used: 1 for `x > 0`, 0 otherwise. NaN gives NaN.
pub fn step(x: f64) -> f64 {
    if x.is_nan() {
        x
    } else if x > 0.0 {
        1.0
    } else {
        0.0
    }
}

/// Softmax, `softmax(x)_i = e^{x_i} / Σ_j e^{x_j}`, computed without overflow.
///
/// Every logit is shifted by the largest one `m` first (`softmax(x − m) = softmax(x)`), so
/// no `exp` sees a positive argument. The shift `x_i − m` is kept exactly (its rounding error
/// is carried along) and the sum is compensated. Every element is within 4 ULP of the true
/// value on the tested vectors (length at most 64; the worst was 2 ULP).
///
/// Special inputs: an empty slice gives an empty vector; any NaN makes every element NaN;
/// if the largest logit is infinite (`+∞`, or all logits `−∞`), the logits equal to it share
/// the probability equally and the others get 0; a `−∞` logit below a finite maximum gets 0.
pub fn softmax(logits: &[f64]) -> Vec<f64> {
    // One implementation for both forms: the in-place one in `slice`.
    let mut p = logits.to_vec();
    crate::slice::softmax(&mut p);
    p
}

/// Log-softmax, `log_softmax(x)_i = x_i − log Σ_j e^{x_j}`, computed without overflow.
///
/// Written as `(x_i − m) − ln(1 + s)`, where `m` is the largest logit and `s` the sum of
/// `e^{x_j − m}` over the other logits; `ln_1p` keeps the entries near 0 accurate when `s`
/// is tiny. Every element is within 4 ULP of the true value on the tested vectors (length at
/// most 64); a long vector with one dominant logit can exceed it at the maximum (7 ULP for
/// `[0, −43 × 1999]`), because the terms far below the maximum are summed less carefully.
///
/// Special inputs follow [`softmax`]: empty gives empty; any NaN gives all NaN; with an
/// infinite maximum, the `k` logits equal to it get `−ln k` and the others `−∞`.
pub fn log_softmax(logits: &[f64]) -> Vec<f64> {
    let mut l = logits.to_vec();
    crate::slice::log_softmax(&mut l);
    l
}

/// Categorical cross-entropy of the logits `z` against the true class `y`:
/// `−ln softmax(z)_y`, computed as `−log_softmax(z)_y` so it never takes the log of a
/// probability that rounded to 0.
///
/// Returns [`Error::ClassOutOfRange`] when `class` is not below `logits.len()` (including for
/// empty logits). NaN among the logits gives NaN; a `+∞` logit follows [`log_softmax`].
pub fn cross_entropy(logits: &[f64], class: usize) -> Result<f64, Error> {
    check_class(logits, class)?;
    Ok(-log_softmax(logits)[class])
}

/// The gradient of [`cross_entropy`] with respect to the logits: `softmax(z) − onehot(y)`.
///
/// Same errors and special values as [`cross_entropy`].
pub fn cross_entropy_gradient(logits: &[f64], class: usize) -> Result<Vec<f64>, Error> {
    check_class(logits, class)?;
    let mut gradient = softmax(logits);
    gradient[class] -= 1.0;
    Ok(gradient)
}

fn check_class(logits: &[f64], class: usize) -> Result<(), Error> {
    if class < logits.len() {
        Ok(())
    } else {
        Err(Error::ClassOutOfRange { class, classes: logits.len() })
    }
}

/// Softmax exactly as textbooks write it, `e^{x_i} / Σ_j e^{x_j}`, with no shift.
///
/// Kept to show why the shift matters: `e^{710}` is already `+∞`, so
/// `softmax_naive(&[1000.0, 1001.0])` is `[NaN, NaN]` (∞/∞). Use [`softmax`].
pub fn softmax_naive(logits: &[f64]) -> Vec<f64> {
    let exps: Vec<f64> = logits.iter().map(|x| x.exp()).collect();
    let total: f64 = exps.iter().sum();
    exps.iter().map(|e| e / total).collect()
}

/// `x − m` for the largest logit `m`, as an unevaluated sum `d + err` (see [`two_diff`]).
#[inline(always)]
pub(crate) fn shift(x: f64, m: f64) -> (f64, f64) {
    if m.is_infinite() {
        // Logits equal to an infinite maximum count as the maximum, the others as −∞.
        if x == m { (0.0, 0.0) } else { (f64::NEG_INFINITY, 0.0) }
    } else {
        two_diff(x, m)
    }
}

/// `e^{d+err}` for a shifted logit `(d, err)`, correct to about one rounding.
#[inline(always)]
pub(crate) fn shifted_exp((d, err): (f64, f64)) -> f64 {
    if d >= -708.0 {
        kernel::shifted_exp(d, err)
    } else {
        // e^d is subnormal or 0 here, beyond the kernel; libm rounds it correctly.
        let e = d.exp();
        e.mul_add(err, e)
    }
}

/// `a − b` as `(d, err)` with `d = fl(a − b)` and `d + err = a − b` exactly.
///
/// Dekker's Fast2Sum on `a + (−b)`, the operand of larger magnitude first: every step is
/// exact and stays within the range of `d` and the operands. (Knuth's TwoSum would compute
/// `a − d`, which rounds past `f64::MAX` to `+∞` when `b` is near `f64::MAX` and the rounding
/// of `d` is a tie, e.g. `a = 2.7853256681426694e307`, `b = f64::MAX`: `err` would be NaN.)
///
/// When `a − b` overflows (only for logits of opposite signs near `f64::MAX`), `d` is `−∞`
/// and `err` is 0: the true value is far below any `ln` of a representable sum.
#[inline(always)]
fn two_diff(a: f64, b: f64) -> (f64, f64) {
    let d = a - b;
    if d.is_infinite() { (d, 0.0) } else { kernel::two_diff(a, b) }
}

/// An activation named as a value, for [`crate::Perceptron`], the figures and experiments.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Activation {
    /// `f(x) = x`: no activation at all, just the affine map.
    Identity,
    /// The Heaviside [`step`].
    Step,
    /// [`sigmoid`].
    Sigmoid,
    /// [`tanh`].
    Tanh,
    /// [`relu`].
    Relu,
    /// [`leaky_relu`] with a fixed slope.
    LeakyRelu { alpha: f64 },
    /// [`prelu`] with its current, learnable slope.
    PRelu { alpha: f64 },
}

impl Activation {
    /// `f(x)`.
    pub fn apply(self, x: f64) -> f64 {
        match self {
            Activation::Identity => x,
            Activation::Step => step(x),
            Activation::Sigmoid => sigmoid(x),
            Activation::Tanh => tanh(x),
            Activation::Relu => relu(x),
            Activation::LeakyRelu { alpha } => leaky_relu(x, alpha),
            Activation::PRelu { alpha } => prelu(x, alpha),
        }
    }

    /// `f'(x)`, the derivative with respect to `x` (0 for the step, which is flat where it
    /// has a derivative at all).
    pub fn derivative(self, x: f64) -> f64 {
        match self {
            Activation::Identity => {
                if x.is_nan() {
                    x
                } else {
                    1.0
                }
            }
            Activation::Step => {
                if x.is_nan() {
                    x
                } else {
                    0.0
                }
            }
            Activation::Sigmoid => sigmoid_derivative(x),
            Activation::Tanh => tanh_derivative(x),
            Activation::Relu => relu_derivative(x),
            Activation::LeakyRelu { alpha } => leaky_relu_derivative(x, alpha),
            Activation::PRelu { alpha } => prelu_derivative(x, alpha),
        }
    }
}
