"""commercial.* detectors: how health spam makes money.

Six small detectors, each raising one flag code with the exact span that shows it:

``commercial.buy_link``
    purchase calls to action in link anchors, in link targets and injected into running text
    ("Buy valium acts on ..."), add-to-cart and price-per-pill lines.
``commercial.pharmacy``
    online-pharmacy pitches: product names with strengths ("Xanax 2mg bars"), "no prescription needed",
    overnight / discreet delivery, questionnaire prescribing, telehealth pitches centred on a controlled
    substance, coupons, a drug name in the page's domain or slug.
``commercial.lead_generation``
    a call to action around a phone number or a form that routes the reader to paid treatment referral.
    Numbers are recognised by ``phonenumbers``; named public helplines are not lead generation.
``commercial.obfuscated_drug_name``
    drug names spelled to dodge filters (look-alike letters, digits for letters, separators, zero-width
    characters, doubled or dropped letters), matched after NFKC and a confusables fold.
``commercial.drug_mix``
    several unrelated drug markets (pain, anxiety, erectile, weight ...) listed close together.
``commercial.donation_or_affiliate``
    affiliate disclosures, donation widgets and sponsored-content markers (low-severity context).

A drug name alone is never a signal: every rule needs selling context, a disguise or a mix. Everything
the detectors need per page (drug mentions, disguised names, the main drug) is computed once and shared.
Figures (false positives on reliable journalism and drug labels, recall and precision on held-out
fixtures): ``healthcred evaluate commercial`` (:mod:`classifier.evaluation.commercial`).

Lexicons: ``corpus/lexicons/drugs.json`` (names, through :mod:`classifier.drugs`),
``corpus/lexicons/commercial.json`` (public helplines, trusted domains, locator words) and
``corpus/lexicons/commercial_misspellings.json`` (built by :func:`build_misspellings`).
"""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
import weakref
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from ..drugs import Mention, dictionary
from ..page import Page
from ..resources import LEXICONS_DIR
from ..results import Flag
from ..text import matches_at, occurrences
from .base import Detector, make_flag

_LEXICON = json.loads((LEXICONS_DIR / "commercial.json").read_text(encoding="utf-8"))
_DRUGS = dictionary()
_CONTROLLED = frozenset({"I", "II", "III", "IV", "V"})
# Drugs whose category ends in " otc" are sold over the counter: "Advil 200 mg" is a shelf label, not a pitch.
_RX = frozenset(d.id for d in _DRUGS.drugs.values() if not d.category.endswith(" otc"))
# Markets that spam pharmacies sell into; mixing several of them on one page is a pharmacy menu.
_MARKETS = {"anxiety": "anxiety", "sleep": "sleep", "pain": "pain", "erectile": "erectile", "weight": "weight",
            "stimulant": "stimulant", "hair loss": "lifestyle", "acne": "lifestyle", "anabolic": "anabolic"}
_LIFESTYLE = frozenset({"erectile", "weight", "lifestyle", "anabolic"})


def _is_controlled(drug_id: str) -> bool:
    drug = _DRUGS.get(drug_id)
    return bool(drug and drug.schedule in _CONTROLLED)


def _severity(base: float, drug_id: str | None) -> float:
    """Controlled substances sold without oversight are the most harmful form: raise severity."""
    return min(1.0, base + 0.25) if drug_id and _is_controlled(drug_id) else base


# --------------------------------------------------------------------------------------------------
# per-page context, computed once and shared by every detector in this module


@dataclass(frozen=True, slots=True)
class _Disguise:
    """A disguised drug name: ``text[start:end]`` stands for ``name`` (of ``drug``), hidden by ``how``."""

    start: int
    end: int
    drug: str
    name: str
    how: str


@dataclass(frozen=True, slots=True)
class _Context:
    mentions: tuple[Mention, ...]
    rx: tuple[Mention, ...]
    main_drug: str | None  # the most mentioned prescription drug (3+ mentions), if any
    # The buy and pharmacy rules read disguised names too, so that "Order P.e.r.c.o.c.e.t" is a buy
    # phrase and "Tr4m4dol 100mg" a product listing.
    disguised: tuple[_Disguise, ...] = ()


_last: tuple[weakref.ref, _Context] | None = None


def _context(page: Page) -> _Context:
    # One page is scored by every detector in turn; keep the last page's context (a weak reference so
    # that a recycled id() can never hand one page another page's mentions).
    global _last
    entry = _last
    if entry is not None and entry[0]() is page:
        return entry[1]
    mentions = tuple(_DRUGS.find(page.text, lower=page.lower))
    rx = tuple(m for m in mentions if m.drug in _RX)
    counts: dict[str, int] = {}
    for m in rx:
        counts[m.drug] = counts.get(m.drug, 0) + 1
    main = max(counts, key=counts.__getitem__) if counts else None
    ctx = _Context(mentions, rx, main if main and counts[main] >= 3 else None, _DISGUISES.find(page))
    _last = (weakref.ref(page), ctx)
    return ctx


def _near(ctx: _Context, start: int, end: int, window: int = 300) -> Mention | None:
    """The nearest prescription-drug mention within ``window`` characters of a span."""
    best, dist = None, window + 1
    for m in ctx.rx:
        d = max(0, m.start - end, start - m.end)
        if d < dist:
            best, dist = m, d
    return best


def _sentence(page: Page, pos: int) -> tuple[int, int]:
    span = page.sentence_at(pos)
    return (span.start, span.end) if span is not None else (pos, min(len(page.text), pos + 1))


def _in_links(page: Page, start: int, end: int) -> bool:
    return any(link.start < end and start < link.end for link in page.text_links)


# --------------------------------------------------------------------------------------------------
# URLs


_TRUSTED = tuple(_LEXICON["trusted_domains"])
_LOCATOR = tuple(_LEXICON["locator_words"])
# Any locator word as a substring: one search instead of a test per word.
_LOCATOR_RX = re.compile("|".join(re.escape(w) for w in _LOCATOR)) if _LOCATOR else re.compile("(?!)")
_URL_TOKEN = re.compile(r"[a-z]+|\d+(?:mg)?", re.I)
_SELL_TOKENS = frozenset(
    ["buy", "order", "cheap", "purchase", "shop", "store", "pharmacy", "pharma", "rx", "meds", "pills", "pill", "sale", "discount", "generic", "noprescription", "nopresc", "overnight", "cod"]
)

_HOST_SELL = ("buy", "order", "cheap", "purchase", "shop", "store", "pharm", "rx", "meds", "pills", "sale", "discount",
              "generic", "online", "overnight")


def _host_path(href: str) -> tuple[str, str]:
    try:
        parts = urlsplit(href.strip())
    except ValueError:
        return "", ""
    host = (parts.hostname or "").lower()
    return host, (parts.path + "?" + parts.query).lower()


_TRUSTED_SET = frozenset(_TRUSTED)


def _trusted(host: str) -> bool:
    """``host`` is a trusted domain or a subdomain of one (one set lookup per dot, not a scan of the list)."""
    if host in _TRUSTED_SET:
        return True
    dot = host.find(".")
    while dot >= 0:
        if host[dot + 1 :] in _TRUSTED_SET:
            return True
        dot = host.find(".", dot + 1)
    return False


