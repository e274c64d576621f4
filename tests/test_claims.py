"""Claim checking: typed verdicts, negation, hedging and reporting, comparisons, flags and features."""

from __future__ import annotations

import pytest

from classifier.claims import FLAG_CODES, check_claims, claim_features
from classifier.facts import load_facts
from classifier.page import parse


@pytest.fixture(scope="module")
def fb():
    return load_facts()


def _check(text: str, fb, is_html: bool = False):
    page = parse(text, is_html=is_html)
    checks, flags = check_claims(page, fb)
    for f in flags:
        assert page.text[f.start:f.end] == f.evidence
    for c in checks:
        assert page.text[c.start:c.end] == c.text
    return checks, flags


def _assert_only_verdict(fb, text: str, drug: str, verdict: str) -> None:
    """The sentence gives ``drug`` exactly one check, with ``verdict``."""
    checks, _ = _check(text, fb)
    assert [c.verdict for c in checks if c.drug == drug] == [verdict], [(c.drug, c.verdict, c.note) for c in checks]


def _assert_verdict(fb, text: str, drug: str, verdict: str, fact_id: str | None) -> list:
    """``drug`` gets ``verdict`` on ``text`` (from the fact ``fact_id`` when one is given); returns the checks."""
    checks, _ = _check(text, fb)
    mine = [c for c in checks if c.drug == drug and (fact_id is None or c.fact_id == fact_id)]
    assert mine and verdict in [c.verdict for c in mine], [(c.drug, c.verdict, c.fact_id, c.note) for c in checks]
    return checks


def _assert_not_contradicted(fb, text: str, drug: str) -> None:
    checks, _ = _check(text, fb)
    assert not [c for c in checks if c.drug == drug and c.verdict == "contradicted"], [(c.drug, c.verdict, c.note) for c in checks]


@pytest.mark.parametrize(
    ("text", "drug", "verdict", "claim_type"),
    [
        # mechanism predicates
        ("Valium works by increasing GABA levels in the brain.", "diazepam", "contradicted", "mechanism"),
        ("Diazepam does not raise GABA levels; it makes GABA-A receptors respond more strongly.", "diazepam", "supported", "mechanism"),
        ("Xanax enhances the inhibitory effect of GABA.", "alprazolam", "supported", "mechanism"),
        ("Gabapentin binds directly to GABA-A receptors.", "gabapentin", "contradicted", "mechanism"),
        ("Pregabalin binds the alpha-2-delta subunit of calcium channels.", "pregabalin", "supported", "mechanism"),
        # class words and negation
        ("Diazepam is a narcotic.", "diazepam", "contradicted", "class"),
        ("Diazepam is not a narcotic.", "diazepam", "supported", "class"),
        ("Tramadol is not an opioid.", "tramadol", "contradicted", "class"),
        ("Ambien is a benzodiazepine.", "zolpidem", "contradicted", "class"),
        ("Klonopin is a benzodiazepine.", "clonazepam", "supported", "class"),
        # indications, risks, interactions, denials
        ("Valium is commonly used to manage muscle spasms.", "diazepam", "supported", "indication"),
        ("Xanax is not addictive.", "alprazolam", "contradicted", "risk"),
        ("Tramadol is non-addictive.", "tramadol", "contradicted", "risk"),
        ("Codeine cannot lead to dependence.", "codeine", "contradicted", "risk"),
        ("Do not drink alcohol while taking Xanax, as it can cause dangerous respiratory depression.", "alprazolam", "supported", "interaction"),
        ("Cialis must not be combined with nitrates.", "tadalafil", "supported", "risk"),
        ("Viagra is safe to combine with nitroglycerin.", "sildenafil", "contradicted", "risk"),
        # legal status
        ("Oxycodone is a Schedule II controlled substance.", "oxycodone", "supported", "legal_status"),
        ("Oxycodone is a Schedule V drug.", "oxycodone", "contradicted", "legal_status"),
        ("You can buy Ativan over the counter.", "lorazepam", "contradicted", "legal_status"),
        ("Gabapentin is not a federally controlled substance.", "gabapentin", "supported", "legal_status"),
        # half-life: numbers (also in words), long/short, comparisons both ways
        ("Ambien has a half-life of about 2.5 hours.", "zolpidem", "supported", "half_life"),
        ("Ambien has a half-life of 30 hours.", "zolpidem", "contradicted", "half_life"),
        ("Codeine has a half-life of about three hours.", "codeine", "supported", "half_life"),
        ("Because Valium has a relatively long half-life, it can accumulate.", "diazepam", "supported", "half_life"),
        ("Valium has a longer half-life than Xanax and Klonopin.", "diazepam", "supported", "comparison"),
        ("Xanax has a longer half-life than Valium.", "alprazolam", "contradicted", "comparison"),
        ("Compared with Viagra, Cialis has a much longer half-life.", "tadalafil", "supported", "comparison"),
        # efficacy claims: asserted, hedged, reported, rejected
        ("Ivermectin cures COVID-19.", "ivermectin", "contradicted", "indication"),
        ("Some people believe ivermectin might help treat COVID-19.", "ivermectin", "unsupported", "indication"),
        ("Trump spent weeks promoting hydroxychloroquine as a treatment for COVID-19.", "hydroxychloroquine", "unsupported", "indication"),
        ("There is no evidence that hydroxychloroquine prevents COVID-19.", "hydroxychloroquine", "supported", "indication"),
        ("Ivermectin treats river blindness.", "ivermectin", "supported", "indication"),
        # benefits no reference backs
        ("Research suggests that Valium may have neuroprotective properties.", "diazepam", "unsupported", "benefit"),
        ("Adderall raises your IQ.", "amphetamine", "unsupported", "benefit"),
        # lay wording: adjectives, "make you dependent", abbreviations, slow clearance
        ("Soma can make you drowsy.", "carisoprodol", "supported", "risk"),
        ("Valium won't make you dependent.", "diazepam", "contradicted", "risk"),
        ("HCQ is an antiviral drug.", "hydroxychloroquine", "contradicted", "class"),
        ("Klonopin is cleared slowly, so its effects last a long time.", "clonazepam", "supported", "half_life"),
        ("Gabapentin is not controlled under federal law.", "gabapentin", "supported", "legal_status"),
        # uses no fact of the drug names
        ("Xanax is used to treat depression.", "alprazolam", "unsupported", "indication"),
        ("Gabapentin is used to treat nerve pain caused by shingles.", "gabapentin", "supported", "indication"),
    ],
)
def test_verdicts(fb, text: str, drug: str, verdict: str, claim_type: str) -> None:
    checks, _ = _check(text, fb)
    mine = [c for c in checks if c.drug == drug]
    assert mine, f"no claim found for {drug} in {text!r}: {checks}"
    c = mine[0]
    assert (c.verdict, c.claim_type) == (verdict, claim_type), c.note
    if c.fact_id is not None:
        assert c.fact_id.startswith(drug + ".") and c.source


def test_contradicted_claim_names_fact_and_source(fb) -> None:
    checks, flags = _check("By increasing GABA levels, Valium calms the brain.", fb)
    assert checks[0].fact_id == "diazepam.mechanism" and "12.1" in checks[0].source
    assert [f.code for f in flags] == ["claims.contradicted"]
    assert "increasing GABA levels" in flags[0].evidence


def test_drugs_in_one_sentence_do_not_borrow_each_others_errors(fb) -> None:
    checks, flags = _check("Unlike gabapentin, Valium acts on GABA-A receptors.", fb)
    assert not [c for c in checks if c.verdict == "contradicted"]
    checks, _ = _check("Valium, like opioids, can slow breathing when mixed with alcohol.", fb)
    assert all(c.verdict != "contradicted" for c in checks)


@pytest.mark.parametrize(
    ("text", "drug", "verdict"),
    [
        # a wrong class word said of another drug, or as a point of contrast, is not said of this one
        ("Unlike benzodiazepines, Adderall is a stimulant.", "amphetamine", "supported"),
        ("Unlike oxycodone, which is an opioid, diazepam is a benzodiazepine.", "diazepam", "supported"),
        ("Unlike oxycodone, which is an opioid, diazepam is a benzodiazepine.", "oxycodone", "supported"),
        # a wrong class word that only modifies another noun names no class
        ("Zolpidem is a benzodiazepine receptor agonist.", "zolpidem", "supported"),
        ("Ambien is a benzodiazepine like Xanax.", "zolpidem", "contradicted"),
        ("Naltrexone is an opioid antagonist.", "naltrexone", "supported"),
        ("Taking Valium with oxycodone, a benzodiazepine, is fine.", "oxycodone", "contradicted"),
        # the half-life is the duration nearest the words, not the time to peak before them
        ("Alprazolam reaches peak plasma levels in 1 to 2 hours and has a mean half-life of 11.2 hours.",
         "alprazolam", "supported"),
        ("Lorazepam peaks in about 2 hours, and its half-life is roughly 12 hours.", "lorazepam", "supported"),
        ("Lorazepam peaks in about 12 hours, and its half-life is roughly 1 hour.", "lorazepam", "contradicted"),
    ],
)
def test_class_words_and_numbers_belong_to_the_right_thing(fb, text: str, drug: str, verdict: str) -> None:
    checks, _ = _check(text, fb)
    assert [c.verdict for c in checks if c.drug == drug] == [verdict], [(c.drug, c.verdict, c.note) for c in checks]


def test_a_drug_without_facts_owns_its_phrases(fb) -> None:
    # Rogaine (minoxidil: in the drug dictionary, no fact file) is the one sold over the counter.
    text = "Rogaine is available over the counter now, and a month of Propecia costs about $75."
    assert not [c for c in _check(text, fb)[0] if c.verdict == "contradicted"]
    # The same phrase said of a prescription-only drug with facts still is.
    checks, _ = _check("Propecia is available over the counter now.", fb)
    assert [c.verdict for c in checks] == ["contradicted"]
    # "X, often mixed with Y, is not an opioid" is said of X (xylazine: in the dictionary, no facts).
    assert not _check("Xylazine, often mixed with fentanyl, is not an opioid.", fb)[0]
    # A drug named only as a contrast or a modifier does not own what follows.
    checks, _ = _check("Ozempic is a drug that, unlike amphetamine-based diet pills, is not habit-forming.", fb)
    assert not [c for c in checks if c.drug == "amphetamine" and c.verdict == "contradicted"]


def test_a_class_word_in_a_longer_phrase_is_neither_claimed_nor_denied(fb) -> None:
    for text in ("Oxycodone is not for opioid-naive patients.", "Fentanyl is not an opioid antagonist."):
        assert not [c for c in _check(text, fb)[0] if c.verdict == "contradicted"], text


def test_pronoun_continues_the_previous_sentence_but_not_a_new_paragraph(fb) -> None:
    checks, _ = _check("Valium is a benzodiazepine. It works by increasing GABA levels.", fb)
    assert [c.verdict for c in checks] == ["supported", "contradicted"]
    checks, _ = _check("Valium is a benzodiazepine.\n\nIt works by increasing GABA levels.", fb)
    assert [c.verdict for c in checks] == ["supported"]


def test_questions_and_pages_without_drugs_make_no_claims(fb) -> None:
    assert _check("Does Valium increase GABA levels?", fb) == ([], [])
    assert _check("Exercise and sleep help with stress. Nothing here names a medicine.", fb) == ([], [])
    assert _check("", fb) == ([], [])


BENEFITS = (
    "Valium is a wonderful medicine for modern life. Valium helps with anxiety and calms the mind. "
    "Valium relaxes tense muscles after a long day. Valium is also used for seizures. "
    "Many people say Valium helps them feel calm at work. " + "Calm minds make for a better life. " * 30
)


def test_benefit_only_needs_benefits_and_no_key_risk(fb) -> None:
    _, flags = _check(BENEFITS, fb)
    assert "claims.benefit_only" in {f.code for f in flags}
    _, flags = _check(BENEFITS + " Valium can cause dependence and withdrawal.", fb)
    assert "claims.benefit_only" not in {f.code for f in flags}
    # "alcohol withdrawal" is a use of the drug, not a mention of its withdrawal risk
    _, flags = _check(BENEFITS + " Valium is also used for alcohol withdrawal.", fb)
    assert "claims.benefit_only" in {f.code for f in flags}


def test_overstatement(fb) -> None:
    _, flags = _check("Xanax is a guaranteed cure for anxiety with no side effects.", fb)
    assert "claims.overstated" in {f.code for f in flags}
    _, flags = _check("Xanax may help some people with anxiety for a short time.", fb)
    assert "claims.overstated" not in {f.code for f in flags}


def test_claim_features(fb) -> None:
    checks, flags = _check("Valium is a benzodiazepine. It works by increasing GABA levels.", fb)
    feats = claim_features(checks, flags)
    assert all(k.startswith("claims_") and isinstance(v, float) for k, v in feats.items())
    assert feats["claims_n"] == 2 and feats["claims_contradicted"] == 1 and feats["claims_frac_contradicted"] == 0.5
    assert feats["claims_flag_contradicted"] == 1
    empty = claim_features([], [])
    assert empty["claims_n"] == 0 and empty["claims_frac_supported"] == 0
    assert {f"claims_flag_{c.split('.')[1]}" for c in FLAG_CODES} <= set(empty)


def test_bad_arguments(fb) -> None:
    with pytest.raises(TypeError, match="Page"):
        check_claims("text", fb)
    with pytest.raises(TypeError, match="FactBase"):
        check_claims(parse("Valium", is_html=False), {})


def test_seed_fact_expectations(fb, seeds_dir, seed_expectations) -> None:
    for name, exp in seed_expectations["pages"].items():
        checks, flags = _check((seeds_dir / name).read_text(encoding="utf-8"), fb)
        for item in exp.get("facts", []):
            got = [c.verdict for c in checks if item["claim"] in c.text or c.text in item["claim"]]
            assert item["verdict"] in got, f"{name}: {item['claim']!r} expected {item['verdict']}, got {got}"
        codes = {f.code for f in flags}
        for prefix in exp.get("must_not_flag", []):
            assert not any(c == prefix or c.startswith(prefix + ".") for c in codes), (name, prefix)
        for code, subs in exp.get("must_flag", {}).items():
            if code.startswith("claims."):
                ev = [f.evidence for f in flags if f.code == code]
                assert ev, (name, code)
                for s in subs:
                    assert any(s in e or e in s for e in ev), (name, code, s)


