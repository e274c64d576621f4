"""What every commercial detector reads: the drug dictionary, the lexicon, severity, sentence spans, start-word scans."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from ...drugs import dictionary
from ...page import Page
from ...resources import LEXICONS_DIR
from ...text import matches_at, occurrences

_LEXICON = json.loads((LEXICONS_DIR / "commercial.json").read_text(encoding="utf-8"))
_DRUGS = dictionary()
_CONTROLLED = frozenset({"I", "II", "III", "IV", "V"})
# Drugs whose category ends in " otc" are sold over the counter: "Advil 200 mg" is a shelf label, not a pitch.
_RX = frozenset(d.id for d in _DRUGS.drugs.values() if not d.category.endswith(" otc"))


def _is_controlled(drug_id: str) -> bool:
    drug = _DRUGS.get(drug_id)
    return bool(drug and drug.schedule in _CONTROLLED)


def _severity(base: float, drug_id: str | None) -> float:
    """Controlled substances sold without oversight are the most harmful form: raise severity."""
    return min(1.0, base + 0.25) if drug_id and _is_controlled(drug_id) else base


def _line(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the line (between newlines) holding ``text[start:end]``."""
    line_end = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if line_end < 0 else line_end


def _sentence(page: Page, pos: int) -> tuple[int, int]:
    span = page.sentence_at(pos)
    return (span.start, span.end) if span is not None else (pos, min(len(page.text), pos + 1))


def _finditer_at(rx: re.Pattern[str], text: str, low: str, starts: tuple[str, ...]) -> Iterable[re.Match[str]]:
    """``rx.finditer(text)``, tried only where one of the words ``starts`` occurs in ``low``.

    ``text`` is the page text (``rx`` case-insensitive) or ``page.lower`` itself; ``low`` is
    ``page.lower``; every match of ``rx`` begins with one of ``starts`` (lower case). Trying ``rx`` only
    at their occurrences (found by str.find, in C) instead of at every character gives the same matches
    in the same order. re.I also lets "ı" and "ſ" match "i" and "s", which str.lower keeps: pages
    holding them get the plain scan.
    """
    if "\u0131" in low or "\u017f" in low:
        return rx.finditer(text)
    return matches_at(rx, text, iter(occurrences(low, starts)))
