"""Snapshots of the reader (with a search in it) and of the search pop-up, at 80x24 and 120x40."""

from __future__ import annotations

import pytest
from test_snapshots import _in_root, app_for, settle  # noqa: F401  (_in_root: the same fixed folder)

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


@pytest.mark.parametrize("size", SIZES)
def test_reader_searching(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("colon", *"may 12", "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("slash", *"senators", "enter", "n")
        await settle(pilot)

    assert snap_compare(app_for(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_search_results(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("slash", *"khamenei")
        await settle(pilot)

    assert snap_compare(app_for(), terminal_size=size, run_before=run_before)
