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
//! mdBook shows an SVG through `<img>`, which cannot read the page's CSS variables. So every
//! figure is drawn once, for a white ground, on a transparent background (the faint greys as
//! black at an opacity); `theme/figures.css` gives it a white card in the light themes and in
//! print, and inverts it with `filter: invert(1) hue-rotate(180deg)` in the dark ones, where it
//! lies on the page's own background with light text. The browser test measures the contrast
//! of every pen and text colour, as filtered, against each theme's background. Chosen over a
//! light and a dark rendering per figure (twice the figure bytes, two files to keep fresh) and
//! over one set of colours for both grounds (mid-luminance pens can have 3:1 on white and on a
//! dark page, but no text colour has 4.5:1 on both); the filter keeps each pen's hue, lighter.

//!
//! Layout: this file is the catalogue; `chart.rs` the chart builder every figure draws with;
//! `svg.rs` the text post-processing of plotters' SVG (isolated and unit-tested, so a change
//! in plotters' output fails there first); the figures themselves by part of the book in
//! `activations.rs`, `perceptron.rs`, `learning.rs`, `experiments.rs` and `modern.rs`.

use std::io;
use std::path::Path;

mod activations;
mod chart;
mod experiments;
mod learning;
mod modern;
mod perceptron;
mod svg;

pub use activations::{
    activations, derivatives, leaky_relu, leaky_relu_alphas, relu, sigmoid, softmax,
    softmax_temperature, tanh,
};
pub use experiments::{
    depth_gradient, depth_gradient_modern, learning_curves, speed, tanh_via_sigmoid_ulp,
    zigzag_centred, zigzag_positive,
};
pub use learning::{learning_boundary, learning_loss, learning_rates};
pub use modern::{elu, gelu, modern_activations, silu, softplus};
pub use perceptron::{logic_gates, perceptron_diagram, perceptron_learning_and};

/// One figure of the book: its file name under `book/figures/` and the function drawing it.
#[derive(Clone, Copy, Debug)]
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
    Figure { file_name: "depth_gradient_modern.svg", render: depth_gradient_modern },
    Figure { file_name: "tanh_via_sigmoid_ulp.svg", render: tanh_via_sigmoid_ulp },
    Figure { file_name: "speed.svg", render: speed },
    Figure { file_name: "perceptron.svg", render: perceptron_diagram },
    Figure { file_name: "logic_gates.svg", render: logic_gates },
    Figure { file_name: "perceptron_learning_and.svg", render: perceptron_learning_and },
    Figure { file_name: "learning_loss.svg", render: learning_loss },
    Figure { file_name: "learning_boundary.svg", render: learning_boundary },
    Figure { file_name: "learning_rates.svg", render: learning_rates },
    Figure { file_name: "elu.svg", render: elu },
    Figure { file_name: "softplus.svg", render: softplus },
    Figure { file_name: "gelu.svg", render: gelu },
    Figure { file_name: "silu.svg", render: silu },
    Figure { file_name: "modern_activations.svg", render: modern_activations },
];

/// Renders every figure into `dir`, rewriting only the files whose bytes differ (so an
/// unchanged figure keeps its timestamp), and returns the names of the files it wrote.
///
/// # Errors
///
/// The first error reading or writing a file under `dir` (a missing folder is created).
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
