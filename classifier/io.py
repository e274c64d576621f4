"""Read and write: input files → :class:`~classifier.pipeline.Record` stream → output rows.

Readers stream (one record at a time, whatever the input size) and never raise for a bad record:
it becomes a ``Record`` with ``error`` set, which the orchestrator turns into an error row.

Writers are crash-safe and resumable. Every row goes first to a JSONL journal, flushed per row: for
``.jsonl`` output the journal *is* the output; for ``.csv`` and ``.parquet`` it is ``OUT.partial.jsonl``,
converted into ``OUT`` atomically (temp file + rename) when the batch ends. ``--resume`` reads the ids
already in ``OUT`` and the journal and skips them; a torn last journal line (a kill mid-write) is cut off.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from .pipeline import Record
from .resources import require_extra
from .results import ROW_COLUMNS, Report

PAGE_SUFFIXES = (".html", ".htm", ".txt")
TABLE_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".csv", ".parquet")
WARC_SUFFIXES = (".warc", ".warc.gz")
OUTPUT_FORMATS = ("jsonl", "csv", "parquet")
# A single WARC or JSONL record larger than this is not read into memory at all.
DEFAULT_RECORD_LIMIT = 50_000_000


class InputError(ValueError):
    """An input path that cannot be read at all (missing, unknown type): a usage error, exit code 2."""


# --------------------------------------------------------------------------------------------------
# reading


def read_records(paths: Iterable[str | Path], *, record_limit: int = DEFAULT_RECORD_LIMIT) -> Iterator[Record]:
    """Records from files, directories, tables, WARC archives or ``-`` (JSONL on stdin), in order.

    Raises :class:`InputError` up front for a path that does not exist or has an unknown type; after
    that, every problem inside a file becomes an error record and reading goes on.
    """
    plan = [_plan(p) for p in paths]
    for kind, path in plan:
        yield from _guarded(_READERS[kind](path, record_limit), path)


def _guarded(records: Iterator[Record], path: Path) -> Iterator[Record]:
    """A reader's records; an exception it did not foresee ends that file with an error row, not the batch."""
    n = 0
    try:
        for rec in records:
            n += 1
            yield rec
    except Exception as exc:  # noqa: BLE001 - hostile files must not stop the other inputs
        name = "stdin" if str(path) == "-" else path.name
        yield Record(id=f"{name}:reader:{n + 1}", error=f"truncated: reading {name} stopped: {type(exc).__name__}: {exc}")


def _plan(p: str | Path) -> tuple[str, Path]:
    if str(p) == "-":
        return "stdin", Path("-")
    path = Path(p)
    if not path.exists():
        raise InputError(f"input not found: {path}")
    if path.is_dir():
        return "dir", path
    name = path.name.lower()
    for kind, suffixes in (("warc", WARC_SUFFIXES), ("jsonl", (".jsonl", ".jsonl.gz", ".ndjson")),
                           ("csv", (".csv",)), ("parquet", (".parquet",)), ("page", PAGE_SUFFIXES)):
        if name.endswith(suffixes):
            return kind, path
    allowed = ", ".join(PAGE_SUFFIXES + TABLE_SUFFIXES + WARC_SUFFIXES)
    raise InputError(f"cannot tell the type of {path}: expected a directory, '-' or one of {allowed}")


def _read_dir(root: Path, limit: int) -> Iterator[Record]:
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.name.lower().endswith(PAGE_SUFFIXES))
    for f in files:
        yield from _read_page(f, limit, rid=f.relative_to(root).as_posix())


def _read_page(path: Path, limit: int, rid: str | None = None) -> Iterator[Record]:
    rid = rid or path.name
    try:
        size = path.stat().st_size
        if size > limit:
            yield Record(id=rid, error=f"too_large: {size} bytes > record limit {limit}")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Record(id=rid, error=f"unreadable: {exc}")
        return
    if path.suffix.lower() == ".txt":
        from .page import decode

        yield Record(id=rid, text=decode(data))
    else:
        yield Record(id=rid, html=data)


