"""The environment the commands run in: ``.venv`` with the pinned requirements, and Chromium.

``ensure_env`` creates .venv and installs requirements.txt and ``dialm`` (editable) once per change
of requirements.txt or pyproject.toml; ``run`` runs a command with the venv first on PATH and stops
the command on failure; ``ensure_browser`` installs Debian's Chromium (as root) when it is missing.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed-requirements"
CHROMIUM = Path("/usr/bin/chromium")  # Debian's chromium; the browser tests and `pdf` drive it
#: how both start it: headless as root, no GPU, none of its own network traffic
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def venv_environ() -> dict[str, str]:
    """The environment with the venv first on PATH (kernels started by name resolve to it)."""
    env = dict(os.environ)
    env["VIRTUAL_ENV"] = str(VENV)
    env["PATH"] = str(BIN) + os.pathsep + env.get("PATH", "")
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # silence the debugger note in kernels
    return env


def run(*cmd: str | Path) -> None:
    """Run ``cmd`` in the repository root with the venv first on PATH; exit with its code if it fails."""
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
    if not PYTHON.exists():
        print(f"creating the environment {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if STAMP.exists() and STAMP.read_text() == requirements_digest():
        return
    run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PYTHON, "-m", "pip", "install", "--quiet", "-r", "requirements.txt")
    run(PYTHON, "-m", "pip", "install", "--quiet", "--no-deps", "-e", ".")
    STAMP.write_text(requirements_digest())


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