def _is_locator(text: str) -> bool:
    low = text.lower()
    return _LOCATOR_RX.search(low) is not None


@lru_cache(maxsize=4096)
def _url_drug(host_or_path: str) -> str | None:
    """A drug id named in a domain or path, as a whole token or glued to selling words (``buyvalium``)."""
    names = _DRUGS.names(("generic", "brand"))
    for tok in re.findall(r"[a-z]+", host_or_path):
        if tok in names:
            return names[tok]
        if len(tok) > 6:
            for start, end, drug_id, _ in _DRUGS.scan(tok):
                if end - start >= 5:
                    rest = tok[:start] + tok[end:]
                    if rest and any(rest.startswith(s) or rest.endswith(s) for s in _SELL_TOKENS | {"online", "now"}):
                        return drug_id
    return None


def _url_sells(host: str, path: str) -> str | None:
    """The drug a URL sells: a drug in the domain, or a short slug with a drug and a selling word."""
    drug = _url_drug(host)
    # A brand's own site ("viagra.com") is not a shop; a drug glued to shop words in the domain is.
    if drug and any(w in host for w in _HOST_SELL):
        return drug
    segments = [s for s in re.split(r"[/?&=#]", path) if s]
    for seg in segments[-3:]:
        toks = [t.lower() for t in _URL_TOKEN.findall(seg)]
        # News slugs are headlines (many words); shop slugs are short product handles.
        if not toks or len(toks) > 6:
            continue
        drug = _url_drug(seg)
        if drug is None:
            continue
        if set(toks) & _SELL_TOKENS or any(t.endswith("mg") and t[:-2].isdigit() for t in toks):
            return drug
        if "without" in toks and ("prescription" in toks or "rx" in toks):
            return drug
    return None


# --------------------------------------------------------------------------------------------------
# commercial.buy_link


_BUY_VERB = r"(?:buy(?:ing)?|order(?:ing)?|purchas(?:e|ing)|shop\s+for)"
_ADJ = r"(?:(?:cheap|cheapest|generic|discount(?:ed)?|real|genuine|brand|legit|legal|original|quality)\s+){0,2}"
_BUY_AT = re.compile(r"(?<![\w-])(" + _BUY_VERB + r")\s+" + _ADJ)
_BUY_AT_START = ("buy", "order", "purchas", "shop")
_SELL_TAIL = re.compile(
    r"(?:\s{0,3}\d{1,5}(?:\.\d{1,3})?\s{0,3}mg)?(?:[ \t]{1,3}(?:online|now|today|cheap|overnight|fast|for\s+sale|cod|"
    r"without\s+(?:a\s+|any\s+)?(?:prescription|rx|script)|no\s+(?:prescription|rx)|"
    r"with\s+no\s+(?:prescription|rx)|in\s+(?:the\s+)?(?:usa|uk|us)|usa|uk|next[\s-]day|same[\s-]day))+",
    re.I,
)
# Who says "buy X online" decides what it is: a reader addressed ("how to", "you can") or a shop line,
# not a reporter describing what others do ("people who buy X online").
_ADDRESSED = re.compile(r"(?:where\s+to|how\s+to|here\s+to|click\s+to|you\s+can|can\s+i|can\s+you|best\s+place\s+to|"
                        r"safe\s+to|easy\s+to|you\s+should|want\s+to|need\s+to|now\s+you\s+can)\s+$", re.I)
_ANCHOR_BUY = re.compile(r"\b(?:buy|order|purchase|shop)\b", re.I)
_ANCHOR_GET = re.compile(r"\bget\b.{0,60}?\b(?:now|online|today|cheap|without|no\s+prescription)\b", re.I)
_ANCHOR_SELL = re.compile(
    r"\b(?:online|cheap|now|today|discount|generic|overnight|pills?|tabs|tablets?|meds|rx|without\s+(?:a\s+)?"
    r"prescription|no\s+prescription|for\s+sale)\b",
    re.I,
)
_CART = re.compile(r"\b(?:add\s+to\s+(?:cart|basket|bag)|buy\s+now|order\s+now|checkout|proceed\s+to\s+checkout)\b", re.I)
_CART_HREF = re.compile(r"add[-_]?to[-_]?cart|[?&]add-to-cart=|/cart\b.*[?&](?:add|product)|/checkout\b", re.I)
_PRICE_PER_PILL = re.compile(
    r"(?:(?:only|just|from|as\s+low\s+as|starting\s+(?:at|from)|low\s+price\s+of|price\s+per\s+pill\s*:?)\s*"
    r"[$€£]\s?\d+(?:[.,]\d{1,2})?(?:\s*(?:/|per|a|an|each)\s*(?:pill|tablet|tab|capsule|cap|dose|piece)s?\b)?"
    r"|[$€£]\s?\d+[.,]\d{2}\s*/\s*(?:pill|tablet|tab|capsule|cap)s?\b)",
    re.I,
)
# The words (or currency signs) each pattern's matches begin with, looked for in page.lower.
_PRICE_PER_PILL_START = ("only", "just", "from", "as", "starting", "low", "price", "$", "€", "£")
_CART_START = ("add", "buy", "order", "checkout", "proceed")
_PER_PILL = re.compile(r"(?:/|per|a|each)\s*(?:pill|tablet|tab|capsule|cap|dose|piece)s?\b|price\s+per\s+pill", re.I)


