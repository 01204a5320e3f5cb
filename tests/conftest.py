"""Shared fixtures of the test suite (one conftest for tests/ and tests/browser/: pytest's doctest
collection cannot tell two files named conftest.py apart when no __init__.py is around).

`book_build` builds the whole book ONCE per pytest session (it executes every chapter: minutes), for
tests/test_book.py (the build is clean) and tests/browser/ (every built page in a real browser).
Set DIALM_HTML=path/to/_build/html to point the browser tests at an existing build instead (no build).

The browser fixtures: the built book served on 127.0.0.1, and Debian's Chromium driven by Playwright
(/usr/bin/chromium, never a downloaded browser).  The page tests abort and record every request that
is not for 127.0.0.1, so a page that passes here works in a lecture hall with no network.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from tools.env import CHROMIUM
from tools.env import CHROMIUM_ARGS as _BROWSER_ARGS

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "_build" / "browser"  # screenshots, the external-link list, logs (git-ignored)
CHROMIUM_ARGS = [
    *_BROWSER_ARGS,
    # belt and braces: no host name but localhost resolves, whatever a page asks for
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]


@dataclass(frozen=True)
class BookBuild:
    returncode: int
    log: str
    html: Path
    sources_written: tuple[str, ...] = ()   # files under book/ or lib/ the build created or changed
    lite_log: str = ""                      # tools/lite.py: the JupyterLite site in html/lite


def _source_state() -> dict[str, tuple[int, int]]:
    """(size, mtime in ns) of every file under book/ and lib/ that is not a cache git ignores."""
    state = {}
    for top in ("book", "lib"):
        for path in (ROOT / top).rglob("*"):
            rel = path.relative_to(ROOT).as_posix()
            if path.is_file() and "__pycache__" not in rel and "/vendor/" not in rel \
                    and ".ipynb_checkpoints" not in rel and ".egg-info" not in rel:
                st = path.stat()
                state[rel] = (st.st_size, st.st_mtime_ns)
    return state


def _vendor_assets() -> None:
    """The offline JavaScript (MathJax, require.js, widgets) must be in place before the build."""
    sys.path.insert(0, str(ROOT))
    try:
        from tools.assets import ensure_assets

        ensure_assets()
    except SystemExit as exc:  # tools/ reports set-up problems by exiting with a message
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
    before = _source_state()
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    after = _source_state()
    written = tuple(sorted(p for p in after if before.get(p) != after[p]))
    log = f"{result.stdout[-6000:]}\n{result.stderr[-6000:]}"
    # the HTML book includes its JupyterLite site, as `tasks.py book` builds it (the pages link it)
    lite = subprocess.run([sys.executable, "-m", "tools.lite"], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    lite_log = f"exit {lite.returncode}\n{lite.stdout[-4000:]}\n{lite.stderr[-4000:]}"
    return BookBuild(result.returncode, log, ROOT / "_build" / "html", written, lite_log)


@pytest.fixture(scope="session")
def html_dir(request) -> Path:
    if os.environ.get("DIALM_HTML"):
        path = Path(os.environ["DIALM_HTML"]).resolve()
    else:
        build = request.getfixturevalue("book_build")
        path = build.html
        if not (path / "index.html").exists():
            pytest.fail(f"the book build made no HTML (exit {build.returncode}):\n{build.log}")
    assert (path / "index.html").exists(), f"no built book in {path}"
    return path


@pytest.fixture(scope="session")
def slides_dir(html_dir) -> Path:
    """The lecture decks (tools/slides.py) from the build's executed notebooks, also copied into
    the HTML book (each chapter page links its deck)."""
    from tools import slides

    try:
        slides.build(html=html_dir)
    except SystemExit as exc:
        pytest.fail(f"the slides were not built: {exc}")
    return slides.OUT


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest's output clean
        pass


@pytest.fixture(scope="session")
def server(html_dir):
    """A static file server for the build, on 127.0.0.1 and a free port; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(html_dir))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `python3 tasks.py test` installs it (as root), or run "
                    "`apt-get install -y chromium`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    (ARTIFACTS / "screenshots").mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
