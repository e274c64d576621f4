"""The fact base compiled for fast matching: one Aho-Corasick automaton for every term of every drug,
one regular expression per predicate, and name matchers for drugs that only user fact files know."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from ..inflect import gerund, past, plural
from ..resources import LEXICONS_DIR
from .direction import MeasureMatcher, acting_on, measure_matcher
from .spelling import misspellings

if TYPE_CHECKING:
    from ..facts import DrugFacts, Fact, FactBase

#: Roles a term or predicate plays for its fact.
SUPPORT, FALSE, AGENT = "support", "false", "agent"


@dataclass(frozen=True)
class PredicateMatcher:
    fact: Fact
    role: str  # SUPPORT or FALSE
    #: the fact's predicates as one regular expression, compiled on first use: most drugs meet no page, and compiling
    #: every fact's pattern at start-up cost a tenth of a second
    source: str
    #: the use or setting the claim is false in, which the sentence (or the one it refers back to) must name
    when: re.Pattern[str] | None = None

    @property
    def pattern(self) -> re.Pattern[str]:
        return _compiled(self.source)


@dataclass
class DrugIndex:
    drug: DrugFacts
    predicates: list[PredicateMatcher] = field(default_factory=list)
    half_life: Fact | None = None
    schedule: Fact | None = None
    #: (schedule, pattern of the products in it) for a drug whose products sit in different schedules
    #: (codeine: II alone, III with acetaminophen, V in cough syrups)
    schedule_products: tuple[tuple[str, re.Pattern[str]], ...] = ()
    potency: Fact | None = None
    key_risk: re.Pattern[str] | None = None
    key_risk_terms: tuple[str, ...] = ()
    risk_words: frozenset[str] = frozenset()
    agents: frozenset[str] = frozenset()
    curative: bool = False
    #: (pattern of the terms, fact, pattern of the products it is limited to or None) for each not_for fact:
    #: judged only next to a permitting or forbidding cue
    not_for: tuple[tuple[re.Pattern[str], Fact, re.Pattern[str] | None], ...] = ()
    #: (pattern of the terms, fact) for each dose_adjust fact: judged only next to words about the dose
    dose_adjust: tuple[tuple[re.Pattern[str], Fact], ...] = ()
    #: (pattern of the actions, fact, pattern of the products it is limited to or None) for each administration fact
    administration: tuple[tuple[re.Pattern[str], Fact, re.Pattern[str] | None], ...] = ()
    #: (matcher of the measures it names, fact) for each direction fact
    direction: tuple[tuple[MeasureMatcher, Fact], ...] = ()
    #: (fact, pattern of the products or uses it is limited to or None) for each dose fact
    doses: tuple[tuple[Fact, re.Pattern[str] | None], ...] = ()
    #: (pattern of the other drugs or classes, fact) for each interval fact
    intervals: tuple[tuple[re.Pattern[str], Fact], ...] = ()
    #: (cheap test, pattern of acting on a target the label rules out, fact) for each targets fact
    targets: tuple[tuple[re.Pattern[str], re.Pattern[str], Fact], ...] = ()
    #: (fact, pattern of the products it is limited to or None) for each food fact
    food: tuple[tuple[Fact, re.Pattern[str] | None], ...] = ()
    #: (fact, pattern of the products it is limited to or None) for each frequency fact
    frequency: tuple[tuple[Fact, re.Pattern[str] | None], ...] = ()
    #: the duration facts (how long the label allows use)
    duration: tuple[Fact, ...] = ()
    #: the lower-case words of the drug's class facts ("benzodiazepine", "opioid agonist"), to compare two drugs
    classes: frozenset[str] = frozenset()


@dataclass
class FactIndex:
    """``terms`` maps each lower-case term to ``(drug_id, fact, role)`` entries."""

    drugs: dict[str, DrugIndex]
    automaton: object | None
    extra_names: object | None  # automaton of names the drug dictionary does not know


def _resolve(fb: FactBase, pats: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for p in pats:
        out.extend(fb.predicates[p[1:]] if p.startswith("@") else (p,))
    return out


def _alt_source(pats: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in pats)


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    # Facts share predicates (every drug's "@generic.inferior"); ``re``'s own cache (512) is too small to keep them
    # across the fact base's thousand patterns, so each would be compiled again at start-up.
    return re.compile(pattern)


def _words_regex(terms: list[str]) -> re.Pattern[str] | None:
    terms = sorted({t.lower() for t in terms}, key=len, reverse=True)
    if not terms:
        return None
    body = "|".join(re.escape(t).replace(r"\ ", r"[\s-]+") for t in terms)
    return re.compile(rf"(?<![\w-])(?:{body})(?:e?s)?(?![\w])")


#: Pages name drinks, not "alcohol" ("a couple of beers with your pills"): where a label warns about alcohol,
#: these count as the same agent. Bare "drink(s)" is left out: "drink plenty of water".
_ALCOHOL_WORDS = ("beer", "wine", "liquor", "booze", "cocktail", "vodka", "whiskey", "whisky", "glass of wine",
                  "a few drinks", "couple of drinks", "alcoholic drinks", "alcoholic beverages", "drinking", "nightcap",
                  "tequila", "bourbon", "brandy", "champagne", "margarita", "hard seltzer", "a drink or two", "happy hour")


CLASSES_FILE = LEXICONS_DIR / "drug_classes.json"
GROUPS_FILE = LEXICONS_DIR / "groups.json"


@lru_cache(maxsize=1)
def _groups() -> dict[str, tuple[str, ...]]:
    data = json.loads(GROUPS_FILE.read_text(encoding="utf-8"))
    return {g["name"].lower(): tuple(g["terms"]) for g in data["groups"]}


#: Degrees a fact may put before a group's name; the group's words then take the same degree.
_DEGREES = frozenset({"severe", "moderate", "moderate-to-severe", "advanced", "end-stage", "chronic"})


def _group_terms(f: Fact, members: dict[str, dict[str, frozenset[str]]]) -> list[str]:
    """A not_for or dose_adjust fact's terms with the words of each group it names ("breastfeeding" ->
    "nursing moms", "kidney disease" -> "renal impairment") and the members of a class
    it names ("strong CYP3A4 inhibitors" -> "ketoconazole", "nitrates" -> "isosorbide mononitrate")."""
    groups = _groups()
    out = dict.fromkeys(f.terms)
    for t in f.terms:
        out.update(dict.fromkeys(groups.get(t.lower(), ())))
        # "severe kidney disease" brings "severe renal impairment", "severe kidney impairment"
        degree, _, rest = t.lower().partition(" ")
        if degree in _DEGREES and rest in groups:
            out.update(dict.fromkeys(f"{degree} {w}" for w in groups[rest]))
    if f.type in ("dose_adjust", "not_for", "interval"):
        out.update(dict.fromkeys(_member_names(f.terms, f.drug, members)))
    return list(out)


def _member_names(words: tuple[str, ...], own: str, members: dict[str, dict[str, frozenset[str]]]) -> list[str]:
    """The names of the other drugs that belong to each class among ``words``."""
    return [n for w in words for drug_id, names in members.get(_class_key(w), {}).items() if drug_id != own
            for n in sorted(names)]


def _class_key(term: str) -> str:
    """'Opioids', 'an opioid' and 'opioid' name one class."""
    t = term.lower().strip()
    for article in ("an ", "a "):
        if t.startswith(article):
            t = t[len(article):]
    return t[:-1] if t.endswith("s") and not t.endswith("ss") else t


@lru_cache(maxsize=1)
def _bundled_classes() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    data = json.loads(CLASSES_FILE.read_text(encoding="utf-8"))
    return tuple((tuple(g["names"]), tuple(g["members"])) for g in data["classes"])


def _class_members(fb: FactBase) -> dict[str, dict[str, frozenset[str]]]:
    """Class word -> {drug id ('' for the bundled list of other drugs): its names}. A label warns about
    "opioids" or "MAO inhibitors"; pages name the drug ("Percocet", "phenelzine"). Members come from the fact
    files' class facts, the drug dictionary's class of each drug, then the bundled list for the rest."""
    from ..drugs import dictionary

    out: dict[str, dict[str, frozenset[str]]] = {}

    def add(key: str, drug_id: str, names: frozenset[str]) -> None:
        slot = out.setdefault(_class_key(key), {})
        slot[drug_id] = slot.get(drug_id, frozenset()) | names

    for d in fb.drugs.values():
        names = frozenset(n.lower() for n in (d.id, d.generic, *d.brands) if n)
        for f in d.facts:
            if f.type == "class":
                for t in f.terms:
                    add(t, d.id, names)
    by_class: dict[str, dict[str, frozenset[str]]] = {}
    for drug in dictionary().drugs.values():
        if drug.drug_class:
            by_class.setdefault(_class_key(drug.drug_class), {})[drug.id] = frozenset(
                n.lower() for n in (drug.generic, *drug.brands) if n)
    for key, drugs in by_class.items():
        for drug_id, names in drugs.items():
            add(key, drug_id, names)
    # A bundled group also names the class's other words ("benzos", "CNS depressants"): the dictionary's
    # drugs of that class count under each of them.
    for group, members in _bundled_classes():
        keys = {_class_key(n) for n in group}
        for n in group:
            add(n, "", frozenset(members))
            for key in keys:
                for drug_id, names in by_class.get(key, {}).items():
                    add(n, drug_id, names)
    return out


_IRREGULAR = {"give": ("gave", "given"), "take": ("took", "taken"), "break": ("broke", "broken"), "shoot": ("shot",)}


def _verb_forms(verb: str) -> list[str]:
    """A verb's forms ("crush" -> crushes, crushed, crushing; "dissolve" -> dissolving; "cut" -> cutting)."""
    forms = {verb, plural(verb), past(verb), gerund(verb), *_IRREGULAR.get(verb, ())}
    if gerund(verb).endswith(verb[-1] * 2 + "ing"):
        forms.add(verb + verb[-1] + "ed")  # "wet" -> "wetted", like "wetting"
    return sorted(forms, key=len, reverse=True)


