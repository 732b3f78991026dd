//! The chart builder under every figure: a small charting layer on plotters. [`Chart`] lays
//! out one plot (title, axes, ticks, curves, dots, notes and a hand-drawn legend), [`Pen`]
//! and [`Dash`] say how a line is drawn, [`simplify`] drops the polyline vertices nobody can
//! see, and [`card`] renders any drawing as the book's SVG card (with `super::svg` doing the
//! text post-processing plotters cannot).

use libm::{hypot, log10, pow};
use std::ops::Range;

use plotters::coord::Shift;
use plotters::coord::ranged1d::ValueFormatter;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::svg::{self, Patch};

/// The figure's size in CSS pixels.
pub(super) const WIDTH: i32 = 640;
pub(super) const HEIGHT: i32 = 400;
/// Drawing units per CSS pixel. plotters rounds every coordinate to a whole unit; drawn at
/// 1:1, curves show one-pixel stairs on 2× and 3× screens. So the figure is drawn 4× larger
/// and the `<svg>` element is given the CSS size, its `viewBox` keeping the drawing size.
pub(super) const SCALE: i32 = 4;

/// `css_px` CSS pixels in drawing units.
pub(super) const fn px(css_px: i32) -> i32 {
    css_px * SCALE
}

/// A stroke `css_px` CSS pixels wide.
pub(super) fn stroke(colour: impl Color, css_px: i32) -> ShapeStyle {
    colour.stroke_width(px(css_px) as u32)
}

/// Points sampled per curve: no visible corners at this width. Most of them are dropped again
/// by [`simplify`] before the curve is written.
pub(super) const SAMPLES: usize = 400;

/// How far, in drawing units (a quarter of a CSS pixel), [`simplify`] lets a curve's polyline
/// pass from a point it drops: about as far as plotters' own rounding to whole units has
/// already moved each point (up to 0.7 units), and far below the width of any line.
pub(super) const TOLERANCE: i64 = 1;

/// Okabe–Ito colours: told apart with every common colour-vision deficiency. Each pen below
/// also has its own width or dash pattern, so colour is never the only cue.
pub(super) const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
pub(super) const VERMILLION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
pub(super) const BLUISH_GREEN: RGBColor = RGBColor(0x00, 0x9E, 0x73);
pub(super) const REDDISH_PURPLE: RGBColor = RGBColor(0xCC, 0x79, 0xA7);
pub(super) const TEXT_COLOUR: RGBColor = RGBColor(0x22, 0x22, 0x22);
pub(super) const TICK_COLOUR: RGBColor = RGBColor(0x44, 0x44, 0x44);
/// The faint greys (grid and frame) are black at an opacity, not opaque greys: on white they
/// are the same greys (#E3E3E3, #F0F0F0, #BBBBBB), and under the dark themes' inverting filter
/// (theme/figures.css) they become white at that opacity over the page, as faint there as
/// here. An opaque #E3E3E3 would invert to #1C1C1C, invisible on those pages.
pub(super) const GRID_COLOUR: RGBAColor = RGBAColor(0, 0, 0, 0.11);
/// Gridlines between the labelled values of a logarithmic axis (2, 3, …, 9 times a power of
/// ten), fainter than the labelled ones.
pub(super) const MINOR_GRID_COLOUR: RGBAColor = RGBAColor(0, 0, 0, 0.06);
/// The axes at 0, rules, contours and grey data lines: the lightest grey with 3:1 on white
/// (3.4:1; #999999 had 2.8:1), and 3.5:1 or more when inverted on the dark themes.
pub(super) const ZERO_AXIS_COLOUR: RGBColor = RGBColor(0x8C, 0x8C, 0x8C);
pub(super) const FRAME_COLOUR: RGBAColor = RGBAColor(0, 0, 0, 0.27);

/// Font sizes in CSS pixels as they appear in the SVG.
pub(super) const TITLE_PX: f64 = 18.0;
pub(super) const DESC_PX: f64 = 14.0;
pub(super) const LEGEND_PX: f64 = 14.0;
pub(super) const TICK_PX: f64 = 12.0;
pub(super) const NOTE_PX: f64 = 12.0;

/// A text style `css_px` CSS pixels high.
///
/// plotters-svg writes `font-size = size / 1.24`, so the size handed to plotters is
/// `css_px × SCALE × 1.24` (the sizes above are chosen so that this round trip is exact in
/// `f64` and the SVG says `font-size="56"`, not `56.00000000000001`).
pub(super) fn font(css_px: f64, colour: RGBColor) -> TextStyle<'static> {
    (FontFamily::SansSerif, css_px * f64::from(SCALE) * 1.24).into_font().color(&colour)
}

