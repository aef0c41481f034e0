"""Read an input with a size bound: a file, a device, a pipe or standard input, never more than the limit.

The size a file system reports says nothing about `/dev/zero`, a FIFO or `<(...)`, so reading stops one byte past
the limit instead, and memory stays bounded whatever the input. `read_text` adds what every text input needs:
no NUL bytes (a binary file), UTF-8 (a leading byte order mark is dropped), and one clear line when refused.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, BinaryIO

MAX_TEXT_BYTES = 8 * 1024 * 1024  # a news article is kilobytes; megabytes mean a dump, not one text


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


def read_limited(source: str | Path | BinaryIO, limit: int) -> bytes:
    """At most `limit` bytes of a path or a binary stream; raises TooLarge when there are more, OSError as open does."""
    if isinstance(source, (str, Path)):
        with open(source, "rb") as handle:
            return read_limited(handle, limit)
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
            data = read_limited(source, limit)
        elif hasattr(source, "buffer"):
            data = read_limited(source.buffer, limit)
        else:  # a text stream without bytes underneath (a test's StringIO)
            data = source.read(limit + 1).encode("utf-8", "surrogateescape")
            if len(data) > limit:
                raise TooLarge(limit)
    except FileNotFoundError:
        raise InputRefused(label, "no such file") from None
    except IsADirectoryError:
        raise InputRefused(label, "is a folder, not a text file") from None
    except OSError as exc:
        raise InputRefused(label, f"cannot be read: {exc.strerror or exc}") from None
    except TooLarge as exc:
        raise InputRefused(label, f"{exc}, too large for one text; split it") from None
    return decode_text(label, data)
