//! Every SIMD level this machine runs gives the same bits. The level is chosen once per
//! process (`PERCEPTRON_SIMD`, see the docs of `perceptron::slice`), so this test binary runs
//! itself again, once per level, with the variable set: each run computes every activation,
//! derivative, softmax and log-softmax the crate has, scalar and slice, in place and `_into`,
//! over inputs that cover the whole range (special values, subnormals, the thresholds of the
//! kernels, random bit patterns), at lengths that are and are not multiples of the vector
//! widths, and long vectors; the runs' bits are compared here. It also checks that a value
//! naming no level, or a level the CPU lacks, is refused as documented.

mod common;

use std::collections::BTreeMap;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{Rng, every_activation};
use perceptron::activation as scalar;
use perceptron::{Error, slice};

/// The variable the crate reads.
const ENV: &str = "PERCEPTRON_SIMD";
/// Set by the parent: the file a child run writes its results to. Without it the child
/// tests below return at once (they are entry points, not tests of their own).
const CHILD_OUT: &str = "PERCEPTRON_LEVELS_OUT";

/// The levels, as `PERCEPTRON_SIMD` spells them and as `slice::simd().name()` names them.
const LEVELS: [(&str, &str); 3] =
    [("portable", "portable"), ("avx2", "AVX2"), ("avx512", "AVX-512")];

/// The elementwise inputs: every special value and threshold of the kernels (each with its
/// neighbours), dense runs at multiples of ln2/2 (where the range reduction changes `k`),
/// then blocks of random values: small, wide, random bit patterns and subnormals.
fn inputs() -> Vec<f64> {
    let mut xs = vec![
        f64::NAN,
        -f64::NAN,
        f64::from_bits(0x7ff0_0000_0000_0001), // a signalling NaN
        f64::INFINITY,
        f64::NEG_INFINITY,
        0.0,
        -0.0,
        f64::MIN_POSITIVE,
        -f64::MIN_POSITIVE,
        f64::from_bits(1),
        -f64::from_bits(1),
        f64::MIN_POSITIVE / 3.0,
        f64::MAX,
        f64::MIN,
        f64::EPSILON,
        1.0,
        -1.0,
        0.5,
    ];
    let thresholds = [
        1e-300, 1e-160, 1e-20, 1e-8, 2.0, 10.0, 19.0, 20.0, 21.0, 22.0, 36.7, 37.0, 40.0, 41.0,
        354.0, 355.0, 700.0, 708.0, 709.0, 709.78, 710.0, 744.44, 745.13, 746.0, 1e3, 1e10, 1e300,
    ];
    for t in thresholds {
        for x in [t, -t] {
            let (mut up, mut down) = (x, x);
            xs.push(x);
            for _ in 0..4 {
                up = up.next_up();
                down = down.next_down();
                xs.extend([up, down]);
            }
        }
    }
    let half_ln2 = std::f64::consts::LN_2 / 2.0;
    for j in (1..2200).step_by(7) {
        let x = f64::from(j) * half_ln2;
        xs.extend([x, x.next_up(), x.next_down(), -x, -x.next_up(), -x.next_down()]);
    }
    let mut rng = Rng::new(13);
    xs.extend((0..8_000).map(|_| rng.range(-50.0, 50.0)));
    xs.extend((0..8_000).map(|_| rng.range(-800.0, 800.0)));
    xs.extend((0..8_000).map(|_| f64::from_bits(rng.next_u64())));
    xs.extend((0..2_000).map(|_| f64::from_bits(rng.next_u64() & 0x800f_ffff_ffff_ffff)));
    xs
}

/// Logit vectors for softmax and log-softmax: random, wide, with a dominant logit, with ties
/// at the maximum, with NaN and infinities, at many lengths up to 100 003.
fn logit_vectors() -> Vec<(String, Vec<f64>)> {
    let mut rng = Rng::new(14);
    let mut vs = Vec::new();
    let lengths = [0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 255, 256, 257];
    for &n in lengths.iter().chain(&[1023, 4097, 100_003]) {
        let random: Vec<f64> = (0..n).map(|_| rng.range(-30.0, 30.0)).collect();
        let wide: Vec<f64> = (0..n).map(|_| rng.range(-800.0, 800.0)).collect();
        let mut dominant = vec![-43.0; n];
        let mut ties = vec![-712.0; n];
        let mut special = random.clone();
        if n > 0 {
            dominant[0] = 0.0;
            ties[n / 2] = 0.5;
            ties[n - 1] = 0.5;
            special[n / 3] = f64::NAN;
        }
        let mut infinite = random.clone();
        if n > 2 {
            infinite[1] = f64::INFINITY;
            infinite[2] = f64::NEG_INFINITY;
        }
        let huge: Vec<f64> = (0..n).map(|_| rng.range(-1.0, 1.0) * f64::MAX).collect();
        for (kind, v) in [
            ("random", random),
            ("wide", wide),
            ("dominant", dominant),
            ("ties", ties),
            ("nan", special),
            ("infinite", infinite),
            ("huge", huge),
            ("all -inf", vec![f64::NEG_INFINITY; n]),
        ] {
            vs.push((format!("{kind} {n}"), v));
        }
    }
    vs
}

