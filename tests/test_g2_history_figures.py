"""The g-2 history and budget figures of book/g2/sm_prediction.md are drawn from dialm.constants.

Two figures quote published numbers: Delta a_mu = exp - SM in 2006, 2021 and 2025
(``fig-sm_prediction-history``) and the SM budget of the 2020 White Paper
(``fig-sm_prediction-budget``).  Their numbers must come from the sourced constants, never be typed
in the chapter: the cells that draw them read ``C.A_MU_HISTORY`` / ``C.A_MU_BUDGET_WP2020`` and
contain no numeric literal that could be a value of a_mu, a contribution or a year.
"""

import ast
import math
import re
from pathlib import Path

import pytest

from dialm import constants as C
from tools.shape import cells

CHAPTER = Path(__file__).resolve().parents[1] / "book" / "g2" / "sm_prediction.md"


def _figure_cell(glue_name):
    found = [c for c in cells(CHAPTER.read_text()) if f'glue("{glue_name}"' in "\n".join(c.code)]
    assert len(found) == 1, f"one cell glues {glue_name}"
    return "\n".join(found[0].code)


def _suspicious_literals(code):
    """Numeric literals that are not layout numbers: |x| >= 30 or 0 < |x| < 0.01, unless an
    exact power of ten (a scale factor)."""
    out = []
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) \
                and not isinstance(node.value, bool):
            x = abs(float(node.value))
            if x == 0 or math.log10(x).is_integer():
                continue
            if x >= 30 or x < 0.01:
                out.append(node.value)
    return out


def test_the_literal_check_catches_typed_values():
    assert _suspicious_literals("a = 116592061e-11; b = 2021; c = 6931") == [
        116592061e-11, 2021, 6931]
    assert _suspicious_literals("fig = f(figsize=(7.5, 4.2), lim=1e3, alpha=0.25)") == []


@pytest.mark.parametrize("glue_name, source", [("fig_history", "C.A_MU_HISTORY"),
                                                ("fig_budget", "C.A_MU_BUDGET_WP2020")])
def test_figure_cell_reads_the_constants_and_types_no_value(glue_name, source):
    code = _figure_cell(glue_name)
    assert source in code
    assert _suspicious_literals(code) == []


def test_history_is_the_sourced_pairs_in_time_order():
    years = [y for y, _, _ in C.A_MU_HISTORY]
    assert years == sorted(years) and len(set(years)) == len(years)
    assert [(ex, sm) for _, ex, sm in C.A_MU_HISTORY] == [
        (C.A_MU_EXP_BNL2006, C.A_MU_SM_DEHZ2003), (C.A_MU_EXP_2021, C.A_MU_SM_WP2020),
        (C.A_MU_EXP_2025, C.A_MU_SM_WP2025)]
    for year, ex, sm in C.A_MU_HISTORY:
        # each value names its publication; the experiment's is that of the plotted year
        for v in (ex, sm):
            assert v.sigma > 0 and re.search(r"(19|20)\d\d", v.source)
        assert f"({year})" in ex.source


def test_budget_adds_up_to_the_white_paper_total():
    total = sum(v for _, v in C.A_MU_BUDGET_WP2020)
    assert abs(total - C.A_MU_SM_WP2020) < 1.5e-11
    assert [name for name, _ in C.A_MU_BUDGET_WP2020] == [
        "QED", "EW", "HVP LO", "HVP NLO", "HVP NNLO", "HLbL"]


def test_the_chapter_refers_to_both_figures():
    text = CHAPTER.read_text()
    for name in ("fig-sm_prediction-history", "fig-sm_prediction-budget"):
        assert f":name: {name}" in text and f"{{numref}}`{name}`" in text
