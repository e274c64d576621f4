"""How long a drug may be used: "Soma is safe to take for months" (the label: up to two or three weeks),
"Restoril is designed for nightly use for years" (generally 7 to 10 days), "Ozempic is only a short-term
fix" (chronic weight management).

This module only reads a lower-cased sentence: each length of use it gives ("for 2-3 weeks", "a 10-day
course", "beyond three weeks"), each open-ended one ("for years", "long-term", "indefinitely") and each
short one ("short-term use", "for short periods"), with the words around it that say how it is put: as a
limit ("no more than", "only", "up to"), a permission or design ("safe", "meant for", "you can"), or denied
("never", "not for", "is not recommended"). ``judge`` compares one reading with a ``duration`` fact. A
length with none of those words ("I've been on it for years") says what happened, not what is allowed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from .dose import number
from .frequency import CLAUSE_BREAK, EFFECT_AFTER, NUM, NUM_WORDS
from .lexicon import NT

_DAYS = {"day": 1.0, "night": 1.0, "week": 7.0, "month": 30.0, "year": 365.0}
_UNIT = r"(?P<u>day|night|week|month|year)s?"
_SPAN = re.compile(
    # "for 2-3 weeks", "longer than two or three weeks", "beyond 10 days", "up to 12 weeks"
    r"\b(?:for|over|beyond|past|than|to|lasting|exceed\w*)\s+(?:(?:up\s+to|about|around|roughly|at\s+least|"
    r"more\s+than|longer\s+than|over|the\s+first|only|just)\s+)?(?:(?P<whole>a\s+whole|an\s+entire|a\s+full|the\s+whole)\s+|(?P<couple>a\s+couple\s+of|a\s+couple)\s+|"
    rf"(?P<n>{NUM})(?:\s*(?:-|–|to|or)\s*(?P<m>{NUM}))?[\s-]*){_UNIT}(?!\w)|"
    # "a 10-day course", "a three-week limit"
    rf"(?<![\w-])(?P<n2>{NUM})[\s-](?P<u2>day|week|month)[\s-](?:course|treatment|supply|limit|max\w*|period|stretch|run)\b|"
    r"(?P<open>\bfor\s+(?:many\s+|several\s+|a\s+few\s+)?(?:years|months)(?:\s+on\s+end|\s+at\s+a\s+time)?|\blong[\s-]term|\bindefinitely|"
    r"\b(?:month|year)\s+after\s+(?:month|year)\b|"
    r"\bforever|\bfor\s+life\b|\bfor\s+the\s+rest\s+of\s+(?:your|their|his|her|my)\s+li(?:fe|ves)|\bpermanently|\byear[\s-]round|"
    r"\bas\s+long\s+as\s+you\s+(?:like|want|need)|\bwith\s+no\s+(?:end|time\s+limit))|"
    r"(?P<short>\bshort[\s-](?:term|periods?|courses?|bursts?|stretch(?:es)?)|\ba\s+few\s+weeks|\bbrief(?:ly)?(?:\s+(?:periods?|courses?|use))?\b)"
)
#: Said as the most allowed: "no more than two weeks", "only for short periods", "up to 3 weeks".
_LIMIT = re.compile(r"\b(?:more|longer)\s+than|\bbeyond|\bpast|\bexceed\w*|\bat\s+most|\bup\s+to|\bmax(?:imum)?|\bonly|\bjust|"
                    r"\blimit\w*|\bno\s+longer|\brestrict\w*|\bshortest")
#: "short-term use only", "for two weeks only"
_ONLY_AFTER = re.compile(r"\s(?:[\w-]{1,20}\s)?only\b")
#: A permission, a design or an instruction: "safe", "meant for", "you can", "designed for", "is taken for",
#: "take it for ...". A past use ("I have taken it for years", "Grandma used it for months") is a report.
_ALLOW = re.compile(
    r"\b(?:safe(?:ly)?|fine|ok(?:ay)?|harmless|no\s+(?:problems?|issues?|harm)|perfectly|designed|meant|intended|made|built|"
    r"approved|recommended|indicated|suitable|can|may|should|must|is\s+for|are\s+for|works?\s+(?:best|well)|go\s+ahead|"
    r"stay\s+on|keep\s+(?:on\s+)?(?:taking|using)|continue\w*|"
    # the norm, not a report: "is taken for", "are usually prescribed for", "a benzodiazepine used for short-term
    # treatment", "used as a short-term treatment" ("I have taken it for years", "Grandma used it for months"
    # tell what happened)
    r"(?:is|are|be|being)\s+(?:usually\s+|typically\s+|normally\s+|generally\s+|only\s+)?(?:taken|used|prescribed)|"
    r"(?<!\bhave\s)(?<!\bhas\s)(?<!\bhad\s)(?<!\bi\s)(?<!\bwe\s)(?:taken|used|prescribed)(?=\s+(?:for|as)\b))\b|"
    # an instruction opening the clause, given or forbidden: "take it for months", "never use it for more than ..."
    r"^\W*(?:just\s+|simply\s+|never\s+|do\s+not\s+|don['’]?t\s+)?(?:take|use)\b")
#: Denied or warned against: "never", "not for", "don't", "avoid", "is not recommended", "risks dependence".
_DENY = re.compile(r"\b(?:not|never|no|avoid\w*|without)\b|" + NT + r"\b|\bshould\s+not|\bisn['’]?t")
_DENY_AFTER = re.compile(r"\b(?:is|are)\s+not\s+(?:recommended|advised|safe|studied|established)|\bnot\s+recommended|\brisks?\b|"
                         r"\bdanger\w*|\bleads?\s+to\s+(?:dependence|addiction|tolerance)|\bcan\s+cause\s+(?:dependence|addiction)|"
                         r"\bhabit[\s-]forming|\bre-?evaluat\w*")
_WINDOW = 80


@dataclass(frozen=True)
class Course:
    start: int
    end: int
    lo_d: float  # the shortest length of use the words give, in days
    hi_d: float  # the longest (infinite for "for years", "long-term")
    kind: str  # "span" (a number), "open" (long-term, for years) or "short" (short-term, for short periods)
    limit: bool  # said as the most allowed
    allow: bool  # said as allowed, recommended or meant
    denied: bool  # negated or warned against


def courses(s: str) -> list[Course]:
    """Every length of use in the lower-cased sentence ``s`` and how it is put."""
    out = []
    for m in _SPAN.finditer(s):
        if m.group("open"):
            years = "year" in m.group() or "life" in m.group() or "forever" in m.group() or "indefinite" in m.group()
            lo, hi, kind = (365.0 if years else 60.0), math.inf, "open"
        elif m.group("short"):
            lo, hi, kind = 0.0, 21.0, "short"
        else:
            n, k, u = (m.group("n"), m.group("m"), m.group("u")) if m.group("u") else (m.group("n2"), None, m.group("u2"))
            a = 1.0 if m.group("whole") else 2.0 if m.group("couple") else number(n, NUM_WORDS)
            b = number(k, NUM_WORDS) if k else a
            if a is None or b is None or a <= 0:
                continue
            lo, hi, kind = min(a, b) * _DAYS[u], max(a, b) * _DAYS[u], "span"
        w0 = max(0, m.start() - _WINDOW)
        c0 = max((b.end() for b in CLAUSE_BREAK.finditer(s, w0, m.start())), default=w0)
        stop = CLAUSE_BREAK.search(s, m.end())
        c1 = stop.start() if stop else len(s)
        before, around = s[c0:m.start()], s[c0:c1]
        limit = kind != "open" and (_LIMIT.search(before[-40:] + m.group()) is not None or _ONLY_AFTER.match(s, m.end()) is not None)
        denied = _DENY.search(before) is not None or _DENY_AFTER.search(s, m.end()) is not None
        allow = _ALLOW.search(around) is not None
        # "a few weeks of it will fix your posture": the length sets the scene for a claim of effect
        if not (limit or denied) and EFFECT_AFTER.search(s, m.end(), m.end() + 60) is not None:
            continue
        out.append(Course(m.start(), m.end(), lo, hi, kind, limit, allow, denied))
    return out


#: A length this many times the label's longest is wrong, not a rounding.
FAR = 2.0
#: A drug meant to be taken on is misdescribed by a limit this short or shorter (days).
SHORT = 90.0


def judge(c: Course, value: dict[str, Any]) -> tuple[str | None, str]:
    """(verdict or None, note) for one reading against a duration fact's value: ``longest`` in ``unit`` (d, w
    or mo) for a drug the label limits to short-term use, or ``long_term`` for one meant to be taken on."""
    if value.get("long_term"):
        label = "label: meant for long-term use"
        short = c.kind == "short" or (c.kind == "span" and c.limit and c.hi_d <= SHORT)
        if short and not c.denied and (c.limit or c.allow):
            return "contradicted", f"{_said(c)}; {label}"
        if c.kind == "open" and c.allow and not c.denied:
            return "supported", f"{_said(c)}; {label}"
        if short and c.denied:
            return "supported", f"{_said(c)} denied; {label}"
        return None, ""
    longest = value["longest"] * {"d": 1.0, "w": 7.0, "mo": 30.0}[value["unit"]]
    label = f"label: short-term use, at most {value['longest']:g} {_UNITS[value['unit']]}"
    if c.kind == "short":
        return ("supported", f"{_said(c)}; {label}") if not c.denied and (c.limit or c.allow) else (None, "")
    if c.lo_d >= FAR * longest:
        if c.denied:
            return "supported", f"{_said(c)} warned against; {label}"
        if c.allow or (c.limit and c.kind == "span"):
            return "contradicted", f"{_said(c)}; {label}"
        return None, ""
    # "no more than two weeks" is the label's limit; "don't take it for a week" denies nothing it allows
    if c.kind == "span" and c.hi_d <= 1.25 * longest and (c.limit or (c.allow and not c.denied)):
        return "supported", f"{_said(c)}; {label}"
    return None, ""


_UNITS = {"d": "days", "w": "weeks", "mo": "months"}


def _said(c: Course) -> str:
    if c.kind == "open":
        return "used long-term"
    if c.kind == "short":
        return "short-term use"
    lo, hi = _fmt(c.lo_d), _fmt(c.hi_d)
    return f"used for {lo}" + ("" if lo == hi else f" to {hi}")


def _fmt(d: float) -> str:
    for unit, k in (("year", 365.0), ("month", 30.0), ("week", 7.0)):
        if d >= k and d / k == int(d / k):
            n = int(d / k)
            return f"{n} {unit}" + ("s" if n > 1 else "")
    return f"{d:g} days"
