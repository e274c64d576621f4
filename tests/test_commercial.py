"""commercial.* detectors: seeds, exact spans, hard negatives, the project's own fixtures, the evaluation CLI."""

from __future__ import annotations

import json
import random

import pytest

from classifier.detectors import REGISTRY
from classifier.detectors.commercial import DETECTORS
from classifier.evaluation import commercial as evaluation
from classifier.page import parse

FP_CODES = evaluation.FP_CODES


def flags_of(content: str, *, url: str | None = None, is_html: bool | None = None):
    page = parse(content, url=url, is_html=is_html)
    flags = [f for d in DETECTORS for f in d.detect(page)]
    for f in flags:
        assert page.text[f.start : f.end] == f.evidence
        assert f.code.startswith("commercial.") and 0.0 <= f.severity <= 1.0 and f.message
    return page, flags


def codes(flags) -> set[str]:
    return {f.code for f in flags}


def evidence(flags, code: str) -> list[str]:
    return [f.evidence for f in flags if f.code == code]


def test_registered_once_with_family():
    names = [d.name for d in DETECTORS]
    assert len(set(names)) == len(names)
    assert all(d.family == "commercial" for d in DETECTORS)
    assert all(d in REGISTRY for d in DETECTORS)


# ------------------------------------------------------------------------------------------------ seeds


def _seed(seeds_dir, prefix: str) -> str:
    (path,) = seeds_dir.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.mark.shared
def test_seed_000_lead_generation(seeds_dir):
    _, flags = flags_of(_seed(seeds_dir, "000"))
    ev = evidence(flags, "commercial.lead_generation")
    assert any("Call 800-895-1695 toll free" in e for e in ev)
    assert "commercial.buy_link" not in codes(flags)


@pytest.mark.shared
def test_seed_002_buy_link(seeds_dir):
    page, flags = flags_of(_seed(seeds_dir, "002"))
    (flag,) = [f for f in flags if f.code == "commercial.buy_link"]
    assert flag.evidence == "Buy valium"
    assert flag.start == page.text.index("Buy valium")


@pytest.mark.shared
def test_seed_003_pharmacy(seeds_dir):
    _, flags = flags_of(_seed(seeds_dir, "003"))
    assert "Valium 5 mg" in evidence(flags, "commercial.pharmacy")


@pytest.mark.shared
@pytest.mark.parametrize("prefix", ["001", "004"])
def test_seed_clean_pages_have_no_commercial_flag(seeds_dir, prefix):
    _, flags = flags_of(_seed(seeds_dir, prefix))
    assert flags == []


# ------------------------------------------------------------------------------------------------ buy links


def test_injected_anchor_exact_span():
    text = "Valium relaxes muscles. Buy valium\u0100 acts on the spinal cord. It is a benzodiazepine."
    page, flags = flags_of(text)
    (flag,) = flags
    assert (flag.code, flag.start, flag.end) == ("commercial.buy_link", 24, 34)


def test_anchor_and_href_buy_links_but_not_trusted_or_locator_links():
    html = (
        "<html><body><article><p>Zolpidem (Ambien) is a sleeping pill for short-term insomnia, and it can cause "
        "sleep-walking and next-morning drowsiness.</p><p><a href='https://meds.example/p/1'>Order Ambien tonight online</a>"
        " or <a href='http://buy-ambien-cheap.example/'>see offers</a>. Read the "
        "<a href='https://www.fda.gov/drugs/buy-ambien-online-warning'>FDA warning about buying Ambien online</a> and "
        "<a href='https://www.walgreens.com/storelocator/find.jsp'>find a pharmacy</a>.</p></article></body></html>"
    )
    _, flags = flags_of(html, is_html=True)
    assert evidence(flags, "commercial.buy_link") == ["Order Ambien tonight online", "see offers"]


def test_reporting_about_online_buying_is_not_a_buy_link():
    _, flags = flags_of("Doctors say teenagers who buy Xanax online often get fake pills. Buying Valium on the "
                        "dark web is illegal.")
    assert "commercial.buy_link" not in codes(flags)


def test_news_price_per_pill_is_not_an_offer():
    _, flags = flags_of("The wholesale cost of Cialis is $12.50 per pill, the company said.")
    assert flags == []


# ------------------------------------------------------------------------------------------------ pharmacy


def test_product_title_repeated_is_a_pharmacy_listing():
    text = "Ativan 2 mg for anxiety relief. Lorazepam calms you quickly. Ativan 2 mg is our most popular product."
    _, flags = flags_of(text)
    assert evidence(flags, "commercial.pharmacy") == ["Ativan 2 mg", "Ativan 2 mg"]
    assert all(f.severity >= 0.75 for f in flags)  # schedule IV raises severity


def test_uncontrolled_drug_has_lower_severity():
    _, flags = flags_of("Cialis 20 mg tablets with free shipping.")
    assert {f.code for f in flags} == {"commercial.pharmacy"}
    assert max(f.severity for f in flags) < 0.75


@pytest.mark.parametrize(
    "text",
    [
        "Keep diazepam 5 mg tablets in a dry place. Do not stop Valium suddenly.",
        "Xanax 1 mg - Tier 3 - copay $40 after the deductible.\nXanax 1 mg - Tier 3 - mail order copay $80.",
        "Naloxone is available without a prescription at most pharmacies.",
        "Many countries sell ibuprofen without a prescription; Advil 200 mg is on every shelf.",
    ],
)
def test_leaflets_tables_and_otc_are_not_pharmacy_pitches(text):
    _, flags = flags_of(text)
    assert "commercial.pharmacy" not in codes(flags)


def test_drug_in_url_slug():
    _, flags = flags_of("Gabapentin treats nerve pain and some seizures.", url="https://x.example/buy-gabapentin-300mg")
    assert evidence(flags, "commercial.pharmacy") == ["Gabapentin"]
    _, flags = flags_of("Gabapentin treats nerve pain.",
                        url="https://news.example/2020/05/why-doctors-worry-about-gabapentin-prescriptions-rising-fast")
    assert flags == []


# ------------------------------------------------------------------------------------------------ lead generation


def test_number_alone_is_no_signal():
    _, flags = flags_of("The pharmacy's number is 410-555-0100. Valium is a benzodiazepine.")
    assert flags == []


def test_public_helpline_is_not_lead_generation():
    _, flags = flags_of("For help with addiction, call the SAMHSA National Helpline at 1-800-662-4357 for treatment "
                        "referral. You can also call 988 for the Suicide and Crisis Lifeline.")
    assert flags == []


def test_referral_call_to_action_is_flagged_with_the_number():
    _, flags = flags_of("Ready to quit opioids? Call 877-555-0166 today and our admissions team will find you a rehab bed.")
    (flag,) = flags
    assert flag.code == "commercial.lead_generation" and "877-555-0166" in flag.evidence


# ------------------------------------------------------------------------------------------------ obfuscation


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Cheap V@lium here.", "V@lium"),
        ("Try Xan4x tonight.", "Xan4x"),
        ("Real Vi\u0430gra pills.", "Vi\u0430gra"),  # Cyrillic a
        ("\uff36\uff41\uff4c\uff49\uff55\uff4d at low cost.", "\uff36\uff41\uff4c\uff49\uff55\uff4d"),
        ("Get V-a-l-i-u-m now.", "V-a-l-i-u-m"),
        ("Get V.a.l.i.u.m now.", "V.a.l.i.u.m"),
        ("Fast Xa\u200bnax delivery.", "Xa\u200bnax"),
        ("Strong Tramadool relief.", "Tramadool"),
        ("Order V\u00e5lium today.", "V\u00e5lium"),  # an accented Latin letter
        ("Buy X*a*n*a*x here.", "X*a*n*a*x"),
        ("Buy Val_ium here, or Xa\u00adnax.", "Xa\u00adnax"),  # soft hyphen
    ],
)
def test_disguised_names(text, surface):
    _, flags = flags_of(text)
    assert surface in evidence(flags, "commercial.obfuscated_drug_name")


@pytest.mark.parametrize(
    "text",
    [
        "Valium, Xanax and Viagra are prescription drugs; diazepam is the generic name of Valium.",
        "Cut a thin slice of lemon. The ambient noise fell. A 50mA current. COVID-19 cases rose in 2020.",
        "\u0421\u043e\u043c\u0430 \u2014 a word in Russian text is not a disguise.",
    ],
)
def test_plain_names_and_ordinary_words_are_not_obfuscation(text):
    _, flags = flags_of(text)
    assert "commercial.obfuscated_drug_name" not in codes(flags)


# ------------------------------------------------------------------------------------------------ mix and affiliate


def test_drug_mix_needs_unrelated_markets():
    _, flags = flags_of("We stock Viagra, Xanax, Tramadol and Phentermine at great prices.")
    assert "commercial.drug_mix" in codes(flags)
    _, flags = flags_of("Misuse of OxyContin, Xanax and Adderall rose on campuses, the survey found.")
    assert "commercial.drug_mix" not in codes(flags)


def test_affiliate_markers_are_low_severity():
    _, flags = flags_of("We may earn a commission from links on this page. A study sponsored by the NIH found...")
    assert evidence(flags, "commercial.donation_or_affiliate") == ["We may earn a commission"]
    assert all(f.severity < 0.3 for f in flags)


# ------------------------------------------------------------------------------------------------ robustness


@pytest.mark.parametrize(
    "content",
    ["", " ", "\x00\x01", "1" * 5000, "@" * 300 + "V", "\u200b" * 50, "<a href='%%%'>buy</a>", "Buy", "+1 (800",
     "Ｖ" * 100, "V.a.l" * 200, "<html><a href='http://[::1'>Buy Valium now</a></html>"],
)
def test_detectors_never_raise(content):
    flags_of(content)


# ------------------------------------------------------------------------------------------------ fixtures


@pytest.mark.parametrize("fixture", evaluation.load_fixtures("dev"), ids=lambda f: f["id"])
def test_dev_fixture(fixture):
    page, flags = flags_of(fixture["content"], url=fixture.get("url"), is_html=fixture["kind"] == "html")
    assert codes(flags) == set(fixture["codes"])
    # As in the seed expectations: some flag of the code overlaps the expected substring.
    for code, substrings in fixture.get("evidence", {}).items():
        for sub in substrings:
            at = page.text.index(sub)
            assert any(f.start < at + len(sub) and at < f.end for f in flags if f.code == code), (code, sub)


def test_fixture_set_shape():
    pages = evaluation.load_fixtures("all")
    assert len(pages) >= 60
    heldout = [p for p in pages if p["split"] == "heldout"]
    assert len(heldout) * 3 >= len(pages)
    assert len({p["id"] for p in pages}) == len(pages)
    for code in evaluation.CODES:
        assert any(code in p["codes"] for p in pages), code
    assert sum(not p["codes"] for p in pages) >= 10  # hard negatives
    with pytest.raises(ValueError, match="heldout"):
        evaluation.load_fixtures("test")


# ------------------------------------------------------------------------------------------------ shared data


@pytest.mark.shared
def test_sample_of_reliable_articles_has_no_selling_flags(shared_dir):
    articles = evaluation.reliable_articles(shared_dir)
    sample = random.Random(3).sample(articles, 150)
    flagged = [a[:2] for a in sample
               if any(f.code in FP_CODES for f in evaluation.detect(a[3], url=a[2], is_html=False))]
    assert flagged == []


def test_evaluation_cli_writes_json(tmp_path):
    out = tmp_path / "figures.json"
    assert evaluation.main(["--shared", str(tmp_path / "absent"), "--json", str(out)]) == 0
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["fixtures"]["split"] == "heldout"
    assert set(figures["fixtures"]["per_code"]) == set(evaluation.CODES)
    assert "false_positives" not in figures


@pytest.mark.shared
def test_evaluation_cli_false_positive_run(shared_dir, tmp_path, capsys):
    out = tmp_path / "figures.json"
    assert evaluation.main(["--shared", str(shared_dir), "--limit", "20", "--json", str(out)]) == 0
    fp = json.loads(out.read_text(encoding="utf-8"))["false_positives"]
    assert fp["n_articles"] == 20 and 0.0 <= fp["fp_share"] <= 1.0
    assert "reliable articles" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("href", "sells"),
    [
        ("https://www.viagra.com/", False),  # the maker's own site
        ("https://www.nytimes.example/2019/05/01/health/buy-xanax-online-fentanyl-teens-dark-web.html", False),
        ("http://xanaxstore.example/", True),
        ("https://valiumonline.example/a", True),
        ("https://shop.example/p/soma-350mg", True),
    ],
)
def test_link_targets(href, sells):
    html = (f"<html><body><article><p>Many readers ask about prescription drugs and how they are sold. "
            f"Read <a href='{href}'>this page</a> before you decide anything about your treatment.</p></article></body></html>")
    _, flags = flags_of(html, is_html=True)
    assert ("commercial.buy_link" in codes(flags)) is sells


