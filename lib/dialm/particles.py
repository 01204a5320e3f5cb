"""Particle data: one name for each mass, lifetime, width, branching fraction and coupling.

Every value here is a :class:`Datum`, a :class:`~dialm.constants.Measured` that also says *which*
physical quantity it is (``quantity`` of ``particle``), the PDG edition and the listing it comes
from.  A physical quantity has exactly one name in the package (``tests/test_particles.py`` fails
on a second one); chapters and modules read it as ``dialm.particles.M_KPLUS`` or, re-exported,
``dialm.constants.M_KPLUS``.  Model and analysis inputs (form-factor parameters, cuts, the
review's 1998-2000 inputs) live in :mod:`dialm.constants`.

Edition.  Masses and widths are those of the PDG 2026 edition of the Review of Particle Physics
(cited by the PDG database as F. Takahashi et al., Int. J. Mod. Phys. A 41, 2630011 (2026)), as
tabulated by the scikit-hep ``particle`` package 1.1.0 (its ``particle2026.csv``, built from
the PDG's ``mass_width_2026.txt``); ``via="particle"`` marks them and the test compares each with
``particle.Particle.from_pdgid(mcid)``.  Mean lives, branching fractions and the other listed
quantities come from the same PDG 2026 edition, listing identifiers as in the PDG database (the
``pdg`` package 2026.0), e.g. ``S010T`` (K+- mean life) or ``S013.9`` (K_L -> 2 gamma); the test
compares each with that database.  ``particle`` stores the widths of long-lived particles to four
digits only, so their mean lives are taken from the listings instead.  The electroweak couplings
and CKM moduli are not in either table: they carry the PDG 2024 review table they were read from.

The values are written out here (not read from ``particle`` at import): importing ``particle``
and loading its table costs about 1.5 s, which every kernel and chapter would pay.

>>> from dialm.particles import M_KPLUS, TAU_KL_S
>>> round(M_KPLUS * 1e3, 3), M_KPLUS.unit, M_KPLUS.listing
(493.677, 'GeV', 'S010M')
>>> TAU_KL_S.source
'PDG 2026 [S013T], K_L mean life'
"""

from __future__ import annotations

import math

from dialm._measured import Measured

__all__ = ["Datum"]  # extended below with every name that holds a Datum


class Datum(Measured):
    """A :class:`Measured` particle-data value that knows which quantity it is.

    ``quantity`` (e.g. "mass", "mean life", "B(-> 2 gamma)") of ``particle`` (e.g. "K+") is the
    physical identity; ``edition`` (e.g. "2026") and ``listing`` (the PDG identifier, or the
    review table for quantities outside the listings) locate the value; ``mcid`` is the Monte
    Carlo particle number when ``via == "particle"``.
    """

    quantity: str
    particle: str
    edition: str
    listing: str
    via: str
    mcid: int | None

    def __new__(cls, value: float, sigma: float, unit: str, *, particle: str, quantity: str,
                edition: str, listing: str, via: str = "pdg", mcid: int | None = None,
                sigma_minus: float | None = None, note: str = "") -> Datum:
        source = f"PDG {edition} [{listing}], {particle} {quantity}"
        if via == "particle":
            source += " (particle 1.1.0 table)"
        if note:
            source += f"; {note}"
        self = super().__new__(cls, value, sigma, unit, source, sigma_minus)
        self.particle = particle
        self.quantity = quantity
        self.edition = edition
        self.listing = listing
        self.via = via
        self.mcid = mcid
        return self


def _gev(value_mev: float) -> float:
    """MeV -> GeV, as the decimal the table prints (no binary rounding residue)."""
    mantissa, _, exponent = repr(float(value_mev)).partition("e")
    return float(f"{mantissa}e{int(exponent or 0) - 3}")


def _mass(particle, mcid, listing, value_mev, sigma_mev, **kw):
    return Datum(_gev(value_mev), _gev(sigma_mev), "GeV", particle=particle, quantity="mass",
                 edition="2026", listing=listing, via="particle", mcid=mcid, **kw)


