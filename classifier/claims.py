"""Claim checking (placeholder interface until the facts issue lands)."""

from __future__ import annotations

from .facts import FactBase
from .page import Page
from .results import ClaimCheck, Flag


def check_claims(page: Page, facts: FactBase) -> tuple[list[ClaimCheck], list[Flag]]:
    """Claims about drugs on ``page`` compared with ``facts``, and the ``claims.*`` flags they raise."""
    return [], []
