"""Marks: events a user flags while exploring, kept across runs per dataset and never written to events.yaml.

One small JSON file per dataset (named by a hash of the events file's resolved path) in the user's data folder
(`TIMELINE_DATA_DIR` overrides it). Marks are the user's own notes, not data: a missing file means no marks, and a
file that cannot be read is reported, kept aside as `<name>.broken` at the next save, and never raises.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

# json, the atomic writer and the bounded reader are imported where marks are read or written: the explorer
# imports this module before its first frame, which must not wait for them.

ENV_VAR = "TIMELINE_DATA_DIR"
FORMAT = "timeline-marks/1"
MAX_BYTES = 4_000_000  # far above any real list of marks; a bigger file is not ours


def data_dir() -> Path:
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    import platformdirs  # here, not at the top: the explorer's first frame does not wait for it

    return Path(platformdirs.user_data_dir("timeline"))


def marks_path(events_path: Path) -> Path:
    """The marks file of the dataset whose events file is `events_path`."""
    digest = hashlib.sha256(str(Path(events_path).resolve()).encode()).hexdigest()[:24]
    return data_dir() / f"marks-{digest}.json"


class Marks:
    """The marked event ids of one dataset, saved atomically on every change."""

    def __init__(self, path: Path, ids: Iterable[str] = (), problem: str | None = None) -> None:
        self.path = path
        self.ids: set[str] = set(ids)
        self.problem = problem  # why the file could not be read, for the user; None when it could
        self._keep_broken = problem is not None and path.is_file()

    @classmethod
    def load(cls, events_path: Path) -> Marks:
        """The marks saved for this dataset; none (with `problem` set) when the file cannot be read."""
        import json

        from .textinput import NotAFile, TooLarge, read_file_limited

        path = marks_path(events_path)
        try:
            data = json.loads(read_file_limited(path, MAX_BYTES).decode("utf-8"))
        except FileNotFoundError:
            return cls(path)
        except NotAFile:  # a folder or a FIFO there is not ours to read or replace
            return cls(path, problem=f"{path}: not a regular file; marks last until you quit")
        except (OSError, TooLarge, UnicodeDecodeError, ValueError) as exc:
            return cls(path, problem=f"{path}: marks file unreadable ({_reason(exc)}); starting with no marks")
        ids = data.get("marks") if isinstance(data, dict) and data.get("format") == FORMAT else None
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            return cls(path, problem=f"{path}: not a marks file of this version; starting with no marks")
        return cls(path, ids)

    def __contains__(self, event_id: object) -> bool:
        return event_id in self.ids

    def toggle(self, event_id: str) -> tuple[bool, str | None]:
        """Mark or unmark `event_id`; (marked now, why it could not be saved or None)."""
        marked = event_id not in self.ids
        if marked:
            self.ids.add(event_id)
        else:
            self.ids.discard(event_id)
        return marked, self.save()

    def save(self) -> str | None:
        """Write the marks; a one-line reason when that failed (the marks stay in memory for this run)."""
        import json

        from .atomic import WriteRefused, write_atomic
        from .textinput import NotAFile, TooLarge, read_file_limited

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if self._keep_broken:  # the unreadable file is the user's: set aside, never overwritten
                broken = self.path.with_name(self.path.name + ".broken")
                write_atomic(broken, read_file_limited(self.path, MAX_BYTES), overwrite=True)
                self._keep_broken = False
            data = {"format": FORMAT, "marks": sorted(self.ids)}
            write_atomic(self.path, (json.dumps(data, indent=1) + "\n").encode(), overwrite=True)
        except (OSError, TooLarge, NotAFile, WriteRefused) as exc:
            return f"{self.path}: marks not saved ({_reason(exc)}); they last until you quit"
        return None


def _reason(exc: Exception) -> str:
    from .textinput import TooLarge

    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    if isinstance(exc, TooLarge):
        return "too large"
    if isinstance(exc, UnicodeDecodeError):
        return "not UTF-8"
    if isinstance(exc, ValueError):
        return "not JSON"
    return str(exc)
