"""The L_mu - L_tau plane (figure fig-lmu-plane of book/singlets/lmu_ltau.md) from limit files.

The chapter lists its external curves as dialm.limitdata names (``BABAR``, ``LMU_MORE``) and draws
them with ``singlets.draw_limits`` only.  These tests check that the names are limit files, that
each one is a limit on g with a source and a bibliography entry, that the drawn arrays are the
files' numbers, that no curve is typed into the figure's code, and that the Belle II file matches its
abstract and the Borexino file scales as neutrino-electron scattering must.
"""

import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from dialm import limitdata, singlets  # noqa: E402

ROOT = Path(__file__).parents[1]
TEXT = (ROOT / "book" / "singlets" / "lmu_ltau.md").read_text()


def _names():
    babar = re.search(r'^BABAR = "([a-z0-9_]+)"', TEXT, re.M).group(1)
    more = re.search(r"^LMU_MORE = \[(.*?)\]", TEXT, re.S | re.M).group(1)
    return [babar] + re.findall(r'"([a-z0-9_]+)"', more)


NAMES = _names()


def test_the_plane_draws_its_limit_files():
    assert len(NAMES) == len(set(NAMES)) >= 3
    assert set(NAMES) <= set(limitdata.available())
    assert all(n.startswith("lmu_ltau_") for n in NAMES)
    assert "S.draw_limits(ax, [BABAR] + LMU_MORE," in TEXT


def test_the_figure_code_types_no_curve():
    body = TEXT[TEXT.index("def draw_plane"):TEXT.index("return drawn")]
    assert "np.array(" not in body and "limitdata" not in body
    assert not re.search(r"\[\s*-?[\d.]+(e-?\d+)?\s*(,\s*-?[\d.]+(e-?\d+)?\s*){2,}\]", body)


@pytest.mark.parametrize("name", NAMES)
def test_each_file_is_a_limit_on_g_with_its_source(name):
    curve = limitdata.load(name)
    bib = (ROOT / "book" / "references.bib").read_text()
    assert curve.columns == ("m_gev", "g") and curve.upper is None
    assert re.search(r"arXiv:\d{4}\.\d{4,5}", curve.header["source"])
    assert f"{{{curve.header['bibkey']}," in bib
    assert "github.com/" in curve.header["obtained"] and "commit" in curve.header["obtained"]


@pytest.mark.parametrize("name", NAMES)
def test_draw_limits_hands_matplotlib_the_file(name):
    fig, ax = plt.subplots()
    hatch = "////" if "belle" in name else None
    drawn = singlets.draw_limits(ax, [name], 0.1, colors=["k"], labels=["x"], hatches=[hatch])
    ref = limitdata.load(name)
    assert np.array_equal(drawn[name][0], ref.x) and np.array_equal(drawn[name][1], ref.y)
    below = ref.y < 0.1
    line = ax.get_lines()[-1]
    assert np.array_equal(np.asarray(line.get_ydata())[below], ref.y[below])
    plt.close(fig)


def test_belle2_2019_is_the_abstracts_range():
    # PRL 124 (2020) 141801, abstract: limits on g' "at the level of 5e-2 - 1 for M_Z' <= 6 GeV"
    c = limitdata.load("lmu_ltau_belle2_2019_invisible")
    assert 0.045 < c.y.min() < 0.055 and c.y.max() < 1.05 and c.x[-1] <= 6.0
    assert np.all(np.diff(c.y[c.x > 1.2]) > -0.4 * c.y[c.x > 1.2][1:])   # rises with mass


def test_borexino_scales_like_a_contact_interaction_above_10_mev():
    # nu-e scattering at E_nu = 862 keV probes q^2 << m_V^2 once m_V >> sqrt(2 m_e E_nu) ~ 1 MeV:
    # the cross section then depends on g/m_V only, so the limit is linear in m_V
    c = limitdata.load("lmu_ltau_borexino_bfj2018")
    sel = (c.x > 0.01) & (c.x < 0.15)
    ratio = c.y[sel] / c.x[sel]
    assert sel.sum() > 10 and ratio.max() / ratio.min() < 1.1
    # far below it the limit flattens (the propagator is 1/q^2): flat over the first points
    assert c.y[1] / c.y[0] < 1.01 and c.y[0] / c.x[0] > 3 * ratio.mean()