_ALPHABET = "abcVXlmn 0134@$!|.-*\n\u200b\u0430\u03bf\uff36Ā$/%:()"
_WORDS = ["Buy", "valium", "Xanax", "online", "no prescription", "Call", "800-555-0142", "mg", "5", "toll free",
          "treatment", "V@lium", "X a n a x", "<a href='http://buy-xanax.example'>", "</a>", "<p>", "donate now"]


def test_detectors_never_raise_on_generated_text():
    hypothesis = pytest.importorskip("hypothesis")
    st = hypothesis.strategies

    @hypothesis.settings(max_examples=80, deadline=None, derandomize=True)
    @hypothesis.given(st.lists(st.one_of(st.sampled_from(_WORDS), st.text(_ALPHABET, max_size=12)), max_size=40))
    def run(parts):
        flags_of(" ".join(parts))

    run()


def test_disguised_names_feed_the_buy_and_pharmacy_rules():
    _, flags = flags_of("Order X@nax online. S.o.m.a 350mg for back pain.")
    assert evidence(flags, "commercial.buy_link") == ["Order X@nax online"]
    assert evidence(flags, "commercial.pharmacy") == ["S.o.m.a 350mg"]
    assert evidence(flags, "commercial.obfuscated_drug_name") == ["X@nax", "S.o.m.a"]


def test_quiz_and_video_intake_for_a_controlled_drug_is_a_remote_prescribing_pitch() -> None:
    from classifier.detectors.commercial import DETECTORS
    from classifier.page import parse

    text = ("Struggling to focus at work? Complete our quick assessment, then meet with a board-certified "
            "clinician over video. If methylphenidate is right for you, Ritalin can be prescribed the same "
            "day. Ritalin is a stimulant used for ADHD. See if you qualify today.")
    page = parse(text, is_html=False)
    flags = [f for d in DETECTORS for f in d.detect(page) if f.code == "commercial.pharmacy"]
    evidence = {f.evidence for f in flags}
    assert {"Complete our quick assessment", "meet with a board-certified clinician over video", "See if you qualify"} <= evidence
    for f in flags:
        assert page.text[f.start:f.end] == f.evidence

    # The same funnel around a drug that is not controlled is ordinary telehealth, not a pitch to flag.
    calm = parse(text.replace("methylphenidate", "finasteride").replace("Ritalin is a stimulant used for ADHD",
                 "Finasteride treats hair loss").replace("Ritalin", "finasteride"), is_html=False)
    assert not [f for d in DETECTORS for f in d.detect(calm) if f.code == "commercial.pharmacy" and "video" in f.evidence]


def test_candidate_scans_find_what_the_plain_patterns_find():
    # The finder's scans are written for speed (class-first pattern, separator runs searched alone);
    # they must find exactly what the straightforward patterns find.
    import re

    from classifier.detectors import commercial as c

    plain_mixed = re.compile(r"(?<=[A-Za-z])" + c._ODD + r"|" + c._ODD + r"(?=[A-Za-z])|[\uff10-\uff5a]{4,}")
    alphabet = list("aZx09@$!|€¡ _-.\n*·•'\u200b\u00ad\ufeffüéß²:/Ａｚ０：\u0430★\ufe0f\U0001f539") + ["val", "ium", "V a l i", "X.a.n"]
    rnd = random.Random(7)
    for _ in range(3000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30)))
        assert [m.span() for m in c._MIXED.finditer(text)] == [m.span() for m in plain_mixed.finditer(text)], text
        assert [m.span() for m in c._split_matches(text)] == [m.span() for m in c._SPLIT.finditer(text)], text
        assert [m.span() for m in c._spaced_matches(text)] == [m.span() for m in c._SPACED.finditer(text)], text


def test_trusted_domains_and_their_subdomains_only():
    from classifier.detectors.commercial import _TRUSTED, _trusted

    domain = _TRUSTED[0]
    assert _trusted(domain) and _trusted("www." + domain) and _trusted("a.b." + domain)
    assert not _trusted("evil" + domain) and not _trusted(domain + ".evil.example") and not _trusted("")


def test_patterns_tried_at_their_start_words_find_every_match():
    from classifier.detectors import commercial as c
    from classifier.text import lower_same_length

    pieces = ["we ", "We can help you find ", "a treatment program", "verify your insurance ", "for rehab",
              "free insurance check", "Speak with an admissions team", "fill out our form for detox", "Buy ",
              "buying ", "cheap ", "valium", "order ", "xwe", "-buy ", "\u0130", "\u0131", "\u017f", "\u212a",
              "instantalk ", "an admissions counselor will text", "intake team can call", " ", ".", "\n"]
    rnd = random.Random(5)
    for _ in range(3000):
        text = "".join(rnd.choices(pieces, k=rnd.randint(0, 10)))
        low = lower_same_length(text)
        fast = c._finditer_at(c._FORM_LEAD, text, low, c._FORM_LEAD_START)
        assert [m.span() for m in fast] == [m.span() for m in c._FORM_LEAD.finditer(text)], text
        fast = c._finditer_at(c._BUY_AT, low, low, c._BUY_AT_START)
        assert [m.span(1) for m in fast] == [m.span(1) for m in c._BUY_AT.finditer(low)], text


def test_call_to_action_and_vanity_scans_match_their_plain_search():
    from classifier.detectors import commercial as c
    from classifier.text import lower_same_length

    pieces = ["1", "-", ".", " ", "(", ")", "8", "800", "888", "0", "GET", "HELP", "x", "24", "/7", " hours",
              "Call", "toll-free", "during", "contact us", "speak to", "hotline", "\n", "Rehabs", "get help",
              "free and confidential", "finding the right program", "substance use", "\u212a"]
    rnd = random.Random(9)
    for _ in range(3000):
        text = "".join(rnd.choices(pieces, k=rnd.randint(0, 10)))
        assert [m.span() for m in c._vanity_matches(text)] == [m.span() for m in c._VANITY.finditer(text)], text
        low = lower_same_length(text)
        fast = [m.span() for m in c._finditer_at(c._CTA, low, low, c._CTA_START)]
        assert fast == [m.span() for m in c._CTA.finditer(low)], text
        fast = [m.span() for m in c._finditer_at(c._REFERRAL, text, low, c._REFERRAL_START)]
        assert fast == [m.span() for m in c._REFERRAL.finditer(text)], text


def test_pharmacy_patterns_tried_at_their_start_words_find_every_match():
    from classifier.detectors import commercial as c
    from classifier.text import lower_same_length

    pieces = ["No prescription needed", "without a prescription", "no-rx", "Next-day shipping", "pay by COD",
              "ships worldwide", "free shipping", "online questionnaire", "no need to see a doctor",
              "answer a few quick questions", "doctor will issue your prescription", "coupon code", "use code SAVE10",
              "lowest prices", "get your online consultation", "secure digital care", "take our 5-minute quiz",
              "see if you qualify", "pay with Bitcoin", "we accept USDT", "Canadian pharmacy", "online drugstore",
              " ", "\n", ".", "x", "\u0130", "\u0131", "\u017f", "\u212a", "knot", "because"]
    patterns = [(c._NO_RX_STRONG, c._NO_RX_STRONG_START), (c._DELIVERY, c._DELIVERY_START),
                (c._QUESTIONNAIRE, c._QUESTIONNAIRE_START), (c._COUPON, c._COUPON_START),
                (c._NO_RX_WEAK, ("without",)), (c._TELEHEALTH, c._TELEHEALTH_START), (c._PAYMENT, ("pay", "accept")),
                (c._SELF_PHARMACY, c._SELF_PHARMACY_START)]
    rnd = random.Random(6)
    for _ in range(2000):
        text = "".join(rnd.choices(pieces, k=rnd.randint(0, 8)))
        text = "".join(ch.upper() if rnd.random() < 0.2 else ch for ch in text)
        low = lower_same_length(text)
        for rx, starts in patterns:
            fast = [m.span() for m in c._finditer_at(rx, text, low, starts)]
            assert fast == [m.span() for m in rx.finditer(text)], (rx.pattern[:30], text)


def test_price_and_cart_patterns_tried_at_their_start_words_find_every_match():
    from classifier.detectors import commercial as c
    from classifier.text import lower_same_length

    pieces = ["only $2.50 per pill", "just €1", "from £3.99/tab", "as low as $1", "price per pill: $3",
              "$1.25/pill", "$4 a tablet", "£2.5 each cap", "$16/mo", "€9 per month", "commonly", "Add to cart", "buy now", "proceed to checkout", " ", "\n", "x", "1",
              "\u0131", "\u017f", "\u212a"]
    rnd = random.Random(10)
    for _ in range(2000):
        text = "".join(rnd.choices(pieces, k=rnd.randint(0, 8)))
        low = lower_same_length(text)
        for rx, starts in ((c._PRICE_PER_PILL, c._PRICE_PER_PILL_START), (c._CART, c._CART_START),
                           (c._LISTED_PRICE, ("$", "€", "£"))):
            fast = [m.span() for m in c._finditer_at(rx, text, low, starts)]
            assert fast == [m.span() for m in rx.finditer(text)], text


# ------------------------------------------------------------------------ fifth held-out batch's misses


def test_price_per_tablet_on_a_product_card_line_is_a_buy_link():
    _, flags = flags_of("Zolpidem tartrate 10mg\nGeneric Ambien - 60 tablets - $2.10 per tablet\nFast dispatch.")
    assert evidence(flags, "commercial.buy_link") == ["$2.10 per tablet"]
    # the same price told in a sentence is reporting, however short its line
    _, flags = flags_of("Ambien\nOn the street it went for $5 a pill.")
    assert "commercial.buy_link" not in codes(flags)


def test_buy_verb_whose_object_is_a_shop_address_next_to_drug_names():
    _, flags = flags_of("Spring sale: X@nax and Tr@mad0l in stock.\nOrder now at calmshop.example and save.")
    assert "Order now at calmshop.example" in evidence(flags, "commercial.buy_link")
    # a reporter naming a shop is not an order to the reader, nor is a trusted pharmacy's address
    _, flags = flags_of("Police said customers of Xanax sellers would order from pillbox.example.")
    assert "commercial.buy_link" not in codes(flags)
    _, flags = flags_of("Refilling your Xanax? Order online at corner.pharmacy.")
    assert "commercial.buy_link" not in codes(flags)


def test_salt_strength_and_here_after_the_name_complete_an_addressed_buy_phrase():
    _, flags = flags_of("Like my results? You can buy oxycodone hydrochloride 30mg here: relief.example/oxy")
    assert evidence(flags, "commercial.buy_link") == ["buy oxycodone hydrochloride 30mg here"]


def test_get_your_drug_shipped_is_an_offer():
    _, flags = flags_of("exams soon? get your Ritalin shipped overnight, DM me")
    assert evidence(flags, "commercial.buy_link") == ["get your Ritalin shipped"]
    _, flags = flags_of("Ask the pharmacist how to get your Ritalin refilled early.")
    assert "commercial.buy_link" not in codes(flags)


def test_lower_case_brands_in_a_list_make_a_mix_but_not_in_prose():
    _, flags = flags_of("Filed under: recipes\nKeywords: valium, viagra, oxycontin, adipex, lunesta")
    assert codes(flags) == {"commercial.drug_mix"}
    _, flags = flags_of("The soma of a neuron holds its nucleus; valium and viagra were discussed at the "
                        "neurology meeting, along with tramadol.")
    assert "commercial.drug_mix" not in codes(flags)


def test_disguised_names_alone_carry_a_pharmacy_mail():
    _, flags = flags_of("Deals this week:\n* V1agra for him\n* X@nax for calm nights\n* Ph3ntermine for summer\n"
                        "Bonus pills with every order!")
    assert {"commercial.drug_mix", "commercial.pharmacy", "commercial.obfuscated_drug_name"} <= codes(flags)
    assert "Bonus pills" in evidence(flags, "commercial.pharmacy")


