"""Generate ``corpus/pages/pages.jsonl``: the project's labelled example pages.

Pages are composed from the team-written banks in ``banks_a.py`` / ``banks_b.py`` and the fact table
in ``drug_facts.py``. Every choice is seeded from the page id, so the output is byte-for-byte
reproducible::

    python corpus/pages/build_pages.py            # writes corpus/pages/pages.jsonl
    python corpus/pages/build_pages.py --check    # exits 1 if the committed file is stale

The held-out split is stratified by (kind, label) and grouped by drug inside each stratum, so the
held-out third contains drug/kind combinations that the dev part never shows.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from banks_a import FORUM, LEADGEN, LEAFLET, NEWS, NEWS_HOOKS  # noqa: E402
from banks_b import ADVERTORIAL, PHARMACY, SPIN, SPUN, TELEHEALTH  # noqa: E402
from drug_facts import DRUGS, OBFUSCATED  # noqa: E402

OUT = HERE / "pages.jsonl"

KINDS = ("leaflet", "news", "forum", "lead_generation", "pharmacy", "advertorial", "spun", "telehealth")
LABELS = ("credible", "questionable", "unreliable")
ALL_DRUGS = tuple(DRUGS)
CONTROLLED = tuple(d for d, f in DRUGS.items() if f["sched"])
# Lead generation sells addiction treatment: only drugs people become dependent on.
DEPENDENCE = tuple(d for d in ALL_DRUGS if (DRUGS[d]["sched"] or d == "gabapentin") and DRUGS[d]["group"] != "wake")
SEDATING = {"benzo", "zdrug", "opioid", "muscle", "gaba"}
MISUSE_SIGNS = {"sedating": "drowsiness at odd times, slurred speech, unsteadiness",
                "stimulating": "sleeplessness, weight loss, agitation, a racing heart"}

# (kind, label, number of pages, eligible drugs)
PLAN: tuple[tuple[str, str, int, tuple[str, ...]], ...] = (
    ("leaflet", "credible", 46, ALL_DRUGS),
    ("news", "credible", 22, ALL_DRUGS),
    ("news", "questionable", 14, ALL_DRUGS),
    ("forum", "questionable", 26, ALL_DRUGS),
    ("forum", "credible", 7, ALL_DRUGS),
    ("forum", "unreliable", 9, CONTROLLED),
    ("lead_generation", "questionable", 32, DEPENDENCE),
    ("pharmacy", "unreliable", 40, ALL_DRUGS),
    ("advertorial", "unreliable", 34, ALL_DRUGS),
    ("spun", "unreliable", 34, ALL_DRUGS),
    ("telehealth", "questionable", 28, CONTROLLED),
)

HTML_SHARE = 0.36

AUTHORS = ["Dr. Hanna Okafor", "Priya Raman, PharmD", "Dr. Tomas Ekdahl", "Leah Whitcombe, RN", "Dr. Samuel Achterberg",
           "Maria Castellanos, PharmD", "Dr. Ilse Vandermeer", "Kwame Mensah, MPH", "Dr. Ruth Feldstein", "Oren Baptiste, PharmD"]
REPORTERS = ["Nadia Brooks", "Julian Ferreira", "Catherine Osei", "Mark Lindholm", "Evelyn Tan", "Dario Keane",
             "Sofia Marchetti", "Ben Adeyemi"]
EXPERTS = [("Dr. Alicia Moreno", "a clinical pharmacist"), ("Dr. Peter Haldane", "an addiction specialist"),
           ("Professor Lena Strom", "a pharmacologist"), ("Dr. Rafael Oduya", "a family physician"),
           ("Dr. Grace Whitfield", "a psychiatrist"), ("Dr. Hamid Sadri", "a pain specialist"),
           ("Professor Anne-Marie Colbert", "a drug-safety researcher"), ("Dr. Yusuf Karim", "an emergency physician")]
NAMES = ["Karen", "Jessica", "Donna", "Melissa", "Angela", "Rachel", "Tina", "Lisa"]
CITIES = ["Ohio", "Phoenix", "Leeds", "Tampa", "Denver", "Manchester", "Sacramento", "Glasgow"]
USERS = ["throwaway_4412", "quietstorm88", "mike_in_ohio", "anxious_annie", "nightowl_rn", "deltablues", "Jenna.K",
         "oldtimer62", "sleepless_in_pdx", "grayfox", "bluebird_77", "paperplanes", "rx_curious", "hollowpoint_dad",
         "mellowyellow", "TaperTime"]
CREDIBLE_SITES = [("Northfield Community Pharmacy", "northfieldpharmacy"), ("ClearMeds Patient Library", "clearmeds-library"),
                  ("Riverbend Health System", "riverbendhealth"), ("The Medicine Notes", "medicinenotes"),
                  ("Lakeside University Hospital", "lakeside-uh"), ("Pillbox Patient Guides", "pillboxguides"),
                  ("County Health Department", "countyhealth-dept"), ("Meridian Family Practice", "meridianfp")]
NEWS_SITES = [("The Daily Ledger", "dailyledger"), ("Health Desk Weekly", "healthdeskweekly"), ("Metro Tribune", "metrotribune"),
              ("Clinical Wire", "clinicalwire"), ("Viral Health Now", "viralhealthnow"), ("WellnessBuzz", "wellnessbuzz"),
              ("The Morning Post Health", "morningposthealth"), ("Trending Cures", "trendingcures")]
FORUM_SITES = [("MedTalk Forums", "medtalkforum"), ("RxBoards", "rxboards"), ("PillChat", "pillchat"),
               ("Anxiety Support Community", "anxietysupportboard"), ("Chronic Pain Corner", "painboards")]
SPAM_SITES = [("RxDirect24", "rxdirect24"), ("MedsNoScript", "medsnoscript"), ("PharmaEasyBuy", "pharmaeasybuy"),
              ("TrustedPills", "trustedpillsshop"), ("OvernightMeds", "overnightmeds"), ("HealthMart Online", "healthmart-online"),
              ("BlueSkyRx", "blueskyrx"), ("PillCorner", "pillcorner")]
BLOG_SITES = [("Mind & Body Journal", "mindbodyjournal"), ("WellLife Today", "welllifetoday"), ("Healthy Living Hub", "healthylivinghub"),
              ("Natural Balance Blog", "naturalbalanceblog"), ("The Wellness Digest", "wellnessdigest"), ("Vital Insights", "vitalinsights")]
SPUN_SITES = [("Health Articles Pro", "healtharticlespro"), ("Medi Info Point", "mediinfopoint"), ("Drug Facts Daily", "drugfactsdaily"),
              ("Wellbeing Articles", "wellbeingarticles"), ("Top Health Tips", "tophealthtips"), ("Info Med Hub", "infomedhub")]
LEAD_SITES = [("Recovery Pathways", "recoverypathways"), ("Addiction Help Guide", "addictionhelpguide"), ("Sober Roads", "soberroads"),
              ("Rehab Finder Network", "rehabfindernet"), ("New Dawn Treatment", "newdawntreatment"), ("Hope Harbor Recovery", "hopeharbor-recovery")]
TELE_SITES = [("QuickCare Online", "quickcareonline"), ("MindWell Telehealth", "mindwelltele"), ("CalmClinic", "calmclinic"),
              ("FocusMD", "focusmd-online"), ("SleepEasy Health", "sleepeasyhealth"), ("SlimDoc", "slimdoc")]
TLDS = [".com", ".org", ".net", ".health", ".info", ".co"]

SITES_BY_KIND = {"leaflet": CREDIBLE_SITES, "news": NEWS_SITES, "forum": FORUM_SITES, "lead_generation": LEAD_SITES,
                 "pharmacy": SPAM_SITES, "advertorial": BLOG_SITES, "spun": SPUN_SITES, "telehealth": TELE_SITES}

NOTES = {
    ("leaflet", "credible"): ["Balanced, accurate drug information with risks, interactions and a referral to professionals.",
                              "Accurate label-level facts including dependence and interaction warnings; no selling.",
                              "Careful patient leaflet: correct mechanism, uses and serious risks, with disclaimer."],
    ("news", "credible"): ["Reports a real, dated regulatory or research event with accurate context and a named source.",
                           "Factual news report that states risks and attributes claims to regulators or named experts."],
    ("news", "questionable"): ["Sensational framing, anonymous or unverifiable sources and overstated claims, but no selling.",
                               "Clickbait health story built on anecdote and hype with thin sourcing."],
    ("forum", "questionable"): ["User-generated anecdote and advice of mixed accuracy with no editorial oversight.",
                                "Forum thread mixing sensible and risky personal advice."],
    ("forum", "credible"): ["Moderated question-and-answer thread in which a pharmacist gives accurate label-level facts and refers to the prescriber.",
                            "Forum thread whose answer is careful and accurate, states risks and sells nothing."],
    ("forum", "unreliable"): ["Forum thread where replies push a no-prescription source or dangerous dosing advice.",
                              "User posts promoting an illicit supplier and dismissing withdrawal or addiction risks."],
    ("lead_generation", "questionable"): ["Mostly accurate facts wrapped around a toll-free referral hotline that sells treatment leads.",
                                          "Addiction-treatment marketing: correct basics, repeated calls to an unnamed paid hotline."],
    ("pharmacy", "unreliable"): ["Online-pharmacy pitch selling a prescription drug without prescription, with per-pill prices and overnight delivery.",
                                 "Rogue pharmacy page: no-prescription sales, crypto payment and shipping guarantees."],
    ("advertorial", "unreliable"): ["Benefit-only promotion with a false mechanism and invented benefits; no risks mentioned.",
                                    "Polished advertorial claiming unsupported benefits and a wrong mechanism, silent on harms."],
    ("spun", "unreliable"): ["Article-spinner output: synonym-substituted medical terms make the text garbled and unreliable.",
                             "Spun copy of a drug summary with tortured phrases in place of medical terms."],
    ("telehealth", "questionable"): ["Telehealth marketing for a controlled drug: some accurate facts, but the page sells prescriptions.",
                                     "Promotes fast online prescribing of a controlled substance with a sales funnel."],
}


# --------------------------------------------------------------------------------------------------
# helpers


def _seed(*parts: str) -> int:
    return int.from_bytes(hashlib.sha256("|".join(parts).encode()).digest()[:8], "big")


def _join(items: list[str]) -> str:
    items = list(items)
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def _article(word: str) -> str:
    return ("an " if word[0].lower() in "aeiou" else "a ") + word


def _sched_sentence(f: dict) -> str:
    if f.get("sched_note"):
        return f["sched_note"]
    if f["sched"]:
        return f"In the United States it is a Schedule {f['sched']} controlled substance."
    return "It is a prescription-only medicine."


def _phone(rng: random.Random) -> str:
    area = rng.choice(["800", "888", "877", "866", "855", "844", "833"])
    line = f"01{rng.randint(0, 99):02d}"
    fmt = rng.choice(["{a}-555-{l}", "1-{a}-555-{l}", "({a}) 555-{l}", "1 ({a}) 555-{l}", "{a}.555.{l}"])
    return fmt.format(a=area, l=line)


def _bare(verb_phrase: str) -> str:
    """'rebuilds damaged cells' -> 'rebuild damaged cells' (for questions such as 'does it really ...?')."""
    first, _, rest = verb_phrase.partition(" ")
    first = {"is": "be", "has": "have"}.get(first) or (first[:-3] + "y" if first.endswith("ies") else first.rstrip("s"))
    return f"{first} {rest}".strip()


def _local(rng: random.Random) -> str:
    area = rng.choice(["312", "415", "503", "617", "720", "614", "919", "206"])
    return rng.choice(["({a}) 555-01{n:02d}", "{a}-555-01{n:02d}", "+1 {a} 555 01{n:02d}"]).format(a=area, n=rng.randint(0, 99))


def fields(drug: str, rng: random.Random) -> dict[str, str]:
    """Every placeholder the banks may use, for one drug on one page."""
    f = DRUGS[drug]
    brand = f["brand"] or f["G"]
    b_or_g = rng.choice([brand, brand, f["G"]])
    benefit, fb = rng.choice(ADVERTORIAL["benefits"])
    hook_h, hook_b = rng.choice(NEWS_HOOKS[f["group"]])
    strengths = f["strengths"]
    s1 = rng.choice(strengths)
    s2 = rng.choice(strengths)
    common = list(f["common"])
    rng.shuffle(common)
    ename, erole = rng.choice(EXPERTS)
    fake = rng.choice(f["fake"])
    return {
        "g": drug, "G": f["G"], "b": brand, "B": b_or_g, "cls": f["cls"], "a_cls": _article(f["cls"]),
        "mech": f["mech"], "uses": _join(f["uses"]), "use1": f["use1"], "sched_s": _sched_sentence(f),
        "hl": f["hl"], "hl_short": f["hl_short"], "common": _join(common[: rng.randint(3, len(common))] if len(common) > 3 else common),
        "common2": _join(common[:2]), "serious": _join(f["serious"]), "serious1": f["serious"][0],
        "interact": _join(f["interact"]), "interact1": f["interact"][0], "stop": f["stop"],
        "sp0": f["special"][0], "sp1": f["special"][-1], "s1": s1, "s2": s2,
        "obf": rng.choice(OBFUSCATED.get(drug) or [brand]), "wm": rng.choice(f["wrong_mech"]),
        "fb": rng.choice([fb, fb, rng.choice(f["fake"])]), "Benefit": benefit,
        "hook_head": hook_h.format(g=drug, b=brand), "hook_body": hook_b.format(g=drug, b=brand),
        "ename": ename, "erole": erole, "fake": fake, "fake_bare": _bare(fake),
        "local": _local(rng), "reviewer": rng.choice(AUTHORS), "human": _date(rng)[1], "name": rng.choice(NAMES), "city": rng.choice(CITIES), "phone": _phone(rng),
        "street": rng.choice(f["street"] or [brand]),
        "misuse_signs": MISUSE_SIGNS["sedating" if f["group"] in SEDATING else "stimulating"],
    }


HEADINGS = {
    "mech": ["How it works", "How does it work?", "Mechanism", "What it does in the body", "Action", "The science"],
    "uses": ["What it is used for", "Uses", "What is it prescribed for?", "Indications", "Who it is for"],
    "dosing": ["How to take it", "Dosage", "Taking your medicine", "Dosing", "Using it safely"],
    "common": ["Common side effects", "Side effects", "Possible side effects", "Unwanted effects"],
    "serious": ["Serious risks", "Warnings", "Important safety information", "Serious side effects", "Safety"],
    "interact": ["Interactions", "Other medicines", "Drug interactions", "Mixing with other drugs"],
    "dependence": ["Dependence and stopping", "Stopping treatment", "Legal status", "Coming off it"],
    "halflife": ["How long it lasts", "Half-life", "How long it stays in the body", "Duration"],
    "storage": ["Storage", "Storing and disposing", "Keeping it safe", "Disposal"],
    "addiction": ["Misuse and addiction", "Addiction risk", "Misuse", "Is it addictive?", "Dependence and misuse"],
    "help": ["When to get help", "Getting help", "Emergencies", "Who to call", "Need help?", "Support", None],
    "cost": ["Cost and insurance", "Paying for it", "Price and coverage", "Costs"],
    "signs": ["Signs of misuse", "Warning signs", "Is it a problem?", "Recognising addiction"],
    "withdrawal": ["Withdrawal", "Withdrawal and detox", "Coming off it safely", "Detox"],
    "treatment": ["Treatment options", "Getting treatment", "Rehab options", "How treatment works", "Recovery"],
    "testimonial": ["What our clients say", "Success stories", "Reviews", "Real recoveries"],
    "about": ["About {B}", "What is {B}?", "Product information", "Description", "{B} info"],
    "prices": ["Prices", "Pricing", "Packages", "Price list", "Order now", None],
    "shipping": ["Shipping & payment", "Delivery", "How to order", "Shipping", "Payment options"],
    "trust": ["Why choose us", "Our guarantee", "Why us?", "Trusted pharmacy"],
    "faq": ["FAQ", "Frequently asked questions", "Questions", "Got questions?", "Q&A"],
    "reviews": ["Customer reviews", "Testimonials", "What buyers say", "Reviews"],
    "how": ["How it works", "Three easy steps", "Getting started", "The process", "How online care works"],
    "pricing": ["Pricing", "Plans", "Cost", "What it costs", "Membership"],
    "before": ["Before you take it", "Before starting", "Who should not take it", "Check first"],
    "pregnancy": ["Pregnancy and breastfeeding", "Pregnancy", "If you are pregnant", None],
    "driving": ["Driving", "Driving and alertness", "Work and driving", None],
    "older": ["Older adults", "Older people", "Use in later life", None],
    "buying": ["Buying medicines online", "Ordering safely", "Online pharmacies", "Can I buy it online?", None],
}


def heading(rng: random.Random, key: str, fl: dict[str, str] | None = None) -> str | None:
    h = rng.choice(HEADINGS[key])
    if h is None or rng.random() < 0.12:
        return None
    h = h.format(**fl) if fl else h
    return rng.choice([h, h, h, h.upper()])


def fill(template: str, fl: dict[str, str]) -> str:
    out = template.format(**fl)
    return out[0].upper() + out[1:] if out else out


def pick(rng: random.Random, bank: list[str], fl: dict[str, str], k: int = 1) -> list[str]:
    return [fill(t, fl) for t in rng.sample(bank, k)]


def n_words(text: str) -> int:
    """Visible words: tags and their attributes do not count towards a page's length."""
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S | re.I)
    return len(re.findall(r"\w+", re.sub(r"<[^>]+>", " ", text)))


