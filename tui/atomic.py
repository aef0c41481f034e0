"""Write a file atomically: readers see the old file or the whole new one, never a half-written one.

The data goes to a temporary file in the target's folder (same file system), is flushed to disk, optionally
checked, and only then moved into place. Without `overwrite`, an existing target is never replaced, even when it
appears between the check and the move (the move is a hard link, which fails on an existing name).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path


class WriteRefused(Exception):
    """The file was not written: its folder is missing or not writable, the target is a folder, or the disk is full."""


class TargetExists(WriteRefused):
    """The file was not written: the target exists and overwriting was not asked for."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(
    path: str | Path,
    data: bytes,
    *,
    overwrite: bool = False,
    verify: Callable[[Path], None] | None = None,
) -> None:
    """Write `data` to `path` atomically.

    `verify`, when given, is called with the temporary file once it is on disk; any exception it raises cancels
    the write (the temporary file is removed and the target is left untouched) and propagates.
    Raises TargetExists when the target exists without `overwrite`, WriteRefused when its folder is missing or
    not writable.
    """
    target = Path(path)
    parent = target.parent
    if not parent.is_dir():
        raise WriteRefused(f"{parent}: no such folder; create it first")
    if target.is_dir():
        raise WriteRefused(f"{target}: is a folder")
    if target.exists() and not overwrite:
        raise TargetExists(f"{target}: already exists")
    try:
        fd, tmp_name = tempfile.mkstemp(dir=parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise WriteRefused(f"{parent}: cannot write here: {exc.strerror}") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        mode = target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask()
        os.chmod(tmp, mode)
        if verify is not None:
            verify(tmp)
        if overwrite:
            os.replace(tmp, target)
        else:
            _link_new(tmp, target)
    except OSError as exc:  # a full disk, a quota, a read-only file system: the target is left as it was
        raise WriteRefused(f"{target}: cannot write: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    _fsync_folder(parent)


def _link_new(tmp: Path, target: Path) -> None:
    """Move `tmp` to the new name `target`, failing if `target` exists."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise TargetExists(f"{target}: already exists") from None
    except OSError:  # a file system without hard links: a small race window remains
        if target.exists():
            raise TargetExists(f"{target}: already exists") from None
        os.replace(tmp, target)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every platform can open a folder, which is fine."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
