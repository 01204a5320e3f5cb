"""The sympy helpers the chapters share: a named result displayed, Dirac matrices and traces, and
the check that a sympy result and a ``dialm`` function agree.

A chapter derives a result in sympy, displays it (never types it), and asserts that the package
computes the same thing.  The three pieces of plumbing that go with this live here, once:

- :func:`show` / :func:`equation` — ``lhs = rhs`` as LaTeX, the right-hand side a sympy object.
- :class:`Dirac` — explicit 4×4 gamma matrices (Dirac or chiral representation), γ5, the chiral
  projectors, ``slash`` of a four-vector and traces of products; for traces of long strings of
  slashed vectors, :func:`slash_trace` works on dot-product symbols instead (:func:`dot_symbol`,
  :func:`contract_index`).  sympy's ``physics.hep.gamma_matrices`` has no γ5 and mis-evaluates
  some traces (Tr[a̸ p̸ p̸ b̸ q̸ q̸] loses a factor 4 in sympy 1.14), so neither is used.
- :func:`compare` — a sympy expression, lambdified (in float64, or in mpmath at ``dps`` digits),
  against a ``dialm`` callable at many points: the worst relative deviation, where it occurs, and
  an ``AssertionError`` naming that point when it exceeds the tolerance.

Conventions: metric (+, −, −, −); four-vectors with upper indices, ``p = (E, px, py, pz)``;
γ5 = iγ⁰γ¹γ²γ³, P_L = (1 − γ5)/2.  sympy is imported here only: ``import dialm`` stays light.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import mpmath as mp
import numpy as np
import sympy as sp

from dialm._validate import choice, count, real

__all__ = [
    "PAULI",
    "equation",
    "show",
    "Dirac",
    "dot_symbol",
    "slash_trace",
    "contract_index",
    "Comparison",
    "compare",
]

#: the Pauli matrices σ¹, σ², σ³ (immutable sympy matrices: shared by every caller)
PAULI = (sp.ImmutableMatrix([[0, 1], [1, 0]]), sp.ImmutableMatrix([[0, -sp.I], [sp.I, 0]]),
         sp.ImmutableMatrix([[1, 0], [0, -1]]))
_REPS = ("dirac", "chiral")


# --------------------------------------------------------------------------------------------
# a named result
# --------------------------------------------------------------------------------------------
def _tex(x, fmt=None) -> str:
    if isinstance(x, str):
        return x
    if fmt is not None:
        return format(x, fmt)
    return sp.latex(x)


def _check_rel(func, rel):
    if not isinstance(rel, str):
        raise ValueError(f"{func}: rel = {rel!r} is not a LaTeX relation (a string such as '=')")


def _wrapped(rhs, width):
    """A long sympy sum (or product) as lines of at most ~``width`` LaTeX characters; a line after
    the first starts with its term's sign (or, for a product, with a times sign)."""
    if isinstance(rhs, sp.Add):
        pieces = [sp.latex(t) for t in rhs.as_ordered_terms()]

        def within(p):
            return f"- {p[1:].lstrip()}" if p.startswith("-") else f"+ {p}"
        first = within
    else:
        num, den = sp.fraction(rhs)
        factors = [rf"\left({sp.latex(f)}\right)" if isinstance(f, sp.Add) else sp.latex(f)
                   for f in sp.Mul.make_args(num)]
        pieces = ([rf"\frac{{1}}{{{sp.latex(den)}}}"] if den != 1 else []) + factors

        def within(p):
            return p

        def first(p):
            return rf"\times {p}"
    lines, line = [], pieces[0]
    for p in pieces[1:]:
        if len(line) + len(p) + 3 > width:
            lines.append(line)
            line = first(p)
        else:
            line = f"{line} {within(p)}"
    return lines + [line]


