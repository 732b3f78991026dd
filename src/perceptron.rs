//! The perceptron: an affine map `w·x + b` followed by an activation, and Rosenblatt's rule
//! that learns its weights when the activation is the step.

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
    #[must_use]
    pub fn new(weights: Vec<f64>, bias: f64, activation: Activation) -> Self {
        Perceptron { weights, bias, activation }
    }

    /// The weights `w`, one per input, as they are now (learning changes them).
    #[must_use]
    pub fn weights(&self) -> &[f64] {
        &self.weights
    }

    /// The bias `b`, as it is now (learning changes it).
    #[must_use]
    pub fn bias(&self) -> f64 {
        self.bias
    }

    /// The activation `f`, fixed at construction.
    #[must_use]
    pub fn activation(&self) -> Activation {
        self.activation
    }

    /// The affine part alone, `z = w·x + b` (the pre-activation).
    ///
    /// # Errors
    ///
    /// [`Error::InputLength`] when `inputs` has not one value per weight.
    pub fn affine(&self, inputs: &[f64]) -> Result<f64, Error> {
        if inputs.len() != self.weights.len() {
            return Err(Error::InputLength { weights: self.weights.len(), inputs: inputs.len() });
        }
        let dot: f64 = self.weights.iter().zip(inputs).map(|(w, x)| w * x).sum();
        Ok(dot + self.bias)
    }

    /// The output `ŷ = f(w·x + b)`.
    ///
    /// # Errors
    ///
    /// [`Error::InputLength`] when `inputs` has not one value per weight.
    pub fn forward(&self, inputs: &[f64]) -> Result<f64, Error> {
        Ok(self.activation.apply(self.affine(inputs)?))
    }

    /// One pass of Rosenblatt's perceptron learning rule (1958) over `samples`, in order, and
    /// the number of mistakes made in that pass.
    ///
    /// Each sample is `(x, y)`: the inputs and the target, 0 or 1. For each sample the
    /// perceptron computes `ŷ = step(w·x + b)` with its current weights and, if `ŷ ≠ y`,
    /// moves them by
    ///
    /// ```text
    /// w ← w + (y − ŷ)·x
    /// b ← b + (y − ŷ)
    /// ```
    ///
    /// so `y − ŷ` is +1 when it said 0 for a 1 (push `z` up) and −1 when it said 1 for a 0
    /// (push `z` down). A right answer changes nothing, so a pass with 0 mistakes leaves the
    /// perceptron as it was: from then on it stays there. The step is 1 (no rate): scaling
    /// every update by a positive rate from zero weights scales `w` and `b` alike and changes
    /// no answer of a step unit, so a rate would add a knob that does nothing here.
    ///
    /// The rule needs the step activation: its update counts whole mistakes, and with a
    /// smooth activation `y − ŷ` is a fraction that this rule was never meant to follow
    /// (that is the next chapter's way of learning). Any other activation gets
    /// [`Error::RuleNeedsStep`]. A target other than 0 or 1 gets [`Error::TargetNotBinary`]
    /// and inputs of the wrong length [`Error::InputLength`]. Every sample is checked before
    /// the first update, so a refused pass leaves the perceptron unchanged.
    ///
    /// # Errors
    ///
    /// [`Error::RuleNeedsStep`], [`Error::TargetNotBinary`] or [`Error::InputLength`], as above,
    /// before any weight changes.
    ///
    /// NaN or infinite inputs are not refused (as in [`Perceptron::forward`]). A NaN answer
    /// counts as a mistake and its update makes every weight and the bias NaN, so every later
    /// answer is NaN too. An infinite input can make a weight infinite; once `∞ · 0` or
    /// `∞ − ∞` turns up in `w·x + b`, the answer is NaN, as above.
    pub fn learn_pass<X: AsRef<[f64]>>(&mut self, samples: &[(X, f64)]) -> Result<usize, Error> {
        if self.activation != Activation::Step {
            return Err(Error::RuleNeedsStep);
        }
        for (sample, (x, y)) in samples.iter().enumerate() {
            let inputs = x.as_ref().len();
            if inputs != self.weights.len() {
                return Err(Error::InputLength { weights: self.weights.len(), inputs });
            }
            if *y != 0.0 && *y != 1.0 {
                return Err(Error::TargetNotBinary { sample });
            }
        }
        let mut mistakes = 0;
        for (x, y) in samples {
            let x = x.as_ref();
            let error = y - self.forward(x)?;
            // NaN ≠ 0 too: a NaN answer is a mistake, and its update spreads the NaN.
            if error != 0.0 {
                mistakes += 1;
                for (w, xi) in self.weights.iter_mut().zip(x) {
                    *w += error * xi;
                }
                self.bias += error;
            }
        }
        Ok(mistakes)
    }

    /// Runs [`Perceptron::learn_pass`] until a pass makes no mistake or `max_passes` passes
    /// are done, and returns the mistakes of each pass in order.
    ///
    /// The last number is 0 exactly when the samples were learned; it is not 0 when they
    /// cannot be (XOR) or when `max_passes` was too few, and with `max_passes = 0` the list is
    /// empty. Stopping at the first clean pass loses nothing: after it the perceptron would
    /// never change again.
    ///
    /// # Errors
    ///
    /// Those of [`Perceptron::learn_pass`], all found in the first pass, before any update.
    pub fn learn<X: AsRef<[f64]>>(
        &mut self,
        samples: &[(X, f64)],
        max_passes: usize,
    ) -> Result<Vec<usize>, Error> {
        let mut mistakes = Vec::new();
        while mistakes.len() < max_passes {
            let m = self.learn_pass(samples)?;
            mistakes.push(m);
            if m == 0 {
                break;
            }
        }
        Ok(mistakes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const INPUTS: [[f64; 2]; 4] = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]];

    /// The four inputs of a two-input gate with the targets `truth`.
    fn gate(truth: [f64; 4]) -> Vec<([f64; 2], f64)> {
        INPUTS.iter().copied().zip(truth).collect()
    }

    fn zero() -> Perceptron {
        Perceptron::new(vec![0.0, 0.0], 0.0, Activation::Step)
    }

    /// Novikoff (1962): if some unit vector `u` of the augmented space (w, b) separates the
    /// samples with margin `γ` and every augmented input `(x, 1)` has norm at most `R`, the
    /// rule from zero weights makes at most `(R/γ)²` updates. For the gates' inputs `R² = 3`;
    /// the best margins, found by symmetry, are `γ = 1/√17` for AND and NAND (`u ∝ (2, 2, −3)`)
    /// and `1/3` for OR (`u ∝ (2, 2, −1)`), so the bounds are 51, 51 and 27 updates. Each pass
    /// but the last makes at least one, so passes ≤ updates + 1.
    #[test]
    fn learns_and_or_nand_from_zero_within_novikoff_bound() {
        for (name, truth, bound) in [
            ("AND", [0.0, 0.0, 0.0, 1.0], 51),
            ("OR", [0.0, 1.0, 1.0, 1.0], 27),
            ("NAND", [1.0, 1.0, 1.0, 0.0], 51),
        ] {
            let samples = gate(truth);
            let mut p = zero();
            let mistakes = p.learn(&samples, bound + 1).unwrap();
            let updates: usize = mistakes.iter().sum();
            assert_eq!(mistakes.last(), Some(&0), "{name}: {mistakes:?}");
            assert!(updates <= bound, "{name}: {updates} updates > {bound}");
            for (x, y) in &samples {
                assert_eq!(p.forward(x).unwrap(), *y, "{name} at {x:?}");
            }
        }
    }

    /// The exact runs the book quotes: from zero weights, in the order (0,0), (0,1), (1,0),
    /// (1,1). The arithmetic is on small integers, so it is exact and the runs are fixed.
    #[test]
    fn runs_quoted_in_the_book() {
        let mut and = zero();
        assert_eq!(and.learn(&gate([0.0, 0.0, 0.0, 1.0]), 100).unwrap(), vec![1, 3, 3, 2, 1, 0]);
        assert_eq!((and.weights(), and.bias()), (&[2.0, 1.0][..], -2.0));
        let mut or = zero();
        assert_eq!(or.learn(&gate([0.0, 1.0, 1.0, 1.0]), 100).unwrap(), vec![1, 2, 1, 0]);
        // b = 0 puts (0, 0) on the line itself: z = 0 there, and step(0) = 0 is right.
        assert_eq!((or.weights(), or.bias()), (&[1.0, 1.0][..], 0.0));
        let mut nand = zero();
        assert_eq!(nand.learn(&gate([1.0, 1.0, 1.0, 0.0]), 100).unwrap(), vec![2, 3, 3, 2, 1, 0]);
    }

    /// XOR cannot be learned: the state (w, b) at the start of a pass repeats, so the passes
    /// repeat forever, and every pass of the cycle makes mistakes. This is a proof for this
    /// start and order, not only 1000 failed passes.
    #[test]
    fn xor_weights_cycle_and_mistakes_never_reach_zero() {
        let samples = gate([0.0, 1.0, 1.0, 0.0]);
        let mut p = zero();
        let mut seen: Vec<Perceptron> = Vec::new();
        let mut mistakes = Vec::new();
        let start = loop {
            if let Some(at) = seen.iter().position(|q| *q == p) {
                break at;
            }
            seen.push(p.clone());
            mistakes.push(p.learn_pass(&samples).unwrap());
            assert!(seen.len() < 100, "no cycle within 100 passes");
        };
        assert!(mistakes[start..].iter().all(|&m| m > 0), "{mistakes:?}");
        // The book's numbers: from the third pass on, every pass is the same four mistakes
        // and ends where it began, at w = (−1, 0), b = 1.
        assert_eq!((start, mistakes.len()), (2, 3));
        assert_eq!(mistakes, [2, 3, 4]);
        assert_eq!((p.weights(), p.bias()), (&[-1.0, 0.0][..], 1.0));
        assert_eq!(p.learn(&samples, 1000).unwrap().iter().filter(|&&m| m == 0).count(), 0);
    }

    /// Of the 16 functions of two bits, exactly XOR and XNOR are not linearly separable: the
    /// rule learns the other 14 from zero weights within 6 passes (the book quotes this), and
    /// on those two never has a pass without mistakes.
    #[test]
    fn learns_every_two_input_function_but_xor_and_xnor() {
        for code in 0..16u8 {
            let truth = [0, 1, 2, 3].map(|i| f64::from((code >> i) & 1));
            let separable = truth != [0.0, 1.0, 1.0, 0.0] && truth != [1.0, 0.0, 0.0, 1.0];
            let mut p = zero();
            let mistakes = p.learn(&gate(truth), 1000).unwrap();
            assert_eq!(mistakes.last() == Some(&0), separable, "{truth:?}: {mistakes:?}");
            if separable {
                assert!(mistakes.len() <= 6, "{truth:?}: {mistakes:?}");
            }
        }
    }

    #[test]
    fn a_clean_pass_changes_nothing() {
        let mut and = Perceptron::new(vec![1.0, 1.0], -1.5, Activation::Step);
        let before = and.clone();
        assert_eq!(and.learn_pass(&gate([0.0, 0.0, 0.0, 1.0])).unwrap(), 0);
        assert_eq!(and, before);
    }

    #[test]
    fn one_update_by_hand() {
        // Says 0 for a 1: w ← w + x, b ← b + 1.
        let mut p = Perceptron::new(vec![0.5, -1.0], -1.0, Activation::Step);
        assert_eq!(p.learn_pass(&[([1.0, 2.0], 1.0)]).unwrap(), 1);
        assert_eq!((p.weights(), p.bias()), (&[1.5, 1.0][..], 0.0));
        // Now says 1 for a 0: w ← w − x, b ← b − 1.
        assert_eq!(p.learn_pass(&[([1.0, 2.0], 0.0)]).unwrap(), 1);
        assert_eq!((p.weights(), p.bias()), (&[0.5, -1.0][..], -1.0));
    }

    #[test]
    fn bad_input_is_refused_before_any_update() {
        let mut p = zero();
        let err = p.learn_pass(&[(vec![1.0, 1.0], 1.0), (vec![1.0], 1.0)]).unwrap_err();
        assert_eq!(err, Error::InputLength { weights: 2, inputs: 1 });
        let err = p.learn_pass(&[([1.0, 1.0], 1.0), ([0.0, 0.0], 0.5)]).unwrap_err();
        assert_eq!(err, Error::TargetNotBinary { sample: 1 });
        assert!(err.to_string().contains("1번 샘플"));
        let err = p.learn_pass(&[([1.0, 1.0], f64::NAN)]).unwrap_err();
        assert_eq!(err, Error::TargetNotBinary { sample: 0 });
        assert_eq!(p, zero(), "a refused pass must not change the perceptron");

        let mut sigmoid = Perceptron::new(vec![0.0, 0.0], 0.0, Activation::Sigmoid);
        assert_eq!(sigmoid.learn_pass(&gate([0.0; 4])).unwrap_err(), Error::RuleNeedsStep);
        assert_eq!(sigmoid.learn(&gate([0.0; 4]), 5).unwrap_err(), Error::RuleNeedsStep);
    }

    #[test]
    fn empty_samples_and_zero_passes() {
        let mut p = zero();
        assert_eq!(p.learn_pass::<[f64; 2]>(&[]).unwrap(), 0);
        assert_eq!(p.learn(&gate([0.0, 1.0, 1.0, 1.0]), 0).unwrap(), Vec::<usize>::new());
        assert_eq!(p, zero());
    }

    #[test]
    fn nan_input_spreads_and_counts_as_a_mistake() {
        let mut p = zero();
        // z = 0·NaN + 0·0 + 0 is NaN, so is ŷ and y − ŷ: a mistake, and NaN everywhere.
        assert_eq!(p.learn_pass(&[([f64::NAN, 0.0], 1.0)]).unwrap(), 1);
        assert!(p.weights().iter().all(|w| w.is_nan()) && p.bias().is_nan());
        assert_eq!(p.learn_pass(&[([0.0, 0.0], 0.0)]).unwrap(), 1);
    }

    #[test]
    fn infinite_input_makes_a_weight_infinite_then_answers_nan() {
        let mut p = Perceptron::new(vec![1.0, 0.0], 0.0, Activation::Step);
        // z = +∞ says 1 for a 0: w₁ ← 1 − ∞, w₂ ← 0 − 0, b ← 0 − 1.
        assert_eq!(p.learn_pass(&[([f64::INFINITY, 0.0], 0.0)]).unwrap(), 1);
        assert_eq!((p.weights(), p.bias()), (&[f64::NEG_INFINITY, 0.0][..], -1.0));
        // At (0, 1), z = −∞·0 + 0·1 − 1 is NaN: a mistake, and NaN from then on.
        assert_eq!(p.learn_pass(&[([0.0, 1.0], 1.0)]).unwrap(), 1);
        assert!(p.weights().iter().all(|w| w.is_nan()) && p.bias().is_nan());
    }
}
