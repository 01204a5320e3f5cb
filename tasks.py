#!/usr/bin/env python3
"""The book's commands.  Needs only Python 3.11+; everything else is installed into ./.venv.

    python3 tasks.py book     set up .venv, execute every chapter, build the HTML book
    python3 tasks.py test     set up .venv, run the whole test suite (lib, chapters, book build)
    python3 tasks.py bench    run the benchmarks in bench/ (ratios against baselines) and refresh
                              the Performance appendix (--full: also time the clean build)
    python3 tasks.py lab      open the chapters live in JupyterLab (Jupytext opens .md as notebooks)
    python3 tasks.py clean    remove _build, caches and the numba cache (keeps .venv)

Extra arguments after `test` go to pytest (e.g. `python3 tasks.py test tests/test_g2.py -x`), after `lab`
to JupyterLab (e.g. `--no-browser`).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed-requirements"
HTML_INDEX = ROOT / "_build" / "html" / "index.html"


def venv_environ() -> dict[str, str]:
    """The environment with the venv first on PATH (kernels started by name resolve to it)."""
    env = dict(os.environ)
    env["VIRTUAL_ENV"] = str(VENV)
    env["PATH"] = str(BIN) + os.pathsep + env.get("PATH", "")
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # silence the debugger note in kernels
    return env


def run(*cmd: str | Path) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    code = subprocess.call([str(c) for c in cmd], cwd=ROOT, env=venv_environ())
    if code:
        sys.exit(code)


def requirements_digest() -> str:
    digest = hashlib.sha256()
    for name in ("requirements.txt", "pyproject.toml"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_env() -> None:
    """Create .venv and install the pinned requirements and `dialm` (editable), once per change."""
    if sys.version_info < (3, 11):  # noqa: UP036  (tasks.py may be started by an older python3)
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}")
    if not PYTHON.exists():
        print(f"creating the environment {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if STAMP.exists() and STAMP.read_text() == requirements_digest():
        return
    run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PYTHON, "-m", "pip", "install", "--quiet", "-r", "requirements.txt")
    run(PYTHON, "-m", "pip", "install", "--quiet", "--no-deps", "-e", ".")
    STAMP.write_text(requirements_digest())


def build_book() -> None:
    """Execute every chapter and build the HTML book, warnings as errors."""
    run(BIN / "jupyter-book", "build", ".", "--all", "-W", "-n", "--keep-going")


def cmd_book(_args: list[str]) -> None:
    ensure_env()
    build_book()
    print(f"\nThe book is built: open {HTML_INDEX.as_uri()}")


def cmd_test(args: list[str]) -> None:
    ensure_env()
    run(PYTHON, "-m", "pytest", *args)


def cmd_bench(args: list[str]) -> None:
    """Every benchmark (ratios against baselines), then the snapshot the appendix renders.
    ``--full`` also times the clean-clone build, the incremental rebuild and the test suite."""
    ensure_env()
    for script in sorted((ROOT / "bench").glob("bench_*.py")):
        extra = ["--build", "--suite"] if script.stem == "bench_coldstart" and "--full" in args else []
        run(PYTHON, script, *extra)
    run(PYTHON, ROOT / "bench" / "report.py")


def cmd_lab(args: list[str]) -> None:
    ensure_env()
    as_root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    run(PYTHON, "-m", "jupyter", "lab", *as_root, *args, "book/")


def cmd_clean(_args: list[str]) -> None:
    caches = [*ROOT.glob("lib/**/__pycache__"), *ROOT.glob("tests/__pycache__")]
    for path in [ROOT / "_build", *caches]:
        shutil.rmtree(path, ignore_errors=True)
        print("removed", path.relative_to(ROOT))


COMMANDS = {"book": cmd_book, "test": cmd_test, "bench": cmd_bench, "lab": cmd_lab,
            "clean": cmd_clean}


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in COMMANDS:
        sys.exit(__doc__)
    COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
