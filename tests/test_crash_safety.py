"""Kill ``healthcred score --resume`` with SIGKILL at random points, restart it, lose and duplicate nothing.

Each run: a generated batch (JSONL or WARC), ``python -m classifier score IN -o OUT --resume --quiet``
in a child process, SIGKILL once the output has grown by a random amount, restart, and so on; then
one run to the end. Every input id must be in the output exactly once and the output must parse.
The small JSONL variant runs by default; the 10,000-record ones are marked slow.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fixtures.robustness import support

from classifier.io import read_rows


def _journal(out: Path) -> Path:
    return out if out.suffix == ".jsonl" else out.with_name(out.name + ".partial.jsonl")


def _size(p: Path) -> int:
    try:
        return p.stat().st_size
    except FileNotFoundError:
        return 0


def run_with_kills(inp: Path, out: Path, kills: int, seed: int, n: int) -> dict:
    """Start, kill ``kills`` times at random output sizes, then finish. Returns what happened."""
    rng = random.Random(seed)
    cmd = [sys.executable, "-m", "classifier", "score", str(inp), "-o", str(out), "--resume", "--quiet"]
    env = support.subprocess_env()
    # Rows are roughly this many bytes: kill points are spread over the whole batch.
    approx_total = n * 900
    killed_at = []
    for _ in range(kills):
        journal = _journal(out)
        target = _size(journal) + rng.randint(1, max(2, approx_total // (kills + 1)))
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        t0 = time.monotonic()
        while proc.poll() is None and _size(journal) < target and time.monotonic() - t0 < 120:
            time.sleep(0.005)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            killed_at.append(_size(journal))
        else:
            proc.wait()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode in (0, 1), proc.stderr[-3000:]
    return {"killed_at_bytes": killed_at, "exit": proc.returncode}


def check_output(out: Path, ids: list[str]) -> None:
    if out.suffix == ".jsonl":
        lines = out.read_text(encoding="utf-8").splitlines()
        rows = [json.loads(line) for line in lines]  # every line parses: the torn ones were repaired
    else:
        rows = list(read_rows(out))
        assert not _journal(out).exists(), "the journal is removed once the table is complete"
        assert not list(out.parent.glob(f".{out.name}.tmp*")), "no temp file left behind"
    got = [str(r["id"]) for r in rows]
    assert len(got) == len(set(got)), "an id appears twice"
    assert set(got) == set(ids), f"{len(set(ids) - set(got))} rows lost, {len(set(got) - set(ids))} unexpected"
    assert all(r["status"] in ("ok", "skipped") for r in rows)


def test_kill_and_resume_small_jsonl(tmp_path: Path) -> None:
    inp = tmp_path / "batch.jsonl"
    ids = support.write_jsonl(inp, 1_000)
    out = tmp_path / "out.jsonl"
    info = run_with_kills(inp, out, kills=2, seed=1, n=1_000)
    check_output(out, ids)
    assert len(info["killed_at_bytes"]) >= 1  # at least one kill landed mid-batch


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_kill_and_resume_10000_jsonl(tmp_path: Path, fmt: str) -> None:
    inp = tmp_path / "batch.jsonl"
    ids = support.write_jsonl(inp, 10_000)
    out = tmp_path / f"out.{fmt}"
    info = run_with_kills(inp, out, kills=5, seed=7, n=10_000)
    print(f"\n{fmt}: {info}")
    check_output(out, ids)
    assert len(info["killed_at_bytes"]) >= 3


@pytest.mark.slow
@pytest.mark.parametrize("gz", [True, False])
def test_kill_and_resume_10000_warc(tmp_path: Path, gz: bool) -> None:
    inp = tmp_path / ("batch.warc.gz" if gz else "batch.warc")
    ids = support.write_warc(inp, 10_000, gz=gz)
    out = tmp_path / "out.jsonl"
    info = run_with_kills(inp, out, kills=5, seed=11, n=10_000)
    print(f"\nwarc gz={gz}: {info}")
    check_output(out, ids)
    assert len(info["killed_at_bytes"]) >= 3