def equation(lhs, rhs, *, rel="=", fmt=None, suffix="", label=None, wrap=None) -> str:
    """``lhs rel rhs`` as one LaTeX string: the display of a named result.

    ``lhs`` and ``rhs`` are LaTeX strings (used as they are) or sympy objects / numbers (printed
    with ``sympy.latex``, or with ``format(rhs, fmt)`` when ``fmt`` is given).  ``rel`` is the
    relation (``=``, ``\\ge``, ``\\propto``, ...), ``suffix`` LaTeX appended after the right-hand
    side, ``label`` a tag shown at the right margin.  ``wrap``: a sympy sum (or product) whose LaTeX is
    longer than ``wrap`` characters is broken into aligned lines of about that length (so that a
    long derived result fits the page's column).

    Accuracy: exact (text).

    >>> x = sp.Symbol("x")
    >>> equation(r"\\int_0^1 x\\,dx", sp.integrate(x, (x, 0, 1)))
    '\\\\int_0^1 x\\\\,dx = \\\\frac{1}{2}'
    >>> equation("a", 0.123456, fmt=".3f", rel=r"\\approx", label="1")
    'a \\\\approx 0.123 \\\\tag{1}'
    >>> print(equation("s", x + x**2 + x**3, wrap=14))
    \\begin{aligned}s &= x^{3} + x^{2}\\\\ &\\quad + x\\end{aligned}
    """
    _check_rel("equation", rel)
    if wrap is not None and (isinstance(wrap, bool) or not isinstance(wrap, int) or wrap < 10):
        raise ValueError(f"equation: wrap = {wrap!r} is outside the allowed range: None or an "
                         "integer >= 10 (LaTeX characters a line)")
    if wrap is not None and fmt is None and isinstance(rhs, (sp.Add, sp.Mul)) \
            and len(_tex(rhs)) > wrap:
        lines = _wrapped(rhs, wrap)
        body = r"\\ &\quad ".join(lines)
        text = rf"\begin{{aligned}}{_tex(lhs)} &{rel} {body}{suffix}\end{{aligned}}"
    else:
        text = f"{_tex(lhs)} {rel} {_tex(rhs, fmt)}".strip() if rel else f"{_tex(lhs)}{_tex(rhs, fmt)}"
        text += suffix
    if label is not None:
        text += rf" \tag{{{label}}}"
    return text


def show(lhs, rhs, *, rel="=", fmt=None, suffix="", label=None, wrap=110) -> None:
    """Display the named result ``lhs = rhs`` as typeset math (see :func:`equation`; a sum longer
    than ``wrap`` LaTeX characters is broken into aligned lines).

    The chapter's text never types a derived result: it calls ``show`` on the sympy object.
    Returns nothing, so a ``show`` on a cell's last line is displayed once.

    Accuracy: exact (text).

    >>> show("E", sp.Symbol("m") * sp.Symbol("c")**2)
    <IPython.core.display.Math object>
    """
    from IPython.display import Math, display

    _check_rel("show", rel)
    display(Math(equation(lhs, rhs, rel=rel, fmt=fmt, suffix=suffix, label=label, wrap=wrap)))


