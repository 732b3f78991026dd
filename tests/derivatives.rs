//! `sigmoid_derivative` and `tanh_derivative` against correctly rounded references
//! (`tests/data/derivatives.tsv`, made with mpmath by `tests/data/make_derivative_reference.py`,
//! which documents the inputs); every derivative in `perceptron::activation` against a central
//! finite difference of the function it differentiates, on grids of points away from the
//! kinks; and the maxima of the sigmoid's and tanh's derivatives.
//!
//! # The tolerance
//!
//! The central difference `D = (f(x+h) − f(x−h)) / 2h` is compared with `f'(x)` within a
//! bound worked out for each point, the sum of three parts:
//!
//! 1. Truncation. By Taylor's theorem `D − f'(x) = h²/6 · f'''(ξ)` for some `|ξ − x| ≤ h`,
//!    so it is at most `h²/6 · M₃(x)`, with `M₃(x)` a bound on `|f'''|` near `x`:
//!    - sigmoid: `σ''' = σ'·(1 − 6σ + 6σ²)`, and `|1 − 6σ + 6σ²| ≤ 1` on `[0, 1]`, so
//!      `|σ'''(ξ)| ≤ σ'(ξ) ≤ e^{−|ξ|} ≤ e^{h−|x|}`; also `|σ'''| ≤ 1/8` (its maximum, at 0).
//!    - tanh: `tanh''' = 2·sech²·(3·tanh² − 1)` and `|3·tanh² − 1| ≤ 2`, so
//!      `|tanh'''(ξ)| ≤ 4·sech²(ξ) ≤ 16·e^{2h−2|x|}`; also `|tanh'''| ≤ 2` (its maximum, at 0).
//!    - ReLU, Leaky ReLU, PReLU (in `x` away from 0, and in `α` everywhere) are linear
//!      within `h` of the grid points: `M₃ = 0`.
//!
//!    Both maxima, 1/8 and 2, and both exponential bounds were checked with mpmath on a
//!    grid of [−20, 20].
//! 2. Rounding of `f`. Each of `f(x ± h)` is within `u` ULP of its true value (`u = 2` for
//!    sigmoid and tanh, the bound `tests/accuracy.rs` checks; `u = 1/2` for the ReLU family,
//!    whose only operation is `α·x`), and an ULP of a normal `v` is at most `ε·|v|`
//!    (`ε = f64::EPSILON`), so their error is at most `u·ε·(|f(x+h)| + |f(x−h)|)`. The
//!    subtraction adds half an ULP of the difference, `ε/2·|f(x+h) − f(x−h)|`. Both are
//!    divided by `2h`, the exact difference of the two arguments (`x ± h` are exact on these
//!    grids: odd multiples of 1/32, `h = 2^−17`), and the division rounds once, `ε/2·|D|`.
//! 3. Rounding of the derivative under test: `sigmoid_derivative` and `tanh_derivative` are
//!    within 2 ULP of the truth (tested against the references below), so `8ε·|f'(x)|`
//!    covers them with room to spare (the others are exact).
//!
//! With `h = 2^−17 ≈ 7.6e−6`, near 0 the bound is about `3e−11` for the sigmoid (mostly
//! rounding) and `2e−11` for tanh (mostly truncation, which the measured error nearly
//! reaches: `tanh'''` is close to its maximum there). An error in a derivative formula (a
//! wrong sign, a missing factor 2, `σ(1 − σ)` taken at the wrong point) is off by far more.
//!
//! `cargo test --test derivatives -- --nocapture` prints, for each function, the largest
//! `|D − f'(x)|` seen and how much of its bound that is, and the worst ULP error against the
//! references.

mod common;

use common::ulp_distance;
use perceptron::Activation;
use perceptron::activation::{
    leaky_relu, leaky_relu_derivative, prelu, prelu_derivative, prelu_derivative_alpha, relu,
    relu_derivative, sigmoid, sigmoid_derivative, tanh, tanh_derivative,
};

const EPS: f64 = f64::EPSILON;
/// The step, `2^−17`: about `ε^{1/3}`, where truncation and rounding errors balance.
const H: f64 = 1.0 / 131_072.0;
/// Slopes for the ReLU family: small, large, zero, negative, and a non-dyadic one.
const ALPHAS: [f64; 6] = [0.01, 0.25, 1.5, 0.0, -0.5, 0.2];

