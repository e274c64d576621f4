"""``commercial.donation_or_affiliate``: affiliate disclosures, donation widgets, sponsored-content markers."""

from __future__ import annotations

import re
from functools import lru_cache

from ...page import Page
from ...results import Flag
from ...text import matches_at, occurrences
from ..base import Detector, make_flag

# Each kind of marker with the words any match of it must hold. A page is scanned with one alternation of only
# the kinds whose words it holds: a kind whose words are absent cannot match, so the matches are the same as
# the full alternation's, and most pages (which hold "fee" in "feel" or "paid" in a news story) try two or three
# kinds instead of all of them. The order is the full alternation's, which decides between kinds matching at one place.
_PARTS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("affiliate",), r"\baffiliate\s+(?:links?|commissions?|partners?|programs?|disclosure)\b"),
    (("commission", "compensation", "fee"),
     r"\b(?:we|i)\s+(?:may|might|will|could)?\s*(?:earn|receive|get)\s+(?:a\s+)?(?:small\s+)?(?:commission|compensation|fee)\b"),
    # the same earnings told in the passive, tied to the orders the writer's code or link brings ("I am paid a commission on
    # orders placed with my code"); a salesperson quoted in a story is paid on their own sales, through no code of theirs
    (("commission",),
     r"\b(?:i|we)(?:\s+am|\s+are|['’]m|['’]re|\s+get|\s+may\s+be|\s+might\s+be)\s+paid\s+a\s+(?:small\s+)?commission\s+"
     r"(?:on|for|from)\s+(?:any\s+|each\s+|every\s+|the\s+)?(?:orders?|purchases?|sales?|sign-?ups?)\s+"
     r"(?:\w{1,12}\s+){0,2}(?:with|through|via|using|from)\s+(?:my|our)\s+(?:codes?|links?|coupons?|referrals?)\b"),
    (("associate",), r"\bas\s+an\s+amazon\s+associate\b"),
    (("sponsored",), r"\bsponsored\s+(?:content|post|article|links?)\b"),
    (("paid",), r"\bpaid\s+(?:partnership|promotion|post)\b"),
    # a publisher's words for a piece an advertiser paid for ("This is paid content produced in partnership with ...", a
    # label "Paid content from ..."); a paywall's "paid content" (what subscribers read) says whose it is not
    (("paid content",), r"\b(?:this|it)\s+is\s+paid\s+content\b|\bpaid\s+content\s+(?:from|by|for|produced|created|written|"
                        r"made|in\s+partnership)\b"),
    # a show's own words for its sponsor read ("this part of the show is sponsored by", "today's episode is brought to you
    # by"); a study or an event "sponsored by" a company is news, so the subject must be the medium itself
    (("sponsored", "brought"), r"\b(?:this|today['’]?s)\s+(?:(?:part|portion|segment|section)\s+of\s+(?:the|this|our|today['’]?s)\s+)?"
                               r"(?:post|article|content|episode|video|story|page|newsletter|show|podcast|segment|stream|"
                               r"broadcast)\s+(?:is|was)\s+(?:sponsored|brought\s+to\s+you)\b"),
    (("promoted",), r"\bpromoted\s+content\b"),
    (("advertorial",), r"\badvertorial\b"),
    (("donat",), r"\bbe\s+the\s+first\s+to\s+donate\b|\bdonate\s+(?:now|today|here)\b|"
                 r"\bmake\s+a\s+(?:tax[- ]deductible\s+)?donation\b|\bsupport\s+(?:us|our\s+work)\s+(?:with|by)\s+(?:a\s+)?donat\w*\b|"
                 # a charity's appeal page, whose donate button may sit in a form the text leaves out, tells its donors their
                 # gift is deductible ("Donations are tax-deductible", "your donation is fully tax deductible")
                 r"\b(?:all\s+|your\s+)?donations?\s+(?:are|is)\s+(?:fully\s+|100%\s+)?tax[- ]deductible\b"),
    (("coffee",), r"\bbuy\s+(?:me|us)\s+a\s+coffee\b"),
    (("patron", "patreon"), r"\bbecome\s+a\s+patron\b|\bsupport\s+(?:us|me|the\s+show|our\s+work)\s+on\s+patreon\b"),
    # a creator's referral pay and the disclosure tags social posts carry (#ad, #sponsored, #paidpartnership)
    (("referral",), r"\b(?:we|i)\s+(?:may\s+|might\s+|will\s+)?(?:earn|receive|get|make)\s+(?:a\s+)?(?:small\s+)?referral\s+"
                    r"(?:bonus|fee|credit|commission|reward)s?\b|\b(?:my|our)\s+referral\s+(?:link|code)\b"),
    (("#",), r"(?<![\w#])#(?:ad|sponsored|paidpartnership|partner|affiliate)\b"),
    # a site's commission told in the third person, tied to the orders its own links or codes bring ("CertiPharm receives
    # a commission on orders placed through 'Visit this pharmacy' links"); a company's sales commission names no link
    (("commission",),
     r"\b(?:receives?|earns?|gets?|makes?|is[ \t]+paid)[ \t]+(?:a[ \t]+)?(?:small[ \t]+)?commissions?[ \t](?:on|for|from)[ \t]+"
     r"(?:any[ \t]+|each[ \t]+|every[ \t]+|the[ \t]+)?(?:orders?|purchases?|sales?|sign-?ups?)[ \t]+(?:\w{1,12}[ \t]+){0,2}"
     r"(?:through|via|using|from)[ \t]+[^.\n]{0,60}?\b(?:links?|codes?|coupons?|buttons?|banners?)\b"),
    # a ranking or comparison site paid by what it ranks ("receives compensation from some of the pharmacies listed
    # below"), and the label such sites carry; a doctor's conflict-of-interest line names no listing
    (("commission", "compensation", "fee"),
     r"\b(?:receives?|earns?|gets?|(?:may|might)\s+(?:receive|earn|get))\s+(?:compensation|commissions?|a\s+commission|a\s+fee|fees)\s+"
     r"from\s+(?:some\s+(?:of\s+)?)?(?:the\s+)?(?:[\w-]+\s+)?(?:pharmacies|companies|brands|products|retailers|partners|advertisers|"
     r"sellers|vendors|sites|merchants|providers|services|clinics|centers|centres)\s+(?:we\s+|that\s+)?(?:listed|featured|mentioned|"
     r"reviewed|ranked|below|above|on\s+this)\b"
     # a rehab review site paid by the centres it sends callers to ("receives compensation from treatment providers")
     r"|\b(?:receives?|earns?|gets?|(?:may|might)\s+(?:receive|earn|get))\s+compensation\s+from\s+(?:the\s+)?(?:some\s+)?"
     r"(?:[\w-]{1,20}\s+)?(?:treatment|rehab|rehabilitation|recovery|detox)\s+(?:providers|centers|centres|facilities|programs|programmes)\b"),
    (("advertiser",), r"\badvertiser\s+disclosure\b"),
    # the same disclosures and tip jars in French and Spanish ("cet article contient des liens affiliés", "nous pouvons
    # percevoir une commission", "enlaces de afiliado", "recibimos una pequeña comisión", "invítanos a un café"), as blogs
    # in those languages write them; the words name the blog's own earnings, not a company's sales commission
    (("affili", "afili"), r"\b(?:liens?|enlaces?)\s+(?:de\s+)?(?:affili[ée]s?|afiliad[oa]s?)\b|\bprogramas?\s+de\s+afiliad[oa]s\b|"
                          r"\bprogrammes?\s+d['’]affiliation\b"),
    (("commission", "comisi"),
     r"\b(?:nous|je)\s+(?:(?:pouvons|pourrions|peux|pourrais)\s+)?(?:percevoir|toucher|recevoir|touchons|percevons|recevons|"
     r"touche|per[cç]ois)\s+une\s+(?:petite\s+|l[ée]g[eè]re\s+)?commission\b|"
     r"\b(?:(?:podemos|podr[ií]amos|puedo)\s+(?:recibir|ganar|cobrar|obtener)|recibimos|ganamos|cobramos|obtenemos|recibo|gano)"
     r"\s+una\s+(?:peque[ñn]a\s+)?comisi[oó]n\b"),
    (("caf",), r"\binv[ií]t(?:anos|ame)\s+a\s+un\s+caf[ée]\b|\boffre[sz]?-(?:moi|nous)\s+un\s+caf[ée]\b"),
    # a referral service's disclosure that the places it routes callers to pay it ("a partner facility that pays us
    # for referrals", "is a paid advertising service"); a doctor saying what an insurer pays them names no referral
    (("pays us", "paid us", "pay us"),
     # (or "a small referral cut", as a vendor list's sellers pay it)
     r"\b(?:pays?|paid) us\s+(?:(?:a|an)\s+)?(?:small\s+)?(?:(?:referral|placement|lead|finder['’]?s)\s+(?:fees?|cuts?)|commissions?|"
     r"for\s+(?:each\s+|every\s+|the\s+)?(?:referrals?|leads?|placements?|calls?|clicks?))\b"),
    (("paid advertising", "paid marketing", "paid referral"),
     r"\b(?:is|are)\s+(?:a\s+)?paid (?:advertising|marketing|referral)\s+(?:service|platform|site|website|network|directory)\b"),
)
#: Every kind in one pattern (what the other detectors ask: "does this page declare earnings?").
_AFFILIATE = re.compile("|".join(f"(?:{rx})" for _, rx in _PARTS))


