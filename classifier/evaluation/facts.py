"""``healthcred evaluate facts``: reference facts and claim checking, measured.

Five parts, each printed and written to ``--json``:

1. **facts vs public data**: every bundled fact file checked against DrugCentral (target actions,
   pharmacologic classes), WHO ATC codes and SIDER side effects in ``../shared/datasets/drugs``;
2. **trusted text**: MedicationQA answers (which quote drug labels) and reliable news that names one
   of the drugs (ReCOVery ``reliability == 1``; HealthStory stories rated 4-5 by HealthNewsReview):
   the share of checked claims called ``contradicted`` (target below 1%), each one listed;
3. **annotated claim set** (``corpus/claims/claims.jsonl``, written by the team): macro-F1 and the
   precision of ``contradicted`` on the held-out third (and, for reference, on the development part);
   a sentence for which the checker finds nothing is counted as ``unsupported``;
4. **seeds**: the ``facts`` entries of ``../shared/seeds/expected.json``;
5. **certainty cues**: the run-time hedge and booster lexicon on causal-strength-labelled PubMed
   sentences (Yu et al. 2019) and its coverage of a public hedge list (loaded by path, never shipped).

The checker is rule-based (no learned stance component), so no HealthVer figure applies.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from ..claims import check_claims
from ..facts import FactBase, load_facts
from ..page import parse
from ..resources import CORPUS_DIR, shared_dir

CLAIMS_FILE = CORPUS_DIR / "claims" / "claims.jsonl"
LABELS = ("supported", "contradicted", "unsupported")
_SEVERITY_ORDER = {"contradicted": 0, "unsupported": 1, "supported": 2}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="healthcred evaluate facts", description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=None, help="the shared data directory (default: ../shared)")
    ap.add_argument("--json", type=Path, default=None, help="write all figures to this JSON file")
    ap.add_argument("--claims", type=Path, default=CLAIMS_FILE, help="annotated claim set (JSONL)")
    ap.add_argument("--show", type=int, default=20, help="how many errors to list per part")
    args = ap.parse_args(argv)
    shared = args.shared or shared_dir()
    fb = load_facts()
    out: dict[str, Any] = {}
    if shared is not None and (shared / "datasets" / "drugs").is_dir():
        out["facts_vs_public_data"] = _facts_vs_data(fb, shared / "datasets" / "drugs")
        out["trusted_text"] = _trusted_text(fb, shared / "datasets", args.show)
    else:
        print("note: ../shared not found (use --shared PATH): public-data and trusted-text parts skipped")
    out["claim_set"] = _claim_set(fb, args.claims, args.show)
    if shared is not None and (shared / "seeds" / "expected.json").is_file():
        out["seeds"] = _seeds(fb, shared / "seeds")
    if shared is not None and (shared / "datasets" / "claims" / "claim_strength").is_dir():
        out["certainty_cues"] = _certainty(shared / "datasets")
    out["healthver"] = "not applicable: the claim checker has no learned stance component"
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")
    return 0


# --------------------------------------------------------------------------------------------------
# 1. facts vs DrugCentral / ATC / SIDER


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def _facts_vs_data(fb: FactBase, ddir: Path) -> dict[str, Any]:
    targets = _read_tsv(ddir / "drugcentral_targets_subset.tsv")
    classes = _read_tsv(ddir / "drugcentral_classes_subset.tsv")
    sider = _read_tsv(ddir / "sider4_side_effects_subset.tsv")
    with open(ddir / "who_atc_subset.csv", encoding="utf-8", newline="") as fh:
        atc = list(csv.DictReader(fh))
    actions: dict[str, set[str]] = {}
    for r in targets:
        actions.setdefault(r["drug"].lower(), set()).add(r["actions"].lower())
    cls: dict[str, set[str]] = {}
    for r in classes:
        cls.setdefault(r["drug"].lower(), set()).add(r["class_name"].lower())
    atcs: dict[str, set[str]] = {}
    for r in atc:
        atcs.setdefault(r["drug"].lower(), set()).add(r["atc_code"])
    ses: dict[str, set[str]] = {}
    for r in sider:
        ses.setdefault(r["drug"].lower(), set()).add(r["se_name"].lower())
    rows = []
    for d in sorted(fb.drugs.values(), key=lambda d: d.id):
        mech = d.first("mechanism")
        act = mech.extra.get("drugcentral_action") if mech else None
        cf = d.first("class")
        class_terms = {t.lower() for t in (cf.terms if cf else ())}
        dc_classes = cls.get(d.id, set())
        class_overlap = sorted(t for t in class_terms if any(t in c or c in t for c in dc_classes))
        false_in_dc = sorted(t for t in (cf.false_terms if cf else ()) if any(t.lower() == c or t.lower() + "s" == c for c in dc_classes))
        risk_terms = {t.lower() for f in d.of_type("risk") for t in f.terms}
        se = ses.get(d.id, set())
        rows.append({
            "drug": d.id,
            "action_in_drugcentral": None if act is None or d.id not in actions else act in actions[d.id],
            "atc_matches": None if d.id not in atcs else bool(set(d.atc) & atcs[d.id]),
            "class_terms_in_drugcentral": class_overlap if dc_classes else None,
            "false_class_terms_listed_by_drugcentral": false_in_dc,
            "risk_terms_in_sider": sorted(t for t in risk_terms if t in se) if se else None,
        })
    n_act = [r for r in rows if r["action_in_drugcentral"] is not None]
    n_atc = [r for r in rows if r["atc_matches"] is not None]
    n_cls = [r for r in rows if r["class_terms_in_drugcentral"] is not None]
    summary = {
        "drugs": len(rows),
        "mechanism_action_agrees": f"{sum(r['action_in_drugcentral'] for r in n_act)}/{len(n_act)}",
        "atc_agrees": f"{sum(r['atc_matches'] for r in n_atc)}/{len(n_atc)}",
        "class_term_found_in_drugcentral": f"{sum(bool(r['class_terms_in_drugcentral']) for r in n_cls)}/{len(n_cls)}",
        "false_class_terms_that_drugcentral_lists": sum(len(r["false_class_terms_listed_by_drugcentral"]) for r in rows),
    }
    print("1. facts vs DrugCentral / WHO ATC / SIDER")
    for k, v in summary.items():
        print(f"   {k}: {v}")
    for r in rows:
        if r["action_in_drugcentral"] is False or r["atc_matches"] is False or r["false_class_terms_listed_by_drugcentral"]:
            print(f"   check {r['drug']}: {r}")
    return {"summary": summary, "drugs": rows}


# --------------------------------------------------------------------------------------------------
# 2. trusted text


def _any_drug_pattern() -> re.Pattern[str]:
    from ..drugs import dictionary

    names = sorted(dictionary().names(("generic", "brand")), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b", re.I)


_ANY_DRUG = _any_drug_pattern()


def _trusted_pages(ddir: Path) -> list[tuple[str, str]]:
    import pandas as pd

    pages: list[tuple[str, str]] = []
    for i, answer in enumerate(_medicationqa_answers(ddir / "claims" / "medicationqa")):
        pages.append((f"medicationqa:{i}", answer))
    rec = ddir / "credibility" / "recovery_news.csv"
    if rec.is_file():
        df = pd.read_csv(rec)
        for _, row in df[df["reliability"] == 1].iterrows():
            if isinstance(row.get("body_text"), str):
                pages.append((f"recovery:{row['news_id']}", row["body_text"]))
    cc = ddir / "claims" / "checkcovid" / "corpus.json"
    if cc.is_file():
        # Scientific abstracts (CORD-19, via Check-COVID): trusted text that discusses the drugs at length.
        with open(cc, encoding="utf-8") as fh:
            for line in fh:
                doc = json.loads(line)
                text = doc.get("title", "") + "\n" + " ".join(doc.get("abstract", []))
                if _ANY_DRUG.search(text):
                    pages.append((f"checkcovid:{doc.get('cord_id')}", text))
    hs = ddir / "credibility" / "healthstory_news.csv"
    if hs.is_file():
        df = pd.read_csv(hs)
        for _, row in df[df["hnr_rating"] >= 4].iterrows():
            if isinstance(row.get("text"), str):
                pages.append((f"healthstory:{row['news_id']}", row["text"]))
    return pages


def _medicationqa_answers(mdir: Path) -> list[str]:
    """All 690 MedicationQA answers (the workbook, read with openpyxl), else the 64-row subset for commonly
    abused drugs (CSV): the answers quote drug labels, so the more drugs have facts, the more of them count."""
    import pandas as pd

    book, subset = mdir / "MedInfo2019-QA-Medications.xlsx", mdir / "medicationqa_target_drugs.csv"
    df = None
    if book.is_file():
        try:
            df = pd.read_excel(book)
        except ImportError:  # openpyxl (in the dev extra) is not installed: the subset below
            df = None
    if df is None and subset.is_file():
        df = pd.read_csv(subset)
    if df is None or "Answer" not in df.columns:
        return []
    return [a for a in df["Answer"].tolist() if isinstance(a, str)]


def _trusted_text(fb: FactBase, ddir: Path, show: int) -> dict[str, Any]:
    per_source: dict[str, Counter] = {}
    flag_counts: Counter = Counter()
    flagged = []
    listed = []
    pages_with_claims = 0
    for pid, text in _trusted_pages(ddir):
        checks, flags = check_claims(parse(text, is_html=False), fb)
        if not checks:
            continue
        pages_with_claims += 1
        for f in flags:
            flag_counts[f.code] += 1
            flagged.append({"page": pid, "code": f.code, "evidence": f.evidence, "message": f.message})
        src = pid.split(":", 1)[0]
        c = per_source.setdefault(src, Counter())
        for cc in checks:
            c[cc.verdict] += 1
            if cc.verdict == "contradicted":
                listed.append({"page": pid, "drug": cc.drug, "fact_id": cc.fact_id, "text": cc.text, "note": cc.note})
    total = Counter()
    for c in per_source.values():
        total.update(c)
    n = sum(total.values())
    share = total["contradicted"] / n if n else 0.0
    print(f"2. trusted text: {pages_with_claims} pages with claims, {n} checked claims, "
          f"contradicted {total['contradicted']} ({share:.2%}); by source: "
          + ", ".join(f"{k} {dict(v)}" for k, v in sorted(per_source.items())))
    for item in listed[:show]:
        print(f"   {'contradicted'} [{item['page']}] {item['drug']} ({item['fact_id']}): {item['text'][:160]!r} -- {item['note'][:100]}")
    print(f"   claims.* flags on these trusted pages: {dict(flag_counts) or 'none'}")
    for item in flagged[:show]:
        print(f"   {item['code']} [{item['page']}]: {item['evidence'][:140]!r}")
    return {"flags": dict(flag_counts), "flagged": flagged, "pages_with_claims": pages_with_claims, "checked_claims": n, "verdicts": dict(total),
            "contradicted_share": share, "by_source": {k: dict(v) for k, v in per_source.items()}, "contradicted": listed}


# --------------------------------------------------------------------------------------------------
# 3. annotated claim set


def load_claim_set(path: Path = CLAIMS_FILE) -> list[dict[str, Any]]:
    """Rows ``{id, drug, text, label, split}`` of the team's annotated claim set."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            row = json.loads(line)
            if row.get("label") not in LABELS or row.get("split") not in ("dev", "heldout") or not row.get("text"):
                raise ValueError(f"{path}:{n}: expected label in {LABELS}, split dev|heldout and a text; got {row}")
            rows.append(row)
    return rows


