"""dialm.symbolic: the display of a named result, the Dirac algebra, the sympy-vs-dialm check."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import sympy as sp

from dialm import symbolic
from dialm.symbolic import Dirac, compare, contract_index, equation, show, slash_trace

REPS = ("dirac", "chiral")
ETA = sp.diag(1, -1, -1, -1)


# --- the named result -------------------------------------------------------------------------
def test_equation_text():
    x = sp.Symbol("x")
    assert equation("f(x)", x**2 / 2) == r"f(x) = \frac{x^{2}}{2}"
    assert equation(r"\Gamma", x, rel=r"\ge") == r"\Gamma \ge x"
    assert equation("a", 0.976123, fmt=".5f") == "a = 0.97612"
    assert equation("a", x, suffix=r"+O(x^2)", label="3") == r"a = x+O(x^2) \tag{3}"
    assert equation(r"\beta=1,\ ", x, rel="") == r"\beta=1,\ x"
    assert equation(sp.Symbol("y"), "z") == "y = z"


def test_show_displays_one_math_object(monkeypatch):
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs: shown.extend(objs))
    x = sp.Symbol("x")
    assert show("I", sp.integrate(x, (x, 0, 1))) is None        # nothing for the cell to echo
    assert len(shown) == 1
    assert isinstance(shown[0], IPython.display.Math)
    assert shown[0].data == r"I = \frac{1}{2}"


def test_equation_rejects_a_relation_that_is_not_text():
    with pytest.raises(ValueError, match="equation: rel"):
        equation("a", 1, rel=None)


# --- the Dirac algebra ------------------------------------------------------------------------
@pytest.mark.parametrize("rep", REPS)
def test_clifford_relation(rep):
    d = Dirac(rep)
    for mu, nu in itertools.product(range(4), repeat=2):
        anti = d.gamma[mu] * d.gamma[nu] + d.gamma[nu] * d.gamma[mu]
        assert anti == 2 * ETA[mu, nu] * sp.eye(4), (mu, nu)


@pytest.mark.parametrize("rep", REPS)
def test_gamma5(rep):
    d = Dirac(rep)
    assert d.g5 * d.g5 == sp.eye(4)
    assert d.g5.H == d.g5
    for g in d.gamma:
        assert d.g5 * g + g * d.g5 == sp.zeros(4)
    assert d.PL * d.PL == d.PL and d.PR * d.PR == d.PR and d.PL * d.PR == sp.zeros(4)
    assert d.PL + d.PR == sp.eye(4)


def test_representations():
    dirac, chiral = Dirac("dirac"), Dirac("chiral")
    assert dirac.gamma[0] == sp.diag(1, 1, -1, -1)
    assert dirac.g5 == sp.Matrix(sp.BlockMatrix([[sp.zeros(2), sp.eye(2)], [sp.eye(2), sp.zeros(2)]]))
    from sympy.physics.matrices import mgamma
    assert all(dirac.gamma[m] == mgamma(m) for m in range(4)) and dirac.g5 == mgamma(5)
    assert chiral.g5 == sp.diag(-1, -1, 1, 1)        # P_L projects on the upper (left) components
    assert chiral.PL == sp.diag(1, 1, 0, 0)
    # the chiral blocks: gamma^mu = ((0, sigma^mu), (sigmabar^mu, 0))
    for m in range(4):
        assert chiral.gamma[m][:2, 2:] == chiral.sigma[m]
        assert chiral.gamma[m][2:, :2] == chiral.sigmabar[m]


@pytest.mark.parametrize("rep", REPS)
def test_trace_identities(rep):
    d = Dirac(rep)
    g = d.gamma
    for mu, nu in itertools.product(range(4), repeat=2):
        assert d.trace(g[mu], g[nu]) == 4 * ETA[mu, nu]
        assert d.trace(d.g5, g[mu], g[nu]) == 0
    for mu, nu, rho in itertools.product(range(4), repeat=3):
        assert d.trace(g[mu], g[nu], g[rho]) == 0
    for idx in itertools.product(range(4), repeat=4):
        a, b, c, e = idx
        four = 4 * (ETA[a, b] * ETA[c, e] - ETA[a, c] * ETA[b, e] + ETA[a, e] * ETA[b, c])
        assert d.trace(*(g[i] for i in idx)) == four
        # Tr[g5 g^a g^b g^c g^d] = -4i eps^{abcd} with eps^{0123} = +1 (sympy's LeviCivita)
        assert d.trace(d.g5, *(g[i] for i in idx)) == -4 * sp.I * sp.LeviCivita(*idx)
    assert d.trace(d.g5) == 0


@pytest.mark.parametrize("rep", REPS)
def test_slash_squares_to_the_invariant(rep):
    d = Dirac(rep)
    p = sp.symbols("p0:4")
    q = sp.symbols("q0:4")
    assert sp.expand(d.slash(p) * d.slash(p)) == sp.expand(d.dot(p, p)) * sp.eye(4)
    assert sp.expand(d.trace(d.slash(p), d.slash(q)) - 4 * d.dot(p, q)) == 0


def test_numeric_matrices_match_the_symbolic_ones():
    for rep in REPS:
        s, n = Dirac(rep), Dirac(rep, numeric=True)
        for a, b in zip(s.gamma + (s.g5, s.PL), n.gamma + (n.g5, n.PL), strict=True):
            assert np.array_equal(np.array(a.tolist(), dtype=complex), b)
        p = [1.3, 0.2, -0.4, 0.7]
        assert np.allclose(n.slash(p) @ n.slash(p), n.dot(p, p) * np.eye(4), atol=1e-15)
        assert n.trace(n.slash(p), n.slash(p)) == pytest.approx(4 * n.dot(p, p))


def test_sigma_munu_is_twice_the_two_component_one_in_the_chiral_basis():
    d = Dirac("chiral")
    for mu, nu in itertools.product(range(4), repeat=2):
        s2 = sp.I / 4 * (d.sigma[mu] * d.sigmabar[nu] - d.sigma[nu] * d.sigmabar[mu])
        s2bar = sp.I / 4 * (d.sigmabar[mu] * d.sigma[nu] - d.sigmabar[nu] * d.sigma[mu])
        assert d.sigma_munu(mu, nu) == 2 * sp.diag(s2, s2bar)


def test_bad_inputs_of_dirac():
    with pytest.raises(ValueError, match="Dirac: rep = 'weyl' is not one of the allowed values"):
        Dirac("weyl")
    with pytest.raises(ValueError, match="slash: p has 3 components"):
        Dirac().slash([1, 2, 3])
    with pytest.raises(ValueError, match="trace: factors is empty"):
        Dirac().trace()


# --- traces on dot-product symbols ------------------------------------------------------------
def test_slash_trace_against_explicit_matrices():
    """Six slashed vectors, including the adjacent equal pairs sympy's gamma module gets wrong."""
    d = Dirac()
    comps = {v: sp.symbols(f"{v}0:4", real=True) for v in "apbq"}
    dots = {symbolic.dot_symbol(u, v): d.dot(comps[u], comps[v]) for u in comps for v in comps}
    for word in ("ab", "apbq", "appbqq", "abqpab", "aabbqq"):
        explicit = sp.expand(d.trace(*(d.slash(comps[v]) for v in word)))
        assert sp.expand(slash_trace(word).subs(dots) - explicit) == 0, word
    assert slash_trace("apb") == 0


