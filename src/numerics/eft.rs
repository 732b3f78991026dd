//! Error-free transforms and the compensated arithmetic built on them: a rounded result and
//! its exact rounding error, kept as an unevaluated sum `hi + lo` so the kernels can round
//! once at the end.
//!
//! - [`fast_two_sum`]: `a + b` as `(s, e)`, exact, if `a` is the larger in magnitude (Dekker).
//! - [`two_sum`]: `a + b` as `(s, e)`, exact, in any order (Knuth).
//! - [`two_diff`]: `a − b` as `(d, err)`, exact, if `fl(a − b)` is finite; branch-free.
//! - [`shift_by_max`]: a logit minus the largest, `x − m`, as `(d, err)`, for every non-NaN
//!   `x ≤ m` (`m` infinite and overflow included); softmax's first step.
//! - [`divide`]: `(nh + nl)/(dh + dl)`, rounded about once; [`divide_by`]: `x/(hi + lo)` for
//!   many `x` and one divisor.
//! - [`LaneSum`]: a compensated sum in [`LANES`] lanes, returned as `(hi, lo)`.
//!
//! (The exponential of a shifted logit, `e^{d + err}`, is [`super::kernel::exp_pair`].)

use super::LANES;

/// `(s, e)` with `s = fl(a + b)` and `s + e = a + b` exactly, if `|a| ≥ |b|` (Dekker).
#[inline(always)]
pub(crate) fn fast_two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    (s, b - (s - a))
}

/// `(s, e)` with `s = fl(a + b)` and `s + e = a + b` exactly, for any order (Knuth).
#[inline(always)]
pub(crate) fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    let bb = s - a;
    (s, (a - (s - bb)) + (b - bb))
}

/// `a − b` as `(d, err)` with `d = fl(a − b)` and `d + err = a − b` exactly, provided
/// `fl(a − b)` is finite (no overflow; NaN in gives NaN out).
///
/// Dekker's Fast2Sum on `a + (−b)`, the operand of larger magnitude first, picked by a select
/// rather than a branch so loops over it vectorize: every step is exact and stays within the
/// range of `d` and the operands. (Knuth's TwoSum would compute `a − d`, which rounds past
/// `f64::MAX` to `+∞` when `b` is near `f64::MAX` and the rounding of `d` is a tie, e.g.
/// `a = 2.7853256681426694e307`, `b = f64::MAX`: `err` would be NaN.) [`shift_by_max`] is the
/// form for every input.
#[inline(always)]
pub(crate) fn two_diff(a: f64, b: f64) -> (f64, f64) {
    let d = a - b;
    let err = if a.abs() >= b.abs() { -b - (d - a) } else { a - (d + b) };
    (d, err)
}

/// The shift of a logit `x` by the largest logit `m`, `x − m`, as `(d, err)` with
/// `d + err = x − m` exactly: softmax's first step, for every non-NaN `x ≤ m`.
///
/// - `m` finite and `x − m` finite: [`two_diff`].
/// - `x − m` overflows (only for logits of opposite signs near `f64::MAX`): `(−∞, 0)`, since
///   the true value is far below any `ln` of a representable sum.
/// - `m` infinite: logits equal to it count as the maximum, `(0, 0)`; the others as `(−∞, 0)`.
#[inline(always)]
pub(crate) fn shift_by_max(x: f64, m: f64) -> (f64, f64) {
    if m.is_infinite() {
        if x == m { (0.0, 0.0) } else { (f64::NEG_INFINITY, 0.0) }
    } else {
        let d = x - m;
        if d.is_infinite() { (d, 0.0) } else { two_diff(x, m) }
    }
}

/// `(nh + nl) / (dh + dl)`, rounded about once: one division, then a correction from the
/// exact remainder `nh − q·dh` (a fused multiply-add).
#[inline(always)]
pub(crate) fn divide((nh, nl): (f64, f64), (dh, dl): (f64, f64)) -> f64 {
    let inverse = 1.0 / dh;
    let q = nh * inverse;
    let remainder = ((-q).mul_add(dh, nh) + nl) - q * dl;
    remainder.mul_add(inverse, q)
}

/// `x / (hi + lo)` for many `x` and one divisor given as `(hi, lo)` (softmax's sum): a
/// multiplication by `1/hi` (computed once, outside the loop) corrected by the exact
/// remainder, as in [`divide`]. It rounds about once, like a division, but costs a
/// multiplication and two multiply-adds per element: a division is much slower on wide
/// vectors.
#[inline(always)]
pub(crate) fn divide_by(x: f64, (hi, lo): (f64, f64)) -> f64 {
    divide((x, 0.0), (hi, lo))
}

/// Compensated summation in [`LANES`] independent lanes, so the additions vectorize: each
/// lane keeps its sum and the exact error of every addition (TwoSum), and [`LaneSum::total`]
/// adds them up the same way. The error stays about one rounding of the total for any
/// length this crate sums.
pub(crate) struct LaneSum {
    sum: [f64; LANES],
    error: [f64; LANES],
}

impl LaneSum {
    pub(crate) fn new() -> Self {
        LaneSum { sum: [0.0; LANES], error: [0.0; LANES] }
    }

    #[inline(always)]
    pub(crate) fn add(&mut self, xs: &[f64]) {
        // Whole chunks first: their fixed length is what lets the lanes become one vector.
        let chunks = xs.chunks_exact(LANES);
        let rest = chunks.remainder();
        for chunk in chunks {
            for (lane, &x) in chunk.iter().enumerate() {
                self.add_to(lane, x);
            }
        }
        for (lane, &x) in rest.iter().enumerate() {
            self.add_to(lane, x);
        }
    }

    #[inline(always)]
    fn add_to(&mut self, lane: usize, x: f64) {
        let (s, e) = two_sum(self.sum[lane], x);
        self.sum[lane] = s;
        self.error[lane] += e;
    }

    /// The total as `hi + lo`, `hi` the rounded total.
    pub(crate) fn total(&self) -> (f64, f64) {
        let (mut hi, mut lo) = (0.0, 0.0);
        for lane in 0..LANES {
            let (s, e) = two_sum(hi, self.sum[lane]);
            hi = s;
            lo += e + self.error[lane];
        }
        fast_two_sum(hi, lo)
    }
}
