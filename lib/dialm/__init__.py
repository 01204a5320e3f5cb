"""dialm — the numeric core of the book "Dial M for Muons".

One module a physics topic (``g2``, ``ckm``, ...); particle data in ``particles`` (one name per
quantity), every model and analysis input in ``constants``.
Natural units: GeV for masses and energies, GeV² for invariants.
"""

__version__ = "0.1.0"
