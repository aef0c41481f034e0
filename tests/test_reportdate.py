"""A paragraph reports an event only if its dates allow it: the event's date, or no other past day shortly after."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SHARED_DATA, write_article
from hypothesis import given, settings
from hypothesis import strategies as st

from tui import align, reportdate
from tui.align import CorpusIndex
from tui.aside import Aside
from tui.corpus import Corpus, load_corpus
from tui.dates.patterns import caseless
from tui.model import DateValue
from tui.reportdate import REPORT_WINDOW_DAYS, by_named_days, may_report, names_the_day

UNVEILED = DateValue.parse("2005-01-18")
TALKS = DateValue.parse("2021-05")  # known to the month


@pytest.mark.parametrize(
    ("text", "published"),
    [
        # names the event's day, in an article written long after it
        ("The first A380 prototype was unveiled in a ceremony in Toulouse on January 18, 2005.", "2005-04-27"),
        ("The A380 was revealed in January 2005 before European leaders.", "2007-10-15"),  # a month holding the day
        # names no day, and was written days after the event
        ("Airbus unveiled the A380 in a ceremony with 5,000 guests, European leaders among them.", "2005-01-20"),
        # a date line and later days (plans) say nothing of an older event
        ("date 2005-01-19 Airbus unveiled the A380 in Toulouse; its first flight is expected in March.", "2005-01-19"),
        ("A group of senators sent a letter on Wednesday asking to call off the talks in Vienna.", "2021-05-13"),
    ],
)
def test_reports_on_the_events_day_or_shortly_after_may_report_it(text: str, published: str) -> None:
    event = TALKS if "Vienna" in text else UNVEILED
    assert may_report(event, text, dt.date.fromisoformat(published))


@pytest.mark.parametrize(
    ("text", "published"),
    [
        # another day named: another ceremony, another stage of the story
        ("After the plane was delivered on October 15, 2007, it was flown to Toulouse for a ceremony.", "2007-10-17"),
        ("The A380 was shown to 500 guests at a ceremony in Toulouse last week.", "2007-10-15"),
        # no day named, in an article written long after the event: something newer
        ("After the plane was delivered in Singapore, it was flown to Toulouse for the ceremony.", "2007-10-15"),
        # the publication day named from itself: what happened that day, not on the event's
        ("The A380 was shown to 500 guests in a lavish ceremony in Toulouse today.", "2005-02-06"),
        ("The A380 was shown to 500 guests in a lavish ceremony in Toulouse on Sunday.", "2005-02-06"),
    ],
)
def test_a_paragraph_about_another_day_does_not_report_the_event(text: str, published: str) -> None:
    assert not may_report(UNVEILED, text, dt.date.fromisoformat(published))


def test_today_is_the_events_day_in_an_article_of_that_day_and_another_day_weeks_later() -> None:
    """Wikinews, 6 October 2008, on the fall of that day: not a report of the fall of 17 September."""
    text = "Stock markets around the world have fallen dramatically today."
    assert may_report(DateValue.parse("2008-10-06"), text, dt.date(2008, 10, 6))
    assert not may_report(DateValue.parse("2008-09-17"), text, dt.date(2008, 10, 6))
    assert names_the_day(DateValue.parse("2008-10-06"), text, dt.date(2008, 10, 6))


def test_another_day_named_in_another_sentence_leaves_the_report_standing() -> None:
    """A photo caption or a background sentence names an old day; the sentence beside it still reports the event."""
    text = (
        "Even as talks to lift sanctions are advancing in Vienna, Iranian leaders encourage Hamas. "
        "Pictured: missiles paraded in Tehran on April 18, 2018."
    )
    assert may_report(TALKS, text, dt.date(2021, 5, 31))
    assert not may_report(TALKS, text, TALKS.last_day + dt.timedelta(days=REPORT_WINDOW_DAYS + 1))
    assert not may_report(TALKS, "Missiles were paraded in Tehran on April 18, 2018.", dt.date(2021, 5, 31))


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("The runway froze 14 months ago.", "2012-08-01"),  # another month, counted back
        ("The runway froze last month.", "2012-08-01"),  # a month is at most two months back
        ("Your summer vacation was long.", "2012-08-01"),  # no season the tagger reads
    ],
)
def test_a_day_counted_back_elsewhere_is_not_the_events(text: str, published: str) -> None:
    event = DateValue.parse("2012-01-10")
    assert not may_report(event, text, dt.date.fromisoformat(published))
    assert not by_named_days(event, text, dt.date.fromisoformat(published))


def test_the_window_counts_from_the_events_last_day() -> None:
    text = "Negotiators for Iran and the United States met again in Vienna on the nuclear deal."
    last = TALKS.last_day
    assert may_report(TALKS, text, last + dt.timedelta(days=REPORT_WINDOW_DAYS))
    assert not may_report(TALKS, text, last + dt.timedelta(days=REPORT_WINDOW_DAYS + 1))


def test_without_a_publication_date_the_dates_decide_nothing() -> None:
    assert may_report(UNVEILED, "It was flown to Toulouse for the ceremony in 2007.", None)


@pytest.mark.parametrize(
    ("text", "published", "event", "named"),
    [
        ("Air Force selected Northrop Grumman on February 29 to build it.", "2008-07-02", "2008-02-29", True),
        ("A group of senators sent a letter on Wednesday.", "2021-05-13", "2021-05-12", True),  # from publication
        ("Air Force selected Northrop Grumman on February 29 to build it.", "2008-07-02", "2008-03-01", False),
        ("Air Force selected Northrop Grumman on February 29 to build it.", "2008-07-02", "2008-02", False),  # month
        ("Air Force selected Northrop Grumman on February 29 to build it.", "2008-07-02", "2008-02-29~", False),
        ("Last month, Northrop Grumman and EADS defeated Boeing.", "2008-03-27", "2008-02-29", False),  # a month
        ("Air Force selected Northrop Grumman to build it.", "2008-02-29", "2008-02-29", False),  # no day named
    ],
)
def test_a_paragraph_names_the_very_day_of_an_event_dated_to_the_day(
    text: str, published: str, event: str, named: bool
) -> None:
    assert names_the_day(DateValue.parse(event), text, dt.date.fromisoformat(published)) is named
    assert not names_the_day(DateValue.parse(event), text, None)  # "on Wednesday" of an unknown week


def _texts_with_their_publication() -> list[tuple[str, dt.date]]:
    """The paragraphs of the bundled corpus, and of the MEANTIME articles when they are beside the project."""
    corpus, _ = load_corpus(ROOT / "corpus")
    found = [(p.text, a.published.last_day) for a in corpus.articles if a.published for p in a.content_paragraphs]
    meantime = SHARED_DATA / "meantime" / "meantime-en-dev.jsonl"
    if meantime.is_file():
        for line in meantime.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            day = dt.date.fromisoformat(row["published"])
            found.extend((text, day) for text in row["full_text"].splitlines() if text.strip())
    return found


def test_the_shortcut_without_tagging_says_what_the_tagged_dates_say() -> None:
    """`may_report` skips tagging a text when no date it could name is the event's: it must never differ."""
    offsets = (0, 1, 20, 45, 200, 366, 396, 404, 420, 700, 760, 1500, 4000)
    texts = _texts_with_their_publication()
    assert len(texts) >= 40  # the bundled corpus's paragraphs at least
    for text, published in texts:
        for days in offsets:
            day = published - dt.timedelta(days=days)
            for value in (day.isoformat(), f"{day.isoformat()}~", f"{day.year}-{day.month:02d}", str(day.year)):
                event = DateValue.parse(value)
                assert may_report(event, text, published) == by_named_days(event, text, published), (text, value)


