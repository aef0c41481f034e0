"""The boundary of the core: every module is on one side of it, and headless commands import only what they need.

The import contracts themselves are in pyproject.toml, checked by `lint-imports` (`make test` runs it).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import ROOT

UI = {"tui.__main__", "tui.cli", "tui.app", "tui.screens", "tui.widgets", "tui.messages", "tui.state"}


def _contract(contract_id: str) -> dict[str, object]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    return next(c for c in config["contracts"] if c["id"] == contract_id)


def test_every_module_is_core_or_ui() -> None:
    core = set(_contract("core")["source_modules"])  # type: ignore[arg-type]
    assert set(_contract("ui")["layers"]) == UI  # type: ignore[arg-type]
    modules = {f"tui.{path.stem}" for path in (ROOT / "tui").glob("*.py") if path.stem != "__init__"}
    modules |= {f"tui.{path.parent.name}" for path in (ROOT / "tui").glob("*/__init__.py")}
    unclassified = modules - core - UI
    assert not unclassified, f"add {sorted(unclassified)} to a contract in pyproject.toml"
    assert not core & UI and core | UI >= modules


@pytest.mark.parametrize(
    ("command", "absent", "present"),
    [
        (["search", "khamenei"], {"textual", "tui.cache", "tui.align", "platformdirs"}, {"tui.search"}),
        (["locate", "senators wrote a letter"], {"textual", "tui.cache", "platformdirs"}, {"tui.align"}),
        (["list"], {"textual"}, {"tui.cache", "tui.align", "platformdirs"}),  # the merge and its cache are needed
    ],
)
def test_headless_commands_import_only_what_they_need(command: list[str], absent: set[str], present: set[str]) -> None:
    code = (
        "import io, sys; from tui.cli import main; "
        f"assert main({command!r}, io.StringIO()) == 0; "
        f"print(sorted(m for m in {sorted(absent | present)!r} if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == repr(sorted(present))


def test_the_explorer_imports_only_textual_before_its_first_frame() -> None:
    """Reading and matching the data comes after the first frame: the modules that do it are imported then."""
    later = ["yaml", "numpy", "rapidfuzz", "dateutil", "tui.timeline", "tui.align", "tui.cache", "tui.search"]
    code = f"import sys, tui.app; print(sorted(m for m in {later!r} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts threads in /proc (Linux)")
def test_importing_the_matcher_starts_no_threads() -> None:
    """numpy's linear algebra pool is never used: its threads would only cost the start-up their creation."""
    code = "import os, tui.align, tui.cache, tui.indexcache; print(len(os.listdir('/proc/self/task')))"
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env, check=True)
    assert result.stdout.strip() == "1"