def predict(text: str, drug: str, fb: FactBase) -> tuple[str, Any]:
    """The checker's verdict for ``drug`` in a one-sentence page (``unsupported`` when it finds nothing)."""
    checks, _ = check_claims(parse(text, is_html=False), fb)
    mine = [c for c in checks if c.drug == drug] or checks
    if not mine:
        return "unsupported", None
    best = min(mine, key=lambda c: _SEVERITY_ORDER[c.verdict])
    return best.verdict, best


def _scores(gold: list[str], pred: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {"n": len(gold), "accuracy": sum(g == p for g, p in zip(gold, pred, strict=True)) / max(1, len(gold))}
    f1s = []
    for lab in LABELS:
        tp = sum(g == lab and p == lab for g, p in zip(gold, pred, strict=True))
        fp = sum(g != lab and p == lab for g, p in zip(gold, pred, strict=True))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred, strict=True))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[lab] = {"precision": prec, "recall": rec, "f1": f1, "support": sum(g == lab for g in gold)}
        f1s.append(f1)
    out["macro_f1"] = sum(f1s) / len(f1s)
    return out


def _claim_set(fb: FactBase, path: Path, show: int) -> dict[str, Any]:
    if not path.is_file():
        print(f"3. claim set: {path} not found")
        return {}
    rows = load_claim_set(path)
    result: dict[str, Any] = {"n": len(rows), "drugs": len({r["drug"] for r in rows})}
    parts = {
        "dev": [r for r in rows if r["split"] == "dev"],
        "heldout": [r for r in rows if r["split"] == "heldout"],
    }
    # Each batch (e.g. "blind": written after the checker was built, by someone who had not read the fact
    # files, and scored once) is reported on its own too, so a later batch never hides in the total.
    for batch in sorted({r["batch"] for r in rows if r.get("batch")}):
        parts[f"heldout_{batch}"] = [r for r in rows if r["split"] == "heldout" and r.get("batch") == batch]
    for split, part in parts.items():
        if not part:
            continue
        preds = [predict(r["text"], r["drug"], fb) for r in part]
        sc = _scores([r["label"] for r in part], [p for p, _ in preds])
        errors = [{"id": r["id"], "gold": r["label"], "pred": p, "text": r["text"], "note": getattr(cc, "note", "")}
                  for r, (p, cc) in zip(part, preds, strict=True) if p != r["label"]]
        sc["errors"] = errors
        result[split] = sc
        print(f"3. claim set [{split}] n={sc['n']} macro-F1 {sc['macro_f1']:.3f} accuracy {sc['accuracy']:.3f} "
              f"contradicted P {sc['contradicted']['precision']:.3f} R {sc['contradicted']['recall']:.3f}; "
              f"supported P {sc['supported']['precision']:.3f} R {sc['supported']['recall']:.3f}; "
              f"unsupported P {sc['unsupported']['precision']:.3f} R {sc['unsupported']['recall']:.3f}")
        for e in errors[:show]:
            print(f"   {e['id']} gold {e['gold']:<12} pred {e['pred']:<12} {e['text'][:110]!r} {e['note'][:60]}")
    return result


