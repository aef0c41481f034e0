"""The source reader: an article with its metadata, scrolled to a passage, stepping through the event's passages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..model import Article, Passage
from ..textsafe import printable
from ..widgets.article_view import ArticleView

if TYPE_CHECKING:
    from ..timeline import Timeline


def article_header(article: Article, badge: str) -> Text:
    text = Text()
    text.append(f"{badge} ", style="bold reverse")
    text.append(f" {printable(article.title)}\n", style="bold")
    published = article.published.edtf if article.published else "unknown"
    text.append("Published ", style="dim")
    text.append(f"{published} ({article.published_basis})")
    text.append(" · Outlet ", style="dim")
    text.append(printable(article.outlet or "unknown"))
    text.append(" · Author ", style="dim")
    text.append(printable(article.author or "unknown"))
    if article.url:
        text.append(" · ", style="dim")
        text.append(printable(article.url))
    if article.published_note:
        text.append("\nDate: ", style="dim")
        text.append(printable(article.published_note), style="italic")
    return text


class ReaderScreen(Screen[None]):
    BINDINGS = [
        Binding("n,tab", "next_passage", "Next passage", show=True, priority=True),
        Binding("N,shift+tab", "previous_passage", "Previous passage", show=True, priority=True),
        Binding("escape,q", "back", "Back", show=True),
        Binding("question_mark,f1", "app.help", "Help", show=True),
    ]

    def __init__(
        self,
        timeline: Timeline,
        badges: dict[str, str],
        passages: Sequence[Passage],
        index: int = 0,
        article: Article | None = None,
        event_title: str = "",
    ) -> None:
        super().__init__()
        self.timeline = timeline
        self.badges = badges
        self.passages = list(passages)
        self.index = index
        self.article = article
        self.event_title = event_title

    def compose(self) -> ComposeResult:
        yield Static(id="article-header")
        yield Static(id="passage-bar")
        yield ArticleView(id="article-view")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ArticleView).focus()
        self._show()

    @property
    def passage(self) -> Passage | None:
        return self.passages[self.index] if self.passages else None

    def _show(self) -> None:
        passage = self.passage
        article = self.timeline.article(passage.article) if passage else self.article
        if article is None:
            return
        self.article = article
        self.query_one("#article-header", Static).update(article_header(article, self.badges.get(article.id, "")))
        bar = Text()
        if passage is not None:
            bar.append(f" Passage {self.index + 1}/{len(self.passages)}", style="bold")
            bar.append(f" · ¶{passage.paragraph} · score {passage.score:.0f} · {passage.kind}")
            if self.event_title:
                bar.append(" · ", style="dim")
                bar.append(printable(self.event_title), style="italic")
        else:
            bar.append(f" {len(article.paragraphs)} paragraphs", style="dim")
        self.query_one("#passage-bar", Static).update(bar)
        self.query_one(ArticleView).show(article, passage)

    def _step(self, step: int) -> None:
        if len(self.passages) > 1:
            self.index = (self.index + step) % len(self.passages)
            self._show()

    def action_next_passage(self) -> None:
        self._step(1)

    def action_previous_passage(self) -> None:
        self._step(-1)

    def action_back(self) -> None:
        self.dismiss()
