//! The figures of the activation chapters: each function with its derivative, PReLU's slopes,
//! softmax and its temperature, and the comparison of all of them.

use super::chart::*;
use crate::activation::{self as act, Activation};

/// The slope of Leaky ReLU in its figure: 0.1 rather than the usual 0.01, so that the slope
/// left of 0 is visible at all.
const LEAKY_ALPHA: f64 = 0.1;

/// The sigmoid on x ∈ [−8, 8], where it goes from nearly 0 to nearly 1, and its derivative,
/// with the derivative's maximum 1/4 at 0 marked.
pub fn sigmoid() -> String {
    let x = -8.0..8.0;
    Chart {
        title: "시그모이드 함수와 도함수",
        x_desc: "입력 x",
        y_desc: "출력과 기울기",
        y: -0.1..1.1,
        curves: vec![
            Curve::new(FUNCTION, sample(act::sigmoid, x.clone())),
            Curve::new(DERIVATIVE, sample(act::sigmoid_derivative, x.clone())),
        ],
        legend: function_legend("시그모이드 σ(x)", "도함수 σ′(x) = σ(x)(1 − σ(x))"),
        legend_corner: Corner::TopLeft,
        dots: vec![Dot::filled(DERIVATIVE, (0.0, act::sigmoid_derivative(0.0)))],
        notes: vec![Note::right_of((0.0, act::sigmoid_derivative(0.0)), "최댓값 σ′(0) = 1/4")],
        x,
        ..Chart::default()
    }
    .render()
}

/// tanh on x ∈ [−4, 4] and its derivative, with the derivative's maximum 1 at 0 marked.
pub fn tanh() -> String {
    let x = -4.0..4.0;
    Chart {
        title: "하이퍼볼릭 탄젠트 함수와 도함수",
        x_desc: "입력 x",
        y_desc: "출력과 기울기",
        y: -1.2..1.2,
        curves: vec![
            Curve::new(FUNCTION, sample(act::tanh, x.clone())),
            Curve::new(DERIVATIVE, sample(act::tanh_derivative, x.clone())),
        ],
        legend: function_legend("tanh(x)", "도함수 tanh′(x) = 1 − tanh²(x)"),
        // tanh fills the upper right and lower left; the lower right is empty.
        legend_corner: Corner::BottomRight,
        dots: vec![Dot::filled(DERIVATIVE, (0.0, act::tanh_derivative(0.0)))],
        // Left of the dot: to its right tanh itself climbs towards 1.
        notes: vec![Note::left_of((0.0, act::tanh_derivative(0.0)), "최댓값 1 (x = 0)")],
        x,
        ..Chart::default()
    }
    .render()
}

/// ReLU on x ∈ [−3, 3] and its step-shaped derivative, drawn as two pieces with the jump at
/// 0 shown by a filled dot (the value the crate uses at 0) and an open one.
pub fn relu() -> String {
    let x = -3.0..3.0;
    let mut curves = vec![Curve::new(FUNCTION, sample(act::relu, x.clone()))];
    curves.extend(step_pieces(DERIVATIVE, act::relu_derivative, x.clone()));
    Chart {
        title: "렐루(ReLU) 함수와 도함수",
        x_desc: "입력 x",
        y_desc: "출력과 기울기",
        y: -0.5..3.2,
        curves,
        legend: function_legend("ReLU(x) = max(0, x)", "도함수: x > 0이면 1, 아니면 0"),
        legend_corner: Corner::TopLeft,
        dots: jump_dots(DERIVATIVE, act::relu_derivative),
        x,
        ..Chart::default()
    }
    .render()
}

