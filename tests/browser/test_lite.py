"""The book's JupyterLite site (tools/lite.py, ``_build/html/lite/``): chapters run in the browser.

* Every notebook chapter page has the "Run this chapter live" button, and its relative link opens a
  notebook the site holds.
* Two chapters opened in JupyterLite from the book's own server on 127.0.0.1, every other request
  aborted (and recorded): every cell runs in the Pyodide kernel without an error, then a slider is
  dragged with the mouse and the kernel's readout under the figure changes.  The screenshot of the
  first goes to _build/browser/lite-live.png.
* Every chapter's cells (but those in ``NOT_YET_IN_PYODIDE``) run in the site's own Pyodide
  distribution (the same packages and the same notebooks the browser gets), under Node: faster
  than a browser per chapter, and no widget front end is needed to find a chapter that raises.

In ``tasks.py test`` (no DIALM_HTML) the session's book build includes the site (tests/conftest.py
runs tools/lite.py after it, as ``tasks.py book`` does); with DIALM_HTML pointing at a build
without ``lite/`` these tests are skipped, saying so.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest

from tools import lite, toc

ROOT = Path(__file__).resolve().parents[2]
#: (chapter, the slider's description, key text of the kernel's readout, pixels to drag it)
LIVE_CASES = [
    ("g2/dipole.ipynb", "loop c", "muon-line M =", 30),
    ("kaons/kl_mumu.ipynb", "A_LD", "(of −1 to 2)", 30),
]


@pytest.fixture(scope="session")
def lite_site(html_dir, request) -> Path:
    """The site of the build: the session's own build makes it (tests/conftest.py, book_build)."""
    site = html_dir / "lite"
    if (site / "jupyter-lite.json").exists():
        return site
    if os.environ.get("DIALM_HTML"):
        pytest.skip(f"{html_dir} was built without the JupyterLite site (no lite/): "
                    "`python3 tasks.py book` or `python3 tasks.py lite` builds it")
    pytest.fail("the JupyterLite site was not built:\n"
                + request.getfixturevalue("book_build").lite_log)


#: Chapters the Pyodide run leaves out for now, with the reason (measured under Node on this
#: 2-core machine).  The list can only shrink: a chapter named here that is not in the book fails.
NOT_YET_IN_PYODIDE: dict[str, str] = {
    "g2/sm_prediction.ipynb": "532 s: the HVP dispersion integrals without numba",
    "g2/measuring.ipynb": "179 s: 2 million simulated muon decays without numba",
    "kaons/limits.ipynb": "over 8 min: the Feldman-Cousins belts of the figures",
    "singlets/dark_matter.ipynb": "the thermal target, about 2 s a mass without numba",
}


def _staged() -> list[str]:
    return [p.relative_to(ROOT / "book").with_suffix(".ipynb").as_posix()
            for p in toc.notebook_chapters()]


def test_every_chapter_page_links_its_live_notebook(html_dir, lite_site):
    for chapter in _staged():
        page = html_dir / "book" / chapter.replace(".ipynb", ".html")
        html = page.read_text(encoding="utf-8")
        match = re.search(r'<a href="([^"]+)"[^>]*class="btn btn-sm btn-live-button', html)
        assert match, f"{page.name}: no 'Run this chapter live' button"
        url = urlsplit(match.group(1).replace("&amp;", "&"))
        assert not url.scheme and not url.netloc, f"{page.name}: the live link is not relative"
        target = (page.parent / url.path).resolve()
        assert target == (lite_site / "lab" / "index.html").resolve(), url.path
        assert parse_qs(url.query)["path"] == [chapter]
        assert (lite_site / "files" / chapter).exists(), f"the site lacks {chapter}"