# --------------------------------------------------------------------------------------------------
# page composition: each returns a dict with title, sections [(heading | None, [paragraph | ("ul", items) | ("table", rows)])]


def leaflet(rng: random.Random, fl: dict[str, str], drug: str) -> dict:
    L = LEAFLET
    secs: list[tuple[str | None, list]] = [(None, pick(rng, L["intro"], fl))]
    order = [("mech", "mech"), ("uses", "uses"), ("dosing", "dosing"), ("common", "common"), ("serious", "serious"),
             ("interact", "interact"), ("dependence", "dependence"), ("halflife", "halflife"), ("storage", "storage")]
    if rng.random() < 0.4:
        # sites order their sections differently; risks may come before or after dosing
        order[2:6] = rng.sample(order[2:6], 4)
    # Leaflets vary in what they cover; the risk sections are always there.
    long_page = rng.random() < 0.3
    if long_page:
        order += [("before", "before"), ("pregnancy", "pregnancy"), ("driving", "driving"), ("older", "older")]
    keep = [o for o in order if o[1] in ("serious", "common", "mech") or rng.random() < (0.9 if long_page else 0.7)]
    for head, key in keep:
        single = key in ("mech", "uses", "halflife", "dependence", "storage", "interact")
        if long_page:
            paras = pick(rng, L[key], fl, 1 if single else rng.choice([2, 3] if key not in ("common", "serious") else [2]))
        else:
            paras = pick(rng, L[key], fl, 1 if single or rng.random() < 0.65 else 2)
        if key == "uses" and rng.random() < 0.5:
            paras = [paras[0].split(":")[0] + ":" if ":" in paras[0] else "It is used for:", ("ul", DRUGS[drug]["uses"])]
        if key == "common" and rng.random() < 0.4:
            paras = ["Common side effects may include:", ("ul", DRUGS[drug]["common"])]
        secs.append((heading(rng, head), paras))
    if DRUGS[drug]["sched"] or drug == "gabapentin":
        paras = pick(rng, L["addiction"], fl, rng.choice([2, 3] if long_page else [1, 2]))
        if DRUGS[drug]["group"] in ("benzo", "opioid", "stimulant") and rng.random() < 0.4:
            paras.append(f"Counterfeit tablets made to look like {fl['b']} and sold outside pharmacies have been found to contain fentanyl.")
        secs.append((heading(rng, "addiction"), paras))
    extras = []
    if rng.random() < 0.3:
        price = rng.choice([8, 11, 14, 19, 24, 35])
        rows = [["Product", "30-day cash price", "Typical copay"],
                [f"Generic {drug} {fl['s1']}", f"${price}-${price + 18}", "$0-$15 (tier 1)"],
                [f"{fl['b']} (brand) {fl['s1']}", rng.choice([f"${price * 12}-${price * 40}", "varies; often many times the generic"]),
                 rng.choice(["$40-$90 (tier 3)", "often not covered", "$35-$75 (tier 3)"])]]
        extras.append((heading(rng, "cost"), pick(rng, L["insurance"], fl) + [("table", rows)]))
    if rng.random() < 0.35:
        extras.append((None, pick(rng, L["locator"], fl)))
    if long_page or rng.random() < 0.3:
        extras.append((heading(rng, "buying"), pick(rng, L["buying"], fl, 2 if long_page else 1)))
    if rng.random() < 0.4:
        extras.append((None, pick(rng, L["contact"], fl)))
    rng.shuffle(extras)
    secs.extend(extras)
    helps = L["help"] if drug in DEPENDENCE else [h for h in L["help"] if not re.search("SAMHSA|breathing|overdose", h)]
    secs.append((heading(rng, "help"), pick(rng, helps, fl, rng.choice([2, 3] if long_page else [1, 2]))))
    secs.append((None, pick(rng, L["disclaimer"], fl)))
    return {"title": fill(rng.choice(L["title"]), fl), "sections": secs, "refs": True, "locator": bool(extras)}