/// How a curve, its legend sample and its dots are drawn.
#[derive(Clone, Copy)]
pub(super) struct Pen {
    pub(super) colour: RGBColor,
    /// Line width (or dot diameter) in CSS pixels.
    pub(super) width: i32,
    pub(super) dash: Dash,
}

#[derive(Clone, Copy)]
pub(super) enum Dash {
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
    pub(super) fn svg_attributes(self) -> Option<String> {
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

/// A function: solid blue.
pub(super) const FUNCTION: Pen = Pen { colour: BLUE, width: 3, dash: Dash::Solid };
/// Its derivative: dashed vermillion.
pub(super) const DERIVATIVE: Pen =
    Pen { colour: VERMILLION, width: 3, dash: Dash::Dashed { on: 9, off: 6 } };
/// For figures of several curves, a third and fourth pen. The wide one is drawn first, under
/// curves that coincide with it over part of the axis, so it shows as a band around them.
pub(super) const WIDE: Pen = Pen { colour: REDDISH_PURPLE, width: 7, dash: Dash::Solid };
pub(super) const DOTTED: Pen =
    Pen { colour: BLUISH_GREEN, width: 5, dash: Dash::Dotted { every: 9 } };
/// A thin dashed vertical line marking a value of x.
pub(super) const RULE: Pen =
    Pen { colour: ZERO_AXIS_COLOUR, width: 1, dash: Dash::Dashed { on: 4, off: 4 } };

impl Pen {
    /// Draws the polyline `points` (in drawing units) with this pen, as one `<polyline>` of
    /// the points [`simplify`] keeps, and records in `patches` the dash pattern it needs.
    pub(super) fn draw(
        self,
        area: &DrawingArea<SVGBackend, Shift>,
        points: impl IntoIterator<Item = (i32, i32)>,
        patches: &mut Vec<Patch>,
    ) -> DrawResult {
        let points = simplify(points.into_iter().collect());
        if let Some(insert) = self.dash.svg_attributes() {
            let polyline = svg::polyline_key(self.colour, px(self.width), &points);
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
pub(super) fn simplify(points: Vec<(i32, i32)>) -> Vec<(i32, i32)> {
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

pub(super) type DrawResult = Result<(), DrawingAreaErrorKind<std::io::Error>>;

/// A circle of `radius` CSS pixels at `at` (drawing units): filled, or if `open` a ring on
/// white, so that it hides what is under it either way.
pub(super) fn point(
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

pub(super) struct Curve {
    pub(super) pen: Pen,
    pub(super) points: Vec<(f64, f64)>,
}

impl Curve {
    pub(super) fn new(pen: Pen, points: Vec<(f64, f64)>) -> Curve {
        Curve { pen, points }
    }
}

/// A marked point; `open` draws a ring (a value the function approaches but does not take).
pub(super) struct Dot {
    pub(super) pen: Pen,
    pub(super) at: (f64, f64),
    pub(super) open: bool,
}

impl Dot {
    pub(super) fn filled(pen: Pen, at: (f64, f64)) -> Dot {
        Dot { pen, at, open: false }
    }
}

/// A short label next to a marked point, on its right or on its left.
pub(super) struct Note {
    pub(super) at: (f64, f64),
    pub(super) text: &'static str,
    pub(super) h_pos: HPos,
}

impl Note {
    pub(super) fn right_of(at: (f64, f64), text: &'static str) -> Note {
        Note { at, text, h_pos: HPos::Left }
    }

    pub(super) fn left_of(at: (f64, f64), text: &'static str) -> Note {
        Note { at, text, h_pos: HPos::Right }
    }
}

/// Where the legend sits inside the plot: a corner the curves leave empty.
#[derive(Default)]
pub(super) enum Corner {
    #[default]
    TopLeft,
    TopRight,
    BottomRight,
    BottomLeft,
}

/// How an axis maps values to positions.
#[derive(Default)]
pub(super) enum Scale {
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
pub(super) struct Chart {
    pub(super) title: &'static str,
    pub(super) x_desc: &'static str,
    pub(super) y_desc: &'static str,
    pub(super) x: Range<f64>,
    pub(super) x_scale: Scale,
    pub(super) y: Range<f64>,
    pub(super) y_scale: Scale,
    /// Drawn in order, so a later curve lies on top of an earlier one.
    pub(super) curves: Vec<Curve>,
    /// One row per entry, in this order.
    pub(super) legend: Vec<(Pen, String)>,
    pub(super) legend_corner: Corner,
    /// Thin dashed vertical lines marking these values of x.
    pub(super) rules: Vec<f64>,
    pub(super) dots: Vec<Dot>,
    pub(super) notes: Vec<Note>,
}

/// The legend of a figure of one function and its derivative.
pub(super) fn function_legend(
    function: impl Into<String>,
    derivative: impl Into<String>,
) -> Vec<(Pen, String)> {
    vec![(FUNCTION, function.into()), (DERIVATIVE, derivative.into())]
}

/// `f` at `SAMPLES + 1` evenly spaced points of `range`, both ends included.
pub(super) fn sample(f: impl Fn(f64) -> f64, range: Range<f64>) -> Vec<(f64, f64)> {
    (0..=SAMPLES)
        .map(|i| {
            let x = range.start + (range.end - range.start) * i as f64 / SAMPLES as f64;
            (x, f(x))
        })
        .collect()
}

/// `f` at `SAMPLES + 1` points of `range` evenly spaced on a logarithmic axis.
pub(super) fn sample_log(f: impl Fn(f64) -> f64, range: Range<f64>) -> Vec<(f64, f64)> {
    let exponents = log10(range.start)..log10(range.end);
    sample(|e| f(pow(10.0, e)), exponents).into_iter().map(|(e, y)| (pow(10.0, e), y)).collect()
}

/// A derivative that jumps at 0, as two separate pieces, so that no vertical line is drawn
/// at the jump. The right piece starts at the smallest positive `f64`, where `f` already has
/// its right-hand value.
pub(super) fn step_pieces(pen: Pen, f: impl Fn(f64) -> f64, range: Range<f64>) -> [Curve; 2] {
    let left = [(range.start, f(range.start)), (0.0, f(0.0))];
    let right = [(f64::MIN_POSITIVE, f(f64::MIN_POSITIVE)), (range.end, f(range.end))];
    [Curve::new(pen, left.to_vec()), Curve::new(pen, right.to_vec())]
}

/// The jump of a step derivative at 0: a filled dot at the value it takes at 0 and a ring at
/// the value it approaches from the right.
pub(super) fn jump_dots(pen: Pen, f: impl Fn(f64) -> f64) -> Vec<Dot> {
    vec![Dot { pen, at: (0.0, f(f64::MIN_POSITIVE)), open: true }, Dot::filled(pen, (0.0, f(0.0)))]
}

/// Tick labels: at most two decimals, no trailing zeros, a true minus sign.
pub(super) fn tick_label(v: &f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    match s {
        "-0" => "0".to_string(),
        s => s.replace('-', "−"),
    }
}

/// The tick labels of an axis: [`tick_label`], or on a logarithmic axis reaching below 0.01
/// or above 1000, [`power_label`]; on [`Scale::Decades`], [`exponent_label`].
pub(super) fn axis_label(scale: &Scale, range: &Range<f64>) -> fn(&f64) -> String {
    match scale {
        Scale::Log if range.start < 0.01 || range.end > 1000.0 => power_label,
        Scale::Decades => decade_label,
        _ => tick_label,
    }
}

/// [`exponent_label`] at whole exponents; nothing between them, where a short axis (three
/// decades) gets ticks too and rounding would label them as the decade next to them.
pub(super) fn decade_label(n: &f64) -> String {
    if (n - n.round()).abs() < 1e-9 { exponent_label(n) } else { String::new() }
}

/// A power of ten as `10⁻¹²` (1 and 10 as themselves).
pub(super) fn power_label(v: &f64) -> String {
    exponent_label(&log10(*v))
}

/// `10ⁿ` for the exponent `n` (rounded to an integer; 1 and 10 as themselves).
pub(super) fn exponent_label(n: &f64) -> String {
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
pub(super) fn text_width_em(text: &str) -> f64 {
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

/// A figure drawn by `draw` on a transparent ground `width` × `height` CSS pixels, as an SVG
/// document: drawn at [`SCALE`] and shown at the CSS size, with the dash patterns `draw`
/// recorded in its patches added. Every figure, [`Chart`] or not, is rendered here.
pub(super) fn card(
    width: i32,
    height: i32,
    draw: impl FnOnce(&DrawingArea<SVGBackend, Shift>, &mut Vec<Patch>) -> DrawResult,
) -> String {
    let mut svg = String::new();
    let mut patches = Vec::new();
    {
        let size = (px(width) as u32, px(height) as u32);
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        draw(&root, &mut patches).expect("drawing into a String cannot fail");
        root.present().expect("drawing into a String cannot fail");
    }
    // Display at the CSS size; the viewBox that follows keeps the drawing's size.
    svg::set_display_size(&mut svg, (px(width), px(height)), (width, height));
    svg::apply_patches(&mut svg, &patches);
    svg
}

impl Chart {
    pub(super) fn render(self) -> String {
        card(WIDTH, HEIGHT, |root, patches| self.draw(root, patches))
    }

    pub(super) fn draw(
        &self,
        root: &DrawingArea<SVGBackend, Shift>,
        patches: &mut Vec<Patch>,
    ) -> DrawResult {
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
    pub(super) fn draw_plot<X, Y>(
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
    pub(super) fn draw_legend(
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

/// `text` centred on `at` (CSS pixels), `css_px` high.
pub(super) fn centred_text(
    root: &DrawingArea<SVGBackend, Shift>,
    text: &str,
    at: (i32, i32),
    css_px: f64,
) -> DrawResult {
    let style = font(css_px, TEXT_COLOUR).pos(Pos::new(HPos::Center, VPos::Center));
    root.draw(&Text::new(text.to_string(), (px(at.0), px(at.1)), style))
}

/// An arrow from `from` to `to` (CSS pixels), its head ending at `to`.
pub(super) fn arrow(
    root: &DrawingArea<SVGBackend, Shift>,
    from: (f64, f64),
    to: (f64, f64),
) -> DrawResult {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let length = hypot(dx, dy);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simplify_keeps_the_ends_of_a_straight_line() {
        let line: Vec<(i32, i32)> = (0..=200).map(|i| (i, 3 * i)).collect();
        assert_eq!(simplify(line), [(0, 0), (200, 600)]);
    }

    #[test]
    fn simplify_keeps_a_corner_and_drops_what_is_within_tolerance() {
        // A right angle: each leg collapses to one segment. The first runs as far as it can,
        // to (50, 1), since the corner (50, 0) lies within one unit of that segment.
        let mut corner: Vec<(i32, i32)> = (0..=50).map(|i| (i, 0)).collect();
        corner.extend((1..=50).map(|i| (50, i)));
        assert_eq!(simplify(corner), [(0, 0), (50, 1), (50, 50)]);
        // A bump of one unit (TOLERANCE) is flattened, one of two is not.
        assert_eq!(simplify(vec![(0, 0), (5, 1), (10, 0)]), [(0, 0), (10, 0)]);
        assert_eq!(simplify(vec![(0, 0), (5, 2), (10, 0)]), [(0, 0), (5, 2), (10, 0)]);
    }

    #[test]
    fn simplify_of_nothing_or_one_point() {
        assert_eq!(simplify(vec![]), []);
        assert_eq!(simplify(vec![(3, 4)]), [(3, 4)]);
        assert_eq!(simplify(vec![(3, 4), (3, 4)]), [(3, 4), (3, 4)]);
    }

    #[test]
    fn tick_labels_have_two_decimals_at_most_and_a_true_minus() {
        assert_eq!(tick_label(&0.0), "0");
        assert_eq!(tick_label(&-0.0), "0");
        assert_eq!(tick_label(&-0.001), "0");
        assert_eq!(tick_label(&1.0), "1");
        assert_eq!(tick_label(&0.25), "0.25");
        assert_eq!(tick_label(&0.5), "0.5");
        assert_eq!(tick_label(&-2.5), "−2.5");
        assert_eq!(tick_label(&10.0), "10");
        assert_eq!(tick_label(&0.126), "0.13");
        assert_eq!(tick_label(&1.999), "2");
    }

    #[test]
    fn exponent_labels_are_superscript_powers_of_ten() {
        assert_eq!(exponent_label(&0.0), "1");
        assert_eq!(exponent_label(&1.0), "10");
        assert_eq!(exponent_label(&2.0), "10²");
        assert_eq!(exponent_label(&-12.0), "10⁻¹²");
        assert_eq!(exponent_label(&17.9999), "10¹⁸");
        assert_eq!(power_label(&1e-5), "10⁻⁵");
        assert_eq!(decade_label(&3.0), "10³");
        assert_eq!(decade_label(&3.5), "");
    }
}
