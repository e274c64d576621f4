"""Doses stated as numbers: "the most you can take is 40 mg a day", "Ozempic starts at 0.25 mg once a week",
"it's safe to take 100 mg", "never take more than 4 mg a day".

This module only reads a sentence: each amount in milligrams with the period it is given for (a day, a week,
one dose) and what the sentence says the amount is (the maximum, the starting dose, the usual dose, an
amount called safe). ``judge`` compares one such amount with a ``dose`` fact's ranges. Amounts without any
of those cues ("2 mg tablets", "she swallowed 60 mg") are no claim about the label's dose, and amounts per
kilogram of body weight are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .halflife import NUMBER_WORDS
from .lexicon import NT

MAX, START, USUAL, PERMIT = "max", "start", "usual", "permit"

#: The half-life parser's number words, and the tens it does not need.
_NUM_WORDS = {**{w: v for w, v in NUMBER_WORDS.items() if isinstance(v, int)}, "eighty": 80, "ninety": 90}
_NUM = r"\d{1,3}(?:,\d{3})+|\d*\.\d+|\d+|" + "|".join(sorted(_NUM_WORDS, key=len, reverse=True))
_UNIT = r"(?P<unit>mg|milligrams?|mcg|µg|micrograms?|g|grams?)"
AMOUNT = re.compile(
    rf"(?<![\w.,])(?P<a>{_NUM})(?:\s*(?:-|–|to|or)\s*(?P<b>{_NUM}))?\s*{_UNIT}(?!\w)(?!\s*(?:/|per|a|each|for\s+each)\s*(?:kg|kilo\w*|pounds?|lbs?)\b)"
)
#: Milligrams per unit.
_MG = {"mg": 1.0, "milligram": 1.0, "milligrams": 1.0, "mcg": 0.001, "µg": 0.001, "microgram": 0.001, "micrograms": 0.001,
       "g": 1000.0, "gram": 1000.0, "grams": 1000.0}

# The period an amount is given for, right after it ("40 mg a day", "2 mg once weekly", "10 mg at a time").
_PERIOD = re.compile(
    r"\s{0,20}(?:(?:of|in)\s+(?:[\w-]+\s+){0,2}?)?(?:taken\s+|given\s+|injected\s+)?"
    r"(?:(?P<times>once|twice|thrice|(?:two|three|four|2|3|4)\s+times)\s+)?(?:"
    r"(?P<day>(?:a|per|each|every|/|in\s+a|in\s+one)\s*(?:day|24[- ]hours?|night)|daily|/d\b|nightly|a\s+night|at\s+bedtime)|"
    # "60 mg every 4 hours" is six doses a day; of a range ("50 to 100 mg every 4 to 6 hours, at most 400 mg a day")
    # the longer gap, as labels that give a range cap the day below what the shorter gap would allow
    r"(?P<everyh>every\s+(?P<nh>[1-9]|1[0-2]|two|three|four|six|eight|twelve)(?:\s*(?:-|–|to|or)\s*(?P<nh2>[1-9]|1[0-2]|three|four|five|six|eight|twelve))?\s+hours?\b)|"
    r"(?P<week>(?:a|per|each|every|/)\s*week|weekly)|"
    r"(?P<month>(?:a|per|each|every|/)\s*month|monthly|every\s+(?:4|four)\s+weeks|every\s+28\s+days)|"
    # a patch's rate ("20 mcg/hour", "12 mcg per hr"): compared only with a per-hour fact
    # "... about an hour before your shift" is a time, not a rate
    r"(?P<hour>(?:/\s*|per\s+|an\s+|each\s+)(?:hour|hr)\b(?!\s+(?:before|after|later|earlier|ago|prior|beforehand|or\b|"
    r"into|from|until|to\b|of\b|apart))|/h\b)|"
    r"(?P<dose>at\s+(?:a|one|any\s+one)\s+time|per\s+dose|(?:in\s+)?(?:a|each|one)\s+(?:single\s+)?dose|in\s+one\s+go|all\s+at\s+once))"
)
# What the sentence says the amount is, before it in the same clause. A hard cue names a limit outright;
# a soft one ("up to", "safe to take") can also introduce a story about harm ("taking up to 40 mg killed ...").
_MAX_HARD = (r"\bmax(?:imum|imal)?\b|\bmax(?:es|ed)\s+out\b|\bto(?:ps?|pped)\s+out\b|\bhighest\b|\btop\s+dose\b|\bupper\s+limit\b|\blimit(?:ed|s)?\b|\bcap(?:ped|s)?\b|"
             r"\bceiling\b|\bthe\s+most\b|\bmost\s+(?:you|i|anyone|one|a\s+person|people|patients|adults)\b|"
             r"(?:\b(?:no|not|never)|" + NT + r")\s+(?:\w+\s+){0,4}?(?:more\s+than|over|above|beyond|past|higher\s+than|exceed(?:s|ed|ing)?)\s+(?:a\s+total\s+of\s+)?(?:\w+\s+)?$|"
             r"\bexceed(?:s|ing)?\s+(?:a\s+total\s+of\s+)?$|"
             # the question an answer completes: "how high can the dose go: 2 mg", "how much can you take a day: 40 mg"
             r"\bhow\s+(?:high|much|many)\s+(?:[\w'’-]+\s+){0,4}?(?:can|could|may|should)\b")
_MAX_SOFT = (r"\bup\s+to\s+(?:about\s+)?$|\bas\s+(?:much|high)\s+as\s+$|\bgo\s+(?:as\s+high\s+as|up\s+to)\s+$|"
             r"\b(?:push|pushed|raise[sd]?|increase[sd]?|titrated?|bump(?:ed)?)\s+(?:up\s+)?to\s+$")
_START = (r"\bstart(?:s|ed|ing)?\b|\bbegin(?:s|ning)?\b|\bbegan\b|\binitial(?:ly)?\b|\bfirst\s+(?:[\w-]+\s+)?(?:dose|week|month|day)s?\b|"
          r"\bat\s+first\b|\bkick(?:s|ed)?\s+off\b|\bopening\s+dose\b")
_USUAL = (r"\bdos(?:e|age|ing)\s*:\s*$|"  # a fact box's field: "Dose: 380 mg"
             r"\b(?:usual|typical|standard|normal|recommended|regular|common|maintenance|target|therapeutic|average|"
          r"prescribed|daily|right|correct|proper|ideal|effective)\s+(?:\w+\s+){0,2}?(?:dose|dosage|dosing|amount|strength)s?\b|\bdos(?:e|ed|age)\s+(?:is|of|at)\b|"
          r"\b(?:prescribed|taken|given|dosed|injected|used)\s+(?:at|as)\s+(?:a\s+)?$|\bprescribed\s+$|\b(?:usually|typically|normally|generally)\s+(?:\w+\s+){0,3}?$|"
          # "patients end up on 140 mg a day": the dose people are kept on
          r"\b(?:end(?:s|ed)?\s+up|stay(?:s|ed)?|kept|maintained)\s+on\s+$")
_PERMIT = (r"\b(?:safe(?:ly)?|fine|okay|ok|alright|allowed|perfectly\s+normal)\s+(?:\w+\s+){0,3}?(?:to\s+)?(?:take|use|have|go|pop|dose)\b|"
           r"\b(?:can|could|may)\s+(?:safely\s+|easily\s+|still\s+)?(?:take|use|have|go|pop|double|bump)\b|"
           r"\b(?:take|use|pop)\s+(?:\w+\s+){0,2}?$")
_START_WORD = re.compile(r"start|initial|first|begin")
_CUES = re.compile(
    rf"(?P<max>{_MAX_HARD})|(?P<soft>{_MAX_SOFT})|(?P<start>{_START})|(?P<usual>{_USUAL})|(?P<permit>{_PERMIT})"
)
# "... 4 mg a day is the maximum", "10 mg is the starting dose" (read with ``match`` at the end of the amount).
_CUE_AFTER = re.compile(
    # "80 mg of OxyContin is a reasonable first dose": the drug named between the amount and its cue
    # "a 25 mg starting dose of sildenafil": the amount names the dose it is
    r"[ \t]{1,3}(?P<start3>start(?:ing)?[ \t]+dose|initial[ \t]+dose|on[ \t]+(?:day[ \t]+(?:one|1)|the[ \t]+first[ \t]+day))\b|"
    r"\)?\s{0,20}(?:of\s+(?:[\w'’-]+\s+){1,3}?)?(?:(?:is|as|was|being|are|,)\s+(?:just\s+|simply\s+|pretty\s+)?(?:the\s+|your\s+|its\s+|an?\s+)?(?:absolute\s+|daily\s+|recommended\s+|label(?:led)?\s+|official\s+|safe\s+|usual\s+|typical\s+|"
    r"good\s+|sensible\s+|reasonable\s+|normal\s+|common\s+|standard\s+|acceptable\s+|approved\s+|allowed\s+|top\s+approved\s+)?"
    r"(?:(?P<max>max(?:imum)?|limit|most|ceiling|upper\s+limit|cap|top\s+dose)|(?P<start>start(?:ing)?\s+(?:dose|point|tablet|pill|capsule|amount)|initial\s+dose|first(?:[- ]day)?\s+(?:[\w-]+\s+)?dose)|"
    r"(?P<usual>usual|typical|standard|normal|recommended)\b)|(?P<max2>max(?:imum)?)\b|"
    # "... is within the label limit", "... is perfectly safe": an amount called allowed
    r"(?:is|are|was|stays?|falls?)\s+(?:well\s+|still\s+|perfectly\s+|totally\s+|completely\s+)?(?:within\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?"
    r"(?:limits?|range|max(?:imum)?|dos(?:e|ing)|guidelines?)|safe|fine|okay|ok|alright)\b)"
)
_CLAUSE_BREAK = re.compile(r"(?<!\d)\.|\.(?!\d)|[;!?]|\bbut\b|\bthen\b|\bwhile\b|\bwhereas\b|\bunlike\b|\bcompared\b|\bversus\b|\bvs\b")
#: Harm told as a story ("she took 60 mg and ended up in the ER"): soft cues and usual doses say nothing there.
#: "ER" is the emergency room only after an article or "to": "OxyContin ER" is a product.
_HARM = re.compile(r"overdos|\bdie[sd]?\b|death|fatal|\bkill|hospital|\b(?:the|an|to)\s+er\b|emergency|poison|toxic|lethal|too\s+much|"
                   r"dangerous|seizures?|\bod\b|\bod['’]?d\b|\bwarn")
_WINDOW = 80
#: What a dose comes in, for counting ("twelve tablets") and for telling a dose from other things; the
#: frequency reader uses the same words.
UNIT_NOUNS = r"tablets?|tabs?|pills?|capsules?|caps?|patch(?:es)?|pens?|films?|strips?|shots?|injections?|jabs?|lozenges?|sprays?|doses?"
#: "twelve 50 mg tablets", "two 150 mg Nuvigil tablets": a count before a strength, with the units after it.
_COUNT_BEFORE = re.compile(rf"(?<![\w.,])(?P<k>{_NUM})\s+(?:x\s+)?$")
_UNITS_AFTER = re.compile(rf"\s{{1,3}}(?:[\w-]+\s+){{0,2}}?(?:{UNIT_NOUNS})\b")
_TIMES = {"once": 1, "twice": 2, "thrice": 3, "two": 2, "three": 3, "four": 4, "2": 2, "3": 3, "4": 4}


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    lo_mg: float
    hi_mg: float
    period: str | None  # "day", "week", "month", "dose", "hour" (a patch's rate) or None when the sentence gives none
    cue: str  # MAX, START, USUAL or PERMIT
    hard: bool  # the cue names a limit outright


_HOUR_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "eight": 8, "twelve": 12}


def number(text: str, words: Mapping[str, float] = _NUM_WORDS) -> float | None:
    """A number written in digits ("1,800", ".5") or as one of ``words``."""
    t = text.replace(",", "")
    if t in words:
        return float(words[t])
    try:
        return float(t)
    except ValueError:
        return None


def amounts(s: str) -> list[Amount]:
    """Every amount in the lower-cased sentence ``s`` that the sentence calls a maximum, a starting dose, a
    usual dose or safe, with its period."""
    out: list[Amount] = []
    found = list(AMOUNT.finditer(s))
    prev_end = 0
    for m in found:
        a, b = number(m.group("a")), number(m.group("b")) if m.group("b") else None
        if a is None or a <= 0:
            prev_end = m.end()
            continue
        k = _MG[m.group("unit")]
        lo, hi = a * k, (b if b is not None else a) * k
        if hi < lo:
            lo, hi = hi, lo
        # "six 10 mg tablets a day" is 60 mg a day: the count multiplies the strength, and the period follows the units
        tail = m.end()
        counted = _COUNT_BEFORE.search(s, max(0, m.start() - 12), m.start())
        units = _UNITS_AFTER.match(s, m.end()) if counted else None
        if counted and units and b is None:
            n = number(counted.group("k"))
            if n is not None and 1 < n <= 30 and n == int(n):
                lo, hi, tail = lo * n, hi * n, units.end()
        pm = _PERIOD.match(s, tail)
        period = next((g for g in ("day", "week", "month", "dose", "hour") if pm and pm.group(g)), None)
        times = _TIMES.get((pm.group("times") or "once").split()[0]) if pm else 1
        if pm and pm.group("everyh") and not pm.group("times"):
            gap = number(pm.group("nh2") or pm.group("nh"), _HOUR_WORDS)
            period, times = ("day", int(24 // gap)) if gap else (None, 1)
        cue, hard = _cue(s, max(prev_end, m.start() - _WINDOW), m.start(), pm.end() if pm else tail)
        prev_end = m.end()
        if cue is None:
            continue
        # "10 mg three times a day" is 30 mg a day; a starting dose is read per dose, as labels give it
        if cue != START and period in ("day", "week") and times:
            lo, hi = lo * times, hi * times
        out.append(Amount(m.start(), m.end(), lo, hi, period, cue, hard))
    return out


#: A total restated in an aside ("twelve 50 mg tablets a day (600 mg) is ...", "three 350 mg tablets, 1,050 mg, is ...").
_ASIDE_TOTAL = re.compile(r"\s{0,3}[(,]\s{0,3}(?:about\s+|or\s+|so\s+|=\s{0,3})?\d[\d.,]{0,8}\s{0,3}(?:mg|mcg|milligrams?)(?:\s+(?:a|per)\s+day)?\s{0,3}[),]")


def _cue(s: str, w0: int, a0: int, a1: int) -> tuple[str | None, bool]:
    aside = _ASIDE_TOTAL.match(s, a1)
    after = _CUE_AFTER.match(s, aside.end() if aside else a1)
    if after is not None:
        if after.group("max") or after.group("max2"):
            return MAX, True
        return (START if after.group("start") or after.group("start3") else USUAL), True
    window = s[w0:a0]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    if breaks:
        window = window[breaks[-1].end():]
    cues = list(_CUES.finditer(window))  # the cue nearest the amount is the one that governs it
    if not cues:
        return None, False
    last = cues[-1]
    kind = last.lastgroup
    if kind == "max":
        return MAX, True
    if kind == "soft":
        return MAX, False
    if kind == "start":
        return START, True
    if kind == "usual":
        # "the usual starting dose is", "typically starts at", "the first methadone dose is"
        start = _START_WORD.search(last.group()) or (len(cues) > 1 and cues[-2].lastgroup == "start")
        if not start and len(cues) > 1 and cues[-2].lastgroup == "max" and last.start() - cues[-2].end() <= 25:
            # "the highest Zepbound dose is", "max daily dose:": the dose named right after a limit is the limit
            return MAX, True
        return (START if start else USUAL), True
    return PERMIT, False


def harm_told(s: str) -> bool:
    return _HARM.search(s) is not None


_DAYS = {"day": 1, "week": 7, "month": 30}


def _scaled(amount: Amount, per: str) -> tuple[float, float]:
    """The stated amount in the fact's period; an amount for one dose, or with no period, stays as it is (a
    single dose above the whole day's maximum is over it either way)."""
    if amount.period in (None, "dose") or amount.period == per:
        return amount.lo_mg, amount.hi_mg
    k = _DAYS[per] / _DAYS[amount.period]
    return amount.lo_mg * k, amount.hi_mg * k


