"""Every physical input carries a value, an uncertainty, a unit and a source."""

import math

import numba
import pytest

from dialm import constants
from dialm.constants import Measured

INPUTS = {name: value for name, value in vars(constants).items() if isinstance(value, Measured)}


def test_there_are_inputs():
    assert {"M_MU", "M_E", "ALPHA_INV", "A_MU_EXP_2025", "CKM_LAMBDA_PDG2024"} <= INPUTS.keys()


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_every_input_is_sourced(name):
    quantity = INPUTS[name]
    assert math.isfinite(quantity) and quantity.sigma >= 0
    assert len(quantity.source) > 6, f"{name} has no source"
    assert quantity.sigma_minus is None or quantity.sigma_minus >= 0
    assert isinstance(quantity.unit, str)


def test_measured_behaves_as_float_in_numpy_and_numba():
    @numba.njit
    def twice(x):
        return 2.0 * x

    assert twice(constants.M_MU) == 2.0 * float(constants.M_MU)
    assert type(constants.M_MU + 1.0) is float


def test_asymmetric_error_and_ufloat():
    a = constants.CKM_A_PDG2024
    assert a.sigma_minus is not None and a.sigma_sym == pytest.approx(0.0155)
    assert a.ufloat().std_dev == pytest.approx(0.0155)


@pytest.mark.parametrize("value, sigma", [(math.nan, 0.0), (1.0, -0.1), (math.inf, 0.0)])
def test_measured_rejects_bad_numbers(value, sigma):
    with pytest.raises(ValueError, match="finite"):
        Measured(value, sigma, "GeV", "test")


def test_alpha_is_the_inverse():
    assert constants.ALPHA * constants.ALPHA_INV == pytest.approx(1.0, rel=1e-15)
