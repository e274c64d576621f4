from classifier.text import count_words, lower_same_length, sentence_spans, word_spans


def _sents(t: str) -> list[str]:
    return [t[s:e] for s, e in sentence_spans(t)]


def test_sentences_keep_abbreviations_together() -> None:
    t = "Take 5 mg. twice daily. Dr. Lee agreed, e.g. for pain. The U.S. label says so!"
    assert _sents(t) == ["Take 5 mg. twice daily.", "Dr. Lee agreed, e.g. for pain.", "The U.S. label says so!"]


def test_line_breaks_end_sentences_and_spans_are_exact() -> None:
    t = "  Heading without stop\nBody text here? Yes.\n\n  Last line  "
    spans = sentence_spans(t)
    assert [t[s:e] for s, e in spans] == ["Heading without stop", "Body text here?", "Yes.", "Last line"]
    for s, e in spans:
        assert not t[s].isspace() and not t[e - 1].isspace()


def test_empty_and_whitespace() -> None:
    assert sentence_spans("") == []
    assert sentence_spans(" \n\t ") == []


def test_words_and_counts() -> None:
    t = "GABA-A receptors aren't raised; 10 mg."
    assert [t[s:e] for s, e in word_spans(t)] == ["GABA-A", "receptors", "aren't", "raised", "10", "mg"]
    assert count_words(t) == 6


def test_lower_keeps_length_for_expanding_characters() -> None:
    t = "İstanbul VALIUM"
    low = lower_same_length(t)
    assert len(low) == len(t)
    assert low.endswith("valium")


def test_sentence_break_pattern_matches_its_plain_form():
    import random
    import re

    from classifier.text import _BREAK

    plain = re.compile(r"""(?<![.!?…])[.!?…]+["'”’)\]]*(?=\s)|\n""")
    pieces = list(".!?…\n \t\"'”’)]xA") + ["Dr", "e.g", "mg"]
    rnd = random.Random(1)
    for _ in range(5000):
        text = "".join(rnd.choices(pieces, k=rnd.randint(0, 20)))
        assert [m.span() for m in _BREAK.finditer(text)] == [m.span() for m in plain.finditer(text)], repr(text)


def test_occurrences_lists_every_start_of_every_needle_in_order():
    from classifier.text import occurrences

    assert occurrences("aaaa", ("aa",)) == [0, 1, 2]
    assert occurrences("we were there; we", ("we", "there")) == [0, 3, 8, 15]
    assert occurrences("we were there; we", ("we",), pos=4) == [15]
    assert occurrences("", ("x",)) == []


def test_matches_at_candidate_positions_equals_finditer():
    import re

    from classifier.text import matches_at, occurrences

    rx = re.compile(r"\bab+a?")
    text = "ab abba xab abab abbbba"
    assert [m.span() for m in matches_at(rx, text, occurrences(text, ("ab",)))] == [m.span() for m in rx.finditer(text)]
