"""Collect the benchmark results into the snapshot the book's "Performance" appendix renders.

Reads every bench/results/bench_*.json written by the benchmarks and writes
book/appendix/performance.json: the machine and the date of the run, the table rows of every
benchmark (our time, the baseline's, their ratio, the accuracy), the widget timings, the scaling
measurements and the cold-start numbers.  The snapshot is committed, so the appendix builds on a
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


def main() -> None:
    found = sorted(RESULTS.glob("bench_*.json"))
    if not found:
        sys.exit("no benchmark results in bench/results: run `python3 tasks.py bench` first")
    results = {p.stem: json.loads(p.read_text()) for p in found}
    rows = [dict(r, benchmark=name) for name, res in results.items() for r in res.get("rows", [])]
    snapshot = {
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "rows": rows,
        "widgets": results.get("bench_widgets"),
        "scaling": results.get("bench_scaling"),
        "coldstart": results.get("bench_coldstart"),
        "sources": [p.name for p in found],
    }
    SNAPSHOT.write_text(json.dumps(snapshot, indent=1) + "\n")
    print(f"{len(rows)} table rows from {len(found)} benchmarks -> {SNAPSHOT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
