//! A multilayer perceptron small enough to read in one sitting: two inputs, one hidden layer
//! of `H` units with a chosen [`Activation`], and one sigmoid output trained with binary
//! cross-entropy by full-batch gradient descent. Backpropagation is written out by hand.
//!
//! Why one sigmoid output and not two softmax outputs: the tasks here have two classes, and
//! softmax over two logits `[z₁, z₂]` depends only on the gap `z₁ − z₂`, so the second
//! output would add parameters that change nothing. With one logit `z`, `p = σ(z)` and
//! the loss `−y ln p − (1 − y) ln(1 − p)` is the crate's
//! [`cross_entropy`](crate::activation::cross_entropy) of the logits `[z, 0]`, and its
//! derivative with respect to `z` is simply `p − y`.

use super::Rng;
use crate::activation::{Activation, sigmoid};
use libm::{exp, log1p};

/// One labelled point of a two-class data set: inputs `x` and a label `y` that is 0 or 1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sample {
    /// The two inputs.
    pub x: [f64; 2],
    /// The label, 0 or 1.
    pub y: f64,
}

/// The network `p = σ(w₂ · f(W₁ x + b₁) + b₂)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Mlp {
    /// The hidden activation `f`.
    pub activation: Activation,
    /// Row `j` holds the two input weights of hidden unit `j`.
    pub w1: Vec<[f64; 2]>,
    /// The hidden biases `b₁`.
    pub b1: Vec<f64>,
    /// The output weights `w₂`, one per hidden unit.
    pub w2: Vec<f64>,
    /// The output bias `b₂`.
    pub b2: f64,
}

/// The gradient of the mean loss, shaped like the [`Mlp`] it belongs to.
#[derive(Clone, Debug, PartialEq)]
pub struct Gradient {
    /// `∂L/∂W₁`, row `j` for hidden unit `j`.
    pub w1: Vec<[f64; 2]>,
    /// `∂L/∂b₁`.
    pub b1: Vec<f64>,
    /// `∂L/∂w₂`.
    pub w2: Vec<f64>,
    /// `∂L/∂b₂`.
    pub b2: f64,
}

/// Binary cross-entropy of the logit `z` for the label `y`, `−y ln σ(z) − (1 − y) ln(1 − σ(z))`,
/// computed as `max(z, 0) − y z + ln(1 + e^(−|z|))`, which never takes the log of 0.
#[must_use]
pub fn binary_cross_entropy(z: f64, y: f64) -> f64 {
    z.max(0.0) - y * z + log1p(exp(-z.abs()))
}

/// The mean binary cross-entropy over `data` of a model whose logit for input `x` is
/// `logit(x)`. Shared by [`Mlp`] and [`super::neuron::Neuron`], which differ only in the logit.
pub fn mean_loss(data: &[Sample], logit: impl Fn([f64; 2]) -> f64) -> f64 {
    let total: f64 = data.iter().map(|s| binary_cross_entropy(logit(s.x), s.y)).sum();
    total / data.len() as f64
}

/// The share of `data` that a model with logit `logit(x)` puts on the right side of its
/// decision boundary `z = 0` (probability above 1/2 means class 1).
pub fn accuracy(data: &[Sample], logit: impl Fn([f64; 2]) -> f64) -> f64 {
    let right = data.iter().filter(|s| (logit(s.x) > 0.0) == (s.y > 0.5)).count();
    right as f64 / data.len() as f64
}

/// The central difference `(f(x + h) − f(x − h)) / 2h`, an estimate of `f′(x)` whose error
/// shrinks like `h²` (until rounding, which grows like `1/h`, takes over; `h = 1e-6` suits
/// the smooth losses here). The book checks every hand-derived gradient against it.
pub fn central_difference(f: impl Fn(f64) -> f64, x: f64, h: f64) -> f64 {
    (f(x + h) - f(x - h)) / (2.0 * h)
}

impl Mlp {
    /// A network with `hidden` units. Every weight is drawn from a normal distribution with
    /// variance `1 / fan_in` (LeCun initialisation: `1/2` for the hidden layer, `1/hidden`
    /// for the output), every bias starts at 0. The same `rng` state gives the same weights
    /// whatever the activation, so activations are compared from identical starting points.
    pub fn new(hidden: usize, activation: Activation, rng: &mut Rng) -> Mlp {
        let s1 = (1.0 / 2.0f64).sqrt();
        let s2 = (1.0 / hidden as f64).sqrt();
        let w1 = (0..hidden).map(|_| [s1 * rng.normal(), s1 * rng.normal()]).collect();
        let w2 = (0..hidden).map(|_| s2 * rng.normal()).collect();
        Mlp { activation, w1, b1: vec![0.0; hidden], w2, b2: 0.0 }
    }

