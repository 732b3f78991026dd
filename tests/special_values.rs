//! The documented behaviour of every public function of `perceptron::activation` (and of
//! `Activation::apply` / `derivative`) for NaN, `±∞`, `±0.0` and subnormal inputs, checked
//! against the doc comments in `src/activation/` and `src/softmax.rs`; and the perceptron's
//! input-length error.
//!
//! Where a doc comment states a sign (`−0.0` gives `+0.0`, ...) the bits are compared;
//! where it states only a value ("gives 0"), `==` is used, which accepts either zero.

mod common;

use approx::assert_ulps_eq;
use common::{every_activation, same};
use perceptron::activation::{
    elu, elu_derivative, gelu, gelu_derivative, gelu_tanh, gelu_tanh_derivative, leaky_relu,
    leaky_relu_derivative, log_softmax, mish, mish_derivative, prelu, prelu_derivative,
    prelu_derivative_alpha, relu, relu_derivative, selu, selu_derivative, sigmoid,
    sigmoid_derivative, silu, silu_derivative, softmax, softmax_naive, softplus,
    softplus_derivative, step, tanh, tanh_derivative, tanh_via_sigmoid,
};
use perceptron::{Activation, Error, Perceptron};

const INF: f64 = f64::INFINITY;
const NAN: f64 = f64::NAN;
/// Subnormals of both signs: the smallest, the largest, and one in between.
const SUBNORMALS: [f64; 6] = [
    5e-324,
    -5e-324,
    2.225073858507201e-308, // the largest subnormal, just below f64::MIN_POSITIVE
    -2.225073858507201e-308,
    1.5e-315,
    -1.5e-315,
];
/// Every special input at once, for the "nothing panics" and "same as" checks.
const SPECIALS: [f64; 11] =
    [NAN, INF, -INF, 0.0, -0.0, 5e-324, -5e-324, 2.225073858507201e-308, -1.5e-315, 1.0, -1.0];
const ALPHAS: [f64; 4] = [0.01, 0.2, 1.5, 0.0];

#[track_caller]
fn assert_same(got: f64, want: f64, what: &str) {
    assert!(same(got, want), "{what}: got {got:?}, want {want:?} (bitwise)");
}

#[track_caller]
fn assert_nan(got: f64, what: &str) {
    assert!(got.is_nan(), "{what}: got {got:?}, want NaN");
}

#[track_caller]
fn assert_all_nan(got: &[f64], len: usize, what: &str) {
    assert_eq!(got.len(), len, "{what}: length");
    assert!(got.iter().all(|x| x.is_nan()), "{what}: got {got:?}, want all NaN");
}

#[test]
fn subnormal_inputs_are_subnormal() {
    for x in SUBNORMALS {
        assert!(x.is_subnormal(), "{x:?}");
    }
    assert_eq!(f64::from_bits(f64::MIN_POSITIVE.to_bits() - 1), SUBNORMALS[2]);
}

// ------------------------------------------------------------------ sigmoid and tanh

#[test]
fn sigmoid_special_values() {
    assert_nan(sigmoid(NAN), "sigmoid(NaN)");
    assert_eq!(sigmoid(INF), 1.0, "sigmoid(+∞)");
    assert_eq!(sigmoid(-INF), 0.0, "sigmoid(−∞)");
    assert_eq!(sigmoid(0.0), 0.5, "sigmoid(+0.0)");
    assert_eq!(sigmoid(-0.0), 0.5, "sigmoid(−0.0)");
    for x in SUBNORMALS {
        assert_eq!(sigmoid(x), 0.5, "sigmoid({x:?})");
    }
    // Overflow of e^{−x} must not leak: the largest finite inputs are fine too.
    assert_eq!(sigmoid(f64::MAX), 1.0);
    assert_eq!(sigmoid(-f64::MAX), 0.0);
}

#[test]
fn sigmoid_derivative_special_values() {
    assert_nan(sigmoid_derivative(NAN), "sigmoid_derivative(NaN)");
    assert_eq!(sigmoid_derivative(INF), 0.0, "sigmoid_derivative(+∞)");
    assert_eq!(sigmoid_derivative(-INF), 0.0, "sigmoid_derivative(−∞)");
    // The maximum 1/4 at 0, reached exactly by ±0.0 and by subnormals (σ of them is 1/2).
    for x in [0.0, -0.0].into_iter().chain(SUBNORMALS) {
        assert_eq!(sigmoid_derivative(x), 0.25, "sigmoid_derivative({x:?})");
    }
}

