"""The whole book as one PDF (``python3 tasks.py pdf``): _build/pdf/dialm.pdf.

The executed chapters of the HTML build (tasks.py builds it first when it is missing or stale, see
:func:`executed_notebooks_current`) are rendered as ONE HTML page by Sphinx's singlehtml builder,
with no re-execution, and Chromium prints that page once MathJax has typeset every equation.
Numbered equations, figures, cross-references and the bibliography are those of the HTML book;
sliders are left out of print (book/assets/print.css), the figures they drive are printed in their
default state.

:func:`main` runs inside .venv (it needs PyYAML and Playwright): ``.venv/bin/python -m tools.pdf``.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
from pathlib import Path

from tools import toc
from tools.env import BIN, CHROMIUM, CHROMIUM_ARGS, ROOT, run

EXECUTED = ROOT / "_build" / "jupyter_execute"  # the HTML build's executed notebooks
HTML_INDEX = ROOT / "_build" / "html" / "index.html"
PDF_DIR = ROOT / "_build" / "pdf"
PDF = PDF_DIR / "dialm.pdf"


def executed_notebooks_current() -> bool:
    """Every notebook chapter has an executed notebook from the HTML build, newer than its source."""
    for md in toc.notebook_chapters():
        ipynb = EXECUTED / md.relative_to(ROOT).with_suffix(".ipynb")
        if not ipynb.exists() or ipynb.stat().st_mtime < md.stat().st_mtime:
            return False
    return HTML_INDEX.exists()


def with_glue(ipynb: Path) -> dict:
    """An executed notebook of the HTML build with its `glue` records put back: myst-nb moves them out
    of the outputs into NAME.glue.json; a hidden last cell carries them again, as glue wrote them."""
    notebook = json.loads(ipynb.read_text(encoding="utf-8"))
    glue_file = ipynb.with_name(ipynb.stem + ".glue.json")
    if not glue_file.exists():
        return notebook
    present = {o.get("metadata", {}).get("scrapbook", {}).get("name") for c in notebook["cells"]
               for o in c.get("outputs", [])}
    outputs = []
    for key, output in json.loads(glue_file.read_text(encoding="utf-8")).items():
        if key in present:
            continue
        prefix = output["metadata"]["scrapbook"].get("mime_prefix", "")
        outputs.append({**output, "data": {prefix + mime: v for mime, v in output["data"].items()}})
    notebook["cells"].append({"cell_type": "code", "execution_count": None, "id": "glue-records",
                              "metadata": {"tags": ["remove-cell"]}, "outputs": outputs,
                              "source": "# the glue records of the HTML build's execution"})
    source_map = notebook["metadata"].get("source_map")
    if source_map:  # myst-nb's cell -> source line map: one entry for the added cell too
        source_map.append(source_map[-1])
    return notebook


def single_page(src: Path) -> Path:
    """The book as one HTML page, built in ``src`` from the executed notebooks; returns its folder.

    ``src`` gets a copy of book/ in which each executed notebook replaces its chapter's .md, the toc,
    and _config.yml with execution off (the outputs are the HTML build's)."""
    import yaml

    shutil.copytree(ROOT / "book", src / "book", ignore=shutil.ignore_patterns("*.ipynb", ".*"))
    for ipynb in (EXECUTED / "book").rglob("*.ipynb"):
        rel = ipynb.relative_to(EXECUTED)
        (src / rel).with_suffix(".md").unlink(missing_ok=True)  # the executed notebook replaces it
        (src / rel).write_text(json.dumps(with_glue(ipynb)), encoding="utf-8")
    shutil.copy2(toc.TOC, src / "_toc.yml")
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    config["execute"]["execute_notebooks"] = "off"  # outputs come from the HTML build's execution
    (src / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True))
    run(BIN / "jupyter-book", "build", src, "--builder", "singlehtml", "-n", "--keep-going")
    return src / "_build" / "singlehtml"


def print_page(folder: Path, page_path: str, out: Path) -> None:
    """Serve a built HTML folder on 127.0.0.1 and print one of its pages to a PDF (A4, page numbers)."""
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        # the whole book is one page of a few MB with every figure: loading it can take minutes
        # on a busy machine (Playwright's default is 30 s)
        page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/{page_path}", wait_until="load",
                  timeout=300_000)
        if page.evaluate("() => !!(window.MathJax && window.MathJax.startup)"):
            page.wait_for_function("() => window.MathJax.startup.promise", timeout=120_000)
            page.evaluate("() => window.MathJax.startup.promise")
        page.evaluate("() => document.fonts.ready")
        page.emulate_media(media="print")
        footer = ('<div style="font-size:8px;width:100%;text-align:center;color:#555">'
                  '<span class="title"></span> — <span class="pageNumber"></span>/<span class="totalPages">'
                  "</span></div>")
        page.pdf(path=str(out), format="A4", print_background=True, display_header_footer=True,
                 header_template="<span></span>", footer_template=footer,
                 margin={"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"})
        browser.close()
    httpd.shutdown()
    print(f"printed {out} ({out.stat().st_size // 1024} kB)")


def main() -> None:
    """(inside .venv) The one-page book printed to PDF_DIR/dialm.pdf, and page images if pdftoppm is
    installed.  The HTML build's executed notebooks must be current (tasks.py sees to it)."""
    shutil.rmtree(PDF_DIR, ignore_errors=True)
    single = single_page(PDF_DIR / "src")
    # singlehtml writes the whole book into the root document's page, with links relative to the
    # output's top folder: print a copy there (self-links made local)
    root_page = toc.root() + ".html"
    html = (single / root_page).read_text(encoding="utf-8").replace(f'href="{root_page}#', 'href="#')
    (single / "dialm.html").write_text(html, encoding="utf-8")
    print_page(single, "dialm.html", PDF)
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm:
        (PDF_DIR / "pages").mkdir()
        run(pdftoppm, "-r", "50", "-png", PDF, PDF_DIR / "pages" / "page")
        print(f"page images to look at: {PDF_DIR / 'pages'}")
    else:
        print("(apt-get install poppler-utils, and this command also renders page images)")
    print(f"\nThe book as a PDF: {PDF}")


if __name__ == "__main__":
    main()
