//! Dead neurons: how many ReLU hidden units end up silent (pre-activation ≤ 0 for every
//! training input) after training with a large learning rate, against a normal one, and the
//! same count for Leaky ReLU, whose silent units still receive a gradient.
//!
//! The network, data and initial weights are those of [`super::learning`]: the two-moons set
//! and [`Mlp`] with the seeds `0..seeds`.

use super::Rng;
use super::learning::{MOONS_SEED, two_moons};
use super::mlp::{Mlp, Sample};
use crate::activation::Activation;

/// The size of the experiment.
#[derive(Clone, Debug, PartialEq)]
pub struct DeadConfig {
    /// Hidden units.
    pub hidden: usize,
    /// Seeds `0..seeds` for the initial weights.
    pub seeds: u64,
    /// Full-batch steps per run.
    pub epochs: usize,
    /// The learning rates compared, from normal to large.
    pub learning_rates: Vec<f64>,
    /// Points of the two-moons set.
    pub moons_points: usize,
    /// Noise of the two-moons set (the standard deviation added to each coordinate).
    pub moons_noise: f64,
}

impl DeadConfig {
    /// The size the book quotes.
    #[must_use]
    pub fn full() -> DeadConfig {
        DeadConfig {
            hidden: 8,
            seeds: 20,
            epochs: 300,
            learning_rates: vec![0.5, 5.0, 20.0],
            moons_points: 100,
            moons_noise: 0.1,
        }
    }
}

/// The activations compared: ReLU and Leaky ReLU with α = 0.01.
pub const DEAD_ACTIVATIONS: [Activation; 2] =
    [Activation::Relu, Activation::LeakyRelu { alpha: 0.01 }];

/// One activation at one learning rate, over all seeds.
#[derive(Clone, Debug, PartialEq)]
pub struct DeadRun {
    /// The hidden activation.
    pub activation: Activation,
    /// The learning rate of full-batch gradient descent.
    pub learning_rate: f64,
    /// Per seed, how many hidden units are silent after training: pre-activation ≤ 0 for
    /// every training input.
    pub silent: Vec<usize>,
    /// Hidden units per seed.
    pub hidden: usize,
    /// Over every silent unit of every seed, the largest size `|∂L/∂W₁[j]| + |∂L/∂b₁[j]|` of
    /// the gradient reaching its incoming weights and bias at the end of training (0 when no
    /// unit is silent). Exactly 0 for ReLU: a silent ReLU unit can never change again.
    pub max_silent_gradient: f64,
    /// The smallest such size over the silent units (0 when no unit is silent).
    pub min_silent_gradient: f64,
    /// Per seed, the loss after training (NaN or infinite if training blew up).
    pub final_loss: Vec<f64>,
}

impl DeadRun {
    /// The share of all hidden units, over all seeds, that are silent.
    #[must_use]
    pub fn share(&self) -> f64 {
        self.silent.iter().sum::<usize>() as f64 / (self.hidden * self.silent.len()) as f64
    }
}

/// Whether hidden unit `j` of `net` has pre-activation ≤ 0 for every point of `data`.
#[must_use]
pub fn is_silent(net: &Mlp, j: usize, data: &[Sample]) -> bool {
    data.iter().all(|s| net.pre_activation(j, s.x) <= 0.0)
}

