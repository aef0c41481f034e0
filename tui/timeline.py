"""The merged timeline: corpus + events (+ the passages that anchor them). The one entry point of CLI and UI.

A `Timeline` is the core session: it never changes once built, so whatever is derived from it (badges, the events
a filter shows, known tags, actor names, the search and corpus indexes) is computed on first use and kept there.
The CLI and the explorer ask it rather than compute their own.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from . import heap
from .chronology import article_badges
from .corpus import Corpus, load_corpus
from .events import EventsFile, load_events
from .filters import EventFilter
from .model import Actor, Article, DataError, DateValue, Event, Passage, Problem

if TYPE_CHECKING:  # the matcher, the cache and the search engine are imported where they are needed
    from . import align, cache, incremental
    from .agreement import DateWitness
    from .align import CorpusIndex, Unanchored
    from .search import PassageResult, SearchIndex

Progress = Callable[[str, float], None]  # (what is being done, fraction done 0..1)
BadgePair = tuple[list[str], list[str]]  # an event's article badges: curated sources, then corroborating reports
FILTERS_KEPT = 16  # filtered event lists kept per timeline: toggling filters back and forth is a lookup
_SEARCH_INDEX_LOCK = threading.Lock()  # one search index built at a time, so that none is built twice


def _no_progress(_stage: str, _fraction: float) -> None:
    return None


@dataclass(frozen=True)
class Timeline:
    corpus: Corpus
    events_file: EventsFile
    passages: dict[str, tuple[Passage, ...]] = field(default_factory=dict)  # event id -> curated, then corroborating
    warnings: tuple[Problem, ...] = ()  # not errors: e.g. an unusable cache that was rebuilt
    unanchored: tuple[Unanchored, ...] = ()  # sources whose quote matched nothing above threshold
    merged: bool = True  # False for `read_timeline`: validated inputs without passages (search, locate)

    @property
    def events(self) -> tuple[Event, ...]:
        return self.events_file.events

    @property
    def actors(self) -> tuple[Actor, ...]:
        return self.events_file.actors

    @property
    def start(self) -> DateValue | None:
        """The date events.yaml declares as the chronology's focus, if any."""
        return self.events_file.start

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
        self._require_merged()
        return self.passages.get(event_id, ())

    def _require_merged(self) -> None:
        if not self.merged:
            raise RuntimeError("this timeline was read without matching: build it with build_timeline")

    def unanchored_of(self, event_id: str) -> tuple[Unanchored, ...]:
        """The sources of this event that anchor nowhere; the event itself stays in the timeline."""
        return tuple(u for u in self.unanchored if u.event_id == event_id)

    def anchor_problems(self) -> list[Problem]:
        """One problem per unanchored source, at its line in events.yaml, with the closest candidate."""
        from .align import ANCHOR_THRESHOLD

        problems = []
        for u in self.unanchored:
            if u.best is None:
                closest = f"the article {u.source.article!r} has no content paragraphs"
            else:
                closest = (
                    f"best candidate {u.best.article} paragraph {u.best.paragraph} "
                    f"(score {u.best.score:.0f} < {ANCHOR_THRESHOLD:.0f}): {u.best.text[:120]!r}"
                )
            message = f"quote {u.source.quote!r} of event {u.event_id!r} matches nothing; {closest}"
            problems.append(Problem(self.events_file.path, u.source.line, "sources.quote", message))
        return problems

    def index(self) -> CorpusIndex:
        """The corpus's paragraph index (for `locate`), built on first use."""
        if "_index" not in self.__dict__:
            from .align import CorpusIndex

            object.__setattr__(self, "_index", CorpusIndex(self.corpus))
        return self.__dict__["_index"]

    # --- derived data: built on first use, then kept (frozen dataclasses keep a cached_property in __dict__) ---

    @cached_property
    def badges(self) -> dict[str, str]:
        """A short unique badge per article id ('MEE'), in corpus order."""
        return article_badges(self.articles)

    @cached_property
    def event_badges(self) -> Mapping[str, BadgePair]:
        """Per event id: the badges of its curated sources, then of the other articles that corroborate it.

        Each event's pair is made when first asked for (a drawn row), then kept: no pass over every event."""
        self._require_merged()
        return _EventBadges(self.events_file, self.passages, self.badges)

    def date_witnesses(self, event: Event) -> tuple[DateWitness, ...]:
        """The articles whose curated paragraphs give the event's date, each saying whether it does so on its own."""
        found = self._witnesses.get(event.id)
        if found is None:
            from .agreement import date_witnesses

            found = date_witnesses(event, self._anchored_at, self.anchors, self.article)
            self._witnesses[event.id] = found
        return found

    def date_agreement(self, event: Event, name: Callable[[str], str] = str) -> str:
        """In one line, the articles that give the event's date and which do not independently; '' for one."""
        from .agreement import agreement

        return agreement(self.date_witnesses(event), name)

    @cached_property
    def _witnesses(self) -> dict[str, tuple[DateWitness, ...]]:
        return {}

    @cached_property
    def anchors(self) -> dict[str, set[tuple[str, int]]]:
        """Where each event's sources are anchored: the paragraphs (article id, number) of its curated passages."""
        return {
            event.id: {(p.article, p.paragraph) for p in self.passages_of(event.id) if p.curated}
            for event in self.events
        }

    @cached_property
    def _anchored_at(self) -> dict[tuple[str, int], list[Event]]:
        """The events anchored in each paragraph (article id, number), in events order."""
        found: dict[tuple[str, int], list[Event]] = {}
        for event in self.events:
            for place in self.anchors.get(event.id, ()):
                found.setdefault(place, []).append(event)
        return found

    def visible_events(self, event_filter: EventFilter) -> tuple[Event, ...]:
        """The events `event_filter` lets through, in chronological order."""
        if not event_filter.active:
            return self.events
        shown = self._visible.get(event_filter)
        if shown is None:
            shown = tuple(e for e in self.events if event_filter.matches(e, self.passages_of(e.id)))
            if len(self._visible) >= FILTERS_KEPT:
                del self._visible[next(iter(self._visible))]
            self._visible[event_filter] = shown
        return shown

    @cached_property
    def _visible(self) -> dict[EventFilter, tuple[Event, ...]]:
        return {}

    @cached_property
    def tags(self) -> tuple[str, ...]:
        """Every tag the events use, sorted."""
        return tuple(sorted({tag for event in self.events for tag in event.tags}))

    @cached_property
    def named_actors(self) -> tuple[Actor, ...]:
        """The actors that at least one event names, by name."""
        named = {actor_id for event in self.events for actor_id in event.actors}
        return tuple(sorted((a for a in self.actors if a.id in named), key=lambda a: a.name.lower()))

    def actor_names(self, event: Event) -> list[str]:
        """The names of the event's actors (the id of one missing from the registry)."""
        return [actor.name if (actor := self.actor(actor_id)) else actor_id for actor_id in event.actors]

    @property
    def search_index(self) -> SearchIndex:
        """The index of actors, events and paragraphs that `timeline search` and the explorer's `/` query.

        Built on first use, once even when two threads ask at once (the explorer builds it in a worker while the
        reader may ask for it)."""
        index = self.__dict__.get("_search_index")
        if index is None:
            with _SEARCH_INDEX_LOCK:
                index = self.__dict__.get("_search_index")
                if index is None:
                    from .search import SearchIndex

                    index = self.__dict__["_search_index"] = SearchIndex(self.actors, self.events, self.articles)
        return index

    def search_passage(self, result: PassageResult) -> Passage | None:
        """A search hit as a passage of its paragraph, from the first to the last matched word."""
        article = self.article(result.article)
        if article is None or not 0 < result.paragraph <= len(article.paragraphs):
            return None
        start, end = (result.spans[0][0], result.spans[-1][1]) if result.spans else (0, 0)
        text = article.paragraph(result.paragraph).text
        return Passage(result.article, result.paragraph, start, end, text[start:end], result.score, False)


