//! A branch-free kernel for the lower tail of the standard normal distribution, `Φ(−a)` for
//! `a ≥ 0`, the part of GELU (`x·Φ(x)`) that needs `erfc`.
//!
//! Why a kernel of our own: libm's `erfc` is a function call with a branch per interval, so a
//! loop over it cannot be vectorized. This is fdlibm's `erfc` (s_erf.c, Sun Microsystems 1993:
//! the same four intervals and rational approximations, coefficients copied by bit pattern)
//! rearranged so that every input runs the same operations: the interval selects the
//! coefficients and the variable of one rational function per input (the compiler evaluates
//! the four and selects the value, the same bits), one `e^x` serves every interval, and it
//! comes from the `e^x` kernel's steps with a two-part argument instead of two libm `exp`
//! calls. Only multiplies, adds, fused multiply-adds, divisions, bit masks and selects, so
//! every SIMD level gives the same bits (tested below and in `src/activation/modern.rs`).
//!
//! The argument of `erfc` is `W = a/√2`, carried as `w + w_lo`: `erfc` has a logarithmic
//! derivative of about `2W`, so rounding `W` once would cost up to `2W²·2⁻⁵³` relative (some
//! 1,400 ULP at `a = 37`). In the tail intervals `W` enters only through `−W²`, which is kept
//! to about 2⁻⁶⁰ absolute; near 0 a first-order correction `−w_lo·(2/√π)·e^{−w²}` is added.

use super::eft::{fast_two_sum, two_sum};
use super::kernel::{LN2_HI, LN2_LO, ROUNDER, exp_of_reduced};

/// Beyond this `a`, the tail is not computed further: at `a = 37.5`, `a·Φ(−a) ≈ 1.7e−306` is
/// still a normal number (so the exponent bits below stay valid), and for every larger `a`,
/// `a·Φ(−a)` is below 2⁻⁵³·a, so `x − a·Φ(−a)` rounds to `x` for `x ≥ a`.
pub(crate) const LOWER_TAIL_CAP: f64 = 37.5;

/// `1/√2` as `hi + lo` (the low part from mpmath at 300 bits).
const FRAC_1_SQRT_2_HI: f64 = std::f64::consts::FRAC_1_SQRT_2;
const FRAC_1_SQRT_2_LO: f64 = -4.833_646_656_726_457e-17;

/// fdlibm's `erx`: erf(1) rounded to 24 bits, so that `1 − ERX` is exact.
const ERX: f64 = f64::from_bits(0x3FEB_0AC1_6000_0000); // 8.45062911510467529297e-01

/// The interval ends of fdlibm's `erfc` on `|w|`: 0.84375, 1.25 and (the high word of) 1/0.35.
const INTERVAL_1: f64 = 0.84375;
const INTERVAL_2: f64 = 1.25;
const INTERVAL_3: f64 = f64::from_bits(0x4006_DB6D_0000_0000); // 2.857141…

