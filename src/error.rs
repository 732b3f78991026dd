//! The crate's one error type: bad input that has no meaningful answer.

use std::fmt;

/// Why a computation was refused. Each message says what was given and what was expected,
/// in Korean and in English.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// The input has a different number of values than the perceptron has weights.
    InputLength { weights: usize, inputs: usize },
    /// A class index is not below the number of classes (logits).
    ClassOutOfRange { class: usize, classes: usize },
    /// The output slice of a [`crate::slice`] `_into` function is not as long as its input.
    LengthMismatch { input: usize, output: usize },
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
            Error::LengthMismatch { input, output } => write!(
                f,
                "입력과 출력의 길이가 다릅니다: 입력은 {input}개인데 출력은 {output}개입니다 \
                 (length mismatch: {input} inputs, {output} outputs)"
            ),
        }
    }
}

impl std::error::Error for Error {}
