"""Sphinx extension of the book (loaded by _config.yml's `local_extensions`).

1. MathJax on every page: Sphinx loads it only on pages with equations, but the sidebar's chapter
   titles carry math ($K\\to\\pi\\nu\\bar\\nu$) on every page, so on the references, index and search
   pages they stayed raw TeX.  Loading the (local, vendored) MathJax everywhere typesets them.
2. The one-page book (`singlehtml`, printed to PDF by `python3 tasks.py pdf`): Sphinx gives a builder
   the node handlers registered under its own name, falling back to its format ("html") only when
   there are none.  sphinx-exercise registers some for "singlehtml", so myst-nb's (registered for
   "html") went missing there ("unknown node type: HideCodeCellNode").  Add the html ones it lacks.
3. "Slides for this chapter": a header button on every chapter page of a part, linking the
   chapter's lecture deck (written into _build/html/slides/ by tools/slides.py after the build).
4. "Run this chapter live": a header button on every notebook chapter, opening the chapter in the
   book's JupyterLite site (``lite/``, written by tools/lite.py after the build; it needs HTTP,
   e.g. ``python3 tasks.py serve``).  The link is relative, so it works from any page and any host.
   The note under each static widget ("run the chapter live") is pointed at the same link.
"""

from pathlib import Path

#: the JupyterLite app the button opens (tools/lite.py stages <part>/<chapter>.ipynb)
LITE_APP = "lite/lab/index.html"
LIVE_LABEL = "live-button"
#: on a chapter page, the static widgets' note links to the live chapter (the header button's URL)
_NOTE_TO_LIVE = """document.addEventListener("DOMContentLoaded", () => {
  const live = document.querySelector("a.btn-LABEL");
  if (!live) return;
  document.querySelectorAll(".dialm-static-note a").forEach(a => {
    a.href = live.href; a.title = "Run this chapter live (JupyterLite, in the browser)"; });
});""".replace("LABEL", LIVE_LABEL)


def _html_handlers_for_singlehtml(app):
    handlers = app.registry.translation_handlers
    if app.builder.name == "singlehtml" and "singlehtml" in handlers:
        for node, visitors in handlers.get("html", {}).items():
            handlers["singlehtml"].setdefault(node, visitors)


def _slides_button(app, pagename, templatename, context, doctree):
    parts = pagename.split("/")
    if app.builder.name != "html" or len(parts) != 3 or parts[0] != "book" \
            or parts[1] == "appendix" or "header_buttons" not in context:
        return
    context["header_buttons"].insert(0, {
        "type": "link", "url": context["pathto"](f"slides/{parts[1]}/{parts[2]}.html", 1),
        "tooltip": "Slides for this chapter", "icon": "fas fa-person-chalkboard",
        "text": "Slides", "label": "slides-button"})


def _is_notebook(app, pagename):
    source = Path(app.srcdir, pagename + ".md")
    if not source.exists():
        return False
    head = source.read_text(encoding="utf-8")[:600]
    return head.startswith("---") and "jupytext:" in head and "kernelspec:" in head


def _live_button(app, pagename, templatename, context, doctree):
    parts = pagename.split("/")
    if app.builder.name != "html" or len(parts) != 3 or parts[0] != "book" \
            or "header_buttons" not in context or not _is_notebook(app, pagename):
        return
    url = context["pathto"](LITE_APP, 1) + f"?path={parts[1]}/{parts[2]}.ipynb"
    context["header_buttons"].insert(0, {
        "type": "link", "url": url, "tooltip": "Run this chapter live (JupyterLite, in the browser)",
        "icon": "fas fa-play", "text": "Live", "label": LIVE_LABEL})


def setup(app):
    app.set_html_assets_policy("always")
    app.connect("builder-inited", _html_handlers_for_singlehtml)
    app.connect("html-page-context", _slides_button, priority=502)
    app.connect("html-page-context", _live_button, priority=503)
    app.add_js_file(None, body=_NOTE_TO_LIVE)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