/// fdlibm's rational approximations, one row per interval: the numerator's coefficients of
/// degree 0 to 7, then the denominator's of degree 1 to 8 (its constant term is 1), padded
/// with zeros (a zero leading coefficient leaves Horner's result unchanged).
///
/// 1. `|w| < 0.84375`: `erf(w) = w + w·P/Q` with `P, Q` in `w²` (error below 2⁻⁵⁷·⁹⁰).
/// 2. `|w| < 1.25`: `erf(w) = ERX + P/Q` in `s = w − 1` (below 2⁻⁵⁹·⁰⁶).
/// 3. `|w| < 1/0.35`: `w·erfc(w) = e^{−w² − 0.5625 + R/S}` in `s = 1/w²` (below 2⁻⁶²·⁵⁷).
/// 4. `|w| < 28`: the same form with other coefficients (below 2⁻⁶¹·⁵²).
#[rustfmt::skip]
const RATIONALS: [[f64; 16]; 4] = [
    [
        f64::from_bits(0x3FC0_6EBA_8214_DB68), // pp0  1.28379167095512558561e-01
        f64::from_bits(0xBFD4_CD7D_691C_B913), // pp1 -3.25042107247001499370e-01
        f64::from_bits(0xBF9D_2A51_DBD7_194F), // pp2 -2.84817495755985104766e-02
        f64::from_bits(0xBF77_A291_2366_68E4), // pp3 -5.77027029648944159157e-03
        f64::from_bits(0xBEF8_EAD6_1200_16AC), // pp4 -2.37630166566501626084e-05
        0.0, 0.0, 0.0,
        f64::from_bits(0x3FD9_7779_CDDA_DC09), // qq1  3.97917223959155352819e-01
        f64::from_bits(0x3FB0_A54C_5536_CEBA), // qq2  6.50222499887672944485e-02
        f64::from_bits(0x3F74_D022_C4D3_6B0F), // qq3  5.08130628187576562776e-03
        f64::from_bits(0x3F21_5DC9_221C_1A10), // qq4  1.32494738004321644526e-04
        f64::from_bits(0xBED0_9C43_42A2_6120), // qq5 -3.96022827877536812320e-06
        0.0, 0.0, 0.0,
    ],
    [
        f64::from_bits(0xBF63_59B8_BEF7_7538), // pa0 -2.36211856075265944077e-03
        f64::from_bits(0x3FDA_8D00_AD92_B34D), // pa1  4.14856118683748331666e-01
        f64::from_bits(0xBFD7_D240_FBB8_C3F1), // pa2 -3.72207876035701323847e-01
        f64::from_bits(0x3FD4_5FCA_8051_20E4), // pa3  3.18346619901161753674e-01
        f64::from_bits(0xBFBC_6398_3D3E_28EC), // pa4 -1.10894694282396677476e-01
        f64::from_bits(0x3FA2_2A36_5997_95EB), // pa5  3.54783043256182359371e-02
        f64::from_bits(0xBF61_BF38_0A96_073F), // pa6 -2.16637559486879084300e-03
        0.0,
        f64::from_bits(0x3FBB_3E66_18EE_E323), // qa1  1.06420880400844228286e-01
        f64::from_bits(0x3FE1_4AF0_92EB_6F33), // qa2  5.40397917702171048937e-01
        f64::from_bits(0x3FB2_635C_D99F_E9A7), // qa3  7.18286544141962662868e-02
        f64::from_bits(0x3FC0_2660_E763_351F), // qa4  1.26171219808761642112e-01
        f64::from_bits(0x3F8B_EDC2_6B51_DD1C), // qa5  1.36370839120290507362e-02
        f64::from_bits(0x3F88_8B54_5735_151D), // qa6  1.19844998467991074170e-02
        0.0, 0.0,
    ],
    [
        f64::from_bits(0xBF84_3412_600D_6435), // ra0 -9.86494403484714822705e-03
        f64::from_bits(0xBFE6_3416_E4BA_7360), // ra1 -6.93858572707181764372e-01
        f64::from_bits(0xC025_1E04_41B0_E726), // ra2 -1.05586262253232909814e+01
        f64::from_bits(0xC04F_300A_E4CB_A38D), // ra3 -6.23753324503260060396e+01
        f64::from_bits(0xC064_4CB1_8428_2266), // ra4 -1.62396669462573470355e+02
        f64::from_bits(0xC067_135C_EBCC_ABB2), // ra5 -1.84605092906711035994e+02
        f64::from_bits(0xC054_5265_57E4_D2F2), // ra6 -8.12874355063065934246e+01
        f64::from_bits(0xC023_A0EF_C69A_C25C), // ra7 -9.81432934416914548592e+00
        f64::from_bits(0x4033_A6B9_BD70_7687), // sa1  1.96512716674392571292e+01
        f64::from_bits(0x4061_350C_526A_E721), // sa2  1.37657754143519042600e+02
        f64::from_bits(0x407B_290D_D58A_1A71), // sa3  4.34565877475229228821e+02
        f64::from_bits(0x4084_2B19_21EC_2868), // sa4  6.45387271733267880336e+02
        f64::from_bits(0x407A_D021_5770_0314), // sa5  4.29008140027567833386e+02
        f64::from_bits(0x405B_28A3_EE48_AE2C), // sa6  1.08635005541779435134e+02
        f64::from_bits(0x401A_47EF_8E48_4A93), // sa7  6.57024977031928170135e+00
        f64::from_bits(0xBFAE_EFF2_EE74_9A62), // sa8 -6.04244152148580987438e-02
    ],
    [
        f64::from_bits(0xBF84_3412_39E8_6F4A), // rb0 -9.86494292470009928597e-03
        f64::from_bits(0xBFE9_93BA_70C2_85DE), // rb1 -7.99283237680523006574e-01
        f64::from_bits(0xC031_C209_555F_995A), // rb2 -1.77579549177547519889e+01
        f64::from_bits(0xC064_145D_43C5_ED98), // rb3 -1.60636384855821916062e+02
        f64::from_bits(0xC083_EC88_1375_F228), // rb4 -6.37566443368389627722e+02
        f64::from_bits(0xC090_0461_6A2E_5992), // rb5 -1.02509513161107724954e+03
        f64::from_bits(0xC07E_384E_9BDC_383F), // rb6 -4.83519191608651397019e+02
        0.0,
        f64::from_bits(0x403E_568B_261D_5190), // sb1  3.03380607434824582924e+01
        f64::from_bits(0x4074_5CAE_221B_9F0A), // sb2  3.25792512996573918826e+02
        f64::from_bits(0x4098_02EB_189D_5118), // sb3  1.53672958608443695994e+03
        f64::from_bits(0x40A8_FFB7_688C_246A), // sb4  3.19985821950859553908e+03
        f64::from_bits(0x40A3_F219_CEDF_3BE6), // sb5  2.55305040643316442583e+03
        f64::from_bits(0x407D_A874_E79F_E763), // sb6  4.74528541206955367215e+02
        f64::from_bits(0xC036_70E2_4271_2D62), // sb7 -2.24409524465858183362e+01
        0.0,
    ],
];

