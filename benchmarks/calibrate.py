"""Precision and recall of corroboration on the bundled data, against benchmarks/data/corroboration_labels.yaml.

    python benchmarks/calibrate.py    # a grid over both thresholds, then the figures at the chosen ones

A paragraph corroborates an event when its token_set_ratio with the whole event reaches the first threshold (the
same words) or its rare-word cosine with one of the event's parts reaches the second (a paraphrase keeping the
names and rare words); "off" turns the cosine off. Every paragraph in scope is scored (no index narrowing), so the
figures are the scorers' and thresholds' alone.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui import align  # noqa: E402
from tui.timeline import Timeline, build_timeline  # noqa: E402

LABELS = Path(__file__).parent / "data" / "corroboration_labels.yaml"
SAME_WORDS = (65.0, 70.0, 75.0, 80.0, 100.0)
RARE_WORDS = (15.0, 17.5, 20.0, 22.5, 25.0, 30.0, 100.5)
OFF = 100.5  # no score reaches it


def measure(timeline: Timeline, labels: dict, same_words: float, rare_words: float) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) at these thresholds."""
    index = timeline.index()
    tp = fp = fn = 0
    for event in timeline.events:
        curated = [p for p in timeline.passages_of(event.id) if p.curated]
        found = align.corroborate(event, index, curated, same_words, True, rare_words)
        keys = {f"{p.article}#{p.paragraph}" for p in found}
        expected = set(labels.get(event.id) or [])
        tp += len(keys & expected)
        fp += len(keys - expected)
        fn += len(expected - keys)
    return tp, fp, fn


def figures(tp: int, fp: int, fn: int) -> tuple[float, float]:
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)


def cell(tp: int, fp: int, fn: int) -> str:
    precision, recall = figures(tp, fp, fn)
    return f"{precision:.2f}/{recall:.2f}"


def label(threshold: float) -> str:
    return "off" if threshold == OFF else f"{threshold:g}"


def main() -> int:
    timeline = build_timeline(ROOT / "events.yaml", ROOT / "corpus", use_cache=False)
    labels = yaml.safe_load(LABELS.read_text(encoding="utf-8")) or {}
    print("precision/recall; rows: token_set_ratio threshold, columns: rare-word cosine threshold")
    print(" " * 6 + "".join(f"{label(r):>11}" for r in RARE_WORDS))
    for same in SAME_WORDS:
        cells = "".join(f"{cell(*measure(timeline, labels, same, r)):>11}" for r in RARE_WORDS)
        print(f"{label(same):>6}{cells}")
    same, rare = align.CORROBORATION_THRESHOLD, align.RARE_WORDS_THRESHOLD
    tp, fp, fn = measure(timeline, labels, same, rare)
    precision, recall = figures(tp, fp, fn)
    print(
        f"chosen: token_set_ratio {same:g}, rare-word cosine {rare:g}: precision {precision:.2f}, recall"
        f" {recall:.2f} ({tp} found, {fp} wrong, {fn} missed)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
