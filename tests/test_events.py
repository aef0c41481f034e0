from __future__ import annotations

from pathlib import Path

import pytest

from tui.events import load_events, parse_events

ARTICLES = {"art-one", "art-two"}

VALID = """\
actors:
  - id: joe-biden
    name: Joe Biden
    kind: person
    aliases: [Biden]
events:
  - id: later
    date: 2021-05-13
    date_basis: {method: explicit, expression: May 13}
    title: Later event
    summary: Happens second.
    actors: [joe-biden]
    sources:
      - article: art-one
        quote: a quote long enough
  - id: earlier
    date: 2021-05
    date_basis: {method: relative, expression: this month, resolved_against: publication 2021-05-20}
    title: Earlier event
    summary: Happens first.
    sources:
      - article: art-two
        quote: another quote here
"""


def messages(text: str) -> list[str]:
    _, problems = parse_events("events.yaml", text, ARTICLES)
    return [str(p) for p in problems]


def test_valid_file_is_sorted_chronologically() -> None:
    events_file, problems = parse_events("events.yaml", VALID, ARTICLES)
    assert problems == []
    assert [e.id for e in events_file.events] == ["earlier", "later"]
    assert events_file.events[0].date.precision == "month"
    assert events_file.actor("joe-biden").aliases == ("Biden",)


def test_same_date_keeps_file_order() -> None:
    text = VALID.replace("date: 2021-05\n", "date: 2021-05-13\n")
    events_file, _ = parse_events("events.yaml", text, ARTICLES)
    assert [e.id for e in events_file.events] == ["later", "earlier"]


def test_yaml_syntax_error_has_line() -> None:
    found = messages("events:\n  - id: [unclosed\n  - x\n")
    assert len(found) == 1
    assert found[0].startswith("events.yaml:4: YAML syntax:")
    assert "started on line 2" in found[0]


@pytest.mark.parametrize("odd_break", ["\r", "\x85", "\u2028", "\u2029"])
def test_lines_are_counted_by_newlines_whatever_else_yaml_breaks_at(odd_break: str) -> None:
    """YAML also breaks lines at a carriage return alone and at Unicode line separators; a problem's line is the one
    an editor, grep -n or sed -n shows, counted by newlines."""
    lines = VALID.splitlines(keepends=True)
    text = "".join(lines[:5]) + odd_break * 3 + "".join(lines[5:])  # three breaks YAML counts, on no line of its own
    broken = text.replace("date: 2021-05-13", "date: 2021-13-45")
    assert messages(broken) == ["events.yaml:8: events[0].date: '2021-13-45': there is no month 13"]
    _, problems = parse_events("events.yaml", text.replace("title: Earlier event", "title: [unclosed"), ARTICLES)
    assert len(problems) == 1 and problems[0].line in (19, 20)  # the unclosed line, or the next where it shows
    assert "started on line 19" in problems[0].message


def test_tab_indentation() -> None:
    assert messages("events:\n\t- id: x\n") == ["events.yaml:2: a tab indents this line; YAML indents with spaces only"]


def test_empty_and_comment_only_files() -> None:
    assert messages("") == ["events.yaml:1: the file is empty; it needs 'actors:' and 'events:' lists (see the README)"]
    assert messages("# nothing\n") == messages("")


def test_every_problem_reported_at_once_with_line_and_field() -> None:
    text = (
        VALID.replace("date: 2021-05-13", "date: 2021-02-30")
        .replace("    actors: [joe-biden]", "    actors: [nobody]\n    colour: blue")
        .replace("article: art-two", "article: ../../etc/passwd")
        .replace("title: Earlier event", "title: [a, list]")
    )
    found = messages(text)
    assert "events.yaml:8: events[0].date: '2021-02-30': February 2021 has 28 days" in found
    assert "events.yaml:12: events[0].actors: 'nobody' is not in the actors registry; add it under 'actors:'" in found
    assert any(m.startswith("events.yaml:13: events[0].colour: unknown field in event") for m in found)
    assert (
        "events.yaml:23: events[1].sources[0].article: '../../etc/passwd' is not an article id "
        "(ids are slugs, never paths)" in found
    )
    assert "events.yaml:20: events[1].title: must be text, not a list" in found


