"""Claim checking: the sentences of a page that claim something about a drug, compared with the reference facts.

:func:`check_claims` returns one :class:`~classifier.results.ClaimCheck` per (sentence, drug) that makes
a recognisable claim (verdict ``supported``, ``contradicted`` or ``unsupported``, with the deciding fact
and its source) and the ``claims.*`` flags:

- ``claims.contradicted``: a claim the reference contradicts (wrong mechanism, wrong class, wrong
  schedule, a denied labelled risk, a half-life far off, an efficacy claim refuted by regulators);
- ``claims.unsupported``: a benefit claim no reference backs (neuroprotection, cortisol, detox, cures ...);
- ``claims.benefit_only``: a page that promotes a drug's benefits and never mentions its key risks;
- ``claims.overstated``: certainty far beyond the evidence (absolutes, or boosters on unbacked claims).

The matching itself lives in :mod:`classifier.claimcheck`; everything is compiled once when the facts load.
"""

from __future__ import annotations

from collections.abc import Sequence

from .facts import FactBase
from .page import Page
from .results import VERDICTS, ClaimCheck, Flag

FLAG_CODES = ("claims.contradicted", "claims.unsupported", "claims.benefit_only", "claims.overstated")


def check_claims(page: Page, facts: FactBase) -> tuple[list[ClaimCheck], list[Flag]]:
    """Claims about drugs on ``page`` compared with ``facts``, and the ``claims.*`` flags they raise.

    Parameters
    ----------
    page : Page
        A parsed page.
    facts : FactBase
        From :func:`classifier.facts.load_facts`.

    Returns
    -------
    (list of ClaimCheck, list of Flag)
        Flag evidence is the claim sentence (``page.text[start:end]``).

    Examples
    --------
    >>> from classifier.page import parse
    >>> from classifier.facts import load_facts
    >>> checks, flags = check_claims(parse("Valium works by increasing GABA levels in the brain."), load_facts())
    >>> [(c.drug, c.verdict, c.claim_type) for c in checks]
    [('diazepam', 'contradicted', 'mechanism')]
    """
    if not isinstance(page, Page):
        raise TypeError(f"check_claims expects a Page, got {type(page).__name__}")
    if not isinstance(facts, FactBase):
        raise TypeError(f"check_claims expects a FactBase, got {type(facts).__name__}")
    if not facts.drugs or not page.text:
        return [], []
    from .claimcheck.checker import check_page

    return check_page(page, facts.index)


def claim_features(claims: Sequence[ClaimCheck], flags: Sequence[Flag]) -> dict[str, float]:
    """Numeric page features from claim checks and ``claims.*`` flags (keys start with ``claims_``).

    Counts and shares of each verdict, of benefit and risk claims, the number of drugs discussed, and
    the counts of each ``claims.*`` flag.
    """
    n = len(claims)
    out: dict[str, float] = {"claims_n": float(n)}
    for v in VERDICTS:
        k = sum(1 for c in claims if c.verdict == v)
        out[f"claims_{v}"] = float(k)
        out[f"claims_frac_{v}"] = k / n if n else 0.0
    benefit = sum(1 for c in claims if c.claim_type in ("benefit", "indication", "effect"))
    risk = sum(1 for c in claims if c.claim_type in ("risk", "interaction"))
    out["claims_benefit"] = float(benefit)
    out["claims_risk"] = float(risk)
    out["claims_risk_share"] = risk / (risk + benefit) if risk + benefit else 0.0
    out["claims_n_drugs"] = float(len({c.drug for c in claims}))
    for code in FLAG_CODES:
        out[f"claims_flag_{code.split('.', 1)[1]}"] = float(sum(1 for f in flags if f.code == code))
    return out
