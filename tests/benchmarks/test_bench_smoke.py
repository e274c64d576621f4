"""The benchmark command runs end to end on the fixture pages (``pytest -m benchmark tests/benchmarks``)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.benchmark

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"


def test_bench_prints_every_figure(tmp_path: Path) -> None:
    from classifier.bench import main, run

    out = io.StringIO()
    results = run(PAGES, replicate=1, jobs=2, baselines=True, out=out)
    text = out.getvalue()
    for needle in ("start-up", "[headline]", "baseline: trafilatura", "stage breakdown", "peak RSS"):
        assert needle in text
    assert {"full_1job", "default_1job", "full_2jobs"} <= set(results["pages_per_s"])
    assert any(s["stage"].startswith("detector ") for s in results["stages"])
    assert main(["--pages", str(PAGES), "--replicate", "1", "--jobs", "1", "--no-baselines",
                 "--json", str(tmp_path / "b.json")]) == 0
    assert json.loads((tmp_path / "b.json").read_text())["n_files"] >= 1
