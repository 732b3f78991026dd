//! Helpers shared by the integration tests (`mod common;` in each): one ULP distance, one
//! seeded generator and one NaN-aware comparison for all of them.
//!
//! Each test binary compiles this module on its own and uses part of it.
#![allow(dead_code, unused_imports)]

/// The distance between two floats in representable `f64` values (0 when equal, `+0.0` and
/// `−0.0` included; `u64::MAX` when either is NaN): the crate's own, which the book teaches
/// (`experiment-numerics.md`) and `tests/accuracy.rs` checks.
pub use perceptron::experiment::numerics::ulp_distance;

/// The seeded generator of the experiments (SplitMix64): the same numbers on every run.
pub use perceptron::experiment::Rng;

use perceptron::Activation;

/// Every `Activation` variant, Leaky ReLU, PReLU and ELU once for each slope of `alphas`: the
/// one list to extend when the crate gains an activation.
pub fn every_activation(alphas: &[f64]) -> Vec<Activation> {
    let mut all = vec![
        Activation::Identity,
        Activation::Step,
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Relu,
    ];
    for &alpha in alphas {
        all.push(Activation::LeakyRelu { alpha });
        all.push(Activation::PRelu { alpha });
        all.push(Activation::Elu { alpha });
    }
    all.extend([
        Activation::Selu,
        Activation::Softplus,
        Activation::Gelu,
        Activation::GeluTanh,
        Activation::Silu,
        Activation::Mish,
    ]);
    all
}

/// Bitwise equality, except that any NaN equals any NaN (no function documents a payload).
pub fn same(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || a.to_bits() == b.to_bits()
}

/// Bit for bit equal, NaN payloads and the sign of zero included: what the slice functions
/// promise against the scalar ones.
pub fn identical(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits()
}
