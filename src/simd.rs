//! CPU dispatch: which SIMD instructions this CPU has ([`Level`], detected once, or chosen
//! among those by the environment variable `PERCEPTRON_SIMD`) and
//! [`dispatch!`], which runs a loop body compiled for them. The only `unsafe` of the crate is
//! here, in the calls to the `#[target_feature]` functions that `dispatch!` generates; the
//! crate denies `unsafe_code` everywhere else (`[lints]` in `Cargo.toml`).
//!
//! Each vector level names its x86-64 features once, in [`features!`]: the same list becomes
//! the `#[target_feature]` attributes of the level's functions and the runtime detection that
//! makes the level's token. The list includes every feature rustc implies from the others
//! (`avx2` enables `avx` and SSE3 to SSE4.2; `avx512f` enables `f16c`), because the compiler
//! may use all of them in a function that enables the list, and a virtual CPU can report
//! `avx2` without `avx`. A unit test checks the lists against `rustc --print cfg`.

/// The loop bodies run through [`dispatch!`] at one of these levels; every level gives the
/// same bits. Each vector level carries its own token type ([`Avx2Token`], [`Avx512Token`]),
/// which only this module can make, and only after detecting every feature of the level's
/// list, and the crate's only `unsafe` (in [`dispatch!`]) calls a level's functions only in
/// the match arm that holds its token: no code runs instructions the CPU was not found to
/// have. (Elsewhere `unsafe` does not compile: the crate denies it.) A token of one level
/// cannot be put into the other, and none can be made outside this module. Both were tried
/// in `src/slice.rs` (rustc 1.95):
///
/// ```text
/// Level::Avx2(proof) => Level::Avx512(proof),
/// error[E0308]: mismatched types: expected `Avx512Token`, found `Avx2Token`
///
/// Level::Avx512(crate::simd::Avx512Token(()))
/// error[E0603]: tuple struct constructor `Avx512Token` is private
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
pub(crate) enum Level {
    /// Whatever the compiler targets by default (on x86-64: SSE2, and libm's `fma`).
    Portable,
    /// AVX2 and FMA (with AVX and SSE3 to SSE4.2): four f64 a vector.
    Avx2(Avx2Token),
    /// AVX-512 (F, DQ, VL), FMA and everything of AVX2 (with F16C): eight f64 a vector.
    Avx512(Avx512Token),
}

/// Proof that the CPU has every feature of `features!(… Avx2)`. The field is private, so
/// only this module makes one, in [`Avx2Token::detect`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
pub(crate) struct Avx2Token(());

/// Proof that the CPU has every feature of `features!(… Avx512)`. The field is private, so
/// only this module makes one, in [`Avx512Token::detect`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
pub(crate) struct Avx512Token(());

/// The features of each vector level, and what is made of them:
///
/// - `features!(detect Avx2)`: `true` if the CPU has every feature of the list;
/// - `features!(enable Avx2 fn f(…) { … })`: `f` with one `#[target_feature]` per feature;
/// - `features!(list Avx2)`: the list as an array of `&str`, for the tests.
///
/// Each list is the one place its level's features are named. It holds what rustc enables
/// for them (`rustc --print cfg -C target-feature=+avx2,+fma` prints avx, sse3, ssse3,
/// sse4.1 and sse4.2 besides; for AVX-512, f16c as well), so detection covers every feature
/// a function built for the level may use.
///
/// The features pass as `tt`, not `literal`: `is_x86_feature_detected!` matches its argument
/// token by token, and a `literal` fragment would reach it opaque ("unknown x86 target
/// feature").
macro_rules! features {
    (@detect [$($feature:tt),+]) => {
        true $(&& ::std::arch::is_x86_feature_detected!($feature))+
    };
    (@list [$($feature:tt),+]) => {
        [$($feature),+]
    };
    (@enable [$($feature:tt),+] $item:item) => {
        $(#[target_feature(enable = $feature)])+
        $item
    };
    ($what:ident Avx2 $($item:item)?) => {
        $crate::simd::features!(@$what [
            "avx2", "fma", "avx", "sse4.2", "sse4.1", "ssse3", "sse3"
        ] $($item)?)
    };
    ($what:ident Avx512 $($item:item)?) => {
        $crate::simd::features!(@$what [
            "avx512f", "avx512dq", "avx512vl", "f16c",
            "avx2", "fma", "avx", "sse4.2", "sse4.1", "ssse3", "sse3"
        ] $($item)?)
    };
}
pub(crate) use features;

impl Avx2Token {
    /// A token if this CPU has every feature of the AVX2 level.
    fn detect() -> Option<Self> {
        #[cfg(target_arch = "x86_64")]
        if features!(detect Avx2) {
            return Some(Avx2Token(()));
        }
        None
    }
}

impl Avx512Token {
    /// A token if this CPU has every feature of the AVX-512 level.
    fn detect() -> Option<Self> {
        #[cfg(target_arch = "x86_64")]
        if features!(detect Avx512) {
            return Some(Avx512Token(()));
        }
        None
    }
}

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

    /// Every level this CPU runs, narrowest first. The AVX-512 list holds the AVX2 list, so a
    /// CPU with AVX-512 also gets the AVX2 level.
    pub(crate) fn available() -> Vec<Level> {
        let mut levels = vec![Level::Portable];
        levels.extend(Avx2Token::detect().map(Level::Avx2));
        levels.extend(Avx512Token::detect().map(Level::Avx512));
        levels
    }

    /// The level as users see it, without its token.
    pub(crate) fn public(self) -> SimdLevel {
        match self {
            Level::Portable => SimdLevel::Portable,
            Level::Avx2(_) => SimdLevel::Avx2,
            Level::Avx512(_) => SimdLevel::Avx512,
        }
    }
}

