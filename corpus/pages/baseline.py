"""How hard are the example pages? A bag-of-words floor, fitted on ``dev`` and scored on ``heldout``.

    python corpus/pages/baseline.py

A model that only matches this floor has learned the genre vocabulary of each page kind, not
credibility; the figure is printed so that model results can be read against it.
"""

from __future__ import annotations

import json
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import confusion_matrix, f1_score
from sklearn.pipeline import make_pipeline

from classifier.page import parse

PAGES = Path(__file__).resolve().parent / "pages.jsonl"
LABELS = ["credible", "questionable", "unreliable"]


def visible_text(row: dict) -> str:
    return parse(row["content"], url=row["url"], is_html=row["format"] == "html").text


def main() -> None:
    rows = [json.loads(line) for line in PAGES.read_text(encoding="utf-8").splitlines() if line.strip()]
    dev = [r for r in rows if r["split"] == "dev"]
    held = [r for r in rows if r["split"] == "heldout"]
    model = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
                          LogisticRegression(max_iter=2000, C=10.0))
    model.fit([visible_text(r) for r in dev], [r["label"] for r in dev])
    pred = model.predict([visible_text(r) for r in held])
    truth = [r["label"] for r in held]
    print(f"TF-IDF + logistic regression, dev {len(dev)} -> heldout {len(held)} pages")
    print(f"label macro-F1 {f1_score(truth, pred, average='macro'):.3f}")
    print("confusion (rows true, columns predicted):", LABELS)
    for label, row in zip(LABELS, confusion_matrix(truth, pred, labels=LABELS), strict=True):
        print(f"  {label:<12} {row.tolist()}")


if __name__ == "__main__":
    main()
