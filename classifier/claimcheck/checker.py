"""Check the drug claims of one page against the compiled fact base.

Only sentences that name a drug in the facts, or that continue the previous sentence about one with a
pronoun ("it", "its", "this medication"), are read. For each such sentence and drug, typed matchers
look for what the sentence says (class, mechanism, indication, effect, risk, interaction, half-life,
legal status, known false claims, benefits no reference backs); the strongest finding decides the
verdict: contradicted > unsupported benefit > supported. Negation flips or drops a finding, hedging
softens efficacy claims, and claims the page reports ("studies of ... found", "touted") or rejects
("myth", "no evidence") are not held against it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ..detectors.base import make_flag
from ..drugs import dictionary
from ..facts import UNIT_HOURS, Fact
from ..page import Page
from ..results import ClaimCheck, Flag
from ..text import Span
from . import dose as doses
from . import duration as durations
from . import food as meals
from . import frequency as freq
from . import halflife
from . import interval as intervals
from .direction import direction_of
from .index import AGENT, FALSE, SUPPORT, DrugIndex, FactIndex
from .lexicon import NT, Lexicon, asks, lexicon

_PRONOUN = re.compile(
    r"\b(?:it|its|it's|it’s|itself|this\s+(?:drug|medication|medicine|pill|benzodiazepine|opioid|stimulant)|"
    r"the\s+(?:drug|medication|medicine|pill))\b"
)
#: A field of a fact box: a key a drug's fact box uses and its colon at the line's start ("DEA schedule: IV",
#: "- Class: opioid", "Max daily dose: 40 mg"). Only those keys: an abstract's "BACKGROUND: no therapeutics
#: have been proven ..." is not said of the drug named before it.
_FIELD_LINE = re.compile(
    r"^\W{0,3}(?:[a-z][a-z/().'-]*\s+){0,3}?(?:schedule|class|type|category|family|status|controlled(?:\s+substance)?|"
    r"dos(?:e|age|ing)|strength|frequency|interval|form|route|take\s+with|uses?|used\s+for|indications?|approved\s+for|"
    r"side\s+effects|warnings?|interactions?|half-life|onset|duration|wear\s+time|benefits|perks|pregnancy|"
    r"prescription|rx|availability|habit[- ]forming|addictive|abuse\s+potential)\s*:\s*\S")
_CLAUSE = re.compile(r"[,;:()\u2014]|\s(?:but|while|whereas|although|though|because|which|however|unlike|yet|so)\s")
_IMPERATIVE = re.compile(r"^\s*(?:do\s+not|don't|don’t|never|not\s+to)\b")
_NOT_ONLY = re.compile(r"(?:\bnot|" + NT + r")\s+(?:only|just|merely|simply)\b")
_ATTRIB = re.compile(
    r"\b(?:is|are|was|were|be|been|being|remains?|classified|categori[sz]ed|considered|known|labell?ed|belongs?|"
    r"acts?\s+as|works?\s+as|serves?\s+as|displays?|exhibits?|has|have|possess(?:es)?|shows?|produces?|"
    r"type|kind|class|family|group|member)\b|['’]s\b|\b(?:is|are|was|were)n['’]?t\b"
)
_GAP_BLOCK = re.compile(
    r"\b(?:with|than|like|unlike|versus|vs|compared|combin\w*|mix\w*|plus|alongside|along|instead|replac\w*|"
    r"from|to|and|or|other|others|such|including|while|but|whereas|taking|take|takes|taken|tried|using|used|similar|same|who|whom|"
    r"treat\w*|prescribed|given|than|if|when|unless|after|before|on|adding|stopping|switching)\b|\bstarting\s+$|[;:]"
)
_AS = re.compile(r"\bas\b")
#: After a wrong class word, words that make it describe something else: "opioid antagonist", "opioid
#: receptors", "benzodiazepine-like", "opioid-free", "opioid withdrawal".
_MODIFIER_AFTER = re.compile(
    r"-(?:like|free|based|sparing|na[iï]ve|induced|related)\b|"
    r"[-\s](?:receptors?|antagonists?|blockers?|withdrawal|overdoses?|addiction|dependence|use\s+disorder|crisis|epidemic)\b")
#: A contrast just before a class word: it is not said of the drug named after it.
_CONTRAST_BEFORE = re.compile(
    # "more than 4 mg of Xanax" is an amount of the drug, not a contrast with it
    # "a lower than usual morphine dose" compares doses of the drug, not the drug with another
    r"\b(?:unlike|than(?!\s+(?:\d|\.\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|a\s+total|usual|normal|"
    r"standard|regular|recommended|prescribed|typical|the\s+(?:usual|normal|standard|regular|recommended|typical))\b))|versus|vs|compared\s+(?:to|with)|instead\s+of|other\s+than|apart\s+from|besides|"
    r"except(?:\s+for)?)\s+(?:[\w-]+\s+){0,3}$")
_BELONGS = re.compile(r"\bbelongs?\s+to\b")
#: "must not be combined with ..." is advice, not a denial of what follows.
_ADVICE = re.compile(r"\b(?:must|should|do|does|can|may)\s*(?:not|n't|n’t)\s+be\s+(?:combined|taken|used|mixed|given|stopped|crushed)\b")
_AS_OK = re.compile(r"(?:known|classified|acts?|works?|serves?|categori[sz]ed|labell?ed|considered|described|referred\s+to)\s+$")
# Gaps are normalised by _tokens (single spaces, commas as tokens) so that these patterns have no
# adjacent optional white space to backtrack over.
_BEFORE_TRUE = re.compile(r"^(?:e?s )?(?:(?:drugs?|medications?|medicines?|agents?|class|family|group) )?(?:, )?(?:(?:such as|including|called|named|like) )?(?:the )?(?:(?:drug|medication) )?$")
_BEFORE_FALSE = re.compile(r"^(?:e?s )?(?:(?:drugs?|medications?|agents?) )?(?:, )?(?:(?:such as|including|called|named) )?(?:the )?$")
# "DEA schedule: IV" is a fact box's field and "Schedule | IV" a table row's; after a colon or bar only a Roman
# numeral, so "dosing schedule: 1 tablet" is not read as Schedule I.
_SCHED = re.compile(r"\bschedule(?:[- ]?|\s*[:|]\s*(?=[iv]+\b))(iv|v|iii|ii|i|[1-5])\b|\bc-(iv|iii|ii|v)\b|"
                    # "CII", "CIV" as pharmacists write them ("CV" is too often something else)
                    r"\bc(iv|iii|ii)\b")
#: "moved from Schedule III to Schedule II": the schedule before "to" is the one the drug left.
_MOVED_FROM = re.compile(r"\bfrom[ \t]{1,3}(?:federal[ \t]{1,3}|dea[ \t]{1,3})?$")
_MOVED_TO = re.compile(r"[ \t]{1,3}(?:in[ \t]{1,3}\d{4}[ \t]{1,3})?(?:up[ \t]{1,3}|down[ \t]{1,3})?(?:in)?to[ \t]{1,3}"
                       r"(?:the[ \t]{1,3})?(?:stricter[ \t]{1,3}|tighter[ \t]{1,3})?(?=schedule\b)")
#: Control denied in words of scheduling: "unscheduled", "has no DEA schedule", "isn't on any controlled list",
#: or a fact box's "Controlled substance: No".
_NOT_CONTROLLED = re.compile(
    r"\bunscheduled\b|\bno\s+(?:dea\s+|federal\s+|drug\s+)?schedul(?:e|ing)\b|\bnot\s+(?:federally\s+)?scheduled\b|"
    # "the DEA doesn't schedule it", "federal law does not control it"
    r"\b(?:the\s+)?(?:dea|feds|federal\s+(?:law|government))\s+(?:doesn['’]?t|does\s+not|has\s*n['’]?t|has\s+not|never)\s+"
    r"(?:\w+\s+)?(?:schedul|control|list)\w*\b|"
    r"\b(?:isn['’]?t|is\s+not|not|never\s+been)\s+(?:listed\s+)?on\s+(?:any|the|a)\s+(?:dea\s+|federal\s+)?(?:controlled(?:[- ]substances?)?|drug\s+schedule|schedule)\s*(?:list|schedules?)?\b|"
    r"\bcontrolled(?:\s+substance)?(?:\s+status)?\s*:\s*(?:no|none|not\b|n/?a\b)|"
    # a fact box's "DEA schedule: none": the field's whole value, so "dosing schedule: no more than one a night"
    # or "titration schedule: none needed" says nothing of control
    r"(?<!dosing\s)(?<!dose\s)(?<!titration\s)(?<!taper\s)(?<!tapering\s)(?<!injection\s)(?<!refill\s)"
    r"\bschedul(?:e|ing)(?:\s+status)?\s*:\s*(?:none|no|n/?a|not\s+(?:controlled|scheduled|listed))(?=\s*(?:[;|.,()\u2014-]|$))")
_CONTROLLED_FIELD_YES = re.compile(r"\bcontrolled(?:\s+substance)?(?:\s+status)?\s*:\s*yes\b")
_CONTROLLED = re.compile(r"\bcontrolled\s+(?:prescription\s+)?(?:substances?|drugs?|medications?|medicines?)\b|\bscheduled\s+(?:drugs?|substances?)\b|\b(?:is|are)(?:n['’]?t|\s+not)?\s+(?:federally\s+)?controlled\b|"
                         r"\b(?:is|are)(?:n['’]?t|\s+not)?\s+(?:federally\s+)?scheduled\s+(?:by|under|federally|in\s+the\s+us)\b")
_RX = re.compile(r"\bprescription[- ]only\b|\bprescription\s+(?:medications?|drugs?|medicines?)\b|\brequires?\s+a\s+(?:valid\s+)?prescription\b|\bonly\s+(?:available\s+)?(?:by|with)\s+(?:a\s+)?prescription\b")
_ILLEGAL = re.compile(r"\b(?:illegal|unlawful|against\s+the\s+law|not|never|cannot|can't|can’t)\b")
_USE_FRAME = re.compile(
    r"\b(?:treats?|treating|cures?|curing|relieves?|relieving|alleviat\w*|"
    r"(?:used|prescribed|approved|indicated|taken|effective|good|helpful|useful)\s+(?:to\s+(?:treat|manage|relieve|control|cure|prevent)|for|against|in\s+(?:treating|the\s+treatment\s+of))|"
    r"helps?\s+(?:with|to\s+(?:treat|relieve|manage|control|cure|prevent)|treat|relieve|cure|prevent))\b"
)
_NP_END = re.compile(r"[.;:!?()]|\s(?:but|because|while|whereas|although|since|if|when|which|who)\s")
#: Bounds that keep hostile pages cheap: real claim sentences are far shorter and name few drugs.
_MAX_SENTENCE_CHARS = 1000
_MAX_MENTIONS = 12
_MAX_SENTENCES = 400
_MAX_TERM_HITS = 60
_LEGAL_HINT = re.compile(r"schedul|controlled|prescription|counter|otc\b|c-[iv]|\bc(?:ii|iii|iv)\b|regulated|legal|lawful|allowed")
#: Giving, selling or sharing a controlled drug called legal ("it's legal to give a few Valium to a friend",
#: "selling your leftover Percocet is legal"): the Controlled Substances Act allows only registrants to dispense.
_SHARE_LEGAL = re.compile(
    r"\b(?:legal|lawful|allowed|permitted|fine\s+legally)\s+to\s+(?:give|share|sell|pass|hand|trade|swap|split)\b|"
    r"\b(?:giving|selling|sharing|passing|handing|trading|swapping)\b[^.;:!?]{0,80}?\b(?:is|'s|are|’s)\s+"
    r"(?:totally\s+|perfectly\s+|completely\s+|100%\s+|entirely\s+|fully\s+)?(?:legal|lawful|allowed|permitted)\b")
_CONDITION_SUBJECT = re.compile(r"\b(?:pain|symptoms?|seizures?|condition|illness|disease|diabetes|anxiety|asthma|pressure|"
                                r"sugar|glucose|cravings?|insomnia|adhd|spasms?|epilepsy|withdrawal)\s+$")
#: "isn't regulated at all": said of a scheduled drug, a denial of its control. Never read as a claim of
#: control: every medicine is regulated in some sense.
_UNREGULATED = re.compile(r"\b(?:is|are|'s|'re)(?:n['’]?t|\s+not)\s+(?:\w+\s+)?regulated\b|\bunregulated\b")
_DENIAL_HINT = re.compile(r"no|" + NT + r"|safe|without|free|zero|impossible|little|fine|harmless|ok|myth|hoax|tale|scare|legend")
#: A risk called a myth by others and then affirmed ("some say withdrawal is a myth, but it is real") is not denied.
_MYTH = re.compile(r"\b(?:myths?|hoax|tale|scare|legends?)\b")
_OTHERS_SAY = re.compile(r"\b(?:some(?:one)?|people|they|many|others|critics|folks|users)\s+(?:\w+\s+)?(?:say|says|said|claim\w*|think|believe|insist)\b")
_YET_AFFIRMED = re.compile(r"\b(?:but|however|actually|in\s+fact|yet)\b")
_STATES = re.compile(r"\b(?:states|state\s+law|some\s+state|several\s+state|many\s+state)\b")
_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV", "5": "V"}
_DENIAL_RISK = re.compile(r"addict|dependen|habit|abuse|withdraw|toleran")
_SEVERITY = {"claims.contradicted": 0.8, "claims.unsupported": 0.6, "claims.benefit_only": 0.5, "claims.overstated": 0.4}
#: Claim types whose unsupported verdicts are benefit claims (flagged); others are merely unchecked.
_BENEFIT_TYPES = ("benefit", "indication", "effect")
#: Short answers that list a drug's uses (a label excerpt) are not promotion; benefit-only needs a page.
_BENEFIT_ONLY_MIN_WORDS = 150
_POSITIVE_TYPES = ("benefit", "indication", "effect", "mechanism")
#: Among supported findings the most specific claim type describes the sentence best.
_PRIORITY = {"comparison": -1, "half_life": 0, "legal_status": 1, "mechanism": 1, "class": 2, "interaction": 2,
             "not_for": 1, "dose_adjust": 1, "dose": 1, "interval": 1, "risk": 3, "indication": 3, "effect": 4}
_TYPE_OF_FACT = {"off_label": "indication", "boxed_warning": "risk", "schedule": "legal_status", "half_life": "half_life"}


@dataclass
class _Hit:
    start: int
    end: int
    verdict: str
    claim_type: str
    fact: object | None = None
    note: str = ""
    reported: bool = False


@dataclass
class _Sentence:
    start: int
    end: int
    low: str
    mentions: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # drug -> spans (sentence coords)
    order: list[tuple[int, str]] = field(default_factory=list)  # (pos, drug) of every mention
    asides: frozenset[int] = frozenset()  # positions of mentions that only compare or modify (see _aside)
    #: the drug is not named in the sentence, only in the one before ("I take Xanax. The most I can take is
    #: 40 mg a day."): only the rules that read a number, a direction or a way of taking it judge it
    implicit: bool = False
    #: the sentence the drug was named in, where this one only refers back to it ("it", or an implicit field):
    #: a product named there is still the one spoken of ("MS Contin is a pill. Chewing it is harmless.")
    context: str = ""
    #: length of a situation the sentence opens with, asked as a question of the reader and read as its
    #: condition ("Just had a heart attack? X is fine to use." is "if you just had a heart attack, ..."): its
    #: "?" is a comma in ``low``
    cond: int = 0

    def names(self, product: re.Pattern[str]) -> bool:
        """Whether a product is spoken of: named in the sentence, or in the one it refers back to."""
        return product.search(self.low) is not None or (bool(self.context) and product.search(self.context) is not None)


def check_page(page: Page, index: FactIndex) -> tuple[list[ClaimCheck], list[Flag]]:
    sentences = _claim_sentences(page, index)
    if not sentences:
        return [], []
    lex = lexicon()
    checks: list[ClaimCheck] = []
    flags: list[Flag] = []
    per_drug: dict[str, list[tuple[ClaimCheck, bool]]] = {}
    for sent in sentences:
        if sent.low.rstrip().endswith("?"):
            # A question asserts nothing, unless the page answers it: "Can I take it after a heart attack?
            # Sure." says it can.
            answered = _answered_question(page, sent, index, lex)
            for cc, hit in answered:
                checks.append(cc)
                per_drug.setdefault(cc.drug, []).append((cc, hit.reported))
                flags.extend(_claim_flags(page, cc, hit, False))
            stated = None if answered else _rhetorical(sent)
            if stated is None:
                continue
            sent = stated  # "Who says you can't drink on Klonopin?" says you can
        terms = _term_hits(sent.low, index, sent.mentions.keys())
        quiz = _quiz_answer(page, sent) if "true or false" in page.lower[max(0, sent.start - 40):sent.end] else None
        for drug, spans in sent.mentions.items():
            di = index.drugs.get(drug)
            if di is None:
                continue  # named, so it owns its phrases, but there are no facts to judge it by
            hit, overstated = _judge(sent, drug, spans, di, index, terms, lex)
            if hit is None:
                continue
            if quiz == "false":
                # "True or false? X is harmless with alcohol. False.": the page's answer denies the statement
                if hit.verdict == "unsupported":
                    continue
                hit = replace(hit, verdict="supported" if hit.verdict == "contradicted" else "contradicted",
                              note=hit.note + "; the page answers 'false'")
            text = page.text[sent.start:sent.end]
            fact = hit.fact
            cc = ClaimCheck(
                start=sent.start, end=sent.end, text=text, drug=drug, verdict=hit.verdict,
                fact_id=getattr(fact, "id", None), source=getattr(fact, "source", None),
                claim_type=hit.claim_type, note=_note(hit, sent.low),
            )
            checks.append(cc)
            per_drug.setdefault(drug, []).append((cc, hit.reported))
            flags.extend(_claim_flags(page, cc, hit, overstated))
    if page.n_words >= _BENEFIT_ONLY_MIN_WORDS:
        flags.extend(_benefit_only(page, per_drug, index))
    return checks, flags


# --------------------------------------------------------------------------------------------------
# questions the page answers

#: A yes/no question: it opens with its verb ("Can I ...", "Is it safe ...", "Q: Does it ...").
_YES_NO = re.compile(r"^\W*(?:q\s*[:.)-]\s*)?(?:(?:so|and|but|also|ok|okay|hey|quick\s+question)\W+)?"
                     r"(?:can|could|may|might|is|are|was|does|do|did|will|would|should|has|have)\b")
_Q_MARK = re.compile(r"^\W*(?:q|question)\s*[:.)-]")
_ANSWER_MARK = r"^\W*(?:(?:a|answer)\s*[:.)-]\s*)?"
#: An answer that grants the question whole; "yes, but only ..." or "sure, if ..." grants something narrower,
#: and is left to the sentences that say what.
_AFFIRM = re.compile(
    _ANSWER_MARK + r"(?:yes|yeah|yep|yup|sure|of\s+course|absolutely|definitely|certainly|totally|you\s+bet|"
    r"go\s+(?:for\s+it|ahead)|no\s+problem|not\s+a\s+problem|no\s+worries)\b"
    r"(?!\s*[,\u2014-]?\s*(?:but|if|as\s+long|only|unless|provided|not|except|with\s+caution|in\s+some)\b)")
#: An answer that refuses it ("No.", "Absolutely not", "Never").
_REFUSE = re.compile(_ANSWER_MARK + r"(?:no|nope|never|absolutely\s+not|definitely\s+not|certainly\s+not|please\s+don['’]?t|"
                     r"don['’]?t|do\s+not)\b(?!\s+(?:problem|worries|issue|harm|need)\b)")
#: The question asks for leave to take the drug ("can I take", "is it OK to keep using", "is Flexeril safe").
_ASKED_PERMIT = re.compile(
    r"\b(?:can|could|may|should)\s+(?:i|we|you|he|she|they|my\s+\w+|people|someone|kids|children|a\s+\w+)\s+"
    r"(?:still\s+|safely\s+|just\s+|also\s+)?(?:keep\s+|continue\s+|start\s+)?(?:tak|us|hav|giv|mix|combin|drink|start|pop|add|tr[iy]|switch|"
    r"go\s+on|get\s+on|be\s+on|stay\s+on)\w*\b|"
    r"\b(?:is|are)\s+(?:it|this|that|[\w-]+)\s+(?:\w+\s+)?(?:safe|ok|okay|fine|alright|all\s+right)\b|"
    # "is a beer with my codeine pills OK?": the combination itself asked about
    r"^\W*(?:q\s*[:.)-]\s*)?(?:is|are)\s[^?]{1,60}?\s(?:with|and|on\s+top\s+of|plus)\s[^?]{1,60}?\s(?:safe|ok|okay|fine|alright)\b")
#: Claims of what the drug is, whose refusal states their opposite.
_REFUSED_FLIPS = ("risk", "class", "legal_status")
#: Sentences of the question's own turn read with it ("I had a heart attack last month. Can I take ...?").
_TURN_SENTENCES = 2


def _answered_question(page: Page, sent: _Sentence, index: FactIndex, lex: Lexicon) -> list[tuple[ClaimCheck, _Hit]]:
    """The claim a yes/no question makes once the page answers it. Granted ("Sure", "Yes"), the question is the
    page's own statement; a question asking leave to take the drug for a group, or with an agent, the label
    keeps it from is contradicted when granted and supported when refused. The claim's span runs from the
    question's turn to the answer."""
    q = sent.low
    if _YES_NO.match(q) is None:
        return []
    sents = page.sentences
    i = bisect.bisect_left([sp.start for sp in sents], sent.start)
    if i + 1 >= len(sents) or sents[i].start != sent.start:
        return []
    ans = sents[i + 1]
    if page.text.count("\n", sent.end, ans.start) > 2:
        return []
    a_low = page.lower[ans.start:ans.end]
    granted = _AFFIRM.match(a_low) is not None
    if not granted and _REFUSE.match(a_low) is None:
        return []
    # the turn: up to two sentences before the question on its own lines, back to a "Q:" that opens it
    t0 = sent.start
    j = i
    while j > 0 and i - j < _TURN_SENTENCES and _Q_MARK.match(q) is None:
        prev = sents[j - 1]
        gap = page.text[prev.end:sents[j].start]
        if "\n" in gap or page.text[prev.start:prev.end].rstrip().endswith("?"):
            break
        j -= 1
        t0 = prev.start
        if _Q_MARK.match(page.lower[prev.start:prev.end]) is not None:
            break
    turn = page.lower[t0:sent.end]
    off = sent.start - t0
    terms = _term_hits(turn, index, sent.mentions.keys())
    out: list[tuple[ClaimCheck, _Hit]] = []
    for drug in sent.mentions:
        di = index.drugs.get(drug)
        if di is None:
            continue
        hit = _asked_permit(turn, q, off, drug, di, terms, lex, granted)
        if hit is None:
            stated = _stated(sent)
            hit, _ = _judge(stated, drug, stated.mentions[drug], di, index,
                            _term_hits(stated.low, index, sent.mentions.keys()), lex)
            if hit is not None and not granted:
                # "Is Xanax addictive? No.": refused, a question of what the drug is says the opposite. A
                # refused permit ("Can I take it for my back? No.") may be the asker's own case: no claim.
                if hit.claim_type not in _REFUSED_FLIPS or hit.verdict == "unsupported":
                    continue
                hit.verdict = "supported" if hit.verdict == "contradicted" else "contradicted"
        if hit is None:
            continue
        fact = hit.fact
        answer = "granted" if granted else "refused"
        out.append((ClaimCheck(
            start=t0, end=ans.end, text=page.text[t0:ans.end], drug=drug, verdict=hit.verdict,
            fact_id=getattr(fact, "id", None), source=getattr(fact, "source", None), claim_type=hit.claim_type,
            note=f"{hit.note}; a question the answer {answer}",
        ), hit))
    return out


