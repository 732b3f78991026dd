//! The book's figures: one function per figure, each returning an SVG document.
//!
//! Every figure draws its curves (an activation and its derivative, or several activations
//! side by side) by calling [`crate::activation`], so a figure cannot disagree with the code
//! the book tests. The SVGs are committed under
//! `book/figures/`; `tests/figures.rs` re-renders them and fails when one is stale.
//!
//! The output is byte-deterministic: fixed sizes, a fixed number of samples, no clocks and no
//! hash maps. Text is written as `font-family="sans-serif"` and drawn by the reader's own
//! fonts (no `ttf` feature, so the output does not depend on the fonts installed here).
//!
//! mdBook shows an SVG through `<img>`, which cannot inherit the page's colours, so every
//! figure is an opaque white card with dark text: it reads the same in light and dark themes.

use std::io;
use std::ops::Range;
use std::path::Path;

use plotters::coord::Shift;
use plotters::coord::ranged1d::ValueFormatter;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::Perceptron;
use crate::activation::{self as act, Activation};
use crate::experiment::mlp::Sample;
use crate::experiment::neuron;

/// One figure of the book: its file name under `book/figures/` and the function drawing it.
pub struct Figure {
    /// The file name under `book/figures/`, as the chapters link it.
    pub file_name: &'static str,
    /// Draws the figure as a complete SVG document.
    pub render: fn() -> String,
}

/// Every figure of the book. `tests/figures.rs` keeps `book/figures/` equal to this list.
pub const CATALOGUE: &[Figure] = &[
    Figure { file_name: "sigmoid.svg", render: sigmoid },
    Figure { file_name: "tanh.svg", render: tanh },
    Figure { file_name: "relu.svg", render: relu },
    Figure { file_name: "leaky_relu.svg", render: leaky_relu },
    Figure { file_name: "softmax.svg", render: softmax },
    Figure { file_name: "leaky_relu_alphas.svg", render: leaky_relu_alphas },
    Figure { file_name: "softmax_temperature.svg", render: softmax_temperature },
    Figure { file_name: "activations.svg", render: activations },
    Figure { file_name: "derivatives.svg", render: derivatives },
    Figure { file_name: "learning_curves.svg", render: learning_curves },
    Figure { file_name: "zigzag_positive.svg", render: zigzag_positive },
    Figure { file_name: "zigzag_centred.svg", render: zigzag_centred },
    Figure { file_name: "depth_gradient.svg", render: depth_gradient },
    Figure { file_name: "tanh_via_sigmoid_ulp.svg", render: tanh_via_sigmoid_ulp },
    Figure { file_name: "speed.svg", render: speed },
    Figure { file_name: "perceptron.svg", render: perceptron_diagram },
    Figure { file_name: "logic_gates.svg", render: logic_gates },
    Figure { file_name: "perceptron_learning_and.svg", render: perceptron_learning_and },
    Figure { file_name: "learning_loss.svg", render: learning_loss },
    Figure { file_name: "learning_boundary.svg", render: learning_boundary },
    Figure { file_name: "learning_rates.svg", render: learning_rates },
];

/// Renders every figure into `dir`, rewriting only the files whose bytes differ (so an
/// unchanged figure keeps its timestamp), and returns the names of the files it wrote.
pub fn write_all(dir: &Path) -> io::Result<Vec<&'static str>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for figure in CATALOGUE {
        let path = dir.join(figure.file_name);
        let svg = (figure.render)();
        if std::fs::read(&path).ok().as_deref() != Some(svg.as_bytes()) {
            std::fs::write(&path, svg)?;
            written.push(figure.file_name);
        }
    }
    Ok(written)
}

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

// ---- Perceptron figures (book/perceptron.md) ----------------------------------------------

/// `text` centred on `at` (CSS pixels), `css_px` high.
fn centred_text(
    root: &DrawingArea<SVGBackend, Shift>,
    text: &str,
    at: (i32, i32),
    css_px: f64,
) -> DrawResult {
    let style = font(css_px, TEXT_COLOUR).pos(Pos::new(HPos::Center, VPos::Center));
    root.draw(&Text::new(text.to_string(), (px(at.0), px(at.1)), style))
}

/// An arrow from `from` to `to` (CSS pixels), its head ending at `to`.
fn arrow(root: &DrawingArea<SVGBackend, Shift>, from: (f64, f64), to: (f64, f64)) -> DrawResult {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let length = dx.hypot(dy);
    let (ux, uy) = (dx / length, dy / length);
    let (head, half) = (9.0, 4.5);
    let base = (to.0 - ux * head, to.1 - uy * head);
    // CSS pixels to drawing units, rounded there (a quarter of a CSS pixel).
    let fine = |p: (f64, f64)| {
        let unit = f64::from(px(1));
        ((p.0 * unit).round() as i32, (p.1 * unit).round() as i32)
    };
    root.draw(&PathElement::new([fine(from), fine(base)], stroke(TICK_COLOUR, 2)))?;
    let wing = |s: f64| fine((base.0 - uy * half * s, base.1 + ux * half * s));
    root.draw(&Polygon::new(vec![fine(to), wing(1.0), wing(-1.0)], TICK_COLOUR.filled()))
}

/// The perceptron as a diagram: inputs x₁, x₂, …, xₙ, each arrow carrying its weight, the
/// bias b, the node Σ that adds them into z = w·x + b, the activation f and the output ŷ.
/// Names under each part, in Korean with the symbols.
pub fn perceptron_diagram() -> String {
    const W: i32 = 640;
    const H: i32 = 290;
    card(W, H, |root, _| {
        let title_style = font(TITLE_PX, TEXT_COLOUR).pos(Pos::new(HPos::Center, VPos::Top));
        root.draw(&Text::new("퍼셉트론 하나가 하는 일", (px(W / 2), px(12)), title_style))?;
        let node = |at: (i32, i32), r: i32, colour: RGBColor| {
            point(root, (px(at.0), px(at.1)), r, colour, true)
        };
        let f = |p: (i32, i32)| (f64::from(p.0), f64::from(p.1));
        // From the rim of a circle at `a` (radius ra) to the rim at `b` (radius rb).
        let link = |a: (i32, i32), ra: f64, b: (i32, i32), rb: f64| -> DrawResult {
            let (a, b) = (f(a), f(b));
            let d = (b.0 - a.0).hypot(b.1 - a.1);
            let (ux, uy) = ((b.0 - a.0) / d, (b.1 - a.1) / d);
            arrow(root, (a.0 + ux * ra, a.1 + uy * ra), (b.0 - ux * rb, b.1 - uy * rb))
        };

        let sum = (330, 150);
        let inputs = [((80, 80), "x₁", "w₁"), ((80, 140), "x₂", "w₂"), ((80, 220), "xₙ", "wₙ")];
        for (at, x, w) in inputs {
            node(at, 20, BLUE)?;
            centred_text(root, x, at, LEGEND_PX)?;
            link(at, 20.0, sum, 30.0)?;
            // The weight above its arrow, a third of the way along.
            let mid = (at.0 + (sum.0 - at.0) * 2 / 5, at.1 + (sum.1 - at.1) * 2 / 5 - 12);
            centred_text(root, w, mid, LEGEND_PX)?;
        }
        centred_text(root, "⋮", (80, 181), LEGEND_PX)?;

        let bias = (330, 62);
        node(bias, 16, BLUE)?;
        centred_text(root, "b", bias, LEGEND_PX)?;
        link(bias, 16.0, sum, 30.0)?;
        centred_text(root, "편향", (370, 62), NOTE_PX)?;

        node(sum, 30, VERMILLION)?;
        centred_text(root, "Σ", sum, TITLE_PX)?;

        // The activation: a box.
        let (bx, by, bw, bh) = (430, 125, 60, 50);
        root.draw(&Rectangle::new([(px(bx), px(by)), (px(bx + bw), px(by + bh))], WHITE.filled()))?;
        let frame = [(bx, by), (bx + bw, by), (bx + bw, by + bh), (bx, by + bh), (bx, by)];
        root.draw(&PathElement::new(frame.map(|(x, y)| (px(x), px(y))), stroke(BLUISH_GREEN, 2)))?;
        centred_text(root, "f", (bx + bw / 2, sum.1), TITLE_PX)?;
        arrow(root, (f64::from(sum.0 + 30), 150.0), (f64::from(bx), 150.0))?;
        centred_text(root, "z", ((sum.0 + 30 + bx) / 2, 136), LEGEND_PX)?;
        arrow(root, (f64::from(bx + bw), 150.0), (565.0, 150.0))?;
        centred_text(root, "ŷ", (585, 150), TITLE_PX)?;

        // What each part is, under it.
        let captions = [
            (80, "입력", "x₁, …, xₙ"),
            (205, "가중치", "w₁, …, wₙ"),
            (330, "가중합", "z = w·x + b"),
            (460, "활성화 함수", "f"),
            (585, "출력", "ŷ = f(z)"),
        ];
        for (x, name, symbols) in captions {
            centred_text(root, name, (x, 252), LEGEND_PX)?;
            centred_text(root, symbols, (x, 273), NOTE_PX)?;
        }
        Ok(())
    })
}