/// Leaky ReLU with α = 0.1 on x ∈ [−3, 3] and its derivative (1 or α), with the jump of the
/// derivative at 0 marked as for ReLU.
#[must_use]
pub fn leaky_relu() -> String {
    let x = -3.0..3.0;
    let f = |x| act::leaky_relu(x, LEAKY_ALPHA);
    let df = |x| act::leaky_relu_derivative(x, LEAKY_ALPHA);
    let mut curves = vec![Curve::new(FUNCTION, sample(f, x.clone()))];
    curves.extend(step_pieces(DERIVATIVE, df, x.clone()));
    Chart {
        title: "Leaky ReLU 함수와 도함수",
        x_desc: "입력 x",
        y_desc: "출력과 기울기",
        y: -0.5..3.2,
        curves,
        legend: function_legend(
            format!("Leaky ReLU (α = {LEAKY_ALPHA})"),
            format!("도함수: x > 0이면 1, 아니면 α = {LEAKY_ALPHA}"),
        ),
        legend_corner: Corner::TopLeft,
        dots: jump_dots(DERIVATIVE, df),
        x,
        ..Chart::default()
    }
    .render()
}

/// Two-class softmax: the first probability `p = softmax([z, 0])₁` against the logit gap `z`,
/// and `dp/dz = p(1 − p)`, with its maximum 1/4 at `z = 0` marked.
///
/// The crate has no softmax derivative, so `dp/dz` is the diagonal of softmax's Jacobian,
/// `p₁(1 − p₁)`, taken as `p₁·p₂` from the crate's own two outputs (the same value without
/// the cancellation of `1 − p₁`).
#[must_use]
pub fn softmax() -> String {
    let z = -6.0..6.0;
    let p = |z| act::softmax(&[z, 0.0])[0];
    let dp = |z| {
        let p = act::softmax(&[z, 0.0]);
        p[0] * p[1]
    };
    Chart {
        title: "두 클래스 소프트맥스와 도함수",
        x_desc: "로짓 차이 z = z₁ − z₂",
        y_desc: "확률과 기울기",
        y: -0.1..1.1,
        curves: vec![
            Curve::new(FUNCTION, sample(p, z.clone())),
            Curve::new(DERIVATIVE, sample(dp, z.clone())),
        ],
        legend: function_legend("p = softmax([z, 0])₁", "도함수 dp/dz = p(1 − p)"),
        legend_corner: Corner::TopLeft,
        dots: vec![Dot::filled(DERIVATIVE, (0.0, dp(0.0)))],
        notes: vec![Note::right_of((0.0, dp(0.0)), "최댓값 1/4 (z = 0)")],
        x: z,
        ..Chart::default()
    }
    .render()
}

/// Leaky ReLU (PReLU's function, with α fixed) for three slopes α on x ∈ [−3, 3]. Right of 0
/// the three coincide (y = x); the wide pen goes first so the other two show on top of it.
#[must_use]
pub fn leaky_relu_alphas() -> String {
    let x = -3.0..3.0;
    let pens = [WIDE, FUNCTION, DOTTED];
    let alphas = [0.01, 0.1, 0.3];
    Chart {
        title: "Leaky ReLU와 PReLU: 기울기 α에 따른 모양",
        x_desc: "입력 x",
        y_desc: "출력",
        y: -1.0..3.0,
        curves: (pens.iter().zip(alphas))
            .map(|(&pen, alpha)| Curve::new(pen, sample(|x| act::leaky_relu(x, alpha), x.clone())))
            .collect(),
        legend: (pens.iter().zip(alphas))
            .map(|(&pen, alpha)| (pen, format!("α = {alpha}")))
            .collect(),
        legend_corner: Corner::TopLeft,
        // Below the shared line, where the plot is empty.
        notes: vec![Note::right_of((0.8, 0.45), "x > 0에서는 세 함수 모두 y = x")],
        x,
        ..Chart::default()
    }
    .render()
}

/// The logits of the temperature figure, one per class.
const TEMPERATURE_LOGITS: [f64; 3] = [2.0, 1.0, 0.1];