class BuyLinkDetector(Detector):
    """Purchase calls to action: in anchors, in link targets, injected into text, carts and pill prices."""

    name = "commercial_buy_link"
    family = "commercial"
    code = "commercial.buy_link"

    def detect(self, page: Page) -> list[Flag]:
        ctx = _context(page)
        flags: list[Flag] = []
        for link in page.text_links:
            flag = self._link(page, ctx, link)
            if flag is not None:
                flags.append(flag)
        flags.extend(self._text(page, ctx))
        if ctx.rx:
            for m in _finditer_at(_PRICE_PER_PILL, page.text, page.lower, _PRICE_PER_PILL_START):
                if _PER_PILL.search(m.group()) and _near(ctx, m.start(), m.end(), 400) is not None:
                    flags.append(make_flag(page, self.code, m.start(), m.end(), 0.6,
                                           "A per-pill price offer: the page sells medicine by the tablet."))
            for m in _finditer_at(_CART, page.text, page.lower, _CART_START):
                if not _in_links(page, m.start(), m.end()) and _near(ctx, m.start(), m.end(), 400) is not None:
                    flags.append(make_flag(page, self.code, m.start(), m.end(), 0.6,
                                           "A shopping-cart button next to a prescription drug."))
        return flags

    def _link(self, page: Page, ctx: _Context, link) -> Flag | None:  # noqa: ANN001 - page.Link
        host, path = _host_path(link.href)
        if _trusted(host) or _is_locator(link.anchor) or _is_locator(link.href):
            return None
        anchor = link.anchor
        drugs = _DRUGS.find(anchor)
        sells_href = _url_sells(host, path)
        drug = drugs[0].drug if drugs else sells_href
        if _ANCHOR_BUY.search(anchor) and (drugs or _ANCHOR_SELL.search(anchor) or sells_href):
            why = "A link whose anchor asks the reader to buy medicine"
        elif _ANCHOR_GET.search(anchor) and (drugs or sells_href):
            why = "A link whose anchor offers medicine to get now or online"
        elif sells_href:
            why = "A link to a page that sells a prescription drug"
        elif _CART_HREF.search(link.href) and (drugs or ctx.rx):
            why = "A link that adds a product to a shopping cart"
        elif _CART.search(anchor) and (drugs or ctx.rx):
            why = "A shopping-cart button on a page about a prescription drug"
        else:
            return None
        return make_flag(page, self.code, link.start, link.end, _severity(0.7, drug),
                         f"{why} ({link.href[:80]}).")

    def _text(self, page: Page, ctx: _Context) -> list[Flag]:
        text, low = page.text, page.lower
        out: list[Flag] = []
        disguised = {d.start: d for d in ctx.disguised}
        for m in _finditer_at(_BUY_AT, low, low, _BUY_AT_START):
            hit = _drug_at(low, m.end())
            if hit is None and m.end() in disguised:
                hit = (disguised[m.end()].drug, disguised[m.end()].end)
            if hit is None:
                continue
            drug, name_end = hit
            verb_start = m.start(1)
            tail = _SELL_TAIL.match(low, name_end)
            end = tail.end() if tail else name_end
            if _in_links(page, verb_start, end):
                continue  # the anchor rule owns it
            sent_start, _ = _sentence(page, verb_start)
            lead = text[sent_start:verb_start].strip(" \t-–—•*·:>\"'“‘(")
            # "Buying Valium online is illegal" opens with a gerund subject, not an order to the reader.
            imperative = not m.group(1).lower().endswith("ing")
            if not lead and imperative:
                why = "A sentence that opens with an order to buy a drug"
            elif lead and imperative and text[verb_start].isupper():
                why = "A 'Buy <drug>' phrase dropped into the middle of a sentence, typical of injected spam anchors"
            elif tail and _ADDRESSED.search(low, max(sent_start, verb_start - 30), verb_start):
                why = "The reader is told where or how to buy a drug online"
            else:
                continue
            out.append(make_flag(page, self.code, verb_start, end, _severity(0.7, drug), why + "."))
        return out


def _drug_at(low: str, pos: int) -> tuple[str, int] | None:
    """The longest drug name starting at ``pos`` and its end, or None.

    The end boundary only rejects a following ASCII letter or digit: injected anchors often leave junk
    glued to the name ("valiumĀ"), which an ordinary word-boundary check would take for part of the word.
    """
    best = None
    for start, end, drug_id, _ in _DRUGS.scan(low[pos : pos + 40]):
        if start != 0:
            continue
        end += pos
        nxt = low[end : end + 1]
        if nxt.isascii() and nxt.isalnum():
            continue
        if best is None or end > best[1]:
            best = (drug_id, end)
    return best


# --------------------------------------------------------------------------------------------------
# commercial.pharmacy


# Shops sell product variants between the name and the strength ("Viagra Professional 100 mg").
# Bounded runs of blanks and digits keep every attempt constant-time, so a scan over a page of spaces or
# digits stays linear.
_STRENGTH = re.compile(
    r"(?:[ \t]{1,3}(?:professional|soft|super|force|extra|oral[ \t]jelly|jelly|chewable|sublingual|generic|forte|"
    r"xr|er|cr|sr|ir))?"
    r"[ \t]{0,3}(?:[-(,][ \t]{0,3})?(\d{1,5}(?:\.\d{1,3})?)[ \t]{0,3}(?:mg|mcg|µg|micrograms?|milligrams?)\b"
    r"(?:[ \t]{1,3}(bars?|pills?|tabs?|tablets?|caps?|capsules?|strips?|pack))?",
    re.I,
)
# An offer next to a product name: a buy verb (not "in order to"), a price, stock or shipping words.
_OFFER = re.compile(r"\b(?:buy|(?<!in )order|purchase|in\s+stock|add\s+to\s+(?:cart|basket)|checkout|ships?|shipped|"
                    r"shipping|delivery|delivered|for\s+sale)\b|[$€£]\s?\d")
_HOW_TO_BUY = re.compile(r"\b(?:how|where)\s+to\s+(?:buy|order|get)\b|\byou\s+can\s+(?:buy|order)\b|"
                         r"\b(?:buy|order)\s+now\b")
_INSURANCE = re.compile(r"\b(?:co-?pays?|tier\s*\d|formular(?:y|ies)|deductible|prior\s+authori[sz]ation|covered|coverage|"
                        r"insurance|insurer|medicare|medicaid|plan\s+pays)\b", re.I)