def test_contract_index():
    # gamma^b gamma_b = 4;  gamma^b a gamma_b = -2 a  =>  Tr[g^b a g_b c] = -2 Tr[a c]
    assert contract_index(slash_trace("bb")) == 16
    assert contract_index(slash_trace("bacb")) == sp.expand(4 * slash_trace("ac"))
    assert contract_index(slash_trace("bxyb") * 0 + symbolic.dot_symbol("x", "y")) == \
        symbolic.dot_symbol("x", "y")
    with pytest.raises(ValueError, match="appears as"):
        contract_index(symbolic.dot_symbol("b", "x"))


def test_bad_inputs_of_traces():
    with pytest.raises(ValueError, match="slash_trace: vectors"):
        slash_trace([1, 2])
    with pytest.raises(ValueError, match="dot_symbol: a"):
        symbolic.dot_symbol("", "p")
    with pytest.raises(ValueError, match="contract_index: idx"):
        contract_index(slash_trace("ab"), idx="")


# --- sympy against dialm ----------------------------------------------------------------------
x, y = sp.symbols("x y", positive=True)
EXPR = sp.log(1 + x) / x          # a closed form that cancels for small x in float64


def good(v):
    return np.log1p(v) / v


def test_a_correct_function_passes_in_float64_and_in_mpmath():
    pts = np.logspace(-6, 3, 200)
    res = compare(EXPR, x, good, pts, tol=1e-14, dps=30)
    assert res.worst < 1e-15 and res.n == 200 and "mpmath at 30 digits" in res.text
    res = compare(EXPR, x, good, np.logspace(-1, 3, 50), tol=1e-14)
    assert res.worst < 1e-15 and "float64" in str(res)


