"""Feynman diagrams in the book's own style: a small drawing helper and the loops the book computes.

:class:`Diagram` draws on a matplotlib ``Axes`` in a unit box: propagators as straight lines or
circular arcs (``bend``: the arc's sagitta over the chord), in the usual conventions — a fermion is
solid with an arrow (its charge flow), a photon or W/Z wavy, a scalar dashed, a cut dotted —
plus vertices, blobs (a resummed self-energy, e.g. hadronic vacuum polarisation) and labels.
Everything is drawn locally with matplotlib's mathtext (no LaTeX, fonts or services).

:func:`draw` draws a named diagram of :data:`DIAGRAMS`, e.g. the one-loop vertex with a neutral
vector::

    fig, ax = plt.subplots(figsize=(2.6, 2.0))
    draw("neutral_vector", ax)

>>> sorted(DIAGRAMS)[:3]
['charged_fermion_ffs', 'charged_scalar_ssf', 'hvp_insertion']
"""

from __future__ import annotations

import numpy as np

from dialm._validate import choice

__all__ = ["Diagram", "draw", "figure", "DIAGRAMS", "KINDS"]

#: Propagator kinds :meth:`Diagram.line` draws.
KINDS = ("fermion", "antifermion", "photon", "scalar", "plain", "cut")
_INK = "#1a1a1a"