/// `(k + 1/2)/16` for the `k` that give `lo < x < hi`: never 0 (the kinks of the ReLU family
/// are at least 1/32 away, ≫ h), and `x ± h` is exact.
fn grid(lo: f64, hi: f64) -> Vec<f64> {
    let (a, b) = ((lo * 16.0).floor() as i64, (hi * 16.0).ceil() as i64);
    (a..b).map(|k| (k as f64 + 0.5) / 16.0).filter(|x| lo < *x && *x < hi).collect()
}

/// Where `f` is smooth near a point: a bound on `|f'''|` within `h` of `x` and the ULP
/// accuracy of `f` itself (see the module comment).
struct Smoothness {
    m3: fn(f64) -> f64,
    ulps: f64,
}

const SIGMOID: Smoothness =
    Smoothness { m3: |x| (1.0f64 / 8.0).min((H - x.abs()).exp()), ulps: 2.0 };
const TANH: Smoothness =
    Smoothness { m3: |x| 2.0f64.min(16.0 * (2.0 * H - 2.0 * x.abs()).exp()), ulps: 2.0 };
const LINEAR: Smoothness = Smoothness { m3: |_| 0.0, ulps: 0.5 };

/// The largest error seen for one function, as a fraction of its bound.
struct Worst {
    name: &'static str,
    ratio: f64,
    at: String,
}

impl Worst {
    fn new(name: &'static str) -> Self {
        Worst { name, ratio: 0.0, at: String::new() }
    }

    /// Prints the worst point, for `--nocapture`.
    fn report(&self) {
        eprintln!("{}: worst {:.1}% of the bound, at {}", self.name, 100.0 * self.ratio, self.at);
    }
}

/// Checks `df` against central differences of `f` at every point of `xs` (the variable is
/// called `var` in messages), panicking with the point, both values and the bound on the
/// first failure, and keeping the worst point in `worst`.
fn check(
    worst: &mut Worst,
    var: &str,
    f: impl Fn(f64) -> f64,
    df: impl Fn(f64) -> f64,
    xs: &[f64],
    s: &Smoothness,
) {
    let name = worst.name;
    for &x in xs {
        let (xp, xm) = (x + H, x - H);
        assert!(xp - xm == 2.0 * H, "{name}: {var} ± h inexact at {var} = {x:?}");
        let (fp, fm) = (f(xp), f(xm));
        let fd = (fp - fm) / (xp - xm);
        let d = df(x);
        let truncation = H * H / 6.0 * (s.m3)(x);
        let rounding =
            (s.ulps * EPS * (fp.abs() + fm.abs()) + EPS / 2.0 * (fp - fm).abs()) / (2.0 * H);
        let bound = truncation + rounding + EPS / 2.0 * fd.abs() + 8.0 * EPS * d.abs();
        let err = (fd - d).abs();
        assert!(
            err <= bound,
            "{name} at {var} = {x:?}: derivative {d:?}, central difference {fd:?}, \
             |difference| {err:e} > bound {bound:e}"
        );
        let ratio = if err == 0.0 { 0.0 } else { err / bound };
        if ratio > worst.ratio || worst.at.is_empty() {
            worst.ratio = ratio;
            worst.at = format!("{var} = {x:?}: |D − f'| = {err:e}, bound {bound:e}");
        }
    }
}

#[test]
fn sigmoid_derivative_matches_central_differences() {
    // ±40 covers everything where σ' is not below 1e−17; for x > 0 the bound grows
    // relative to σ'(x) (σ(x) ≈ 1 there), for x < 0 it stays relative (σ(x) ≈ e^x).
    let mut worst = Worst::new("sigmoid_derivative");
    check(&mut worst, "x", sigmoid, sigmoid_derivative, &grid(-40.0, 40.0), &SIGMOID);
    worst.report();
}

#[test]
fn sigmoid_derivative_is_even() {
    // σ'(x) = σ(x)·σ(−x) = σ'(−x), exactly, which covers the x > 0 tail the central
    // differences only check loosely.
    for x in grid(-800.0, 800.0) {
        assert_eq!(sigmoid_derivative(x), sigmoid_derivative(-x), "x = {x:?}");
    }
}

