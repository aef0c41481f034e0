"""An article's text with paragraph numbers in the margin, a highlighted passage and search matches (line API).

Lines are wrapped for the current width once, and only visible lines are drawn, so long articles scroll freely.
Boilerplate paragraphs are shown dimmed and labelled, never hidden: the text stays as received.
"""

from __future__ import annotations

from bisect import bisect_right

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
MATCH = "underline black on cyan"  # every match of a search in the article (underlined: seen under NO_COLOR too)
CURRENT_MATCH = "bold underline white on magenta"  # the one n/N stepped to: bold tells it under NO_COLOR

Match = tuple[int, int, int]  # paragraph number, start and end offsets in its text


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
        self.matches: list[Match] = []
        self.current = -1  # index into matches of the current one, -1 for none
        self._match_line: list[int] = []  # the line each match starts on
        self._width = 0

    def show(self, article: Article, passage: Passage | None) -> None:
        self.article = article
        self.passage = passage
        self.matches, self.current = [], -1
        self._width = 0
        self._layout()
        self.call_after_refresh(self.scroll_to_passage)

    def show_matches(self, matches: list[Match], current: int) -> None:
        """Highlight every match, `current` more strongly, and bring the current one into view."""
        self.matches, self.current = matches, current
        self._width = 0
        self._layout()
        if 0 <= current < len(self._match_line):
            line = self._match_line[current]
            top, height = self.scroll_offset.y, max(self.scrollable_content_region.height, 1)
            if not top <= line < top + height:
                self.scroll_to(y=max(0, line - height // 3), animate=False)

    @property
    def top_paragraph(self) -> int:
        """The number of the paragraph at the top of the view (where a new search starts)."""
        top = self.scroll_offset.y
        return max((n for n, line in self._paragraph_line.items() if line <= top), default=1)

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
        by_paragraph: dict[int, list[tuple[int, int, int]]] = {}
        for index, (number, start, end) in enumerate(self.matches):
            by_paragraph.setdefault(number, []).append((index, start, end))
        self._match_line = [0] * len(self.matches)
        for paragraph in self.article.paragraphs:
            self._paragraph_line[paragraph.number] = len(lines)
            body = Text(printable(paragraph.text), style=Style(dim=True, italic=True) if paragraph.boilerplate else "")
            if self.passage is not None and self.passage.paragraph == paragraph.number:
                body.stylize(HIGHLIGHT, self.passage.start, self.passage.end)
            found = by_paragraph.get(paragraph.number, [])
            for index, start, end in found:
                body.stylize(CURRENT_MATCH if index == self.current else MATCH, start, end)
            wrapped = body.wrap(console, text_width)
            if found:
                starts, position = [], 0  # the text offset each wrapped line starts at
                for line in wrapped:
                    at = body.plain.find(line.plain, position)
                    position = position if at < 0 else at  # a tab expanded by the wrap: keep the estimate
                    starts.append(position)
                    position += len(line.plain)
                for index, start, _end in found:
                    self._match_line[index] = len(lines) + max(0, bisect_right(starts, start) - 1)
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
