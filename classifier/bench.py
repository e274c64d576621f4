"""``healthcred bench``: pages/s, peak memory and start-up, measured against baselines in the same run.

Machines differ and are often shared, so absolute pages/s mean little on their own: every run also
times two baselines a user knows (a bare Lexbor parse with selectolax and
``trafilatura.extract(..., with_metadata=True)``) on the same pages, and prints the ratios.

What one run prints:

1. start-up: a fresh interpreter timing ``import classifier; classifier.load_resources()``;
2. end-to-end pages/s on one core (:func:`~classifier.pipeline.score_many`, ``jobs=1``), with every page
   scored fully (``languages=()``: the headline figure), with the default options (pages not in English
   stop after parsing and language id) and on the English pages alone;
3. pages/s with ``--jobs`` worker processes;
4. the baselines and the ratios;
5. a stage breakdown of the full scoring (parse, language, sentences, words, each detector by name,
   claim checks, features, model), so that the slow stage is obvious;
6. peak RSS of this process.

``--profile OUT`` writes a pyinstrument text profile of the one-core full run as well.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .options import Options

#: Page corpus used when ``--pages`` is not given (117 real pages, most of them not in English).
DEFAULT_PAGES = ("datasets", "html", "trafilatura_test_pages")
_STARTUP_CODE = """
import resource, time
t = time.perf_counter()
import classifier
from classifier.model import ModelNotFoundError
try:
    classifier.load_resources()
    model = "loaded"
except ModelNotFoundError:
    from classifier import detectors, facts
    facts.load_facts()
    model = "missing"
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, model)
"""


# --------------------------------------------------------------------------------------------------
# public entry point


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print its figures (``healthcred bench --help`` for the options)."""
    args = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    pages_dir = Path(args.pages) if args.pages else _default_pages_dir()
    if pages_dir is None or not pages_dir.is_dir():
        print(f"healthcred bench: error: no page directory (got {pages_dir}); pass --pages DIR", file=sys.stderr)
        return 2
    if args.replicate < 1 or args.jobs < 1:
        print("healthcred bench: error: --replicate and --jobs must be positive", file=sys.stderr)
        return 2
    results = run(pages_dir, replicate=args.replicate, jobs=args.jobs, baselines=not args.no_baselines,
                  profile=args.profile, out=sys.stdout)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


def run(pages_dir: Path, *, replicate: int = 3, jobs: int = 2, baselines: bool = True,
        profile: str | None = None, out: Any = None) -> dict[str, Any]:
    """Measure everything once and return the figures as a JSON-ready dict (printing as it goes)."""
    out = out or sys.stdout
    say = _printer(out)
    pages = _load_pages(pages_dir)
    say(f"pages: {len(pages)} files from {pages_dir} x {replicate} = {len(pages) * replicate} "
        f"(avg {sum(map(len, pages)) / max(len(pages), 1) / 1024:.0f} KB)")
    results: dict[str, Any] = {"pages_dir": str(pages_dir), "n_files": len(pages), "replicate": replicate,
                               "python": sys.version.split()[0]}

    results["startup"] = startup = measure_startup()
    say(f"start-up (import classifier + load_resources, fresh interpreter): {startup['seconds']:.2f} s, "
        f"{startup['peak_rss_mb']:.0f} MB peak RSS; whole process {startup['process_seconds']:.2f} s; "
        f"model {startup['model']}")

    from . import pipeline

    t0 = time.perf_counter()
    results["model"] = _load_or_placeholder(say)
    results["load_resources_in_process_s"] = time.perf_counter() - t0

    full, default = Options(languages=()), Options()
    # Warm-up: first-call costs (lazy imports, the language model) belong to start-up, not to throughput.
    list(pipeline.score_many(pages[:5], options=full))
    list(pipeline.score_many(pages[:5], options=default))
    reps = pages * replicate

    rates: dict[str, float] = {}
    statuses: dict[str, Any] = {}
    rates["full_1job"], statuses["full"] = _time_scoring(reps, full, 1, profile=profile)
    rates["default_1job"], statuses["default"] = _time_scoring(reps, default, 1)
    english = [p for p, r in zip(pages, pipeline.score_many(pages, options=default), strict=True) if r.language == "en"]
    results["n_english_files"] = len(english)
    if english:
        rates["english_only_1job"], statuses["english"] = _time_scoring(english * replicate, default, 1)
    if jobs > 1:
        # The first parallel call pays for spawning workers and loading their resources: report it apart.
        rates[f"full_{jobs}jobs_cold"], _ = _time_scoring(reps, full, jobs)
        rates[f"full_{jobs}jobs"], _ = _time_scoring(reps, full, jobs)
    results["pages_per_s"] = rates
    results["statuses"] = statuses

    if baselines:
        base = results["baselines_pages_per_s"] = {
            "selectolax_lexbor_parse": _rate(reps, _lexbor_parse),
            "trafilatura_extract_with_metadata": _rate(reps, _trafilatura),
        }
        ratios = results["ratios"] = {
            "full_1job_vs_trafilatura": rates["full_1job"] / base["trafilatura_extract_with_metadata"],
            "full_1job_vs_lexbor_parse": rates["full_1job"] / base["selectolax_lexbor_parse"],
        }
    else:
        base, ratios = {}, {}
    if jobs > 1:
        ratios[f"{jobs}jobs_speedup"] = rates[f"full_{jobs}jobs"] / rates["full_1job"]

    results["stages"] = stages = stage_breakdown(reps, full)
    results["peak_rss_mb"] = _peak_rss_mb()
    _print_summary(say, results, rates, base, ratios, stages, jobs)
    return results


