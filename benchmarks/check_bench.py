"""`timeline check` on a large broken events file: every event wrong, so that every problem is counted.

Writes an events file of N events (230,000 by default, 9 MB: each with an id that is not a slug, an impossible
date and four required fields missing, 6 problems each) beside a copy of the bundled corpus, runs
`timeline check` on it in a fresh process, and prints its wall and CPU time and peak memory. The command must say
how many problems there are and exit 1.

    python benchmarks/check_bench.py [--events 230000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def write_broken(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write("actors: []\nevents:\n")
        for n in range(count):
            out.write(f"  - id: Bad {n}\n    date: 2021-13-{n % 40}\n")


def check_once(events: Path) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds and peak memory (MB) of one `timeline check`, and its last line (the count)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    command = [sys.executable, "-m", "tui", "check", "--events", str(events), "--corpus", str(ROOT / "corpus")]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 1:
        raise SystemExit(f"timeline check exited {done.returncode}, not 1: {done.stderr[-500:]}")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu, after.ru_maxrss / 1024, (done.stdout + done.stderr).strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=230_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        events = Path(tmp) / "events.yaml"
        write_broken(events, args.events)
        size = events.stat().st_size / 2**20
        runs = [check_once(events) for _ in range(args.runs)]
    wall, cpu = statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)
    print(f"timeline check on {args.events:,} broken events ({size:.1f} MB): {runs[-1][3]}")
    print(f"median of {args.runs}: {wall:.2f} s wall, {cpu:.2f} s CPU; peak memory {max(r[2] for r in runs):.0f} MB")
    summary = {"events": args.events, "check_s": round(wall, 2), "check_cpu_s": round(cpu, 2)}
    print(json.dumps({**summary, "peak_mb": round(max(r[2] for r in runs))}))


if __name__ == "__main__":
    main()
