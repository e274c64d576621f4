"""Scoring time of adversarial pages grows linearly with their size (125 KB → 1 MB).

Run: ``/work/venv/bin/python tests/benchmarks/bench_adversarial.py`` (or ``pytest -m benchmark
tests/benchmarks/bench_adversarial.py -s``). Pages are English up front (so every detector runs) and then
long runs of near-matches for typical detector patterns (see ``tests/fixtures/robustness/support.py``).
Each size is scored end to end with ``score`` (limits raised so that the time is measured, not cut).
Prints one line per page kind and size, the ratio time(1 MB)/time(125 KB) (linear ≈ 8), and the slowest page.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fixtures.robustness import support  # noqa: E402

SIZES = (125_000, 250_000, 500_000, 1_000_000)
KINDS = {
    "adversarial_html": support.adversarial_html,
    "adversarial_text": support.adversarial_text,
    "many_links": lambda n: "<p>" + support.PREAMBLE + "<a href='https://x.example/buy'>buy now</a> " * (n // 45),
    "deep_div": lambda n: support.deep_nesting("div", n // 11),
    "deep_ul": lambda n: support.deep_nesting("ul", n // 9),
    # Runs that made patterns rescan from every position: dots, no-break spaces between drug words, "get ... now".
    "runs": lambda n: (support.PREAMBLE + ("." * 20_000 + " Valium is a" + "\u00a0" * 20_000 + "diazepam. "
                                           + "get " * 5_000 + "\n") * (n // 60_000 + 1))[:n],
}


def measure(kinds: dict = KINDS, sizes: tuple[int, ...] = SIZES) -> list[dict]:
    from classifier import Options, score

    options = Options(max_bytes=4 * max(sizes), timeout=3600)
    rows = []
    with support.scoring_ready():
        score(support.PREAMBLE)  # start-up is not part of the measurement
        for kind, make in kinds.items():
            for size in sizes:
                page = make(size)
                t0 = time.perf_counter()
                r = score(page, options=options)
                rows.append({"kind": kind, "bytes": len(page.encode("utf-8")), "seconds": round(time.perf_counter() - t0, 3),
                             "status": r.status, "reason": (r.reason or "")[:60], "flags": len(r.flags)})
    return rows


def summary(rows: list[dict]) -> str:
    lines = [f"{'kind':18s} {'bytes':>9s} {'seconds':>8s}  status  flags"]
    for r in rows:
        lines.append(f"{r['kind']:18s} {r['bytes']:9d} {r['seconds']:8.2f}  {r['status']:6s} {r['flags']:6d} {r['reason']}")
    for kind in dict.fromkeys(r["kind"] for r in rows):
        ks = [r for r in rows if r["kind"] == kind]
        ratio = ks[-1]["seconds"] / max(ks[0]["seconds"], 1e-3)
        lines.append(f"{kind}: time({ks[-1]['bytes']})/time({ks[0]['bytes']}) = {ratio:.1f} (size ratio {ks[-1]['bytes'] / ks[0]['bytes']:.1f})")
    worst = max(rows, key=lambda r: r["seconds"])
    lines.append(f"slowest: {worst['kind']} {worst['bytes']} bytes in {worst['seconds']:.2f} s")
    return "\n".join(lines)


@pytest.mark.benchmark
def test_adversarial_scaling() -> None:
    rows = measure()
    print("\n" + summary(rows))
    for kind in KINDS:
        ks = [r for r in rows if r["kind"] == kind]
        # Linear would be 8x from 125 KB to 1 MB; quadratic 64x. Allow noise on a shared machine.
        assert ks[-1]["seconds"] <= 30 * max(ks[0]["seconds"], 0.05), kind


if __name__ == "__main__":
    out = measure()
    print(summary(out))
    print(json.dumps(out))