def test_crypto_payment_next_to_a_drug_is_a_pharmacy_pitch():
    _, flags = flags_of("Modafinil 200mg strips. We accept Bitcoin and Monero only.")
    assert "accept Bitcoin" in evidence(flags, "commercial.pharmacy")


def test_shop_front_that_calls_itself_an_online_pharmacy_without_naming_a_drug():
    text = ("Welcome to PillPort, your trusted online pharmacy.\n- No prescription required\n"
            "- Discreet packaging, worldwide shipping\n- Pay with crypto for 15% off")
    _, flags = flags_of(text)
    assert evidence(flags, "commercial.pharmacy") == ["online pharmacy"]
    # news about rogue pharmacies names the same terms in a reporter's voice
    _, flags = flags_of("Regulators warned that an offshore pharmacy promised no prescription required and "
                        "discreet packaging to buyers.")
    assert "commercial.pharmacy" not in codes(flags)
    # one selling term alone is not enough
    _, flags = flags_of("Welcome to our online pharmacy. Free shipping on orders over $35.")
    assert "commercial.pharmacy" not in codes(flags)


def test_admissions_staff_who_will_call_back_are_lead_generation():
    _, flags = flags_of("Thinking about detox from Xanax? Leave your number and an admissions coordinator will "
                        "call you within minutes to check your insurance.")
    assert codes(flags) == {"commercial.lead_generation"}


def test_drug_offered_at_a_shop_address_when_the_reader_is_told_or_it_is_in_stock():
    _, flags = flags_of("great thread!! btw you can pick up S0ma and V@lium dirt cheap at relaxmeds.example")
    assert evidence(flags, "commercial.buy_link") == ["pick up S0ma and V@lium dirt cheap at relaxmeds.example"]
    _, flags = flags_of("Tramadol 100mg in stock @ painfree-direct.example, ships daily")
    assert "commercial.buy_link" in codes(flags)
    # a reporter telling where others bought it, or a trusted pharmacy's address, is no offer
    _, flags = flags_of("Investigators found the teenagers got Xanax from pillbox.example last spring.")
    assert "commercial.buy_link" not in codes(flags)


def test_dealer_post_plan_and_order_for_phrases_are_buy_links():
    _, flags = flags_of("Ritalin 20s and Focalin available this week\nmessage me to order, campus drop-off")
    assert evidence(flags, "commercial.buy_link") == ["message me to order"]
    _, flags = flags_of("No waiting rooms. Start your tirzepatide plan today with a licensed provider.")
    assert evidence(flags, "commercial.buy_link") == ["Start your tirzepatide plan today"]
    _, flags = flags_of("Place your order for Provigil 200mg now and save.")
    assert "commercial.buy_link" in codes(flags)


def test_selling_terms_told_of_others_and_a_shop_headline():
    _, flags = flags_of("Officials said the sellers advertised Oxycodone with no prescription needed and took "
                        "payment in bitcoin.")
    assert "commercial.pharmacy" not in codes(flags)
    _, flags = flags_of("Trusted Canadian online pharmacy | all medicines\nNo prescription required. "
                        "Overnight delivery. Bitcoin accepted.")
    assert evidence(flags, "commercial.pharmacy") == ["online pharmacy"]


def test_a_lone_anchor_with_a_strength_is_a_buy_link_not_a_listing():
    html = ("<html><body><p>Sciatica usually improves with movement and time. Some readers "
            "<a href='https://meds-now.example/p/oxycodone-30'>order oxycodone 30mg here</a>.</p></body></html>")
    _, flags = flags_of(html, is_html=True)
    assert codes(flags) == {"commercial.buy_link"}


def test_toll_free_referral_line_read_with_the_lines_around_it_but_a_clinic_line_is_not():
    lead = ("Stimulant Rehab Intake - Beds Open This Week\n\n"
            "Our intake coordinators place you in a residential detox program that takes your plan.\n\n"
            "Phone our around-the-clock line: 1-844-555-0126\n\n"
            "- Coverage checked while you wait\n")
    flags = [f for f in flags_of(lead, is_html=False)[1] if f.code == "commercial.lead_generation"]
    assert [f.evidence for f in flags] == ["Phone our around-the-clock line: 1-844-555-0126"]
    clinic = ("Treatment for a benzodiazepine problem works, and asking about it is nothing to hide.\n\n"
              "Call the surgery on 503-555-0172 to arrange a medicines check.\n")
    assert "commercial.lead_generation" not in codes(flags_of(clinic, is_html=False)[1])


def test_news_quoting_what_seller_accounts_advertised_is_not_a_pitch():
    text = ("Two students were poisoned by fake Adderall ordered through an app, police said. The seller "
            "accounts advertised \"no prescription needed\" and \"discreet shipping\" to attract buyers.")
    assert "commercial.pharmacy" not in codes(flags_of(text, is_html=False)[1])


def test_small_shop_page_keeps_its_product_links_as_text():
    html = ("<html><body><h1>Pill Corner</h1><p>Worldwide parcels, no doctor paper needed, we pack discreet.</p>"
            "<ul><li><a href='https://pillcorner.example/tramadol-50'>Tramadol 50mg - order here</a></li>"
            "<li><a href='https://pillcorner.example/metformin-500'>Metformin 500mg - order here</a></li>"
            "<li><a href='https://pillcorner.example/sildenafil-50'>Sildenafil 50mg - order here</a></li>"
            "<li><a href='https://pillcorner.example/atorvastatin-20'>Atorvastatin 20mg - order here</a></li></ul>"
            "<p>Pay with Bitcoin or card. Order today, sent tomorrow.</p></body></html>")
    page, flags = flags_of(html, is_html=True)
    assert "Metformin 500mg - order here" in page.text
    assert {"commercial.buy_link", "commercial.pharmacy"} <= codes(flags)
    assert "Tramadol 50mg - order here" in evidence(flags, "commercial.buy_link")


# ------------------------------------------------------------------ disguises of the eighth held-out batch


def said(text: str, code: str = "commercial.buy_link") -> list[str]:
    """The evidence of one code's flags on a plain-text page."""
    return evidence(flags_of(text, is_html=False)[1], code)


def test_signature_arrows_handles_chat_offers_and_testimonials_point_to_a_shop():
    sig = "Good luck with the taper, it gets easier.\n--\nMo | X@nax ~ Tr4madol >> medbarn.example/store\n"
    assert said(sig) == [
        "X@nax ~ Tr4madol >> medbarn.example/store"]
    # an arrow to an ordinary site is a reading pointer, not a sales one
    ref = "Mo | Xanax leaflet >> healthnotes.example/leaflets\n"
    assert not said(ref)
    channel = "Fresh stock: Klonopin 2mg, Ambien 10mg.\nDM @calm_depot to order, menu pinned."
    assert "DM @calm_depot to order" in said(channel)
    chat = ("Agent: yes we have Ritalin 10mg today.\nAgent: you can place your order here: quickmeds.example/order\n")
    assert "place your order here: quickmeds.example" in said(chat)
    comment = "Nice post. I got my Valium from calmpills.example and it came in three days."
    assert said(comment) == [
        "Valium from calmpills.example"]
    news = "Police said the man got his Valium from a neighbour and kept it in a tin."
    assert not said(news)


def test_discounts_and_start_buttons_at_an_address_are_buy_links():
    promo = ("Our clinicians can prescribe tirzepatide after a short video call.\n"
             "Claim 20% off your first box: leanwell.example/join")
    assert "Claim 20% off your first box: leanwell.example" in said(promo)
    start = "Semaglutide, prescribed from home.\n\nBegin your consultation at weighthub.example/go"
    assert "Begin your consultation at weighthub.example" in said(start)


def test_look_alike_letters_in_anchors_and_mixed_script_names():
    # "Vаlium" with a Cyrillic а, "Хаnах" with four Cyrillic letters and one Latin n
    html = ("<html><body><p>Thanks for the tips!</p><p><a href='https://x.example/a'>low cost V\u0430lium</a> "
            "<a href='https://x.example/b'>\u0425\u0430n\u0430\u0445 1mg</a></p></body></html>")
    page, flags = flags_of(html, is_html=True)
    assert evidence(flags, "commercial.buy_link") == ["low cost V\u0430lium", "\u0425\u0430n\u0430\u0445 1mg"]
    assert "\u0425\u0430n\u0430\u0445" in evidence(flags, "commercial.obfuscated_drug_name")
    # a word wholly in Cyrillic is Russian text, not a disguise
    assert "commercial.obfuscated_drug_name" not in codes(flags_of("\u0425\u0430\u043d\u0430\u043a\u0441 "
                                                                   "\u0438 \u0441\u043e\u043d.", is_html=False)[1])
    plain = "<html><body><a href='https://blog.example/p'>cheap Valium online</a></body></html>"
    assert evidence(flags_of(plain, is_html=True)[1], "commercial.buy_link") == ["cheap Valium online"]


def test_sponsored_labels_and_paid_stories_are_money_markers():
    for text, marker in (("SPONSORED | A message from Brightleaf Clinics\nHow one mother got her sleep back.",
                          "sponsored |"),
                         ("This video was paid for by a telehealth brand.", "this video was paid for"),
                         ("Written by our brand partnerships team.", "brand partnerships team"),
                         ("This episode is sponsored by a sock company.", "this episode is sponsored"),
                         ("Like the show? Support us on Patreon.", "support us on patreon")):
        flags = flags_of(text, is_html=False)[1]
        assert [f.evidence.lower() for f in flags if f.code == "commercial.donation_or_affiliate"] == [marker]
    # a trial's funder is not a paid story
    trial = "The trial was sponsored by the manufacturer of semaglutide."
    assert not said(trial, "commercial.donation_or_affiliate")


def test_check_price_is_a_buy_link_only_on_a_page_that_earns_from_it():
    affiliate = ("We earn a commission on purchases made through this page.\n\n"
                 "Best for nights: Lunesta 2 mg. Check the latest price at SleepShop.example ->")
    assert "Check the latest price at SleepShop.example" in said(affiliate)
    costs = "Lunesta 2 mg costs more without insurance. Check the latest price at a comparison site.example first."
    assert not said(costs)


def test_questions_and_reported_ads_are_not_pitches():
    text = ("Fact check: Is it legal to order Adderall with no prescription?\n\n"
            "Posts on a video app say viewers can \"get Adderall delivered overnight, no prescription needed.\" "
            "That is false: it is a Schedule II drug.")
    assert not said(text, "commercial.pharmacy")


def test_affiliate_coupon_is_not_a_pharmacy_pitch_but_a_shops_own_is():
    affiliate = ("Some links here are affiliate links.\nOrder Provigil 200mg - use code WAKE10 for 10% off: "
                 "https://alertshop.example/provigil")
    page, flags = flags_of(affiliate, is_html=False)
    assert "commercial.pharmacy" not in codes(flags) and "commercial.buy_link" in codes(flags)
    shop = "Sleep tonight: use code NIGHT25 for 25% off Ambien 10 mg."
    assert "commercial.pharmacy" in codes(flags_of(shop, is_html=False)[1])


def test_clinic_booking_line_and_admissions_chat():
    clinic = ("Our hospital's opioid clinic offers buprenorphine and counselling. For an intake appointment, "
              "phone reception on (312) 555-0190, Monday to Friday 9 to 5.")
    assert not said(clinic, "commercial.lead_generation")
    chat = "Coming off Ativan? Text HELP to 555-0123 and chat with an intake coordinator tonight."
    assert "chat with an intake coordinator" in said(chat, "commercial.lead_generation")


def test_selling_terms_in_other_languages_need_two_kinds():
    es = ("Tramadol 50 mg y Valium 10 mg al mejor precio.\nSin receta. Envío discreto a toda España.\n"
          "Compra ahora en dolorfuera.example")
    page, flags = flags_of(es, is_html=False)
    assert {"Sin receta", "discreto"} <= set(evidence(flags, "commercial.pharmacy"))
    assert "Compra ahora" in evidence(flags, "commercial.buy_link")
    news = "La venta de Valium sin receta preocupa a las autoridades sanitarias."
    assert not said(news, "commercial.pharmacy")


