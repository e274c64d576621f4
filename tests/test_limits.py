"""Limits live in the library: size and time per page, with stable machine-readable reasons."""

from __future__ import annotations

import re
import time

import pytest
from fixtures.robustness import support

import classifier.detectors as det
from classifier import Options, Record, score, score_many, score_record
from classifier.cli import main as cli_main
from classifier.pipeline import REASONS, PageTimeout, check_deadline


@pytest.fixture(autouse=True, scope="module")
def _ready():
    with support.scoring_ready():
        yield


def first_word(reason: str | None) -> str:
    assert reason is not None
    return reason.split(":")[0]


def test_too_large_is_refused_fast_with_the_exact_reason_word() -> None:
    page = b"<p>" + b"word " * 10_000_000  # 50 MB
    t0 = time.perf_counter()
    r = score(page)
    elapsed = time.perf_counter() - t0
    assert (r.status, first_word(r.reason)) == ("error", "too_large")
    assert elapsed < 5  # generous: the guard must not parse or copy the page first
    r = score("é" * 2_000, options=Options(max_bytes=3_000))  # UTF-8 size counts, not characters
    assert first_word(r.reason) == "too_large"


def test_timeout_reason_word_and_the_batch_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    class Stuck(det.Detector):
        name, family = "stuck_for_test", "page"

        def detect(self, page):  # noqa: ANN001, ANN201
            while True:  # a detector that never finishes on this page
                pass

    from classifier import pipeline

    res = pipeline._resources(Options())
    monkeypatch.setattr(pipeline, "_resources", lambda options: pipeline._Resources((Stuck(),), res.facts, res.model))
    t0 = time.perf_counter()
    reports = list(score_many([support.PREAMBLE, support.PREAMBLE], options=Options(timeout=0.5)))
    assert time.perf_counter() - t0 < 10
    assert [(r.status, r.reason.split(":")[0]) for r in reports] == [("error", "timeout")] * 2


def test_catastrophic_regex_in_a_detector_is_interrupted(monkeypatch: pytest.MonkeyPatch) -> None:
    evil = re.compile(r"(a+)+$")

    class Backtracks(det.Detector):
        name, family = "backtracks_for_test", "page"

        def detect(self, page):  # noqa: ANN001, ANN201
            evil.search("a" * 40 + "!")
            return []

    from classifier import pipeline

    res = pipeline._resources(Options())
    monkeypatch.setattr(pipeline, "_resources", lambda options: pipeline._Resources((Backtracks(),), res.facts, res.model))
    t0 = time.perf_counter()
    r = score(support.PREAMBLE, options=Options(timeout=0.5))
    assert first_word(r.reason) == "timeout" and time.perf_counter() - t0 < 10


def test_check_deadline_is_a_no_op_outside_scoring_and_raises_inside(monkeypatch: pytest.MonkeyPatch) -> None:
    check_deadline()  # nothing to check outside score_record

    class Cooperative(det.Detector):
        name, family = "cooperative_for_test", "page"

        def detect(self, page):  # noqa: ANN001, ANN201
            t0 = time.monotonic()
            while time.monotonic() - t0 < 30:
                check_deadline()
            return []

    from classifier import pipeline

    res = pipeline._resources(Options())
    monkeypatch.setattr(pipeline, "_resources", lambda options: pipeline._Resources((Cooperative(),), res.facts, res.model))
    monkeypatch.setattr(pipeline, "_can_use_alarm", lambda: False)  # as on a thread or on Windows
    r = score(support.PREAMBLE, options=Options(timeout=0.3))
    assert first_word(r.reason) == "timeout"
    with pytest.raises(PageTimeout):
        token = pipeline._DEADLINE.set(0.0)
        try:
            check_deadline()
        finally:
            pipeline._DEADLINE.reset(token)


def test_the_alarm_is_disarmed_and_the_handler_restored_after_each_page() -> None:
    import signal

    before = signal.getsignal(signal.SIGALRM)
    score(support.PREAMBLE)
    assert signal.getsignal(signal.SIGALRM) == before
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0


