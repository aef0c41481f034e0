"""Fixtures and helpers shared by the tests: tests import them from here, never from one another."""

from __future__ import annotations

import contextlib
import io
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

import pytest
from textual.worker import WorkerCancelled

from tui.cli import main
from tui.paths import DataPaths

if TYPE_CHECKING:
    from textual.app import App
    from textual.pilot import Pilot

    from tui.app import TimelineApp
    from tui.widgets.event_list import EventList

ROOT = Path(__file__).resolve().parent.parent
# Shared data sits beside the checkout, or beside the folder of checkouts a worktree lives in.
SHARED_DATA = next(
    (p / "shared" / "data" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared" / "data").is_dir()),
    ROOT.parent / "shared" / "data",
)
BUNDLED = DataPaths(ROOT / "events.yaml", ROOT / "corpus")
WAIT_LIMIT = 30.0  # seconds a condition may take before a test fails instead of hanging


@pytest.fixture(autouse=True)
def cache_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own merge cache folder, never the user's."""
    directory = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(directory))
    monkeypatch.setenv("TIMELINE_DATA_DIR", str(tmp_path_factory.mktemp("data")))  # marks, never the user's
    return directory


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A writable copy of the bundled events.yaml and corpus/."""
    shutil.copy(ROOT / "events.yaml", tmp_path / "events.yaml")
    shutil.copytree(ROOT / "corpus", tmp_path / "corpus")
    return tmp_path


def write_article(directory: Path, article_id: str, body: str, **fields: str) -> Path:
    """Write a corpus file with front matter; `fields` override the defaults."""
    meta = {
        "id": article_id,
        "title": f"Title of {article_id}",
        "published": "2021-05-13",
        "published_basis": "stated",
        **fields,
    }
    header = "".join(f"{k}: {v}\n" for k, v in meta.items())
    path = directory / f"{article_id}.txt"
    path.write_text(f"---\n{header}---\n{body}", encoding="utf-8")
    return path


def run(*argv: str) -> tuple[int, str, str]:
    """Run the command line in this process: (exit code, standard output, standard error)."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


async def wait_until(pilot: Pilot[None], condition: Callable[[], bool], what: str) -> None:
    """Let the app run until `condition` holds; fail, naming `what`, if it does not within WAIT_LIMIT."""
    deadline = time.monotonic() + WAIT_LIMIT
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"still waiting for {what} after {WAIT_LIMIT:.0f} s")
        await pilot.pause()


async def settle(app: TimelineApp, pilot: Pilot[None]) -> None:
    """Wait until the first load has ended (a timeline, or the error screen), workers and the workers they start
    are done, and the detail pane has followed the cursor."""
    from tui.screens.errors import ErrorScreen

    await wait_until(pilot, lambda: app.timeline is not None or isinstance(app.screen, ErrorScreen), "the first load")
    for _ in range(3):
        for worker in list(app.workers):  # a worker replaced by a newer one of its exclusive group is done too
            with contextlib.suppress(WorkerCancelled):
                await worker.wait()
        await pilot.pause()
    from tui.widgets.event_detail import EventDetail
    from tui.widgets.event_list import EventList

    main_screen = app.screen_stack[0]
    event_list, detail = main_screen.query_one(EventList), main_screen.query_one(EventDetail)
    await wait_until(pilot, lambda: detail.event == event_list.event, "the detail pane to follow the cursor")


def make_app(paths: DataPaths = BUNDLED) -> TimelineApp:
    """The explorer on `paths`, without live reload."""
    from tui.app import TimelineApp

    return TimelineApp(paths, live_reload=False)


async def loaded(app: TimelineApp, pilot: Pilot[None]) -> EventList:
    """The event list, once the app has settled (see `settle`)."""
    from tui.widgets.event_list import EventList

    await settle(app, pilot)
    return app.main.query_one(EventList)


@dataclass(frozen=True)
class Notice:
    """A notification the explorer asked Textual to show, as it asked: `App.notify` is the public way in."""

    message: str
    severity: str
    markup: bool


_notices: WeakKeyDictionary[object, list[Notice]] = WeakKeyDictionary()


