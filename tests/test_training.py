"""Training end to end on a small labelled set we write here, plus the loaders and threshold choice."""

from __future__ import annotations

import json

import numpy as np
import pytest

from classifier import datasets, training
from classifier.datasets import Document
from classifier.model import load_model, manifest_path
from classifier.options import Options

DRUGS = ["diazepam", "oxycodone", "zolpidem", "sertraline", "tramadol", "alprazolam"]
CREDIBLE = ("{d} is a prescription medicine. Common side effects include drowsiness and dizziness. "
            "Talk to your doctor before stopping it, because withdrawal can occur. Researchers reported in a "
            "2019 trial that benefits were modest. This page is not a substitute for professional medical advice. ")
UNRELIABLE = ("Buy {d} online now!!! No prescription needed, cheapest price guaranteed!!! Order {d} today and "
              "feel AMAZING instantly, the miracle cure doctors hide from you! ")
QUESTIONABLE = ("Struggling with {d}? Call our free hotline now and an advisor will find a treatment centre for you. "
                "{d} can be habit forming and withdrawal may be hard. ")


def _write_pages(path, n_per_drug: int = 2) -> None:
    rows = []
    for i, d in enumerate(DRUGS):
        for j in range(n_per_drug):
            for label, tmpl in (("credible", CREDIBLE), ("unreliable", UNRELIABLE), ("questionable", QUESTIONABLE)):
                split = "heldout" if j == 0 and i % 3 == 0 else "dev"
                rows.append({"id": f"{d}-{label}-{j}", "drug": d, "kind": label, "label": label, "split": split,
                             "format": "text", "url": None, "content": tmpl.format(d=d) * (3 + j), "note": ""})
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")


def test_train_writes_a_verified_model(tmp_path):
    pages = tmp_path / "pages.jsonl"
    _write_pages(pages)
    out = tmp_path / "m" / "model.joblib"
    rc = training.main(["--without", "recovery", "--without", "healthstory", "--pages", str(pages), "--out", str(out),
                        "--cache", str(tmp_path / "cache"), "--no-evaluate"])
    assert rc == 0 and out.is_file()
    manifest = json.loads(manifest_path(out).read_text())
    assert manifest["training_data"]["pages"]["sha256"] == datasets_sha(pages)
    assert (tmp_path / "cache" / ".gitignore").is_file()
    model = load_model(Options(model_path=out, trust_model=True))
    good = model.predict(training.featurize_documents([_doc(CREDIBLE.format(d="diazepam") * 3)])[0])
    bad = model.predict(training.featurize_documents([_doc(UNRELIABLE.format(d="diazepam") * 3)])[0])
    assert good.score > bad.score
    # one cache file per data set, keyed by the data and code hashes
    files = sorted(p.name for p in (tmp_path / "cache").glob("pages-*.json"))
    assert len(files) == 1


def datasets_sha(path) -> str:
    from classifier.model import sha256_file

    return sha256_file(path)


def _doc(text: str, label: float = 1.0, source: str = "pages", group: str = "g") -> Document:
    return Document(id="x", text=text, label=label, group=group, source=source)


def test_soft_labels_become_two_half_weight_rows():
    docs = [_doc("a", 1.0), _doc("b", 0.5), _doc("c", 0.0)]
    X, y, w, g = training.training_arrays(docs, [{"f": 1.0}, {"f": 2.0}, {"f": 3.0}], weights={"pages": 2.0})
    assert y.tolist() == [1, 1, 0, 0]
    assert w.tolist() == [2.0, 1.0, 1.0, 2.0]
    assert list(g) == ["pages:g"] * 4


def test_thresholds_separate_three_bands():
    scores = np.array([0.9, 0.85, 0.8, 0.5, 0.45, 0.55, 0.1, 0.15, 0.2, 0.05, 0.95, 0.5])
    bands = ["credible"] * 3 + ["questionable"] * 3 + ["unreliable"] * 4 + ["credible", "questionable"]
    th = training.choose_thresholds(scores, bands)
    assert th["unreliable_below"] <= 0.45 and 0.55 < th["credible_from"] <= 0.8
    assert training.choose_thresholds(scores[:3], bands[:3]) == training.DEFAULT_THRESHOLDS


