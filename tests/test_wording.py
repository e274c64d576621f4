"""The stacked word component: scoring without scikit-learn, stacking without leakage, safe loading."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from classifier import datasets, training, wording
from classifier.datasets import Document
from classifier.model import ModelIntegrityError, load_model, manifest_path, wording_path
from classifier.options import Options

# Our own short "news" texts: careful reporting versus the register of a conspiracy site.
CAREFUL = ["Researchers reported on Tuesday that the trial enrolled {n} patients and found a modest benefit, "
           "according to the study published in a peer-reviewed journal; independent experts urged caution.",
           "Health officials said the agency is reviewing the data from {n} hospitals, and a spokesperson "
           "declined to comment further until the analysis is complete."]
SENSATIONAL = ["They do not want you to know the truth: the globalist elites hid the cure from {n} million people, "
               "wake up and share this before it is censored!",
               "Mainstream media lies again while the real doctors are silenced; the plandemic agenda exposed by "
               "{n} brave insiders who refuse to obey."]


def _news(n_publishers: int = 10) -> list[Document]:
    docs = []
    for p in range(n_publishers):
        good = p % 2 == 0
        for k in range(4):
            tmpl = (CAREFUL if good else SENSATIONAL)[k % 2]
            docs.append(Document(id=f"n{p}-{k}", text=tmpl.format(n=10 * p + k), label=1.0 if good else 0.0,
                                 group=f"pub{p}", source="recovery"))
    return docs


def test_scorer_reproduces_scikit_learn_exactly():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    docs = _news()
    texts, y = [d.text for d in docs], np.array([int(d.label) for d in docs])
    scorer = training.fit_wording(texts, y)
    probe = ["The trial found a modest benefit, researchers said.", "Wake up: the elites hid the cure!", "", "zzz qqq"]
    expected = np.zeros(len(probe))
    for n, cap in training.WORDING_PARTS:
        vec = TfidfVectorizer(sublinear_tf=True, min_df=2, max_df=0.9, ngram_range=(1, n), max_features=cap)
        lr = LogisticRegression(C=training.WORDING_C, class_weight="balanced", max_iter=3000).fit(vec.fit_transform(texts), y)
        expected += lr.decision_function(vec.transform(probe))
    got = np.array([scorer.decision(t) for t in probe])
    assert np.allclose(got, expected, atol=1e-9)
    assert scorer.decision(probe[0]) > 0 > scorer.decision(probe[1])


def test_explanation_names_words_of_the_text():
    docs = _news()
    scorer = training.fit_wording([d.text for d in docs], np.array([int(d.label) for d in docs]))
    value, top = scorer.explain("Wake up, the globalist elites hid the cure and the media lies.", top=3)
    assert value < 0 and len(top) == 3
    assert all(t in "wake up, the globalist elites hid the cure and the media lies." for t, _ in top)
    assert any(c < 0 for _, c in top)


def test_round_trip_and_bad_files():
    docs = _news()
    scorer = training.fit_wording([d.text for d in docs], np.array([int(d.label) for d in docs]))
    again = wording.from_dict(json.loads(json.dumps(scorer.to_dict())))
    assert again.decision(docs[0].text) == pytest.approx(scorer.decision(docs[0].text), abs=1e-12)
    with pytest.raises(ValueError, match="not a wording model"):
        wording.from_dict({"format": "something else"})
    with pytest.raises(ValueError, match="malformed"):
        wording.from_dict({"format": wording.FORMAT, "parts": [{"ngram_max": 1}]})
    with pytest.raises(ValueError):
        wording.WordingPart(1, ("a", "b"), (1.0,), (0.5, 0.5), 0.0)
    with pytest.raises(TypeError):
        scorer.decision(None)  # type: ignore[arg-type]


def test_unknown_values_are_neutral_after_compression_and_scaling():
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    rows = [{"a": 1.0, "b": 2.0}, {"a": 0.0, "b": 5.0}, {"a": math.nan, "b": 1.0}, {"a": 1.0, "b": math.nan}]
    vec = training.FeatureVectorizer(min_support=1)
    z = make_pipeline(vec, training.SignedLog1p(), StandardScaler()).fit_transform(rows)
    assert not np.isnan(z).any()
    assert z[2, 0] == pytest.approx(0.0, abs=1e-12) and z[3, 1] == pytest.approx(0.0, abs=1e-12)
    # the fill is the known values' mean in compressed space
    mean = (math.log1p(1.0) + 0.0 + math.log1p(1.0)) / 3
    assert math.log1p(vec.fill_[0]) == pytest.approx(mean)


def test_the_component_is_silent_on_drug_pages():
    assert wording.as_features(2.5, {"drug_page": 0.0}) == {"wording": 2.5}
    assert math.isnan(wording.as_features(2.5, {"drug_page": 1.0})["wording"])


def test_stacking_uses_out_of_fold_values_for_the_news_it_learns_from():
    news = _news()
    page = Document(id="p1", text=CAREFUL[0].format(n=3), label=1.0, group="diazepam", source="pages")
    feats = [{"n_words": 30.0} for _ in news] + [{"n_words": 30.0}]
    train, test, scorer = training.add_wording(news + [page], feats, [page], [{"n_words": 30.0}])
    full = [scorer.decision(d.text) for d in news]
    stacked = [f["wording"] for f in train[: len(news)]]
    # every news value comes from a model that did not see that publisher, so they differ from the full fit
    assert all(abs(a - b) > 1e-9 for a, b in zip(full, stacked, strict=True))
    # the project's page is never learnt from: it gets the full fit, in training and as a test document
    assert train[-1]["wording"] == pytest.approx(scorer.decision(page.text))
    assert test[0]["wording"] == pytest.approx(scorer.decision(page.text))
    assert not any("wording" in f for f in feats)  # the caller's dicts are not changed


def test_no_news_no_component():
    page = Document(id="p1", text="text", label=1.0, group="g", source="pages")
    train, test, scorer = training.add_wording([page], [{"n_words": 1.0}])
    assert scorer is None and train == [{"n_words": 1.0}] and test == []


def _write_recovery(path) -> None:
    import pandas as pd

    rows = []
    for i, d in enumerate(_news(12)):
        rows.append({"news_id": i, "url": f"https://{d.group}.example/{i}", "publisher": d.group,
                     "publish_date": "2020-05-01" if d.label else None,
                     "author": "['Ann Writer']" if d.label else "[]", "title": "A report", "body_text": d.text,
                     "reliability": int(d.label)})
    pd.DataFrame(rows).to_csv(path, index=False)


@pytest.fixture(scope="module")
def small_model(tmp_path_factory):
    from tests.test_training import _write_pages

    tmp = tmp_path_factory.mktemp("wording_model")
    _write_recovery(tmp / "recovery.csv")
    _write_pages(tmp / "pages.jsonl")
    out = tmp / "m" / "model.joblib"
    rc = training.main(["--recovery", str(tmp / "recovery.csv"), "--without", "healthstory", "--pages",
                        str(tmp / "pages.jsonl"), "--out", str(out), "--cache", str(tmp / "cache"), "--no-evaluate"])
    assert rc == 0
    return out


def test_trained_model_reads_the_text_and_says_so(small_model):
    manifest = json.loads(manifest_path(small_model).read_text())
    assert manifest["wording"]["file"] == wording_path(small_model).name
    model = load_model(Options(model_path=small_model, trust_model=True))
    assert model.wording is not None and "wording" in model.feature_names
    text = SENSATIONAL[0].format(n=5)
    feats = training.featurize_documents([Document(id="x", text=text, label=0.0, group="g", source="recovery")])[0]
    with_text = model.predict(feats, text=text)
    without = model.predict(feats)
    assert with_text.score != without.score
    careful = CAREFUL[0].format(n=5)
    assert model.predict(feats, text=careful).score > with_text.score


def test_missing_or_changed_word_component_is_refused(small_model, tmp_path):
    import shutil

    for name in (small_model.name, manifest_path(small_model).name, wording_path(small_model).name):
        shutil.copy(small_model.parent / name, tmp_path / name)
    copy = tmp_path / small_model.name
    wording_path(copy).write_text(wording_path(copy).read_text() + " ")  # one byte more: not the file it was
    with pytest.raises(ModelIntegrityError) as err:
        load_model(Options(model_path=copy, trust_model=True))
    assert err.value.reason == "sha256_mismatch"
    wording_path(copy).unlink()
    with pytest.raises(ModelIntegrityError) as err:
        load_model(Options(model_path=copy, trust_model=True))
    assert err.value.reason == "no_wording"


def test_news_rows_become_pages_with_their_metadata():
    html = datasets.news_page("Trial results", ["Ann Writer"], "2020-05-01", "First paragraph.\n\nSecond paragraph.")
    from classifier.detectors.provenance import markers
    from classifier.page import parse

    page = parse(html, is_html=True)
    found = markers(page)
    assert found["author"].present and found["date"].present
    assert "First paragraph." in page.text and "<p>" not in page.text
    assert datasets._names("['Sam Mintz', ‘Rachel Roubein']") == ["Sam Mintz", "Rachel Roubein"]
    assert datasets._names('["Reuters Editorial", "Min Read"]') == []
    assert datasets._date(1544936400.0) == "2018-12-16"
    assert datasets._date(float("nan")) is None
