"""Waiting times between a drug and another: "you can start Adderall the day after stopping an MAOI" (the
label says 14 days), "with Cialis, 12 hours is enough before nitroglycerin" (48 hours).

This module only reads durations that a sentence gives as a gap ("wait two weeks", "the day after",
"24 hours apart", "within 14 days of"); the checker compares them with an ``interval`` fact. A duration with
no word of waiting or of time between ("Cialis lasts 36 hours") is no claim about the gap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dose import number
from .halflife import NUMBER_WORDS

#: The half-life parser's number words, and the ones a waiting time adds ("a day", "forty-eight hours").
_NUM_WORDS = {**{w: v for w, v in NUMBER_WORDS.items() if isinstance(v, int)}, "a": 1, "an": 1, "a single": 1,
              "half a": 0.5, "half an": 0.5, "fourteen": 14, "twenty-four": 24, "thirty-six": 36, "forty-eight": 48}
_NUM = r"\d+(?:\.\d+)?|" + "|".join(re.escape(w) for w in sorted(_NUM_WORDS, key=len, reverse=True))
_HOURS = {"minute": 1 / 60, "min": 1 / 60, "hour": 1.0, "hr": 1.0, "h": 1.0, "day": 24.0, "night": 24.0, "week": 168.0, "wk": 168.0}
DURATION = re.compile(
    rf"(?<![\w-])(?P<n>{_NUM})(?:\s*(?:-|–|to|or)\s*(?P<m>{_NUM}))?[\s-]*(?P<u>minute|min|hour|hr|h|day|night|week|wk)s?(?!\w)|"
    r"(?P<zero>right\s+away|straight\s+away|(?:right|just|immediately)\s+after(?=\s+(?:your|the|my|their|his|her)\s+last\b)|immediately|the\s+(?:very\s+)?(?:next|following)\s+(?:day|morning)|"
    r"the\s+day\s+after|the\s+(?:morning|night|evening)\s+after|(?:the\s+)?same\s+day|back[- ]to[- ]back|overnight|a\s+day\s+later)"
)
#: Words that make a duration a gap between two things.
_GAP = re.compile(r"\b(?:wait\w*|after|before|later|apart|gap|between|since|within|from|stop\w*|quit\w*|discontinu\w*|"
                  r"last\s+(?:[\w-]+\s+)?(?:dose|pill|tablet|shot|use|hit)|(?:your|the|my|their|his|her)\s+last\s+[\w-]+|"
                  r"(?:you|i|they|he|she|we)\s+last\s+(?:used|took|taken|had|dosed|shot|injected|smoked)|ago|elapse\w*|passed|clear\w*|free|switch\w*|washout|wash\s+out|once\s+you|until)\b")
#: A frequency or a strength is not a gap ("once a day", "10 mg a day", "three times a week").
_NOT_A_GAP = re.compile(r"(?:once|twice|times|mg|mcg|pills?|tablets?|doses?|capsules?|every|per)\s*$")


@dataclass(frozen=True)
class Gap:
    start: int
    end: int
    hours: float  # the longest reading of the stated duration


def gaps(s: str) -> list[Gap]:
    """Durations in the lower-cased sentence that a word of waiting or of time between governs (same clause)."""
    out = []
    for m in DURATION.finditer(s):
        if m.group("zero"):
            z = m.group("zero")
            hours = 24.0 if ("day" in z or "morning" in z or "overnight" in z) and "same" not in z else 0.0
        else:
            if _NOT_A_GAP.search(s, max(0, m.start() - 12), m.start()):
                continue
            n = number(m.group("m") or m.group("n"), _NUM_WORDS)
            if n is None:
                continue
            hours = n * _HOURS[m.group("u")]
        if _GAP.search(s, max(0, m.start() - 60), min(len(s), m.end() + 40)) is None:
            continue
        out.append(Gap(m.start(), m.end(), hours))
    return out