#[test]
fn tanh_special_values() {
    assert_nan(tanh(NAN), "tanh(NaN)");
    assert_eq!(tanh(INF), 1.0, "tanh(+∞)");
    assert_eq!(tanh(-INF), -1.0, "tanh(−∞)");
    assert_same(tanh(-0.0), -0.0, "tanh(−0.0)");
    assert_same(tanh(0.0), 0.0, "tanh(+0.0)"); // odd: the sign goes through both ways
    for x in SUBNORMALS {
        assert_same(tanh(x), x, &format!("tanh({x:?})"));
    }
    assert_eq!(tanh(f64::MAX), 1.0);
    assert_eq!(tanh(-f64::MAX), -1.0);
}

#[test]
fn tanh_via_sigmoid_special_values() {
    assert_nan(tanh_via_sigmoid(NAN), "tanh_via_sigmoid(NaN)");
    assert_eq!(tanh_via_sigmoid(INF), 1.0, "tanh_via_sigmoid(+∞)");
    assert_eq!(tanh_via_sigmoid(-INF), -1.0, "tanh_via_sigmoid(−∞)");
    assert_same(tanh_via_sigmoid(0.0), 0.0, "tanh_via_sigmoid(+0.0)");
    assert_same(tanh_via_sigmoid(-0.0), 0.0, "tanh_via_sigmoid(−0.0)");
    // Subnormals and tiny |x|: σ(2x) rounds to 0.5, so the result is +0.0 (documented).
    for x in SUBNORMALS.into_iter().chain([1e-18, -1e-18]) {
        assert_same(tanh_via_sigmoid(x), 0.0, "tanh_via_sigmoid(tiny)");
    }
    // 2σ(2x) − 1 with 2x = ±∞ for |x| near f64::MAX: still ±1, no NaN.
    assert_eq!(tanh_via_sigmoid(f64::MAX), 1.0);
    assert_eq!(tanh_via_sigmoid(-f64::MAX), -1.0);
}

#[test]
fn tanh_derivative_special_values() {
    assert_nan(tanh_derivative(NAN), "tanh_derivative(NaN)");
    assert_eq!(tanh_derivative(INF), 0.0, "tanh_derivative(+∞)");
    assert_eq!(tanh_derivative(-INF), 0.0, "tanh_derivative(−∞)");
    // The maximum 1 at 0, reached exactly by ±0.0 and by subnormals (1 − x² rounds to 1).
    for x in [0.0, -0.0].into_iter().chain(SUBNORMALS) {
        assert_eq!(tanh_derivative(x), 1.0, "tanh_derivative({x:?})");
    }
    // Far out, tanh′ = 4e^{−2|x|} underflows to 0 and nothing overflows: 0, not NaN.
    assert_eq!(tanh_derivative(f64::MAX), 0.0);
    assert_eq!(tanh_derivative(-1000.0), 0.0);
}

// ------------------------------------------------------------------ ReLU family and step

#[test]
fn relu_special_values() {
    // NaN gives NaN, unlike f64::max, which would return 0.
    assert_nan(relu(NAN), "relu(NaN)");
    assert_eq!(relu(INF), INF, "relu(+∞)");
    assert_eq!(relu(-INF), 0.0, "relu(−∞)");
    assert_same(relu(0.0), 0.0, "relu(+0.0)");
    assert_same(relu(-0.0), 0.0, "relu(−0.0)"); // documented: +0.0, not −0.0
    for x in SUBNORMALS {
        let want = if x > 0.0 { x } else { 0.0 };
        assert_same(relu(x), want, &format!("relu({x:?})"));
    }
}

#[test]
fn relu_derivative_special_values() {
    assert_nan(relu_derivative(NAN), "relu_derivative(NaN)");
    assert_eq!(relu_derivative(INF), 1.0, "relu_derivative(+∞)");
    assert_eq!(relu_derivative(-INF), 0.0, "relu_derivative(−∞)");
    // No derivative at 0: the documented convention is 0, for both zeros.
    assert_eq!(relu_derivative(0.0), 0.0, "relu_derivative(+0.0)");
    assert_eq!(relu_derivative(-0.0), 0.0, "relu_derivative(−0.0)");
    for x in SUBNORMALS {
        let want = if x > 0.0 { 1.0 } else { 0.0 };
        assert_eq!(relu_derivative(x), want, "relu_derivative({x:?})");
    }
}

