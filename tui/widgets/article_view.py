"""An article's text with paragraph numbers in the margin and a highlighted passage (line API).

Lines are wrapped for the current width once, and only visible lines are drawn, so long articles scroll freely.
Boilerplate paragraphs are shown dimmed and labelled, never hidden: the text stays as received.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..model import Article, Passage
from ..textsafe import printable
from .event_detail import HIGHLIGHT
from .text_view import SCROLL_BINDINGS

MARGIN = 6  # "  12 │"


class ArticleView(ScrollView, can_focus=True):
    DEFAULT_CSS = """
    ArticleView { background: $surface; scrollbar-gutter: stable; }
    """
    BINDINGS = SCROLL_BINDINGS

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.passage: Passage | None = None
        self._lines: list[Strip] = []
        self._paragraph_line: dict[int, int] = {}  # paragraph number -> first line
        self._width = 0

    def show(self, article: Article, passage: Passage | None) -> None:
        self.article = article
        self.passage = passage
        self._width = 0
        self._layout()
        self.call_after_refresh(self.scroll_to_passage)

    def scroll_to_passage(self) -> None:
        if self.passage is None:
            self.scroll_home(animate=False)
            return
        line = self._paragraph_line.get(self.passage.paragraph, 0)
        self.scroll_to(y=max(0, line - 2), animate=False)

    def on_resize(self) -> None:
        self._layout()

    def _layout(self) -> None:
        width = self.scrollable_content_region.width
        if self.article is None or width <= 0 or width == self._width:
            return
        self._width = width
        console = self.app.console
        text_width = max(width - MARGIN - 2, 10)
        lines: list[Strip] = []
        self._paragraph_line = {}
        margin_style = Style(dim=True)
        base = self.rich_style
        for paragraph in self.article.paragraphs:
            self._paragraph_line[paragraph.number] = len(lines)
            body = Text(printable(paragraph.text), style=Style(dim=True, italic=True) if paragraph.boilerplate else "")
            if self.passage is not None and self.passage.paragraph == paragraph.number:
                body.stylize(HIGHLIGHT, self.passage.start, self.passage.end)
            wrapped = body.wrap(console, text_width)
            for index, line in enumerate(wrapped):
                number = f"{paragraph.number:>4} │ " if index == 0 else "     │ "
                row = Text(number, style=margin_style, end="", no_wrap=True)
                row.append_text(line)
                row.stylize_before(base)
                lines.append(Strip(row.render(console), row.cell_len))
            if paragraph.boilerplate:
                note = Text("     │ ", style=margin_style, end="")
                note.append("(marked as web boilerplate, not part of the article)", style="dim")
                lines.append(Strip(note.render(console), note.cell_len))
            lines.append(Strip.blank(0, base))
        self._lines = lines
        self.virtual_size = Size(0, len(lines))
        self.refresh()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        style = self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, style)
        return self._lines[index].crop_extend(scroll_x, scroll_x + width, style)
