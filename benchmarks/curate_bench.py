"""Changing a large events.yaml: the time from a person's decision until the change is validated and written.

Generates a synthetic chronology (10,000 events over 2,000 articles by default), then, on a copy of it, times each
kind of change applied to an event at the start, the middle and the end of the file: editing a title, accepting a
passage as a source, rejecting one, adding an event in date order and adding an actor. Each change is written
(atomically, as the explorer writes it) and then undone, so that every one starts from the same file.

    python benchmarks/curate_bench.py [--articles 2000] [--events 10000]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(1, str(Path(__file__).resolve().parent))

from synthetic import generate

from tui import curate
from tui.timeline import read_timeline


def operations(timeline) -> dict[str, list[curate.Operation]]:  # type: ignore[no-untyped-def]
    """Each kind of change, on an event at the start, the middle and the end of the file."""
    events = timeline.events
    chosen = [events[0], events[len(events) // 2], events[-1]]
    article = timeline.articles[0].id
    quote = "the words of a passage a person decided on"
    middle = events[len(events) // 2].date
    return {
        "edit title": [curate.edit_event(e.id, {"title": e.title + " (edited)"}) for e in chosen],
        "accept": [curate.accept(e.id, article, quote) for e in chosen],
        "reject": [curate.reject(e.id, article, quote) for e in chosen],
        "add event": [
            curate.add_event(
                curate.NewEvent("a-new-event", str(middle), "A new event", "Its summary.", ((article, quote),))
            )
        ],
        "add actor": [curate.add_actor("a-new-actor", "A New Actor", "person")],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--events", type=int, default=10000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        events_path, corpus = generate(Path(tmp), args.articles, args.events)
        timeline = read_timeline(events_path, corpus)
        article_ids = {a.id for a in timeline.articles}
        walls: dict[str, float] = {}
        cpus: dict[str, float] = {}
        for kind, changes in operations(timeline).items():
            wall, cpu = [], []
            for operation in changes:
                start = time.perf_counter(), time.process_time()
                change = curate.apply(events_path, operation, article_ids)
                wall.append(time.perf_counter() - start[0])
                cpu.append(time.process_time() - start[1])
                curate.undo(change)
            walls[kind], cpus[kind] = round(statistics.median(wall), 3), round(statistics.median(cpu), 3)
            print(f"{kind:<12} {walls[kind]:6.3f} s wall, {cpus[kind]:6.3f} s CPU (median of {len(wall)})")
    print(json.dumps({"events": args.events, "articles": args.articles, "wall": walls, "cpu": cpus}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