/// Every activation of [`DEAD_ACTIVATIONS`] at every learning rate, activation by activation.
#[must_use]
pub fn run(config: &DeadConfig) -> Vec<DeadRun> {
    let data = two_moons(config.moons_points, config.moons_noise, &mut Rng::new(MOONS_SEED));
    let mut runs = Vec::new();
    for activation in DEAD_ACTIVATIONS {
        for &learning_rate in &config.learning_rates {
            let mut silent = Vec::new();
            let mut final_loss = Vec::new();
            let (mut max_g, mut min_g) = (0.0f64, f64::INFINITY);
            for seed in 0..config.seeds {
                let mut net = Mlp::new(config.hidden, activation, &mut Rng::new(seed));
                net.train(&data, learning_rate, config.epochs);
                let (loss, g) = net.loss_and_gradient(&data);
                final_loss.push(loss);
                let quiet: Vec<usize> =
                    (0..config.hidden).filter(|&j| is_silent(&net, j, &data)).collect();
                for &j in &quiet {
                    let size = g.w1[j][0].abs() + g.w1[j][1].abs() + g.b1[j].abs();
                    max_g = max_g.max(size);
                    min_g = min_g.min(size);
                }
                silent.push(quiet.len());
            }
            let min_silent_gradient = if min_g.is_finite() { min_g } else { 0.0 };
            runs.push(DeadRun {
                activation,
                learning_rate,
                silent,
                hidden: config.hidden,
                max_silent_gradient: max_g,
                min_silent_gradient,
                final_loss,
            });
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::expect;

    /// The full-size numbers book/experiment-learning.md quotes, as the page writes them: per
    /// activation and rate, the silent units out of 160, the share, the gradient the silent
    /// units get (smallest ~ largest) and the seeds whose final loss is below 0.1; then the
    /// mean final loss of ReLU at rate 20 and its seeds that lost all 8 units.
    /// After an intended change: `UPDATE_EXPECT=1 cargo test --lib dead`, then the page.
    #[test]
    fn full_size_numbers_quoted_in_the_book() {
        let runs = run(&DeadConfig::full());
        let mut table = String::new();
        for r in &runs {
            let silent: usize = r.silent.iter().sum();
            let below = r.final_loss.iter().filter(|&&l| l < 0.1).count();
            table += &format!(
                "{:?} {}: {silent} / 160, {:.1}%, {:.1e} ~ {:.1e}, {below} / 20\n",
                r.activation,
                r.learning_rate,
                100.0 * silent as f64 / 160.0,
                r.min_silent_gradient,
                r.max_silent_gradient,
            );
        }
        let relu_20 = &runs[2];
        let mean_loss = relu_20.final_loss.iter().sum::<f64>() / 20.0;
        // Each seed that lost all 8 units ends at the same loss, that of the output bias
        // jumping between +4.928 and −4.928.
        let all_dead: Vec<String> = (0..20)
            .filter(|&s| relu_20.silent[s] == 8)
            .map(|s| format!("{:.4}", relu_20.final_loss[s]))
            .collect();
        table += &format!("ReLU 20: mean loss {mean_loss:.2}, all 8 dead: {all_dead:?}\n");
        expect![[r#"
            Relu 0.5: 7 / 160, 4.4%, 0.0e0 ~ 0.0e0, 12 / 20
            Relu 5: 8 / 160, 5.0%, 0.0e0 ~ 0.0e0, 20 / 20
            Relu 20: 152 / 160, 95.0%, 0.0e0 ~ 0.0e0, 0 / 20
            LeakyRelu { alpha: 0.01 } 0.5: 6 / 160, 3.8%, 1.8e-6 ~ 6.2e-5, 12 / 20
            LeakyRelu { alpha: 0.01 } 5: 7 / 160, 4.4%, 2.4e-7 ~ 3.3e-6, 20 / 20
            LeakyRelu { alpha: 0.01 } 20: 114 / 160, 71.2%, 2.0e-6 ~ 6.0e-2, 3 / 20
            ReLU 20: mean loss 2.04, all 8 dead: ["2.4713", "2.4713", "2.4713", "2.4713", "2.4713", "2.4713", "2.4713", "2.4713", "2.4713", "2.4713", "2.4713", "2.4713", "2.4713"]
        "#]]
        .assert_eq(&table);
    }

    #[test]
    fn a_unit_pushed_below_zero_is_silent() {
        let data = two_moons(20, 0.1, &mut Rng::new(MOONS_SEED));
        let mut net = Mlp::new(3, Activation::Relu, &mut Rng::new(1));
        net.b1[1] = -100.0;
        assert!(is_silent(&net, 1, &data));
        let (_, g) = net.loss_and_gradient(&data);
        assert_eq!(g.w1[1], [0.0, 0.0]);
        assert_eq!(g.b1[1], 0.0);
    }
}
