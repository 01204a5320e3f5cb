"""The benchmark snapshot and its two readers: bench/README.md (the developers' dashboard, rendered
by bench/report.py) and the book's page "How fast, how accurate" (book/appendix/speed.md)."""

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT = ROOT / "bench" / "performance.json"


def _report():
    spec = importlib.util.spec_from_file_location("bench_report", ROOT / "bench" / "report.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_snapshot_lives_in_bench_and_has_the_slider_timings():
    report = _report()
    assert report.SNAPSHOT == SNAPSHOT and SNAPSHOT.is_file()
    snap = json.loads(SNAPSHOT.read_text())
    controls = snap["widgets"]["controls"]
    assert controls and all({"chapter", "median_ms", "worst_ms", "meets_target"} <= set(c)
                            for c in controls)
    assert not (ROOT / "book" / "appendix" / "performance.json").exists()


def test_the_readme_dashboard_is_the_rendered_snapshot():
    """`python bench/report.py --readme` was run after the snapshot last changed."""
    report = _report()
    text = (ROOT / "bench" / "README.md").read_text(encoding="utf-8")
    assert text.count(report.MARK) == 2
    section = text.split(report.MARK)[1]
    assert section == "\n" + report.render(json.loads(SNAPSHOT.read_text())), \
        "bench/README.md is stale: run `.venv/bin/python bench/report.py --readme`"


def test_the_render_shows_every_kernel_row_and_control():
    report = _report()
    snap = json.loads(SNAPSHOT.read_text())
    md = report.render(snap)
    assert md.count("\n| `") >= len(snap["rows"])
    assert f"of {len(snap['widgets']['controls'])} controls meet it" in md


def test_the_book_page_reads_the_snapshot():
    page = (ROOT / "book" / "appendix" / "speed.md").read_text(encoding="utf-8")
    assert '"bench" / "performance.json"' in page
