"""The table of bad inputs: every public function of dialm, what a student might pass, what it gets.

Each row is (function, args, kwargs, the parameter the message must name, a fragment of the
allowed range or reason).  Every row must raise ``ValueError`` (``NotNumericError`` is one) whose
message starts with the function's name and names the parameter and its value.  A meta-test
checks that every public function of the covered modules has at least one row, so a new function
cannot slip in without its bad-input check.
"""

from __future__ import annotations

import importlib
import inspect

import numpy as np
import pytest
from _modules import WITH_BAD_INPUT_TABLE

from dialm import (
    ckm,
    feynman,
    fitting,
    g2,
    heavy,
    kaon,
    limitdata,
    limits,
    m3,
    neff,
    precession,
    relic,
    review_data,
    scan,
    singlets,
    studies,
    symbolic,
)

V = ckm.ckm_matrix(0.22501, 0.826, 0.1591, 0.3523)
MODULES = WITH_BAD_INPUT_TABLE
NAN, INF = float("nan"), float("inf")

#: (function, args, kwargs, parameter named, fragment of the message)
BAD = [
    # g2
    (g2.loop_function, ("tensor", 1.0), {}, "kind", "allowed values"),
    (g2.loop_function, ("vector", -1.0), {}, "r", "0 < r < inf"),
    (g2.delta_a_mu, ("vector", -0.1, 1e-3), {}, "m", "0 < m < inf (GeV)"),
    (g2.delta_a_mu, ("vector", 0.1, INF), {}, "g", "must be finite"),
    (g2.delta_a_mu, ("vector", 0.1, 1e-3), {"m_lepton": 0.0}, "m_lepton", "0 < m_lepton"),
    (g2.delta_a_mu, ("vector", "heavy", 1e-3), {}, "m", "not a real number"),
    (g2.g_for_delta_a, ("pseudoscalar", 0.1, 1e-9), {}, "delta_a", "Δa < 0 for every mass"),
    (g2.hvp_kernel, (-1.0,), {}, "s", "0 < s < inf (GeV^2)"),
    (g2.r_ratio, (1.0,), {"gamma_rho": -0.1}, "gamma_rho", "0 < gamma_rho < 1 (GeV)"),
    (g2.a_mu_hvp_lo, (), {"e_cut": 5.0}, "e_cut", "0.9 <= e_cut <= 1.8"),
    (g2.a_mu_hvp_lo, (), {"e_max": -1.0}, "e_max", "0 < e_max"),
    (g2.hvp_lo_parts, (), {"m_rho": 0.1}, "m_rho", "< m_rho < 2 (GeV)"),
    # ckm
    (ckm.ckm_matrix, (1.2, 0.8, 0.1, 0.3), {}, "lam", "0 < lam < 1"),
    (ckm.ckm_matrix, (0.22, NAN, 0.1, 0.3), {}, "A", "must be finite"),
    (ckm.ckm_matrix, (0.75, 2.0, 0.1, 0.3), {}, "A*lam**2", "is a sine"),
    (ckm.jarlskog, (np.eye(2),), {}, "V", "(..., 3, 3)"),
    (ckm.kaon_lambdas, ("abc",), {}, "V", "numeric array"),
    (ckm.b_triangle_apex, ([[1, 0, 0], [0, 1, 0], [0, 0, 1]],), {}, "V_cd V*_cb", "undefined"),
    (ckm.wolfenstein_parameters, (np.zeros((3, 3)),), {}, "V_us", "undefined"),
    (ckm.rhobar_etabar_from_rho_eta, (-0.1, 0.1, 0.3), {}, "lam", "0 < lam < 1"),
    # kaon.pinunu: K -> pi nu nubar
    (kaon.pinunu.inami_lim_x0, (-1.0,), {}, "x", "x"),
    (kaon.pinunu.kappa_from_kl3, (-0.05, 0.9, 1 / 137, 0.23, 0.225), {}, "br_ke3", "0 < br_ke3 < 1"),
    (kaon.pinunu.grossman_nir_factor, (), {"tau_l": -1.0}, "tau_l", "0 < tau_l < inf (s)"),
    (kaon.pinunu.pinunu_amplitude, (V,), {"x_t": NAN}, "x_t", "must be finite"),
    (kaon.pinunu.br_kplus_pinunu, (V,), {"kappa_plus": -1.0}, "kappa_plus", "0 < kappa_plus"),
    (kaon.pinunu.br_kl_pi0nunu, (2 * np.eye(3),), {}, "max|V^dagger V - 1|", "V must be unitary"),
    # ... and a function built on another names the one the user called
    (kaon.pinunu.br_kplus_pinunu, (V,), {"x_t": NAN}, "x_t", "must be finite"),
    (kaon.pinunu.br_kl_pi0nunu, (V,), {"p_c": -1.0}, "p_c", "0 <= p_c"),
    # kaon.na62: K+ -> mu+ nu V and its background
    (kaon.na62.msq_k_mu_nu_v, (0.05, 0.0, 0.1, 1e-3), {}, "m23sq", "< m23sq < inf (GeV^2)"),
    (kaon.na62.dalitz_m23sq_limits, (0.5, 0.1), {}, "m12sq", "<= m12sq <="),
    (kaon.na62.dgamma_dm2miss, (0.05, 0.4, 1e-3), {}, "m_v", "kinematically closed"),
    (kaon.na62.br_k_mu_nu_v, (0.1, 1e-3), {"m2miss_min": -1.0}, "m2miss_min", "0 <= m2miss_min"),
    (kaon.na62.br_k_mu_nu_v, ([0.1, -0.2], 1e-3), {}, "m_v", "0 < m_v < inf (GeV)"),
    (kaon.na62.mc_m2miss_histogram, (0.1, 1e-3, [0.01, 0.1]), {"n_events": 0}, "n_events", "n_events ="),
    (kaon.na62.mc_m2miss_histogram, (0.1, 1e-3, [0.01, 0.1]), {"seed": -3}, "seed", "seed = 0, 1"),
    (kaon.na62.na62_expected_events, (0.1, 1e-3), {"acceptance": 1.5}, "acceptance", "0 < acceptance <= 1"),
    (kaon.na62.na62_g_reach, (0.1,), {"n_signal": -2.3}, "n_signal", "0 < n_signal"),
    (kaon.na62.na62_expected_events, (0.1, 1e-3), {"m2miss_cut": -1.0}, "m2miss_cut",
     "0 <= m2miss_cut"),
    (kaon.na62.na62_g_reach, (0.5,), {}, "m_v", "kinematically closed"),
    (kaon.na62.na62_background_events, (1e-5,), {"m2miss_cut": 1e-13}, "m2miss_cut",
     "1e-12 <= m2miss_cut"),
    (kaon.na62.f_ib_k_mu_nu_gamma, (2.0, 0.8), {}, "x", "0 < x <= 1"),
    (kaon.na62.dgamma_dm2miss_mu_nu_gamma, (0.05,), {"e_gamma_min": 1.0}, "e_gamma_min", "(GeV)"),
    (kaon.na62.dgamma_dm2miss_mu_nu_gamma, (1e-20,), {}, "m2miss", "soft-photon divergence"),
    (kaon.na62.na62_background_events, (-1e-5,), {}, "photon_inefficiency", "0 <= photon_inefficiency"),
    (kaon.na62.signal_for_sensitivity, (NAN,), {}, "background", "must be finite"),
    (kaon.na62.gamma_in_bins, ([0.0, 0.1], -0.1, 1e-3), {}, "m_v", "0 < m_v < inf (GeV)"),
    # limits
    (limits.single_event_sensitivity, (0, 0.5), {}, "n_decays", "0 < n_decays"),
    (limits.poisson_upper_limit, (1.5,), {}, "n_obs", "n_obs = 0, 1, 2"),
    (limits.feldman_cousins, (3, -1.0), {}, "background", "0 <= background"),
    (limits.feldman_cousins, (3, 1.0), {"convention": "bayes"}, "convention", "allowed values"),
    (limits.fc_belt, (1.0,), {"cl": 1.5}, "cl", "0 < cl < 1"),
    (limits.bifurcated_estimate, (-1, 2, 3), {}, "n_b", "0 <= n_b"),
    (limits.bifurcation_cell_probabilities, (1.5, 0.5, 0.0), {}, "p1", "0 < p1 < 1"),
    (limits.bifurcation_toy, (10, 0.5, 0.5, 0.0), {"seed": -1}, "seed", "seed = 0, 1"),
    (limits.lfv_rate_factor, ("K_L -> mu tau",), {}, "mode", "allowed values"),
    (limits.lfv_mass_scale, ("KL->mu e", -1e-12), {}, "branching_ratio", "branching_ratio"),
    (limits.two_body_width_factor, (0.1, 0.2, 0.0), {}, "m1 + m2", "kinematically closed"),
    # precession
    (precession.anomalous_precession_frequency, (0.001, -1.0), {}, "B_tesla", "0 < B_tesla"),
    (precession.cyclotron_frequency, (0.5, 1.45), {}, "gamma", "1 <= gamma"),
    (precession.magic_gamma, (-0.1,), {}, "a", "0 < a < inf"),
    (precession.magic_momentum, (0.0,), {}, "a", "0 < a < inf"),
    (precession.positron_energy_max, (0.9,), {}, "gamma", "1 <= gamma"),
    (precession.lab_number_density, (1.5,), {}, "y", "0 <= y <= 1"),
    (precession.lab_asymmetry, (-0.1,), {}, "y", "0 <= y <= 1"),
    (precession.accepted_fraction, (2.0,), {}, "y_threshold", "0 <= y_threshold <= 1"),
    (precession.threshold_asymmetry, (2.0,), {}, "y_threshold", "0 <= y_threshold <= 1"),
    (precession.threshold_for_asymmetry, (1.5,), {}, "asymmetry", "asymmetry"),
    (precession.omega_a_relative_error, (0, 0.4, 6e-5, 1.4e6), {}, "n_positrons", "0 < n_positrons"),
    (precession.cyclotron_period, (29.3,), {"radius_m": 0.0}, "radius_m", "0 < radius_m"),
    (precession.wiggle_cdf, (1e-6, 1e6, -1.0, 0.4, 1.4e6, 0.0), {}, "tau", "0 < tau < inf"),
    (precession.wiggle_expected, ([0.0, 1e-6], 1e6, 6e-5, 1.5, 1.4e6, 0.0), {}, "asymmetry",
     "-1 <= asymmetry <= 1"),
    (precession.generate_decays, (-10, 29.3, 2.2e-6, 1.4e6), {}, "n_muons", "n_muons = 0, 1"),
    (precession.generate_decay_times, (100, 6e-5, 0.4, INF), {}, "omega_a", "must be finite"),
    (precession.fill_wiggle_histogram, (100, 6e-5, 0.4, 1.4e6), {"bin_width": 0.0}, "bin_width",
     "0 < bin_width"),
    (precession.poisson_wiggle_histogram, (-5.0, 6e-5, 0.4, 1.4e6), {}, "n0", "0 <= n0"),
    (precession.fit_wiggle, (np.ones(5), np.linspace(0, 1e-4, 3), 1.4e6, 6e-5), {}, "counts",
     "len(edges) == len(counts) + 1"),
    # singlets
    (singlets.dark_photon_delta_a, (-0.1, 1e-3), {}, "m", "0 < m < inf (GeV)"),
    (singlets.dark_photon_eps_for_delta_a, (0.1, -1e-9), {}, "delta_a", "Δa > 0 for every mass"),
    (singlets.delta_a_e_from_alpha, (-137.0,), {}, "alpha_inv", "100 < alpha_inv < 200"),
    (singlets.higgs_mixed_coupling, (0.1, 1.5), {}, "sin_theta", "-1 <= sin_theta <= 1"),
    (singlets.higgs_mixed_sin_theta_for_delta_a, (-0.1, 1e-9), {}, "m_s", "0 < m_s < inf"),
    (singlets.operator_coupling, (1.0, 0.0), {}, "big_m", "0 < big_m < inf (GeV)"),
    (singlets.diphoton_amplitude, (-1.0,), {}, "tau", "0 < tau < inf"),
    (singlets.scalar_widths, (0.1, NAN), {}, "g_mu", "must be finite"),
    (singlets.u1_charges, ("B+L",), {}, "model", "allowed values"),
    (singlets.anomaly_coefficients, ("abc",), {}, "charges", "dict over the 18 keys"),
    (singlets.lmu_ltau_widths, (-0.1, 1e-3), {}, "m_v", "0 < m_v < inf (GeV)"),
    (singlets.lmu_ltau_invisible_fraction, (0.0,), {}, "m_v", "0 < m_v < inf (GeV)"),
    (singlets.kinetic_mixing_lmu_ltau, (NAN,), {}, "g", "must be finite"),
    (singlets.entropy_fraction_boson, (-1.0,), {}, "x", "0 <= x < 200"),
    (singlets.delta_neff_estimate, (-0.01,), {}, "m_v", "0 < m_v < inf (GeV)"),
    (singlets.bbn_mass_bound, (), {"delta_neff_max": -0.5}, "delta_neff_max", "0 < delta_neff_max"),
    # neff
    (neff.delta_neff, (-0.01,), {}, "m_v", "0 <= m_v < inf (GeV)"),
    (neff.delta_neff, (0.01,), {"flavours": "e"}, "flavours", "allowed values"),
    (neff.delta_neff, (0.01,), {"t_dec": 0.1}, "t_dec", "0.0001 <= t_dec <= 0.02 (GeV)"),
    (neff.delta_neff, (NAN,), {}, "m_v", "must be finite"),
    (neff.neff_history, ([0.01, 0.02],), {}, "m_v", "one mass"),
    (neff.neff_history, (0.01,), {"rtol": 0.1}, "rtol", "1e-13 <= rtol <= 0.0001"),
    (neff.neff_mass_bound, (3.0,), {}, "delta_neff_max", "between Delta N_eff at 0.2 GeV"),
    (neff.neff_mass_bound, (-0.1,), {}, "delta_neff_max", "0 < delta_neff_max"),
    (singlets.trident_ratio, (0.1, 1e-3), {"q2_eff": -1.0}, "q2_eff", "0 <= q2_eff"),
    (singlets.trident_g_limit, (0.1,), {"ratio_max": 0.5}, "ratio_max", "1 < ratio_max"),
    (singlets.trident_q2_calibrated, (), {"m_cross": -1.0}, "m_cross", "0 < m_cross"),
    (singlets.babar_muonic_limit, (0.1,), {}, "m_v", "0.21361 <= m_v <= 7.6819 (GeV)"),
    (singlets.lmu_ltau_constraints, (0.0, 1e-3), {}, "m_v", "0 < m_v < inf (GeV)"),
    (singlets.limit_curves, (["nope"],), {}, "names", "allowed values"),
    (singlets.draw_limits, (None, ["nope"], 0.1), {}, "names", "allowed values"),
    (singlets.draw_limits, (None, ["dark_photon_kloe_2018"], -1.0), {}, "top", "0 < top"),
    # m3
    (m3.target_properties, ("Fe",), {}, "target", "allowed values"),
    (m3.g2_elastic, (-1.0,), {}, "t", "0 < t < inf (GeV^2)"),
    (m3.t_min, (1.5, 0.1), {}, "x", "0 < x < 1"),
    (m3.chi_flux, (0.5, 0.1), {"kind": "exact"}, "kind", "allowed values"),
    (m3.dsigma_dx, (0.5, -0.1), {}, "m_v", "0 < m_v < inf (GeV)"),
    (m3.sigma_signal, (0.1,), {"e_beam": -15.0}, "e_beam", "< e_beam < inf (GeV)"),
    (m3.yield_per_muon, (0.1,), {"thickness_x0": 0.0}, "thickness_x0", "0 < thickness_x0"),
    (m3.expected_events, (0.1, 1e-4, -1e10), {}, "n_mu", "0 < n_mu < inf"),
    (m3.g_reach, (0.1, 0.0), {}, "n_mu", "0 < n_mu < inf"),
    # review_data
    (review_data.load_table, ("nope",), {}, "name", "allowed values"),
    (review_data.parse_quoted, ("abc",), {}, "quoted", "no \\times10^{n} factor"),
    (review_data.markdown_table, ("nope",), {}, "name", "allowed values"),
    (review_data.format_value, ("seen", 1e-6), {}, "kind", "allowed values"),
    (review_data.format_value, ("measured", 1e-6, -1e-7, 1e-7), {}, "err_hi", "> 0"),
    # heavy
    (heavy.delta_a_from_dipole, (NAN,), {}, "c", "must be finite"),
    (heavy.dipole_from_delta_a, (1e-9,), {"m_lepton": -1.0}, "m_lepton", "0 < m_lepton"),
    (heavy.mass_scale, (1e-9, 1.0), {"flip": "sideways"}, "flip", "allowed values"),
    (heavy.ssf_loop, (-1.0, 1.0, 1.0, -1.0), {}, "m_f", "0 < m_f < inf (GeV)"),
    (heavy.ffs_loop, (1.0, 1.0, 0.0, -1.0), {}, "m_s", "0 < m_s < inf (GeV)"),
    (heavy.delta_a_ssf, (1e3, 1e3, 1e3, -1.0, 1.0, 1.0, 1.0), {"n_bsm": 0}, "n_bsm", "0 < n_bsm"),
    (heavy.delta_a_ssf, (-1e3, 1e3, 1e3, -1.0, 1.0, 1.0, 1.0), {}, "m_f", "0 < m_f"),
    (heavy.delta_a_ffs, (1e3, 1e3, 1e3, -1.0, 1.0, 1.0, 1.0), {"flip": "x"}, "flip", "allowed values"),
    (heavy.ssf_mass_loop, (1.0, -1.0, 1.0), {}, "m_a", "0 < m_a < inf (GeV)"),
    (heavy.delta_m_mu_ssf, (1e3, 1e3, 1e3, NAN, 1.0, 1.0), {}, "y1", "must be finite"),
    (heavy.delta_m_mu_ssf, (1e3, -1e3, 1e3, 1.0, 1.0, 1.0), {}, "m_a", "0 < m_a"),
    (heavy.parse_rep, ("2_x",), {}, "rep", "is not of the form"),
    (heavy.loop_channel, ("XYZ", "1_-1", "2_1/2", "1_0"), {}, "model", "allowed values"),
    (heavy.max_charged_mass, ("SSF", -1.0, True, -2.5e-9), {}, "delta_a", "0 < delta_a"),
    (heavy.loop_channels, ("SSF", "2_{-1/2}", "2_{0}", "2_{-1/2}"), {}, "rep_a", "SU(2) dimension"),
    (heavy.unitarity_table, (0,), {}, "n_bsm", "n_bsm = 1, 2, 3, ..."),
    (heavy.br_radiative, (1e-10, -1.777, 2.9e-13), {}, "m_parent", "0 < m_parent"),
    (heavy.offdiagonal_ratio_max, (-1e-13, 0.1057, 2.2e-6), {}, "br_limit", "0 < br_limit"),
    # kaon.kl_leptons: K_L -> l l, pi0 l l
    (kaon.kl_leptons.absorptive_ratio, (0.1057, 0.2), {}, "m_meson", "closed for m_meson <= 2 m_lepton"),
    (kaon.kl_leptons.inami_lim_y0, (-1.0,), {}, "x", "0 <= x"),
    (kaon.kl_leptons.kappa_mu, (1.5, 1 / 128, 0.23, 0.225, 4.1), {}, "br_kmu2", "0 < br_kmu2 < 1"),
    (kaon.kl_leptons.br_kl_mumu_sd, (2 * np.eye(3),), {}, "max|V^dagger V - 1|", "V must be unitary"),
    (kaon.kl_leptons.br_kl_pi0ee_direct_coefficient, (-4.1, 1 / 137, 0.39, 0.7, -0.7, 0.22), {}, "tau_ratio",
     "0 < tau_ratio"),
    (kaon.kl_leptons.br_indirect_from_ks, (-1e-9,), {}, "br_ks", "0 <= br_ks < 1"),
    (kaon.kl_leptons.br_kl_pi0ll_total, (-1e-12, 0.0, 1e-12), {}, "b_dir_v", "0 <= b_dir_v"),
    (kaon.kl_leptons.pi0ll_dgamma_ds, (0.01, 0.105), {"current": "T"}, "current", "allowed values"),
    (kaon.kl_leptons.pi0ll_phase_space, (-0.1,), {}, "m_lepton", "0 <= m_lepton"),
    (kaon.kl_leptons.greenlee_mgg, (), {"n_events": 0}, "n_events", "n_events = 1, 2"),
    (kaon.kl_leptons.greenlee_window_fraction, (-0.002,), {}, "half_width", "0 < half_width"),
    (kaon.kl_leptons.br_kl_mumu_sd, (V,), {"y_t": -1.0}, "y_t", "0 < y_t"),
    (kaon.kl_leptons.greenlee_window_fraction, (0.005,), {"n_events": 0}, "n_events",
     "n_events = 1, 2"),
    # kaon.two_photons: two photons and Dalitz decays
    (kaon.two_photons.form_factor_pointlike, (), {"m_meson": -1.0}, "m_meson", "0 < m_meson"),
    (kaon.two_photons.form_factor_pole, (), {"m_v": 0.0}, "m_v", "< m_v < inf (GeV)"),
    (kaon.two_photons.form_factor_bms, (NAN,), {}, "alpha_kstar", "must be finite"),
    (kaon.two_photons.gamma_two_photon, (1e-9, -0.5), {}, "m_meson", "0 < m_meson"),
    (kaon.two_photons.coupling_from_width, (-1e-18, 0.5), {}, "width", "0 <= width"),
    (kaon.two_photons.kroll_wada, (2.0, 0.000511, 0.135), {}, "x", "0 <= x <= 1"),
    (kaon.two_photons.dalitz_ratio, (0.2, 0.135), {}, "m_lepton", "closed for 2 m_lepton >= m_meson"),
    (kaon.two_photons.sample_dalitz_x, (0, 0.000511, 0.135), {}, "n", "n = 1, 2"),
    (kaon.two_photons.sample_dalitz_x, (10, 0.000511, 0.135), {"form_factor": "rho"},
     "form_factor", "allowed values"),
    (kaon.two_photons.dalitz_ratio, (0.000511, 0.135), {"form_factor": lambda x: np.ones(3)},
     "form_factor", "one real value per point"),
    (kaon.two_photons.kroll_wada, (0.1, 0.000511, 0.135), {"form_factor": lambda x: np.nan * x},
     "form_factor", "must return a finite value"),
    (kaon.two_photons.sample_dalitz_x, (10, 0.000511, 0.135), {"form_factor": lambda x: "a"},
     "form_factor", "real value per point"),
    (kaon.two_photons.double_dalitz_limits, (0.2, 0.2, 0.5), {}, "m1 + m2", "do not fit"),
    (kaon.two_photons.double_dalitz_ratio, (0.2, 0.2, 0.5), {}, "m1 + m2", "do not fit"),
    (kaon.two_photons.kl2gamma_density, (0.3, 0.8, 0.1057, 0.1, 0.04), {"part": "XX"}, "part",
     "allowed values"),
    (kaon.two_photons.kl2gamma_x_spectrum, (0.5, -0.1057, 0.1, 0.04), {}, "m_lepton", "m_lepton"),
    (kaon.two_photons.pipi_phase_shift, (0.2,), {}, "m_pipi", "<= m_pipi <= 0.8 (GeV)"),
    (kaon.two_photons.kpill_spectrum, (1.5, 0.000511, -0.6, -0.7), {}, "z", "0 <= z <= 1"),
    (kaon.two_photons.kpill_width, (0.2, -0.6, -0.7), {}, "m_lepton", "closed"),
    (kaon.two_photons.kpill_width, (0.000511, NAN, -0.7), {}, "a_plus", "must be finite"),
    # relic
    (relic.g_rho, (-1.0,), {}, "T", "0 < T < inf (GeV)"),
    (relic.g_s, (NAN,), {}, "T", "must be finite"),
    (relic.gstar_half, (0.0,), {}, "T", "0 < T < inf (GeV)"),
    (relic.bessel_kve, (1.0, -1.0), {}, "nu", "allowed values"),
    (relic.y_eq, (-1.0, 100.0), {}, "x", "0 < x < inf"),
    (relic.omega_h2, (100.0, -2e-26), {}, "sigma_v", "0 < sigma_v < inf (cm^3/s)"),
    (relic.boltzmann_y, ([20.0, 10.0], 100.0, 2e-26), {}, "x", "1-d increasing array"),
    (relic.freeze_out_approx, (-100.0, 2e-26), {}, "m_chi", "0 < m_chi < inf (GeV)"),
    (relic.sigma_v_for_omega, (0.0,), {}, "m_chi", "0 < m_chi < inf (GeV)"),
    (relic.width_v, (0.1, NAN), {}, "g_v", "must be finite"),
    (relic.sigma_annihilation, (0.001, 0.1, 0.3, 1e-4), {}, "s", "below the chi chi-bar threshold"),
    (relic.sigma_v_mol, (0.1, -0.1, 0.3, 1e-4), {}, "m_chi", "0 < m_chi < inf (GeV)"),
    (relic.sigma_v_nonrel, (-20.0, 0.1, 0.3, 1e-4), {}, "x", "0 < x < inf"),
    (relic.sigma_v_thermal, (20.0, 0.1, 0.3, 1e-4), {"rtol": -1.0}, "rtol", "0 < rtol < 0.01"),
    (relic.omega_h2_lmutau, (0.1, 0.3, 1e-4), {"n_x": 0}, "n_x", "n_x = 4, 5"),
    (relic.thermal_target_g, (0.3,), {"ratio": 0.9}, "ratio", "0 < ratio <= 0.6"),
    # scan (a study over a grid or a toy ensemble) and its study functions
    (scan.scan_grid, (limits.poisson_upper_limit, {"n_obs": [0, 1], "bkg": [0.0]}), {}, "'bkg'",
     "is not a parameter of poisson_upper_limit"),
    (scan.scan_grid, (limits.poisson_upper_limit, {"n_obs": []}), {}, "'n_obs'", "is empty"),
    (scan.scan_grid, (limits.poisson_upper_limit, {"n_obs": [0, 1.5]}), {}, "n_obs = 1.5",
     "point 1 (n_obs=1.5)"),
    (scan.scan_toys, (studies.omega_a_toy, -3, 1), {}, "n_toys", "n_toys = 1, 2, 3"),
    (scan.toy_seeds, (1, -1), {}, "index", "index = 0, 1, 2"),
    (studies.omega_a_toy, (1, 1e9, 64.4e-6, 1.5, 1.439e6), {}, "asymmetry", "0 < asymmetry <= 1"),
    (studies.fc_coverage, (-1.0, 3.0), {}, "mu", "0 <= mu < inf (events)"),
    (studies.fc_coverage, (1.0, 3.0), {"convention": "cls"}, "convention", "allowed values"),
    # symbolic (the chapters' sympy helpers)
    (symbolic.equation, ("a", 1), {"rel": None}, "rel", "not a LaTeX relation"),
    (symbolic.equation, ("a", 1), {"wrap": 3}, "wrap", "integer >= 10"),
    (symbolic.show, ("a", 1), {"rel": 2}, "rel", "not a LaTeX relation"),
    (symbolic.dot_symbol, ("", "p"), {}, "a", "not a vector name"),
    (symbolic.slash_trace, ([1, 2],), {}, "vectors", "not a sequence of vector names"),
    (symbolic.contract_index, (symbolic.dot_symbol("b", "p"),), {}, "idx", "exactly twice"),
    # limit files and diagrams
    (limitdata.load, ("babar_2016",), {}, "name", "allowed values"),
    (feynman.draw, ("penguin",), {}, "name", "allowed values"),
    (feynman.figure, (["box"],), {}, "names", "allowed values"),
    (symbolic.compare, (symbolic.sp.Symbol("x"), symbolic.sp.Symbol("x"), abs, [1.0]),
     {"tol": -1.0}, "tol", "0 < tol < inf"),
    # the minimiser (iminuit or scipy)
    (fitting.minimize, (lambda x: x * x, (1.0,)), {"errordef": 0.0}, "errordef", "> 0"),
    (fitting.minimize, (3.0, (1.0,)), {}, "fcn", "not callable"),
    (fitting.minimize, (lambda x: x * x, (NAN,)), {}, "start", "finite numbers"),
    (fitting.minimize, (lambda x: x * x, (1.0,)), {"backend": "minuit"}, "backend",
     "allowed values"),
]

