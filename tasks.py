#!/usr/bin/env python3
"""The book's commands.  Needs only Python 3.11+; everything else is installed into ./.venv.

    python3 tasks.py book     set up .venv, execute every chapter, build the HTML book (works offline)
    python3 tasks.py test     set up .venv and the browser, run the whole test suite (lib, chapters,
                              book build, every page in headless Chromium with the network blocked)
    python3 tasks.py pdf      the whole book as one PDF (_build/pdf/dialm.pdf), printed by Chromium
    python3 tasks.py bench    run the benchmarks in bench/ (ratios against baselines) and refresh
                              the Performance appendix (--full: also time the clean build)
    python3 tasks.py lab      open the chapters live in JupyterLab (a chapter's .md opens as a notebook)
    python3 tasks.py clean    remove _build, caches and the numba cache (keeps .venv)

Extra arguments after `test` go to pytest (e.g. `python3 tasks.py test tests/test_g2.py -x`), after `lab`
to JupyterLab (e.g. `--no-browser`).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed-requirements"
HTML_INDEX = ROOT / "_build" / "html" / "index.html"
CHROMIUM = Path("/usr/bin/chromium")  # Debian's chromium; the browser tests and `pdf` drive it

# The JavaScript the pages need, served from the book's own _static so the book works with no network.
# Fetched from the npm registry by `npm pack` (the tarball only, no install scripts), checked against
# the registry's sha512 integrity below, unpacked into book/assets/vendor/ (git-ignored; Sphinx copies
# book/assets/ into _static/).  _config.yml points mathjax_path and nb_ipywidgets_js at these copies.
VENDOR = ROOT / "book" / "assets" / "vendor"
VENDOR_STAMP = VENDOR / ".vendored"
_FONTS = {f"package/dist/*.{ext}": "html-manager/" for ext in ("woff2", "woff", "ttf", "eot", "svg")}
NPM_ASSETS = {
    # name: (version, the registry's sha512 integrity, {path in the tarball: path under vendor/})
    "mathjax": (
        "3.2.2",
        "sha512-Bt+SSVU8eBG27zChVewOicYs7Xsdt40qm4+UpHyX7k0/O9NliPc+x77k1/FEsPsjKPZGJvtRZM1vO+geW0OhGw==",
        {"package/es5": "mathjax", "package/LICENSE": "mathjax/"},
    ),
    "requirejs": (
        "2.3.8",
        "sha512-7/cTSLOdYkNBNJcDMWf+luFvMriVm7eYxp4BcFCsAX0wF421Vyce5SXP17c+Jd5otXKGNehIonFlyQXSowL6Mw==",
        {"package/require.js": "require.js"},
    ),
    # embed-amd.js bundles the standard widgets; its icon fonts load from the script's own folder
    "@jupyter-widgets/html-manager": (
        "1.0.15",
        "sha512-5thBIV6ymNgmPVOHvzx+gGy8ZSKmSazhtGw4/c4xJDVzRhG9PTeQsRjF3FUTopvFi//SABeNz1yp47bCrJ3CQA==",
        {"package/dist/embed-amd.js": "html-manager/", "package/dist/embed.js.LICENSE.txt": "html-manager/",
         **_FONTS},
    ),
}


def venv_environ() -> dict[str, str]:
    """The environment with the venv first on PATH (kernels started by name resolve to it)."""
    env = dict(os.environ)
    env["VIRTUAL_ENV"] = str(VENV)
    env["PATH"] = str(BIN) + os.pathsep + env.get("PATH", "")
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # silence the debugger note in kernels
    return env


def run(*cmd: str | Path) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    code = subprocess.call([str(c) for c in cmd], cwd=ROOT, env=venv_environ())
    if code:
        sys.exit(code)


def requirements_digest() -> str:
    digest = hashlib.sha256()
    for name in ("requirements.txt", "pyproject.toml"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_env() -> None:
    """Create .venv and install the pinned requirements and `dialm` (editable), once per change."""
    if sys.version_info < (3, 11):  # noqa: UP036  (tasks.py may be started by an older python3)
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}")
    if not PYTHON.exists():
        print(f"creating the environment {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if STAMP.exists() and STAMP.read_text() == requirements_digest():
        return
    run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PYTHON, "-m", "pip", "install", "--quiet", "-r", "requirements.txt")
    run(PYTHON, "-m", "pip", "install", "--quiet", "--no-deps", "-e", ".")
    STAMP.write_text(requirements_digest())


def _sri(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def _unpack(tarball: Path, mapping: dict[str, str]) -> None:
    """Copy members of an npm tarball to VENDOR.  `mapping`: source -> target, where a source is a file,
    a folder (copied whole) or `folder/*.ext`, and a target ending in / is a folder to copy into."""
    with tarfile.open(tarball) as tar:
        files = {m.name: m for m in tar.getmembers() if m.isfile()}
        for source, target in mapping.items():
            if "*" in source:
                folder, suffix = source.split("*")
                names = [n for n in files if n.startswith(folder) and n.endswith(suffix)
                         and "/" not in n[len(folder):]]
                picked = [(n, Path(target) / Path(n).name) for n in names]
            elif source in files:
                rel = Path(target) / Path(source).name if target.endswith("/") else Path(target)
                picked = [(source, rel)]
            else:
                picked = [(n, Path(target) / Path(n).relative_to(source)) for n in files
                          if n.startswith(source + "/")]
            if not picked:
                sys.exit(f"{tarball.name}: nothing matches {source!r}")
            for name, rel in picked:
                out = VENDOR / rel
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(tar.extractfile(files[name]).read())


def ensure_assets() -> None:
    """Vendor MathJax 3, require.js and the widgets' html-manager (pinned, checksummed) once per pin."""
    wanted = json.dumps({name: pin[:2] for name, pin in NPM_ASSETS.items()}, sort_keys=True)
    if VENDOR_STAMP.exists() and VENDOR_STAMP.read_text() == wanted:
        return
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm is needed once to fetch MathJax, require.js and @jupyter-widgets/html-manager "
                 "(the book's offline JavaScript): install Node.js/npm (Debian: apt-get install npm)")
    shutil.rmtree(VENDOR, ignore_errors=True)
    VENDOR.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, (version, integrity, mapping) in NPM_ASSETS.items():
            print(f"+ npm pack {name}@{version}", flush=True)
            out = subprocess.run([npm, "pack", f"{name}@{version}", "--json", "--pack-destination", tmp],
                                 cwd=tmp, capture_output=True, text=True)
            if out.returncode:
                sys.exit(f"npm pack {name}@{version} failed:\n{out.stderr[-2000:]}")
            tarball = Path(tmp) / json.loads(out.stdout)[0]["filename"]
            if _sri(tarball.read_bytes()) != integrity:
                sys.exit(f"{tarball.name}: checksum mismatch (expected {integrity})")
            _unpack(tarball, mapping)
    VENDOR_STAMP.write_text(wanted)