def test_heldout_claim_set_precision_of_contradicted(fb) -> None:
    from classifier.evaluation.facts import _scores, load_claim_set, predict

    rows = [r for r in load_claim_set() if r["split"] == "heldout"]
    # Every bundled drug has held-out claims (a fact file added without them would go unmeasured).
    assert len(rows) >= 100 and {r["drug"] for r in rows} == set(fb.drugs)
    # The batches written before blind3 keep the floor they always had; blind3 to blind23 (all 36 drugs
    # each, scored once when written) keep the figure they were first scored at. Precision of
    # "contradicted" matters most everywhere: a false "contradicted" accuses a careful page.
    for batches, min_f1 in (((None, "blind", "blind2"), 0.85), (("blind3",), 0.73), (("blind4",), 0.78), (("blind5",), 0.78),
                            (("blind6",), 0.71), (("blind7",), 0.62), (("blind8",), 0.60),
                            (("blind9",), 0.82), (("blind10",), 0.76), (("blind11",), 0.82), (("blind12",), 0.76),
                            (("blind13",), 0.85), (("blind14",), 0.77),
                            (("blind15",), 0.81), (("blind16",), 0.83), (("blind17",), 0.78),
                            (("blind18",), 0.80), (("blind19",), 0.78), (("blind20",), 0.77), (("blind21",), 0.75), (("blind22",), 0.80), (("blind23",), 0.79)):
        part = [r for r in rows if r.get("batch") in batches]
        scores = _scores([r["label"] for r in part], [predict(r["text"], r["drug"], fb)[0] for r in part])
        assert scores["contradicted"]["precision"] >= 0.9, batches
        assert scores["macro_f1"] >= min_f1, (batches, scores["macro_f1"])


@pytest.mark.parametrize(
    ("text", "drug", "verdict"),
    [
        # potency: the CDC morphine milligram equivalent factors decide the direction and the multiple
        ("Milligram for milligram, hydromorphone is several times more potent than morphine.", "hydromorphone", "supported"),
        ("Dilaudid is a mild painkiller, even weaker than codeine.", "hydromorphone", "contradicted"),
        ("Tramadol is stronger than oxycodone.", "tramadol", "contradicted"),
        ("Fentanyl is about 100 times stronger than morphine.", "fentanyl", "supported"),
        ("Fentanyl is 10,000 times stronger than morphine.", "fentanyl", "contradicted"),
        ("Fentanyl is hundred times stronger than morphine.", "fentanyl", "supported"),
        ("Hydrocodone is about as strong as morphine.", "hydrocodone", "supported"),
        ("Oxycodone is not as strong as codeine.", "oxycodone", "contradicted"),
        # time to elimination and to the end of the effect, against the half-life
        ("Ambien is out of your system within 24 hours.", "zolpidem", "supported"),
        ("Valium is completely out of your system after a day.", "diazepam", "contradicted"),
        ("Semaglutide is cleared from the body within a few hours.", "semaglutide", "contradicted"),
        ("Nuvigil wears off within about two hours.", "armodafinil", "contradicted"),
        # combinations the label warns about, called harmless or called unsafe
        ("A couple of beers with your hydromorphone won't hurt you.", "hydromorphone", "contradicted"),
        ("It is not safe to drink alcohol with Valium.", "diazepam", "supported"),
        # flat denials of a labelled risk, pregnancy included
        ("Unlike older weight-loss shots, Zepbound never causes nausea or diarrhea.", "tirzepatide", "contradicted"),
        ("Buprenorphine doesn't cause physical dependence.", "buprenorphine", "contradicted"),
        ("Xanax is perfectly safe during pregnancy.", "alprazolam", "contradicted"),
    ],
)
def test_potency_duration_combination_and_denial_claims(fb, text: str, drug: str, verdict: str) -> None:
    _assert_only_verdict(fb, text, drug, verdict)


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        # a multiple of nothing the facts know, or a comparison of something other than the drug's strength
        ("Oxycodone causes stronger constipation than morphine.", "oxycodone"),
        ("Fentanyl is 50 times stronger than heroin.", "fentanyl"),
        # an effect can end long before the drug is gone (redistribution), and a side effect is not the drug
        ("Ketamine wears off within 15 minutes.", "ketamine"),
        ("Methadone wears off within two or three hours.", "methadone"),
        ("The nausea from Ozempic wears off after a few days.", "semaglutide"),
        ("About 20% of a diazepam dose is eliminated in the urine within 24 hours.", "diazepam"),
        # a question, a condition, or a combination kept apart by "but"
        ("Ask your doctor whether it is safe to take Valium with alcohol.", "diazepam"),
        ("Valium is fine to take at bedtime, but avoid alcohol.", "diazepam"),
        # not flat denials: a hedge, a patient group, a study finding
        ("Oxycodone does not always cause constipation.", "oxycodone"),
        ("Duragesic is not for use in patients without opioid tolerance.", "fentanyl"),
        ("A year later there had been no overdoses in the Vivitrol group.", "naltrexone"),
        # a drug with no pregnancy fact is not judged on pregnancy
        ("Ambien is safe during pregnancy.", "zolpidem"),
    ],
)
def test_what_those_matchers_leave_alone(fb, text: str, drug: str) -> None:
    _assert_not_contradicted(fb, text, drug)


def test_potency_facts_cover_the_opioids_and_name_their_source(fb) -> None:
    potency = {d: f for d, df in fb.drugs.items() for f in df.facts if f.type == "potency"}
    assert {"codeine", "hydrocodone", "hydromorphone", "methadone", "morphine", "oxycodone", "tramadol", "fentanyl"} <= set(potency)
    assert potency["morphine"].value == 1 and potency["oxycodone"].value == 1.5
    assert all("CDC" in f.source for f in potency.values())


@pytest.mark.parametrize(
    ("text", "drug", "verdict"),
    [
        # a group, condition or use the label keeps the drug from: permitted is wrong, kept from is right
        ("People with type 1 diabetes can use Ozempic instead of insulin.", "semaglutide", "contradicted"),
        ("Ozempic is not for people with type 1 diabetes.", "semaglutide", "supported"),
        ("Codeine cough syrup is safe for young children.", "codeine", "contradicted"),
        ("Codeine should not be given to children under 12.", "codeine", "supported"),
        ("Tramadol is a good choice for kids after a tonsillectomy.", "tramadol", "contradicted"),
        ("Adipex is safe for people with heart disease.", "phentermine", "contradicted"),
        ("It is not safe to take phentermine if you have heart disease.", "phentermine", "supported"),
        ("Morphine must not be used in people with severe asthma.", "morphine", "supported"),
        ("Pregnant women can safely handle broken Propecia tablets.", "finasteride", "contradicted"),
        # an unapproved use: only "approved / proven for" is judged
        ("Hydroxychloroquine is an FDA-approved treatment for COVID-19.", "hydroxychloroquine", "contradicted"),
        ("Ivermectin is not approved by the FDA to treat COVID-19.", "ivermectin", "supported"),
        ("Gabapentin is approved for bipolar disorder.", "gabapentin", "contradicted"),
        # interaction agents named by a member of the class the label warns about
        ("Combining Dilaudid with Ativan is safe if you start low.", "hydromorphone", "contradicted"),
        ("You can safely take Adderall with Nardil.", "amphetamine", "contradicted"),
        ("Taking clarithromycin alongside your Xanax is no big deal.", "alprazolam", "contradicted"),
        ("Taking Restoril with opioids such as oxycodone is not safe.", "temazepam", "supported"),
        # side effects denied in other words
        ("Ambien won't leave you groggy or drowsy in the morning.", "zolpidem", "contradicted"),
        ("Soma doesn't make you drowsy at all.", "carisoprodol", "contradicted"),
        ("Modafinil has never been associated with skin rashes.", "modafinil", "contradicted"),
        ("Xanax isn't habit-forming.", "alprazolam", "contradicted"),
    ],
)
def test_not_for_class_member_and_worded_denial_claims(fb, text: str, drug: str, verdict: str) -> None:
    _assert_only_verdict(fb, text, drug, verdict)


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        # the older group, a storage warning, an opinion on an unapproved use, a question
        ("Tramadol can be given to children over 12 for moderate pain.", "tramadol"),
        ("Keep codeine in a safe place away from children.", "codeine"),
        ("Some doctors think gabapentin is a good option for anxiety.", "gabapentin"),
        ("Ask your doctor whether Ozempic is safe if you have type 1 diabetes.", "semaglutide"),
        ("Propecia is approved for men only, not women.", "finasteride"),
        # the combination kept apart, or asked about
        ("Xanax is safe for most adults, but avoid mixing it with opioids.", "alprazolam"),
        ("Ask your doctor whether combining Dilaudid with Ativan is safe.", "hydromorphone"),
        # a comparison, and the side effect stated
        ("Compared with morphine, ketamine isn't as addictive.", "ketamine"),
        ("Ambien can leave you drowsy the next morning.", "zolpidem"),
    ],
)
def test_what_the_not_for_and_class_rules_leave_alone(fb, text: str, drug: str) -> None:
    _assert_not_contradicted(fb, text, drug)


def test_not_for_facts_name_their_source_and_class_members_come_from_the_facts(fb) -> None:
    from classifier.claimcheck.index import _class_members

    not_for = [f for df in fb.drugs.values() for f in df.facts if f.type == "not_for"]
    assert len({f.drug for f in not_for}) >= 20
    assert all(f.terms and ("label" in f.source or "FDA" in f.source) for f in not_for)
    members = _class_members(fb)
    assert "oxycodone" in members["opioid"] and "percocet" in members["opioid"]["oxycodone"]
    assert "phenelzine" in members["maoi"][""]
    # the drug dictionary's class counts under every word of its bundled group ("benzos", "CNS depressants")
    assert "halcion" in members["benzo"]["triazolam"] and "halcion" in members["cns depressant"]["triazolam"]


@pytest.mark.parametrize(
    ("text", "drug", "verdict"),
    [
        # a labelled risk denied with other verbs, or as "no effect on" / "no warning about"
        ("Ritalin doesn't raise your blood pressure.", "methylphenidate", "contradicted"),
        ("Adderall does not increase the risk of stroke.", "amphetamine", "contradicted"),
        ("Plaquenil has no effect on heart rhythm.", "hydroxychloroquine", "contradicted"),
        ("Tramadol cannot cause seizures.", "tramadol", "contradicted"),
        ("Klonopin carries no warning about suicidal thoughts.", "clonazepam", "contradicted"),
        ("With the new formula you can't get addicted to OxyContin.", "oxycodone", "contradicted"),
        ("Vivitrol makes an overdose impossible.", "naltrexone", "contradicted"),
        # a combination the label warns about, called risk-free or without effect
        ("You can take Restoril with oxycodone with no added risk.", "temazepam", "contradicted"),
        ("A few drinks won't hurt while you're on MS Contin.", "morphine", "contradicted"),
        ("Modafinil doesn't affect the pill, so no backup method is needed.", "modafinil", "contradicted"),
        # a group named in the words pages use for it (corpus/lexicons/groups.json)
        ("Nursing moms can take tramadol without worry.", "tramadol", "contradicted"),
        ("Tramadol should not be used by nursing moms.", "tramadol", "supported"),
        ("Propecia is a good choice for ladies with thinning hair.", "finasteride", "contradicted"),
        # or by an age under the label's limit
        ("Codeine syrup is safe for a 5-year-old with a cough.", "codeine", "contradicted"),
        ("Valium is a safe way to calm a two-month-old baby.", "diazepam", "contradicted"),
        ("Ritalin is approved for toddlers as young as two.", "methylphenidate", "contradicted"),
        ("Codeine should never be given to a 5-year-old.", "codeine", "supported"),
        # the group in a condition, the cue in the main clause; a permit worded as "no reason to avoid"
        ("If you have sleepwalked on Ambien, it's fine to keep using it.", "zolpidem", "contradicted"),
        ("A family history of medullary thyroid cancer is no reason to avoid tirzepatide.", "tirzepatide", "contradicted"),
        # the dose the label changes for a group or a co-medication
        ("People with kidney disease can take the usual gabapentin dose with no adjustment.", "gabapentin", "contradicted"),
        ("Gabapentin doses must be lowered in people with reduced kidney function.", "gabapentin", "supported"),
        ("If you take ritonavir, you can keep using the usual 10 mg dose of Levitra.", "vardenafil", "contradicted"),
        ("Men and women get the same recommended starting dose of Ambien.", "zolpidem", "contradicted"),
        ("No dose adjustment of Ozempic is needed for kidney disease.", "semaglutide", "supported"),
        # stopping without a taper, where the label names withdrawal
        ("After a year on Ativan it's safe to stop cold turkey.", "lorazepam", "contradicted"),
        ("You can quit oxycodone abruptly without any tapering.", "oxycodone", "contradicted"),
        ("There's no need to taper Klonopin, just stop.", "clonazepam", "contradicted"),
        ("Stopping Klonopin suddenly can trigger seizures.", "clonazepam", "supported"),
        # naloxone said to be useless against an opioid overdose, with naloxone as the subject
        ("Narcan doesn't work on fentanyl.", "fentanyl", "contradicted"),
        ("Don't bother with Narcan for a methadone overdose.", "methadone", "contradicted"),
        # a denial whose clause ends before the words that would make it a finding
        ("Finasteride has no effect on PSA, so there's no need to mention it.", "finasteride", "contradicted"),
        # a limit of one kind of product: the extended-release forms, the patch
        ("OxyContin is meant for occasional, as-needed use for headaches.", "oxycodone", "contradicted"),
        ("A fentanyl patch is a good choice for short-term pain after minor surgery.", "fentanyl", "contradicted"),
        ("OxyContin is not for as-needed use.", "oxycodone", "supported"),
    ],
)
def test_denial_group_age_dose_and_taper_claims(fb, text: str, drug: str, verdict: str) -> None:
    _assert_only_verdict(fb, text, drug, verdict)


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        # qualified or comparative statements, not flat denials
        ("Ritalin doesn't raise blood pressure in most children, but check it regularly.", "methylphenidate"),
        ("Tramadol doesn't cause respiratory depression as often as morphine does.", "tramadol"),
        ("Modafinil does not increase heart rate much.", "modafinil"),
        # the drug named only as the contrast
        ("Unlike Ritalin, Strattera doesn't raise the risk of abuse.", "methylphenidate"),
        # ages at or over the label's limit, and numbers that are not ages
        ("A 40-year-old man can take Propecia for hair loss.", "finasteride"),
        ("Ritalin is approved for children aged 6 to 12.", "methylphenidate"),
        ("Adderall is approved for children as young as 3.", "amphetamine"),
        ("Codeine is safe when used under 3 days at low doses.", "codeine"),
        # a dose question, a dose that changes, a dose the label does not name
        ("People with kidney disease should ask their doctor whether the usual gabapentin dose is right for them.", "gabapentin"),
        ("In patients with kidney disease, the usual gabapentin dose must be reduced.", "gabapentin"),
        ("The usual adult dose of gabapentin is 300 mg three times a day.", "gabapentin"),
        ("The FDA lowered the recommended starting dose of zolpidem for women to 5 mg.", "zolpidem"),
        # stopping told as a story, or as the advice
        ("I stopped Xanax cold turkey and it was hell.", "alprazolam"),
        ("Never stop taking Ativan suddenly without talking to your doctor.", "lorazepam"),
        # a combination without the agent, or the risk kept
        ("OxyContin with no added acetaminophen is easier on the liver.", "oxycodone"),
        ("Mixing Xanax and alcohol carries a real risk of overdose.", "alprazolam"),
        # naloxone's failure as a condition in overdose instructions
        ("If naloxone does not work within 3 minutes, give a second dose for a morphine overdose.", "morphine"),
        # the same use for a product the limit does not cover
        ("Immediate-release oxycodone can be taken as needed for acute pain.", "oxycodone"),
        ("Intravenous fentanyl is a good choice for pain after surgery.", "fentanyl"),
    ],
)
def test_what_the_denial_group_age_dose_and_taper_rules_leave_alone(fb, text: str, drug: str) -> None:
    _assert_not_contradicted(fb, text, drug)