# --------------------------------------------------------------------------------------------
# Dirac matrices
# --------------------------------------------------------------------------------------------
class Dirac:
    """Explicit 4×4 Dirac matrices γ^μ (upper index), metric (+, −, −, −).

    ``rep="dirac"``: γ⁰ = diag(1, 1, −1, −1), γⁱ = ((0, σⁱ), (−σⁱ, 0)) (Bjorken–Drell; the same
    as ``sympy.physics.matrices.mgamma``).  ``rep="chiral"``: γ^μ = ((0, σ^μ), (σ̄^μ, 0)) with
    σ^μ = (1, σ⃗), σ̄^μ = (1, −σ⃗) (Weyl basis of Dreiner, Haber & Martin, Phys. Rep. 494 (2010) 1,
    and of Peskin & Schroeder), where γ5 = diag(−1, −1, 1, 1).  ``numeric=True`` gives complex
    numpy arrays instead of sympy matrices (for numerical checks at explicit momenta).

    Attributes: ``gamma`` (γ⁰…γ³), ``g5`` = iγ⁰γ¹γ²γ³, ``one``, ``PL``/``PR`` = (1 ∓ γ5)/2,
    ``metric``; for ``rep="chiral"`` also ``sigma``/``sigmabar`` (σ^μ, σ̄^μ, 2×2).

    Accuracy: exact (integer matrices).

    >>> d = Dirac()
    >>> p = sp.symbols("E p_x p_y p_z")
    >>> sp.expand((d.slash(p) * d.slash(p) - d.dot(p, p) * d.one)) == sp.zeros(4)
    True
    >>> d.trace(d.g5, *d.gamma)          # Tr γ5γ⁰γ¹γ²γ³ = −4i
    -4*I
    >>> Dirac("chiral").g5 == sp.diag(-1, -1, 1, 1)
    True
    """

    def __init__(self, rep: str = "dirac", *, numeric: bool = False):
        rep = choice("Dirac", "rep", rep, _REPS)
        self.rep, self.numeric = rep, bool(numeric)
        one2, zero2 = sp.eye(2), sp.zeros(2)

        def block(a, b, c, d):
            return sp.Matrix(sp.BlockMatrix([[a, b], [c, d]]))

        if rep == "dirac":
            gamma = [block(one2, zero2, zero2, -one2)] + [block(zero2, s, -s, zero2)
                                                           for s in PAULI]
        else:
            self.sigma = (sp.ImmutableMatrix(one2),) + PAULI
            self.sigmabar = (one2,) + tuple(-s for s in PAULI)
            gamma = [block(zero2, s, sb, zero2) for s, sb in zip(self.sigma, self.sigmabar,
                                                                   strict=True)]
        g5 = sp.I * gamma[0] * gamma[1] * gamma[2] * gamma[3]
        one = sp.eye(4)
        metric = sp.diag(1, -1, -1, -1)
        if numeric:
            def conv(m):
                return np.array(m.tolist(), dtype=complex)

            gamma, g5, one = [conv(g) for g in gamma], conv(g5), np.eye(4, dtype=complex)
            metric = np.diag([1.0, -1.0, -1.0, -1.0])
        self.gamma, self.g5, self.one, self.metric = tuple(gamma), g5, one, metric
        self.PL, self.PR = (one - g5) / 2, (one + g5) / 2

    def slash(self, p):
        """p̸ = γ^μ p_μ = γ⁰p⁰ − γ⃗·p⃗ for ``p = (p⁰, p¹, p², p³)`` (upper index)."""
        if len(p) != 4:
            raise ValueError(f"slash: p has {len(p)} components; a four-vector has 4")
        if self.numeric:
            return sum(self.metric[m, m] * p[m] * self.gamma[m] for m in range(4))
        return sum((self.metric[m, m] * p[m] * self.gamma[m] for m in range(4)), sp.zeros(4))

    def dot(self, a, b):
        """a·b = a⁰b⁰ − a⃗·b⃗ (both with upper indices)."""
        return sum(self.metric[m, m] * a[m] * b[m] for m in range(4))

    def trace(self, *factors):
        """Tr of the product of the 4×4 ``factors`` (gamma matrices, slashes, projectors, ...)."""
        if not factors:
            raise ValueError("trace: factors is empty; give at least one 4x4 matrix")
        prod = factors[0]
        for f in factors[1:]:
            prod = prod @ f if self.numeric else prod * f
        return np.trace(prod) if self.numeric else prod.trace()

    def sigma_munu(self, mu: int, nu: int):
        """σ^{μν} = (i/2)[γ^μ, γ^ν]."""
        g = self.gamma
        if self.numeric:
            return 0.5j * (g[mu] @ g[nu] - g[nu] @ g[mu])
        return sp.I / 2 * (g[mu] * g[nu] - g[nu] * g[mu])


# --------------------------------------------------------------------------------------------
# traces of slashed vectors on dot-product symbols
# --------------------------------------------------------------------------------------------
def dot_symbol(a: str, b: str) -> sp.Symbol:
    """The dot product of the named four-vectors ``a·b`` as a symbol ``D_ab`` (names sorted).

    Accuracy: exact (symbols).

    >>> dot_symbol("p", "k"), dot_symbol("k", "p")
    (D_kp, D_kp)
    """
    for name, v in (("a", a), ("b", b)):
        if not isinstance(v, str) or not v:
            raise ValueError(f"dot_symbol: {name} = {v!r} is not a vector name (a non-empty str)")
    a, b = sorted((a, b))
    return sp.Symbol(f"D_{a}{b}")


