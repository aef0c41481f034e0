"""Every command on missing, unreadable, binary, huge or endless inputs: one clear line per problem, exit 1 or 2,
never a traceback, and bounded memory whatever the input is (a device, a pipe, a dump)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import ROOT

from tui.cli import main

DATA_COMMANDS = [
    ("check",),
    ("list",),
    ("list", "--json"),
    ("show", "senators-letter-end-iran-talks"),
    ("articles",),
    ("export", "--format", "json"),
    ("extract",),
]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), out, err), out.getvalue(), err.getvalue()


def assert_clear_failure(code: int, out: str, err: str, *expected: str) -> None:
    assert code == 1, err
    assert out == "" and "Traceback" not in err
    for text in expected:
        assert text in err
    assert all(line.startswith(("timeline: ", "/")) or "problem" in line for line in err.splitlines()), err


@pytest.mark.parametrize("command", DATA_COMMANDS)
def test_missing_events_file_and_corpus(command: tuple[str, ...], tmp_path: Path) -> None:
    code, out, err = run(*command, "--events", str(tmp_path / "nope.yaml"))
    assert_clear_failure(code, out, err, f"{tmp_path / 'nope.yaml'}: no such file", "corpus folder does not exist")


@pytest.mark.parametrize("command", DATA_COMMANDS)
def test_folder_as_events_file_and_file_as_corpus(command: tuple[str, ...], tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.txt"
    corpus.write_text("not a folder")
    code, out, err = run(*command, "--events", str(tmp_path), "--corpus", str(corpus))
    assert_clear_failure(code, out, err, "is a folder", "not a folder")


@pytest.mark.parametrize("command", DATA_COMMANDS)
def test_an_endless_device_as_events_file_is_refused_with_bounded_memory(command: tuple[str, ...]) -> None:
    code, out, err = run(*command, "--events", "/dev/zero", "--corpus", str(ROOT / "corpus"))
    assert_clear_failure(code, out, err, "/dev/zero: is a device, not a file")


def test_unreadable_events_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    events = tmp_path / "events.yaml"
    events.write_text("events: []\n")
    events.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the read fail as it does for other users
        real_open = os.open

        def refuse(file, *args, **kwargs):  # type: ignore[no-untyped-def]
            if str(file) == str(events):
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr("os.open", refuse)
    code, out, err = run("check", "--events", str(events), "--corpus", str(ROOT / "corpus"))
    assert_clear_failure(code, out, err, f"{events}: cannot be read: Permission denied")


def stdin_of(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    """Standard input as a process gets it: bytes under a text layer."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="surrogateescape"))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "standard input: a binary file, not plain text"),
        ("Le 12 mai 2021, caf\xe9\n".encode("latin-1"), "standard input:1: not UTF-8 text (byte 0xe9 at offset 19)"),
        (b"A line\nand a second on May 12, 2021 \xff\n", "standard input:2: not UTF-8 text"),
        (b"x" * (8 * 2**20 + 1), "standard input: larger than 8 MB"),
        ("May 12, 2021".encode("utf-16"), "standard input: not UTF-8 text but UTF-16"),
    ],
)
def test_dates_refuses_binary_broken_or_huge_standard_input(
    monkeypatch: pytest.MonkeyPatch, data: bytes, message: str
) -> None:
    stdin_of(monkeypatch, data)
    code, out, err = run("dates", "-")
    assert_clear_failure(code, out, err, message)


def test_dates_reads_standard_input_bytes_with_a_byte_order_mark(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin_of(monkeypatch, "\ufeffThe letter is dated May 12, 2021.\r\n".encode())
    code, out, err = run("dates", "-")
    assert code == 0, err
    assert '"text": "May 12, 2021"' in out


@pytest.mark.parametrize("source", ["/dev/zero", "folder", "missing"])
def test_dates_and_add_article_refuse_devices_folders_and_missing_files(source: str, tmp_path: Path) -> None:
    path = {"/dev/zero": "/dev/zero", "folder": str(tmp_path), "missing": str(tmp_path / "nope.txt")}[source]
    message = {"/dev/zero": "larger than 8 MB", "folder": "is a folder", "missing": "no such file"}[source]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for argv in (("dates", path), ("add-article", path, "--title", "T", "--published", "2021-05-20")):
        code, out, err = run(*argv, "--corpus", str(corpus))
        assert_clear_failure(code, out, err, message)
    assert list(corpus.iterdir()) == []


def test_add_article_refuses_a_text_too_large_for_the_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    big = tmp_path / "big.txt"
    line = "A sentence of an article that goes on. " * 25 + "\n"
    for size in (8 * 2**20 + 1, 8 * 2**20 - 10):  # the text alone, or once its front matter is added
        big.write_text(line * (size // len(line)) + "x" * (size % len(line)))
        options = ("--title", "T", "--published", "2021-05-20", "--corpus", str(corpus))
        code, out, err = run("add-article", str(big), *options)
        assert_clear_failure(code, out, err, "larger than 8 MB")
    assert list(corpus.iterdir()) == []


def test_output_into_a_closed_pipe_exits_quietly() -> None:
    """`timeline dates - | head -1`: the reader goes away early; no traceback, no 'Exception ignored'."""
    text = b"On May 12, 2021 the senators wrote. " * 3000
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "dates", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert process.stdin is not None and process.stdout is not None and process.stderr is not None
    process.stdin.write(text)
    process.stdin.close()
    assert process.stdout.read(1) == b"["
    process.stdout.close()
    err = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=60) == 0
    assert err == b""


@pytest.mark.parametrize("command", [*DATA_COMMANDS, ("export", "--format", "markdown"), ("--help",)])
def test_no_escape_codes_under_dumb_terminals_and_no_color(
    command: tuple[str, ...], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    code, out, err = run(*command, "--events", str(ROOT / "events.yaml"))
    captured = capsys.readouterr()  # argparse writes --help to the real stdout
    assert code == 0, err
    assert (out + captured.out).strip()
    assert "\x1b" not in out + err + captured.out + captured.err


def test_events_from_the_shells_pipe(data_dir: Path) -> None:
    """`--events <(...)`: the shell passes a pipe as `/dev/fd/N`, which is read once, by the loader."""
    read_end, write_end = os.pipe()
    events = f"/dev/fd/{read_end}"
    command = [sys.executable, "-m", "tui", "list", "--events", events, "--corpus", str(data_dir / "corpus")]
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, pass_fds=(read_end,)
    )
    os.close(read_end)
    data = (data_dir / "events.yaml").read_bytes()

    def write() -> None:
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    try:
        out, err = process.communicate(timeout=120)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert "senators-letter-end-iran-talks" in out
