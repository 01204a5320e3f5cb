"""The tables of the review (Barker & Kettell 2000) as data: one CSV a table, one loader.

Every table of "Developments in Rare Kaon Decay Physics" (Ann. Rev. Nucl. Part. Sci. 50 (2000))
lives in ``dialm/data`` as a CSV with a commented header naming the table and its columns, with
the review's table number and the reference the review cites on every row, and today's value
beside the review's where the book has one (PDG 2024 unless a row says otherwise):

=================  =====  ======================================================
name               table  content
=================  =====  ======================================================
``ckm``            1      CKM magnitudes, λ_j and the Wolfenstein parameters
``pi0ll``          2      K⁰ → π⁰ℓ⁺ℓ⁻
``pinunu``         3      K → πνν̄
``two_photon``     4      two photons and related modes (K_L → γγ, ℓ⁺ℓ⁻, ℓ⁺ℓ⁻γ …)
``pi_gamma_gamma`` 5      K → πγγ
``pi_plus_ll``     6      K⁺ → π⁺ℓ⁺ℓ⁻
``radiative_kpi2`` 7      radiative K_π2
``radiative_kl2``  8      radiative K_ℓ2
``kl4``            9      K_ℓ4
``three_body``     10     radiative and rare three-body decays
``lfv``            11     searches beyond the SM (the file of :func:`dialm.limits.load_lfv_limits`)
``experiments``    sec. 6 the experiments and their fate
=================  =====  ======================================================

The branching-ratio tables (2–11, :data:`BR_TABLES`) share one set of columns (``table, mode,
mode_latex, group, kind_2000, br_2000, err_hi_2000, err_lo_2000, quoted_2000, events_2000,
experiment_2000, source_2000, kind_today, br_today, err_hi_today, err_lo_today, source_today,
note``); ``kind`` is ``measured``, ``limit`` (90 % CL upper limit), ``observed`` (events, no
branching ratio) or ``none``; errors are totals (the review's quoted components added in
quadrature, see :func:`parse_quoted`).  Table 11 is not duplicated: ``load_table("lfv")`` reads
``lfv_limits_2000.csv`` (its own columns ``limit_2000``, ``limit_today``, ``lfv``) and adds the
shared columns, so every branching-ratio row has the same keys.

Numbers are dimensionless (branching ratios, CKM moduli); empty cells become ``None``.  A bad
table name raises ``ValueError`` naming the allowed names; a malformed file raises ``ValueError``
naming the file, the row and the column.
"""

from __future__ import annotations

import csv
import math
import re
from importlib import resources

from dialm._validate import choice

__all__ = ["TABLES", "BR_TABLES", "BR_COLUMNS", "KINDS", "load_table", "load_branching_ratios",
           "parse_quoted", "markdown_table", "format_value"]

#: name -> (file in dialm/data, the review's table number or section)
TABLES = {
    "ckm": ("review_ckm.csv", "1"),
    "pi0ll": ("review_pi0ll.csv", "2"),
    "pinunu": ("review_pinunu.csv", "3"),
    "two_photon": ("review_two_photon.csv", "4"),
    "pi_gamma_gamma": ("review_pi_gamma_gamma.csv", "5"),
    "pi_plus_ll": ("review_pi_plus_ll.csv", "6"),
    "radiative_kpi2": ("review_radiative_kpi2.csv", "7"),
    "radiative_kl2": ("review_radiative_kl2.csv", "8"),
    "kl4": ("review_kl4.csv", "9"),
    "three_body": ("review_three_body.csv", "10"),
    "lfv": ("lfv_limits_2000.csv", "11"),
    "experiments": ("review_experiments.csv", "sec. 6"),
}
#: the tables of branching ratios (2-11), in the review's order
BR_TABLES = tuple(k for k in TABLES if k not in ("ckm", "experiments"))
KINDS = ("measured", "limit", "observed", "none")
BR_COLUMNS = ("table", "mode", "mode_latex", "group", "kind_2000", "br_2000", "err_hi_2000",
              "err_lo_2000", "quoted_2000", "events_2000", "experiment_2000", "source_2000",
              "kind_today", "br_today", "err_hi_today", "err_lo_today", "source_today", "note")
