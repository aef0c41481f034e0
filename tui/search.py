"""One ranked search over actors (names, aliases, titles, handles), events (title, summary) and passages.

Build a `SearchIndex` once from a Timeline and query it many times, from any thread: a query changes nothing but
a cache of query-word expansions (single dict operations, atomic in CPython), so a UI worker may run it on every
keystroke. Results are plain dataclasses; `result_dict` turns one into JSON-ready data.

How it ranks. Every indexed string (a *field*) is split into skeleton words (see `normalise`). Each query word is
expanded against the vocabulary of the index, never against the fields themselves: the word itself, the words it
is a prefix of (partial names, typing in progress) and its nearest words by edit distance (typos), each with a
similarity. A field scores by the share of the query it covers, words weighted by rarity (idf) and by that
similarity; a short field (a name, a title) also by the share of it the query covers, a long one (a paragraph)
gains when the query occurs in it as a phrase. A query equal to a name or alias scores 100, above any fuzzy
match, and names weigh more than events and passages, so that a name finds the actor first.
"""

from __future__ import annotations

import heapq
import math
import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from itertools import repeat
from operator import add, mul
from typing import Any, Literal

from rapidfuzz import fuzz, process

from .model import Actor, Article, Event
from .normalise import STOPWORDS, fold_words, skeleton, words

Kind = Literal["actor", "event", "passage"]
KINDS: tuple[Kind, ...] = ("actor", "event", "passage")

# Field weights: how much a full match of each field is worth, so that a name outranks an event title that
# contains it, and a curated event the paragraphs that report it.
_WEIGHTS = {"name": 1.0, "title": 0.95, "summary": 0.72, "text": 0.75}
_MAX_QUERY_WORDS = 16
_PREFIX_LIMIT = 64  # vocabulary words a prefix may expand to
_FUZZY_LIMIT = 8  # nearest vocabulary words per query word
_FUZZY_CUTOFF = 75.0  # rapidfuzz ratio, 0..100
_FUZZY_MARGIN = 10.0  # a typo's readings kept: those within this of the closest (or of the word itself, 100)
_CANDIDATE_BUDGET = 3_000  # fields scored at most per query
_SNIPPET = 140
_WORD = re.compile(r"[^\W_]+(?:['’.][^\W_]+)*")


@dataclass(frozen=True)
class ActorResult:
    label: str  # the actor's canonical name
    score: float
    id: str
    name: str
    aliases: tuple[str, ...]
    events: tuple[str, ...]  # ids of the events the actor takes part in, in chronological order
    matched: str  # the name, alias, title or handle that matched
    kind: Kind = field(default="actor", init=False)


@dataclass(frozen=True)
class EventResult:
    label: str  # the event's title
    score: float
    id: str
    date: str  # EDTF, as in events.yaml
    matched: str  # "title" or "summary"
    kind: Kind = field(default="event", init=False)


@dataclass(frozen=True)
class PassageResult:
    label: str  # a one-line excerpt of the paragraph around the first matched word
    score: float
    article: str
    paragraph: int  # 1-based paragraph number in the article
    spans: tuple[tuple[int, int], ...]  # matched words, as offsets into the paragraph's text
    kind: Kind = field(default="passage", init=False)


Result = ActorResult | EventResult | PassageResult


def result_dict(result: Result) -> dict[str, Any]:
    """A JSON-ready dictionary: kind, label and score first, then the kind's own fields."""
    data: dict[str, Any] = {"kind": result.kind, "label": result.label, "score": round(result.score, 1)}
    for name in result.__dataclass_fields__:
        if name not in data:
            value = getattr(result, name)
            data[name] = [list(v) for v in value] if name == "spans" else value
    for name in ("aliases", "events"):
        if name in data:
            data[name] = list(data[name])
    return data


@dataclass(frozen=True)
class _Field:
    kind: Kind
    target: int  # index into the index's actors, events or paragraphs
    role: str  # a key of _WEIGHTS
    text: str  # the original string
    folded: str  # names only: for the exact match
    words: tuple[str, ...]
    joined: str  # the words joined by spaces, with a space before and after: for phrase and word checks