_NO_RX_STRONG = re.compile(
    r"\b(?:no|without)[ \t]+(?:rx|script|prescriptions?[ \t]+(?:needed|required|necessary)|"
    r"prior[ \t]+prescription|doctor'?s?[ \t]+(?:prescription|visit|approval|appointment))\b|\bno[- ]rx\b|"
    r"\bprescription[ \t]+(?:not[ \t]+)?(?:needed|required)\b|\bno[ \t]+prescription\b",
    re.I,
)
_NO_RX_WEAK = re.compile(r"\bwithout[ \t]+(?:a[ \t]+|any[ \t]+)?prescriptions?\b", re.I)
_ORDERING = re.compile(r"\b(?:buy|order|purchas|ship|deliver|get\s+(?:your|it)|available\s+online|online|cart|checkout)", re.I)
_DELIVERY = re.compile(
    r"\b(?:overnight|next[- ]day|same[- ]day|express)[ \t]+(?:delivery|shipping|shipment)\b|"
    r"\bdiscreet(?:ly)?[ \t]+(?:packag\w*|shipp\w*|deliver\w*|shipped|parcel)\b|\bcash[ \t]+on[ \t]+delivery\b|"
    r"\b(?:pay(?:ment)?[ \t]+(?:by[ \t]+)?|accept[ \t]+)COD\b|\bCOD[ \t]+(?:available|accepted|orders?|delivery|payment)\b|"
    r"\b(?:ships?|shipped)[ \t]+(?:worldwide|to[ \t]+all[ \t]+states|overnight|discreetly)\b|\bworldwide[ \t]+(?:shipping|delivery)\b|"
    r"\bfree[ \t]+(?:shipping|delivery)\b|\bdelivered[ \t]+(?:to[ \t]+your[ \t]+door|overnight|discreetly)\b",
    re.I,
)
_QUESTIONNAIRE = re.compile(
    r"\bonline[ \t]+(?:medical[ \t]+|health[ \t]+)?questionnaire\b|\b(?:short|quick|simple|brief)[ \t]+"
    r"(?:online[ \t]+|medical[ \t]+|health[ \t]+)?(?:questionnaire|form)\b|\bprescribed[ \t]+online\b|"
    r"\bget[ \t]+(?:a|your)[ \t]+prescription[ \t]+online\b|\bprescription[ \t]+online[ \t]+in\b|"
    r"\b(?:no|without[ \t]+(?:a|an|the))[ \t]+(?:need[ \t]+to[ \t]+see[ \t]+a[ \t]+)?(?:doctor|physician)'?s?[ \t]+"
    r"(?:visit|appointment|office)\b|\bno[ \t]+need[ \t]+to[ \t]+see[ \t]+a[ \t]+doctor\b|"
    r"\bonline[ \t]+(?:doctor|physician|prescriber)s?[ \t]+(?:will[ \t]+)?(?:review|approve|prescribe|issue)|"
    r"\banswer[ \t]+(?:a[ \t]+few|some|\d+|our|a[ \t]+handful[ \t]+of)[ \t]+(?:quick[ \t]+|short[ \t]+|simple[ \t]+)?"
    r"(?:medical[ \t]+|health[ \t]+)?questions\b|"
    r"\bno[ \t]+(?:appointment|consultation|doctor[ \t]+visit|office[ \t]+visit)s?[ \t]+(?:needed|required|necessary)\b|"
    r"\b(?:doctor|physician|prescriber)[ \t]+will[ \t]+(?:issue|write|approve|send)[ \t]+(?:your|a)[ \t]+"
    r"(?:\w+[ \t]+)?prescription\b",
    re.I,
)
_TELEHEALTH = re.compile(
    r"\b(?:get|start|book|request|schedule|begin)[ \t]+(?:your[ \t]+|an?[ \t]+|a[ \t]+free[ \t]+|free[ \t]+)?"
    r"(?:online|virtual|telehealth|telemedicine|video)[ \t]+(?:consultation|consult|visit|evaluation|appointment|"
    r"assessment)\b|\b(?:secure[ \t]+)?digital[ \t]+(?:care(?:[ \t]+models?)?|platforms?|health[ \t]+platforms?|clinics?)\b|"
    r"\b(?:telehealth|telemedicine|online)[ \t]+(?:doctors?|physicians?|providers?|clinicians?|prescribers?)\b|"
    r"\baccess[ \t]+licensed[ \t]+(?:medical[ \t]+professionals|providers|clinicians|doctors|physicians)\b|"
    # quiz-then-video intake, the usual funnel of remote prescribing for ADHD and sleep medicines
    r"\b(?:take|complete)[ \t]+(?:our|a|the)[ \t]+(?:\d+[ \t-]*minute[ \t]+|quick[ \t]+|short[ \t]+|free[ \t]+|online[ \t]+)?"
    r"(?:quiz|self-assessment|assessment)\b|"
    r"\bmeet[ \t]+(?:with[ \t]+)?an?[ \t]+(?:licensed[ \t]+|board-certified[ \t]+)?(?:clinician|provider|doctor|physician|prescriber)"
    r"[ \t]+(?:by|over|via|on)[ \t]+video\b|"
    r"\bget[ \t]+(?:evaluated|assessed|diagnosed)[ \t]+(?:for[ \t]+\w+[ \t]+)?online\b|\bsee[ \t]+if[ \t]+you[ \t]+qualify\b",
    re.I,
)
_COUPON = re.compile(
    r"\b(?:coupon|promo|discount|voucher)[ \t]+codes?\b|\buse[ \t]+code[ \t]+[A-Z0-9]{3,}\b|"
    r"\b\d{1,2}[ \t]*%[ \t]+off\b|\bsave[ \t]+(?:up[ \t]+to[ \t]+)?\d{1,2}[ \t]*%|\b(?:bonus|free)[ \t]+(?:pills|tablets|tabs)\b|"
    r"\bmoney[- ]back[ \t]+guarantee\b|\blowest[ \t]+prices?\b|\bbest[ \t]+prices?[ \t]+(?:online|guaranteed)\b|"
    r"\bprices?[ \t]+(?:start(?:ing)?[ \t]+)?(?:from|as[ \t]+low[ \t]+as)[ \t]+[$€£]",
    re.I,
)


# The words each pattern's matches begin with (after its \b), looked for in page.lower.
_NO_RX_STRONG_START = ("no", "without", "prescription")
_DELIVERY_START = ("overnight", "next", "same", "express", "discreet", "cash", "pay", "accept", "cod", "ship",
                   "worldwide", "free", "delivered")
_QUESTIONNAIRE_START = ("online", "short", "quick", "simple", "brief", "prescribed", "get", "prescription", "no",
                        "without", "answer", "doctor", "physician", "prescriber")
_COUPON_START = ("coupon", "promo", "discount", "voucher", "use", "save", "bonus", "free", "money", "lowest", "best",
                 "price")  # and, in one branch, a digit (see PharmacyDetector._phrases)
_TELEHEALTH_START = ("get", "start", "book", "request", "schedule", "begin", "secure", "digital", "telehealth",
                     "telemedicine", "online", "access", "take", "complete", "meet", "see")


