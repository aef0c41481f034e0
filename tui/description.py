"""What is said of one event wherever it is shown in full: `timeline show` prints it, the detail pane draws it.

One place decides which facts an event's description holds (its date and how it is known, its actors by name, its
evidence split into curated sources and the matcher's suggestions), so that the two views never drift apart;
each view only chooses how to draw them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .datebasis import known_by, precision_label
from .model import Event, Passage

if TYPE_CHECKING:
    from .timeline import Timeline

SUGGESTED = "suggested by the matcher, not reviewed"  # how a suggestion is labelled, in every view and export


@dataclass(frozen=True)
class EventDescription:
    """One event with everything its full view says about it."""

    event: Event
    precision: str  # in words: "day", "month, approximate", ...
    known_by: str  # how the date is known, in one line
    date_given_by: str  # the articles that give the date and which not independently; '' when fewer than two
    actor_names: tuple[str, ...]
    curated: tuple[Passage, ...]  # the event's sources, anchored in their articles
    suggested: tuple[Passage, ...]  # found by the matcher, not reviewed

    @property
    def passages(self) -> tuple[Passage, ...]:
        """Curated first, then the suggestions: the order the reader steps through them."""
        return self.curated + self.suggested


def describe(timeline: Timeline, event: Event, article_name: Callable[[str], str] = str) -> EventDescription:
    """The event's description; `article_name` says how an article id is shown (the explorer shows badges)."""
    passages = timeline.passages_of(event.id)
    return EventDescription(
        event=event,
        precision=precision_label(event.date),
        known_by=known_by(event, timeline.article, article_name),
        date_given_by=timeline.date_agreement(event, article_name),
        actor_names=tuple(timeline.actor_names(event)),
        curated=tuple(p for p in passages if p.curated),
        suggested=tuple(p for p in passages if not p.curated),
    )