def news(rng: random.Random, fl: dict[str, str], drug: str, label: str) -> dict:
    N = NEWS
    if label == "credible":
        secs = [(None, pick(rng, N["lede"], fl) + pick(rng, N["context"], fl, 2) + pick(rng, N["quote"], fl, rng.choice([1, 2]))
                 + pick(rng, N["close"], fl, rng.choice([1, 2])))]
        if rng.random() < 0.5:
            secs.insert(1, (None, pick(rng, LEAFLET["serious"], fl)))
        if rng.random() < 0.35:
            # fact-check paragraphs quote a false claim in order to refute it
            secs.insert(1, (None, pick(rng, N["factcheck"], fl)))
        title = rng.choice([fl["hook_head"], fl["hook_head"], f"{fl['hook_head']}: what it means for {fl['b']} users",
                            f"{fl['G']}: {fl['hook_head'][0].lower()}{fl['hook_head'][1:]}"])
        years = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", fl["hook_body"])]
        return {"title": title, "sections": secs, "refs": True, "min_year": max(years, default=2019)}
    body = pick(rng, N["q_lede"], fl) + pick(rng, N["q_body"], fl, rng.randint(3, 6))
    if rng.random() < 0.4:
        body.insert(2, fill(rng.choice(N["context"]), fl))
    body += pick(rng, N["q_close"], fl, rng.choice([1, 2]))
    return {"title": fill(rng.choice(N["q_headline"]), fl), "sections": [(None, body)], "refs": False}


