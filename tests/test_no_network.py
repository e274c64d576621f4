"""Scoring needs no network: with every socket refused, pages are scored, first loads included."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures.robustness import support

import classifier


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    support.disable_network(monkeypatch.setattr)
    with pytest.raises(support.NetworkUsed):
        socket.create_connection(("example.org", 80))


def test_scoring_in_process_with_sockets_disabled_after_clearing_caches(no_network) -> None:  # noqa: ANN001
    from classifier import pipeline

    pipeline._resources.cache_clear()  # facts, model and detectors load again, now without network
    with support.scoring_ready():
        reports = [classifier.score(p, url="https://shop.example/buy") for p in (
            support.PREAMBLE, "<p>" + support.PREAMBLE + "<a href='https://pills.example/order'>order valium online</a></p>")]
    assert [r.status for r in reports] == ["ok", "ok"]


def test_first_load_in_a_fresh_process_with_sockets_disabled(tmp_path: Path) -> None:
    """A child process whose sitecustomize disables sockets imports, loads everything and scores a batch."""
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.html").write_text(f"<p>{support.PREAMBLE}</p>")
    (pages / "b.html").write_text(f"<p>{support.PREAMBLE} Call 1-800-555-0199 now to order.</p>")
    out = tmp_path / "out.jsonl"
    code = ("import socket\n"
            "try:\n    socket.create_connection(('example.org', 80))\nexcept OSError as e:\n    print('blocked', type(e).__name__)\n"
            f"from classifier.cli import main\nraise SystemExit(main(['score', {str(pages)!r}, '-o', {str(out)!r}, '--quiet']))\n")
    proc = subprocess.run([sys.executable, "-c", code], env=support.subprocess_env(no_network=True),
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "blocked NetworkUsed" in proc.stdout
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["status"] for r in rows] == ["ok", "ok"]
