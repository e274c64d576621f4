"""English inflection for the few regular forms the project generates: a plural or third-person ``-s``, a past
``-ed`` and a gerund ``-ing``. Shared by the garble builder (a substitute takes the form of the word it
replaces) and the fact index (a forbidden action in any of its forms)."""

from __future__ import annotations


def plural(word: str) -> str:
    """"crush" -> "crushes", "pill" -> "pills", "fly" -> "flies"; also a verb's third person."""
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def past(word: str) -> str:
    """"crush" -> "crushed", "dissolve" -> "dissolved", "apply" -> "applied" (regular verbs only)."""
    if word.endswith("e"):
        return word + "d"
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ied"
    return word + "ed"


def gerund(word: str) -> str:
    """"crush" -> "crushing", "dissolve" -> "dissolving", "cut" -> "cutting" (a short consonant-vowel-consonant
    verb doubles its last letter)."""
    if word.endswith("e") and not word.endswith("ee"):
        return word[:-1] + "ing"
    if len(word) <= 5 and len(word) >= 3 and word[-1] in "tpgn" and word[-2] in "aeiou" and word[-3] not in "aeiou":
        return word + word[-1] + "ing"
    return word + "ing"
