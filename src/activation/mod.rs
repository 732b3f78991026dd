//! The activation functions the book teaches, their derivatives, and softmax.
//!
//! Special inputs have one behaviour each, listed on every function and tested in
//! `tests/special_values.rs`. Accuracy against a high-precision reference is tested in
//! `tests/accuracy.rs`: `sigmoid` and `tanh` within 2 ULP, every element of `softmax` and
//! `log_softmax` within 4 ULP. These are the bounds the design aims at and the tests check on
//! 2,675 scalar inputs, 258 logit vectors of length at most 64 and 184 long logit vectors of
//! up to 10^5 elements (and five of 10^7 in an `#[ignore]`d test) with mpmath references (see
//! `src/softmax.rs` for which), not a proof for every finite input.
//!
//! Softmax, log-softmax and cross-entropy are written in `src/softmax.rs` and re-exported
//! here; the slice forms of everything are in [`crate::slice`], which uses this module (never
//! the reverse), and [`Activation::apply_slice`] leads there from a value.
//!
//! `sigmoid`, `tanh` and their derivatives compute with the kernels of
//! `src/numerics/kernel.rs`, each call compiled for the CPU's instructions (picked once, then
//! a cached load and one call).
//! A loop over them is therefore not vectorized: for many values, [`crate::slice`] is, and
//! gives the same bits.

use crate::numerics::kernel;
use crate::simd::{Level, dispatch};

mod modern;
pub use modern::*;

pub use crate::softmax::{
    cross_entropy, cross_entropy_gradient, log_softmax, softmax, softmax_naive,
};

/// The logistic sigmoid `σ(x) = 1 / (1 + e^{−x})`.
///
/// Computed from `t = e^{−|x|}`: `1/(1 + t)` for `x ≥ 0` and `t/(1 + t)` for `x < 0`, so
/// `e^{−x}` never overflows and small results keep their relative precision. `t`, `1 + t` and
/// the quotient carry extra bits (see `src/numerics/kernel.rs`), which keeps the result
/// within 2 ULP. NaN gives NaN, `+∞` gives 1, `−∞` gives 0, `±0.0` and subnormal `x` give 0.5.
#[must_use]
pub fn sigmoid(x: f64) -> f64 {
    dispatch!(Level::best(); (x: f64) -> f64 { kernel::sigmoid_any(x) })
}

/// The derivative of the sigmoid, `σ'(x) = σ(x)(1 − σ(x))`, at most 1/4 (at `x = 0`).
///
/// Computed as `σ(x)·σ(−x) = t/(1 + t)²` with `t = e^{−|x|}`, the same value without the
/// cancellation of `1 − σ(x)` for large `x`; beyond `|x| = 708`, where `t/(1 + t)²` rounds
/// to `t`, as libm's `e^{−|x|}`. Within 2 ULP of the true value, zero and subnormal results
/// included: the bound the design aims at, which `tests/derivatives.rs` checks against
/// correctly rounded mpmath references on 3,802 inputs over the whole range, densest around
/// the switch at `|x| = 708` and where the result becomes subnormal (`|x| ≈ 708.4`) and 0
/// (`|x| ≈ 745.1`); the worst error there is 1 ULP. Even (`σ'(−x) = σ'(x)`, bit for bit).
/// NaN gives NaN, `±∞` give 0.
#[must_use]
pub fn sigmoid_derivative(x: f64) -> f64 {
    dispatch!(Level::best(); (x: f64) -> f64 { kernel::sigmoid_derivative_any(x) })
}

/// The hyperbolic tangent, `tanh(x) = (e^x − e^{−x}) / (e^x + e^{−x})`.
///
/// Computed as `(e^r − 2^−k)/(e^r + 2^−k)` for `2|x| = k·ln 2 + r` (that is `u/(u + 2)` with
/// `u = e^{2|x|} − 1`, divided through by `2^k`), carrying extra bits like [`sigmoid`] (see
/// `src/numerics/kernel.rs`), within 2 ULP. NaN gives NaN, `±∞` give `±1`, `−0.0` gives `−0.0`
/// (tanh is odd), and a subnormal `x` gives `x`.
#[must_use]
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
#[must_use]
pub fn tanh_via_sigmoid(x: f64) -> f64 {
    2.0 * sigmoid(2.0 * x) - 1.0
}

