"""Score the date tagger on wire-news sentences whose dates need the clause's direction, and time it.

    .venv/bin/python benchmarks/tense_score.py [--errors]

The set (benchmarks/data/tense_set.yaml) gives each sentence's publication date and the gold value of each date
expression in it; a value is right when the tagger finds a span overlapping the expression's first occurrence with
exactly that value. Speed: the tagger over each bundled article's body, over 1 MB of their text repeated, and over
1 MB of run-on text dense with bare weekdays (about 28,000, each resolved by its clause's verb: the costliest case
for the direction rules); best of three runs, wall and CPU time. Items marked `held_out` were written after the
rules were settled; their figure is printed apart. The last line is a JSON object of the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.corpus import load_corpus  # noqa: E402
from tui.dates import tag  # noqa: E402
from tui.dates.patterns import WEEKDAYS  # noqa: E402
from tui.model import DateValue  # noqa: E402

SET = ROOT / "benchmarks" / "data" / "tense_set.yaml"
MEGABYTE = 1_000_000


def score(groups: list[dict], errors: bool = False) -> tuple[int, int, int]:
    """(gold values, right values, sentences) over `groups`."""
    gold_count = right = sentences = 0
    for group in groups:
        published = _date(group["published"])
        for case in group["cases"]:
            text = case["text"]
            sentences += 1
            mentions = tag(text, published)
            for expression, value in case["gold"].items():
                gold_count += 1
                start = text.find(str(expression))
                end = start + len(str(expression))
                hit = next((m for m in mentions if m.start < end and start < m.end), None)
                ok = start >= 0 and hit is not None and hit.value == _value(value)
                right += ok
                if errors and not ok:
                    got = f"{hit.text!r} {hit.value}" if hit else "nothing"
                    print(f"WRONG {published} {text!r}: {expression!r} gold {_value(value)} got {got}")
    return gold_count, right, sentences


def timings(repeats: int = 3) -> dict[str, float]:
    """Best of `repeats` runs, so that other work on the machine counts as little as it can."""
    corpus, _ = load_corpus(ROOT / "corpus")
    bodies = [(a.body, a.published) for a in corpus.articles]
    tag("warm-up on Friday, May 3", bodies[0][1])  # first-call costs (imports) are not the tagger's speed
    joined = "\n\n".join(body for body, _ in bodies)
    big = _megabyte(joined + "\n\n")
    weekdays = _megabyte(" ".join(f"the ministers met again on {day.title()}" for day in WEEKDAYS) + " ")
    article = megabyte = dense = (float("inf"), float("inf"))
    for _ in range(repeats):
        article = min(article, max(_seconds(body, published) for body, published in bodies))
        megabyte = min(megabyte, _seconds(big, bodies[0][1]))
        dense = min(dense, _seconds(weekdays, bodies[0][1]))
    return {
        "article_ms_max": round(1000 * article[0], 1),
        "article_chars_max": max(len(b) for b, _ in bodies),
        "megabyte_s": round(megabyte[0], 2),
        "megabyte_cpu_s": round(megabyte[1], 2),
        "weekdays": len(tag(weekdays, bodies[0][1])),
        "weekdays_megabyte_s": round(dense[0], 2),
        "weekdays_megabyte_cpu_s": round(dense[1], 2),
    }


def _megabyte(unit: str) -> str:
    return (unit * (MEGABYTE // len(unit) + 1))[:MEGABYTE]


def _seconds(text: str, published: DateValue | None) -> tuple[float, float]:
    """(wall, CPU) seconds the tagger takes over `text`."""
    wall, cpu = time.perf_counter(), time.process_time()
    tag(text, published)
    return time.perf_counter() - wall, time.process_time() - cpu


def _date(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _value(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every wrong or missing value")
    args = parser.parse_args()
    groups = yaml.safe_load(SET.read_text(encoding="utf-8"))
    gold, right, sentences = score(groups, args.errors)
    held_gold, held_right, held_sentences = score([g for g in groups if g.get("held_out")])
    speed = timings()
    print(f"tense set: {sentences} sentences, {gold} gold values, {right} right ({right / gold:.1%})")
    print(
        f"  of which held out (written after the rules): {held_sentences} sentences, {held_gold} values, "
        f"{held_right} right ({held_right / held_gold:.1%})"
    )
    print(
        f"speed: largest bundled article ({speed['article_chars_max']} characters) {speed['article_ms_max']} ms; "
        f"1 MB of text {speed['megabyte_s']} s ({speed['megabyte_cpu_s']} s CPU); 1 MB with {speed['weekdays']} bare "
        f"weekdays {speed['weekdays_megabyte_s']} s ({speed['weekdays_megabyte_cpu_s']} s CPU)"
    )
    figures = {"sentences": sentences, "gold": gold, "right": right, "accuracy": round(right / gold, 3)}
    figures |= {"held_out_gold": held_gold, "held_out_right": held_right}
    print(json.dumps(figures | speed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