/// Coefficient `j` of [`RATIONALS`] for the interval the three comparisons name, as selects,
/// not as an indexed load, which would become a gather.
#[inline(always)]
fn pick(j: usize, below_1: bool, below_2: bool, below_3: bool) -> f64 {
    let r = &RATIONALS;
    if below_1 {
        r[0][j]
    } else if below_2 {
        r[1][j]
    } else if below_3 {
        r[2][j]
    } else {
        r[3][j]
    }
}

/// `e^{y_hi + y_lo} = 2^k·(s + t)`, returned as `(2^k, s, t)`, for `−708 ≤ y_hi + y_lo ≤ 0`,
/// `|y_lo| < 1` and `y_hi` such that `y_hi − k·LN2_HI` is exact (at most 42 significant bits
/// from 2⁻⁴² up: true of `−z² − c` below). The `e^x` kernel's steps, with `y_lo` joining the
/// reduced argument's low part instead of being rounded into `y_hi`: the exponent here is as
/// large as 704, and its last bits matter, since an absolute error `δ` of the argument is a
/// relative error `δ` of the result.
#[inline(always)]
fn exp_sum(y_hi: f64, y_lo: f64) -> (f64, f64, f64) {
    let rounded = (y_hi + y_lo).mul_add(std::f64::consts::LOG2_E, ROUNDER);
    let k = rounded - ROUNDER;
    let k_bits = rounded.to_bits().wrapping_sub(ROUNDER.to_bits());
    let scale = f64::from_bits(k_bits.wrapping_add(1023) << 52);
    let r_hi = (-k).mul_add(LN2_HI, y_hi);
    let (r, c) = two_sum(r_hi, (-k).mul_add(LN2_LO, y_lo));
    let (s, t) = exp_of_reduced(r, c);
    (scale, s, t)
}

/// The lower normal tail for `a ≥ 0` (capped at [`LOWER_TAIL_CAP`]; NaN gives NaN), in the
/// form that is accurate for `a`: `(true, a·Φ(−a), 0)` from `a ≈ 1.77` (`W ≥ 1.25`) on, where
/// the factor `a` cancels fdlibm's `1/W` and the result is one `e^x`, rounded once; else
/// `(false, hi, lo)` with `Φ(−a) = hi + lo`, `hi` half of `1 − w` or of `1 − ERX` and `lo` the
/// rest, so that a caller can multiply by `hi` exactly inside a fused multiply-add. Within about
/// one ULP (GELU through it: 2 ULP at worst, next to `W = 1.25` for `x < 0`, on the references
/// of `tests/accuracy.rs` and on 588,548 random and switch-point inputs checked with mpmath).
#[inline(always)]
pub(crate) fn lower_tail(a: f64) -> (bool, f64, f64) {
    // The Gaussian is dead code here, and the compiler drops it.
    lower_tail_and_gaussian(a).0
}