def _record_from_obj(obj: Any, fallback_id: str) -> Record:
    if not isinstance(obj, dict):
        return Record(id=fallback_id, error=f"bad_record: expected a JSON object, got {type(obj).__name__}")
    rid = obj.get("id")
    # Ids and URLs are written to every output format, so lone surrogates (legal in JSON escapes,
    # not encodable in UTF-8) are replaced here, once, where resume will see the same id.
    rid = fallback_id if rid is None or rid == "" else _clean(str(rid))
    url = _clean(obj["url"]) if isinstance(obj.get("url"), str) else None
    html, text = obj.get("html"), obj.get("text")
    if html is not None and not isinstance(html, str):
        return Record(id=rid, url=url, error=f"bad_record: 'html' must be a string, got {type(html).__name__}")
    if text is not None and not isinstance(text, str):
        return Record(id=rid, url=url, error=f"bad_record: 'text' must be a string, got {type(text).__name__}")
    if not html and not text:
        return Record(id=rid, url=url, error="bad_record: no 'html' or 'text' field")
    return Record(id=rid, url=url, html=html or None, text=text or None)


def _read_jsonl_stream(stream: Any, name: str, limit: int) -> Iterator[Record]:
    lineno = 0
    try:
        for lineno, (raw, size) in enumerate(_bounded_lines(stream, limit), 1):  # noqa: B007 - used after the loop
            fid = f"{name}:{lineno}"
            if raw is None:
                yield Record(id=fid, error=f"too_large: line of {size} bytes > record limit {limit}")
                continue
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw)
            except (ValueError, RecursionError) as exc:
                yield Record(id=fid, error=f"bad_json: {exc}")
                continue
            yield _record_from_obj(obj, fid)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield Record(id=f"{name}:{lineno + 1}", error=f"truncated: reading stopped: {exc}")


def _bounded_lines(stream: Any, limit: int) -> Iterator[tuple[bytes | None, int]]:
    """Lines of a binary stream, but never more than ``limit + 1`` bytes of one line in memory.

    An over-long line comes out as ``(None, its size)``: a JSONL file with a 2 GB line must not
    take the process down before the size check can refuse it.
    """
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line, len(line)
            continue
        size = len(line)
        while not line.endswith(b"\n"):
            line = stream.readline(1 << 20)
            if not line:
                break
            size += len(line)
        yield None, size


def _clean(value: str) -> str:
    from .page import _no_surrogates

    return _no_surrogates(value)


def _read_jsonl(path: Path, limit: int) -> Iterator[Record]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as fh:
        yield from _read_jsonl_stream(fh, path.name, limit)


def _read_stdin(_: Path, limit: int) -> Iterator[Record]:
    yield from _read_jsonl_stream(sys.stdin.buffer, "stdin", limit)


def _read_csv(path: Path, limit: int) -> Iterator[Record]:
    """Rows of a CSV file with a header; a row with broken quoting becomes an error row and reading resumes.

    The parser cannot tell where a row with an unclosed quote was meant to end, so after an error it
    starts again on the physical line after the one where the bad row began: one bad row costs that
    row (and any lines its runaway field swallowed are re-read as rows of their own), never the rest.
    """
    csv.field_size_limit(min(limit, 2**31 - 1))
    with open(path, "rb") as fh:
        lines = _TrackedLines(fh)
        header = next(csv.reader(lines), None)
        if not header:
            return
        fields = [h.strip() for h in header]
        rowno = 0
        while True:
            reader = csv.reader(lines, strict=True)
            while True:
                start, start_line = lines.offset, lines.lineno + 1
                rowno += 1
                fid = f"{path.name}:{rowno}"
                try:
                    row = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    yield Record(id=fid, error=f"bad_csv: line {start_line}: {exc}")
                    lines.restart_after(start, start_line)
                    break
                if not row or row == [""]:
                    rowno -= 1
                    continue
                if len(row) > len(fields):
                    yield Record(id=fid, error=f"bad_csv: line {start_line}: {len(row)} fields, the header has {len(fields)}")
                    continue
                obj = {k: (v if v != "" else None) for k, v in zip(fields, row, strict=False)}
                yield _record_from_obj(obj, fid)


