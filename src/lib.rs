//! The companion crate of the book 퍼셉트론과 활성화 함수.
//!
//! Every formula the book teaches lives here once; the book's code blocks, its figures and
//! its tests all call it.
//!
//! - [`activation`]: sigmoid, tanh, ReLU, Leaky ReLU / PReLU, softmax, log-softmax, their
//!   derivatives, and [`Activation`] to name one as a value.
//! - [`slice`](mod@slice): the same activations, derivatives, softmax and log-softmax over
//!   whole slices, in place or into an output slice, bit for bit equal to the scalar functions,
//!   vectorized for the CPU's widest SIMD instructions.
//! - [`Perceptron`]: weights, bias and an activation.
//! - [`Error`]: what bad input gets instead of a panic.
//! - [`experiment`]: experiments that test the book's claims about learning.
//! - [`speed`]: the saved benchmark results, the crate against NumPy/SciPy.
//! - [`figure`]: the book's figures, drawn as SVG.

pub mod activation;
mod error;
pub mod experiment;
pub mod figure;
mod numerics;
mod perceptron;
mod simd;
pub mod slice;
mod softmax;
pub mod speed;

pub use activation::Activation;
pub use error::Error;
pub use perceptron::Perceptron;
