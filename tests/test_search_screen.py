"""The search pop-up: counts said in good English, and every row readable."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from conftest import WAIT_LIMIT, make_app, notices, rendered, settle, wait_until
from textual.widgets import OptionList

from tui.screens.search import SearchScreen, result_label
from tui.search import EventResult


async def searched(query: str, check: Callable[[SearchScreen], None]) -> None:
    """Type `query` in the search pop-up at 80x24, then `check` the pop-up once its results are shown."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *query)
        await settle(app, pilot)
        assert isinstance(app.screen, SearchScreen)
        check(app.screen)


async def test_one_result_is_said_in_the_singular() -> None:
    def check(screen: SearchScreen) -> None:
        assert len(screen.results) == 1
        assert rendered(screen.query_one("#search-status")).strip() == "1 result"

    await searched("Bibi", check)


def test_an_event_row_has_a_space_between_date_and_title() -> None:
    for date in ("2021-05-12", "2021-05-12~", "2021-W19~"):
        label = result_label(EventResult("Letter", 90.0, "x", date, "title"), {}).plain
        assert f"{date} " in label and label.rstrip().endswith(" Letter")


async def test_the_pop_up_ranks_names_over_lookalikes_and_spaces_every_date() -> None:
    def check(screen: SearchScreen) -> None:
        assert screen.results[0].kind == "actor" and screen.results[0].id == "ali-khamenei"
        options = screen.query_one("#search-results", OptionList)
        rows = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert not any("Atta Kenare" in row for row in rows)
        events = [(r, row) for r, row in zip(screen.results, rows, strict=True) if r.kind == "event"]
        assert events and all(f"{r.date} " in row for r, row in events)  # type: ignore[union-attr]

    await searched("khamenai", check)


async def test_the_timeline_is_shown_before_its_search_index_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    """Browsing needs no search index: it is built in a worker once the timeline is on screen, and `/` says so
    until then; the worker is not described by the timeline's repr, which would cost the UI thread seconds."""
    import tui.search

    gate = threading.Event()
    build = tui.search.SearchIndex.__init__

    def held(self: tui.search.SearchIndex, *args: Any) -> None:
        gate.wait(WAIT_LIMIT)
        build(self, *args)

    monkeypatch.setattr(tui.search.SearchIndex, "__init__", held)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.timeline is not None, "the timeline")
        assert app.search_index is None
        assert any(w.group == "index" for w in app.workers)
        assert all("Timeline(" not in w.description for w in app.workers)
        await pilot.press("slash")
        assert not isinstance(app.screen, SearchScreen)
        assert "Still loading; search is ready in a moment." in notices(app)
        gate.set()
        await wait_until(pilot, lambda: app.search_index is not None, "the search index")
        assert app.timeline is not None and app.search_index is app.timeline.search_index
        await pilot.press("slash", *"Bibi")
        await settle(app, pilot)
        assert isinstance(app.screen, SearchScreen) and len(app.screen.results) == 1
