"""Chapters are lecture-sized and their visible code is short (issue: lecture pages).

Limits (tools/shape.py): a visible code cell has at most 20 lines, every visible line at most 88
columns, and a chapter at most ~2 500 words of prose (2 600 allowed).  Sweeps, timings and
bookkeeping go to a folded "Checks" section (cells tagged hide-input/hide-cell) or to the unit
tests.
"""

import pytest

from tools.shape import MAX_COLUMNS, MAX_LINES, cells, chapters, prose_words

MAX_WORDS_ALLOWED = 2600
CHAPTERS = chapters()


def _name(path):
    return "/".join(path.parts[-3:])


@pytest.mark.parametrize("path", CHAPTERS, ids=_name)
def test_visible_code_is_short_and_narrow(path):
    text = path.read_text()
    for cell in (c for c in cells(text) if c.visible):
        assert len(cell.code) <= MAX_LINES, f"{_name(path)}:{cell.line}: {len(cell.code)} lines"
        for line in cell.code:
            assert len(line) <= MAX_COLUMNS, f"{_name(path)}:{cell.line}: {line!r} is too wide"
    assert prose_words(text) <= MAX_WORDS_ALLOWED, f"{_name(path)}: {prose_words(text)} words"


def test_the_check_sees_visible_and_hidden_cells():
    text = ("```{code-cell} ipython3\n" + "x = 1\n" * 21 + "```\n\n"
            "```{code-cell} ipython3\n---\ntags: [hide-input]\n---\n" + "y = 2\n" * 30 + "```\n\n"
            "```{code-cell} ipython3\n:tags: [remove-cell]\nz = 3\n```\n")
    found = cells(text)
    assert [len(c.code) for c in found] == [21, 30, 1]
    assert [c.visible for c in found] == [True, False, False]
    assert prose_words("Two words.\n\n$$a+b$$\n") == 2
    assert prose_words('+++ {"slideshow": {"slide_type": "slide"}}\n\nTwo words.\n') == 2
