//! How much gradient reaches the first layer of a deep network, for sigmoid, tanh and ReLU
//! ([`first_layer_gradients`]), and for the modern activations and a residual sigmoid network
//! ([`modern_gradients`]).
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
    /// LeCun normal: variance `1/fan_in`, the initialisation SELU's self-normalisation
    /// assumes (Klambauer et al. 2017). For the square layers here it is the same scale as
    /// [`Init::Xavier`].
    LeCun,
}

impl Init {
    /// The standard deviation of a weight in a layer `width` wide.
    #[must_use]
    pub fn std(self, width: usize) -> f64 {
        match self {
            Init::Xavier | Init::LeCun => (1.0 / width as f64).sqrt(),
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

/// The modern activations and the residual variant, on the same draws as
/// [`DepthGradients`] (same `config`, same weights and inputs).
#[derive(Clone, Debug)]
pub struct ModernDepthGradients {
    /// 1, 2, …, `max_depth`.
    pub depths: Vec<usize>,
    /// GELU (exact), Xavier initialisation.
    pub gelu: Vec<f64>,
    /// GELU, He initialisation.
    pub gelu_he: Vec<f64>,
    /// SiLU, Xavier initialisation.
    pub silu: Vec<f64>,
    /// SiLU, He initialisation.
    pub silu_he: Vec<f64>,
    /// ELU with α = 1, Xavier initialisation.
    pub elu: Vec<f64>,
    /// SELU, LeCun normal initialisation (its own; for square layers the same scale as
    /// Xavier).
    pub selu: Vec<f64>,
    /// Sigmoid with residual connections, `a_l = a_{l−1} + σ(W_l a_{l−1})`, Xavier
    /// initialisation.
    pub sigmoid_residual: Vec<f64>,
}

/// The weight draws (one standard normal matrix per layer) and the batch of inputs.
fn draws(config: &Config) -> (Vec<Vec<f64>>, Vec<Vec<f64>>) {
    let Config { width, max_depth, inputs, seed } = *config;
    let mut rng = Rng::new(seed);
    // Standard normal draws, scaled per initialisation below.
    let draws: Vec<Vec<f64>> =
        (0..max_depth).map(|_| (0..width * width).map(|_| rng.normal()).collect()).collect();
    let batch: Vec<Vec<f64>> =
        (0..inputs).map(|_| (0..width).map(|_| rng.normal()).collect()).collect();
    (draws, batch)
}

/// The mean first-layer gradient norm at every depth for one activation, initialisation and
/// architecture (plain or residual).
fn run(
    config: &Config,
    draws: &[Vec<f64>],
    batch: &[Vec<f64>],
    activation: Activation,
    init: Init,
    residual: bool,
) -> Vec<f64> {
    let Config { width, max_depth, inputs, .. } = *config;
    let std = init.std(width);
    let layers: Vec<Vec<f64>> = draws.iter().map(|w| w.iter().map(|v| v * std).collect()).collect();
    (1..=max_depth)
        .map(|depth| {
            let total: f64 = batch
                .iter()
                .map(|x| gradient_norm(&layers[..depth], width, activation, residual, x))
                .sum();
            total / inputs as f64
        })
        .collect()
}

/// Runs the experiment: for every depth and activation, the norm of the first layer's
/// gradient averaged over the batch.
#[must_use]
pub fn first_layer_gradients(config: &Config) -> DepthGradients {
    let (draws, batch) = draws(config);
    let run = |activation, init| run(config, &draws, &batch, activation, init, false);
    DepthGradients {
        depths: (1..=config.max_depth).collect(),
        sigmoid: run(Activation::Sigmoid, Init::Xavier),
        tanh: run(Activation::Tanh, Init::Xavier),
        relu: run(Activation::Relu, Init::Xavier),
        relu_he: run(Activation::Relu, Init::He),
    }
}

/// The same experiment for GELU, SiLU, ELU, SELU and the residual sigmoid network, on the
/// weights and inputs of [`first_layer_gradients`] with the same `config`.
#[must_use]
pub fn modern_gradients(config: &Config) -> ModernDepthGradients {
    let (draws, batch) = draws(config);
    let run = |activation, init, residual| run(config, &draws, &batch, activation, init, residual);
    ModernDepthGradients {
        depths: (1..=config.max_depth).collect(),
        gelu: run(Activation::Gelu, Init::Xavier, false),
        gelu_he: run(Activation::Gelu, Init::He, false),
        silu: run(Activation::Silu, Init::Xavier, false),
        silu_he: run(Activation::Silu, Init::He, false),
        elu: run(Activation::Elu { alpha: 1.0 }, Init::Xavier, false),
        selu: run(Activation::Selu, Init::LeCun, false),
        sigmoid_residual: run(Activation::Sigmoid, Init::Xavier, true),
    }
}

/// `|∂s/∂W_1|` for one input `x`, through `layers` (each a row-major `width × width` matrix).
/// With `residual`, layer `l` computes `a_l = a_{l−1} + f(W_l a_{l−1})` instead of
/// `f(W_l a_{l−1})`.
fn gradient_norm(
    layers: &[Vec<f64>],
    width: usize,
    activation: Activation,
    residual: bool,
    x: &[f64],
) -> f64 {
    // Forward: keep every pre-activation z_l.
    let mut zs: Vec<Vec<f64>> = Vec::with_capacity(layers.len());
    let mut a = x.to_vec();
    for w in layers {
        let z: Vec<f64> =
            (0..width).map(|i| (0..width).map(|j| w[i * width + j] * a[j]).sum()).collect();
        let mut f = z.clone();
        activation.apply_slice(&mut f);
        if residual {
            a.iter_mut().zip(&f).for_each(|(a, f)| *a += f);
        } else {
            a = f;
        }
        zs.push(z);
    }
    // Backward, with g_l = ∂s/∂a_l: g_L = 1, δ_l = f′(z_l) ⊙ g_l and
    // g_{l−1} = W_lᵀ δ_l (plus g_l itself through a residual connection).
    let mut g = vec![1.0; width];
    let mut delta = Vec::new();
    for l in (0..zs.len()).rev() {
        let mut d = zs[l].clone();
        activation.derivative_slice(&mut d);
        delta = d.iter().zip(&g).map(|(d, g)| d * g).collect();
        if l == 0 {
            break;
        }
        let w = &layers[l];
        let back = (0..width).map(|j| (0..width).map(|i| w[i * width + j] * delta[i]).sum::<f64>());
        g = if residual { back.zip(&g).map(|(b, g)| b + g).collect() } else { back.collect() };
    }
    norm(&delta) * norm(x)
}

fn norm(v: &[f64]) -> f64 {
    v.iter().map(|v| v * v).sum::<f64>().sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::experiment::mlp::central_difference;
    use expect_test::expect;

    /// `|∂s/∂W_1|` without backpropagation: every entry of the first layer's weights by a
    /// [`central_difference`] of `output` (h = 1e−6), then the norm.
    fn first_layer_norm_by_differences(
        layers: &[Vec<f64>],
        output: impl Fn(&[Vec<f64>]) -> f64,
    ) -> f64 {
        let squares: f64 = (0..layers[0].len())
            .map(|k| {
                let nudged = |w: f64| {
                    let mut layers = layers.to_vec();
                    layers[0][k] = w;
                    output(&layers)
                };
                central_difference(nudged, layers[0][k], 1e-6).powi(2)
            })
            .sum();
        squares.sqrt()
    }

    /// The backpropagated gradient agrees with finite differences of `s` in one weight.
    #[test]
    fn gradient_matches_finite_differences() {
        let width = 3;
        let mut rng = Rng::new(5);
        let layers: Vec<Vec<f64>> =
            (0..4).map(|_| (0..9).map(|_| rng.normal() * 0.6).collect()).collect();
        let x: Vec<f64> = (0..width).map(|_| rng.normal()).collect();
        let output = |layers: &[Vec<f64>]| -> f64 {
            let mut a = x.clone();
            for w in layers {
                a = (0..width)
                    .map(|i| libm::tanh((0..width).map(|j| w[i * width + j] * a[j]).sum::<f64>()))
                    .collect();
            }
            a.iter().sum()
        };
        let want = first_layer_norm_by_differences(&layers, output);
        let got = gradient_norm(&layers, width, Activation::Tanh, false, &x);
        assert!((got - want).abs() < 1e-8 * got, "{got} {want}");
    }

    /// The same check for the residual network `a_l = a_{l−1} + σ(W_l a_{l−1})`, and for SELU
    /// and GELU without residual connections.
    #[test]
    fn residual_and_modern_gradients_match_finite_differences() {
        let width = 3;
        let mut rng = Rng::new(9);
        let layers: Vec<Vec<f64>> =
            (0..5).map(|_| (0..9).map(|_| rng.normal() * 0.6).collect()).collect();
        let x: Vec<f64> = (0..width).map(|_| rng.normal()).collect();
        for (activation, residual) in [
            (Activation::Sigmoid, true),
            (Activation::Selu, false),
            (Activation::Gelu, false),
            (Activation::Elu { alpha: 1.0 }, true),
        ] {
            let output = |layers: &[Vec<f64>]| -> f64 {
                let mut a = x.clone();
                for w in layers {
                    let f: Vec<f64> = (0..width)
                        .map(|i| {
                            activation.apply((0..width).map(|j| w[i * width + j] * a[j]).sum())
                        })
                        .collect();
                    a = if residual { a.iter().zip(&f).map(|(a, f)| a + f).collect() } else { f };
                }
                a.iter().sum()
            };
            let want = first_layer_norm_by_differences(&layers, output);
            let got = gradient_norm(&layers, width, activation, residual, &x);
            assert!((got - want).abs() < 1e-7 * got, "{activation:?} {residual}: {got} {want}");
        }
    }

    /// The full-size numbers book/experiment-depth-modern.md quotes (depths 1, 5, 10, 20).
    #[test]
    fn modern_full_size_numbers() {
        let g = modern_gradients(&Config::FULL);
        let rows: [(&str, &[f64]); 7] = [
            ("GELU", &g.gelu),
            ("SiLU", &g.silu),
            ("GELU, He", &g.gelu_he),
            ("SiLU, He", &g.silu_he),
            ("ELU", &g.elu),
            ("SELU", &g.selu),
            ("sigmoid, residual", &g.sigmoid_residual),
        ];
        // Four significant digits, as the page writes them; after an intended change:
        // `UPDATE_EXPECT=1 cargo test --lib depth`, then the page.
        let mut table = String::new();
        for (name, norms) in rows {
            let cells: Vec<String> =
                [1, 5, 10, 20].iter().map(|&d| format!("{:.3e}", norms[d - 1])).collect();
            table += &format!("{name}: {}\n", cells.join(" "));
        }
        expect![[r#"
            GELU: 1.049e1 1.226e0 4.437e-2 1.146e-5
            SiLU: 9.632e0 6.836e-1 3.154e-2 7.717e-6
            GELU, He: 1.083e1 1.595e1 1.750e1 1.272e1
            SiLU, He: 1.017e1 1.039e1 1.056e1 4.509e0
            ELU: 1.271e1 6.439e0 5.124e0 8.095e-1
            SELU: 1.614e1 1.669e1 2.343e1 1.985e1
            sigmoid, residual: 3.280e0 3.510e0 3.473e0 3.749e0
        "#]]
        .assert_eq(&table);
    }
}