class _TrackedLines:
    """Decoded lines of a binary file that know their byte offset, so a CSV reader can be restarted."""

    def __init__(self, fh: Any) -> None:
        self.fh = fh
        self.offset = 0  # byte offset of the next line
        self.lineno = 0  # lines handed out so far

    def __iter__(self) -> _TrackedLines:
        return self

    def __next__(self) -> str:
        line = self.fh.readline()
        if not line:
            raise StopIteration
        self.lineno += 1
        self.offset += len(line)
        return line.decode("utf-8", errors="replace")

    def restart_after(self, offset: int, lineno: int) -> None:
        """Continue with the line after line ``lineno``, which starts at byte ``offset``."""
        self.fh.seek(offset)
        self.offset = offset + len(self.fh.readline())
        self.lineno = lineno


def _read_parquet(path: Path, limit: int) -> Iterator[Record]:
    pq = require_extra("pyarrow.parquet", "parquet")
    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:  # noqa: BLE001 - a broken file is an error row, not a crash
        yield Record(id=path.name, error=f"bad_parquet: {exc}")
        return
    cols = [c for c in ("id", "url", "html", "text") if c in pf.schema_arrow.names]
    n = 0
    try:
        for batch in pf.iter_batches(batch_size=256, columns=cols):
            for obj in batch.to_pylist():
                n += 1
                yield _record_from_obj(obj, f"{path.name}:{n}")
    except Exception as exc:  # noqa: BLE001
        yield Record(id=f"{path.name}:{n + 1}", error=f"bad_parquet: reading stopped: {exc}")


def _read_warc(path: Path, limit: int) -> Iterator[Record]:
    """Response records of a WARC file; other records become skipped rows, oversize ones error rows.

    fastwarc stops quietly at a cut gzip member and hands out a cut record of a plain WARC as if it
    were whole, so each record is held back until the next one has been read; after the last one the
    end of the file is checked (:func:`_warc_tail`) and a cut record becomes a ``truncated`` row.
    """
    fastwarc = require_extra("fastwarc.warc", "warc")
    n = 0
    pending: tuple[Record, int] | None = None
    try:
        # fastwarc detects gzip members itself (faster than wrapping the file in Python's gzip).
        with open(path, "rb") as fh:
            for rec in fastwarc.ArchiveIterator(fh, parse_http=True, record_types=fastwarc.WarcRecordType.any_type):
                n += 1
                record = _warc_record(rec, path, n, limit, fastwarc)
                if pending is not None:
                    yield pending[0]
                pending = (record, rec.stream_pos)
    except (OSError, EOFError, gzip.BadGzipFile, ValueError) as exc:
        if pending is not None:
            yield pending[0]
        yield Record(id=f"{path.name}:{n + 1}", error=f"truncated: reading stopped: {exc}")
        return
    state = _warc_tail(path, pending[1] if pending else 0, limit)
    if pending is not None:
        rec0 = pending[0]
        yield Record(id=rec0.id, url=rec0.url, error="truncated: the file ends inside this WARC record") if state == "cut" else rec0
    if state == "cut" and pending is None and path.stat().st_size > 0:
        yield Record(id=f"{path.name}:1", error="truncated: no complete WARC record in the file")
    elif state == "cut_after":
        yield Record(id=f"{path.name}:{n + 1}", error="truncated: the file ends inside a WARC record")


_CONTENT_LENGTH = re.compile(rb"(?im)^content-length:[ \t]*(\d+)")


