"""Sphinx extension of the book (loaded by _config.yml's `local_extensions`).

MathJax on every page: Sphinx loads it only on pages with equations, but the sidebar's chapter titles
carry math ($K\\to\\pi\\nu\\bar\\nu$) on every page, so on the references, index and search pages they
stayed raw TeX.  Loading the (local, vendored) MathJax everywhere typesets them.
"""


def setup(app):
    app.set_html_assets_policy("always")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
