"""A live figure for a chapter's Explore section: controls, a ``redraw`` and one call.

A chapter builds its figure once (a :class:`matplotlib.figure.Figure`, outside pyplot), marks the
artists that change with ``animated=True`` (matplotlib's own flag for blitting), writes its
controls (ipywidgets) and a ``redraw(**values)`` that moves those artists and returns the readout
(Markdown text), and calls :func:`explore`::

    line, = ax.plot([], [], animated=True)          # in the (hidden) figure set-up

    def redraw(mass, coupling):
        line.set_data(m_grid, curve(m_grid, mass, coupling))
        return f"m = {mass:.3g} GeV: **Δa_μ = {delta_a_mu('vector', mass, coupling):.3g}**"

    explore(fig, redraw, mass=widgets.FloatLogSlider(...), coupling=widgets.FloatSlider(...))

:func:`explore` does the rest.  It observes every control; on each change it calls ``redraw`` with
the current values, repaints only the animated artists over the cached picture of everything else
(blitting on the Agg canvas; the whole figure is drawn again only when there is no animated artist
or when ``redraw`` changed an axis' limits or scale), encodes the frame as a PNG and updates the
figure and the readout in place (IPython display handles, so the static page shows the default
state as an ordinary image and text).  Under the figure it puts a note that only the static page
shows (the inline style hides it in a notebook, the book's stylesheet reveals it and greys the
controls out): there nothing recomputes.  A ``ValueError`` from ``redraw`` (a bad corner of the
parameter space; :mod:`dialm` names the parameter and its allowed range) is shown in the readout
by :func:`guarded` and the last good figure stays.  Any other exception is a bug and propagates.

Lower level: :func:`guarded` wraps any widget callback the same way.  Importing this module
applies the book's figure style (:func:`dialm.style.use`), so a live figure looks like every other.
"""

from __future__ import annotations

import functools
import struct
import sys
import zlib

import numpy as np
from IPython.display import Image, Markdown, display

from dialm import style

style.use()

__all__ = ["explore", "LiveFigure", "png_rgb", "warning", "guarded", "STATIC_NOTE"]

#: Under every live figure; the class ``dialm-static-note`` is revealed by book/assets/book.css
#: (static page) and hidden in a notebook by the inline style.  The link goes to the book's
#: "How to read it" section (chapters live one folder below book/intro).
STATIC_NOTE = (
    '<p class="dialm-static-note" style="display:none">This figure recomputes when the chapter '
    'runs live. On this page it shows the default state, and its controls are greyed out. To '
    'explore it, <a href="../intro.html#run-a-chapter-live">run the chapter live</a> (or take it '
    'with the download button at the top of this page).</p>'
)
_STATIC_NOTE_TEXT = "This figure recomputes when the chapter runs live."


def warning(err: Exception) -> Markdown:
    """The readout shown instead of a result: the message of ``err`` (a ValueError of dialm).

    >>> warning(ValueError("f: m = -1 is outside the allowed range 0 < m < inf")).data
    '**Cannot compute here** — f: m = -1 is outside the allowed range 0 < m < inf'
    """
    return Markdown(f"**Cannot compute here** — {err}")


def guarded(callback, readout=None):
    """``callback`` with its ``ValueError`` shown in ``readout`` instead of raised.

    ``readout`` is a ``DisplayHandle`` (updated in place) or ``None`` (the message is displayed in
    the current output, e.g. inside ``ipywidgets.interactive_output``).  Returns the wrapped
    callback; its return value is the callback's, or the warning when the input was bad.

    >>> from types import SimpleNamespace
    >>> shown = []
    >>> handle = SimpleNamespace(update=lambda obj: shown.append(obj.data))
    >>> def redraw(m):
    ...     if m <= 0:
    ...         raise ValueError(f"redraw: m = {m} is outside the allowed range 0 < m < inf")
    ...     return m
    >>> guarded(redraw, handle)(2.0), shown
    (2.0, [])
    >>> _ = guarded(redraw, handle)(-1.0); shown[0][:42]
    '**Cannot compute here** — redraw: m = -1.0'
    """
    @functools.wraps(callback)
    def wrapper(*args, **kwargs):
        try:
            return callback(*args, **kwargs)
        except ValueError as err:
            shown = warning(err)  # the module's name looked up now: tests may replace it
            if readout is None:
                display(shown)
            else:
                readout.update(shown)
            return shown

    return wrapper


