"""The explorer on broken file systems and floods of problems: an error screen or a banner, never a crash or a hang."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from conftest import make_app, refuse_to_list, settle, wait_until

from tui import cli
from tui.app import TimelineApp
from tui.model import MAX_PROBLEMS
from tui.paths import DataPaths
from tui.screens.errors import ErrorScreen
from tui.screens.goto import GotoScreen
from tui.widgets.text_view import TextView


def title_bar(app: TimelineApp) -> str:
    return str(app.main.query_one("#title-bar").content)


async def test_a_flood_of_problems_is_capped_and_listed_with_the_line_api(tmp_path: Path) -> None:
    events = tmp_path / "events.yaml"
    broken = 5 * MAX_PROBLEMS
    events.write_text("actors: []\nevents:\n" + "".join(f"  - {{id: e{n}, date: x}}\n" for n in range(broken)))
    (tmp_path / "corpus").mkdir()
    app = make_app(DataPaths(events, tmp_path / "corpus"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, ErrorScreen)
        view = app.screen.query_one("#problems", TextView)
        shown = view.plain
        assert shown.count(f"{events}:") <= MAX_PROBLEMS + 1
        assert "more problems, not listed; fix these first" in shown
        total = int(shown.rsplit("\n", 1)[-1].split()[0])
        assert total > broken  # every broken event has several problems, all counted
        await pilot.press("end")
        assert view.scroll_offset.y > 0


def test_the_command_line_caps_the_problems_it_prints(tmp_path: Path) -> None:
    import io

    events = tmp_path / "events.yaml"
    events.write_text("actors: []\nevents:\n" + "".join(f"  - {{id: e{n}, date: x}}\n" for n in range(2000)))
    (tmp_path / "corpus").mkdir()
    out, err = io.StringIO(), io.StringIO()
    assert cli.main(["check", "--events", str(events)], out, err) == 1
    lines = err.getvalue().splitlines()
    assert len(lines) == cli.PROBLEMS_SHOWN + 2
    assert lines[-2].startswith("timeline: ... and ") and lines[-2].endswith(" more problems; fix these first")
    count = int(lines[-1].split()[0])
    assert count > 2000 and int(lines[-2].split()[3]) == count - cli.PROBLEMS_SHOWN


async def test_a_loop_in_the_corpus_at_start_and_during_reload(data_dir: Path, cache_dir: Path) -> None:
    corpus = data_dir / "corpus"
    loop = corpus / "loop.txt"
    loop.symlink_to(loop)
    app = make_app(DataPaths(data_dir / "events.yaml", corpus))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, ErrorScreen)
        assert "loop.txt: a loop of links" in app.screen.query_one(TextView).plain
        loop.unlink()
        app.load()
        await wait_until(
            pilot, lambda: app.timeline is not None and not isinstance(app.screen, ErrorScreen), "the timeline"
        )
        loop.symlink_to(loop)
        for entry in cache_dir.iterdir():  # a cold load: whether a warm cache sees the loop is the cache's own test
            entry.unlink()
        app.load()
        banner = app.main.query_one("#banner")
        await wait_until(pilot, lambda: banner.display, "the reload banner")
        assert "1 problem" in str(banner.content)
        assert "Reading" not in title_bar(app) and "events" in title_bar(app)


async def test_a_corpus_folder_that_becomes_unreadable_while_running(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As root, chmod does not stop a read: the refusal the system gives other users is simulated."""
    corpus = data_dir / "corpus"
    app = make_app(DataPaths(data_dir / "events.yaml", corpus))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert app.timeline is not None
        refuse_to_list(monkeypatch, corpus)
        app._signature = ((str(corpus), 0, 0),)  # whatever is on disk now differs
        app._poll()
        await wait_until(pilot, lambda: app.main.query_one("#banner").display, "the reload banner")
        await pilot.press("e")
        await pilot.pause()
        assert "the corpus folder cannot be read: Permission denied" in app.screen.query_one(TextView).plain


async def test_a_fifo_named_events_yaml_opens_the_error_screen_at_once(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "events.yaml")
    (tmp_path / "corpus").mkdir()
    app = make_app(DataPaths(tmp_path / "events.yaml", tmp_path / "corpus"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, ErrorScreen)
        assert "is a FIFO (named pipe)" in app.screen.query_one(TextView).plain


async def test_go_to_a_date_that_names_no_year(data_dir: Path) -> None:
    app = make_app(DataPaths(data_dir / "events.yaml", data_dir / "corpus"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("colon", *"0000", "enter")
        await pilot.pause()
        assert isinstance(app.screen, GotoScreen)
        assert "0000" in str(app.screen.query_one("#goto-hint").content)  # said in the pop-up, which stays open


def test_a_crash_in_the_explorer_exits_non_zero_with_one_line_and_a_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture
) -> None:
    """A real app run (headless) that fails while starting: one line says so and where the details are, the
    traceback goes to a file in the cache folder, and the exit code is not 0."""
    from tui.screens.timeline import TimelineScreen

    def broken(self: TimelineScreen) -> None:
        raise RuntimeError("a bug")

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    real_run = TimelineApp.run
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(TimelineScreen, "on_mount", broken)
    monkeypatch.setattr(TimelineApp, "run", lambda self: real_run(self, headless=True))
    monkeypatch.setattr("sys.stdin", Terminal())
    err = io.StringIO()
    assert cli.main([], Terminal(), err) == cli.EXIT_CRASH
    printed = capfd.readouterr()
    assert "Traceback" not in printed.out + printed.err + err.getvalue()
    assert err.getvalue().count("\n") == 1 and "unexpected error" in err.getvalue()
    (report,) = tmp_path.glob("error-*.txt")
    assert str(report) in err.getvalue()
    assert "RuntimeError" in report.read_text(encoding="utf-8") and "a bug" in report.read_text(encoding="utf-8")


async def test_names_that_are_not_utf8_reach_the_error_screen_visibly(tmp_path: Path) -> None:
    import shutil

    from conftest import ROOT

    root = Path(os.fsdecode(bytes(tmp_path) + b"/data-\xff"))
    shutil.copytree(ROOT / "corpus", root / "corpus")
    shutil.copy(ROOT / "events.yaml", root / "events.yaml")
    (root / "corpus" / os.fsdecode(b"bad-\xfe.txt")).write_text("no front matter\n")
    app = make_app(DataPaths(root / "events.yaml", root / "corpus"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, ErrorScreen)
        shown = app.screen.query_one(TextView).plain
        assert "data-\ufffd/corpus/bad-\ufffd.txt:1: front matter:" in shown
