"""The chronology as display rows: group headers, event rows, date labels, article badges and day density.

Pure data for the explorer's widgets, computed once per timeline and filter so that drawing a row is a lookup.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .model import Article, DateValue, Event


def group_label(date: DateValue) -> str:
    """The header of the group an event belongs to: 'Wed 12 May 2021', 'Week 19, 10–16 May 2021', 'May 2021'."""
    first = date.first_day
    if date.precision == "day":
        return first.strftime("%a %d %b %Y").replace(" 0", " ")
    if date.precision == "week":
        last = date.last_day
        span = f"{first.day}–{last.day} {last:%b %Y}" if first.month == last.month else f"{first:%d %b}–{last:%d %b %Y}"
        return f"Week {first.isocalendar()[1]}, {span}"
    if date.precision == "month":
        return first.strftime("%B %Y")
    return str(first.year)


def date_marker(date: DateValue) -> str:
    """The short date of a row, with its precision visible: '12 May', 'W19', 'May', '1997', '~' when approximate."""
    first = date.first_day
    if date.precision == "day":
        text = f"{first.day} {first:%b}"
    elif date.precision == "week":
        text = f"W{first.isocalendar()[1]:02d}"
    elif date.precision == "month":
        text = f"{first:%b} ··"
    else:
        text = f"{first.year}"
    return ("~" if date.approximate else " ") + text


def article_badges(articles: Sequence[Article]) -> dict[str, str]:
    """A short, unique upper-case badge per article id: 'MEE', 'SEN', 'RAF' (a digit is added on a clash)."""
    badges: dict[str, str] = {}
    used: set[str] = set()
    for article in articles:
        base = "".join(ch for ch in article.id.split("-")[0] if ch.isalnum())[:3].upper() or "ART"
        badge, n = base, 1
        while badge in used:
            n += 1
            badge = f"{base[:2]}{n}"
        used.add(badge)
        badges[article.id] = badge
    return badges


@dataclass(frozen=True)
class Row:
    """One line of the event list: a group header (event is None) or an event."""

    label: str
    event: Event | None = None
    gap: bool = False  # a blank line that sets groups years apart


def build_rows(events: Sequence[Event]) -> list[Row]:
    """Header rows before each new group, and a blank row where the chronology jumps by more than a year."""
    rows: list[Row] = []
    previous_label: str | None = None
    previous_day: dt.date | None = None
    for event in events:
        label = group_label(event.date)
        if label != previous_label:
            if previous_day is not None and (event.date.first_day - previous_day).days > 365:
                rows.append(Row("", gap=True))
            rows.append(Row(label))
            previous_label = label
        previous_day = event.date.first_day
        rows.append(Row(event.title, event))
    return rows


def cluster_days(events: Sequence[Event], around: dt.date, max_gap: int = 14) -> tuple[dt.date, dt.date]:
    """The run of days around `around` where consecutive day/week-precision events are at most `max_gap` apart."""
    days = sorted({e.date.first_day for e in events if e.date.precision in ("day", "week")} | {around})
    index = days.index(around)
    start = end = index
    while start > 0 and (days[start] - days[start - 1]).days <= max_gap:
        start -= 1
    while end < len(days) - 1 and (days[end + 1] - days[end]).days <= max_gap:
        end += 1
    return days[start], days[end]


def day_counts(events: Sequence[Event], first: dt.date, last: dt.date) -> list[int]:
    """Events per day from `first` to `last` inclusive (day and week precision; a week counts on its Monday)."""
    counts = Counter(e.date.first_day for e in events if e.date.precision in ("day", "week"))
    return [counts.get(first + dt.timedelta(days=i), 0) for i in range((last - first).days + 1)]