class PharmacyDetector(Detector):
    """Online-pharmacy and prescribing-for-sale pitches."""

    name = "commercial_pharmacy"
    family = "commercial"
    code = "commercial.pharmacy"

    def detect(self, page: Page) -> list[Flag]:
        ctx = _context(page)
        if not ctx.rx and not ctx.disguised:
            return []
        flags = self._phrases(page, ctx)
        flags.extend(self._url(page, ctx))
        flags.extend(self._strengths(page, ctx, selling=bool(flags)))
        return flags

    def _strengths(self, page: Page, ctx: _Context, *, selling: bool) -> list[Flag]:
        text, low = page.text, page.lower
        found = []
        # A disguised name is a seller's habit in itself: it counts like a brand with an offer beside it.
        names = [*ctx.rx, *(Mention(d.start, d.end, d.drug, text[d.start:d.end], "disguised") for d in ctx.disguised)]
        for m in sorted(names, key=lambda m: m.start):
            s = _STRENGTH.match(text, m.end)
            if s is None:
                continue
            line_start = text.rfind("\n", 0, m.start) + 1
            line_end = text.find("\n", s.end())
            if _INSURANCE.search(text, line_start, line_end if line_end >= 0 else len(text)):
                continue  # a formulary or coverage table, not a shop
            # Labels and leaflets write "tablets" and "capsules"; shops and street sellers write "bars",
            # "pills", "strips" and "packs".
            shop_unit = (s.group(2) or "").lower().rstrip("s") in ("bar", "pill", "strip", "pack")
            sent_start, sent_end = _sentence(page, m.start)
            offer = m.kind == "disguised" or bool(_OFFER.search(low, max(sent_start, m.start - 150), min(sent_end, s.end() + 150)))
            if m.kind != "brand" and not (shop_unit or offer):
                continue  # "diazepam 5 mg" is how labels, leaflets and trials write a dose
            found.append((m, s, shop_unit or offer))
        # A brand with a strength is a product title; alone in prose it could be a leaflet, so it needs a
        # shop's habits: shop units or an offer beside it, the same title repeated, or another selling
        # signal on the page.
        titles = Counter((m.drug, s.group(1)) for m, s, _ in found)
        out = []
        for m, s, shop in found:
            if not (shop or selling or titles[(m.drug, s.group(1))] >= 2):
                continue
            out.append(make_flag(page, self.code, m.start, s.end(), _severity(0.5, m.drug),
                                 f"A product listing: {m.surface} with a strength, as an online shop names what it sells."))
        return out

    def _phrases(self, page: Page, ctx: _Context) -> list[Flag]:
        text, low = page.text, page.lower
        out = []
        # The coupon pattern's "20% off" branch begins with a digit: only pages without "%" can be
        # scanned from the coupon words alone.
        coupon_starts = _COUPON_START if "%" not in text else None
        for rx, starts, window, base, why in (
            (_NO_RX_STRONG, _NO_RX_STRONG_START, 400, 0.7, "Medicine offered without a prescription"),
            (_DELIVERY, _DELIVERY_START, 500, 0.55, "Mail-order delivery terms next to a prescription drug"),
            (_QUESTIONNAIRE, _QUESTIONNAIRE_START, 600, 0.6, "Prescribing by online form instead of a clinical visit"),
            (_COUPON, coupon_starts, 300, 0.45, "A price promotion for a prescription drug"),
        ):
            for m in _finditer_at(rx, text, low, starts) if starts else rx.finditer(text):
                near = _near(ctx, m.start(), m.end(), window)
                if near is None:
                    continue
                out.append(make_flag(page, self.code, m.start(), m.end(), _severity(base, near.drug),
                                     f"{why} ({near.surface})."))
        for m in _finditer_at(_NO_RX_WEAK, text, low, ("without",)):
            s, e = _sentence(page, m.start())
            near = _near(ctx, s, e, 0)
            if near is None or not _ORDERING.search(text, s, e):
                continue
            # Reporting says people buy antibiotics without a prescription; only a controlled drug, or
            # a reader told how or where to buy, makes it an offer.
            if _is_controlled(near.drug) or _HOW_TO_BUY.search(page.lower, s, e):
                out.append(make_flag(page, self.code, m.start(), m.end(), _severity(0.6, near.drug),
                                     f"{near.surface} offered without a prescription."))
        if ctx.main_drug and _is_controlled(ctx.main_drug):
            main = _DRUGS.get(ctx.main_drug)
            for m in _finditer_at(_TELEHEALTH, text, low, _TELEHEALTH_START):
                out.append(make_flag(page, self.code, m.start(), m.end(), 0.5,
                                     f"A remote-prescribing pitch on a page centred on a controlled substance "
                                     f"({main.generic if main else ctx.main_drug})."))
        return out

    def _url(self, page: Page, ctx: _Context) -> list[Flag]:
        if not page.url:
            return []
        host, path = _host_path(page.url)
        drug = _url_sells(host, path)
        if drug is None:
            return []
        first = next((m for m in ctx.mentions if m.drug == drug), None)
        if first is None:
            return []
        return [make_flag(page, self.code, first.start, first.end, _severity(0.6, drug),
                          f"The page address sells {first.surface} ({host}).")]


# --------------------------------------------------------------------------------------------------
# commercial.lead_generation


def _finditer_at(rx: re.Pattern[str], text: str, low: str, starts: tuple[str, ...]) -> Iterable[re.Match[str]]:
    """``rx.finditer(text)``, tried only where one of the words ``starts`` occurs in ``low``.

    ``text`` is the page text (``rx`` case-insensitive) or ``page.lower`` itself; ``low`` is
    ``page.lower``; every match of ``rx`` begins with one of ``starts`` (lower case). Trying ``rx`` only
    at their occurrences (found by str.find, in C) instead of at every character gives the same matches
    in the same order. re.I also lets "ı" and "ſ" match "i" and "s", which str.lower keeps: pages
    holding them get the plain scan.
    """
    if "\u0131" in low or "\u017f" in low:
        return rx.finditer(text)
    return matches_at(rx, text, iter(occurrences(low, starts)))


def _phrase_rx(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?![\w-])", re.I)


_HELPLINE_NAMES = _phrase_rx(_LEXICON["public_helplines"]["names"])
_HELPLINE_NUMBERS = frozenset(_LEXICON["public_helplines"]["numbers"])
# An unnamed "hotline" is a call to action in itself; named public helplines are excluded separately.
_CTA_WORDS = ("call", "dial", "phone", "text", "ring", "contact", "reach", "speak", "talk", "toll", "24", "line")
_CTA = re.compile(r"\b(?:call|dial|phone|text|ring|contact\s+us|reach\s+us|speak\s+(?:with|to)|talk\s+(?:with|to)|"
                  r"hotline|helpline)\b|\btoll[- ]?free\b|\b24/7\b|\b24[\s-]+hours?\b")
# Referral context is about placing someone in addiction treatment; a hospital's appointment line or a
# clinic's number in a news story is not.
_REFERRAL = re.compile(
    r"\b(?:treatment|rehab\w*|recovery|addiction|addicted|detox\w*|admissions?|insurance|intake|sober|"
    r"substance\s+(?:use|abuse)|help\s+(?:you\s+)?find\w*|find\w*\s+(?:a|the\s+right|the\s+best)\s+"
    r"(?:program|center|centre|facility|rehab|treatment)|get\s+help|free\s+(?:and\s+)?confidential)\b",
    re.I,
)
_FORM_LEAD = re.compile(
    r"\bwe\s+can\s+help\s+you\s+(?:find|choose|locate|get\s+into)\b[^.!?\n]{0,80}?"
    r"\b(?:treatment|rehab\w*|programs?|centers?|centres?|facilit\w+|detox|recovery|care)\b|"
    r"\b(?:verify|check)\s+(?:your\s+)?(?:insurance|coverage|benefits)(?:\s+(?:coverage|benefits))?\b[^.!?\n]{0,80}?"
    r"\b(?:treatment|rehab\w*|detox|recovery|addiction)\b|"
    r"\b(?:free|instant|online)\s+insurance\s+(?:verification|check)\b|"
    r"\b(?:speak|talk)\s+(?:with|to)\s+(?:an?\s+|our\s+)?(?:admissions|treatment|intake|recovery)\s+"
    r"(?:specialists?|advisors?|navigators?|coordinators?|counsel(?:l)?ors?|team)\b|"
    r"\bfill\s+(?:out|in)\s+(?:the|our|this)\s+(?:short\s+|quick\s+|confidential\s+)?form\b[^.!?\n]{0,80}?"
    r"\b(?:treatment|rehab\w*|detox|recovery|addiction|admissions)\b",
    re.I,
)
# The words a _REFERRAL match begins with, found in page.lower.
_REFERRAL_START = ("treatment", "rehab", "recovery", "addict", "detox", "admission", "insurance", "intake", "sober",
                   "substance", "help", "find", "get", "free")
# The words a _FORM_LEAD match begins with (after its \b), found in page.lower.
_FORM_LEAD_START = ("we", "verify", "check", "free", "instant", "online", "speak", "talk", "fill")
_DIGITS = re.compile(r"\d(?:[-. ()/]{0,2}\d){6}")
_VANITY = re.compile(r"\b(?:1[-. ]?)?\(?8(?:00|33|44|55|66|77|88)\)?[-. ]?[A-Z0-9]{3}[-. ]?[A-Z0-9]{4}\b")
# Every toll-free prefix (overlapping ones too): a _VANITY match begins at most 3 characters before it.
_VANITY_8 = re.compile(r"8(?=00|33|44|55|66|77|88)")
# The words a _CTA match begins with, found in page.lower.
_CTA_START = ("call", "dial", "phone", "text", "ring", "contact", "reach", "speak", "talk", "hotline", "helpline",
              "toll", "24")


