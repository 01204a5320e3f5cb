"""The whole book builds, every chapter executed, with warnings as errors (the build itself is the
session fixture `book_build` in tests/conftest.py, shared with the browser tests in tests/browser/)."""

from pathlib import Path

import nbformat

from tools import toc

ROOT = Path(__file__).resolve().parents[1]


def test_book_builds_without_warnings(book_build):
    assert book_build.returncode == 0, f"book build failed (exit {book_build.returncode}):\n{book_build.log}"
    assert (book_build.html / "index.html").exists()


def test_the_build_writes_nothing_into_the_sources(book_build):
    """Executing and building every chapter leaves book/ and lib/ as they were (outputs go to
    _build/, numba's cache to the git-ignored __pycache__): a lecturer's rebuild the night before
    never touches a chapter or the package."""
    assert book_build.sources_written == (), f"the build wrote {book_build.sources_written}"


def test_every_chapter_downloads_as_a_working_notebook(book_build):
    """The download button's .ipynb: a valid notebook with the book's kernel and every code cell of
    the chapter, executed (outputs present, no error output)."""
    checked = 0
    for doc in toc.documents():
        source = ROOT / f"{doc}.md"
        if "kernelspec:" not in source.read_text()[:600]:
            continue
        path = book_build.html / "_sources" / f"{doc}.ipynb"
        assert path.exists(), f"no downloadable notebook for {doc}"
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        assert nb.metadata["kernelspec"]["name"] == "python3"
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert code and any(c.outputs for c in code), f"{doc}: notebook has no executed cells"
        assert not any(o.get("output_type") == "error" for c in code for o in c.outputs), doc
        checked += 1
    assert checked >= 1