def _width(particle, mcid, listing, value_mev, sigma_mev, **kw):
    return Datum(_gev(value_mev), _gev(sigma_mev), "GeV", particle=particle, quantity="width",
                 edition="2026", listing=listing, via="particle", mcid=mcid, **kw)


def _life(particle, listing, value_s, sigma_s):
    return Datum(value_s, sigma_s, "s", particle=particle, quantity="mean life", edition="2026",
                 listing=listing)


def _br(particle, mode, listing, value, sigma, **kw):
    return Datum(value, sigma, "", particle=particle, quantity=f"B(-> {mode})", edition="2026",
                 listing=listing, **kw)


def _gee(particle, listing, value_kev, sigma_kev):
    return Datum(_gev(_gev(value_kev)), _gev(_gev(sigma_kev)), "GeV", particle=particle,
                 quantity="Gamma(-> e+ e-)", edition="2026", listing=listing)


# --------------------------------------------------------------------------------------------
# Leptons
# --------------------------------------------------------------------------------------------
M_E = _mass("e", 11, "S003M", 0.51099895069, 0.00000000016, note="CODATA 2022")
M_MU = _mass("mu", 13, "S004M", 105.6583755, 0.0000023, note="CODATA 2022")
M_TAU = _mass("tau", 15, "S035M", 1776.93, 0.09)
TAU_MU_S = _life("mu", "S004T", 2.1969811e-6, 0.0000022e-6)
TAU_TAU_S = _life("tau", "S035T", 290.3e-15, 0.5e-15)
BR_TAU_MUNUNU = _br("tau-", "mu- nubar_mu nu_tau", "S035.1", 0.1737, 0.0004)

# --------------------------------------------------------------------------------------------
# Gauge and Higgs bosons, quarks
# --------------------------------------------------------------------------------------------
M_W = _mass("W", 24, "S043M", 80362.0, 8.0)
M_Z = _mass("Z", 23, "S044M", 91187.9, 2.0)
M_H = _mass("H", 25, "S126M", 125130.0, 110.0)
M_C_MSBAR = Datum(1.2729, 0.0045, "GeV", particle="c quark", quantity="MSbar mass m_c(m_c)",
                  edition="2026", listing="Q004M")
M_B_MSBAR = Datum(4.186, 0.006, "GeV", particle="b quark", quantity="MSbar mass m_b(m_b)",
                  edition="2026", listing="Q005M")
M_T_MSBAR = Datum(162.5, 2.1, "GeV", particle="t quark",
                  quantity="MSbar mass m_t(m_t) from cross sections", edition="2026",
                  listing="Q007TP2", sigma_minus=1.5)

# --------------------------------------------------------------------------------------------
# Light mesons
# --------------------------------------------------------------------------------------------
M_PIPLUS = _mass("pi+", 211, "S008M", 139.57039, 0.00018)
M_PI0 = _mass("pi0", 111, "S009M", 134.9768, 0.0005)
TAU_PI0_S = _life("pi0", "S009T", 8.43e-17, 0.13e-17)
BR_PI0_GG = _br("pi0", "2 gamma", "S009.1", 0.98823, 0.00034)
BR_PI0_EEG = _br("pi0", "e+ e- gamma", "S009.2", 0.01174, 0.00035)
BR_PI0_EEEE = _br("pi0", "e+ e+ e- e-", "S009.3", 3.34e-5, 0.16e-5)
BR_PI0_EE = _br("pi0", "e+ e-", "S009.6", 6.46e-8, 0.33e-8)
# Linear coefficient a_pi of the pi0 electromagnetic (transition) form factor, F(x) = 1 + a_pi x.
PI0_FF_SLOPE = Datum(0.0332, 0.0029, "", particle="pi0",
                     quantity="linear coefficient of the electromagnetic form factor",
                     edition="2026", listing="S009A")
M_ETA = _mass("eta", 221, "S014M", 547.862, 0.017)
BR_ETA_GG = _br("eta", "2 gamma", "S014.1", 0.3936, 0.0018)
BR_ETA_MUMU = _br("eta", "mu+ mu-", "S014.12", 5.8e-6, 0.8e-6)

