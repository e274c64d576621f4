"""The orchestrator: one page in, one :class:`Report` out.

:func:`score_record` runs the stages in order:

1. guard: size limit, type check;
2. parse: bytes/str → :class:`~classifier.page.Page`;
3. screen: language and length (pages the model was not built for are ``skipped``);
4. detect: every registered detector;
5. check facts: claims about drugs compared with the reference facts (adds ``claims.*`` flags);
6. featurize and 7. model: calibrated score, band and explanation;
8. report: a frozen :class:`~classifier.results.Report`.

Nothing in here raises for a bad page: every failure becomes ``status="error"`` with a ``reason``.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .options import DEFAULT_OPTIONS, Options
from .page import Page, ParseError, parse
from .results import Report


class PageTimeout(Exception):
    """The page used up its time budget."""


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
    from joblib import Parallel, delayed

    with Parallel(n_jobs=jobs, return_as="generator") as parallel:
        for batch in parallel(delayed(_score_batch)(chunk, options) for chunk in _chunks(records, batch_size)):
            yield from batch


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
    """Score one :class:`Record`: the pure function that every engine (local, joblib, Dask) maps."""
    try:
        return _score(rec, options)
    except PageTimeout:
        return Report.failed(rec.id, rec.url, "timeout")
    except ParseError as exc:
        return Report.failed(rec.id, rec.url, f"{exc.reason}: {exc}")
    except RecursionError:
        return Report.failed(rec.id, rec.url, "too_deep: nesting too deep to parse")
    except MemoryError:
        return Report.failed(rec.id, rec.url, "too_large: out of memory")
    except Exception as exc:  # noqa: BLE001 - one bad page must not stop a batch
        return Report.failed(rec.id, rec.url, f"internal_error: {type(exc).__name__}: {exc}")


# --------------------------------------------------------------------------------------------------
# private computation


@dataclass(frozen=True)
class _Resources:
    detectors: tuple
    facts: Any
    model: Any


@lru_cache(maxsize=4)
def _resources(options: Options) -> _Resources:
    """Detectors, facts and model, loaded once per process and options (a worker loads them once)."""
    from . import detectors as det
    from .facts import load_facts
    from .model import load_model

    return _Resources(det.by_name(options.detectors), load_facts(options.facts_dirs), load_model(options))


def load_resources(options: Options | None = None) -> None:
    """Load detectors, facts and model now (start-up cost paid up front, e.g. once per Dask worker)."""
    _resources(_check_options(options))


def _score(rec: Record, options: Options) -> Report:
    deadline = time.monotonic() + options.timeout

    def check_time() -> None:
        if time.monotonic() > deadline:
            raise PageTimeout

    if rec.error:
        return Report.failed(rec.id, rec.url, rec.error)
    raw, is_html = (rec.html, None) if rec.html not in (None, "", b"") else (rec.text, False)
    if raw is None or (isinstance(raw, (str, bytes)) and not raw.strip()):
        return Report.failed(rec.id, rec.url, "empty: the record has no html or text", status="skipped")
    if not isinstance(raw, (str, bytes, bytearray)):
        return Report.failed(rec.id, rec.url, f"bad_input: page must be str or bytes, got {type(raw).__name__}")
    size = len(raw) if isinstance(raw, (bytes, bytearray)) else len(raw.encode("utf-8", errors="replace"))
    if size > options.max_bytes:
        return Report.failed(rec.id, rec.url, f"too_large: {size} bytes > max_bytes {options.max_bytes}")

    res = _resources(options)
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
    features = page_features(page, flags, claims)
    pred = res.model.predict(features)
    flags.sort(key=lambda f: (f.start, f.end, f.code))
    return Report(
        id=rec.id, url=rec.url, status="ok", reason=None, score=pred.score, band=pred.band,
        flags=tuple(flags), claims=tuple(claims), text=text, title=page.title, language=language,
        n_words=n_words, explanation=pred.explanation, details=_details(features),
    )


def _details(features: dict[str, float]) -> dict[str, float]:
    return {k: float(v) for k, v in features.items() if k.startswith(("garble_", "score_"))}


def _language(page: Page) -> str:
    """ISO 639-1 code of the page's main language (py3langid: its model ships inside the package)."""
    import py3langid

    sample = page.text[:3000]
    if not sample.strip():
        return "und"
    return py3langid.classify(sample)[0]


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


def _frame_records(df: Any, html_col: str, text_col: str, url_col: str, id_col: str) -> Iterator[Record]:
    import pandas as pd

    has_html, has_text = html_col in df.columns, text_col in df.columns
    for pos, (idx, row) in enumerate(df.iterrows()):
        rid = row[id_col] if id_col in df.columns and not pd.isna(row[id_col]) else idx if idx is not None else pos
        url = row[url_col] if url_col in df.columns and isinstance(row[url_col], str) else None
        html = row[html_col] if has_html and isinstance(row[html_col], (str, bytes)) and row[html_col] else None
        text = row[text_col] if has_text and isinstance(row[text_col], str) and row[text_col] else None
        yield Record(id=str(rid), url=url, html=html, text=text)
