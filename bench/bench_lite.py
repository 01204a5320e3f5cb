"""Benchmark: the chapters live in JupyterLite (Pyodide in headless Chromium), as a student meets them.

The built site (``_build/html/lite``, tools/lite.py) is served on 127.0.0.1; every other request is
aborted.  Per chapter, in a fresh browser context (a cold start: nothing cached):

* boot: from opening ``lite/lab/index.html?path=<chapter>`` to the Pyodide kernel being ready;
* run-all: *Run All Cells* until every code cell has run (Pyodide loads the packages on the first
  import, so the first cell carries numpy/scipy/sympy/matplotlib);
* first figure: from opening the page to the first image output on the page;
* per control: the probe of bench/bench_widgets.py, run in the same Pyodide kernel after the
  chapter: every observed control set to random allowed values (3 warm-up, then timed ones), each
  setting timed in the kernel (recompute, redraw on Agg, PNG, display update);
* ratio: the per-control median in Pyodide over the CPython/numba one of the last
  bench/results/bench_widgets.json (the same probe, seed and control), when there is one.

Targets (issue 17): first figure < 30 s cold, per-control median < 150 ms.
Prints a table; writes bench/results/bench_lite.json.  Run (after `python3 tasks.py book`):

    .venv/bin/python bench/bench_lite.py [g2/dipole.ipynb ...]
"""

from __future__ import annotations

import functools
import http.server
import json
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from bench_widgets import PROBE, SEED
from common import RESULTS, write_result

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tools.env import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tools.toc import notebook_chapters  # noqa: E402

SITE = ROOT / "_build" / "html" / "lite"
N_WARM, N_TIMED = 3, 10
FIRST_FIGURE_TARGET_S, MEDIAN_TARGET_MS = 30.0, 150.0
RUN_ALL_TIMEOUT_MS = 900_000

