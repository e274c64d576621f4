from pathlib import Path

import pytest

from classifier.page import ParseError, decode, looks_like_html, parse

PAGES = Path(__file__).parent / "fixtures" / "pages"


def test_html_links_have_exact_spans_and_navigation_links_are_kept() -> None:
    page = parse((PAGES / "pitch.html").read_bytes(), url="https://pills-direct.example/sleep")
    in_text = page.text_links
    assert in_text, "the anchor in the body must be located in the text"
    for link in in_text:
        assert page.text[link.start:link.end] == link.anchor
    assert any(link.anchor == "Order zolpidem online" for link in in_text)
    assert page.title == "Cheap sleep pills shipped tonight"
    assert page.url == "https://pills-direct.example/sleep"


def test_navigation_link_anchors_keep_the_words_of_nested_tags_apart() -> None:
    html = (b"<html><body><nav><a href='/shop'>Buy <b>Valium</b> online</a> | <a href='/faq'>F<i>A</i>Q</a></nav>"
            b"<article><p>" + b"A long paragraph about sleep and rest. " * 20 + b"</p></article></body></html>")
    anchors = {link.href: link.anchor for link in parse(html).links}
    assert anchors["/shop"] == "Buy Valium online"  # not "BuyValiumonline"
    assert anchors["/faq"] == "FAQ"  # no space is invented inside a word


def test_html_metadata_and_footer_links() -> None:
    page = parse((PAGES / "leaflet.html").read_bytes())
    assert page.meta["author"].startswith("Priya")
    assert page.meta["published"] == "2024-03-18"
    hrefs = {link.href for link in page.links}
    assert {"/about", "/contact", "/privacy", "https://www.fda.gov/drugs"} <= hrefs
    assert "not a substitute for medical advice" in page.text
    assert any(b.kind == "p" for b in page.blocks)


def test_plain_text_is_not_treated_as_html() -> None:
    text = (PAGES / "forum.txt").read_text(encoding="utf-8")
    page = parse(text)
    assert not page.is_html and page.links == ()
    assert page.text.startswith("Re: coming off gabapentin?")
    assert len(page.sentences) >= 5


def test_entities_are_decoded_and_mojibake_repaired() -> None:
    page = parse("<p>Caf\u00c3\u00a9 owners &amp; pharmacists said \u00e2\u20ac\u0153hello\u00e2\u20ac\u009d.</p>")
    assert "Café owners & pharmacists" in page.text
    assert "“hello”" in page.text


def test_decode_falls_back_to_detection() -> None:
    data = "Schlafstörungen und Übelkeit".encode("latin-1")
    assert decode(data) == "Schlafstörungen und Übelkeit"
    assert decode(b"") == ""


def test_binary_input_is_refused_with_a_reason() -> None:
    with pytest.raises(ParseError) as exc:
        parse(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    assert exc.value.reason == "binary"


def test_wrong_type_is_refused() -> None:
    with pytest.raises(ParseError) as exc:
        parse(123)  # type: ignore[arg-type]
    assert exc.value.reason == "bad_input"


def test_sniffing() -> None:
    assert looks_like_html("<!doctype html><p>x</p>")
    assert not looks_like_html("Plain words about a < b comparisons.")


def test_sentence_at() -> None:
    page = parse("First one here. Second one there.", is_html=False)
    s = page.sentence_at(page.text.index("Second"))
    assert s is not None and page.text[s.start:s.end] == "Second one there."


def test_short_lists_after_a_lead_in_survive_main_content_extraction() -> None:
    html = ("<html><body><nav><a href='/'>Home</a></nav><article><h1>Gabapentin</h1>"
            "<p>Gabapentin is an anticonvulsant medicine used for nerve pain and some seizures in adults.</p>"
            "<p>It is used for:</p><ul><li>nerve pain after shingles</li><li>partial seizures</li></ul>"
            "<p>Common side effects include dizziness and sleepiness; do not stop it suddenly.</p></article></body></html>")
    page = parse(html)
    assert "It is used for:\n\nnerve pain after shingles\npartial seizures" in page.text
    items = [page.text[b.start:b.end] for b in page.blocks if b.kind == "li"]
    assert items == ["nerve pain after shingles", "partial seizures"]


def test_nesting_depth_counts_block_tags_and_clamps_stray_closers() -> None:
    from classifier.page import _nesting_exceeds

    assert _nesting_exceeds("<div>" * 6, 5)
    assert not _nesting_exceeds("<div></div>" * 50, 5)
    # Mixed case and other block names nest too; inline tags do not count.
    assert _nesting_exceeds("<DIV><Section><ul><ol><ARTICLE><aside>", 5)
    assert not _nesting_exceeds("<span><a><p><b><i><em><dx><divx>", 5)
    # Stray closing tags cannot make the depth negative: what opens after them still counts from zero.
    assert _nesting_exceeds("</div>" * 10 + "<div>" * 6, 5)
    assert not _nesting_exceeds("</div>" * 10 + "<div>" * 5 + "<span>" * 10, 5)


def test_word_count_is_computed_once_and_spans_on_demand_match_the_text() -> None:
    from classifier.text import count_words, word_spans

    page = parse("<html><body><article><p>" + "Diazepam eases muscle spasms in adults. " * 20 + "</p></article></body></html>")
    # The parse counts the words (its length check needs it) and the page keeps the count; the spans,
    # which no stage of the pipeline needs, are only built when asked for.
    assert page.__dict__.get("n_words") == count_words(page.text)
    assert "words" not in page.__dict__
    assert list(page.words) == word_spans(page.text)
    assert page.n_words == len(page.words)


def test_control_bytes_mark_binary_input() -> None:
    from classifier.page import _is_binary

    assert _is_binary(bytes(range(32)) * 8)
    assert not _is_binary(b"Plain text\twith\ttabs\r\nand lines\x0b\x0c " * 20)
    assert not _is_binary(b"")
