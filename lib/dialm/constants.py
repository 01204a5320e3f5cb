"""Every model and analysis input of the book, with its uncertainty, unit and source.

Natural units throughout: masses and energies in GeV, invariants in GeV².  Each input is a
:class:`Measured`, a ``float`` that also carries ``sigma`` (symmetric, or the upper error when
``sigma_minus`` is given), ``unit`` and ``source``, so it can be used directly in arithmetic and in
numba kernels while a chapter can still print where it came from.  Arithmetic gives plain
floats: an uncertainty is never propagated silently (use ``.ufloat()`` for that).

Particle data (masses, mean lives, widths, branching fractions, G_F, alpha, CKM moduli) have one
name each in :mod:`dialm.particles`; they are re-exported here, so ``C.M_MU`` and
``dialm.particles.M_MU`` are the same object.

>>> from dialm.constants import M_MU
>>> round(M_MU * 1e3, 7), M_MU.unit
(105.6583755, 'GeV')
>>> M_MU.source
'PDG 2026 [S004M], mu mass (particle 1.1.0 table); CODATA 2022'

Sections are owned by topic; add new inputs to the section of their topic, with a source.
"""

from __future__ import annotations

from dialm._measured import Measured
from dialm.particles import *  # noqa: F403 -- the particle data, one name per quantity
from dialm.particles import M_BPLUS, M_D0, V_US  # used below

# --------------------------------------------------------------------------------------------
# Conversion constants (exact or CODATA); used only at the edges (plots, tables)
# --------------------------------------------------------------------------------------------
GEV_PER_MEV = 1e-3
HBAR_GEV_S = Measured(6.582119569e-25, 0.0, "GeV s", "CODATA 2018 (exact since SI 2019)")
HBARC_GEV_CM = Measured(1.973269804e-14, 0.0, "GeV cm", "CODATA 2018 (exact since SI 2019)")

# --------------------------------------------------------------------------------------------
# QED
# --------------------------------------------------------------------------------------------
# Electron anomalous moment a_e = g/2 - 1 (Harvard/Northwestern Penning trap, 0.13 ppt on g/2).
A_E_EXP_2023 = Measured(0.00115965218059, 0.00000000000013, "",
                        "Fan, Myers, Sukra, Gabrielse, PRL 130, 071801 (2023), arXiv:2209.13084")

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
# The BNL E821 final result (2006) and an e+e- based SM prediction of its time (the Delta a_mu
# history of book/g2/sm_prediction.md).  E821's abstract: SM evaluations based on e+e- data lie
# 2.2-2.7 standard deviations below it.  Errors added in quadrature.
A_MU_EXP_BNL2006 = Measured(116592080 * _E11, 63 * _E11, "",
                            "BNL E821 final report, PRD 73 (2006) 072003, hep-ex/0602035, "
                            "abstract: 11 659 208.0(5.4)(3.3)e-10")
A_MU_SM_DEHZ2003 = Measured(116591809 * _E11, 80 * _E11, "",
                            "Davier, Eidelman, Hoecker, Zhang, Eur. Phys. J. C 31 (2003) 503, "
                            "doi:10.1140/epjc/s2003-01362-6, abstract (e+e- based): "
                            "11 659 180.9(7.2)(3.5)(0.4)e-10")

# --------------------------------------------------------------------------------------------
# CKM matrix: Wolfenstein parameters
# --------------------------------------------------------------------------------------------
# Barker & Kettell (2000), Table 1 (the review), with its references.
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

# Barker & Kettell (2000): the "aggressive" rho, eta of Table 1 (in parentheses there, ref. [45]:
# Bargiotti et al., Riv. Nuovo Cim. 23 (2000) 1, hep-ph/0001293) and J_CP quoted in section 1.1
# (ref. [39]: Marciano 2000).
CKM_RHO_2000_AGGRESSIVE = Measured(0.18, 0.04, "", "Barker & Kettell 2000, Table 1 [Bargiotti 2000]")
CKM_ETA_2000_AGGRESSIVE = Measured(0.36, 0.03, "", "Barker & Kettell 2000, Table 1 [Bargiotti 2000]")
CKM_J_2000 = Measured(2.7e-5, 1.1e-5, "", "Barker & Kettell 2000, sec. 1.1 [Marciano 2000]")

# Barker & Kettell (2000), Table 1: the magnitudes |V_ij| (rows u, c, t; columns d, s, b) and
# |lambda_j| = |V*_js V_jd| as printed.  None = not a number in the table (|V_ts| is given as
# "~ V_cb").  Several entries are direct measurements of 1998-2000, not functions of the
# Wolfenstein inputs (e.g. V_cs from D -> K e nu, V_tb from CDF); the book compares them.
_BK = "Barker & Kettell 2000, Table 1"
CKM_ABS_V_TABLE1_2000 = (
    (Measured(0.9740, 0.0010, "", _BK), Measured(0.2196, 0.0023, "", _BK),
     Measured(0.0032, 0.0008, "", _BK)),
    (Measured(0.224, 0.016, "", _BK), Measured(1.04, 0.16, "", _BK),
     Measured(0.0395, 0.0017, "", _BK)),
    (Measured(0.0084, 0.0018, "", _BK + " (assumes 3-generation unitarity)"), None,
     Measured(0.99, 0.29, "", _BK)),
)
CKM_ABS_LAMBDA_TABLE1_2000 = (  # |lambda_u|, |lambda_c|, |lambda_t|
    Measured(0.2139, 0.0026, "", _BK), Measured(0.233, 0.040, "", _BK),
    Measured(0.00033, 0.00009, "", _BK),
)

# PDG 2024, CKM review, eq. 12.27: magnitudes of the global-fit (unitarity-imposed) matrix.
_PDG = "PDG 2024, CKM review (global fit)"
CKM_ABS_V_PDG2024 = (
    (Measured(0.97435, 0.00016, "", _PDG), V_US,  # |V_us|: the one name in dialm.particles
     Measured(0.003732, 0.000090, "", _PDG, sigma_minus=0.000085)),
    (Measured(0.22487, 0.00068, "", _PDG), Measured(0.97349, 0.00016, "", _PDG),
     Measured(0.04183, 0.00079, "", _PDG, sigma_minus=0.00069)),
    (Measured(0.00858, 0.00019, "", _PDG, sigma_minus=0.00017),
     Measured(0.04111, 0.00077, "", _PDG, sigma_minus=0.00068),
     Measured(0.999118, 0.000029, "", _PDG, sigma_minus=0.000034)),
)

# --------------------------------------------------------------------------------------------
# Storage ring and muon decay (E989)
# --------------------------------------------------------------------------------------------
# Exact SI constants and the conversion of a magnetic field to natural units: e*(1 T) in GeV^2 is
# e B hbar c^2 / (e * 1e9 V)^2 = B[T] * hbar[GeV s] * c^2[m^2/s^2] * 1e-9 (hbar, c, e exact in SI).
C_LIGHT_M_S = Measured(299792458.0, 0.0, "m/s", "SI definition (exact)")
E_TESLA_GEV2 = Measured(float(HBAR_GEV_S) * float(C_LIGHT_M_S) ** 2 * 1e-9, 0.0, "GeV^2/T",
                        "e*(1 T)*hbar*c^2 in GeV^2; exact from the SI 2019 constants")
# Fermilab E989 storage ring: nominal dipole field, central orbit radius, and the T-method
# positron energy threshold of the Run-1 omega_a analysis.
E989_B_T = Measured(1.45, 0.0, "T", "E989, PRD 110, 032009 (2024), arXiv:2402.15410 (nominal)")
E989_RADIUS_M = Measured(7.112, 0.0, "m", "E989 TDR, arXiv:1501.06858 (central orbit radius)")
E989_E_THRESHOLD_GEV = Measured(1.7, 0.0, "GeV",
                                "E989 Run-1 omega_a analysis, PRD 103, 072002 (2021), "
                                "arXiv:2104.03247 (T-method threshold)")
