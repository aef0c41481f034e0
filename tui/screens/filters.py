"""Pick filters by actor, article and tag; each toggle applies at once, and combines with the others."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import SelectionList, TabbedContent, TabPane
from textual.widgets.selection_list import Selection

from ..filters import EventFilter
from ..textsafe import printable

if TYPE_CHECKING:
    from ..timeline import Timeline


class FilterScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f", "close", "Close the filters (space toggles one)")]
    DEFAULT_CSS = """
    FilterScreen { align: center middle; }
    FilterScreen > TabbedContent { width: 80; max-width: 100%; height: 80%;
        border: round $accent; background: $surface; }
    """

    def __init__(self, timeline: Timeline, current: EventFilter, apply: Callable[[EventFilter], None]) -> None:
        super().__init__()
        self.timeline = timeline
        self.current = current
        self.apply = apply

    def compose(self) -> ComposeResult:
        actors = [
            Selection(Text(printable(f"{a.name}  ({a.kind})")), a.id, a.id in self.current.actors)
            for a in self.timeline.named_actors
        ]
        articles = [
            Selection(Text(printable(a.title)), a.id, a.id in self.current.articles) for a in self.timeline.articles
        ]
        tag_options = [Selection(Text(printable(t)), t, t in self.current.tags) for t in self.timeline.tags]
        with TabbedContent() as tabs:
            tabs.border_title = "Filter  (space toggles · esc closes)"
            with TabPane("Actors", id="tab-actors"):
                yield SelectionList(*actors, id="actors")
            with TabPane("Articles", id="tab-articles"):
                yield SelectionList(*articles, id="articles")
            with TabPane("Tags", id="tab-tags"):
                yield SelectionList(*tag_options, id="tags")

    def on_mount(self) -> None:
        self.query_one("#actors", SelectionList).focus()

    @on(SelectionList.SelectedChanged)
    def _changed(self, message: SelectionList.SelectedChanged) -> None:
        kind = message.selection_list.id or ""
        self.current = replace(self.current, **{kind: frozenset(message.selection_list.selected)})
        self.apply(self.current)

    def action_close(self) -> None:
        self.dismiss()
