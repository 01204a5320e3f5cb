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


def write_result(name, result):
    """Write ``result`` (JSON-serialisable) to bench/results/<name>.json and say where."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(result, indent=2) + "\n")
    print(f"  written {path}")
    return path
