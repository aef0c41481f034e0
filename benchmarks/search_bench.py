"""Search latency on the synthetic corpus of the merge benchmark (2,000 articles, 10,000 events by default).

    .venv/bin/python benchmarks/search_bench.py [--articles N] [--events M] [--seed S]

Prints the index build time and, per kind of query, the median and 95th percentile time of one query, in
process. "cold" queries start with an empty cache of query words; "typing" replays names keystroke by keystroke,
as the app's search box does. Figures only: it never fails on timing.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from tui.timeline import Timeline, build_timeline  # noqa: E402


def misspell(rng: random.Random, word: str) -> str:
    """The word with one letter dropped, doubled or swapped with the next."""
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    return rng.choice([word[:i] + word[i + 1 :], word[:i] + word[i] + word[i:], word[:i] + word[i + 1] + word[i]])


def query_mix(timeline: Timeline, rng: random.Random, per_kind: int) -> dict[str, list[str]]:
    """Queries of each kind a user types, drawn from the data itself."""
    names = [n for a in timeline.actors for n in a.all_names]
    titles = [e.title for e in timeline.events]
    paragraphs = [p.text for a in timeline.articles for p in a.content_paragraphs]

    def words_of(text: str, count: int) -> str:
        found = text.split()
        start = rng.randrange(max(1, len(found) - count))
        return " ".join(found[start : start + count])

    bundled = yaml.safe_load((HERE / "search_queries.yaml").read_text(encoding="utf-8"))["queries"]
    return {
        "exact name": [rng.choice(names) for _ in range(per_kind)],
        "misspelled name": [" ".join(misspell(rng, w) for w in rng.choice(names).split()) for _ in range(per_kind)],
        "partial name": [rng.choice(names)[: rng.randint(3, 6)] for _ in range(per_kind)],
        "event words": [words_of(rng.choice(titles), 3) for _ in range(per_kind)],
        "passage words": [words_of(rng.choice(paragraphs), rng.randint(3, 6)) for _ in range(per_kind)],
        "bundled set": [str(q["query"]) for q in bundled],
    }


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return (time.perf_counter() - start) * 1000


def summary(label: str, times: list[float]) -> str:
    p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
    return f"  {label:<16} {len(times):5} queries  median {statistics.median(times):6.2f} ms  p95 {p95:6.2f} ms"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--per-kind", type=int, default=200, help="queries of each kind")
    args = parser.parse_args(argv)
    try:
        from synthetic import generate
    except ImportError:
        print("search_bench: benchmarks/synthetic.py (the merge benchmark's generator) is missing", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        events_path, corpus_dir = generate(Path(tmp), n_articles=args.articles, n_events=args.events, seed=args.seed)
        generated = time.perf_counter() - started
        started = time.perf_counter()
        timeline = build_timeline(events_path, corpus_dir)
        loaded = time.perf_counter() - started
    paragraphs = sum(len(a.content_paragraphs) for a in timeline.articles)
    print(
        f"corpus: {len(timeline.articles)} articles, {paragraphs} paragraphs, {len(timeline.events)} events, "
        f"{len(timeline.actors)} actors (generated in {generated:.1f} s, loaded in {loaded:.1f} s)"
    )
    started = time.perf_counter()
    index = timeline.search_index
    print(f"index build: {time.perf_counter() - started:.2f} s")

    rng = random.Random(args.seed)
    everything: list[float] = []
    print("cold (empty word cache before each query), limit 20:")
    for label, queries in query_mix(timeline, rng, args.per_kind).items():
        times = []
        for query in queries:
            index.clear_cache()
            times.append(timed(lambda q=query: index.search(q, limit=20)))
        everything += times
        print(summary(label, times))
    print(summary("all cold", everything))
    index.clear_cache()
    typed = [rng.choice(timeline.actors).name for _ in range(50)]
    prefixes = [name[:n] for name in typed for n in range(1, len(name) + 1)]
    keystrokes = [timed(lambda q=prefix: index.search(q, limit=20)) for prefix in prefixes]
    print(summary("typing", keystrokes))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
