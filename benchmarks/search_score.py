"""Accuracy of the search on the bundled data: top-1 and top-3 over benchmarks/search_queries.yaml.

    .venv/bin/python benchmarks/search_score.py [-v]

-v lists every query with the rank of its expected answer and the result found first.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.search import ActorResult, EventResult, PassageResult, Result  # noqa: E402
from tui.timeline import Timeline, build_timeline  # noqa: E402


def is_expected(result: Result, expect: dict[str, Any], timeline: Timeline) -> bool:
    if "actor" in expect:
        return isinstance(result, ActorResult) and result.id == expect["actor"]
    if "event" in expect:
        return isinstance(result, EventResult) and result.id == expect["event"]
    if not isinstance(result, PassageResult) or result.article != expect["article"]:
        return False
    article = timeline.article(result.article)
    return article is not None and expect["contains"] in article.paragraph(result.paragraph).text


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    timeline = build_timeline(ROOT / "events.yaml", ROOT / "corpus")
    index = timeline.search_index
    queries = yaml.safe_load((Path(__file__).parent / "search_queries.yaml").read_text(encoding="utf-8"))["queries"]
    top1 = top3 = 0
    for entry in queries:
        results = index.search(str(entry["query"]), limit=10)
        rank = next((i for i, r in enumerate(results, 1) if is_expected(r, entry["expect"], timeline)), None)
        top1 += rank == 1
        top3 += rank is not None and rank <= 3
        if verbose or rank != 1:
            first = f"{results[0].kind} {results[0].label[:60]!r} {results[0].score:.1f}" if results else "nothing"
            mark = "ok  " if rank == 1 else "MISS"
            print(f"{mark} {entry['query']!r:48} [{entry.get('type', '')}] rank {rank}; first: {first}")
    count = len(queries)
    print(f"{count} queries: top-1 {top1 / count:.3f} ({top1}/{count}), top-3 {top3 / count:.3f} ({top3}/{count})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
