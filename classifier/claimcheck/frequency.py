"""How often a dose is taken, and how long a patch is worn: "Sublocade is a once-a-day injection" (the label
says monthly), "change your fentanyl patch every day" (every 72 hours), "it's fine to take a second Ambien
the same night" (once a night).

This module only reads a lower-cased sentence: each dosing frequency it gives ("every 12 hours", "twice a
day", "once-weekly", "every four weeks", "monthly", "daily"), each wear time of a patch or depot ("worn for 7
days", "each shot lasts a month", "a 72-hour patch") and each second dose in the same day or night ("another
pill later that night"), as a range of hours between doses. ``judge`` compares one reading with a
``frequency`` fact. Whether the sentence is about taking the drug at all is read here too (``told``): a
frequency with no word of dosing in its clause ("I check my sugar every day") or one that a word of dose
changes, tests or symptoms governs ("the dose goes up every four weeks", "I feel sick every day") is told
of something else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .dose import UNIT_NOUNS, number
from .halflife import NUMBER_WORDS

#: Number words the frequency and duration readers accept, and the pattern of a number.
NUM_WORDS = {**{w: v for w, v in NUMBER_WORDS.items() if isinstance(v, int)}, "a": 1, "an": 1, "one": 1,
              "twenty-four": 24, "forty-eight": 48, "seventy-two": 72, "fourteen": 14, "twenty-eight": 28}
NUM = r"\d{1,3}(?:\.\d+)?|" + "|".join(re.escape(w) for w in sorted(NUM_WORDS, key=len, reverse=True))
_HOURS = {"minute": 1 / 60, "min": 1 / 60, "hour": 1.0, "hr": 1.0, "h": 1.0, "day": 24.0, "night": 24.0, "morning": 24.0,
          "evening": 24.0, "week": 168.0, "wk": 168.0, "fortnight": 336.0, "month": 720.0, "year": 8760.0}
_TIMES = {"once": 1, "twice": 2, "thrice": 3, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_PERIOD_WORD = {"daily": "day", "nightly": "night", "weekly": "week", "monthly": "month", "yearly": "year", "hourly": "hour"}
_UNIT = r"(?P<u>minute|min|hour|hr|day|night|morning|evening|week|wk|fortnight|month|year)s?"
_COUNT = (r"once|twice|thrice|(?:one|two|three|four|five|six|[1-6])(?:\s+(?:or|to)\s+(?:two|three|four|five|six|[2-6]))?\s+"
          r"(?:times|(?:separate\s+|divided\s+|equal\s+)?doses)")
#: One reading per match, longest forms first in the alternation.
_FREQ = re.compile(
    # "once every 24 hours", "every 4 to 6 hours", "every other day", "every four weeks", "every night"
    rf"(?P<every>(?:(?:once|one\s+time)\s+)?(?:every|each)(?:\s?:)?\s+(?:single\s+)?(?:(?P<other>other|second)\s+|(?P<n>{NUM})(?:\s*(?:-|–|to|or)\s*(?P<m>{NUM}))?[\s-]*)?{_UNIT}(?!\w))|"
    r"(?P<q>\bq\s?(?P<qn>\d{1,2})\s?h(?:rs?|ours?)?\b)|"
    # "twice a day", "two or three times daily", "once-a-week", "once weekly", "three times per day"
    rf"(?P<times>\b(?P<c>{_COUNT})[\s-]+(?:(?:a|per|each|every|in\s+a|in\s+one|in\s+any|in|within|/)[\s-]*(?P<tu>day|night|week|month|24[\s-]hours?)|"
    r"(?P<tw>daily|nightly|weekly|monthly))\b)|"
    r"(?P<bare>\b(?:daily|nightly|weekly|monthly|day\s+after\s+day)\b)"
)
#: A patch or depot's wear time: "worn for 7 days", "keep the patch on for 72 hours", "each shot lasts a month".
_WEAR = re.compile(
    r"\b(?:wear|wears|wore|worn|wearing|keep|keeps|kept|leave|leaves|left|stays?|stayed|remains?|stuck)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:on\s+|in\s+place\s+|there\s+)?for\s+(?:up\s+to\s+|a\s+full\s+|about\s+|around\s+|roughly\s+)?"
    rf"(?P<n>{NUM})?(?:\s*(?:-|–|to|or)\s*(?P<m>{NUM}))?[\s-]*{_UNIT}(?!\w)|"
    # the lasting verb in the noun's own clause: not "patches ... less reliable, and that effect can last"
    r"\b(?:patch|patches|shot|shots|injection|injections|jab|jabs|implant|depot)\b(?:(?!,\s+(?:and|but|so)\b)[^.;!?]){0,60}?\s(?:lasts?(?:\s+for)?|works?\s+for|covers?\s+you\s+for)\s+"
    rf"(?:up\s+to\s+|a\s+full\s+|about\s+|around\s+|roughly\s+)?(?P<n2>{NUM})(?:\s*(?:-|–|to|or)\s*(?P<m2>{NUM}))?[\s-]*(?P<u2>hour|day|week|month)s?(?!\w)|"
    rf"(?<![\w-])(?P<n3>{NUM})[\s-](?P<u3>hour|day|week)\s+(?:skin\s+)?patch(?:es)?\b"
)
_PATCH = re.compile(r"\bpatch|\btransdermal|\bshot|\binjection|\bjab|\bimplant|\bdepot")
#: A second dose within the same day or night: "a second tablet the same day", "another pill later that night".
_AGAIN = re.compile(
    r"\b(?:a\s+second|a\s+2nd|another|one\s+more|an\s+extra|an\s+additional|a\s+further|re-?dos(?:e|ing))\b"
    r"(?!\s+(?:drug|medication|medicine|condition|reason|day|week|time\s+of|doctor|option|brand|person|way)\b)")
_SAME_DAY = re.compile(
    r"\b(?:the\s+same\s+(?:night|day|evening|afternoon|24\s+hours)|(?:an?|one|two|three|a\s+few|a\s+couple\s+of|\d)\s+hours?\s+later|later\s+(?:that|the\s+same|in\s+the|at)\s+(?:night|day|evening|afternoon)|"
    r"that\s+(?:same\s+)?(?:night|day|evening|afternoon)|in\s+the\s+middle\s+of\s+the\s+night|at\s+\d{1,2}(?::\d\d)?\s*[ap]\.?m\b|"
    r"(?:if|when)\s+you\s+wake(?:\s+up)?|at\s+bedtime|(?:in\s+the|that)\s+(?:evening|afternoon)|at\s+night|before\s+bed|"
    r"(?:if|when|once|after)\s+(?:the\s+first(?:\s+one|\s+dose|\s+pill|\s+tablet)?|it)\s+(?:\w+\s+)?(?:wears\s+off|does(?:n['’]?t|\s+not)\s+work|isn['’]?t\s+enough|fails)|"
    r"within\s+(?:the\s+same\s+)?24\s+hours|twice\s+in\s+(?:one|a|the\s+same)\s+(?:night|day))\b")
_DOSE_NOUN = re.compile(rf"\s{{1,3}}(?:(?:[\w.-]+\s+){{0,3}}?(?:{UNIT_NOUNS}|one)\b|"
                        r"\d[\d.]*\s*(?:mg|mcg)\b)")
#: "one capsule in the morning and another at bedtime": the unit counted before "another".
_COUNTED_BEFORE = re.compile(rf"\b(?:{UNIT_NOUNS})\b[^.;!?]{{0,40}}\s(?:and|then|plus)\s+$")
_TAKE_BEFORE = re.compile(r"\b(?:take|taking|took|pop|popping|have|having|swallow\w*|use|using)\s+$")
#: "daily" alone is a frequency only next to a word of dosing ("taken daily", "a daily pill"); "daily,
#: around-the-clock treatment" or "daily life" say something else.
_BARE_BEFORE = re.compile(r"\b(?:take|takes|taken|taking|took|dosed|injected|used|using|applied|given|changed|replaced|worn|"
                          r"administered|swallowed|prescribed|an?|one|single|your|the|my)\s+(?:[\w-]+\s+)?$")
_BARE_AFTER = re.compile(rf"\s{{0,3}}(?:(?<![\w-])[\w-]{{1,30}}\s{{1,3}})?(?:{UNIT_NOUNS}|dosing|injectables?|use|regimen|schedule)\b")
#: A claim of effect after the frequency ("a low dose every morning keeps your heart young"): the frequency
#: only sets the scene for it.
EFFECT_AFTER = re.compile(
    r"\b(?:keeps?(?!\s+(?:working|going|it\s+working))|helps?|makes?|boosts?|protects?|shields?|prevents?|reverses?|improves?|brings?|heals?|repairs?|"
    r"restores?|rebuilds?|cures?|detox\w*|chelat\w*|flush\w*|clears?\s+out|lifts?|supercharg\w*|sharpens?|strengthens?|burns?|melts?|cleans?|resets?|"
    r"regenerat\w*|fights?|guards?|wards?|lengthens?|extends?|adds?\s+years|slows?\s+(?:down\s+)?(?:(?:brain|skin|cell|cellular|the)\s+)?(?:aging|ageing))\b|"
    # "... once a month and you won't catch the flu": the promise, not the schedule, is the claim
    r"\band\s+you(?:['’]ll|\s+will)?\s+(?:won['’]?t|will\s+not|never|not)\s+(?:catch|get|come\s+down\s+with)\b|"
    r"\band\s+you(?:['’]ll|\s+will)\s+(?:stay|be|remain)\s+(?:healthy|well|protected|immune|safe)\b")
_AMOUNT_BEFORE = re.compile(r"(?:\d\s*(?:mg|mcg|milligrams?|micrograms?|units?)|\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
                            rf"(?:[\w-]+\s+)?(?:{UNIT_NOUNS}))\s+(?:[\w-]+\s+){{0,2}}?$")
#: A schedule the drug does away with or is set against ("eliminates the need for daily doses", "instead of
#: daily pills") is another treatment's.
_INSTEAD = re.compile(r"\b(?:instead\s+of|rather\s+than|unlike|(?:no|without\s+the|the)\s+(?:more\s+)?need\s+(?:for|of)|"
                      r"compared\s+(?:to|with)|versus|vs)\s+(?:[\w-]+\s+){0,3}$")
#: A frequency said as the most allowed ("more than one dose every five days"): a negation before it is part of
#: the limit, not a denial.
_LIMIT = re.compile(r"\b(?:more\s+(?:often\s+)?than|over|exceed\w*|at\s+most|up\s+to|(?:a\s+)?max(?:imum)?(?:\s+of)?)"
                    r"(?:\s+(?:one|once|a|an|1)\s+[\w-]{1,20})?\s+$")
#: Words of dosing: the frequency is about taking the drug.
_DOSING = re.compile(
    rf"\b(?:{UNIT_NOUNS}|take|takes|taking|took|taken|dosed|dosing|dosage|inject|injects|injected|injecting|apply|applies|applied|"
    r"change|changed|changing|replace|replaced|replacing|swap|swapped|wear|worn|use|used|using|given|give|administered|prescribed|"
    r"pop|popping|swallow\w*|regimen|schedule|mg|mcg|milligrams?)\b")
#: Words that make the frequency about something else: dose steps, tests, visits, symptoms, eating.
_ELSE = re.compile(
    r"\b(?:increas\w*|rais\w*|step\w*|titrat\w*|bump\w*|escalat\w*|adjust\w*|go(?:es)?\s+up|went\s+up|move\w*\s+up|check\w*|test\w*|"
    r"monitor\w*|measur\w*|weigh\w*|refill\w*|visit\w*|appointments?|blood|sugar|glucose|eat\w*|drink\w*|exercis\w*|walk\w*|feel\w*|"
    r"felt|symptoms?|happen\w*|occur\w*|headaches?|nause\w*|sick|lose|losing|lost|pounds?|lbs|crav\w*|sleep\w*|cough\w*|"
    r"for\s+(?:up\s+to\s+)?(?:the\s+)?(?:first|next|\d+)\b|until|starting|began|begin\w*|since|side\s+effects?)\b")
#: Words of a dose step: a frequency after them times the step, not the doses.
_DOSE_STEP = re.compile(r"\b(?:step\w*\s+(?:it\s+)?up|titrat\w*|escalat\w*|bump\w*\s+(?:it\s+)?up|go(?:es)?\s+up|went\s+up|"
                        r"move\w*\s+up|increas\w*\s+(?:the\s+dose\s+)?by)\b")
_WINDOW = 90
#: An amount closing the clause before a frequency, as a spec line lists them ("40 mg, twice a day").
_AMOUNT_LISTED = re.compile(rf"(?:\d[ \t]?(?:mg|mcg|milligrams?|micrograms?)|\b(?:{UNIT_NOUNS}))(?:[ \t]each)?,[ \t]$")
#: The key of a fact box's field that holds a dosing frequency, just before its colon.
_FIELD_KEY = re.compile(r"(?<![\w-])(?:dosing\s+)?(?:frequency|interval|dosing\s+schedule|how\s+often|"
                        r"(?:take|use|inject|apply|dose)(?:\s+it)?)\s*:\s*$")
#: Where a clause ends, for the frequency and duration readers.
CLAUSE_BREAK = re.compile(r"(?<!\d)\.|\.(?!\d)|[;:!?()\u2014]|,\s|\s(?:but|and\s+then|while|whereas|because)\s")  # not "2.5"
_COUNT_WORD = re.compile(r"once|twice|thrice|one|two|three|four|five|six|\d")


#: A time of day a dose is taken at: a clock time, a meal, bedtime, a part of the day.
_TIME_WORD = (r"(?:\d{1,2}(?::\d{2})?[ \t]?(?:a\.?m\.?|p\.?m\.?)(?![\w])|noon|midday|midnight|breakfast|lunch|dinner|supper|bedtime|"
              r"(?:the[ \t])?morning|(?:the[ \t])?afternoon|(?:the[ \t])?evening|night)")
_TIME = re.compile(_TIME_WORD)
_JOIN_STEP = (r"(?:,[ \t]*|[ \t]+(?:and|then|&|plus)[ \t]+|,[ \t]*(?:and|then)[ \t]+)"
              r"(?:(?:again|one|a[ \t]second|another|a[ \t]third|a[ \t]fourth|the[ \t](?:second|third|next)(?:[ \t]one)?)[ \t]+)?")
#: Doses listed by the clock or the meal: "at 8 am, 2 pm and 8 pm", "one at breakfast, one at lunch and one at
#: bedtime", "one at 8 am and a second at 4 pm", "in the morning and at night"; each time counts one dose a day.
_CLOCK_LIST = re.compile(
    rf"\b(?:at|with|in|before|after)[ \t]+{_TIME_WORD}(?:{_JOIN_STEP}(?:(?:at|with|in|before|after)[ \t]+)?{_TIME_WORD}){{1,5}}")
#: Times that bound a window ("between 8 am and 2 pm", "from noon to ...") or a limit ("not after 2 pm").
_WINDOW_OF_TIME = re.compile(r"\b(?:between|from|until|till|not|no\s+later\s+than)[ \t]+$")
#: A list of times introduced by a dosing verb and a colon ("needs to be taken three times: at breakfast, ...").
_TAKEN_AT_COLON = re.compile(r"\b(?:take|takes|taken|taking|dosed|given|used|swallowed)\b[^.;!?:]{0,30}:[ \t]*$")
#: A dose word in the list itself ("one at breakfast, one at lunch") says the times are doses.
_DOSE_EACH = re.compile(r"\b(?:one|a[ \t]second|another|a[ \t]third|a[ \t]fourth)[ \t]+(?:at|with|in|before|after)\b")


@dataclass(frozen=True)
class Schedule:
    start: int
    end: int
    lo_h: float  # the fewest hours between doses the words allow (0: "daily" says only at least once a day)
    hi_h: float
    kind: str  # "every" (a frequency), "wear" (a patch or depot's wear time) or "again" (a second dose that day)
    told: bool  # a word of dosing governs it, and no word of dose steps, tests or symptoms
    limit: bool = False  # said as the most allowed ("no more than once a day", "up to three times a day")
    of_amount: bool = False  # the period of an amount just before it ("2 mg three times a day"): the dose rule's claim
    scene: bool = False  # a claim of effect follows ("every morning keeps your heart young"): the frequency sets the scene


def schedules(s: str) -> list[Schedule]:
    """Every dosing frequency, wear time and same-day second dose in the lower-cased sentence ``s``."""
    out: list[Schedule] = []
    taken: list[tuple[int, int]] = []
    patchy = _PATCH.search(s) is not None
    for m in _WEAR.finditer(s) if patchy else ():
        hours = _range(*_wear_parts(m))
        if hours is not None:
            out.append(Schedule(m.start(), m.end(), *hours, "wear", True))
            taken.append((m.start(), m.end()))
    for m in _FREQ.finditer(s):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        hours = _freq_hours(m)
        if hours is None:
            continue
        limit = _LIMIT.search(s, max(0, m.start() - 30), m.start()) is not None
        of_amount = _AMOUNT_BEFORE.search(s, max(0, m.start() - 40), m.start()) is not None
        if _INSTEAD.search(s, max(0, m.start() - 60), m.start()) is not None:
            told = False
        elif "dose" in m.group():  # "three doses a day" names the dosing itself
            told = True
        else:
            told = _bare_told(s, m.start(), m.end()) if m.group("bare") else _told(s, m.start(), m.end())
        scene = EFFECT_AFTER.search(s, m.end()) is not None
        out.append(Schedule(m.start(), m.end(), *hours, "every", told, limit, of_amount, scene))
    for m in _CLOCK_LIST.finditer(s):
        if any(a < m.end() and m.start() < b for a, b in taken) or _WINDOW_OF_TIME.search(s, max(0, m.start() - 12), m.start()):
            continue  # "between 8 am and 2 pm" is a window, not two doses
        n = len({t.group().strip() for t in _TIME.finditer(m.group())})
        if n >= 2:
            told = (_told(s, m.start(), m.end()) or _DOSE_EACH.search(m.group()) is not None
                    or _TAKEN_AT_COLON.search(s, max(0, m.start() - 50), m.start()) is not None)
            out.append(Schedule(m.start(), m.end(), 24.0 / n, 24.0 / n, "every", told))
    for m in _AGAIN.finditer(s):
        near = _SAME_DAY.search(s, max(0, m.start() - 60), min(len(s), m.end() + 70))
        if near is None or not (_DOSE_NOUN.match(s, m.end()) or _TAKE_BEFORE.search(s, max(0, m.start() - 16), m.start())
                                or _COUNTED_BEFORE.search(s, max(0, m.start() - 60), m.start())):
            continue
        out.append(Schedule(m.start(), m.end(), 0.0, 12.0, "again", True))
    return sorted(out, key=lambda r: r.start)


def _wear_parts(m: re.Match[str]) -> tuple[str | None, str | None, str]:
    """(number, second number of a range, unit) of whichever wear-time form matched."""
    if m.group("u"):
        return m.group("n"), m.group("m"), m.group("u")
    if m.group("u2"):
        return m.group("n2"), m.group("m2"), m.group("u2")
    return m.group("n3"), None, m.group("u3")


def _bare_told(s: str, a: int, b: int) -> bool:
    """"daily" alone: a word of dosing right before it or a dosing noun right after it."""
    if _FIELD_KEY.search(s, max(0, a - 40), a):
        return True  # a fact box's field: "Frequency: daily"
    if _BARE_BEFORE.search(s, max(0, a - 40), a) is None and _BARE_AFTER.match(s, b) is None:
        return False
    return _told(s, a, b) or _BARE_AFTER.match(s, b) is not None


def _range(n: str | None, m: str | None, unit: str) -> tuple[float, float] | None:
    a = number(n, NUM_WORDS) if n else 1.0
    b = number(m, NUM_WORDS) if m else a
    if a is None or b is None or a <= 0:
        return None
    k = _HOURS[unit]
    return min(a, b) * k, max(a, b) * k


def _freq_hours(m: re.Match[str]) -> tuple[float, float] | None:
    if m.group("every"):
        unit = m.group("u")
        if m.group("other"):
            return 2 * _HOURS[unit], 2 * _HOURS[unit]
        if m.group("n") is None and unit == "day" and not m.group().startswith(("once", "one")):
            return 0.0, 24.0  # "every day" says a dose each day, not how many
        return _range(m.group("n"), m.group("m"), unit)
    if m.group("q"):
        n = float(m.group("qn"))
        return (n, n) if n > 0 else None
    if m.group("times"):
        # "twice daily" names its period in one word, "three times in 24 hours" in hours
        unit = _PERIOD_WORD[m.group("tw")] if m.group("tw") else ("day" if m.group("tu").startswith("24") else m.group("tu"))
        counts = [_TIMES[w] if w in _TIMES else int(w) for w in _COUNT_WORD.findall(m.group("c"))]
        if not counts or min(counts) <= 0:
            return None
        return _HOURS[unit] / max(counts), _HOURS[unit] / min(counts)
    word = m.group("bare").split()[0]
    if word in ("daily", "day"):
        return 0.0, 24.0
    h = _HOURS[_PERIOD_WORD[word]]
    return h, h


#: A question of how often the drug is taken, right before the clause that answers it (the checker reads a
#: question and its short answer as one sentence, the "?" a colon).
_ASKED_HOW_OFTEN = re.compile(
    r"\bhow\s+(?:often|many\s+times|frequently)\b[^:?]{0,80}?\b(?:take|takes|taken|taking|dose|dosed|use|used|inject|injected|"
    r"apply|applied|change|changed|wear|worn|swallow\w*)\b[^:?]{0,40}[:?]\s*(?:a\s*[:.)-]\s*)?$")


def _told(s: str, a: int, b: int) -> bool:
    """A word of dosing in the clause around the frequency, and no word of something else between."""
    w0 = max(0, a - _WINDOW)
    clause = max((m.end() for m in CLAUSE_BREAK.finditer(s, w0, a)), default=w0) - w0
    before = s[w0 + clause:a]
    after = s[b:b + 25]
    dosing = list(_DOSING.finditer(before))
    if dosing:
        # "step up by 2.5 mg every four weeks": the amount is the step, and the frequency is how often it is taken
        return _ELSE.search(before, dosing[-1].end()) is None and _DOSE_STEP.search(before) is None
    if not before.strip() and _FIELD_KEY.search(s, max(0, w0 + clause - 40), w0 + clause):
        return True  # a fact box's field: "Dosing interval: every 24 hours", "Frequency: once weekly"
    if not before.strip() and _ASKED_HOW_OFTEN.search(s, max(0, w0 + clause - 160), w0 + clause):
        # the answer to a question of dosing: "How often is Xanax XR taken? Three times daily.", unless the answer
        # goes on to the effect it promises ("Once a month keeps the parasites away")
        return EFFECT_AFTER.search(s, b) is None
    if _ELSE.search(before) is None and _AMOUNT_LISTED.search(s, max(0, w0 + clause - 30), w0 + clause):
        return True  # the schedule of the amount listed just before it: "40 mg, up to twice a day"
    return _DOSING.match(after.lstrip(" -")) is not None and _ELSE.search(before) is None


#: A stated gap this many times shorter than the label's shortest (or longer than its longest) is wrong, not a
#: rounding or a product the fact missed.
FAR = 2.0


def judge(r: Schedule, value: dict[str, Any]) -> tuple[str | None, str]:
    """(verdict or None, note) for one reading against a frequency fact's value: ``every`` is the label's
    [shortest, longest] time between doses in ``unit`` (h or d); with ``as_needed`` a longer gap is fine."""
    k = 24.0 if value["unit"] == "d" else 1.0
    lo, hi = value["every"][0] * k, value["every"][1] * k
    label = f"label: every {_fmt(lo)}" + ("" if lo == hi else f" to {_fmt(hi)}") + (" (as needed)" if value.get("as_needed") else "")
    if r.hi_h <= lo / FAR:
        return "contradicted", f"{_said(r)}; {label}"
    if not value.get("as_needed") and r.lo_h >= FAR * hi:
        return "contradicted", f"{_said(r)}; {label}"
    if r.lo_h >= 0.75 * lo and r.hi_h <= 1.25 * hi:
        return "supported", f"{_said(r)}; {label}"
    return None, ""


def _said(r: Schedule) -> str:
    if r.kind == "again":
        return "a second dose the same day or night"
    if r.lo_h == 0:
        return f"at least every {_fmt(r.hi_h)}"
    return ("worn or lasting " if r.kind == "wear" else "every ") + _fmt(r.lo_h) + ("" if r.lo_h == r.hi_h else f" to {_fmt(r.hi_h)}")


def _fmt(h: float) -> str:
    for unit, k in (("month", 720.0), ("week", 168.0), ("day", 24.0)):
        if h >= k and (h / k) == int(h / k):
            n = int(h / k)
            return f"{n} {unit}" + ("s" if n > 1 else "")
    return f"{h:g} h"
