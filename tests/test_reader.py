"""The source reader as a less user drives it: search with / n N, copy a citation, open any article."""

from __future__ import annotations

from conftest import lines_of, loaded, make_app, notices, wait_until
from textual.widgets import Static

from tui.screens.articles import ArticlesScreen
from tui.screens.reader import ReaderScreen
from tui.screens.timeline import TimelineScreen
from tui.widgets.article_view import ArticleView

LETTER = "senators-letter-end-iran-talks"


async def open_letter(app, pilot) -> ReaderScreen:  # type: ignore[no-untyped-def]
    event_list = await loaded(app, pilot)
    assert event_list.select_event(LETTER)
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader")
    return app.screen


async def test_search_highlights_every_match_and_steps_like_less() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await open_letter(app, pilot)
        await pilot.press("slash", *"senators", "enter")
        await pilot.pause()
        article = reader.article
        assert article is not None and len(reader.matches) >= 3
        assert all(article.paragraph(n).text[s:e].lower() == "senators" for n, s, e in reader.matches)
        view = reader.query_one(ArticleView)
        assert view.matches == reader.matches and view.current == reader.match_index
        assert reader.passage is not None and reader.matches[reader.match_index][0] >= reader.passage.paragraph
        first = reader.match_index
        await pilot.press("n")
        assert reader.match_index == (first + 1) % len(reader.matches)
        assert reader.index == 0  # n steps through matches, not passages, while a search is active
        await pilot.press("N", "N")
        assert reader.match_index == (first - 1) % len(reader.matches)
        for _ in range(len(reader.matches)):
            await pilot.press("n")
        assert any("Wrapped to the first match" in n for n in notices(app))
        await pilot.press("tab")  # tab still steps through the passages
        assert reader.index == 1
        await pilot.press("escape")  # esc first ends the search
        assert reader.matches == [] and isinstance(app.screen, ReaderScreen)
        await pilot.press("n")
        assert reader.index == 2
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)


async def test_search_forgives_typos_and_says_when_nothing_matches() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await open_letter(app, pilot)
        await pilot.press("slash", *"khamenai", "enter")
        await pilot.pause()
        assert reader.article is not None and reader.matches
        assert {reader.article.paragraph(n).text[s:e] for n, s, e in reader.matches} == {"Khamenei"}
        await pilot.press("slash", "ctrl+u", *"zebra", "enter")
        await pilot.pause()
        assert reader.matches == []
        assert any("Nothing matches 'zebra'" in n for n in notices(app))
        await pilot.press("slash", *"x", "escape")  # esc on the search line cancels it
        assert reader.query_text == "zebra" and isinstance(app.screen, ReaderScreen)


async def test_y_copies_the_passage_as_a_citation() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await open_letter(app, pilot)
        passage = reader.passage
        assert passage is not None
        await pilot.press("y")
        badge = app.badges[passage.article]
        assert app.clipboard.startswith(f"{badge} ¶{passage.paragraph}, ")
        assert passage.text in app.clipboard
        assert any(passage.text in n for n in notices(app))  # the text is shown, for terminals that refuse


async def test_o_opens_any_article_and_an_article_without_passages_offers_no_passage_keys() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await open_letter(app, pilot)
        await pilot.press("o")
        await wait_until(pilot, lambda: isinstance(app.screen, ArticlesScreen), "the article picker")
        await pilot.press("enter")
        opened = lambda: app.screen is not reader and isinstance(app.screen, ReaderScreen)  # noqa: E731
        await wait_until(pilot, opened, "a second reader")
        other = app.screen
        assert isinstance(other, ReaderScreen) and other is not reader and other.passages == []
        actions = {b.binding.action for b in other.active_bindings.values()}
        assert "next_passage" not in actions and "previous_passage" not in actions
        assert "next_passage" in {b.binding.action for b in reader.active_bindings.values()}


async def test_n_says_when_it_wraps_to_the_first_passage() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        reader = await open_letter(app, pilot)
        for _ in range(len(reader.passages) - 1):
            await pilot.press("n")
        assert not any("Wrapped to the first passage" in n for n in notices(app))
        await pilot.press("n")
        assert reader.index == 0
        assert any("Wrapped to the first passage" in n for n in notices(app))


async def test_the_reader_header_is_cut_with_an_ellipsis_at_80_columns() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await open_letter(app, pilot)
        header = lines_of(reader.query_one("#article-header", Static))
        bar = lines_of(reader.query_one("#passage-bar", Static))
        assert header[0].rstrip().endswith("…")
        assert bar[0].rstrip().endswith("…")
