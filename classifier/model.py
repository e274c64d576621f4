"""Model: the calibrated credibility classifier (placeholder interface until the model issue lands)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .options import Options


@dataclass(frozen=True)
class Prediction:
    score: float | None
    band: str | None
    explanation: tuple[str, ...] = ()


class CredibilityModel:
    """Wraps the fitted pipeline, its thresholds and its manifest."""

    def predict(self, features: Mapping[str, float]) -> Prediction:
        return Prediction(None, None, ("no trained model yet",))


def load_model(options: Options) -> CredibilityModel:
    return CredibilityModel()