@pytest.mark.parametrize(
    ("text", "event", "published"),
    [
        ("The runway froze last December.", "2007-12-01", "2008-12-31"),  # the farthest back: 396 days
        ("The runway froze on December 1.", "2007-12-01", "2008-11-30"),
        ("It opened on December 1; the day before, it froze.", "2007-11-30", "2008-11-30"),  # a day named from it
        (
            "It reopened on December 1 and January 3, 2008.",
            "2007-12-01",
            "2009-06-01",
        ),  # the year of its pair, less one
        ('He said on December 1: "It froze two weeks ago."', "2007-11-17", "2008-11-30"),  # from the day it was said
        ("Prices rose this year.", "2008-01-01", "2008-12-31"),  # publication's own year, back to its first day
        ("Prices rose earlier this year.", "2008-01-02", "2008-12-31"),
        ("Prices rose during the year.", "2008-01-05", "2008-12-31"),
        ("Prices rose this month.", "2008-12-01", "2008-12-31"),
        ('He said on December 1: "Prices rose this year."', "2007-02-01", "2008-11-30"),  # the year it was said in
        ('He said on May 3, 2005: "Prices rose this year."', "2005-02-01", "2009-06-01"),
        ("Prices fell from October to March this year.", "2020-10-15", "2021-12-31"),  # October of the year before
        ("Prices fell between November 3 and January 5 this year.", "2020-11-03", "2021-12-31"),
        ("Prices fell from December 5 to January 3 last year.", "2019-12-05", "2021-12-31"),  # two years before
        ("Prices fell from December to February 2007.", "2006-12-01", "2015-01-01"),  # the year before its figures
        ("It reopened on December 20 and January 3, 2007.", "2006-12-20", "2015-01-01"),
        (  # a quotation dated by a day named in another
            'Talks resume in November. On January 2 he said: "It froze on the 3rd", then: "It thawed on the 4th."',
            "2019-11-04",
            "2021-01-01",
        ),
    ],
)
def test_the_shortcut_knows_how_far_back_a_date_without_its_year_reaches(
    text: str, event: str, published: str, tmp_path: Path
) -> None:
    day, date = dt.date.fromisoformat(published), DateValue.parse(event)
    assert by_named_days(date, text, day)
    assert may_report(date, text, day)
    write_article(tmp_path, "month", text, published=published)
    corpus, problems = load_corpus(tmp_path)
    assert not problems
    for read in (False, True):
        index = CorpusIndex(corpus)
        if read:
            index.read_days()
        assert index.may_name(date)[[ref.paragraph.text for ref in index.refs].index(text)], read


