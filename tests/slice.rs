//! `perceptron::slice` against the scalar functions of `perceptron::activation`: every slice
//! function, in place and `_into`, gives bit for bit the scalar result, on special values and
//! on inputs drawn by proptest (which shrinks a failing slice to a short one); so the accuracy
//! bounds of `tests/accuracy.rs` hold for it too.

mod common;

use common::{every_activation, identical};
use perceptron::Error;
use perceptron::activation as scalar;
use perceptron::slice;
use proptest::prelude::*;
use proptest::test_runner::Config;

type InPlace = fn(&mut [f64]);
type Into = fn(&[f64], &mut [f64]) -> Result<(), Error>;
/// A function to test: its name, the scalar (or Vec) reference, in place, `_into`.
type Case<Scalar, InPlace, Into> = (&'static str, Scalar, InPlace, Into);
type Elementwise = Case<fn(f64) -> f64, InPlace, Into>;
type WithAlpha = Case<fn(f64, f64) -> f64, AlphaInPlace, AlphaInto>;
type Softmax = Case<fn(&[f64]) -> Vec<f64>, InPlace, Into>;

/// Every elementwise function without α: name, scalar, in place, `_into`.
fn elementwise() -> [Elementwise; 18] {
    [
        ("sigmoid", scalar::sigmoid, slice::sigmoid, slice::sigmoid_into),
        (
            "sigmoid_derivative",
            scalar::sigmoid_derivative,
            slice::sigmoid_derivative,
            slice::sigmoid_derivative_into,
        ),
        ("tanh", scalar::tanh, slice::tanh, slice::tanh_into),
        (
            "tanh_derivative",
            scalar::tanh_derivative,
            slice::tanh_derivative,
            slice::tanh_derivative_into,
        ),
        ("relu", scalar::relu, slice::relu, slice::relu_into),
        (
            "relu_derivative",
            scalar::relu_derivative,
            slice::relu_derivative,
            slice::relu_derivative_into,
        ),
        ("selu", scalar::selu, slice::selu, slice::selu_into),
        (
            "selu_derivative",
            scalar::selu_derivative,
            slice::selu_derivative,
            slice::selu_derivative_into,
        ),
        ("softplus", scalar::softplus, slice::softplus, slice::softplus_into),
        (
            "softplus_derivative",
            scalar::softplus_derivative,
            slice::softplus_derivative,
            slice::softplus_derivative_into,
        ),
        ("gelu", scalar::gelu, slice::gelu, slice::gelu_into),
        (
            "gelu_derivative",
            scalar::gelu_derivative,
            slice::gelu_derivative,
            slice::gelu_derivative_into,
        ),
        ("gelu_tanh", scalar::gelu_tanh, slice::gelu_tanh, slice::gelu_tanh_into),
        (
            "gelu_tanh_derivative",
            scalar::gelu_tanh_derivative,
            slice::gelu_tanh_derivative,
            slice::gelu_tanh_derivative_into,
        ),
        ("silu", scalar::silu, slice::silu, slice::silu_into),
        (
            "silu_derivative",
            scalar::silu_derivative,
            slice::silu_derivative,
            slice::silu_derivative_into,
        ),
        ("mish", scalar::mish, slice::mish, slice::mish_into),
        (
            "mish_derivative",
            scalar::mish_derivative,
            slice::mish_derivative,
            slice::mish_derivative_into,
        ),
    ]
}

type AlphaInPlace = fn(&mut [f64], f64);
type AlphaInto = fn(&[f64], &mut [f64], f64) -> Result<(), Error>;

/// The α-taking functions: name, scalar, in place, `_into`.
fn with_alpha() -> [WithAlpha; 4] {
    [
        ("leaky_relu", scalar::leaky_relu, slice::leaky_relu, slice::leaky_relu_into),
        (
            "leaky_relu_derivative",
            scalar::leaky_relu_derivative,
            slice::leaky_relu_derivative,
            slice::leaky_relu_derivative_into,
        ),
        ("elu", scalar::elu, slice::elu, slice::elu_into),
        (
            "elu_derivative",
            scalar::elu_derivative,
            slice::elu_derivative,
            slice::elu_derivative_into,
        ),
    ]
}

const ALPHAS: [f64; 6] = [0.01, 0.0, 0.2, -0.0, 1.0, 1.5];

/// NaN (both signs, a payload), ±∞, ±0, subnormals, the extremes and values around the
/// points where the scalar functions switch formulas or saturate.
fn special_values() -> Vec<f64> {
    let mut v = vec![
        f64::NAN,
        -f64::NAN,
        f64::from_bits(0x7FF0_0000_0000_0001),
        f64::INFINITY,
        f64::NEG_INFINITY,
        0.0,
        -0.0,
        f64::MIN_POSITIVE,
        -f64::MIN_POSITIVE,
        f64::from_bits(1),
        -f64::from_bits(1),
        f64::MIN_POSITIVE / 3.0,
        f64::MAX,
        f64::MIN,
        f64::EPSILON,
        -f64::EPSILON,
        1e-300,
        -1e-300,
        1e300,
        -1e300,
    ];
    let switches =
        [0.5f64, 1.0, 2.0, 18.0, 19.0, 20.0, 36.0, 37.0, 37.5, 709.0, 709.8, 710.0, 745.2];
    // Where the modern activations switch formulas, saturate or underflow.
    let modern = [21.0, 21.5, 22.0, 38.6, 40.0, 708.0, 751.0, 790.0, 1e3];
    for x in switches.into_iter().chain(modern) {
        // x and its neighbours, both signs.
        v.extend([x, -x, x.next_up(), -x.next_up(), x.next_down(), -x.next_down()]);
    }
    v
}

/// The cases per property: `PROPTEST_CASES` if set, else `default`.
fn cases(default: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok());
    Config { cases: cases.unwrap_or(default), ..Config::default() }
}

