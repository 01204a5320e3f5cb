"""Lecture slides: one reveal.js deck a chapter, from the same executed notebooks as the book.

``python3 tasks.py slides`` (or ``python -m tools.slides`` in the venv, after the book build) reads
``_build/jupyter_execute/book/<part>/<chapter>.ipynb`` and writes ``_build/slides/<part>/<chapter>
.html`` with nbconvert's slides exporter and the template in tools/slides_template/.  The decks
are self-contained with ``_build/slides/vendor/`` (reveal.js 4.6.1, jQuery, require.js, MathJax 3,
the widgets' html-manager, all vendored by tools/assets.py): copy ``_build/slides`` to a USB stick
and present from ``file://``.  The same decks are copied into ``_build/html/slides/``, where each
chapter page links its deck.

Which cells are slides is the chapter's own metadata (Jupytext MyST keeps it; the book ignores it):
``+++ {"slideshow": {"slide_type": "slide"}}`` before a Markdown cell, ``slideshow: {slide_type:
slide}`` in a code cell's options (``subslide``, ``fragment``, ``-`` to continue the current
slide, ``notes`` for speaker notes).  A cell without it is left out of the deck; code cells show
their outputs only (the figure, the widget, the printed numbers), never their source.  MyST that a
plain Markdown renderer does not know is rewritten for the slide: glued numbers are filled in from
the chapter's ``.glue.json`` (and glued figures shown as images), citations become "(Author
Year)", cross-references their text, admonitions and exercises block quotes.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXECUTED = ROOT / "_build" / "jupyter_execute"
OUT = ROOT / "_build" / "slides"
VENDOR = ROOT / "book" / "assets" / "vendor"
DECK_VENDOR = ("reveal.js", "jquery", "require.js", "mathjax", "html-manager")
MIN_SLIDES = 8

_ROLE = re.compile(r"\{([\w:-]+)\}`([^`]*)`")
_FENCE = re.compile(r"^(:{3,}|`{3,})\{([\w:-]+)\}\s*(.*)$")


def _bib_labels(path=ROOT / "book" / "references.bib"):
    """key -> "Author Year" (first author's surname; "et al." for more than two)."""
    labels = {}
    for entry in re.split(r"\n(?=@)", path.read_text()):
        key = re.match(r"@\w+\{([^,]+),", entry.strip())
        if not key:
            continue
        author = re.search(r"\bauthor\s*=\s*[{\"](.+?)[}\"],?\s*\n", entry, re.S)
        year = re.search(r"\byear\s*=\s*[{\"]?(\d{4})", entry)
        names = [a.strip() for a in author.group(1).split(" and ")] if author else []
        surnames = [n.strip("{}") if n.startswith("{") else          # {Particle Data Group}
                    re.sub(r"[{}]", "", n.split(",")[0] if "," in n else n.split()[-1])
                    for n in names if n]
        if names and names[0].startswith("{"):                   # a collaboration: its name
            surnames = surnames[:1]
        many = len(surnames) > 2 or "others" in surnames[1:]      # "A and others" in BibTeX
        who = (surnames[0] + (" et al." if many else f" & {surnames[1]}"
                              if len(surnames) == 2 else "")) if surnames else key.group(1)
        labels[key.group(1)] = f"{who} {year.group(1) if year else ''}".strip()
    return labels


def _glue_text(glue, spec):
    name, _, fmt = spec.partition(":")
    data = glue.get(name, {}).get("data", {})
    text = data.get("text/plain", "")
    if not text:
        raise KeyError(f"glued value {name!r} is not in the chapter's glue file")
    if fmt:
        try:
            return format(float(text), fmt)
        except ValueError:
            return text.strip("'\"")
    return text.strip("'\"")


def _role(match, glue, bib):
    role, text = match.groups()
    label, _, target = re.match(r"(.*?)(\s*<([^>]+)>)?$", text, re.S).group(1, 2, 3)
    if role in ("glue:text", "glue", "glue:"):
        return _glue_text(glue, text)
    if role in ("cite", "cite:p", "cite:t"):
        return "(" + "; ".join(bib.get(k.strip(), k.strip()) for k in text.split(",")) + ")"
    if role == "math":
        return f"${text}$"
    if role in ("numref", "eq"):
        return "the figure" if text.startswith("fig") else "the equation"
    if role in ("ref", "doc", "term", "abbr") and target:
        return label
    if role == "doc":
        return "the chapter " + Path(text).name.replace("_", " ")
    return text


def myst_to_markdown(source, glue, bib):
    """A chapter's MyST Markdown cell as Markdown a slide can render (see the module docstring)."""
    out, stack, solution = [], [], False
    for line in source.splitlines():
        fence = _FENCE.match(line.strip())
        if fence and fence.group(2) in ("solution-start", "solution-end"):
            solution = fence.group(2) == "solution-start"     # a solution stays off the slide
        elif solution and not stack:
            continue
        if fence:
            marker, name, title = fence.groups()
            stack.append((marker, name))
            if name in ("glue:figure", "glue:any", "glue") and title.strip() in glue:
                png = glue[title.strip()].get("data", {}).get("image/png")
                if png:
                    out.append(f'<img src="data:image/png;base64,{png.strip()}" '
                               'class="dialm-figure" alt="figure"/>')
                stack[-1] = (marker, "drop")
            elif name in ("solution-start", "solution-end", "figure", "glue:figure", "glue:math",
                          "bibliography", "tableofcontents"):
                stack[-1] = (marker, "drop")
            elif name == "exercise":
                out.append("> **Exercise.** " + title)
            elif name == "math":
                out.append("$$")
                stack[-1] = (marker, "math")
            else:
                out.append(f"> **{title or name.capitalize()}**")
            continue
        if stack and line.strip() == stack[-1][0]:
            if stack.pop()[1] == "math":
                out.append("$$")
            continue
        if stack and stack[-1][1] == "drop":
            continue
        if re.match(r"^\s*:[\w-]+:", line) and stack:        # a directive's option
            continue
        if re.match(r"^\([\w-]+\)=\s*$", line):              # a target label
            continue
        line = re.sub(r"^\$\$(.*)\$\$\s*\([\w-]+\)\s*$", r"$$\1$$", line)
        line = re.sub(r"^(\$\$)\s*\([\w-]+\)\s*$", r"\1", line)
        line = _ROLE.sub(lambda m: _role(m, glue, bib), line)
        quoted = stack and stack[-1][1] not in ("math",)
        out.append(("> " + line) if quoted else line)
    return "\n".join(out)


def deck_notebook(nb, glue, bib):
    """The notebook of the deck: unmarked cells skipped, MyST rewritten; the number of slides."""
    slides = 0
    for cell in nb.cells:
        kind = cell.metadata.get("slideshow", {}).get("slide_type")
        if kind is None:
            cell.metadata["slideshow"] = {"slide_type": "skip"}
        slides += kind in ("slide", "subslide")
        if cell.cell_type == "markdown" and kind not in (None, "skip"):
            cell.source = myst_to_markdown(cell.source, glue, bib)
        if cell.cell_type == "code":          # the static page's note links into the book
            cell.outputs = [o for o in cell.outputs
                            if "dialm-static-note" not in str(o.get("data", {}).get("text/html"))]
    return nb, slides


def _macros():
    import yaml

    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    return config["sphinx"]["config"]["mathjax3_config"]["tex"]["macros"]


def chapters():
    """(part, chapter) of every notebook chapter of a part, in reading order (not the appendix)."""
    from tools import toc

    found = []
    for doc in toc.documents():
        parts = doc.split("/")
        if len(parts) == 3 and parts[1] != "appendix" and \
                toc.is_jupytext_chapter((ROOT / doc).with_suffix(".md")):
            found.append((parts[1], parts[2]))
    return found


def build(only=None, html=ROOT / "_build" / "html"):
    """Write every deck (or those of ``only``, a list of 'part/chapter') and copy them into the
    HTML book ``html`` when it exists; returns {deck: number of slides}."""
    import nbformat
    from nbconvert import SlidesExporter

    bib, macros = _bib_labels(), json.dumps(_macros())
    exporter = SlidesExporter(
        extra_template_basedirs=[str(ROOT / "tools")], template_name="slides_template",
        reveal_url_prefix="../vendor/reveal.js", reveal_theme="white", reveal_transition="none",
        require_js_url="../vendor/require.js", jquery_url="../vendor/jquery/jquery.min.js",
        mathjax_url="../vendor/mathjax/tex-mml-chtml.js",
        widget_renderer_url="../vendor/html-manager/embed-amd.js",
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
        exclude_anchor_links=True)
    for name in DECK_VENDOR:
        target = OUT / "vendor" / name
        if not target.exists():
            src = VENDOR / name
            if not src.exists():
                sys.exit(f"{src} is missing: run `python3 tasks.py slides` (it vendors the assets)")
            (shutil.copytree if src.is_dir() else shutil.copy2)(src, target)
    shutil.copy2(ROOT / "book" / "assets" / "widgets-offline.js", OUT / "widgets-offline.js")
    counts = {}
    for part, chapter in chapters():
        deck = f"{part}/{chapter}"
        if only and deck not in only:
            continue
        executed = EXECUTED / "book" / part / f"{chapter}.ipynb"
        if not executed.exists():
            sys.exit(f"{executed} is missing: build the book first (python3 tasks.py book)")
        glue_file = executed.with_suffix(".glue.json")
        glue = json.loads(glue_file.read_text()) if glue_file.exists() else {}
        nb, counts[deck] = deck_notebook(nbformat.read(executed, as_version=4), glue, bib)
        if counts[deck] < MIN_SLIDES:
            sys.exit(f"{deck}: {counts[deck]} slides marked; a deck needs at least {MIN_SLIDES}")
        resources = {"metadata": {"name": chapter.replace("_", " ")},
                     "dialm": {"macros": macros, "widgets_js": "../widgets-offline.js"}}
        body, _ = exporter.from_notebook_node(nb, resources=resources)
        (OUT / part).mkdir(parents=True, exist_ok=True)
        (OUT / part / f"{chapter}.html").write_text(body)
    if Path(html).exists():
        shutil.rmtree(Path(html) / "slides", ignore_errors=True)
        shutil.copytree(OUT, Path(html) / "slides")
    return counts


if __name__ == "__main__":
    for deck, n in build(sys.argv[1:] or None).items():
        print(f"{deck:32s} {n:3d} slides -> {OUT.relative_to(ROOT)}/{deck}.html")
