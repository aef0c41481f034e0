"""The explorer on hostile text: markup, escape sequences, bidi and zero-width characters, tabs and very long lines
are drawn as the characters they are, on every screen, and never reach the terminal as something to obey."""

from __future__ import annotations

from pathlib import Path

from conftest import MARKUP, drawn, rendered, settle, write_hostile_data
from textual.widgets import TabbedContent

from tui.app import TimelineApp
from tui.paths import DataPaths
from tui.screens.articles import ArticlesScreen
from tui.screens.errors import ErrorScreen
from tui.screens.filters import FilterScreen
from tui.screens.reader import ReaderScreen
from tui.screens.search import SearchScreen
from tui.widgets.article_view import ArticleView
from tui.widgets.event_detail import EventDetail
from tui.widgets.event_list import EventList

SHOWN_ESCAPE = "␛[31mRED␛[0m"  # ESC [ 31 m as visible characters
SHORT_MARKUP = MARKUP[:50]  # what fits in a narrow box


def widget_lines(widget: EventList | ArticleView) -> str:
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))


async def test_every_screen_draws_hostile_text_verbatim(tmp_path: Path) -> None:
    events = write_hostile_data(tmp_path)
    app = TimelineApp(DataPaths(events, tmp_path / "corpus"), live_reload=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = drawn(app)
        assert "Title [bold]B[/bold] [link=https://evil.example]" in widget_lines(app.main.query_one(EventList))
        detail = app.main.query_one(EventDetail).plain
        assert MARKUP in detail and SHOWN_ESCAPE in detail and "tab" in screen

        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ReaderScreen)
        screen = drawn(app)
        assert MARKUP in rendered(app.screen.query_one("#article-header"))
        assert (MARKUP in rendered(app.screen.query_one("#passage-bar"))) == bool(app.screen.passages)
        view = app.screen.query_one(ArticleView)
        text = "".join(line.text for line in view._lines)
        assert MARKUP in text and SHOWN_ESCAPE in text and "x" * 100 in text
        await pilot.press("G")  # the 5,000-character word wraps; the end of the article is reachable
        drawn(app)
        await pilot.press("escape", "slash", *"evil")
        await settle(app, pilot)
        assert isinstance(app.screen, SearchScreen)
        drawn(app)
        results = app.screen.query_one("#search-results")
        prompts = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
        for kind in ("ACTOR", "EVENT", "PASSAGE"):  # names, titles and article text
            assert any(p.startswith(kind) and SHORT_MARKUP[:20] in p for p in prompts), kind

        await pilot.press("escape", "f")
        await settle(app, pilot)
        assert isinstance(app.screen, FilterScreen)
        app.screen.query_one(TabbedContent).active = "tab-tags"
        app.screen.query_one("#tags").focus()
        await pilot.pause()
        assert SHORT_MARKUP in drawn(app)
        await pilot.press("space", "escape")  # filter by the hostile tag
        await settle(app, pilot)
        assert app.filter.tags
        assert MARKUP in rendered(app.main.query_one("#title-bar"))
        drawn(app)

        await pilot.press("o")
        await settle(app, pilot)
        assert isinstance(app.screen, ArticlesScreen)
        assert SHORT_MARKUP in drawn(app)


async def test_the_error_screen_draws_hostile_names_and_fields_verbatim(tmp_path: Path) -> None:
    events = write_hostile_data(tmp_path)
    events.write_text(events.read_text().replace("    notes:", '    "\\e[31m[bold]field":'))
    bad = tmp_path / "corpus" / "[bold]bad\x1b[31m\u202e.txt"
    bad.write_text("no front matter [link=x]here[/link]\n")
    app = TimelineApp(DataPaths(events, tmp_path / "corpus"), live_reload=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, ErrorScreen)
        shown = drawn(app)
        assert "[bold]bad␛[31m" in shown and "␛[31m[bold]field" in shown