type Into = fn(&[f64], &mut [f64]) -> Result<(), Error>;
type Scalar = fn(f64) -> f64;

/// Every slice function with an `_into` form, α fixed where there is one.
fn into_functions() -> Vec<(&'static str, Into)> {
    vec![
        ("sigmoid_into", slice::sigmoid_into),
        ("sigmoid_derivative_into", slice::sigmoid_derivative_into),
        ("tanh_into", slice::tanh_into),
        ("tanh_derivative_into", slice::tanh_derivative_into),
        ("relu_into", slice::relu_into),
        ("relu_derivative_into", slice::relu_derivative_into),
        ("leaky_relu_into", |i, o| slice::leaky_relu_into(i, o, 0.01)),
        ("leaky_relu_derivative_into", |i, o| slice::leaky_relu_derivative_into(i, o, 0.01)),
        ("elu_into", |i, o| slice::elu_into(i, o, 1.0)),
        ("elu_derivative_into", |i, o| slice::elu_derivative_into(i, o, 1.0)),
        ("selu_into", slice::selu_into),
        ("selu_derivative_into", slice::selu_derivative_into),
        ("softplus_into", slice::softplus_into),
        ("softplus_derivative_into", slice::softplus_derivative_into),
        ("gelu_into", slice::gelu_into),
        ("gelu_derivative_into", slice::gelu_derivative_into),
        ("gelu_tanh_into", slice::gelu_tanh_into),
        ("gelu_tanh_derivative_into", slice::gelu_tanh_derivative_into),
        ("silu_into", slice::silu_into),
        ("silu_derivative_into", slice::silu_derivative_into),
        ("mish_into", slice::mish_into),
        ("mish_derivative_into", slice::mish_derivative_into),
        ("softmax_into", slice::softmax_into),
        ("log_softmax_into", slice::log_softmax_into),
    ]
}

/// Everything one level computes, as named records of bits. Records named `x: …` are one
/// output per element of [`inputs`].
fn compute() -> Vec<(String, Vec<u64>)> {
    let bits = |v: &[f64]| v.iter().map(|y| y.to_bits()).collect::<Vec<u64>>();
    let xs = inputs();
    let mut records = Vec::new();
    let mut push = |name: String, v: &[f64]| records.push((name, bits(v)));

    for activation in every_activation(&[0.01, 0.2, 1.0]) {
        let name = format!("{activation:?}");
        push(
            format!("x: {name} apply"),
            &xs.iter().map(|&x| activation.apply(x)).collect::<Vec<_>>(),
        );
        let d: Vec<f64> = xs.iter().map(|&x| activation.derivative(x)).collect();
        push(format!("x: {name} derivative"), &d);
        let mut v = xs.clone();
        activation.apply_slice(&mut v);
        push(format!("x: {name} apply_slice"), &v);
        let mut v = xs.clone();
        activation.derivative_slice(&mut v);
        push(format!("x: {name} derivative_slice"), &v);
    }
    let scalars: [(&str, Scalar); 3] = [
        ("tanh_via_sigmoid", scalar::tanh_via_sigmoid),
        ("prelu_derivative_alpha", scalar::prelu_derivative_alpha),
        ("step", scalar::step),
    ];
    for (name, f) in scalars {
        push(format!("x: {name}"), &xs.iter().map(|&x| f(x)).collect::<Vec<_>>());
    }
    for (name, f) in into_functions() {
        let mut out = vec![0.0; xs.len()];
        f(&xs, &mut out).expect("same lengths");
        push(format!("x: {name}"), &out);
        // Short slices at an odd offset: every remainder of the 4- and 8-wide loops.
        for n in [1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 31, 33, 255, 256, 257, 1000] {
            let input = &xs[7..7 + n];
            let mut out = vec![0.0; n];
            f(input, &mut out).expect("same lengths");
            push(format!("{name} [7..{}]", 7 + n), &out);
        }
    }
    for (name, f) in [
        ("glu", scalar::glu as fn(&[f64]) -> Result<Vec<f64>, Error>),
        ("swiglu", scalar::swiglu),
        ("geglu", scalar::geglu),
    ] {
        let even = &xs[..xs.len() / 2 * 2];
        push(name.to_string(), &f(even).expect("even length"));
    }
    for (kind, v) in logit_vectors() {
        push(format!("softmax {kind}"), &scalar::softmax(&v));
        push(format!("log_softmax {kind}"), &scalar::log_softmax(&v));
        let mut w = v.clone();
        slice::softmax(&mut w);
        push(format!("slice::softmax {kind}"), &w);
        let mut w = v.clone();
        slice::log_softmax(&mut w);
        push(format!("slice::log_softmax {kind}"), &w);
        if !v.is_empty() {
            let last = v.len() - 1;
            let ce = [0, last].map(|c| scalar::cross_entropy(&v, c).expect("class in range"));
            push(format!("cross_entropy {kind}"), &ce);
            let g = scalar::cross_entropy_gradient(&v, last).expect("class in range");
            push(format!("cross_entropy_gradient {kind}"), &g);
        }
    }
    records
}

