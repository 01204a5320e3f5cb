"""External exclusion curves as data: one file a curve under ``dialm/data/limits/``, one loader.

Every published limit the book draws (BABAR, CMS, CCFR, NA64μ, NA62, KOTO, ...) is a CSV file whose
commented header says where the numbers come from, precisely enough to check them in a minute::

    # quantity: 90% CL upper limit on g' of a U(1)_(Lmu-Ltau) Z'
    # source: BABAR, J.P. Lees et al., PRD 94 (2016) 011102(R), arXiv:1606.03501
    # bibkey: BaBar2016
    # figure: Fig. 4                      (or  table: Table 2,  or  equation: ...)
    # obtained: digitised from Fig. 4      (or: published table; or: DarkCast file <path>, ...)
    # uncertainty: +-5 % in g' from digitisation   (or: none beyond rounding)
    # columns: m_gev, g
    0.212,7.0e-4
    ...

Required header keys: ``quantity``, ``source``, ``bibkey``, one of ``figure``/``table``/
``equation``, ``obtained``, ``uncertainty``, ``columns``.  The first column is the mass (GeV) and
must increase strictly; a file with three columns ``m_gev, lower, upper`` describes a closed
exclusion region (excluded between the two curves at each mass).  :func:`load` checks all of this
and raises ``ValueError`` naming the file and the line.

>>> curve = load("babar_lmu_ltau_2016")          # doctest: +SKIP
>>> curve.x[0], curve.header["figure"]           # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources

import numpy as np

from dialm._validate import choice

__all__ = ["Limit", "load", "available", "REQUIRED_KEYS", "LOCATOR_KEYS"]

REQUIRED_KEYS = ("quantity", "source", "bibkey", "obtained", "uncertainty", "columns")
#: At least one of these says where in the source the numbers are.
LOCATOR_KEYS = ("figure", "table", "equation")
_DIR = "data/limits"


@dataclass(frozen=True)
class Limit:
    """One external curve: ``x`` the mass axis (GeV), ``y`` the limit (or ``(lower, upper)``)."""

    name: str
    header: dict
    columns: tuple
    x: np.ndarray
    y: np.ndarray
    upper: np.ndarray | None = field(default=None)

    @property
    def citation(self):
        """The source and the locator, for a caption: 'BABAR, PRD 94 ... (Fig. 4)'."""
        where = next(self.header[k] for k in LOCATOR_KEYS if k in self.header)
        return f"{self.header['source']} ({where})"

    def region(self):
        """The excluded region's outline as (x, y) arrays for ``fill``/``plot`` (closed files)."""
        if self.upper is None:
            return self.x, self.y
        return np.r_[self.x, self.x[::-1]], np.r_[self.y, self.upper[::-1]]


def available():
    """The names of every limit file (without ``.csv``), sorted."""
    folder = resources.files("dialm").joinpath(_DIR)
    return sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".csv"))


def _parse(name, text):
    header, rows = {}, []
    where = f"dialm/{_DIR}/{name}.csv"
    for lineno, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        if line.startswith("#"):
            key, sep, value = line[1:].partition(":")
            key = key.strip().lower()
            if sep and key.isidentifier() and value.strip():
                header[key] = (header[key] + " " + value.strip()) if key in header else value.strip()
            continue
        try:
            rows.append([float(v) for v in line.split(",")])
        except ValueError:
            raise ValueError(f"load: {where} line {lineno}: '{line}' is not a row of numbers") from None
        if not np.all(np.isfinite(rows[-1])):
            raise ValueError(f"load: {where} line {lineno}: a value is not finite")
    missing = [k for k in REQUIRED_KEYS if k not in header]
    if missing or not any(k in header for k in LOCATOR_KEYS):
        need = missing + ([] if any(k in header for k in LOCATOR_KEYS) else ["figure|table|equation"])
        raise ValueError(f"load: {where} header lacks {', '.join(need)}")
    columns = tuple(c.strip() for c in header["columns"].split(","))
    if len(columns) not in (2, 3) or any(len(r) != len(columns) for r in rows) or len(rows) < 2:
        raise ValueError(f"load: {where}: every row needs the {len(columns)} columns {columns}"
                         " and there must be at least two rows")
    data = np.array(rows)
    if not np.all(np.diff(data[:, 0]) > 0):
        bad = int(np.argmin(np.diff(data[:, 0]) > 0)) + 2
        raise ValueError(f"load: {where}: the mass axis must increase strictly (data row {bad})")
    if np.any(data[:, 1:] <= 0):
        raise ValueError(f"load: {where}: limits must be positive")
    if len(columns) == 3 and np.any(data[:, 2] < data[:, 1]):
        raise ValueError(f"load: {where}: 'upper' must not lie below 'lower'")
    return header, columns, data


def load(name):
    """The limit curve ``name`` (a file of :func:`available`), its header checked.

    Accuracy: exact — the file's decimals as floats; the curve is as good as its header's
    ``uncertainty`` says.
    """
    choice("load", "name", name, tuple(available()))
    text = resources.files("dialm").joinpath(f"{_DIR}/{name}.csv").read_text()
    header, columns, data = _parse(name, text)
    upper = data[:, 2].copy() if len(columns) == 3 else None
    return Limit(name, header, columns, data[:, 0].copy(), data[:, 1].copy(), upper)
