"""``commercial.drug_mix``: drugs for several unrelated markets listed close together."""

from __future__ import annotations

import re

from ...drugs import Mention
from ...page import Page
from ...results import Flag
from ..base import Detector, make_flag
from ._shared import _DRUGS, _TOLD_OF_OTHERS, _line, _quoted, _sentence, _warned_list
from .context import _context
from .urls import _hidden_shop_links

# Markets that spam pharmacies sell into; mixing several of them on one page is a pharmacy menu.
_MARKETS = {"anxiety": "anxiety", "sleep": "sleep", "pain": "pain", "erectile": "erectile", "weight": "weight",
            "stimulant": "stimulant", "hair loss": "lifestyle", "acne": "lifestyle", "anabolic": "anabolic"}
_LIFESTYLE = frozenset({"erectile", "weight", "lifestyle", "anabolic"})
# What separates the items of a list of names: commas, bars, slashes, bullets ("and" is prose).
_SEPARATOR = re.compile(r"\s{0,3}[,;|/·•+]\s{0,3}")


# A row of a teaching table or a pharmacology list names how the drug works ("PDE5 inhibitors | sildenafil |
# inhibit cGMP breakdown") or gives the drugs as examples of a class ("Examples: zolpidem, eszopiclone", "opioids
# such as ..."); a shop's menu line names a price or an order instead.
# A line headed by a controlled-substance schedule ("Schedule IV: alprazolam, zolpidem, tramadol, phentermine") files the
# drugs under a law, as a regulator's notice or a pharmacology table does.
_TEACHING = re.compile(r"\b(?:mechanism|inhibit\w*|agonis\w*|antagonis\w*|receptors?|block(?:s|ed|ers?)?|modulat\w*|reuptake|"
                       r"adverse\s+effects?|(?<![./])examples?(?![./])|e\.g|such\s+as|for\s+instance)\b|"
                       r"\bschedule\s(?:i{1,3}|iv|v|[1-5])(?:\s(?:drugs?|substances?|narcotics?|controlled\ssubstances?))?[ \t]?[:(]",
                       re.I)
# "Including" is left out: a shop writes "we carry everything, including Xanax, Soma ...". A shop's line that names
# its stock by example still sells ("pills such as Xanax in stock, shipped overnight").
_SELLING = re.compile(r"[$€£]|\b(?:buy|order|price|cheap|shipping|ships?|shipped|sale|stock|in\s+stock|deliver\w*|discount\w*)\b",
                      re.I)


# A line of a supply notice (a hospital's shortage bulletin, a wholesaler's back-order list) tells prescribers what is
# short and what to use instead ("Lorazepam 2 mg/mL: substitute midazolam", "Semaglutide pens: no new starts").
_SUPPLY = re.compile(r"\b(?:shortages?|back-?order(?:s|ed)?|on\s+allocation|allocated|substitut\w*|(?:suggested|therapeutic)\s+"
                     r"alternatives?|(?:very|severely|extremely)\s+limited|limited\s+(?:supply|availability)|unavailable|"
                     r"discontinu\w*|no\s+new\s+starts|partial\s+fills?|supply\s+(?:allows|permits|constraints?|disruptions?)|"
                     r"recall(?:s|ed)?)\b", re.I)
# An answer option of a multiple-choice question ("B. Alprazolam", "(c) tramadol", "D) Phentermine"): a letter and a
# point or bracket open the line. An exam lists distractors from every class; a shop numbers its menu, if at all.
_OPTION = re.compile(r"[ \t]{0,8}(?:\(?[a-eA-E]\)|[a-eA-E]\.)[ \t]")
# The stem of the question the options answer, at most this many characters above them.
_STEM_REACH = 1000


# What seized or tested goods were passed off as, or what officers seized: an enforcement report's list ("tablets sold as
# tramadol, pregabalin and sildenafil", "officers seized oxycodone, Xanax and Viagra"). A shop names its stock as its own;
# its "reshipped if seized" is a condition, not a report.
_SEIZED = re.compile(r"\b(?:(?:sold|labell?ed|marketed|passed\s+off|disguised|declared|branded|mislabell?ed)\s+as|"
                     r"(?<!\bif\s)(?<!\bwhen\s)(?:seized|confiscated|intercepted|impounded))\b", re.I)


# A health plan's formulary lists drugs of every class with what the plan pays ("Tier 2", "$20 copay", "PA = prior
# authorization required", "quantity limit 30/30 days"): a coverage list, not a shop's menu. A shop names none of a plan's
# terms; two different ones around the list mark the plan's.
_COVERAGE = re.compile(r"\b(?:(?P<formulary>formulary|preferred\s+drug\s+list)|(?P<tier>tiers?[ \t]?\d)|(?P<copay>co-?pays?)|"
                       r"(?P<pa>prior\s+authori[sz]ation)|(?P<limit>quantity\s+limits?)|(?P<step>step\s+therapy))\b", re.I)
#: How far before and after the listed names a plan's terms are looked for.
_COVERAGE_REACH = 1500


