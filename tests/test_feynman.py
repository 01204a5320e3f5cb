"""dialm.feynman: the drawing helper's geometry and every diagram of the book."""

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from dialm import feynman  # noqa: E402
from dialm.feynman import _path  # noqa: E402


@pytest.mark.parametrize("bend", [0.0, 0.3, -0.45, 0.7])
def test_a_line_runs_from_a_to_b_with_its_sagitta(bend):
    a, b = np.array([0.2, 0.1]), np.array([0.8, 0.4])
    pts, normals = _path(a, b, bend)
    assert np.allclose(pts[0], a) and np.allclose(pts[-1], b)
    chord = b - a
    left = np.array([-chord[1], chord[0]]) / np.hypot(*chord)
    heights = (pts - a) @ left
    extreme = heights.max() if bend >= 0 else heights.min()
    assert extreme == pytest.approx(bend * np.hypot(*chord), abs=1e-4)
    assert np.allclose(np.hypot(*normals.T), 1.0)


def test_a_photon_ends_on_its_vertices():
    ax = Figure().add_subplot()
    pts = feynman.Diagram(ax).line((0.1, 0.1), (0.9, 0.6), "photon", bend=0.2)
    assert np.allclose(pts[0], (0.1, 0.1)) and np.allclose(pts[-1], (0.9, 0.6))


@pytest.mark.parametrize("name", sorted(feynman.DIAGRAMS))
def test_every_diagram_draws_inside_its_box(name):
    ax = Figure(figsize=(2.6, 2.0)).add_subplot()
    feynman.draw(name, ax)
    xy = np.concatenate([line.get_xydata() for line in ax.lines])
    assert len(ax.lines) >= 5
    assert xy.min() >= -0.06 and xy.max() <= 1.06


@pytest.mark.parametrize("call, message", [
    (lambda: feynman.draw("penguin"), "draw: name = 'penguin'"),
    (lambda: feynman.Diagram(Figure().add_subplot()).line((0, 0), (1, 1), "gluon"),
     "Diagram.line: kind = 'gluon'"),
])
def test_bad_names_are_refused(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_a_row_of_diagrams_has_one_panel_each():
    fig = feynman.figure(["sd_box", "sd_z_penguin"], captions=["box", "penguin"])
    assert len(fig.axes) == 2 and fig.axes[1].get_title() == "penguin"
    with pytest.raises(ValueError, match="figure: names = 'loop'"):
        feynman.figure(["loop"])
