"""The :class:`Measured` float: a value with its uncertainty, unit and source."""

from __future__ import annotations

import math


class Measured(float):
    """A float with an uncertainty, a unit and a source.

    ``sigma`` is the (upper) standard uncertainty, ``sigma_minus`` the lower one where the source
    quotes an asymmetric error (``None`` means symmetric).
    """

    sigma: float
    sigma_minus: float | None
    unit: str
    source: str

    def __new__(cls, value: float, sigma: float = 0.0, unit: str = "", source: str = "",
                sigma_minus: float | None = None) -> Measured:
        if not math.isfinite(value) or not math.isfinite(sigma) or sigma < 0:
            raise ValueError(f"Measured: value and sigma must be finite, sigma >= 0; "
                             f"got value={value!r}, sigma={sigma!r}")
        self = super().__new__(cls, value)
        self.sigma = float(sigma)
        self.sigma_minus = None if sigma_minus is None else float(sigma_minus)
        self.unit = unit
        self.source = source
        return self

    @property
    def value(self) -> float:
        """The central value as a plain float."""
        return float(self)

    @property
    def sigma_sym(self) -> float:
        """A symmetric uncertainty: the mean of upper and lower errors."""
        if self.sigma_minus is None:
            return self.sigma
        return 0.5 * (self.sigma + self.sigma_minus)

    def ufloat(self):
        """The value as an ``uncertainties.ufloat`` (symmetrised error), tagged with the source."""
        from uncertainties import ufloat

        return ufloat(float(self), self.sigma_sym, tag=self.source)

    def __repr__(self) -> str:
        err = (f"+{self.sigma:g}/-{self.sigma_minus:g}" if self.sigma_minus is not None
               else f"{self.sigma:g}")
        return f"Measured({float(self)!r} ± {err} {self.unit}; {self.source})"

    def __reduce__(self):
        return (Measured, (float(self), self.sigma, self.unit, self.source, self.sigma_minus))