class SearchIndex:
    """An inverted index of skeleton words over every searchable field; cheap to query many times."""

    def __init__(self, actors: Collection[Actor], events: Collection[Event], articles: Collection[Article]) -> None:
        self.actors = tuple(actors)
        self.events = tuple(events)
        self.paragraphs = tuple((a, p) for a in articles for p in a.content_paragraphs)
        acting: dict[str, list[str]] = {a.id: [] for a in self.actors}
        for event in self.events:
            for actor_id in event.actors:
                acting.setdefault(actor_id, []).append(event.id)
        self._acting = {k: tuple(v) for k, v in acting.items()}
        self._fields: list[_Field] = list(self._make_fields())
        self._ceilings = [100.0 * _WEIGHTS[f.role] for f in self._fields]  # the score of a full match
        self._ranges: dict[Kind, range] = {}
        for kind in KINDS:  # the fields of a kind are contiguous
            numbers = [n for n, f in enumerate(self._fields) if f.kind == kind]
            self._ranges[kind] = range(numbers[0], numbers[-1] + 1) if numbers else range(0)
        postings: defaultdict[str, list[int]] = defaultdict(list)  # no empty list made per word met
        for number, item in enumerate(self._fields):
            for word in dict.fromkeys(item.words):
                postings[word].append(number)
        self._postings = dict(postings)  # a lookup of a word not indexed never adds it
        self._vocabulary = sorted(postings)
        self._names = sorted({w for f in self._fields if f.kind == "actor" for w in f.words})
        self._starting = _by_letter(self._vocabulary, 0)  # first letter -> words
        self._seconds = _by_letter(self._vocabulary, 1)  # second letter -> words
        total = len(self._fields) or 1
        self._idf = {w: math.log(1 + total / len(p)) for w, p in self._postings.items()}
        self._max_idf = math.log(1 + total)
        self._expansions: dict[str, dict[str, float]] = {}

    def _make_fields(self) -> Iterator[_Field]:
        def make(kind: Kind, target: int, role: str, text: str) -> _Field:
            found = tuple(words(text))
            return _Field(
                kind, target, role, text, fold_words(text) if role == "name" else "", found, f" {' '.join(found)} "
            )

        for number, actor in enumerate(self.actors):
            for name in dict.fromkeys(actor.all_names):
                yield make("actor", number, "name", name)
            if len(actor.all_names) > 1:  # all of them as one, for a query that mixes a title and a name
                every = tuple(dict.fromkeys(w for name in actor.all_names for w in words(name)))
                yield _Field("actor", number, "name", actor.name, "", every, f" {' '.join(every)} ")
        for number, event in enumerate(self.events):
            yield make("event", number, "title", event.title)
            if event.summary:
                yield make("event", number, "summary", event.summary)
        for number, (_article, paragraph) in enumerate(self.paragraphs):
            yield make("passage", number, "text", paragraph.text)

    # Query words -> vocabulary words

    def _expand(self, word: str) -> dict[str, float]:
        """Vocabulary words that `word` may stand for, with a similarity in 0..1; cached per word."""
        cached = self._expansions.get(word)
        if cached is not None:
            return cached
        found: dict[str, float] = {}
        if len(word) >= 4:
            # Typos rarely touch both of the first two letters (the skeleton absorbs the phonetic ones), so only
            # words starting with either, or with the first one second (a dropped first letter), are compared.
            starting, seconds = self._starting, self._seconds
            choices = starting.get(word[0], []) + starting.get(word[1], []) + seconds.get(word[0], [])
            near = [
                (other, score)
                for other, score, _ in process.extract(
                    word, choices, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF, limit=_FUZZY_LIMIT
                )
                if len(other) >= 4  # as for query words, too short to tell a typo from another word
            ]
            # A typo stands for its closest readings, not for every word within reach: "khamenai" is Khamenei
            # (92), not Kenare (77); a word of the vocabulary stands for itself and its near-twins only.
            closest = max((score for _, score in near), default=0.0)
            for other, score in near:
                if score >= closest - _FUZZY_MARGIN:
                    found[other] = max(found.get(other, 0.0), 0.95 * score / 100)
        # Words it begins: of names from the first letter (as the user types), of any field from the third.
        for vocabulary in (self._names, self._vocabulary) if len(word) >= 3 else (self._names,):
            start = bisect_left(vocabulary, word)
            for other in vocabulary[start : start + _PREFIX_LIMIT]:
                if not other.startswith(word):
                    break
                found[other] = max(found.get(other, 0.0), 0.8 + 0.15 * len(word) / len(other))
        if word in self._postings:
            found[word] = 1.0
        if len(self._expansions) > 4096:
            self._expansions.clear()
        self._expansions[word] = found
        return found

    def _weight(self, word: str, expansion: dict[str, float]) -> float:
        if word in self._idf:
            return self._idf[word]
        if expansion:
            return self._idf[max(expansion, key=expansion.__getitem__)]
        return self._max_idf

    def find_in(self, text: str, query: str) -> list[tuple[int, int]]:
        """Where `query` occurs in `text`, as forgiving as the search: its words in a row, each matching as a query
        word matches a name (a typo, a transliteration, the start of a word); offsets from the first word's start
        to the last one's end, in order, not overlapping."""
        wanted = [{w, *self._expand(w)} for w in list(words(query))[:_MAX_QUERY_WORDS]]
        if not wanted:  # only common words or signs ("the", "¶"): found as typed, case aside
            literal = query.strip().casefold()
            if not literal or len(literal) != len(literal.lower()):
                return []
            folded = text.casefold() if len(text.casefold()) == len(text) else text.lower()
            return [(m.start(), m.end()) for m in re.finditer(re.escape(literal), folded)]
        tokens = list(_word_tokens(text))
        found: list[tuple[int, int]] = []
        index, count = 0, len(wanted)
        while index + count <= len(tokens):
            if all(tokens[index + j][0] in wanted[j] for j in range(count)):
                found.append((tokens[index][1], tokens[index + count - 1][2]))
                index += count
            else:
                index += 1
        return found

    def clear_cache(self) -> None:
        """Forget the expansions of query words (they are cached as the user types)."""
        self._expansions.clear()

    # Searching

    def search(self, query: str, *, limit: int = 20, kinds: Collection[str] | None = None) -> list[Result]:
        """The best `limit` results for `query`, best first; an empty list when nothing matches."""
        said = tuple(words(query))[:_MAX_QUERY_WORDS]
        query_words = list(dict.fromkeys(said))
        if not query_words or limit <= 0:
            return []
        wanted = set(kinds) if kinds else set(KINDS)
        expansions = [self._expand(w) for w in query_words]
        weights = [self._weight(w, e) for w, e in zip(query_words, expansions, strict=True)]
        shares = [w / sum(weights) for w in weights]
        hits, candidates = self._gather(expansions, wanted)
        coverages = [0.0] * len(candidates)
        for share, hit in zip(shares, hits, strict=True):  # map() keeps these loops in C
            found = map(hit.get, candidates, repeat(0.0))
            coverages = list(map(add, coverages, map(mul, found, repeat(share))))
        # A field never scores above 100 * weight * coverage: score fields in that order, stop when none can enter.
        ceilings = map(mul, coverages, map(self._ceilings.__getitem__, candidates))
        bounds = sorted(zip(ceilings, coverages, candidates, strict=True), reverse=True)
        folded_query = fold_words(query)
        best: dict[tuple[Kind, int], tuple[float, _Field]] = {}
        floor = 0.0  # the score to beat to enter the top `limit`
        for bound, coverage, number in bounds:
            if bound <= floor:
                break
            item = self._fields[number]
            score = self._score(item, coverage, folded_query, said, expansions)
            key = (item.kind, item.target)
            if score > floor and (key not in best or score > best[key][0]):
                best[key] = (score, item)
                if len(best) >= limit:
                    floor = heapq.nlargest(limit, (s for s, _ in best.values()))[-1]
        top = heapq.nlargest(limit, best.items(), key=lambda kv: (kv[1][0], -KINDS.index(kv[0][0]), -kv[0][1]))
        return [self._result(item, score, expansions) for (_k, _t), (score, item) in top]

    def _gather(self, expansions: list[dict[str, float]], wanted: set[str]) -> tuple[list[dict[int, float]], list[int]]:
        """Per query word, field number -> similarity; and the fields worth scoring.

        While few, every field holding a query word is a candidate. Otherwise the candidates are the fields holding
        the rarest word, narrowed to those also holding the next rarest while too many (keeping the first fields,
        names then events, when even that is too many); the commoner words are then looked up in the candidates
        only, which costs far less than mapping every field that holds them.
        """
        sizes = [sum(len(self._postings[other]) for other in e) for e in expansions]
        hits: list[dict[int, float]] = [{} for _ in expansions]
        order = [i for i in sorted(range(len(sizes)), key=sizes.__getitem__) if sizes[i]]
        if not order:
            return hits, []
        allowed = None if len(wanted) == len(KINDS) else [self._ranges[k] for k in KINDS if k in wanted]
        if sum(sizes) <= _CANDIDATE_BUDGET:
            for i in order:
                hits[i] = self._hits(expansions[i])
            return hits, list(self._allowed(set().union(*hits), allowed))
        hits[order[0]] = self._hits(expansions[order[0]])
        pool = self._allowed(set(hits[order[0]]), allowed)
        for i in order[1:]:
            hits[i] = self._hits(expansions[i], within=pool)
            if len(pool) > _CANDIDATE_BUDGET and hits[i]:
                pool = set(hits[i])
        return hits, heapq.nsmallest(_CANDIDATE_BUDGET, pool) if len(pool) > _CANDIDATE_BUDGET else list(pool)

    def _hits(self, expansion: dict[str, float], within: set[int] | None = None) -> dict[int, float]:
        """Field number -> the best similarity to the query word of a word of the field (among `within`)."""
        hit: dict[int, float] = {}
        for other, similarity in sorted(expansion.items(), key=lambda kv: kv[1]):
            postings = self._postings[other]
            hit.update(dict.fromkeys(postings if within is None else within.intersection(postings), similarity))
        return hit

    @staticmethod
    def _allowed(numbers: set[int], allowed: list[range] | None) -> set[int]:
        if allowed is None:
            return numbers
        return set().union(*(numbers.intersection(r) for r in allowed))

    @staticmethod
    def _score(
        item: _Field,
        coverage: float,
        folded_query: str,
        said: tuple[str, ...],
        expansions: list[dict[str, float]],
    ) -> float:
        weight = _WEIGHTS[item.role]
        if item.role == "name":
            if folded_query == item.folded:
                return 100.0 * weight
            if said == item.words:
                return 99.0 * weight  # the same name but for a transliteration, "the", punctuation
            if len(said) == len(item.words) and sorted(said) == sorted(item.words):
                return 98.0 * weight  # the same words in another order
            covered = _share_covered(item, expansions)
            return min(97.0, 100.0 * coverage * (0.75 + 0.25 * covered)) * weight
        if item.role == "title":  # a sentence, not a name: the share of it matched matters less
            return 100.0 * weight * coverage * (0.85 + 0.15 * _share_covered(item, expansions))
        phrase = 1.0 if len(said) > 1 and f" {' '.join(said)} " in item.joined else 0.0
        return 100.0 * weight * coverage * (0.8 + 0.2 * phrase)

    def _result(self, item: _Field, score: float, expansions: list[dict[str, float]]) -> Result:
        if item.kind == "actor":
            actor = self.actors[item.target]
            return ActorResult(
                actor.name, score, actor.id, actor.name, actor.aliases, self._acting.get(actor.id, ()), item.text
            )
        if item.kind == "event":
            event = self.events[item.target]
            return EventResult(event.title, score, event.id, event.date.edtf, item.role)
        article, paragraph = self.paragraphs[item.target]
        spans = tuple(_matched_spans(paragraph.text, expansions))
        return PassageResult(_snippet(paragraph.text, spans), score, article.id, paragraph.number, spans)