#[test]
fn leaky_relu_special_values() {
    for alpha in ALPHAS {
        let what = |x: f64| format!("leaky_relu({x:?}, {alpha:?})");
        assert_nan(leaky_relu(NAN, alpha), &what(NAN));
        assert_eq!(leaky_relu(INF, alpha), INF, "{}", what(INF));
        // α·(−∞): −∞ for α > 0; α = 0 gives 0·∞ = NaN, as "alpha is used as given" implies.
        assert_same(leaky_relu(-INF, alpha), alpha * -INF, &what(-INF));
        // −0.0 gives α·(−0.0), a zero (−0.0 for α ≥ 0).
        let z = leaky_relu(-0.0, alpha);
        assert!(z == 0.0, "{}: got {z:?}, want a zero", what(-0.0));
        assert_same(z, alpha * -0.0, &what(-0.0));
        assert_same(leaky_relu(0.0, alpha), alpha * 0.0, &what(0.0));
        for x in SUBNORMALS {
            let want = if x > 0.0 { x } else { alpha * x };
            assert_same(leaky_relu(x, alpha), want, &what(x));
        }
    }
    // alpha is used as given, NaN included.
    assert_nan(leaky_relu(-2.0, NAN), "leaky_relu(-2, NaN)");
    assert_eq!(leaky_relu(2.0, NAN), 2.0, "leaky_relu(2, NaN)");
    assert_eq!(leaky_relu(-2.0, -0.5), 1.0, "leaky_relu(-2, -0.5)");
}

#[test]
fn leaky_relu_derivative_special_values() {
    for alpha in ALPHAS {
        let what = |x: f64| format!("leaky_relu_derivative({x:?}, {alpha:?})");
        assert_nan(leaky_relu_derivative(NAN, alpha), &what(NAN));
        assert_eq!(leaky_relu_derivative(INF, alpha), 1.0, "{}", what(INF));
        // α everywhere else, at 0 by convention: bitwise α.
        for x in [-INF, 0.0, -0.0] {
            assert_same(leaky_relu_derivative(x, alpha), alpha, &what(x));
        }
        for x in SUBNORMALS {
            let want = if x > 0.0 { 1.0 } else { alpha };
            assert_same(leaky_relu_derivative(x, alpha), want, &what(x));
        }
    }
}

#[test]
fn prelu_is_leaky_relu() {
    for alpha in ALPHAS.into_iter().chain([NAN, -0.5]) {
        for x in SPECIALS.into_iter().chain(SUBNORMALS) {
            let what = format!("x = {x:?}, alpha = {alpha:?}");
            assert_same(prelu(x, alpha), leaky_relu(x, alpha), &format!("prelu, {what}"));
            assert_same(
                prelu_derivative(x, alpha),
                leaky_relu_derivative(x, alpha),
                &format!("prelu_derivative, {what}"),
            );
        }
    }
}

#[test]
fn prelu_derivative_alpha_special_values() {
    // 0 for x > 0, x itself otherwise (the sign of a zero included), NaN for NaN.
    assert_nan(prelu_derivative_alpha(NAN), "prelu_derivative_alpha(NaN)");
    assert_same(prelu_derivative_alpha(INF), 0.0, "prelu_derivative_alpha(+∞)");
    assert_same(prelu_derivative_alpha(-INF), -INF, "prelu_derivative_alpha(−∞)");
    assert_same(prelu_derivative_alpha(0.0), 0.0, "prelu_derivative_alpha(+0.0)");
    assert_same(prelu_derivative_alpha(-0.0), -0.0, "prelu_derivative_alpha(−0.0)");
    for x in SUBNORMALS {
        let want = if x > 0.0 { 0.0 } else { x };
        assert_same(prelu_derivative_alpha(x), want, &format!("prelu_derivative_alpha({x:?})"));
    }
}

#[test]
fn step_special_values() {
    assert_nan(step(NAN), "step(NaN)");
    assert_eq!(step(INF), 1.0, "step(+∞)");
    assert_eq!(step(-INF), 0.0, "step(−∞)");
    assert_eq!(step(0.0), 0.0, "step(+0.0)");
    assert_eq!(step(-0.0), 0.0, "step(−0.0)");
    for x in SUBNORMALS {
        let want = if x > 0.0 { 1.0 } else { 0.0 };
        assert_eq!(step(x), want, "step({x:?})");
    }
}

// ------------------------------------------------------------------ Activation

