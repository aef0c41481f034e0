"""Go to a date typed freely ("may 13", "13/05/2021", "2020", "W19", "mid-May") and find the nearest event."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .chronology import group_label
from .model import DateFormatError, DateValue, Event

_YEAR = re.compile(r"^\s*(\d{4})\s*$")
_ISO_LIKE = re.compile(r"^\s*\d{4}-", re.ASCII)
_MONTH_YEAR = re.compile(r"^\s*[A-Za-z]+\.?\s+\d{4}\s*$", re.ASCII)
_WEEK = re.compile(r"^\s*(?:(?P<y1>\d{4})\s*-?\s*)?w(?:eek)?\s*(?P<week>\d{1,2})(?:,?\s+(?P<y2>\d{4}))?\s*$", re.I)
_PART = re.compile(r"^\s*(?P<part>early|mid|late)[-\s]+(?P<rest>[A-Za-z]+\.?(?:\s+\d{4})?)\s*$", re.I)
_NUMERIC = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})\s*$")
PART_DAY = {"early": 5, "mid": 15, "late": 25}
UNREADABLE = "Cannot read {query!r} as a date; try “may 13”, “13/05/2021”, “W19”, “mid-May” or “2021”."


@dataclass(frozen=True)
class Reading:
    """The date a user meant, and how an ambiguous query was read (empty when it was not ambiguous)."""

    value: DateValue
    note: str = ""


def busiest_year(events: Sequence[Event]) -> int:
    """The year with the most events: what "may 13" means in a chronology (the latest year on a tie)."""
    counts = Counter(e.date.first_day.year for e in events)
    return max(counts, key=lambda year: (counts[year], year))


def read_target(query: str, default_year: int) -> Reading:
    """The date a user means, to its precision; a missing year is `default_year`.

    Raises DateFormatError with a message for the user. Day-first is assumed for numeric dates that are ambiguous
    ("05/06/2021" is 5 June), as in most of the world's news, and the reading says so; an impossible reading falls
    back to month-first ("05/13/2021").
    """
    text = query.strip()
    if not text:
        raise DateFormatError("Type a date: “may 13”, “13/05/2021”, “W19”, “mid-May” or “2021”.")
    if _YEAR.match(text) or _ISO_LIKE.match(text):
        return Reading(DateValue.parse(text))  # its own message for an impossible day or month
    if week := _WEEK.match(text):
        year = int(week["y1"] or week["y2"] or default_year)
        return Reading(DateValue.parse(f"{year}-W{int(week['week']):02d}"))
    if part := _PART.match(text):
        month = _dateutil(part["rest"], default_year, dayfirst=True)
        if month is None:
            raise DateFormatError(UNREADABLE.format(query=query))
        day = dt.date(month.year, month.month, PART_DAY[part["part"].lower()])
        value = DateValue.of(day, "day")
        return Reading(value, f"{part['part'].lower()}-{calendar.month_name[day.month]} read as {group_label(value)}.")
    for dayfirst in (True, False):
        parsed = _dateutil(text, default_year, dayfirst)
        if parsed is None:
            continue
        if _MONTH_YEAR.match(text):
            return Reading(DateValue.of(parsed, "month"))
        numeric = _NUMERIC.match(text)
        ambiguous = numeric is not None and dayfirst and numeric[1] != numeric[2] and int(numeric[2]) <= 12
        value = DateValue.of(parsed, "day")
        return Reading(value, f"{text} read day first: {group_label(value)}." if ambiguous else "")
    raise DateFormatError(UNREADABLE.format(query=query))


def _dateutil(text: str, default_year: int, dayfirst: bool) -> dt.date | None:
    from dateutil import parser as dateparser  # here, not on import: the explorer's first frame does not need it

    try:
        parsed = dateparser.parse(text, default=dt.datetime(default_year, 1, 1), dayfirst=dayfirst)
    except (ValueError, OverflowError):
        return None
    return parsed.date() if parsed is not None else None


def parse_target(query: str, default_year: int) -> DateValue | None:
    """`read_target`'s date, or None when the query is not one."""
    try:
        return read_target(query, default_year).value
    except DateFormatError:
        return None


def nearest_event(events: Sequence[Event], target: DateValue) -> int | None:
    """Index of the event closest to the target's first day (the earlier one on a tie); None if there are none."""
    if not events:
        return None
    goal = target.first_day
    return min(range(len(events)), key=lambda i: (abs((events[i].date.first_day - goal).days), i))


def overlaps(event: Event, target: DateValue) -> bool:
    """Whether the event's date and the target share a day."""
    return event.date.first_day <= target.last_day and event.date.last_day >= target.first_day


def busiest_week(events: Sequence[Event]) -> int | None:
    """Index of the first event of the busiest seven days of dated events (the latest on a tie): where the
    chronology's focus is, rather than its oldest background event."""
    dated = [i for i, e in enumerate(events) if e.date.precision in ("day", "week")]
    if not dated:
        return None
    best, best_count, end = dated[0], 0, 0
    for position, index in enumerate(dated):
        start_day = events[index].date.first_day
        end = max(end, position)
        while end + 1 < len(dated) and (events[dated[end + 1]].date.first_day - start_day).days < 7:
            end += 1
        if end - position + 1 >= best_count:
            best, best_count = index, end - position + 1
    return best


def opening_event(events: Sequence[Event], start: DateValue | None) -> int | None:
    """Index of the event the explorer opens on: the one nearest the declared start, else the busiest week's."""
    if start is not None:
        return nearest_event(events, start)
    return busiest_week(events)
