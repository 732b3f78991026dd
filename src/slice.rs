//! The activations, their derivatives, softmax and log-softmax over whole slices.
//!
//! Every function comes twice: in place, `f(&mut xs)`, and into an output slice,
//! `f_into(&input, &mut output)`, which returns [`Error::OutputLength`] when the two
//! lengths differ (and then writes nothing). An error, not a panic as in std's
//! `copy_from_slice` or ndarray's `assign`: there a wrong length is the caller's bug, but the
//! readers of this crate's book are learning, and every function here answers bad input
//! with an error that names what was wrong instead of stopping the program. Every result is bit for bit the result of the
//! scalar function in [`crate::activation`] (`tests/slice.rs`), so the special values and
//! the accuracy bounds there hold here unchanged: `sigmoid`, `tanh` and their derivatives
//! within 2 ULP, every element of `softmax` and `log_softmax` within 4 ULP, with the limits
//! said there (what the tests cover); `elu`, `selu`, `softplus`, `silu` within 2 ULP,
//! `gelu`, `gelu_tanh`, `mish` within 4 ULP.
//!
//! They are written for speed: the kernels of `src/numerics/kernel.rs` have no branch on the
//! value, so the loops over them are vectorized, and each function is compiled for AVX-512,
//! AVX2 and the portable baseline, the widest the CPU has being chosen when it runs
//! ([`simd`] says which). No `-C target-cpu=native` is needed. `cargo xtask bench` measures
//! them against NumPy and SciPy.
//!
//! The environment variable `PERCEPTRON_SIMD` chooses the level instead: `portable`, `avx2` or
//! `avx512` (in any case), read once, when the first function that dispatches runs (the
//! scalar functions of [`crate::activation`] dispatch too). A level the CPU lacks, or any other
//! value, is refused: the widest level is used and one line on stderr names the variable,
//! the value and the levels this CPU runs; it never panics, and the crate never runs
//! instructions the CPU was not found to have. Unset or empty, the variable changes nothing.
//! The results are the same bits at every level (`tests/levels.rs` runs the same inputs at
//! each level the machine has, each in its own process, and compares them), so forcing
//! `portable` reproduces on this machine the numbers of a machine without AVX2. Only the speed
//! differs, and at `portable` by a lot: without FMA instructions every fused multiply-add of
//! the kernels is a call of libm's `fma`. `slice::sigmoid` on 10^6 elements took 44.6 ns per
//! element at `portable`, 2.48 at `avx2` and 1.83 at `avx512` (Intel Xeon with AVX-512,
//! `PERCEPTRON_SIMD=… cargo bench --bench activations -- sigmoid_out_of_range/none`), so a
//! CPU (or a virtual one, such as QEMU's default) without AVX2 and FMA runs it about 20 times
//! slower.
//!
//! Which functions are vectorized: everything built on `e^x`, and GELU. `sigmoid`, `tanh`
//! and their derivatives; `silu`, `gelu_tanh` (`x·σ(v)`) and their derivatives and
//! `softplus_derivative` (σ itself) through the σ kernel; `elu`, `selu` through the `e^x − 1`
//! kernel and their derivatives through the `e^x` kernel; `mish` and its derivative through the
//! `e^x` kernel; `softplus` through the `e^x` kernel and fdlibm's `log1p` series; `gelu` and
//! its derivative through a branch-free form of fdlibm's `erfc` (`src/numerics/erfc.rs`: every
//! element runs the same operations, its interval only selecting which rational function's
//! value it keeps).
//! The scalar functions compute through the same kernels (as `activation::sigmoid` does), which
//! is how the two agree bit for bit. Each kernel holds on a range (`|x| ≤ 708`, `|x| ≤ 21` for
//! `gelu_tanh`, …); in a block of 256 elements with one outside it (or a NaN), the kernel still
//! runs on every element and only those outside are computed again by the slow path, so 0.4 %
//! of such inputs cost about a third more, not three times as much (`sigmoid_out_of_range`
//! bench at 10^6: 1.72 ns/element clean, 2.36 with a NaN in every block, 2.21 with an
//! `x < −708`; before, 5.59 and 5.34).
//! `relu`, `leaky_relu` and their derivatives are a compare and a select, vectorized as they
//! are.
//!
//! ```
//! use perceptron::slice;
//!
//! let mut h = vec![-2.0, 0.0, 3.0];
//! slice::relu(&mut h);
//! assert_eq!(h, [0.0, 0.0, 3.0]);
//!
//! let logits = [1.0, 2.0, 3.0];
//! let mut p = [0.0; 3];
//! slice::softmax_into(&logits, &mut p)?;
//! assert_eq!(p.to_vec(), perceptron::activation::softmax(&logits));
//! assert!(slice::sigmoid_into(&logits, &mut [0.0; 2]).is_err());
//! # Ok::<(), perceptron::Error>(())
//! ```

