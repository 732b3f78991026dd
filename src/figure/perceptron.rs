//! The figures of the perceptron chapters (book/perceptron.md, book/perceptron-learning.md):
//! the diagram, the logic gates and Rosenblatt's rule learning AND.

use libm::hypot;
use plotters::prelude::{
    ChartBuilder, Circle, Color, PathElement, Polygon, RGBColor, Rectangle, TRANSPARENT, Text,
    WHITE,
};
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::chart::*;
use crate::{Activation, Perceptron};

/// The perceptron as a diagram: inputs x₁, x₂, …, xₙ, each arrow carrying its weight, the
/// bias b, the node Σ that adds them into z = w·x + b, the activation f and the output ŷ.
/// Names under each part, in Korean with the symbols.
#[must_use]
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
            let d = hypot(b.0 - a.0, b.1 - a.1);
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
#[must_use]
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
#[must_use]
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
pub(super) type Points = Vec<(f64, f64)>;

/// The part of the convex polygon `corners` where `w·p + b ≥ 0`, and the ends of the line
/// `w·p + b = 0` across it: one step of Sutherland–Hodgman clipping.
pub(super) fn half_plane(corners: &[(f64, f64)], w: [f64; 2], b: f64) -> (Points, Points) {
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
