"""Shared fixtures of the test suite.

`book_build` builds the whole book ONCE per pytest session (it executes every chapter: minutes), for
tests/test_book.py (the build is clean) and tests/browser/ (every built page in a real browser).
Set DIALM_HTML=path/to/_build/html to point the browser tests at an existing build instead (no build).
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class BookBuild:
    returncode: int
    log: str
    html: Path


def _vendor_assets() -> None:
    """The offline JavaScript (MathJax, require.js, widgets) must be in place before the build."""
    sys.path.insert(0, str(ROOT))
    try:
        import tasks

        tasks.ensure_assets()
    except SystemExit as exc:  # tasks.py reports set-up problems by exiting with a message
        pytest.fail(f"cannot vendor the book's JavaScript: {exc}")
    finally:
        sys.path.remove(str(ROOT))


@pytest.fixture(scope="session")
def book_build() -> BookBuild:
    """`jupyter-book build . --all -W -n --keep-going`, run once; its exit code and log."""
    _vendor_assets()
    bin_dir = Path(sys.executable).parent
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    cmd = [str(bin_dir / "jupyter-book"), "build", str(ROOT), "--all", "-W", "-n", "--keep-going"]
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    log = f"{result.stdout[-6000:]}\n{result.stderr[-6000:]}"
    return BookBuild(result.returncode, log, ROOT / "_build" / "html")
