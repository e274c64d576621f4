"""The HTML view of one report: exact highlighted spans (overlaps included), escaping, self-containment."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from classifier import ClaimCheck, Flag, Report
from classifier.render import FAMILIES, report_html, write_report_html

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


class ViewParser(HTMLParser):
    """Reads a rendered view back: the page text as shown, and each highlighted segment with its flags.

    The numbered family symbols (``a.hc-sym``) are navigation, not page text, and are left out.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.text_depth: int | None = None
        self.text: list[str] = []
        self.segments: list[tuple[list[int], str, str]] = []  # (flag indices, codes, text)
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag in ("br", "img", "meta", "input", "hr", "link"):
            return
        self.stack.append((tag, a))
        classes = a.get("class", "").split()
        if tag == "div" and "hc-text" in classes and self.text_depth is None:
            self.text_depth = len(self.stack)
        if self.text_depth is not None and tag == "a" and "hc-sym" in classes:
            self._skip += 1
        if self.text_depth is not None and tag == "mark" and "data-flags" in a:
            self.segments.append(([int(x) for x in a["data-flags"].split()], a.get("data-codes", ""), ""))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack:
            return
        t, a = self.stack.pop()
        if self.text_depth is not None and t == "a" and "hc-sym" in a.get("class", ""):
            self._skip -= 1
        if self.text_depth is not None and len(self.stack) < self.text_depth:
            self.text_depth = -1  # done: only the first text block is read

    def handle_data(self, data: str) -> None:
        if self.text_depth is None or self.text_depth < 0 or self._skip:
            return
        self.text.append(data)
        if self.stack and self.stack[-1][0] == "mark" and "data-flags" in self.stack[-1][1]:
            flags, codes, t = self.segments[-1]
            self.segments[-1] = (flags, codes, t + data)

    def flag_text(self, i: int) -> str:
        """The text of all segments that carry flag ``i``, in order."""
        return "".join(t for flags, _, t in self.segments if i in flags)


def _tags(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    found: list[tuple[str, list[tuple[str, str | None]]]] = []

    class P(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    P().feed(html)
    return found


def parse_view(html: str) -> ViewParser:
    p = ViewParser()
    p.feed(html)
    p.close()
    return p


def _flag(text: str, code: str, start: int, end: int, message: str = "m", severity: float = 0.5) -> Flag:
    return Flag(code=code, start=start, end=end, evidence=text[start:end], severity=severity, message=message)


def _report(text: str, flags=(), claims=(), **kw) -> Report:
    base = dict(id="p1", url="https://example.org/valium", status="ok", reason=None, score=0.2, band="unreliable")
    base.update(kw)
    return Report(flags=tuple(flags), claims=tuple(claims), text=text, **base)


TEXT = "Buy valium online today. Valium increases GABA levels and protects neurons. Call now."


def test_overlapping_flags_split_into_segments_that_carry_every_flag():
    f0 = _flag(TEXT, "commercial.buy_link", 0, 10)  # "Buy valium"
    f1 = _flag(TEXT, "commercial.pharmacy", 4, 23)  # "valium online today"
    f2 = _flag(TEXT, "claims.contradicted", 25, 75)
    r = _report(TEXT, [f0, f1, f2])
    view = parse_view(report_html(r))
    assert "".join(view.text) == TEXT
    for i, f in enumerate(r.flags):
        assert view.flag_text(i) == f.evidence
    # "valium" is covered by both commercial flags: one segment with both.
    both = [s for s in view.segments if s[0] == [0, 1]]
    assert len(both) == 1 and both[0][2] == "valium"
    assert "commercial.buy_link commercial.pharmacy" in both[0][1]


def test_nested_and_identical_spans():
    f0 = _flag(TEXT, "garble.tortured_phrase", 25, 75)
    f1 = _flag(TEXT, "claims.unsupported", 40, 50)
    f2 = _flag(TEXT, "claims.contradicted", 40, 50)
    view = parse_view(report_html(_report(TEXT, [f0, f1, f2])))
    assert "".join(view.text) == TEXT
    for i, f in enumerate((f0, f1, f2)):
        assert view.flag_text(i) == f.evidence
    assert [s[0] for s in view.segments] == [[0], [0, 1, 2], [0]]


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("ab <>&\"'\n\u2028é😀")), min_size=1, max_size=60),
    spans=st.lists(st.tuples(st.integers(0, 60), st.integers(1, 30), st.sampled_from(sorted(FAMILIES))), max_size=8),
)
def test_any_spans_render_exactly(text, spans):
    flags = []
    for start, length, fam in spans:
        start = min(start, len(text) - 1)
        end = min(len(text), start + length)
        flags.append(_flag(text, f"{fam}.x", start, end))
    view = parse_view(report_html(_report(text, flags)))
    assert "".join(view.text) == text
    for i, f in enumerate(flags):
        assert view.flag_text(i) == f.evidence


