//! Does a linear negative side hurt a harder classification? (The seed's claim that Leaky
//! ReLU's "linearity on the negative side lowers performance on complex classification".)
//!
//! The task is two interleaved spirals, harder than two moons for a network with one hidden
//! layer. Every activation of [`SPIRAL_ACTIVATIONS`] trains the same [`Mlp`] from the same
//! seeds with the same learning rate (the protocol of [`super::learning`], with more hidden
//! units and epochs); the result is the training accuracy and loss at the end, per seed.

use super::Rng;
use super::mlp::{Mlp, Sample};
use crate::activation::Activation;
use libm::{cos, sin};

/// ReLU, Leaky ReLU with a small and a large slope (α = 0.01 and 0.3: the second is much
/// more linear on the negative side), ELU (α = 1) and GELU.
pub const SPIRAL_ACTIVATIONS: [Activation; 5] = [
    Activation::Relu,
    Activation::LeakyRelu { alpha: 0.01 },
    Activation::LeakyRelu { alpha: 0.3 },
    Activation::Elu { alpha: 1.0 },
    Activation::Gelu,
];

/// The seed of the spiral data set.
pub const SPIRAL_SEED: u64 = 2024;

/// Two spirals of `points / 2` points each, turning `turns` times around the origin, the
/// second the first rotated by half a turn; radius grows linearly from 0.1 to 1. Each point is
/// moved by normal noise of standard deviation `noise` drawn from `rng`. With `offset` 0.5
/// the points sit halfway between those of offset 0 (the held-out set).
pub fn spirals(points: usize, turns: f64, noise: f64, offset: f64, rng: &mut Rng) -> Vec<Sample> {
    let half = points / 2;
    let mut data = Vec::with_capacity(2 * half);
    for class in 0..2 {
        for i in 0..half {
            let t = (i as f64 + offset) / half as f64;
            let r = 0.1 + 0.9 * t;
            let angle =
                2.0 * std::f64::consts::PI * turns * t + std::f64::consts::PI * class as f64;
            let x = [r * cos(angle) + noise * rng.normal(), r * sin(angle) + noise * rng.normal()];
            data.push(Sample { x, y: class as f64 });
        }
    }
    data
}

/// The size of the experiment.
#[derive(Clone, Debug, PartialEq)]
pub struct SpiralConfig {
    /// Training points (half per class); the held-out set has as many.
    pub points: usize,
    /// How many turns each arm of the spiral makes.
    pub turns: f64,
    /// The standard deviation of the noise added to each coordinate.
    pub noise: f64,
    /// Hidden units.
    pub hidden: usize,
    /// Seeds `0..seeds` for the initial weights.
    pub seeds: u64,
    /// The training lengths at which the networks are scored, increasing.
    pub epochs: Vec<usize>,
    /// The learning rate of full-batch gradient descent.
    pub learning_rate: f64,
}

impl SpiralConfig {
    /// The size the book quotes: 1¼ turns, 100 points, 16 hidden units, 8 seeds, learning
    /// rate 0.5, scored after 2000 and 8000 epochs.
    #[must_use]
    pub fn full() -> SpiralConfig {
        SpiralConfig {
            points: 100,
            turns: 1.25,
            noise: 0.02,
            hidden: 16,
            seeds: 8,
            epochs: vec![2000, 8000],
            learning_rate: 0.5,
        }
    }
}

/// One activation after one training length, per seed.
#[derive(Clone, Debug, PartialEq)]
pub struct Score {
    /// The training length scored.
    pub epochs: usize,
    /// Per seed, the share of training points classified correctly.
    pub train_accuracy: Vec<f64>,
    /// Per seed, the share of held-out points classified correctly.
    pub test_accuracy: Vec<f64>,
    /// Per seed, the training loss.
    pub loss: Vec<f64>,
}

/// One activation over the seeds: one [`Score`] per training length of the config.
#[derive(Clone, Debug, PartialEq)]
pub struct SpiralRun {
    /// The hidden activation.
    pub activation: Activation,
    /// One per training length of the config, in order.
    pub scores: Vec<Score>,
}

impl SpiralRun {
    /// The score after `epochs` (which must be one of the config's).
    #[must_use]
    pub fn at(&self, epochs: usize) -> &Score {
        self.scores.iter().find(|s| s.epochs == epochs).expect("a scored length")
    }
}

/// The training set (offset 0, noise seed [`SPIRAL_SEED`]) and the held-out set (offset 0.5,
/// noise seed `SPIRAL_SEED + 1`).
#[must_use]
pub fn data(config: &SpiralConfig) -> (Vec<Sample>, Vec<Sample>) {
    let (points, turns, noise) = (config.points, config.turns, config.noise);
    (
        spirals(points, turns, noise, 0.0, &mut Rng::new(SPIRAL_SEED)),
        spirals(points, turns, noise, 0.5, &mut Rng::new(SPIRAL_SEED + 1)),
    )
}

/// Every activation of [`SPIRAL_ACTIVATIONS`] on the spirals, in that order.
#[must_use]
pub fn run(config: &SpiralConfig) -> Vec<SpiralRun> {
    let (train, test) = data(config);
    SPIRAL_ACTIVATIONS
        .iter()
        .map(|&activation| {
            let mut scores: Vec<Score> = config
                .epochs
                .iter()
                .map(|&epochs| Score {
                    epochs,
                    train_accuracy: vec![],
                    test_accuracy: vec![],
                    loss: vec![],
                })
                .collect();
            for seed in 0..config.seeds {
                let mut net = Mlp::new(config.hidden, activation, &mut Rng::new(seed));
                let mut done = 0;
                for score in &mut scores {
                    // Gradient descent is deterministic: training on from `done` is the same
                    // as one run of `score.epochs` epochs.
                    let curve = net.train(&train, config.learning_rate, score.epochs - done);
                    done = score.epochs;
                    score.train_accuracy.push(net.accuracy(&train));
                    score.test_accuracy.push(net.accuracy(&test));
                    score.loss.push(*curve.last().expect("at least one loss"));
                }
            }
            SpiralRun { activation, scores }
        })
        .collect()
}

/// The mean of `values`.
#[must_use]
pub fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spirals_are_balanced() {
        let data = spirals(100, 1.75, 0.02, 0.0, &mut Rng::new(SPIRAL_SEED));
        assert_eq!(data.len(), 100);
        assert_eq!(data.iter().filter(|s| s.y == 1.0).count(), 50);
    }

    /// A small run: training longer never lowers the loss much, and the scores are shaped.
    #[test]
    fn small_run() {
        let config =
            SpiralConfig { seeds: 2, epochs: vec![50, 200], hidden: 4, ..SpiralConfig::full() };
        let runs = run(&config);
        assert_eq!(runs.len(), 5);
        for r in &runs {
            assert_eq!(r.at(200).train_accuracy.len(), 2);
            assert!(mean(&r.at(200).loss) < mean(&r.at(50).loss), "{:?}", r.activation);
        }
    }

    /// The continued training equals one uninterrupted run.
    #[test]
    fn continued_training_is_one_run() {
        let config =
            SpiralConfig { seeds: 1, epochs: vec![30, 70], hidden: 4, ..SpiralConfig::full() };
        let (train, _) = data(&config);
        let r = &run(&config)[3];
        let mut net = Mlp::new(4, r.activation, &mut Rng::new(0));
        let curve = net.train(&train, 0.5, 70);
        assert_eq!(r.at(70).loss[0], curve[70]);
    }
}