/// The child run: computes everything and writes it, with the level it ran at, to the file
/// the parent named. A no-op unless the parent set `PERCEPTRON_LEVELS_OUT`.
#[test]
fn level_child() {
    let Some(path) = std::env::var_os(CHILD_OUT) else { return };
    let mut out = BufWriter::new(std::fs::File::create(path).expect("create the output file"));
    let mut write = |bytes: &[u8]| out.write_all(bytes).expect("write the output file");
    let level = slice::simd().name();
    write(&(level.len() as u64).to_le_bytes());
    write(level.as_bytes());
    if std::env::var_os("PERCEPTRON_LEVELS_NAME_ONLY").is_none() {
        for (name, bits) in compute() {
            write(&(name.len() as u64).to_le_bytes());
            write(name.as_bytes());
            write(&(bits.len() as u64).to_le_bytes());
            for b in bits {
                write(&b.to_le_bytes());
            }
        }
    } else {
        // The refusal test only needs the level; one dispatched call shows nothing panics.
        let mut v = vec![-1.0, 0.0, 800.0];
        slice::sigmoid(&mut v);
        assert_eq!(v[1..], [0.5, 1.0]);
    }
    out.flush().expect("write the output file");
}

/// What a child run left: the level it ran at, its stderr, and (unless only the name was
/// asked for) its records by name.
struct Run {
    level: String,
    stderr: String,
    records: BTreeMap<String, Vec<u64>>,
}

/// Runs this test binary again with `PERCEPTRON_SIMD=value`, only the child test, exactly.
fn run_child(value: &str, name_only: bool) -> Run {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join(format!("levels-{}-{value}.bin", std::process::id()));
    let mut command = Command::new(std::env::current_exe().expect("the test binary's path"));
    command
        .args(["level_child", "--exact", "--test-threads=1"])
        .env(ENV, value)
        .env(CHILD_OUT, &path)
        .env_remove("PERCEPTRON_LEVELS_NAME_ONLY");
    if name_only {
        command.env("PERCEPTRON_LEVELS_NAME_ONLY", "1");
    }
    let output: Output = command.output().expect("run the test binary again");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        output.status.success(),
        "the run with {ENV}={value} failed ({}):\n{}\n{stderr}",
        output.status,
        String::from_utf8_lossy(&output.stdout)
    );
    let run = read_run(&path, stderr);
    std::fs::remove_file(&path).expect("remove the child's output file");
    run
}

fn read_run(path: &Path, stderr: String) -> Run {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|mut f| f.read_to_end(&mut bytes))
        .expect("read the child's output file");
    let mut pos = 0usize;
    let next_u64 = |pos: &mut usize| {
        let w = u64::from_le_bytes(bytes[*pos..*pos + 8].try_into().expect("8 bytes"));
        *pos += 8;
        w
    };
    let text = |pos: &mut usize, n: u64| {
        let n = usize::try_from(n).expect("a short name");
        let s = String::from_utf8(bytes[*pos..*pos + n].to_vec()).expect("UTF-8");
        *pos += n;
        s
    };
    let n = next_u64(&mut pos);
    let level = text(&mut pos, n);
    let mut records = BTreeMap::new();
    while pos + 8 <= bytes.len() {
        let n = next_u64(&mut pos);
        let name = text(&mut pos, n);
        let count = next_u64(&mut pos);
        let values = (0..count).map(|_| next_u64(&mut pos)).collect();
        records.insert(name, values);
    }
    Run { level, stderr, records }
}