# --------------------------------------------------------------------------------------------
# Kaons
# --------------------------------------------------------------------------------------------
M_KPLUS = _mass("K+", 321, "S010M", 493.677, 0.015)
M_K0 = _mass("K0", 311, "S011M", 497.611, 0.013)
TAU_KPLUS_S = _life("K+", "S010T", 1.2380e-8, 0.0020e-8)
TAU_KL_S = _life("K_L", "S013T", 5.116e-8, 0.021e-8)
TAU_KS_S = _life("K_S", "S012T", 0.8954e-10, 0.0004e-10)
BR_KPLUS_MUNU = _br("K+", "mu+ nu_mu", "S010.1", 0.6356, 0.0011)
BR_KPLUS_ENU = _br("K+", "e+ nu_e", "S010.11", 1.582e-5, 0.007e-5)
BR_KPLUS_PI0ENU = _br("K+", "pi0 e+ nu_e", "S010.6", 0.0507, 0.0004)
BR_KPLUS_PI0MUNU = _br("K+", "pi0 mu+ nu_mu", "S010.5", 0.03352, 0.00034)
BR_KL_3PI0 = _br("K_L", "3 pi0", "S013.1", 0.1952, 0.0012)
BR_KL_PIMUNU = _br("K_L", "pi+- mu-+ nu_mu", "S013.3", 0.2704, 0.0007)
BR_KL_PIPI = _br("K_L", "pi+ pi-", "S013.5", 1.967e-3, 0.010e-3)
BR_KL_MUMU = _br("K_L", "mu+ mu-", "S013.6", 6.84e-9, 0.11e-9)
BR_KL_GG = _br("K_L", "2 gamma", "S013.9", 5.47e-4, 0.04e-4)
BR_KL_EEG = _br("K_L", "e+ e- gamma", "S013.14", 9.4e-6, 0.4e-6)
BR_KL_MUMUG = _br("K_L", "mu+ mu- gamma", "S013.15", 3.59e-7, 0.11e-7)
BR_KL_MUMUEE = _br("K_L", "mu+ mu- e+ e-", "S013.21", 2.69e-9, 0.27e-9)
BR_KL_EEEE = _br("K_L", "e+ e- e+ e-", "S013.22", 3.56e-8, 0.21e-8)
BR_KL_EEGG = _br("K_L", "e+ e- gamma gamma", "S013.23", 5.95e-7, 0.33e-7,
                 note="photon energies above 5 MeV")
BR_KS_GG = _br("K_S", "2 gamma", "S012.6", 2.63e-6, 0.17e-6)
EPS_K = Datum(2.229e-3, 0.012e-3, "", particle="K_L", quantity="|epsilon|", edition="2026",
              listing="S013EP")
PHI_EPS = Datum(math.radians(43.52), math.radians(0.04), "rad", particle="K_L",
                quantity="phase phi_epsilon (43.52(4) deg)", edition="2026", listing="S013EPH")

