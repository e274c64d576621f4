"""The vectorised language identifier decides exactly as py3langid does."""

from __future__ import annotations

import random

import pytest

py3langid = pytest.importorskip("py3langid")

from classifier import langid  # noqa: E402

SAMPLES = [
    "Take one tablet twice a day with food, and ask your doctor before you stop.",
    "Nehmen Sie eine Tablette zweimal täglich mit dem Essen ein.",
    "Prenez un comprimé deux fois par jour au cours du repas.",
    "Tome un comprimido dos veces al día con la comida.",
    "Assuma una compressa due volte al giorno durante i pasti.",
    "Принимайте по одной таблетке два раза в день во время еды.",
    "每天两次，每次一片，随餐服用。",
    "食事と一緒に一日二回一錠を服用してください。",
    "BUY CHEAP PILLS ONLINE NO PRESCRIPTION NEEDED",
    "a", "!!", "12345", "ok ok ok", "\ufffd\ufffd", "e\u0301te\u0301",
]


def _random_texts(n: int) -> list[str]:
    rng = random.Random(7)
    pools = [(32, 126), (0xA0, 0x17F), (0x370, 0x4FF), (0x4E00, 0x9FFF), (0x1F300, 0x1F5FF)]
    out = []
    for _ in range(n):
        lo, hi = rng.choice(pools)
        out.append("".join(chr(rng.randint(lo, hi)) if rng.random() < 0.8 else " " for _ in range(rng.randint(1, 400))))
    return out


@pytest.mark.parametrize("text", SAMPLES)
def test_same_language_as_py3langid(text: str) -> None:
    assert langid.classify(text) == py3langid.classify(text)[0]


def test_same_language_on_random_text() -> None:
    texts = _random_texts(300)
    texts += [SAMPLES[0] * 40, (SAMPLES[1] + " ") * 30, SAMPLES[5][::-1]]
    assert [langid.classify(t) for t in texts] == [py3langid.classify(t)[0] for t in texts]


def test_fast_path_in_use_only_for_a_verified_model() -> None:
    ident = py3langid.langid._get_identifier()
    window = langid._VERIFIED_WINDOWS.get(langid.model_crc(ident))
    if window is None:
        pytest.skip("py3langid ships a model not verified here: its own walk is used")
    assert isinstance(langid._identifier(), langid._FastIdentifier)
    # The window the vectorised walk relies on, re-derived from the model (every pair of states).
    assert langid.dfa_window(ident) == window
