"""Snapshots of the main screens, reviewed like code (pytest --snapshot-update to accept changes).

The screens a user moves through on the timeline are taken at 80x24, the smallest terminal the explorer is made
for, and at 120x40; the others at 100x30.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import ROOT, settle, wait_until

from tui.app import TimelineApp
from tui.paths import DataPaths

SIZE = (100, 30)


@pytest.fixture(autouse=True)
def _in_root(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(ROOT)  # relative paths in the error screen stay the same everywhere
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))


def app_for(events: str = "events.yaml", corpus: str = "corpus") -> TimelineApp:
    return TimelineApp(DataPaths(Path(events), Path(corpus)), live_reload=False)


async def settled(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot.app, pilot)


def test_timeline_screen(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settled(pilot)
        await pilot.press("colon", *"may 12", "enter")
        await settled(pilot)

    assert snap_compare(app_for(), terminal_size=SIZE, run_before=run_before)


def test_reader_screen(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settled(pilot)
        await pilot.press("colon", *"may 17", "enter")
        await settled(pilot)
        await pilot.press("enter")
        await settled(pilot)

    assert snap_compare(app_for(), terminal_size=SIZE, run_before=run_before)


def test_search_screen(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settled(pilot)
        await pilot.press("slash", *"khameini")
        await settled(pilot)

    assert snap_compare(app_for(), terminal_size=SIZE, run_before=run_before)


def test_error_screen(snap_compare) -> None:  # type: ignore[no-untyped-def]
    broken = os.path.join("tests", "data", "broken")
    app = app_for(os.path.join(broken, "events.yaml"), os.path.join(broken, "corpus"))
    assert snap_compare(app, terminal_size=SIZE, run_before=settled)


SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
ON_THE_TIMELINE = {  # what to press, from the timeline on 12 May, to show each screen
    "timeline": (),
    "detail_focus": ("tab", "j", "j"),
    "go_to_date": ("colon", *"mid-may"),
    "filters": ("f", "j", "space"),
    "help": ("question_mark",),
    "articles": ("o", "j"),
    "review": ("r", "j"),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", list(ON_THE_TIMELINE))
def test_timeline_screens(snap_compare, screen: str, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settled(pilot)
        await pilot.press("colon", *"may 12", "enter")
        await settled(pilot)
        await pilot.press(*ON_THE_TIMELINE[screen])
        await settled(pilot)

    assert snap_compare(app_for(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_reader_searching(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settled(pilot)
        await pilot.press("colon", *"may 12", "enter")
        await settled(pilot)
        await pilot.press("enter")
        await settled(pilot)
        await pilot.press("slash", *"senators", "enter", "n")
        await settled(pilot)

    assert snap_compare(app_for(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_search_results(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settled(pilot)
        await pilot.press("slash", *"khamenei")
        await settled(pilot)

    assert snap_compare(app_for(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_error_screens(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    broken = os.path.join("tests", "data", "broken")
    app = app_for(os.path.join(broken, "events.yaml"), os.path.join(broken, "corpus"))
    assert snap_compare(app, terminal_size=size, run_before=settled)


@pytest.mark.parametrize("size", SIZES)
def test_reload_banner(snap_compare, data_dir: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    events = data_dir / "events.yaml"

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settled(pilot)
        await pilot.press("colon", *"may 12", "enter")
        await settled(pilot)
        events.write_text(events.read_text().replace("date: 2021-05-12", "date: 2021-13-12", 1))
        pilot.app.load()
        await wait_until(pilot, lambda: pilot.app.main.query_one("#banner").display, "the reload banner")
        await settled(pilot)

    app = TimelineApp(DataPaths(events, data_dir / "corpus"), live_reload=False)
    assert snap_compare(app, terminal_size=size, run_before=run_before)
