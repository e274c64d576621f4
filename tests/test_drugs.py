"""The shared drug dictionary: public API, the original ids, matching rules, derived lexicons."""

from __future__ import annotations

import json

import pytest

from classifier.drugs import DRUGS_FILE, Drug, DrugDictionary, Mention, dictionary, load

ORIGINAL_IDS = {
    "diazepam", "alprazolam", "clonazepam", "lorazepam", "zolpidem", "tramadol", "oxycodone", "hydrocodone",
    "codeine", "carisoprodol", "gabapentin", "pregabalin", "modafinil", "amphetamine", "methylphenidate",
    "phentermine", "sildenafil", "tadalafil", "ivermectin", "hydroxychloroquine",
}


def test_original_ids_stay_and_list_grew():
    d = dictionary()
    assert set(d.drugs) >= ORIGINAL_IDS
    assert len(d) >= 80
    assert dictionary() is d  # loaded once


def test_records_are_complete():
    raw = json.loads(DRUGS_FILE.read_text(encoding="utf-8"))["drugs"]
    ids = [e["id"] for e in raw]
    assert len(ids) == len(set(ids))
    for e in raw:
        assert e["id"] == e["id"].lower() and e["category"] and e["class"]
        assert e["schedule"] in (None, "I", "II", "III", "IV", "V")


def test_resolve_get_names():
    d = dictionary()
    assert d.resolve("Valium") == "diazepam" and d.resolve(" XANAX ") == "alprazolam"
    assert d.resolve("Ozempic") == "semaglutide" and d.resolve("no such drug") is None
    drug = d.get("diazepam")
    assert isinstance(drug, Drug) and drug.schedule == "IV" and "Valium" in drug.brands
    assert d.names(("brand",))["levitra"] == "vardenafil"
    assert "bars" not in d.names(("generic", "brand"))
    assert "diazepam" in d and "aspirinx" not in d
    # generic brands licensed abroad that pharmacy spam sells
    assert d.resolve("Kamagra") == "sildenafil" and d.resolve("Vidalista") == "tadalafil" and d.resolve("Aspadol") == "tapentadol"


def test_find_whole_words_longest_match_and_no_street_names_by_default():
    d = dictionary()
    text = "Take Ambien CR at night; bars of chocolate; Xanax bars; Valiumish is not a name."
    found = d.find(text)
    assert [(m.surface, m.drug, m.kind) for m in found] == [("Ambien CR", "zolpidem", "brand"), ("Xanax", "alprazolam", "brand")]
    assert all(isinstance(m, Mention) and text[m.start : m.end] == m.surface for m in found)
    # street names only when asked for, and slang that is also an everyday word ("bars") never
    assert [(m.surface, m.kind) for m in d.find("a few xannies", kinds=("street",))] == [("xannies", "street")]
    assert d.find(text, kinds=("street",)) == []


def test_load_reports_a_broken_file(tmp_path):
    bad = tmp_path / "drugs.json"
    bad.write_text(json.dumps({"drugs": [{"generic": "x"}]}), encoding="utf-8")
    with pytest.raises(ValueError, match="id"):
        load(bad)
    empty = tmp_path / "empty.json"
    empty.write_text("{}", encoding="utf-8")
    assert isinstance(load(empty), DrugDictionary) and load(empty).find("Valium") == []


def test_misspellings_lexicon_is_built_from_this_dictionary(tmp_path):
    pytest.importorskip("wordfreq")
    from classifier.detectors.commercial import MISSPELLINGS_FILE, build_misspellings

    fresh = tmp_path / "m.json"
    build_misspellings(fresh)
    assert json.loads(fresh.read_text(encoding="utf-8")) == json.loads(MISSPELLINGS_FILE.read_text(encoding="utf-8"))
    spellings = json.loads(fresh.read_text(encoding="utf-8"))["misspellings"]
    assert "slice" not in spellings and "xanaxx" in spellings


def test_claim_misspellings_are_built_from_this_dictionary(tmp_path):
    pytest.importorskip("wordfreq")
    from classifier.claimcheck.spelling import SPELLINGS_FILE, build, variants

    fresh = tmp_path / "c.json"
    build(fresh)
    assert json.loads(fresh.read_text(encoding="utf-8")) == json.loads(SPELLINGS_FILE.read_text(encoding="utf-8"))
    spellings = json.loads(fresh.read_text(encoding="utf-8"))["misspellings"]
    # vowels, dropped letters, sound-alikes; never an English word or a real name
    assert spellings["klonipin"] == "clonazepam" and spellings["fentermine"] == "phentermine"
    assert spellings["hydrocodon"] == "hydrocodone" and spellings["zanax"] == "alprazolam"
    assert "narco" not in spellings and "norco" not in spellings and "amber" not in spellings
    assert "xanax" not in variants("xanax") and "zanax" in variants("xanax")


def test_names_agree_with_the_drug_ner_package():
    import importlib.util

    if importlib.util.find_spec("drug_named_entity_recognition") is None:
        pytest.skip("drug-named-entity-recognition is not installed (a build-time cross-check only)")
    from classifier.drugs import check_against_package

    report = check_against_package()
    assert report["conflicts"] == []
    assert "percocet" in report["unknown"]  # combination and street-market brands are ours alone


def test_find_answers_a_repeated_page_question_from_memory_without_sharing_lists():
    from classifier.drugs import dictionary

    d = dictionary()
    text = "Valium (diazepam) and Xanax are benzodiazepines."
    low = text.lower()
    first = d.find(text, lower=low)
    again = d.find(text, lower=low)
    assert again == first and again is not first
    again.clear()
    assert d.find(text, lower=low) == first
    # Another string with the same content, or other kinds, is answered afresh (and the same way).
    other = "Valium (diazepam) and Xanax are benzodiazepines. "[:-1]
    assert d.find(other, lower=other.lower()) == first
    assert d.find(text, lower=low, kinds=("generic",)) == [m for m in first if m.kind == "generic"]
