"""Tests of dialm.review_data: every table of the review loads, has its columns and sources,
agrees with constants.py and with dialm.limits where they hold the same numbers, and bad names
or malformed files raise ValueError."""

import math
import re

import pytest

from dialm import constants as C
from dialm import review_data as RD
from dialm.limits import load_lfv_limits
from dialm.review_data import (
    BR_COLUMNS,
    BR_TABLES,
    KINDS,
    TABLES,
    load_branching_ratios,
    load_table,
    parse_quoted,
)


@pytest.mark.parametrize("name", list(TABLES))
def test_every_table_loads_with_rows_and_sources(name):
    rows = load_table(name)
    assert len(rows) >= 3
    for r in rows:
        assert r["source_2000"], (name, r)
        for v in r.values():
            if isinstance(v, float):
                assert math.isfinite(v)


@pytest.mark.parametrize("name", BR_TABLES)
def test_branching_ratio_tables_share_columns(name):
    rows = load_table(name)
    number = int(TABLES[name][1])
    for r in rows:
        assert set(BR_COLUMNS) <= set(r), set(BR_COLUMNS) - set(r)
        assert r["table"] == number
        assert r["kind_2000"] in KINDS
        assert r["kind_today"] in KINDS + (None,)
        for era in ("2000", "today"):
            if r[f"kind_{era}"] in ("measured", "limit"):
                assert 0 < r[f"br_{era}"] < 1
            if r[f"kind_{era}"] == "measured":
                assert r[f"err_hi_{era}"] > 0 and r[f"err_lo_{era}"] > 0
        if r["kind_today"] is not None:
            assert r["source_today"]


def test_numeric_columns_finite_and_units_consistent():
    """Branching ratios in (1e-13, 1); errors smaller than ~3x the value (no exponent typo)."""
    for r in load_branching_ratios():
        for era in ("2000", "today"):
            br = r[f"br_{era}"]
            if br is None:
                continue
            assert 1e-13 < br < 1.0, r["mode"]
            if r[f"kind_{era}"] == "measured":
                assert r[f"err_hi_{era}"] < 3 * br and r[f"err_lo_{era}"] <= br, r["mode"]


def test_quoted_entries_reproduce_the_numbers():
    """The review's printed entry, parsed, gives the CSV's value and quadrature-total errors."""
    n = 0
    for r in load_branching_ratios():
        if r["kind_2000"] == "measured":
            v, hi, lo = parse_quoted(r["quoted_2000"])
            assert v == pytest.approx(r["br_2000"], rel=1e-9)
            assert hi == pytest.approx(r["err_hi_2000"], rel=1e-3)
            assert lo == pytest.approx(r["err_lo_2000"], rel=1e-3)
            n += 1
        elif r["kind_2000"] == "limit" and r["table"] != 11:
            assert parse_quoted(r["quoted_2000"])[0] == pytest.approx(r["br_2000"], rel=1e-9)
    assert n == 36  # the measured entries of Tables 3-10


def test_today_within_factor_three_except_the_explained_rows():
    """Measured then and now: within a factor 3, except the rows whose note explains why."""
    outliers = set()
    for r in load_branching_ratios():
        if r["kind_2000"] == r["kind_today"] == "measured":
            ratio = r["br_today"] / r["br_2000"]
            if not 1 / 3 < ratio < 3:
                outliers.add(r["mode"])
                assert r["note"], r["mode"]
    assert outliers == {"KL->mu+ mu- gamma gamma", "K+->pi+ pi+ pi- gamma", "KL->pi+- e-+ nu gamma"}


def test_parse_quoted_forms():
    assert parse_quoted(r"(1.5^{+3.4}_{-1.2})\times10^{-10}") == pytest.approx((1.5e-10, 3.4e-10, 1.2e-10))
    v, hi, lo = parse_quoted(r"(2.5^{+1.3\,+0.5}_{-1.0\,-0.6})\times10^{-7}")
    assert (v, hi, lo) == pytest.approx((2.5e-7, math.hypot(1.3, 0.5) * 1e-7, math.hypot(1.0, 0.6) * 1e-7))
    v, hi, lo = parse_quoted(r"(1.42^{+1.0}_{-0.8}\pm0.10)\times10^{-9}")
    assert hi == pytest.approx(math.hypot(1.0, 0.1) * 1e-9)
    assert lo == pytest.approx(math.hypot(0.8, 0.1) * 1e-9)
    assert parse_quoted(r"<5\times10^{-6}") == (pytest.approx(5e-6), None, None)
    for bad in ["2.6", r"(2.6)\times10^{-6}", r"2.6\pm0.4\times10^{-6}", r"(2.6\pm x)\times10^{-6}"]:
        with pytest.raises(ValueError, match="parse_quoted"):
            parse_quoted(bad)