def test_a_planted_error_is_caught_at_its_point():
    def planted(v):
        out = np.log1p(v) / v
        return np.where(np.isclose(v, 10.0), out * (1 + 1e-9), out)

    pts = np.array([0.1, 1.0, 10.0, 100.0])
    with pytest.raises(AssertionError, match=r"deviation 1\.0e-09 at x = 10 above the tolerance"):
        compare(EXPR, x, planted, pts, tol=1e-12, dps=30)
    with pytest.raises(AssertionError, match="at x = 10 "):
        compare(EXPR, x, planted, pts, tol=1e-12)


def test_the_float_closed_form_fails_where_it_cancels_and_mpmath_does_not():
    naive = sp.lambdify(x, EXPR, "numpy")
    with pytest.raises(AssertionError, match="x = 1e-12"):
        compare(EXPR, x, naive, [1e-12, 1.0], tol=1e-10, dps=30)


def test_several_symbols_broadcast_and_a_nan_is_a_failure():
    expr = sp.exp(-x * y)
    res = compare(expr, (x, y), lambda a, b: np.exp(-a * b), (np.linspace(0.1, 2, 5)[:, None],
                                                              np.linspace(0.1, 3, 7)), tol=1e-15)
    assert res.n == 35 and len(res.at) == 2
    with pytest.raises(AssertionError, match="nan"):
        compare(expr, (x, y), lambda a, b: np.where(a > 1, np.nan, np.exp(-a * b)),
                ([0.5, 1.5], [1.0, 1.0]), tol=1e-12)


def test_floor_for_results_through_zero():
    expr = sp.sin(x)
    pts = [np.pi, 1.0]
    with pytest.raises(AssertionError):
        compare(expr, x, lambda v: np.sin(v) + 1e-17, pts, tol=1e-12, dps=30)
    assert compare(expr, x, lambda v: np.sin(v) + 1e-17, pts, tol=1e-12, dps=30, floor=1.0).worst < 1e-15


def test_bad_inputs_of_compare():
    with pytest.raises(ValueError, match="compare: tol = -1.0 is outside the allowed range 0 < tol"):
        compare(EXPR, x, good, [1.0], tol=-1.0)
    with pytest.raises(ValueError, match="compare: dps = 5 is outside"):
        compare(EXPR, x, good, [1.0], tol=1e-12, dps=5)
    with pytest.raises(ValueError, match="2 columns for 1 symbols"):
        compare(EXPR, (x,), good, ([1.0], [2.0]), tol=1e-12)
    with pytest.raises(ValueError, match="points is empty"):
        compare(EXPR, x, good, [], tol=1e-12)
    with pytest.raises(ValueError, match=r"points\[x\] = nan"):
        compare(EXPR, x, good, [1.0, np.nan], tol=1e-12)
    with pytest.raises(ValueError, match="func returned 3 values for 2 points"):
        compare(EXPR, x, lambda v: np.ones(3), [1.0, 2.0], tol=1e-12)


def test_import_dialm_does_not_import_sympy():
    import subprocess
    import sys

    code = "import sys, dialm, dialm.constants; print('sympy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_long_result_is_broken_into_lines_of_the_column():
    from dialm.symbolic import equation

    x, y = sp.symbols("x y")
    long_sum = sum(sp.Rational(k, 7) * x**k * y ** (9 - k) for k in range(1, 9))
    text = equation("s", long_sum, wrap=40)
    lines = text.removeprefix(r"\begin{aligned}").removesuffix(r"\end{aligned}").split(r"\\")
    assert text.startswith(r"\begin{aligned}s &= ") and len(lines) >= 3
    assert all(len(line) <= 40 + 30 for line in lines)
    assert sum(line.count("frac") for line in lines) == sp.latex(long_sum).count("frac")
    assert equation("s", x + y, wrap=40) == "s = x + y"
    product = (x + 1) * (y - 2) * (x**2 + y**2 + 3) / (x - y) ** 2
    assert r"\times" in equation("p", product, wrap=20)
