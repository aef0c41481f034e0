"""The main screen: the chronology, the density strip, and the selected event's detail.

It watches the explorer's state (the timeline, the filter, the load and its problems) and posts messages to
change it; it never calls into the app.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, ProgressBar, Static

from ..chronology import Density, build_rows, group_label
from ..filters import EventFilter
from ..goto import Reading, busiest_year, nearest_event, opening_event, overlaps
from ..messages import FilterChanged, OpenArticle
from ..model import Event, Problem, problem_count
from ..textsafe import printable
from ..widgets.density import DensityStrip
from ..widgets.event_detail import EventDetail
from ..widgets.event_list import EventList

if TYPE_CHECKING:
    from ..search import Result
    from ..state import ExplorerState

NARROW = 100  # below this width the detail goes under the list
COMPACT_BELOW = 14  # list rows: fewer, and the list shows one header a year and no blank rows
DETAIL_DELAY = 0.04  # seconds the cursor rests before the detail pane is redrawn


class TimelineScreen(Screen[None]):
    BINDINGS = [
        Binding("enter", "open_reader", "Read source", show=True, key_display="⏎"),
        Binding("slash", "search", "Search", show=True),
        Binding("colon,ctrl+g", "goto_date", "Go to date", show=True),
        Binding("f", "filters", "Filter", show=True),
        Binding("tab,shift+tab", "switch_pane", "Switch between the list and the detail", show=False),
        Binding("v", "toggle_detail", "Show or hide the detail", show=False),
        Binding("escape", "app.undo_filter", "Undo the last filter change", show=False),
        Binding("o", "app.articles", "Open an article", show=False),
        Binding("e", "app.show_errors", "Show reload errors", show=False),
        Binding("n", "next_found", "Next event the last search found", show=False),
        Binding("N", "previous_found", "Previous event the last search found", show=False),
        Binding("y", "yank", "Copy a citation of the event", show=False),
        Binding("Y", "yank_event", "Copy the event as Markdown", show=False),
        Binding("m", "mark", "Mark or unmark the event", show=False),
        Binding("apostrophe", "next_mark", "Next marked event", show=False),
        Binding("M", "previous_mark", "Previous marked event", show=False),
        Binding("asterisk", "marked_only", "Show marked events only, or all", show=False),
        Binding("r", "review", "Review", show=True),
        Binding("a", "decide(True)", "Accept the event's best suggestion", show=False),
        Binding("x", "decide(False)", "Reject the event's best suggestion", show=False),
        Binding("E", "edit", "Edit the event", show=False),
        Binding("u", "app.undo_change", "Undo the last change to events.yaml", show=False),
        Binding("question_mark,f1", "app.help", "Help", show=True),
        Binding("q", "app.quit", "Quit", show=True),
    ]

    _detail_timer: Timer | None = None
    _compact = False
    _wanted: str | None = None  # an event to select once the list is rebuilt
    last_search = ""  # the last query typed in the search, which n/N repeat

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
    def state(self) -> ExplorerState:
        return cast("ExplorerState", self.app)

    def on_mount(self) -> None:
        self.query_one(EventList).focus()
        self.watch(self.app, "loading", self._show_loading)
        self.watch(self.app, "reload_problems", self._show_reload_problems)
        self.watch(self.app, "timeline", self._refresh_events)
        self.watch(self.app, "filter", self._refresh_events)

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "narrow")

    @on(EventList.Resized)
    def _fit_rows(self) -> None:
        """Compact rows when the list is short, full ones when it has room again."""
        compact = self.query_one(EventList).size.height < COMPACT_BELOW
        if compact != self._compact:
            self._compact = compact
            self._refresh_events()

    # --- watching the state ---

    def _show_loading(self, loading: tuple[str, float] | None) -> None:
        bar = self.query_one(ProgressBar)
        if bar.display != (loading is not None):
            bar.display = loading is not None
        if loading is not None:
            stage, fraction = loading
            bar.update(total=100, progress=fraction * 100)
            title = Text(f" timeline · {stage}…", style="bold")
            self.query_one("#title-bar", Static).update(title, layout=False)  # one line, whatever it says
        else:
            self._update_title_bar()

    def _show_reload_problems(self, problems: list[Problem]) -> None:
        banner = self.query_one("#banner", Static)
        banner.display = bool(problems)
        if problems:
            count = problem_count(problems)
            banner.update(
                Text(
                    f" The files changed but now have {count} problem{'s' if count != 1 else ''}: "
                    "showing the last valid timeline. Press e to see them."
                )
            )

    def _refresh_events(self) -> None:
        """Rebuild the list from the timeline and the filter, keeping the current event (or the one wanted)."""
        state = self.state
        if state.timeline is None:
            self._update_title_bar()
            return
        event_list = self.query_one(EventList)
        keep = self._wanted or (event_list.event.id if event_list.event else None)
        self._wanted = None
        shown = state.visible_events()
        if keep is None and (focus := opening_event(shown, state.timeline.start)) is not None:  # not the oldest
            keep = shown[focus].id
        empty = "No event matches the filter. Press esc to undo it." if state.filter.active else "No events."
        self.query_one(DensityStrip).set_events(Density.of(shown))
        event_list.marked = state.marks.ids
        rows = build_rows(shown, state.timeline.article, compact=self._compact)
        event_list.set_rows(rows, state.event_badges, select=keep, empty_message=empty)
        self._update_title_bar()

    def _update_title_bar(self) -> None:
        state = self.state
        text = Text(" timeline", style="bold")
        if state.timeline is None:
            text.append(" · loading…", style="dim")
        else:
            shown = len(self.query_one(EventList).event_rows)
            total = len(state.timeline.events)
            text.append(f" · {shown} of {total} events" if shown != total else f" · {total} events", style="dim")
            if not state.filter.active:
                text.append(f" · articles {' '.join(state.badges.values())} (o opens)", style="dim")
        if state.filter.active:
            text.append(" · filter: ", style="bold")
            names = {a.id: a.name for a in state.timeline.actors} if state.timeline else {}
            text.append(printable(state.filter.describe({**names, **state.badges})), style="bold yellow")
            previous = state.previous_filter
            text.append("  (esc: back one step)" if previous and previous.active else "  (esc clears)", style="dim")
        self.query_one("#title-bar", Static).update(text, layout=False)

    # --- the list and the detail ---

    @on(EventList.Highlighted)
    def _highlighted(self, message: EventList.Highlighted) -> None:
        self.query_one(DensityStrip).select(message.event)
        # The detail follows the cursor once it rests: holding j draws the list at key speed, not detail speed.
        if self._detail_timer is not None:
            self._detail_timer.stop()
        self._detail_timer = self.set_timer(DETAIL_DELAY, self._show_detail)

    def _show_detail(self) -> None:
        self._detail_timer = None
        self.query_one(EventDetail).show(self.state.timeline, self.selected)

    @property
    def selected(self) -> Event | None:
        return self.query_one(EventList).event

    def select_event(self, event_id: str) -> bool:
        return self.query_one(EventList).select_event(event_id)

    # --- actions ---

    def action_switch_pane(self) -> None:
        event_list, detail = self.query_one(EventList), self.query_one(EventDetail)
        target = detail if event_list.has_focus and detail.display else event_list
        target.focus()

    def action_toggle_detail(self) -> None:
        detail = self.query_one(EventDetail)
        detail.display = not detail.display
        event_list = self.query_one(EventList)
        if not detail.display:
            event_list.focus()
        event_list.call_after_refresh(event_list.scroll_to_cursor)

    def action_open_reader(self) -> None:
        if self.selected is not None:
            self.post_message(EventList.Chosen(self.selected))

    def action_review(self) -> None:
        from .review import ReviewScreen

        if self.state.timeline is None:
            self.notify("Still loading; the review is ready in a moment.")
            return
        self.app.push_screen(ReviewScreen())

    def action_decide(self, accepting: bool) -> None:
        """Accept or reject the selected event's best suggestion."""
        from ..curate import decide, suggestions
        from ..messages import ChangeRequested

        event, timeline = self.selected, self.state.timeline
        found = suggestions(timeline, event.id) if event is not None and timeline is not None else []
        if not found:
            self.notify("The selected event has no suggestion to review.", timeout=3)
            return
        self.post_message(ChangeRequested(decide(found[0], accepting)))

    def action_edit(self) -> None:
        from ..messages import ChangeRequested
        from .review import edit_form

        event, timeline = self.selected, self.state.timeline
        if event is None or timeline is None:
            return

        def chosen(operation: object) -> None:
            if operation is not None:
                self.post_message(ChangeRequested(operation))  # type: ignore[arg-type]

        self.app.push_screen(edit_form(timeline, event), chosen)

    def action_search(self) -> None:
        index = self.state.search_index
        if index is None:
            self.notify("Still loading; search is ready in a moment.")
            return
        from .search import SearchScreen

        badges = dict(self.state.badges)

        def search(query: str, limit: int) -> list[Result]:
            self.last_search = query  # a plain assignment: safe from the search worker's thread
            return index.search(query, limit=limit)

        self.app.push_screen(SearchScreen(search, badges), self._search_chosen)

    def _search_chosen(self, result: Result | None) -> None:
        if result is None:
            return
        if result.kind == "actor":
            self.post_message(FilterChanged(EventFilter(actors=frozenset({result.id}))))
        elif result.kind == "event":
            if not self.select_event(result.id) and self.state.filter.active:
                self._wanted = result.id  # shown once the filter is gone
                self.post_message(FilterChanged(EventFilter()))
        elif result.kind == "passage":
            self.post_message(OpenArticle(result.article, result))

    def action_goto_date(self) -> None:
        from .goto import GotoScreen

        events = self.query_one(EventList).events
        if events:
            self.app.push_screen(GotoScreen(busiest_year(events)), self._goto_chosen)

    def _goto_chosen(self, reading: Reading | None) -> None:
        if reading is None:
            return
        event_list = self.query_one(EventList)
        index = nearest_event(event_list.events, reading.value)
        if index is None:
            return
        event_list.select_index(index, center=True)
        event = event_list.events[index]
        landed = (
            ""
            if overlaps(event, reading.value)
            else (
                f"No event {'on' if reading.value.precision == 'day' else 'in'} {group_label(reading.value)}; "
                f"nearest: {group_label(event.date)}."
            )
        )
        if reading.note or landed:
            self.notify(" ".join(filter(None, (reading.note, landed))), title="Go to date", markup=False)

    def action_filters(self) -> None:
        from .filters import FilterScreen

        if self.state.timeline is not None:
            self.app.push_screen(FilterScreen())

    # --- n/N after a search, marks ---

    def _jump(self, wanted: Collection[str], step: int, what: str, none: str) -> None:
        wrapped = self.query_one(EventList).step_to(wanted, step)
        if wrapped is None:
            self.notify(printable(none), timeout=3, markup=False)  # it may quote the user's search
        elif wrapped:
            self.notify(f"{what} wrapped to the {'top' if step > 0 else 'bottom'}.", timeout=2)

    def found_events(self) -> set[str]:
        """The events the last search found: those it listed, and those of the actors it listed."""
        index = self.state.search_index
        if index is None or not self.last_search.strip():
            return set()
        found: set[str] = set()
        for result in index.search(self.last_search, limit=100, kinds=("actor", "event")):
            found.update(result.events if result.kind == "actor" else (result.id,))
        return found

    def _found(self, step: int) -> None:
        query = self.last_search
        none = f"No event listed here matches {query!r}." if query.strip() else "No search yet: press / to search."
        self._jump(self.found_events(), step, "Search", none)

    def action_next_found(self) -> None:
        self._found(1)

    def action_previous_found(self) -> None:
        self._found(-1)

    def action_mark(self) -> None:
        event = self.selected
        if event is None:
            return
        marked, problem = self.state.marks.toggle(event.id)
        if problem:
            self.notify(printable(problem), title="Marks", severity="warning", timeout=10, markup=False)
        self.query_one(EventList).set_marked(self.state.marks.ids)
        if self.state.filter.marked_only and not marked:
            self._refresh_events()

    def action_next_mark(self) -> None:
        self._jump(self.state.marks.ids, 1, "Marks", "No marked event listed here: m marks one.")

    def action_previous_mark(self) -> None:
        self._jump(self.state.marks.ids, -1, "Marks", "No marked event listed here: m marks one.")

    def action_marked_only(self) -> None:
        current = self.state.filter
        if not current.marked_only and not self.state.marks.ids:
            self.notify("No marked event yet: m marks the selected one.", timeout=3)
            return
        self.post_message(FilterChanged(replace(current, marked_only=not current.marked_only)))

    # --- copying ---

    def action_yank(self) -> None:
        from ..cite import cite_passage
        from .clipboard import copy_text

        timeline, event = self.state.timeline, self.selected
        if timeline is None or event is None:
            return
        passages = timeline.passages_of(event.id)
        passage = next((p for p in passages if p.curated), passages[0] if passages else None)
        if passage is None:
            self.notify("No passage anchors this event: Y copies it with its quotes.", timeout=3)
            return
        copy_text(self.app, cite_passage(timeline, passage, self.state.badges.get(passage.article, "")), "Citation")

    def action_yank_event(self) -> None:
        from ..cite import event_markdown
        from .clipboard import copy_text

        timeline, event = self.state.timeline, self.selected
        if timeline is not None and event is not None:
            copy_text(self.app, event_markdown(timeline, event), "Event as Markdown")
