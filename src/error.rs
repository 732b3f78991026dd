//! The crate's one error type: bad input that has no meaningful answer.

use std::fmt;

/// Why a computation was refused. Each message says what was given and what was expected,
/// in Korean and in English.
///
/// `#[non_exhaustive]`: a later version may refuse more kinds of input, so a `match` on it
/// outside this crate needs a `_` arm.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The input of a perceptron has a different number of values than it has weights.
    InputLength {
        /// The number of weights (what the input's length must be).
        weights: usize,
        /// The number of values given.
        inputs: usize,
    },
    /// A class index is not below the number of classes (logits).
    ClassOutOfRange {
        /// The class asked for.
        class: usize,
        /// The number of classes (logits); the classes are `0..classes`.
        classes: usize,
    },
    /// The output slice of a `_into` function (e.g. [`crate::slice::sigmoid_into`]) is not as
    /// long as its input.
    OutputLength {
        /// The input's length (what the output's length must be).
        input: usize,
        /// The output's length.
        output: usize,
    },
    /// A target of the perceptron learning rule is not 0 or 1 (the index of its sample,
    /// counted from 0). The rule counts whole mistakes, so any other target has no meaning.
    TargetNotBinary {
        /// The index of the sample, counted from 0.
        sample: usize,
    },
    /// The perceptron learning rule was asked of a perceptron whose activation is not the
    /// step: the rule is defined for step units only.
    RuleNeedsStep,
    /// A GLU-family function (e.g. [`crate::activation::swiglu`]) was given an odd number of
    /// values: it splits its input into two halves of equal length.
    OddLength {
        /// The length given.
        len: usize,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InputLength { weights, inputs } => write!(
                f,
                "입력 길이가 맞지 않습니다: 가중치는 {weights}개인데 입력은 {inputs}개입니다 \
                 (input length mismatch: {weights} weights, {inputs} inputs)"
            ),
            Error::ClassOutOfRange { class, classes: 0 } => write!(
                f,
                "로짓이 비어 있어 정답 클래스 {class}번이 없습니다 \
                 (class {class} out of range: there are no logits)"
            ),
            Error::ClassOutOfRange { class, classes } => write!(
                f,
                "정답 클래스 {class}번이 없습니다: 클래스는 0번부터 {}번까지 {classes}개입니다 \
                 (class {class} out of range for {classes} classes)",
                classes - 1
            ),
            Error::OutputLength { input, output } => write!(
                f,
                "입력과 출력의 길이가 다릅니다: 입력은 {input}개인데 출력은 {output}개입니다 \
                 (length mismatch: {input} inputs, {output} outputs)"
            ),
            Error::TargetNotBinary { sample } => write!(
                f,
                "{sample}번 샘플의 정답이 0이나 1이 아닙니다: 퍼셉트론 학습 규칙의 정답은 0 또는 1입니다 \
                 (target of sample {sample} is not 0 or 1)"
            ),
            Error::RuleNeedsStep => write!(
                f,
                "퍼셉트론 학습 규칙은 활성화 함수가 계단 함수일 때만 쓸 수 있습니다 \
                 (the perceptron learning rule needs the step activation)"
            ),
            Error::OddLength { len } => write!(
                f,
                "입력 길이 {len}이(가) 홀수라서 두 절반으로 나눌 수 없습니다 \
                 (odd input length {len}: cannot split into two halves)"
            ),
        }
    }
}

impl std::error::Error for Error {}

/// `Ok` when an `_into` function's output is as long as its input, else
/// [`Error::OutputLength`] naming both lengths.
pub(crate) fn check_lengths(input: &[f64], output: &[f64]) -> Result<(), Error> {
    if input.len() == output.len() {
        Ok(())
    } else {
        Err(Error::OutputLength { input: input.len(), output: output.len() })
    }
}
