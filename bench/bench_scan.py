"""Benchmark: the ω_a toy study (dialm.studies.omega_a_toy) through dialm.scan, serially and on Dask.

The study of book/g2/measuring.md, "Scaling up": toy E989 experiments (a Poisson wiggle
histogram of 10¹¹ positrons and its five-parameter fit, ~20–40 ms each), as many as take
~30 s serially (calibrated on 20 toys; ``--seconds S`` changes the target).  Timed:

* serially (``client=None``), on a LocalCluster of 1 worker process and of 2 worker processes
  (one thread each, the book machine's 2 cores): wall time, the speed-up serial / 2 workers and
  1 worker / 2 workers (target ≥ 1.7 on an otherwise idle 2-core machine);
* the overhead per Dask task: empty chunks (no point) through the 2-worker cluster, and the
  excess of 1 worker over serial divided by the number of tasks;
* how the serial time grows with the number of toys (n/4, n/2, n): the fitted log–log slope.

The workers are warmed first (imports, numba cache), so the times are of the study, not of the
start-up (reported separately).  Every run's array must equal the serial one bit for bit.
The machine's load average is recorded: a speed-up means something only on an idle machine.

Run: ``.venv/bin/python bench/bench_scan.py [--seconds 30]``; writes bench/results/bench_scan.json.
"""

from __future__ import annotations

import argparse
import math
import os
import time

import numpy as np
from common import row, write_result

from dialm import constants as C
from dialm import precession as P
from dialm import scan
from dialm.studies import omega_a_toy

SEED = 989


def study_inputs():
    """The chapter's inputs: E989 field, magic γ, 1.7 GeV threshold, 10¹¹ positrons, blinded start."""
    a_mu, B = float(C.A_MU_EXP_2025), float(C.E989_B_T)
    gamma = P.magic_gamma(a_mu)
    y_t = float(C.E989_E_THRESHOLD_GEV) / P.positron_energy_max(gamma)
    return dict(n0=1e11, tau_lab=gamma * C.TAU_MU_S, asymmetry=P.threshold_asymmetry(y_t),
                omega_a=P.anomalous_precession_frequency(a_mu, B), phase=2.0,
                omega_start=P.anomalous_precession_frequency(float(C.A_MU_SM_WP2020), B),
                tau_start=60e-6, bin_width=P.cyclotron_period(gamma))


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def n_chunks(n, workers, inputs):
    """The number of tasks the scan's chunk rule makes (same probe as the scan)."""
    size = scan._chunk_size(omega_a_toy, ("seed",), (1,), inputs, n, workers, None)
    return math.ceil(n / size), size


