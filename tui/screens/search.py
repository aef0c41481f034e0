"""Search as you type: actors, events and passages from the core's search index, in a worker thread."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..search import Result
from ..textsafe import one_line, printable
from ..widgets.lists import PickList
from ..widgets.text_field import TextField

KIND_STYLE = {"actor": "bold green", "event": "bold cyan", "passage": "bold magenta"}
RESULT_LIMIT = 30
PROMPT = "Type a name, a title, a handle or a few words."


def result_label(result: Result, badges: dict[str, str]) -> Text:
    text = Text()
    text.append(f"{result.kind.upper():<8}", style=KIND_STYLE.get(result.kind, "bold"))
    if result.kind == "event":
        text.append(f"{result.date:<10} ", style="cyan")
    elif result.kind == "passage":
        text.append(f"{badges.get(result.article, result.article)} ¶{result.paragraph:<4} ", style="magenta")
    label = result.label if len(result.label) <= 160 else result.label[:159] + "…"
    text.append(printable(label.replace("\n", " ")))
    if result.kind == "actor":
        if result.matched != result.name:
            text.append(f"  “{printable(result.matched)}”", style="dim")
        text.append(f"  {len(result.events)} event{'s' if len(result.events) != 1 else ''}", style="dim")
    return text


class SearchScreen(ModalScreen[Result | None]):
    """Dismisses with the chosen result (or None)."""

    BINDINGS = [
        Binding("escape", "cancel", "Close search"),
        Binding("down", "focus_results", "Move to the results", show=False),
    ]
    DEFAULT_CSS = """
    SearchScreen { align: center top; }
    SearchScreen > Vertical { width: 100; max-width: 100%; height: auto; max-height: 90%; margin-top: 1;
        border: round $accent; background: $surface; }
    SearchScreen OptionList { height: auto; max-height: 20; border: none; }
    SearchScreen #search-status { color: $text-muted; padding: 0 1; }
    """

    def __init__(self, search: Callable[[str, int], Sequence[Result]], badges: dict[str, str], query: str = "") -> None:
        super().__init__()
        self.search = search
        self.badges = badges
        self.initial_query = query
        self.results: list[Result] = []
        self.generation = 0  # one per keystroke
        self.shown_generation = 0  # the keystroke whose results are on screen

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Search names, events and passages  (enter chooses · esc closes)"
            example = "Khamenei, the Supreme Leader, IRGC, a few words…"
            yield TextField(value=one_line(self.initial_query), placeholder=example)
            yield PickList(id="search-results")
            yield Static(Text(PROMPT), id="search-status")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        if self.initial_query:
            self._start(self.initial_query)

    @on(Input.Changed)
    def _changed(self, message: Input.Changed) -> None:
        self._start(message.value)

    def _start(self, query: str) -> None:
        self.generation += 1
        if not query.strip():
            self._show(self.generation, query, [])
            return
        self._run(self.generation, query)

    @work(thread=True, exclusive=True, group="search")
    def _run(self, generation: int, query: str) -> None:
        results = list(self.search(query, RESULT_LIMIT))
        self.app.call_from_thread(self._show, generation, query, results)

    def _show(self, generation: int, query: str, results: list[Result]) -> None:
        if generation != self.generation:  # a newer keystroke's results are coming
            return
        self.shown_generation = generation
        self.results = results
        option_list = self.query_one(OptionList)
        option_list.clear_options()
        option_list.add_options(Option(result_label(r, self.badges), id=str(i)) for i, r in enumerate(results))
        if results:
            option_list.highlighted = 0
        count = len(results)
        status = f"{count} result{'s' if count != 1 else ''}" if query.strip() else PROMPT
        if query.strip() and not results:
            status = f"Nothing matches {query!r}."
        self.query_one("#search-status", Static).update(Text(status))

    @on(Input.Submitted)
    def _submitted(self) -> None:
        option_list = self.query_one(OptionList)
        if self.results:
            self.dismiss(self.results[option_list.highlighted or 0])

    @on(OptionList.OptionSelected)
    def _selected(self, message: OptionList.OptionSelected) -> None:
        self.dismiss(self.results[int(message.option.id or 0)])

    def action_focus_results(self) -> None:
        if self.results:
            self.query_one(OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
