"""Reviewing in the explorer: accept, reject and undo; the review screen and its forms write events.yaml."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from conftest import WAIT_LIMIT, make_app, settle, wait_until, write_article
from textual.widgets import Input

from tui.app import TimelineApp
from tui.events import load_events
from tui.paths import DataPaths
from tui.screens.form import Field, FormScreen
from tui.screens.reader import ReaderScreen
from tui.screens.review import ReviewScreen
from tui.widgets.event_list import EventList
from tui.widgets.lists import PickList

MEE, RAF = "mee-iran-talks-will-continue", "rafizadeh-iran-incites-as-talks-advance"
TRUE_EVENT = "khamenei-urges-nations-condemn-israel"  # MEE ¶25 reports it: a true suggestion
NEW_STATEMENT = "On May 20, 2021, the negotiators met again in Vienna for a new round of the nuclear talks with Iran."


def app_on(data_dir: Path) -> TimelineApp:
    return make_app(DataPaths(data_dir / "events.yaml", data_dir / "corpus"))


async def open_review(app: TimelineApp, pilot) -> ReviewScreen:  # type: ignore[no-untyped-def]
    await settle(app, pilot)
    await pilot.press("r")
    await pilot.pause()
    assert isinstance(app.screen, ReviewScreen)
    return app.screen


def highlight(review: ReviewScreen, kind: str) -> None:
    """Put the review list's cursor on the first item of this kind."""
    option_list = review.query_one(PickList)
    options = [option_list.get_option_at_index(n) for n in range(option_list.option_count)]
    option_list.highlighted = next(n for n, o in enumerate(options) if o.id and review.items[int(o.id)].kind == kind)


def events_of(data_dir: Path):  # type: ignore[no-untyped-def]
    events_file, problems = load_events(data_dir / "events.yaml")
    assert problems == []
    return events_file