def forum(rng: random.Random, fl: dict[str, str], drug: str, label: str) -> dict:
    F = FORUM
    users = rng.sample(USERS, 6)
    op = rng.randrange(len(F["op"]))
    title = fill(rng.choice(F["op_titles"][op]) if rng.random() < 0.8 else rng.choice(F["title"]), fl)
    posts = [(users[0], fill(F["op"][op], fl))]
    if label == "credible":
        keys = rng.sample(["mech", "common", "serious", "interact", "dependence", "halflife"], rng.randint(2, 4))
        facts = [fill(rng.choice(LEAFLET[k]), fl) for k in keys]
        answer = " ".join([fill(rng.choice(F["pharm_intro"]), fl), *facts, fill(rng.choice(F["pharm_close"]), fl)])
        posts.append((rng.choice(["PharmD_moderator", "rph_answers", "Verified pharmacist", "ClinPharm_Jo"]), answer))
        for r in pick(rng, F["reply"], fl, rng.randint(0, 2)) + pick(rng, F["thanks"], fl):
            posts.append((rng.choice(users[1:]), r))
        return {"title": title, "posts": posts, "refs": False}
    replies = pick(rng, F["reply"], fl, rng.randint(2, 9))
    if label == "unreliable":
        bad = pick(rng, F["u_reply"], fl, rng.choice([1, 2]))
        for i, b in enumerate(bad):
            replies.insert(rng.randint(0, len(replies)), b)
            del i
    for i, r in enumerate(replies):
        posts.append((users[1 + i % 5], r))
    return {"title": title, "posts": posts, "refs": False}


def lead_generation(rng: random.Random, fl: dict[str, str], drug: str) -> dict:
    G = LEADGEN
    secs = [(None, pick(rng, G["facts"], fl, 2) + pick(rng, G["cta"], fl))]
    if rng.random() < 0.3:
        secs.insert(0, (None, [fill(rng.choice(["Medically reviewed by {reviewer}.", "Clinically reviewed by {reviewer} on {human}.",
                                                 "Reviewed by {reviewer}. Last updated {human}."]), fl)]))
    secs.append((heading(rng, "about", fl), pick(rng, G["facts"], fl, rng.choice([1, 2]))))
    secs.append((heading(rng, "signs"), pick(rng, G["signs"], fl, rng.choice([1, 2]))))
    if rng.random() < 0.6:
        secs.append((heading(rng, "withdrawal"), [fl["stop"]] + pick(rng, LEAFLET["halflife"], fl)))
    secs.append((heading(rng, "treatment"), pick(rng, G["treatment"], fl, rng.choice([1, 2, 3])) + pick(rng, G["cta"], fl)))
    if rng.random() < 0.5:
        secs.append((heading(rng, "testimonial"), pick(rng, G["testimonial"], fl, rng.choice([1, 2]))))
    if rng.random() < 0.3:
        # hard case: a real public helpline named next to the paid hotline
        secs.append((None, ["Prefer a government service? SAMHSA's National Helpline, 1-800-662-4357, also offers free referrals."]))
    secs.append((None, pick(rng, G["cta"], fl) + pick(rng, G["fineprint"], fl)))
    return {"title": fill(rng.choice(G["title"]), fl), "sections": secs, "refs": False, "cta": True}


