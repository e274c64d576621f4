"""Featurize: one named numeric vector per page, from flags, claim verdicts, markers and text statistics.

Flag features are built generically from each flag's family and code, so a new detector code becomes
a feature at the next training without any change here:

- per family (``fam_<family>_n``, ``_sev_max``, ``_per_kw``: count, maximum severity, count per 1,000
  words) over flags with severity > 0 (zero-severity flags are markers that
  a page *has*, not problems; they enter through ``marker_*``);
- per code (``code_<code>``: count; a rate per code would only repeat the family rate's information);
- totals (``flags_n``, ``flags_sev_sum``, ``flags_sev_max``).

Claim features: verdict counts and ratios (``verdict_*``) plus whatever ``classifier.claims.claim_features``
adds (``claims_*``); garble scores from ``classifier.detectors.garble.garble_scores`` (``garble_*``). Both are
looked up at call time and skipped when absent, so the featurizer works while those modules evolve.

Word rates (``tok_<word>``, per 1,000 words, drug names left out): the raw material of an optional,
compact text component; :class:`~classifier.training.FeatureVectorizer` keeps at most ``max_tokens`` of them.

A value may be NaN, meaning *unknown*: a marker carried by metadata or links, on a page that came as
plain text. The model gives unknown values their neutral place (see ``FeatureVectorizer``), so they
neither raise nor lower the score.

Text statistics: length, sentence length, long words, a Flesch reading-ease estimate, second- and
first-person address, superlatives and hype words, exclamation and question marks, capitals, hedges,
boosters, numbers, quotations and attributions ("said", "according to"), per 1,000 words.

This module imports neither scikit-learn nor pandas (scikit-learn imports pandas when it is installed):
scoring needs only these dicts. The transformers that turn them into a matrix for training,
:class:`~classifier.training.FeatureVectorizer` and :class:`~classifier.training.SignedLog1p`, live in
:mod:`classifier.training`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence

from .page import Page
from .results import VERDICTS, ClaimCheck, Flag

TOKEN_PREFIX = "tok_"
_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?")
# Same count as r"\b[A-Z]{3,}\b", written to begin with a character class so the regex engine skips
# ahead in C instead of trying every position (about 0.1 ms a page).
_CAPS_WORD = re.compile(r"[A-Z](?<=\b[A-Z])[A-Z]{2,}\b")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_QUOTES = ('"', "“", "”")
# Vowel groups ("[aeiouy]+") are counted on the UTF-8 bytes: every other character, ASCII or not,
# becomes a space (the bytes of a non-ASCII character are all >= 0x80, so none is a vowel), every
# vowel a "v", and a group is where a "v" follows a space or opens the text. Bytes and C, not a regex
# match per group (about 0.1 ms a page).
_VOWEL_BYTES = bytes(0x76 if chr(b) in "aeiouy" else 0x20 for b in range(256))

# Small word lists written for this featurizer (style cues studied in health-misinformation research:
# hype and certainty versus hedged, attributed reporting).
_LEXICON = {
    "second_person": "you your yours yourself yourselves",
    "first_person": "i me my we our us",
    "superlative": (
        "best greatest most amazing incredible miracle miraculous revolutionary breakthrough secret shocking "
        "guaranteed instantly instant ultimate perfect powerful astonishing unbelievable remarkable cure cures "
        "cured magic natural naturally toxic toxins detox"
    ),
    "hedge": (
        "may might could possibly perhaps likely unlikely suggest suggests suggested appear appears seem seems "
        "uncertain unclear approximately estimated generally typically often usually some risk risks"
    ),
    "booster": (
        "clearly definitely certainly undoubtedly always never proven proves prove absolutely obviously truly "
        "completely totally entirely fact facts indeed undeniable everyone nobody"
    ),
    "attribution": "said says according told reported study studies researchers research published trial trials",
    "caution": (
        "side effects risk risks dependence addiction withdrawal overdose prescription doctor physician "
        "healthcare provider consult warning warnings interaction interactions contraindicated"
    ),
    "conspiracy": (
        "mainstream censored censorship truth hidden coverup agenda globalist globalists elite elites plandemic "
        "sheeple propaganda establishment pharma depopulation tyranny"
    ),
}
_LEX_SETS = {name: frozenset(words.split()) for name, words in _LEXICON.items()}


def page_features(page: Page, flags: Sequence[Flag], claims: Sequence[ClaimCheck], *,
                  tokens: bool = True) -> dict[str, float]:
    """Named numeric features of one scored page.

    Parameters
    ----------
    page : Page
        The parsed page.
    flags : sequence of Flag
        Every flag raised on the page (detectors and claim checks).
    claims : sequence of ClaimCheck
        The claim checks of the page.
    tokens : bool, default=True
        Add the word features (``tok_*``). Training needs them to choose a vocabulary; scoring with a
        model that uses none of them skips them (a feature per distinct word of the page).

    Returns
    -------
    dict of str to float
        Feature name → value; only features that apply are present (absent means 0).

    Examples
    --------
    >>> from classifier.page import parse
    >>> f = page_features(parse("You must try this amazing cure! It works."), [], [])
    >>> f["n_words"], f["second_person_per_kw"] > 0
    (8.0, True)
    """
    if not isinstance(page, Page):
        raise TypeError(f"page_features expects a Page, got {type(page).__name__}")
    kw = max(page.n_words, 1) / 1000.0
    out: dict[str, float] = {}
    out.update(_flag_features(flags, kw))
    out.update(_claim_features(claims, flags, kw))
    out.update(_marker_features(page))
    counts = _word_counts(page)
    out.update(_text_features(page, kw, counts))
    out.update(_drug_features(page, kw))
    out.update(_optional_features(page, flags, claims))
    if tokens:
        out.update(_token_features(kw, counts))
    return out


# --------------------------------------------------------------------------------------------------
# private computation


def _flag_features(flags: Sequence[Flag], kw: float) -> dict[str, float]:
    out: dict[str, float] = {}
    total = sev_sum = sev_max = 0.0
    for f in flags:
        if f.severity <= 0:
            continue
        fam = f"fam_{f.family}"
        out[f"{fam}_n"] = out.get(f"{fam}_n", 0.0) + 1
        out[f"{fam}_sev_max"] = max(out.get(f"{fam}_sev_max", 0.0), f.severity)
        code = f"code_{f.code}"
        out[code] = out.get(code, 0.0) + 1
        total += 1
        sev_sum += f.severity
        sev_max = max(sev_max, f.severity)
    for key in [k for k in out if k.endswith("_n") and k.startswith("fam_")]:
        out[key[:-2] + "_per_kw"] = out[key] / kw
    out["flags_n"] = total
    out["flags_sev_sum"] = sev_sum
    out["flags_sev_max"] = sev_max
    return out


def _claim_features(claims: Sequence[ClaimCheck], flags: Sequence[Flag], kw: float) -> dict[str, float]:
    n = len(claims)
    out = {"verdict_n": float(n), "verdict_per_kw": n / kw}
    for v in VERDICTS:
        k = sum(1 for c in claims if c.verdict == v)
        out[f"verdict_{v}"] = float(k)
        out[f"verdict_{v}_ratio"] = k / n if n else 0.0
    return out


#: Markers carried by HTML metadata or links (author and date tags, cited links, contact pages).
UNKNOWN_ON_TEXT = ("author", "date", "references", "contact")


def _marker_features(page: Page) -> dict[str, float]:
    try:
        from .detectors.provenance import markers
    except ImportError:  # pragma: no cover - the module is part of the package
        return {}
    found = markers(page)
    out = {f"marker_{name}": float(m.present) for name, m in found.items()}
    out["marker_count"] = float(sum(m.present for m in found.values()))
    if not page.is_html:
        # Plain text has lost the page's metadata and link targets, and main-text extraction drops bylines
        # and date lines: a marker that lives there, not found, is unknown (NaN, which the model treats as
        # neutral), not absent. Found in the text, it is present all the same.
        for name in UNKNOWN_ON_TEXT:
            if not out.get(f"marker_{name}"):
                out[f"marker_{name}"] = math.nan
                # A count with an unknown term is unknown: on text, 0 found would otherwise read as "no
                # markers at all", the value of a bare HTML page with every tag looked at.
                out["marker_count"] = math.nan
    return out


def _text_features(page: Page, kw: float, counts: Mapping[str, int]) -> dict[str, float]:
    text = page.text
    n_tokens = sum(counts.values())
    n = max(n_tokens, 1)
    n_sent = max(len(page.sentences), 1)
    long_words = sum(c for w, c in counts.items() if len(w) >= 7)
    # Syllables as vowel groups over the whole text, one pass: a cheap estimate, good enough for a
    # readability trend across pages.
    syllables = max(_vowel_groups(page.lower), n_tokens)
    out = {
        "n_words": float(page.n_words),
        "words_per_sentence": n_tokens / n_sent,
        "long_word_ratio": long_words / n,
        "flesch_reading_ease": 206.835 - 1.015 * (n_tokens / n_sent) - 84.6 * (syllables / n),
        "exclamation_per_kw": text.count("!") / kw,
        "question_per_kw": text.count("?") / kw,
        "caps_words_per_kw": len(_CAPS_WORD.findall(text)) / kw,
        "numbers_per_kw": len(_NUMBER.findall(text)) / kw,
        "quotes_per_kw": sum(map(text.count, _QUOTES)) / kw,
        "links_per_kw": len(page.text_links) / kw,
    }
    for name, lex in _LEX_SETS.items():
        out[f"{name}_per_kw"] = sum(counts.get(w, 0) for w in lex) / kw
    return out


def _vowel_groups(low: str) -> int:
    """The number of runs of a, e, i, o, u, y in ``low`` (``len(re.findall("[aeiouy]+", low))``)."""
    marks = low.encode("utf-8", "surrogatepass").translate(_VOWEL_BYTES)
    return marks.count(b" v") + marks.startswith(b"v")


def _drug_features(page: Page, kw: float) -> dict[str, float]:
    """How much the page is about drugs. Not a credibility signal in itself: it lets the model tell drug
    pages from general news, so that claim counts (which only drug pages have) are not read as a verdict."""
    try:
        from .drugs import dictionary

        mentions = dictionary().find(page.text, lower=page.lower)
    except Exception:  # noqa: BLE001 - without the dictionary the features are simply absent
        return {}
    return {"drug_mentions_per_kw": len(mentions) / kw, "drug_distinct": float(len({m.drug for m in mentions})),
            "drug_page": float(len(mentions) >= 3)}


def _word_counts(page: Page) -> dict[str, int]:
    # Counter counts in C; a Python loop over every token was most of this stage.
    return Counter(_WORD.findall(page.lower))


def _token_features(kw: float, counts: Mapping[str, int]) -> dict[str, float]:
    """Every word's rate per 1,000 words as ``tok_<word>``; the model keeps a small vocabulary of them.

    Drug names are left out: a drug name alone says nothing about credibility, and a model that learnt
    "this drug's pages were unreliable in training" would judge new pages by the drug they discuss.
    """
    skip = _drug_words()
    return {TOKEN_PREFIX + w: c / kw for w, c in counts.items() if w not in skip and len(w) > 1}


_DRUG_WORDS: frozenset[str] | None = None


def _drug_words() -> frozenset[str]:
    global _DRUG_WORDS
    if _DRUG_WORDS is None:
        try:
            from .drugs import dictionary

            _DRUG_WORDS = frozenset(w for name in dictionary().names() for w in name.split())
        except Exception:  # noqa: BLE001 - without the dictionary, keep every word rather than fail
            _DRUG_WORDS = frozenset()
    return _DRUG_WORDS


def _optional_features(page: Page, flags: Sequence[Flag], claims: Sequence[ClaimCheck]) -> dict[str, float]:
    """Features exposed by the claim checker and the garble detector, when they provide them."""
    out: dict[str, float] = {}
    for module, attr, args in (("classifier.claims", "claim_features", (claims, flags)),
                               ("classifier.detectors.garble", "garble_scores", (page, flags))):
        try:
            import importlib

            fn = getattr(importlib.import_module(module), attr, None)
        except ImportError:
            fn = None
        if fn is None:
            continue
        try:
            extra = fn(*args)
        except Exception:  # noqa: BLE001 - an optional feature source must not fail the page
            continue
        for k, v in dict(extra).items():
            try:
                fv = float(v)
            except (TypeError, ValueError):
                continue
            if math.isfinite(fv):
                out[str(k)] = fv
    return out
