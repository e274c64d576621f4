"""Disguised drug names: look-alike characters, separators, invisible characters, doubled or dropped letters.

The finder is built once (names, misspellings, automaton); :mod:`.context` runs it once per page.
"""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ...page import Page
from ...resources import LEXICONS_DIR
from ...text import matches_at
from ._shared import _DRUGS, _RX


@dataclass(frozen=True, slots=True)
class _Disguise:
    """A disguised drug name: ``text[start:end]`` stands for ``name`` (of ``drug``), hidden by ``how``."""

    start: int
    end: int
    drug: str
    name: str
    how: str


# Look-alike characters that NFKC leaves alone: Cyrillic and Greek letters, and the digits and symbols
# spam uses for letters. Two folds because "1" stands for both "i" and "l".
_CONFUSABLE = {
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t",
    "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ɡ": "g", "ԛ": "q", "ԝ": "w", "ӏ": "l",
    "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x",
    "ү": "y", "ɑ": "a", "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "b",
}
_LEET_I = {"@": "a", "4": "a", "3": "e", "0": "o", "1": "i", "!": "i", "|": "l", "$": "s", "5": "s", "7": "t",
           "€": "e", "¡": "i"}
_LEET_L = {**_LEET_I, "1": "l"}
_SEPARATORS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"


# Letters drawn in circles or squares that NFKC leaves alone (the negative circled and negative squared capitals, 🅐 🅧,
# and the regional indicators 🇦 that pair into flags): code point ranges, each starting at "a". The plain circled and
# squared letters (Ⓐ ⓐ 🄰) NFKC reads as letters.
_ENCLOSED_RANGES = ((0x1F150, 0x1F169), (0x1F170, 0x1F189), (0x1F1E6, 0x1F1FF))
# A run of enclosed letters (with the variation selector emoji text puts after some): a word spelled in them
# ("🅧🅐🅝🅐🅧", "Ⓞⓧⓨⓒⓞⓓⓞⓝⓔ") is a name hidden from a keyword filter; no language writes words so.
_ENCLOSED_RUN = re.compile(r"(?:[\u24b6-\u24e9\U0001f130-\U0001f149\U0001f150-\U0001f169\U0001f170-\U0001f189"
                           r"\U0001f1e6-\U0001f1ff]\ufe0f?){4,24}")
# One enclosed letter anywhere: a plain class scan, far cheaper than trying the run at every position of a page
# that has none (most pages).
_ENCLOSED_ANY = re.compile(r"[\u24b6-\u24e9\U0001f130-\U0001f1ff]")
# Letters of the mathematical alphabets (bold, italic, script, fraktur, double-struck, sans-serif, monospace: U+1D400 to
# U+1D6A3), which NFKC reads as plain Latin letters. Social posts use them for emphasis, and spam writes a whole drug name
# in them ("\U0001d417\U0001d41a\U0001d427\U0001d41a\U0001d431") so that a keyword filter reading code points
# sees no name. No script writes words with them: a run that folds to a drug name is the name hidden. Runs touching
# ASCII letters ("X\U0001d41anax") are found by _MIXED already.
_MATH_RUN = re.compile(r"[\U0001d400-\U0001d6a3]{4,24}")
_MATH_ANY = re.compile(r"[\U0001d400-\U0001d6a3]")
# Letters stretched by repetition ("Oxyyycodone", "Xaaanax"): a name with one of its letters written three or four
# times in a row. English never triples a letter inside a word, so unlike doubled letters these need no word list.
_STRETCH = (3, 4)


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    """One character → one lower-case Latin letter where it is a look-alike, else itself (lower case)."""
    if ch.isascii():
        return ch.lower()
    cp = ord(ch)
    for first, last in _ENCLOSED_RANGES:
        if first <= cp <= last:
            return chr(ord("a") + cp - first)
    low = ch.lower()
    if low in _CONFUSABLE:
        return _CONFUSABLE[low]
    norm = unicodedata.normalize("NFKC", ch)
    if len(norm) == 1 and norm.isascii():
        return norm.lower()
    base = unicodedata.normalize("NFKD", norm)[:1]
    if base.isascii() and base.isalpha():
        return base.lower()
    if len(norm) == 1 and norm.lower() in _CONFUSABLE:
        return _CONFUSABLE[norm.lower()]
    return low[:1] or ch


