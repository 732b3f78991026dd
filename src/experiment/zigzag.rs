//! Zig-zag: the path of two weights under gradient descent when the inputs of the layer are
//! all positive, and when the same inputs are centred to mean zero.
//!
//! One linear neuron `ŷ = w₁x₁ + w₂x₂` (no bias) learns the targets `y = x₁ − x₂`, so the
//! optimum is `w* = (1, −1)`; it starts at `(0, 0)`. The loss is the mean squared error
//! `L(w) = 1/(2n) Σ (w·x − y)²`. The targets have no noise, so the loss is exactly the
//! quadratic `½ (w − w*)ᵀ H (w − w*)` with `H = 1/n Σ x xᵀ`, and its level sets are ellipses
//! with axes along the eigenvectors of `H`.
//!
//! The positive inputs are uniform in `[0.2, 1]` (like the outputs of a sigmoid or ReLU
//! layer); the centred inputs are the same points minus their mean. Both are trained two
//! ways: full-batch gradient descent (one step per pass over the data) and per-sample
//! gradient descent (one step per sample, visiting the samples in order).

use super::Rng;
use libm::{cos, hypot, sin};

/// The size of a zig-zag run.
#[derive(Clone, Debug)]
pub struct ZigzagConfig {
    /// Number of samples in the data set.
    pub samples: usize,
    /// Learning rate η, the same for every run.
    pub learning_rate: f64,
    /// Steps taken by each run (full-batch steps or per-sample steps).
    pub steps: usize,
    /// A run has reached the optimum when `|w − w*| < epsilon`.
    pub epsilon: f64,
    /// Points per side of the loss grid.
    pub grid: usize,
    /// Seed of the data.
    pub seed: u64,
}

impl ZigzagConfig {
    /// The size the book's figures and numbers use.
    #[must_use]
    pub fn full() -> Self {
        ZigzagConfig {
            samples: 50,
            learning_rate: 0.5,
            steps: 2000,
            epsilon: 0.01,
            grid: 61,
            seed: 4,
        }
    }

    /// A smaller run for the book's blocks and the tests.
    #[must_use]
    pub fn small() -> Self {
        ZigzagConfig { samples: 20, ..Self::full() }
    }
}

/// The start of every run.
pub const START: (f64, f64) = (0.0, 0.0);
/// The weights that produce the targets: the minimum of the loss.
pub const OPTIMUM: (f64, f64) = (1.0, -1.0);

/// One run of gradient descent.
#[derive(Clone, Debug)]
pub struct Run {
    /// The weights `(w₁, w₂)` before the first step and after each step: `steps + 1` points.
    pub path: Vec<(f64, f64)>,
    /// The first step after which `|w − w*| < ε`, if any (0 if the start already is).
    pub steps_to_epsilon: Option<usize>,
    /// Of the gradients the run stepped along, how many had two non-zero components of the
    /// same sign (the step increases both weights or decreases both).
    pub same_sign: usize,
    /// How many had components of opposite signs (one weight up, the other down).
    pub opposite_sign: usize,
    /// How many had a zero component (the weights already at the optimum for that sample).
    pub zero: usize,
}

impl Run {
    /// Number of gradients counted: one per step.
    #[must_use]
    pub fn gradients(&self) -> usize {
        self.same_sign + self.opposite_sign + self.zero
    }

    /// The length of the path: the sum of its step lengths. The straight line from the start
    /// to the optimum is `√2 ≈ 1.41` long.
    #[must_use]
    pub fn length(&self) -> f64 {
        self.path.windows(2).map(|p| distance(p[0], p[1])).sum()
    }
}

/// One kind of input (all positive, or centred) and what gradient descent did with it.
#[derive(Clone, Debug)]
pub struct Case {
    /// The inputs `(x₁, x₂)`, one per sample.
    pub inputs: Vec<(f64, f64)>,
    /// The mean of the inputs.
    pub mean: (f64, f64),
    /// The Hessian of the loss, `H = 1/n Σ x xᵀ`, as `[[h11, h12], [h12, h22]]`.
    pub hessian: [[f64; 2]; 2],
    /// The eigenvalues of `H`, largest first.
    pub eigenvalues: (f64, f64),
    /// The unit eigenvector of the largest eigenvalue (the other is perpendicular to it).
    pub major_axis: (f64, f64),
    /// Full-batch gradient descent: one step along the mean gradient per pass.
    pub full_batch: Run,
    /// Per-sample gradient descent: one step per sample, the samples in order, repeated.
    pub per_sample: Run,
    /// The learning rate `1/λ_max` this case's own Hessian allows for full-batch descent (half
    /// of the largest stable one, `2/λ_max`).
    pub own_learning_rate: f64,
    /// Full-batch gradient descent at [`Case::own_learning_rate`].
    pub full_batch_own_rate: Run,
}