_BR_NUMERIC = ("br_2000", "err_hi_2000", "err_lo_2000", "br_today", "err_hi_today", "err_lo_today")
_NUMERIC = {
    "ckm": ("value_2000", "err_2000", "value_today", "err_hi_today", "err_lo_today"),
    "experiments": (),
    "lfv": ("limit_2000", "limit_today"),
}
_REQUIRED = {
    "ckm": ("table", "quantity", "quantity_latex", "kind", "quoted_2000", "source_2000"),
    "experiments": ("table", "lab", "experiment", "running_2000", "physics", "status_2000",
                    "source_2000", "fate_today", "source_today"),
    "lfv": ("mode", "mode_latex", "limit_2000", "experiment_2000", "source_2000", "lfv"),
}
_BR_REQUIRED = ("table", "mode", "mode_latex", "group", "kind_2000", "quoted_2000", "source_2000")
#: physics group of each Table 11 row (the file's own ``lfv`` flag: 1 = lepton-flavour violating)
_LFV_GROUPS = {True: "lepton-flavour violation", False: "lepton-number violation and exotica"}


def _read(filename):
    """Header comments dropped, rows as dicts of strings; ValueError on a ragged row."""
    text = resources.files("dialm").joinpath("data", filename).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    reader = csv.DictReader(lines)
    rows = []
    for i, r in enumerate(reader, start=1):
        if None in r or None in r.values():
            raise ValueError(f"load_table: {filename} row {i} has {len(r)} cells, "
                             f"expected {len(reader.fieldnames)} ({', '.join(reader.fieldnames)})")
        rows.append(dict(r))
    return reader.fieldnames, rows


def _number(filename, i, col, text):
    if text == "":
        return None
    try:
        x = float(text)
    except ValueError:
        raise ValueError(f"load_table: {filename} row {i} column {col} = {text!r} is not a "
                         f"number") from None
    if not math.isfinite(x):
        raise ValueError(f"load_table: {filename} row {i} column {col} = {text!r} is not finite")
    return x


def _check_required(filename, rows, required):
    for i, r in enumerate(rows, start=1):
        for col in required:
            if col not in r:
                raise ValueError(f"load_table: {filename} has no column {col!r}")
            if r[col] in ("", None):
                raise ValueError(f"load_table: {filename} row {i} column {col} is empty")


def _check_br_row(filename, i, r):
    """Kinds known, the numbers a kind needs present, today's value sourced."""
    for era in ("2000", "today"):
        kind = r[f"kind_{era}"]
        if era == "today" and kind is None:
            if r["br_today"] is not None:
                raise ValueError(f"load_table: {filename} row {i}: br_today without kind_today")
            continue
        if kind not in KINDS:
            raise ValueError(f"load_table: {filename} row {i} column kind_{era} = {kind!r} is not "
                             f"one of {', '.join(KINDS)}")
        need = {"measured": ("br", "err_hi", "err_lo"), "limit": ("br",)}.get(kind, ())
        for stem in need:
            v = r[f"{stem}_{era}"]
            if v is None or v < 0 or (stem == "br" and v == 0):
                raise ValueError(f"load_table: {filename} row {i}: kind_{era} = {kind} needs "
                                 f"{stem}_{era} > 0, got {v!r}")
    if r["kind_today"] is not None and not r["source_today"]:
        raise ValueError(f"load_table: {filename} row {i}: a value for today needs source_today")


def _lfv_rows(filename, rows):
    out = []
    for i, r in enumerate(rows, start=1):
        if r["lfv"] not in ("0", "1"):
            raise ValueError(f"load_table: {filename} row {i} column lfv = {r['lfv']!r} is not 0 or 1")
        lim, today = r["limit_2000"], r["limit_today"]
        r = dict(r, lfv=r["lfv"] == "1", source_today=r["source_today"] or None)
        r.update(table=11, group=_LFV_GROUPS[r["lfv"]], kind_2000="limit", br_2000=lim,
                 err_hi_2000=None, err_lo_2000=None, quoted_2000=f"<{_latex_number(lim)}",
                 events_2000="", kind_today="limit" if today is not None else None,
                 br_today=today, err_hi_today=None, err_lo_today=None, note="")
        out.append(r)
    return out


def _latex_number(x):
    mant, exp = f"{x:.3g}".split("e") if "e" in f"{x:.3g}" else (f"{x:.3g}", "0")
    return rf"{mant}\times10^{{{int(exp)}}}"


