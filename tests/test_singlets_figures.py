"""The chapters' exclusion curves come from dialm.limitdata files, drawn unchanged.

``singlets.draw_limits`` is the only way the singlets chapters draw a published limit: it takes
the names of limit files, and returns the arrays it handed to matplotlib.  These tests check that
the names the chapters use exist, that the drawn arrays are the loaded ones, and that what lands in
the figure (the outline) is those numbers.
"""

import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from dialm import limitdata, singlets  # noqa: E402

BOOK = Path(__file__).parents[1] / "book" / "singlets"


def _chapter_names(chapter, variable):
    """The file names listed in ``variable = [...]`` of a chapter's code."""
    text = (BOOK / chapter).read_text()
    block = re.search(rf"^{variable} = \[(.*?)\]", text, re.S | re.M)
    assert block, f"{chapter}: no {variable} list"
    return re.findall(r'"([a-z0-9_]+)"', block.group(1))


DARK_PHOTON = (_chapter_names("landscape.md", "DP_VISIBLE")
               + _chapter_names("landscape.md", "DP_INVISIBLE"))


def test_the_dark_photon_figure_names_existing_limit_files():
    assert len(DARK_PHOTON) == 6
    assert set(DARK_PHOTON) <= set(limitdata.available())
    for name in DARK_PHOTON:
        assert limitdata.load(name).header["columns"].replace(" ", "") == "m_gev,epsilon"


@pytest.mark.parametrize("name", DARK_PHOTON)
def test_draw_limits_draws_the_file_unchanged(name):
    fig, ax = plt.subplots()
    top = 0.1
    drawn = singlets.draw_limits(ax, [name], top, colors=["k"], labels=["x"])
    ref = limitdata.load(name)
    x, y = drawn[name]
    assert np.array_equal(x, ref.x) and np.array_equal(y, ref.y)
    line = ax.get_lines()[-1]
    below = ref.y < top
    assert np.array_equal(line.get_xdata(), ref.x)
    assert np.array_equal(np.asarray(line.get_ydata())[below], ref.y[below])
    assert np.all(np.isnan(np.asarray(line.get_ydata())[~below]))
    # the shaded region's outline holds the file's points (below the top of the plot)
    verts = np.vstack([p.vertices for p in ax.collections[0].get_paths()])
    pts = {(a, b) for a, b in verts}
    assert all((a, b) in pts for a, b in zip(ref.x[below], ref.y[below], strict=True))
    plt.close(fig)


def test_limit_curves_keeps_the_order_and_accepts_one_name():
    one = singlets.limit_curves(DARK_PHOTON[0])
    assert list(one) == [DARK_PHOTON[0]]
    assert list(singlets.limit_curves(DARK_PHOTON[::-1])) == DARK_PHOTON[::-1]


def test_hatched_regions_have_no_fill():
    fig, ax = plt.subplots()
    singlets.draw_limits(ax, DARK_PHOTON[:1], 0.1, colors=["k"], labels=["x"], hatches=["//"])
    assert ax.collections[0].get_hatch() == "//"
    assert ax.collections[0].get_facecolor().size == 0 or \
        ax.collections[0].get_facecolor()[0][3] == 0
    plt.close(fig)


def test_the_lmu_ltau_plane_draws_the_babar_limit_file():
    text = (BOOK / "lmu_ltau.md").read_text()
    name = re.search(r'^BABAR = "([a-z0-9_]+)"', text, re.M).group(1)
    assert "S.draw_limits(ax, [BABAR]" in text
    ref = limitdata.load(name)
    assert ref.header["bibkey"] == "BaBar2016muonic"
    m, g, _ = singlets.load_babar_muonic()
    assert np.array_equal(m, ref.x) and np.array_equal(g, ref.y)
    fig, ax = plt.subplots()
    drawn = singlets.draw_limits(ax, [name], 0.1)
    assert np.array_equal(drawn[name][1], ref.y)
    plt.close(fig)