def test_bad_name_names_the_allowed_names():
    with pytest.raises(ValueError) as err:
        load_table("table4")
    msg = str(err.value)
    assert "load_table" in msg and "name" in msg and "'table4'" in msg
    for name in TABLES:
        assert repr(name) in msg
    with pytest.raises(ValueError):
        load_table(4)


def test_lfv_table_is_the_limits_file():
    """Table 11 is read from the file dialm.limits uses, not a copy; the original keys agree."""
    ours, theirs = load_table("lfv"), load_lfv_limits()
    assert TABLES["lfv"][0] == "lfv_limits_2000.csv"
    assert len(ours) == len(theirs)
    for a, b in zip(ours, theirs, strict=True):
        for k, v in b.items():
            assert a[k] == v, k
        assert a["br_2000"] == a["limit_2000"] and a["kind_2000"] == "limit"


def _row(rows, mode, table=None):
    hits = [r for r in rows if r["mode"] == mode and (table is None or r["table"] == table)]
    assert hits, mode
    return hits


def test_values_agree_with_constants():
    """The same quantity in constants.py (used by other chapters) and in the CSVs."""
    br = load_branching_ratios()
    e787 = _row(br, "K+->pi+ nu nu")[0]
    assert (e787["br_2000"], e787["err_hi_2000"], e787["err_lo_2000"]) == pytest.approx(
        (C.KPNN_E787_2000, C.KPNN_E787_2000.sigma, C.KPNN_E787_2000.sigma_minus))
    assert (e787["br_today"], e787["err_hi_today"], e787["err_lo_today"]) == pytest.approx(
        (C.KPNN_NA62_2024, C.KPNN_NA62_2024.sigma, C.KPNN_NA62_2024.sigma_minus))
    kl = {r["br_2000"]: r for r in _row(br, "KL->pi0 nu nu")}
    assert C.KPNN_KTEV_KL_LIMIT_2000 in kl and C.KPNN_E787_GN_LIMIT_2000 in kl
    assert kl[float(C.KPNN_KTEV_KL_LIMIT_2000)]["br_today"] == pytest.approx(C.KPNN_KOTO_LIMIT_2024)
    pi0ee = _row(br, "KL->pi0 e+ e-")[0]
    assert pi0ee["br_2000"] == pytest.approx(C.KTEV_PI0EE_LIMIT)
    assert pi0ee["br_today"] == pytest.approx(C.KTEV_PI0EE_LIMIT_2004)
    assert pi0ee["events_2000"] == str(C.KTEV_PI0EE_N_OBS)
    ckm = {r["quantity"]: r for r in load_table("ckm")}
    names = [[f"|V_{u}{d}|" for d in "dsb"] for u in "uct"]
    for i in range(3):
        for j in range(3):
            m = C.CKM_ABS_V_TABLE1_2000[i][j]
            r = ckm[names[i][j]]
            if m is None:
                assert r["value_2000"] is None
            else:
                assert (r["value_2000"], r["err_2000"]) == pytest.approx((m, m.sigma))
            today = C.CKM_ABS_V_PDG2024[i][j]
            assert r["value_today"] == pytest.approx(today)
            assert r["err_hi_today"] == pytest.approx(today.sigma)
            assert r["err_lo_today"] == pytest.approx(today.sigma_minus or today.sigma)
    for key, m in zip(("|lambda_u|", "|lambda_c|", "|lambda_t|"), C.CKM_ABS_LAMBDA_TABLE1_2000,
                      strict=True):
        assert (ckm[key]["value_2000"], ckm[key]["err_2000"]) == pytest.approx((m, m.sigma))
    for key, m, now in [("lambda", C.CKM_LAMBDA_2000, C.CKM_LAMBDA_PDG2024),
                        ("A", C.CKM_A_2000, C.CKM_A_PDG2024),
                        ("rho", C.CKM_RHO_2000, C.CKM_RHOBAR_PDG2024),
                        ("eta", C.CKM_ETA_2000, C.CKM_ETABAR_PDG2024),
                        ("rho (aggressive)", C.CKM_RHO_2000_AGGRESSIVE, None),
                        ("eta (aggressive)", C.CKM_ETA_2000_AGGRESSIVE, None)]:
        assert (ckm[key]["value_2000"], ckm[key]["err_2000"]) == pytest.approx((m, m.sigma))
        if now is not None:
            assert ckm[key]["value_today"] == pytest.approx(now)