def test_dose_facts_and_groups_name_their_source(fb) -> None:
    from classifier.claimcheck.index import _groups

    dose = [f for df in fb.drugs.values() for f in df.facts if f.type == "dose_adjust"]
    assert len({f.drug for f in dose}) >= 20
    assert all(f.terms and "label" in f.source and "Dosage" in f.source or "8.6" in f.source or "8.7" in f.source for f in dose)
    assert {f.drug for f in dose if f.extra.get("none")} >= {"semaglutide", "tirzepatide"}
    groups = _groups()
    assert "nursing moms" in groups["breastfeeding"] and "dialysis" in groups["kidney disease"]
    # a narrower group does not take in every child
    assert "children" not in groups["young children"]
    ages = [f for df in fb.drugs.values() for f in df.facts if f.extra.get("age_below")]
    assert {f.drug for f in ages} >= {"codeine", "tramadol", "diazepam", "methylphenidate"}


@pytest.mark.parametrize(
    ("text", "drug", "verdict"),
    [
        # which way a drug moves a measure: words of change, a measure's own verbs, outcomes caused or sought,
        # conditions caused or treated
        ("Ketamine lowers blood pressure, which is why it is used in trauma.", "ketamine", "contradicted"),
        ("Ketamine causes a drop in blood pressure.", "ketamine", "contradicted"),
        ("Ozempic raises your blood sugar.", "semaglutide", "contradicted"),
        ("Ozempic does not lower blood sugar.", "semaglutide", "contradicted"),
        ("Ozempic treats high blood sugar.", "semaglutide", "supported"),
        ("Wegovy makes you gain weight.", "semaglutide", "contradicted"),
        ("Wegovy helps you lose weight.", "semaglutide", "supported"),
        ("Phentermine lowers your heart rate and calms you down.", "phentermine", "contradicted"),
        ("Oxycodone speeds up your breathing.", "oxycodone", "contradicted"),
        ("Fentanyl can cause respiratory depression.", "fentanyl", "supported"),
        ("Viagra raises blood pressure.", "sildenafil", "contradicted"),
        ("Viagra can cause low blood pressure when taken with nitrates.", "sildenafil", "supported"),
        ("Finasteride raises PSA levels.", "finasteride", "contradicted"),
        ("A nice bonus of Lyrica is that it slims you down.", "pregabalin", "contradicted"),
        ("Methylphenidate calms the heart, nudging both blood pressure and heart rate down.", "methylphenidate", "contradicted"),
        ("Plaquenil tends to push blood sugar up.", "hydroxychloroquine", "contradicted"),
        ("Long-term Ritalin can slow a child's growth.", "methylphenidate", "supported"),
        ("Adderall lowers blood pressure, so it suits people who already have hypertension.", "amphetamine", "contradicted"),
        # how a product must be taken
        ("It's fine to crush your OxyContin if you can't swallow pills.", "oxycodone", "contradicted"),
        ("MS Contin works faster if you chew it.", "morphine", "contradicted"),
        ("Crush Rybelsus and mix it with yogurt if you hate pills.", "semaglutide", "contradicted"),
        ("Cutting a Duragesic patch in half is an easy way to take a smaller dose.", "fentanyl", "contradicted"),
        ("Sublocade can be injected into a vein if you want it to work faster.", "buprenorphine", "contradicted"),
        ("Swallow OxyContin tablets whole; never crush, chew or dissolve them.", "oxycodone", "supported"),
        ("Xanax XR tablets should be swallowed whole.", "alprazolam", "supported"),
        # compounded copies, approval as a noun, a group in a tail clause or after "even if", degrees of a group
        ("Compounded semaglutide from a med spa is the same FDA-approved drug as Ozempic.", "semaglutide", "contradicted"),
        ("Viagra now has FDA approval to treat low sex drive in women.", "sildenafil", "contradicted"),
        ("The FDA authorized hydroxychloroquine as a proven, effective treatment for COVID-19.", "hydroxychloroquine", "contradicted"),
        ("OxyContin is designed to be taken just on bad pain days, as needed.", "oxycodone", "contradicted"),
        ("Ozempic is fine even if your mom had medullary thyroid cancer.", "semaglutide", "contradicted"),
        ("Cialis is a good choice for men who take isosorbide mononitrate.", "tadalafil", "contradicted"),
        ("With severe kidney impairment, the phentermine dose should be capped at 15 mg a day.", "phentermine", "supported"),
        ("Mounjaro can make birth-control pills less effective.", "tirzepatide", "supported"),
        ("Temazepam is an over-the-counter sleep aid.", "temazepam", "contradicted"),
        ("Diazepam clears out in a few hours.", "diazepam", "contradicted"),
    ],
)
def test_direction_administration_and_blind6_rules(fb, text: str, drug: str, verdict: str) -> None:
    _assert_only_verdict(fb, text, drug, verdict)


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        # a condition named alone, a question, a condition clause, both directions, another substance
        ("Phentermine is not for people with high blood pressure.", "phentermine"),
        ("Viagra is not safe for men with high blood pressure.", "sildenafil"),
        ("If your blood pressure drops, call your doctor about Adderall.", "amphetamine"),
        ("Does Adderall lower blood pressure?", "amphetamine"),
        ("Adderall overdose can cause a fast or slow heartbeat.", "amphetamine"),
        ("Ritalin doesn't raise blood pressure much in most children.", "methylphenidate"),
        ("Your doctor may lower the Ozempic dose if your blood sugar drops too low.", "semaglutide"),
        # an action told as a story, a warning, a product the label does not limit
        ("People crush and snort OxyContin to get high.", "oxycodone"),
        ("Crushing OxyContin releases the whole dose at once.", "oxycodone"),
        ("You can crush immediate-release oxycodone tablets if needed.", "oxycodone"),
        ("Ritalin tablets can be cut in half.", "methylphenidate"),
        ("If you cut the patch, too much fentanyl is released.", "fentanyl"),
        ("Adderall XR capsules can be opened and sprinkled on applesauce.", "amphetamine"),
        # the compounded copy called what it is; a hyphenated word that is not the class
        ("The FDA warns that compounded semaglutide is not FDA-approved.", "semaglutide"),
        ("Ketamine is a non-opioid anesthetic.", "ketamine"),
        ("Unlike over-the-counter sleep aids, temazepam needs a prescription.", "temazepam"),
    ],
)
def test_what_the_direction_and_administration_rules_leave_alone(fb, text: str, drug: str) -> None:
    _assert_not_contradicted(fb, text, drug)


def test_direction_and_administration_facts_name_their_source(fb) -> None:
    from classifier.claimcheck.direction import quantities

    direction = [f for df in fb.drugs.values() for f in df.facts if f.type == "direction"]
    assert len({f.drug for f in direction}) >= 25 and all(f.value in ("up", "down") and "label" in f.source for f in direction)
    admin = [f for df in fb.drugs.values() for f in df.facts if f.type == "administration"]
    assert {f.drug for f in admin} >= {"oxycodone", "morphine", "buprenorphine", "fentanyl", "semaglutide"}
    assert all(f.terms and f.extra.get("products") and "label" in f.source for f in admin)
    q = quantities()
    assert "pulse" in q["heart rate"].terms and "hypotension" in q["blood pressure"].down_conditions


@pytest.mark.parametrize(
    ("text", "drug", "verdict"),
    [
        # doses as numbers: a maximum, a starting dose, a usual dose, an amount called safe
        ("The most you can take of Xanax is 40 mg a day.", "alprazolam", "contradicted"),
        ("Never take more than 4 mg of Xanax a day.", "alprazolam", "supported"),
        ("Ambien's maximum dose is 10 mg a night.", "zolpidem", "supported"),
        ("Ozempic starts at 0.25 mg once a week.", "semaglutide", "supported"),
        ("Ozempic starts at 2 mg a week.", "semaglutide", "contradicted"),
        ("You can take up to 10 mg of Ozempic a week.", "semaglutide", "contradicted"),
        ("The maximum Mounjaro dose is 50 mg a week.", "tirzepatide", "contradicted"),
        ("Adults can safely take 200 mg of Vyvanse a day.", "lisdexamfetamine", "contradicted"),
        ("Provigil 200mg once daily is the standard dose.", "modafinil", "supported"),
        ("Don't exceed 1,000 mg of tramadol a day.", "tramadol", "contradicted"),
        ("The Vivitrol dose is 380 mg every four weeks.", "naltrexone", "supported"),
        ("The right dose of Propecia for hair loss is 5 mg twice a day.", "finasteride", "contradicted"),
        ("The usual starting dose of Dilaudid tablets is 2 to 4 mg every 4 to 6 hours.", "hydromorphone", "supported"),
        # the claim in the sentence after the name, with no pronoun
        ("My son just started Adderall XR. The usual first dose for a 7-year-old is 60 mg every morning.", "amphetamine", "contradicted"),
        ("I was put on Klonopin last month. The most anyone can take is 100 mg a day.", "clonazepam", "contradicted"),
        # advice passed on from one's own clinician is given as true
        ("I take Lyrica for nerve pain. My neurologist says the maximum is 2,000 mg a day.", "pregabalin", "contradicted"),
        # waiting times between two drugs
        ("You can start Adderall the day after you stop an MAOI.", "amphetamine", "contradicted"),
        ("Wait at least 14 days after stopping an MAO inhibitor before taking Adderall.", "amphetamine", "supported"),
        ("There's no need to wait two weeks after stopping Nardil before starting Adderall.", "amphetamine", "contradicted"),
        ("You don't have to wait two weeks after Nardil before starting Adderall.", "amphetamine", "contradicted"),
        ("With Cialis, 12 hours is enough before you can use nitroglycerin.", "tadalafil", "contradicted"),
        ("After a Cialis dose, at least 48 hours should pass before nitroglycerin is given.", "tadalafil", "supported"),
        ("You can start naltrexone the day after your last oxycodone pill.", "naltrexone", "contradicted"),
        # which way a drug moves its target
        ("Naltrexone switches on opioid receptors to keep cravings quiet.", "naltrexone", "contradicted"),
        ("Oxycodone works by blocking the mu-opioid receptor.", "oxycodone", "contradicted"),
        ("Methadone is an opioid blocker.", "methadone", "contradicted"),
        ("Ketamine activates NMDA receptors.", "ketamine", "contradicted"),
        ("Clonazepam works by blocking GABA.", "clonazepam", "contradicted"),
        ("Viagra is a PDE5 activator.", "sildenafil", "contradicted"),
        ("Semaglutide blocks the GLP-1 receptor.", "semaglutide", "contradicted"),
        ("Finasteride activates 5-alpha reductase.", "finasteride", "contradicted"),
        ("Adderall lowers dopamine in the brain.", "amphetamine", "contradicted"),
        ("Naltrexone blocks opioid receptors.", "naltrexone", "supported"),
        ("Oxycodone is a mu-opioid receptor agonist.", "oxycodone", "supported"),
        ("Ritalin blocks dopamine reuptake.", "methylphenidate", "not contradicted"),
    ],
)
def test_dose_interval_target_and_blind7_rules(fb, text: str, drug: str, verdict: str) -> None:
    if verdict == "not contradicted":
        _assert_not_contradicted(fb, text, drug)
    elif text.count(". ") == 0:
        _assert_only_verdict(fb, text, drug, verdict)
    else:  # the claim is the second sentence; the first may name a use of its own
        checks = [c for c in _check(text, fb)[0] if c.drug == drug]
        assert checks and checks[-1].verdict == verdict and checks[-1].text == text[text.index(". ") + 2:], checks


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        # an amount with no cue, per kilogram, told as harm, in a question or a condition
        ("She swallowed 60 mg of Ambien and ended up in the ER.", "zolpidem"),
        ("Ambien comes in 5 mg and 10 mg tablets.", "zolpidem"),
        ("The usual gabapentin dose for children is 10 mg/kg.", "gabapentin"),
        ("Taking 200 mg of Vyvanse can be dangerous.", "lisdexamfetamine"),
        ("Ask whether 40 mg of Xanax a day is too much.", "alprazolam"),
        # a product with its own doses: Rybelsus is not Ozempic
        ("Rybelsus is taken at 14 mg a day.", "semaglutide"),
        # a duration that is no gap, a window the sentence forbids
        ("Cialis lasts up to 36 hours, and it should never be combined with nitrates.", "tadalafil"),
        ("Amphetamine should never be started within 14 days of taking an MAO inhibitor.", "amphetamine"),
        ("Naltrexone is taken once a day, 50 mg.", "naltrexone"),
        # a negation that describes the gap is no denial of it
        ("To start naltrexone, a person has to have not used opioids for 10 days since the last dose.", "naltrexone"),
        # a sentence after the name with its own subject, read only by the rules that need a number or a cue
        ("Hydroxychloroquine was tested. No therapeutics have yet been proven effective for COVID-19.", "hydroxychloroquine"),
        ("I take Xanax. Many people swear it boosts creativity.", "alprazolam"),
        # a news report's quote
        ("The pharmacist said the daily maximum of Ativan is 40 mg.", "lorazepam"),
        # a forbidding word before a list governs every action in it
        ("Swallow OxyContin whole and do not presoak, lick or wet the tablets.", "oxycodone"),
    ],
)
def test_what_the_dose_interval_and_target_rules_leave_alone(fb, text: str, drug: str) -> None:
    _assert_not_contradicted(fb, text, drug)


