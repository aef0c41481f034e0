"""Event filters shared by the explorer and the command line: actor, article, tag and date range.

Within one kind, any listed value matches (actor A or actor B); across kinds, all must match (actor A and tag T).
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass

from .model import DateValue, Event, Passage


@dataclass(frozen=True)
class EventFilter:
    actors: frozenset[str] = frozenset()
    articles: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    start: DateValue | None = None  # events that end before this value's first day are out
    end: DateValue | None = None  # events that start after this value's last day are out
    marked_only: bool = False  # only the events the user marked (the marks are the caller's: see `matches`)

    @property
    def active(self) -> bool:
        return bool(self.actors or self.articles or self.tags or self.start or self.end or self.marked_only)

    def matches(self, event: Event, passages: Iterable[Passage] = (), marked: Container[str] = frozenset()) -> bool:
        if self.marked_only and event.id not in marked:
            return False
        if self.actors and not self.actors.intersection(event.actors):
            return False
        if self.tags and not self.tags.intersection(event.tags):
            return False
        if self.articles:
            cited = {s.article for s in event.sources} | {p.article for p in passages}
            if not self.articles.intersection(cited):
                return False
        if self.start is not None and event.date.last_day < self.start.first_day:
            return False
        return not (self.end is not None and event.date.first_day > self.end.last_day)

    def describe(self, names: Mapping[str, str] | None = None) -> str:
        """A short human description, e.g. 'actor: ali-khamenei · tag: rockets'; `names` shows ids by their names."""
        names = names or {}
        parts = [
            f"{label}: {', '.join(sorted(names.get(v, v) for v in values))}"
            for label, values in (("actor", self.actors), ("article", self.articles), ("tag", self.tags))
            if values
        ]
        if self.start or self.end:
            parts.append(f"dates: {self.start.edtf if self.start else '…'} to {self.end.edtf if self.end else '…'}")
        if self.marked_only:
            parts.append("marked only")
        return " · ".join(parts)