# Precision of the E989 results (relative; 'then and now').
E989_RUN1_OMEGA_A_STAT_REL = Measured(434e-9, 0.0, "", "E989 Run-1, arXiv:2104.03247 (stat.)")
A_MU_FNAL_RUN1 = Measured(116592040 * _E11, 54 * _E11, "",
                          "FNAL Run 1, PRL 126, 141801 (2021), arXiv:2104.03281 (0.46 ppm)")
A_MU_FNAL_2025 = Measured(116592070.5 * _E11, 14.8 * _E11, "",
                          "FNAL Runs 1-6, arXiv:2506.03069 (2025) (127 ppb)")

# --------------------------------------------------------------------------------------------
# Rare kaon decays: K → π ν ν̄
# --------------------------------------------------------------------------------------------
# The normalisation B(K→πνν̄) = κ/λ¹⁰ |X_t λ_t + λ⁴ P_c λ_c|² (κ ∝ λ⁸ is quoted at a reference λ).
_BB99 = ("Buchalla & Buras, Nucl. Phys. B548 (1999) 309, hep-ph/9901288 "
         "(ref. [38] of Barker & Kettell)")
# -- the inputs behind Barker & Kettell (2000) eqs. 26-28 --
KPNN_LAMBDA_REF_1999 = Measured(0.22, 0.0, "", _BB99 + " (lambda at which kappa is quoted)")
KPNN_KAPPA_PLUS_1999 = Measured(4.11e-11, 0.0, "", _BB99 + " (kappa_+ at lambda = 0.22)")
KPNN_KAPPA_L_1999 = Measured(1.80e-10, 0.0, "", _BB99 + " (kappa_L at lambda = 0.22)")
_MP96 = "Marciano & Parsa, PRD 53 (1996) R1"
KPNN_R_KPLUS_1996 = Measured(0.901, 0.0, "", _MP96 + " (isospin breaking, K+)")
KPNN_R_KL_1996 = Measured(0.944, 0.0, "", _MP96 + " (isospin breaking, K_L)")
KPNN_BR_KE3_1998 = Measured(0.0482, 0.0006, "", "PDG 1998, B(K+ -> pi0 e+ nu)")
KPNN_ALPHA_MZ_1999 = Measured(1.0 / 129.0, 0.0, "", _BB99 + " (alpha = 1/129)")
KPNN_SIN2W_1999 = Measured(0.23, 0.0, "", _BB99 + " (sin^2 theta_W)")
KPNN_MT_MSBAR_1999 = Measured(166.0, 5.0, "GeV", _BB99 + " (MSbar m_t(m_t))")
KPNN_MW_1999 = Measured(80.4, 0.0, "GeV", _BB99)
KPNN_ETA_X_1996 = Measured(0.994, 0.0, "", "Buchalla, Buras & Lautenbacher, RMP 68 (1996) 1125 "
                           "(NLO QCD factor of X for m_t = MSbar m_t(m_t))")
KPNN_P0_1999 = Measured(0.42, 0.06, "", _BB99 + " (charm function P_0(X) at lambda = 0.22)")
KPNN_TAU_KL_1998 = Measured(51.7e-9, 0.4e-9, "s", "PDG 1998, K_L mean life")
KPNN_TAU_KPLUS_1998 = Measured(12.386e-9, 0.024e-9, "s", "PDG 1998, K+ mean life")
# -- the review's own numbers (Barker & Kettell 2000, sec. 2.3), for comparison --
_BK23 = "Barker & Kettell 2000, sec. 2.3"
KPNN_BK_COEFF_KL = Measured(4.08e-10, 0.0, "", _BK23 + " (B(K_L) = 4.08e-10 A^4 eta^2)")
KPNN_BK_COEFF_KPLUS = Measured(8.88e-11, 0.0, "", _BK23 + " (B(K+) = 8.88e-11 A^4 [...])")
KPNN_BK_RHOBAR0 = Measured(1.4, 0.0, "", _BK23 + " (rhobar_0)")
KPNN_BK_PRED_KL = Measured(3.1e-11, 1.3e-11, "", _BK23 + " (SM prediction)")
KPNN_BK_PRED_KPLUS = Measured(8.2e-11, 3.2e-11, "", _BK23 + " (SM prediction)")
KPNN_BK_GN_FACTOR = Measured(4.4, 0.0, "", _BK23 + " [Grossman & Nir, PLB 398 (1997) 163]")
KPNN_E787_2000 = Measured(1.5e-10, 3.4e-10, "", "E787, Adler et al., PRL 84 (2000) 3768 "
                          "(one event, 1995-97 data)", sigma_minus=1.2e-10)
KPNN_E787_GN_LIMIT_2000 = Measured(2.6e-9, 0.0, "",
                                   _BK23 + " (90% CL, Grossman-Nir bound from E787)")
KPNN_KTEV_KL_LIMIT_2000 = Measured(5.9e-7, 0.0, "",
                                   "KTeV, PRD 61 (2000) 072006 (90% CL, pi0 -> e+e-gamma)")
# -- today --
KPNN_LAMBDA_REF = Measured(0.225, 0.0, "", "Mescia & Smith, PRD 76 (2007) 034017, arXiv:0705.2025 "
                           "(lambda at which kappa is quoted)")
KPNN_KAPPA_PLUS = Measured(5.173e-11, 0.025e-11, "", "Mescia & Smith 2007, arXiv:0705.2025 "
                           "(kappa_+ at lambda = 0.225)")
KPNN_KAPPA_L = Measured(2.231e-10, 0.013e-10, "", "Mescia & Smith 2007, arXiv:0705.2025 "
                        "(kappa_L at lambda = 0.225)")
KPNN_DELTA_EM = Measured(-0.003, 0.0, "", "Mescia & Smith 2007, arXiv:0705.2025 "
                         "(QED correction to K+, photon cut E < 20 MeV)")
_BBGK = ("Buras, Buttazzo, Girrbach-Noe & Knegjens, JHEP 11 (2015) 033, arXiv:1503.02693")
KPNN_X_T = Measured(1.481, 0.009, "", _BBGK + " (NLO QCD + two-loop electroweak)")
KPNN_P_C = Measured(0.404, 0.024, "", _BBGK + " (P_c(X) incl. delta P_cu)")
KPNN_SM_KPLUS_2015 = Measured(8.4e-11, 1.0e-11, "", _BBGK + " (SM prediction)")
KPNN_SM_KL_2015 = Measured(3.4e-11, 0.6e-11, "", _BBGK + " (SM prediction)")
KPNN_NA62_2024 = Measured(13.0e-11, 3.3e-11, "", "NA62 2016-22, arXiv:2412.12015",
                          sigma_minus=3.0e-11)
KPNN_NA62_2026 = Measured(9.6e-11, 1.9e-11, "", "NA62 2016-24 (preliminary, conference report), "
                          "X. Chang for NA62, arXiv:2604.12649", sigma_minus=1.8e-11)
KPNN_KOTO_LIMIT_2024 = Measured(2.2e-9, 0.0, "", "KOTO 2021 data, PRL 134 (2025) 081802, "
                                "arXiv:2411.11237 (90% CL)")

# --------------------------------------------------------------------------------------------
# Limits and lepton-flavour violation (book/kaons/limits.md, dialm.limits)
# --------------------------------------------------------------------------------------------
# (Masses, mean lives and branching fractions of the LFV estimate: dialm.particles.)

