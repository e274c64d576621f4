"""Result objects: what a caller gets back. Frozen so that a report can be cached and shared safely."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

STATUSES = ("ok", "skipped", "error")
BANDS = ("credible", "questionable", "unreliable")
VERDICTS = ("supported", "contradicted", "unsupported")

#: Column order of :meth:`Report.to_row`; the output schema of every writer.
ROW_COLUMNS = (
    "id",
    "url",
    "status",
    "reason",
    "score",
    "band",
    "n_flags",
    "flag_codes",
    "n_supported",
    "n_contradicted",
    "n_unsupported",
    "title",
    "language",
    "n_words",
    "explanation",
    "flags",
    "claims",
)


@dataclass(frozen=True, slots=True)
class Flag:
    """One problem found on a page, with the exact text that shows it.

    ``evidence == text[start:end]`` where ``text`` is the parsed page text (:attr:`Report.text`).
    """

    code: str
    start: int
    end: int
    evidence: str
    severity: float
    message: str

    @property
    def family(self) -> str:
        return self.code.split(".", 1)[0]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ClaimCheck:
    """A sentence that claims something about a drug, compared with the reference facts."""

    start: int
    end: int
    text: str
    drug: str
    verdict: str
    fact_id: str | None
    source: str | None
    claim_type: str = ""
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Report:
    """Everything healthcred says about one page.

    ``score`` is the calibrated probability that the page is credible; ``band`` cuts it at the
    thresholds in the model manifest. ``status`` is ``ok``, ``skipped`` (not scoreable, e.g. not
    English) or ``error``; ``reason`` says why for the latter two.
    """

    id: str
    url: str | None
    status: str
    reason: str | None
    score: float | None
    band: str | None
    flags: tuple[Flag, ...] = ()
    claims: tuple[ClaimCheck, ...] = ()
    text: str = ""
    title: str | None = None
    language: str | None = None
    n_words: int = 0
    explanation: tuple[str, ...] = ()
    details: Mapping[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def flags_with(self, prefix: str) -> tuple[Flag, ...]:
        """Flags whose code equals ``prefix`` or starts with ``prefix + '.'``."""
        return tuple(f for f in self.flags if f.code == prefix or f.code.startswith(prefix + "."))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready nested dictionary (flags and claims as lists of dicts)."""
        return {
            "id": self.id,
            "url": self.url,
            "status": self.status,
            "reason": self.reason,
            "score": self.score,
            "band": self.band,
            "title": self.title,
            "language": self.language,
            "n_words": self.n_words,
            "explanation": list(self.explanation),
            "details": dict(self.details),
            "flags": [f.to_dict() for f in self.flags],
            "claims": [c.to_dict() for c in self.claims],
            "text": self.text,
        }

    def to_row(self) -> dict[str, Any]:
        """A flat row for tables (CSV, Parquet, pandas); flags and claims as JSON strings."""
        verdicts = [c.verdict for c in self.claims]
        return {
            "id": self.id,
            "url": self.url,
            "status": self.status,
            "reason": self.reason,
            "score": None if self.score is None or math.isnan(self.score) else float(self.score),
            "band": self.band,
            "n_flags": len(self.flags),
            "flag_codes": ";".join(sorted({f.code for f in self.flags})),
            "n_supported": verdicts.count("supported"),
            "n_contradicted": verdicts.count("contradicted"),
            "n_unsupported": verdicts.count("unsupported"),
            "title": self.title,
            "language": self.language,
            "n_words": self.n_words,
            "explanation": " | ".join(self.explanation),
            "flags": json.dumps([f.to_dict() for f in self.flags], ensure_ascii=False),
            "claims": json.dumps([c.to_dict() for c in self.claims], ensure_ascii=False),
        }

    @classmethod
    def failed(cls, id: str, url: str | None, reason: str, *, status: str = "error") -> Report:
        """A row for a record that could not be read or scored: nothing is lost, the reason is kept."""
        return cls(id=id, url=url, status=status, reason=reason, score=None, band=None)


def _render_methods() -> None:
    """Attach the HTML renderings (kept in ``render`` so that results stay light to import)."""

    def _repr_html_(self: Report) -> str:
        from .render import report_html

        return report_html(self)

    def write_html(self: Report, path: str) -> None:
        """Write this report as a self-contained HTML page."""
        from .render import write_report_html

        write_report_html(self, path)

    Report._repr_html_ = _repr_html_  # type: ignore[attr-defined]
    Report.write_html = write_html  # type: ignore[attr-defined]


_render_methods()
