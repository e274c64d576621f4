"""``healthcred bench``: pages/s, peak memory and start-up, measured against baselines in the same run.

Machines differ and are often shared, so absolute pages/s mean little on their own: every run also
times two baselines a user knows (a bare Lexbor parse with selectolax and
``trafilatura.extract(..., with_metadata=True)``) on the same pages, and prints the ratios. Rates are
given by wall-clock time and by CPU time of the scoring process; on a shared machine the CPU-time
figure is the one-core throughput, the wall-clock figure what a user waits.

What one run prints:

1. start-up in a fresh interpreter: ``import classifier``, ``classifier.load_resources()`` (detectors,
   facts, model), then the first page (whatever a stage loads lazily lands there);
2. end-to-end pages/s on one core (:func:`~classifier.pipeline.score_many`, ``jobs=1``) with every page
   scored fully (``languages=()``: the headline), with the default options (pages not in English stop
   after parsing and language id) and on the English pages alone;
3. pages/s with ``--jobs`` worker processes (cold: workers start; warm: workers reused);
4. the baselines and the ratios;
5. peak RSS of the scoring process;
6. a stage breakdown of the full scoring (parse, language, sentences, words, each detector by name,
   claim checks, features, model), in CPU time, so that the slow stage is obvious.

``--profile OUT`` also writes a pyinstrument text profile of the one-core full run.
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
# The first page of the start-up probe: short, English, with a drug claim, so every stage runs.
_PROBE_PAGE = (
    "<html><head><title>Sleep aids</title></head><body><article><h1>About zolpidem</h1>"
    "<p>Zolpidem is a prescription sleep medicine. It can cause drowsiness the next morning, and it should "
    "not be mixed with alcohol. Talk to your doctor before you stop taking it, because stopping suddenly "
    "may cause withdrawal symptoms. Buy zolpidem online without a prescription at our pharmacy!</p>"
    "</article></body></html>"
)


# --------------------------------------------------------------------------------------------------
# public entry points


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
                  profile=args.profile, dask=args.dask, out=sys.stdout)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


def run(pages_dir: Path, *, replicate: int = 3, jobs: int = 2, baselines: bool = True,
        profile: str | None = None, dask: bool = False, out: Any = None) -> dict[str, Any]:
    """Measure everything once and return the figures as a JSON-ready dict (printing as it goes)."""
    say = _printer(out or sys.stdout)
    pages = _load_pages(pages_dir)
    if not pages:
        raise ValueError(f"no .html/.htm pages in {pages_dir}")
    say(f"pages: {len(pages)} files from {pages_dir} x {replicate} = {len(pages) * replicate} "
        f"(avg {sum(map(len, pages)) / len(pages) / 1024:.0f} KB)")
    results: dict[str, Any] = {"pages_dir": str(pages_dir), "n_files": len(pages), "replicate": replicate,
                               "python": sys.version.split()[0]}

    results["startup"] = st = measure_startup()
    say(f"start-up, fresh interpreter: import {st['import_s']:.2f} s + load_resources {st['load_s']:.2f} s = "
        f"{st['import_s'] + st['load_s']:.2f} s ({st['rss_after_load_mb']:.0f} MB RSS); first page "
        f"+{st['first_page_s']:.2f} s ({st['peak_rss_mb']:.0f} MB peak RSS); model {st['model']}")

    from . import pipeline

    results["model"] = _load_or_placeholder(say)
    full, default = Options(languages=()), Options()
    # Warm-up: first-call costs (lazy imports and tables) are start-up, measured above, not throughput.
    list(pipeline.score_many(pages[:5], options=full))
    list(pipeline.score_many(pages[:5], options=default))
    reps = pages * replicate

    rates: dict[str, dict[str, float]] = {}
    statuses: dict[str, Any] = {}
    rates["full_1job"], statuses["full"] = _time_scoring(reps, full, 1)
    rates["default_1job"], statuses["default"] = _time_scoring(reps, default, 1)
    english = [p for p, r in zip(pages, pipeline.score_many(pages, options=default), strict=True) if r.language == "en"]
    results["n_english_files"] = len(english)
    if english:
        rates["english_only_1job"], statuses["english"] = _time_scoring(english * replicate, default, 1)
    # Read before the baselines and the parallel runs: trafilatura's imports and caches are not ours.
    results["peak_rss_mb"] = _peak_rss_mb()
    if jobs > 1 and results["model"] == "placeholder":
        say(f"WARNING: no {jobs}-job figure: worker processes cannot use the placeholder model")
        jobs = 1
    if jobs > 1:
        # The first parallel call pays for spawning workers and loading their resources: reported apart.
        rates[f"full_{jobs}jobs_cold"], _ = _time_scoring(reps, full, jobs)
        rates[f"full_{jobs}jobs"], _ = _time_scoring(reps, full, jobs)
    if dask and results["model"] == "loaded":
        rates[f"dask_{jobs}workers"] = _time_dask(pages_dir, replicate, full, jobs)
    results["pages_per_s"] = rates
    results["statuses"] = statuses

    base: dict[str, dict[str, float]] = {}
    ratios: dict[str, float] = {}
    if baselines:
        base["selectolax_lexbor_parse"] = _rate(reps, _lexbor_parse)
        base["trafilatura_extract_with_metadata"] = _rate(reps, _trafilatura)
        for clock in ("cpu", "wall"):
            ratios[f"full_1job_vs_trafilatura_{clock}"] = (
                rates["full_1job"][clock] / base["trafilatura_extract_with_metadata"][clock])
            ratios[f"full_1job_vs_lexbor_parse_{clock}"] = (
                rates["full_1job"][clock] / base["selectolax_lexbor_parse"][clock])
    if jobs > 1:
        ratios[f"{jobs}jobs_speedup_wall"] = rates[f"full_{jobs}jobs"]["wall"] / rates["full_1job"]["wall"]
        # On a shared machine the cores are not all ours: measure how many a CPU-bound loop gets right now,
        # so that the speed-up can be read against what was available.
        results["effective_cores"] = cores = effective_cores(jobs)
        ratios[f"{jobs}jobs_speedup_per_available_core"] = ratios[f"{jobs}jobs_speedup_wall"] / cores
    if f"dask_{jobs}workers" in rates:
        ratios[f"dask_{jobs}workers_speedup_wall"] = rates[f"dask_{jobs}workers"]["wall"] / rates["full_1job"]["wall"]
    results["baselines_pages_per_s"] = base
    results["ratios"] = ratios
    results["stages"] = stage_breakdown(reps, full)
    _print_summary(say, results)
    if profile:  # a run of its own: the profiler's overhead must not enter the figures above
        _time_scoring(reps, full, 1, profile=profile)
        say(f"profile of the one-core full run written to {profile}")
    return results


def measure_startup(python: str | None = None) -> dict[str, Any]:
    """Start-up of a fresh interpreter: import, load_resources, then one first page (times and RSS)."""
    code = "import time; t0 = time.perf_counter(); from classifier.bench import _startup_probe; _startup_probe(t0)"
    t = time.perf_counter()
    proc = subprocess.run([python or sys.executable, "-c", code], capture_output=True, text=True)
    if proc.returncode != 0:
        lines = proc.stderr.strip().splitlines() or ["no output"]
        raise RuntimeError(f"the start-up probe failed: {lines[-1]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["process_s"] = time.perf_counter() - t
    return result


def effective_cores(jobs: int, n: int = 5_000_000) -> float:
    """How many cores ``jobs`` processes get at the moment: one busy loop alone vs ``jobs`` at once."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(_burn, [1000] * jobs))  # start the processes before timing
        t = time.perf_counter()
        pool.submit(_burn, n).result()
        alone = time.perf_counter() - t
        t = time.perf_counter()
        list(pool.map(_burn, [n] * jobs))
        together = time.perf_counter() - t
    return min(float(jobs), jobs * alone / together)


