//! Criterion benchmarks of `perceptron::slice` over 10^3 … 10^6 f64, with a plain copy as
//! the memory-bound floor. `cargo xtask bench` runs them and then `benches/numpy_peer.py`,
//! which times NumPy/SciPy on the same inputs and prints crate ÷ NumPy per function.
//!
//! Every group is named after the function (`copy` for the floor) and every benchmark after
//! the length, so the estimates are in `target/criterion/<function>/<length>/new/`. The
//! `_into` form is timed (the input stays the same from one iteration to the next); the
//! in-place form runs the same loop.

// criterion_group! writes a public fn without docs.
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use perceptron::Error;
use perceptron::experiment::Rng;
use perceptron::slice;

/// The lengths, also in `benches/numpy_peer.py`.
const SIZES: [usize; 4] = [1_000, 10_000, 100_000, 1_000_000];
/// The seed and range of the inputs, also in `benches/numpy_peer.py`, which draws the same
/// numbers (it reimplements `Rng`).
const SEED: u64 = 2024;
const RANGE: (f64, f64) = (-10.0, 10.0);
/// The slope of Leaky ReLU (ELU is timed with α = 1).
const ALPHA: f64 = 0.01;

fn input(len: usize) -> Vec<f64> {
    let mut rng = Rng::new(SEED);
    (0..len).map(|_| rng.range(RANGE.0, RANGE.1)).collect()
}

type Into = fn(&[f64], &mut [f64]) -> Result<(), Error>;

fn copy(input: &[f64], output: &mut [f64]) -> Result<(), Error> {
    output.copy_from_slice(input);
    Ok(())
}

fn leaky_relu(input: &[f64], output: &mut [f64]) -> Result<(), Error> {
    slice::leaky_relu_into(input, output, ALPHA)
}

fn elu(input: &[f64], output: &mut [f64]) -> Result<(), Error> {
    slice::elu_into(input, output, 1.0)
}

fn leaky_relu_derivative(input: &[f64], output: &mut [f64]) -> Result<(), Error> {
    slice::leaky_relu_derivative_into(input, output, ALPHA)
}

const FUNCTIONS: [(&str, Into); 18] = [
    ("copy", copy),
    ("sigmoid", slice::sigmoid_into),
    ("sigmoid_derivative", slice::sigmoid_derivative_into),
    ("tanh", slice::tanh_into),
    ("tanh_derivative", slice::tanh_derivative_into),
    ("relu", slice::relu_into),
    ("relu_derivative", slice::relu_derivative_into),
    ("leaky_relu", leaky_relu),
    ("leaky_relu_derivative", leaky_relu_derivative),
    ("softmax", slice::softmax_into),
    ("log_softmax", slice::log_softmax_into),
    ("elu", elu),
    ("selu", slice::selu_into),
    ("softplus", slice::softplus_into),
    ("gelu", slice::gelu_into),
    ("gelu_tanh", slice::gelu_tanh_into),
    ("silu", slice::silu_into),
    ("mish", slice::mish_into),
];

fn activations(c: &mut Criterion) {
    // For benches/numpy_peer.py, which records it with the results.
    let simd = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/criterion/simd.txt");
    std::fs::create_dir_all(simd.parent().unwrap()).unwrap();
    std::fs::write(&simd, slice::simd().name()).unwrap();
    eprintln!("SIMD: {}", slice::simd());
    let inputs: Vec<Vec<f64>> = SIZES.iter().map(|&n| input(n)).collect();
    for (name, f) in FUNCTIONS {
        let mut group = c.benchmark_group(name);
        for input in &inputs {
            let mut output = vec![0.0; input.len()];
            group.throughput(Throughput::Elements(input.len() as u64));
            group.bench_with_input(BenchmarkId::from_parameter(input.len()), input, |b, input| {
                b.iter(|| f(black_box(input), black_box(&mut output)).unwrap());
            });
        }
        group.finish();
    }
}

/// Inputs a kernel cannot take (NaN, or `x < −708` for sigmoid; for softmax a logit more than
/// 708 below the largest) among ordinary ones: one in every 256 elements (0.4 %) at 10^6,
/// against none. Such a block runs the kernel on every
/// element and then redoes the few elements out of range, so it should cost about what a
/// clean block costs. (The portable level, without AVX2 and FMA, is timed by running the
/// whole bench with `PERCEPTRON_SIMD=portable`.)
fn out_of_range(c: &mut Criterion) {
    let clean = input(1_000_000);
    let with = |value: f64| -> Vec<f64> {
        let mut xs = clean.clone();
        xs.iter_mut().step_by(256).for_each(|x| *x = value);
        xs
    };
    let cases = [("none", clean.clone()), ("nan", with(f64::NAN)), ("below-708", with(-800.0))];
    let mut group = c.benchmark_group("sigmoid_out_of_range");
    group.throughput(Throughput::Elements(clean.len() as u64));
    for (name, input) in &cases {
        let mut output = vec![0.0; input.len()];
        group.bench_with_input(BenchmarkId::from_parameter(name), input, |b, input| {
            b.iter(|| slice::sigmoid_into(black_box(input), black_box(&mut output)).unwrap());
        });
    }
    group.finish();
    // Softmax: a logit more than 708 below the largest, one in every 256.
    let mut group = c.benchmark_group("softmax_out_of_range");
    group.throughput(Throughput::Elements(clean.len() as u64));
    for (name, input) in [("none", clean.clone()), ("below-708", with(-800.0))] {
        let mut output = vec![0.0; input.len()];
        group.bench_with_input(BenchmarkId::from_parameter(name), &input, |b, input| {
            b.iter(|| slice::softmax_into(black_box(input), black_box(&mut output)).unwrap());
        });
    }
    group.finish();
}

criterion_group!(benches, activations, out_of_range);
criterion_main!(benches);
