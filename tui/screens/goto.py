"""Go to a date typed freely: "may 13", "13/05/2021", "2020"."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ..goto import Reading, read_target
from ..model import DateFormatError
from ..textsafe import printable
from ..widgets.text_field import TextField


class GotoScreen(ModalScreen[Reading | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel going to a date")]
    DEFAULT_CSS = """
    GotoScreen { align: center top; }
    GotoScreen > Vertical { width: 60; max-width: 100%; height: auto; margin-top: 3;
        border: round $accent; background: $surface; padding: 0 1; }
    GotoScreen #goto-hint { color: $text-muted; }
    """

    def __init__(self, default_year: int) -> None:
        super().__init__()
        self.default_year = default_year

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Go to date"
            yield TextField(placeholder="may 13, 13/05/2021, W19, mid-May, 2020 …", id="goto-input")
            yield Static(Text("enter jumps to the nearest event · esc cancels"), id="goto-hint")

    @on(Input.Submitted)
    def _submitted(self, message: Input.Submitted) -> None:
        try:
            reading = read_target(message.value, self.default_year)
        except DateFormatError as exc:
            self.query_one("#goto-hint", Static).update(Text(printable(str(exc)), style="bold red"))
            return
        self.dismiss(reading)

    def action_cancel(self) -> None:
        self.dismiss(None)
