"""dialm.scan on a real local cluster: two worker processes, one thread each (the book's 2 cores).

The scan on Dask must give the serial array bit for bit (grids) and the same toys (ensembles),
survive a worker killed mid-scan, and turn bad input into a ValueError that names the parameter
or the point.  The study functions come from tests/_scan_funcs.py, a module the workers import
by name.  The gen_cluster tests are in tests/test_scan_gen_cluster.py (one event loop a module).
"""

from __future__ import annotations

import os

import _scan_funcs as F
import numpy as np
import pytest
from distributed import Client, LocalCluster

from dialm import scan, studies
from dialm.scan import ScanError, scan_grid, scan_toys, toy_seeds

GRID = {"x": np.linspace(0.0, 1.0, 9), "y": np.array([0.5, 1.0, 2.0, 3.0])}


@pytest.fixture(scope="module")
def client():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as c:
        yield c


def test_grid_on_two_workers_is_the_serial_array_bit_for_bit(client):
    serial = scan_grid(F.smooth, GRID)
    assert serial.shape == (9, 4, 2)
    assert serial[2, 1, 1] == F.smooth(0.25, 1.0)[1]
    for chunk in (None, 1, 5, 36):
        assert np.array_equal(scan_grid(F.smooth, GRID, client=client, chunk_size=chunk), serial)
    assert np.array_equal(scan_grid(F.smooth, GRID, chunk_size=7), serial)


def test_toys_on_two_workers_are_the_serial_toys(client):
    serial = scan_toys(F.draws, 40, seed=5)
    assert serial.shape == (40, 4)
    assert np.array_equal(serial[17], F.draws(toy_seeds(5, 17)))      # toy 17 re-run alone
    assert len({row.tobytes() for row in serial}) == 40                # 40 different toys
    for chunk in (None, 3, 40):
        assert np.array_equal(scan_toys(F.draws, 40, seed=5, client=client, chunk_size=chunk),
                              serial)
    assert not np.array_equal(scan_toys(F.draws, 40, seed=6), serial)


def test_the_book_studies_run_on_the_workers(client):
    # numba kernels reach the workers by reference and compile or load their cache there
    inputs = dict(n0=1e9, tau_lab=64.4e-6, asymmetry=0.37, omega_a=1.439e6, phase=0.5)
    toys = scan_toys(studies.omega_a_toy, 4, seed=11, fixed=inputs, client=client)
    assert np.array_equal(toys, scan_toys(studies.omega_a_toy, 4, seed=11, fixed=inputs))
    assert np.all(toys[:, -1] == 1.0)
    grid = {"background": [0.0, 1.5], "mu": [0.0, 0.7, 2.5]}
    cov = scan_grid(studies.fc_coverage, grid, client=client)
    assert np.array_equal(cov, scan_grid(studies.fc_coverage, grid))
    assert np.all(cov >= 0.9 - 1e-12)


def test_a_worker_killed_mid_scan_loses_nothing(client, tmp_path):
    done = tmp_path / "already-died"
    done.write_text("")
    reference = scan_grid(F.die_once, GRID, fixed={"marker": str(done)})   # no death here
    marker = tmp_path / "died"
    result = scan_grid(F.die_once, GRID, fixed={"marker": str(marker), "delay": 0.02},
                       client=client, chunk_size=2)
    assert marker.exists(), "no worker died: the test did not test anything"
    assert int(marker.read_text()) != os.getpid()
    assert np.array_equal(result, reference)
    client.wait_for_workers(2, timeout=120)      # the nanny restarts it; leave two workers


def test_a_point_that_raises_is_named_and_nothing_else_is_lost(client):
    serial = scan_grid(F.smooth, GRID)
    for c in (None, client):
        with pytest.raises(ScanError) as info:
            scan_grid(F.fails_at, GRID, client=c, chunk_size=3)
        err = info.value
        assert isinstance(err, ValueError)
        text = str(err)
        assert text.startswith("scan_grid: func failed at 4 of 36 points")
        assert "point (2, 0) (x=0.25, y=0.5)" in text
        assert "x = 0.25 is outside the allowed range" in text
        assert [f["index"] for f in err.failures] == [(2, 0), (2, 1), (2, 2), (2, 3)]
        assert err.failures[1]["point"] == {"x": 0.25, "y": 1.0}
        assert "fails_at" in err.failures[0]["traceback"]
        keep = np.arange(9) != 2
        assert np.array_equal(err.values[keep], serial[keep])
        assert np.isnan(err.values[2]).all()