def _by_letter(vocabulary: list[str], position: int) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for word in vocabulary:
        if len(word) > position:
            grouped.setdefault(word[position], []).append(word)
    return grouped


def _share_covered(item: _Field, expansions: list[dict[str, float]]) -> float:
    """The share of the field's words that some query word matched."""
    return sum(1 for w in item.words if any(w in e for e in expansions)) / max(1, len(item.words))


def _word_tokens(text: str) -> Iterator[tuple[str, int, int]]:
    """The skeletons of the words of `text` that carry meaning, with their offsets (a word may give several)."""
    for match in _WORD.finditer(text):
        word = match.group().lower()
        parts = (word,) if word.isalnum() and word.isascii() else fold_words(word).split()
        for part in parts:
            if part not in STOPWORDS:
                yield skeleton(part), match.start(), match.end()


def _matched_spans(text: str, expansions: list[dict[str, float]]) -> Iterator[tuple[int, int]]:
    """Offsets of the words of `text` that some query word matched."""
    matched = set().union(*expansions)
    last = None
    for word, start, end in _word_tokens(text):
        if word in matched and (start, end) != last:
            last = (start, end)
            yield start, end


def _snippet(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    """One line of at most about `_SNIPPET` characters of `text`, around the first matched word."""
    flat = " ".join(text.split())
    if len(flat) <= _SNIPPET:
        return flat
    first = len(" ".join(text[: spans[0][0]].split())) if spans else 0
    start = max(0, min(first - _SNIPPET // 4, len(flat) - _SNIPPET))
    start = flat.rfind(" ", 0, start) + 1 if start else 0
    excerpt = flat[start : start + _SNIPPET].rsplit(" ", 1)[0]
    return ("… " if start else "") + excerpt + " …"
