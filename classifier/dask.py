"""Scoring on a Dask cluster: the same pure function of a record, mapped over partitions.

The distributed job is a thin shell over :func:`~classifier.pipeline.score_record`:

1. plan: every input (directory of pages, JSONL, CSV, Parquet, WARC) becomes one or more *shards*; a
   big file is cut into shards of about ``records_per_partition`` records (directories by file count,
   Parquet by row groups, uncompressed JSONL by line offsets, WARC by record offsets found in one scan
   that runs on the cluster);
2. read: :func:`read_shards` turns the shards into a Dask DataFrame of records, one partition per shard,
   with the same record ids as the local readers in :mod:`classifier.io`;
3. score: :func:`score_dask_frame` maps one partition function over it (``map_partitions`` with an
   explicit ``meta``: the columns of :data:`~classifier.results.ROW_COLUMNS` with their dtypes). Dask
   fuses reading and scoring into one task per partition, so a worker holds one partition's pages at a
   time; detectors, facts and model are loaded once per worker process (a worker plugin, and the
   ``lru_cache`` of the pipeline's resources);
4. collect: :func:`score_paths_dask` (behind ``healthcred score --engine dask``) yields
   :class:`~classifier.results.Report` objects in input order, a bounded number of partitions ahead,
   so the CLI writes them with the local engine's writer and the output files are equal row for row.

Spark users can map the same pure function: ``df.mapInPandas(score_pandas_partition, schema)``,
where :func:`score_pandas_partition` scores one pandas frame of records.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import itertools
import json
import math
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .options import Options
from .pipeline import Record, score_record
from .results import ROW_COLUMNS, ClaimCheck, Flag, Report

#: Columns of the record frame made by :func:`read_shards`.
RECORD_COLUMNS = ("id", "url", "html", "text", "error")
#: Records per partition when a big input is split (about 60 MB of HTML at 120 KB a page).
DEFAULT_RECORDS_PER_PARTITION = 500

_INT_COLUMNS = frozenset({"n_flags", "n_supported", "n_contradicted", "n_unsupported", "n_words"})
_FLOAT_COLUMNS = frozenset({"score"})
# Extra columns that carry what a Report holds beyond its flat row, so that the Reports rebuilt on the
# client write exactly the rows of the local engine (explanation items may contain the " | " separator).
_REPORT_EXTRAS = ("report_explanation", "report_details", "report_text")


# --------------------------------------------------------------------------------------------------
# public API


def read_shards(paths: Iterable[str | os.PathLike[str]], *,
                records_per_partition: int | None = DEFAULT_RECORDS_PER_PARTITION) -> Any:
    """A Dask DataFrame of the records in ``paths``, one partition per shard.

    Parameters
    ----------
    paths : iterable of str or path
        Directories of ``.html/.htm/.txt`` pages, ``.jsonl`` (``.jsonl.gz``, ``.ndjson``), ``.csv``,
        ``.parquet`` and ``.warc``/``.warc.gz`` files, as for ``healthcred score``.
    records_per_partition : int or None
        Split inputs into partitions of about this many records; ``None`` keeps one partition per
        file (and one per directory). Gzipped JSONL and CSV files are never split.

    Returns
    -------
    dask.dataframe.DataFrame
        Columns :data:`RECORD_COLUMNS` (``html`` holds bytes or str as read; ``error`` is set for records
        that could not be read, which score as error rows). Ids equal those of the local readers.

    Raises
    ------
    classifier.io.InputError
        A path that does not exist, has an unknown type, or is ``-`` (stdin cannot be shared by workers).

    Examples
    --------
    >>> from classifier.dask import read_shards  # doctest: +SKIP
    >>> ddf = read_shards(["crawl/"], records_per_partition=1000)  # doctest: +SKIP
    """
    dd = _dask_dataframe()
    if records_per_partition is not None and (not isinstance(records_per_partition, int) or records_per_partition < 1):
        raise ValueError(f"records_per_partition must be a positive integer or None, got {records_per_partition!r}")
    shards = plan_shards(paths, records_per_partition=records_per_partition)
    if not shards:
        raise ValueError("no input to read: every directory given is empty")
    # Keep object columns as they are: Dask would otherwise cast them to Arrow strings, which fails on
    # (or, worse, silently decodes as UTF-8) the raw bytes whose charset the parser must detect.
    with _no_string_conversion():
        return dd.from_map(_read_shard, shards, meta=_record_meta(), enforce_metadata=False)


def score_dask_frame(ddf: Any, *, html_col: str = "html", text_col: str = "text", url_col: str = "url",
                     id_col: str = "id", options: Options | None = None) -> Any:
    """Score every row of a Dask DataFrame; one output row per input row, partition by partition.

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        Pages in ``html_col`` (str or bytes) or ``text_col``; ``url_col`` and ``id_col`` are optional
        (the id falls back to the partition's index, so give an id column on real data). A column named
        ``error`` (as made by :func:`read_shards`) turns its non-empty rows into error rows.
    options : Options, optional
        As for :func:`classifier.score_many`.

    Returns
    -------
    dask.dataframe.DataFrame
        Lazy; columns :data:`~classifier.results.ROW_COLUMNS`, each row equal to ``Report.to_row()`` of the
        local engine (``score`` is NaN where the local row has ``None``).

    Examples
    --------
    >>> import dask.dataframe as dd, pandas as pd  # doctest: +SKIP
    >>> from classifier.dask import score_dask_frame  # doctest: +SKIP
    >>> pages = dd.from_pandas(pd.DataFrame({"id": ["a"], "html": ["<p>Valium is a benzodiazepine.</p>"]}), npartitions=1)  # doctest: +SKIP
    >>> score_dask_frame(pages).compute()["status"].tolist()  # doctest: +SKIP
    ['skipped']
    """
    return _score_frame(ddf, html_col=html_col, text_col=text_col, url_col=url_col, id_col=id_col,
                        options=_check_options(options), skip_ids=frozenset(), extended=False)


def score_paths_dask(paths: Sequence[str | os.PathLike[str]], *, options: Options | None = None,
                     scheduler: str | None = None, skip_ids: frozenset[str] = frozenset(),
                     records_per_partition: int | None = DEFAULT_RECORDS_PER_PARTITION,
                     n_workers: int | None = None, ahead: int | None = None) -> Iterator[Report]:
    """Score files on a Dask cluster and yield their reports in input order (``healthcred score --engine dask``).

    Parameters
    ----------
    paths : sequence of str or path
        Inputs as for :func:`read_shards`.
    options : Options, optional
        Scoring options (shipped to the workers once per task).
    scheduler : str, optional
        Address of a running Dask scheduler (``tcp://host:8786``); a ``LocalCluster`` of worker
        processes with one thread each is started (and stopped at the end) when omitted.
    skip_ids : frozenset of str
        Record ids already written (``--resume``); they are neither scored nor yielded.
    records_per_partition : int or None
        See :func:`read_shards`.
    n_workers : int, optional
        Workers of the local cluster (default: the number of cores).
    ahead : int, optional
        Partitions scored ahead of the one being yielded (default: twice the workers); bounds the
        memory the client holds.

    Yields
    ------
    Report
        One per input record not in ``skip_ids``, in input order; equal to the local engine's report
        in every field that the writers write.
    """
    options = _check_options(options)
    ddf = read_shards(paths, records_per_partition=records_per_partition)
    scored = _score_frame(ddf, html_col="html", text_col="text", url_col="url", id_col="id", options=options,
                          skip_ids=frozenset(skip_ids), extended=True)
    client, cluster = _connect(scheduler, n_workers)
    try:
        _load_on_workers(client, options)
        window = ahead or 2 * max(len(client.scheduler_info().get("workers", {})), 1)
        # the records of partition i, scored in pieces, if partition i's task keeps killing workers
        args = ("html", "text", "url", "id", options, frozenset(skip_ids), True)
        rescue = functools.partial(_rescue_partition, client, ddf.to_delayed(), args)
        for part in _in_order(client, scored.to_delayed(), window, rescue):
            yield from _reports_from_frame(part)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def score_pandas_partition(df: Any, *, html_col: str = "html", text_col: str = "text", url_col: str = "url",
                           id_col: str = "id", options: Options | None = None) -> Any:
    """Score one pandas frame of records: the pure function every engine maps (Dask, Spark ``mapInPandas``).

    Returns a pandas DataFrame with the columns and dtypes of :func:`output_meta`.
    """
    return _score_partition(df, html_col, text_col, url_col, id_col, _check_options(options), frozenset(), False)


def output_meta(*, extended: bool = False) -> Any:
    """The empty pandas frame that describes the output schema (``meta``) of :func:`score_dask_frame`."""
    return _rows_frame([], extended)


# --------------------------------------------------------------------------------------------------
# planning: inputs → shards


@dataclass(frozen=True)
class Shard:
    """One partition's worth of input: ``kind`` says how to read ``path`` and ``args`` where to start."""

    kind: str
    path: str
    args: tuple = ()


def plan_shards(paths: Iterable[str | os.PathLike[str]], *,
                records_per_partition: int | None = DEFAULT_RECORDS_PER_PARTITION) -> list[Shard]:
    """The shards of ``paths`` in input order (see :func:`read_shards`)."""
    from .io import InputError, _plan

    planned = []
    for p in paths:
        if str(p) == "-":
            raise InputError("the Dask engine cannot read stdin ('-'): workers need files they can open")
        planned.append(_plan(p))
    n = records_per_partition
    shards: list[Shard] = []
    warcs: list[tuple[int, Path]] = []
    for kind, path in planned:
        if kind == "dir":
            shards.extend(_dir_shards(path, n))
        elif kind == "parquet" and n:
            shards.extend(_parquet_shards(path, n))
        elif kind == "jsonl" and n and not path.name.lower().endswith(".gz"):
            shards.extend(_jsonl_shards(path, n))
        elif kind == "warc" and n:
            warcs.append((len(shards), path))
            shards.append(Shard("warc", str(path)))  # replaced below by its record ranges
        else:
            shards.append(Shard(kind, str(path)))
    if warcs:
        # One pass over each WARC finds the record offsets; run on the cluster when a client is active.
        import dask

        offsets = dask.compute(*[dask.delayed(_warc_ranges)(str(path), n) for _, path in warcs])
        for (i, path), ranges in sorted(zip(warcs, offsets, strict=True), key=lambda x: -x[0][0]):
            shards[i : i + 1] = [Shard("warc_range", str(path), r) for r in ranges] or [Shard("warc", str(path))]
    return shards


def _dir_shards(root: Path, n: int | None) -> list[Shard]:
    from .io import PAGE_SUFFIXES

    files = sorted(p for p in root.rglob("*") if p.is_file() and p.name.lower().endswith(PAGE_SUFFIXES))
    if not files:
        return []
    size = n or len(files)
    rel = [f.relative_to(root).as_posix() for f in files]
    return [Shard("dir_files", str(root), tuple(rel[i : i + size])) for i in range(0, len(rel), size)]


def _parquet_shards(path: Path, n: int) -> list[Shard]:
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(path).metadata
    except Exception:  # noqa: BLE001 - a broken file is read whole, where it becomes an error row
        return [Shard("parquet", str(path))]
    shards, groups, rows, first = [], [], 0, 0
    for g in range(meta.num_row_groups):
        groups.append(g)
        rows += meta.row_group(g).num_rows
        if rows >= n:
            shards.append(Shard("parquet_groups", str(path), (tuple(groups), first)))
            first += rows
            groups, rows = [], 0
    if groups or not shards:
        shards.append(Shard("parquet_groups", str(path), (tuple(groups), first)))
    return shards


def _jsonl_shards(path: Path, n: int) -> list[Shard]:
    """Byte ranges of about ``n`` lines each, with the number of the first line (for fallback ids)."""
    ranges: list[Shard] = []
    start, start_line, lines, pos = 0, 1, 0, 0
    with open(path, "rb") as fh:
        for line in fh:
            pos += len(line)
            lines += 1
            if lines == n:
                ranges.append(Shard("jsonl_range", str(path), (start, pos, start_line)))
                start, start_line, lines = pos, start_line + n, 0
    if lines or not ranges:
        ranges.append(Shard("jsonl_range", str(path), (start, pos, start_line)))
    return ranges


def _warc_ranges(path: str, n: int) -> list[tuple[int, int, int]]:
    """(byte offset, records, number of the first record) for runs of ``n`` WARC records."""
    from .resources import require_extra

    fastwarc = require_extra("fastwarc.warc", "warc")
    ranges: list[tuple[int, int, int]] = []
    count = last = 0
    try:
        with open(path, "rb") as fh:
            for rec in fastwarc.ArchiveIterator(fh, parse_http=False, record_types=fastwarc.WarcRecordType.any_type):
                last = rec.stream_pos
                if count % n == 0:
                    ranges.append((last, 0, count + 1))
                count += 1
                ranges[-1] = (ranges[-1][0], ranges[-1][1] + 1, ranges[-1][2])
    except (OSError, EOFError, ValueError):
        return []  # a damaged file is read whole, so its error rows match the local reader's
    if not ranges or _warc_damaged(path, last):
        return []
    return ranges


def _warc_damaged(path: str, last_record_pos: int) -> bool:
    """Whether the local reader would report a cut record at the end of the file (it then reads it whole)."""
    from .io import DEFAULT_RECORD_LIMIT, _warc_tail

    try:
        return _warc_tail(Path(path), last_record_pos, DEFAULT_RECORD_LIMIT) != "ok"
    except Exception:  # noqa: BLE001 - when in doubt, read the file whole as the local engine does
        return True


# --------------------------------------------------------------------------------------------------
# reading: shard → records


def _read_shard(shard: Shard) -> Any:
    from .io import _guarded

    return _records_frame(_guarded(_shard_records(shard), Path(shard.path)))


def _shard_records(shard: Shard) -> Iterator[Record]:
    from . import io

    path, limit = Path(shard.path), io.DEFAULT_RECORD_LIMIT
    if shard.kind == "dir_files":
        for rel in shard.args:
            yield from io._read_page(path / rel, limit, rid=rel)
    elif shard.kind == "jsonl_range":
        start, end, first_line = shard.args
        with open(path, "rb") as fh:
            yield from io._read_jsonl_stream(_LineRange(fh, start, end, first_line), path.name, limit)
    elif shard.kind == "parquet_groups":
        yield from _parquet_group_records(path, *shard.args)
    elif shard.kind == "warc_range":
        yield from _warc_range_records(path, *shard.args, limit=limit)
    else:
        yield from io._READERS[shard.kind](path, limit)


class _LineRange:
    """The bytes ``start:end`` of a file as a stream with ``readline``, behind ``first_line - 1`` blank lines.

    The blank lines keep the local reader's line numbers (and so its fallback ids) equal to those of a
    whole-file read; readers skip blank lines.
    """

    def __init__(self, fh: Any, start: int, end: int, first_line: int) -> None:
        fh.seek(start)
        self._fh, self._left, self._blank = fh, end - start, first_line - 1

    def readline(self, size: int = -1) -> bytes:
        if self._blank:
            self._blank -= 1
            return b"\n"
        if self._left <= 0:
            return b""
        line = self._fh.readline(self._left if size is None or size < 0 else min(size, self._left))
        self._left -= len(line)
        return line

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.readline, b"")


def _parquet_group_records(path: Path, groups: tuple[int, ...], first: int) -> Iterator[Record]:
    import pyarrow.parquet as pq

    from .io import _record_from_obj

    n = first
    try:
        pf = pq.ParquetFile(path)
        cols = [c for c in ("id", "url", "html", "text") if c in pf.schema_arrow.names]
        for batch in pf.iter_batches(batch_size=256, row_groups=list(groups), columns=cols):
            for obj in batch.to_pylist():
                n += 1
                yield _record_from_obj(obj, f"{path.name}:{n}")
    except Exception as exc:  # noqa: BLE001 - as the local reader: an error row, then stop
        yield Record(id=f"{path.name}:{n + 1}", error=f"bad_parquet: reading stopped: {exc}")


def _warc_range_records(path: Path, offset: int, count: int, first: int, *, limit: int) -> Iterator[Record]:
    from .io import _warc_record
    from .resources import require_extra

    fastwarc = require_extra("fastwarc.warc", "warc")
    n = first - 1
    try:
        with open(path, "rb") as fh:
            fh.seek(offset)
            it = fastwarc.ArchiveIterator(fh, parse_http=True, record_types=fastwarc.WarcRecordType.any_type)
            for rec in itertools.islice(it, count):
                n += 1
                yield _warc_record(rec, path, n, limit, fastwarc)
    except (OSError, EOFError, ValueError) as exc:
        yield Record(id=f"{path.name}:{n + 1}", error=f"truncated: reading stopped: {exc}")


def _records_frame(records: Iterable[Record]) -> Any:
    import pandas as pd

    rows = [(r.id, r.url, r.html, r.text, r.error) for r in records]
    cols = list(zip(*rows, strict=True)) if rows else [()] * len(RECORD_COLUMNS)
    return pd.DataFrame({c: pd.Series(list(v), dtype=object) for c, v in zip(RECORD_COLUMNS, cols, strict=True)})


def _record_meta() -> Any:
    return _records_frame([])


# --------------------------------------------------------------------------------------------------
# scoring: records → rows


def _score_frame(ddf: Any, *, html_col: str, text_col: str, url_col: str, id_col: str, options: Options,
                 skip_ids: frozenset[str], extended: bool) -> Any:
    dd = _dask_dataframe()
    if not isinstance(ddf, dd.DataFrame):
        raise TypeError(f"expected a dask.dataframe.DataFrame, got {type(ddf).__name__}")
    if html_col not in ddf.columns and text_col not in ddf.columns:
        raise ValueError(f"the frame needs a {html_col!r} or {text_col!r} column; it has {list(ddf.columns)}")
    with _no_string_conversion():
        return ddf.map_partitions(_score_partition, html_col, text_col, url_col, id_col, options, skip_ids,
                                  extended, meta=output_meta(extended=extended), enforce_metadata=False,
                                  align_dataframes=False)


def _score_partition(df: Any, html_col: str, text_col: str, url_col: str, id_col: str, options: Options,
                     skip_ids: frozenset[str], extended: bool) -> Any:
    """The partition function: records of one pandas frame → one output row each (the pure part)."""

    from .pipeline import _frame_records

    _warm_up(options)
    records: Iterable[Record] = _frame_records(df, html_col, text_col, url_col, id_col)
    if "error" in df.columns:
        errors = df["error"].tolist()
        records = (dataclasses.replace(r, error=e) if isinstance(e, str) and e else r
                   for r, e in zip(records, errors, strict=True))
    rows = []
    for rec in records:
        if rec.id in skip_ids:
            continue
        rows.append(_report_row(score_record(rec, options), extended))
    return _rows_frame(rows, extended)


def _rows_frame(rows: Sequence[dict[str, Any]], extended: bool) -> Any:
    """Output rows as a pandas frame with the output schema's columns and dtypes (empty rows: ``meta``)."""
    import pandas as pd

    columns = list(ROW_COLUMNS) + (list(_REPORT_EXTRAS) if extended else [])
    return pd.DataFrame({c: pd.Series([r[c] for r in rows], dtype=_dtype(c)) for c in columns})


def _report_row(report: Report, extended: bool) -> dict[str, Any]:
    row = report.to_row()
    if row["score"] is None:
        row["score"] = math.nan
    if extended:
        row["report_explanation"] = json.dumps(list(report.explanation), ensure_ascii=False)
        row["report_details"] = json.dumps(dict(report.details), ensure_ascii=False)
        row["report_text"] = report.text
    return row


def _dtype(column: str) -> str:
    if column in _INT_COLUMNS:
        return "int64"
    if column in _FLOAT_COLUMNS:
        return "float64"
    # A real string dtype (missing = pd.NA), not object: Parquet writers infer their schema from meta.
    return "string"


# --------------------------------------------------------------------------------------------------
# collecting: rows → Reports, in order


def _reports_from_frame(df: Any) -> Iterator[Report]:
    # Missing values (pd.NA in string columns, NaN scores) become None, as in Report.
    for row in df.astype(object).where(df.notna(), None).itertuples(index=False):
        yield _report_from_row(row._asdict())


def _report_from_row(row: dict[str, Any]) -> Report:
    """Rebuild the :class:`Report` of an extended row (the flat row plus :data:`_REPORT_EXTRAS`)."""
    score = row["score"]
    return Report(
        id=row["id"], url=row["url"], status=row["status"], reason=row["reason"],
        score=None if score is None or math.isnan(score) else float(score), band=row["band"],
        flags=tuple(Flag(**f) for f in json.loads(row["flags"])),
        claims=tuple(ClaimCheck(**c) for c in json.loads(row["claims"])),
        text=row["report_text"] or "", title=row["title"], language=row["language"], n_words=int(row["n_words"]),
        explanation=tuple(json.loads(row["report_explanation"])), details=json.loads(row["report_details"]),
    )


def _in_order(client: Any, parts: Sequence[Any], window: int, rescue: Any = None) -> Iterator[Any]:
    """Results of ``parts`` in order, with at most ``window`` partitions submitted and not yet yielded.

    A partition whose task killed its workers (Dask gives up after ``distributed.scheduler.allowed-failures``
    deaths and raises ``KilledWorker``) is handed to ``rescue(index)`` instead of ending the run.
    """
    from distributed import KilledWorker

    pending: deque = deque()
    todo = enumerate(parts)
    for i, part in itertools.islice(todo, window):
        pending.append((i, client.compute(part)))
    while pending:
        i, fut = pending.popleft()
        try:
            result = fut.result()
        except KilledWorker:
            if rescue is None:
                raise
            result = rescue(i)
        fut.release()
        nxt = next(todo, None)
        if nxt is not None:
            pending.append((nxt[0], client.compute(nxt[1])))
        yield result


def _rescue_partition(client: Any, record_parts: Sequence[Any], args: tuple, i: int) -> Any:
    return _rescue(client, client.compute(record_parts[i]).result(), args)


def _rescue(client: Any, records: Any, args: tuple) -> Any:
    """Score a partition of ``records`` whose task kills workers: halves are scored as tasks of their own,
    down to the single record that kills, which gets a ``worker_died`` row; every other row is as usual.

    A crash in a C library or the out-of-memory killer takes the worker process with it, so no Python
    handler in :func:`score_record` can catch it; this is the row that says why instead.
    """
    import pandas as pd
    from distributed import KilledWorker

    from .pipeline import _frame_records

    try:
        return client.submit(_score_partition, records, *args, pure=False).result()
    except KilledWorker:
        if len(records) > 1:
            mid = len(records) // 2
            return pd.concat([_rescue(client, records.iloc[:mid], args), _rescue(client, records.iloc[mid:], args)],
                             ignore_index=True)
    html_col, text_col, url_col, id_col, _, skip_ids, extended = args
    rows = [_report_row(Report.failed(rec.id, rec.url, "worker_died: the worker scoring this page died (KilledWorker); "
                                      "the rest of the partition was scored"), extended)
            for rec in _frame_records(records, html_col, text_col, url_col, id_col) if rec.id not in skip_ids]
    return _rows_frame(rows, extended)


def _connect(scheduler: str | None, n_workers: int | None) -> tuple[Any, Any]:
    from .resources import require_extra

    distributed = require_extra("distributed", "dask")
    if scheduler:
        return distributed.Client(scheduler), None
    # Processes, one thread each: scoring is pure Python and holds the GIL.
    cluster = distributed.LocalCluster(n_workers=n_workers or os.cpu_count() or 1, threads_per_worker=1,
                                       processes=True, dashboard_address=None)
    return distributed.Client(cluster), cluster


class _LoadResources:
    """Worker plugin: detectors, facts and model loaded when a worker starts, not inside the first task."""

    name = "healthcred-load-resources"

    def __init__(self, options: Options) -> None:
        self.options = options

    def setup(self, worker: Any) -> None:
        _warm_up(self.options)


# A short English page that reaches every stage, scored once per worker process before real pages.
_WARM_UP_PAGE = ("<html><head><title>Warm-up</title></head><body><p>Zolpidem is a prescription sleep medicine. It can "
                 "cause drowsiness the next morning and should not be mixed with alcohol. Ask your doctor before "
                 "stopping it, because stopping suddenly may cause withdrawal symptoms.</p></body></html>")


@functools.lru_cache(maxsize=4)
def _warm_up(options: Options) -> None:
    """Load resources and score one page, once per process and options.

    Some stages build their tables lazily on the first page; without this, that cost would land inside
    the first real page's time budget and could turn it into a timeout row that the local engine, which
    pays the same cost on another page, does not have. Failures are left to ``score_record``, which
    reports them as error rows.
    """
    from .pipeline import load_resources

    with contextlib.suppress(Exception):
        load_resources(options)
        score_record(Record(id="warm-up", html=_WARM_UP_PAGE), dataclasses.replace(options, languages=()))


def _load_on_workers(client: Any, options: Options) -> None:
    from distributed.diagnostics.plugin import WorkerPlugin

    plugin = type("LoadResources", (_LoadResources, WorkerPlugin), {})(options)
    client.register_plugin(plugin, name=_LoadResources.name)


def _no_string_conversion() -> Any:
    import dask

    return dask.config.set({"dataframe.convert-string": False})


def _dask_dataframe() -> Any:
    from .resources import require_extra

    return require_extra("dask.dataframe", "dask")


def _check_options(options: Options | None) -> Options:
    from .pipeline import _check_options

    return _check_options(options)
