"""Evaluate the credibility model: ``healthcred evaluate model [--json PATH]``.

Reproduces every model figure of the README and the model card:

- ReCOVery, 5 folds grouped by publisher (labels are publisher-level): macro-F1 and ROC AUC, for the
  model (with and without its stacked word component) and a TF-IDF + logistic regression baseline on the same
  folds. The calibrated model's macro-F1 is taken at the training fold's share of credible documents
  (the balanced decision; the balanced-weight baseline's is 0.5); at 0.5 it is reported too;
- HealthStory, 5 folds grouped by news site: the same two models;
- calibration on held-out predictions (the out-of-fold scores above): Brier score and a 10-bin
  reliability table (mean predicted vs observed rate of credible);
- the project's held-out pages (never trained on), per kind, scored by the shipped model at its bands;
- the five seed pages through the whole pipeline with the shipped model.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..datasets import Document
from ..model import MODEL_FILE

BANDS = ("credible", "questionable", "unreliable")


def evaluate(data: dict[str, tuple[list[Document], list[dict[str, float]]]], model_path: Path = MODEL_FILE,
             C: float | None = None, baseline: bool = True, max_tokens: int | None = None,
             wording: bool = True) -> dict[str, Any]:
    """All model metrics, as a JSON-ready dict (``summary`` holds the headline numbers).

    ``wording`` says whether the shipped model has the stacked word component; the model is cross-validated
    both as shipped and as the other variant (with the component if it has none, without it if it has
    one), so what the word component adds is always reported.
    """
    from ..training import DEFAULT_C, DEFAULT_TOKENS

    C = DEFAULT_C if C is None else C
    max_tokens = DEFAULT_TOKENS if max_tokens is None else max_tokens
    out: dict[str, Any] = {}
    pooled_y: list[np.ndarray] = []
    pooled_p: list[np.ndarray] = []
    for name in ("recovery", "healthstory"):
        if name not in data:
            continue
        docs, feats = data[name]
        res, y, p = grouped_cv(docs, feats, C=C, baseline=baseline, max_tokens=max_tokens, wording=wording)
        out[name] = res
        pooled_y.append(y)
        pooled_p.append(p)
    if pooled_y:
        out["calibration"] = calibration(np.concatenate(pooled_y), np.concatenate(pooled_p))
    if "pages" in data:
        out["pages_heldout"] = pages_heldout(*data["pages"], model_path=model_path)
    out["seeds"] = seeds(model_path)
    out["summary"] = _summary(out)
    return out


def grouped_cv(docs: Sequence[Document], feats: Sequence[dict[str, float]], *, C: float, n_splits: int = 5,
               baseline: bool = True, max_tokens: int = 0, wording: bool = True, variant: bool = True,
               ) -> tuple[dict[str, Any], np.ndarray, np.ndarray]:
    """Grouped k-fold: the model as configured (fit on this data set alone; its word component, if any,
    fitted on the training folds with inner grouped folds), optionally the other variant (with / without
    the word component), and the TF-IDF baseline, all on the same folds."""
    from sklearn.model_selection import GroupKFold

    from ..training import add_wording, fit_model, training_arrays

    keep = [i for i, f in enumerate(feats) if "_error" not in f]
    docs = [docs[i] for i in keep]
    feats = [feats[i] for i in keep]
    y = np.array([int(d.label) for d in docs])
    groups = np.array([d.group for d in docs])
    p_model = np.zeros(len(y))
    p_base = np.zeros(len(y))
    p_other = np.zeros(len(y))
    # The calibrated model estimates P(credible) at the training prior; the balanced decision (what
    # class_weight="balanced" gives the uncalibrated baseline at 0.5) is at that prior.
    thr = np.full(len(y), 0.5)
    folds = list(GroupKFold(n_splits=n_splits).split(np.zeros(len(y)), y, groups))
    for tr, te in folds:
        tr_docs, te_docs = [docs[i] for i in tr], [docs[i] for i in te]
        tr_plain, te_plain = [feats[i] for i in tr], [feats[i] for i in te]
        tr_words, te_words, _ = add_wording(tr_docs, tr_plain, te_docs, te_plain) if (wording or variant) else ([], [], None)
        thr[te] = y[tr].mean()
        for use_words, target in ((wording, p_model), (not wording, p_other)):
            if target is p_other and not variant:
                continue
            X, yt, w, g = training_arrays(tr_docs, tr_words if use_words else tr_plain)
            pipe = fit_model(X, yt, w, g, C=C, max_tokens=max_tokens)
            target[te] = pipe.predict_proba(te_words if use_words else te_plain)[:, 1]
        if baseline:
            p_base[te] = _tfidf_baseline([d.text for d in tr_docs], y[tr], [d.text for d in te_docs])
    res = {"documents": len(y), "groups": len(set(groups)), "folds": n_splits, "positive_rate": round(float(y.mean()), 4),
           "model": {**_binary_metrics(y, p_model, thr), "wording": wording},
           "per_fold_model": [_binary_metrics(y[te], p_model[te], thr[te]) for _, te in folds]}
    if variant:
        res["model_variant"] = {**_binary_metrics(y, p_other, thr), "wording": not wording}
    if baseline:
        res["tfidf_baseline"] = _binary_metrics(y, p_base)
    return res, y, p_model


def calibration(y: np.ndarray, p: np.ndarray, bins: int = 10) -> dict[str, Any]:
    """Brier score and a reliability table of held-out predictions."""
    from sklearn.metrics import brier_score_loss

    edges = np.linspace(0, 1, bins + 1)
    table = []
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        m = (p >= lo) & ((p < hi) if hi < 1 else (p <= hi))
        if m.any():
            table.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": int(m.sum()), "mean_predicted": round(float(p[m].mean()), 3),
                          "observed_credible": round(float(y[m].mean()), 3)})
    return {"brier": round(float(brier_score_loss(y, p)), 4), "n": len(y), "reliability": table,
            "note": "out-of-fold predictions of the grouped ReCOVery and HealthStory folds"}


def pages_heldout(docs: Sequence[Document], feats: Sequence[dict[str, float]], model_path: Path = MODEL_FILE) -> dict[str, Any]:
    """The shipped model on the held-out third of the project's pages, overall and per kind."""
    from sklearn.metrics import f1_score, roc_auc_score

    from ..model import load_model
    from ..options import Options
    from ..training import scoring_text

    model = load_model(Options(model_path=model_path, trust_model=True))
    rows = [(d, f) for d, f in zip(docs, feats, strict=True) if d.split == "heldout" and "_error" not in f]
    if not rows:
        return {"pages": 0, "note": "no held-out pages"}
    scores = np.array([model.predict(f, text=scoring_text(d)).score for d, f in rows])
    true = [d.band for d, _ in rows]
    pred = [model.band(s) for s in scores]
    res: dict[str, Any] = {
        "pages": len(rows),
        "macro_f1_3class": round(float(f1_score(true, pred, average="macro", labels=list(BANDS), zero_division=0)), 4),
        "accuracy": round(float(np.mean([a == b for a, b in zip(true, pred, strict=True)])), 4),
        "score_std": round(float(scores.std()), 4),
        "confusion": {t: {p: sum(1 for a, b in zip(true, pred, strict=True) if a == t and b == p) for p in BANDS} for t in BANDS},
    }
    binary = [(s, 1 if t == "credible" else 0) for s, t in zip(scores, true, strict=True) if t != "questionable"]
    if len({b for _, b in binary}) == 2:
        res["auc_credible_vs_unreliable"] = round(float(roc_auc_score([b for _, b in binary], [s for s, _ in binary])), 4)
    per_kind = {}
    for kind in sorted({d.kind for d, _ in rows}):
        idx = [i for i, (d, _) in enumerate(rows) if d.kind == kind]
        per_kind[kind] = {"pages": len(idx), "accuracy": round(float(np.mean([true[i] == pred[i] for i in idx])), 4),
                          "mean_score": round(float(scores[idx].mean()), 4),
                          "labels": {b: sum(1 for i in idx if true[i] == b) for b in BANDS},
                          "predicted": {b: sum(1 for i in idx if pred[i] == b) for b in BANDS}}
    res["per_kind"] = per_kind
    return res


