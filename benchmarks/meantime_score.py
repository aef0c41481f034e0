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
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tui.dates import DateMention, tag

DATA_NAME = "shared/data/meantime/meantime-en-dev.jsonl"  # beside the checkout, or beside its parent folder
DATA = next(
    (p / DATA_NAME for p in Path(__file__).resolve().parents[1:4] if (p / DATA_NAME).is_file()),
    Path(__file__).resolve().parents[1].parent / DATA_NAME,
)
TYPES = ("DATE", "TIME")


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    matched_gold: int = 0  # gold spans overlapped by a found span
    matched_found: int = 0  # found spans overlapping a gold span
    strict: int = 0
    value_right: int = 0

    def add_gold(self, matched: bool, exact: bool, value_right: bool) -> None:
        self.gold += 1
        self.matched_gold += matched
        self.strict += exact
        self.value_right += value_right

    def add_found(self, overlaps: bool) -> None:
        self.found += 1
        self.matched_found += overlaps

    @property
    def strict_rate(self) -> float:
        return self.strict / self.matched_gold if self.matched_gold else 0.0

    @property
    def value_f1(self) -> float:
        return self.f1 * self.value_accuracy

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


def score(rows: list[dict], errors: bool = False) -> dict[str, Score]:
    """Scores over all DATE and TIME gold ("all"), and per type (a found span counts for the type it says)."""
    scores = {"all": Score(), **{t: Score() for t in TYPES}}
    for row in rows:
        text = row["text"]
        published = dt.date.fromisoformat(row["published"])
        gold = [g for g in row["timex"] if g["type"] in TYPES]
        found = tag(text, published)
        for g in gold:
            hit = _best(g, found)
            right = hit is not None and _same_value(hit.value, g["value"])
            for key in ("all", g["type"]):
                scores[key].add_gold(
                    hit is not None, hit is not None and (hit.start, hit.end) == (g["start"], g["end"]), right
                )
            if errors and hit is None:
                print(f"MISS  {row['id']} {row['published']} {g['text']!r} {g['value']}  | {_around(text, g)}")
            elif errors and not right:
                print(
                    f"VALUE {row['id']} {row['published']} {g['text']!r} gold {g['value']} got {hit.text!r} {hit.value}"
                )
        for m in found:
            overlaps = any(m.start < g["end"] and g["start"] < m.end for g in gold)
            for key in ("all", m.type):
                scores[key].add_found(overlaps)
            if errors and not overlaps:
                print(f"EXTRA {row['id']} {row['published']} {m.text!r} {m.value}  | {_around(text, m.__dict__)}")
    return scores


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
    scores = score(rows, args.errors)
    total = scores["all"]
    print(f"MEANTIME English dev: {len(rows)} articles; gold DATE {scores['DATE'].gold}, TIME {scores['TIME'].gold}")
    print(f"found {total.found} spans; {total.matched_found} overlap gold; {total.matched_gold} gold spans matched")
    print(f"relaxed span   P {total.precision:.3f}  R {total.recall:.3f}  F1 {total.f1:.3f}")
    print(f"strict span rate (exact among matched) {total.strict_rate:.3f}")
    print(f"value accuracy (over matched) {total.value_accuracy:.3f}")
    print(f"value F1 (relaxed F1 x value accuracy) {total.value_f1:.3f}")
    print("per type   gold  found  relaxed F1  strict  value acc  value F1")
    for kind in TYPES:
        sc = scores[kind]
        print(
            f"  {kind:<6} {sc.gold:>6} {sc.found:>6} {sc.f1:>11.3f} {sc.strict_rate:>7.3f} {sc.value_accuracy:>10.3f}"
            f" {sc.value_f1:>9.3f}"
        )
    figures = {"articles": len(rows), "gold_date": scores["DATE"].gold, "gold_time": scores["TIME"].gold}
    figures |= {"f1": round(total.f1, 4), "value_f1": round(total.value_f1, 4)}
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
