"""The lock file pins what pyproject.toml asks for, and the environment under test is the locked one."""

from __future__ import annotations

import os
import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def locked() -> dict[str, str]:
    """Package name -> the version the lock pins for this interpreter and platform."""
    pins: dict[str, str] = {}
    for line in (ROOT / "requirements" / "lock.txt").read_text().splitlines():
        match = PIN.match(line)
        if match and (match[3] is None or Marker(match[3]).evaluate()):
            pins[canonicalize_name(match[1])] = match[2]
    return pins


def wanted() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]]


def test_every_requirement_is_locked_within_its_range() -> None:
    pins = locked()
    for requirement in wanted():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is not in requirements/lock.txt: run `make lock`"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"the lock pins {name}=={pins[name]} outside pyproject.toml's {requirement.specifier}: run `make lock`"
        )


def test_every_pin_has_hashes() -> None:
    text = (ROOT / "requirements" / "lock.txt").read_text()
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
    assert blocks and all("--hash=sha256:" in block for block in blocks if PIN.match(block.splitlines()[0]))


@pytest.mark.skipif(bool(os.environ.get("TIMELINE_UNLOCKED")), reason="make test-latest runs the newest versions")
def test_the_installed_packages_are_the_locked_ones() -> None:
    pins = locked()
    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions()}
    installed.pop("timeline", None)
    installed.pop("pip", None)  # the venv's own installer, which comes with Python
    assert {name: installed.get(name) for name in pins} == pins
    assert set(installed) <= set(pins), f"installed but not locked: {sorted(set(installed) - set(pins))}"