#[test]
fn tanh_derivative_matches_central_differences() {
    let mut worst = Worst::new("tanh_derivative");
    check(&mut worst, "x", tanh, tanh_derivative, &grid(-40.0, 40.0), &TANH);
    worst.report();
}

#[test]
fn tanh_derivative_agrees_with_sigmoid_derivative_in_the_tails() {
    // tanh(x) = 2σ(2x) − 1, so tanh'(x) = 4σ'(2x); both sides are a few ULP from the
    // truth (the 8 ε of the module comment each), so 16 ε relative. This checks the tails
    // (|x| up to 300, where tanh' is down to 1e−260) that central differences of a tanh
    // rounded to ±1 cannot see.
    for x in grid(-300.0, 300.0) {
        let (a, b) = (tanh_derivative(x), 4.0 * sigmoid_derivative(2.0 * x));
        assert!((a - b).abs() <= 16.0 * EPS * b, "x = {x:?}: tanh' {a:?}, 4σ'(2x) {b:?}");
    }
}

#[test]
fn relu_family_derivatives_match_central_differences() {
    let xs: Vec<f64> = grid(-40.0, 40.0).into_iter().chain([-1e6 - 0.5, 1e6 + 0.5]).collect();
    let mut relu_worst = Worst::new("relu_derivative");
    check(&mut relu_worst, "x", relu, relu_derivative, &xs, &LINEAR);
    let mut leaky_worst = Worst::new("leaky_relu_derivative");
    let mut prelu_worst = Worst::new("prelu_derivative");
    for alpha in ALPHAS {
        let var = format!("(α = {alpha:?}) x");
        let f = |x| leaky_relu(x, alpha);
        check(&mut leaky_worst, &var, f, |x| leaky_relu_derivative(x, alpha), &xs, &LINEAR);
        let f = |x| prelu(x, alpha);
        check(&mut prelu_worst, &var, f, |x| prelu_derivative(x, alpha), &xs, &LINEAR);
    }
    for w in [relu_worst, leaky_worst, prelu_worst] {
        w.report();
    }
}

#[test]
fn prelu_derivative_alpha_matches_central_differences_in_alpha() {
    // d/dα prelu(x, α) at fixed x, on a grid of α (α ± h exact), for x on both sides of 0,
    // at 0 itself (the derivative is x = 0 there, no kink in α), and at −0.0.
    let alphas = grid(-2.0, 2.0);
    let mut worst = Worst::new("prelu_derivative_alpha");
    for x in [-40.0, -3.25, -1.0, -0.0625, -0.01, -0.0, 0.0, 1e-3, 0.5, 2.0, 37.0] {
        let var = format!("(x = {x:?}) α");
        check(
            &mut worst,
            &var,
            |alpha| prelu(x, alpha),
            |_| prelu_derivative_alpha(x),
            &alphas,
            &LINEAR,
        );
    }
    worst.report();
}

#[test]
fn activation_derivative_matches_central_differences_of_apply() {
    let xs = grid(-40.0, 40.0);
    let mut activations = vec![
        (Activation::Identity, &LINEAR),
        (Activation::Step, &LINEAR), // flat away from its jump at 0
        (Activation::Sigmoid, &SIGMOID),
        (Activation::Tanh, &TANH),
        (Activation::Relu, &LINEAR),
    ];
    for alpha in ALPHAS {
        activations.push((Activation::LeakyRelu { alpha }, &LINEAR));
        activations.push((Activation::PRelu { alpha }, &LINEAR));
    }
    let mut worst = Worst::new("Activation::derivative");
    for (a, s) in activations {
        let var = format!("({a:?}) x");
        check(&mut worst, &var, |x| a.apply(x), |x| a.derivative(x), &xs, s);
    }
    worst.report();
}