/// The derivative of tanh, `1 − tanh²(x)`, at most 1 (at `x = 0`).
///
/// Computed as `4·2^−k·e^r/(e^r + 2^−k)²` with the `e^r` and `2^−k` of [`tanh`], which is
/// `4σ'(2x)` (the derivative of `tanh(x) = 2σ(2x) − 1`) without the cancellation of
/// `1 − tanh²` for large `|x|`; beyond `|x| = 354` as `4e^{−|x|}·e^{−|x|}`
/// with libm's `e^{−|x|}`, whose rounding the square doubles. Within 2 ULP of the true value,
/// zero and subnormal results included: the bound the design aims at, which
/// `tests/derivatives.rs` checks against correctly rounded mpmath references on 3,802 inputs
/// over the whole range, densest around the switch at `|x| = 354` and where the result
/// becomes subnormal (`|x| ≈ 354.9`) and 0 (`|x| ≈ 373.3`); the worst error there is 2 ULP,
/// just past 354 (1 ULP below it). Even, bit for bit. NaN gives NaN, `±∞` give 0.
#[must_use]
pub fn tanh_derivative(x: f64) -> f64 {
    dispatch!(Level::best(); (x: f64) -> f64 { kernel::tanh_derivative_any(x) })
}

/// ReLU, `max(0, x)`.
///
/// NaN gives NaN (unlike `f64::max`, which would quietly return 0), `−0.0` gives `+0.0`.
#[must_use]
pub fn relu(x: f64) -> f64 {
    if x > 0.0 || x.is_nan() { x } else { 0.0 }
}

/// The derivative of ReLU: 1 for `x > 0`, 0 for `x < 0`.
///
/// ReLU has no derivative at 0; this returns 0 there, the usual convention (PyTorch's too).
/// NaN gives NaN.
///
/// This is the Heaviside [`step`], value for value (NaN and 0 included), and is computed
/// through it: ReLU's derivative is the first perceptrons' activation.
#[must_use]
pub fn relu_derivative(x: f64) -> f64 {
    step(x)
}

/// Leaky ReLU: `x` for `x > 0`, `αx` otherwise, with a fixed slope `α` (often 0.01).
///
/// `alpha` is used as given. NaN in `x` gives NaN; `−0.0` gives `α·(−0.0)`, a zero;
/// `x = −∞` gives `−∞` for `α > 0` and NaN for `α = 0` (0·∞), as IEEE arithmetic says.
#[must_use]
pub fn leaky_relu(x: f64, alpha: f64) -> f64 {
    if x > 0.0 { x } else { alpha * x }
}

/// The derivative of Leaky ReLU with respect to `x`: 1 for `x > 0`, `α` otherwise
/// (including at 0, by the same convention as [`relu_derivative`]). NaN gives NaN.
#[must_use]
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
#[must_use]
pub fn prelu(x: f64, alpha: f64) -> f64 {
    leaky_relu(x, alpha)
}

/// The derivative of PReLU with respect to `x` (the same as Leaky ReLU's).
#[must_use]
pub fn prelu_derivative(x: f64, alpha: f64) -> f64 {
    leaky_relu_derivative(x, alpha)
}

/// The derivative of PReLU with respect to its slope `α`: 0 for `x > 0`, `x` otherwise.
///
/// This is what lets gradient descent learn `α`. NaN gives NaN.
#[must_use]
pub fn prelu_derivative_alpha(x: f64) -> f64 {
    if x > 0.0 { 0.0 } else { x }
}

/// The Heaviside step the first perceptrons used: 1 for `x > 0`, 0 otherwise. NaN gives NaN.
#[must_use]
pub fn step(x: f64) -> f64 {
    if x.is_nan() {
        x
    } else if x > 0.0 {
        1.0
    } else {
        0.0
    }
}

/// `x` if it is NaN (NaN in gives NaN out), else `value`: the derivative of a function that
/// is flat or linear where it is defined.
#[inline(always)]
pub(crate) fn nan_or(x: f64, value: f64) -> f64 {
    if x.is_nan() { x } else { value }
}