def pharmacy(rng: random.Random, fl: dict[str, str], drug: str) -> dict:
    P = PHARMACY
    base = rng.choice([0.9, 1.4, 2.1, 2.8, 3.5, 4.2])
    rows = [rng.choice([["Package", "Price", "Per pill"], ["Quantity", "Total", "Price per pill"], ["Pack size", "Cost", "Unit price"],
                        ["Pills", "Price (USD)", "Per pill"], ["Qty", "Order total", "Each"]])]
    packs = rng.choice([((30, 1.0), (60, 0.88), (90, 0.8), (180, 0.7)), ((10, 1.2), (30, 1.0), (90, 0.75)),
                        ((60, 1.0), (120, 0.85), (240, 0.7), (360, 0.62)), ((20, 1.1), (50, 0.9), (100, 0.78))])
    unit = rng.choice(["pills", "tabs", "tablets", "pcs"])
    for qty, disc in packs:
        per = round(base * disc, 2)
        rows.append([f"{qty} {unit} x {fl['s1']}", f"${per * qty:.2f}", f"${per:.2f}"])
    secs = [(None, pick(rng, P["pitch"], fl, rng.choice([1, 2])))]
    if rng.random() < 0.6:
        secs.append((heading(rng, "about", fl), pick(rng, P["facts"], fl, rng.randint(2, 4))))
    secs.append((heading(rng, "prices"), [("table", rows)] if rng.random() < 0.7 else
                 [f"{r[0]}: {r[1]} ({r[2]} per pill)" for r in rows[1:]]))
    secs.append((heading(rng, "shipping"), pick(rng, P["shipping"], fl, 2) + pick(rng, P["payment"], fl)))
    if rng.random() < 0.6:
        secs.append((heading(rng, "trust"), pick(rng, P["trust"], fl, rng.randint(2, 3))))
    if rng.random() < 0.6:
        secs.append((heading(rng, "faq"), pick(rng, P["faq"], fl, rng.randint(2, 4))))
    if rng.random() < 0.3:
        secs.append((None, pick(rng, P["veneer"], fl, rng.randint(1, 3))))
    if rng.random() < 0.5:
        secs.append((heading(rng, "reviews"), pick(rng, P["review"], fl, rng.randint(2, 3))))
    return {"title": fill(rng.choice(P["title"]), fl), "sections": secs, "refs": False, "buy": True}


def advertorial(rng: random.Random, fl: dict[str, str], drug: str) -> dict:
    A = ADVERTORIAL
    secs = [(None, pick(rng, A["intro"], fl))]
    secs.append((rng.choice(["How it works", "The science", None]), pick(rng, A["wrong_mech"], fl)))
    uses = fill("{G} is used for {uses}.", fl)
    if rng.random() < 0.6:
        secs[0][1].append(uses)
    benefits = rng.sample(A["benefits"], rng.randint(3, 9))
    for name, claim in benefits:
        local = dict(fl, Benefit=name, fb=claim)
        secs.append((None, [fill(rng.choice(A["benefit"]), local)]))
    secs.append((None, pick(rng, A["science"], fl, rng.choice([1, 2]))))
    secs.append((rng.choice(["Conclusion", "Final thoughts", None]), pick(rng, A["close"], fl)))
    return {"title": fill(rng.choice(A["title"]), fl), "sections": secs, "refs": rng.random() < 0.25, "buy": rng.random() < 0.6}


def spin(text: str, rng: random.Random, rate: float) -> str:
    keys = sorted(SPIN, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(k) for k in keys) + r")\b", re.I)

    def sub(m: re.Match) -> str:
        word = m.group(0)
        if rng.random() > rate:
            return word
        rep = SPIN[word.lower()]
        return rep[0].upper() + rep[1:] if word[0].isupper() else rep

    return pattern.sub(sub, text)


def spun(rng: random.Random, fl: dict[str, str], drug: str) -> dict:
    L = LEAFLET
    rate = rng.choice([0.6, 0.75, 0.9])
    paras = pick(rng, L["intro"], fl) + pick(rng, L["mech"], fl) + pick(rng, L["uses"], fl)
    for key in rng.sample(["dosing", "common", "serious", "interact", "dependence", "halflife", "storage"], rng.randint(2, 5)):
        paras += pick(rng, L[key], fl)
    if rng.random() < 0.3:
        paras += pick(rng, NEWS["context"], fl)
    spun_paras = [spin(p, rng, rate) for p in paras]
    spun_paras.insert(0, rng.choice(SPUN["filler"]))
    spun_paras += rng.sample(SPUN["filler"], rng.randint(1, 2))
    # Spinner pages glue several spun paragraphs together without headings.
    blocks: list = []
    while spun_paras:
        n = rng.randint(1, 3)
        blocks.append(" ".join(spun_paras[:n]))
        spun_paras = spun_paras[n:]
    return {"title": fill(rng.choice(SPUN["title"]), fl), "sections": [(None, blocks)], "refs": False,
            "buy": rng.random() < 0.25}


def telehealth(rng: random.Random, fl: dict[str, str], drug: str) -> dict:
    T = TELEHEALTH
    secs = [(None, pick(rng, T["hero"], fl, rng.choice([1, 2])) + [fill(rng.choice(T["cta"]), fl)])]
    secs.append((heading(rng, "how"), pick(rng, T["how"], fl, rng.choice([1, 2]))))
    if rng.random() < 0.75:
        secs.append((heading(rng, "about", fl), pick(rng, T["facts"], fl, rng.randint(2, 4))))
    secs.append((heading(rng, "pricing"), pick(rng, T["price"], fl, rng.choice([1, 2]))))
    if rng.random() < 0.7:
        secs.append((heading(rng, "faq"), pick(rng, T["faq"], fl, rng.randint(2, 4))))
    secs.append((None, [fill(rng.choice(T["cta"]), fl)]))
    if rng.random() < 0.3:
        secs.append((None, [fill(rng.choice(["Questions? Call us at {local}.", "Support: {local} (7 days)", "Patient support line: {local}"]), fl)]))
    return {"title": fill(rng.choice(T["title"]), fl), "sections": secs, "refs": False, "cta": True}


