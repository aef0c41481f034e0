"""A one-line strip of events per day around the selected event, labelled with its range.

The selected event's day is marked, or every day of its week; an event dated only to a month or a year, or far
from any day-dated event, says so instead of showing an unrelated run of days.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from ..chronology import Density, group_label
from ..model import Event

BARS = " ▁▂▃▄▅▆▇█"
NEAR = 31  # days: further from the selected event, the strip says there is nothing to draw


class DensityStrip(Widget):
    DEFAULT_CSS = """
    DensityStrip { height: 1; background: $panel; color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.density = Density.of(())
        self.selected: Event | None = None

    def set_events(self, density: Density) -> None:
        self.density = density
        self.refresh()

    def select(self, selected: Event | None) -> None:
        self.selected = selected
        self.refresh()

    def render(self) -> Text:
        density, selected = self.density, self.selected
        if not density.days:
            return Text(" No day-dated events", no_wrap=True)
        if selected is None:
            run = density.run_around(density.days[-1])
        else:
            date = selected.date
            run = density.run_around(date.first_day, NEAR) or density.run_around(date.last_day, NEAR)
            if run is None:
                return Text(f" {group_label(date)}: no day-dated events within {NEAR} days", no_wrap=True)
        assert run is not None
        first, last = run
        if selected is not None and selected.date.precision == "week":  # its whole span, not its Monday
            first, last = min(first, selected.date.first_day), max(last, selected.date.last_day)
        counts = density.counts_between(first, last)
        label = f" {first:%d %b}–{last:%d %b %Y} " if first != last else f" {first:%d %b %Y} "
        room = max(self.size.width - len(label) - 14, 1)
        days_per_cell = max(1, -(-len(counts) // room))
        cells = [sum(counts[i : i + days_per_cell]) for i in range(0, len(counts), days_per_cell)]
        peak = max(cells) or 1
        text = Text(label, no_wrap=True, style="bold")
        marked = range(0)
        if selected is not None and selected.date.precision in ("day", "week"):
            marked = range(
                (selected.date.first_day - first).days // days_per_cell,
                (selected.date.last_day - first).days // days_per_cell + 1,
            )
        for index, count in enumerate(cells):
            bar = BARS[round(count / peak * (len(BARS) - 1))] if count else "·"
            text.append(bar, style="reverse bold" if index in marked else "")
        text.append(f"  max {max(counts)}/day" if days_per_cell == 1 else f"  {days_per_cell} days/cell")
        return text