def test_links_written_as_markdown_or_bbcode_sell_like_html_anchors():
    md = ("Some nights nothing works.\nIf you're stuck, you can [get Ambien 10mg online here]"
          "(https://nightrx.example/ambien-10mg-buy) and sleep tonight.")
    page, flags = flags_of(md, is_html=False)
    assert [(link.anchor, link.href) for link in page.text_links] == [
        ("get Ambien 10mg online here", "https://nightrx.example/ambien-10mg-buy")]
    assert evidence(flags, "commercial.buy_link") == ["get Ambien 10mg online here"]
    assert "commercial.pharmacy" not in codes(flags)  # the strength in the address is the address rule's to read
    bb = "Regards, Tom\n[url=http://relaxrx.example/soma]buy soma 350mg cheap[/url] [url]http://relaxrx.example[/url]"
    page, flags = flags_of(bb, is_html=False)
    assert [link.anchor for link in page.text_links] == ["buy soma 350mg cheap", "http://relaxrx.example"]
    assert "buy soma 350mg cheap" in evidence(flags, "commercial.buy_link")
    page = parse("[URL=http://relaxrx.example/soma]Soma 350[/URL]", is_html=False)  # BBCode tags in any case
    assert [link.anchor for link in page.text_links] == ["Soma 350"]


def test_quoted_spam_and_stock_told_of_a_rogue_site_are_reports():
    news = ('Filters caught a wave of mail for "L0razepam" this month. One message read: "Ativan 2mg at $1.20/pill, '
            'no script needed, shipped overnight." Investigators said the site offered oxycodone, lorazepam, '
            'Viagra and phentermine to anyone.')
    page, flags = flags_of(news, is_html=False)
    assert not codes(flags) - {"commercial.donation_or_affiliate"}, [(f.code, f.evidence) for f in flags]
    shop = ('Reviews\n"Arrived in two days, discreet packaging, no prescription asked." - K.\n'
            "Ativan 2mg, Viagra 100mg, Phentermine 37.5mg, Oxycodone 30mg in stock.")
    page, flags = flags_of(shop, is_html=False)
    assert {"commercial.pharmacy", "commercial.drug_mix"} <= codes(flags)


@pytest.mark.parametrize(
    ("text", "menu"),
    [
        # a teaching table names how each drug works
        ("Class | Drug | How it works\nPDE5 inhibitors | Viagra | blocks cGMP breakdown\n"
         "Benzodiazepines | Xanax | modulates GABA-A receptors\nOpioid agonists | OxyContin | mu receptor agonism\n"
         "Anorectics | phentermine | releases norepinephrine, an agonist effect on appetite centres", False),
        # a glossary gives the drugs as examples of their classes
        ("Sleep drugs: examples include zolpidem and eszopiclone.\nStimulants, such as Adderall and Ritalin, raise "
         "dopamine.\nOpioids, for instance oxycodone and tramadol, treat pain.\nPDE5 drugs, e.g. Viagra and Cialis, treat "
         "erectile dysfunction.\nWeight drugs: examples are phentermine and Wegovy.", False),
        ("Viagra 100mg $0.90 | Xanax 2mg $2.10 | OxyContin 80mg $9.00 | phentermine 37.5mg $1.40", True),
        # a shop naming its stock "including" or "such as" still lists a menu
        ("We carry many meds, including Xanax, Viagra, Soma, Phentermine and Tramadol.", True),
        ("Pills such as Xanax, Viagra, Soma and Tramadol in stock, shipped overnight.", True),
        # a shop's address holding the word "example" is not a class given by example
        ("Pete | V1agra * X@nax * S0ma * Ph3nterm1ne >> meds.example/shop", True),
    ],
)
def test_teaching_tables_and_glossaries_are_not_menus(text: str, menu: bool):
    assert bool(said(text, "commercial.drug_mix")) == menu


def test_referral_codes_hashtags_and_sponsor_reads():
    post = ("Down 9 kg on tirzepatide! Use my code JEN20 for $20 off your first month \U0001f449 link in bio "
            "(leanrx.example/jen)\n#ad I get a referral bonus when you join.")
    page, flags = flags_of(post, is_html=False)
    assert any("$20 off" in e for e in evidence(flags, "commercial.buy_link"))
    assert {"#ad", "I get a referral bonus"} <= set(evidence(flags, "commercial.donation_or_affiliate"))
    show = ("Today we talk about Adderall and sleep.\nThis episode is sponsored by Nimbus Pillows - use code REST "
            "for 10% off at nimbus.example.")
    assert not said(show, "commercial.buy_link")
    assert "Order compounded semaglutide" in said("Order compounded semaglutide through Vela: https://vela.example/s",
                                                  "commercial.buy_link")


# ------------------------------------------------------------------ forms of the eleventh held-out batch


def test_ranking_sites_paid_by_what_they_rank_disclose_it():
    ranking = ("Advertiser disclosure: PharmaScore gets compensation from some of the pharmacies listed on this page.\n"
               "1. QuickMeds: tadalafil delivered in a week.")
    assert {"Advertiser disclosure", "gets compensation from some of the pharmacies listed"} <= set(
        said(ranking, "commercial.donation_or_affiliate"))
    # a doctor's conflict-of-interest line names no listing
    news = "Dr. Lee, who studied Wegovy, receives compensation from Novo Nordisk for consulting."
    assert not said(news, "commercial.donation_or_affiliate")


def test_orders_in_spanish_polish_and_dutch_and_prices_each():
    assert said("Ozempic 1 mg en stock. Haz tu pedido hoy en farma.example.")
    assert said("Tramadol 50 mg bez recepty - zamów teraz!")
    assert said("Sildenafil 100 mg, direct leverbaar. Bestel nu via pil.example.")
    menu = "MENU\n- Valium 10mg (Roche) ....... $2 ea\n- Xanax 2mg ....... $4 ea"
    assert said(menu)
    assert said("Deca and Anavar restocked. Text 555-0147 with what you want and your zip to order.")


def test_office_hours_service_line_is_no_lead_but_a_round_the_clock_one_is():
    program = ("Help paying for your inhaler through our assistance program if insurance says no.\n"
               "Questions? Call the program at 1-800-555-0176, Monday-Friday, 9 a.m.-6 p.m. The program is not insurance.")
    assert not said(program, "commercial.lead_generation")
    rehab = ("Detox that takes your insurance. Call 1-800-555-0176, Monday-Friday or 24/7 on weekends - admissions "
             "are open.")
    assert said(rehab, "commercial.lead_generation")


def test_strengths_a_rogue_site_listed_are_reported():
    release = ("The seized site promised \"no prescription needed\". The site's product page, which agents saved, listed "
               "oxycodone 30 mg at $35 per pill and took Bitcoin. He was sentenced to eleven years.")
    assert not said(release, "commercial.pharmacy")


def test_money_markers_scan_only_the_kinds_a_page_can_hold_with_the_same_matches():
    from classifier.detectors.commercial.affiliate import _AFFILIATE, money_markers

    texts = [parse(f["content"], is_html=f["kind"] == "html").lower for f in evaluation.load_fixtures("all")]
    texts.append("i feel we get a small fee. this page was sponsored; sponsored content. support us on patreon! "
                 "#ad become a patron, buy me a coffee. my referral code. paid post. advertiser disclosure.")
    for low in texts:
        assert [m.span() for m in money_markers(low)] == [m.span() for m in _AFFILIATE.finditer(low)]


# ------------------------------------------------------------------ forms of the twelfth held-out batch


def test_regulators_notice_quoting_a_shops_statements_and_stock_is_a_report():
    notice = ("Notice of violation\nWe have examined the web shop at pillharbor.example. The shop sells consumers products "
              "labelled as oxycodone, zolpidem, Viagra and phentermine with no valid prescription.\n"
              "Statements found on the shop include: \"No Rx needed\" and \"Bitcoin accepted\".")
    assert not codes(flags_of(notice, is_html=False)[1])
    # the shop saying the same of itself sells
    shop = "Our pharmacy offers oxycodone, zolpidem, Viagra and phentermine. No Rx needed, Bitcoin accepted."
    assert {"commercial.pharmacy", "commercial.drug_mix"} <= codes(flags_of(shop, is_html=False)[1])


def test_stock_named_before_a_message_me_line_is_a_dealers_offer():
    post = "shortage? not for me lol. have Ritalin 20s and Adderall 30s fresh, in stock now. msg me on telegram @pillowfort_99"
    assert said(post) == ["Ritalin 20s and Adderall 30s fresh, in stock now. msg me"]
    # a store holding the stock, or a question about it, is no offer
    assert not said("My pharmacy finally has Adderall 30s in stock again. DM me and I'll tell you which one.")
    assert not said("Anyone have Adderall in stock near Leeds? DM me, I'm desperate.")


def test_dingbat_arrows_and_here_colon_point_an_order_at_a_shop():
    assert said("Can't sleep? you can grab Xanax 1mg or Klonopin 2mg right now \u2794 calmcorner.example/k2") == [
        "grab Xanax 1mg or Klonopin 2mg right now \u2794 calmcorner.example/k2"]
    assert not said("Read the Xanax medication guide \u2794 medguide.example/xanax")
    assert said("Feeling foggy at work?\nGrab your Modafinil 200mg trial pack here: wakewell.example/trial") == [
        "Grab your Modafinil 200mg trial pack here: wakewell.example/trial"]
    # "here:" pointing at reading: the verb's object is not the drug, or there is no verb
    assert not said("Get the full prescribing information for modafinil here: labels.example/modafinil")
    assert not said("The 2019 modafinil trial is available here: journal.example/abc123")


def test_selling_words_inside_a_written_address_do_not_make_a_product_listing():
    ad = "Limited offer for readers.\nYour sildenafil 50mg trial box is waiting: https://bluepill-deals.example/order?ref=mag"
    assert not said(ad, "commercial.pharmacy")
    assert said("Sildenafil 50mg - order today, shipped in 2 days.", "commercial.pharmacy")


def test_monthly_price_on_a_drugs_own_line_is_a_subscription_offer():
    assert "$22 per month" in said("Finasteride 1 mg tablets | $22 per month | cancel anytime")
    assert "$289/mo" in said("Tirzepatide vials - $289/mo - no insurance required")  # the plan's own selling line
    # a membership fee on a line of its own, or a cost table's row beside insurance, sells no drug
    assert not said("Membership: $49 a month, covering visits and messages.\nYour clinician may prescribe finasteride.")
    assert not said("Wegovy 2.4 mg: $899/month list price, rarely covered by insurance")


# ------------------------------------------------------------------ forms of the thirteenth held-out batch


def test_cart_button_sells_a_drug_the_page_only_disguises():
    shop = ("<html><body><h1>V\u0430l\u0456um 10mg</h1><p>Calm nerves fast.</p>"
            "<p><a href='https://calmdepot.example/basket/add?id=7'>Add to basket</a></p></body></html>")
    assert evidence(flags_of(shop, is_html=True)[1], "commercial.buy_link") == ["Add to basket"]
    teapot = ("<html><body><h1>Ceramic teapot, 1 litre</h1><p>Keeps tea warm.</p>"
              "<p><a href='https://kitchen.example/basket/add?id=7'>Add to basket</a></p></body></html>")
    assert not evidence(flags_of(teapot, is_html=True)[1], "commercial.buy_link")


def test_an_order_told_before_the_handle_or_messenger_it_goes_through():
    post = "Restocked today: Klonopin 2mg, Ambien 10mg.\nTo place an order, message the item and amount to @sleepy_depot."
    assert said(post) == ["To place an order, message the item and amount to @sleepy_depot"]
    assert said("Zolpidem 10mg back in. For orders WhatsApp +44 7700 900123") == ["For orders WhatsApp +44 7700 900123"]
    # a pharmacy's own phone line or e-mail address is no dealer's channel
    assert not said("Your lisinopril refill is due. To order, call the pharmacy at (555) 555-0101.")
    assert not said("Your lisinopril refill is due. To order, email refills@maplestreet.example.")


def test_a_sentence_sending_the_reader_to_a_link_or_address_to_order():
    assert said("Your sildenafil discount ends at midnight. Click sx-deals.example/d to order before it is gone.") == [
        "Click sx-deals.example/d to order"]
    flyer = "Xanax - Norco - Adipex, delivered today.\nScan the code below to check the menu and place your order."
    assert said(flyer) == ["Scan the code below to check the menu and place your order"]
    read = ("This week's sponsor is RxNow. Their tadalafil is forty cents a tablet. Head to rxnow.example and enter "
            "code SHOW for $20 off your first order.")
    assert said(read) == ["Head to rxnow.example and enter code SHOW for $20 off your first order"]
    # advice to read, a doctor's order for tests, and a sponsor read for a product that is no drug
    assert not said("Tadalafil is sold by many shops.\nClick here to learn how to order from a licensed pharmacy.")
    assert not said("Before starting metformin, go to your GP to order blood tests.")
    mattress = ("Last week we covered melatonin and zolpidem. This episode is sponsored by Driftbed. Go to driftbed.example "
                "and use code NAP for your first order.")
    assert not said(mattress)