_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"])")


def dedupe(page: dict) -> dict:
    """Drop sentences already said earlier on the page: two templates can share a fact sentence."""
    seen: set[str] = set()
    sections = []
    for head, paras in page.get("sections", []):
        kept = []
        for p in paras:
            if isinstance(p, str):
                sents = [x for x in _SENT.split(p) if x.strip().lower() not in seen]
                seen.update(x.strip().lower() for x in sents)
                if not sents:
                    continue
                p = " ".join(sents)
            kept.append(p)
        if kept:
            sections.append((head, kept))
    if "sections" in page:
        page = dict(page, sections=sections)
    return page


# --------------------------------------------------------------------------------------------------
# rendering


def references(drug: str, rng: random.Random, kind: str = "leaflet") -> list[tuple[str, str]]:
    G = DRUGS[drug]["G"]
    refs = [(rng.choice([f"DailyMed: {G} prescribing information. U.S. National Library of Medicine.",
                         f"{G} label (DailyMed, NLM)", f"National Library of Medicine. {G} tablets: full prescribing information.",
                         f"US prescribing information for {drug}, via DailyMed"]),
             f"https://dailymed.nlm.nih.gov/dailymed/search.cfm?labeltype=all&query={drug}"),
            (rng.choice([f"PubMed search: {drug} safety.", f"Studies of {drug} adverse effects (PubMed)",
                         f"PubMed: literature on {drug} safety"]),
             f"https://pubmed.ncbi.nlm.nih.gov/?term={drug}+adverse+effects"),
            (rng.choice(["Drugs@FDA: FDA-approved drug products.", f"FDA approval history for {G} (Drugs@FDA)",
                         "U.S. Food and Drug Administration. Drugs@FDA database."]),
             "https://www.accessdata.fda.gov/scripts/cder/daf/")]
    if DRUGS[drug]["sched"]:
        refs.append((rng.choice(["Drug Enforcement Administration. Drug scheduling.", "DEA: controlled substance schedules",
                                 "US DEA, Diversion Control: scheduling actions"]),
                     "https://www.dea.gov/drug-information/drug-scheduling"))
    if DRUGS[drug]["group"] == "benzo":
        refs.append(("FDA. Boxed warning updated to improve safe use of benzodiazepine drug class (2020).",
                     "https://www.fda.gov/drugs/drug-safety-and-availability/fda-requiring-boxed-warning-updated-improve-safe-use-benzodiazepine-drug-class"))
    if drug == "ivermectin":
        refs.append(("Reis G, et al. Effect of early treatment with ivermectin among patients with Covid-19. N Engl J Med. 2022.",
                     "https://doi.org/10.1056/NEJMoa2115869"))
    if drug == "hydroxychloroquine":
        refs.append(("RECOVERY Collaborative Group. Effect of hydroxychloroquine in hospitalized patients with Covid-19. N Engl J Med. 2020.",
                     "https://doi.org/10.1056/NEJMoa2022926"))
    if kind == "advertorial":
        # borrowed authority: an advertorial cites the label and PubMed, never a safety warning
        refs = [r for r in refs if "dailymed" in r[1] or "pubmed" in r[1]]
    rng.shuffle(refs)
    return refs[: rng.randint(2, len(refs))]


def _date(rng: random.Random, min_year: int = 2019) -> tuple[str, str]:
    y, m, d = rng.randint(max(2019, min_year), max(2025, min_year)), rng.randint(1, 12), rng.randint(1, 28)
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]
    return f"{y}-{m:02d}-{d:02d}", rng.choice([f"{d} {months[m - 1]} {y}", f"{months[m - 1]} {d}, {y}", f"{m:02d}/{d:02d}/{y}"])


def render_text(page: dict, rng: random.Random, kind: str, fl: dict[str, str], drug: str, site: str) -> str:
    out: list[str] = []
    if rng.random() < 0.85:
        out.append(page["title"])
    iso, human = _date(rng, page.get("min_year", 2019))
    if kind in ("leaflet", "news") and rng.random() < 0.6:
        who = rng.choice(AUTHORS if kind == "leaflet" else REPORTERS)
        out.append(rng.choice([f"By {who} | {human}", f"Written by {who}. Last reviewed {human}.", f"{human} - {who}"]))
    if "posts" in page:
        for i, (user, text) in enumerate(page["posts"]):
            head = rng.choice([f"{user} wrote:", f"{user} · {rng.randint(1, 23)}h ago", f"Re: {page['title']} ({user})"])
            out.append(head if i else f"Posted by {user} on {human}")
            out.append(text)
            if rng.random() < 0.4:
                out.append(f"{rng.randint(0, 40)} likes · Reply")
        return "\n\n".join(out) + "\n"
    bullet = rng.choice(["- ", "• ", "* "])
    for head, paras in page["sections"]:
        if head:
            out.append(head)
        for p in paras:
            if isinstance(p, tuple) and p[0] == "ul":
                out.append("\n".join(bullet + x for x in p[1]))
            elif isinstance(p, tuple) and p[0] == "table":
                out.append("\n".join(" | ".join(r) for r in p[1]))
            else:
                out.append(p)
    if page.get("buy") and kind in ("advertorial", "spun") and rng.random() < 0.7:
        # the injected spam anchor survives as plain text in scraped copies
        out.insert(rng.randint(2, max(2, len(out) - 1)), rng.choice([f"Buy {fl['b']} online", f"Order {fl['g']} here",
                                                                       f"Buy {fl['g']} {fl['s1']} without prescription"]))
    if page.get("refs") and rng.random() < 0.4:
        out.append("References")
        out.append("\n".join(f"{i + 1}. {t} {u}" for i, (t, u) in enumerate(references(drug, rng, kind))))
    if kind == "spun" and rng.random() < 0.5:
        out.append(rng.choice(["Tags: health, medicine, " + drug, human, "Posted in Health", "Share: Facebook Twitter Pinterest"]))
    return "\n\n".join(out) + "\n"


def _e(s: str) -> str:
    return html.escape(s, quote=True)


