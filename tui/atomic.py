"""Write a file atomically: readers see the old file or the whole new one, never a half-written one.

The data goes to a temporary file in the target's folder (same file system), is flushed to disk, optionally
checked, and only then moved into place. Without `overwrite`, an existing target is never replaced, even when it
appears between the check and the move (the move is a hard link, which fails on an existing name).

Only a regular file (or a new name) is replaced that way. A link is followed, so the link stays a link and its
target gets the new text. A character device or a FIFO (`/dev/null`, `/dev/stdout`, a named pipe) is written
through when `overwrite` is given, never renamed over; any other kind of file is refused.

Temporary files are named `.<target name>.<process id>.<random>.tmp`. Those being written are removed when the
process is ended by SIGTERM or SIGHUP (once `remove_temporaries_on_signals` has run), and those left by a process
that no longer exists (killed with SIGKILL, a power cut) are removed by the next write beside them.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

TEMP_SUFFIX = ".tmp"
STALE_SECONDS = 3600  # a temporary file without a process id (older versions) is stale after an hour
_NAME_CHARS = 100  # of the target's name kept in a temporary file's name, so the name stays within limits
_pending: set[str] = set()  # temporary files this process is writing now
_pending_lock = threading.Lock()


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
    not writable, or the target is neither a regular file, nor a device or FIFO to write through.
    """
    target = Path(path)
    info = _target_info(target)
    if target.is_symlink() and info is not None:
        target = Path(os.path.realpath(target))  # the link stays; the file it names gets the text
    parent = target.parent
    if not parent.is_dir():
        raise WriteRefused(f"{parent}: no such folder; create it first")
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise WriteRefused(f"{target}: is a folder")
    if info is not None and not overwrite:
        raise TargetExists(f"{target}: already exists")
    if info is not None and not stat.S_ISREG(info.st_mode):
        if verify is None and (stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode)):
            _write_through(target, data)
            return
        raise WriteRefused(f"{target}: {_kind(info.st_mode)}, not a regular file; write to a file instead")
    sweep_stale(parent, target.name)
    prefix = f".{target.name[:_NAME_CHARS]}.{os.getpid()}."
    try:
        fd, tmp_name = tempfile.mkstemp(dir=parent, prefix=prefix, suffix=TEMP_SUFFIX)
    except OSError as exc:
        raise WriteRefused(f"{parent}: cannot write here: {exc.strerror}") from None
    tmp = Path(tmp_name)
    with _pending_lock:
        _pending.add(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        mode = stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask()
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
        with _pending_lock:
            _pending.discard(tmp_name)
    _fsync_folder(parent)


def _target_info(target: Path) -> os.stat_result | None:
    """What is at `target` (a link followed), None for a free name; a broken or looping link is refused."""
    try:
        return os.stat(target)
    except FileNotFoundError:
        if os.path.lexists(target):
            raise WriteRefused(f"{target}: a link to a missing file; remove the link or write elsewhere") from None
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise WriteRefused(f"{target}: a loop of links; remove the link or write elsewhere") from None
        raise WriteRefused(f"{target}: cannot be used: {exc.strerror or exc}") from None


def _kind(mode: int) -> str:
    kinds = {stat.S_ISBLK: "a block device", stat.S_ISSOCK: "a socket", stat.S_ISCHR: "a device"}
    return next((name for test, name in kinds.items() if test(mode)), "a special file")


def _write_through(target: Path, data: bytes) -> None:
    """Write to a character device or a FIFO in place: opening does not wait for a FIFO's reader."""
    flags = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(target, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise WriteRefused(f"{target}: a FIFO that no program is reading; start its reader first") from None
        raise WriteRefused(f"{target}: cannot write: {exc.strerror or exc}") from None
    try:
        mode = os.fstat(fd).st_mode
        if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):  # replaced since it was looked at
            raise WriteRefused(f"{target}: changed while it was being opened; try again")
        os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except OSError as exc:
        raise WriteRefused(f"{target}: cannot write: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def sweep_stale(folder: Path, name: str) -> None:
    """Remove the temporary files for `name` in `folder` that a process which no longer runs left behind."""
    prefix = f".{name[:_NAME_CHARS]}."
    try:
        with os.scandir(folder) as entries:
            candidates = [e for e in entries if e.name.startswith(prefix) and e.name.endswith(TEMP_SUFFIX)]
    except OSError:
        return
    for entry in candidates:
        middle = entry.name[len(prefix) : -len(TEMP_SUFFIX)]
        pid_text, _, random_part = middle.partition(".")
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            if pid_text.isdigit() and random_part:
                stale = not _running(int(pid_text))
            else:
                stale = time.time() - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS
            if stale:
                os.unlink(entry.path)
        except OSError:
            continue


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":  # os.kill cannot probe a process there; such files go by age
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: it runs
        return True
    return True


def remove_temporaries() -> None:
    """Remove the temporary files this process is writing (a signal is ending it)."""
    with _pending_lock:
        names = list(_pending)
    for name in names:
        with contextlib.suppress(OSError):
            os.unlink(name)


def remove_temporaries_on_signals() -> None:
    """On SIGTERM and SIGHUP, remove the temporary files being written, then end as the signal would have.

    Handlers can only be set from the main thread; elsewhere this does nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        return
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is None or getattr(signal.getsignal(signum), "_removes_temporaries", False):
            continue
        signal.signal(signum, _handler(signal.getsignal(signum)))


def _handler(previous: Any) -> Callable[[int, FrameType | None], None]:
    def handle(signum: int, frame: FrameType | None) -> None:
        remove_temporaries()
        if callable(previous):
            previous(signum, frame)
        elif previous != signal.SIG_IGN:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)

    handle._removes_temporaries = True  # type: ignore[attr-defined]
    return handle


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
