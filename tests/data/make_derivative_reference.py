#!/usr/bin/env python3
"""Reference values of sigmoid_derivative and tanh_derivative for tests/derivatives.rs,
computed with mpmath at high precision.

Regenerate (from the repository root; needs Python 3.8+ and mpmath, `pip install mpmath`):

    python3 tests/data/make_derivative_reference.py

It writes `derivatives.tsv` next to itself, one line per input `x`:
`x <TAB> sigmoid_derivative(x) <TAB> tanh_derivative(x)`, where

    sigmoid'(x) = sigma(x)(1 - sigma(x)) = t/(1 + t)^2,    t = e^-|x|
    tanh'(x)    = 1 - tanh(x)^2          = 4t/(1 + t)^2,   t = e^-2|x|

(the same functions; these forms have no cancellation, and mpmath's exponent range is
unbounded, so nothing over- or underflows before the final rounding). Running it again
writes the file byte for byte the same: a fixed seed, no timestamps, and every input and
reference value goes through integer or mpmath arithmetic, never the platform's libm.

Inputs (both signs; the functions are even): +-0, subnormals, tiny values where the result
rounds to 1/4 or 1; a grid of step 1/8 and uniform points over [-40, 40]; log-uniform
magnitudes from 1e-320 to f64::MAX; where the code switches paths: |x| = 354 for
tanh_derivative (4 sigma'(2x) up to there, 4 e^-|x| e^-|x| beyond) and |x| = 708 for
sigmoid_derivative (t/(1 + t)^2 up to there, e^-|x| beyond), densely on both sides; where
each result becomes subnormal (|x| about 354.89 and 708.40) and rounds to 0 (about 373.26
and 745.13), with the floats next to each of those thresholds; beyond, up to 1000; +-inf
(reference 0); random bit patterns (any finite f64).

Every reference is the correctly rounded f64 (round to nearest, ties to even): computed at
PREC bits and PREC + 300 bits, the two roundings must agree. The rounding (`to_f64`) and
its check are imported from `make_reference.py` next to this script: it divides integers with
CPython's correctly rounded `int / int`, because mpmath's own `float()` rounds subnormals
twice.
"""

import math
import os
import random
import sys

from mpmath import mp, mpf

# The f64 helpers and the rounding (with its check) are make_reference.py's, one copy.
# (No __pycache__ left in tests/data/ by the import.)
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_reference import (  # noqa: E402
    F64_MAX,
    MIN_NORMAL,
    MIN_SUBNORMAL,
    bits_to_f64,
    check_rounding,
    f64_to_bits,
    log_uniform,
    next_up,
    reference,
)

SEED = 20261130
# 1/4 - x^2/16 for |x| down to 5e-324 needs no more: the result rounds to 1/4 far from any
# midpoint, and the cross-check 300 bits higher would catch a precision-dependent value.
PREC = 400
HERE = os.path.dirname(os.path.abspath(__file__))


def derivatives(x):
    """(sigmoid'(x), tanh'(x)), correctly rounded."""
    if math.isinf(x):
        return 0.0, 0.0

    def compute():
        a = abs(mpf(x))
        t = mp.exp(-a)
        u = mp.exp(-2 * a)
        return [t / (1 + t) ** 2, 4 * u / (1 + u) ** 2]

    s, t = reference(compute, PREC)
    return s, t


def threshold(pred, a, b):
    """The last float x in [a, b] (0 < a < b) with pred(x), given pred(a) and not pred(b):
    bisection on the bit patterns, which are ordered like the positive floats."""
    lo, hi = f64_to_bits(a), f64_to_bits(b)
    assert pred(a) and not pred(b)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if pred(bits_to_f64(mid)):
            lo = mid
        else:
            hi = mid
    return bits_to_f64(lo)


