"""The source reader: an article with its metadata, scrolled to a passage, stepping through the event's passages.

`/` searches the article as `less` does: every match highlighted, `n`/`N` step through them (they step through
the event's passages while no search is active; `tab`/`shift+tab` always do).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from ..description import SUGGESTED
from ..model import Article, Passage
from ..textsafe import printable
from ..widgets.article_view import ArticleView, Match
from ..widgets.text_field import TextField

if TYPE_CHECKING:
    from ..timeline import Timeline

Finder = Callable[[str, str], list[tuple[int, int]]]  # (text, query) -> spans of the matches in the text


def article_header(article: Article, badge: str) -> Text:
    """Title, metadata, link and date note, one line each, cut with an ellipsis where the terminal is narrow."""
    text = Text(no_wrap=True, overflow="ellipsis")
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
        text.append("\nLink ", style="dim")
        text.append(printable(article.url))
    if article.published_note:
        text.append("\nDate: ", style="dim")
        text.append(printable(" ".join(article.published_note.split())), style="italic")
    return text


def passage_label(passage: Passage, search_hit: bool = False) -> Text:
    """What the passage is, in words: a search hit, a curated source, or a suggestion nobody has reviewed."""
    if search_hit:
        return Text("search hit", style="bold")
    if passage.curated:
        return Text("curated source", style="bold green")
    return Text(SUGGESTED, style="bold yellow")


class ReaderScreen(Screen[None]):
    BINDINGS = [
        Binding("slash", "search", "Search", show=True),
        Binding("n", "next_match", "Next match", show=True),
        Binding("N", "previous_match", "Previous match", show=False),
        Binding("n,tab", "next_passage", "Next passage", show=True, key_display="tab"),
        Binding("N,shift+tab", "previous_passage", "Previous passage", show=False),
        Binding("y", "yank", "Copy a citation", show=True),
        Binding("a", "decide(True)", "Accept", show=True),
        Binding("x", "decide(False)", "Reject", show=True),
        Binding("u", "app.undo_change", "Undo the last change", show=False),
        Binding("o", "app.articles", "Open an article", show=False),
        Binding("escape,q", "back", "Back (esc first ends a search)", show=True, key_display="esc"),
        Binding("question_mark,f1", "app.help", "Help", show=True, key_display="?"),
    ]

    def __init__(
        self,
        timeline: Timeline,
        badges: dict[str, str],
        passages: Sequence[Passage],
        index: int = 0,
        article: Article | None = None,
        event_title: str = "",
        search_hit: bool = False,
        event_id: str | None = None,
        finder: Finder | None = None,
    ) -> None:
        super().__init__()
        self.timeline = timeline
        self.badges = badges
        self.passages = list(passages)
        self.index = index
        self.article = article
        self.event_title = event_title
        self.search_hit = search_hit  # the passage is where a search matched, not evidence of an event
        self.event_id = event_id  # the event whose passages these are, if any: a suggestion is accepted for it
        self.decided: dict[int, str] = {}  # passage index -> "accepted" or "rejected", until the reload
        self.finder = finder
        self.query_text = ""  # the search in force ("" for none)
        self.matches: list[Match] = []
        self.match_index = -1
        self._before_search = ""  # the search to restore when the search line is cancelled

    def compose(self) -> ComposeResult:
        yield Static(id="article-header")
        yield Static(id="passage-bar")
        yield ArticleView(id="article-view")
        yield TextField(placeholder="search this article (enter keeps it, esc cancels)", id="reader-search")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#reader-search").display = False
        self.query_one(ArticleView).focus()
        self._show()

    @property
    def passage(self) -> Passage | None:
        return self.passages[self.index] if self.passages else None

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next_match", "previous_match"):
            return bool(self.matches)  # while no search is active, n and N step through the passages
        if action in ("next_passage", "previous_passage"):
            return len(self.passages) > 1
        return True

    def _show(self) -> None:
        passage = self.passage
        article = self.timeline.article(passage.article) if passage else self.article
        if article is None:
            return
        self.article = article
        self.query_one("#article-header", Static).update(article_header(article, self.badges.get(article.id, "")))
        self.view.show(article, passage)
        self._find(keep_place=False)

    def _update_bar(self) -> None:
        assert self.article is not None
        passage = self.passage
        bar = Text(no_wrap=True, overflow="ellipsis")
        if self.query_text:
            found = f"{self.match_index + 1}/{len(self.matches)}" if self.matches else "no match"
            bar.append(f" /{printable(self.query_text)}", style="bold")
            bar.append(f" {found} (n/N) · ", style="dim")
        if passage is not None:
            bar.append(f" Passage {self.index + 1}/{len(self.passages)}", style="bold")
            bar.append(f" · ¶{passage.paragraph} · score {passage.score:.0f} · ")
            if self.index in self.decided:
                bar.append(f"{self.decided[self.index]} (written to events.yaml; u undoes it)", style="bold")
            else:
                bar.append_text(passage_label(passage, self.search_hit))
            if self.event_title:
                bar.append(" · ", style="dim")
                bar.append(printable(self.event_title), style="italic")
        else:
            bar.append(f" {len(self.article.paragraphs)} paragraphs", style="dim")
        self.query_one("#passage-bar", Static).update(bar)

    # --- passages ---

    def _cycled(self, index: int, step: int, count: int, what: str) -> int:
        """`index` moved by `step` around `count` places, saying so when it wraps past either end."""
        target = index + step
        if not 0 <= target < count:
            self.notify(f"Wrapped to the {'first' if step > 0 else 'last'} {what}.", timeout=2)
        return target % count

    def _step(self, step: int) -> None:
        if len(self.passages) > 1:
            self.index = self._cycled(self.index, step, len(self.passages), "passage")
            self._show()

    def action_next_passage(self) -> None:
        self._step(1)

    def action_previous_passage(self) -> None:
        self._step(-1)

    def action_decide(self, accepting: bool) -> None:
        """Accept or reject the passage shown, if the matcher suggested it."""
        from ..curate import Suggestion, decide
        from ..messages import ChangeRequested

        passage = self.passage
        if passage is None or passage.curated or self.search_hit or self.event_id is None:
            self.notify("Only a passage suggested by the matcher can be accepted or rejected.", timeout=3)
            return
        if self.index in self.decided:
            self.notify(f"Already {self.decided[self.index]}.", timeout=3)
            return
        suggestion = Suggestion(self.event_id, passage)
        operation = decide(suggestion, accepting)
        index = self.index

        def done(written: bool) -> None:
            if written:
                self.decided[index] = "accepted" if accepting else "rejected"
                self._show()

        self.post_message(ChangeRequested(operation, done))

    # --- search ---

    def action_search(self) -> None:
        search = self.query_one("#reader-search", Input)
        self._before_search = self.query_text
        search.value = self.query_text
        search.display = True
        search.focus()

    @on(Input.Changed, "#reader-search")
    def _typed(self, message: Input.Changed) -> None:
        self.query_text = message.value.strip()
        self._find(keep_place=False)

    @on(Input.Submitted, "#reader-search")
    def _submitted(self) -> None:
        self._close_search()
        if self.query_text and not self.matches:
            self.notify(f"Nothing matches {self.query_text!r} in this article.", timeout=3, markup=False)

    def _close_search(self) -> None:
        search = self.query_one("#reader-search", Input)
        search.display = False
        self.view.focus()
        self.refresh_bindings()

    def _find(self, keep_place: bool) -> None:
        """Find the search in the article; the current match is the first from the top of the view on."""
        article = self.article
        if article is None:
            return
        found: list[Match] = []
        if self.query_text and self.finder is not None:
            for paragraph in article.paragraphs:
                found.extend((paragraph.number, s, e) for s, e in self.finder(paragraph.text, self.query_text))
        current = self.match_index if keep_place else -1
        if found and current < 0:
            top = self.view.top_paragraph if self.passage is None else self.passage.paragraph
            current = next((i for i, m in enumerate(found) if m[0] >= top), 0)
        self.matches, self.match_index = found, current if found else -1
        self.view.show_matches(found, self.match_index)
        self._update_bar()
        self.refresh_bindings()

    def _step_match(self, step: int) -> None:
        if not self.matches:
            return
        self.match_index = self._cycled(self.match_index, step, len(self.matches), "match")
        self.view.show_matches(self.matches, self.match_index)
        self._update_bar()

    def action_next_match(self) -> None:
        self._step_match(1)

    def action_previous_match(self) -> None:
        self._step_match(-1)

    # --- copying, other articles, leaving ---

    def action_yank(self) -> None:
        from ..cite import cite_passage
        from .clipboard import copy_text

        passage = self.passage
        if passage is None and self.article is not None and 0 <= self.match_index < len(self.matches):
            number, start, end = self.matches[self.match_index]
            text = self.article.paragraph(number).text[start:end]
            passage = Passage(self.article.id, number, start, end, text, 0.0, False)
        if passage is None:
            self.notify("Nothing to cite here: open an event's passage, or search for the words to cite.", timeout=3)
            return
        copy_text(self.app, cite_passage(self.timeline, passage, self.badges.get(passage.article, "")), "Citation")

    def action_back(self) -> None:
        search = self.query_one("#reader-search", Input)
        if search.display:  # esc on the search line cancels it
            self.query_text = self._before_search
            self._close_search()
            self._find(keep_place=False)
            return
        if self.query_text:  # esc first ends a search, as it clears a highlight in less
            self.query_text = ""
            self._find(keep_place=False)
            return
        self.dismiss()
