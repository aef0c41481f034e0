"""Precision and recall of corroboration on the bundled data, against benchmarks/data/corroboration_labels.yaml.

    python benchmarks/calibrate.py            # a table over thresholds, then the figures at the chosen one

Every paragraph in scope is scored (no index narrowing), so the figures are the scorer's and threshold's alone.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui import align  # noqa: E402
from tui.timeline import build_timeline  # noqa: E402

LABELS = Path(__file__).parent / "data" / "corroboration_labels.yaml"


def measure(threshold: float) -> tuple[float, float, int, int, int]:
    """(precision, recall, true positives, false positives, false negatives) at `threshold`."""
    timeline = build_timeline(ROOT / "events.yaml", ROOT / "corpus", use_cache=False)
    labels = yaml.safe_load(LABELS.read_text(encoding="utf-8")) or {}
    index = timeline.index()
    tp = fp = fn = 0
    for event in timeline.events:
        curated = [p for p in timeline.passages_of(event.id) if p.curated]
        found = {f"{p.article}#{p.paragraph}" for p in align.corroborate(event, index, curated, threshold, True)}
        expected = set(labels.get(event.id, []))
        tp += len(found & expected)
        fp += len(found - expected)
        fn += len(expected - found)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, tp, fp, fn


def main() -> int:
    print("threshold  precision  recall   tp  fp  fn")
    for threshold in range(50, 95, 5):
        p, r, tp, fp, fn = measure(threshold)
        print(f"{threshold:>9}  {p:>9.2f}  {r:>6.2f}  {tp:>3} {fp:>3} {fn:>3}")
    p, r, tp, fp, fn = measure(align.CORROBORATION_THRESHOLD)
    chosen = f"chosen threshold {align.CORROBORATION_THRESHOLD:.0f}: precision {p:.2f}, recall {r:.2f}"
    print(f"{chosen} ({tp} found, {fp} wrong, {fn} missed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
