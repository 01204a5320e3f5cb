"""Benchmark: what a student waits for before the first number, and what a maintainer waits for.

1. First import of each ``dialm`` module plus the first call of its kernels, in a fresh Python
   process, with an EMPTY numba cache (``NUMBA_CACHE_DIR`` pointing at a new folder: every kernel
   compiles) and then with the WARM cache that run left behind.
2. With ``--build``: the book's full build from a clean clone (``git clone`` of this repository's
   HEAD into a temporary folder, using this .venv, every chapter executed, empty numba cache) and
   the incremental rebuild after editing one chapter (Sphinx re-reads, myst-nb re-executes, only
   that chapter).  Targets: cold build < 10 min, incremental < 1 min on the 2-core machine.
3. With ``--suite``: the whole test suite in that clone (the README's test command, less set-up).

Writes bench/results/bench_coldstart.json.  Run:
``.venv/bin/python bench/bench_coldstart.py [--build] [--suite]``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import write_result

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable

#: (module, statement that calls each of its numba kernels once)
FIRST_CALLS = {
    "dialm.g2": "m.delta_a_mu('vector', 0.1, 1e-3); m.hvp_kernel(1.0); m.a_mu_hvp_lo()",
    "dialm.ckm": "m.jarlskog(m.ckm_matrix(0.225, 0.83, 0.16, 0.35))",
    "dialm.kaon": ("m.inami_lim_x0(4.0); m.br_k_mu_nu_v(0.1, 1e-3); m.dgamma_dm2miss(0.05, 0.1, 1e-3);"
                   " m.dgamma_dm2miss_mu_nu_gamma(0.05); m.mc_m2miss_histogram(0.1, 1e-3, [0.02, 0.1], 100);"
                   " m.dalitz_ratio(0.000511, 0.135); m.pi0ll_phase_space(0.105)"),
    "dialm.limits": "m.feldman_cousins(3, 1.0); m.fc_belt(3.0, mu_max=2.0)",
    "dialm.precession": "m.generate_decay_times(1000, 64.4e-6, 0.37, 1.439e6)",
    "dialm.singlets": "m.lmu_ltau_widths(0.1, 1e-3); m.entropy_fraction_boson(1.0)",
    "dialm.m3": "m.yield_per_muon(0.1, 1e-4)",
    "dialm.relic": "m.omega_h2(100.0, 2.2e-26)",
    "dialm.heavy": "m.ssf_loop(1000.0, 1000.0, 1000.0, -1.0)",
}


def first_call_seconds(module: str, statement: str, cache_dir: str) -> float:
    code = (f"import time; t0 = time.perf_counter(); import importlib; m = importlib.import_module("
            f"{module!r}); {statement}; print(time.perf_counter() - t0)")
    env = dict(os.environ, NUMBA_CACHE_DIR=cache_dir)
    out = subprocess.run([PYTHON, "-c", code], env=env, capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def cold_and_warm() -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="numba-cache-") as cache:
        for module, statement in FIRST_CALLS.items():
            cold = first_call_seconds(module, statement, cache)
            warm = first_call_seconds(module, statement, cache)
            rows.append({"module": module, "cold_s": cold, "warm_s": warm})
            print(f"  {module:18s} import + first calls: empty cache {cold:6.2f} s, "
                  f"warm cache {warm:5.2f} s")
    return rows


def timed(cmd: list[str], cwd: Path, env: dict) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def build_and_suite(do_build: bool, do_suite: bool) -> dict:
    result = {}
    bin_dir = Path(PYTHON).parent
    with tempfile.TemporaryDirectory(prefix="dialm-clone-") as tmp:
        clone = Path(tmp) / "book"
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
                   PYTHONPATH=str(clone / "lib"), NUMBA_CACHE_DIR=str(Path(tmp) / "numba"))
        if do_build:
            jb = [str(bin_dir / "jupyter-book"), "build", ".", "-W", "-n", "--keep-going"]
            # what `tasks.py book` does on a fresh clone: vendor the book's JavaScript, then build
            vendor = [PYTHON, "-c", "from tools.assets import ensure_assets; ensure_assets()"]
            result["cold_build_s"] = timed(vendor, clone, env) + timed([*jb, "--all"], clone, env)
            print(f"  full build from a clean clone: {result['cold_build_s']:.0f} s")
            chapter = clone / "book" / "g2" / "light_mediators.md"
            chapter.write_text(chapter.read_text() + "\n<!-- an edit -->\n")
            result["incremental_build_s"] = timed(jb, clone, env)
            print(f"  incremental rebuild after editing one chapter: "
                  f"{result['incremental_build_s']:.0f} s")
        if do_suite:
            result["test_suite_s"] = timed([PYTHON, "-m", "pytest", "-q", "-x"], clone, env)
            print(f"  whole test suite (clean clone, warm numba cache): {result['test_suite_s']:.0f} s")
    return result


def main(argv: list[str]) -> None:
    print("first import and first kernel calls (fresh processes):")
    result = {"first_calls": cold_and_warm()}
    if "--build" in argv or "--suite" in argv:
        result.update(build_and_suite("--build" in argv, "--suite" in argv))
    write_result("bench_coldstart", result)


if __name__ == "__main__":
    main(sys.argv[1:])
