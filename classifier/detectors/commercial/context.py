"""Per-page context, computed once and shared by every commercial detector: drug mentions, main drug, disguises."""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from ...drugs import Mention
from ...page import Page
from ._shared import _DESIGNER, _DRUGS, _RX, DESIGNER_PREFIX
from .disguise import _DISGUISES, _Disguise


@dataclass(frozen=True, slots=True)
class _Context:
    mentions: tuple[Mention, ...]
    rx: tuple[Mention, ...]
    main_drug: str | None  # the most mentioned prescription drug (3+ mentions), if any
    # The buy and pharmacy rules read disguised names too, so that "Order P.e.r.c.o.c.e.t" is a buy
    # phrase and "Tr4m4dol 100mg" a product listing.
    disguised: tuple[_Disguise, ...] = ()
    # Prescription-drug names, plain or disguised, in page order: what selling words must sit near. A spam
    # mail that only names "X@nax" and "V1agra" sells them as surely as one that spells them out.
    named: tuple[Mention, ...] = ()


_last: tuple[weakref.ref, _Context] | None = None
# The stems of designer names, looked for (by str.find) before the pattern runs: most pages hold none.
_DESIGNER_STEMS = ("zolam", "zepam", "nitazene", "fentan")


def _designer(page: Page, mentions: tuple[Mention, ...]) -> tuple[Mention, ...]:
    """Designer benzodiazepines and opioids the dictionary does not list ("Bromazolam pellets"), as named drugs: a
    research-chemical shop sells them with the same words as a pharmacy sells the listed ones."""
    low = page.lower
    if not any(stem in low for stem in _DESIGNER_STEMS):
        return ()
    known = {(m.start, m.end) for m in mentions}
    return tuple(Mention(m.start(), m.end(), DESIGNER_PREFIX + low[m.start():m.end()], m.group(), "designer")
                 for m in _DESIGNER.finditer(page.text) if (m.start(), m.end()) not in known)


def _context(page: Page) -> _Context:
    # One page is scored by every detector in turn; keep the last page's context (a weak reference so
    # that a recycled id() can never hand one page another page's mentions).
    global _last
    entry = _last
    if entry is not None and entry[0]() is page:
        return entry[1]
    mentions = tuple(_DRUGS.find(page.text, lower=page.lower))
    rx = tuple(m for m in mentions if m.drug in _RX)
    counts: dict[str, int] = {}
    for m in rx:
        counts[m.drug] = counts.get(m.drug, 0) + 1
    main = max(counts, key=counts.__getitem__) if counts else None
    disguised = _DISGUISES.find(page)
    named = rx
    designer = _designer(page, mentions)
    if disguised or designer:
        named = tuple(sorted((*rx, *designer, *(Mention(d.start, d.end, d.drug, page.text[d.start:d.end], "disguised")
                                                for d in disguised)), key=lambda m: m.start))
    ctx = _Context(mentions, rx, main if main and counts[main] >= 3 else None, disguised, named)
    _last = (weakref.ref(page), ctx)
    return ctx


def _near(ctx: _Context, start: int, end: int, window: int = 300) -> Mention | None:
    """The nearest prescription-drug name (plain or disguised) within ``window`` characters of a span."""
    best, dist = None, window + 1
    for m in ctx.named:
        d = max(0, m.start - end, start - m.end)
        if d < dist:
            best, dist = m, d
    return best
