"""Featurize: one numeric vector per page from flags, claim verdicts and text statistics (placeholder)."""

from __future__ import annotations

from collections.abc import Sequence

from .page import Page
from .results import ClaimCheck, Flag


def page_features(page: Page, flags: Sequence[Flag], claims: Sequence[ClaimCheck]) -> dict[str, float]:
    """Named numeric features of one scored page."""
    return {"n_words": float(page.n_words), "n_flags": float(len(flags)), "n_claims": float(len(claims))}
