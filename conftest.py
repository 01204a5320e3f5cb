"""Run every chapter of the book as a test.

nbval reads ``.ipynb`` only; the chapters are Jupytext MyST markdown.  This hook collects each
``.md`` chapter listed in ``_toc.yml`` that carries a Jupytext header, reads it with jupytext and
hands the notebook to nbval's collector: each code cell becomes a test item, run in a kernel whose
working directory is the chapter's folder (as in the book build).  With ``--nbval-lax`` a cell
fails only if it raises, so a chapter's own ``assert`` cells are its checks.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from unittest import mock

import jupytext
import nbval.plugin
import yaml

ROOT = Path(__file__).parent


@cache
def toc_chapters() -> frozenset[Path]:
    """The resolved paths of every file named in _toc.yml (root, chapters, sections)."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    found: set[Path] = set()

    def walk(node):
        if isinstance(node, dict):
            for key in ("root", "file"):
                if key in node:
                    found.add((ROOT / node[key]).with_suffix(".md").resolve())
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(toc)
    return frozenset(found)


def is_jupytext_chapter(path: Path) -> bool:
    head = path.read_text(encoding="utf-8")[:600]
    return head.startswith("---") and "jupytext:" in head and "kernelspec:" in head


class JupytextChapter(nbval.plugin.IPyNbFile):
    """nbval's notebook collector, fed from a Jupytext .md file instead of an .ipynb."""

    def collect(self):
        notebook = jupytext.read(self.path)
        with mock.patch.object(nbval.plugin.nbformat, "read", return_value=notebook):
            return list(super().collect())


def pytest_collect_file(file_path: Path, parent):
    if file_path.suffix == ".md" and file_path.resolve() in toc_chapters():
        if is_jupytext_chapter(file_path):
            return JupytextChapter.from_parent(parent, path=file_path)
    return None
