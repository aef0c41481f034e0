"""Scale benchmark of the merge: cold merge, warm (cached) load, peak memory, recall and speed against exhaustive.

    .venv/bin/python benchmarks/merge_bench.py                      # N=2000 articles, M=1000 events
    .venv/bin/python benchmarks/merge_bench.py --articles 200 --events 100 --sample 50 --repeat 1

Exhaustive scoring is `process.cdist` of the event probes against every paragraph with the same scorer
(token_set_ratio) on all cores, for a sample of events (all 40,000 paragraphs each); recall is the share of the
(event, paragraph) pairs it finds above the threshold, in the matcher's scope, that the index's candidates hold,
and the speed ratio compares the time per event of both. The rare-word route is then checked end to end: for 20
of the sampled events, the passages kept when every paragraph is scored both ways, against those the index keeps.
Peak memory is the measuring process's
`resource.getrusage(RUSAGE_SELF).ru_maxrss` (the whole process: interpreter, corpus, index and cache). The cold
merge's CPU time is printed beside its wall time: on a busy machine the wall time varies, the CPU time less. The
cold merge is repeated (`--repeat`, each in a fresh process with an empty cache) and its median reported.
Exhaustive scoring needs numpy (rapidfuzz returns its matrix as a numpy array); `make test` installs it.
Figures are printed; nothing fails on timing.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))
FULLY_SCORED = 20  # events scored against every paragraph by both routes, in Python: slow


def measure(events_path: Path, corpus_dir: Path, sample: int, cold_only: bool) -> None:
    """Run in a fresh process so that its peak memory is the merge's."""
    from tui import align
    from tui.timeline import build_timeline

    start, cpu_start = time.perf_counter(), time.process_time()
    cold = build_timeline(events_path, corpus_dir)
    cold_time, cold_cpu = time.perf_counter() - start, time.process_time() - cpu_start
    if cold_only:
        print(f"cold merge: {cold_time:.2f} s ({cold_cpu:.2f} s CPU)")
        return
    start = time.perf_counter()
    warm = build_timeline(events_path, corpus_dir)
    warm_time = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert warm.passages == cold.passages, "the cached timeline differs from the merged one"
    paragraphs = sum(len(a.content_paragraphs) for a in cold.articles)
    passages = sum(len(p) for p in cold.passages.values())
    print(f"corpus: {len(cold.articles)} articles, {paragraphs} content paragraphs; {len(cold.events)} events")
    print(f"cold merge (load, validate, anchor, corroborate, write cache): {cold_time:.2f} s ({cold_cpu:.2f} s CPU)")
    print(f"warm load (from the cache): {warm_time:.3f} s")
    print(f"peak memory (ru_maxrss of the process): {peak_mb:.0f} MB")
    print(f"passages: {passages}; unanchored sources: {len(cold.unanchored)}")
    _compare(cold, sample, align)


