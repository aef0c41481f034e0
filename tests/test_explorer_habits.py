"""The keyboard habits of vim, less and lnav users, at 80x24: one Pilot test per defect the explorer had."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from conftest import ROOT, make_app, notices, rendered, settle, write_article
from textual.pilot import Pilot
from textual.widgets import OptionList, SelectionList

from tui.app import TimelineApp
from tui.paths import DataPaths
from tui.screens.goto import GotoScreen
from tui.screens.help import HelpScreen
from tui.screens.timeline import TimelineScreen
from tui.widgets.density import DensityStrip
from tui.widgets.event_detail import EventDetail, excerpt_bounds
from tui.widgets.event_list import EventList

SMALL = (80, 24)


@asynccontextmanager
async def explorer(size: tuple[int, int]) -> AsyncIterator[tuple[TimelineApp, Pilot[None], EventList]]:
    """The explorer on the bundled data, loaded, and its event list."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        yield app, pilot, app.main.query_one(EventList)


def visible(event_list: EventList) -> bool:
    """Whether the selected event's row is inside the list's window."""
    row = event_list.event_rows[event_list.cursor]
    return event_list.scroll_offset.y <= row < event_list.scroll_offset.y + event_list.size.height


async def test_vim_keys_move_in_every_pop_up_list() -> None:
    async with explorer(SMALL) as (app, pilot, _event_list):
        await pilot.press("slash", *"khamenei")
        await settle(app, pilot)
        results = app.screen.query_one(OptionList)
        await pilot.press("down", "j", "j")
        assert results.highlighted == 2
        await pilot.press("k", "G")
        assert results.highlighted == results.option_count - 1
        await pilot.press("g")
        assert results.highlighted == 0
        await pilot.press("escape", "o")
        await pilot.pause()
        articles = app.screen.query_one(OptionList)
        await pilot.press("j", "j")
        assert articles.highlighted == 2
        await pilot.press("G")
        assert articles.highlighted == articles.option_count - 1
        await pilot.press("escape", "f")
        await pilot.pause()
        actors = app.screen.query_one("#actors", SelectionList)
        await pilot.press("j", "j", "j")
        assert actors.highlighted == 3
        await pilot.press("G")
        assert actors.highlighted == actors.option_count - 1
        await pilot.press("q")  # closes the filters like esc
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)


async def test_the_help_scrolls_with_the_same_keys_at_80x24() -> None:
    async with explorer(SMALL) as (app, pilot, _event_list):
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        scroll = app.screen.query_one("HelpScroll")
        assert scroll.max_scroll_y > 0  # more than a screen: it must scroll
        await pilot.press(*"j" * 10)
        await pilot.pause()
        assert scroll.scroll_y == 10
        await pilot.press("G")
        await pilot.pause()
        assert scroll.scroll_y == scroll.max_scroll_y
        await pilot.press("g")
        await pilot.pause()
        assert scroll.scroll_y == 0


async def test_the_help_explains_the_rows_marks_and_badges() -> None:
    async with explorer((120, 40)) as (app, pilot, _event_list):
        await pilot.press("f1")
        await pilot.pause()
        legend = rendered(app.screen.query_one("#help-legend"))
        for mark in ("MEE", "curated", "mee?", "suggests", "W19", "May ··", "~", "inferred", "5j", "Middle East"):
            assert mark in legend


async def test_tab_moves_the_focus_to_the_detail_which_scrolls_with_the_same_keys() -> None:
    async with explorer(SMALL) as (app, pilot, event_list):
        detail = app.main.query_one(EventDetail)
        event_list.select_event("senators-letter-end-iran-talks")
        await settle(app, pilot)
        assert detail.max_scroll_y > 0  # the passages are below the fold at 80x24
        await pilot.press("tab")
        assert detail.has_focus
        await pilot.press("j", "j")
        assert detail.scroll_y == 2
        await pilot.press("ctrl+d")
        assert detail.scroll_y == 2 + detail.scrollable_content_region.height // 2
        await pilot.press("G")
        assert detail.scroll_y == detail.max_scroll_y
        assert event_list.event is not None and event_list.event.id == "senators-letter-end-iran-talks"
        await pilot.press("shift+tab")
        assert event_list.has_focus


