"""The shape of a chapter as a reader sees it: prose words, visible code, the longest cell.

``python3 tools/shape.py [chapter.md ...]`` prints one line a chapter (all chapters in _toc.yml by
default).  A code cell is *visible* unless its tags hide or remove its input (``hide-input``,
``hide-cell``, ``remove-input``, ``remove-cell``); the book's limits for visible cells are
:data:`MAX_LINES` lines and :data:`MAX_COLUMNS` columns (tests/test_chapter_shape.py).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_LINES, MAX_COLUMNS, MAX_WORDS = 20, 88, 2500
HIDDEN = {"hide-input", "hide-cell", "remove-input", "remove-cell"}
_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```[ \t]*$", re.S | re.M)
_TAGS = re.compile(r"^(?::tags:|tags:)\s*\[([^\]]*)\]", re.M)


@dataclass
class Cell:
    line: int          # line of the ```{code-cell} fence in the source
    code: list         # the cell's code lines (options header removed)
    tags: set

    @property
    def visible(self):
        return not (self.tags & HIDDEN)


def cells(text):
    """The code cells of a MyST chapter, each with its source line, code and tags."""
    out = []
    for m in _CELL.finditer(text):
        body = m.group(1)
        head, code = "", body
        if body.startswith("---\n"):
            end = body.find("\n---\n", 4)
            head, code = body[4:end], body[end + 5:]
        else:
            opts = re.match(r"((?::[\w-]+:[^\n]*\n)+)", body)
            if opts:
                head, code = opts.group(1), body[opts.end():]
        tags = {t.strip().strip("'\"") for g in _TAGS.findall(head) for t in g.split(",")}
        out.append(Cell(text.count("\n", 0, m.start()) + 1, code.rstrip("\n").split("\n"), tags))
    return out


def prose_words(text):
    """Words of prose: code cells, front matter, directives' options, cell markers (``+++`` with
    their slide metadata) and math removed."""
    text = _CELL.sub("", text)
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    text = re.sub(r"\$\$.*?\$\$", " ", text, flags=re.S)
    text = re.sub(r"^(:::+|```+|\+\+\+).*$|^:[\w-]+:.*$", " ", text, flags=re.M)
    text = re.sub(r"\$[^$\n]+\$", " x ", text)
    return len(re.findall(r"[A-Za-z][A-Za-z'’-]*", text))


def shape(path):
    text = Path(path).read_text()
    vis = [c for c in cells(text) if c.visible]
    return {
        "words": prose_words(text),
        "visible_lines": sum(len(c.code) for c in vis),
        "longest_cell": max((len(c.code) for c in vis), default=0),
        "wide_lines": sum(len(line) > MAX_COLUMNS for c in vis for line in c.code),
    }


def chapters():
    """Every page of _toc.yml (the root first), as paths."""
    from tools import toc

    return [ROOT / f"{doc}.md" for doc in toc.documents()]


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))          # run as a script: make ``tools`` importable
    paths = sys.argv[1:] or chapters()
    print(f"{'chapter':34s} {'words':>6s} {'visible':>8s} {'longest':>8s} {'>88 col':>8s}")
    for p in paths:
        s = shape(p)
        name = str(Path(p).resolve().relative_to(ROOT))
        print(f"{name:34s} {s['words']:6d} {s['visible_lines']:8d} {s['longest_cell']:8d} "
              f"{s['wide_lines']:8d}")
