"""The detector interface and the one way to build a flag (so that evidence always equals the span)."""

from __future__ import annotations

from typing import ClassVar

from ..page import Page
from ..results import Flag


class Detector:
    """Base class. Subclasses set ``name`` and ``family`` and implement :meth:`detect`.

    ``detect`` must not raise on any page: the orchestrator turns an exception into an error row, but a
    detector that fails loses the other detectors' findings for that page.
    """

    name: ClassVar[str] = ""
    family: ClassVar[str] = ""

    def detect(self, page: Page) -> list[Flag]:  # pragma: no cover - interface
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


def make_flag(page: Page, code: str, start: int, end: int, severity: float, message: str) -> Flag:
    """A :class:`Flag` whose evidence is exactly ``page.text[start:end]``.

    Leading and trailing white space is trimmed from the span so evidence reads cleanly.
    """
    text = page.text
    if not (0 <= start < end <= len(text)):
        raise ValueError(f"bad span {start}:{end} for text of length {len(text)} ({code})")
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    severity = min(1.0, max(0.0, float(severity)))
    return Flag(code=code, start=start, end=end, evidence=text[start:end], severity=severity, message=message)
