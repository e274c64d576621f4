"""``provenance.*``: the checkable credibility markers of the JAMA benchmarks, HONcode, DISCERN and QUEST.

Markers: author or byline (and credentials), medical reviewer, published / updated dates, references
(primary sources, DOIs, PubMed, government and university sites), disclosure of ownership, sponsorship
or advertising, a "not a substitute for medical advice" disclaimer, contact / about / privacy pages.

:func:`markers` reports each marker as present or absent, reading the page metadata and every link
(navigation included) as well as the text; the featurizer uses it so that HTML-only evidence counts.
The detector turns markers with a span in the text into zero-severity ``provenance.has_*`` flags (they
show the reader where the marker is) and, only on pages that talk about drugs at some length, the
absence of an author, a date or references into low-severity ``provenance.missing_*`` flags: those are
what a reader deciding whether to trust dosing or safety advice would look for first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from urllib.parse import urlsplit

from ..page import Link, Page
from ..results import Flag
from ..text import matches_at, occurrences
from .base import Detector, make_flag

#: Marker names, in report order.
MARKERS = ("author", "credentials", "reviewer", "date", "references", "disclosure", "disclaimer", "contact")

# Pages shorter than this are snippets; a missing byline there is not something a reader would notice.
_MIN_WORDS_FOR_MISSING = 150
# Only the top of the page is searched for a byline and dates: in the body "by" and dates mean other things.
_HEAD_CHARS = 1500

_NAME = r"(?:Dr\.?\s+)?[A-Z][a-zA-Z'’-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-zA-Z'’-]+){1,3}"
_CRED = r"(?:M\.?D\.?|Ph\.?D\.?|Pharm\.?D\.?|D\.?O\.?|R\.?N\.?|M\.?P\.?H\.?|MBBS|MBChB|BPharm|RPh|FRCP|FACP|NP|PA-C|MSN|DNP|LCSW|CADC|MSc|BSN|MS|RD)"
# Keywords case-insensitive, names case-sensitive: "By increasing GABA levels, ..." is not a byline.
_BYLINE = re.compile(
    rf"(?m)^[ \t]*(?i:(?:written|authored|posted|reported)\s+by|by|author)[:\s]+({_NAME})(?:,?\s+{_CRED}\b(?:,\s*{_CRED}\b)*)?",
)
_CRED_HINT = re.compile(rf"(?:,|\s){_CRED}\b|\bDr\.")
# Credentials count where a byline would be (the start of a line), not for any doctor quoted in a story.
_CREDENTIAL = re.compile(rf"(?m)^[ \t]*(?:(?i:written by|by|author:?)\s+)?(?:{_NAME},?\s+{_CRED}\b|Dr\.\s+[A-Z][a-z]+)")
_META_CRED = re.compile(rf"\b{_CRED}\b|\bDr\b")
_REVIEWER = re.compile(
    r"(?i:\b(?:medically|clinically|expert|pharmacist|physician|fact)[- ]?(?:reviewed|checked)\s+by\b)[^\n]{0,80}"
    r"|(?i:\breviewed\s+by\s+)(?:Dr\.?\s+)?[A-Z][^\n]{0,80}",
)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d"
    rf"|\d{{1,2}}\s+{_MONTH},?\s+(?:19|20)\d\d"
    r"|(?:19|20)\d\d-[01]\d-[0-3]\d"
    r"|[01]?\d/[0-3]?\d/(?:19|20)\d\d)"
)
# "(last) updated|reviewed|modified|revised|published|posted|date", then the date; matched against
# page.lower (no re.I). Written to begin with one character class (the first letters of the keywords),
# with each keyword's rest behind a look-behind on that letter, so that the engine skips the other
# characters in C instead of trying the alternation at every position: half the time, same matches as
# r"\b(?:(?:last\s+)?(?:updated|reviewed|modified|revised)|published|posted|date)(?:\s+on)?[:\s]+(DATE)".
_DATED = re.compile(
    r"[lurmpd](?<=\b.)(?:(?<=l)ast\s+(?:updated|reviewed|modified|revised)|(?<=u)pdated|(?<=r)e(?:viewed|vised)"
    r"|(?<=m)odified|(?<=p)(?:ublished|osted)|(?<=d)ate)"
    rf"(?:\s+on)?[:\s]+({_DATE})"
)
_BARE_DATE = re.compile(_DATE)
_YEAR = re.compile(r"(?:19|20)\d\d")
_DOI = re.compile(r"\b10\.\d{4,9}/[^\s\"<>]+")
_REF_HEADING = re.compile(r"(?m)^[ \t]*(?:references|sources|citations|bibliography|works cited|further reading)[ \t]*:?[ \t]*$")
_CITATION_ID = re.compile(r"\bet al\.?(?:,?\s*\(?(?:19|20)\d\d)?|\bPMID:?\s*\d+|\bPMC\d{5,}")
_CITATION_JOURNAL = re.compile(r"\b(?:published|reported)\s+in\s+(?:the\s+)?(?:journal\s+)?[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+){0,5}")
_CITATION_PAREN = re.compile(r"\((?:[A-Z][A-Za-z-]+(?: and [A-Z][A-Za-z-]+)?),?\s+(?:19|20)\d\d\)")
_DISCLOSURE = re.compile(
    r"\b(?:this (?:post|article|page) (?:is|was|contains) (?:sponsored|paid)|sponsored (?:content|post|by)"
    r"|paid (?:partnership|advertisement)|advertis(?:ing|ement) (?:policy|disclosure)|affiliate (?:links?|disclosure)"
    r"|we (?:may )?(?:earn|receive) (?:a )?(?:small )?(?:commission|compensation)|conflicts? of interest"
    r"|financial disclosures?|(?:is|was) funded by|(?:site|website|page|publication) is (?:owned|operated) by"
    r"|owned and operated by|editorial (?:policy|independence))\b",
    # no re.I: matched against page.lower, which is faster
)
_DISCLAIMER = re.compile(
    r"\b(?:not (?:intended )?(?:as |to be )?(?:a )?(?:substitute|replacement) for (?:professional )?(?:medical )?"
    r"(?:advice|diagnosis|treatment|care)|(?:for|provided for) (?:general )?(?:informational|educational|information) "
    r"purposes only|does not (?:provide|constitute|offer) medical advice|not (?:intended|meant) to (?:diagnose|replace)"
    r"|always (?:seek|consult) (?:the advice of )?(?:your|a|with your) (?:doctor|physician|healthcare provider|"
    r"health care provider|pharmacist))",
    # no re.I: matched against page.lower, which is faster
)
_CONTACT_TEXT = re.compile(r"\b(?:contact us|about us|privacy policy|terms of (?:use|service)|editorial (?:team|board))\b")
_CONTACT_LINK = re.compile(r"contact|about|privacy|terms|editorial|imprint|impressum|who-we-are|our-team", re.I)
_CONTACT_WORDS = tuple(_CONTACT_LINK.pattern.split("|"))  # the same words, for lower-cased text
_GOOD_HOST = re.compile(
    r"(?:\.gov|\.edu|\.ac\.[a-z]{2}|\.gov\.[a-z]{2}|\.nhs\.uk|who\.int|nih\.gov|doi\.org|cochranelibrary\.com|"
    r"nejm\.org|thelancet\.com|jamanetwork\.com|bmj\.com|nature\.com|sciencedirect\.com|springer\.com|"
    r"wiley\.com|plos\.org|europepmc\.org|clinicaltrials\.gov|dailymed\.nlm\.nih\.gov|ema\.europa\.eu)$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Marker:
    """One marker: present or not, and where in the text (``start == -1`` when only in metadata or links)."""

    name: str
    present: bool
    start: int = -1
    end: int = -1
    detail: str = ""


# The featurizer and the detector both need the markers of the same page; one-entry cache, keyed by identity.
_last: tuple[Page | None, dict[str, Marker]] = (None, {})


def markers(page: Page) -> dict[str, Marker]:
    """Every credibility marker of ``page``, present or absent (see :data:`MARKERS`).

    Parameters
    ----------
    page : Page
        A parsed page (metadata and navigation links are used when it came from HTML).

    Returns
    -------
    dict of str to Marker
        One entry per name in :data:`MARKERS`.

    Examples
    --------
    >>> from classifier.page import parse
    >>> m = markers(parse("By Jane Roe, MD\\nUpdated: March 3, 2024\\nText."))
    >>> m["author"].present, m["credentials"].present, m["date"].present
    (True, True, True)
    """
    global _last
    if not isinstance(page, Page):
        raise TypeError(f"markers expects a Page, got {type(page).__name__}")
    cached_page, cached = _last
    if cached_page is page:
        return cached
    found = _markers(page)
    _last = (page, found)
    return found


def page_age_years(page: Page, today: date | None = None) -> float | None:
    """Years since the most recent date found in metadata or the page head (``None`` when there is none)."""
    years = [int(y) for v in (page.meta.get("modified"), page.meta.get("published")) if v
             for y in _YEAR.findall(str(v))[:1]]
    m = markers(page)["date"]
    if m.start >= 0:
        years += [int(y) for y in _YEAR.findall(page.text[m.start:m.end])[:1]]
    if not years:
        return None
    today = today or date.today()
    return max(0.0, float(today.year - max(years)))


# --------------------------------------------------------------------------------------------------
# private computation


def _span(m: re.Match[str] | None, group: int = 0) -> tuple[int, int]:
    return (m.start(group), m.end(group)) if m is not None else (-1, -1)


def _marker(name: str, m: re.Match[str] | None, meta_value: object = None, detail: str = "") -> Marker:
    start, end = _span(m)
    present = m is not None or bool(meta_value)
    return Marker(name, present, start, end, detail or (str(meta_value)[:80] if meta_value else ""))


def _host(href: str) -> str:
    """The lower-cased host name of ``href`` (``""`` when it has none), exactly as ``urlsplit`` reads it."""
    # Most links are plain "http(s)://host/...": their host is the text up to the first "/", "?" or "#",
    # read here with string operations; anything else (brackets, white space to strip, other schemes,
    # non-ASCII) takes urlsplit.
    m = _HTTP_NETLOC.match(href)
    if m is not None and m.group(1).isascii():
        return m.group(1).rpartition("@")[2].partition(":")[0].lower()
    try:
        return (urlsplit(href).hostname or "").lower()
    except ValueError:
        return ""


_HTTP_NETLOC = re.compile(r"https?://([^/?#\[\]\t\r\n]*)(?![^/?#])")


@lru_cache(maxsize=4096)
def _good_host(host: str) -> bool:
    # Pages link their own host and a few others over and over: one regex search per distinct host.
    return bool(host) and bool(_GOOD_HOST.search(host) or "pubmed" in host or "ncbi" in host)


def _path(href: str) -> str:
    try:
        return urlsplit(href).path if "//" in href else href
    except ValueError:
        return ""


# Words without which the pattern of the same name cannot match (cheap `in` tests before a regex scan).
_DATE_KEYS = ("updated", "reviewed", "modified", "revised", "published", "posted", "date")
_DATE_STARTS = ("last", *_DATE_KEYS)  # the words a _DATED match begins with
_DISCLOSURE_KEYS = ("sponsored", "paid", "advertis", "affiliate", "commission", "compensation", "conflict",
                    "disclosure", "funded by", "owned", "editorial")
_DISCLAIMER_KEYS = ("substitute", "replacement", "purposes only", "medical advice", "intended to", "meant to",
                    "always seek", "always consult")


def _gated(pattern: re.Pattern[str], low: str, keys: tuple[str, ...]) -> re.Match[str] | None:
    return pattern.search(low) if any(k in low for k in keys) else None


def _bare_date(low: str) -> re.Match[str] | None:
    """A date near the top of the page, looked for only around the four-digit years found there."""
    for y in _YEAR.finditer(low, 0, _HEAD_CHARS):
        m = _BARE_DATE.search(low, max(0, y.start() - 20), y.end())
        if m is not None:
            return m
    return None


def _citation(text: str, low: str) -> re.Match[str] | None:
    if "et al" in low or "pmid" in low or "pmc" in low:
        m = _CITATION_ID.search(text)
        if m is not None:
            return m
    if "published in" in low or "reported in" in low:
        m = _CITATION_JOURNAL.search(text)
        if m is not None:
            return m
    return _CITATION_PAREN.search(text) if "(" in text else None


_CONTACT_KEYS = ("contact us", "about us", "privacy policy", "terms of ", "editorial ")
_REF_HEADING_KEYS = ("references", "sources", "citations", "bibliography", "works cited", "further reading")
# A good host's lower-cased href holds one of these (each alternative of _GOOD_HOST, plus "pubmed"/"ncbi").
_GOOD_HOST_PARTS = (".gov", ".edu", ".ac.", ".nhs.uk", "who.int", "doi.org", "cochranelibrary.com", "nejm.org",
                    "thelancet.com", "jamanetwork.com", "bmj.com", "nature.com", "sciencedirect.com", "springer.com",
                    "wiley.com", "plos.org", "europepmc.org", "ema.europa.eu", "pubmed", "ncbi")


def _doi(text: str) -> re.Match[str] | None:
    """``_DOI.search(text)``, tried only where "10." occurs."""
    pos = text.find("10.")
    while pos >= 0:
        m = _DOI.match(text, pos)
        if m is not None:
            return m
        pos = text.find("10.", pos + 1)
    return None


def _good_link_candidates(links: tuple[Link, ...]) -> list[Link] | tuple[Link, ...]:
    """The links whose host could be a good one, in order: those whose href names a good domain at all.

    A host is a piece of its href, so one search over every href (joined by NUL, lower-cased) picks
    them out, instead of splitting every URL. As for contact links, tab/CR/LF (deleted by urlsplit),
    the letters re.I folds differently from str.lower, and NULs inside hrefs keep every link.
    """
    low = _joined_lower([link.href for link in links])
    if low is None:
        return links
    out: list[Link] = []
    index = counted = 0
    last = -1
    for start in occurrences(low, _GOOD_HOST_PARTS):
        index += low.count("\0", counted, start)
        counted = start
        if index != last:
            out.append(links[index])
            last = index
    return out


def _joined_lower(parts: list[str]) -> str | None:
    """``parts`` joined by NUL and lower-cased, for one case-sensitive search over all of them.

    ``None`` when such a search could read differently from a case-insensitive regex or ``urlsplit``
    on each part: no parts, NULs inside them, tab/CR/LF (urlsplit deletes them, which can join a word),
    or "İ", "ı", "ſ" (which re.I folds onto ASCII letters and str.lower does not).
    """
    blob = "\0".join(parts)
    if (not parts or blob.count("\0") != len(parts) - 1 or "\t" in blob or "\r" in blob or "\n" in blob
            or "\u0130" in blob or "\u0131" in blob or "\u017f" in blob):
        return None
    return blob.lower()


def _contact_link(links: tuple[Link, ...]) -> Link | None:
    """The first link whose anchor or path names a contact, about, privacy ... page."""
    # One search over all anchors and hrefs (joined by NUL) instead of a regex and a URL split per link:
    # a path is a piece of its href, so links before the first hit cannot match. The lower-cased,
    # case-sensitive search equals the case-insensitive one unless the text holds one of the three
    # letters that re.I folds onto ASCII but str.lower does not; urlsplit deletes tab/CR/LF (which
    # could join a word in the path). Those cases, and NULs inside links, take the plain loop.
    low = _joined_lower([part for link in links for part in (link.anchor, link.href)])
    if low is None:
        return _contact_link_per_link(links)
    pos = counted = index = 0  # index: which anchor or href (alternately) holds position ``counted``
    while True:
        hits = [i for i in (low.find(word, pos) for word in _CONTACT_WORDS) if i >= 0]
        if not hits:
            return None
        start = min(hits)  # where the regex search would find its first match
        index += low.count("\0", counted, start)
        counted = start
        link = links[index // 2]
        if index % 2 == 0 or _CONTACT_LINK.search(_path(link.href)):
            return link  # the anchor, or the href's path (not its host)
        pos = low.find("\0", start) + 1
        if pos == 0:
            return None


def _contact_link_per_link(links: tuple[Link, ...]) -> Link | None:
    for link in links:
        if _CONTACT_LINK.search(link.anchor) or _CONTACT_LINK.search(_path(link.href)):
            return link
    return None


def _markers(page: Page) -> dict[str, Marker]:
    text, meta = page.text, page.meta
    head = text[:_HEAD_CHARS]
    byline = _BYLINE.search(head)
    out = {"author": _marker("author", byline, meta.get("author"))}
    author_meta = str(meta.get("author") or "")
    meta_cred = author_meta if _META_CRED.search(author_meta) else None
    low = page.lower  # same length as text: spans carry over
    # Cheap substring gates first: most pages lack most markers, and a failed regex search scans the
    # whole text at every position.
    cred = _CREDENTIAL.search(head) if _CRED_HINT.search(head) else None
    out["credentials"] = _marker("credentials", cred, meta_cred)
    reviewer = _REVIEWER.search(text) if ("reviewed" in low or "checked by" in low) else None
    out["reviewer"] = _marker("reviewer", reviewer, meta.get("reviewer"))
    has_year = _YEAR.search(low) is not None
    dated = (next(matches_at(_DATED, low, occurrences(low, _DATE_STARTS)), None) or _bare_date(low)) if has_year else None
    out["date"] = _marker("date", dated, meta.get("modified") or meta.get("published"))

    ref = ((_REF_HEADING.search(low) if any(k in low for k in _REF_HEADING_KEYS) else None)
           or _doi(text) or _citation(text, low))
    if ref is not None:
        out["references"] = _marker("references", ref)
    else:
        n_good = 0
        good_start = good_end = -1
        for link in _good_link_candidates(page.links):
            if _good_host(_host(link.href)):
                n_good += 1
                if good_start < 0 and link.start >= 0:
                    good_start, good_end = link.start, link.end
        if good_start >= 0:
            out["references"] = Marker("references", True, good_start, good_end, "link to a primary or official source")
        else:
            out["references"] = Marker("references", n_good > 0 or bool(meta.get("doi")),
                                       detail=str(meta.get("doi") or ""))

    out["disclosure"] = _marker("disclosure", _gated(_DISCLOSURE, low, _DISCLOSURE_KEYS))
    out["disclaimer"] = _marker("disclaimer", _gated(_DISCLAIMER, low, _DISCLAIMER_KEYS))
    contact = _CONTACT_TEXT.search(low) if any(k in low for k in _CONTACT_KEYS) else None
    if contact is None:
        link = _contact_link(page.links)
        if link is not None:
            out["contact"] = Marker("contact", True, link.start, link.end, link.href[:80])
        else:
            out["contact"] = Marker("contact", False)
    else:
        out["contact"] = _marker("contact", contact)
    return out


_PRESENT_MESSAGES = {
    "author": "The page names its author.",
    "credentials": "The author's professional credentials are given.",
    "reviewer": "The page says it was reviewed by a medical professional.",
    "date": "The page says when it was published or updated.",
    "references": "The page cites sources (references, studies or official sites).",
    "disclosure": "The page discloses ownership, sponsorship, funding or advertising.",
    "disclaimer": "The page says it is not a substitute for professional medical advice.",
    "contact": "The page points to contact, about or privacy information.",
}
_MISSING = {
    "author": (0.1, "Nobody is named as the author of this page, so its expertise cannot be checked."),
    "date": (0.1, "The page gives no date of publication or update, so readers cannot tell if its drug information is current."),
    "references": (0.15, "The page makes claims about drugs without citing any source."),
}


class ProvenanceMarkers(Detector):
    """Credibility markers present (zero severity, for the reader) and, on drug pages, missing ones (low severity)."""

    name = "provenance_markers"
    family = "provenance"

    def detect(self, page: Page) -> list[Flag]:
        try:
            found = markers(page)
        except Exception:  # noqa: BLE001 - a marker regex must never cost the page its other flags
            return []
        flags: list[Flag] = []
        for name in MARKERS:
            mk = found[name]
            if mk.present and 0 <= mk.start < mk.end <= len(page.text) and page.text[mk.start:mk.end].strip():
                flags.append(make_flag(page, f"provenance.has_{name}", mk.start, mk.end, 0.0, _PRESENT_MESSAGES[name]))
        missing = [n for n in _MISSING if not found[n].present]
        if missing and _reader_would_care(page):
            start, end = _first_line(page.text)
            if end > start:
                for name in missing:
                    severity, message = _MISSING[name]
                    flags.append(make_flag(page, f"provenance.missing_{name}", start, end, severity, message))
        return flags


def _reader_would_care(page: Page) -> bool:
    """A page of some length that names a drug: the kind of page where provenance decides trust."""
    if page.n_words < _MIN_WORDS_FOR_MISSING:
        return False
    from ..drugs import dictionary

    return bool(dictionary().find(page.text[:20000], lower=page.lower[:20000]))


def _first_line(text: str) -> tuple[int, int]:
    """Span of the first non-empty line (the title, on scraped pages): where a missing marker would be expected."""
    m = re.search(r"\S[^\n]*", text)
    if m is None:
        return (0, 0)
    return m.start(), min(m.end(), m.start() + 200)


DETECTORS: tuple[Detector, ...] = (ProvenanceMarkers(),)
