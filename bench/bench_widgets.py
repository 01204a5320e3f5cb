"""Benchmark: every slider of the book, timed as a lecturer would feel it.

Each chapter in ``_toc.yml`` is executed in a fresh kernel (working directory: its folder, as in
the build).  Then, in the same kernel, every interactive control that has a ``value`` observer
(sliders, dropdowns, toggles — whatever the chapter built) is set to random allowed values: 3
warm-up settings, then 20 timed ones.  A setting's time is the whole synchronous callback —
recompute, redraw on the Agg canvas, PNG, display update — exactly what a student waits for.
Its median is reported as wall time and as the kernel's CPU time (``process_time``), which other
processes on a loaded machine disturb much less: compare CPU medians between runs.

Targets (issue "Performance"): median < 50 ms and worst < 150 ms per control, after warm-up.
Prints a table; writes bench/results/bench_widgets.json.  Run:

    .venv/bin/python bench/bench_widgets.py [chapter.md ...]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import jupytext
import nbformat
from common import write_result
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tools.toc import notebook_chapters  # noqa: E402

N_WARM, N_TIMED, SEED = 3, 20, 2026
MEDIAN_TARGET_MS, WORST_TARGET_MS = 50.0, 150.0

# Runs inside the chapter's kernel after its last cell; prints one JSON line.
PROBE = r'''
import json as _json, math as _math, random as _random, time as _time
import warnings as _warnings
import ipywidgets as _W
from ipywidgets.widgets.widget import _instances as _inst

def _draw(w, rng):
    if isinstance(w, (_W.FloatLogSlider,)):
        return w.base ** rng.uniform(w.min, w.max)
    if isinstance(w, (_W.FloatSlider, _W.FloatText, _W.BoundedFloatText)):
        return rng.uniform(w.min, w.max)
    if isinstance(w, (_W.IntSlider, _W.BoundedIntText)):
        return rng.randint(w.min, w.max)
    if isinstance(w, (_W.SelectionSlider,)):
        return rng.choice([o for o in w.options if o != w.value] or list(w.options))
    if isinstance(w, (_W.Dropdown, _W.ToggleButtons, _W.RadioButtons, _W.Select)):
        # another option than the current one, so that every setting triggers the callback
        values = [o[1] if isinstance(o, tuple) else o for o in w.options]
        others = [v for v in values if v != w.value] or values
        return rng.choice(others)
    if isinstance(w, (_W.Checkbox, _W.ToggleButton)):
        return not w.value
    return None

def _observed(w):
    notifiers = getattr(w, "_trait_notifiers", {}).get("value", {})
    return any(len(v) for v in notifiers.values()) if isinstance(notifiers, dict) else bool(notifiers)

_rng = _random.Random(%(seed)d)
_out = []
for _w in list(_inst.values()):
    if not hasattr(_w, "value") or not _observed(_w) or _draw(_w, _rng) is None:
        continue
    _start = _w.value
    _times, _cpu = [], []
    for _k in range(%(n_warm)d + %(n_timed)d):
        _v = _draw(_w, _rng)
        _t0, _c0 = _time.perf_counter(), _time.process_time()
        _w.value = _v
        _dt, _dc = _time.perf_counter() - _t0, _time.process_time() - _c0
        if _k >= %(n_warm)d:
            _times.append(_dt)
            _cpu.append(_dc)
    _w.value = _start
    _times.sort()
    _cpu.sort()
    _out.append({"widget": type(_w).__name__, "description": getattr(_w, "description", ""),
                 "median_ms": 1e3 * _times[len(_times) // 2], "worst_ms": 1e3 * _times[-1],
                 "median_cpu_ms": 1e3 * _cpu[len(_cpu) // 2]})
print("WIDGET-TIMES " + _json.dumps(_out))
'''


def time_chapter(path: Path) -> list[dict]:
    notebook = jupytext.read(path)
    notebook.cells.append(nbformat.v4.new_code_cell(
        PROBE % {"seed": SEED, "n_warm": N_WARM, "n_timed": N_TIMED}))
    client = NotebookClient(notebook, timeout=900, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    for output in notebook.cells[-1].outputs:
        text = output.get("text", "")
        if "WIDGET-TIMES " in text:
            return json.loads(text.split("WIDGET-TIMES ", 1)[1])
    raise RuntimeError(f"{path}: the timing probe printed nothing")


def main(argv: list[str]) -> None:
    chapters = ([Path(a).resolve() for a in argv] if argv else
                notebook_chapters())
    rows = []
    for path in chapters:
        t0 = time.perf_counter()
        found = time_chapter(path)
        name = str(path.relative_to(ROOT))
        print(f"{name}: {len(found)} controls (chapter executed in {time.perf_counter() - t0:.0f} s)")
        for item in found:
            ok = item["median_ms"] < MEDIAN_TARGET_MS and item["worst_ms"] < WORST_TARGET_MS
            rows.append({"chapter": name, **item, "meets_target": ok})
            print(f"  {item['widget']:16s} {item['description'][:22]:22s} median "
                  f"{item['median_ms']:7.1f} ms  worst {item['worst_ms']:7.1f} ms  "
                  f"(CPU median {item['median_cpu_ms']:6.1f} ms)  {'ok' if ok else 'SLOW'}")
    slow = [r for r in rows if not r["meets_target"]]
    print(f"{len(rows)} controls in {len(chapters)} chapters; {len(slow)} miss the target "
          f"(median < {MEDIAN_TARGET_MS:.0f} ms, worst < {WORST_TARGET_MS:.0f} ms)")
    write_result("bench_widgets", {"targets_ms": {"median": MEDIAN_TARGET_MS,
                                                  "worst": WORST_TARGET_MS},
                                   "n_warm": N_WARM, "n_timed": N_TIMED, "controls": rows})


if __name__ == "__main__":
    main(sys.argv[1:])
