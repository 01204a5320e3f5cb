"""The K -> pi nu nubar figures are drawn from sourced data, not from numbers typed in the chapter.

* ``dialm/data/pinunu_history.csv`` (the history figure): every row names its paper (bibkey in
  book/references.bib, reference with DOI or arXiv id) and the PDG 2026 entry it was read from; the
  rows agree with the PDG 2026 database (``pdg`` package) and with the inputs of
  :mod:`dialm.constants` that the rest of the chapter uses (NA62, KOTO, E787).
* ``dialm/data/ckm_constraints.csv`` (the B-physics bands of the rho-eta figure): every input has a
  source; the PDG 2026 ones agree with the database.
* book/kaons/pinunu.md reads both files, draws the Grossman-Nir wedge with ``grossman_nir_factor``,
  types none of the files' numbers in its code, and every figure is named, captioned and referenced.
"""

from __future__ import annotations

import csv
import re
from importlib import resources
from pathlib import Path

import pytest

from dialm import constants as C

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "book" / "kaons" / "pinunu.md"
KINDS = {"measured", "limit", "preliminary"}


def _rows(name):
    with resources.files("dialm").joinpath(f"data/{name}").open() as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


HISTORY = _rows("pinunu_history.csv")
BCON = {r["quantity"]: r for r in _rows("ckm_constraints.csv")}
BIBKEYS = set(re.findall(r"^@\w+\{([^,\s]+),", (ROOT / "book" / "references.bib").read_text(),
                         re.M))


def _find(mode, experiment, year):
    hits = [r for r in HISTORY if r["mode"].startswith(mode) and r["experiment"] == experiment
            and int(r["year"]) == year]
    assert len(hits) == 1, (mode, experiment, year)
    return hits[0]


def test_every_history_row_is_sourced():
    assert len(HISTORY) >= 15
    for r in HISTORY:
        assert r["bibkey"] in BIBKEYS, r
        assert r["kind"] in KINDS, r
        assert r["provenance"] and r["reference"], r
        assert re.search(r"doi:10\.\d{4,}/|arXiv:\d{4}\.\d{4,5}", r["reference"]), r
        assert 1995 <= int(r["year"]) <= 2026
        value = float(r["value"])
        assert 1e-12 < value < 1e-5
        if r["kind"] == "limit":
            assert r["cl"] == "90" and not r["err_hi"], r
        else:
            assert float(r["err_hi"]) > 0 and float(r["err_lo"]) > 0, r
    both = {r["mode"].split()[0] for r in HISTORY}
    assert both == {"K+", "K_L"}


def test_history_agrees_with_the_chapter_inputs():
    for row, m in [(_find("K+", "NA62", 2025), C.KPNN_NA62_2024),
                   (_find("K+", "NA62", 2026), C.KPNN_NA62_2026),
                   (_find("K+", "E787", 2000), C.KPNN_E787_2000)]:
        assert float(row["value"]) == pytest.approx(float(m), rel=1e-9)
        assert float(row["err_hi"]) == pytest.approx(m.sigma, rel=1e-9)
        assert float(row["err_lo"]) == pytest.approx(m.sigma_minus, rel=1e-9)
    koto = _find("K_L", "KOTO", 2025)
    assert float(koto["value"]) == pytest.approx(float(C.KPNN_KOTO_LIMIT_2024), rel=1e-9)
    ktev = _find("K_L", "KTeV", 2000)
    assert float(ktev["value"]) == pytest.approx(float(C.KPNN_KTEV_KL_LIMIT_2000), rel=1e-9)


def test_history_agrees_with_the_pdg_database():
    pdg = pytest.importorskip("pdg")
    from sqlalchemy import text

    api = pdg.connect()
    query = text(
        "select r.document_id, v.value, v.error_positive, v.error_negative "
        "from pdgmeasurement m join pdgreference r on m.pdgreference_id = r.id "
        "join pdgmeasurement_values v on v.pdgmeasurement_id = m.id where m.pdgid = :pid")
    with api.engine.connect() as conn:
        listing = {pid: conn.execute(query, {"pid": pid}).fetchall()
                   for pid in ("S010R32", "S013R40")}
    checked = 0
    for r in HISTORY:
        if r["kind"] == "preliminary":
            continue
        pid, doc = re.search(r"\[(S\d{3}R\d{2})\] ([A-Z-]+ \d{4}[A-Z]?):", r["provenance"]).groups()
        hits = [h for h in listing[pid] if h[0].strip() == doc
                and h[1] == pytest.approx(float(r["value"]), rel=1e-6)]
        assert hits, (doc, r["value"])
        if r["err_hi"]:
            assert hits[0][2] == pytest.approx(float(r["err_hi"]), rel=1e-6)
            assert hits[0][3] == pytest.approx(float(r["err_lo"]), rel=1e-6)
        checked += 1
    assert checked == len(HISTORY) - 1


def test_b_constraints_are_sourced_and_agree_with_pdg():
    assert set(BCON) == {"sin2beta", "abs_vub", "abs_vcb", "delta_md", "delta_ms", "m_b0",
                         "m_bs", "xi"}
    for r in BCON.values():
        assert r["bibkey"] in BIBKEYS and r["source"] and r["provenance"], r
        assert float(r["err_hi"]) > 0 and float(r["err_lo"]) > 0
    pdg = pytest.importorskip("pdg")
    api = pdg.connect()
    hbar_ps = 1e-12                                   # PDG gives Delta m in hbar s^-1
    for key, pid, scale in [("sin2beta", "S042BET", 1.0), ("delta_md", "S042D", hbar_ps),
                            ("delta_ms", "S086D", hbar_ps), ("m_b0", "S042M", 1e-3),
                            ("m_bs", "S086M", 1e-3)]:
        best = api.get(pid).best_summary()
        err = float(BCON[key]["err_hi"])
        assert float(BCON[key]["value"]) == pytest.approx(best.value * scale, abs=0.1 * err)
        assert err == pytest.approx(best.error_positive * scale, rel=0.1), key


def _code_cells(text):
    return re.findall(r"^```\{code-cell\}[^\n]*\n(.*?)^```", text, re.S | re.M)


def test_the_figures_are_drawn_from_the_files():
    text = CHAPTER.read_text()
    code = "\n".join(_code_cells(text))
    assert 'read_table("pinunu_history.csv")' in code
    assert 'read_table("ckm_constraints.csv")' in code
    assert "for r in HISTORY:" in code                       # every point of the history plot
    assert "gn_24_em * bx" in code                           # the wedge: dialm's factor
    assert "grossman_nir_factor(delta_em=C.KPNN_DELTA_EM)" in code
    typed = [r["value"] for r in HISTORY] + [BCON[k]["value"] for k in BCON]
    for number in typed:
        assert not re.search(rf"(?<![\w.]){re.escape(number)}(?![\w.])", code), number
    for name in ("gn", "plane", "history"):
        assert f"glue(\"fig_{name}\", fig" in code
        assert f"```{{glue:figure}} fig_{name}\n:name: fig-pinunu-{name}\n" in text
        assert f"{{numref}}`fig-pinunu-{name}`" in text
