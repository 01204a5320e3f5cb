#!/usr/bin/env python3
"""The book's commands.  Needs only Python 3.11+; everything else is installed into ./.venv.

    python3 tasks.py book     set up .venv, execute every chapter, build the HTML book (works offline)
    python3 tasks.py test     set up .venv and the browser, run the whole test suite (lib, chapters,
                              book build, every page in headless Chromium with the network blocked)
    python3 tasks.py pdf      the whole book as one PDF (_build/pdf/dialm.pdf), printed by Chromium
    python3 tasks.py slides   one reveal.js deck a chapter (_build/slides/<part>/<chapter>.html), offline
    python3 tasks.py lite     (re)build only the JupyterLite site _build/html/lite/ (`book` builds it too)
    python3 tasks.py serve    serve _build/html on http://127.0.0.1:8000/ (--port N); JupyterLite
                              ("Run this chapter live") needs HTTP, the rest of the book works from file://
    python3 tasks.py bench    run the benchmarks in bench/ (ratios against baselines) and refresh
                              bench/performance.json and the dashboard in bench/README.md
                              (--full: also time the clean build)
    python3 tasks.py lab      open the chapters live in JupyterLab (a chapter's .md opens as a notebook)
    python3 tasks.py clean    remove _build, caches and the numba cache (keeps .venv)

Extra arguments after `test` go to pytest (e.g. `python3 tasks.py test tests/test_g2.py -x`), after `lab`
to JupyterLab (e.g. `--no-browser`).  The machinery is in tools/: env.py (.venv, Chromium), assets.py
(the offline JavaScript), toc.py (_toc.yml), pdf.py (the printed book), lite.py (JupyterLite).
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import sys

if sys.version_info < (3, 11):  # noqa: UP036  (tasks.py may be started by an older python3)
    sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}")

from tools import pdf  # noqa: E402  (after the version check: tools/ needs 3.11)
from tools.assets import ensure_assets  # noqa: E402
from tools.env import BIN, PYTHON, ROOT, ensure_browser, ensure_env, run  # noqa: E402

HTML_INDEX = ROOT / "_build" / "html" / "index.html"
LAB_SETTINGS = ROOT / "_build" / "lab-settings"


def build_book() -> None:
    """Execute every chapter and build the HTML book, warnings as errors; then the chapters'
    lecture decks and the JupyterLite site (both linked from each chapter page)."""
    run(BIN / "jupyter-book", "build", ".", "--all", "-W", "-n", "--keep-going")
    run(PYTHON, "-m", "tools.slides")
    run(PYTHON, "-m", "tools.lite")


def cmd_book(_args: list[str]) -> None:
    ensure_env()
    ensure_assets()
    build_book()
    print(f"\nThe book is built: open {HTML_INDEX.as_uri()}\n(to run chapters live in the browser, "
          "JupyterLite: `python3 tasks.py serve`, then http://127.0.0.1:8000/)")


def cmd_test(args: list[str]) -> None:
    ensure_env()
    ensure_assets()
    ensure_browser()
    run(PYTHON, "-m", "pytest", *args)


def cmd_pdf(_args: list[str]) -> None:
    """The whole book as one PDF from the executed chapters of the HTML build (built first if
    missing or stale): tools/pdf.py, run inside the venv."""
    ensure_env()
    ensure_assets()
    ensure_browser()
    if not pdf.executed_notebooks_current():
        build_book()
    run(PYTHON, "-m", "tools.pdf")


def cmd_slides(_args: list[str]) -> None:
    """The lecture decks from the executed chapters of the HTML build (built first if missing or
    stale): tools/slides.py.  Copy _build/slides to a USB stick and present from file://."""
    ensure_env()
    ensure_assets()
    if not pdf.executed_notebooks_current():
        build_book()
    else:
        run(PYTHON, "-m", "tools.slides")
    print(f"\nThe decks are in {ROOT / '_build' / 'slides'}")


def cmd_lite(_args: list[str]) -> None:
    """Only the JupyterLite site (tools/lite.py) into the HTML build (built first if missing)."""
    ensure_env()
    if not HTML_INDEX.exists():
        ensure_assets()
        build_book()
    else:
        run(PYTHON, "-m", "tools.lite")


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".mjs": "text/javascript",
                      ".js": "text/javascript", ".json": "application/json"}


def cmd_serve(args: list[str]) -> None:
    """Serve _build/html on 127.0.0.1 (JupyterLite needs HTTP; file:// cannot start its kernel)."""
    port = int(args[args.index("--port") + 1]) if "--port" in args else 8000
    if not HTML_INDEX.exists():
        sys.exit("No book to serve: run `python3 tasks.py book` first")
    handler = functools.partial(_Handler, directory=str(HTML_INDEX.parent))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as httpd:
        print(f"Serving the book at http://127.0.0.1:{httpd.server_address[1]}/ (Ctrl+C stops it)",
              flush=True)
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            pass


def cmd_bench(args: list[str]) -> None:
    """Every benchmark (ratios against baselines), then bench/report.py: the snapshot
    bench/performance.json (the book's "How fast, how accurate" reads it) and bench/README.md.
    ``--full`` also times the clean-clone build, the incremental rebuild and the test suite."""
    ensure_env()
    for script in sorted((ROOT / "bench").glob("bench_*.py")):
        extra = ["--build", "--suite"] if script.stem == "bench_coldstart" and "--full" in args else []
        run(PYTHON, script, *extra)
    run(PYTHON, ROOT / "bench" / "report.py")


def lab_options(autosave: bool = True) -> list[str]:
    """JupyterLab options for the book: a chapter (.md) opens as a notebook (Jupytext) on a double
    click or from a URL; no news or update checks (they would go to the network).  The browser test
    turns autosave off (it must never write a chapter)."""
    LAB_SETTINGS.mkdir(parents=True, exist_ok=True)
    jupytext = {"markdown": "Jupytext Notebook", "myst": "Jupytext Notebook"}
    overrides = {
        "@jupyterlab/docmanager-extension:plugin": {"defaultViewers": jupytext, "autosave": autosave},
        "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    }
    (LAB_SETTINGS / "overrides.json").write_text(json.dumps(overrides, indent=2))
    as_root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    return [*as_root, f"--LabApp.app_settings_dir={LAB_SETTINGS}",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]


def cmd_lab(args: list[str]) -> None:
    ensure_env()
    run(PYTHON, "-m", "jupyter", "lab", *lab_options(), *args, "book/")


def cmd_clean(_args: list[str]) -> None:
    caches = [*ROOT.glob("lib/**/__pycache__"), *ROOT.glob("tests/__pycache__"),
              *ROOT.glob("tools/__pycache__")]
    for path in [ROOT / "_build", *caches]:
        shutil.rmtree(path, ignore_errors=True)
        print("removed", path.relative_to(ROOT))


COMMANDS = {"book": cmd_book, "test": cmd_test, "pdf": cmd_pdf, "slides": cmd_slides,
            "lite": cmd_lite, "serve": cmd_serve, "bench": cmd_bench, "lab": cmd_lab,
            "clean": cmd_clean}


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in COMMANDS:
        sys.exit(__doc__)
    COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