impl Case {
    fn new(inputs: Vec<(f64, f64)>, config: &ZigzagConfig) -> Case {
        let n = inputs.len() as f64;
        let mean = (
            inputs.iter().map(|x| x.0).sum::<f64>() / n,
            inputs.iter().map(|x| x.1).sum::<f64>() / n,
        );
        let h11 = inputs.iter().map(|x| x.0 * x.0).sum::<f64>() / n;
        let h12 = inputs.iter().map(|x| x.0 * x.1).sum::<f64>() / n;
        let h22 = inputs.iter().map(|x| x.1 * x.1).sum::<f64>() / n;
        let (eigenvalues, major_axis) = symmetric_eigen(h11, h12, h22);
        let mean_gradient = |w| {
            let mut g = (0.0, 0.0);
            for &x in &inputs {
                let s = gradient(w, x);
                g = (g.0 + s.0 / n, g.1 + s.1 / n);
            }
            g
        };
        let full_batch = descend(config, config.learning_rate, mean_gradient);
        let own_learning_rate = 1.0 / eigenvalues.0;
        let full_batch_own_rate = descend(config, own_learning_rate, mean_gradient);
        let per_sample = {
            let mut step = 0;
            descend(config, config.learning_rate, |w| {
                let x = inputs[step % inputs.len()];
                step += 1;
                gradient(w, x)
            })
        };
        Case {
            hessian: [[h11, h12], [h12, h22]],
            eigenvalues,
            major_axis,
            mean,
            inputs,
            full_batch,
            per_sample,
            own_learning_rate,
            full_batch_own_rate,
        }
    }

    /// The loss at `w`: the mean squared error over the inputs, halved.
    #[must_use]
    pub fn loss(&self, w: (f64, f64)) -> f64 {
        let sum: f64 = self.inputs.iter().map(|&x| error(w, x).powi(2)).sum();
        sum / (2.0 * self.inputs.len() as f64)
    }

    /// The condition number of `H`: largest eigenvalue over smallest. The larger it is, the
    /// longer and thinner the ellipses of the loss.
    #[must_use]
    pub fn condition_number(&self) -> f64 {
        self.eigenvalues.0 / self.eigenvalues.1
    }

    /// The level set `L(w) = level`, an ellipse around the optimum, as `points` points (the
    /// first repeated at the end, so it closes). Drawn from the eigen-decomposition of `H`:
    /// along an eigenvector of eigenvalue λ the loss is `½ λ t²`, so the semi-axis is
    /// `√(2 level / λ)`.
    #[must_use]
    pub fn contour(&self, level: f64, points: usize) -> Vec<(f64, f64)> {
        let (u, v) = (self.major_axis, (-self.major_axis.1, self.major_axis.0));
        let (a, b) =
            ((2.0 * level / self.eigenvalues.0).sqrt(), (2.0 * level / self.eigenvalues.1).sqrt());
        (0..=points)
            .map(|i| {
                let t = std::f64::consts::TAU * (i % points) as f64 / points as f64;
                let (p, q) = (a * cos(t), b * sin(t));
                (OPTIMUM.0 + p * u.0 + q * v.0, OPTIMUM.1 + p * u.1 + q * v.1)
            })
            .collect()
    }
}

/// The result of the experiment.
#[derive(Clone, Debug)]
pub struct Zigzag {
    /// Inputs uniform in `[0.2, 1]`.
    pub positive: Case,
    /// The same inputs minus their mean.
    pub centred: Case,
    /// The loss grid: `w₁` values (columns), `w₂` values (rows), and `loss[row][column]` for
    /// each case, over the square `[−1, 3] × [−3, 1]` around the optimum.
    pub grid_w1: Vec<f64>,
    /// The `w₂` values of the grid's rows.
    pub grid_w2: Vec<f64>,
    /// The loss of the positive inputs on the grid.
    pub positive_loss: Vec<Vec<f64>>,
    /// The loss of the centred inputs on the grid.
    pub centred_loss: Vec<Vec<f64>>,
}

/// Runs the experiment: the data, four runs of gradient descent and the loss grid.
#[must_use]
pub fn run(config: &ZigzagConfig) -> Zigzag {
    let mut rng = Rng::new(config.seed);
    let inputs: Vec<(f64, f64)> =
        (0..config.samples).map(|_| (rng.range(0.2, 1.0), rng.range(0.2, 1.0))).collect();
    let positive = Case::new(inputs, config);
    let (m1, m2) = positive.mean;
    let centred = Case::new(positive.inputs.iter().map(|x| (x.0 - m1, x.1 - m2)).collect(), config);
    let axis = |lo: f64| -> Vec<f64> {
        let n = config.grid.max(2);
        (0..n).map(|i| lo + 4.0 * i as f64 / (n - 1) as f64).collect()
    };
    let (grid_w1, grid_w2) = (axis(OPTIMUM.0 - 2.0), axis(OPTIMUM.1 - 2.0));
    let on_grid = |case: &Case| -> Vec<Vec<f64>> {
        grid_w2.iter().map(|&w2| grid_w1.iter().map(|&w1| case.loss((w1, w2))).collect()).collect()
    };
    Zigzag {
        positive_loss: on_grid(&positive),
        centred_loss: on_grid(&centred),
        positive,
        centred,
        grid_w1,
        grid_w2,
    }
}

