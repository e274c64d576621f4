"""The Dask engine gives the local engine's rows, row for row, on a LocalCluster."""

from __future__ import annotations

import gzip
import json
import math
import shutil
import uuid
from pathlib import Path

import pytest

pytest.importorskip("dask.dataframe", reason="the Dask engine needs the [dask] extra (dask[dataframe])")
pytest.importorskip("distributed", reason="the Dask engine needs the [dask] extra (distributed)")
pa = pytest.importorskip("pyarrow", reason="Parquet shards need pyarrow")
pq = pytest.importorskip("pyarrow.parquet", reason="Parquet shards need pyarrow")

from classifier import ROW_COLUMNS, Options, score_many  # noqa: E402
from classifier.dask import (  # noqa: E402
    output_meta,
    plan_shards,
    read_shards,
    score_dask_frame,
    score_pandas_partition,
    score_paths_dask,
)
from classifier.io import read_records  # noqa: E402

PAGES = Path(__file__).parent / "fixtures" / "pages"
# Every page fully scored (the fixture pages include one in German), so rows carry flags and claims.
FULL = Options(languages=())


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


def _page_objects() -> list[dict]:
    """Records made from the fixture pages, several variants each so that inputs span partitions."""
    out = []
    for i, p in enumerate(sorted(PAGES.iterdir())):
        body = p.read_text(encoding="utf-8")
        key = "text" if p.suffix == ".txt" else "html"
        out.append({"id": f"{p.stem}-{i}", "url": f"https://example.org/{p.stem}", key: body})
        out.append({"id": f"{p.stem}-{i}-b", "url": None, key: body.replace("tonight", "this week")})
    return out


def _local_rows(paths: list[Path], options: Options = FULL) -> list[dict]:
    return [r.to_row() for r in score_many(read_records(paths), options=options)]


def _plain(rows: list[dict]) -> list[dict]:
    """Dask rows as plain dicts comparable to ``Report.to_row()`` (NaN score → None, numpy ints → int)."""
    import pandas as pd

    out = []
    for r in rows:
        r = {k: (None if v is pd.NA else v) for k, v in r.items()}
        if isinstance(r["score"], float) and math.isnan(r["score"]):
            r["score"] = None
        for k in ("n_flags", "n_supported", "n_contradicted", "n_unsupported", "n_words"):
            r[k] = int(r[k])
        out.append(r)
    return out


def _dask_rows(paths: list[Path], cluster, options: Options = FULL, **kw) -> list[dict]:
    from distributed import Client

    with Client(cluster) as client:
        df = client.compute(score_dask_frame(read_shards(paths, **kw), options=options)).result()
    assert list(df.columns) == list(ROW_COLUMNS)
    return _plain(df.to_dict("records"))


@pytest.fixture()
def page_dir(tmp_path: Path) -> Path:
    d = tmp_path / "pages"
    (d / "sub").mkdir(parents=True)
    for p in PAGES.iterdir():
        shutil.copy(p, d / p.name)
        shutil.copy(p, d / "sub" / p.name)
    # Not UTF-8: the parser must get the bytes and detect the charset, on both engines.
    leaflet = (PAGES / "leaflet.html").read_text(encoding="utf-8").replace("<head>", '<head><meta charset="iso-8859-1">')
    (d / "latin1.html").write_bytes((leaflet + "<p>Gr\u00fc\u00dfe, caf\u00e9 \u00e0 la fa\u00e7on.</p>").encode("latin-1"))
    return d


@pytest.fixture()
def jsonl_shards(tmp_path: Path) -> list[Path]:
    objs = _page_objects()
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl.gz"
    lines = [json.dumps(o) for o in objs[:5]]
    # A blank line, bad JSON and a record without a page: their fallback ids count lines.
    lines[2:2] = ["", "{not json", json.dumps({"url": "https://example.org/none"})]
    a.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with gzip.open(b, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(json.dumps(o) for o in objs[5:]) + "\n")
    return [a, b]


