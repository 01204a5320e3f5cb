"""Fixtures of the browser suite: the built book served on 127.0.0.1, and Debian's Chromium.

The HTML comes from the session's one book build (`book_build`, tests/conftest.py), or from the folder
named by DIALM_HTML (then nothing is built).  Playwright drives /usr/bin/chromium (never a downloaded
browser); every request that is not for 127.0.0.1 is aborted and recorded, so a page that works here
works in a lecture hall with no network.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "_build" / "browser"  # screenshots and the external-link list (git-ignored)
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    # belt and braces: no host name but localhost resolves, whatever the page asks for
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]


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
