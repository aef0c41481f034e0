"""A one-line strip of events per day around the selected event, the selected day marked."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from ..chronology import Density
from ..model import Event

BARS = " ▁▂▃▄▅▆▇█"


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
        density = self.density
        if not density.days:
            return Text(" No day-dated events", no_wrap=True)
        goal = self.selected.date.first_day if self.selected is not None else density.days[-1]
        run = density.run_around(goal)
        assert run is not None
        first, last = run
        counts = density.counts_between(first, last)
        label = f" {first:%d %b}–{last:%d %b %Y} " if first != last else f" {first:%d %b %Y} "
        room = max(self.size.width - len(label) - 14, 1)
        days_per_cell = max(1, -(-len(counts) // room))
        cells = [sum(counts[i : i + days_per_cell]) for i in range(0, len(counts), days_per_cell)]
        peak = max(cells) or 1
        text = Text(label, no_wrap=True, style="bold")
        on_day = self.selected is not None and self.selected.date.precision in ("day", "week")
        selected_cell = (goal - first).days // days_per_cell if on_day else -1
        for index, count in enumerate(cells):
            bar = BARS[round(count / peak * (len(BARS) - 1))] if count else "·"
            text.append(bar, style="reverse bold" if index == selected_cell else "")
        text.append(f"  max {max(counts)}/day" if days_per_cell == 1 else f"  {days_per_cell} days/cell")
        return text
