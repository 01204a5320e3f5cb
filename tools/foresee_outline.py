"""Turn a FORESEE bound outline into a ``dialm.limitdata`` curve (used once, kept for provenance).

FORESEE (github.com/KlingFelix/FORESEE, ``Models/DarkHiggs/model/lines/bounds_*.txt``) stores each
excluded region as the outline of a polygon in the (m [GeV], theta) plane, drawn with ``fill``:
the lower edge from left to right, vertical walls up to a ceiling where a mass window is vetoed,
and, for beam-dump searches, an upper edge coming back.  ``dialm.limitdata`` needs a strictly
increasing mass axis, so this script rewrites an outline without changing any of its points'
values:

* ``lower``: the outline's points below the ceiling, taken in order, keeping a point only if its
  mass exceeds that of the last kept point (a digitised wall that steps back in mass keeps its
  first point); inside a vetoed window (the outline at the ceiling) one row is written at the
  window's geometric mid-mass with DarkCast's 'no limit' marker 1e5.
* ``closed``: the lower edge as above up to ``turn`` (the outline's right-most point), and the
  upper edge (the outline after ``turn``, read backwards) interpolated linearly in log-log onto
  the lower edge's masses.  Below the upper edge's left end the outline only closes the polygon
  along a constant line drawn outside the published figure; there the upper column is the highest
  point of the outline below that closing line (the region reaches at least that far: a
  conservative edge, not the compilation's arbitrary closure).

Usage: python3 tools/foresee_outline.py FILE lower|closed CEILING
"""
import sys

import numpy as np


def read(path):
    rows = [line.split() for line in open(path) if line.strip() and not line.startswith("#")]
    return np.array([[float(a), float(b)] for a, b, *_ in rows])


def lower_edge(xy, ceiling):
    out, in_window, last_x = [], False, -np.inf
    for x, y in xy:
        if y >= ceiling:
            in_window = bool(out)
            continue
        if in_window and x > last_x:
            out.append((x, None))            # placeholder: the window ends here
        in_window = False
        if x > last_x:
            out.append((x, y))
            last_x = x
    rows = []
    for x, y in out:
        if y is None:
            rows.append((np.sqrt(rows[-1][0] * x), 1e5))   # the window's marker
        else:
            rows.append((x, y))
    return np.array(rows)


def closed(xy, ceiling):
    turn = int(np.argmax(xy[:, 0]))
    low = lower_edge(xy[: turn + 1], ceiling)
    up = xy[turn:][::-1]
    up = up[up[:, 1] < ceiling]
    keep = np.r_[True, np.diff(up[:, 0]) > 0]
    up = up[keep]
    closing = xy[:, 1].max()                 # the line that closes the polygon off the figure
    top = xy[xy[:, 1] < closing, 1].max()    # the highest point actually drawn
    upper = np.where(low[:, 0] < up[0, 0], top,
                     np.exp(np.interp(np.log(low[:, 0]), np.log(up[:, 0]), np.log(up[:, 1]))))
    upper = np.maximum(upper, low[:, 1])
    upper = np.where(low[:, 1] >= 1e5, 1e5, upper)
    return np.c_[low, upper]


if __name__ == "__main__":
    path, mode, ceiling = sys.argv[1], sys.argv[2], float(sys.argv[3])
    xy = read(path)
    table = lower_edge(xy, ceiling) if mode == "lower" else closed(xy, ceiling)
    for row in table:
        print(",".join(f"{v:.5e}" for v in row))
