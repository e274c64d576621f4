"""HTML rendering of one :class:`~classifier.results.Report`: highlighted evidence, claim checks, score.

The page text is cut into segments at every flag and claim boundary, so overlapping flags render
correctly: each segment is one ``<mark>`` that carries *all* the flags covering it (``data-flags``,
``data-codes``) and every message in its hover title. Families are told apart by colour *and* by a
symbol and an underline style, so the legend does not rely on colour alone.

Everything that comes from a page (text, title, URL, messages, evidence) is escaped: pages are hostile.
The output is self-contained (inline CSS, no scripts, no external resources); the full document sets a
Content-Security-Policy that forbids any fetch, so even a slip would not reach the network.
"""

from __future__ import annotations

import html
import os
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from .results import ClaimCheck, Flag, Report

#: Family → (symbol, label, underline style). The symbol and the underline style carry the family
#: without colour (colour-blind readers, grey-scale print).
FAMILIES: dict[str, tuple[str, str, str]] = {
    "commercial": ("$", "commercial: selling, pharmacy, lead generation", "solid"),
    "claims": ("!", "claims: contradicted, unsupported or one-sided", "wavy"),
    "garble": ("~", "garble: spun or tortured wording", "dotted"),
    "provenance": ("?", "provenance: author, date, sources, disclosure", "dashed"),
    "page": ("#", "page: scrape residue, length, language", "double"),
}
_OTHER = ("*", "other", "solid")
#: Zero-severity flags are markers a reader may want to see (a byline, a disclaimer), not problems:
#: they get their own look so that a credible page does not read as a flagged one.
_MARKER = ("✓", "credibility marker found (no penalty)", "solid")

VERDICT_SYMBOLS = {"supported": "✓", "contradicted": "✗", "unsupported": "?"}

#: Feature details shown under the score (the largest in absolute value first).
MAX_DETAILS = 15

