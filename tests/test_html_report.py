"""The batch report: summary, chart, table data, lazy page views; reading scored output back; the CLI."""

from __future__ import annotations

import json
import re
import time

import pytest

from classifier import ClaimCheck, Flag, Report
from classifier.html_report import main, report_from_row, write_batch_report
from classifier.io import read_rows

HOSTILE = "</script><script>alert(1)</script><!-- \u2028"


def synthetic_reports(n: int, *, text_len: int = 400) -> list[Report]:
    """``n`` reports cycling through the bands (every fourth not scored), each with two overlapping flags."""
    bands = ("credible", "questionable", "unreliable", None)
    out = []
    for i in range(n):
        text = (f"Page {i}: Valium (diazepam) is a benzodiazepine. Buy valium online now. " * 20)[:text_len]
        k = text.index("Buy valium")
        flags = (Flag("commercial.buy_link", k, k + 10, text[k:k + 10], 0.9, "buy link"),
                 Flag("claims.unsupported", k + 4, k + 24, text[k + 4:k + 24], 0.5, "unsupported"))
        claims = (ClaimCheck(0, 20, text[:20], "diazepam", "supported", "diazepam.class", "DrugCentral"),)
        band = bands[i % 4]
        score = None if band is None else (0.15, 0.5, 0.85)[("unreliable", "questionable", "credible").index(band)]
        out.append(Report(f"p{i}", f"https://example.org/{i}", "ok", None, score, band, flags=flags,
                          claims=claims, text=text, title=f"Page {i}", n_words=len(text.split())))
    return out


def _scripts(doc: str) -> list[str]:
    return re.findall(r"<script\b[^>]*>", doc, flags=re.I)


def _rows(doc: str) -> dict:
    m = re.search(r'<script type="application/json" id="hc-rows">(.*?)</script>', doc, flags=re.S)
    assert m
    return json.loads(m.group(1))


def test_batch_report_has_summary_chart_table_and_views(tmp_path):
    reports = synthetic_reports(8)
    out = tmp_path / "report.html"
    assert write_batch_report(reports, out, title="Crawl <b>42</b>") == 8
    doc = out.read_text(encoding="utf-8")
    assert "Crawl &lt;b&gt;42&lt;/b&gt;" in doc
    assert "Pages by band" in doc and "Flag codes" in doc and "<svg" in doc
    assert "commercial.buy_link" in doc and "claims.unsupported" in doc
    data = _rows(doc)
    assert len(data["rows"]) == 8 and data["columns"][0] == "i"
    row = dict(zip(data["columns"], data["rows"][3], strict=True))
    assert row["id"] == "p3" and row["band"] is None and row["score"] is None
    # one lazy view per page, plus the table data and the code: nothing else is a script
    assert len(_scripts(doc)) == 8 + 2
    views = re.findall(r'<script type="application/json" id="hc-v(\d+)">(.*?)</script>', doc, flags=re.S)
    assert [int(i) for i, _ in views] == list(range(8))
    first = json.loads(views[0][1])
    assert 'data-codes="claims.unsupported commercial.buy_link"' in first and "Page 0" in first


def test_band_counts_include_not_scored(tmp_path):
    out = tmp_path / "r.html"
    write_batch_report(synthetic_reports(8), out)
    doc = out.read_text(encoding="utf-8")
    summary = doc[doc.index("Pages by band"):doc.index("By status")]
    counts = re.findall(r'class="hc-band hc-band-(\w+)">[^<]*</span></td><td class="num">(\d+)<', summary)
    assert dict(counts) == {"credible": "2", "questionable": "2", "unreliable": "2", "none": "2"}


def test_hostile_text_cannot_break_out_of_the_embedded_data(tmp_path):
    text = f"A page that says {HOSTILE} and more words to make it long enough."
    k = text.index("<script>")
    r = Report("x" + HOSTILE, HOSTILE, "ok", None, 0.3, "unreliable",
               flags=(Flag("commercial.buy_link", k, k + 8, "<script>", 0.9, HOSTILE),), text=text, title=HOSTILE)
    out = tmp_path / "r.html"
    write_batch_report([r], out, title=HOSTILE)
    doc = out.read_text(encoding="utf-8")
    assert len(_scripts(doc)) == 1 + 2
    assert "alert(1)</script>" not in doc
    for body in re.findall(r"<script[^>]*>(.*?)</script>", doc, flags=re.S):
        assert "\u2028" not in body and "<!--" not in body
    view = json.loads(re.search(r'id="hc-v0">(.*?)</script>', doc, flags=re.S).group(1))
    assert "&lt;script&gt;" in view and "<script" not in view
    assert _rows(doc)["rows"][0][1] == "x" + HOSTILE  # the table gets the raw id; the page inserts it as text


def test_self_contained(tmp_path):
    out = tmp_path / "r.html"
    write_batch_report(synthetic_reports(3), out)
    doc = out.read_text(encoding="utf-8")
    refs = re.findall(r'\b(?:src|href|action)\s*=\s*"([^"]*)"', doc, flags=re.I)
    assert all(r.startswith("#") for r in refs), refs
    assert "default-src 'none'" in doc and "url(" not in doc and "@import" not in doc
    assert "https://example.org/0" in doc  # the page's own address, as data and text


