"""Compile the garble artifact: established terms → the variants a synonym spinner would produce.

Run ``python -m classifier.garble.build`` after editing a lexicon under ``corpus/lexicons/garble``;
``python -m classifier.garble.build --check`` rebuilds into a temporary folder and exits 1 when the
committed artifact differs (CI runs it). Only this module imports nltk and wordfreq: scoring reads
the compiled JSON.

Steps
1. Vocabulary: the project's curated terms plus WordNet multiword lemmas about the body and health
   states that are in common use (a SemCor count above zero, every word common in English).
2. Substitutes of each word: WordNet synonyms (every sense, as a spinner ignores sense), similar
   adjectives, hypernyms and small hyponym sets, re-inflected like the original word; plus the
   project's thesaurus of near-synonyms.
3. Variants: one or two substituted words per term. A variant is dropped when it is itself
   established usage: a vocabulary term, a WordNet lemma, a phrase in WordNet's glosses, or listed
   in ``legitimate.txt``.
4. Word statistics (wordfreq Zipf values) for single-word garbles and the term-free evidence, so
   that scoring needs neither nltk nor wordfreq.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import itertools
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from ..inflect import past, plural
from .lexicon import (
    ARTIFACT_FILE,
    SOURCE_FILES,
    read_legitimate,
    read_terms,
    read_thesaurus,
    term_tokens,
)
from .wordnet import DATABASE_FILES, WORDNET_DIR, open_wordnet

FORMAT_VERSION = 2
#: Lexicographer files whose common multiword lemmas (SemCor count above zero) join the vocabulary.
WORDNET_TERM_FILES = ("noun.body", "noun.state")
#: WordNet synsets whose multiword hyponyms join the vocabulary (diseases, symptoms, body parts, care).
WORDNET_HEALTH_ROOTS = (
    "disease.n.01",
    "symptom.n.01",
    "body_part.n.01",
    "medicine.n.02",
    "medical_care.n.01",
    "physiological_state.n.01",
    "pathology.n.02",
    "ill_health.n.01",
    "injury.n.01",
    "bodily_process.n.01",
    "medical_procedure.n.01",
    "medical_practitioner.n.01",
    "organ.n.01",
    "disorder.n.01",
)
MIN_TERM_WORD_ZIPF = 3.5
MIN_SUBSTITUTE_ZIPF = 1.5  # spinners draw on real dictionary words, not on WordNet's rarest lemmas
MAX_HYPONYMS = 12  # larger hyponym sets are categories, not near-synonyms
MAX_VARIANTS_PER_TERM = 1500
#: A variant built with WordNet substitutes needs one substitute at most this common (Zipf).
WORDNET_MAX_ZIPF = 4.0
#: Term-free evidence: a substitute rarer than this in English, and this much rarer than its original.
ODD_MAX_ZIPF = 3.5
ODD_GAP = 1.5
#: ... and seen at most this often in the clean health writing of the attestation corpus.
ODD_MAX_HEALTH_COUNT = 3

# Function words never stand for a content word; a variant made of them is noise.
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "and",
        "or",
        "but",
        "as",
        "is",
        "are",
        "be",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "not",
        "no",
        "so",
        "if",
        "than",
        "then",
        "very",
        "can",
        "may",
        "will",
        "one",
        "all",
        "any",
        "some",
        "such",
    ]
)


# --------------------------------------------------------------------------------------------------
# hashing (the manifest) — cheap, no nltk


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def input_hashes(wordnet_dir: Path = WORDNET_DIR) -> dict[str, str]:
    """sha256 of every input of the build: the project's lexicons, this code, and the WordNet files."""
    out = {f"lexicon/{p.name}": _sha256(p) for p in SOURCE_FILES}
    here = Path(__file__).resolve().parent
    for name in ("build.py", "lexicon.py", "wordnet.py"):
        out[f"code/{name}"] = _sha256(here / name)
    out["code/inflect.py"] = _sha256(here.parent / "inflect.py")  # the substitutes' inflection
    for name in DATABASE_FILES:
        p = wordnet_dir / name
        out[f"wordnet/{name}"] = _sha256(p) if p.exists() else "absent"
    from ..resources import shared_dir

    shared = shared_dir()
    for rel, _column in ATTESTATION_FILES:
        p = shared / rel if shared is not None else None
        out[f"shared/{rel}"] = _sha256(p) if p is not None and p.exists() else "absent"
    return out