def _vanity_matches(text: str) -> Iterator[re.Match[str]]:
    """``_VANITY.finditer(text)``, tried only just before toll-free prefixes."""
    def starts() -> Iterator[int]:
        last = -1
        for m in _VANITY_8.finditer(text):
            k = m.start()
            yield from range(max(k - 3, last + 1), k + 1)
            last = k

    return matches_at(_VANITY, text, starts())


class LeadGenerationDetector(Detector):
    """Calls to action around a phone number or form that route readers to paid treatment referral."""

    name = "commercial_lead_generation"
    family = "commercial"
    code = "commercial.lead_generation"

    def detect(self, page: Page) -> list[Flag]:
        text = page.text
        flags: list[Flag] = []
        seen: set[tuple[int, int]] = set()
        # The number matcher is the slowest step here; pages without a call to action or without seven
        # digits (or a vanity number) in a row cannot hold a lead-generation number.
        low = page.lower
        cta = any(w in low for w in _CTA_WORDS) and next(iter(_finditer_at(_CTA, low, low, _CTA_START)), None)
        digits = cta and (_DIGITS.search(text) or next(_vanity_matches(text), None))
        # A number is only flagged when its window (its sentence and maybe the one before, both bounded
        # by white space) holds a referral word, so a page without one anywhere needs no number matching.
        referral = digits and next(iter(_finditer_at(_REFERRAL, text, low, _REFERRAL_START)), None)
        numbers = self._numbers(text) if referral else []
        for start, end, national in numbers:
            if national in _HELPLINE_NUMBERS:
                continue
            s, e = _sentence(page, start)
            # The call to action may sit in the sentence before ("Need help finding a program? Call ...").
            ps = page.sentence_at(s - 2) if s >= 2 else None
            ws = ps.start if ps is not None and s - ps.start < 200 else s
            window = text[ws:e]
            if _HELPLINE_NAMES.search(window) or not _CTA.search(window.lower()) or not _REFERRAL.search(window):
                continue
            s, e = self._trim(s, e, start, end)
            if (s, e) in seen:
                continue
            seen.add((s, e))
            toll_free = "toll" in window.lower() or national.startswith(("800", "833", "844", "855", "866", "877", "888"))
            flags.append(make_flag(page, self.code, s, e, 0.7 if toll_free else 0.55,
                                   "A call to action around a phone number that routes readers to a treatment referral."))
        for m in _finditer_at(_FORM_LEAD, text, low, _FORM_LEAD_START):
            s, e = _sentence(page, m.start())
            if _HELPLINE_NAMES.search(text, s, e) or any(a < m.end() and m.start() < b for a, b in seen):
                continue
            flags.append(make_flag(page, self.code, m.start(), m.end(), 0.5,
                                   "The page offers to place the reader in treatment (referral or insurance check)."))
        return flags

    @staticmethod
    def _trim(s: int, e: int, start: int, end: int) -> tuple[int, int]:
        # Keep evidence readable on run-on scraped sentences: at most ~150 characters either side.
        return max(s, start - 150), min(e, end + 150)

    @staticmethod
    def _numbers(text: str) -> list[tuple[int, int, str]]:
        import phonenumbers

        found: list[tuple[int, int, str]] = []
        try:
            for m in phonenumbers.PhoneNumberMatcher(text, "US", leniency=phonenumbers.Leniency.VALID, max_tries=200):
                national = str(m.number.national_number)
                if m.number.country_code == 1:
                    national = national[-10:]
                found.append((m.start, m.end, national))
            # Vanity numbers ("1-800-GET-HELP") are not matched by the matcher; parse each candidate with
            # the library, which converts letters to digits and validates the result.
            for m in _vanity_matches(text):
                if not any(ch.isalpha() for ch in m.group()) or any(a <= m.start() < b for a, b, _ in found):
                    continue
                number = phonenumbers.parse(m.group(), "US")
                if phonenumbers.is_valid_number(number):
                    found.append((m.start(), m.end(), str(number.national_number)))
        except phonenumbers.NumberParseException:
            pass
        return found


# --------------------------------------------------------------------------------------------------
# commercial.obfuscated_drug_name


# Look-alike characters that NFKC leaves alone: Cyrillic and Greek letters, and the digits and symbols
# spam uses for letters. Two folds because "1" stands for both "i" and "l".
_CONFUSABLE = {
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t",
    "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ɡ": "g", "ԛ": "q", "ԝ": "w", "ӏ": "l",
    "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x",
    "ү": "y", "ɑ": "a", "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "b",
}
_LEET_I = {"@": "a", "4": "a", "3": "e", "0": "o", "1": "i", "!": "i", "|": "l", "$": "s", "5": "s", "7": "t",
           "€": "e", "¡": "i"}
_LEET_L = {**_LEET_I, "1": "l"}
_SEPARATORS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    """One character → one lower-case Latin letter where it is a look-alike, else itself (lower case)."""
    if ch.isascii():
        return ch.lower()
    low = ch.lower()
    if low in _CONFUSABLE:
        return _CONFUSABLE[low]
    norm = unicodedata.normalize("NFKC", ch)
    if len(norm) == 1 and norm.isascii():
        return norm.lower()
    base = unicodedata.normalize("NFKD", norm)[:1]
    if base.isascii() and base.isalpha():
        return base.lower()
    if len(norm) == 1 and norm.lower() in _CONFUSABLE:
        return _CONFUSABLE[norm.lower()]
    return low[:1] or ch


def _fold(text: str, leet: dict[str, str]) -> str:
    """Same-length fold so that offsets in the folded text index the original."""
    chars = set(text)
    table = {ord(c): leet.get(c, _fold_char(c)) for c in chars if not c.isascii() or c in leet}
    return text.translate(table).lower() if table else text.lower()