/// Softmax of the logits [2, 1, 0.1] divided by a temperature T, each class's probability
/// against T on a logarithmic axis from 0.1 to 10, with T = 1 (the plain softmax) marked.
#[must_use]
pub fn softmax_temperature() -> String {
    let t = 0.1..10.0;
    let probability =
        |class: usize| move |t: f64| act::softmax(&TEMPERATURE_LOGITS.map(|z| z / t))[class];
    let pens = [FUNCTION, DERIVATIVE, DOTTED];
    Chart {
        title: "소프트맥스와 온도",
        x_desc: "온도 T (로그 눈금)",
        y_desc: "확률",
        x_scale: Scale::Log,
        y: -0.05..1.05,
        curves: (0..3)
            .map(|i| Curve::new(pens[i], sample_log(probability(i), t.clone())))
            .collect(),
        legend: (0..3)
            .map(|i| (pens[i], format!("클래스 {} (로짓 {})", i + 1, TEMPERATURE_LOGITS[i])))
            .collect(),
        legend_corner: Corner::TopRight,
        rules: vec![1.0],
        dots: (0..3).map(|i| Dot::filled(pens[i], (1.0, probability(i)(1.0)))).collect(),
        notes: vec![Note::left_of((1.0, 0.42), "T = 1: 보통의 소프트맥스")],
        x: t,
        ..Chart::default()
    }
    .render()
}

/// The activations the book compares, on shared axes, as [`crate::Activation`] values.
const COMPARED: [Activation; 4] = [
    Activation::Sigmoid,
    Activation::Tanh,
    Activation::Relu,
    Activation::LeakyRelu { alpha: LEAKY_ALPHA },
];

/// Sigmoid, tanh, ReLU and Leaky ReLU (α = 0.1) on x ∈ [−4, 4]. ReLU and Leaky ReLU are
/// drawn only while they stay below the top of the plot (x ≤ 3).
#[must_use]
pub fn activations() -> String {
    let x = -4.0..4.0;
    let pens = [FUNCTION, DERIVATIVE, WIDE, DOTTED];
    let ranges = [x.clone(), x.clone(), -4.0..3.0, -4.0..3.0];
    // The wide pen (ReLU) first: right of 0, Leaky ReLU lies on it.
    let order = [2, 0, 1, 3];
    Chart {
        title: "활성화 함수 비교",
        x_desc: "입력 x",
        y_desc: "출력",
        y: -1.5..3.0,
        curves: order
            .map(|i| Curve::new(pens[i], sample(|x| COMPARED[i].apply(x), ranges[i].clone())))
            .into(),
        legend: vec![
            (pens[0], "시그모이드 σ(x)".into()),
            (pens[1], "tanh(x)".into()),
            (pens[2], "ReLU(x)".into()),
            (pens[3], format!("Leaky ReLU (α = {LEAKY_ALPHA})")),
        ],
        legend_corner: Corner::TopLeft,
        x,
        ..Chart::default()
    }
    .render()
}

/// The derivatives of the four activations of [`activations`], on shared axes. The steps of
/// ReLU′ and Leaky ReLU′ are drawn as pieces, with a dot at the value each takes at 0; the
/// rings of [`relu`] are left out, as both would sit on the peak of tanh′ at (0, 1). Right of
/// 0 both steps are 1: Leaky ReLU′'s dots lie on ReLU′'s wide band.
#[must_use]
pub fn derivatives() -> String {
    let x = -4.0..4.0;
    let pens = [FUNCTION, DERIVATIVE, WIDE, DOTTED];
    let df = |i: usize| move |x| COMPARED[i].derivative(x);
    let mut curves: Vec<Curve> = step_pieces(pens[2], df(2), x.clone()).into();
    curves.push(Curve::new(pens[0], sample(df(0), x.clone())));
    curves.push(Curve::new(pens[1], sample(df(1), x.clone())));
    curves.extend(step_pieces(pens[3], df(3), x.clone()));
    Chart {
        title: "도함수 비교",
        x_desc: "입력 x",
        y_desc: "기울기",
        // Room above 1 for the legend, clear of the peak of tanh′.
        y: -0.1..1.55,
        curves,
        legend: vec![
            (pens[0], "σ′(x)".into()),
            (pens[1], "tanh′(x)".into()),
            (pens[2], "ReLU′(x)".into()),
            (pens[3], format!("Leaky ReLU′(x) (α = {LEAKY_ALPHA})")),
        ],
        legend_corner: Corner::TopLeft,
        dots: vec![
            Dot::filled(pens[2], (0.0, df(2)(0.0))),
            Dot::filled(pens[3], (0.0, df(3)(0.0))),
        ],
        x,
        ..Chart::default()
    }
    .render()
}