@pytest.mark.parametrize(
    ("text", "drug", "verdict"),
    [
        # food and water: the label's instruction is supported, the other way (or a requirement where the label
        # says either way) contradicted
        ("Take ivermectin with a fatty meal so your body absorbs more of it.", "ivermectin", "contradicted"),
        ("Ivermectin should be taken on an empty stomach with a glass of water.", "ivermectin", "supported"),
        ("Never take Stromectol with food.", "ivermectin", "supported"),
        ("Take Rybelsus with your morning coffee so you don't forget it.", "semaglutide", "contradicted"),
        ("Wash your Rybelsus down with a full glass of water.", "semaglutide", "contradicted"),
        ("Rybelsus should be swallowed with no more than 4 ounces of plain water, 30 minutes before breakfast.", "semaglutide", "supported"),
        ("Ozempic only works if you inject it on an empty stomach.", "semaglutide", "contradicted"),
        ("You must inject Mounjaro right after a meal or it won't work.", "tirzepatide", "contradicted"),
        ("Mounjaro can be taken with or without food.", "tirzepatide", "supported"),
        ("Food doesn't affect how Cialis works.", "tadalafil", "supported"),
        ("Hydroxychloroquine must be taken on an empty stomach.", "hydroxychloroquine", "contradicted"),
        ("Taking Plaquenil on an empty stomach can upset your stomach.", "hydroxychloroquine", "supported"),
        ("Taking Ambien right after a big dinner slows it down.", "zolpidem", "supported"),
        ("Ambien works best when you take it with a heavy meal.", "zolpidem", "contradicted"),
        ("Don't take Lunesta with a heavy, high-fat meal.", "eszopiclone", "supported"),
        ("Gralise is taken once a day with the evening meal.", "gabapentin", "supported"),
        ("Gralise can be taken on an empty stomach.", "gabapentin", "contradicted"),
        ("Xtampza ER is best taken on an empty stomach.", "oxycodone", "contradicted"),
        ("You don't need to take tramadol with food.", "tramadol", "supported"),
        # a target the label rules out, said either way or none; denied it is supported
        ("Ritalin switches on serotonin receptors.", "methylphenidate", "contradicted"),
        ("Ritalin raises serotonin levels in the brain.", "methylphenidate", "contradicted"),
        ("Neurontin boosts GABA's calming effect.", "gabapentin", "contradicted"),
        ("Lyrica activates GABA receptors to calm nerves.", "pregabalin", "contradicted"),
        ("Ambien works like melatonin by activating melatonin receptors.", "zolpidem", "contradicted"),
        ("Xanax works on opioid receptors, which is why it is so addictive.", "alprazolam", "contradicted"),
        ("Oxycodone works by boosting GABA in the brain.", "oxycodone", "contradicted"),
        ("Finasteride blocks androgen receptors in the scalp.", "finasteride", "contradicted"),
        ("Viagra works by boosting dopamine in the brain.", "sildenafil", "contradicted"),
        ("Levitra is a serotonin reuptake inhibitor.", "vardenafil", "contradicted"),
        ("Despite its name, gabapentin does not act on GABA receptors.", "gabapentin", "supported"),
        ("Tramadol acts on opioid receptors and boosts serotonin.", "tramadol", "supported"),
        # a claim added to an approved use is judged on its own
        ("Besides treating lupus, Plaquenil reverses gray hair.", "hydroxychloroquine", "unsupported"),
        ("Wegovy, approved for weight management, also rebuilds cartilage in worn knees.", "semaglutide", "unsupported"),
        ("Mounjaro lowers blood sugar and clears up acne as a bonus.", "tirzepatide", "unsupported"),
        ("Besides treating opioid addiction, Suboxone repairs liver damage.", "buprenorphine", "unsupported"),
        ("Besides treating erectile dysfunction, Cialis also treats an enlarged prostate.", "tadalafil", "supported"),
    ],
)
def test_food_target_and_added_benefit_rules(fb, text: str, drug: str, verdict: str) -> None:
    _assert_only_verdict(fb, text, drug, verdict)


@pytest.mark.parametrize(
    ("text", "drug", "verdict"),
    [
        # a benefit is the claim even where the sentence also names the drug's use
        ("Restoril keeps your arteries young while you sleep and protects your heart.", "temazepam", "unsupported"),
        ("Take Xanax for anxiety and it shields your liver too.", "alprazolam", "unsupported"),
        ("Tramadol eases pain and regrows worn cartilage.", "tramadol", "unsupported"),
        ("Percocet helps a broken wrist mend faster.", "oxycodone", "unsupported"),
        ("Ketamine kills cancer cells.", "ketamine", "unsupported"),
        ("Adderall prevents dementia in people with ADHD.", "amphetamine", "unsupported"),
        ("Phentermine resets your metabolism.", "phentermine", "unsupported"),
        ("Gabapentin lowers triglycerides in people with shingles pain.", "gabapentin", "unsupported"),
        ("Viagra raises sperm count.", "sildenafil", "unsupported"),
        # ... and where it promises the use's effect for good: no approved use backs a permanent cure
        ("Klonopin ends panic attacks for good.", "clonazepam", "unsupported"),
        ("Ambien permanently fixes insomnia.", "zolpidem", "unsupported"),
        ("After a month of Suboxone the cravings never come back.", "buprenorphine", "unsupported"),
        # what the benefit acts on is the drug's use: the use backs it ("nerve pain" does not back nerve repair)
        ("Ozempic lowers your blood sugar.", "semaglutide", "supported"),
        ("Plaquenil helps prevent malaria on trips abroad.", "hydroxychloroquine", "supported"),
        ("Propecia prevents further hair loss in men.", "finasteride", "supported"),
        ("Lyrica calms nerve pain.", "pregabalin", "supported"),
        ("Lyrica repairs damaged nerves.", "pregabalin", "unsupported"),
        ("Oxycodone keeps the pain away for twelve hours.", "oxycodone", "supported"),
    ],
)
def test_benefits_are_judged_by_what_they_act_on(fb, text: str, drug: str, verdict: str) -> None:
    _assert_only_verdict(fb, text, drug, verdict)


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        # a description that advises nothing, a question or condition, a drug whose label sets no food rule
        ("Absorption of ivermectin rises after a high-fat meal.", "ivermectin"),
        ("If you take ivermectin with food, tell your doctor.", "ivermectin"),
        ("I usually take my Cialis with dinner.", "tadalafil"),
        ("Take Xanax with food.", "alprazolam"),
        # a product's rule stays with the product: immediate-release oxycodone has none
        ("Take oxycodone on an empty stomach.", "oxycodone"),
        # the drug's own target, a transporter, a combination's syndrome, another drug's target
        ("Ritalin blocks dopamine reuptake.", "methylphenidate"),
        ("Combining oxycodone with an SSRI can raise serotonin to dangerous levels.", "oxycodone"),
        ("Tramadol also raises serotonin, so watch for serotonin syndrome.", "tramadol"),
        ("Unlike Benadryl, which blocks histamine, Ambien acts on GABA.", "zolpidem"),
        ("Does gabapentin work on GABA receptors?", "gabapentin"),
    ],
)
def test_what_the_food_and_target_rules_leave_alone(fb, text: str, drug: str) -> None:
    _assert_not_contradicted(fb, text, drug)


def test_food_and_target_facts_name_their_source(fb) -> None:
    food = [f for df in fb.drugs.values() for f in df.facts if f.type == "food"]
    assert len({f.drug for f in food}) >= 15 and all("label" in f.source for f in food)
    assert {f.value["food"] for f in food} == {"with", "without", "any"}
    targets = [f for df in fb.drugs.values() for f in df.facts if f.type == "targets"]
    assert len(targets) >= 20 and all("12.1" in f.source and f.terms and f.false_terms for f in targets)
    assert not any(set(f.terms) & set(f.false_terms) for f in targets)


def test_food_reader_gives_relations_and_water() -> None:
    from classifier.claimcheck import food

    s = "don't take it with a big, greasy breakfast; it can be taken with or without water, but never on an empty stomach"
    got = [(s[m.start:m.end], m.said, m.must, m.told) for m in food.meals(s)]
    assert got == [("with a big, greasy breakfast", "without", True, True), ("on an empty stomach", "with", True, True)]
    assert [m.said for m in food.meals("absorption rises after a fatty meal")] == ["with"]
    assert not food.meals("absorption rises after a fatty meal")[0].told
    assert [(w.oz, w.limit) for w in food.waters("with no more than 4 ounces of water, not a full glass of water")] == [(4.0, True), (8.0, False)]


@pytest.mark.parametrize(
    ("text", "drug", "verdict"),
    [
        # how often: a schedule far off the label's is contradicted, the label's own supported
        ("Our clinic gives Sublocade as a daily injection.", "buprenorphine", "contradicted"),
        ("Sublocade is given once a month, at least 26 days apart.", "buprenorphine", "supported"),
        ("Vivitrol needs a booster shot every week.", "naltrexone", "contradicted"),
        ("Vivitrol is injected every four weeks.", "naltrexone", "supported"),
        ("You inject Mounjaro every single day.", "tirzepatide", "contradicted"),
        ("Ozempic is a weekly shot.", "semaglutide", "supported"),
        ("Rybelsus is a pill you swallow once a day.", "semaglutide", "supported"),
        ("OxyContin should be taken every 4 hours.", "oxycodone", "contradicted"),
        ("Kadian should be taken every four hours, day and night.", "morphine", "contradicted"),
        ("A Kadian capsule lasts a whole day, so it is taken once daily.", "morphine", "supported"),
        ("Immediate-release morphine can be taken every 4 hours as needed.", "morphine", "supported"),
        ("Swap your fentanyl patch for a fresh one every morning.", "fentanyl", "contradicted"),
        ("A Butrans patch stays on for seven days.", "buprenorphine", "supported"),
        ("Soma only needs to be taken once a week.", "carisoprodol", "contradicted"),
        ("Taking oxycodone every hour keeps the pain away.", "oxycodone", "contradicted"),
        # a second dose the same day or night, where the label allows one
        ("When the first Cialis fades, go ahead and take another pill that evening.", "tadalafil", "contradicted"),
        ("Woke up at 2 a.m.? Taking another Ambien then is fine.", "zolpidem", "contradicted"),
        ("Never take a second dose of Lunesta in the same night.", "eszopiclone", "supported"),
        ("Viagra can be taken up to three times a day.", "sildenafil", "contradicted"),
        ("Don't take Levitra more than once a day.", "vardenafil", "supported"),
        # tablets counted against the label's maximum
        ("Twelve 50 mg tramadol tablets a day (600 mg) is a normal dose.", "tramadol", "contradicted"),
        ("Four 1 mg Xanax tablets a day is the most you should take for anxiety.", "alprazolam", "supported"),
        ("Starting on three 200 mg Provigil tablets every morning is standard.", "modafinil", "contradicted"),
        # a class named outright, or a true one denied
        ("Cialis is basically an alpha-blocker.", "tadalafil", "contradicted"),
        ("Phentermine is a GLP-1 agonist like Wegovy.", "phentermine", "contradicted"),
        ("Ozempic is a type of insulin.", "semaglutide", "contradicted"),
        ("Tramadol isn't an opioid.", "tramadol", "contradicted"),
        ("Oxycodone isn't an opioid - it's a muscle relaxant.", "oxycodone", "contradicted"),
        ("Tramadol is not an NSAID, it is an opioid.", "tramadol", "supported"),
    ],
)
def test_frequency_count_and_class_rules(fb, text: str, drug: str, verdict: str) -> None:
    _assert_only_verdict(fb, text, drug, verdict)


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        # a frequency of something else: tests, dose steps, symptoms, another treatment, a question
        ("I check my blood sugar every day since starting Ozempic.", "semaglutide"),
        ("The Ozempic dose goes up every four weeks.", "semaglutide"),
        ("I lost two pounds every week on Mounjaro.", "tirzepatide"),
        ("One Vivitrol shot lasts a month, which ends the need for daily pills.", "naltrexone"),
        ("Is Ozempic a daily shot?", "semaglutide"),
        ("Duragesic is for patients who need daily, around-the-clock pain relief.", "fentanyl"),
        # a frequency that only sets the scene for a benefit
        ("Taking Stromectol once a month keeps your teeth white.", "ivermectin"),
        # the label's dose in tablets; a product name is not the emergency room
        ("Eight 50 mg tramadol tablets a day is the maximum.", "tramadol"),
        ("Zohydro ER capsules are taken every 12 hours.", "hydrocodone"),
        # a wrong class named for another drug or in a warning
        ("Cialis is risky for men on alpha-blockers.", "tadalafil"),
        ("Xanax is a benzodiazepine, not an SSRI.", "alprazolam"),
        # another brand named nearer than the product with its own schedule; a limit on how often
        ("Amrix is taken once a day, while plain Flexeril tablets are taken three times a day.", "cyclobenzaprine"),
        ("Do not use the rectal diazepam gel for more than five episodes a month or more than one episode every five days.", "diazepam"),
    ],
)
def test_what_the_frequency_and_class_rules_leave_alone(fb, text: str, drug: str) -> None:
    _assert_not_contradicted(fb, text, drug)


@pytest.mark.parametrize(
    ("text", "question", "drug", "verdict"),
    [
        # a verb after an aside is the sentence's own verb; the same words asked are still a question
        ("Xanax, the anxiety pill, is safe up to 40 mg a day.", "Is Xanax safe up to 40 mg a day?", "alprazolam", "contradicted"),
        ("Ritalin, the ADHD drug, is a serotonin reuptake inhibitor.", "Is Ritalin, the ADHD drug, a serotonin reuptake inhibitor?",
         "methylphenidate", "contradicted"),
        ("Amrix, the long-acting form, is taken once a day.", "Is Amrix taken once a week?", "cyclobenzaprine", "supported"),
    ],
)
def test_an_aside_before_the_verb_is_no_question(fb, text: str, question: str, drug: str, verdict: str) -> None:
    _assert_only_verdict(fb, text, drug, verdict)
    _assert_not_contradicted(fb, question, drug)


def test_frequency_facts_name_their_source(fb) -> None:
    freq = [f for df in fb.drugs.values() for f in df.facts if f.type == "frequency"]
    assert len({f.drug for f in freq}) >= 30 and all("label" in f.source for f in freq)
    assert all(f.value["unit"] in ("h", "d") and 0 < f.value["every"][0] <= f.value["every"][1] for f in freq)
    # a product's schedule stays with the product: Sublocade monthly, the sublingual film daily
    sub = {f.id: f for f in freq if f.drug == "buprenorphine"}
    assert sub["buprenorphine.frequency_sublocade"].extra["products"] == ["Sublocade"]


def test_frequency_reader_gives_gaps_wear_times_and_second_doses() -> None:
    from classifier.claimcheck import frequency

    def read(s: str) -> list[tuple[str, float, float, str]]:
        return [(s[r.start:r.end], r.lo_h, r.hi_h, r.kind) for r in frequency.schedules(s) if r.told]

    assert read("take it two or three times daily") == [("two or three times daily", 8.0, 12.0, "every")]
    assert read("it is taken every 4 to 6 hours as needed") == [("every 4 to 6 hours", 4.0, 6.0, "every")]
    assert read("the patch is worn for 72 hours") == [("worn for 72 hours", 72.0, 72.0, "wear")]
    assert read("a 7-day patch") == [("7-day patch", 168.0, 168.0, "wear")]
    assert read("it is fine to take a second tablet the same night") == [("a second", 0.0, 12.0, "again")]
    assert read("it is taken daily") == [("daily", 0.0, 24.0, "every")]
    assert read("i feel sick every day") == []
    limit = frequency.schedules("never take it more than once a day")[0]
    assert limit.limit and (limit.lo_h, limit.hi_h) == (24.0, 24.0)


def test_dose_and_interval_facts_name_their_source(fb) -> None:
    doses = [f for df in fb.drugs.values() for f in df.facts if f.type == "dose"]
    assert len({f.drug for f in doses}) >= 30 and all("label" in f.source for f in doses)
    assert all(f.value["per"] in ("day", "week", "month", "hour") and ("max" in f.value or "start" in f.value) for f in doses)
    # a per-hour rate is a patch's, and only a patch product's fact gives one
    assert all("products" in f.extra for f in doses if f.value["per"] == "hour")
    gaps = [f for df in fb.drugs.values() for f in df.facts if f.type == "interval"]
    assert {f.drug for f in gaps} >= {"amphetamine", "methylphenidate", "tramadol", "tadalafil", "naltrexone"}
    assert all(f.terms and f.value["min"] > 0 and "label" in f.source for f in gaps)


