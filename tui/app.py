"""The Textual app: wiring only. Data comes from the core (`tui.timeline`, `tui.search`); slow work runs in workers."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from .filters import EventFilter
from .goto import busiest_year, nearest_event
from .model import DataError, DateValue, Event, Passage, Problem, problem_count
from .paths import DataPaths, input_signature
from .screens.errors import ErrorScreen
from .screens.timeline import TimelineScreen
from .textsafe import printable
from .widgets.event_list import EventList

if TYPE_CHECKING:
    from .search import Result
    from .timeline import Timeline

# The matcher, the search engine and the screens a user opens later are imported where they are first used:
# importing them up front would delay the first frame, which must not wait for anything but Textual.

POLL_SECONDS = 1.0


class TimelineApp(App[None]):
    TITLE = "timeline"
    CSS_PATH = Path(__file__).parent / "app.tcss"  # absolute, so subclasses anywhere find it
    BINDINGS = [
        Binding("ctrl+p", "command_palette", "Commands", show=False),
    ]

    def __init__(self, paths: DataPaths, live_reload: bool = True) -> None:
        super().__init__()
        self.paths = paths
        self.live_reload = live_reload  # poll the files and reload on a change
        self.timeline: Timeline | None = None
        self.filter = EventFilter()
        self.reload_problems: list[Problem] = []
        self._signature: tuple[tuple[str, int, int], ...] = ()

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
    def load(self, select: str | None = None) -> None:
        from .timeline import build_timeline

        def progress(stage: str, fraction: float) -> None:
            self.call_from_thread(self.main.show_progress, stage, fraction)

        if not self._signature:
            self._signature = input_signature(self.paths)
        try:
            timeline = build_timeline(self.paths.events, self.paths.corpus, progress)
        except DataError as exc:
            self.call_from_thread(self._load_failed, exc.problems)
            return
        _ = timeline.search_index, timeline.event_badges  # built here, in the worker, not in the UI thread
        self.call_from_thread(self._loaded, timeline, select)

    def _loaded(self, timeline: Timeline, select: str | None) -> None:
        first_load = self.timeline is None
        self.timeline = timeline
        self.reload_problems = []
        while isinstance(self.screen, ErrorScreen):
            self.pop_screen()
        self.main.show_banner(None)
        self.main.refresh_events(select)
        if not first_load:
            self.notify("Data changed on disk: reloaded.", timeout=3)
        for problem in timeline.warnings:  # e.g. an unusable merge cache, rebuilt (each said once per session)
            self.notify(printable(str(problem)), title="Warning", severity="warning", timeout=10, markup=False)

    def _load_failed(self, problems: list[Problem]) -> None:
        self.main.end_progress()
        if self.timeline is None:
            intro = "The data has problems, so there is no timeline to show yet."
            while isinstance(self.screen, ErrorScreen):
                self.pop_screen()
            self.push_screen(ErrorScreen(problems, intro, closable=False))
            return
        self.reload_problems = problems
        count = problem_count(problems)
        self.main.show_banner(
            f" The files changed but now have {count} problem{'s' if count != 1 else ''}: "
            "showing the last valid timeline. Press e to see them."
        )

    @work(thread=True, exclusive=True, group="poll")
    def _poll(self) -> None:
        if not self._signature:  # the first load has not read the files yet: nothing to compare with
            return
        signature = input_signature(self.paths)
        if signature != self._signature:
            self._signature = signature
            self.call_from_thread(self.reload)

    def reload(self) -> None:
        selected = self.main.selected
        self.load(selected.id if selected else None)

    def show_reload_errors(self) -> None:
        if self.reload_problems:
            intro = "The files on disk have these problems; the explorer shows the last valid timeline."
            self.push_screen(ErrorScreen(self.reload_problems, intro, closable=True))

    # --- what the screens ask for ---

    def set_filter(self, new_filter: EventFilter) -> None:
        self.filter = new_filter
        self.main.refresh_events()

    def open_event(self, event: Event, passage_index: int = 0) -> None:
        if self.timeline is None:
            return
        passages = self.timeline.passages_of(event.id)
        if passages:
            self.push_screen(self._reader(passages, passage_index, event_title=event.title))
            return
        article = self.timeline.article(event.sources[0].article) if event.sources else None
        if article is not None:
            self.notify("No passage anchors this event; opening its first source.", severity="warning")
            self.push_screen(self._reader([], article=article, event_title=event.title))

    def open_article(self, article_id: str, passage: Passage | None = None) -> None:
        if self.timeline is None or (article := self.timeline.article(article_id)) is None:
            return
        self.push_screen(self._reader([passage] if passage is not None else [], article=article))

    def _reader(self, passages: Sequence[Passage], index: int = 0, **options: Any) -> Screen[None]:
        from .screens.reader import ReaderScreen

        assert self.timeline is not None
        return ReaderScreen(self.timeline, self.timeline.badges, passages, index, **options)

    def open_search(self) -> None:
        if self.timeline is None:
            self.notify("Still loading; search is ready in a moment.")
            return
        from .screens.search import SearchScreen

        index = self.timeline.search_index
        self.push_screen(SearchScreen(lambda q, n: index.search(q, limit=n), self.timeline.badges), self._search_chosen)

    def _search_chosen(self, result: Result | None) -> None:
        if result is None or self.timeline is None:
            return
        if result.kind == "actor":
            self.set_filter(EventFilter(actors=frozenset({result.id})))
        elif result.kind == "event":
            if not self.main.select_event(result.id) and self.filter.active:
                self.set_filter(EventFilter())
                self.main.select_event(result.id)
        elif result.kind == "passage":
            self.open_article(result.article, self.timeline.search_passage(result))

    def open_goto(self) -> None:
        from .screens.goto import GotoScreen

        events = self.main.query_one(EventList).events
        if events:
            self.push_screen(GotoScreen(busiest_year(events)), self._goto_chosen)

    def _goto_chosen(self, target: DateValue | None) -> None:
        if target is None:
            return
        event_list = self.main.query_one(EventList)
        index = nearest_event(event_list.events, target)
        if index is not None:
            event_list.select_index(index, center=True)

    def open_filters(self) -> None:
        from .screens.filters import FilterScreen

        if self.timeline is not None:
            self.push_screen(FilterScreen(self.timeline, self.filter, self.set_filter))

    def open_articles(self) -> None:
        from .screens.articles import ArticlesScreen

        if self.timeline is not None:
            self.push_screen(ArticlesScreen(self.timeline.articles, self.timeline.badges), self._article_chosen)

    def _article_chosen(self, article_id: str | None) -> None:
        if article_id is not None:
            self.open_article(article_id)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.binding_sections()))

    @staticmethod
    def binding_sections() -> Sequence[tuple[str, Iterable[Any]]]:
        from .screens.filters import FilterScreen
        from .screens.goto import GotoScreen
        from .screens.reader import ReaderScreen
        from .screens.search import SearchScreen
        from .widgets.article_view import ArticleView

        return [
            ("Timeline", [*EventList.BINDINGS, *TimelineScreen.BINDINGS]),
            ("Reader", [*ReaderScreen.BINDINGS, *ArticleView.BINDINGS]),
            ("Search, go to date, filters", [*SearchScreen.BINDINGS, *GotoScreen.BINDINGS, *FilterScreen.BINDINGS]),
            ("Everywhere", TimelineApp.BINDINGS),
        ]

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, TimelineScreen):
            yield SystemCommand("Search", "Search actors, events and passages (/)", self.open_search)
            yield SystemCommand("Go to date", "Jump to the event nearest a date (:)", self.open_goto)
            yield SystemCommand("Filter", "Filter by actor, article or tag (f)", self.open_filters)
            yield SystemCommand("Clear filters", "Show every event (esc)", lambda: self.set_filter(EventFilter()))
            yield SystemCommand("Open an article", "Read any article of the corpus (o)", self.open_articles)
            yield SystemCommand("Read source", "Open the selected event's passages (enter)", screen.action_open_reader)
        yield SystemCommand("Help", "List every key binding (?)", self.action_help)
