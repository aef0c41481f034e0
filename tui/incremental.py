"""Bring a cached merge up to date: match again only the events and articles that changed.

- An event whose digest changed (or a new one) is anchored and corroborated again, alone.
- An added article is matched alone against the other events: its paragraphs are judged on the statistics the
  cached merge used (`align.Statistics`), and each event keeps its best passages of old and new.
- A changed or removed article drops out of every event that had a passage in it (or cites it), and those events
  are matched again.

The statistics (how many paragraphs hold each word: what makes a word common or rare, and its weight) are not
updated on such a change; they are those of the corpus at the last full merge. Once the articles added, changed
or removed since then exceed STALE_FRACTION of that corpus, the next load merges everything again with fresh
statistics. Within that bound the result is exactly that of a full merge on those statistics.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import align, cache, indexcache
from .corpus import Corpus
from .model import Event, Passage

STALE_FRACTION = 0.05  # of the articles the statistics were taken from: more changes than this, a full merge

ProgressFn = Callable[[str, float], None]


@dataclass(frozen=True)
class Outcome:
    result: align.MergeResult
    statistics: align.Statistics | None  # None: those of the cached merge, not even decoded
    base: int  # articles the statistics were taken from
    drift: int  # articles added, changed or removed since
    events_matched: int  # events anchored and corroborated again (all of them for a full merge)
    articles_matched: int  # articles matched alone against the other events


# The index of the last merge in this process, with the digests of its articles: a reload after an edited event
# (live reload in the explorer) matches that event without indexing the corpus again.
_last_index: tuple[tuple[str, ...], align.CorpusIndex] | None = None


def _index(
    corpus: Corpus, article_digests: dict[str, str], statistics: align.Statistics, stored: Path | None
) -> align.CorpusIndex:
    """The index of the corpus on these statistics: the last one of this process, or one built on the tokens
    `stored` on disk (`indexcache`), else one built (and stored)."""
    global _last_index
    articles = tuple(article_digests[a.id] for a in corpus.articles)
    if _last_index is not None and _last_index[0] == articles and _last_index[1].statistics == statistics:
        return _last_index[1]
    key = indexcache.corpus_key(corpus, article_digests)
    paragraphs = sum(len(a.content_paragraphs) for a in corpus.articles)
    tokens = indexcache.load(stored, key, paragraphs) if stored is not None else None
    index = align.CorpusIndex(corpus, statistics=statistics, tokens=tokens)
    if stored is not None and tokens is None:
        indexcache.save(stored, key, index.tokens)
    _last_index = (articles, index)
    return index


def full_merge(
    corpus: Corpus,
    events: tuple[Event, ...],
    article_digests: dict[str, str],
    progress: ProgressFn,
    stored: Path | None = None,
    index: align.CorpusIndex | None = None,
) -> Outcome:
    """Everything matched again; the index's tokens are `stored` on disk for a later process (`indexcache`).
    `index`: the corpus indexed on its own statistics, when it already is."""
    global _last_index
    articles = tuple(article_digests[a.id] for a in corpus.articles)
    result = align.merge(corpus, events, progress, index=index)
    assert result.index is not None
    _last_index = (articles, result.index)
    if stored is not None:
        indexcache.save(stored, indexcache.corpus_key(corpus, article_digests), result.index.tokens)
    return Outcome(result, result.index.statistics, len(corpus.articles), 0, len(events), 0)


def update(
    entry: cache.Entry,
    corpus: Corpus,
    events: tuple[Event, ...],
    article_digests: dict[str, str],
    event_digests: dict[str, str],
    progress: ProgressFn,
    stored: Path | None = None,
) -> Outcome:
    """The merge of `corpus` and `events`, from a cached one where it still holds; raises cache.CacheError.

    `stored`: where the corpus index's tokens are kept on disk (`indexcache`), if anywhere."""
    gone = {a for a, digest in entry.articles.items() if article_digests.get(a) != digest}
    added = [a for a in corpus.articles if entry.articles.get(a.id) != article_digests[a.id]]
    drift = entry.drift + len(gone | {a.id for a in added})
    kept = [a.id for a in corpus.articles if a.id in entry.articles]
    if drift > STALE_FRACTION * entry.base or kept != [a for a in entry.articles if a in article_digests]:
        # Stale statistics, or the articles in another order (file names changed), which ties are ranked by.
        return full_merge(corpus, events, article_digests, progress, stored)
    redo = [e for e in events if entry.events.get(e.id) != event_digests[e.id] or _touches(entry, e, gone)]
    redone = {e.id for e in redo}
    passages: dict[str, tuple[Passage, ...]] = {}
    unanchored: dict[str, list[align.Unanchored]] = {}
    for event in events:
        if event.id not in redone:
            passages[event.id], unanchored[event.id] = cache.passages_for(entry, event, corpus)
    statistics: align.Statistics | None = None
    if added and len(redone) < len(events):
        progress(f"Matching {len(added)} new or changed articles", 0.3)
        statistics = cache.statistics(entry)
        new = align.CorpusIndex(Corpus(corpus.directory, tuple(added)), statistics=statistics)
        order = {a.id: n for n, a in enumerate(corpus.articles)}

        def rank(p: Passage) -> tuple[int, int]:
            return order[p.article], p.paragraph

        by_id = {e.id: e for e in events}
        for event_id in passages:
            passages[event_id] = align.extend_corroboration(by_id[event_id], passages[event_id], new, rank)
    if redo:
        progress(f"Matching {len(redo)} new or changed events", 0.5)
        statistics = statistics or cache.statistics(entry)
        index = _index(corpus, article_digests, statistics, stored)
        for event in redo:
            passages[event.id], unanchored[event.id] = align.match_event(event, corpus, index)
    ordered = {e.id: passages[e.id] for e in events}
    missed = tuple(u for e in events for u in unanchored.get(e.id, ()))
    return Outcome(align.MergeResult(ordered, missed), statistics, entry.base, drift, len(redo), len(added))


def _touches(entry: cache.Entry, event: Event, gone: set[str]) -> bool:
    """Whether the event cites, or had a passage in, an article that changed or went."""
    if not gone:
        return False
    if any(s.article in gone for s in event.sources):
        return True
    try:
        bests = [best for _, best in entry.unanchored.get(event.id, []) if best]
        return any(p[0] in gone for p in (*entry.passages[event.id], *bests))
    except (KeyError, TypeError, ValueError, IndexError):  # malformed: matched again rather than trusted
        return True
