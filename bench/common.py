"""What every benchmark in bench/ shares: a best-of timer and the JSON report.

Run a benchmark as ``python bench/bench_<topic>.py`` (or all of them: ``python3 tasks.py bench``);
each prints its table and writes ``bench/results/bench_<topic>.json``.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def best_of(fn, repeat=5):
    """(the fastest wall time in s of ``repeat`` calls of ``fn()``, the last call's result)."""
    times = []
    result = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), result


def row(kernel, work, t_dialm, baseline, t_baseline, accuracy=None, reference=""):
    """One line of the kernel table of bench/README.md: our time against a baseline's, in one run.

    ``accuracy`` is the maximal relative difference of our result from ``reference`` (a
    high-precision or independent computation named in words)."""
    return {"kernel": kernel, "work": work, "t_dialm_s": t_dialm, "baseline": baseline,
            "t_baseline_s": t_baseline, "ratio": t_baseline / t_dialm, "accuracy": accuracy,
            "reference": reference}


def write_result(name, result, rows=None):
    """Write ``result`` (JSON-serialisable) to bench/results/<name>.json and say where.

    ``rows`` (from :func:`row`) are what bench/README.md tabulates (bench/report.py)."""
    if rows is not None:
        result = {**result, "rows": rows}
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(result, indent=2) + "\n")
    print(f"  written {path}")
    return path