def _chunk(tag: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + tag + data
            + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF))


def png_rgb(pixels) -> bytes:
    """A PNG of the RGB channels of ``pixels`` (height × width × 3 or 4, uint8).

    No row filter and zlib level 1: on figures of the book's sizes this took about 40 % less CPU
    than Pillow's PNG encoder at the same zlib level, for files of about the same size.

    >>> import io; from PIL import Image as PILImage
    >>> pixels = np.arange(2 * 3 * 4, dtype=np.uint8).reshape(2, 3, 4)
    >>> png = png_rgb(pixels); png[1:4]
    b'PNG'
    >>> bool((np.asarray(PILImage.open(io.BytesIO(png))) == pixels[:, :, :3]).all())
    True
    """
    h, w = pixels.shape[:2]
    rows = np.zeros((h, 1 + 3 * w), np.uint8)  # each row: filter type 0, then R G B R G B ...
    rows[:, 1:] = pixels[:, :, :3].reshape(h, 3 * w)
    header = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(rows.tobytes(), 1)) + _chunk(b"IEND", b""))


def _as_readout(text):
    """A ``str`` as Markdown; an IPython display object (``Markdown``, ``HTML``) as it is."""
    return Markdown(text) if isinstance(text, str) else text


class LiveFigure:
    """A figure redrawn by a chapter's ``redraw(**values)``; :func:`explore` builds and shows one.

    ``figure``: a matplotlib ``Figure`` (one made by pyplot is closed in pyplot, so that the inline
    backend does not show it a second time); it gets an Agg canvas.  Its artists created with
    ``animated=True`` (children of the figure or of its axes) are the ones ``redraw`` moves: they
    are painted, in z-order, over a cached picture of the rest.  Without any, every update draws
    the whole figure.  ``controls``: name -> widget with a ``value``; ``redraw`` is called with
    these names.  ``presets``: widget -> function of its value returning {control name: value};
    the controls are set together and the figure is redrawn once.

    Attributes after :meth:`update`: ``frame`` (the PNG bytes), ``readout`` (what ``redraw``
    returned, as a display object), ``full_draws`` (how many times the whole figure was drawn).

    >>> from matplotlib.figure import Figure
    >>> from types import SimpleNamespace
    >>> fig = Figure(figsize=(2, 1.5), dpi=50)
    >>> dot, = fig.add_subplot().plot([0.5], [0.5], "o", animated=True)
    >>> live = LiveFigure(fig, lambda x: dot.set_xdata([x]) or f"x = {x}",
    ...                   {"x": SimpleNamespace(value=0.25)})
    >>> live.update().readout.data, live.frame[:4], live.full_draws
    ('x = 0.25', b'\\x89PNG', 1)
    >>> live.update().full_draws               # the second frame is blitted
    1
    """

    def __init__(self, figure, redraw, controls, presets=None):
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        if getattr(figure.canvas, "manager", None) is not None and "matplotlib.pyplot" in sys.modules:
            sys.modules["matplotlib.pyplot"].close(figure)
        if not isinstance(figure.canvas, FigureCanvasAgg):
            FigureCanvasAgg(figure)
        if not controls:
            raise ValueError("explore: controls = {} is outside the allowed range: at least one "
                             "control (name=widget)")
        self.figure, self.redraw, self.controls = figure, redraw, dict(controls)
        self.presets = dict(presets or {})
        self.animated = sorted(
            (a for parent in (figure, *figure.axes) for a in parent.get_children()
             if a.get_animated()), key=lambda a: a.get_zorder())
        self.frame, self.readout, self.full_draws = b"", None, 0
        self._background, self._axes_state = None, None
        self._figure_handle = self._readout_handle = None
        self._holding = False

    # --- the picture ------------------------------------------------------------------------
    def _state(self):
        return [(ax.get_xlim(), ax.get_ylim(), ax.get_xscale(), ax.get_yscale())
                for ax in self.figure.axes]

    def _paint(self):
        """Blit the animated artists over the cached background, or draw everything anew."""
        canvas = self.figure.canvas
        if self._background is None or self._state() != self._axes_state:
            canvas.draw()  # skips animated artists
            self.full_draws += 1
            if self.animated:  # the limits as drawn (a fixed aspect may have moved them)
                self._background = canvas.copy_from_bbox(self.figure.bbox)
                self._axes_state = self._state()
        else:
            canvas.restore_region(self._background)
        for artist in self.animated:
            self.figure.draw_artist(artist)

    def _png(self) -> bytes:
        return png_rgb(np.asarray(self.figure.canvas.buffer_rgba()))

    # --- one update ---------------------------------------------------------------------------
    def values(self) -> dict:
        """The controls' current values, by name."""
        return {name: w.value for name, w in self.controls.items()}

    def update(self, change=None):
        """Recompute with the controls' values, repaint, re-encode, refresh the displays.

        A ``ValueError`` propagates here; the observers :meth:`show` installs are wrapped by
        :func:`guarded`.  Returns ``self``.
        """
        if self._holding:
            return self
        readout = _as_readout(self.redraw(**self.values()))
        self._paint()
        self.frame, self.readout = self._png(), readout
        if self._figure_handle is not None:
            self._figure_handle.update(Image(data=self.frame))
            self._readout_handle.update(readout)
        return self

    def _apply_preset(self, rule, change):
        self._holding = True
        try:
            for name, value in rule(change["new"]).items():
                self.controls[name].value = value
        finally:
            self._holding = False
        self.update()

    # --- on the page ------------------------------------------------------------------------
    def show(self):
        """Draw the default state, display figure, note, readout and controls; wire observers."""
        import ipywidgets as widgets

        self.update()
        self._figure_handle = display(Image(data=self.frame), display_id=True)
        display({"text/html": STATIC_NOTE, "text/plain": _STATIC_NOTE_TEXT}, raw=True)
        self._readout_handle = display(self.readout, display_id=True)
        on_change = guarded(self.update, self._readout_handle)
        for widget in self.controls.values():
            if widget not in self.presets:
                widget.observe(on_change, names="value")
        for widget, rule in self.presets.items():
            widget.observe(guarded(functools.partial(self._apply_preset, rule),
                                   self._readout_handle), names="value")
        shown = [*self.presets, *(w for w in self.controls.values() if w not in self.presets)]
        display(widgets.HBox(shown, layout=widgets.Layout(flex_flow="row wrap")))
        return self

    def __repr__(self):
        return f"<LiveFigure: {', '.join(self.controls)}>"

    def _ipython_display_(self):
        """Nothing: :meth:`show` has displayed the figure (a cell may end with ``explore(...)``)."""


