"""Scale benchmark of the merge: cold merge, warm (cached) load, peak memory, recall and speed against exhaustive.

    .venv/bin/python benchmarks/merge_bench.py                      # N=2000 articles, M=1000 events
    .venv/bin/python benchmarks/merge_bench.py --shape syndicated   # wire copy: the same paragraphs recur
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
rapidfuzz returns the exhaustive matrix as a numpy array (numpy is also what the merge adds postings up with).
Figures are printed; nothing fails on timing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
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


def _timed(function):  # type: ignore[no-untyped-def]
    """(result, wall seconds, CPU seconds of this process and its helper processes)."""
    start, cpu = time.perf_counter(), _cpu()
    result = function()
    return result, time.perf_counter() - start, _cpu() - cpu


def _cpu() -> float:
    own, helpers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + helpers.ru_utime + helpers.ru_stime


def measure(events_path: Path, corpus_dir: Path, sample: int, cold_only: bool) -> dict[str, float]:
    """Run in a fresh process so that its peak memory is the merge's."""
    from tui import align
    from tui.timeline import build_timeline, load_inputs

    cold, cold_time, cold_cpu = _timed(lambda: build_timeline(events_path, corpus_dir))
    if cold_only:
        print(f"cold merge: {cold_time:.2f} s ({cold_cpu:.2f} s CPU)")
        return {}
    warm, warm_time, warm_cpu = _timed(lambda: build_timeline(events_path, corpus_dir))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert warm.passages == cold.passages, "the cached timeline differs from the merged one"
    from tui import corpus

    corpus._parsed = {}  # what a fresh process parses: every file
    _, parse_time, parse_cpu = _timed(lambda: load_inputs(events_path, corpus_dir))
    paragraphs = sum(len(a.content_paragraphs) for a in cold.articles)
    passages = sum(len(p) for p in cold.passages.values())
    print(f"corpus: {len(cold.articles)} articles, {paragraphs} content paragraphs; {len(cold.events)} events")
    print(f"cold merge (load, validate, anchor, corroborate, write cache): {cold_time:.2f} s ({cold_cpu:.2f} s CPU)")
    print(f"warm load (read the inputs, merge from the cache): {warm_time:.3f} s ({warm_cpu:.3f} s CPU)")
    print(f"parsing and validating the inputs, as a first start does: {parse_time:.3f} s ({parse_cpu:.3f} s CPU)")
    print(f"peak memory (ru_maxrss of the process): {peak_mb:.0f} MB")
    stored = list(Path(os.environ["TIMELINE_CACHE_DIR"]).iterdir())
    parsed = [f for f in stored if f.name.endswith((".events.json", ".articles.json"))]  # parsecache's
    cache_mb = sum(f.stat().st_size for f in stored if f.suffix == ".json" and f not in parsed) / 2**20
    index_mb = sum(f.stat().st_size for f in stored if f.suffix != ".json") / 2**20
    parsed_mb = sum(f.stat().st_size for f in parsed) / 2**20
    print(f"cache file: {cache_mb:.2f} MB; the corpus index's tokens beside it: {index_mb:.2f} MB;", end=" ")
    print(f"the inputs as parsed: {parsed_mb:.2f} MB")
    print(f"passages: {passages}; unanchored sources: {len(cold.unanchored)}")
    figures = _compare(cold, sample, align)
    fresh_warm = _fresh(events_path, corpus_dir)
    print(f"warm load in a fresh process (a command's start): {fresh_warm[0]:.3f} s ({fresh_warm[1]:.3f} s CPU)")
    edited = _edit_quote(events_path, 0)
    after_edit, edit_time, edit_cpu = _timed(lambda: build_timeline(events_path, corpus_dir))
    assert after_edit.passages_of(edited), "the edited event lost its passages"
    print(f"one event's quote edited, reload in the same process: {edit_time:.3f} s ({edit_cpu:.3f} s CPU)")
    _edit_quote(events_path, 1)
    fresh_edit = _fresh(events_path, corpus_dir)
    print(f"another event's quote edited, load in a fresh process: {fresh_edit[0]:.3f} s ({fresh_edit[1]:.3f} s CPU)")
    added = _add_article(corpus_dir, 1)
    after_add, add_time, add_cpu = _timed(lambda: build_timeline(events_path, corpus_dir))
    new_passages = sum(1 for ps in after_add.passages.values() for p in ps if p.article == added)
    print(f"one article added, reload in the same process (the explorer's live reload): {add_time:.3f} s", end=" ")
    print(f"({add_cpu:.3f} s CPU); {new_passages} passages in it")
    _add_article(corpus_dir, 2)
    fresh_add = _fresh(events_path, corpus_dir)
    print(f"one more article added, load in a fresh process: {fresh_add[0]:.3f} s ({fresh_add[1]:.3f} s CPU)")
    return {
        "articles": len(cold.articles),
        "events": len(cold.events),
        "paragraphs": paragraphs,
        "cold_s": round(cold_time, 3),
        "cold_cpu_s": round(cold_cpu, 3),
        "warm_s": round(warm_time, 3),
        "warm_cpu_s": round(warm_cpu, 3),
        "parse_s": round(parse_time, 3),
        "parse_cpu_s": round(parse_cpu, 3),
        "warm_fresh_process_s": fresh_warm[0],
        "warm_fresh_process_cpu_s": fresh_warm[1],
        "add_article_s": round(add_time, 3),
        "add_article_cpu_s": round(add_cpu, 3),
        "add_article_fresh_process_s": fresh_add[0],
        "add_article_fresh_process_cpu_s": fresh_add[1],
        "edit_event_s": round(edit_time, 3),
        "edit_event_cpu_s": round(edit_cpu, 3),
        "edit_event_fresh_process_s": fresh_edit[0],
        "edit_event_fresh_process_cpu_s": fresh_edit[1],
        "peak_mb": round(peak_mb),
        "cache_mb": round(cache_mb, 2),
        "index_mb": round(index_mb, 2),
        "parsed_mb": round(parsed_mb, 2),
        **figures,
    }