def test_dose_reader_gives_amounts_periods_and_cues() -> None:
    from classifier.claimcheck import dose

    s = "start at 0.25 mg once a week and go up to a maximum of 2 mg weekly; the usual dose is 300 mg three times a day."
    got = [(s[a.start:a.end], a.period, a.cue, a.hi_mg) for a in dose.amounts(s)]
    assert got == [("0.25 mg", "week", "start", 0.25), ("2 mg", "week", "max", 2.0), ("300 mg", "day", "usual", 900.0)]
    assert dose.amounts("a 10 mg/kg dose") == [] and dose.amounts("2 mg tablets") == []


# --------------------------------------------------------------------------------------------------
# how long a drug may be used (duration facts)


@pytest.mark.parametrize(
    ("text", "drug", "verdict"),
    [
        # a short-term drug allowed or meant for long use
        ("My doctor says Soma is fine to keep taking for months.", "carisoprodol", "contradicted"),
        ("Restoril is built for nightly use for years.", "temazepam", "contradicted"),
        ("You can stay on Flexeril indefinitely.", "cyclobenzaprine", "contradicted"),
        ("It is safe to use phentermine for a whole year.", "phentermine", "contradicted"),
        ("Up to six months of carisoprodol is allowed.", "carisoprodol", "contradicted"),
        # the label's own limit, said as a limit, a design or a warning
        ("Do not take Soma for longer than three weeks.", "carisoprodol", "supported"),
        ("Cyclobenzaprine is meant for short-term use only.", "cyclobenzaprine", "supported"),
        ("Temazepam is not meant for long-term use.", "temazepam", "supported"),
        ("Restoril is generally prescribed for 7 to 10 days.", "temazepam", "supported"),
        ("Soma is taken for up to three weeks.", "carisoprodol", "supported"),
        ("Take Soma for months if the pain lasts.", "carisoprodol", "contradicted"),
        # a drug meant to be taken on, called a short fix, and the other way round
        ("Wegovy is only meant for a few weeks, like a crash diet.", "semaglutide", "contradicted"),
        ("You only need finasteride for two months and then you can stop.", "finasteride", "contradicted"),
        ("Zepbound is intended for long-term use.", "tirzepatide", "supported"),
    ],
)
def test_duration_rule(fb, text: str, drug: str, verdict: str) -> None:
    checks, _ = _check(text, fb)
    got = [c for c in checks if c.drug == drug and c.claim_type == "dose"]
    assert [c.verdict for c in got] == [verdict], [(c.drug, c.verdict, c.claim_type, c.note) for c in checks]
    assert got[0].fact_id == f"{drug}.duration"


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        # what happened, not what is allowed; a question; time to an effect; a wait between drugs
        ("I've been on Soma for years.", "carisoprodol"),
        ("My mother has taken Restoril for years.", "temazepam"),
        ("Grandma used Flexeril for months after her fall.", "cyclobenzaprine"),
        ("Can you take Soma for months?", "carisoprodol"),
        ("It took 3 months of daily finasteride before I saw a change.", "finasteride"),
        ("Flexeril must not be used within 14 days of stopping an MAO inhibitor.", "cyclobenzaprine"),
        # a length that only sets the scene for a claim of effect
        ("A few weeks of cyclobenzaprine will fix your posture.", "cyclobenzaprine"),
        # a long-term drug said to be for long
        ("Ozempic is a long-term treatment for type 2 diabetes.", "semaglutide"),
        # two products compared
        ("Unlike plain phentermine, the combination pill is approved for long-term use.", "phentermine"),
    ],
)
def test_what_the_duration_rule_leaves_alone(fb, text: str, drug: str) -> None:
    checks, _ = _check(text, fb)
    assert not [c for c in checks if c.drug == drug and c.fact_id == f"{drug}.duration" and c.verdict == "contradicted"]


def test_duration_facts_name_their_source(fb) -> None:
    dur = [f for df in fb.drugs.values() for f in df.facts if f.type == "duration"]
    assert {f.drug for f in dur} >= {"carisoprodol", "cyclobenzaprine", "temazepam", "semaglutide"}
    assert all("label" in f.source and ("Indications" in f.source or "Dosage" in f.source) for f in dur)
    assert all(f.value == {"long_term": True} or (f.value["longest"] > 0 and f.value["unit"] in ("d", "w", "mo")) for f in dur)


def test_duration_reader_gives_lengths_and_how_they_are_put() -> None:
    from classifier.claimcheck import duration

    def read(s: str) -> list[tuple[str, float, float, str, bool, bool, bool]]:
        return [(s[c.start:c.end], c.lo_d, c.hi_d, c.kind, c.limit, c.allow, c.denied) for c in duration.courses(s)]

    assert read("never use it for more than two or three weeks") == [
        ("for more than two or three weeks", 14.0, 21.0, "span", True, True, True)]
    assert read("a 10-day course is usual") == [("10-day course", 10.0, 10.0, "span", False, False, False)]
    assert read("it is safe for years")[0][1:4] == (365.0, float("inf"), "open")
    assert read("short-term use only")[0][3:5] == ("short", True)


@pytest.mark.parametrize(
    ("text", "drug", "verdict"),
    [
        # a group described by what it has never done: its "never" forbids nothing, the permission stands
        ("A Duragesic patch is a fine way to start someone who has never taken opioids.", "fentanyl", "contradicted"),
        ("Doctors can start Duragesic in people who have never used opioids.", "fentanyl", "contradicted"),
        ("Duragesic is not for people who have never taken opioids before.", "fentanyl", "supported"),
        ("The 200 mg MS Contin tablet is a good choice for someone new to opioids.", "morphine", "contradicted"),
        ("Exalgo should not be given to opioid-naive patients.", "hydromorphone", "supported"),
        # control status denied in other words
        ("Modafinil isn't scheduled by the DEA.", "modafinil", "contradicted"),
        ("Naltrexone is not scheduled under federal law.", "naltrexone", "supported"),
        # a starting dose named after the amount
        ("For a first-time user, OxyContin 60 mg is a reasonable starting dose.", "oxycodone", "contradicted"),
        # PDE5 inhibitors need sexual stimulation
        ("Cialis produces an erection automatically, no matter what.", "tadalafil", "contradicted"),
        ("Levitra works even when you're not in the mood.", "vardenafil", "contradicted"),
    ],
)
def test_group_described_by_never_control_status_and_stimulation(fb, text: str, drug: str, verdict: str) -> None:
    _assert_only_verdict(fb, text, drug, verdict)


@pytest.mark.parametrize(
    ("text", "drug", "verdict"),
    [
        # a benefit only reported is still the claim, ahead of a use the sentence names
        ("Some sleep doctors say Lunesta reverses the aging of the brain.", "eszopiclone", "unsupported"),
        ("A new study shows Levitra prevents heart attacks in older men.", "vardenafil", "unsupported"),
        ("Xanax builds up the body's immune defences over time.", "alprazolam", "unsupported"),
        ("Klonopin keeps a simple cold from turning into pneumonia.", "clonazepam", "unsupported"),
        # risks denied in other words
        ("Now that it is abuse-deterrent, OxyContin can no longer be misused.", "oxycodone", "contradicted"),
        ("Codeine linctus isn't regulated, so any shop can sell it.", "codeine", "contradicted"),
        ("Keep taking tramadol if the pain isn't controlled by paracetamol alone.", "tramadol", "supported"),
        # the pronoun's antecedent
        ("Concerta is gentler than Adderall. It is not a controlled drug.", "methylphenidate", "contradicted"),
        ("Codeine has been around for a century. Most of its effect depends on CYP2D6 turning it into morphine.", "codeine",
         "supported"),
        # street names the dictionary lists
        ("Dillies are a Schedule II drug.", "hydromorphone", "supported"),
        # forbidding in other shapes
        ("For anyone who has never used opioids, a Duragesic patch is a fine first step.", "fentanyl", "contradicted"),
        ("Don't take MS Contin if you have severe asthma.", "morphine", "supported"),
        ("Never mix Ativan with alcohol.", "lorazepam", "supported"),
        # doses in other shapes
        ("Plenty of people stay on 600 mg of tramadol a day.", "tramadol", "contradicted"),
        ("Mounjaro can be raised to 25 mg a week, the highest dose.", "tirzepatide", "contradicted"),
        ("Your first Dolophine dose will be about 90 mg.", "methadone", "contradicted"),
    ],
)
def test_reported_benefits_pronouns_street_names_and_dose_shapes(fb, text: str, drug: str, verdict: str) -> None:
    _assert_only_verdict(fb, text, drug, verdict)


@pytest.mark.parametrize(
    ("text", "drug", "verdict"),
    [
        # a patch's rate against the patch's own maximum, never against milligrams a day
        ("Most people can go up to 40 mcg/hour on Butrans.", "buprenorphine", "contradicted"),
        ("With Butrans, never go above 20 mcg/hour.", "buprenorphine", "supported"),
        ("Butrans usually starts at 5 mcg/hour.", "buprenorphine", "supported"),
        # a product's own dose and schedule
        ("The highest Cialis dose is 40 mg a day.", "tadalafil", "contradicted"),
        ("Adcirca is taken as 40 mg once a day.", "tadalafil", "supported"),
        ("Neurontin only has to be taken once daily.", "gabapentin", "contradicted"),
        # the drug named between an amount and its cue
        ("60 mg of OxyContin is a sensible first dose for a beginner.", "oxycodone", "contradicted"),
        # relayed by a friend or relative, the page passes it on
        ("My brother says Xanax and Percocet are fine together.", "alprazolam", "contradicted"),
        # "whether or not" is no report; "patients who have" is no study
        ("Levitra gives you an erection whether or not you are turned on.", "vardenafil", "contradicted"),
        ("Klonopin is a safe pick for patients who have severe liver disease.", "clonazepam", "contradicted"),
        ("It's okay to keep taking phentermine during pregnancy.", "phentermine", "contradicted"),
        # an extended-release product named as an as-needed pill
        ("OxyContin is an as-needed painkiller for bad days.", "oxycodone", "contradicted"),
        # a risk denied with "change", an interaction denied with "interfere"
        ("Finasteride doesn't change PSA readings.", "finasteride", "contradicted"),
        ("Vivitrol won't interfere with your Percocet.", "naltrexone", "contradicted"),
        # spacing a drug from antacids is the label's advice
        ("Take your gabapentin two hours after Maalox.", "gabapentin", "supported"),
        ("Take hydroxychloroquine at least 4 hours apart from antacids.", "hydroxychloroquine", "supported"),
        # blocking a transmitter's reuptake raises it; slowing brain ageing is a benefit, not sedation
        ("Ritalin works by stopping dopamine from being taken back up by neurons.", "methylphenidate", "supported"),
        ("Ativan slows brain ageing.", "lorazepam", "unsupported"),
        # a behaviour is not the substance addiction a label treats
        ("Naltrexone treats gambling addiction.", "naltrexone", "unsupported"),
    ],
)
def test_patch_rates_product_doses_relayed_advice_and_spacing(fb, text: str, drug: str, verdict: str) -> None:
    _assert_only_verdict(fb, text, drug, verdict)



@pytest.mark.parametrize(
    ("text", "drug", "verdict"),
    [
        # a fact box's fields are said of the drug the box is about
        ("Klonopin (clonazepam)\nDEA schedule: II\nForm: tablet", "clonazepam", "contradicted"),
        # a table row's bar separates key and value as a colon does
        ("Ambien (zolpidem) | Federal schedule | II | refills allowed", "zolpidem", "contradicted"),
        ("Valium | DEA schedule | IV", "diazepam", "supported"),
        # a move between schedules claims the one it ended in
        ("In 2014 the DEA moved Norco from Schedule III to Schedule II.", "hydrocodone", "supported"),
        ("Back in 2014, Ultram went from Schedule IV to Schedule III.", "tramadol", "contradicted"),
        ("Soma 350 mg | Controlled substance: No", "carisoprodol", "contradicted"),
        ("Flexeril | Controlled substance: No", "cyclobenzaprine", "supported"),
        ("Restoril. Drug class: benzodiazepine.", "temazepam", "supported"),
        ("Ultram. Class: NSAID.", "tramadol", "contradicted"),
        ("Sublocade | Dosing interval: every 24 hours", "buprenorphine", "contradicted"),
        ("Vivitrol. Dose: 380 mg.", "naltrexone", "supported"),
        # control denied in words of scheduling
        ("Ritalin has no DEA schedule, so refills are easy.", "methylphenidate", "contradicted"),
        ("Provigil is an unscheduled drug in the US.", "modafinil", "contradicted"),
        ("Neurontin is not federally controlled, though a few states list it in Schedule V.", "gabapentin", "supported"),
        # "works best if" gives advice, not a condition
        ("Lunesta works best if you take it right after a heavy, fatty meal.", "eszopiclone", "contradicted"),
        # a term that carries its own tie, and the group's own "never"
        ("You can use OxyContin as needed for a sore back.", "oxycodone", "contradicted"),
        ("A person who has never taken opioids can safely begin on an 80 mg OxyContin.", "oxycodone", "contradicted"),
        # "raises testosterone" is an unbacked effect; only said as how the drug works is it wrong
        ("Cialis raises your testosterone.", "tadalafil", "unsupported"),
        ("Viagra works by raising testosterone.", "sildenafil", "contradicted"),
        ("Daily Adderall keeps dementia at bay.", "amphetamine", "unsupported"),
    ],
)
def test_fact_boxes_schedule_words_and_effects(fb, text: str, drug: str, verdict: str) -> None:
    _assert_only_verdict(fb, text, drug, verdict)


@pytest.mark.parametrize(
    ("text", "drug", "verdict", "fact_id"),
    [
        # granted, a question asking leave for a group or with an agent the label rules out is the page's claim
        ("Q: My doctor found an irregular heartbeat last month. Can I still take Flexeril? A: Yes, go ahead.",
         "cyclobenzaprine", "contradicted", "cyclobenzaprine.not_for.heart_thyroid"),
        ("I'm on Nardil. Can I add Ritalin for focus?\nA: Sure.", "methylphenidate", "contradicted", "methylphenidate.interaction"),
        # refused, the same question states the label
        ("Can I take Ritalin with an MAOI? Absolutely not.", "methylphenidate", "supported", "methylphenidate.interaction"),
        # granted, any yes/no question becomes its statement; refused, a question of what the drug is, its opposite
        ("Is Ativan a Schedule II drug? Yes.", "lorazepam", "contradicted", "lorazepam.schedule"),
        ("Is Valium habit-forming? No, not at all.", "diazepam", "contradicted", None),
        ("Is Klonopin a benzodiazepine? Yes.", "clonazepam", "supported", "clonazepam.class"),
    ],
)
def test_answered_questions(fb, text: str, drug: str, verdict: str, fact_id: str | None) -> None:
    checks, _ = _check(text, fb)
    qa = [c for c in checks if c.drug == drug and "a question the answer" in c.note]
    assert len(qa) == 1, [(c.drug, c.verdict, c.note) for c in checks]
    assert qa[0].verdict == verdict and qa[0].start == 0 and qa[0].end == len(text.rstrip()), qa[0]
    if fact_id is not None:
        assert qa[0].fact_id == fact_id


