"""Marks are kept per dataset in the user's data folder, never in events.yaml, and a broken file never crashes."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from tui import marks
from tui.marks import Marks, marks_path


@pytest.fixture(autouse=True)
def data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv(marks.ENV_VAR, str(folder))
    return folder


def test_marks_persist_per_dataset(tmp_path: Path) -> None:
    one, two = tmp_path / "one" / "events.yaml", tmp_path / "two" / "events.yaml"
    saved = Marks.load(one)
    assert saved.problem is None and not saved.ids
    assert saved.toggle("a") == (True, None)
    assert saved.toggle("b") == (True, None)
    assert saved.toggle("a") == (False, None)
    assert Marks.load(one).ids == {"b"}
    assert Marks.load(two).ids == set()
    assert not one.parent.exists()  # nothing is written beside the data


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe", b'{"format": "other", "marks": []}', b'["a"]'])
def test_a_broken_marks_file_is_reported_and_kept_aside(tmp_path: Path, content: bytes) -> None:
    events = tmp_path / "events.yaml"
    path = marks_path(events)
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    loaded = Marks.load(events)
    assert loaded.problem is not None and str(path) in loaded.problem and "\n" not in loaded.problem
    assert loaded.ids == set()
    assert path.read_bytes() == content  # reading never changes it
    assert loaded.toggle("x") == (True, None)
    assert path.with_name(path.name + ".broken").read_bytes() == content
    assert json.loads(path.read_text())["marks"] == ["x"]


def test_a_folder_where_the_file_should_be_is_reported_not_raised(tmp_path: Path) -> None:
    events = tmp_path / "events.yaml"
    marks_path(events).mkdir(parents=True)
    loaded = Marks.load(events)
    assert loaded.problem is not None
    marked, problem = loaded.toggle("x")
    assert marked and problem is not None and "not saved" in problem
    assert "x" in loaded


def test_a_fifo_where_the_file_should_be_is_refused_without_waiting(tmp_path: Path) -> None:
    """Opening a FIFO for reading would wait for a writer: the explorer would hang at its first timeline."""
    events = tmp_path / "events.yaml"
    path = marks_path(events)
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    loaded = Marks.load(events)
    assert loaded.problem is not None and "not a regular file" in loaded.problem
    assert loaded.toggle("x")[1] is not None and stat.S_ISFIFO(path.lstat().st_mode)  # never replaced
