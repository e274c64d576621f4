"""Train the credibility model: ``healthcred train`` / ``python -m classifier.training``.

Steps:

1. load the labelled data by path (:mod:`classifier.datasets`): ReCOVery, HealthStory and the dev split
   of the project's own pages (the held-out split is never trained on);
2. featurize every document by running the real pipeline stages (parse → detectors → claim check →
   :func:`~classifier.features.page_features`), cached on disk under ``.feature-cache/`` (git-ignored by
   the ``.gitignore`` it writes into itself) and keyed by the data file's and the code's sha256, so a
   retraining after a detector change recomputes and one without reuses;
3. fit ``FeatureVectorizer → SignedLog1p → StandardScaler → CalibratedClassifierCV(LogisticRegression)``,
   calibration folds grouped by publisher / site / drug;
4. choose the band thresholds on out-of-fold predictions of the dev pages (3-class macro-F1);
5. evaluate (:mod:`classifier.evaluation.model`) and write ``models/credibility.joblib`` and its manifest.

Questionable pages are a soft target: each enters twice, once as credible and once as not, with half
its weight each, which is the cross-entropy of the label 0.5. The model therefore learns to put them in
the middle, where the band thresholds can find them, without a third class the news data lack.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import math
import platform
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, OneToOneFeatureMixin, TransformerMixin
from sklearn.utils.validation import check_is_fitted, validate_data

from .datasets import Document, default_paths, load
from .features import TOKEN_PREFIX as _TOKEN_PREFIX
from .model import MODEL_FILE, linear_block, manifest_path, sha256_file, wording_path
from .resources import CORPUS_DIR, MODELS_DIR
from .wording import FEATURE as WORDING_FEATURE
from .wording import applies, as_features

PKG_DIR = Path(__file__).resolve().parent
CACHE_DIR = PKG_DIR.parent / ".feature-cache"

#: Weight of one document per source. Our pages are the target domain (drug pages) and few, so each
#: counts more; HealthStory labels (an expert rating of the story's reporting) are the noisiest.
SOURCE_WEIGHTS = {"recovery": 1.0, "healthstory": 0.5, "pages": 4.0}
DEFAULT_C = 0.3
#: Word features kept by the text component (0 = interpretable features only). 1,000 words help on the
#: grouped news splits, but on the project's own pages, grouped by drug, the out-of-fold 3-class macro-F1
#: where the bands are chosen falls from 0.78 to 0.67: the target domain decides (figures in
#: models/MODEL_CARD.md; ``--tokens 1000`` trains the other variant).
DEFAULT_TOKENS = 0
#: Features left out of the model: the claim checker's counts and fractions repeat ``verdict_*`` and
#: ``code_claims.*``; two copies of one quantity split its weight between them, sometimes with opposite
#: signs, and the explanation then says that unsupported claims "raised" the score.
EXCLUDED_FEATURES = (
    "claims_n", "claims_supported", "claims_contradicted", "claims_unsupported", "claims_frac_supported",
    "claims_frac_contradicted", "claims_frac_unsupported", "claims_flag_contradicted", "claims_flag_unsupported",
    "claims_flag_benefit_only", "claims_flag_overstated", "verdict_unsupported", "verdict_contradicted",
    # page-wide flag totals repeat the per-family features
    "flags_n", "flags_sev_sum", "flags_sev_max",
    # How much a page talks about drugs is not how right it is: claim and drug-mention volumes mostly
    # encode page length and template on the training pages, and took large opposite-signed weights.
    "verdict_n", "verdict_per_kw", "claims_n_drugs", "drug_distinct", "drug_mentions_per_kw",
    # provenance mixes present markers (severity 0) and missing ones; the marker_* features carry both
    # without this ambiguity, and know when a marker is unknown (plain text) rather than missing, which
    # the provenance.missing_* flags (shown to readers either way) do not
    "fam_provenance_n", "fam_provenance_per_kw", "fam_provenance_sev_max",
    "code_provenance.missing_author", "code_provenance.missing_date", "code_provenance.missing_references",
    # The page family describes the scrape, not the source: list bodies a scraper dropped are our input's
    # loss, and on ReCOVery they only told publishers' list templates apart (readers still see the flags).
    # Excluded as a family, so that a page.* code added later stays out of the model without an edit here.
    "fam_page_*", "code_page.*",
)
DEFAULT_THRESHOLDS = {"unreliable_below": 1 / 3, "credible_from": 2 / 3}
#: The direction each interpretable feature may push the score, by name prefix (first match wins).
#: A problem flag must never raise credibility and a credibility marker or a supported claim must
#: never lower it; correlated features otherwise take weights of the wrong sign (a page with many
#: supported claims "lowered" by them), which is neither believable nor explainable. Features whose
#: fitted weight has the wrong sign are dropped and the model refitted (sign-consistent selection).
#: Prefixes not listed (text statistics, family totals that mix markers and problems) are free.
FEATURE_DIRECTIONS: tuple[tuple[str, int], ...] = (
    ("code_provenance.has", +1),
    ("code_provenance.missing", -1),
    ("code_", -1),
    ("fam_commercial", -1), ("fam_claims", -1), ("fam_garble", -1), ("fam_page", -1),
    ("garble_", -1),
    ("verdict_contradicted", -1), ("verdict_unsupported", -1), ("verdict_supported", +1),
    ("marker_", +1),
    ("conspiracy", -1), ("exclamation", -1), ("superlative", -1), ("caps_words", -1),
    ("claims_risk", +1),
    ("wording", +1),
)
MAX_SIGN_ROUNDS = 8
#: The word component (:mod:`classifier.wording`): (longest n-gram, vocabulary cap) per part, the data sets
#: it learns from (real news only: the project's pages follow our own templates) and its regularisation.
WORDING_PARTS: tuple[tuple[int, int | None], ...] = ((1, None), (2, 50_000))
WORDING_SOURCES = ("recovery", "healthstory")
WORDING_C = 10.0


def feature_direction(name: str) -> int:
    """+1, -1 or 0 (free): the sign a feature's weight is allowed to have."""
    for prefix, direction in FEATURE_DIRECTIONS:
        if name.startswith(prefix):
            return direction
    return 0


