from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from tui import align, cache, timeline
from tui.timeline import build_timeline


def _slot(data_dir: Path) -> Path:
    return cache.cache_path(data_dir / "events.yaml", data_dir / "corpus")


def _build(data_dir: Path) -> timeline.Timeline:
    return build_timeline(data_dir / "events.yaml", data_dir / "corpus")


@pytest.fixture(autouse=True)
def fresh_warnings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timeline, "_warned", set())


def test_warm_load_equals_cold_merge(data_dir: Path, cache_dir: Path) -> None:
    cold = _build(data_dir)
    assert _slot(data_dir).parent == cache_dir and _slot(data_dir).exists()
    warm = _build(data_dir)
    assert warm.passages == cold.passages and warm.unanchored == cold.unanchored
    assert warm.events == cold.events and warm.actors == cold.actors
    assert warm.articles == cold.articles
    assert warm.warnings == ()


def test_cache_is_used_when_inputs_are_unchanged(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _build(data_dir)

    def fail(*_args: object) -> None:
        raise AssertionError("merged again")

    monkeypatch.setattr(align, "merge", fail)
    assert _build(data_dir).passages_of("senators-letter-end-iran-talks")


@pytest.mark.parametrize("changed", ["events.yaml", "corpus/mee-iran-talks-will-continue.txt"])
def test_any_input_change_rebuilds(data_dir: Path, changed: str) -> None:
    before = _build(data_dir).passages_of("hamas-rockets-on-israel")[0]
    assert before.text.startswith("Hamas began firing crudely made rockets")
    path = data_dir / changed
    text = path.read_text(encoding="utf-8")
    old = ("quote: " if changed == "events.yaml" else "") + "Hamas began firing crudely made rockets"
    path.write_text(text.replace(old, old.replace("began firing crudely made", "fired")))
    rebuilt = _build(data_dir)
    after = rebuilt.passages_of("hamas-rockets-on-israel")[0]
    assert after != before
    if changed == "events.yaml":
        assert rebuilt.events != () and after.score < 100  # the old quote's exact match is gone
    else:
        assert after.text.startswith("Hamas fired rockets") and after.score < 100
    assert rebuilt.warnings == ()


def test_a_new_corpus_file_rebuilds(data_dir: Path) -> None:
    before = _build(data_dir)
    source = data_dir / "corpus" / "mee-iran-talks-will-continue.txt"
    copy = source.read_text().replace("id: mee-iran-talks-will-continue", "id: mee-copy") + "\nOne more line here.\n"
    (data_dir / "corpus" / "mee-copy.txt").write_text(copy)
    after = _build(data_dir)
    assert len(after.articles) == len(before.articles) + 1


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: b"\x00\xff garbage",  # not a cache at all
        lambda data: data.replace(b'"score', b'"scorE', 1) if b'"score' in data else data[:-5],  # edited body
        lambda data: data.split(b"\n", 1)[0] + b"\n" + json.dumps({"corpus": 1}).encode(),  # foreign payload
    ],
)
def test_a_corrupt_cache_is_ignored_rebuilt_and_warned_once(data_dir: Path, damage) -> None:
    cold = _build(data_dir)
    slot = _slot(data_dir)
    slot.write_bytes(damage(slot.read_bytes()))
    rebuilt = _build(data_dir)
    assert rebuilt.passages == cold.passages
    assert len(rebuilt.warnings) == 1 and "ignored" in rebuilt.warnings[0].message
    assert _build(data_dir).warnings == ()  # rewritten: good again


@pytest.mark.parametrize(
    ("replace", "reason"),
    [
        (lambda slot: os.mkfifo(slot), "not a regular file"),  # would block a plain open() forever
        (lambda slot: slot.mkdir(), "not a regular file"),
        (lambda slot: slot.write_bytes(b"[" * 3000 + b"]" * 3000 + b"\n"), "not a timeline cache file"),
        (lambda slot: slot.write_bytes(b"x" * (cache.HEADER_LIMIT * 64)), "not a timeline cache file"),
    ],
)
def test_what_is_not_a_cache_file_is_refused_from_its_header(data_dir: Path, replace, reason: str) -> None:
    cold = _build(data_dir)
    slot = _slot(data_dir)
    slot.unlink()
    replace(slot)
    rebuilt = _build(data_dir)
    assert rebuilt.passages == cold.passages
    assert len(rebuilt.warnings) == 1 and reason in rebuilt.warnings[0].message


def test_a_payload_with_a_valid_digest_but_bad_values_is_not_trusted(data_dir: Path) -> None:
    _build(data_dir)
    slot = _slot(data_dir)
    head, body = slot.read_bytes().split(b"\n", 1)
    header = json.loads(head)
    payload = json.loads(body[: header["meta"]])
    payload["corpus"]["articles"][0]["paragraphs"][2][0] = 10**9  # a paragraph ending beyond the text
    meta = json.dumps(payload).encode()
    forged = meta + body[header["meta"] :]
    header.update(meta=len(meta), sha256=hashlib.sha256(forged).hexdigest())
    slot.write_bytes(json.dumps(header).encode() + b"\n" + forged)
    rebuilt = _build(data_dir)
    assert all(p.end <= len(a.text) for a in rebuilt.articles for p in a.paragraphs)
    assert "ignored" in rebuilt.warnings[0].message


def test_an_unwritable_cache_folder_warns_once_and_still_builds(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv(cache.ENV_VAR, str(blocker / "cache"))
    first = _build(data_dir)
    assert first.passages_of("senators-letter-end-iran-talks")
    assert len(first.warnings) == 1 and "cannot be written" in first.warnings[0].message
    assert _build(data_dir).warnings == ()


def test_no_temporary_files_are_left(data_dir: Path, cache_dir: Path) -> None:
    _build(data_dir)
    _build(data_dir)
    assert [p.name for p in cache_dir.iterdir()] == [_slot(data_dir).name]
