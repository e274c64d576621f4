"""Which way a sentence says a drug moves a body measure: "raises blood pressure", "a drop in heart rate",
"blood sugar falls", "helps you lose weight", "can cause low blood pressure", "treats high blood sugar".

Only words of change count. A condition named alone ("not for people with high blood pressure") says
nothing about what the drug does to the measure, so it counts only after a word of causing ("can cause
hypotension") or, reversed, of treating ("controls high blood sugar" is a lowering). The vocabulary of each
measure is in ``corpus/lexicons/quantities.json``; the checker decides what a direction means for a drug.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from ..resources import LEXICONS_DIR

QUANTITIES_FILE = LEXICONS_DIR / "quantities.json"
UP, DOWN = "up", "down"

# Verbs and adjectives of change before the measure ("raises your blood pressure", "decreased appetite").
# Bare "slow" is an adjective of state ("a slow heartbeat") unless a determiner follows ("slow your breathing").
_UP_BEFORE = (r"rais(?:e|es|ed|ing)|increas(?:e|es|ed|ing)|boost(?:s|ed|ing)?|elevat(?:e|es|ed|ing)|spik(?:e|es|ed|ing)|"
              r"(?:push|pushes|pushed|pushing|drive|drives|driving|drove|jack|jacks|jacked|send|sends|sent|shoot|shoots|shot)\s+up|"
              r"speed(?:s|ing)?\s+up|sped\s+up|quicken(?:s|ed|ing)?|stimulat(?:e|es|ed|ing)|higher")
_DOWN_BEFORE = (r"lower(?:s|ed|ing)?|reduc(?:e|es|ed|ing)|decreas(?:e|es|ed|ing)|drop(?:s|ped|ping)?|cut(?:s|ting)?|"
                r"slow(?:s|ed|ing)(?:\s+down)?|slow(?:\s+down)?(?=\s+(?:your|the|their|his|her|a\s+person's|someone's|a\s+child's|children's|kids')(?!\w))|"
                r"suppress(?:es|ed|ing)?|depress(?:es|ed|ing)?|(?:bring|brings|bringing|brought)\s+down|curb(?:s|ed|ing)?|"
                r"blunt(?:s|ed|ing)?|dampen(?:s|ed|ing)?")
# Verbs whose direction is the particle after the measure ("push blood sugar up", "nudge heart rate down").
_PARTICLE_VERB = (r"(?:push|pushes|pushed|pushing|nudg(?:e|es|ed|ing)|driv(?:e|es|ing)|drove|driven|send|sends|sending|sent|"
                  r"bring|brings|bringing|brought|knock(?:s|ed|ing)?|keep(?:s|ing)?|kept|pull(?:s|ed|ing)?|shoot(?:s|ing)?|shot)")
# Words of change after the measure ("blood pressure rises", "your heart rate may go up").
_UP_AFTER = (r"ris(?:e|es|ing|en)|rose|go(?:es)?\s+up|going\s+up|went\s+up|gone\s+up|climb(?:s|ed|ing)?|jump(?:s|ed|ing)?|"
             r"spik(?:e|es|ed|ing)|soar(?:s|ed|ing)?|increas(?:e|es|ed|ing)|surg(?:e|es|ed|ing)|skyrocket(?:s|ed|ing)?|"
             r"shoot(?:s|ing)?\s+up|shot\s+up|speed(?:s|ing)?\s+up|sped\s+up|rac(?:e|es|ed|ing)|pound(?:s|ed|ing)?|"
             r"(?:is|are|gets?|got|be|been)\s+(?:raised|elevated|increased)")
_DOWN_AFTER = (r"fall(?:s|ing|en)?|fell|drop(?:s|ped|ping)?|go(?:es)?\s+down|going\s+down|went\s+down|gone\s+down|"
               r"decreas(?:e|es|ed|ing)|dip(?:s|ped|ping)?|declin(?:e|es|ed|ing)|plummet(?:s|ed|ing)?|plung(?:e|es|ed|ing)|"
               r"crash(?:es|ed|ing)?|slow(?:s|ed|ing)?(?:\s+down)?|tank(?:s|ed|ing)?|"
               r"(?:is|are|gets?|got|be|been)\s+(?:lowered|reduced|suppressed|depressed|decreased)")
_AUX = (r"(?:can|may|might|could|will|would|should|often|usually|sometimes|also|slightly|quickly|rapidly|suddenly|"
        r"dangerously|significantly|sharply|tends?\s+to|is\s+likely\s+to|to|not|never|doesn['’]?t|does|did|didn['’]?t|won['’]?t)")
# Nouns of change ("a rise in blood pressure", "suppression of appetite").
_UP_NOUN = r"rises?|increases?|spikes?|jumps?|surges?|elevations?|boosts?|hikes?|upticks?|bumps?"
_DOWN_NOUN = r"drops?|falls?|decreases?|dips?|reductions?|declines?|lowering|slowing|suppression|depression"
# Determiners and modifiers between a word of change and the measure.
_FILL = (r"(?:your|the|his|her|their|one's|a\s+person's|someone's|patients'|people's|a\s+child's|children's|kids'|own|resting|systolic|diastolic|"
         r"baseline|overall|body's|a|an|average|fasting)")
# Causing or seeking an outcome ("can cause weight gain", "helps with weight loss", "side effects include ...").
_CAUSE = (r"caus(?:e|es|ed|ing)|lead(?:s|ing)?\s+to|led\s+to|trigger(?:s|ed|ing)?|induc(?:e|es|ed|ing)|result(?:s|ed|ing)?\s+in|"
          r"produc(?:e|es|ed|ing)|bring(?:s|ing)?\s+on|brought\s+on|promot(?:e|es|ed|ing)|linked\s+to|associated\s+with|"
          r"tied\s+to|known\s+for|includes?|including|such\s+as|(?:risk|chance|odds|danger)s?\s+of|"
          r"makes?\s+(?:you|people|patients|them|me|users|someone)|made\s+(?:me|you|them|people|patients|someone)")
_SEEK = r"for|help(?:s|ed|ing)?\s+(?:you\s+|people\s+|patients\s+)?(?:with|achieve|in|towards?)|aid(?:s|ed|ing)?(?:\s+in)?"
# Treating a condition is moving the measure the other way ("controls high blood sugar").
_TREAT = (r"treat(?:s|ed|ing)?|control(?:s|led|ling)?|manag(?:e|es|ed|ing)|lower(?:s|ed|ing)?|reduc(?:e|es|ed|ing)|"
          r"prevent(?:s|ed|ing)?|revers(?:e|es|ed|ing)|counteract(?:s|ed|ing)?|fight(?:s|ing)?|combat(?:s|ed|ing)?|"
          r"(?:used|approved|indicated|prescribed)\s+(?:to\s+treat|for)")
_LIST = r"(?:[\w'-]+,?\s+(?:and\s+|or\s+)?){0,4}?"  # "side effects include dizziness, headache and weight gain"
_STATE_ADJ = r"(?:(?:a|an|some|serious|severe|dangerous|dangerously|sudden|significant|mild|slight|extreme)\s+){0,2}"


@dataclass(frozen=True)
class Quantity:
    name: str
    terms: tuple[str, ...]
    up_verbs: tuple[str, ...] = ()
    down_verbs: tuple[str, ...] = ()
    up_outcomes: tuple[str, ...] = ()
    down_outcomes: tuple[str, ...] = ()
    up_conditions: tuple[str, ...] = ()
    down_conditions: tuple[str, ...] = ()
    # a drug's target (receptor, enzyme, transmitter): verbs that switch it on or off before it, nouns after it
    up_before: tuple[str, ...] = ()
    down_before: tuple[str, ...] = ()
    up_after: tuple[str, ...] = ()
    down_after: tuple[str, ...] = ()
    #: whether the general words of change read it too ("raises dopamine"); not for GABA, whose level a
    #: benzodiazepine does not raise, though it enhances GABA's effect
    change_words: bool = True


_TARGET_FIELDS = ("up_before", "down_before", "up_after", "down_after")


@lru_cache(maxsize=1)
def quantities() -> dict[str, Quantity]:
    data = json.loads(QUANTITIES_FILE.read_text(encoding="utf-8"))
    fields = Quantity.__dataclass_fields__
    shared = data.get("target_words", {})
    out = {}
    for q in data["quantities"]:
        q = {**{k: shared.get(k, []) for k in _TARGET_FIELDS if q.get("target")}, **q}
        out[q["name"].lower()] = Quantity(**{k: (tuple(v) if isinstance(v, list) else v) for k, v in q.items() if k in fields})
    return out


def _alt(words) -> str:
    words = sorted({w.lower() for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"[\s-]+") for w in words)


def _named(name: str, body: str) -> str:
    return f"(?P<{name}>{body})" if body else "(?!x)x"


def _change(terms: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for the measures ``terms`` name (a quantity's name brings its words). A match's
    ``lastgroup`` starts with ``u`` for a rise and ``d`` for a fall."""
    q = quantities()
    known = [q[t.lower()] for t in terms if t.lower() in q]
    words = [w for k in known for w in k.terms] + [t for t in terms if t.lower() not in q]
    plain = [w for k in known if k.change_words for w in k.terms] + [t for t in terms if t.lower() not in q]
    # "blocks dopamine reuptake" raises dopamine: the thing after the measure is what is blocked
    # and so does "blocks dopamine and norepinephrine from being taken back up"
    tail = (r"(?:e?s)?(?:\s+levels?)?(?![\w])(?![\s-]+(?:re-?uptake|transporters?|breakdown|recycling|reabsorption))"
            r"(?!(?:,?\s+(?:and|or)\s+[\w-]+)?\s+from\s+(?:being\s+)?(?:taken\s+back|reabsorb|recycl|pulled\s+back|cleared|broken\s+down))")
    target = rf"(?:{_alt(words)}){tail}"
    measure = rf"(?:{_alt(plain)}){tail}" if plain else "(?!x)x"
    up_v, down_v = _alt(w for k in known for w in k.up_verbs), _alt(w for k in known for w in k.down_verbs)
    up_o, down_o = _alt(w for k in known for w in k.up_outcomes), _alt(w for k in known for w in k.down_outcomes)
    up_c, down_c = _alt(w for k in known for w in k.up_conditions), _alt(w for k in known for w in k.down_conditions)
    parts = [
        rf"\b(?:{_named('u1', _UP_BEFORE)}|{_named('d1', _DOWN_BEFORE)})\s+(?:{_FILL}\s+){{0,2}}{measure}",
        rf"(?<![\w-]){measure}\s+(?:{_AUX}\s+){{0,3}}(?:{_named('u2', _UP_AFTER)}|{_named('d2', _DOWN_AFTER)})\b",
        rf"\b(?:{_named('u3', _UP_NOUN)}|{_named('d3', _DOWN_NOUN)})\s+(?:in|of)\s+(?:{_FILL}\s+){{0,2}}{measure}",
        rf"\b{_PARTICLE_VERB}\s+(?:both\s+)?(?:{_FILL}\s+){{0,2}}{measure}(?:\s+(?:and|or)\s+(?:{_FILL}\s+)?{measure})?"
        rf"\s+(?:{_named('u8', r'up|higher')}|{_named('d8', r'down|lower')})\b",
    ]
    if up_v or down_v:
        parts.append(rf"\b(?:{_named('u4', up_v)}|{_named('d4', down_v)})\b")
    up_b, down_b = _alt(w for k in known for w in k.up_before), _alt(w for k in known for w in k.down_before)
    if up_b or down_b:
        parts.append(rf"\b(?:{_named('u9', up_b)}|{_named('d9', down_b)})\s+(?:{_FILL}\s+){{0,2}}{target}")
    up_a, down_a = _alt(w for k in known for w in k.up_after), _alt(w for k in known for w in k.down_after)
    if up_a or down_a:
        parts.append(rf"(?<![\w-]){target}[\s-]+(?:{_named('u10', up_a)}|{_named('d10', down_a)})\b")
    if up_o or down_o:
        parts.append(rf"\b(?:{_CAUSE}|{_SEEK})\s+{_LIST}(?:{_named('u5', up_o)}|{_named('d5', down_o)})\b")
    if up_c or down_c:
        parts.append(rf"\b(?:{_CAUSE})\s+{_LIST}{_STATE_ADJ}(?:{_named('u6', up_c)}|{_named('d6', down_c)})\b")
        # treating high blood sugar lowers it: the groups are crossed on purpose
        parts.append(rf"\b(?:{_TREAT})\s+(?:{_FILL}\s+){{0,2}}(?:{_named('d7', up_c)}|{_named('u7', down_c)})\b")
    return re.compile("|".join(f"(?:{p})" for p in parts))