_STATE = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const code = [...panel.content.model.cells].map(c => c.sharedModel.toJSON())
      .filter(c => c.cell_type === 'code');
  const errors = code.filter(c => !(c.metadata.tags || []).includes('raises-exception'))
      .flatMap(c => (c.outputs || []).filter(o => o.output_type === 'error'))
      .map(o => `${o.ename}: ${o.evalue}`);
  return {done: code.filter(c => c.execution_count !== null).length, total: code.length, errors,
          status: panel.sessionContext.session ? panel.sessionContext.session.kernel.status : ''};
}"""

#: runs the probe in the chapter's kernel, resolves with everything it printed
_PROBE_JS = """async code => {
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  const future = kernel.requestExecute({code, silent: false, store_history: false});
  let text = '';
  future.onIOPub = msg => {
    if (msg.header.msg_type === 'stream') text += msg.content.text;
    if (msg.header.msg_type === 'error') text += `ERROR ${msg.content.ename}: ${msg.content.evalue}`;
  };
  await future.done;
  return text;
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                            functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def cpython_medians() -> dict[tuple[str, str], float]:
    """(chapter .md, control description) -> median ms from the last bench_widgets run."""
    path = RESULTS / "bench_widgets.json"
    if not path.exists():
        return {}
    rows = json.loads(path.read_text()).get("controls", [])
    return {(r["chapter"], r["description"]): r["median_ms"] for r in rows}


def time_chapter(browser, base: str, chapter: str) -> dict:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    blocked = []

    def route(r):
        if urlsplit(r.request.url).hostname in ("127.0.0.1", "localhost") \
                or r.request.url.startswith(("data:", "blob:")):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort("internetdisconnected")

    context.route("**/*", route)
    page = context.new_page()
    try:
        t0 = time.perf_counter()
        page.goto(f"{base}lite/lab/index.html?path={chapter}", wait_until="load")
        page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                               " && window.jupyterapp.shell.currentWidget.sessionContext",
                               timeout=120_000)
        page.evaluate("""async () => { const p = window.jupyterapp.shell.currentWidget;
            await p.context.ready; await p.sessionContext.ready;
            await p.sessionContext.session.kernel.info; }""")
        boot = time.perf_counter() - t0
        t1 = time.perf_counter()
        page.evaluate("() => { void window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
        page.wait_for_function("() => document.querySelector('.jp-OutputArea-output img')",
                               timeout=RUN_ALL_TIMEOUT_MS, polling=100)
        first_figure = time.perf_counter() - t0
        page.wait_for_function(f"""() => {{ const s = ({_STATE})();
            return s.errors.length > 0 || (s.done === s.total && s.status === 'idle'); }}""",
                               timeout=RUN_ALL_TIMEOUT_MS, polling=250)
        run_all = time.perf_counter() - t1
        state = page.evaluate(_STATE)
        controls = []
        if not state["errors"]:
            probe = PROBE % {"seed": SEED, "n_warm": N_WARM, "n_timed": N_TIMED}
            text = page.evaluate(_PROBE_JS, probe)
            if "WIDGET-TIMES " not in text:
                raise RuntimeError(f"{chapter}: the probe printed {text[-500:]!r}")
            controls = json.loads(text.split("WIDGET-TIMES ", 1)[1].splitlines()[0])
    finally:
        context.close()
    return {"chapter": chapter, "boot_s": boot, "first_figure_s": first_figure,
            "run_all_s": run_all, "errors": state["errors"], "blocked": blocked,
            "controls": controls}


def main(argv: list[str]) -> None:
    if not (SITE / "jupyter-lite.json").exists():
        print(f"bench_lite: skipped, no JupyterLite site in {SITE} (`python3 tasks.py lite` builds it)")
        return
    chapters = argv or [p.relative_to(ROOT / "book").with_suffix(".ipynb").as_posix()
                        for p in notebook_chapters()]
    reference = cpython_medians()
    from playwright.sync_api import sync_playwright

    httpd, base = serve(SITE.parent)
    rows = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                         args=CHROMIUM_ARGS)
            for chapter in chapters:
                r = time_chapter(browser, base, chapter)
                md = "book/" + chapter.replace(".ipynb", ".md")
                for c in r["controls"]:
                    cp = reference.get((md, c["description"]))
                    c["cpython_median_ms"] = cp
                    c["ratio_vs_cpython"] = c["median_ms"] / cp if cp else None
                    c["meets_target"] = c["median_ms"] < MEDIAN_TARGET_MS
                medians = sorted(c["median_ms"] for c in r["controls"])
                r["meets_target"] = (not r["errors"] and r["first_figure_s"] < FIRST_FIGURE_TARGET_S
                                     and all(c["meets_target"] for c in r["controls"]))
                rows.append(r)
                worst = max((c["worst_ms"] for c in r["controls"]), default=float("nan"))
                print(f"{chapter:28s} boot {r['boot_s']:5.1f} s  first figure "
                      f"{r['first_figure_s']:5.1f} s  run-all {r['run_all_s']:6.1f} s  "
                      f"{len(medians)} controls, median of medians "
                      f"{medians[len(medians) // 2] if medians else float('nan'):6.1f} ms, "
                      f"worst {worst:7.1f} ms  {'ok' if r['meets_target'] else 'MISSES'}"
                      + (f"  ERRORS {r['errors']}" if r["errors"] else ""), flush=True)
                for c in r["controls"]:
                    ratio = f"x{c['ratio_vs_cpython']:.1f} CPython" if c["ratio_vs_cpython"] else ""
                    print(f"    {c['widget']:16s} {c['description'][:20]:20s} median "
                          f"{c['median_ms']:7.1f} ms  worst {c['worst_ms']:7.1f} ms  {ratio}")
            browser.close()
    finally:
        httpd.shutdown()
    missing = [r["chapter"] for r in rows if not r["meets_target"]]
    print(f"{len(rows)} chapters; {len(missing)} miss a target (first figure < "
          f"{FIRST_FIGURE_TARGET_S:.0f} s cold, per-control median < {MEDIAN_TARGET_MS:.0f} ms): "
          f"{missing}")
    write_result("bench_lite", {"targets": {"first_figure_s": FIRST_FIGURE_TARGET_S,
                                            "median_ms": MEDIAN_TARGET_MS},
                                "n_warm": N_WARM, "n_timed": N_TIMED, "chapters": rows})


if __name__ == "__main__":
    main(sys.argv[1:])
