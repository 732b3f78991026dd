//! The activations, their derivatives, softmax and log-softmax over whole slices.
//!
//! Every function comes twice: in place, `f(&mut xs)`, and into an output slice,
//! `f_into(&input, &mut output)`, which returns [`Error::LengthMismatch`] when the two
//! lengths differ (and then writes nothing). Every result is bit for bit the result of the
//! scalar function in [`crate::activation`] (`tests/slice.rs`), so the special values and
//! the accuracy bounds there hold here unchanged: `sigmoid` and `tanh` within 2 ULP, every
//! element of `softmax` and `log_softmax` within 4 ULP.
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
use crate::activation::{self, Neumaier, max_index, shift, shifted_exp};

// Each function is one loop over the scalar function, behind its own name, so that a faster
// kernel can later replace one function at a time without changing the API.

/// `xs[i] = f(xs[i])` for every element.
#[inline]
fn map_in_place(xs: &mut [f64], f: impl Fn(f64) -> f64) {
    for x in xs.iter_mut() {
        *x = f(*x);
    }
}

/// `output[i] = f(input[i])` for every element, after checking the lengths.
#[inline]
fn map_into(input: &[f64], output: &mut [f64], f: impl Fn(f64) -> f64) -> Result<(), Error> {
    check_lengths(input, output)?;
    for (out, &x) in output.iter_mut().zip(input) {
        *out = f(x);
    }
    Ok(())
}

fn check_lengths(input: &[f64], output: &[f64]) -> Result<(), Error> {
    if input.len() == output.len() {
        Ok(())
    } else {
        Err(Error::LengthMismatch { input: input.len(), output: output.len() })
    }
}

macro_rules! elementwise {
    ($($name:ident, $into:ident;)*) => {$(
        #[doc = concat!("[`activation::", stringify!($name), "`] of every element, in place.")]
        pub fn $name(xs: &mut [f64]) {
            map_in_place(xs, activation::$name);
        }

        #[doc = concat!("[`activation::", stringify!($name), "`] of every element of `input`, ")]
        #[doc = "written to `output`; [`Error::LengthMismatch`] if the lengths differ."]
        pub fn $into(input: &[f64], output: &mut [f64]) -> Result<(), Error> {
            map_into(input, output, activation::$name)
        }
    )*};
}

macro_rules! elementwise_alpha {
    ($($name:ident, $into:ident;)*) => {$(
        #[doc = concat!("[`activation::", stringify!($name), "`] of every element with slope ")]
        #[doc = "`alpha`, in place."]
        pub fn $name(xs: &mut [f64], alpha: f64) {
            map_in_place(xs, |x| activation::$name(x, alpha));
        }

        #[doc = concat!("[`activation::", stringify!($name), "`] of every element of `input` ")]
        #[doc = "with slope `alpha`, written to `output`; [`Error::LengthMismatch`] if the"]
        #[doc = "lengths differ."]
        pub fn $into(input: &[f64], output: &mut [f64], alpha: f64) -> Result<(), Error> {
            map_into(input, output, |x| activation::$name(x, alpha))
        }
    )*};
}

elementwise! {
    sigmoid, sigmoid_into;
    sigmoid_derivative, sigmoid_derivative_into;
    tanh, tanh_into;
    tanh_derivative, tanh_derivative_into;
    relu, relu_into;
    relu_derivative, relu_derivative_into;
}

elementwise_alpha! {
    leaky_relu, leaky_relu_into;
    leaky_relu_derivative, leaky_relu_derivative_into;
}

/// The index of the largest logit, or `None` when there is nothing left to compute: an empty
/// slice, or a NaN among the logits (then every element is set to NaN, the documented result).
fn top_logit(xs: &mut [f64]) -> Option<usize> {
    if xs.iter().any(|x| x.is_nan()) {
        xs.fill(f64::NAN);
        return None;
    }
    max_index(xs)
}

/// [`activation::softmax`] of the logits `xs`, in place, without allocating.
///
/// The same special values: an empty slice stays empty, any NaN makes every element NaN.
pub fn softmax(xs: &mut [f64]) {
    let Some(top) = top_logit(xs) else { return };
    let m = xs[top];
    let mut rest = Neumaier::default();
    for (i, x) in xs.iter_mut().enumerate() {
        *x = shifted_exp(shift(*x, m));
        if i != top {
            rest.add(*x);
        }
    }
    let total = 1.0 + rest.total();
    for x in xs.iter_mut() {
        *x /= total;
    }
}

/// [`activation::softmax`] of the logits `input`, written to `output`;
/// [`Error::LengthMismatch`] if the lengths differ.
pub fn softmax_into(input: &[f64], output: &mut [f64]) -> Result<(), Error> {
    check_lengths(input, output)?;
    output.copy_from_slice(input);
    softmax(output);
    Ok(())
}

/// [`activation::log_softmax`] of the logits `xs`, in place, without allocating.
///
/// The same special values: an empty slice stays empty, any NaN makes every element NaN.
pub fn log_softmax(xs: &mut [f64]) {
    let Some(top) = top_logit(xs) else { return };
    let m = xs[top];
    let mut rest = Neumaier::default();
    for (i, &x) in xs.iter().enumerate() {
        if i != top {
            rest.add(shifted_exp(shift(x, m)));
        }
    }
    let log_total = rest.total().ln_1p();
    for x in xs.iter_mut() {
        let (d, err) = shift(*x, m);
        *x = (d - log_total) + err;
    }
}

/// [`activation::log_softmax`] of the logits `input`, written to `output`;
/// [`Error::LengthMismatch`] if the lengths differ.
pub fn log_softmax_into(input: &[f64], output: &mut [f64]) -> Result<(), Error> {
    check_lengths(input, output)?;
    output.copy_from_slice(input);
    log_softmax(output);
    Ok(())
}
