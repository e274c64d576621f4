"""The orchestrator: one page in, one :class:`Report` out.

:func:`score_record` runs the stages in order:

1. guard: size limit, type check;
2. parse: bytes/str → :class:`~classifier.page.Page`;
3. screen: language and length (pages the model was not built for are ``skipped``);
4. detect: every registered detector;
5. check facts: claims about drugs compared with the reference facts (adds ``claims.*`` flags);
6. featurize and 7. model: calibrated score, band and explanation;
8. report: a frozen :class:`~classifier.results.Report`.

Nothing in here raises for a bad page: every failure becomes ``status="error"`` (or ``"skipped"``)
with a ``reason`` that starts with a stable machine-readable word from :data:`REASONS`, then ``": "``
and a human explanation, so ``report.reason.split(":")[0]`` is e.g. exactly ``"too_large"`` or
``"timeout"``.

Limits live here, not in the CLI, so that every caller gets them: ``Options.max_bytes`` (checked before
any parsing) and ``Options.timeout`` per page. The time budget is enforced two ways:

* cooperatively: the orchestrator checks the deadline between stages and detectors, and long loops
  inside detectors may call :func:`check_deadline`;
* pre-emptively: on the main thread of a POSIX process (the CLI, and each joblib/loky worker) a
  ``SIGALRM`` timer is armed for the page, so a detector stuck in a pathological regular expression
  (CPython's regex engine checks for signals while backtracking) or a Python loop is interrupted too.
  The timer is only used when nobody else has installed a ``SIGALRM`` handler; elsewhere (threads,
  Windows) the cooperative checks remain. Long C calls of the HTML parser cannot be interrupted, which
  is why :mod:`~classifier.page` guards the one super-linear case it has (very deep nesting) up front.
"""

from __future__ import annotations

import contextvars
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .options import DEFAULT_OPTIONS, Options
from .page import Page, ParseError, parse
from .results import Report

#: The first word of every ``reason`` this package writes (``reason.split(":")[0]``).
REASONS = (
    "too_large",       # page or record over Options.max_bytes / the reader's record limit
    "timeout",         # page over Options.timeout seconds
    "binary",          # PDF, image, archive ... not a web page
    "empty",           # no html or text at all (status skipped)
    "too_short",       # fewer than Options.min_words words (status skipped)
    "language",        # not a language the model was built for (status skipped)
    "bad_input",       # wrong Python type handed to the API
    "bad_record",      # a table/JSON record without usable id/html/text fields
    "bad_json",        # a JSONL line that is not JSON
    "bad_csv",         # broken CSV quoting or too many fields
    "bad_parquet",     # unreadable Parquet file or row group
    "truncated",       # the file ends in the middle (cut gzip, cut WARC)
    "unreadable",      # the file could not be opened or read
    "skipped_record",  # a WARC record that is not a page (request, metadata, image ...)
    "too_deep",        # nesting too deep to parse
    "unavailable",     # detectors, facts or model could not be loaded (e.g. no trained model)
    "internal_error",  # a bug: the exception is named so that it can be reported
    "worker_died",     # the worker process scoring the page died (a crash in a C library, out of memory)
)


_SKIP_REASONS = frozenset({"skipped_record", "empty", "too_short", "language"})


class PageTimeout(Exception):
    """The page used up its time budget."""


# The deadline of the page being scored in this thread/context (``None`` outside scoring).
_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("healthcred_deadline", default=None)


def check_deadline() -> None:
    """Raise :class:`PageTimeout` when the page being scored is past its time budget.

    Cheap (one clock read); detectors call it inside loops whose length depends on the page, so a
    pathological page ends as ``reason="timeout"`` instead of holding up a batch. Outside
    :func:`score_record` it does nothing.
    """
    deadline = _DEADLINE.get()
    if deadline is not None and time.monotonic() > deadline:
        raise PageTimeout


