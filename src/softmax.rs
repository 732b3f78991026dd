//! Softmax, log-softmax and cross-entropy: the `Vec` forms (`perceptron::activation::softmax`
//! …), the in-place forms and the `_into` forms (`perceptron::slice::softmax` …), one
//! implementation.
//!
//! Accuracy against a high-precision reference is tested in `tests/accuracy.rs`: every
//! element of `softmax` and `log_softmax` within 4 ULP on 258 logit vectors of length at most
//! 64 (mpmath references), not a proof for every finite input: a long vector with one
//! dominant logit (thousands of entries far below it) is known to put `log_softmax` and
//! `cross_entropy` a few ULP beyond 4.
//!
//! Uses only [`crate::numerics`] and [`crate::simd`]; `activation` and `slice` re-export it.

use crate::Error;
use crate::error::check_lengths;
use crate::numerics::eft::{LaneSum, divide_by, shift_by_max, two_diff};
use crate::numerics::kernel::{exp_pair, exp_pair_any};
use crate::numerics::{BLOCK_LEN, LANES, map_in_place, map_into};
use crate::simd::{Level, dispatch};

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
    // One implementation for every form: the in-place one.
    let mut p = logits.to_vec();
    softmax_in_place(&mut p);
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
    log_softmax_in_place(&mut l);
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

/// Replaces every logit `x` of a block by `e^{x − m}`, `m` the largest logit: the shift
/// kept exact by [`shift_by_max`], its exponential by [`exp_pair`]. Vectorized when `m` is
/// finite and every shift is at least −708 (then [`two_diff`] and [`exp_pair`] are exactly
/// what [`shift_by_max`] and [`exp_pair_any`] compute), element by element otherwise.
#[inline(always)]
fn exp_of_shifted_logits(block: &mut [f64], m: f64) {
    if m.is_finite() && block.iter().fold(true, |ok, &x| ok & (x - m >= -708.0)) {
        for x in block.iter_mut() {
            let (d, err) = two_diff(*x, m);
            *x = exp_pair(d, err);
        }
    } else {
        for x in block.iter_mut() {
            let (d, err) = shift_by_max(*x, m);
            *x = exp_pair_any(d, err);
        }
    }
}

/// Replaces each block of logits by `e^{x − m}` and returns their sum, `hi + lo`.
#[inline(always)]
fn sum_of_exps<'a>(m: f64, blocks: impl Iterator<Item = &'a mut [f64]>) -> (f64, f64) {
    let mut sum = LaneSum::new();
    for block in blocks {
        exp_of_shifted_logits(block, m);
        sum.add(block);
    }
    sum.total()
}

/// [`softmax`] of the logits `xs`, in place, without allocating (`slice::softmax`).
///
/// The same special values: an empty slice stays empty, any NaN makes every element NaN.
pub fn softmax_in_place(xs: &mut [f64]) {
    dispatch!(Level::best(); (xs: &mut [f64]) {
        let Some(m) = largest_logit(xs) else { return xs.fill(f64::NAN) };
        let total = sum_of_exps(m, xs.chunks_mut(BLOCK_LEN));
        map_in_place(xs, |e| divide_by(e, total));
    });
}

/// [`softmax`] of the logits `input`, written to `output`;
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
        map_in_place(output, |e| divide_by(e, total));
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
        exp_of_shifted_logits(exps, m);
        sum.add(exps);
    }
    // The sum includes e^0 = 1 for the largest logit; the rest goes to ln_1p, which keeps a
    // tiny rest accurate. hi ≥ 1, so hi − 1 is exact below 2 and harmless above.
    let (hi, lo) = sum.total();
    ((hi - 1.0) + lo).ln_1p()
}

/// One element of log-softmax, `(x − m) − log_total`, with the shift kept exact.
#[inline(always)]
fn log_softmax_element(x: f64, m: f64, log_total: f64) -> f64 {
    let (d, err) = shift_by_max(x, m);
    (d - log_total) + err
}

/// [`log_softmax`] of the logits `xs`, in place, without allocating (`slice::log_softmax`).
///
/// The same special values: an empty slice stays empty, any NaN makes every element NaN.
pub fn log_softmax_in_place(xs: &mut [f64]) {
    dispatch!(Level::best(); (xs: &mut [f64]) {
        let Some(m) = largest_logit(xs) else { return xs.fill(f64::NAN) };
        let log_total = log_sum_of_exps(xs, m);
        map_in_place(xs, |x| log_softmax_element(x, m, log_total));
    });
}

/// [`log_softmax`] of the logits `input`, written to `output`;
/// [`Error::LengthMismatch`] if the lengths differ.
pub fn log_softmax_into(input: &[f64], output: &mut [f64]) -> Result<(), Error> {
    check_lengths(input, output)?;
    dispatch!(Level::best(); (input: &[f64], output: &mut [f64]) {
        let Some(m) = largest_logit(input) else { return output.fill(f64::NAN) };
        let log_total = log_sum_of_exps(input, m);
        map_into(input, output, |x| log_softmax_element(x, m, log_total));
    });
    Ok(())
}
