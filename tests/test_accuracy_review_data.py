"""Stated accuracy of dialm.review_data (see tests/_accuracy.py).

The loaders do no arithmetic: a numeric cell is ``float()`` of the CSV's decimal string (correctly
rounded, so "exact" means: the nearest double to what the file says), everything else is the
file's text; :func:`test_loaders_are_the_files` checks that cell by cell against the raw CSVs.
:func:`~dialm.review_data.parse_quoted` multiplies by 10⁻ⁿ and adds errors in quadrature, so it
has a numeric bound: the reference parses every quoted entry of the data (and the forms of the
docstring) again, token by token, and evaluates value·10ⁿ and √(Σ components²)·10ⁿ at 40 digits
from the decimal strings.
"""

from __future__ import annotations

import csv
import re
from importlib import resources

import mpmath as mp
import pytest
from _accuracy import Case, check, stated

from dialm import review_data as RD

_TOKEN = re.compile(r"\\pm|\^\{|_\{|\}|\(|\)|<|[+-]|\d*\.?\d+")


def _ref_parse(quoted):
    """(value, err_hi, err_lo) at 40 digits: a small state machine over the tokens."""
    s = quoted.replace(r"\,", " ").replace(r"\;", " ")
    head, exp = re.fullmatch(r"\s*(.*?)\\times\s*10\^\{(-?\d+)\}\s*", s).groups()
    scale = mp.mpf(10) ** int(exp)
    toks = _TOKEN.findall(head)
    if toks[0] == "<":
        return mp.mpf(toks[1]) * scale, None, None
    assert toks[0] == "(" and toks[-1] == ")", quoted
    value = mp.mpf(toks[1])
    up, down, where, sign, pending_pm = [], [], None, None, False
    for t in toks[2:-1]:
        if t == r"\pm":
            pending_pm = True
        elif t == "^{":
            where = up
        elif t == "_{":
            where = down
        elif t == "}":
            where = None
        elif t in "+-":
            sign = t
        else:
            if pending_pm:
                up.append(mp.mpf(t))
                down.append(mp.mpf(t))
                pending_pm = False
            else:
                assert where is not None and sign == ("+" if where is up else "-"), quoted
                where.append(mp.mpf(t))
    return (value * scale, mp.sqrt(sum(u * u for u in up)) * scale,
            mp.sqrt(sum(d * d for d in down)) * scale)


def ref_parse_quoted(quoted):
    return _ref_parse(quoted)


_ROWS = RD.load_branching_ratios()
#: every measured entry the review prints (one of each form), the docstring's and the tests' forms
MEASURED = sorted({r["quoted_2000"] for r in _ROWS if r["kind_2000"] == "measured"}) + [
    r"(2.6\pm0.4\pm0.2)\times10^{-6}", r"(2.5^{+1.3\,+0.5}_{-1.0\,-0.6})\times10^{-7}",
    r"(1.42^{+1.0}_{-0.8}\pm0.10)\times10^{-9}", r"(1.06\pm0.02\pm0.02\pm0.04)\times10^{-5}",
    r"(9.99\pm0.01)\times10^{-300}", r"(1.0\pm3)\times10^{300}"]
LIMITS = sorted({r["quoted_2000"] for r in _ROWS if r["kind_2000"] == "limit" and r["table"] != 11}
                | {RD.load_table("lfv")[i]["quoted_2000"] for i in range(3)})

CASES = [Case(RD.parse_quoted, ref_parse_quoted, [(q,) for q in MEASURED])]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_stated_accuracy(case):
    check(case)


def test_parse_quoted_limits_within_the_stated_bound():
    """Limits return (value, None, None): the harness compares numbers only, so here by hand."""
    bound = stated(RD.parse_quoted)
    for q in LIMITS:
        v, hi, lo = RD.parse_quoted(q)
        ref = _ref_parse(q)[0]
        assert hi is None and lo is None
        assert abs(mp.mpf(v) - ref) <= bound * ref, q


def test_every_quoted_entry_is_read():
    """Each printed entry of the data is one of the forms parse_quoted reads (or says it is not
    a number: the 'observed' and 'none' rows)."""
    for r in _ROWS:
        if r["kind_2000"] in ("measured", "limit"):
            RD.parse_quoted(r["quoted_2000"])
        else:
            with pytest.raises(ValueError, match="parse_quoted"):
                RD.parse_quoted(r["quoted_2000"])


def _raw(filename):
    text = resources.files("dialm").joinpath("data", filename).read_text(encoding="utf-8")
    return list(csv.DictReader(ln for ln in text.splitlines() if ln and not ln.startswith("#")))


@pytest.mark.parametrize("name", list(RD.TABLES))
def test_loaders_are_the_files(name):
    """The 'exact' of load_table: a number is float() of its cell, text is the cell itself."""
    filename, _ = RD.TABLES[name]
    raw, rows = _raw(filename), RD.load_table(name)
    assert len(raw) == len(rows)
    for a, b in zip(raw, rows, strict=True):
        for col, text in a.items():
            v = b[col]
            if isinstance(v, float):
                assert v == float(text), (name, col)
            elif v is None:
                assert text == "", (name, col)
            elif isinstance(v, bool):
                assert v == (text == "1"), (name, col)
            elif isinstance(v, int):
                assert v == int(text), (name, col)
            else:
                assert v == text, (name, col)


def test_branching_ratios_are_the_tables():
    assert RD.load_branching_ratios() == [r for name in RD.BR_TABLES for r in RD.load_table(name)]