@pytest.mark.parametrize(
    "text",
    [
        "Can I take Flexeril for my back? No.",  # a refused permit may be the asker's own case
        "Can I take Xanax with alcohol? Yes, but only after asking your doctor.",  # a narrower grant
        "Can I take Xanax with alcohol?\n\n\n\nSure thing, here is our shop.",  # no answer after a gap
        "Is Xanax safe with alcohol? Many people ask this.",  # not an answer
    ],
)
def test_questions_without_a_whole_answer_claim_nothing(fb, text: str) -> None:
    checks, _ = _check(text, fb)
    assert not [c for c in checks if "a question the answer" in c.note], [(c.drug, c.verdict, c.note) for c in checks]


@pytest.mark.parametrize(
    ("text", "drug", "verdict", "fact_id"),
    [
        # the reader's situation asked first is the condition of the claim after it
        ("Recovering from a recent heart attack? Flexeril is a safe way to ease your back.", "cyclobenzaprine",
         "contradicted", "cyclobenzaprine.not_for.heart_thyroid"),
        ("Taking itraconazole this month? Carry on with your Xanax as usual.", "alprazolam", "contradicted",
         "alprazolam.interaction.cns_depressants"),
        ("Diagnosed with porphyria? Soma must not be used.", "carisoprodol", "supported", "carisoprodol.not_for.porphyria"),
        # a condition opened by "after" or naming "a child", "my son"
        ("After my son's tonsils were taken out, tramadol was fine for his sore throat.", "tramadol", "contradicted",
         "tramadol.not_for.children"),
        ("For a patient with porphyria, carisoprodol is the safest relaxant.", "carisoprodol", "contradicted",
         "carisoprodol.not_for.porphyria"),
        # a product named in the sentence before is the one a pronoun speaks of
        ("I was switched to MS Contin. Biting into it is harmless and gets it working sooner.", "morphine",
         "contradicted", "morphine.administration.whole"),
    ],
)
def test_situations_and_referred_products(fb, text: str, drug: str, verdict: str, fact_id: str) -> None:
    checks, _ = _check(text, fb)
    mine = [c for c in checks if c.drug == drug and c.fact_id == fact_id]
    assert mine and mine[0].verdict == verdict, [(c.drug, c.verdict, c.fact_id, c.note) for c in checks]
    for c in checks:
        assert text[c.start:c.end] == c.text


@pytest.mark.parametrize(
    "text",
    [
        # a question of what or how asks for an answer, not a case; a question the drug's sentence answers about itself
        ("What if you had a heart attack years ago? Flexeril is a muscle relaxant."),
        ("How do people use it? Flexeril is a muscle relaxant."),
    ],
)
def test_wh_questions_are_no_condition(fb, text: str) -> None:
    checks, _ = _check(text, fb)
    assert checks and all(c.verdict != "contradicted" and c.start > 0 for c in checks), [(c.verdict, c.note) for c in checks]


def test_an_amount_listed_before_a_frequency_is_dosed_on_that_schedule(fb) -> None:
    _assert_only_verdict(fb, "Cialis for ED | 20 mg, up to three times a day", "tadalafil", "contradicted")
    _assert_only_verdict(fb, "Cialis daily use | 5 mg, once a day", "tadalafil", "supported")


@pytest.mark.parametrize(
    ("text", "drug", "verdict"),
    [
        # a use only another regulator approved: denied in the US, left alone when the page names where
        ("Pregabalin has FDA approval for generalized anxiety disorder.", "pregabalin", "contradicted"),
        ("Doctors in Europe can prescribe Lyrica for anxiety, since the EMA approved it for that.", "pregabalin", None),
        ("Neurontin holds an FDA approval for migraine prevention.", "gabapentin", "contradicted"),
        # the usual amount kept beside a co-medication the label lowers it for
        ("Already taking ritonavir? Stay at the usual 20 mg of vardenafil.", "vardenafil", "contradicted"),
        # a combination asked about as "is X with Y OK?" and granted; an interaction denied as "won't change"
        ("Is a glass of wine with my Xanax okay? Sure, go ahead.", "alprazolam", "contradicted"),
        ("Itraconazole won't change how much alprazolam ends up in your blood.", "alprazolam", "contradicted"),
    ],
)
def test_other_regulators_usual_amounts_and_combinations_asked(fb, text: str, drug: str, verdict: str | None) -> None:
    checks, _ = _check(text, fb)
    mine = [c.verdict for c in checks if c.drug == drug]
    if verdict is None:
        assert "contradicted" not in mine, [(c.verdict, c.note) for c in checks]
    else:
        assert verdict in mine, [(c.verdict, c.note) for c in checks]


@pytest.mark.parametrize(
    ("text", "drug", "verdict", "fact_id"),
    [
        # a question asking for an amount or a time, answered in the next sentence
        ("What is the top weekly dose of Mounjaro? 25 mg.", "tirzepatide", "contradicted", "tirzepatide.dose"),
        ("How high can the Ozempic dose go? 2 mg, once a week.", "semaglutide", "supported", "semaglutide.dose_ozempic"),
        # a limit named right before the dose it qualifies
        ("Strattera aside, the highest Vyvanse dose is 90 mg a day.", "lisdexamfetamine", "contradicted",
         "lisdexamfetamine.dose"),
        # the label cited for a figure is the page's own claim, not a report
        ("According to the package insert, adults can go as high as 600 mg of codeine daily.", "codeine",
         "contradicted", "codeine.dose"),
        # forum spelling: a negation without its apostrophe
        ("Restoril isnt a controlled drug, so nobody checks.", "temazepam", "contradicted", "temazepam.schedule"),
        # a claim labelled a myth is denied; a myth about a limit leaves the drug's effect alone
        ("Myth: Plaquenil can harm the retina. Fact: your eyes are not at risk.", "hydroxychloroquine", "contradicted",
         None),
        # the pair itself said to be fine; leave to drink with it; fine to put heat over a patch
        ("Two beers with your temazepam are generally fine.", "temazepam", "contradicted",
         "temazepam.interaction.cns_depressants"),
        ("You can drink wine on Ambien as long as you go to bed.", "zolpidem", "contradicted",
         "zolpidem.interaction.cns_depressants"),
        ("You can still drink a beer on temazepam.", "temazepam", "contradicted", "temazepam.interaction.cns_depressants"),
        ("It's okay to place an electric blanket over a Duragesic patch.", "fentanyl", "contradicted",
         "fentanyl.interaction.cyp3a4_heat"),
        # a class by its short name; an opioid called non-narcotic
        ("Lunesta is really just a benzo in a new box.", "eszopiclone", "contradicted", "eszopiclone.class"),
        ("Hydromorphone is a non-narcotic pain pill.", "hydromorphone", "contradicted", "hydromorphone.class"),
    ],
)
def test_answers_myths_and_forum_spellings(fb, text: str, drug: str, verdict: str, fact_id: str | None) -> None:
    checks = _assert_verdict(fb, text, drug, verdict, fact_id)
    for c in checks:
        assert text[c.start:c.end] == c.text


def test_myth_about_a_limit_is_not_a_denial(fb) -> None:
    checks, _ = _check("Myth: tramadol is only a painkiller. Fact: it also eases pain after surgery.", fb)
    assert all(c.verdict != "contradicted" for c in checks), [(c.verdict, c.note) for c in checks]


@pytest.mark.parametrize(
    ("text", "drug", "verdict"),
    [
        # a header over the rows, in Markdown
        ("| Medicine | Highest daily dose | Schedule |\n|---|---|---|\n| Xanax | 4 mg | IV |\n| Halcion | 0.5 mg | IV |",
         "alprazolam", "supported"),
        ("Medicine | Highest daily dose | Schedule\nVyvanse | 150 mg | II", "lisdexamfetamine", "contradicted"),
        # a table flattened onto one line
        ("Medicine | Controlled? -- Provigil | No", "modafinil", "contradicted"),
        # drugs as the columns
        ("| | Klonopin | Ativan |\n|---|---|---|\n| Schedule | II | IV |", "clonazepam", "contradicted"),
    ],
)
def test_pipe_tables_read_by_row(fb, text: str, drug: str, verdict: str) -> None:
    checks, _ = _check(text, fb)
    mine = [c for c in checks if c.drug == drug]
    assert mine and mine[0].verdict == verdict, [(c.drug, c.verdict, c.note) for c in checks]
    for c in checks:
        assert text[c.start:c.end] == c.text
        assert c.start == 0  # the evidence runs from the header


def test_a_pipe_line_without_a_header_is_read_as_a_sentence(fb) -> None:
    _assert_only_verdict(fb, "Cialis for ED | 20 mg, up to three times a day", "tadalafil", "contradicted")
    checks, _ = _check("Home | Pharmacy | Contact\nXanax is a benzodiazepine.", fb)
    assert [c.verdict for c in checks if c.drug == "alprazolam"] == ["supported"]


@pytest.mark.parametrize(
    ("text", "drug", "verdict", "fact_id"),
    [
        # methadone for addiction comes from a certified program, not an ordinary doctor and a retail pharmacy
        ("My GP said any family doctor can prescribe methadone for heroin detox, no clinic needed.", "methadone",
         "contradicted", "methadone.false.retail_addiction"),
        ("Methadone maintenance scripts can be filled at any pharmacy in town.", "methadone", "contradicted",
         "methadone.false.retail_addiction"),
        ("For opioid use disorder, methadone is handed out only through an opioid treatment program.", "methadone",
         "supported", "methadone.distribution"),
        # the group named by its words; a group at the end of the sentence after "even for someone who ..."
        ("Dilaudid-HP is a good pick if you've never had opioids.", "hydromorphone", "contradicted",
         "hydromorphone.not_for.opioid_naive_high_potency"),
        ("Duragesic is a great option for long-term pain, even for patients who are opioid naive.", "fentanyl",
         "contradicted", "fentanyl.not_for.opioid_naive"),
        # an instruction tied to the group; the group waved away
        ("Zohydro is strong, so just take one prn for a headache.", "hydrocodone", "contradicted", None),
        ("A personal history of MTC is not an issue for Wegovy users.", "semaglutide", "contradicted", None),
        # a denial "at all" is still a denial; harm verbs deny a labelled risk
        ("Dolophine has no effect at all on the heart rhythm.", "methadone", "contradicted", None),
        ("Plaquenil never damages the retina.", "hydroxychloroquine", "contradicted", None),
        # a combination said never to hurt anyone
        ("Poppers and Cialis together never hurt anybody.", "tadalafil", "contradicted", None),
        # "it's not true that ..." denies the claim it introduces
        ("It's not true that Klonopin is habit-forming.", "clonazepam", "contradicted", None),
        ("It is a myth that Ambien is a controlled drug.", "zolpidem", "contradicted", None),
        ("It isn't true that Xanax is a Schedule II drug.", "alprazolam", "supported", None),
        # a dose said to differ, or to stay the same, for a group the label adjusts for
        ("Cialis users with severe kidney disease need a different dose.", "tadalafil", "supported",
         "tadalafil.dose.renal_hepatic_cyp3a"),
        ("Severe kidney disease doesn't change anything about the Cialis dose.", "tadalafil", "contradicted",
         "tadalafil.dose.renal_hepatic_cyp3a"),
        ("Patients on dialysis get the same 900 mg of Neurontin as everyone else.", "gabapentin", "contradicted", None),
        # tirzepatide is more than a GLP-1 drug
        ("Zepbound is basically a GLP-1 shot like any other.", "tirzepatide", "contradicted",
         "tirzepatide.false.glp1_only"),
    ],
)
def test_distribution_groups_denials_and_untrue_claims(fb, text: str, drug: str, verdict: str, fact_id: str | None) -> None:
    _assert_verdict(fb, text, drug, verdict, fact_id)


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        # methadone for pain is an ordinary prescription
        ("Methadone for cancer pain is filled at a regular pharmacy like any other opioid.", "methadone"),
        # a short answer does not negate the next sentence
        ("Is Vivitrol a narcotic? No. It blocks opioid receptors.", "naltrexone"),
        # the channel denied for addiction
        ("When it comes to addiction, a chain pharmacy can't dispense methadone.", "methadone"),
        # "all" qualifies a denial, "at all" does not
        ("Xanax does not affect all patients the same way.", "alprazolam"),
    ],
)
def test_distribution_and_answers_left_alone(fb, text: str, drug: str) -> None:
    _assert_not_contradicted(fb, text, drug)


@pytest.mark.parametrize(
    ("text", "drug", "verdict", "fact_id"),
    [
        # a fact sheet's row: a right amount does not vouch for a wrong one after it
        ("Levitra, at a glance: Usual dose: 10 mg before sex; Max: 60 mg/day.", "vardenafil", "contradicted", None),
        # a frequency or a schedule given as a field of a fact box
        ("Ozempic fact box | Route: injection | Frequency: daily", "semaglutide", "contradicted", None),
        ("Butrans — Change every: 24 hours.", "buprenorphine", "contradicted", None),
        ("Xanax — Legal status: prescription; Schedule: none.", "alprazolam", "contradicted", "alprazolam.schedule"),
        # a product name with a number sign between "buy" and "over the counter"
        ("Down there you can get Tylenol with codeine #4 over the counter.", "codeine", "contradicted", None),
        # a limit written with a contracted negation
        ("Seniors: your Ambien dose mustn't go above 5 mg.", "zolpidem", "supported", None),
        # the regulator's word is the page's own claim, checked like it
        ("According to the FDA, Klonopin can be mixed with opioid painkillers without any risk at all.", "clonazepam",
         "contradicted", None),
        # a hashtag tags a topic and claims nothing; the benefit is what the post says
        ("adderall = my cure for hangovers fr #adhd", "amphetamine", "unsupported", None),
        # "off-limits if you have ...": the label's contraindication
        ("Adipex is off-limits for anyone with an overactive thyroid.", "phentermine", "supported", None),
        # the same class as another drug, read on the two drugs' class facts
        ("Ambien sits in the same drug class as Valium.", "zolpidem", "contradicted", None),
        ("Restoril is in the same family as Ativan.", "temazepam", "supported", None),
        ("Neurontin is not the same type of drug as Percocet.", "gabapentin", "supported", None),
        # the label's maximum denied
        ("With Ultram there's no maximum dose if you spread the pills over the day.", "tramadol", "contradicted", None),
        # a risk called a myth
        ("Klonopin dependence is an overblown internet myth.", "clonazepam", "contradicted", None),
        # benefits nobody backs
        ("Percocet makes tumours shrink over time.", "oxycodone", "unsupported", None),
        ("Taking Xanax daily halves your odds of developing Alzheimer's.", "alprazolam", "unsupported", None),
        ("Ozempic revives the beta cells your pancreas lost.", "semaglutide", "unsupported", None),
        ("Vivitrol erases the urge to drink for good.", "naltrexone", "unsupported", None),
        # opioid cough medicine is for adults
        ("Hydrocodone syrup is gentle enough for a preschooler's cough.", "hydrocodone", "contradicted",
         "hydrocodone.not_for.children_cough"),
    ],
)
def test_fact_sheet_rows_classes_limits_and_myths(fb, text: str, drug: str, verdict: str, fact_id: str | None) -> None:
    _assert_verdict(fb, text, drug, verdict, fact_id)


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        # a risk others call a myth and the page affirms
        ("People say Xanax withdrawal is a myth, but it can cause seizures.", "alprazolam"),
        # no limit on something other than the dose
        ("There's no limit on how long you can stay on Lyrica if it keeps working.", "pregabalin"),
        # a dosing or titration schedule's field is no claim about control
        ("Ambien dosing schedule: no more than one tablet a night.", "zolpidem"),
        ("Xanax titration schedule: none needed for most people.", "alprazolam"),
        # drugs whose class facts share only broad words are not called the same class or a different one
        ("Lyrica is in the same class as Neurontin.", "pregabalin"),
    ],
)
def test_myths_affirmed_and_other_limits_left_alone(fb, text: str, drug: str) -> None:
    _assert_not_contradicted(fb, text, drug)