def render_html(page: dict, rng: random.Random, kind: str, label: str, fl: dict[str, str], drug: str,
                site: str, domain: str) -> str:
    iso, human = _date(rng, page.get("min_year", 2019))
    head = [f"<title>{_e(page['title'])} | {_e(site)}</title>", '<meta charset="utf-8">']
    credible_chrome = kind in ("leaflet", "news") and label == "credible"
    author = None
    if credible_chrome or (kind == "news" and rng.random() < 0.4) or (kind == "advertorial" and rng.random() < 0.5):
        author = rng.choice(AUTHORS if kind == "leaflet" else REPORTERS)
        head.append(f'<meta name="author" content="{_e(author)}">')
        head.append(f'<meta property="article:published_time" content="{iso}">')
    head.append(f'<meta name="description" content="{_e(page["title"])}">')
    body: list[str] = []
    if credible_chrome:
        nav = ['<a href="/">Home</a>', '<a href="/about">About us</a>', '<a href="/editorial-policy">Editorial policy</a>',
               '<a href="/contact">Contact</a>']
    elif kind == "pharmacy":
        nav = ['<a href="/">Home</a>', '<a href="/shop">Shop</a>', '<a href="/cart">Cart (0)</a>', '<a href="/track">Track order</a>']
    elif kind == "forum":
        nav = ['<a href="/">Forums</a>', '<a href="/new">New posts</a>', '<a href="/rules">Rules</a>', '<a href="/login">Log in</a>']
    else:
        nav = ['<a href="/">Home</a>', '<a href="/blog">Blog</a>', '<a href="/contact">Contact</a>']
    body.append("<header><nav>" + " ".join(nav) + "</nav></header>")
    body.append("<main><article>")
    body.append(f"<h1>{_e(page['title'])}</h1>")
    if author:
        body.append(f'<p class="byline">By {_e(author)} · <time datetime="{iso}">{_e(human)}</time></p>')
    if "posts" in page:
        for user, text in page["posts"]:
            text_html = _e(text)
            if label == "unreliable" and ("DM me" in text or "profile link" in text or "Hit me up" in text):
                text_html += f' <a href="https://{rng.choice(SPAM_SITES)[1]}.com/?ref={user}">{_e(rng.choice(["legit source", "click here", "my plug"]))}</a>'
            body.append(f'<div class="post"><p class="user">{_e(user)}</p><p>{text_html}</p></div>')
    else:
        for h, paras in page["sections"]:
            if h:
                body.append(f"<h2>{_e(h)}</h2>")
            for p in paras:
                if isinstance(p, tuple) and p[0] == "ul":
                    body.append("<ul>" + "".join(f"<li>{_e(x)}</li>" for x in p[1]) + "</ul>")
                elif isinstance(p, tuple) and p[0] == "table":
                    rows = p[1]
                    body.append("<table><tr>" + "".join(f"<th>{_e(c)}</th>" for c in rows[0]) + "</tr>"
                                + "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in r) + "</tr>" for r in rows[1:]) + "</table>")
                else:
                    body.append(f"<p>{_e(p)}</p>")
    if page.get("locator"):
        body.append('<p><a href="/pharmacy-locator">Find a pharmacy near you</a></p>')
    if page.get("buy"):
        anchor = rng.choice([f"Buy {fl['b']} online", f"Buy {fl['obf']} {fl['s1']}", f"Order {fl['g']} now",
                             f"Buy {fl['g']} without prescription", "Add to cart"])
        href = f"https://{domain}/buy-{drug}-{fl['s1'].replace(' ', '').replace('/', '-')}"
        body.insert(rng.randint(3, max(3, len(body))), f'<p><a href="{href}">{_e(anchor)}</a></p>')
    if page.get("cta"):
        body.append(f'<p><a class="btn" href="/start?src={drug}">{_e(rng.choice(["Get started", "Call now", "Start your visit", "Check insurance"]))}</a></p>')
    if page.get("refs"):
        body.append("<h2>References</h2><ol>" + "".join(f'<li>{_e(t)} <a href="{_e(u)}">{_e(u)}</a></li>'
                                                         for t, u in references(drug, rng, kind)) + "</ol>")
    body.append("</article></main>")
    foot: list[str] = []
    if credible_chrome:
        foot += ['<a href="/privacy">Privacy policy</a>', '<a href="/terms">Terms of use</a>', '<a href="/contact">Contact us</a>']
        foot.append(f"<p>&copy; {iso[:4]} {_e(site)}. This content is not a substitute for medical advice.</p>")
    elif kind in ("advertorial", "spun"):
        if rng.random() < 0.5:
            foot.append("<p>Affiliate disclosure: we may earn a commission from purchases made through links on this page.</p>")
        if rng.random() < 0.4:
            foot.append(f'<div class="donate"><p>{_e(rng.choice(["Support our writers - donate today", "Buy us a coffee", "Donations keep this site free"]))}</p><a href="/donate">Donate</a></div>')
    elif kind == "pharmacy":
        foot.append("<p>We accept: Visa, Mastercard, Bitcoin. Worldwide shipping.</p>")
    elif kind in ("lead_generation", "telehealth"):
        foot += ['<a href="/privacy">Privacy</a>', '<a href="/terms">Terms</a>']
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head>" + "".join(head) + "</head><body>\n" + "\n".join(body)
            + "\n<footer>" + " ".join(foot) + "</footer>\n</body></html>\n")


# --------------------------------------------------------------------------------------------------
# plan, split, write

COMPOSERS = {"leaflet": leaflet, "lead_generation": lead_generation, "pharmacy": pharmacy, "advertorial": advertorial,
             "spun": spun, "telehealth": telehealth}


def build_page(pid: str, kind: str, label: str, drug: str) -> dict:
    """One page; recomposed with a new seed until its length is inside the 80-900 word window."""
    for attempt in range(20):
        page = _build_page(pid, kind, label, drug, attempt)
        if MIN_WORDS <= n_words(page["content"]) <= MAX_WORDS:
            return page
    return page


MIN_WORDS, MAX_WORDS = 80, 900


