from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from conftest import ROOT, write_article

from tui.cli import main
from tui.extract import DatedStatement, extract
from tui.sentences import sentence_at
from tui.timeline import build_timeline

EVENTS = str(ROOT / "events.yaml")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def statements() -> list[DatedStatement]:
    """The dated statements of the bundled data."""
    timeline = build_timeline(ROOT / "events.yaml", ROOT / "corpus")
    return extract(timeline.articles, timeline.events, timeline.anchors)


def test_bundled_corpus_has_no_uncovered_dated_statement(statements: list[DatedStatement]) -> None:
    assert [s for s in statements if s.status == "uncovered"] == []
    by_expression = {(s.article, s.mention.text): s for s in statements}
    letter = by_expression[("mee-iran-talks-will-continue", "Wednesday")]
    assert letter.mention.value == "2021-05-12"
    assert letter.covered_by == ("senators-letter-end-iran-talks",)
    assert letter.sentence.startswith("A group of 43 Republican Senators sent a letter")
    nine_eleven = by_expression[("rafizadeh-iran-incites-as-talks-advance", "9/11")]
    assert nine_eleven.covered_by == ("september-11-attacks-claim",)


def test_the_closest_dated_event_wins_over_a_wider_one(statements: list[DatedStatement]) -> None:
    monday = next(s for s in statements if s.mention.text == "Monday afternoon")
    # 2021-05-15~ (the earlier call) also fits the day within two days, but the same-day event is the answer
    assert monday.covered_by == ("biden-netanyahu-call-monday",)


def test_vague_words_are_covered_by_the_event_they_date(statements: list[DatedStatement]) -> None:
    covered = {(s.article, s.paragraph, s.mention.text): s.covered_by for s in statements}
    assert covered[("rafizadeh-iran-incites-as-talks-advance", 3, "recently")] == ("ghaani-haniyeh-call",)
    assert covered[("mee-iran-talks-will-continue", 23, "later")] == ("psaki-rockets-not-self-defence",)
    assert covered[("mee-iran-talks-will-continue", 24, "recent days")] == ()  # no event is dated by them


def test_notes_say_why_no_event_is_needed(statements: list[DatedStatement]) -> None:
    notes = {(s.article, s.mention.text): s.note for s in statements}
    assert notes[("senators-urge-biden-halt-iran-talks", "2021-05-18")] == "the article's own date line"
    assert "2021-05" in notes[("rafizadeh-iran-incites-as-talks-advance", "today")]
    assert "PAST_REF" in notes[("mee-iran-talks-will-continue", "recent days")]


def test_boilerplate_paragraphs_are_skipped(data_dir: Path) -> None:
    write_article(
        data_dir / "corpus",
        "with-furniture",
        "Subscribe by May 31, 2021 for our newsletter\n\nNothing dated here.\n",
        boilerplate='\n  - "Subscribe by May 31, 2021 for our newsletter"',
    )
    timeline = build_timeline(data_dir / "events.yaml", data_dir / "corpus")
    assert [
        s for s in extract(timeline.articles, timeline.events, timeline.anchors) if s.article == "with-furniture"
    ] == []


def test_a_new_dated_statement_is_uncovered_until_an_event_quotes_it(data_dir: Path) -> None:
    write_article(
        data_dir / "corpus",
        "new-article",
        "The envoys met in Geneva on Tuesday to restart the talks.\n\nNo date here.\n",
        published="2021-05-20",
    )
    code, out, _ = run("extract", "--uncovered", "--json", "--events", str(data_dir / "events.yaml"))
    assert code == 0
    (item,) = json.loads(out)
    assert item["article"] == "new-article" and item["paragraph"] == 1
    assert (item["expression"], item["value"], item["status"]) == ("Tuesday", "2021-05-18", "uncovered")
    assert item["sentence"] == "The envoys met in Geneva on Tuesday to restart the talks."

    events = data_dir / "events.yaml"
    events.write_text(
        events.read_text(encoding="utf-8")
        + """
  - id: geneva-envoys-meet
    date: 2021-05-18
    date_basis: {method: relative, expression: on Tuesday, article: new-article, resolved_against: 2021-05-20}
    title: Envoys meet in Geneva
    summary: The envoys met in Geneva.
    sources:
      - article: new-article
        quote: The envoys met in Geneva
""",
        encoding="utf-8",
    )
    code, out, _ = run("extract", "--uncovered", "--json", "--events", str(events))
    assert code == 0 and json.loads(out) == []


def test_extract_text_output_lists_and_counts() -> None:
    code, out, _ = run("extract", "--events", EVENTS)
    assert code == 0
    assert '2021-05-12     mee-iran-talks-will-continue ¶7  "Wednesday" (relative)  covered: senators-letter' in out
    assert out.rstrip().endswith("0 uncovered, 7 need no event.")
    code, out, _ = run("extract", "--uncovered", "--events", EVENTS)
    assert (code, out) == (0, "27 dated statements: 20 covered, 0 uncovered, 7 need no event.\n")


def test_extract_json_shape() -> None:
    code, out, _ = run("extract", "--json", "--events", EVENTS)
    assert code == 0
    items = json.loads(out)
    keys = {"article", "paragraph", "sentence", "expression", "start", "end", "value", "precision", "method"}
    assert all(keys | {"status", "covered_by", "note", "relies_on"} == set(item) for item in items)
    assert {item["status"] for item in items} == {"covered", "no event needed"}


def test_extract_on_invalid_data_is_exit_1(data_dir: Path) -> None:
    (data_dir / "events.yaml").write_text("events: [\n")
    code, _, err = run("extract", "--events", str(data_dir / "events.yaml"))
    assert code == 1 and "Traceback" not in err


def test_sentence_at_keeps_abbreviations_inside() -> None:
    text = "date 2021-05-18 U.S. Senators are calling on Dr. Smith. He said no on Monday. Then he left."
    assert sentence_at(text, 6) == "date 2021-05-18 U.S. Senators are calling on Dr. Smith."
    assert sentence_at(text, text.index("Monday")) == "He said no on Monday."


def test_extract_resolves_reported_plans_ahead(data_dir: Path) -> None:
    write_article(
        data_dir / "corpus",
        "vienna-round",
        "He said the round would open on May 25. The ministers will meet again in January.\n\n"
        "He said talks would resume on Friday; the envoys had met on Monday.\n",
        published="2021-05-20",
    )
    code, out, _ = run("extract", "--uncovered", "--json", "--events", str(data_dir / "events.yaml"))
    assert code == 0
    found = [(i["expression"], i["value"]) for i in json.loads(out) if i["article"] == "vienna-round"]
    ahead = [("May 25", "2021-05-25"), ("January", "2022-01"), ("Friday", "2021-05-21")]
    assert found == [*ahead, ("Monday", "2021-05-17")]


def test_a_financial_year_needs_no_event_and_says_why(data_dir: Path) -> None:
    write_article(
        data_dir / "corpus",
        "annual-results",
        "The carrier lost money in the last financial year and expects a profit in fiscal 2022.\n",
        published="2021-05-20",
    )
    code, out, _ = run("extract", "--json", "--events", str(data_dir / "events.yaml"))
    assert code == 0
    found = [(i["expression"], i["value"], i["status"]) for i in json.loads(out) if i["article"] == "annual-results"]
    assert found == [
        ("the last financial year", "FY2020", "no event needed"),
        ("fiscal 2022", "FY2022", "no event needed"),
    ]
    assert all("financial year" in i["note"] for i in json.loads(out) if i["article"] == "annual-results")
