"""The merge kept up to date from the cache: what changed is matched again, and the result is a full merge's."""

from __future__ import annotations

import random
import re
import shutil
import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui import align, cache, incremental, indexcache, timeline
from tui.timeline import build_timeline

ROOT = Path(__file__).resolve().parent.parent
BODY = re.compile(r"\A---\n.*?\n---\n", re.S)


@pytest.fixture(autouse=True)
def fresh_warnings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timeline, "_warned", set())


def _bodies() -> list[list[str]]:
    """The paragraphs of the bundled articles, one list per article."""
    return [
        [p for p in BODY.sub("", path.read_text(encoding="utf-8")).split("\n") if len(p) > 60]
        for path in sorted((ROOT / "corpus").glob("*.txt"))
    ]


def _add_article(data: Path, rng: random.Random, number: int) -> None:
    """A syndicated copy: paragraphs of a bundled article, some dropped, some words changed."""
    paragraphs = rng.choice(_bodies())
    kept = [p for p in paragraphs if rng.random() < 0.6] or paragraphs[:3]
    edited = [p.replace(" the ", " a ", 1) if rng.random() < 0.3 else p for p in kept]
    header = f"id: wire-{number}\ntitle: Wire copy {number}\npublished: 2021-05-14\npublished_basis: stated\n"
    byline = f"Filed by wire desk {number}."
    (data / "corpus" / f"wire-{number}.txt").write_text(f"---\n{header}---\n" + "\n\n".join([byline, *edited]) + "\n")


def _edit_event(data: Path, rng: random.Random) -> None:
    """One event's quote shortened or its title changed, as a curator edits."""
    path = data / "events.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    plain = re.compile(r"^ +(- )?(quote|title): [A-Za-z][^#\"']*$")  # plain scalars: any cut stays valid YAML
    quotes = [i for i, line in enumerate(lines) if plain.match(line) and "quote: " in line and len(line) > 60]
    titles = [i for i, line in enumerate(lines) if plain.match(line) and line.startswith("    title: ")]
    if rng.random() < 0.5:
        i = rng.choice(quotes)
        lines[i] = lines[i][: len(lines[i]) - rng.randint(5, 20)].rstrip(" :")
    else:
        i = rng.choice(titles)
        lines[i] = lines[i] + " again"
    path.write_text("\n".join(lines), encoding="utf-8")


def _change_article(data: Path, rng: random.Random) -> None:
    """A word added to a long paragraph (not one the front matter marks as boilerplate)."""
    path = rng.choice(sorted((data / "corpus").glob("*.txt")))
    text = path.read_text(encoding="utf-8")
    front = BODY.match(text)
    end = front.end() if front else 0
    lines = [line for line in text[end:].split("\n") if len(line) > 150 and line[:40] not in text[:end]]
    line = rng.choice(lines)
    path.write_text(text[:end] + text[end:].replace(line, "Meanwhile " + line, 1), encoding="utf-8")


def _remove_article(data: Path, rng: random.Random) -> None:
    wires = sorted((data / "corpus").glob("wire-*.txt"))
    if wires:
        rng.choice(wires).unlink()


STEPS = {"add": _add_article, "edit": _edit_event, "change": _change_article, "remove": _remove_article}


def _expected(built: timeline.Timeline, data: Path) -> align.MergeResult:
    """A full merge of the same inputs on the statistics the cached merge was judged by."""
    entry = cache.load(cache.cache_path(data / "events.yaml", data / "corpus"))
    assert entry is not None
    return align.merge(built.corpus, built.events, statistics=cache.statistics(entry))


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.sampled_from(sorted(STEPS)), st.integers(0, 2**16)), min_size=1, max_size=4))
def test_an_incremental_merge_equals_a_full_merge(steps, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(incremental, "STALE_FRACTION", 100.0)  # never stale: every step is incremental
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch) / "data"
        shutil.copytree(ROOT / "corpus", data / "corpus")
        shutil.copy(ROOT / "events.yaml", data / "events.yaml")
        monkeypatch.setenv(cache.ENV_VAR, str(Path(scratch) / "cache"))
        build_timeline(data / "events.yaml", data / "corpus")
        for number, (step, seed) in enumerate(steps):
            STEPS[step](data, random.Random(seed)) if step != "add" else _add_article(data, random.Random(seed), number)
            built = build_timeline(data / "events.yaml", data / "corpus")
            assert built.warnings == ()
            expected = _expected(built, data)
            assert built.passages == expected.passages
            assert built.unanchored == expected.unanchored
            assert list(built.passages) == [e.id for e in built.events]