@pytest.mark.parametrize(
    ("record", "status", "word"),
    [
        (Record(id="a", html=b""), "skipped", "empty"),
        (Record(id="b", html=None, text="   \n "), "skipped", "empty"),
        (Record(id="c", html=b"%PDF-1.5\n" + bytes(range(256))), "error", "binary"),
        (Record(id="d", html=12345), "error", "bad_input"),  # type: ignore[arg-type]
        (Record(id="e", text="too few words here"), "skipped", "too_short"),
        (Record(id="f", text="Dies ist eine Seite über Medikamente und ihre Nebenwirkungen, die viele Menschen jeden Tag "
                            "einnehmen, ohne ihren Arzt oder Apotheker nach den Risiken zu fragen, obwohl es wichtig wäre."),
         "skipped", "language"),
        (Record(id="g", error="skipped_record: WARC request record, not a response"), "skipped", "skipped_record"),
        (Record(id="h", error="bad_json: Expecting value"), "error", "bad_json"),
    ],
)
def test_reasons_begin_with_a_stable_word(record: Record, status: str, word: str) -> None:
    r = score_record(record)
    assert (r.status, first_word(r.reason)) == (status, word)
    assert word in REASONS
    assert re.fullmatch(r"[a-z_]+: .+", r.reason, re.S), r.reason


def test_a_detector_that_raises_is_an_internal_error_row_not_an_exception(monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken(det.Detector):
        name, family = "broken_for_test", "page"

        def detect(self, page):  # noqa: ANN001, ANN201
            raise ZeroDivisionError("boom")

    from classifier import pipeline

    res = pipeline._resources(Options())
    monkeypatch.setattr(pipeline, "_resources", lambda options: pipeline._Resources((Broken(),), res.facts, res.model))
    r = score(support.PREAMBLE)
    assert r.status == "error" and r.reason.startswith("internal_error: ZeroDivisionError")


def test_cli_writes_an_error_row_for_a_failing_page_and_continues(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A detector that raises on one page: that row is an error, the others are scored, exit code 1."""
    from classifier import pipeline
    from classifier.io import read_rows

    real = det.REGISTRY[0]

    class FailsOnOne(det.Detector):
        name, family = real.name, real.family

        def detect(self, page):  # noqa: ANN001, ANN201
            if "POISON" in page.text:
                raise RuntimeError("detector failed on this page")
            return real.detect(page)

    res = pipeline._resources(Options())
    monkeypatch.setattr(pipeline, "_resources",
                        lambda options: pipeline._Resources((FailsOnOne(), *res.detectors[1:]), res.facts, res.model))
    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(5):
        (pages / f"p{i}.html").write_text(f"<p>{support.PREAMBLE}{' POISON' if i == 2 else ''}</p>")
    out = tmp_path / "out.jsonl"
    assert cli_main(["score", str(pages), "-o", str(out), "--quiet"]) == 1
    rows = {r["id"]: r for r in read_rows(out)}
    assert len(rows) == 5
    assert rows["p2.html"]["status"] == "error" and rows["p2.html"]["reason"].startswith("internal_error: RuntimeError")
    assert all(rows[f"p{i}.html"]["status"] == "ok" for i in (0, 1, 3, 4))


def test_cli_exit_codes(tmp_path) -> None:
    pages = tmp_path / "ok"
    pages.mkdir()
    (pages / "a.html").write_text(f"<p>{support.PREAMBLE}</p>")
    (pages / "b.txt").write_text("short")  # skipped is not a failure
    assert cli_main(["score", str(pages), "-o", str(tmp_path / "a.jsonl"), "--quiet"]) == 0
    (pages / "c.html").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 4)
    assert cli_main(["score", str(pages), "-o", str(tmp_path / "b.jsonl"), "--quiet"]) == 1
    assert cli_main(["score", str(tmp_path / "missing"), "-o", str(tmp_path / "c.jsonl")]) == 2
    assert cli_main(["score", str(pages), "-o", str(tmp_path / "d.xyz")]) == 2
    assert cli_main(["score", str(pages), "--jobs", "0"]) == 2
    assert cli_main(["score", str(pages), "--timeout", "-1"]) == 2
    assert cli_main(["score"]) == 2
    assert cli_main(["no-such-command"]) == 2


@pytest.mark.parametrize("kind", ["adversarial_html", "adversarial_text", "deep_div"])
def test_one_megabyte_adversarial_page_is_scored_within_a_generous_bound(kind: str) -> None:
    """Not a speed test: a hang detector. Linear code takes a few seconds here (see bench_adversarial.py)."""
    make = {"adversarial_html": support.adversarial_html, "adversarial_text": support.adversarial_text,
            "deep_div": lambda n: support.deep_nesting("div", n // 11)}[kind]
    page = make(1_000_000)
    t0 = time.perf_counter()
    r = score(page, options=Options(max_bytes=2_000_000, timeout=120))
    elapsed = time.perf_counter() - t0
    assert r.status == "ok", r.reason
    assert elapsed < 30, f"{kind}: {elapsed:.1f} s for 1 MB"