/// The crate's dispatch module, compiled into this test too: [`detected`] detects the levels
/// with the crate's own feature lists (`features!` in `src/simd.rs`, checked there against
/// what rustc enables), not a copy of them that could drift.
#[allow(dead_code, unused_imports, unused_macros)]
#[path = "../src/simd.rs"]
mod simd;

/// The levels this machine's CPU runs, detected here from the crate's feature lists, as
/// `PERCEPTRON_SIMD` spells them. The crate's own choice is made in the child runs and
/// compared with this, so a level the crate's `Level::best` refuses though the CPU has it,
/// or runs though it lacks it, fails the tests below.
fn detected() -> Vec<&'static str> {
    simd::Level::available()
        .into_iter()
        .map(|level| {
            let name = level.public().name();
            LEVELS.iter().find(|&&(_, n)| n == name).expect("a level of LEVELS").0
        })
        .collect()
}

/// Equal bits, except that any NaN equals any NaN: IEEE 754 does not fix the payload an
/// operation gives, and the levels compute NaN through different instructions.
fn same_bits(a: u64, b: u64) -> bool {
    a == b || (f64::from_bits(a).is_nan() && f64::from_bits(b).is_nan())
}

#[test]
fn every_level_gives_the_same_bits() {
    let detected = detected();
    let xs = inputs();
    let mut runs = Vec::new();
    for (key, name) in LEVELS {
        if !detected.contains(&key) {
            println!("{key}: not on this CPU, not compared");
            continue;
        }
        let run = run_child(key, false);
        assert_eq!(run.level, name, "{ENV}={key} ran at {}; stderr: {}", run.level, run.stderr);
        assert!(run.stderr.is_empty(), "{ENV}={key} printed: {}", run.stderr);
        let values: usize = run.records.values().map(Vec::len).sum();
        println!("{key}: {} records, {values} results", run.records.len());
        runs.push((key, run));
    }
    let (_, portable) = &runs[0];
    assert!(portable.records.len() > 100, "the portable run computed too little");
    for (key, run) in &runs[1..] {
        assert_eq!(
            run.records.keys().collect::<Vec<_>>(),
            portable.records.keys().collect::<Vec<_>>(),
            "{key} computed other records than portable"
        );
        for (record, want) in &portable.records {
            let got = &run.records[record];
            assert_eq!(got.len(), want.len(), "{record}: lengths differ at {key}");
            if let Some(i) = (0..want.len()).find(|&i| !same_bits(got[i], want[i])) {
                let input = record.starts_with("x: ").then(|| xs[i]);
                panic!(
                    "{record}, element {i} (input {input:?}): {key} gives {:e} ({:#018x}), \
                     portable {:e} ({:#018x})",
                    f64::from_bits(got[i]),
                    got[i],
                    f64::from_bits(want[i]),
                    want[i]
                );
            }
        }
        println!("{key}: every result equals portable's, bit for bit (NaN as NaN)");
    }
    let vector_levels = runs.len() - 1;
    if cfg!(target_arch = "x86_64") {
        assert!(
            vector_levels > 0,
            "no vector level was tested: this x86-64 CPU reports neither AVX2 with FMA nor \
             AVX-512, so nothing showed that the vectorized code gives the portable bits; run \
             this test on a CPU with AVX2"
        );
    } else {
        println!("this architecture has only the portable level: it ran, nothing to compare");
    }
}

#[test]
fn unknown_values_and_missing_levels_are_refused() {
    let detected = detected();
    let widest = LEVELS.iter().rev().find(|(key, _)| detected.contains(key)).expect("portable");
    // Spelled in another case, a level is accepted.
    let run = run_child("PORTABLE", true);
    assert_eq!(run.level, "portable");
    assert!(run.stderr.is_empty(), "PORTABLE printed: {}", run.stderr);
    let mut refused = vec!["fastest", "avx-512", "avx2 ", "sse2"];
    let missing: Vec<&str> =
        LEVELS.iter().map(|&(key, _)| key).filter(|key| !detected.contains(key)).collect();
    if missing.is_empty() {
        println!("this CPU runs every level: the refusal of a missing one is not tested here");
    }
    refused.extend(&missing);
    for value in refused {
        let run = run_child(value, true);
        assert_eq!(run.level, widest.1, "{ENV}={value:?} was not refused");
        let lines: Vec<&str> = run.stderr.lines().collect();
        let want = format!(
            "perceptron: {ENV}={value} refused: this CPU runs {}; using {}",
            detected.join(", "),
            widest.0
        );
        assert_eq!(lines, [want.as_str()], "{ENV}={value:?}: stderr is not the one line");
        println!("{ENV}={value:?}: refused, ran at {}", run.level);
    }
}
