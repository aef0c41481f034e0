"""The UI's shape: screens and widgets watch the app's state and post messages (the import contract in
pyproject.toml keeps them from importing the app)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, loaded, make_app, wait_until

from tui.filters import EventFilter


async def test_the_screen_follows_a_new_timeline_and_filter_posted_to_the_app() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        event_list = await loaded(app, pilot)
        assert app.timeline is not None and len(event_list.events) == len(app.timeline.events)
        app.filter = EventFilter(tags=frozenset({"rockets"}))
        await wait_until(pilot, lambda: len(event_list.events) < len(app.timeline.events), "the filtered list")
        assert event_list.events and all("rockets" in e.tags for e in event_list.events)
        app.filter = EventFilter()
        assert event_list.select_event("blinken-talks-will-continue")
        old = app.timeline
        app.load()  # the same files again: a new timeline object, the selection kept
        await wait_until(pilot, lambda: app.timeline is not old, "the new timeline")
        assert event_list.event is not None and event_list.event.id == "blinken-talks-will-continue"


def test_the_explorer_quits_at_once_after_its_first_frame() -> None:
    """Quitting while the screen lays itself out and the data loads ends the program (it once looped on resizes)."""
    probe = """
from pathlib import Path
from tui.app import TimelineApp
from tui.paths import DataPaths

class Probe(TimelineApp):
    def on_mount(self):
        super().on_mount()
        self.call_after_refresh(self.exit)

Probe(DataPaths(Path("events.yaml"), Path("corpus")), live_reload=False).run(headless=True)
print("quit")
"""
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.strip().endswith("quit"), result.stderr[-2000:]