/// The four inputs of a two-input gate.
const GATE_INPUTS: [[f64; 2]; 4] = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]];

/// `w₁x₁ + w₂x₂ + b = 0` written out: `x₁ + x₂ − 1.5 = 0`, `−x₁ − x₂ + 1.5 = 0`.
fn line_equation(w: &[f64], b: f64) -> String {
    let term = |c: f64, name: &str, first: bool| {
        let sign = match (c < 0.0, first) {
            (true, true) => "−",
            (true, false) => " − ",
            (false, true) => "",
            (false, false) => " + ",
        };
        let size =
            if c.abs() == 1.0 && !name.is_empty() { String::new() } else { tick_label(&c.abs()) };
        format!("{sign}{size}{name}")
    };
    format!("{}{}{} = 0", term(w[0], "x₁", true), term(w[1], "x₂", false), term(b, "", false))
}

/// AND, OR and NAND as step perceptrons (the weights the chapter uses), each over the square
/// of its four inputs: filled points where it outputs 1, empty ones where 0, the side where
/// z = w·x + b > 0 shaded and the decision line z = 0 drawn. The fourth panel is XOR's four
/// points with no line: no line has its two filled points on one side and its empty points
/// on the other. The points' fills are checked against the perceptrons' own outputs.
pub fn logic_gates() -> String {
    let step = |w: [f64; 2], b: f64| Some(Perceptron::new(w.to_vec(), b, Activation::Step));
    let gates = [
        ("AND", step([1.0, 1.0], -1.5), [0.0, 0.0, 0.0, 1.0]),
        ("OR", step([1.0, 1.0], -0.5), [0.0, 1.0, 1.0, 1.0]),
        ("NAND", step([-1.0, -1.0], 1.5), [1.0, 1.0, 1.0, 0.0]),
        ("XOR", None, [0.0, 1.0, 1.0, 0.0]),
    ];
    let panels = gates.map(|(name, unit, targets)| {
        let caption = match &unit {
            Some(p) => {
                for (x, want) in GATE_INPUTS.iter().zip(targets) {
                    assert_eq!(p.forward(x), Ok(want), "{name} at {x:?}");
                }
                format!("{name}: {}", line_equation(p.weights(), p.bias()))
            }
            None => format!("{name}: 맞는 직선이 없습니다"),
        };
        GatePanel { caption, unit, targets }
    });
    let key = [(Mark::Filled, "출력 1"), (Mark::Empty, "출력 0"), (Mark::Shade, "z > 0인 쪽")];
    gate_grid("논리 게이트와 결정 경계", &key, 2, 200, &panels)
}

/// Rosenblatt's rule learning AND from zero weights ([`Perceptron::learn_pass`], inputs in
/// the order (0,0), (0,1), (1,0), (1,1)): the perceptron at the start and after each pass
/// until the first pass without a mistake, which changes nothing and is not drawn. Points are
/// filled by the target; a ring marks a point the perceptron answers wrongly at that moment.
pub fn perceptron_learning_and() -> String {
    let targets = [0.0, 0.0, 0.0, 1.0];
    let samples: Vec<([f64; 2], f64)> = GATE_INPUTS.iter().copied().zip(targets).collect();
    let mut unit = Perceptron::new(vec![0.0, 0.0], 0.0, Activation::Step);
    let mut panels = Vec::new();
    for pass in 0.. {
        let wrong = (GATE_INPUTS.iter().zip(targets))
            .filter(|(x, y)| unit.forward(&x[..]) != Ok(*y))
            .count();
        let when = if pass == 0 { "처음".to_string() } else { format!("{pass}바퀴 뒤") };
        panels.push(GatePanel {
            caption: format!("{when}: 틀린 점 {wrong}개"),
            unit: Some(unit.clone()),
            targets,
        });
        if unit.learn_pass(&samples).expect("four samples of two inputs") == 0 {
            break;
        }
    }
    assert_eq!(panels.len(), 6, "the chapter quotes six passes, the last without a mistake");
    let key = [
        (Mark::Filled, "정답 1"),
        (Mark::Empty, "정답 0"),
        (Mark::Wrong, "틀린 점"),
        (Mark::Shade, "출력이 1인 쪽"),
    ];
    gate_grid("AND를 배우는 동안 움직이는 결정 경계", &key, 3, 150, &panels)
}

/// One panel of [`gate_grid`]: its caption, the step perceptron whose side z > 0 is shaded
/// and whose line z = 0 is drawn (none: only the points), and the four targets.
struct GatePanel {
    caption: String,
    unit: Option<Perceptron>,
    targets: [f64; 4],
}

/// The marks of [`gate_grid`]'s key.
enum Mark {
    /// A target 1 (채워진 점).
    Filled,
    /// A target 0 (빈 점).
    Empty,
    /// A ring around a point the perceptron answers wrongly.
    Wrong,
    /// The shaded side, where the perceptron outputs 1.
    Shade,
}

