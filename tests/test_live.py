"""dialm.live: the one call that makes a chapter's figure live, tested against fake display handles.

What a chapter relies on: every control observed, ``redraw`` called with the controls' values by
name, the animated artists blitted over a cached background that is identical to a full draw, the
whole figure drawn again only when an axis changed, a PNG in the figure's handle, the readout in its
handle, a ValueError shown as the readout while the last good figure stays, a preset that sets
several controls redrawn once, and the note for the static page.
"""

from __future__ import annotations

import io
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pytest
from IPython.display import Image, Markdown
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image as PILImage

import dialm.live as live

ROOT = Path(__file__).resolve().parents[1]


class FakeHandle:
    """What ``display(obj, display_id=True)`` returns in a notebook: updated in place."""

    def __init__(self, obj):
        self.shown = [obj]

    def update(self, obj):
        self.shown.append(obj)


@pytest.fixture
def page(monkeypatch):
    """Everything explore() displays, in order; handles for the display_id ones."""
    shown = []

    def fake_display(obj, display_id=False, raw=False):
        shown.append(FakeHandle(obj) if display_id else obj)
        return shown[-1] if display_id else None

    monkeypatch.setattr(live, "display", fake_display)
    return shown


def make_figure(animated=True):
    fig = Figure(figsize=(3, 2), dpi=60)
    # a blitted artist is painted over the spines (a full draw puts them on top): keep clear
    ax = fig.add_subplot(xlim=(-0.05, 1.05), ylim=(-1.5, 1.5))
    ax.set_title("static title")
    x = np.linspace(0, 1, 50)
    ax.plot(x, np.cos(6 * x), color="0.6")                       # static
    line, = ax.plot([], [], color="tab:red", lw=2, animated=animated)
    return fig, ax, x, line


def controls():
    return dict(freq=widgets.FloatSlider(value=3.0, min=1.0, max=9.0, description="f"),
                amp=widgets.FloatSlider(value=1.0, min=-1.0, max=1.0, description="A"))


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(PILImage.open(io.BytesIO(png)).convert("RGB"))


def test_every_control_observed_and_redraw_called_by_name(page):
    fig, ax, x, line = make_figure()
    calls = []

    def redraw(freq, amp):
        calls.append((freq, amp))
        line.set_data(x, amp * np.sin(freq * x))
        return f"f = {freq}"

    ctl = controls()
    result = live.explore(fig, redraw, **ctl)
    for w in ctl.values():
        assert w._trait_notifiers["value"]["change"], "control not observed"
    ctl["freq"].value = 5.0
    ctl["amp"].value = -0.5
    assert calls == [(3.0, 1.0), (5.0, 1.0), (5.0, -0.5)]
    figure_handle, readout_handle = page[0], page[2]
    assert isinstance(figure_handle, FakeHandle) and isinstance(readout_handle, FakeHandle)
    assert [m.data for m in readout_handle.shown] == ["f = 3.0", "f = 5.0", "f = 5.0"]
    assert all(isinstance(m, Markdown) for m in readout_handle.shown)
    # the controls are displayed last, in one wrapping row
    assert isinstance(page[-1], widgets.HBox) and list(page[-1].children) == list(ctl.values())
    assert result.values() == {"freq": 5.0, "amp": -0.5}


def test_png_in_the_figure_handle_and_blit_equals_a_full_draw(page):
    fig, ax, x, line = make_figure()

    def redraw(freq, amp):
        line.set_data(x, amp * np.sin(freq * x))
        return "ok"

    ctl = controls()
    result = live.explore(fig, redraw, **ctl)
    for v in (2.0, 4.0, 8.0):
        ctl["freq"].value = v
    figure_handle = page[0]
    assert len(figure_handle.shown) == 4
    frames = [img.data for img in figure_handle.shown]
    assert all(isinstance(img, Image) and f[:8] == b"\x89PNG\r\n\x1a\n" for img, f in
               zip(figure_handle.shown, frames, strict=True))
    assert pixels(frames[-1]).shape == (120, 180, 3)
    assert result.full_draws == 1, "each update after the first must be a blit"
    # the blitted frame is the picture a full draw of the same state gives
    reference, _, _, ref_line = make_figure(animated=False)
    ref_line.set_data(x, np.sin(8.0 * x))
    canvas = FigureCanvasAgg(reference)
    canvas.draw()
    full = np.asarray(canvas.buffer_rgba())[:, :, :3]
    assert np.array_equal(pixels(frames[-1]), full)
    assert not np.array_equal(pixels(frames[0]), pixels(frames[-1]))


