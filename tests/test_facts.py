"""Reference facts: bundled files are complete and sourced, user files load and merge, bad files fail clearly."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from classifier.drugs import dictionary
from classifier.facts import FACT_TYPES, FactFileError, cli_main, load_facts, validate_file
from classifier.resources import FACTS_DIR

REQUIRED_TYPES = ("class", "mechanism", "indication", "half_life", "schedule", "risk")


@pytest.fixture(scope="module")
def fb():
    return load_facts()


#: The drugs most discussed in health spam and misinformation: each must have a fact sheet.
CORE = ("diazepam", "alprazolam", "clonazepam", "lorazepam", "zolpidem", "tramadol", "oxycodone", "hydrocodone",
        "codeine", "carisoprodol", "gabapentin", "pregabalin", "modafinil", "amphetamine", "methylphenidate",
        "phentermine", "sildenafil", "tadalafil", "ivermectin", "hydroxychloroquine")


def test_bundled_facts_cover_the_core_drugs(fb) -> None:
    missing = sorted(set(CORE) - set(fb.drugs))
    assert not missing, f"no fact file for {missing}"
    # Fact ids key on the drug dictionary's ids, so that mentions found by name reach their facts.
    assert set(fb.drugs) <= set(dictionary().drugs)


@pytest.mark.parametrize("drug", sorted(json.loads(p.read_text())["drug"] for p in FACTS_DIR.glob("*.json")))
def test_each_drug_has_typed_sourced_facts(fb, drug: str) -> None:
    d = fb.get(drug)
    types = {f.type for f in d.facts}
    assert set(REQUIRED_TYPES) <= types, f"{drug} lacks {set(REQUIRED_TYPES) - types}"
    assert any(f.key for f in d.facts if f.type in ("risk", "interaction")), f"{drug}: no key risk"
    for f in d.facts:
        assert f.type in FACT_TYPES
        assert f.id.startswith(drug + ".")
        assert len(f.source) > 10 and len(f.statement) > 10


def test_schedules_agree_with_drug_dictionary(fb) -> None:
    for drug in (dictionary().get(d) for d in CORE):
        sched = fb.get(drug.id).first("schedule")
        assert sched.value == drug.schedule, f"{drug.id}: facts say {sched.value}, dictionary says {drug.schedule}"


def test_half_lives_from_the_labels(fb) -> None:
    dz = fb.get("diazepam").first("half_life")
    assert dz.value["max"] == 48 and dz.value["unit"] == "h"
    assert dz.metabolite["name"] == "desmethyldiazepam" and dz.metabolite["max"] == 100 and dz.metabolite["active"]
    al = fb.get("alprazolam").first("half_life").value
    assert (al["min"], al["max"], al["typical"]) == (6.3, 26.9, 11.2)
    kl = fb.get("clonazepam").first("half_life").value
    assert (kl["min"], kl["max"]) == (30, 40)


def test_mechanism_actions_agree_with_drugcentral(fb, shared_dir: Path) -> None:
    path = shared_dir / "datasets" / "drugs" / "drugcentral_targets_subset.tsv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    actions: dict[str, set[str]] = {}
    for r in rows:
        actions.setdefault(r["drug"], set()).add(r["actions"])
    checked = 0
    for d in fb.drugs.values():
        mech = d.first("mechanism")
        act = mech.extra.get("drugcentral_action")
        if act and d.id in actions:
            assert act in actions[d.id], f"{d.id}: {act!r} not in DrugCentral {actions[d.id]}"
            checked += 1
    assert checked >= 15


# --------------------------------------------------------------------------------------------------
# user fact files

MELATONIN = {
    "schema": 1,
    "drug": "melatonin",
    "names": {"generic": "melatonin", "brands": ["Circadin"]},
    "facts": [
        {"id": "melatonin.class", "type": "class", "statement": "Melatonin is a hormone sold as a supplement.",
         "terms": ["hormone", "supplement"], "false_terms": ["benzodiazepine"], "source": "NCCIH, Melatonin: What You Need To Know"},
        {"id": "melatonin.half_life", "type": "half_life", "statement": "Half-life under an hour.",
         "value": {"min": 20, "max": 50, "unit": "min"}, "source": "Circadin EMA SmPC, 5.2 Pharmacokinetic properties"},
    ],
}


def _write(tmp_path: Path, name: str, data) -> Path:
    p = tmp_path / name
    p.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return p


def test_user_dir_adds_a_drug_that_claims_can_be_checked_against(tmp_path: Path) -> None:
    from classifier.claims import check_claims
    from classifier.page import parse

    _write(tmp_path, "melatonin.json", MELATONIN)
    fb = load_facts([tmp_path])
    assert "melatonin" in fb and "diazepam" in fb
    checks, _ = check_claims(parse("Melatonin is a benzodiazepine.", is_html=False), fb)
    assert [(c.drug, c.verdict, c.fact_id) for c in checks] == [("melatonin", "contradicted", "melatonin.class")]
    checks, _ = check_claims(parse("Circadin has a half-life of about 40 minutes.", is_html=False), fb)
    assert [c.verdict for c in checks] == ["supported"]


def test_user_fact_with_same_id_replaces_the_bundled_one(tmp_path: Path, fb) -> None:
    extra = {"schema": 1, "drug": "diazepam", "facts": [
        {"id": "diazepam.schedule", "type": "schedule", "value": "III", "statement": "Test override.", "source": "test source text"}]}
    _write(tmp_path, "diazepam.json", extra)
    fb2 = load_facts([tmp_path])
    assert fb2.get("diazepam").first("schedule").value == "III"
    assert len(fb2.get("diazepam").facts) == len(fb.get("diazepam").facts)


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d["facts"][0].pop("source"), "facts[0].source"),
        (lambda d: d["facts"][0].update(type="rumour"), "facts[0].type"),
        (lambda d: d["facts"][0].update(id="other.class"), "facts[0].id"),
        (lambda d: d["facts"][0].update(predicates=["@no.such.predicate"]), "facts[0].predicates[0]"),
        (lambda d: d["facts"][0].update(predicates=["(unclosed"]), "facts[0].predicates[0]"),
        (lambda d: d["facts"][1]["value"].update(unit="weeks"), "facts[1].value.unit"),
        (lambda d: d["facts"][1]["value"].update(min=90), "facts[1].value.min"),
        (lambda d: d.update(schema=2), "schema"),
        (lambda d: d["facts"][1].update(id="melatonin.class"), "facts[1].id"),
        (lambda d: d["facts"][0].update(colour="blue"), "facts[0].colour"),
        (lambda d: d["facts"].append({"id": "melatonin.potency", "type": "potency", "value": "strong",
                                      "statement": "x", "source": "y"}), "facts[2].value"),
        (lambda d: d["facts"].append({"id": "melatonin.not_for", "type": "not_for", "statement": "x", "source": "y"}), "facts[2].terms"),
        (lambda d: d["facts"][0].update(use=True), "facts[0].use"),
        (lambda d: d["facts"][0].update(age_below=12), "facts[0].age_below"),
        (lambda d: d["facts"].append({"id": "melatonin.not_for", "type": "not_for", "terms": ["children"], "age_below": 40,
                                      "statement": "x", "source": "y"}), "facts[2].age_below"),
        (lambda d: d["facts"].append({"id": "melatonin.dose", "type": "dose_adjust", "statement": "x", "source": "y"}), "facts[2].terms"),
        (lambda d: d["facts"][0].update(none=True), "facts[0].none"),
        (lambda d: d["facts"][0].update(products=["patch"]), "facts[0].products"),
        (lambda d: d["facts"].append({"id": "melatonin.dose", "type": "dose", "value": {"max": [10, 5]},
                                      "statement": "x", "source": "y"}), "facts[2].value.max"),
        (lambda d: d["facts"].append({"id": "melatonin.dose", "type": "dose", "value": {"max": [1, 5], "per": "minute"},
                                      "statement": "x", "source": "y"}), "facts[2].value"),
        (lambda d: d["facts"].append({"id": "melatonin.wait", "type": "interval", "terms": ["alcohol"], "value": {"min": 2},
                                      "statement": "x", "source": "y"}), "facts[2].value"),
        (lambda d: d["facts"].append({"id": "melatonin.food", "type": "food", "value": {"food": "sometimes"},
                                      "statement": "x", "source": "y"}), "facts[2].value"),
        (lambda d: d["facts"].append({"id": "melatonin.food", "type": "food", "value": {"food": "without", "water_oz_max": -4},
                                      "statement": "x", "source": "y"}), "facts[2].value"),
        (lambda d: d["facts"].append({"id": "melatonin.often", "type": "frequency", "value": {"every": [24, 8], "unit": "h"},
                                      "statement": "x", "source": "y"}), "facts[2].value.every"),
        (lambda d: d["facts"].append({"id": "melatonin.often", "type": "frequency", "value": {"every": [1, 1], "unit": "weeks"},
                                      "statement": "x", "source": "y"}), "facts[2].value"),
        (lambda d: d["facts"].append({"id": "melatonin.often", "type": "frequency", "value": {"every": [1, 1], "unit": "d", "as_needed": "yes"},
                                      "statement": "x", "source": "y"}), "facts[2].value.as_needed"),
        (lambda d: d["facts"].append({"id": "melatonin.often", "type": "frequency", "value": {"every": [1, 1], "unit": "d"},
                                      "products": "tablets", "statement": "x", "source": "y"}), "facts[2].products"),
        (lambda d: d["facts"].append({"id": "melatonin.course", "type": "duration", "value": {"longest": 3, "unit": "weeks"},
                                      "statement": "x", "source": "y"}), "facts[2].value"),
        (lambda d: d["facts"].append({"id": "melatonin.course", "type": "duration", "value": {"longest": 0, "unit": "w"},
                                      "statement": "x", "source": "y"}), "facts[2].value.longest"),
        (lambda d: d["facts"].append({"id": "melatonin.course", "type": "duration", "value": {"long_term": "yes"},
                                      "statement": "x", "source": "y"}), "facts[2].value"),
        (lambda d: d["facts"].append({"id": "melatonin.targets", "type": "targets", "terms": ["melatonin"], "false_terms": ["blood pressure"],
                                      "statement": "x", "source": "y"}), "facts[2].false_terms"),
        (lambda d: d["facts"].append({"id": "melatonin.targets", "type": "targets", "false_terms": ["gaba"],
                                      "statement": "x", "source": "y"}), "facts[2].terms"),
        (lambda d: d["facts"].append({"id": "melatonin.only", "type": "risk", "terms": ["drowsy"], "when": ["jet lag"],
                                      "statement": "x", "source": "y"}), "facts[2].when"),
        (lambda d: d["facts"].append({"id": "melatonin.only", "type": "false_claim", "verdict": "contradicted",
                                      "predicates": ["\\bcures\\b"], "when": "jet lag", "statement": "x", "source": "y"}),
         "facts[2].when"),
        # a dose for one use may carry "when", not together with products
        (lambda d: d["facts"].append({"id": "melatonin.dose", "type": "dose", "value": {"max": [1, 5]}, "when": ["jet lag"],
                                      "products": ["gummies"], "statement": "x", "source": "y"}), "facts[2].when"),
        # product schedules name the fact's own schedules
        (lambda d: d["facts"].append({"id": "melatonin.schedule", "type": "schedule", "value": None,
                                      "product_schedules": {"V": ["gummies"]}, "statement": "x", "source": "y"}),
         "facts[2].product_schedules"),
        (lambda d: d["facts"].append({"id": "melatonin.schedule", "type": "schedule", "value": "IV",
                                      "product_schedules": {"IV": []}, "statement": "x", "source": "y"}),
         "facts[2].product_schedules"),
        (lambda d: d["facts"][0].update(product_schedules={"IV": ["gummies"]}), "facts[0].product_schedules"),
        # the words that open the other schedules need those schedules
        (lambda d: d["facts"].append({"id": "melatonin.schedule", "type": "schedule", "value": "IV",
                                      "also_when": ["analogue"], "statement": "x", "source": "y"}),
         "facts[2].also_when"),
        (lambda d: d["facts"][0].update(also_when=["analogue"]), "facts[0].also_when"),
    ],
)
def test_bad_file_names_file_field_and_expectation(tmp_path: Path, mutate, field: str) -> None:
    data = json.loads(json.dumps(MELATONIN))
    mutate(data)
    path = _write(tmp_path, "melatonin.json", data)
    with pytest.raises(FactFileError) as info:
        load_facts([tmp_path])
    msg = str(info.value)
    assert str(path) in msg and field in msg and "expected" in msg
    assert info.value.field == field
    assert isinstance(info.value, ValueError)


def test_bad_json_and_missing_dir(tmp_path: Path) -> None:
    path = _write(tmp_path, "broken.json", "{ not json")
    with pytest.raises(FactFileError, match="broken.json: JSON"):
        validate_file(path)
    with pytest.raises(FactFileError, match="directory"):
        load_facts([tmp_path / "nope"])


# --------------------------------------------------------------------------------------------------
# command line


def test_cli_show_list_validate(tmp_path: Path, capsys) -> None:
    assert cli_main(["show", "Valium"]) == 0
    out = capsys.readouterr().out
    assert "diazepam" in out and "21 CFR 1308.14" in out and "desmethyldiazepam" in out and "source:" in out
    assert cli_main(["show", "diazepam", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["drug"] == "diazepam"
    assert cli_main(["list"]) == 0
    assert "hydroxychloroquine" in capsys.readouterr().out
    assert cli_main(["validate", str(FACTS_DIR)]) == 0
    bad = json.loads(json.dumps(MELATONIN))
    del bad["facts"][0]["source"]
    _write(tmp_path, "bad.json", bad)
    assert cli_main(["validate", str(tmp_path)]) == 1
    assert "facts[0].source" in capsys.readouterr().out
    assert cli_main(["show", "no-such-drug"]) == 1