def _coverage_list(text: str, start: int, end: int) -> bool:
    """Whether two different terms of a health plan's coverage (see ``_COVERAGE``) stand around ``text[start:end]``."""
    kinds = {m.lastgroup for m in _COVERAGE.finditer(text, max(0, start - _COVERAGE_REACH), min(len(text), end + _COVERAGE_REACH))}
    return len(kinds) >= 2


def _not_offered(page: Page, m: Mention) -> bool:
    """A name the page does not offer: stock told of a third party ("the site offered tramadol, ...") or quoted or listed
    under warning signs, a row that
    teaches how the drug works, a line of a supply notice, or an answer option of a multiple-choice question."""
    text = page.text
    sent_start, _ = _sentence(page, m.start)
    if _TOLD_OF_OTHERS.search(text, sent_start, m.start) or _SEIZED.search(text, sent_start, m.start) \
            or _quoted(text, m.start, m.end) or _warned_list(text, m.start):
        # stock told of others or seized, a spam menu the page quotes ('the e-mail read: "Valium, Soma, ..."'), or one
        # set out under warning signs ("Red flags to look out for: • one menu listing Xanax, Viagra, ...")
        return True
    line_start, line_end = _line(text, m.start, m.end)
    if _SELLING.search(text, line_start, line_end) is not None:
        return False
    if _TEACHING.search(text, line_start, line_end) is not None or _SUPPLY.search(text, line_start, line_end) is not None:
        return True
    return _OPTION.match(text, line_start) is not None and "?" in text[max(0, line_start - _STEM_REACH):line_start]


def _anchored(page: Page, m: Mention) -> bool:
    """Whether the name is in a link's anchor: injected spam links write brands in lower case ("buy ambien
    online")."""
    return any(link.start <= m.start and m.end <= link.end for link in page.text_links)


def _listed(text: str, named: tuple[Mention, ...], i: int) -> bool:
    """Whether name ``i`` sits in a list: only a separator between it and the name before or after it."""
    m = named[i]
    return ((i > 0 and _SEPARATOR.fullmatch(text, named[i - 1].end, m.start) is not None)
            or (i + 1 < len(named) and _SEPARATOR.fullmatch(text, m.end, named[i + 1].start) is not None))


# A price on a name's line: a dealer's text menu writes brands in lower case, one to a message ("xanax bars $6 ea").
_LINE_PRICE = re.compile(r"[$€£][ \t]?\d")


def _priced(text: str, m: Mention) -> bool:
    """Whether the name's own line prices it: a lower-case brand with a price is a product on a menu, not a word."""
    line_start, line_end = _line(text, m.start, m.end)
    return _LINE_PRICE.search(text, line_start, line_end) is not None


class DrugMixDetector(Detector):
    """Unrelated drug markets close together (pain + anxiety + erectile ...): a pharmacy's product menu."""

    name = "commercial_drug_mix"
    family = "commercial"
    code = "commercial.drug_mix"
    window = 600

    def detect(self, page: Page) -> list[Flag]:
        ctx = _context(page)
        named = ctx.named
        text = page.text
        marked: list[tuple[Mention, str]] = []
        for i, m in enumerate(named):
            drug = _DRUGS.get(m.drug)
            market = _MARKETS.get(drug.category) if drug else None
            # Brands in running prose are capitalised; a lower-case "soma" is more often the cell body,
            # unless it stands in a list of drug names ("tags: xanax, cialis, soma, ambien").
            if market and (m.kind != "brand" or m.surface[:1].isupper() or _listed(text, named, i) or _anchored(page, m)
                           or _priced(text, m)) \
                    and not _not_offered(page, m):
                marked.append((m, market))
        if len(marked) < 3:
            # hidden links are read only where the page names a drug, as the pharmacy detector reads them
            return self._hidden_links(page) if named else []
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
            return self._hidden_links(page) if named else []
        s, e, _, markets = best
        if _coverage_list(text, s, e):
            return []
        return [make_flag(page, self.code, s, e, 0.5,
                          f"Drugs for unrelated markets listed together ({', '.join(markets)}), as on an online-pharmacy menu.")]

    def _hidden_links(self, page: Page) -> list[Flag]:
        """A selling link in the text whose shop's links, with the ones the page keeps out of its text, sell drugs for
        unrelated markets (see :func:`_hidden_shop_links`): injected spam shows one anchor and hides the rest of the menu."""
        for link, hidden in _hidden_shop_links(page):
            markets = set()
            for anchor in (link.anchor, *(h.anchor for h in hidden)):
                for m in _DRUGS.find(anchor):
                    drug = _DRUGS.get(m.drug)
                    market = _MARKETS.get(drug.category) if drug else None
                    if market:
                        markets.add(market)
            if (len(markets) >= 3 and markets & _LIFESTYLE) or len(markets) >= 4:
                return [make_flag(page, self.code, link.start, link.end, 0.5,
                                  f"A spam link whose shop's links hidden from the page's text sell drugs for unrelated "
                                  f"markets ({', '.join(sorted(markets))}), as an online-pharmacy menu does.")]
        return []