#: A question that asserts: "who says you can't ...?" says you can, "why pay for X when Y is the same?" says Y
#: is the same. The groups are the words blanked out (``neg``: the negation, ``lead``: the opening).
_RHETORICAL = re.compile(
    r"^\W*(?P<lead>who\s+(?:says|said|told\s+you)\s+(?:that\s+)?)(?:you|i|we|people|anyone|one|they)\s+"
    r"(?:can|should|must|could)(?P<neg>n['’]?t|['’]t|not|\s+not|\s+never)\b|"
    r"^\W*(?P<lead2>why\s+(?:pay|bother|spend|wait|worry|suffer|waste)\b[^?]{0,80}?\bwhen\s)|"
    # "Isn't everyone aware that X?", "Doesn't everyone know X?", "Isn't it settled that X?": X is taken as known
    r"^\W*(?P<lead3>(?:isn['’]?t|doesn['’]?t|don['’]?t|aren['’]?t|wasn['’]?t)\s+(?:it|everyone|everybody|anyone|we\s+all)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:know|knows|aware|settled|obvious|clear|true|agreed|common\s+knowledge)\s+(?:by\s+now\s+)?(?:that\s+)?)")


def _rhetorical(sent: _Sentence) -> _Sentence | None:
    """A rhetorical question as the statement it makes, in the same length: the opening and the negation
    blanked, its "?" a full stop. None: an ordinary question, which asserts nothing."""
    m = _RHETORICAL.match(sent.low)
    if m is None:
        return None
    low = list(sent.low)
    for g in ("lead", "neg", "lead2", "lead3"):
        if m.group(g):
            low[m.start(g):m.end(g)] = " " * (m.end(g) - m.start(g))
    end = len(sent.low.rstrip()) - 1
    low[end] = "."
    return replace(sent, low="".join(low))


#: A quiz prompt before the statement ("True or false? ...", "True or false: ...").
_QUIZ = re.compile(r"true\s+or\s+false\s*[?:.!\u2014-]*\s*$")
_QUIZ_OPEN = re.compile(r"^\W*true\s+or\s+false\s*[?:.!\u2014-]")
#: The quiz's answer opening the next sentence ("False.", "Our answer: true, as long as ...", "Answer - FALSE").
_QUIZ_ANSWER = re.compile(r"^\W*(?:(?:our|the)\s+)?(?:(?:answer|verdict|fact)\s*[:.)\u2014-]\s*)?(?P<a>true|false)\b")


def _quiz_answer(page: Page, sent: _Sentence) -> str | None:
    """"true" or "false" where the sentence is a quiz statement the page answers, else None."""
    sents = page.sentences
    i = bisect.bisect_left([sp.start for sp in sents], sent.start)
    if i >= len(sents) or sents[i].start != sent.start:
        return None
    opens = _QUIZ.search(page.lower[max(0, sent.start - 40):sent.start]) is not None or _QUIZ_OPEN.match(sent.low) is not None
    if not opens or i + 1 >= len(sents):
        return None
    m = _QUIZ_ANSWER.match(page.lower[sents[i + 1].start:sents[i + 1].end])
    return m.group("a") if m else None


def _stated(sent: _Sentence) -> _Sentence:
    """The question as the statement a "yes" makes of it, in the same length: its "?" a full stop, and a verb
    that opens it put after the drug it asks about ("is flexeril a muscle relaxant?" -> "flexeril is a muscle
    relaxant.")."""
    q = sent.low
    end = len(q.rstrip()) - 1
    low = q[:end] + "." + q[end + 1:]
    mentions = {d: list(sp) for d, sp in sent.mentions.items()}
    order = list(sent.order)
    asides = sent.asides
    verb = _YES_NO.match(low)
    first = min(sent.order) if sent.order else None
    if verb is not None and first is not None and first[0] == verb.end() + 1 and low[verb.end()] == " ":
        pos, drug = first
        name_end = next(b for a, b in mentions[drug] if a == pos)
        v0 = verb.end() - len(low[:verb.end()].split()[-1])
        shift = verb.end() - v0 + 1
        low = low[:v0] + low[pos:name_end] + " " + low[v0:verb.end()] + low[name_end:]
        mentions[drug] = [(a - shift, b - shift) if a == pos else (a, b) for a, b in mentions[drug]]
        order = [(p - shift, d) if p == pos else (p, d) for p, d in order]
        asides = frozenset(p - shift if p == pos else p for p in asides)
    return _Sentence(sent.start, sent.end, low, mentions, order, asides)


def _asked_permit(turn: str, q: str, off: int, drug: str, di: DrugIndex, terms: list, lex: Lexicon,
                  granted: bool) -> _Hit | None:
    """Leave asked to take the drug where its label keeps it from the asker's group or condition, or from an
    agent the turn names ("I'm on phenelzine. Can I keep taking Ritalin?")."""
    if _ASKED_PERMIT.search(q) is None:
        return None
    verdict = "contradicted" if granted else "supported"
    for rx, fact, product in di.not_for:
        if fact.extra.get("use") or (product is not None and not product.search(turn)):
            continue  # an unapproved use is judged by approval claims alone
        for t0, t1 in _group_spans(turn, rx, fact):
            if _OLDER.match(turn, t1) or _negated(turn, t0, lex):
                continue
            return _Hit(t0, t1, verdict, "not_for", fact, f"'{turn[t0:t1]}'")
    for t0, t1, d, fact, role in terms:
        if role == AGENT and d == drug and not _negated(turn, t0, lex):
            return _Hit(t0, t1, verdict, "interaction", fact, f"taken with '{turn[t0:t1]}'")
    return None


# --------------------------------------------------------------------------------------------------
# finding the sentences


def _name_only(sent: _Sentence) -> bool:
    """Whether the sentence is a drug's name and nothing else ("Tramadol?", "Xanax:")."""
    rest = list(sent.low)
    for spans in sent.mentions.values():
        for a, b in spans:
            rest[a:b] = " " * (b - a)
    return len(sent.mentions) == 1 and not any(ch.isalnum() for ch in rest)


def _claim_sentences(page: Page, index: FactIndex) -> list[_Sentence]:
    # Every drug the dictionary knows is kept, with or without facts: a phrase next to another drug is that
    # drug's ("Rogaine is sold over the counter; Propecia ..."), even where only the other one is judged.
    mentions = list(dictionary().find(page.text, lower=page.lower, kinds=("generic", "brand", "street")))
    if index.extra_names is not None:
        mentions.extend(_extra_mentions(page.lower, index))
        mentions.sort(key=lambda m: m[0] if isinstance(m, tuple) else m.start)
    if not mentions:
        return []
    spans = [(m.start, m.end, m.drug) if not isinstance(m, tuple) else m for m in mentions]
    sents = page.sentences
    starts = [s.start for s in sents]
    by_sent: dict[int, list[tuple[int, int, str]]] = {}
    for s0, s1, drug in spans:
        i = bisect.bisect_right(starts, s0) - 1
        if 0 <= i < len(sents) and s0 < sents[i].end:
            by_sent.setdefault(i, []).append((s0, s1, drug))
    tables = _table_sentences(page, index) if "|" in page.text else []
    covered = [(t.start, t.end) for t in tables]
    topics = _heading_topics(page, spans, index)
    out: list[_Sentence] = []
    low_all = page.lower
    prev_drug: str | None = None
    prev_low = ""
    prev_i = -2
    for i, sp in enumerate(sents):
        if len(out) >= _MAX_SENTENCES:
            break
        found = by_sent.get(i)
        if covered and any(t0 <= sp.start < t1 for t0, t1 in covered):
            prev_drug = None  # a table's lines are read by row, below
            continue
        # Scraped text without punctuation can make one "sentence" of a whole page: read its start only.
        end = min(sp.end, sp.start + _MAX_SENTENCE_CHARS)
        low = low_all[sp.start:end]
        if found:
            found = [f for f in found if f[1] <= end][:_MAX_MENTIONS]
        if found and any(f[2] in index.drugs for f in found):
            sent = _Sentence(sp.start, end, low)
            for s0, s1, drug in found:
                sent.mentions.setdefault(drug, []).append((s0 - sp.start, s1 - sp.start))
                sent.order.append((s0 - sp.start, drug))
            if prev_drug in index.drugs and prev_i == i - 1 and prev_drug not in sent.mentions:
                # "Codeine is weak. Its effect comes after CYP2D6 converts it to morphine.": a pronoun before
                # the first name still refers back to the drug of the sentence before
                m = _PRONOUN.search(low, 0, found[0][0] - sp.start)
                if m is not None and "\n\n" not in page.text[sents[i - 1].end:sp.start]:
                    sent.mentions[prev_drug] = [(m.start(), m.end())]
                    sent.order.insert(0, (m.start(), prev_drug))
                    sent.context = prev_low
            if not sent.context and i > 0 and i - 1 not in by_sent and _situation(page, sents[i - 1], sp):
                sent = _with_situation(sent, sents[i - 1], low_all)
                if out and out[-1].start == sent.start:
                    out.pop()  # read as this sentence's condition, not as a sentence of its own
            if len(sent.mentions) > 1:  # only ownership among several drugs asks which are asides
                sent.asides = frozenset(p for p, _ in sent.order if _aside(sent.low, p))
            out.append(sent)
            prev_low = sent.low
            # A pronoun in the next sentence refers back to the drug this one was about, not to one named only
            # for comparison or as a class ("Vyvanse gets gentler treatment than Adderall. It's Schedule IV.").
            prev_drug = next((f[2] for f in reversed(found) if f[2] in index.drugs
                              and not _aside(low, f[0] - sp.start)), found[-1][2])
            prev_i = i
            continue
        topic = _topic_at(topics, sp.start) if topics and not found else None
        if topic is not None and not (prev_drug in index.drugs and prev_i == i - 1
                                      and "\n\n" not in page.text[sents[i - 1].end:sp.start]):
            # A heading that names the drug ("Lunesta", "Xanax dosage") is what the blocks under it speak of: a
            # pronoun or a field line there refers to it, and any other sentence is read as one without the name.
            prev_drug, prev_i, prev_low = topic, i - 1, low_all[sents[i - 1].start:sents[i - 1].end]
            m = _PRONOUN.search(low)
            field = _FIELD_LINE.match(low) is not None
            sent = _Sentence(sp.start, end, low, implicit=m is None and not field, context=prev_low)
            sent.mentions[topic] = [(m.start(), m.end())] if m is not None and m.start() < 120 else [(0, 0)]
            sent.order.append((sent.mentions[topic][0][0], topic))
            out.append(sent)
            continue
        if prev_drug in index.drugs and prev_i == i - 1 and "\n\n" not in page.text[sents[i - 1].end:sp.start]:
            if out and (_asks_for_answer(out[-1], sents[i - 1]) or (
                    # "Tramadol? Not an opioid.": a name alone, set up as the topic, is what the next sentence speaks of
                    out[-1].end == sents[i - 1].end and _name_only(out[-1])) or (
                    # "Norco with a few beers? Totally safe.": a case put as a question, answered with a verdict
                    _VERDICT_ANSWER.match(low) is not None and _case_asked(out[-1], sents[i - 1]))) \
                    and end - sp.start <= _ANSWER_MAX_CHARS:
                # "What's the highest Zepbound dose? 20 mg a week.": the answer completes the question
                verdict = _VERDICT_ANSWER.match(low)
                asked = _asks_for_answer(out[-1], sents[i - 1]) or _name_only(out[-1])
                out[-1] = _with_answer(out[-1], sp.start, end, low_all, prev_drug, None if asked else verdict)
                prev_low = out[-1].low
                prev_i = i
                continue
            m = _PRONOUN.search(low)
            if m is not None and m.start() < 120:
                sent = _Sentence(sp.start, end, low, context=prev_low)
                sent.mentions[prev_drug] = [(m.start(), m.end())]
                sent.order.append((m.start(), prev_drug))
                out.append(sent)
                prev_i = i
                continue
            if not found:
                # A fact box's field ("DEA schedule: IV", "Class: benzodiazepine") is said of the drug the box
                # is about, as if it named it, and so is the next field.
                field = _FIELD_LINE.match(low) is not None
                sent = _Sentence(sp.start, end, low, implicit=not field, context=prev_low)
                sent.mentions[prev_drug] = [(0, 0)]
                sent.order.append((0, prev_drug))
                out.append(sent)
                if field:
                    prev_i = i
                    continue
        prev_drug = None
    if tables:
        out = sorted(out + tables, key=lambda t: t.start)
    return out


#: The most a heading may hold besides the drug's name to make it the topic of what follows ("Xanax dosage",
#: "About Lunesta (eszopiclone)"); a longer heading is a sentence of its own.
_TOPIC_MAX_CHARS = 60


def _heading_topics(page: Page, spans: list[tuple[int, int, str]], index: FactIndex) -> list[tuple[int, int, str]]:
    """(start, end, drug) for each stretch of an HTML page under a heading that names one drug with facts, up to the
    next heading: a leaflet's "<h2>Lunesta</h2><ul><li>Starting dose: 1 mg</li>..." speaks of Lunesta throughout."""
    heads = [b for b in page.blocks if b.kind == "h"]
    if not heads:
        return []
    out = []
    for k, h in enumerate(heads):
        if h.end - h.start > _TOPIC_MAX_CHARS:
            continue
        named = {d for s0, s1, d in spans if h.start <= s0 and s1 <= h.end}
        if len(named) != 1:
            continue
        drug = next(iter(named))
        if drug in index.drugs:
            out.append((h.end, heads[k + 1].start if k + 1 < len(heads) else len(page.text), drug))
    return out


def _topic_at(topics: list[tuple[int, int, str]], pos: int) -> str | None:
    return next((d for a, b, d in topics if a <= pos < b), None)


# A table written with pipes ("Drug | Max daily dose | Schedule", then "Vyvanse | 70 mg | II"), in Markdown or
# plain text: each row is read as the statement it makes, its cells labelled by the header's ("vyvanse; max daily
# dose: 70 mg; schedule: ii."), so that a cue in the header governs the amount in the row.
_CELL_SPLIT = re.compile(r"(?<![ \t])[ \t]*\|")  # tried from a blank run's start only: linear; cells stripped after
_TABLE_RULE_CHARS = frozenset(" \t|:+=-")
#: A table flattened onto one line, its rows joined by a dash ("Drug | Max -- Xanax | 4 mg").
_ROW_JOIN = re.compile(r"(?<![ \t])[ \t]+(?:--|\u2014|\u2013)[ \t]+")  # tried from a blank run's start only: linear
_MAX_TABLE_ROWS = 60
#: The name kinds the claim checker reads (street names too: "K-pin with your oxycodone").
_NAME_KINDS = ("generic", "brand", "street")


def _cells(line: str) -> list[str]:
    parts = [p.lstrip(" \t") for p in _CELL_SPLIT.split(line.strip())]
    if parts and not parts[0]:
        parts = parts[1:]  # Markdown's outer pipes
    if parts and not parts[-1]:
        parts = parts[:-1]
    return parts


def _table_sentences(page: Page, index: FactIndex) -> list[_Sentence]:
    """Each row of a pipe table that names a drug with facts, as a sentence spanning its header and itself."""
    out: list[_Sentence] = []
    header: list[str] | None = None
    columns: list[int] = []
    h_start = -1
    pos = 0
    for line in page.lower.split("\n"):
        l0, pos = pos, pos + len(line) + 1
        if "|" not in line:
            header = None
            continue
        if "-" in line and _TABLE_RULE_CHARS.issuperset(line):
            continue  # Markdown's |---|---| under the header
        parts = [_cells(part) for part in _ROW_JOIN.split(line)]
        if len(parts) > 1 and len({len(p) for p in parts}) == 1 and len(parts[0]) >= 2 and _is_header(parts[0]):
            header, h_start, rows = parts[0], l0, parts[1:]  # a table flattened onto one line
            columns = _drug_columns(header, index)
        else:
            rows = [_cells(line)]
            if len(rows[0]) < 2:
                header = None
                continue
            if header is None or len(rows[0]) != len(header):
                # the header of the rows below; a line with figures and none above it is a spec line of its own
                # ("Norco 10/325 | 1 tablet every 4 to 6 hours"), read as a sentence, or, where a label carries the
                # unit its figure lacks ("| Nuvigil, usual adult dose (mg/day) | 1000 |"), read with the unit
                header, h_start = (rows[0] if _is_header(rows[0]) else None), l0
                columns = _drug_columns(header, index) if header is not None else []
                if header is None and any(_LABEL_UNIT.search(c) for c in rows[0]):
                    out.extend(_table_rows(rows[0], None, [], l0, l0 + len(line), index))
                continue
        for cells in rows[:_MAX_TABLE_ROWS]:
            out.extend(_table_rows(cells, header, columns, h_start, l0 + len(line), index))
    return out


#: A unit a table gives in its label ("Max (mg/day)", "frequency (doses per week)") rather than in its cells.
_LABEL_UNIT = re.compile(r"(?<!\s)\s*\(((?:mg|mcg|doses?|tablets?|capsules?|pills?)(?:\s*/\s*|\s+(?:per|a|each)\s+)?(?:day|week|hour|dose)?)\)\s*$")
_BARE_FIGURE = re.compile(r"(?<![\w.])(?:up\s+to\s+)?\d+(?:\.\d+)?(?:\s*(?:-|\u2013|to)\s*\d+(?:\.\d+)?)?(?=\s*(?:[,;(]|$))")


def _with_unit(label: str, cell: str) -> str:
    """"label: cell", the label's unit put after a bare figure in the cell ("max (mg/day)", "70" -> "max: 70 mg a day")."""
    m = _LABEL_UNIT.search(label)
    if m is None:
        return f"{label}: {cell}"
    unit = re.sub(r"\s*/\s*", " a ", m.group(1))
    figure = _BARE_FIGURE.match(cell.strip())
    if figure is None:
        return f"{label[:m.start()]}: {cell}"
    rest = cell.strip()[figure.end():]
    return f"{label[:m.start()]}: {figure.group()} {unit}{rest}"


def _is_header(cells: list[str]) -> bool:
    """A header labels columns: words without figures ("Drug", "Max/day", "DEA schedule")."""
    return not any(c.isdigit() for cell in cells for c in cell)


def _labels(header: list[str]) -> list[str]:
    return [h.rstrip("?: ") for h in header]


def _drug_columns(header: list[str], index: FactIndex) -> list[int]:
    """The columns after the first whose header names a drug with facts ("| | Xanax | Valium |")."""
    find = dictionary().find
    return [k for k, label in enumerate(_labels(header)) if k and any(m.drug in index.drugs for m in find(label, kinds=_NAME_KINDS))]


def _table_rows(cells: list[str], header: list[str] | None, columns: list[int], start: int, end: int,
                index: FactIndex) -> list[_Sentence]:
    """The statements a row makes: one per drug column where the header names drugs, else one for the row, each
    cell after the first labelled by its column."""
    labels = _labels(header) if header is not None else [""] * len(cells)
    columns = [k for k in columns if k < len(cells)]
    if columns:
        texts = [f"{labels[k]}; {_with_unit(cells[0], cells[k])}." for k in columns]
    elif header is None:
        # a spec line with its unit in the label ("| Nuvigil, usual adult dose (mg/day) | 1000 |")
        texts = ["; ".join(_with_unit(cells[k], cells[k + 1]) for k in range(0, len(cells) - 1, 2)) + "."]
    else:
        texts = ["; ".join(_with_unit(labels[k], cell) if k > 0 and labels[k] else cell
                           for k, cell in enumerate(cells)) + "."]
    out = []
    for text in texts:
        found = [m for m in dictionary().find(text, kinds=_NAME_KINDS) if m.drug in index.drugs]
        if not found:
            continue
        sent = _Sentence(start, end, text)
        for m in found:
            sent.mentions.setdefault(m.drug, []).append((m.start, m.end))
            sent.order.append((m.start, m.drug))
        if len(sent.mentions) > 1:
            sent.asides = frozenset(p for p, _ in sent.order if _aside(text, p))
        out.append(sent)
    return out


#: A question that asks for an amount, a time, a kind or a place rather than a yes or a no.
_ASKS_FOR = re.compile(r"^\W*(?:q\s*[:.)-]\s*)?(?:how\s+(?:much|many|long|often|soon|fast|quickly|late|early|high|low)|"
                       r"what(?:['’]s|\s+is|\s+are|\s+was)?|when|which)\b")
#: The answer a wh-question gets is short: one sentence, not the next paragraph's argument.
_ANSWER_MAX_CHARS = 240


def _asks_for_answer(sent: _Sentence, sp: Span) -> bool:
    """Whether ``sent`` is a whole sentence asking, of the drug it names, for a dose, a time or a kind."""
    return (sent.end == sp.end and not sent.implicit and not sent.context and sent.low.rstrip().endswith("?")
            and _ASKS_FOR.match(sent.low) is not None)


#: An answer that opens with a verdict on the case asked before it ("Totally safe combo", "No big deal, keep taking it",
#: "Yes, it's fine"). A "no" alone is left out: it may deny the case rather than answer that it is harmless.
_VERDICT_ANSWER = re.compile(
    r"^\W*(?:(?:yes|yep|yeah|sure|honestly|nah|nope)\b[\s,!.:-]*)?(?:(?:it['’]s|that['’]s|it\s+is|that\s+is|they['’]re)\s+)?"
    r"(?:totally\s+|completely\s+|perfectly\s+|absolutely\s+|100%\s+)?"
    r"(?:safe|fine|ok|okay|harmless|no\s+(?:big\s+)?(?:deal|problem|worries|issue)|not\s+a\s+(?:dealbreaker|problem|big\s+deal|concern|issue)|"
    r"nothing\s+to\s+worry|don['’]?t\s+worry)\b")


def _case_asked(sent: _Sentence, sp: Span) -> bool:
    """Whether ``sent`` is a whole, short question that puts a case of the drug it names ("Norco plus a few beers?",
    "Sleepwalked on Lunesta once?") rather than asking what, how or why."""
    low = sent.low.rstrip()
    return (sent.end == sp.end and not sent.implicit and not sent.context and low.endswith("?")
            and len(low) <= _SITUATION_MAX_CHARS and _WH_QUESTION.match(low) is None and _AUX_QUESTION.match(low) is None)


#: "Can I take X with Y? Yeah, it's fine.": a yes/no question asked of the reader's plan is answered by the rules
#: for asked permits (``_ASKED_PERMIT``), not read as a case.
_AUX_QUESTION = re.compile(r"^[\W_]*(?:q\s*[:.)-]\s*)?(?:can|could|is|are|does|do|should|will|would|may|might|am|has|have)\b")


