"""The chronology list: a line-API widget, so 10,000 events scroll and move as fast as 10.

Only the visible lines are rendered, each from a precomputed `Row`, and rendered lines are cached.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Collection, Mapping, Sequence

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..chronology import Row
from ..model import Event
from ..textsafe import printable
from .count import CountPrefix
from .keys import LIST_BINDINGS
from .segments import styled


class EventList(CountPrefix, ScrollView, can_focus=True):
    """Group headers and event rows; the cursor moves over events only."""

    COMPONENT_CLASSES = {
        "event-list--header",
        "event-list--cursor",
        "event-list--marker",
        "event-list--curated",
        "event-list--corroborating",
        "event-list--empty",
        "event-list--mark",
    }
    DEFAULT_CSS = """
    EventList { background: $surface; scrollbar-gutter: stable; }
    EventList > .event-list--header { color: $accent; text-style: bold; }
    EventList > .event-list--cursor { background: $block-cursor-blurred-background; }
    EventList:focus > .event-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    EventList > .event-list--marker { color: $text-muted; }
    EventList > .event-list--curated { color: $success; text-style: bold; }
    EventList > .event-list--corroborating { color: $text-muted; text-style: italic; }
    EventList > .event-list--empty { color: $text-muted; text-style: italic; }
    EventList > .event-list--mark { color: $warning; text-style: bold; }
    """
    BINDINGS = [
        *LIST_BINDINGS,
        Binding("ctrl+d", "half_page_down", "Half a page down", show=False),
        Binding("ctrl+u", "half_page_up", "Half a page up", show=False),
        Binding("d", "next_day", "Next day", show=False),
        Binding("D", "previous_day", "Previous day", show=False),
    ]

    class Highlighted(Message):
        """The cursor moved to `event` (None when the list is empty)."""

        def __init__(self, event: Event | None) -> None:
            self.event = event
            super().__init__()

    class Resized(Message):
        """The list's window changed size (the screen may lay its rows out anew)."""

    class Chosen(Message):
        """The user asked to open `event` (a double click; the screen's enter posts it too)."""

        def __init__(self, event: Event) -> None:
            self.event = event
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Row] = []
        self.event_rows: list[int] = []  # row index of each event, in order
        self.badges: Mapping[str, tuple[list[str], list[str]]] = {}  # event id -> (curated, corroborating)
        self.cursor = 0  # index into event_rows
        self.marked: Collection[str] = frozenset()  # ids of the events the user marked
        self.empty_message = "No events."
        self._cache: LRUCache[tuple[int, int, bool], Strip] = LRUCache(1024)
        self._styles: dict[str, Style] = {}

    @property
    def event(self) -> Event | None:
        if not self.event_rows:
            return None
        return self.rows[self.event_rows[self.cursor]].event

    @property
    def events(self) -> list[Event]:
        return [self.rows[i].event for i in self.event_rows]  # type: ignore[misc]

    def set_rows(
        self,
        rows: Sequence[Row],
        badges: Mapping[str, tuple[list[str], list[str]]],
        select: str | None = None,
        empty_message: str = "No events.",
    ) -> None:
        """Show new rows, keeping the cursor on event `select` if it is there (else on the first event)."""
        self.rows = list(rows)
        self.event_rows = [i for i, row in enumerate(self.rows) if row.event is not None]
        self.badges = badges
        self.empty_message = empty_message
        self._cache.clear()
        self.virtual_size = Size(0, max(len(self.rows), 1))
        ids = [self.rows[i].event.id for i in self.event_rows]  # type: ignore[union-attr]
        self.cursor = ids.index(select) if select in ids else 0
        self.refresh()
        self.call_after_refresh(self.scroll_to_cursor, center=True)
        self.post_message(self.Highlighted(self.event))

    def select_index(self, index: int, center: bool = False) -> None:
        if not self.event_rows:
            return
        index = max(0, min(index, len(self.event_rows) - 1))
        if index == self.cursor:
            return
        old_row = self.event_rows[self.cursor]
        self.cursor = index
        self._refresh_row(old_row)
        self._refresh_row(self.event_rows[index])
        self.scroll_to_cursor(center)
        self.post_message(self.Highlighted(self.event))

    def set_marked(self, marked: Collection[str]) -> None:
        self.marked = marked
        self._cache.clear()
        self.refresh()

    def step_to(self, wanted: Collection[str], step: int) -> bool | None:
        """Move to the next (step 1) or previous (-1) event in `wanted`, wrapping around the list.

        Returns whether it wrapped, or None when no listed event is wanted.
        """
        count = len(self.event_rows)
        for distance in range(1, count + 1):
            index = (self.cursor + step * distance) % count
            event = self.rows[self.event_rows[index]].event
            if event is not None and event.id in wanted:
                wrapped = not 0 <= self.cursor + step * distance < count
                self.select_index(index, center=True)
                return wrapped
        return None

    def select_event(self, event_id: str) -> bool:
        for index, row_index in enumerate(self.event_rows):
            event = self.rows[row_index].event
            if event is not None and event.id == event_id:
                self.select_index(index, center=True)
                return True
        return False

    def scroll_to_cursor(self, center: bool = False) -> None:
        if not self.event_rows:
            return
        row = self.event_rows[self.cursor]
        top = self.scroll_offset.y
        height = max(self.size.height, 1)
        # keep the group header in view when the cursor is on a group's first event
        wanted_top = row - 1 if row > 0 and self.rows[row - 1].event is None else row
        if center:
            self.scroll_to(y=max(0, row - height // 2), animate=False)
        elif wanted_top < top:
            self.scroll_to(y=wanted_top, animate=False)
        elif row >= top + height:
            self.scroll_to(y=row - height + 1, animate=False)

    def _refresh_row(self, row: int) -> None:
        self.refresh(Region(0, row - self.scroll_offset.y, self.scrollable_content_region.width, 1))

    def on_resize(self) -> None:
        self._cache.clear()
        self.virtual_size = Size(0, max(len(self.rows), 1))
        self.call_after_refresh(self.scroll_to_cursor)  # a smaller window keeps the selected event in view
        self.post_message(self.Resized())

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()
        self._styles.clear()

    def _style(self, component: str = "") -> Style:
        """The widget's style, or a component's over it; looked up once per style change, not once per line."""
        style = self._styles.get(component)
        if style is None:
            style = self.rich_style
            if component:
                style = style + self.get_component_rich_style(component)
            self._styles[component] = style
        return style

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        base = self._style()
        if not self.rows:
            if y == 0:
                text = Text(self.empty_message, style=self._style("event-list--empty"))
                return Strip(styled(text, self.app.console)).crop_extend(0, width, base)
            return Strip.blank(width, base)
        if index >= len(self.rows):
            return Strip.blank(width, base)
        selected = bool(self.event_rows) and index == self.event_rows[self.cursor]
        key = (index, width, selected)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_row(self.rows[index], width, selected, base)
            self._cache[key] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, base)

    def _render_row(self, row: Row, width: int, selected: bool, base: Style) -> Strip:
        console = self.app.console
        if row.event is None:
            style = self._style("event-list--header")
            text = Text(f" {row.label}" if row.label else "", style=style, no_wrap=True, end="")
            text.truncate(width, pad=True)
            return Strip(styled(text, console), width)
        event = row.event
        line_style = self._style("event-list--cursor") if selected else base
        curated, corroborating = self.badges.get(event.id, ([], []))
        badges = Text(no_wrap=True, end="")
        for badge in curated:
            badges.append(f" {badge}", self._style("event-list--curated"))
        for badge in corroborating:
            badges.append(f" {badge.lower()}?", self._style("event-list--corroborating"))  # a suggestion
        badges.append(" ")
        marker = Text(f" {row.marker:<8}", style=self._style("event-list--marker"))
        if event.id in self.marked:
            marker = Text.assemble(("▌", self._style("event-list--mark")), marker[1:])
        title_width = max(width - marker.cell_len - badges.cell_len - 1, 4)
        title = Text(printable(event.title), no_wrap=True, end="", overflow="ellipsis")
        title.truncate(title_width, overflow="ellipsis", pad=True)
        line = Text.assemble(marker, " ", title, badges, style=base, no_wrap=True, end="")
        line.truncate(width, pad=True)
        if selected:  # over the parts' own styles, so the whole row shows the cursor
            line.stylize(line_style)
        return Strip(line.render(console), line.cell_len)

    # --- actions and mouse ---

    def action_cursor_down(self) -> None:
        self.select_index(self.cursor + self.repeat())

    def action_cursor_up(self) -> None:
        self.select_index(self.cursor - self.repeat())

    def action_first(self) -> None:
        self.select_index(0)

    def action_last(self) -> None:
        self.select_index(len(self.event_rows) - 1)

    def _page(self, direction: int, lines: int) -> None:
        if not self.event_rows:
            return
        target_row = self.event_rows[self.cursor] + direction * max(lines, 1) * self.repeat()
        self.select_index(bisect_left(self.event_rows, target_row) if direction > 0 else self._at_or_before(target_row))

    def _at_or_before(self, row: int) -> int:
        return max(bisect_right(self.event_rows, row) - 1, 0)

    def action_page_down(self) -> None:
        self._page(1, self.size.height - 1)

    def action_page_up(self) -> None:
        self._page(-1, self.size.height - 1)

    def action_half_page_down(self) -> None:
        self._page(1, self.size.height // 2)

    def action_half_page_up(self) -> None:
        self._page(-1, self.size.height // 2)

    def _day_of(self, index: int) -> object:
        event = self.rows[self.event_rows[index]].event
        return (event.date.first_day, event.date.precision) if event else None

    def action_next_day(self) -> None:
        here = self._day_of(self.cursor) if self.event_rows else None
        for index in range(self.cursor + 1, len(self.event_rows)):
            if self._day_of(index) != here:
                self.select_index(index)
                return

    def _group_start(self, index: int) -> int:
        here = self._day_of(index)
        while index > 0 and self._day_of(index - 1) == here:
            index -= 1
        return index

    def action_previous_day(self) -> None:
        if not self.event_rows:
            return
        start = self._group_start(self.cursor)
        if start > 0:
            self.select_index(self._group_start(start - 1))

    def on_click(self, click: events.Click) -> None:
        row = click.y + self.scroll_offset.y
        if row in self.event_rows:
            self.select_index(self.event_rows.index(row))
            if click.chain >= 2 and self.event is not None:
                self.post_message(self.Chosen(self.event))
