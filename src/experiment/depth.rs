//! How much gradient reaches the first layer of a deep network, for sigmoid, tanh and ReLU.
//!
//! A fully connected network of `depth` layers, each `width` wide, with no biases: layer `l`
//! computes `a_l = f(W_l a_{l−1})`, `a_0` being the input. Its output is `s = Σ_i a_L,i`.
//! Backpropagation gives `∂s/∂W_1 = δ_1 a_0ᵀ`, where `δ_L = f′(z_L)` and
//! `δ_l = f′(z_l) ⊙ (W_{l+1}ᵀ δ_{l+1})`; its Frobenius norm is `|δ_1|·|a_0|`.
//!
//! The weights are fixed: every entry of every `W_l` is a standard normal draw from one
//! seeded [`Rng`], times the standard deviation of the initialisation ([`Init`]). The networks
//! of depth 1, 2, …, `max_depth` share their first layers (the deeper network only adds
//! layers on top), and every activation sees the same draws, so the curves differ only by the
//! activation and the scale of the weights.

use super::Rng;
use crate::Activation;

/// The scale of the initial weights.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Init {
    /// Xavier (Glorot) normal: standard deviation `√(1/width)` (for a square layer,
    /// `√(2/(fan_in + fan_out))` is the same), which keeps `|W v| ≈ |v|`.
    Xavier,
    /// He normal: standard deviation `√(2/width)`, which makes up for ReLU zeroing about
    /// half of its inputs.
    He,
}

impl Init {
    /// The standard deviation of a weight in a layer `width` wide.
    pub fn std(self, width: usize) -> f64 {
        match self {
            Init::Xavier => (1.0 / width as f64).sqrt(),
            Init::He => (2.0 / width as f64).sqrt(),
        }
    }
}

/// The size of the experiment.
#[derive(Clone, Copy, Debug)]
pub struct Config {
    /// Neurons per layer (also the input's length).
    pub width: usize,
    /// Depths 1, 2, …, `max_depth` are measured.
    pub max_depth: usize,
    /// Inputs in the batch; each entry standard normal. The norm is averaged over them.
    pub inputs: usize,
    /// Seed of the weights and inputs.
    pub seed: u64,
}

impl Config {
    /// The size the book's figure and numbers use.
    pub const FULL: Config = Config { width: 16, max_depth: 20, inputs: 256, seed: 2024 };
}

/// The mean norm of the first layer's gradient, `|∂s/∂W_1|`, for each depth.
///
/// `sigmoid[d − 1]` is the value for depth `d`, and so for the other fields.
#[derive(Clone, Debug)]
pub struct DepthGradients {
    /// 1, 2, …, `max_depth`.
    pub depths: Vec<usize>,
    /// Sigmoid, Xavier initialisation.
    pub sigmoid: Vec<f64>,
    /// tanh, Xavier initialisation.
    pub tanh: Vec<f64>,
    /// ReLU, Xavier initialisation: the same weights as sigmoid and tanh.
    pub relu: Vec<f64>,
    /// ReLU, He initialisation: the same draws, `√2` times larger.
    pub relu_he: Vec<f64>,
}

/// Runs the experiment: for every depth and activation, the norm of the first layer's
/// gradient averaged over the batch.
pub fn first_layer_gradients(config: &Config) -> DepthGradients {
    let Config { width, max_depth, inputs, seed } = *config;
    let mut rng = Rng::new(seed);
    // Standard normal draws, scaled per initialisation below.
    let draws: Vec<Vec<f64>> =
        (0..max_depth).map(|_| (0..width * width).map(|_| rng.normal()).collect()).collect();
    let batch: Vec<Vec<f64>> =
        (0..inputs).map(|_| (0..width).map(|_| rng.normal()).collect()).collect();
    let run = |activation: Activation, init: Init| -> Vec<f64> {
        let std = init.std(width);
        let layers: Vec<Vec<f64>> =
            draws.iter().map(|w| w.iter().map(|v| v * std).collect()).collect();
        (1..=max_depth)
            .map(|depth| {
                let total: f64 = batch
                    .iter()
                    .map(|x| first_layer_gradient_norm(&layers[..depth], width, activation, x))
                    .sum();
                total / inputs as f64
            })
            .collect()
    };
    DepthGradients {
        depths: (1..=max_depth).collect(),
        sigmoid: run(Activation::Sigmoid, Init::Xavier),
        tanh: run(Activation::Tanh, Init::Xavier),
        relu: run(Activation::Relu, Init::Xavier),
        relu_he: run(Activation::Relu, Init::He),
    }
}