REPORT_CSS = """
.hc-report,.hc-batch{--hc-commercial:#ffd8a8;--hc-commercial-line:#c25400;--hc-claims:#ffc9c9;--hc-claims-line:#c92a2a;
--hc-garble:#e5dbff;--hc-garble-line:#6741d9;--hc-provenance:#d0ebff;--hc-provenance-line:#1864ab;
--hc-page:#e9ecef;--hc-page-line:#495057;--hc-other:#fff3bf;--hc-other-line:#8f7400;
--hc-marker:#d3f9d8;--hc-marker-line:#2b8a3e}
.hc-report{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:14px;line-height:1.5;color:#212529;
background:#fff;border:1px solid #dee2e6;border-radius:6px;padding:12px 16px;max-width:100%;box-sizing:border-box}
.hc-report *{box-sizing:border-box}
.hc-report h2{font-size:1.25em;margin:0 0 4px}.hc-report h3{font-size:1.05em;margin:14px 0 6px}
.hc-meta{color:#495057;font-size:.9em;word-break:break-all}
.hc-score{display:flex;flex-wrap:wrap;align-items:center;gap:10px;margin:8px 0}
.hc-band{display:inline-block;padding:2px 10px;border-radius:12px;font-weight:600;border:2px solid}
.hc-band-credible{background:#d3f9d8;border-color:#2b8a3e;color:#1b5e20}
.hc-band-questionable{background:#fff3bf;border-color:#e67700;color:#7a4100}
.hc-band-unreliable{background:#ffe3e3;border-color:#c92a2a;color:#8a1c1c}
.hc-band-none{background:#f1f3f5;border-color:#868e96;color:#343a40;border-style:dashed}
.hc-status{font-weight:600}.hc-status-error{color:#c92a2a}.hc-status-skipped{color:#7a4100}
.hc-legend{display:flex;flex-wrap:wrap;gap:6px 14px;margin:6px 0;padding:0;list-style:none;font-size:.9em}
.hc-legend li{display:flex;align-items:center;gap:4px}
.hc-body{display:grid;grid-template-columns:minmax(0,3fr) minmax(15em,2fr);gap:16px;align-items:start}
@media (max-width:800px){.hc-body{grid-template-columns:minmax(0,1fr)}}
.hc-text{white-space:pre-wrap;word-wrap:break-word;font-family:Georgia,"Times New Roman",serif;font-size:15px;
max-height:70vh;overflow:auto;border:1px solid #e9ecef;padding:10px;border-radius:4px;background:#fff}
.hc-seg{color:inherit;text-decoration-line:underline;text-decoration-thickness:2px;text-underline-offset:3px;
padding:0 1px;border-radius:2px;background:transparent}
.hc-multi{outline:1px dashed #343a40}
.hc-sym{display:inline-block;min-width:1.3em;text-align:center;font:600 11px/1.3 ui-monospace,monospace;
border-radius:3px;padding:0 3px;color:#fff;text-decoration:none;vertical-align:super}
.hc-claim{border-bottom:1px dotted #868e96}
.hc-side{font-size:.9em;max-height:70vh;overflow:auto}
.hc-flags{margin:0;padding-left:0;list-style:none}
.hc-flags li{margin:0 0 8px;padding:4px 6px;border-left:4px solid;background:#f8f9fa}
.hc-code{font-family:ui-monospace,monospace;font-weight:600}
.hc-ev{display:block;color:#495057;font-style:italic;word-break:break-word}
.hc-report table{border-collapse:collapse;width:100%;font-size:.9em}
.hc-report th,.hc-report td{border:1px solid #dee2e6;padding:3px 6px;text-align:left;vertical-align:top}
.hc-report th{background:#f1f3f5}
.hc-verdict{font-weight:600;white-space:nowrap}
.hc-v-supported{color:#2b8a3e}.hc-v-contradicted{color:#c92a2a}.hc-v-unsupported{color:#7a4100}
.hc-note{color:#495057;font-size:.9em}
""" + "".join(
    f".hc-f-{fam}{{background:var(--hc-{fam});text-decoration-color:var(--hc-{fam}-line);"
    f"text-decoration-style:{style}}}.hc-s-{fam}{{background:var(--hc-{fam}-line)}}"
    f".hc-flags li.hc-l-{fam}{{border-left-color:var(--hc-{fam}-line)}}"
    for fam, (_, _, style) in (*FAMILIES.items(), ("other", _OTHER), ("marker", _MARKER))
)


# --------------------------------------------------------------------------------------------------
# public API


def report_html(report: Report) -> str:
    """The report as an HTML fragment with its own scoped style (what a notebook shows).

    Parameters
    ----------
    report : Report
        Any report, scored or not; ``status`` ``skipped``/``error`` and ``score=None`` render as such.

    Returns
    -------
    str
        A ``<div class="hc-report">`` with an inline ``<style>``; no scripts, no external resources.

    Examples
    --------
    >>> from classifier import Report
    >>> frag = report_html(Report("p1", None, "ok", None, None, None, text="<b>hi</b>"))
    >>> "&lt;b&gt;hi&lt;/b&gt;" in frag and "not scored" in frag
    True
    """
    _check_report(report)
    return f'<div class="hc-report"><style>{REPORT_CSS}</style>{report_body(report)}</div>'


def write_report_html(report: Report, path: str | os.PathLike[str]) -> None:
    """Write the report as a self-contained HTML document (UTF-8) at ``path``."""
    _check_report(report)
    title = report.title or report.id
    doc = page_document(f"healthcred: {title}", f'<div class="hc-report">{report_body(report)}</div>', css=REPORT_CSS)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(doc)


def page_document(title: str, body: str, *, css: str = "", script: str = "") -> str:
    """A complete HTML document around ``body`` whose policy forbids every external fetch.

    ``title`` is escaped here; ``body``, ``css`` and ``script`` must already be safe.
    """
    script_src = "'unsafe-inline'" if script else "'none'"
    csp = f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src {script_src}; base-uri 'none'; form-action 'none'"
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{_esc(title)}</title><style>{css}</style></head><body>{body}"
        + (f"<script>{script}</script>" if script else "")
        + "</body></html>\n"
    )