# Places where a Latin letter touches a digit, a symbol or a non-ASCII letter, and runs of full-width
# forms: the only places a look-alike spelling can hide. Found in one pass and grown to the whole token,
# instead of folding every word of the page.
_ODD = r"(?:[0-9@$!|€¡]|[^\W\d_\x00-\x7f])"
# Read: an odd character with a Latin letter before or after it, or a run of 4+ full-width forms. Written
# to begin with one character class (every character that is not ASCII, plus ASCII digits and @$!|) so
# that the regex engine skips the plain ASCII text between candidates in C; 3-4x faster than the
# look-behind-first form, same matches.
_ODD_OR_WIDE = r"[^\x00-\x20\"#%-/:-?A-Z\[-`a-{}~]"
_MIXED = re.compile(
    _ODD_OR_WIDE + r"(?:(?<=" + _ODD + r")(?:(?<=[A-Za-z].)|(?=[A-Za-z]))|(?<=[\uff10-\uff5a])[\uff10-\uff5a]{3,})"
)
_TOKEN_CHARS = re.compile(r"[\w@$!|€¡]+")
_SEPARATOR_RUN = re.compile(r"[^\w@$!|€¡]|_")
_SPACED = re.compile(r"(?<![\w@$])[A-Za-z](?:(?:[ .\-_*·•'/]|[\u200b-\u200d\u2060\ufeff\u00ad]){1,2}[A-Za-z0-9@$!|]){3,}(?![\w@$])")
# Where a _SPACED match can begin, found from the character after it: a separator that follows a letter
# standing at a word start. Separators are rarer than letters, so this scan is cheaper than trying
# _SPACED at every character.
_SPACED_AT = re.compile(r"[ .\-_*·•'/\u200b-\u200d\u2060\ufeff\u00ad](?<=(?<![\w@$])[A-Za-z].)")
# Letters split by a separator that English never puts inside a word (hyphens, dots and apostrophes
# between single letters are _SPACED's job; between longer pieces they are ordinary spelling).
_SPLIT = re.compile(r"(?<![\w@$])[\w@$!|]+(?:(?:[*·•_]|[\u200b-\u200d\u2060\ufeff\u00ad])+[\w@$!|]+)+")
_SPLIT_CHARS = re.compile(r"[*·•_\u200b-\u200d\u2060\ufeff\u00ad]")
# A run of the characters _SPLIT is made of; every _SPLIT match lies inside one run that holds a separator.
_SPLIT_RUN = re.compile(r"[\w@$!|*·•\u200b-\u200d\u2060\ufeff\u00ad]*")
_SPLIT_RUN_EXTRA = frozenset("_@$!|*·•\u200b\u200c\u200d\u2060\ufeff\u00ad")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_NOT_NAME = re.compile(r"[^a-z]")
_SELL_NEAR = re.compile(r"\b(?:buy|order|cheap|online|pills?|tablets?|tabs|\d+\s*mg|prescription|rx|pharmacy|shipping|"
                        r"delivery|price|sale)\b")


def _spaced_matches(text: str) -> Iterator[re.Match[str]]:
    """``_SPACED.finditer(text)``, tried only where ``_SPACED_AT`` says a match can begin."""
    return matches_at(_SPACED, text, (m.start() - 1 for m in _SPACED_AT.finditer(text)))


def _split_matches(text: str) -> Iterator[re.Match[str]]:
    """``_SPLIT.finditer(text)``, run only inside the runs of word characters that hold a separator.

    Scanning the whole page tries the pattern at every word (and backtracks through each); the
    separators are few (8 a page here), so their runs are found first and searched alone.
    """
    pos = 0
    extra = _SPLIT_RUN_EXTRA
    while True:
        sep = _SPLIT_CHARS.search(text, pos)
        if sep is None:
            return
        start = sep.start()
        while start > pos and (text[start - 1].isalnum() or text[start - 1] in extra):
            start -= 1
        end = _SPLIT_RUN.match(text, sep.start()).end()
        yield from _SPLIT.finditer(text, start, end)
        pos = end


def _names_single() -> dict[str, str]:
    """Plain names (letters only, 4+ characters) that a disguised spelling can be matched against."""
    return {n: d for n, d in _DRUGS.names(("generic", "brand")).items() if n.isalpha() and len(n) >= 4}


