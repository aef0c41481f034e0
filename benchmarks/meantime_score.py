"""Score the date tagger on MEANTIME (English Wikinews, gold TimeML TIMEX3) for DATE and TIME expressions.

    .venv/bin/python benchmarks/meantime_score.py [--errors]

Relaxed span F1 counts a found span as right when it overlaps a gold one; the strict rate is the share of those
matches whose span is exactly the gold one; value accuracy is over the matched spans; value F1 = relaxed F1 x
value accuracy. A None value matches TimeML's unknown date (`XXXX-XX-XX`). The text scored is each article's
annotated `text`, resolved against its `published` date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tui.dates import DateMention, tag

DATA = Path(__file__).resolve().parents[1].parent / "shared/data/meantime/meantime-en-dev.jsonl"
TYPES = ("DATE", "TIME")


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    matched_gold: int = 0  # gold spans overlapped by a found span
    matched_found: int = 0  # found spans overlapping a gold span
    strict: int = 0
    value_right: int = 0

    @property
    def precision(self) -> float:
        return self.matched_found / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def value_accuracy(self) -> float:
        return self.value_right / self.matched_gold if self.matched_gold else 0.0


def score(rows: list[dict], errors: bool = False) -> tuple[Score, Counter[str]]:
    total = Score()
    per_type: Counter[str] = Counter()
    for row in rows:
        text = row["text"]
        published = dt.date.fromisoformat(row["published"])
        gold = [g for g in row["timex"] if g["type"] in TYPES]
        per_type.update(g["type"] for g in gold)
        found = tag(text, published)
        total.gold += len(gold)
        total.found += len(found)
        for g in gold:
            hit = _best(g, found)
            if hit is None:
                if errors:
                    print(f"MISS  {row['id']} {row['published']} {g['text']!r} {g['value']}  | {_around(text, g)}")
                continue
            total.matched_gold += 1
            total.strict += (hit.start, hit.end) == (g["start"], g["end"])
            if _same_value(hit.value, g["value"]):
                total.value_right += 1
            elif errors:
                print(
                    f"VALUE {row['id']} {row['published']} {g['text']!r} gold {g['value']} got {hit.text!r} {hit.value}"
                )
        for m in found:
            if any(m.start < g["end"] and g["start"] < m.end for g in gold):
                total.matched_found += 1
            elif errors:
                print(f"EXTRA {row['id']} {row['published']} {m.text!r} {m.value}  | {_around(text, m.__dict__)}")
    return total, per_type


def _same_value(found: str | None, gold: str) -> bool:
    """TimeML writes an unknown date with X's (`XXXX-XX-XX`); the tagger says None."""
    if found is None:
        return set(gold) <= set("X-")
    return found == gold


def _best(gold: dict, found: list[DateMention]) -> DateMention | None:
    overlapping = [m for m in found if m.start < gold["end"] and gold["start"] < m.end]
    return max(overlapping, key=lambda m: min(m.end, gold["end"]) - max(m.start, gold["start"]), default=None)


def _around(text: str, span: dict) -> str:
    return text[max(0, span["start"] - 50) : span["end"] + 30].replace("\n", " ")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every miss, wrong value and extra span")
    args = parser.parse_args()
    if not DATA.is_file():
        print(f"MEANTIME data not found at {DATA}; nothing to score (skipped).")
        return 0
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    total, per_type = score(rows, args.errors)
    print(f"MEANTIME English dev: {len(rows)} articles; gold DATE {per_type['DATE']}, TIME {per_type['TIME']}")
    print(f"found {total.found} spans; {total.matched_found} overlap gold; {total.matched_gold} gold spans matched")
    print(f"relaxed span   P {total.precision:.3f}  R {total.recall:.3f}  F1 {total.f1:.3f}")
    print(f"strict span rate (exact among matched) {total.strict / max(total.matched_gold, 1):.3f}")
    print(f"value accuracy (over matched) {total.value_accuracy:.3f}")
    print(f"value F1 (relaxed F1 x value accuracy) {total.f1 * total.value_accuracy:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