def ensure_browser() -> None:
    """Debian's chromium for the browser tests (no browser download by Playwright, ever)."""
    if CHROMIUM.exists():
        return
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        print("installing Debian's chromium for the browser tests", flush=True)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        for cmd in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
            print("+", " ".join(cmd), flush=True)
            if subprocess.call(cmd, env=env):
                sys.exit(f"`{' '.join(cmd)}` failed: the browser tests need {CHROMIUM}")
    else:
        sys.exit(f"The browser tests need Chromium at {CHROMIUM}. As root: apt-get update && "
                 "apt-get install -y chromium (Debian), then run this command again.")


def build_book() -> None:
    """Execute every chapter and build the HTML book, warnings as errors."""
    run(BIN / "jupyter-book", "build", ".", "--all", "-W", "-n", "--keep-going")


def cmd_book(_args: list[str]) -> None:
    ensure_env()
    ensure_assets()
    build_book()
    print(f"\nThe book is built: open {HTML_INDEX.as_uri()}")


def cmd_test(args: list[str]) -> None:
    ensure_env()
    ensure_assets()
    ensure_browser()
    run(PYTHON, "-m", "pytest", *args)


PDF_DIR = ROOT / "_build" / "pdf"
PDF = PDF_DIR / "dialm.pdf"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _executed_notebooks_current() -> bool:
    """Every Jupytext chapter has an executed notebook from the HTML build, newer than its source."""
    import re

    for md in (ROOT / "book").rglob("*.md"):
        if "kernelspec:" not in md.read_text(encoding="utf-8")[:600]:
            continue
        if not re.search(rf"file:\s*{re.escape(md.relative_to(ROOT).with_suffix('').as_posix())}\s*$",
                         (ROOT / "_toc.yml").read_text(), re.MULTILINE):
            continue
        ipynb = ROOT / "_build" / "jupyter_execute" / md.relative_to(ROOT).with_suffix(".ipynb")
        if not ipynb.exists() or ipynb.stat().st_mtime < md.stat().st_mtime:
            return False
    return HTML_INDEX.exists()


