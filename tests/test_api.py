"""The library API: score, score_many, score_frame and the result objects."""

import dataclasses
import json
import sys
from pathlib import Path

import pandas as pd
import pytest

from classifier import ROW_COLUMNS, ClaimCheck, Flag, Options, Record, Report, score, score_frame, score_many
from classifier.options import DEFAULT_OPTIONS
from classifier.pipeline import score_record

PAGES = Path(__file__).parent / "fixtures" / "pages"


def _pages() -> list[bytes]:
    return [(PAGES / n).read_bytes() for n in ("leaflet.html", "pitch.html", "forum.txt", "german.txt")]


def test_score_returns_a_frozen_report_with_exact_evidence() -> None:
    r = score((PAGES / "pitch.html").read_bytes(), url="https://pills-direct.example/x")
    assert isinstance(r, Report) and r.status == "ok" and r.language == "en"
    assert r.url == "https://pills-direct.example/x"
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.score = 1.0  # type: ignore[misc]
    for f in r.flags:
        assert isinstance(f, Flag)
        assert r.text[f.start:f.end] == f.evidence
        assert 0.0 <= f.severity <= 1.0 and "." in f.code and f.message
    for c in r.claims:
        assert isinstance(c, ClaimCheck)
        assert r.text[c.start:c.end] == c.text
    if r.score is not None:
        assert 0.0 <= r.score <= 1.0 and r.band in ("credible", "questionable", "unreliable")


def test_non_english_page_is_skipped_with_a_reason() -> None:
    r = score((PAGES / "german.txt").read_text(encoding="utf-8"))
    assert r.status == "skipped" and r.reason.startswith("language:") and r.score is None


def test_bad_inputs_give_rows_not_exceptions() -> None:
    assert score(b"%PDF-1.7 binary junk \x00\x01\x02" * 20).reason.startswith("binary")
    assert score("").status == "skipped"
    assert score("x" * 100, options=Options(max_bytes=10)).reason.startswith("too_large")
    assert score("word " * 5).reason.startswith("too_short")


def test_options_are_validated() -> None:
    with pytest.raises(ValueError, match="max_bytes"):
        Options(max_bytes=0)
    with pytest.raises(TypeError, match="Options"):
        score("text", options={"max_bytes": 3})  # type: ignore[arg-type]


def test_score_many_preserves_order_and_matches_score_with_two_jobs() -> None:
    pages = _pages()
    one = [r.to_row() for r in score_many(pages)]
    two = [r.to_row() for r in score_many(pages, jobs=2, batch_size=1)]
    assert [r["id"] for r in one] == ["0", "1", "2", "3"]
    assert one == two


@pytest.mark.skipif(sys.platform == "win32", reason="kills a worker with SIGKILL")
def test_a_dying_worker_costs_its_page_only() -> None:
    """A worker killed mid-batch (C crash, OOM killer): its page gets a worker_died row, every other page is scored."""
    from fixtures.robustness import support

    from classifier import pipeline

    pages = _pages()
    records = [Record(id=f"p{i}", html=pages[i % len(pages)]) for i in range(12)]
    for i in (2, 9):  # two killers, in different batches
        records[i] = Record(id=f"p{i}", html=pages[0] + b" " + support.KILL_MARK.encode())
    expected = [score_record(r, DEFAULT_OPTIONS).to_row() for r in records]
    # -1 (every core) as the CLI allows: the pool is sized the way joblib sizes it
    got = [r.to_row() for r in pipeline._score_parallel(iter(records), DEFAULT_OPTIONS, -1, 4, work=support.score_or_die)]
    assert [r["id"] for r in got] == [r.id for r in records]
    for i, (row, exp) in enumerate(zip(got, expected, strict=True)):
        if i in (2, 9):
            assert row["status"] == "error" and row["reason"].split(":")[0] == "worker_died"
        else:
            assert row == exp
    # and the pool works again afterwards
    assert [r.to_row() for r in score_many(pages, jobs=2, batch_size=1)] == [r.to_row() for r in score_many(pages)]


def test_score_many_accepts_dicts_records_and_flags_bad_items() -> None:
    items = [{"id": "a", "text": (PAGES / "forum.txt").read_text()}, Record(id="b", html=_pages()[0]), 42]
    rows = list(score_many(items))
    assert [r.id for r in rows] == ["a", "b", "2"]
    assert rows[2].status == "error" and rows[2].reason.startswith("bad_input")
    with pytest.raises(ValueError, match="jobs"):
        list(score_many([], jobs=0))


def test_score_frame_has_the_output_schema_and_one_row_per_page() -> None:
    df = pd.DataFrame({
        "id": ["leaf", "pitch", "forum"],
        "url": ["https://a.example", None, None],
        "html": [_pages()[0].decode(), _pages()[1].decode(), None],
        "text": [None, None, (PAGES / "forum.txt").read_text()],
    })
    out = score_frame(df)
    assert list(out.columns) == list(ROW_COLUMNS)
    assert list(out["id"]) == ["leaf", "pitch", "forum"]
    assert (out["status"] == "ok").all()
    json.loads(out.loc[0, "flags"])
    with pytest.raises(ValueError, match="column"):
        score_frame(pd.DataFrame({"body": ["x"]}))


def test_report_to_dict_and_row_round_trip_through_json() -> None:
    r = score((PAGES / "leaflet.html").read_bytes())
    d = json.loads(json.dumps(r.to_dict()))
    assert d["text"] == r.text and len(d["flags"]) == len(r.flags)
    row = r.to_row()
    assert list(row) == list(ROW_COLUMNS)
    assert row["n_flags"] == len(r.flags)
    assert r.flags_with("provenance") == tuple(f for f in r.flags if f.family == "provenance")