    /// The number of hidden units.
    #[must_use]
    pub fn hidden(&self) -> usize {
        self.b1.len()
    }

    /// The pre-activation of hidden unit `j` for input `x`: `W₁[j] · x + b₁[j]`.
    #[must_use]
    pub fn pre_activation(&self, j: usize, x: [f64; 2]) -> f64 {
        self.w1[j][0] * x[0] + self.w1[j][1] * x[1] + self.b1[j]
    }

    /// The output logit `z` for input `x` (the probability of class 1 is `σ(z)`).
    #[must_use]
    pub fn logit(&self, x: [f64; 2]) -> f64 {
        let hidden = (0..self.hidden()).map(|j| self.activation.apply(self.pre_activation(j, x)));
        hidden.zip(&self.w2).map(|(h, w)| h * w).sum::<f64>() + self.b2
    }

    /// The probability of class 1 for input `x`.
    #[must_use]
    pub fn predict(&self, x: [f64; 2]) -> f64 {
        sigmoid(self.logit(x))
    }

    /// The mean binary cross-entropy over `data`.
    #[must_use]
    pub fn loss(&self, data: &[Sample]) -> f64 {
        mean_loss(data, |x| self.logit(x))
    }

    /// The share of `data` classified correctly (probability above 1/2 means class 1).
    #[must_use]
    pub fn accuracy(&self, data: &[Sample]) -> f64 {
        accuracy(data, |x| self.logit(x))
    }

    /// The mean loss over `data` and its gradient, by backpropagation. For one sample:
    ///
    /// - forward: `a_j = W₁[j]·x + b₁[j]`, `h_j = f(a_j)`, `z = w₂·h + b₂`;
    /// - output: `∂L/∂z = σ(z) − y`;
    /// - output layer: `∂L/∂w₂[j] = ∂L/∂z · h_j`, `∂L/∂b₂ = ∂L/∂z`;
    /// - back through `w₂` and `f`: `∂L/∂a_j = ∂L/∂z · w₂[j] · f′(a_j)`;
    /// - hidden layer: `∂L/∂W₁[j][i] = ∂L/∂a_j · x_i`, `∂L/∂b₁[j] = ∂L/∂a_j`;
    ///
    /// and the batch gradient is the mean of the samples' gradients.
    #[must_use]
    pub fn loss_and_gradient(&self, data: &[Sample]) -> (f64, Gradient) {
        let n = self.hidden();
        let mut g = Gradient { w1: vec![[0.0; 2]; n], b1: vec![0.0; n], w2: vec![0.0; n], b2: 0.0 };
        let mut loss = 0.0;
        let (mut a, mut h, mut d) = (vec![0.0; n], vec![0.0; n], vec![0.0; n]);
        for s in data {
            // Forward: the pre-activations, then f and f′ of all of them at once.
            for (j, a_j) in a.iter_mut().enumerate() {
                *a_j = self.pre_activation(j, s.x);
            }
            h.copy_from_slice(&a);
            self.activation.apply_slice(&mut h);
            d.copy_from_slice(&a);
            self.activation.derivative_slice(&mut d);
            let z = h.iter().zip(&self.w2).map(|(h, w)| h * w).sum::<f64>() + self.b2;
            loss += binary_cross_entropy(z, s.y);
            // Backward.
            let dz = sigmoid(z) - s.y;
            g.b2 += dz;
            for j in 0..n {
                g.w2[j] += dz * h[j];
                let da = dz * self.w2[j] * d[j];
                g.w1[j][0] += da * s.x[0];
                g.w1[j][1] += da * s.x[1];
                g.b1[j] += da;
            }
        }
        let scale = 1.0 / data.len() as f64;
        for j in 0..n {
            g.w1[j][0] *= scale;
            g.w1[j][1] *= scale;
            g.b1[j] *= scale;
            g.w2[j] *= scale;
        }
        g.b2 *= scale;
        (loss * scale, g)
    }

    /// The gradient of the mean loss over `data` estimated without backpropagation: each
    /// parameter in turn is moved by `±h` and the loss is recomputed
    /// ([`central_difference`]). Slow (two passes over `data` per parameter), and meant only
    /// to check [`Mlp::loss_and_gradient`].
    #[must_use]
    pub fn numeric_gradient(&self, data: &[Sample], h: f64) -> Gradient {
        let slope = |set: &dyn Fn(&mut Mlp, f64)| {
            let moved = |d: f64| {
                let mut net = self.clone();
                set(&mut net, d);
                net.loss(data)
            };
            central_difference(moved, 0.0, h)
        };
        let n = self.hidden();
        let mut g = Gradient { w1: vec![[0.0; 2]; n], b1: vec![0.0; n], w2: vec![0.0; n], b2: 0.0 };
        for j in 0..n {
            for i in 0..2 {
                g.w1[j][i] = slope(&|m, d| m.w1[j][i] += d);
            }
            g.b1[j] = slope(&|m, d| m.b1[j] += d);
            g.w2[j] = slope(&|m, d| m.w2[j] += d);
        }
        g.b2 = slope(&|m, d| m.b2 += d);
        g
    }

