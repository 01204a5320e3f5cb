"""Collect the benchmark results into the snapshot and the dashboard of bench/README.md.

Reads every bench/results/bench_*.json written by the benchmarks and writes bench/performance.json:
the machine and the date of the run, the table rows of every benchmark (our time, the baseline's,
their ratio, the accuracy), the widget timings, the scaling measurements, the cold-start numbers
and the Dask scan of a toy study (serial, 1 and 2 workers).  Then it renders the snapshot as the
"Latest run" section of bench/README.md (between the two ``<!-- latest run -->`` markers), the
developers' dashboard.  The snapshot is committed: the book's page "How fast, how accurate"
(book/appendix/speed.md) reads its slider timings, so the book builds on a clean machine without
re-running the benchmarks; ``python3 tasks.py bench`` refreshes both.

``python bench/report.py --readme`` re-renders the README from the committed snapshot only.
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
SNAPSHOT = ROOT / "bench" / "performance.json"
README = ROOT / "bench" / "README.md"
MARK = "<!-- latest run -->"


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


def _time(t: float) -> str:
    return f"{t * 1e3:.3g} ms" if t < 1 else f"{t:.3g} s"


def _table(header: list[str], lines: list[tuple]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return out + ["| " + " | ".join(str(c) for c in line) + " |" for line in lines]


def render(snap: dict) -> str:
    """The snapshot as Markdown: machine, kernel rows, sliders, scaling, Dask scan, cold start."""
    m = snap["machine"]
    out = [f"Run of **{snap['generated']}** on {m['cores']} cores of an {m['cpu']} with "
           f"{m['memory_gib']} GiB ({m['system']}); Python {m['python']}, numpy {m['numpy']}, "
           f"scipy {m['scipy']}, numba {m['numba']}; commit `{m['commit']}`.", "",
           "### Kernels against their baselines", "",
           "Ratio: the baseline's time over dialm's, same work, same run; accuracy: the largest "
           "relative difference from the reference named beside it.", ""]
    rows = sorted(snap["rows"], key=lambda r: (r["benchmark"], r["kernel"]))
    out += _table(["kernel", "work", "dialm", "baseline", "baseline time", "ratio", "accuracy (vs)"],
                  [(f"`{r['kernel']}`", r["work"], _time(r["t_dialm_s"]), r["baseline"],
                    _time(r["t_baseline_s"]), f"{r['ratio']:,.0f}×",
                    "—" if r["accuracy"] is None else f"{r['accuracy']:.1e} ({r['reference']})")
                   for r in rows])
    w = snap.get("widgets")
    if w:
        ctrls = w["controls"]
        slow = [c for c in ctrls if not c["meets_target"]]
        out += ["", "### Sliders", "",
                f"Every control of every chapter, {w['n_timed']} random allowed values after "
                f"{w['n_warm']} warm-up settings (`bench_widgets.py`): the whole callback "
                f"(recompute, redraw, PNG, display update). Target: median below "
                f"{w['targets_ms']['median']:.0f} ms, worst below {w['targets_ms']['worst']:.0f} ms. "
                f"{len(ctrls) - len(slow)} of {len(ctrls)} controls meet it.", ""]
        out += _table(["chapter", "control", "median", "worst", ""],
                      [(c["chapter"].removeprefix("book/"), c["description"] or c["widget"],
                        f"{c['median_ms']:.1f} ms", f"{c['worst_ms']:.1f} ms",
                        "✓" if c["meets_target"] else "✗") for c in ctrls])
    sc = snap.get("scaling")
    if sc:
        out += ["", "### Scaling", "", "Cost against work (best of three per size); the slope of "
                "log time against log work over the upper sizes (1 = linear).", ""]
        out += _table(["kernel", "work", "sizes", "slope", "why"],
                      [(f"`{k['kernel']}`", k["work"], f"{k['sizes'][0]:,}–{k['sizes'][-1]:,}",
                        f"{k['slope']:.2f}", k.get("why") or "") for k in sc["kernels"]])
        par = sc.get("parallel") or []
        if par:
            out += ["", "The Δa_μ loop on both cores (numba `prange`) against one core:", ""]
            out += _table(["points", "one core", "both cores", "speed-up"],
                          [(f"{p['n']:,}", _time(p["t_one_core_s"]), _time(p["t_prange_s"]),
                            f"{p['speedup']:.2f}") for p in par])
    scan = snap.get("scan")
    if scan:
        t0, t1, t2 = scan["t_serial_s"], scan["t_1_worker_s"], scan["t_2_workers_s"]
        out += ["", "### Studies on Dask", "",
                f"{scan['n_toys']} toys of the ω_a study through `dialm.scan.scan_toys` "
                f"(`bench_scan.py`); every run returns the serial toys bit for bit. Overhead per "
                f"Dask task {scan['overhead_per_task_empty_s'] * 1e3:.1f} ms; load average before "
                f"the run {scan['load_average_before'][0]:.1f}.", ""]
        out += _table(["run", "time", "speed-up"],
                      [("serial", _time(t0), "1"), ("1 worker", _time(t1), f"{t0 / t1:.2f}"),
                       ("2 workers", _time(t2), f"{t0 / t2:.2f} (target 1.7)")])
    cs = snap.get("coldstart")
    if cs:
        out += ["", "### Cold start", ""]
        out += _table(["module", "import + first calls, empty numba cache", "warm cache"],
                      [(f"`{r['module']}`", f"{r['cold_s']:.2f} s", f"{r['warm_s']:.2f} s")
                       for r in cs["first_calls"]])
        extra = [(label, f"{cs[key]:.0f} s", goal) for key, label, goal in [
            ("cold_build_s", "full build from a clean clone", "< 600 s"),
            ("incremental_build_s", "rebuild after editing one chapter", "< 60 s"),
            ("test_suite_s", "the whole test suite", "< 5400 s")] if key in cs]
        if extra:
            out += [""] + _table(["what", "time", "target"], extra)
    return "\n".join(out) + "\n"


def write_readme(snap: dict) -> None:
    """Replace the section between the two markers of bench/README.md by :func:`render`."""
    text = README.read_text(encoding="utf-8")
    head, _, rest = text.partition(MARK)
    _, _, tail = rest.partition(MARK)
    if not rest:
        sys.exit(f"{README.relative_to(ROOT)} has no {MARK} markers")
    README.write_text(f"{head}{MARK}\n{render(snap)}{MARK}{tail}", encoding="utf-8")
    print(f"dashboard -> {README.relative_to(ROOT)}")


def main() -> None:
    if "--readme" in sys.argv[1:]:
        write_readme(json.loads(SNAPSHOT.read_text()))
        return
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
    write_readme(snapshot)


if __name__ == "__main__":
    main()
