//! The figures of the part on modern activations: ELU with SELU, softplus, GELU, and SiLU with
//! Mish, each with its derivative.

use super::chart::*;
use plotters::style::RGBColor;

use crate::activation as act;

/// ELU's α in its figure: the usual value, where ELU′ is continuous at 0.
const ELU_ALPHA: f64 = 1.0;

/// A second function on the same axes (SELU beside ELU, Mish beside SiLU): solid like
/// [`FUNCTION`], but green and thinner, so that where the two nearly coincide both show.
const SECOND_FUNCTION: Pen = Pen { colour: BLUISH_GREEN, width: 2, dash: Dash::Solid };
/// Its derivative: dotted like no other curve here, in the fourth colour.
const SECOND_DERIVATIVE: Pen =
    Pen { colour: REDDISH_PURPLE, width: 4, dash: Dash::Dotted { every: 8 } };
/// ReLU as a reference: thin and grey, drawn first, under the curves it is compared with.
const REFERENCE: Pen = Pen { colour: RGBColor(0x8C, 0x8C, 0x8C), width: 2, dash: Dash::Solid };

/// ReLU on `range`: its two straight pieces are all the points it needs.
fn relu_reference(range: std::ops::Range<f64>) -> Curve {
    Curve::new(REFERENCE, vec![(range.start, 0.0), (0.0, 0.0), (range.end, range.end)])
}

/// The point of `f` on `range` where `better(f(x), best)` holds against every other sample:
/// the minimum or maximum to within a sample spacing, for placing a dot.
fn extremum(
    f: impl Fn(f64) -> f64,
    range: std::ops::Range<f64>,
    better: impl Fn(f64, f64) -> bool,
) -> (f64, f64) {
    sample(f, range)
        .into_iter()
        .reduce(|best, p| if better(p.1, best.1) { p } else { best })
        .expect("SAMPLES + 1 points")
}

/// ELU (α = 1) and its derivative on x ∈ [−4, 3], with SELU and its derivative on the same
/// axes. ELU′ is continuous at 0 (α = 1); SELU′ jumps there from λα ≈ 1.76 to λ ≈ 1.05, and
/// is drawn in two pieces with a filled dot at the value the crate uses at 0 and a ring.
pub fn elu() -> String {
    let x = -4.0..3.0;
    let elu = |x| act::elu(x, ELU_ALPHA);
    let elu_derivative = |x| act::elu_derivative(x, ELU_ALPHA);
    let selu_right =
        [(f64::MIN_POSITIVE, act::selu_derivative(f64::MIN_POSITIVE)), (x.end, act::SELU_LAMBDA)];
    Chart {
        title: "ELU·SELU 함수와 도함수",
        x_desc: "입력 x",
        y_desc: "출력과 기울기",
        y: -2.3..3.4,
        curves: vec![
            Curve::new(SECOND_FUNCTION, sample(act::selu, x.clone())),
            Curve::new(SECOND_DERIVATIVE, sample(act::selu_derivative, x.start..0.0)),
            Curve::new(SECOND_DERIVATIVE, selu_right.to_vec()),
            Curve::new(FUNCTION, sample(elu, x.clone())),
            Curve::new(DERIVATIVE, sample(elu_derivative, x.clone())),
        ],
        legend: vec![
            (FUNCTION, format!("ELU (α = {ELU_ALPHA})")),
            (DERIVATIVE, "도함수 ELU′(x)".into()),
            (SECOND_FUNCTION, "SELU(x) = λ·ELU(x; α ≈ 1.67)".into()),
            (SECOND_DERIVATIVE, "도함수 SELU′(x)".into()),
        ],
        legend_corner: Corner::TopLeft,
        dots: jump_dots(SECOND_DERIVATIVE, act::selu_derivative),
        notes: vec![
            Note::right_of((0.0, act::selu_derivative(0.0)), "λα ≈ 1.76"),
            Note::right_of((1.5, act::SELU_LAMBDA), "SELU′ = λ ≈ 1.05"),
            // ELU's floor named above its flat left end, SELU's below its own, where the
            // rising curve cannot run into the text.
            Note::right_of((x.start, act::elu(x.start, ELU_ALPHA)), "ELU의 하한 −α = −1"),
            Note::right_of((x.start, -2.25), "SELU의 하한 −λα ≈ −1.76"),
        ],
        x,
        ..Chart::default()
    }
    .render()
}

/// Softplus on x ∈ [−5, 5] and its derivative, the sigmoid, with ReLU as a thin grey
/// reference: softplus is a smooth ReLU, farthest from it at 0, by ln 2.
pub fn softplus() -> String {
    let x = -5.0..5.0;
    Chart {
        title: "소프트플러스 함수와 도함수",
        x_desc: "입력 x",
        y_desc: "출력과 기울기",
        y: -0.4..5.4,
        curves: vec![
            relu_reference(x.clone()),
            Curve::new(FUNCTION, sample(act::softplus, x.clone())),
            Curve::new(DERIVATIVE, sample(act::softplus_derivative, x.clone())),
        ],
        legend: vec![
            (FUNCTION, "softplus(x) = ln(1 + eˣ)".into()),
            (DERIVATIVE, "도함수 σ(x) (시그모이드)".into()),
            (REFERENCE, "참고: ReLU(x)".into()),
        ],
        legend_corner: Corner::TopLeft,
        dots: vec![Dot::filled(FUNCTION, (0.0, act::softplus(0.0)))],
        // Left of the dot, above the two curves: to its right σ(x) climbs through the text.
        notes: vec![Note::left_of((0.0, act::softplus(0.0)), "softplus(0) = ln 2 ≈ 0.69")],
        x,
        ..Chart::default()
    }
    .render()
}

