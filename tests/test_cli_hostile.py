"""Command-line output of hostile text: nothing a terminal would obey is printed, and JSON keeps every character.

JSON escapes the controls (\\u001b, \\u202e): the same data, safe to show. Text output shows them as visible
symbols. Exports in a text format show them as visible symbols too, wherever they are written: a file or a pipe
is printed on a terminal later (`cat chronology.md`).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from conftest import CONTROLS, HOSTILE, MARKUP, write_hostile_data

from tui.cli import main

COMMANDS = [
    ("check",),
    ("list",),
    ("list", "--json"),
    ("show", "hostile-event"),
    ("show", "hostile-event", "--json"),
    ("articles",),
    ("articles", "--json"),
    ("search", "evil"),
    ("search", "evil", "--json"),
    ("locate", "the hostile text of this article"),
    ("locate", "the hostile text of this article", "--json"),
    ("extract",),
    ("extract", "--json"),
    ("dates", "-"),
    *(("export", "--format", f) for f in ("json", "timelinejs", "csv", "markdown", "ics")),
]


class Terminal(io.StringIO):
    """Standard output as a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def events(tmp_path: Path) -> Path:
    return write_hostile_data(tmp_path)


def run(argv: tuple[str, ...], events: Path, terminal: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(f"On May 12, 2021: {HOSTILE}"))
    out, err = (Terminal() if terminal else io.StringIO()), io.StringIO()
    code = main([*argv, "--events", str(events)], out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_nothing_reaches_a_terminal_to_obey(
    argv: tuple[str, ...], events: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = run(argv, events, True, monkeypatch)
    assert code == 0, err
    assert out.strip()
    assert not [c for c in CONTROLS if c in out + err]


def strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [s for item in items for s in strings(item)]


@pytest.mark.parametrize("argv", [a for a in COMMANDS if "--json" in a and a[0] != "extract"] + COMMANDS[-5:-3])
def test_json_output_keeps_every_character(
    argv: tuple[str, ...], events: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = run(argv, events, False, monkeypatch)
    assert code == 0, err
    assert not [c for c in CONTROLS if c in out]
    decoded = strings(json.loads(out))
    assert any("\x1b[31mRED\x1b[0m" in s and "\u202eRTL\u202c" in s and MARKUP in s for s in decoded)


@pytest.mark.parametrize("fmt", ["csv", "markdown", "ics"])
def test_text_exports_to_a_pipe_or_file_hold_nothing_to_obey(
    fmt: str, events: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = run(("export", "--format", fmt), events, False, monkeypatch)
    assert code == 0, err
    assert not [c for c in CONTROLS if c in out] and "␛" in out
    target = tmp_path / f"chronology.{fmt}"
    code, _, err = run(("export", "--format", fmt, "-o", str(target)), events, False, monkeypatch)
    assert code == 0, err
    written = target.read_text(encoding="utf-8")
    assert not [c for c in CONTROLS if c in written] and "␛" in written


@pytest.mark.parametrize("fmt", ["csv", "markdown"])
def test_raw_text_exports_keep_the_data_as_it_is_but_never_on_a_terminal(
    fmt: str, events: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--raw`, asked for explicitly: the file and the pipe get the data's characters; a terminal still does not."""
    target = tmp_path / f"chronology.{fmt}"
    code, _, err = run(("export", "--format", fmt, "--raw", "-o", str(target)), events, False, monkeypatch)
    assert code == 0, err
    assert "\x1b" in target.read_text(encoding="utf-8") and "\u202e" in target.read_text(encoding="utf-8")
    code, out, err = run(("export", "--format", fmt, "--raw"), events, False, monkeypatch)
    assert code == 0 and "\x1b" in out and "\u202e" in out, err
    code, out, err = run(("export", "--format", fmt, "--raw"), events, True, monkeypatch)
    assert code == 0 and not [c for c in CONTROLS if c in out] and "␛" in out, err


@pytest.mark.parametrize("fmt", ["json", "timelinejs", "ics"])
def test_raw_is_refused_where_the_format_cannot_hold_it(
    fmt: str, events: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = run(("export", "--format", fmt, "--raw"), events, False, monkeypatch)
    assert code == 2 and not out and "--raw" in err and err.count("\n") == 1


def test_ics_export_holds_no_control_characters(events: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """RFC 5545 TEXT may not hold control characters: they are written as visible symbols."""
    code, out, err = run(("export", "--format", "ics"), events, False, monkeypatch)
    assert code == 0, err
    assert "\x1b" not in out and "␛[31mRED" in out


@pytest.mark.parametrize("command", ["dates", "add-article", "list"])
def test_messages_naming_hostile_input_show_it_verbatim(command: str, tmp_path: Path) -> None:
    name = str(tmp_path / "\x1b]0;pwned\x07[bold]\u202eevil.txt")
    argv = {
        "dates": [name],
        "add-article": [name, "--title", "T", "--published", "2021-05-20"],
        "show": [name],
        "list": ["--events", name],
    }
    out, err = io.StringIO(), io.StringIO()
    code = main([command, *argv[command], "--corpus", str(tmp_path)], out, err)
    assert code in (1, 2)
    assert "pwned" in err.getvalue() and not [c for c in CONTROLS if c in err.getvalue()]