def report_body(report: Report, uid: str | None = None, *, legend: bool = True) -> str:
    """The inside of a report view (no style): header, score, legend, highlighted text, flags, claims.

    ``uid`` prefixes the element ids (flag anchors), so several reports can share one document;
    ``legend=False`` leaves the legend out for a document that shows it once (:func:`legend_html`).
    """
    uid = uid or "hc" + uuid.uuid4().hex[:8]
    parts = [_header(report), _score(report)]
    if legend and (report.flags or report.claims):
        parts.append(legend_html(report.flags))
    highlighted, placed = _highlighted_text(report, uid)
    parts.append(f'<div class="hc-body"><div class="hc-main">{highlighted}</div>'
                 f'<div class="hc-side">{_flag_list(report.flags, placed, uid)}</div></div>')
    parts.append(_claims_table(report.claims, uid))
    parts.append(_details(report))
    return "".join(parts)


def family_of(code: str) -> str:
    """The family of a flag code (the part before the first dot); unknown families map to ``other``."""
    fam = code.split(".", 1)[0]
    return fam if fam in FAMILIES else "other"


# --------------------------------------------------------------------------------------------------
# private computation


def _check_report(report: Report) -> None:
    if not isinstance(report, Report):
        raise TypeError(f"expected a classifier.Report, got {type(report).__name__}")


def _esc(s: object) -> str:
    return html.escape("" if s is None else str(s), quote=True)


def _header(r: Report) -> str:
    title = _esc(r.title) if r.title else f'{_esc(r.id)} <span class="hc-note">(no title)</span>'
    meta = [f"id {_esc(r.id)}"]
    if r.url:
        # Shown as text, never as a live link: the report must not send the reader to a hostile page.
        meta.append(f"<span class=\"hc-url\">{_esc(r.url)}</span>")
    if r.language:
        meta.append(f"language {_esc(r.language)}")
    meta.append(f"{r.n_words} words")
    return f"<h2>{title}</h2><div class=\"hc-meta\">{' · '.join(meta)}</div>"


def band_badge(band: str | None, score: float | None) -> str:
    """A badge with the band in words (colour is only a second cue); ``not scored`` when there is none."""
    if band is None or score is None:
        return '<span class="hc-band hc-band-none">not scored</span>'
    cls = band if band in ("credible", "questionable", "unreliable") else "none"
    return f'<span class="hc-band hc-band-{cls}">{_esc(band)}</span>'


def _score(r: Report) -> str:
    parts = []
    if r.status != "ok":
        parts.append(f'<span class="hc-status hc-status-{_esc(r.status)}">{_esc(r.status)}</span>')
        if r.reason:
            parts.append(f'<span class="hc-reason">{_esc(r.reason)}</span>')
    if r.score is None or r.score != r.score:  # None or NaN
        parts.append(band_badge(None, None))
    else:
        parts.append(f"<span>credibility score <strong>{r.score:.2f}</strong></span>{band_badge(r.band, r.score)}")
    counts = _family_counts(r.flags)
    markers = counts.pop("marker", 0)
    if counts:
        parts.append("<span>" + ", ".join(f"{n} {_esc(fam)}" for fam, n in counts.items()) + " flag(s)</span>")
    if markers:
        parts.append(f"<span>{markers} credibility marker(s)</span>")
    out = f'<div class="hc-score">{"".join(parts)}</div>'
    if r.explanation:
        items = "".join(f"<li>{_esc(e)}</li>" for e in r.explanation)
        out += f'<div class="hc-expl"><strong>What moved the score</strong><ul>{items}</ul></div>'
    return out


def _family_counts(flags: Iterable[Flag]) -> dict[str, int]:
    """Flags per look: family, or ``marker`` for zero-severity markers."""
    counts: dict[str, int] = {}
    for f in flags:
        fam = _look(f)
        counts[fam] = counts.get(fam, 0) + 1
    return counts