# KTeV K_L -> pi0 e+ e- (1997 data): the review quotes 2 events on 1.1 +- 0.4 expected and
# B < 5.1e-10 (90% CL); the paper's abstract gives the background as 1.06 +- 0.41.
KTEV_PI0EE_N_OBS = 2
KTEV_PI0EE_BKG = Measured(1.06, 0.41, "events",
                          "KTeV, Alavi-Harati et al., PRL 86 (2001) 397, hep-ex/0009030 (abstract)")
KTEV_PI0EE_LIMIT = Measured(5.1e-10, 0.0, "", "KTeV, PRL 86 (2001) 397, hep-ex/0009030 (90% CL); "
                            "Barker & Kettell 2000, sec. 2.4")
# E871 K_L -> mu e: no events, SES ~ 2e-12, expected background ~ 0.1 (review, sec. 4.1).
E871_SES = Measured(2.0e-12, 0.0, "", "Barker & Kettell 2000, sec. 4.1 (E871, 'about 2e-12')")
E871_BKG = Measured(0.1, 0.0, "events", "Barker & Kettell 2000, sec. 4.1 (E871)")
# E787 K+ -> pi+ nu nu (1995-97): one event on 0.08 +- 0.02 background (review, sec. 2.3.1).
E787_BKG = Measured(0.08, 0.02, "events", "Barker & Kettell 2000, sec. 2.3.1 (E787 1995-97)")
# Today's K_L -> pi0 e+ e- limit (KTeV 1997+1999 combined; PDG 2024 quotes it).
KTEV_PI0EE_LIMIT_2004 = Measured(2.8e-10, 0.0, "", "KTeV, PRL 93 (2004) 021805, hep-ex/0309072 "
                                 "(90% CL); PDG 2024")

# --------------------------------------------------------------------------------------------
# K+ -> mu+ nu V (NA62) (book/singlets/na62.md, dialm.kaon section "K+ -> mu+ nu V")
# --------------------------------------------------------------------------------------------
NA62V_F_K = Measured(0.1557, 0.0003, "GeV", "FLAG 2024 (arXiv:2411.04268), Nf=2+1+1, f_K+")
# The analysis choices of the talk's NA62 projection (Krnjaic et al., arXiv:1902.07715).
NA62V_M2MISS_CUT = Measured(0.05, 0.0, "GeV^2", "Krnjaic 2021 talk: m2_miss > 0.05 GeV^2")
NA62V_ACCEPTANCE = Measured(0.35, 0.0, "", "Krnjaic 2021 talk: acceptance A = 0.35")
NA62V_DOWNSCALE = Measured(400.0, 0.0, "", "Krnjaic 2021 talk: 1/400 of single-muon "
                           "events kept")
# An ILLUSTRATIVE kaon-decay count (order of NA62 Run 1, 2016-18): an assumption of this book,
# not a number quoted by the talk or by NA62; the chapter lets the reader vary it.
NA62V_N_K_ASSUMED = Measured(1.0e13, 0.0, "", "assumption of this book (illustrative order of magnitude)")
NA62V_LIMIT_2021_LOWMASS = Measured(1e-5, 0.0, "", "NA62, PLB 816 (2021) 136259, arXiv:2101.12304 "
                                    "(90% CL on B(K+ -> mu+ nu X), m_X = 10 MeV, order of magnitude)")
NA62V_LIMIT_2021_HIGHMASS = Measured(1e-7, 0.0, "", "NA62, PLB 816 (2021) 136259, arXiv:2101.12304 "
                                     "(90% CL on B(K+ -> mu+ nu X), m_X = 370 MeV, order of magnitude)")
# The book's background model (book/singlets/na62.md, "Vary systematics"): K+ -> mu+ nu gamma
# inner bremsstrahlung whose photon escapes the vetoes with probability eta_gamma.  Both numbers
# are ASSUMPTIONS of this book (illustrative defaults for the widget), not NA62 numbers.
NA62V_PHOTON_INEFFICIENCY_ASSUMED = Measured(1e-6, 0.0, "", "assumption of this book (photon "
                                             "escapes all vetoes; illustrative)")
NA62V_BKG_REL_SYS_ASSUMED = Measured(0.2, 0.0, "", "assumption (20% relative background "
                                     "systematic)")

# --------------------------------------------------------------------------------------------
# Hadronic vacuum polarisation and the SM budget (book/g2/sm_prediction.md, dialm.g2 HVP part)
# --------------------------------------------------------------------------------------------
# White Paper 2020 (Aoyama et al., Phys. Rept. 887 (2020) 1, arXiv:2006.04822), summary table
# (values checked against the Theory Initiative's summary table; units 1e-11).
_WP20 = "WP2020, Phys. Rept. 887 (2020) 1, arXiv:2006.04822, summary table"
A_MU_QED_WP2020 = Measured(116584718.931 * _E11, 0.104 * _E11, "", _WP20 + " (QED, Eq. 6.30)")
A_MU_EW_WP2020 = Measured(153.6 * _E11, 1.0 * _E11, "", "WP2020 electroweak value = Gnendiger, "
                         "Stoeckinger & Stoeckinger-Kim, arXiv:1306.5546, "
                         "abstract: (153.6 +- 1.0)e-11")
A_MU_HVP_LO_WP2020 = Measured(6931 * _E11, 40 * _E11, "", _WP20 + " (HVP LO, e+e- data, Eq. 2.33)")
A_MU_HVP_NLO_WP2020 = Measured(-98.3 * _E11, 0.7 * _E11, "", _WP20 + " (HVP NLO, Eq. 2.34)")
A_MU_HVP_NNLO_WP2020 = Measured(12.4 * _E11, 0.1 * _E11, "", _WP20 + " (HVP NNLO, Eq. 2.35)")
A_MU_HLBL_WP2020 = Measured(92 * _E11, 18 * _E11, "",
                            _WP20 + " (HLbL: 90(17) pheno + lattice, + NLO 2(1))")
# BMW lattice QCD, leading-order HVP (Borsanyi et al., Nature 593 (2021) 51, arXiv:2002.12347).
A_MU_HVP_LO_BMW2020 = Measured(7075 * _E11, 55 * _E11, "",
                               "BMW, Nature 593 (2021) 51, arXiv:2002.12347")
# White Paper 2025 (arXiv:2505.21476): the electroweak part; the total is A_MU_SM_WP2025.
A_MU_EW_WP2025 = Measured(154.4 * _E11, 0.4 * _E11, "", "WP2025 electroweak value = Luedtke, "
                         "Naterop, Hoferichter, Procura & Stoffer, arXiv:2503.04883, abstract: "
                         "a_mu^EW = 154.4(4)e-11")

# The SM budget as the figure of book/g2/sm_prediction.md draws it: (label, WP2020 value).
A_MU_BUDGET_WP2020 = (("QED", A_MU_QED_WP2020), ("EW", A_MU_EW_WP2020),
                      ("HVP LO", A_MU_HVP_LO_WP2020), ("HVP NLO", A_MU_HVP_NLO_WP2020),
                      ("HVP NNLO", A_MU_HVP_NNLO_WP2020), ("HLbL", A_MU_HLBL_WP2020))
# exp - SM through the years: (year, experiment, the SM prediction it was compared with).
A_MU_HISTORY = ((2006, A_MU_EXP_BNL2006, A_MU_SM_DEHZ2003),
                (2021, A_MU_EXP_2021, A_MU_SM_WP2020),
                (2025, A_MU_EXP_2025, A_MU_SM_WP2025))