async def test_a_count_repeats_a_move_and_ctrl_d_moves_half_a_page() -> None:
    async with explorer(SMALL) as (_app, pilot, event_list):
        await pilot.press("g", "5", "j")
        assert event_list.cursor == 5
        await pilot.press("1", "2", "j", "j")  # the count is used once
        assert event_list.cursor == 18
        await pilot.press("3", "k")
        assert event_list.cursor == 15
        await pilot.press("g", "ctrl+d")
        half = event_list.event_rows[event_list.cursor]
        assert event_list.cursor > 0 and half < event_list.size.height  # about half a page, never a whole one
        await pilot.press("ctrl+u")
        assert event_list.cursor == 0


async def test_shrinking_the_terminal_keeps_the_selected_event_in_view() -> None:
    async with explorer((160, 45)) as (app, pilot, event_list):
        await pilot.press("colon", *"may 12", "enter")
        await settle(app, pilot)
        await pilot.press("G", "colon", *"may 12", "enter")  # the list scrolled, then back to 12 May
        await settle(app, pilot)
        await pilot.resize_terminal(*SMALL)
        await settle(app, pilot)
        assert event_list.event is not None and event_list.event.id == "senators-letter-end-iran-talks"
        assert visible(event_list)


async def test_the_explorer_opens_on_the_busiest_week_at_80x24() -> None:
    async with explorer(SMALL) as (_app, _pilot, event_list):
        assert event_list.event is not None and event_list.event.date.first_day.isoformat().startswith("2021-05")
        assert visible(event_list)


def small_dataset(root: Path, start: str) -> DataPaths:
    """Three events in 2019 and a busier week in 2021, with `start` (a line of events.yaml, or nothing)."""
    corpus = root / "corpus"
    corpus.mkdir()
    write_article(corpus, "art", "The talks began in Vienna and went on for weeks.\n")
    dates = {"lone-2019": "2019-03-04", "busy-a": "2021-05-10", "busy-b": "2021-05-11", "busy-c": "2021-05-12"}
    events = "".join(
        f"  - {{id: {event_id}, date: {date}, date_basis: {{method: explicit, expression: on {date}}}, "
        f"title: Event {event_id}, summary: ., sources: [{{article: art, quote: The talks began in Vienna}}]}}\n"
        for event_id, date in dates.items()
    )
    (root / "events.yaml").write_text(f"{start}actors: []\nevents:\n{events}", encoding="utf-8")
    return DataPaths(root / "events.yaml", corpus)


@pytest.mark.parametrize(("start", "opened_on"), [("start: 2019-W10~\n", "lone-2019"), ("", "busy-a")])
async def test_the_explorer_opens_on_the_declared_start_else_the_busiest_week(
    tmp_path: Path, start: str, opened_on: str
) -> None:
    app = make_app(small_dataset(tmp_path, start))
    async with app.run_test(size=SMALL) as pilot:
        await settle(app, pilot)
        event_list = app.main.query_one(EventList)
        assert event_list.event is not None and event_list.event.id == opened_on
        assert visible(event_list)


async def test_a_short_list_is_compact_and_v_gives_it_the_window() -> None:
    async with explorer(SMALL) as (app, pilot, event_list):
        headers = [row.label for row in event_list.rows if row.event is None]
        assert headers == sorted(set(headers)) and all(label.isdigit() for label in headers)  # one a year
        assert not any(row.gap for row in event_list.rows)
        before = event_list.size.height
        await pilot.press("v")
        await settle(app, pilot)
        assert not app.main.query_one(EventDetail).display and event_list.size.height > before + 5
        assert "Wed 12 May 2021" in [row.label for row in event_list.rows]  # room again for a header a day
        assert visible(event_list)
        await pilot.press("tab")  # no hidden pane takes the focus
        assert event_list.has_focus
        await pilot.press("v")
        await settle(app, pilot)
        assert app.main.query_one(EventDetail).display


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ("05/06/2021", "read day first: Sat 5 Jun 2021"),
        ("May 14", "No event on Fri 14 May 2021; nearest: Thu 13 May 2021"),
        ("mid-May", "mid-May read as Sat 15 May 2021"),
    ],
)
async def test_go_to_date_says_what_it_understood_and_where_it_landed(query: str, said: str) -> None:
    async with explorer(SMALL) as (app, pilot, _event_list):
        await pilot.press("colon", *query, "enter")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        assert any(said in note for note in notices(app)), notices(app)