use crate::activation::{self, Activation};
use crate::error::{Error, check_lengths};
use crate::numerics::{BLOCK_LEN, kernel, map_in_place, map_into};
use crate::simd::{Level, dispatch};

/// Softmax and log-softmax of a slice of logits (written in `src/softmax.rs`).
pub use crate::softmax::{
    log_softmax_in_place as log_softmax, log_softmax_into, softmax_in_place as softmax,
    softmax_into,
};

pub use crate::simd::SimdLevel;

/// The SIMD instructions the slice functions use on this CPU ([`SimdLevel::name`] prints
/// `"AVX-512"`, `"AVX2"` or `"portable"`): the widest the CPU has, or the one
/// `PERCEPTRON_SIMD` chose (see the [module docs](self)). The results are the same bits on
/// every one; only the speed differs (`portable` about 20 times slower: see there).
#[must_use]
pub fn simd() -> SimdLevel {
    Level::best().public()
}

/// Like [`map_in_place`] for a function with a kernel, which is only right where `in_range`
/// holds: `kernel` runs on every element in a loop the compiler vectorizes, and in a block
/// with an element out of range (NaN, or beyond the kernel's range) those elements are then
/// computed again by `any` from a copy of the input. So one such element costs one call of
/// `any`, not the whole block element by element (the pattern of libmvec and SLEEF: measured
/// by the `sigmoid_out_of_range` bench). `any` equals `kernel` where `in_range` holds, so the
/// result does not depend on how the blocks fall.
#[inline(always)]
fn blocks_in_place(
    xs: &mut [f64],
    in_range: impl Fn(f64) -> bool,
    kernel: impl Fn(f64) -> f64,
    any: impl Fn(f64) -> f64,
) {
    let mut copy = [0.0; BLOCK_LEN];
    for block in xs.chunks_mut(BLOCK_LEN) {
        // `&`, not `all`: no early exit, so the check vectorizes too.
        let clean = block.iter().fold(true, |ok, &x| ok & in_range(x));
        let original = &mut copy[..block.len()];
        if !clean {
            original.copy_from_slice(block);
        }
        for x in block.iter_mut() {
            *x = kernel(*x);
        }
        if !clean {
            for (x, &o) in block.iter_mut().zip(original.iter()) {
                if !in_range(o) {
                    *x = any(o);
                }
            }
        }
    }
}

/// [`blocks_in_place`] from `input` into `output` (same lengths, checked by the caller): the
/// input stays as it was, so no copy is needed, and the kernel reads one slice and writes the
/// other in one pass. Copying first and then working in place cost about a third more at
/// 10^6 elements (`tanh_into`: 2.3–2.7 against 1.55–1.6 ns per element, measured alternately).
/// The same bits as [`blocks_in_place`]: the same `kernel` or `any` for each element.
#[inline(always)]
fn blocks_into(
    input: &[f64],
    output: &mut [f64],
    in_range: impl Fn(f64) -> bool,
    kernel: impl Fn(f64) -> f64,
    any: impl Fn(f64) -> f64,
) {
    for (out, block) in output.chunks_mut(BLOCK_LEN).zip(input.chunks(BLOCK_LEN)) {
        let clean = block.iter().fold(true, |ok, &x| ok & in_range(x));
        for (y, &x) in out.iter_mut().zip(block) {
            *y = kernel(x);
        }
        if !clean {
            for (y, &x) in out.iter_mut().zip(block) {
                if !in_range(x) {
                    *y = any(x);
                }
            }
        }
    }
}