def _with_answer(q: _Sentence, a0: int, a1: int, low_all: str, drug: str, verdict: re.Match[str] | None = None) -> _Sentence:
    """The question and its answer read as one statement, the question's "?" a colon: "what's the highest
    zepbound dose: 20 mg a week." (same length, so spans stay where they are). A pronoun opening the answer
    ("It's a stimulant") names the drug asked about, as it would in a sentence of its own. A case answered with a
    ``verdict`` ("Sleepwalked on Lunesta? No big deal, keep taking it") is the condition of what the answer says
    after the verdict, as a situation asked before a claim is."""
    mark = q.low.rstrip().rfind("?")
    # a verdict's case reads as a condition ("sleepwalked on lunesta, no big deal"), as a situation asked does
    low = q.low[:mark] + ("," if verdict is not None else ":") + q.low[mark + 1:] + low_all[q.end:a1]
    mentions = {d: list(sps) for d, sps in q.mentions.items()}
    order = list(q.order)
    m = _PRONOUN.search(low_all, a0, min(a1, a0 + 120))
    if m is not None:
        pos = m.start() - q.start
        mentions.setdefault(drug, []).append((pos, m.end() - q.start))
        order.append((pos, drug))
    cond = q.cond
    if verdict is not None:
        cond = a0 - q.start + verdict.end()
        comma = re.match(r"\s*,", low[cond:])
        cond += comma.end() if comma else 0
    return _Sentence(q.start, a1, low, mentions, order, q.asides, cond=cond)


#: A question a page asks of its reader rather than of a drug: what, how, why ... ask for an answer, not a case.
_WH_QUESTION = re.compile(r"^\W*(?:q\s*[:.)-]\s*)?(?:how|what|what's|when|why|where|which|who|whose|whom)\b")
#: A situation posed as a question is short ("Just had a heart attack?", "Been prescribed ketoconazole?").
_SITUATION_MAX_CHARS = 160


def _situation(page: Page, q: Span, sp: Span) -> bool:
    """Whether the sentence ``q`` before ``sp`` poses the reader's situation as a question, the condition of the
    claim that follows ("Pregnant? ...", "On dialysis? ...", "Do you have asthma? ..."): a short question in the same
    paragraph that names no drug and asks no what, how or why."""
    if q.end - q.start > _SITUATION_MAX_CHARS or "\n\n" in page.text[q.end:sp.start]:
        return False
    low = page.lower[q.start:q.end].rstrip()
    return (low.endswith("?") and _WH_QUESTION.match(low) is None and _YES_NO_ASKED_OF_DRUG.search(low) is None
            and (_READER.search(low) is not None or _CASE_OPENING.match(low) is not None))


#: The situation is the reader's: addressed to them ("Do you have asthma?", "Is your child under 12?") or opened as
#: a case in a participle or state with the subject left out ("Just had surgery?", "Taking ritonavir?", "Pregnant?").
#: A headline's noun phrase ("Trippy depression treatment?") is neither.
_READER = re.compile(r"\byou(?:r|rs|['’](?:re|ve|ll|d))?\b")
_CASE_OPENING = re.compile(r"^\W*(?:(?:just|recently|already|currently|still|newly)\s+)?(?:[a-z]+(?:ed|ing)|had|been|got|gotten|on|over|"
                           r"under|pregnant|breastfeeding|nursing|allergic|planning|heading|due)\b|"
                           # a history asked about ("Family history of thyroid cancer?") or the case of someone the
                           # reader cares for ("Grandma has glaucoma?", "Your dad has sleep apnea?")
                           r"^\W*(?:(?:a|any)\s+)?(?:family\s+|personal\s+)?history\s+of\b|"
                           r"^\W*(?:(?:my|your|his|her|their|our|the)\s+)?(?:mom|mum|mother|dad|father|grandma|grandpa|granny|"
                           r"grandmother|grandfather|husband|wife|partner|son|daughter|kid|child|baby|teen|patient|friend|sister|"
                           r"brother|aunt|uncle|cousin|neighbou?r|roommate|coworker|boss|client|resident)\s+(?:has|had|is|was|also\s+has)\b")
#: "Is it safe?", "Does this work?": a question about the drug the page goes on to answer, not a situation.
_YES_NO_ASKED_OF_DRUG = re.compile(r"^\W*(?:q\s*[:.)-]\s*)?(?:is|are|does|do|can|will|would|should|could)\s+"
                                   r"(?:it|this|that|these|they|them)\b")


def _with_situation(sent: _Sentence, q: Span, low_all: str) -> _Sentence:
    """The sentence read with the situation asked before it as its condition: one span from the question, its
    "?" a comma."""
    shift = sent.start - q.start
    head = low_all[q.start:sent.start]
    mark = head.rstrip().rfind("?")
    head = head[:mark] + "," + head[mark + 1:]
    return _Sentence(
        q.start, sent.end, head + sent.low,
        {d: [(a + shift, b + shift) for a, b in sps] for d, sps in sent.mentions.items()},
        [(p + shift, d) for p, d in sent.order], cond=mark + 1)


def _extra_mentions(low: str, index: FactIndex) -> list[tuple[int, int, str]]:
    out = []
    for end_idx, (length, drug, _kind) in index.extra_names.iter(low):  # type: ignore[attr-defined]
        s, e = end_idx - length + 1, end_idx + 1
        if (s > 0 and low[s - 1].isalnum()) or (e < len(low) and low[e].isalnum()):
            continue
        out.append((s, e, drug))
    return out


def _term_hits(low: str, index: FactIndex, drugs) -> list[tuple[int, int, str, object, str]]:
    """(start, end, drug, fact, role) for every whole-word term (plural -s/-es allowed) in the sentence."""
    out = []
    if index.automaton is None:
        return out
    n = len(low)
    # Hyphens and spaces are one separator to the automaton ("birth-control pills" meets "birth control pills");
    # the swap keeps every offset, and word boundaries are still read from the sentence itself.
    for end_idx, (length, vals) in index.automaton.iter(low.replace("-", " ")):  # type: ignore[attr-defined]
        s, e = end_idx - length + 1, end_idx + 1
        if s > 0 and (low[s - 1].isalnum() or low[s - 1] == "-"):
            continue
        if e < n and low[e].isalnum():
            if low[e] == "s" and (e + 1 == n or not low[e + 1].isalnum()):
                e += 1
            elif low[e:e + 2] == "es" and (e + 2 == n or not low[e + 2].isalnum()):
                e += 2
            else:
                continue
        for drug, fact, role in vals:
            if drug in drugs:
                out.append((s, e, drug, fact, role))
        if len(out) >= _MAX_TERM_HITS:
            break
    return out


# --------------------------------------------------------------------------------------------------
# judging one sentence about one drug


def _judge(sent: _Sentence, drug: str, spans: list[tuple[int, int]], di: DrugIndex, index: FactIndex,
           terms: list, lex: Lexicon) -> tuple[_Hit | None, bool]:
    s = sent.low
    mention_spans = [sp for spans_ in sent.mentions.values() for sp in spans_]
    others = [sp for d2, sps in sent.mentions.items() if d2 != drug for sp in sps]
    multi = len(sent.mentions) > 1

    # "Unlike Ritalin, Strattera is not habit-forming": a drug named only as the contrast owns no claim.
    contrast_only = not multi and all(_contrasted(s, p) for p, _ in sent.order)

    def owned(pos: int) -> bool:
        return not contrast_only if not multi else _owner(sent, pos) == drug

    def in_mention(a: int, b: int) -> bool:
        return any(a < m1 and m0 < b for m0, m1 in mention_spans)

    contra: list[_Hit] = []
    benefit: list[_Hit] = []
    support: list[_Hit] = []
    weak: list[_Hit] = []
    agents_present = any(role == AGENT and d == drug for _, _, d, _, role in terms)
    # A term alone says the sentence is about the drug only where the drug is named: a sentence after the name
    # is read by the rules below, which need a cue (a dose, a direction, "safe for").
    for t0, t1, d, fact, role in () if sent.implicit else terms:
        ftype = fact.type
        # A false class word may itself be a drug name ("modafinil is an amphetamine").
        if d != drug or role == AGENT or (in_mention(t0, t1) and not (role == FALSE and ftype == "class")):
            continue
        if t0 and s[t0 - 1] == "#":
            continue  # "#insomnia" tags a post's topic; it claims nothing about the drug
        if ftype == "class":
            if _WORKS_AS.search(s, max(0, t0 - 30), t0):
                continue  # "works as an antidepressant for ...": an effect claimed, not the drug's class
            if _MODIFIER_AFTER.match(s, t1):
                # "opioid antagonist", "benzodiazepine receptor agonist", "opioid-naive": not that class, and
                # not its denial either ("not for opioid-naive patients")
                continue
            ok, neg = _class_attributed(sent, spans, t0, t1, role == FALSE, others)
            if not ok:
                continue
            if neg and _QUALIFIED_CLASS.search(s, max(0, t0 - 25), t0):
                continue  # "isn't a pure opioid": the qualifier is denied, not the class
            if role == FALSE:
                (support if neg else contra).append(_Hit(t0, t1, "supported" if neg else "contradicted", "class", fact,
                                                         f"'{s[t0:t1]}'" + (" (negated)" if neg else "")))
            else:
                (contra if neg else support).append(_Hit(t0, t1, "contradicted" if neg else "supported", "class", fact,
                                                         f"'{s[t0:t1]}'" + (" (negated)" if neg else "")))
            continue
        if role == FALSE:
            continue
        if ftype == "interaction" and not agents_present:
            continue
        if ftype == "indication" and _BEHAVIOURAL.search(s, max(0, t0 - 40), t0) and _ADDICTION_WORD.fullmatch(s, t0, t1):
            continue  # "gambling and shopping addictions" are not the substance addiction a label treats
        if ftype == "indication" and owned(t0) and _APPROVAL_DENIED.search(s, max(0, t0 - 60), t0) and _one_product_named(s, di):
            # "the FDA has never approved tadalafil for enlarged-prostate symptoms": an approved use denied of the drug
            # itself ("Revatio is not approved for ED" is true of that brand)
            contra.append(_Hit(t0, t1, "contradicted", "indication", fact, f"'{s[t0:t1]}' denied; an approved use"))
            continue
        if _negated(s, t0, lex):
            if ftype in ("risk", "boxed_warning") and owned(t0) and _denies_risk(s, t0, t1, di):
                contra.append(_Hit(t0, t1, "contradicted", "risk", fact, f"'{s[t0:t1]}' denied; a labelled risk"))
            continue
        ctype = _TYPE_OF_FACT.get(ftype, ftype)
        support.append(_Hit(t0, t1, "supported", ctype, fact, f"'{s[t0:t1]}'"))
    for pm in () if sent.implicit else di.predicates:
        if pm.when is not None and not sent.names(pm.when):
            continue  # "any pharmacy can fill it" is true of methadone for pain, false of it for addiction
        for m in pm.pattern.finditer(s):
            if in_mention(m.start(), m.end()) and m.end() - m.start() <= 12:
                continue
            neg = _negated(s, m.start(), lex)
            fact = pm.fact
            ctype = fact.claim_type or ("mechanism" if fact.type == "mechanism" else _TYPE_OF_FACT.get(fact.type, fact.type))
            phrase = f"'{s[m.start():m.end()]}'"
            if pm.role == SUPPORT:
                if not neg:
                    support.append(_Hit(m.start(), m.end(), "supported", ctype, fact, phrase))
            elif fact.type == "false_claim" and fact.verdict == "unsupported":
                if not neg and owned(m.start()):
                    benefit.append(_Hit(m.start(), m.end(), "unsupported", ctype, fact, phrase))
            elif neg:
                support.append(_Hit(m.start(), m.end(), "supported", ctype, fact, phrase + " (negated)"))
            elif owned(m.start()) or _object_of(m, drug, sent, others):
                contra.append(_Hit(m.start(), m.end(), "contradicted", ctype, fact, phrase))
            break
    # Cheap substring tests keep the rarer matchers off most sentences.
    if _LEGAL_HINT.search(s):
        _legal(s, di, owned, lex, contra, support)
    # Without the name, only rules that read a number, a direction or a way of taking it judge the sentence:
    # a group, a denial or another drug ("No therapeutics have been proven for ...") may be the sentence's
    # own subject.
    named = not sent.implicit
    if named and _DENIAL_HINT.search(s):
        _denials(s, di, owned, lex, contra)
    if named and "box" in s:
        _boxed_denied(s, di, owned, contra)
    if di.half_life is not None and (halflife.TRIGGER.search(s) or halflife.DURATION.search(s)):
        _half_life(sent, drug, di, index, contra, support, weak, owned, lex)
    if named and di.potency is not None and _POTENCY_HINT.search(s):
        _potency(sent, drug, spans, di, index, owned, lex, contra, support, weak)
    if named and multi and "same" in s:
        _same_class(sent, drug, di, index, lex, contra, support)
    if named and multi and not contra and _IDENTITY_HINT.search(s):
        _same_drug(sent, drug, di, contra)
    if named and agents_present and _SAFE_HINT.search(s):
        _combination_called_safe(s, drug, terms, lex, contra, support)
    if named and agents_present and _FORBID_COMBO.match(s):
        _combination_forbidden(s, drug, terms, support, _FORBID_COMBO)
    elif named and agents_present and not support and _FORBID_COMBO_PASSIVE.match(s):
        # after the other rules: a risk the label names for the pair ("must not be combined with nitrates") says it already
        _combination_forbidden(s, drug, terms, support, _FORBID_COMBO_PASSIVE)
    if named and di.not_for:
        _not_for(sent, di, owned, lex, contra, support)
    if named and di.dose_adjust and _DOSE_HINT.search(s):
        _dose_adjust(s, di, owned, lex, contra, support)
    if _STOP_HINT.search(s):
        _abrupt_stop(s, di, owned, contra, support)
    if di.direction:
        _direction(s, di, owned, lex, contra, support)
    if di.administration:
        _administration(sent, di, owned, contra, support)
    if di.doses and _AMOUNT_HINT.search(s):
        _doses(sent, di, owned, lex, contra, support)
    if named and di.doses and _LIMIT_HINT.search(s):
        _no_dose_limit(s, di, owned, lex, contra)
    if di.intervals:
        _interval(s, di, contra, support)
    if di.food and _FOOD_HINT.search(s):
        _food(sent, di, owned, contra, support)
    if di.frequency and _FREQ_HINT.search(s):
        _frequency(s, spans, di, owned, contra, support)
    if named and di.duration and _DURATION_HINT.search(s):
        _duration(s, di, owned, contra, support)
    if named and di.targets:
        _wrong_target(s, di, owned, lex, contra, support)
    benefit_spans: list[tuple[int, int]] = []
    for cat, rx in (lex.benefits if not sent.implicit and lex.any_benefit.search(s) else ()):
        for m in rx.finditer(s):
            b0, b1 = m.start(), m.end()
            benefit_spans.append((b0, b1))
            covered = any(h.start < b1 and b0 < h.end for h in support if h.claim_type in ("indication", "effect", "mechanism"))
            if not covered and cat in lex.on_object:
                covered = _object_backed(s[b0:b1], di)
            # A benefit a fact of the drug covers is that fact's claim; "cures X" stays unbacked unless it can cure.
            if covered and (cat not in lex.uncoverable or di.curative):
                continue
            if _negated(s, b0, lex) or not owned(b0):
                continue
            if any(h.start <= b0 and b1 <= h.end for h in benefit):
                continue
            benefit.append(_Hit(b0, b1, "unsupported", "benefit", None, f"'{s[b0:b1]}' ({cat.replace('_', ' ')})"))
            break
    if not contra and not sent.implicit and _ADDED_HINT.search(s):
        _added_benefit(s, owned, lex, support, benefit)
    if not contra and not sent.implicit and _USE_FRAME.search(s):
        _unknown_use(s, support, benefit, owned, lex)
    myth_denied: list[_Hit] = []
    if not contra and support and _MYTH_LABEL.match(s) and _MYTH_LIMITS.search(s) is None:
        # "Myth: Plaquenil can damage your retina.": the page denies what it labels a myth. Where the labelled
        # claim is false by the label, the rejection below makes it supported; where it is true, the denial is
        # the page's claim.
        myth_denied = [_Hit(h.start, h.end, "contradicted", h.claim_type, h.fact, h.note + "; the page calls it a myth")
                       for h in support]
        support = []
    untrue = _untrue(s) if contra or support or benefit else None
    if untrue is not None:
        # "It's not true that you have to wait two weeks": the page denies the claim it introduces, so what the
        # label backs is contradicted and what it contradicts is supported
        # the denial reaches to the end of its clause: "it's not true that X is uncontrolled; it's Schedule II" goes
        # on to state its own claim
        e = untrue.end()
        stop = _UNTRUE_SCOPE_END.search(s, e)
        f = stop.start() if stop else len(s)

        def denied(h: _Hit) -> bool:
            return e <= h.start < f
        myth_denied += [_Hit(h.start, h.end, "contradicted", h.claim_type, h.fact, h.note + "; the page calls it untrue")
                        for h in support if denied(h)]
        support = [h for h in support if not denied(h)] + [
            _Hit(h.start, h.end, "supported", h.claim_type, h.fact, h.note + "; the page calls it untrue") for h in contra if denied(h)]
        contra = [h for h in contra if not denied(h)]
        benefit = [h for h in benefit if not denied(h)]  # an unbacked benefit the page denies is no claim of it
    thought = _THOUGHT_DENIED.search(s) if (contra or support) and "but" in s else None
    if thought is not None:
        # "Many people think it weakens the pill, but actually that's a myth": what people think is what the page denies
        t0, t1 = thought.start("claim"), thought.end("claim")
        myth_denied += [_Hit(h.start, h.end, "contradicted", h.claim_type, h.fact, h.note + "; the page calls what people think a myth")
                        for h in support if t0 <= h.start < t1]
        support = [h for h in support if not t0 <= h.start < t1] + [
            _Hit(h.start, h.end, "supported", h.claim_type, h.fact, h.note + "; the page calls what people think a myth")
            for h in contra if t0 <= h.start < t1]
        contra = [h for h in contra if not t0 <= h.start < t1]
    needs_context = bool(contra or benefit)
    rejections = [(r.start(), r.end()) for r in lex.rejecting.finditer(s)] if needs_context else []
    rejecting = bool(rejections)
    reports = _reports(s, lex) if needs_context else []
    reporting = bool(reports)
    final_contra = []
    for h in contra:
        # "withdrawal is an old myth": a rejecting word inside the contradicted phrase is the claim itself
        if any(not (h.start <= r0 and r1 <= h.end) for r0, r1 in rejections):
            support.append(_Hit(h.start, h.end, "supported", h.claim_type, h.fact, h.note + "; the page rejects this claim"))
        elif any(not (h.start <= r0 and r1 <= h.end) for r0, r1 in reports):
            # and so is a reporting word inside it ("the emergency use authorization is still in effect")
            weak.append(_Hit(h.start, h.end, "unsupported", h.claim_type, h.fact, h.note + "; reported or under study, not asserted", True))
        elif _hedged_at(s, h.start, lex):
            weak.append(_Hit(h.start, h.end, "unsupported", h.claim_type, h.fact, h.note + "; hedged", True))
        else:
            final_contra.append(h)
    final_contra.extend(myth_denied)
    if rejecting or reporting:
        for h in benefit:
            h.reported = True
            h.note += "; reported or rejected, not asserted"
    if benefit_spans:
        # "prevents heart attacks": the heart attack is what a benefit acts on, not a risk the page states
        support = [h for h in support if h.claim_type != "risk"
                   or not any(b0 <= h.start and h.end <= b1 for b0, b1 in benefit_spans)]
    support.sort(key=lambda h: _PRIORITY.get(h.claim_type, 5))
    # A benefit only reported ("researchers say it undoes brain aging") is still the sentence's claim, ahead of a
    # use it happens to name; a benefit the page rejects leaves the sentence to what it states.
    chosen = (final_contra or [h for h in benefit if not h.reported] or (benefit if not rejecting else [])
              or support or benefit or weak)
    if not chosen:
        return None, False
    hit = chosen[0]
    overstated = _overstated(s, hit, lex, di, support)
    return hit, overstated


#: "It's not true that ...", "it is a myth that ...": what follows is what the page denies.
_UNTRUE = re.compile(r"\b(?:it|that|this)(?:(?:['’]s|\s+is)\s+(?:simply\s+|just\s+|actually\s+|absolutely\s+)?not|\s+isn['’]?t)\s+true\s+that\b|"
                     r"\b(?:it|that|this)(?:['’]s|\s+is)\s+(?:a|an|just\s+a)\s+(?:(?:common|popular|old|total|complete|dangerous)\s+)?myth\s+that\b|"
                     # "don't believe anyone who says X": the page rejects what it goes on to quote
                     r"\b(?:don['’]?t|do\s+not|never)\s+(?:believe|listen\s+to|trust)\s+(?:anyone|anybody|people|those|whoever|the\s+people)\s+"
                     r"(?:who\s+|that\s+)?(?:says?|tells?\s+you|claims?|insists?)\s+(?:that\s+)?")
#: What people are said to think, then called a myth or wrong by the page ("Many people think X, but actually that's a
#: myth"): X is denied.
_THOUGHT_DENIED = re.compile(
    r"\b(?:many|most|some|a\s+lot\s+of|lots\s+of)\s+(?:people|patients|users|folks|parents|women|men)\s+(?:still\s+)?"
    r"(?:think|believe|assume|worry|fear|are\s+told)\s+(?:that\s+)?(?P<claim>[^;:!?]{5,200}?),?\s+but\s+"
    r"(?:actually\s+|in\s+fact\s+|really\s+)?(?:that['’]s|that\s+is|this\s+is|it['’]s|it\s+is)\s+(?:just\s+|simply\s+)?"
    r"(?:(?:a|an)\s+)?(?:(?:common|old|total|popular)\s+)?(?:myth|wrong|not\s+true|false|untrue|misconception|mistake)\b")
#: A sentence labelled a myth ("Myth: ...", "MYTH #2 -", "A common myth:"): what follows is what the page denies.
_MYTH_LABEL = re.compile(r"^\W*(?:(?:a|the|one)\s+)?(?:(?:common|popular|big|biggest|persistent|dangerous)\s+)?myths?"
                         r"\s*(?:(?:#|no\.?\s*)?\d+\s*)?[:\u2013\u2014-]")
#: "Myth: tramadol is just a painkiller": the myth is the limit, and what the drug does is left standing.
_MYTH_LIMITS = re.compile(r"\b(?:only|just|merely|simply|nothing\s+but|no\s+more\s+than)\b")


#: A claim added to an approved use: "Besides treating lupus, Plaquenil reverses gray hair", "Wegovy, approved for
#: weight management, also rebuilds cartilage", "lowers A1C and clears up acne as a bonus".
_ADDED_HINT = re.compile(r"besides|beyond|aside\s+from|apart\s+from|on\s+top\s+of|in\s+addition\s+to|\balso\b|as\s+a\s+bonus")
_BESIDES = re.compile(r"\b(?:besides|beyond|aside\s+from|apart\s+from|on\s+top\s+of|in\s+addition\s+to)\b[^,.;:!?]{3,90},")
_ALSO = re.compile(r"\balso\b")
_BONUS = re.compile(r"\bas\s+a\s+bonus\b")
#: The claim added; a word of repair ("undo") makes a risk named after it the thing the benefit undoes.
_ADDED_CLAIM = re.compile(
    r"\b(?:(?P<undo>revers|rebuild|regrow|regenerat|repair|heal|restor|cure|fix)|strengthen|boost|improv|enhanc|sharpen|shield|"
    r"protect|prevent|reset|clear|speed|renew|rejuvenat|burn|melt|detox)\w*|\b(?:lower|reduc|cut)\w*\s+(?:your\s+|the\s+)?risk\b|"
    r"\bhelp\w*\s+(?:\w+\s+){0,2}?(?:recover|heal|regrow|repair|rebuild)\w*")


