"""The UI's shape: screens and widgets watch the app's state and post messages (the import contract in
pyproject.toml keeps them from importing the app)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

from tui.app import TimelineApp
from tui.filters import EventFilter
from tui.paths import DataPaths
from tui.widgets.event_list import EventList


async def test_the_screen_follows_a_new_timeline_and_filter_posted_to_the_app() -> None:
    app = TimelineApp(DataPaths(ROOT / "events.yaml", ROOT / "corpus"), live_reload=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        event_list = app.main.query_one(EventList)
        assert app.timeline is not None and len(event_list.events) == len(app.timeline.events)
        app.filter = EventFilter(tags=frozenset({"rockets"}))
        await pilot.pause()
        assert event_list.events and all("rockets" in e.tags for e in event_list.events)
        app.filter = EventFilter()
        event_list.select_event("blinken-talks-will-continue")
        app.load()  # the same files again: a new timeline object, the selection kept
        old = app.timeline
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.timeline is not old
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
