"""The Textual app: wiring only. Data comes from the core (`tui.timeline`, `tui.search`); slow work runs in workers."""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from rich.console import Console
from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import var
from textual.screen import Screen
from textual.worker import get_current_worker

from .filters import EventFilter
from .marks import Marks
from .messages import (
    ChangeRequested,
    FilterChanged,
    LoadFailed,
    LoadProgress,
    LoadResult,
    OpenArticle,
    SearchIndexReady,
    TimelineLoaded,
)
from .model import DataError, Event, Passage, Problem
from .paths import DataPaths, input_signature
from .screens.errors import ErrorScreen
from .screens.timeline import TimelineScreen
from .textsafe import printable
from .widgets.event_list import EventList

if TYPE_CHECKING:
    from .curate import Change, EditRefused
    from .search import SearchIndex
    from .timeline import Timeline

# The matcher, the search engine and the screens a user opens later are imported where they are first used:
# importing them up front would delay the first frame, which must not wait for anything but Textual.

POLL_SECONDS = 1.0
FILTER_HISTORY = 50  # filter steps esc can undo


class TimelineApp(App[None]):
    """Holds the explorer's state (see `state.ExplorerState`): screens watch it and post messages to change it."""

    TITLE = "timeline"
    CSS_PATH = Path(__file__).parent / "app.tcss"  # absolute, so subclasses anywhere find it
    BINDINGS = [
        Binding("ctrl+p", "command_palette", "Commands", show=False),
    ]

    timeline: var[Timeline | None] = var(None, always_update=True)  # a reload is news even if nothing changed
    filter: var[EventFilter] = var(EventFilter())
    reload_problems: var[tuple[Problem, ...]] = var(())
    loading: var[tuple[str, float] | None] = var(None)

    def __init__(self, paths: DataPaths, live_reload: bool = True) -> None:
        super().__init__()
        self.paths = paths
        self.live_reload = live_reload  # poll the files and reload on a change
        self.search_index: SearchIndex | None = None
        self.badges: dict[str, str] = {}
        self.event_badges: dict[str, tuple[list[str], list[str]]] = {}
        self._filter_history: list[EventFilter] = []  # the filters esc goes back to, the latest last
        self._signature: tuple[tuple[str, int, int], ...] = ()
        self._changes: list[Change] = []  # this session's changes to events.yaml, the latest last: u undoes them
        self._writing = threading.Lock()  # held while a change is written
        self.marks = Marks(Path())  # the user's marks of this dataset, read with the first timeline

    def get_default_screen(self) -> Screen[Any]:
        return TimelineScreen()

    @property
    def main(self) -> TimelineScreen:
        return self.screen_stack[0]  # type: ignore[return-value]

    def on_mount(self) -> None:
        self.call_after_refresh(self.load)  # the first frame first, then the work
        if self.live_reload:
            self.set_interval(POLL_SECONDS, self._poll)

    # --- loading and live reload ---

    @work(thread=True, exclusive=True, group="load")
    def load(self) -> None:
        from .timeline import build_timeline

        def progress(stage: str, fraction: float) -> None:
            self.post_message(LoadProgress(stage, fraction))

        if not self._signature:
            self._signature = input_signature(self.paths)
        gc.unfreeze()  # what the last load froze (see on_search_index_ready) may be garbage now: collected again
        try:
            timeline = build_timeline(self.paths.events, self.paths.corpus, progress)
        except DataError as exc:
            self._deliver(LoadFailed(exc.problems))
            return
        self._deliver(TimelineLoaded(timeline))

    def _deliver(self, result: LoadResult) -> None:
        """Post the load's result and wait until the app has taken it in: once the load worker is done, the
        explorer shows what it loaded (which is what a test or a benchmark waits for)."""
        self.post_message(result)
        worker = get_current_worker()
        while not result.applied.wait(0.05):
            if worker.is_cancelled or not self.is_running:
                return

    def on_load_progress(self, message: LoadProgress) -> None:
        self.loading = (message.stage, message.fraction)

    def on_timeline_loaded(self, message: TimelineLoaded) -> None:
        try:
            self._show_timeline(message.timeline)
        finally:
            message.applied.set()

    def on_load_failed(self, message: LoadFailed) -> None:
        try:
            self._show_load_problems(message.problems)
        finally:
            message.applied.set()

    def _show_timeline(self, timeline: Timeline) -> None:
        if not self.screen_stack:  # the app is closing: the load finished too late to show
            return
        first_load = self.timeline is None
        self.search_index = None  # until the new timeline's is built, after it is shown
        self.badges = timeline.badges
        self.event_badges = timeline.event_badges
        self.loading = None
        self.reload_problems = ()
        while isinstance(self.screen, ErrorScreen):
            self.pop_screen()
        if first_load:  # read once the first frame is up, before the list that shows them
            self.marks = Marks.load(self.paths.events)
            if self.marks.problem:
                self.notify(printable(self.marks.problem), title="Marks", severity="warning", timeout=10, markup=False)
        self.timeline = timeline
        self._build_search_index(timeline)
        if not first_load:
            self.notify("Data changed on disk: reloaded.", timeout=3)
        for problem in timeline.warnings:  # e.g. an unusable merge cache, rebuilt (each said once per session)
            self.notify(printable(str(problem)), title="Warning", severity="warning", timeout=10, markup=False)

    # A description of its own: Textual would describe the worker by the repr of its argument, the whole timeline.
    @work(thread=True, exclusive=True, group="index", description="building the search index")
    def _build_search_index(self, timeline: Timeline) -> None:
        """The search index, built once the timeline is on screen: browsing needs none, and it takes a while."""
        self.post_message(SearchIndexReady(timeline, timeline.search_index))

    def on_search_index_ready(self, message: SearchIndexReady) -> None:
        if message.timeline is self.timeline:  # not one a reload has replaced meanwhile
            self.search_index = message.index
            # The timeline and its index are a million objects that live until the next load: frozen, the cyclic
            # garbage collector no longer walks them all (a third of a second of the UI thread, at any keystroke).
            gc.freeze()

    def _show_load_problems(self, problems: tuple[Problem, ...]) -> None:
        self.loading = None
        if self.timeline is not None:
            self.reload_problems = problems
            return
        intro = "The data has problems, so there is no timeline to show yet."
        while isinstance(self.screen, ErrorScreen):
            self.pop_screen()
        self.push_screen(ErrorScreen(problems, intro, closable=False))

    @work(thread=True, exclusive=True, group="poll")
    def _poll(self) -> None:
        if not self._signature:  # the first load has not read the files yet: nothing to compare with
            return
        signature = input_signature(self.paths)
        if signature != self._signature:
            self._signature = signature
            self.call_from_thread(self.load)

    def action_show_errors(self) -> None:
        if not self.reload_problems:
            self.notify("No reload errors: the files on disk are valid.", timeout=3)
            return
        intro = "The files on disk have these problems; the explorer shows the last valid timeline."
        self.push_screen(ErrorScreen(self.reload_problems, intro, closable=True))

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """Save into the current folder, or beside the events file if that one is read-only (never ~/Downloads,
        which may not exist); the notification says where, or why it could not."""
        if path is None:
            folders = [Path.cwd(), self.paths.events.resolve().parent]
            writable = [folder for folder in folders if os.access(folder, os.W_OK)]
            if not writable:
                self.notify(
                    f"Cannot save a screenshot: neither {folders[0]} nor {folders[1]} is writable.",
                    title="Screenshot",
                    severity="error",
                    markup=False,
                )
                return None
            path = str(writable[0])
        return super().deliver_screenshot(filename, path, time_format)

    # --- changing events.yaml ---

    def on_change_requested(self, message: ChangeRequested) -> None:
        if self.timeline is not None:
            self._write_change(self.timeline, message)

    # Reading events.yaml round-trip, validating and writing it takes seconds on a large file: never on the UI thread.
    # One change at a time (exclusive would only mark a running write cancelled, not stop it).
    @work(thread=True, group="change", description="writing a change to events.yaml")
    def _write_change(self, timeline: Timeline, message: ChangeRequested) -> None:
        from .curate import EditRefused, apply_to

        with self._writing:
            try:
                change = apply_to(timeline, message.operation)
            except EditRefused as exc:
                self.call_from_thread(self._change_refused, exc, message)
                return
            self.call_from_thread(self._change_written, change, message)

    def _change_refused(self, exc: EditRefused, message: ChangeRequested) -> None:
        self._refused(exc)
        if message.done is not None:
            message.done(False)

    def _change_written(self, change: Change, message: ChangeRequested) -> None:
        self._changes.append(change)
        if message.done is not None:
            message.done(True)
        self.notify(f"{change.description[:1].upper()}{change.description[1:]}; u undoes it.", markup=False)
        self._reload_now()

    def can_undo(self) -> bool:
        return bool(self._changes)

    def action_undo_change(self) -> None:
        from .curate import EditRefused, undo

        if self._writing.locked():
            self.notify("A change is being written to events.yaml; undo it once it is done.", timeout=3)
            return
        if not self._changes:
            self.notify("Nothing to undo: no change to events.yaml in this session.", timeout=3)
            return
        change = self._changes.pop()
        try:
            undo(change)
        except EditRefused as exc:
            self._refused(exc)
            return
        self.notify(f"Undone: {change.description}.", markup=False)
        self._reload_now()

    def _refused(self, exc: EditRefused) -> None:
        from .curate import FileChanged

        lines = [str(exc), *(str(p) for p in exc.problems[:5])]
        self.notify(printable("\n".join(lines)), title="Not written", severity="error", timeout=10, markup=False)
        if isinstance(exc, FileChanged):  # show what is on disk now; the user decides again on it
            self._reload_now()

    def _reload_now(self) -> None:
        """The change is on disk: load it now rather than at the next poll."""
        self._signature = ()
        self.load()

    # --- the state the screens watch ---

    def visible_events(self) -> list[Event]:
        if self.timeline is None:
            return []
        shown = self.timeline.visible_events(replace(self.filter, marked_only=False))  # kept per filter
        if self.filter.marked_only:  # the marks change under a filter: never kept
            marked = self.marks.ids
            return [e for e in shown if e.id in marked]
        return list(shown)

    @property
    def previous_filter(self) -> EventFilter | None:
        return self._filter_history[-1] if self._filter_history else None

    def on_filter_changed(self, message: FilterChanged) -> None:
        if not message.amend and message.filter != self.filter:
            self._filter_history = [*self._filter_history, self.filter][-FILTER_HISTORY:]
        while self._filter_history and self._filter_history[-1] == message.filter:  # toggled back to where it was
            self._filter_history.pop()
        self.filter = message.filter

    def action_undo_filter(self) -> None:
        self.filter = self._filter_history.pop() if self._filter_history else EventFilter()

    # --- opening the reader and the pickers ---

    @on(EventList.Chosen)
    def open_event(self, message: EventList.Chosen) -> None:
        event = message.event
        if self.timeline is None:
            return
        passages = self.timeline.passages_of(event.id)
        if passages:
            self.push_screen(self._reader(passages, event_title=event.title, event_id=event.id))
            return
        article = self.timeline.article(event.sources[0].article) if event.sources else None
        if article is not None:
            self.notify("No passage anchors this event; opening its first source.", severity="warning")
            self.push_screen(self._reader([], article=article, event_title=event.title))

    def on_open_article(self, message: OpenArticle) -> None:
        passage = self.timeline.search_passage(message.hit) if message.hit and self.timeline else None
        self.open_article(message.article_id, passage)

    def open_article(self, article_id: str, passage: Passage | None = None) -> None:
        if self.timeline is None or (article := self.timeline.article(article_id)) is None:
            return
        passages = [passage] if passage is not None else []
        self.push_screen(self._reader(passages, article=article, search_hit=passage is not None))

    def _reader(self, passages: Sequence[Passage], index: int = 0, **options: Any) -> Screen[None]:
        from .screens.reader import ReaderScreen

        assert self.timeline is not None
        timeline = self.timeline

        def finder(text: str, query: str) -> list[tuple[int, int]]:  # the index is asked for when first needed
            return timeline.search_index.find_in(text, query)

        return ReaderScreen(timeline, self.badges, passages, index, finder=finder, **options)

    def action_articles(self) -> None:
        from .screens.articles import ArticlesScreen

        if self.timeline is not None:
            self.push_screen(ArticlesScreen(self.timeline.articles, self.badges), self._article_chosen)

    def _article_chosen(self, article_id: str | None) -> None:
        if article_id is not None:
            self.open_article(article_id)

    def action_help(self) -> None:
        from .screens.help import HelpScreen, legend

        if not isinstance(self.screen, HelpScreen):
            articles = self.timeline.articles if self.timeline is not None else ()
            self.push_screen(HelpScreen(self.binding_sections(), legend(articles, self.badges)))

    @staticmethod
    def binding_sections() -> Sequence[tuple[str, Iterable[Any]]]:
        from .screens.filters import FilterScreen
        from .screens.form import FormScreen
        from .screens.goto import GotoScreen
        from .screens.reader import ReaderScreen
        from .screens.review import ReviewScreen
        from .screens.search import SearchScreen
        from .widgets.article_view import ArticleView
        from .widgets.keys import LIST_BINDINGS, SPACE_TOGGLES

        return [
            ("Timeline", [*EventList.BINDINGS, *TimelineScreen.BINDINGS]),
            ("Reader", [*ReaderScreen.BINDINGS, *ArticleView.BINDINGS]),
            ("Search, go to date, filters", [*SearchScreen.BINDINGS, *GotoScreen.BINDINGS, *FilterScreen.BINDINGS]),
            ("Review", [*ReviewScreen.BINDINGS, *FormScreen.BINDINGS]),
            ("Lists in pop-ups", [*LIST_BINDINGS, SPACE_TOGGLES]),
            ("Everywhere", TimelineApp.BINDINGS),
        ]

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, TimelineScreen):
            yield SystemCommand("Search", "Search actors, events and passages (/)", screen.action_search)
            yield SystemCommand("Go to date", "Jump to the event nearest a date (:)", screen.action_goto_date)
            yield SystemCommand("Filter", "Filter by actor, article or tag (f)", screen.action_filters)
            yield SystemCommand("Undo filter", "Back to the previous filter (esc)", self.action_undo_filter)
            yield SystemCommand("Open an article", "Read any article of the corpus (o)", self.action_articles)
            yield SystemCommand("Read source", "Open the selected event's passages (enter)", screen.action_open_reader)
            yield SystemCommand(
                "Review", "What needs a decision: suggestions, dated statements, names (r)", screen.action_review
            )
            yield SystemCommand("Copy a citation", "The event's first curated passage, cited (y)", screen.action_yank)
            yield SystemCommand("Copy as Markdown", "The selected event with its sources (Y)", screen.action_yank_event)
            yield SystemCommand("Mark", "Mark or unmark the selected event (m)", screen.action_mark)
            yield SystemCommand("Marked only", "Show the marked events only, or all (*)", screen.action_marked_only)
        yield SystemCommand("Help", "List every key binding (?)", self.action_help)


def run_explorer(app: TimelineApp, error_report: TextIO | None) -> bool:
    """Run the explorer; True when it ended on an unexpected error.

    Textual reports such an error with a traceback and its local values on standard error; given `error_report`,
    that report goes there instead (plain text, no colours), so that the user sees one line and a file to send.
    """
    if error_report is not None:
        app.error_console = Console(file=error_report, color_system=None, markup=False, highlight=False, width=120)
    app.run()
    return bool(app.return_code)
