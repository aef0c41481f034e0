"""Where the data is: the current directory's events.yaml and corpus/, or the dataset bundled in the package."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

BUNDLED = Path(__file__).parent / "data"


@dataclass(frozen=True)
class DataPaths:
    events: Path
    corpus: Path


def resolve_paths(events: str | None = None, corpus: str | None = None, cwd: Path | None = None) -> DataPaths:
    """The files to use: those given, else ./events.yaml and ./corpus/, else the bundled dataset.

    A given events file without a corpus uses the corpus/ folder beside it.
    """
    cwd = cwd or Path.cwd()
    if events is not None:
        events_path = Path(events)
        corpus_path = Path(corpus) if corpus is not None else events_path.parent / "corpus"
        return DataPaths(events_path, corpus_path)
    if (cwd / "events.yaml").exists():
        return DataPaths(cwd / "events.yaml", Path(corpus) if corpus else cwd / "corpus")
    return DataPaths(BUNDLED / "events.yaml", Path(corpus) if corpus else BUNDLED / "corpus")
