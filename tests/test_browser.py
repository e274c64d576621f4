"""The HTML reports in a real headless Chromium: highlighted spans of the seed pages are in the rendered DOM.

Chromium comes from the system packages (Debian ``chromium``, installed by ``.ci/run``); without it the
tests skip with a reason. The browser runs with networking features off and a throw-away profile;
``--dump-dom`` prints the DOM after the page's scripts ran (the batch report builds its table and
the opened page view with JavaScript), ``--screenshot`` saves what a reader would see.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_html_report import synthetic_reports
from test_render import parse_view

from classifier import Record, score_many
from classifier.html_report import write_batch_report

pytestmark = pytest.mark.browser

CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
TIMEOUT = 120


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    if CHROMIUM is None:
        pytest.skip("no Chromium on this machine (Debian package 'chromium'; .ci/run installs it)")
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-extensions", "--hide-scrollbars", "--enable-logging=stderr", f"--user-data-dir={profile}", *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Uncaught" not in proc.stderr, proc.stderr[-2000:]  # a script error in the page
    return proc


def _dom(tmp_path: Path, url: str) -> str:
    return _run(tmp_path, "--virtual-time-budget=3000", "--dump-dom", url).stdout


def _screenshot(tmp_path: Path, url: str, name: str, size: str = "1280,1600") -> Path:
    out = tmp_path / name
    _run(tmp_path, f"--window-size={size}", "--virtual-time-budget=3000", f"--screenshot={out}", url)
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000, f"empty or missing screenshot {out}"
    return out


@pytest.fixture(scope="module")
def seed_reports(seeds_dir):
    files = sorted(seeds_dir.glob("*.txt"))
    assert files, f"no seed pages in {seeds_dir}"
    reports = list(score_many(Record(id=f.name, text=f.read_text(encoding="utf-8")) for f in files))
    not_ok = {r.id: r.reason for r in reports if r.status != "ok"}
    assert not not_ok, f"seed pages were not scored, so there is nothing to highlight: {not_ok}"
    return reports


def _check_view(dom: str, report) -> int:
    """Every flag placed in the text is in the DOM with exactly its evidence; returns how many."""
    view = parse_view(dom)
    assert "".join(view.text) == report.text, f"{report.id}: the page text in the DOM differs"
    placed = 0
    for i, f in enumerate(report.flags):
        if 0 <= f.start < f.end <= len(report.text) and report.text[f.start:f.end] == f.evidence:
            assert view.flag_text(i) == f.evidence, f"{report.id}: flag {i} {f.code} not highlighted exactly"
            assert any(f.code in codes.split() for flags, codes, _ in view.segments if i in flags)
            placed += 1
    return placed


@pytest.mark.shared
def test_single_report_in_browser(seed_reports, tmp_path):
    report = max(seed_reports, key=lambda r: len(r.flags))
    path = tmp_path / "seed_report.html"
    report.write_html(str(path))
    dom = _dom(tmp_path, path.as_uri())
    assert _check_view(dom, report) == len(report.flags) > 0
    assert 'class="hc-legend"' in dom
    _screenshot(tmp_path, path.as_uri(), "seed_report.png")


def _expected_highlights(report, expectations) -> list[tuple[str, str | None, int]]:
    """(code, evidence substring, flag index) for each ``must_flag`` entry of the seed's expectations."""
    found = []
    for code, subs in expectations["pages"][report.id]["must_flag"].items():
        for sub in subs or [None]:
            k = report.text.find(sub) if sub else -1
            hits = [i for i, f in enumerate(report.flags) if f.code == code
                    and (sub is None or (k >= 0 and f.start < k + len(sub) and f.end > k))]
            assert hits, f"{report.id}: no {code} flag over {sub!r}"
            found.append((code, sub, hits[0]))
    return found


@pytest.mark.shared
def test_batch_report_in_browser(seed_reports, seed_expectations, tmp_path):
    path = tmp_path / "seeds.html"
    write_batch_report(seed_reports, path, title="seed pages")
    url = path.as_uri()
    dom = _dom(tmp_path, url)
    assert len(re.findall(r"<tr data-index=", dom)) == len(seed_reports), "the table was not built"
    assert 'id="hc-view" aria-live="polite"></section>' in dom  # no view until one is asked for
    total = 0
    for i, report in enumerate(seed_reports):
        dom = _dom(tmp_path, f"{url}#view={i}")
        view_html = dom[dom.index('id="hc-view"'):]
        total += _check_view(view_html, report)
        # The spans the seed expectations name are among them, shown with their code.
        view = parse_view(view_html)
        for code, _sub, i in _expected_highlights(report, seed_expectations):
            assert view.flag_text(i) == report.flags[i].evidence
            assert any(i in flags and code in codes.split() for flags, codes, _ in view.segments)
    assert total == sum(len(r.flags) for r in seed_reports) > 0
    _screenshot(tmp_path, f"{url}#view={len(seed_reports) - 1}", "seeds_batch.png")


def test_hostile_page_runs_no_script_in_browser(tmp_path):
    from classifier import Flag, Report

    text = "Page <script>document.title='pwned'</script> <img src=x onerror=\"document.title='pwned'\"> end."
    k = text.index("<script>")
    r = Report("h", "https://evil.example/", "ok", None, 0.1, "unreliable",
               flags=(Flag("commercial.buy_link", k, k + 8, "<script>", 0.9, "<b>msg</b>"),), text=text,
               title="<script>document.title='pwned'</script>")
    single, batch = tmp_path / "h.html", tmp_path / "hb.html"
    r.write_html(str(single))
    write_batch_report([r], batch)
    for url in (single.as_uri(), batch.as_uri() + "#view=0"):
        dom = _dom(tmp_path, url)
        title = re.search(r"<title>(.*?)</title>", dom, flags=re.S).group(1)
        assert title.strip() != "pwned"
        assert "<img" not in dom and "&lt;script&gt;" in dom


def test_table_sorts_filters_pages_and_opens_views_from_the_url(tmp_path):
    reports = synthetic_reports(120)
    path = tmp_path / "many.html"
    write_batch_report(reports, path)
    url = path.as_uri()

    def shown(fragment: str) -> tuple[list[int], str]:
        dom = _dom(tmp_path, f"{url}#{fragment}")
        return [int(i) for i in re.findall(r'<tr data-index="(\d+)"', dom)], dom

    idx, dom = shown("")
    assert idx == list(range(50)) and "page 1 of 3 (120 of 120 pages)" in dom
    # by score, highest first, ties in input order, unscored last; second page of 50
    order = sorted(range(120), key=lambda i: (reports[i].score is None, -(reports[i].score or 0), i))
    idx, dom = shown("sort=score&dir=desc&page=2")
    assert idx == order[50:100] and 'aria-sort="descending"' in dom
    idx, _ = shown("band=unreliable&q=page%201")
    assert idx == [i for i in range(120) if reports[i].band == "unreliable" and "page 1" in f"page {i}"][:50]
    idx, dom = shown("band=none")
    assert idx == [i for i in range(120) if reports[i].score is None]
    _, dom = shown("view=110")
    view = dom[dom.index('id="hc-view"'):]
    assert "Page 110" in view and _check_view(view, reports[110]) == 2
    _screenshot(tmp_path, f"{url}#sort=score&dir=asc&view=3", "many.png")
