"""The merged timeline: corpus + events (+ the passages that anchor them). The one entry point of CLI and UI."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .corpus import Corpus, load_corpus
from .events import EventsFile, load_events
from .model import Actor, Article, DataError, Event, Passage, Problem

Progress = Callable[[str, float], None]  # (what is being done, fraction done 0..1)


def _no_progress(_stage: str, _fraction: float) -> None:
    return None


@dataclass(frozen=True)
class Timeline:
    corpus: Corpus
    events_file: EventsFile
    passages: dict[str, tuple[Passage, ...]] = field(default_factory=dict)  # event id -> passages, best first
    warnings: tuple[Problem, ...] = ()

    @property
    def events(self) -> tuple[Event, ...]:
        return self.events_file.events

    @property
    def actors(self) -> tuple[Actor, ...]:
        return self.events_file.actors

    @property
    def articles(self) -> tuple[Article, ...]:
        return self.corpus.articles

    def event(self, event_id: str) -> Event | None:
        return self.events_file.event(event_id)

    def article(self, article_id: str) -> Article | None:
        return self.corpus.get(article_id)

    def actor(self, actor_id: str) -> Actor | None:
        return self.events_file.actor(actor_id)

    def passages_of(self, event_id: str) -> tuple[Passage, ...]:
        return self.passages.get(event_id, ())


def load_inputs(events_path: str | Path, corpus_dir: str | Path) -> tuple[Corpus, EventsFile, list[Problem]]:
    """Read and validate both inputs; every problem of both is returned."""
    corpus, problems = load_corpus(corpus_dir)
    events_file, event_problems = load_events(events_path, corpus)
    return corpus, events_file, problems + event_problems


def build_timeline(events_path: str | Path, corpus_dir: str | Path, progress: Progress = _no_progress) -> Timeline:
    """Load, validate and merge; raises DataError listing every problem when the inputs are invalid."""
    progress("Reading the corpus and events", 0.0)
    corpus, events_file, problems = load_inputs(events_path, corpus_dir)
    if problems:
        raise DataError(problems)
    progress("Ready", 1.0)
    return Timeline(corpus, events_file)
