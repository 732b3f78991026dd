//! The activations, their derivatives, softmax and log-softmax over whole slices.
//!
//! Every function comes twice: in place, `f(&mut xs)`, and into an output slice,
//! `f_into(&input, &mut output)`, which returns [`Error::LengthMismatch`] when the two
//! lengths differ (and then writes nothing). Every result is bit for bit the result of the
//! scalar function in [`crate::activation`] (`tests/slice.rs`), so the special values and
//! the accuracy bounds there hold here unchanged: `sigmoid` and `tanh` within 2 ULP, every
//! element of `softmax` and `log_softmax` within 4 ULP, with the limits said there (what the
//! tests cover, and long vectors in `log_softmax`).
//!
//! They are written for speed: the kernels of `src/kernel.rs` have no branch on the value, so
//! the loops over them are vectorized, and each function is compiled for AVX-512, AVX2 and
//! the portable baseline, the widest the CPU has being chosen when it runs ([`simd`] says
//! which). No `-C target-cpu=native` is needed. `cargo xtask bench` measures them against
//! NumPy and SciPy.
//!
//! ```
//! use perceptron::slice;
//!
//! let mut h = vec![-2.0, 0.0, 3.0];
//! slice::relu(&mut h);
//! assert_eq!(h, [0.0, 0.0, 3.0]);
//!
//! let logits = [1.0, 2.0, 3.0];
//! let mut p = [0.0; 3];
//! slice::softmax_into(&logits, &mut p)?;
//! assert_eq!(p.to_vec(), perceptron::activation::softmax(&logits));
//! assert!(slice::sigmoid_into(&logits, &mut [0.0; 2]).is_err());
//! # Ok::<(), perceptron::Error>(())
//! ```

use crate::Error;
use crate::activation::{self, shift, shifted_exp};
use crate::kernel::{self, BLOCK_LEN, LANES, LaneSum, Level, dispatch};

/// The SIMD instructions the slice functions use on this CPU: `"AVX-512"`, `"AVX2"` or
/// `"portable"` (whatever the compiler targets by default). The results are the same bits
/// on every one; only the speed differs.
pub fn simd() -> &'static str {
    Level::best().name()
}

/// `xs[i] = f(xs[i])` for every element.
#[inline(always)]
fn map_in_place(xs: &mut [f64], f: impl Fn(f64) -> f64) {
    for x in xs.iter_mut() {
        *x = f(*x);
    }
}

/// `output[i] = f(input[i])` for every element; the lengths are checked by the caller.
#[inline(always)]
fn map_into(input: &[f64], output: &mut [f64], f: impl Fn(f64) -> f64) {
    for (out, &x) in output.iter_mut().zip(input) {
        *out = f(x);
    }
}

/// Like [`map_in_place`] for a function with a kernel: a block whose elements all satisfy
/// `in_range` runs `kernel` in a loop the compiler vectorizes; any other block runs `any`
/// (the kernel or the out-of-range path, element by element). `any` equals `kernel` where
/// `in_range` holds, so the result does not depend on how the blocks fall.
#[inline(always)]
fn blocks_in_place(
    xs: &mut [f64],
    in_range: impl Fn(f64) -> bool,
    kernel: impl Fn(f64) -> f64,
    any: impl Fn(f64) -> f64,
) {
    for block in xs.chunks_mut(BLOCK_LEN) {
        // `&`, not `all`: no early exit, so the check vectorizes too.
        if block.iter().fold(true, |ok, &x| ok & in_range(x)) {
            for x in block.iter_mut() {
                *x = kernel(*x);
            }
        } else {
            for x in block.iter_mut() {
                *x = any(*x);
            }
        }
    }
}

fn check_lengths(input: &[f64], output: &[f64]) -> Result<(), Error> {
    if input.len() == output.len() {
        Ok(())
    } else {
        Err(Error::LengthMismatch { input: input.len(), output: output.len() })
    }
}

