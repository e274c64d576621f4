"""Read the project's garble lexicons (plain text files under ``corpus/lexicons/garble``).

These readers are shared by the artifact build and the evaluation; scoring never reads them (it reads
the compiled artifact), so they are kept free of heavy imports.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..resources import LEXICONS_DIR

GARBLE_DIR = LEXICONS_DIR / "garble"
TERMS_FILE = GARBLE_DIR / "terms.txt"
THESAURUS_FILE = GARBLE_DIR / "thesaurus.txt"
LEGITIMATE_FILE = GARBLE_DIR / "legitimate.txt"
ARTIFACT_FILE = GARBLE_DIR / "variants.json.gz"

#: The source files whose content the artifact depends on (hashed into its manifest).
SOURCE_FILES = (TERMS_FILE, THESAURUS_FILE, LEGITIMATE_FILE)

_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


def _lines(path: Path) -> list[str]:
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip().lower()
        if line:
            out.append(" ".join(line.split()))
    return out


def read_terms(path: Path = TERMS_FILE) -> list[str]:
    """Established terms, lower case, in file order without duplicates."""
    return list(dict.fromkeys(_lines(path)))


def read_legitimate(path: Path = LEGITIMATE_FILE) -> set[str]:
    """Phrases that look like variants but are ordinary usage (never flagged)."""
    return set(_lines(path)) if path.exists() else set()


def read_thesaurus(path: Path = THESAURUS_FILE) -> dict[str, list[str]]:
    """Head word → near-synonyms a thesaurus lists (any sense)."""
    out: dict[str, list[str]] = {}
    for line in _lines(path):
        head, _, rest = line.partition(":")
        subs = [" ".join(s.split()) for s in rest.split(",") if s.strip()]
        out.setdefault(head.strip(), []).extend(s for s in subs if s != head.strip())
    return out


def term_tokens(term: str) -> list[str]:
    """A term split into the units a spinner replaces: words, with hyphens and spaces as separators."""
    return [t for t in re.split(r"[\s\-]+", term) if t]


def tokens(text: str) -> list[str]:
    """Lower-case word tokens (the same rule the matcher applies to pages)."""
    return _TOKEN.findall(text.lower())
