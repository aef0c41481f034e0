"""The Textual app: wiring only. Data comes from the core (`tui.timeline`, `tui.search`); slow work runs in workers."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from .chronology import article_badges
from .filters import EventFilter
from .goto import busiest_year, nearest_event
from .marks import Marks
from .model import DataError, DateValue, Event, Passage, Problem
from .paths import DataPaths, input_signature
from .screens.errors import ErrorScreen
from .screens.timeline import TimelineScreen
from .textsafe import printable
from .widgets.event_list import EventList

if TYPE_CHECKING:
    from .search import PassageResult, Result, SearchIndex
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

    def __init__(self, paths: DataPaths, watch: bool = True) -> None:
        super().__init__()
        self.paths = paths
        self.watch = watch
        self.timeline: Timeline | None = None
        self.search_index: SearchIndex | None = None
        self.filter = EventFilter()
        self.badges: dict[str, str] = {}
        self.event_badges: dict[str, tuple[list[str], list[str]]] = {}
        self.reload_problems: list[Problem] = []
        self._signature: tuple[tuple[str, int, int], ...] = ()
        self.marks = Marks(Path())  # read at mount
        self.last_search = ""  # the last query typed in the search, for n/N in the timeline

    def get_default_screen(self) -> Screen[Any]:
        return TimelineScreen()

    @property
    def main(self) -> TimelineScreen:
        return self.screen_stack[0]  # type: ignore[return-value]

    def on_mount(self) -> None:
        self.marks = Marks.load(self.paths.events)
        if self.marks.problem:
            self.notify(printable(self.marks.problem), title="Marks", severity="warning", timeout=10, markup=False)
        self.call_after_refresh(self.load)  # the first frame first, then the work
        if self.watch:
            self.set_interval(POLL_SECONDS, self._poll)

    # --- loading and live reload ---

    @work(thread=True, exclusive=True, group="load")
    def load(self, select: str | None = None) -> None:
        from .search import SearchIndex
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
        index = SearchIndex.from_timeline(timeline)
        self.call_from_thread(self._loaded, timeline, index, select)

    def _loaded(self, timeline: Timeline, index: SearchIndex, select: str | None) -> None:
        first_load = self.timeline is None
        self.timeline = timeline
        self.search_index = index
        self.reload_problems = []
        self.badges = article_badges(timeline.articles)
        self.event_badges = {e.id: self._badges_of(timeline, e) for e in timeline.events}
        while isinstance(self.screen, ErrorScreen):
            self.pop_screen()
        self.main.show_banner(None)
        self.main.refresh_events(select)
        if not first_load:
            self.notify("Data changed on disk: reloaded.", timeout=3)
        for problem in timeline.warnings:  # e.g. an unusable merge cache, rebuilt (each said once per session)
            self.notify(printable(str(problem)), title="Warning", severity="warning", timeout=10, markup=False)

    def _badges_of(self, timeline: Timeline, event: Event) -> tuple[list[str], list[str]]:
        passages = timeline.passages_of(event.id)
        curated = list(dict.fromkeys([p.article for p in passages if p.curated] or [s.article for s in event.sources]))
        others = [a for a in dict.fromkeys(p.article for p in passages if not p.curated) if a not in curated]
        return [self.badges[a] for a in curated if a in self.badges], [self.badges[a] for a in others]

    def _load_failed(self, problems: list[Problem]) -> None:
        self.main.query_one("ProgressBar").display = False
        if self.timeline is None:
            intro = "The data has problems, so there is no timeline to show yet."
            while isinstance(self.screen, ErrorScreen):
                self.pop_screen()
            self.push_screen(ErrorScreen(problems, intro, closable=False))
            return
        self.reload_problems = problems
        count = len(problems)
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

    def visible_events(self) -> list[Event]:
        if self.timeline is None:
            return []
        timeline = self.timeline
        marked = self.marks.ids
        return [e for e in timeline.events if self.filter.matches(e, timeline.passages_of(e.id), marked)]

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
        finder = self.search_index.find_in if self.search_index is not None else None
        return ReaderScreen(self.timeline, self.badges, passages, index, finder=finder, **options)

    def open_search(self) -> None:
        if self.search_index is None:
            self.notify("Still loading; search is ready in a moment.")
            return
        from .screens.search import SearchScreen

        index = self.search_index

        def search(query: str, limit: int) -> list[Result]:
            self.last_search = query  # a plain assignment: safe from the search worker's thread
            return index.search(query, limit=limit)

        self.push_screen(SearchScreen(search, self.badges), self._search_chosen)

    def search_events(self) -> set[str]:
        """The events the last search found: those it listed, and those of the actors it listed."""
        if self.search_index is None or not self.last_search.strip():
            return set()
        found: set[str] = set()
        for result in self.search_index.search(self.last_search, limit=100, kinds=("actor", "event")):
            found.update(result.events if result.kind == "actor" else (result.id,))
        return found

    def copy_text(self, text: str, what: str) -> None:
        """Put `text` on the clipboard through the terminal (OSC 52) and show it, for terminals that refuse."""
        import os

        shown = printable(text if len(text) <= 600 else text[:600] + "…")
        if os.environ.get("TERM_PROGRAM") == "Apple_Terminal":  # takes no OSC 52 copy
            self.notify(shown, title=f"{what}: this terminal cannot copy; select the text", timeout=30, markup=False)
            return
        self.copy_to_clipboard(text)
        self.notify(shown, title=f"{what} copied (if the terminal allows OSC 52)", timeout=6, markup=False)

    def toggle_mark(self, event: Event) -> None:
        marked, problem = self.marks.toggle(event.id)
        if problem:
            self.notify(printable(problem), title="Marks", severity="warning", timeout=10, markup=False)
        self.main.show_marks()
        if self.filter.marked_only and not marked:
            self.main.refresh_events()

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
            self.open_article(result.article, self._passage_for(result))

    def _passage_for(self, result: PassageResult) -> Passage | None:
        """The search hit as a passage for the reader: from the first to the last matched word."""
        article = self.timeline.article(result.article) if self.timeline else None
        if article is None or not 0 < result.paragraph <= len(article.paragraphs):
            return None
        start, end = (result.spans[0][0], result.spans[-1][1]) if result.spans else (0, 0)
        text = article.paragraph(result.paragraph).text
        return Passage(result.article, result.paragraph, start, end, text[start:end], result.score, False)

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
            self.push_screen(ArticlesScreen(self.timeline.articles, self.badges), self._article_chosen)

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