def test_a_price_standing_as_a_short_verbless_sentence_in_an_ad():
    ad = "Got spare Ritalin 10mg left over from an old script, still sealed. $6 a pill, or all 20 for $100. Pickup downtown."
    assert said(ad) == ["$6 a pill"]
    news = "Officers said that Ritalin 10mg tablets taken from students had gone for $6 a pill near the campus last spring."
    assert not said(news)


def test_a_price_per_pill_and_an_order_in_spanish():
    assert said("Precios de hoy\n- Tramadol 50 mg: $1.20 USD por tableta") == ["$1.20 USD por tableta"]
    assert said("Tenemos Ozempic 1 mg. Escríbenos para hacer tu pedido.") == ["hacer tu pedido"]
    assert not said("Precios de hoy\n- Cialis 20 mg: $18 USD por caja")  # a box is no tablet


def test_dutch_selling_terms_need_two_kinds_and_an_arrow_points_at_a_foreign_pharmacy_domain():
    assert said("Diazepam 10 mg zonder recept, discrete verzending in heel Nederland.", "commercial.pharmacy") == [
        "zonder recept", "discrete verzending"]
    assert not said("Tramadol is in Nederland alleen met recept te krijgen; wie het zonder recept koopt, loopt risico.",
                    "commercial.pharmacy")
    assert said("Succes!\n--\nV4lium ~ Xan4x >> farmacia-rapida.example") == ["V4lium ~ Xan4x >> farmacia-rapida.example"]
    assert not said("Succes!\n--\nV4lium ~ Xan4x >> gezondheid.example")


def test_free_shipping_on_an_affiliate_coupon_page_is_the_merchants_deal():
    coupon = "Disclosure: we earn a commission from partners.\nThinRx deal: free shipping on your first semaglutide month."
    assert not said(coupon, "commercial.pharmacy")
    # beside a pharmacy's own term it is still part of the pitch
    shop = "Disclosure: we earn a commission from partners.\nThinRx: free shipping and discreet packaging on semaglutide."
    assert "discreet packaging" in said(shop, "commercial.pharmacy")


def test_payment_a_seller_accepted_is_reported_but_a_buyers_own_vendor_sells():
    assert not said("Prosecutors said the seller accepted payment in Bitcoin for the oxycodone pills.", "commercial.pharmacy")
    assert sorted(said("The site I used for armodafinil ships worldwide, no script needed.", "commercial.pharmacy")) == [
        "no script", "ships worldwide"]


def test_a_deal_button_that_prices_a_drug_is_a_buy_link():
    button = "<html><body><p>Today only.</p><p><a href='https://deals.example/out?id=4'>Get sildenafil for $12</a></p></body></html>"
    assert evidence(flags_of(button, is_html=True)[1], "commercial.buy_link") == ["Get sildenafil for $12"]
    headline = ("<html><body><p>Related:</p><p><a href='https://news.example/a'>How patients get sildenafil for $12 under "
                "the new plan</a></p></body></html>")
    assert not evidence(flags_of(headline, is_html=True)[1], "commercial.buy_link")


def test_a_shows_sponsor_segment_and_a_rehab_sites_referral_pay_are_money_markers():
    assert said("Quick break: this segment of the show is brought to you by SleepWell.",
                "commercial.donation_or_affiliate") == ["this segment of the show is brought to you"]
    assert said("CareFinder gets compensation from addiction treatment centers and does not provide care.",
                "commercial.donation_or_affiliate") == ["gets compensation from addiction treatment centers"]
    assert not said("The trial of the new sleeping pill was sponsored by its maker.", "commercial.donation_or_affiliate")
    assert not said("Dr. Patel receives compensation from Pfizer for speaking.", "commercial.donation_or_affiliate")


def test_order_patterns_tried_at_their_start_words_find_every_match():
    from classifier.detectors.commercial import buy_link as b
    from classifier.text import lower_same_length

    pieces = ["to order ", "for orders ", "to buy, ", "message ", "@x_y ", "on telegram", "+1 555 0100 ", "tap ",
              "scan ", "go to ", "shop.example ", "the link ", "and order", "for your first order", "photo", " ", "\n", "."]
    rnd = random.Random(13)
    for _ in range(2000):
        low = lower_same_length("".join(rnd.choices(pieces, k=rnd.randint(0, 8))))
        for rx, starts in ((b._ORDER_VIA, b._ORDER_VIA_START), (b._GO_ORDER, b._GO_ORDER_START)):
            fast = [m.span() for m in b._finditer_at(rx, low, low, starts)]
            assert fast == [m.span() for m in rx.finditer(low)], low


# ------------------------------------------------------------------ forms of the fourteenth held-out batch


def test_a_name_split_by_emoji_or_symbols_is_disguised():
    assert said("Back in stock: X\u2b50a\u2b50n\u2b50a\u2b50x 2mg, message for the list",
                "commercial.obfuscated_drug_name") == ["X\u2b50a\u2b50n\u2b50a\u2b50x"]
    assert said("Val\U0001f48aium 10 shipped fast", "commercial.obfuscated_drug_name") == ["Val\U0001f48aium"]
    # emoji beside a name spelled out, or between ordinary words, disguise nothing
    assert not said("So tired today \U0001f634 Xanax \U0001f48a is what my doctor tried first", "commercial.obfuscated_drug_name")
    assert not said("Stay calm \U0001f33f and breathe \U0001f33f every morning", "commercial.obfuscated_drug_name")


def test_a_keyword_to_message_and_a_bulk_order_told_before_the_messenger():
    assert said('Klonopin 2mg restocked. DM "CALM" to order.') == ['DM "CALM" to order']
    assert not said('We talk about tapering off Klonopin here. DM "CALM" to join the support chat.')
    export = ("Sildenafil 100mg and tramadol 50mg, priced per 1,000 tablets.\n"
              "To place a wholesale order or request a price sheet, text our export desk on WhatsApp.")
    assert said(export) == ["To place a wholesale order or request a price sheet, text our export desk on WhatsApp"]
    assert not said("Your metformin refill is ready. To place a refill order or ask a question, contact the pharmacy "
                    "during opening hours.")


def test_a_link_giving_a_promo_code_or_first_box_price_for_a_drug_is_a_buy_link():
    bio = ("<html><body><p>My links:</p><ul><li><a href='https://clinic.example/s?ref=LENA'>Tirzepatide through my "
           "clinic: first box $199 with code LENA10</a></li></ul></body></html>")
    assert evidence(flags_of(bio, is_html=True)[1], "commercial.buy_link") == [
        "Tirzepatide through my clinic: first box $199 with code LENA10"]
    headline = ("<html><body><p>Read next:</p><ul><li><a href='https://news.example/a'>Why tirzepatide costs $1,000 a "
                "month without insurance</a></li></ul></body></html>")
    assert not evidence(flags_of(headline, is_html=True)[1], "commercial.buy_link")


def test_a_monthly_price_standing_as_a_short_sentence_in_a_drugs_paragraph():
    ad = ("Minoxidil and finasteride, prescribed by our doctors after a short form and shipped to your door with "
          "tracking. Only $19/month, cancel whenever.")
    assert said(ad) == ["$19/month"]
    # a membership fee in a paragraph that names no drug sells visits, not a drug
    assert not said("Our clinicians can prescribe finasteride.\n\nMembership covers unlimited messaging and check-ins "
                    "with your care team throughout the year. Just $15/month.")


def test_approval_by_the_clock_and_a_form_read_instead_of_a_visit():
    funnel = ("Tadalafil for daily use: a licensed clinician reviews your answers and most men get approved within "
              "1 hour. No video visit.")
    assert said(funnel, "commercial.pharmacy") == ["clinician reviews your answers", "approved within 1 hour",
                                                   "No video visit"]
    assert not said("The FDA approved tadalafil for daily use in 2008, after a review that took months; patients still "
                    "see a doctor.", "commercial.pharmacy")


def test_crypto_only_labels_and_unmarked_parcels_are_shop_terms():
    shop = "Clonazepam 2mg, 0.0004 BTC a tab.\nMonero only. Shipping worldwide in plain, unmarked envelopes."
    assert said(shop, "commercial.pharmacy") == ["Shipping worldwide", "plain, unmarked envelopes", "Monero only"]
    # told of a vendor after a verb, the label is a report
    assert not said("Investigators said the vendor's listings for clonazepam were Bitcoin only and came from abroad.",
                    "commercial.pharmacy")


def test_prescription_required_is_no_pitch_unless_answered_no():
    assert not said("Tramadol is a Schedule IV opioid: prescription required, and refills are limited.", "commercial.pharmacy")
    assert "Prescription required: no" in said("Prescription required: no. Buy tramadol 50mg today.", "commercial.pharmacy")


def test_a_schedule_heading_files_drugs_under_a_law_not_a_menu():
    assert not said("Schedule IV: alprazolam, zolpidem, tramadol, phentermine, sildenafil.", "commercial.drug_mix")
    assert said("Today only: alprazolam, zolpidem, tramadol, phentermine, sildenafil - lowest price, ships free.",
                "commercial.drug_mix")


def test_a_feed_posts_byline_ending_in_promoted_is_a_money_marker():
    assert said("r/sleep \u00b7 u/DreamRx \u00b7 Promoted\nZolpidem without the wait.", "commercial.donation_or_affiliate") == [
        "Promoted"]
    assert not said("Posted by the editors \u00b7 Updated\nWhy some posts on this forum get promoted to the front page.",
                    "commercial.donation_or_affiliate")


# ------------------------------------------------------------------ forms of the fifteenth held-out batch


def test_designer_benzodiazepines_are_named_and_an_order_label_points_at_a_shop():
    shop = ("Flualprazolam blotters, 0.5 mg each. Sold as a reference standard only.\n10 blotters: $30\n"
            "Payment in Bitcoin only.\nORDER: rcvault.example/flualprazolam")
    assert said(shop) == ["ORDER: rcvault.example"]
    assert "Payment in Bitcoin" in said(shop, "commercial.pharmacy")
    # a page whose own address sells the designer name
    page = flags_of("Flualprazolam 1 mg pellets, lab use only.", url="https://rcshop.example/buy-flualprazolam")[1]
    assert evidence(page, "commercial.pharmacy") == ["Flualprazolam"]
    # a report naming designer benzodiazepines sells nothing, and an order label on a page without a drug sells no drug
    assert not flags_of("Flubromazolam and clonazolam turned up in 14 of the seized samples, the lab reported.")[1]
    assert not said("Hand-knitted scarves, three colours.\nORDER: woolnook.example/scarves")


def test_a_shipping_label_and_a_reship_promise_are_mail_order_terms():
    assert said("Diazepam 10 mg, 100 tabs.\nSHIPPING: worldwide. Reship guaranteed if lost.", "commercial.pharmacy") == [
        "SHIPPING: worldwide", "Reship guaranteed"]
    assert not said("Hand-knitted scarves, three colours.\nSHIPPING: worldwide. Reship guaranteed if lost.",
                    "commercial.pharmacy")


def test_a_free_trial_claimed_at_an_address_beside_a_drug_is_a_buy_link():
    trial = "Your first month of sildenafil costs nothing. Start your 14-day trial \u2192 rxclub.example/join"
    assert said(trial) == ["Start your 14-day trial \u2192 rxclub.example"]
    # a trial of something else, named before the address, sells no drug
    assert not said("Ask your doctor whether sildenafil suits you. Start your free trial of our newsletter \u2192 "
                    "tips.example/join")


def test_a_buyer_who_has_been_ordering_from_a_shop_or_a_handle_points_the_reader_there():
    assert said("My back is wrecked. I've been buying Soma 350mg from musclerx.example for a year, never an issue.") == [
        "Soma 350mg from musclerx.example"]
    assert not said("I've been getting my lisinopril from healthmart.example since the store closed.")
    dealer = "ngl i've been getting my X@nax from @calmplug_22 on telegram for months, dm him"
    assert said(dealer) == ["i've been getting my X@nax from @calmplug_22"]
    # a buyer naming their doctor's account gives no messenger and no contact to reach a seller
    assert not said("I get my Xanax from @DrRivera's clinic and she checks in every month.")


