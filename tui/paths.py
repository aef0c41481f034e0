"""Where the data is (the current directory's events.yaml and corpus/, or the bundled dataset), and when it changed."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .corpus import corpus_files

BUNDLED = Path(__file__).parent / "data"


@dataclass(frozen=True)
class DataPaths:
    events: Path
    corpus: Path


def resolve_paths(events: str | None = None, corpus: str | None = None, cwd: Path | None = None) -> DataPaths:
    """The files to use: those given, else ./events.yaml and ./corpus/, else the bundled dataset.

    A given events file without a corpus uses the corpus/ folder beside it. An ./events.yaml that exists only as
    a link (broken, or a loop) is still the user's file: it is used, and its loader says what is wrong, rather
    than the bundled dataset silently taking its place. Raises ValueError for an empty path, OSError when the
    current folder is needed and no longer exists.
    """
    for option, value in (("--events", events), ("--corpus", corpus)):
        if value is not None and not value.strip():
            raise ValueError(f"{option} is empty; give a path, or leave the option out")
    if events is not None:
        events_path = Path(events)
        corpus_path = Path(corpus) if corpus is not None else events_path.parent / "corpus"
        return DataPaths(events_path, corpus_path)
    cwd = cwd or Path.cwd()
    if os.path.lexists(cwd / "events.yaml"):
        return DataPaths(cwd / "events.yaml", Path(corpus) if corpus else cwd / "corpus")
    return DataPaths(BUNDLED / "events.yaml", Path(corpus) if corpus else BUNDLED / "corpus")


def resolved(path: Path) -> Path:
    """`path` with links followed, for comparing two paths; as given when it cannot be (a loop, a deleted folder)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path


def input_signature(paths: DataPaths) -> tuple[tuple[str, int, int], ...]:
    """What changes when a user edits the data: name, size and modification time of every input file."""
    files = [paths.events, *corpus_files(paths.corpus)[0]]
    signature = []
    for path in files:
        try:
            stat = path.stat()
        except OSError:
            signature.append((str(path), -1, -1))
        else:
            signature.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(signature)