async def test_accept_in_the_reader_then_undo(data_dir: Path) -> None:
    original = (data_dir / "events.yaml").read_bytes()
    app = app_on(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert app.main.query_one(EventList).select_event(TRUE_EVENT)
        await pilot.press("enter")
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        await pilot.press("a")  # on a curated source: refused, nothing written
        await pilot.pause()
        assert (data_dir / "events.yaml").read_bytes() == original
        await pilot.press("N")  # the last passage: the suggestion
        assert reader.passage is not None and not reader.passage.curated
        await pilot.press("a")
        await settle(app, pilot)
        sources = events_of(data_dir).event(TRUE_EVENT).sources
        assert (MEE, reader.passage.text) in [(s.article, s.quote) for s in sources]
        assert app.timeline is not None
        assert any(p.curated and p.paragraph == 25 for p in app.timeline.passages_of(TRUE_EVENT))  # reloaded
        await pilot.press("u")
        await settle(app, pilot)
        assert (data_dir / "events.yaml").read_bytes() == original
        assert not any(p.curated and p.paragraph == 25 for p in app.timeline.passages_of(TRUE_EVENT))


async def test_review_screen_reject_create_an_event_and_add_an_actor(data_dir: Path) -> None:
    write_article(data_dir / "corpus", "talks-resume", NEW_STATEMENT, published="2021-05-25")
    app = app_on(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        review = await open_review(app, pilot)
        kinds = {item.kind for item in review.items}
        assert {"suggestion", "statement", "name"} <= kinds
        # reject the first suggestion
        rejected = review.item
        assert rejected is not None and rejected.suggestion is not None
        await pilot.press("x")
        await settle(app, pilot)
        event = events_of(data_dir).event(rejected.suggestion.event_id)
        assert [(r.article, r.quote) for r in event.rejected] == [
            (rejected.suggestion.passage.article, rejected.suggestion.passage.text)
        ]
        assert all(i.suggestion != rejected.suggestion for i in review.items)  # the list follows the reload
        # a new event from the dated statement, the form prefilled
        review.query_one("#review-list").highlighted = next(
            n
            for n, o in enumerate(review.query_one("#review-list")._options)
            if o.id and review.items[int(o.id)].kind == "statement"
        )
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        values = form.values()
        assert values["date"] == "2021-05-20" and values["article"] == "talks-resume"
        assert values["expression"] == "May 20, 2021" and values["quote"] == NEW_STATEMENT
        form.query_one("#field-actors", Input).value = "nobody-known"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # refused in place, with the loader's message
        assert "'nobody-known' is not in the actors registry" in str(form.query_one("#form-problems").render())
        form.query_one("#field-actors", Input).value = "antony-blinken"
        form.query_one("#field-id", Input).value = "talks-resume-may-20"
        form.query_one("#field-title", Input).value = "Vienna talks resume"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        created = events_of(data_dir).event("talks-resume-may-20")
        assert created is not None and created.title == "Vienna talks resume" and created.actors == ("antony-blinken",)
        assert str(created.date) == "2021-05-20" and created.date_basis.expression == "May 20, 2021"
        assert all(i.kind != "statement" or "May 20" not in i.label for i in review.items)
        # a name no actor covers becomes an actor
        highlight(review, "name")
        name = review.item.name.name  # type: ignore[union-attr]
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen) and form.values()["name"] == name
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert any(a.name == name for a in events_of(data_dir).actors)
        # undo the actor, then the event
        await pilot.press("u")
        await settle(app, pilot)
        assert not any(a.name == name for a in events_of(data_dir).actors)


async def test_edit_an_event_in_a_form_validated_like_the_loader(data_dir: Path) -> None:
    app = app_on(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert app.main.query_one(EventList).select_event(TRUE_EVENT)
        await pilot.press("E")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#field-title", Input).value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and "title" in str(form.query_one("#form-problems").render())
        form.query_one("#field-title", Input).value = "Khamenei: condemn Israel # and resist"
        form.query_one("#field-tags", Input).value = "khamenei, calls"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        event = events_of(data_dir).event(TRUE_EVENT)
        assert event.title == "Khamenei: condemn Israel # and resist" and event.tags == ("khamenei", "calls")
        assert app.main.query_one(EventList).event.id == TRUE_EVENT  # the cursor stays on the event


async def test_a_quote_that_anchors_nowhere_gets_a_new_one_from_the_review(data_dir: Path) -> None:
    events = data_dir / "events.yaml"
    quote = "One can only talk with the language of power with these criminals."
    assert quote in events.read_text(encoding="utf-8")
    lost = events.read_text(encoding="utf-8").replace(quote, "Words that no article holds at all, anywhere.")
    events.write_text(lost, encoding="utf-8")
    app = app_on(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        review = await open_review(app, pilot)
        highlight(review, "unanchored")
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#field-quote", Input).value = quote
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert quote in events.read_text(encoding="utf-8")
        assert app.timeline is not None and not app.timeline.unanchored
        assert all(item.kind != "unanchored" for item in review.items)


async def test_a_form_shows_the_quote_in_its_title_verbatim_and_harmless(data_dir: Path) -> None:
    """A form's title may quote the data (an old quote): its markup stays text, its control characters visible."""
    app = app_on(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert app.timeline is not None
        title = "was: [bold]Khamenei[/bold] \x1b]52;c;ZXZpbA==\x07"
        form = FormScreen(
            title, [Field("quote", "Quote", "x", hint="[red]hint[/red] \x1b[2J")], lambda _v: None, app.timeline
        )
        await app.push_screen(form)
        await pilot.pause()
        shown = str(form.query_one("#form-title").render())
        assert "[bold]Khamenei[/bold]" in shown and "\x1b" not in shown and "\x07" not in shown
        label = str(form.query_one(".form-label").render())
        assert "[red]hint[/red]" in label and "\x1b" not in label


async def test_a_form_field_shows_control_characters_and_keeps_them_unless_edited(data_dir: Path) -> None:
    """A value from the data (a sentence of an article) may hold an escape sequence: its field shows it as symbols,
    never sends it to the terminal, and gives it back as it was unless the user edits the field."""
    from tui.curate import EditRefused

    app = app_on(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert app.timeline is not None
        submitted: list[dict[str, str]] = []

        def build(values: dict[str, str]):  # type: ignore[no-untyped-def]
            submitted.append(values)
            raise EditRefused("recorded, not written")

        original = "said \x1b]2;a new window title\x07 in \x1b[31mred"
        form = FormScreen(
            "New event", [Field("quote", "Quote", original), Field("title", "Title", "T")], build, app.timeline
        )
        await app.push_screen(form)
        await pilot.pause()
        field = form.query_one("#field-quote", Input)
        assert field.value == "said ␛]2;a new window title␇ in ␛[31mred"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: len(submitted) == 1, "the form's check")
        assert submitted[0]["quote"] == original  # left as shown: the data as it was
        field.focus()
        await pilot.press("end", "exclamation_mark", "ctrl+s")
        await wait_until(pilot, lambda: len(submitted) == 2, "the form's second check")
        assert submitted[1]["quote"] == "said ␛]2;a new window title␇ in ␛[31mred!"  # edited: what the user saw


async def test_text_pasted_into_a_field_never_reaches_the_terminal_raw(data_dir: Path) -> None:
    from textual import events

    app = app_on(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash")
        await pilot.pause()
        field = app.screen.query_one(Input)
        field.post_message(events.Paste("khamenei\x1b[2J\x1b]52;c;ZXZpbA==\x07 rockets\nsecond line"))
        await wait_until(pilot, lambda: field.value != "", "the pasted text")
        assert field.value == "khamenei␛[2J␛]52;c;ZXZpbA==␇ rockets"  # one line, as Textual pastes into a field
        assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in field.value)


async def test_a_change_is_written_while_the_explorer_keeps_answering(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Writing events.yaml round-trip takes seconds on a large file: the keys work meanwhile, undo waits for it."""
    from tui import curate

    released = threading.Event()
    apply_to = curate.apply_to

    def held(timeline, operation, dry_run=False):  # type: ignore[no-untyped-def]
        assert released.wait(WAIT_LIMIT)
        return apply_to(timeline, operation, dry_run)

    monkeypatch.setattr(curate, "apply_to", held)
    original = (data_dir / "events.yaml").read_bytes()
    sources = len(events_of(data_dir).event(TRUE_EVENT).sources)
    app = app_on(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        event_list = app.main.query_one(EventList)
        assert event_list.select_event(TRUE_EVENT)
        await pilot.press("a")  # accept the event's best suggestion: its write is held
        await pilot.press("u")  # nothing undone while it is written
        await pilot.press("j")
        await pilot.pause()
        assert event_list.event is not None and event_list.event.id != TRUE_EVENT  # the list answered
        assert (data_dir / "events.yaml").read_bytes() == original
        released.set()
        await wait_until(pilot, lambda: (data_dir / "events.yaml").read_bytes() != original, "the change written")
        await settle(app, pilot)
        assert len(events_of(data_dir).event(TRUE_EVENT).sources) == sources + 1
        assert app.can_undo()  # the change done is the one undo takes back
