"""Evaluate the ``commercial.*`` detectors: ``healthcred evaluate commercial [--shared PATH] [--json PATH]``.

Three measurements, all from committed code and data:

1. **False positives on reliable journalism.** Every article that its source labels reliable
   (ReCOVery ``reliability == 1``; HealthStory ``label_fake == 0``, i.e. a HealthNewsReview rating of 3
   or more) is run through the detectors; the figure is the share of articles with any
   ``commercial.buy_link``, ``commercial.pharmacy`` or ``commercial.obfuscated_drug_name`` flag.
   Labels are publisher- or review-level, so a flagged "reliable" article may still be a real pitch.
2. **Real drug-label text** (MedicationQA answers about commonly abused drugs, quoting DailyMed):
   doses with strengths and controlled-substance warnings, yet nothing for sale.
3. **Recall and precision on held-out fixtures.** ``corpus/commercial/heldout.json`` holds pages the
   project wrote and kept out of rule development; per flag code, a page counts as predicted positive
   when the code fires anywhere on it. ``--split dev`` scores the development fixtures instead (those
   figures are optimistic by construction).

Run ``python -m classifier.evaluation.commercial`` (the same as ``healthcred evaluate commercial``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from ..drugs import dictionary
from ..page import parse
from ..resources import CORPUS_DIR, shared_dir

FIXTURES_DIR = CORPUS_DIR / "commercial"
CODES = (
    "commercial.buy_link",
    "commercial.pharmacy",
    "commercial.lead_generation",
    "commercial.obfuscated_drug_name",
    "commercial.drug_mix",
    "commercial.donation_or_affiliate",
)
FP_CODES = ("commercial.buy_link", "commercial.pharmacy", "commercial.obfuscated_drug_name")


def load_fixtures(split: str = "heldout", directory: Path = FIXTURES_DIR) -> list[dict[str, Any]]:
    """The labelled fixture pages of one split (``dev`` or ``heldout``; ``all`` for both).

    Each page: ``id``, ``kind`` (``text`` or ``html``), ``content``, optional ``url``, ``codes`` (the
    ``commercial.*`` codes it must raise; every other code must stay silent) and optional ``evidence``
    (code → substrings that some flag of that code must overlap).
    """
    if split not in ("dev", "heldout", "all"):
        raise ValueError(f"split must be one of 'dev', 'heldout', 'all', got {split!r}")
    splits = ("dev", "heldout") if split == "all" else (split,)
    pages: list[dict[str, Any]] = []
    for name in splits:
        raw = json.loads((directory / f"{name}.json").read_text(encoding="utf-8"))
        for page in raw["pages"]:
            pages.append({**page, "split": name})
    return pages


def detect(content: str, *, url: str | None = None, is_html: bool | None = None) -> list:
    """All ``commercial.*`` flags on one page (text or HTML)."""
    return _detect(parse(content, url=url, is_html=is_html))


def _detect(page) -> list:  # noqa: ANN001 - a parsed Page
    from ..detectors.commercial import DETECTORS

    return [flag for detector in DETECTORS for flag in detector.detect(page)]


def fixture_scores(pages: list[dict[str, Any]]) -> dict[str, Any]:
    """Per-code page-level recall and precision over ``pages``, with the misses listed."""
    counts = {code: Counter() for code in CODES}
    misses: list[dict[str, Any]] = []
    for page in pages:
        flags = detect(page["content"], url=page.get("url"), is_html=page.get("kind") == "html")
        fired = {f.code for f in flags}
        want = set(page.get("codes", ()))
        for code in CODES:
            hit, expected = code in fired, code in want
            counts[code]["tp" if hit and expected else "fp" if hit else "fn" if expected else "tn"] += 1
            if hit != expected:
                misses.append({"id": page["id"], "code": code, "kind": "missed" if expected else "false alarm",
                               "evidence": [f.evidence[:80] for f in flags if f.code == code][:3]})
    per_code = {}
    for code, c in counts.items():
        positives, predicted = c["tp"] + c["fn"], c["tp"] + c["fp"]
        per_code[code] = {
            "positives": positives,
            "predicted": predicted,
            "recall": c["tp"] / positives if positives else None,
            "precision": c["tp"] / predicted if predicted else None,
            **dict(c),
        }
    return {"n_pages": len(pages), "per_code": per_code, "misses": misses}


def reliable_articles(shared: Path) -> list[tuple[str, str, str | None, str]]:
    """(source, id, url, text) for every article its source labels reliable."""
    import pandas as pd

    base = shared / "datasets" / "credibility"
    out: list[tuple[str, str, str | None, str]] = []
    hs = pd.read_csv(base / "healthstory_news.csv")
    for row in hs[hs["label_fake"] == 0].itertuples():
        out.append(("healthstory", str(row.news_id), _str(row.url), _str(row.text) or ""))
    rc = pd.read_csv(base / "recovery_news.csv")
    for row in rc[rc["reliability"] == 1].itertuples():
        out.append(("recovery", str(row.news_id), _str(row.url), _str(row.body_text) or ""))
    return out


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def false_positives(shared: Path, *, limit: int | None = None, show: int = 15) -> dict[str, Any]:
    """Share of reliable articles with a buy-link, pharmacy or obfuscation flag, and the worst cases."""
    articles = reliable_articles(shared)
    if limit is not None:
        articles = articles[:limit]
    by_code: Counter = Counter()
    by_source: Counter = Counter()
    n_source: Counter = Counter()
    any_commercial = 0
    flagged: list[dict[str, Any]] = []
    start = time.perf_counter()
    drugs = dictionary()
    with_drug = 0
    for source, news_id, url, text in articles:
        n_source[source] += 1
        page = parse(text, url=url, is_html=False)
        flags = _detect(page)
        # How many articles name a prescription drug at all: the pages on which a rule could misfire.
        with_drug += any(not drugs.drugs[m.drug].category.endswith(" otc") for m in drugs.find(page.text, lower=page.lower))
        codes = {f.code for f in flags}
        any_commercial += bool(codes)
        for code in codes:
            by_code[code] += 1
        bad = [f for f in flags if f.code in FP_CODES]
        if bad:
            by_source[source] += 1
            flagged.append({"source": source, "id": news_id, "url": url,
                            "severity": round(max(f.severity for f in bad), 3),
                            "flags": [{"code": f.code, "evidence": f.evidence[:120]} for f in bad[:5]]})
    seconds = time.perf_counter() - start
    flagged.sort(key=lambda r: -r["severity"])
    n = len(articles)
    return {
        "n_articles": n,
        "n_by_source": dict(n_source),
        "n_naming_a_prescription_drug": with_drug,
        "n_flagged": len(flagged),
        "fp_share": len(flagged) / n if n else None,
        "flagged_by_source": dict(by_source),
        "pages_with_code": {code: by_code[code] for code in CODES},
        "pages_with_any_commercial_flag": any_commercial,
        "pages_per_second": n / seconds if seconds else None,
        "worst": flagged[:show],
    }


def label_answers(shared: Path) -> dict[str, Any]:
    """Hard negatives from real drug labels: MedicationQA answers about commonly abused drugs.

    These quote DailyMed sections (doses with strengths, "controlled substance" warnings), the text most
    like a pharmacy page without selling anything; every selling flag on them is a false positive.
    """
    import pandas as pd

    path = shared / "datasets" / "claims" / "medicationqa" / "medicationqa_target_drugs.csv"
    if not path.exists():
        return {}
    answers = [a for a in pd.read_csv(path)["Answer"] if isinstance(a, str) and a]
    flagged = []
    for i, answer in enumerate(answers):
        bad = [f for f in detect(answer, is_html=False) if f.code != "commercial.donation_or_affiliate"]
        if bad:
            flagged.append({"row": i, "flags": [{"code": f.code, "evidence": f.evidence[:120]} for f in bad[:5]]})
    return {"n_answers": len(answers), "n_flagged": len(flagged), "flagged": flagged}


def main(argv: list[str] | None = None) -> int:
    """Command line entry point; returns the exit status."""
    ap = argparse.ArgumentParser(prog="healthcred evaluate commercial", description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=None, help="the shared data folder (default: ../shared)")
    ap.add_argument("--split", choices=("heldout", "dev", "all"), default="heldout",
                    help="which fixtures to score (default: heldout)")
    ap.add_argument("--id-prefix", default="", help="only fixtures whose id starts with this (e.g. one batch)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N reliable articles (a quick look)")
    ap.add_argument("--show", type=int, default=15, help="how many flagged reliable articles to list")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures to this JSON file")
    args = ap.parse_args(argv)

    pages = [p for p in load_fixtures(args.split) if p["id"].startswith(args.id_prefix)]
    result: dict[str, Any] = {"fixtures": {"split": args.split, "id_prefix": args.id_prefix, **fixture_scores(pages)}}
    shared = args.shared or shared_dir()
    if shared is None or not (shared / "datasets" / "credibility").is_dir():
        print(f"no credibility data under {shared or '../shared'}: false-positive run skipped", file=sys.stderr)
    else:
        result["false_positives"] = false_positives(shared, limit=args.limit, show=args.show)
        result["label_answers"] = label_answers(shared)
    _print(result)
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


def _print(result: dict[str, Any]) -> None:
    fx = result["fixtures"]
    batch = f", ids {fx['id_prefix']}*" if fx.get("id_prefix") else ""
    print(f"fixtures ({fx['split']}{batch}, {fx['n_pages']} pages): page-level recall / precision per code")
    for code, s in fx["per_code"].items():
        rec = "   -" if s["recall"] is None else f"{s['recall']:.2f}"
        pre = "   -" if s["precision"] is None else f"{s['precision']:.2f}"
        print(f"  {code:36s} positives {s['positives']:3d}  predicted {s['predicted']:3d}  recall {rec}  precision {pre}")
    for miss in fx["misses"]:
        print(f"    {miss['kind']:11s} {miss['id']:28s} {miss['code']}  {miss['evidence']}")
    fp = result.get("false_positives")
    if fp:
        print(f"\nreliable articles: {fp['n_articles']} {fp['n_by_source']}; "
              f"{fp['n_naming_a_prescription_drug']} name a prescription drug")
        print(f"  share with buy_link / pharmacy / obfuscated_drug_name: {fp['fp_share']:.4f} "
              f"({fp['n_flagged']} pages; {fp['flagged_by_source']})")
        print(f"  pages per code: {fp['pages_with_code']}")
        print(f"  speed: {fp['pages_per_second']:.0f} pages/s (parse + commercial detectors)")
        for row in fp["worst"]:
            print(f"    {row['source']}:{row['id']} sev {row['severity']}  {row['flags']}")
    labels = result.get("label_answers")
    if labels:
        print(f"\ndrug-label answers (MedicationQA, commonly abused drugs): {labels['n_flagged']} of "
              f"{labels['n_answers']} with a commercial flag other than affiliate/donation")
        for row in labels["flagged"]:
            print(f"    row {row['row']}: {row['flags']}")


if __name__ == "__main__":
    raise SystemExit(main())