def _misspellings(names: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Doubled-letter and dropped-letter spellings of names of 5+ letters → (drug id, name).

    Only interior drops (the first and last letters stay: dropping the last letter of "lyrica" or "ultram"
    gives an English word) and only doubled letters that the name does not already have.
    """
    out: dict[str, tuple[str, str]] = {}
    for name, drug in names.items():
        # Long generic names are misspelled by honest writers too ("hydroxychlorquine"); spam disguises
        # the short brand and generic names it sells.
        if not 5 <= len(name) <= 9 or drug not in _RX:
            continue
        for i in range(len(name)):
            out.setdefault(name[: i + 1] + name[i] + name[i + 1 :], (drug, name))
            if 0 < i < len(name) - 1 and name[i] != name[i - 1]:
                out.setdefault(name[:i] + name[i + 1 :], (drug, name))
    for name in names:
        out.pop(name, None)
    return out


MISSPELLINGS_FILE = LEXICONS_DIR / "commercial_misspellings.json"


def build_misspellings(path: Path = MISSPELLINGS_FILE) -> int:
    """Write the doubled- and dropped-letter spellings of drug names, minus English words.

    Build-time only (``wordfreq`` costs ~0.4 s to load); rebuild after editing ``drugs.json`` with::

        python -c "from classifier.detectors.commercial import build_misspellings as b; print(b())"

    A variant that is a word or a name English
    writers use (Zipf frequency >= 1, e.g. "slice" from Sklice, "Arlen" from Aralen) is dropped.
    Returns the number of spellings written.
    """
    import wordfreq

    variants = _misspellings(_names_single())
    kept = {v: list(dn) for v, dn in sorted(variants.items()) if wordfreq.zipf_frequency(v, "en") < 1.0}
    doc = {
        "about": "Doubled- and dropped-letter spellings of drug names (spelling -> [drug id, name]), built by "
                 "build_misspellings() in classifier/detectors/commercial.py from corpus/lexicons/drugs.json; spellings with a "
                 "wordfreq English Zipf frequency of 1 or more are left out.",
        "misspellings": kept,
    }
    path.write_text(json.dumps(doc, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    return len(kept)


def _load_misspellings() -> dict[str, tuple[str, str]]:
    if not MISSPELLINGS_FILE.exists():
        return {}
    raw = json.loads(MISSPELLINGS_FILE.read_text(encoding="utf-8"))["misspellings"]
    return {v: (dn[0], dn[1]) for v, dn in raw.items() if dn[0] in _DRUGS}


class _DisguiseFinder:
    """Finds disguised drug names on a page (built once: the names and the misspelling automaton)."""

    def __init__(self) -> None:
        import ahocorasick

        self._lookalike_cache: dict[str, tuple[str, str, str] | None] = {}

        self._names = _names_single()
        self._variants = _load_misspellings()
        self._auto = ahocorasick.Automaton()
        for variant, (drug, name) in self._variants.items():
            self._auto.add_word(variant, (len(variant), drug, name))
        if self._variants:
            self._auto.make_automaton()

    def find(self, page: Page) -> tuple[_Disguise, ...]:
        """The disguised spellings on a page, in text order, without overlaps."""
        text = page.text
        hits: dict[tuple[int, int], tuple[str, str, str]] = {}
        done = -1
        for m in _MIXED.finditer(text):
            if m.start() < done:
                continue
            start = m.start()
            while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "@$!|€¡_"):
                start -= 1
            token = _TOKEN_CHARS.match(text, start)
            if token is None:
                continue
            done = token.end()
            self._lookalike(token.group(), start, hits)
        if self._variants:
            self._misspelled(text, page.lower, hits)
        for m in itertools.chain(_spaced_matches(text), _split_matches(text)):
            joined = _NOT_NAME.sub("", _fold(_SEPARATOR_RUN.sub("", m.group()), _LEET_I))
            drug = self._names.get(joined)
            if drug and (m.start(), m.end()) not in hits:
                hits[(m.start(), m.end())] = (drug, joined, "letters split by separators or invisible characters")
        out: list[_Disguise] = []
        last_end = -1
        for (s, e), (drug, name, how) in sorted(hits.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
            if s >= last_end:
                out.append(_Disguise(s, e, drug, name, how))
                last_end = e
        return tuple(out)

    def _lookalike(self, surface: str, start: int, hits: dict) -> None:
        """A token mixing Latin letters with digits, symbols or other scripts that folds to a drug name."""
        # The answer depends on the token alone, and pages repeat tokens ("für", "2019"): remember it,
        # the length and letter checks included.
        cache = self._lookalike_cache
        if surface in cache:
            found = cache[surface]
        else:
            # Names are 4-20 characters; "H1N1", "1990s" or "5mg" cannot fold into one.
            fits = 4 <= len(surface) <= 20 and sum(ch.isalpha() for ch in surface) >= 2
            found = cache[surface] = self._resolve_lookalike(surface) if fits else None
            if len(cache) > 50_000:  # bounded: a hostile page must not grow it without limit
                cache.clear()
        if found is not None:
            hits[(start, start + len(surface))] = found

    def _resolve_lookalike(self, surface: str) -> tuple[str, str, str] | None:
        for leet in (_LEET_I, _LEET_L):
            folded = _fold(surface, leet)
            drug = self._names.get(folded)
            name = folded
            if drug is None and folded in self._variants:
                drug, name = self._variants[folded]
            if drug is None:
                continue
            letters = sum(c.isascii() and c.isalpha() for c in surface)
            full_width = not surface.isascii() and unicodedata.normalize("NFKC", surface).isascii()
            # A word wholly in another script (a Russian page) is not a disguise; "50mA" is not "soma".
            if full_width or letters >= 3 or (letters >= 2 and surface[0].isalpha()):
                return (drug, name, "look-alike characters")
            return None
        return None

    def _misspelled(self, text: str, low: str, hits: dict) -> None:
        n = len(low)
        for end_idx, (length, drug, name) in self._auto.iter(low):
            s, e = end_idx - length + 1, end_idx + 1
            if (s > 0 and low[s - 1].isalnum()) or (e < n and low[e].isalnum()) or (s, e) in hits:
                continue
            # Spam writes the misspelled name as a product (capitalised) or next to selling words; a
            # lower-case token elsewhere is more often code or an abbreviation ("nrco.controller").
            if not text[s].isupper() and not _SELL_NEAR.search(low, max(0, s - 40), min(n, e + 40)):
                continue
            hits[(s, e)] = (drug, name, "a letter doubled or dropped")


_DISGUISES = _DisguiseFinder()


class ObfuscatedDrugNameDetector(Detector):
    """Drug names disguised to pass keyword filters; plain spellings are never flagged."""

    name = "commercial_obfuscated_drug_name"
    family = "commercial"
    code = "commercial.obfuscated_drug_name"

    def detect(self, page: Page) -> list[Flag]:
        text = page.text
        return [make_flag(page, self.code, d.start, d.end, _severity(0.6, d.drug),
                          f"'{text[d.start:d.end]}' is {d.name} spelled to dodge filters ({d.how}).")
                for d in _context(page).disguised]


# --------------------------------------------------------------------------------------------------
# commercial.drug_mix


class DrugMixDetector(Detector):
    """Unrelated drug markets close together (pain + anxiety + erectile ...): a pharmacy's product menu."""

    name = "commercial_drug_mix"
    family = "commercial"
    code = "commercial.drug_mix"
    window = 600

    def detect(self, page: Page) -> list[Flag]:
        ctx = _context(page)
        marked = []
        for m in ctx.rx:
            drug = _DRUGS.get(m.drug)
            market = _MARKETS.get(drug.category) if drug else None
            # Brands in running prose are capitalised; a lower-case "soma" is more often the cell body.
            if market and (m.kind != "brand" or m.surface[:1].isupper()):
                marked.append((m, market))
        if len(marked) < 3:
            return []
        best = None
        j = 0
        counts: dict[str, int] = {}
        for m, market in marked:
            counts[market] = counts.get(market, 0) + 1
            while m.end - marked[j][0].start > self.window:
                old = marked[j][1]
                counts[old] -= 1
                if not counts[old]:
                    del counts[old]
                j += 1
            markets = set(counts)
            # Three markets including a lifestyle one (erectile, weight ...), or four of any kind: news
            # about misuse lists opioids, benzodiazepines and stimulants together, but not with Viagra.
            strong = (len(markets) >= 3 and markets & _LIFESTYLE) or len(markets) >= 4
            if strong and (best is None or len(markets) > best[2]):
                best = (marked[j][0].start, m.end, len(markets), sorted(markets))
        if best is None:
            return []
        s, e, _, markets = best
        return [make_flag(page, self.code, s, e, 0.5,
                          f"Drugs for unrelated markets listed together ({', '.join(markets)}), as on an online-pharmacy menu.")]


# --------------------------------------------------------------------------------------------------
# commercial.donation_or_affiliate


_AFFILIATE_WORDS = ("affiliate", "commission", "compensation", "fee", "associate", "sponsor", "paid", "promoted",
                    "advertorial", "donat", "coffee", "patron")
_AFFILIATE = re.compile(
    r"\baffiliate\s+(?:links?|commissions?|partners?|programs?|disclosure)\b|"
    r"\b(?:we|i)\s+(?:may|might|will|could)?\s*(?:earn|receive|get)\s+(?:a\s+)?(?:small\s+)?(?:commission|compensation|fee)\b|"
    r"\bas\s+an\s+amazon\s+associate\b|\bsponsored\s+(?:content|post|article|links?)\b|\bpaid\s+(?:partnership|promotion|post)\b|"
    r"\bthis\s+(?:post|article|content)\s+(?:is|was)\s+sponsored\b|\bpromoted\s+content\b|\badvertorial\b|"
    r"\bbe\s+the\s+first\s+to\s+donate\b|\bdonate\s+(?:now|today|here)\b|\bmake\s+a\s+(?:tax[- ]deductible\s+)?donation\b|"
    r"\bsupport\s+(?:us|our\s+work)\s+(?:with|by)\s+(?:a\s+)?donat\w*\b|\bbuy\s+me\s+a\s+coffee\b|\bbecome\s+a\s+patron\b",
)


class AffiliateDetector(Detector):
    """Affiliate disclosures, donation widgets and sponsored-content markers: context, not a verdict."""

    name = "commercial_donation_or_affiliate"
    family = "commercial"
    code = "commercial.donation_or_affiliate"

    def detect(self, page: Page) -> list[Flag]:
        low = page.lower
        if not any(w in low for w in _AFFILIATE_WORDS):  # substring tests are far cheaper than the pattern
            return []
        return [make_flag(page, self.code, m.start(), m.end(), 0.15,
                          "A money marker (affiliate, sponsorship or donation request): the page earns from readers.")
                for m in _AFFILIATE.finditer(low)]


DETECTORS: tuple[Detector, ...] = (
    BuyLinkDetector(),
    PharmacyDetector(),
    LeadGenerationDetector(),
    ObfuscatedDrugNameDetector(),
    DrugMixDetector(),
    AffiliateDetector(),
)