/// Panels of two-input gates, `cols` to a row, each a square plot `plot` CSS pixels wide over
/// x₁, x₂ ∈ [−0.5, 1.5], under a title and a key: the four inputs filled where the target is
/// 1, the side where the panel's perceptron outputs 1 shaded, its line z = 0, and a ring
/// around each point it answers wrongly.
fn gate_grid(
    title: &'static str,
    key: &[(Mark, &'static str)],
    cols: usize,
    plot: i32,
    panels: &[GatePanel],
) -> String {
    const W: i32 = 640;
    const TOP: i32 = 70;
    const Y_LABELS: i32 = 40;
    let rows = panels.len().div_ceil(cols);
    let (panel_w, panel_h) = (W / cols as i32, plot + 80);
    let margin_left = (panel_w - Y_LABELS - plot) / 2 - 4;
    let shade = BLUE.mix(0.15).filled();
    card(W, TOP + rows as i32 * panel_h, |root, patches| {
        let title_style = font(TITLE_PX, TEXT_COLOUR).pos(Pos::new(HPos::Center, VPos::Top));
        root.draw(&Text::new(title, (px(W / 2), px(12)), title_style))?;
        // The key, one row under the title, laid out from the text widths.
        let widths: Vec<i32> =
            key.iter().map(|(_, t)| 26 + (text_width_em(t) * LEGEND_PX).ceil() as i32).collect();
        let mut x = (W - widths.iter().sum::<i32>() - 24 * (key.len() as i32 - 1)) / 2;
        let y = 48;
        let text_style = font(LEGEND_PX, TEXT_COLOUR).pos(Pos::new(HPos::Left, VPos::Center));
        for ((mark, label), width) in key.iter().zip(&widths) {
            let at = (px(x + 8), px(y));
            match mark {
                Mark::Filled => point(root, at, 6, BLUE, false)?,
                Mark::Empty => point(root, at, 6, BLUE, true)?,
                Mark::Wrong => root.draw(&Circle::new(at, px(8), stroke(VERMILLION, 2)))?,
                Mark::Shade => root
                    .draw(&Rectangle::new([(px(x), px(y - 7)), (px(x + 16), px(y + 7))], shade))?,
            }
            root.draw(&Text::new(*label, (px(x + 24), px(y)), text_style.clone()))?;
            x += width + 24;
        }

        let areas = root
            .clone()
            .shrink((0, px(TOP)), (px(W), px(rows as i32 * panel_h)))
            .split_evenly((rows, cols));
        let (range, corners) = (-0.5..1.5, [(-0.5, -0.5), (1.5, -0.5), (1.5, 1.5), (-0.5, 1.5)]);
        for (i, (area, panel)) in areas.iter().zip(panels).enumerate() {
            let (col, row) = ((i % cols) as i32, (i / cols) as i32);
            let centre = col * panel_w + margin_left + Y_LABELS + plot / 2;
            centred_text(root, &panel.caption, (centre, TOP + row * panel_h + 16), LEGEND_PX)?;
            let mut chart = ChartBuilder::on(area)
                .margin_top(px(34))
                .margin_bottom(px(8))
                .margin_left(px(margin_left))
                .margin_right(px(panel_w - Y_LABELS - plot - margin_left))
                .x_label_area_size(px(38))
                .y_label_area_size(px(Y_LABELS))
                .build_cartesian_2d(range.clone(), range.clone())?;
            let bit = |v: &f64| match *v {
                0.0 => "0".to_string(),
                1.0 => "1".to_string(),
                _ => String::new(),
            };
            chart
                .configure_mesh()
                .x_labels(2)
                .y_labels(2)
                .x_label_formatter(&bit)
                .y_label_formatter(&bit)
                .label_style(font(TICK_PX, TICK_COLOUR))
                .axis_desc_style(font(DESC_PX, TEXT_COLOUR))
                .x_desc("x₁")
                .y_desc("x₂")
                .bold_line_style(stroke(GRID_COLOUR, 1))
                .light_line_style(TRANSPARENT)
                .axis_style(stroke(FRAME_COLOUR, 1))
                .set_all_tick_mark_size(px(4))
                .draw()?;
            if let Some(p) = &panel.unit {
                let (w, b) = ([p.weights()[0], p.weights()[1]], p.bias());
                // With w = 0 there is no line: z = b everywhere, all one side or none.
                let (side, ends) = match (w == [0.0, 0.0], b > 0.0) {
                    (false, _) => half_plane(&corners, w, b),
                    (true, true) => (corners.to_vec(), Vec::new()),
                    (true, false) => (Vec::new(), Vec::new()),
                };
                if !side.is_empty() {
                    let side: Vec<_> = side.iter().map(|q| chart.backend_coord(q)).collect();
                    root.draw(&Polygon::new(side, shade))?;
                }
                let line = ends.iter().map(|q| chart.backend_coord(q));
                Pen { colour: VERMILLION, width: 3, dash: Dash::Solid }
                    .draw(root, line, patches)?;
            }
            for (x, &target) in GATE_INPUTS.iter().zip(&panel.targets) {
                let at = chart.backend_coord(&(x[0], x[1]));
                point(root, at, 7, BLUE, target != 1.0)?;
                let output = panel.unit.as_ref().map(|p| p.forward(x));
                if output.is_some_and(|o| o != Ok(target)) {
                    root.draw(&Circle::new(at, px(12), stroke(VERMILLION, 2)))?;
                }
            }
        }
        Ok(())
    })
}

/// Points of a plot, in its own coordinates.
type Points = Vec<(f64, f64)>;

/// The part of the convex polygon `corners` where `w·p + b ≥ 0`, and the ends of the line
/// `w·p + b = 0` across it: one step of Sutherland–Hodgman clipping.
fn half_plane(corners: &[(f64, f64)], w: [f64; 2], b: f64) -> (Points, Points) {
    let z = |p: (f64, f64)| w[0] * p.0 + w[1] * p.1 + b;
    let (mut side, mut ends) = (Vec::new(), Vec::new());
    for (i, &p) in corners.iter().enumerate() {
        let q = corners[(i + 1) % corners.len()];
        if z(p) >= 0.0 {
            side.push(p);
        }
        if (z(p) >= 0.0) != (z(q) >= 0.0) {
            let t = z(p) / (z(p) - z(q));
            let cross = (p.0 + t * (q.0 - p.0), p.1 + t * (q.1 - p.1));
            side.push(cross);
            ends.push(cross);
        }
    }
    (side, ends)
}

// ---- Drawing ------------------------------------------------------------------------------

/// The figure's size in CSS pixels.
const WIDTH: i32 = 640;
const HEIGHT: i32 = 400;
/// Drawing units per CSS pixel. plotters rounds every coordinate to a whole unit; drawn at
/// 1:1, curves show one-pixel stairs on 2× and 3× screens. So the figure is drawn 4× larger
/// and the `<svg>` element is given the CSS size, its `viewBox` keeping the drawing size.
const SCALE: i32 = 4;

/// `css_px` CSS pixels in drawing units.
const fn px(css_px: i32) -> i32 {
    css_px * SCALE
}

/// A stroke `css_px` CSS pixels wide.
fn stroke(colour: RGBColor, css_px: i32) -> ShapeStyle {
    colour.stroke_width(px(css_px) as u32)
}

/// Points sampled per curve: no visible corners at this width. Most of them are dropped again
/// by [`simplify`] before the curve is written.
const SAMPLES: usize = 400;

/// How far, in drawing units (a quarter of a CSS pixel), [`simplify`] lets a curve's polyline
/// pass from a point it drops: about as far as plotters' own rounding to whole units has
/// already moved each point (up to 0.7 units), and far below the width of any line.
const TOLERANCE: i64 = 1;

/// Okabe–Ito colours: told apart with every common colour-vision deficiency. Each pen below
/// also has its own width or dash pattern, so colour is never the only cue.
const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
const VERMILLION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
const BLUISH_GREEN: RGBColor = RGBColor(0x00, 0x9E, 0x73);
const REDDISH_PURPLE: RGBColor = RGBColor(0xCC, 0x79, 0xA7);
const TEXT_COLOUR: RGBColor = RGBColor(0x22, 0x22, 0x22);
const TICK_COLOUR: RGBColor = RGBColor(0x44, 0x44, 0x44);
const GRID_COLOUR: RGBColor = RGBColor(0xE3, 0xE3, 0xE3);
/// Gridlines between the labelled values of a logarithmic axis (2, 3, …, 9 times a power of
/// ten), fainter than the labelled ones.
const MINOR_GRID_COLOUR: RGBColor = RGBColor(0xF0, 0xF0, 0xF0);
const ZERO_AXIS_COLOUR: RGBColor = RGBColor(0x99, 0x99, 0x99);
const FRAME_COLOUR: RGBColor = RGBColor(0xBB, 0xBB, 0xBB);

/// Font sizes in CSS pixels as they appear in the SVG.
const TITLE_PX: f64 = 18.0;
const DESC_PX: f64 = 14.0;
const LEGEND_PX: f64 = 14.0;
const TICK_PX: f64 = 12.0;
const NOTE_PX: f64 = 12.0;

/// A text style `css_px` CSS pixels high.
///
/// plotters-svg writes `font-size = size / 1.24`, so the size handed to plotters is
/// `css_px × SCALE × 1.24` (the sizes above are chosen so that this round trip is exact in
/// `f64` and the SVG says `font-size="56"`, not `56.00000000000001`).
fn font(css_px: f64, colour: RGBColor) -> TextStyle<'static> {
    (FontFamily::SansSerif, css_px * f64::from(SCALE) * 1.24).into_font().color(&colour)
}

/// How a curve, its legend sample and its dots are drawn.
#[derive(Clone, Copy)]
struct Pen {
    colour: RGBColor,
    /// Line width (or dot diameter) in CSS pixels.
    width: i32,
    dash: Dash,
}

#[derive(Clone, Copy)]
enum Dash {
    Solid,
    /// Dashes `on` CSS pixels long with gaps of `off`.
    Dashed {
        on: i32,
        off: i32,
    },
    /// Round dots as wide as the line, one every `every` CSS pixels.
    Dotted {
        every: i32,
    },
}

impl Dash {
    /// The SVG attributes that draw this pattern along a solid line, if it is not solid.
    ///
    /// plotters draws a dashed line as one `<polyline>` per dash and a dotted one as one
    /// `<circle>` per dot, which made dashes and dots most of a figure's bytes. The browser
    /// draws the same pattern from one `stroke-dasharray` on one polyline: dashes (or dots)
    /// laid along the whole length of the line, starting at its first point, as plotters'
    /// `DashedPathElement` and `DottedPathElement` lay them. A dot is a dash of length 0
    /// with round caps, a circle as wide as the line.
    fn svg_attributes(self) -> Option<String> {
        match self {
            Dash::Solid => None,
            Dash::Dashed { on, off } => {
                Some(format!(r#"stroke-dasharray="{} {}""#, px(on), px(off)))
            }
            Dash::Dotted { every } => {
                Some(format!(r#"stroke-dasharray="0 {}" stroke-linecap="round""#, px(every)))
            }
        }
    }
}

/// An attribute plotters cannot write, to be added to one polyline of the finished SVG by
/// [`Chart::render`]: `polyline` is the part of the element that identifies it, `insert`
/// what is written after it.
struct Patch {
    polyline: String,
    insert: String,
}

/// A function: solid blue.
const FUNCTION: Pen = Pen { colour: BLUE, width: 3, dash: Dash::Solid };
/// Its derivative: dashed vermillion.
const DERIVATIVE: Pen = Pen { colour: VERMILLION, width: 3, dash: Dash::Dashed { on: 9, off: 6 } };
/// For figures of several curves, a third and fourth pen. The wide one is drawn first, under
/// curves that coincide with it over part of the axis, so it shows as a band around them.
const WIDE: Pen = Pen { colour: REDDISH_PURPLE, width: 7, dash: Dash::Solid };
const DOTTED: Pen = Pen { colour: BLUISH_GREEN, width: 5, dash: Dash::Dotted { every: 9 } };
/// A thin dashed vertical line marking a value of x.
const RULE: Pen = Pen { colour: ZERO_AXIS_COLOUR, width: 1, dash: Dash::Dashed { on: 4, off: 4 } };

impl Pen {
    /// Draws the polyline `points` (in drawing units) with this pen, as one `<polyline>` of
    /// the points [`simplify`] keeps, and records in `patches` the dash pattern it needs.
    fn draw(
        self,
        area: &DrawingArea<SVGBackend, Shift>,
        points: impl IntoIterator<Item = (i32, i32)>,
        patches: &mut Vec<Patch>,
    ) -> DrawResult {
        let points = simplify(points.into_iter().collect());
        if let Some(insert) = self.dash.svg_attributes() {
            // As plotters-svg writes a polyline's stroke and points.
            let (RGBColor(r, g, b), width) = (self.colour, px(self.width));
            let mut polyline =
                format!(r##"stroke="#{r:02X}{g:02X}{b:02X}" stroke-width="{width}""##);
            polyline.push_str(r#" points=""#);
            for (x, y) in &points {
                polyline.push_str(&format!("{x},{y} "));
            }
            polyline.push('"');
            patches.push(Patch { polyline, insert: format!(" {insert}") });
        }
        area.draw(&PathElement::new(points, stroke(self.colour, self.width)))
    }
}

/// The vertices of the polyline `points` that are needed to draw it. From each kept point,
/// the next one kept is the farthest whose straight segment passes within [`TOLERANCE`] of
/// every point in between, which are dropped: a straight piece of a curve (all of ReLU's
/// 201 samples right of 0) becomes its two ends, a nearly straight one a few long segments.
/// Used for every curve and line drawn with a [`Pen`].
fn simplify(points: Vec<(i32, i32)>) -> Vec<(i32, i32)> {
    // Whether `p` lies within TOLERANCE of the segment from `a` to `b`, in exact integers.
    let near = |a: (i32, i32), b: (i32, i32), p: (i32, i32)| {
        let (dx, dy) = (i64::from(b.0 - a.0), i64::from(b.1 - a.1));
        let (ux, uy) = (i64::from(p.0 - a.0), i64::from(p.1 - a.1));
        let (along, length2) = (ux * dx + uy * dy, dx * dx + dy * dy);
        if along <= 0 || along >= length2 {
            // Beside an end of the segment (or the segment is a single point).
            let (qx, qy) = if along <= 0 { (ux, uy) } else { (ux - dx, uy - dy) };
            qx * qx + qy * qy <= TOLERANCE * TOLERANCE
        } else {
            let across = ux * dy - uy * dx;
            across * across <= TOLERANCE * TOLERANCE * length2
        }
    };
    let Some(&first) = points.first() else {
        return points;
    };
    let mut kept = vec![first];
    let mut start = 0;
    while start + 1 < points.len() {
        // The farthest point the run can reach (at worst the next one).
        let end = (start + 1..points.len())
            .rev()
            .find(|&end| {
                points[start + 1..end].iter().all(|&p| near(points[start], points[end], p))
            })
            .expect("the next point is always within reach");
        kept.push(points[end]);
        start = end;
    }
    kept
}

type DrawResult = Result<(), DrawingAreaErrorKind<std::io::Error>>;

/// A circle of `radius` CSS pixels at `at` (drawing units): filled, or if `open` a ring on
/// white, so that it hides what is under it either way.
fn point(
    root: &DrawingArea<SVGBackend, Shift>,
    at: (i32, i32),
    radius: i32,
    colour: RGBColor,
    open: bool,
) -> DrawResult {
    if open {
        root.draw(&Circle::new(at, px(radius), WHITE.filled()))?;
        root.draw(&Circle::new(at, px(radius), stroke(colour, 2)))
    } else {
        root.draw(&Circle::new(at, px(radius), colour.filled()))
    }
}

struct Curve {
    pen: Pen,
    points: Vec<(f64, f64)>,
}

impl Curve {
    fn new(pen: Pen, points: Vec<(f64, f64)>) -> Curve {
        Curve { pen, points }
    }
}

/// A marked point; `open` draws a ring (a value the function approaches but does not take).
struct Dot {
    pen: Pen,
    at: (f64, f64),
    open: bool,
}

impl Dot {
    fn filled(pen: Pen, at: (f64, f64)) -> Dot {
        Dot { pen, at, open: false }
    }
}

/// A short label next to a marked point, on its right or on its left.
struct Note {
    at: (f64, f64),
    text: &'static str,
    h_pos: HPos,
}

impl Note {
    fn right_of(at: (f64, f64), text: &'static str) -> Note {
        Note { at, text, h_pos: HPos::Left }
    }

    fn left_of(at: (f64, f64), text: &'static str) -> Note {
        Note { at, text, h_pos: HPos::Right }
    }
}

/// Where the legend sits inside the plot: a corner the curves leave empty.
#[derive(Default)]
enum Corner {
    #[default]
    TopLeft,
    TopRight,
    BottomRight,
    BottomLeft,
}

/// How an axis maps values to positions.
#[derive(Default)]
enum Scale {
    #[default]
    Linear,
    /// Logarithmic: labelled at the powers of ten, with fainter gridlines between.
    Log,
    /// Linear in the exponent: the points give `log10` of the value and the labels read
    /// `10ⁿ`. For ranges that reach below `f64::EPSILON`, where plotters' logarithmic axis
    /// takes a value for 0 and leaves out its labels and gridlines.
    Decades,
}

#[derive(Default)]
struct Chart {
    title: &'static str,
    x_desc: &'static str,
    y_desc: &'static str,
    x: Range<f64>,
    x_scale: Scale,
    y: Range<f64>,
    y_scale: Scale,
    /// Drawn in order, so a later curve lies on top of an earlier one.
    curves: Vec<Curve>,
    /// One row per entry, in this order.
    legend: Vec<(Pen, String)>,
    legend_corner: Corner,
    /// Thin dashed vertical lines marking these values of x.
    rules: Vec<f64>,
    dots: Vec<Dot>,
    notes: Vec<Note>,
}

/// The legend of a figure of one function and its derivative.
fn function_legend(
    function: impl Into<String>,
    derivative: impl Into<String>,
) -> Vec<(Pen, String)> {
    vec![(FUNCTION, function.into()), (DERIVATIVE, derivative.into())]
}

/// `f` at `SAMPLES + 1` evenly spaced points of `range`, both ends included.
fn sample(f: impl Fn(f64) -> f64, range: Range<f64>) -> Vec<(f64, f64)> {
    (0..=SAMPLES)
        .map(|i| {
            let x = range.start + (range.end - range.start) * i as f64 / SAMPLES as f64;
            (x, f(x))
        })
        .collect()
}

/// `f` at `SAMPLES + 1` points of `range` evenly spaced on a logarithmic axis.
fn sample_log(f: impl Fn(f64) -> f64, range: Range<f64>) -> Vec<(f64, f64)> {
    let exponents = range.start.log10()..range.end.log10();
    sample(|e| f(10f64.powf(e)), exponents).into_iter().map(|(e, y)| (10f64.powf(e), y)).collect()
}

/// A derivative that jumps at 0, as two separate pieces, so that no vertical line is drawn
/// at the jump. The right piece starts at the smallest positive `f64`, where `f` already has
/// its right-hand value.
fn step_pieces(pen: Pen, f: impl Fn(f64) -> f64, range: Range<f64>) -> [Curve; 2] {
    let left = [(range.start, f(range.start)), (0.0, f(0.0))];
    let right = [(f64::MIN_POSITIVE, f(f64::MIN_POSITIVE)), (range.end, f(range.end))];
    [Curve::new(pen, left.to_vec()), Curve::new(pen, right.to_vec())]
}

/// The jump of a step derivative at 0: a filled dot at the value it takes at 0 and a ring at
/// the value it approaches from the right.
fn jump_dots(pen: Pen, f: impl Fn(f64) -> f64) -> Vec<Dot> {
    vec![Dot { pen, at: (0.0, f(f64::MIN_POSITIVE)), open: true }, Dot::filled(pen, (0.0, f(0.0)))]
}

/// Tick labels: at most two decimals, no trailing zeros, a true minus sign.
fn tick_label(v: &f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    match s {
        "-0" => "0".to_string(),
        s => s.replace('-', "−"),
    }
}

/// The tick labels of an axis: [`tick_label`], or on a logarithmic axis reaching below 0.01
/// or above 1000, [`power_label`]; on [`Scale::Decades`], [`exponent_label`].
fn axis_label(scale: &Scale, range: &Range<f64>) -> fn(&f64) -> String {
    match scale {
        Scale::Log if range.start < 0.01 || range.end > 1000.0 => power_label,
        Scale::Decades => decade_label,
        _ => tick_label,
    }
}

/// [`exponent_label`] at whole exponents; nothing between them, where a short axis (three
/// decades) gets ticks too and rounding would label them as the decade next to them.
fn decade_label(n: &f64) -> String {
    if (n - n.round()).abs() < 1e-9 { exponent_label(n) } else { String::new() }
}

/// A power of ten as `10⁻¹²` (1 and 10 as themselves).
fn power_label(v: &f64) -> String {
    exponent_label(&v.log10())
}

/// `10ⁿ` for the exponent `n` (rounded to an integer; 1 and 10 as themselves).
fn exponent_label(n: &f64) -> String {
    match n.round() as i32 {
        0 => "1".to_string(),
        1 => "10".to_string(),
        e => {
            const SUPERSCRIPTS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
            let digits: String = (e.unsigned_abs().to_string().bytes())
                .map(|d| SUPERSCRIPTS[usize::from(d - b'0')])
                .collect();
            let sign = if e < 0 { "⁻" } else { "" };
            format!("10{sign}{digits}")
        }
    }
}

/// Estimated advance width of `text` in em, for the legend box.
///
/// plotters without a font feature estimates any text as `0.7 × bytes × size / 1.54` px, so
/// a Hangul syllable (3 bytes in UTF-8) counts as about 1.4 em and `σ` as 0.9 em: a box sized
/// by plotters (its series legend) comes out far too wide. These classes follow DejaVu Sans,
/// the widest common sans-serif for Latin, and full-width-ish Hangul (0.92 em in Noto Sans
/// CJK KR), rounded up. Measured in Chromium, these estimates of the legends here are 1–5 %
/// wider than the text set in DejaVu Sans and 5–20 % wider than in Arial-like fonts, so the
/// text fits its box with the fonts readers are likely to have.
fn text_width_em(text: &str) -> f64 {
    text.chars()
        .map(|c| match c {
            // Hangul jamo and syllables, CJK ideographs, full-width forms.
            '\u{1100}'..='\u{11FF}'
            | '\u{3130}'..='\u{318F}'
            | '\u{AC00}'..='\u{D7AF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{FF00}'..='\u{FFEF}' => 0.95,
            ' ' | '.' | ',' | ':' | ';' | '\'' | '′' | '!' | '|' | '/' | 'i' | 'j' | 'l' => 0.32,
            '(' | ')' | '[' | ']' | 'f' | 't' | 'r' | 'I' => 0.40,
            'm' | 'w' | 'M' | 'W' => 0.95,
            'A'..='Z' => 0.70,
            '=' | '+' | '<' | '>' | '−' => 0.84,
            c if c.is_ascii() => 0.62,
            '²' | '³' | '₀'..='₉' => 0.45,
            // Greek and other symbols.
            _ => 0.65,
        })
        .sum()
}

/// A figure drawn by `draw` on a white card `width` × `height` CSS pixels, as an SVG
/// document: drawn at [`SCALE`] and shown at the CSS size, with the dash patterns `draw`
/// recorded in its patches added. Every figure, [`Chart`] or not, is rendered here.
fn card(
    width: i32,
    height: i32,
    draw: impl FnOnce(&DrawingArea<SVGBackend, Shift>, &mut Vec<Patch>) -> DrawResult,
) -> String {
    let mut svg = String::new();
    let mut patches = Vec::new();
    {
        let size = (px(width) as u32, px(height) as u32);
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        root.fill(&WHITE).expect("drawing into a String cannot fail");
        draw(&root, &mut patches).expect("drawing into a String cannot fail");
        root.present().expect("drawing into a String cannot fail");
    }
    // Display at the CSS size; the viewBox that follows keeps the drawing's size.
    let drawn = format!(r#"<svg width="{}" height="{}" "#, px(width), px(height));
    assert!(svg.starts_with(&drawn), "plotters-svg no longer starts with {drawn:?}");
    svg.replace_range(..drawn.len(), &format!(r#"<svg width="{width}" height="{height}" "#));
    // The dash patterns, each on its own polyline: the patches are in drawing order, so
    // each is looked for after the one before.
    let mut from = 0;
    for patch in patches {
        let found = svg[from..].find(&patch.polyline).map(|at| from + at);
        let at = found.unwrap_or_else(|| {
            panic!("plotters-svg no longer writes a polyline as {:?}", patch.polyline)
        });
        from = at + patch.polyline.len();
        svg.insert_str(from, &patch.insert);
    }
    svg
}

impl Chart {
    fn render(self) -> String {
        card(WIDTH, HEIGHT, |root, patches| self.draw(root, patches))
    }

    fn draw(&self, root: &DrawingArea<SVGBackend, Shift>, patches: &mut Vec<Patch>) -> DrawResult {
        // The title is drawn here rather than as plotters' caption, which pads it by at most
        // 5 drawing units (about 1 CSS px at this scale). Either way the browser centres it
        // (`text-anchor="middle"`), so plotters' byte-count width estimate plays no part.
        let title_style = font(TITLE_PX, TEXT_COLOUR).pos(Pos::new(HPos::Center, VPos::Top));
        root.draw(&Text::new(self.title, (px(WIDTH / 2), px(12)), title_style))?;
        let mut builder = ChartBuilder::on(root);
        builder
            .margin(px(12))
            .margin_top(px(42))
            // Label areas are fixed sizes, not measured: the left one holds the rotated y
            // description (placed by plotters flush with the area's outer edge) and the
            // right-aligned tick numbers; the bottom one the tick numbers and x description.
            .x_label_area_size(px(46))
            .y_label_area_size(px(58));
        let (x, y) = (self.x.clone(), self.y.clone());
        // plotters starts the labels of a logarithmic axis at 10^⌈ln(start) / ln 10⌉, and
        // ln 0.1 / ln 10 rounds to −0.99…98, so 0.1 would get no label: start a hair lower.
        let log = |r: Range<f64>| (r.start * (1.0 - 1e-12)..r.end).log_scale();
        match (matches!(self.x_scale, Scale::Log), matches!(self.y_scale, Scale::Log)) {
            (false, false) => self.draw_plot(root, builder.build_cartesian_2d(x, y)?, patches),
            (true, false) => self.draw_plot(root, builder.build_cartesian_2d(log(x), y)?, patches),
            (false, true) => self.draw_plot(root, builder.build_cartesian_2d(x, log(y))?, patches),
            (true, true) => {
                self.draw_plot(root, builder.build_cartesian_2d(log(x), log(y))?, patches)
            }
        }
    }

    /// Everything but the title, on linear or logarithmic axes.
    fn draw_plot<X, Y>(
        &self,
        root: &DrawingArea<SVGBackend, Shift>,
        mut chart: ChartContext<SVGBackend, Cartesian2d<X, Y>>,
        patches: &mut Vec<Patch>,
    ) -> DrawResult
    where
        X: Ranged<ValueType = f64> + ValueFormatter<f64>,
        Y: Ranged<ValueType = f64> + ValueFormatter<f64>,
    {
        let (x_label, y_label) =
            (axis_label(&self.x_scale, &self.x), axis_label(&self.y_scale, &self.y));
        let mut mesh = chart.configure_mesh();
        mesh.x_labels(9)
            .y_labels(8)
            .x_label_formatter(&x_label)
            .y_label_formatter(&y_label)
            .label_style(font(TICK_PX, TICK_COLOUR))
            .axis_desc_style(font(DESC_PX, TEXT_COLOUR))
            .x_desc(self.x_desc)
            .y_desc(self.y_desc)
            .bold_line_style(stroke(GRID_COLOUR, 1))
            // Gridlines at the labelled values only: minor lines add clutter and bytes.
            .light_line_style(TRANSPARENT)
            .axis_style(stroke(FRAME_COLOUR, 1))
            .set_all_tick_mark_size(px(5));
        let spread = |scale: &Scale| matches!(scale, Scale::Log | Scale::Decades);
        let (x_log, y_log) = (spread(&self.x_scale), spread(&self.y_scale));
        if x_log || y_log {
            // Labels at the powers of ten only, but the steps between them gridded faintly,
            // so that the axis reads as logarithmic; a linear axis keeps no minor lines.
            mesh.light_line_style(stroke(MINOR_GRID_COLOUR, 1));
            if !x_log {
                mesh.x_max_light_lines(0);
            }
            if !y_log {
                mesh.y_max_light_lines(0);
            }
        }
        mesh.draw()?;

        // The axes x = 0 and y = 0, darker than the grid.
        let zero = stroke(ZERO_AXIS_COLOUR, 1);
        if matches!(self.y_scale, Scale::Linear) && self.y.contains(&0.0) {
            chart.draw_series(LineSeries::new([(self.x.start, 0.0), (self.x.end, 0.0)], zero))?;
        }
        if matches!(self.x_scale, Scale::Linear) && self.x.contains(&0.0) {
            chart.draw_series(LineSeries::new([(0.0, self.y.start), (0.0, self.y.end)], zero))?;
        }
        for &x in &self.rules {
            let rule = [(x, self.y.start), (x, self.y.end)];
            RULE.draw(root, rule.iter().map(|p| chart.backend_coord(p)), patches)?;
        }

        for curve in &self.curves {
            let points = curve.points.iter().map(|p| chart.backend_coord(p));
            curve.pen.draw(root, points, patches)?;
        }

        for dot in &self.dots {
            point(root, chart.backend_coord(&dot.at), 5, dot.pen.colour, dot.open)?;
        }

        for note in &self.notes {
            let (x, y) = chart.backend_coord(&note.at);
            let dx = match note.h_pos {
                HPos::Right => -px(10),
                _ => px(10),
            };
            let style = font(NOTE_PX, TEXT_COLOUR).pos(Pos::new(note.h_pos, VPos::Bottom));
            root.draw(&Text::new(note.text, (x + dx, y - px(4)), style))?;
        }

        let (x_px, y_px) = chart.plotting_area().get_pixel_range();
        self.draw_legend(root, x_px, y_px, patches)
    }

    /// The legend, drawn by hand: a white box sized from [`text_width_em`], with a line
    /// sample and a label per row. (plotters' own series legend sizes its box from the byte
    /// count, far too wide for Hangul.)
    fn draw_legend(
        &self,
        root: &DrawingArea<SVGBackend, Shift>,
        x_px: Range<i32>,
        y_px: Range<i32>,
        patches: &mut Vec<Patch>,
    ) -> DrawResult {
        const INSET: i32 = px(10);
        const PAD: i32 = px(10);
        const ROW: i32 = px(24);
        const SAMPLE: i32 = px(34);
        const GAP: i32 = px(8);

        let text_px = self
            .legend
            .iter()
            .map(|(_, label)| (text_width_em(label) * LEGEND_PX).ceil() as i32 * SCALE)
            .max()
            .unwrap_or(0);
        // The estimate errs wide, so the right padding is a little less than the left.
        let width = PAD + SAMPLE + GAP + text_px + PAD - px(2);
        let height = PAD + ROW * self.legend.len() as i32 + PAD - px(6);
        let (x0, y0) = match self.legend_corner {
            Corner::TopLeft => (x_px.start + INSET, y_px.start + INSET),
            Corner::TopRight => (x_px.end - INSET - width, y_px.start + INSET),
            Corner::BottomRight => (x_px.end - INSET - width, y_px.end - INSET - height),
            Corner::BottomLeft => (x_px.start + INSET, y_px.end - INSET - height),
        };

        root.draw(&Rectangle::new([(x0, y0), (x0 + width, y0 + height)], WHITE.filled()))?;
        // The frame as a path: plotters writes an unfilled rectangle without a stroke width.
        let (x1, y1) = (x0 + width, y0 + height);
        let frame = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)];
        root.draw(&PathElement::new(frame, stroke(FRAME_COLOUR, 1)))?;

        let text_style = font(LEGEND_PX, TEXT_COLOUR).pos(Pos::new(HPos::Left, VPos::Center));
        for (row, (pen, label)) in self.legend.iter().enumerate() {
            let y = y0 + PAD - px(3) + ROW * row as i32 + ROW / 2;
            pen.draw(root, [(x0 + PAD, y), (x0 + PAD + SAMPLE, y)], patches)?;
            root.draw(&Text::new(
                label.as_str(),
                (x0 + PAD + SAMPLE + GAP, y),
                text_style.clone(),
            ))?;
        }
        Ok(())
    }
}

/// Mean training loss against epoch on the two-moons set for the four hidden activations of
/// [`crate::experiment::learning::ACTIVATIONS`], averaged over the seeds of
/// [`LearningConfig::full`](crate::experiment::learning::LearningConfig::full), with the loss
/// threshold of the experiment as a dashed line. ReLU (the wide pen) is drawn first: Leaky
/// ReLU's curve lies almost on it.
pub fn learning_curves() -> String {
    use crate::experiment::learning::{self, LearningConfig, MOONS_SEED};
    let config = LearningConfig::full();
    let data = learning::two_moons(
        config.moons_points,
        config.moons_noise,
        &mut crate::experiment::Rng::new(MOONS_SEED),
    );
    let runs = learning::run_task(&data, &config.moons, config.hidden, config.seeds);
    let pens = [FUNCTION, DERIVATIVE, WIDE, DOTTED];
    let curve = |i: usize| Curve::new(pens[i], by_epoch(&runs[i].mean_curve));
    let epochs = config.moons.epochs as f64;
    let threshold = config.moons.threshold;
    Chart {
        title: "활성화 함수별 학습 곡선 (두 반달 데이터, 시드 5개 평균)",
        x_desc: "에포크",
        y_desc: "평균 훈련 손실",
        x: 0.0..epochs,
        y: 0.0..0.75,
        curves: [curve(2), curve(0), curve(1), curve(3)]
            .into_iter()
            .chain([Curve::new(RULE, vec![(0.0, threshold), (epochs, threshold)])])
            .collect(),
        legend: vec![
            (pens[0], "시그모이드".into()),
            (pens[1], "tanh".into()),
            (pens[2], "ReLU".into()),
            (pens[3], "Leaky ReLU (α = 0.01)".into()),
        ],
        legend_corner: Corner::TopRight,
        notes: vec![Note::left_of((epochs, threshold), "기준 손실 0.1")],
        ..Chart::default()
    }
    .render()
}

/// The per-sample path of [`zigzag_positive`] and [`zigzag_centred`]: thinner than a curve, so
/// its many short steps stay apart.
const ZIGZAG_PATH: Pen = Pen { colour: BLUE, width: 2, dash: Dash::Solid };
/// A level set of the loss: thin and grey, under the paths.
const CONTOUR: Pen = Pen { colour: ZERO_AXIS_COLOUR, width: 1, dash: Dash::Solid };

/// The weights' path under gradient descent for inputs that are all positive, on the contours
/// of their loss: see [`crate::experiment::zigzag`].
pub fn zigzag_positive() -> String {
    let z = crate::experiment::zigzag::run(&crate::experiment::zigzag::ZigzagConfig::full());
    zigzag_chart(&z.positive, "입력이 모두 양수: 가중치의 경로와 손실의 등고선")
}

/// The same as [`zigzag_positive`] for the same inputs centred to mean zero, on the same axes.
pub fn zigzag_centred() -> String {
    let z = crate::experiment::zigzag::run(&crate::experiment::zigzag::ZigzagConfig::full());
    zigzag_chart(&z.centred, "입력의 평균이 0: 가중치의 경로와 손실의 등고선")
}

/// One case of the zig-zag experiment: four level sets of its loss (the start's loss times
/// 1, 1/2, 1/8 and 1/32, each an ellipse from the Hessian, cut where it leaves the plot), the
/// per-sample path, the full-batch path, the start and the optimum. The axes have equal
/// scales (the plot is 558 × 300 CSS px for 2.6 × 1.4 units), so an ellipse keeps its shape.
fn zigzag_chart(case: &crate::experiment::zigzag::Case, title: &'static str) -> String {
    use crate::experiment::zigzag::{OPTIMUM, START, ZigzagConfig};
    let (x, y) = (-0.5..2.1, -1.25..0.15);
    let inside = |p: &(f64, f64)| x.contains(&p.0) && y.contains(&p.1);
    let mut curves = Vec::new();
    for fraction in [1.0, 0.5, 0.125, 0.031_25] {
        let points = case.contour(fraction * case.loss(START), SAMPLES * 2);
        // The runs of points inside the plot, each its own curve.
        let mut piece = Vec::new();
        for p in points {
            if inside(&p) {
                piece.push(p);
            } else if !piece.is_empty() {
                curves.push(Curve::new(CONTOUR, std::mem::take(&mut piece)));
            }
        }
        if !piece.is_empty() {
            curves.push(Curve::new(CONTOUR, piece));
        }
    }
    curves.push(Curve::new(DERIVATIVE, case.full_batch.path.clone()));
    curves.push(Curve::new(ZIGZAG_PATH, case.per_sample.path.clone()));
    let rate = ZigzagConfig::full().learning_rate;
    Chart {
        title,
        x_desc: "가중치 w₁",
        y_desc: "가중치 w₂",
        x,
        y,
        curves,
        legend: vec![
            (ZIGZAG_PATH, format!("샘플마다 한 걸음 (학습률 {rate})")),
            (DERIVATIVE, format!("전체 배치 (학습률 {rate})")),
            (CONTOUR, "손실의 등고선".into()),
        ],
        legend_corner: Corner::TopRight,
        dots: vec![Dot::filled(FUNCTION, START), Dot::filled(DERIVATIVE, OPTIMUM)],
        notes: vec![Note::left_of(START, "시작 (0, 0)"), Note::right_of(OPTIMUM, "최적점 (1, −1)")],
        ..Chart::default()
    }
    .render()
}

/// The mean norm of the first layer's gradient against depth (1 to 20, width 16) for sigmoid,
/// tanh and ReLU with Xavier initialisation and ReLU with He initialisation, from
/// [`crate::experiment::depth`] at full size, on a logarithmic y axis, with the reference
/// `(1/4)^(L−1)` times the depth-1 sigmoid value (a grey dashed line).
pub fn depth_gradient() -> String {
    use crate::experiment::depth::{Config, first_layer_gradients};
    let data = first_layer_gradients(&Config::FULL);
    let line = |pen: Pen, norms: &[f64]| {
        Curve::new(pen, data.depths.iter().zip(norms).map(|(&d, &n)| (d as f64, n)).collect())
    };
    let reference: Vec<f64> =
        data.depths.iter().map(|&d| data.sigmoid[0] * 0.25f64.powi(d as i32 - 1)).collect();
    let last = *data.depths.last().expect("at least one depth") as f64;
    Chart {
        title: "깊이에 따라 첫 층에 도달하는 기울기",
        x_desc: "층의 수 L (너비 16)",
        y_desc: "첫 층 가중치 기울기의 크기 (로그 눈금)",
        x: 1.0..last,
        y: 1e-14..1e3,
        y_scale: Scale::Log,
        curves: vec![
            line(RULE, &reference),
            line(WIDE, &data.relu_he),
            line(DOTTED, &data.relu),
            line(DERIVATIVE, &data.tanh),
            line(FUNCTION, &data.sigmoid),
        ],
        legend: vec![
            (FUNCTION, "시그모이드 (Xavier)".into()),
            (DERIVATIVE, "tanh (Xavier)".into()),
            (DOTTED, "ReLU (Xavier)".into()),
            (WIDE, "ReLU (He)".into()),
            (RULE, "시그모이드 값 × (1/4)ᴸ⁻¹".into()),
        ],
        legend_corner: Corner::BottomLeft,
        ..Chart::default()
    }
    .render()
}

/// The error of `tanh_via_sigmoid(x)` against `tanh(x)` in ULP, for x from 1e−20 to 10 on a
/// logarithmic axis, from [`crate::experiment::numerics::tanh_via_sigmoid_ulp`]. The x axis is
/// drawn in decades ([`Scale::Decades`]: plotters' log axis drops labels below 2.2e−16); the y
/// axis is logarithmic, and an error of 0 ULP is drawn at its bottom, 0.5.
pub fn tanh_via_sigmoid_ulp() -> String {
    let points = crate::experiment::numerics::tanh_via_sigmoid_ulp(211);
    let bottom = 0.5;
    let curve = points.iter().map(|&(x, ulp)| (x.log10(), (ulp as f64).max(bottom))).collect();
    Chart {
        title: "2σ(2x) − 1로 계산한 tanh의 오차",
        x_desc: "입력 x (로그 눈금)",
        y_desc: "오차 (ULP, 로그 눈금)",
        x: -20.0..1.0,
        x_scale: Scale::Decades,
        y: bottom..1e20,
        y_scale: Scale::Log,
        curves: vec![Curve::new(FUNCTION, curve)],
        legend: vec![(FUNCTION, "tanh_via_sigmoid(x)와 tanh(x)의 거리".into())],
        legend_corner: Corner::TopRight,
        notes: vec![Note::right_of((-19.8, 4.3e18), "x ≤ 1.1 × 10⁻¹⁶: 결과가 0")],
        ..Chart::default()
    }
    .render()
}

/// Nanoseconds per element against the length of the slice, for the crate (solid) and
/// NumPy/SciPy (dashed), from the saved benchmark results ([`crate::speed`]): the figure shows
/// what `cargo xtask bench` measured, and is redrawn from `benches/results.tsv` like any other.
pub fn speed() -> String {
    let results = crate::speed::results();
    let series = |function: &str, time: fn(&crate::speed::Measurement) -> Option<f64>| {
        let points = results.iter().filter(|m| m.function == function);
        points.filter_map(|m| Some(((m.len as f64).log10(), time(m)?))).collect()
    };
    let functions = [
        ("copy", ZERO_AXIS_COLOUR, "복사 (바닥)"),
        ("relu", BLUE, "ReLU"),
        ("sigmoid", VERMILLION, "시그모이드"),
        ("tanh", BLUISH_GREEN, "tanh"),
        ("softmax", REDDISH_PURPLE, "소프트맥스"),
    ];
    let peer_dash = Dash::Dashed { on: 6, off: 4 };
    let mut curves = Vec::new();
    let mut legend = Vec::new();
    for (function, colour, name) in functions {
        let own = Pen { colour, width: 3, dash: Dash::Solid };
        curves.push(Curve::new(
            Pen { colour, width: 2, dash: peer_dash },
            series(function, |m| m.peer_ns),
        ));
        curves.push(Curve::new(own, series(function, |m| m.crate_ns)));
        legend.push((own, name.into()));
    }
    legend
        .push((Pen { colour: TICK_COLOUR, width: 2, dash: peer_dash }, "점선: NumPy·SciPy".into()));
    Chart {
        title: "원소 하나를 계산하는 데 드는 시간",
        x_desc: "배열의 원소 수 n (로그 눈금)",
        y_desc: "원소 하나당 시간, ns (로그 눈금)",
        x: 3.0..6.0,
        x_scale: Scale::Decades,
        // Room above the data for the legend.
        y: 0.05..1e4,
        y_scale: Scale::Log,
        curves,
        legend,
        legend_corner: Corner::TopRight,
        ..Chart::default()
    }
    .render()
}

// ---- Learning: one sigmoid neuron (book/learning.md) ---------------------------------------

/// The epochs at which [`learning_boundary`] draws the decision line and [`learning_loss`]
/// marks the loss, with the pen of each.
const SHOWN_EPOCHS: [(usize, Pen); 4] = [
    (0, DOTTED),
    (1, DERIVATIVE),
    (3, Pen { colour: REDDISH_PURPLE, width: 3, dash: Dash::Dashed { on: 2, off: 5 } }),
    (neuron::EPOCHS, FUNCTION),
];

/// A data point of [`learning_boundary`].
const POINT: Pen = Pen { colour: TICK_COLOUR, width: 2, dash: Dash::Solid };

/// A loss curve as `(epoch, loss)` points, entry `e` at epoch `e`.
fn by_epoch(losses: &[f64]) -> Vec<(f64, f64)> {
    losses.iter().enumerate().map(|(e, &l)| (e as f64, l)).collect()
}

/// The neuron's losses over [`neuron::EPOCHS`] epochs from [`neuron::START`] at `rate`.
fn neuron_losses(data: &[Sample], rate: f64) -> Vec<f64> {
    let mut neuron = neuron::START;
    neuron.train(data, rate, neuron::EPOCHS)
}

/// The mean loss of the neuron against epoch at the right rate, with the epochs drawn in
/// [`learning_boundary`] marked and [`neuron::lowest_loss`] as a dashed line.
pub fn learning_loss() -> String {
    let data = neuron::book_data();
    let curve = neuron_losses(&data, neuron::RATES[1]);
    let lowest = neuron::lowest_loss(&data);
    let end = neuron::EPOCHS as f64;
    Chart {
        title: "경사 하강법으로 줄어드는 손실 (학습률 1)",
        x_desc: "에포크",
        y_desc: "평균 손실 (크로스 엔트로피)",
        x: 0.0..end,
        y: 0.0..1.4,
        curves: vec![
            Curve::new(RULE, vec![(0.0, lowest), (end, lowest)]),
            Curve::new(FUNCTION, by_epoch(&curve)),
        ],
        legend: vec![(FUNCTION, "훈련 데이터 40개의 평균 손실".into())],
        legend_corner: Corner::TopRight,
        dots: SHOWN_EPOCHS.iter().map(|&(e, pen)| Dot::filled(pen, (e as f64, curve[e]))).collect(),
        notes: vec![Note::left_of((end, lowest), "가장 낮은 손실 0.188")],
        ..Chart::default()
    }
    .render()
}

/// The data of the neuron (class 1 filled, class 0 open) and its decision line `z = 0` at the
/// epochs of [`SHOWN_EPOCHS`], with a key for the two kinds of point in the lower right.
pub fn learning_boundary() -> String {
    let data = neuron::book_data();
    let (x, y) = (-4.0..4.0, -3.0..4.0);
    let corners = [(x.start, y.start), (x.end, y.start), (x.end, y.end), (x.start, y.end)];
    let curves = SHOWN_EPOCHS
        .iter()
        .map(|&(epochs, pen)| {
            let mut at = neuron::START;
            at.train(&data, neuron::RATES[1], epochs);
            let (_, mut ends) = half_plane(&corners, at.w, at.b);
            ends.sort_by(|p, q| p.0.total_cmp(&q.0));
            Curve::new(pen, ends)
        })
        .collect();
    let mut dots: Vec<Dot> =
        data.iter().map(|s| Dot { pen: POINT, at: (s.x[0], s.x[1]), open: s.y < 0.5 }).collect();
    let (key_1, key_0) = ((-3.7, -2.3), (-3.7, -2.75));
    dots.push(Dot::filled(POINT, key_1));
    dots.push(Dot { pen: POINT, at: key_0, open: true });
    Chart {
        title: "에포크마다 움직이는 결정 경계 (학습률 1)",
        x_desc: "입력 x₁",
        y_desc: "입력 x₂",
        curves,
        legend: SHOWN_EPOCHS.iter().map(|&(e, pen)| (pen, format!("{e} 에포크 뒤"))).collect(),
        legend_corner: Corner::TopLeft,
        dots,
        notes: vec![
            Note::right_of((key_1.0, key_1.1 - 0.12), "클래스 1 (y = 1)"),
            Note::right_of((key_0.0, key_0.1 - 0.12), "클래스 0 (y = 0)"),
        ],
        x,
        y,
        ..Chart::default()
    }
    .render()
}

/// The neuron's mean loss against epoch for the three learning rates of
/// [`crate::experiment::neuron::RATES`]: too small, about right, too large.
pub fn learning_rates() -> String {
    let data = neuron::book_data();
    let pens = [DOTTED, FUNCTION, DERIVATIVE];
    let names = ["너무 작음", "알맞음", "너무 큼"];
    let curve = |i: usize| Curve::new(pens[i], by_epoch(&neuron_losses(&data, neuron::RATES[i])));
    Chart {
        title: "학습률에 따라 달라지는 손실의 변화",
        x_desc: "에포크",
        y_desc: "평균 손실 (크로스 엔트로피)",
        x: 0.0..neuron::EPOCHS as f64,
        // Room above the spikes of the largest rate (up to 3.0) for the legend.
        y: 0.0..4.2,
        curves: vec![curve(0), curve(2), curve(1)],
        legend: (0..3)
            .map(|i| (pens[i], format!("학습률 {} ({})", neuron::RATES[i], names[i])))
            .collect(),
        legend_corner: Corner::TopRight,
        ..Chart::default()
    }
    .render()
}