def test_a_month_without_its_year_is_not_read_more_than_a_year_and_a_month_back() -> None:
    """ "In December", written 13 months after a December 20: that December is not the one it names (the last one
    is), and the paragraph is ruled out unread."""
    text, event, published = "The runway froze in December.", DateValue.parse("2007-12-20"), dt.date(2009, 2, 20)
    assert not by_named_days(event, text, published)
    assert reportdate.may_report_unread(event, text, published) is False
    assert reportdate.may_report_unread(event, text, published - dt.timedelta(days=40)) is None  # within reach: read


def test_this_year_is_not_read_as_an_earlier_one_outside_a_quotation() -> None:
    text, event, published = "Prices rose this year.", DateValue.parse("2007-12-01"), dt.date(2009, 1, 20)
    assert not by_named_days(event, text, published)
    assert reportdate.may_report_unread(event, text, published) is False


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("It happened on December 31, 2004.", "2005-01-01~"),  # an approximate day, two days either side
        ("The runway froze in the winter of 2004.", "2005-01-10"),  # a season begun the year before
        ("The runway froze in winter 2004.", "2005-02-27"),
        ("The runway froze 60 months ago.", "2003-06"),  # counted back in months, farther than two years
        ("It opened on May 3, 2004, and closed three years later.", "2007-03"),  # counted from a day it names
        ("Since the 9/11 attacks the runway is closed.", "2001-09"),  # a day named by its numerals
        ("Early May 2011 saw the runway closed.", "2012-05"),  # "Early May" is read without its year
        ("Missiles were paraded on April 38, 2018.", "2012-04"),  # no such day: "April" is read alone
        ("The runway froze last winter.", "2012-01"),  # a season without its year
        ("The runway froze 14 months ago.", "2011-06"),  # counted back to the month
    ],
)
def test_the_shortcut_knows_spans_that_begin_before_the_event_and_days_counted_back(text: str, event: str) -> None:
    published = dt.date(2012, 8, 1) if event[:4] in ("2011", "2012") else dt.date(2008, 6, 1)  # over a month later
    assert by_named_days(DateValue.parse(event), text, published)
    assert may_report(DateValue.parse(event), text, published)


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """The bundled articles, and the MEANTIME articles when they are beside the project."""
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copytree(ROOT / "corpus", folder, dirs_exist_ok=True)
    meantime = SHARED_DATA / "meantime" / "meantime-en-dev.jsonl"
    if meantime.is_file():
        for line in meantime.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            write_article(folder, f"mt-{row['id']}", row["full_text"], title=row["title"], published=row["published"])
    corpus, problems = load_corpus(folder)
    assert not problems
    return corpus


