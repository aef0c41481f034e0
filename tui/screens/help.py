"""The help screen: every key binding of the explorer, read from the bindings themselves so it never drifts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..model import Article
from ..textsafe import printable
from ..widgets.text_view import SCROLL_BINDINGS

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


def _two_columns() -> Table:
    table = Table(show_header=False, box=None, padding=(0, 1), expand=False)
    table.add_column(style="bold", no_wrap=True, min_width=6)
    table.add_column()
    return table


def legend(articles: Sequence[Article], badges: Mapping[str, str]) -> Group:
    """What the timeline's marks mean, and which article each badge stands for."""
    marks = _two_columns()
    marks.add_row("MEE", "upper case: an article cited as the event's source (curated)")
    marks.add_row(Text("mee?", style="dim italic"), "lower case, ?: a report the matcher suggests (not reviewed)")
    marks.add_row("12 May", "a day · W19 an ISO week · May ·· a month · 1997 a year")
    marks.add_row("~", "about: the date is approximate")
    marks.add_row("*", "counted from a publication date that is inferred, not stated")
    marks.add_row(Text("▌", style="bold yellow"), "an event you marked: m marks it, ' and M jump between marks")
    marks.add_row("5j", "a number before a move repeats it: five events down")
    sources = _two_columns()
    for article in articles:
        title = Text(printable(article.title))
        title.append(f"  {printable(article.outlet or 'outlet unknown')}", style="dim")
        sources.add_row(Text(badges.get(article.id, "")), title)
    parts: list[RenderableType] = [Text("What the rows show", style="bold underline"), marks]
    if articles:
        parts += [Text("\nArticles", style="bold underline"), sources]
    return Group(*parts, Text(""))


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


class HelpScroll(VerticalScroll):
    BINDINGS = SCROLL_BINDINGS


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close help")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    """

    def __init__(self, sections: Sequence[tuple[str, Iterable[BindingType]]], legend: Group | None = None) -> None:
        super().__init__()
        self.sections = sections
        self.legend = legend

    def compose(self) -> ComposeResult:
        with HelpScroll() as scroll:
            scroll.border_title = "Keys  (j/k scroll · esc closes)"
            if self.legend is not None:
                yield Static(self.legend, id="help-legend")
            yield Static(bindings_table(self.sections), id="help-table")

    def on_mount(self) -> None:
        self.query_one(HelpScroll).focus()