def _count_matches(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the events matched in full from now on, in order."""
    matched: list[str] = []
    real = align.match_event

    def counting(event, corpus, index):  # type: ignore[no-untyped-def]
        matched.append(event.id)
        return real(event, corpus, index)

    monkeypatch.setattr(align, "match_event", counting)
    return matched


def test_editing_one_event_matches_that_event_only(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build_timeline(data_dir / "events.yaml", data_dir / "corpus")
    _edit_event(data_dir, random.Random(3))
    matched = _count_matches(monkeypatch)
    warm = build_timeline(data_dir / "events.yaml", data_dir / "corpus")
    assert len(matched) == 1
    cold = build_timeline(data_dir / "events.yaml", data_dir / "corpus", use_cache=False)
    assert warm.passages == cold.passages and warm.unanchored == cold.unanchored  # same corpus: same statistics


def _stored_index(data: Path) -> Path:
    return indexcache.index_path(cache.cache_path(data / "events.yaml", data / "corpus"))


def test_a_new_process_matches_an_edited_event_on_the_stored_index(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_timeline(data_dir / "events.yaml", data_dir / "corpus")
    _edit_event(data_dir, random.Random(3))
    monkeypatch.setattr(incremental, "_last_index", None)  # as in a new process
    read_tokens = align.read_tokens

    def refused(*_args: object) -> align.Tokens:
        raise AssertionError("the words of every paragraph were read again")

    monkeypatch.setattr(align, "read_tokens", refused)
    warm = build_timeline(data_dir / "events.yaml", data_dir / "corpus")
    monkeypatch.setattr(align, "read_tokens", read_tokens)
    cold = build_timeline(data_dir / "events.yaml", data_dir / "corpus", use_cache=False)
    assert warm.passages == cold.passages and warm.unanchored == cold.unanchored


def _out_of_range(path: Path) -> None:
    with np.load(path) as stored:
        arrays = dict(stored)
    arrays["positions"] = arrays["positions"] + 10_000
    np.savez(path, **arrays)


DAMAGES = {
    "garbage": lambda path: path.write_bytes(b"not an index"),
    "truncated": lambda path: path.write_bytes(path.read_bytes()[:1000]),
    "out of range": _out_of_range,
    "a folder": lambda path: (path.unlink(), path.mkdir()),
}


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_a_damaged_stored_index_is_built_again(data_dir: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    build_timeline(data_dir / "events.yaml", data_dir / "corpus")
    DAMAGES[damage](_stored_index(data_dir))
    _edit_event(data_dir, random.Random(3))
    monkeypatch.setattr(incremental, "_last_index", None)  # as in a new process
    warm = build_timeline(data_dir / "events.yaml", data_dir / "corpus")
    assert warm.warnings == ()
    cold = build_timeline(data_dir / "events.yaml", data_dir / "corpus", use_cache=False)
    assert warm.passages == cold.passages and warm.unanchored == cold.unanchored


def test_an_index_stored_for_another_corpus_is_not_used(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build_timeline(data_dir / "events.yaml", data_dir / "corpus")
    stored = _stored_index(data_dir)
    before = stored.read_bytes()
    _change_article(data_dir, random.Random(5))
    monkeypatch.setattr(incremental, "_last_index", None)  # as in a new process
    changed = build_timeline(data_dir / "events.yaml", data_dir / "corpus")
    assert stored.read_bytes() != before  # the index of the changed corpus replaced it
    expected = _expected(changed, data_dir)
    assert changed.passages == expected.passages and changed.unanchored == expected.unanchored


def test_an_added_article_is_matched_alone_within_the_staleness_bound(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(40):  # a corpus large enough that one more article stays within the bound
        _add_article(data_dir, random.Random(number), number)
    build_timeline(data_dir / "events.yaml", data_dir / "corpus")
    _add_article(data_dir, random.Random(99), 99)
    real = align.match_event
    monkeypatch.setattr(align, "match_event", None)  # no event is matched again in full
    warm = build_timeline(data_dir / "events.yaml", data_dir / "corpus")
    monkeypatch.setattr(align, "match_event", real)
    assert any(p.article == "wire-99" for passages in warm.passages.values() for p in passages)
    expected = _expected(warm, data_dir)
    assert warm.passages == expected.passages


def test_past_the_staleness_bound_everything_is_merged_again(data_dir: Path) -> None:
    build_timeline(data_dir / "events.yaml", data_dir / "corpus")
    _add_article(data_dir, random.Random(1), 1)  # one article of four: past the bound
    warm = build_timeline(data_dir / "events.yaml", data_dir / "corpus")
    cold = build_timeline(data_dir / "events.yaml", data_dir / "corpus", use_cache=False)
    assert warm.passages == cold.passages and warm.unanchored == cold.unanchored


def test_a_rejected_suggestion_is_gone_after_a_warm_reload(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.curate import apply_to, decide, suggestions

    events, corpus = data_dir / "events.yaml", data_dir / "corpus"
    first = build_timeline(events, corpus)
    suggestion = suggestions(first, "khamenei-urges-nations-condemn-israel")[0]
    apply_to(first, decide(suggestion, accepting=False))
    matched = _count_matches(monkeypatch)
    warm = build_timeline(events, corpus)
    assert matched == [suggestion.event_id]  # the cached entry of the event is stale: matched again, alone
    shown = {(p.article, p.paragraph) for p in warm.passages_of(suggestion.event_id)}
    assert (suggestion.passage.article, suggestion.passage.paragraph) not in shown
    cold = build_timeline(events, corpus, use_cache=False)
    assert warm.passages == cold.passages
