//! The perceptron: an affine map `w·x + b` followed by an activation.

use crate::Error;
use crate::activation::Activation;

/// A single perceptron, `ŷ = f(w·x + b)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Perceptron {
    weights: Vec<f64>,
    bias: f64,
    activation: Activation,
}

impl Perceptron {
    /// A perceptron with one weight per input. Weights and bias are used as given: a NaN among
    /// them makes every output NaN, as it would in any arithmetic.
    pub fn new(weights: Vec<f64>, bias: f64, activation: Activation) -> Self {
        Perceptron { weights, bias, activation }
    }

    pub fn weights(&self) -> &[f64] {
        &self.weights
    }

    pub fn bias(&self) -> f64 {
        self.bias
    }

    pub fn activation(&self) -> Activation {
        self.activation
    }

    /// The affine part alone, `z = w·x + b` (the pre-activation).
    pub fn affine(&self, inputs: &[f64]) -> Result<f64, Error> {
        if inputs.len() != self.weights.len() {
            return Err(Error::InputLength { weights: self.weights.len(), inputs: inputs.len() });
        }
        let dot: f64 = self.weights.iter().zip(inputs).map(|(w, x)| w * x).sum();
        Ok(dot + self.bias)
    }

    /// The output `ŷ = f(w·x + b)`.
    pub fn forward(&self, inputs: &[f64]) -> Result<f64, Error> {
        Ok(self.activation.apply(self.affine(inputs)?))
    }
}