/// Slices of up to 700 elements (blocks of 256 and a remainder). Half are ordinary values of
/// one scale (within ±20 every kernel's range holds, so whole blocks take the vectorized
/// path; within ±800 some do not); half mix in any float at all (proptest's `ANY`: every
/// class, NaN and ±∞ included) and the special values above, which send their blocks down
/// the element-by-element path.
fn inputs() -> impl Strategy<Value = Vec<f64>> {
    let ordinary = prop_oneof![-20.0..20.0f64, -800.0..800.0f64];
    let mixed = prop_oneof![
        4 => -20.0..20.0f64,
        1 => prop::num::f64::ANY,
        1 => prop::sample::select(special_values()),
    ];
    prop_oneof![prop::collection::vec(ordinary, 0..700), prop::collection::vec(mixed, 0..700),]
}

/// Bit for bit equal, NaN payloads and the sign of zero included.
fn assert_same(name: &str, input: &[f64], got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len(), "{name}: length");
    for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
        assert!(
            identical(g, w),
            "{name}: element {i} (x = {:e}): slice gives {g:e}, scalar {w:e}",
            input[i]
        );
    }
}

fn check_elementwise(input: &[f64]) {
    for (name, f, in_place, into) in elementwise() {
        let want: Vec<f64> = input.iter().map(|&x| f(x)).collect();
        let mut xs = input.to_vec();
        in_place(&mut xs);
        assert_same(name, input, &xs, &want);
        let mut out = vec![42.0; input.len()];
        into(input, &mut out).unwrap();
        assert_same(&format!("{name}_into"), input, &out, &want);
    }
    for (name, f, in_place, into) in with_alpha() {
        for alpha in ALPHAS {
            let want: Vec<f64> = input.iter().map(|&x| f(x, alpha)).collect();
            let mut xs = input.to_vec();
            in_place(&mut xs, alpha);
            assert_same(&format!("{name}(α = {alpha})"), input, &xs, &want);
            let mut out = vec![42.0; input.len()];
            into(input, &mut out, alpha).unwrap();
            assert_same(&format!("{name}_into(α = {alpha})"), input, &out, &want);
        }
    }
}

/// Softmax and log-softmax of `logits` as one vector of logits: the in-place and `_into`
/// forms give the same bits (the `Vec` forms in `activation` are the in-place form, so they are
/// not compared), and on finite logits both agree with [`plain`] within its own error.
fn check_softmax(logits: &[f64]) {
    let cases: [Softmax; 2] = [
        ("softmax", scalar::softmax, slice::softmax, slice::softmax_into),
        ("log_softmax", scalar::log_softmax, slice::log_softmax, slice::log_softmax_into),
    ];
    for (name, _, in_place, into) in cases {
        let mut xs = logits.to_vec();
        in_place(&mut xs);
        let mut out = vec![42.0; logits.len()];
        into(logits, &mut out).unwrap();
        assert_same(&format!("{name}_into"), logits, &out, &xs);
    }
    if logits.iter().all(|x| x.is_finite()) {
        let (want_p, want_l) = plain(logits);
        let (got_p, got_l) = (scalar::softmax(logits), scalar::log_softmax(logits));
        let m = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let n = logits.len() as f64;
        for (i, &x) in logits.iter().enumerate() {
            // The plain version's error: the rounding of x − m (relative ε/2, which e^… turns
            // into |x − m|·ε/2), one rounding in each exp, ln and division, and n in the sum;
            // doubled, plus a few subnormal steps for results near the underflow.
            let gap = if (x - m).is_finite() { (x - m).abs() } else { 0.0 };
            let slack = (gap + n + 4.0) * f64::EPSILON;
            let tiny = 4.0 * f64::from_bits(1);
            let (p, q) = (got_p[i], want_p[i]);
            assert!(
                (p - q).abs() <= slack * q + tiny,
                "softmax({logits:?})[{i}] = {p:e}, plain {q:e}"
            );
            let (l, r) = (got_l[i], want_l[i]);
            let close = l == r || (l - r).abs() <= slack * (1.0 + r.abs()) + tiny;
            assert!(close, "log_softmax({logits:?})[{i}] = {l:e}, plain {r:e}");
        }
    }
}

