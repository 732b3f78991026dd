//! The book's figures: one function per figure, each returning an SVG document.
//!
//! Every figure draws an activation and its derivative by calling [`crate::activation`], so
//! a figure cannot disagree with the code the book tests. The SVGs are committed under
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
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::activation as act;

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
            Curve::new(Role::Function, sample(act::sigmoid, x.clone())),
            Curve::new(Role::Derivative, sample(act::sigmoid_derivative, x.clone())),
        ],
        legend: ["시그모이드 σ(x)".to_string(), "도함수 σ′(x) = σ(x)(1 − σ(x))".to_string()],
        legend_corner: Corner::TopLeft,
        dots: vec![Dot::filled(Role::Derivative, (0.0, act::sigmoid_derivative(0.0)))],
        notes: vec![Note::right_of((0.0, act::sigmoid_derivative(0.0)), "최댓값 σ′(0) = 1/4")],
        x,
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
            Curve::new(Role::Function, sample(act::tanh, x.clone())),
            Curve::new(Role::Derivative, sample(act::tanh_derivative, x.clone())),
        ],
        legend: ["tanh(x)".to_string(), "도함수 tanh′(x) = 1 − tanh²(x)".to_string()],
        // tanh fills the upper right and lower left; the lower right is empty.
        legend_corner: Corner::BottomRight,
        dots: vec![Dot::filled(Role::Derivative, (0.0, act::tanh_derivative(0.0)))],
        // Left of the dot: to its right tanh itself climbs towards 1.
        notes: vec![Note::left_of((0.0, act::tanh_derivative(0.0)), "최댓값 1 (x = 0)")],
        x,
    }
    .render()
}

/// ReLU on x ∈ [−3, 3] and its step-shaped derivative, drawn as two pieces with the jump at
/// 0 shown by a filled dot (the value the crate uses at 0) and an open one.
pub fn relu() -> String {
    let x = -3.0..3.0;
    let mut curves = vec![Curve::new(Role::Function, sample(act::relu, x.clone()))];
    curves.extend(step_pieces(act::relu_derivative, x.clone()));
    Chart {
        title: "렐루(ReLU) 함수와 도함수",
        x_desc: "입력 x",
        y_desc: "출력과 기울기",
        y: -0.5..3.2,
        curves,
        legend: ["ReLU(x) = max(0, x)".to_string(), "도함수: x > 0이면 1, 아니면 0".to_string()],
        legend_corner: Corner::TopLeft,
        dots: jump_dots(act::relu_derivative),
        notes: Vec::new(),
        x,
    }
    .render()
}

/// Leaky ReLU with α = 0.1 on x ∈ [−3, 3] and its derivative (1 or α), with the jump of the
/// derivative at 0 marked as for ReLU.
pub fn leaky_relu() -> String {
    let x = -3.0..3.0;
    let f = |x| act::leaky_relu(x, LEAKY_ALPHA);
    let df = |x| act::leaky_relu_derivative(x, LEAKY_ALPHA);
    let mut curves = vec![Curve::new(Role::Function, sample(f, x.clone()))];
    curves.extend(step_pieces(df, x.clone()));
    Chart {
        title: "리키 렐루(Leaky ReLU) 함수와 도함수",
        x_desc: "입력 x",
        y_desc: "출력과 기울기",
        y: -0.5..3.2,
        curves,
        legend: [
            format!("Leaky ReLU (α = {LEAKY_ALPHA})"),
            format!("도함수: x > 0이면 1, 아니면 α = {LEAKY_ALPHA}"),
        ],
        legend_corner: Corner::TopLeft,
        dots: jump_dots(df),
        notes: Vec::new(),
        x,
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
            Curve::new(Role::Function, sample(p, z.clone())),
            Curve::new(Role::Derivative, sample(dp, z.clone())),
        ],
        legend: ["p = softmax([z, 0])₁".to_string(), "도함수 dp/dz = p(1 − p)".to_string()],
        legend_corner: Corner::TopLeft,
        dots: vec![Dot::filled(Role::Derivative, (0.0, dp(0.0)))],
        notes: vec![Note::right_of((0.0, dp(0.0)), "최댓값 1/4 (z = 0)")],
        x: z,
    }
    .render()
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

/// Segments per smooth curve: no visible corners at this width, a few kB of SVG per curve.
const SAMPLES: usize = 400;

