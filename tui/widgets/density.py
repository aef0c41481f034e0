"""A one-line strip of events per day around the selected event, the selected day marked."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widget import Widget

from ..chronology import cluster_days, day_counts
from ..model import Event

BARS = " ▁▂▃▄▅▆▇█"


class DensityStrip(Widget):
    DEFAULT_CSS = """
    DensityStrip { height: 1; background: $panel; color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.events: Sequence[Event] = ()
        self.selected: Event | None = None

    def show(self, events: Sequence[Event], selected: Event | None) -> None:
        self.events = events
        self.selected = selected
        self.refresh()

    def render(self) -> Text:
        day_events = [e for e in self.events if e.date.precision in ("day", "week")]
        if not day_events:
            return Text(" No day-dated events", no_wrap=True)
        if self.selected is not None:  # the day-dated event nearest the selection (itself when day-dated)
            goal = self.selected.date.first_day
            around = min((e.date.first_day for e in day_events), key=lambda d: abs((d - goal).days))
        else:
            around = day_events[-1].date.first_day
        first, last = cluster_days(day_events, around)
        counts = day_counts(day_events, first, last)
        label = f" {first:%d %b}–{last:%d %b %Y} " if first != last else f" {first:%d %b %Y} "
        room = max(self.size.width - len(label) - 12, 1)
        days_per_cell = max(1, -(-len(counts) // room))
        cells = [sum(counts[i : i + days_per_cell]) for i in range(0, len(counts), days_per_cell)]
        peak = max(cells) or 1
        text = Text(label, no_wrap=True, style="bold")
        on_day = self.selected is not None and self.selected.date.precision in ("day", "week")
        selected_cell = (around - first).days // days_per_cell if on_day else -1
        for index, count in enumerate(cells):
            bar = BARS[round(count / peak * (len(BARS) - 1))] if count else "·"
            text.append(bar, style="reverse bold" if index == selected_cell else "")
        text.append(f"  max {max(counts)}/day" if days_per_cell == 1 else f"  {days_per_cell} days/cell")
        return text
