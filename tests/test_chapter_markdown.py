"""The chapters' Markdown says what its author meant: no inline formula broken by a line that
Markdown reads as a list item.

A `$...$` formula that wraps onto a line beginning with ``- ``, ``+ `` or ``* `` is split by the
Markdown parser into a paragraph and a bullet list: the formula is never typeset and the reader sees
raw TeX. (The browser suite catches the worst of it on the page; this finds every case in the
source, before a build.)
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted(p for p in (ROOT / "book").rglob("*.md")
                  if not any(part.startswith(".") for part in p.relative_to(ROOT).parts)
                  and "assets" not in p.relative_to(ROOT).parts)
LIST_START = re.compile(r"^(?:[-+*]|\d+[.)])\s")


def broken_formulas(text: str) -> list[int]:
    """Line numbers where a list marker starts a line inside an unclosed inline formula."""
    bad, inside_math, fence = [], False, None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if fence:
            if stripped.startswith(fence):
                fence = None
            continue
        if stripped.startswith(("```", ":::")) and not stripped.startswith(":::{"):
            fence = stripped[:3] if stripped.startswith("```") else None
            if fence:
                continue
        if not stripped:
            inside_math = False          # a blank line ends any paragraph (and broken math)
            continue
        if stripped.startswith("$$") or stripped.endswith("$$"):
            inside_math = False
            continue
        if inside_math and LIST_START.match(line):
            bad.append(number)
        dollars = len(re.findall(r"(?<![\\$])\$(?!\$)", line))
        if dollars % 2:
            inside_math = not inside_math
    return bad


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.relative_to(ROOT / "book").as_posix() for p in CHAPTERS])
def test_no_inline_formula_is_cut_by_a_list_marker(path):
    bad = broken_formulas(path.read_text(encoding="utf-8"))
    assert not bad, f"{path.name}: a line inside $...$ starts like a list item at lines {bad}"


def test_the_check_finds_the_defect():
    assert broken_formulas("text $a\n- b$ more\n") == [2]
    assert broken_formulas("text $a$\n- item\n") == []
