"""commercial.* detectors: how health spam makes money.

Six small detectors, each raising one flag code with the exact span that shows it:

``commercial.buy_link``
    purchase calls to action in link anchors, in link targets and injected into running text
    ("Buy valium acts on ..."), an order to buy at a shop's address next to drug names, "get your X
    shipped", add-to-cart and price-per-pill lines, an address that sells a drug by name pointed at ("here: ...", ">> ...").
``commercial.pharmacy``
    online-pharmacy pitches: product names with strengths ("Xanax 2mg bars"), "no prescription needed",
    overnight / discreet delivery, questionnaire prescribing, telehealth pitches centred on a controlled
    substance, coupons, crypto payment, a drug name in the page's domain or slug, and a shop front that
    calls itself an online pharmacy and sells on two of those terms without naming a drug.
``commercial.lead_generation``
    a call to action around a phone number or a form that routes the reader to paid treatment referral, or small print
    that passes the reader's contact on to "partner clinics".
    Numbers are recognised by ``phonenumbers``; named public helplines are not lead generation. The call centre's
    words and its partner small print are also read in Polish, Portuguese, Spanish, Romanian, German, French, Italian
    and Dutch, on pages that hold a letter of those languages.
``commercial.obfuscated_drug_name``
    drug names spelled to dodge filters (look-alike letters, digits for letters, separators, zero-width
    characters, doubled or dropped letters), matched after NFKC and a confusables fold.
``commercial.drug_mix``
    several unrelated drug markets (pain, anxiety, erectile, weight ...) listed close together.
``commercial.donation_or_affiliate``
    affiliate disclosures, donation widgets (donate buttons with an amount, tip jars pointing at a payment account)
    and sponsored-content markers (low-severity context); a marker in a sentence about spammers is reported.

A drug name alone is never a signal: every rule needs selling context, a disguise or a mix. Selling words the page
reports are not its own: told of a third party, quoted as an example, listed under warning signs ("Red flags to
look out for:") or put to the reader to judge ("True or false: ..."). Disguised
names ("X@nax") count as drug names for every rule that needs one nearby. Everything
the detectors need per page (drug mentions, disguised names, the main drug) is computed once and shared.
Figures (false positives on reliable journalism and drug labels, recall and precision on held-out
fixtures): ``healthcred evaluate commercial`` (:mod:`classifier.evaluation.commercial`).

Lexicons: ``corpus/lexicons/drugs.json`` (names, through :mod:`classifier.drugs`),
``corpus/lexicons/commercial.json`` (public helplines, trusted domains, locator words) and
``corpus/lexicons/commercial_misspellings.json`` (built by :func:`build_misspellings`).

One module per detector (``buy_link``, ``pharmacy``, ``lead_generation``, ``obfuscated_name``, ``drug_mix``,
``affiliate``) over shared parts: ``_shared`` (dictionary, lexicon, severity, scans), ``urls`` (addresses),
``disguise`` (the disguised-name finder) and ``context`` (what is computed once per page).
"""

from __future__ import annotations

from ..base import Detector

# Besides the detectors, every helper and pattern of the former single module stays importable from the
# package, as before: the tests check the fast candidate scans against their plain patterns through them.
from ._shared import (  # noqa: F401
    _CONTROLLED,
    _DRUGS,
    _LEXICON,
    _RX,
    _finditer_at,
    _is_controlled,
    _sentence,
    _severity,
)
from .affiliate import (  # noqa: F401
    _AFFILIATE,
    AffiliateDetector,
)
from .buy_link import (  # noqa: F401
    _ADDRESSED,
    _ADJ,
    _ANCHOR_BUY,
    _ANCHOR_GET,
    _ANCHOR_SELL,
    _BUY_AT,
    _BUY_AT_START,
    _BUY_VERB,
    _CART,
    _CART_HREF,
    _CART_START,
    _LISTED_PRICE,
    _PER_PILL,
    _PRICE_PER_PILL,
    _PRICE_PER_PILL_START,
    _SELL_TAIL,
    BuyLinkDetector,
    _drug_at,
    _in_links,
)
from .context import (  # noqa: F401
    _Context,
    _context,
    _near,
)
from .disguise import (  # noqa: F401
    _CONFUSABLE,
    _DISGUISES,
    _INVISIBLE,
    _LEET_I,
    _LEET_L,
    _MIXED,
    _NOT_NAME,
    _ODD,
    _ODD_OR_WIDE,
    _SELL_NEAR,
    _SEPARATOR_RUN,
    _SEPARATORS,
    _SPACED,
    _SPACED_AT,
    _SPLIT,
    _SPLIT_CHARS,
    _SPLIT_RUN,
    _SPLIT_RUN_EXTRA,
    _TOKEN_CHARS,
    MISSPELLINGS_FILE,
    _Disguise,
    _DisguiseFinder,
    _fold,
    _fold_char,
    _load_misspellings,
    _misspellings,
    _names_single,
    _spaced_matches,
    _split_matches,
    build_misspellings,
)
from .drug_mix import (  # noqa: F401
    _LIFESTYLE,
    _MARKETS,
    DrugMixDetector,
)
from .lead_generation import (  # noqa: F401
    _CTA,
    _CTA_START,
    _CTA_WORDS,
    _DIGITS,
    _FORM_LEAD,
    _FORM_LEAD_START,
    _HELPLINE_NAMES,
    _HELPLINE_NUMBERS,
    _REFERRAL,
    _REFERRAL_START,
    _VANITY,
    _VANITY_8,
    LeadGenerationDetector,
    _phrase_rx,
    _vanity_matches,
)
from .obfuscated_name import ObfuscatedDrugNameDetector
from .pharmacy import (  # noqa: F401
    _COUPON,
    _COUPON_START,
    _DELIVERY,
    _DELIVERY_START,
    _HOW_TO_BUY,
    _INSURANCE,
    _NO_RX_STRONG,
    _NO_RX_STRONG_START,
    _NO_RX_WEAK,
    _OFFER,
    _ORDERING,
    _PAYMENT,
    _QUESTIONNAIRE,
    _QUESTIONNAIRE_START,
    _SELF_PHARMACY,
    _SELF_PHARMACY_START,
    _STRENGTH,
    _TELEHEALTH,
    _TELEHEALTH_START,
    PharmacyDetector,
)
from .urls import (  # noqa: F401
    _HOST_SELL,
    _LOCATOR,
    _LOCATOR_RX,
    _SELL_TOKENS,
    _TRUSTED,
    _TRUSTED_SET,
    _URL_TOKEN,
    _host_path,
    _is_locator,
    _trusted,
    _url_drug,
    _url_sells,
)

DETECTORS: tuple[Detector, ...] = (
    BuyLinkDetector(),
    PharmacyDetector(),
    LeadGenerationDetector(),
    ObfuscatedDrugNameDetector(),
    DrugMixDetector(),
    AffiliateDetector(),
)

__all__ = [
    "DETECTORS",
    "MISSPELLINGS_FILE",
    "AffiliateDetector",
    "BuyLinkDetector",
    "DrugMixDetector",
    "LeadGenerationDetector",
    "ObfuscatedDrugNameDetector",
    "PharmacyDetector",
    "build_misspellings",
]