def explore(figure, redraw, /, *, presets=None, **controls) -> LiveFigure:
    """Show ``figure`` live: ``redraw(**values)`` runs on every change of the ``controls``.

    ``controls``: the widgets, by the names of ``redraw``'s parameters.  ``redraw`` moves the
    figure's ``animated=True`` artists and returns the readout (Markdown text, or an IPython
    display object).  ``presets``: {widget: function(value) -> {control name: value}} for buttons
    that set several controls at once (redrawn once); such a widget may also be a control.
    Displays the figure, the static-page note, the readout and the controls (in one wrapping row,
    presets first); returns the :class:`LiveFigure`.  Units: those of the chapter's controls.

    >>> import ipywidgets as widgets
    >>> from matplotlib.figure import Figure
    >>> fig = Figure(figsize=(2, 1.5), dpi=50)
    >>> ax = fig.add_subplot(xlim=(0, 2), ylim=(0, 4))
    >>> curve, = ax.plot([], [], animated=True)
    >>> def redraw(power):
    ...     curve.set_data([0, 1, 2], [0, 1, 2 ** power])
    ...     return f"2^{power} = {2 ** power}"
    >>> slider = widgets.IntSlider(value=1, min=0, max=2, description="power")
    >>> live = explore(fig, redraw, power=slider)  # doctest: +ELLIPSIS
    <IPython.core.display.Image object>
    ...
    >>> slider.value = 2
    >>> live.readout.data
    '2^2 = 4'
    """
    return LiveFigure(figure, redraw, controls, presets).show()