def load_table(name):
    """One table of the review as a list of dicts (one a row, in the review's order).

    ``name`` is one of :data:`TABLES` (e.g. ``"two_photon"`` for Table 4).  Numeric columns are
    floats (``None`` where empty), ``table`` is an int for Tables 1-11; everything else is the
    CSV's text.  Every row is checked on reading: required columns non-empty, numbers finite, the
    numbers a ``kind`` needs present and positive, today's value with its source.

    Accuracy: exact — no arithmetic: numbers are float() of the file's decimals, the rest its text.

    >>> rows = load_table("two_photon")
    >>> rows[2]["mode"], rows[2]["br_2000"], rows[2]["br_today"]
    ('KL->mu+ mu-', 7.24e-09, 6.84e-09)
    >>> load_table("lfv")[0]["kind_2000"], load_table("lfv")[0]["br_2000"]
    ('limit', 4.7e-12)
    >>> try:
    ...     load_table("kaons")
    ... except ValueError as err:
    ...     print(str(err)[:60])
    load_table: name = 'kaons' is not one of the allowed values
    """
    choice("load_table", "name", name, tuple(TABLES))
    filename, _ = TABLES[name]
    _, rows = _read(filename)
    numeric = _NUMERIC.get(name, _BR_NUMERIC)
    for i, r in enumerate(rows, start=1):
        for col in numeric:
            r[col] = _number(filename, i, col, r[col])
    if name == "lfv":
        _check_required(filename, rows, _REQUIRED["lfv"])
        rows = _lfv_rows(filename, rows)
    else:
        _check_required(filename, rows, _REQUIRED.get(name, _BR_REQUIRED))
    for i, r in enumerate(rows, start=1):
        if name != "experiments":
            r["table"] = int(r["table"])
        if name in BR_TABLES:
            for col in ("kind_today", "source_today"):
                r[col] = r[col] or None
            _check_br_row(filename, i, r)
    return rows


def load_branching_ratios():
    """All rows of Tables 2-11 in one list (the review's order), each with :data:`BR_COLUMNS`.

    Accuracy: exact — the rows of :func:`load_table`, concatenated.

    >>> rows = load_branching_ratios()
    >>> len(rows), sorted({r["table"] for r in rows}) == list(range(2, 12))
    (64, True)
    """
    return [r for name in BR_TABLES for r in load_table(name)]


_NUM = r"(\d*\.?\d+)"
_EXP = re.compile(r"\\times\s*10\^\{(-?\d+)\}\s*$")


def parse_quoted(quoted):
    """Central value and total errors (err_hi, err_lo) of an entry as the review prints it.

    Understands the review's forms: ``(a\\pm b\\pm c)\\times10^{-n}`` (any number of ±
    components), ``(a^{+b}_{-c})``, ``(a^{+b}_{-c}\\pm d)``, ``(a^{+b\\,+c}_{-d\\,-e})`` and
    limits ``<a\\times10^{-n}``.  Components are added in quadrature (independent errors).
    Returns ``(value, err_hi, err_lo)`` (errors ``None`` for a limit).  ValueError otherwise.

    Accuracy: ≤ 1e-15 relative for every quoted form in the data, 10^{±300} (vs the decimals at 40 digits).

    >>> parse_quoted(r"(2.6\\pm0.4\\pm0.2)\\times10^{-6}")
    (2.6e-06, 4.47213595499958e-07, 4.47213595499958e-07)
    >>> parse_quoted(r"<4.7\\times10^{-12}")
    (4.7e-12, None, None)
    """
    s = quoted.strip().replace(r"\,", " ").replace(r"\;", " ")
    m = _EXP.search(s)
    if m is None:
        raise ValueError(f"parse_quoted: quoted = {quoted!r} has no \\times10^{{n}} factor")
    scale = 10.0 ** int(m.group(1))
    body = s[:m.start()].strip()
    if body.startswith("<"):
        return float(body[1:]) * scale, None, None
    if not (body.startswith("(") and body.endswith(")")):
        raise ValueError(f"parse_quoted: quoted = {quoted!r} is neither (value ...) nor <limit")
    body = body[1:-1]
    head = re.match(_NUM, body)
    if head is None:
        raise ValueError(f"parse_quoted: quoted = {quoted!r} has no central value")
    central, rest = float(head.group(1)), body[head.end():]
    ups, downs = [], []
    pattern = re.compile(r"\s*(?:\\pm\s*" + _NUM + r"|\^\{([^}]*)\}_\{([^}]*)\})")
    pos = 0
    while pos < len(rest):
        t = pattern.match(rest, pos)
        if t is None:
            raise ValueError(f"parse_quoted: quoted = {quoted!r}: cannot read {rest[pos:]!r}")
        if t.group(1) is not None:
            ups.append(float(t.group(1)))
            downs.append(float(t.group(1)))
        else:
            ups += [float(x) for x in re.findall(r"\+\s*" + _NUM, t.group(2))]
            downs += [float(x) for x in re.findall(r"-\s*" + _NUM, t.group(3))]
        pos = t.end()
    if not ups:
        raise ValueError(f"parse_quoted: quoted = {quoted!r} has no error")
    return (central * scale, math.sqrt(sum(u * u for u in ups)) * scale,
            math.sqrt(sum(d * d for d in downs)) * scale)