#[test]
fn sigmoid_derivative_is_largest_at_0_where_it_is_a_quarter() {
    assert_eq!(sigmoid_derivative(0.0), 0.25);
    assert_eq!(sigmoid_derivative(-0.0), 0.25);
    // Non-increasing in |x| on a fine grid (steps of 2^-10 change σ' by far more than its
    // rounding error), hence never above σ'(0); strictly below it from the first step on.
    let mut previous = 0.25;
    for k in 1..=40 * 1024 {
        let x = f64::from(k) / 1024.0;
        let (d, d_neg) = (sigmoid_derivative(x), sigmoid_derivative(-x));
        assert_eq!(d, d_neg, "x = {x:?}");
        assert!(
            d <= previous && d < 0.25,
            "σ'({x:?}) = {d:?}, σ' one step closer to 0 = {previous:?}"
        );
        previous = d;
    }
    for x in [1e-300, 1e-20, 1e-9, 2f64.powi(-27), 1e-5] {
        assert!(sigmoid_derivative(x) <= 0.25 && sigmoid_derivative(-x) <= 0.25, "x = {x:?}");
    }
}

#[test]
fn tanh_derivative_is_largest_at_0_where_it_is_1() {
    assert_eq!(tanh_derivative(0.0), 1.0);
    assert_eq!(tanh_derivative(-0.0), 1.0);
    let mut previous = 1.0;
    for k in 1..=20 * 1024 {
        let x = f64::from(k) / 1024.0;
        let (d, d_neg) = (tanh_derivative(x), tanh_derivative(-x));
        assert_eq!(d, d_neg, "x = {x:?}");
        assert!(
            d <= previous && d < 1.0,
            "tanh'({x:?}) = {d:?}, tanh' one step closer to 0 = {previous:?}"
        );
        previous = d;
    }
    for x in [1e-300, 1e-20, 1e-9, 2f64.powi(-27), 1e-5] {
        assert!(tanh_derivative(x) <= 1.0 && tanh_derivative(-x) <= 1.0, "x = {x:?}");
    }
}

/// The gradient of the cross-entropy, `softmax(z) − onehot(y)`, against central differences
/// in each logit. Along one logit `z_i` the loss is `−ln p_y`, whose third derivative is
/// `±p_i(1 − p_i)(1 − 2p_i)`, at most `1/(6√3) < 1/10` in size, so truncation is below
/// `h²/60`. `log_softmax` is within 4 ULP (tests/accuracy.rs), so each loss value is within
/// `4ε·|L|`; with the rounding of the difference and the gradient itself (one subtraction
/// from an element within 4 ULP), `8ε·(|L₊| + |L₋|)/2h + 8ε` covers the rest.
#[test]
fn cross_entropy_gradient_matches_central_differences() {
    use perceptron::activation::{cross_entropy, cross_entropy_gradient};
    let cases: [(&[f64], usize); 5] = [
        (&[0.5, -1.25, 2.0], 0),
        (&[0.5, -1.25, 2.0], 2),
        (&[3.0, 3.0], 1),
        (&[-4.0, 0.0, 4.0, 1.5, -0.75], 3),
        (&[10.0, -10.0, 0.0], 1),
    ];
    for (logits, class) in cases {
        let gradient = cross_entropy_gradient(logits, class).unwrap();
        for i in 0..logits.len() {
            let at = |delta: f64| {
                let mut z = logits.to_vec();
                z[i] += delta;
                cross_entropy(&z, class).unwrap()
            };
            let (plus, minus) = (at(H), at(-H));
            let central = (plus - minus) / (2.0 * H);
            let bound =
                H * H / 60.0 + 8.0 * EPS * (plus.abs() + minus.abs()) / (2.0 * H) + 8.0 * EPS;
            let error = (central - gradient[i]).abs();
            assert!(
                error <= bound,
                "∂L/∂z_{i} for {logits:?}, class {class}: central {central}, gradient {}, error {error:e} > {bound:e}",
                gradient[i]
            );
        }
    }
}

// ---------------------------------------------------------------- against mpmath references

const REFERENCE: &str = include_str!("data/derivatives.tsv");

/// `(line, x, σ'(x), tanh'(x))` from `derivatives.tsv`, comments skipped.
fn derivative_reference() -> Vec<(usize, f64, f64, f64)> {
    REFERENCE
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
        .map(|(i, l)| {
            let f: Vec<f64> = l
                .split('\t')
                .map(|s| s.parse().unwrap_or_else(|e| panic!("line {}: {s:?}: {e}", i + 1)))
                .collect();
            assert_eq!(f.len(), 3, "derivatives.tsv line {}: expected 3 fields", i + 1);
            (i + 1, f[0], f[1], f[2])
        })
        .collect()
}