class _EventBadges(Mapping[str, BadgePair]):
    """`Timeline.event_badges`: a read-only mapping that makes each event's badges on first lookup. It holds the
    timeline's parts, not the timeline, so that no reference cycle keeps an old timeline alive."""

    def __init__(self, events: EventsFile, passages: dict[str, tuple[Passage, ...]], badges: dict[str, str]) -> None:
        self._events, self._passages, self._badges = events, passages, badges
        self._made: dict[str, BadgePair] = {}

    def __getitem__(self, event_id: str) -> BadgePair:
        pair = self._made.get(event_id)
        if pair is None:
            event = self._events.event(event_id)
            if event is None:
                raise KeyError(event_id)
            pair = self._made[event_id] = self._pair(event)
        return pair

    def _pair(self, event: Event) -> BadgePair:
        passages = self._passages.get(event.id, ())
        curated = list(dict.fromkeys([p.article for p in passages if p.curated] or [s.article for s in event.sources]))
        others = [a for a in dict.fromkeys(p.article for p in passages if not p.curated) if a not in curated]
        return [self._badges[a] for a in curated if a in self._badges], [self._badges[a] for a in others]

    def __iter__(self) -> Iterator[str]:
        return (event.id for event in self._events.events)

    def __len__(self) -> int:
        return len(self._events.events)


def load_inputs(events_path: str | Path, corpus_dir: str | Path) -> tuple[Corpus, EventsFile, list[Problem]]:
    """Read and validate both inputs; every problem of both is returned."""
    corpus, problems = load_corpus(corpus_dir)
    events_file, event_problems = load_events(events_path, corpus)
    return corpus, events_file, problems + event_problems