def symbol_html(code: str, severity: float) -> str:
    """The badge that stands for a flag code: its family's symbol, or ✓ for a zero-severity marker."""
    look = "marker" if severity <= 0 else family_of(code)
    return f'<span class="hc-sym hc-s-{look}" aria-label="{look}">{_esc(_sym(look))}</span>'


def _look(f: Flag) -> str:
    """How a flag is drawn: its family, or ``marker`` for a zero-severity credibility marker."""
    return "marker" if f.severity <= 0 else family_of(f.code)


def _sym(look: str) -> str:
    return _MARKER[0] if look == "marker" else FAMILIES.get(look, _OTHER)[0]


def legend_html(flags: Iterable[Flag] = ()) -> str:
    """The legend: every family with its symbol, underline and words (``other`` only when present)."""
    flags = tuple(flags)
    present = set(_family_counts(flags))
    items = []
    for fam, (sym, label, _) in (*FAMILIES.items(), ("other", _OTHER), ("marker", _MARKER)):
        if fam == "other" and fam not in present:
            continue
        items.append(f'<li><span class="hc-sym hc-s-{fam}" aria-hidden="true">{_esc(sym)}</span>'
                     f'<mark class="hc-seg hc-f-{fam}">{_esc(label)}</mark></li>')
    items.append('<li><mark class="hc-seg hc-multi">dashed box: several flags overlap</mark></li>')
    return f'<ul class="hc-legend" aria-label="legend">{"".join(items)}</ul>'


@dataclass(frozen=True, slots=True)
class _Item:
    """A span to highlight: a flag (``kind='f'``) or a claim (``kind='c'``), with its list index."""

    kind: str
    index: int
    start: int
    end: int


def _placeable(text: str, start: int, end: int, evidence: str | None) -> bool:
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        return False
    return evidence is None or text[start:end] == evidence


def _highlighted_text(r: Report, uid: str) -> tuple[str, set[int]]:
    """The text cut into segments at every boundary; returns the HTML and the flags that were placed."""
    text = r.text or ""
    if not text:
        note = ("The page text was not kept with this report (scores written without <code>--with-text</code>, "
                "or a page that could not be read); the flags are listed with their evidence.")
        return f'<p class="hc-note">{note}</p>', set()
    items = [_Item("f", i, f.start, f.end) for i, f in enumerate(r.flags) if _placeable(text, f.start, f.end, f.evidence)]
    items += [_Item("c", i, c.start, c.end) for i, c in enumerate(r.claims) if _placeable(text, c.start, c.end, None)]
    placed = {it.index for it in items if it.kind == "f"}
    bounds = sorted({0, len(text), *(it.start for it in items), *(it.end for it in items)})
    starts: dict[int, list[_Item]] = {}
    for it in items:
        starts.setdefault(it.start, []).append(it)
    active: list[_Item] = []
    out: list[str] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        active = [it for it in active if it.end > a]
        new = starts.get(a, [])
        active.extend(new)
        # A numbered symbol at each flag's start links the text to the margin list.
        for it in sorted(new, key=lambda it: it.index):
            if it.kind == "f":
                fam = _look(r.flags[it.index])
                out.append(f'<a class="hc-sym hc-s-{fam}" href="#{uid}-f{it.index}" '
                           f'title="flag {it.index + 1}: {_esc(r.flags[it.index].code)}">{_esc(_sym(fam))}{it.index + 1}</a>')
        out.append(_segment(r, text[a:b], active, uid))
    return f'<div class="hc-text">{"".join(out)}</div>', placed


