"""Scale benchmark of the merge: cold merge, warm (cached) load, peak memory, recall and speed against exhaustive.

    .venv/bin/python benchmarks/merge_bench.py                      # N=2000 articles, M=1000 events
    .venv/bin/python benchmarks/merge_bench.py --articles 200 --events 100 --sample 50

Exhaustive scoring is `process.cdist` of the event probes against every paragraph with the same scorer
(token_set_ratio) on all cores, for a sample of events (all 40,000 paragraphs each); recall is the share of the
(event, paragraph) pairs it finds above the threshold, in the matcher's scope, that the index's candidates hold,
and the speed ratio compares the time per event of both. Peak memory is the measuring process's
`resource.getrusage(RUSAGE_SELF).ru_maxrss` (the whole process: interpreter, corpus, index and cache). Figures are
printed; nothing fails on timing.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))


def measure(events_path: Path, corpus_dir: Path, sample: int) -> None:
    """Run in a fresh process so that its peak memory is the merge's."""
    from tui import align
    from tui.timeline import build_timeline

    start = time.perf_counter()
    cold = build_timeline(events_path, corpus_dir)
    cold_time = time.perf_counter() - start
    start = time.perf_counter()
    warm = build_timeline(events_path, corpus_dir)
    warm_time = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert warm.passages == cold.passages, "the cached timeline differs from the merged one"
    paragraphs = sum(len(a.content_paragraphs) for a in cold.articles)
    passages = sum(len(p) for p in cold.passages.values())
    print(f"corpus: {len(cold.articles)} articles, {paragraphs} content paragraphs; {len(cold.events)} events")
    print(f"cold merge (load, validate, anchor, corroborate, write cache): {cold_time:.2f} s")
    print(f"warm load (from the cache): {warm_time:.3f} s")
    print(f"peak memory (ru_maxrss of the process): {peak_mb:.0f} MB")
    print(f"passages: {passages}; unanchored sources: {len(cold.unanchored)}")
    _compare(cold, sample, align)


def _compare(timeline, sample: int, align) -> None:
    from rapidfuzz import process

    index = timeline.index()
    events = random.Random(0).sample(list(timeline.events), min(sample, len(timeline.events)))
    probes = [align.fold(align.probe_text(e)) for e in events]
    threshold = align.CORROBORATION_THRESHOLD

    curated = [[p for p in timeline.passages_of(e.id) if p.curated] for e in events]
    start = time.perf_counter()  # corroborate() = candidates from the index + scoring them
    fast_results = [align.corroborate(e, index, c) for e, c in zip(events, curated, strict=True)]
    fast_time = time.perf_counter() - start
    candidate_sets = [set(index.candidates(p.split())) for p in probes]

    start = time.perf_counter()
    matrix = process.cdist(
        probes, index.texts, scorer=align.CORROBORATE_SCORER, score_cutoff=threshold, workers=-1, dtype="uint8"
    )
    exhaustive_time = time.perf_counter() - start

    above = found = top_expected = top_found = 0
    for row, (event, candidates, fast) in enumerate(zip(events, candidate_sets, fast_results, strict=True)):
        scope = _scope(event, timeline, index, align)
        hits = [i for i in matrix[row].nonzero()[0].tolist() if i in scope]
        above += len(hits)
        found += sum(1 for i in hits if i in candidates)
        best = sorted(hits, key=lambda i: -int(matrix[row][i]))[: align.CORROBORATION_LIMIT]
        cutoff = min((int(matrix[row][i]) for i in best), default=101)
        expected = {(index.refs[i].article, index.refs[i].paragraph.number) for i in best if matrix[row][i] > cutoff}
        top_expected += len(expected)
        top_found += len(expected & {(p.article, p.paragraph) for p in fast})
    recall = found / above if above else 1.0
    print(
        f"exhaustive cdist ({len(events)} events x {len(index.texts)} paragraphs, all cores): {exhaustive_time:.2f} s"
    )
    print(f"index + scoring (same events, one core): {fast_time:.2f} s")
    print(f"speed ratio: {exhaustive_time / fast_time:.1f}x")
    print(
        f"recall of the candidates against exhaustive scoring: {recall:.4f} ({found}/{above} pairs >= {threshold:.0f})"
    )
    if top_expected:
        print(f"recall of the ranked passages (top {align.CORROBORATION_LIMIT}): {top_found / top_expected:.4f}")


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
    parser.add_argument("--sample", type=int, default=100, help="events scored exhaustively (default 100)")
    parser.add_argument("--dir", type=Path, help="reuse or keep the generated data here (default: a temp folder)")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        measure(args.dir / "events.yaml", args.dir / "corpus", args.sample)
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        directory = args.dir or Path(scratch) / "data"
        if not (directory / "events.yaml").exists():
            import synthetic

            start = time.perf_counter()
            synthetic.generate(directory, args.articles, args.events)
            print(f"generated {args.articles} articles, {args.events} events in {time.perf_counter() - start:.1f} s")
        env = {**os.environ, "TIMELINE_CACHE_DIR": str(Path(scratch) / "cache")}
        command = [sys.executable, __file__, "--measure", "--dir", str(directory), "--sample", str(args.sample)]
        return subprocess.run(command, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