# --- the tables as narrow MyST tables (for the chapters) ------------------------------------------

_TITLES = {
    "ckm": "Table 1. Magnitudes of CKM matrix parameters",
    "pi0ll": r"Table 2. $K^0\to\pi^0\ell^+\ell^-$ (90 % CL upper limits)",
    "pinunu": r"Table 3. $K\to\pi\nu\bar\nu$",
    "two_photon": "Table 4. Two photons and related modes",
    "pi_gamma_gamma": r"Table 5. $K\to\pi\gamma\gamma$",
    "pi_plus_ll": r"Table 6. $K^+\to\pi^+\ell^+\ell^-$",
    "radiative_kpi2": r"Table 7. Radiative $K_{\pi2}$",
    "radiative_kl2": r"Table 8. Radiative $K_{\ell2}$",
    "kl4": r"Table 9. $K_{\ell4}$",
    "three_body": "Table 10. Radiative and rare three-body decays",
    "lfv": "Table 11. Searches for physics beyond the Standard Model (90 % CL upper limits)",
    "experiments": "Section 6. The experiments (status in 2000, and what became of them)",
}
_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _esc(text):
    """Plain text for a Markdown cell or note: no emphasis, no pipes, no raw HTML, no math."""
    text = str(text)
    for ch in "\\*_`[]|$":
        text = text.replace(ch, "\\" + ch)
    return text.replace("<", "&lt;").replace(">", "&gt;")


def _decimals(err):
    """Decimal places by the PDG rule: two significant digits if the error's leading three
    digits are 100-354, one if 355-949, two (after rounding up) if 950-999."""
    e = math.floor(math.log10(err))
    lead = round(err / 10 ** (e - 2))
    n_sig = 2 if lead <= 354 or lead >= 950 else 1
    return max(0, n_sig - 1 - e - (1 if lead >= 950 else 0))


def format_value(kind, value, err_hi=None, err_lo=None, events=""):
    """A branching ratio as MyST text with ``$...$`` math, rounded by the PDG rule.

    ``kind`` is one of :data:`KINDS` or ``None`` (no value): ``"measured"`` gives
    ``$(a\\pm b)\\times10^{n}$`` (or ``a^{+b}_{-c}`` when the errors differ by more than 2 %),
    ``"limit"`` gives ``$<a\\times10^{n}$``, ``"observed"`` gives ``seen (N events)``, ``"none"``
    gives ``no limit`` and ``None`` a dash.  ``value`` and the errors are dimensionless and > 0
    where the kind needs them.

    Accuracy: exact — the numbers rounded to the PDG's significant digits, nothing else computed.

    >>> print(format_value("measured", 2.94e-7, 1.393e-8, 1.393e-8))
    $(2.94\\pm0.14)\\times10^{-7}$
    >>> print(format_value("limit", 4.7e-12))
    $<4.7\\times10^{-12}$
    """
    if kind is not None:
        choice("format_value", "kind", kind, KINDS)
    need = {"measured": (value, err_hi, err_lo), "limit": (value,)}.get(kind, ())
    for name, v in zip(("value", "err_hi", "err_lo")[:len(need)], need, strict=True):
        if v is None or not math.isfinite(v) or v <= 0:
            raise ValueError(f"format_value: {name} = {v!r} must be a finite number > 0 "
                             f"for kind = {kind!r}")
    return _math_value(kind, value, err_hi, err_lo, events)


def _math_value(kind, v, hi, lo, events=""):
    """$...$ math for a branching ratio: (a ± b)×10^n, (a^{+b}_{-c})×10^n, <a×10^n."""
    if kind == "observed":
        return f"seen ({_esc(events)} events)"
    if kind in ("none", None):
        return "—" if kind is None else "no limit"
    n = math.floor(math.log10(v))
    if kind == "limit":
        return f"$<{v / 10**n:.3g}\\times10^{{{n}}}$"
    a, ehi, elo = v / 10**n, hi / 10**n, lo / 10**n
    d = _decimals(min(ehi, elo))
    if math.isclose(ehi, elo, rel_tol=0.02):
        return f"$({a:.{d}f}\\pm{ehi:.{d}f})\\times10^{{{n}}}$"
    return f"$({a:.{d}f}^{{+{ehi:.{d}f}}}_{{-{elo:.{d}f}}})\\times10^{{{n}}}$"


