"""The one place where dialm imports numba.

Every module of the package takes ``njit`` and ``prange`` from here.  With numba installed they
are numba's own (nothing changes: same compiled kernels, same on-disk cache).  Without numba —
in Pyodide (JupyterLite in the browser), where no numba exists — ``njit`` returns the function
unchanged (plain Python, with or without decorator arguments) and ``prange`` is ``range``; the
kernels then give the same numbers, only slower.  Kernels that a widget or a chapter's Run-All
calls and that would be too slow as plain Python have a numpy-vectorised path, chosen when
:data:`HAVE_NUMBA` is false (tests/test_nojit.py checks that both paths agree).

``HAVE_NUMBA`` is true when numba is importable and its JIT is on: with ``NUMBA_DISABLE_JIT=1``
numba's decorators return plain-Python kernels, so the vectorised paths are used then as well
(which is how the test suite runs the browser's code on CPython).

>>> from dialm._jit import njit
>>> @njit
... def twice(x):
...     return 2.0 * x
>>> twice(1.5)
3.0
"""

from __future__ import annotations

import os

__all__ = ["HAVE_NUMBA", "NUMBA_INSTALLED", "njit", "prange"]

try:
    import numba as _numba
except ImportError:  # Pyodide (emscripten): no numba wheel exists
    _numba = None

#: numba is importable.
NUMBA_INSTALLED = _numba is not None
#: numba is importable and compiles (``NUMBA_DISABLE_JIT`` unset or 0): the kernels run compiled.
HAVE_NUMBA = NUMBA_INSTALLED and os.environ.get("NUMBA_DISABLE_JIT", "0").strip() in ("", "0")

if NUMBA_INSTALLED:
    njit = _numba.njit
    prange = _numba.prange
else:

    def njit(*args, **kwargs):
        """Stand-in for ``numba.njit`` without numba: the function itself, uncompiled.

        Works as ``@njit`` and as ``@njit(cache=True, ...)`` (the options are ignored)."""
        if len(args) == 1 and not kwargs and callable(args[0]):
            return args[0]

        def decorate(func):
            return func

        return decorate

    prange = range
