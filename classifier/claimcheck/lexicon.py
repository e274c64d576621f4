"""The claim lexicons (benefits, risk denials, certainty cues), compiled once per process."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from ..resources import LEXICONS_DIR

BENEFITS_FILE = LEXICONS_DIR / "claims_benefits.json"
STRENGTH_FILE = LEXICONS_DIR / "claims_strength.json"
CONDITIONS_FILE = LEXICONS_DIR / "claims_conditions.json"

#: The auxiliaries forum text writes without an apostrophe ("isnt", "dont", "cant", "wont").
_BARE_NT_AUX = ("is", "are", "was", "were", "do", "does", "did", "ca", "wo", "could", "would", "should", "has", "have",
                "had", "need", "must", "ai")
#: "n't", with or without its apostrophe: the bare "nt" only right after an auxiliary, so "want", "meant" and
#: "patient" are no negation. Each look-behind has its own fixed width.
NT = r"(?:n['’]t|(?:" + "|".join(rf"(?<=\b{a})" for a in _BARE_NT_AUX) + r")nt)"


#: A condition or question leaves a claim open ("if your blood pressure rises, call your doctor", "does it work
#: with food?"): read by ``asks`` for the checker's rules and the sentence readers.
_CONDITION = re.compile(r"\b(?:if|unless|whether|ask|wonder\w*|how|why)\b")
#: "works best if", "is most effective when": what follows the "if" is the advice itself.
_ADVICE_IF = re.compile(r"\b(?:best|better|fastest|faster|most\s+effective|more\s+effective|most|ideally)\s+$")
_INVERTED = re.compile(r"^\W*(?:q\W+)?(?:does|do|did|can|could|is|are|will|would|should)\b")


def asks(s: str, c0: int, pos: int) -> bool:
    """Whether the clause ``s[c0:pos]`` is a condition or a question. A verb at the clause's start makes a
    question only in a sentence that asks ("?"): after an aside ("Amrix, the long-acting form, is taken once
    a day") it is the sentence's own verb. "works best if you take it ..." is advice, not a condition."""
    clause = s[c0:pos]
    cond = _CONDITION.search(clause)
    if cond is not None and cond.group() == "if" and _ADVICE_IF.search(clause, 0, cond.start()):
        cond = _CONDITION.search(clause, cond.end())
    return cond is not None or ("?" in s and _INVERTED.search(clause) is not None)


def _alt(patterns: list[str] | tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


@dataclass(frozen=True)
class Lexicon:
    benefits: tuple[tuple[str, re.Pattern[str]], ...]
    any_benefit: re.Pattern[str]  # all benefit patterns in one: most sentences make none of these claims
    # Benefits no approved use backs ("cures X", "... for good"), and benefits judged by what they act on
    # ("protects your heart" is backed where a use of the drug names the heart).
    uncoverable: frozenset[str]
    on_object: frozenset[str]
    risk_denial: re.Pattern[str]
    legal_otc: re.Pattern[str]
    hedge: re.Pattern[str]
    booster: re.Pattern[str]
    absolute: re.Pattern[str]
    rejecting: re.Pattern[str]
    reporting: re.Pattern[str]
    negation: re.Pattern[str]
    conditions: re.Pattern[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    ben = json.loads(BENEFITS_FILE.read_text(encoding="utf-8"))
    st = json.loads(STRENGTH_FILE.read_text(encoding="utf-8"))
    return Lexicon(
        benefits=tuple((name, _alt(pats)) for name, pats in ben["benefits"].items()),
        any_benefit=_alt([p for pats in ben["benefits"].values() for p in pats]),
        uncoverable=frozenset(ben["uncoverable"]),
        on_object=frozenset(ben["judged_on_the_object"]),
        risk_denial=_alt(ben["risk_denials"]),
        legal_otc=_alt(ben["legal_otc"]),
        hedge=_alt(st["hedges"]),
        booster=_alt(st["boosters"]),
        absolute=_alt(st["absolutes"]),
        rejecting=_alt(st["rejecting"]),
        reporting=_alt(st["reporting"]),
        negation=_alt(st["negations"]),
        conditions=_words(json.loads(CONDITIONS_FILE.read_text(encoding="utf-8"))["conditions"]),
    )


def _words(words: list[str]) -> re.Pattern[str]:
    body = "|".join(re.escape(w.lower()) for w in sorted(set(words), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])")
