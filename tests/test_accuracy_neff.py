"""Stated accuracy of dialm.neff (see tests/_accuracy.py).

The thermal history is a stiff ODE, so the reference is not mpmath: it is the same equations
integrated by scipy's Radau at rtol = 1e-12 (the package uses LSODA at 1e-10), started in
equilibrium at 40 MeV instead of 20 MeV — so the row also checks that the start is early enough
that the result has forgotten it.  The equations themselves are checked against closed forms
(entropy conservation, the massless and heavy limits, the instantaneous-decoupling estimate) in
tests/test_singlets.py.
"""

from __future__ import annotations

import functools

import numpy as np
import pytest
from _accuracy import Case, check
from scipy.optimize import brentq

from dialm import neff as N

_T_REF, _RTOL_REF = 0.04, 1e-12


def _n_eff_ref(m_v, dof, flavours, t_dec):
    return N._n_eff_cached(m_v, float(dof), flavours, t_dec, _RTOL_REF, _T_REF, "Radau")


def delta_neff_ref(m_v, dof=3, flavours="mu_tau", t_dec=None):
    return _n_eff_ref(float(m_v), dof, flavours, t_dec) - _n_eff_ref(None, dof, flavours, t_dec)


def neff_history_ref(m_v=None, dof=3, flavours="mu_tau", t_dec=None):
    """The same dict from the Radau solution at rtol 1e-12 (40 MeV start), on the package's grid."""
    got = N.neff_history(m_v, dof, flavours, t_dec)
    model, sol = N._solve(None if m_v is None else float(m_v), float(dof), flavours, t_dec,
                          _RTOL_REF, _T_REF, "Radau")
    # the package's grid starts at 20 MeV (or t_dec): the same photon temperatures here
    tg_ref = np.exp(sol.y[0])
    x_ref = np.interp(np.log(got["t_gamma"][0]), np.log(tg_ref[::-1]), sol.t[::-1])
    y = sol.sol(got["ln_a"] + x_ref)
    tg, te, tm = np.exp(y)
    if flavours == "all":
        te = tm
    sec = np.array([model.sectors(y[:, i]) for i in range(y.shape[1])])
    a3 = np.exp(3.0 * got["ln_a"])
    s_em = a3 * (sec[:, 0, 0] + sec[:, 0, 1]) / tg
    s_nu = a3 * ((sec[:, 1, 0] + sec[:, 1, 1]) / te + (sec[:, 2, 0] + sec[:, 2, 1]) / tm)
    return {
        "t_gamma": tg, "tnue_over_tgamma": te / tg, "tnumutau_over_tgamma": tm / tg,
        "ln_a": got["ln_a"], "entropy_em": s_em / s_em[0], "entropy_nu": s_nu / s_nu[0],
        "n_eff": N._n_eff(model, sol.y[:, -1]),
        "n_eff_sm": _n_eff_ref(None, dof, flavours, t_dec),
        "energy_residual": 0.0,   # a residual: its size (≈ rtol) is the check, compared absolutely
    }


@functools.lru_cache(maxsize=64)
def neff_mass_bound_ref(delta_neff_max=N.DELTA_NEFF_PLANCK, dof=3, flavours="mu_tau"):
    """The root in ln m of the reference ΔN_eff minus the bound (Brent, xtol 1e-12)."""
    root = brentq(lambda lm: delta_neff_ref(np.exp(lm), dof, flavours) - delta_neff_max,
                  np.log(1e-4), np.log(0.2), xtol=1e-12, rtol=1e-13)
    return float(np.exp(root))


CASES = [
    # ΔN_eff → 0 for heavy V: relative to max(ΔN_eff, 1e-3), below every measurement's reach
    Case(N.delta_neff, delta_neff_ref,
         [(m,) for m in (0.0, 1e-6, 1e-3, 5e-3, 0.01, 0.015, 0.02, 0.03, 0.06, 0.2)]
         + [(1e-3, 3, "all"), (0.01, 3, "all"), (0.0, 3, "all"), (0.01, 1, "mu_tau"),
            (0.005, 3, "all", 2e-3), (0.0, 3, "all", 2e-3), (0.01, 2, "mu_tau", 1e-3)],
         floor=1e-3),
    # every entry is O(1) (temperature ratios, entropies, N_eff, ln a) except t_gamma (GeV), which
    # is compared through the same solution; relative to max(|value|, 1)
    Case(N.neff_history, neff_history_ref,
         [(None,), (0.01,), (0.0, 3, "all"), (0.01, 3, "all", 2e-3)], floor=1.0),
    Case(N.neff_mass_bound, neff_mass_bound_ref,
         [(), (0.5,), (0.1,), (1e-3,), (2.4,), (0.285, 3, "all"), (0.3, 1, "mu_tau")]),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_stated_accuracy(case):
    check(case)
