"""Pick filters by actor, article and tag; each toggle applies at once, and combines with the others.

The changes made while the screen is open are one step, which esc on the timeline undoes.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import SelectionList, TabbedContent, TabPane
from textual.widgets.selection_list import Selection

from ..messages import FilterChanged
from ..textsafe import printable
from ..widgets.lists import ToggleList

if TYPE_CHECKING:
    from ..state import ExplorerState


class FilterScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f,q", "close", "Close the filters")]
    DEFAULT_CSS = """
    FilterScreen { align: center middle; }
    FilterScreen > TabbedContent { width: 80; max-width: 100%; height: 80%;
        border: round $accent; background: $surface; }
    """

    _changed_once = False

    @property
    def state(self) -> ExplorerState:
        return cast("ExplorerState", self.app)

    def compose(self) -> ComposeResult:
        timeline, current = self.state.timeline, self.state.filter
        assert timeline is not None  # opened only once there is a timeline
        actors = [
            Selection(Text(printable(f"{a.name}  ({a.kind})")), a.id, a.id in current.actors)
            for a in timeline.named_actors
        ]
        articles = [Selection(Text(printable(a.title)), a.id, a.id in current.articles) for a in timeline.articles]
        tag_options = [Selection(Text(printable(t)), t, t in current.tags) for t in timeline.tags]
        with TabbedContent() as tabs:
            tabs.border_title = "Filter  (space toggles · esc closes)"
            with TabPane("Actors", id="tab-actors"):
                yield ToggleList(*actors, id="actors")
            with TabPane("Articles", id="tab-articles"):
                yield ToggleList(*articles, id="articles")
            with TabPane("Tags", id="tab-tags"):
                yield ToggleList(*tag_options, id="tags")

    def on_mount(self) -> None:
        self.query_one("#actors", SelectionList).focus()

    @on(SelectionList.SelectedChanged)
    def _changed(self, message: SelectionList.SelectedChanged) -> None:
        kind = message.selection_list.id or ""
        new_filter = replace(self.state.filter, **{kind: frozenset(message.selection_list.selected)})
        self.post_message(FilterChanged(new_filter, amend=self._changed_once))
        self._changed_once = True

    def action_close(self) -> None:
        self.dismiss()