/// The functions computed by a kernel: name, `_into` name, an optional extra parameter
/// (ELU's `alpha`, which the three closures may use), range check, kernel, every `x`.
macro_rules! with_kernel {
    ($($name:ident, $into:ident $(, $p:ident: $t:ty)?; $in_range:expr, $kernel:expr, $any:expr;)*) => {$(
        #[doc = concat!(
            "[`activation::", stringify!($name), "`] of every element",
            $(" with `", stringify!($p), "`",)? ", in place."
        )]
        pub fn $name(xs: &mut [f64] $(, $p: $t)?) {
            dispatch!(Level::best(); (xs: &mut [f64] $(, $p: $t)?) {
                blocks_in_place(xs, $in_range, $kernel, $any)
            })
        }

        #[doc = concat!(
            "[`activation::", stringify!($name), "`] of every element of `input`",
            $(" with `", stringify!($p), "`",)? ", "
        )]
        #[doc = "written to `output`."]
        #[doc = ""]
        #[doc = "# Errors"]
        #[doc = ""]
        #[doc = "[`Error::OutputLength`] if the lengths differ; `output` is then left as it was."]
        pub fn $into(input: &[f64], output: &mut [f64] $(, $p: $t)?) -> Result<(), Error> {
            check_lengths(input, output)?;
            dispatch!(Level::best(); (input: &[f64], output: &mut [f64] $(, $p: $t)?) {
                blocks_into(input, output, $in_range, $kernel, $any)
            });
            Ok(())
        }
    )*};
}

/// The functions mapped element by element: name, `_into` name, and an optional extra
/// parameter (Leaky ReLU's slope `alpha`) passed on to the scalar function.
macro_rules! elementwise {
    ($($name:ident, $into:ident $(, $p:ident: $t:ty)?;)*) => {$(
        #[doc = concat!(
            "[`activation::", stringify!($name), "`] of every element",
            $(" with `", stringify!($p), "`",)? ", in place."
        )]
        pub fn $name(xs: &mut [f64] $(, $p: $t)?) {
            dispatch!(Level::best(); (xs: &mut [f64] $(, $p: $t)?) {
                map_in_place(xs, |x| activation::$name(x $(, $p)?))
            })
        }

        #[doc = concat!(
            "[`activation::", stringify!($name), "`] of every element of `input`",
            $(" with `", stringify!($p), "`",)? ", "
        )]
        #[doc = "written to `output`."]
        #[doc = ""]
        #[doc = "# Errors"]
        #[doc = ""]
        #[doc = "[`Error::OutputLength`] if the lengths differ; `output` is then left as it was."]
        pub fn $into(input: &[f64], output: &mut [f64] $(, $p: $t)?) -> Result<(), Error> {
            check_lengths(input, output)?;
            dispatch!(Level::best(); (input: &[f64], output: &mut [f64] $(, $p: $t)?) {
                map_into(input, output, |x| activation::$name(x $(, $p)?))
            });
            Ok(())
        }
    )*};
}

