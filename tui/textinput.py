"""Read an input with a size bound: a file, a device, a pipe or standard input, never more than the limit.

The size a file system reports says nothing about `/dev/zero`, a FIFO or `<(...)`, so reading stops one byte past
the limit instead, and memory stays bounded whatever the input. `read_text` adds what every text input needs:
no NUL bytes (a binary file), UTF-8 (a leading byte order mark is dropped), and one clear line when refused.
"""

from __future__ import annotations

import errno
import os
import re
import select
import stat
from pathlib import Path
from typing import IO, BinaryIO

MAX_TEXT_BYTES = 8 * 1024 * 1024  # a news article is kilobytes; megabytes mean a dump, not one text
PIPE_WAIT_SECONDS = 5.0  # an input that is the shell's pipe (`<(...)`): how long to wait for the program writing to it
SHELL_PIPE_PATH = re.compile(r"/dev/fd/\d+|/dev/stdin|/proc/(self|\d+)/fd/\d+")  # how `<(...)` names its pipe


class TooLarge(Exception):
    """The input holds more than `limit` bytes."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(f"larger than {limit // 2**20} MB")


class InputRefused(Exception):
    """A text input that cannot be used, said in one line: `name[:line]: message`."""

    def __init__(self, name: str, message: str, line: int = 0) -> None:
        self.name, self.message, self.line = name, message, line
        super().__init__(f"{name}:{line}: {message}" if line else f"{name}: {message}")


class NotAFile(Exception):
    """The path names a FIFO, a device, a socket or a folder, not a regular file; the message says which."""


def file_kind(mode: int) -> str:
    """What a file of this mode is, for messages: "a folder", "a FIFO", ..."""
    kinds = {
        stat.S_ISDIR: "a folder",
        stat.S_ISFIFO: "a FIFO (named pipe)",
        stat.S_ISCHR: "a device",
        stat.S_ISBLK: "a block device",
        stat.S_ISSOCK: "a socket",
    }
    return next((name for test, name in kinds.items() if test(mode)), "a special file")


def read_file_limited(path: str | Path, limit: int, pipe_wait: float | None = None, devices: bool = False) -> bytes:
    """At most `limit` bytes of a regular file, for the data a program reads by itself (events, articles).

    A socket or a folder is refused at once with NotAFile, and so is a device unless `devices` is given (then it
    is read with the bound: `/dev/zero` is too large), and a FIFO. The one pipe read is the shell's (`--events
    <(...)`, a `/dev/fd/N` path) when `pipe_wait` is given: it is read when its program writes within `pipe_wait`
    seconds, and refused otherwise. A FIFO made in a folder is refused at once, as nothing says a program will
    ever write to it. Opening never waits for a writer. Raises TooLarge, or OSError as open does.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISFIFO(mode) and pipe_wait is not None and SHELL_PIPE_PATH.fullmatch(os.fspath(path)):
            if not select.select([fd], [], [], pipe_wait)[0]:
                raise NotAFile(f"is a pipe that no program wrote to within {pipe_wait:g} seconds")
        elif not (stat.S_ISREG(mode) or (devices and stat.S_ISCHR(mode))):
            raise NotAFile(f"is {file_kind(mode)}, not a file")
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(fd, min(2**20, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise TooLarge(limit)
        return b"".join(chunks)
    finally:
        os.close(fd)


def open_failure(path: str | Path, exc: OSError) -> str:
    """Why a path could not be opened, in words that say what to do (a missing file, a broken or looping link)."""
    if isinstance(exc, FileNotFoundError) and os.path.lexists(path):
        return "a link to a missing file; fix or remove the link"
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if exc.errno == errno.ELOOP:
        return "a loop of links; fix or remove the link"
    return f"cannot be read: {exc.strerror or exc}"


def read_limited(source: BinaryIO, limit: int) -> bytes:
    """At most `limit` bytes of a binary stream (files: `read_file_limited`); raises TooLarge when there are more."""
    data = source.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(limit)
    return data


def decode_utf8(name: str, data: bytes) -> str:
    """`data` as UTF-8 text (a leading byte order mark dropped); InputRefused names the first bad byte and its line.

    The one decoder of every input: articles, the events file, texts given to `dates` and `add-article`.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        message = f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); save it as UTF-8"
        raise InputRefused(name, message, line) from None


def decode_text(name: str, data: bytes) -> str:
    """`decode_utf8`, refusing first a binary file or UTF-16 text, which a text command cannot take."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputRefused(name, "not UTF-8 text but UTF-16; save it as UTF-8")
    if b"\x00" in data:
        raise InputRefused(name, "a binary file, not plain text")
    return decode_utf8(name, data)


def read_text(source: str | Path | IO[str], limit: int = MAX_TEXT_BYTES, name: str | None = None) -> str:
    """The text of a file, or of a text stream such as `sys.stdin` (its bytes when it has them).

    Raises InputRefused, naming the input as `name` (default: the path), for a missing, unreadable or folder
    path, more than `limit` bytes, a binary file or bytes that are not UTF-8.
    """
    label = name or str(source)
    try:
        if isinstance(source, (str, Path)):
            data = read_file_limited(source, limit, pipe_wait=PIPE_WAIT_SECONDS, devices=True)
        elif hasattr(source, "buffer"):
            data = read_limited(source.buffer, limit)
        else:  # a text stream without bytes underneath (a test's StringIO)
            data = source.read(limit + 1).encode("utf-8", "surrogateescape")
            if len(data) > limit:
                raise TooLarge(limit)
    except NotAFile as exc:
        raise InputRefused(label, str(exc)) from None
    except OSError as exc:
        raise InputRefused(label, open_failure(source if isinstance(source, (str, Path)) else label, exc)) from None
    except TooLarge as exc:
        raise InputRefused(label, f"{exc}, too large for one text; split it") from None
    return decode_text(label, data)
