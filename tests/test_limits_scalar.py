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
    # lower edge 1 -> 4, upper edge back from 4 to 2, closing along theta = 0.5 to 1: below
    # the upper edge's left end the region reaches the highest point drawn (0.1), not the closure
    xy = np.array([[1.0, 1e-3], [2.0, 1e-3], [4.0, 1e-3], [3.0, 1e-2], [2.0, 0.1],
                   [2.0, 0.5], [1.0, 0.5]])
    out = tool.closed(xy, 0.4)
    assert out[:, 0].tolist() == [1.0, 2.0, 4.0]
    assert out[:, 2].tolist() == [pytest.approx(0.1), pytest.approx(0.1), pytest.approx(1e-3)]


def _chapter_list(variable):
    import re
    text = (Path(__file__).parents[1] / "book" / "singlets" / "landscape.md").read_text()
    block = re.search(rf"^{variable} = \[(.*?)\]", text, re.S | re.M)
    assert block, variable
    return re.findall(r'"([a-z0-9_]+)"', block.group(1))


def test_the_scalar_figure_draws_exactly_these_files():
    assert _chapter_list("SCALAR_LIMITS") == SCALAR
    text = (Path(__file__).parents[1] / "book" / "singlets" / "landscape.md").read_text()
    assert "S.draw_limits(ax, SCALAR_LIMITS" in text


@pytest.mark.parametrize("name", SCALAR)
def test_scalar_regions_are_drawn_between_the_files_edges(name):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from dialm import singlets

    fig, ax = plt.subplots()
    top = 3.0
    drawn = singlets.draw_limits(ax, [name], top, colors=["k"], labels=["x"])
    ref = limitdata.load(name)
    assert np.array_equal(drawn[name][0], ref.x) and np.array_equal(drawn[name][1], ref.y)
    verts = np.vstack([p.vertices for p in ax.collections[0].get_paths()])
    pts = {(a, b) for a, b in verts}
    upper = np.full_like(ref.x, top) if ref.upper is None else ref.upper
    shaded = ref.y < upper
    assert all((a, b) in pts for a, b in zip(ref.x[shaded], ref.y[shaded], strict=True))
    assert all((a, b) in pts for a, b in zip(ref.x[shaded], upper[shaded], strict=True))
    plt.close(fig)
