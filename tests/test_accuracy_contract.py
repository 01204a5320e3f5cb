"""Every public function of dialm's physics modules states its accuracy, and every stated bound is
tested: numeric bounds by a CASES row of a tests/test_accuracy_<module>.py file (against an
independent high-precision reference), statistical ones by the test named in STATISTICAL.
The contract itself is described in tests/_accuracy.py."""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

import pytest
from _accuracy import stated
from _modules import PHYSICS

MODULES = PHYSICS
TESTS = Path(__file__).parent


def _public(module):
    return [f for name, f in inspect.getmembers(module, inspect.isfunction)
            if not name.startswith("_") and f.__module__ == module.__name__]


PUBLIC = [f for module in MODULES for f in _public(module)]
_FILES = [importlib.import_module(p.stem) for p in sorted(TESTS.glob("test_accuracy_*.py"))
          if p.stem != "test_accuracy_contract"]
COVERED = {case.func for file in _FILES for case in getattr(file, "CASES", [])}
STATISTICAL = {f: test for file in _FILES for f, test in getattr(file, "STATISTICAL", {}).items()}


@pytest.mark.parametrize("func", PUBLIC, ids=lambda f: f"{f.__module__[6:]}.{f.__name__}")
def test_states_and_tests_its_accuracy(func):
    kind = stated(func)
    assert kind is not None, (f"{func.__name__}: the docstring needs an 'Accuracy:' line "
                              "('≤ 1e-12 relative ...', 'exact ...' or 'statistical ...')")
    if isinstance(kind, float):
        assert func in COVERED, f"{func.__name__}: states {kind:g} but no CASES row tests it"
    elif kind == "statistical":
        assert func in STATISTICAL, f"{func.__name__}: statistical, but no STATISTICAL entry"
        path, name = STATISTICAL[func].split("::")
        source = (TESTS.parent / path).read_text()
        assert f"def {name}(" in source, f"{func.__name__}: {STATISTICAL[func]} does not exist"


def test_cases_test_public_functions():
    """A row for a private helper or a deleted function would test nothing a reader calls."""
    assert COVERED <= set(PUBLIC)