FRESH = """
import sys, time, resource
sys.path.insert(0, {root!r})
start = time.perf_counter()
from tui.timeline import build_timeline
build_timeline({events!r}, {corpus!r})
own, helpers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = own.ru_utime + own.ru_stime + helpers.ru_utime + helpers.ru_stime
print(round(time.perf_counter() - start, 3), round(cpu, 3))
"""


def _fresh(events_path: Path, corpus_dir: Path) -> tuple[float, float]:
    """Wall and CPU seconds of build_timeline in a new process (imports included), as a command starts."""
    code = FRESH.format(root=str(ROOT), events=str(events_path), corpus=str(corpus_dir))
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    wall, cpu = done.stdout.split()
    return float(wall), float(cpu)


def _add_article(corpus_dir: Path, number: int) -> str:
    """A new article: the first one's text under a new id, one sentence edited (wire copy as it comes in)."""
    first = sorted(corpus_dir.glob("*.txt"))[0]
    text = first.read_text(encoding="utf-8")
    article_id = f"added-article-{number}"
    front, body = text.split("\n---\n", 1)
    front = re.sub(r"^id: .*$", f"id: {article_id}", front, count=1, flags=re.M)
    body = body.replace(" the ", " a ", 1) + f"\nUpdate {number}, filed later in the day.\n"
    (corpus_dir / f"{article_id}.txt").write_text(f"{front}\n---\n{body}", encoding="utf-8")
    return article_id


def _edit_quote(events_path: Path, number: int) -> str:
    """The `number`th event's quote loses its last word, as a curator trims it; returns the event's id."""
    lines = events_path.read_text(encoding="utf-8").split("\n")
    at = [i for i, line in enumerate(lines) if line.strip().startswith("quote: ")][number]
    lines[at] = lines[at].rsplit(" ", 1)[0]
    event_id = next(line for line in reversed(lines[:at]) if line.startswith("- id: ")).split(": ", 1)[1]
    events_path.write_text("\n".join(lines), encoding="utf-8")
    return event_id


