"""The labelled example pages (corpus/pages/pages.jsonl) and the bundled examples (corpus/examples/)."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from classifier.page import parse

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "corpus" / "pages" / "pages.jsonl"
EXAMPLES = ROOT / "corpus" / "examples"

KINDS = {"leaflet", "news", "forum", "lead_generation", "pharmacy", "advertorial", "spun", "telehealth"}
LABELS = {"credible", "questionable", "unreliable"}
FIELDS = {"id", "drug", "kind", "label", "split", "format", "url", "content", "note"}
# Which labels each kind may carry (see corpus/pages/README.md).
ALLOWED = {
    "leaflet": {"credible"},
    "news": {"credible", "questionable"},
    "forum": {"questionable", "unreliable", "credible"},
    "lead_generation": {"questionable"},
    "pharmacy": {"unreliable"},
    "advertorial": {"unreliable"},
    "spun": {"unreliable"},
    "telehealth": {"questionable"},
}
CORE_DRUGS = {
    "diazepam", "alprazolam", "clonazepam", "lorazepam", "zolpidem", "tramadol", "oxycodone", "hydrocodone", "codeine",
    "carisoprodol", "gabapentin", "pregabalin", "modafinil", "amphetamine", "methylphenidate", "phentermine",
    "sildenafil", "tadalafil", "ivermectin", "hydroxychloroquine",
}


@pytest.fixture(scope="module")
def pages() -> list[dict]:
    lines = PAGES.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _visible(page: dict) -> str:
    if page["format"] == "html":
        return parse(page["content"], url=page["url"], is_html=True).text
    return page["content"]


def test_fields_and_values(pages):
    for p in pages:
        assert set(p) == FIELDS, p.get("id")
        assert re.fullmatch(r"p\d{4}", p["id"])
        assert p["kind"] in KINDS
        assert p["label"] in ALLOWED[p["kind"]], (p["id"], p["kind"], p["label"])
        assert p["split"] in {"dev", "heldout"}
        assert p["format"] in {"html", "text"}
        assert p["url"].startswith("https://")
        assert p["content"].strip() and p["note"].strip()
        assert re.fullmatch(r"[a-z]+", p["drug"])


def test_ids_unique(pages):
    ids = [p["id"] for p in pages]
    assert len(ids) == len(set(ids))


def test_minimum_counts(pages):
    assert len(pages) >= 240
    kinds = Counter(p["kind"] for p in pages)
    assert set(kinds) == KINDS
    assert min(kinds.values()) >= 25, kinds
    drugs = Counter(p["drug"] for p in pages)
    assert len(drugs) >= 18
    assert set(drugs) >= CORE_DRUGS, CORE_DRUGS - set(drugs)
    labels = Counter(p["label"] for p in pages)
    assert set(labels) == LABELS


def test_format_mix(pages):
    share = sum(p["format"] == "html" for p in pages) / len(pages)
    assert 0.25 <= share <= 0.45, share


def test_lengths_vary(pages):
    counts = [len(_words(_visible(p))) for p in pages]
    assert min(counts) >= 60 and max(counts) <= 1000
    assert max(counts) > 3 * min(counts)


def test_heldout_is_a_stratified_third(pages):
    share = sum(p["split"] == "heldout" for p in pages) / len(pages)
    assert 0.28 <= share <= 0.38, share
    strata: dict[tuple[str, str], list[str]] = defaultdict(list)
    for p in pages:
        strata[(p["kind"], p["label"])].append(p["split"])
    for key, splits in strata.items():
        held = splits.count("heldout")
        assert abs(held - len(splits) / 3) <= 1.5, (key, held, len(splits))


def test_heldout_has_unseen_drug_kind_pairs(pages):
    dev = {(p["kind"], p["drug"]) for p in pages if p["split"] == "dev"}
    held = {(p["kind"], p["drug"]) for p in pages if p["split"] == "heldout"}
    assert len(held - dev) >= len(KINDS)


def test_no_kind_identified_by_one_sentence(pages):
    """No sentence appears on every page of a kind: the kind must not be learnable from one template phrase."""
    by_kind: dict[str, list[set[str]]] = defaultdict(list)
    for p in pages:
        sents = {s.strip().lower() for s in re.split(r"(?<=[.!?])\s+|\n+", _visible(p)) if len(s.split()) >= 4}
        by_kind[p["kind"]].append(sents)
    for kind, sets in by_kind.items():
        common = Counter(s for ss in sets for s in ss).most_common(1)
        if common:
            sentence, n = common[0]
            assert n <= 0.5 * len(sets), (kind, sentence, n, len(sets))


def test_no_long_passages_from_seed_pages(pages, seeds_dir):
    def grams(text: str) -> set[tuple[str, ...]]:
        w = _words(text)
        return {tuple(w[i : i + 12]) for i in range(len(w) - 11)}

    seed = set()
    for path in sorted(seeds_dir.glob("*.txt")):
        seed |= grams(path.read_text(encoding="utf-8"))
    assert seed
    for p in pages:
        shared = grams(p["content"]) & seed
        assert not shared, (p["id"], " ".join(next(iter(shared))))


def test_html_pages_parse(pages):
    for p in pages:
        if p["format"] != "html":
            continue
        page = parse(p["content"], url=p["url"])
        assert page.is_html, p["id"]
        assert page.title, p["id"]
        assert len(_words(page.text)) >= 60, p["id"]


def test_generator_is_reproducible():
    import subprocess
    import sys

    script = ROOT / "corpus" / "pages" / "build_pages.py"
    done = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


# --------------------------------------------------------------------------------------------------
# corpus/examples


def test_examples_match_their_index():
    index = [json.loads(line) for line in (EXAMPLES / "examples.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    assert 8 <= len(index) <= 12
    files = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".html", ".txt"))
    assert len(files) == len(index)
    # ids are the file names, so scoring the folder or the JSONL gives the same ids
    assert {r["id"] for r in index} == {p.name for p in files}
    for row in index:
        assert set(row) >= {"id", "url"} and ("html" in row) != ("text" in row), row.get("id")
        path = EXAMPLES / row["id"]
        assert path.suffix == (".html" if "html" in row else ".txt")
        assert path.read_text(encoding="utf-8") == (row.get("html") or row.get("text"))
        page = parse(path.read_text(encoding="utf-8"), url=row["url"])
        assert page.is_html == ("html" in row)
        assert len(_words(page.text)) >= 40


# --------------------------------------------------------------------------------------------------
# the labelling guidelines hold page by page

_TOLL_FREE = re.compile(r"\(?8(?:00|33|44|55|66|77|88)\)?[ .-]\d{3}[ .-]\d{4}")


def test_kinds_carry_their_defining_traits(pages):
    for p in pages:
        text = _visible(p)
        low = text.lower()
        if p["kind"] == "leaflet":
            assert re.search(r"serious|warning|safety", low), p["id"]
            assert re.search(r"not a substitute|not medical advice|does not replace|not intended|general information|"
                             r"educational|do not accept advertising|nothing on this page|not list every|medicine information changes",
                             low), p["id"]
        elif p["kind"] == "pharmacy":
            assert "$" in text and re.search(r"buy|order|purchase", low), p["id"]
        elif p["kind"] == "lead_generation":
            assert _TOLL_FREE.search(text), p["id"]
        elif p["kind"] == "advertorial":
            # benefit-only: no warning vocabulary anywhere on the page
            assert not re.search(r"withdraw|overdose|side effect|warning|respiratory|danger", low), p["id"]
        elif p["kind"] == "telehealth":
            assert re.search(r"online|video|telehealth", low), p["id"]


def test_spun_pages_avoid_the_seed_substitutions(pages):
    seed_pairs = ("image name", "muscle fits", "liquor", "respiratory discouragement", "focal sensory",
                  "gamma-aminobutyric corrosive", "bounce back tension", "sluggishness", "discombobulation",
                  "obscured vision", "medical services supplier", "hostile to nervousness", "nervousness problems")
    for p in pages:
        low = p["content"].lower()
        assert not any(s in low for s in seed_pairs), p["id"]


def test_no_sentence_repeated_within_a_page(pages):
    for p in pages:
        sents = [s.strip().lower() for s in re.split(r"(?<=[.!?])\s+|\n+", _visible(p)) if len(s.split()) >= 6]
        # forum reply headers ("Re: <thread title>") repeat by design
        sents = [s for s in sents if not s.startswith("re:")]
        repeated = [s for s, n in Counter(sents).items() if n > 1]
        assert not repeated, (p["id"], repeated[:1])