/// [`lower_tail`] and the Gaussian `e^{−a²/2}` (capped as there), for the normal density
/// `φ(a)`: a second pass of the `e^x` steps on `−W²` alone (`W² = a²/2`, kept to about 2⁻⁶⁰
/// absolute as below), within about one ULP, a normal number up to the cap.
#[inline(always)]
pub(crate) fn lower_tail_and_gaussian(a: f64) -> ((bool, f64, f64), f64) {
    let a = if a > LOWER_TAIL_CAP { LOWER_TAIL_CAP } else { a };
    // W = a/√2 = w + w_lo, w_lo to about 2⁻¹⁰⁶ relative.
    let w = a * FRAC_1_SQRT_2_HI;
    let w_lo = a.mul_add(FRAC_1_SQRT_2_HI, -w) + a * FRAC_1_SQRT_2_LO;
    let (below_1, below_2, below_3) = (w < INTERVAL_1, w < INTERVAL_2, w < INTERVAL_3);
    let tail = !below_2;
    let w2 = w * w;
    let v = if below_1 {
        w2
    } else if below_2 {
        w - 1.0 // exact (Sterbenz)
    } else {
        1.0 / w2
    };
    let mut numerator = pick(7, below_1, below_2, below_3);
    for j in (0..7).rev() {
        numerator = numerator.mul_add(v, pick(j, below_1, below_2, below_3));
    }
    let mut denominator = pick(15, below_1, below_2, below_3);
    for j in (8..15).rev() {
        denominator = denominator.mul_add(v, pick(j, below_1, below_2, below_3));
    }
    let ratio = numerator / denominator.mul_add(v, 1.0);

    // −W² = −z² + (z − w)(z + w) − 2w·w_lo (− w_lo², below 2⁻¹⁰⁰): z is w with its low 32 bits
    // cleared, so z² (42 bits) and z² + 0.5625 are exact. In the tail intervals the exponent
    // also holds fdlibm's −0.5625 + R/S; near 0 it is −W², for the correction below.
    let z = f64::from_bits(w.to_bits() & 0xFFFF_FFFF_0000_0000);
    let y_hi = -z.mul_add(z, if tail { 0.5625 } else { 0.0 });
    let in_exponent = if tail { ratio } else { 0.0 };
    let y_lo = (-2.0 * w).mul_add(w_lo, (z - w).mul_add(z + w, in_exponent));
    let (scale, s, t) = exp_sum(y_hi, y_lo);

    // Tail: a·Φ(−a) = W·erfc(W)/√2 = e^{y}/√2, the product by 1/√2 (as hi + lo) rounded once.
    let times_a = s.mul_add(FRAC_1_SQRT_2_HI, t.mul_add(FRAC_1_SQRT_2_HI, s * FRAC_1_SQRT_2_LO));
    // Near 0: erfc(w) = (1 − w) − w·P/Q below 0.84375 (1 − w kept exactly as h + l), and
    // (1 − ERX) − P/Q below 1.25; then erfc(W) = erfc(w) − w_lo·(2/√π)·e^{−W²}.
    let (h, l) = fast_two_sum(1.0, -w);
    let (h, l, m) = if below_1 { (h, l, w) } else { (1.0 - ERX, 0.0, 1.0) };
    let correction = w_lo * std::f64::consts::FRAC_2_SQRT_PI * ((s + t) * scale);
    let rest = (-m).mul_add(ratio, l - correction);
    // Below 0.84375, h = fl(1 − w) carries most of the value and is returned apart; from there
    // to 1.25, (1 − ERX) − P/Q cancels up to half its digits, and the sum rounded once is better.
    let (hi, lo) = if below_1 { (h, rest) } else { (h + rest, 0.0) };
    let tail = if tail { (true, times_a * scale, 0.0) } else { (false, 0.5 * hi, 0.5 * lo) };

    let (scale, s, t) = exp_sum(-(z * z), (-2.0 * w).mul_add(w_lo, (z - w) * (z + w)));
    (tail, (s + t) * scale)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::experiment::Rng;
    use crate::numerics::kernel::assert_same_bits;
    use crate::simd::{Level, dispatch};

    /// Φ(−a) from libm's erfc, with the rounding of a/√2 corrected to first order: a few ULP
    /// at most for the a below (libm is fdlibm too, with other roundings).
    fn libm_lower_tail(a: f64) -> f64 {
        let w = a * FRAC_1_SQRT_2_HI;
        let w_lo = a.mul_add(FRAC_1_SQRT_2_HI, -w) + a * FRAC_1_SQRT_2_LO;
        let e = libm::exp(-w * w);
        0.5 * (libm::erfc(w) - w_lo * std::f64::consts::FRAC_2_SQRT_PI * e)
    }

    #[test]
    fn agrees_with_libm() {
        let mut rng = Rng::new(31);
        let mut worst = 0.0f64;
        for _ in 0..200_000 {
            let a = rng.range(0.0, 37.0);
            let (times_a, hi, lo) = lower_tail(a);
            assert_eq!(times_a, a * FRAC_1_SQRT_2_HI >= INTERVAL_2, "a = {a}");
            let ours = if times_a { hi / a } else { hi + lo };
            let libm = libm_lower_tail(a);
            let err = (ours - libm).abs() / (libm * f64::EPSILON);
            worst = worst.max(err);
            assert!(err <= 8.0, "Φ(−{a}) = {ours:e}, libm {libm:e}");
        }
        println!("lower_tail: worst {worst:.2} ε relative to libm");
    }

    #[test]
    fn gaussian_agrees_with_libm() {
        let mut rng = Rng::new(33);
        for _ in 0..100_000 {
            let a = rng.range(0.0, 37.5);
            let ours = lower_tail_and_gaussian(a).1;
            // e^{−a²/2} with a² = h + l exactly: e^{−h/2}·(1 − l/2), libm's exp within 1 ULP.
            let h = a * a;
            let l = a.mul_add(a, -h);
            let e = libm::exp(-0.5 * h);
            let libm = e.mul_add(-0.5 * l, e);
            let err = (ours - libm).abs() / (libm * f64::EPSILON);
            assert!(err <= 3.0, "e^(−{a}²/2) = {ours:e}, libm {libm:e}");
        }
    }

    #[test]
    fn edges() {
        assert_eq!(lower_tail(0.0), (false, 0.5, 0.0));
        let (times_a, hi, lo) = lower_tail(1e-310);
        assert!(!times_a && hi + lo == 0.5);
        assert!(lower_tail(f64::NAN).1.is_nan());
        assert_eq!(lower_tail(f64::INFINITY), lower_tail(LOWER_TAIL_CAP));
        let (times_a, at_cap, _) = lower_tail(LOWER_TAIL_CAP);
        assert!(times_a && at_cap.is_normal() && at_cap < 2e-306, "{at_cap:e}");
    }

    #[test]
    fn every_level_gives_the_same_bits() {
        let mut xs = vec![0.0, 1e-310, 1.0, 1.19, 1.77, 4.04, 37.0, 37.5, 40.0, f64::INFINITY];
        xs.push(f64::NAN);
        let mut rng = Rng::new(32);
        for scale in [1e-8, 1.0, 3.0, 10.0, 40.0] {
            xs.extend((0..20_000).map(|_| rng.range(0.0, scale)));
        }
        let run = |level| {
            let mut bits = vec![0; xs.len()];
            let (xs, out): (&[f64], &mut [u64]) = (&xs, &mut bits);
            dispatch!(level; (xs: &[f64], out: &mut [u64]) {
                for (o, &a) in out.iter_mut().zip(xs) {
                    let (_, hi, lo) = lower_tail(a);
                    *o = (hi + lo).to_bits();
                }
            });
            bits
        };
        let portable = run(Level::Portable);
        for &level in &Level::available()[1..] {
            assert_same_bits(level, &xs, 1, &run(level), &portable);
        }
    }
}
