"""The Higgs-mixed scalar limit files (from FORESEE outlines) and the tool that rewrote them."""

import importlib.util
from pathlib import Path

import numpy as np
import pytest
from particle import Particle

from dialm import limitdata

SCALAR = ["scalar_lhcb_2015_b0", "scalar_lhcb_2017_bplus", "scalar_na62_2021_kpix",
          "scalar_charm_winkler_2018"]
_spec = importlib.util.spec_from_file_location(
    "foresee_outline", Path(__file__).parents[1] / "tools" / "foresee_outline.py")
tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tool)


def _no_limit_at(curve, m):
    """True if mass m falls next to a 'no limit' marker row (inside a vetoed window)."""
    i = np.searchsorted(curve.x, m)
    return curve.y[i - 1] >= 1e5 or curve.y[i] >= 1e5


@pytest.mark.parametrize("name", SCALAR)
def test_headers_name_the_compilation_and_commit(name):
    h = limitdata.load(name).header
    assert "KlingFelix/FORESEE" in h["obtained"]
    assert "867cd6be7a7ddf648a53f2e5ad2de790f5bf7699" in h["obtained"]
    assert "sin_theta" in h["columns"] or h["columns"].endswith("upper")


@pytest.mark.parametrize("name", ["scalar_lhcb_2015_b0", "scalar_lhcb_2017_bplus"])
def test_lhcb_charmonium_windows_are_vetoed(name):
    curve = limitdata.load(name)
    for pdgid in (443, 100443):                      # J/psi, psi(2S)
        m = Particle.from_pdgid(pdgid).mass / 1e3
        assert _no_limit_at(curve, m), (name, pdgid)
    assert not _no_limit_at(curve, 1.0)
    assert 1e-4 < np.interp(1.0, curve.x, curve.y) < 1e-2


def test_na62_pi0_window_and_closed_regions():
    na62 = limitdata.load("scalar_na62_2021_kpix")
    assert _no_limit_at(na62, Particle.from_pdgid(111).mass / 1e3)
    for name in ("scalar_na62_2021_kpix", "scalar_charm_winkler_2018"):
        c = limitdata.load(name)
        assert c.upper is not None and np.all(c.upper >= c.y)


def test_tool_lower_edge_window_and_backstep():
    xy = np.array([[1.0, 5.0], [1.0, 2e-3], [2.0, 1e-3], [1.9, 8e-4], [3.0, 1e-3],
                   [3.0, 5.0], [4.0, 5.0], [4.0, 2e-3], [5.0, 3e-3], [5.0, 5.0]])
    out = tool.lower_edge(xy, 1.0)
    assert out[:, 0].tolist() == [1.0, 2.0, 3.0, pytest.approx(np.sqrt(12.0)), 4.0, 5.0]
    assert out[:, 1].tolist() == [2e-3, 1e-3, 1e-3, 1e5, 2e-3, 3e-3]


def test_tool_closed_region():
    # lower edge 1 -> 4, upper edge back from 4 to 2, closing along theta = 0.5 to 1
    xy = np.array([[1.0, 1e-3], [2.0, 1e-3], [4.0, 1e-3], [3.0, 1e-2], [2.0, 0.1],
                   [2.0, 0.5], [1.0, 0.5]])
    out = tool.closed(xy, 0.4)
    assert out[:, 0].tolist() == [1.0, 2.0, 4.0]
    assert out[:, 2].tolist() == [0.5, pytest.approx(0.1), pytest.approx(1e-3)]
