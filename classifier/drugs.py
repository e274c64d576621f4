"""The drug dictionary (generic ↔ brand ↔ street names), shared by the commercial detectors and the fact checker.

Names come from ``corpus/lexicons/drugs.json`` (written by the team; brand lists checked against the
FDA Orange Book and DailyMed labels, street names against DEA drug fact sheets). Matching is one
Aho-Corasick pass over the lower-cased text with word-boundary checks, so thousands of names cost the
same as one.

Why our own list and not the PyPI package ``drug-named-entity-recognition`` (MIT) at run time: its
dictionary is a 1.6 MB bz2 pickle of 107,360 name variants for 20,070 substances that takes about 0.3 s
to unpickle in every process; its variants are too loose for spam detection (the tramadol entry lists
"ranitidin 1a pharma", carisoprodol lists "rela"); and it lacks many names the spam trade uses
(Percocet, Norco, Soma, Adderall XR, Modalert, Tylenol #3: 45 of ours). A drug name alone is no
signal here, so breadth buys little while every false name costs precision. The package is used at
build time as a cross-check instead (every name of ours that it knows must resolve to the same
substance; currently none conflicts)::

    python -c "from classifier.drugs import check_against_package as c; print(c())"
"""

from __future__ import annotations

import json
from collections.abc import Iterator
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


#: Release or form suffixes after a brand name ("Hysingla ER", "Adderall XR", "Lyrica CR").
_RELEASE_SUFFIXES = frozenset({"er", "xr", "cr", "sr", "la", "xl", "cd", "odt", "dr"})


class DrugDictionary:
    """Name lookup over a set of :class:`Drug` records."""

    def __init__(self, drugs: list[Drug]) -> None:
        import ahocorasick

        self.drugs: dict[str, Drug] = {d.id: d for d in drugs}
        self._names: dict[str, tuple[str, str]] = {}
        self._names_by_kinds: dict[tuple[str, ...], dict[str, str]] = {}
        # The last two page-level answers of find(), keyed by the identity of the strings searched: the
        # commercial detectors, provenance, the claim checker and the featurizer each ask about the same page.
        self._recent: list[tuple[str, str, tuple[str, ...], tuple[Mention, ...]]] = []
        self._raw: tuple[str, str, tuple[Mention, ...]] | None = None
        for d in drugs:
            for kind, names in (("generic", (d.generic,)), ("brand", d.brands), ("street", d.street)):
                for n in names:
                    key = n.lower().strip()
                    # The first claim on a name wins; generic and brand names are listed before street slang.
                    if key and key not in self._names:
                        self._names[key] = (d.id, kind)
        # Pages drop a brand's release suffix ("Hysingla" for "Hysingla ER", "Zohydro" for "Zohydro ER"): the
        # stem names the same product, unless it is already another name or too short to be a name alone.
        for d in drugs:
            for n in d.brands:
                stem, _, suffix = n.lower().strip().rpartition(" ")
                if suffix in _RELEASE_SUFFIXES and len(stem) >= 5 and stem not in self._names:
                    self._names[stem] = (d.id, "brand")
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
        """Every known name (lower case) → drug id, for the kinds asked (built once per ``kinds``; do not mutate)."""
        if kinds not in self._names_by_kinds:
            self._names_by_kinds[kinds] = {n: v[0] for n, v in self._names.items() if v[1] in kinds}
        return self._names_by_kinds[kinds]

    def scan(self, lower: str, kinds: tuple[str, ...] = ("generic", "brand")) -> Iterator[tuple[int, int, str, str]]:
        """Every name occurrence in lower-cased text as ``(start, end, drug id, kind)``, without word-boundary checks.

        For callers with their own boundary rules (names glued into domains such as ``buyvaliumonline``).
        """
        if not self._names:
            return
        for end_idx, (length, drug_id, kind) in self._auto.iter(lower):
            if kind in kinds:
                yield end_idx - length + 1, end_idx + 1, drug_id, kind

    def find(self, text: str, *, lower: str | None = None, kinds: tuple[str, ...] = ("generic", "brand")) -> list[Mention]:
        """Whole-word drug names in ``text``; longest match wins where names overlap.

        Street names are off by default: the commercial detectors look for names a shop would sell under. The
        claim checker asks for them (a forum's "K-pin with your oxycodone" is about clonazepam); slang that is
        also an everyday word ("bars", "lean") is not listed as a street name at all.
        """
        if not self._names:
            return []
        if lower is not None:
            for r_text, r_lower, r_kinds, r_out in self._recent:
                if r_text is text and r_lower is lower and r_kinds == kinds:
                    return list(r_out)
        low = lower if lower is not None else text.lower()
        raw = self._raw[2] if (lower is not None and self._raw is not None and self._raw[0] is text
                               and self._raw[1] is lower) else None
        if raw is None:
            # Every whole-word name of every kind, scanned once per page: the claim checker asks for street
            # names too, the other callers do not, and the scan is the costly part.
            hits: list[Mention] = []
            for end_idx, (length, drug_id, kind) in self._auto.iter(low):
                start, end = end_idx - length + 1, end_idx + 1
                if (start > 0 and low[start - 1].isalnum()) or (end < len(low) and low[end].isalnum()):
                    continue
                hits.append(Mention(start, end, drug_id, text[start:end], kind))
            hits.sort(key=lambda m: (m.start, -(m.end - m.start)))
            raw = tuple(hits)
            if lower is not None:
                self._raw = (text, lower, raw)
        found = [m for m in raw if m.kind in kinds]
        out: list[Mention] = []
        last_end = -1
        for m in found:
            if m.start >= last_end:
                out.append(m)
                last_end = m.end
        if lower is not None:  # page-level calls (with the page's cached lower case) are the repeated ones
            self._recent = [(text, lower, kinds, tuple(out)), *self._recent[:1]]
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


def check_against_package(dictionary_: DrugDictionary | None = None) -> dict[str, list]:
    """Cross-check names against ``drug-named-entity-recognition`` (build time only; ~0.3 s to load).

    Returns ``conflicts`` (our name, our id, the package's substances) where the package resolves one
    of our generic or brand names to another substance, and ``unknown`` (names the package lacks).
    """
    import bz2
    import importlib.util
    import pickle

    spec = importlib.util.find_spec("drug_named_entity_recognition")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("drug-named-entity-recognition is needed for this check: pip install drug-named-entity-recognition")
    # Read the package's data file directly: importing the package also loads a cache from the home
    # folder and pulls in helpers that can fetch structures over the network.
    data = Path(next(iter(spec.submodule_search_locations))) / "drug_ner_dictionary.pkl.bz2"
    with bz2.open(data, "rb") as fh:
        variants: dict[str, list[str]] = pickle.load(fh)["drug_variant_to_canonical"]  # noqa: S301 - the package's own file
    d = dictionary_ or dictionary()
    conflicts, unknown = [], []
    for name, drug_id in sorted(d.names(("generic", "brand")).items()):
        canon = variants.get(name)
        if canon is None:
            unknown.append(name)
        elif not any(drug_id in c for c in canon):
            conflicts.append((name, drug_id, list(canon)))
    return {"conflicts": conflicts, "unknown": unknown}