def test_empty_batch_and_unscored_batch(tmp_path):
    out = tmp_path / "r.html"
    assert write_batch_report([], out) == 0
    assert "No flags in this batch" in out.read_text(encoding="utf-8")
    write_batch_report([Report.failed("e", None, "timeout")], out)
    doc = out.read_text(encoding="utf-8")
    assert "No page has a score yet" in doc and "timeout" in doc


def test_validation(tmp_path):
    with pytest.raises(TypeError, match="Report"):
        write_batch_report([{"id": "x"}], tmp_path / "r.html")  # type: ignore[list-item]
    with pytest.raises(ValueError, match="page_size"):
        write_batch_report([], tmp_path / "r.html", page_size=0)


def test_large_batch_stays_reasonable(tmp_path):
    reports = synthetic_reports(2000)
    out = tmp_path / "big.html"
    t0 = time.perf_counter()
    write_batch_report(reports, out)
    elapsed = time.perf_counter() - t0
    size = out.stat().st_size
    text = sum(len(r.text) for r in reports)
    # Each view holds its text once plus a few kB of markup (header, flag list, claims table).
    assert size < 1.5 * text + 3_500 * len(reports), (size, text)
    print(f"2000 reports: {size / 1e6:.1f} MB in {elapsed:.2f} s")


@pytest.mark.parametrize("form", ["dict", "row", "row_csv_strings"])
def test_report_from_row_round_trip(form):
    r = synthetic_reports(2)[1]
    r = Report(r.id, r.url, r.status, r.reason, r.score, r.band, r.flags, r.claims, r.text, r.title, "en",
               r.n_words, ("one", "two"), {"score_x": 0.5})
    if form == "dict":
        back = report_from_row(r.to_dict())
        assert back == r
        return
    row = r.to_row()
    if form == "row_csv_strings":
        row = {k: ("" if v is None else str(v)) for k, v in row.items()}
    back = report_from_row(row)
    assert (back.id, back.flags, back.claims, back.band, back.explanation) == (r.id, r.flags, r.claims, r.band, r.explanation)
    assert back.score == pytest.approx(r.score) and back.n_words == r.n_words and back.text == ""


def test_report_from_row_drops_unreadable_items():
    back = report_from_row({"id": 1, "status": "ok", "score": "nan", "flags": "not json",
                            "claims": [{"start": 0}, "x"], "explanation": None})
    assert back.id == "1" and back.score is None and back.flags == () and back.claims == ()


def test_cli_reads_scored_output(tmp_path, capsys):
    scored = tmp_path / "scores.jsonl"
    reports = synthetic_reports(5)
    scored.write_text("".join(json.dumps(r.to_dict()) + "\n" for r in reports), encoding="utf-8")
    out = tmp_path / "report.html"
    assert main([str(scored), "-o", str(out), "--title", "scored"]) == 0
    doc = out.read_text(encoding="utf-8")
    assert [row[1] for row in _rows(doc)["rows"]] == [r.id for r in reports]
    assert "wrote" in capsys.readouterr().err


def test_cli_scores_raw_pages(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text("Valium is a benzodiazepine used for anxiety. " * 10, encoding="utf-8")
    (pages / "b.html").write_text("<html><body><p>Buy valium online, no prescription needed.</p></body></html>",
                                  encoding="utf-8")
    raw = tmp_path / "raw.jsonl"
    raw.write_text(json.dumps({"id": "j1", "text": "Diazepam can cause dependence. " * 10}) + "\n", encoding="utf-8")
    out = tmp_path / "report.html"
    assert main([str(pages), str(raw), "-o", str(out)]) == 0
    ids = [row[1] for row in _rows(out.read_text(encoding="utf-8"))["rows"]]
    assert ids == ["a.txt", "b.html", "j1"]


def test_cli_round_trip_through_score_output(tmp_path):
    """What `healthcred score` writes (JSONL with nested flags) reads back as the same reports."""
    from classifier.cli import main as cli_main

    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text("Valium is a benzodiazepine used for anxiety and it can cause dependence. " * 5,
                                 encoding="utf-8")
    scored = tmp_path / "s.jsonl"
    cli_main(["score", str(pages), "-o", str(scored), "--quiet", "--with-text"])
    rows = list(read_rows(scored))
    out = tmp_path / "r.html"
    assert cli_main(["report", str(scored), "-o", str(out)]) == 0
    data = _rows(out.read_text(encoding="utf-8"))
    assert [r[1] for r in data["rows"]] == [r["id"] for r in rows]


def test_cli_usage_errors(tmp_path, capsys):
    assert main([str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "r.html")]) == 2
    assert "not found" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main([str(tmp_path)])  # -o is required


def test_missing_input_is_refused_before_anything_is_scored(tmp_path):
    from classifier.html_report import read_reports
    from classifier.io import InputError

    page = tmp_path / "a.txt"
    page.write_text("Valium is a benzodiazepine. " * 10, encoding="utf-8")
    with pytest.raises(InputError, match="missing.txt"):
        read_reports([page, tmp_path / "missing.txt"])
