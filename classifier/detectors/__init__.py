"""Detectors: small classes with a ``name`` and ``detect(page) -> list[Flag]``, listed in one registry.

Each family module exposes a ``DETECTORS`` tuple of instances; :data:`REGISTRY` chains them in a fixed
order so that flags come out in the same order on every run. Detectors are stateless after
construction (compiled patterns and automata are built once at import), so one instance serves every
page and every worker.
"""

from __future__ import annotations

from .base import Detector, make_flag
from .commercial import DETECTORS as _COMMERCIAL
from .garble import DETECTORS as _GARBLE
from .page_residue import DETECTORS as _PAGE
from .provenance import DETECTORS as _PROVENANCE

REGISTRY: tuple[Detector, ...] = (*_PAGE, *_COMMERCIAL, *_GARBLE, *_PROVENANCE)


def by_name(names: tuple[str, ...] | None = None) -> tuple[Detector, ...]:
    """The registered detectors, or only those named (an unknown name is an error that lists the known ones)."""
    if names is None:
        return REGISTRY
    known = {d.name: d for d in REGISTRY}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ValueError(f"unknown detector(s) {unknown}; known: {sorted(known)}")
    return tuple(known[n] for n in names)


__all__ = ["REGISTRY", "Detector", "by_name", "make_flag"]