/// Each variant is the function it is named after, on every special value. This mirrors
/// `Activation::apply`'s match on purpose: the contract is the naming (a `Gelu` arm calling
/// `gelu_tanh`, or two arms swapped, would pass every other test, since each function is
/// right on its own and `tests/derivatives.rs` only checks that `derivative` fits `apply`).
#[test]
fn activation_apply_is_the_named_function() {
    for a in every_activation(&ALPHAS) {
        for x in SPECIALS.into_iter().chain(SUBNORMALS) {
            let want = match a {
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
                other => panic!("no reference for {other:?}: add its function here"),
            };
            assert_same(a.apply(x), want, &format!("{a:?}.apply({x:?})"));
        }
    }
}

/// Each variant's derivative is the derivative function of the same name (and the constant
/// ones are what they say), for the reason above.
#[test]
fn activation_derivative_is_the_named_derivative() {
    for a in every_activation(&ALPHAS) {
        for x in SPECIALS.into_iter().chain(SUBNORMALS) {
            let want = match a {
                // f(x) = x: 1 everywhere, ±∞ included; NaN gives NaN.
                Activation::Identity => {
                    if x.is_nan() {
                        NAN
                    } else {
                        1.0
                    }
                }
                // Flat wherever it has a derivative: 0, at 0 and ±∞ too; NaN gives NaN.
                Activation::Step => {
                    if x.is_nan() {
                        NAN
                    } else {
                        0.0
                    }
                }
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
                other => panic!("no reference for {other:?}: add its derivative here"),
            };
            assert_same(a.derivative(x), want, &format!("{a:?}.derivative({x:?})"));
        }
    }
}

#[test]
fn only_prelu_has_a_parameter_gradient() {
    for a in every_activation(&ALPHAS) {
        for x in SPECIALS.into_iter().chain(SUBNORMALS) {
            let got = a.parameter_gradient(x);
            match a {
                Activation::PRelu { .. } => {
                    let what = format!("{a:?}.parameter_gradient({x:?})");
                    assert_same(got.expect(&what), prelu_derivative_alpha(x), &what);
                }
                _ => assert_eq!(got, None, "{a:?} has no learnable parameter"),
            }
        }
    }
}

// ------------------------------------------------------------------ softmax

#[test]
fn softmax_of_nothing_is_nothing() {
    assert!(softmax(&[]).is_empty());
    assert!(log_softmax(&[]).is_empty());
    assert!(softmax_naive(&[]).is_empty());
}

#[test]
fn any_nan_makes_every_element_nan() {
    let cases: [&[f64]; 7] = [
        &[NAN],
        &[NAN, NAN],
        &[1.0, NAN],
        &[NAN, INF],
        &[INF, NAN, -INF],
        &[-INF, -INF, NAN],
        &[0.0, 1e300, -5e-324, NAN, 3.0, -0.0],
    ];
    for v in cases {
        assert_all_nan(&softmax(v), v.len(), &format!("softmax({v:?})"));
        assert_all_nan(&log_softmax(v), v.len(), &format!("log_softmax({v:?})"));
        assert_all_nan(&softmax_naive(v), v.len(), &format!("softmax_naive({v:?})"));
    }
}

/// Checks `softmax(v)` and `log_softmax(v)` element by element: `log_p` are compared to
/// within 1 ULP (they involve `ln`), the probabilities bitwise.
#[track_caller]
fn assert_softmax(v: &[f64], p: &[f64], log_p: &[f64]) {
    let got = softmax(v);
    assert_eq!(got.len(), p.len(), "softmax({v:?}) length");
    for (i, (&g, &w)) in got.iter().zip(p).enumerate() {
        assert_same(g, w, &format!("softmax({v:?})[{i}]"));
    }
    let got = log_softmax(v);
    assert_eq!(got.len(), log_p.len(), "log_softmax({v:?}) length");
    for (i, (&g, &w)) in got.iter().zip(log_p).enumerate() {
        if w.is_infinite() || w == 0.0 {
            assert!(g == w, "log_softmax({v:?})[{i}]: got {g:?}, want {w:?}");
        } else {
            assert_ulps_eq!(g, w, max_ulps = 1);
        }
    }
}

