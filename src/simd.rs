//! CPU dispatch: which SIMD instructions this CPU has ([`Level`], detected once, or chosen
//! among those by the environment variable `PERCEPTRON_SIMD`) and
//! [`dispatch!`], which runs a loop body compiled for them. The only `unsafe` of the crate is
//! here, in the calls to the `#[target_feature]` functions that `dispatch!` generates.

/// The loop bodies run through [`dispatch!`] at one of these levels; every level gives the
/// same bits. A vector level carries a [`Detected`], which only [`Level::available`] makes, so
/// no code can ask for instructions the CPU does not have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
pub(crate) enum Level {
    /// Whatever the compiler targets by default (on x86-64: SSE2, and libm's `fma`).
    Portable,
    /// AVX2 and FMA: four f64 a vector.
    Avx2(Detected),
    /// AVX-512 (F, DQ, VL) and FMA: eight f64 a vector.
    Avx512(Detected),
}

/// Proof that the CPU has a level's instructions: private, so only this module makes one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
pub(crate) struct Detected(());

/// The environment variable that chooses the level from outside (see [`Level::best`]).
const ENV: &str = "PERCEPTRON_SIMD";

impl Level {
    /// The level every dispatched function runs at, decided once, on the first call: the
    /// widest this CPU runs, or the one `PERCEPTRON_SIMD` names (`portable`, `avx2` or
    /// `avx512`, in any case) if this CPU runs it. A value naming a level the CPU lacks, or no
    /// level at all, is refused: the widest level is used and one line goes to stderr, naming
    /// the variable, the value and the levels this CPU has. Unset or empty, the variable is
    /// ignored. The chosen level comes out of [`Level::available`], so a vector level is
    /// still only ever one that was detected.
    pub(crate) fn best() -> Level {
        use std::sync::OnceLock;
        static BEST: OnceLock<Level> = OnceLock::new();
        *BEST.get_or_init(|| {
            let available = Level::available();
            let widest = *available.last().unwrap_or(&Level::Portable);
            match std::env::var_os(ENV) {
                None => widest,
                Some(value) if value.is_empty() => widest,
                Some(value) => {
                    let wanted = value.to_str().and_then(|v| {
                        available.iter().copied().find(|l| l.key().eq_ignore_ascii_case(v))
                    });
                    wanted.unwrap_or_else(|| {
                        refuse(&value, &available, widest);
                        widest
                    })
                }
            }
        })
    }

    /// The level's value for `PERCEPTRON_SIMD`.
    fn key(self) -> &'static str {
        match self {
            Level::Portable => "portable",
            Level::Avx2(_) => "avx2",
            Level::Avx512(_) => "avx512",
        }
    }

    /// Every level this CPU runs, narrowest first.
    pub(crate) fn available() -> Vec<Level> {
        #[allow(unused_mut)]
        let mut levels = vec![Level::Portable];
        #[cfg(target_arch = "x86_64")]
        {
            // Every feature the target-feature functions of `dispatch!` enable, including
            // those they imply (rustc's avx512f implies f16c).
            if is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma") {
                levels.push(Level::Avx2(Detected(())));
                if is_x86_feature_detected!("avx512f")
                    && is_x86_feature_detected!("avx512dq")
                    && is_x86_feature_detected!("avx512vl")
                    && is_x86_feature_detected!("f16c")
                {
                    levels.push(Level::Avx512(Detected(())));
                }
            }
        }
        levels
    }

    /// The level's name, as the benchmarks print it.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Level::Portable => "portable",
            Level::Avx2(_) => "AVX2",
            Level::Avx512(_) => "AVX-512",
        }
    }
}

/// Says on stderr, once, that `PERCEPTRON_SIMD=value` was refused. A failed write is ignored
/// (`eprintln!` would panic): the choice of level does not depend on it.
fn refuse(value: &std::ffi::OsStr, available: &[Level], used: Level) {
    use std::io::Write;
    let has: Vec<&str> = available.iter().map(|l| l.key()).collect();
    let _ = writeln!(
        std::io::stderr(),
        "perceptron: {ENV}={} refused: this CPU runs {}; using {}",
        value.to_string_lossy(),
        has.join(", "),
        used.key()
    );
}

/// Runs a body compiled for a [`Level`]:
///
/// ```text
/// dispatch!(Level::best(); (xs: &mut [f64]) { for x in xs.iter_mut() { … } })
/// ```
///
/// The body becomes an `#[inline(always)]` function, and one copy of it is inlined into a
/// function built with each level's target features, so its loops are vectorized for them.
/// (A closure would not do: the compiler may decline to inline it into the target-feature
/// function, and then it runs as portable code.) A vector level carries its [`Detected`]
/// proof, so the `unsafe` calls below only run on a CPU that has the features. The arguments
/// are passed by name.
macro_rules! dispatch {
    ($level:expr; ($($arg:ident: $ty:ty),*) $(-> $ret:ty)? $body:block) => {{
        #[inline(always)]
        fn body($($arg: $ty),*) $(-> $ret)? $body
        match $level {
            #[cfg(target_arch = "x86_64")]
            $crate::simd::Level::Avx512(_) => {
                #[target_feature(enable = "avx512f,avx512dq,avx512vl,avx2,fma")]
                fn avx512($($arg: $ty),*) $(-> $ret)? { body($($arg),*) }
                // SAFETY: Avx512 carries a `Detected`: `Level::available` found every feature.
                unsafe { avx512($($arg),*) }
            }
            #[cfg(target_arch = "x86_64")]
            $crate::simd::Level::Avx2(_) => {
                #[target_feature(enable = "avx2,fma")]
                fn avx2($($arg: $ty),*) $(-> $ret)? { body($($arg),*) }
                // SAFETY: Avx2 carries a `Detected`: `Level::available` found avx2 and fma.
                unsafe { avx2($($arg),*) }
            }
            _ => body($($arg),*),
        }
    }};
}
pub(crate) use dispatch;
