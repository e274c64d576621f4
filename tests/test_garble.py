"""Tortured-phrase detector: spans, seeds, legitimate usage, page scores, artifact freshness."""

from __future__ import annotations

import subprocess
import sys

import pytest

from classifier.detectors.garble import CODE, DETECTORS, TorturedPhraseDetector, garble_scores
from classifier.garble.build import stale_inputs
from classifier.garble.lexicon import ARTIFACT_FILE, read_terms, read_thesaurus
from classifier.garble.matcher import GarbleMatcher
from classifier.garble.wordnet import LEXNAMES, WORDNET_DIR, available, lexnames_text
from classifier.page import parse
from classifier.resources import shared_dir

DET = DETECTORS[0]

# Written for these tests: a spun paragraph about a sleep medicine (none of its phrases is a seed phrase).
SPUN = (
    "Zolpidem is a resting pill that can cause obscured vision and muscle shortcoming. "
    "Patients with kidney sickness should ask their medical services supplier about the right measurement. "
    "Long haul use can lead to liquor reliance and respiratory discouragement in older adults."
)
# Legitimate uses of words that spinners also use.
CLEAN = (
    "During the first week she had two fits (seizures) and was moved to intensive care. "
    "Profound sedation is sometimes needed for mechanically ventilated patients. "
    "Hydrochloric acid in the stomach breaks down proteins; the acid is neutralised by bicarbonate. "
    "Common symptoms include nervousness, sweating and a racing heart. "
    "The cerebrum is the largest part of the brain and controls voluntary movement."
)


def _flags(text: str):
    page = parse(text, is_html=False)
    return page, DET.detect(page)


def test_registry_entry():
    assert isinstance(DET, TorturedPhraseDetector)
    assert DET.family == "garble"


def test_spun_paragraph_is_flagged_with_exact_spans_and_terms():
    page, flags = _flags(SPUN)
    assert flags, "no garble flag on a spun paragraph"
    for f in flags:
        assert f.code == CODE
        assert page.text[f.start : f.end] == f.evidence
        assert "looks like a spun form of" in f.message
    messages = " ".join(f.message for f in flags)
    assert "“blurred vision”" in messages
    assert "“respiratory depression”" in messages


def test_legitimate_usage_is_not_flagged():
    _page, flags = _flags(CLEAN)
    assert flags == []


def test_a_single_odd_phrase_is_not_enough():
    # One coinage on an otherwise clean page is how careful writers write too.
    _page, flags = _flags("Doctors watched for liquor withdrawal in the ward after the holidays.")
    assert flags == []


@pytest.mark.parametrize("text", ["", " ", "\x00\x01", "a" * 10000, "liquor " * 500, "🙂 " * 50])
def test_never_raises(text):
    page = parse(text, is_html=False)
    assert isinstance(DET.detect(page), list)


def test_garble_scores():
    page, flags = _flags(SPUN)
    scores = garble_scores(page, flags)
    assert all(k.startswith("garble_") for k in scores)
    assert scores["garble_hits_per_1k_words"] > 0
    assert 0 < scores["garble_sentence_share"] <= 1
    clean_page, clean_flags = _flags(CLEAN)
    assert garble_scores(clean_page, clean_flags)["garble_n_hits"] == 0


def test_term_removed_from_vocabulary_is_not_matched_as_a_variant():
    matcher = GarbleMatcher(exclude_terms=frozenset({"blurred vision"}))
    page = parse(SPUN, is_html=False)
    hits = matcher.find(page.text, page.lower, page.sentences, page.words)
    assert all(h.term != "blurred vision" for h in hits)


def test_vocabulary_is_general_not_seed_list():
    terms = read_terms()
    assert len(terms) >= 300
    assert {"brain", "drowsiness", "dizziness"} <= set(terms)
    assert len(read_thesaurus()) >= 100


def test_scoring_does_not_import_nltk_or_wordfreq():
    code = (
        "import sys\n"
        "from classifier.page import parse\n"
        "from classifier.detectors.garble import DETECTORS\n"
        f"DETECTORS[0].detect(parse({SPUN!r}, is_html=False))\n"
        "assert 'nltk' not in sys.modules and 'wordfreq' not in sys.modules, 'heavy import at scoring time'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_lexnames_lists_the_45_lexicographer_files():
    lines = lexnames_text().splitlines()
    assert len(lines) == len(LEXNAMES) == 45
    assert lines[0].split("\t") == ["00", "adj.all", "3"]
    assert lines[44].split("\t") == ["44", "adj.ppl", "3"]


def test_artifact_manifest_matches_current_inputs():
    if not available(WORDNET_DIR):
        pytest.skip(f"WordNet database absent at {WORDNET_DIR} (apt-get install wordnet-base wordnet-sense-index)")
    if shared_dir() is None:
        pytest.skip("../shared is absent: the build's attestation corpus lives there")
    stale = stale_inputs(ARTIFACT_FILE)
    assert not stale, f"artifact is stale ({stale}); rebuild with: python -m classifier.garble.build"


# --------------------------------------------------------------------------------------------------
# seeds


def test_seed_004_tortured_phrases(seeds_dir, seed_expectations):
    spec = seed_expectations["pages"]["004_3734c19eb5740fb1.txt"]
    page = parse((seeds_dir / "004_3734c19eb5740fb1.txt").read_text(encoding="utf-8"), is_html=False)
    flags = DET.detect(page)
    right = 0
    for phrase, term in spec["tortured_phrases"].items():
        i = page.text.find(phrase)
        assert i >= 0
        hits = [f for f in flags if f.start < i + len(phrase) and i < f.end]
        right += any(f"“{term}”" in f.message for f in hits)
    assert right >= 14, f"only {right} of {len(spec['tortured_phrases'])} seed phrases flagged with the right term"


@pytest.mark.parametrize(
    "name",
    ["000_02e9194da31de9ba.txt", "001_4b847eb9ddc879ea.txt", "002_14426d35d9a42302.txt", "003_e29362dcbdf48c62.txt"],
)
def test_clean_seeds_have_no_garble_flag(seeds_dir, name):
    page = parse((seeds_dir / name).read_text(encoding="utf-8"), is_html=False)
    assert DET.detect(page) == []


# --------------------------------------------------------------------------------------------------
# the evaluation of spun real articles


def test_spun_articles_are_flagged_more_often_than_the_same_articles_unspun():
    if not available(WORDNET_DIR):
        pytest.skip(f"WordNet database absent at {WORDNET_DIR} (the spinner reads it)")
    shared = shared_dir()
    if shared is None:
        pytest.skip("../shared is absent: the reliable articles live there")
    from classifier.evaluation.garble import evaluate_spun_articles

    res = evaluate_spun_articles(shared, n=12, rates=(0.5,), seed=3)
    assert res["articles"] == 12 and res["unspun"]["pages"] == res["spun_0.5"]["pages"] == 12
    # Clean reliable news almost never carries a garble flag; half its words spun, some pages do.
    assert res["unspun"]["share_pages_flagged"] < res["spun_0.5"]["share_pages_flagged"]
    assert res["spun_0.5"]["share_of_flags_on_a_spun_word"] >= 0.8