#: A stated amount this far over the label's highest maximum (or further) is wrong, not a rounding or a product the fact missed.
OVER = 1.5
#: A limit named outright ("the maximum is", "never more than") this far over the label's highest maximum is
#: wrong: a looser margin than ``OVER`` because the sentence leaves no doubt that it states the maximum.
MAX_OVER = 1.25
#: A stated starting dose this many times the label's highest starting dose is wrong.
START_OVER = 2.0


def comparable(amount: Amount, value: dict[str, Any]) -> bool:
    """Whether a dose fact's value speaks of the stated amount at all. A patch's rate and an amount taken
    are different quantities: "20 mcg/hour" says nothing of a daily maximum in milligrams, and "40 mg a
    day" nothing of a patch. An amount with no period may be either."""
    return amount.period is None or (amount.period == "hour") == (value["per"] == "hour")


def judge(amount: Amount, value: dict[str, Any]) -> tuple[str | None, str]:
    """(verdict or None, note) for one stated amount against a dose fact's value: ``max`` and ``start`` are
    [low, high] ranges in ``unit`` per ``per`` (day, week, month or hour)."""
    k = _MG[value["unit"]]
    per = value["per"]
    if not comparable(amount, value):
        return None, ""
    lo, hi = _scaled(amount, per)
    mx = value.get("max")
    st = value.get("start")
    max_lo, max_hi = (mx[0] * k, mx[1] * k) if mx else (None, None)
    st_lo, st_hi = (st[0] * k, st[1] * k) if st else (None, None)

    rate = "/hour" if per == "hour" else ""

    def fmt(x: float) -> str:
        return f"{x / k:g} {value['unit']}{rate}"

    stated = fmt(hi) if lo == hi else f"{fmt(lo)}-{fmt(hi)}"
    label_max = f"label maximum {fmt(max_lo)}" + ("" if max_lo == max_hi else f"-{fmt(max_hi)}") + ("" if rate else f" a {per}") if mx else ""
    if max_hi is not None and hi >= OVER * max_hi:  # over the maximum, whatever the cue
        return "contradicted", f"stated {stated}; {label_max}"
    if amount.cue == MAX and max_hi is not None and amount.period != "dose":
        if amount.hard and hi >= MAX_OVER * max_hi:
            return "contradicted", f"stated maximum {stated}; {label_max}"
        if 0.5 * max_lo <= hi <= 1.1 * max_hi:
            return "supported", f"stated maximum {stated}; {label_max}"
        return None, ""
    if amount.cue == START and st_hi is not None:
        note = f"stated start {stated}; label starting dose {fmt(st_lo)}" + ("" if st_lo == st_hi else f"-{fmt(st_hi)}")
        if lo >= START_OVER * st_hi:
            return "contradicted", note
        if 0.75 * st_lo <= lo <= st_hi:
            return "supported", note
        return None, ""
    if amount.cue in (USUAL, PERMIT) and max_hi is not None:
        floor = 0.75 * (st_lo if st_lo is not None else max_lo / 8)
        if floor <= lo and hi <= 1.1 * max_hi:
            return "supported", f"stated {stated}; within the label's doses ({label_max})"
    return None, ""
