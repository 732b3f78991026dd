#!/usr/bin/env python3
"""NumPy/SciPy on the inputs of `benches/activations.rs`, next to the crate's criterion results.

Run by `cargo xtask bench` after `cargo bench --bench activations`, which writes
target/criterion/<function>/<length>/new/estimates.json. Times np.copyto, np.maximum, np.exp,
np.tanh, scipy.special.expit, scipy.special.softmax and scipy.special.log_softmax, and for the
modern activations (ELU, SELU, Softplus, GELU and its tanh form, SiLU, Mish) the usual NumPy/SciPy
expressions, on the same numbers (the crate's seeded `Rng`, reimplemented below), and prints, per function and length,
the median ns/element of both and the ratio crate ÷ NumPy (below 1: the crate is faster).

The elementwise NumPy calls write into a preallocated output (`out=`), like the crate's `_into`
functions; scipy's softmax and log_softmax have no `out=` and allocate their result.

The crate's functions without a NumPy counterpart (Leaky ReLU, the derivatives) are printed
too, without a ratio. With `--save FILE` (as `cargo xtask bench` runs it) the table is also
written to FILE as tab-separated values, with the machine, the SIMD level the crate used and
the versions in its first lines: benches/results.tsv, from which the book's figure is drawn.

Exit status: 0 on success, 2 when NumPy or SciPy is missing, 1 when criterion's results are.
"""

import argparse
import datetime
import json
import platform
import sys
import time
from pathlib import Path

try:
    import numpy as np
    import scipy
    import scipy.special as sp
except ImportError as error:
    print(f"NumPy와 SciPy가 필요합니다 / NumPy and SciPy are needed ({error}):", file=sys.stderr)
    print("  pip install numpy scipy", file=sys.stderr)
    sys.exit(2)

# The same as in benches/activations.rs.
SIZES = [1_000, 10_000, 100_000, 1_000_000]
SEED = 2024
LO, HI = -10.0, 10.0
# SELU's constants (Klambauer et al. 2017) and GELU's tanh-approximation factor √(2/π).
SELU_LAMBDA = 1.0507009873554804934193349852946
SELU_ALPHA = 1.6732632423543772848170429916717
GELU_TANH_K = (2.0 / np.pi) ** 0.5

ROOT = Path(__file__).resolve().parent.parent
CRITERION = ROOT / "target" / "criterion"


def rng_range(seed, n, lo, hi):
    """`Rng::new(seed)` then n × `range(lo, hi)`: SplitMix64, bit for bit."""
    with np.errstate(over="ignore"):
        steps = np.arange(1, n + 1, dtype=np.uint64)
        z = np.uint64(seed) + steps * np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    uniform = (z >> np.uint64(11)).astype(np.float64) * (1.0 / (1 << 53))
    return lo + (hi - lo) * uniform


def peers(x, out):
    """crate function (criterion group) → (NumPy call shown, the call)."""
    return {
        "copy": ("np.copyto", lambda: np.copyto(out, x)),
        "relu": ("np.maximum(x, 0)", lambda: np.maximum(x, 0.0, out=out)),
        "(exp)": ("np.exp", lambda: np.exp(x, out=out)),
        "tanh": ("np.tanh", lambda: np.tanh(x, out=out)),
        "sigmoid": ("scipy.special.expit", lambda: sp.expit(x, out=out)),
        "softmax": ("scipy.special.softmax", lambda: sp.softmax(x)),
        "log_softmax": ("scipy.special.log_softmax", lambda: sp.log_softmax(x)),
        # The modern activations: NumPy/SciPy have no single call, so the usual expressions
        # (their temporaries included; the last operation writes into `out`, except np.where,
        # which has no `out=`).
        "elu": ("np.where(x>0, x, expm1(x))", lambda: np.where(x > 0.0, x, np.expm1(x))),
        "selu": ("λ·np.where(x>0, x, α·expm1(x))",
                 lambda: np.multiply(SELU_LAMBDA, np.where(x > 0.0, x, SELU_ALPHA * np.expm1(x)),
                                     out=out)),
        "softplus": ("np.logaddexp(0, x)", lambda: np.logaddexp(0.0, x, out=out)),
        "gelu": ("x * scipy.special.ndtr(x)", lambda: np.multiply(x, sp.ndtr(x), out=out)),
        # x·x·x, not x**3: NumPy's power is a pow() call per element, several times slower.
        "gelu_tanh": ("0.5x·(1+tanh(√(2/π)(x+cx³)))",
                      lambda: np.multiply(0.5 * x, 1.0 + np.tanh(GELU_TANH_K * (x + 0.044715 * (x * x * x))),
                                          out=out)),
        "silu": ("x * scipy.special.expit(x)", lambda: np.multiply(x, sp.expit(x), out=out)),
        "mish": ("x * np.tanh(np.logaddexp(0, x))",
                 lambda: np.multiply(x, np.tanh(np.logaddexp(0.0, x)), out=out)),
    }


