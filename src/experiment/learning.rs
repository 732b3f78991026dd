//! How fast the same small network learns with each hidden activation.
//!
//! Two tasks: XOR (four points) and two moons (two interleaved half circles with noise). For
//! each activation of [`ACTIVATIONS`] and each seed, an [`Mlp`] starts from the weights that
//! seed gives (the same weights for every activation), and is trained by full-batch
//! gradient descent with one fixed learning rate. The result keeps the loss curve averaged
//! over seeds and, per seed, the first epoch at which the loss fell below a threshold.

use super::Rng;
use super::mlp::{Mlp, Sample};
use crate::activation::Activation;

/// The hidden activations compared, in the order of the book: sigmoid, tanh, ReLU and
/// Leaky ReLU with the usual slope α = 0.01.
pub const ACTIVATIONS: [Activation; 4] = [
    Activation::Sigmoid,
    Activation::Tanh,
    Activation::Relu,
    Activation::LeakyRelu { alpha: 0.01 },
];

/// The four points of XOR: class 1 when exactly one input is 1. Inputs are 0 and 1, as XOR
/// is usually written.
pub fn xor() -> Vec<Sample> {
    [([0.0, 0.0], 0.0), ([0.0, 1.0], 1.0), ([1.0, 0.0], 1.0), ([1.0, 1.0], 0.0)]
        .map(|(x, y)| Sample { x, y })
        .to_vec()
}

/// Two moons: `points` points (half per class, `points` even) on two interleaved half circles
/// of radius 1, the upper one centred at (0, 0) (class 0) and the lower one at (1, 0.5)
/// (class 1), each point moved by normal noise of standard deviation `noise`, then shifted
/// so that the set is centred near the origin. Angles are evenly spaced; only the noise comes
/// from `rng`.
pub fn two_moons(points: usize, noise: f64, rng: &mut Rng) -> Vec<Sample> {
    let half = points / 2;
    let mut data = Vec::with_capacity(2 * half);
    for class in 0..2 {
        for i in 0..half {
            let t = std::f64::consts::PI * i as f64 / (half - 1).max(1) as f64;
            let (x, y) =
                if class == 0 { (t.cos(), t.sin()) } else { (1.0 - t.cos(), 0.5 - t.sin()) };
            let x = [x - 0.5 + noise * rng.normal(), y - 0.25 + noise * rng.normal()];
            data.push(Sample { x, y: class as f64 });
        }
    }
    data
}

/// How one task is trained.
#[derive(Clone, Debug, PartialEq)]
pub struct Task {
    /// Full-batch steps per run.
    pub epochs: usize,
    /// The learning rate η, the same for every activation.
    pub learning_rate: f64,
    /// A run has learned the task at the first epoch whose loss is below this.
    pub threshold: f64,
}

/// The size of the whole experiment.
#[derive(Clone, Debug, PartialEq)]
pub struct LearningConfig {
    /// Hidden units.
    pub hidden: usize,
    /// Seeds `0..seeds` for the initial weights.
    pub seeds: u64,
    /// Points of the two-moons set (drawn once, with its own seed).
    pub moons_points: usize,
    /// Noise of the two-moons set.
    pub moons_noise: f64,
    pub xor: Task,
    pub moons: Task,
}

impl LearningConfig {
    /// The size the book quotes: 8 hidden units, 5 seeds, 100 moons points.
    pub fn full() -> LearningConfig {
        LearningConfig {
            hidden: 8,
            seeds: 5,
            moons_points: 100,
            moons_noise: 0.1,
            xor: Task { epochs: 3000, learning_rate: 0.5, threshold: 0.1 },
            moons: Task { epochs: 2000, learning_rate: 0.5, threshold: 0.1 },
        }
    }
}

/// The seed of the two-moons data set, apart from the seeds of the weights.
pub const MOONS_SEED: u64 = 2024;

/// One activation on one task, over all seeds.
#[derive(Clone, Debug, PartialEq)]
pub struct ActivationRun {
    pub activation: Activation,
    /// The mean over seeds of the loss after each epoch (`epochs + 1` values, from epoch 0).
    pub mean_curve: Vec<f64>,
    /// Per seed, the first epoch whose loss is below the threshold (`None`: never).
    pub epochs_to_threshold: Vec<Option<usize>>,
    /// Per seed, the share of training points classified correctly at the end.
    pub final_accuracy: Vec<f64>,
}

impl ActivationRun {
    /// How many seeds reached the threshold.
    pub fn reached(&self) -> usize {
        self.epochs_to_threshold.iter().flatten().count()
    }

    /// The mean epochs to threshold over the seeds that reached it (`None` if none did).
    pub fn mean_epochs(&self) -> Option<f64> {
        let reached: Vec<usize> = self.epochs_to_threshold.iter().flatten().copied().collect();
        (!reached.is_empty()).then(|| reached.iter().sum::<usize>() as f64 / reached.len() as f64)
    }