def _hint(terms: tuple[str, ...]) -> re.Pattern[str]:
    """A cheap test for sentences that could hold one of the measures, its verbs, outcomes or conditions."""
    q = quantities()
    words: list[str] = []
    for t in terms:
        k = q.get(t.lower())
        if k is None:
            words.append(t)
            continue
        for group in (k.terms, k.up_verbs, k.down_verbs, k.up_outcomes, k.down_outcomes, k.up_conditions, k.down_conditions,
                      k.up_before, k.down_before, k.up_after, k.down_after):
            words.extend(group)
    # the last word of each phrase is enough to find it ("blood pressure" -> "pressure")
    last = {w.lower().replace("-", " ").split()[-1] for w in words}
    return re.compile("|".join(sorted(map(re.escape, last), key=len, reverse=True)))


def _states(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    """The outcomes and conditions of the measures ``terms`` name, with or without a cue: a sentence that
    names both a rise and a fall ("a fast or slow heartbeat") gives neither."""
    q = quantities()
    known = [q[t.lower()] for t in terms if t.lower() in q]
    up = _alt(w for k in known for w in (*k.up_outcomes, *k.up_conditions))
    down = _alt(w for k in known for w in (*k.down_outcomes, *k.down_conditions))
    if not up and not down:
        return None
    return re.compile(rf"\b(?:{_named('u', up)}|{_named('d', down)})\b")


def _heads(terms: tuple[str, ...], direction: str) -> re.Pattern[str] | None:
    """The first word of each outcome or condition of one direction ("fast" of "a fast heartbeat"), so that
    "a fast or slow heartbeat" is seen to name both."""
    q = quantities()
    known = [q[t.lower()] for t in terms if t.lower() in q]
    phrases = [w for k in known for w in ((*k.up_outcomes, *k.up_conditions) if direction == UP else (*k.down_outcomes, *k.down_conditions))]
    words = {next(w for w in p.lower().split() if w not in ("a", "an", "the", "dangerously")) for p in phrases}
    words -= {w.lower() for k in known for t in k.terms for w in t.split()}  # "weight" heads both ways
    return re.compile(rf"\b(?:{'|'.join(sorted(map(re.escape, words)))})\b") if words else None


@dataclass(frozen=True)
class MeasureMatcher:
    """Everything the checker needs to read a direction of the measures one fact names, compiled once."""

    hint: re.Pattern[str]  # a cheap test: could the sentence hold any of it?
    change: re.Pattern[str]  # a direction, with its group name telling which (see ``direction_of``)
    states: re.Pattern[str] | None  # outcomes and conditions named with or without a cue
    up_heads: re.Pattern[str] | None  # first words of the rising outcomes and conditions ("fast")
    down_heads: re.Pattern[str] | None

    def heads(self, direction: str) -> re.Pattern[str] | None:
        return self.up_heads if direction == UP else self.down_heads


@lru_cache(maxsize=64)
def measure_matcher(terms: tuple[str, ...]) -> MeasureMatcher:
    """The matcher for the measures ``terms`` name, shared by every fact that names the same ones."""
    return MeasureMatcher(_hint(terms), _change(terms), _states(terms), _heads(terms, UP), _heads(terms, DOWN))


# Acting on a target without saying which way ("works on serotonin receptors", "binds to the GABA receptor").
_ACT_ON = (r"(?:act|acts|acting|acted|work|works|working|worked)\s+(?:\w+\s+)?(?:on|at|through|via|by\s+(?:targeting|affecting))|"
           r"target(?:s|ed|ing)?|bind(?:s|ing)?\s+(?:to|with)|bound\s+to|affect(?:s|ed|ing)?|modulat(?:e|es|ed|ing)|hits?")


@lru_cache(maxsize=64)
def acting_on(terms: tuple[str, ...]) -> re.Pattern[str]:
    """Acting on the targets ``terms`` name, in either direction or none ("boosts serotonin", "a histamine
    blocker", "works on the GABA receptor"): a match is a claim that the drug acts on one of them."""
    q = quantities()
    words = [w for t in terms for w in q[t.lower()].terms]
    target = rf"(?:{_alt(words)})(?:e?s)?(?:\s+levels?)?(?![\w])(?![\s-]+(?:re-?uptake|transporters?|syndrome|toxicity))"
    # "blocks serotonin reuptake", "a serotonin reuptake inhibitor": acting on the transmitter's recycling is
    # acting on it (the direction reading leaves it out, because it moves the level the other way)
    reuptake = rf"(?<![\w-])(?:{_alt(words)})[\s-]+re-?uptake\b"
    return re.compile(rf"\b(?:{_ACT_ON})\s+(?:{_FILL}\s+){{0,2}}{target}|{reuptake}|{measure_matcher(terms).change.pattern}")


def direction_of(m: re.Match[str]) -> str:
    return UP if (m.lastgroup or "").startswith("u") else DOWN
