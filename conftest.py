"""Run every chapter of the book as a test.

nbval reads ``.ipynb`` only; the chapters are Jupytext MyST markdown.  This hook collects each
``.md`` chapter listed in ``_toc.yml`` that carries a Jupytext header, reads it with jupytext and
hands the notebook to nbval's collector: each code cell becomes a test item, run in a kernel whose
working directory is the chapter's folder (as in the book build).  With ``--nbval-lax`` a cell
fails only if it raises, so a chapter's own ``assert`` cells are its checks.

The text every cell prints under nbval is kept (``printed_by_nbval``), and the session's last test,
tests/test_determinism.py::test_chapters_print_the_same_twice, compares it with what the same cells
printed in the book build's separate execution (_build/jupyter_execute): two kernels, same numbers.
"""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import jupytext
import nbformat
import nbval.plugin

from tools.toc import chapter_paths, is_jupytext_chapter

ROOT = Path(__file__).parent


#: run in a chapter's kernel, never imported here (--doctest-modules would execute it)
collect_ignore = ["tests/widget_ends_probe.py"]

#: the last cell of every chapter under nbval: every widget control driven to the ends of its range
WIDGET_ENDS_PROBE = (ROOT / "tests" / "widget_ends_probe.py").read_text()


class JupytextChapter(nbval.plugin.IPyNbFile):
    """nbval's notebook collector, fed from a Jupytext .md file instead of an .ipynb; the chapter
    gets one more cell at the end if it has widgets: tests/widget_ends_probe.py (its controls at
    their ends)."""

    def collect(self):
        notebook = jupytext.read(self.path)
        if any("ipywidgets" in cell.source for cell in notebook.cells):
            notebook.cells.append(nbformat.v4.new_code_cell(WIDGET_ENDS_PROBE))
        with mock.patch.object(nbval.plugin.nbformat, "read", return_value=notebook):
            return list(super().collect())


#: the output types whose text is compared; widget views carry per-run model ids and are skipped
PRINTED_MIMES = ("text/plain", "text/markdown", "text/latex", "text/html")


def printed_text(outputs) -> list[str]:
    """What a cell printed: its streams and the text forms of its results (no widgets, no images)."""
    texts, last_stream = [], None
    for out in outputs:
        if out.get("output_type") == "stream":  # a stream arrives in chunks that differ run to run
            if last_stream == out["name"]:
                texts[-1] += out["text"]
            else:
                texts.append(out["text"])
            last_stream = out["name"]
            continue
        last_stream = None
        if out.get("output_type") in ("execute_result", "display_data"):
            data = out.get("data", {})
            if "application/vnd.jupyter.widget-view+json" not in data:
                texts.extend(data[m] for m in PRINTED_MIMES if m in data)
    return texts


#: chapter path (relative to the repository) -> {code cell source: printed text} of the nbval run
printed_by_nbval: dict[str, dict[str, list[str]]] = {}


def pytest_runtest_teardown(item):
    if isinstance(item, nbval.plugin.IPyNbCell) and item.test_outputs is not None \
            and item.cell.source != WIDGET_ENDS_PROBE:
        chapter = Path(item.path).resolve().relative_to(ROOT).as_posix()
        printed_by_nbval.setdefault(chapter, {})[item.cell.source] = printed_text(item.test_outputs)


def pytest_collection_modifyitems(items):
    """The comparison of two executions runs last, after every chapter's nbval cells."""
    last = [i for i in items if i.name == "test_chapters_print_the_same_twice"]
    items[:] = [i for i in items if i not in last] + last


def pytest_collect_file(file_path: Path, parent):
    if file_path.suffix == ".md" and file_path.resolve() in chapter_paths():
        if is_jupytext_chapter(file_path):
            return JupytextChapter.from_parent(parent, path=file_path)
    return None
