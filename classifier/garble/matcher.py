"""Find garbled phrases in a page with one Aho-Corasick pass over the compiled artifact.

Three kinds of evidence, from strongest to weakest:

``variant``
    A generated spinner variant of an established multiword term ("liquor withdrawal" for
    "alcohol withdrawal"), found as a whole phrase.
``single``
    A single word that a spinner puts for a common health word ("cerebrum" for "brain"). Legitimate
    on its own, so it counts only when the substitute is much rarer in English than the word it
    replaces *and* the context says the common word belonged there: an enumeration of symptoms, or
    other garbles on the same page.
``odd``
    Evidence that needs no known term: a word much rarer than a health word it can stand for, right
    next to a health word ("respiratory discouragement"), counted only in runs (two in a sentence or
    other garbles on the page).

The artifact is read once per process, lazily, so importing the detector costs nothing.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .lexicon import ARTIFACT_FILE

#: A single-word or odd substitute must be this many Zipf units rarer than the word it replaces.
RARITY_GAP = 1.0
#: Distinct garbles on a page (variants and odd collocations) that let every one of them count, and
#: variant hits that let single-word stand-ins count.
PAGE_RUN = 3
#: Distinct variant phrases a page needs before any of them is flagged.
MIN_DISTINCT = 2
#: A single-word stand-in must be at most this common in English (Zipf) to be suspicious at all.
SINGLE_MAX_ZIPF = 2.6

_ENUM_CUE = re.compile(
    r"side[- ]effects?|symptoms?|adverse|include|including|such as|may cause|can cause|reactions?|experience"
)


@dataclass(frozen=True, slots=True)
class Hit:
    """One garbled phrase: ``start``/``end`` index the page text; ``term`` is what it most likely garbles."""

    start: int
    end: int
    kind: str  # variant | single | odd
    term: str
    garbled_as: str
    n_changed: int = 1


@lru_cache(maxsize=4)
def load_artifact(path: Path = ARTIFACT_FILE) -> dict[str, Any]:
    """The compiled artifact (terms, variants, word statistics) as a dictionary."""
    return json.loads(gzip.decompress(Path(path).read_bytes()))


class GarbleMatcher:
    """Match spinner garbles in a page's words.

    Parameters
    ----------
    artifact : dict, optional
        A loaded artifact; the shipped one when omitted.
    exclude_terms : iterable of str, optional
        Established terms to treat as unknown (the evaluation's "term removed from the vocabulary").
    """

    def __init__(self, artifact: dict[str, Any] | None = None, exclude_terms: frozenset[str] = frozenset()) -> None:
        art = artifact if artifact is not None else load_artifact()
        self.terms: list[str] = art["terms"]
        excluded = {i for i, t in enumerate(self.terms) if t in exclude_terms}
        self.excluded = excluded
        self.groups, self.automaton = _variant_index(art)
        self.singles: dict[str, list[int]] = art["singles"]
        self.odd: dict[str, list[list[Any]]] = art["odd"]
        self.zipf: dict[str, float] = art["zipf"]
        # A word is a health word while at least one known term uses it.
        self.health_words = frozenset(w for w, ids in art["word_terms"].items() if any(i not in excluded for i in ids))
        self.term_set = frozenset(t for i, t in enumerate(self.terms) if i not in excluded)

    # ------------------------------------------------------------------------------------------
    def find(
        self,
        text: str,
        lower: str,
        sentences: list[tuple[int, int]],
        words: list[tuple[int, int]] | None = None,
    ) -> list[Hit]:
        """Garbled phrases in ``text`` (``lower`` is its same-length lower case).

        ``words`` (the word spans) is not needed: matches are found in ``lower`` and checked against its
        characters; it is accepted for callers that pass it.
        """
        raw = self._lookup(lower)
        if not raw:
            return []
        variants = self._variant_hits(raw, text)
        odd = self._odd_hits(raw, lower, [(h.start, h.end) for h in variants])
        # One odd phrase, however often repeated, is too little: careful writers coin odd
        # collocations too. Spinners leave several different ones, so evidence counts in runs.
        distinct = {h.garbled_as.lower() for h in variants + odd}
        if len(distinct) < PAGE_RUN:
            if len({h.garbled_as.lower() for h in variants}) < MIN_DISTINCT:
                variants = []
            odd = _sentence_runs(odd, sentences)
        taken = [(h.start, h.end) for h in variants + odd]
        singles = self._single_hits(raw, text, lower, taken, sentences, len(variants))
        return sorted(variants + odd + singles, key=lambda h: h.start)

    def _lookup(self, lower: str) -> list[tuple[int, int, str, int]]:
        """(start, end, key, group) for every variant, single or odd word found on whole-word boundaries."""
        out = []
        n = len(lower)
        for end_idx, value in self.automaton.iter(lower):
            length = value & _LEN_MASK
            start, end = end_idx - length + 1, end_idx + 1
            if (start > 0 and lower[start - 1].isalnum()) or (end < n and lower[end].isalnum()):
                continue
            out.append((start, end, lower[start:end], value >> _LEN_BITS))
        return out

    # ------------------------------------------------------------------------------------------
    def _variant_hits(self, raw: list[tuple[int, int, str]], text: str) -> list[Hit]:
        hits: list[Hit] = []
        for start, end, _key, gid in sorted(raw, key=lambda r: (r[0], -(r[1] - r[0]))):
            if gid >= len(self.groups):  # a single or odd word, not a variant
                continue
            n_changed, _thesaurus_only, *term_ids = self.groups[gid]
            ids = [i for i in term_ids if i not in self.excluded]
            if not ids:
                continue
            if hits and start < hits[-1].end:  # overlapping: keep the earlier, longer one
                continue
            hits.append(Hit(start, end, "variant", self.terms[ids[0]], text[start:end], n_changed))
        return hits

    def _odd_hits(self, raw: list[tuple[int, int, str]], lower: str, taken: list[tuple[int, int]]) -> list[Hit]:
        hits = []
        for start, end, key, _gid in raw:
            options = self.odd.get(key)
            if not options or _inside(start, end, taken):
                continue
            for n_start, n_end, left in _neighbours(lower, start, end):
                neighbour = lower[n_start:n_end]
                if neighbour not in self.health_words:
                    continue
                best = self._best_original(options, neighbour, left)
                if best is None:
                    continue
                span = (n_start, end) if left else (start, n_end)
                phrase = f"{neighbour} {best}" if left else f"{best} {neighbour}"
                hits.append(Hit(span[0], span[1], "odd", phrase, lower[span[0] : span[1]]))
                break
        return hits

    def _best_original(self, options: list[list[Any]], neighbour: str, left: bool) -> str | None:
        good = [o for o in options if o[0] in self.health_words and o[2] - o[1] >= RARITY_GAP]
        if not good:
            return None
        # Prefer the original that makes a known term with the neighbour, then the most frequent one.
        for original, _z_sub, _z_orig in good:
            phrase = f"{neighbour} {original}" if left else f"{original} {neighbour}"
            if phrase in self.term_set:
                return original
        return max(good, key=lambda o: o[2])[0]

    def _single_hits(
        self,
        raw: list[tuple[int, int, str]],
        text: str,
        lower: str,
        taken: list[tuple[int, int]],
        sentences: list[tuple[int, int]],
        n_strong: int,
    ) -> list[Hit]:
        hits = []
        for start, end, key, _gid in raw:
            ids = [i for i in self.singles.get(key, ()) if i not in self.excluded]
            if not ids or _inside(start, end, taken):
                continue
            z_sub = self.zipf.get(key, 0.0)
            if z_sub > SINGLE_MAX_ZIPF:
                continue
            in_list = _in_symptom_list(lower, start, end, sentences)
            spun_page = n_strong >= PAGE_RUN
            if not (in_list or spun_page):
                continue
            # Both kinds of context together let a smaller rarity gap count.
            gap = RARITY_GAP / 2 if in_list and spun_page else RARITY_GAP
            candidates = [self.terms[i] for i in ids if self.zipf.get(self.terms[i], 0.0) - z_sub >= gap]
            if not candidates:
                continue
            term = max(candidates, key=lambda t: self.zipf.get(t, 0.0))
            hits.append(Hit(start, end, "single", term, text[start:end]))
        return hits


# --------------------------------------------------------------------------------------------------
# helpers

_NEIGHBOUR_RIGHT = re.compile(r" ([a-z][a-z'-]*)")
_NEIGHBOUR_LEFT = re.compile(r"([a-z][a-z'-]*) $")


def _neighbours(lower: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """The words right before and after ``[start, end)`` separated by one space (same phrase)."""
    out = []
    m = _NEIGHBOUR_LEFT.search(lower, max(0, start - 30), start)
    if m is not None:
        out.append((m.start(1), m.end(1), True))
    m = _NEIGHBOUR_RIGHT.match(lower, end)
    if m is not None:
        out.append((m.start(1), m.end(1), False))
    return out


def _inside(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in taken)


def _sentence_of(pos: int, sentences: list[tuple[int, int]]) -> tuple[int, int] | None:
    import bisect

    i = bisect.bisect_right([s for s, _e in sentences], pos) - 1
    if 0 <= i < len(sentences) and sentences[i][0] <= pos < sentences[i][1]:
        return sentences[i]
    return None


def _sentence_runs(odd: list[Hit], sentences: list[tuple[int, int]]) -> list[Hit]:
    """Odd collocations that come with another, different one in the same sentence."""
    per_sentence: dict[tuple[int, int] | None, list[Hit]] = {}
    for h in odd:
        per_sentence.setdefault(_sentence_of(h.start, sentences), []).append(h)
    return [h for group in per_sentence.values() if len({g.garbled_as for g in group}) >= 2 for h in group]


def _in_symptom_list(lower: str, start: int, end: int, sentences: list[tuple[int, int]]) -> bool:
    """True when the word is an item of a comma-separated enumeration introduced by a symptom cue."""
    sent = _sentence_of(start, sentences)
    if sent is None:
        return False
    s, e = sent
    before, after = lower[s:start], lower[end:e]
    if not _ENUM_CUE.search(before):
        return False
    item_sep = before.rstrip().endswith((",", ":")) or after.lstrip().startswith(",")
    return item_sep and lower[s:e].count(",") >= 2


def _variant_index(art: dict[str, Any]) -> tuple[list[list[int]], Any]:
    """Group records and one automaton over every variant, single and odd word (shared per artifact).

    Each automaton value packs the group id with the key's length (``gid << 7 | len``), so the
    automaton stores plain integers: storing Python strings per key cost five times the memory.
    """
    import ahocorasick

    cached = _INDEX.get(id(art))
    if cached is not None and cached[0] is art:
        return cached[1]
    groups: list[list[int]] = []
    auto = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for gid, (record, keys) in enumerate(art["variants"]):
        groups.append(record)
        for key in keys.split("\n"):
            if len(key) <= _LEN_MASK:
                auto.add_word(key, gid << _LEN_BITS | len(key))
    special = len(groups)
    for key in (*art["singles"], *art["odd"]):
        if len(key) <= _LEN_MASK and not auto.exists(key):
            auto.add_word(key, special << _LEN_BITS | len(key))
    auto.make_automaton()
    index = (groups, auto)
    _INDEX[id(art)] = (art, index)
    return index


_LEN_BITS = 7
_LEN_MASK = (1 << _LEN_BITS) - 1
_INDEX: dict[int, tuple[dict[str, Any], Any]] = {}
