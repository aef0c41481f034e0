"""Compare corroboration scorers on the bundled data, against benchmarks/data/corroboration_labels.yaml.

    .venv/bin/python benchmarks/corroboration_scorers.py

For each scorer, precision/recall at thresholds 10..95 over every (event, paragraph) pair in the matcher's scope
(no index narrowing, no limit of passages per event). The matcher itself uses `whole-token-set` (see calibrate.py);
the others are candidates for it:

- `parts-token-set`: token_set_ratio of each of the title, summary and quotes, the best of them;
- `whole-idf-cosine` / `parts-idf-cosine`: the cosine of the token sets weighted by inverse document frequency
  (a paraphrase keeps the names and rare words), for the whole probe or the best of its parts.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from pathlib import Path

import yaml
from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui import align, normalise  # noqa: E402
from tui.timeline import build_timeline  # noqa: E402

LABELS = Path(__file__).parent / "data" / "corroboration_labels.yaml"


def main() -> int:
    timeline = build_timeline(ROOT / "events.yaml", ROOT / "corpus", use_cache=False)
    labels = yaml.safe_load(LABELS.read_text(encoding="utf-8")) or {}
    index = timeline.index()

    def idf(token: str) -> float:
        return math.log((1 + len(index.texts)) / (1 + index.frequency.get(token, 0)))

    def cosine(a: str, b: str) -> float:
        left, right = set(a.split()), set(b.split())
        norms = math.sqrt(sum(idf(t) ** 2 for t in left)) * math.sqrt(sum(idf(t) ** 2 for t in right))
        return 100 * sum(idf(t) ** 2 for t in left & right) / norms if norms else 0.0

    def best_part(score: Callable[[str, str], float]) -> Callable[[list[str], str], float]:
        return lambda parts, text: max(score(p, text) for p in parts)

    scorers: dict[str, Callable[[list[str], str], float]] = {
        "whole-token-set": lambda parts, text: fuzz.token_set_ratio(" ".join(parts), text),
        "parts-token-set": best_part(fuzz.token_set_ratio),
        "whole-idf-cosine": lambda parts, text: cosine(" ".join(parts), text),
        "parts-idf-cosine": best_part(cosine),
    }
    pairs: list[tuple[bool, dict[str, float]]] = []
    for event in timeline.events:
        parts = [
            normalise.fold_for_matching(p) for p in (event.title, event.summary, *(s.quote for s in event.sources))
        ]
        cited = {s.article for s in event.sources}
        excluded = cited if len(cited) == 1 else set()
        taken = {(p.article, p.paragraph) for p in timeline.passages_of(event.id) if p.curated}
        expected = set(labels.get(event.id) or [])
        for i, ref in enumerate(index.refs):
            key = (ref.article, ref.paragraph.number)
            if index.word_counts[i] < align.CORROBORATION_MIN_WORDS or ref.article in excluded or key in taken:
                continue
            scores = {name: score(parts, index.texts[i]) for name, score in scorers.items()}
            pairs.append((f"{ref.article}#{ref.paragraph.number}" in expected, scores))
    labelled = sum(len(v or []) for v in labels.values())
    print(f"{labelled} labelled paragraphs; precision/recall by threshold")
    for name in scorers:
        cells = []
        for threshold in range(10, 100, 5):
            found = [relevant for relevant, scores in pairs if scores[name] >= threshold]
            right = sum(found)
            cells.append(f"{threshold}:{right / len(found) if found else 1.0:.2f}/{right / labelled:.2f}")
        print(f"{name:>17}  " + " ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
