"""A scrollable block of rich Text drawn with the line API.

Setting new text re-wraps it for the current width and repaints this widget only: no layout pass of the screen,
so a pane that changes on every cursor move stays cheap.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .count import CountPrefix
from .segments import styled

SCROLL_BINDINGS = [  # the reading keys of every scrollable text of the explorer
    Binding("down,j", "scroll_down", "Down", show=False),
    Binding("up,k", "scroll_up", "Up", show=False),
    Binding("home,g", "scroll_home", "Top", show=False),
    Binding("end,G", "scroll_end", "Bottom", show=False),
    Binding("pagedown,space", "page_down", "Page down", show=False),
    Binding("pageup,b", "page_up", "Page up", show=False),
]


HALF_PAGE_BINDINGS = [
    Binding("ctrl+d", "half_page_down", "Half a page down", show=False),
    Binding("ctrl+u", "half_page_up", "Half a page up", show=False),
]


class TextView(CountPrefix, ScrollView, can_focus=True):
    DEFAULT_CSS = """
    TextView { background: $surface; overflow-y: scroll; padding: 0 1; }
    """
    BINDINGS = [*SCROLL_BINDINGS, *HALF_PAGE_BINDINGS]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = Text()
        self._base = Style()  # the widget's style, looked up once per wrap rather than once per line
        self._lines: list[Strip] = []
        self._width = 0

    @property
    def plain(self) -> str:
        """The text shown, without styles (what a test or a copy wants)."""
        return self.text.plain

    def set_text(self, text: Text) -> None:
        self.text = text
        self._width = 0
        self._wrap()
        self.scroll_to(y=0, animate=False)
        self.refresh()

    def on_resize(self) -> None:
        self._wrap()

    def _wrap(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0 or width == self._width:
            return
        self._width = width
        console = self.app.console
        base = self._base = self.rich_style
        lines = []
        for line in self.text.wrap(console, width):
            line.end = ""
            line.style = base
            lines.append(Strip(styled(line, console), line.cell_len))
        self._lines = lines
        self._set_height(len(lines))
        self.refresh()

    def _set_height(self, height: int) -> None:
        """Set the scrollable height without a layout pass of the whole screen.

        The vertical scrollbar is always shown (overflow-y: scroll), so a new height changes no layout: only this
        widget's content and its scrollbar's thumb need repainting.
        """
        self.set_reactive(TextView.virtual_size, Size(0, height))
        scrollbar = self.vertical_scrollbar
        scrollbar.window_virtual_size = height
        scrollbar.window_size = self.scrollable_content_region.height
        scrollbar.refresh()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        if index >= len(self._lines):
            return Strip.blank(width, self._base)
        return self._lines[index].crop_extend(scroll_x, scroll_x + width, self._base)

    # --- moving: a count typed before the key repeats it ---

    def _scroll_lines(self, lines: int) -> None:
        self.scroll_relative(y=lines * self.repeat(), animate=False)

    def action_scroll_down(self) -> None:
        self._scroll_lines(1)

    def action_scroll_up(self) -> None:
        self._scroll_lines(-1)

    def action_half_page_down(self) -> None:
        self._scroll_lines(max(self.scrollable_content_region.height // 2, 1))

    def action_half_page_up(self) -> None:
        self._scroll_lines(-max(self.scrollable_content_region.height // 2, 1))