def measure_startup(python: str | None = None) -> dict[str, float]:
    """Start-up of a fresh interpreter: import + model + facts (in-process time and whole-process time)."""
    t = time.perf_counter()
    proc = subprocess.run([python or sys.executable, "-c", _STARTUP_CODE], capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t
    seconds, maxrss, model = proc.stdout.split()
    return {"seconds": float(seconds), "process_seconds": wall, "peak_rss_mb": _kb_to_mb(int(maxrss)), "model": model}


def stage_breakdown(pages: Sequence[bytes], options: Options) -> list[dict[str, Any]]:
    """Seconds spent per stage over ``pages``, running the stages of the pipeline one by one.

    Lazily cached page attributes (sentences, words, lower case) are computed in stages of their own
    before the detectors, so that each detector's time is its own work.
    """
    from . import pipeline
    from .claims import check_claims
    from .features import page_features
    from .page import parse

    res = pipeline._resources(options)
    totals: dict[str, float] = {}

    def timed(name: str, fn: Callable[[], Any]) -> Any:
        t = time.perf_counter()
        value = fn()
        totals[name] = totals.get(name, 0.0) + time.perf_counter() - t
        return value

    n_scored = 0
    for raw in pages:
        page = timed("parse (decode, main text, links, meta)", lambda raw=raw: parse(raw))
        timed("language id", lambda page=page: pipeline._language(page))
        timed("n_words", lambda page=page: page.n_words)
        if page.n_words < options.min_words:
            continue
        n_scored += 1
        timed("sentences", lambda page=page: page.sentences)
        timed("words + lower", lambda page=page: (page.words, page.lower))
        flags: list = []
        for det in res.detectors:
            flags.extend(timed(f"detector {det.name}", lambda det=det, page=page: det.detect(page)))
        claims, claim_flags = timed("check_claims", lambda page=page: check_claims(page, res.facts))
        flags.extend(claim_flags)
        features = timed("features", lambda page=page, flags=flags, claims=claims: page_features(page, flags, claims))
        timed("model", lambda features=features: res.model.predict(features))
    total = sum(totals.values())
    return [{"stage": name, "seconds": s, "ms_per_page": 1000 * s / max(len(pages), 1),
             "share": s / total if total else 0.0, "pages_per_s_alone": len(pages) / s if s else float("inf"),
             "n_pages": len(pages), "n_scored": n_scored}
            for name, s in totals.items()]


# --------------------------------------------------------------------------------------------------
# private helpers


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="healthcred bench", description=__doc__.split("\n\n")[0])
    p.add_argument("--pages", help="directory of .html pages (default: ../shared/datasets/html/trafilatura_test_pages)")
    p.add_argument("--replicate", type=int, default=3, help="score the pages this many times (default 3)")
    p.add_argument("--jobs", type=int, default=2, help="worker processes for the parallel figure (default 2)")
    p.add_argument("--json", metavar="OUT", help="also write every figure to this JSON file")
    p.add_argument("--no-baselines", action="store_true", help="skip trafilatura and the bare parse")
    p.add_argument("--profile", metavar="OUT", help="write a pyinstrument profile of the one-core run (text)")
    return p