def _library_versions() -> dict[str, str]:
    from importlib.metadata import version

    return {name: version(name) for name in ("nltk", "wordfreq")}


# --------------------------------------------------------------------------------------------------
# inflection: a substitute takes the form of the word it replaces


def _inflect(sub: str, form: str) -> str:
    """Apply ``form`` (``plural``, ``past`` or ``base``) to the last word of ``sub``."""
    if form == "base":
        return sub
    head, _, last = sub.rpartition(" ")
    last = plural(last) if form == "plural" else past(last)
    return f"{head} {last}" if head else last


class _Substitutes:
    """Spinner-style substitutes of one word, from WordNet and the project thesaurus (memoised)."""

    def __init__(self, wn: Any, thesaurus: dict[str, list[str]], zipf: Any) -> None:
        self.wn = wn
        self.thesaurus = thesaurus
        self.zipf = zipf
        self._cache: dict[str, dict[str, str]] = {}

    def __call__(self, word: str) -> dict[str, str]:
        if word not in self._cache:
            self._cache[word] = self._compute(word)
        return self._cache[word]

    def close(self, word: str) -> list[str]:
        """Substitutes that share a WordNet synset with ``word`` or come from the thesaurus (no hypernyms)."""
        out = list(self.thesaurus.get(word, []))
        for base, pos, form in self._forms(word):
            for syn in self.wn.synsets(base, pos):
                out.extend(_inflect(n.replace("_", " ").lower(), form) for n in syn.lemma_names())
        return sorted(s for s in set(out) if s != word and s.isalpha())

    def _forms(self, word: str) -> list[tuple[str, str, str]]:
        """(base, WordNet pos, inflection form) readings of ``word``."""
        wn = self.wn
        out = []
        for pos in ("n", "v", "a", "r"):
            base = wn.morphy(word, pos)
            if base is None:
                continue
            if base == word:
                out.append((base, pos, "base"))
            elif pos == "n":
                out.append((base, pos, "plural"))
            elif pos == "v" and word.endswith("ed"):
                out.append((base, pos, "past"))
        return out

    def _compute(self, word: str) -> dict[str, str]:
        subs: dict[str, str] = {}  # substitute → source ("wordnet" or "thesaurus")
        for sub in self.thesaurus.get(word, []):
            subs.setdefault(sub, "thesaurus")
        for base, pos, form in self._forms(word):
            for sub in self.thesaurus.get(base, []) if base != word else []:
                subs.setdefault(_inflect(sub, form), "thesaurus")
            for syn in self.wn.synsets(base, pos):
                related = [syn, *syn.similar_tos(), *syn.also_sees(), *syn.hypernyms()]
                hypo = syn.hyponyms()
                if len(hypo) <= MAX_HYPONYMS:
                    related.extend(hypo)
                for rel in related:
                    for lemma in rel.lemma_names():
                        sub = lemma.replace("_", " ").lower()
                        subs.setdefault(_inflect(sub, form), "wordnet")
        clean: dict[str, str] = {}
        for sub, source in subs.items():
            parts = sub.split()
            if sub == word or not all(p.isalpha() for p in parts) or len(parts) > 2:
                continue
            if parts[0] in _STOP or (len(parts) == 1 and parts[0] in _STOP):
                continue
            if source == "wordnet" and min(self.zipf(p) for p in parts) < MIN_SUBSTITUTE_ZIPF:
                continue
            clean[sub] = source
        # Sorted so that the artifact is byte-identical across runs (nltk returns some relations from sets).
        return dict(sorted(clean.items(), key=lambda kv: (kv[1] != "thesaurus", kv[0])))


# --------------------------------------------------------------------------------------------------
# vocabulary and established usage


