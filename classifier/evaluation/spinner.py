"""An article spinner for the generalisation test, kept apart from the detector.

It differs from the detector's generator on purpose: it draws only WordNet *synset* lemmas (no
hypernyms, hyponyms, similar adjectives, and none of the project's thesaurus), picks senses in
proportion to their SemCor frequency plus one (so rare senses still occur, as with real spinners),
substitutes any content word of the text with probability ``p_other`` and each word of a marked term
with ``p_term``, and never looks at the detector's vocabulary or artifact. It needs nltk and the
WordNet database (evaluation time only).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Any

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

# scikit-learn's English stop words: a different list from the detector's, on purpose.
_STOP = frozenset(ENGLISH_STOP_WORDS)
_MARK = re.compile(r"\[\[(.+?)\]\]")
_WORD = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True, slots=True)
class SpunTerm:
    """A marked term after spinning: its span in the spun text, the original, and whether it changed."""

    start: int
    end: int
    original: str
    spun: str
    changed: bool


@dataclass(frozen=True, slots=True)
class SpunText:
    text: str
    terms: tuple[SpunTerm, ...]
    changed_spans: tuple[tuple[int, int], ...]  # every substituted word, in or out of terms


class Spinner:
    """Replace words with WordNet synonyms, as a naive article spinner does.

    Parameters
    ----------
    wn : nltk WordNetCorpusReader
    p_term, p_other : float
        Substitution probability for words inside marked terms and elsewhere.
    seed : int
    """

    def __init__(self, wn: Any, p_term: float = 0.7, p_other: float = 0.25, seed: int = 0) -> None:
        self.wn = wn
        self.p_term = p_term
        self.p_other = p_other
        self.rng = random.Random(seed)

    def synonym(self, word: str) -> str | None:
        low = word.lower()
        if low in _STOP or len(low) < 3:
            return None
        choices: list[tuple[str, float]] = []
        for pos in ("n", "v", "a", "r"):
            base = self.wn.morphy(low, pos)
            if base is None:
                continue
            plural = pos == "n" and base != low
            for syn in self.wn.synsets(base, pos):
                weight = 1.0 + sum(lemma.count() for lemma in syn.lemmas())
                for lemma in syn.lemma_names():
                    cand = lemma.replace("_", " ").lower()
                    if cand == base or not cand.replace(" ", "").isalpha():
                        continue
                    choices.append((_pluralise(cand) if plural else cand, weight))
        if not choices:
            return None
        total = sum(w for _c, w in choices)
        r = self.rng.random() * total
        for cand, w in choices:
            r -= w
            if r <= 0:
                return cand
        return choices[-1][0]

    def spin(self, marked: str) -> SpunText:
        """Spin a paragraph whose established terms are marked ``[[term]]``."""
        out: list[str] = []
        pos = 0
        terms: list[SpunTerm] = []
        changed_spans: list[tuple[int, int]] = []
        length = 0

        def emit(chunk: str, p: float, force_one: bool) -> tuple[str, bool]:
            nonlocal length
            pieces, last, changed_any = [], 0, False
            words = list(_WORD.finditer(chunk))
            order = list(range(len(words)))
            forced = self.rng.choice(order) if force_one and order else None
            for i, m in enumerate(words):
                pieces.append(chunk[last : m.start()])
                word = m.group()
                sub = self.synonym(word) if (self.rng.random() < p or i == forced) else None
                if sub is not None:
                    start = length + sum(len(x) for x in pieces)
                    changed_spans.append((start, start + len(sub)))
                    pieces.append(sub)
                    changed_any = True
                else:
                    pieces.append(word)
                last = m.end()
            pieces.append(chunk[last:])
            text = "".join(pieces)
            length += len(text)
            out.append(text)
            return text, changed_any

        for m in _MARK.finditer(marked):
            emit(marked[pos : m.start()], self.p_other, False)
            start = length
            spun, changed = emit(m.group(1), self.p_term, True)
            terms.append(SpunTerm(start, length, m.group(1), spun, changed))
            pos = m.end()
        emit(marked[pos:], self.p_other, False)
        return SpunText("".join(out), tuple(terms), tuple(changed_spans))


def _pluralise(word: str) -> str:
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "i", "o", "u"):
        return word[:-1] + "ies"
    return word + "s"
