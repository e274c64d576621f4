"""The drug dictionary (generic ↔ brand ↔ street names), shared by the commercial detectors and the fact checker.

Names come from ``corpus/lexicons/drugs.json`` (written by the team; brand lists checked against the
FDA Orange Book and DailyMed labels, street names against DEA drug fact sheets). Matching is one
Aho-Corasick pass over the lower-cased text with word-boundary checks, so thousands of names cost the
same as one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .resources import LEXICONS_DIR

DRUGS_FILE = LEXICONS_DIR / "drugs.json"


@dataclass(frozen=True, slots=True)
class Drug:
    """One drug. ``id`` is the lower-case generic name used as key everywhere (facts, flags)."""

    id: str
    generic: str
    brands: tuple[str, ...] = ()
    street: tuple[str, ...] = ()
    drug_class: str = ""
    category: str = ""  # what it is sold for: anxiety, pain, sleep, erectile, weight, stimulant, ...
    schedule: str | None = None  # US controlled-substance schedule ("II".."V") or None


@dataclass(frozen=True, slots=True)
class Mention:
    """A drug name found in text: ``kind`` is generic, brand or street."""

    start: int
    end: int
    drug: str
    surface: str
    kind: str


class DrugDictionary:
    """Name lookup over a set of :class:`Drug` records."""

    def __init__(self, drugs: list[Drug]) -> None:
        import ahocorasick

        self.drugs: dict[str, Drug] = {d.id: d for d in drugs}
        self._names: dict[str, tuple[str, str]] = {}
        for d in drugs:
            for kind, names in (("generic", (d.generic,)), ("brand", d.brands), ("street", d.street)):
                for n in names:
                    key = n.lower().strip()
                    # The first claim on a name wins; generic and brand names are listed before street slang.
                    if key and key not in self._names:
                        self._names[key] = (d.id, kind)
        self._auto = ahocorasick.Automaton()
        for key, (drug_id, kind) in self._names.items():
            self._auto.add_word(key, (len(key), drug_id, kind))
        if self._names:
            self._auto.make_automaton()

    def __contains__(self, drug_id: str) -> bool:
        return drug_id in self.drugs

    def __len__(self) -> int:
        return len(self.drugs)

    def get(self, drug_id: str) -> Drug | None:
        return self.drugs.get(drug_id)

    def resolve(self, name: str) -> str | None:
        """The drug id for a generic, brand or street name (case-insensitive)."""
        hit = self._names.get(name.lower().strip())
        return hit[0] if hit else None

    def names(self, kinds: tuple[str, ...] = ("generic", "brand", "street")) -> dict[str, str]:
        """Every known name (lower case) → drug id, for the kinds asked."""
        return {n: v[0] for n, v in self._names.items() if v[1] in kinds}

    def find(self, text: str, *, lower: str | None = None, kinds: tuple[str, ...] = ("generic", "brand")) -> list[Mention]:
        """Whole-word drug names in ``text``; longest match wins where names overlap.

        Street names are off by default: many are ordinary words ("bars", "blues", "vitamin R").
        """
        if not self._names:
            return []
        low = lower if lower is not None else text.lower()
        found: list[Mention] = []
        for end_idx, (length, drug_id, kind) in self._auto.iter(low):
            if kind not in kinds:
                continue
            start, end = end_idx - length + 1, end_idx + 1
            if (start > 0 and low[start - 1].isalnum()) or (end < len(low) and low[end].isalnum()):
                continue
            found.append(Mention(start, end, drug_id, text[start:end], kind))
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        out: list[Mention] = []
        last_end = -1
        for m in found:
            if m.start >= last_end:
                out.append(m)
                last_end = m.end
        return out


def load(path: Path = DRUGS_FILE) -> DrugDictionary:
    """Read a drugs JSON file (``{"drugs": [{"id", "generic", "brands", "street", ...}]}``)."""
    with open(path, encoding="utf-8") as fh:
        raw = json.load(fh)
    drugs = []
    for i, entry in enumerate(raw.get("drugs", [])):
        try:
            drugs.append(
                Drug(
                    id=entry["id"],
                    generic=entry.get("generic", entry["id"]),
                    brands=tuple(entry.get("brands", ())),
                    street=tuple(entry.get("street", ())),
                    drug_class=entry.get("class", ""),
                    category=entry.get("category", ""),
                    schedule=entry.get("schedule"),
                )
            )
        except KeyError as exc:
            raise ValueError(f"{path}: drugs[{i}] lacks the field {exc.args[0]!r}") from exc
    return DrugDictionary(drugs)


@lru_cache(maxsize=1)
def dictionary() -> DrugDictionary:
    """The bundled dictionary, loaded once per process."""
    return load()
