//! Bias shift, measured in a network: how far from 0 the hidden layer's outputs are on
//! average, and the constant part this puts on the next layer's pre-activation, during
//! training.
//!
//! The network, data, seeds and learning rate are those of [`super::learning`] on two moons.
//! For a network `z = w₂ · h(x) + b₂` with `h_j(x) = f(W₁[j] · x + b₁[j])`, over the training
//! points:
//!
//! - the **mean output** of the hidden layer is `m = (1/H) Σ_j mean_x h_j(x)`;
//! - the **shift** on the output pre-activation is the data mean of its non-bias part,
//!   `S = mean_x Σ_j w₂[j] h_j(x) = Σ_j w₂[j] · mean_x h_j(x)`: what the hidden units add to
//!   every point alike, as a bias would;
//! - the **spread** is the standard deviation over the data of that non-bias part, the part
//!   that tells points apart. `|S| / spread` says how large the common offset is next to it.
//!
//! Clevert et al. (2016) proposed ELU against this offset: units whose mean output is not 0
//! act as a bias on the next layer, and a weight update then moves that bias too.

use super::Rng;
use super::learning::{MOONS_SEED, two_moons};
use super::mlp::{Mlp, Sample};
use crate::activation::Activation;

/// The size of the experiment.
#[derive(Clone, Debug, PartialEq)]
pub struct ShiftConfig {
    /// Hidden units.
    pub hidden: usize,
    /// Seeds `0..seeds` for the initial weights.
    pub seeds: u64,
    /// The learning rate of full-batch gradient descent.
    pub learning_rate: f64,
    /// The epochs at which the network is measured (the last one is the length of training).
    pub checkpoints: Vec<usize>,
    /// Points of the two-moons set.
    pub moons_points: usize,
    /// Noise of the two-moons set (the standard deviation added to each coordinate).
    pub moons_noise: f64,
}

impl ShiftConfig {
    /// The size the book quotes: the learning experiment's two-moons protocol (8 hidden units,
    /// 5 seeds, learning rate 0.5, 2000 epochs).
    #[must_use]
    pub fn full() -> ShiftConfig {
        ShiftConfig {
            hidden: 8,
            seeds: 5,
            learning_rate: 0.5,
            checkpoints: vec![0, 10, 100, 500, 2000],
            moons_points: 100,
            moons_noise: 0.1,
        }
    }
}

/// The activations compared: sigmoid, tanh, ReLU and ELU (α = 1).
pub const SHIFT_ACTIVATIONS: [Activation; 4] =
    [Activation::Sigmoid, Activation::Tanh, Activation::Relu, Activation::Elu { alpha: 1.0 }];

/// One network measured on `data`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Measure {
    /// `m`: the mean hidden output over units and data.
    pub mean_output: f64,
    /// `S`: the data mean of `w₂ · h(x)`.
    pub shift: f64,
    /// The standard deviation over the data of `w₂ · h(x)`.
    pub spread: f64,
    /// The output bias `b₂`.
    pub output_bias: f64,
}

/// Measures `net` on `data`.
#[must_use]
pub fn measure(net: &Mlp, data: &[Sample]) -> Measure {
    let n = data.len() as f64;
    let hidden = net.hidden();
    let mut unit_sum = 0.0;
    let mut parts = Vec::with_capacity(data.len());
    for s in data {
        let mut h: Vec<f64> = (0..hidden).map(|j| net.pre_activation(j, s.x)).collect();
        net.activation.apply_slice(&mut h);
        unit_sum += h.iter().sum::<f64>();
        parts.push(h.iter().zip(&net.w2).map(|(h, w)| h * w).sum::<f64>());
    }
    let shift = parts.iter().sum::<f64>() / n;
    let spread = (parts.iter().map(|p| (p - shift).powi(2)).sum::<f64>() / n).sqrt();
    Measure { mean_output: unit_sum / (n * hidden as f64), shift, spread, output_bias: net.b2 }
}

/// One activation at one checkpoint, averaged over the seeds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Snapshot {
    /// The epoch of the checkpoint.
    pub epoch: usize,
    /// The mean over seeds of `m`.
    pub mean_output: f64,
    /// The mean over seeds of `|S|`.
    pub shift: f64,
    /// The mean over seeds of `|S| / spread`.
    pub relative_shift: f64,
    /// The mean over seeds of `|b₂|`.
    pub output_bias: f64,
}

