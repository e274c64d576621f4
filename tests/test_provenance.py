"""Credibility markers: present ones found in text, metadata and links; missing ones flagged only on drug pages."""

from __future__ import annotations

from classifier.detectors.provenance import DETECTORS, MARKERS, markers
from classifier.page import parse

DRUG_PAGE = (
    "Diazepam basics\n"
    + "Diazepam is a benzodiazepine that doctors prescribe for anxiety and muscle spasms. " * 12
    + "It can cause drowsiness and dependence when taken for a long time. " * 6
)

MARKED_TEXT = """How sleeping tablets work
By Maria Lopez, PharmD
Last updated: March 3, 2024
Medically reviewed by Dr. Alan Brook

Zolpidem shortens the time it takes to fall asleep (Smith et al., 2019).

References
1. A trial of zolpidem in adults. doi:10.1000/xyz123

This article is not a substitute for professional medical advice.
This post is sponsored by a pharmacy chain.
Contact us with questions.
"""


def _detect(page):
    return [f for d in DETECTORS for f in d.detect(page)]


def test_markers_found_in_text_with_exact_spans():
    page = parse(MARKED_TEXT, is_html=False)
    found = markers(page)
    assert set(found) == set(MARKERS)
    assert all(found[name].present for name in MARKERS), {k: v for k, v in found.items() if not v.present}
    flags = _detect(page)
    codes = {f.code for f in flags}
    assert {f"provenance.has_{n}" for n in MARKERS} <= codes
    for f in flags:
        assert page.text[f.start:f.end] == f.evidence
        assert f.severity == 0.0
    assert not any(c.startswith("provenance.missing") for c in codes)


def test_markers_from_html_metadata_and_navigation_links():
    html = """<html><head><title>Oxycodone facts</title>
    <meta name="author" content="Sam Reed, MD">
    <meta property="article:published_time" content="2023-05-01">
    </head><body><nav><a href="/about-us">About</a><a href="/privacy">Privacy</a></nav>
    <p>Oxycodone is an opioid pain medicine. It can be habit forming and must be stored safely.</p>
    <p>See the <a href="https://www.fda.gov/drugs/oxycodone">FDA page</a> for the label.</p></body></html>"""
    page = parse(html)
    found = markers(page)
    assert found["author"].present and found["credentials"].present
    assert found["references"].present and found["contact"].present


def test_missing_markers_flagged_low_on_drug_pages_only():
    page = parse(DRUG_PAGE, is_html=False)
    flags = _detect(page)
    missing = [f for f in flags if f.code.startswith("provenance.missing_")]
    assert {f.code for f in missing} == {"provenance.missing_author", "provenance.missing_date", "provenance.missing_references"}
    for f in missing:
        assert 0 < f.severity <= 0.2
        assert f.evidence and page.text[f.start:f.end] == f.evidence
        assert "no" in f.message.lower() or "without" in f.message.lower()


def test_no_missing_flags_where_a_reader_would_not_care():
    short = parse("Diazepam is a benzodiazepine. Ask your pharmacist.", is_html=False)
    assert not [f for f in _detect(short) if f.code.startswith("provenance.missing")]
    no_drug = parse("The weather was fine and the market was busy. " * 40, is_html=False)
    assert not [f for f in _detect(no_drug) if f.code.startswith("provenance.missing")]


def test_byline_words_in_the_body_are_not_an_author():
    page = parse("Intro line\n" + "The dose was reduced by half over two weeks. " * 5, is_html=False)
    assert not markers(page)["author"].present


def test_never_raises_on_odd_input():
    for text in ("", " ", "\n\n", "x" * 10000, "By\nBy:\nReferences\n", "10.1/ 10.12345/", "<a href='http://['>x</a>"):
        page = parse(text)
        _detect(page)
        assert isinstance(markers(page), dict)


def test_seed_pages_spans(seeds_dir):
    for path in sorted(seeds_dir.glob("*.txt")):
        page = parse(path.read_text(encoding="utf-8"), is_html=False)
        for f in _detect(page):
            assert page.text[f.start:f.end] == f.evidence


def test_lower_case_phrases_are_not_bylines_or_reviewers():
    page = parse("By increasing GABA levels, the drug calms the brain.\nThe plan was reviewed by the committee.\n",
                 is_html=False)
    found = markers(page)
    assert not found["author"].present
    assert not found["reviewer"].present


def test_page_age_from_the_most_recent_date():
    from datetime import date

    from classifier.detectors.provenance import page_age_years

    page = parse("Title\nLast updated: March 3, 2019\nText about a medicine.", is_html=False)
    assert page_age_years(page, today=date(2024, 6, 1)) == 5.0
    assert page_age_years(parse("No dates here at all.", is_html=False)) is None