def _object_backed(claim: str, di: DrugIndex) -> bool:
    """Whether a use or effect of the drug names what the benefit acts on: "lowers blood sugar" for a diabetes
    drug, "protects the heart" for one approved to cut heart attacks, "repairs liver damage" for one approved
    for liver fibrosis. The object is the claim's last word; a sentence is otherwise free to name the drug's
    use beside a benefit it does not have ("protects your heart while you sleep")."""
    word = claim.rstrip().rsplit(None, 1)[-1].removesuffix("'s").removesuffix("\u2019s")
    if word in ("away", "faster", "quicker", "quickly", "fast", "together", "healing", "recovery", "regrowth"):
        return False
    stem = word[:-1] if word.endswith("s") and len(word) > 3 else word
    rx = re.compile(rf"\b{re.escape(stem)}")
    # A use that is a symptom of the organ ("cancer pain", "nerve pain", "joint swelling") does not back repairing the organ.
    return any(rx.search(t.lower()) and not _SYMPTOM_TERM.search(t.lower())
               for f in di.drug.facts if f.type in ("indication", "off_label", "effect") for t in f.terms)


_SYMPTOM_TERM = re.compile(r"\b(?:pain|pains|spasms?|symptoms?|neuralgia|swelling|stiffness|tenderness)$")


def _added_benefit(s: str, owned, lex: Lexicon, support: list[_Hit], benefit: list[_Hit]) -> None:
    """The claim a sentence adds to a use ("besides X, ...", "... also ...", "... as a bonus") is judged on its own:
    when no fact covers it, it is an unbacked benefit, though the use it rides on is approved."""
    besides = _BESIDES.search(s)
    if besides is not None:
        a, b = besides.end(), len(s)
    else:
        also = _ALSO.search(s)
        bonus = _BONUS.search(s)
        if also is not None:
            a, b = also.start(), len(s)
        elif bonus is not None:
            a, b = s.rfind(" and ", 0, bonus.start()), bonus.start()
        else:
            return
        # "also" adds to something the page already said that a fact backs
        if a < 0 or not any(h.end <= a for h in support):
            return
    m = _ADDED_CLAIM.search(s, a, b)
    if m is None or not owned(m.start()) or _negated(s, m.start(), lex):
        return
    # The added claim is itself one a fact covers ("also lowers PSA") or a known benefit; a risk named after a
    # word of repair is what the benefit claims to undo ("repairs liver damage").
    undo = m.group("undo") is not None
    if any(h.start < b and a < h.end and not (undo and h.claim_type == "risk" and h.start > m.start()) for h in support + benefit):
        return
    nxt = _CLAUSE.search(s, m.end())
    end = nxt.start() if nxt else b
    benefit.append(_Hit(m.start(), end, "unsupported", "benefit", None, f"'{s[m.start():end].strip()}' (a benefit added to an approved use)"))


#: Advice a page passes on from someone's own clinician ("my doctor says I can take 40 mg") or from a friend
#: or relative ("my buddy says they don't really interact") is given as true, the way a forum passes it on;
#: a news report's "the doctor said" stays a report.
#: The writer's own belief ("I think the max is around 10 mg") asserts what follows, unlike others' ("experts think").
_OWN_BELIEF = re.compile(r"\b(?:i|we)\s+(?:really\s+|honestly\s+|still\s+)?(?:think|believe)\b")
_OWN_CIRCLE_SAYS = re.compile(
    r"\b(?:my|her|his|our|your|their)\s+(?:\w+\s+)?(?:doctor|doc|gp|physician|psychiatrist|pharmacist|nurse|surgeon|"
    r"neurologist|rheumatologist|prescriber|clinic|provider|specialist|cardiologist|urologist|dermatologist|"
    r"pediatrician|paediatrician|oncologist|dentist|therapist|endo|endocrinologist|psych|ob-?gyn|gyno|"
    r"friend|buddy|pal|mate|cousin|brother|sister|mom|mum|mother|dad|father|uncle|aunt|neighbou?r|co-?worker|"
    r"roommate|flatmate|boyfriend|girlfriend|husband|wife|partner|trainer|coach)s?\s+(?:\w+\s+)?"
    r"(?:says?|said|told\s+(?:me|us|him|her|them))\b|"
    # the page's own sources: "pharmacists we spoke to say", "doctors interviewed for the story said", "a surgeon
    # quoted in the report said": the page tells it as what its experts know, not as a view it keeps at a distance
    r"\b(?:doctors?|physicians?|pharmacists?|experts?|nurses?|surgeons?|specialists?|clinicians?|psychiatrists?|"
    r"researchers?)[ \t](?:(?:we|i)[ \t](?:spoke|talked)[ \t](?:to|with)|(?:we|i)[ \t](?:interviewed|consulted|asked)|"
    r"(?:interviewed|quoted)[ \t](?:for|in|by)[ \t](?:this|the|our)[ \t](?:story|article|piece|report))[ \t]"
    r"(?:[\w'’-]+[ \t]){0,2}?(?:says?|said|told[ \t]\w+|pointed[ \t]out|explained|noted|agreed|stressed)\b")


#: A behaviour named before a bare addiction word: a habit, not the substance dependence a label treats.
_BEHAVIOURAL = re.compile(r"\b(?:gambling|shopping|spending|sex|porn(?:ography)?|gaming|video[- ]games?|internet|phone|"
                          r"social\s+media|food|sugar|work|exercise)\s+(?:(?:and|or|&)\s+[\w-]+\s+)?$")
_ADDICTION_WORD = re.compile(r"addictions?|compulsions?|cravings?|relapses?")


#: The page citing the label for what it says ("according to the label, up to 600 mg is fine") asserts it; a claim
#: attributed to a study, an expert or a news source is only reported.
_CITES_LABEL = re.compile(
    r"\baccording\s+to\s+(?:the\s+|its\s+)?(?:official\s+|fda\s+|us\s+|drug\s+|product\s+|patient\s+)?(?:label(?:ing)?|"
    r"prescribing\s+information|package\s+insert|insert|leaflet|medication\s+guide|monograph)\b|"
    r"\b(?:the|its)\s+(?:official\s+|fda\s+|drug\s+)?(?:label|leaflet|package\s+insert|prescribing\s+information)\s+(?:says|said|states)\b|"
    # the regulator whose label and schedules the facts come from: what the page puts in its mouth is checked
    r"\baccording\s+to\s+(?:the\s+)?(?:fda|dea|u\.?s\.?\s+food\s+and\s+drug\s+administration)\b|\bthe\s+(?:fda|dea)\s+(?:says|states)\b|"
    # the law itself: "federal drug rules say", "DEA regulations state"
    r"\b(?:federal|dea|fda|us|u\.s\.)\s+(?:drug\s+)?(?:rules|law|laws|regulations|schedules)\s+(?:say|says|state|states)\b")


def _reports(s: str, lex: Lexicon) -> list[tuple[int, int]]:
    """The words that tell a claim as reported or under study, less those of the page's own voice."""
    own = [(m.start(), m.end()) for rx in (_OWN_CIRCLE_SAYS, _CITES_LABEL, _OWN_BELIEF) for m in rx.finditer(s)]
    return [(m.start(), m.end()) for m in lex.reporting.finditer(s) if not any(a <= m.start() and m.end() <= b for a, b in own)]



def _object_of(m: re.Match[str], drug: str, sent: _Sentence, others: list[tuple[int, int]]) -> bool:
    """"Narcan doesn't work on fentanyl": a false predicate that names another drug as its subject is said of
    the drug named after that."""
    return any(m.start() <= p0 < m.end() for p0, _ in others) and any(p0 >= m.start() for p0, _ in sent.mentions[drug])


def _unknown_use(s: str, support: list[_Hit], benefit: list[_Hit], owned, lex: Lexicon) -> None:
    """'X treats / is used for <condition>' where no fact of X names that condition: an unbacked use."""
    for m in _USE_FRAME.finditer(s):
        if not owned(m.start()) or _negated(s, m.start(), lex):
            continue
        stop = _NP_END.search(s, m.end())
        end = min(stop.start() if stop else len(s), m.end() + 80)
        # A named use of the drug in the phrase covers the rest of it ("nerve pain caused by shingles").
        if any(m.end() <= h.start < end for h in (*support, *benefit)):
            continue
        for c in lex.conditions.finditer(s, m.end(), end):
            c0, c1 = c.start(), c.end()
            if any(h.start < c1 and c0 < h.end for h in (*support, *benefit)):
                continue
            benefit.append(_Hit(c0, c1, "unsupported", "indication", None,
                                f"use for '{s[c0:c1]}' that no fact of this drug names"))
            return


def _hedged_at(s: str, pos: int, lex: Lexicon) -> bool:
    """A hedge in the clause that holds ``pos`` ("X might have antiviral effects")."""
    start = 0
    for m in _CLAUSE.finditer(s, 0, pos):
        start = m.end()
    nxt = _CLAUSE.search(s, pos)
    return lex.hedge.search(s, start, nxt.start() if nxt else len(s)) is not None


def _owner(sent: _Sentence, pos: int) -> str:
    """The drug a phrase at ``pos`` is said of: the last drug named before it, passing over names in an
    aside ("Ozempic, unlike amphetamine-based pills, is not habit-forming" is said of Ozempic)."""
    best = sent.order[0][1]
    for p, d in sorted(sent.order):
        if p <= pos and p not in sent.asides:
            best = d
    return best


def _aside(s: str, pos: int) -> bool:
    """Whether the drug named at ``pos`` is only a point of comparison or a modifier ("unlike X", "X-based")."""
    if _contrasted(s, pos) or _WITH_BEFORE.search(s, max(0, pos - 40), pos) or _CLASS_NOUN_BEFORE.search(s, max(0, pos - 20), pos):
        return True
    m = _NAME_END.match(s, pos)
    return m is not None and _MODIFIER_NAME.match(s, m.end()) is not None


def _contrasted(s: str, pos: int) -> bool:
    """Whether the drug named at ``pos`` follows a contrast ("unlike X", "compared with X")."""
    return _CONTRAST_BEFORE.search(s, max(0, pos - 40), pos) is not None


#: "Ritalin isn't an amphetamine, it ...": a drug named as what another is (or is not) stands for its class.
_CLASS_NOUN_BEFORE = re.compile(r"\b(?:is|isn['’]?t|are|aren['’]?t|was|wasn['’]?t|not)\s+an?\s+$")
#: "X, often mixed with fentanyl, is not an opioid": a drug named after "with" is not the subject.
_WITH_BEFORE = re.compile(r"\bwith\s+(?:[\w-]+\s+){0,2}$")
_NAME_END = re.compile(r"\w+")  # the (first) word of the name; enough to see a suffix such as "-based"
# "chloroquine-resistant malaria", "opioid-induced constipation": the name describes something else
_MODIFIER_NAME = re.compile(r"-(?:based|like|type|containing|free|style|resistant|sensitive|induced|tolerant)\b")


@lru_cache(maxsize=512)
def _marks(s: str) -> tuple[tuple[int, ...], tuple[tuple[int, int], ...]]:
    """Clause-boundary ends and negation-cue spans of a sentence, found once for all its findings."""
    lex = lexicon()
    untrue = _untrue(s)
    ends = [m.end() for m in _CLAUSE.finditer(s)]
    negs = [(m.start(), m.end()) for m in lex.negation.finditer(s)]
    if untrue is not None:
        # "it's not true that ...": the "not" denies the whole clause after it (read by the caller), not the
        # words next to it, and that clause starts afresh
        ends = sorted({*ends, untrue.end()})
        negs = [(a, b) for a, b in negs if not (untrue.start() <= a < untrue.end())]
    return tuple(ends), tuple(negs)


def _clause_start(s: str, pos: int) -> int:
    """Where the clause holding ``pos`` begins (after the last comma, semicolon, "but" ... before it)."""
    ends = _marks(s)[0]
    i = bisect.bisect_right(ends, pos) - 1
    return ends[i] if i >= 0 else 0


#: Where a denied claim ends: a semicolon, a dash between clauses, or a sentence break inside a merged sentence.
# a colon after the denied clause opens the page's own account ("it's not true that X isn't controlled: it is Schedule V")
_UNTRUE_SCOPE_END = re.compile(r";|:\s|\s[\u2013\u2014-]\s|\u2014|[.!?]\s")


@lru_cache(maxsize=512)
def _untrue(s: str) -> re.Match[str] | None:
    """Where a sentence says "it's not true that" (read once for the negation marks and for the verdict)."""
    return _UNTRUE.search(s) if "true" in s or "myth" in s or "believe" in s or "listen" in s or "trust" in s else None


_SENTENCE_BREAK = re.compile(r"[.!?]\s")


def _negated(s: str, pos: int, lex: Lexicon) -> bool:
    """Whether a negation cue governs the words at ``pos`` (same clause, a few words before)."""
    negs = _marks(s)[1]
    clause_start = _clause_start(s, pos)
    window_start = max(clause_start, pos - 45)
    # a sentence read with the one before it ("Is it addictive? No. It blocks opioid receptors"): the "No"
    # answers the question and does not reach into the next sentence
    for b in _SENTENCE_BREAK.finditer(s, window_start, pos):
        window_start = b.end()
    if not any(window_start <= a and b <= pos for a, b in negs):
        return False
    window = s[window_start:pos]
    if _NOT_ONLY.search(window):
        return False
    # Advice ("do not drink alcohol while taking it", "must not be combined with ...") is not a denial.
    clause = s[clause_start:pos]
    return _IMPERATIVE.match(clause) is None and _ADVICE.search(clause) is None


def _class_attributed(sent: _Sentence, spans: list[tuple[int, int]], t0: int, t1: int, is_false: bool,
                      others: list[tuple[int, int]] = ()) -> tuple[bool, bool]:
    """Whether the class word at ``t0:t1`` is said of the drug named at ``spans`` (and whether negated).

    ``others`` are the spans of the other drugs in the sentence: a class word already said of one of them
    ("unlike oxycodone, which is an opioid, diazepam ...") is not also said of the drug named after it.
    """
    s = sent.low
    for m0, m1 in spans:
        if m1 <= t0:
            if any(m1 <= o0 < t0 for o0, _o1 in others):
                continue  # another drug is named in between: the word is closer to it
            found = _attribution(s, m1, t0)
            if found is None:
                continue
            gap, appositive = found
            if not appositive and m0 in sent.asides:
                continue  # "X, often mixed with fentanyl, is not an opioid" is said of X
            # "isn't an opioid at all - it's an NSAID": a negation before a dash or "it's" denies the earlier word
            gap = _RESTATED.split(gap)[-1]
            neg = re.search(r"\bnot\b|" + NT + r"\b|\bnever\b|\bno\s+longer\b|\bneither\b|\bnor\b|\bnon-?$", gap) is not None
            if neg and _NOT_ONLY.search(gap):
                neg = False
            return True, neg
        if t1 <= m0:
            gap = s[t1:m0]
            if len(gap) <= 60 and (_BEFORE_FALSE if is_false else _BEFORE_TRUE).match(_tokens(gap)):
                if _CONTRAST_BEFORE.search(s, max(0, t0 - 60), t0) or any(
                        o1 <= t0 and _attribution(s, o1, t0) for _o0, o1 in others):
                    return False, False  # "unlike benzodiazepines, X ...", "unlike Y, which is a Z, X ..."
                return True, False
    return False, False


def _attribution(s: str, m1: int, t0: int) -> tuple[str, bool] | None:
    """How the words between a drug name ending at ``m1`` and a class word at ``t0`` say the one of the
    other: ``(gap, appositive)`` ("X, a Z", "X, which is a Z": True; "X is a Z": False), or None."""
    gap = _BELONGS.sub(" is ", s[m1:t0])
    if len(gap) <= 200 and _CLASS_FIELD.search(s, max(m1, t0 - 40), t0):
        return ":", False  # a fact box: "Lorazepam (Ativan). Class: benzodiazepine."
    if _APPOSITIVE.match(gap):
        return gap, True  # the whole gap is a comma, colon or dash: "Tramadol: not an opioid"
    if len(gap) > 90 or _GAP_BLOCK.search(gap):
        return None
    if any(not _AS_OK.search(gap[:a.start()]) for a in _AS.finditer(gap)):
        return None
    return (gap, False) if _ATTRIB.search(gap) else None


#: A fact box's class field, right before the class word.
_CLASS_FIELD = re.compile(r"(?<![\w-])(?:drug\s+|pharmacologic(?:al)?\s+|therapeutic\s+)?(?:class|type|category|family)\s*:\s*$")
_RESTATED = re.compile(r"\s[-–]\s|\u2014|;|:|,\s+(?:it|it['’]s|but|rather|instead)\b|\b(?:it['’]s|it\s+is|but|rather|instead)\b")
_APPOSITIVE = re.compile(r"^\s*[,(:\u2014-]\s*(?:(?:which\s+|that\s+)?(?:is\s+)?|(?:not|never)\s+)(?:a|an|the)?\s*$")


def _also_schedules(sf: Fact, s: str) -> tuple[str, ...]:
    """The fact's other schedules, where the sentence is about the products they hold: fentanyl's Schedule I is
    its analogues', so "fentanyl is Schedule I" is wrong while "fentanyl analogues are Schedule I" is right."""
    also = tuple(sf.extra.get("also", ()))
    words = sf.extra.get("also_when")
    if not also or not words or any(w.lower() in s for w in words):
        return also
    return ()


def _legal(s: str, di: DrugIndex, owned, lex: Lexicon, contra: list[_Hit], support: list[_Hit]) -> None:
    sf = di.schedule
    if sf is None:
        return
    value = sf.value
    share = _SHARE_LEGAL.search(s) if value is not None else None
    if share is not None and owned(share.start()) and _shares_the_drug(s, share, di):
        neg = _negated(s, share.start(), lex) or _negated(s, share.end() - 1, lex)
        (support if neg else contra).append(_Hit(share.start(), share.end(), "supported" if neg else "contradicted", "legal_status", sf,
                                                f"giving or selling it called {'not ' if neg else ''}legal; reference: Schedule {value}"))
        return
    allowed = {value, *_also_schedules(sf, s)} - {None}
    m = _SCHED.search(s)
    if m is not None and _MOVED_FROM.search(s, max(0, m.start() - 12), m.start()):
        # "moved from Schedule III to Schedule II": the schedule it was moved to is the claim
        m = _MOVED_TO.match(s, m.end()) and _SCHED.search(s, m.end()) or m
    # "Tylenol #3 is Schedule II": a product named just before the schedule is judged by its own schedule, and it
    # makes the claim the drug's even where another drug leads the sentence ("promethazine with codeine is ...")
    if m is not None and _SCHED_RULES.match(s, m.end()) and _SCHED_OF.search(s, max(0, m.start() - 12), m.start()):
        m = None  # "refills on a C-II prescription", "under Schedule II rules": the rules of the schedule, not its drugs
    products = _scheduled_products(di, s, m.start()) if m is not None else set()
    if products:
        allowed = products
    if m is not None and (owned(m.start()) or products):
        claimed = (m.group(1) or m.group(2) or m.group(3)).upper()
        claimed = _ROMAN.get(claimed, claimed)
        neg = _negated(s, m.start(), lex)
        if value is None:
            # Some states list a few of these drugs in Schedule V; no law puts them anywhere else.
            # "not federally controlled, though several states list it as Schedule V" names the states
            state_v = sf.extra.get("state_controlled") and claimed == "V" and (
                "federal" not in s or _STATES.search(s, max(0, m.start() - 60), m.start()) is not None)
            verdict = "unsupported" if state_v else ("supported" if neg else "contradicted")
            if state_v and _federal_control_denied(s, lex):
                verdict = "supported"  # "not federally controlled, though some states list it": both true
        else:
            verdict = ("contradicted" if neg else "supported") if claimed in allowed else ("supported" if neg else "contradicted")
        reference = ("Schedule " + "/".join(sorted(products)) + " for the product named" if products
                     else "Schedule " + value if value else "not controlled")
        note = f"states Schedule {claimed}" + (" (negated)" if neg else "") + f"; reference: {reference}"
        (contra if verdict == "contradicted" else support).append(_Hit(m.start(), m.end(), verdict, "legal_status", sf, note))
        return
    m = _NOT_CONTROLLED.search(s)
    if m is not None and owned(m.start()) and not _negated(s, m.start(), lex):
        verdict = "contradicted" if value is not None else "supported"
        note = f"states not controlled; reference: {'Schedule ' + value if value else 'not federally controlled'}"
        (contra if verdict == "contradicted" else support).append(_Hit(m.start(), m.end(), verdict, "legal_status", sf, note))
        return
    m = _CONTROLLED.search(s) or _CONTROLLED_FIELD_YES.search(s)
    if m is not None and _CONDITION_SUBJECT.search(s, max(0, m.start() - 30), m.start()):
        m = None  # "if the pain isn't controlled": the condition, not the drug's legal status
    if m is not None and owned(m.start()):
        controlled_claim = not _control_denied(s, m, lex)
        if value is not None:
            verdict = "supported" if controlled_claim else "contradicted"
        elif controlled_claim:
            verdict = "unsupported" if sf.extra.get("state_controlled") and "federal" not in s else "contradicted"
        else:
            verdict = "supported"
        note = ("states controlled" if controlled_claim else "states not controlled") + f"; reference: {'Schedule ' + value if value else 'not federally controlled'}"
        (contra if verdict == "contradicted" else support).append(_Hit(m.start(), m.end(), verdict, "legal_status", sf, note))
        return
    m = _UNREGULATED.search(s) if value is not None else None
    if m is not None and owned(m.start()) and not _negated(s, m.start(), lex):
        contra.append(_Hit(m.start(), m.end(), "contradicted", "legal_status", sf,
                           f"states not regulated; reference: Schedule {value}"))
        return
    if not sf.extra.get("prescription_only"):
        return
    m = lex.legal_otc.search(s)
    if m is not None and owned(m.start()):
        before = s[max(0, m.start() - 40):m.start()]
        if _ILLEGAL.search(before) or _negated(s, m.start(), lex) or "never" in s[m.start():m.end()]:
            support.append(_Hit(m.start(), m.end(), "supported", "legal_status", sf, "states prescription needed"))
        else:
            contra.append(_Hit(m.start(), m.end(), "contradicted", "legal_status", sf, "states available without prescription; reference: prescription only"))
        return
    m = _RX.search(s)
    if m is not None and owned(m.start()):
        neg = _negated(s, m.start(), lex)
        (contra if neg else support).append(_Hit(m.start(), m.end(), "contradicted" if neg else "supported", "legal_status", sf,
                                                 "states prescription only" + (" (negated)" if neg else "")))


_SCHED_OF = re.compile(r"\b(?:on|for|under|of|with|by)\s+(?:a|an|the|any|all|every)?\s*$")
_SCHED_RULES = re.compile(r"(?<!\s)\s+(?:prescriptions?|scripts?|refills?|rules?|regulations?|requirements?|paperwork|forms?|orders?)\b")


#: What is given or sold must be the medicine ("your pills", "a few Valium"), not "your experiences" or "feedback".
_SHARE_OBJECT = re.compile(r"\b(?:pills?|tablets?|tabs?|capsules?|meds?|medications?|medicines?|prescriptions?|scripts?|doses?|"
                           r"patch(?:es)?|bars?|leftovers?|spares?|extras?|a\s+few|a\s+couple|some\s+of\s+(?:your|my))\b")


