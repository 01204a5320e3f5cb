"""Collect the benchmark results into the snapshot the book's "Performance" appendix renders.

Reads every bench/results/bench_*.json written by the benchmarks and writes
book/appendix/performance.json: the machine and the date of the run, the table rows of every
benchmark (our time, the baseline's, their ratio, the accuracy), the widget timings, the scaling
measurements, the cold-start numbers and the Dask
scan of a toy study (serial, 1 and 2 workers).  The snapshot is committed, so the appendix builds on a
clean machine without re-running the benchmarks; ``python3 tasks.py bench`` refreshes it.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
SNAPSHOT = ROOT / "book" / "appendix" / "performance.json"


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError, AttributeError):
        mem = float("nan")
    import numba
    import numpy
    import scipy
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(mem, 1),
            "system": f"{platform.system()} {platform.release()}",
            "python": sys.version.split()[0], "numpy": numpy.__version__,
            "scipy": scipy.__version__, "numba": numba.__version__, "commit": commit}


def _derived_rows(name: str, result, path: str = "") -> list[dict]:
    """Rows for a benchmark that wrote free-form JSON: every dict holding ``t_dialm_s`` and other
    ``t_*_s`` times becomes one row per baseline (its accuracy: the first ``*err*``/``*diff*`` key
    that names dialm, else the first such key)."""
    rows = []
    if isinstance(result, dict):
        if "t_dialm_s" in result:
            acc_keys = [k for k in result if ("err" in k or "diff" in k) and "dialm" in k] or \
                [k for k in result if "err" in k or "diff" in k]
            acc = result[acc_keys[0]] if acc_keys else None
            for key, value in result.items():
                if key.startswith("t_") and key.endswith("_s") and key != "t_dialm_s" \
                        and isinstance(value, (int, float)) and value > 0:
                    work = result.get("n", result.get("n_x", ""))
                    rows.append({"kernel": path or name, "work": f"{work} points" if work else "",
                                 "t_dialm_s": result["t_dialm_s"],
                                 "baseline": key[2:-2].replace("_", " "), "t_baseline_s": value,
                                 "ratio": value / result["t_dialm_s"],
                                 "accuracy": acc if isinstance(acc, (int, float)) else None,
                                 "reference": acc_keys[0].replace("_", " ") if acc_keys else ""})
        for key, value in result.items():
            if isinstance(value, (dict, list)) and key != "rows":
                rows += _derived_rows(name, value, f"{path}.{key}" if path else key)
    elif isinstance(result, list):
        for i, value in enumerate(result):
            rows += _derived_rows(name, value, f"{path}[{i}]")
    return rows


def main() -> None:
    found = sorted(RESULTS.glob("bench_*.json"))
    if not found:
        sys.exit("no benchmark results in bench/results: run `python3 tasks.py bench` first")
    results = {p.stem: json.loads(p.read_text()) for p in found}
    rows = []
    for name, res in results.items():
        own = res.get("rows") or _derived_rows(name.removeprefix("bench_"), res)
        rows += [dict(r, benchmark=name) for r in own]
    snapshot = {
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "rows": rows,
        "widgets": results.get("bench_widgets"),
        "scaling": results.get("bench_scaling"),
        "coldstart": results.get("bench_coldstart"),
        "scan": results.get("bench_scan"),
        "sources": [p.name for p in found],
    }
    SNAPSHOT.write_text(json.dumps(snapshot, indent=1) + "\n")
    print(f"{len(rows)} table rows from {len(found)} benchmarks -> {SNAPSHOT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
