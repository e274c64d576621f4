"""Food and water instructions: "take ivermectin with a fatty meal" (the label says on an empty stomach),
"Mounjaro only works on an empty stomach" (with or without meals), "Rybelsus with a full glass of water"
(no more than 4 ounces).

This module only reads a lower-cased sentence: each place where it relates taking the drug to food (with
food, on an empty stomach, with or without food) or gives an amount of water, and how the sentence puts it:
as an instruction or a permission ("take it with a meal", "you can take it with food"), as a requirement
("must", "only works"), as harm ("a heavy meal slows it down", which advises the other way), or only as a
description ("absorption rises with a fatty meal", which advises nothing). ``judge`` compares one reading
with a ``food`` fact.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .dose import number
from .halflife import NUMBER_WORDS
from .lexicon import NT, asks

WITH, WITHOUT, ANY = "with", "without", "any"

_MEAL = (r"(?:food|meals?|breakfast|lunch|dinner|supper|snacks?|something\s+to\s+eat|a\s+bite\s+to\s+eat|"
         r"(?:a\s+(?:glass|cup)\s+of\s+)?milk)")
_SIZE = (r"(?:(?:light|small|big|large|heavy|full|fatty|high[- ]fat|low[- ]fat|greasy|hearty|good|proper|substantial|decent|rich|"
         r"evening|morning|night|first|main|largest|normal|regular|usual)(?:\s*,\s*|\s+)){0,2}")
_OWNER = r"(?:(?:a|an|your|some|the|any|his|her|their|my)\s+)?"
# "with or without food" and its kin: the label's "no matter".
_ANY = (r"\bwith\s+or\s+without\s+(?:food|meals?|a\s+meal|eating)\b|\bwithout\s+regard\s+to\s+(?:food|meals?)\b|"
        r"\bregardless\s+of\s+(?:food|meals?|when\s+you\s+(?:eat|ate))\b|\b(?:empty\s+or\s+(?:a\s+)?full|full\s+or\s+(?:an\s+)?empty)\s+stomach\b|"
        r"\b(?:food|meals?|eating)\s+(?:\w+\s+){0,2}?(?:does(?:n['’]?t|\s+not)|won['’]?t|will\s+not|has\s+no|have\s+no)\s+(?:\w+\s+)?"
        r"(?:affect|effect|impact|matter|change|slow|reduce|interfere)\w*|"
        r"\b(?:does(?:n['’]?t|\s+not)|won['’]?t)\s+matter\s+(?:if|whether)\s+you(?:['’]ve)?\s+(?:eat|eaten|ate|had\s+food)\b")
_WITHOUT = (r"\bon\s+an\s+empty\s+stomach\b|\bwithout\s+(?:any\s+)?(?:food|a\s+meal|meals|eating)\b|"
            r"\bbefore\s+(?:you\s+eat|eating|(?:any|your\s+first|the\s+first)\s+(?:food|meal)|" + _OWNER + _SIZE + _MEAL + r")|"
            r"\baway\s+from\s+(?:food|meals)\b|\bfasting\b|\bon\s+no\s+food\b|"
            r"\b(?:an?|one|two|three|\d+)\s+(?:\w+\s+)?(?:hours?|hrs?)\s+after\s+(?:eating|" + _OWNER + _SIZE + _MEAL + r")")
_WITH = (r"\bon\s+a\s+full\s+stomach\b|\b(?:with|alongside|during|together\s+with)\s+" + _OWNER + _SIZE + _MEAL + r"|"
         r"(?<!hours\s)(?<!hour\s)\bafter\s+(?:you(?:['’]ve)?\s+(?:eat|eaten|ate)|eating|" + _OWNER + _SIZE + r"(?:food|meals?|breakfast|lunch|dinner|supper))")
_MEALS = re.compile(rf"(?P<any>{_ANY})|(?P<without>{_WITHOUT})|(?P<with>{_WITH})")
#: Drinks other than water, for facts whose label counts them as food (Rybelsus: "food, beverage").
_DRINK = re.compile(r"\b(?:with|alongside|and)\s+(?:a\s+|your\s+|some\s+)?(?:morning\s+|cup\s+of\s+|glass\s+of\s+)?"
                    r"(?:coffee|tea|juice|orange\s+juice|soda|a\s+drink|smoothie|protein\s+shake)\b")

_NUM_WORDS = {w: v for w, v in NUMBER_WORDS.items() if isinstance(v, int)}
_NUM = r"\d+(?:\.\d+)?|" + "|".join(sorted(_NUM_WORDS, key=len, reverse=True))
#: Water amounts: "4 ounces", "120 ml", "a full glass" (8 fl oz), "a sip"; "plenty"/"lots" read as a large glass.
_WATER = re.compile(
    rf"(?<![\w.])(?P<n>{_NUM})\s*(?:-|to)?\s*(?:(?P<oz>ounces?|oz|fl\.?\s*oz)|(?P<ml>ml|millilit(?:er|re)s?))\s+(?:of\s+)?(?:plain\s+)?water\b|"
    r"(?P<glass>(?:a|one)\s+(?:full|large|big|tall|whole)\s+glass|(?:a\s+)?(?:big|large)\s+bottle|plenty|lots|a\s+lot)\s+of\s+(?:plain\s+)?water\b|"
    r"(?P<sip>(?:a\s+)?(?:sip|small\s+sip|mouthful|splash|little)|half\s+a\s+(?:cup|glass))\s+of\s+(?:plain\s+)?water\b")
_WATER_LIMIT = re.compile(r"\b(?:no|not|never)\s+(?:\w+\s+){0,2}?(?:more\s+than|over|above)\s+$|\b(?:up\s+to|at\s+most|only|just|max(?:imum)?)\s+$")
_OZ_PER_ML = 1 / 29.5735
_GLASS_OZ, _SIP_OZ = 8.0, 1.0

# How the relation is put, read in its clause.
_NEG = re.compile(r"\b(?:not|never|avoid\w*)\b(?!\s+(?:more|less|only|just|later)\b)|" + NT + r"\b")
_NOT_NEEDED = re.compile(r"(?:\bno|\bnot|" + NT + r"|\bnever)\s+(?:\w+\s+){0,2}?(?:need\w*|have\s+to|has\s+to|necessary|required|must)\b")
_MUST = re.compile(r"\b(?:must|have\s+to|has\s+to|need(?:s|ed)?\s+to|needs|only|always|required|requires?|should|ought\s+to|"
                   r"make\s+sure|be\s+sure|essential|never)\b|\b(?:won['’]?t|will\s+not|does(?:n['’]?t|\s+not)|can['’]?t|cannot)\s+work\b")
_TOLD = re.compile(r"\b(?:take|taken|taking|takes|swallow\w*|pop|use|used|inject\w*|dose|dosed|given|have\s+it|"
                   r"must|should|need|have\s+to|has\s+to|always|only|best|ideally|recommend\w*|advis\w*|make\s+sure|be\s+sure|try\s+to)\b")
_PERMIT = re.compile(r"\b(?:can|could|may|fine|ok|okay|alright|safe|allowed|free\s+to|no\s+problem)\b")
_IMPERATIVE = re.compile(r"^\W*(?:and\s+|then\s+|so\s+|always\s+|just\s+)?(?:take|swallow|pop|have|use|inject|dose)\b")
#: Harm from the way of taking it ("a heavy meal slows Ambien down"): it advises the other way.
_HARM = re.compile(r"\b(?:slow\w*|delay\w*|weaken\w*|weaker|blunt\w*|reduc\w*|decreas\w*|lower\w*|less\s+effective|"
                   r"(?:won['’]?t|will\s+not|does(?:n['’]?t|\s+not)|may\s+not|might\s+not)\s+work|not\s+work\s+as\s+well|"
                   r"takes?\s+longer|upset\w*|nause\w*|stomach\s+ache|irritat\w*|interfer\w*|ruin\w*|cancel\w*|block\w*)\b")
#: A gain promised for it ("works faster on an empty stomach", "easier on the stomach with food").
_GAIN = re.compile(r"\b(?:faster|quicker|sooner|stronger|better|best|easier|more\s+effective|boosts?|kicks?\s+in)\b")
_ONLY_IF = re.compile(r"\bonly\s+(?:\w+\s+){0,2}?(?:if|when|with|on)\b")
_CLAUSE = re.compile(r"[;:!?()\u2014]|,\s(?:but|so|and|which|because)\s|\s(?:but|because|whereas|although|though|however|so\s+that)\s|\.\s")
_FLIP = {WITH: WITHOUT, WITHOUT: WITH}


@dataclass(frozen=True)
class Meal:
    """One relation of the drug to food in a sentence."""

    start: int
    end: int
    said: str  # WITH, WITHOUT or ANY: what the sentence advises, after negation and harm
    must: bool  # put as a requirement ("must", "only works", "never")
    told: bool  # put as an instruction, a permission or a gain; False: only described


@dataclass(frozen=True)
class Water:
    start: int
    end: int
    oz: float  # the amount of water, in US fluid ounces
    limit: bool  # put as a limit ("no more than 4 ounces"), so any larger amount is not advised


def meals(s: str, drinks: bool = False) -> list[Meal]:
    """Each relation of taking the drug to food in the lower-cased sentence, as the sentence advises it."""
    out = []
    found = [(m.start(), m.end(), m.lastgroup or WITH) for m in _MEALS.finditer(s)]
    if drinks:
        found += [(m.start(), m.end(), WITH) for m in _DRINK.finditer(s)]
    for a, b, kind in sorted(found):
        c0, c1 = _clause(s, a, b)
        before, after = s[c0:a], s[b:c1]
        harm = _HARM.search(before + " " + after) is not None and kind != ANY
        if asks(s, c0, a) and not harm and not _ONLY_IF.search(before):
            continue  # "if you take it with food, ..." leaves it open; "if taken with a meal, it works slower" does not
        said, must = kind, _MUST.search(before) is not None or _MUST.search(after) is not None
        if kind != ANY and _NOT_NEEDED.search(before):
            said, must = ANY, False  # "you don't need to take it with food"
        elif kind != ANY and _NEG.search(before):
            said, must = _FLIP[kind], True  # "never take it on an empty stomach"
        elif harm:
            said = _FLIP[kind]
        told = bool(kind == ANY or harm or must or _TOLD.search(before) or _PERMIT.search(before) or _IMPERATIVE.match(before)
                    or _GAIN.search(before + " " + after))
        out.append(Meal(a, b, said, must, told))
    return out


def waters(s: str) -> list[Water]:
    """Amounts of water the lower-cased sentence takes the drug with."""
    out = []
    for m in _WATER.finditer(s):
        if m.group("n"):
            n = number(m.group("n"), _NUM_WORDS) or 0.0
            oz = n if m.group("oz") else n * _OZ_PER_ML
        else:
            oz = _GLASS_OZ if m.group("glass") else _SIP_OZ
        c0, _ = _clause(s, m.start(), m.end())
        limit = _WATER_LIMIT.search(s[c0:m.start()]) is not None
        out.append(Water(m.start(), m.end(), oz, limit))
    return out


def judge(meal: Meal, value: Mapping[str, Any]) -> tuple[str | None, str]:
    """The verdict a ``food`` fact gives one reading: ``(verdict or None, note)``."""
    want = value["food"]
    label = {WITH: "the label says to take it with food", WITHOUT: "the label says to take it without food",
             ANY: "the label says with or without food"}[want]
    if not meal.told:
        return None, ""
    if meal.said == want:
        return "supported", label
    if want == ANY:
        # Taking it with food (or without) is allowed; only a requirement either way is wrong.
        return ("contradicted", label) if meal.must else (None, "")
    return "contradicted", label


def judge_water(w: Water, value: Mapping[str, Any]) -> tuple[str | None, str]:
    """The verdict on an amount of water for a fact with ``water_oz_max``."""
    most = value.get("water_oz_max")
    if most is None:
        return None, ""
    note = f"the label allows at most {most:g} oz of water"
    if w.oz > 1.5 * most and not w.limit:
        return "contradicted", note
    if w.oz <= most:
        return "supported", note
    return None, ""


def _clause(s: str, a: int, b: int) -> tuple[int, int]:
    c0 = 0
    for m in _CLAUSE.finditer(s, 0, a):
        c0 = m.end()
    nxt = _CLAUSE.search(s, b)
    return c0, nxt.start() if nxt else len(s)
