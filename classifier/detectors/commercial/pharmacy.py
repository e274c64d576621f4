"""``commercial.pharmacy``: online-pharmacy and prescribing-for-sale pitches."""

from __future__ import annotations

import bisect
import re
from collections import Counter

from ...page import Page
from ...results import Flag
from ..base import Detector, make_flag
from ._shared import (
    _DRUGS,
    _finditer_at,
    _is_controlled,
    _line,
    _quoted,
    _sentence,
    _severity,
    _table_header,
    _told_by_others,
)
from .affiliate import _AFFILIATE
from .context import _Context, _context, _near
from .urls import _hidden_shop_links, _host_path, _url_sells

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
_PLACEMENT = re.compile(r"\b(?:admissions?|rehab\w*|detox\w*|treatment[ \t]+(?:centers?|centres?|programs?|options))\b",
                        re.I)
# A pharmacy or a regulator refusing what a prescribing funnel offers ("we do not fill prescriptions issued solely on the
# basis of an online questionnaire", "we will never prescribe from a questionnaire alone"): the refusal comes before the
# funnel's words in their sentence. A funnel waives the doctor, not its own form ("no need to see a doctor, just a short
# questionnaire"), so the refusing verbs are a pharmacy's or a prescriber's.
_REFUSAL = re.compile(r"\b(?:(?:do|does|will|would|shall|may|can)[ \t]+not|don['’]t|doesn['’]t|won['’]t|cannot|can['’]t|never|refuses?"
                      r"[ \t]+to)[ \t]+(?:\w+[ \t]+)?(?:fill|dispense|accept|honou?r|issue|prescribe|write|sell|ship|supply)\b", re.I)
_FREE_SHIPPING = re.compile(r"free[ \t]+(?:shipping|delivery)", re.I)
_OWN_TERMS = re.compile(r"\b(?:bonus|free)[ \t]+(?:pills|tablets|tabs)\b|\bmoney[- ]back\b", re.I)
_OWN_COUPON = re.compile(r"\b(?:our|my)[ \t]+(?:exclusive[ \t]+)?(?:coupon|promo|discount|voucher)[ \t]+codes?\b", re.I)
_BUY_LEAD = re.compile(r"(?:buy|order|purchase)\s+(?:(?:cheap|generic|real|brand|genuine)\s+){0,2}")
_HOW_TO_BUY = re.compile(r"\b(?:how|where)\s+to\s+(?:buy|order|get)\b|\byou\s+can\s+(?:buy|order)\b|"
                         r"\b(?:buy|order)\s+now\b")
_INSURANCE = re.compile(r"\b(?:co-?pays?|tier\s*\d|formular(?:y|ies)|deductible|prior\s+authori[sz]ation|covered|coverage|"
                        r"insurance|insurer|medicare|medicaid|plan\s+pays)\b", re.I)
