"""The modules of dialm that the table-driven tests walk, listed once.

A package (dialm.kaon) counts by its topic modules, where the functions are defined (its
``__init__`` only re-exports them).  ``PHYSICS`` is under the accuracy contract
(tests/test_accuracy_contract.py); the bad-input table (tests/test_bad_inputs.py) also covers the
chapters' sympy helpers in ``dialm.symbolic``, the limit-file loader ``dialm.limitdata``, the
diagram helper ``dialm.feynman`` and the minimiser ``dialm.fitting``.
"""

from dialm import (
    ckm,
    feynman,
    fitting,
    g2,
    heavy,
    kaon,
    limitdata,
    limits,
    m3,
    neff,
    precession,
    relic,
    review_data,
    scan,
    singlets,
    studies,
    symbolic,
)

PHYSICS = [g2, ckm, *kaon.SUBMODULES, limits, precession, singlets, m3, review_data, heavy, relic,
           scan, studies, neff]
WITH_BAD_INPUT_TABLE = [*PHYSICS, symbolic, limitdata, feynman, fitting]
