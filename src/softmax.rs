//! Softmax, log-softmax and cross-entropy: the `Vec` forms (`perceptron::activation::softmax`
//! …), the in-place forms and the `_into` forms (`perceptron::slice::softmax` …), one
//! implementation.
//!
//! Accuracy against a high-precision reference is tested in `tests/accuracy.rs`: every
//! element of `softmax`, `log_softmax` and `cross_entropy` within 4 ULP on 258 logit vectors
//! of length at most 64 and 184 long vectors up to 10^5 elements (one dominant logit 30 to
//! 750 above the rest, ties at the maximum, vocabulary-sized noisy logits), and on five
//! vectors of 10^7 elements in an `#[ignore]`d test (mpmath references; worst measured 2 ULP
//! for `softmax`, 1 ULP for the others). A bound checked on these inputs, not a proof for
//! every finite input.
//!
//! Uses only [`crate::numerics`] and [`crate::simd`]; `activation` and `slice` re-export it.

use crate::Error;
use crate::error::check_lengths;
use crate::numerics::eft::{LaneSum, divide_by, fast_two_sum, shift_by_max, two_diff, two_sum};
use crate::numerics::kernel::{TAIL_SHIFT, TAIL_START, exp_pair, exp_pair_any, exp_pair_tail};
use crate::numerics::{BLOCK_LEN, LANES, map_in_place, map_into};
use crate::simd::{Level, dispatch};

/// Softmax, `softmax(x)_i = e^{x_i} / Σ_j e^{x_j}`, computed without overflow.
///
/// Every logit is shifted by the largest one `m` first (`softmax(x − m) = softmax(x)`), so
/// no `exp` sees a positive argument. The shift `x_i − m` is kept exactly (its rounding error
/// is carried along) and the sum is compensated. Every element is within 4 ULP of the true
/// value on the tested vectors (lengths up to 10^7; the worst was 2 ULP).
///
/// Special inputs: an empty slice gives an empty vector; any NaN makes every element NaN;
/// if the largest logit is infinite (`+∞`, or all logits `−∞`), the logits equal to it share
/// the probability equally and the others get 0; a `−∞` logit below a finite maximum gets 0.
///
/// The logits are not changed: `softmax(&mut v)` compiles (`&mut Vec<f64>` becomes `&[f64]`)
/// but would drop the result, so the compiler warns (`#[must_use]`). In place is
/// [`crate::slice::softmax`].
///
/// ```compile_fail
/// #![deny(unused_must_use)]
/// let mut v = vec![1.0, 2.0];
/// perceptron::activation::softmax(&mut v); // error: unused return value
/// ```
#[must_use]
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
/// is tiny. `s` is summed to its own relative precision, however long the vector: the logits
/// equal to `m` are counted rather than added to it, and the terms below `e^{−708}` are summed
/// scaled up so they stay normal numbers. Every element is within 4 ULP of the true value on
/// the tested vectors (lengths up to 10^7, one dominant logit among 10^5 included; the worst
/// was 1 ULP).
///
/// Special inputs follow [`softmax`]: empty gives empty; any NaN gives all NaN; with an
/// infinite maximum, the `k` logits equal to it get `−ln k` and the others `−∞`.
#[must_use]
pub fn log_softmax(logits: &[f64]) -> Vec<f64> {
    let mut l = logits.to_vec();
    log_softmax_in_place(&mut l);
    l
}

/// Categorical cross-entropy of the logits `z` against the true class `y`:
/// `−ln softmax(z)_y`, computed as `−log_softmax(z)_y` so it never takes the log of a
/// probability that rounded to 0: the same bits, without allocating the whole log-softmax,
/// and the same accuracy (within 4 ULP on the tested vectors).
///
/// NaN among the logits gives NaN; a `+∞` logit follows [`log_softmax`].
///
/// # Errors
///
/// [`Error::ClassOutOfRange`] when `class` is not below `logits.len()` (including for empty
/// logits).
pub fn cross_entropy(logits: &[f64], class: usize) -> Result<f64, Error> {
    check_class(logits, class)?;
    // log_softmax's own steps for one element, so the bits are `-log_softmax(logits)[class]`
    // without the vector.
    Ok(dispatch!(Level::best(); (logits: &[f64], class: usize) -> f64 {
        let Some(m) = largest_logit(logits) else { return f64::NAN };
        -log_softmax_element(logits[class], m, log_sum_of_exps(logits, m))
    }))
}