_NO_RX_STRONG = re.compile(
    # a pet shop's "no vet prescription needed" waives the same check for animals
    r"\b(?:no|without)[ \t]+(?:rx|script|(?:vet(?:erinary)?'?s?[ \t]+)?prescriptions?[ \t]+(?:needed|required|necessary)|"
    r"prior[ \t]+prescription|(?:doctor|vet)'?s?[ \t]+(?:prescription|visit|approval|appointment))\b|\bno[- ]rx\b|"
    # "prescription required" alone is the opposite claim (a regulator's "prescription required, no refills"): only
    # the negated form or a shop's "Prescription required: no" row offers the drug without one
    r"\bprescription[ \t]+(?:not[ \t]+(?:needed|required)\b|(?:needed|required)[ \t]*[:?][ \t]*no\b)|"
    # the same row as a shop's data feed or product schema writes it ("prescription_required": false, rx-needed=no,
    # "requires_prescription": "no"): a field switched off, as only a shop selling without one publishes it
    r"\b(?:(?:prescription|rx)[_-](?:needed|required)|requires?[_-](?:prescription|rx))[\"']?[ \t]{0,3}[:=][ \t]{0,3}[\"']?"
    r"(?:no|false|0)\b|"
    r"\bno[ \t]+(?:vet(?:erinary)?'?s?[ \t]+)?prescription\b",
    re.I,
)
_NO_RX_WEAK = re.compile(r"\bwithout[ \t]+(?:a[ \t]+|any[ \t]+)?prescriptions?\b", re.I)
_ORDERING = re.compile(r"\b(?:buy|order|purchas|ship|deliver|get\s+(?:your|it)|available\s+online|online|cart|checkout)", re.I)
_DELIVERY = re.compile(
    r"\b(?:overnight|next[- ]day|same[- ]day|express)[ \t]+(?:delivery|shipping|shipment)\b|"
    # "stealth shipping" is the sellers' word for the same discreet parcel
    r"\b(?:discreet(?:ly)?|stealth)[ \t]+(?:packag\w*|shipp\w*|deliver\w*|shipped|parcel)\b|\bcash[ \t]+on[ \t]+delivery\b|"
    r"\b(?:pay(?:ment)?[ \t]+(?:by[ \t]+)?|accept[ \t]+)COD\b|\bCOD[ \t]+(?:available|accepted|orders?|delivery|payment)\b|"
    r"\b(?:ships?|shipped)[ \t]+(?:worldwide|to[ \t]+all[ \t]+states|overnight|discreetly)\b|\bworldwide[ \t]+(?:shipping|delivery)\b|"
    r"\bfree[ \t]+(?:shipping|delivery)\b|\bdelivered[ \t]+(?:to[ \t]+your[ \t]+door|overnight|discreetly)\b|"
    r"\b(?:ships?|shipped|delivered|arrives?)[ \t]+(?:the[ \t]+)?(?:next|same)[ \t-]day\b|"
    # the terms put after the noun ("shipping worldwide"), and the parcel that does not say what is in it ("plain,
    # unmarked packaging")
    # (or after a label's colon: "SHIPPING: worldwide, tracked")
    r"\b(?:shipping|delivery)(?:[ \t]+|[ \t]?:[ \t]{0,3})(?:worldwide|overnight|discreetly|to[ \t]+all[ \t]+states)\b|"
    # a second parcel promised when customs seize the first, as only a shop selling what customs seize promises
    r"\breship(?:ment|ping)?[ \t]+(?:guarantee[ds]?|policy)\b|\b(?:free|guaranteed)[ \t]+reship(?:ment|ping|s)?\b|"
    r"\b(?:plain[ \t]*,?[ \t]+)?(?:unmarked|unbranded)[ \t]+(?:packag\w*|box(?:es)?|envelopes?|parcels?|pouch(?:es)?)\b",
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
    r"(?:\w+[ \t]+)?prescription\b|"
    # approval promised by the clock, the way a prescribing funnel sells its form ("get approved in minutes", "most
    # people approved same day", "approved automatically"); a drug approved by a regulator takes months, not minutes
    r"\bapproved[ \t]+(?:(?:the[ \t]+)?same[ \t-]day|instantly|automatically|(?:in|within)[ \t]+(?:under[ \t]+)?"
    r"(?:minutes|(?:a[ \t]+few|a|one|an|\d{1,2})[ \t]+(?:minutes?|mins?|hours?)))\b|"
    # the same promise in the active voice, the prescribers as subject ("licensed providers approve most patients the same
    # day", "our doctors approve requests within hours", told to the reader: "their doctors approve you online in a few
    # minutes"); a regulator approves a drug, not patients
    r"\b(?:providers?|doctors?|physicians?|clinicians?|prescribers?)[ \t]+approve[ \t]+(?:(?:most|many|nearly[ \t]+all|\d{1,3}%[ \t]+of)"
    r"[ \t]+)?(?:patients|requests|members|applicants|people|orders|you)[ \t]+(?:online[ \t]+)?(?:(?:the[ \t]+)?same[ \t-]day|"
    r"(?:in|within)[ \t]+(?:minutes|hours|(?:a[ \t]+few|a|one|an|\d{1,2})[ \t]+(?:minutes?|mins?|hours?)))\b|"
    # the prescriber reads a form instead of seeing the patient ("a licensed provider reviews your answers"; "no video call")
    r"\b(?:provider|doctor|physician|clinician|prescriber)s?[ \t]+(?:will[ \t]+)?review(?:s|ed)?[ \t]+your[ \t]+"
    r"(?:answers|responses|questionnaire|intake|(?:online[ \t]+|health[ \t]+|medical[ \t]+)?(?:form|assessment))\b|"
    r"\bno[ \t]+video[ \t]+(?:calls?|visits?|chats?|consults?|consultations?)\b",
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
# A promo code is written in capitals ("use code SAVE10"); "use code words" in a report on dealers is no code.
_COUPON = re.compile(
    r"\b(?:coupon|promo|discount|voucher)[ \t]+codes?\b|\buse[ \t]+code[ \t]+(?-i:[A-Z0-9]{3,})\b|"
    r"\b\d{1,2}[ \t]*%[ \t]+off\b|\bsave[ \t]+(?:up[ \t]+to[ \t]+)?\d{1,2}[ \t]*%|\b(?:bonus|free)[ \t]+(?:pills|tablets|tabs)\b|"
    r"\bmoney[- ]back[ \t]+guarantee\b|\blowest[ \t]+prices?\b|\bbest[ \t]+prices?[ \t]+(?:online|guaranteed)\b|"
    r"\bprices?[ \t]+(?:start(?:ing)?[ \t]+)?(?:from|as[ \t]+low[ \t]+as)[ \t]+[$€£]",
    re.I,
)


# A price boast ("at the lowest price", "best prices online") is any seller's, a buy link's as much as a pharmacy's: it
# makes a pharmacy pitch only beside a term that does (no prescription, mail-order delivery, online prescribing,
# payment) or a real promotion (a code, a percentage off, bonus pills).
_PRICE_BOAST = re.compile(r"(?:lowest|best)[ \t]+prices?(?:[ \t]+(?:online|guaranteed))?", re.I)


_PAYMENT = re.compile(
    r"\b(?:pay|payment|paying|accept\w*)\b[^.\n]{0,40}?\b(?:bitcoin|btc|usdt|tether|crypto(?:currency|currencies)?|"
    r"monero|ethereum|western[ \t]+union|moneygram|gift[ \t]+cards?)\b",
    re.I,
)
# A shop that takes nothing but crypto says so without a verb: "BTC / LTC / XMR only", "crypto only, no exceptions".
_COINS = r"(?:crypto(?:currency)?|bitcoin|btc|monero|xmr|litecoin|ltc|usdt|tether|ethereum|eth)"
_CRYPTO_ONLY = re.compile(r"\b" + _COINS + r"(?:[ \t]{0,3}(?:/|,|&|\+|or|and)[ \t]{0,3}" + _COINS + r"){0,4}[ \t]+only\b", re.I)
_CRYPTO_ONLY_START = ("crypto", "bitcoin", "btc", "monero", "xmr", "litecoin", "ltc", "usdt", "tether", "ethereum", "eth")
# A shop that calls itself an online pharmacy, in its own voice ("Welcome to ..., your trusted online pharmacy").
_SELF_PHARMACY = re.compile(
    r"\b(?:online|internet|mail[- ]order|canadian|international|offshore)[ \t]+(?:pharmacy|drugstore|drug[ \t]+store|chemist)\b",
    re.I,
)
_SELF_PHARMACY_START = ("online", "internet", "mail", "canadian", "international", "offshore")
_OWN_VOICE = re.compile(r"\b(?:welcome[ \t]+to|we|we're|our|us|your[ \t]+(?:trusted|favou?rite|reliable|#1|number[ \t]+one|"
                        r"one-stop|online|licensed))\b", re.I)
# A shop front's headline: the phrase opens its line, after at most three words ("Licensed international
# online pharmacy - all categories available").
_HEADLINE_LEAD = re.compile(r"[^\w\n]{0,5}(?:[\w#-]{1,30}[ \t]{1,3}){0,3}")
# The name is part of an address written in the text: no blank between it and the scheme or host before it.
_IN_ADDRESS = re.compile(r"(?:https?://|www\.|\.[a-z]{2,}/)[^\s()<>\[\]]*$", re.I)
# A product and strength that a pharmacy has run out of, or is short of, are what a patient could not get filled.
_SHORT_OF = re.compile(r"\b(?:(?:run|runs|running|ran)[ \t]{1,3}out[ \t]{1,3}of|shortages?[ \t]{1,3}of|out[ \t]{1,3}of[ \t]{1,3}stock"
                       r"[ \t]{1,3}(?:of|on|for)|back-?ordered[ \t]{1,3}(?:on|for))[ \t]{1,3}(?:(?:the|their|its|my|our|your)[ \t]{1,3})?$",
                       re.I)
# A yes/no question a page asks its reader ("Can you legally buy Ozempic with no prescription?") puts the
# selling terms up for discussion; a shop states them.
_YES_NO_QUESTION = re.compile(r"[^\w\n]{0,3}(?:[\w ]{1,40}:\s*)?(?:can|could|is|are|should|do|does|may)\s", re.I)
# The same selling terms as rogue pharmacies write them in German, Spanish, French, Portuguese, Italian and Dutch,
# one pattern per kind (no prescription, discreet parcel, fast or worldwide delivery, crypto payment, online
# questionnaire, "online pharmacy"). English drug names on a page in another language are common spam; one
# term can be news ("venta sin receta"), so a pitch needs two kinds.
_FOREIGN_KINDS = tuple(re.compile(p, re.I) for p in (
    r"\b(?:ohne\s+rezept|rezeptfrei|ohne\s+(?:arzt|praxis)besuch|sin\s+receta|sin\s+prescripci[oó]n|"
    r"sans\s+ordonnance|sem\s+receita|sem\s+prescri[cç][aã]o|senza\s+ricetta|zonder\s+(?:recept|voorschrift))\b",
    r"\b(?:diskret\w*|neutral\s+verpackt|discret[oa]s?|discretamente|discrète(?:ment)?|discretement|discret|an[oô]nim[oa])\b",
    r"\b(?:express(?:versand|lieferung)|(?:ue|ü)ber\s+nacht|weltweit\w*|env[ií]os?\s+(?:express|urgentes?|gratis|"
    r"gratuitos?|r[aá]pidos?)|(?:en|a)\s+todo\s+el\s+mundo|livraison\s+(?:express|rapide|gratuite|offerte)|"
    r"dans\s+le\s+monde\s+entier|entregas?\s+(?:expressa|r[aá]pida|gr[aá]tis|gratuita)|para\s+todo\s+o\s+mundo|"
    r"spedizion[ei]\s+(?:gratuita|express|veloce|rapida)|in\s+tutto\s+il\s+mondo|"
    r"(?:levering|bezorging|verzending)\s+binnen\s+\d{1,2}\s+uur|(?:snelle|discrete|anonieme)\s+(?:levering|bezorging|verzending)|"
    r"wereldwijde?\s+(?:levering|bezorging|verzending))",
    r"\b(?:bitcoin|krypto\w*|criptomonedas?|cryptomonnaies?|criptomoedas?)\b",
    r"\b(?:online[- ]?fragebogen|cuestionario\s+(?:en\s+l[ií]nea|online)|questionnaire\s+en\s+ligne|"
    r"question[aá]rio\s+online|questionario\s+online)\b",
    r"\b(?:versandapotheke|online[- ]?apotheke|farmacia\s+(?:online|en\s+l[ií]nea)|pharmacie\s+en\s+ligne|"
    r"farm[aá]cia\s+online)\b",
))
_FOREIGN_HINT = ("rezept", "receta", "ordonnance", "receita", "ricetta", "diskret", "discret", "versand", "envío",
                 "envio", "livraison", "entrega", "spedizion", "bitcoin", "apotheke", "farmacia", "farmácia",
                 "pharmacie", "fragebogen", "zonder", "levering", "bezorging", "verzending",
                 "wereldwijd")
# A clinic selling prescriptions for controlled painkillers, sedatives or stimulants (a "pill mill") says so in three
# kinds of terms: it waives the checks that guard such prescribing (a urine drug screen, imaging, the patient's past
# records), it promises the prescription itself the same day, and it takes cash only. Any one of them is ordinary alone
# (a low-threshold addiction clinic waives the drug screen, urgent care sees patients the same day, a dentist may take
# cash only); two kinds beside such a drug make the pitch.
_CHECK = r"(?:(?:prior|previous|past|old)[ \t]+)?(?:mri|x-?rays?|imaging|(?:medical[ \t]+)?records)"
_MILL_KINDS = (
    re.compile(r"\bno[ \t]+(?:urine[ \t]+)?(?:drug|tox(?:icology)?)[ \t]+(?:screens?|screening|tests?|testing)\b|"
               r"\bno[ \t]+" + _CHECK + r"(?:[ \t]{0,3}(?:,|/|or|and)[ \t]{0,3}" + _CHECK + r"){0,3}[ \t]+(?:needed|required|necessary)\b",
               re.I),
    re.compile(r"\bsame[ \t-]day[ \t]+(?:prescriptions?|scripts?|refills?)\b|"
               r"\b(?:leave|walk[ \t]+out)[ \t]+with[ \t]+(?:your|a)[ \t]+(?:[\w-]{1,15}[ \t]+){0,4}?(?:prescription|script)s?\b|"
               r"\brefills?[ \t]+without[ \t]+(?:the[ \t]+)?(?:hassle|wait(?:ing)?|appointments?|visits?)\b", re.I),
    re.compile(r"\bcash[ \t]+(?:pay(?:ment)?s?[ \t]+)?only\b", re.I),
)
_MILL_HINT = ("no ", "same", "leave", "walk", "refill", "cash")
# The drugs a pill mill sells; buprenorphine and the other addiction treatments are what low-threshold clinics give.
_MILL_MARKETS = frozenset({"pain", "anxiety", "sleep", "stimulant"})
# A report of a pill mill (a prosecutor's account, a news story) tells its terms in the past or on someone's word.
_MILL_REPORTED = re.compile(r"\b(?:advertis\w*|promised|offered|allegedly|according|prosecut\w*|investigat\w*|indict\w*|"
                            r"charged|convicted|authorities|police|dea|raid\w*|sentenced)\b", re.I)
# The words each pattern's matches begin with (after its \b), looked for in page.lower.
_NO_RX_STRONG_START = ("no", "without", "prescription", "rx", "require")
_DELIVERY_START = ("overnight", "next", "same", "express", "discreet", "cash", "pay", "accept", "cod", "ship",
                   "worldwide", "free", "delivered", "delivery", "plain", "unmarked", "unbranded", "reship", "guaranteed", "stealth")
_QUESTIONNAIRE_START = ("online", "short", "quick", "simple", "brief", "prescribed", "get", "prescription", "no",
                        "without", "answer", "doctor", "physician", "prescriber", "approved", "provider", "clinician")
_COUPON_START = ("coupon", "promo", "discount", "voucher", "use", "save", "bonus", "free", "money", "lowest", "best",
                 "price")  # and, in one branch, a digit (see PharmacyDetector._phrases)
_TELEHEALTH_START = ("get", "start", "book", "request", "schedule", "begin", "secure", "digital", "telehealth",
                     "telemedicine", "online", "access", "take", "complete", "meet", "see")


def _with_neighbours(page: Page, start: int, end: int) -> tuple[int, int]:
    """The sentence ``text[start:end]`` widened to the sentences right before and after it, when they start within
    200 and 80 characters (across a blank line too): a form's purpose is often told in the line beside it."""
    sents = page.sentences
    i = bisect.bisect_left([x.start for x in sents], start)
    ws, we = start, end
    if i > 0 and start - sents[i - 1].start < _NEIGHBOUR_BEFORE:
        ws = sents[i - 1].start
    k = i + 1 if i < len(sents) and sents[i].start == start else i
    if k < len(sents) and 0 <= sents[k].start - end <= _NEIGHBOUR_AFTER:
        we = sents[k].end
    return ws, we


_NEIGHBOUR_BEFORE = 200
_NEIGHBOUR_AFTER = 80


class PharmacyDetector(Detector):
    """Online-pharmacy and prescribing-for-sale pitches."""

    name = "commercial_pharmacy"
    family = "commercial"
    code = "commercial.pharmacy"

    def detect(self, page: Page) -> list[Flag]:
        ctx = _context(page)
        if not ctx.named:
            return self._storefront(page)
        flags = self._phrases(page, ctx)
        flags.extend(self._url(page, ctx))
        flags.extend(self._hidden_links(page))
        flags.extend(self._strengths(page, ctx, selling=bool(flags)))
        return flags

    def _strengths(self, page: Page, ctx: _Context, *, selling: bool) -> list[Flag]:
        text, low = page.text, page.lower
        affiliate: bool | None = None if not selling else False
        found = []
        # A disguised name is a seller's habit in itself: it counts like a brand with an offer beside it.
        for m in ctx.named:
            s = _STRENGTH.match(text, m.end)
            if s is None:
                continue
            if not selling and any(link.start <= m.start and s.end() <= link.end for link in page.text_links):
                continue  # "order tramadol 50mg here" as a lone anchor is a buy link, not a shop's listing
            line = _line(text, m.start, s.end())
            header = _table_header(text, line[0])
            if _INSURANCE.search(text, *line) or (header is not None and _INSURANCE.search(text, *header)):
                continue  # a formulary or coverage table (a row under a "copay" column too), not a shop
            if _quoted(text, m.start, s.end()):
                continue  # a spam line the page quotes
            if _IN_ADDRESS.search(text, max(0, m.start - 80), m.start):
                continue  # a slug of an address written out ("example/zolpidem-10mg-buy"): the address rule reads it
            if _SHORT_OF.search(text, max(0, m.start - 40), m.start):
                continue  # "my pharmacy keeps running out of oxycodone 30mg": a shortage, not a product on sale
            # Labels and leaflets write "tablets" and "capsules"; shops and street sellers write "bars",
            # "pills", "strips" and "packs".
            shop_unit = (s.group(2) or "").lower().rstrip("s") in ("bar", "pill", "strip", "pack")
            sent_start, sent_end = _sentence(page, m.start)
            if _told_by_others(text, sent_start, m.start, s.end()):
                continue  # "the site listed oxycodone 30 mg at $35 a pill": a rogue shop's stock, reported
            a, b = max(sent_start, m.start - 150), min(sent_end, s.end() + 150)
            # On a page that declares affiliate earnings, "Order Modafinil 200mg" is the affiliate's link to
            # someone else's shop: its verb is not the page's own offer. On a page with no pharmacy term at all, a lone
            # "order metformin 500mg from shop.example" is a buy call the buy-link rules read, as a lone anchor is
            # (a name with a strength still sells as a listing when repeated or sold in shop units); a controlled drug
            # ("Buy Anavar 10mg from a trusted UK source") has no lawful shop that sells it so, as _NO_RX_WEAK reads it,
            # and a title that waives the prescription ("Buy sildenafil 50 mg without prescription") is a shop's own.
            offer = m.kind == "disguised"
            for o in _OFFER.finditer(low, a, b):
                if _IN_ADDRESS.search(text, max(0, o.start() - 80), o.start()):
                    # "order" in ".../order?src=ad" belongs to an address the buy-link rules read; the page's
                    # own words around the name say nothing of shipping, stock or price
                    continue
                if o.end() <= m.start and _BUY_LEAD.fullmatch(low, o.start(), m.start):
                    if not (selling or _is_controlled(m.drug) or _NO_RX_WEAK.search(text, sent_start, sent_end)
                            or _NO_RX_STRONG.search(text, sent_start, sent_end)):
                        continue
                    if affiliate is None:
                        affiliate = _AFFILIATE.search(low) is not None
                    if affiliate:
                        continue
                offer = True
                break
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
        out: list[Flag] = []
        coupons: list[Flag] = []
        # The coupon pattern's "20% off" branch begins with a digit: only pages without "%" can be
        # scanned from the coupon words alone.
        coupon_starts = _COUPON_START if "%" not in text else None
        for rx, starts, window, base, why in (
            (_NO_RX_STRONG, _NO_RX_STRONG_START, 400, 0.7, "Medicine offered without a prescription"),
            (_DELIVERY, _DELIVERY_START, 500, 0.55, "Mail-order delivery terms next to a prescription drug"),
            (_QUESTIONNAIRE, _QUESTIONNAIRE_START, 600, 0.6, "Prescribing by online form instead of a clinical visit"),
            (_COUPON, coupon_starts, 300, 0.45, "A price promotion for a prescription drug"),
            (_PAYMENT, ("pay", "accept"), 400, 0.55, "Payment in crypto-currency or untraceable transfers for medicine"),
            (_CRYPTO_ONLY, _CRYPTO_ONLY_START, 400, 0.55, "Payment in crypto-currency only for medicine"),
        ):
            for m in _finditer_at(rx, text, low, starts) if starts else rx.finditer(text):
                near = _near(ctx, m.start(), m.end(), window)
                if near is None:
                    continue
                sent_start, sent_end = _sentence(page, m.start())
                if rx is _QUESTIONNAIRE and _PLACEMENT.search(text, *_with_neighbours(page, sent_start, sent_end)):
                    # "fill in the short form and an admissions counselor calls": a rehab lead form, whose admissions
                    # words may sit in the line before or after it ("Text us and an admissions advisor replies. Or
                    # fill in the short form below and we'll call you back:")
                    continue
                if rx is _QUESTIONNAIRE and _REFUSAL.search(text, sent_start, m.start()):
                    continue  # a pharmacy refusing prescriptions based on a questionnaire (see _REFUSAL)
                lead = text[sent_start:m.start()].rstrip()
                if rx is _CRYPTO_ONLY and lead and lead[-1].isalnum():
                    # a shop's label opens its line or follows a colon, a bar or a bullet ("Payment: BTC only"); after
                    # a verb it is a report ("the market's listings were Bitcoin only")
                    continue
                if _told_by_others(text, sent_start, m.start(), m.end()) or (
                        text[sent_start:sent_end].rstrip().endswith("?")
                        and _YES_NO_QUESTION.match(text, sent_start) is not None):
                    continue
                # "Free shipping" is a retail deal like a promo code, not a mail-order term of its own
                promo = rx is _COUPON or _FREE_SHIPPING.fullmatch(m.group()) is not None
                (coupons if promo else out).append(
                    make_flag(page, self.code, m.start(), m.end(), _severity(base, near.drug), f"{why} ({near.surface})."))
        for m in _finditer_at(_NO_RX_WEAK, text, low, ("without",)):
            s, e = _sentence(page, m.start())
            near = _near(ctx, s, e, 0)
            if near is None or not _ORDERING.search(text, s, e) or _told_by_others(text, s, m.start(), m.end()):
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
        out.extend(self._foreign(page, ctx))
        out.extend(self._pill_mill(page, ctx))
        # A promo code (or free shipping) on a page that declares affiliate earnings is the affiliate's deal for
        # someone else's shop: a pharmacy pitch only beside one of the terms that make one (no prescription,
        # overnight or discreet delivery, online prescribing, payment) or with a pharmacy's own terms (bonus pills,
        # "our code").
        if coupons and not out and _AFFILIATE.search(low) is not None:
            coupons = [f for f in coupons if _OWN_TERMS.search(f.evidence)
                       or _OWN_COUPON.search(text, max(0, f.start - 20), f.end)]
        if not out and all(_PRICE_BOAST.fullmatch(f.evidence) for f in coupons):
            coupons = []  # a price boast alone (see _PRICE_BOAST)
        out.extend(coupons)
        return out

    def _pill_mill(self, page: Page, ctx: _Context) -> list[Flag]:
        """Prescriptions for controlled painkillers, sedatives or stimulants sold on two kinds of a pill mill's terms
        (see ``_MILL_KINDS``)."""
        text, low = page.text, page.lower
        if not any(h in low for h in _MILL_HINT):
            return []
        hits = []
        for kind, rx in enumerate(_MILL_KINDS):
            for m in rx.finditer(text):
                near = _near(ctx, m.start(), m.end(), 600)
                drug = _DRUGS.get(near.drug) if near is not None else None
                if near is None or not _is_controlled(near.drug) or (drug is not None and drug.category not in _MILL_MARKETS):
                    continue
                sent_start, sent_end = _sentence(page, m.start())
                if _MILL_REPORTED.search(text, sent_start, sent_end) or _told_by_others(text, sent_start, m.start(), m.end()):
                    continue
                hits.append((m, kind, near))
        if len({kind for _, kind, _ in hits}) < 2:
            return []
        return [make_flag(page, self.code, m.start(), m.end(), _severity(0.55, near.drug),
                          f"A clinic selling prescriptions for {near.surface} on a pill mill's terms (checks waived, "
                          "same-day prescriptions, cash only).")
                for m, _, near in sorted(hits, key=lambda h: h[0].start())]

    def _foreign(self, page: Page, ctx: _Context) -> list[Flag]:
        low = page.lower
        if not any(h in low for h in _FOREIGN_HINT):
            return []
        hits = [(m, kind) for kind, rx in enumerate(_FOREIGN_KINDS) for m in rx.finditer(page.text)]
        if len({kind for _, kind in hits}) < 2:
            return []
        out = []
        for m, _ in sorted(hits, key=lambda h: h[0].start()):
            near = _near(ctx, m.start(), m.end(), 600)
            if near is not None:
                out.append(make_flag(page, self.code, m.start(), m.end(), _severity(0.55, near.drug),
                                     f"A pharmacy's selling terms, written in another language, next to {near.surface}."))
        return out

    def _storefront(self, page: Page) -> list[Flag]:
        """A page that names no drug can still be a pharmacy's shop front: it calls itself an online pharmacy
        in its own voice and sells on at least two of the terms shops use (no prescription, mail-order
        delivery, crypto payment, promotions). One of them is not enough: news about rogue pharmacies
        names them too."""
        text, low = page.text, page.lower
        if "pharmac" not in low and "drug" not in low and "chemist" not in low:
            return []
        for m in _finditer_at(_SELF_PHARMACY, text, low, _SELF_PHARMACY_START):
            s, e = _sentence(page, m.start())
            line_start, _ = _line(text, m.start(), m.end())
            headline = _HEADLINE_LEAD.fullmatch(text, line_start, m.start()) is not None
            if not (_OWN_VOICE.search(text, s, e) or headline):
                continue
            a, b = max(0, m.start() - 1500), min(len(text), m.end() + 1500)
            kinds = sum(rx.search(text, a, b) is not None for rx in (_NO_RX_STRONG, _DELIVERY, _PAYMENT, _COUPON))
            if kinds >= 2:
                return [make_flag(page, self.code, m.start(), m.end(), 0.6,
                                  f"A shop front that calls itself an online pharmacy and sells on {kinds} of the "
                                  "terms rogue pharmacies use (no prescription, delivery, payment, promotions).")]
        return []

    def _hidden_links(self, page: Page) -> list[Flag]:
        """A selling link in the text whose shop's other links, kept out of the text, offer drugs without a prescription
        or on mail-order delivery terms (see :func:`_hidden_shop_links`)."""
        out = []
        for link, hidden in _hidden_shop_links(page):
            for h in hidden:
                term = _NO_RX_STRONG.search(h.anchor) or _NO_RX_WEAK.search(h.anchor) or _DELIVERY.search(h.anchor)
                if term is not None:
                    out.append(make_flag(page, self.code, link.start, link.end, 0.55,
                                         f"A spam link to {_host_path(link.href)[0]}, whose links hidden from the page's "
                                         f"text sell on a pharmacy's terms ('{h.anchor[:60]}')."))
                    break
        return out

    def _url(self, page: Page, ctx: _Context) -> list[Flag]:
        if not page.url:
            return []
        host, path = _host_path(page.url)
        drug = _url_sells(host, path)
        if drug is None:
            return []
        # a designer name in the address ("rcshop.example/buy-bromazolam") is among the named drugs, not the dictionary's
        first = next((m for m in (*ctx.mentions, *ctx.named) if m.drug == drug), None)
        if first is None:
            return []
        return [make_flag(page, self.code, first.start, first.end, _severity(0.6, drug),
                          f"The page address sells {first.surface} ({host}).")]