def test_clicking_through_links_to_get_an_order_in_is_an_order():
    assert said("Adderall 30s and Xanax bars both back this week.\nTap the links below and get your order in early.") == [
        "Tap the links below and get your order in"]
    assert said("Vendors above carry Klonopin and Valium. Click through and get your order in.") == [
        "Click through and get your order in"]
    assert not said("Klonopin is a benzodiazepine. Click through to read why ordering it online is risky.")


def test_a_pill_mills_terms_sell_prescriptions_but_one_term_or_a_report_does_not():
    mill = ("Pain relief without the runaround.\n- Cash only, $250 per visit\n- No drug test at intake\n"
            "Hydrocodone and oxycodone for qualifying patients.")
    assert said(mill, "commercial.pharmacy") == ["Cash only", "No drug test"]
    # a low-threshold addiction clinic waives the screen for buprenorphine; a report tells a mill's terms
    assert not said("Bridge clinic: cash only or insurance, and no urine drug screen is needed to start buprenorphine.",
                    "commercial.pharmacy")
    assert not said("Prosecutors said the clinic took cash only and ran no drug screens before writing oxycodone "
                    "prescriptions.", "commercial.pharmacy")


def test_an_admissions_counselor_who_replies_and_a_referral_service_paid_by_facilities():
    assert said("Text CALM to 555-0140 and an intake coordinator will respond within the hour.",
                "commercial.lead_generation") == ["intake coordinator will respond"]
    assert not said("An intake coordinator will review your chart before the visit.", "commercial.lead_generation")
    assert said("CareLocator is a paid advertising service; listed centers pay us a referral fee.",
                "commercial.donation_or_affiliate") == ["is a paid advertising service", "pay us a referral fee"]
    assert not said("Medicare pays us a flat fee for each visit, the clinic's director said.",
                    "commercial.donation_or_affiliate")


def test_answer_options_and_a_shortage_bulletin_are_not_menus():
    exam = "Which drug interacts with nitrates?\nA. Xanax\nB. Viagra\nC. Tramadol\nD. Phentermine\nAnswer: B."
    assert not said(exam, "commercial.drug_mix")
    # lettered lines with no question above them are still a menu
    assert said("Today's list\nA. Xanax\nB. Viagra\nC. Tramadol\nD. Phentermine", "commercial.drug_mix")
    bulletin = ("Back-ordered this month:\n- Zolpidem 10 mg: substitute trazodone\n- Oxycodone 5 mg: very limited\n"
                "- Phentermine 37.5 mg: discontinued by the maker\n- Sildenafil 20 mg: no new starts")
    assert not said(bulletin, "commercial.drug_mix")
    assert said(bulletin.replace("substitute trazodone", "in stock").replace("very limited", "in stock")
                .replace("discontinued by the maker", "in stock").replace("no new starts", "in stock"), "commercial.drug_mix")


def test_a_row_under_a_copay_column_is_a_cost_table_not_a_listing():
    assert not said("Drug | Plan pays | Your copay\nTramadol 50 mg | $6 | $2\nZolpidem 10 mg | $5 | $3",
                    "commercial.pharmacy")
    assert said("Drug | Price | Ships\nTramadol 50 mg | $60 | overnight", "commercial.pharmacy") == ["Tramadol 50 mg"]


def test_a_warning_list_names_sites_by_address_and_quotes_their_prices():
    # a site named by its address and what it did, in the past tense, is a report of that site
    warned = "Sites the board found selling without a licence:\n- fastcalm.example: sold alprazolam and tramadol and " \
             "accepted payment in Bitcoin."
    assert not said(warned, "commercial.pharmacy")
    assert said("fastcalm.example accepts payment in Bitcoin for alprazolam and tramadol.", "commercial.pharmacy") == [
        "accepts payment in Bitcoin"]
    assert not said("- dealhub.example: sold Xanax, Soma, Viagra and phentermine to buyers in 40 states.",
                    "commercial.drug_mix")
    assert said("dealhub.example: Xanax, Soma, Viagra and phentermine in stock.", "commercial.drug_mix")
    # a price quoted from the site's listing is its price, not the page's; quotation marks for emphasis still sell
    assert not said('- cheapmeds.example listed tadalafil at "$1.10 a tablet".')
    assert said('Tadalafil 20 mg: "$1.10 a tablet"') == ["$1.10 a tablet"]


def test_a_whole_spam_message_quoted_as_evidence_is_reported():
    pitch = ('"Percocet, Ambien, Cialis, Adipex - no script needed!! Cheapest anywhere, ships overnight. '
             'Tap the link to order."')
    ruling = "At trial the jury saw Exhibit 4, a text message the defendant sent, which said: " + pitch
    assert not flags_of(ruling, is_html=False)[1]
    # the same lines in quotation marks with nobody to attribute them to are the page's own pitch
    own = flags_of(pitch, is_html=False)[1]
    assert {"commercial.buy_link", "commercial.pharmacy", "commercial.drug_mix"} <= codes(own)


def test_a_placement_specialist_who_calls_back_about_treatment_beds():
    assert said("Leave your number and your insurance carrier, and a placement specialist will contact you today with "
                "open detox beds.", "commercial.lead_generation") == ["placement specialist will contact"]
    assert not said("Send us your resume and a placement specialist will contact you about openings in our nursing pool.",
                    "commercial.lead_generation")


def test_paid_content_said_of_the_piece_is_a_money_marker():
    assert said("This is paid content from Trimly, a telehealth company that prescribes semaglutide.",
                "commercial.donation_or_affiliate") == ["This is paid content"]
    # a paywall's paid content is what subscribers read
    assert not said("Subscribers can read all paid content about semaglutide in the app.", "commercial.donation_or_affiliate")


def test_a_drug_had_delivered_to_your_door_and_a_price_waiving_insurance():
    assert said("Book a video visit today and have generic tadalafil delivered to your door in two days.") == [
        "have generic tadalafil delivered to your door"]
    assert not said("Many patients now have their tadalafil delivered to the house by mail-order pharmacies.")
    # "no insurance or office visit required" waives insurance: the monthly price is the subscription's, not a cost table's
    assert said("Finasteride 1mg - $20/month, no insurance or office visit required.") == ["$20/month"]
    assert not said("Finasteride 1mg - $20/month with insurance, $45/month without.")


def test_a_buyer_who_tells_the_reader_to_order_at_their_address_too():
    assert said("Off topic, but I buy my Klonopin from calmcorner.example, you can get it there too and they never ask "
                "questions.") == ["Klonopin from calmcorner.example"]
    assert not said("I buy my lisinopril from healthmart.example, and you can read their refill policy there.")


def test_a_strength_the_pharmacy_ran_out_of_is_no_listing():
    assert not said("Our pharmacy keeps running out of Adderall 20mg, so I order a week early now.", "commercial.pharmacy")
    assert said("Adderall 20mg in stock, order today.", "commercial.pharmacy") == ["Adderall 20mg"]


def test_a_chat_bots_order_command_beside_drugs_is_a_buy_link():
    assert said("Menu: Ambien 10mg, Xanax 2mg bars, Viagra 100\nSend /buy with the item name and we reply with a wallet "
                "address.") == ["Send /buy"]
    assert said("Menu: Ambien, Xanax, Viagra\n/order - place an order\n/help - talk to us") == ["/order - place"]
    # an address's /order path and a bot that sells no drug are no such command
    assert not said("Ambien refills: see shop.example/order or ask the pharmacist.")
    assert not said("Send /order to the bot and a pizza shows up in 30 minutes.")


def _knee_article(visible: str, hidden: str) -> str:
    return ("<html><body><article><h1>Looking after your knees on long walks</h1>"
            "<p>Warm up for five minutes, keep your stride short on descents and use poles on steep ground. "
            f"Ice a sore knee for fifteen minutes after the walk. {visible} Strong thighs protect the joint, so add squats "
            "twice a week and build up slowly over a month.</p>"
            f"<div style='display:none'>{hidden}</div>"
            "<p>See a physiotherapist if swelling lasts more than a few days or the knee gives way.</p>"
            "</article></body></html>")


def test_hidden_links_to_the_shop_of_a_visible_spam_anchor_carry_its_pitch_and_menu():
    visible = "<a href='https://pillbarn.example/tramadol'>order tramadol online</a>"
    hidden = ("<a href='https://{host}/ambien'>ambien without prescription</a> "
              "<a href='https://{host}/cialis'>cheap cialis 20mg</a> "
              "<a href='https://{host}/adipex'>adipex next day delivery</a>")
    page, flags = flags_of(_knee_article(visible, hidden.format(host="pillbarn.example")), is_html=True)
    assert all(link.start < 0 for link in page.links[1:])  # the parser keeps the hidden block out of the text
    assert evidence(flags, "commercial.pharmacy") == ["order tramadol online"]
    assert evidence(flags, "commercial.drug_mix") == ["order tramadol online"]
    # hidden links to another shop say nothing of this anchor's, and hidden reading links sell nothing
    _, other = flags_of(_knee_article(visible, hidden.format(host="rxdepot.example")), is_html=True)
    assert codes(other) == {"commercial.buy_link"}
    info = ("<a href='https://druginfo.example/ambien'>Ambien side effects</a> "
            "<a href='https://druginfo.example/cialis'>Cialis and alcohol</a> "
            "<a href='https://druginfo.example/adipex'>Adipex dosage</a>")
    assert not flags_of(_knee_article("<a href='https://druginfo.example/tramadol'>tramadol</a>", info), is_html=True)[1]


def test_a_sellers_menu_at_an_address_beside_drugs_is_a_buy_link():
    post = "Restocked hydrocodone 10s and Klonopin 2mg this week. See the full menu at quietplug.example, regulars get a discount."
    assert said(post) == ["See the full menu at quietplug.example"]
    # prices to compare are a cost article's advice, not a dealer's menu
    assert not said("Klonopin and Ambien both carry a boxed warning. Check today's prices at pricecompare.example before "
                    "you fill the prescription.")


def test_a_buyer_names_their_address_and_tells_the_reader_to_order_there():
    assert said("Nothing beats Ritalin for long night shifts honestly. I get mine from nightowlrx.example, just order a few "
                "days ahead.") == ["I get mine from nightowlrx.example, just order"]
    # the same buyer warning the reader off the address sends nobody there
    assert not said("Nothing beats Ritalin for long night shifts honestly. I got mine from nightowlrx.example once and it "
                    "was fake, so never order there.")


def test_a_lone_buy_call_for_an_ordinary_drug_is_a_buy_link_not_a_pharmacy_pitch():
    lone = "Atorvastatin lowers LDL cholesterol. Buy atorvastatin 20mg at the best price from heartmeds.example."
    assert said(lone) and not said(lone, "commercial.pharmacy")
    # a pharmacy term beside it, or a controlled drug sold by strength, makes the pitch
    assert said(lone[:-1] + ", no prescription needed.", "commercial.pharmacy")
    assert said("Buy atorvastatin 20mg without prescription", "commercial.pharmacy") == ["atorvastatin 20mg"]
    assert said("Valium calms the nerves. Buy Valium 10mg from a reliable source.", "commercial.pharmacy") == ["Valium 10mg"]


def test_an_address_that_sells_a_drug_by_name_pointed_at_by_an_arrow_or_here():
    # the drug is named lines before the pointer, or only in the address itself
    story = ("Mark says the patch finally let him sleep through the night.\n\nWANT THE SAME RESULTS?\n"
             "Supplies run short every month, so grab a box here: https://sleepwell-direct.example/buy-zolpidem")
    assert said(story) == ["here: https://sleepwell-direct.example/buy-zolpidem"]
    sig = "Hope the shoulder heals fast!\n--\nJules | 2,104 posts\nNeed something stronger? Lowest prices -> painfree-deals.example/tramadol-50mg"
    assert said(sig) == ["-> painfree-deals.example/tramadol-50mg"]
    assert said("Envío discreto. Pídelo aquí: farmacia-facil.example/tramadol-100mg") == [
        "aquí: farmacia-facil.example/tramadol-100mg"]
    # a pointer to something to read, an address that sells nothing by name, and an address a report names are not
    assert not said("Our full story on counterfeit Ambien is here: https://dailynews.example/buy-ambien-online")
    assert not said("Tramadol helped me after surgery. My blog about recovery is here: https://joes-notes.example/week-two")
    assert not said('A study of spam mail quoted a typical line: "cheap pills here: rxfast.example/tramadol-50mg"')


