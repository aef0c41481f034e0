"""Writing back to events.yaml: each change touches only its lines, is validated, atomic and never overwrites."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from tui import curate
from tui.events import comment_cuts, load_events, parse_events
from tui.model import DateValue

ARTICLES = {"art-one", "art-two"}

COMMENTED = """\
# A heavily commented events file: every comment, blank line and quoting style must survive.

actors:   # the registry
  # People
  - id: joe-biden   # the president
    name: 'Joe Biden'
    kind: person
    aliases: [Biden, "President Biden"]  # flow list, mixed quotes

  # Places
  - id: israel
    name: Israel
    kind: place

events:
  # May 2021
  - id: first   # first event
    date: 2021-05-10
    date_basis: {method: explicit, expression: May 10}
    title: "First event"   # double-quoted
    summary: >-
      A folded summary
      over two lines.
    actors: [joe-biden]
    tags: [one]
    sources:
      - article: art-one   # where
        quote: a quote long enough
    # a comment inside the event

  # Later in May
  - id: second
    date: 2021-05-20
    date_basis:
      method: explicit
      expression: May 20
    title: Second event
    summary: Happens second.
    sources:
      - article: art-two
        quote: 'another quote here'
# trailing comment of the file
"""


@pytest.fixture
def events_path(tmp_path: Path) -> Path:
    path = tmp_path / "events.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    return path


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """The lines removed and the lines added."""
    removed, added = [], []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


def exact_text(path: Path) -> str:
    """The file's text with its line ends as they are (read_text would turn a carriage return alone into a newline)."""
    return path.read_bytes().decode("utf-8")


def apply(path: Path, operation: curate.Operation) -> curate.Change:
    before = exact_text(path)
    change = curate.apply(path, operation, ARTICLES)
    assert change.before == before
    assert exact_text(path) == change.after
    return change


def test_accept_appends_one_source_and_nothing_else(events_path: Path) -> None:
    change = apply(events_path, curate.accept("first", "art-two", "what the other article says"))
    assert changed_lines(change.before, change.after) == (
        [],
        ["      - article: art-two", "        quote: what the other article says"],
    )
    # the new source is the event's last, above the comment that ended it
    lines = change.after.splitlines()
    assert lines.index("        quote: what the other article says") < lines.index("    # a comment inside the event")
    event = load_events(events_path, ARTICLES)[0].event("first")
    assert [s.article for s in event.sources] == ["art-one", "art-two"]


def test_reject_records_article_and_words_and_withdraws_on_accept(events_path: Path) -> None:
    change = apply(events_path, curate.reject("second", "art-one", "a suggested passage of art one"))
    assert changed_lines(change.before, change.after) == (
        [],
        ["    rejected:", "      - article: art-one", "        quote: a suggested passage of art one"],
    )
    event = load_events(events_path, ARTICLES)[0].event("second")
    assert [(r.article, r.quote) for r in event.rejected] == [("art-one", "a suggested passage of art one")]
    change = apply(events_path, curate.accept("second", "art-one", "a suggested passage of art one"))
    assert load_events(events_path, ARTICLES)[0].event("second").rejected == ()
    assert "rejected:" not in change.after


