"""The error screen: every problem in the data with file:line, so a curator can fix them all in one pass.

The list is drawn with the line API (`TextView`): a file of broken events lists at most `MAX_PROBLEMS` problems per
input (the loader counts the rest), and the screen stays responsive however many there were.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer

from ..model import MoreProblems, Problem, problem_count
from ..textsafe import one_line
from ..widgets.text_view import TextView


def problems_text(problems: Sequence[Problem], intro: str) -> Text:
    text = Text()
    text.append(intro + "\n\n", style="bold")
    for problem in problems:
        where = f"{problem.path}:{problem.line}" if problem.line else problem.path
        text.append(one_line(where), style="bold red")
        text.append(": ")
        if problem.field:
            text.append(one_line(problem.field), style="bold")
            text.append(": ")
        style = "italic" if isinstance(problem, MoreProblems) else ""
        text.append(one_line(problem.message) + "\n", style=style)
    count = problem_count(list(problems))
    text.append(f"\n{count} problem{'s' if count != 1 else ''}. ", style="bold")
    text.append("Fix the files and save: the explorer reloads by itself.", style="dim")
    return text


class ErrorScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "close", "Back", show=True),
        Binding("q", "app.quit", "Quit", show=True),
    ]
    DEFAULT_CSS = """
    ErrorScreen > TextView { padding: 1 2; }
    """

    def __init__(self, problems: Sequence[Problem], intro: str, closable: bool) -> None:
        super().__init__()
        self.problems = problems
        self.intro = intro
        self.closable = closable

    def compose(self) -> ComposeResult:
        yield TextView(id="problems")
        yield Footer()

    def on_mount(self) -> None:
        view = self.query_one(TextView)
        view.set_text(problems_text(self.problems, self.intro))
        view.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.closable if action == "close" else True

    def action_close(self) -> None:
        if self.closable:
            self.dismiss()
