"""The explorer driven by keys, as a user drives it, asserting on what the widgets hold."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, loaded, make_app, rendered, settle

from tui.app import TimelineApp
from tui.paths import DataPaths
from tui.screens.errors import ErrorScreen
from tui.screens.goto import GotoScreen
from tui.screens.help import HelpScreen
from tui.screens.reader import ReaderScreen
from tui.screens.search import SearchScreen
from tui.screens.timeline import TimelineScreen
from tui.widgets.article_view import ArticleView
from tui.widgets.event_detail import EventDetail
from tui.widgets.event_list import EventList


async def test_navigate_the_chronology() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        event_list = await loaded(app, pilot)
        assert event_list.event is not None and event_list.event.id == "hamas-rockets-on-israel"  # the busiest week
        await pilot.press("g")
        assert event_list.event.id == "united-states-attacked-1983-claim"
        await pilot.press("j", "j")
        assert event_list.event.id == "september-11-attacks-claim"
        await pilot.press("G")
        assert event_list.event.id == "resolution-2231-missile-restrictions-end"
        await pilot.press("k")
        assert event_list.event.id == "biden-netanyahu-call-monday"
        await pilot.press("D")  # previous day with events
        assert event_list.event.id == "biden-netanyahu-earlier-call"
        await pilot.press("g", "d")  # top, then the next day
        assert event_list.event.id == "hamas-designated-terrorist-organization"
        detail = app.main.query_one(EventDetail).plain
        assert "The US designates Hamas a terrorist organisation" in detail
        assert "in 1997" in detail


async def test_group_headers_are_readable_days() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        event_list = await loaded(app, pilot)
        labels = [row.label for row in event_list.rows if row.event is None]
        assert "Wed 12 May 2021" in labels
        assert "Week 19, 10–16 May 2021" in labels
        assert "1997" in labels


async def test_open_reader_and_return_to_the_same_event() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        event_list = await loaded(app, pilot)
        assert event_list.select_event("senators-letter-end-iran-talks")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        view = app.screen.query_one(ArticleView)
        assert view.article is not None
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        assert event_list.event is not None and event_list.event.id == "senators-letter-end-iran-talks"


async def test_bracketed_source_words_are_shown_verbatim() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        app.open_article("mee-iran-talks-will-continue")
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        shown = " ".join(line.text.split("│ ", 1)[-1].strip() for line in view._lines)
        assert "[in Israel]" in shown
        assert "[Palestinians]" in shown


async def test_help_lists_every_binding() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        help_text = rendered(app.screen.query_one("#help-table"))
        descriptions = ("Next day", "Go to date", "Next passage", "Undo the last filter change", "Search")
        for description in descriptions:
            assert description in help_text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_go_to_a_date_typed_freely() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        event_list = await loaded(app, pilot)
        await pilot.press("colon")
        assert isinstance(app.screen, GotoScreen)
        await pilot.press(*"may 12", "enter")
        await pilot.pause()
        assert event_list.event is not None and event_list.event.id == "senators-letter-end-iran-talks"
        await pilot.press("ctrl+g", *"2020", "enter")
        await pilot.pause()
        assert event_list.event.date.first_day.year == 2020
        await pilot.press("ctrl+g", *"nonsense", "enter")
        await pilot.pause()
        assert isinstance(app.screen, GotoScreen)  # stays open with a message
        await pilot.press("escape")


async def test_filter_by_actor_and_clear() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        event_list = await loaded(app, pilot)
        total = len(event_list.event_rows)
        await pilot.press("f")
        await pilot.pause()
        selection = app.screen.query_one("#actors")
        ids = [selection.get_option_at_index(i).value for i in range(selection.option_count)]
        selection.highlighted = ids.index("benjamin-netanyahu")
        await pilot.press("space", "escape")
        await pilot.pause()
        assert app.filter.actors == {"benjamin-netanyahu"}
        assert [e.id for e in event_list.events] == ["biden-netanyahu-earlier-call", "biden-netanyahu-call-monday"]
        assert "filter: actor: Benjamin Netanyahu" in rendered(app.main.query_one("#title-bar"))
        await pilot.press("escape")
        await pilot.pause()
        assert not app.filter.active and len(event_list.event_rows) == total


async def test_invalid_data_opens_the_error_screen(data_dir: Path) -> None:
    events = data_dir / "events.yaml"
    events.write_text(events.read_text().replace("date: 2021-05-12", "date: 2021-02-30", 1))
    app = make_app(DataPaths(events, data_dir / "corpus"))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen)
        shown = app.screen.query_one("#problems").plain
        assert f"{events}:" in shown and "February 2021 has 28 days" in shown


async def test_live_reload_keeps_selection_and_survives_an_invalid_edit(data_dir: Path) -> None:
    events = data_dir / "events.yaml"
    app = make_app(DataPaths(events, data_dir / "corpus"))
    async with app.run_test(size=(100, 30)) as pilot:
        event_list = await loaded(app, pilot)
        event_list.select_event("blinken-talks-will-continue")
        original = events.read_text()
        events.write_text(original.replace("Blinken says the Vienna talks go on", "Blinken says the talks will go on"))
        app._poll()
        await settle(app, pilot)
        assert event_list.event is not None and event_list.event.id == "blinken-talks-will-continue"
        assert event_list.event.title.startswith("Blinken says the talks will go on")
        events.write_text(original.replace("date: 2021-05-12", "date: 2021-13-12", 1))
        app._poll()
        await settle(app, pilot)
        banner = app.main.query_one("#banner")
        assert banner.display and "1 problem" in rendered(banner)
        assert event_list.event.title.startswith("Blinken says the talks will go on")  # last valid timeline kept
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen)
        assert "there is no month 13" in app.screen.query_one("#problems").plain


async def test_small_terminal_stacks_the_panes() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        assert app.main.has_class("narrow")
        await pilot.press("j", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)


def test_readme_keys_table_lists_every_binding() -> None:
    from tui.screens.help import key_label

    readme = (ROOT / "README.md").read_text()
    for title, bindings in TimelineApp.binding_sections():
        for binding in bindings:
            assert f"| {title} | `{key_label(binding.key)}` | {binding.description} |" in readme, binding


async def test_step_through_an_events_passages_across_articles() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        event_list = await loaded(app, pilot)
        event_list.select_event("senators-letter-end-iran-talks")
        await pilot.press("enter")
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        articles_seen = []
        for _ in range(len(reader.passages)):
            view = reader.query_one(ArticleView)
            passage = reader.passage
            assert passage is not None and view.article is not None and view.article.id == passage.article
            paragraph = view.article.paragraph(passage.paragraph).text
            assert paragraph[passage.start : passage.end] == passage.text
            articles_seen.append(passage.article)
            await pilot.press("n")
        assert set(articles_seen) == {
            "senators-urge-biden-halt-iran-talks",
            "mee-iran-talks-will-continue",
            "rafizadeh-iran-incites-as-talks-advance",
        }
        assert reader.index == 0  # wrapped around
        await pilot.press("N")
        assert reader.index == len(reader.passages) - 1
        await pilot.press("escape")
        await pilot.pause()
        assert event_list.event is not None and event_list.event.id == "senators-letter-end-iran-talks"


async def test_search_a_misspelled_name_filters_to_the_actor() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        event_list = await loaded(app, pilot)
        await pilot.press("slash", *"khameini")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert screen.results[0].kind == "actor" and screen.results[0].id == "ali-khamenei"
        await pilot.press("enter")
        await pilot.pause()
        assert app.filter.actors == {"ali-khamenei"}
        assert event_list.events and all("ali-khamenei" in e.actors for e in event_list.events)
        await pilot.press("escape")
        await pilot.pause()
        assert not app.filter.active


async def test_search_chooses_an_event_or_opens_a_passage() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        event_list = await loaded(app, pilot)
        await pilot.press("slash", *"psaki self-defence")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        index = next(i for i, r in enumerate(screen.results) if r.kind == "event")
        screen.query_one("#search-results").highlighted = index
        await pilot.press("down", "enter")  # into the results, choose the highlighted one
        await pilot.pause()
        assert event_list.event is not None and event_list.event.id == "psaki-rockets-not-self-defence"
        await pilot.press("slash", *"crudely made rockets")
        await settle(app, pilot)
        screen = app.screen
        index = next(i for i, r in enumerate(screen.results) if r.kind == "passage")
        hit = screen.results[index]
        screen.query_one("#search-results").highlighted = index
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.passage is not None and app.screen.passage.paragraph == hit.paragraph
        assert "crudely made rockets" in app.screen.passage.text


async def test_mouse_selects_and_double_click_opens() -> None:
    app = make_app()
    async with app.run_test(size=(200, 60)) as pilot:
        event_list = await loaded(app, pilot)
        row = next(i for i, r in enumerate(event_list.rows) if r.event and r.event.id == "soleimani-killed")
        await pilot.click(EventList, offset=(20, row - event_list.scroll_offset.y))
        assert event_list.event is not None and event_list.event.id == "soleimani-killed"
        await pilot.click(EventList, offset=(20, row - event_list.scroll_offset.y), times=2)
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