def _compare(timeline, sample: int, align) -> dict[str, float]:
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
    return {
        "speed_ratio": round(exhaustive_time / fast_time, 1),
        "recall": round(recall, 4),
        "passages_recall": round(passages_recall, 4),
    }


def _scope(event, timeline, index, align) -> set[int]:
    """Positions of the paragraphs corroborate() may return for `event`: what exhaustive scoring is held to."""
    cited = {s.article for s in event.sources}
    excluded = cited if len(cited) == 1 else set()
    taken = {(p.article, p.paragraph) for p in timeline.passages_of(event.id) if p.curated}
    return {
        i
        for i, ref in enumerate(index.refs)
        if not index.short[i]  # too short, or a headline, byline or bare attribution: never suggested
        and ref.article not in excluded
        and (ref.article, ref.paragraph.number) not in taken
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--shape", choices=["news", "syndicated"], default="news", help="of the synthetic corpus")
    parser.add_argument("--sample", type=int, default=300, help="events scored exhaustively (default 300)")
    parser.add_argument("--dir", type=Path, help="reuse or keep the generated data here (default: a temp folder)")
    parser.add_argument("--repeat", type=int, default=5, help="cold merges, the median is reported (default 5)")
    parser.add_argument("--measure", choices=["cold", "all"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        figures = measure(args.dir / "events.yaml", args.dir / "corpus", args.sample, args.measure == "cold")
        if figures:
            print(json.dumps(figures))
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        directory = args.dir or Path(scratch) / "data"
        if not (directory / "events.yaml").exists():
            import synthetic

            start = time.perf_counter()
            synthetic.generate(directory, args.articles, args.events, shape=args.shape)
            print(f"generated {args.articles} articles, {args.events} events ({args.shape}) in", end=" ")
            print(f"{time.perf_counter() - start:.1f} s")
        colds = []
        for run in range(1, args.repeat):
            env = {**os.environ, "TIMELINE_CACHE_DIR": str(Path(scratch) / f"cache-{run}")}
            command = [sys.executable, __file__, "--dir", str(directory), "--measure", "cold"]
            done = subprocess.run(command, env=env, check=False, capture_output=True, text=True)
            if done.returncode:
                sys.stderr.write(done.stderr)
                return done.returncode
            colds.append(done.stdout.strip())
            print(f"run {run}: {colds[-1]}", flush=True)
        work = Path(scratch) / "work"  # the last run adds an article and edits an event: on a copy
        shutil.copytree(directory, work)
        env = {**os.environ, "TIMELINE_CACHE_DIR": str(Path(scratch) / "cache")}
        command = [sys.executable, __file__, "--dir", str(work), "--sample", str(args.sample), "--measure", "all"]
        done = subprocess.run(command, env=env, check=False, capture_output=True, text=True)
        sys.stderr.write(done.stderr)
        lines = done.stdout.splitlines()
        print("\n".join(lines[:-1]))
        if done.returncode:
            return done.returncode
        figures = json.loads(lines[-1])
        colds += [line for line in lines if line.startswith("cold merge")]
        timings = [re.search(r"([\d.]+) s \(([\d.]+) s CPU\)", line) for line in colds]
        walls = [float(found[1]) for found in timings if found]
        cpus = [float(found[2]) for found in timings if found]
        print(f"cold merge over {len(walls)} runs: median {statistics.median(walls):.2f} s", end="")
        print(f" ({statistics.median(cpus):.2f} s CPU; fastest {min(walls):.2f} s, slowest {max(walls):.2f} s)")
        figures.update(
            shape=args.shape,
            cold_median_s=round(statistics.median(walls), 3),
            cold_median_cpu_s=round(statistics.median(cpus), 3),
            cold_runs=len(walls),
        )
        print(json.dumps(figures))
        return 0


if __name__ == "__main__":
    sys.exit(main())