@dataclass(frozen=True)
class Record:
    """One input page as read: ``html`` or ``text`` (one of them), or ``error`` when reading failed."""

    id: str
    url: str | None = None
    html: str | bytes | None = None
    text: str | None = None
    error: str | None = None


# --------------------------------------------------------------------------------------------------
# public API


def score(page: str | bytes, *, url: str | None = None, options: Options | None = None, id: str | None = None) -> Report:
    """Score one page.

    Parameters
    ----------
    page : str or bytes
        HTML or plain text as scraped.
    url : str, optional
        The page's address (some detectors read the domain and slug).
    options : Options, optional
        Limits, extra fact files, model; defaults to :data:`~classifier.options.DEFAULT_OPTIONS`.
    id : str, optional
        Identifier copied into the report (default: ``"0"``).

    Returns
    -------
    Report
        Never raises for a bad page; look at ``status`` and ``reason``.

    Examples
    --------
    >>> from classifier import score
    >>> r = score("Valium (diazepam) is a benzodiazepine used for anxiety. It can cause dependence.")
    >>> r.status in ("ok", "skipped")
    True
    """
    options = _check_options(options)
    return score_record(Record(id="0" if id is None else str(id), url=url, html=page), options)


def score_many(items: Iterable[Any], *, jobs: int = 1, options: Options | None = None,
               batch_size: int = 64) -> Iterator[Report]:
    """Score many pages, in input order.

    ``items`` may hold :class:`Record` objects, dicts with ``id, url, html|text``, or bare pages
    (str/bytes, numbered from 0). With ``jobs > 1`` pages are scored by joblib worker processes in
    batches; memory stays bounded by ``jobs * batch_size`` pages.
    """
    options = _check_options(options)
    if not isinstance(jobs, int) or jobs == 0 or jobs < -1:
        raise ValueError(f"jobs must be a positive integer or -1, got {jobs!r}")
    records = (_as_record(i, item) for i, item in enumerate(items))
    if jobs == 1:
        for rec in records:
            yield score_record(rec, options)
        return
    yield from _score_parallel(records, options, jobs, batch_size)


def score_frame(df: Any, *, html_col: str = "html", text_col: str = "text", url_col: str = "url",
                id_col: str = "id", options: Options | None = None, jobs: int = 1) -> Any:
    """Score every row of a pandas DataFrame; one output row per input row, in order.

    The page is read from ``html_col`` when that column exists and the cell is not empty, else from
    ``text_col``. Returns a DataFrame with the columns of :data:`~classifier.results.ROW_COLUMNS`.
    """
    import pandas as pd

    from .results import ROW_COLUMNS

    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"score_frame expects a pandas DataFrame, got {type(df).__name__}")
    if html_col not in df.columns and text_col not in df.columns:
        raise ValueError(f"the frame needs a {html_col!r} or {text_col!r} column; it has {list(df.columns)}")
    records = list(_frame_records(df, html_col, text_col, url_col, id_col))
    rows = [r.to_row() for r in score_many(records, jobs=jobs, options=options)]
    return pd.DataFrame(rows, columns=list(ROW_COLUMNS), index=df.index)


