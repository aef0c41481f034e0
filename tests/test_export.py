"""Each export format, parsed back by an independent parser, on a timeline with real passages."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import subprocess
import sys
from dataclasses import replace
from html.parser import HTMLParser

import icalendar
import pytest
from conftest import ROOT
from markdown_it import MarkdownIt

from tui.datebasis import date_label
from tui.export import FORMATS, render, select
from tui.export.csv_export import COLUMNS
from tui.export.ics import fold
from tui.filters import EventFilter
from tui.model import DateValue, Passage
from tui.serialize import actor_dict
from tui.timeline import Timeline, build_timeline

# A timeline of the bundled data with real passages (real paragraphs, real spans) and one event full of characters
# that every output format must escape.
LETTER = "senators-letter-end-iran-talks"
LETTER_QUOTE = "dozens of senators wrote in a letter dated May 12, 2021 to President Biden"
MEE_QUOTE = "A group of 43 Republican Senators sent a letter to Blinken on Wednesday"
DISCOVERED = "quickly dismissed calls by the Senators"
SPECIAL = "biden-defends-air-campaign"
SPECIAL_TITLE = 'Semi; comma, back\\slash "quoted" <b>bold</b> *star* _under_ [link](x) & #hash | pipe ~ ¶ 😀'
SPECIAL_SUMMARY = "Line one\nline two; " + "ünïcødé 😀 — long text " * 12


def passage(timeline: Timeline, article_id: str, needle: str, score: float, curated: bool) -> Passage:
    """The span of `needle` in the paragraph of `article_id` that holds it, as the matcher would report it."""
    article = timeline.article(article_id)
    assert article is not None
    paragraph = next(p for p in article.paragraphs if needle in p.text)
    start = paragraph.text.index(needle)
    return Passage(article_id, paragraph.number, start, start + len(needle), needle, score, curated)


def timeline_with_passages() -> Timeline:
    """The bundled timeline with a known set of passages for the letter, and one event full of special characters."""
    base = build_timeline(ROOT / "events.yaml", ROOT / "corpus")
    passages = {  # the matcher's passages, the letter's replaced by a known set
        **base.passages,
        LETTER: (
            passage(base, "senators-urge-biden-halt-iran-talks", LETTER_QUOTE, 97.25, True),
            passage(base, "mee-iran-talks-will-continue", MEE_QUOTE, 91.0, True),
            passage(base, "rafizadeh-iran-incites-as-talks-advance", DISCOVERED, 72.4, False),
        ),
    }
    events = tuple(
        replace(e, title=SPECIAL_TITLE, summary=SPECIAL_SUMMARY, notes="a note, with; specials")
        if e.id == SPECIAL
        else e
        for e in base.events
    )
    return replace(base, events_file=replace(base.events_file, events=events), passages=passages)


WEEK, MONTH, YEAR = "hamas-rockets-on-israel", "vienna-talks-under-way", "united-states-attacked-1983-claim"


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    return timeline_with_passages()


def export(timeline: Timeline, fmt: str, event_filter: EventFilter | None = None) -> str:
    return render(select(timeline, event_filter), fmt)


class _TextOf(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.feed(html)
        self.close()

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.parts)


# JSON


def test_json_round_trips_the_timeline(timeline: Timeline) -> None:
    doc = json.loads(export(timeline, "json"))
    assert doc["schema_version"] == 1 and doc["filter"] is None
    assert [e["id"] for e in doc["events"]] == [e.id for e in timeline.events]
    for data, event in zip(doc["events"], timeline.events, strict=True):
        date = DateValue.parse(data["edtf"])
        assert (date, date.precision, date.approximate) == (event.date, event.date.precision, event.date.approximate)
        assert data["precision"] == event.date.precision and data["approximate"] == event.date.approximate
        assert (data["first_day"], data["last_day"]) == (str(event.date.first_day), str(event.date.last_day))
        assert data["date_basis"]["method"] == event.date_basis.method
        assert data["date_basis"]["expression"] == event.date_basis.expression
        assert (data["title"], data["summary"], data["notes"]) == (event.title, event.summary, event.notes)
        assert tuple(data["actors"]) == event.actors and tuple(data["tags"]) == event.tags
        assert [(s["article"], s["quote"]) for s in data["sources"]] == [(s.article, s.quote) for s in event.sources]
        passages = timeline.passages_of(event.id)
        assert len(data["passages"]) == len(passages)
        for got, want in zip(data["passages"], passages, strict=True):
            assert (got["article"], got["paragraph"], got["start"], got["end"]) == (
                want.article,
                want.paragraph,
                want.start,
                want.end,
            )
            assert got["text"] == want.text and got["curated"] == want.curated
            assert got["score"] == pytest.approx(want.score, abs=0.05)
            article = timeline.article(want.article)
            assert article is not None
            assert article.text[got["file_start"] : got["file_end"]] == want.text
    assert [a["id"] for a in doc["articles"]] == [a.id for a in timeline.articles]
    for data, article in zip(doc["articles"], timeline.articles, strict=True):
        assert (data["title"], data["outlet"], data["author"], data["url"]) == (
            article.title,
            article.outlet,
            article.author,
            article.url,
        )
        assert data["published"] == (article.published.iso if article.published else None)
        assert data["published_basis"] == article.published_basis and data["sha256"] == article.sha256
        assert data["published_approximate"] == (article.published.approximate if article.published else None)
    assert doc["actors"] == [actor_dict(a) for a in timeline.actors]


def test_json_letter_has_its_three_passages(timeline: Timeline) -> None:
    doc = json.loads(export(timeline, "json"))
    letter = next(e for e in doc["events"] if e["id"] == LETTER)
    assert [p["text"] for p in letter["passages"]] == [LETTER_QUOTE, MEE_QUOTE, DISCOVERED]
    assert [p["curated"] for p in letter["passages"]] == [True, True, False]


def test_json_filtered_export_keeps_only_what_the_events_refer_to(timeline: Timeline) -> None:
    f = EventFilter(actors=frozenset({"ali-khamenei"}), start=DateValue.parse("2021"))
    doc = json.loads(export(timeline, "json", f))
    assert doc["filter"] == {"actors": ["ali-khamenei"], "articles": [], "tags": [], "from": "2021", "to": None}
    assert doc["events"] and all("ali-khamenei" in e["actors"] for e in doc["events"])
    assert all(e["last_day"] >= "2021-01-01" for e in doc["events"])
    named = {a for e in doc["events"] for a in e["actors"]}
    assert {a["id"] for a in doc["actors"]} == named
    cited = {s["article"] for e in doc["events"] for s in e["sources"]}
    assert {a["id"] for a in doc["articles"]} == cited


# TimelineJS


def test_timelinejs_has_the_required_keys_and_known_date_parts(timeline: Timeline) -> None:
    doc = json.loads(export(timeline, "timelinejs"))
    assert doc["title"]["text"]["headline"]
    slides = {s["unique_id"]: s for s in doc["events"]}
    assert list(slides) == [e.id for e in timeline.events]
    for event in timeline.events:
        s = slides[event.id]
        assert set(s) >= {"start_date", "text", "unique_id"}
        assert set(s["text"]) == {"headline", "text"}
        assert all(isinstance(v, int) for v in s["start_date"].values())
        if event.tags:
            assert s["group"] == event.tags[0]
    assert slides[LETTER]["start_date"] == {"year": 2021, "month": 5, "day": 12}
    assert "end_date" not in slides[LETTER] and "display_date" not in slides[LETTER]
    assert slides[MONTH]["start_date"] == {"year": 2021, "month": 5}
    assert slides[MONTH]["display_date"] == "about May 2021"
    assert slides[YEAR]["start_date"] == {"year": 1983}
    week = slides[WEEK]  # 2021-W19: Monday 10 to Sunday 16 May
    assert week["start_date"] == {"year": 2021, "month": 5, "day": 10}
    assert week["end_date"] == {"year": 2021, "month": 5, "day": 16}
    assert week["display_date"] == "week of 10 May 2021 (2021-W19)"


def test_timelinejs_cites_passages_and_escapes_html(timeline: Timeline) -> None:
    doc = json.loads(export(timeline, "timelinejs"))
    slides = {s["unique_id"]: s for s in doc["events"]}
    letter = _TextOf(slides[LETTER]["text"]["text"]).text
    article = timeline.article("senators-urge-biden-halt-iran-talks")
    assert article is not None
    number = next(p.number for p in article.paragraphs if LETTER_QUOTE in p.text)
    assert f"¶{number}: “{LETTER_QUOTE}”" in letter
    assert MEE_QUOTE in letter and DISCOVERED in letter
    special = slides[SPECIAL]["text"]
    assert "<b>bold" not in special["headline"]
    assert _TextOf(special["headline"]).text == SPECIAL_TITLE
    assert "<b>" not in special["text"].replace("<b>Date:</b>", "").replace("<b>Note:</b>", "").replace(
        "<b>Sources</b>", ""
    )


# CSV


def test_csv_one_row_per_event_parsed_back(timeline: Timeline) -> None:
    text = export(timeline, "csv")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "").replace(SPECIAL_SUMMARY, "")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [r["id"] for r in rows] == [e.id for e in timeline.events]
    by_id = {r["id"]: r for r in rows}
    letter = by_id[LETTER]
    assert (letter["date"], letter["precision"], letter["approximate"]) == ("2021-05-12", "day", "no")
    article = timeline.article("senators-urge-biden-halt-iran-talks")
    assert article is not None
    number = next(p.number for p in article.paragraphs if LETTER_QUOTE in p.text)
    assert letter["sources"].startswith(
        f"senators-urge-biden-halt-iran-talks ¶{number}; mee-iran-talks-will-continue ¶"
    )
    assert "Joe Biden" in letter["actors"].split("; ")
    assert by_id[WEEK]["date"] == "2021-W19" and by_id[MONTH]["approximate"] == "yes"
    assert by_id[SPECIAL]["title"] == SPECIAL_TITLE and by_id[SPECIAL]["summary"] == SPECIAL_SUMMARY


def test_csv_defuses_formulas() -> None:
    base = timeline_with_passages()
    events = tuple(replace(e, title="=HYPERLINK(1)") if e.id == LETTER else e for e in base.events)
    rigged = Timeline(base.corpus, replace(base.events_file, events=events), base.passages)
    rows = list(csv.DictReader(io.StringIO(export(rigged, "csv"), newline="")))
    assert next(r for r in rows if r["id"] == LETTER)["title"] == "'=HYPERLINK(1)"


# Markdown


def test_markdown_footnotes_quote_the_passages(timeline: Timeline) -> None:
    text = export(timeline, "markdown")
    refs = re.findall(r"\[\^(\d+)\](?!:)", text)
    defs = re.findall(r"^\[\^(\d+)\]: ", text, re.M)
    assert refs and sorted(set(refs), key=int) == defs == [str(n) for n in range(1, len(defs) + 1)]
    article = timeline.article("senators-urge-biden-halt-iran-talks")
    assert article is not None
    number = next(p.number for p in article.paragraphs if LETTER_QUOTE in p.text)
    note = next(line for line in text.splitlines() if LETTER_QUOTE in line)
    assert note.startswith("[^") and f"¶{number}: “{LETTER_QUOTE}”" in note and article.title in note
    assert sum(1 for e in timeline.events for _ in e.sources) <= len(defs)


def test_markdown_escapes_special_text_as_a_parser_reads_it(timeline: Timeline) -> None:
    html = MarkdownIt("commonmark").render(export(timeline, "markdown"))
    event = timeline.event(SPECIAL)
    assert event is not None
    headings = re.findall(r"<h2>(.*?)</h2>", html)
    assert f"{date_label(event.date)}: {SPECIAL_TITLE}" in [_TextOf(h).text for h in headings]
    flat = " ".join(SPECIAL_SUMMARY.split())
    assert any(_TextOf(p).text.startswith(flat) for p in re.findall(r"<p>(.*?)</p>", html, re.S))


# iCalendar


def test_ics_parsed_by_icalendar(timeline: Timeline) -> None:
    text = export(timeline, "ics")
    calendar = icalendar.Calendar.from_ical(text)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert list(events) == [f"{e.id}@timeline" for e in timeline.events]
    for component in events.values():
        assert isinstance(component.decoded("DTSTAMP"), dt.datetime)
    letter = events[f"{LETTER}@timeline"]
    assert letter.decoded("DTSTART") == dt.date(2021, 5, 12) and letter.decoded("DTEND") == dt.date(2021, 5, 13)
    assert "VALUE=DATE" in text.split(f"UID:{LETTER}@timeline", 1)[1].split("END:VEVENT")[0].replace("\r\n ", "")
    assert str(letter["SUMMARY"]) == timeline.event(LETTER).title  # type: ignore[union-attr]
    assert LETTER_QUOTE in str(letter["DESCRIPTION"]) and DISCOVERED in str(letter["DESCRIPTION"])
    week = events[f"{WEEK}@timeline"]
    assert (week.decoded("DTSTART"), week.decoded("DTEND")) == (dt.date(2021, 5, 10), dt.date(2021, 5, 17))
    assert str(week["SUMMARY"]).startswith("[week of 10 May 2021 (2021-W19)] ")
    month = events[f"{MONTH}@timeline"]
    assert (month.decoded("DTSTART"), month.decoded("DTEND")) == (dt.date(2021, 5, 1), dt.date(2021, 6, 1))
    assert str(month["SUMMARY"]).startswith("[about May 2021] ")
    year = events[f"{YEAR}@timeline"]
    assert (year.decoded("DTSTART"), year.decoded("DTEND")) == (dt.date(1983, 1, 1), dt.date(1984, 1, 1))


def test_ics_folds_and_escapes_long_special_text(timeline: Timeline) -> None:
    data = export(timeline, "ics").encode("utf-8")
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # a fold never splits a UTF-8 sequence
    special = next(
        e for e in icalendar.Calendar.from_ical(data).walk("VEVENT") if str(e["UID"]) == f"{SPECIAL}@timeline"
    )
    assert str(special["SUMMARY"]) == SPECIAL_TITLE
    assert str(special["DESCRIPTION"]).startswith(SPECIAL_SUMMARY)
    assert "a note, with; specials" in str(special["DESCRIPTION"])
    assert "SUMMARY:Semi\\; comma\\, back\\\\slash" in data.decode("utf-8")


def test_ics_dates_are_padded_before_the_year_1000(timeline: Timeline) -> None:
    events = tuple(replace(e, date=DateValue.parse("0800-03")) if e.id == YEAR else e for e in timeline.events)
    early = Timeline(timeline.corpus, replace(timeline.events_file, events=events), timeline.passages)
    text = export(early, "ics", EventFilter(end=DateValue.parse("0900")))
    assert "DTSTART;VALUE=DATE:08000301\r\n" in text and "DTEND;VALUE=DATE:08000401\r\n" in text


def test_fold_counts_octets_not_characters() -> None:
    line = "DESCRIPTION:" + "é" * 100
    folded = fold(line)
    assert folded.replace("\r\n ", "") == line
    assert all(len(part.encode("utf-8")) <= 75 for part in folded.split("\r\n"))
    assert fold("SHORT:x") == "SHORT:x"


def test_every_format_handles_an_empty_selection(timeline: Timeline) -> None:
    nothing = EventFilter(start=DateValue.parse("1900"), end=DateValue.parse("1900"))
    assert json.loads(export(timeline, "json", nothing))["events"] == []
    assert json.loads(export(timeline, "timelinejs", nothing))["events"] == []
    assert list(csv.reader(io.StringIO(export(timeline, "csv", nothing)))) == [list(COLUMNS)]
    assert "0 events" in export(timeline, "markdown", nothing)
    assert icalendar.Calendar.from_ical(export(timeline, "ics", nothing)).walk("VEVENT") == []
    assert set(FORMATS) == {"json", "timelinejs", "csv", "markdown", "ics"}


def test_exports_and_add_article_never_import_textual() -> None:
    code = "import sys, tui.cli, tui.export, tui.addarticle, tui.atomic; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_ics_text_never_holds_control_characters() -> None:
    from tui.export.ics import escape_text

    escaped = escape_text("a\x1b[31mred\x07, tab\there; line\r\nnext")
    assert escaped == "a␛[31mred␇\\, tab here\\; line\\nnext"
    assert not any(ord(c) < 0x20 for c in escaped)


def test_a_source_the_matcher_could_not_anchor_is_cited_by_its_quote(timeline: Timeline) -> None:
    from tui.align import Unanchored
    from tui.export.common import citations

    event = timeline.event(LETTER)
    assert event is not None
    source = event.sources[-1]
    assert all(c.paragraph is not None for c in citations(timeline, event))
    lost = replace(timeline, unanchored=(Unanchored(LETTER, source, None),))
    cited = citations(lost, event)
    assert cited[-1].paragraph is None and cited[-1].text == source.quote and cited[-1].article_id == source.article


class _Tags(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)


def test_timelinejs_escapes_every_field_it_renders_as_html() -> None:
    base = timeline_with_passages()
    evil = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    events = tuple(
        replace(e, title=evil, summary=evil, notes=evil, tags=(evil,)) if e.id == SPECIAL else e for e in base.events
    )
    rigged = replace(base, events_file=replace(base.events_file, events=events))
    slide = next(s for s in json.loads(render(select(rigged), "timelinejs"))["events"] if s["unique_id"] == SPECIAL)
    rendered = {
        "headline": slide["text"]["headline"],
        "text": slide["text"]["text"],
        "group": slide["group"],
        "display_date": slide.get("display_date", ""),
    }
    for field, html in rendered.items():
        assert not {"script", "img"} & set(_Tags(html).tags), field
    assert slide["group"] == "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"
