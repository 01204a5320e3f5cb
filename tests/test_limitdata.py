"""Every external limit curve loads through dialm.limitdata, with its provenance header checked."""

import numpy as np
import pytest

from dialm import limitdata
from dialm.limitdata import _parse

GOOD = """# quantity: 90% CL upper limit on g
# source: Example, PRD 1 (2000) 1, arXiv:0000.00000
# bibkey: Example2000
# figure: Fig. 4
# obtained: digitised from Fig. 4
# uncertainty: +-5 % in g
# columns: m_gev, g
0.1,1e-3
0.2,2e-3
"""


@pytest.mark.parametrize("name", limitdata.available())
def test_every_limit_file_loads(name):
    curve = limitdata.load(name)
    assert np.all(np.diff(curve.x) > 0) and np.all(curve.y > 0)
    assert curve.header["bibkey"] and curve.citation


def test_every_bibkey_is_in_the_bibliography():
    from pathlib import Path

    bib = (Path(__file__).parents[1] / "book" / "references.bib").read_text()
    for name in limitdata.available():
        key = limitdata.load(name).header["bibkey"]
        assert f"{{{key}," in bib, f"{name}: bibkey {key} is not in book/references.bib"


def test_a_good_file_parses():
    header, columns, data = _parse("x", GOOD)
    assert columns == ("m_gev", "g") and data.shape == (2, 2) and header["figure"] == "Fig. 4"


@pytest.mark.parametrize("bad, message", [
    (GOOD.replace("# figure: Fig. 4\n", ""), "figure|table|equation"),
    (GOOD.replace("# bibkey: Example2000\n", ""), "bibkey"),
    (GOOD.replace("0.2,2e-3", "0.05,2e-3"), "increase strictly (data row 2)"),
    (GOOD.replace("0.2,2e-3", "0.2,-2e-3"), "positive"),
    (GOOD.replace("0.2,2e-3", "0.2,two"), "line 9"),
    (GOOD.replace("0.2,2e-3", "0.2,2e-3,3"), "columns"),
])
def test_a_bad_file_is_refused_with_the_reason(bad, message):
    with pytest.raises(ValueError, match="load: dialm/data/limits/x.csv"):
        _parse("x", bad)
    with pytest.raises(ValueError) as err:
        _parse("x", bad)
    assert message in str(err.value)


def test_an_unknown_name_names_the_parameter():
    with pytest.raises(ValueError, match="load: name = 'nope'"):
        limitdata.load("nope")