# Inputs of the book's model of R(s) = sigma(e+e- -> hadrons)/sigma(e+e- -> mu+mu-).  The
# vector mesons' masses, widths and electronic widths Gamma_ee are in dialm.particles.
# rho-omega mixing strength in F_pi: CMD-2 write F_pi = [BW_rho (1 + delta s/M_omega^2 BW_omega)
# + beta BW_rho'] / (1 + beta) with BW_omega = M_omega^2/(M_omega^2 - s - i sqrt(s) Gamma_omega),
# i.e. the chapter's 1 + epsilon s/(m_omega^2 - s - i m_omega Gamma_omega) with epsilon = delta.
# Their fit gives |delta| = 1.57e-3 at a phase of 12.6 degrees (the same two numbers, with this
# reference, are the defaults of the rho-omega mixing in AmpGen's Gounaris-Sakurai lineshape); the
# chapter's epsilon is real, i.e. it keeps the modulus and drops the small phase (a model choice).
HVP_EPS_RHO_OMEGA = Measured(1.57e-3, 0.0, "", "CMD-2, Akhmetshin et al., PLB 527 (2002) 161, "
                             "hep-ex/0112031, Gounaris-Sakurai fit of F_pi: |delta| (the phase "
                             "of 12.6 deg dropped, a model choice)")
# Open-flavour thresholds for the perturbative continuum: 2 M(D0) and 2 M(B+).
# rho(1450) (mass and width in dialm.particles): its relative amplitude c' in F_pi.  It sets the
# height of the rho peak, |F_pi(M_rho^2)|^2 ~ (M_rho/Gamma_rho)^2 / (1 + c')^2, so CMD-2's rho
# parameters fix it: with the narrow-resonance relation sigma(M_rho^2) = 12 pi Gamma_ee
# Gamma_pipi / (M_rho^2 Gamma_rho^2) and B(rho -> pi pi) = 1, the peak is
# |F_pi(M_rho^2)|^2 = 36 Gamma_ee / (alpha^2 beta_pi^3 Gamma_rho).  c' is the value for which the
# book's F_pi (rho-omega mixing off, the book's rho(1450) mass and width) has that peak for
# CMD-2's M_rho, Gamma_rho, Gamma_ee; tests/test_g2_hvp.py solves for it again.  Its error is
# that of the three inputs (Gamma_ee dominates).
_CMD2 = "CMD-2, Akhmetshin et al., PLB 527 (2002) 161, hep-ex/0112031 (abstract)"
HVP_CMD2_M_RHO = Measured(0.77609, 0.00081, "GeV", _CMD2 + ": M_rho = 776.09 +- 0.81 MeV")
HVP_CMD2_GAMMA_RHO = Measured(0.14446, 0.00155, "GeV", _CMD2 + ": Gamma_rho = 144.46 +- 1.55 MeV")
HVP_CMD2_GAMMA_EE_RHO = Measured(6.86e-6, 0.12e-6, "GeV",
                                 _CMD2 + ": Gamma(rho -> e+e-) = 6.86 +- 0.12 keV")
HVP_C_RHO1450 = Measured(-0.0706, 0.0093, "", "derived: the rho(1450) amplitude that gives the "
                         "rho peak of CMD-2's M_rho, Gamma_rho, Gamma(rho -> ee) "
                         "(hep-ex/0112031, abstract), B(rho -> pi pi) = 1")
HVP_E_OPEN_CHARM = Measured(2 * float(M_D0), 2 * M_D0.sigma, "GeV", "2 M(D0), " + M_D0.source)
HVP_E_OPEN_BOTTOM = Measured(2 * float(M_BPLUS), 2 * M_BPLUS.sigma, "GeV",
                             "2 M(B+), " + M_BPLUS.source)
# Where the book's R(s) switches from the pion form factor to perturbative QCD (a model choice:
# above ~1 GeV the many exclusive channels average to the 3-flavour parton value).
HVP_E_CUT = Measured(1.0, 0.0, "GeV", "model choice of book/g2/sm_prediction.md")
# A measured rho-region pi+pi- contribution to compare the model with: KLOE 2012 (normalised to
# e+e- -> mu+mu- gamma), 0.592 < M_pipi < 0.975 GeV; stat and syst+theo errors added in quadrature.
HVP_AMU_PIPI_KLOE12 = Measured(3851e-11, 29e-11, "", "KLOE, arXiv:1212.4524, abstract: "
                               "(385.1 +- 1.1 +- 2.7)e-10 for 0.592 < M_pipi < 0.975 GeV")

# --------------------------------------------------------------------------------------------
# Which singlets survive (book/singlets/landscape.md, dialm.singlets)
# --------------------------------------------------------------------------------------------
# (G_F, v = (sqrt(2) G_F)^(-1/2) and sin^2 theta_W(M_Z): dialm.particles.)
# The fine-structure constant from atom recoil, and the one the 2023 a_e measurement implies
# within the SM: the electron's Delta a_e = a_e(exp) - a_e(SM; alpha) follows from their difference.
LAND_ALPHA_INV_CS_2018 = Measured(137.035999046, 0.000000027, "",
                                  "Parker et al., Science 360 (2018) 191, arXiv:1812.04130 (Cs recoil)")
LAND_ALPHA_INV_RB_2020 = Measured(137.035999206, 0.000000011, "",
                                  "Morel et al., Nature 588 (2020) 61 (Rb recoil, 81 ppt)")
LAND_ALPHA_INV_AE_2023 = Measured(137.035999166, 0.000000015, "",
                                  "Fan et al., PRL 130, 071801 (2023), arXiv:2209.13084 (alpha from "
                                  "a_e(exp) and SM theory)")
# QED coefficients of a_e = sum_n C_n (alpha/pi)^n (mass-independent parts; the derivative
# d a_e / d alpha needs only the first three at the 1e-6 level).
LAND_AE_C2 = Measured(-0.328478965579, 0.0, "", "exact: 197/144 + pi^2/12 - (pi^2/2) ln 2 "
                      "+ (3/4) zeta(3) (Petermann 1957, Sommerfield 1957)")
LAND_AE_C3 = Measured(1.181241456, 0.0, "", "exact: Laporta & Remiddi, "
                      "hep-ph/9602417, abstract (closed form in zeta(3), zeta(5), Li4(1/2); "
                      "= 1.1812414566)")
# The dark photon searches the talk cites, as order-of-magnitude limits (90% CL on epsilon):
LAND_BABAR_AP_VISIBLE_EPS = Measured(1e-3, 0.0, "",
                                     "BaBar, PRL 113 (2014) 201801, arXiv:1406.2980: e+e- -> gamma A', "
                                     "A' -> ee, mumu; 'epsilon at the level of 1e-4 - 1e-3 for "
                                     "0.02-10.2 GeV' (abstract); 1e-3 is the weak end (approximate)")
# The neutrino trident: CCFR's measurement relative to the SM, and the crossing mass quoted by
# Altmannshofer, Gori, Pospelov, Yavin (the full light-Z' computation is not reproduced here).
LAND_CCFR_TRIDENT_RATIO = Measured(0.82, 0.28, "",
                                   "CCFR, Mishra et al., PRL 66 (1991) 3117: sigma(CCFR) / "
                                   "sigma(SM) of nu_mu N -> nu_mu N mu+ mu-, the ratio used by "
                                   "Altmannshofer et al., arXiv:1406.2332 (also tabulated as "
                                   "R_trident = 0.82 +- 0.28, INSPIRE Mishra:1991bv, in the flavio "
                                   "measurement database)")
LAND_APGY_CROSSING_MASS = Measured(0.4, 0.0, "GeV",
                                   "Altmannshofer, Gori, Pospelov, Yavin, PRL 113 (2014) 091801, "
                                   "arXiv:1406.2332 (abstract: trident data disfavour the g-2 "
                                   "explanation for m_Z' > 400 MeV)")
# BBN / N_eff
LAND_T_NU_DEC = Measured(2.0e-3, 0.0, "GeV", "Krnjaic 2021 talk, backup 'BBN': "
                         "T_nu,dec ~ 2 MeV")
LAND_DELTA_NEFF_TALK = Measured(0.5, 0.0, "", "Krnjaic 2021 talk: Delta N_eff >~ 0.5 "
                                "spoils BBN")
