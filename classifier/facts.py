"""Reference facts per drug: typed, sourced statements that claims on a page are checked against.

Facts live in JSON files, one per drug (``corpus/facts/<drug>.json``; the format is documented in
``corpus/facts/SCHEMA.md``). The bundled files are read first, then any directories the user adds
(``--facts DIR`` on the command line, ``Options(facts_dirs=...)`` in the API). A user file for a drug
that already has facts adds to them, and a fact with an existing id replaces the bundled one.

Every file is validated when it is read: a wrong field raises :class:`FactFileError` naming the file,
the field and what was expected, so a typo never turns silently into a missing check.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from .resources import FACTS_DIR, LEXICONS_DIR

SCHEMA_VERSION = 1
PREDICATES_FILE = LEXICONS_DIR / "claims_predicates.json"

#: Fact types and what each one says about a drug.
FACT_TYPES = {
    "class": "what kind of drug it is (terms) and what it is not (false_terms)",
    "mechanism": "how it works (predicates) and common wrong accounts (false_predicates)",
    "indication": "an approved use (terms)",
    "off_label": "a common use outside the label (terms)",
    "effect": "a pharmacological effect (terms)",
    "half_life": "elimination half-life range (value, optional active metabolite)",
    "schedule": "US controlled-substance schedule (value: I-V or null) and prescription status",
    "boxed_warning": "the label's boxed warning (terms)",
    "risk": "a known risk (terms; key=true for the risks a balanced page must mention)",
    "interaction": "a dangerous combination (agents) and its consequence (terms)",
    "potency": "analgesic potency relative to oral morphine, milligram for milligram (value: a positive number)",
    "not_for": "a patient group, condition or use the label (Contraindications, Limitations of Use) or a regulator says it is not for (terms; age_below: an age limit in years; products: only these products)",
    "dose_adjust": "patients or co-medications for whom the label's Dosage section changes the dose (terms; none=true: the label says no change is needed)",
    "direction": "which way the drug moves a body measure (terms: measures such as 'blood pressure'; value: up or down)",
    "administration": "ways of taking the product that the label forbids (terms: actions such as 'crush'; products: only these products)",
    "interval": "how long the label says to wait between the drug and another drug or class (terms: the others; value: {min, unit} in min, h or d)",
    "food": "how the label says to take it with respect to food (value: {food: with, without or any; drinks: true if other drinks count as food; water_oz_max: the most water}; products: only these products)",
    "frequency": "how often the label says to take it, or how long a patch is worn (value: {every: [shortest, longest] time between doses, unit h or d, as_needed: true if a longer gap is fine}; products: only these products)",
    "duration": "how long the label says it may be used (value: {longest, unit d, w or mo} for a drug limited to short-term use, or {long_term: true} for one meant to be taken on)",
    "dose": "the label's doses as numbers (value: max and start as [low, high] ranges, unit mg or mcg, per day, week, month or hour (a patch's rate); products: only these products)",
    "targets": "what the label says the drug acts on and what it does not (terms and false_terms: target names from corpus/lexicons/quantities.json)",
    "false_claim": "a claim known to be false or unbacked (predicates; verdict contradicted|unsupported)",
}
SCHEDULES = ("I", "II", "III", "IV", "V")
#: Hours per unit accepted in half-life values.
UNIT_HOURS = {"min": 1 / 60, "minutes": 1 / 60, "h": 1.0, "hours": 1.0, "d": 24.0, "days": 24.0}
_DRUG_ID = re.compile(r"^[a-z0-9][a-z0-9 _.+-]*$")


class FactFileError(ValueError):
    """A fact file that cannot be used: the message names the file, the field and what was expected."""

    def __init__(self, path: Path | str, field_name: str, expected: str, got: Any = None) -> None:
        self.path = str(path)
        self.field = field_name
        self.expected = expected
        got_text = "" if got is None else f", got {_short(got)}"
        super().__init__(f"{self.path}: {field_name}: expected {expected}{got_text}")


@dataclass(frozen=True, slots=True)
class Fact:
    """One typed, sourced statement about a drug. Which fields matter depends on ``type`` (see FACT_TYPES)."""

    id: str
    drug: str
    type: str
    statement: str
    source: str
    terms: tuple[str, ...] = ()
    false_terms: tuple[str, ...] = ()
    predicates: tuple[str, ...] = ()
    false_predicates: tuple[str, ...] = ()
    agents: tuple[str, ...] = ()
    value: Any = None
    metabolite: Mapping[str, Any] | None = None
    key: bool = False
    verdict: str | None = None
    claim_type: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "type": self.type, "statement": self.statement, "source": self.source}
        for name in ("terms", "false_terms", "predicates", "false_predicates", "agents"):
            if getattr(self, name):
                out[name] = list(getattr(self, name))
        if self.type in ("half_life", "schedule", "potency"):
            out["value"] = self.value
        if self.metabolite:
            out["metabolite"] = dict(self.metabolite)
        if self.key:
            out["key"] = True
        if self.verdict:
            out["verdict"] = self.verdict
        if self.claim_type:
            out["claim_type"] = self.claim_type
        out.update(self.extra)
        return out


@dataclass(frozen=True, slots=True)
class DrugFacts:
    """All facts about one drug, with its names and the files they came from."""

    id: str
    generic: str
    brands: tuple[str, ...]
    street: tuple[str, ...]
    atc: tuple[str, ...]
    facts: tuple[Fact, ...]
    files: tuple[str, ...] = ()
    other: tuple[str, ...] = ()  # abbreviations and other names matched like brands ("HCQ")

    def of_type(self, *types: str) -> tuple[Fact, ...]:
        return tuple(f for f in self.facts if f.type in types)

    def first(self, type_: str) -> Fact | None:
        return next((f for f in self.facts if f.type == type_), None)


@dataclass(frozen=True)
class FactBase:
    """All reference facts, indexed by drug id, plus the named predicates they refer to.

    The compiled matchers the claim checker needs are built once, on first use of :attr:`index`
    (:func:`load_facts` builds them at load time).
    """

    drugs: dict[str, DrugFacts] = field(default_factory=dict)
    predicates: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __contains__(self, drug_id: str) -> bool:
        return drug_id in self.drugs

    def __len__(self) -> int:
        return len(self.drugs)

    def get(self, drug_id: str) -> DrugFacts | None:
        return self.drugs.get(drug_id)

    def fact(self, fact_id: str) -> Fact | None:
        drug = fact_id.split(".", 1)[0]
        d = self.drugs.get(drug)
        if d is not None:
            for f in d.facts:
                if f.id == fact_id:
                    return f
        return None

    def resolve(self, name: str) -> str | None:
        """The drug id for a generic, brand or street name known to the facts or the drug dictionary."""
        low = name.lower().strip()
        if low in self.drugs:
            return low
        for d in self.drugs.values():
            if low == d.generic.lower() or low in (n.lower() for n in (*d.brands, *d.other, *d.street)):
                return d.id
        from .drugs import dictionary

        hit = dictionary().resolve(low)
        return hit if hit in self.drugs else None

    @cached_property
    def index(self) -> Any:
        """Compiled matchers for claim checking (built once)."""
        from .claimcheck.index import build_index

        return build_index(self)


# --------------------------------------------------------------------------------------------------
# public API


def load_facts(extra_dirs: Sequence[Path] = ()) -> FactBase:
    """Read the bundled facts, then every ``*.json`` file in ``extra_dirs``, validated.

    Parameters
    ----------
    extra_dirs : sequence of Path
        Directories with user fact files, read in order after the bundled ``corpus/facts``.

    Returns
    -------
    FactBase
        With its claim-checking matchers compiled.

    Raises
    ------
    FactFileError
        When a file or directory cannot be used; the message names the file, the field and what was expected.

    Examples
    --------
    >>> from classifier.facts import load_facts
    >>> fb = load_facts()
    >>> fb.get("diazepam").first("schedule").value
    'IV'
    """
    dirs = tuple(Path(d) for d in extra_dirs)
    for d in dirs:
        if not d.is_dir():
            raise FactFileError(d, "--facts", "a directory of fact files (*.json)", "a missing path" if not d.exists() else "a file")
    return _load_cached(dirs)


def validate_file(path: Path, predicates: Mapping[str, Sequence[str]] | None = None) -> DrugFacts:
    """Read and validate one fact file; raise :class:`FactFileError` on the first problem."""
    path = Path(path)
    if predicates is None:
        predicates = _bundled_predicates()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise FactFileError(path, "file", "an existing JSON file", "a missing path") from exc
    except UnicodeDecodeError as exc:
        raise FactFileError(path, "file", "UTF-8 text") from exc
    except json.JSONDecodeError as exc:
        raise FactFileError(path, f"JSON (line {exc.lineno}, column {exc.colno})", f"valid JSON ({exc.msg})") from exc
    return _parse_file(path, raw, predicates)


# --------------------------------------------------------------------------------------------------
# private: loading and validation


@lru_cache(maxsize=8)
def _load_cached(dirs: tuple[Path, ...]) -> FactBase:
    predicates = dict(_bundled_predicates())
    drugs: dict[str, DrugFacts] = {}
    for directory in (FACTS_DIR, *dirs):
        if not directory.is_dir():
            continue
        for path in sorted(directory.glob("*.json")):
            raw_preds = _file_predicates(path)
            predicates.update(raw_preds)
            df = validate_file(path, predicates)
            drugs[df.id] = _merge(drugs.get(df.id), df)
    fb = FactBase(drugs=drugs, predicates={k: tuple(v) for k, v in predicates.items()})
    fb.index  # noqa: B018 - compile the matchers now, once per process, not on the first page
    return fb


@lru_cache(maxsize=1)
def _bundled_predicates() -> dict[str, tuple[str, ...]]:
    raw = json.loads(PREDICATES_FILE.read_text(encoding="utf-8"))
    return {k: tuple(v) for k, v in raw["predicates"].items()}


def _file_predicates(path: Path) -> dict[str, tuple[str, ...]]:
    """Predicates a user file defines for itself (top-level ``"predicates": {name: [regex, ...]}``)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # validate_file reports the real problem with its exact location
    preds = raw.get("predicates") if isinstance(raw, dict) else None
    if preds is None:
        return {}
    if not isinstance(preds, dict):
        raise FactFileError(path, "predicates", "an object mapping predicate names to lists of regular expressions", preds)
    out: dict[str, tuple[str, ...]] = {}
    for name, pats in preds.items():
        where = f"predicates.{name}"
        pats = _str_list(path, where, pats)
        for p in pats:
            _check_regex(path, where, p)
        out[name] = pats
    return out