def _actions_regex(terms: tuple[str, ...]) -> re.Pattern[str]:
    """Actions a label forbids, the first word in any of its forms ("crush" meets "crushing", "inject into a
    vein" meets "injected into a vein")."""
    alts = []
    for t in sorted({t.lower() for t in terms}, key=len, reverse=True):
        first, _, rest = t.partition(" ")
        body = "(?:" + "|".join(map(re.escape, _verb_forms(first))) + ")"
        if rest:
            body += r"[\s-]+" + re.escape(rest).replace(r"\ ", r"[\s-]+")
        alts.append(body)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(alts)})(?![\w])")


#: Pages deny a side effect with its adjective ("won't make you drowsy"); labels name the noun.
_ADJECTIVES = {"drowsiness": ("drowsy",), "sleepiness": ("sleepy",), "somnolence": ("drowsy", "sleepy"),
               "dizziness": ("dizzy",), "tiredness": ("tired",), "grogginess": ("groggy",), "sedation": ("sedated",),
               "next-day impairment": ("groggy",), "confusion": ("confused",), "constipation": ("constipated",)}


def _terms(f: Fact) -> tuple[str, ...]:
    if f.type not in ("risk", "boxed_warning"):
        return f.terms
    out = dict.fromkeys(f.terms)
    for t in f.terms:
        out.update(dict.fromkeys(_ADJECTIVES.get(t.lower(), ())))
    return tuple(out)