#[test]
fn positive_infinities_share_the_probability() {
    use std::f64::consts::LN_2;
    let ln3 = 3f64.ln();
    assert_softmax(&[INF, 1.0], &[1.0, 0.0], &[0.0, -INF]);
    assert_softmax(&[1.0, INF], &[0.0, 1.0], &[-INF, 0.0]);
    assert_softmax(&[INF], &[1.0], &[0.0]);
    assert_softmax(&[INF, INF, 0.0], &[0.5, 0.5, 0.0], &[-LN_2, -LN_2, -INF]);
    assert_softmax(&[-INF, INF], &[0.0, 1.0], &[-INF, 0.0]);
    assert_softmax(
        &[INF, -INF, f64::MAX, INF, 5e-324],
        &[0.5, 0.0, 0.0, 0.5, 0.0],
        &[-LN_2, -INF, -INF, -LN_2, -INF],
    );
    let third = 1.0 / 3.0;
    assert_softmax(
        &[INF, -1e300, INF, INF],
        &[third, 0.0, third, third],
        &[-ln3, -INF, -ln3, -ln3],
    );
}

#[test]
fn all_negative_infinities_are_uniform() {
    use std::f64::consts::LN_2;
    assert_softmax(&[-INF], &[1.0], &[0.0]);
    assert_softmax(&[-INF, -INF], &[0.5, 0.5], &[-LN_2, -LN_2]);
    assert_softmax(&[-INF; 4], &[0.25; 4], &[-2.0 * LN_2; 4]);
    let n = 64;
    let p = softmax(&vec![-INF; n]);
    assert!(p.iter().all(|&x| x == 1.0 / 64.0), "{p:?}");
}

#[test]
fn negative_infinity_under_a_finite_maximum_gets_zero() {
    let finite = [0.5, -3.0, 2.0];
    let p = softmax(&finite);
    let log_p = log_softmax(&finite);
    // The −∞ logits get 0 / −∞, and the others exactly what they get without them.
    assert_softmax(
        &[0.5, -INF, -3.0, 2.0, -INF],
        &[p[0], 0.0, p[1], p[2], 0.0],
        &[log_p[0], -INF, log_p[1], log_p[2], -INF],
    );
    assert_softmax(&[-INF, 7.0], &[0.0, 1.0], &[-INF, 0.0]);
    assert_softmax(&[-f64::MAX, -INF], &[1.0, 0.0], &[0.0, -INF]);
}

#[test]
fn zeros_and_subnormals_are_ordinary_logits() {
    use std::f64::consts::LN_2;
    // −0.0 and +0.0 are equal logits (and a tie for the maximum).
    assert_softmax(&[-0.0, 0.0], &[0.5, 0.5], &[-LN_2, -LN_2]);
    assert_softmax(&[0.0, -0.0], &[0.5, 0.5], &[-LN_2, -LN_2]);
    // Subnormal logits differ from 0 by far less than an ULP of anything that results.
    for v in [[5e-324, 0.0], [-5e-324, 2.225073858507201e-308], [1.5e-315, -0.0]] {
        assert_softmax(&v, &[0.5, 0.5], &[-LN_2, -LN_2]);
    }
    assert_softmax(&[5e-324], &[1.0], &[0.0]);
    assert_softmax(&[-0.0], &[1.0], &[0.0]);
}

#[test]
fn softmax_naive_overflows_as_documented() {
    let v = softmax_naive(&[1000.0, 1001.0]);
    assert_all_nan(&v, 2, "softmax_naive(&[1000.0, 1001.0])");
    // The shifted softmax of the same logits is fine.
    let p = softmax(&[1000.0, 1001.0]);
    assert!(p.iter().all(|x| x.is_finite()), "{p:?}");
    // Small logits: the textbook formula works.
    let naive = softmax_naive(&[1.0, 2.0, 3.0]);
    for (a, b) in naive.iter().zip(softmax(&[1.0, 2.0, 3.0])) {
        approx::assert_relative_eq!(*a, b, max_relative = 4.0 * f64::EPSILON);
    }
}