def _warc_tail(path: Path, pos: int, limit: int) -> str:
    """``"ok"``, ``"cut"`` (the record at byte ``pos`` is incomplete) or ``"cut_after"`` (one after it is).

    Only the end of the file is read: from the start of the last record fastwarc returned.
    """
    with open(path, "rb") as fh:
        fh.seek(pos)
        raw = fh.read(2 * limit + 65536)
        if fh.read(1):
            return "ok"  # the tail is larger than any record we would read: nothing to judge
    if not raw:
        return "ok"
    data, members_ok = raw, [True]
    if raw[:2] == b"\x1f\x8b":
        data, members_ok = _gunzip_members(raw)
    records_ok = _warc_records_complete(data)
    if not members_ok[0] or not records_ok[0]:
        return "cut"
    return "ok" if all(members_ok) and all(records_ok) else "cut_after"


def _gunzip_members(raw: bytes) -> tuple[bytes, list[bool]]:
    """Decompress consecutive gzip members; one flag per member: did it reach its end?"""
    out, flags = [], []
    while raw:
        d = zlib.decompressobj(wbits=31)
        try:
            out.append(d.decompress(raw))
        except zlib.error:
            flags.append(False)
            break
        flags.append(d.eof)
        if not d.eof:
            break
        raw = d.unused_data
    return b"".join(out), flags or [False]


def _warc_records_complete(data: bytes) -> list[bool]:
    """One flag per WARC record in ``data``: are its header block and ``Content-Length`` bytes all there?"""
    flags, pos = [], 0
    while pos < len(data):
        head_end = data.find(b"\r\n\r\n", pos)
        m = _CONTENT_LENGTH.search(data, pos, head_end) if head_end >= 0 else None
        if m is None:
            flags.append(False)
            break
        pos = head_end + 4 + int(m.group(1))
        if pos > len(data):
            flags.append(False)
            break
        flags.append(True)
        while data[pos : pos + 2] == b"\r\n":
            pos += 2
    return flags or [True]


def _warc_record(rec: Any, path: Path, n: int, limit: int, fastwarc: Any) -> Record:
    headers = rec.headers
    rid = headers.get("WARC-Record-ID") or f"{path.name}:{n}"
    url = headers.get("WARC-Target-URI")
    if rec.record_type != fastwarc.WarcRecordType.response:
        kind = str(headers.get("WARC-Type") or rec.record_type)
        return Record(id=rid, url=url, error=f"skipped_record: WARC {kind} record, not a response")
    length = rec.content_length
    if length > limit:
        return Record(id=rid, url=url, error=f"too_large: WARC record of {length} bytes > record limit {limit}")
    http = rec.http_headers
    ctype = (http.get("Content-Type") or "") if http is not None else ""
    if ctype and not any(t in ctype.lower() for t in ("html", "text/plain", "xml")):
        return Record(id=rid, url=url, error=f"skipped_record: content type {ctype!r} is not a web page")
    body = rec.reader.read()
    return Record(id=rid, url=url, html=body)


_READERS = {
    "dir": _read_dir,
    "page": _read_page,
    "jsonl": _read_jsonl,
    "stdin": _read_stdin,
    "csv": _read_csv,
    "parquet": _read_parquet,
    "warc": _read_warc,
}


# --------------------------------------------------------------------------------------------------
# writing


def output_format(path: str | Path | None, fmt: str | None = None) -> str:
    """The output format from ``--format`` or the file suffix (JSONL for stdout)."""
    if fmt:
        if fmt not in OUTPUT_FORMATS:
            raise InputError(f"unknown output format {fmt!r}; choose one of {', '.join(OUTPUT_FORMATS)}")
        return fmt
    if path is None or str(path) == "-":
        return "jsonl"
    name = str(path).lower()
    for f in OUTPUT_FORMATS:
        if name.endswith("." + f):
            return f
    raise InputError(f"cannot tell the output format of {path}: use .jsonl, .csv or .parquet, or --format")