@pytest.mark.parametrize(
    ("text", "drug", "verdict", "fact_id"),
    [
        # a product's own schedule: codeine with acetaminophen is in III, codeine cough syrups in V
        ("Tylenol with codeine is a Schedule II narcotic.", "codeine", "contradicted", "codeine.schedule"),
        ("Tylenol #4 sits in Schedule III.", "codeine", "supported", "codeine.schedule"),
        ("Phenergan with codeine is a Schedule II drug.", "codeine", "contradicted", "codeine.schedule"),
        ("Straight codeine tablets are Schedule II.", "codeine", "supported", "codeine.schedule"),
        # brands of hydrocodone products the dictionary now knows
        ("Tussionex is not a controlled substance.", "hydrocodone", "contradicted", "hydrocodone.schedule"),
        ("Codeine cough syrup is gentle enough for a 12-year-old.", "codeine", "contradicted", "codeine.not_for.children_cough"),
        # a dose for one use is judged by that use's limit
        ("For panic attacks, Klonopin can go as high as 15 mg a day.", "clonazepam", "contradicted", "clonazepam.dose_panic"),
        ("For seizures, Klonopin can be taken at up to 20 mg a day.", "clonazepam", "supported", None),
        ("With Lyrica for diabetic neuropathy, the ceiling is 600 mg a day.", "pregabalin", "contradicted", "pregabalin.dose_dpn"),
        ("Cialis daily: the usual dose is 20 mg every day.", "tadalafil", "contradicted", "tadalafil.dose_daily"),
        # a rhetorical question asserts; a quiz's answer decides
        ("Who says you can't combine Cialis and a nitroglycerin spray?", "tadalafil", "contradicted", None),
        ("True or false: Ativan is not habit-forming. False.", "lorazepam", "supported", None),
        ("True or false: Ativan is not habit-forming. True!", "lorazepam", "contradicted", None),
        # a name set up as the topic is named by the next sentence
        ("Ultram? Not an opioid at all.", "tramadol", "contradicted", None),
        # the denied claim ends with its clause
        ("It's not true that Neurontin is uncontrolled; it's in Schedule II now.", "gabapentin", "contradicted", None),
        ("The DEA does not schedule Restoril.", "temazepam", "contradicted", None),
        # the usual dose where the label lowers it, with a name between the words or a co-medication in a "while" clause
        ("Seniors can stay on the same Restoril dose as younger adults.", "temazepam", "contradicted", None),
        ("You can use the full Cialis dose while on ritonavir.", "tadalafil", "contradicted", None),
        ("On valproate, the lorazepam dose should be halved.", "lorazepam", "supported", "lorazepam.dose_adjust.valproate"),
        # a gap given as a condition, then offered as enough; the same day
        ("If your last Nardil dose was five days ago, you can start Ritalin.", "methylphenidate", "contradicted", None),
        ("Vivitrol can be started the same day as your last hydrocodone.", "naltrexone", "contradicted", None),
        # combinations called harmless in other words, and forbidden after a "Don't:" label
        ("Klonopin and a few beers get along just fine.", "clonazepam", "contradicted", None),
        ("A Percocet with a Valium is the perfect way to wind down.", "oxycodone", "contradicted", None),
        ("Don't: begin Xanax while you're taking itraconazole.", "alprazolam", "supported", None),
        # a full agonist called partial; a label's specific warnings
        ("Morphine is a partial agonist, so it has a ceiling on breathing effects.", "morphine", "contradicted", None),
        ("Nuvigil treats the airway blockage itself, so the CPAP can be packed away.", "armodafinil", "contradicted", None),
        ("A Staxyn tablet and a Levitra tablet are interchangeable.", "vardenafil", "contradicted", None),
        ("With methadone, once the pain comes back it is safe to take another dose.", "methadone", "contradicted", None),
        ("If you have driven while asleep on Ambien and remember nothing, you can just keep taking it.", "zolpidem",
         "contradicted", None),
        ("Take an extra OxyContin whenever breakthrough pain hits.", "oxycodone", "contradicted", None),
        # benefits nobody backs
        ("Tramadol heals the torn ligament, not just the ache.", "tramadol", "unsupported", None),
        ("A weekly ivermectin pill chelates heavy metals.", "ivermectin", "unsupported", None),
        ("Cymbalta-free: Norco lifts depression too.", "hydrocodone", "unsupported", None),
        ("Codeine syrup is harmless at these doses.", "codeine", "contradicted", None),
        # a question of how often it is taken, answered by a bare frequency
        ("How often is Xanax XR taken? Three times a day.", "alprazolam", "contradicted", None),
    ],
)
def test_products_uses_rhetoric_and_label_specific_limits(fb, text: str, drug: str, verdict: str, fact_id: str | None) -> None:
    _assert_verdict(fb, text, drug, verdict, fact_id)


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        # a use one brand lacks, denied of that brand
        ("Revatio is not approved for erectile dysfunction.", "sildenafil"),
        ("Zepbound has never been approved for type 2 diabetes.", "tirzepatide"),
        # the side effects, or an act, called harmless
        ("Most of the side effects of codeine are harmless.", "codeine"),
        # the anti-anxiety class word is no use named: the general limit applies
        ("Xanax, an anti-anxiety drug, can be taken up to 10 mg a day.", "alprazolam"),
        # the usual limit for as-needed Cialis, said with "once daily" as the most often
        ("The maximum Cialis dose is 20 mg, no more than once daily.", "tadalafil"),
        # a comparison of doses is no contrast with another drug
        ("Start kidney patients on a lower than usual morphine dose.", "morphine"),
        # an effect the drug is said to work as is no class claim
        ("Suboxone works as an antidepressant for some people.", "buprenorphine"),
        # a question that only asks
        ("Who says Xanax is addictive?", "alprazolam"),
        # Staxyn said not to be interchangeable
        ("Staxyn is not interchangeable with Levitra.", "vardenafil"),
        # the answer to a question of something else done that often
        ("How often should you check your blood sugar on Ozempic? Twice a day.", "semaglutide"),
    ],
)
def test_doses_of_other_uses_and_harmless_effects_left_alone(fb, text: str, drug: str) -> None:
    _assert_not_contradicted(fb, text, drug)


@pytest.mark.parametrize(
    ("text", "drug", "verdict", "fact_id"),
    [
        # a negative question takes its statement as known
        ("Doesn't everybody know by now that Soma is not a controlled drug?", "carisoprodol", "contradicted", None),
        ("Isn't it obvious that Lunesta is fine with a few glasses of wine?", "eszopiclone", "contradicted", None),
        # limits in casual words
        ("dont go past 60mg of adderall a day, thats the max", "amphetamine", "supported", None),
        ("Ultram tops out at 800 mg a day.", "tramadol", "contradicted", None),
        ("Ultram maxes out at 600 mg a day.", "tramadol", "contradicted", None),
        # a dose for one use, a label's warning about tolerance, a product compared and then dosed
        ("For night shift workers, the standard Nuvigil dose is 250 mg.", "armodafinil", "contradicted",
         "armodafinil.dose_shift_work"),
        ("Once you're off Vivitrol your tolerance returns, so your old dose is safe again.", "naltrexone", "contradicted",
         "naltrexone.false.tolerance_restored"),
        ("If Adipex stops working after a month, increase the dose.", "phentermine", "contradicted",
         "phentermine.false.raise_dose_when_tolerant"),
        ("Mounjaro vs Zepbound: same molecule, and Mounjaro can go up to 40 mg a week.", "tirzepatide", "contradicted", None),
        ("With clarithromycin on board, the Levitra limit drops to 5 mg a day.", "vardenafil", "supported", None),
        # bought without a prescription in other words
        ("You can grab Restoril over the counter at most pharmacies.", "temazepam", "contradicted", None),
        # a risk called harmless, and "not a reason to stop"
        ("Sleep-eating on Lunesta is harmless.", "eszopiclone", "contradicted", None),
        ("Sleepwalking on Ambien is not a reason to stop it.", "zolpidem", "contradicted", None),
        ("Nuvigil takes the place of a CPAP machine.", "armodafinil", "contradicted", None),
        # benefits nobody backs
        ("Ritalin shields kids from dementia later in life.", "methylphenidate", "unsupported", None),
        ("Modafinil shaves minutes off your marathon time.", "modafinil", "unsupported", None),
        ("Ketamine brings coma patients back to consciousness.", "ketamine", "unsupported", None),
        ("MS Contin can slow the spread of the cancer itself.", "morphine", "unsupported", None),
    ],
)
def test_negative_questions_casual_limits_and_tolerance(fb, text: str, drug: str, verdict: str, fact_id: str | None) -> None:
    _assert_verdict(fb, text, drug, verdict, fact_id)


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        # the true statements a false contradiction had been read in
        ("Cialis does nothing without sexual stimulation.", "tadalafil"),
        ("Revatio is the same drug as Viagra, taken three times a day for pulmonary hypertension.", "sildenafil"),
        ("Refills are not allowed on a C-II prescription.", "methylphenidate"),
        ("Tramadol isn't a typical opioid: it also blocks serotonin reuptake.", "tramadol"),
        # a question of a benefit answered with a schedule sets the scene for that benefit
        ("How often should you take ivermectin to detox? Once a month keeps the toxins out.", "ivermectin"),
    ],
)
def test_true_statements_that_read_like_denials_left_alone(fb, text: str, drug: str) -> None:
    _assert_not_contradicted(fb, text, drug)


@pytest.mark.parametrize(
    ("text", "drug", "verdict"),
    [
        # giving or selling a controlled drug called legal, and called illegal
        ("It's perfectly legal to hand a couple of your Klonopin to your sister.", "clonazepam", "contradicted"),
        ("Trading your Adderall for a friend's Vyvanse is totally legal.", "amphetamine", "contradicted"),
        ("It is not legal to sell your leftover Norco.", "hydrocodone", "supported"),
        # the writer's own belief still asserts the number
        ("I believe the most Ativan you can take is 30 mg a day.", "lorazepam", "contradicted"),
        # "don't change the dose", "month after month", heart rhythm drugs as an agent
        ("Bad kidneys don't change your Lyrica dose at all.", "pregabalin", "contradicted"),
        ("Flexeril is fine to take month after month for a sore back.", "cyclobenzaprine", "contradicted"),
        ("Staxyn is fine alongside heart rhythm medications.", "vardenafil", "contradicted"),
    ],
)
def test_sharing_own_beliefs_and_plain_words(fb, text: str, drug: str, verdict: str) -> None:
    _assert_verdict(fb, text, drug, verdict, None)


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        # others' beliefs stay reported
        ("Some doctors think Ativan can go up to 30 mg a day.", "lorazepam"),
        # a contrast hands the reading to the other product
        ("Amrix is a single capsule a day, whereas plain cyclobenzaprine is taken three times daily.", "cyclobenzaprine"),
        # the law's rules for a schedule, not the drug's schedule
        ("Pharmacies cannot give refills on a C-II prescription such as Ritalin.", "methylphenidate"),
        # sharing or giving something other than the medicine
        ("Sharing your experiences with Xanax is allowed on this forum.", "alprazolam"),
        ("Giving feedback about Norco is allowed here.", "hydrocodone"),
    ],
)
def test_others_beliefs_and_contrasted_products_left_alone(fb, text: str, drug: str) -> None:
    _assert_not_contradicted(fb, text, drug)


@pytest.mark.parametrize(
    ("text", "drug", "verdict"),
    [
        # a table whose label carries the unit its figures lack
        ("| Restoril, usual adult dose (mg/day) | 300 |", "temazepam", "contradicted"),
        ("| Drug | Max (mg/day) |\n|---|---|\n| Ritalin | 200 |", "methylphenidate", "contradicted"),
        ("| OxyContin, frequency (doses/day) | 6 |", "oxycodone", "contradicted"),
        # a boxed warning denied, for a drug whose label has one
        ("Percocet has no black box warning at all.", "oxycodone", "contradicted"),
        # an approved use denied
        ("The FDA has never approved eszopiclone for insomnia.", "eszopiclone", "contradicted"),
        # a risk called an urban legend
        ("Sleep-driving on Lunesta is an urban legend.", "eszopiclone", "contradicted"),
        # doses by the day's count read with decimals inside the clause
        ("Zepbound: start at 2.5 mg and increase by 2.5 mg every four weeks.", "tirzepatide", "supported"),
    ],
)
def test_unit_labels_boxed_warnings_and_denied_approvals(fb, text: str, drug: str, verdict: str) -> None:
    _assert_verdict(fb, text, drug, verdict, None)


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        # a drug without a boxed warning said to have none
        ("Viagra has no black box warning.", "sildenafil"),
        # a dose step told every four weeks is no schedule of doses
        ("Mounjaro goes up by 2.5 mg every four weeks until you reach your dose.", "tirzepatide"),
    ],
)
def test_true_denials_and_dose_steps_left_alone(fb, text: str, drug: str) -> None:
    _assert_not_contradicted(fb, text, drug)


@pytest.mark.parametrize(
    ("text", "drug", "verdict"),
    [
        # a schedule some of the drug's relatives hold is not the drug's own
        ("Fentanyl is Schedule I, so no doctor can write a script for it.", "fentanyl", "contradicted"),
        ("Acetyl fentanyl and other fentanyl analogues sit in Schedule I.", "fentanyl", "supported"),
        ("Straight codeine pills are a Schedule V drug.", "codeine", "contradicted"),
        ("Codeine cough syrup is in Schedule V.", "codeine", "supported"),
        # the combination forbidden with the drug as the subject, and a class named in the singular
        ("Flexeril should never be combined with an MAO inhibitor.", "cyclobenzaprine", "supported"),
        ("Ambien must not be mixed with a glass of wine.", "zolpidem", "supported"),
    ],
)
def test_schedules_of_relatives_and_forbidden_pairs(fb, text: str, drug: str, verdict: str) -> None:
    _assert_verdict(fb, text, drug, verdict, None)