@functools.lru_cache(None)
def _trace4(vs: tuple) -> sp.Expr:
    """Tr[a̸₁⋯a̸ₙ]/4 by the recursion on the first vector."""
    if len(vs) == 0:
        return sp.Integer(1)
    if len(vs) % 2:
        return sp.Integer(0)
    return sp.expand(sum((-1) ** (j + 1) * dot_symbol(vs[0], vs[j]) * _trace4(vs[1:j] + vs[j + 1:])
                         for j in range(1, len(vs))))


def slash_trace(vectors: Sequence[str]) -> sp.Expr:
    """Tr[a̸₁ a̸₂ ⋯ a̸ₙ] (no γ5) on the dot-product symbols ``D_ab`` of :func:`dot_symbol`.

    The recursion Tr[a̸₁⋯a̸ₙ] = Σ_j (−1)^j (a₁·a_j) Tr[⋯â_j⋯] (the hat drops a_j), memoised;
    a string of ten vectors takes well under a second.  ``vectors`` is a string of one-letter
    names or a sequence of names.

    Accuracy: exact (polynomial in the symbols).

    >>> slash_trace("ab")
    4*D_ab
    >>> slash_trace("abcd")
    4*D_ab*D_cd - 4*D_ac*D_bd + 4*D_ad*D_bc
    >>> slash_trace("abc")
    0
    """
    if isinstance(vectors, str):
        vectors = tuple(vectors)
    try:
        vs = tuple(vectors)
    except TypeError:
        raise ValueError(f"slash_trace: vectors = {vectors!r} is not a sequence of vector "
                         "names") from None
    if not all(isinstance(v, str) and v for v in vs):
        raise ValueError(f"slash_trace: vectors = {vectors!r} is not a sequence of vector names "
                         "(non-empty str)")
    return 4 * _trace4(vs)


def contract_index(expr: sp.Expr, idx: str = "b") -> sp.Expr:
    """Contract the Lorentz index carried by the vector name ``idx`` in a sum of products of
    :func:`dot_symbol` symbols: ``D_bx D_by → D_xy`` and ``D_bb → 4`` (g^μ_μ = 4).

    Each term must hold the index twice (once in each of two symbols, or as ``D_bb``) or not at
    all.

    Accuracy: exact (symbols).

    >>> contract_index(slash_trace("bpbq"))      # Tr[γ^β p̸ γ_β q̸] = −2 Tr[p̸ q̸]
    -8*D_pq
    """
    if not isinstance(idx, str) or not idx:
        raise ValueError(f"contract_index: idx = {idx!r} is not a vector name (a non-empty str)")
    out = 0
    for term in sp.Add.make_args(sp.expand(expr)):
        coeff, factors = term.as_coeff_mul()
        rest, with_idx = [], []
        for f in factors:
            base, e = f.as_base_exp()
            if idx in str(base):
                with_idx.extend([base] * int(e))
            else:
                rest.append(f)
        val = coeff * sp.Mul(*rest)
        if [str(x) for x in with_idx] == [f"D_{idx}{idx}"]:
            val *= 4
        elif len(with_idx) == 2:
            x, y = (str(w)[2:].replace(idx, "", 1) for w in with_idx)
            val *= dot_symbol(x, y)
        elif with_idx:
            raise ValueError(f"contract_index: idx = {idx!r} appears as {with_idx} in the term "
                             f"{term}; it must appear exactly twice")
        out += val
    return out


# --------------------------------------------------------------------------------------------
# sympy against dialm
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Comparison:
    """The outcome of :func:`compare`: ``worst`` relative deviation, the point ``at`` which it
    occurs (one value per symbol), the number of points ``n`` and a one-line ``text``."""

    worst: float
    at: tuple
    n: int
    text: str

    def __str__(self) -> str:
        return self.text


def _columns(args, points):
    if isinstance(args, sp.Basic):
        args, points = (args,), (points,)
    args = tuple(args)
    if not args or not all(isinstance(a, sp.Symbol) for a in args):
        raise ValueError(f"compare: args = {args!r} is not a sympy Symbol or a sequence of them")
    if len(points) != len(args):
        raise ValueError(f"compare: points has {len(points)} columns for {len(args)} symbols "
                         f"{list(args)}; give one array of values for each")
    cols = [real("compare", f"points[{a}]", p) for a, p in zip(args, points, strict=True)]
    try:
        cols = [c.ravel() for c in np.broadcast_arrays(*cols)]
    except ValueError:
        raise ValueError(f"compare: points of shapes {[np.shape(p) for p in points]} do not "
                         "broadcast together") from None
    if cols[0].size == 0:
        raise ValueError("compare: points is empty; give at least one point")
    return args, cols