# --------------------------------------------------------------------------------------------
# Vector mesons and heavy-flavour thresholds
# --------------------------------------------------------------------------------------------
M_RHO0 = _mass("rho(770)0", 113, "M009M0", 775.26, 0.23, note="neutral only, e+e-")
GAMMA_RHO0 = _width("rho(770)0", 113, "M009W0", 147.4, 0.8, note="neutral only, e+e-")
M_OMEGA = _mass("omega(782)", 223, "M001M", 782.66, 0.13)
GAMMA_OMEGA = _width("omega(782)", 223, "M001W", 8.68, 0.13)
GAMMA_EE_OMEGA = _gee("omega(782)", "M001W7", 0.60, 0.02)
M_PHI = _mass("phi(1020)", 333, "M004M", 1019.46, 0.016)
GAMMA_EE_PHI = _gee("phi(1020)", "M004W8", 1.27, 0.04)
M_KSTAR0 = _mass("K*(892)0", 313, "M018M2", 895.56, 0.20)
M_KSTAR_PLUS = _mass("K*(892)+", 323, "M018M1", 891.88, 0.23, note="charged, hadroproduced")
M_RHO1450 = _mass("rho(1450)", 100113, "M105M0", 1465.0, 25.0)
GAMMA_RHO1450 = _width("rho(1450)", 100113, "M105W0", 400.0, 60.0)
M_JPSI = _mass("J/psi(1S)", 443, "M070M", 3096.900, 0.006)
GAMMA_EE_JPSI = _gee("J/psi(1S)", "M070W1", 5.53, 0.10)
M_PSI2S = _mass("psi(2S)", 100443, "M071M", 3686.097, 0.011)
GAMMA_EE_PSI2S = _gee("psi(2S)", "M071W1", 2.33, 0.04)
M_UPS1S = _mass("Upsilon(1S)", 553, "M049M", 9460.4, 0.1)
GAMMA_EE_UPS1S = _gee("Upsilon(1S)", "M049W2", 1.340, 0.018)
M_UPS2S = _mass("Upsilon(2S)", 100553, "M052M", 10023.4, 0.5)
GAMMA_EE_UPS2S = _gee("Upsilon(2S)", "M052W2", 0.612, 0.011)
M_UPS3S = _mass("Upsilon(3S)", 200553, "M048M", 10355.1, 0.5)
GAMMA_EE_UPS3S = _gee("Upsilon(3S)", "M048W2", 0.443, 0.008)
M_D0 = _mass("D0", 421, "S032M", 1864.84, 0.04)
M_BPLUS = _mass("B+", 521, "S041M", 5279.41, 0.07)
M_PROTON = _mass("p", 2212, "S016M", 938.27208943, 0.00000029, note="CODATA 2022")

# --------------------------------------------------------------------------------------------
# Couplings and CKM moduli (PDG reviews; not in the listings)
# --------------------------------------------------------------------------------------------
ALPHA_INV = Datum(137.035999177, 0.000000021, "", particle="photon",
                  quantity="inverse fine-structure constant 1/alpha(0)", edition="2024",
                  listing="Physical Constants, Table 1.1", note="CODATA 2022")
ALPHA = 1.0 / float(ALPHA_INV)  # alpha(q^2 = 0), Thomson limit; derived, not a second input
G_F = Datum(1.1663788e-5, 0.0000006e-5, "GeV^-2", particle="muon decay",
            quantity="Fermi constant G_F/(hbar c)^3", edition="2024",
            listing="Physical Constants, Table 1.1", note="MuLan")
ALPHA_MZ = Datum(1.0 / 127.951, 0.009 / 127.951**2, "", particle="photon",
                 quantity="MSbar alpha_hat(M_Z) (1/alpha_hat = 127.951(9))", edition="2024",
                 listing="Physical Constants, Table 1.1")
# The weak mixing angle of the tree-level neutral-current couplings: the effective leptonic
# angle at the Z pole (Z listing), the one the PDG database of this edition carries.
SIN2W_MZ = Datum(0.23148, 0.00012, "", particle="Z", quantity="effective sin^2 theta_eff (lepton)",
                 edition="2026", listing="S044SEF")
ALPHA_S_MZ = Datum(0.1180, 0.0009, "", particle="gluon", quantity="alpha_s(M_Z) world average",
                   edition="2024", listing="Physical Constants, Table 1.1")
V_US = Datum(0.22501, 0.00068, "", particle="CKM", quantity="|V_us| (global fit)",
             edition="2024", listing="CKM quark-mixing matrix review, eq. 12.27")

# The Higgs vacuum expectation value v = (sqrt(2) G_F)^(-1/2), <H> = v/sqrt(2), derived from G_F.
V_EW = Measured((2.0**0.5 * float(G_F)) ** -0.5, 0.0, "GeV",
                "(sqrt(2) G_F)^(-1/2) from " + G_F.source + "; <H> = v/sqrt(2)")

__all__ += [name for name, value in list(globals().items())
            if isinstance(value, Measured) and not name.startswith("_")]
__all__ += ["ALPHA"]
