//! The figures of book/learning.md: one sigmoid neuron learning, its loss, its decision
//! boundary and the effect of the learning rate.

use super::chart::*;
use super::perceptron::half_plane;
use crate::experiment::mlp::Sample;
use crate::experiment::neuron;

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
pub(super) fn by_epoch(losses: &[f64]) -> Vec<(f64, f64)> {
    losses.iter().enumerate().map(|(e, &l)| (e as f64, l)).collect()
}

/// The neuron's losses over [`neuron::EPOCHS`] epochs from [`neuron::START`] at `rate`.
fn neuron_losses(data: &[Sample], rate: f64) -> Vec<f64> {
    let mut neuron = neuron::START;
    neuron.train(data, rate, neuron::EPOCHS)
}

/// The mean loss of the neuron against epoch at the right rate, with the epochs drawn in
/// [`learning_boundary`] marked and [`neuron::lowest_loss`] as a dashed line.
#[must_use]
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
/// epochs of `SHOWN_EPOCHS`, with a key for the two kinds of point in the lower right.
#[must_use]
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
#[must_use]
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
