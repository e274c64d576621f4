"""One options object for the whole pipeline, built from CLI arguments in one place (:func:`from_args`)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_TIMEOUT = 20.0


@dataclass(frozen=True)
class Options:
    """Settings for scoring.

    Parameters
    ----------
    max_bytes : int
        Pages larger than this (raw bytes or UTF-8 of a str) get ``status="error", reason="too_large"``.
    timeout : float
        Seconds one page may take; past it the page gets ``reason="timeout"``. Checked between stages.
    facts_dirs : tuple of Path
        Extra directories of reference-fact files, read after the bundled ``corpus/facts``.
    model_path : Path or None
        A model file other than the bundled one; its manifest must sit beside it.
    trust_model : bool
        Needed to load a model from outside the package: joblib loading runs code.
    languages : tuple of str
        Languages the model was built for; other pages are ``skipped``.
    min_words : int
        Pages with fewer words are ``skipped`` (``reason="too_short"``).
    detectors : tuple of str or None
        Restrict detection to these detector names (``None`` = all).
    keep_text : bool
        Keep the parsed text in the report (needed for evidence; turn off to save memory).
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = DEFAULT_TIMEOUT
    facts_dirs: tuple[Path, ...] = ()
    model_path: Path | None = None
    trust_model: bool = False
    languages: tuple[str, ...] = ("en",)
    min_words: int = 20
    detectors: tuple[str, ...] | None = None
    keep_text: bool = True
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        if not isinstance(self.max_bytes, int) or self.max_bytes <= 0:
            raise ValueError(f"max_bytes must be a positive integer, got {self.max_bytes!r}")
        if not (isinstance(self.timeout, (int, float)) and self.timeout > 0):
            raise ValueError(f"timeout must be a positive number of seconds, got {self.timeout!r}")
        if self.min_words < 0:
            raise ValueError(f"min_words must be >= 0, got {self.min_words!r}")
        object.__setattr__(self, "facts_dirs", tuple(Path(p) for p in self.facts_dirs))
        if self.model_path is not None:
            object.__setattr__(self, "model_path", Path(self.model_path))

    def with_(self, **changes: Any) -> Options:
        return replace(self, **changes)


DEFAULT_OPTIONS = Options()


def from_args(args: Any) -> Options:
    """Build :class:`Options` from parsed CLI arguments (the one place that does it)."""
    kw: dict[str, Any] = {}
    for name in ("max_bytes", "timeout", "model_path", "trust_model", "min_words"):
        value = getattr(args, name, None)
        if value is not None:
            kw[name] = value
    if getattr(args, "facts", None):
        kw["facts_dirs"] = tuple(Path(p) for p in args.facts)
    if getattr(args, "detectors", None):
        kw["detectors"] = tuple(d.strip() for d in args.detectors.split(",") if d.strip())
    return Options(**kw)