/// Softmax and log-softmax of finite logits written the plain way, independently of the
/// crate: shift by the largest logit, std's `exp` and `ln`, a plain sum.
fn plain(logits: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let m = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let exps: Vec<f64> = logits.iter().map(|x| (x - m).exp()).collect();
    let sum: f64 = exps.iter().sum();
    let ln_sum = sum.ln();
    (exps.iter().map(|e| e / sum).collect(), logits.iter().map(|x| (x - m) - ln_sum).collect())
}

#[test]
fn elementwise_special_values() {
    check_elementwise(&special_values());
}

/// `apply_slice` and `derivative_slice` give bit for bit `apply` and `derivative`.
fn check_activation_slices(input: &[f64]) {
    for a in every_activation(&ALPHAS) {
        let mut xs = input.to_vec();
        a.apply_slice(&mut xs);
        let want: Vec<f64> = input.iter().map(|&x| a.apply(x)).collect();
        assert_same(&format!("{a:?}.apply_slice"), input, &xs, &want);
        let mut xs = input.to_vec();
        a.derivative_slice(&mut xs);
        let want: Vec<f64> = input.iter().map(|&x| a.derivative(x)).collect();
        assert_same(&format!("{a:?}.derivative_slice"), input, &xs, &want);
    }
}

#[test]
fn activation_slices_special_values() {
    check_activation_slices(&special_values());
}

#[test]
fn softmax_special_values() {
    let specials: Vec<f64> = special_values().into_iter().filter(|x| !x.is_nan()).collect();
    // Each special value alone, and next to an ordinary logit on either side.
    for &x in &specials {
        check_softmax(&[x]);
        check_softmax(&[x, 1.0]);
        check_softmax(&[-3.0, x]);
        check_softmax(&[x, x, 0.5]);
    }
    // Pairs of special values, and the whole list as one vector.
    for &a in &specials {
        for &b in &specials {
            check_softmax(&[a, b]);
        }
    }
    check_softmax(&specials);
    // NaN anywhere, ties of infinities, all −∞, huge logits of opposite signs.
    check_softmax(&[1.0, f64::NAN, 2.0]);
    check_softmax(&[f64::INFINITY, 0.0, f64::INFINITY]);
    check_softmax(&[f64::NEG_INFINITY; 3]);
    check_softmax(&[f64::MAX, f64::MIN, 2.7853256681426694e307]);
    check_softmax(&[5.0; 7]);
}

#[test]
fn empty_slices() {
    check_elementwise(&[]);
    check_softmax(&[]);
    let mut none: [f64; 0] = [];
    slice::softmax(&mut none);
    slice::log_softmax(&mut none);
    assert_eq!(slice::softmax_into(&[], &mut []), Ok(()));
}

#[test]
fn into_length_mismatch() {
    let input = [1.0, -2.0, 3.0];
    for (name, _, _, into) in elementwise() {
        for len in [0, 2, 4] {
            let mut out = vec![7.0; len];
            let err = into(&input, &mut out).unwrap_err();
            assert_eq!(err, Error::OutputLength { input: 3, output: len }, "{name}_into");
            assert!(out.iter().all(|&o| o == 7.0), "{name}_into wrote despite the error");
        }
    }
    for (name, _, _, into) in with_alpha() {
        let mut out = [7.0; 5];
        let err = into(&input, &mut out, 0.01).unwrap_err();
        assert_eq!(err, Error::OutputLength { input: 3, output: 5 }, "{name}_into");
        assert_eq!(out, [7.0; 5]);
    }
    for into in [slice::softmax_into, slice::log_softmax_into] {
        let mut out = [7.0; 2];
        assert_eq!(into(&input, &mut out), Err(Error::OutputLength { input: 3, output: 2 }));
        assert_eq!(out, [7.0; 2]);
        assert_eq!(into(&[], &mut [7.0]), Err(Error::OutputLength { input: 0, output: 1 }));
    }
    let message = Error::OutputLength { input: 3, output: 2 }.to_string();
    assert!(message.contains("입력은 3개") && message.contains("출력은 2개"), "{message}");
    assert!(message.contains("3 inputs, 2 outputs"), "{message}");
}

proptest! {
    #![proptest_config(cases(32))]

    #[test]
    fn elementwise_on_any_input(input in inputs()) {
        check_elementwise(&input);
    }

    #[test]
    fn activation_slices_on_any_input(input in inputs()) {
        check_activation_slices(&input);
    }

    /// Logits of many lengths, with NaN (which makes everything NaN) and without it (where
    /// the other paths run).
    #[test]
    fn softmax_on_any_input(input in inputs()) {
        check_softmax(&input);
        let finite: Vec<f64> = input.iter().copied().filter(|x| !x.is_nan()).collect();
        check_softmax(&finite);
    }
}