def test_site_is_offline_and_pinned(lite_site):
    config = json.loads((lite_site / "jupyter-lite.json").read_text())["jupyter-config-data"]
    kernel = config["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    assert kernel["pyodideUrl"] == "./static/pyodide/pyodide.js"
    assert kernel["disablePyPIFallback"] is True
    shipped = json.loads((lite_site / "static" / "pyodide" / "pyodide-lock.json").read_text())
    for name, entry in shipped["packages"].items():
        wheel = lite_site / "static" / "pyodide" / entry["file_name"]
        assert lite.sha256(wheel) == entry["sha256"], f"{name}: {wheel.name} is not the locked file"


_CELLS_STATE = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const cells = [...panel.content.model.cells].map(c => c.sharedModel.toJSON());
  const code = cells.filter(c => c.cell_type === 'code');
  const errors = code.filter(c => !(c.metadata.tags || []).includes('raises-exception'))
      .flatMap(c => (c.outputs || []).filter(o => o.output_type === 'error'))
      .map(o => `${o.ename}: ${o.evalue}`);
  return {done: code.filter(c => c.execution_count !== null).length, total: code.length, errors,
          status: panel.sessionContext.session ? panel.sessionContext.session.kernel.status : ''};
}"""

_READOUT = """key => [...document.querySelectorAll('.jp-OutputArea-output')]
                 .map(o => o.textContent).find(t => t.includes(key)) || ''"""


def _open_offline(browser, server):
    # the service worker stays on, as for a reader: JupyterLite serves the kernel's /drive through it
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    blocked: list[str] = []

    def route(r):
        host = urlsplit(r.request.url).hostname
        if r.request.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort("internetdisconnected")

    context.route("**/*", route)
    return context, blocked


def run_all_and_move(page, chapter, slider_text, key, pixels, timeout_ms=600_000):
    """Open ``chapter`` in the site's JupyterLab, run every cell, move the slider whose description
    is ``slider_text`` by ``pixels`` to the right; returns (state, readout before, after)."""
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                           " && window.jupyterapp.shell.currentWidget.sessionContext",
                           timeout=120_000)
    kernel = page.evaluate("""async () => {
        const panel = window.jupyterapp.shell.currentWidget;
        await panel.context.ready;
        await panel.sessionContext.ready;
        return panel.sessionContext.session.kernel.name; }""")
    assert kernel == "python", f"{chapter}: kernel {kernel!r} (the Pyodide kernel is 'python')"
    page.evaluate("() => { void window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    page.wait_for_function(f"""() => {{ const s = ({_CELLS_STATE})();
        return s.errors.length > 0 || (s.done === s.total && s.status === 'idle'); }}""",
                           timeout=timeout_ms, polling=1000)
    state = page.evaluate(_CELLS_STATE)
    if state["errors"]:
        return state, "", ""
    slider = page.locator(".jp-OutputArea .widget-hslider", has_text=slider_text).first
    slider.evaluate("el => el.scrollIntoView({block: 'center'})")
    page.wait_for_function(f"key => ({_READOUT})(key).length > 0", arg=key, timeout=30_000)
    before = page.evaluate(_READOUT, key)
    # drag the handle to the right, as a reader does with the mouse (JupyterLite's notebook keeps
    # the arrow keys in command mode)
    box = slider.locator(".noUi-handle").first.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + pixels, y, steps=8)
    page.mouse.up()
    page.wait_for_function(f"([key, old]) => {{ const t = ({_READOUT})(key); "
                           "return t.length > 0 && t !== old; }", arg=[key, before], timeout=60_000)
    after = page.evaluate(_READOUT, key)
    slider.evaluate("el => el.closest('.jp-Cell-outputWrapper').scrollIntoView({block: 'start'})")
    page.wait_for_timeout(500)
    return state, before, after


@pytest.mark.parametrize(("chapter", "slider_text", "key", "pixels"), LIVE_CASES,
                         ids=[c[0] for c in LIVE_CASES])
def test_chapter_runs_live_in_jupyterlite(chapter, slider_text, key, pixels, lite_site, browser,
                                          server, artifacts):
    context, blocked = _open_offline(browser, server)
    page = context.new_page()
    try:
        page.goto(urljoin(server, f"lite/lab/index.html?path={chapter}"), wait_until="load")
        state, before, after = run_all_and_move(page, chapter, slider_text, key, pixels)
        shot = chapter.replace("/", "__").removesuffix(".ipynb")
        page.screenshot(path=str(artifacts / f"lite-live-{shot}.png"))
    finally:
        context.close()
    assert not state["errors"], f"{chapter}: cells raised in JupyterLite: {state['errors']}"
    assert state["done"] == state["total"], state
    assert before != after, f"{chapter}: moving the slider changed nothing ({before!r})"
    assert not blocked, f"{chapter}: JupyterLite asked the network for {blocked}"


def test_not_yet_in_pyodide_names_chapters_of_the_book():
    assert set(NOT_YET_IN_PYODIDE) <= set(_staged()), sorted(set(NOT_YET_IN_PYODIDE) - set(_staged()))


def test_every_chapter_runs_in_pyodide(lite_site, artifacts):
    chapters = [c for c in _staged() if c not in NOT_YET_IN_PYODIDE]
    start, results = lite.run_in_node(chapters, lite_site)
    (artifacts / "lite-node.json").write_text(json.dumps({"start": start, "chapters": results},
                                                         indent=1))
    assert [r["chapter"] for r in results] == chapters, "Pyodide stopped before the last chapter"
    failed = {r["chapter"]: r["error"] for r in results if not r["ok"]}
    assert not failed, "\n\n".join(f"{name}:\n{error}" for name, error in failed.items())