@pytest.mark.parametrize(
    "quote",
    [
        "Israel isn't a country; it's a #TerroristCamp against Palestinians",
        "the key: a value after a colon",
        "[bracketed] words first",
        "a quote over\ntwo lines",
        "'single' and \"double\" quotes",
        "trailing spaces  ",
        "- a dash first",
    ],
)
def test_new_strings_read_back_whole(events_path: Path, quote: str) -> None:
    apply(events_path, curate.accept("first", "art-two", quote))
    event = load_events(events_path, ARTICLES)[0].event("first")
    assert event.sources[-1].quote == quote
    assert comment_cuts(str(events_path), events_path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("title", ["yes", "off", "2021-05-12", "12:30", "null", "~"])
def test_text_that_yaml_1_1_reads_otherwise_stays_text(events_path: Path, title: str) -> None:
    apply(events_path, curate.edit_event("first", {"title": title}))
    assert load_events(events_path, ARTICLES)[0].event("first").title == title


def test_add_event_goes_in_date_order_above_the_next_heading(events_path: Path) -> None:
    new = curate.NewEvent(
        id="middle",
        date="2021-05-15",
        title="Middle: an event # in between",
        summary="Between the two.",
        sources=(("art-one", "a quote long enough"),),
        method="relative",
        expression="on Saturday",
        basis_article="art-one",
        resolved_against="publication date 2021-05-17 (Monday)",
        actors=("joe-biden",),
        tags=("middle",),
    )
    change = apply(events_path, curate.add_event(new))
    removed, added = changed_lines(change.before, change.after)
    assert removed == []
    assert added[0] == "  - id: middle"
    assert "    date: 2021-05-15" in added
    lines = change.after.splitlines()
    assert lines.index("  - id: middle") < lines.index("  # Later in May") < lines.index("  - id: second")
    events_file, _ = load_events(events_path, ARTICLES)
    event = events_file.event("middle")
    assert event.title == "Middle: an event # in between"
    assert event.date == DateValue.parse("2021-05-15")
    assert event.date_basis.resolved_against == "publication date 2021-05-17 (Monday)"
    assert [e.id for e in events_file.events] == ["first", "middle", "second"]


def test_add_actor_and_alias(events_path: Path) -> None:
    change = apply(events_path, curate.add_actor("hamas", "Hamas", "organisation", ["Islamic Resistance Movement"]))
    assert changed_lines(change.before, change.after) == (
        [],
        ["  - id: hamas", "    name: Hamas", "    kind: organisation", "    aliases: [Islamic Resistance Movement]"],
    )
    lines = change.after.splitlines()
    assert lines.index("    kind: place") + 1 == lines.index("  - id: hamas")
    change = apply(events_path, curate.add_alias("joe-biden", "Joseph R. Biden"))
    assert changed_lines(change.before, change.after) == (
        ['    aliases: [Biden, "President Biden"]  # flow list, mixed quotes'],
        ['    aliases: [Biden, "President Biden", Joseph R. Biden] # flow list, mixed quotes'],
    )  # ruamel writes a comment after a flow list one space away


def test_edit_event_changes_only_its_fields(events_path: Path) -> None:
    change = apply(events_path, curate.edit_event("second", {"title": "Second, renamed", "tags": ["x", "y"]}))
    assert changed_lines(change.before, change.after) == (
        ["    title: Second event"],
        ["    title: Second, renamed", "    tags: [x, y]"],
    )
    event = load_events(events_path, ARTICLES)[0].event("second")
    assert (event.title, event.tags) == ("Second, renamed", ("x", "y"))


def test_every_comment_survives_every_operation(events_path: Path) -> None:
    comments = [line for line in COMMENTED.splitlines() if "#" in line]
    for operation in (
        curate.accept("first", "art-two", "first # accepted"),
        curate.reject("first", "art-one", "rejected words here"),
        curate.add_actor("hamas", "Hamas", "organisation"),
        curate.add_alias("israel", "State of Israel"),
        curate.edit_event("first", {"notes": "A note: with # signs", "summary": "Shorter."}),
        curate.add_event(curate.NewEvent("last", "2021-06", "Last", "In June.", (("art-two", "another quote here"),))),
    ):
        apply(events_path, operation)
    text = events_path.read_text(encoding="utf-8")
    for comment in comments:
        assert comment.split("#", 1)[1] in text
    assert text.endswith("# trailing comment of the file\n")
    assert parse_events("e", text, ARTICLES)[1] == []


def test_an_invalid_result_is_refused_with_the_problems_and_nothing_written(events_path: Path) -> None:
    with pytest.raises(curate.EditRefused) as refused:
        curate.apply(events_path, curate.accept("first", "no-such-article", "some words here"), ARTICLES)
    assert any("no-such-article" in str(p) for p in refused.value.problems)
    with pytest.raises(curate.EditRefused):
        curate.apply(events_path, curate.edit_event("first", {"actors": ["nobody"]}), ARTICLES)
    with pytest.raises(curate.EditRefused, match="already exists"):
        curate.apply(events_path, curate.add_actor("israel", "Israel", "place"), ARTICLES)
    with pytest.raises(curate.EditRefused, match="no event"):
        curate.apply(events_path, curate.reject("nope", "art-one", "some words here"), ARTICLES)
    assert events_path.read_text(encoding="utf-8") == COMMENTED


def test_a_file_changed_since_it_was_read_is_never_overwritten(events_path: Path) -> None:
    read, _ = load_events(events_path, ARTICLES)
    edited = COMMENTED.replace("Happens second.", "Edited by hand meanwhile.")
    events_path.write_text(edited, encoding="utf-8")
    with pytest.raises(curate.FileChanged):
        curate.apply(events_path, curate.accept("first", "art-two", "some words here"), ARTICLES, read.sha256)
    assert events_path.read_text(encoding="utf-8") == edited


def test_undo_puts_the_old_bytes_back_unless_the_file_changed(events_path: Path) -> None:
    change = apply(events_path, curate.accept("first", "art-two", "some words here"))
    curate.undo(change)
    assert events_path.read_text(encoding="utf-8") == COMMENTED
    change = apply(events_path, curate.accept("first", "art-two", "some words here"))
    events_path.write_text(change.after + "# hand edit\n", encoding="utf-8")
    with pytest.raises(curate.FileChanged):
        curate.undo(change)
    assert events_path.read_text(encoding="utf-8").endswith("# hand edit\n")


def test_crlf_bom_and_a_symlink_are_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_bytes(b"\xef\xbb\xbf" + COMMENTED.replace("\n", "\r\n").encode())
    link = tmp_path / "events.yaml"
    link.symlink_to(real)
    curate.apply(link, curate.accept("first", "art-two", "some words here"), ARTICLES)
    assert link.is_symlink()
    data = real.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"quote: some words here\r\n" in data


@pytest.mark.parametrize("empty", ["actors: []\nevents: []\n", "actors:\nevents: []  # none yet\n"])
def test_the_first_event_and_actor_of_an_empty_file(tmp_path: Path, empty: str) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(empty, encoding="utf-8")
    curate.apply(path, curate.add_actor("joe-biden", "Joe Biden", "person"), ARTICLES)
    new = curate.NewEvent("one", "2021-05-12", "One", "The first.", (("art-one", "a quote long enough"),))
    curate.apply(path, curate.add_event(new), ARTICLES)
    events_file, problems = load_events(path, ARTICLES)
    assert problems == []
    assert [e.id for e in events_file.events] == ["one"]
    assert [a.id for a in events_file.actors] == ["joe-biden"]
    assert ("# none yet" in path.read_text()) == ("# none yet" in empty)


def test_nothing_is_left_behind_in_the_folder(events_path: Path) -> None:
    apply(events_path, curate.accept("first", "art-two", "some words here"))
    assert os.listdir(events_path.parent) == ["events.yaml"]


def test_comment_cuts_finds_a_quote_cut_short() -> None:
    text = COMMENTED.replace("quote: a quote long enough", "quote: it's a #TerroristCamp against")
    warnings = comment_cuts("events.yaml", text)
    assert [(w.line, w.field) for w in warnings] == [(28, "quote")]
    assert "it's a" in warnings[0].message
    assert comment_cuts("events.yaml", COMMENTED) == []  # comments after ids, names and titles in quotes


def test_check_warns_of_a_quote_cut_by_a_comment_and_still_passes(data_dir: Path) -> None:
    import io

    from tui.cli import main

    events = data_dir / "events.yaml"
    text = events.read_text(encoding="utf-8")
    quoted = "\"Israel isn't a country; it's a #TerroristCamp against Palestinians & other Muslim nations.\""
    assert quoted in text
    events.write_text(text.replace(quoted, quoted.strip('"')), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["check", "--events", str(events)], out, err) == 0
    line = next(n for n, s in enumerate(events.read_text().splitlines(), 1) if "quote: Israel isn" in s)
    assert f"warning: {events}:{line}: quote: reads as" in err.getvalue()
    assert "All valid" in out.getvalue()


def test_replace_quote_changes_one_line(events_path: Path) -> None:
    change = apply(events_path, curate.replace_quote("second", "art-two", "another quote here", "a better: quote #2"))
    assert changed_lines(change.before, change.after) == (
        ["        quote: 'another quote here'"],
        ["        quote: 'a better: quote #2'"],
    )
    with pytest.raises(curate.EditRefused, match="no source"):
        curate.apply(events_path, curate.replace_quote("second", "art-two", "not its quote", "x y z w v"), ARTICLES)


def test_a_list_written_inline_is_refused_with_a_way_out(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    inline = "actors: [{id: joe-biden, name: Joe Biden, kind: person}]\n" + COMMENTED[COMMENTED.index("events:") :]
    path.write_text(inline, encoding="utf-8")
    for operation in (curate.add_alias("joe-biden", "Biden"), curate.add_actor("hamas", "Hamas", "organisation")):
        with pytest.raises(curate.EditRefused, match="write it as a block list"):
            curate.apply(path, operation, ARTICLES)
    assert path.read_text(encoding="utf-8") == inline


LAYOUTS = {
    "a dash on its own line": """\
events:
  -
    id: first
    date: 2021-05-10
    date_basis: {method: explicit, expression: May 10}
    title: First
    summary: s
    sources:
      - {article: art-one, quote: "a quote long enough"}
  - id: second
    date: 2021-05-11
    date_basis: {method: explicit, expression: May 11}
    title: Second
    summary: s
    sources:
      - article: art-one
        quote: a quote long enough
""",
    "an alias to an anchor in another event": """\
events:
  - id: first
    date: 2021-05-10
    date_basis: &basis {method: explicit, expression: in May}
    title: First
    summary: s
    sources:
      - article: art-one
        quote: a quote long enough
  - id: second   # a comment after the id
    date: 2021-05-11
    date_basis: *basis
    title: Second
    summary: s
    sources:
      - article: art-one
        quote: a quote long enough
""",
    "a carriage return alone and a line separator inside texts": """\
events:
  - id: first
    date: 2021-05-10
    date_basis: {method: explicit, expression: May 10}
    title: "First,\rwith a carriage return"
    summary: s
    sources:
      - article: art-one
        quote: "a quote long enough,\u2028with a line separator"
  - id: second
    date: 2021-05-11
    date_basis: {method: explicit, expression: May 11}
    title: Second
    summary: s
    sources:
      - article: art-one
        quote: a quote long enough
""",
    "events before actors, a quoted text over two lines": """\
events:
- id: first
  date: 2021-05-10
  date_basis: {method: explicit, expression: May 10}
  title: First
  summary: s
  sources:
  - article: art-one
    quote: "a quote long enough,
      over two lines"
- id: second
  date: 2021-05-11
  date_basis: {method: explicit, expression: May 11}
  title: Second
  summary: s
  sources:
  - article: art-one
    quote: "a quote long enough,
  over two lines and back to the list's column"

  # a comment that ends the list

actors:
- id: someone
  name: Some One
  kind: person
""",
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_each_event_changes_alone_whatever_the_layout(tmp_path: Path, layout: str) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(LAYOUTS[layout], encoding="utf-8")
    before, problems = parse_events("e", LAYOUTS[layout], ARTICLES)
    assert problems == []
    for event_id in ("first", "second"):
        change = apply(path, curate.edit_event(event_id, {"summary": f"new summary of {event_id}"}))
        removed, added = changed_lines(change.before, change.after)
        assert [line.strip() for line in removed] == ["summary: s"]
        assert [line.strip() for line in added] == [f"summary: new summary of {event_id}"]
    events = load_events(path, ARTICLES)[0]
    assert [(e.id, e.title, e.summary) for e in events.events] == [
        ("first", before.event("first").title, "new summary of first"),
        ("second", "Second", "new summary of second"),
    ]


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_a_new_event_goes_in_date_order_whatever_the_layout(tmp_path: Path, layout: str) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(LAYOUTS[layout], encoding="utf-8")
    new = curate.NewEvent("between", "2021-05-10", "Between", "s", (("art-two", "words of the new event"),))
    change = apply(path, curate.add_event(new))
    assert changed_lines(change.before, change.after)[0] == []
    assert [e.id for e in load_events(path, ARTICLES)[0].events] == ["first", "between", "second"]
