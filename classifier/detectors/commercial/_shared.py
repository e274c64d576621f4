"""What every commercial detector reads: the drug dictionary, the lexicon, severity, sentence spans, start-word scans."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from ...drugs import dictionary
from ...page import Page
from ...resources import LEXICONS_DIR
from ...text import matches_at, occurrences

_LEXICON = json.loads((LEXICONS_DIR / "commercial.json").read_text(encoding="utf-8"))
_DRUGS = dictionary()
_CONTROLLED = frozenset({"I", "II", "III", "IV", "V"})
# Drugs whose category ends in " otc" are sold over the counter: "Advil 200 mg" is a shelf label, not a pitch.
_RX = frozenset(d.id for d in _DRUGS.drugs.values() if not d.category.endswith(" otc"))


# Selling terms or stock told of others ("the websites advertised 'no prescription needed' and took payment only
# in cryptocurrency", "the site offered tramadol, alprazolam and sildenafil"): a report about rogue pharmacies,
# not a pitch. The seller is a third party and the verb reports (a shop says "we offer", not "the site offered").
_TOLD_OF_OTHERS = re.compile(
    # (one spam mail or ad as well as many: "a representative message read: ...")
    r"\b(?:websites?|sites?|sellers?|vendors?|pharmacies|dealers|scammers|spammers|traffickers|operators|accounts|listings|"
    r"shops|ads?|adverts?|advertisements?|posts|e-?mails?|messages?|spam|they)\b[^.\n]{0,80}?"
    # "the vendor I used", "the site we ordered from": a buyer recommending the seller, not a report of it
    r"(?<!\bi\s)(?<!\bwe\s)\b(?:advertis(?:ed|es|ing)|promis(?:ed|es|ing)|claim(?:ed|s|ing)|tout(?:ed|s|ing)|boast(?:ed|s|ing)|took|accepted|"
    r"demanded|required|used|say|says|said|saying|read|reads|offered|sold|listed|pushed|peddled|marketed|stated)\b"
    # A site named by its address and what it did, in the past tense: a regulator's list of sites it warns against
    # ("quickpills.example: advertised ...; sold phentermine and accepted Bitcoin only"). A shop tells its own terms in
    # the present ("we ship", "pills.example accepts Bitcoin") or boasts in the perfect ("has sold a million orders").
    r"|(?<![\w.@/-])[a-z0-9][a-z0-9-]{0,40}(?:\.[a-z0-9-]{1,40}){0,2}\.[a-z]{2,12}(?![\w@/-])[^.\n]{0,80}?"
    r"(?<!\bhas\s)(?<!\bhave\s)\b(?:advertised|promised|claimed|touted|boasted|took|accepted|demanded|required|offered|"
    r"sold|listed|pushed|peddled|marketed|stated|called\s+itself)\b"
    # In the present tense only with a determiner pointing at a third party ("the site offers tramadol ...", "your
    # website lists ..." in a regulator's letter): a shop speaks of itself as "we" or "our site", never "the site".
    r"|\b(?:the|your|that|these|those|such|their)[ \t]+(?:web)?(?:sites?|sellers?|vendors?|pharmacies|dealers?|operators?|"
    r"accounts?|listings?|shops?|stores?)\b[^.\n]{0,80}?\b(?:offers|sells|lists|markets|pushes|peddles|stocks|carries)\b", re.I)


# Research-chemical shops sell designer benzodiazepines and opioids the dictionary cannot list (new ones appear every
# year: bromazolam, flualprazolam, clonazolam, diclazepam; isotonitazene, metonitazene; acetylfentanyl, carfentanil).
# Their stems are reserved for these classes and end no ordinary word, so a name ending in one is such a drug (the
# stems also find a few older medicines the dictionary leaves out, midazolam or sufentanil, controlled all the same).
# The dictionary's own names (alprazolam, diazepam, fentanyl) are found by the dictionary first.
_DESIGNER = re.compile(r"(?<![a-z0-9])[a-z]{2,24}(?:zolam|zepam|nitazene|fentan[iy]l)(?![a-z0-9])", re.I)
#: Drug ids of designer names: the prefix and the name as written, lower case.
DESIGNER_PREFIX = "designer:"


def _is_controlled(drug_id: str) -> bool:
    # A designer benzodiazepine or opioid is sold as a legal stand-in for a controlled one: it is treated as one.
    if drug_id.startswith(DESIGNER_PREFIX):
        return True
    drug = _DRUGS.get(drug_id)
    return bool(drug and drug.schedule in _CONTROLLED)


def _severity(base: float, drug_id: str | None) -> float:
    """Controlled substances sold without oversight are the most harmful form: raise severity."""
    return min(1.0, base + 0.25) if drug_id and _is_controlled(drug_id) else base


def _line(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the line (between newlines) holding ``text[start:end]``."""
    line_end = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if line_end < 0 else line_end


