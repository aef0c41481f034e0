"""Tiny and changing terminals: every screen opens, draws and closes at 40x10 (and smaller), and resizing while
the data loads leaves a working explorer."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BUNDLED, drawn, settle
from textual.command import CommandPalette
from textual.pilot import Pilot

from tui.app import TimelineApp
from tui.paths import DataPaths
from tui.screens.articles import ArticlesScreen
from tui.screens.errors import ErrorScreen
from tui.screens.filters import FilterScreen
from tui.screens.goto import GotoScreen
from tui.screens.help import HelpScreen
from tui.screens.reader import ReaderScreen
from tui.screens.search import SearchScreen
from tui.screens.timeline import TimelineScreen
from tui.widgets.event_list import EventList

SCREENS: list[tuple[tuple[str, ...], type]] = [
    (("j",), TimelineScreen),
    (("enter",), ReaderScreen),
    (("question_mark",), HelpScreen),
    (("slash", *"khamenei"), SearchScreen),
    (("colon", *"may 12"), GotoScreen),
    (("f",), FilterScreen),
    (("o",), ArticlesScreen),
    (("ctrl+p",), CommandPalette),
]


async def visit_every_screen(app: TimelineApp, pilot: Pilot[None], sizes: tuple[tuple[int, int], ...]) -> None:
    """Open each screen, draw it at each size, and come back to the chronology."""
    height = app.size.height
    await settle(app, pilot)
    for keys, screen in SCREENS:
        await pilot.press(*keys)
        await settle(app, pilot)
        assert isinstance(app.screen, screen)
        assert len(drawn(app).splitlines()) == height
        for width, rows in sizes:
            await pilot.resize_terminal(width, rows)
            await pilot.pause()
            assert isinstance(app.screen, screen), (width, rows)
            drawn(app)
        while not isinstance(app.screen, TimelineScreen):
            await pilot.press("escape")
            await pilot.pause()
        assert app.main.query_one(EventList).event is not None


async def test_every_screen_at_40x10_and_smaller() -> None:
    app = TimelineApp(BUNDLED, live_reload=False)
    async with app.run_test(size=(40, 10)) as pilot:
        await visit_every_screen(app, pilot, ((4, 5), (40, 10)))


async def test_every_screen_without_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    """NO_COLOR: the explorer draws in monochrome; every line it draws must carry a style to reduce."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = TimelineApp(BUNDLED, live_reload=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await visit_every_screen(app, pilot, ())
        await pilot.press("g")
        header = app.main.query_one(EventList).render_line(0)
        assert header.text.strip() == "1983" and all(s.style is not None and s.style.bold for s in header)


async def test_the_error_screen_at_40x10(data_dir: Path) -> None:
    events = data_dir / "events.yaml"
    events.write_text(events.read_text().replace("date: 2021-05-12", "date: 2021-02-30", 1))
    app = TimelineApp(DataPaths(events, data_dir / "corpus"), live_reload=False)
    async with app.run_test(size=(40, 10)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, ErrorScreen)
        assert "2021" in drawn(app)
        await pilot.resize_terminal(12, 3)
        await pilot.press("end", "pagedown")
        await settle(app, pilot)
        drawn(app)


async def test_resizing_while_the_data_loads() -> None:
    app = TimelineApp(BUNDLED, live_reload=False)
    async with app.run_test(size=(40, 10)) as pilot:
        for width, height in ((120, 40), (1, 1), (80, 24)):  # before the load worker has finished
            await pilot.resize_terminal(width, height)
        await settle(app, pilot)
        event_list = app.main.query_one(EventList)
        assert event_list.event is not None and app.main.has_class("narrow")
        assert "events" in drawn(app)


async def test_the_events_file_vanishing_or_becoming_a_folder_while_open(data_dir: Path) -> None:
    events = data_dir / "events.yaml"
    original = events.read_bytes()
    app = TimelineApp(DataPaths(events, data_dir / "corpus"), live_reload=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        selected = app.main.query_one(EventList).event
        events.unlink()
        app._poll()
        await settle(app, pilot)
        assert "1 problem" in drawn(app) and app.main.query_one(EventList).event == selected
        events.mkdir()
        app._poll()
        await settle(app, pilot)
        assert any("is a folder" in p.message for p in app.reload_problems)
        events.rmdir()
        events.write_bytes(original)
        app._poll()
        await settle(app, pilot)
        assert not app.reload_problems and not app.main.query_one("#banner").display