def _fold(text: str, leet: dict[str, str]) -> str:
    """Same-length fold so that offsets in the folded text index the original."""
    chars = set(text)
    table = {ord(c): leet.get(c, _fold_char(c)) for c in chars if not c.isascii() or c in leet}
    return text.translate(table).lower() if table else text.lower()


# Places where a Latin letter touches a digit, a symbol or a non-ASCII letter, and runs of full-width
# forms: the only places a look-alike spelling can hide. Found in one pass and grown to the whole token,
# instead of folding every word of the page.
_ODD = r"(?:[0-9@$!|€¡]|[^\W\d_\x00-\x7f])"
# Read: an odd character with a Latin letter before or after it, or a run of 4+ full-width forms. Written
# to begin with one character class (every character that is not ASCII, plus ASCII digits and @$!|) so
# that the regex engine skips the plain ASCII text between candidates in C; 3-4x faster than the
# look-behind-first form, same matches.
_ODD_OR_WIDE = r"[^\x00-\x20\"#%-/:-?A-Z\[-`a-{}~]"
_MIXED = re.compile(
    _ODD_OR_WIDE + r"(?:(?<=" + _ODD + r")(?:(?<=[A-Za-z].)|(?=[A-Za-z]))|(?<=[\uff10-\uff5a])[\uff10-\uff5a]{3,})"
)
_TOKEN_CHARS = re.compile(r"[\w@$!|€¡]+")
_SEPARATOR_RUN = re.compile(r"[^\w@$!|€¡]|_")
# Pictographs and symbols spam also puts between the letters of a name ("A🔹d🔹d🔹e🔹r🔹a🔹l🔹l", "X★a★n★a★x"): arrows,
# geometric shapes, dingbats and the emoji planes, with the variation selector that follows many of them. No word
# holds one, so a name they split is as plainly disguised as one split by dots.
_SYMBOLS = "\u2190-\u21ff\u2300-\u23ff\u25a0-\u27bf\u2b00-\u2bff\ufe0f\U0001f000-\U0001faff"
# Up to three separator characters: a symbol with blanks either side ("A 🔹 d 🔹 d ...") or with its variation selector.
_SPACED = re.compile(r"(?<![\w@$])[A-Za-z](?:(?:[ .\-_*·•'/]|[\u200b-\u200d\u2060\ufeff\u00ad" + _SYMBOLS + r"]){1,3}"
                     r"[A-Za-z0-9@$!|]){3,}(?![\w@$])")