def test_readers_told_to_place_an_order_at_an_address():
    release = ("BOSTON - Clearskin Health opened its online men's health service today. Readers can place an order for "
               "sildenafil at clearskin.example/start.")
    assert said(release) == ["order for sildenafil at clearskin.example/start."]
    assert said("You can start an order for tadalafil at mensclinic.example today.") == [
        "order for tadalafil at mensclinic.example"]
    # the same words told of others report what they did
    assert not said("Patients could place an order for sildenafil at clearskin.example, the company's filing says.")


def test_a_form_beside_an_admissions_line_is_a_lead_form_not_a_prescribing_questionnaire():
    page = ("Detox from oxycodone with medical support.\nText START to 555-0188 and an admissions advisor will reply.\n\n"
            "Or complete the quick form below and we will phone you:\nName ____ Phone ____ [ Call me ]")
    assert not said(page, "commercial.pharmacy")
    # a quick form that prescribes the drug, with no admissions or rehab words around it, is the pitch
    assert said("Hair thinning? Finasteride prescribed after a quick form, reviewed by our doctors.\n\n"
                "Or complete the quick form below to start:\nName ____ Email ____ [ Start ]",
                "commercial.pharmacy") == ["quick form", "quick form"]


def test_a_referral_service_that_passes_the_reader_to_partner_clinics_is_lead_generation():
    page = ("Knee pain keeping you up? We find an orthopedic doctor near you in 48 hours.\n[ Name ] [ Phone ] [ SEND ]\n"
            "Submitting this form means you consent to be called by Joint Relief Finder or one of its participating "
            "practices.\nOur matching is free to you because member clinics pay for it.")
    assert said(page, "commercial.lead_generation") == ["called by Joint Relief Finder or one of its participating practices"]
    assert said("The service is funded by partner weight-loss clinics in your area.",
                "commercial.lead_generation") == ["funded by partner weight-loss clinics"]
    # a clinic's own booking form, and a study that thanks its participating clinics, pass nobody on
    assert not said("Book online or call 555-0163 to see Dr. Reyes; our front desk will contact you to confirm.",
                    "commercial.lead_generation")
    assert not said("The trial was funded by the national institute, and data were collected at 12 participating clinics.",
                    "commercial.lead_generation")


def test_veterinary_prescription_drugs_sold_without_a_vets_prescription():
    shop = "Carprofen 75mg chewables for dogs - no vet prescription required, shipped in 24 hours. $0.95 per tablet"
    assert said(shop, "commercial.pharmacy") == ["no vet prescription required", "Carprofen 75mg"]
    # a vet clinic's advice page names several of them without selling any, and is no drug menu either
    advice = ("Itchy dog? Ask us about Apoquel or Cytopoint. For arthritis we often use Rimadyl or Galliprant, and "
              "NexGard or Bravecto keep fleas and ticks away. Book a check-up at the front desk.")
    assert not flags_of(advice, is_html=False)[1]


def test_accents_a_language_uses_are_spelling_not_a_disguise():
    # French and Spanish write generic names with their own accents
    page = "La codéine et le finastéride se prennent sur ordonnance ; el bupropión y la testosterona también."
    assert not said(page, "commercial.obfuscated_drug_name")
    # accents stuffed where no language puts them, or on a brand (a trademark is spelled alike everywhere), disguise it
    assert said("Get Trâmâdôl and Vàlium here", "commercial.obfuscated_drug_name") == ["Trâmâdôl", "Vàlium"]


def test_drugs_that_seized_parcels_were_passed_off_as_are_no_menu():
    report = ("Inspectors opened 90 packages at the airport. Tests showed pills labelled as oxycodone, diazepam, tadalafil "
              "and phentermine, most of them fakes.")
    assert not said(report, "commercial.drug_mix")
    menu = "In stock today: oxycodone, diazepam, tadalafil and phentermine, shipped discreetly."
    assert said(menu, "commercial.drug_mix") == ["oxycodone, diazepam, tadalafil and phentermine"]


def test_affiliate_disclosures_and_tip_jars_in_french_and_spanish():
    assert said("Certains liens de ce guide sont des liens affiliés : je touche une petite commission sur vos achats.",
                "commercial.donation_or_affiliate") == ["liens affiliés", "je touche une petite commission"]
    assert said("Si te gustó, invítame a un café.", "commercial.donation_or_affiliate") == ["invítame a un café"]
    # a sales agent's pay in a news story is no disclosure
    assert not said("Le vendeur perçoit une commission de 5 % sur chaque contrat signé.",
                    "commercial.donation_or_affiliate")


def test_a_placement_coordinator_who_calls_the_reader_back_is_lead_generation():
    page = ("Step one: send us your details.\nStep two: a placement coordinator phones you within the hour.\n"
            "Step three: we find a recovery residence that takes your insurance.")
    assert said(page, "commercial.lead_generation") == ["placement coordinator phones you"]
    # a job agency's coordinator calls about work, with nothing of treatment or insurance near
    assert not said("Upload your CV. A placement coordinator phones you within the hour to discuss warehouse shifts.",
                    "commercial.lead_generation")


def test_a_seller_offering_a_drug_from_their_own_stock():
    assert said("Got oxycodone 30s left, you could get some from me this week.") == ["you could get some from me"]
    # a reader sent to their own pharmacist is no offer
    assert not said("If you run out of oxycodone you can get it from your pharmacist with a new script.")


def test_grab_yours_at_an_address_after_a_drug_is_a_buy_link():
    assert said("Everyone at the gym swears by Cialis. Grab yours today at gymrx-store.example.") == [
        "Grab yours today at gymrx-store.example"]
    # with no drug named, "grab yours" sells a T-shirt
    assert not said("The club has new jerseys. Grab yours today at clubshop.example.")


def test_an_order_at_an_address_with_the_verb_last_in_german_or_dutch():
    assert said("Man kann Tramadol auch bij pijnvrij.example bestellen, snel geleverd.") == [
        "bij pijnvrij.example bestellen"]
    # the address with the verb of reading is no order
    assert not said("Mehr über Tramadol bei gesundheit.example lesen.")


def test_scan_to_start_an_order_on_a_flyer():
    flyer = "Tirzepatide weekly pens, delivered monthly.\n[ QR ]\nScan to begin your order\n"
    assert said(flyer) == ["Scan to begin your order"]
    # a flyer's code that leads to a leaflet is for reading
    assert not said("Tirzepatide: what to expect.\n[ QR ]\nScan to read the patient leaflet\n")


def test_prescribers_who_approve_patients_by_the_clock_are_a_prescribing_pitch():
    assert said("Phentermine plans. Our doctors approve most requests within hours.", "commercial.pharmacy") == [
        "doctors approve most requests within hours"]
    # a regulator approving a drug is news
    assert not said("Regulators approve phentermine combinations rarely, the agency said.", "commercial.pharmacy")


def test_a_shop_agent_offering_to_put_a_pack_in_the_readers_basket():
    chat = ("Agent: Armodafinil 150 is popular with shift workers.\n" + "Customer: ok what else\n" * 30
            + "Agent: Shall I add the 60-count box to your basket for you?")
    assert said(chat) == ["add the 60-count box to your basket"]
    # a pharmacy's blog about shopping lists puts groceries, not a drug, in the basket
    assert not said("Armodafinil is prescribed for narcolepsy.\n" + "More below.\n" * 120
                    + "Tip: add the ingredients to your basket before you leave home.")


def test_add_to_cart_addresses_and_lone_selling_addresses_written_in_the_text():
    feed = ('[{"title": "Finasteride 1mg x 90", "rx_needed": "no",\n'
            '  "cart_url": "https://hairshop.example/basket/add/fin-90"}]')
    assert said(feed) == ["https://hairshop.example/basket/add/fin-90"]
    assert said(feed, "commercial.pharmacy") == ['rx_needed": "no']
    sitemap = "https://pillbox.example/order-tramadol-100mg\nhttps://pillbox.example/buy-diazepam-online\n"
    assert said(sitemap) == ["https://pillbox.example/order-tramadol-100mg", "https://pillbox.example/buy-diazepam-online"]
    # a report naming such an address inside its sentence, and a data field that keeps the prescription, sell nothing
    report = "Investigators traced https://pillbox.example/order-tramadol-100mg to a server abroad."
    assert not said(report)
    assert not said('{"name": "Finasteride 1mg", "prescription_required": true}', "commercial.pharmacy")


def test_an_order_desk_in_a_chat_servers_channel():
    rules = "Vendors carry Xanax bars and Percocet. To order, post in #buy-desk with the item and count."
    assert said(rules) == ["To order, post in #buy-desk"]
    # a support server sends questions to a channel, with no order
    assert not said("Questions about Xanax side effects? Post in #ask-a-pharmacist and a volunteer will answer.")


def test_names_in_circled_or_squared_letters_and_names_written_backwards():
    page = "🅐🅓🅓🅔🅡🅐🅛🅛 20mg $4 each\nⓋⓐⓛⓘⓤⓜ 10mg $1 each"
    assert said(page, "commercial.obfuscated_drug_name") == ["🅐🅓🅓🅔🅡🅐🅛🅛", "Ⓥⓐⓛⓘⓤⓜ"]
    assert said("MUILAV 10 - flip it :) - cheap pills, pickup only", "commercial.obfuscated_drug_name") == ["MUILAV"]
    # circled letters that spell a word, and a reversed word with nothing of a sale or a hint near, hide no drug
    assert not said("Ⓢⓤⓜⓜⓔⓡ sale on sandals!", "commercial.obfuscated_drug_name")
    assert not said("Muilav Street is closed for the parade.", "commercial.obfuscated_drug_name")


def test_a_pharmacy_refusing_questionnaire_prescriptions_is_no_pitch():
    page = ("We supply sildenafil only on a prescription from your own doctor; we will not dispense anything "
            "prescribed from an online questionnaire.")
    assert not said(page, "commercial.pharmacy")
    assert said("Sildenafil in 10 minutes: fill in our online questionnaire and a doctor signs off.",
                "commercial.pharmacy") == ["online questionnaire"]


def test_code_words_in_a_report_are_no_promo_code():
    report = "Dealers advertise oxycodone with emoji and use code words to slip past moderators."
    assert not said(report, "commercial.pharmacy")
    assert said("Oxycodone 30s restocked - use code SPRING for money off.", "commercial.pharmacy") == ["use code SPRING"]


def test_a_health_plans_formulary_is_no_drug_menu():
    plan = ("Formulary 2025, tier 1 = $3 copay\ntramadol | pain | 2\nzolpidem | sleep | 2\ntadalafil | BPH only, prior "
            "authorization | 3\nalprazolam | anxiety | 2\n")
    assert not said(plan, "commercial.drug_mix")
    shop = "tramadol | pain | $1\nzolpidem | sleep | $1\ntadalafil | ED | $2\nalprazolam | anxiety | $1\n"
    assert said(shop, "commercial.drug_mix")


def test_a_charity_that_tells_donors_their_gift_is_deductible():
    assert said("Help us buy test strips for the drop-in centre. All donations are fully tax-deductible.",
                "commercial.donation_or_affiliate") == ["All donations are fully tax-deductible"]
    # a tax guide on what counts as deductible asks for nothing
    assert not said("Medical expenses over 7.5% of income are tax-deductible for many filers.",
                    "commercial.donation_or_affiliate")


def test_consent_to_calls_from_marketing_partners_is_lead_generation():
    page = ("Free hair-restoration consult - call 555-0190.\nBy sending this form you agree to be texted by "
            "GrowBack and our marketing partners.")
    assert said(page, "commercial.lead_generation") == ["texted by GrowBack and our marketing partners"]
    # a clinic's own reminder texts name no partners
    assert not said("Free hair-restoration consult - call 555-0190.\nBy sending this form you agree to be texted "
                    "by GrowBack about your appointment.", "commercial.lead_generation")


# ------------------------------------------------------------------ the twenty-first held-out batch (ho21)
def test_names_in_mathematical_letters_are_disguised():
    bold = "\U0001d403\U0001d422\U0001d41a\U0001d433\U0001d41e\U0001d429\U0001d41a\U0001d426"  # "Diazepam" in math bold
    page = f"{bold} 5mg restocked, ask for the price list"
    assert said(page, "commercial.obfuscated_drug_name") == [bold]
    # a word in the same letters that spells no drug is emphasis, not a disguise
    assert not said("\U0001d40d\U0001d404\U0001d416 post on the blog today", "commercial.obfuscated_drug_name")


