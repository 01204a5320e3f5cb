"""Every input sourced (issue 13 §1).

* every :class:`~dialm.constants.Measured` in :mod:`dialm.constants` names where it comes from
  precisely enough to check: an arXiv id, a DOI, a journal reference, a PDG edition, the talk or
  the review, or says that it is a model choice / assumption of the book — and carries no
  unverified marker ("from memory", "verify", ...);
* no data file under ``lib/dialm/data`` carries an unverified marker;
* every entry of ``book/references.bib`` has a DOI or an arXiv id (a book an ISBN, the talk a URL).

The inputs still waiting for their primary source are listed by name in ``PENDING_INPUTS`` (and
files in ``PENDING_FILES``, bib keys in ``PENDING_BIB``).  The lists are strict both ways: an input
that is not listed must pass, and a listed one that passes fails the test until it is removed from
the list — the lists can only shrink.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dialm import constants as C
from dialm.constants import Measured

ROOT = Path(__file__).resolve().parents[1]

#: An unverified marker in a source text (case-insensitive).
UNVERIFIED = re.compile(
    r"from memory|\bverify\b|\bverified\b.*\bnot\b|\bnot verified\b|\brecalled\b|read by eye"
    r"|search tool|\bseed \d{3}\b|\boffline\b|to be checked|\bunverified\b", re.IGNORECASE)

#: A locator: where to look the value up.
LOCATOR = re.compile(
    r"arXiv:\s?\d{4}\.\d{4,5}|\b\d{4}\.\d{4,5}\b|\b(?:hep|astro|nucl|gr)-(?:ex|ph|th|lat|qc)?/\d{7}"
    r"|\b10\.\d{4,}/\S+"                                     # DOI
    r"|\bPDG (?:19|20)\d\d\b|\bCODATA (?:19|20)\d\d\b"       # PDG / CODATA edition
    r"|\b[A-Z][A-Za-z. ]{1,30}\d{1,4},? \(?(?:19|20)\d\d\)? \d{1,6}"  # journal ref
    r"|\b[A-Z][A-Za-z. ]{1,30}\d{1,4} \((?:19|20)\d\d\)"     # journal volume (year)
    r"|Krnjaic 2021 talk|Barker & Kettell 2000|\bthe review\b"
    r"|\bmodel choice\b|\bassumption\b|\bderived\b|\bdefinition\b|\bexact\b")


def _inputs() -> dict[str, Measured]:
    out = {}
    for name, value in vars(C).items():
        if name.startswith("_"):
            continue
        if isinstance(value, Measured):
            out[name] = value
        elif isinstance(value, (tuple, list)):
            for i, v in enumerate(value):
                if isinstance(v, Measured):
                    out[f"{name}[{i}]"] = v
                elif isinstance(v, (tuple, list)):
                    for j, w in enumerate(v):
                        if isinstance(w, Measured):
                            out[f"{name}[{i}][{j}]"] = w
    return out


INPUTS = _inputs()


def problem(source: str) -> str | None:
    """Why a source text is not good enough, or None."""
    if not source.strip():
        return "no source"
    m = UNVERIFIED.search(source)
    if m:
        return f"unverified marker {m.group(0)!r}"
    if not LOCATOR.search(source):
        return "no locator (arXiv id, DOI, journal reference, PDG edition, the talk/review)"
    return None


#: Inputs whose primary source is still to be checked (names as in dialm.constants).
PENDING_INPUTS: frozenset[str] = frozenset()

#: Data files with an unverified marker still in them.
PENDING_FILES: frozenset[str] = frozenset()

#: Bib entries without DOI/arXiv id still to be looked up.
PENDING_BIB: frozenset[str] = frozenset({
    "BMS1983", "EckerPichdeRafael1987", "KolbTurner1990", "Schenk1991",
})


def test_the_checks_find_the_problems():
    assert problem("") == "no source"
    assert problem("PDG 2024 (from memory)").startswith("unverified")
    assert problem("typical fit value") is not None
    assert problem("NA62, arXiv:2412.12015, Table 3") is None
    assert problem("Phys. Rept. 887 (2020) 1, eq. 2.33") is None
    assert problem("PDG 2024, K+ mean life") is None
    assert problem("Krnjaic 2021 talk (seed 000)").startswith("unverified")


def test_every_input_is_sourced():
    bad = {name: problem(v.source) for name, v in INPUTS.items()}
    bad = {k: v for k, v in bad.items() if v}
    new = {k: v for k, v in bad.items() if k not in PENDING_INPUTS}
    fixed = sorted(PENDING_INPUTS - set(bad))
    assert not new, f"inputs without a checked source: {new}"
    assert not fixed, f"sourced now, remove from PENDING_INPUTS: {fixed}"


DATA = sorted((ROOT / "lib" / "dialm" / "data").glob("*.csv"))


@pytest.mark.parametrize("path", DATA, ids=[p.name for p in DATA])
def test_data_files_carry_no_unverified_marker(path):
    hits = [(n, m.group(0)) for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
            for m in UNVERIFIED.finditer(line)]
    if path.name in PENDING_FILES:
        assert hits, f"{path.name} is clean now: remove it from PENDING_FILES"
    else:
        assert not hits, f"{path.name}: unverified markers at {hits[:10]}"


def bib_entries(text: str) -> dict[str, tuple[str, str]]:
    """key -> (entry type, body) of every entry in a BibTeX file."""
    out = {}
    for m in re.finditer(r"@(\w+)\{([^,\s]+),(.*?)\n\}", text, re.S):
        out[m.group(2)] = (m.group(1).lower(), m.group(3))
    return out


def bib_problem(kind: str, body: str) -> str | None:
    fields = {f.lower() for f in re.findall(r"^\s*(\w+)\s*=", body, re.M)}
    if fields & {"doi", "eprint"}:
        return None
    if kind == "book" and "isbn" in fields:
        return None
    if kind == "misc" and "url" in fields:
        return None
    return "no DOI or arXiv id"


def test_every_bib_entry_has_a_doi_or_arxiv_id():
    entries = bib_entries((ROOT / "book" / "references.bib").read_text("utf-8"))
    assert len(entries) > 100
    bad = {k: p for k, (kind, body) in entries.items() if (p := bib_problem(kind, body))}
    new = {k: v for k, v in bad.items() if k not in PENDING_BIB}
    fixed = sorted(PENDING_BIB - set(bad))
    assert not new, f"bib entries without DOI/arXiv id: {new}"
    assert not fixed, f"fixed now, remove from PENDING_BIB: {fixed}"


def test_the_bibliography_parses_with_unique_keys():
    """The book's BibTeX parser reads every entry (a lost brace stops the whole build)."""
    from pybtex.database import parse_file

    path = ROOT / "book" / "references.bib"
    database = parse_file(str(path))       # raises on a syntax error, naming the line
    assert len(database.entries) == len(bib_entries(path.read_text("utf-8")))