def _load_or_placeholder(say: Callable[[str], None]) -> str:
    """Load the resources; without a trained model, time everything else with a no-op model stage."""
    from . import model, pipeline

    try:
        pipeline.load_resources()
        return "loaded"
    except model.ModelNotFoundError as exc:
        say(f"WARNING: {exc}; the model stage is a no-op placeholder in this run (figures are optimistic)")

    def placeholder(options: Options) -> Any:
        class _NoModel:
            def predict(self, features: Any) -> model.Prediction:
                return model.Prediction(None, None, ("no trained model",))

        return _NoModel()

    # pipeline._resources imports load_model from classifier.model at call time; with jobs > 1 the
    # workers are fresh processes that would not see this patch, so only one-core figures are valid.
    model.load_model = placeholder
    pipeline.load_resources()
    return "placeholder"


def _default_pages_dir() -> Path | None:
    from .resources import shared_dir

    root = shared_dir()
    return None if root is None else root.joinpath(*DEFAULT_PAGES)


def _load_pages(root: Path) -> list[bytes]:
    files = sorted(p for p in root.iterdir() if p.suffix.lower() in (".html", ".htm"))
    return [p.read_bytes() for p in files]


def _time_scoring(pages: Sequence[bytes], options: Options, jobs: int,
                  profile: str | None = None) -> tuple[float, dict[str, int]]:
    from .pipeline import score_many

    counts: dict[str, int] = {}
    profiler = _start_profiler() if profile else None
    t = time.perf_counter()
    for r in score_many(pages, jobs=jobs, options=options):
        counts[r.status] = counts.get(r.status, 0) + 1
    dt = time.perf_counter() - t
    if profiler is not None:
        profiler.stop()
        Path(profile).write_text(profiler.output_text(unicode=True, color=False, show_all=False), encoding="utf-8")
    return len(pages) / dt, counts


def _start_profiler() -> Any:
    from .resources import require_extra

    profiler = require_extra("pyinstrument", "bench").Profiler(interval=0.0005)
    profiler.start()
    return profiler


def _rate(pages: Sequence[bytes], fn: Callable[[bytes], Any]) -> float:
    fn(pages[0])  # warm-up (imports)
    t = time.perf_counter()
    for p in pages:
        fn(p)
    return len(pages) / (time.perf_counter() - t)


def _lexbor_parse(raw: bytes) -> Any:
    from selectolax.lexbor import LexborHTMLParser

    return LexborHTMLParser(raw)


def _trafilatura(raw: bytes) -> Any:
    from .resources import require_extra

    return require_extra("trafilatura", "bench").extract(raw, with_metadata=True)


def _peak_rss_mb() -> float:
    return _kb_to_mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _kb_to_mb(kb: int) -> float:
    # ru_maxrss is in kilobytes on Linux (bytes on macOS, where this overstates by 1024x).
    return kb / 1024.0 if sys.platform != "darwin" else kb / 1024.0 / 1024.0


def _printer(out: Any) -> Callable[[str], None]:
    def say(line: str) -> None:
        print(line, file=out, flush=True)

    return say


def _print_summary(say: Callable[[str], None], results: dict[str, Any], rates: dict[str, float],
                   base: dict[str, float], ratios: dict[str, float], stages: list[dict[str, Any]], jobs: int) -> None:
    say("\nend-to-end pages/s")
    labels = {
        "full_1job": "1 job, every page scored fully (languages=()) [headline]",
        "default_1job": "1 job, default options (non-English pages skipped after language id)",
        "english_only_1job": f"1 job, the {results.get('n_english_files', 0)} English pages only (default options)",
        f"full_{jobs}jobs_cold": f"{jobs} jobs, full, first call (workers start and load resources)",
        f"full_{jobs}jobs": f"{jobs} jobs, full, warm workers",
    }
    for key, label in labels.items():
        if key in rates:
            say(f"  {rates[key]:8.1f}  {label}")
    for key, value in base.items():
        say(f"  {value:8.1f}  baseline: {key}")
    if ratios:
        say("ratios")
        for key, value in ratios.items():
            say(f"  {value:8.2f}  {key}")
    say(f"statuses: {results['statuses']}")
    say(f"peak RSS of this process: {results['peak_rss_mb']:.0f} MB")
    say(f"\nstage breakdown (full scoring, {stages[0]['n_pages'] if stages else 0} pages)")
    say(f"  {'stage':<44} {'seconds':>8} {'ms/page':>8} {'share':>6} {'pages/s alone':>14}")
    for s in sorted(stages, key=lambda s: -s["seconds"]):
        say(f"  {s['stage']:<44} {s['seconds']:8.3f} {s['ms_per_page']:8.3f} {100 * s['share']:5.1f}% "
            f"{s['pages_per_s_alone']:14.0f}")


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