/// An activation named as a value, for [`crate::Perceptron`], the figures and experiments.
///
/// `#[non_exhaustive]`: new activations become new variants, so a `match` outside the crate
/// needs a `_` arm. [`Activation::apply_slice`] and [`Activation::derivative_slice`] (in
/// `src/slice.rs`) run the vectorized slice functions.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
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
    LeakyRelu {
        /// The slope for `x < 0` (0.01 is the usual choice).
        alpha: f64,
    },
    /// [`prelu`] with its current, learnable slope. Its value and `x`-derivative are Leaky
    /// ReLU's; what makes it PReLU is [`Activation::parameter_gradient`], `∂f/∂α`.
    PRelu {
        /// The slope for `x < 0`, as learning has set it.
        alpha: f64,
    },
    /// [`elu`] with a fixed `α` (usually 1).
    Elu {
        /// The value ELU approaches as `x → −∞` is `−α`.
        alpha: f64,
    },
    /// [`selu`], with the constants [`SELU_LAMBDA`] and [`SELU_ALPHA`].
    Selu,
    /// [`softplus`].
    Softplus,
    /// [`gelu`], exact (`x·Φ(x)`).
    Gelu,
    /// [`gelu_tanh`], the tanh approximation of GELU.
    GeluTanh,
    /// [`silu`] (Swish-1).
    Silu,
    /// [`mish`].
    Mish,
}

impl Activation {
    /// `f(x)`.
    #[must_use]
    pub fn apply(self, x: f64) -> f64 {
        match self {
            Activation::Identity => x,
            Activation::Step => step(x),
            Activation::Sigmoid => sigmoid(x),
            Activation::Tanh => tanh(x),
            Activation::Relu => relu(x),
            Activation::LeakyRelu { alpha } => leaky_relu(x, alpha),
            Activation::PRelu { alpha } => prelu(x, alpha),
            Activation::Elu { alpha } => elu(x, alpha),
            Activation::Selu => selu(x),
            Activation::Softplus => softplus(x),
            Activation::Gelu => gelu(x),
            Activation::GeluTanh => gelu_tanh(x),
            Activation::Silu => silu(x),
            Activation::Mish => mish(x),
        }
    }

    /// `f'(x)`, the derivative with respect to `x` (0 for the step, which is flat where it
    /// has a derivative at all).
    #[must_use]
    pub fn derivative(self, x: f64) -> f64 {
        match self {
            Activation::Identity => nan_or(x, 1.0),
            Activation::Step => nan_or(x, 0.0),
            Activation::Sigmoid => sigmoid_derivative(x),
            Activation::Tanh => tanh_derivative(x),
            Activation::Relu => relu_derivative(x),
            Activation::LeakyRelu { alpha } => leaky_relu_derivative(x, alpha),
            Activation::PRelu { alpha } => prelu_derivative(x, alpha),
            Activation::Elu { alpha } => elu_derivative(x, alpha),
            Activation::Selu => selu_derivative(x),
            Activation::Softplus => softplus_derivative(x),
            Activation::Gelu => gelu_derivative(x),
            Activation::GeluTanh => gelu_tanh_derivative(x),
            Activation::Silu => silu_derivative(x),
            Activation::Mish => mish_derivative(x),
        }
    }

    /// The derivative with respect to the activation's learnable parameter, `∂f/∂α`, if it
    /// has one: `Some(`[`prelu_derivative_alpha`]`(x))` for [`Activation::PRelu`] (0 for
    /// `x > 0`, `x` otherwise), `None` for every other variant (Leaky ReLU's `α` is fixed).
    ///
    /// With it, a training loop learns PReLU's slope from the same backward pass:
    /// `∂L/∂α = Σ ∂L/∂f · ∂f/∂α` over the units that share `α`.
    #[must_use]
    pub fn parameter_gradient(self, x: f64) -> Option<f64> {
        match self {
            Activation::PRelu { .. } => Some(prelu_derivative_alpha(x)),
            _ => None,
        }
    }
}