def test_news_site_groups_archive_and_subdomains():
    assert datasets.news_site("https://web.archive.org/web/2018/https://uk.reuters.com/article/x") == "reuters.com"
    assert datasets.news_site("http://consumer.Healthday.com/a") == datasets.news_site("https://healthday.com/b")
    assert datasets.news_site("") == "unknown"


def test_unknown_dataset_names_the_known_ones():
    with pytest.raises(ValueError, match="healthstory"):
        datasets.load("nope")


def test_pages_loader_rejects_bad_labels(tmp_path):
    p = tmp_path / "p.jsonl"
    p.write_text(json.dumps({"id": "1", "label": "maybe", "content": "x"}) + "\n")
    with pytest.raises(ValueError, match="credible"):
        datasets.load_pages(p)


@pytest.mark.shared
def test_shared_loaders(shared_dir):
    base = shared_dir / "datasets" / "credibility"
    rec = datasets.load_recovery(base / "recovery_news.csv")
    assert len(rec) > 1700 and {d.label for d in rec} == {0.0, 1.0} and len({d.group for d in rec}) > 40
    hs = datasets.load_healthstory(base / "healthstory_news.csv")
    assert len(hs) > 1200 and len({d.group for d in hs}) > 20


def test_calibration_table_and_metrics():
    from classifier.evaluation.model import _binary_metrics, calibration

    y = np.array([0, 0, 1, 1, 1, 0, 1, 1])
    p = np.array([0.1, 0.3, 0.7, 0.9, 0.6, 0.55, 0.8, 0.2])
    cal = calibration(y, p)
    assert sum(row["n"] for row in cal["reliability"]) == len(y)
    assert 0 <= cal["brier"] <= 1
    m = _binary_metrics(y, p, threshold=0.5)
    assert m["auc"] > 0.7 and m["macro_f1"] == m["macro_f1_at_0.5"]


def test_shipped_model_weights_respect_the_declared_directions() -> None:
    """No problem flag raises the score and no marker or supported claim lowers it."""
    import json

    from classifier.model import MODEL_FILE, manifest_path
    from classifier.training import feature_direction

    block = json.loads(manifest_path(MODEL_FILE).read_text(encoding="utf-8"))["linear"]
    wrong = [(n, c) for n, c in zip(block["feature_names"], block["coef"], strict=True) if feature_direction(n) * c < -1e-9]
    assert not wrong


def test_feature_directions() -> None:
    from classifier.training import feature_direction

    assert feature_direction("code_commercial.buy_link") == -1
    assert feature_direction("code_provenance.has_author") == 1
    assert feature_direction("code_provenance.missing_date") == -1
    # a commercial flag never raises the score, an affiliate disclosure included
    assert feature_direction("code_commercial.donation_or_affiliate") == -1
    assert feature_direction("marker_references") == 1
    assert feature_direction("flesch_reading_ease") == 0


def test_scrape_flags_are_shown_but_do_not_score() -> None:
    """page.* flags say what the scraper lost, not what the source wrote: the shipped model never reads them."""
    import json

    from classifier.model import MODEL_FILE, manifest_path

    names = json.loads(manifest_path(MODEL_FILE).read_text(encoding="utf-8"))["linear"]["feature_names"]
    assert not [n for n in names if n.startswith(("fam_page", "code_page."))]


def test_exclusion_patterns_keep_a_whole_family_out() -> None:
    """A page.* code added after this release stays out of the model without editing the exclusion list."""
    rows = [{"code_page.empty_list_residue": 1.0, "code_page.some_future_code": 2.0, "fam_page_n": 3.0,
             "code_pagex.other": 1.0, "marker_author": 1.0, "words": float(i + 1)} for i in range(4)]
    vec = training.FeatureVectorizer(min_support=1, exclude=training.EXCLUDED_FEATURES).fit(rows)
    assert list(vec.get_feature_names_out()) == ["code_pagex.other", "marker_author", "words"]
    # exact names still work, and a pattern that matches nothing is harmless
    vec = training.FeatureVectorizer(min_support=1, exclude=("words", "nothing_*")).fit(rows)
    assert "words" not in vec.get_feature_names_out() and "fam_page_n" in vec.get_feature_names_out()