def read_timeline(events_path: str | Path, corpus_dir: str | Path) -> Timeline:
    """The inputs read and validated but not matched, for what needs no passages (search, locate): no cache, no
    merge. Raises DataError listing every problem when the inputs are invalid."""
    corpus, events_file, problems = load_inputs(events_path, corpus_dir)
    if problems:
        raise DataError(problems)
    return Timeline(corpus, events_file, merged=False)


_warned: set[str] = set()  # cache problems already reported by this process: each is reported once


def build_timeline(
    events_path: str | Path,
    corpus_dir: str | Path,
    progress: Progress = _no_progress,
    use_cache: bool = True,
    reuse_parse: bool = True,
) -> Timeline:
    """Load, validate and merge; the merge from the on-disk cache where the inputs are unchanged.

    The inputs are read on every call. A file read before in these exact bytes is not parsed again but taken as
    then validated (`parsecache`), unless `reuse_parse` is False (`timeline check`): either way the events,
    articles and problems are those of a fresh parse. What the merge cache holds is checked against what was read
    (see `cache`). Raises DataError listing every problem only when the
    inputs are invalid; quotes that anchor nowhere are not errors here (the events stay, see
    `Timeline.unanchored`) but are in `Timeline.anchor_problems()`.
    """
    from . import align, cache, parsecache
    from .atomic import WriteRefused

    events_path, corpus_dir = Path(events_path), Path(corpus_dir)
    warnings: list[Problem] = []
    progress("Reading the corpus and events", 0.0)
    # A pipe (`<(...)`) has no stable name to keep a cache under.
    slot = cache.cache_path(events_path, corpus_dir) if use_cache and events_path.is_file() else None
    indexed: list[align.CorpusIndex] = []

    def index_first(corpus: Corpus, parsed_aside: bool) -> None:  # nothing merged is kept: indexed before the events
        progress("Indexing the corpus", 0.05)
        index = align.CorpusIndex(corpus)
        if parsed_aside:  # thousands of events, parsed meanwhile: the paragraphs' days are read while they are
            index.read_days()
        indexed.append(index)

    with heap.paused_gc():
        if slot is not None and reuse_parse:  # what was parsed before, taken as it was
            meanwhile = None if slot.exists() else index_first
            corpus, events_file, problems, known = parsecache.load_inputs(events_path, corpus_dir, slot, meanwhile)
        else:
            (corpus, events_file, problems), known = load_inputs(events_path, corpus_dir), None
        if problems:
            raise DataError(problems)
        events = events_file.events
        articles, event_digests = cache.digests(corpus, events, known)
        index = indexed[0] if indexed else None
        outcome, entry = _merge(slot, corpus, events, articles, event_digests, progress, warnings, index)
    if slot and (entry is None or entry.key != cache.input_key(articles, event_digests)):
        statistics = cache.encode_statistics(outcome.statistics) if outcome.statistics else entry.statistics_json
        _key, data = cache.encode(
            articles, events, event_digests, outcome.result, statistics, outcome.base, outcome.drift
        )
        try:
            cache.save(slot, data)
        except (OSError, WriteRefused) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            _warn(warnings, slot, f"cannot be written ({reason}); the merge is redone on each start")
    progress("Ready", 1.0)
    result = outcome.result
    timeline = Timeline(corpus, events_file, result.passages, tuple(warnings), result.unanchored)
    if result.index is not None:
        object.__setattr__(timeline, "_index", result.index)  # the merge's index serves `locate` too
    return timeline


def _merge(
    slot: Path | None,
    corpus: Corpus,
    events: tuple[Event, ...],
    articles: dict[str, str],
    event_digests: dict[str, str],
    progress: Progress,
    warnings: list[Problem],
    index: align.CorpusIndex | None = None,
) -> tuple[incremental.Outcome, cache.Entry | None]:
    """The merge, updated from the cached one when there is one; a cache that cannot be used is merged anew.
    `index`: the corpus indexed for a full merge, when it already is."""
    from . import cache, incremental, indexcache

    entry = None
    stored = indexcache.index_path(slot) if slot is not None else None
    if slot is not None:
        if index is None:  # else no merge was kept, and the corpus is indexed already
            progress("Reading the cache", 0.0)
        try:
            entry = cache.load(slot)
            if entry is not None:
                return incremental.update(entry, corpus, events, articles, event_digests, progress, stored), entry
        except cache.CacheError as exc:
            _warn(warnings, slot, f"ignored ({exc}); rebuilt")
            entry = None
    return incremental.full_merge(corpus, events, articles, progress, stored, index), entry


def _warn(warnings: list[Problem], slot: Path, message: str) -> None:
    if message not in _warned and not warnings:  # one warning per build, and each message once per process
        _warned.add(message)
        warnings.append(Problem(str(slot), 0, "cache", message))