LAND_N_EFF_PLANCK = Measured(2.99, 0.17, "", "Planck 2018 VI, A&A 641 (2020) A6, "
                             "arXiv:1807.06209, abstract (CMB + BAO)")
# Escudero's energy-transfer rates (dialm.neff): the Fermi-Dirac correction factors of the
# annihilation and scattering parts of F(T1, T2), and the method's Standard-Model N_eff.
NEFF_FA_FD = Measured(0.884, 0.0, "", "Escudero, arXiv:2001.04466, Fermi-Dirac factor f_a "
                      "of the rates; value as in his code nudec_BSM, nuDec_SM_2nu.py (faFD)")
NEFF_FS_FD = Measured(0.829, 0.0, "", "Escudero, arXiv:2001.04466, Fermi-Dirac factor f_s "
                      "of the rates; value as in his code nudec_BSM, nuDec_SM_2nu.py (fsFD)")
NEFF_SM_ESCUDERO2020 = Measured(3.045, 0.0, "", "Escudero, arXiv:2001.04466, "
                                "abstract: N_eff^SM = 3.045 (with the QED plasma correction and m_e "
                                "in the rates, as in nudec_BSM, nuDec_SM_2nu.py)")

# M^3, a muon missing-momentum experiment (book/singlets/m3.md, dialm.m3)
# --------------------------------------------------------------------------------------------
_M3 = "Kahn, Krnjaic, Tran, Whitbeck, arXiv:1804.03144 (JHEP 2018)"
M3_E_BEAM = Measured(15.0, 0.0, "GeV", "Krnjaic 2021 talk, M^3 slide: E_in ~ 15 GeV; " + _M3)
M3_E_OUT_MAX = Measured(9.0, 0.0, "GeV", "Krnjaic 2021 talk, M^3 slide: demand E_out < 9 GeV")
M3_N_MU_PHASE1 = Measured(1e10, 0.0, "", "Krnjaic 2021 talk and " + _M3 + " (abstract): Phase 1, 1e10 MOT")
M3_N_MU_PHASE2 = Measured(1e13, 0.0, "", "Krnjaic 2021 talk and " + _M3 + " (abstract): Phase 2, 1e13 MOT")
# The target thickness of the M^3 study.
M3_TARGET_X0 = Measured(50.0, 0.0, "X0", "assumption of this book: a thick active tungsten target "
                        "of 50 radiation lengths (the M3 concept of " + _M3 + " uses a thick active "
                        "target; its exact thickness is not taken from the paper)")
# Target materials: IUPAC atomic weights; radiation lengths from Tsai's formula.
W_Z = Measured(74.0, 0.0, "", "tungsten, atomic number (exact)")
W_A = Measured(183.84, 0.01, "g/mol", "IUPAC/CIAAW standard atomic weights 2021, Pure Appl. Chem. "
               "94 (2022) 573, doi:10.1515/pac-2019-0603 (IUPAC table 2023, W: 183.84(1))")
W_X0 = Measured(6.76, 0.0, "g/cm^2", "derived: Tsai, RMP 46 (1974) 815, X0 = 716.408 A / [Z^2 "
                "(L_rad - f(Z)) + Z L'_rad] g cm^-2 (the formula of the PDG review 'Passage of particles "
                "through matter') with Z = 74, A = 183.84: 6.763")
PB_Z = Measured(82.0, 0.0, "", "lead, atomic number (exact)")
PB_A = Measured(207.2, 1.1, "g/mol", "IUPAC/CIAAW standard atomic weights 2021, Prohaska et al., "
                "Pure Appl. Chem. 94 (2022) 573, doi:10.1515/pac-2019-0603 (IUPAC table 2023, Pb: "
                "207.2(1.1); interval [206.14, 207.94]; was 207.2(1) before 2021)")
PB_X0 = Measured(6.37, 0.0, "g/cm^2", "derived: Tsai, RMP 46 (1974) 815, X0 formula as for W_X0 "
                 "with Z = 82, A = 207.2: 6.370")
N_AVOGADRO = Measured(6.02214076e23, 0.0, "1/mol", "SI 2019 (exact)")
# Elastic (coherent) form factor of the atom: Thomas-Fermi screening a = 111 Z^(-1/3)/m_e and the
# nuclear size d = 0.164 GeV^2 A^(-2/3) (Tsai, RMP 46 (1974) 815; Bjorken, Essig, Schuster, Toro,
# PRD 80 (2009) 075018, arXiv:0906.0580, appendix A); the same numbers are used in NA64's
# Geant4 package DMG4 (DarkZ.cc: aa = 111 Z^-1/3/m_e, d = 0.164 A^-2/3).
FF_SCREENING_A = Measured(111.0, 0.0, "", "Tsai 1974; Bjorken et al. 2009 (0906.0580) App. A: "
                          "a = 111 Z^-1/3 / m_e (as in NA64's DMG4 source)")
FF_NUCLEAR_D = Measured(0.164, 0.0, "GeV^2", "Tsai 1974; Bjorken et al. 2009 (0906.0580) App. A: "
                        "d = 0.164 GeV^2 A^-2/3 (as in NA64's DMG4 source)")
# NA64-mu (CERN SPS M2 beam), the 2022 run: from the abstract of 2401.01708.
_NA64MU = "NA64, Andreev et al., arXiv:2401.01708 (2024), abstract"
NA64MU_E_BEAM = Measured(160.0, 0.0, "GeV", _NA64MU + ": 160 GeV/c muons")
NA64MU_E_OUT_MAX = Measured(80.0, 0.0, "GeV", _NA64MU + ": signal = scattered muon below 80 GeV/c")
NA64MU_N_MOT = Measured(1.98e10, 0.02e10, "", _NA64MU + ": (1.98 +- 0.02)e10 muons on target, "
                        "no event in the signal region")
# The NA64-mu active target (a lead/scintillator ECAL) in radiation lengths: an ASSUMPTION of this
# book for an illustrative estimate, not a number quoted from the paper.
NA64MU_TARGET_X0_ASSUMED = Measured(40.0, 0.0, "X0", "assumption of this book (illustrative "
                                    "depth of a lead calorimeter target)")

# The data of the review (book/kaons/data.md, dialm.review_data)
# --------------------------------------------------------------------------------------------
# pi0 Dalitz decays, the Kroll-Wada test of the internal-conversion formula: B(pi0 -> gamma gamma),
# B(pi0 -> e+e- gamma), B(pi0 -> e+e-e+e-) are dialm.particles BR_PI0_GG, BR_PI0_EEG, BR_PI0_EEEE.
# The normalisation channels of two Table 4 measurements: NA31 measured K_L -> gamma gamma against
# K_L -> 3 pi0, E871 measured K_L -> mu+ mu- against K_L -> pi+ pi-.  Today's values from the PDG
# 2024 database [S013.1, S013.5], now dialm.particles BR_KL_3PI0, BR_KL_PIPI (PDG 2026); then:
# NA31's own 1995 B(K_L -> 3 pi0) and the B(K_L -> pi+ pi-) E871 normalised to.
DATA_BR_KL_3PI0_NA31_1995 = Measured(0.211, 0.003, "", "NA31, Kreutz et al., Z. Phys. C 65 (1995) "
                                     "67, hep-ex/9409003 (abstract): Gamma(K_L -> 3 pi0)/Gamma_tot")
DATA_BR_KL_PIPI_PDG1998 = Measured(2.067e-3, 0.035e-3, "", "derived: the B(K_L -> pi+ pi-) E871 "
                                   "normalised to, PRL 84 (2000) 1389 (abstract): B(mu mu) = "
                                   "7.18(17)e-9 / [Gamma(mu mu)/Gamma(pi pi) = 3.474(57)e-6] = "
                                   "2.067e-3; its error, the quadrature difference, 0.035e-3")