/// Okabe–Ito blue and vermillion: told apart with every common colour-vision deficiency,
/// and the derivative is dashed as well, so colour is never the only cue.
const FUNCTION_COLOUR: RGBColor = RGBColor(0x00, 0x72, 0xB2);
const DERIVATIVE_COLOUR: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
const TEXT_COLOUR: RGBColor = RGBColor(0x22, 0x22, 0x22);
const TICK_COLOUR: RGBColor = RGBColor(0x44, 0x44, 0x44);
const GRID_COLOUR: RGBColor = RGBColor(0xE3, 0xE3, 0xE3);
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

#[derive(Clone, Copy)]
enum Role {
    Function,
    Derivative,
}

impl Role {
    fn colour(self) -> RGBColor {
        match self {
            Role::Function => FUNCTION_COLOUR,
            Role::Derivative => DERIVATIVE_COLOUR,
        }
    }
}

struct Curve {
    role: Role,
    points: Vec<(f64, f64)>,
}

impl Curve {
    fn new(role: Role, points: Vec<(f64, f64)>) -> Curve {
        Curve { role, points }
    }
}

/// A marked point; `open` draws a ring (a value the function approaches but does not take).
struct Dot {
    role: Role,
    at: (f64, f64),
    open: bool,
}

impl Dot {
    fn filled(role: Role, at: (f64, f64)) -> Dot {
        Dot { role, at, open: false }
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
enum Corner {
    TopLeft,
    BottomRight,
}

struct Chart {
    title: &'static str,
    x_desc: &'static str,
    y_desc: &'static str,
    x: Range<f64>,
    y: Range<f64>,
    curves: Vec<Curve>,
    /// The labels of the function (solid) and of its derivative (dashed).
    legend: [String; 2],
    legend_corner: Corner,
    dots: Vec<Dot>,
    notes: Vec<Note>,
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

/// A derivative that jumps at 0, as two separate pieces, so that no vertical line is drawn
/// at the jump. The right piece starts at the smallest positive `f64`, where `f` already has
/// its right-hand value.
fn step_pieces(f: impl Fn(f64) -> f64, range: Range<f64>) -> [Curve; 2] {
    let left = [(range.start, f(range.start)), (0.0, f(0.0))];
    let right = [(f64::MIN_POSITIVE, f(f64::MIN_POSITIVE)), (range.end, f(range.end))];
    [Curve::new(Role::Derivative, left.to_vec()), Curve::new(Role::Derivative, right.to_vec())]
}

/// The jump of a step derivative at 0: a filled dot at the value it takes at 0 and a ring at
/// the value it approaches from the right.
fn jump_dots(f: impl Fn(f64) -> f64) -> Vec<Dot> {
    vec![
        Dot { role: Role::Derivative, at: (0.0, f(f64::MIN_POSITIVE)), open: true },
        Dot::filled(Role::Derivative, (0.0, f(0.0))),
    ]
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

impl Chart {
    fn render(self) -> String {
        let mut svg = String::new();
        {
            let size = (px(WIDTH) as u32, px(HEIGHT) as u32);
            let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
            self.draw(&root).expect("drawing into a String cannot fail");
            root.present().expect("drawing into a String cannot fail");
        }
        // Display at the CSS size; the viewBox that follows keeps the drawing's size.
        let drawn = format!(r#"<svg width="{}" height="{}" "#, px(WIDTH), px(HEIGHT));
        assert!(svg.starts_with(&drawn), "plotters-svg no longer starts with {drawn:?}");
        svg.replace_range(..drawn.len(), &format!(r#"<svg width="{WIDTH}" height="{HEIGHT}" "#));
        svg
    }

    fn draw(
        &self,
        root: &DrawingArea<SVGBackend, Shift>,
    ) -> Result<(), DrawingAreaErrorKind<std::io::Error>> {
        root.fill(&WHITE)?;
        // The title is drawn here rather than as plotters' caption, which pads it by at most
        // 5 drawing units (about 1 CSS px at this scale). Either way the browser centres it
        // (`text-anchor="middle"`), so plotters' byte-count width estimate plays no part.
        let title_style = font(TITLE_PX, TEXT_COLOUR).pos(Pos::new(HPos::Center, VPos::Top));
        root.draw(&Text::new(self.title, (px(WIDTH / 2), px(12)), title_style))?;
        let mut chart = ChartBuilder::on(root)
            .margin(px(12))
            .margin_top(px(42))
            // Label areas are fixed sizes, not measured: the left one holds the rotated y
            // description (placed by plotters flush with the area's outer edge) and the
            // right-aligned tick numbers; the bottom one the tick numbers and x description.
            .x_label_area_size(px(46))
            .y_label_area_size(px(58))
            .build_cartesian_2d(self.x.clone(), self.y.clone())?;

        chart
            .configure_mesh()
            .x_labels(9)
            .y_labels(8)
            .x_label_formatter(&tick_label)
            .y_label_formatter(&tick_label)
            .label_style(font(TICK_PX, TICK_COLOUR))
            .axis_desc_style(font(DESC_PX, TEXT_COLOUR))
            .x_desc(self.x_desc)
            .y_desc(self.y_desc)
            .bold_line_style(stroke(GRID_COLOUR, 1))
            // Gridlines at the labelled values only: minor lines add clutter and bytes.
            .light_line_style(TRANSPARENT)
            .axis_style(stroke(FRAME_COLOUR, 1))
            .set_all_tick_mark_size(px(5))
            .draw()?;

        // The axes x = 0 and y = 0, darker than the grid.
        let zero = stroke(ZERO_AXIS_COLOUR, 1);
        if self.y.contains(&0.0) {
            chart.draw_series(LineSeries::new([(self.x.start, 0.0), (self.x.end, 0.0)], zero))?;
        }
        if self.x.contains(&0.0) {
            chart.draw_series(LineSeries::new([(0.0, self.y.start), (0.0, self.y.end)], zero))?;
        }

        for curve in &self.curves {
            let style = stroke(curve.role.colour(), 3);
            let points = curve.points.iter().copied();
            match curve.role {
                Role::Function => chart.draw_series(LineSeries::new(points, style))?,
                Role::Derivative => {
                    chart.draw_series(DashedLineSeries::new(points, px(9), px(6), style))?
                }
            };
        }

        for dot in &self.dots {
            let colour = dot.role.colour();
            let at = chart.backend_coord(&dot.at);
            if dot.open {
                root.draw(&Circle::new(at, px(5), WHITE.filled()))?;
                root.draw(&Circle::new(at, px(5), stroke(colour, 2)))?;
            } else {
                root.draw(&Circle::new(at, px(5), colour.filled()))?;
            }
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
        self.draw_legend(root, x_px, y_px)
    }

    /// The legend, drawn by hand: a white box sized from [`text_width_em`], with a line
    /// sample and a label per row. (plotters' own series legend sizes its box from the byte
    /// count, far too wide for Hangul.)
    fn draw_legend(
        &self,
        root: &DrawingArea<SVGBackend, Shift>,
        x_px: Range<i32>,
        y_px: Range<i32>,
    ) -> Result<(), DrawingAreaErrorKind<std::io::Error>> {
        const INSET: i32 = px(10);
        const PAD: i32 = px(10);
        const ROW: i32 = px(24);
        const SAMPLE: i32 = px(34);
        const GAP: i32 = px(8);

        let text_px = self
            .legend
            .iter()
            .map(|label| (text_width_em(label) * LEGEND_PX).ceil() as i32 * SCALE)
            .max()
            .unwrap_or(0);
        // The estimate errs wide, so the right padding is a little less than the left.
        let width = PAD + SAMPLE + GAP + text_px + PAD - px(2);
        let height = PAD + ROW * self.legend.len() as i32 + PAD - px(6);
        let (x0, y0) = match self.legend_corner {
            Corner::TopLeft => (x_px.start + INSET, y_px.start + INSET),
            Corner::BottomRight => (x_px.end - INSET - width, y_px.end - INSET - height),
        };

        root.draw(&Rectangle::new([(x0, y0), (x0 + width, y0 + height)], WHITE.filled()))?;
        // The frame as a path: plotters writes an unfilled rectangle without a stroke width.
        let (x1, y1) = (x0 + width, y0 + height);
        let frame = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)];
        root.draw(&PathElement::new(frame, stroke(FRAME_COLOUR, 1)))?;

        let text_style = font(LEGEND_PX, TEXT_COLOUR).pos(Pos::new(HPos::Left, VPos::Center));
        let roles = [Role::Function, Role::Derivative];
        for (row, (label, role)) in self.legend.iter().zip(roles).enumerate() {
            let y = y0 + PAD - px(3) + ROW * row as i32 + ROW / 2;
            let line = [(x0 + PAD, y), (x0 + PAD + SAMPLE, y)];
            let style = stroke(role.colour(), 3);
            match role {
                Role::Function => root.draw(&PathElement::new(line, style))?,
                Role::Derivative => {
                    root.draw(&DashedPathElement::new(line, px(9), px(6), style))?
                }
            }
            root.draw(&Text::new(
                label.as_str(),
                (x0 + PAD + SAMPLE + GAP, y),
                text_style.clone(),
            ))?;
        }
        Ok(())
    }
}