def _compare(timeline, sample: int, align) -> None:
    from rapidfuzz import process

    index = timeline.index()
    events = random.Random(0).sample(list(timeline.events), min(sample, len(timeline.events)))
    probed = [align.event_probe(e) for e in events]
    probes, parts = [text for text, _ in probed], [tokens for _, tokens in probed]
    threshold = align.CORROBORATION_THRESHOLD

    curated = [[p for p in timeline.passages_of(e.id) if p.curated] for e in events]
    start = time.perf_counter()  # corroborate() = candidates from the index + scoring them
    fast_results = [align.corroborate(e, index, c) for e, c in zip(events, curated, strict=True)]
    fast_time = time.perf_counter() - start
    candidate_sets = [set(index.candidates(p).same_words) for p in parts]

    start = time.perf_counter()
    matrix = process.cdist(
        probes, index.texts, scorer=align.CORROBORATE_SCORER, score_cutoff=threshold, workers=-1, dtype="uint8"
    )
    exhaustive_time = time.perf_counter() - start

    above = found = 0
    for row, (event, candidates) in enumerate(zip(events, candidate_sets, strict=True)):
        scope = _scope(event, timeline, index, align)
        hits = [i for i in matrix[row].nonzero()[0].tolist() if i in scope]
        above += len(hits)
        found += sum(1 for i in hits if i in candidates)
    recall = found / above if above else 1.0
    print(
        f"exhaustive cdist ({len(events)} events x {len(index.texts)} paragraphs, all cores): {exhaustive_time:.2f} s"
    )
    print(f"index + scoring (same events, one core): {fast_time:.2f} s")
    print(f"speed ratio: {exhaustive_time / fast_time:.1f}x")
    print(
        f"recall of the candidates against exhaustive scoring: {recall:.4f} ({found}/{above} pairs >= {threshold:.0f})"
    )
    # Both routes, every paragraph scored (token_set_ratio and the rare-word cosine): the passages kept.
    few = min(len(events), FULLY_SCORED)
    expected = returned = 0
    for event, passages, chosen in zip(events[:few], fast_results, curated, strict=False):
        slow = {(p.article, p.paragraph) for p in align.corroborate(event, index, chosen, exhaustive=True)}
        expected += len(slow)
        returned += len(slow & {(p.article, p.paragraph) for p in passages})
    passages_recall = returned / expected if expected else 1.0
    print(
        f"recall of the passages kept against scoring every paragraph both ways ({few} events):"
        f" {passages_recall:.4f} ({returned}/{expected})"
    )


def _scope(event, timeline, index, align) -> set[int]:
    """Positions of the paragraphs corroborate() may return for `event`: what exhaustive scoring is held to."""
    cited = {s.article for s in event.sources}
    excluded = cited if len(cited) == 1 else set()
    taken = {(p.article, p.paragraph) for p in timeline.passages_of(event.id) if p.curated}
    return {
        i
        for i, ref in enumerate(index.refs)
        if index.word_counts[i] >= align.CORROBORATION_MIN_WORDS
        and ref.article not in excluded
        and (ref.article, ref.paragraph.number) not in taken
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=300, help="events scored exhaustively (default 300)")
    parser.add_argument("--dir", type=Path, help="reuse or keep the generated data here (default: a temp folder)")
    parser.add_argument("--repeat", type=int, default=5, help="cold merges, the median is reported (default 5)")
    parser.add_argument("--measure", choices=["cold", "all"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        measure(args.dir / "events.yaml", args.dir / "corpus", args.sample, args.measure == "cold")
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        directory = args.dir or Path(scratch) / "data"
        if not (directory / "events.yaml").exists():
            import synthetic

            start = time.perf_counter()
            synthetic.generate(directory, args.articles, args.events)
            print(f"generated {args.articles} articles, {args.events} events in {time.perf_counter() - start:.1f} s")
        command = [sys.executable, __file__, "--dir", str(directory), "--sample", str(args.sample), "--measure"]
        colds = []
        for run in range(1, args.repeat):
            env = {**os.environ, "TIMELINE_CACHE_DIR": str(Path(scratch) / f"cache-{run}")}
            done = subprocess.run([*command, "cold"], env=env, check=False, capture_output=True, text=True)
            if done.returncode:
                sys.stderr.write(done.stderr)
                return done.returncode
            colds.append(done.stdout.strip())
            print(f"run {run}: {colds[-1]}", flush=True)
        env = {**os.environ, "TIMELINE_CACHE_DIR": str(Path(scratch) / "cache")}
        done = subprocess.run([*command, "all"], env=env, check=False, capture_output=True, text=True)
        sys.stderr.write(done.stderr)
        print(done.stdout, end="")
        colds += [line for line in done.stdout.splitlines() if line.startswith("cold merge")]
        seconds = sorted(float(line.split(": ")[1].split()[0]) for line in colds)
        if len(seconds) > 1:
            print(f"cold merge over {len(seconds)} runs: median {statistics.median(seconds):.2f} s", end="")
            print(f" (fastest {seconds[0]:.2f} s, slowest {seconds[-1]:.2f} s)")
        return done.returncode


if __name__ == "__main__":
    sys.exit(main())
