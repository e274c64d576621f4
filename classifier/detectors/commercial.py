"""commercial detectors (placeholder until its issue lands)."""

from __future__ import annotations

from .base import Detector

DETECTORS: tuple[Detector, ...] = ()
