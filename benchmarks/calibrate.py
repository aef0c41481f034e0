"""Precision and recall of the matcher's suggestions against hand-labelled event–paragraph pairs.

    python benchmarks/calibrate.py    # a grid over the thresholds, then the figures at the chosen ones

Two labelled sets: the bundled events against the bundled corpus (benchmarks/data/corroboration_labels.yaml), and
events written for the MEANTIME Wikinews articles of the airbus topic set (meantime_events.yaml, labelled in
meantime_labels.yaml; skipped with a message when ../shared/data/meantime is absent). Each event lists the
paragraphs that report it (positive) and those a loose matcher proposes that do not (negative, the hard cases).
Precision counts every suggestion outside the positives as wrong; recall is over the positives.

A paragraph is suggested when its token_set_ratio with the whole event reaches the first threshold (the same
words) or its rare-word cosine with one of the event's parts reaches the second, and it shares at least
CONTENT_WORDS_MIN of the event's words beyond names; headlines, bylines and bare attributions never are. Every
paragraph in scope is scored (no index narrowing), so the figures are the rule's and thresholds' alone. The last
line is JSON.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui import align  # noqa: E402
from tui.timeline import Timeline, build_timeline  # noqa: E402

DATA = Path(__file__).parent / "data"
_MEANTIME = "shared/data/meantime/meantime-en-dev.jsonl"
MEANTIME = next(  # beside the project, or beside a folder of working copies of it
    (p / _MEANTIME for p in ROOT.parents[:2] if (p / _MEANTIME).is_file()), ROOT.parent / _MEANTIME
)
SAME_WORDS = (70.0, 75.0, 80.0, 100.0)
RARE_WORDS = (17.5, 20.0, 25.0, 30.0, 100.5)
CONTENT_WORDS = (0, 1, 2, 3, 4)
OFF = 100.5  # no score reaches it

Labels = dict[str, tuple[set[str], set[str]]]  # event id -> (positive, negative) "article#paragraph"
Counts = tuple[int, int, int]  # true positives, false positives, false negatives


def read_labels(path: Path) -> Labels:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {event: (set(v.get("positive") or ()), set(v.get("negative") or ())) for event, v in raw.items()}


def meantime_timeline(folder: Path) -> Timeline:
    """The airbus topic set as a corpus (one sentence a line, as Wikinews gives it), with the events written for it."""
    corpus = folder / "corpus"
    corpus.mkdir()
    for line in MEANTIME.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["set"] != "corpus_airbus":
            continue
        front = {"id": f"mt-{row['id']}", "title": row["title"], "published": row["published"]}
        header = yaml.safe_dump({**front, "published_basis": "stated", "outlet": "Wikinews"}, allow_unicode=True)
        (corpus / f"mt-{row['id']}.txt").write_text(f"---\n{header}---\n{row['full_text']}", encoding="utf-8")
    return build_timeline(DATA / "meantime_events.yaml", corpus, use_cache=False)


def measure(timeline: Timeline, labels: Labels, same_words: float, rare_words: float, content: int) -> Counts:
    index = timeline.index()
    saved, align.CONTENT_WORDS_MIN = align.CONTENT_WORDS_MIN, content
    tp = fp = fn = 0
    try:
        for event in timeline.events:
            curated = [p for p in timeline.passages_of(event.id) if p.curated]
            found = align.corroborate(event, index, curated, same_words, True, rare_words)
            keys = {f"{p.article}#{p.paragraph}" for p in found}
            positive = labels.get(event.id, (set(), set()))[0]
            tp += len(keys & positive)
            fp += len(keys - positive)
            fn += len(positive - keys)
    finally:
        align.CONTENT_WORDS_MIN = saved
    return tp, fp, fn


def figures(tp: int, fp: int, fn: int) -> tuple[float, float]:
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)


def total(sets: list[tuple[Timeline, Labels]], same: float, rare: float, content: int) -> Counts:
    counts = [measure(timeline, labels, same, rare, content) for timeline, labels in sets]
    return sum(c[0] for c in counts), sum(c[1] for c in counts), sum(c[2] for c in counts)


def label(threshold: float) -> str:
    return "off" if threshold == OFF else f"{threshold:g}"


def main() -> int:
    sets = [(build_timeline(ROOT / "events.yaml", ROOT / "corpus", use_cache=False), "corroboration_labels.yaml")]
    with tempfile.TemporaryDirectory() as folder:
        if MEANTIME.exists():
            sets.append((meantime_timeline(Path(folder)), "meantime_labels.yaml"))
        else:
            print(f"MEANTIME not found at {MEANTIME}: the bundled labels only")
        labelled = [(timeline, read_labels(DATA / name)) for timeline, name in sets]
        pairs = sum(len(p) + len(n) for _, labels in labelled for p, n in labels.values())
        positives = sum(len(p) for _, labels in labelled for p, _ in labels.values())
        print(f"{pairs} labelled event-paragraph pairs, {positives} positive")
        print("precision/recall; rows: token_set_ratio, content words; columns: rare-word cosine")
        print(" " * 10 + "".join(f"{label(r):>11}" for r in RARE_WORDS))
        for same in SAME_WORDS:
            for content in CONTENT_WORDS:
                cells = "".join(
                    "{:>11}".format("{:.2f}/{:.2f}".format(*figures(*total(labelled, same, r, content))))
                    for r in RARE_WORDS
                )
                print(f"{label(same):>6} {content:>2} {cells}")
        chosen = (align.CORROBORATION_THRESHOLD, align.RARE_WORDS_THRESHOLD, align.CONTENT_WORDS_MIN)
        result: dict[str, object] = {"pairs": pairs, "positives": positives}
        for (timeline, name), (_, labels) in zip(sets, labelled, strict=True):
            tp, fp, fn = measure(timeline, labels, *chosen)
            precision, recall = figures(tp, fp, fn)
            result[name.removesuffix("_labels.yaml")] = {"precision": round(precision, 3), "recall": round(recall, 3)}
            print(f"{name}: precision {precision:.2f}, recall {recall:.2f} ({tp} found, {fp} wrong, {fn} missed)")
        tp, fp, fn = total(labelled, *chosen)
        precision, recall = figures(tp, fp, fn)
        print(
            f"chosen: token_set_ratio {chosen[0]:g}, rare-word cosine {chosen[1]:g}, content words {chosen[2]}: "
            f"precision {precision:.2f}, recall {recall:.2f} ({tp} found, {fp} wrong, {fn} missed)"
        )
        result.update(precision=round(precision, 3), recall=round(recall, 3), found=tp, wrong=fp, missed=fn)
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
