"""The timeline's keys for people who live in vim and less: marks, n/N after a search, copying citations."""

from __future__ import annotations

from pathlib import Path

from conftest import lines_of, loaded, make_app, notice_list, notices, settle
from textual.widgets import Static

from tui.filters import EventFilter
from tui.marks import marks_path
from tui.paths import DataPaths
from tui.screens.search import SearchScreen

LETTER = "senators-letter-end-iran-talks"


async def test_marks_toggle_jump_filter_and_last_across_runs(data_dir: Path) -> None:
    paths = DataPaths(data_dir / "events.yaml", data_dir / "corpus")
    before = (data_dir / "events.yaml").read_bytes()
    app = make_app(paths)
    async with app.run_test(size=(80, 24)) as pilot:
        event_list = await loaded(app, pilot)
        await pilot.press("g", "m", "j", "j", "j", "m")
        first, second = event_list.events[0].id, event_list.events[3].id
        assert app.marks.ids == {first, second}
        assert (
            event_list.render_line(event_list.event_rows[event_list.cursor] - event_list.scroll_offset.y).text[0] == "▌"
        )
        await pilot.press("apostrophe")  # next mark, wrapping around to the first
        assert event_list.event is not None and event_list.event.id == first
        assert any("wrapped" in n for n in notices(app))
        await pilot.press("apostrophe")
        assert event_list.event.id == second
        await pilot.press("M")
        assert event_list.event.id == first
        await pilot.press("asterisk")  # marked only
        assert [e.id for e in event_list.events] == [first, second]
        assert "marked only" in app.filter.describe()
        await pilot.press("m")  # unmarking in the marked-only view takes the event out
        assert [e.id for e in event_list.events] == [second]
        await pilot.press("asterisk")
        assert len(event_list.events) > 2
    again = make_app(paths)
    async with again.run_test(size=(80, 24)) as pilot:
        await loaded(again, pilot)
        assert again.marks.ids == {second}
    assert (data_dir / "events.yaml").read_bytes() == before
    assert marks_path(paths.events).is_file()


async def test_a_broken_marks_file_is_said_and_the_explorer_works(data_dir: Path) -> None:
    paths = DataPaths(data_dir / "events.yaml", data_dir / "corpus")
    path = marks_path(paths.events)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x00{ broken")
    app = make_app(paths)
    async with app.run_test(size=(80, 24)) as pilot:
        event_list = await loaded(app, pilot)
        assert any("marks file unreadable" in n for n in notices(app))
        await pilot.press("m")
        assert event_list.event is not None and app.marks.ids == {event_list.event.id}
    assert path.with_name(path.name + ".broken").read_bytes() == b"\x00{ broken"


async def test_n_and_N_repeat_the_last_search_in_the_timeline() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        event_list = await loaded(app, pilot)
        await pilot.press("n")
        assert any("press / to search" in n for n in notices(app))
        await pilot.press("slash", *"khamenei")
        await settle(app, pilot)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("escape")
        await pilot.pause()
        found = app.main.found_events()
        assert found and "ali-khamenei" not in found  # events, not the actor
        ids = [e.id for e in event_list.events]
        here = event_list.cursor
        in_order = sorted(found, key=ids.index)
        expected = [i for i in in_order if ids.index(i) > here] + [i for i in in_order if ids.index(i) <= here]
        stops = []
        for _ in range(len(found) + 1):
            await pilot.press("n")
            assert event_list.event is not None
            stops.append(event_list.event.id)
        assert stops == [*expected, expected[0]]  # in list order from the cursor on, wrapping around
        await pilot.press("N")
        assert event_list.event.id == stops[-2]


async def test_y_copies_a_citation_and_Y_the_event_as_markdown() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        event_list = await loaded(app, pilot)
        assert event_list.select_event(LETTER)
        await pilot.press("y")
        assert app.clipboard.startswith("SEN ¶")
        assert ", Tue 18 May 2021: '" in app.clipboard
        await pilot.press("Y")
        assert app.clipboard.startswith("## 12 May 2021: Republican senators")
        assert f"- Id: `{LETTER}`" in app.clipboard


async def test_the_title_bar_names_the_filtered_actors_and_ends_with_an_ellipsis() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        actors = frozenset({"ali-khamenei", "benjamin-netanyahu", "antony-blinken", "joe-biden"})
        app.filter = EventFilter(actors=actors, tags=frozenset({"vienna-talks"}))
        await pilot.pause()
        (line,) = lines_of(app.main.query_one("#title-bar", Static))
        assert "Ali Khamenei" in line and "ali-khamenei" not in line
        assert line.rstrip().endswith("…")


async def test_the_palette_offers_marks_and_copies() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        event_list = await loaded(app, pilot)
        commands = {c.title: c for c in app.get_system_commands(app.main)}
        assert {"Copy a citation", "Copy as Markdown", "Mark", "Marked only"} <= set(commands)
        commands["Mark"].callback()
        assert event_list.event is not None and event_list.event.id in app.marks.ids


async def test_n_after_a_search_that_looks_like_markup_says_so_verbatim() -> None:
    """The notice quotes the query as typed: square brackets are text, never markup (which would fail or vanish)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("slash", *"[/xyzzy]")
        await settle(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        said = [n for n in notice_list(app) if "'[/xyzzy]'" in n.message]
        assert said and not said[0].markup, notice_list(app)