# Where a _SPACED match can begin, found from the character after it: a separator that follows a letter
# standing at a word start. Separators are rarer than letters, so this scan is cheaper than trying
# _SPACED at every character.
_SPACED_AT = re.compile(r"[ .\-_*·•'/\u200b-\u200d\u2060\ufeff\u00ad" + _SYMBOLS + r"](?<=(?<![\w@$])[A-Za-z].)")
# Letters split by a separator that English never puts inside a word (hyphens, dots and apostrophes
# between single letters are _SPACED's job; between longer pieces they are ordinary spelling).
_SPLIT = re.compile(r"(?<![\w@$])[\w@$!|]+(?:(?:[*·•_]|[\u200b-\u200d\u2060\ufeff\u00ad" + _SYMBOLS + r"])+[\w@$!|]+)+")
_SPLIT_CHARS = re.compile(r"[*·•_\u200b-\u200d\u2060\ufeff\u00ad" + _SYMBOLS + r"]")
# A run of the characters _SPLIT is made of; every _SPLIT match lies inside one run that holds a separator.
_SPLIT_RUN = re.compile(r"[\w@$!|*·•\u200b-\u200d\u2060\ufeff\u00ad" + _SYMBOLS + r"]*")
_SPLIT_RUN_EXTRA = frozenset("_@$!|*·•\u200b\u200c\u200d\u2060\ufeff\u00ad")
# The symbols are ranges, too many for the set: a character before a run is tested against them by this pattern.
_SYMBOL_CHAR = re.compile(r"[" + _SYMBOLS + r"]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_NOT_NAME = re.compile(r"[^a-z]")
_SELL_NEAR = re.compile(r"\b(?:buy|order|cheap|online|pills?|tablets?|tabs|\d+\s*mg|prescription|rx|pharmacy|shipping|"
                        r"delivery|price|sale)\b")


# Accented letters that ordinary words of one language carry several times over: French é, Spanish ñ, Portuguese ã õ
# and ç, German umlauts ("amphétamine", "éphédrine", "dañino"). Every other accent (stress marks á à â ..., diaereses ë ï,
# rings, carons) a word of any language carries at most once: "bupropión", "codéine", "tramadòl". Two or more of them,
# digits or symbols ("Xânâx", "Vïågrå", "Tr@mâdol") are accents stuffed where no language puts them.
_REPEATABLE_ACCENTS = frozenset("éñãõçäöü")


def _orthographic(surface: str) -> bool:
    """Whether a word whose only oddities are accented Latin letters reads as ordinary spelling in some language: all
    letters, none from another script, and at most one accent besides the repeatable ones (see ``_REPEATABLE_ACCENTS``)."""
    if not surface.isalpha():
        return False
    other = 0
    for ch in surface.lower():
        if ch.isascii():
            continue
        parts = unicodedata.normalize("NFD", ch)
        # a Latin letter with combining marks ("é" = "e" + U+0301); "ø", "ł", Cyrillic or Greek letters do not decompose so
        if len(parts) < 2 or not (parts[0].isascii() and parts[0].isalpha()) \
                or not all(unicodedata.combining(c) for c in parts[1:]):
            return False
        if ch not in _REPEATABLE_ACCENTS:
            other += 1
    return other <= 1


def _spaced_matches(text: str) -> Iterator[re.Match[str]]:
    """``_SPACED.finditer(text)``, tried only where ``_SPACED_AT`` says a match can begin."""
    return matches_at(_SPACED, text, (m.start() - 1 for m in _SPACED_AT.finditer(text)))


def _split_matches(text: str) -> Iterator[re.Match[str]]:
    """``_SPLIT.finditer(text)``, run only inside the runs of word characters that hold a separator.

    Scanning the whole page tries the pattern at every word (and backtracks through each); the
    separators are few (8 a page here), so their runs are found first and searched alone.
    """
    pos = 0
    extra = _SPLIT_RUN_EXTRA
    while True:
        sep = _SPLIT_CHARS.search(text, pos)
        if sep is None:
            return
        start = sep.start()
        while start > pos and (text[start - 1].isalnum() or text[start - 1] in extra
                               or _SYMBOL_CHAR.match(text[start - 1]) is not None):
            start -= 1
        end = _SPLIT_RUN.match(text, sep.start()).end()
        yield from _SPLIT.finditer(text, start, end)
        pos = end


def _names_single() -> dict[str, str]:
    """Plain names (letters only, 4+ characters) that a disguised spelling can be matched against."""
    return {n: d for n, d in _DRUGS.names(("generic", "brand")).items() if n.isalpha() and len(n) >= 4}


def _misspellings(names: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Doubled-letter and dropped-letter spellings of names of 5+ letters → (drug id, name).

    Only interior drops (the first and last letters stay: dropping the last letter of "lyrica" or "ultram"
    gives an English word) and only doubled letters that the name does not already have.
    """
    out: dict[str, tuple[str, str]] = {}
    for name, drug in names.items():
        # Long generic names are misspelled by honest writers too ("hydroxychlorquine"); spam disguises
        # the short brand and generic names it sells.
        if not 5 <= len(name) <= 9 or drug not in _RX:
            continue
        for i in range(len(name)):
            out.setdefault(name[: i + 1] + name[i] + name[i + 1 :], (drug, name))
            if 0 < i < len(name) - 1 and name[i] != name[i - 1]:
                out.setdefault(name[:i] + name[i + 1 :], (drug, name))
    for name in names:
        out.pop(name, None)
    return out


MISSPELLINGS_FILE = LEXICONS_DIR / "commercial_misspellings.json"


def build_misspellings(path: Path = MISSPELLINGS_FILE) -> int:
    """Write the doubled- and dropped-letter spellings of drug names, minus English words.

    Build-time only (``wordfreq`` costs ~0.4 s to load); rebuild after editing ``drugs.json`` with::

        python -c "from classifier.detectors.commercial import build_misspellings as b; print(b())"

    A variant that is a word or a name English
    writers use (Zipf frequency >= 1, e.g. "slice" from Sklice, "Arlen" from Aralen) is dropped.
    Returns the number of spellings written.
    """
    import wordfreq

    variants = _misspellings(_names_single())
    kept = {v: list(dn) for v, dn in sorted(variants.items()) if wordfreq.zipf_frequency(v, "en") < 1.0}
    doc = {
        "about": "Doubled- and dropped-letter spellings of drug names (spelling -> [drug id, name]), built by "
                 "build_misspellings() in classifier/detectors/commercial/disguise.py from corpus/lexicons/drugs.json; spellings with a "
                 "wordfreq English Zipf frequency of 1 or more are left out.",
        "misspellings": kept,
    }
    path.write_text(json.dumps(doc, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    return len(kept)


def _load_misspellings() -> dict[str, tuple[str, str]]:
    if not MISSPELLINGS_FILE.exists():
        return {}
    raw = json.loads(MISSPELLINGS_FILE.read_text(encoding="utf-8"))["misspellings"]
    return {v: (dn[0], dn[1]) for v, dn in raw.items() if dn[0] in _DRUGS}


class _DisguiseFinder:
    """Finds disguised drug names on a page (built once: the names and the misspelling automaton)."""

    def __init__(self) -> None:
        import ahocorasick

        self._lookalike_cache: dict[str, tuple[str, str, str] | None] = {}

        self._names = _names_single()
        # Generic names are adapted to each language's spelling; brands are trademarks, written alike everywhere.
        self._generics = frozenset(n for n in _DRUGS.names(("generic",)) if n in self._names)
        self._variants = _load_misspellings()
        self._auto = ahocorasick.Automaton()
        for variant, (drug, name) in self._variants.items():
            self._auto.add_word(variant, (len(variant), drug, name, "misspelled"))
        # Names written backwards ("lodamart" for tramadol): prescription names of 6+ letters, whose reversals read as
        # no word (checked with wordfreq when this was written: only "ravana", from Anavar, is one; a name that reverses
        # into itself or into another name is left out as well).
        self._reversed: dict[str, tuple[str, str]] = {}
        for name, drug in self._names.items():
            back = name[::-1]
            if len(name) >= 6 and drug in _RX and back != name and back not in self._names and back not in _REVERSED_WORDS:
                self._reversed[back] = (drug, name)
        # The misspellings' automaton finds them in the same pass (a regex over every long word cost 0.2 ms a page).
        for back, (drug, name) in self._reversed.items():
            if not self._auto.exists(back):
                self._auto.add_word(back, (len(back), drug, name, "backwards"))
        # Stretched names ride the same pass: one letter of a prescription name repeated to three or four in a row.
        # Read with the doubled ones' test (a capital or selling words near), so an emphatic "xanaaax" in a chat about
        # anxiety is no seller's disguise.
        for name, drug in self._names.items():
            if drug not in _RX:
                continue
            for i, ch in enumerate(name):
                if i and name[i - 1] == ch:
                    continue  # the run's first letter stands for it ("adderall": one stretch of "dd", not two)
                run = len(name) - i - len(name[i:].lstrip(ch))
                for k in _STRETCH:
                    if k > run:
                        stretched = name[:i] + ch * k + name[i + run:]
                        if not self._auto.exists(stretched):
                            self._auto.add_word(stretched, (len(stretched), drug, name, "stretched"))
        self._auto.make_automaton()

    def find(self, page: Page) -> tuple[_Disguise, ...]:
        """The disguised spellings on a page, in text order, without overlaps."""
        text = page.text
        hits: dict[tuple[int, int], tuple[str, str, str]] = {}
        done = -1
        for m in _MIXED.finditer(text):
            if m.start() < done:
                continue
            start = m.start()
            while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "@$!|€¡_"):
                start -= 1
            token = _TOKEN_CHARS.match(text, start)
            if token is None:
                continue
            done = token.end()
            self._lookalike(token.group(), start, hits)
        self._misspelled(text, page.lower, hits)
        for m in _ENCLOSED_RUN.finditer(text) if not text.isascii() and _ENCLOSED_ANY.search(text) else ():
            joined = _NOT_NAME.sub("", _fold(m.group(), {}))
            drug = self._names.get(joined)
            if drug:
                hits[(m.start(), m.end())] = (drug, joined, "letters drawn in circles or squares")
        # (one class scan tells whether the page holds such a letter; most pages hold none)
        for m in _MATH_RUN.finditer(text) if not text.isascii() and _MATH_ANY.search(text) else ():
            joined = _NOT_NAME.sub("", _fold(m.group(), {}))
            drug = self._names.get(joined)
            if drug and (m.start(), m.end()) not in hits:
                hits[(m.start(), m.end())] = (drug, joined, "letters from a mathematical alphabet")
        for m in itertools.chain(_spaced_matches(text), _split_matches(text)):
            joined = _NOT_NAME.sub("", _fold(_SEPARATOR_RUN.sub("", m.group()), _LEET_I))
            drug = self._names.get(joined)
            if drug and (m.start(), m.end()) not in hits:
                hits[(m.start(), m.end())] = (drug, joined, "letters split by separators or invisible characters")
        out: list[_Disguise] = []
        last_end = -1
        for (s, e), (drug, name, how) in sorted(hits.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
            if s >= last_end:
                out.append(_Disguise(s, e, drug, name, how))
                last_end = e
        return tuple(out)

    def _lookalike(self, surface: str, start: int, hits: dict) -> None:
        """A token mixing Latin letters with digits, symbols or other scripts that folds to a drug name."""
        # The answer depends on the token alone, and pages repeat tokens ("für", "2019"): remember it,
        # the length and letter checks included.
        cache = self._lookalike_cache
        if surface in cache:
            found = cache[surface]
        else:
            # Names are 4-20 characters; "H1N1", "1990s" or "5mg" cannot fold into one.
            fits = 4 <= len(surface) <= 20 and sum(ch.isalpha() for ch in surface) >= 2
            found = cache[surface] = self._resolve_lookalike(surface) if fits else None
            if len(cache) > 50_000:  # bounded: a hostile page must not grow it without limit
                cache.clear()
        if found is not None:
            hits[(start, start + len(surface))] = found

    def _resolve_lookalike(self, surface: str) -> tuple[str, str, str] | None:
        for leet in (_LEET_I, _LEET_L):
            folded = _fold(surface, leet)
            drug = self._names.get(folded)
            name = folded
            if drug is None and folded in self._variants:
                drug, name = self._variants[folded]
            if drug is None:
                continue
            if folded in self._generics and _orthographic(surface):
                return None  # "finastéride", "bupropión": how French and Spanish write the drug, not a disguise
            letters = sum(c.isascii() and c.isalpha() for c in surface)
            full_width = not surface.isascii() and unicodedata.normalize("NFKC", surface).isascii()
            # Latin and other-script letters inside one word ("Хаnах": four Cyrillic letters, one Latin)
            # are never ordinary spelling in any language.
            mixed = letters >= 1 and any(not c.isascii() and c.isalpha() for c in surface)
            # A word wholly in another script (a Russian page) is not a disguise; "50mA" is not "soma".
            if full_width or mixed or letters >= 3 or (letters >= 2 and surface[0].isalpha()):
                return (drug, name, "look-alike characters")
            return None
        return None

    def _misspelled(self, text: str, low: str, hits: dict) -> None:
        """Doubled-, dropped- or stretched-letter spellings, and names written backwards, in one automaton pass."""
        n = len(low)
        for end_idx, (length, drug, name, kind) in self._auto.iter(low):
            s, e = end_idx - length + 1, end_idx + 1
            if (s > 0 and low[s - 1].isalnum()) or (e < n and low[e].isalnum()) or (s, e) in hits:
                continue
            if kind == "backwards":
                # a name written backwards, beside selling words or a hint to read it so ("TRAMADOL spelled backwards")
                if _SELL_NEAR.search(low, max(0, s - 80), min(n, e + 80)) or _BACKWARDS_HINT.search(low, max(0, s - 80), min(n, e + 80)):
                    hits[(s, e)] = (drug, name, "the name written backwards")
                continue
            # Spam writes the misspelled name as a product (capitalised) or next to selling words; a
            # lower-case token elsewhere is more often code or an abbreviation ("nrco.controller").
            if not text[s].isupper() and not _SELL_NEAR.search(low, max(0, s - 40), min(n, e + 40)):
                continue
            hits[(s, e)] = (drug, name, "a letter stretched by repetition" if kind == "stretched" else "a letter doubled or dropped")


# Reversals of prescription names that are words or names (see _DisguiseFinder.__init__).
_REVERSED_WORDS = frozenset({"ravana"})
# A seller's hint that a word is to be read backwards.
_BACKWARDS_HINT = re.compile(r"\b(?:backwards?|reversed?|in\s+reverse|mirror(?:ed)?|flip(?:ped)?)\b")

_DISGUISES = _DisguiseFinder()