@pytest.fixture(autouse=True)
def record_notices(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every notification an app asks for is kept for `notices` (widgets and screens notify through the app)."""
    from textual.app import App

    show = App.notify

    def notify(self: App[None], message: str, **options: Any) -> None:
        notice = Notice(message, options.get("severity", "information"), options.get("markup", True))
        _notices.setdefault(self, []).append(notice)
        show(self, message, **options)

    monkeypatch.setattr(App, "notify", notify)


def notice_list(app: App[None]) -> list[Notice]:
    """The notifications `app` has asked for, oldest first."""
    return list(_notices.get(app, []))


def notices(app: App[None]) -> list[str]:
    """The messages of the notifications `app` has asked for, oldest first."""
    return [notice.message for notice in notice_list(app)]


def lines_of(widget) -> list[str]:  # type: ignore[no-untyped-def]
    """What a widget draws, line by line, as plain text."""
    from textual.geometry import Region

    width, height = widget.outer_size
    return [strip.text for strip in widget.render_lines(Region(0, 0, width, height))]


def rendered(widget) -> str:  # type: ignore[no-untyped-def]
    """What a Static shows, as plain text."""
    from rich.console import Console

    console = Console(width=200, record=True, file=io.StringIO())
    console.print(widget.content)
    return console.export_text()


# --- a dataset whose every text field is hostile: markup, escape sequences, bidi and zero-width characters, tabs,
# very long lines; the explorer and the command line must show it verbatim and obey none of it.

MARKUP = "[bold]B[/bold] [link=https://evil.example]L[/link] [@click=app.quit]Q[/]"
ESCAPES = "\x1b[31mRED\x1b[0m \x1b]8;;https://evil.example\x07OSC\x1b]8;;\x07 \x9b2J \x1b]0;title\x07"
INVISIBLE = "\u202eRTL\u202c \u2066iso\u2069 zero\u200bwidth \u200fmark"
HOSTILE = f"{MARKUP} {ESCAPES} {INVISIBLE} שלום tab\there"
QUOTE = "the hostile text of this article"
LONG_WORD = "x" * 5000

# What a terminal would obey if it reached it; none of it may appear in what is drawn or printed.
CONTROLS = ("\x1b", "\x07", "\x9b", "\u202e", "\u202c", "\u2066", "\u2069", "\u200f", "\u200b")


def yaml_quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar: control and bidi characters as escapes."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0 or char in CONTROLS or char == "\u200b":
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def write_hostile_data(root: Path) -> Path:
    """events.yaml and corpus/ under `root`, valid but hostile everywhere; returns the events file."""
    corpus = root / "corpus"
    corpus.mkdir()
    h = yaml_quoted(HOSTILE)
    article = (
        f"---\nid: hostile-article\ntitle: {h}\noutlet: {h}\nauthor: {h}\nurl: {h}\n"
        f"published: 2021-05-13\npublished_basis: inferred\npublished_note: {h}\n---\n"
        f"First paragraph: {HOSTILE}\n\nSecond paragraph, {QUOTE}, again {HOSTILE}\n\n{LONG_WORD}\n"
    )
    (corpus / "hostile-article.txt").write_text(article, encoding="utf-8")
    events = f"""actors:
  - id: hostile-actor
    name: {h}
    kind: person
    aliases: [{h}]
events:
  - id: hostile-event
    date: 2021-05-12
    date_basis: {{method: relative, expression: {h}, article: hostile-article, resolved_against: {h}}}
    title: {yaml_quoted("Title " + HOSTILE + " " + LONG_WORD)}
    summary: {h}
    actors: [hostile-actor]
    tags: [{h}]
    notes: {h}
    sources:
      - {{article: hostile-article, quote: "{QUOTE}"}}
"""
    path = root / "events.yaml"
    path.write_text(events, encoding="utf-8")
    return path


def drawn(app: App[None]) -> str:
    """Every character the current screen sends to the terminal, line by line; asserts none is a control."""
    lines = []
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            assert not any(c in segment.text for c in (*CONTROLS, "\t", "\r", "\n")), repr(segment.text)
        lines.append(strip.text)
    return "\n".join(lines)


def refuse_to_list(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make listing `folder` fail as it does for a user without the right to read it (root reads anything, so a
    chmod would not do)."""
    import os

    real_scandir = os.scandir

    def refuse(path: object = ".") -> object:
        if str(path) == str(folder):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr("os.scandir", refuse)