DATA_E871_MUMU_OVER_PIPI = Measured(3.474e-6, 0.057e-6, "", "E871, Ambrose et al., PRL 84 (2000) "
                                    "1389 (abstract): Gamma(K_L -> mu mu) / Gamma(K_L -> pi+ pi-)")

# K_L -> l+ l- and K_L -> pi0 l+ l- (book/kaons/kl_mumu.md and kl_pi0ll.md, dialm.kaon.kl_leptons)
# --------------------------------------------------------------------------------------------
_BK21 = "Barker & Kettell 2000, sec. 2.1"
_BK22 = "Barker & Kettell 2000, sec. 2.2"
# -- the review's numbers --
KLLL_BK_UNITARITY_RATIO = Measured(1.195e-5, 0.0, "", _BK21 + ", eq. 24 (unitarity bound)")
KLLL_BK_MUMU_GG_RATIO = Measured(1.213e-5, 0.030e-5, "", _BK21 + ", eq. 22 (E871 2000)")
KLLL_BK_BR_MUMU_2000 = Measured(7.18e-9, 0.17e-9, "", _BK21 + " (E871, PRL 84 (2000) 1389)")
KLLL_BK_COEFF_MUMU = Measured(1.51e-9, 0.0, "", _BK21 + " (B_SD = 1.51e-9 A^4 (rho0 - rhobar)^2)")
KLLL_BK_RHO0_MUMU = Measured(1.2, 0.0, "", _BK21 + " (rho_0)")
KLLL_BK_RHO_LIMIT_E871 = Measured(-0.33, 0.0, "", _BK21 + " (E871: rho > -0.33, 90% CL)")
KLLL_BK_COEFF_PI0EE = Measured(6.91e-11, 0.0, "", _BK22 + " (B_dir = 6.91e-11 A^4 eta^2)")
KLLL_BK_IMLT_2000 = Measured(1.38e-4, 0.0, "", _BK22 + " [Bosch et al. 2000] (Im lambda_t)")
KLLL_BK_CPC_PI0EE = Measured(1.5e-12, 0.5e-12, "", "Barker & Kettell 2000, secs. 2.2, 3.2 "
                             "(CP-conserving part '1-2e-12', from a_V = -0.72)")
KLLL_BK_EEGG = Measured(5.84e-7, 0.35e-7, "", "Barker & Kettell 2000, Table 4 (KTeV 2000, "
                        "E_gamma* > 5 MeV; errors 0.15 stat, 0.32 syst combined)")
KLLL_KTEV_PI0MUMU_LIMIT_2000 = Measured(3.8e-10, 0.0, "", "KTeV, PRL 84 (2000) 5279, "
                                        "hep-ex/0001006 (90% CL; 2 events on 0.87 bkg); PDG 2024")
KLLL_NA48_KS_PI0EE_LIMIT_2000 = Measured(1.6e-7, 0.0, "", _BK22 + ", Table 2 (NA48 2000, 90% CL)")
# -- inputs of the review's formulas (1998-2000) --
# Y_t = eta_Y Y_0(x_t): the book keeps Y_t at leading order in QCD (eta_Y = 1), with the top mass
# in x_t the MSbar mass m_t(m_t); the O(alpha_s) correction to Y_t is not included (its size
# depends on the scheme of m_t at leading order: 0 to ~15 %, Misiak & Urban, hep-ph/9901278).
KLLL_ETA_Y = Measured(1.0, 0.0, "", "model choice: Y_t at leading order in QCD (eta_Y = 1), "
                      "x_t = (MSbar m_t(m_t) / M_W)^2")
# -- (masses, mean lives, branching fractions, epsilon_K: dialm.particles) --
KLLL_BR_KL_EE_1998 = Measured(8.7e-12, 5.7e-12, "", "E871, Ambrose et al., PRL 81 (1998) 4309, "
                              "hep-ex/9810007 (4 events, 0.17 bkg)", sigma_minus=4.1e-12)
# -- (electroweak inputs of kappa_mu today, alpha_hat(M_Z) and sin^2 theta_hat_W(M_Z): dialm.particles) --
# -- short distance today --
_GH06 = "Gorbahn & Haisch, PRL 97 (2006) 122002, hep-ph/0605203"
KLLL_PC_Y = Measured(0.115, 0.018, "", _GH06 + " (NNLO charm P_c(Y))")
KLLL_SM_MUMU_SD_2006 = Measured(0.79e-9, 0.12e-9, "", _GH06 + " (B(K_L -> mu mu)_SD)")
# -- K_L -> pi0 l+ l- today --
KLLL_NA48_KS_PI0EE_2003 = Measured(5.8e-9, 2.9e-9, "", "NA48/1, Batley et al., PLB 576 (2003) "
                                   "43, hep-ex/0309075 (extrapolated with a vector matrix "
                                   "element and form factor 1)", sigma_minus=2.4e-9)
KLLL_NA48_KS_PI0EE_CUT_2003 = Measured(3.0e-9, 1.5e-9, "", "NA48/1 2003, hep-ex/0309075 "
                                       "(m_ee > 0.165 GeV; stat. error); PDG 2024",
                                       sigma_minus=1.2e-9)
KLLL_NA48_KS_PI0MUMU_2004 = Measured(2.9e-9, 1.5e-9, "", "NA48/1, PLB 599 (2004) 197, "
                                     "hep-ex/0409011 (6 events on 0.22 bkg); PDG 2024",
                                     sigma_minus=1.2e-9)
_BDI03 = "Buchalla, D'Ambrosio & Isidori, NPB 672 (2003) 387, hep-ph/0308008"
KLLL_SM_PI0EE_2003 = Measured(3.2e-11, 1.2e-11, "", _BDI03 + " (SM prediction)",
                              sigma_minus=0.8e-11)
_ISU04 = "Isidori, Smith & Unterdorfer, EPJC 36 (2004) 57, hep-ph/0404127"
KLLL_SM_PI0MUMU_2004 = Measured(1.5e-11, 0.3e-11, "", _ISU04 + " (SM prediction)")
# B(CPV) = 1e-12 [C_mix |a_S|^2 +- C_int |a_S| (Im lt/1e-4) + C_dir (Im lt/1e-4)^2]
KLLL_ISU_MU = (Measured(3.7, 0.0, "", _ISU04 + " (C_mix, mu)"),
               Measured(1.6, 0.0, "", _ISU04 + " (C_int, mu)"),
               Measured(1.0, 0.0, "", _ISU04 + " (C_dir, mu)"))
# The electron-mode coefficients of the same decomposition, quoted in ISU04 with their errors
# (C_mix^e = (15.7 +- 0.3)|a_S|^2, C_int^e = (6.2 +- 0.3)|a_S|, C_dir^e = 2.4 +- 0.2, C_CPC^e ~ 0;
# |a_S| = 1.2 +- 0.2, (Im lambda_t / 1e-4)_SM = 1.36 +- 0.12).
KLLL_ISU_E = (Measured(15.7, 0.3, "", _ISU04 + " (C_mix^e, coefficient of |a_S|^2 in "
                       "B(K_L -> pi0 e+ e-)_CPV / 1e-12)"),
              Measured(6.2, 0.3, "", _ISU04 + " (C_int^e, coefficient of |a_S| Im lambda_t/1e-4)"),
              Measured(2.4, 0.2, "", _ISU04 + " (C_dir^e, coefficient of (Im lambda_t/1e-4)^2)"))
KLLL_CPC_PI0MUMU = Measured(5.2e-12, 1.6e-12, "", _ISU04 + " (CP-conserving two-photon part "
                            "B(K_L -> pi0 mu+ mu-)_CPC = (5.2 +- 1.6) x 1e-12, from "
                            "R_gammagamma(mu) = (3.7 +- 1.7) x 1e-6)")