def cmd_pdf(_args: list[str]) -> None:
    """The whole book as one PDF: the executed chapters of the HTML build (built first if missing or
    stale) are rendered as ONE HTML page (Sphinx's singlehtml builder, no re-execution), which
    Chromium prints once MathJax has typeset every equation.  Numbered equations, figures,
    cross-references and the bibliography are those of the HTML book; sliders are left out of print
    (book/assets/print.css), the figures they drive are printed in their default state."""
    ensure_env()
    ensure_assets()
    ensure_browser()
    if not _executed_notebooks_current():
        build_book()
    run(PYTHON, ROOT / "tasks.py", "_pdf")  # the rest needs the venv (yaml, playwright)


def _with_glue(ipynb: Path) -> dict:
    """An executed notebook of the HTML build with its `glue` records put back: myst-nb moves them out
    of the outputs into NAME.glue.json; a hidden last cell carries them again, as glue wrote them."""
    notebook = json.loads(ipynb.read_text(encoding="utf-8"))
    glue_file = ipynb.with_name(ipynb.stem + ".glue.json")
    if not glue_file.exists():
        return notebook
    present = {o.get("metadata", {}).get("scrapbook", {}).get("name") for c in notebook["cells"]
               for o in c.get("outputs", [])}
    outputs = []
    for key, output in json.loads(glue_file.read_text(encoding="utf-8")).items():
        if key in present:
            continue
        prefix = output["metadata"]["scrapbook"].get("mime_prefix", "")
        outputs.append({**output, "data": {prefix + mime: v for mime, v in output["data"].items()}})
    notebook["cells"].append({"cell_type": "code", "execution_count": None, "id": "glue-records",
                              "metadata": {"tags": ["remove-cell"]}, "outputs": outputs,
                              "source": "# the glue records of the HTML build's execution"})
    source_map = notebook["metadata"].get("source_map")
    if source_map:  # myst-nb's cell -> source line map: one entry for the added cell too
        source_map.append(source_map[-1])
    return notebook


def cmd_pdf_in_venv(_args: list[str]) -> None:
    import yaml

    src = PDF_DIR / "src"
    shutil.rmtree(PDF_DIR, ignore_errors=True)
    shutil.copytree(ROOT / "book", src / "book", ignore=shutil.ignore_patterns("*.ipynb", ".*"))
    for ipynb in (ROOT / "_build" / "jupyter_execute" / "book").rglob("*.ipynb"):
        rel = ipynb.relative_to(ROOT / "_build" / "jupyter_execute")
        (src / rel).with_suffix(".md").unlink(missing_ok=True)  # the executed notebook replaces it
        (src / rel).write_text(json.dumps(_with_glue(ipynb)), encoding="utf-8")
    shutil.copy2(ROOT / "_toc.yml", src / "_toc.yml")
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    config["execute"]["execute_notebooks"] = "off"  # outputs come from the HTML build's execution
    (src / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True))
    run(BIN / "jupyter-book", "build", src, "--builder", "singlehtml", "-n", "--keep-going")
    # singlehtml writes the whole book into the root document's page, with links relative to the
    # output's top folder: print a copy there (self-links made local)
    single = src / "_build" / "singlehtml"
    root_page = yaml.safe_load((ROOT / "_toc.yml").read_text())["root"] + ".html"
    html = (single / root_page).read_text(encoding="utf-8").replace(f'href="{root_page}#', 'href="#')
    (single / "dialm.html").write_text(html, encoding="utf-8")
    cmd_print([str(single), "dialm.html", str(PDF)])
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm:
        (PDF_DIR / "pages").mkdir()
        run(pdftoppm, "-r", "50", "-png", PDF, PDF_DIR / "pages" / "page")
        print(f"page images to look at: {PDF_DIR / 'pages'}")
    else:
        print("(apt-get install poppler-utils, and this command also renders page images)")
    print(f"\nThe book as a PDF: {PDF}")