def test_quoted_doctors_and_owned_companies_are_not_markers():
    text = ("Vaccine trial update\nThe company, owned by a larger group, said results were good, "
            "and the chief adviser Dr. Slaoui agreed. " * 3)
    found = markers(parse(text, is_html=False))
    assert not found["credentials"].present
    assert not found["disclosure"].present
    assert markers(parse("Our website is owned by a hospital trust.", is_html=False))["disclosure"].present


def test_link_hosts_read_like_urlsplit():
    from urllib.parse import urlsplit

    from classifier.detectors.provenance import _host

    for href in ("https://www.NIH.gov/health", "http://user:pw@Example.org:8080/x?y#z", "https://a.gov?q=1",
                 "https://[::1]/x", "https://[bad/x", "HTTPS://Pubmed.ncbi.nlm.nih.gov/1", "//cdc.gov/x",
                 "https://ex\tample.gov/x", "https://exämple.de/", "mailto:me@who.int", "/relative/path", ""):
        try:
            expected = (urlsplit(href).hostname or "").lower()
        except ValueError:
            expected = ""
        assert _host(href) == expected, href


def test_contact_link_found_in_anchor_or_path_only():
    from classifier.detectors.provenance import _contact_link
    from classifier.page import Link

    assert _contact_link((Link("https://x.example/a", "Home"), Link("/b", "Contact"))).anchor == "Contact"
    assert _contact_link((Link("https://x.example/privacy-notice", "Legal"),)).href.endswith("privacy-notice")
    # The host is not the path: a site called "about.example" has no about page for that.
    assert _contact_link((Link("https://about.example/", "Home"),)) is None
    # urlsplit deletes tab/CR/LF, so the path can hold a word the raw href splits.
    assert _contact_link((Link("https://x.example/con\ttact", "Write"),)) is not None


def test_fast_scans_find_what_the_plain_ones_find():
    # The contact-link search (one pass over all links) and the date pattern (class-first) are written
    # for speed; they must answer exactly like a per-link loop and the plain pattern.
    import random
    import re

    from classifier.detectors import provenance as v
    from classifier.page import Link
    from classifier.text import matches_at, occurrences

    def per_link(links):
        for link in links:
            if v._CONTACT_LINK.search(link.anchor) or v._CONTACT_LINK.search(v._path(link.href)):
                return link
        return None

    plain_dated = re.compile(r"\b(?:(?:last\s+)?(?:updated|reviewed|modified|revised)|published|posted|date)"
                             rf"(?:\s+on)?[:\s]+({v._DATE})")
    pieces = ["https://", "//", "about", "ABOUT", "Contact", "/", "?", "\0", "\u0130", "\u0131", "\u017f", "\t",
              "terms", "impressum", "Über", "updated", "last ", "posted", "date", " on", ": ", "march 3, 2024", "x"]
    rnd = random.Random(3)
    for _ in range(3000):
        links = tuple(Link(href="".join(rnd.choices(pieces, k=rnd.randint(0, 5))),
                           anchor="".join(rnd.choices(pieces, k=rnd.randint(0, 2))))
                      for _ in range(rnd.randint(0, 5)))
        assert v._contact_link(links) is per_link(links)
        text = "".join(rnd.choices(pieces, k=rnd.randint(0, 8))).lower()
        assert [m.span(1) for m in v._DATED.finditer(text)] == [m.span(1) for m in plain_dated.finditer(text)]
        fast = next(matches_at(v._DATED, text, occurrences(text, v._DATE_STARTS)), None)
        plain = plain_dated.search(text)
        assert (fast and fast.span()) == (plain and plain.span())


def test_good_link_candidates_keep_every_link_with_a_good_host():
    import random

    from classifier.detectors import provenance as v
    from classifier.page import Link

    pieces = ["https://", "//", "HTTPS://", "www.", "nih", ".gov", ".GOV", ".gov.uk", ".ac.uk", "nhs.uk",
              ".nh\u017f.uk", "PubMed", "ncbi", "\u212a", "x", "/", "?", "@", ":", "\0", "\t", "\u0131", "[", "doi.org"]
    rnd = random.Random(8)
    for _ in range(3000):
        links = tuple(Link(href="".join(rnd.choices(pieces, k=rnd.randint(0, 6))), anchor="")
                      for _ in range(rnd.randint(0, 5)))
        good = [link for link in links if v._good_host(v._host(link.href))]
        assert [link for link in v._good_link_candidates(links) if v._good_host(v._host(link.href))] == good
    assert v._doi("See doi 10.1000/xyz123 and 10.2000/abc.").group() == "10.1000/xyz123"
    assert v._doi("version 10.5 of 210.1234/x") is None
