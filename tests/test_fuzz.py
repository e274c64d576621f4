"""Fuzzing: hostile input never makes ``score``, the parser, a detector, claim checking or a reader raise.

Every detector in :data:`classifier.detectors.REGISTRY` is covered, including ones added later. Every
report must keep its evidence exact. The default run uses a modest budget; ``-m slow`` runs more
examples. :data:`FUZZED` counts the inputs (printed at the end of the module).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from fixtures.robustness import support
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import classifier.detectors as det
from classifier import Record, score, score_record
from classifier.page import ParseError, parse
from classifier.pipeline import REASONS

FUZZED: Counter[str] = Counter()
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(autouse=True, scope="module")
def _ready():
    with support.scoring_ready():
        yield
    print(f"\nfuzzed inputs: {sum(FUZZED.values())} {dict(FUZZED)}")


# --------------------------------------------------------------------------------------------------
# strategies

_TAGS = ["div", "p", "a", "b", "i", "li", "ul", "table", "td", "span", "script", "style", "title", "meta", "h1", "article"]
_WEIRD = "\u200b\u200c\u200d\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\x00\ufffd\u0130ß\U0001f48a"


@st.composite
def html_soup(draw) -> str:  # noqa: ANN001
    """Tag soup: random open/close tags, attributes, entities and text, often unclosed or misnested."""
    parts = []
    for _ in range(draw(st.integers(0, 60))):
        kind = draw(st.integers(0, 6))
        tag = draw(st.sampled_from(_TAGS))
        if kind == 0:
            parts.append(f"<{tag}>")
        elif kind == 1:
            parts.append(f"</{tag}>")
        elif kind == 2:
            href = draw(st.text(max_size=20))
            parts.append(f"<a href=\"{href}\">{draw(st.text(max_size=20))}</a>")
        elif kind == 3:
            parts.append(draw(st.sampled_from(["&amp;", "&#x0;", "&#99999999;", "&lt;", "&", "<!--", "-->", "<![CDATA[", "<"])))
        elif kind == 4:
            parts.append(draw(st.text(alphabet=st.characters(blacklist_categories=("Cs",)) | st.sampled_from(_WEIRD), max_size=80)))
        elif kind == 5:
            parts.append(f'<meta charset="{draw(st.sampled_from(["utf-8", "shift_jis", "utf-16", "bogus", ""]))}">')
        else:
            parts.append(draw(st.sampled_from(["buy now", "1-800-555-0199", "Call us:", "valium", "no prescription", "\n", ":"])))
    return "".join(parts)


pages = st.one_of(
    st.binary(max_size=3000),
    st.text(max_size=3000),
    html_soup(),
    html_soup().map(lambda s: support.PREAMBLE + s),  # passes the language screen: detectors run
    html_soup().map(lambda s: s.encode("utf-8", errors="surrogatepass")),
    st.tuples(st.sampled_from(["latin-1", "cp1252", "utf-16", "shift_jis", "koi8-r"]), html_soup()).map(
        lambda t: ('<meta charset="utf-8">' + support.PREAMBLE + t[1]).encode(t[0], errors="replace")),
    st.sampled_from([b"", "", " ", "\n\n", b"\xef\xbb\xbf", b"\xff\xfe", "<", "<html>", "<a href=>"]),
)


def check_report(r) -> None:  # noqa: ANN001
    assert r.status in ("ok", "skipped", "error")
    if r.status != "ok":
        assert r.reason and r.reason.split(":")[0] in REASONS, r.reason
    assert r.reason is None or r.status != "ok"
    if r.status == "error":
        assert not r.reason.startswith("internal_error"), r.reason
    for f in r.flags:
        assert r.text[f.start : f.end] == f.evidence, f
    for c in r.claims:
        assert r.text[c.start : c.end] == c.text, c
    json.dumps(r.to_dict())


# --------------------------------------------------------------------------------------------------
# score, parse, detectors, claims


def _score_one(page) -> None:  # noqa: ANN001
    FUZZED["score"] += 1
    check_report(score(page, url="https://example.org/x"))


@FAST
@given(pages)
def test_score_never_raises_and_evidence_is_exact(page) -> None:  # noqa: ANN001
    _score_one(page)


@pytest.mark.slow
@SLOW
@given(pages)
def test_score_never_raises_slow(page) -> None:  # noqa: ANN001
    _score_one(page)


def _parse_and_detect(page) -> None:  # noqa: ANN001
    from classifier.claims import check_claims

    FUZZED["parse+detectors"] += 1
    try:
        p = parse(page, url="https://example.org/x")
    except ParseError as exc:
        assert exc.reason in REASONS
        return
    for link in p.links:
        if link.start >= 0:
            assert p.text[link.start : link.end] == link.anchor
    for b in p.blocks:
        assert 0 <= b.start <= b.end <= len(p.text)
    assert len(p.lower) == len(p.text)
    for d in det.REGISTRY:
        for f in d.detect(p):
            assert p.text[f.start : f.end] == f.evidence, (d.name, f)
    claims, flags = check_claims(p, _facts())
    for c in claims:
        assert p.text[c.start : c.end] == c.text
    for f in flags:
        assert p.text[f.start : f.end] == f.evidence


_FACTS = []


def _facts():  # noqa: ANN202
    from classifier.facts import load_facts

    if not _FACTS:
        _FACTS.append(load_facts())
    return _FACTS[0]


@FAST
@given(pages)
def test_parse_and_every_detector_never_raise(page) -> None:  # noqa: ANN001
    _parse_and_detect(page)


@pytest.mark.slow
@SLOW
@given(pages)
def test_parse_and_every_detector_never_raise_slow(page) -> None:  # noqa: ANN001
    _parse_and_detect(page)


HOSTILE = {
    "deep_div_10000": lambda: support.deep_nesting("div", 10_000),
    "deep_article_10000": lambda: support.deep_nesting("article", 10_000),
    "deep_b_10000": lambda: support.deep_nesting("b", 10_000),
    "deep_table_10000": lambda: support.deep_nesting("table", 10_000),
    "unclosed_tags": support.unclosed_tags,
    "lying_charset": support.lying_charset,
    "invisible_characters": support.invisible_characters,
    "long_word": lambda: support.PREAMBLE + "a" * 1_000_000,
    "long_line": lambda: support.PREAMBLE + "word " * 200_000,
    "many_links": lambda: "<p>" + support.PREAMBLE + "<a href='https://x.example/b'>buy</a> " * 30_000,
    "utf16_bom": lambda: ("<p>" + support.PREAMBLE).encode("utf-16"),
    "surrogates": lambda: "<p>" + support.PREAMBLE + "\ud800 \udfff",
    **{f"binary_{k}": (lambda v=v: v) for k, v in support.binary_pages().items()},
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_structured_hostile_pages(name: str) -> None:
    page = HOSTILE[name]()
    FUZZED["structured"] += 1
    r = score(page)
    check_report(r)
    if name.startswith("binary"):
        assert r.reason.split(":")[0] == "binary"
    if name in ("lying_charset", "invisible_characters", "utf16_bom", "surrogates", "many_links"):
        assert r.status == "ok", r.reason
    _parse_and_detect(page)


def test_fifty_megabyte_page_is_too_large_fast() -> None:
    import time

    FUZZED["structured"] += 1
    t0 = time.perf_counter()
    r = score("<p>" + "health " * 7_200_000)
    assert r.reason.split(":")[0] == "too_large" and time.perf_counter() - t0 < 5


# --------------------------------------------------------------------------------------------------
# readers


def _reader_roundtrip(tmp: Path, name: str, data: bytes) -> None:
    from classifier.io import read_records

    FUZZED["readers"] += 1
    p = tmp / name
    p.write_bytes(data)
    for rec in read_records([p]):
        assert isinstance(rec, Record)
        assert rec.error is None or rec.error.split(":")[0] in REASONS, rec.error
        check_report(score_record(rec))


_suffixes = st.sampled_from(["x.jsonl", "x.jsonl.gz", "x.csv", "x.warc", "x.warc.gz", "x.html", "x.txt", "x.parquet"])


@FAST
@given(name=_suffixes, data=st.binary(max_size=2000))
def test_readers_survive_random_bytes(tmp_path_factory, name: str, data: bytes) -> None:  # noqa: ANN001
    _reader_roundtrip(tmp_path_factory.mktemp("r"), name, data)


_BATCH_FILES: dict[tuple[str, int, bool], bytes] = {}


def _batch_file(kind: str, n: int, with_requests: bool) -> bytes:
    """A valid batch file, built once per shape (WARC ids are random: caching keeps examples replayable)."""
    key = (kind, n, with_requests)
    if key not in _BATCH_FILES:
        import csv
        import gzip as gz
        import io
        import tempfile

        if kind.startswith("jsonl"):
            body = "".join(json.dumps({"id": i, "html": support.small_page(i)}) + "\n" for i in range(n)).encode()
            data = gz.compress(body, mtime=0) if kind.endswith("gz") else body
        elif kind == "csv":
            buf = io.StringIO()
            w = csv.writer(buf)
            w.writerow(["id", "html"])
            for i in range(n):
                w.writerow([i, support.small_page(i)])
            data = buf.getvalue().encode()
        else:
            with tempfile.TemporaryDirectory() as d:
                path = Path(d) / f"a.{kind}"
                support.write_warc(path, n, gz=kind.endswith("gz"), with_requests=with_requests)
                data = path.read_bytes()
        _BATCH_FILES[key] = data
    return _BATCH_FILES[key]


@st.composite
def damaged_files(draw) -> tuple[str, bytes]:  # noqa: ANN001
    """A valid batch file of some type, then cut, or with a byte flipped."""
    kind = draw(st.sampled_from(["jsonl", "jsonl.gz", "csv", "warc", "warc.gz"]))
    data = _batch_file(kind, draw(st.integers(1, 6)), draw(st.booleans()))
    how = draw(st.sampled_from(["cut", "flip", "both"]))
    if how in ("cut", "both"):
        data = data[: draw(st.integers(0, len(data)))]
    if how in ("flip", "both") and data:
        pos = draw(st.integers(0, len(data) - 1))
        data = data[:pos] + bytes([data[pos] ^ draw(st.integers(1, 255))]) + data[pos + 1 :]
    return f"x.{kind}", data


@FAST
@given(damaged_files())
def test_readers_survive_damaged_batch_files(tmp_path_factory, case: tuple[str, bytes]) -> None:  # noqa: ANN001
    _reader_roundtrip(tmp_path_factory.mktemp("d"), *case)


@pytest.mark.slow
@SLOW
@given(damaged_files())
def test_readers_survive_damaged_batch_files_slow(tmp_path_factory, case: tuple[str, bytes]) -> None:  # noqa: ANN001
    _reader_roundtrip(tmp_path_factory.mktemp("d"), *case)