with_kernel! {
    sigmoid, sigmoid_into; kernel::sigmoid_in_range, kernel::sigmoid, kernel::sigmoid_any;
    sigmoid_derivative, sigmoid_derivative_into;
        kernel::derivative_in_range, kernel::sigmoid_derivative, kernel::sigmoid_derivative_any;
    tanh, tanh_into; |_| true, kernel::tanh, kernel::tanh;
    tanh_derivative, tanh_derivative_into;
        kernel::tanh_derivative_in_range, kernel::tanh_derivative, kernel::tanh_derivative_any;
    elu, elu_into, alpha: f64;
        activation::elu_in_range, |x| activation::elu_kernel(x, alpha), |x| activation::elu_any(x, alpha);
    elu_derivative, elu_derivative_into, alpha: f64;
        activation::elu_in_range,
        |x| activation::elu_derivative_kernel(x, alpha),
        |x| activation::elu_derivative_any(x, alpha);
    selu, selu_into; activation::elu_in_range, activation::selu_kernel, activation::selu_any;
    selu_derivative, selu_derivative_into;
        activation::elu_in_range,
        activation::selu_derivative_kernel,
        activation::selu_derivative_any;
    softplus, softplus_into;
        activation::softplus_in_range, activation::softplus_kernel, activation::softplus_any;
    // softplus′ = σ: the same bits as `sigmoid`.
    softplus_derivative, softplus_derivative_into;
        kernel::sigmoid_in_range, kernel::sigmoid, kernel::sigmoid_any;
    // GELU's kernels are too large for the inliner's heuristic when passed by name: they would
    // be called, and run as portable code (103 ns per element instead of 5); as closures marked
    // `inline(always)` they are inlined into each level's loop.
    gelu, gelu_into;
        activation::gelu_in_range,
        #[allow(clippy::redundant_closure)]
        #[inline(always)]
        |x| activation::gelu_kernel(x),
        activation::gelu_any;
    gelu_derivative, gelu_derivative_into;
        activation::gelu_in_range,
        #[allow(clippy::redundant_closure)]
        #[inline(always)]
        |x| activation::gelu_derivative_kernel(x),
        activation::gelu_derivative_any;
    gelu_tanh, gelu_tanh_into;
        activation::gelu_tanh_in_range, activation::gelu_tanh_kernel, activation::gelu_tanh_any;
    gelu_tanh_derivative, gelu_tanh_derivative_into;
        activation::gelu_tanh_in_range,
        activation::gelu_tanh_derivative_kernel,
        activation::gelu_tanh_derivative_any;
    silu, silu_into; activation::silu_in_range, activation::silu_kernel, activation::silu_any;
    silu_derivative, silu_derivative_into;
        activation::silu_derivative_in_range,
        activation::silu_derivative_kernel,
        activation::silu_derivative_any;
    mish, mish_into; activation::mish_in_range, activation::mish_kernel, activation::mish_any;
    mish_derivative, mish_derivative_into;
        activation::mish_in_range,
        activation::mish_derivative_kernel,
        activation::mish_derivative_any;
}

// The functions mapped element by element: a compare and a select, which the compiler
// vectorizes as they are.
elementwise! {
    relu, relu_into;
    relu_derivative, relu_derivative_into;
    leaky_relu, leaky_relu_into, alpha: f64;
    leaky_relu_derivative, leaky_relu_derivative_into, alpha: f64;
}

/// The bridge from an [`Activation`] value to the slice functions above. (Written here, not in
/// `activation`, so that the slice code uses the scalar code and never the reverse.)
impl Activation {
    /// `f(x)` of every element, in place: the slice function of this activation, bit for bit
    /// [`Activation::apply`] of each element.
    pub fn apply_slice(self, xs: &mut [f64]) {
        match self {
            Activation::Identity => {}
            Activation::Step => dispatch!(Level::best(); (xs: &mut [f64]) {
                map_in_place(xs, activation::step)
            }),
            Activation::Sigmoid => sigmoid(xs),
            Activation::Tanh => tanh(xs),
            Activation::Relu => relu(xs),
            Activation::LeakyRelu { alpha } | Activation::PRelu { alpha } => leaky_relu(xs, alpha),
            Activation::Elu { alpha } => elu(xs, alpha),
            Activation::Selu => selu(xs),
            Activation::Softplus => softplus(xs),
            Activation::Gelu => gelu(xs),
            Activation::GeluTanh => gelu_tanh(xs),
            Activation::Silu => silu(xs),
            Activation::Mish => mish(xs),
        }
    }

    /// `f'(x)` of every element, in place: bit for bit [`Activation::derivative`] of each.
    pub fn derivative_slice(self, xs: &mut [f64]) {
        match self {
            Activation::Identity | Activation::Step => {
                let value = if self == Activation::Identity { 1.0 } else { 0.0 };
                dispatch!(Level::best(); (xs: &mut [f64], value: f64) {
                    map_in_place(xs, |x| activation::nan_or(x, value))
                })
            }
            Activation::Sigmoid => sigmoid_derivative(xs),
            Activation::Tanh => tanh_derivative(xs),
            Activation::Relu => relu_derivative(xs),
            Activation::LeakyRelu { alpha } | Activation::PRelu { alpha } => {
                leaky_relu_derivative(xs, alpha)
            }
            Activation::Elu { alpha } => elu_derivative(xs, alpha),
            Activation::Selu => selu_derivative(xs),
            Activation::Softplus => softplus_derivative(xs),
            Activation::Gelu => gelu_derivative(xs),
            Activation::GeluTanh => gelu_tanh_derivative(xs),
            Activation::Silu => silu_derivative(xs),
            Activation::Mish => mish_derivative(xs),
        }
    }
}