#[test]
fn nothing_panics_on_any_mix_of_special_values() {
    // Every length-3 combination of special values through every function.
    let values: Vec<f64> = SPECIALS.into_iter().chain([f64::MAX, -f64::MAX, 1e300]).collect();
    for &a in &values {
        for &b in &values {
            for &c in &values {
                let v = [a, b, c];
                let p = softmax(&v);
                let lp = log_softmax(&v);
                let _ = softmax_naive(&v);
                if v.iter().any(|x| x.is_nan()) {
                    assert_all_nan(&p, 3, &format!("softmax({v:?})"));
                } else {
                    // No NaN: probabilities in [0, 1] summing to 1, logs ≤ 0.
                    assert!(p.iter().all(|x| (0.0..=1.0).contains(x)), "softmax({v:?}) = {p:?}");
                    let sum: f64 = p.iter().sum();
                    assert!((sum - 1.0).abs() <= 4.0 * f64::EPSILON, "softmax({v:?}) = {p:?}");
                    assert!(lp.iter().all(|&x| x <= 0.0), "log_softmax({v:?}) = {lp:?}");
                }
            }
            let _ = (leaky_relu(a, b), leaky_relu_derivative(a, b));
            let _ = (prelu(a, b), prelu_derivative(a, b));
            let _ = Activation::PRelu { alpha: b }.apply(a);
            let _ = Activation::LeakyRelu { alpha: b }.derivative(a);
        }
    }
}

// ------------------------------------------------------------------ Perceptron

#[test]
fn wrong_input_length_is_an_error_naming_both_lengths() {
    let p = Perceptron::new(vec![0.5; 7], 0.1, Activation::Sigmoid);
    let want = Error::InputLength { weights: 7, inputs: 12 };
    assert_eq!(p.forward(&[1.0; 12]), Err(want.clone()));
    assert_eq!(p.affine(&[1.0; 12]), Err(want.clone()));
    let message = want.to_string();
    assert!(message.contains('7') && message.contains("12"), "{message}");
    // Too few inputs, and none at all.
    assert_eq!(p.forward(&[1.0; 3]), Err(Error::InputLength { weights: 7, inputs: 3 }));
    let err = p.forward(&[]).unwrap_err();
    assert_eq!(err, Error::InputLength { weights: 7, inputs: 0 });
    let message = err.to_string();
    assert!(message.contains('7') && message.contains('0'), "{message}");
    // It is a std::error::Error, usable with `?` and Box<dyn Error>.
    let boxed: Box<dyn std::error::Error> = Box::new(err);
    assert_eq!(boxed.to_string(), message);
    // The right length works, and special inputs flow through the activation.
    assert!(p.forward(&[0.0; 7]).is_ok());
    assert_nan(p.forward(&[NAN, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]).unwrap(), "NaN input");
    assert_eq!(p.forward(&[INF, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]).unwrap(), 1.0);
    let relu = Perceptron::new(vec![1.0, -1.0], 0.0, Activation::Relu);
    assert_eq!(relu.forward(&[-INF, 0.0]).unwrap(), 0.0);
    assert_nan(relu.forward(&[INF, INF]).unwrap(), "∞ − ∞");
}

#[test]
fn cross_entropy_rejects_a_class_that_does_not_exist() {
    use perceptron::activation::{cross_entropy, cross_entropy_gradient};
    let err = cross_entropy(&[1.0, 2.0, 3.0], 3).unwrap_err();
    assert_eq!(err, Error::ClassOutOfRange { class: 3, classes: 3 });
    assert!(err.to_string().contains("정답 클래스 3번"), "{err}");
    assert!(err.to_string().contains("0번부터 2번까지 3개"), "{err}");
    assert_eq!(
        cross_entropy_gradient(&[1.0], 1),
        Err(Error::ClassOutOfRange { class: 1, classes: 1 })
    );
    let empty = cross_entropy(&[], 0).unwrap_err();
    assert_eq!(empty, Error::ClassOutOfRange { class: 0, classes: 0 });
    assert!(empty.to_string().contains("로짓이 비어"), "{empty}");
}

#[test]
fn cross_entropy_special_values() {
    use perceptron::activation::{cross_entropy, cross_entropy_gradient};
    assert_nan(cross_entropy(&[NAN, 1.0], 1).unwrap(), "cross_entropy with a NaN logit");
    assert!(cross_entropy_gradient(&[NAN, 1.0], 0).unwrap().iter().all(|g| g.is_nan()));
    // A −∞ logit for the true class: probability 0, loss +∞; for another class: no effect.
    assert_eq!(cross_entropy(&[-INF, 0.0], 0).unwrap(), INF);
    assert_eq!(cross_entropy(&[-INF, 0.0], 1).unwrap(), 0.0);
    // Huge finite logits: no overflow, the loss is the gap.
    assert_eq!(cross_entropy(&[1000.0, 0.0], 1).unwrap(), 1000.0);
    assert_eq!(cross_entropy_gradient(&[1000.0, 0.0], 1).unwrap(), vec![1.0, -1.0]);
}
