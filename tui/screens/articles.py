"""The sources list: every article of the corpus, to open any of them in the reader."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..model import Article
from ..textsafe import printable
from ..widgets.lists import PickList


class ArticlesScreen(ModalScreen[str | None]):
    BINDINGS = [Binding("escape,q", "cancel", "Close")]
    DEFAULT_CSS = """
    ArticlesScreen { align: center middle; }
    ArticlesScreen > OptionList { width: 100%; max-width: 90; height: auto; max-height: 80%;
        border: round $accent; background: $surface; }
    """

    def __init__(self, articles: Sequence[Article], badges: dict[str, str]) -> None:
        super().__init__()
        self.articles = articles
        self.badges = badges

    def compose(self) -> ComposeResult:
        options = []
        for article in self.articles:
            label = Text(f"{self.badges.get(article.id, '')} ", style="bold")
            published = article.published.edtf if article.published else "?"
            label.append(f"{published:<11}", style="cyan")
            label.append(printable(article.title))
            label.append(f"  {printable(article.outlet or 'outlet unknown')}", style="dim")
            options.append(Option(label, id=article.id))
        option_list = PickList(*options, id="article-options")
        option_list.border_title = "Open an article  (enter opens · esc closes)"
        yield option_list

    @on(OptionList.OptionSelected)
    def _selected(self, message: OptionList.OptionSelected) -> None:
        self.dismiss(message.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