#: The short names pages give a class: a z-drug "is basically a benzo" says it is a benzodiazepine.
_CLASS_SHORT = {"benzodiazepine": ("benzo", "a benzo", "benzos"), "a benzodiazepine": ("a benzo",),
                "barbiturate": ("barb", "barbs"), "non-opioid": ("non-narcotic", "nonnarcotic", "non-opiate")}


def _class_words(words: tuple[str, ...]) -> tuple[str, ...]:
    out = dict.fromkeys(words)
    for w in words:
        out.update(dict.fromkeys(_CLASS_SHORT.get(w.lower(), ())))
    return tuple(out)


def _agents(f: Fact, members: dict[str, dict[str, frozenset[str]]]) -> tuple[str, ...]:
    out = dict.fromkeys(f.agents)
    if any(a.lower() == "alcohol" for a in f.agents):
        out.update(dict.fromkeys(_ALCOHOL_WORDS))
    out.update(dict.fromkeys(_member_names(f.agents, f.drug, members)))
    # a label warns about "MAO inhibitors"; a page about "an MAO inhibitor"
    out.update(dict.fromkeys(a[:-1] for a in f.agents if _PLURAL.search(a)))
    return tuple(out)


#: A plural class word whose singular is the same word less its "s" ("opioids", "mao inhibitors", "ssris").
_PLURAL = re.compile(r"[a-z]{3}(?<!s)s$")