def test_full_draw_when_an_axis_changes_or_nothing_is_animated(page):
    fig, ax, x, line = make_figure()

    def redraw(freq, amp):
        line.set_data(x, amp * np.sin(freq * x))
        ax.set_ylim(-abs(amp) - 0.1, abs(amp) + 0.1)     # the axis follows the amplitude
        return "ok"

    ctl = controls()
    result = live.explore(fig, redraw, **ctl)
    ctl["freq"].value = 4.0                               # same limits: blit
    assert result.full_draws == 1
    ctl["amp"].value = 0.5                                # new limits: full draw
    assert result.full_draws == 2
    ctl["freq"].value = 6.0
    assert result.full_draws == 2
    assert ax.get_ylim() == (-0.6, 0.6)

    fig3, ax3, x3, line3 = make_figure()
    ax3.set_aspect("equal", adjustable="datalim")         # the draw itself moves the limits
    fixed = live.explore(fig3, lambda freq, amp: line3.set_data(x3, np.sin(freq * x3)) or "",
                         **controls())
    fixed.controls["freq"].value = 2.0
    fixed.controls["freq"].value = 7.0
    assert fixed.full_draws == 1

    fig2, ax2, x2, line2 = make_figure(animated=False)
    plain = live.explore(fig2, lambda freq, amp: line2.set_data(x2, np.sin(freq * x2)) or "",
                         **controls())
    plain.controls["freq"].value = 2.0
    plain.controls["freq"].value = 7.0
    assert plain.full_draws == 3


def test_value_error_shown_in_the_readout_and_last_good_figure_kept(page):
    fig, ax, x, line = make_figure()

    def redraw(freq, amp):
        if freq > 8:
            raise ValueError(f"redraw: freq = {freq} is outside the allowed range 1 <= freq <= 8")
        line.set_data(x, amp * np.sin(freq * x))
        return f"f = {freq}"

    ctl = controls()
    live.explore(fig, redraw, **ctl)
    figure_handle, readout_handle = page[0], page[2]
    ctl["freq"].value = 6.0
    good = figure_handle.shown[-1]
    ctl["freq"].value = 9.0
    assert readout_handle.shown[-1].data == ("**Cannot compute here** — redraw: freq = 9.0 is "
                                             "outside the allowed range 1 <= freq <= 8")
    assert figure_handle.shown[-1] is good, "the figure must keep its last good frame"
    ctl["freq"].value = 2.0                               # and recovers
    assert readout_handle.shown[-1].data == "f = 2.0" and figure_handle.shown[-1] is not good


def test_other_errors_propagate(page):
    fig, ax, x, line = make_figure()
    ctl = controls()

    def redraw(freq, amp):
        if freq > 8:
            raise ZeroDivisionError("a bug")
        return ""

    live.explore(fig, redraw, **ctl)
    with pytest.raises(ZeroDivisionError):
        ctl["freq"].value = 9.0


def test_preset_sets_several_controls_and_redraws_once(page):
    fig, ax, x, line = make_figure()
    calls = []

    def redraw(freq, amp, which):
        calls.append((freq, amp, which))
        line.set_data(x, amp * np.sin(freq * x))
        return which

    ctl = dict(controls(), which=widgets.ToggleButtons(options=["low", "high"], value="low"))
    preset = {"low": dict(freq=2.0, amp=0.5), "high": dict(freq=8.0, amp=-1.0)}
    source = widgets.ToggleButtons(options=[("2021", 1.0), ("2025", 2.0)], value=1.0)
    live.explore(fig, redraw, presets={ctl["which"]: preset.get,
                                       source: lambda v: {"amp": v / 2}}, **ctl)
    calls.clear()
    ctl["which"].value = "high"                           # a control that is also a preset
    assert calls == [(8.0, -1.0, "high")]
    source.value = 2.0                                    # a preset that is not a control
    assert calls[-1] == (8.0, 1.0, "high") and len(calls) == 2
    assert list(page[-1].children)[:2] == [ctl["which"], source]


def test_static_note_hidden_in_the_notebook_and_revealed_by_the_book_css(page):
    fig, ax, x, line = make_figure()
    live.explore(fig, lambda freq, amp: "", **controls())
    note = page[1]
    assert note["text/plain"] == "This figure recomputes when the chapter runs live."
    assert 'class="dialm-static-note" style="display:none"' in note["text/html"]
    assert "../intro.html#run-a-chapter-live" in note["text/html"]
    css = (ROOT / "book" / "assets" / "book.css").read_text()
    assert ".dialm-static-note" in css and "display: block !important" in css
    # the controls of a live figure are greyed out and inactive on the static page
    rule = css[css.index("div.cell_output:has(p.dialm-static-note) .widget-subarea"):]
    rule = rule[:rule.index("}")]
    assert "pointer-events: none" in rule and "opacity" in rule
    intro = (ROOT / "book" / "intro.md").read_text()
    assert "(run-a-chapter-live)=" in intro, "the note links to this label of the introduction"


def test_a_pyplot_figure_is_closed_so_it_is_shown_once(page):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    dot, = ax.plot([0.5], [0.5], "o", animated=True)
    live.explore(fig, lambda freq, amp: dot.set_xdata([freq / 10]) or "", **controls())
    assert not plt.fignum_exists(fig.number)


def test_no_controls_is_an_error():
    fig, _, _, _ = make_figure()
    with pytest.raises(ValueError, match="explore: controls"):
        live.LiveFigure(fig, lambda: "", {})
