"""Evaluate the tortured-phrase detector: ``healthcred evaluate garble [--shared PATH] [--json PATH]``.

Figures
1. Seeds: each listed tortured phrase of the spun seed page flagged, with the right established term;
   no garble flag on the other seeds.
2. False positives on real clean text: every reliable article of ReCOVery (``reliability == 1``) and
   HealthStory (``label_fake == 0``): flags per 10,000 words, share of pages with any flag, worst pages.
3. Generalisation: the project's own clean paragraphs (``corpus/garble_eval``) spun by an independent
   spinner (:mod:`classifier.evaluation.spinner`): recall by spun term, precision by flag; then recall
   with each spun term removed from the vocabulary (what the term-free evidence alone catches).
4. Spun real articles: a fixed sample of the reliable articles of 2., each spun whole by the same
   independent spinner at several rates (the share of words replaced): the share of spun pages with any
   garble flag (what a reader of the page's flags sees), beside the same pages unspun.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path
from typing import Any

from ..resources import CORPUS_DIR, shared_dir

PARAGRAPHS = CORPUS_DIR / "garble_eval" / "paragraphs.txt"
_TERM = re.compile(r"“(.+?)” looks like a spun form of “(.+?)”")


def _detector(exclude: frozenset[str] = frozenset()) -> Any:
    from ..detectors.garble import TorturedPhraseDetector
    from ..garble.matcher import GarbleMatcher

    return TorturedPhraseDetector(GarbleMatcher(exclude_terms=exclude))


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# --------------------------------------------------------------------------------------------------
# 1. seeds


def evaluate_seeds(shared: Path) -> dict[str, Any]:
    from ..page import parse

    seeds = shared / "seeds"
    expected = json.loads((seeds / "expected.json").read_text(encoding="utf-8"))["pages"]
    det = _detector()
    out: dict[str, Any] = {"phrases": {}, "other_pages": {}}
    for name, spec in sorted(expected.items()):
        page = parse((seeds / name).read_text(encoding="utf-8"), is_html=False)
        flags = det.detect(page)
        listed = spec.get("tortured_phrases")
        if not listed:
            out["other_pages"][name] = len(flags)
            continue
        for phrase, term in listed.items():
            i = page.text.find(phrase)
            hit = [f for f in flags if i >= 0 and _overlaps((f.start, f.end), (i, i + len(phrase)))]
            named = [m.group(2) for f in hit if (m := _TERM.search(f.message))]
            out["phrases"][phrase] = {
                "expected": term,
                "flagged": bool(hit),
                "named": named,
                "right_term": term.lower() in [n.lower() for n in named],
            }
        out["extra_flags_on_spun_page"] = [
            f.evidence for f in flags if not any(f.evidence in p or p in f.evidence for p in listed)
        ]
    phrases = out["phrases"].values()
    out["n_listed"] = len(out["phrases"])
    out["n_flagged"] = sum(p["flagged"] for p in phrases)
    out["n_right_term"] = sum(p["right_term"] for p in phrases)
    return out


# --------------------------------------------------------------------------------------------------
# 2. false positives on reliable articles


def _reliable_documents(shared: Path) -> list[Any]:
    """Every reliable article: ReCOVery ``reliability == 1`` and HealthStory ``label_fake == 0``, in that order."""
    from .. import datasets

    base = shared / "datasets" / "credibility"
    docs = [d for d in datasets.load_recovery(base / "recovery_news.csv") if d.label == 1.0]
    return docs + [d for d in datasets.load_healthstory(base / "healthstory_news.csv") if d.label == 1.0]


def evaluate_false_positives(shared: Path, limit: int | None = None, worst: int = 15) -> dict[str, Any]:
    from ..page import parse

    docs = _reliable_documents(shared)
    if limit:
        docs = docs[:limit]
    det = _detector()
    det.matcher  # noqa: B018 - load the artifact before timing
    n_words = n_flags = n_pages_flagged = 0
    elapsed = 0.0
    per_page: list[tuple[int, str, list[str]]] = []
    by_source: dict[str, list[int]] = {}
    for d in docs:
        page = parse(d.text, is_html=False)
        _ = page.sentences, page.lower, page.words  # cached on the page and shared by all detectors
        t0 = time.perf_counter()
        flags = det.detect(page)
        elapsed += time.perf_counter() - t0
        n_words += page.n_words
        n_flags += len(flags)
        n_pages_flagged += bool(flags)
        stats = by_source.setdefault(d.source, [0, 0, 0, 0])
        stats[0] += 1
        stats[1] += page.n_words
        stats[2] += len(flags)
        stats[3] += bool(flags)
        if flags:
            per_page.append((len(flags), d.id, [f"{f.evidence} → {_TERM.search(f.message).group(2)}" for f in flags]))
    per_page.sort(key=lambda r: (-r[0], r[1]))
    return {
        "pages": len(docs),
        "words": n_words,
        "flags": n_flags,
        "flags_per_10k_words": 1e4 * n_flags / max(n_words, 1),
        "pages_with_any_flag": n_pages_flagged,
        "share_pages_with_any_flag": n_pages_flagged / max(len(docs), 1),
        "by_source": {
            k: {
                "pages": v[0],
                "words": v[1],
                "flags": v[2],
                "flags_per_10k_words": 1e4 * v[2] / max(v[1], 1),
                "pages_with_any_flag": v[3],
            }
            for k, v in by_source.items()
        },
        "detector_ms_per_page": 1000 * elapsed / max(len(docs), 1),
        "worst": [{"id": i, "n": n, "flags": f} for n, i, f in per_page[:worst]],
    }


# --------------------------------------------------------------------------------------------------
# 3. generalisation on independently spun text


def read_paragraphs(path: Path = PARAGRAPHS) -> list[str]:
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]


def evaluate_generalisation(
    seeds: int = 5, p_term: float = 0.7, p_other: float = 0.25, per_page: int = 1
) -> dict[str, Any]:
    """Spin the project's clean paragraphs ``seeds`` times; ``per_page`` paragraphs make one page."""
    from ..garble.build import WORDNET_DIR
    from ..garble.matcher import load_artifact
    from ..garble.wordnet import open_wordnet
    from ..page import parse
    from .spinner import Spinner

    wn = open_wordnet(WORDNET_DIR)
    vocab = set(load_artifact()["terms"])
    det = _detector()
    paragraphs = read_paragraphs()
    pages = ["\n\n".join(paragraphs[i : i + per_page]) for i in range(0, len(paragraphs), per_page)]
    spun_terms = found = found_in_vocab = n_in_vocab = 0
    ablation_found = 0
    n_tortured = found_tortured = 0
    flags_total = flags_on_term = flags_on_changed = 0
    missed: dict[str, int] = {}
    caught: dict[str, int] = {}
    ablation_cache: dict[str, Any] = {}
    for seed in range(seeds):
        spinner = Spinner(wn, p_term=p_term, p_other=p_other, seed=seed)
        for para in pages:
            spun = spinner.spin(para)
            page = parse(spun.text, is_html=False)
            flags = det.detect(page)
            flags_total += len(flags)
            for f in flags:
                span = (f.start, f.end)
                flags_on_term += any(t.changed and _overlaps(span, (t.start, t.end)) for t in spun.terms)
                flags_on_changed += any(_overlaps(span, c) for c in spun.changed_spans)
            for t in spun.terms:
                if not t.changed:
                    continue
                spun_terms += 1
                original = t.original.lower()
                # A spun form that WordNet itself lists ("anemia", "vertigo") is a synonym, not a garble.
                tortured = not wn.synsets(t.spun.lower().replace(" ", "_"))
                n_tortured += tortured
                in_vocab = original in vocab
                n_in_vocab += in_vocab
                hit = any(_overlaps((f.start, f.end), (t.start, t.end)) for f in flags)
                found += hit
                found_tortured += hit and tortured
                found_in_vocab += hit and in_vocab
                key = f"{t.spun} ({t.original})"
                (caught if hit else missed)[key] = (caught if hit else missed).get(key, 0) + 1
                # Ablation: the same page with this term unknown to the detector.
                if original not in ablation_cache:
                    ablation_cache[original] = _detector(frozenset({original}))
                ab_flags = ablation_cache[original].detect(page)
                ablation_found += any(_overlaps((f.start, f.end), (t.start, t.end)) for f in ab_flags)
    return {
        "paragraphs": len(paragraphs),
        "paragraphs_per_page": per_page,
        "spinner_runs": seeds,
        "spun_terms": spun_terms,
        "recall": found / max(spun_terms, 1),
        "spun_terms_not_a_wordnet_lemma": n_tortured,
        "recall_spun_form_not_a_wordnet_lemma": found_tortured / max(n_tortured, 1),
        "recall_terms_in_vocabulary": found_in_vocab / max(n_in_vocab, 1),
        "recall_terms_not_in_vocabulary": (found - found_in_vocab) / max(spun_terms - n_in_vocab, 1),
        "spun_terms_in_vocabulary": n_in_vocab,
        "flags": flags_total,
        "precision_on_spun_terms": flags_on_term / max(flags_total, 1),
        "precision_on_any_spun_word": flags_on_changed / max(flags_total, 1),
        "recall_with_term_removed": ablation_found / max(spun_terms, 1),
        "caught_examples": sorted(caught, key=lambda k: -caught[k])[:20],
        "missed_examples": sorted(missed, key=lambda k: -missed[k])[:20],
    }