/// `|∂s/∂W_1|` for one input `x`, through `layers` (each a row-major `width × width` matrix).
fn first_layer_gradient_norm(
    layers: &[Vec<f64>],
    width: usize,
    activation: Activation,
    x: &[f64],
) -> f64 {
    // Forward: keep every pre-activation z_l.
    let mut zs: Vec<Vec<f64>> = Vec::with_capacity(layers.len());
    let mut a = x.to_vec();
    for w in layers {
        let z: Vec<f64> =
            (0..width).map(|i| (0..width).map(|j| w[i * width + j] * a[j]).sum()).collect();
        a.clone_from(&z);
        activation.apply_slice(&mut a);
        zs.push(z);
    }
    // Backward: δ_L = f′(z_L) (∂s/∂a_L = 1), then δ_l = f′(z_l) ⊙ (W_{l+1}ᵀ δ_{l+1}).
    let last = zs.len() - 1;
    let derivatives = |z: &[f64]| {
        let mut d = z.to_vec();
        activation.derivative_slice(&mut d);
        d
    };
    let mut delta = derivatives(&zs[last]);
    for l in (0..last).rev() {
        let w = &layers[l + 1];
        let d = derivatives(&zs[l]);
        delta = (0..width)
            .map(|j| {
                let back: f64 = (0..width).map(|i| w[i * width + j] * delta[i]).sum();
                d[j] * back
            })
            .collect();
    }
    norm(&delta) * norm(x)
}

fn norm(v: &[f64]) -> f64 {
    v.iter().map(|v| v * v).sum::<f64>().sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The backpropagated gradient agrees with finite differences of `s` in one weight.
    #[test]
    fn gradient_matches_finite_differences() {
        let width = 3;
        let mut rng = Rng::new(5);
        let mut layers: Vec<Vec<f64>> =
            (0..4).map(|_| (0..9).map(|_| rng.normal() * 0.6).collect()).collect();
        let x: Vec<f64> = (0..width).map(|_| rng.normal()).collect();
        let output = |layers: &[Vec<f64>]| -> f64 {
            let mut a = x.clone();
            for w in layers {
                a = (0..width)
                    .map(|i| (0..width).map(|j| w[i * width + j] * a[j]).sum::<f64>().tanh())
                    .collect();
            }
            a.iter().sum()
        };
        // Every entry of ∂s/∂W_1 by central differences, then the norm.
        let h = 1e-6;
        let mut squares = 0.0;
        for k in 0..9 {
            let w0 = layers[0][k];
            layers[0][k] = w0 + h;
            let up = output(&layers);
            layers[0][k] = w0 - h;
            let down = output(&layers);
            layers[0][k] = w0;
            squares += ((up - down) / (2.0 * h)).powi(2);
        }
        let got = first_layer_gradient_norm(&layers, width, Activation::Tanh, &x);
        assert!((got - squares.sqrt()).abs() < 1e-8 * got, "{got} {}", squares.sqrt());
    }

    #[test]
    fn deterministic_and_shaped() {
        let config = Config { width: 8, max_depth: 10, inputs: 16, seed: 1 };
        let a = first_layer_gradients(&config);
        let b = first_layer_gradients(&config);
        assert_eq!(a.sigmoid, b.sigmoid);
        assert_eq!(a.depths, (1..=10).collect::<Vec<_>>());
        assert_eq!(a.relu_he.len(), 10);
    }
}
