"""Page and link addresses: trusted domains, locator pages, drugs named in a domain or a shop slug."""

from __future__ import annotations

import re
import weakref
from functools import lru_cache
from urllib.parse import urlsplit

from ...page import Link, Page
from ._shared import _DESIGNER, _DRUGS, _LEXICON, DESIGNER_PREFIX

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
        if _DESIGNER.fullmatch(tok):
            return DESIGNER_PREFIX + tok  # a research-chemical shop's slug ("/bromazolam-1mg")
        if len(tok) > 6:
            for start, end, drug_id, _ in _DRUGS.scan(tok):
                if end - start >= 5:
                    rest = tok[:start] + tok[end:]
                    if rest and any(rest.startswith(s) or rest.endswith(s) for s in _SELL_TOKENS | {"online", "now"}):
                        return drug_id
    return None


# Words a shop puts in its own domain; narrower than _HOST_SELL, which only confirms a drug named beside them.
# "Pharmacy" in Dutch and German (apotheek, apotheke), Spanish, Italian and Portuguese (farmacia), Polish (apteka):
# a signature's arrow points at such a shop whatever language the post is in.
_HOST_SHOP = ("shop", "store", "pharm", "pills", "meds", "rx", "apothe", "farmac", "apteka")


def _shop_address(host: str, path: str) -> bool:
    """An address that names itself a shop: shop words in its domain or a selling word as a whole word of its
    path ("medbarn.example/store"), whatever the drug."""
    if _trusted(host):
        return False
    return any(w in host for w in _HOST_SHOP) or bool(_SELL_TOKENS.intersection(re.findall(r"[a-z]+", path)))


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


# An anchor that sells the drug it names: a buy verb, price or strength, or the words injected spam anchors use.
_SOLD_ANCHOR = re.compile(r"\b(?:buy|order|purchase|shop|cheap(?:est)?|discount(?:ed)?|online|overnight|generic|cod|for\s+sale|"
                          r"no\s+(?:prescription|rx)|without\s+(?:a\s+)?(?:prescription|rx)|(?:best|lowest)\s+prices?)\b|"
                          r"\d\s?(?:mg|mcg)\b|[$€£]\s?\d", re.I)


def _sold_link(link: Link) -> bool:
    """A link that sells a drug: its address sells one, or its anchor names one with selling words."""
    host, path = _host_path(link.href)
    if not host or _trusted(host):
        return False
    if _url_sells(host, path):
        return True
    return bool(_SOLD_ANCHOR.search(link.anchor)) and bool(_DRUGS.find(link.anchor))


# The pharmacy and drug-mix detectors both read a page's hidden shop links: the last page's are kept (a weak
# reference, as for the detectors' shared context, so a recycled id() never hands one page another's links).
_last_hidden: tuple[weakref.ref, list[tuple[Link, tuple[Link, ...]]]] | None = None


def _hidden_shop_links(page: Page) -> list[tuple[Link, tuple[Link, ...]]]:
    global _last_hidden
    if _last_hidden is not None and _last_hidden[0]() is page:
        return _last_hidden[1]
    out = _find_hidden_shop_links(page)
    _last_hidden = (weakref.ref(page), out)
    return out


def _find_hidden_shop_links(page: Page) -> list[tuple[Link, tuple[Link, ...]]]:
    """Each selling link in the page's text with the selling links to the same host that the page keeps out of its
    text (a ``display:none`` block, a footer the parser drops as boilerplate).

    Injected spam shows one anchor in an article and hides a dozen more to the same shop; what the hidden ones offer
    (no prescription, overnight delivery, drugs for every market) is that shop's pitch, and the visible anchor is the
    place in the text that shows it. A page whose shop links are all hidden has no such place and gets no flag."""
    # The few selling links in the text first: most pages have none, and then the links outside it are not read.
    shown = [(link, _host_path(link.href)[0]) for link in page.text_links if _sold_link(link)]
    if not shown:
        return []
    hosts = {host for _, host in shown}
    hidden = [(link, host) for link in page.links if link.start < 0 and link.anchor
              and (host := _host_path(link.href)[0]) in hosts and _sold_link(link)]
    out = []
    for link, host in shown:
        same = tuple(h for h, h_host in hidden if h_host == host)
        if same:
            out.append((link, same))
    return out
