"""The search pop-up: counts said in good English, and every row readable."""

from __future__ import annotations

from collections.abc import Callable

from conftest import make_app, rendered, settle
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