@pytest.fixture()
def parquet_shard(tmp_path: Path) -> Path:
    objs = _page_objects()
    table = pa.Table.from_pylist([{"id": o["id"] if i % 3 else None, "url": o["url"], "html": o.get("html"),
                                   "text": o.get("text")} for i, o in enumerate(objs)])
    path = tmp_path / "pages.parquet"
    pq.write_table(table, path, row_group_size=3)
    return path


def _warc_record(url: str, body: bytes, rtype: str = "response", record_id: bool = True) -> bytes:
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: "
            + str(len(body)).encode() + b"\r\n\r\n" + body)
    rid = f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n" if record_id else ""
    head = (f"WARC/1.0\r\nWARC-Type: {rtype}\r\n{rid}WARC-Target-URI: {url}\r\n"
            f"Content-Type: application/http; msgtype={rtype}\r\nContent-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


@pytest.fixture()
def warc_shard(tmp_path: Path) -> Path:
    pytest.importorskip("fastwarc", reason="WARC input needs the [warc] extra")
    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as fh:
        for i, o in enumerate(_page_objects()):
            body = (o.get("html") or o["text"]).encode("utf-8")
            rtype = "request" if i == 3 else "response"
            fh.write(gzip.compress(_warc_record(o["url"] or "https://example.org/x", body, rtype, record_id=i % 4 != 1)))
    return path


# --------------------------------------------------------------------------------------------------


def _model_available() -> bool:
    from classifier.model import MODEL_FILE

    return MODEL_FILE.is_file()


def test_directory_of_pages_equals_local(page_dir: Path, cluster) -> None:
    local = _local_rows([page_dir])
    assert len(local) == 9
    if _model_available():  # without a trained model every row is an error row, equal but not telling
        assert not [r for r in local if r["status"] == "error"]
        assert sum(r["status"] == "ok" for r in local) >= 7
    assert _dask_rows([page_dir], cluster, records_per_partition=3) == local


def test_jsonl_shards_equal_local(jsonl_shards: list[Path], cluster) -> None:
    local = _local_rows(jsonl_shards)
    assert any(r["status"] == "error" for r in local)  # the bad lines are kept as error rows
    assert len(plan_shards(jsonl_shards, records_per_partition=2)) > 2
    assert _dask_rows(jsonl_shards, cluster, records_per_partition=2) == local


def test_parquet_shard_equals_local(parquet_shard: Path, cluster) -> None:
    assert len(plan_shards([parquet_shard], records_per_partition=3)) > 1
    assert _dask_rows([parquet_shard], cluster, records_per_partition=3) == _local_rows([parquet_shard])


def test_warc_shard_equals_local(warc_shard: Path, cluster) -> None:
    assert len(plan_shards([warc_shard], records_per_partition=3)) > 1
    assert _dask_rows([warc_shard], cluster, records_per_partition=3) == _local_rows([warc_shard])


def test_cut_warc_equals_local(warc_shard: Path, tmp_path: Path, cluster) -> None:
    cut = tmp_path / "cut.warc.gz"
    data = warc_shard.read_bytes()
    cut.write_bytes(data[: len(data) - 60])  # the file ends inside its last record
    local = _local_rows([cut])
    assert any("truncated" in (r["reason"] or "") for r in local)
    assert _dask_rows([cut], cluster, records_per_partition=3) == local


def test_default_options_equal_local(page_dir: Path, jsonl_shards: list[Path], cluster) -> None:
    paths = [page_dir, *jsonl_shards]
    assert _dask_rows(paths, cluster, options=Options()) == _local_rows(paths, Options())


def test_score_paths_dask_yields_reports_in_order_and_skips(page_dir: Path, jsonl_shards: list[Path], cluster) -> None:
    paths = [page_dir, *jsonl_shards]
    local = list(score_many(read_records(paths), options=FULL))
    skip = frozenset({local[0].id, local[-1].id})
    got = list(score_paths_dask(paths, options=FULL, scheduler=cluster.scheduler_address, skip_ids=skip,
                                records_per_partition=2))
    want = [r for r in local if r.id not in skip]
    assert [r.id for r in got] == [r.id for r in want]
    for g, w in zip(got, want, strict=True):
        assert g.to_row() == w.to_row()
        assert (g.text, g.flags, g.claims, g.explanation, dict(g.details)) == (
            w.text, w.flags, w.claims, w.explanation, dict(w.details))


def test_a_page_that_kills_workers_costs_its_row_only(tmp_path: Path, monkeypatch) -> None:
    """Workers killed by one page (C crash, OOM killer): Dask gives up on its partition with KilledWorker;
    the engine scores the partition in halves down to that page, which gets a worker_died row."""
    import dask
    from distributed import LocalCluster
    from fixtures.robustness import support

    import classifier.dask as engine

    objs = _page_objects()[:8]
    killer = 5
    objs[killer] = {**objs[killer], "text": (objs[killer].get("html") or objs[killer]["text"]) + " " + support.KILL_MARK}
    objs[killer].pop("html", None)
    path = tmp_path / "pages.jsonl"
    path.write_text("\n".join(json.dumps(o) for o in objs) + "\n", encoding="utf-8")
    local = _local_rows([path])
    # one death is enough for Dask to give up on a task (the default of 3 retries only makes this slower)
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        monkeypatch.setattr(engine, "_score_partition", support.partition_or_die)
        got = [r.to_row() for r in score_paths_dask([path], options=FULL, scheduler=c.scheduler_address,
                                                     records_per_partition=4)]
    assert [r["id"] for r in got] == [r["id"] for r in local]
    for i, (row, exp) in enumerate(zip(got, local, strict=True)):
        if i == killer:
            assert row["status"] == "error" and row["reason"].split(":")[0] == "worker_died"
        else:
            assert row == exp


def test_cli_engine_dask_writes_the_local_output(page_dir: Path, warc_shard: Path, tmp_path: Path, cluster) -> None:
    from classifier.cli import main

    local_out, dask_out = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    assert main(["score", str(page_dir), str(warc_shard), "-o", str(local_out)]) in (0, 1)
    assert main(["score", str(page_dir), str(warc_shard), "-o", str(dask_out), "--engine", "dask",
                 "--scheduler", cluster.scheduler_address]) in (0, 1)
    assert dask_out.read_text(encoding="utf-8") == local_out.read_text(encoding="utf-8")


def test_frame_api_meta_and_pure_partition_function(tmp_path: Path) -> None:
    import dask.dataframe as dd
    import pandas as pd

    objs = _page_objects()
    pdf = pd.DataFrame(objs)
    ddf = dd.from_pandas(pdf, npartitions=2)
    scored = score_dask_frame(ddf, options=FULL)
    meta = output_meta()
    assert list(scored.columns) == list(ROW_COLUMNS)
    assert dict(scored.dtypes) == dict(meta.dtypes)
    got = _plain(scored.compute(scheduler="sync").to_dict("records"))
    assert got  # and the frame writes to Parquet with the schema its meta gives
    scored.to_parquet(tmp_path / "scores", write_index=False, compute_kwargs={"scheduler": "sync"})
    assert len(pd.read_parquet(tmp_path / "scores")) == len(objs)
    assert got == _plain(score_pandas_partition(pdf, options=FULL).to_dict("records"))
    assert got == [r.to_row() for r in score_many(objs, options=FULL)]


def test_bad_arguments() -> None:
    import dask.dataframe as dd
    import pandas as pd

    from classifier.io import InputError

    with pytest.raises(InputError, match="stdin"):
        read_shards(["-"])
    with pytest.raises(InputError, match="not found"):
        read_shards(["/nonexistent/pages.jsonl"])
    with pytest.raises(ValueError, match="records_per_partition"):
        read_shards([PAGES], records_per_partition=0)
    with pytest.raises(TypeError, match="dask.dataframe.DataFrame"):
        score_dask_frame(pd.DataFrame({"html": ["x"]}))
    with pytest.raises(ValueError, match="'html' or 'text' column"):
        score_dask_frame(dd.from_pandas(pd.DataFrame({"body": ["x"]}), npartitions=1))