# --------------------------------------------------------------------------------------------------
# 4. seeds


def _seeds(fb: FactBase, sdir: Path) -> dict[str, Any]:
    exp = json.loads((sdir / "expected.json").read_text(encoding="utf-8"))["pages"]
    passed = total = 0
    failures = []
    for name, e in exp.items():
        checks, _ = check_claims(parse((sdir / name).read_text(encoding="utf-8"), is_html=False), fb)
        for item in e.get("facts", []):
            total += 1
            got = [c.verdict for c in checks if item["claim"] in c.text or c.text in item["claim"]]
            if item["verdict"] in got:
                passed += 1
            else:
                failures.append({"page": name, "claim": item["claim"], "expected": item["verdict"], "got": got})
    print(f"4. seeds: {passed}/{total} fact expectations met")
    for f in failures:
        print(f"   {f}")
    return {"passed": passed, "total": total, "failures": failures}


# --------------------------------------------------------------------------------------------------
# 5. certainty cues (the run-time hedge/booster lexicon) against public claim-strength data


def _certainty(ddir: Path) -> dict[str, Any]:
    """How often the run-time hedge and booster cues fire per causal-strength label (Yu et al. 2019),
    and how many entries of the public hedge list (wooorm/hedges) the hedge cues recognise."""
    from ..claimcheck.lexicon import lexicon

    lex = lexicon()
    names = {"0": "no relationship", "1": "direct causal", "2": "conditional causal", "3": "correlational"}
    rates: dict[str, dict[str, float]] = {}
    path = ddir / "claims" / "claim_strength" / "yu2019" / "data" / "pubmed_causal_language_use.csv"
    if path.is_file():
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        for code, name in names.items():
            sents = [r["sentence"].lower() for r in rows if r["label"] == code]
            if sents:
                rates[name] = {
                    "n": len(sents),
                    "hedge": sum(lex.hedge.search(x) is not None for x in sents) / len(sents),
                    "booster": sum(lex.booster.search(x) is not None for x in sents) / len(sents),
                }
    coverage = None
    wl = ddir / "lexicons" / "hedges" / "wooorm-hedges" / "data.txt"
    if wl.is_file():
        entries = [w.strip().lower() for w in wl.read_text(encoding="utf-8").splitlines() if w.strip()]
        coverage = sum(lex.hedge.search(w) is not None for w in entries) / len(entries)
    print("5. certainty cues on PubMed claim-strength sentences (share with a hedge / booster cue): " + "; ".join(
        f"{k} {v['hedge']:.2f} / {v['booster']:.2f} (n={v['n']})" for k, v in rates.items())
        + (f"; wooorm/hedges entries recognised: {coverage:.2f}" if coverage is not None else ""))
    return {"by_label": rates, "wooorm_hedges_coverage": coverage}


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
