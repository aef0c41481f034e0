"""What the screens read of the explorer's state; the app holds it, and its reactive parts can be watched.

Screens and widgets depend on this protocol, not on the app class: they watch the state and post messages,
and the app never calls into them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .filters import EventFilter
    from .marks import Marks
    from .model import Event, Problem
    from .search import SearchIndex
    from .timeline import Timeline


class ExplorerState(Protocol):
    # reactive: watch them with `self.watch(self.app, name, callback)`
    timeline: Timeline | None  # the last valid timeline; None until the first load
    filter: EventFilter
    reload_problems: Sequence[Problem]  # why the files on disk could not replace the timeline shown
    loading: tuple[str, float] | None  # the load's stage and progress while it runs
    # derived from the timeline, set before its watchers run
    search_index: SearchIndex | None  # None until it is built, in a worker once the timeline is shown
    badges: Mapping[str, str]  # article id -> badge
    event_badges: Mapping[str, tuple[list[str], list[str]]]  # event id -> (curated, corroborating) badges
    previous_filter: EventFilter | None  # what esc goes back to
    marks: Marks  # the events the user marked (not reactive: the timeline screen changes and shows them)

    def visible_events(self) -> list[Event]: ...

    def can_undo(self) -> bool: ...
