"""``commercial.donation_or_affiliate``: affiliate disclosures, donation widgets, sponsored-content markers."""

from __future__ import annotations

import re

from ...page import Page
from ...results import Flag
from ..base import Detector, make_flag

_AFFILIATE_WORDS = ("affiliate", "commission", "compensation", "fee", "associate", "sponsor", "paid", "promoted",
                    "advertorial", "advertiser", "donat", "coffee", "patron", "patreon", "referral", "#ad", "#partner")
_AFFILIATE = re.compile(
    r"\baffiliate\s+(?:links?|commissions?|partners?|programs?|disclosure)\b|"
    r"\b(?:we|i)\s+(?:may|might|will|could)?\s*(?:earn|receive|get)\s+(?:a\s+)?(?:small\s+)?(?:commission|compensation|fee)\b|"
    r"\bas\s+an\s+amazon\s+associate\b|\bsponsored\s+(?:content|post|article|links?)\b|\bpaid\s+(?:partnership|promotion|post)\b|"
    r"\bthis\s+(?:post|article|content|episode|video|story|page|newsletter)\s+(?:is|was)\s+(?:sponsored|brought\s+to\s+you)\b|\bpromoted\s+content\b|\badvertorial\b|"
    r"\bbe\s+the\s+first\s+to\s+donate\b|\bdonate\s+(?:now|today|here)\b|\bmake\s+a\s+(?:tax[- ]deductible\s+)?donation\b|"
    r"\bsupport\s+(?:us|our\s+work)\s+(?:with|by)\s+(?:a\s+)?donat\w*\b|\bbuy\s+(?:me|us)\s+a\s+coffee\b|\bbecome\s+a\s+patron\b|"
    r"\bsupport\s+(?:us|me|the\s+show|our\s+work)\s+on\s+patreon\b|"
    # a creator's referral pay and the disclosure tags social posts carry (#ad, #sponsored, #paidpartnership)
    r"\b(?:we|i)\s+(?:may\s+|might\s+|will\s+)?(?:earn|receive|get|make)\s+(?:a\s+)?(?:small\s+)?referral\s+(?:bonus|fee|credit|commission|reward)s?\b|"
    r"\b(?:my|our)\s+referral\s+(?:link|code)\b|(?<![\w#])#(?:ad|sponsored|paidpartnership|partner|affiliate)\b|"
    # a ranking or comparison site paid by what it ranks ("receives compensation from some of the pharmacies listed
    # below"), and the label such sites carry; a doctor's conflict-of-interest line names no listing
    r"\b(?:receives?|earns?|gets?|(?:may|might)\s+(?:receive|earn|get))\s+(?:compensation|commissions?|a\s+commission|a\s+fee|fees)\s+"
    r"from\s+(?:some\s+(?:of\s+)?)?(?:the\s+)?(?:[\w-]+\s+)?(?:pharmacies|companies|brands|products|retailers|partners|advertisers|"
    r"sellers|vendors|sites|merchants|providers|services|clinics|centers|centres)\s+(?:we\s+|that\s+)?(?:listed|featured|mentioned|"
    r"reviewed|ranked|below|above|on\s+this)\b|"
    r"\badvertiser\s+disclosure\b",
)
# Rarer markers, tried only on pages holding their words: a story "paid for" by a brand, a publisher's
# brand-partnerships team, and a bare "SPONSORED" label heading its own line, as news sites mark paid stories.
_PAID_STORY = re.compile(
    r"\bthis\s+(?:story|page|video|episode|article|post)\s+(?:is|was)\s+paid\s+for\b|"
    r"\b(?:brand|content)\s+partnerships?\s+(?:team|studio|desk)\b|"
    r"^[^\w\n]{0,3}sponsored(?:\s*[|:\u2013\u2014-]|[ \t]*$)",
    re.M,
)
_PAID_STORY_WORDS = ("paid for", "partnership", "sponsored")


class AffiliateDetector(Detector):
    """Affiliate disclosures, donation widgets and sponsored-content markers: context, not a verdict."""

    name = "commercial_donation_or_affiliate"
    family = "commercial"
    code = "commercial.donation_or_affiliate"

    def detect(self, page: Page) -> list[Flag]:
        low = page.lower
        found: list[re.Match[str]] = []
        if any(w in low for w in _AFFILIATE_WORDS):  # substring tests are far cheaper than the pattern
            found.extend(_AFFILIATE.finditer(low))
        if any(w in low for w in _PAID_STORY_WORDS):
            found.extend(m for m in _PAID_STORY.finditer(low) if not any(f.start() < m.end() and m.start() < f.end() for f in found))
        return [make_flag(page, self.code, m.start(), m.end(), 0.15,
                          "A money marker (affiliate, sponsorship or donation request): the page earns from readers.")
                for m in sorted(found, key=lambda m: m.start())]
