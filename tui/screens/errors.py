"""The error screen: every problem in the data with file:line, so a curator can fix them all in one pass."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..model import Problem
from ..textsafe import printable


def problems_text(problems: Sequence[Problem], intro: str) -> Text:
    text = Text()
    text.append(intro + "\n\n", style="bold")
    for problem in problems:
        where = f"{problem.path}:{problem.line}" if problem.line else problem.path
        text.append(printable(where), style="bold red")
        text.append(": ")
        if problem.field:
            text.append(printable(problem.field), style="bold")
            text.append(": ")
        text.append(printable(problem.message) + "\n")
    count = len(problems)
    text.append(f"\n{count} problem{'s' if count != 1 else ''}. ", style="bold")
    text.append("Fix the files and save: the explorer reloads by itself.", style="dim")
    return text


class ErrorScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "close", "Back", show=True),
        Binding("q", "app.quit", "Quit", show=True),
    ]
    DEFAULT_CSS = """
    ErrorScreen > VerticalScroll { padding: 1 2; }
    """

    def __init__(self, problems: Sequence[Problem], intro: str, closable: bool) -> None:
        super().__init__()
        self.problems = problems
        self.intro = intro
        self.closable = closable

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(problems_text(self.problems, self.intro), id="problems")
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.closable if action == "close" else True

    def action_close(self) -> None:
        if self.closable:
            self.dismiss()