/// Checks `f` against one column of the references within `bound` ULP, printing the worst
/// error separately where the reference is normal and where it is zero or subnormal (there
/// an ULP is the absolute error 2⁻¹⁰⁷⁴), and failing with every point over the bound.
fn check_ulps(
    name: &str,
    bound: u64,
    f: fn(f64) -> f64,
    column: fn(&(usize, f64, f64, f64)) -> f64,
) {
    let rows = derivative_reference();
    let mut failures = Vec::new();
    // (worst ULP, where, count) for normal and for zero or subnormal references.
    let mut worst = [(0u64, String::new(), 0usize), (0, String::new(), 0)];
    for row in &rows {
        let (line, x, expected) = (row.0, row.1, column(row));
        let got = f(x);
        let ulps = ulp_distance(expected, got);
        let at = format!("{name}({x:?}) (line {line}): expected {expected:?}, got {got:?}");
        let w = &mut worst[usize::from(expected.abs() < f64::MIN_POSITIVE)];
        w.2 += 1;
        if ulps > w.0 || w.1.is_empty() {
            *w = (ulps, at.clone(), w.2);
        }
        if ulps > bound {
            failures.push(format!("{} ULP at {at}", if got.is_nan() { u64::MAX } else { ulps }));
        }
    }
    for ((ulps, at, n), kind) in worst.iter().zip(["normal", "zero or subnormal"]) {
        if *n > 0 {
            eprintln!(
                "{name}: {n} {kind} references, worst error {ulps} ULP (bound {bound}) at {at}"
            );
        }
    }
    assert!(
        failures.is_empty(),
        "{name}: {} of {} values over {bound} ULP:\n{}",
        failures.len(),
        rows.len(),
        failures[..failures.len().min(30)].join("\n")
    );
}

#[test]
fn derivative_reference_is_complete() {
    let rows = derivative_reference();
    eprintln!("derivatives.tsv: {} inputs", rows.len());
    assert!(rows.len() >= 3000, "derivatives.tsv has only {} lines", rows.len());
    let has = |x: f64| rows.iter().any(|r| r.1.to_bits() == x.to_bits());
    for x in [0.0, -0.0, f64::MAX, -f64::MAX, f64::from_bits(1), f64::INFINITY, 354.0, 708.0] {
        assert!(has(x), "derivatives.tsv lacks {x:?}");
    }
    // Both sides of each switch, subnormal results and results that round to 0 near where
    // they start, for both functions.
    let count =
        |p: &dyn Fn(f64, f64, f64) -> bool| rows.iter().filter(|r| p(r.1, r.2, r.3)).count();
    assert!(count(&|x, _, _| (353.0..354.0).contains(&x.abs())) >= 50);
    assert!(count(&|x, _, _| (354.0..356.0).contains(&x.abs()) && x.abs() > 354.0) >= 50);
    assert!(count(&|x, _, _| (707.0..708.0).contains(&x.abs())) >= 50);
    assert!(count(&|x, _, _| (708.0..710.0).contains(&x.abs()) && x.abs() > 708.0) >= 50);
    assert!(count(&|_, s, _| s.is_subnormal()) >= 20);
    assert!(count(&|_, _, t| t.is_subnormal()) >= 20);
    assert!(count(&|x, s, _| s == 0.0 && x.abs() < 746.0) >= 5);
    assert!(count(&|x, _, t| t == 0.0 && x.abs() < 374.0) >= 5);
}

/// The bound its documentation states; measured 1 ULP.
#[test]
fn sigmoid_derivative_within_2_ulp() {
    check_ulps("sigmoid_derivative", 2, sigmoid_derivative, |r| r.2);
}

/// The bound its documentation states; measured 2 ULP just past |x| = 354, where
/// `e^{−|x|}` is rounded before it is squared.
#[test]
fn tanh_derivative_within_2_ulp() {
    check_ulps("tanh_derivative", 2, tanh_derivative, |r| r.3);
}