def evaluate_spun_articles(
    shared: Path, n: int = 200, rates: tuple[float, ...] = (0.1, 0.25, 0.5), seed: int = 0
) -> dict[str, Any]:
    """Spin ``n`` reliable real articles whole at each rate and report how many pages the detector flags.

    The articles are the clean pages of :func:`evaluate_false_positives` (sampled with ``seed``), so the
    unspun figure is their false-positive share. A flag counts as on a spun word when it overlaps one.
    """
    import random

    from ..garble.build import WORDNET_DIR
    from ..garble.wordnet import open_wordnet
    from ..page import parse
    from .spinner import Spinner

    docs = _reliable_documents(shared)
    docs = random.Random(seed).sample(docs, min(n, len(docs)))
    # The spinner reads [[...]] as a marked term; real text has none, so any such brackets are broken up.
    texts = [d.text.replace("[[", "[ [").replace("]]", "] ]") for d in docs]
    det = _detector()
    wn = open_wordnet(WORDNET_DIR)

    def run(pages: list[tuple[str, tuple[tuple[int, int], ...]]]) -> dict[str, Any]:
        flagged = long_flagged = n_long = n_flags = on_spun = words = 0
        for text, changed in pages:
            page = parse(text, is_html=False)
            flags = det.detect(page)
            words += page.n_words
            flagged += bool(flags)
            n_flags += len(flags)
            on_spun += sum(any(_overlaps((f.start, f.end), c) for c in changed) for f in flags)
            if page.n_words >= 300:
                n_long += 1
                long_flagged += bool(flags)
        return {
            "pages": len(pages),
            "share_pages_flagged": flagged / max(len(pages), 1),
            "pages_of_300_words_or_more": n_long,
            "share_of_those_flagged": long_flagged / max(n_long, 1),
            "flags_per_1k_words": 1000 * n_flags / max(words, 1),
            "share_of_flags_on_a_spun_word": on_spun / max(n_flags, 1),
        }

    out: dict[str, Any] = {"articles": len(docs), "seed": seed, "unspun": run([(t, ()) for t in texts])}
    for rate in rates:
        spinner = Spinner(wn, p_term=rate, p_other=rate, seed=seed)
        spun = [spinner.spin(t) for t in texts]
        out[f"spun_{rate:g}"] = {"rate": rate, **run([(s.text, s.changed_spans) for s in spun])}
    return out


