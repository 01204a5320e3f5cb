"""The JavaScript the pages need, served from the book's own _static so the book works with no network.

Fetched from the npm registry by `npm pack` (the tarball only, no install scripts), checked against
the registry's sha512 integrity below, unpacked into book/assets/vendor/ (git-ignored; Sphinx copies
book/assets/ into _static/).  _config.yml points mathjax_path and nb_ipywidgets_js at these copies.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
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
    # the lecture decks (tools/slides.py): reveal.js 4.x, whose paths nbconvert's template expects
    "reveal.js": (
        "4.6.1",
        "sha512-1CW0auaXNPmwmvQ7TwpszwVxMi2Xr5cTS3J3EBC/HHgbPF32Dn7aiu/LKWDOGjMbaDwKQiGmfqcoGQ74HUHCMw==",
        {"package/dist": "reveal.js/dist", "package/plugin/notes": "reveal.js/plugin/notes",
         "package/LICENSE": "reveal.js/"},
    ),
    "jquery": (
        "3.7.1",
        "sha512-m4avr8yL8kmFN8psrbFFFmB/If14iN5o9nw/NgnnM+kybDJpRsAynV2BsfpTYrTRysYUdADVD7CkUUizgkpLfg==",
        {"package/dist/jquery.min.js": "jquery/", "package/LICENSE.txt": "jquery/"},
    ),
}


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
    """Vendor MathJax 3, require.js, the widgets' html-manager, reveal.js and jQuery (pinned,
    checksummed) once per pin."""
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
