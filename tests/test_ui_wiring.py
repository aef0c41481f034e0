"""The UI's shape: screens and widgets depend on the state they watch and the messages they post, never on the app."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest
from conftest import ROOT

from tui.app import TimelineApp
from tui.filters import EventFilter
from tui.paths import DataPaths
from tui.widgets.event_list import EventList

UI_PARTS = sorted([*(ROOT / "tui" / "screens").glob("*.py"), *(ROOT / "tui" / "widgets").glob("*.py")])


def imported_modules(path) -> set[str]:  # type: ignore[no-untyped-def]
    """Every module a file imports, relative imports resolved from the `tui` package, even under TYPE_CHECKING."""
    package = "tui." + path.parent.name
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = f"{base}.{node.module}" if base and node.module else base or node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


@pytest.mark.parametrize("path", UI_PARTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_screens_and_widgets_never_import_the_app(path) -> None:  # type: ignore[no-untyped-def]
    assert "tui.app" not in imported_modules(path)


def test_the_import_check_sees_relative_imports() -> None:
    timeline_screen = ROOT / "tui" / "screens" / "timeline.py"
    assert {"tui.messages", "tui.widgets.event_list"} <= imported_modules(timeline_screen)


async def test_the_screen_follows_a_new_timeline_and_filter_posted_to_the_app() -> None:
    app = TimelineApp(DataPaths(ROOT / "events.yaml", ROOT / "corpus"), watch=False)
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

Probe(DataPaths(Path("events.yaml"), Path("corpus")), watch=False).run(headless=True)
print("quit")
"""
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.strip().endswith("quit"), result.stderr[-2000:]
