"""dialm.scan against in-process Dask clusters from ``distributed.utils_test.gen_cluster``.

A module of its own: gen_cluster runs its own event loop per test, which does not mix with the
live LocalCluster fixture of tests/test_scan.py in one module.  The scan itself is synchronous
(it is what a notebook calls), so it runs in a thread with a synchronous Client connected to the
test scheduler's address — the way a study connects to a cluster that is already running.
"""

from __future__ import annotations

import asyncio

import _scan_funcs as F
import numpy as np
import pytest
from distributed import Client
from distributed.utils_test import gen_cluster

from dialm import scan
from dialm.scan import scan_grid, scan_toys


@pytest.fixture(autouse=True)
def _no_foreign_running_loop():
    """Clear another library's event loop from this thread for the test, then restore it.

    Playwright's synchronous API (the browser tests of the same pytest session) keeps its asyncio
    loop registered as running in the main thread while its session fixture lives; gen_cluster
    starts a loop of its own there and refuses to while another one is registered.
    """
    loop = asyncio.events._get_running_loop()
    asyncio.events._set_running_loop(None)
    yield
    asyncio.events._set_running_loop(loop)


GRID = {"x": np.linspace(0.0, 1.0, 7), "y": np.array([0.5, 2.0, 3.0])}


def _scan_at(address, *args, **kwargs):
    with Client(address) as client:
        return scan_grid(*args, client=client, **kwargs)


@gen_cluster(client=False, nthreads=[("127.0.0.1", 1), ("127.0.0.1", 3)], timeout=120)
async def test_unequal_workers_through_a_scheduler_address(s, a, b):
    serial = scan_grid(F.smooth, GRID)
    result = await asyncio.to_thread(_scan_at, s.address, F.smooth, GRID, chunk_size=2)
    assert np.array_equal(result, serial)


@gen_cluster(client=False, nthreads=[("127.0.0.1", 1), ("127.0.0.1", 1)], timeout=120)
async def test_a_worker_leaving_mid_scan(s, a, b):
    serial = scan_grid(F.smooth, GRID)
    running = asyncio.ensure_future(asyncio.to_thread(
        _scan_at, s.address, F.smooth, GRID, fixed={"delay": 0.05}, chunk_size=1))
    while sum(ts.state == "memory" for ts in s.tasks.values()) < 3:
        await asyncio.sleep(0.01)
    assert not running.done()
    await a.close()                           # its stored and running chunks are re-run on b
    result = await running
    assert np.array_equal(result, serial)
    assert len(s.workers) == 1


@gen_cluster(client=True, nthreads=[("127.0.0.1", 1)], timeout=120)
async def test_a_chunk_task_reports_failures_instead_of_erring(c, s, a):
    # a point that raises must not fail the Dask task: Dask would retry or drop the whole chunk
    rows = [(0.1, 0.5), (0.25, 0.5), (0.5, 0.5)]
    fut = c.submit(scan._run_chunk, F.fails_at, ("x", "y"), rows, {})
    values, failures = await fut
    assert fut.status == "finished"
    assert values[1] is None and values[0] is not None and values[2] is not None
    assert [k for k, *_ in failures] == [1]
    assert failures[0][1].startswith("ValueError: fails_at: x = 0.25")


@gen_cluster(client=False, nthreads=[("127.0.0.1", 2)], timeout=120)
async def test_toys_on_a_two_thread_worker(s, a):
    def run():
        with Client(s.address) as client:
            return scan_toys(F.draws, 25, seed=3, client=client, chunk_size=4)

    assert np.array_equal(await asyncio.to_thread(run), scan_toys(F.draws, 25, seed=3))
