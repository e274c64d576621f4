"""Reference facts per drug (placeholder interface until the facts issue lands)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class FactBase:
    """All reference facts, indexed by drug id."""

    drugs: dict[str, dict] = field(default_factory=dict)


def load_facts(extra_dirs: Sequence[Path] = ()) -> FactBase:
    return FactBase()
