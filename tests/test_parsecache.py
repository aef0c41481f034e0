"""The inputs kept as read and validated: a warm start gives exactly what a fresh parse gives (events, articles,
problems), and `timeline check` never relies on them."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest
from conftest import run, write_article, write_hostile_data

from tui import cache, parsecache, timeline
from tui import corpus as corpus_module
from tui import events as events_module
from tui.model import Actor, Article, DataError, DateBasis, Event, Paragraph, Source
from tui.timeline import build_timeline

# Dates of every precision, approximate ones, a week, a focus date, a byte order mark, a date basis naming an
# article and a rejected suggestion: what a warm start must give back as parsed.
VARIED = """\ufeff# comments stay comments
start: 2021-05~
actors:
  - {id: someone, name: Some One, kind: person, aliases: [S. One], titles: ["Chair, the"], handles: ["@one"]}
  - {id: a-place, name: A Place, kind: place, description: "where things happen"}
events:
  - id: by-week
    date: 2021-W19
    date_basis: {method: inferred, expression: that week, article: mee-iran-talks-will-continue}
    title: A week
    summary: "Said \\"that week\\" #not a comment"
    actors: [someone, a-place]
    tags: [one, two]
    notes: a note
    sources:
      - {article: mee-iran-talks-will-continue, quote: "the talks will continue"}
    rejected:
      - {article: mee-iran-talks-will-continue, quote: "not this one, a rejected passage"}
  - id: by-year
    date: 2020~
    date_basis: {method: relative, expression: last year, resolved_against: the article's date}
    title: 2021
    summary: "#1"
    sources:
      - {article: mee-iran-talks-will-continue, quote: "the talks will continue"}
  - id: by-day
    date: 2021-05-12
    date_basis: {method: explicit, expression: May 12}
    title: A day
    summary: A summary
    sources:
      - article: mee-iran-talks-will-continue
        quote: >-
          the talks
          will continue
"""


@pytest.fixture(autouse=True)
def fresh_warnings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timeline, "_warned", set())


@pytest.fixture(autouse=True)
def new_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each build as in a new process: no article is known from an earlier load of this one."""
    real = corpus_module.load_corpus

    def load_corpus(*args: Any) -> Any:
        monkeypatch.setattr(corpus_module, "_parsed", {})
        return real(*args)

    monkeypatch.setattr(corpus_module, "load_corpus", load_corpus)
    monkeypatch.setattr(timeline, "load_corpus", load_corpus)


def _build(events: Path, corpus: Path, **options: Any) -> timeline.Timeline:
    return build_timeline(events, corpus, **options)


def _stored(events: Path, corpus: Path) -> Path:
    return parsecache.events_path(cache.cache_path(events, corpus))


def _same_as_parsed(events: Path, corpus: Path) -> None:
    """A build from what is stored equals one that parses the file anew, to every field (a date's precision and
    approximation included, which its equality leaves out)."""
    warm = _build(events, corpus)
    fresh = _build(events, corpus, reuse_parse=False)
    assert repr(warm.events_file) == repr(fresh.events_file)
    assert warm.events_file == fresh.events_file
    assert repr(warm.corpus) == repr(fresh.corpus) and warm.corpus == fresh.corpus


def _parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A list that grows by one each time an events file's YAML is read."""
    parsed: list[str] = []
    real = events_module.read_yaml

    def counting(text: str) -> Any:
        parsed.append(text)
        return real(text)

    monkeypatch.setattr(events_module, "read_yaml", counting)
    return parsed


def _article_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A list that grows by the path of each article file parsed."""
    parsed: list[str] = []
    real = corpus_module.parse_article

    def counting(path: str, text: str) -> Any:
        parsed.append(Path(path).name)
        return real(path, text)

    monkeypatch.setattr(corpus_module, "parse_article", counting)
    return parsed


def test_every_field_of_the_model_is_stored() -> None:
    """A field added to the model must be added to what is stored (and FORMAT bumped), not vanish on a warm start."""
    assert tuple(f.name for f in dataclasses.fields(Event)) == parsecache.EVENT_FIELDS
    assert tuple(f.name for f in dataclasses.fields(Actor)) == parsecache.ACTOR_FIELDS
    assert tuple(f.name for f in dataclasses.fields(DateBasis)) == parsecache.BASIS_FIELDS
    assert tuple(f.name for f in dataclasses.fields(Source)) == parsecache.SOURCE_FIELDS
    assert tuple(f.name for f in dataclasses.fields(Article)) == parsecache.ARTICLE_FIELDS
    assert tuple(f.name for f in dataclasses.fields(Paragraph)) == parsecache.PARAGRAPH_FIELDS


def test_a_warm_start_gives_the_bundled_events_as_parsed(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    events, corpus = data_dir / "events.yaml", data_dir / "corpus"
    _build(events, corpus)
    assert _stored(events, corpus).is_file()
    parsed, articles = _parses(monkeypatch), _article_parses(monkeypatch)
    _same_as_parsed(events, corpus)
    assert len(parsed) == 1  # the fresh parse only: the warm build read what was stored
    assert sorted(articles) == sorted(p.name for p in corpus.iterdir())  # likewise


def test_every_kind_of_value_comes_back_as_parsed(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    events, corpus = data_dir / "events.yaml", data_dir / "corpus"
    events.write_bytes(VARIED.encode("utf-8"))
    first = _build(events, corpus)
    assert first.start is not None and first.start.approximate
    assert {e.date.precision for e in first.events} == {"week", "year", "day"}
    parsed = _parses(monkeypatch)
    _same_as_parsed(events, corpus)
    assert len(parsed) == 1


def test_hostile_text_comes_back_as_parsed(tmp_path: Path) -> None:
    events = write_hostile_data(tmp_path)
    _build(events, tmp_path / "corpus")
    _same_as_parsed(events, tmp_path / "corpus")


@pytest.mark.parametrize("taken", ["stored", "parsed aside"])
def test_an_article_gone_from_the_corpus_is_reported_as_by_a_fresh_parse(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, taken: str
) -> None:
    """Events taken as stored, or parsed in a helper process without the corpus, that name an article the corpus
    lacks: the problems are those of a parse with the corpus."""
    events, corpus = data_dir / "events.yaml", data_dir / "corpus"
    if taken == "stored":
        _build(events, corpus)
    else:
        monkeypatch.setattr(parsecache, "ASIDE_BYTES", 0)  # the bundled file is small
    (corpus / "mee-iran-talks-will-continue.txt").unlink()
    with pytest.raises(DataError) as warm:
        _build(events, corpus)
    with pytest.raises(DataError) as fresh:
        _build(events, corpus, reuse_parse=False)
    assert warm.value.problems == fresh.value.problems
    assert any("mee-iran-talks-will-continue" in p.message for p in warm.value.problems)


def test_an_invalid_file_is_never_stored(data_dir: Path) -> None:
    events, corpus = data_dir / "events.yaml", data_dir / "corpus"
    valid = events.read_text(encoding="utf-8")
    events.write_text(valid.replace("kind: person", "kind: persona", 1), encoding="utf-8")
    for _ in range(2):  # the same problems, a second time too
        with pytest.raises(DataError) as invalid:
            _build(events, corpus)
        assert any("persona" in p.message for p in invalid.value.problems)
    assert not _stored(events, corpus).exists()
    events.write_text(valid, encoding="utf-8")
    _build(events, corpus)
    assert _stored(events, corpus).is_file()


def test_any_change_to_the_bytes_is_parsed_anew(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    events, corpus = data_dir / "events.yaml", data_dir / "corpus"
    _build(events, corpus)
    parsed = _parses(monkeypatch)
    events.write_bytes(events.read_bytes() + b"# a comment only\n")  # the same events: parsed all the same
    _build(events, corpus)
    assert len(parsed) == 1
    _same_as_parsed(events, corpus)


def test_new_reading_code_parses_anew(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What was stored by another version of the reader or validator is never taken for what this one reads."""
    events, corpus = data_dir / "events.yaml", data_dir / "corpus"
    _build(events, corpus)
    monkeypatch.setattr(parsecache, "code_digest", lambda: "another version of the code")
    parsed = _parses(monkeypatch)
    _build(events, corpus)
    assert len(parsed) == 1


def _forge(stored: Path, change: Any) -> None:
    """Rewrite the stored body with `change` applied, its header's digest made to match."""
    head, body = stored.read_bytes().split(b"\n", 1)
    header = json.loads(head)
    payload = json.loads(body)
    forged = change(payload)
    forged = forged if isinstance(forged, bytes) else json.dumps(payload).encode()
    header["sha256"] = hashlib.sha256(forged).hexdigest()
    stored.write_bytes(json.dumps(header).encode() + b"\n" + forged)


def _retitle(payload: dict[str, Any]) -> None:
    payload["events"][0][3] = 12  # a title that is not text


def _undated(payload: dict[str, Any]) -> None:
    payload["events"][0][1] = "2021-13-45"


def _short(payload: dict[str, Any]) -> None:
    payload["events"][0] = payload["events"][0][:5]


def _damaged(stored: Path) -> None:
    stored.write_bytes(stored.read_bytes()[:-100])


def _other_format(stored: Path) -> None:
    head, body = stored.read_bytes().split(b"\n", 1)
    header = json.loads(head)
    header["format"] = "timeline-events/0"
    stored.write_bytes(json.dumps(header).encode() + b"\n" + body)


def _a_folder(stored: Path) -> None:
    stored.unlink()
    stored.mkdir()


def _a_fifo(stored: Path) -> None:
    stored.unlink()
    os.mkfifo(stored)


DAMAGE = {
    "a title that is not text": lambda stored: _forge(stored, _retitle),
    "an impossible date": lambda stored: _forge(stored, _undated),
    "an event cut short": lambda stored: _forge(stored, _short),
    "deep nesting": lambda stored: _forge(stored, lambda _payload: b"[" * 100_000 + b"]" * 100_000),
    "truncated": _damaged,
    "another format": _other_format,
    "not JSON": lambda stored: stored.write_bytes(b"\x00\xff\x1b[31m"),
    "a folder": _a_folder,
    "a FIFO": _a_fifo,
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_what_cannot_be_used_is_parsed_anew_silently(data_dir: Path, damage: str) -> None:
    events, corpus = data_dir / "events.yaml", data_dir / "corpus"
    fresh = _build(events, corpus, reuse_parse=False)
    _build(events, corpus)
    DAMAGE[damage](_stored(events, corpus))
    warm = _build(events, corpus)
    assert repr(warm.events_file) == repr(fresh.events_file)
    assert warm.warnings == ()  # nothing the user must act on: the file is read as if there were no such store


def test_check_parses_the_file_itself(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    events = ("--events", str(data_dir / "events.yaml"))
    assert run("list", *events)[0] == 0  # stored

    def refuse(*_args: object) -> None:
        raise AssertionError("check read the stored events")

    monkeypatch.setattr(parsecache, "load_inputs", refuse)
    code, out, _err = run("check", *events)
    assert code == 0 and "All valid" in out


def _articles(corpus: Path) -> Path:
    return parsecache.articles_path(cache.cache_path(corpus.parent / "events.yaml", corpus))


def test_every_kind_of_article_comes_back_as_parsed(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    events, corpus = data_dir / "events.yaml", data_dir / "corpus"
    wrapped = "A first paragraph,\nwrapped.\n\n  A second, indented.  \n\nSkip to main content\n"
    boilerplate = "\n  - Skip to main content"
    write_article(corpus, "wrapped", wrapped, boilerplate=boilerplate, outlet="unknown", author="Some One")
    crlf = "---\r\nid: crlf\r\ntitle: Windows\r\npublished: 2021-W19\r\npublished_basis: inferred\r\n"
    crlf += "published_note: from the other\r\npublished_from: [wrapped]\r\n---\r\nOne line.\r\nTwo lines.\r\n"
    (corpus / "crlf.txt").write_bytes(crlf.encode("utf-8"))
    (corpus / "bom.md").write_bytes("\ufeff".encode() + b"---\nid: bom\ntitle: B\npublished: 2021\n")
    (corpus / "bom.md").write_bytes((corpus / "bom.md").read_bytes() + b"published_basis: stated\n---\n")
    _build(events, corpus)
    articles = _article_parses(monkeypatch)
    _same_as_parsed(events, corpus)
    assert sorted(articles) == sorted(p.name for p in corpus.iterdir())  # by the fresh parse only


def test_a_changed_article_alone_is_parsed_anew(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    events, corpus = data_dir / "events.yaml", data_dir / "corpus"
    _build(events, corpus)
    changed = corpus / "senators-urge-biden-halt-iran-talks.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA new last paragraph.\n", encoding="utf-8")
    articles = _article_parses(monkeypatch)
    assert _build(events, corpus).article("senators-urge-biden-halt-iran-talks").paragraphs[-1].text.startswith("A new")
    assert articles == [changed.name]
    articles.clear()
    _build(events, corpus)
    assert articles == []  # stored in turn


def test_the_checks_between_articles_are_made_on_every_load(data_dir: Path) -> None:
    """Each article is kept on its own; an id used twice, or a date worked out from an article that is gone, is
    still found."""
    events, corpus = data_dir / "events.yaml", data_dir / "corpus"
    write_article(corpus, "extra", "An extra article.\n")
    write_article(
        corpus,
        "later",
        "Dated from the extra one.\n",
        published_basis="inferred",
        published_note="from extra",
        published_from="extra",
    )
    _build(events, corpus)
    (corpus / "extra.txt").rename(corpus / "moved.txt")  # the same bytes, another file: parsed as new
    write_article(corpus, "again", "Another text.\n", id="later")  # a second article named later
    with pytest.raises(DataError) as warm:
        _build(events, corpus)
    (corpus / "moved.txt").unlink()
    (corpus / "again.txt").unlink()
    with pytest.raises(DataError) as gone:
        _build(events, corpus)
    with pytest.raises(DataError) as fresh:
        _build(events, corpus, reuse_parse=False)
    assert any("already used" in p.message for p in warm.value.problems)
    assert gone.value.problems == fresh.value.problems
    assert any(p.field == "published_from" for p in gone.value.problems)


def test_an_article_with_a_problem_is_never_stored(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    events, corpus = data_dir / "events.yaml", data_dir / "corpus"
    write_article(corpus, "broken", "Text.\n", published="2021-02-30")
    for _ in range(2):
        with pytest.raises(DataError) as invalid:
            _build(events, corpus)
        assert any("February 2021 has 28 days" in p.message for p in invalid.value.problems)
    articles = _article_parses(monkeypatch)
    with pytest.raises(DataError):
        _build(events, corpus)
    assert articles == ["broken.txt"]


def _first_record(payload: dict[str, Any]) -> list[Any]:
    return payload[sorted(payload)[0]]


def _paragraph_outside(payload: dict[str, Any]) -> None:
    _first_record(payload)[10][1] = 10**9  # the first paragraph ends past the text


def _title_not_text(payload: dict[str, Any]) -> None:
    _first_record(payload)[1] = ["a", "list"]


@pytest.mark.parametrize(
    "change",
    [
        _paragraph_outside,
        _title_not_text,
        lambda payload: payload.update({key: [] for key in payload}),
        lambda _payload: b"[" * 100_000 + b"]" * 100_000,
    ],
    ids=["a paragraph outside the text", "a title that is not text", "empty records", "deep nesting"],
)
def test_stored_articles_that_cannot_be_used_are_parsed_anew_silently(data_dir: Path, change: Any) -> None:
    events, corpus = data_dir / "events.yaml", data_dir / "corpus"
    fresh = _build(events, corpus, reuse_parse=False)
    _build(events, corpus)
    _forge(_articles(corpus), change)
    warm = _build(events, corpus)
    assert repr(warm.corpus) == repr(fresh.corpus)
    assert warm.warnings == ()


def test_the_events_digests_come_back_as_computed(data_dir: Path) -> None:
    """What the merge cache is keyed by is taken from the store too: it must be what the events give."""
    events, corpus = data_dir / "events.yaml", data_dir / "corpus"
    for _ in range(2):  # stored, then read back
        read, events_file, problems, digests = parsecache.load_inputs(events, corpus, cache.cache_path(events, corpus))
        assert problems == [] and digests == cache.digests(read, events_file.events)[1]


def test_digests_that_do_not_fit_the_events_are_not_used(data_dir: Path) -> None:
    events, corpus = data_dir / "events.yaml", data_dir / "corpus"
    fresh = _build(events, corpus, reuse_parse=False)
    _build(events, corpus)
    _forge(_stored(events, corpus), lambda payload: payload["digests"].pop())
    warm = _build(events, corpus)
    assert repr(warm.events_file) == repr(fresh.events_file) and warm.passages == fresh.passages


def test_a_large_events_file_is_parsed_aside_as_it_is_here(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a first start a large events file is parsed in a helper process while the corpus is read and indexed:
    the events, the merge and what is stored are those of a parse in this process."""
    events, corpus = data_dir / "events.yaml", data_dir / "corpus"
    monkeypatch.setattr(parsecache, "ASIDE_BYTES", 0)  # the bundled file is small
    parsed = _parses(monkeypatch)
    aside = _build(events, corpus)
    assert parsed == []  # not in this process
    here = _build(events, corpus, use_cache=False)
    assert repr(aside.events_file) == repr(here.events_file)
    assert aside.passages == here.passages and aside.unanchored == here.unanchored
    _same_as_parsed(events, corpus)  # and stored as parsed