def _table_header(text: str, line_start: int) -> tuple[int, int] | None:
    """The first line of the pipe table whose row starts at ``line_start`` (the row itself when it is the first), or
    None when the line is no table row. A row's "$4 | $3" means what its column headers say it means."""
    start, end = _line(text, line_start, line_start)
    if text.find("|", start, end) < 0:
        return None
    for _ in range(_TABLE_ROWS):
        if start == 0:
            break
        prev = text.rfind("\n", 0, start - 1) + 1
        if text.find("|", prev, start - 1) < 0:
            break
        start = prev
    return _line(text, start, start)


#: How many rows above a table row its header is looked for.
_TABLE_ROWS = 60


def _sentence(page: Page, pos: int) -> tuple[int, int]:
    span = page.sentence_at(pos)
    return (span.start, span.end) if span is not None else (pos, min(len(page.text), pos + 1))


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


def _quoted(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is inside a short quotation its line attributes or sets out as an example:
    between straight double quotes (an odd number before it), between curly ones, or wrapped whole in single
    quotes ('V1agra'), with a word of reporting outside the quotation ("a typical body read: "no Rx needed"",
    "the site advertised "overnight shipping"", "misspellings like "X@nax""). A page quoting spam or a rogue
    site to warn about it uses their words, not its own; a shop's customer quotes ("Discreet packaging, fast
    delivery") are its pitch, and a lone apostrophe (it's, Xanax') never opens a quotation. A longer quotation counts
    when its line attributes it to a spam mail, an ad or a site (see ``_quoted_spam``)."""
    line_start, line_end = _line(text, start, end)
    before, after = text[line_start:start], text[end:line_end]
    span: tuple[int, int] | None = None
    for opening, closing in (('"', '"'), ("\u201c", "\u201d")):
        i = before.rfind(opening)
        if i < 0 or (before.count('"') % 2 == 0 if opening == '"' else before.rfind(closing) > i):
            continue
        j = after.find(closing)
        if j >= 0 and (len(before) - i) + (end - start) + j <= _QUOTE_MAX:
            span = (line_start + i, end + j + 1)
            break
    if span is None and before and after and before[-1] in "'\u2018" and after[0] in "'\u2019":
        span = (start - 1, end + 1)
    if span is None:
        return _quoted_spam(text, line_start, before, after, start, end)
    return _QUOTE_CUE.search(text, line_start, span[0]) is not None or _QUOTE_CUE.search(text, span[1], line_end) is not None


def _quoted_spam(text: str, line_start: int, before: str, after: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is inside a longer quotation that its line attributes to a spam mail, an ad or a
    site ("A representative message, admitted as an exhibit, read in full: "Valium, Soma ... Click here to order.""):
    a ruling or a regulator quotes the whole pitch, several sentences long. A customer's long testimonial is told by a
    person ("Jane wrote: ..."), and a shop does not attribute its own words to "the website" or "the message"."""
    i = before.rfind('"')
    if i < 0 or before.count('"') % 2 == 0:
        i = before.rfind("\u201c")
        if i < 0 or before.rfind("\u201d") > i:
            return False
        j = after.find("\u201d")
    else:
        j = after.find('"')
    if j < 0 or (len(before) - i) + (end - start) + j > _SPAM_QUOTE_MAX:
        return False
    return _SPAM_SOURCE.search(text, line_start, line_start + i) is not None


#: A whole spam mail or ad quoted as evidence runs to a few sentences.
_SPAM_QUOTE_MAX = 400
# What a quoted pitch is attributed to (a mail, an ad, a site, an exhibit) and the verb that reports it, right before
# the opening quotation mark. "Our website says" is a shop speaking.
_SPAM_SOURCE = re.compile(r"(?<!\bour\s)(?<!\bmy\s)\b(?:e-?mails?|messages?|texts?|ads?|adverts?|advertisements?|websites?|sites?|"
                          r"listings?|posts?|flyers?|banners?|spam|exhibits?)\b[^\"\u201c\n]{0,80}?\b(?:read|reads|said|says|stated|"
                          r"states|wrote|claimed|claims|advertised|promised|touted|boasted)\b"
                          r"(?:[ \t]+(?:in[ \t]+(?:full|part)|as[ \t]+follows|verbatim))?[ \t]{0,3}[:,\u2014-]?[ \t]{0,3}$", re.I)


# The first word of a span of selling words, which may be the verb that reports them ("accepted payment in ...").
_FIRST_WORD = re.compile(r"\w{1,30}\b")


def _told_by_others(text: str, sent_start: int, start: int, end: int) -> bool:
    """Selling words the page reports rather than says: told of a third party in their sentence, quoted, listed under a
    warning ("Watch for these warning signs: • overnight shipping ..."), or put to the reader to judge ("True or false:
    ...").

    The reporting verb may be the selling words' own first word ("the vendor accepted payment only in Bitcoin"):
    the sentence is read up to the end of that word."""
    first = _FIRST_WORD.match(text, start, end)
    upto = first.end() if first else start
    return (_TOLD_OF_OTHERS.search(text, sent_start, upto) is not None or _quoted(text, start, end)
            or _warned_list(text, start) or _put_to_reader(text, sent_start, start))


# A list's lead-in that holds its items up as signs to beware of: a regulator's or a guide's "Watch for these warning
# signs:", "Red flags include:", "Signs of a fake pharmacy:", "Be wary of sites that offer:". The items under it are the
# spam's words set out as examples. A shop's own list is headed by what it offers ("Why choose us:"); "beware of fakes,
# buy from us" heads no list of signs, so only words naming signs or telling the reader to look out for them count.
_WARNING_LEAD = re.compile(
    r"\b(?:warning[ \t]+signs?|red[ \t]+flags?|tell-?tale[ \t]+signs?|signs?[ \t]+(?:of|that)[ \t]+(?:an?[ \t]+|the[ \t]+)?"
    r"(?:[\w-]{1,20}[ \t]+){0,2}(?:fake|rogue|illegal|unsafe|counterfeit|fraudulent|bogus|scam|unlicensed|dangerous)|"
    r"(?:watch|look)[ \t]+(?:out[ \t]+)?for[ \t]+(?:these|the[ \t]+following)|"
    r"be[ \t]+(?:wary|suspicious)[ \t]+of[ \t]+(?:any[ \t]+)?(?:sites?|websites?|pharmacies|sellers|offers|ads|messages|e-?mails))\b",
    re.I)
# A list item opens its line with a bullet or a number ("•", "-", "*", "1.", "a)").
_LIST_ITEM = re.compile(r"(?<![ \t])[ \t]{0,6}(?:[\u2022\u2023\u25aa\u25cf\u25e6\u2043\u2219\u00b7*\u2013\u2014-]|\d{1,2}[.)]|[a-z][.)])[ \t]", re.I)
#: How many list items above one the lead-in is looked for.
_LIST_ITEMS = 25
#: How far into its line a label's colon ("Red flags to look out for:") may stand.
_LABEL_MAX = 80


def _warned_list(text: str, pos: int) -> bool:
    """Whether ``pos`` lies in a list item (a bulleted or numbered line) under a lead-in framed as warning signs (see
    ``_WARNING_LEAD``), or after such a lead-in and its colon on its own line ("Red flags: overnight shipping, ...")."""
    line_start, _ = _line(text, pos, pos)
    # (a label opens its line: the colon is looked for in the line's first characters only)
    colon = text.rfind(":", line_start, min(pos, line_start + _LABEL_MAX))
    if colon >= 0 and _WARNING_LEAD.search(text, line_start, colon):
        return True
    if _LIST_ITEM.match(text, line_start) is None:
        return False
    start = line_start
    for _ in range(_LIST_ITEMS):
        if start == 0:
            return False
        prev = text.rfind("\n", 0, start - 1) + 1
        if not text[prev:start - 1].strip():  # a blank line between the lead-in and its list
            start = prev
            continue
        if _LIST_ITEM.match(text, prev) is None:
            # the first line above the list that is no item: the lead-in, which ends in a colon
            lead_end = start - 1
            return text[prev:lead_end].rstrip().endswith(":") and _WARNING_LEAD.search(text, prev, lead_end) is not None
        start = prev
    return False


# A statement put to the reader to judge, as quizzes and myth-busting boxes do ("4. True or false: ...", "Myth or fact:
# ..."): the page tests the claim, it does not make it.
_PUT_TO_READER = re.compile(r"[^\w\n]{0,3}(?:\d{1,3}[.)][ \t]{0,3})?(?:true[ \t]+or[ \t]+false|fact[ \t]+or[ \t]+(?:fiction|myth)|"
                            r"myth[ \t]+or[ \t]+(?:fact|truth)|t[ \t]?/[ \t]?f|agree[ \t]+or[ \t]+disagree)[ \t]{0,3}[:?]", re.I)


def _put_to_reader(text: str, sent_start: int, pos: int) -> bool:
    """Whether the sentence (or its line, when the sentence splitter cut a number off: "4." then "True or false: ...")
    holding ``pos`` opens as a statement put to the reader to judge (see ``_PUT_TO_READER``)."""
    line_start, _ = _line(text, pos, pos)
    return any(_PUT_TO_READER.match(text, at) is not None for at in {sent_start, line_start} if at <= pos)


#: Quotations of spam or of a rogue site are a phrase or a line; a testimonial runs longer.
_QUOTE_MAX = 90
#: Words that attribute a quotation or hold it up as an example.
_QUOTE_CUE = re.compile(r"\b(?:read|reads|said|says|wrote|writes|offered|offering|advertis\w*|promis\w*|claim\w*|according|described|"
                        r"called|labell?ed|touted|boasted|selling|like|such\s+as|spell\w*|misspell\w*|warn\w*|subject|"
                        # a regulator's or a guide's list of what a site says ("Examples of statements on your
                        # website include: "No prescription required," ...")
                        r"statements?|examples?|stated|states|listed|"
                        # a name quoted as a specimen of a disguise ("digit substitution ("V1agra")", "e.g. "X.a.n.a.x"",
                        # "obfuscated variants such as ..."): a study or a guide describing how spam spells names
                        r"disguis\w*|obfuscat\w*|substitut\w*|e\.g|for[ \t]+(?:example|instance))\b", re.I)