def _path(a, b, bend, n=200):
    """Points along the segment a→b, or the circular arc with sagitta ``bend``·|b−a| (left of a→b
    for bend > 0), and the unit normal at each point (pointing left)."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    chord = b - a
    length = np.hypot(*chord)
    left = np.array([-chord[1], chord[0]]) / length
    t = np.linspace(0.0, 1.0, n)
    if abs(bend) < 1e-9:
        pts = a + t[:, None] * chord
        normals = np.repeat(left[None, :], n, axis=0)
        return pts, normals
    h = bend * length
    apex = (a + b) / 2 + h * left
    radius = (h * h + (length / 2) ** 2) / (2 * abs(h))
    centre = apex - np.sign(h) * radius * left
    angle = [np.arctan2(*(p - centre)[::-1]) for p in (a, apex, b)]
    sweep = (angle[2] - angle[0]) % (2 * np.pi)
    if (angle[1] - angle[0]) % (2 * np.pi) > sweep:      # the apex lies the other way round
        sweep -= 2 * np.pi
    phi = angle[0] + t * sweep
    outward = np.c_[np.cos(phi), np.sin(phi)]
    pts = centre + radius * outward
    normals = -outward if sweep > 0 else outward          # left of the direction of travel
    return pts, normals


class Diagram:
    """A diagram on ``ax`` in the box [0, 1] × [0, 1] (aspect equal, no axes drawn)."""

    def __init__(self, ax, *, amplitude=0.028, wavelength=0.07):
        self.ax, self.amplitude, self.wavelength = ax, amplitude, wavelength
        ax.set_xlim(-0.05, 1.05)
        ax.set_ylim(-0.05, 1.05)
        ax.set_aspect("equal")
        ax.axis("off")

    def line(self, a, b, kind="fermion", *, bend=0.0, label=None, label_side=1, offset=0.085,
             color=_INK):
        """One propagator a→b of ``kind`` (:data:`KINDS`); returns the drawn points (n × 2).

        ``label`` sits ``offset`` from the middle of the line, on its left (``label_side=1``, seen
        along a→b) or right (``-1``).
        """
        choice("Diagram.line", "kind", kind, KINDS)
        pts, normals = _path(a, b, bend)
        if kind == "photon":
            s = np.r_[0.0, np.cumsum(np.hypot(*np.diff(pts, axis=0).T))]
            periods = max(2, round(s[-1] / self.wavelength))
            wiggle = self.amplitude * np.sin(2 * np.pi * periods * s / s[-1])
            pts = pts + wiggle[:, None] * normals
        style = {"scalar": "--", "cut": ":"}.get(kind, "-")
        width = 1.2 if kind == "cut" else 1.5
        ink = "#D55E00" if kind == "cut" else color
        self.ax.plot(*pts.T, ls=style, lw=width, color=ink, solid_capstyle="round")
        if kind in ("fermion", "antifermion"):
            self._arrow(pts, forward=kind == "fermion", color=color)
        if label is not None:
            mid = len(pts) // 2
            where = pts[mid] + label_side * offset * normals[mid]
            self.text(where, label)
        return pts

    def _arrow(self, pts, *, forward, color):
        mid = len(pts) // 2
        tangent = pts[mid + 1] - pts[mid - 1]
        tangent /= np.hypot(*tangent)
        if not forward:
            tangent = -tangent
        tip = pts[mid] + 0.03 * tangent
        self.ax.annotate("", xy=tip, xytext=tip - 0.055 * tangent,
                         arrowprops={"arrowstyle": "-|>,head_length=0.5,head_width=0.25",
                                     "color": color, "lw": 0.0, "shrinkA": 0, "shrinkB": 0})

    def vertex(self, p, size=3.5):
        """A dot at the interaction point ``p``."""
        self.ax.plot(*p, "o", ms=size, color=_INK, zorder=3)

    def blob(self, p, radius=0.09, label=None):
        """A hatched disc: a resummed insertion (e.g. hadronic vacuum polarisation)."""
        from matplotlib.patches import Circle

        self.ax.add_patch(Circle(p, radius, facecolor="#E69F00", edgecolor=_INK, lw=1.2,
                                 hatch="////", zorder=3))
        if label is not None:
            self.text((p[0], p[1] - radius - 0.08), label, fontsize=9)

    def text(self, p, s, **kw):
        """A label centred at ``p`` (mathtext allowed)."""
        self.ax.text(*p, s, ha="center", va="center", fontsize=kw.pop("fontsize", 11), **kw)


# ---- the book's diagrams ---------------------------------------------------------------------

def _vertex_loop(d, exchanged, boson_label, *, photon_on="fermion", fermion_label=r"$\mu$"):
    """The one-loop vertex: muon in (left) and out (right), the external photon from the top."""
    a, b = (0.05, 0.24), (0.95, 0.24)
    l, r, top = (0.28, 0.24), (0.72, 0.24), (0.5, 0.62)
    d.line(a, l, "fermion", label=r"$\mu$", label_side=-1)
    d.line(r, b, "fermion", label=r"$\mu$", label_side=-1)
    if photon_on == "fermion":          # neutral boson below, photon on the internal fermion
        d.line(l, top, "fermion", label=fermion_label, label_side=1)
        d.line(top, r, "fermion", label=fermion_label, label_side=1)
        d.line(l, r, exchanged, bend=-0.45, label=boson_label, label_side=-1, offset=0.09)
    else:                                # photon on the charged boson in the loop
        d.line(l, top, exchanged, label=boson_label, label_side=1)
        d.line(top, r, exchanged, label=boson_label, label_side=1)
        d.line(l, r, "fermion", bend=-0.3, label=fermion_label, label_side=-1)
    d.line(top, (0.5, 0.98), "photon", label=r"$\gamma$", label_side=-1)
    for p in (l, r, top):
        d.vertex(p)


def _neutral(kind, label):
    return lambda d: _vertex_loop(d, kind, label)


def _hvp(d):
    y = 0.3
    a, b, l, r, top = (0.05, y), (0.95, y), (0.22, y), (0.78, y), (0.5, 0.66)
    d.line(a, l, "fermion", label=r"$\mu$", label_side=-1)
    d.line(l, top, "fermion", label=r"$\mu$")
    d.line(top, r, "fermion", label=r"$\mu$")
    d.line(r, b, "fermion", label=r"$\mu$", label_side=-1)
    d.line(l, (0.39, y), "photon", label=r"$\gamma$", label_side=-1, offset=0.1)
    d.line((0.61, y), r, "photon", label=r"$\gamma$", label_side=-1, offset=0.1)
    d.blob((0.5, y), 0.11, label="hadrons")
    d.line(top, (0.5, 0.98), "photon", label=r"$\gamma$", label_side=-1)
    for p in (l, r, top):
        d.vertex(p)


def _box(d):
    tl, bl, tr, br = (0.3, 0.72), (0.3, 0.28), (0.7, 0.72), (0.7, 0.28)
    d.line((0.05, 0.85), tl, "fermion", label=r"$s$")
    d.line(bl, (0.05, 0.15), "fermion", label=r"$d$")
    d.line(tl, bl, "fermion", label=r"$u,c,t$", label_side=-1, offset=0.15)
    d.line(tl, tr, "photon", label=r"$W$")
    d.line(bl, br, "photon", label=r"$W$", label_side=-1)
    d.line(br, tr, "fermion", label=r"$\ell$", label_side=-1)
    d.line(tr, (0.95, 0.85), "fermion", label=r"$\nu$")
    d.line((0.95, 0.15), br, "fermion", label=r"$\bar\nu$")
    for p in (tl, bl, tr, br):
        d.vertex(p)


def _penguin(d):
    top, bottom, zq, right = (0.3, 0.78), (0.3, 0.22), (0.45, 0.5), (0.75, 0.5)
    d.line((0.05, 0.95), top, "fermion", label=r"$s$")
    d.line(bottom, (0.05, 0.05), "fermion", label=r"$d$")
    d.line(top, zq, "fermion", label=r"$u,c,t$", offset=0.14)
    d.line(zq, bottom, "fermion")
    d.line(top, bottom, "photon", bend=-0.3, label=r"$W$", label_side=-1, offset=0.1)
    d.line(zq, right, "photon", label=r"$Z$", label_side=-1)
    d.line(right, (0.97, 0.85), "fermion", label=r"$\nu$")
    d.line((0.97, 0.15), right, "fermion", label=r"$\bar\nu$")
    for p in (top, bottom, zq, right):
        d.vertex(p)


def _two_photon(d):
    d.blob((0.18, 0.5), 0.1)
    d.text((0.05, 0.62), r"$K_L$")
    d.line((0.05, 0.5), (0.08, 0.5), "plain")
    up, down = (0.62, 0.8), (0.62, 0.2)
    d.line((0.26, 0.56), up, "photon", label=r"$\gamma$", offset=0.11)
    d.line((0.26, 0.44), down, "photon", label=r"$\gamma$", label_side=-1, offset=0.11)
    d.line(down, up, "fermion", label=r"$\mu$", label_side=1)
    d.line(up, (0.97, 0.9), "fermion", label=r"$\mu^-$", label_side=1)
    d.line((0.97, 0.1), down, "fermion", label=r"$\mu^+$", label_side=1)
    d.line((0.45, 0.98), (0.45, 0.02), "cut")
    for p in (up, down):
        d.vertex(p)


#: name -> drawing function (each takes a :class:`Diagram`).
DIAGRAMS = {
    "neutral_scalar": _neutral("scalar", r"$S$"),
    "neutral_pseudoscalar": _neutral("scalar", r"$P$"),
    "neutral_vector": _neutral("photon", r"$V$"),
    "neutral_axial": _neutral("photon", r"$A$"),
    "charged_fermion_ffs": lambda d: _vertex_loop(d, "scalar", r"$S$", photon_on="fermion",
                                                   fermion_label=r"$F$"),
    "charged_scalar_ssf": lambda d: _vertex_loop(d, "scalar", r"$S$", photon_on="boson",
                                                  fermion_label=r"$F$"),
    "hvp_insertion": _hvp,
    "sd_box": _box,
    "sd_z_penguin": _penguin,
    "kl_two_photon_cut": _two_photon,
}


def draw(name, ax=None):
    """Draw the diagram ``name`` (:data:`DIAGRAMS`) on ``ax`` (a new small figure if None).

    Returns the :class:`Diagram`.
    """
    choice("draw", "name", name, tuple(DIAGRAMS))
    if ax is None:
        from matplotlib.figure import Figure

        ax = Figure(figsize=(2.6, 2.0)).add_subplot()
    diagram = Diagram(ax)
    DIAGRAMS[name](diagram)
    return diagram


def figure(names, captions=None, width=2.4):
    """A row of diagrams (a matplotlib ``Figure``, outside pyplot), each ``width`` inches wide,
    with an optional caption under each (e.g. the coupling of the exchanged boson)."""
    from matplotlib.figure import Figure

    names = [choice("figure", "names", n, tuple(DIAGRAMS)) for n in names]
    fig = Figure(figsize=(width * len(names), 0.8 * width + (0.3 if captions else 0.0)))
    axes = fig.subplots(1, len(names), squeeze=False)[0]
    for i, (ax, name) in enumerate(zip(axes, names, strict=True)):
        draw(name, ax)
        if captions:
            ax.set_title(captions[i], y=-0.2, fontsize=10)
    fig.subplots_adjust(left=0.01, right=0.99, top=0.98, bottom=0.12 if captions else 0.02,
                        wspace=0.08)
    return fig
