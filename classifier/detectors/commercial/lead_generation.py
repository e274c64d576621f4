"""``commercial.lead_generation``: calls to action around a phone number or form that sell treatment referrals."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from ...page import Page
from ...results import Flag
from ...text import matches_at
from ..base import Detector, make_flag
from ._shared import _LEXICON, _finditer_at, _sentence


def _phrase_rx(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?![\w-])", re.I)


_HELPLINE_NAMES = _phrase_rx(_LEXICON["public_helplines"]["names"])
_HELPLINE_NUMBERS = frozenset(_LEXICON["public_helplines"]["numbers"])
# An unnamed "hotline" is a call to action in itself; named public helplines are excluded separately.
_CTA_WORDS = ("call", "dial", "phone", "text", "ring", "contact", "reach", "speak", "talk", "toll", "24", "line")
_CTA = re.compile(r"\b(?:call|dial|phone|text|ring|contact\s+us|reach\s+us|speak\s+(?:with|to)|talk\s+(?:with|to)|"
                  r"hotline|helpline)\b|\btoll[- ]?free\b|\b24/7\b|\b24[\s-]+hours?\b")
# The same call centre's words in the languages its pages abroad or for immigrant families are written in (Polish,
# Portuguese, Spanish, Romanian, German, French, Italian, Dutch): "call now", "we will call you back", "free line",
# "around the clock". Each alternative opens with one of _CTA_FOREIGN_START, so the scan runs only where one occurs.
_CTA_FOREIGN = re.compile(
    r"\b(?:zadzwo[ńn]|dzwo[ńn]|oddzwon\w*|infolini\w*|ca[łl][aą][ ]dob[eę]|"
    r"ligue(?:\s+(?:agora|j[aá]|gr[aá]tis|para))?|atendimento\s+24|"
    r"ll[aá]me(?:nos)?|ll[aá]manos|l[ií]nea[ ]gratuita|"
    r"sun[aă](?:[țt]i)?\s+(?:acum|la|gratuit|non-?stop)|apel[ ]gratuit|"
    r"rufen\s+sie\s+(?:uns\s+)?(?:jetzt\s+|gleich\s+|kostenlos\s+)?an|jetzt\s+anrufen|rund[ ]um\s+die\s+uhr|"
    r"appelez(?:-nous)?|num[ée]ro[ ]vert|"
    r"chiam(?:a|aci|ateci)\s+(?:ora|subito|adesso|gratis|il|al)|numero[ ]verde|"
    r"bel[ ](?:nu|ons|gratis|direct))\b", re.I)
_CTA_FOREIGN_START = ("zadzwo", "dzwo", "oddzwon", "infolini", "cała ", "całą ", "cala ", "calą ", "ligue", "atendimento", "llam",
                      "lláma", "lláme", "línea gratuita", "linea gratuita", "suna", "sună", "apel gratuit", "rufen", "jetzt",
                      "rund um", "appelez", "numéro vert", "numero vert", "numero verde", "chiam", "bel ")
# Treatment, addiction and insurance words in those languages: the referral a foreign call centre sells.
_REFERRAL_FOREIGN = re.compile(
    r"\b(?:uzale[żz]ni\w*|odwyk\w*|detoks\w*|lecz\w*|o[śs]rod\w*|terapi\w*|ubezpiecz\w*|przyj[eę][ćc]\w*|"
    r"depend[êe]ncia|recupera[cç][aã]o|interna[cç][aã]o|reabilita[cç][aã]o|desintoxica[cç][aã]o|tratamento|conv[êe]nio|"
    r"adicci[oó]n\w*|rehabilitaci[oó]n|desintoxicaci[oó]n|tratamiento|seguro\s+m[ée]dico|"
    r"dependen(?:[țţ]\w*|ta)\b|dezintoxicare|recuperare|tratament\w*|asigur[aă]r\w*|"
    r"sucht\w*|entzug\w*|entgiftung|therapieplatz|krankenkasse|"
    r"d[ée]sintoxication|sevrage|dipendenz\w*|disintossicazione|riabilitazione|verslav\w*|afkick\w*|ontwenning)\b", re.I)
# The letters those languages write and English does not: the foreign patterns are tried only on a page holding one (one
# character-class scan in C), so an English page pays nothing for them. A foreign page typed without its accents is missed.
_ACCENTED = re.compile("[\u0105\u0119\u0142\u0144\u015b\u017a\u017c\u00e3\u00f5\u00e7\u00f1\u0103\u00e2\u00ee\u0219\u015f"
                       "\u021b\u0163\u00e4\u00f6\u00fc\u00df\u00e9\u00e8\u00ea\u00e0\u00e1\u00ed\u00f3\u00fa\u00f2\u00ec]")
_REFERRAL_FOREIGN_START = ("uzale", "odwyk", "detoks", "lecz", "ośrod", "osrod", "terapi", "ubezpiecz", "przyj", "depend",
                           "recupera", "interna", "reabilita", "desintoxica", "tratament", "tratamien", "conv", "adicci", "rehabilitaci",
                           "seguro", "dezintoxicare", "asigur", "sucht", "entzug", "entgiftung", "therapieplatz",
                           "krankenkasse", "désintox", "sevrage", "dipendenz", "disintossicazione", "riabilitazione",
                           "verslav", "afkick", "ontwenning")
# A broker's small print in those languages: the reader's data ("danych", "dados", "datos", "Daten", "données") passed on
# to partner centres or clinics ("ośrodkom partnerskim", "clínicas parceiras", "centros asociados", "Partnerkliniken").
_FOREIGN_PARTNERS = (r"(?:o[śs]rod\w*|klinik\w*|plac[oó]wk\w*)\s+partnersk\w*|partnersk\w*\s+(?:o[śs]rod\w*|klinik\w*|plac[oó]wk\w*)|"
                     r"(?:cl[ií]nicas|centros|instituciones|unidades)\s+(?:parceir[oa]s|asociad[oa]s|colaborador[ae]s|afiliad[oa]s)|"
                     r"(?:clinic|centr)(?:i|ele|ile|elor|ilor)\s+partener\w*|partner(?:kliniken|einrichtungen|zentren)|"
                     r"(?:cliniques|centres|[ée]tablissements)\s+partenaires|(?:cliniche|centri|strutture)\s+(?:partner|convenzionat[ei])")
_FOREIGN_PARTNER_DATA = re.compile(r"\b(?:dan(?:e|ych|ymi)|dados|datos|date(?:le)?|daten|donn[ée]es|dati|gegevens)\b"
                                   r"[^.!?\n]{0,80}?(?:" + _FOREIGN_PARTNERS + r")", re.I)
# (every partner phrase holds one of these: "partne" stands for the Polish, German and Italian ones)
_FOREIGN_PARTNER_HINT = ("partne", "parceir", "asociad", "colaborad", "afiliad", "partener", "partena", "convenzionat")
_FOREIGN_DATA_START = ("dan", "dados", "datos", "date", "daten", "donn", "dati", "gegevens")
# Referral context is about placing someone in addiction treatment; a hospital's appointment line or a
# clinic's number in a news story is not.
_REFERRAL = re.compile(
    r"\b(?:treatment|rehab\w*|recovery|addiction|addicted|detox\w*|admissions?|insurance|intake|sober|"
    r"substance\s+(?:use|abuse)|help\s+(?:you\s+)?find\w*|find\w*\s+(?:a|the\s+right|the\s+best)\s+"
    r"(?:program|center|centre|facility|rehab|treatment)|get\s+help|free\s+(?:and\s+)?confidential)\b",
    re.I,
)
# Who a referral broker passes the reader on to.
_PARTNERS = (r"\b(?:partner(?:ing)?|participating|affiliated|network|member)\s+(?:treatment\s+|pain\s+|weight[- ]loss\s+|"
             r"rehab\s+|recovery\s+)?(?:clinics?|providers?|facilit(?:y|ies)|cent(?:er|re)s?|doctors?|physicians?|"
             r"specialists?|programs?|programmes?|practices?)\b")
_FORM_LEAD = re.compile(
    r"\bwe\s+can\s+help\s+you\s+(?:find|choose|locate|get\s+into)\b[^.!?\n]{0,80}?"
    r"\b(?:treatment|rehab\w*|programs?|centers?|centres?|facilit\w+|detox|recovery|care)\b|"
    r"\b(?:verify|check)\s+(?:your\s+)?(?:insurance|coverage|benefits)(?:\s+(?:coverage|benefits))?\b[^.!?\n]{0,80}?"
    r"\b(?:treatment|rehab\w*|detox|recovery|addiction)\b|"
    r"\b(?:free|instant|online)\s+insurance\s+(?:verification|check)\b|"
    # A "placement specialist" fills treatment beds as an admissions one does; a job placement or a stent placement
    # is something else, so the detector wants treatment or insurance words in the sentence beside this one.
    r"\b(?:speak|talk|chat)\s+(?:with|to)\s+(?:an?\s+|our\s+)?(?:admissions|treatment|intake|recovery|placement)\s+"
    r"(?:specialists?|advisors?|navigators?|coordinators?|counsel(?:l)?ors?|team)\b|"
    r"\b(?:admissions|intake|placement)\s+(?:specialists?|advisors?|navigators?|coordinators?|counsel(?:l)?ors?|team)\s+"
    # (or answers the reader's text: "an admissions counselor will reply within minutes"; a step of the funnel says it in
    # the present: "a placement coordinator calls you back within 15 minutes")
    r"(?:(?:will|can|is\s+standing\s+by\s+to)\s+(?:call|text|contact|reach|reply|respond|get\s+back\s+to|follow\s+up)\b|"
    r"(?:calls|texts|contacts|reaches|phones|rings)\s+you\b|(?:replies|responds|gets\s+back)\s+to\s+you\b)|"
    r"\bfill\s+(?:out|in)\s+(?:the|our|this)\s+(?:short\s+|quick\s+|confidential\s+)?form\b[^.!?\n]{0,80}?"
    r"\b(?:treatment|rehab\w*|detox|recovery|addiction|admissions)\b|"
    # A referral broker sells the reader's call or form to the clinics it routes them to, and says so in its small
    # print: the reader agrees to be contacted by its "partner clinics", or the service is "paid for by participating
    # providers". A clinic's own booking form names no partners; whatever the treatment (rehab, pain, weight loss,
    # dental implants), such a page is built to sell the reader's contact.
    r"\b(?:contacted|called|texted)\s+(?:by\s+(?:phone|telephone|text|sms|e-?mail)(?:\s*(?:,|or|and|and/or)\s*"
    r"(?:phone|telephone|text|sms|e-?mail)){0,2}\s+)?by\s+[^.!?\n]{0,60}?(?:" + _PARTNERS + r"|"
    # or by the partners it sells the contact to, named for that trade ("by SlimPath and its marketing partners")
    r"\b(?:marketing|advertising|lead|referral|third[- ]party)\s+partners?\b)|"
    r"\b(?:paid\s+for|funded|compensated)\s+by\s+(?:our\s+|the\s+|its\s+)?" + _PARTNERS,
    re.I,
)
#: How far (characters) from a placement specialist's sentence the treatment or insurance words are looked for.
_PLACEMENT_REACH = 120
# The words a _REFERRAL match begins with, found in page.lower.
_REFERRAL_START = ("treatment", "rehab", "recovery", "addict", "detox", "admission", "insurance", "intake", "sober",
                   "substance", "help", "find", "get", "free")
# The words a _FORM_LEAD match begins with (after its \b), found in page.lower.
_FORM_LEAD_START = ("we", "verify", "check", "free", "instant", "online", "speak", "talk", "chat", "fill", "admission",
                    "intake", "placement", "contacted", "called", "texted", "paid", "funded", "compensated")
# A clinic's own booking line: appointments taken at reception in office hours. Lead generation sells
# placements around the clock; a local number in such a sentence, with nothing of a call centre's pitch
# beside it, is the ordinary appointment line the detector must leave alone.
_OWN_LINE = re.compile(r"\b(?:appointments?|reception(?:ist)?|front\s+desk|office\s+hours|"
                       r"mon(?:day)?\s*(?:to|through|thru|-|\u2013)\s*fri(?:day)?)\b", re.I)
_CALL_CENTRE = re.compile(r"\b(?:24/7|24\s+hours|admissions|insurance\s+(?:verif\w+|check)|toll[- ]?free|"
                          r"free\s+(?:and\s+)?confidential|standing\s+by)\b", re.I)
# The same clinic's line in the other languages (see _CTA_FOREIGN): appointments ("cita", "wizyta", "Termin", "rendez-vous",
# "appuntamento", "afspraak", "programare", "agendamento") and weekday office hours ("de lunes a viernes", "od
# poniedziałku do piątku", "Montag bis Freitag"), and a call centre's pitch (around the clock, free of charge).
_OWN_LINE_FOREIGN = re.compile(
    r"\b(?:citas?|cita\s+previa|horario|wizyt\w*|um[óo]wi\w*|rejestracj\w*|termin\w*|sprechzeit\w*|rendez-vous|"
    r"appuntament\w*|afspra\w*|programar\w*|agend\w+|consultas?\s+marcad\w*|"
    r"(?:de|od|du|dal|von)\s+(?:lunes|poniedzia[łl]ku|lundi|luned[iì]|montag|segunda|luni|maandag)\b)", re.I)
_CALL_CENTRE_FOREIGN = re.compile(
    r"\b(?:24\s*(?:godzin\w*|horas|ore|stunden|heures|uur)|ca[łl][aą]\s+dob[eę]|non-?stop|rund\s+um\s+die\s+uhr|"
    r"24\s*h\s*/\s*24|bezp[łl]atn\w*|gratuit\w*|gratis|kostenlos\w*|sans\s+frais)\b", re.I)
_TOLL_FREE = ("800", "833", "844", "855", "866", "877", "888")
_DIGITS = re.compile(r"\d(?:[-. ()/]{0,2}\d){6}")
_VANITY = re.compile(r"\b(?:1[-. ]?)?\(?8(?:00|33|44|55|66|77|88)\)?[-. ]?[A-Z0-9]{3}[-. ]?[A-Z0-9]{4}\b")
# Every toll-free prefix (overlapping ones too): a _VANITY match begins at most 3 characters before it.
_VANITY_8 = re.compile(r"8(?=00|33|44|55|66|77|88)")
# The words a _CTA match begins with, found in page.lower.
_CTA_START = ("call", "dial", "phone", "text", "ring", "contact", "reach", "speak", "talk", "hotline", "helpline",
              "toll", "24")


def _window(page: Page, s: int, e: int) -> tuple[int, int]:
    """The number's sentence with its neighbours: the call to action or the referral may sit in the sentence
    before it ("Need help finding a program? Call ...", across a blank line too) or in the one right after
    ("Call 1-888-...", then "Insurance verified in minutes"), when they start within 200 and 80 characters."""
    sents = page.sentences
    i = bisect.bisect_left([x.start for x in sents], s)
    ws, we = s, e
    if i > 0 and s - sents[i - 1].start < 200:
        ws = sents[i - 1].start
    k = i + 1 if i < len(sents) and sents[i].start == s else i
    if k < len(sents) and 0 <= sents[k].start - e <= 80:
        we = sents[k].end
    return ws, we


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
        # Whether the page holds a letter of the other languages (see _ACCENTED): looked for once, when first needed.
        accented: list[bool] = []

        def foreign() -> bool:
            if not accented:
                accented.append(not low.isascii() and _ACCENTED.search(low) is not None)
            return accented[0]

        cta = (any(w in low for w in _CTA_WORDS) and next(iter(_finditer_at(_CTA, low, low, _CTA_START)), None)) \
            or (foreign() and next(iter(_finditer_at(_CTA_FOREIGN, low, low, _CTA_FOREIGN_START)), None))
        digits = cta and (_DIGITS.search(text) or next(_vanity_matches(text), None))
        # A number is only flagged when its window (its sentence and maybe the one before, both bounded
        # by white space) holds a referral word, so a page without one anywhere needs no number matching.
        referral = digits and (next(iter(_finditer_at(_REFERRAL, text, low, _REFERRAL_START)), None)
                               or (foreign() and next(iter(_finditer_at(_REFERRAL_FOREIGN, text, low, _REFERRAL_FOREIGN_START)),
                                                    None)))
        numbers = self._numbers(text) if referral else []
        for start, end, national in numbers:
            if national in _HELPLINE_NUMBERS:
                continue
            s, e = _sentence(page, start)
            # The call to action may sit in the sentence before ("Need help finding a program? Call ...").
            ps = page.sentence_at(s - 2) if s >= 2 else None
            own = ps.start if ps is not None and s - ps.start < 200 else s
            # A toll-free number is the mark of a call centre: its pitch may also sit across a blank line,
            # above or below it. A local number (a clinic's line) needs the pitch in its own paragraph.
            ws, we = own, e
            if national.startswith(_TOLL_FREE):
                ws, we = _window(page, s, e)
                ws = min(ws, own)
            window = text[ws:we]
            # A line open in office hours ("Monday-Friday, 8 a.m.-8 p.m.") with no call centre's pitch around it is an
            # ordinary service line, toll-free or not (a clinic's booking, a maker's assistance programme).
            # (in the page's own language too, on a page written in another one)
            own_line = _OWN_LINE.search(text, s, e) or (foreign() and _OWN_LINE_FOREIGN.search(text, s, e))
            call_centre = _CALL_CENTRE.search(window) or (foreign() and _CALL_CENTRE_FOREIGN.search(window))
            if own_line and not call_centre and (not national.startswith(_TOLL_FREE) or "toll" not in window.lower()):
                continue
            # A named public helpline in the number's own lines makes it that helpline's number.
            if _HELPLINE_NAMES.search(text, own, e):
                continue
            # (the call to action and the referral in English or in the page's own language: see _CTA_FOREIGN)
            wlow = window.lower()
            if not (_CTA.search(wlow) or (foreign() and _CTA_FOREIGN.search(wlow))) \
                    or not (_REFERRAL.search(window) or (foreign() and _REFERRAL_FOREIGN.search(window))):
                continue
            s, e = self._trim(s, e, start, end)
            if (s, e) in seen:
                continue
            seen.add((s, e))
            toll_free = "toll" in window.lower() or national.startswith(_TOLL_FREE)
            flags.append(make_flag(page, self.code, s, e, 0.7 if toll_free else 0.55,
                                   "A call to action around a phone number that routes readers to a treatment referral."))
        for m in _finditer_at(_FORM_LEAD, text, low, _FORM_LEAD_START):
            s, e = _sentence(page, m.start())
            if _HELPLINE_NAMES.search(text, s, e) or any(a < m.end() and m.start() < b for a, b in seen):
                continue
            # (the treatment or insurance words may be in the step before or after, within a short reach: "2. A placement
            # coordinator calls you back. 3. We match you with a home that accepts your insurance")
            if "placement" in low[m.start():m.end()] and not _REFERRAL.search(text, max(0, s - _PLACEMENT_REACH),
                                                                                min(len(text), e + _PLACEMENT_REACH)):
                continue  # a job placement specialist or a device placement: nothing of treatment or insurance beside it
            flags.append(make_flag(page, self.code, m.start(), m.end(), 0.5,
                                   "The page offers to place the reader in treatment (referral or insurance check)."))
        if foreign() and any(h in low for h in _FOREIGN_PARTNER_HINT):
            for m in _finditer_at(_FOREIGN_PARTNER_DATA, text, low, _FOREIGN_DATA_START):
                if any(a < m.end() and m.start() < b for a, b in seen):
                    continue
                flags.append(make_flag(page, self.code, m.start(), m.end(), 0.5,
                                       "The page passes the reader's details on to partner centres (referral small print)."))
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
