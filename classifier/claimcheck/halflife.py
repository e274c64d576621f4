"""Half-life claims: numbers with units, 'long'/'short', and comparisons between two drugs' ranges.

A drug's effective duration counts an active metabolite (diazepam's desmethyldiazepam lasts up to
100 h), since pages that say "longer half-life" usually mean "stays active longer". A comparison is
only called ``contradicted`` when the representative values differ by half again or more: close or
overlapping ranges give ``unsupported``, because a false "contradicted" is the costliest error.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from ..facts import UNIT_HOURS

_SLOW = (r"\b(?:cleared|eliminated|removed|metaboli[sz]ed)\s+(?:very\s+)?slowly\b|\blasts?\s+(?:for\s+)?a\s+long\s+time\b|"
         r"\bstays?\s+in\s+(?:your|the)\s+(?:body|system)\s+for\s+(?:a\s+long\s+time|days|weeks)\b")
TRIGGER = re.compile(r"half[- ]?li(?:fe|ves)|\b(?:long|short)(?:er)?[- ]acting\b|" + _SLOW)
_NUMBER = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?)\s*(?:(?:-|–|—|to|or)\s*(\d+(?:\.\d+)?)\s*)?(hours?|hrs?|h|days?|minutes?|mins?|weeks?|wks?)\b"
)
_UNITS = {"hour": "h", "hours": "h", "hr": "h", "hrs": "h", "h": "h", "day": "d", "days": "d",
          "minute": "min", "minutes": "min", "min": "min", "mins": "min", "week": "wk", "weeks": "wk", "wk": "wk", "wks": "wk"}
_COMPARE = re.compile(r"\b(longer|shorter)\b")
_THAN = re.compile(r"\bthan\b|\bcompared\s+(?:to|with)\b|\brelative\s+to\b|\bversus\b|\bvs\.?(?=\s)|\bin\s+comparison\s+(?:to|with)\b")
_LONG = re.compile(_SLOW + r"|\b(?:long|prolonged|extended|lengthy)\b[\w\s-]{0,12}?half[- ]?life|\blong[- ]acting\b|half[- ]?life\s+(?:is\s+|that\s+is\s+)?(?:relatively\s+|very\s+|quite\s+)?(?:long|prolonged)")
_SHORT = re.compile(r"\b(?:short|brief)\b[\w\s-]{0,12}?half[- ]?life|\bshort[- ]acting\b|half[- ]?life\s+(?:is\s+|that\s+is\s+)?(?:relatively\s+|very\s+|quite\s+)?short")
_RATIO = 1.5
#: Pages also state durations in weeks; fact files do not need to.
_UNIT_H = {**UNIT_HOURS, "wk": 168.0}


def _rep(v: Mapping[str, Any] | None) -> float | None:
    """A representative value in hours: the typical value, else the geometric mean of the range."""
    if not v:
        return None
    k = UNIT_HOURS[v["unit"]]
    if "typical" in v:
        return v["typical"] * k
    if "min" in v and "max" in v:
        return math.sqrt(v["min"] * v["max"]) * k
    return (v.get("max") or v.get("min")) * k


def _bounds(v: Mapping[str, Any]) -> tuple[float, float]:
    k = UNIT_HOURS[v["unit"]]
    lo = v.get("min", v.get("typical", v.get("max")))
    hi = v.get("max", v.get("typical", v.get("min")))
    return lo * k, hi * k


def effective(fact: Any) -> tuple[float, float, float]:
    """(representative, lowest, highest) effective half-life in hours, active metabolite included."""
    rep = _rep(fact.value)
    lo, hi = _bounds(fact.value)
    met = fact.metabolite
    if met and met.get("active", True):
        mrep = _rep(met)
        mlo, mhi = _bounds(met)
        rep = max(rep, mrep)
        hi = max(hi, mhi)
    return rep, lo, hi


def compare(a: Any, b: Any, longer: bool) -> tuple[str, str]:
    """Verdict and note for 'A has a longer (or shorter) half-life than B'."""
    ra, _, ha = effective(a)
    rb, _, hb = effective(b)
    if not longer:
        ra, rb, ha, hb = rb, ra, hb, ha
    note = f"{a.drug} ~{effective(a)[0]:.3g} h vs {b.drug} ~{effective(b)[0]:.3g} h (active metabolites included)"
    if ra >= _RATIO * rb:
        return "supported", note
    if rb >= _RATIO * ra:
        return "contradicted", note
    if ha > hb and ra >= rb:
        return "supported", note + "; ranges overlap, upper bound agrees"
    return "unsupported", note + "; ranges overlap"


def numeric(fact: Any, lo_h: float, hi_h: float) -> tuple[str, str]:
    """Verdict for a stated half-life (in hours) against the parent and active-metabolite ranges."""
    plo, phi = _bounds(fact.value)
    ranges = [(plo, phi)]
    met = fact.metabolite
    if met and met.get("active", True):
        ranges.append(_bounds(met))
    note = f"stated {lo_h:.3g}-{hi_h:.3g} h; reference {plo:.3g}-{phi:.3g} h" + (
        f", {met['name']} up to {ranges[1][1]:.3g} h" if len(ranges) > 1 else "")
    for rlo, rhi in ranges:
        if hi_h >= rlo * 0.75 and lo_h <= rhi * 1.3:
            return "supported", note
    top = max(r[1] for r in ranges)
    if hi_h < 0.5 * plo or lo_h > 2.0 * top:
        return "contradicted", note
    return "unsupported", note


def qualitative(fact: Any, long: bool, explicit: bool = True) -> tuple[str, str]:
    """'long'/'short' half-life. Without the words "half-life" ("long-acting") the claim may be about a
    formulation (extended-release), so it is never called contradicted."""
    rep = effective(fact)[0]
    note = f"effective half-life ~{rep:.3g} h"
    if long:
        verdict = "supported" if rep >= 20 else "contradicted" if rep <= 6 else "unsupported"
    else:
        verdict = "supported" if rep <= 8 else "contradicted" if rep >= 20 else "unsupported"
    if verdict == "contradicted" and not explicit:
        verdict = "unsupported"
    return verdict, note


_KEYWORD = re.compile(r"half[- ]?li(?:fe|ves)")
_PLUS_MINUS = re.compile(r"(?:±|\+/-|\+-)\s*$")


def keyword_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _KEYWORD.finditer(text)]


NUMBER_WORDS = {
    # vague quantities at a middle value: "a few hours" is a claim about hours, not days
    "a few": 3, "few": 3, "a couple of": 2, "a couple": 2, "several": 4, "a day and a half": "1.5 day",
    "an hour and a half": "1.5 hour", "half an hour": "0.5 hour", "half a day": "0.5 day", "an hour": "1 hour",
    "a day": "1 day", "a week": "1 week", "a single day": "1 day", "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "a hundred": 100, "one hundred": 100,
}
_WORD_NUM = re.compile(r"\b(" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b")


def _digits(text: str) -> str:
    """Number words as digits ("five to seven hours" -> "5 to 7 hours"); positions shift a little."""
    return _WORD_NUM.sub(_digit, text)


#: "once a day", "3 pills a week": a dosing frequency, not a duration.
_FREQUENCY_BEFORE = re.compile(r"(?:\bonce|\btwice|\bthrice|\btimes|\bdoses?|\bpills?|\btablets?|\bcapsules?|\bmg|\bshots?|\binjections?|\bpatch(?:es)?)\s+$")


def _digit(m: re.Match[str]) -> str:
    word = m.group(1)
    if word.startswith("a ") and _FREQUENCY_BEFORE.search(m.string, max(0, m.start() - 14), m.start()):
        return word
    return str(NUMBER_WORDS[word])


def parse_numbers(text: str, near_keyword: bool = False) -> list[tuple[int, float, float]]:
    """(position, low, high) in hours for every duration in ``text`` (lower case).

    With ``near_keyword``, only durations close to the words "half-life" count: pharmacokinetics
    paragraphs state many other times (peak, onset, dosing interval).
    """
    text = _digits(text)
    return _durations(text, keyword_spans(text) if near_keyword else None)


def _durations(text: str, near: list[tuple[int, int]] | None) -> list[tuple[int, float, float]]:
    """:func:`parse_numbers` on text whose number words are already digits."""
    out = []
    for m in _NUMBER.finditer(text):
        if near is not None and not any(k0 - 40 <= m.start() <= k1 + 70 for k0, k1 in near):
            continue
        if _PLUS_MINUS.search(text, max(0, m.start() - 4), m.start()):
            continue
        unit = _UNITS.get(m.group(3))
        if unit is None:
            continue
        k = _UNIT_H[unit]
        lo = float(m.group(1)) * k
        hi = float(m.group(2)) * k if m.group(2) else lo
        if hi < lo:
            lo, hi = hi, lo
        out.append((m.start(), lo, hi))
    return out


def stated(text: str) -> tuple[int, float, float] | None:
    """The duration a sentence gives as the half-life: of the durations near the words "half-life", the
    closest to them ("time to peak 1 hour and a half-life of 6 hours" states 6 hours, not 1).

    A number before the words counts at one and a half times its distance, since "a half-life of N" is
    the usual order and a number before them more often belongs to another measure.
    """
    text = _digits(text)
    keys = keyword_spans(text)
    best: tuple[float, tuple[int, float, float]] | None = None
    for pos, lo, hi in _durations(text, keys):
        dist = min((pos - k1) if pos >= k1 else 1.5 * (k0 - pos) for k0, k1 in keys)
        if best is None or dist < best[0]:
            best = (dist, (pos, lo, hi))
    return best[1] if best else None


def comparison_split(text: str) -> tuple[int, bool] | None:
    """Where the compared-with part starts and whether the claim is 'longer', if the sentence compares."""
    t = _THAN.search(text)
    if t is None:
        return None
    words = list(_COMPARE.finditer(text))
    before = [m for m in words if m.start() < t.start()]
    c = before[-1] if before else (words[0] if words else None)
    if c is None:
        return None
    return t.start(), c.group(1) == "longer"


def long_short(text: str) -> bool | None:
    if _LONG.search(text):
        return True
    if _SHORT.search(text):
        return False
    return None


# --------------------------------------------------------------------------------------------------
# how soon a drug leaves the body or its effect ends ("out of your system within a day", "wears off in
# two hours"): judged from the half-life, since elimination takes about five half-lives

_BODY = r"(?:your|the|a\s+person['’]s|one['’]s|his|her|their)\s+(?:body|system|bloodstream|blood)"
CLEARED = re.compile(
    r"\b(?:out\s+of|gone\s+from|(?:cleared|clears?|flushed|flushes|washed|washes)\s+(?:out\s+)?(?:of|from)|"
    r"(?:eliminated|removed|purged)\s+from|leaves?|left|exits?)\s+" + _BODY + r"|"
    r"\b(?:is|are|gets?|been|be)\s+(?:completely\s+|fully\s+|totally\s+|entirely\s+)?(?:cleared|eliminated|flushed\s+out|gone)\b|"
    r"\b(?:clears?|cleared|flushes|flushed|washes|washed)\s+out\s+(?=in\b|within\b)|"
    r"\b(?:only|just)\s+(?:stays?|remains?|lasts?|lingers?)\s+in\s+" + _BODY + r"|"
    r"\b(?:stays?|remains?|lingers?)\s+in\s+" + _BODY + r"\s+(?:for\s+)?(?:only|just|no\s+more\s+than|less\s+than|under)\b"
)
WEARS_OFF = re.compile(
    r"\b(?:wears?\s+off|wore\s+off|worn\s+off|wearing\s+off|effects?\s+(?:only\s+|just\s+)?(?:lasts?|wears?\s+off|fades?)|"
    r"(?:only|just)\s+lasts?|lasts?\s+(?:only|just|for\s+only|for\s+just|no\s+more\s+than|less\s+than|under))\b"
)
DURATION = re.compile(CLEARED.pattern + "|" + WEARS_OFF.pattern)
#: What introduces the duration of such a claim ("within", "in", "after", "for only" ...).
_SPAN_BEFORE = re.compile(
    r"\b(?:within|in|after|by|inside|under|than|for|only|just|about|around|roughly|approximately|to)\s+"
    r"(?:(?:about|around|roughly|approximately|only|just|the|first|a|of|under|less|than)\s+){0,3}$")
_CUE_DISTANCE = 60
#: A claim that a drug is gone within two half-lives leaves at least a quarter of the dose in the body.
_CLEARED_HALF_LIVES = 2.0
#: A dose's effect can end before the drug is eliminated (redistribution), so only an effect said to end
#: within a sixth of a long half-life (6 h or more) is called wrong.
_EFFECT_FACTOR = 6.0
_EFFECT_MIN_HALF_LIFE = 6.0


def duration_claim(text: str) -> tuple[int, int, str, float, float] | None:
    """``(cue start, duration position, kind, low h, high h)`` for "gone from the body within D" (kind
    ``cleared``) or "wears off within D" (kind ``wears_off``): the stated duration nearest a cue, introduced
    by "within", "in", "after", "only" and the like. Positions are in ``text``'s coordinates only up to
    the shift of number words (see :func:`_digits`)."""
    if DURATION.search(text) is None:
        return None
    t = _digits(text)
    cues = [(m.start(), m.end(), "cleared") for m in CLEARED.finditer(t)]
    cues += [(m.start(), m.end(), "wears_off") for m in WEARS_OFF.finditer(t)]
    if not cues:
        return None
    best: tuple[int, tuple[int, int, str, float, float]] | None = None
    for pos, lo, hi in _durations(t, None):
        if _SPAN_BEFORE.search(t, max(0, pos - 40), pos) is None:
            continue
        for c0, c1, kind in cues:
            dist = pos - c1 if pos >= c1 else c0 - pos
            if 0 <= dist <= _CUE_DISTANCE and (best is None or dist < best[0]):
                best = (dist, (c0, pos, kind, lo, hi))
    return best[1] if best else None


def duration(fact: Any, kind: str, lo_h: float, hi_h: float) -> tuple[str, str] | None:
    """Verdict and note for a stated time to elimination or to the end of the effect, or None when the
    half-life says nothing about it (an effect that ends well within one half-life is common)."""
    plo, phi = _bounds(fact.value)
    _rep_h, _lo, eff_hi = effective(fact)
    ref = f"half-life {plo:.3g}-{phi:.3g} h" + (f" ({fact.metabolite['name']} up to {eff_hi:.3g} h)" if eff_hi > phi else "")
    if kind == "cleared":
        note = f"says gone from the body within {hi_h:.3g} h; {ref}; elimination takes about five half-lives"
        if hi_h < _CLEARED_HALF_LIVES * plo:
            return "contradicted", note
        if lo_h >= 4 * plo and hi_h <= 10 * eff_hi:
            return "supported", note
        return "unsupported", note
    if plo >= _EFFECT_MIN_HALF_LIFE and hi_h * _EFFECT_FACTOR < plo:
        return "contradicted", f"says the effect ends within {hi_h:.3g} h; {ref}"
    return None
