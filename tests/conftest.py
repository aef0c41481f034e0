from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(autouse=True)
def cache_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own merge cache folder, never the user's."""
    directory = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(directory))
    monkeypatch.setenv("TIMELINE_DATA_DIR", str(tmp_path_factory.mktemp("data")))  # marks, never the user's
    return directory


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A writable copy of the bundled events.yaml and corpus/."""
    shutil.copy(ROOT / "events.yaml", tmp_path / "events.yaml")
    shutil.copytree(ROOT / "corpus", tmp_path / "corpus")
    return tmp_path


def write_article(directory: Path, article_id: str, body: str, **fields: str) -> Path:
    """Write a corpus file with front matter; `fields` override the defaults."""
    meta = {
        "id": article_id,
        "title": f"Title of {article_id}",
        "published": "2021-05-13",
        "published_basis": "stated",
        **fields,
    }
    header = "".join(f"{k}: {v}\n" for k, v in meta.items())
    path = directory / f"{article_id}.txt"
    path.write_text(f"---\n{header}---\n{body}", encoding="utf-8")
    return path
