#!/usr/bin/env python3
"""Reference values for tests/accuracy.rs, computed with mpmath at high precision.

Regenerate (from the repository root; needs Python 3.8+ and mpmath, `pip install mpmath`):

    python3 tests/data/make_reference.py

It writes four files next to itself (`python3 tests/data/make_reference.py long` writes only
the fourth, `long_softmax.tsv`, in under a minute), and running it again writes them byte for
byte the same (fixed seed, no timestamps, no platform libm: every generated input and every
reference value goes through integer or mpmath arithmetic, which is the same on every machine):

- `scalar.tsv`: one line per input `x`: `x <TAB> sigmoid(x) <TAB> tanh(x)`.
  Inputs: uniform in [-40, 40]; log-uniform magnitudes from 1e-320 to 1e308 of both signs;
  dense points near 0; near 19.06 where tanh rounds to 1 and near 37.4 where sigmoid does;
  near sigmoid's underflow to subnormal (-708.4) and to 0 (-745.13); around +-709.78 and
  +-710; the floats next to each of those rounding thresholds; subnormals; the smallest
  normal; f64::MAX and its negative; +0.0 and -0.0.
- `softmax.tsv`: one line per logit vector:
  `x_1 ... x_n <TAB> softmax_1 ... softmax_n <TAB> log_softmax_1 ... log_softmax_n`
  (values separated by single spaces), lengths 1 to 64. Kinds of vectors: small logits;
  large logits (+-1e3, +-1e300, near f64::MAX with both signs so that x_i - max
  overflows); a maximum at f64::MAX with logits a few binades below it (ties in the
  rounding of x_i - max); mixed scales in one vector (-700.0001 next to 0.3, where the
  rounding of x_i - max matters); one dominant entry with the others far below it
  (log_softmax of the maximum is a tiny negative number); ties for the maximum;
  subnormals and signed zeros; long vectors of equal or nearly equal values (summation
  error).
- `modern.tsv`: one line per input `x`: `x` and 14 columns, named in its header: softplus,
  silu, elu (alpha = 1), selu, gelu, gelu_tanh, mish, then their derivatives in the same
  order (softplus' = sigmoid). selu is the function as defined with the f64 constants
  SELU_LAMBDA and SELU_ALPHA (its reference is computed exactly from those two f64), and
  gelu_tanh is referenced against its own definition (sqrt(2/pi) and 0.044715 as exact
  reals), not against gelu. selu'(+-0) is `nan`: the kink has no reference value.
  Inputs: +-0, subnormals and tiny values of both signs; a grid of step 1/16 and uniform
  points over [-40, 40]; where the functions change form or round to x, 1, -1 or 0 (softplus
  and silu near +-30..40, gelu's tail to 0 near -38.5, gelu_tanh's near -21, e^x subnormal
  near -708, softplus, silu and mish to 0 near -745, e^x overflow near +-709.78) and the
  floats next to each such threshold; log-uniform magnitudes up to f64::MAX; random bit
  patterns (any finite f64). It has its own generator (seed SEED + 11), so the other two
  files are what they were before it existed.
- `long_softmax.tsv`: logit vectors of 63 to 10^7 elements, each described by parameters
  (runs of equal values, or an LCG's noise below one dominant logit) that tests/accuracy.rs
  expands, with softmax and log_softmax at every distinct value or at chosen indices; see
  `long_runs` and `long_noise`. Written last, so the files above are unchanged by it.

Lines starting with `#` are comments. Every number, input or output, is Python's
`repr(float)`: the shortest string that reads back as the same f64 (`inf`, `-inf` and
`-0.0` included), which Rust's `str::parse::<f64>` reads exactly.

Every reference value is the correctly rounded f64 (round to nearest, ties to even) of the
true result:

- The functions are evaluated with mpmath at `PREC` bits. For softmax the shift `x_i - max`
  is computed exactly (`mpmath.fsub(..., exact=True)`: the difference of two f64 needs at
  most about 2100 bits), and `log_softmax` of the maximum is `-log1p(s)`, with `s` the sum
  of `e^(x_j - max)` over the other logits, so it stays accurate when `s` is tiny.
- mpf -> f64 does NOT use `float(mpf)`: mpmath's `to_float` rounds subnormals twice (to 53
  bits, then again in `math.ldexp`) and has no negative zero. `to_f64` below turns the mpf
  into an exact ratio of integers and divides them with Python's `int / int`, which CPython
  rounds correctly (to nearest, ties to even), subnormals included; results beyond the f64
  range are mapped to +-inf (|v| >= MAX + ulp/2) and +-0.0 (|v| <= 2^-1075) explicitly.
  `check_rounding()` tests this against hand-made cases when the script starts.
- modern.tsv uses `PREC` only for |x| < 2^-20 and `MODERN_PREC` = 320 bits elsewhere (see
  there why that is enough; the file is byte for byte the one `PREC` everywhere gives, at a
  quarter of the time). gelu and gelu_tanh beyond |x| >= 2^64 come from closed forms whose
  rounding is proved in `modern_tail` (mpmath's erfc fails for huge arguments).
- Every value is computed twice, at its precision and 300 bits higher, and the two roundings
  must agree; a value that is exactly halfway between two f64 (which only a wrong
  computation could produce here) stops the script. The one exact product, selu's
  `SELU_LAMBDA * x` for x > 0, is rounded as a fraction instead (`round_rational`), where a
  tie is genuine and goes to even.
"""

import math
import os
import random
import struct
from fractions import Fraction

import mpmath
from mpmath import mp, mpf

SEED = 20261127
PREC = 2300
HERE = os.path.dirname(os.path.abspath(__file__))

F64_MAX = 1.7976931348623157e308
MIN_NORMAL = 2.2250738585072014e-308
MIN_SUBNORMAL = 5e-324


# ---------------------------------------------------------------- f64 helpers


def bits_to_f64(bits):
    return struct.unpack("<d", struct.pack("<Q", bits))[0]