@pytest.fixture(scope="module", params=["by their tokens", "days read"])
def paragraphs(articles: Corpus, request: pytest.FixtureRequest) -> CorpusIndex:
    """`articles`, indexed; judged by their tokens alone, or with what they say of days read (`read_days`)."""
    index = CorpusIndex(articles)
    if request.param == "days read":
        index.read_days()
    return index


def test_the_index_rules_out_only_what_the_tagged_dates_rule_out(paragraphs: CorpusIndex) -> None:
    """`CorpusIndex.may_name` rules paragraphs out by their tokens, unread: never one whose dates may report it."""
    checked = 0
    for days in (0, 1, 40, 100, 366, 400, 420, 800, 1500, 4000, 9000):
        for published in sorted({day for day in paragraphs.published if day is not None}):
            day = published - dt.timedelta(days=days)
            for value in (day.isoformat(), f"{day.isoformat()}~", f"{day.year}-{day.month:02d}", str(day.year)):
                event = DateValue.parse(value)
                kept = paragraphs.may_name(event)
                for position, ref in enumerate(paragraphs.refs):
                    if paragraphs.published[position] == published and not kept[position]:
                        assert not by_named_days(event, ref.paragraph.text, published), (ref.paragraph.text, value)
                        checked += 1
    assert checked > 1000


def test_once_the_days_are_read_the_index_rules_out_exactly_what_the_words_rule_out(articles: Corpus) -> None:
    """Read, `CorpusIndex.may_name` keeps a paragraph exactly when `may_report_unread` does not refuse it: a paragraph
    it keeps need not be judged by its words again (`days_read`)."""
    index = CorpusIndex(articles)
    index.read_days()
    assert index.days_read
    texts = [ref.paragraph.text for ref in index.refs]
    checked, refused = 0, 0
    for days in (0, 40, 100, 366, 400, 420, 800, 1500, 4000):
        for published in sorted({day for day in index.published if day is not None}):
            day = published - dt.timedelta(days=days)
            for value in (day.isoformat(), f"{day.isoformat()}~", f"{day.year}-{day.month:02d}", str(day.year)):
                event = DateValue.parse(value)
                kept = index.may_name(event)
                for position, text in enumerate(texts):
                    if index.published[position] == published:
                        said = reportdate.may_report_unread(event, text, published)
                        assert kept[position] == (said is not False), (text, value)
                        checked, refused = checked + 1, refused + (said is False)
    assert checked > 1000 and refused > 100


def test_the_days_read_with_a_helper_process_are_those_read_in_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / "corpus", tmp_path, dirs_exist_ok=True)
    counting = ["The runway froze 14 months ago.", "It opened on May 3, 2004, and closed three years later."]
    reaching = [
        "Prices rose last month.",
        "The plant shut last winter.",
        "Talks resume on the 25th.",
        "In 2005 it grew.",
        "It doubled over the last decade.",
    ]
    for article_id in ("a-counting", "z-counting"):  # read first, and last (by the helper)
        body = "\n\n".join([f"From the {article_id} desk.", *counting, *reaching])
        write_article(tmp_path, article_id, body, published="2012-08-01")
    corpus, problems = load_corpus(tmp_path)
    assert not problems
    alone = CorpusIndex(corpus)
    alone.read_days()
    helpers: list[object] = []
    monkeypatch.setattr(align, "READ_ASIDE_MIN", 2)
    monkeypatch.setattr(align, "cores", lambda: 2)
    monkeypatch.setattr(align, "Aside", lambda work: helpers.append(work) or Aside(work))
    shared = CorpusIndex(corpus)
    shared.read_days()
    assert helpers  # a helper read the later half
    one, two = alone._days_read, shared._days_read
    assert one is not None and two is not None
    assert one.figures.keys() == two.figures.keys() and {"2004", "2005", "2021"} <= one.figures.keys()
    assert all((one.figures[figure] == two.figures[figure]).all() for figure in one.figures)
    assert (one.at_any_distance == two.at_any_distance).all() and len(one.at_any_distance)
    assert (one.back == two.back).all() and len(one.back)
    assert (one.yearless == two.yearless).all() and one.yearless.any()