def cmd_print(args: list[str]) -> None:
    """(inside the venv) Serve a built HTML folder on 127.0.0.1 and print one of its pages to a PDF."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    folder, page_path, out = Path(args[0]), args[1], Path(args[2])
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/{page_path}", wait_until="load")
        if page.evaluate("() => !!(window.MathJax && window.MathJax.startup)"):
            page.wait_for_function("() => window.MathJax.startup.promise", timeout=120_000)
            page.evaluate("() => window.MathJax.startup.promise")
        page.evaluate("() => document.fonts.ready")
        page.emulate_media(media="print")
        footer = ('<div style="font-size:8px;width:100%;text-align:center;color:#555">'
                  '<span class="title"></span> — <span class="pageNumber"></span>/<span class="totalPages">'
                  "</span></div>")
        page.pdf(path=str(out), format="A4", print_background=True, display_header_footer=True,
                 header_template="<span></span>", footer_template=footer,
                 margin={"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"})
        browser.close()
    httpd.shutdown()
    print(f"printed {out} ({out.stat().st_size // 1024} kB)")


def cmd_bench(args: list[str]) -> None:
    """Every benchmark (ratios against baselines), then the snapshot the appendix renders.
    ``--full`` also times the clean-clone build, the incremental rebuild and the test suite."""
    ensure_env()
    for script in sorted((ROOT / "bench").glob("bench_*.py")):
        extra = ["--build", "--suite"] if script.stem == "bench_coldstart" and "--full" in args else []
        run(PYTHON, script, *extra)
    run(PYTHON, ROOT / "bench" / "report.py")


LAB_SETTINGS = ROOT / "_build" / "lab-settings"


def lab_options(autosave: bool = True) -> list[str]:
    """JupyterLab options for the book: a chapter (.md) opens as a notebook (Jupytext) on a double
    click or from a URL; no news or update checks (they would go to the network).  The browser test
    turns autosave off (it must never write a chapter)."""
    LAB_SETTINGS.mkdir(parents=True, exist_ok=True)
    jupytext = {"markdown": "Jupytext Notebook", "myst": "Jupytext Notebook"}
    overrides = {
        "@jupyterlab/docmanager-extension:plugin": {"defaultViewers": jupytext, "autosave": autosave},
        "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    }
    (LAB_SETTINGS / "overrides.json").write_text(json.dumps(overrides, indent=2))
    as_root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    return [*as_root, f"--LabApp.app_settings_dir={LAB_SETTINGS}",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]


def cmd_lab(args: list[str]) -> None:
    ensure_env()
    run(PYTHON, "-m", "jupyter", "lab", *lab_options(), *args, "book/")


def cmd_clean(_args: list[str]) -> None:
    caches = [*ROOT.glob("lib/**/__pycache__"), *ROOT.glob("tests/__pycache__")]
    for path in [ROOT / "_build", *caches]:
        shutil.rmtree(path, ignore_errors=True)
        print("removed", path.relative_to(ROOT))


COMMANDS = {"book": cmd_book, "test": cmd_test, "pdf": cmd_pdf, "bench": cmd_bench, "lab": cmd_lab,
            "clean": cmd_clean, "_pdf": cmd_pdf_in_venv}


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in COMMANDS:
        sys.exit(__doc__)
    COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