def _ref(source):
    """'[91]' and the citation text of a 'BK2000 Table 5 [91]: ...' source."""
    m = re.match(r"BK2000 (?:Table \d+|sec\. [\d.]+)\s*(\[[^\]]*\])?:?\s*(.*)", source)
    return (m.group(1) or "", m.group(2)) if m else ("", source)


def _br_markdown(name, rows):
    out = ["| mode | review (2000) | today |", "|---|---|---|"]
    notes = []
    for r in rows:
        if r["kind_2000"] in ("measured", "limit", "none"):
            then = f"${r['quoted_2000']}$"
        else:
            then = _math_value("observed", None, None, None, r["events_2000"])
        now = _math_value(r["kind_today"], r["br_today"], r["err_hi_today"], r["err_lo_today"])
        ref, _ = _ref(r["source_2000"])
        parts = [_esc(r["experiment_2000"]) + (f" ref. {_esc(ref)}" if ref else "")]
        if r["events_2000"] and r["kind_2000"] != "observed":
            parts[0] += f", {_esc(r['events_2000'])} events"
        parts += [f"today: {_esc(r['source_today'])}" if r["source_today"] else "",
                  _esc(r["note"]) if r["note"] else ""]
        notes.append("; ".join(p for p in parts if p))
        mark = str(len(notes)).translate(_SUP)
        out.append(f"| ${r['mode_latex']}$ {mark} | {then} | {now} |")
    return out, notes


def _ckm_markdown(rows):
    out = ["| quantity | review (2000) | today (PDG 2024) |", "|---|---|---|"]
    notes = []
    for r in rows:
        if r["value_today"] is None:
            now = "—"
        else:
            v, hi, lo = r["value_today"], r["err_hi_today"], r["err_lo_today"]
            d = _decimals(min(hi, lo))
            now = (f"${v:.{d}f}\\pm{hi:.{d}f}$" if math.isclose(hi, lo) else
                   f"${v:.{d}f}^{{+{hi:.{d}f}}}_{{-{lo:.{d}f}}}$")
        ref, _ = _ref(r["source_2000"])
        text = "; ".join(x for x in (f"review ref. {_esc(ref)}" if ref else "",
                                     _esc(r["note"]) if r["note"] else "") if x)
        mark = ""
        if text:
            notes.append(text)
            mark = " " + str(len(notes)).translate(_SUP)
        out.append(f"| ${r['quantity_latex']}${mark} | ${r['quoted_2000']}$ | {now} |")
    return out, notes


def _experiments_markdown(rows):
    out = []
    for r in rows:
        out.append(f"- **{_esc(r['experiment'])}** ({_esc(r['lab'])}, {_esc(r['table'])}; "
                   f"{_esc(r['running_2000'])}): {_esc(r['physics'])}. In 2000: "
                   f"{_esc(r['status_2000'])}. Since: {_esc(r['fate_today'])} "
                   f"({_esc(r['source_today'])}).")
    return out


def markdown_table(name):
    """One table of the review as a narrow MyST Markdown table, ready for ``display(Markdown())``.

    ``name`` is one of :data:`TABLES`.  Branching-ratio tables (2-11) get three columns — mode,
    the review's entry as printed (its LaTeX in ``$...$`` math), today's value (PDG 2024 unless
    the note says otherwise) — and numbered notes under the table with the experiment, the
    review's reference, the event count, today's source and the row's note; Table 1 likewise
    (quantity, 2000, today).  Section 6 (``"experiments"``) is a bullet list, one experiment an
    item.  No LaTeX outside ``$...$``; free text is escaped (no emphasis, pipes or HTML).

    Accuracy: exact — the file's text and numbers, today's values rounded by the PDG rule.

    >>> print(markdown_table("pi_gamma_gamma").splitlines()[4][:62])
    | $K_L\\to\\pi^0\\gamma\\gamma$ ¹ | $(1.68\\pm0.07\\pm0.08)\\times10^
    """
    choice("markdown_table", "name", name, tuple(TABLES))
    rows = load_table(name)
    head = [f"**{_TITLES[name]}**", ""]
    if name == "experiments":
        return "\n".join(head + _experiments_markdown(rows))
    body, notes = _ckm_markdown(rows) if name == "ckm" else _br_markdown(name, rows)
    tail = ["", "*Notes:* " + " · ".join(f"{str(i).translate(_SUP)} {t}"
                                           for i, t in enumerate(notes, start=1))] if notes else []
    return "\n".join(head + body + tail)
