"""Where the bundled corpus and models live, in a source checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent


def _first(*candidates: Path) -> Path:
    for c in candidates:
        if c.exists():
            return c
    return candidates[0]


#: ``corpus/`` at the repository root in a checkout; ``classifier/_corpus`` in an installed wheel.
CORPUS_DIR = _first(_PKG.parent / "corpus", _PKG / "_corpus")
MODELS_DIR = _first(_PKG.parent / "models", _PKG / "_models")
FACTS_DIR = CORPUS_DIR / "facts"
LEXICONS_DIR = CORPUS_DIR / "lexicons"


def shared_dir() -> Path | None:
    """``../shared`` beside the project when present (training and evaluation data), else ``None``."""
    p = _PKG.parent.parent / "shared"
    return p if p.is_dir() else None


def require_extra(module: str, extra: str):  # noqa: ANN201 - returns a module
    """Import an optional dependency, or fail with the pip command that installs it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(
            f"{module!r} is needed for this feature; install it with: pip install 'healthcred[{extra}]'"
        ) from exc