KLLL_LHCB_KS_MUMU_2020 = Measured(2.1e-10, 0.0, "", "LHCb, PRL 125 (2020) 231801, "
                                  "arXiv:2001.10354 (90% CL, Run 1 + Run 2)")
# The infrared cut on the photon energies of K_L -> e+ e- gamma gamma (review, sec. 3.1).
KLLL_EEGG_EMIN = Measured(0.005, 0.0, "GeV", "Barker & Kettell 2000, sec. 3.1 (5 MeV cut)")

# --------------------------------------------------------------------------------------------
# Two photons, form factors and Dalitz decays (book/kaons/two_photons.md, dialm.kaon section
# "Two photons, form factors and Dalitz decays")
# --------------------------------------------------------------------------------------------
_BK_2PH = "Barker & Kettell 2000"
# The Bergstrom-Masso-Singer form factor (review eq. 37); its vector-meson masses: dialm.particles.
TWOPH_BMS_C = Measured(2.5, 0.0, "", _BK_2PH + ", eq. 37 (the constant C of Bergstrom, Masso & Singer)")
# Two-photon branching fractions: the review's (Table 4) and today's.
TWOPH_BR_KL_GG_2000 = Measured(5.92e-4, 0.15e-4, "", _BK_2PH + ", Table 4 (NA31 1987)")
TWOPH_BR_KS_GG_2000 = Measured(2.6e-6, 0.45e-6, "", _BK_2PH + ", Table 4 (NA48 2000; errors added)")
TWOPH_BR_KS_GG_CHPT = Measured(2.0e-6, 0.0, "", _BK_2PH + ", sec. 3.1: O(p^4) ChPT, Ecker, Pich & "
                               "de Rafael PLB 189 (1987) 363; Cappiello & D'Ambrosio 1988")
# K_L -> pi0 gamma gamma at O(p^4): the normalisation alpha h_8 M_K^2/(4 pi f_pi^2) of the KTeV
# generator as ported to the KOTO (E14) simulation, GsimKPiGGDecay (github laerad84/e14,
# sources/sim/gsim4/GsimTools), which cites Ecker, Pich & de Rafael PLB 189 (1987) 363 and
# D'Ambrosio & Portoles for the model; G_8 = h_8/(4 f_pi^2) is the coupling of (alpha/pi) G_8 M_K^2.
_E14_PIGG = ("KTeV/E14 K_L -> pi0 gamma gamma generator GsimKPiGGDecay (laerad84/e14, gsim4 GsimTools), "
             "O(p^4) model of Ecker, Pich & de Rafael, PLB 189 (1987) 363")
PIGG_H8_E14 = Measured(3.2e-7, 0.0, "", _E14_PIGG + ": h_8")
PIGG_FPI_E14 = Measured(0.093, 0.0, "GeV", _E14_PIGG + ": f_pi = 93 MeV")
PIGG_G8_E14 = Measured(3.2e-7 / (4 * 0.093**2), 0.0, "GeV^-2",
                       _E14_PIGG + ": G_8 = h_8/(4 f_pi^2) from its h_8 and f_pi")
TWOPH_BR_KS_GG_NA48_2003 = Measured(2.78e-6, 0.072e-6, "", "NA48, Lai et al., PLB 551 (2003) 7, "
                                    "hep-ex/0210053: (2.78 +- 0.06 +- 0.04)e-6 (errors added)")
TWOPH_BR_KS_GG_KLOE_2008 = Measured(2.26e-6, 0.134e-6, "", "KLOE, JHEP 05 (2008) 051, "
                                    "arXiv:0712.1744: (2.26 +- 0.12 +- 0.06)e-6 (errors added)")
# alpha_K* of the BMS form factor.
TWOPH_ALPHA_KSTAR_NA48_1999 = Measured(-0.36, 0.06, "", _BK_2PH + ", sec. 3.1 (NA48, K_L -> e+e-gamma, "
                                       "Fanti et al. PLB 458 (1999) 553)")
TWOPH_ALPHA_KSTAR_KTEV_2000 = Measured(-0.157, 0.027, "", _BK_2PH + ", sec. 3.1 (KTeV, K_L -> "
                                       "mu+mu-gamma, 1997 data)")
TWOPH_ALPHA_KSTAR_KTEV_2001EE = Measured(-0.207, 0.015, "", "KTeV, K_L -> e+e-gamma (1997 data), "
                                         "Abouzaid et al., PRL 99 (2007) 051804: -0.207 +- 0.012 "
                                         "+- 0.009 (errors added); PDG 2026 [S013ALP]")
# Radiative K_l2 (review sec. 3.5, Table 8): E787's measured F_V + F_A and F_V - F_A.
TWOPH_FVPA_E787 = Measured(0.165, 0.013, "", _BK_2PH + ", sec. 3.5: E787 |F_V + F_A| = 0.165 +- 0.007 "
                           "+- 0.011 (errors added)")
TWOPH_FVMA_E787 = Measured(0.102, 0.085, "", _BK_2PH + ", sec. 3.5: E787 F_V - F_A = 0.102 +- 0.073 "
                           "+- 0.044 (errors added)")
TWOPH_BR_KMUNUG_SDP_E787 = Measured(1.33e-5, 0.22e-5, "", _BK_2PH + ", Table 8: E787 B(K+ -> mu+ nu "
                                    "gamma; SD+) = (1.33 +- 0.12 +- 0.18)e-5 (errors added)")
TWOPH_FVPA_KENUG_1979 = Measured(0.148, 0.010, "", _BK_2PH + ", sec. 3.5: |F_V + F_A| from K+ -> e+ "
                                 "nu gamma (Heintze et al. NPB 149 (1979) 365)")
TWOPH_BR_KENUG_SDP_1979 = Measured(1.52e-5, 0.23e-5, "", _BK_2PH + ", Table 8: B(K+ -> e+ nu gamma; "
                                   "DE), CERN 1979")
# pi pi scattering (review sec. 3.6): I = 0 S-wave scattering length a_0^0 (units 1/M_pi).
TWOPH_A00_E865_2000 = Measured(0.235, 0.013, "", _BK_2PH + ", sec. 3.6 (E865 preliminary, stat. only)")
TWOPH_A00_CGL_2001 = Measured(0.220, 0.005, "", "Colangelo, Gasser & Leutwyler, NPB 603 (2001) 125, "
                              "hep-ph/0103088 (ChPT + Roy equations)")
TWOPH_A00_NA48_2010 = Measured(0.2220, 0.0142, "", "NA48/2, Batley et al., EPJC 70 (2010) 635, "
                               "doi:10.1140/epjc/s10052-010-1480-6, abstract: K_e4 alone, 0.2220 "
                               "+- 0.0128 stat +- 0.0050 syst +- 0.0037 th (errors added)")
TWOPH_F_PI = Measured(0.0922, 0.00014, "GeV", "F_pi = f_pi/sqrt(2) with f_pi = 130.4(2) MeV, the "
                      "PDG value used to set the scale by ETM, Alexandrou et al., PRD 104 (2021) "
                      "074520, abstract")
# Schenk parametrisation of the I=0 S wave and I=1 P wave (units of M_pi+), coefficients of the
# Colangelo-Gasser-Leutwyler solution of the Roy equations, NPB 603 (2001) 125:
# tan delta = sqrt(1 - 4/s) q^(2l) (A + B q^2 + C q^4 + D q^6)(4 - s_l)/(s - s_l).
_CGL = ("CGL 2001, NPB 603 (2001) 125, hep-ph/0103088, Schenk parametrisation of the Roy solution "
        "(the same coefficients in the public code github.com/patbat/khuri, khuri/schenk.py, "
        "literature_values)")
