"""No user file is ever modified except by an explicit command, and those writes are atomic.

Every command (read from the parser, so a new one is covered too) and a session in the explorer run over a copy
of the data in the current directory; the bytes, modification times and names of every file and folder there
must be the same afterwards. The explicit writers replace or add one file, by rename, or leave nothing behind.
"""

from __future__ import annotations

import argparse
import errno
import os
from pathlib import Path

import pytest
from conftest import run, settle

from tui.app import TimelineApp
from tui.cli import build_parser
from tui.paths import DataPaths

Snapshot = dict[str, tuple[bytes, int, int]]


def snapshot(root: Path) -> Snapshot:
    """Every file and folder under `root`: contents (files), modification time and mode."""
    state: Snapshot = {}
    for path in sorted([root, *root.rglob("*")]):
        info = path.lstat()
        data = path.read_bytes() if path.is_file() and not path.is_symlink() else b""
        state[str(path.relative_to(root))] = (data, info.st_mtime_ns, info.st_mode)
    return state


def subcommands() -> list[str]:
    actions = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return sorted(actions[0].choices)


def invocations(data: Path, outside: Path) -> dict[str, list[tuple[str, ...]]]:
    """Arguments for each command: reading ones, and writing ones that must refuse."""
    events, corpus = str(data / "events.yaml"), data / "corpus"
    article = str(next(corpus.iterdir()))
    formats = ("json", "timelinejs", "csv", "markdown", "ics")
    return {
        "check": [()],
        "list": [(), ("--json",)],
        "show": [("senators-letter-end-iran-talks",), ("senators-letter-end-iran-talks", "--json"), ("nope",)],
        "articles": [(), ("--json",)],
        "extract": [(), ("--json",), ("--uncovered",)],
        "search": [("khamenei",), ("senators letter", "--json")],
        "locate": [("the senators wrote a letter",), ("talks will continue", "--json")],
        "dates": [(article,), (events,)],
        "export": [
            *(("--format", f) for f in formats),
            ("--format", "json", "-o", events, "--force"),
            ("--format", "csv", "-o", str(corpus / "x.csv"), "--force"),
            ("--format", "csv", "-o", article, "--force"),
        ],
        "add-article": [
            (article, "--title", "T", "--published", "2021-05-20"),  # already in the corpus
            (str(outside), "--title", "T"),  # no date
            (events, "--title", "T", "--published", "2021-05-20"),  # the events file is not an article
            (str(outside), "--title", "T", "--published", "2021-05-20", "--corpus", str(data / "nope")),
        ],
    }


def test_no_command_changes_the_data(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("incoming") / "story.txt"
    outside.write_text("Talks resumed in Vienna on May 20, 2021.\n")
    os.utime(data_dir / "events.yaml", ns=(1, 1))  # so that a rewrite within the same clock tick still shows
    before = snapshot(data_dir)
    calls = invocations(data_dir, outside)
    for name in subcommands():
        for options in calls.get(name, [()]):  # a command without a table entry still runs, bare
            code, _, err = run(name, *options, "--events", str(data_dir / "events.yaml"))
            assert "Traceback" not in err and code in (0, 1, 2), (name, options, err)
            assert snapshot(data_dir) == before, (name, options)


async def test_an_explorer_session_changes_no_file(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(data_dir)
    os.utime(data_dir / "events.yaml", ns=(1, 1))
    before = snapshot(data_dir)
    app = TimelineApp(DataPaths(data_dir / "events.yaml", data_dir / "corpus"), live_reload=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        for keys in (("enter", "n", "escape"), ("slash", *"khamenei", "down", "enter"), ("f", "space", "escape")):
            await pilot.press(*keys)
            await settle(app, pilot)
        await pilot.press("escape", "o", "enter", "escape", "question_mark", "escape")
        app._poll()
        await settle(app, pilot)
        await pilot.press("q")
    assert snapshot(data_dir) == before


def test_export_replaces_a_file_by_rename_never_in_place(data_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "chronology.md"
    target.parent.mkdir()
    target.write_text("the previous export\n")
    link = tmp_path / "link-to-previous.md"
    os.link(target, link)  # a second name for the old file's data: an in-place write would change it too
    code, _, err = run(
        "export", "--format", "markdown", "-o", str(target), "--force", "--events", str(data_dir / "events.yaml")
    )
    assert code == 0, err
    assert target.read_text().startswith("# Chronology")
    assert link.read_text() == "the previous export\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["chronology.md"]


@pytest.mark.parametrize("failing", ["write", "fsync"])
def test_a_full_disk_leaves_the_old_file_and_no_debris(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    target = tmp_path / "out" / "chronology.csv"
    target.parent.mkdir()
    target.write_text("the previous export\n")

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    if failing == "fsync":
        monkeypatch.setattr(os, "fsync", full)
    else:
        monkeypatch.setattr("tui.atomic.os.fdopen", lambda fd, *_a, **_k: _FullFile(fd))
    events = str(data_dir / "events.yaml")
    code, out, err = run("export", "--format", "csv", "-o", str(target), "--force", "--events", events)
    assert code == 1 and out == ""
    assert "No space left on device" in err and "Traceback" not in err and "unexpected" not in err
    assert [p.name for p in target.parent.iterdir()] == ["chronology.csv"]
    assert target.read_text() == "the previous export\n"


class _FullFile:
    """A file whose writes fail as on a full disk."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def __enter__(self) -> _FullFile:
        return self

    def __exit__(self, *_exc: object) -> None:
        os.close(self.fd)

    def write(self, _data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
