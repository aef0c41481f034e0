from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from conftest import run

from tui import align, cache, indexcache, parsecache, timeline
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
    monkeypatch.setattr(align, "match_event", fail)
    monkeypatch.setattr(align, "corroborate", fail)
    assert _build(data_dir).passages_of("senators-letter-end-iran-talks")


@pytest.mark.parametrize("other_code", [False, True])
def test_a_merge_cached_by_other_matcher_code_is_not_reused(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, other_code: bool
) -> None:
    """One event changed: the others' stored results are reused, unless the matcher's code is another (a changed
    rule, not only a changed setting), when everything is matched again."""
    _build(data_dir)
    events = data_dir / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace("title: ", "title: Then ", 1), encoding="utf-8")
    full_merges: list[int] = []
    real_merge = align.merge

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        full_merges.append(1)
        return real_merge(*args, **kwargs)

    monkeypatch.setattr(align, "merge", counted)
    if other_code:
        monkeypatch.setattr(cache, "code_version", lambda: "another version of the matcher")
    warm = _build(data_dir)
    assert len(full_merges) == other_code
    assert bool(warm.warnings) == other_code  # the user is told the stored merge was not used


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
        (lambda slot: slot.symlink_to(slot.parent / "elsewhere.txt"), "not a timeline cache file"),
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
    elsewhere = slot.parent / "elsewhere.txt"
    elsewhere.write_text("a file the slot links to: never written through the link")
    rebuilt = _build(data_dir)
    assert rebuilt.passages == cold.passages
    assert len(rebuilt.warnings) == 1 and reason in rebuilt.warnings[0].message
    assert elsewhere.read_text() == "a file the slot links to: never written through the link"
    if not slot.is_dir():
        assert _build(data_dir).warnings == () and not slot.is_symlink()  # the slot holds a cache again


def _forge(slot: Path, change) -> None:  # type: ignore[no-untyped-def]
    """Rewrite the cache's payload with `change` applied, its header's digest and length made to match."""
    head, body = slot.read_bytes().split(b"\n", 1)
    header = json.loads(head)
    payload = json.loads(body[: header["meta"]])
    meta = change(payload)
    meta = meta if isinstance(meta, bytes) else json.dumps(payload).encode()
    forged = meta + body[header["meta"] :]
    header.update(meta=len(meta), sha256=hashlib.sha256(forged).hexdigest())
    slot.write_bytes(json.dumps(header).encode() + b"\n" + forged)


def _move_first_passage(payload: dict) -> None:  # type: ignore[type-arg]
    passage = payload["passages"]["senators-letter-end-iran-talks"][0]
    passage[1] = 9999  # a paragraph the article does not have


@pytest.mark.parametrize(
    "change",
    [
        _move_first_passage,
        lambda payload: b"[" * 100_000 + b"]" * 100_000,  # deeper than any JSON decoder recurses
        lambda payload: b'{"passages": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    ],
    ids=["passage outside its article", "deep payload", "deep passages"],
)
def test_a_forged_cache_with_a_valid_digest_is_checked_and_rebuilt(data_dir: Path, change) -> None:
    """A cache is checked against the files it claims to describe; what fails to decode is rebuilt, every time."""
    cold = _build(data_dir)
    _forge(_slot(data_dir), change)
    rebuilt = _build(data_dir)
    assert rebuilt.passages == cold.passages and rebuilt.unanchored == cold.unanchored
    assert len(rebuilt.warnings) == 1 and "ignored" in rebuilt.warnings[0].message
    assert _build(data_dir).warnings == ()  # rewritten: good again


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
    slot = _slot(data_dir)
    kept = [slot.name, indexcache.index_path(slot).name]
    kept += [parsecache.events_path(slot).name, parsecache.articles_path(slot).name]
    assert sorted(p.name for p in cache_dir.iterdir()) == sorted(kept)


def test_a_file_saved_while_it_is_read_never_poisons_the_cache(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An editor saving events.yaml in the middle of a load: the cache describes what was parsed, nothing else."""
    from tui import events as events_module

    path = data_dir / "events.yaml"
    first = path.read_text(encoding="utf-8")
    second = first.replace("title: Hamas", "title: Edited while loading, Hamas", 1)
    assert second != first
    real = events_module.read_file_limited

    def read_then_save(source, *args, **kwargs):  # type: ignore[no-untyped-def]
        data = real(source, *args, **kwargs)
        if Path(str(source)).name == "events.yaml" and path.read_text() == first:
            path.write_text(second, encoding="utf-8")  # the second version lands just after this read
        return data

    monkeypatch.setattr(events_module, "read_file_limited", read_then_save)
    _build(data_dir)
    monkeypatch.setattr(events_module, "read_file_limited", real)
    assert path.read_text(encoding="utf-8") == second  # the file did change during the load
    path.write_text(first, encoding="utf-8")  # and back to the first version: the cache must not show the second
    warm = _build(data_dir)
    cold = _cold(data_dir)
    assert [e.title for e in warm.events] == [e.title for e in cold.events]
    assert warm.passages == cold.passages and warm.unanchored == cold.unanchored


def _cold(data_dir: Path) -> timeline.Timeline:
    return build_timeline(data_dir / "events.yaml", data_dir / "corpus", use_cache=False)


def test_check_never_depends_on_the_cache(data_dir: Path) -> None:
    """A corpus entry that cannot be read is reported whether or not a cache of the folder exists."""
    events = ("--events", str(data_dir / "events.yaml"))
    code, out, _err = run("check", *events)
    assert code == 0 and "All valid" in out
    (data_dir / "corpus" / "zero.txt").symlink_to("/dev/zero")
    code, out, err = run("check", *events)
    assert code == 1 and "zero.txt" in err and "All valid" not in out


def test_deep_statistics_are_rebuilt_when_an_edit_needs_them(data_dir: Path) -> None:
    """The statistics section is decoded only to match an edit; a forged one is then a rebuild, not a crash."""
    _build(data_dir)
    slot = _slot(data_dir)
    head, body = slot.read_bytes().split(b"\n", 1)
    header = json.loads(head)
    forged = body[: header["meta"]] + b"[" * 100_000 + b"]" * 100_000
    header["sha256"] = hashlib.sha256(forged).hexdigest()
    slot.write_bytes(json.dumps(header).encode() + b"\n" + forged)
    path = data_dir / "events.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Hamas", "title: Then Hamas", 1), encoding="utf-8")
    rebuilt = _build(data_dir)
    cold = build_timeline(data_dir / "events.yaml", data_dir / "corpus", use_cache=False)
    assert rebuilt.passages == cold.passages and rebuilt.unanchored == cold.unanchored
    assert len(rebuilt.warnings) == 1 and "ignored" in rebuilt.warnings[0].message


def test_a_dataset_in_a_folder_whose_name_is_not_utf8_is_cached(data_dir: Path, tmp_path: Path) -> None:
    folder = Path(os.fsdecode(bytes(tmp_path) + b"/data-\xff"))
    folder.mkdir()
    (data_dir / "events.yaml").rename(folder / "events.yaml")
    (data_dir / "corpus").rename(folder / "corpus")
    cold = _build(folder)
    assert _slot(folder).is_file()
    assert _build(folder).passages == cold.passages