_SHARE_NOT = re.compile(r"\b(?:about|regarding|concerning|experiences?|stories|story|feedback|information|info|advice|tips|reviews?|"
                        r"opinions?|thoughts|knowledge|news|links?|posts?|photos?|pictures?|recipes?)\b")


def _shares_the_drug(s: str, share: re.Match[str], di: DrugIndex) -> bool:
    """Whether the giving or selling is of the medicine: a pill word or one of the drug's names in the phrase, or
    right after "legal to give"."""
    text = s[share.start():min(len(s), share.end() + 60)]
    if _SHARE_NOT.search(text):
        return False  # "sharing your experiences with Xanax", "giving feedback about Norco"
    if _SHARE_OBJECT.search(text):
        return True
    names = (di.drug.generic, *di.drug.brands, *di.drug.street)
    return any(re.search(rf"(?<![\w-]){re.escape(n.lower())}(?![\w-])", text) for n in names if n)


def _scheduled_products(di: DrugIndex, s: str, at: int) -> set[str]:
    """The schedules of the drug's products named in the clause before a schedule at ``at`` (empty: none named)."""
    start = max(0, at - 80)
    return {sched for sched, pat in di.schedule_products if pat.search(s, start, at)}


def _control_denied(s: str, m: re.Match[str], lex: Lexicon) -> bool:
    """Whether the "controlled" words at ``m`` are denied ("isn't a controlled substance", "is not controlled")."""
    return _negated(s, m.start(), lex) or re.search(r"\bnot\b|" + NT + r"\b", m.group()) is not None


def _federal_control_denied(s: str, lex: Lexicon) -> bool:
    m = _CONTROLLED.search(s)
    return (m is not None and _control_denied(s, m, lex)) or _NOT_CONTROLLED.search(s) is not None


_ACT_SUBJECT = re.compile(r"\b(?!(?:no|some|any|every)thing\b)[a-z]{2,}ing\b")
#: What a page may call harmless without calling the drug so: its side effects, symptoms, a rash.
_HARMLESS_OTHER = re.compile(r"\b(?:side[- ]effects?|effects|symptoms?|reactions?|rash(?:es)?|changes|discolou?ration|"
                             r"flush\w*|placebo|ingredients?|fillers?|dyes?)\b")


#: A boxed warning denied ("has no black box warning", "doesn't carry a boxed warning").
_NO_BOXED = re.compile(r"\b(?:has|have|carries|carry|comes?\s+with|got)\s+no\s+(?:black[- ]?box(?:ed)?|boxed)\s+warnings?\b|"
                       r"\b(?:doesn['’]?t|does\s+not|don['’]?t|do\s+not)\s+(?:have|carry|come\s+with)\s+(?:a|an|any)\s+"
                       r"(?:black[- ]?box(?:ed)?|boxed)\s+warnings?\b")


def _boxed_denied(s: str, di: DrugIndex, owned, contra: list[_Hit]) -> None:
    """A drug whose label has a boxed warning said to have none."""
    m = _NO_BOXED.search(s)
    if m is None or not owned(m.start()):
        return
    fact = next((f for f in di.drug.facts if f.type == "boxed_warning"), None)
    if fact is not None:
        contra.append(_Hit(m.start(), m.end(), "contradicted", "risk", fact, f"'{s[m.start():m.end()]}'; the label has a boxed warning"))


def _denials(s: str, di: DrugIndex, owned, lex: Lexicon, contra: list[_Hit]) -> None:
    m = lex.risk_denial.search(s)
    if m is None or not owned(m.start()):
        return
    phrase = s[m.start():m.end()]
    if "harmless" in phrase and (_HARMLESS_OTHER.search(s, 0, m.start()) or any(
            a.group() not in di.risk_words for a in _ACT_SUBJECT.finditer(s, _clause_start(s, m.start()), m.start()))):
        # "most side effects are harmless" says so of the effects, "biting into it is harmless" of an act that
        # the rules for ways of taking it, stopping and combinations judge
        return
    if _MYTH.search(phrase) and (_OTHERS_SAY.search(s, 0, m.start()) or _YET_AFFIRMED.search(s, m.end())):
        return
    risk_facts = [f for f in di.drug.facts if f.type in ("risk", "boxed_warning", "interaction")]
    if not risk_facts:
        return
    if _DENIAL_RISK.search(phrase):
        stem = _DENIAL_RISK.search(phrase).group()
        fact = next((f for f in risk_facts if any(stem in t for t in f.terms)), None)
        if fact is None:
            return
    elif any(w in s[m.start():m.end() + 30] for w in ("pregnan", "expecting", "conceive")):
        fact = next((f for f in risk_facts if any(w in t for t in f.terms for w in _PREGNANCY_WORDS)), None)
        if fact is None:
            return
    elif "overdose" in phrase:
        fact = next((f for f in risk_facts if "overdose" in f.terms), None)
        if fact is None:
            return
    elif "with" in phrase:
        agent = phrase.rsplit("with", 1)[1].strip()
        fact = next((f for f in risk_facts if f.type == "interaction" and any(agent in a.lower() for a in f.agents)), None)
        if fact is None:
            return
    else:
        fact = next((f for f in risk_facts if f.key), risk_facts[0])
    contra.append(_Hit(m.start(), m.end(), "contradicted", "risk", fact, f"'{phrase}' denies a labelled risk"))


_PREGNANCY_WORDS = ("pregnan", "fetal", "fetus", "neonat", "newborn", "unborn", "birth defect")


def _half_life(sent: _Sentence, drug: str, di: DrugIndex, index: FactIndex, contra, support, weak, owned, lex: Lexicon) -> None:
    s = sent.low
    fact = di.half_life
    comp = halflife.comparison_split(s)
    if comp is not None:
        split, longer = comp
        targets = _compared_with(sent, split)
        if drug in targets:
            return  # judged from the subject's side
        if targets:
            verdicts = []
            for t in targets:
                tf = index.drugs[t].half_life if t in index.drugs else None
                if tf is not None:
                    verdicts.append((t, *halflife.compare(fact, tf, longer)))
            if verdicts:
                worst = "contradicted" if any(v == "contradicted" for _, v, _ in verdicts) else (
                    "unsupported" if any(v == "unsupported" for _, v, _ in verdicts) else "supported")
                note = f"{'longer' if longer else 'shorter'} half-life than {', '.join(t for t, _, _ in verdicts)}: " + "; ".join(n for _, _, n in verdicts)
                h = _Hit(split, split + 1, worst, "comparison", fact, note)
                {"contradicted": contra, "supported": support, "unsupported": weak}[worst].append(h)
                return
    number = halflife.stated(s)
    if number is not None:
        pos, lo, hi = number
        verdict, note = halflife.numeric(fact, lo, hi)
        h = _Hit(pos, pos + 1, verdict, "half_life", fact, note)
        {"contradicted": contra, "supported": support, "unsupported": weak}[verdict].append(h)
        return
    claim = halflife.duration_claim(s)
    if claim is not None:
        cue, pos, kind, lo, hi = claim
        partial = kind == "cleared" and _PARTIAL.search(s, max(0, cue - 60), cue) is not None
        if owned(cue) and not partial and not _negated(s, cue, lex) and not (
                kind == "wears_off" and _OTHER_EFFECT.search(s, max(0, cue - 50), cue)):
            found = halflife.duration(fact, kind, lo, hi)
            if found is not None:
                verdict, note = found
                h = _Hit(cue, cue + 1, verdict, "half_life", fact, note)
                {"contradicted": contra, "supported": support, "unsupported": weak}[verdict].append(h)
                return
    ls = halflife.long_short(s)
    if ls is not None:
        verdict, note = halflife.qualitative(fact, ls, explicit=bool(halflife.keyword_spans(s)))
        h = _Hit(0, 1, verdict, "half_life", fact, f"{'long' if ls else 'short'} half-life stated; " + note)
        {"contradicted": contra, "supported": support, "unsupported": weak}[verdict].append(h)


#: "the nausea wears off in a day": a side effect or the high ends, not the drug's action.
_OTHER_EFFECT = re.compile(r"side[- ]effects?|symptoms?|nausea|drows|sleepiness|headaches?|\bpain\b|withdrawal|\bhigh\b|"
                           r"\bbuzz\b|\brush\b|euphori|numbness|sedation|hangover|grogg|tingl|flush")

#: "20 % of a dose is eliminated in the urine within 24 hours" is a pharmacokinetic fact, not a claim
#: that the drug is gone.
_PARTIAL = re.compile(r"\d\s*%|\bper\s*cent\b|\b(?:most|much|part|some|half|portion|fraction|majority|amount|share|"
                      r"metabolites?|traces?|bulk)\b")

_POTENCY_HINT = re.compile(r"stronger|weaker|milder|potent|powerful|\bas\s+strong\b")
_MULTIPLIER = (r"(?:(?<![\d.,])(?P<{0}>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|two|three|four|five|six|seven|eight|ten|twenty|fifty|(?:a\s+|one\s+)?hundred|"
               r"several|many)(?:\s*(?:-|–|to|or)\s*(?P<{0}2>\d+(?:\.\d+)?|two|three|four|five|six|ten|fifty|(?:a\s+|one\s+)?hundred))?"
               r"\s*(?:times|x|-?fold)\s+|(?P<{0}w>twice|double)\s+)")
_POTENCY = re.compile(
    _MULTIPLIER.format("n") + r"?(?:(?P<up>stronger|more\s+(?:potent|powerful))|(?P<down>weaker|less\s+(?:potent|powerful)|milder))\s+than\b|"
    + _MULTIPLIER.format("m") + r"as\s+(?:strong|potent|powerful)\s+as\b|"
    r"(?P<eq>\b(?:just\s+|about\s+|roughly\s+|equally\s+)?as\s+(?:strong|potent|powerful))\s+as\b")
#: Number words: the half-life parser's table plus words that only multiply ("twice", "many").
_NUMBERS = {**{w: v for w, v in halflife.NUMBER_WORDS.items() if isinstance(v, int)}, "twice": 2, "double": 2, "many": 10,
            "hundred": 100}
#: Between a drug and "stronger than": words that make the comparison about something else ("causes
#: stronger withdrawal than", "a dose of X is stronger than").
_POTENCY_GAP_BLOCK = re.compile(
    r"[.;:!?]|\b(?:causes?|gives?|produces?|withdrawal|side|effects?|high|buzz|dependence|addiction|addictive|habit|"
    r"constipation|nausea|sedation|doses?|dosage|pills?|tablets?|patch|than|with|and|or)\b")
#: How far apart two potencies must be before "stronger" is right or wrong: conversion factors are estimates.
_POTENCY_RATIO = 1.5
#: A stated multiple ("50 times stronger") further than this from the reference ratio is wrong.
_POTENCY_FAR = 4.0


def _number(word: str | None) -> float | None:
    if not word:
        return None
    word = " ".join(word.split()).replace(",", "")
    value = float(word) if word[0].isdigit() else float(_NUMBERS[word])
    return value or None


def _potency(sent: _Sentence, drug: str, spans: list[tuple[int, int]], di: DrugIndex, index: FactIndex, owned,
             lex: Lexicon, contra, support, weak) -> None:
    """'X is (N times) stronger / weaker than Y', 'X is as strong as Y': the two drugs' potency facts (the
    morphine milligram equivalent conversion factors) decide."""
    s = sent.low
    for m in _POTENCY.finditer(s):
        c0 = m.start()
        before = [m1 for m0, m1 in spans if m1 <= c0]
        if not before or not owned(c0) or _POTENCY_GAP_BLOCK.search(s, before[-1], c0) or c0 - before[-1] > 60:
            continue
        targets = [t for t in _compared_with(sent, m.end()) if t != drug and t in index.drugs and index.drugs[t].potency]
        if not targets:
            continue
        other = index.drugs[targets[0]].potency
        ratio = di.potency.value / other.value  # how many times stronger the subject is
        g = m.groupdict()
        if g["eq"]:
            direction, lo_n, hi_n = 0, None, None
        else:
            direction = -1 if g["down"] else 1
            key = "n" if g["up"] or g["down"] else "m"
            lo_n = _number(g[key] or g[key + "w"])
            hi_n = _number(g[key + "2"]) or lo_n
            if (key == "m" or g[key]) and lo_n is None:
                continue  # "0 times", or "as strong as" with no multiple read
        neg = _negated(s, c0, lex)
        if direction < 0:
            ratio = 1 / ratio
        note = f"{drug} {di.potency.value:g} vs {targets[0]} {other.value:g} x oral morphine, mg for mg"
        if direction == 0 or (neg and lo_n is None):
            # "as strong as", or "not stronger than" (at most as strong)
            if direction == 0:
                verdict = "supported" if 1 / _POTENCY_RATIO < ratio < _POTENCY_RATIO else (
                    "contradicted" if ratio >= 2 * _POTENCY_RATIO or ratio <= 1 / (2 * _POTENCY_RATIO) else "unsupported")
            else:
                verdict = "contradicted" if ratio >= _POTENCY_RATIO else ("supported" if ratio <= 1 / _POTENCY_RATIO else "unsupported")
        elif neg:
            continue
        elif ratio <= 1 / _POTENCY_RATIO or (lo_n is not None and (lo_n / ratio >= _POTENCY_FAR or ratio / hi_n >= _POTENCY_FAR)):
            verdict = "contradicted"  # the wrong way round, or a multiple far from the reference
        elif ratio >= _POTENCY_RATIO or (lo_n is not None and ratio / hi_n < 2.5 and lo_n / ratio < 2.5):
            verdict = "supported"
        else:
            verdict = "unsupported"
        fact = di.potency
        {"contradicted": contra, "supported": support, "unsupported": weak}[verdict].append(
            _Hit(c0, m.end(), verdict, "comparison", fact, note))
        return


_SAFE_HINT = re.compile(r"safe|fine|ok|alright|all right|harm|hurt|problem|issue|worr|interact|interfer|big deal|risk|affect|effect|danger|nothing|"
                        r"best|perfect|great|good|smart|ideal|along|nice|"
                        r"change|alter|raise|drink|mix|combin|"
                        r"as usual|as normal|as before|as always|go ahead|together|the same|back-?up")
_SAFE_COMBO = re.compile(
    r"\b(?:won['’]?t|will\s+not|wouldn['’]?t|doesn['’]?t|does\s+not|don['’]?t|do\s+not|can['’]?t|cannot|never)\s+(?:\w+\s+)?"
    r"(?:hurt|harm|kill|bother)(?:\s+(?:you|anyone|anybody|your\s+body))?\b|\bharmless\b|"
    r"\b(?:fine|ok|okay|safe|alright|all\s+right)\s+(?:to\s+(?:take|mix|combine|use|drink|have|add|pair|stack|pop|enjoy|put|apply|"
    r"wear|place|sit|soak)|together|with|alongside|on\s+top)\b|"
    # "you can drink while on it", "you can mix the two"
    r"\b(?:can|may)\s+(?:safely\s+|still\s+|totally\s+|easily\s+)?(?:drink|mix|combine)\b|"
    r"\bno\s+(?:problem|issue|big\s+deal|danger|harm|worries)\b|\b(?:safe|harmless|fine|good|great|perfect)\s+(?:combo|combination|pairing|mix|stack)\b|\bnothing\s+(?:to\s+worry\s+about|dangerous|risky|harmful)\b|"
    # "doesn't affect the pill", "has no effect on birth control pills": the label's interaction denied
    r"\b(?:doesn['’]?t|does\s+not|won['’]?t|will\s+not)\s+(?:\w+\s+)?(?:affect|weaken|interfere\s+with|change|alter|raise)\b|\bno\s+(?:\w+\s+)?(?:effect|impact)\s+on\b|"
    # "one glass of wine before your Ambien is fine and even helps it kick in"
    r"\b(?:is|are)\s+(?:totally\s+|perfectly\s+|completely\s+|just\s+)?(?:fine|ok|okay|safe)\s+and\s+(?:\w+\s+)?(?:helps?|works?|makes?|boosts?)\b|"
    # "booze has no effect at all when combined with it"
    r"\b(?:has|have|had)\s+no\s+(?:real\s+)?(?:effect|impact)(?:\s+at\s+all)?\s+(?:when|if)\s+(?:combined|mixed|taken|used)\b|"
    r"\b(?:doesn['’]?t|does\s+not|don['’]?t|do\s+not|won['’]?t|will\s+not)\s+(?:really\s+|actually\s+)?interact\b|\bno\s+(?:known\s+|real\s+|dangerous\s+)?interactions?\b|"
    # "keep taking your alprazolam as usual" beside an agent the label keeps it from: nothing to change, it says
    r"\b(?:keep|continue|carry[ \t]on|stay[ \t]on)(?:[ \t](?:on|with|taking|using)\b)?(?:[ \t][\w'’-]{1,30}){0,4}?[ \t]as[ \t](?:usual|normal|normally|before|always)\b|"
    r"\bmix(?:es)?\s+(?:just\s+)?fine\b|\bgo(?:es)?\s+(?:just\s+)?fine\s+(?:together|with)\b|"
    r"\bget(?:s)?\s+along\s+(?:just\s+|perfectly\s+|totally\s+)?(?:fine|well|ok|okay)\b|\bplays?\s+nice(?:ly)?\b|"
    r"\b(?:no|zero|without(?:\s+any)?)\s+(?:(?:added|extra|additional|increased|higher|real|special|serious)\s+)?(?:[\w-]+\s+)?(?:risks?|dangers?)\b|"
    # "go ahead and put a heating pad over it", "can take their Adderall together with a Tums": the pair permitted
    r"\bgo\s+ahead\s+and\s+(?:take|put|use|apply|mix|combine|add|have|drink|wear|pop)\b|"
    r"\bcan\s+(?:safely\s+|still\s+|also\s+|just\s+)?(?:take|use|have)\s+(?:[\w'’-]+\s+){0,4}?(?:together\s+with|along\s+with|alongside)\b|"
    # "birth control pills work exactly the same on Mounjaro, so no backup method is needed": the interaction denied
    r"\bworks?\s+(?:exactly\s+|just\s+)?the\s+same\s+(?:on|with|alongside|while)\b|\bno\s+(?:need\s+for\s+(?:an?\s+)?)?back-?up\b")
#: Words that leave the safety of a combination open ("ask whether it is safe to ...", "safe unless ...").
_OPEN_QUESTION = re.compile(r"\b(?:whether|if|ask|unless|check|sure|until|wonder\w*|how)\b")
_COMBO_GAP_BLOCK = re.compile(r"[.;:!?]|\b(?:but|however|except|unless|avoid|although|though|whereas|not\s+with)\b|"
                              # "while driving" is another matter; "while you're taking ketoconazole" joins the two
                              r"\bwhile(?!\s+(?:you(?:['’]re|\s+are)\s+)?(?:taking|using|on|drinking)\b)")


#: The act of combining as the subject, safety as its predicate ("combining X with Y is safe", "you can
#: safely take X with Y"); negation is read at the safety word ("... is not safe").
_SAFE_COMBO_PRED = re.compile(
    r"\b(?:mix|mixing|combin\w*|pair\w*|taking|using|stack\w*|adding)\b[^.;:!?]{0,60}?\b(?:is|are|was|be)\s+"
    r"(?:(?:not|never|perfectly|totally|completely|generally|usually|quite|pretty|very|a|an)\s+){0,2}"
    r"(?P<w>safe|fine|ok|okay|harmless|alright)\b|"
    r"\b(?P<w2>safely)\s+(?:\w+\s+){0,3}?(?:with|alongside|together|on\s+top|in\s+combination)\b|"
    # the pair itself as the subject: "a glass of wine with your temazepam is generally fine"
    # "a heating pad over the patch is fine"
    r"\b(?:with|plus|on\s+top\s+of|over|on)\b[^.;:!?]{0,40}?\b(?:is|are|was)\s+"
    r"(?:(?:not|never|perfectly|totally|completely|generally|usually|quite|pretty|very|probably|mostly)\s+){0,2}"
    # "a Norco with your Xanax is the best way to sleep": the pair recommended
    r"(?P<w3>safe|fine|ok|okay|harmless|alright|(?:the|a)\s+(?:best|perfect|great|good|smart|ideal)\s+(?:way|combo|combination|pairing|"
    r"mix|idea|trick))\b")


def _one_product_named(s: str, di: DrugIndex) -> bool:
    """Whether an approved use denied here is denied of the drug as a whole: the sentence names it by its generic
    name. Brands differ in use ("Revatio is not approved for ED", "Propecia is not approved for an enlarged
    prostate" are true), and the facts do not say which brand has which use."""
    return re.search(rf"(?<![\w-]){re.escape(di.drug.generic.lower())}(?![\w-])", s) is not None


_APPROVAL_DENIED = re.compile(r"\b(?:never|not|n['’]t)\s+(?:been\s+|yet\s+)?(?:fda[- ])?(?:approved|indicated|authori[sz]ed|licensed)\s+"
                              r"(?:it\s+|this\s+|them\s+)?(?:[\w-]+\s+)?(?:(?:to\s+treat|for(?:\s+treating)?)\s+)?(?:[\w-]+\s+){0,2}$")
_QUALIFIED_CLASS = re.compile(r"\b(?:pure|purely|full|typical|classic|traditional|conventional|true|regular|ordinary|straight|"
                              r"simple|strong|heavy|hard)\s+(?:[\w-]+\s+)?$")
_WORKS_AS = re.compile(r"\b(?:works?|worked|working|acts?|acted|acting|serves?|served|functions?|doubles?)\s+as\s+(?:an?\s+)?$")


#: "X is in the same class as Y", "the same kind of drug as Y": a claim about the classes of both drugs.
_SAME_CLASS = re.compile(r"\b(?:same|identical)\s+(?:drug\s+|medication\s+|medicine\s+|chemical\s+)?(?:class|family|category|group|"
                         r"(?:type|kind)\s+of\s+(?:drug|medication|medicine))\s+(?:as|like)\b")
#: Class words too broad to make two drugs one class ("a CNS depressant", "a painkiller", "a stimulant") or that
#: name a use, not a pharmacology ("weight loss drug", "anti-anxiety", "sleep aid"): "the same class" is read on
#: the other words only.
_BROAD_CLASS = frozenset({"cns depressant", "central nervous system depressant", "depressant", "sedative", "analgesic",
                          "painkiller", "pain reliever", "pain medication", "prodrug", "pro-drug", "vasodilator", "antagonist",
                          "narcotic", "stimulant", "cns stimulant", "central nervous system stimulant", "psychotropic",
                          "dual agonist", "selective inhibitor", "isomer", "enantiomer", "upper", "downer"})
_USE_CLASS = re.compile(r"weight|diet|obesity|anxi|sleep|erectile|\bed\b|adhd|pain|cough|diabet|malaria|seizure|epilep|"
                        r"convuls|tranquil|hypnotic|nootropic|medication|\bdrug\b|injection|pill")


def _pharmacology(classes: frozenset[str]) -> set[str]:
    return {t for t in classes if t not in _BROAD_CLASS and not _USE_CLASS.search(t)}