def test_a_name_with_one_letter_stretched_is_disguised():
    assert said("Got Valiiium 10 and Trammmadol, cheap, message me", "commercial.obfuscated_drug_name") == [
        "Valiiium", "Trammmadol"]
    # a doubled letter in a lower-case word with no selling words near is a typo; stretched words that are no drug stay
    assert not said("my doctor switched me to valiium last year", "commercial.obfuscated_drug_name")
    assert not said("Sooooo tired after the night shift", "commercial.obfuscated_drug_name")


def test_a_price_written_with_the_currency_code():
    assert said("Lorazepam 2mg in stock.\n20 tabs minimum, 3 USD each") == ["3 USD each"]
    assert said("Sildenafil 100mg direct from factory, per tablet just 0.40 EUR for bulk buyers.") == ["per tablet just 0.40 EUR"]
    # a report of what a tablet cost, with the code, sells nothing
    assert not said("Lorazepam 2mg was sold on the street for 3 USD each, the police said.")


def test_a_pronoun_object_at_a_shop_address_and_a_bracketed_start_button():
    assert said("Zolpidem works fast. You can buy it at sleepmeds.example/zolp today.") == ["buy it at sleepmeds.example"]
    # a pharmacy's trusted site or a reading pointer is no order
    assert not said("Zolpidem works fast. You can read about it at nih.gov.")
    mail = "Doctors can prescribe finasteride and minoxidil.\n[ BEGIN MY HAIR CONSULTATION ]  https://thickr.example/go"
    assert said(mail) == ["BEGIN MY HAIR CONSULTATION ]  https://thickr.example"]
    assert not said("Doctors can prescribe finasteride and minoxidil.\n[ Read our hair guide ]  https://thickr.example/go")


def test_a_buyer_who_grabs_the_drug_at_an_address_and_tells_the_reader_to_order_there():
    page = "Back is better. I grab my Fl3xeril 10 and Z0lpidem 5 at reliefshop.example now, you can order from them as well."
    assert said(page) == ["Fl3xeril 10 and Z0lpidem 5 at reliefshop.example"]
    assert not said("Back is better. I grab my Fl3xeril at the corner pharmacy, my doctor refills it.")


def test_lower_case_brands_priced_on_their_lines_make_a_menu():
    menu = "menu\nklonopin 2s $4\nphentermine 37.5 $3\ncialis 20 $6 each\n"
    assert said(menu, "commercial.drug_mix")
    # the same brands in lower case with no prices are a chat, not a menu
    assert not said("klonopin made me dizzy\nphentermine did nothing\ncialis helped him\n", "commercial.drug_mix")


def test_a_commission_on_orders_through_the_writers_code():
    assert said("Full disclosure: we are paid a commission on purchases made through our links.",
                "commercial.donation_or_affiliate") == ["we are paid a commission on purchases made through our links"]
    # a salesperson's pay told in a story names no code or link of the writer's
    assert not said("I am paid a commission on sales, the car dealer said.", "commercial.donation_or_affiliate")


def test_doctors_who_approve_the_reader_in_minutes_and_stealth_shipping():
    assert said("Sildenafil without the wait: our physicians approve you online in a few minutes.", "commercial.pharmacy") == [
        "physicians approve you online in a few minutes"]
    assert said("Xanax bars, stealth shipping to all states.", "commercial.pharmacy") == ["stealth shipping"]
    # a regulator approving a drug, and a game's stealth mode, sell nothing
    assert not said("Sildenafil: regulators approved it in 1998 after a few years of trials.", "commercial.pharmacy")
    assert not said("Xanax made the stealth levels of the game feel calm.", "commercial.pharmacy")


# ------------------------------------------------------------------ the twenty-second held-out batch's errors


def test_a_price_per_tablet_with_its_currency_code_in_the_shops_language():
    page, flags = flags_of("Lorazepam 2 mg - 0,90 EUR por comprimido\nEnvío en 48 horas.", is_html=False)
    assert evidence(flags, "commercial.buy_link") == ["0,90 EUR por comprimido"]
    assert all(page.text[f.start:f.end] == f.evidence for f in flags)
    # the same price told in a long sentence of a report is no listing
    assert not said("Según el informe policial, en la calle el lorazepam se vendía a unos 2 EUR por comprimido durante "
                    "todo el año pasado.")


def test_a_polite_order_and_a_cart_button_in_other_languages():
    assert said("Diazepam 10 mg disponible. Realice su pedido por correo electrónico.") == ["Realice su pedido"]
    assert said("Klonopin 2 mg: cliquez ici pour l'ajouter au panier.") == ["ajouter au panier"]
    # a regulator's advice to buy only from licensed pharmacies gives no order
    assert not said("Compre sus medicamentos solo en farmacias autorizadas y consulte a su médico antes de tomar tramadol.")


def test_a_call_centre_pitch_and_its_partner_small_print_in_another_language():
    pitch = ("¿Problemas con la adicción a los opioides? Llame ahora al 1-866-555-0148, línea gratuita las 24 horas: "
             "verificamos su seguro médico y le buscamos un centro.")
    page, flags = flags_of(pitch, is_html=False)
    assert evidence(flags, "commercial.lead_generation") == [
        "Llame ahora al 1-866-555-0148, línea gratuita las 24 horas: verificamos su seguro médico y le buscamos un centro."]
    assert all(page.text[f.start:f.end] == f.evidence for f in flags)
    assert said("Al enviar el formulario acepta que sus datos se compartan con centros asociados que le llamarán.",
                "commercial.lead_generation") == ["datos se compartan con centros asociados"]
    # a named public helpline, and a clinic that keeps the reader's data, route nobody to a paid referral
    assert not said("¿Problemas con la adicción? Llame a la Línea Nacional de Ayuda de SAMHSA: 1-800-662-4357.",
                    "commercial.lead_generation")
    assert not said("Sus datos no se comparten con terceros. Nuestra clínica atiende de lunes a viernes.",
                    "commercial.lead_generation")
    # a clinic's appointment line in office hours, in the page's language, is the clinic's own (as in English)
    assert not said("Salud Conductual del Condado ofrece tratamiento de adicciones. Llame al (606) 555-0138, de lunes a "
                    "viernes de 8 a 17 h, para pedir cita en las clínicas del condado.", "commercial.lead_generation")
    assert not said("Poradnia prowadzi leczenie uzależnień. Zadzwoń: (312) 555-0177, od poniedziałku do piątku w godzinach "
                    "8-16, aby umówić wizytę.", "commercial.lead_generation")


def test_foreign_lead_patterns_tried_at_their_start_words_find_every_match():
    from classifier.detectors.commercial import lead_generation as lg
    from classifier.text import lower_same_length

    pieces = ["Zadzwoń ", "oddzwonimy", "całą dobę", "Llame ahora", "llámenos", "línea gratuita", "sună acum", "apel gratuit",
              "rufen Sie uns jetzt an", "rund um die Uhr", "numéro vert", "chiama ora", "bel nu", "uzależnienie",
              "tratamiento", "dependență", "dependent", "Entzug", "seguro médico", "datos ", "Daten an ", "centros asociados",
              "Partnerkliniken", "ośrodkom partnerskim", " ", "\n", "x", "\u0130", "\u0131", "\u212a"]
    rnd = random.Random(22)
    for _ in range(2000):
        text = "".join(rnd.choices(pieces, k=rnd.randint(0, 8)))
        low = lower_same_length(text)
        for rx, starts, subject in ((lg._CTA_FOREIGN, lg._CTA_FOREIGN_START, low),
                                    (lg._REFERRAL_FOREIGN, lg._REFERRAL_FOREIGN_START, text),
                                    (lg._FOREIGN_PARTNER_DATA, lg._FOREIGN_DATA_START, text)):
            fast = [m.span() for m in lg._finditer_at(rx, subject, low, starts)]
            assert fast == [m.span() for m in rx.finditer(subject)], (rx.pattern[:30], text)


def test_a_sites_commission_on_orders_through_its_links_is_a_money_marker():
    assert said("SeniorRx Reviews earns a commission on purchases made through the buttons on this page.",
                "commercial.donation_or_affiliate") == ["earns a commission on purchases made through the buttons"]
    assert said("Shops marked with a star pay us a referral cut.",
                "commercial.donation_or_affiliate") == ["pay us a referral cut"]
    # a company's commission on its own sales names no link or code of the page's
    assert not said("The pharmacy chain earns a commission on sales of its own brand.", "commercial.donation_or_affiliate")


def test_tip_jars_and_donate_buttons_are_money_markers():
    page, flags = flags_of("Keep the list online!\n[ Donate $5 ] [ Donate $20 ]\nDonations welcome: Monero or BTC, below.",
                           is_html=False)
    assert evidence(flags, "commercial.donation_or_affiliate") == ["Donate $5", "Donate $20", "Donations welcome: Monero"]
    assert all(page.text[f.start:f.end] == f.evidence for f in flags)
    # a gift told in the news, and tips for the reader, ask for nothing
    assert not said("The foundation will donate $2 million to naloxone programs.", "commercial.donation_or_affiliate")
    assert not said("Tips: drink water and rest. We also list multiple tip-jar-free charities.",
                    "commercial.donation_or_affiliate")


def test_money_markers_told_of_spammers_are_reported():
    assert not said("Researchers found that affiliate programs pay spammers a share of every pill sold.",
                    "commercial.donation_or_affiliate")
    assert said("This page has affiliate links.", "commercial.donation_or_affiliate") == ["affiliate links"]


def test_selling_terms_listed_under_warning_signs_are_examples():
    guide = ("How to spot an unsafe online pharmacy\nRed flags to look out for:\n\n"
             "• Zolpidem shipped overnight with no prescription needed\n• Discreet packaging and payment in Bitcoin only\n")
    assert not said(guide, "commercial.pharmacy")
    assert not said("Warning signs: ativan sold with overnight delivery and no prescription needed.", "commercial.pharmacy")
    # the same list under a shop's own heading is its pitch
    shop = guide.replace("How to spot an unsafe online pharmacy\nRed flags to look out for:", "Why order from us:")
    page, flags = flags_of(shop, is_html=False)
    assert evidence(flags, "commercial.pharmacy") == ["no prescription needed", "shipped overnight", "Discreet packaging",
                                                      "payment in Bitcoin"]
    assert all(page.text[f.start:f.end] == f.evidence for f in flags)


def test_a_statement_put_to_the_reader_and_a_quoted_offer_are_not_the_pages_own():
    assert not said("Q3. True or false: a website may sell alprazolam after an online questionnaire alone.",
                    "commercial.pharmacy")
    assert not said('A reader sent us a link to a site offering "tramadol with overnight delivery".', "commercial.pharmacy")
    # said in the page's own voice, the same words sell
    assert said("Get alprazolam after an online questionnaire alone.", "commercial.pharmacy") == ["online questionnaire"]
    assert said('Tramadol with "overnight delivery" for all.', "commercial.pharmacy") == ["overnight delivery"]


def test_disguised_names_quoted_as_specimens_of_a_disguise():
    assert not said('Spam filters struggle with digit substitution ("Xan4x") and inserted dots ("V.a.l.i.u.m").',
                    "commercial.obfuscated_drug_name")
    page, flags = flags_of("Get Xan4x and V.a.l.i.u.m today.", is_html=False)
    assert evidence(flags, "commercial.obfuscated_drug_name") == ["Xan4x", "V.a.l.i.u.m"]
    assert all(page.text[f.start:f.end] == f.evidence for f in flags)


def test_prices_and_menus_listed_under_warning_signs_are_examples():
    guide = ("How to spot a fake online pharmacy\nWarning signs to watch for:\n\n• Xanax 2mg bars at $3 per pill\n"
             "• One menu listing Xanax, Viagra, oxycodone, phentermine and Ambien\n")
    assert not flags_of(guide, is_html=False)[1]
    # under a seller's own heading the same lines are its menu
    page, flags = flags_of(guide.replace("How to spot a fake online pharmacy\nWarning signs to watch for:", "Today's menu:"),
                           is_html=False)
    assert evidence(flags, "commercial.buy_link") == ["$3 per pill"]
    assert evidence(flags, "commercial.drug_mix") == [
        "Xanax 2mg bars at $3 per pill\n• One menu listing Xanax, Viagra, oxycodone, phentermine and Ambien"]
    assert all(page.text[f.start:f.end] == f.evidence for f in flags)