/// `w·x − y` for the target `y = w*·x`.
fn error(w: (f64, f64), x: (f64, f64)) -> f64 {
    (w.0 - OPTIMUM.0) * x.0 + (w.1 - OPTIMUM.1) * x.1
}

/// The gradient of one sample's loss `½ (w·x − y)²`: `(w·x − y) x`. Both components carry
/// the same factor `w·x − y`, so their signs are the signs of `x₁` and `x₂` times one sign.
fn gradient(w: (f64, f64), x: (f64, f64)) -> (f64, f64) {
    let e = error(w, x);
    (e * x.0, e * x.1)
}

fn distance(a: (f64, f64), b: (f64, f64)) -> f64 {
    ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
}

/// `config.steps` steps of gradient descent from [`START`] at the learning rate `rate`, each
/// along `gradient(w)`.
fn descend(
    config: &ZigzagConfig,
    rate: f64,
    mut gradient: impl FnMut((f64, f64)) -> (f64, f64),
) -> Run {
    let mut w = START;
    let mut run = Run {
        path: vec![w],
        steps_to_epsilon: (distance(w, OPTIMUM) < config.epsilon).then_some(0),
        same_sign: 0,
        opposite_sign: 0,
        zero: 0,
    };
    for step in 1..=config.steps {
        let g = gradient(w);
        let product = g.0 * g.1;
        if product > 0.0 {
            run.same_sign += 1;
        } else if product < 0.0 {
            run.opposite_sign += 1;
        } else {
            run.zero += 1;
        }
        w = (w.0 - rate * g.0, w.1 - rate * g.1);
        run.path.push(w);
        if run.steps_to_epsilon.is_none() && distance(w, OPTIMUM) < config.epsilon {
            run.steps_to_epsilon = Some(step);
        }
    }
    run
}

/// Eigenvalues (largest first) and the unit eigenvector of the largest of the symmetric
/// matrix `[[a, b], [b, c]]`.
fn symmetric_eigen(a: f64, b: f64, c: f64) -> ((f64, f64), (f64, f64)) {
    let half_trace = (a + c) / 2.0;
    let root = (((a - c) / 2.0).powi(2) + b * b).sqrt();
    let (big, small) = (half_trace + root, half_trace - root);
    // (b, big − a) and (big − c, b) are both eigenvectors; take the longer, for accuracy.
    let (p, q) = ((b, big - a), (big - c, b));
    let v = if hypot(p.0, p.1) >= hypot(q.0, q.1) { p } else { q };
    let norm = hypot(v.0, v.1);
    let v = if norm == 0.0 { (1.0, 0.0) } else { (v.0 / norm, v.1 / norm) };
    ((big, small), v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positive_inputs_give_one_signed_per_sample_gradients_and_a_longer_path() {
        for config in [ZigzagConfig::small(), ZigzagConfig::full()] {
            let z = run(&config);
            let (p, c) = (&z.positive, &z.centred);
            // Every per-sample gradient moves both weights the same way.
            assert_eq!(p.per_sample.same_sign, p.per_sample.gradients());
            assert!(c.per_sample.opposite_sign > 0 && c.per_sample.same_sign > 0);
            // So the per-sample path zig-zags: far longer than the straight line √2.
            assert!(p.per_sample.length() > 2.0 * c.per_sample.length());
            // The mean stretches the contours into thin ellipses along about (1, 1).
            assert!(p.condition_number() > 5.0 * c.condition_number());
            assert!(p.major_axis.0 > 0.6 && p.major_axis.1 > 0.6);
            // At one learning rate, centring is not faster: the slow direction is the same.
            for (pos, cen) in [(&p.full_batch, &c.full_batch), (&p.per_sample, &c.per_sample)] {
                assert!(cen.steps_to_epsilon.unwrap() >= pos.steps_to_epsilon.unwrap());
            }
            // Each at the learning rate its own Hessian allows, it is several times faster.
            let (own_p, own_c) = (&p.full_batch_own_rate, &c.full_batch_own_rate);
            assert!(own_c.steps_to_epsilon.unwrap() * 5 < own_p.steps_to_epsilon.unwrap());
        }
    }

    #[test]
    fn the_loss_is_the_quadratic_of_the_hessian_and_the_contours_are_its_level_sets() {
        let z = run(&ZigzagConfig::small());
        for case in [&z.positive, &z.centred] {
            assert_eq!(case.loss(OPTIMUM), 0.0);
            let level = case.loss(START) / 4.0;
            for w in case.contour(level, 16) {
                assert!((case.loss(w) - level).abs() < 1e-12 * (1.0 + level));
            }
            let [[a, b], [_, d]] = case.hessian;
            let (l1, l2) = case.eigenvalues;
            assert!((l1 + l2 - (a + d)).abs() < 1e-12 && (l1 * l2 - (a * d - b * b)).abs() < 1e-12);
        }
        assert_eq!(z.positive_loss.len(), z.grid_w2.len());
        assert_eq!(z.positive_loss[0].len(), z.grid_w1.len());
        let centre = z.grid_w1.len() / 2;
        assert!(z.centred_loss[centre][centre].abs() < 1e-20);
    }
}