def f64_to_bits(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def next_up(x, n=1):
    """The float n steps above x (n may be negative), on the order of all floats."""
    b = f64_to_bits(x)
    # Order-preserving map to integers, as in tests/accuracy.rs.
    i = -(b & 0x7FFF_FFFF_FFFF_FFFF) if b >> 63 else b
    i += n
    return bits_to_f64(i if i >= 0 else (-i) | (1 << 63))


def to_f64(v):
    """The f64 nearest to the mpf `v` (ties to even), with overflow to +-inf and
    underflow to a signed zero. Exact zero gives +0.0."""
    if mpmath.isnan(v):
        raise ValueError("NaN reference value")
    if mpmath.isinf(v):
        return math.inf if v > 0 else -math.inf
    if v == 0:
        return 0.0
    sign, man, exp, bc = v._mpf_
    top = exp + bc  # 2^(top-1) <= |v| < 2^top
    if top > 1030:
        f = math.inf
    elif top < -1080:
        f = 0.0
    else:
        num, den = (man << exp, 1) if exp >= 0 else (man, 1 << -exp)
        try:
            f = num / den  # CPython: correctly rounded int / int
        except OverflowError:
            f = math.inf
        q = Fraction(num, den)
        # A value exactly halfway between two floats has no well-defined nearest one; it
        # can only come from a computation gone wrong here, so refuse it.
        if math.isfinite(f):
            for g in (next_up(f, 1), next_up(f, -1)):
                if math.isfinite(g) and q == (Fraction(f) + Fraction(g)) / 2:
                    raise ValueError(f"value exactly halfway between {f!r} and {g!r}")
    return -f if sign else f


def check_rounding():
    """to_f64 against cases whose correct rounding is known by construction."""
    two = Fraction(2)
    tiny = two**-1074  # smallest subnormal

    def exact(q):
        with mp.workprec(4000):
            return mpf(q.numerator) / q.denominator

    H = True  # exactly halfway between two floats: only int / int is tested, to_f64 refuses it
    cases = [
        (tiny / 2, 0.0, H),  # halfway between 0 and the smallest subnormal: to even (0)
        (tiny / 2 + two**-1200, MIN_SUBNORMAL, False),
        (tiny * 3 / 2, 2 * MIN_SUBNORMAL, H),  # halfway 1 and 2 subnormal ulps: to even (2)
        (tiny * 5 / 2, 2 * MIN_SUBNORMAL, H),  # halfway 2 and 3: to even (2)
        (tiny * 5 / 2 + two**-1300, 3 * MIN_SUBNORMAL, False),
        (tiny * 3 / 2 - two**-1300, MIN_SUBNORMAL, False),
        (two**-1022 - tiny / 2, MIN_NORMAL, H),  # halfway below the smallest normal: to even
        (two**-1022 - tiny / 2 - two**-1300, next_up(MIN_NORMAL, -1), False),
        (1 + two**-53, 1.0, H),  # halfway above 1: to even
        (1 + two**-53 + two**-2000, next_up(1.0), False),
        (1 - two**-54, 1.0, H),  # halfway below 1: to even
        (1 - two**-54 - two**-2000, next_up(1.0, -1), False),
        (Fraction(F64_MAX) + two**970 - two**-100, F64_MAX, False),  # just below MAX + ulp/2
        (Fraction(F64_MAX) + two**970, math.inf, False),  # MAX + ulp/2 rounds (to even) to inf
        (two**1100, math.inf, False),
        (two**-1100, 0.0, False),
        (Fraction(1, 3), 1 / 3, False),
        (Fraction(1, 10), 0.1, False),
    ]
    for q, want, halfway in cases:
        for s in (1, -1):
            # CPython's int / int itself, halfway cases included (ties to even).
            try:
                got = q.numerator / q.denominator
            except OverflowError:
                got = math.inf
            want_s = math.copysign(want, s)
            assert f64_to_bits(math.copysign(got, s)) == f64_to_bits(want_s), (q, got, want)
            try:
                got = to_f64(exact(s * q))
                assert not halfway and f64_to_bits(got) == f64_to_bits(want_s), (q, got, want_s)
            except ValueError:
                assert halfway, q
    # mpmath's own float() rounds subnormals twice (to 53 bits, then in ldexp), and gets
    # this one wrong: just below halfway between 1 and 2 subnormal ulps, it goes up.
    v = exact(tiny * 3 / 2 - two**-1200)
    assert to_f64(v) == MIN_SUBNORMAL
    assert float(v) == 2 * MIN_SUBNORMAL  # documents why to_f64 exists


def reference(compute, prec=PREC):
    """compute() -> list of mpf, rounded to f64 at prec and prec + 300 bits, which must agree."""
    results = []
    for prec in (prec, prec + 300):
        with mp.workprec(prec):
            results.append([to_f64(v) for v in compute()])
    a, b = results
    if [f64_to_bits(x) for x in a] != [f64_to_bits(x) for x in b]:
        raise ValueError(f"precision-dependent reference: {a!r} vs {b!r}")
    return a


# ---------------------------------------------------------------- sigmoid and tanh


def sigmoid_tanh(x):
    if x == 0:
        return 0.5, x  # tanh(-0.0) = -0.0: mpmath has no signed zero
    X = mpf(x)

    def compute():
        # σ(x) = 1/(1 + e^{-x}); mpmath's exponent range is unbounded, so this never
        # overflows or underflows.
        return [1 / (1 + mp.exp(-X)), mp.tanh(X)]

    s, t = reference(compute)
    return s, t


def log_uniform(rng, lo, hi):
    """A float whose log10 is uniform in [lo, hi], rounded with to_f64 (no libm)."""
    u = rng.uniform(lo, hi)
    with mp.workprec(200):
        return to_f64(mpf(10) ** mpf(u))


def threshold_neighbours(t, k):
    """The floats within k steps of the float nearest to the mpf t."""
    c = to_f64(t)
    return [next_up(c, i) for i in range(-k, k + 1)]


def scalar_inputs(rng):
    xs = []
    xs += [0.0, -0.0, MIN_SUBNORMAL, -MIN_SUBNORMAL, MIN_NORMAL, -MIN_NORMAL]
    xs += [next_up(MIN_NORMAL, -1), -next_up(MIN_NORMAL, -1), F64_MAX, -F64_MAX]
    xs += [1.0, -1.0, 0.5, -0.5, 2.0**-26, -(2.0**-26), 2.0**-27, 2.0**-28]
    # Subnormals: random bit patterns below the smallest normal, both signs.
    for _ in range(40):
        b = rng.getrandbits(52) >> rng.randrange(52)
        xs.append(bits_to_f64(b | (rng.getrandbits(1) << 63)) or MIN_SUBNORMAL)
    # Uniform in [-40, 40].
    xs += [rng.uniform(-40.0, 40.0) for _ in range(900)]
    # Log-uniform magnitudes from 1e-320 to 1e308, both signs.
    for _ in range(900):
        m = log_uniform(rng, -320.0, 308.0)
        xs.append(m if rng.getrandbits(1) else -m)
    # Dense near 0, at several scales.
    for scale in (0.5, 1e-3, 1e-8, 1e-15):
        xs += [rng.uniform(-scale, scale) for _ in range(60)]
    # Near where tanh rounds to 1 (about 19.06) and sigmoid does (about 37.4), both signs.
    for _ in range(130):
        x = rng.uniform(18.5, 19.7)
        xs.append(x if rng.getrandbits(1) else -x)
    xs += [rng.uniform(36.0, 38.5) for _ in range(60)]
    # Near sigmoid's underflow: to subnormal (about -708.4) and to 0 (about -745.13).
    xs += [rng.uniform(-709.5, -707.5) for _ in range(90)]
    xs += [rng.uniform(-746.0, -744.0) for _ in range(90)]
    # Around +-710, where e^x overflows (709.78).
    for _ in range(80):
        x = rng.uniform(709.0, 711.0)
        xs.append(x if rng.getrandbits(1) else -x)
    # The floats next to each rounding threshold (found with mpmath).
    with mp.workprec(300):
        two = mpf(2)
        logit = lambda p: mp.log(p / (1 - p))  # noqa: E731
        thresholds = [
            mp.atanh(1 - two**-54),  # tanh(x) rounds to 1 above this
            logit(1 - two**-54),  # sigmoid(x) rounds to 1 above this
            logit(two**-1022),  # sigmoid(x) is subnormal below this
            logit(two**-1075),  # sigmoid(x) rounds to 0 below this
            mp.log(mpf(F64_MAX)),  # e^x overflows above this
            mp.log(two**-1075),  # e^x rounds to 0 below this
        ]
    for t in thresholds:
        for x in threshold_neighbours(t, 6):
            xs += [x, -x]
    # Distinct bit patterns only, in a stable order.
    seen, out = set(), []
    for x in xs:
        b = f64_to_bits(x)
        if b not in seen:
            seen.add(b)
            out.append(x)
    return out


# ---------------------------------------------------------------- softmax


def softmax_reference(xs):
    n = len(xs)
    top = max(range(n), key=lambda i: (xs[i], -i))  # the first largest logit
    m = mpf(xs[top])
    diffs = [mp.fsub(mpf(x), m, exact=True) for x in xs]  # exact x_i - max

    def compute():
        exps = [mp.exp(d) for d in diffs]
        s = mp.fsum(e for i, e in enumerate(exps) if i != top)  # Σ_{j≠top} e^{x_j-max}
        total = 1 + s
        lse = mp.log1p(s)
        # With s astronomically small (e^(-1e300)), d - lse would lose lse entirely at any
        # working precision and leave d, which can be exactly halfway between two floats.
        # Every d is a multiple of 2^-1074, and so is every float, halfway points being
        # multiples of 2^-1075: for 0 < lse < 2^-1075 the true d - lse lies in the open
        # interval (d - 2^-1075, d), which holds no float and no halfway point, so any such
        # lse rounds the same. 2^-1100 is one, and d - 2^-1100 is exact at PREC bits.
        if 0 < lse < mpf(2) ** -1100:
            lse = mpf(2) ** -1100
        return [e / total for e in exps] + [d - lse for d in diffs]

    r = reference(compute)
    return r[:n], r[n:]


def rand_len(rng, lo=1, hi=64):
    # Mostly short vectors, some long ones, all lengths reachable.
    return rng.randint(lo, 12) if rng.random() < 0.7 else rng.randint(lo, hi)


def sign(rng, x):
    return x if rng.getrandbits(1) else -x


def softmax_vectors(rng):
    vs = []
    vs += [[0.0], [-3.5], [1e300], [-F64_MAX], [MIN_SUBNORMAL]]
    vs += [[-700.0001, 0.3], [0.3, -700.0001], [1000.0, 1001.0], [-F64_MAX, F64_MAX]]
    vs += [[F64_MAX, -F64_MAX, 0.0], [F64_MAX, F64_MAX], [-F64_MAX, -F64_MAX, -F64_MAX]]
    vs += [[1.0, 2.0, 3.0], [0.0, -0.0], [MIN_SUBNORMAL, -MIN_SUBNORMAL, 0.0]]
    # Small logits.
    for _ in range(35):
        vs.append([rng.uniform(-5.0, 5.0) for _ in range(rand_len(rng))])
    # Large logits, about +-1e3.
    for _ in range(18):
        vs.append([rng.uniform(-1000.0, 1000.0) for _ in range(rand_len(rng))])
    # +-1e300: a common scale with small relative spread, and wide spreads.
    for _ in range(8):
        base = sign(rng, log_uniform(rng, 299.0, 301.0))
        vs.append([base * (1 + rng.uniform(-1e-13, 1e-13)) for _ in range(rand_len(rng))])
    for _ in range(8):
        vs.append([sign(rng, log_uniform(rng, 299.0, 301.0)) for _ in range(rand_len(rng))])
    # Near f64::MAX with both signs, so x_i - max overflows.
    for _ in range(12):
        v = [sign(rng, F64_MAX * rng.uniform(0.5, 1.0)) for _ in range(rand_len(rng, 2))]
        v[rng.randrange(len(v))] = sign(rng, F64_MAX)
        vs.append(v)
    for _ in range(4):
        v = [next_up(F64_MAX, -rng.randrange(4)) for _ in range(rand_len(rng, 2))]
        vs.append(v)
    # A maximum at or next to f64::MAX and logits a few binades below it, where x_i - max
    # rounds with a tie (2.7853256681426694e307 next to f64::MAX: Knuth's TwoSum then
    # overflows inside, see two_diff in src/activation.rs).
    vs += [[2.7853256681426694e307, F64_MAX], [F64_MAX, -1.0, 2.7853256681426694e307]]
    for _ in range(12):
        v = [
            log_uniform(rng, 305.0, 308.25) * (1.0 if rng.random() < 0.8 else -1.0)
            for _ in range(rand_len(rng, 1, 24))
        ]
        v.insert(rng.randrange(len(v) + 1), next_up(F64_MAX, -rng.randrange(3)))
        vs.append(v)
    # Mixed scales in one vector.
    scales = [1e-300, 1e-20, 1e-3, 1.0, 30.0, 700.0, 745.0, 1e5, 1e15, 1e300]
    for _ in range(35):
        vs.append(
            [sign(rng, rng.choice(scales) * rng.uniform(0.5, 2.0)) for _ in range(rand_len(rng))]
        )
    for _ in range(12):
        # A maximum near 0.3 and logits just below max - 700 or max - 745.
        v = [rng.uniform(0.0, 1.0)] + [
            -rng.choice([700.0, 708.0, 740.0, 745.0]) - rng.uniform(0.0, 1.0)
            for _ in range(rand_len(rng, 1, 40))
        ]
        rng.shuffle(v)
        vs.append(v)
    # One dominant entry, the others far below: log_softmax(max) = -log1p(s) with s tiny.
    for _ in range(30):
        top = sign(rng, log_uniform(rng, -3.0, 4.0))
        gap = rng.choice([38.0, 50.0, 100.0, 300.0, 700.0, 740.0, 800.0])
        v = [top - gap - rng.uniform(0.0, 20.0) for _ in range(rand_len(rng, 1, 32))]
        v.insert(rng.randrange(len(v) + 1), top)
        vs.append(v)
    # Ties for the maximum.
    for _ in range(18):
        top = sign(rng, log_uniform(rng, -5.0, 3.0))
        k = rng.randint(2, 6)
        v = [top] * k + [top - rng.uniform(0.0, 40.0) for _ in range(rand_len(rng, 0, 30))]
        rng.shuffle(v)
        vs.append(v)
    # Subnormals and signed zeros.
    for _ in range(10):
        vs.append(
            [
                rng.choice([0.0, -0.0, MIN_SUBNORMAL, -MIN_SUBNORMAL])
                if rng.random() < 0.3
                else bits_to_f64(rng.getrandbits(52) | (rng.getrandbits(1) << 63))
                for _ in range(rand_len(rng))
            ]
        )
    # Long vectors of equal and of nearly equal values.
    for n in (64, 63, 48, 33, 17, 10, 3):
        vs.append([sign(rng, rng.uniform(0.0, 100.0))] * n)
    vs += [[0.0] * 64, [-1e300] * 64, [F64_MAX] * 64, [MIN_SUBNORMAL] * 64]
    for _ in range(8):
        base = sign(rng, rng.uniform(0.0, 10.0))
        n = rng.randint(32, 64)
        vs.append([next_up(base, rng.randint(-3, 3)) for _ in range(n)])
    # Anything goes: logits from every kind above.
    for _ in range(20):
        vs.append(
            [
                sign(rng, log_uniform(rng, -320.0, 308.0))
                if rng.random() < 0.5
                else rng.uniform(-50.0, 50.0)
                for _ in range(rand_len(rng))
            ]
        )
    assert all(1 <= len(v) <= 64 and all(math.isfinite(x) for x in v) for v in vs)
    return vs


# ---------------------------------------------------------------- modern activations

# The SELU constants of Klambauer et al. (2017), as the crate has them: Python reads a decimal
# literal into the nearest f64 (correctly rounded), so these are λ_f64 and α_f64;
# check_modern_constants() confirms it with to_f64. The references are of selu *as defined
# with these two f64*: λ_f64·x and λ_f64·α_f64·(e^x − 1), computed exactly.
SELU_LAMBDA = 1.0507009873554804934193349852946
SELU_ALPHA = 1.6732632423543772848170429916717

# Beyond |x| >= TAIL, gelu and gelu_tanh (and their derivatives) are taken from the
# closed forms proved in modern_tail(): mpmath's erfc fails for |x| > ~1e154 and e^(x^3) is
# slow for huge x, and the rounding there is certain anyway.
TAIL = 2.0**64

# The working precision of modern.tsv for |x| >= 2^-20; smaller x get PREC. The precision a
# correctly rounded result needs is set by how close the true value comes to a halfway point
# between two floats. Only one case here comes exactly close by construction: at a subnormal
# x with an odd last bit, x/2 is such a point, and x·σ(x) = x/2 + x²/4 + ... (silu, gelu,
# gelu_tanh likewise) is decided by a correction 2^-1075 times smaller, which 320 bits would
# lose (to_f64 would then refuse the tie, so it could not pass silently). For every other
# input the values are transcendental numbers with no reason to fall within 2^-320 of a
# halfway point (the worst cases known for f64 functions need about 2·53 + 10 bits), and the
# cross-check at 620 bits would stop the script if one did. This keeps the script's runtime
# at about a minute; PREC everywhere would take four times that.
MODERN_PREC = 320

MODERN_COLUMNS = [
    "softplus",
    "silu",
    "elu",
    "selu",
    "gelu",
    "gelu_tanh",
    "mish",
    "softplus_derivative",
    "silu_derivative",
    "elu_derivative",
    "selu_derivative",
    "gelu_derivative",
    "gelu_tanh_derivative",
    "mish_derivative",
]


def check_modern_constants():
    with mp.workprec(300):
        assert SELU_LAMBDA == to_f64(mpf("1.0507009873554804934193349852946"))
        assert SELU_ALPHA == to_f64(mpf("1.6732632423543772848170429916717"))
    # λ_f64·α_f64 is exact in 106 bits; the negative tail of selu rounds it (times e^x − 1,
    # which is −1 + a tiny amount there): it must not be a tie.
    q = Fraction(SELU_LAMBDA) * Fraction(SELU_ALPHA)
    assert q.numerator.bit_length() <= 106
    with mp.workprec(300):
        to_f64(mpf(q.numerator) / q.denominator)  # raises on a tie


def round_rational(q):
    """The f64 nearest to the Fraction q, ties to even (an exact tie is possible here: λ_f64·x
    is a rational with up to 106 significant bits), overflowing to +-inf."""
    try:
        f = abs(q.numerator) / q.denominator  # CPython: correctly rounded, ties to even
    except OverflowError:
        f = math.inf
    return -f if q < 0 else f


def gelu_tanh_constants():
    """√(2/π) and 0.044715 as exact reals (to the working precision), not as f64."""
    return mp.sqrt(2 / mp.pi), mpf(44715) / 1000000


def modern_exact(x):
    """compute() for modern(): the 14 values of MODERN_COLUMNS at the finite x, as mpf (the
    selu column for x > 0 is a placeholder, replaced by round_rational in modern()). Every
    form is free of cancellation except near a derivative's zero (a few dozen bits at most):
    σ(−x) = 1/(1 + e^x) rather than 1 − σ(x), 1 ± tanh(u) through σ(±2u), and
    tanh(softplus(x)) = n/(n + 2) with n = e^x(e^x + 2), since (1 + e^x)^2 = n + 1."""
    X = mpf(x)
    E = mp.exp(X)
    s = E / (1 + E)  # σ(x)
    sm = 1 / (1 + E)  # σ(−x)
    softplus = X + mp.log1p(1 / E) if x > 0 else mp.log1p(E)
    silu = X * s
    silu_d = s * (1 + X * sm)
    elu, elu_d = (X, mpf(1)) if x > 0 else (mp.expm1(X), E)
    lam_alpha = mpf(SELU_LAMBDA) * mpf(SELU_ALPHA)  # exact: 106 bits
    if x > 0:
        selu, selu_d = mpf(0), mpf(SELU_LAMBDA)
    else:
        selu, selu_d = lam_alpha * mp.expm1(X), lam_alpha * E
    n = E * (E + 2)  # (1 + e^x)^2 − 1
    mish = X * n / (n + 2)
    mish_d = n / (n + 2) + X * s * 4 * (n + 1) / (n + 2) ** 2
    if abs(x) < TAIL:
        # Φ(x) = erfc(−x/√2)/2 (no 1 + erf cancellation for x < 0), φ(x) = e^(−x²/2)/√(2π).
        cdf = mp.erfc(-X / mp.sqrt(2)) / 2
        pdf = mp.exp(-X * X / 2) / mp.sqrt(2 * mp.pi)
        gelu, gelu_d = X * cdf, cdf + X * pdf
        # 0.5·(1 + tanh(u)) = σ(2u), 1 − tanh(u)^2 = 4σ(2u)σ(−2u); u' = c(1 + 3a·x²).
        c, a = gelu_tanh_constants()
        e2u = mp.exp(2 * c * (X + a * X**3))
        g, gm = e2u / (1 + e2u), 1 / (1 + e2u)
        gelu_tanh = X * g
        gelu_tanh_d = g + X * g * gm * 2 * c * (1 + 3 * a * X * X)
    else:
        gelu, gelu_tanh, gelu_d, gelu_tanh_d = modern_tail(x)
    return [softplus, silu, elu, selu, gelu, gelu_tanh, mish,
            s, silu_d, elu_d, selu_d, gelu_d, gelu_tanh_d, mish_d]


def modern_tail(x):
    """gelu, gelu_tanh and their derivatives for |x| >= TAIL = 2^64, in closed form.

    For x >= TAIL: 0 < x − x·Φ(x) = x·Φ(−x) < φ(x) (Mills' ratio: Φ(−x) < φ(x)/x), and
    |gelu'(x) − 1| = |x·φ(x) − Φ(−x)| < x·φ(x); with u = c(x + a·x³) > x/2,
    0 < x − gelu_tanh(x) = x·σ(−2u) < x·e^(−x), and |gelu_tanh'(x) − 1| < x³·e^(−x) (the
    derivative is σ(2u) + x·σ(2u)σ(−2u)·2c(1 + 3a·x²) and σ(−2u) < e^(−x)). Each bound is
    below 2^-1100 (checked below), far less than half an ulp of x or of 1: the values round to
    x and 1. For x <= −TAIL the same bounds, with |x·Φ(x)| < φ(x) and |x·σ(2u)| < |x|·e^(−|x|),
    put every value within 2^-1100 of 0, so they round to a zero; its sign is that of the
    value: gelu, gelu_tanh and both derivatives are negative there."""
    with mp.workprec(200):
        t = mpf(TAIL)
        bound = max(t * mp.exp(-t * t / 2), t**3 * mp.exp(-t))
        assert bound < mpf(2) ** -1100
    if x > 0:
        return mpf(x), mpf(x), mpf(1), mpf(1)
    tiny = -(mpf(2) ** -1100)  # any value in (−2^-1075, 0) rounds to −0.0
    return tiny, tiny, tiny, tiny


def modern(x):
    """The correctly rounded f64 of every column of MODERN_COLUMNS at the finite x."""
    r = reference(lambda: modern_exact(x), PREC if abs(x) < 2.0**-20 else MODERN_PREC)
    if x > 0:
        r[3] = round_rational(Fraction(SELU_LAMBDA) * Fraction(x))
    if x == 0:
        # Signed zeros (mpmath has none): every function that is x·(something) or e^x − 1
        # gives back ±0; softplus(±0) = ln 2 and the derivatives are even there.
        for i in range(1, 7):
            r[i] = x
        # selu has a kink at 0 (slope λ on the right, λ·α on the left): no reference value.
        r[10] = math.nan
    return r


def bisect(h, a, b):
    """The root of h in [a, b] (h(a), h(b) of opposite signs), to the working precision."""
    a, b = mpf(a), mpf(b)
    ha = h(a)
    assert ha * h(b) < 0, (a, b)
    for _ in range(mp.prec + 10):
        m = (a + b) / 2
        hm = h(m)
        if (hm < 0) == (ha < 0):
            a, ha = m, hm
        else:
            b = m
    return a


def modern_thresholds():
    """The inputs where some function or derivative reaches a rounding threshold: the value
    becomes x or 1 (its correction drops below half an ulp), it becomes subnormal, it
    rounds to 0, e^x overflows."""
    with mp.workprec(300):
        two = mpf(2)
        c, a = gelu_tanh_constants()
        sig = lambda t: 1 / (1 + mp.exp(-t))  # noqa: E731
        cdf = lambda t: mp.erfc(-t / mp.sqrt(2)) / 2  # noqa: E731
        u2 = lambda t: 2 * c * (t + a * t**3)  # noqa: E731
        n = lambda t: mp.exp(t) * (mp.exp(t) + 2)  # noqa: E731
        mish = lambda t: t * n(t) / (n(t) + 2)  # noqa: E731
        ts = [
            bisect(lambda t: mp.log1p(mp.exp(-t)) - two**-48, 32, 64),  # softplus(x) -> x
            mp.log(two**-1022),  # e^x, softplus, σ subnormal
            mp.log(two**-1075),  # ... round to 0
            mp.log(mpf(F64_MAX)),  # e^x overflows
            bisect(lambda t: sig(t) - (1 - two**-54), 30, 40),  # silu -> x, σ -> 1; elu -> -1
            bisect(lambda t: sig(t) - (1 - two**-53), 30, 40),
            bisect(lambda t: -t * sig(t) - two**-1022, -750, -600),  # silu subnormal
            bisect(lambda t: -t * sig(t) - two**-1075, -760, -700),  # silu rounds to 0
            bisect(lambda t: cdf(-t) - two**-54, 5, 10),  # gelu -> x
            bisect(lambda t: -t * cdf(t) - two**-1022, -40, -30),  # gelu subnormal
            bisect(lambda t: -t * cdf(t) - two**-1075, -40, -30),  # gelu rounds to 0
            bisect(lambda t: sig(-u2(t)) - two**-54, 3, 10),  # gelu_tanh -> x
            bisect(lambda t: -t * sig(u2(t)) - two**-1022, -30, -10),  # gelu_tanh subnormal
            bisect(lambda t: -t * sig(u2(t)) - two**-1075, -30, -10),  # ... rounds to 0
            bisect(lambda t: 2 / (n(t) + 2) - two**-54, 10, 30),  # mish -> x
            bisect(lambda t: -mish(t) - two**-1022, -750, -600),  # mish subnormal
            bisect(lambda t: -mish(t) - two**-1075, -760, -700),  # mish rounds to 0
        ]
    return ts


def modern_inputs(rng):
    """(x, region) pairs: every finite kind of input, each x once, in a stable order."""
    xs = []

    def add(region, values):
        xs.extend((x, region) for x in values)

    add("special", [0.0, -0.0, MIN_SUBNORMAL, -MIN_SUBNORMAL, MIN_NORMAL, -MIN_NORMAL])
    add("special", [next_up(MIN_NORMAL, -1), -next_up(MIN_NORMAL, -1), F64_MAX, -F64_MAX])
    add("special", [next_up(F64_MAX, -1), -next_up(F64_MAX, -1), 1.0, -1.0, 0.5, -0.5])
    add("special", [2.0, -2.0, 2.0**-26, -(2.0**-26), 2.0**-53, -(2.0**-53), TAIL, -TAIL])
    add("special", [next_up(TAIL, -1), -next_up(TAIL, -1)])
    # Subnormals: random bit patterns below the smallest normal, both signs.
    sub = []
    for _ in range(80):
        b = rng.getrandbits(52) >> rng.randrange(52)
        sub.append(bits_to_f64(b | (rng.getrandbits(1) << 63)) or MIN_SUBNORMAL)
    add("subnormal", sub)
    # Tiny: log-uniform magnitudes from the smallest normal to 1e-5, both signs.
    add("tiny", [sign(rng, log_uniform(rng, -307.6, -5.0)) for _ in range(200)])
    # Dense over [-40, 40]: a grid of step 1/16 (exact floats) and uniform random points.
    add("sweep [-40, 40]", [i / 16 for i in range(-640, 641)])
    add("sweep [-40, 40]", [rng.uniform(-40.0, 40.0) for _ in range(700)])
    # Where the functions change form or round to x, 1, -1 or 0.
    edges = []
    edges += [sign(rng, rng.uniform(30.0, 40.0)) for _ in range(120)]  # softplus, silu, elu
    edges += [rng.uniform(-40.0, -36.5) for _ in range(100)]  # gelu's tail to 0
    edges += [rng.uniform(-23.0, -18.0) for _ in range(80)]  # gelu_tanh's tail to 0
    edges += [rng.uniform(5.0, 10.0) for _ in range(40)]  # gelu, gelu_tanh round to x
    edges += [rng.uniform(-712.0, -700.0) for _ in range(80)]  # e^x subnormal
    edges += [rng.uniform(-760.0, -735.0) for _ in range(120)]  # softplus, silu, mish to 0
    edges += [sign(rng, rng.uniform(705.0, 715.0)) for _ in range(60)]  # e^x overflows
    add("form changes", edges)
    near = []
    for t in modern_thresholds():
        for x in threshold_neighbours(t, 6):
            near += [x, -x]
    add("threshold neighbours", near)
    # Large: log-uniform magnitudes from 40 to f64::MAX, both signs.
    add("large", [sign(rng, log_uniform(rng, 1.6, 308.25)) for _ in range(300)])
    # Random finite f64: uniform bit patterns (so mostly huge or tiny magnitudes).
    rand = []
    while len(rand) < 300:
        x = bits_to_f64(rng.getrandbits(64))
        if math.isfinite(x):
            rand.append(x)
    add("random bits", rand)
    seen, out = set(), []
    for x, region in xs:
        b = f64_to_bits(x)
        if b not in seen and x <= F64_MAX and x >= -F64_MAX:
            seen.add(b)
            out.append((x, region))
    return out


# ---------------------------------------------------------------- long softmax vectors

# long_softmax.tsv describes each vector by parameters, not by its elements, and
# tests/accuracy.rs builds the same vectors from them:
#
# - `runs`: the vector is runs of equal values, `v_1 c_1 v_2 c_2 ...` (value v_j repeated c_j
#   times, in that order). With few distinct values the references have closed forms; for
#   [m, c x k]: log_softmax at m is -log1p(k e^(c-m)), at c it is c - m - log1p(k e^(c-m)).
#   The line gives softmax and log_softmax of each run's value, in the order of the runs.
# - `noise`: `n seed gap bits q pos ties`: x_i = -gap - u_i * 2^-q, with u_i the top `bits`
#   bits of a 64-bit LCG (state = state * LCG_A + LCG_C mod 2^64, starting from `seed`, one
#   step before each element), then x_j = 0 at the `ties` indices (pos + t * 7919) mod n.
#   Every x_i is exact (gap has few bits), so Python and Rust build the same vector. The line
#   gives indices and softmax and log_softmax at those indices.
#
# Lengths above LONG_TESTED are for the #[ignore]d test (10^7 elements).

LCG_A = 6364136223846793005
LCG_C = 1442695040888963407
LONG_TESTED = 100_000
LONG_PREC = 256  # plenty: every reference is also computed 300 bits higher and must agree


def noise_vector(n, seed, gap, bits, q, pos, ties):
    state, xs = seed, []
    for _ in range(n):
        state = (state * LCG_A + LCG_C) % 2**64
        xs.append(-gap - (state >> (64 - bits)) * 2.0**-q)  # exact: gap has few bits
    for t in range(ties):
        xs[(pos + t * 7919) % n] = 0.0
    return xs


def grouped_reference(values, counts, wanted, prec):
    """softmax and log_softmax at the values `wanted`, for a vector holding counts[j] copies of
    values[j] (distinct values)."""
    m = max(values)
    top = values.index(m)
    M = mpf(m)
    diffs = {v: mp.fsub(mpf(v), M, exact=True) for v in values}

    def compute():
        # s = sum of e^(x - m) over every element except one copy of the maximum.
        s = mp.fsum(c * mp.exp(diffs[v]) for v, c in zip(values, counts) if v != m)
        s += counts[top] - 1
        lse = mp.log1p(s)
        if 0 < lse < mpf(2) ** -1100:  # as in softmax_reference
            lse = mpf(2) ** -1100
        return [mp.exp(diffs[v]) / (1 + s) for v in wanted] + [diffs[v] - lse for v in wanted]

    r = reference(compute, prec)
    return r[: len(wanted)], r[len(wanted) :]


def long_runs():
    rs = []
    # The reproducers: [0, -43 x 1999], [0, -712 x 10], GPT-2's vocabulary at -44.25,
    # 10^5 logits 730 below the winner.
    rs += [[(0.0, 1), (-43.0, 1999)], [(0.0, 1), (-712.0, 10)]]
    rs += [[(0.0, 1), (-44.25, 50256)], [(0.0, 1), (-730.0, 99999)]]
    gaps = [30.0, 36.5, 43.0, 44.25, 50.0, 100.0, 300.0, 700.0, 708.0, 708.5, 712.0, 730.0,
            740.0, 745.0, 745.25, 750.0]
    for g in gaps:
        for k in (63, 999, 9999, 50256, 99999):
            rs.append([(0.0, 1), (-g, k)])
        # The maximum in another lane and another block.
        rs.append([(-g, 4099), (0.0, 1), (-g, 5900)])
        # Ties at the maximum, together and apart.
        rs.append([(0.0, 2), (-g, 50255)])
        rs.append([(-g, 700), (0.0, 1), (-g, 30000), (0.0, 1), (-g, 20)])
        rs.append([(0.0, 17), (-g, 9983)])
    # Two levels below the maximum: a normal and a subnormal e^(x - m), and both subnormal.
    rs += [[(0.0, 1), (-40.0, 1000), (-720.0, 49256)], [(-705.0, 5000), (0.0, 1), (-712.0, 5000)]]
    rs += [[(0.0, 1), (-709.0, 30000), (-744.0, 30000)], [(-3.0, 3), (0.0, 1), (-38.0, 99996)]]
    # A maximum away from 0 (x - m exact), and one near a large logit.
    rs += [[(1000.5, 1), (957.5, 50256)], [(-3.25, 1), (-750.0, 99999)]]
    rs += [[(1e300, 1), (-1e300, 99999)], [(7.0, 1), (6.0, 99999)]]
    # 10^7 elements (the #[ignore]d test).
    n = 10_000_000
    rs += [[(0.0, 1), (-43.0, n - 1)], [(0.0, 1), (-730.0, n - 1)]]
    rs += [[(0.0, 1), (-16.5, n - 1)], [(-50.0, n // 2), (0.0, 2), (-50.0, n // 2 - 2)]]
    rs += [[(0.0, 1), (-760.0, n - 1)]]
    return rs


def long_noise():
    ns = []
    seed = 0x5EED
    for gap in (30.0, 32.0, 34.0, 36.0, 38.0, 40.0, 42.0, 44.0, 46.0, 50.0, 60.0, 100.0,
                700.0, 705.0, 710.0, 720.0, 740.0):
        seed += 1
        ns.append((50257, seed, gap, 12, 10, seed * 31 % 50257, 1))
    for gap in (40.0, 712.0):
        for ties in (1, 2):
            seed += 1
            ns.append((100_000, seed, gap, 16, 12, seed * 17 % 100_000, ties))
    for n in (1000, 10_000):
        for gap in (36.0, 45.0, 730.0):
            seed += 1
            ns.append((n, seed, gap, 8, 4, seed % n, 1))
    # Noise wider than the gap: many logits near the maximum.
    seed += 1
    ns.append((50257, seed, 2.0, 12, 8, 12345, 1))
    return ns


def fmt_num(x):
    return repr(float(x))


def write_long():
    lines = [
        "# Generated by tests/data/make_reference.py; regenerate with",
        "#   python3 tests/data/make_reference.py long",
        "# Long logit vectors described by parameters (see make_reference.py, long_runs and",
        "# long_noise): correctly rounded softmax and log_softmax (mpmath, "
        f"{LONG_PREC} and {LONG_PREC + 300} bits).",
        "# runs <TAB> v1 c1 v2 c2 ... <TAB> softmax per run <TAB> log_softmax per run",
        "# noise <TAB> n seed gap bits q pos ties <TAB> indices <TAB> softmax <TAB> log_softmax",
    ]
    count = 0
    for runs in long_runs():
        values, counts = [], []
        for v, c in runs:
            if v not in values:
                values.append(v)
                counts.append(0)
            counts[values.index(v)] += c
        p, lp = grouped_reference(values, counts, [v for v, _ in runs], LONG_PREC)
        spec = " ".join(f"{fmt_num(v)} {c}" for v, c in runs)
        lines.append(f"runs\t{spec}\t{fmt(p)}\t{fmt(lp)}")
        count += 1
    for n, seed, gap, bits, q, pos, ties in long_noise():
        xs = noise_vector(n, seed, gap, bits, q, pos, ties)
        histogram = {}
        for x in xs:
            histogram[x] = histogram.get(x, 0) + 1
        tops = [(pos + t * 7919) % n for t in range(ties)]
        indices = tops + [i * n // 64 for i in range(64)]
        p, lp = grouped_reference(
            list(histogram), list(histogram.values()), [xs[i] for i in indices], LONG_PREC
        )
        spec = f"{n} {seed} {fmt_num(gap)} {bits} {q} {pos} {ties}"
        lines.append(f"noise\t{spec}\t{' '.join(map(str, indices))}\t{fmt(p)}\t{fmt(lp)}")
        count += 1
    lines.insert(6, f"# {count} vectors.")
    with open(os.path.join(HERE, "long_softmax.tsv"), "w", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    print(f"long_softmax.tsv: {count} vectors")


# ---------------------------------------------------------------- output


def fmt(xs):
    return " ".join(repr(float(x)) for x in xs)


def main():
    check_rounding()
    rng = random.Random(SEED)

    xs = scalar_inputs(rng)
    lines = [
        "# Generated by tests/data/make_reference.py; regenerate with",
        "#   python3 tests/data/make_reference.py",
        f"# x, sigmoid(x), tanh(x): correctly rounded f64 (mpmath, {PREC} bits). {len(xs)} lines.",
    ]
    for x in xs:
        s, t = sigmoid_tanh(x)
        lines.append(f"{x!r}\t{s!r}\t{t!r}")
    with open(os.path.join(HERE, "scalar.tsv"), "w", newline="\n") as f:
        f.write("\n".join(lines) + "\n")

    vs = softmax_vectors(rng)
    lines = [
        "# Generated by tests/data/make_reference.py; regenerate with",
        "#   python3 tests/data/make_reference.py",
        f"# logits <TAB> softmax <TAB> log_softmax: correctly rounded f64 (mpmath, {PREC} bits).",
        f"# {len(vs)} vectors, {sum(map(len, vs))} elements.",
    ]
    for v in vs:
        p, lp = softmax_reference(v)
        lines.append(f"{fmt(v)}\t{fmt(p)}\t{fmt(lp)}")
    with open(os.path.join(HERE, "softmax.tsv"), "w", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    print(f"scalar.tsv: {len(xs)} inputs; softmax.tsv: {len(vs)} vectors, "
          f"{sum(map(len, vs))} elements")

    # Its own generator, so that adding modern.tsv changed neither file above.
    check_modern_constants()
    inputs = modern_inputs(random.Random(SEED + 11))
    counts = {}
    for _, region in inputs:
        counts[region] = counts.get(region, 0) + 1
    lines = [
        "# Generated by tests/data/make_reference.py; regenerate with",
        "#   python3 tests/data/make_reference.py",
        f"# x, then {len(MODERN_COLUMNS)} columns: correctly rounded f64 (mpmath at {PREC} bits",
        f"# for |x| < 2^-20 and {MODERN_PREC} bits above, cross-checked 300 bits higher):",
        "# " + " ".join(MODERN_COLUMNS),
        "# elu and elu_derivative with alpha = 1. selu with the f64 constants",
        f"# SELU_LAMBDA = {SELU_LAMBDA!r} and SELU_ALPHA = {SELU_ALPHA!r} (the f64 nearest",
        "# to Klambauer et al.'s decimals), computed exactly from those f64. gelu = x*Phi(x)",
        "# exactly. gelu_tanh = 0.5*x*(1 + tanh(sqrt(2/pi)*(x + 0.044715*x^3))), the reference",
        "# of its own definition, with sqrt(2/pi) and 0.044715 exact reals (not f64): its",
        "# distance to gelu is the approximation's, not a rounding error.",
        "# selu_derivative(+-0) is nan: the kink (slope lambda on the right, lambda*alpha on",
        "# the left) has no reference value. softplus_derivative = sigmoid.",
        f"# {len(inputs)} lines: "
        + ", ".join(f"{region} {n}" for region, n in counts.items())
        + ".",
    ]
    for x, _ in inputs:
        lines.append("\t".join(repr(v) for v in [x] + modern(x)))
    with open(os.path.join(HERE, "modern.tsv"), "w", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    regions = ", ".join(f"{region} {n}" for region, n in counts.items())
    print(f"modern.tsv: {len(inputs)} inputs ({regions})")


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["long"]:
        check_rounding()
        write_long()
    else:
        main()
        write_long()
