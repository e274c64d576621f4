"""Text helpers that keep character offsets: sentences, words, length-preserving lower case.

Sentence splitting is a compiled regular expression plus an abbreviation list, not nltk's Punkt:
importing nltk alone costs about 1.2 s and 175 MB here, and untrained Punkt splits after "Dr." and
"mg." anyway. Every function returns spans into the string it was given.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple


class Span(NamedTuple):
    start: int
    end: int


# Abbreviations after which a period does not end a sentence (lower case, without the period).
ABBREVIATIONS = frozenset(
    ["dr", "mr", "mrs", "ms", "prof", "sr", "jr", "st", "vs", "etc", "e.g", "i.e", "al", "fig", "figs", "no", "vol", "pp", "approx", "ca", "inc", "ltd", "co", "corp", "dept", "univ", "mg", "mcg", "ml", "kg", "lb", "lbs", "oz", "tab", "tabs", "cap", "caps", "hr", "hrs", "min", "mins", "sec", "wk", "wks", "mo", "yr", "yrs", "ed", "eds", "est", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.s.a", "b.i.d", "t.i.d", "q.i.d", "p.r.n", "a.m", "p.m"]
)

# Candidate sentence ends: terminal punctuation (plus closing quotes/brackets) followed by space,
# or one or more line breaks. Blank lines and single line breaks both end a sentence because scraped
# text puts headings and list items on lines of their own without punctuation.
# The look-behinds make each pattern start only at the beginning of a run ("....", "aaaa"): without
# them a long run with no match at its end is rescanned from every position (quadratic; 20,000 dots
# took seconds). They do not change what matches.
# _BREAK reads r"""(?<![.!?…])[.!?…]+["'”’)\]]*(?=\s)|\n""", written to begin with one character
# class so that the regex engine skips ordinary text in C instead of trying both branches at every
# character (2.5x faster, same matches).
_BREAK = re.compile(r"""[.!?…\n](?:(?<=\n)|(?<![.!?…].)[.!?…]*["'”’)\]]*(?=\s))""")
_WORD_BEFORE = re.compile(r"(?<![A-Za-z.])([A-Za-z][A-Za-z.]*)\.$")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)


def sentence_spans(text: str) -> list[Span]:
    """Split ``text`` into sentence spans (whitespace trimmed, empty ones dropped)."""
    spans: list[Span] = []
    start = 0
    for m in _BREAK.finditer(text):
        end = m.end()
        if m.group() != "\n" and m.group()[0] == ".":
            w = _WORD_BEFORE.search(text, max(start, m.start() - 12), m.start() + 1)
            if w is not None and w.end() == m.start() + 1:
                word = w.group(1).lower()
                # "Dr." / "mg." / "e.g." / single initials continue the sentence, unless the next
                # character starts a new line.
                nxt = text[end : end + 2].lstrip(" \t")
                if (word in ABBREVIATIONS or len(word) == 1) and not nxt.startswith("\n"):
                    continue
        _push(text, start, end, spans)
        start = end
    _push(text, start, len(text), spans)
    return spans


def _push(text: str, start: int, end: int, out: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Span(start, end))


def word_spans(text: str) -> list[tuple[int, int]]:
    """Word tokens (letters, digits, inner hyphens/apostrophes) as ``(start, end)`` pairs.

    Plain tuples, not :class:`Span`: building a named tuple per word was half the cost of this call.
    """
    return list(map(re.Match.span, _WORD.finditer(text)))


def occurrences(text: str, needles: tuple[str, ...], pos: int = 0) -> list[int]:
    """Every position at or after ``pos`` where one of ``needles`` begins, in increasing order.

    One ``str.find`` scan per needle (C speed): cheaper than a regex alternation of literals, which the
    engine tries at every position. Callers use the positions to try a pattern only where it can start.
    """
    found: set[int] = set()
    for needle in needles:
        i = text.find(needle, pos)
        while i >= 0:
            found.add(i)
            i = text.find(needle, i + 1)
    return sorted(found)


def matches_at(rx: re.Pattern[str], text: str, positions: Iterable[int]) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)``, given (in increasing order) every position where a match could begin.

    Trying a pattern only at a few candidate positions (found by :func:`occurrences` or a cheap scan)
    instead of at every character gives the same matches in the same order.
    """
    end = 0
    for pos in positions:
        if pos < end:
            continue  # inside the previous match, as finditer would skip it
        m = rx.match(text, pos)
        if m is not None:
            end = m.end()
            yield m


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def lower_same_length(text: str) -> str:
    """``text.lower()`` when that keeps every offset; otherwise a per-character version that does.

    A few characters (e.g. 'İ') lower-case to two code points, which would shift every span after them.
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower()[:1] or c for c in text)