def seeds(model_path: Path = MODEL_FILE) -> dict[str, Any]:
    """The seed pages through the whole pipeline: band, score and the explanation, against the expected band."""
    from ..options import Options
    from ..pipeline import Record, score_record
    from ..resources import shared_dir

    base = shared_dir()
    if base is None or not (base / "seeds" / "expected.json").is_file():
        return {"note": "../shared/seeds is absent"}
    expected = json.loads((base / "seeds" / "expected.json").read_text(encoding="utf-8"))["pages"]
    options = Options(model_path=model_path, trust_model=True)
    out = {}
    for name, exp in sorted(expected.items()):
        text = (base / "seeds" / name).read_text(encoding="utf-8")
        r = score_record(Record(id=name, text=text), options)
        out[name] = {"expected": exp["verdict"], "band": r.band, "score": None if r.score is None else round(r.score, 4),
                     "status": r.status, "reason": r.reason, "explanation": list(r.explanation)}
    n_ok = sum(v["band"] == v["expected"] for v in out.values())
    return {"pages": out, "correct": n_ok, "of": len(out)}


def _binary_metrics(y: np.ndarray, p: np.ndarray, threshold: np.ndarray | float = 0.5) -> dict[str, float]:
    """Macro-F1 at ``threshold`` (per sample allowed: each fold's own), macro-F1 at 0.5, and ROC AUC."""
    from sklearn.metrics import f1_score, roc_auc_score

    res = {"macro_f1": round(float(f1_score(y, (p >= threshold).astype(int), average="macro", zero_division=0)), 4),
           "macro_f1_at_0.5": round(float(f1_score(y, (p >= 0.5).astype(int), average="macro", zero_division=0)), 4)}
    if len(set(y.tolist())) == 2:
        res["auc"] = round(float(roc_auc_score(y, p)), 4)
    return res


