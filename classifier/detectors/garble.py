"""Garbled paraphrase: tortured phrases left by synonym-substituting article spinners.

Spinners swap words for dictionary synonyms, so "alcohol withdrawal" becomes "liquor withdrawal" and
"central nervous system" becomes "focal sensory system". The detector matches the variants that such
a spinner would generate from a vocabulary of established terms (compiled once by
``python -m classifier.garble.build``), plus two kinds of weaker evidence that count only in context:
rare single-word stand-ins for common health words, and runs of odd collocations (see
:mod:`classifier.garble.matcher`).
"""

from __future__ import annotations

from ..garble.matcher import GarbleMatcher, Hit
from ..page import Page
from ..results import Flag
from .base import Detector, make_flag

CODE = "garble.tortured_phrase"
_SEVERITY = {"variant": 0.6, "single": 0.45, "odd": 0.4}


class TorturedPhraseDetector(Detector):
    """Flag spun forms of established terms, naming the term each one most likely garbles."""

    name = "garble_tortured_phrase"
    family = "garble"

    def __init__(self, matcher: GarbleMatcher | None = None) -> None:
        self._matcher = matcher

    @property
    def matcher(self) -> GarbleMatcher:
        # Built on first use: importing the registry must stay cheap.
        if self._matcher is None:
            self._matcher = GarbleMatcher()
        return self._matcher

    def warm_up(self) -> None:
        """Build the automaton now (called once per process by the orchestrator's start-up)."""
        _ = self.matcher

    def detect(self, page: Page) -> list[Flag]:
        try:
            hits = self.matcher.find(page.text, page.lower, page.sentences)
            return [_flag(page, h) for h in hits]
        except Exception:  # noqa: BLE001 - a detector must never raise; a broken page yields no flags
            return []


def _flag(page: Page, hit: Hit) -> Flag:
    severity = _SEVERITY[hit.kind] + (0.2 if hit.n_changed > 1 else 0.0)
    message = f"“{hit.garbled_as}” looks like a spun form of “{hit.term}”."
    return make_flag(page, CODE, hit.start, hit.end, severity, message)


def garble_scores(page: Page, flags: list[Flag] | tuple[Flag, ...]) -> dict[str, float]:
    """Page-level garble figures from the page and its flags (only ``garble.*`` flags count).

    Returns
    -------
    dict
        ``garble_hits_per_1k_words`` (hits per 1,000 words), ``garble_sentence_share`` (share of
        sentences with at least one hit), ``garble_n_hits`` and ``garble_max_severity``.

    Examples
    --------
    >>> from classifier.page import parse
    >>> page = parse("Stop taking it before liquor withdrawal starts.", is_html=False)
    >>> garble_scores(page, [])["garble_hits_per_1k_words"]
    0.0
    """
    hits = [f for f in flags if f.code.startswith("garble.")]
    n_words = max(int(page.n_words), 1)
    sentences = page.sentences
    touched = {page.sentence_at(f.start) for f in hits} - {None}
    return {
        "garble_hits_per_1k_words": 1000.0 * len(hits) / n_words,
        "garble_sentence_share": len(touched) / len(sentences) if sentences else 0.0,
        "garble_n_hits": float(len(hits)),
        "garble_max_severity": max((f.severity for f in hits), default=0.0),
    }


DETECTORS: tuple[Detector, ...] = (TorturedPhraseDetector(),)