def compare(expr, args, func: Callable, points, *, tol: float, dps: int | None = None,
            floor: float = 0.0, what: str = "dialm vs sympy") -> Comparison:
    """The worst relative deviation of ``func`` from the sympy ``expr`` over ``points``.

    ``args`` is the symbol (or sequence of symbols) of ``expr``; ``points`` the values, one
    array per symbol (broadcast together).  ``func`` takes the same arguments as numpy arrays
    (``dialm`` functions broadcast) and is called once.  The reference is ``expr`` lambdified:
    in float64 (``dps=None``; deviation ``|func/ref − 1|``) or in mpmath at ``dps`` digits, one
    point at a time (deviation ``|func − ref|/|ref|`` in mpmath, for regions where the float
    closed form cancels).  ``floor`` > 0 measures errors relative to ``max(|ref|, floor)``.

    Returns a :class:`Comparison`; raises ``AssertionError`` naming the worst point when the
    deviation exceeds ``tol`` (or is not finite).

    Accuracy: exact (it reports the deviation; the reference at ``dps`` digits).

    >>> x = sp.Symbol("x", positive=True)
    >>> res = compare(sp.log(1 + x), x, np.log1p, np.logspace(-12, 2, 50), tol=1e-15, dps=30)
    >>> res.worst < 1e-15, res.n
    (True, 50)
    >>> naive = lambda v: np.log(1 + v)
    >>> compare(sp.log(1 + x), x, naive, [1e-12, 0.5], tol=1e-12, dps=30)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    AssertionError: dialm vs sympy: worst relative deviation 8.9e-05 at x = 1e-12 above the ...
    """
    tol = real("compare", "tol", tol, 0.0, scalar=True)
    floor = real("compare", "floor", floor, 0.0, low_open=False, scalar=True)
    if dps is not None:
        dps = count("compare", "dps", dps, high=10_000, low=16, scalar=True)
    args, cols = _columns(args, points)
    with np.errstate(all="ignore"):
        ours = np.asarray(func(*cols))
    if ours.size == 1 and cols[0].size > 1:
        ours = np.broadcast_to(ours, cols[0].shape)
    ours = ours.ravel()
    if ours.shape != cols[0].shape:
        raise ValueError(f"compare: func returned {ours.size} values for {cols[0].size} points")
    if dps is None:
        with np.errstate(all="ignore"):
            ref = np.asarray(sp.lambdify(args, expr, "numpy")(*cols))
            ref = np.broadcast_to(ref if np.iscomplexobj(ref) else ref.astype(float),
                                  cols[0].shape)
            if floor > 0:
                dev = np.abs(ours - ref) / np.maximum(np.abs(ref), floor)
            else:
                dev = np.abs(ours / ref - 1)
        how = "float64"
    else:
        f_mp = sp.lambdify(args, expr, "mpmath")
        with mp.workdps(dps):
            dev = []
            for i, o in enumerate(ours.tolist()):
                r = f_mp(*[mp.mpf(float(c[i])) for c in cols])
                scale = max(abs(r), mp.mpf(floor)) if floor > 0 else abs(r)
                dev.append(float(abs(mp.mpmathify(o) - r) / scale))
        dev = np.array(dev)
        how = f"mpmath at {dps} digits"
    bad = ~np.isfinite(dev)
    i = int(np.argmax(bad)) if bad.any() else int(np.argmax(dev))
    worst = float(dev[i])
    at = tuple(float(c[i]) for c in cols)
    where = ", ".join(f"{a} = {v:.4g}" for a, v in zip(args, at, strict=True))
    n = cols[0].size
    if not worst <= tol:
        raise AssertionError(f"{what}: worst relative deviation {worst:.1e} at {where} above the "
                             f"tolerance {tol:.0e} ({n} points, {how})")
    text = f"{what}: worst relative deviation {worst:.1e} at {where} ({n} points, {how})"
    return Comparison(worst, at, n, text)