/// The SIMD instructions the crate's loops are compiled for, one of which runs
/// (`perceptron::slice::simd` says which). Every level gives the same bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SimdLevel {
    /// Whatever the compiler targets by default (on x86-64: SSE2, and libm's `fma` for every
    /// fused multiply-add, which makes it about 20 times slower).
    Portable,
    /// AVX2 and FMA: four f64 a vector.
    Avx2,
    /// AVX-512 (F, DQ, VL) and FMA: eight f64 a vector.
    Avx512,
}

impl SimdLevel {
    /// `"portable"`, `"AVX2"` or `"AVX-512"`, as the benchmarks print it.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            SimdLevel::Portable => "portable",
            SimdLevel::Avx2 => "AVX2",
            SimdLevel::Avx512 => "AVX-512",
        }
    }
}

impl std::fmt::Display for SimdLevel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
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
/// function built with each level's target features (from [`features!`]), so its loops are
/// vectorized for them. (A closure would not do: the compiler may decline to inline it into
/// the target-feature function, and then it runs as portable code.) A vector level carries
/// its own token, made only after its list was detected, so the `unsafe` calls below only run
/// on a CPU that has every feature the function enables. They are the crate's only `unsafe`,
/// allowed on their match arms alone. The arguments are passed by name.
macro_rules! dispatch {
    ($level:expr; ($($arg:ident: $ty:ty),*) $(-> $ret:ty)? $body:block) => {{
        #[inline(always)]
        fn body($($arg: $ty),*) $(-> $ret)? $body
        match $level {
            #[cfg(target_arch = "x86_64")]
            #[allow(unsafe_code)]
            $crate::simd::Level::Avx512(_) => {
                $crate::simd::features! { enable Avx512
                    fn avx512($($arg: $ty),*) $(-> $ret)? { body($($arg),*) }
                }
                // SAFETY: Avx512 carries an `Avx512Token`, which `Avx512Token::detect` makes
                // only after detecting every feature of the list `avx512` enables.
                unsafe { avx512($($arg),*) }
            }
            #[cfg(target_arch = "x86_64")]
            #[allow(unsafe_code)]
            $crate::simd::Level::Avx2(_) => {
                $crate::simd::features! { enable Avx2
                    fn avx2($($arg: $ty),*) $(-> $ret)? { body($($arg),*) }
                }
                // SAFETY: Avx2 carries an `Avx2Token`, which `Avx2Token::detect` makes only
                // after detecting every feature of the list `avx2` enables.
                unsafe { avx2($($arg),*) }
            }
            _ => body($($arg),*),
        }
    }};
}
pub(crate) use dispatch;

#[cfg(all(test, target_arch = "x86_64"))]
mod tests {
    use std::collections::BTreeSet;

    /// The target features rustc enables for this target with `-C target-feature=+f,…` for
    /// `features`: the baseline, those named and those they imply.
    fn rustc_enables(features: &[&str]) -> BTreeSet<String> {
        let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
        let mut command = std::process::Command::new(rustc);
        command.args(["--print", "cfg"]);
        if !features.is_empty() {
            let plus: Vec<String> = features.iter().map(|f| format!("+{f}")).collect();
            command.arg("-C").arg(format!("target-feature={}", plus.join(",")));
        }
        let output = command.output().expect("run rustc --print cfg");
        assert!(output.status.success(), "rustc --print cfg failed: {output:?}");
        String::from_utf8(output.stdout)
            .expect("UTF-8")
            .lines()
            .filter_map(|line| line.strip_prefix("target_feature=\""))
            .map(|f| f.trim_end_matches('"').to_string())
            .collect()
    }

    /// Each level's list holds everything rustc enables for it beyond the baseline: no implied
    /// feature goes undetected. (Equal on rustc 1.95; an older rustc that implies less, such
    /// as the declared minimum 1.89, only makes the list detect a feature more than needed.)
    #[test]
    fn each_list_holds_what_rustc_implies() {
        let baseline = rustc_enables(&[]);
        assert!(baseline.contains("sse2"), "x86-64's baseline has SSE2: {baseline:?}");
        let lists: [(&str, &[&str]); 2] =
            [("Avx2", &features!(list Avx2)), ("Avx512", &features!(list Avx512))];
        for (level, list) in lists {
            let named: BTreeSet<String> = list.iter().map(|f| f.to_string()).collect();
            assert_eq!(named.len(), list.len(), "{level}: a feature is named twice");
            let implied: BTreeSet<String> =
                rustc_enables(list).difference(&baseline).cloned().collect();
            let missing: Vec<&String> = implied.difference(&named).collect();
            assert!(missing.is_empty(), "{level}: rustc also enables {missing:?}");
        }
    }

    /// A CPU with AVX-512 gets both vector levels, narrowest first, as `Level::best` expects.
    #[test]
    fn the_avx512_list_holds_the_avx2_list() {
        let avx512 = features!(list Avx512);
        assert!(features!(list Avx2).iter().all(|f| avx512.contains(f)));
    }
}