def report_row(report: Report, *, nested: bool, with_text: bool = False) -> dict[str, Any]:
    """The output row of a report: flat for tables; flags and claims as lists in JSONL (``nested``)."""
    row = report.to_row()
    if nested:
        row["flags"] = [f.to_dict() for f in report.flags]
        row["claims"] = [c.to_dict() for c in report.claims]
    if with_text:
        row["text"] = report.text
    return row


class RowWriter:
    """Crash-safe, resumable writer of output rows (see the module docstring)."""

    def __init__(self, path: str | Path | None, fmt: str | None = None, *, resume: bool = False,
                 with_text: bool = False) -> None:
        self.fmt = output_format(path, fmt)
        self.path = None if path is None or str(path) == "-" else Path(path)
        self.with_text = with_text
        self.done_ids: set[str] = set()
        self.counts = {"ok": 0, "skipped": 0, "error": 0}
        if self.path is None:
            self._journal_path = None
            self._fh: TextIO = sys.stdout
            return
        self._journal_path = self.path if self.fmt == "jsonl" else self.path.with_name(self.path.name + ".partial.jsonl")
        self._remove_stale_temp_files()
        if resume:
            self.done_ids = self._existing_ids()
        else:
            for p in {self._journal_path, self.path}:
                if p.exists():
                    p.unlink()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fh = open(self._journal_path, "a", encoding="utf-8")  # noqa: SIM115 - closed in close()

    def _remove_stale_temp_files(self) -> None:
        """Temp files of a conversion that a kill interrupted: never renamed, so never part of the output."""
        assert self.path is not None
        for tmp in self.path.parent.glob(f".{self.path.name}.tmp*"):
            tmp.unlink(missing_ok=True)

    def _existing_ids(self) -> set[str]:
        ids: set[str] = set()
        assert self.path is not None and self._journal_path is not None
        _repair_torn_tail(self._journal_path)
        for row in _iter_jsonl_rows(self._journal_path):
            ids.add(str(row.get("id")))
        if self.fmt != "jsonl" and self.path.exists():
            for row in _iter_table_rows(self.path, self.fmt):
                ids.add(str(row.get("id")))
        return ids

    def write(self, report: Report) -> None:
        row = report_row(report, nested=True, with_text=self.with_text)
        line = json.dumps(row, ensure_ascii=False, default=str)
        try:
            line.encode("utf-8")
        except UnicodeEncodeError:
            # A lone surrogate from a library caller: JSON's \u escapes keep it and stay valid UTF-8.
            line = json.dumps(row, ensure_ascii=True, default=str)
        # One write call per row: a kill can only tear the last line, which resume cuts off.
        self._fh.write(line + "\n")
        self._fh.flush()
        self.counts[report.status] = self.counts.get(report.status, 0) + 1

    def close(self) -> None:
        if self.path is None:
            self._fh.flush()
            return
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._fh.close()
        if self.fmt != "jsonl":
            self._finalise_table()

    def _finalise_table(self) -> None:
        """Merge the rows already in OUT (on resume) with the journal into a temp file, then rename."""
        assert self.path is not None and self._journal_path is not None
        tmp = self.path.with_name(f".{self.path.name}.tmp{os.getpid()}")
        previous = _iter_table_rows(self.path, self.fmt) if self.path.exists() else iter(())
        # A kill between the rename and the journal's removal leaves rows in both: keep each id once.
        rows = _unique_ids(_chain(previous, (_flatten(r) for r in _iter_jsonl_rows(self._journal_path))))
        columns = list(ROW_COLUMNS) + (["text"] if self.with_text else [])
        if self.fmt == "csv":
            with open(tmp, "w", encoding="utf-8", errors="replace", newline="") as fh:
                w = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
                w.writeheader()
                for r in rows:
                    w.writerow(r)
                fh.flush()
                os.fsync(fh.fileno())
        else:
            _write_parquet(tmp, rows, columns)
        os.replace(tmp, self.path)
        self._journal_path.unlink(missing_ok=True)

    def __enter__(self) -> RowWriter:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _chain(*its: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for it in its:
        yield from it


def _unique_ids(rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    seen: set[str] = set()
    for r in rows:
        rid = str(r.get("id"))
        if rid not in seen:
            seen.add(rid)
            yield r


def _flatten(row: dict[str, Any]) -> dict[str, Any]:
    row = dict(row)
    for key in ("flags", "claims"):
        if not isinstance(row.get(key), str):
            row[key] = json.dumps(row.get(key) or [], ensure_ascii=False)
    return row


def _write_parquet(path: Path, rows: Iterable[dict[str, Any]], columns: list[str]) -> None:
    pa = require_extra("pyarrow", "parquet")
    pq = require_extra("pyarrow.parquet", "parquet")
    schema = pa.schema([(c, _ARROW_TYPES.get(c, "string")) for c in columns])
    schema = pa.schema([pa.field(c, getattr(pa, t)()) for c, t in ((f.name, _ARROW_TYPES.get(f.name, "string")) for f in schema)])
    with pq.ParquetWriter(path, schema) as writer:
        buf: list[dict[str, Any]] = []
        for r in rows:
            buf.append({c: _coerce(c, r.get(c)) for c in columns})
            if len(buf) >= 1000:
                writer.write_table(pa.Table.from_pylist(buf, schema=schema))
                buf = []
        if buf:
            writer.write_table(pa.Table.from_pylist(buf, schema=schema))


_ARROW_TYPES = {"score": "float64", "n_flags": "int64", "n_supported": "int64", "n_contradicted": "int64",
                "n_unsupported": "int64", "n_words": "int64"}


def _coerce(col: str, value: Any) -> Any:
    t = _ARROW_TYPES.get(col)
    if value is None or value == "":
        return None if t else (None if value is None else "")
    if t == "float64":
        return float(value)
    if t == "int64":
        return int(float(value))
    return _clean(str(value))  # Arrow strings must be valid UTF-8


def _repair_torn_tail(path: Path) -> None:
    """Cut a last line that a kill left without its newline (it may be half a JSON object)."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with open(path, "rb+") as fh:
        fh.seek(-1, os.SEEK_END)
        if fh.read(1) == b"\n":
            return
        size = fh.seek(0, os.SEEK_END)
        step = 65536
        pos = size
        while pos > 0:
            pos = max(0, pos - step)
            fh.seek(pos)
            chunk = fh.read(size - pos)
            nl = chunk.rfind(b"\n")
            if nl >= 0:
                fh.truncate(pos + nl + 1)
                return
        fh.truncate(0)


def _iter_jsonl_rows(path: Path) -> Iterator[dict[str, Any]]:
    if not path.exists():
        return
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            try:
                obj = json.loads(line)
            except ValueError:
                continue
            if isinstance(obj, dict):
                yield obj


def _iter_table_rows(path: Path, fmt: str) -> Iterator[dict[str, Any]]:
    if fmt == "csv":
        csv.field_size_limit(2**31 - 1)
        with open(path, encoding="utf-8", newline="") as fh:
            yield from csv.DictReader(fh)
    elif fmt == "parquet":
        pq = require_extra("pyarrow.parquet", "parquet")
        for batch in pq.ParquetFile(path).iter_batches(batch_size=1000):
            yield from batch.to_pylist()
    else:
        yield from _iter_jsonl_rows(path)


def read_rows(path: str | Path) -> Iterator[dict[str, Any]]:
    """Rows of a file written by :class:`RowWriter` (any of the three formats)."""
    path = Path(path)
    yield from _iter_table_rows(path, output_format(path))