def _same_class(sent: _Sentence, drug: str, di: DrugIndex, index: FactIndex, lex: Lexicon,
                contra: list[_Hit], support: list[_Hit]) -> None:
    """"Phentermine is in the same class as Ozempic": the two drugs' pharmacological class words (broad words
    and names of a use left out) have none in common, so the claim is contradicted; a shared one
    ("benzodiazepine") supports it. The drug named before the comparison is its subject; the other drug must
    be named right after it."""
    s = sent.low
    for m in _SAME_CLASS.finditer(s):
        if not any(p0 < m.start() for p0, _ in sent.mentions[drug]):
            continue
        other = next((d2 for d2, sps in sent.mentions.items() if d2 != drug
                      for p0, _ in sps if m.end() <= p0 <= m.end() + 40), None)
        o = index.drugs.get(other) if other else None
        fact = next((f for f in di.drug.facts if f.type == "class"), None)
        mine, theirs = _pharmacology(di.classes), _pharmacology(o.classes) if o is not None else set()
        if fact is None or not mine or not theirs:
            continue
        shared = mine & theirs
        neg = _negated(s, m.start(), lex)
        verdict = "supported" if bool(shared) != neg else "contradicted"
        note = f"'{s[m.start():m.end()]}' {other}" + (" (negated)" if neg else "") + (
            f"; both {max(sorted(shared), key=len)}" if shared else "; their classes share no word")
        (support if verdict == "supported" else contra).append(_Hit(m.start(), m.end(), verdict, "class", fact, note))
        return


def _headline_pair(s: str, a1: int, c0: int) -> bool:
    """"Ambien and a Glass of Wine: A Harmless Nightcap": a short title naming the pair, then a colon, then what is
    said of it. The colon that otherwise ends the clause joins the two here."""
    colon = s.find(":", a1, c0)
    return (colon != -1 and not _COMBO_GAP_BLOCK.search(s, a1, colon) and not _COMBO_GAP_BLOCK.search(s, colon + 1, c0)
            and len(s[:colon].split()) <= 8)


_IDENTITY_HINT = re.compile(r"\b(?:just|simply|basically|really|actually|literally|merely|nothing|no[ \t]different|same)\b")
#: Between two names, a claim that the first is the second: "Zepbound is just Ozempic", "tirzepatide is the same
#: drug as semaglutide", "X is nothing more than Y".
_IDENTITY_GAP = re.compile(
    r"(?<![ \t])[ \t]+(?:is|are|['’]s)[ \t]+(?:(?P<just>just|simply|basically|really|actually|literally|merely)[ \t]+|"
    r"nothing[ \t]+(?:more|other)[ \t]+than[ \t]+|no[ \t]+different[ \t]+(?:from|than)[ \t]+|"
    r"(?:(?:just|basically|really|actually|literally)[ \t]+)?the[ \t]+same[ \t]+(?:drug|medicine|medication|thing|molecule|compound|"
    r"active[ \t]+ingredient|chemical|stuff)[ \t]+as[ \t]+)(?:plain[ \t]+|regular[ \t]+|prescription[ \t]+|generic[ \t]+)?")
#: After "just Y", what makes it an identity and not a likeness ("just Ozempic rebranded", "just Y under another name").
_IDENTITY_TAIL = re.compile(
    r"[ \t]*(?:$|[.,;!?)]|[ \t]*(?:[\u2014\u2013-][ \t]|(?:rebranded|renamed|repackaged|relabell?ed|sold[ \t]+under|under[ \t]+(?:a|another|a[ \t]+new)|"
    r"with[ \t]+a[ \t]+(?:new|different)|by[ \t]+another[ \t]+name|in[ \t]+(?:a[ \t]+)?(?:new|different)|in[ \t]+disguise)\b))")


def _same_drug(sent: _Sentence, drug: str, di: DrugIndex, contra: list[_Hit]) -> None:
    """"Tirzepatide is just semaglutide under another name": one drug said to be another, different one. A drug said
    to be its own brand ("Zepbound is just Mounjaro") is left alone: true of the molecule, not always of the product."""
    s = sent.low
    fact = next((f for f in di.drug.facts if f.type == "class"), None)
    if fact is None:
        return
    others = sorted((p0, p1, d2) for d2, sps in sent.mentions.items() if d2 != drug for p0, p1 in sps)
    for _m0, m1 in sent.mentions[drug]:
        nxt = next(((p0, p1, d2) for p0, p1, d2 in others if p0 >= m1), None)
        if nxt is None:
            continue
        p0, p1, other = nxt
        gap = _IDENTITY_GAP.fullmatch(s, m1, p0)
        if gap is None or (gap.group("just") and not _IDENTITY_TAIL.match(s, p1)):
            continue
        contra.append(_Hit(m1, p1, "contradicted", "class", fact, f"said to be {other}: '{s[m1:p1].strip()}'"))
        return


def _combination_called_safe(s: str, drug: str, terms: list, lex: Lexicon, contra: list[_Hit], support: list[_Hit]) -> None:
    """A combination the label warns about, called harmless ("a couple of beers with your X won't hurt you",
    "it's fine to take Xanax on top of methadone", "combining X with Y is safe")."""
    agents = [(t0, t1, fact) for t0, t1, d, fact, role in terms if role == AGENT and d == drug]
    cues = [(m.start(), m.end(), m.start()) for m in _SAFE_COMBO.finditer(s)]
    cues += [(m.start(), m.end(), m.start(next(g for g in ("w", "w2", "w3") if m.group(g)))) for m in _SAFE_COMBO_PRED.finditer(s)]
    for c0, c1, word in sorted(cues):
        if _OPEN_QUESTION.search(s, _clause_start(s, c0), word):
            continue
        neg = _negated(s, word, lex)
        for a0, a1, fact in agents:
            lo, hi = (a1, c0) if a1 <= c0 else (c1, a0)
            if hi - lo > 90 or (_COMBO_GAP_BLOCK.search(s, lo, hi) and not _headline_pair(s, a1, c0)):
                continue
            if neg:  # "it is not safe to drink alcohol with X" states the warning
                support.append(_Hit(c0, c1, "supported", "interaction", fact, f"'{s[c0:c1]}' (negated) with '{s[a0:a1]}'"))
            else:
                contra.append(_Hit(c0, c1, "contradicted", "interaction", fact,
                                   f"'{s[c0:c1]}' said of a combination with '{s[a0:a1]}' that the label warns against"))
            return


#: An instruction that opens the sentence and keeps two things apart ("Never combine X with Y", "Don't take X with Y").
_COMBO_JOIN = re.compile(r"\b(?:with|and|on\s+top\s+of|alongside|while\s+(?:you(?:['’]re|\s+are)\s+)?(?:taking|using|on|drinking))\b")
_FORBID_COMBO = re.compile(r"^\W*(?:[\w\s']{0,30}:\s*)?(?:(?:you|people|patients)\s+(?:should\s*n['’]?t|should\s+not|must\s*n['’]?t|"
                           r"must\s+not|should\s+never)\s+|(?:never|don['’]?t|do\s+not|avoid)\s*:?\s+)(?:combin|mix|tak|us|pair|start|begin)\w*\b")
#: The same with the drug as the subject: "Amrix should not be taken with an MAO inhibitor".
_FORBID_COMBO_PASSIVE = re.compile(r"^[^\w'’-]*(?:[\w'’-]+[ \t]){1,3}(?:should|must)(?:n['’]?t|[ \t]not|[ \t]never)[ \t](?:ever[ \t])?be[ \t]"
                                   r"(?:combined|mixed|taken|used|paired|started)\b")


def _combination_forbidden(s: str, drug: str, terms: list, support: list[_Hit], opening: re.Pattern[str]) -> None:
    """The label's warning as an instruction: a labelled agent after "with" in a sentence that opens by
    forbidding the combination."""
    cue = opening.match(s)
    for t0, t1, d, fact, role in terms:
        if role == AGENT and d == drug and t0 > cue.end() and _COMBO_JOIN.search(s, cue.end(), t0) \
                and not _COMBO_GAP_BLOCK.search(s, cue.end(), t0):
            support.append(_Hit(cue.start(), t1, "supported", "interaction", fact,
                                f"'{s[cue.start():cue.end()].strip()}' ... '{s[t0:t1]}'"))
            return


#: Saying a drug is approved, or proven, for something: the one permit that counts for an unapproved use.
_APPROVED = (r"(?:(?:(?:fda|us|u\.s\.)[- ])?(?:approved|indicated|authori[sz]ed|licensed|cleared|backed|endorsed)|proven|"
             r"(?:has|have|had|got|gets|received|won|earned|with|carries|carry|holds|hold)\s+(?:an\s+|full\s+)?(?:fda\s+)?(?:approval|authori[sz]ation))\b")
#: Words that permit the drug for a group or use ("safe for", "approved for", "a good choice for", "can use").
_PERMIT = re.compile(
    rf"\b{_APPROVED}|"
    r"\b(?:safe|safer|safest|safely|fine|ok|okay|good|great|ideal|perfect|suitable|appropriate|recommended|first[- ]line|best|go-to|sensible|handy|reasonable|"
    r"smart|wise)\b|"
    # "a family history of thyroid cancer doesn't rule out Ozempic"
    r"\b(?:doesn['’]?t|does\s+not|don['’]?t|do\s+not|won['’]?t|will\s+not|shouldn['’]?t|should\s+not)\s+rule\s+(?:\w+\s+)?out\b|"
    r"\b(?:meant|intended|designed|made)\s+(?:to\s+be\s+(?:used|taken)|for|as)\b|\bworks\s+(?:well|great)\b|"
    r"\bcan\s+(?:safely\s+|still\s+|also\s+)?(?:use|take|have|start|prescribe|give|be\s+(?:given|used|taken|prescribed|started))\b|"
    r"\bno\s+problem\b|\bgentle\b|"
    # "if you sleep-drive on it, just keep taking it": the drug kept on despite the group's condition
    r"\b(?:keep|continue|carry\s+on|go\s+on)\s+(?:taking|using)\b|"
    # the group waved away ("a family history of thyroid cancer doesn't matter", "is not an issue")
    r"\b(?:doesn['’]?t|does\s+not|don['’]?t|do\s+not)\s+(?:really\s+)?matter\b|\b(?:is|are)\s*(?:n['’]?t|\s+not)\s+(?:an?\s+)?(?:issue|problem|concern)\b|"
    # an instruction ("just pop one prn", "take one if you're pregnant"); it permits only when tied to the group
    r"\b(?:pop|take|grab)\s+(?:one|it|another|them|some|an\s+extra|a\s+(?:pill|tab|tablet|patch|extra))\b|"
    # "no reason to hold her Ativan", "isn't a reason to avoid it", "nothing special to worry about"
    r"(?:\bno|\bnot\s+a|n['’]t\s+a)\s+reason\s+(?:not\s+)?to\s+(?:avoid|skip|stop|hold|withhold|quit|pause|drop|worry)\b|"
    r"\bnothing\s+(?:special\s+|much\s+|extra\s+)?to\s+worry\s+about\b|\bno\s+need\s+to\s+worry\b|"
    # "MS Contin is an as-needed pill": the use named as what the product is (the term right after the article)
    r"\b(?:is|are)\s+an?(?=\s+(?:[\w-]+\s+){1,3}?(?:pill|tablet|capsule|med|medicine|medication|drug|painkiller|"
    r"option|treatment|remedy|choice|patch)s?\b)|"
    r"\b(?:doesn['’]?t|does\s+not|shouldn['’]?t|should\s+not|won['’]?t|will\s+not)\s+(?:stop|keep|prevent)\s+(?:you|anyone|people|patients|them)\s+from\b")
#: For an unapproved use only the claim that it is approved or proven counts ("a good option for ADHD" is an
#: opinion about an off-label use, "approved for ADHD" is false).
_PERMIT_USE = re.compile(rf"\b{_APPROVED}")
#: Another country's or regulator's approval: the US label's silence does not deny it.
_ELSEWHERE = re.compile(r"\b(?:in|across|throughout)\s+(?:the\s+)?(?:eu|europe|european\s+union|uk|united\s+kingdom|canada|australia|japan)\b|"
                        r"\boutside\s+(?:the\s+)?(?:us|u\.s\.|united\s+states)\b|\b(?:ema|mhra|health\s+canada|european)\b")
#: A group alone after a comma at the end of a sentence ("..., as needed.", "..., even children.", "..., even for
#: someone who has never taken opioids.") finishes the clause before it.
_TAIL_CLAUSE = re.compile(r"\s*(?:even\s+|including\s+|especially\s+)?(?:(?:for|in)\s+(?:someone|anyone|people|patients|those|a\s+(?:person|patient))"
                          r"(?:\s+who(?:['’]s|['’]ve|\s+(?:has|have|is|are))?)?\s+)?")
_TAIL_END = re.compile(r"\s*(?:[.!?]|$)")
#: An approval word listed with another adjective: the comma does not end the clause.
_APPROVED_COMMA = re.compile(rf"\b{_APPROVED},$")
#: Words that keep the drug from a group: the label's own message.
_FORBID = re.compile(
    r"\bcontraindicated\b|\bavoid(?:ed|s|ing)?\s+(?:[\w-]+\s+){0,2}?(?:in|during|if|while|for|by)\b|"
    r"\b(?:don['’]?t|do\s+not|never)\s*:?\s+(?:start|begin)\b|\b(?:must|should|may|can|do)\s*(?:not|" + NT + r")\s+(?:\w+\s+)?(?:be\s+)?(?:use|used|give|given|take|taken|"
    r"prescribe|prescribed)\b|\bcannot\s+(?:\w+\s+)?(?:use|take|be)\b|\bnever\s+(?:be\s+)?(?:give|given|use|used|take|taken|prescribe\w*)\b|"
    r"\bnot\s+(?:(?:be|been|meant|intended|designed|suitable|safe|approved|indicated|recommended|authori[sz]ed|cleared)\s+)*(?:for|in|to|during|by)\b|"
    # "off-limits if you have ...", "not an option for people with ..."
    r"\boff[- ]limits\s+(?:to|for|in|if|when|during)\b|\bnot\s+an\s+option\s+(?:for|in|if|when|during)\b")
#: For an unapproved use, only the approval denied is the label's message ("to avoid getting COVID" is not).
_FORBID_USE = re.compile(rf"\b(?:not|never)\s+(?:been\s+|yet\s+|be\s+)*{_APPROVED}|\bunapproved\b|\bno\s+(?:fda\s+)?(?:approval|authori[sz]ation)\b")
#: Between a permitting word before the group and the group: a preposition must tie them ("safe for people
#: with ...", "a safe way to ease ... after a tonsillectomy"); words that show another relation break the tie
#: ("keep it in a safe place away from children").
_PERMIT_TIE = re.compile(r"\b(?:for|in|to|during|after|with|by|among|on|while|as\s+an?|if|even\s+if|even\s+when|whenever|every\s+time|any\s+time)\b")
_SELF_TIED = re.compile(r"as[- ]needed\b|prn\b|on\s+demand\b")
# "keep out of reach", but not "safe to keep taking during pregnancy"
_NOT_FOR_GAP_BLOCK = re.compile(r"[.;:!?]|\b(?:away|reach|(?:keep|kept)(?!\s+(?:taking|using|on\b))|store|stored|but|except|unless|although|though|"
                                r"whereas|however|not\s+for|than|instead\s+of|rather\s+than)\b")
_AGE_NUM = (r"(?:\d{1,2}(?:\.\d)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
            r"fifteen|sixteen|seventeen|eighteen)")
_AGE_UNIT = r"(?:day|week|month|year|yr)"
#: An age a page gives: a point ("a 5-year-old"), a lower bound ("as young as two", "starting at age 3") or an
#: upper bound ("under 4", "younger than 6 months").
_AGE = re.compile(
    rf"\b(?P<n>{_AGE_NUM})[- ](?P<u>{_AGE_UNIT})s?[- ]olds?\b|"
    rf"\b(?:as\s+young\s+as|(?:starting|beginning)\s+(?:at|from)\s+(?:the\s+)?(?:age\s+(?:of\s+)?)?|"
    rf"(?:(?:from|at)\s+)?(?:the\s+)?age\s+(?:of\s+)?|aged|ages)\s*"
    rf"(?P<lo>{_AGE_NUM})(?:\s+(?P<lu>{_AGE_UNIT})s?)?\b|"
    rf"\b(?:under|younger\s+than|below|less\s+than)\s+(?:the\s+age\s+of\s+)?(?P<hi>{_AGE_NUM})(?:\s+(?P<hu>{_AGE_UNIT})s?)?(?:\s+(?:years?\s+)?old)?\b")
_AGE_WORDS = {**{w: v for w, v in halflife.NUMBER_WORDS.items() if isinstance(v, int)},
              "thirteen": 13, "fourteen": 14, "sixteen": 16, "seventeen": 17}
_UNIT_YEARS = {"day": 1 / 365, "week": 1 / 52, "month": 1 / 12, "year": 1.0, "yr": 1.0, None: 1.0}
#: Words that make a number after "under" something other than an age ("under 50 mg", "under 65 adults").
_NOT_AN_AGE = re.compile(r"(?<!\s)\s*(?:%|mg|mcg|kg|lbs?|pounds|percent|ml|hours?|minutes?|doses?|pills?|tablets?)\b")


def _group_spans(s: str, rx: re.Pattern[str], fact) -> list[tuple[int, int]]:
    """Where a ``not_for`` fact's group is named: its terms and, for an age limit, any age under it."""
    spans = [(m.start(), m.end()) for m in rx.finditer(s)]
    if fact.extra.get("age_below"):
        spans = sorted(spans + _younger_than(s, fact.extra["age_below"]))
    return spans


def _younger_than(s: str, limit: float) -> list[tuple[int, int]]:
    """Spans of the ages a sentence gives that fall under ``limit`` years: the label's group, named by age."""
    out = []
    for m in _AGE.finditer(s):
        word = m.group("n") or m.group("lo") or m.group("hi")
        unit = m.group("u") or m.group("lu") or m.group("hu")
        if not unit and _NOT_AN_AGE.match(s, m.end()):
            continue
        value = float(word) if word[0].isdigit() else float(_AGE_WORDS.get(word, 99))
        years = value * _UNIT_YEARS[unit]
        # an upper bound names everyone below it, so it reaches the group if it is no higher than the limit
        if (years <= limit) if m.group("hi") else (years < limit):
            out.append((m.start(), m.end()))
    return out


#: A condition naming the group, with the cue in the main clause after it ("if you have asthma, ...").
_IF_GROUP = re.compile(r"(?:even\s+)?(?:if|when|whenever|once|for|after|following)\s+(?:you|they|he|she|someone|anyone|a\s+person|people|"
                       r"patients|a\s+patient|those|(?:your|a|an|my|their|his|her)\s+\w+)\b")
#: "children over 12", "kids older than 12": the label's group is the younger one.
_OLDER = re.compile(r"(?<!\s)\s+(?:who\s+are\s+)?(?:over|older|above|aged|age|ages|at\s+least|\d)\b")


_IF_CLAUSE_END = re.compile(r"[,.;:!?]")


def _not_for(sent: _Sentence, di: DrugIndex, owned, lex: Lexicon, contra: list[_Hit], support: list[_Hit]) -> None:
    """A patient group, condition or use the label keeps the drug from: "safe for people with heart disease",
    "people with type 1 diabetes can use it", "FDA-approved for COVID-19" are contradicted; "must not be given
    to children under 12", "not approved for COVID-19" state the label and are supported."""
    s = sent.low
    for rx, fact, product in di.not_for:
        if product is not None and not sent.names(product):
            continue  # "OxyContin as an as-needed pill" is wrong, immediate-release oxycodone as needed is not
        permit, forbid = (_PERMIT_USE, _FORBID_USE) if fact.extra.get("use") else (_PERMIT, _FORBID)
        if fact.extra.get("use") and _ELSEWHERE.search(s):
            continue  # "approved for anxiety in Europe": another regulator's approval, which the US label does not deny
        groups = _group_spans(s, rx, fact)
        for t0, t1 in groups:
            if not owned(t0) or _OLDER.match(s, t1):
                continue
            c0 = _clause_start(s, t0)
            w = _WHILE_ON.search(s, max(0, c0 - 12), c0 + 12) if c0 else None
            if w is not None and w.start() < c0:
                c0 = _clause_start(s, w.start())  # "don't start X while you're taking ketoconazole": one instruction
            elif c0 and _WHILE_GROUP.fullmatch(s, max(0, c0 - 7), t0):
                c0 = _clause_start(s, max(0, c0 - 7))  # "safe to keep taking while you're pregnant": the group is the time of the cue
            elif c0 and t0 - c0 <= 60 and _EVEN_IF.match(s, c0):
                c0 = _clause_start(s, c0 - 1)  # "safe for anyone, even if your mother had thyroid cancer": one claim
            if _APPROVED_COMMA.search(s, max(0, c0 - 40), c0) or (c0 > 0 and _TAIL_CLAUSE.fullmatch(s, c0, t0)
                                                                 and _TAIL_END.match(s, t1)):
                # "a proven, effective treatment for", "designed to be taken on bad days, as needed": one clause
                c0 = _clause_start(s, c0 - 1)
            nxt = _CLAUSE.search(s, t1)
            c1 = nxt.start() if nxt else len(s)
            q0 = c0  # where a question or condition that leaves the cue open would start
            lead = len(s[c0:t0]) - len(s[c0:t0].lstrip())
            if t1 <= sent.cond:
                # "Just had a heart attack? X is fine": the situation asked is the condition, the cue after it
                q0 = sent.cond
                after = _CLAUSE.search(s, q0)
                c1 = after.start() if after else len(s)
            elif nxt is not None and _IF_GROUP.match(s, c0 + lead, t0) and (
                    comma := _IF_CLAUSE_END.search(s, t1, min(len(s), t1 + 120))) is not None and comma.group() == ",":
                # "if you have sleepwalked on it (and can't remember it), it's fine to keep using it": the cue is in
                # the main clause, after the comma that ends the condition
                q0 = comma.end()
                after = _CLAUSE.search(s, q0)
                c1 = after.start() if after else len(s)
            phrase = f"'{s[t0:t1]}'"
            # "someone who has never taken opioids" names the group; its "never" forbids nothing
            # (any naming of the group: "a good first opioid for someone who has never taken one")
            f = next((f for f in forbid.finditer(s, max(c0, t0 - 80), min(c1, t1 + 60))
                      if not any(f.start() < g1 and g0 < f.end() for g0, g1 in groups)), None)
            if f is not None and not _OPEN_QUESTION.search(s, max(q0, c0) if f.start() >= q0 else c0, f.start()):
                support.append(_Hit(t0, t1, "supported", "not_for", fact, f"{phrase}: '{s[f.start():f.end()].strip()}'"))
                return
            for p in permit.finditer(s, max(c0, t0 - 80), min(c1, t1 + (120 if q0 > c0 else 40))):
                p0, p1 = p.start(), p.end()
                lo, hi = (p1, t0) if p1 <= t0 else (t1, p0)
                if hi < lo:
                    continue
                # "meant for", "designed for"; or the permitting word modifies the term itself ("a handy as-needed pill")
                # a term that carries its own tie ("can take MS Contin as needed") needs no other
                tied = (_PERMIT_TIE.search(s, lo, hi) or s.endswith((" for", " as"), p0, p1)
                        or (p1 <= t0 and not s[lo:hi].strip()) or (p1 <= t0 and _SELF_TIED.match(s, t0)))
                if _NOT_FOR_GAP_BLOCK.search(s, lo, hi) or (p1 <= t0 and not tied) or (
                        p0 >= t1 and hi - lo > (120 if q0 > c0 else 40)):
                    continue
                if _OPEN_QUESTION.search(s, q0 if p0 >= q0 else c0, p0):
                    continue
                cue = s[p0:p1]
                # the group's own "never" ("someone who has never taken opioids can safely start ...") denies nothing
                if _negated(s, p0, lex) and (p0 < t1 or lex.negation.search(s, t1, p0) is not None):
                    support.append(_Hit(t0, t1, "supported", "not_for", fact, f"{phrase}: '{cue}' (negated)"))
                else:
                    contra.append(_Hit(p0, t1 if t1 > p1 else p1, "contradicted", "not_for", fact,
                                       f"'{cue}' said of {phrase}, which the label keeps it from"))
                return


