"""Every physical input of the book, with its uncertainty, unit and source.

Natural units throughout: masses and energies in GeV, invariants in GeV².  Each input is a
:class:`Measured`, a ``float`` that also carries ``sigma`` (symmetric, or the upper error when
``sigma_minus`` is given), ``unit`` and ``source``, so it can be used directly in arithmetic and in
numba kernels while a chapter can still print where it came from.  Arithmetic gives plain
floats: an uncertainty is never propagated silently (use ``.ufloat()`` for that).

>>> from dialm.constants import M_MU
>>> round(M_MU * 1e3, 7), M_MU.unit
(105.6583755, 'GeV')
>>> M_MU.source
'PDG 2024 (CODATA 2018)'

Sections are owned by topic; add new inputs to the section of their topic, with a source.
"""

from __future__ import annotations

import math


class Measured(float):
    """A float with an uncertainty, a unit and a source.

    ``sigma`` is the (upper) standard uncertainty, ``sigma_minus`` the lower one where the source
    quotes an asymmetric error (``None`` means symmetric).
    """

    sigma: float
    sigma_minus: float | None
    unit: str
    source: str

    def __new__(cls, value: float, sigma: float = 0.0, unit: str = "", source: str = "",
                sigma_minus: float | None = None) -> "Measured":
        if not math.isfinite(value) or not math.isfinite(sigma) or sigma < 0:
            raise ValueError(f"Measured: value and sigma must be finite, sigma >= 0; "
                             f"got value={value!r}, sigma={sigma!r}")
        self = super().__new__(cls, value)
        self.sigma = float(sigma)
        self.sigma_minus = None if sigma_minus is None else float(sigma_minus)
        self.unit = unit
        self.source = source
        return self

    @property
    def value(self) -> float:
        """The central value as a plain float."""
        return float(self)

    @property
    def sigma_sym(self) -> float:
        """A symmetric uncertainty: the mean of upper and lower errors."""
        if self.sigma_minus is None:
            return self.sigma
        return 0.5 * (self.sigma + self.sigma_minus)

    def ufloat(self):
        """The value as an ``uncertainties.ufloat`` (symmetrised error), tagged with the source."""
        from uncertainties import ufloat

        return ufloat(float(self), self.sigma_sym, tag=self.source)

    def __repr__(self) -> str:
        err = (f"+{self.sigma:g}/-{self.sigma_minus:g}" if self.sigma_minus is not None
               else f"{self.sigma:g}")
        return f"Measured({float(self)!r} ± {err} {self.unit}; {self.source})"

    def __reduce__(self):
        return (Measured, (float(self), self.sigma, self.unit, self.source, self.sigma_minus))


# --------------------------------------------------------------------------------------------
# Conversion constants (exact or CODATA); used only at the edges (plots, tables)
# --------------------------------------------------------------------------------------------
GEV_PER_MEV = 1e-3
HBAR_GEV_S = Measured(6.582119569e-25, 0.0, "GeV s", "CODATA 2018 (exact since SI 2019)")
HBARC_GEV_CM = Measured(1.973269804e-14, 0.0, "GeV cm", "CODATA 2018 (exact since SI 2019)")

# --------------------------------------------------------------------------------------------
# QED and lepton masses
# --------------------------------------------------------------------------------------------
ALPHA_INV = Measured(137.035999177, 0.000000021, "", "CODATA 2022, fine-structure constant")
ALPHA = 1.0 / float(ALPHA_INV)  # alpha(q^2 = 0), Thomson limit
M_E = Measured(0.51099895000e-3, 0.00000000015e-3, "GeV", "PDG 2024 (CODATA 2018)")
M_MU = Measured(0.1056583755, 0.0000000023, "GeV", "PDG 2024 (CODATA 2018)")
M_TAU = Measured(1.77693, 0.00009, "GeV", "PDG 2024")

# --------------------------------------------------------------------------------------------
# Muon g-2: experiment and Standard Model (a_mu in absolute units; the sources quote 1e-11)
# --------------------------------------------------------------------------------------------
_E11 = 1e-11
A_MU_EXP_2021 = Measured(116592061 * _E11, 41 * _E11, "",
                         "BNL E821 + FNAL Run 1, PRL 126, 141801 (2021), arXiv:2104.03281")
A_MU_EXP_2025 = Measured(116592071.5 * _E11, 14.5 * _E11, "",
                         "World average E821 + E989 Runs 1-6, arXiv:2506.03069 (2025)")
A_MU_SM_WP2020 = Measured(116591810 * _E11, 43 * _E11, "",
                          "Muon g-2 Theory Initiative White Paper, Phys. Rept. 887 (2020) 1, "
                          "arXiv:2006.04822")
A_MU_SM_WP2025 = Measured(116592033 * _E11, 62 * _E11, "",
                          "Muon g-2 Theory Initiative White Paper 2025, arXiv:2505.21476")

# --------------------------------------------------------------------------------------------
# CKM matrix: Wolfenstein parameters
# --------------------------------------------------------------------------------------------
# Barker & Kettell (2000), Table 1 (the seed review), with its references.
CKM_LAMBDA_2000 = Measured(0.2196, 0.0023, "", "Barker & Kettell 2000, Table 1 [PDG 1998]")
CKM_A_2000 = Measured(0.819, 0.039, "", "Barker & Kettell 2000, Table 1 [PDG 1998]")
CKM_RHO_2000 = Measured(0.14, 0.15, "", "Barker & Kettell 2000, Table 1 (conservative)")
CKM_ETA_2000 = Measured(0.38, 0.13, "", "Barker & Kettell 2000, Table 1 (conservative)")

# PDG 2024, review "CKM quark-mixing matrix" (global fit, Wolfenstein parameters, eq. 12.27).
CKM_LAMBDA_PDG2024 = Measured(0.22501, 0.00068, "", "PDG 2024, CKM review")
CKM_A_PDG2024 = Measured(0.826, 0.016, "", "PDG 2024, CKM review", sigma_minus=0.015)
CKM_RHOBAR_PDG2024 = Measured(0.1591, 0.0094, "", "PDG 2024, CKM review")
CKM_ETABAR_PDG2024 = Measured(0.3523, 0.0073, "", "PDG 2024, CKM review", sigma_minus=0.0071)
CKM_J_PDG2024 = Measured(3.12e-5, 0.13e-5, "", "PDG 2024, CKM review", sigma_minus=0.12e-5)