def test_page_text_and_messages_are_escaped():
    text = f"Intro {HOSTILE} end of the page text here."
    start = text.index("<script>")
    flag = Flag("commercial.buy_link", start, start + 26, text[start:start + 26], 0.9, f"message {HOSTILE}")
    claim = ClaimCheck(0, 5, HOSTILE, "diazepam", "contradicted", HOSTILE, HOSTILE, "mechanism", HOSTILE)
    r = _report(text, [flag], [claim], title=HOSTILE, url=f"https://evil.example/{HOSTILE}",
                explanation=(HOSTILE,), details={HOSTILE: 1.0}, reason=HOSTILE, id=HOSTILE)
    out = report_html(r)
    assert "<script" not in out.lower()
    assert "<img" not in out.lower()
    assert "&lt;script&gt;" in out
    # read as a browser would: no script or img element, no event-handler attribute anywhere
    tags = _tags(out)
    assert not {"script", "img"} & {t for t, _ in tags}
    assert not [k for _, attrs in tags for k, _ in attrs if k.startswith("on")]


def test_self_contained_and_page_links_are_text_only(tmp_path):
    r = _report(TEXT, [_flag(TEXT, "commercial.buy_link", 0, 10)], url="https://shop.example/buy?x=1&y=2")
    for html in (report_html(r), _write(r, tmp_path)):
        refs = re.findall(r'\b(?:src|href|action|srcset)\s*=\s*"([^"]*)"', html, flags=re.I)
        assert refs and all(ref.startswith("#") for ref in refs), refs
        assert "@import" not in html and "url(" not in html
        assert "https://shop.example/buy?x=1&amp;y=2" in html  # shown, as text


def _write(r: Report, tmp_path) -> str:
    path = tmp_path / "r.html"
    r.write_html(str(path))
    return path.read_text(encoding="utf-8")


def test_write_html_is_a_full_document_that_forbids_fetches(tmp_path):
    doc = _write(_report(TEXT), tmp_path)
    assert doc.startswith("<!DOCTYPE html>")
    assert "Content-Security-Policy" in doc and "default-src 'none'" in doc
    assert "<script" not in doc
    write_report_html(_report(TEXT), tmp_path / "again.html")
    assert (tmp_path / "again.html").read_text(encoding="utf-8").count("<html") == 1


def test_not_scored_skipped_and_error_states():
    out = report_html(_report(TEXT, score=None, band=None))
    assert "not scored" in out
    skipped = Report("s1", None, "skipped", "language: page is 'de'", None, None, text="Hallo Welt")
    out = report_html(skipped)
    assert "skipped" in out and "language: page is &#x27;de&#x27;" in out and "not scored" in out
    failed = Report.failed("e1", None, "timeout")
    out = report_html(failed)
    assert "error" in out and "timeout" in out
    assert "not kept" in out  # no text: said, not a blank box


def test_score_band_explanation_and_details():
    r = _report(TEXT, score=0.8123, band="credible", explanation=("names an author (+0.3)",),
                details={"score_commercial": -0.4, "garble_rate": 0.01})
    out = report_html(r)
    assert "0.81" in out and "hc-band-credible" in out and ">credible<" in out
    assert "names an author (+0.3)" in out and "score_commercial" in out


def test_legend_names_every_family_with_a_symbol():
    out = report_html(_report(TEXT, [_flag(TEXT, "page.empty_list_residue", 0, 3)]))
    legend = out[out.index('class="hc-legend"'):]
    legend = legend[: legend.index("</ul>")]
    for fam, (sym, _label, _style) in FAMILIES.items():
        assert f">{sym}<" in legend
        assert fam in legend


def test_claims_table_shows_verdict_fact_and_source():
    claim = ClaimCheck(25, 75, TEXT[25:75], "diazepam", "contradicted", "diazepam.mechanism",
                       "DrugCentral: GABA-A positive allosteric modulator", "mechanism", "raises GABA levels: wrong")
    out = report_html(_report(TEXT, claims=[claim]))
    assert "Claim checks (1)" in out
    for s in ("contradicted", "diazepam.mechanism", "DrugCentral: GABA-A positive allosteric modulator", "✗"):
        assert s in out
    assert 'data-claims="0"' in out  # the claim sentence is marked in the text too


def test_flags_outside_the_text_are_listed_not_placed():
    bad = Flag("provenance.missing_author", 5, 500, "not in text", 0.1, "no author")
    stale = Flag("commercial.buy_link", 0, 3, "XYZ", 0.9, "evidence does not match the text")
    out = report_html(_report(TEXT, [bad, stale]))
    view = parse_view(out)
    assert view.segments == []
    assert out.count("span not shown in the text") == 2
    assert "".join(view.text) == TEXT


def test_ids_are_unique_per_rendering():
    r = _report(TEXT, [_flag(TEXT, "commercial.buy_link", 0, 10)])
    ids = re.findall(r'id="([^"]+)"', report_html(r) + report_html(r))
    assert len(ids) == len(set(ids))


def test_rejects_non_reports():
    with pytest.raises(TypeError, match="Report"):
        report_html({"id": "x"})  # type: ignore[arg-type]


def test_zero_severity_markers_are_drawn_as_markers_not_problems():
    marker = _flag(TEXT, "provenance.has_author", 0, 3, message="names its author", severity=0.0)
    problem = _flag(TEXT, "commercial.buy_link", 0, 10, severity=0.9)
    out = report_html(_report(TEXT, [marker]))
    assert "hc-f-marker" in out and "1 credibility marker(s)" in out and "flag(s)" not in out
    out = report_html(_report(TEXT, [marker, problem]))
    view = parse_view(out)
    assert [s for s in view.segments if s[0] == [0, 1]]  # overlap kept, and the problem sets the colour:
    assert 'class="hc-seg hc-f-commercial hc-multi" data-flags="0 1"' in out
