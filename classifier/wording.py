"""The word component of the credibility model: how much a page's wording resembles reliable news.

A bag-of-words model reads what the interpretable features cannot (topic, register, the vocabulary of
conspiracy and of careful reporting), but as thousands of columns beside forty named features it either
drowns them or, regularised to let them speak, learns little. So it is *stacked*: a TF-IDF logistic
regression trained on the real news data alone (never on the project's own pages, whose wording follows
our templates) gives one number, the ``wording`` feature, and the interpretable model weighs it like any
other feature. Training (:mod:`classifier.training`) feeds the final model out-of-fold values of it, so its
weight is what it is worth on publishers it has not seen.

Scoring needs no scikit-learn: each part is a vocabulary with IDF weights and coefficients, and
``TfidfVectorizer(sublinear_tf=True, norm="l2")`` followed by ``LogisticRegression.decision_function``
is reproduced here with dictionary lookups (the tests check both agree to 1e-9). The parts are summed:
a unigram model and a unigram-and-bigram model together rank publishers better than either alone.

News wording is not drug-page wording: the words of a careful leaflet ("medication", "muscle") are, in
COVID news, the words of alternative-health sites, and on the project's own pages the component ranks
our leaflets far above real careful pages. So on pages centred on drugs (the featurizer's ``drug_page``)
it does not speak: the feature is NaN (unknown), which the model treats as neutral. Those pages are
judged on flags, claims and markers.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import Any

import numpy as np

#: scikit-learn's default ``token_pattern``: words of two or more word characters.
TOKEN = re.compile(r"(?u)\b\w\w+\b")
# The same tokens: a left-to-right search only ever starts a match where a run of word characters begins
# (the previous match took its whole run), so the boundaries are implied, and the engine does not have
# to test them at every position (about a quarter of the tokenising time).
_TOKEN_RUNS = re.compile(r"\w\w+")
FORMAT = "healthcred-wording/1"


@dataclass(frozen=True)
class WordingPart:
    """One TF-IDF + logistic-regression model: n-grams up to ``ngram_max``, vocabulary, IDF and weights."""

    ngram_max: int
    terms: tuple[str, ...]
    idf: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float

    def __post_init__(self) -> None:
        if not (len(self.terms) == len(self.idf) == len(self.coef)):
            raise ValueError("a wording part needs one IDF weight and one coefficient per term")
        if self.ngram_max not in (1, 2, 3):
            raise ValueError(f"ngram_max must be 1, 2 or 3, got {self.ngram_max!r}")


class WordingScorer:
    """The summed decision of the wording parts for a text, and the words that moved it most.

    Parameters
    ----------
    parts : sequence of WordingPart
        The fitted parts (see :func:`classifier.training.fit_wording`).
    """

    def __init__(self, parts: Sequence[WordingPart]) -> None:
        if not parts:
            raise ValueError("a wording scorer needs at least one part")
        self.parts = tuple(parts)
        # One index over the union of the parts' vocabularies, and per part its IDF weights and coefficients
        # on that index (0 where a part lacks the term): a page costs one dict lookup per distinct n-gram,
        # and the arithmetic is a few numpy operations instead of a Python loop.
        index: dict[str, int] = {}
        for part in self.parts:
            for t in part.terms:
                index.setdefault(t, len(index))
        self._index = index
        self._terms = np.array(list(index), dtype=object)
        self._idf = np.zeros((len(self.parts), len(index)))
        self._coef = np.zeros((len(self.parts), len(index)))
        for k, part in enumerate(self.parts):
            cols = np.fromiter((index[t] for t in part.terms), dtype=np.int64, count=len(part.terms))
            self._idf[k, cols] = part.idf
            self._coef[k, cols] = part.coef
        self._intercept = sum(p.intercept for p in self.parts)
        self._max_n = max(p.ngram_max for p in self.parts)
        # Words that begin some longer n-gram of the vocabulary: only those pairs are worth joining into
        # strings, which would otherwise be most of the cost of a page.
        self._firsts = frozenset(t.split(" ", 1)[0] for t in index if " " in t)

    def decision(self, text: str) -> float:
        """The wording score of ``text``: > 0 reads like reliable news, < 0 like unreliable."""
        return self.explain(text, top=0)[0]

    def explain(self, text: str, top: int = 3) -> tuple[float, list[tuple[str, float]]]:
        """The score and the ``top`` n-grams with the largest contributions (signed), largest first."""
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, got {type(text).__name__}")
        tokens = _TOKEN_RUNS.findall(text.lower())
        counts = Counter(tokens)
        if self._max_n > 1:
            counts.update(_ngrams(tokens, self._max_n, self._firsts))
        # The vocabulary index of every distinct n-gram (-1 when unknown), looked up by map() in C; the
        # known ones keep the order of the counts, so the sums below add in the same order.
        cols = np.fromiter(map(self._index.get, counts, repeat(-1)), dtype=np.int64, count=len(counts))
        known = cols >= 0
        if not known.any():
            return self._intercept, []
        cols = cols[known]
        weight = 1.0 + np.log(np.fromiter(counts.values(), dtype=float, count=len(counts))[known])
        values = self._idf[:, cols] * weight  # sublinear tf-idf of each part, before normalisation
        norms = np.sqrt((values * values).sum(axis=1))
        norms[norms == 0.0] = np.inf  # a part that knows none of the page's n-grams adds its intercept only
        contrib = (self._coef[:, cols] * values / norms[:, None]).sum(axis=0)
        total = self._intercept + float(contrib.sum())
        if not top:
            return total, []
        order = np.argsort(-np.abs(contrib), kind="stable")[:top]
        return total, [(str(self._terms[cols[i]]), float(contrib[i])) for i in order]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form (see :func:`load_wording`)."""
        return {"format": FORMAT, "parts": [
            {"ngram_max": p.ngram_max, "intercept": p.intercept, "terms": list(p.terms), "idf": list(p.idf),
             "coef": list(p.coef)} for p in self.parts]}