@pytest.mark.parametrize(
    ("text", "drug", "verdict"),
    [
        # a name as patients misspell it
        ("klonipin is a benzodiazepine like valium", "clonazepam", "supported"),
        ("fentermine is totally fine to take when you are pregnant", "phentermine", "contradicted"),
        # the writer's own specialist, and experts the page itself spoke to, are the page's voice
        ("My endo told me Zepbound tops out at 40 mg a week.", "tirzepatide", "contradicted"),
        ("Doctors we spoke to said MS Contin is handy for the odd headache, taken as needed.", "morphine", "contradicted"),
        # a reporting word inside the claim is the claim ("the emergency use authorization is still in force")
        ("Plaquenil's emergency use authorization for COVID patients remains in force today.", "hydroxychloroquine", "contradicted"),
        # one drug said to be another
        ("Mounjaro is nothing more than semaglutide with a new label.", "tirzepatide", "contradicted"),
        # doses listed by the clock or the meal
        ("I was told to take my Vyvanse at 7 am, 12 pm and 5 pm.", "lisdexamfetamine", "contradicted"),
        ("Soma: one tablet with breakfast, one with lunch, one with dinner and one at bedtime.", "carisoprodol", "supported"),
        # a child's age in the possessive
        ("Soma is a sensible pick for your 11-year-old's sprained ankle.", "carisoprodol", "contradicted"),
    ],
)
def test_misspelt_names_own_sources_identity_and_clock_doses(fb, text: str, drug: str, verdict: str) -> None:
    _assert_verdict(fb, text, drug, verdict, None)


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        # a window of time is not a list of doses
        ("Take Lunesta between 10 pm and midnight, and only if you can stay in bed for 7 hours.", "eszopiclone"),
        # a drug said to be its own brand, or likened to another, is no identity claim
        ("Zepbound is just Mounjaro under another name.", "tirzepatide"),
        ("Tramadol works a bit like Advil for mild pain.", "tramadol"),
        # an English word a letter away from a name is not the drug ("narco" is not Norco)
        ("The narco thriller says Norco is an opioid.", "hydrocodone"),
    ],
)
def test_windows_likeness_and_words_left_alone(fb, text: str, drug: str) -> None:
    _assert_not_contradicted(fb, text, drug)


@pytest.mark.parametrize(
    ("text", "drug", "verdict"),
    [
        # unbacked benefits in other words
        ("Ambien slashes your risk of a heart attack.", "zolpidem", "unsupported"),
        ("Plaquenil cleanses impurities out of your bloodstream.", "hydroxychloroquine", "unsupported"),
        ("Flexeril rebuilds the discs in your lower back.", "cyclobenzaprine", "unsupported"),
        # hair kept after stopping finasteride
        ("Ask any Propecia user: once the hair comes back it stays forever.", "finasteride", "contradicted"),
        ("Quit Propecia whenever you like and keep your regrown hair.", "finasteride", "contradicted"),
        # too short a wait before naltrexone
        ("The evening after you last used fentanyl, it is fine to take your first naltrexone.", "naltrexone", "contradicted"),
        # an amount in an aside with its cue after it, and an amount that names its dose
        ("Doubling up on Ambien, two pills (20 mg), is perfectly safe.", "zolpidem", "contradicted"),
        ("A 200 mg starting dose of Viagra is what most men need.", "sildenafil", "contradicted"),
        # a use that sets the dose
        ("Men with an enlarged prostate take Cialis 20 mg every day.", "tadalafil", "contradicted"),
        # a schedule written as pharmacists do
        ("Ritalin is CII, like Adderall.", "methylphenidate", "supported"),
        ("Ambien is CII.", "zolpidem", "contradicted"),
    ],
)
def test_benefits_hair_waits_asides_uses_and_schedule_codes(fb, text: str, drug: str, verdict: str) -> None:
    _assert_verdict(fb, text, drug, verdict, None)


def test_a_frequency_in_a_sentence_without_the_name_needs_a_word_of_dosing(fb) -> None:
    # the period of a prescription is not a dose ("every month" after a sentence about the drug)
    _assert_not_contradicted(fb, "Adderall is Schedule II. Every month your doctor has to send a new script.", "amphetamine")


def _html_checks(html: str, fb) -> list:
    return _check(html, fb, is_html=True)[0]


def test_a_heading_that_names_the_drug_is_the_subject_of_the_blocks_under_it(fb) -> None:
    # a leaflet's fact box under the drug's name, and a forum reply under a thread title
    html = ("<html><body><h2>Ambien at a glance</h2><ul><li>Usual dose: 5 mg at bedtime.</li><li>Max dose: 50 mg.</li></ul>"
            "<p>It can cause sleep-walking.</p><h2>Shipping</h2><p>Most dose packs arrive within 50 days.</p></body></html>")
    got = {(c.text, c.verdict) for c in _html_checks(html, fb) if c.drug == "zolpidem"}
    assert ("Max dose: 50 mg.", "contradicted") in got and ("It can cause sleep-walking.", "supported") in got
    # the topic ends at the next heading that does not name the drug
    assert not any("arrive" in text for text, _ in got)


@pytest.mark.parametrize(
    "heading",
    [
        "Ambien or Lunesta: which sleep aid suits you?",  # two drugs: no single topic
        "What our readers told us about sleeping through the night after a long shift on Ambien",  # a sentence, not a title
    ],
)
def test_a_heading_with_two_drugs_or_a_whole_sentence_is_no_topic(fb, heading: str) -> None:
    html = f"<html><body><h2>{heading}</h2><ul><li>Max dose: 50 mg.</li></ul></body></html>"
    assert not [c for c in _html_checks(html, fb) if c.verdict == "contradicted"]


@pytest.mark.parametrize(
    ("text", "drug", "verdict"),
    [
        # a generic is bioequivalent to its brand
        ("Everyone knows generic Adderall is a lot weaker than the real thing.", "amphetamine", "contradicted"),
        ("Generic Ambien isn't weaker than the brand; the FDA holds generics to the same standard.", "zolpidem", "supported"),
        # class words denied outright
        ("Vyvanse is a non-stimulant option for ADHD.", "lisdexamfetamine", "contradicted"),
        ("Revia is just a weak opioid.", "naltrexone", "contradicted"),
        ("Restoril is a non-prescription sleep remedy.", "temazepam", "contradicted"),
        # a headline that names the pair before its colon
        ("Xanax and Beer: No Big Deal", "alprazolam", "contradicted"),
        # the law as the page's source
        ("Tramadol is in Schedule II, DEA regulations state.", "tramadol", "contradicted"),
        # waits: antacids before gabapentin or Plaquenil, and the first Suboxone right after the last opioid
        ("Leave two hours between Mylanta and your gabapentin.", "gabapentin", "supported"),
        ("Half an hour between Tums and Plaquenil is enough.", "hydroxychloroquine", "contradicted"),
        ("Take your first Suboxone film just after your last hydrocodone.", "buprenorphine", "contradicted"),
        # a second dose hours later, a first-day amount, a usual amount 'just standard'
        ("If the Cialis has not kicked in, take another tablet two hours later.", "tadalafil", "contradicted"),
        ("Methadone clinics start most people at 90 mg on day one.", "methadone", "contradicted"),
        ("For anxiety, 12 mg of Xanax a day is just standard.", "alprazolam", "contradicted"),
        # label timing, and what happens to finasteride hair
        ("Take Ambien only when you have seven to eight hours left to sleep.", "zolpidem", "supported"),
        ("Quit Propecia and the new hair will fall out again within a year.", "finasteride", "supported"),
        # unbacked benefits
        ("Lunesta nights clear out the amyloid plaques behind dementia.", "eszopiclone", "unsupported"),
        ("Mounjaro reverses diabetes.", "tirzepatide", "unsupported"),
        # a drink said to do nothing with the drug
        ("Wine has no effect at all when mixed with Cialis.", "tadalafil", "contradicted"),
    ],
)
def test_generics_class_denials_headlines_waits_and_timing(fb, text: str, drug: str, verdict: str) -> None:
    _assert_verdict(fb, text, drug, verdict, None)


@pytest.mark.parametrize(
    ("text", "drug", "verdict"),
    [
        # an amount every N hours is that many doses a day (a range's longer gap: labels cap the day below the shorter one)
        ("Hydrocodone: you can take up to 20 mg every 2 hours.", "hydrocodone", "contradicted"),
        ("The usual tramadol dose is 50 to 100 mg every 4 to 6 hours.", "tramadol", "supported"),
        # permits in other words, and a condition as the time of use
        ("Adipex is a wise choice even with glaucoma.", "phentermine", "contradicted"),
        ("Acute asthma does not rule out MS Contin.", "morphine", "contradicted"),
        ("Phentermine is fine while you're getting over a recent stroke.", "phentermine", "contradicted"),
        # a drink called fine and helpful with the drug
        ("A beer with your Xanax is fine and helps it work faster.", "alprazolam", "contradicted"),
        # an extended-release opioid kept for the bad days
        ("OxyContin is handy for the bad days only.", "oxycodone", "contradicted"),
        # mechanisms said in lay words
        ("Ketamine simply blocks the brain's serotonin reuptake.", "ketamine", "contradicted"),
        ("Lyrica locks onto GABA receptors.", "pregabalin", "contradicted"),
        # acidic drinks and Adderall; Cialis working for a day and a half
        ("Vitamin C with Adderall can lower how much is absorbed.", "amphetamine", "supported"),
        ("A single Cialis can keep working for up to 36 hours.", "tadalafil", "supported"),
    ],
)
def test_hourly_amounts_permits_drinks_and_lay_mechanisms(fb, text: str, drug: str, verdict: str) -> None:
    _assert_verdict(fb, text, drug, verdict, None)


@pytest.mark.parametrize(
    ("text", "drug", "verdict"),
    [
        # what people think, called a myth by the page
        ("Lots of people believe Klonopin can cause dependence, but that's a myth.", "clonazepam", "contradicted"),
        ("Many people think Adderall is an opioid, but that is wrong.", "amphetamine", "supported"),
        # a claim stretched to the group with "even if"
        ("Phentermine is fine for everyone, even if you have glaucoma.", "phentermine", "contradicted"),
        # a list of times after a dosing verb and a colon
        ("Vyvanse must be taken twice: at breakfast and at dinner.", "lisdexamfetamine", "contradicted"),
        # vardenafil and a long QT interval
        ("People with long QT syndrome can use Levitra without worry.", "vardenafil", "contradicted"),
    ],
)
def test_thoughts_called_myths_even_if_groups_colon_lists_and_long_qt(fb, text: str, drug: str, verdict: str) -> None:
    _assert_verdict(fb, text, drug, verdict, None)



@pytest.mark.parametrize(
    ("text", "drug", "verdict"),
    [
        # a case put as a question about someone the reader cares for, or a history, answered by a permit
        ("My uncle has narrow-angle glaucoma? That's no reason to stop his lorazepam.", "lorazepam", "contradicted"),
        ("A history of medullary thyroid cancer in the family? Doesn't matter for Wegovy.", "semaglutide", "contradicted"),
        ("Even severe liver disease isn't a reason to avoid Klonopin.", "clonazepam", "contradicted"),
        ("If your sister takes Valium and has myasthenia gravis, there's nothing to worry about.", "diazepam", "contradicted"),
        # a case of the drug asked, answered with a verdict; a yes/no question is left to the asked-permit rules
        ("Sleep-walked on Ambien last week? No big deal, keep taking it.", "zolpidem", "contradicted"),
        # what is said or warned of in passing is no report
        ("Taking Ativan with an opioid pain pill is a safe combo with no special warnings.", "lorazepam", "contradicted"),
        ("Nuvigil isn't a controlled substance, so there's no schedule to think about.", "armodafinil", "contradicted"),
        # "don't believe anyone who says X" rejects X; a colon ends what "it's not true that" denies
        ("Don't believe anyone who says Halcion-style pills like Restoril are Schedule IV.", "temazepam", "contradicted"),
        ("It's not true that gabapentin is uncontrolled everywhere: Lyrica, though, is Schedule V.", "pregabalin", "supported"),
        # drinks by name, and combinations permitted in other words
        ("A nightcap with your Restoril is perfectly fine.", "temazepam", "contradicted"),
        ("Kids can take their Adderall together with an antacid tablet.", "amphetamine", "contradicted"),
        ("Go ahead and use a heating pad on the spot where the Butrans patch sits.", "buprenorphine", "contradicted"),
        ("An electric blanket over the Daytrana patch is fine.", "methylphenidate", "contradicted"),
        ("The pill works just the same on Zepbound, so no backup method is needed.", "tirzepatide", "contradicted"),
        # an interacting drug in the dose rule, with a range before the noun
        ("With ritonavir, Levitra is still taken at the normal 10 to 20 mg daily dose.", "vardenafil", "contradicted"),
        # an opioid-naive patient named as a first opioid; the group's own "never" forbids nothing
        ("Exalgo is a sensible first opioid for a patient who has never used one.", "hydromorphone", "contradicted"),
        # a name describing something else is no mention ("chloroquine-resistant"); the label's limit of use
        ("Plaquenil is fine for malaria from chloroquine-resistant parasites.", "hydroxychloroquine", "contradicted"),
        ("Plaquenil is not recommended for chloroquine-resistant malaria.", "hydroxychloroquine", "supported"),
        # tolerance after naltrexone, "zero effect" as a denial, stimulation, metabolism
        ("Once you quit Vivitrol you can head straight back to your usual heroin dose.", "naltrexone", "contradicted"),
        ("Propecia has zero effect on a PSA result.", "finasteride", "contradicted"),
        ("Cialis works by itself; no sexual stimulation is needed.", "tadalafil", "contradicted"),
        ("Tramadol works the same in everyone, whatever their genes.", "tramadol", "contradicted"),
        # a change named as a hypothetical danger is no direction the drug takes
        ("Ketamine drops blood pressure, so it suits patients in whom a blood pressure rise would be risky.", "ketamine", "contradicted"),
    ],
)
def test_cases_asked_permits_in_other_words_and_label_limits(fb, text: str, drug: str, verdict: str) -> None:
    _assert_verdict(fb, text, drug, verdict, None)


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        # benefits no label backs, though the drug's use is named beside them
        ("Duragesic resets your pain nerves, so the pain stays gone after you stop.", "fentanyl"),
        ("Plaquenil reverses the joint damage lupus has done.", "hydroxychloroquine"),
        ("Plaquenil shields me from every flu going around the office.", "hydroxychloroquine"),
        ("Lyrica plus turmeric: the nerve pain relief doubles.", "pregabalin"),
        ("Levitra does more than help ED, it improves your overall heart health.", "vardenafil"),
        ("Ambien lets you shed pounds while you sleep.", "zolpidem"),
        ("Wegovy melts fat without dieting.", "semaglutide"),
    ],
)
def test_benefits_beside_a_use_stay_unsupported(fb, text: str, drug: str) -> None:
    _assert_only_verdict(fb, text, drug, "unsupported")


def test_verdict_answers_and_negative_answers(fb) -> None:
    # "No" alone may deny the case: nothing is read into it
    _assert_not_contradicted(fb, "Valium with a beer? No, never do that.", "diazepam")
    # "without stimulation it won't work" is the label's own message
    _assert_not_contradicted(fb, "Without sexual stimulation, Viagra will not work.", "sildenafil")
    _assert_not_contradicted(fb, "Tell your doctor you take Flomax: when a blood pressure drop would be dangerous, Cialis needs care.", "tadalafil")