def _tfidf_baseline(train_texts: list[str], y: np.ndarray, test_texts: list[str]) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(sublinear_tf=True, min_df=2, max_df=0.9, ngram_range=(1, 2), max_features=100_000)
    Xtr = vec.fit_transform(train_texts)
    clf = LogisticRegression(C=10.0, class_weight="balanced", max_iter=2000).fit(Xtr, y)
    return clf.predict_proba(vec.transform(test_texts))[:, 1]


def _summary(res: dict[str, Any]) -> dict[str, Any]:
    s: dict[str, Any] = {}
    for name in ("recovery", "healthstory"):
        if name in res:
            s[name] = {k: res[name][k] for k in ("model", "model_variant", "tfidf_baseline") if k in res[name]}
    if "calibration" in res:
        s["brier"] = res["calibration"]["brier"]
    ph = res.get("pages_heldout", {})
    if ph.get("pages"):
        s["pages_heldout"] = {k: ph[k] for k in ("pages", "macro_f1_3class", "accuracy", "auc_credible_vs_unreliable") if k in ph}
    sd = res.get("seeds", {})
    if "pages" in sd:
        s["seeds"] = {k: f"{v['band']} (expected {v['expected']}, score {v['score']})" for k, v in sd["pages"].items()}
    return s


def main(argv: list[str] | None = None) -> int:
    """``healthcred evaluate model``: print the metrics; ``--json PATH`` writes them all."""
    from ..training import CACHE_DIR, load_featurized

    ap = argparse.ArgumentParser(prog="healthcred evaluate model", description="Evaluate the credibility model.")
    ap.add_argument("--json", type=Path, help="write every metric to this JSON file")
    ap.add_argument("--model", type=Path, default=MODEL_FILE, help="model file to evaluate (default: the bundled one)")
    ap.add_argument("--no-baseline", action="store_true", help="skip the TF-IDF baseline (faster)")
    ap.add_argument("--cache", type=Path, default=CACHE_DIR, help="feature cache folder")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    data = load_featurized(["recovery", "healthstory", "pages"], cache_dir=args.cache)
    from ..model import load_model
    from ..options import Options

    shipped = load_model(Options(model_path=args.model, trust_model=True)).manifest.get("model", {})
    manifest = load_model(Options(model_path=args.model, trust_model=True)).manifest
    res = evaluate(data, model_path=args.model, C=shipped.get("C"), baseline=not args.no_baseline,
                   max_tokens=shipped.get("max_tokens"), wording=bool(manifest.get("wording")))
    res["seconds"] = round(time.perf_counter() - t0, 1)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(res["summary"], indent=2))
    print(f"evaluated in {res['seconds']} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