    /// One step of gradient descent, `θ ← θ − η ∂L/∂θ`.
    pub fn step(&mut self, g: &Gradient, learning_rate: f64) {
        for j in 0..self.hidden() {
            self.w1[j][0] -= learning_rate * g.w1[j][0];
            self.w1[j][1] -= learning_rate * g.w1[j][1];
            self.b1[j] -= learning_rate * g.b1[j];
            self.w2[j] -= learning_rate * g.w2[j];
        }
        self.b2 -= learning_rate * g.b2;
    }

    /// Trains for `epochs` full-batch steps and returns the loss before each step followed
    /// by the loss after the last one (`epochs + 1` values: entry `e` is the loss after `e`
    /// epochs).
    pub fn train(&mut self, data: &[Sample], learning_rate: f64, epochs: usize) -> Vec<f64> {
        self.train_by(data, epochs, |net, g| net.step(g, learning_rate))
    }

    /// [`Mlp::train`] with `step` in place of [`Mlp::step`]: each epoch, `step` is given the
    /// network and its gradient and moves the network as it likes.
    pub fn train_by(
        &mut self,
        data: &[Sample],
        epochs: usize,
        mut step: impl FnMut(&mut Mlp, &Gradient),
    ) -> Vec<f64> {
        let mut curve = Vec::with_capacity(epochs + 1);
        for _ in 0..epochs {
            let (loss, g) = self.loss_and_gradient(data);
            curve.push(loss);
            step(self, &g);
        }
        curve.push(self.loss(data));
        curve
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activation::cross_entropy;

    fn data() -> Vec<Sample> {
        let mut rng = Rng::new(3);
        (0..12)
            .map(|i| Sample { x: [rng.range(-2.0, 2.0), rng.range(-2.0, 2.0)], y: (i % 2) as f64 })
            .collect()
    }

    #[test]
    fn binary_cross_entropy_is_softmax_cross_entropy_of_z_and_0() {
        for z in [-40.0, -3.0, -0.5, 0.0, 0.7, 5.0, 40.0] {
            let one = cross_entropy(&[z, 0.0], 0).unwrap();
            let zero = cross_entropy(&[z, 0.0], 1).unwrap();
            assert!((binary_cross_entropy(z, 1.0) - one).abs() < 1e-12, "{z}");
            assert!((binary_cross_entropy(z, 0.0) - zero).abs() < 1e-12, "{z}");
        }
    }

    /// The hand-written backpropagation against central finite differences of the loss, for
    /// every parameter and every activation (inputs chosen away from ReLU's kink).
    #[test]
    fn backprop_matches_finite_differences() {
        let data = data();
        let activations = [
            Activation::Sigmoid,
            Activation::Tanh,
            Activation::Relu,
            Activation::LeakyRelu { alpha: 0.01 },
        ];
        for activation in activations {
            let mut net = Mlp::new(5, activation, &mut Rng::new(11));
            net.b1.iter_mut().enumerate().for_each(|(j, b)| *b = 0.1 * j as f64 - 0.2);
            net.b2 = 0.3;
            let (_, g) = net.loss_and_gradient(&data);
            let numeric = net.numeric_gradient(&data, 1e-6);
            let check = |analytic: f64, numeric: f64| {
                assert!(
                    (analytic - numeric).abs() < 1e-7 * (1.0 + numeric.abs()),
                    "{activation:?}: {analytic} vs {numeric}"
                );
            };
            for j in 0..net.hidden() {
                for i in 0..2 {
                    check(g.w1[j][i], numeric.w1[j][i]);
                }
                check(g.b1[j], numeric.b1[j]);
                check(g.w2[j], numeric.w2[j]);
            }
            check(g.b2, numeric.b2);
        }
    }

    #[test]
    fn gradient_descent_lowers_the_loss() {
        let data = data();
        let mut net = Mlp::new(8, Activation::Tanh, &mut Rng::new(5));
        let curve = net.train(&data, 0.5, 200);
        assert_eq!(curve.len(), 201);
        assert!(curve[200] < 0.8 * curve[0], "{} → {}", curve[0], curve[200]);
    }
}