@pytest.mark.parametrize("read", [False, True])
def test_the_index_rules_out_the_same_for_a_date_whatever_dates_came_before(articles: Corpus, read: bool) -> None:
    values = ["2021-05-13", "2021-05-14", "2021-06-02~", "2021-05", "2021", "2020-12-30", "2021-01-02", "2020-09-01"]
    values += ["2005-01-18", "2007-03-10", "2007-09-15", "2008-01-20", "2006-06", "2005-01-19"]
    index = CorpusIndex(articles)
    masks = set()
    for n, value in enumerate(values):
        if read and n == 3:
            index.read_days()  # halfway through, as a merge may
        date = DateValue.parse(value)
        kept = index.may_name(date)
        fresh = CorpusIndex(articles)
        if read and n >= 3:
            fresh.read_days()
        assert (kept == fresh.may_name(date)).all(), value
        masks.add(kept.tobytes())
    assert len(masks) > 2  # the dates differ in what they keep


def test_a_paragraph_that_counts_days_is_kept_only_for_the_days_it_may_count_to(tmp_path: Path) -> None:
    """A paragraph holding the words that count days ("14 months ago", "three years later") is ruled out unread, as
    reading its words rules it out (`may_report_unread`), for an event it cannot count to; kept for one it can."""
    counting = ["The runway froze 14 months ago.", "It opened on May 3, 2004, and closed three years later."]
    published = dt.date(2012, 8, 1)
    write_article(tmp_path, "counting", "\n\n".join(counting), published=published.isoformat())
    corpus, problems = load_corpus(tmp_path)
    assert not problems
    index, by_tokens = CorpusIndex(corpus), CorpusIndex(corpus)
    index.read_days()
    texts = [ref.paragraph.text for ref in index.refs]
    months_ago, years_later = texts.index(counting[0]), texts.index(counting[1])
    for value, kept in (("2011-06", {months_ago, years_later}), ("2007-03", {years_later}), ("1995-01-10", set())):
        event = DateValue.parse(value)
        assert {i for i in (months_ago, years_later) if index.may_name(event)[i]} == kept, value
        assert by_tokens.may_name(event)[[months_ago, years_later]].all()  # their tokens say they may
        for i in (months_ago, years_later):
            assert (reportdate.may_report_unread(event, texts[i], published) is not False) == (i in kept), value


_MARK_WORDS = [
    *[
        "last",
        "this",
        "next",
        "past",
        "same",
        "the",
        "early",
        "late",
        "in",
        "fall",
        "Fall",
        "FALL",
        "Spring",
        "winter",
        "year",
        "Years",
        "month",
        "quarter",
        "decade",
    ],
    *[
        "day",
        "Days",
        "week",
        "ago",
        "earlier",
        "before",
        "later",
        "after",
        "May",
        "March",
        "Sept",
        "September",
        "9/11",
        "11",
        "25th",
        "the",
        "3rd",
        "two",
        "a",
        "ſpring",
    ],
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_MARK_WORDS), max_size=10).map(" ".join))
def test_every_date_mark_holds_what_the_scan_looks_for_first(text: str) -> None:
    for pattern, need in reportdate.MARK_NEEDS.items():
        for match in pattern.finditer(text):
            assert need.holds(match[0], None), (pattern.pattern, match[0])
            assert need.holds(match[0], caseless(match[0])), (pattern.pattern, match[0])