def _merge(old: DrugFacts | None, new: DrugFacts) -> DrugFacts:
    if old is None:
        return new
    facts = {f.id: f for f in old.facts}
    facts.update({f.id: f for f in new.facts})

    def union(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*a, *b)))

    return DrugFacts(
        id=old.id, generic=new.generic or old.generic, brands=union(old.brands, new.brands),
        street=union(old.street, new.street), atc=union(old.atc, new.atc), facts=tuple(facts.values()),
        files=(*old.files, *new.files), other=union(old.other, new.other),
    )


def _parse_file(path: Path, raw: Any, predicates: Mapping[str, Sequence[str]]) -> DrugFacts:
    if not isinstance(raw, dict):
        raise FactFileError(path, "top level", "a JSON object with 'schema', 'drug' and 'facts'", raw)
    if raw.get("schema") != SCHEMA_VERSION:
        raise FactFileError(path, "schema", f"the number {SCHEMA_VERSION}", raw.get("schema", "nothing"))
    drug = raw.get("drug")
    if not isinstance(drug, str) or not _DRUG_ID.match(drug):
        raise FactFileError(path, "drug", "a lower-case drug id such as 'diazepam'", drug)
    names = raw.get("names", {})
    if not isinstance(names, dict):
        raise FactFileError(path, "names", "an object with generic, brands, street, atc, other", names)
    generic = names.get("generic", drug)
    if not isinstance(generic, str) or not generic.strip():
        raise FactFileError(path, "names.generic", "a non-empty string", generic)
    brands = _str_list(path, "names.brands", names.get("brands", []))
    street = _str_list(path, "names.street", names.get("street", []))
    atc = _str_list(path, "names.atc", names.get("atc", []))
    other = _str_list(path, "names.other", names.get("other", []))
    facts_raw = raw.get("facts")
    if not isinstance(facts_raw, list) or not facts_raw:
        raise FactFileError(path, "facts", "a non-empty list of fact objects", facts_raw)
    facts: list[Fact] = []
    seen: set[str] = set()
    for i, item in enumerate(facts_raw):
        fact = _parse_fact(path, f"facts[{i}]", drug, item, predicates)
        if fact.id in seen:
            raise FactFileError(path, f"facts[{i}].id", "an id not used by another fact in this file", fact.id)
        seen.add(fact.id)
        facts.append(fact)
    return DrugFacts(id=drug, generic=generic, brands=brands, street=street, atc=atc, facts=tuple(facts),
                     files=(str(path),), other=other)