def test_missing_required_fields_and_wrong_types() -> None:
    text = "events:\n  - id: x\n    date: 2021\n    tags: notalist\n"
    found = messages(text)
    assert "events.yaml:2: events[0].title: missing; every event needs it" in found
    assert "events.yaml:2: events[0].sources: missing; every event needs it" in found
    assert "events.yaml:4: events[0].tags: must be a list, not text" in found


def test_duplicate_ids_and_unknown_article() -> None:
    text = VALID.replace("id: earlier", "id: later").replace("article: art-two", "article: art-nine")
    found = messages(text)
    assert "events.yaml:16: events[1].id: 'later' is already used at line 7" in found
    assert any("'art-nine' is not an article of the corpus" in m for m in found)


def test_impossible_and_far_dates() -> None:
    assert any("there is no month 13" in m for m in messages(VALID.replace("2021-05-13", "2021-13-01")))
    assert any("outside 1000-2200" in m for m in messages(VALID.replace("2021-05-13", "9999-01-01")))
    assert any("is not a date" in m for m in messages(VALID.replace("2021-05-13", "next tuesday")))


@pytest.mark.parametrize(
    ("start", "first_day"), [("2021-05-12", "2021-05-12"), ("2021-W19~", "2021-05-10"), ("2021", "2021-01-01")]
)
def test_a_declared_start_is_read_like_an_event_date(start: str, first_day: str) -> None:
    events_file, problems = parse_events("events.yaml", f"start: {start}\n{VALID}", ARTICLES)
    assert problems == []
    assert events_file.start is not None and events_file.start.first_day.isoformat() == first_day
    assert parse_events("events.yaml", VALID, ARTICLES)[0].start is None


def test_an_invalid_start_is_a_problem_at_its_line() -> None:
    found = messages(VALID.replace("events:\n", "start: 2021-13-01\nevents:\n"))
    assert found == ["events.yaml:6: start: '2021-13-01': there is no month 13"]  # as an event's date is told
    assert messages(f"start: [2021]\n{VALID}")[0].startswith("events.yaml:1: start: must be a date such as")
    assert any(m.startswith("events.yaml:1: begin: unknown field") for m in messages(f"begin: 2021\n{VALID}"))


def test_relative_basis_must_say_against_what() -> None:
    text = VALID.replace(", resolved_against: publication 2021-05-20", "")
    assert any("a relative date must say what it was resolved against" in m for m in messages(text))


def test_duplicate_keys_refused() -> None:
    assert any("key 'id' appears twice" in m for m in messages("events:\n  - id: a\n    id: b\n"))


def test_billion_laughs_refused_quickly() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    found = messages("\n".join(lines) + "\n")
    assert any("too many alias expansions" in m for m in found)


def test_python_tags_are_not_constructed() -> None:
    found = messages("events: !!python/object/apply:os.system ['echo hacked']\n")
    assert found == ["events.yaml:1: the tag !!python/object/apply:os.system is not allowed; remove it"]


@pytest.mark.parametrize("data", [b"\xef\xbb\xbf" + VALID.encode(), VALID.replace("\n", "\r\n").encode()])
def test_bom_and_crlf(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "events.yaml"
    path.write_bytes(data)
    events_file, problems = load_events(path, ARTICLES)
    assert problems == [] and len(events_file.events) == 2


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_bytes(b"events:\n  - id: caf\xe9\n")
    _, problems = load_events(path, ARTICLES)
    assert str(problems[0]) == f"{path}:2: not UTF-8 text (byte 0xe9 at offset 19); save it as UTF-8"


def test_missing_file(tmp_path: Path) -> None:
    _, problems = load_events(tmp_path / "nope.yaml")
    assert "no such file" in problems[0].message


def test_nothing_is_written(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text("events: [broken")
    before = path.stat().st_mtime_ns, path.read_bytes()
    load_events(path, ARTICLES)
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.yaml"]
