"""The book's table of contents, ``_toc.yml``: the one reader of it.

tasks.py needs it before .venv (and PyYAML) exists, so it is read here with the standard library:
every ``root:`` and ``file:`` entry, in reading order (the jb-book format's documents; parts'
captions are not needed).  tests/test_toc.py checks the reading against PyYAML's.

>>> documents()[0] == root()
True
>>> all(path.suffix == ".md" for path in chapter_paths())
True
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOC = ROOT / "_toc.yml"

#: `root: book/intro`, `- file: book/g2/measuring` (quoted or not, a comment after it allowed)
_ENTRY = re.compile(r"""^\s*(?:-\s+)?(root|file|glob|url)\s*:\s*(["']?)(.*?)\2\s*(?:\#.*)?$""")


@cache
def documents(toc: Path = TOC) -> tuple[str, ...]:
    """Every document of the book in reading order, as written in the toc: the root first, then
    each ``file:`` (repository-relative, no suffix)."""
    found = []
    for number, line in enumerate(toc.read_text(encoding="utf-8").splitlines(), start=1):
        match = _ENTRY.match(line)
        if match is None:
            continue
        key, value = match.group(1), match.group(3)
        if key in ("glob", "url"):
            raise ValueError(f"{toc.name}:{number}: `{key}:` entries are not read by tools/toc.py")
        found.append(value.removesuffix(".md"))
    return tuple(found)


def root() -> str:
    """The root document (the book's first page), e.g. ``book/intro``."""
    return documents()[0]


@cache
def chapter_paths() -> frozenset[Path]:
    """The resolved ``.md`` path of every document in the toc (root, chapters, sections)."""
    return frozenset((ROOT / doc).with_suffix(".md").resolve() for doc in documents())


def is_jupytext_chapter(path: Path) -> bool:
    """A chapter that is a notebook: a Jupytext header with a kernel (the others are plain text)."""
    head = path.read_text(encoding="utf-8")[:600]
    return head.startswith("---") and "jupytext:" in head and "kernelspec:" in head


def notebook_chapters() -> list[Path]:
    """The chapters in the toc that are notebooks (Jupytext MyST markdown), sorted by path."""
    return sorted(p for p in chapter_paths() if p.exists() and is_jupytext_chapter(p))