def median_seconds(call, n):
    """Median time of one call: 15 samples of enough calls for ~10 ms each (at least one)."""
    call()
    start = time.perf_counter()
    call()
    once = max(time.perf_counter() - start, 1e-9)
    loops = max(1, int(0.01 / once))
    samples = []
    for _ in range(15):
        start = time.perf_counter()
        for _ in range(loops):
            call()
        samples.append((time.perf_counter() - start) / loops)
    samples.sort()
    return samples[len(samples) // 2]


# The crate's slice functions that NumPy/SciPy has no single call for.
CRATE_ONLY = ["leaky_relu", "sigmoid_derivative", "tanh_derivative", "relu_derivative",
              "leaky_relu_derivative"]


def cpu_model():
    """The CPU's model name from /proc/cpuinfo, or what the platform module knows."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def crate_ns(function, n):
    """The crate's median ns per call from criterion, None if it has not been run."""
    path = CRITERION / function / str(n) / "new" / "estimates.json"
    try:
        return json.loads(path.read_text())["median"]["point_estimate"]
    except FileNotFoundError:
        return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--save", type=Path, help="also write the table to this TSV file")
    args = parser.parse_args()

    simd_file = CRITERION / "simd.txt"
    simd = simd_file.read_text().strip() if simd_file.exists() else "unknown"
    about = (f"{cpu_model()}; crate SIMD: {simd}; NumPy {np.__version__}, SciPy "
             f"{scipy.__version__}; inputs: {SIZES} f64 uniform in [{LO}, {HI}), the crate's Rng "
             f"seeded {SEED}")
    print(about)
    print("ns/element, median; ratio = crate ÷ NumPy (below 1: the crate is faster)\n")
    header = f"{'function':<22}{'NumPy/SciPy':<33}{'n':>9}{'crate':>10}{'NumPy':>10}{'ratio':>8}"
    print(header)
    print("-" * len(header))
    missing = []
    rows = []
    for n in SIZES:
        x = rng_range(SEED, n, LO, HI)
        out = np.empty_like(x)
        table = [(f, shown, call) for f, (shown, call) in peers(x, out).items()]
        table += [(f, None, None) for f in CRATE_ONLY]
        for function, shown, call in table:
            numpy_ns = median_seconds(call, n) * 1e9 / n if call else None
            crate = crate_ns(function, n) if not function.startswith("(") else None
            if crate is None and not function.startswith("("):
                missing.append(f"{function}/{n}")
            crate = crate / n if crate is not None else None
            rows.append((function, shown, n, crate, numpy_ns))
            cell = lambda v, width, digits: f"{v:{width}.{digits}f}" if v is not None else f"{'—':>{width}}"
            ratio = crate / numpy_ns if crate is not None and numpy_ns else None
            print(f"{function:<22}{shown or '—':<33}{n:>9}{cell(crate, 10, 3)}"
                  f"{cell(numpy_ns, 10, 3)}{cell(ratio, 8, 2)}")
        print()
    print("(exp): np.exp alone, the floor of sigmoid, tanh and softmax; the crate has no slice exp.")
    if missing:
        print(f"\ncriterion의 결과가 없습니다 / no criterion results for {', '.join(missing)} in "
              f"{CRITERION}: run `cargo bench --bench activations` first (or `cargo xtask bench`)",
              file=sys.stderr)
        return 1
    if args.save:
        with open(args.save, "w", encoding="utf-8") as f:
            f.write(f"# cargo xtask bench, {datetime.date.today().isoformat()}\n# {about}\n")
            f.write("# function\tpeer\tn\tcrate ns/element\tpeer ns/element\n")
            for function, shown, n, crate, numpy_ns in rows:
                fmt = lambda v: f"{v:.4f}" if v is not None else "-"
                f.write(f"{function}\t{shown or '-'}\t{n}\t{fmt(crate)}\t{fmt(numpy_ns)}\n")
        print(f"\nsaved to {args.save}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
