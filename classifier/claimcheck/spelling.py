"""Drug names as patients misspell them ("xanex", "klonipin", "flexaril", "zolpidum"), for the claim checker.

Forum posts and reviews are where many claims about a drug are made, and their writers spell by ear: a vowel
swapped, a letter doubled or dropped, "z" for an opening "x", "f" for "ph". A claim about "flexaril" is a claim
about cyclobenzaprine. The commercial detectors keep their own, narrower list (doubled and dropped letters,
``commercial_misspellings.json``), because there a misspelling may be a disguise and must not be confused with
an honest one.

The variants are written once, at build time, with every English word (``wordfreq`` Zipf frequency of 1 or
more, unless the name it comes from is ten times commoner) and every real drug name left out, so nothing is loaded at run time but a JSON list::

    python -c "from classifier.claimcheck.spelling import build; print(build())"
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from ..resources import LEXICONS_DIR

SPELLINGS_FILE = LEXICONS_DIR / "claims_misspellings.json"

_VOWELS = "aeiou"
#: Sound-alike swaps writers make ("fentermine", "klonopin" as "clonopin", "percoset").
_SOUNDS = (("ph", "f"), ("f", "ph"), ("c", "k"), ("k", "c"), ("ce", "se"), ("ci", "si"))
#: Shorter names have too many neighbours among ordinary words and other names.
_MIN_LEN = 5


def variants(name: str) -> set[str]:
    """One slip away from ``name``: a vowel swapped, a letter doubled or dropped, a sound-alike spelling.
    The first letter is kept (writers rarely miss it) except for an opening "x" heard as "z" or "ph" as "f";
    of the last letters only a silent "e" is dropped ("hydrocodon")."""
    out: set[str] = set()
    n = len(name)
    for i, ch in enumerate(name):
        if i and ch in _VOWELS + "y":
            out.update(name[:i] + v + name[i + 1:] for v in _VOWELS if v != ch)
        out.add(name[:i + 1] + ch + name[i + 1:])
        if 0 < i < n - 1 and ch != name[i - 1]:
            out.add(name[:i] + name[i + 1:])
    if name.endswith("e"):
        out.add(name[:-1])
    for a, b in _SOUNDS:
        i = name.find(a, 0 if a == "ph" else 1)
        while i != -1:
            out.add(name[:i] + b + name[i + len(a):])
            i = name.find(a, i + 1)
    if name.startswith("x"):
        out.add("z" + name[1:])
    out.discard(name)
    return out


def _names() -> dict[str, str]:
    """Every single-word generic and brand name of the drug dictionary, lower-cased: name -> drug id. Street
    names are slang already, and a slip away from slang is too often another word ("hydras", "bapes")."""
    from ..drugs import dictionary

    out: dict[str, str] = {}
    for drug in dictionary().drugs.values():
        for name in (drug.generic, *drug.brands):
            key = name.lower()
            if key.isalpha() and len(key) >= _MIN_LEN:
                out.setdefault(key, drug.id)
    return out


def build(path: Path = SPELLINGS_FILE) -> int:
    """Write the misspellings (spelling -> drug id); returns how many. Build time only (needs ``wordfreq``)."""
    import wordfreq

    from ..drugs import dictionary

    names = _names()
    known = {n.lower() for d in dictionary().drugs.values() for n in (d.generic, *d.brands, *d.street)}
    found: dict[str, set[str]] = {}
    source: dict[str, float] = {}
    for name, drug in names.items():
        for v in variants(name):
            if len(v) >= _MIN_LEN:
                found.setdefault(v, set()).add(drug)
                source[v] = max(source.get(v, 0.0), wordfreq.zipf_frequency(name, "en"))

    def rare(v: str) -> bool:
        # An English word is not a slip; but the web misspells drug names so often that "xanex" has a frequency
        # of its own, so a spelling ten times rarer than the name it comes from still counts ("narco" is
        # commoner than "norco"); short ones are left to the strict test.
        z = wordfreq.zipf_frequency(v, "en")
        return z < 1.0 or (len(v) > _MIN_LEN and z <= source[v] - 1.0)

    kept = {v: next(iter(ds)) for v, ds in sorted(found.items())
            # a spelling two drugs share says neither; a real name is not a slip
            if len(ds) == 1 and v not in known and rare(v)}
    doc = {
        "about": "Drug names one slip away (a vowel swapped, a letter doubled or dropped, ph/f, c/k, an opening x as z), "
                 "spelling -> drug id, built by classifier/claimcheck/spelling.py from corpus/lexicons/drugs.json; "
                 "spellings shared by two drugs, real drug names and words with a wordfreq English Zipf frequency of 1 "
                 "or more (unless the name it comes from is 1 higher still) are left out.",
        "misspellings": kept,
    }
    path.write_text(json.dumps(doc, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    return len(kept)


@lru_cache(maxsize=1)
def misspellings() -> dict[str, str]:
    """Spelling -> drug id (empty when the file is missing)."""
    if not SPELLINGS_FILE.exists():
        return {}
    return dict(json.loads(SPELLINGS_FILE.read_text(encoding="utf-8"))["misspellings"])