    /// The median epochs to threshold over all seeds, a seed that never reached it counting
    /// as infinitely slow (`None` when the median falls on such a seed). With an even number
    /// of seeds, the mean of the two middle values.
    pub fn median_epochs(&self) -> Option<f64> {
        let mut all: Vec<Option<usize>> = self.epochs_to_threshold.clone();
        // `None` sorts first; map it past every epoch count.
        all.sort_by_key(|e| e.unwrap_or(usize::MAX));
        let n = all.len();
        if n == 0 {
            return None;
        }
        let (lo, hi) = (all[(n - 1) / 2]?, all[n / 2]?);
        Some((lo + hi) as f64 / 2.0)
    }
}

/// Every activation of [`ACTIVATIONS`] on `data`, in that order.
pub fn run_task(data: &[Sample], task: &Task, hidden: usize, seeds: u64) -> Vec<ActivationRun> {
    ACTIVATIONS
        .iter()
        .map(|&activation| {
            let mut sum = vec![0.0; task.epochs + 1];
            let mut epochs_to_threshold = Vec::new();
            let mut final_accuracy = Vec::new();
            for seed in 0..seeds {
                let mut net = Mlp::new(hidden, activation, &mut Rng::new(seed));
                let curve = net.train(data, task.learning_rate, task.epochs);
                sum.iter_mut().zip(&curve).for_each(|(s, l)| *s += l);
                epochs_to_threshold.push(curve.iter().position(|&l| l < task.threshold));
                final_accuracy.push(net.accuracy(data));
            }
            let mean_curve = sum.iter().map(|s| s / seeds as f64).collect();
            ActivationRun { activation, mean_curve, epochs_to_threshold, final_accuracy }
        })
        .collect()
}

/// The whole experiment's data.
#[derive(Clone, Debug, PartialEq)]
pub struct Learning {
    pub config: LearningConfig,
    /// One run per activation on XOR.
    pub xor: Vec<ActivationRun>,
    /// One run per activation on two moons.
    pub moons: Vec<ActivationRun>,
}

/// Runs both tasks.
pub fn run(config: &LearningConfig) -> Learning {
    let moons = two_moons(config.moons_points, config.moons_noise, &mut Rng::new(MOONS_SEED));
    Learning {
        xor: run_task(&xor(), &config.xor, config.hidden, config.seeds),
        moons: run_task(&moons, &config.moons, config.hidden, config.seeds),
        config: config.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_moons_is_balanced_and_centred() {
        let data = two_moons(100, 0.1, &mut Rng::new(MOONS_SEED));
        assert_eq!(data.len(), 100);
        assert_eq!(data.iter().filter(|s| s.y == 1.0).count(), 50);
        let mean_x = data.iter().map(|s| s.x[0]).sum::<f64>() / 100.0;
        assert!(mean_x.abs() < 0.1, "{mean_x}");
    }

    /// The full-size numbers book/experiment-learning.md quotes (its blocks run XOR at full
    /// size and two moons at a reduced one).
    #[test]
    fn full_size_numbers_quoted_in_the_book() {
        let result = run(&LearningConfig::full());
        let quoted: [(usize, Option<f64>, Option<f64>, f64); 4] = [
            (1, Some(1827.0), None, 0.175),
            (5, Some(470.0), Some(424.0), 0.012),
            (5, Some(312.2), Some(283.0), 0.007),
            (5, Some(315.4), Some(287.0), 0.007),
        ];
        for (r, (reached, mean, median, last)) in result.moons.iter().zip(quoted) {
            assert_eq!(r.reached(), reached, "{:?}", r.activation);
            assert!((r.mean_epochs().unwrap() - mean.unwrap()).abs() < 0.1);
            assert_eq!(r.median_epochs(), median, "{:?}", r.activation);
            assert!((r.mean_curve[2000] - last).abs() < 5e-4, "{:?}", r.activation);
        }
        assert_eq!(result.moons[0].epochs_to_threshold[0], Some(1827));
        // ReLU's seed 1 on XOR stalls with one point of four wrong.
        assert_eq!(result.xor[2].final_accuracy[1], 0.75);
        let mut stalled = Mlp::new(8, Activation::Relu, &mut Rng::new(1));
        let curve = stalled.train(&xor(), 0.5, 3000);
        assert!((curve[3000] - 0.35).abs() < 0.005, "{}", curve[3000]);
        let xor_medians = result.xor.iter().map(|r| r.median_epochs()).collect::<Vec<_>>();
        assert_eq!(xor_medians, [Some(816.0), Some(117.0), Some(120.0), Some(99.0)]);
    }

    #[test]
    fn median_counts_never_as_slowest() {
        let run = |e: Vec<Option<usize>>| ActivationRun {
            activation: Activation::Relu,
            mean_curve: vec![],
            epochs_to_threshold: e,
            final_accuracy: vec![],
        };
        assert_eq!(run(vec![Some(5), None, Some(1)]).median_epochs(), Some(5.0));
        assert_eq!(run(vec![Some(5), None, None]).median_epochs(), None);
        assert_eq!(run(vec![Some(5), None, Some(1)]).mean_epochs(), Some(3.0));
        assert_eq!(run(vec![Some(4), Some(2)]).median_epochs(), Some(3.0));
    }
}