def score_record(rec: Record, options: Options = DEFAULT_OPTIONS) -> Report:
    """Score one :class:`Record`: the pure function that every engine (local, joblib, Dask) maps.

    Never raises for a bad record or page; a failure is a report with ``status="error"`` and a
    ``reason`` whose first word is one of :data:`REASONS`.
    """
    if not isinstance(rec, Record):
        rec = _as_record(0, rec)
    rid = rec.id if isinstance(rec.id, str) else str(rec.id)
    url = rec.url if isinstance(rec.url, str) else None
    if rid != rec.id or url != rec.url:
        rec = Record(id=rid, url=url, html=rec.html, text=rec.text, error=rec.error)
    try:
        guarded = _guard(rec, options)
        if isinstance(guarded, Report):
            return guarded
        try:
            # Loaded before the clock starts: the first page must not pay for start-up.
            res = _resources(options)
        except Exception as exc:  # noqa: BLE001 - e.g. a missing or refused model: a row, not a crash
            return Report.failed(rec.id, rec.url, f"unavailable: {type(exc).__name__}: {_clip(str(exc))}")
        with _time_budget(options.timeout):
            return _score(rec, options, res, *guarded)
    except PageTimeout:
        return Report.failed(rec.id, rec.url, f"timeout: scoring took longer than {options.timeout:g} s (Options.timeout)")
    except ParseError as exc:
        return Report.failed(rec.id, rec.url, f"{exc.reason}: {exc}")
    except RecursionError:
        return Report.failed(rec.id, rec.url, "too_deep: nesting too deep to parse")
    except MemoryError:
        return Report.failed(rec.id, rec.url, "too_large: out of memory")
    except Exception as exc:  # noqa: BLE001 - one bad page must not stop a batch
        return Report.failed(rec.id, rec.url, f"internal_error: {type(exc).__name__}: {_clip(str(exc))}")


# --------------------------------------------------------------------------------------------------
# private computation


@dataclass(frozen=True)
class _Resources:
    detectors: tuple
    facts: Any
    model: Any
    tokens: bool = True  # whether the model reads word features (decided once, not per page)
    reads_text: bool = False  # whether the model's predict takes the page text (its word component)


@lru_cache(maxsize=4)
def _resources(options: Options) -> _Resources:
    """Detectors, facts and model, loaded once per process and options (a worker loads them once)."""
    from . import detectors as det
    from .facts import load_facts
    from .model import load_model

    detectors = det.by_name(options.detectors)
    # Tables that detectors build lazily (automata, language model) are built here, at start-up,
    # so the first page neither pays for them inside its time budget nor retries a failed build.
    for d in detectors:
        warm_up = getattr(d, "warm_up", None)
        if warm_up is not None:
            warm_up()
    _language_of("warm-up text for the language model")
    model = load_model(options)
    return _Resources(detectors, load_facts(options.facts_dirs), model, _uses_tokens(model),
                      getattr(model, "wording", None) is not None)


def load_resources(options: Options | None = None) -> None:
    """Load detectors, facts and model now (start-up cost paid up front, e.g. once per Dask worker)."""
    _resources(_check_options(options))


def _clip(message: str, n: int = 300) -> str:
    return message if len(message) <= n else message[: n - 1] + "…"


def _alarm(signum: int, frame: Any) -> None:
    raise PageTimeout