def inputs(rng):
    xs = [0.0, -0.0, MIN_SUBNORMAL, -MIN_SUBNORMAL, MIN_NORMAL, -MIN_NORMAL]
    xs += [F64_MAX, -F64_MAX, math.inf, -math.inf]
    # Subnormals, both signs.
    for _ in range(30):
        b = rng.getrandbits(52) >> rng.randrange(52)
        xs.append(bits_to_f64(b | (rng.getrandbits(1) << 63)) or MIN_SUBNORMAL)
    # Tiny: sigmoid' rounds to 1/4 and tanh' to 1 below about 2^-26 and 2^-27.
    for k in range(18, 40):
        for x in (2.0**-k, next_up(2.0**-k), next_up(2.0**-k, -1)):
            xs += [x, -x]
    for scale in (1e-3, 1e-8):
        xs += [rng.uniform(-scale, scale) for _ in range(40)]
    # Where both functions curve: a grid and uniform points.
    xs += [k / 8 for k in range(-320, 321)]
    xs += [rng.uniform(-40.0, 40.0) for _ in range(600)]
    # Log-uniform magnitudes from 1e-320 to 1e308.
    for _ in range(500):
        m = log_uniform(rng, -320.0, 308.0)
        xs.append(m if rng.getrandbits(1) else -m)

    def both(x):
        return x if rng.getrandbits(1) else -x

    # tanh_derivative's switch at |x| = 354, and its tail up to where it rounds to 0.
    for x in (354.0,):
        xs += [s * next_up(x, i) for i in range(-8, 9) for s in (1, -1)]
    xs += [both(rng.uniform(353.0, 356.0)) for _ in range(400)]
    xs += [both(rng.uniform(354.0, 374.0)) for _ in range(300)]
    # sigmoid_derivative's switch at |x| = 708, and its tail.
    xs += [s * next_up(708.0, i) for i in range(-8, 9) for s in (1, -1)]
    xs += [both(rng.uniform(707.0, 710.0)) for _ in range(400)]
    xs += [both(rng.uniform(708.0, 746.0)) for _ in range(300)]
    xs += [both(rng.uniform(746.0, 1000.0)) for _ in range(40)]
    # The last x where each result is normal, and where it is not yet 0; their neighbours.
    thresholds = [
        threshold(lambda x: derivatives(x)[1] >= MIN_NORMAL, 354.0, 356.0),
        threshold(lambda x: derivatives(x)[1] > 0, 372.0, 375.0),
        threshold(lambda x: derivatives(x)[0] >= MIN_NORMAL, 708.0, 709.0),
        threshold(lambda x: derivatives(x)[0] > 0, 744.0, 746.0),
    ]
    for t in thresholds:
        xs += [s * next_up(t, i) for i in range(-6, 7) for s in (1, -1)]
    # Any finite f64.
    for _ in range(200):
        x = bits_to_f64(rng.getrandbits(64))
        if math.isfinite(x):
            xs.append(x)
    # Distinct bit patterns only, in a stable order.
    seen, out = set(), []
    for x in xs:
        b = f64_to_bits(x)
        if b not in seen:
            seen.add(b)
            out.append(x)
    return out, thresholds


def main():
    check_rounding()
    xs, thresholds = inputs(random.Random(SEED))
    lines = [
        "# Generated by tests/data/make_derivative_reference.py; regenerate with",
        "#   python3 tests/data/make_derivative_reference.py",
        f"# x, sigmoid_derivative(x), tanh_derivative(x): correctly rounded f64 (mpmath, {PREC}",
        f"# bits, cross-checked {PREC + 300}). {len(xs)} lines. The last x with a normal tanh'",
        f"# is {thresholds[0]!r}, with a nonzero one {thresholds[1]!r}; for sigmoid'",
        f"# {thresholds[2]!r} and {thresholds[3]!r}.",
    ]
    for x in xs:
        s, t = derivatives(x)
        lines.append(f"{x!r}\t{s!r}\t{t!r}")
    with open(os.path.join(HERE, "derivatives.tsv"), "w", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    print(f"derivatives.tsv: {len(xs)} inputs; thresholds {thresholds}")


if __name__ == "__main__":
    main()