async def test_go_to_date_takes_the_lists_notations_and_explains_an_impossible_day() -> None:
    async with explorer(SMALL) as (app, pilot, event_list):
        await pilot.press("g", "colon", *"W19", "enter")
        await pilot.pause()
        assert event_list.event is not None and event_list.event.id == "hamas-rockets-on-israel"
        await pilot.press("colon", *"2021-02-30", "enter")
        await pilot.pause()
        assert isinstance(app.screen, GotoScreen)
        assert "February 2021 has 28 days" in rendered(app.screen.query_one("#goto-hint"))


async def test_the_density_strip_spans_a_week_and_says_when_nothing_is_near() -> None:
    async with explorer((120, 40)) as (app, pilot, event_list):
        strip = app.main.query_one(DensityStrip)
        event_list.select_event("hamas-rockets-on-israel")  # dated to week 19
        await settle(app, pilot)
        drawn = strip.render()
        marked = [span for span in drawn.spans if "reverse" in str(span.style)]
        assert sum(span.end - span.start for span in marked) == 7
        assert drawn.plain.startswith(" 10 May–17 May 2021")
        await pilot.press("g")  # 1983
        await settle(app, pilot)
        drawn = strip.render()
        assert "1983" in drawn.plain and "2001" not in drawn.plain and "no day-dated events" in drawn.plain


def test_excerpts_start_and_end_at_a_sentence_or_a_word() -> None:
    paragraph = "First sentence is here. And it goes on. Any generosity is welcome, he said, to everyone present today."
    start = paragraph.index("generosity")
    first, last = excerpt_bounds(paragraph, start, start + len("generosity"), context=20)
    assert paragraph[first:].startswith("And it goes on.")
    assert paragraph[last - 1] != " " and paragraph[last] == " "  # a whole word
    first, _ = excerpt_bounds("x" * 5 + " word" * 40, 150, 160, context=30)
    assert first > 0 and ("x" * 5 + " word" * 40)[first - 1] == " "


async def test_detail_excerpts_never_start_mid_word() -> None:
    async with explorer((120, 40)) as (app, pilot, _event_list):
        assert app.timeline is not None
        paragraphs = [p.text for a in app.timeline.articles for p in a.paragraphs]
        cut = 0
        for event_id in (
            "senators-letter-end-iran-talks",
            "khamenei-says-iran-armed-palestinians",
            "blinken-talks-will-continue",
        ):
            assert app.main.select_event(event_id)
            await settle(app, pilot)
            for line in app.main.query_one(EventDetail).plain.splitlines():
                if line.startswith("…") and not line.startswith("… and "):
                    cut += 1
                    head = line[1:30]
                    where = [(text, text.index(head)) for text in paragraphs if head in text]
                    assert where and all(i == 0 or text[i - 1].isspace() for text, i in where), line
        assert cut  # the check saw excerpts that do not start their paragraph


async def test_esc_undoes_one_filter_step_at_a_time_and_says_so() -> None:
    async with explorer((120, 40)) as (app, pilot, _event_list):
        await pilot.press("slash", *"khameini")
        await settle(app, pilot)
        await pilot.press("enter")  # filter: Khamenei
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("space", "j", "space", "escape")  # one step, two actors more
        await pilot.pause()
        assert len(app.filter.actors) == 3
        assert "esc: back one step" in rendered(app.main.query_one("#title-bar"))
        await pilot.press("escape")
        await pilot.pause()
        assert app.filter.actors == {"ali-khamenei"}
        assert "esc clears" in rendered(app.main.query_one("#title-bar"))
        await pilot.press("escape")
        await pilot.pause()
        assert not app.filter.active


async def test_e_without_reload_errors_says_there_are_none() -> None:
    async with explorer(SMALL) as (app, pilot, _event_list):
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        assert any("No reload errors" in note for note in notices(app))


async def test_a_screenshot_is_saved_in_the_current_folder_and_says_where(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = TimelineApp(DataPaths(ROOT / "events.yaml", ROOT / "corpus"), live_reload=False)
    async with app.run_test(size=SMALL) as pilot:
        await settle(app, pilot)
        app.deliver_screenshot()
        for _ in range(50):  # delivery runs in a thread: wait for the file and the notice
            await pilot.pause()
            if list(tmp_path.glob("*.svg")) and any("screenshot" in n.lower() for n in notices(app)):
                break
        saved = list(tmp_path.glob("*.svg"))
        assert len(saved) == 1
        assert any(str(tmp_path) in note for note in notices(app)), notices(app)
