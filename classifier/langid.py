"""Language identification: py3langid's model and decision, its byte walk done in numpy.

py3langid counts byte n-gram features by walking a DFA over the UTF-8 bytes of the text, one Python
step per byte (about 1 ms for the 2,000 characters a page is judged on). Its DFA is an Aho-Corasick
automaton over n-grams of a few bytes, so the state it is in after a byte depends only on the last
few bytes read: after :data:`_VERIFIED_WINDOWS` bytes from *any* state it is where the same bytes lead
from the start state (checked exhaustively by :func:`dfa_window` over every pair of states). Every
position's state is then a few vectorised table look-ups, and the feature counts, their order, the
naive-Bayes sum and the decision are py3langid's own, so the language is the same one.

A model other than the one verified (another py3langid release) keeps py3langid's own walk.
"""

from __future__ import annotations

import zlib
from collections import Counter
from functools import lru_cache
from typing import Any

import numpy as np

# crc32 of (transitions, outputs, row offsets) of a verified model → its window in bytes (py3langid 0.4.0).
_VERIFIED_WINDOWS = {0xDE4991B5: 6}


class _FastIdentifier:
    """py3langid's ``classify`` for one verified model, with the DFA walk vectorised."""

    def __init__(self, identifier: Any, window: int) -> None:
        from py3langid.langid import RAW_FLOOR

        self._floor = RAW_FLOOR
        self._id = identifier
        self._window = window
        self._next = _transitions(identifier)
        self._rowbase = np.asarray(identifier._rowbase, dtype=np.int64)
        self._out = np.asarray(identifier.tk_output, dtype=np.int64)

    def language(self, text: str) -> str:
        """``py3langid.classify(text)[0]``."""
        ident = self._id
        data = np.frombuffer(ident._encode(text), dtype=np.uint8)
        n = len(data)
        states = np.zeros(n, dtype=np.int64)
        # Position i reads bytes i-w+1 .. i from the start state (all of them when i < w): pass j feeds
        # every position its j-th byte from the end, positions that have not begun yet stay at the start.
        for j in range(min(self._window, n) - 1, -1, -1):
            states[j:] = self._next[self._rowbase[states[j:]] + data[: n - j]]
        feats = self._out[states]
        feats = feats[feats >= 0]
        if not len(feats):
            return ident.classify(text)[0]  # no feature at all: py3langid's own floor and tie rule
        # py3langid's own Counter over the same features in the same order: the float sum below then adds
        # the same terms in the same order.
        visits = Counter(feats.tolist())
        scores = ident._sparse_score(visits, ident.nb_ptc)
        for i, j in ident._alias_pairs:  # as py3langid folds aliased labels (raw scores)
            scores[i] = max(scores[i], scores[j])
            scores[j] = self._floor
        return ident.nb_classes[int(scores.argmax())]


def _transitions(identifier: Any) -> np.ndarray:
    """The DFA's transition table (a stdlib ``array``) as a numpy view, without a copy."""
    table = identifier.tk_nextmove
    return np.frombuffer(table, dtype=np.dtype(table.typecode))


def model_crc(identifier: Any) -> int:
    """Fingerprint of a py3langid DFA (transitions, outputs, row offsets)."""
    crc = zlib.crc32(memoryview(identifier.tk_nextmove).cast("B"))
    crc = zlib.crc32(np.asarray(identifier.tk_output, dtype=np.int64).tobytes(), crc)
    return zlib.crc32(np.asarray(identifier._rowbase, dtype=np.int64).tobytes(), crc)


def dfa_window(identifier: Any, max_bytes: int = 16) -> int | None:
    """Bytes after which the DFA's state no longer depends on the state it started from, or None.

    Follows every pair (state reached from some state, state reached from the start) under all 256 bytes
    until each pair agrees; a few seconds. Used to verify a model for :data:`_VERIFIED_WINDOWS`.
    """
    nxt = _transitions(identifier)
    rowbase = np.asarray(identifier._rowbase, dtype=np.int64)
    n = len(rowbase)
    a = np.arange(1, n, dtype=np.int64)
    c = np.zeros(n - 1, dtype=np.int64)
    for step in range(1, max_bytes + 1):
        codes = []
        for b in range(256):
            na, nc = nxt[rowbase[a] + b].astype(np.int64), nxt[rowbase[c] + b].astype(np.int64)
            differ = na != nc
            codes.append(np.unique(na[differ] * n + nc[differ]))
        pairs = np.unique(np.concatenate(codes))
        if not len(pairs):
            return step
        a, c = pairs // n, pairs % n
    return None


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """The fast identifier when py3langid's model is a verified one, else py3langid's own."""
    from py3langid.langid import _get_identifier

    ident = _get_identifier()
    try:
        window = _VERIFIED_WINDOWS.get(model_crc(ident)) if not ident._norm_probs else None
        return ident if window is None else _FastIdentifier(ident, window)
    except (AttributeError, TypeError, ValueError):  # another release's internals: use it as it is
        return ident


def classify(text: str) -> str:
    """ISO 639-1 code of ``text``'s language, exactly as ``py3langid.classify(text)[0]``."""
    ident = _identifier()
    if isinstance(ident, _FastIdentifier):
        return ident.language(text)
    return ident.classify(text)[0]