# --------------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Run the garble evaluation and print the figures (``--json PATH`` also saves them)."""
    parser = argparse.ArgumentParser(prog="healthcred evaluate garble", description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None, help="the shared data folder (default ../shared)")
    parser.add_argument("--json", type=Path, default=None, help="save the figures as JSON here")
    parser.add_argument("--limit", type=int, default=None, help="at most this many reliable articles (quick runs)")
    parser.add_argument("--spins", type=int, default=5, help="spinner runs (seeds) over the clean paragraphs")
    parser.add_argument(
        "--per-page",
        type=int,
        default=[1, 3],
        nargs="+",
        help="paragraphs per spun page, one run each (default: 1 and 3)",
    )
    parser.add_argument("--articles", type=int, default=200, help="reliable articles to spin whole (part 4)")
    parser.add_argument(
        "--skip",
        choices=("seeds", "fp", "generalisation", "articles"),
        action="append",
        default=[],
        help="leave out a part (repeatable)",
    )
    args = parser.parse_args(argv)
    shared = args.shared or shared_dir()
    figures: dict[str, Any] = {}
    if shared is None and ({"seeds", "fp", "articles"} - set(args.skip)):
        parser.error("../shared not found: pass --shared PATH (or --skip seeds --skip fp --skip articles)")
    if "seeds" not in args.skip:
        figures["seeds"] = evaluate_seeds(shared)
        s = figures["seeds"]
        print(
            f"seed 004: {s['n_flagged']}/{s['n_listed']} listed phrases flagged, {s['n_right_term']} with the right term; "
            f"garble flags on other seeds: {s['other_pages']}"
        )
        for phrase, r in s["phrases"].items():
            print(
                f"  {'ok ' if r['right_term'] else 'MISS'} {phrase!r} → {r['named'] or '-'} (expected {r['expected']!r})"
            )
        print(f"  other flags on the spun page: {s['extra_flags_on_spun_page']}")
    if "fp" not in args.skip:
        figures["false_positives"] = fp = evaluate_false_positives(shared, args.limit)
        print(
            f"reliable articles: {fp['pages']} pages, {fp['words']:,} words, {fp['flags']} flags = "
            f"{fp['flags_per_10k_words']:.3f} per 10,000 words; pages with any flag {fp['pages_with_any_flag']} "
            f"({100 * fp['share_pages_with_any_flag']:.2f}%); detector {fp['detector_ms_per_page']:.3f} ms/page"
        )
        for src, v in fp["by_source"].items():
            print(f"  {src}: {v['pages']} pages, {v['flags']} flags, {v['flags_per_10k_words']:.3f}/10k words")
        for w in fp["worst"]:
            print(f"  worst {w['id']}: {w['flags']}")
    if "generalisation" not in args.skip:
        figures["generalisation"] = {}
        for n in args.per_page:
            figures["generalisation"][f"{n}_paragraphs_per_page"] = g = evaluate_generalisation(args.spins, per_page=n)
            print(
                f"generalisation ({n} paragraph(s) per page): {g['spun_terms']} spun terms "
                f"({g['spun_terms_in_vocabulary']} in the vocabulary); recall {g['recall']:.3f} "
                f"(in vocabulary {g['recall_terms_in_vocabulary']:.3f}, not in it {g['recall_terms_not_in_vocabulary']:.3f}); "
                f"not counting spun forms that are WordNet lemmas {g['recall_spun_form_not_a_wordnet_lemma']:.3f}; "
                f"{g['flags']} flags, precision on spun terms {g['precision_on_spun_terms']:.3f}, on any spun word "
                f"{g['precision_on_any_spun_word']:.3f}; recall with the term removed from the vocabulary "
                f"{g['recall_with_term_removed']:.3f}"
            )
            print(f"  caught: {g['caught_examples'][:12]}")
            print(f"  missed: {g['missed_examples'][:12]}")
    if "articles" not in args.skip:
        figures["spun_articles"] = a = evaluate_spun_articles(shared, args.articles)
        print(f"reliable articles spun whole ({a['articles']}, sample seed {a['seed']}):")
        for key, r in a.items():
            if isinstance(r, dict):
                print(
                    f"  {key}: pages flagged {100 * r['share_pages_flagged']:.1f}% "
                    f"({100 * r['share_of_those_flagged']:.1f}% of the {r['pages_of_300_words_or_more']} of 300+ words); "
                    f"{r['flags_per_1k_words']:.2f} flags per 1,000 words, {100 * r['share_of_flags_on_a_spun_word']:.1f}% on a spun word"
                )
    if args.json:
        # Saved figures keep page ids and the terms named, not the evidence: no data-set text is written.
        for w in figures.get("false_positives", {}).get("worst", []):
            w["flags"] = [f.split(" → ", 1)[-1] for f in w["flags"]]
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