_KNOWN_FIELDS = {
    "id", "type", "statement", "source", "terms", "false_terms", "predicates", "false_predicates", "agents",
    "value", "metabolite", "key", "verdict", "claim_type",
    # descriptive extras kept as they are
    "prescription_only", "also", "state_controlled", "curative", "drugcentral_action", "note", "use",
    "age_below", "none", "products", "when", "product_schedules", "also_when",
}


def _dose(path: Path, where: str, v: Any) -> dict[str, Any]:
    expected = ("an object with 'max' and/or 'start' as [low, high] (positive numbers, low <= high), "
                "'unit' ('mg' or 'mcg') and 'per' ('day', 'week', 'month' or 'hour' for a patch's rate)")
    if not isinstance(v, dict) or not ({"max", "start"} & set(v)) or set(v) - {"max", "start", "unit", "per"}:
        raise FactFileError(path, where, expected, v)
    if v.get("unit", "mg") not in ("mg", "mcg") or v.get("per", "day") not in ("day", "week", "month", "hour"):
        raise FactFileError(path, where, expected, v)
    for k in ("max", "start"):
        r = v.get(k)
        if r is None:
            continue
        if (not isinstance(r, list) or len(r) != 2 or not all(isinstance(x, (int, float)) and not isinstance(x, bool)
                                                            and math.isfinite(x) and x > 0 for x in r) or r[0] > r[1]):
            raise FactFileError(path, f"{where}.{k}", "[low, high]: two positive numbers, low <= high", r)
    return {"unit": v.get("unit", "mg"), "per": v.get("per", "day"), **{k: list(v[k]) for k in ("max", "start") if k in v}}