@lru_cache(maxsize=256)
def _scanner(kinds: tuple[int, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{_PARTS[k][1]})" for k in kinds))


def money_markers(low: str) -> list[re.Match[str]]:
    """The affiliate, sponsorship and donation markers in a lower-cased page, as the full alternation finds them."""
    kinds = tuple(k for k, (words, _) in enumerate(_PARTS) if any(w in low for w in words))
    return list(_scanner(kinds).finditer(low)) if kinds else []


# Donation boxes and tip jars: a donate button with its amount ("Donate $10", "Donate €25"), a "tip jar", and tips or
# donations asked for by a label pointing at a payment account ("Tips and donations: BTC bc1q...", "Donations welcome:
# PayPal ..."); the label and the account are the ask, whatever site carries it. A button's label opens its line or
# follows another button, so "Google would donate $1 million" (a word before it, a sum after) is news. They are asks,
# not declarations of affiliate earnings (what the other detectors read _AFFILIATE for), and are tried only where their
# first word occurs.
_TIP_JAR = re.compile(
    r"donate[ \t][$€£][ \t]?\d{1,5}(?:[.,]\d{2})?(?![\w.,]|[ \t]{1,3}(?:million|billion|thousand|bn|m|k)\b)|tip[ \t-]?jar(?![\w-])|"
    r"(?:tips?|donations?)(?:[ \t]+(?:and|&|or)[ \t]+(?:tips?|donations?))?(?:[ \t]+(?:are[ \t]+)?(?:welcome|appreciated|accepted))?"
    r"[ \t]{0,3}:[ \t]{0,3}(?:btc|bitcoin|xmr|monero|eth|ethereum|ltc|litecoin|usdt|paypal|venmo|cash[ \t]?app|ko-?fi|zelle)\b")
_TIP_JAR_START = ("donat", "tip")
# Rarer markers, tried only on pages holding their words: a story "paid for" by a brand, a publisher's
# brand-partnerships team, and a bare "SPONSORED" label heading its own line, as news sites mark paid stories.
_PAID_STORY = re.compile(
    r"\bthis\s+(?:story|page|video|episode|article|post)\s+(?:is|was)\s+paid\s+for\b|"
    r"\b(?:brand|content)\s+partnerships?\s+(?:team|studio|desk)\b|"
    r"^[^\w\n]{0,3}sponsored(?:\s*[|:\u2013\u2014-]|[ \t]*$)|"
    # the same label closing a feed post's byline ("r/fitness · u/brand · Promoted", "@brand | Sponsored"), as social
    # sites mark the posts an advertiser paid for
    r"(?<=[\u00b7\u2022|])[ \t]{0,3}(?:promoted|sponsored)[ \t]*$",
    re.M,
)
_PAID_STORY_WORDS = ("paid for", "partnership", "sponsored", "promoted")


# A sentence about spammers, fraudsters or rogue sellers tells of their trade: a study or a news story saying spam "is
# held together by affiliate programs paying spammers" discloses no money of the page's own. No disclosure calls its
# writer a spammer, so a marker in such a sentence is reported, not declared.
_ABUSERS = re.compile(r"\b(?:spammers?|scammers?|fraudsters?|(?:cyber)?criminals?|traffickers?|botnets?|"
                      r"(?:rogue|illicit|illegal|counterfeit)[ \t]+(?:pharmacies|sites|websites|sellers|vendors|shops|storefronts|"
                      r"operators|networks))\b", re.I)
_ABUSER_HINT = ("spammer", "scammer", "fraudster", "criminal", "trafficker", "botnet", "rogue", "illicit", "illegal", "counterfeit")


class AffiliateDetector(Detector):
    """Affiliate disclosures, donation widgets and sponsored-content markers: context, not a verdict."""

    name = "commercial_donation_or_affiliate"
    family = "commercial"
    code = "commercial.donation_or_affiliate"

    def detect(self, page: Page) -> list[Flag]:
        low = page.lower
        found = money_markers(low)
        # (tried at word starts only: "tip" inside "multiple" or an address's "-tipjar-" opens no marker)
        starts = (i for i in occurrences(low, _TIP_JAR_START) if i == 0 or not (low[i - 1].isalnum() or low[i - 1] in "-_"))
        found.extend(m for m in matches_at(_TIP_JAR, low, starts)
                     if not (m.group().startswith("donate") and low[max(0, m.start() - 20):m.start()].rstrip()[-1:].isalpha())
                     and not any(f.start() < m.end() and m.start() < f.end() for f in found))
        if any(w in low for w in _PAID_STORY_WORDS):
            found.extend(m for m in _PAID_STORY.finditer(low) if not any(f.start() < m.end() and m.start() < f.end() for f in found))
        out = []
        abusers = bool(found) and any(w in low for w in _ABUSER_HINT)
        for m in sorted(found, key=lambda m: m.start()):
            span = page.sentence_at(m.start()) if abusers else None
            if span is not None and _ABUSERS.search(page.text, span.start, span.end):
                continue  # the trade of spammers or rogue sellers, told of them (see _ABUSERS)
            out.append(make_flag(page, self.code, m.start(), m.end(), 0.15,
                                 "A money marker (affiliate, sponsorship or donation request): the page earns from readers."))
        return out
