"""``commercial.donation_or_affiliate``: affiliate disclosures, donation widgets, sponsored-content markers."""

from __future__ import annotations

import re

from ...page import Page
from ...results import Flag
from ..base import Detector, make_flag

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