def _food(path: Path, where: str, v: Any) -> dict[str, Any]:
    expected = ("an object with 'food' ('with', 'without' or 'any'), optional 'drinks' (true or false) "
                "and optional 'water_oz_max' (a positive number of US fluid ounces)")
    if not isinstance(v, dict) or v.get("food") not in ("with", "without", "any") or set(v) - {"food", "drinks", "water_oz_max"}:
        raise FactFileError(path, where, expected, v)
    most = v.get("water_oz_max")
    if not isinstance(v.get("drinks", False), bool) or (most is not None and (
            isinstance(most, bool) or not isinstance(most, (int, float)) or not math.isfinite(most) or most <= 0)):
        raise FactFileError(path, where, expected, v)
    return {"food": v["food"], "drinks": v.get("drinks", False), **({"water_oz_max": most} if most is not None else {})}


def _frequency(path: Path, where: str, v: Any) -> dict[str, Any]:
    expected = ("an object with 'every' as [shortest, longest] (positive numbers, shortest <= longest), "
                "'unit' ('h' or 'd') and optional 'as_needed' (true or false)")
    if not isinstance(v, dict) or set(v) - {"every", "unit", "as_needed"} or v.get("unit") not in ("h", "d"):
        raise FactFileError(path, where, expected, v)
    r = v.get("every")
    if (not isinstance(r, list) or len(r) != 2 or not all(isinstance(x, (int, float)) and not isinstance(x, bool)
                                                        and math.isfinite(x) and x > 0 for x in r) or r[0] > r[1]):
        raise FactFileError(path, f"{where}.every", "[shortest, longest]: two positive numbers, shortest <= longest", r)
    if not isinstance(v.get("as_needed", False), bool):
        raise FactFileError(path, f"{where}.as_needed", "true or false", v["as_needed"])
    return {"every": list(r), "unit": v["unit"], "as_needed": v.get("as_needed", False)}


def _duration(path: Path, where: str, v: Any) -> dict[str, Any]:
    expected = "an object with 'longest' (a positive number) and 'unit' ('d', 'w' or 'mo'), or {'long_term': true}"
    if v == {"long_term": True}:
        return {"long_term": True}
    if not isinstance(v, dict) or set(v) != {"longest", "unit"} or v["unit"] not in ("d", "w", "mo"):
        raise FactFileError(path, where, expected, v)
    n = v["longest"]
    if isinstance(n, bool) or not isinstance(n, (int, float)) or not math.isfinite(n) or n <= 0:
        raise FactFileError(path, f"{where}.longest", "a positive number", n)
    return {"longest": n, "unit": v["unit"]}


