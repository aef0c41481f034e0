"""vim's count prefix for a scrolling widget: digits typed before a move repeat it ("5j" moves five)."""

from __future__ import annotations

from textual import events

MAX_COUNT = 9999


class CountPrefix:
    """Mixed into a widget: `repeat()` is the count typed before the key being handled (1 when none)."""

    _typed = 0
    _count = 1

    def on_key(self, event: events.Key) -> None:
        # Keys reach the focused widget before its bindings run, so the count is settled before the action asks.
        digit = event.character if event.character is not None and event.character in "0123456789" else None
        if digit is not None and (self._typed or digit != "0"):
            self._typed = min(self._typed * 10 + int(digit), MAX_COUNT)
            event.stop()
        else:
            self._count, self._typed = self._typed or 1, 0

    def repeat(self) -> int:
        count, self._count = self._count, 1
        return count
