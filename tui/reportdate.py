"""Whether a paragraph's dates let it report an event: news reports what happened on the days it names, or else
in the days before it was written.

A paragraph that names a date the event's date contains (or that contains it) may report the event, however old
the article. A sentence that names only other past days reports something else: another delivery, the earlier stage
of a story. One that names no past day tells what happened shortly before publication, whatever the sentences
beside it name (a photo caption, a background date); but an article written more than REPORT_WINDOW_DAYS after the
event names the day when it reports the event (a background sentence does: "was unveiled in Toulouse on January 18,
2005"), so without a date it is about something newer. Dates after publication (plans, forecasts) and the
publication day itself (a date line, "today") say nothing of an older event.

Pure core: the date tagger of `dates`, never Textual.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re

from .dates import NAMED_DATES, tag
from .model import DateValue
from .sentences import sentence_spans

REPORT_WINDOW_DAYS = 31  # calibrated in benchmarks/calibrate.py
SPAN_LEAD_DAYS = 92  # a named span holding an event may begin this long before it: a season, a quarter
YEARLESS_REACH_DAYS = 731  # the farthest back a date without a year resolves ("last year", "in March", "last winter")
_FIGURES = re.compile(r"(?<=/)\d{2}\b|\b\d{3}(?=0'?s\b)|\b\d{4}\b")  # 7/8/"05", the "200"0s, "2005"
_ANY_DISTANCE = re.compile(  # days named without their year: "two years ago", "a decade earlier", "9/11"
    r"(?i)\byears?\s+(?:ago|earlier|before|later|after)\b|\bdecades?\b|\bSept(?:ember|\.)?\s+11\b|"
    + "|".join(re.escape(name) for name in NAMED_DATES)
)
_ORDINAL_DAY = re.compile(r"\b[Tt]he\s+\d{1,2}(?:st|nd|rd|th)\b")  # "the 25th"
_UNITS = ("year", "years", "month", "months", "week", "weeks", "weekend", "day", "days", "quarter", "quarters")
_SEASONS = ("spring", "summer", "autumn", "fall", "winter")
_YEARLESS = frozenset((*_UNITS, *_SEASONS, *(day.lower() for day in calendar.day_name)))  # words that count back

Days = tuple[dt.date, dt.date]


def may_report(event_date: DateValue, text: str, published: dt.date | None) -> bool:
    """Whether a paragraph of an article published on `published` (None: unknown) may report an event of
    `event_date`, by the dates it names."""
    if published is None:
        return True
    first, last = event_days(event_date)
    after = (published - last).days
    if after > REPORT_WINDOW_DAYS and not _may_name(first, last, text, after):
        return False  # no date it names can be the event's: what `by_named_days` would say, without tagging
    return by_named_days(event_date, text, published)


def by_named_days(event_date: DateValue, text: str, published: dt.date) -> bool:
    """`may_report` from the days the paragraph names, tagged and resolved (the costly part)."""
    sentences = sentence_days(text, published)
    if any(compatible(event_date, first, last) for days in sentences for first, last in days):
        return True
    if (published - event_date.last_day).days > REPORT_WINDOW_DAYS:
        return False
    return any(all(last >= published for _, last in days) for days in sentences)


def event_days(event_date: DateValue) -> Days:
    """The first and last day of an event's date; an approximate day is taken to within two days either side."""
    first, last = event_date.first_day, event_date.last_day
    if event_date.approximate and event_date.precision == "day":
        return first - dt.timedelta(days=2), last + dt.timedelta(days=2)
    return first, last


def _may_name(first: dt.date, last: dt.date, text: str, after: int) -> bool:
    """Whether a text may name a day from `first` to `last` (or a span holding them) `after` days before its
    publication: with a year or decade of theirs in figures ("2005", "7/8/05", "the 2000s"), by counting years back
    or by its name ("9/11"), at any distance; within YEARLESS_REACH_DAYS also with their month or a span without a
    year ("last year")."""
    figures, any_distance, yearless, words = _marks(text)
    event_figures, event_months = event_marks(first, last)
    if any_distance or not figures.isdisjoint(event_figures):
        return True
    return after <= YEARLESS_REACH_DAYS and (yearless or not words.isdisjoint(event_months))


@functools.lru_cache(maxsize=4096)
def event_marks(first: dt.date, last: dt.date) -> tuple[frozenset[str], frozenset[str]]:
    """How a text may name the days from `first` to `last`: the years and decades in figures, the months in words,
    of those days or of a span that holds them and begins up to SPAN_LEAD_DAYS before ("winter 2004" holds
    January 2005)."""
    lead = first - dt.timedelta(days=SPAN_LEAD_DAYS)
    years = range(lead.year, last.year + 1)
    figures = {figure for year in years for figure in (str(year), str(year // 10), f"{year % 100:02d}")}
    start = lead.year * 12 + lead.month - 1  # months since year 0
    spanned = range(start, min(last.year * 12 + last.month, start + 12))
    months = {calendar.month_name[index % 12 + 1].lower() for index in spanned}
    abbreviations = {month[:3] for month in months} | ({"sept"} if "september" in months else set())
    return frozenset(figures), frozenset(months | abbreviations)


@functools.lru_cache(maxsize=65536)
def _marks(text: str) -> tuple[frozenset[str], bool, bool, frozenset[str]]:
    """What in a text may name an old day: the figures that may be a year, a decade or a two-digit year; whether it
    names a day at any distance without its year; whether it has a word that counts back without a year, or a day
    of the month; its words."""
    words = frozenset(re.findall(r"[a-z]+", text.lower()))
    yearless = not words.isdisjoint(_YEARLESS) or _ORDINAL_DAY.search(text) is not None
    return frozenset(_FIGURES.findall(text)), _ANY_DISTANCE.search(text) is not None, yearless, words


@functools.lru_cache(maxsize=65536)
def sentence_days(text: str, published: dt.date) -> tuple[tuple[Days, ...], ...]:
    """For each sentence of the text, the first and last day of each calendar date it names, resolved against
    `published`, except the publication day itself."""
    mentions = ((m.start, m.span_days) for m in tag(text, published))
    named = [(at, days) for at, days in mentions if days is not None and days != (published, published)]
    return tuple(tuple(days for at, days in named if start <= at < end) for start, end in sentence_spans(text))


def compatible(event_date: DateValue, first: dt.date, last: dt.date) -> bool:
    """One range contains the other; an approximate day is taken to within two days either side."""
    ev_first, ev_last = event_days(event_date)
    return (ev_first <= first and last <= ev_last) or (first <= ev_first and ev_last <= last)