def _build_page(pid: str, kind: str, label: str, drug: str, attempt: int) -> dict:
    rng = random.Random(_seed(pid, kind, drug, str(attempt)))
    fl = fields(drug, rng)
    if kind == "news":
        page = news(rng, fl, drug, label)
    elif kind == "forum":
        page = forum(rng, fl, drug, label)
    else:
        page = COMPOSERS[kind](rng, fl, drug)
    page = dedupe(page)
    site, stem = rng.choice(SITES_BY_KIND[kind])
    domain = stem + rng.choice(TLDS)
    slug = re.sub(r"[^a-z0-9]+", "-", page["title"].lower()).strip("-")[:60]
    url = f"https://{'www.' if rng.random() < 0.5 else ''}{domain}/{rng.choice(['', 'articles/', 'drugs/', 'health/', 'p/'])}{slug}"
    is_html = (_seed(pid, "format") % 1000) / 1000 < HTML_SHARE
    content = (render_html(page, rng, kind, label, fl, drug, site, domain) if is_html
               else render_text(page, rng, kind, fl, drug, site))
    note = rng.choice(NOTES[(kind, label)])
    if kind == "leaflet" and ("30-day" in content or "copay" in content.lower()):
        note = "Credible leaflet whose prices sit in an insurance cost table, not a sales pitch; risks and sources are given."
    elif kind == "leaflet" and "locator" in content:
        note = "Credible leaflet with a pharmacy-locator link; accurate facts, risks and a disclaimer."
    elif kind == "lead_generation" and "SAMHSA" in content:
        note = "Lead generation that names the real SAMHSA helpline but still funnels readers to its own paid referral hotline."
    elif kind == "advertorial" and not page.get("buy"):
        note = "Well-written, link-free advertorial; unreliable because of a false mechanism, invented benefits and no risks."
    return {"id": pid, "drug": drug, "kind": kind, "label": label, "split": "", "format": "html" if is_html else "text",
            "url": url, "content": content, "note": note}


def plan() -> list[tuple[str, str, str]]:
    rows = []
    for kind, label, n, drugs in PLAN:
        start = _seed(kind, label) % len(drugs)
        for i in range(n):
            rows.append((kind, label, drugs[(start + i) % len(drugs)]))
    return rows


def assign_split(pages: list[dict]) -> None:
    """A third held out per (kind, label), whole drug groups first so unseen drug/kind pairs exist."""
    strata: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for p in pages:
        strata[(p["kind"], p["label"])].append(p)
    for (kind, label), members in strata.items():
        target = round(len(members) / 3)
        groups: dict[str, list[dict]] = defaultdict(list)
        for p in members:
            groups[p["drug"]].append(p)
        held = 0
        for drug in sorted(groups, key=lambda d: _seed("split", kind, label, d)):
            g = groups[drug]
            if held + len(g) <= target:
                for p in g:
                    p["split"] = "heldout"
                held += len(g)
        for p in sorted(members, key=lambda p: _seed("split", p["id"])):
            if held >= target:
                break
            if not p["split"]:
                p["split"] = "heldout"
                held += 1
        for p in members:
            p["split"] = p["split"] or "dev"


def build() -> list[dict]:
    pages = []
    for i, (kind, label, drug) in enumerate(plan(), start=1):
        pages.append(build_page(f"p{i:04d}", kind, label, drug))
    assign_split(pages)
    return pages


def dumps(pages: list[dict]) -> str:
    return "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pages)


README = HERE / "README.md"
COUNTS_START, COUNTS_END = "<!-- counts:start -->", "<!-- counts:end -->"


def counts_markdown(pages: list[dict]) -> str:
    """The counts block of README.md, computed from the pages."""
    out = ["| kind | label | pages | dev | heldout | html | drugs | held-out-only drugs |", "|---|---|---|---|---|---|---|---|"]
    for kind, label, _, _ in PLAN:
        ps = [p for p in pages if p["kind"] == kind and p["label"] == label]
        dev_drugs = {p["drug"] for p in ps if p["split"] == "dev"}
        held_only = sorted({p["drug"] for p in ps if p["split"] == "heldout"} - dev_drugs)
        out.append(f"| {kind} | {label} | {len(ps)} | {sum(p['split'] == 'dev' for p in ps)} | "
                   f"{sum(p['split'] == 'heldout' for p in ps)} | {sum(p['format'] == 'html' for p in ps)} | "
                   f"{len({p['drug'] for p in ps})} | {', '.join(held_only) or '-'} |")
    labels = Counter(p["label"] for p in pages)
    out.append(f"| **all** | {', '.join(f'{k} {labels[k]}' for k in LABELS)} | {len(pages)} | "
               f"{sum(p['split'] == 'dev' for p in pages)} | {sum(p['split'] == 'heldout' for p in pages)} | "
               f"{sum(p['format'] == 'html' for p in pages)} | {len({p['drug'] for p in pages})} | |")
    out += ["", "| drug | " + " | ".join(KINDS) + " | total |", "|---" * (len(KINDS) + 2) + "|"]
    by = Counter((p["drug"], p["kind"]) for p in pages)
    for drug in sorted({p["drug"] for p in pages}):
        row = [str(by[(drug, k)] or "") for k in KINDS]
        out.append(f"| {drug} | " + " | ".join(row) + f" | {sum(by[(drug, k)] for k in KINDS)} |")
    words = sorted(n_words(p["content"]) for p in pages)
    out += ["", f"Visible words per page: min {words[0]}, median {words[len(words) // 2]}, max {words[-1]}."]
    return "\n".join(out)


def readme_with_counts(pages: list[dict]) -> str:
    text = README.read_text(encoding="utf-8")
    start, end = text.index(COUNTS_START) + len(COUNTS_START), text.index(COUNTS_END)
    return text[:start] + "\n" + counts_markdown(pages) + "\n" + text[end:]


def summary(pages: list[dict]) -> str:
    lines = []
    for key in ("kind", "label", "format", "split"):
        lines.append(f"{key}: " + ", ".join(f"{k} {v}" for k, v in sorted(Counter(p[key] for p in pages).items())))
    lines.append("kind x label: " + ", ".join(f"{k[0]}/{k[1]} {v}" for k, v in sorted(Counter((p['kind'], p['label']) for p in pages).items())))
    lines.append("drug: " + ", ".join(f"{k} {v}" for k, v in sorted(Counter(p["drug"] for p in pages).items())))
    words = sorted(n_words(p["content"]) for p in pages)
    lines.append(f"pages {len(pages)}; words min {words[0]}, median {words[len(words) // 2]}, max {words[-1]}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail if pages.jsonl differs from a fresh build")
    ap.add_argument("-o", "--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    pages = build()
    text = dumps(pages)
    readme = readme_with_counts(pages)
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        same = same and README.read_text(encoding="utf-8") == readme
        print("up to date" if same else f"{args.out} or its README counts are stale: run python corpus/pages/build_pages.py")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    README.write_text(readme, encoding="utf-8")
    print(summary(pages))
    return 0


if __name__ == "__main__":
    sys.exit(main())
