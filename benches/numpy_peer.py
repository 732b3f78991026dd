#!/usr/bin/env python3
"""NumPy/SciPy on the inputs of `benches/activations.rs`, next to the crate's criterion results.

Run by `cargo xtask bench` after `cargo bench --bench activations`, which writes
target/criterion/<function>/<length>/new/estimates.json. Times np.copyto, np.maximum, np.exp,
np.tanh, scipy.special.expit, scipy.special.softmax and scipy.special.log_softmax on the same
numbers (the crate's seeded `Rng`, reimplemented below), and prints, per function and length,
the median ns/element of both and the ratio crate ÷ NumPy (below 1: the crate is faster).

The elementwise NumPy calls write into a preallocated output (`out=`), like the crate's `_into`
functions; scipy's softmax and log_softmax have no `out=` and allocate their result.

Exit status: 0 on success, 2 when NumPy or SciPy is missing, 1 when criterion's results are.
"""

import json
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


def crate_ns(function, n):
    """The crate's median ns per call from criterion, None if it has not been run."""
    path = CRITERION / function / str(n) / "new" / "estimates.json"
    try:
        return json.loads(path.read_text())["median"]["point_estimate"]
    except FileNotFoundError:
        return None


def main():
    print(f"NumPy {np.__version__}, SciPy {scipy.__version__}; inputs: {SIZES} f64 uniform in "
          f"[{LO}, {HI}), the crate's Rng seeded {SEED}")
    print("ns/element, median; ratio = crate ÷ NumPy (below 1: the crate is faster)\n")
    header = f"{'function':<22}{'NumPy/SciPy':<27}{'n':>9}{'crate':>10}{'NumPy':>10}{'ratio':>8}"
    print(header)
    print("-" * len(header))
    missing = []
    for n in SIZES:
        x = rng_range(SEED, n, LO, HI)
        out = np.empty_like(x)
        for function, (shown, call) in peers(x, out).items():
            numpy_ns = median_seconds(call, n) * 1e9 / n
            crate = crate_ns(function, n) if not function.startswith("(") else None
            if crate is None and not function.startswith("("):
                missing.append(f"{function}/{n}")
            crate_text = f"{crate / n:10.3f}" if crate is not None else f"{'—':>10}"
            ratio_text = f"{crate / n / numpy_ns:8.2f}" if crate is not None else f"{'—':>8}"
            print(f"{function:<22}{shown:<27}{n:>9}{crate_text}{numpy_ns:10.3f}{ratio_text}")
        print()
    print("(exp): np.exp alone, the floor of sigmoid, tanh and softmax; the crate has no slice exp.")
    if missing:
        print(f"\ncriterion의 결과가 없습니다 / no criterion results for {', '.join(missing)} in "
              f"{CRITERION}: run `cargo bench --bench activations` first (or `cargo xtask bench`)",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
