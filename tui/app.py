"""The Textual app: wiring only. Data comes from the core (`tui.timeline`)."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header, Static

from .model import DataError
from .paths import DataPaths
from .timeline import Timeline, build_timeline


class TimelineApp(App[None]):
    TITLE = "timeline"
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, paths: DataPaths) -> None:
        super().__init__()
        self.paths = paths
        self.timeline: Timeline | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="status")
        yield DataTable(id="events", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Date", "Event", "Sources")
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        try:
            timeline = build_timeline(self.paths.events, self.paths.corpus)
        except DataError as exc:
            self.call_from_thread(self.show_problems, exc)
            return
        self.call_from_thread(self.show_timeline, timeline)

    def show_timeline(self, timeline: Timeline) -> None:
        self.timeline = timeline
        table = self.query_one(DataTable)
        for event in timeline.events:
            sources = ", ".join(dict.fromkeys(s.article for s in event.sources))
            table.add_row(Text(event.date.edtf), Text(event.title), Text(sources), key=event.id)
        self.query_one("#status", Static).update(Text(f"{len(timeline.events)} events"))

    def show_problems(self, error: DataError) -> None:
        self.query_one("#status", Static).update(Text("\n".join(str(p) for p in error.problems)))
