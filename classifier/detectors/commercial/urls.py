"""Page and link addresses: trusted domains, locator pages, drugs named in a domain or a shop slug."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

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