#: Words that call a dose the ordinary one ("the usual dose", "the standard 20 mg").
_USUAL = r"(?:usual|normal|regular|standard|full|typical|ordinary|same)"
_DOSE_HINT = re.compile(rf"\bdos|adjust|\bamount|\blimit\s|\b{_USUAL}[ \t](?:adult[ \t])?\d")
_DOSE = r"(?:doses?|dosages?|dosing|amounts?|strength)"
#: A page saying the dose stays as it is ("the usual dose", "no dose adjustment", "without any adjustment").
_DOSE_SAME = re.compile(
    # "the normal 10 to 20 mg daily dose": a range and its unit between the words
    rf"\b(?:usual|normal|regular|standard|full|same|typical|ordinary)\s+(?:(?:recommended|starting|adult|daily|\d+(?:\.\d+)?|to|mg|mcg)\s+){{0,6}}{_DOSE}\b|"
    # "the same Ativan dose", "the full 20 mg Levitra dose": a name between the words
    rf"\b(?:usual|normal|regular|standard|full|same|typical)\s+(?:\d+(?:\.\d+)?\s*(?:mg|mcg)\s+)?[a-z][\w-]{{2,20}}\s+{_DOSE}\b|"
    # "at the standard 20 mg a day": the amount stands for the dose noun
    rf"\b{_USUAL}[ \t](?:adult[ \t])?\d{{1,4}}(?:\.\d{{1,2}})?[ \t]?(?:mg|mcg)\b|"
    r"\bno\s+(?:need\s+(?:for|to)\s+(?:an?\s+|any\s+)?)?(?:dose\s+|dosage\s+|dosing\s+)?(?:adjust\w*|changes?|changing|reduc\w*|lower\w*|"
    r"modif\w*|cut\w*)\b|"
    r"\bwithout\s+(?:any\s+|a\s+)?(?:dose\s+|dosage\s+)?(?:adjust\w*|changes?|changing|reduc\w*|lowering|modif\w*|cutting)\b|"
    # "kidney disease doesn't change anything", "... doesn't change gabapentin dosing"
    rf"\b(?:doesn['’]?t|does\s+not|don['’]?t|do\s+not|won['’]?t|will\s+not)\s+(?:change|affect|alter)\s+(?:anything|a\s+thing|(?:the\s+|your\s+)?(?:[\w-]+\s+)?(?:{_DOSE}))\b")
#: A page saying the dose changes ("a lower dose", "the dose must be reduced", "adjust the dose").
_DOSE_CHANGE = re.compile(
    rf"\b{_DOSE}\s+(?:\w+\s+){{0,4}}?(?P<v>adjust\w*|reduc\w*|lower\w*|decreas\w*|modif\w*|cut|halved|changed)\b|"
    rf"\b(?P<v2>adjust\w*|reduc\w*|lower\w*|decreas\w*|smaller|modif\w*|cut\w*|halv\w*|different|special)\s+(?:\w+\s+){{0,3}}?{_DOSE}\b|"
    # "capped at 15 mg", "a 200 mg daily cap", "start at a low dose", "a quarter of the usual dose", "every 12 hours"
    r"\b(?:capped|limited)\s+(?:at|to)\b|\b(?:daily\s+)?(?:cap|ceiling)\b|"
    # "the limit drops to a single 2.5 mg dose"
    r"\b(?:limit|max(?:imum)?|cap|dose)\s+(?:drops?|falls?|goes\s+down|is\s+cut|is\s+lowered|comes\s+down)\b|"
    r"\b(?:start\w*|begin\w*|initiat\w*)\s+(?:\w+\s+){0,3}?(?:at|on|with)\s+(?:a\s+|the\s+)?(?:low|lower|reduced|smaller|lowest)\b|"
    r"\b(?:quarter|half|third|fraction|portion)\s+(?:(?:\w+\s+){0,4}?of\s+)?(?:the\s+|your\s+)?(?:usual|normal|regular|standard)\b|"
    r"\b(?:less\s+often|less\s+frequently|longer\s+intervals?|every\s+(?:12|24|48)\s+hours|every\s+other\s+day)\b")
#: "mild kidney problems": labels change the dose for moderate or severe impairment.
_MILD = re.compile(r"(?:mild|slight|minor|mildly)\s+(?:[\w-]+\s+)?$")


def _dose_adjust(s: str, di: DrugIndex, owned, lex: Lexicon, contra: list[_Hit], support: list[_Hit]) -> None:
    """Patients or co-medications the label's Dosage section changes the dose for: "people with kidney disease
    can take the usual dose" is contradicted, "the dose must be lowered in kidney disease" supported; for a
    fact that says no change is needed, "no dose adjustment in kidney disease" is supported."""
    for rx, fact in di.dose_adjust:
        for m in rx.finditer(s):
            t0, t1 = m.start(), m.end()
            if _MILD.search(s, max(0, t0 - 25), t0):
                continue
            c0 = _clause_start(s, t0)
            w = _WHILE_ON.search(s, max(0, c0 - 12), c0 + 12) if c0 else None
            if w is not None and w.start() < c0:
                c0 = _clause_start(s, w.start())  # "the full dose while on ritonavir": the clause before says which dose
            lo, hi = max(c0, t0 - 90, 0), min(len(s), t1 + 90)
            if _DOSE_QUESTION.search(s, _clause_start(s, t0), t0):
                continue
            # A co-medication is a drug name of its own ("the full Levitra dose with ritonavir"): the dose words
            # then say whose dose it is.
            same = next((c for c in _DOSE_SAME.finditer(s, lo, hi) if not _DOSE_GAP_BLOCK.search(s, *_gap(c, t0, t1))
                         and (owned(t0) or owned(c.start()))), None)
            change = next((c for c in _DOSE_CHANGE.finditer(s, lo, hi) if not _DOSE_GAP_BLOCK.search(s, *_gap(c, t0, t1))
                           and (owned(t0) or owned(c.start()))), None)
            if change is not None and _negated(s, change.start("v") if change.group("v") else change.start(), lex):
                same, change = change, None  # "the dose doesn't need to be lowered"
            phrase = f"'{s[t0:t1]}'"
            if same is not None and change is None:
                cue = s[same.start():same.end()]
                if fact.extra.get("none"):
                    support.append(_Hit(t0, t1, "supported", "dose_adjust", fact, f"{phrase}: '{cue}'"))
                else:
                    contra.append(_Hit(min(t0, same.start()), max(t1, same.end()), "contradicted", "dose_adjust", fact,
                                       f"'{cue}' said of {phrase}, for whom the label changes the dose"))
                return
            if change is not None and not fact.extra.get("none"):
                support.append(_Hit(t0, t1, "supported", "dose_adjust", fact, f"{phrase}: '{s[change.start():change.end()]}'"))
                return


#: A clause naming what the patient takes alongside ("while on ritonavir", "when taking valproate").
#: A clause that extends the claim before it to the group: ", even if your mother had ...", ", even with ...".
_EVEN_IF = re.compile(r"(?<![ \t])[ \t]*(?:and[ \t]+)?even[ \t]+(?:if|when|though|with|after|for)\b")
#: The group as the time of use, right before it: "while you're pregnant", "when she is breastfeeding".
_WHILE_GROUP = re.compile(r"[ \t]*(?:while|whilst|when)[ \t]+(?:(?:you|she|they|we)(?:['’]re|['’]s|[ \t]are|[ \t]is)[ \t]+|"
                          r"i(?:['’]m|[ \t]am)[ \t]+)?(?:still[ \t]+|currently[ \t]+)?"
                          # "while you're recovering from a recent heart attack"
                          r"(?:(?:recovering|healing)[ \t]+from[ \t]+|getting[ \t]+over[ \t]+|(?:dealing|living)[ \t]+with[ \t]+)?"
                          r"(?:(?:an?|the|your|their|her|his)[ \t]+)?(?:(?:recent|past|previous|prior|mild|minor)[ \t]+)?")
_WHILE_ON = re.compile(r"\b(?:while|when)\s+(?:you(?:['’]re|\s+are)\s+)?(?:on|taking|using)\b")
#: A question leaves the dose open ("ask whether the usual dose is right"); "if you have kidney disease" names
#: the group.
_DOSE_QUESTION = re.compile(r"\b(?:whether|ask|check|sure|wonder\w*|how|unless)\b")
_DOSE_GAP_BLOCK = re.compile(r"[.;:!?]|\b(?:but|however|except|unless|although|though|whereas|whether|ask|wonder\w*)\b")


def _gap(cue: re.Match[str], t0: int, t1: int) -> tuple[int, int]:
    return (cue.end(), t0) if cue.end() <= t0 else (t1, max(t1, cue.start()))


_STOP_HINT = re.compile(r"abrupt|sudden|cold[- ]turkey|at\s+once|overnight|taper|wean")
_STOP_VERB = r"(?:stop|stops|stopping|stopped|quit|quits|quitting|discontinu\w*|come\s+off|coming\s+off|get\s+off|getting\s+off|go\s+off|going\s+off)"
#: Stopping a drug without tapering: "stop it cold turkey", "quit abruptly", "just stop one day without tapering".
_ABRUPT = re.compile(
    rf"\b(?P<verb>{_STOP_VERB})\b[^.;:!?]{{0,40}}?(?:\babruptly|\bsuddenly|\ball\s+at\s+once|\bcold[- ]turkey|\bovernight|"
    r"\bwithout\s+(?:any\s+|a\s+)?(?:tapering|taper|weaning|cutting\s+down|lowering\s+the\s+dose|reducing\s+the\s+dose|slowly\s+reducing))\b|"
    rf"\b(?:abrupt(?:ly)?|sudden(?:ly)?)\s+(?P<verb2>{_STOP_VERB}|cessation|withdrawal\s+of)\b|\b(?P<verb3>go(?:ing|es)?\s+cold[- ]turkey)\b")
#: "no need to taper": a denial of the label's instruction in itself.
_NO_TAPER = re.compile(r"\b(?:no\s+need\s+to|(?:do|does|did)(?:n['’]?t|\s+not)\s+(?:\w+\s+)?need\s+to|never\s+need\s+to|needn['’]?t)\s+"
                       r"(?:\w+\s+)?(?:taper|wean)\b")
#: Calling it harmless ("no problem", "safe to", "you can just stop") ...
_STOP_PERMIT = re.compile(r"\b(?:safe|safely|fine|ok|okay|alright|easy|can|could|free\s+to)\b")
#: "no problem", "harmless": called harmless even next to a word that would otherwise warn ("not a problem")
_STOP_HARMLESS = re.compile(r"\bno\s+problem|\bnot\s+a\s+problem|\bnothing\s+to\s+worry|\bno\s+big\s+deal|\bno\s+harm|\bharmless")
#: "stopping Ativan cold turkey is perfectly safe"
_CALLED_SAFE = re.compile(r"(?<!\s)\s*(?:is|are|was|'s|’s)\s+(?:\w+\s+)?(?:safe|fine|ok|okay|harmless)\b")
#: ... or warning against it ("never stop suddenly", "stopping abruptly can cause seizures").
_STOP_WARN = re.compile(r"\b(?:not|never|avoid\w*|dangerous|unsafe|risky|harmful|deadly|fatal|life-threatening|seizures?|"
                        r"withdrawal|taper(?:ed|ing)?\s+(?:off|down|the|your|it|gradually|slowly)|gradual\w*|slowly)\b|" + NT + r"\b")


def _abrupt_stop(s: str, di: DrugIndex, owned, contra: list[_Hit], support: list[_Hit]) -> None:
    """Stopping a drug the label says to taper: "it's safe to stop Ativan cold turkey" is contradicted, "never
    stop it suddenly" supported. Judged only for drugs whose risk facts name withdrawal."""
    fact = next((f for f in di.drug.facts if f.type in ("risk", "boxed_warning") and any("withdrawal" in t for t in f.terms)), None)
    if fact is None:
        return
    m = _NO_TAPER.search(s)
    if m is not None and owned(m.start()):
        contra.append(_Hit(m.start(), m.end(), "contradicted", "risk", fact, f"'{s[m.start():m.end()]}': the label says to taper"))
        return
    for m in _ABRUPT.finditer(s):
        if not owned(m.start()):
            continue
        c0 = _clause_start(s, m.start())
        nxt = _CLAUSE.search(s, m.end())
        c1 = nxt.start() if nxt else len(s)
        phrase = s[m.start():m.end()]
        if _OPEN_QUESTION.search(s, c0, m.start()):
            continue
        before, after = s[c0:m.start()], s[m.end():c1]
        strong = _STOP_HARMLESS.search(before) or _STOP_HARMLESS.search(after)
        if not strong and (_STOP_WARN.search(before) or _STOP_WARN.search(after)):
            support.append(_Hit(m.start(), m.end(), "supported", "risk", fact, f"'{phrase}' warned against"))
            return
        if strong or _STOP_PERMIT.search(before) or _CALLED_SAFE.match(after):
            contra.append(_Hit(m.start(), m.end(), "contradicted", "risk", fact,
                               f"'{phrase}' called harmless; the label says to taper"))
            return


#: The label's own instruction anywhere in the sentence ("swallow it whole", "do not crush").
_WHOLE = re.compile(r"\bswallow\w*\s+(?:\w+\s+){0,3}?(?:whole|intact)\b|\b(?:whole|intact)\s*,?\s+(?:never|not|without)\b")
#: Words before the action that forbid it ("never", "don't", "must not be", "without", "avoid").
_ACTION_FORBID = re.compile(r"\b(?:not|never|cannot|avoid\w*|without|nor|no)\b|" + NT + r"\b|\bdangerous\w*\b|\bdeadly\b")
#: Words before the action that permit it ("you can crush it", "it's fine to chew", "just crush it").
_ACTION_PERMIT = re.compile(
    r"\b(?:can|could|may)\s+(?:\w+\s+){0,2}?(?:be\s+)?$|"
    r"\b(?:safe|safely|fine|ok|okay|alright|easier|faster|quicker|better|no\s+problem|perfectly\s+fine|free)\s+(?:\w+\s+){0,2}?to\s+(?:\w+\s+)?$|"
    r"\b(?:go\s+ahead\s+and|just|simply|try)\s+$")
#: A warning anywhere in the sentence ("crushing it releases the drug faster, which can kill you").
_ACTION_DANGER = re.compile(r"\b(?:fatal|deadly|overdos\w*|death|die|dies|kill\w*|dangerous\w*|unsafe|serious\s+harm|life-threatening|clots?)\b")
#: A gain promised for it ("works faster if you chew it", "kicks in quicker").
_ACTION_GAIN = re.compile(r"\b(?:faster|quicker|sooner|stronger|better|more\s+effective)\b|\bkicks?\s+in\b")
#: An instruction: the action's plain form opening its clause ("crush the tablet and mix it with applesauce").
_ACTION_IMPERATIVE = re.compile(r"^\W*(?:and\s+|then\s+|so\s+)?$")
#: "crushing it is fine", "chewing them works faster"
_ACTION_CALLED_FINE = re.compile(r"^\s+(?:\w+\s+){0,6}?(?:is|are|'s|’s|works?)\s+(?:\w+\s+)?(?:safe|fine|ok|okay|harmless|faster|better|quicker|"
                                 r"easy|simple|good|great|smart|handy)\b")


#: A forbidding word before a list governs each action in it ("do not presoak, lick or wet them").
_FORBID_LIST = re.compile(r"(?:\b(?:not|never|avoid\w*|without|nor)|" + NT + r")\s+(?:[\w-]+\s*,\s*(?:or\s+|and\s+)?|[\w-]+\s+(?:or|and|nor)\s+){1,4}$")


def _administration(sent: _Sentence, di: DrugIndex, owned, contra: list[_Hit], support: list[_Hit]) -> None:
    """How a product must be taken: "it's fine to crush your OxyContin", "Sublocade can be injected into a
    vein" are contradicted, "swallow it whole, never crush it" supported; a story ("people crush and snort
    it") is neither. Judged only in sentences that name one of the fact's products, or refer back to one."""
    s = sent.low
    whole = _WHOLE.search(s)
    # the label's instruction or the danger anywhere in the sentence; a gain promised for the action
    warned = whole is not None or _ACTION_DANGER.search(s) is not None
    gain = _ACTION_GAIN.search(s) is not None
    for rx, fact, product in di.administration:
        if product is not None and not sent.names(product):
            continue
        if whole is not None and rx.search(s) is None and owned(whole.start()):
            support.append(_Hit(whole.start(), whole.end(), "supported", "risk", fact, f"'{s[whole.start():whole.end()]}'"))
            return
        for m in rx.finditer(s):
            if not owned(m.start()):
                continue
            c0 = _clause_start(s, m.start())
            nxt = _CLAUSE.search(s, m.end())
            before, after = s[c0:m.start()], s[m.end():nxt.start() if nxt else len(s)]
            phrase = f"'{s[m.start():m.end()]}'"
            if warned or _ACTION_FORBID.search(before) or _FORBID_LIST.search(s, max(0, m.start() - 60), m.start()):
                support.append(_Hit(m.start(), m.end(), "supported", "risk", fact, f"{phrase} warned against"))
                return
            if _OPEN_QUESTION.search(before) and not gain:
                continue  # "if you cut the patch, ..." leaves it open; "works faster if you chew it" does not
            verb = s[m.start():m.end()].split()[0]
            imperative = _ACTION_IMPERATIVE.match(before) is not None and not verb.endswith(("ing", "ed", "s"))
            if gain or imperative or _ACTION_PERMIT.search(before[-40:]) or _ACTION_CALLED_FINE.match(after):
                contra.append(_Hit(m.start(), m.end(), "contradicted", "risk", fact, f"{phrase}: the label forbids it"))
                return


#: A change put as a hypothetical ("when a blood pressure spike would be dangerous", "in whom a rise in blood
#: pressure could pose a hazard"): the danger of a change, not a change the drug makes.
_HYPOTHETICAL = re.compile(r"(?<![ \t])[ \t]+(?:[\w-]+[ \t]+){0,2}?(?:would|could|might)[ \t]+(?:be|constitute|pose|cause|mean)\b")


def _direction(s: str, di: DrugIndex, owned, lex: Lexicon, contra: list[_Hit], support: list[_Hit]) -> None:
    """Which way the drug moves a body measure: "ketamine lowers blood pressure" is contradicted where the
    label says it raises it, "Ozempic lowers blood sugar" supported, and "Ozempic doesn't lower blood sugar"
    is a denial. A sentence that gives both directions of one measure ("a fast or slow heartbeat") says
    neither."""
    for mm, fact in di.direction:
        if not mm.hint.search(s):
            continue
        agree: list[tuple[re.Match[str], bool]] = []
        oppose: list[tuple[re.Match[str], bool]] = []
        for m in mm.change.finditer(s):
            pos = m.start(m.lastgroup) if m.lastgroup else m.start()
            c0 = _clause_start(s, m.start())
            if not owned(m.start()) or asks(s, c0, m.start()) or _HYPOTHETICAL.match(s, m.end()):
                continue
            neg = _negated(s, pos, lex)
            (agree if (direction_of(m) == fact.value) else oppose).append((m, neg))
        said = [m for m, neg in agree if not neg] + [m for m, neg in oppose if neg]
        against = [m for m, neg in oppose if not neg]
        denied = [m for m, neg in agree if neg and _flat_denial(s, m)]
        ctype = fact.claim_type or "effect"
        # "an overdose can cause a fast or slow heartbeat": the direction the label gives is named too
        both = False
        if against:
            m = against[0]
            c0, nxt = _clause_start(s, m.start()), _CLAUSE.search(s, m.end())
            c1 = nxt.start() if nxt else len(s)
            both = mm.states is not None and any(direction_of(x) == fact.value for x in mm.states.finditer(s, c0, c1))
            same_heads = mm.heads(fact.value)
            both = both or (same_heads is not None and same_heads.search(s, m.start(), m.start(m.lastgroup)) is not None)
        if against and not said and not denied and not both:
            m = against[0]
            contra.append(_Hit(m.start(), m.end(), "contradicted", ctype, fact,
                               f"'{s[m.start():m.end()]}': the label says it {'raises' if fact.value == 'up' else 'lowers'} it"))
        elif denied and not against:
            m = denied[0]
            contra.append(_Hit(m.start(), m.end(), "contradicted", ctype, fact, f"'{s[m.start():m.end()]}' denied"))
        elif said and not against and not denied:
            m = said[0]
            support.append(_Hit(m.start(), m.end(), "supported", ctype, fact, f"'{s[m.start():m.end()]}'"))


_LIMIT_HINT = re.compile(r"\bno\s|without\s+a")
_AMOUNT_HINT = re.compile(r"mg\b|mcg|µg|milligram|microgram|gram|\dg\b|\d\s+g\b")


#: The label's dose limit denied: "there's no daily cap", "no maximum dose", "no upper limit on how much".
_NO_DOSE_LIMIT = re.compile(
    r"\b(?:no|without\s+(?:a|any))\s+(?:real\s+|set\s+|fixed\s+|hard\s+)?(?:daily\s+|dose\s+|dosage\s+|dosing\s+|upper\s+)?"
    r"(?:cap|limit|max(?:imum)?|ceiling)(?:\s+(?:dose|dosage|amount))?\b(?!\s+(?:on|to|for)\s+how\s+long\b|\s+(?:on|to)\s+(?:the\s+)?"
    r"(?:duration|time|length|number\s+of\s+(?:days|weeks|months|refills)))")


def _no_dose_limit(s: str, di: DrugIndex, owned, lex: Lexicon, contra: list[_Hit]) -> None:
    """A drug whose label sets a maximum dose said to have none is contradicted."""
    m = _NO_DOSE_LIMIT.search(s)
    if m is None or not owned(m.start()) or asks(s, _clause_start(s, m.start()), m.start()) or _untrue(s):
        return
    fact = next((f for f, rx in di.doses if rx is None and f.value.get("max")), None)
    if fact is not None:
        contra.append(_Hit(m.start(), m.end(), "contradicted", "dose", fact, f"'{s[m.start():m.end()]}'; the label sets a maximum"))


