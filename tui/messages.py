"""Messages of the explorer: what the load worker and the screens tell the app, which owns the state."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from textual.message import Message

from .filters import EventFilter
from .model import Problem

if TYPE_CHECKING:
    from .curate import Operation
    from .search import PassageResult, SearchIndex
    from .timeline import Timeline


class LoadResult(Message):
    """What a load ended with; `applied` is set once the app has taken it in, which the worker waits for."""

    def __init__(self) -> None:
        super().__init__()
        self.applied = threading.Event()


class TimelineLoaded(LoadResult):
    """The load worker built a new timeline from the files."""

    def __init__(self, timeline: Timeline) -> None:
        super().__init__()
        self.timeline = timeline


class SearchIndexReady(Message):
    """The search index of `timeline` is built (in a worker, once the timeline is shown)."""

    def __init__(self, timeline: Timeline, index: SearchIndex) -> None:
        super().__init__()
        self.timeline = timeline
        self.index = index


class LoadFailed(LoadResult):
    """The files on disk have problems: no new timeline."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__()
        self.problems = tuple(problems)


class LoadProgress(Message):
    """The load worker reached `stage`, `fraction` of the way."""

    def __init__(self, stage: str, fraction: float) -> None:
        super().__init__()
        self.stage = stage
        self.fraction = fraction


class FilterChanged(Message):
    """The user asked for `filter`: a step that esc undoes, or, with `amend`, a change to the last step."""

    def __init__(self, filter: EventFilter, amend: bool = False) -> None:
        super().__init__()
        self.filter = filter
        self.amend = amend


class OpenArticle(Message):
    """Open an article in the reader, at a search hit in it if one is given."""

    def __init__(self, article_id: str, hit: PassageResult | None = None) -> None:
        super().__init__()
        self.article_id = article_id
        self.hit = hit


class ChangeRequested(Message):
    """Write a change to events.yaml (accept, reject, a new event or actor, an edit): the app writes it, keeps it
    for undo, and reloads."""

    def __init__(self, operation: Operation, done: Callable[[bool], None] | None = None) -> None:
        super().__init__()
        self.operation = operation
        self.done = done  # told whether the change was written
