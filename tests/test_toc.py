"""tools/toc.py, the one reader of _toc.yml (standard library only, for tasks.py before .venv
exists), reads the same documents, in the same order, as a YAML parser does."""

from pathlib import Path

import pytest
import yaml

from tools import toc


def _yaml_documents(path: Path) -> list[str]:
    """Every `root`/`file` of a jb-book toc in reading order, from PyYAML's parse."""
    docs: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            docs.extend(node[key] for key in ("root", "file") if key in node)
            for key in ("parts", "chapters", "sections"):
                walk(node.get(key, []))
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(yaml.safe_load(path.read_text()))
    return docs


def test_the_book_toc_reads_as_yaml_does():
    assert list(toc.documents()) == _yaml_documents(toc.TOC)
    assert toc.root() == "book/intro"
    assert len(toc.notebook_chapters()) >= 5


def test_quotes_comments_and_sections(tmp_path):
    path = tmp_path / "_toc.yml"
    path.write_text("""# a comment
format: jb-book
root: "book/intro"   # the first page
parts:
  - caption: "Part: one"
    chapters:
      - file: 'book/a.md'
        sections:
          - file: book/a/one
      - file: book/b  # note
""")
    assert list(toc.documents(path)) == ["book/intro", "book/a", "book/a/one", "book/b"]
    assert _yaml_documents(path) == ["book/intro", "book/a.md", "book/a/one", "book/b"]


def test_entries_it_cannot_read_are_refused(tmp_path):
    path = tmp_path / "_toc.yml"
    path.write_text("root: book/intro\nchapters:\n  - glob: book/*\n")
    with pytest.raises(ValueError, match="glob"):
        toc.documents(path)
