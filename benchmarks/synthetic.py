"""A synthetic corpus for benchmarks: N articles recombined from real news text, M events quoting them.

Sentences come from the bundled articles (corpus/) and, when present, the MEANTIME Wikinews articles in
../shared/data/meantime; they are recombined into paragraphs, perturbed (names of a generated actor registry
woven in, numbers changed, words dropped) so that paragraphs are not copies of each other, and written as real
files: `events.yaml` and a `corpus/` folder that `timeline` reads like any user's data.

    python benchmarks/synthetic.py DIR --articles 2000 --events 1000 [--shape syndicated]

API: `generate(directory, n_articles, n_events, seed=0) -> (events_path, corpus_dir)`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BUNDLED_CORPUS = ROOT / "corpus"
MEANTIME = Path(  # MEANTIME_JSONL names it when the project is checked out elsewhere
    os.environ.get("MEANTIME_JSONL", ROOT.parent / "shared" / "data" / "meantime" / "meantime-en-dev.jsonl")
)
PARAGRAPHS_PER_ARTICLE = 20

_FIRST = (
    "Amira Daniel Farid Helena Ivan Jonas Karim Laila Marta Nadia Omar Pavel Rania Samuel Tomas Yasmin Elena "
    "Hassan Ingrid Leon Mariam Nikolai Olga Rafael Sofia Tariq Viktor Zainab Adrien Beatriz Carlos Dmitri Esther "
    "Gustavo Hana Idris Julia Kofi Lucia Mehdi Noor Oskar Priya Reza Selin Theo Ursula Walid Ximena Yusuf"
)
_LAST = (
    "Abadi Bergström Castellanos Delacroix Ekström Farahani Gallagher Haddad Ibarra Jansen Kowalski Lindqvist "
    "Moradi Novak Okafor Petrov Quintero Rahimi Schneider Tehrani Umarov Valdés Whitfield Yilmaz Zamani Ashworth "
    "Brennan Carvalho Dubois Esposito Fischer Garrido Hosseini Ivanova Jovanović Karimi Lambert Mendes Nakamura "
    "Olsen Pereira Rossi Sadeghi Takahashi Vasquez Weber Xu Yadav Zielinski"
)
FIRST_NAMES, SURNAMES = _FIRST.split(), _LAST.split()
ROLES = (
    "foreign minister",
    "defence minister",
    "spokesperson for the ministry",
    "senior adviser",
    "opposition leader",
    "central bank governor",
    "trade envoy",
    "party chairman",
    "chief negotiator",
    "analyst",
)
ORG_WORDS = ("National", "United", "Democratic", "Federal", "Regional", "International", "Independent")
ORG_NOUNS = ("Council", "Alliance", "Institute", "Front", "Commission", "Assembly", "Coalition", "Union")
ORG_TOPICS = ("Trade", "Energy", "Security", "Reform", "Justice", "Labour", "Development", "Aviation")
TAGS = ("diplomacy", "economy", "security", "talks", "sanctions", "markets", "aviation", "technology", "courts")
SAYINGS = ("said that", "told reporters that", "wrote that", "insisted that", "argued that", "confirmed that")
_SENTENCE = re.compile(r"(?<=[.!?\"”])\s+(?=[A-Z\"“])")
_NUMBER = re.compile(r"\b\d{2,3}\b")


@dataclass(frozen=True)
class _Actor:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    titles: tuple[str, ...]
    handles: tuple[str, ...]


def load_sentences(shape: str = "news") -> list[str]:
    """Sentences of realistic news text: the bundled articles, plus MEANTIME when ../shared is present.

    The "syndicated" shape takes the bundled articles alone: their few hundred sentences recur, lightly edited,
    across every article, as wire copy does in a news corpus (hundreds of paragraphs near one another).
    """
    texts: list[str] = []
    for path in sorted(BUNDLED_CORPUS.glob("*.txt")):
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        texts.extend(line for line in body.splitlines() if len(line) > 80)
    if shape == "news" and MEANTIME.exists():
        with MEANTIME.open(encoding="utf-8") as lines:
            texts.extend(json.loads(line)["full_text"] for line in lines)
    elif shape == "news":
        print(f"synthetic: {MEANTIME} is absent; using the bundled corpus alone", file=sys.stderr)
    sentences = []
    for text in texts:
        for part in _SENTENCE.split(text.replace("\n", " ")):
            part = part.strip()
            if 40 <= len(part) <= 400 and part.count(" ") >= 6:
                sentences.append(part)
    return list(dict.fromkeys(sentences))


def make_actors(rng: random.Random, count: int) -> list[_Actor]:
    """A registry of plausible people and organisations with aliases, titles and handles."""
    actors: list[_Actor] = []
    names: set[str] = set()
    while len(actors) < count:
        if rng.random() < 0.8:
            first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
            name = f"{first} {last}"
            if name in names:
                continue
            role = rng.choice(ROLES)
            actor = _Actor(_slug(name), name, "person", (last, f"{first[0]}. {last}"), (role,), (f"@{first}{last}",))
        else:
            topic = rng.choice(ORG_TOPICS)
            name = f"{rng.choice(ORG_WORDS)} {topic} {rng.choice(ORG_NOUNS)}"
            if name in names:
                continue
            acronym = "".join(w[0] for w in name.split())
            actor = _Actor(_slug(name), name, "organisation", (acronym,), (), ())
        names.add(name)
        actors.append(actor)
    return actors


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _perturb(rng: random.Random, sentence: str) -> str:
    """Change numbers and drop a word now and then, so recombined paragraphs differ."""
    sentence = _NUMBER.sub(lambda m: str(rng.randint(10, 999)) if rng.random() < 0.5 else m.group(), sentence)
    words = sentence.split(" ")
    if len(words) > 12 and rng.random() < 0.3:
        del words[rng.randrange(1, len(words) - 1)]
    return " ".join(words)


def _paragraph(rng: random.Random, sentences: list[str], actors: list[_Actor]) -> tuple[str, list[str]]:
    parts = [_perturb(rng, rng.choice(sentences)) for _ in range(rng.choice((1, 2, 2, 3)))]
    mentioned: list[str] = []
    if rng.random() < 0.6:
        actor = rng.choice(actors)
        mentioned.append(actor.id)
        lead = parts[0]
        parts[0] = f"{actor.name} {rng.choice(SAYINGS)} {lead[0].lower()}{lead[1:]}"
    return " ".join(parts), mentioned


def _typo(rng: random.Random, text: str) -> str:
    """A quote as a user pastes it: sometimes a typo, trimmed ends or punctuation dropped."""
    roll = rng.random()
    if roll < 0.25 and len(text) > 20:
        i = rng.randrange(5, len(text) - 5)
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    if roll < 0.4:
        return re.sub(r"[,;:\"“”]", "", text)
    return text


def _quote(rng: random.Random, paragraph: str) -> str:
    words = paragraph.split()
    length = min(len(words), rng.randint(8, 18))
    start = rng.randint(0, len(words) - length)
    return _typo(rng, " ".join(words[start : start + length]))


SHAPES = ("news", "syndicated")


def generate(directory: Path, n_articles: int, n_events: int, seed: int = 0, shape: str = "news") -> tuple[Path, Path]:
    """Write `events.yaml` and `corpus/` into `directory`; return (events_path, corpus_dir).

    `shape`: "news" (varied text) or "syndicated" (the same wire sentences recur with small edits; see
    `load_sentences`)."""
    rng = random.Random(seed)
    directory = Path(directory)
    corpus_dir = directory / "corpus"
    corpus_dir.mkdir(parents=True, exist_ok=True)
    sentences = load_sentences(shape)
    actors = make_actors(rng, max(60, n_events // 5))
    articles: list[tuple[str, dt.date, list[tuple[str, list[str]]]]] = []
    epoch = dt.date(2008, 1, 1)
    for index in range(n_articles):
        article_id = f"synth-{index:05d}"
        published = epoch + dt.timedelta(days=rng.randrange(0, 365 * 14))
        count = max(3, PARAGRAPHS_PER_ARTICLE + rng.randint(-4, 4))
        paragraphs = [_paragraph(rng, sentences, actors) for _ in range(count)]
        title = paragraphs[0][0].split(". ")[0][:90].rstrip(" ,;:")
        front = {
            "id": article_id,
            "title": title,
            "published": published.isoformat(),
            "published_basis": "stated",
            "outlet": "Synthetic Wire",
        }
        body = "\n\n".join(text for text, _ in paragraphs)
        header = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=10_000)
        (corpus_dir / f"{article_id}.txt").write_text(f"---\n{header}---\n{body}\n", encoding="utf-8")
        articles.append((article_id, published, paragraphs))

    events = []
    for index in range(n_events):
        article_id, published, paragraphs = rng.choice(articles)
        text, mentioned = rng.choice(paragraphs)
        quote = _quote(rng, text)
        day = published - dt.timedelta(days=rng.randrange(0, 4))
        title_words = text.split()[: rng.randint(6, 10)]
        actor_ids = list(dict.fromkeys([*mentioned, *(a.id for a in rng.sample(actors, rng.randint(0, 2)))]))
        events.append(
            {
                "id": f"event-{index:05d}",
                "date": day.isoformat(),
                "date_basis": {"method": "explicit", "expression": quote[:60], "article": article_id},
                "title": " ".join(title_words).rstrip(" ,;:."),
                "summary": _perturb(rng, text.split(". ")[0]),
                "actors": actor_ids,
                "tags": rng.sample(TAGS, rng.randint(1, 2)),
                "sources": [{"article": article_id, "quote": quote}],
            }
        )
    events.sort(key=lambda e: e["date"])
    registry = [
        {"id": a.id, "name": a.name, "kind": a.kind, "aliases": list(a.aliases), "titles": list(a.titles)}
        | ({"handles": list(a.handles)} if a.handles else {})
        for a in actors
    ]
    events_path = directory / "events.yaml"
    document = yaml.safe_dump({"actors": registry, "events": events}, sort_keys=False, allow_unicode=True, width=10_000)
    events_path.write_text(document, encoding="utf-8")
    return events_path, corpus_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", type=Path, help="where to write events.yaml and corpus/")
    parser.add_argument("--articles", type=int, default=2000, help="number of articles (default 2000)")
    parser.add_argument("--events", type=int, default=1000, help="number of events (default 1000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--shape", choices=SHAPES, default="news", help="news (default) or syndicated wire copy")
    args = parser.parse_args(argv)
    events_path, corpus_dir = generate(args.directory, args.articles, args.events, args.seed, args.shape)
    print(f"wrote {events_path} ({args.events} events) and {corpus_dir} ({args.articles} articles)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