# --------------------------------------------------------------------------------------------------
# featurization with a disk cache


def code_fingerprint() -> str:
    """sha256 over the code and corpus files that decide a page's features (not the model code)."""
    h = hashlib.sha256()
    skip = {"training.py", "model.py", "wording.py", "cli.py", "render.py", "io.py"}
    files = sorted(p for p in PKG_DIR.rglob("*.py") if p.name not in skip and "evaluation" not in p.parts)
    for sub in ("facts", "lexicons"):
        files += sorted(p for p in (CORPUS_DIR / sub).rglob("*") if p.is_file())
    for p in files:
        h.update(str(p.relative_to(PKG_DIR.parent)).encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def featurize_documents(docs: Sequence[Document]) -> list[dict[str, float]]:
    """Feature dicts of ``docs`` through the real pipeline stages (no model, no language screen)."""
    from . import detectors
    from .claims import check_claims
    from .facts import load_facts
    from .features import page_features
    from .page import parse

    dets = detectors.by_name(None)
    facts = load_facts(())
    out = []
    for doc in docs:
        try:
            page = parse(doc.markup or doc.text, url=doc.url, is_html=True if doc.markup else doc.is_html)
            flags = [f for d in dets for f in d.detect(page)]
            claims, claim_flags = check_claims(page, facts)
            flags.extend(claim_flags)
            out.append(page_features(page, flags, claims))
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop training; it is counted
            out.append({"_error": 1.0})
            print(f"  featurize: {doc.id}: {type(exc).__name__}: {exc}", file=sys.stderr)
    return out


def cached_features(name: str, path: Path, docs: Sequence[Document], cache_dir: Path = CACHE_DIR,
                    fingerprint: str | None = None) -> list[dict[str, float]]:
    """Features of one data set, from the cache when data and code are unchanged."""
    fingerprint = fingerprint or code_fingerprint()
    cache_dir.mkdir(parents=True, exist_ok=True)
    ignore = cache_dir / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# feature cache of `healthcred train`; rebuilt on demand\n*\n", encoding="utf-8")
    key = f"{name}-{sha256_file(path)[:16]}-{fingerprint[:16]}.json"
    file = cache_dir / key
    if file.is_file():
        rows = json.loads(file.read_text(encoding="utf-8"))
        if isinstance(rows, dict) and rows.get("ids") == [d.id for d in docs]:
            return rows["features"]
    t0 = time.perf_counter()
    feats = featurize_documents(docs)
    print(f"  featurized {name}: {len(docs)} documents in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    for old in cache_dir.glob(f"{name}-*.json"):
        old.unlink()
    tmp = file.with_suffix(".tmp")
    tmp.write_text(json.dumps({"ids": [d.id for d in docs], "features": feats}), encoding="utf-8")
    tmp.replace(file)
    return feats


def load_featurized(names: Sequence[str], paths: dict[str, Path] | None = None,
                    cache_dir: Path = CACHE_DIR) -> dict[str, tuple[list[Document], list[dict[str, float]]]]:
    """``{name: (documents, features)}`` for each data set that exists (missing ones are reported and skipped)."""
    paths = {**default_paths(), **(paths or {})}
    fp = code_fingerprint()
    out = {}
    for name in names:
        path = Path(paths[name])
        if not path.is_file():
            print(f"  {name}: no file at {path}; skipped", file=sys.stderr)
            continue
        docs = load(name, path)
        out[name] = (docs, cached_features(name, path, docs, cache_dir, fp))
    return out


# --------------------------------------------------------------------------------------------------
# scikit-learn transformers (here, not in ``features``, so that scoring never imports scikit-learn)


class FeatureVectorizer(TransformerMixin, BaseEstimator):
    """Feature dicts → a dense matrix whose columns are fixed at ``fit``.

    Like :class:`sklearn.feature_extraction.DictVectorizer`, but dense, with a minimum support so that
    codes seen on a handful of training pages do not become columns, and unknown names ignored at
    transform time (new detector codes need a retraining to count, never a code change).

    NaN means *unknown* (a metadata marker on a plain-text page, the word component on a drug page).
    It is filled with the column's neutral value: the one whose ``sign(x) * log1p(|x|)`` is the mean of
    the known values so compressed. After :class:`SignedLog1p` and scaling, an unknown value is then
    exactly 0 and adds nothing to the linear score (the scoring fast path sets it to 0 directly).

    Parameters
    ----------
    min_support : int, default=3
        A feature becomes a column only if it is non-zero on at least this many training records.
    max_tokens : int, default=0
        How many word features (``tok_*``) to keep, the most widespread in training first; 0 keeps none,
        so the model is built from the interpretable features alone.
    exclude : tuple of str, default=()
        Feature names never to use as columns; an entry may be a shell-style pattern (``code_page.*``) so
        that a whole family stays out, codes added later included.
    missing_unknown : tuple of str, default=()
        Features whose absence from a row means unknown (NaN), not 0: the word component's value is
        unknown until the page's text has been read.

    Attributes
    ----------
    feature_names_ : ndarray of str
        Column names, sorted.
    fill_ : ndarray of float
        The neutral value of each column, put where a row's value is NaN.
    """

    def __init__(self, min_support: int = 3, max_tokens: int = 0, exclude: tuple[str, ...] = (),
                 missing_unknown: tuple[str, ...] = ()) -> None:
        self.min_support = min_support
        self.max_tokens = max_tokens
        self.exclude = exclude
        self.missing_unknown = missing_unknown

    def fit(self, X: Iterable[Mapping[str, float]], y: object = None) -> FeatureVectorizer:
        """Learn the column names from the feature dicts ``X``."""
        if not isinstance(self.min_support, int) or self.min_support < 1:
            raise ValueError(f"min_support must be a positive integer, got {self.min_support!r}")
        support: dict[str, int] = {}
        rows = _records(X)
        for row in rows:
            for k, v in row.items():
                if v and v == v:  # non-zero and known (NaN != NaN)
                    support[k] = support.get(k, 0) + 1
        for pattern in self.exclude:  # fnmatchcase: the same on every OS, names are case-sensitive
            for k in [k for k in support if fnmatchcase(k, pattern)]:
                del support[k]
        if not isinstance(self.max_tokens, int) or self.max_tokens < 0:
            raise ValueError(f"max_tokens must be a non-negative integer, got {self.max_tokens!r}")
        kept = {k for k, c in support.items() if c >= self.min_support and not k.startswith(_TOKEN_PREFIX)}
        tokens = sorted((k for k, c in support.items() if c >= self.min_support and k.startswith(_TOKEN_PREFIX)),
                        key=lambda k: (-support[k], k))
        names = sorted(kept | set(tokens[: self.max_tokens]))
        if not names:
            raise ValueError("no feature is non-zero on min_support training records")
        self.feature_names_ = np.asarray(names, dtype=object)
        self.n_features_out_ = len(names)
        # Every column gets its neutral value, so that an unknown value is neutral wherever it turns up.
        compressed = np.sign(dense := self._dense(rows)) * np.log1p(np.abs(dense))
        known = ~np.isnan(compressed)
        c = np.where(known, compressed, 0.0).sum(axis=0) / np.maximum(known.sum(axis=0), 1)
        self.fill_ = np.sign(c) * np.expm1(np.abs(c))
        return self

    def transform(self, X: Iterable[Mapping[str, float]]) -> np.ndarray:
        """The matrix of ``X`` (missing features are 0)."""
        check_is_fitted(self, "feature_names_")
        out = self._dense(_records(X))
        unknown = np.isnan(out)
        if unknown.any():
            out[unknown] = np.broadcast_to(self.fill_, out.shape)[unknown]
        return out

    def _dense(self, rows: Sequence[Mapping[str, float]]) -> np.ndarray:
        index = {n: j for j, n in enumerate(self.feature_names_)}
        out = np.zeros((len(rows), len(index)))
        for name in self.missing_unknown:
            j = index.get(name)
            if j is not None:
                out[[i for i, r in enumerate(rows) if name not in r], j] = np.nan
        for i, r in enumerate(rows):
            for k, v in r.items():
                j = index.get(k)
                if j is not None:
                    out[i, j] = v
        return out

    def get_feature_names_out(self, input_features: object = None) -> np.ndarray:
        check_is_fitted(self, "feature_names_")
        return self.feature_names_.copy()


def _records(X: Iterable[Mapping[str, float]]) -> list[Mapping[str, float]]:
    rows = list(X)
    for i, r in enumerate(rows):
        if not isinstance(r, Mapping):
            raise TypeError(f"FeatureVectorizer expects mappings of feature name to value; row {i} is {type(r).__name__}")
    return rows


class SignedLog1p(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    """``sign(x) * log1p(|x|)``: counts and rates are heavy-tailed; this keeps one spammy page from dominating.

    Stateless; ``fit`` only records the input width.
    """

    def fit(self, X: object, y: object = None) -> SignedLog1p:
        validate_data(self, X, reset=True)
        return self

    def transform(self, X: object) -> np.ndarray:
        check_is_fitted(self, "n_features_in_")
        X = validate_data(self, X, reset=False)
        return np.sign(X) * np.log1p(np.abs(X))

    def __sklearn_tags__(self):  # noqa: ANN204 - sklearn's Tags type
        tags = super().__sklearn_tags__()
        tags.requires_fit = True
        return tags


# --------------------------------------------------------------------------------------------------
# the estimator


def build_pipeline(C: float = DEFAULT_C, cv: Any = 5, max_tokens: int = DEFAULT_TOKENS):  # noqa: ANN201 - a sklearn Pipeline
    """The unfitted model: featurizer → compression → scaling → calibrated logistic regression."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler

    lr = LogisticRegression(C=C, class_weight="balanced", max_iter=2000)
    return Pipeline([
        ("vectorize", FeatureVectorizer(min_support=3, max_tokens=max_tokens, exclude=EXCLUDED_FEATURES,
                                        missing_unknown=(WORDING_FEATURE,))),
        ("compress", SignedLog1p()),
        ("scale", StandardScaler()),
        ("classify", CalibratedClassifierCV(lr, method="sigmoid", cv=cv, ensemble=False)),
    ])


def training_arrays(docs: Sequence[Document], feats: Sequence[dict[str, float]],
                    weights: dict[str, float] | None = None) -> tuple[list[dict[str, float]], np.ndarray, np.ndarray, np.ndarray]:
    """Rows, binary labels, sample weights and groups; soft (0.5) labels become two half-weight rows."""
    weights = {**SOURCE_WEIGHTS, **(weights or {})}
    X: list[dict[str, float]] = []
    y: list[int] = []
    w: list[float] = []
    g: list[str] = []
    for d, f in zip(docs, feats, strict=True):
        if "_error" in f:
            continue
        base = weights.get(d.source, 1.0)
        soft = d.label not in (0.0, 1.0)
        for label, share in ([(1, d.label), (0, 1.0 - d.label)] if soft else [(int(d.label), 1.0)]):
            X.append(f)
            y.append(label)
            w.append(base * share)
            g.append(f"{d.source}:{d.group}")
    return X, np.asarray(y), np.asarray(w, dtype=float), np.asarray(g)


def grouped_splits(y: np.ndarray, groups: np.ndarray, n_splits: int = 5) -> list[tuple[np.ndarray, np.ndarray]]:
    """GroupKFold splits as a list (so the calibration folds never share a publisher, site or drug)."""
    from sklearn.model_selection import GroupKFold

    n = min(n_splits, len(set(groups)))
    return [(tr.astype(np.int32), te.astype(np.int32)) for tr, te in GroupKFold(n_splits=n).split(np.zeros(len(y)), y, groups)]


def fit_model(X: list[dict[str, float]], y: np.ndarray, w: np.ndarray, groups: np.ndarray, C: float = DEFAULT_C,
              max_tokens: int = DEFAULT_TOKENS, n_splits: int = 5):  # noqa: ANN201
    """Fit the pipeline with grouped calibration folds, keeping only sign-consistent features.

    Each round drops the features whose fitted weight has the sign :data:`FEATURE_DIRECTIONS` forbids,
    then refits; the dropped names are kept in the vectorizer's ``exclude`` (and so in the manifest).
    """
    from .model import linear_block

    excluded = list(EXCLUDED_FEATURES)
    pipe = None
    for _ in range(MAX_SIGN_ROUNDS):
        pipe = build_pipeline(C=C, cv=grouped_splits(y, groups, n_splits), max_tokens=max_tokens)
        pipe.set_params(vectorize__exclude=tuple(excluded))
        pipe.fit(X, y, classify__sample_weight=w)
        block = linear_block(pipe)
        wrong = [n for n, c in zip(block["feature_names"], block["coef"], strict=True)
                 if feature_direction(n) * c < -1e-9]
        if not wrong:
            break
        excluded.extend(wrong)
    return pipe


# --------------------------------------------------------------------------------------------------
# the word component, stacked


def fit_wording(texts: Sequence[str], y: np.ndarray, w: np.ndarray | None = None) -> Any:
    """Fit the parts of :data:`WORDING_PARTS` (TF-IDF → balanced logistic regression) and return the scorer."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from .wording import WordingPart, WordingScorer

    if len(set(np.asarray(y).tolist())) < 2:
        raise ValueError("the word component needs both credible and unreliable documents")
    parts = []
    for n, cap in WORDING_PARTS:
        vec = TfidfVectorizer(sublinear_tf=True, min_df=2, max_df=0.9, ngram_range=(1, n), max_features=cap)
        X = vec.fit_transform(texts)
        lr = LogisticRegression(C=WORDING_C, class_weight="balanced", max_iter=3000).fit(X, y, sample_weight=w)
        parts.append(WordingPart(n, tuple(str(t) for t in vec.get_feature_names_out()), tuple(float(v) for v in vec.idf_),
                                 tuple(float(v) for v in lr.coef_[0]), float(lr.intercept_[0])))
    return WordingScorer(parts)


def scoring_text(doc: Document) -> str:
    """The text the word component reads at scoring time for ``doc``: a page's main text, not its markup."""
    if doc.is_html and not doc.markup:
        from .page import parse

        return parse(doc.text, url=doc.url, is_html=True).text
    return doc.text


def add_wording(train_docs: Sequence[Document], train_feats: Sequence[dict[str, float]],
                test_docs: Sequence[Document] = (), test_feats: Sequence[dict[str, float]] = (),
                n_splits: int = 5) -> tuple[list[dict[str, float]], list[dict[str, float]], Any]:
    """Feature dicts with the word component's features added (:func:`classifier.wording.as_features`), and
    the component fitted on the training news.

    Training news documents get out-of-fold values (folds grouped by publisher or site), so the final
    model weighs the word component by what it does on unseen publishers; everything else (the project's
    pages, which it never learns from, and the test documents) gets the component fitted on all training news.
    Returns ``(train_feats, test_feats, scorer)``; ``scorer`` is ``None`` when there is no news to learn from.
    """
    news = np.array([i for i, (d, f) in enumerate(zip(train_docs, train_feats, strict=True))
                     if d.source in WORDING_SOURCES and "_error" not in f], dtype=int)
    if len(news) == 0 or len({train_docs[i].label for i in news}) < 2:
        return list(train_feats), list(test_feats), None
    texts = [scoring_text(d) for d in train_docs]
    y = np.array([int(train_docs[i].label) for i in news])
    w = np.array([SOURCE_WEIGHTS.get(train_docs[i].source, 1.0) for i in news])
    groups = np.array([f"{train_docs[i].source}:{train_docs[i].group}" for i in news])
    def value(model: Any, text: str, f: dict[str, float]) -> float:
        return model.decision(text) if applies(f) else math.nan  # where it does not apply, unread

    scorer = fit_wording([texts[i] for i in news], y, w)
    values = [value(scorer, t, f) for t, f in zip(texts, train_feats, strict=True)]
    for tr, te in grouped_splits(y, groups, n_splits):
        inner = fit_wording([texts[news[i]] for i in tr], y[tr], w[tr])
        for i in te:
            values[news[i]] = value(inner, texts[news[i]], train_feats[news[i]])
    train_out = [f if "_error" in f else {**f, **as_features(v, f)} for f, v in zip(train_feats, values, strict=True)]
    test_out = [f if "_error" in f else {**f, **as_features(value(scorer, scoring_text(d), f), f)}
                for d, f in zip(test_docs, test_feats, strict=True)]
    return train_out, test_out, scorer


def choose_thresholds(scores: np.ndarray, bands: Sequence[str]) -> dict[str, float]:
    """The (unreliable_below, credible_from) pair that maximises 3-class macro-F1 on validation pages."""
    from sklearn.metrics import f1_score

    bands = list(bands)
    if len(bands) < 10 or len(set(bands)) < 3:
        return dict(DEFAULT_THRESHOLDS)
    grid = np.round(np.arange(0.05, 0.96, 0.025), 3)
    best = (-1.0, 0.0, DEFAULT_THRESHOLDS["unreliable_below"], DEFAULT_THRESHOLDS["credible_from"])
    for lo in grid:
        for hi in grid[grid >= lo]:
            pred = np.where(scores >= hi, "credible", np.where(scores < lo, "unreliable", "questionable"))
            f1 = f1_score(bands, pred, average="macro", labels=["credible", "questionable", "unreliable"], zero_division=0)
            # Ties go to the wider questionable band: when unsure, say so.
            key = (round(f1, 6), hi - lo)
            if key > (round(best[0], 6), best[1]):
                best = (f1, hi - lo, float(lo), float(hi))
    return {"unreliable_below": best[2], "credible_from": best[3], "validation_macro_f1": round(best[0], 4)}


def out_of_fold_scores(X: list[dict[str, float]], y: np.ndarray, w: np.ndarray, groups: np.ndarray,
                       C: float = DEFAULT_C, n_splits: int = 5, max_tokens: int = DEFAULT_TOKENS) -> np.ndarray:
    """P(credible) for every row from a model that did not see its group."""
    oof = np.zeros(len(y))
    idx = np.arange(len(y))
    for tr, te in grouped_splits(y, groups, n_splits):
        pipe = fit_model([X[i] for i in tr], y[tr], w[tr], groups[tr], C=C, max_tokens=max_tokens, n_splits=3)
        oof[idx[te]] = pipe.predict_proba([X[i] for i in te])[:, 1]
    return oof


# --------------------------------------------------------------------------------------------------
# command line


def main(argv: list[str] | None = None) -> int:
    """Train, evaluate and write the model and its manifest. Returns a process exit code."""
    ap = argparse.ArgumentParser(prog="healthcred train", description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=MODEL_FILE, help=f"model file to write (default {MODEL_FILE})")
    ap.add_argument("--recovery", type=Path, help="path of recovery_news.csv")
    ap.add_argument("--healthstory", type=Path, help="path of healthstory_news.csv")
    ap.add_argument("--pages", type=Path, help="path of the project's pages.jsonl")
    ap.add_argument("--without", action="append", default=[], choices=["recovery", "healthstory", "pages"],
                    help="leave a data set out (repeatable)")
    ap.add_argument("--C", type=float, default=DEFAULT_C, help="inverse regularisation of the logistic regression")
    ap.add_argument("--tokens", type=int, default=DEFAULT_TOKENS,
                    help="word features in the text component (0 = interpretable features only)")
    ap.add_argument("--pages-weight", type=float, default=SOURCE_WEIGHTS["pages"],
                    help="weight of one of the project's pages against one news article")
    ap.add_argument("--no-wording", action="store_true",
                    help="leave the stacked word component out (interpretable features only)")
    ap.add_argument("--cache", type=Path, default=CACHE_DIR, help="feature cache folder")
    ap.add_argument("--no-evaluate", action="store_true", help="skip the evaluation (faster; metrics left empty)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    paths = {k: v for k, v in (("recovery", args.recovery), ("healthstory", args.healthstory), ("pages", args.pages)) if v}
    names = [n for n in ("recovery", "healthstory", "pages") if n not in args.without]
    data = load_featurized(names, paths, args.cache)
    if not data:
        print("no training data found (expected ../shared/datasets/credibility and corpus/pages)", file=sys.stderr)
        return 2
    train_docs: list[Document] = []
    train_feats: list[dict[str, float]] = []
    for name, (docs, feats) in data.items():
        for d, f in zip(docs, feats, strict=True):
            if name == "pages" and d.split != "dev":
                continue  # the held-out third stays unseen: it is what the evaluation reports
            train_docs.append(d)
            train_feats.append(f)
    scorer = None
    if not args.no_wording:
        t1 = time.perf_counter()
        train_feats, _, scorer = add_wording(train_docs, train_feats)
        print(f"  word component: {time.perf_counter() - t1:.0f} s", file=sys.stderr)
    weights = {**SOURCE_WEIGHTS, "pages": args.pages_weight}
    X, y, w, groups = training_arrays(train_docs, train_feats, weights)
    print(f"training on {len(train_docs)} documents ({len(y)} rows) from {', '.join(data)}", file=sys.stderr)

    thresholds = dict(DEFAULT_THRESHOLDS)
    dev_pages = [(i, d) for i, d in enumerate(train_docs) if d.source == "pages"]
    if dev_pages:
        oof = out_of_fold_scores(X, y, w, groups, C=args.C, max_tokens=args.tokens)
        row_of_doc = _first_row_per_doc(train_docs, train_feats)
        scores = np.array([oof[row_of_doc[i]] for i, _ in dev_pages if i in row_of_doc])
        bands = [d.band for i, d in dev_pages if i in row_of_doc]
        thresholds = choose_thresholds(scores, bands)
    pipe = fit_model(X, y, w, groups, C=args.C, max_tokens=args.tokens)
    # The fold indices served their purpose; keep the persisted estimator small and free of data.
    pipe.named_steps["classify"].cv = 5

    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    import joblib

    joblib.dump(pipe, out, compress=3)
    wording_file = wording_path(out)
    if scorer is not None:
        tmp = wording_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(scorer.to_dict(), separators=(",", ":")), encoding="utf-8")
        tmp.replace(wording_file)
    elif wording_file.exists():
        wording_file.unlink()  # a stale word component must not be paired with this model
    manifest = _manifest(out, pipe, data, paths, thresholds, args, scorer)
    manifest_path(out).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size / 1024:.0f} KB) and {manifest_path(out).name}; thresholds {thresholds}",
          file=sys.stderr)

    if not args.no_evaluate:
        from .evaluation.model import evaluate

        metrics = evaluate(data, model_path=out, C=args.C, max_tokens=args.tokens, wording=scorer is not None)
        manifest["metrics"] = metrics
        manifest_path(out).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        print(json.dumps(metrics.get("summary", {}), indent=2))
    print(f"done in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return 0


def _first_row_per_doc(docs: Sequence[Document], feats: Sequence[dict[str, float]]) -> dict[int, int]:
    """Index of each document's first row in the arrays of :func:`training_arrays` (errors are skipped)."""
    out, row = {}, 0
    for i, (d, f) in enumerate(zip(docs, feats, strict=True)):
        if "_error" in f:
            continue
        out[i] = row
        row += 2 if d.label not in (0.0, 1.0) else 1
    return out


def _manifest(out: Path, pipe: Any, data: dict, paths: dict[str, Path], thresholds: dict[str, float],
              args: argparse.Namespace, scorer: Any = None) -> dict[str, Any]:
    import joblib
    import sklearn

    all_paths = {**default_paths(), **paths}
    files = {}
    for name, (docs, _) in data.items():
        p = Path(all_paths[name])
        files[name] = {"file": _display_path(p), "sha256": sha256_file(p), "documents": len(docs),
                       "weight_per_document": args.pages_weight if name == "pages" else SOURCE_WEIGHTS.get(name, 1.0)}
    return {
        "name": out.stem,
        "created": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "model": {"file": out.name, "sha256": sha256_file(out), "bytes": out.stat().st_size,
                  "pipeline": [f"{n}: {type(s).__name__}" for n, s in pipe.steps], "C": args.C,
                  "max_tokens": args.tokens,
                  "calibration": "sigmoid on out-of-fold decisions, 5 folds grouped by source and publisher/site/drug"},
        "versions": {"python": platform.python_version(), "scikit-learn": sklearn.__version__,
                     "numpy": np.__version__, "joblib": joblib.__version__},
        "feature_names": [str(n) for n in pipe.named_steps["vectorize"].feature_names_],
        "linear": linear_block(pipe),
        "features_code_sha256": code_fingerprint(),
        "training_data": files,
        "labels": {
            "recovery": "publisher-level reliability (NewsGuard + MBFC), not per article; CC BY-NC-SA 4.0",
            "healthstory": "credible = HealthNewsReview rating >= 3 (label_fake == 0); no licence stated",
            "pages": "team-written pages, dev split only; credible 1, unreliable 0, questionable 0.5 (soft)",
        },
        "wording": None if scorer is None else {
            "file": wording_path(out).name, "sha256": sha256_file(wording_path(out)),
            "trained_on": list(WORDING_SOURCES), "C": WORDING_C,
            "parts": [{"ngram_max": p.ngram_max, "terms": len(p.terms)} for p in scorer.parts],
            "model": "TF-IDF (sublinear tf, l2) → balanced logistic regression per part; decisions summed"},
        "thresholds": thresholds,
        "bands": "credible if score >= credible_from; unreliable if score < unreliable_below; else questionable",
        "metrics": {},
    }


def _display_path(p: Path) -> str:
    p = p.resolve()
    for base, shown in ((MODELS_DIR.resolve().parent.parent / "shared", "../shared"), (MODELS_DIR.resolve().parent, ".")):
        try:
            return f"{shown}/{p.relative_to(base)}"
        except ValueError:
            continue
    return p.name


if __name__ == "__main__":
    # Run the imported module's main, not this __main__ copy: estimators pickled from __main__ would be
    # recorded as __main__.FeatureVectorizer and could not be loaded anywhere else.
    from classifier.training import main as _main

    raise SystemExit(_main())