def _wordnet_terms(wn: Any, zipf: Any) -> list[str]:
    """WordNet's multiword lemmas about health (under a medical root, or about the body or a state).

    Only lower-case lemmas (no names) whose every word is common English: spinners garble the
    consumer vocabulary, and rare-word terms would only add variants nobody writes.
    """
    roots = {wn.synset(name) for name in WORDNET_HEALTH_ROOTS}
    out = []
    for syn in wn.all_synsets("n"):
        if syn.instance_hypernyms():
            continue
        in_health = syn in roots or bool(roots.intersection(syn.closure(lambda s: s.hypernyms())))
        common_state = syn.lexname() in WORDNET_TERM_FILES
        if not (in_health or common_state):
            continue
        for lemma in syn.lemmas():
            name = lemma.name()
            words = name.split("_")
            if name != name.lower() or len(words) < 2 or not all(w.isalpha() for w in words):
                continue
            if lemma.count() == 0:  # established means attested in WordNet's sense-tagged corpus
                continue
            if min(zipf(w) for w in words) < MIN_TERM_WORD_ZIPF:
                continue
            out.append(" ".join(words))
    return sorted(set(out))


def _established(wn: Any) -> tuple[set[str], set[str]]:
    """WordNet's multiword lemmas, and every word bigram of its glosses and examples."""
    lemmas: set[str] = set()
    bigrams: set[str] = set()
    for syn in wn.all_synsets():
        for name in syn.lemma_names():
            if "_" in name or "-" in name:
                lemmas.add(name.replace("_", " ").replace("-", " ").lower())
        for text in (syn.definition(), *syn.examples()):
            words = [w.strip(".,;:()'\"`!?") for w in text.lower().split()]
            bigrams.update(f"{a} {b}" for a, b in itertools.pairwise(words) if a and b)
    return lemmas, bigrams


#: Clean health writing (press releases, evidence passages) whose phrases count as established usage.
#: Only used to *drop* variants; no text from it is stored. Paths are relative to ``../shared``.
ATTESTATION_FILES = (
    ("datasets/credibility/healthrelease_criteria.csv", "text"),
    ("datasets/claims/healthver/healthver_dev.csv", "evidence"),
    ("datasets/claims/healthver/healthver_test.csv", "evidence"),
    ("datasets/claims/healthfc/healthfc_Datensatz.csv", "en_explanation"),
    ("datasets/claims/healthfc/healthfc_Datensatz.csv", "en_top_sentences"),
)


def _attested_ngrams(shared: Path | None) -> tuple[set[str], Counter[str]]:
    """Every 2- to 4-word sequence of the attestation corpus, and its word counts (empty without ``../shared``)."""
    import csv

    from .lexicon import tokens

    grams: set[str] = set()
    counts: Counter[str] = Counter()
    if shared is None:
        return grams, counts
    csv.field_size_limit(1 << 30)
    for rel, column in ATTESTATION_FILES:
        path = shared / rel
        if not path.exists():
            continue
        with open(path, newline="", encoding="utf-8-sig") as fh:
            for row in csv.DictReader(fh):
                toks = tokens(row.get(column) or "")
                counts.update(toks)
                for n in (2, 3, 4):
                    grams.update(" ".join(toks[i : i + n]) for i in range(len(toks) - n + 1))
    return grams, counts


def _is_established(variant_tokens: list[str], changed: set[int], lemmas: set[str], bigrams: set[str]) -> bool:
    """True when the substituted words sit in a phrase that WordNet attests as ordinary usage."""
    joined = " ".join(variant_tokens)
    if joined in lemmas:
        return True
    pairs = [
        f"{variant_tokens[i]} {variant_tokens[i + 1]}"
        for i in range(len(variant_tokens) - 1)
        if i in changed or i + 1 in changed
    ]
    return bool(pairs) and all(p in bigrams or p in lemmas for p in pairs)


def _join(parts: list[str], seps: list[str], changed: set[int]) -> str:
    """Rejoin tokens: a hyphen survives only between two unchanged words (spinners drop it)."""
    out = [parts[0]]
    for i in range(1, len(parts)):
        sep = seps[i - 1]
        if sep == "-" and (i in changed or i - 1 in changed):
            sep = " "
        out.append(sep + parts[i])
    return "".join(out)


def _separators(term: str, toks: list[str]) -> list[str]:
    seps, i = [], 0
    for a, b in itertools.pairwise(toks):
        i = term.index(a, i) + len(a)
        j = term.index(b, i)
        seps.append("-" if "-" in term[i:j] else " ")
        i = j
    return seps


# --------------------------------------------------------------------------------------------------
# the build


