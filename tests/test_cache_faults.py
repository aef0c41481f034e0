"""The merge cache at fault, as a user meets it: an unwritable folder, a corrupt file, a file from another version.
Each is ignored, the timeline rebuilt, and the user warned once (stderr for commands, a notification in the
explorer); the command's output and exit code stay those of a healthy run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import notice_list, run, settle

from tui import cache, timeline
from tui.app import TimelineApp
from tui.paths import DataPaths


@pytest.fixture(autouse=True)
def fresh_warnings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timeline, "_warned", set())


def slot(data_dir: Path) -> Path:
    return cache.cache_path(data_dir / "events.yaml", data_dir / "corpus")


def other_version(data: bytes) -> bytes:
    head, body = data.split(b"\n", 1)
    header = json.loads(head)
    header["format"] = "timeline-merge/1"
    return json.dumps(header).encode() + b"\n" + body


FAULTS = {
    "corrupt": lambda data: data[: len(data) // 3],
    "another version": other_version,
    "not a cache": lambda data: b"\x00\xff\x1b[31m",
}


@pytest.mark.parametrize("fault", FAULTS)
def test_a_bad_cache_file_is_warned_once_then_rebuilt(data_dir: Path, fault: str) -> None:
    events = ("--events", str(data_dir / "events.yaml"))
    code, healthy, err = run("list", *events)
    assert code == 0 and err == ""
    slot(data_dir).write_bytes(FAULTS[fault](slot(data_dir).read_bytes()))
    code, out, err = run("list", *events)
    assert code == 0 and out == healthy
    assert err.startswith(f"timeline: warning: {slot(data_dir)}: cache: ignored (") and err.count("\n") == 1
    assert run("list", *events) == (0, healthy, "")  # rebuilt: quiet again


def test_an_unwritable_cache_folder_is_warned_once(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV_VAR, "/dev/null/timeline-cache")  # under a device: no folder can be made
    events = ("--events", str(data_dir / "events.yaml"))
    code, out, err = run("check", *events)
    assert code == 0 and "All valid" in out
    assert "warning:" in err and "cannot be written" in err and err.count("\n") == 1
    assert run("check", *events)[2] == ""  # once per process


async def test_the_explorer_notifies_a_bad_cache_once(data_dir: Path) -> None:
    paths = DataPaths(data_dir / "events.yaml", data_dir / "corpus")
    timeline.build_timeline(paths.events, paths.corpus)
    slot(data_dir).write_bytes(b"[bold]not a cache\x1b[31m")
    app = TimelineApp(paths, live_reload=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        app.load()
        await settle(app, pilot)
        warnings = [n for n in notice_list(app) if n.severity == "warning"]
        assert len(warnings) == 1 and not warnings[0].markup
        assert "cache: ignored (not a timeline cache file); rebuilt" in warnings[0].message
        assert app.main.query_one("EventList").event is not None
