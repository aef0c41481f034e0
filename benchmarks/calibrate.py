"""Precision and recall of the matcher's suggestions against hand-labelled event–paragraph pairs.

    python benchmarks/calibrate.py    # a grid over the thresholds, then the figures at the chosen ones

Two labelled sets: the bundled events against the bundled corpus (benchmarks/data/corroboration_labels.yaml), and
events written for the MEANTIME Wikinews articles of the airbus topic set (meantime_events.yaml, labelled in
meantime_labels.yaml; skipped with a message when ../shared/data/meantime is absent). Each event lists the
paragraphs that report it (positive) and those a loose matcher proposes that do not (negative, the hard cases).
Precision counts every suggestion outside the positives as wrong; recall is over the positives.

A paragraph is suggested when its token_set_ratio with the whole event reaches the first threshold (the same
words) or its rare-word cosine with one of the event's parts reaches the second, it shares at least
CONTENT_WORDS_MIN of the event's words beyond names, and its dates allow it to report the event (tui/reportdate.py:
it names the event's date, or names no other past day and was published at most REPORT_WINDOW_DAYS after the
event); headlines, bylines and bare attributions never are. A paragraph that names the event's very day needs
DAY_NAMED_RELIEF less cosine and one content word fewer; one that holds a quotation of the event's title or summary
word for word needs no score. Every paragraph in scope is scored (no index narrowing), so
the figures are the rule's and thresholds' alone.

Against over-fitting, each set's events are split in two fixed halves by id (sorted, alternately: tuning, held
out). The grid is measured on the tuning half, and its best cell (the highest recall at precision >= 0.95, then the
highest precision, then the cell nearest the thresholds in use) is what the constants in tui/align.py and
tui/reportdate.py should hold. The relief for a paragraph that names the event's day is then measured alone, at the
thresholds in use, on both halves (chosen the same way, on the tuning half). The figures at the constants in use are
then printed for each half and set, and overall. `--misses` lists the positives missed and the wrong suggestions.
The last line is JSON.

    python benchmarks/calibrate.py --check    # every suggestion on the apple and stock topic sets, to be read

Events written for two more MEANTIME topic sets (meantime_apple_events.yaml, meantime_stock_events.yaml) are not
labelled: `--check` prints every suggestion for them, a check by reading of rules designed on the other sets.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui import align, reportdate  # noqa: E402
from tui.timeline import Timeline, build_timeline  # noqa: E402

DATA = Path(__file__).parent / "data"
_MEANTIME = "shared/data/meantime/meantime-en-dev.jsonl"
MEANTIME = next(  # beside the project, or beside a folder of working copies of it
    (p / _MEANTIME for p in ROOT.parents[:2] if (p / _MEANTIME).is_file()), ROOT.parent / _MEANTIME
)
SAME_WORDS = (70.0, 75.0, 80.0, 100.0)
RELIEFS = (0.0, 2.5, 5.0, 7.5, 10.0)  # the cosine a paragraph naming the event's day may lack
RARE_WORDS = (17.5, 20.0, 22.5, 25.0, 30.0, 100.5)
CONTENT_WORDS = (1, 2, 3)
WINDOWS = (14, 31, 92, 365, 100_000)  # days; the last: no window
OFF = 100.5  # no score reaches it
PRECISION_TARGET = 0.95

Labels = dict[str, tuple[set[str], set[str]]]  # event id -> (positive, negative) "article#paragraph"
Counts = tuple[int, int, int]  # true positives, false positives, false negatives


def read_labels(path: Path) -> Labels:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {event: (set(v.get("positive") or ()), set(v.get("negative") or ())) for event, v in raw.items()}


def meantime_timeline(folder: Path, topic: str = "airbus", events: str = "meantime_events.yaml") -> Timeline:
    """A topic set as a corpus (one sentence a line, as Wikinews gives it), with the events written for it."""
    corpus = folder / "corpus"
    corpus.mkdir(parents=True)
    for line in MEANTIME.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["set"] != f"corpus_{topic}":
            continue
        front = {"id": f"mt-{row['id']}", "title": row["title"], "published": row["published"]}
        header = yaml.safe_dump({**front, "published_basis": "stated", "outlet": "Wikinews"}, allow_unicode=True)
        (corpus / f"mt-{row['id']}.txt").write_text(f"---\n{header}---\n{row['full_text']}", encoding="utf-8")
    return build_timeline(DATA / events, corpus, use_cache=False)


def check(folder: Path) -> None:
    """Every suggestion for the events written for the apple and stock topic sets, to be read: they are not
    labelled, and the rules were not designed on them."""
    for topic in ("apple", "stock"):
        timeline = meantime_timeline(folder / topic, topic, f"meantime_{topic}_events.yaml")
        found = [(event.id, p) for event in timeline.events for p in timeline.passages_of(event.id) if not p.curated]
        print(f"{topic}: {len(timeline.events)} events, {len(found)} suggestions")
        for event_id, p in found:
            print(f"  {event_id} <- {p.article}#{p.paragraph} ({p.score:.0f}): {p.text}")


Rule = tuple[float, float, int, int]  # token_set_ratio, rare-word cosine, content words, window in days


def measure(
    timeline: Timeline,
    labels: Labels,
    rule: Rule,
    events: set[str] | None = None,
    relief: float | None = None,
    misses: list[str] | None = None,
) -> Counts:
    """Counts over the labelled events (or those of `events`) when `rule` is the suggestion rule (and `relief`, when
    given, the relief for a paragraph that names the event's day). `misses`, when given, receives a line for each
    positive missed and each wrong suggestion."""
    same_words, rare_words, content, window = rule
    index = timeline.index()
    saved = align.CONTENT_WORDS_MIN, reportdate.REPORT_WINDOW_DAYS, align.DAY_NAMED_RELIEF
    align.CONTENT_WORDS_MIN, reportdate.REPORT_WINDOW_DAYS = content, window
    align.DAY_NAMED_RELIEF = saved[2] if relief is None else relief
    tp = fp = fn = 0
    try:
        for event in timeline.events:
            if events is not None and event.id not in events:
                continue
            curated = [p for p in timeline.passages_of(event.id) if p.curated]
            found = align.corroborate(event, index, curated, same_words, True, rare_words)
            keys = {f"{p.article}#{p.paragraph}" for p in found}
            positive = labels.get(event.id, (set(), set()))[0]
            tp += len(keys & positive)
            fp += len(keys - positive)
            fn += len(positive - keys)
            if misses is not None:
                misses.extend(f"wrong   {event.id} <- {key}" for key in sorted(keys - positive))
                misses.extend(f"missed  {event.id} <- {key}" for key in sorted(positive - keys))
    finally:
        align.CONTENT_WORDS_MIN, reportdate.REPORT_WINDOW_DAYS, align.DAY_NAMED_RELIEF = saved
    return tp, fp, fn


def halves(labels: Labels) -> tuple[set[str], set[str]]:
    """The tuning and the held-out events: sorted by id, alternately."""
    ids = sorted(labels)
    return set(ids[0::2]), set(ids[1::2])


def figures(tp: int, fp: int, fn: int) -> tuple[float, float]:
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)


Labelled = list[tuple[Timeline, Labels]]


def total(sets: Labelled, rule: Rule, half: int | None = None, relief: float | None = None) -> Counts:
    """Counts summed over the sets: over all labelled events, or over one half (0 tuning, 1 held out)."""
    counts = [
        measure(timeline, labels, rule, None if half is None else halves(labels)[half], relief)
        for timeline, labels in sets
    ]
    return sum(c[0] for c in counts), sum(c[1] for c in counts), sum(c[2] for c in counts)


Cell = tuple[float, ...]


def best(
    cells: dict[Cell, Counts],
    in_use: Cell,
    axes: tuple[tuple[float, ...], ...] = (SAME_WORDS, RARE_WORDS, CONTENT_WORDS, WINDOWS),
) -> Cell:
    """The highest recall at PRECISION_TARGET (or else the highest precision); among equals, the cell nearest the
    rule in use (in grid steps along `axes`): the thresholds move only as far as the tuning half asks."""

    def steps(rule: Cell) -> int:
        return sum(
            abs(axis.index(value) - axis.index(used)) if used in axis else 0
            for axis, value, used in zip(axes, rule, in_use, strict=True)
        )

    def key(rule: Cell) -> tuple[bool, float, float, int]:
        precision, recall = figures(*cells[rule])
        met = precision >= PRECISION_TARGET
        return met, recall if met else precision, precision, -steps(rule)

    return max(cells, key=key)


def fmt(counts: Counts) -> str:
    precision, recall = figures(*counts)
    tp, fp, fn = counts
    return f"precision {precision:.2f}, recall {recall:.2f} ({tp} found, {fp} wrong, {fn} missed)"


def label(threshold: float) -> str:
    return "off" if threshold == OFF else f"{threshold:g}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", action="store_true", help="list the positives missed and the wrong suggestions")
    parser.add_argument("--check", action="store_true", help="only print the suggestions on the apple and stock sets")
    args = parser.parse_args(argv)
    if args.check:
        if not MEANTIME.exists():
            print(f"MEANTIME not found at {MEANTIME}")
            return 1
        with tempfile.TemporaryDirectory() as folder:
            check(Path(folder))
        return 0
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
        print("tuning half: precision/recall; rows: token_set_ratio, content words, window (days); columns: cosine")
        print(" " * 16 + "".join(f"{label(r):>11}" for r in RARE_WORDS))
        cells: dict[Rule, Counts] = {}
        for same in SAME_WORDS:
            for content in CONTENT_WORDS:
                for window in WINDOWS:
                    row = [(same, rare, content, window) for rare in RARE_WORDS]
                    cells.update((rule, total(labelled, rule, 0)) for rule in row)
                    text = "".join("{:>11}".format("{:.2f}/{:.2f}".format(*figures(*cells[r]))) for r in row)
                    shown = "off" if window == WINDOWS[-1] else window
                    print(f"{label(same):>6} {content:>2} {shown:>5} {text}")
        chosen: Rule = (
            align.CORROBORATION_THRESHOLD,
            align.RARE_WORDS_THRESHOLD,
            align.CONTENT_WORDS_MIN,
            reportdate.REPORT_WINDOW_DAYS,
        )
        tuned = best(cells, chosen)
        print(f"best on the tuning half: {tuned}; in use: {chosen}" + ("" if tuned == chosen else " (differs)"))
        reliefs = {relief: total(labelled, chosen, 0, relief) for relief in RELIEFS}
        for relief in RELIEFS:
            held_out = total(labelled, chosen, 1, relief)
            print(
                f"a paragraph naming the event's day may lack {relief:g} of cosine: tuning {fmt(reliefs[relief])}; "
                f"held out {fmt(held_out)}"
            )
        in_use = align.DAY_NAMED_RELIEF
        (tuned_relief,) = best({(r,): c for r, c in reliefs.items()}, (in_use,), (RELIEFS,))
        print(f"best relief on the tuning half: {tuned_relief:g}; in use: {in_use:g}")
        result: dict[str, object] = {"pairs": pairs, "positives": positives}
        for (timeline, name), (_, labels) in zip(sets, labelled, strict=True):
            tuning, held_out = halves(labels)
            key = name.removesuffix("_labels.yaml")
            for half, events in (("tuning", tuning), ("held out", held_out), ("all", None)):
                counts = measure(timeline, labels, chosen, events)
                precision, recall = figures(*counts)
                result[f"{key} {half}"] = {"precision": round(precision, 3), "recall": round(recall, 3)}
                print(f"{name}, {half}: {fmt(counts)}")
        for half, number in (("tuning", 0), ("held out", 1)):
            counts = total(labelled, chosen, number)
            precision, recall = figures(*counts)
            result[half] = {"precision": round(precision, 3), "recall": round(recall, 3)}
            print(f"overall, {half}: {fmt(counts)}")
        tp, fp, fn = total(labelled, chosen)
        precision, recall = figures(tp, fp, fn)
        print(
            f"chosen: token_set_ratio {chosen[0]:g}, rare-word cosine {chosen[1]:g} ({chosen[1] - in_use:g} for a "
            f"paragraph naming the event's day), content words {chosen[2]}, window {chosen[3]} days: "
            + fmt((tp, fp, fn))
        )
        if args.misses:
            for (timeline, name), (_, labels) in zip(sets, labelled, strict=True):
                misses: list[str] = []
                measure(timeline, labels, chosen, misses=misses)
                print(f"{name}:", *misses, sep="\n  ")
        result.update(precision=round(precision, 3), recall=round(recall, 3), found=tp, wrong=fp, missed=fn)
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
