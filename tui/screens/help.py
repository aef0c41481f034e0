"""The help screen: every key binding of the explorer, read from the bindings themselves so it never drifts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEY_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "colon": ":",
    "apostrophe": "'",
    "asterisk": "*",
    "escape": "esc",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "space": "space",
    "shift+tab": "shift+tab",
    "ctrl+g": "ctrl+g",
    "ctrl+p": "ctrl+p",
}


def key_label(keys: str) -> str:
    return " ".join(KEY_NAMES.get(k, k) for k in keys.split(","))


def bindings_table(sections: Sequence[tuple[str, Iterable[BindingType]]]) -> Table:
    table = Table(show_header=False, box=None, padding=(0, 2), expand=False)
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column()
    for title, bindings in sections:
        table.add_row(Text(title, style="bold underline"), "")
        for binding in bindings:
            if isinstance(binding, Binding):
                table.add_row(Text(key_label(binding.key)), Text(binding.description))
            else:
                table.add_row(Text(key_label(binding[0])), Text(binding[2] if len(binding) > 2 else binding[1]))
        table.add_row("", "")
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close help")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    """

    def __init__(self, sections: Sequence[tuple[str, Iterable[BindingType]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "Keys  (esc closes)"
            yield Static(bindings_table(self.sections), id="help-table")