def _can_use_alarm() -> bool:
    """A ``SIGALRM`` timer is only ours to use on the main thread, on POSIX, when nobody else set a handler."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return False
    try:
        handler = signal.getsignal(signal.SIGALRM)
    except (ValueError, OSError):
        return False
    return handler in (signal.SIG_DFL, None, _alarm)


@contextmanager
def _time_budget(seconds: float) -> Iterator[None]:
    """Set the page deadline for :func:`check_deadline`, and arm the pre-emptive timer where allowed."""
    token = _DEADLINE.set(time.monotonic() + seconds)
    armed = _can_use_alarm() and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    previous = None
    if armed:
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        if armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)
        _DEADLINE.reset(token)


def _guard(rec: Record, options: Options) -> Report | tuple[str | bytes, bool | None]:
    """Stage 1: a report for records that cannot be scored, else the raw page and whether it is HTML."""
    if rec.error:
        # A record that is not a page (a WARC request, an empty row) is skipped, not failed.
        status = "skipped" if rec.error.split(":", 1)[0] in _SKIP_REASONS else "error"
        return Report.failed(rec.id, rec.url, rec.error, status=status)
    has_html = rec.html is not None and not (isinstance(rec.html, (str, bytes, bytearray)) and len(rec.html) == 0)
    raw, is_html = (rec.html, None) if has_html else (rec.text, False)
    if raw is not None and not isinstance(raw, (str, bytes, bytearray)):
        return Report.failed(rec.id, rec.url, f"bad_input: page must be str or bytes, got {type(raw).__name__}")
    # The size guard comes before anything that copies the page (strip, encode, parse).
    size = _utf8_size(raw, options.max_bytes) if raw is not None else 0
    if size > options.max_bytes:
        return Report.failed(rec.id, rec.url, f"too_large: {size} bytes > max_bytes {options.max_bytes}")
    if raw is None or not raw.strip():
        return Report.failed(rec.id, rec.url, "empty: the record has no html or text", status="skipped")
    return raw, is_html


def _score(rec: Record, options: Options, res: _Resources, raw: str | bytes, is_html: bool | None) -> Report:
    check_time = check_deadline
    page = parse(raw, url=rec.url, is_html=is_html)
    check_time()
    text = page.text if options.keep_text else ""
    n_words = page.n_words
    if n_words < options.min_words:
        return Report(rec.id, rec.url, "skipped", f"too_short: {n_words} words < min_words {options.min_words}",
                      None, None, text=text, title=page.title, n_words=n_words)
    language = _language(page)
    if options.languages and language not in options.languages:
        return Report(rec.id, rec.url, "skipped", f"language: page is {language!r}, the model covers {list(options.languages)}",
                      None, None, text=text, title=page.title, language=language, n_words=n_words)

    flags = []
    for d in res.detectors:
        flags.extend(d.detect(page))
        check_time()
    from .claims import check_claims
    from .features import page_features

    claims, claim_flags = check_claims(page, res.facts)
    flags.extend(claim_flags)
    check_time()
    features = page_features(page, flags, claims, tokens=res.tokens)
    pred = res.model.predict(features, text=page.text) if res.reads_text else res.model.predict(features)
    flags.sort(key=lambda f: (f.start, f.end, f.code))
    return Report(
        id=rec.id, url=rec.url, status="ok", reason=None, score=pred.score, band=pred.band,
        flags=tuple(flags), claims=tuple(claims), text=text, title=page.title, language=language,
        n_words=n_words, explanation=pred.explanation, details=_details(features),
    )


def _utf8_size(raw: str | bytes | bytearray, limit: int) -> int:
    """Size in bytes; a str is only encoded when its length alone cannot decide (1 to 4 bytes a character)."""
    if isinstance(raw, (bytes, bytearray)) or len(raw) > limit or 4 * len(raw) <= limit:
        return len(raw)
    return len(raw.encode("utf-8", errors="replace"))


def _uses_tokens(model: Any) -> bool:
    """Whether the model reads word features; unknown models get them all."""
    names = getattr(model, "feature_names", None)
    if names is None:
        return True
    from .features import TOKEN_PREFIX

    return any(n.startswith(TOKEN_PREFIX) for n in names)


def _details(features: dict[str, float]) -> dict[str, float]:
    return {k: float(v) for k, v in features.items() if k.startswith(("garble_", "score_"))}


def _language(page: Page) -> str:
    """ISO 639-1 code of the page's main language (py3langid: its model ships inside the package)."""
    # 2,000 characters decide the language as well as 3,000 on the benchmark pages, at two thirds
    # of the cost (py3langid is linear in the sample).
    return _language_of(page.text[:2000])


def _language_of(sample: str) -> str:
    from .langid import classify

    if not sample.strip():
        return "und"
    return classify(sample)


def _check_options(options: Options | None) -> Options:
    if options is None:
        return DEFAULT_OPTIONS
    if not isinstance(options, Options):
        raise TypeError(f"options must be a classifier.Options, got {type(options).__name__}")
    return options


def _as_record(i: int, item: Any) -> Record:
    if isinstance(item, Record):
        return item
    if isinstance(item, (str, bytes, bytearray)):
        return Record(id=str(i), html=item)
    if isinstance(item, dict):
        rid = item.get("id")
        return Record(id=str(i if rid is None else rid), url=item.get("url"), html=item.get("html"), text=item.get("text"))
    return Record(id=str(i), error=f"bad_input: cannot score an item of type {type(item).__name__}")


