"""Every chapter's lecture deck (tools/slides.py) in headless Chromium, served from 127.0.0.1 with
every other request aborted: reveal.js ready, at least 8 slides, MathJax finished with no error and
no raw TeX left, every image loaded, no console error.  Screenshots of each deck's title slide and
first figure slide go to _build/browser/screenshots/slides-*.png (test artifacts)."""

from __future__ import annotations

import functools
import http.server
import re
import threading

import pytest

from tools import slides

DECKS = [f"{part}/{chapter}" for part, chapter in slides.chapters()]
RAW_TEX = re.compile(r"\$\$|\\\(|\\\[|\\begin\{|\\frac|\\mathrm|\\times|\$[^$\s][^$\n]{0,80}?\$")
REPORT_JS = """() => {
  const shown = [...document.querySelectorAll('.slides section')].map(s => {
    const c = s.cloneNode(true);
    c.querySelectorAll('mjx-container, script, style, pre, aside.notes').forEach(n => n.remove());
    return c.textContent; }).join('\\n');
  const images = [...document.images].filter(i => !(i.complete && i.naturalWidth > 0))
      .map(i => i.src.slice(0, 80));
  const errors = [...document.querySelectorAll('mjx-merror, [data-mjx-error]')]
      .map(n => n.getAttribute('data-mjx-error') || n.textContent);
  const figure = [...document.querySelectorAll('.slides section')].findIndex(
      s => s.querySelector('.jp-RenderedImage img, img.dialm-figure') && !s.querySelector('section'));
  return {shown, images, errors, total: window.dialmReveal.getTotalSlides(), figure};
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def deck_server(slides_dir):
    handler = functools.partial(_Quiet, directory=str(slides_dir))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("deck", DECKS)
def test_deck_presents_offline(deck, browser, deck_server, artifacts):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    page = context.new_page()
    blocked, console = [], []
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(deck_server)
               or route.request.url.startswith("data:")
               else (blocked.append(route.request.url), route.abort()))
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: console.append(str(e)))
    try:
        page.goto(deck_server + deck + ".html")
        page.wait_for_function("document.body.dataset.revealReady === '1'", timeout=60_000)
        page.wait_for_function("window.MathJax && MathJax.startup && MathJax.startup.promise",
                               timeout=60_000)
        page.evaluate("MathJax.startup.promise")
        page.wait_for_load_state("load")
        report = page.evaluate(REPORT_JS)
        name = deck.replace("/", "-")
        page.screenshot(path=str(artifacts / "screenshots" / f"slides-{name}-title.png"))
        if report["figure"] >= 0:
            page.evaluate(f"""() => {{
                const s = document.querySelectorAll('.slides section')[{report['figure']}];
                window.dialmReveal.slide(...Object.values(window.dialmReveal.getIndices(s)));
            }}""")
            page.wait_for_timeout(200)
            page.screenshot(path=str(artifacts / "screenshots" / f"slides-{name}-figure.png"))
    finally:
        context.close()
    assert report["total"] >= slides.MIN_SLIDES, f"{deck}: {report['total']} slides"
    assert report["figure"] >= 0, f"{deck}: no slide shows a figure"
    assert not report["errors"], f"{deck}: MathJax errors {report['errors'][:3]}"
    raw = RAW_TEX.findall(report["shown"])
    assert not raw, f"{deck}: raw TeX on the slides: {raw[:5]}"
    assert not report["images"], f"{deck}: images not loaded: {report['images'][:3]}"
    assert not blocked, f"{deck}: requests outside 127.0.0.1: {blocked[:3]}"
    assert not console, f"{deck}: console errors: {console[:3]}"
