"""The page speaks to the reader: no working notes in the book (issue 13 §2).

A reader must not be told how the book was written: no "from memory", no "verify" as a note to
self, no "the brief", no "the seed(s)" or "seed 000" (the sources are "the talk" and "the review";
a random-number seed is fine and is never written "the seed"), no "could not read", "not
reachable" or "offline" about a source, nothing about a search tool, and no names of the
repository's own notes (the toolchain notes, TOOLCHAIN.md).

Two levels:

* source level (fast, no build): the Markdown cells and code-cell comments of every chapter
  (``book/**/*.md``), the ``note`` fields of ``book/references.bib``, and the string literals and
  comments of ``lib/dialm/*.py`` (docstrings are rendered on the API pages, source strings are
  printed by the chapters);
* built level (``book_build``): the prose of every built HTML page, with code cells, their
  outputs and the bibliography's entries excluded.
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: The working notes a page must not carry (case-insensitive).
NOTE = re.compile(
    r"from memory|\bverify\b|\bthe brief\b|\b(?:the|our) seeds?\b|\bseed 000\b|\bseed (?:review|talk)"
    r"|search tool|could not (?:be )?(?:read|retrieve|checked)|not reachable|\boff-?line\b"
    r"|toolchain|\brecalled\b",
    re.IGNORECASE)

CHAPTERS = sorted(p for p in (ROOT / "book").rglob("*.md")
                  if not any(part.startswith((".", "_")) for part in p.relative_to(ROOT).parts)
                  and "assets" not in p.relative_to(ROOT).parts)
MODULES = sorted((ROOT / "lib" / "dialm").glob("*.py")) + sorted(
    (ROOT / "lib" / "dialm").glob("*/*.py"))

_CODE_OPEN = re.compile(r"^(`{3,}|~{3,})\s*\{code-cell\}")


def notes_in_markdown(text: str) -> list[tuple[int, str]]:
    """(line, phrase) of every working note in a chapter's Markdown cells and code comments.

    Code-cell lines count only through their ``#`` comments (a string such as a random seed in
    code is not prose); the YAML front matter is skipped.
    """
    found, fence, lines = [], None, text.splitlines()
    start = 0
    if lines and lines[0].strip() == "---":                 # Jupytext front matter
        for i in range(1, len(lines)):
            if lines[i].strip() == "---":
                start = i + 1
                break
    for number, line in enumerate(lines[start:], start=start + 1):
        if fence is None:
            m = _CODE_OPEN.match(line.strip())
            if m:
                fence = m.group(1)
                continue
            probe = line
        else:
            if line.strip() == fence:
                fence = None
                continue
            probe = line.split("#", 1)[1] if "#" in line else ""
        found += [(number, m.group(0)) for m in NOTE.finditer(probe)]
    return found


def notes_in_python(text: str, strings: bool = True) -> list[tuple[int, str]]:
    """(line, phrase) of every working note in a module's string literals and comments.

    ``strings=False`` checks the comments only (for ``dialm/constants.py``, whose strings are the
    inputs' sources, checked one by one in tests/test_provenance.py).
    """
    found = []
    kinds = ({tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", -1)} if strings else set())
    for tok in tokenize.generate_tokens(io.StringIO(text).readline):
        if tok.type == tokenize.COMMENT or tok.type in kinds:
            found += [(tok.start[0] + tok.string[:m.start()].count("\n"), m.group(0))
                      for m in NOTE.finditer(tok.string)]
    return found


def notes_in_bib(text: str) -> list[tuple[int, str]]:
    """(line, phrase) of every working note in the ``note`` fields of a BibTeX file."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(r"\s*note\s*=", line, re.IGNORECASE):
            found += [(number, m.group(0)) for m in NOTE.finditer(line)]
    return found


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_working_notes_in_chapter_prose(path):
    found = notes_in_markdown(path.read_text(encoding="utf-8"))
    assert not found, f"{path.name}: working notes on the page at {found}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_working_notes_in_module_strings(path):
    found = notes_in_python(path.read_text(encoding="utf-8"), strings=path.name != "constants.py")
    assert not found, f"{path.name}: working notes in strings/comments at {found}"


def test_no_working_notes_in_bibliography_notes():
    found = notes_in_bib((ROOT / "book" / "references.bib").read_text(encoding="utf-8"))
    assert not found, f"references.bib: working notes in note fields at {found}"


def test_the_checks_find_the_notes():
    md = ("---\njupytext: x\n---\n# T\nA value (from memory; verify).\n"
          "```{code-cell} ipython3\nrng = seed(1)  # see TOOLCHAIN.md\nx = 'the brief'\n```\n"
          "The random-number seed is 7; the talk and the review.\n")
    assert notes_in_markdown(md) == [(5, "from memory"), (5, "verify"), (7, "TOOLCHAIN")]
    py = 'X = 1  # recalled\nY = M(2, source="seed 000 (from memory)")\nrng_seed = 3\n'
    assert notes_in_python(py) == [(1, "recalled"), (2, "seed 000"), (2, "from memory")]
    assert notes_in_python(py, strings=False) == [(1, "recalled")]
    bib = "@a{k,\n  title = {The search tool},\n  note = {could not read it offline}\n}\n"
    assert notes_in_bib(bib) == [(3, "could not read"), (3, "offline")]


# --------------------------------------------------------------------------------------------
# the built pages
# --------------------------------------------------------------------------------------------
#: Elements whose text is not prose: code cells (input and output), code, maths source, the
#: bibliography's entries (raw fields of references.bib), scripts and styles.
_NOT_PROSE = ("div.cell_input", "div.cell_output", "div.highlight", "pre", "code", "script",
              "style", "div.citation", "dl.citation", "div.bibliography", "dl.bibliography",
              "nav", "footer")


def page_prose(html: str) -> str:
    """The prose of a built page: its main article with the non-prose elements removed."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    main = soup.find("main") or soup.find("article") or soup
    for sel in _NOT_PROSE:
        for el in main.select(sel):
            el.decompose()
    return " ".join(main.get_text(" ").split())


def test_page_prose_drops_code_and_keeps_text():
    html = ("<html><body><main><p>The talk, from memory.</p><div class='cell_input'>"
            "<pre># verify</pre></div><div class='cell_output'>seed 000</div></main></body></html>")
    assert page_prose(html) == "The talk, from memory."


def test_no_working_notes_in_built_pages(html_dir):
    bad = {}
    for page in sorted(html_dir.rglob("*.html")):
        rel = page.relative_to(html_dir).as_posix()
        if rel.startswith(("_", "genindex", "search")):
            continue
        hits = sorted({m.group(0) for m in NOTE.finditer(page_prose(page.read_text("utf-8")))})
        if hits:
            bad[rel] = hits
    assert not bad, f"working notes in the built prose: {bad}"