/// One activation over training.
#[derive(Clone, Debug, PartialEq)]
pub struct ShiftRun {
    /// The hidden activation.
    pub activation: Activation,
    /// One per checkpoint, in order.
    pub snapshots: Vec<Snapshot>,
}

impl ShiftRun {
    /// The snapshot at `epoch` (which must be a checkpoint).
    #[must_use]
    pub fn at(&self, epoch: usize) -> &Snapshot {
        self.snapshots.iter().find(|s| s.epoch == epoch).expect("a checkpoint")
    }
}

/// Trains one network per seed and activation of [`SHIFT_ACTIVATIONS`] and measures it at
/// every checkpoint.
#[must_use]
pub fn run(config: &ShiftConfig) -> Vec<ShiftRun> {
    let data = two_moons(config.moons_points, config.moons_noise, &mut Rng::new(MOONS_SEED));
    let last = *config.checkpoints.iter().max().unwrap_or(&0);
    SHIFT_ACTIVATIONS
        .iter()
        .map(|&activation| {
            // Per checkpoint, the sums over seeds.
            let mut sums = vec![[0.0; 4]; config.checkpoints.len()];
            for seed in 0..config.seeds {
                let mut net = Mlp::new(config.hidden, activation, &mut Rng::new(seed));
                for epoch in 0..=last {
                    if let Some(k) = config.checkpoints.iter().position(|&c| c == epoch) {
                        let m = measure(&net, &data);
                        let add = [
                            m.mean_output,
                            m.shift.abs(),
                            m.shift.abs() / m.spread,
                            m.output_bias.abs(),
                        ];
                        sums[k].iter_mut().zip(add).for_each(|(s, a)| *s += a);
                    }
                    if epoch < last {
                        let (_, g) = net.loss_and_gradient(&data);
                        net.step(&g, config.learning_rate);
                    }
                }
            }
            let seeds = config.seeds as f64;
            let snapshots = config
                .checkpoints
                .iter()
                .zip(&sums)
                .map(|(&epoch, s)| Snapshot {
                    epoch,
                    mean_output: s[0] / seeds,
                    shift: s[1] / seeds,
                    relative_shift: s[2] / seeds,
                    output_bias: s[3] / seeds,
                })
                .collect();
            ShiftRun { activation, snapshots }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::expect;

    /// `measure` on a network small enough to compute by hand.
    #[test]
    fn measure_by_hand() {
        let net = Mlp {
            activation: Activation::Relu,
            w1: vec![[1.0, 0.0], [0.0, 1.0]],
            b1: vec![0.0, 0.0],
            w2: vec![2.0, -1.0],
            b2: 0.5,
        };
        let data = [Sample { x: [1.0, 3.0], y: 0.0 }, Sample { x: [-1.0, 1.0], y: 1.0 }];
        // h = (1, 3) and (0, 1); w₂·h = −1 and −1.
        let m = measure(&net, &data);
        assert_eq!(m.mean_output, 5.0 / 4.0);
        assert_eq!(m.shift, -1.0);
        assert_eq!(m.spread, 0.0);
        assert_eq!(m.output_bias, 0.5);
    }

    /// The full-size numbers the book quotes: per activation, (m, |S|, |S|/spread) at epoch 0
    /// and at epoch 2000, to four decimals as the page writes them.
    /// After an intended change: `UPDATE_EXPECT=1 cargo test --lib shift`, then the page.
    #[test]
    fn full_size_numbers() {
        let runs = run(&ShiftConfig::full());
        let mut table = String::new();
        for r in &runs {
            table += &format!("{:?}:", r.activation);
            for epoch in [0, 2000] {
                let s = r.at(epoch);
                table += &format!(
                    " {epoch}: {:.4} {:.4} {:.4};",
                    s.mean_output, s.shift, s.relative_shift
                );
            }
            table += "\n";
        }
        expect![[r#"
            Sigmoid: 0: 0.4998 0.2285 2.2417; 2000: 0.4970 0.6169 0.1786;
            Tanh: 0: -0.0011 0.0053 0.0167; 2000: -0.0718 0.1270 0.0180;
            Relu: 0: 0.2303 0.1554 0.7273; 2000: 1.0204 0.5526 0.0612;
            Elu { alpha: 1.0 }: 0: 0.0659 0.0668 0.2099; 2000: 1.2891 0.2722 0.0550;
        "#]]
        .assert_eq(&table);
    }
}