def _targets(path: Path, where: str, terms: list[str], false_terms: list[str]) -> None:
    from .claimcheck.direction import quantities

    known = sorted(name for name, q in quantities().items() if q.up_before or q.down_before)
    for field_name, names in (("terms", terms), ("false_terms", false_terms)):
        if not names or any(n.lower() not in known for n in names):
            raise FactFileError(path, f"{where}.{field_name}", f"a non-empty list of target names from quantities.json ({', '.join(known)})", names)


def _parse_fact(path: Path, where: str, drug: str, item: Any, predicates: Mapping[str, Sequence[str]]) -> Fact:
    if not isinstance(item, dict):
        raise FactFileError(path, where, "a fact object", item)
    unknown = sorted(set(item) - _KNOWN_FIELDS)
    if unknown:
        raise FactFileError(path, f"{where}.{unknown[0]}", f"one of the known fact fields {sorted(_KNOWN_FIELDS)}")
    fid = item.get("id")
    if not isinstance(fid, str) or not fid.startswith(drug + ".") or len(fid) <= len(drug) + 1:
        raise FactFileError(path, f"{where}.id", f"a string starting with '{drug}.' (e.g. '{drug}.mechanism')", fid)
    ftype = item.get("type")
    if ftype not in FACT_TYPES:
        raise FactFileError(path, f"{where}.type", f"one of {sorted(FACT_TYPES)}", ftype)
    for name in ("statement", "source"):
        v = item.get(name)
        if not isinstance(v, str) or not v.strip():
            what = "the reference that backs this fact (label section, CFR paragraph, named source)" if name == "source" else "a one-sentence statement of the fact"
            raise FactFileError(path, f"{where}.{name}", f"a non-empty string: {what}", v)
    lists = {n: _str_list(path, f"{where}.{n}", item.get(n, [])) for n in ("terms", "false_terms", "predicates", "false_predicates", "agents")}
    for n in ("predicates", "false_predicates"):
        for j, p in enumerate(lists[n]):
            if p.startswith("@"):
                if p[1:] not in predicates:
                    raise FactFileError(path, f"{where}.{n}[{j}]", f"a known predicate name (one of {sorted(predicates)}) or a regular expression", p)
            else:
                _check_regex(path, f"{where}.{n}[{j}]", p)
    key = item.get("key", False)
    if not isinstance(key, bool):
        raise FactFileError(path, f"{where}.key", "true or false", key)
    verdict = item.get("verdict")
    value = item.get("value")
    metabolite = item.get("metabolite")
    if ftype == "false_claim":
        if verdict not in ("contradicted", "unsupported"):
            raise FactFileError(path, f"{where}.verdict", "'contradicted' or 'unsupported'", verdict)
        if not lists["predicates"] and not lists["terms"]:
            raise FactFileError(path, f"{where}.predicates", "at least one predicate or term that recognises the claim")
    elif verdict is not None:
        raise FactFileError(path, f"{where}.verdict", "no verdict (only false_claim facts carry one)", verdict)
    if ftype == "half_life":
        value = _half_life(path, f"{where}.value", value)
        if metabolite is not None:
            if not isinstance(metabolite, dict) or not isinstance(metabolite.get("name"), str):
                raise FactFileError(path, f"{where}.metabolite", "an object with name, min/max/typical, unit, active", metabolite)
            metabolite = {**_half_life(path, f"{where}.metabolite", metabolite), "name": metabolite["name"],
                          "active": bool(metabolite.get("active", True))}
    elif metabolite is not None:
        raise FactFileError(path, f"{where}.metabolite", "no metabolite outside half_life facts", metabolite)
    if ftype == "schedule":
        if "value" not in item or (value is not None and value not in SCHEDULES):
            raise FactFileError(path, f"{where}.value", f"one of {list(SCHEDULES)} or null (not controlled)", value)
        also = item.get("also", [])
        if not isinstance(also, list) or any(a not in SCHEDULES for a in also):
            raise FactFileError(path, f"{where}.also", f"a list of schedules from {list(SCHEDULES)}", also)
        by_product = item.get("product_schedules", {})
        if not isinstance(by_product, dict) or any(
                k not in {value, *also} - {None} or not isinstance(v, list) or not v
                or not all(isinstance(x, str) and x.strip() for x in v) for k, v in by_product.items()):
            raise FactFileError(path, f"{where}.product_schedules",
                                "an object from this fact's schedules (value or also) to non-empty lists of product names",
                                by_product)
        also_when = item.get("also_when", [])
        if not isinstance(also_when, list) or not all(isinstance(x, str) and x.strip() for x in also_when) or (also_when and not also):
            raise FactFileError(path, f"{where}.also_when", "a list of words, and only beside `also`", also_when)
    elif "product_schedules" in item or "also_when" in item:
        key = "product_schedules" if "product_schedules" in item else "also_when"
        raise FactFileError(path, f"{where}.{key}", f"no {key} outside schedule facts", item[key])
    if ftype == "potency" and (isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0):
        raise FactFileError(path, f"{where}.value", "a positive number: milligrams of oral morphine one milligram of this drug equals", value)
    if ftype == "not_for" and not lists["terms"]:
        raise FactFileError(path, f"{where}.terms", "a non-empty list of the patient groups, conditions or uses the drug is not for")
    if "use" in item and (ftype != "not_for" or not isinstance(item["use"], bool)):
        raise FactFileError(path, f"{where}.use", "true or false, and only on a not_for fact", item["use"])
    age = item.get("age_below")
    if "age_below" in item and (ftype != "not_for" or isinstance(age, bool) or not isinstance(age, (int, float))
                                or not math.isfinite(age) or not 0 < age <= 21):
        raise FactFileError(path, f"{where}.age_below", "an age in years above 0 and at most 21, and only on a not_for fact", age)
    products = item.get("products")
    if "products" in item and (ftype not in ("not_for", "administration", "dose", "food", "frequency") or not isinstance(products, list) or not products
                               or not all(isinstance(x, str) and x.strip() for x in products)):
        raise FactFileError(path, f"{where}.products", "a non-empty list of product names, and only on a not_for, administration, dose, food or frequency fact", products)
    when = item.get("when")
    if "when" in item and (not (item.get("predicates") or ftype == "dose") or not isinstance(when, list) or not when
                           or not all(isinstance(x, str) and x.strip() for x in when) or "products" in item):
        raise FactFileError(path, f"{where}.when", "a non-empty list of words or phrases (the use or setting the fact speaks of), "
                            "only on a fact with predicates or a dose fact, and not with products", when)
    if ftype == "direction" and (value not in ("up", "down") or not lists["terms"]):
        raise FactFileError(path, f"{where}.value", "'up' or 'down', with terms naming the measures", value)
    if ftype == "dose":
        value = _dose(path, f"{where}.value", value)
    if ftype == "food":
        value = _food(path, f"{where}.value", value)
    if ftype == "frequency":
        value = _frequency(path, f"{where}.value", value)
    if ftype == "duration":
        value = _duration(path, f"{where}.value", value)
    if ftype == "interval" and (not lists["terms"] or not isinstance(value, dict) or set(value) != {"min", "unit"} or value["unit"] not in UNIT_HOURS
                or isinstance(value["min"], bool) or not isinstance(value["min"], (int, float)) or not value["min"] > 0):
        raise FactFileError(path, f"{where}.value", "{'min': a positive number, 'unit': 'min', 'h' or 'd'} with terms naming the other drugs or classes", value)
    if ftype == "targets":
        _targets(path, where, lists["terms"], lists["false_terms"])
    if ftype == "administration" and not lists["terms"]:
        raise FactFileError(path, f"{where}.terms", "a non-empty list of the actions the label forbids ('crush', 'chew')")
    if ftype == "dose_adjust" and not lists["terms"]:
        raise FactFileError(path, f"{where}.terms", "a non-empty list of the patients or co-medications the dose changes for")
    if "none" in item and (ftype != "dose_adjust" or not isinstance(item["none"], bool)):
        raise FactFileError(path, f"{where}.none", "true or false, and only on a dose_adjust fact", item["none"])
    if ftype in ("class", "indication", "off_label", "effect", "risk", "boxed_warning", "interaction") and not lists["terms"] and not lists["predicates"]:
        raise FactFileError(path, f"{where}.terms", f"a non-empty list of words or phrases for this {ftype} fact")
    if ftype == "mechanism" and not lists["predicates"]:
        raise FactFileError(path, f"{where}.predicates", "a non-empty list of predicates ('@name' or regular expressions)")
    extra = {k: item[k] for k in ("prescription_only", "also", "state_controlled", "curative", "drugcentral_action", "note", "use",
                                  "age_below", "none", "products", "when", "product_schedules", "also_when") if k in item}
    claim_type = item.get("claim_type", "")
    if not isinstance(claim_type, str):
        raise FactFileError(path, f"{where}.claim_type", "a string", claim_type)
    return Fact(id=fid, drug=drug, type=ftype, statement=item["statement"].strip(), source=item["source"].strip(),
                value=value, metabolite=metabolite, key=key, verdict=verdict, claim_type=claim_type, extra=extra,
                **lists)