#: Public functions that take no argument at all (nothing to get wrong).
NO_ARGUMENTS = {"lambda_mu", "load_lfv_limits", "load_babar_muonic", "load_branching_ratios",
                "load_talk_table", "gstar_table", "available"}


def _ids():
    return [f"{f.__module__.split('.')[-1]}.{f.__name__}[{p}]" for f, _, _, p, _ in BAD]


@pytest.mark.parametrize("func, args, kwargs, param, fragment", BAD, ids=_ids())
def test_bad_input_raises_a_message_naming_the_parameter(func, args, kwargs, param, fragment):
    with pytest.raises(ValueError) as info:
        func(*args, **kwargs)
    text = str(info.value)
    assert text.startswith(func.__name__ + ":"), text
    assert param in text, text
    assert fragment in text, text


@pytest.mark.parametrize("module", MODULES, ids=[m.__name__ for m in MODULES])
def test_every_public_function_has_a_row(module):
    covered = {f.__name__ for f, *_ in BAD}
    public = {n for n in module.__all__
              if inspect.isfunction(getattr(module, n)) and n not in NO_ARGUMENTS}
    assert public <= covered, f"{module.__name__}: no bad-input row for {sorted(public - covered)}"


def test_the_table_is_printed_for_the_record(capsys):
    # the table as a reader sees it (pytest -s -k record shows it): function, input, error
    raised = 0
    for func, args, kwargs, _, _ in BAD:
        try:
            func(*args, **kwargs)
        except ValueError as err:
            raised += 1
            print(f"{func.__name__}{args}{kwargs or ''} -> {type(err).__name__}: {err}")
    assert raised == len(BAD)
    assert capsys.readouterr().out.count(" -> ") >= len(BAD)


def test_module_list_is_complete():
    import pkgutil

    import dialm

    numeric = {m.name for m in pkgutil.walk_packages(dialm.__path__, "dialm.")
               if not any(part.startswith("_") for part in m.name.split("."))
               and m.name not in ("dialm.constants", "dialm.particles", "dialm.live", "dialm.style")
               and not m.ispkg}
    covered = {m.__name__ for m in MODULES}
    missing = {name for name in numeric - covered
               if getattr(importlib.import_module(name), "__all__", None)}
    assert not missing, f"modules without a bad-input table: {sorted(missing)}"