# --------------------------------------------------------------------------------------------
# malformed files: the loader names file, row and column
# --------------------------------------------------------------------------------------------
_GOOD = load_table("pi0ll")


def _parse_text(filename, text):
    import csv
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    return None, [dict(r) for r in csv.DictReader(lines)]


def _csv_from(rows, **change):
    import csv
    import io
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(BR_COLUMNS), lineterminator="\n")
    w.writeheader()
    for r in rows:
        d = {k: ("" if r[k] is None else r[k]) for k in BR_COLUMNS}
        d.update(change)
        w.writerow(d)
    return buf.getvalue()


@pytest.mark.parametrize("change, match", [
    ({"br_2000": "abc"}, "br_2000 = 'abc' is not a number"),
    ({"br_2000": "nan"}, "br_2000 = 'nan' is not finite"),
    ({"br_2000": "inf"}, "is not finite"),
    ({"source_2000": ""}, "column source_2000 is empty"),
    ({"kind_2000": "maybe"}, "kind_2000 = 'maybe' is not one of"),
    ({"kind_2000": "measured"}, "needs err_hi_2000"),
    ({"br_2000": "-1e-10"}, "needs br_2000 > 0"),
    ({"source_today": ""}, "needs source_today"),
])
def test_malformed_rows_raise(monkeypatch, change, match):
    text = _csv_from(_GOOD, **change)
    monkeypatch.setattr(RD, "_read", lambda filename: _parse_text(filename, text))
    with pytest.raises(ValueError, match=match):
        load_table("pi0ll")


def test_ragged_row_raises(monkeypatch, tmp_path):
    text = _csv_from(_GOOD) + "2,extra\n"
    monkeypatch.setattr(RD.resources, "files", lambda pkg: _FakeFiles(text))
    with pytest.raises(ValueError, match="row 4 has"):
        load_table("pi0ll")


class _FakeFiles:
    def __init__(self, text):
        self.text = text

    def joinpath(self, *parts):
        return self

    def read_text(self, encoding=None):
        return self.text


# --- the tables as narrow MyST tables (markdown_table, format_value) --------------------------


@pytest.mark.parametrize("name", list(RD.TABLES))
def test_markdown_table_is_narrow_and_has_no_raw_latex(name):
    """At most three columns; outside $...$ math no LaTeX command survives (only escaped
    punctuation such as \\[ or \\_); every row of a branching-ratio table has its note."""
    text = RD.markdown_table(name)
    rows = [ln for ln in text.splitlines() if ln.startswith("| ")]
    assert all(ln.count(" | ") <= 2 for ln in rows), name
    prose = re.sub(r"\$[^$]*\$", "", text)
    assert not re.search(r"\\[A-Za-z]", prose), (name, re.findall(r"\\[A-Za-z]+", prose)[:3])
    if name in RD.BR_TABLES:
        assert len(rows) - 1 == len(RD.load_table(name))
        assert text.count(" · ") == len(rows) - 2          # one note a row


def test_format_value_rounds_by_the_pdg_rule():
    assert RD.format_value("measured", 2.94e-7, 1.393e-8, 1.393e-8) == r"$(2.94\pm0.14)\times10^{-7}$"
    assert RD.format_value("measured", 1.0e-6, 0.96e-7, 0.96e-7) == r"$(1.00\pm0.10)\times10^{-6}$"
    assert RD.format_value("measured", 5.0e-3, 4.0e-4, 2.0e-4) == r"$(5.00^{+0.40}_{-0.20})\times10^{-3}$"
    assert RD.format_value("limit", 4.7e-12) == r"$<4.7\times10^{-12}$"
    assert RD.format_value(None, None) == "—"
