"""A student's live session: JupyterLab (as `python3 tasks.py lab` starts it) on 127.0.0.1, a chapter
opened by its URL as a notebook (Jupytext), every cell run, and a slider moved in the browser: the
kernel recomputes with the numba kernels and the readout below the figure changes.  The screenshot
goes to _build/browser/jupyterlab-live.png (the README's picture is one such screenshot).  The lab
runs with fresh user settings and workspaces: jupyterlab-slideshow remembers an active deck in a
user's settings, and a deck takes the arrow keys from the sliders.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHAPTER = "g2/light_mediators.md"  # dialm.g2.delta_a_mu (numba) behind the (kind, m, g) sliders
READOUT = "vector, m = "  # the text under the figure: "vector, m = 20 MeV, g = 5.00e-04: Δa_μ = ..."


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def lab(artifacts):
    sys.path.insert(0, str(ROOT))
    try:
        import tasks

        options = tasks.lab_options(autosave=False)
    finally:
        sys.path.remove(str(ROOT))
    port, token = _free_port(), secrets.token_hex(16)
    fresh = artifacts / "lab-user"
    shutil.rmtree(fresh, ignore_errors=True)
    bin_dir = Path(sys.executable).parent
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
               PYDEVD_DISABLE_FILE_VALIDATION="1")
    cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ServerApp.ip=127.0.0.1",
           f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
           f"--ServerApp.root_dir={ROOT / 'book'}", "--LabApp.expose_app_in_browser=True",
           # a user's own settings and workspaces stay out (jupyterlab-slideshow remembers an
           # active deck there, and a deck takes the arrow keys from the sliders)
           f"--LabApp.user_settings_dir={fresh / 'settings'}",
           f"--LabApp.workspaces_dir={fresh / 'workspaces'}", *options]
    log = open(artifacts / "jupyterlab.log", "w")  # noqa: SIM115 (closed below)
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5):
                break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                log.close()
                pytest.fail(f"JupyterLab did not start; see {log.name}")
            time.sleep(0.5)
    yield base, token
    proc.terminate()  # the server shuts its kernels down
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


def test_student_moves_a_slider_in_jupyterlab(lab, browser, artifacts):
    base, token = lab
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        page.goto(f"{base}/lab/tree/{CHAPTER}?token={token}", wait_until="load")
        page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=90_000)
        page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget",
                               timeout=30_000)
        status = page.evaluate("""async () => {
            const panel = window.jupyterapp.shell.currentWidget;
            await panel.context.ready;
            await panel.sessionContext.ready;
            return panel.sessionContext.session.kernel.name; }""")
        assert status == "python3"
        page.evaluate("() => { void window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
        # every cell ran: no prompt is busy and the widget's sliders are on the page
        page.wait_for_function(
            """() => document.querySelectorAll('.jp-OutputArea .widget-hslider').length >= 2
                     && ![...document.querySelectorAll('.jp-InputPrompt')]
                           .some(p => p.textContent.includes('*'))""",
            timeout=300_000, polling=1000)
        errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
                              " >> text=Traceback")
        assert errors.count() == 0, "a cell raised in the live session"
        # JupyterLab renders only the cells in view: bring the widget's cell there first (the
        # readout is read as textContent: innerText is empty for content the browser skips)
        slider = page.locator(".jp-OutputArea .widget-hslider", has_text="m [GeV]").first
        slider.scroll_into_view_if_needed()
        readout_js = """key => [...document.querySelectorAll('.jp-OutputArea-output')]
                            .map(o => o.textContent).find(t => t.includes(key)) || ''"""
        page.wait_for_function(f"key => ({readout_js})(key).length > 0", arg=READOUT, timeout=30_000)
        before = page.evaluate(readout_js, READOUT)
        handle = slider.locator(".noUi-handle").first
        handle.focus()
        for _ in range(25):  # 25 steps of 0.02 in log10(m): 20 MeV -> about 63 MeV
            handle.press("ArrowRight")
        page.wait_for_function(
            """([key, old]) => [...document.querySelectorAll('.jp-OutputArea-output')]
                 .some(o => o.textContent.includes(key) && o.textContent !== old)""",
            arg=[READOUT, before], timeout=30_000)
        after = page.evaluate(readout_js, READOUT)
        # the sliders at the bottom of the view, the figure and the kernel's readout above them
        slider.evaluate("el => el.closest('.jp-Cell-outputWrapper').scrollIntoView({block: 'start'})")
        page.wait_for_timeout(800)
        page.screenshot(path=str(artifacts / "jupyterlab-live.png"))
    finally:
        context.close()
    assert before != after, "moving the slider changed nothing"
    assert "m = 20 MeV" in before and "m = 20 MeV" not in after, (before, after)

