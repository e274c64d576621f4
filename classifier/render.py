"""HTML renderings of a report (placeholder until the reports issue lands)."""

from __future__ import annotations

import html

from .results import Report


def report_html(report: Report) -> str:
    return f"<pre>{html.escape(report.text)}</pre>"


def write_report_html(report: Report, path: str) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(report_html(report))
