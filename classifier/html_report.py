"""One static HTML page for a batch of reports: ``healthcred report INPUT... -o report.html``.

The page shows summary counts by band and by flag code, the score distribution as an inline SVG
chart, a sortable, filterable and paged table of pages, and each page's highlighted view on demand.

Large batches stay usable because nothing per page is parsed as HTML until it is asked for: each
page's view is rendered once here (by :mod:`classifier.render`, the same renderer as
``Report._repr_html_``) and embedded as a JSON string in its own ``<script type="application/json">``
element, which the browser only stores as text; a few lines of inline JavaScript parse and insert a
view when its row is opened. The table is drawn 50 rows at a time from one compact JSON array.

Reports are streamed: views go to a temporary file as they come, so memory holds only the table rows.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TextIO

from .render import REPORT_CSS, band_badge, legend_html, page_document, report_body, symbol_html
from .results import BANDS, ClaimCheck, Flag, Report

DEFAULT_TITLE = "healthcred report"
#: Table columns: (key, header). The row arrays embedded in the page follow this order.
COLUMNS = (
    ("i", "#"), ("id", "id"), ("title", "title"), ("status", "status"), ("band", "band"),
    ("score", "score"), ("n_flags", "flags"), ("codes", "flag codes"), ("n_contradicted", "contradicted"),
    ("n_words", "words"),
)
N_BINS = 10
# The formats `healthcred score` writes.
_SCORED_TABLE_SUFFIXES = (".jsonl", ".csv", ".parquet")


# --------------------------------------------------------------------------------------------------
# public API


def write_batch_report(reports: Iterable[Report], path: str | os.PathLike[str], *, title: str = DEFAULT_TITLE,
                       page_size: int = 50) -> int:
    """Write one self-contained HTML page for a batch of reports.

    Parameters
    ----------
    reports : iterable of Report
        Consumed once, streamed (only the table rows stay in memory).
    path : str or path-like
        The output file; written atomically (a temporary file beside it, then renamed).
    title : str
        Heading and window title.
    page_size : int
        Table rows per page.

    Returns
    -------
    int
        The number of reports written.

    Examples
    --------
    >>> import tempfile, os
    >>> from classifier import Report
    >>> out = os.path.join(tempfile.mkdtemp(), "r.html")
    >>> write_batch_report([Report("a", None, "ok", None, 0.8, "credible", text="Fine page.")], out)
    1
    """
    if not isinstance(title, str):
        raise TypeError(f"title must be a string, got {type(title).__name__}")
    if not isinstance(page_size, int) or page_size < 1:
        raise ValueError(f"page_size must be a positive integer, got {page_size!r}")
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    with tempfile.TemporaryFile("w+", encoding="utf-8") as views:
        summary = _write_views(reports, views)
        views.seek(0)
        try:
            with open(tmp, "w", encoding="utf-8") as out:
                _write_document(out, summary, views, title, page_size)
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
    return summary.n


def report_from_row(row: Mapping[str, Any]) -> Report:
    """A :class:`Report` from a row of ``Report.to_dict()`` / ``to_row()`` / ``healthcred score`` output.

    Flags and claims may be lists of dicts or JSON strings (CSV and Parquet); CSV's empty cells and
    text numbers are accepted. Flags or claims that cannot be read are dropped, never fatal.
    """
    if not isinstance(row, Mapping):
        raise TypeError(f"expected a mapping, got {type(row).__name__}")
    explanation = row.get("explanation") or ()
    if isinstance(explanation, str):
        explanation = tuple(e for e in explanation.split(" | ") if e)
    details = row.get("details") if isinstance(row.get("details"), Mapping) else {}
    return Report(
        id=str(row.get("id", "")),
        url=_str_or_none(row.get("url")),
        status=_str_or_none(row.get("status")) or "ok",
        reason=_str_or_none(row.get("reason")),
        score=_float_or_none(row.get("score")),
        band=_str_or_none(row.get("band")),
        flags=tuple(_items(row.get("flags"), Flag)),
        claims=tuple(_items(row.get("claims"), ClaimCheck)),
        text=row.get("text") if isinstance(row.get("text"), str) else "",
        title=_str_or_none(row.get("title")),
        language=_str_or_none(row.get("language")),
        n_words=int(_float_or_none(row.get("n_words")) or 0),
        explanation=tuple(str(e) for e in explanation),
        details={str(k): float(v) for k, v in details.items() if isinstance(v, (int, float))},
    )


def read_reports(paths: Sequence[str | os.PathLike[str]], *, options: Any = None, jobs: int = 1) -> Iterator[Report]:
    """Reports for the inputs, in order: scored output is read back, anything else is scored now.

    A ``.jsonl``/``.csv``/``.parquet`` file whose first row has a ``status`` field is output of
    ``healthcred score`` (or rows of ``Report.to_dict()``); other inputs are read by
    :func:`classifier.io.read_records` and scored with :func:`classifier.score_many`.

    Raises
    ------
    classifier.io.InputError
        At once, before anything is scored, when an input does not exist.
    """
    from .io import InputError

    paths = list(paths)
    missing = [str(p) for p in paths if str(p) != "-" and not Path(p).exists()]
    if missing:
        raise InputError(f"input not found: {', '.join(missing)}")
    return _iter_reports(paths, options, jobs)


def main(argv: list[str] | None = None) -> int:
    """``healthcred report``: see ``healthcred report --help``. Returns the exit code."""
    from .cli import _add_scoring_options
    from .io import InputError
    from .options import from_args

    parser = argparse.ArgumentParser(
        prog="healthcred report",
        description="Write one static, self-contained HTML page for a batch: summary, score chart, "
                    "sortable table, each page's highlighted view on demand.")
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="output of 'healthcred score' (.jsonl/.csv/.parquet with a status column; "
                             "include --with-text to see the text), or pages to score: files, directories, "
                             ".jsonl/.csv/.parquet with html|text, .warc(.gz)")
    parser.add_argument("-o", "--output", required=True, help="the HTML file to write")
    parser.add_argument("--title", default=DEFAULT_TITLE, help="page heading")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes when scoring (default 1)")
    parser.add_argument("--page-size", type=int, default=50, help="table rows per page (default 50)")
    _add_scoring_options(parser)
    args = parser.parse_args(argv)
    try:
        options = from_args(args)
        n = write_batch_report(read_reports(args.inputs, options=options, jobs=args.jobs), args.output,
                               title=args.title, page_size=args.page_size)
    except (InputError, ValueError, FileNotFoundError) as exc:
        print(f"healthcred report: error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {args.output}: {n} page(s)", file=sys.stderr)
    return 0


# --------------------------------------------------------------------------------------------------
# private computation


def _iter_reports(paths: list[str | os.PathLike[str]], options: Any, jobs: int) -> Iterator[Report]:
    from .io import read_records, read_rows
    from .pipeline import score_many

    for p in paths:
        if _is_scored_table(Path(p)):
            yield from (report_from_row(r) for r in read_rows(p))
        else:
            yield from score_many(read_records([p]), jobs=jobs, options=options)


def _str_or_none(v: Any) -> str | None:
    if v is None or (isinstance(v, float) and math.isnan(v)) or v == "":
        return None
    return str(v)


def _float_or_none(v: Any) -> float | None:
    if v is None or v == "":
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def _items(value: Any, cls: type) -> Iterator[Any]:
    if isinstance(value, str):
        try:
            value = json.loads(value) if value.strip() else []
        except ValueError:
            return
    if not isinstance(value, list):
        return
    for d in value:
        if not isinstance(d, Mapping):
            continue
        try:
            yield cls(**{k: d[k] for k in cls.__dataclass_fields__ if k in d})
        except TypeError:
            continue


def _is_scored_table(path: Path) -> bool:
    """Peek at the first row: scored output has ``status`` and ``score``/``flags``; raw input has neither."""
    if not path.is_file() or not path.name.lower().endswith(_SCORED_TABLE_SUFFIXES):
        return False
    from .io import read_rows

    try:
        first = next(iter(read_rows(path)), None)
    except (ValueError, OSError):
        return False
    return isinstance(first, Mapping) and "status" in first and ("score" in first or "flags" in first)


class _Summary:
    """What the top of the page needs: counts, score histogram, and one compact row per page."""

    def __init__(self) -> None:
        self.n = 0
        self.bands: Counter[str] = Counter()
        self.statuses: Counter[str] = Counter()
        self.code_pages: Counter[str] = Counter()
        self.code_flags: Counter[str] = Counter()
        self.code_problem: set[str] = set()  # codes seen with a severity above zero (the rest are markers)
        self.code_by_band: Counter[tuple[str, str]] = Counter()
        self.hist: list[Counter[str]] = [Counter() for _ in range(N_BINS)]
        self.rows: list[list[Any]] = []

    def add(self, r: Report) -> None:
        band = r.band if r.band and r.score is not None else "not scored"
        self.bands[band] += 1
        self.statuses[r.status] += 1
        codes = Counter(f.code for f in r.flags)
        for code, k in codes.items():
            self.code_pages[code] += 1
            self.code_flags[code] += k
            self.code_by_band[(code, band)] += 1
        self.code_problem.update(f.code for f in r.flags if f.severity > 0)
        if r.score is not None and not math.isnan(r.score):
            b = min(N_BINS - 1, max(0, int(r.score * N_BINS)))
            self.hist[b][band] += 1
        score = None if r.score is None or math.isnan(r.score) else round(float(r.score), 4)
        self.rows.append([
            self.n, r.id, r.title or (r.url or ""), r.status, r.band, score, len(r.flags), " ".join(sorted(codes)),
            sum(c.verdict == "contradicted" for c in r.claims), r.n_words,
        ])
        self.n += 1


def _json_script(value: Any) -> str:
    """JSON that is safe as the raw text of a ``<script>`` element.

    In a script element only ``</`` (``</script``), ``<!--`` and, after that, ``<script`` change how
    the text is read; those are escaped. Escaping every ``<`` instead would cost five bytes per tag of
    the embedded views. U+2028/2029 are escaped for older JavaScript parsers.
    """
    s = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    s = _SCRIPT_BREAKERS.sub(lambda m: "<\\/" if m.group(0) == "</" else "\\u003c", s)
    return s.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


_SCRIPT_BREAKERS = re.compile(r"</|<(?=!|script)", re.I)


def _write_views(reports: Iterable[Report], out: TextIO) -> _Summary:
    summary = _Summary()
    for r in reports:
        if not isinstance(r, Report):
            raise TypeError(f"expected classifier.Report items, got {type(r).__name__}")
        i = summary.n
        summary.add(r)
        view = report_body(r, uid=f"p{i}", legend=False)
        out.write(f'<script type="application/json" id="hc-v{i}">{_json_script(view)}</script>\n')
    return summary


def _esc(s: object) -> str:
    import html

    return html.escape("" if s is None else str(s), quote=True)


def _write_document(out: TextIO, s: _Summary, views: TextIO, title: str, page_size: int) -> None:
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    head = (f'<header><h1>{_esc(title)}</h1><p class="hc-meta">{s.n} page(s) · generated {generated} · '
            "works offline; no external resources</p></header>")
    body = ('<div class="hc-batch">' + head + _summary_html(s) + _table_html()
            + f'<h2>Page view</h2><p class="hc-note">Open a row of the table to see its page.</p>{legend_html()}'
            '<section id="hc-view" aria-live="polite"></section></div>')
    doc = page_document(title, body, css=REPORT_CSS + BATCH_CSS, script="__SCRIPT__")
    before, after = doc.split("<script>__SCRIPT__</script>")
    out.write(before)
    out.write('<div id="hc-views" hidden>\n')
    while chunk := views.read(1 << 20):
        out.write(chunk)
    out.write("</div>\n")
    cols = [k for k, _ in COLUMNS]
    out.write(f'<script type="application/json" id="hc-rows">{_json_script({"columns": cols, "rows": s.rows, "page_size": page_size})}</script>\n')
    out.write(f"<script>{BATCH_JS}</script>")
    out.write(after)


def _summary_html(s: _Summary) -> str:
    order = [*BANDS, "not scored"]
    band_rows = "".join(
        f"<tr><td>{band_badge(b if b != 'not scored' else None, 0.0 if b != 'not scored' else None)}</td>"
        f"<td class=\"num\">{s.bands.get(b, 0)}</td></tr>" for b in order if s.bands.get(b, 0) or b in BANDS)
    status_rows = "".join(f"<tr><td>{_esc(k)}</td><td class=\"num\">{v}</td></tr>" for k, v in sorted(s.statuses.items()))
    bands_present = [b for b in order if s.bands.get(b)]
    head = "".join(f"<th>{_esc(b)}</th>" for b in bands_present)
    code_rows = "".join(
        f"<tr><td>{symbol_html(c, 1.0 if c in s.code_problem else 0.0)} "
        f"<span class=\"hc-code\">{_esc(c)}</span></td><td class=\"num\">{n}</td><td class=\"num\">{s.code_flags[c]}</td>"
        + "".join(f"<td class=\"num\">{s.code_by_band.get((c, b), 0)}</td>" for b in bands_present) + "</tr>"
        for c, n in sorted(s.code_pages.items(), key=lambda kv: (-kv[1], kv[0])))
    codes = (f"<table class=\"hc-sum\"><tr><th>flag code</th><th>pages</th><th>flags</th>{head}</tr>{code_rows}</table>"
             if code_rows else "<p class=\"hc-note\">No flags in this batch.</p>")
    return (
        '<section class="hc-summary"><div><h2>Pages by band</h2>'
        f'<table class="hc-sum"><tr><th>band</th><th>pages</th></tr>{band_rows}</table>'
        f'<h2>By status</h2><table class="hc-sum"><tr><th>status</th><th>pages</th></tr>{status_rows}</table></div>'
        f"<div><h2>Score distribution</h2>{_histogram_svg(s)}</div>"
        f"<div><h2>Flag codes</h2><p class=\"hc-note\">pages with the code, flags in all, and pages per band</p>{codes}</div></section>"
    )


_BAND_FILL = {"credible": "#2b8a3e", "questionable": "#e67700", "unreliable": "#c92a2a", "not scored": "#868e96"}


def _histogram_svg(s: _Summary) -> str:
    """Scores in ten bins, stacked by band; each bar has a tooltip and the counts are written on it."""
    total = sum(sum(c.values()) for c in s.hist)
    if not total:
        return '<p class="hc-note">No page has a score yet (no trained model, or every page skipped).</p>'
    w, h, left, bottom, top = 360, 200, 34, 28, 10
    bw = (w - left - 6) / N_BINS
    peak = max(sum(c.values()) for c in s.hist)
    scale = (h - bottom - top) / peak
    parts = [f'<svg class="hc-hist" role="img" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
             f'aria-label="histogram of {total} scores">']
    y0 = h - bottom
    parts.append(f'<line x1="{left}" y1="{y0}" x2="{w - 4}" y2="{y0}" stroke="#495057"/>')
    for k in range(N_BINS + 1):
        x = left + k * bw
        if k % 2 == 0:
            parts.append(f'<text x="{x:.1f}" y="{y0 + 14}" font-size="10" text-anchor="middle">{k / N_BINS:.1f}</text>')
    parts.append(f'<text x="{left - 4}" y="{top + 8}" font-size="10" text-anchor="end">{peak}</text>')
    parts.append(f'<text x="{(left + w) / 2:.0f}" y="{h - 2}" font-size="10" text-anchor="middle">credibility score</text>')
    for k, c in enumerate(s.hist):
        y = y0
        for band in [*BANDS, "not scored"]:
            n = c.get(band, 0)
            if not n:
                continue
            bh = n * scale
            y -= bh
            tip = f"{k / N_BINS:.1f}–{(k + 1) / N_BINS:.1f}: {n} {band}"
            parts.append(f'<rect x="{left + k * bw + 1:.1f}" y="{y:.1f}" width="{bw - 2:.1f}" height="{bh:.1f}" '
                         f'fill="{_BAND_FILL.get(band, "#868e96")}"><title>{_esc(tip)}</title></rect>')
        n_all = sum(c.values())
        if n_all:
            parts.append(f'<text x="{left + (k + 0.5) * bw:.1f}" y="{y - 2:.1f}" font-size="9" text-anchor="middle">{n_all}</text>')
    parts.append("</svg>")
    legend = " ".join(f'<span><svg width="10" height="10"><rect width="10" height="10" fill="{_BAND_FILL[b]}"/></svg> {b}</span>'
                      for b in BANDS)
    unscored = s.n - total
    note = f"<br>{unscored} page(s) without a score are not in the chart." if unscored else ""
    return "".join(parts) + f'<div class="hc-note">{legend}{note}</div>'


def _table_html() -> str:
    heads = "".join(f'<th data-col="{k}" aria-sort="none" tabindex="0" role="columnheader button">{_esc(label)}</th>'
                    for k, label in COLUMNS)
    return (
        '<section class="hc-pages"><h2>Pages</h2>'
        '<div class="hc-controls"><label>filter <input id="hc-q" type="search" placeholder="id, title, flag code…"></label> '
        '<label>band <select id="hc-band"><option value="">all</option>'
        + "".join(f'<option value="{b}">{b}</option>' for b in BANDS)
        + '<option value="none">not scored</option></select></label> '
        '<button id="hc-prev" type="button">◀ previous</button> <span id="hc-pageinfo"></span> '
        '<button id="hc-next" type="button">next ▶</button></div>'
        '<noscript><p>The table and page views need JavaScript; the summary above does not.</p></noscript>'
        f'<div class="hc-scroll"><table id="hc-table" class="hc-sum"><thead><tr>{heads}</tr></thead><tbody></tbody></table></div></section>'
    )


BATCH_CSS = """
body{margin:0;padding:16px 20px;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#212529;background:#f8f9fa}
h1{margin:0 0 4px;font-size:1.5em}h2{font-size:1.1em;margin:12px 0 6px}
.hc-meta,.hc-note{color:#495057;font-size:.9em}
.hc-summary{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start;background:#fff;border:1px solid #dee2e6;border-radius:6px;padding:8px 16px}
.hc-sum{border-collapse:collapse;font-size:.9em;background:#fff}
.hc-sum th,.hc-sum td{border:1px solid #dee2e6;padding:3px 8px;text-align:left}
.hc-sum th{background:#f1f3f5}.hc-sum td.num{text-align:right;font-variant-numeric:tabular-nums}
.hc-pages{margin-top:16px}.hc-controls{margin:6px 0;display:flex;flex-wrap:wrap;gap:8px;align-items:center}
#hc-table{width:100%}#hc-table th{cursor:pointer;user-select:none;white-space:nowrap}
#hc-table th[aria-sort=ascending]::after{content:" ▲"}#hc-table th[aria-sort=descending]::after{content:" ▼"}
#hc-table tbody tr{cursor:pointer}#hc-table tbody tr:hover{background:#e7f5ff}
#hc-table tbody tr.hc-open{background:#d0ebff}
#hc-table td{max-width:22em;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.hc-scroll{overflow-x:auto}
#hc-view{margin-top:16px}
"""

# Rows are drawn from the embedded array a page at a time; a page view is parsed from its JSON string
# only when opened. Text goes in with textContent, views with innerHTML (they were escaped when rendered).
# The table's state (sort, filter, band, page, open view) lives in the URL fragment, so a link or a
# reload shows the same thing: e.g. report.html#sort=score&dir=desc&band=unreliable&page=2&view=17
BATCH_JS = r"""
(function(){
"use strict";
var data=JSON.parse(document.getElementById("hc-rows").textContent);
var C={};data.columns.forEach(function(c,i){C[c]=i;});
var rows=data.rows,shown=rows,size=data.page_size;
var st={sort:null,dir:"asc",q:"",band:"",page:1,view:null};
var tbody=document.querySelector("#hc-table tbody"),q=document.getElementById("hc-q"),
    bandSel=document.getElementById("hc-band"),info=document.getElementById("hc-pageinfo"),
    view=document.getElementById("hc-view"),heads=document.querySelectorAll("#hc-table th");
function readHash(){
  var p=new URLSearchParams(location.hash.slice(1));
  st.sort=C.hasOwnProperty(p.get("sort"))?p.get("sort"):null;
  st.dir=p.get("dir")==="desc"?"desc":"asc";
  st.q=p.get("q")||"";st.band=p.get("band")||"";
  st.page=Math.max(1,parseInt(p.get("page"),10)||1);
  st.view=/^\d+$/.test(p.get("view")||"")?+p.get("view"):null;
}
function writeHash(){
  var p=new URLSearchParams();
  if(st.sort){p.set("sort",st.sort);p.set("dir",st.dir);}
  if(st.q)p.set("q",st.q);if(st.band)p.set("band",st.band);
  if(st.page>1)p.set("page",st.page);if(st.view!==null)p.set("view",st.view);
  var h=p.toString();
  history.replaceState(null,"",h?"#"+h:location.pathname+location.search);
}
function cmp(col,sign){
  return function(a,b){
    var x=a[col],y=b[col];
    if(x===null||x===undefined)return (y===null||y===undefined)?a[0]-b[0]:1;
    if(y===null||y===undefined)return -1;
    var d=(typeof x==="number"&&typeof y==="number")?x-y:String(x).localeCompare(String(y));
    return d?d*sign:a[0]-b[0];
  };
}
function filter(){
  var t=st.q.trim().toLowerCase(),b=st.band;
  shown=rows.filter(function(r){
    if(b==="none"?(r[C.band]!==null&&r[C.score]!==null):(b&&r[C.band]!==b))return false;
    return !t||[r[C.id],r[C.title],r[C.codes],r[C.status]].join(" ").toLowerCase().indexOf(t)>=0;
  });
  if(st.sort)shown=shown.slice().sort(cmp(C[st.sort],st.dir==="desc"?-1:1));
  heads.forEach(function(th){
    th.setAttribute("aria-sort",th.dataset.col===st.sort?(st.dir==="desc"?"descending":"ascending"):"none");
  });
}
function badge(band,score){
  var s=document.createElement("span");
  if(band===null||score===null){s.className="hc-band hc-band-none";s.textContent="not scored";}
  else{s.className="hc-band hc-band-"+band;s.textContent=band;}
  return s;
}
function draw(){
  var pages=Math.max(1,Math.ceil(shown.length/size));
  st.page=Math.min(st.page,pages);
  tbody.textContent="";
  shown.slice((st.page-1)*size,st.page*size).forEach(function(r){
    var tr=document.createElement("tr");tr.dataset.index=r[C.i];
    if(r[C.i]===st.view)tr.className="hc-open";
    data.columns.forEach(function(c){
      var td=document.createElement("td"),v=r[C[c]];
      if(c==="band")td.appendChild(badge(v,r[C.score]));
      else if(c==="score")td.textContent=v===null?"—":v.toFixed(2);
      else if(c==="i")td.textContent=v+1;
      else td.textContent=v===null?"":String(v);
      if(c==="title"||c==="codes")td.title=v||"";
      tr.appendChild(td);
    });
    tr.tabIndex=0;
    tr.addEventListener("click",function(){open(r[C.i]);view.scrollIntoView();});
    tr.addEventListener("keydown",function(e){if(e.key==="Enter"){open(r[C.i]);view.scrollIntoView();}});
    tbody.appendChild(tr);
  });
  info.textContent="page "+st.page+" of "+pages+" ("+shown.length+" of "+rows.length+" pages)";
  writeHash();
}
function open(i){
  var el=document.getElementById("hc-v"+i);
  if(!el)return;
  st.view=i;
  view.innerHTML='<div class="hc-report">'+JSON.parse(el.textContent)+"</div>";
  Array.prototype.forEach.call(tbody.rows,function(tr){tr.classList.toggle("hc-open",tr.dataset.index==String(i));});
  writeHash();
}
heads.forEach(function(th){
  function go(){
    st.dir=st.sort===th.dataset.col&&st.dir==="asc"?"desc":"asc";st.sort=th.dataset.col;st.page=1;
    filter();draw();
  }
  th.addEventListener("click",go);
  th.addEventListener("keydown",function(e){if(e.key==="Enter"||e.key===" "){e.preventDefault();go();}});
});
q.addEventListener("input",function(){st.q=q.value;st.page=1;filter();draw();});
bandSel.addEventListener("change",function(){st.band=bandSel.value;st.page=1;filter();draw();});
document.getElementById("hc-prev").addEventListener("click",function(){if(st.page>1){st.page--;draw();}});
document.getElementById("hc-next").addEventListener("click",function(){st.page++;draw();});
readHash();q.value=st.q;bandSel.value=st.band;
filter();draw();
if(st.view!==null)open(st.view);
})();
"""