TWOPH_SCHENK_S0 = (Measured(0.220, 0.005, "", _CGL + ", A_0^0 = a_0^0"),
                   Measured(0.268, 0.0, "", _CGL + ", B_0^0"),
                   Measured(-0.0139, 0.0, "", _CGL + ", C_0^0"),
                   Measured(-0.00139, 0.0, "", _CGL + ", D_0^0"),
                   Measured(36.77, 0.0, "M_pi^2", _CGL + ", s_0"))
TWOPH_SCHENK_P1 = (Measured(0.0379, 0.0, "", _CGL + ", A_1^1 = a_1^1"),
                   Measured(1.40e-5, 0.0, "", _CGL + ", B_1^1"),
                   Measured(-6.73e-5, 0.0, "", _CGL + ", C_1^1"),
                   Measured(1.63e-8, 0.0, "", _CGL + ", D_1^1"),
                   Measured(30.72, 0.0, "M_pi^2", _CGL + ", s_1"))
# The pi0 Dalitz ratio with the complete NLO QED radiative corrections and the measured TFF slope.
TWOPH_R_DALITZ_HGK2019 = Measured(11.978e-3, 0.006e-3, "",
                                  "Husek, Goudzovski & Kampf, PRL 122 (2019) 022003, "
                                  "arXiv:1809.01153, abstract: R = G(pi0->ee gamma(gamma))/G(gg)")
TWOPH_BR_KPIMUMU_E787_1997 = Measured(5.0e-8, 1.0e-8, "", _BK_2PH + ", sec. 3.3: E787 (5.0 +- 0.4 +- 0.7 "
                                      "+- 0.6)e-8 (errors added)")
TWOPH_RATE_KL_PIPIG_DE_REVIEW = Measured(617.0, 18.0, "1/s", _BK_2PH + ", sec. 3.4: Gamma(K_L -> pi+ pi- "
                                         "gamma; DE)")
# K+ -> pi+ l+ l-: the form-factor parameters of W(z) = G_F M_K^2 (a_+ + b_+ z) (D'Ambrosio, Ecker,
# Isidori & Portoles, JHEP 08 (1998) 004), as fitted by E865 to the M_ee spectrum
TWOPH_APLUS_E865 = Measured(-0.587, 0.010, "", _BK_2PH + ", sec. 3.3, eq. 38: E865 a_+")
TWOPH_BPLUS_E865 = Measured(-0.655, 0.044, "", _BK_2PH + ", sec. 3.3, eq. 38: E865 b_+")
TWOPH_BR_KPIMUMU_NA62_2022 = Measured(9.15e-8, 0.08e-8, "", "NA62, Cortina Gil et al., JHEP 11 "
                                      "(2022) 011, arXiv:2209.05076, abstract: model-independent "
                                      "B(K+ -> pi+ mu+ mu-)")

# Heavy electroweak models and the dipole operator (book/g2/dipole.md, book/g2/heavy_models.md)
# --------------------------------------------------------------------------------------------
# (The Higgs vacuum expectation value V_EW, the Higgs mass, tau data: dialm.particles.)
# Charged-lepton-flavour-violating radiative decays, 90 % CL upper limits.
HEAVY_BR_MUEG_MEG2016 = Measured(4.2e-13, 0.0, "",
                                 "MEG, EPJC 76 (2016) 434, arXiv:1605.05081 (as quoted in the talk)")
HEAVY_BR_MUEG_MEGII2025 = Measured(1.5e-13, 0.0, "",
                                   "MEG II 2021-2022 data, arXiv:2504.15711 (2025); "
                                   "the PDG 2026 limit [S004.4]")
HEAVY_BR_TAUMUG_BABAR2010 = Measured(4.4e-8, 0.0, "",
                                     "BaBar, PRL 104 (2010) 021802, arXiv:0908.2381, abstract: "
                                     "B(tau -> mu gamma) < 4.4e-8 (90% CL)")
HEAVY_BR_TAUEG_BABAR2010 = Measured(3.3e-8, 0.0, "",
                                    "BaBar, PRL 104 (2010) 021802, arXiv:0908.2381, abstract: "
                                    "B(tau -> e gamma) < 3.3e-8 (90% CL); the PDG 2026 limit [S035.32]")
HEAVY_BR_TAUMUG_BELLE2021 = Measured(4.2e-8, 0.0, "",
                                     "Belle, Uno et al., JHEP 10 (2021) 019, arXiv:2103.12994, "
                                     "abstract: B(tau -> mu gamma) < 4.2e-8 (90% CL); the PDG 2026 "
                                     "limit [S035.31]")
HEAVY_BR_TAUEG_BELLE2021 = Measured(5.6e-8, 0.0, "",
                                    "Belle, Uno et al., JHEP 10 (2021) 019, arXiv:2103.12994, "
                                    "abstract: B(tau -> e gamma) < 5.6e-8 (90% CL)")

# Dark matter through the same mediator (book/singlets/dark_matter.md, dialm.relic)
# --------------------------------------------------------------------------------------------
RELIC_M_PLANCK = Measured(1.220890e19, 0.000014e19, "GeV",
                          "CODATA 2018 (PDG 2024), Planck mass (hbar c / G)^(1/2)")
RELIC_T_CMB_K = Measured(2.7255, 0.0006, "K", "Fixsen, ApJ 707 (2009) 916, arXiv:0911.1955, "
                         "abstract: 2.72548 +- 0.00057 K")
RELIC_S0_CM3 = Measured(2891.2, 0.0, "cm^-3", "derived: s/k_B = (2 pi^2/45)(43/11)(k_B T0/hbar c)^3 "
                        "= 2891.3 for T0 = 2.7255 K (Fixsen 2009)")
RELIC_RHO_CRIT_H2 = Measured(1.05371e-5, 0.00005e-5, "GeV cm^-3",
                             "PDG 2024, critical density rho_c/h^2 (= 1.87840e-29 g cm^-3)")
RELIC_OMEGA_DM_H2 = Measured(0.120, 0.001, "", "Planck 2018 VI, A&A 641 (2020) A6, arXiv:1807.06209 "
                             "(Omega_c h^2)")
_SDB12 = "Steigman, Dasgupta & Beacom, PRD 86 (2012) 023506, arXiv:1204.3622"
RELIC_SIGV_SDB_HIGH_MASS = Measured(2.2e-26, 0.0, "cm^3/s", _SDB12 + " (abstract: self-annihilation "
                                    "<sigma v> for m > 10 GeV, feeble mass dependence)")
RELIC_SIGV_SDB_PEAK = Measured(5.2e-26, 0.0, "cm^3/s", _SDB12 + " (abstract: maximum of the required "
                               "<sigma v>, at m ~ 0.3 GeV)")
RELIC_M_SDB_PEAK = Measured(0.3, 0.0, "GeV", _SDB12 + " (abstract: mass of the maximum, 'around 0.3 GeV')")
# The benchmark of the thermal targets drawn in the (m_V, g_V) plane: m_V = 3 m_chi and
# alpha_D = g_chi^2/(4 pi) = 0.5, a model choice of the dark-matter chapter.
RELIC_MASS_RATIO = Measured(1.0 / 3.0, 0.0, "", "model choice of book/singlets/dark_matter.md "
                            "(m_chi/m_V = 1/3)")
RELIC_ALPHA_D = Measured(0.5, 0.0, "", "model choice of book/singlets/dark_matter.md (alpha_D = 0.5)")
# Below the Borsanyi et al. table (T < 1 MeV): ideal gas of photons, e+- and three neutrino
# flavours that decouple instantaneously at this temperature (a model choice of dialm.relic).
RELIC_T_NU_DECOUPLING = Measured(1.0e-3, 0.0, "GeV", "model choice of dialm.relic: instantaneous "
                                 "neutrino decoupling at the table's lower end, T = 1 MeV")