def build(out_path: Path = ARTIFACT_FILE, wordnet_dir: Path = WORDNET_DIR) -> dict[str, Any]:
    """Build the artifact at ``out_path`` and return its manifest."""
    from wordfreq import zipf_frequency

    def zipf(w: str) -> float:
        return zipf_frequency(w, "en")

    wn = open_wordnet(wordnet_dir)
    curated = read_terms()
    terms = list(dict.fromkeys([*curated, *_wordnet_terms(wn, zipf)]))
    term_index = {t: i for i, t in enumerate(terms)}
    legit = read_legitimate()
    lemmas, bigrams = _established(wn)
    from ..resources import shared_dir

    shared = shared_dir()
    attested, health_counts = _attested_ngrams(shared)
    lemmas |= attested  # a variant written in clean health text is usage, not a garble
    bigrams |= {g for g in attested if g.count(" ") == 1}
    substitutes = _Substitutes(wn, read_thesaurus(), zipf)
    thesaurus = read_thesaurus()
    known = set(terms) | legit
    health_words = {w for t in terms for w in term_tokens(t)} - _STOP

    def units(term: str) -> list[str]:
        # A hyphenated compound that a thesaurus or WordNet knows ("short-term") is replaced whole.
        out: list[str] = []
        for chunk in term.split():
            if "-" in chunk and (chunk in thesaurus or wn.synsets(chunk)):
                out.append(chunk)
            else:
                out.extend(term_tokens(chunk))
        return out

    variants: dict[str, list[int]] = {}  # variant → [substituted words, thesaurus-only 0/1, *term indices]
    singles: dict[str, list[int]] = {}  # garbled single word → term indices it may stand for
    for t_idx, term in enumerate(terms):
        toks = units(term)
        if len(toks) == 1:
            for sub in substitutes(toks[0]):
                if " " not in sub and sub not in term_index:
                    singles.setdefault(sub, []).append(t_idx)
            continue
        seps = _separators(term, toks)
        options = [[(s, src) for s, src in substitutes(tok).items()] if tok not in _STOP else [] for tok in toks]
        made = 0
        for n_changed in (1, 2):
            for positions in itertools.combinations(range(len(toks)), n_changed):
                for combo in itertools.product(*(options[p] for p in positions)):
                    parts = list(toks)
                    for p, (sub, _src) in zip(positions, combo, strict=True):
                        parts[p] = sub
                    changed = set(positions)
                    variant = _join(parts, seps, changed)
                    if variant in known or variant.replace("-", " ") in known:
                        continue
                    if variant in variants:
                        if t_idx not in variants[variant][2:]:
                            variants[variant].append(t_idx)
                        continue
                    flat = " ".join(parts).replace("-", " ").split()
                    if _is_established(flat, {i for i, w in enumerate(flat) if w not in toks}, lemmas, bigrams):
                        continue
                    thesaurus_only = int(all(src == "thesaurus" for _s, src in combo))
                    # WordNet's relations also yield fluent rewordings ("help groups"): a WordNet
                    # variant needs at least one uncommon substitute to read as tortured.
                    if (
                        not thesaurus_only
                        and min(zipf(w) for sub, _src in combo for w in sub.split()) > WORDNET_MAX_ZIPF
                    ):
                        continue
                    # Health words for health words ("sleep problem", "medicine test") is rewording
                    # within the register, not a tortured phrase: one substitute must come from outside.
                    if all(w in health_words for sub, _src in combo for w in sub.split()):
                        continue
                    variants[variant] = [n_changed, thesaurus_only, t_idx]
                    made += 1
                    if made >= MAX_VARIANTS_PER_TERM:
                        break
                if made >= MAX_VARIANTS_PER_TERM:
                    break

    # Word statistics for the evidence that needs no known term.
    term_words = sorted({w for t in terms for w in term_tokens(t)} - _STOP)
    word_terms: dict[str, list[int]] = {}
    for t_idx, term in enumerate(terms):
        for w in term_tokens(term):
            if w not in _STOP:
                word_terms.setdefault(w, []).append(t_idx)
    odd: dict[str, list[Any]] = {}
    for original in term_words:
        z_orig = zipf(original)
        for sub in substitutes.close(original):
            if " " in sub or sub in word_terms or sub in _STOP:
                continue
            z_sub = zipf(sub)
            # Rare in English and rare in clean health writing: a word health writers use
            # ("disordered breathing") is no stand-in, however rare it is elsewhere.
            if health_counts[sub] > ODD_MAX_HEALTH_COUNT:
                continue
            if z_sub <= ODD_MAX_ZIPF and z_sub <= z_orig - ODD_GAP:
                odd.setdefault(sub, []).append([original, round(z_sub, 2), round(z_orig, 2)])
    zipfs = {w: round(zipf(w), 2) for w in set(singles) | set(term_words)}

    manifest = {
        "format": FORMAT_VERSION,
        "command": "python -m classifier.garble.build",
        "inputs": input_hashes(wordnet_dir),
        "libraries": _library_versions(),
        "counts": {
            "terms": len(terms),
            "curated_terms": len(curated),
            "variants": len(variants),
            "single_word_garbles": len(singles),
            "odd_words": len(odd),
        },
    }
    data = {
        "manifest": manifest,
        "terms": terms,
        "variants": _group_variants(variants),
        "singles": singles,
        "word_terms": word_terms,
        "odd": odd,
        "zipf": zipfs,
    }
    out_path.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    # mtime=0 keeps the gzip bytes reproducible, so --check can compare files.
    with open(out_path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as gz:
        gz.write(payload)
    return manifest


def _group_variants(variants: dict[str, list[int]]) -> list[list[Any]]:
    """Variants grouped by their (substitutions, thesaurus-only, terms) record, keys joined by newlines.

    The grouped form loads into a dictionary at C speed (``dict.fromkeys`` per group) and keeps the
    artifact small; a per-variant JSON record took seconds to load and hundreds of MB to hold.
    """
    groups: dict[tuple[int, ...], list[str]] = {}
    for key, record in variants.items():
        groups.setdefault(tuple(record), []).append(key)
    return [[list(rec), "\n".join(sorted(keys))] for rec, keys in sorted(groups.items())]


def check(artifact: Path = ARTIFACT_FILE, wordnet_dir: Path = WORDNET_DIR) -> list[str]:
    """Rebuild into a temporary folder; the list of differences from ``artifact`` (empty when fresh)."""
    if not artifact.exists():
        return [f"{artifact} is missing"]
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / artifact.name
        build(fresh, wordnet_dir)
        a = json.loads(gzip.decompress(artifact.read_bytes()))
        b = json.loads(gzip.decompress(fresh.read_bytes()))
    problems = []
    for key in sorted(set(a) | set(b)):
        if a.get(key) != b.get(key):
            problems.append(f"section {key!r} differs from a fresh build")
    return problems


def stale_inputs(artifact: Path = ARTIFACT_FILE, wordnet_dir: Path = WORDNET_DIR) -> list[str]:
    """Inputs whose sha256 differs from the one in the artifact manifest (the cheap staleness check)."""
    manifest = json.loads(gzip.decompress(artifact.read_bytes()))["manifest"]
    current = input_hashes(wordnet_dir)
    recorded = manifest.get("inputs", {})
    return sorted(k for k in set(current) | set(recorded) if current.get(k) != recorded.get(k))


def main(argv: list[str] | None = None) -> int:
    """Command line: build the artifact, or with ``--check`` verify that the committed one is fresh."""
    parser = argparse.ArgumentParser(prog="python -m classifier.garble.build", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="rebuild in a temporary folder and compare (exit 1 if stale)"
    )
    parser.add_argument("--wordnet", type=Path, default=WORDNET_DIR, help="WordNet 3.0 database folder")
    parser.add_argument("--out", type=Path, default=ARTIFACT_FILE, help="artifact path")
    args = parser.parse_args(argv)
    if args.check:
        problems = stale_inputs(args.out, args.wordnet) + check(args.out, args.wordnet)
        for p in problems:
            print(f"stale: {p}", file=sys.stderr)
        if problems:
            print("rebuild with: python -m classifier.garble.build", file=sys.stderr)
            return 1
        print(f"{args.out} is up to date")
        return 0
    manifest = build(args.out, args.wordnet)
    print(json.dumps(manifest["counts"]), f"→ {args.out} ({args.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