def test_a_toy_that_raises_is_named_with_its_seed(client):
    bad = toy_seeds(1, 2)
    with pytest.raises(ScanError, match=rf"scan_toys: func failed at 1 of 6 points; the first at "
                       rf"toy 2 \(seed={bad}\): RuntimeError: the fit did not converge") as info:
        scan_toys(F.draws_unless, 6, seed=1, fixed={"bad_seed": bad}, client=client)
    good = scan_toys(F.draws, 6, seed=1)
    assert np.array_equal(np.delete(info.value.values, 2, axis=0), np.delete(good, 2, axis=0))
    assert info.value.failures[0]["index"] == 2


@pytest.mark.parametrize("kwargs, fragment", [
    ({"grid": {"z": [1.0], "y": [1.0]}}, "grid parameter 'z' is not a parameter of smooth; its "
                                         "parameters are x, y, delay"),
    ({"grid": {"x": [], "y": [1.0]}}, "axis 'x' is empty"),
    ({"grid": {"x": [[0.1, 0.2]], "y": [1.0]}}, "axis 'x' must be a 1-d sequence"),
    ({"grid": {}}, "is not a non-empty dict"),
    ({"grid": {"x": [0.1]}, "fixed": {"x": 1.0, "y": 1.0}}, "'x' is both a grid axis and fixed"),
    ({"grid": {"x": [0.1]}, "fixed": {"dely": 1.0}}, "fixed parameter 'dely' is not a parameter"),
    ({"grid": GRID, "chunk_size": 0}, "chunk_size = 0 is outside the allowed range"),
    ({"grid": GRID, "client": "tcp://127.0.0.1:8786"}, "is not a distributed.Client"),
])
def test_bad_grid_input_names_the_parameter(kwargs, fragment):
    with pytest.raises(ValueError, match="^scan_grid: ") as info:
        scan_grid(F.smooth, **kwargs)
    assert fragment in str(info.value)


def test_bad_toy_input_and_results_that_are_not_numbers():
    with pytest.raises(ValueError, match="n_toys = 0 is outside the allowed range"):
        scan_toys(F.draws, 0, seed=1)
    with pytest.raises(ValueError, match="'seed' is set per toy"):
        scan_toys(F.draws, 3, seed=1, fixed={"seed": 4})
    with pytest.raises(ValueError, match="toy parameter 'seed' is not a parameter of smooth"):
        scan_toys(F.smooth, 3, seed=1, fixed={"x": 1.0, "y": 1.0})
    with pytest.raises(ScanError, match=r"point 0 \(x=1\): returned 'x = 1', not a number"):
        scan_grid(F.not_numbers, {"x": [1, 2]})
    with pytest.raises(ValueError, match=r"^scan_toys: func returned shape \(3,\) at toy 1 "
                       r"\(seed=\d+\) but \(2,\) at toy 0"):
        scan_toys(F.ragged, 2, seed=0, fixed={"short_seed": toy_seeds(0, 0)})


def test_progress_bar_and_chunk_rule(client, capsys):
    scan_grid(F.smooth, GRID, client=client, progress=True)
    assert "scan_grid: smooth" in capsys.readouterr().err
    # the rule: ~TARGET_TASK_S of work a chunk, but >= CHUNKS_PER_WORKER chunks a worker thread
    assert scan._chunk_size(F.smooth, ("x", "y"), (0.1, 0.2), {}, 10**6, 2, None) > 1000
    assert scan._chunk_size(F.smooth, ("x", "y"), (0.1, 0.2), {}, 80, 2, None) == 10
    slow = {"delay": scan.TARGET_TASK_S / 4}
    assert scan._chunk_size(F.smooth, ("x", "y"), (0.1, 0.2), slow, 10**6, 2, None) <= 4
