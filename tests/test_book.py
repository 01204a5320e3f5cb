"""The whole book builds, every chapter executed, with warnings as errors."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_book_builds_without_warnings():
    bin_dir = Path(sys.executable).parent
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    cmd = [str(bin_dir / "jupyter-book"), "build", str(ROOT), "--all", "-W", "-n", "--keep-going"]
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    log = f"{result.stdout[-6000:]}\n{result.stderr[-6000:]}"
    assert result.returncode == 0, f"book build failed (exit {result.returncode}):\n{log}"
    assert (ROOT / "_build" / "html" / "index.html").exists()