def _burn(n: int) -> int:
    s = 0
    for i in range(n):
        s += i * i
    return s


def stage_breakdown(pages: Sequence[bytes], options: Options) -> list[dict[str, Any]]:
    """CPU seconds per stage over ``pages``, running the stages of the pipeline one by one.

    Lazily cached page attributes (sentences, lower case) get stages of their own before the detectors,
    so that each detector's time is its own work. (The word spans are not one: no stage uses them.)
    """
    from . import pipeline
    from .claims import check_claims
    from .features import page_features
    from .page import parse

    res = pipeline._resources(options)
    totals: dict[str, float] = {}

    def timed(name: str, fn: Callable[[], Any]) -> Any:
        t = time.process_time()
        value = fn()
        totals[name] = totals.get(name, 0.0) + time.process_time() - t
        return value

    n_scored = 0
    for raw in pages:
        page = timed("parse (decode, main text, links, meta)", lambda raw=raw: parse(raw))
        timed("n_words", lambda page=page: page.n_words)
        if page.n_words < options.min_words:
            continue
        timed("language id", lambda page=page: pipeline._language(page))
        n_scored += 1
        timed("sentences", lambda page=page: page.sentences)
        timed("lower (Page.lower)", lambda page=page: page.lower)
        flags: list = []
        for det in res.detectors:
            flags.extend(timed(f"detector {det.name}", lambda det=det, page=page: det.detect(page)))
        claims, claim_flags = timed("check_claims", lambda page=page: check_claims(page, res.facts))
        flags.extend(claim_flags)
        features = timed("features", lambda page=page, flags=flags, claims=claims: page_features(
            page, flags, claims, tokens=res.tokens))
        timed("model (with its word component where it applies)", lambda features=features, page=page: (
            res.model.predict(features, text=page.text) if res.reads_text else res.model.predict(features)))
    total = sum(totals.values())
    return [{"stage": name, "cpu_s": s, "ms_per_page": 1000 * s / len(pages), "share": s / total if total else 0.0,
             "pages_per_s_alone": len(pages) / s if s else None, "n_pages": len(pages), "n_scored": n_scored}
            for name, s in totals.items()]