/// The functions computed by a kernel: name, `_into` name, range check, kernel, every `x`.
macro_rules! with_kernel {
    ($($name:ident, $into:ident, $in_range:expr, $kernel:expr, $any:expr;)*) => {$(
        #[doc = concat!("[`activation::", stringify!($name), "`] of every element, in place.")]
        pub fn $name(xs: &mut [f64]) {
            dispatch!(Level::best(); (xs: &mut [f64]) {
                blocks_in_place(xs, $in_range, $kernel, $any)
            })
        }

        #[doc = concat!("[`activation::", stringify!($name), "`] of every element of `input`, ")]
        #[doc = "written to `output`; [`Error::LengthMismatch`] if the lengths differ."]
        pub fn $into(input: &[f64], output: &mut [f64]) -> Result<(), Error> {
            check_lengths(input, output)?;
            dispatch!(Level::best(); (input: &[f64], output: &mut [f64]) {
                // Block by block, so the copy is still in the cache when it is overwritten.
                for (out, block) in output.chunks_mut(BLOCK_LEN).zip(input.chunks(BLOCK_LEN)) {
                    out.copy_from_slice(block);
                    blocks_in_place(out, $in_range, $kernel, $any);
                }
            });
            Ok(())
        }
    )*};
}

macro_rules! elementwise {
    ($($name:ident, $into:ident;)*) => {$(
        #[doc = concat!("[`activation::", stringify!($name), "`] of every element, in place.")]
        pub fn $name(xs: &mut [f64]) {
            dispatch!(Level::best(); (xs: &mut [f64]) {
                map_in_place(xs, activation::$name)
            })
        }

        #[doc = concat!("[`activation::", stringify!($name), "`] of every element of `input`, ")]
        #[doc = "written to `output`; [`Error::LengthMismatch`] if the lengths differ."]
        pub fn $into(input: &[f64], output: &mut [f64]) -> Result<(), Error> {
            check_lengths(input, output)?;
            dispatch!(Level::best(); (input: &[f64], output: &mut [f64]) {
                map_into(input, output, activation::$name)
            });
            Ok(())
        }
    )*};
}

macro_rules! elementwise_alpha {
    ($($name:ident, $into:ident;)*) => {$(
        #[doc = concat!("[`activation::", stringify!($name), "`] of every element with slope ")]
        #[doc = "`alpha`, in place."]
        pub fn $name(xs: &mut [f64], alpha: f64) {
            dispatch!(Level::best(); (xs: &mut [f64], alpha: f64) {
                map_in_place(xs, |x| activation::$name(x, alpha))
            })
        }

        #[doc = concat!("[`activation::", stringify!($name), "`] of every element of `input` ")]
        #[doc = "with slope `alpha`, written to `output`; [`Error::LengthMismatch`] if the"]
        #[doc = "lengths differ."]
        pub fn $into(input: &[f64], output: &mut [f64], alpha: f64) -> Result<(), Error> {
            check_lengths(input, output)?;
            dispatch!(Level::best(); (input: &[f64], output: &mut [f64], alpha: f64) {
                map_into(input, output, |x| activation::$name(x, alpha))
            });
            Ok(())
        }
    )*};
}

with_kernel! {
    sigmoid, sigmoid_into, kernel::sigmoid_in_range, kernel::sigmoid, kernel::sigmoid_any;
    sigmoid_derivative, sigmoid_derivative_into,
        kernel::derivative_in_range, kernel::sigmoid_derivative, kernel::sigmoid_derivative_any;
    tanh, tanh_into, |_| true, kernel::tanh, kernel::tanh;
    tanh_derivative, tanh_derivative_into,
        kernel::tanh_derivative_in_range, kernel::tanh_derivative, kernel::tanh_derivative_any;
}

elementwise! {
    relu, relu_into;
    relu_derivative, relu_derivative_into;
}

elementwise_alpha! {
    leaky_relu, leaky_relu_into;
    leaky_relu_derivative, leaky_relu_derivative_into;
}

/// The largest logit (`−∞` for no logits), or `None` if there is a NaN among them: then the
/// whole result is NaN, the documented special value.
#[inline(always)]
fn largest_logit(xs: &[f64]) -> Option<f64> {
    // Eight running maxima and a NaN flag, so the scan vectorizes (an index of the maximum
    // or an early exit would make it one element at a time).
    let mut top = [f64::NEG_INFINITY; LANES];
    let mut nan = false;
    let mut add = |lane: usize, x: f64| {
        top[lane] = if x > top[lane] { x } else { top[lane] };
        nan |= x.is_nan();
    };
    let chunks = xs.chunks_exact(LANES);
    let rest = chunks.remainder();
    for chunk in chunks {
        for (lane, &x) in chunk.iter().enumerate() {
            add(lane, x);
        }
    }
    for (lane, &x) in rest.iter().enumerate() {
        add(lane, x);
    }
    (!nan).then(|| top.into_iter().fold(f64::NEG_INFINITY, f64::max))
}