def _chunks(it: Iterable[Record], n: int) -> Iterator[list[Record]]:
    buf: list[Record] = []
    for x in it:
        buf.append(x)
        if len(buf) >= n:
            yield buf
            buf = []
    if buf:
        yield buf


def _score_batch(batch: list[Record], options: Options) -> list[Report]:
    return [score_record(r, options) for r in batch]


def _score_parallel(records: Iterable[Record], options: Options, jobs: int, batch_size: int,
                    work: Any = _score_batch) -> Iterator[Report]:
    """Batches of ``records`` scored by ``work`` in joblib's worker processes, in input order.

    :func:`score_record` turns every Python failure into a report, but a worker process can still die
    under it: a segfault in a C parser, or the OOM killer. joblib then aborts the whole call, losing the
    batches in flight, so those are kept here until their results arrive; after a death they are scored
    again by :func:`_isolate`, which finds the page(s) responsible, and the run goes on with a new pool.
    """
    from concurrent.futures.process import BrokenProcessPool

    from joblib import Parallel, delayed

    chunks = _chunks(records, batch_size)
    while True:
        in_flight: deque[list[Record]] = deque()
        tasks = (delayed(work)(chunk, options) for chunk in _remembered(chunks, in_flight))
        try:
            with Parallel(n_jobs=jobs, return_as="generator") as parallel:
                for batch in parallel(tasks):
                    in_flight.popleft()
                    yield from batch
            return
        except BrokenProcessPool:  # loky's TerminatedWorkerError is one
            for chunk in in_flight:
                yield from _isolate(chunk, options, jobs, work)


def _remembered(chunks: Iterator[list[Record]], seen: deque[list[Record]]) -> Iterator[list[Record]]:
    """``chunks``, each appended to ``seen`` as joblib takes it (results pop them off in order)."""
    for chunk in chunks:
        seen.append(chunk)
        yield chunk


def _isolate(chunk: list[Record], options: Options, jobs: int, work: Any) -> Iterator[Report]:
    """Score ``chunk`` in a worker; if the worker dies, halve the chunk and try each half, down to the
    single page that kills a worker, which gets a ``worker_died`` report. A page that kills is found
    with about 2·log2(len(chunk)) worker starts; pages that do not are scored once more at most."""
    from concurrent.futures.process import BrokenProcessPool

    from joblib import effective_n_jobs
    from joblib.externals.loky import get_reusable_executor

    try:
        # result() returns or raises before anything is yielded: a half is reported whole or not at all.
        # The pool joblib used (same size, so its warm workers are reused), or a new one after a death.
        pool = get_reusable_executor(max_workers=effective_n_jobs(jobs))
        yield from pool.submit(work, chunk, options).result()
    except BrokenProcessPool as exc:
        if len(chunk) == 1:
            rec = chunk[0]
            yield Report.failed(rec.id, rec.url, f"worker_died: the process scoring this page died "
                                                 f"({type(exc).__name__}); the rest of the batch was scored")
            return
        mid = len(chunk) // 2
        yield from _isolate(chunk[:mid], options, jobs, work)
        yield from _isolate(chunk[mid:], options, jobs, work)


def _frame_records(df: Any, html_col: str, text_col: str, url_col: str, id_col: str) -> Iterator[Record]:
    import pandas as pd

    has_html, has_text = html_col in df.columns, text_col in df.columns
    for pos, (idx, row) in enumerate(df.iterrows()):
        rid = row[id_col] if id_col in df.columns and not pd.isna(row[id_col]) else idx if idx is not None else pos
        url = row[url_col] if url_col in df.columns and isinstance(row[url_col], str) else None
        html = row[html_col] if has_html and isinstance(row[html_col], (str, bytes)) and row[html_col] else None
        text = row[text_col] if has_text and isinstance(row[text_col], str) and row[text_col] else None
        yield Record(id=str(rid), url=url, html=html, text=text)