# --------------------------------------------------------------------------------------------------
# private helpers


def _startup_probe(t0: float) -> None:
    """Run in the fresh interpreter of :func:`measure_startup`; prints one JSON line."""
    import classifier

    t1 = time.perf_counter()
    from .model import ModelNotFoundError

    model = "loaded"
    try:
        classifier.load_resources()
    except ModelNotFoundError:
        model = "missing (placeholder)"
        _use_placeholder_model()
        classifier.load_resources()
    t2 = time.perf_counter()
    rss_load = _peak_rss_mb()
    report = classifier.score(_PROBE_PAGE, options=Options(languages=()))
    t3 = time.perf_counter()
    print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1, "first_page_s": t3 - t2, "model": model,
                      "rss_after_load_mb": rss_load, "peak_rss_mb": _peak_rss_mb(), "probe_status": report.status}))


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="healthcred bench", description=__doc__.split("\n\n")[0])
    p.add_argument("--pages", help="directory of .html pages (default: ../shared/datasets/html/trafilatura_test_pages)")
    p.add_argument("--replicate", type=int, default=3, help="score the pages this many times (default 3)")
    p.add_argument("--jobs", type=int, default=2, help="worker processes for the parallel figure (default 2)")
    p.add_argument("--json", metavar="OUT", help="also write every figure to this JSON file")
    p.add_argument("--no-baselines", action="store_true", help="skip trafilatura and the bare parse")
    p.add_argument("--profile", metavar="OUT", help="write a pyinstrument profile of the one-core run (text)")
    p.add_argument("--dask", action="store_true",
                   help="also score the pages with the Dask engine on a local cluster of --jobs workers")
    return p


def _load_or_placeholder(say: Callable[[str], None]) -> str:
    """Load the resources; without a trained model, time everything else with a no-op model stage."""
    from . import model, pipeline

    try:
        pipeline.load_resources()
        return "loaded"
    except model.ModelNotFoundError as exc:
        say(f"WARNING: {exc}; the model stage is a no-op placeholder in this run (figures are optimistic)")
    _use_placeholder_model()
    pipeline.load_resources()
    return "placeholder"


def _use_placeholder_model() -> None:
    # pipeline._resources imports load_model from classifier.model when called, so this patch reaches
    # it; worker processes (jobs > 1) do not see it.
    from . import model

    class _NoModel:
        def predict(self, features: Any) -> Any:
            return model.Prediction(None, None, ("no trained model",))

    model.load_model = lambda options: _NoModel()


def _default_pages_dir() -> Path | None:
    from .resources import shared_dir

    root = shared_dir()
    return None if root is None else root.joinpath(*DEFAULT_PAGES)


def _load_pages(root: Path) -> list[bytes]:
    files = sorted(p for p in root.iterdir() if p.suffix.lower() in (".html", ".htm"))
    return [p.read_bytes() for p in files]


def _time_scoring(pages: Sequence[bytes], options: Options, jobs: int,
                  profile: str | None = None) -> tuple[dict[str, float], dict[str, int]]:
    from .pipeline import score_many

    counts: dict[str, int] = {}
    profiler = _start_profiler() if profile else None
    wall, cpu = time.perf_counter(), time.process_time()
    for r in score_many(pages, jobs=jobs, options=options):
        counts[r.status] = counts.get(r.status, 0) + 1
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if profiler is not None:
        profiler.stop()
        Path(profile).write_text(profiler.output_text(unicode=True, color=False), encoding="utf-8")
    rate = {"wall": len(pages) / wall}
    if jobs == 1:  # with workers, this process's CPU time says nothing about throughput
        rate["cpu"] = len(pages) / cpu
    return rate, counts