def _half_life(path: Path, where: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise FactFileError(path, where, "an object with min/max/typical numbers and a unit", value)
    unit = value.get("unit")
    if unit not in UNIT_HOURS:
        raise FactFileError(path, f"{where}.unit", f"one of {sorted(UNIT_HOURS)}", unit)
    nums = {}
    for k in ("min", "max", "typical"):
        v = value.get(k)
        if v is None:
            continue
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or v <= 0:
            raise FactFileError(path, f"{where}.{k}", "a positive number", v)
        nums[k] = float(v)
    if not nums:
        raise FactFileError(path, where, "at least one of min, max, typical")
    if "min" in nums and "max" in nums and nums["min"] > nums["max"]:
        raise FactFileError(path, f"{where}.min", f"a value not above max ({nums['max']})", nums["min"])
    return {**nums, "unit": unit}


def _str_list(path: Path, where: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or any(not isinstance(v, str) or not v.strip() for v in value):
        raise FactFileError(path, where, "a list of non-empty strings", value)
    return tuple(v.strip() for v in value)


def _check_regex(path: Path, where: str, pattern: str) -> None:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise FactFileError(path, where, f"a valid regular expression ({exc})", pattern) from exc


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


# --------------------------------------------------------------------------------------------------
# command line: healthcred facts show|list|validate


def cli_main(argv: list[str] | None = None) -> int:
    """``healthcred facts show DRUG | list | validate DIR...``; returns the exit code."""
    parser = argparse.ArgumentParser(prog="healthcred facts", description="Show, list and validate reference facts.")
    parser.add_argument("--facts", action="append", default=[], metavar="DIR", help="extra directory of fact files")
    sub = parser.add_subparsers(dest="command", required=True)
    p_show = sub.add_parser("show", help="print a drug's fact sheet with sources")
    p_show.add_argument("drug", help="generic, brand or street name")
    p_show.add_argument("--json", action="store_true", help="print JSON instead of text")
    sub.add_parser("list", help="list the drugs with facts")
    p_val = sub.add_parser("validate", help="check fact files (directories or files)")
    p_val.add_argument("paths", nargs="+", type=Path)
    args = parser.parse_args(argv)
    try:
        if args.command == "validate":
            return _cli_validate(args.paths)
        fb = load_facts(tuple(Path(p) for p in args.facts))
    except FactFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.command == "list":
        for d in sorted(fb.drugs.values(), key=lambda d: d.id):
            sched = d.first("schedule")
            status = "not controlled" if sched is None or sched.value is None else f"Schedule {sched.value}"
            print(f"{d.id:<20} {', '.join(d.brands[:3]):<36} {status:<16} {len(d.facts)} facts")
        return 0
    drug_id = fb.resolve(args.drug)
    if drug_id is None:
        print(f"error: no facts for {args.drug!r}; known drugs: {', '.join(sorted(fb.drugs))}", file=sys.stderr)
        return 1
    d = fb.drugs[drug_id]
    if args.json:
        print(json.dumps({"drug": d.id, "generic": d.generic, "brands": list(d.brands), "street": list(d.street),
                          "atc": list(d.atc), "facts": [f.to_dict() for f in d.facts]}, indent=1, ensure_ascii=False))
        return 0
    print(_sheet(d))
    return 0


def _cli_validate(paths: Sequence[Path]) -> int:
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(p.glob("*.json")))
        else:
            files.append(p)
    if not files:
        print("error: no fact files (*.json) found", file=sys.stderr)
        return 2
    predicates = dict(_bundled_predicates())
    bad = 0
    for f in files:
        try:
            predicates.update(_file_predicates(f))
            df = validate_file(f, predicates)
            print(f"ok     {f}  ({df.id}: {len(df.facts)} facts)")
        except FactFileError as exc:
            bad += 1
            print(f"error  {exc}")
    return 1 if bad else 0


def _sheet(d: DrugFacts) -> str:
    lines = [f"{d.generic} ({d.id})"]
    if d.brands:
        lines.append(f"  brands: {', '.join(d.brands)}")
    if d.other:
        lines.append(f"  other names: {', '.join(d.other)}")
    if d.street:
        lines.append(f"  street names: {', '.join(d.street)}")
    if d.atc:
        lines.append(f"  ATC: {', '.join(d.atc)}")
    for f in d.facts:
        head = f"[{f.type}] {f.id}" + (" (key risk)" if f.key else "") + (f" -> {f.verdict}" if f.verdict else "")
        lines += ["", head, f"  {f.statement}"]
        if f.type == "half_life":
            lines.append(f"  value: {_fmt_range(f.value)}" + (f"; {f.metabolite['name']}: {_fmt_range(f.metabolite)}" if f.metabolite else ""))
        if f.type == "potency":
            lines.append(f"  potency: {f.value:g} x oral morphine (mg for mg)")
        if f.type == "dose":
            lines.append("  doses: " + "; ".join(f"{k} {r[0]:g}-{r[1]:g} {f.value['unit']}" for k, r in f.value.items() if k in ("start", "max"))
                         + f" a {f.value['per']}" + (f" (only for {', '.join(f.extra['products'])})" if f.extra.get("products") else ""))
        if f.type == "food":
            lines.append(f"  food: {_FOOD_SHOW[f.value['food']]}" + (", other drinks count as food" if f.value["drinks"] else "")
                         + (f", at most {f.value['water_oz_max']:g} oz of water" if "water_oz_max" in f.value else "")
                         + (f" (only for {', '.join(f.extra['products'])})" if f.extra.get("products") else ""))
        if f.type == "frequency":
            lo, hi = f.value["every"]
            lines.append(f"  every {lo:g}" + ("" if lo == hi else f"-{hi:g}") + f" {f.value['unit']}" + (" (as needed)" if f.value["as_needed"] else "")
                         + (f" (only for {', '.join(f.extra['products'])})" if f.extra.get("products") else ""))
        if f.type == "duration":
            lines.append("  long-term use" if f.value.get("long_term") else f"  short-term use, at most {f.value['longest']:g} {f.value['unit']}")
        if f.type == "schedule":
            lines.append(f"  schedule: {f.value or 'not controlled'}" + (f" (also {', '.join(f.extra['also'])})" if f.extra.get("also") else ""))
        if f.terms:
            label = _terms_label(f)
            lines.append(f"  {label}: {', '.join(f.terms)}" + (f" (and any age under {f.extra['age_below']:g})" if f.extra.get("age_below") else "")
                         + (f" (only for {', '.join(f.extra['products'])})" if f.extra.get("products") else ""))
        if f.false_terms:
            lines.append(f"  not: {', '.join(f.false_terms)}")
        if f.agents:
            lines.append(f"  with: {', '.join(f.agents)}")
        if f.predicates:
            lines.append(f"  {'recognised by' if f.type == 'false_claim' else 'true predicates'}: {', '.join(f.predicates)}")
        if f.extra.get("when"):
            lines.append(f"  only beside: {', '.join(f.extra['when'])}")
        if f.false_predicates:
            lines.append(f"  false predicates: {', '.join(f.false_predicates)}")
        lines.append(f"  source: {f.source}")
    return "\n".join(lines)


_FOOD_SHOW = {"with": "take with food", "without": "take without food", "any": "with or without food"}


def _terms_label(f: Fact) -> str:
    if f.type == "interval":
        return f"wait at least {f.value['min']:g} {f.value['unit']} with"
    if f.type == "direction":
        return f"{f.value}:"
    if f.type == "targets":
        return "acts on"
    if f.type == "dose_adjust":
        return "same dose for" if f.extra.get("none") else "dose changes for"
    return {"not_for": "not for", "administration": "never"}.get(f.type, "terms")


def _fmt_range(v: Mapping[str, Any]) -> str:
    parts = []
    if "min" in v or "max" in v:
        parts.append(f"{v.get('min', '?')}-{v.get('max', '?')} {v['unit']}")
    if "typical" in v:
        parts.append(f"typical {v['typical']} {v['unit']}")
    return ", ".join(parts)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(cli_main())
