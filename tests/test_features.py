"""The featurizer: generic flag features by family and code, claim verdicts, markers, text statistics."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.utils.estimator_checks import parametrize_with_checks

from classifier.features import UNKNOWN_ON_TEXT, page_features
from classifier.page import parse
from classifier.results import ClaimCheck, Flag
from classifier.training import FeatureVectorizer, SignedLog1p

TEXT = "You must try this amazing cure! Doctors said it may help. " * 20


def _flag(code: str, severity: float) -> Flag:
    return Flag(code=code, start=0, end=3, evidence="You", severity=severity, message="m")


def _claim(verdict: str) -> ClaimCheck:
    return ClaimCheck(start=0, end=3, text="You", drug="diazepam", verdict=verdict, fact_id=None, source=None)


def test_flag_features_are_generic_by_family_and_code():
    page = parse(TEXT, is_html=False)
    flags = [_flag("commercial.buy_link", 0.9), _flag("commercial.buy_link", 0.7), _flag("newfamily.new_code", 0.4),
             _flag("provenance.has_author", 0.0)]
    f = page_features(page, flags, [])
    kw = page.n_words / 1000
    assert f["fam_commercial_n"] == 2 and f["fam_commercial_sev_max"] == 0.9
    assert f["flags_sev_sum"] == pytest.approx(2.0)
    assert f["fam_commercial_per_kw"] == pytest.approx(2 / kw)
    assert f["code_commercial.buy_link"] == 2
    # a code no featurizer change knew about still becomes features
    assert f["code_newfamily.new_code"] == 1 and f["fam_newfamily_n"] == 1
    # zero-severity flags are markers, not problems
    assert "fam_provenance_n" not in f and f["flags_n"] == 3


def test_claim_verdict_counts_and_ratios():
    page = parse(TEXT, is_html=False)
    f = page_features(page, [], [_claim("contradicted"), _claim("contradicted"), _claim("supported"), _claim("unsupported")])
    assert f["verdict_n"] == 4 and f["verdict_contradicted"] == 2
    assert f["verdict_contradicted_ratio"] == pytest.approx(0.5)


def test_text_statistics():
    f = page_features(parse(TEXT, is_html=False), [], [])
    assert f["n_words"] > 100
    for name in ("second_person_per_kw", "superlative_per_kw", "exclamation_per_kw", "hedge_per_kw", "attribution_per_kw"):
        assert f[name] > 0, name
    plain = page_features(parse("The committee met on Tuesday and approved the budget. " * 20, is_html=False), [], [])
    assert plain["exclamation_per_kw"] == 0 and plain["second_person_per_kw"] == 0
    # NaN only where a value is unknown: metadata markers of a plain-text page, and the marker count they are part of
    unknown = {k for k, v in f.items() if not np.isfinite(v)}
    assert unknown == {f"marker_{m}" for m in UNKNOWN_ON_TEXT} | {"marker_count"}
    assert all(np.isnan(f[k]) for k in unknown)


def test_metadata_markers_are_unknown_on_plain_text_and_absent_in_html():
    text = page_features(parse(TEXT, is_html=False), [], [])
    html = page_features(parse(f"<html><body><article><p>{TEXT}</p></article></body></html>", is_html=True), [], [])
    assert np.isnan(text["marker_author"]) and np.isnan(text["marker_date"])
    assert html["marker_author"] == 0 and html["marker_date"] == 0
    # markers that live in the text are known either way
    assert text["marker_disclaimer"] in (0.0, 1.0) and text["marker_credentials"] in (0.0, 1.0)


def test_markers_are_features():
    f = page_features(parse("By Jane Roe, MD\nUpdated: May 2, 2024\n" + TEXT, is_html=False), [], [])
    assert f["marker_author"] == 1 and f["marker_date"] == 1
    # references and contact cannot be known from plain text, so neither can the count they belong to
    assert np.isnan(f["marker_references"]) and np.isnan(f["marker_count"])
    html = page_features(parse("<html><body><article><p>By Jane Roe, MD</p><p>Updated: May 2, 2024</p>"
                               f"<p>{TEXT}</p></article></body></html>", is_html=True), [], [])
    assert html["marker_author"] == 1 and html["marker_date"] == 1 and html["marker_count"] >= 2


def test_rejects_non_page():
    with pytest.raises(TypeError):
        page_features("text", [], [])


def test_feature_vectorizer_fixes_columns_and_ignores_unknown():
    rows = [{"a": 1.0, "b": 2.0}, {"a": 3.0}, {"a": 1.0, "rare": 5.0}]
    vec = FeatureVectorizer(min_support=2).fit(rows)
    assert list(vec.get_feature_names_out()) == ["a"]
    assert vec.transform([{"a": 2.0, "unknown": 9.0}, {}]).tolist() == [[2.0], [0.0]]
    with pytest.raises(TypeError):
        vec.transform([[1.0]])
    with pytest.raises(ValueError):
        FeatureVectorizer(min_support=0).fit(rows)


def test_signed_log1p_values():
    X = np.array([[0.0, -3.0], [10.0, 1.0]])
    np.testing.assert_allclose(SignedLog1p().fit_transform(X), np.sign(X) * np.log1p(np.abs(X)))


# FeatureVectorizer takes records (mappings), not arrays, so the array-based estimator checks do not apply to it;
# its contract is tested above. SignedLog1p is an ordinary numeric transformer and must pass them all.
@parametrize_with_checks([SignedLog1p()])
def test_sklearn_compatible(estimator, check):
    check(estimator)


def test_vowel_groups_count_as_the_regex_does() -> None:
    import re

    from classifier.features import _vowel_groups

    for text in ["", "a", "bcd", "aab", "queueing", "xé a yy", "äa", "ie\u0301o", "yyyyby", "ŷa\u2028eé€o",
                 "naïve coöperate", "a\U0001f600e"]:
        assert _vowel_groups(text) == len(re.findall("[aeiouy]+", text)), text
