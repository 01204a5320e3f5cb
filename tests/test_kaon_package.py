"""dialm.kaon is a package of topic modules: every public name is re-exported once, each module's
docstring maps all of its public functions, and no module outgrows a reader."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from dialm import kaon

MODULES = kaon.SUBMODULES
IDS = [m.__name__ for m in MODULES]


def test_every_public_name_is_re_exported_as_the_same_object():
    for module in MODULES:
        for name in module.__all__:
            assert getattr(kaon, name) is getattr(module, name), f"{module.__name__}.{name}"


def test_no_public_name_is_defined_twice():
    names = [name for module in MODULES for name in module.__all__]
    assert len(names) == len(set(names)), sorted({n for n in names if names.count(n) > 1})
    assert sorted(kaon.__all__) == sorted(names)


@pytest.mark.parametrize("module", MODULES, ids=IDS)
def test_all_lists_every_public_function_defined_here(module):
    defined = {name for name, obj in vars(module).items()
               if not name.startswith("_") and (inspect.isfunction(obj) or inspect.isclass(obj))
               and obj.__module__ == module.__name__}
    assert defined <= set(module.__all__), sorted(defined - set(module.__all__))


@pytest.mark.parametrize("module", MODULES, ids=IDS)
def test_section_map_names_every_public_function(module):
    mapped = set(re.findall(r":(?:func|class):`(\w+)`", module.__doc__))
    public = {n for n in module.__all__ if callable(getattr(module, n))}
    assert public <= mapped, f"{module.__name__}: docstring misses {sorted(public - mapped)}"
    assert mapped <= set(module.__all__), f"{module.__name__}: maps {sorted(mapped - set(module.__all__))}"
    assert module.__name__.split(".")[-1] in kaon.__doc__


@pytest.mark.parametrize("path", sorted(Path(kaon.__file__).parent.glob("*.py")), ids=lambda p: p.name)
def test_module_size_and_cached_kernels(path):
    text = path.read_text()
    assert text.count("\n") < 1000, f"{path.name}: {text.count(chr(10))} lines"
    for args in re.findall(r"@njit\(([^)]*)\)", text):
        assert "cache=True" in args, f"{path.name}: @njit({args}) without cache=True"
    assert "@njit\n" not in text, f"{path.name}: bare @njit (no cache=True)"