def _doses(sent: _Sentence, di: DrugIndex, owned, lex: Lexicon, contra: list[_Hit], support: list[_Hit]) -> None:
    """Doses as numbers against the label's: a maximum stated far over the label's ("the most you can take
    is 40 mg a day"), a starting dose twice the label's highest, or any amount over the maximum called usual
    or safe is contradicted; the label's own figures are supported. Where a drug's doses differ by product
    (Ozempic and Rybelsus), a sentence naming a product is judged by that product's fact, and one naming none
    is contradicted only if every product's doses say so. Where they differ by use (clonazepam at most 4 mg a
    day for panic disorder, 20 mg for seizures), a sentence naming a use is judged by that use's facts alone,
    and one naming none by the facts for no one use."""
    s = sent.low
    uses = [f for f, rx in di.doses if rx is not None and f.extra.get("when") and sent.names(rx)]
    # a product named only for comparison ("Ozempic vs Wegovy: ... Ozempic goes up to 5 mg") is not the one dosed
    named = [f for f, rx in di.doses if rx is not None and not f.extra.get("when") and (
        any(not _COMPARED_BEFORE.search(s, max(0, m.start() - 30), m.start()) for m in rx.finditer(s))
        or (bool(sent.context) and rx.search(sent.context) is not None))]
    every = [f for f, _ in di.doses if not f.extra.get("when")]
    facts = uses or (named + [f for f, rx in di.doses if rx is None] if named else every)
    harm = doses.harm_told(s)
    supported = False
    for a in doses.amounts(s):
        if not owned(a.start) or (harm and not a.hard) or asks(s, _clause_start(s, a.start), a.start):
            continue
        if a.cue != doses.MAX and _negated(s, a.start, lex):
            continue
        # only the facts that speak of this kind of amount (a patch's rate or an amount taken) have a say
        verdicts = [(f, *doses.judge(a, f.value)) for f in facts if doses.comparable(a, f.value)]
        said = [(f, note) for f, v, note in verdicts if v == "supported"]
        wrong = [(f, note) for f, v, note in verdicts if v == "contradicted"]
        if said:
            # A fact sheet's row gives several amounts ("Dose: 20 mg every day; Max: 40 mg/day"): a right
            # one does not vouch for a wrong one later, so the reading goes on.
            if not supported:
                f, note = said[0]
                support.append(_Hit(a.start, a.end, "supported", "dose", f, note))
                supported = True
            continue
        if wrong and len(wrong) == len(verdicts):
            f, note = wrong[0]
            contra.append(_Hit(a.start, a.end, "contradicted", "dose", f, note))
            return


#: The short gap offered as enough: a permit, an instruction, "only", or the wait itself ("wait a day").
_GAP_ENOUGH = re.compile(r"\b(?:can|could|may|fine|ok|okay|safe(?:ly)?|enough|sufficient|plenty|only|just|go\s+ahead|"
                         r"no\s+problem|wait(?:ing)?|all\s+you\s+need)\b")
#: The wait itself denied ("no need to wait", "you don't have to wait", "without waiting"); a negation elsewhere
#: ("has to have not used opioids for 7 days") describes the gap instead.
_WAIT_DENIED = re.compile(
    r"(?:\bno|\bnot|" + NT + r"|\bnever)\s+(?:\w+\s+){0,2}?(?:need\w*|have\s+to|has\s+to|necessary|required|bother\w*)\s+(?:to\s+)?(?:\w+\s+)?wait\w*\b|"
    r"\bno\s+(?:need|reason)\s+to\s+wait\w*\b|\bwithout\s+(?:any\s+)?wait\w*\b|\bno\s+wait\w*\b")
_GAP_INSTRUCTION = re.compile(r"\W{0,20}(?:then\s+)?(?:take|start|begin|switch|resume)\b")


_IF_OPEN = re.compile(r"\W{0,6}(?:if|once|when)\s")
_MAIN_PERMIT = re.compile(r"[^.;:!?,]{0,80},\s*(?:then\s+)?(?:(?:it['’]s\s+|it\s+is\s+|you['’]re\s+)?(?:fine|ok|okay|safe|good|free|cleared)\b|"
                          r"(?:you|we)\s+(?:can|may|could)\s+(?:safely\s+|now\s+|go\s+ahead\s+and\s+)?(?:start|take|begin|use|switch|go)\b)")


def _if_gap_permitted(s: str, c0: int, end: int) -> bool:
    """"If you quit the MAOI a week ago, it's fine to start": the gap is the condition and the main clause
    offers it as enough, which is a claim (an "ask whether" or "how long" stays a question)."""
    return _IF_OPEN.match(s, c0) is not None and _MAIN_PERMIT.match(s, end) is not None


def _interval(s: str, di: DrugIndex, contra: list[_Hit], support: list[_Hit]) -> None:
    """A waiting time between the drug and another the label sets ("14 days after stopping an MAOI", "48
    hours before nitrates"): the label's gap or longer is supported; half of it or less offered as enough
    ("you can start Adderall the day after your last Nardil", "wait 12 hours") is contradicted, and so is the
    label's gap called unneeded ("no need to wait two weeks")."""
    for rx, fact in di.intervals:
        if rx.search(s) is None:
            continue
        need = fact.value["min"] * UNIT_HOURS[fact.value["unit"]]
        for g in intervals.gaps(s):
            c0 = _clause_start(s, g.start)
            # The gap is between the two drugs, so it belongs to both ("With Cialis, 12 hours is enough before
            # nitroglycerin" is about Cialis though the clause's subject is the nitrate).
            if asks(s, c0, g.start) and not _if_gap_permitted(s, c0, g.end):
                continue
            label = f"the label's gap is {fact.value['min']:g} {fact.value['unit']}"
            # "no need to wait two weeks" denies the gap; "never start it within 14 days" forbids the window
            neg = _WAIT_DENIED.search(s, c0, g.start) is not None
            if g.hours >= 0.75 * need and not neg:
                support.append(_Hit(g.start, g.end, "supported", "interaction", fact, f"'{s[g.start:g.end]}'; {label}"))
                return
            nxt = _CLAUSE.search(s, g.end)
            enough = (_GAP_ENOUGH.search(s, c0, nxt.start() if nxt else len(s)) or _GAP_INSTRUCTION.match(s, c0)
                      or _if_gap_permitted(s, c0, g.end))
            if neg or (g.hours <= 0.5 * need and enough):
                contra.append(_Hit(g.start, g.end, "contradicted", "interaction", fact,
                                   f"'{s[g.start:g.end]}'" + (" denied" if neg else " offered as enough") + f"; {label}"))
                return


_FOOD_HINT = re.compile(r"food|meal|stomach|\beat|breakfast|lunch|dinner|supper|snack|milk|fasting|water|coffee|juice|\btea\b|soda|drink")


def _food(sent: _Sentence, di: DrugIndex, owned, contra: list[_Hit], support: list[_Hit]) -> None:
    """How to take it with respect to food and water: "take ivermectin with a fatty meal" is contradicted where
    the label says on an empty stomach, "Mounjaro only works on an empty stomach" where it says with or
    without meals, "Rybelsus with a full glass of water" where it allows 4 ounces; the label's own instruction
    is supported, and a description that advises nothing ("absorption rises after a fatty meal") neither. A
    fact limited to products (Rybelsus, Xtampza ER) judges only sentences naming one (or referring back to one),
    and then alone."""
    s = sent.low
    named = [f for f, rx in di.food if rx is not None and sent.names(rx)]
    for f in named or [f for f, rx in di.food if rx is None]:
        readings = [(m.start, m.end, *meals.judge(m, f.value)) for m in meals.meals(s, f.value["drinks"]) if owned(m.start)]
        if "water_oz_max" in f.value:
            readings += [(w.start, w.end, *meals.judge_water(w, f.value)) for w in meals.waters(s) if owned(w.start)]
        for verdict, out in (("contradicted", contra), ("supported", support)):
            hit = next(((a, b, note) for a, b, v, note in readings if v == verdict), None)
            if hit is not None:
                a, b, note = hit
                out.append(_Hit(a, b, verdict, "dose", f, f"'{s[a:b]}': {note}"))
                return


_FREQ_HINT = re.compile(r"every|each|once|twice|thrice|times|daily|nightly|weekly|monthly|doses\s+(?:a|per)\s|\bq\s?\d|\bwor[en]|\bwear|\blast|\bkeep|\bkept|"
                        r"\bleave|\bleft|stay|patch|second|2nd|another|one\s+more|extra|additional|redos|re-dos|"
                        # doses listed by the clock or the meal ("at 8 am and 2 pm", "one at breakfast, one at lunch")
                        r"\d[ \t]?[ap]\.?m\b|noon|breakfast|lunch|dinner|supper|bedtime|morning|evening|night")


_PRODUCT_CONTRAST = re.compile(r"\b(?:while|whereas|but|unlike|versus|vs)\b")
_COMPARED_BEFORE = re.compile(r"\b(?:same\s+(?:[\w-]+\s+){0,2}as|unlike|than|versus|vs\.?|compared\s+(?:to|with)|like)\s+(?:the\s+|a\s+)?$")


def _frequency(s: str, spans: list[tuple[int, int]], di: DrugIndex, owned, contra: list[_Hit], support: list[_Hit]) -> None:
    """How often it is taken and how long a patch is worn: "Sublocade is a once-a-day injection" (monthly),
    "change the fentanyl patch every day" (72 hours), "it's fine to take a second Viagra the same day" (once a
    day) are contradicted; the label's own schedule is supported. The same wrong schedule negated or told as
    harm ("never take a second Ambien the same night") is the label's warning. A fact limited to products
    judges the readings nearest a name of one of them; the others are judged by the drug's other facts."""
    # a product named only for comparison ("Revatio is the same drug as Viagra, but ...") is not the one dosed
    named = [(m.start(), f) for f, rx in di.frequency if rx is not None for m in rx.finditer(s)
             if not _COMPARED_BEFORE.search(s, max(0, m.start() - 30), m.start())]
    generic = [f for f, rx in di.frequency if rx is None]
    harm = doses.harm_told(s)
    for r in freq.schedules(s):
        # "Ozempic once a week": the name right before the frequency is the dosing word
        # (not where a question ends on the name and its answer follows: "How often do you check your sugar on
        # Ozempic? Twice a day." answers the question, which says what is done that often)
        # (a sentence that only refers back to the drug has no name here: its place-holder span is empty)
        if not owned(r.start) or not (r.told or any(0 <= r.start - m1 <= 3 and not (":" in s[m1:r.start] and _WH_QUESTION.match(s))
                                                    for m0, m1 in spans if m1 > m0)):
            continue
        # "every morning keeps your heart young" sets the scene for a claim; "every hour keeps the pain away" is
        # still a schedule for one of the drug's own effects
        if r.scene and not any(h.start >= r.end and h.claim_type in ("indication", "effect") for h in support):
            continue
        c0 = _clause_start(s, r.start)
        if asks(s, c0, r.start):
            continue
        before = [p for p, _ in named if p < r.start]
        # "Amrix is once daily, whereas Flexeril is taken three times a day": another brand of the drug nearer
        # the reading than any product with its own fact gives the drug's generic facts (the generic name
        # itself may be the product's: "Butrans delivers buprenorphine ... worn for 7 days")
        nearer = before and any(max(before) < a < r.start and s[a:b] != di.drug.id for a, b in spans)
        # "Amrix is one capsule a day, while regular tablets are taken three times daily": a contrast between the
        # product and the reading hands the reading to the drug's other products
        nearer = nearer or bool(before and _PRODUCT_CONTRAST.search(s, max(before), r.start))
        if named and not nearer:
            at = max(before) if before else min(p for p, _ in named)
            facts = [f for p, f in named if p == at]
        else:
            facts = generic
        verdicts = [(f, *freq.judge(r, f.value)) for f in facts]
        wrong = [(f, note) for f, v, note in verdicts if v == "contradicted"]
        said = [(f, note) for f, v, note in verdicts if v == "supported"]
        # "never take a second Ambien the same night": here advice is the negation that counts
        neg = not r.limit and any(max(c0, r.start - 60) <= a and b <= r.start for a, b in _marks(s)[1])
        phrase = f"'{s[r.start:r.end]}'"
        if wrong and len(wrong) == len(verdicts):
            f, note = wrong[0]
            if neg or harm:
                support.append(_Hit(r.start, r.end, "supported", "dose", f, f"{phrase} warned against: {note}"))
            else:
                contra.append(_Hit(r.start, r.end, "contradicted", "dose", f, f"{phrase}: {note}"))
            return
        if said and not neg and not r.of_amount:
            f, note = said[0]
            support.append(_Hit(r.start, r.end, "supported", "dose", f, f"{phrase}: {note}"))
            return


_CONTRAST = re.compile(r"\b(?:unlike|whereas|compared\s+(?:to|with)|versus|vs\.?|rather\s+than|instead\s+of)\b")
_DURATION_HINT = re.compile(r"day|night|week|month|year|term|indefinite|forever|life|permanent|brief|as\s+long\s+as|no\s+end|time\s+limit")


def _duration(s: str, di: DrugIndex, owned, contra: list[_Hit], support: list[_Hit]) -> None:
    """How long it may be used: "Soma is safe to take for months" (the label: up to three weeks) and "Ozempic is
    only a short-term fix" (chronic use) are contradicted; the label's own limit ("never use Soma for more than
    three weeks", "not for long-term use") is supported. A length that is neither allowed, limited nor denied
    ("I've been on it for years") is a report and judged by nothing here."""
    if _CONTRAST.search(s):  # "approved for long-term use, unlike plain phentermine": two products compared
        return
    for c in durations.courses(s):
        c0 = _clause_start(s, c.start)
        if not owned(c.start) or asks(s, c0, c.start):
            continue
        for f in di.duration:
            verdict, note = durations.judge(c, f.value)
            if verdict is not None:
                (contra if verdict == "contradicted" else support).append(
                    _Hit(c.start, c.end, verdict, "dose", f, f"'{s[c.start:c.end]}': {note}"))
                return


#: A combination or its syndrome ("with an SSRI it can raise serotonin to dangerous levels") is about the mix.
_TARGET_BLOCK = re.compile(r"syndrome|combin|\bmix|together|along\s+with|\bplus\b|\bssris?\b|\bsnris?\b|antidepressant|triptan|maois?\b")


def _wrong_target(s: str, di: DrugIndex, owned, lex: Lexicon, contra: list[_Hit], support: list[_Hit]) -> None:
    """A target the label rules out: "gabapentin works on GABA receptors" (the label says it binds no GABA
    receptor), "Ritalin boosts serotonin", "Ambien is a histamine blocker" are contradicted whichever way they
    say it acts; denied ("Ritalin doesn't affect serotonin") they are supported."""
    for hint, rx, fact in di.targets:
        if not hint.search(s) or _TARGET_BLOCK.search(s):
            continue
        for m in rx.finditer(s):
            c0 = _clause_start(s, m.start())
            if not owned(m.start()) or asks(s, c0, m.start()):
                continue
            said = f"'{s[m.start():m.end()]}'"
            if _negated(s, m.start(m.lastgroup) if m.lastgroup else m.start(), lex):
                support.append(_Hit(m.start(), m.end(), "supported", "mechanism", fact, f"{said} denied; the label names {', '.join(fact.terms)}"))
            else:
                contra.append(_Hit(m.start(), m.end(), "contradicted", "mechanism", fact,
                                   f"{said}: the label says it acts on {', '.join(fact.terms)}"))
            return


def _flat_denial(s: str, m: re.Match[str]) -> bool:
    """A negated direction that denies it outright ("doesn't lower blood sugar"), not a qualified one
    ("doesn't raise blood pressure much", "not in most people")."""
    return not (_QUANTIFIED_AFTER.match(s, m.end()) or _NOT_A_DENIAL.search(s, _clause_start(s, m.start()), m.end()))


_DENY_BEFORE = re.compile(
    r"(?P<verb>(?:\bnever|\bnot|\bcannot|" + NT + r")\s+(?:\w+\s+){0,2}?(?:cause|causes|caused|give|gives|lead\s+to|leads\s+to|produce|produces|"
    r"result\s+in|results\s+in|come\s+with|comes\s+with|carry|carries|bring|brings|have|has|make|makes|made|leave|leaves|left|"
    r"go\s+through|goes\s+through|suffer|suffers|experience|experiences|"
    r"raise|raises|increase|increases|affect|affects|change|changes|alter|alters|worsen|worsens|trigger|triggers|"
    r"harm|harms|damage|damages|hurt|hurts|injure|injures|"
    r"ha(?:ve|s)\s+(?:any\s+|an\s+)?(?:effect|impact|influence)\s+on|"
    r"(?:linked|tied|associated|connected)\s+(?:to|with))\s+(?:any\s+|a\s+|the\s+|you\s+|your\s+)?"
    r"(?:[\w-]+,?\s+(?:or\s+|and\s+)?){0,2}?)$|\b(?:no|zero|free\s+(?:of|from))\s+(?:[\w-]+\s+)?$|"
    # "has no effect on heart rhythm", "carries no warning about suicidal thoughts"
    r"(?P<verb2>\b(?:no|zero)\s+(?:[\w-]+\s+)?(?:effects?|impact|influence|warnings?)\s+(?:at\s+all\s+|whatsoever\s+)?"
    r"(?:on|about|for|regarding)\s+(?:your\s+|the\s+|a\s+)?)$")
#: "does not always cause", "no more nausea than placebo", "in patients without tolerance": not denials ("no
#: effect at all" still is one).
_NOT_A_DENIAL = re.compile(r"\b(?:always|necessarily|usually|typically|generally|normally|often|everyone|everybody|(?<!at\s)all|most|"
                           r"many|every|more|less|longer|patients?|people|anyone|those|who)\b")
#: "doesn't raise blood pressure in most children", "... much": a qualified statement, not a flat denial.
_QUANTIFIED_AFTER = re.compile(r"(?<!\s)\s+(?:(?:in|for|with|among)\s+(?:most|many|some|the\s+majority)\b|(?:usually|typically|generally|normally|"
                               r"often|always|necessarily|much|significantly|meaningfully|clinically|noticeably)\b|"
                               r"as\s+(?:often|much|many|badly|strongly|severely|commonly|easily|readily)\b|than\b)")
#: Conditions, advice, and study findings ("there were no overdoses in the treated group") are not denials.
_DENIAL_CONTEXT_BLOCK = re.compile(
    r"\b(?:if|unless|whether|when|until|tell|ask|call|report|reported|observed|seen|there|had|were|was|groups?|"
    r"trials?|study|studies|participants|placebo|found)\b")


def _denies_risk(s: str, t0: int, t1: int, di: DrugIndex) -> bool:
    """Whether a negated risk term is a flat denial of that risk ("never causes nausea", "no dependence"),
    not a condition, a comparison, or a risk the drug is given to treat (buprenorphine and withdrawal)."""
    m = _DENY_BEFORE.search(s, max(0, t0 - 60), t0)
    if m is None or _NOT_A_DENIAL.search(s, m.start(), t0) or _QUANTIFIED_AFTER.match(s, t1):
        return False
    nxt = _CLAUSE.search(s, t1)  # the context ends with the clause ("no effect on PSA, so there's ...")
    if _DENIAL_CONTEXT_BLOCK.search(s, _clause_start(s, m.start()), min(t1 + 25, nxt.start() if nxt else len(s))):
        return False
    if m.group("verb") or m.group("verb2"):
        return True  # "never causes withdrawal" denies it even of a drug that treats withdrawal
    word = s[t0:t1].rstrip("s")
    return not any(word in t.lower() for f in di.drug.facts if f.type in ("indication", "off_label", "effect") for t in f.terms)


def _compared_with(sent: _Sentence, split: int) -> list[str]:
    """Drugs in the list right after "than" / "compared to" ("... than Xanax and Klonopin").

    A bare comma ends the list unless an "and"/"or" item follows ("compared with Viagra, Cialis
    lasts longer": Cialis is the subject).
    """
    spans = sorted((p0, p1, d) for d, sp in sent.mentions.items() for p0, p1 in sp if p0 >= split)
    items: list[tuple[str, bool]] = []  # (drug, joined by a bare comma)
    last = split
    for p0, p1, d in spans:
        gap = sent.low[last:p0]
        if not items and p0 - split > 70:
            break
        if items and (len(gap) > 30 or not _LIST_GAP.match(_tokens(gap))):
            break
        items.append((d, bool(items) and not re.search(r"\b(?:and|or|as\s+well\s+as)\b|&", gap)))
        last = p1
    while items and items[-1][1]:
        items.pop()
    return list(dict.fromkeys(d for d, _ in items))


_LIST_GAP = re.compile(r"^(?:, )?(?:(?:and|or|&|as well as) )?(?:, )?(?:the )?$")


def _tokens(gap: str) -> str:
    """``gap`` as single-space-separated tokens, commas included, each followed by one space."""
    words = gap.replace(",", " , ").split()
    return " ".join(words) + " " if words else ""


def _overstated(s: str, hit: _Hit, lex: Lexicon, di: DrugIndex, support: list[_Hit]) -> bool:
    if hit.reported or hit.claim_type not in (*_POSITIVE_TYPES, "risk"):
        return False
    for m in lex.absolute.finditer(s):
        word = s[m.start():m.end()]
        if word.startswith("cure") and di.curative and any(h.claim_type == "indication" for h in support):
            continue
        if hit.claim_type == "risk" and "side effect" not in word and "safe" not in word:
            continue
        if not _negated(s, m.start(), lex):
            return True
    if hit.verdict != "supported" and hit.claim_type in _BENEFIT_TYPES and lex.booster.search(s) is not None:
        return lex.hedge.search(s) is None
    return False


# --------------------------------------------------------------------------------------------------
# flags


def _note(hit: _Hit, s: str) -> str:
    return hit.note


def _claim_flags(page: Page, cc: ClaimCheck, hit: _Hit, overstated: bool) -> list[Flag]:
    out: list[Flag] = []
    fact = hit.fact
    if cc.verdict == "contradicted":
        msg = f"{cc.drug}: claim contradicts the reference ({hit.note})"
        if fact is not None:
            msg += f": {fact.statement} [{fact.id}; {fact.source}]"
        out.append(make_flag(page, "claims.contradicted", cc.start, cc.end, _SEVERITY["claims.contradicted"], msg))
    elif cc.verdict == "unsupported" and not hit.reported and cc.claim_type in _BENEFIT_TYPES:
        msg = f"{cc.drug}: benefit claim that no reference fact backs ({hit.note})"
        if fact is not None:
            msg += f": {fact.statement} [{fact.id}; {fact.source}]"
        out.append(make_flag(page, "claims.unsupported", cc.start, cc.end, _SEVERITY["claims.unsupported"], msg))
    if overstated:
        out.append(make_flag(page, "claims.overstated", cc.start, cc.end, _SEVERITY["claims.overstated"],
                             f"{cc.drug}: certainty beyond the evidence ({cc.verdict} {cc.claim_type} claim stated as certain)"))
    return out


def _benefit_only(page: Page, per_drug: dict[str, list[tuple[ClaimCheck, bool]]], index: FactIndex) -> list[Flag]:
    out: list[Flag] = []
    for drug, items in per_drug.items():
        checks = [c for c, _ in items]
        # Claims the page reports or hedges are not its own promotion.
        positive = [c for c, reported in items if c.claim_type in _POSITIVE_TYPES and not reported]
        unbacked = [c for c in positive if c.verdict != "supported"]
        if len(positive) < 3 and not (len(positive) >= 2 and unbacked):
            continue
        if any(c.claim_type in ("risk", "interaction") for c in checks):
            continue
        di = index.drugs[drug]
        if di.key_risk is None or _mentions_key_risk(page, di):
            continue
        first = (unbacked or positive)[0]
        named = ", ".join(di.key_risk_terms[:4])
        out.append(make_flag(page, "claims.benefit_only", first.start, first.end, _SEVERITY["claims.benefit_only"],
                             f"{drug}: {len(positive)} benefit claims and no mention of its key risks ({named}, ...)"))
    return out


_OTHER_SUBSTANCE = re.compile(r"(?:alcohol|opioid|opiate|nicotine|heroin|drug|cocaine|substance)\s+$")


def _mentions_key_risk(page: Page, di: DrugIndex) -> bool:
    low = page.lower
    for m in di.key_risk.finditer(low):  # type: ignore[union-attr]
        # "alcohol withdrawal" is an indication, not this drug's withdrawal risk.
        if _OTHER_SUBSTANCE.search(low[max(0, m.start() - 12):m.start()]):
            continue
        return True
    return False
