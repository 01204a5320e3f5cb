"""Sphinx extension of the book (loaded by _config.yml's `local_extensions`).

1. MathJax on every page: Sphinx loads it only on pages with equations, but the sidebar's chapter
   titles carry math ($K\\to\\pi\\nu\\bar\\nu$) on every page, so on the references, index and search
   pages they stayed raw TeX.  Loading the (local, vendored) MathJax everywhere typesets them.
2. The one-page book (`singlehtml`, printed to PDF by `python3 tasks.py pdf`): Sphinx gives a builder
   the node handlers registered under its own name, falling back to its format ("html") only when
   there are none.  sphinx-exercise registers some for "singlehtml", so myst-nb's (registered for
   "html") went missing there ("unknown node type: HideCodeCellNode").  Add the html ones it lacks.
"""


def _html_handlers_for_singlehtml(app):
    handlers = app.registry.translation_handlers
    if app.builder.name == "singlehtml" and "singlehtml" in handlers:
        for node, visitors in handlers.get("html", {}).items():
            handlers["singlehtml"].setdefault(node, visitors)


def setup(app):
    app.set_html_assets_policy("always")
    app.connect("builder-inited", _html_handlers_for_singlehtml)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
