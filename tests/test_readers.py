"""Readers turn every broken input into error rows with reasons and never lose the rest of a batch."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from fixtures.robustness import support

from classifier.io import _bounded_lines, read_records


def reasons(records) -> list[str | None]:  # noqa: ANN001
    return [r.error.split(":")[0] if r.error else None for r in records]


def test_jsonl_lines_that_are_not_objects_become_rows(tmp_path: Path) -> None:
    p = tmp_path / "mixed.jsonl"
    lines = [json.dumps({"id": "a", "html": "<p>x</p>"}), "[1, 2]", "42", '"text"', "{not json", "null",
             json.dumps({"id": "b", "html": 7}), json.dumps({"id": "c"}), "\xff\xfe garbage".encode("latin-1").decode("latin-1"),
             json.dumps({"id": "d\ud800", "url": "u\udfff", "text": "fine"}), "", json.dumps({"id": "e", "text": "ok"})]
    p.write_bytes("\n".join(lines).encode("utf-8", errors="surrogatepass"))
    recs = list(read_records([p]))
    assert reasons(recs) == [None, "bad_record", "bad_record", "bad_record", "bad_json", "bad_record", "bad_record",
                             "bad_record", "bad_json", None, None]
    assert recs[-2].id == "d\ufffd" and recs[-2].url == "u\ufffd"  # encodable in every output format


def test_jsonl_line_over_the_record_limit_is_refused_without_reading_it_whole(tmp_path: Path) -> None:
    p = tmp_path / "big.jsonl"
    p.write_text(json.dumps({"id": "a", "text": "x"}) + "\n" + json.dumps({"id": "big", "text": "y" * 5000}) + "\n"
                 + json.dumps({"id": "c", "text": "z"}) + "\n")
    recs = list(read_records([p], record_limit=1000))
    assert [r.id for r in recs] == ["a", "big.jsonl:2", "c"]
    assert recs[1].error.startswith("too_large: line of 50")


def test_bounded_lines_hold_at_most_the_limit() -> None:
    import io

    stream = io.BytesIO(b"short\n" + b"x" * 10_000 + b"\nend")
    assert [(line, size) for line, size in _bounded_lines(stream, 100)] == [(b"short\n", 6), (None, 10_001), (b"end", 3)]


@pytest.mark.parametrize("fraction", [0.3, 0.5, 0.9])
def test_truncated_jsonl_gz_keeps_what_was_read_and_says_truncated(tmp_path: Path, fraction: float) -> None:
    src = tmp_path / "all.jsonl"
    ids = support.write_jsonl(src, 300)
    data = gzip.compress(src.read_bytes())
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(data[: int(len(data) * fraction)])
    recs = list(read_records([cut]))
    good = [r.id for r in recs if not r.error]
    assert good == ids[: len(good)] and len(good) < 300
    assert recs[-1].error.startswith("truncated:")
    # every line up to the cut is a row: good ones, at most one torn line, then the truncation row
    assert len(recs) - len(good) in (1, 2)


@pytest.mark.parametrize("gz", [True, False])
def test_warc_non_response_records_are_skipped_rows(tmp_path: Path, gz: bool) -> None:
    p = tmp_path / ("a.warc.gz" if gz else "a.warc")
    ids = support.write_warc(p, 10, gz=gz, with_requests=True)
    recs = list(read_records([p]))
    assert [r.id for r in recs] == ids
    assert reasons(recs) == [None, "skipped_record"] * 10


@pytest.mark.parametrize("gz", [True, False])
@pytest.mark.parametrize("fraction", [0.05, 0.5, 0.77, 0.999])
def test_truncated_warc_gives_a_truncated_row_and_keeps_complete_records(tmp_path: Path, gz: bool, fraction: float) -> None:
    full = tmp_path / ("full.warc.gz" if gz else "full.warc")
    ids = support.write_warc(full, 40, gz=gz)
    data = full.read_bytes()
    cut = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    import fastwarc.warc as fw

    with open(full, "rb") as fh:
        bounds = {r.stream_pos for r in fw.ArchiveIterator(fh, record_types=fw.WarcRecordType.any_type)}
    at = int(len(data) * fraction)
    while at in bounds:  # a cut exactly between two records leaves a valid, shorter WARC: nothing is cut
        at -= 1
    cut.write_bytes(data[:at])
    recs = list(read_records([cut]))
    good = [r for r in recs if not r.error]
    assert [r.id for r in good] == ids[: len(good)] and len(good) < 40
    for r in good:  # a record that is handed out is whole
        assert r.html.endswith(b"</html>")
    assert recs[-1].error.startswith("truncated:")
    assert all(r.error.startswith("truncated:") for r in recs[len(good):])


def test_complete_warc_has_no_truncated_row(tmp_path: Path) -> None:
    for gz in (True, False):
        p = tmp_path / ("ok.warc.gz" if gz else "ok.warc")
        ids = support.write_warc(p, 25, gz=gz)
        recs = list(read_records([p]))
        assert [r.id for r in recs] == ids and not any(r.error for r in recs)


def test_warc_record_over_the_size_limit_is_an_error_row(tmp_path: Path) -> None:
    p = tmp_path / "a.warc.gz"
    ids = support.write_warc(p, 5)
    recs = list(read_records([p], record_limit=100))
    assert [r.id for r in recs] == ids and reasons(recs) == ["too_large"] * 5


def test_not_a_warc_at_all(tmp_path: Path) -> None:
    p = tmp_path / "junk.warc.gz"
    p.write_bytes(b"\x1f\x8b" + bytes(range(256)) * 20)
    recs = list(read_records([p]))
    assert recs and reasons(recs)[-1] == "truncated"


def test_broken_csv_quoting_costs_one_row_not_the_file(tmp_path: Path) -> None:
    p = tmp_path / "broken.csv"
    p.write_text(
        'id,url,html\n'
        '1,u,"<p>multi\nline</p>"\n'
        '2,u,"bad "quote" inside"\n'
        '3,u,plain\n'
        '4,u,"never closed\n'
        '5,u,after the runaway field\n'
        '6,u,x,one field too many\n'
        '7,u,"<p>last</p>"\n',
        encoding="utf-8",
    )
    recs = list(read_records([p]))
    assert [r.id for r in recs if not r.error] == ["1", "3", "5", "7"]
    assert reasons(recs) == [None, "bad_csv", None, "bad_csv", None, "bad_csv", None]
    assert "line 4" in recs[1].error and "line 6" in recs[3].error


def test_csv_with_nul_bytes_invalid_utf8_and_no_page_column(tmp_path: Path) -> None:
    p = tmp_path / "odd.csv"
    p.write_bytes(b"id,html\n1,<p>a\x00b</p>\n2,\xff\xfe<p>latin \xe9</p>\n3,\n")
    recs = list(read_records([p]))
    assert [r.id for r in recs] == ["1", "2", "3"]
    assert reasons(recs) == [None, None, "bad_record"]
    q = tmp_path / "nopage.csv"
    q.write_text("id,body\n1,hello\n")
    assert reasons(list(read_records([q]))) == ["bad_record"]


def test_csv_field_over_the_record_limit(tmp_path: Path) -> None:
    p = tmp_path / "big.csv"
    p.write_text("id,html\n1,small\n2," + "x" * 5000 + "\n3,small\n")
    recs = list(read_records([p], record_limit=1000))
    assert [r.id for r in recs if not r.error] == ["1", "3"] and reasons(recs) == [None, "bad_csv", None]


def test_directory_with_binary_files_named_html(tmp_path: Path) -> None:
    from classifier import score_record

    d = tmp_path / "pages"
    d.mkdir()
    for name, data in support.binary_pages().items():
        (d / name).write_bytes(data)
    (d / "empty.html").write_bytes(b"")
    (d / "good.html").write_text(f"<p>{support.PREAMBLE}</p>")
    with support.scoring_ready():
        reports = {r.id: r for r in (score_record(rec) for rec in read_records([d]))}
    assert len(reports) == 5
    assert {k: v.reason.split(":")[0] for k, v in reports.items() if v.reason} == {
        "page.png.html": "binary", "page.pdf.html": "binary", "page.gz.html": "binary", "empty.html": "empty"}
    assert reports["good.html"].status == "ok"


def test_an_unexpected_reader_failure_ends_that_file_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import classifier.io as io_mod

    def exploding(path, limit):  # noqa: ANN001, ANN202
        yield io_mod.Record(id="first", text="x")
        raise RuntimeError("reader bug")

    monkeypatch.setitem(io_mod._READERS, "csv", exploding)
    a, b = tmp_path / "a.csv", tmp_path / "b.jsonl"
    a.write_text("id,text\n1,x\n")
    b.write_text(json.dumps({"id": "z", "text": "y"}) + "\n")
    recs = list(read_records([a, b]))
    assert [r.id for r in recs] == ["first", "a.csv:reader:2", "z"]
    assert recs[1].error.startswith("truncated: reading a.csv stopped: RuntimeError")
