"""The main screen: the chronology, the density strip, and the selected event's detail."""

from __future__ import annotations

from dataclasses import replace
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
        Binding("n", "next_found", "Next event the last search found", show=False),
        Binding("N", "previous_found", "Previous event the last search found", show=False),
        Binding("y", "yank", "Copy a citation of the event", show=False),
        Binding("Y", "yank_event", "Copy the event as Markdown", show=False),
        Binding("m", "mark", "Mark or unmark the event", show=False),
        Binding("apostrophe", "next_mark", "Next marked event", show=False),
        Binding("M", "previous_mark", "Previous marked event", show=False),
        Binding("asterisk", "marked_only", "Show marked events only, or all", show=False),
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
        self.show_marks()
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

    def refresh_events(self, select: str | None = None) -> None:
        """Rebuild the list from the app's timeline and filter, keeping `select` (or the current event)."""
        timeline = self.tl_app.timeline
        self.query_one(ProgressBar).display = False
        if timeline is None:
            return
        event_list = self.query_one(EventList)
        keep = select or (event_list.event.id if event_list.event else None)
        shown = self.tl_app.visible_events()
        empty = "No event matches the filter. Press esc to clear it." if self.tl_app.filter.active else "No events."
        self.query_one(DensityStrip).set_events(Density.of(shown))
        event_list.set_rows(build_rows(shown), self.tl_app.event_badges, select=keep, empty_message=empty)
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
                text.append(f" · articles {' '.join(app.badges.values())} (o opens)", style="dim")
        if app.filter.active:
            text.append(" · filter: ", style="bold")
            names = {a.id: a.name for a in app.timeline.actors} if app.timeline else {}
            text.append(printable(app.filter.describe({**names, **app.badges})), style="bold yellow")
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
        self.query_one(EventDetail).show(app.timeline, self.selected, app.badges)

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

    def show_marks(self) -> None:
        self.query_one(EventList).set_marked(self.tl_app.marks.ids)

    def _jump(self, wanted: set[str], step: int, what: str, none: str) -> None:
        wrapped = self.query_one(EventList).step_to(wanted, step)
        if wrapped is None:
            self.notify(none, timeout=3)
        elif wrapped:
            self.notify(f"{what} wrapped to the {'top' if step > 0 else 'bottom'}.", timeout=2)

    def _found(self, step: int) -> None:
        query = self.tl_app.last_search
        none = f"No event listed here matches {query!r}." if query.strip() else "No search yet: press / to search."
        self._jump(self.tl_app.search_events(), step, "Search", none)

    def action_next_found(self) -> None:
        self._found(1)

    def action_previous_found(self) -> None:
        self._found(-1)

    def action_mark(self) -> None:
        if self.selected is not None:
            self.tl_app.toggle_mark(self.selected)

    def action_next_mark(self) -> None:
        self._jump(self.tl_app.marks.ids, 1, "Marks", "No marked event listed here: m marks one.")

    def action_previous_mark(self) -> None:
        self._jump(self.tl_app.marks.ids, -1, "Marks", "No marked event listed here: m marks one.")

    def action_marked_only(self) -> None:
        app = self.tl_app
        if not app.filter.marked_only and not app.marks.ids:
            self.notify("No marked event yet: m marks the selected one.", timeout=3)
            return
        app.set_filter(replace(app.filter, marked_only=not app.filter.marked_only))

    def action_yank(self) -> None:
        from ..cite import cite_passage

        app, event = self.tl_app, self.selected
        if app.timeline is None or event is None:
            return
        passages = app.timeline.passages_of(event.id)
        passage = next((p for p in passages if p.curated), passages[0] if passages else None)
        if passage is None:
            self.notify("No passage anchors this event: Y copies it with its quotes.", timeout=3)
            return
        app.copy_text(cite_passage(app.timeline, passage, app.badges.get(passage.article, "")), "Citation")

    def action_yank_event(self) -> None:
        from ..cite import event_markdown

        app, event = self.tl_app, self.selected
        if app.timeline is not None and event is not None:
            app.copy_text(event_markdown(app.timeline, event), "Event as Markdown")

    def action_clear_filters(self) -> None:
        if self.tl_app.filter.active:
            self.tl_app.set_filter(EventFilter())