def _segment(r: Report, chunk: str, active: list[_Item], uid: str) -> str:
    body = _esc(chunk)
    if not active:
        return body
    flags = sorted(it.index for it in active if it.kind == "f")
    claims = sorted(it.index for it in active if it.kind == "c")
    titles = []
    for i in flags:
        f = r.flags[i]
        titles.append(f"[{_sym(_look(f))}{i + 1}] {f.code}: {f.message}")
    for i in claims:
        c = r.claims[i]
        titles.append(f"claim about {c.drug}: {c.verdict}" + (f" ({c.fact_id})" if c.fact_id else ""))
    title = _esc("\n".join(titles))
    claim_attr = f' data-claims="{" ".join(map(str, claims))}"' if claims else ""
    if not flags:
        verdicts = {r.claims[i].verdict for i in claims}
        v = verdicts.pop() if len(verdicts) == 1 else "mixed"
        return f'<span class="hc-claim hc-v-{_esc(v)}"{claim_attr} title="{title}">{body}</span>'
    top = max(flags, key=lambda i: (r.flags[i].severity, -i))
    fams = sorted({family_of(r.flags[i].code) for i in flags})
    cls = f"hc-seg hc-f-{_look(r.flags[top])}" + (" hc-multi" if len(flags) > 1 else "")
    codes = " ".join(sorted({r.flags[i].code for i in flags}))
    return (f'<mark class="{cls}" data-flags="{" ".join(map(str, flags))}" data-codes="{_esc(codes)}" '
            f'data-families="{" ".join(fams)}"{claim_attr} title="{title}">{body}</mark>')


def _flag_list(flags: tuple[Flag, ...], placed: set[int], uid: str) -> str:
    if not flags:
        return "<h3>Flags</h3><p class=\"hc-note\">No flags.</p>"
    items = []
    for i, f in enumerate(flags):
        fam = _look(f)
        where = "" if i in placed else ' <span class="hc-note">(span not shown in the text)</span>'
        ev = f.evidence if len(f.evidence) <= 300 else f.evidence[:300] + "…"
        items.append(
            f'<li id="{uid}-f{i}" class="hc-l-{fam}" data-code="{_esc(f.code)}">'
            f'<span class="hc-sym hc-s-{fam}" aria-label="{_esc(fam)}">{_esc(_sym(fam))}{i + 1}</span> '
            f'<span class="hc-code">{_esc(f.code)}</span> <span class="hc-note">severity {f.severity:.2f}</span>{where}'
            f"<br>{_esc(f.message)}<q class=\"hc-ev\">{_esc(ev)}</q></li>"
        )
    return f'<h3>Flags ({len(flags)})</h3><ol class="hc-flags">{"".join(items)}</ol>'


def _claims_table(claims: tuple[ClaimCheck, ...], uid: str) -> str:
    if not claims:
        return ""
    rows = []
    for i, c in enumerate(claims):
        sentence = c.text if len(c.text) <= 400 else c.text[:400] + "…"
        sym = VERDICT_SYMBOLS.get(c.verdict, "")
        rows.append(
            f'<tr id="{uid}-c{i}" data-verdict="{_esc(c.verdict)}"><td>{i + 1}</td><td>{_esc(sentence)}</td><td>{_esc(c.drug)}</td>'
            f'<td class="hc-verdict hc-v-{_esc(c.verdict)}">{_esc(sym)} {_esc(c.verdict)}</td>'
            f"<td>{_esc(c.fact_id or '—')}</td><td>{_esc(c.source or '—')}</td>"
            f"<td>{_esc(c.claim_type)}</td><td>{_esc(c.note)}</td></tr>"
        )
    head = "<tr><th>#</th><th>claim</th><th>drug</th><th>verdict</th><th>reference fact</th><th>source</th><th>type</th><th>note</th></tr>"
    return f"<h3>Claim checks ({len(claims)})</h3><table class=\"hc-claims\">{head}{''.join(rows)}</table>"


def _details(r: Report) -> str:
    if not r.details:
        return ""
    items = sorted(r.details.items(), key=lambda kv: -abs(kv[1]) if kv[1] == kv[1] else 0)[:MAX_DETAILS]
    rows = "".join(f"<tr><td class=\"hc-code\">{_esc(k)}</td><td>{v:.3g}</td></tr>" for k, v in items)
    return f"<details><summary>Feature values ({len(r.details)})</summary><table>{rows}</table></details>"