#: The feature the word component's value enters the model as.
FEATURE = "wording"


def applies(features: Mapping[str, float]) -> bool:
    """Whether the word component speaks for a page (not on pages centred on drugs)."""
    return not features.get("drug_page")


def as_features(value: float, features: Mapping[str, float]) -> dict[str, float]:
    """The ``wording`` feature of a page: its value, or NaN (unknown) where the component does not apply."""
    return {FEATURE: value if applies(features) else math.nan}


def load_wording(path: Path) -> WordingScorer:
    """Read a scorer written by :meth:`WordingScorer.to_dict` (the caller checks its sha256 first)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return from_dict(data)


def from_dict(data: Mapping[str, Any]) -> WordingScorer:
    """The scorer of a :meth:`WordingScorer.to_dict` mapping; ``ValueError`` when it is not one."""
    if not isinstance(data, Mapping) or data.get("format") != FORMAT:
        raise ValueError(f"not a wording model (expected format {FORMAT!r})")
    try:
        parts = [WordingPart(int(p["ngram_max"]), tuple(p["terms"]), tuple(float(v) for v in p["idf"]),
                             tuple(float(v) for v in p["coef"]), float(p["intercept"])) for p in data["parts"]]
    except (KeyError, TypeError) as exc:
        raise ValueError(f"malformed wording model: {exc!r}") from exc
    return WordingScorer(parts)


def _ngrams(tokens: list[str], n_max: int, firsts: frozenset[str]) -> list[str]:
    """The bigrams (and trigrams) of ``tokens`` that begin with a word of ``firsts``, joined by one space as
    scikit-learn's word analyzer joins them (the others cannot be in the vocabulary)."""
    # zip() over shifted lists instead of slicing and joining at every position; bigrams first, then trigrams.
    grams = [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False) if a in firsts]
    if n_max >= 3:
        grams += [f"{a} {b} {c}" for a, b, c in zip(tokens, tokens[1:], tokens[2:], strict=False) if a in firsts]
    return grams
