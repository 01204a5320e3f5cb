"""Double-double arithmetic: a number carried as an unevaluated sum hi + lo of two floats, ~32
significant digits (Dekker, Numer. Math. 18 (1971) 224; Hida, Li & Bailey, ARITH-15 (2001)).

Used where a kinematic edge makes float64 cancel: the distance to a Dalitz boundary, a threshold
x → 4μ², a matrix element that vanishes at a corner.  The numba kernels work on scalars or arrays.
"""

from __future__ import annotations

from fractions import Fraction

from dialm._jit import njit

_SPLIT = 134217729.0  # 2^27 + 1, Dekker's splitting constant


def from_fraction(q: Fraction) -> tuple[float, float]:
    """An exact rational as (hi, lo) with hi = float(q) and hi + lo = q to ~1e-32 relative."""
    hi = float(q)
    return hi, float(q - Fraction(hi))


@njit(cache=True)
def two_sum(a, b):
    """s + e = a + b exactly (Knuth)."""
    s = a + b
    bb = s - a
    return s, (a - (s - bb)) + (b - bb)


@njit(cache=True)
def two_prod(a, b):
    """p + e = a·b exactly (Dekker's split; |a|, |b| < 1e150)."""
    p = a * b
    c = _SPLIT * a
    ah = c - (c - a)
    al = a - ah
    c = _SPLIT * b
    bh = c - (c - b)
    bl = b - bh
    return p, ((ah * bh - p) + ah * bl + al * bh) + al * bl


@njit(cache=True)
def add(ah, al, bh, bl):
    """(ah + al) + (bh + bl) as a double-double."""
    s, e = two_sum(ah, bh)
    e += al + bl
    h = s + e
    return h, e - (h - s)


@njit(cache=True)
def mul(ah, al, bh, bl):
    """(ah + al)·(bh + bl) as a double-double."""
    p, e = two_prod(ah, bh)
    e += ah * bl + al * bh
    h = p + e
    return h, e - (h - p)


@njit(cache=True)
def ratio_sq(a, b):
    """(a/b)² as hi + lo, correct to a few units of 1e-32 relative: for the kinematic edges where
    a rounded m²/M² would be amplified (x → 4μ², y → 1 + r)."""
    q = a / b
    p, e = two_prod(q, b)
    ql = ((a - p) - e) / b               # a − q·b exactly; a − p is exact (Sterbenz)
    h, lo = two_prod(q, q)
    return h, lo + 2.0 * q * ql
