"""Go to a date typed freely ("may 13", "13/05/2021", "2020", "2021-05") and find the nearest event."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence

from dateutil import parser as dateparser

from .model import DateFormatError, DateValue, Event

_YEAR = re.compile(r"^\s*(\d{4})\s*$")
_MONTH_YEAR = re.compile(r"^\s*[A-Za-z]+\.?\s+\d{4}\s*$", re.ASCII)


def busiest_year(events: Sequence[Event]) -> int:
    """The year with the most events: what "may 13" means in a chronology (the latest year on a tie)."""
    counts = Counter(e.date.first_day.year for e in events)
    return max(counts, key=lambda year: (counts[year], year))


def parse_target(query: str, default_year: int) -> DateValue | None:
    """The date a user means, to its precision; a missing year is `default_year`.

    Day-first is assumed for numeric dates that are ambiguous ("05/06/2021" is 5 June), as in most of the world's
    news; an impossible reading falls back to month-first ("05/13/2021").
    """
    text = query.strip()
    if not text:
        return None
    try:
        return DateValue.parse(text)
    except DateFormatError:
        if _YEAR.match(text):  # "0000": four digits that name no year
            return None
    defaults = dt.datetime(default_year, 1, 1)
    for dayfirst in (True, False):
        try:
            parsed = dateparser.parse(text, default=defaults, dayfirst=dayfirst)
        except (ValueError, OverflowError):
            continue
        if parsed is None:
            continue
        if _MONTH_YEAR.match(text):
            return DateValue.of(parsed.date(), "month")
        return DateValue.of(parsed.date(), "day")
    return None


def nearest_event(events: Sequence[Event], target: DateValue) -> int | None:
    """Index of the event closest to the target's first day (the earlier one on a tie); None if there are none."""
    if not events:
        return None
    goal = target.first_day
    return min(range(len(events)), key=lambda i: (abs((events[i].date.first_day - goal).days), i))
