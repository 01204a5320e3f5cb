"""Every page of the built book, in headless Chromium, with the network blocked but for 127.0.0.1.

Per page: no console error and no failed or blocked request; MathJax finished, no "Math Processing
Error", no raw TeX left on the page; every <img> loaded with a non-zero size; every saved widget view
rendered (sliders showing their saved values); the previous/next links and the sidebar resolve to
pages of the book; no unresolved {eq}/{cite}/{ref} marker.  Screenshots of each page (the first
screen, and the full page) go to _build/browser/screenshots/ (test artifacts, not committed).
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest

from tools import toc

# Console messages that every Jupyter Book 1 page logs, network or not (theme noise, TOOLCHAIN.md):
# sphinx-thebe's inline script is included twice, and pydata-sphinx-theme logs the theme mode before
# it reads the stored one.  Matched exactly, nothing broader.
THEME_NOISE = (
    re.compile(r"^(SyntaxError: )?Identifier 'THEBE_JS_URL' has already been declared$"),
    re.compile(r"^Got invalid theme mode: \. Resetting to auto\.$"),
)


#: the HTML path of every document in _toc.yml, in reading order
BOOK_PAGES = [f"{doc}.html" for doc in toc.documents()]
PAGES = [*BOOK_PAGES, "genindex.html", "search.html"]

# Runs in the page: what is left of the TeX and of the references once MathJax is done.
PAGE_REPORT_JS = """() => {
  const mathNodes = [...document.querySelectorAll('.math, span.math, div.math')];
  const untypeset = mathNodes.filter(n => !n.querySelector('mjx-container'))
      .map(n => n.textContent.slice(0, 80));
  const errors = [...document.querySelectorAll('mjx-merror, [data-mjx-error]')]
      .map(n => n.getAttribute('data-mjx-error') || n.textContent);
  const body = document.querySelector('main') || document.body;
  const clone = body.cloneNode(true);
  clone.querySelectorAll('pre, code, script, style, textarea, mjx-container, .highlight, .cell_input')
       .forEach(n => n.remove());
  const text = clone.textContent;
  const problematic = [...document.querySelectorAll('.problematic, .system-message')]
      .map(n => n.textContent.slice(0, 80));
  const brokenRefs = [...document.querySelectorAll('a.reference, span.xref, a.eqref, a.footnote-reference')]
      .map(n => n.textContent.trim()).filter(t => /\\?\\?|^\\[\\?\\]$|^\\(\\?\\)$/.test(t));
  return {untypeset, errors, text, problematic, brokenRefs, hasMath: mathNodes.length};
}"""

IMAGES_JS = """() => [...document.images].map(img => ({
  src: img.currentSrc || img.src, complete: img.complete, w: img.naturalWidth, h: img.naturalHeight}))"""

VIEWS = """[...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')]"""
# html-manager renders each saved view into a div.widget-subarea just before the view's script tag
WIDGETS_JS = """() => VIEWS.map(tag => {
    const area = tag.previousElementSibling;
    const ok = !!(area && area.classList.contains('widget-subarea')
                  && area.querySelector('.jupyter-widgets'));
    const readouts = area ? [...area.querySelectorAll('.widget-readout')] : [];
    return {model: JSON.parse(tag.textContent).model_id, rendered: ok,
            readouts: readouts.map(r => r.textContent.trim())};
  })""".replace("VIEWS", VIEWS)

RAW_TEX = re.compile(r"\$\$|\\\(|\\\)|\\\[|\\\]|\\begin\{|\\frac|\\mathrm|\$[^$\s][^$\n]{0,80}?\$")


@pytest.fixture(scope="module")
def built_pages(html_dir) -> set[str]:
    return {p.relative_to(html_dir).as_posix() for p in html_dir.rglob("*.html")}


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_offline(page, browser, server, html_dir, artifacts):
    assert (html_dir / page).exists(), f"{page} was not built"
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    blocked: list[str] = []
    failed: list[str] = []
    console: list[str] = []

    def route(r):
        host = urlsplit(r.request.url).hostname
        if r.request.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort("internetdisconnected")

    context.route("**/*", route)
    pg = context.new_page()
    pg.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: console.append(f"{e.name}: {e.message}"))
    pg.on("requestfailed", lambda r: failed.append(f"{r.url} ({r.failure})"))
    pg.on("response", lambda r: failed.append(f"{r.url} (HTTP {r.status})") if r.status >= 400 else None)
    try:
        url = urljoin(server, page)
        pg.goto(url, wait_until="load")
        # MathJax: wait for the first typeset of the whole page (only pages with math load it)
        if pg.evaluate("() => !!(window.MathJax && window.MathJax.startup)"):
            pg.wait_for_function("() => window.MathJax.startup.promise && window.MathJax.typesetPromise",
                                 timeout=20_000)
            pg.evaluate("() => window.MathJax.startup.promise")
        # widgets: html-manager renders every saved view after the load event
        n_views = pg.evaluate(f"() => {VIEWS}.length")
        if n_views:
            try:
                pg.wait_for_function(WIDGETS_JS.replace("() =>", "() => (") + ").every(w => w.rendered)",
                                     timeout=20_000)
            except Exception:  # the assertion below says which view did not render
                pass
        # images: bring each one in view once (nothing may be lazily deferred), then wait for decoding
        pg.evaluate("() => [...document.images].forEach(i => { i.loading = 'eager'; })")
        pg.wait_for_function("() => [...document.images].every(i => i.complete)", timeout=20_000)
        report = pg.evaluate(PAGE_REPORT_JS)
        explore = pg.locator("div.admonition.explore").count()
        images = pg.evaluate(IMAGES_JS)
        widgets = pg.evaluate(WIDGETS_JS)
        prev_next = pg.evaluate("""() => [...document.querySelectorAll('a.left-prev, a.right-next')]
                                   .map(a => a.href)""")
        sidebar = pg.evaluate("""() => [...document.querySelectorAll('nav.bd-docs-nav a.reference')]
                                 .map(a => a.href)""")
        # what a reader sees first (the viewport) and the whole page
        shot = artifacts / "screenshots" / page.replace("/", "__").removesuffix(".html")
        pg.evaluate("() => window.scrollTo(0, 0)")
        pg.screenshot(path=f"{shot}.png")
        pg.screenshot(path=f"{shot}-full.png", full_page=True)
    finally:
        context.close()

    errors = [m for m in console if not any(rx.match(m) for rx in THEME_NOISE)]
    assert not blocked, f"{page} asked the network for: {blocked}"
    assert not failed, f"{page}: failed requests: {failed}"
    assert not errors, f"{page}: console errors: {errors}"

    assert not report["errors"], f"{page}: MathJax errors: {report['errors']}"
    assert not report["untypeset"], f"{page}: math left untypeset: {report['untypeset'][:5]}"
    assert "Math Processing Error" not in report["text"]
    raw = sorted({m.group(0) for m in RAW_TEX.finditer(report["text"])})
    assert not raw, f"{page}: raw TeX visible on the page: {raw[:10]}"
    assert not report["problematic"], f"{page}: unresolved markup: {report['problematic']}"
    assert not report["brokenRefs"], f"{page}: unresolved references: {report['brokenRefs']}"

    bad_images = [i["src"] for i in images if not (i["complete"] and i["w"] > 0 and i["h"] > 0)]
    assert not bad_images, f"{page}: images not loaded: {bad_images}"

    assert len(widgets) == n_views
    not_rendered = [w["model"] for w in widgets if not w["rendered"]]
    assert not not_rendered, f"{page}: widget views not rendered: {not_rendered}"
    for w in widgets:
        assert all(w["readouts"]), f"{page}: a slider of {w['model']} shows no value"

    if page.startswith(("book/g2/", "book/singlets/", "book/kaons/")):
        # each chapter says at its top what a student can change and what they will see
        assert explore == 1, f"{page}: {explore} 'What you can change here' boxes, expected 1"

    if page in BOOK_PAGES:
        i = BOOK_PAGES.index(page)
        targets = {urlsplit(h).path.lstrip("/") for h in prev_next}
        expected = {BOOK_PAGES[j] for j in (i - 1, i + 1) if 0 <= j < len(BOOK_PAGES)}
        assert targets == expected, f"{page}: previous/next go to {targets}, expected {expected}"
        in_sidebar = {urlsplit(h).path.lstrip("/") or "index.html" for h in sidebar}
        missing = set(BOOK_PAGES[1:]) - in_sidebar
        assert not missing, f"{page}: sidebar lacks {missing}"
        for href in sidebar + prev_next:
            path = urlsplit(href).path.lstrip("/") or "index.html"
            assert (html_dir / path).is_file(), f"{page}: navigation link to a missing page {href}"