def _time_dask(pages_dir: Path, replicate: int, options: Options, workers: int) -> dict[str, float]:
    """Wall-clock pages/s of the Dask engine on a local cluster (started before the clock runs)."""
    from .resources import require_extra

    distributed = require_extra("distributed", "dask")
    from .dask import score_paths_dask

    with distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        paths = [pages_dir] * replicate
        list(score_paths_dask([pages_dir], options=options, scheduler=cluster.scheduler_address))  # warm-up
        t = time.perf_counter()
        n = sum(1 for _ in score_paths_dask(paths, options=options, scheduler=cluster.scheduler_address,
                                            records_per_partition=32))
        return {"wall": n / (time.perf_counter() - t)}


def _start_profiler() -> Any:
    from .resources import require_extra

    profiler = require_extra("pyinstrument", "bench").Profiler(interval=0.0005)
    profiler.start()
    return profiler


def _rate(pages: Sequence[bytes], fn: Callable[[bytes], Any]) -> dict[str, float]:
    fn(pages[0])  # warm-up (imports)
    wall, cpu = time.perf_counter(), time.process_time()
    for p in pages:
        fn(p)
    return {"wall": len(pages) / (time.perf_counter() - wall), "cpu": len(pages) / (time.process_time() - cpu)}


def _lexbor_parse(raw: bytes) -> Any:
    from selectolax.lexbor import LexborHTMLParser

    return LexborHTMLParser(raw)


def _trafilatura(raw: bytes) -> Any:
    from .resources import require_extra

    return require_extra("trafilatura", "bench").extract(raw, with_metadata=True)


def _peak_rss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    return kb / 1024.0 / (1024.0 if sys.platform == "darwin" else 1.0)


def _printer(out: Any) -> Callable[[str], None]:
    def say(line: str) -> None:
        print(line, file=out, flush=True)

    return say


def _print_summary(say: Callable[[str], None], results: dict[str, Any]) -> None:
    rates, base, ratios = results["pages_per_s"], results["baselines_pages_per_s"], results["ratios"]
    labels = {
        "full_1job": "1 job, every page scored fully (languages=()) [headline]",
        "default_1job": "1 job, default options (non-English pages skipped after language id)",
        "english_only_1job": f"1 job, the {results.get('n_english_files', 0)} English pages only (default options)",
    }
    for key in rates:
        if key.endswith("jobs_cold"):
            labels[key] = f"{key.split('_')[1]}, full, first call (workers start, load resources)"
        elif key.endswith("jobs"):
            labels[key] = f"{key.split('_')[1]}, full, warm workers"
        elif key.startswith("dask_"):
            labels[key] = f"Dask LocalCluster, {key.split('_')[1]}, full, warm (records_per_partition=32)"
    say(f"\n{'end-to-end pages/s':<90} {'cpu':>8} {'wall':>8}")
    for key, label in labels.items():
        if key in rates:
            say(f"  {label:<88} {_num(rates[key].get('cpu'))} {_num(rates[key]['wall'])}")
    for key, value in base.items():
        say(f"  {'baseline: ' + key:<88} {_num(value['cpu'])} {_num(value['wall'])}")
    if ratios:
        say("ratios")
        for key, value in ratios.items():
            say(f"  {key:<88} {value:8.2f}")
    if "effective_cores" in results:
        say(f"effective cores available to the parallel runs (busy-loop check in this run): {results['effective_cores']:.2f}")
    say(f"statuses: {results['statuses']}")
    say(f"peak RSS of the scoring process (before the baselines and workers): {results['peak_rss_mb']:.0f} MB")
    stages = results["stages"]
    say(f"\nstage breakdown, CPU time (full scoring, {stages[0]['n_pages'] if stages else 0} pages, "
        f"{stages[0]['n_scored'] if stages else 0} past the length check)")
    say(f"  {'stage':<48} {'cpu s':>8} {'ms/page':>8} {'share':>6} {'pages/s alone':>14}")
    for s in sorted(stages, key=lambda s: -s["cpu_s"]):
        say(f"  {s['stage']:<48} {s['cpu_s']:8.3f} {s['ms_per_page']:8.3f} {100 * s['share']:5.1f}% "
            f"{_num(s['pages_per_s_alone'], 14)}")


def _num(x: float | None, width: int = 8) -> str:
    return f"{'-':>{width}}" if x is None else f"{x:{width}.1f}"


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
