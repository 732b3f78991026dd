//! The figures of the experiment chapters: learning curves, the zigzag, the gradient through
//! depth, the ULP error of `tanh_via_sigmoid`, and the measured speed.

use super::chart::*;
use super::learning::by_epoch;
use libm::log10;

/// Mean training loss against epoch on the two-moons set for the four hidden activations of
/// [`crate::experiment::learning::ACTIVATIONS`], averaged over the seeds of
/// [`LearningConfig::full`](crate::experiment::learning::LearningConfig::full), with the loss
/// threshold of the experiment as a dashed line. ReLU (the wide pen) is drawn first: Leaky
/// ReLU's curve lies almost on it.
#[must_use]
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
#[must_use]
pub fn zigzag_positive() -> String {
    let z = crate::experiment::zigzag::run(&crate::experiment::zigzag::ZigzagConfig::full());
    zigzag_chart(&z.positive, "입력이 모두 양수: 가중치의 경로와 손실의 등고선")
}

/// The same as [`zigzag_positive`] for the same inputs centred to mean zero, on the same axes.
#[must_use]
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
#[must_use]
pub fn depth_gradient() -> String {
    use crate::experiment::depth::{Config, first_layer_gradients};
    let data = first_layer_gradients(&Config::FULL);
    let reference: Vec<f64> =
        data.depths.iter().map(|&d| data.sigmoid[0] * 0.25f64.powi(d as i32 - 1)).collect();
    depth_chart(
        "깊이에 따라 첫 층에 도달하는 기울기",
        &data.depths,
        &[
            (RULE, &reference),
            (WIDE, &data.relu_he),
            (DOTTED, &data.relu),
            (DERIVATIVE, &data.tanh),
            (FUNCTION, &data.sigmoid),
        ],
        vec![
            (FUNCTION, "시그모이드 (Xavier)".into()),
            (DERIVATIVE, "tanh (Xavier)".into()),
            (DOTTED, "ReLU (Xavier)".into()),
            (WIDE, "ReLU (He)".into()),
            (RULE, "시그모이드 값 × (1/4)ᴸ⁻¹".into()),
        ],
    )
}

/// The same measurement as [`depth_gradient`] for the modern activations and the residual
/// sigmoid network ([`crate::experiment::depth::modern_gradients`], same weights and inputs):
/// GELU with Xavier and He initialisation, ELU with Xavier, SELU with LeCun normal, sigmoid
/// with residual connections, and plain sigmoid (thin grey) for reference. SiLU is left out:
/// its curves follow GELU's.
#[must_use]
pub fn depth_gradient_modern() -> String {
    use crate::experiment::depth::{Config, first_layer_gradients, modern_gradients};
    let plain = first_layer_gradients(&Config::FULL);
    let data = modern_gradients(&Config::FULL);
    let grey = Pen { colour: ZERO_AXIS_COLOUR, width: 2, dash: Dash::Solid };
    let gelu_he = Pen { colour: BLUE, width: 3, dash: Dash::Dashed { on: 9, off: 6 } };
    let elu = Pen { colour: VERMILLION, width: 3, dash: Dash::Solid };
    depth_chart(
        "현대의 활성화 함수와 잔차 연결: 첫 층에 도달하는 기울기",
        &data.depths,
        &[
            (WIDE, &data.sigmoid_residual),
            (grey, &plain.sigmoid),
            (DOTTED, &data.selu),
            (elu, &data.elu),
            (gelu_he, &data.gelu_he),
            (FUNCTION, &data.gelu),
        ],
        vec![
            (FUNCTION, "GELU (Xavier)".into()),
            (gelu_he, "GELU (He)".into()),
            (elu, "ELU (Xavier)".into()),
            (DOTTED, "SELU (LeCun)".into()),
            (WIDE, "시그모이드 + 잔차 연결".into()),
            (grey, "시그모이드 (잔차 연결 없음)".into()),
        ],
    )
}

/// The frame of [`depth_gradient`] and [`depth_gradient_modern`]: depth from 1 to the last of
/// `depths` on x, the gradient's norm on a logarithmic y axis from 1e−14 to 1e3, the legend
/// at the bottom left. Each curve is a pen and one norm per depth, drawn in order.
fn depth_chart(
    title: &'static str,
    depths: &[usize],
    curves: &[(Pen, &[f64])],
    legend: Vec<(Pen, String)>,
) -> String {
    let line = |&(pen, norms): &(Pen, &[f64])| {
        Curve::new(pen, depths.iter().zip(norms).map(|(&d, &n)| (d as f64, n)).collect())
    };
    let last = *depths.last().expect("at least one depth") as f64;
    Chart {
        title,
        x_desc: "층의 수 L (너비 16)",
        y_desc: "첫 층 가중치 기울기의 크기 (로그 눈금)",
        x: 1.0..last,
        y: 1e-14..1e3,
        y_scale: Scale::Log,
        curves: curves.iter().map(line).collect(),
        legend,
        legend_corner: Corner::BottomLeft,
        ..Chart::default()
    }
    .render()
}

/// The error of `tanh_via_sigmoid(x)` against `tanh(x)` in ULP, for x from 1e−20 to 10 on a
/// logarithmic axis, from [`crate::experiment::numerics::tanh_via_sigmoid_ulp`]. The x axis is
/// drawn in decades (`Scale::Decades`: plotters' log axis drops labels below 2.2e−16); the y
/// axis is logarithmic, and an error of 0 ULP is drawn at its bottom, 0.5.
#[must_use]
pub fn tanh_via_sigmoid_ulp() -> String {
    let points = crate::experiment::numerics::tanh_via_sigmoid_ulp(211);
    let bottom = 0.5;
    let curve = points.iter().map(|&(x, ulp)| (log10(x), (ulp as f64).max(bottom))).collect();
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
#[must_use]
pub fn speed() -> String {
    let results = crate::speed::results();
    let series = |function: &str, time: fn(&crate::speed::Measurement) -> Option<f64>| {
        let points = results.iter().filter(|m| m.function == function);
        points.filter_map(|m| Some((log10(m.len as f64), time(m)?))).collect()
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
