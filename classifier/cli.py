"""The ``healthcred`` command line. Options are turned into :class:`~classifier.options.Options` in one place.

Exit codes: 0 every row ok (or skipped), 1 some rows are errors, 2 usage error.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from .options import from_args

EXIT_OK, EXIT_ROWS_FAILED, EXIT_USAGE = 0, 1, 2

# Sub-commands implemented in their own modules, each with ``main(argv) -> int`` (or the named function).
_DELEGATES = {
    "train": ("classifier.training", "main", "train the credibility model (retrain after detectors change)"),
    "facts": ("classifier.facts", "cli_main", "show, list and validate reference fact files"),
    "report": ("classifier.html_report", "main", "write one static HTML report for a batch"),
    "bench": ("classifier.bench", "main", "measure pages/s, peak memory and start-up against baselines"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="healthcred", description="Score scraped health web pages for credibility, with evidence.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    sc = sub.add_parser("score", help="score pages and write one row per page")
    sc.add_argument("inputs", nargs="+", metavar="INPUT",
                    help="files or directories (.html .htm .txt), .jsonl, .csv, .parquet, .warc(.gz), or - for JSONL on stdin")
    sc.add_argument("-o", "--output", help="output file (.jsonl, .csv, .parquet); JSONL to stdout when omitted")
    sc.add_argument("--format", choices=("jsonl", "csv", "parquet"), help="output format (default: from the suffix)")
    sc.add_argument("--jobs", type=int, default=1, help="worker processes (default 1; -1 = all cores)")
    sc.add_argument("--resume", action="store_true", help="skip ids already in the output and append the rest")
    sc.add_argument("--quiet", action="store_true", help="no progress on stderr")
    sc.add_argument("--with-text", action="store_true", help="include the parsed page text in each row")
    sc.add_argument("--engine", choices=("local", "dask"), default="local", help="where to score (default local)")
    sc.add_argument("--scheduler", help="Dask scheduler address (default: a local cluster)")
    _add_scoring_options(sc)

    ex = sub.add_parser("explain", help="print one page's flags and claims with their evidence")
    ex.add_argument("page", help="an .html or .txt file, or - for stdin")
    ex.add_argument("--url", help="the page's address")
    ex.add_argument("--json", action="store_true", help="print the full report as JSON")
    _add_scoring_options(ex)

    ev = sub.add_parser("evaluate", help="reproduce the published figures: commercial, garble, facts, model")
    ev.add_argument("name", choices=("commercial", "garble", "facts", "model"))
    ev.add_argument("args", nargs=argparse.REMAINDER, help="options of that evaluation (see healthcred evaluate NAME --help)")

    for name, (_, _, helptext) in _DELEGATES.items():
        p = sub.add_parser(name, help=helptext, add_help=False)
        p.add_argument("args", nargs=argparse.REMAINDER)
    return parser


def _add_scoring_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--facts", action="append", metavar="DIR", help="extra directory of fact files (repeatable)")
    p.add_argument("--model", dest="model_path", type=Path, help="a model file other than the bundled one")
    p.add_argument("--trust-model", action="store_true", default=None,
                   help="allow loading --model from outside the package (joblib loading runs code)")
    p.add_argument("--max-bytes", type=int, help="largest page scored (default 5,000,000)")
    p.add_argument("--timeout", type=float, help="seconds per page (default 20)")
    p.add_argument("--min-words", type=int, help="shorter pages are skipped (default 20)")
    p.add_argument("--detectors", help="comma-separated detector names to run (default all)")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    try:
        return _main(argv)
    except BrokenPipeError:
        # The reader went away (`healthcred explain page | head`): not an error worth a traceback.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _main(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if argv and argv[0] in _DELEGATES:
        module, func, _ = _DELEGATES[argv[0]]
        return _delegate(module, func, argv[1:])
    if argv and argv[0] == "evaluate" and len(argv) > 1 and not argv[1].startswith("-"):
        if argv[1] not in ("commercial", "garble", "facts", "model"):
            parser.parse_args(argv)  # prints the allowed names and exits 2
        return _delegate(f"classifier.evaluation.{argv[1]}", "main", argv[2:])
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) if exc.code in (0, None) else EXIT_USAGE
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        options = from_args(args)
    except ValueError as exc:
        print(f"healthcred: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "score":
        return _cmd_score(args, options)
    if args.command == "explain":
        return _cmd_explain(args, options)
    parser.print_help()
    return EXIT_USAGE


def _delegate(module: str, func: str, rest: list[str]) -> int:
    try:
        mod = importlib.import_module(module)
    except ImportError as exc:
        print(f"healthcred: error: this command is not available: {exc}", file=sys.stderr)
        return EXIT_USAGE
    result = getattr(mod, func)(rest)
    return int(result or 0)


def _cmd_score(args: argparse.Namespace, options) -> int:  # noqa: ANN001
    from .io import InputError, RowWriter, read_records
    from .pipeline import load_resources, score_many

    if args.jobs == 0 or args.jobs < -1:
        print(f"healthcred: error: --jobs must be a positive number or -1, got {args.jobs}", file=sys.stderr)
        return EXIT_USAGE
    try:
        # A missing or refused model would otherwise become one error row per page, which --resume
        # would then count as done: stop before writing anything.
        load_resources(options)
    except Exception as exc:  # noqa: BLE001 - any loading failure is a setup problem, reported plainly
        print(f"healthcred: error: cannot load detectors, facts or model: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        writer = RowWriter(args.output, args.format, resume=args.resume, with_text=args.with_text)
    except InputError as exc:
        print(f"healthcred: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        records = read_records(args.inputs)
        first = next(records, None)  # surfaces a missing input as a usage error before any work
    except InputError as exc:
        writer.close()
        print(f"healthcred: error: {exc}", file=sys.stderr)
        return EXIT_USAGE

    def pending() -> Iterator:
        if first is not None:
            yield first
        yield from records

    todo = (r for r in pending() if r.id not in writer.done_ids)
    progress = _Progress(sys.stderr, enabled=not args.quiet and sys.stderr.isatty())
    try:
        if args.engine == "dask":
            from .dask import score_paths_dask

            # Dask reads the inputs itself, one partition per shard, so the records read above are not used.
            reports = score_paths_dask(args.inputs, options=options, scheduler=args.scheduler,
                                       skip_ids=frozenset(writer.done_ids))
        else:
            reports = score_many(todo, jobs=args.jobs, options=options)
        for report in reports:
            writer.write(report)
            progress.tick(report.status)
    finally:
        writer.close()
        progress.done()
    return EXIT_ROWS_FAILED if writer.counts.get("error") else EXIT_OK


def _cmd_explain(args: argparse.Namespace, options) -> int:  # noqa: ANN001
    import json

    from .pipeline import score

    try:
        data = sys.stdin.buffer.read() if args.page == "-" else Path(args.page).read_bytes()
    except OSError as exc:
        print(f"healthcred: error: cannot read {args.page}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.page.lower().endswith(".txt"):
        from .page import decode
        from .pipeline import Record, score_record

        report = score_record(Record(id=Path(args.page).name, url=args.url, text=decode(data)), options)
    else:
        report = score(data, url=args.url, options=options, id=Path(args.page).name)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_report(report))
    return EXIT_ROWS_FAILED if report.status == "error" else EXIT_OK


def format_report(report) -> str:  # noqa: ANN001
    """A terminal rendering: score, band, explanation, then each flag and claim with its evidence."""
    lines = [f"{report.id}  status={report.status}" + (f"  reason={report.reason}" if report.reason else "")]
    if report.score is not None:
        lines.append(f"score {report.score:.2f}  band {report.band}")
    for e in report.explanation:
        lines.append(f"  · {e}")
    if report.flags:
        lines.append(f"\nflags ({len(report.flags)}):")
        for f in report.flags:
            lines.append(f"  [{f.code}] {f.start}-{f.end} sev {f.severity:.2f}: “{_short(f.evidence)}”")
            lines.append(f"      {f.message}")
    if report.claims:
        lines.append(f"\nclaims ({len(report.claims)}):")
        for c in report.claims:
            src = f" — {c.source}" if c.source else ""
            lines.append(f"  {c.verdict:>12} [{c.drug}] “{_short(c.text)}”")
            if c.fact_id or c.note:
                lines.append(f"      {c.fact_id or ''}{src}{(' · ' + c.note) if c.note else ''}")
    return "\n".join(lines)


def _short(s: str, n: int = 160) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


class _Progress:
    """A one-line counter on stderr when it is a terminal (no dependency needed for this much)."""

    def __init__(self, stream: TextIO, enabled: bool) -> None:
        self.stream, self.enabled = stream, enabled
        self.n = 0
        self.errors = 0
        self.t0 = time.monotonic()

    def tick(self, status: str) -> None:
        self.n += 1
        self.errors += status == "error"
        if self.enabled and (self.n < 10 or self.n % 25 == 0):
            rate = self.n / max(time.monotonic() - self.t0, 1e-9)
            self.stream.write(f"\rscored {self.n} pages ({self.errors} errors) {rate:.0f} pages/s")
            self.stream.flush()

    def done(self) -> None:
        if self.enabled and self.n:
            self.stream.write("\n")


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
