"""Snapshots of the main screens at 100x30, reviewed like code (pytest --snapshot-update to accept changes)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import ROOT, settle

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
