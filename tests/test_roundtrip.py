"""Nothing a student writes is lost: every chapter survives the Jupytext round trip.

A student opens a chapter as a notebook (``.md`` → ``.ipynb``), JupyterLab saves it back; the
book's source must come back byte for byte, so notebook and chapter never diverge.  The chapters
are the files in ``_toc.yml`` that carry a Jupytext header (tools/toc.py).
"""

from __future__ import annotations

import jupytext
import nbformat
import pytest

from tools.toc import notebook_chapters

CHAPTERS = notebook_chapters()


def test_there_are_chapters():
    assert len(CHAPTERS) >= 5


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.parent.name + "/" + p.name for p in CHAPTERS])
def test_md_ipynb_md_is_identical(path):
    text = path.read_text(encoding="utf-8")
    notebook = jupytext.reads(text, fmt="md:myst")
    as_ipynb = nbformat.writes(notebook)                      # what the student's notebook holds
    back = jupytext.writes(nbformat.reads(as_ipynb, as_version=4), fmt="md:myst")
    assert back == text, f"{path.name}: the .md -> .ipynb -> .md round trip changes the source"
