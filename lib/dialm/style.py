"""The book's figure style: one matplotlib style file for every chapter and for :mod:`dialm.live`.

``use()`` applies ``dialm/data/dialm.mplstyle`` (readable text at the column width, a
colour-blind-safe palette, white figure background so a figure stays legible in the theme's dark
mode).  :data:`COLORS` names the palette's colours for bands and limits that must keep one colour
across the book:

>>> import matplotlib as mpl
>>> use(); mpl.rcParams["font.size"], COLORS["g2"]
(10.0, '#009E73')
"""

from __future__ import annotations

from importlib import resources

__all__ = ["use", "COLORS", "STYLE_FILE"]

#: The style file (a path inside the installed package).
STYLE_FILE = resources.files("dialm").joinpath("data/dialm.mplstyle")

#: Okabe & Ito (2008) colours with the roles they play in the book's figures.
COLORS = {
    "blue": "#0072B2", "vermillion": "#D55E00", "green": "#009E73", "purple": "#CC79A7",
    "orange": "#E69F00", "sky": "#56B4E9", "yellow": "#F0E442", "black": "#000000",
    "g2": "#009E73",          # the g-2 band (favoured region)
    "excluded": "#7F7F7F",    # grey for excluded regions
    "theory": "#0072B2",      # a prediction (SM, a model curve)
    "experiment": "#D55E00",  # a measurement or an experiment's limit
}


def use():
    """Apply the book's style to matplotlib's global rcParams (idempotent)."""
    import matplotlib.pyplot as plt

    with resources.as_file(STYLE_FILE) as path:
        plt.style.use(str(path))
