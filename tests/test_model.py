"""The credibility model: verified loading, fast path equal to the pipeline, bands and explanations."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from classifier.model import (
    MODEL_FILE,
    CredibilityModel,
    ModelIntegrityError,
    ModelNotFoundError,
    UntrustedModelError,
    describe,
    linear_block,
    load_model,
    manifest_path,
    verify,
)
from classifier.options import Options

pytestmark = pytest.mark.skipif(not MODEL_FILE.is_file(), reason="no bundled model: run `healthcred train`")


@pytest.fixture(scope="module")
def model() -> CredibilityModel:
    return load_model(Options())


@pytest.fixture()
def model_copy(tmp_path):
    dst = tmp_path / "copy.joblib"
    shutil.copy(MODEL_FILE, dst)
    shutil.copy(manifest_path(MODEL_FILE), manifest_path(dst))
    words = json.loads(manifest_path(MODEL_FILE).read_text()).get("wording")
    if words:  # the word component travels with the model, under the name its manifest gives
        shutil.copy(MODEL_FILE.with_name(words["file"]), dst.with_name(words["file"]))
    return dst


def _random_rows(model: CredibilityModel, n: int = 25) -> list[dict[str, float]]:
    rng = np.random.default_rng(0)
    names = list(model.feature_names)
    # NaN is an unknown value (a metadata marker on plain text, the word component on a drug page)
    return [{k: float(rng.choice([0, 0, 1, 3, 17.5, np.nan])) for k in rng.choice(names, size=min(12, len(names)), replace=False)}
            for _ in range(n)] + [{}]


def test_fast_path_equals_pipeline_predict_proba(model):
    rows = _random_rows(model)
    fast = np.array([model.predict(r).score for r in rows])
    np.testing.assert_allclose(fast, model.predict_proba(rows), atol=1e-9)


def test_manifest_numbers_are_the_pipelines(model):
    assert linear_block(model.pipeline) == model.manifest["linear"]


def test_scoring_imports_neither_sklearn_nor_pandas():
    import subprocess
    import sys

    code = ("import sys; from classifier.model import load_model; from classifier.options import Options; "
            "import classifier.features; m = load_model(Options()); m.predict({}); "
            "print('sklearn' in sys.modules, 'pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]


def test_bundled_model_loads_and_predicts_bands(model):
    assert model.manifest["model"]["sha256"]
    scores = [model.predict(r).score for r in _random_rows(model)]
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert np.std(scores) > 0.01, "a model that scores every page alike does not count"
    pred = model.predict({})
    assert pred.band in ("credible", "questionable", "unreliable") and pred.explanation


def test_bands_follow_thresholds(model):
    lo, hi = model.unreliable_below, model.credible_from
    assert model.band(hi) == "credible" and model.band(lo - 1e-6) == "unreliable"
    assert model.band((lo + hi) / 2) == ("questionable" if hi > lo else "credible")


def test_explanation_names_features_in_words(model):
    name = next(n for n in model.feature_names if n.startswith(("verdict_", "code_", "fam_")))
    pred = model.predict({name: 40.0})
    assert any(("raised" in s or "lowered" in s) for s in pred.explanation)
    assert all("_" not in s.split(" the score")[0].replace("'", "") or "'" in s for s in pred.explanation)


def test_describe_reads_naturally():
    assert describe("verdict_contradicted", 2) == "2 contradicted claims"
    assert describe("code_commercial.buy_link", 1) == "1 'commercial.buy_link' flag"
    assert describe("marker_author", 0) == "no a named author"
    assert describe("marker_disclaimer", 1) == "a medical-advice disclaimer"


def test_other_model_needs_trust(model_copy):
    with pytest.raises(UntrustedModelError, match="executes code"):
        load_model(Options(model_path=model_copy))
    assert isinstance(load_model(Options(model_path=model_copy, trust_model=True)), CredibilityModel)


def test_tampered_file_is_refused_before_loading(model_copy, monkeypatch):
    with open(model_copy, "ab") as fh:
        fh.write(b"\0")
    import joblib

    def boom(*a, **k):  # joblib must never be reached for a file that fails the check
        raise AssertionError("joblib.load called on a tampered file")

    monkeypatch.setattr(joblib, "load", boom)
    with pytest.raises(ModelIntegrityError, match="does not match its manifest") as exc:
        load_model(Options(model_path=model_copy, trust_model=True))
    assert exc.value.reason == "sha256_mismatch"


def test_missing_manifest_is_refused(model_copy):
    manifest_path(model_copy).unlink()
    with pytest.raises(ModelIntegrityError, match="no manifest"):
        verify(model_copy)


def test_other_sklearn_version_is_refused(model_copy):
    mp = manifest_path(model_copy)
    m = json.loads(mp.read_text())
    m["versions"]["scikit-learn"] = "0.1.0"
    mp.write_text(json.dumps(m))
    with pytest.raises(ModelIntegrityError, match="scikit-learn 0.1.0") as exc:
        load_model(Options(model_path=model_copy, trust_model=True))
    assert exc.value.reason == "version_mismatch"


def test_missing_model_says_how_to_train(tmp_path):
    with pytest.raises(ModelNotFoundError, match="healthcred train"):
        load_model(Options(model_path=tmp_path / "nothing.joblib", trust_model=True))


def test_manifest_documents_the_model(model):
    m = model.manifest
    for key in ("created", "versions", "feature_names", "training_data", "thresholds", "metrics"):
        assert key in m, key
    assert m["feature_names"] == list(model.feature_names)
    assert {"python", "scikit-learn", "numpy", "joblib"} <= set(m["versions"])
    for entry in m["training_data"].values():
        assert len(entry["sha256"]) == 64
    assert MODEL_FILE.stat().st_size < 5_000_000


def test_score_moves_the_way_a_reader_expects(model):
    """Evidence of problems lowers the score; where the model has the feature, the direction must be right."""
    names = set(model.feature_names)
    base = {"marker_count": 1.0, "verdict_supported_ratio": 0.5}
    worse = {"code_commercial.buy_link": 2.0, "fam_commercial_n": 2.0, "fam_commercial_sev_max": 0.9,
             "fam_commercial_per_kw": 4.0, "flags_n": 2.0, "flags_sev_max": 0.9, "flags_sev_sum": 1.8}
    present = {k: v for k, v in worse.items() if k in names}
    if "code_commercial.buy_link" not in names:
        pytest.skip("the bundled model has no buy-link feature (trained before the commercial detectors)")
    assert model.predict({**base, **present}).score < model.predict(base).score


def test_word_features_make_one_wording_reason(model):
    toks = [n for n in model.feature_names if n.startswith("tok_")]
    if not toks:
        pytest.skip("the bundled model reads no word-rate features (its word component is the stacked `wording`)")
    reasons = model.predict({t: 50.0 for t in toks[:200]}).explanation
    assert sum("wording" in r for r in reasons) <= 1
    assert not any(r.startswith("the word ") for r in reasons)


def test_one_reason_per_flag_family(model):
    if "code_commercial.buy_link" not in model.feature_names:
        pytest.skip("the bundled model has no buy-link feature")
    feats = {"code_commercial.buy_link": 3.0, "fam_commercial_n": 3.0, "fam_commercial_sev_max": 0.9,
             "fam_commercial_per_kw": 10.0}
    reasons = model.predict(feats).explanation
    commercial = [r for r in reasons if "commercial flags" in r]
    assert len(commercial) == 1
    assert "3 × 'commercial.buy_link'" in commercial[0] and commercial[0].endswith("lowered the score")


NEWS_LIKE = ("Officials said on Monday that the hospital would expand testing, according to a statement. "
             "Researchers cautioned that the findings were preliminary and had not been peer reviewed. ") * 6
RANT = ("Wake up people, the globalist elites and their mainstream media puppets are hiding the truth "
        "from you, share this before it gets censored by big tech! ") * 6


def test_word_component_reads_the_text_of_pages_it_applies_to(model):
    if model.wording is None:
        pytest.skip("the bundled model has no stacked word component")
    base = {"n_words": 180.0, "drug_page": 0.0}
    calm, rant = model.predict(base, text=NEWS_LIKE), model.predict(base, text=RANT)
    assert calm.score > rant.score
    worded = [r for r in rant.explanation if "wording" in r]
    assert len(worded) <= 1
    for reason in worded:  # the words it names are words of the page
        for quoted in reason.split("'")[1::2]:
            assert quoted in RANT.lower()


def test_word_component_is_silent_on_drug_pages(model):
    if model.wording is None:
        pytest.skip("the bundled model has no stacked word component")
    base = {"n_words": 180.0, "drug_page": 1.0}
    a, b = model.predict(base, text=NEWS_LIKE), model.predict(base, text=RANT)
    assert a.score == b.score == model.predict(base).score
    assert not any("wording" in r for r in a.explanation)
