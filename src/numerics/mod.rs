//! The numerical helpers under the activations, softmax and the slice functions; they use
//! nothing else of the crate.
//!
//! - [`eft`]: error-free transforms (TwoSum, Fast2Sum, TwoDiff), the shift of a logit by the
//!   maximum, compensated division and the lane-wise compensated sum [`eft::LaneSum`].
//! - [`kernel`]: branch-free kernels for `e^x`, σ, tanh and their derivatives.
//! - [`erfc`]: a branch-free kernel for the lower normal tail `Φ(−a)` (fdlibm's `erfc`), for GELU.
//!
//! The CPU dispatch that runs loops over them is `crate::simd`.

pub(crate) mod eft;
pub(crate) mod erfc;
pub(crate) mod kernel;

/// The slice functions work in blocks of this many elements: small enough to stay in the
/// first-level cache, large enough that the per-block range check costs little.
pub(crate) const BLOCK_LEN: usize = 256;

/// The lanes of [`eft::LaneSum`] and of softmax's running maximum: eight, an AVX-512 vector
/// of f64 (two for AVX2).
pub(crate) const LANES: usize = 8;

/// `xs[i] = f(xs[i])` for every element.
#[inline(always)]
pub(crate) fn map_in_place(xs: &mut [f64], f: impl Fn(f64) -> f64) {
    for x in xs.iter_mut() {
        *x = f(*x);
    }
}

/// `output[i] = f(input[i])` for every element; the lengths are checked by the caller.
#[inline(always)]
pub(crate) fn map_into(input: &[f64], output: &mut [f64], f: impl Fn(f64) -> f64) {
    for (out, &x) in output.iter_mut().zip(input) {
        *out = f(x);
    }
}