def _products(f: Fact) -> re.Pattern[str] | None:
    """The products a fact is limited to, as one pattern (None: every product of the drug)."""
    products = f.extra.get("products")
    return _words_regex(list(products)) if products else None


def build_index(fb: FactBase) -> FactIndex:
    import ahocorasick

    from ..drugs import dictionary

    auto = ahocorasick.Automaton()
    entries: dict[str, list[tuple[str, Fact, str]]] = {}
    drugs: dict[str, DrugIndex] = {}
    members = _class_members(fb)
    for d in fb.drugs.values():
        di = DrugIndex(drug=d)
        key_terms: list[str] = []
        agents: set[str] = set()
        not_for: list[tuple[re.Pattern[str], Fact, re.Pattern[str] | None]] = []
        dose_adjust: list[tuple[re.Pattern[str], Fact]] = []
        direction: list[tuple[MeasureMatcher, Fact]] = []
        administration: list[tuple[re.Pattern[str], Fact, re.Pattern[str] | None]] = []
        doses: list[tuple[Fact, re.Pattern[str] | None]] = []
        gaps: list[tuple[re.Pattern[str], Fact]] = []
        food: list[tuple[Fact, re.Pattern[str] | None]] = []
        frequency: list[tuple[Fact, re.Pattern[str] | None]] = []
        duration: list[Fact] = []
        targets: list[tuple[re.Pattern[str], re.Pattern[str], Fact]] = []
        for f in d.facts:
            # Naming the group is no claim ("Ozempic and type 1 diabetes"); only a cue next to it is.
            if f.type == "not_for":
                not_for.append((_words_regex(_group_terms(f, members)), f, _products(f)))
                continue
            if f.type == "dose_adjust":
                dose_adjust.append((_words_regex(_group_terms(f, members)), f))
                continue
            if f.type == "administration":
                administration.append((_actions_regex(f.terms), f, _products(f)))
                continue
            if f.type == "direction":
                direction.append((measure_matcher(f.terms), f))
                continue
            if f.type == "interval":
                gaps.append((_words_regex(_group_terms(f, members)), f))
                continue
            if f.type == "dose":
                # a dose for one use ("panic disorder") is limited to sentences naming the use, as a product's is
                doses.append((f, _words_regex(list(f.extra["when"])) if f.extra.get("when") else _products(f)))
                continue
            if f.type == "food":
                food.append((f, _products(f)))
                continue
            if f.type == "frequency":
                frequency.append((f, _products(f)))
                continue
            if f.type == "duration":
                duration.append(f)
                continue
            if f.type == "targets":
                wrong = tuple(t.lower() for t in f.false_terms)
                targets.append((measure_matcher(wrong).hint, acting_on(wrong), f))
                continue
            agent_words = _agents(f, members) if f.type == "interaction" else ()
            false_terms = _class_words(f.false_terms) if f.type == "class" else f.false_terms
            for role, terms in ((SUPPORT, _terms(f)), (FALSE, false_terms), (AGENT, agent_words)):
                for t in terms:
                    entries.setdefault(t.lower(), []).append((d.id, f, role))
            if f.predicates:
                when = _words_regex(list(f.extra["when"])) if f.extra.get("when") else None
                di.predicates.append(PredicateMatcher(f, SUPPORT if f.type != "false_claim" else FALSE, _alt_source(_resolve(fb, f.predicates)), when))
            if f.false_predicates:
                di.predicates.append(PredicateMatcher(f, FALSE, _alt_source(_resolve(fb, f.false_predicates))))
            if f.type == "half_life" and di.half_life is None:
                di.half_life = f
            if f.type == "schedule":
                di.schedule = f
                di.schedule_products = tuple((k, _words_regex(list(v)))
                                             for k, v in f.extra.get("product_schedules", {}).items())
            if f.type == "potency":
                di.potency = f
            if f.key and f.type in ("risk", "interaction"):
                key_terms.extend(f.terms)
            if f.type == "boxed_warning":
                key_terms.extend(t for t in f.terms if t not in ("death", "deaths", "coma", "boxed warning", "black box warning"))
            if f.type == "interaction":
                agents.update(a.lower() for a in f.agents)
            if f.type == "indication" and f.extra.get("curative"):
                di.curative = True
        di.key_risk_terms = tuple(dict.fromkeys(key_terms))
        di.key_risk = _words_regex(key_terms)
        di.risk_words = frozenset(w for f in d.facts if f.type in ("risk", "boxed_warning") for t in f.terms for w in t.lower().split())
        di.agents = frozenset(agents)
        di.not_for = tuple(not_for)
        di.dose_adjust = tuple(dose_adjust)
        di.direction = tuple(direction)
        di.administration = tuple(administration)
        di.doses = tuple(doses)
        di.intervals = tuple(gaps)
        di.food = tuple(food)
        di.frequency = tuple(frequency)
        di.duration = tuple(duration)
        di.targets = tuple(targets)
        di.classes = frozenset(t.lower() for f in d.facts if f.type == "class" for t in _terms(f))
        drugs[d.id] = di
    # Hyphens and spaces are one separator to the automaton (see checker._term_hits): "birth-control pill" and
    # "birth control pill" become one key, each (drug, fact, role) once.
    merged: dict[str, dict[tuple[str, str, str], tuple[str, Fact, str]]] = {}
    for term, vals in entries.items():
        slot = merged.setdefault(term.replace("-", " "), {})
        for drug_id, fact, role in vals:
            slot.setdefault((drug_id, fact.id, role), (drug_id, fact, role))
    for term, vals in merged.items():
        auto.add_word(term, (len(term), tuple(vals.values())))
    automaton = None
    if entries:
        auto.make_automaton()
        automaton = auto
    # Names the shared drug dictionary does not list (drugs from user fact files, newer brands in a fact
    # file) get their own matcher.
    known = dictionary()
    extra = ahocorasick.Automaton()
    n_extra = 0
    for d in fb.drugs.values():
        for kind, names in (("generic", (d.generic, d.id)), ("brand", (*d.brands, *d.other))):
            for n in names:
                key = n.lower().strip()
                if key and known.resolve(key) is None:
                    extra.add_word(key, (len(key), d.id, kind))
                    n_extra += 1
    # Names as patients misspell them ("flexaril", "klonipin"), for drugs the facts know
    for spelling, drug_id in misspellings().items():
        if drug_id in fb.drugs and not extra.exists(spelling):
            extra.add_word(spelling, (len(spelling), drug_id, "misspelling"))
            n_extra += 1
    if n_extra:
        extra.make_automaton()
    return FactIndex(drugs=drugs, automaton=automaton, extra_names=extra if n_extra else None)
