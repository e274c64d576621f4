"""healthcred: score scraped health web pages for credibility and misinformation, with evidence.

>>> from classifier import score
>>> report = score("<p>Buy valium online now, no prescription needed!</p>")
"""

from __future__ import annotations

from .options import Options
from .pipeline import Record, load_resources, score, score_frame, score_many, score_record
from .results import BANDS, ROW_COLUMNS, ClaimCheck, Flag, Report

__all__ = [
    "BANDS",
    "ROW_COLUMNS",
    "ClaimCheck",
    "Flag",
    "Options",
    "Record",
    "Report",
    "load_resources",
    "score",
    "score_frame",
    "score_many",
    "score_record",
]
__version__ = "0.1.0"
