"""Writers: a kill at any point loses no row and duplicates none; tables appear only whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from classifier.io import RowWriter, read_rows
from classifier.results import Report


def rep(i: int | str, reason: str | None = None) -> Report:
    if reason:
        return Report.failed(str(i), None, reason)
    return Report(str(i), f"https://example.org/{i}", "ok", None, 0.5, "questionable", text="t")


def ids(path: Path) -> list[str]:
    return [str(r["id"]) for r in read_rows(path)]


def test_torn_jsonl_tail_is_cut_on_resume(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    with RowWriter(out) as w:
        for i in range(3):
            w.write(rep(i))
    with open(out, "a", encoding="utf-8") as fh:
        fh.write('{"id": "3", "status": "o')  # the kill happened mid-line
    w = RowWriter(out, resume=True)
    assert w.done_ids == {"0", "1", "2"}
    for i in range(3, 5):
        w.write(rep(i))
    w.close()
    assert ids(out) == ["0", "1", "2", "3", "4"]
    for line in out.read_text(encoding="utf-8").splitlines():
        json.loads(line)


def test_torn_tail_without_any_newline(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    out.write_text('{"id": "0", "sta')
    assert RowWriter(out, resume=True).done_ids == set()
    assert out.read_text() == ""


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_table_is_written_only_at_close_via_rename(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"o.{fmt}"
    w = RowWriter(out)
    for i in range(3):
        w.write(rep(i))
    assert not out.exists()  # nothing half-written under the final name
    assert (tmp_path / f"o.{fmt}.partial.jsonl").exists()
    w.close()
    assert ids(out) == ["0", "1", "2"]
    assert not (tmp_path / f"o.{fmt}.partial.jsonl").exists()
    assert not list(tmp_path.glob(f".o.{fmt}.tmp*"))


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_resume_after_a_kill_in_every_phase_of_a_table(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"o.{fmt}"
    journal = tmp_path / f"o.{fmt}.partial.jsonl"
    # phase 1: killed while journaling (torn line, no table yet)
    w = RowWriter(out)
    w.write(rep(0))
    w.write(rep(1))
    w._fh.write('{"id": "2", "sc')
    w._fh.flush()
    w._fh.close()
    w = RowWriter(out, resume=True)
    assert w.done_ids == {"0", "1"}
    w.write(rep(2))
    w.close()
    assert ids(out) == ["0", "1", "2"]
    # phase 2: a second batch killed during conversion: a stale temp file, journal intact
    w = RowWriter(out, resume=True)
    w.write(rep(3))
    w._fh.close()
    (tmp_path / f".o.{fmt}.tmp999").write_bytes(b"half a table")
    # phase 3: killed after the rename but before the journal was removed: rows in both places
    w = RowWriter(out, resume=True)
    assert not list(tmp_path.glob(f".o.{fmt}.tmp*"))
    assert w.done_ids == {"0", "1", "2", "3"}
    w.close()
    assert ids(out) == ["0", "1", "2", "3"]
    with open(journal, "w", encoding="utf-8") as fh:  # simulate the leftover journal
        fh.write(json.dumps({"id": "3", "status": "ok"}) + "\n")
    w = RowWriter(out, resume=True)
    w.write(rep(4))
    w.close()
    assert ids(out) == ["0", "1", "2", "3", "4"]


def test_rows_with_lone_surrogates_are_written_as_valid_utf8(tmp_path: Path) -> None:
    for fmt in ("jsonl", "csv", "parquet"):
        out = tmp_path / f"s.{fmt}"
        with RowWriter(out) as w:
            w.write(rep("bad\ud800id", reason="bad_record: x"))
            w.write(rep("fine"))
        out.read_bytes().decode("utf-8") if fmt != "parquet" else None
        assert len(ids(out)) == 2


def test_error_rows_keep_their_reason(tmp_path: Path) -> None:
    out = tmp_path / "e.csv"
    with RowWriter(out) as w:
        w.write(rep("x", reason="too_large: 6000000 bytes > max_bytes 5000000"))
    (row,) = list(read_rows(out))
    assert row["status"] == "error" and row["reason"].split(":")[0] == "too_large"
