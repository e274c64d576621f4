"""Memory flatness: peak RSS of ``healthcred score`` streaming 1,000 and 100,000 records (JSONL and WARC).

Run (not part of the test suite)::

    python tests/benchmarks/bench_memory.py                       # 1,000 and 100,000 records, both formats
    python tests/benchmarks/bench_memory.py --sizes 1000 10000 --json memory.json

The pages are small generated health pages (about 2.5 KB of HTML, some 300 words, English, each a
little different), so that 100,000 of them score in minutes; the claim under test is that peak memory
does not grow with the number of records, which small pages show as well as large ones. Peak RSS is
the ``ru_maxrss`` of the ``healthcred`` process, read with ``os.wait4`` when it exits.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

LIMIT_MB = 500.0

# Sentences written for this benchmark; pages draw from them so that no two pages are identical.
_SENTENCES = (
    "Ibuprofen is a nonsteroidal anti-inflammatory drug used for pain, fever and swelling.",
    "Take the lowest dose that works for the shortest time, and read the leaflet in the pack.",
    "Stomach upset, heartburn and nausea are the side effects people notice most often.",
    "People with kidney disease or a history of stomach ulcers should ask a doctor first.",
    "Our pharmacist reviewed this page in March and will review it again next year.",
    "Some readers ask whether the tablets can be taken with food; taking them with a meal helps the stomach.",
    "Do not combine two medicines that contain the same active ingredient.",
    "If you take blood thinners, talk to your doctor before using any pain reliever.",
    "Children need a dose based on their weight, so use the syringe that comes with the liquid.",
    "Call emergency services if you notice swelling of the face, lips or throat.",
    "A large review of trials found that the drug eases period pain for most women.",
    "Keep all medicines out of the sight and reach of children.",
)


def _page(i: int, rng: random.Random) -> str:
    paras = []
    for _ in range(6):
        paras.append("<p>" + " ".join(rng.choice(_SENTENCES) for _ in range(4)) + "</p>")
    return (f"<html><head><title>Pain relief guide {i}</title><meta name=\"author\" content=\"Staff writer {i % 97}\">"
            f"</head><body><article><h1>Pain relief, part {i}</h1>{''.join(paras)}"
            f"<p>See <a href=\"https://example.org/guide/{i}\">the full guide</a>.</p></article></body></html>")


def make_jsonl(path: Path, n: int) -> None:
    rng = random.Random(1)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"p{i}", "url": f"https://example.org/p/{i}", "html": _page(i, rng)}) + "\n")


def make_warc(path: Path, n: int) -> None:
    rng = random.Random(1)
    with open(path, "wb") as fh:
        for i in range(n):
            body = _page(i, rng).encode("utf-8")
            http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: "
                    + str(len(body)).encode() + b"\r\n\r\n" + body)
            head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{uuid.UUID(int=i)}>\r\n"
                    f"WARC-Target-URI: https://example.org/p/{i}\r\nContent-Type: application/http; msgtype=response\r\n"
                    f"Content-Length: {len(http)}\r\n\r\n").encode()
            fh.write(gzip.compress(head + http + b"\r\n\r\n", compresslevel=1))


def score_peak_rss(inp: Path, out: Path, extra: list[str]) -> dict[str, float]:
    """Run ``healthcred score`` on ``inp``; its wall time and peak RSS (MB)."""
    cmd = [sys.executable, "-m", "classifier", "score", str(inp), "-o", str(out), "--quiet", *extra]
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{cmd} failed ({proc.returncode}): {err[-2000:]}")
    statuses: dict[str, int] = {}
    with open(out, encoding="utf-8") as fh:
        for line in fh:
            status = json.loads(line).get("status")
            statuses[status] = statuses.get(status, 0) + 1
    return {"seconds": wall, "peak_rss_mb": usage.ru_maxrss / 1024.0, "rows": sum(statuses.values()),
            "statuses": statuses}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000])
    p.add_argument("--formats", nargs="+", choices=("jsonl", "warc"), default=["jsonl", "warc"])
    p.add_argument("--workdir", help="where to write the generated inputs (default: a temporary directory)")
    p.add_argument("--json", help="also write the figures to this file")
    p.add_argument("--jobs", type=int, default=1)
    args = p.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        for fmt in args.formats:
            for n in args.sizes:
                inp = Path(tmp) / (f"pages{n}.jsonl" if fmt == "jsonl" else f"pages{n}.warc.gz")
                (make_jsonl if fmt == "jsonl" else make_warc)(inp, n)
                r = score_peak_rss(inp, Path(tmp) / "out.jsonl", ["--jobs", str(args.jobs)])
                r.update(format=fmt, records=n, input_mb=inp.stat().st_size / 2**20, pages_per_s=n / r["seconds"])
                results.append(r)
                inp.unlink()
                print(f"{fmt:5} {n:>7} records ({r['input_mb']:.0f} MB): peak RSS {r['peak_rss_mb']:.0f} MB, "
                      f"{r['seconds']:.0f} s ({r['pages_per_s']:.0f} pages/s), {r['rows']} rows {r['statuses']}", flush=True)
    worst = max(r["peak_rss_mb"] for r in results)
    print(f"largest peak RSS {worst:.0f} MB ({'below' if worst < LIMIT_MB else 'ABOVE'} {LIMIT_MB:.0f} MB)")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0 if worst < LIMIT_MB else 1


if __name__ == "__main__":
    raise SystemExit(main())
