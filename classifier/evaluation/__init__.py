"""Evaluations that reproduce the figures in the README: ``healthcred evaluate NAME [options]``.

Each submodule exposes ``main(argv: list[str] | None = None) -> int``; the CLI dispatches to it.
"""

from __future__ import annotations

EVALUATIONS = ("commercial", "garble", "facts", "model")