/// `e^{x − m}` of every element of a block, `m` the largest logit (see `activation::shift`);
/// vectorized when `m` is finite and every shift is at least −708, element by element (with
/// the same results there) otherwise.
#[inline(always)]
fn exp_shifted(block: &mut [f64], m: f64) {
    if m.is_finite() && block.iter().fold(true, |ok, &x| ok & (x - m >= -708.0)) {
        for x in block.iter_mut() {
            let (d, err) = kernel::two_diff(*x, m);
            *x = kernel::shifted_exp(d, err);
        }
    } else {
        for x in block.iter_mut() {
            *x = shifted_exp(shift(*x, m));
        }
    }
}

/// Replaces each block of logits by `e^{x − m}` and returns their sum, `hi + lo`.
#[inline(always)]
fn sum_of_exps<'a>(m: f64, blocks: impl Iterator<Item = &'a mut [f64]>) -> (f64, f64) {
    let mut sum = LaneSum::new();
    for block in blocks {
        exp_shifted(block, m);
        sum.add(block);
    }
    sum.total()
}

/// [`activation::softmax`] of the logits `xs`, in place, without allocating.
///
/// The same special values: an empty slice stays empty, any NaN makes every element NaN.
pub fn softmax(xs: &mut [f64]) {
    dispatch!(Level::best(); (xs: &mut [f64]) {
        let Some(m) = largest_logit(xs) else { return xs.fill(f64::NAN) };
        let total = sum_of_exps(m, xs.chunks_mut(BLOCK_LEN));
        map_in_place(xs, |e| kernel::divide_by(e, total));
    });
}

/// [`activation::softmax`] of the logits `input`, written to `output`;
/// [`Error::LengthMismatch`] if the lengths differ.
pub fn softmax_into(input: &[f64], output: &mut [f64]) -> Result<(), Error> {
    check_lengths(input, output)?;
    dispatch!(Level::best(); (input: &[f64], output: &mut [f64]) {
        let Some(m) = largest_logit(input) else { return output.fill(f64::NAN) };
        // Copied block by block, so each copy is still in the cache when it is overwritten.
        let blocks = output.chunks_mut(BLOCK_LEN).zip(input.chunks(BLOCK_LEN));
        let total = sum_of_exps(m, blocks.map(|(out, block)| {
            out.copy_from_slice(block);
            out
        }));
        map_in_place(output, |e| kernel::divide_by(e, total));
    });
    Ok(())
}

/// `ln Σ e^{x − m}` over the logits, `m` the largest, from the sum of their exponentials.
#[inline(always)]
fn log_sum_of_exps(xs: &[f64], m: f64) -> f64 {
    let mut buffer = [0.0; BLOCK_LEN];
    let mut sum = LaneSum::new();
    for block in xs.chunks(BLOCK_LEN) {
        let exps = &mut buffer[..block.len()];
        exps.copy_from_slice(block);
        exp_shifted(exps, m);
        sum.add(exps);
    }
    // The sum includes e^0 = 1 for the largest logit; the rest goes to ln_1p, which keeps a
    // tiny rest accurate. hi ≥ 1, so hi − 1 is exact below 2 and harmless above.
    let (hi, lo) = sum.total();
    ((hi - 1.0) + lo).ln_1p()
}

/// `(x − m) − log_total` with the shift kept exact: one element of log-softmax.
#[inline(always)]
fn shifted_minus(x: f64, m: f64, log_total: f64) -> f64 {
    let (d, err) = shift(x, m);
    (d - log_total) + err
}

/// [`activation::log_softmax`] of the logits `xs`, in place, without allocating.
///
/// The same special values: an empty slice stays empty, any NaN makes every element NaN.
pub fn log_softmax(xs: &mut [f64]) {
    dispatch!(Level::best(); (xs: &mut [f64]) {
        let Some(m) = largest_logit(xs) else { return xs.fill(f64::NAN) };
        let log_total = log_sum_of_exps(xs, m);
        map_in_place(xs, |x| shifted_minus(x, m, log_total));
    });
}

/// [`activation::log_softmax`] of the logits `input`, written to `output`;
/// [`Error::LengthMismatch`] if the lengths differ.
pub fn log_softmax_into(input: &[f64], output: &mut [f64]) -> Result<(), Error> {
    check_lengths(input, output)?;
    dispatch!(Level::best(); (input: &[f64], output: &mut [f64]) {
        let Some(m) = largest_logit(input) else { return output.fill(f64::NAN) };
        let log_total = log_sum_of_exps(input, m);
        map_into(input, output, |x| shifted_minus(x, m, log_total));
    });
    Ok(())
}
