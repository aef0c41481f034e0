"""The main screen: the chronology, the density strip, and the selected event's detail."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, ProgressBar, Static

from ..chronology import Density, build_rows
from ..filters import EventFilter
from ..model import Event
from ..textsafe import printable
from ..widgets.density import DensityStrip
from ..widgets.event_detail import EventDetail
from ..widgets.event_list import EventList

if TYPE_CHECKING:
    from ..app import TimelineApp

NARROW = 100  # below this width the detail goes under the list
DETAIL_DELAY = 0.04  # seconds the cursor rests before the detail pane is redrawn


class TimelineScreen(Screen[None]):
    BINDINGS = [
        Binding("enter", "open_reader", "Read source", show=True, key_display="⏎"),
        Binding("slash", "search", "Search", show=True),
        Binding("colon,ctrl+g", "goto_date", "Go to date", show=True),
        Binding("f", "filters", "Filter", show=True),
        Binding("escape", "clear_filters", "Clear filters", show=False),
        Binding("o", "articles", "Open an article", show=False),
        Binding("e", "show_errors", "Show reload errors", show=False),
        Binding("question_mark,f1", "app.help", "Help", show=True),
        Binding("q", "app.quit", "Quit", show=True),
    ]

    _detail_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="title-bar")
        yield Static(id="banner")
        yield DensityStrip(id="density")
        with Horizontal(id="panes"):
            yield EventList(id="event-list")
            yield EventDetail(id="event-detail")
        yield ProgressBar(id="progress", show_eta=False)
        yield Footer()

    @property
    def tl_app(self) -> TimelineApp:
        return self.app  # type: ignore[return-value]

    def on_mount(self) -> None:
        self.query_one("#banner").display = False
        self.query_one(EventList).focus()
        self._update_title_bar()

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "narrow")

    # --- data ---

    def show_progress(self, stage: str, fraction: float) -> None:
        bar = self.query_one(ProgressBar)
        bar.display = True
        bar.update(total=100, progress=fraction * 100)
        self.query_one("#title-bar", Static).update(Text(f" timeline · {stage}…", style="bold"))

    def end_progress(self) -> None:
        """A load ended without a new timeline: the progress bar goes and the title bar says what is shown."""
        self.query_one(ProgressBar).display = False
        self._update_title_bar()

    def refresh_events(self, select: str | None = None) -> None:
        """Rebuild the list from the app's timeline and filter, keeping `select` (or the current event)."""
        timeline = self.tl_app.timeline
        self.query_one(ProgressBar).display = False
        if timeline is None:
            return
        event_list = self.query_one(EventList)
        keep = select or (event_list.event.id if event_list.event else None)
        shown = timeline.visible_events(self.tl_app.filter)
        empty = "No event matches the filter. Press esc to clear it." if self.tl_app.filter.active else "No events."
        self.query_one(DensityStrip).set_events(Density.of(shown))
        rows = build_rows(shown, timeline.article)
        event_list.set_rows(rows, timeline.event_badges, select=keep, empty_message=empty)
        self._update_title_bar()

    def _update_title_bar(self) -> None:
        app = self.tl_app
        text = Text(" timeline", style="bold")
        if app.timeline is None:
            text.append(" · loading…", style="dim")
        else:
            shown = len(self.query_one(EventList).event_rows)
            total = len(app.timeline.events)
            text.append(f" · {shown} of {total} events" if shown != total else f" · {total} events", style="dim")
            if not app.filter.active:
                text.append(f" · articles {' '.join(app.timeline.badges.values())} (o opens)", style="dim")
        if app.filter.active:
            text.append(" · filter: ", style="bold")
            text.append(printable(app.filter.describe()), style="bold yellow")
            text.append("  (esc clears)", style="dim")
        self.query_one("#title-bar", Static).update(text)

    def show_banner(self, message: str | None) -> None:
        banner = self.query_one("#banner", Static)
        banner.display = message is not None
        if message is not None:
            banner.update(Text(message))

    @on(EventList.Highlighted)
    def _highlighted(self, message: EventList.Highlighted) -> None:
        self.query_one(DensityStrip).select(message.event)
        # The detail follows the cursor once it rests: holding j draws the list at key speed, not detail speed.
        if self._detail_timer is not None:
            self._detail_timer.stop()
        self._detail_timer = self.set_timer(DETAIL_DELAY, self._show_detail)

    def _show_detail(self) -> None:
        self._detail_timer = None
        app = self.tl_app
        self.query_one(EventDetail).show(app.timeline, self.selected)

    @on(EventList.Chosen)
    def _chosen(self, message: EventList.Chosen) -> None:
        self.tl_app.open_event(message.event)

    @property
    def selected(self) -> Event | None:
        return self.query_one(EventList).event

    def select_event(self, event_id: str) -> bool:
        return self.query_one(EventList).select_event(event_id)

    # --- actions ---

    def action_open_reader(self) -> None:
        if self.selected is not None:
            self.tl_app.open_event(self.selected)

    def action_search(self) -> None:
        self.tl_app.open_search()

    def action_goto_date(self) -> None:
        self.tl_app.open_goto()

    def action_filters(self) -> None:
        self.tl_app.open_filters()

    def action_articles(self) -> None:
        self.tl_app.open_articles()

    def action_show_errors(self) -> None:
        self.tl_app.show_reload_errors()

    def action_clear_filters(self) -> None:
        if self.tl_app.filter.active:
            self.tl_app.set_filter(EventFilter())