/// GELU on x ∈ [−4, 3] and its derivative, with ReLU as a thin grey reference. GELU dips
/// below 0 (minimum ≈ −0.17 at x ≈ −0.75) and its derivative overshoots 1 (maximum ≈ 1.13 at
/// x = √2); both are marked. The tanh approximation differs by less than a line width here
/// and is not drawn.
pub fn gelu() -> String {
    let x = -4.0..3.0;
    let low = extremum(act::gelu, x.clone(), |a, b| a < b);
    let high = extremum(act::gelu_derivative, x.clone(), |a, b| a > b);
    Chart {
        title: "GELU 함수와 도함수",
        x_desc: "입력 x",
        y_desc: "출력과 기울기",
        y: -0.5..3.2,
        curves: vec![
            relu_reference(x.clone()),
            Curve::new(FUNCTION, sample(act::gelu, x.clone())),
            Curve::new(DERIVATIVE, sample(act::gelu_derivative, x.clone())),
        ],
        legend: vec![
            (FUNCTION, "GELU(x) = x·Φ(x)".into()),
            (DERIVATIVE, "도함수 GELU′(x)".into()),
            (REFERENCE, "참고: ReLU(x)".into()),
        ],
        legend_corner: Corner::TopLeft,
        dots: vec![Dot::filled(FUNCTION, low), Dot::filled(DERIVATIVE, high)],
        notes: vec![
            // Below the dip, where the plot is empty: above it runs GELU′'s own dip.
            Note::right_of((low.0, -0.47), "최솟값 ≈ −0.17"),
            Note::right_of(high, "최댓값 ≈ 1.13 > 1"),
        ],
        x,
        ..Chart::default()
    }
    .render()
}

/// SiLU and Mish on x ∈ [−5, 3] with their derivatives: both dip below 0 left of 0 (SiLU to
/// ≈ −0.28, Mish to ≈ −0.31) and both derivatives overshoot 1.
pub fn silu() -> String {
    let x = -5.0..3.0;
    Chart {
        title: "SiLU·Mish 함수와 도함수",
        x_desc: "입력 x",
        y_desc: "출력과 기울기",
        y: -0.5..3.2,
        curves: vec![
            Curve::new(FUNCTION, sample(act::silu, x.clone())),
            Curve::new(DERIVATIVE, sample(act::silu_derivative, x.clone())),
            Curve::new(SECOND_FUNCTION, sample(act::mish, x.clone())),
            Curve::new(SECOND_DERIVATIVE, sample(act::mish_derivative, x.clone())),
        ],
        legend: vec![
            (FUNCTION, "SiLU(x) = x·σ(x)".into()),
            (DERIVATIVE, "도함수 SiLU′(x)".into()),
            (SECOND_FUNCTION, "Mish(x) = x·tanh(softplus(x))".into()),
            (SECOND_DERIVATIVE, "도함수 Mish′(x)".into()),
        ],
        legend_corner: Corner::TopLeft,
        // The two solid curves named where they part: Mish above, SiLU below.
        notes: vec![
            Note::left_of((2.2, act::mish(2.2)), "Mish"),
            Note::right_of((2.3, act::silu(2.3) - 0.4), "SiLU"),
        ],
        x,
        ..Chart::default()
    }
    .render()
}

/// The modern activations side by side for the comparison page: ELU (α = 1), softplus, GELU
/// and SiLU over ReLU, on x ∈ [−4, 3]. SELU and Mish are left out: each nearly coincides with a
/// curve drawn here (SELU is λ·ELU with its own α, Mish follows SiLU), and six curves would not
/// be told apart.
pub fn modern_activations() -> String {
    let x = -4.0..3.0;
    let elu = |x| act::elu(x, ELU_ALPHA);
    Chart {
        title: "현대의 활성화 함수 비교",
        x_desc: "입력 x",
        y_desc: "출력",
        y: -1.2..3.2,
        curves: vec![
            relu_reference(x.clone()),
            Curve::new(FUNCTION, sample(elu, x.clone())),
            Curve::new(DERIVATIVE, sample(act::softplus, x.clone())),
            Curve::new(SECOND_FUNCTION, sample(act::gelu, x.clone())),
            Curve::new(SECOND_DERIVATIVE, sample(act::silu, x.clone())),
        ],
        legend: vec![
            (REFERENCE, "ReLU(x)".into()),
            (FUNCTION, "ELU(x) (α = 1)".into()),
            (DERIVATIVE, "Softplus(x)".into()),
            (SECOND_FUNCTION, "GELU(x)".into()),
            (SECOND_DERIVATIVE, "SiLU(x)".into()),
        ],
        legend_corner: Corner::TopLeft,
        x,
        ..Chart::default()
    }
    .render()
}