def task_overhead(client, n=200):
    """Wall time per empty chunk task (no point) through ``client``, best of 3."""
    best = math.inf
    for _ in range(3):
        t0 = time.perf_counter()
        futures = [client.submit(scan._run_chunk, omega_a_toy, ("seed",), [], {}, pure=False)
                   for _ in range(n)]
        client.gather(futures)
        best = min(best, (time.perf_counter() - t0) / n)
        del futures
    return best


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=30.0,
                        help="target serial time of the full ensemble (default 30 s)")
    args = parser.parse_args(argv)
    from distributed import Client, LocalCluster

    inputs = study_inputs()
    load_before = os.getloadavg()
    omega_a_toy(1, **inputs)                                   # numba cache / compile, iminuit
    t_cal, _ = timed(lambda: scan.scan_toys(omega_a_toy, 20, SEED, fixed=inputs, chunk_size=20))
    t_toy = t_cal / 20
    n = max(40, int(round(args.seconds / t_toy / 10)) * 10)
    print(f"omega_a toy: {t_toy * 1e3:.1f} ms serially -> {n} toys for ~{args.seconds:g} s")

    sizes = [n // 4, n // 2, n]
    t_serial = {}
    for k in sizes:
        t_serial[k], res = timed(lambda k=k: scan.scan_toys(omega_a_toy, k, SEED, fixed=inputs))
        print(f"  serial, {k:5d} toys: {t_serial[k]:7.2f} s")
    serial = res
    slope = float(np.polyfit(np.log(sizes), np.log([t_serial[k] for k in sizes]), 1)[0])

    runs = {}
    for workers in (1, 2):
        t_start, cluster = timed(lambda w=workers: LocalCluster(
            n_workers=w, threads_per_worker=1, processes=True, dashboard_address=None))
        with cluster, Client(cluster) as client:
            t_warm, _ = timed(lambda c=client, w=workers: scan.scan_toys(
                omega_a_toy, 2 * w, SEED, fixed=inputs, client=c, chunk_size=1))
            tasks, size = n_chunks(n, workers, inputs)
            t_run, res = timed(lambda c=client: scan.scan_toys(omega_a_toy, n, SEED, fixed=inputs,
                                                               client=c))
            assert np.array_equal(res, serial), f"{workers} worker(s): not the serial toys"
            overhead = task_overhead(client) if workers == 2 else None
        runs[workers] = dict(t_s=t_run, cluster_start_s=t_start, warm_up_s=t_warm, tasks=tasks,
                             chunk_size=size, empty_task_s=overhead)
        print(f"  {workers} worker(s), {n} toys in {tasks} tasks of {size}: {t_run:7.2f} s "
              f"(cluster start {t_start:.1f} s, warm-up {t_warm:.1f} s)")

    t_ser = t_serial[n]
    speedup = t_ser / runs[2]["t_s"]
    speedup_12 = runs[1]["t_s"] / runs[2]["t_s"]
    excess = (runs[1]["t_s"] - t_ser) / runs[1]["tasks"]
    load_after = os.getloadavg()
    pulls = serial[:, 3]
    result = {
        "study": "omega_a_toy (book/g2/measuring.md, Scaling up): Poisson wiggle of 1e11 e+, "
                 "5-parameter fit",
        "n_toys": n, "t_per_toy_serial_s": t_ser / n,
        "t_serial_s": t_ser, "t_1_worker_s": runs[1]["t_s"], "t_2_workers_s": runs[2]["t_s"],
        "speedup_serial_over_2_workers": speedup, "speedup_1_over_2_workers": speedup_12,
        "target_speedup": 1.7, "meets_target": bool(speedup >= 1.7),
        "overhead_per_task_empty_s": runs[2]["empty_task_s"],
        "overhead_per_task_1_worker_minus_serial_s": excess,
        "runs": {f"{w}_workers": r for w, r in runs.items()},
        "toys_vs_time": {"n_toys": sizes, "t_serial_s": [t_serial[k] for k in sizes],
                         "slope": slope},
        "omega_a_pulls": {"mean": float(pulls.mean()), "std": float(pulls.std()),
                          "coverage_1sigma": float((np.abs(pulls) <= 1).mean())},
        "load_average_before": list(load_before), "load_average_after": list(load_after),
        "cores": os.cpu_count(),
    }
    print(f"speed-up on 2 workers: {speedup:.2f} x serial ({speedup_12:.2f} x one worker); "
          f"target 1.7")
    print(f"overhead per task: {runs[2]['empty_task_s'] * 1e3:.1f} ms (empty tasks), "
          f"{excess * 1e3:.1f} ms (1 worker - serial, per task)")
    print(f"time vs toys: slope {slope:.3f} (1 = linear)")
    print(f"load average (1, 5, 15 min) before {load_before[0]:.1f} {load_before[1]:.1f} "
          f"{load_before[2]:.1f}, after {load_after[0]:.1f} {load_after[1]:.1f} {load_after[2]:.1f}"
          f" on {os.cpu_count()} cores")
    write_result("bench_scan", result, rows=[
        row("scan_toys(omega_a_toy), 2 Dask workers", f"{n} toys", runs[2]["t_s"],
            "the same toys serially (client=None)", t_ser, 0.0, "serial toys (bit for bit)"),
        row("scan_toys(omega_a_toy), 2 Dask workers", f"{n} toys", runs[2]["t_s"],
            "the same toys on 1 Dask worker", runs[1]["t_s"], 0.0, "serial toys (bit for bit)")])
    return result


if __name__ == "__main__":
    main()