/// The gradient of [`cross_entropy`] with respect to the logits: `softmax(z) − onehot(y)`.
///
/// Same special values as [`cross_entropy`].
///
/// # Errors
///
/// [`Error::ClassOutOfRange`] when `class` is not below `logits.len()`.
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
#[must_use]
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
/// finite: [`two_diff`] and [`exp_pair`] run on every logit, which is exactly what
/// [`shift_by_max`] and [`exp_pair_any`] compute where the shift is at least −708; the few
/// logits further down are then computed again by those, from a copy of the block. (So one
/// such logit costs one slow call, not a block of them.) Element by element when `m` is
/// infinite.
#[inline(always)]
fn exp_of_shifted_logits(block: &mut [f64], m: f64) {
    if !m.is_finite() {
        for x in block.iter_mut() {
            let (d, err) = shift_by_max(*x, m);
            *x = exp_pair_any(d, err);
        }
        return;
    }
    let in_range = |x: f64| x - m >= -708.0;
    let vectorized = |block: &mut [f64]| {
        for x in block.iter_mut() {
            let (d, err) = two_diff(*x, m);
            *x = exp_pair(d, err);
        }
    };
    if block.iter().fold(true, |ok, &x| ok & in_range(x)) {
        vectorized(block);
    } else {
        let mut copy = [0.0; BLOCK_LEN];
        let original = &mut copy[..block.len()];
        original.copy_from_slice(block);
        vectorized(block);
        for (x, &o) in block.iter_mut().zip(original.iter()) {
            if !in_range(o) {
                let (d, err) = shift_by_max(o, m);
                *x = exp_pair_any(d, err);
            }
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

/// [`softmax`] of the logits `input`, written to `output`.
///
/// # Errors
///
/// [`Error::OutputLength`] if the lengths differ; `output` is then left as it was.
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

/// `ln Σ e^{x − m}` over the logits `xs`, `m` the largest (`ln k` for `k` ties at an infinite
/// maximum). Log-softmax needs the part of the sum beyond the maximum's own `e^0 = 1`,
/// `s = Σ e^{x − m} − 1`, to its relative precision, since `ln_1p(s)` is the result at the
/// maximum: `s` is tiny when one logit dominates, and a sum that holds the 1 would keep only
/// the first bits of it. So the logits equal to `m` are counted, not summed, and `s` is the
/// count less one plus the compensated sum of the other terms. Terms with shifts below −708,
/// whose exponentials are subnormal (or nearly), go to a second sum scaled by `2^TAIL_SHIFT`,
/// where they keep their precision; it is scaled back once, at the end.
#[inline(always)]
fn log_sum_of_exps(xs: &[f64], m: f64) -> f64 {
    let mut buffer = [0.0; BLOCK_LEN];
    let mut tail_buffer = [0.0; BLOCK_LEN];
    let mut sum = LaneSum::new();
    let mut tail = LaneSum::new();
    let mut tail_used = false;
    let mut ties = Ties::new();
    for block in xs.chunks(BLOCK_LEN) {
        let exps = &mut buffer[..block.len()];
        // The same vectorized test and loop as softmax's (`exp_of_shifted_logits`).
        if m.is_finite() && block.iter().fold(true, |ok, &x| ok & (x - m >= -708.0)) {
            for (e, &x) in exps.iter_mut().zip(block) {
                let (d, err) = two_diff(x, m);
                let v = exp_pair(d, err);
                *e = if x == m { 0.0 } else { v };
            }
            ties.add(block, m);
        } else {
            let tails = &mut tail_buffer[..block.len()];
            for ((e, t), &x) in exps.iter_mut().zip(tails.iter_mut()).zip(block) {
                let (d, err) = shift_by_max(x, m);
                (*e, *t) = if x == m {
                    (0.0, 0.0)
                } else if d >= -708.0 {
                    (exp_pair(d, err), 0.0)
                } else if d >= TAIL_START {
                    (0.0, exp_pair_tail(d, err))
                } else {
                    (0.0, 0.0)
                };
            }
            ties.add(block, m);
            tail.add(tails);
            tail_used = true;
        }
        sum.add(exps);
    }
    let (hi, lo) = sum.total();
    let ties = ties.total();
    // With one maximum and a sum below 2^-900, every other term is below e^-620 and the
    // scaled terms may matter: add in the scaled range (exact for hi and lo, which are
    // multiples of 2^-1074), then scale back with one rounding. Here ln(1 + s) rounds to s.
    if ties == 1 && tail_used && hi < TINY_SUM {
        let (th, tl) = tail.total();
        let (a, b) = two_sum(hi * TAIL_SCALE, th);
        let (s, r) = fast_two_sum(a, b + (lo * TAIL_SCALE + tl));
        return (s + r) * (1.0 / TAIL_SCALE); // s + r rounds to s: one rounding in all
    }
    // Otherwise the scaled terms are below 2^-120 of s (for fewer than 2^60 logits).
    let (th, _) = tail.total();
    let extra = ties.saturating_sub(1) as f64; // exact below 2^53
    let (a, b) = two_sum(extra, hi);
    let (s, r) = fast_two_sum(a, b + (lo + th * (1.0 / TAIL_SCALE)));
    // ln(1 + s + r) = ln(1 + s) + r/(1 + s) to well below an ULP (|r| ≤ ulp(s)).
    s.ln_1p() + r / (1.0 + s)
}

/// How many logits equal the largest, counted in [`LANES`] lanes of `f64` (exact below 2^53
/// each) so the count vectorizes; a count into one integer made log-softmax a tenth slower.
struct Ties([f64; LANES]);

impl Ties {
    fn new() -> Self {
        Ties([0.0; LANES])
    }

    #[inline(always)]
    fn add(&mut self, xs: &[f64], m: f64) {
        let chunks = xs.chunks_exact(LANES);
        let rest = chunks.remainder();
        for chunk in chunks {
            for (lane, &x) in chunk.iter().enumerate() {
                self.0[lane] += if x == m { 1.0 } else { 0.0 };
            }
        }
        for (lane, &x) in rest.iter().enumerate() {
            self.0[lane] += if x == m { 1.0 } else { 0.0 };
        }
    }

    fn total(&self) -> usize {
        self.0.iter().map(|&t| t as usize).sum()
    }
}

/// `2^TAIL_SHIFT`, the scale of the terms below −708 in [`log_sum_of_exps`].
const TAIL_SCALE: f64 = f64::from_bits((1023 + TAIL_SHIFT) << 52);
/// Below this the sum in [`log_sum_of_exps`] is tiny enough for the scaled terms to count.
const TINY_SUM: f64 = f64::from_bits((1023 - 900) << 52);

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

/// [`log_softmax`] of the logits `input`, written to `output`.
///
/// # Errors
///
/// [`Error::OutputLength`] if the lengths differ; `output` is then left as it was.
pub fn log_softmax_into(input: &[f64], output: &mut [f64]) -> Result<(), Error> {
    check_lengths(input, output)?;
    dispatch!(Level::best(); (input: &[f64], output: &mut [f64]) {
        let Some(m) = largest_logit(input) else { return output.fill(f64::NAN) };
        let log_total = log_sum_of_exps(input, m);
        map_into(input, output, |x| log_softmax_element(x, m, log_total));
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::experiment::Rng;

    /// `log_softmax` of `xs` at `level`, as bits. The public functions run at the best level
    /// only; this runs the same steps at any.
    fn log_softmax_at(level: Level, xs: &[f64]) -> Vec<u64> {
        dispatch!(level; (xs: &[f64]) -> Vec<u64> {
            let Some(m) = largest_logit(xs) else { return vec![f64::NAN.to_bits(); xs.len()] };
            let log_total = log_sum_of_exps(xs, m);
            xs.iter().map(|&x| log_softmax_element(x, m, log_total).to_bits()).collect()
        })
    }

    /// Vectors that take every path of `log_sum_of_exps`: one dominant logit over terms
    /// below and above −708 and below `TAIL_START`, ties, noise, infinities.
    fn vectors() -> Vec<Vec<f64>> {
        let mut rng = Rng::new(13);
        let mut vs = Vec::new();
        for gap in [0.5, 30.0, 43.0, 700.0, 708.0, 712.0, 745.5, 760.0, 1500.0] {
            for n in [1, 7, 255, 256, 257, 3000] {
                let mut v: Vec<f64> = (0..n).map(|_| -gap - rng.range(0.0, 4.0)).collect();
                v.push(0.0);
                vs.push(v.clone());
                v.swap(0, n / 2);
                v[n / 3] = 0.0;
                vs.push(v);
            }
        }
        vs.push((0..5000).map(|_| rng.range(-800.0, 10.0)).collect());
        vs.push(vec![f64::INFINITY, 1.0, f64::INFINITY, f64::NEG_INFINITY]);
        vs.push(vec![f64::NEG_INFINITY; 300]);
        vs.push(vec![f64::MAX, -f64::MAX, 0.0, -720.0]);
        vs
    }

    #[test]
    fn log_softmax_is_the_same_on_every_level() {
        for v in vectors() {
            let portable = log_softmax_at(Level::Portable, &v);
            let public: Vec<u64> = log_softmax(&v).iter().map(|x| x.to_bits()).collect();
            assert_eq!(public, log_softmax_at(Level::best(), &v), "log_softmax is the best level");
            for &level in &Level::available()[1..] {
                assert_eq!(log_softmax_at(level, &v), portable, "{level:?} differs: {v:?}");
            }
        }
    }

    #[test]
    fn cross_entropy_is_minus_one_element_of_log_softmax() {
        for v in vectors() {
            let lp = log_softmax(&v);
            for class in [0, v.len() / 2, v.len() - 1] {
                let ce = cross_entropy(&v, class).unwrap();
                assert_eq!(ce.to_bits(), (-lp[class]).to_bits(), "class {class} of {v:?}");
            }
        }
    }
}
