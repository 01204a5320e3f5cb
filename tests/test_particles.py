"""Particle data: one name per physical quantity, each value with its PDG edition and listing,
and each value equal to the table it names (the ``particle`` package, the PDG database)."""

import math
import re
import warnings
from itertools import combinations

import pytest

from dialm import constants, particles
from dialm.constants import Measured
from dialm.particles import Datum

DATA = {name: value for name, value in vars(particles).items() if isinstance(value, Datum)}
PDG_ID = re.compile(r"^[SMQ]\d{3}[A-Z0-9.+]*$")  # a PDG listing identifier, e.g. S010T, S013.9


def _measured_in(module):
    """Every Measured a module defines, tuples of them unpacked as NAME[i][j]."""
    out = {}

    def walk(name, value):
        if isinstance(value, Measured):
            out[name] = value
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                walk(f"{name}[{i}]", item)

    for name, value in vars(module).items():
        if not name.startswith("_"):
            walk(name, value)
    return out


def test_there_is_particle_data():
    assert {"M_KPLUS", "TAU_KL_S", "TAU_KPLUS_S", "M_PIPLUS", "BR_PI0_GG", "V_US", "G_F",
            "M_RHO0", "M_OMEGA", "M_PHI", "ALPHA_INV"} <= DATA.keys()


def test_one_name_per_quantity():
    """No two names of dialm.particles hold the same (quantity, particle)."""
    seen = {}
    for name, datum in sorted(DATA.items()):
        key = (datum.quantity, datum.particle)
        assert key not in seen, f"{name} and {seen[key]} both hold the {key[1]} {key[0]}"
        seen[key] = name


def test_constants_re_exports_the_same_objects():
    """A particle-data name read through dialm.constants is the object of dialm.particles."""
    for name, datum in DATA.items():
        assert getattr(constants, name) is datum, name
    stray = [name for name, value in vars(constants).items()
             if isinstance(value, Datum) and DATA.get(name) is not value]
    assert not stray, f"particle data under a second name in dialm.constants: {stray}"


# Pairs of constants that hold equal numbers but are different quantities (checked by hand).
DISTINCT = {
    frozenset({"CKM_LAMBDA_PDG2024", "V_US"}): "Wolfenstein lambda is defined as |V_us|: "
    "the fit's lambda and the fit's |V_us| are quoted separately by the PDG review",
}


def _same_number(a, b):
    return (float(a) == float(b) and a.unit == b.unit
            and (a.sigma, a.sigma_minus) == (b.sigma, b.sigma_minus))


def test_no_particle_data_quantity_in_constants_twice():
    """A model/analysis input of dialm.constants that repeats a particle-data value (same
    number, error and unit) or another input with the same source must be declared distinct.
    A collection that holds a named input itself (the same object, e.g. the g-2 history) is not a
    second name for it."""
    inputs = {name: value for name, value in _measured_in(constants).items()
              if name not in DATA and not isinstance(value, Datum)}
    clashes = []
    for (n1, v1), (n2, v2) in combinations(sorted(inputs.items()), 2):
        if v1 is not v2 and _same_number(v1, v2) and v1.source == v2.source:
            if frozenset({n1, n2}) not in DISTINCT:
                clashes.append((n1, n2))
    for n1, v1 in sorted(inputs.items()):
        for n2, v2 in sorted(DATA.items()):
            if _same_number(v1, v2) and v1.sigma > 0 and frozenset({n1, n2}) not in DISTINCT:
                clashes.append((n1, n2))
    assert not clashes, f"the same quantity under two names: {clashes}"


@pytest.mark.parametrize("name", sorted(DATA))
def test_every_datum_names_edition_and_listing(name):
    datum = DATA[name]
    assert datum.edition in ("2024", "2026"), name
    assert datum.listing and f"PDG {datum.edition} [{datum.listing}]" in datum.source
    assert datum.quantity and datum.particle
    if datum.edition == "2026":  # the listings of the edition the database and `particle` hold
        assert "memory" not in datum.source and "verify" not in datum.source
        assert PDG_ID.match(datum.listing), f"{name}: {datum.listing!r} is not a PDG identifier"
    else:
        assert not PDG_ID.match(datum.listing)  # a review table, named in words


PARTICLE_DATA = sorted(name for name, d in DATA.items() if d.via == "particle")
LISTED = sorted(name for name, d in DATA.items() if PDG_ID.match(d.listing))


@pytest.mark.parametrize("name", PARTICLE_DATA)
def test_value_is_the_particle_package_value(name):
    from particle import Particle

    datum = DATA[name]
    entry = Particle.from_pdgid(datum.mcid)
    if datum.quantity == "mass":
        value, up, down = entry.mass, entry.mass_upper, entry.mass_lower
    else:
        value, up, down = entry.width, entry.width_upper, entry.width_lower
    assert float(datum) == pytest.approx(value * 1e-3, rel=1e-12), name
    assert datum.sigma == pytest.approx(up * 1e-3, rel=1e-9)
    assert (datum.sigma_minus or datum.sigma) == pytest.approx(down * 1e-3, rel=1e-9)


def test_particle_package_holds_the_pdg_2026_tables():
    import particle.data

    assert particle.__version__ == "1.1.0"
    assert "particle2026.csv" in particle.Particle.table_names()
    head = (particle.data.basepath / "mass_width_2026.txt").read_text()[:200]
    assert "2026 EDITION OF RPP" in head


_UNIT = {"GeV": 1.0, "MeV": 1e-3, "keV": 1e-6, "eV": 1e-9, "s": 1.0, "": 1.0,
         "degrees": math.pi / 180}


@pytest.fixture(scope="module")
def pdg_api():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pdg

        api = pdg.connect()
    assert api.editions == ["2026"]
    return api


def _summaries(api, listing):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return list(api.get(listing).summary_values())


@pytest.mark.parametrize("name", LISTED)
def test_value_is_the_pdg_listing_value(name, pdg_api):
    """The listing named in the source holds the value: to the digits the PDG prints for values
    read from the listing, within 0.2 sigma for values taken from the ``particle`` table."""
    datum = DATA[name]
    tried = []
    for summary in _summaries(pdg_api, datum.listing):
        scale = _UNIT[summary.units or ""]
        value, err = summary.value * scale, summary.error_positive * scale
        err_minus = summary.error_negative * scale
        central = re.match(r"\(?(-?[\d.]+)", summary.display_value_text).group(1)
        decimals = len(central.partition(".")[2])
        last = 10.0 ** (summary.display_power_of_ten - decimals) * scale
        if datum.via == "particle":
            ok = abs(float(datum) - value) <= 0.2 * err
        else:
            ok = (abs(float(datum) - value) <= 0.51 * last
                  and abs(datum.sigma - err) <= 0.51 * last
                  and abs((datum.sigma_minus or datum.sigma) - err_minus) <= 0.51 * last)
        tried.append(f"{summary.display_value_text} ({summary.units})")
        if ok:
            return
    pytest.fail(f"{name} = {datum!r} is not the value of PDG 2026 [{datum.listing}]: {tried}")
