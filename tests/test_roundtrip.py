"""Nothing a student writes is lost: every chapter survives the Jupytext round trip.

A student opens a chapter as a notebook (``.md`` → ``.ipynb``), JupyterLab saves it back; the
book's source must come back byte for byte, so notebook and chapter never diverge.  The chapters
are the files in ``_toc.yml`` that carry a Jupytext header (see the root conftest.py).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import jupytext
import nbformat
import pytest

# the chapter list of the root conftest.py (the nbval collector); loaded by path, since
# tests/conftest.py is the one `import conftest` finds here
_spec = importlib.util.spec_from_file_location("book_collector",
                                               Path(__file__).resolve().parents[1] / "conftest.py")
_collector = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_collector)
CHAPTERS = sorted(p for p in _collector.toc_chapters()
                  if p.exists() and _collector.is_jupytext_chapter(p))


def test_there_are_chapters():
    assert len(CHAPTERS) >= 5


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.parent.name + "/" + p.name for p in CHAPTERS])
def test_md_ipynb_md_is_identical(path):
    text = path.read_text(encoding="utf-8")
    notebook = jupytext.reads(text, fmt="md:myst")
    as_ipynb = nbformat.writes(notebook)                      # what the student's notebook holds
    back = jupytext.writes(nbformat.reads(as_ipynb, as_version=4), fmt="md:myst")
    assert back == text, f"{path.name}: the .md -> .ipynb -> .md round trip changes the source"
