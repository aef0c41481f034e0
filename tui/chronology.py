"""The chronology as display rows: group headers, event rows, date labels, article badges and day density.

Pure data for the explorer's widgets, computed once per timeline and filter so that drawing a row is a lookup.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .datebasis import INFERRED_MARK, ArticleLookup, inferred_anchor
from .model import Article, DateValue, Event, Precision


def group_label(date: DateValue) -> str:
    """The header of the group an event belongs to: 'Wed 12 May 2021', 'Week 19, 10–16 May 2021', 'May 2021'."""
    return _group_label(date.first_day, date.precision)


@lru_cache(maxsize=4096)  # thousands of events share a few hundred dates; formatting one is microseconds
def _group_label(first: dt.date, precision: Precision) -> str:
    if precision == "day":
        return first.strftime("%a %d %b %Y").replace(" 0", " ")
    if precision == "week":
        last = DateValue.of(first, precision).last_day
        span = f"{first.day}–{last.day} {last:%b %Y}" if first.month == last.month else f"{first:%d %b}–{last:%d %b %Y}"
        return f"Week {first.isocalendar()[1]}, {span}"
    if precision == "month":
        return first.strftime("%B %Y")
    return str(first.year)


def date_marker(date: DateValue, inferred: bool = False) -> str:
    """The short date of a row, with its precision visible: '12 May', 'W19', 'May', '1997', '~' when approximate,
    a trailing '*' when it was counted from an inferred publication date."""
    return _date_marker(date.first_day, date.precision, date.approximate, inferred)


@lru_cache(maxsize=4096)  # keyed by every part shown: equal DateValues may differ in approximation
def _date_marker(first: dt.date, precision: Precision, approximate: bool, inferred: bool) -> str:
    if precision == "day":
        text = f"{first.day} {first:%b}"
    elif precision == "week":
        text = f"W{first.isocalendar()[1]:02d}"
    elif precision == "month":
        text = f"{first:%b} ··"
    else:
        text = f"{first.year}"
    return ("~" if approximate else " ") + text + (INFERRED_MARK if inferred else "")


def article_badges(articles: Sequence[Article]) -> dict[str, str]:
    """A short, unique upper-case badge per article id: 'MEE', 'SEN', 'RAF' (a digit is added on a clash)."""
    badges: dict[str, str] = {}
    used: set[str] = set()
    # The lowest free number per two-letter stem: badges are only ever added, so it never goes down, and each
    # clash resumes from there instead of counting again from 2 (thousands of articles of one outlet clash).
    tried: dict[str, int] = {}
    for article in articles:
        base = "".join(ch for ch in article.id.split("-")[0] if ch.isalnum())[:3].upper() or "ART"
        badge, n = base, tried.get(base[:2], 1)
        while badge in used:
            n += 1
            badge = f"{base[:2]}{n}"
        if badge != base:
            tried[base[:2]] = n
        used.add(badge)
        badges[article.id] = badge
    return badges


@dataclass(frozen=True)
class Row:
    """One line of the event list: a group header (event is None) or an event."""

    label: str
    event: Event | None = None
    gap: bool = False  # a blank line that sets groups years apart
    marker: str = ""  # an event's short date (date_marker)


def build_rows(events: Sequence[Event], article: ArticleLookup | None = None, compact: bool = False) -> list[Row]:
    """Header rows before each new group, and a blank row where the chronology jumps by more than a year; `article`
    finds the articles that dates rest on, to mark those counted from an inferred publication date.

    Compact, for a short window: a header only where the year changes and no blank rows, since each event's row
    shows its day or month already.
    """
    rows: list[Row] = []
    previous_label: str | None = None
    previous_day: dt.date | None = None
    for event in events:
        label = str(event.date.first_day.year) if compact else group_label(event.date)
        if label != previous_label:
            if not compact and previous_day is not None and (event.date.first_day - previous_day).days > 365:
                rows.append(Row("", gap=True))
            rows.append(Row(label))
            previous_label = label
        previous_day = event.date.first_day
        inferred = article is not None and inferred_anchor(event, article) is not None
        rows.append(Row(event.title, event, marker=date_marker(event.date, inferred)))
    return rows


@dataclass(frozen=True)
class Density:
    """Events per day (day precision only: a week- or month-dated event is on no one day), with runs of nearby days.

    Built once per list of events, so that the strip redrawn on every cursor move is a lookup.
    """

    days: tuple[dt.date, ...]  # distinct days, sorted
    counts: tuple[int, ...]  # events on each day
    run_first: tuple[int, ...]  # index of the first day of the run each day belongs to
    run_last: tuple[int, ...]

    @classmethod
    def of(cls, events: Sequence[Event], max_gap: int = 14) -> Density:
        """Runs join consecutive days at most `max_gap` days apart."""
        per_day = Counter(e.date.first_day for e in events if e.date.precision == "day")
        days = tuple(sorted(per_day))
        run_first: list[int] = []
        for index, day in enumerate(days):
            joined = index > 0 and (day - days[index - 1]).days <= max_gap
            run_first.append(run_first[-1] if joined else index)
        run_last = [0] * len(days)
        for index in range(len(days) - 1, -1, -1):
            joined = index < len(days) - 1 and run_first[index + 1] == run_first[index]
            run_last[index] = run_last[index + 1] if joined else index
        return cls(days, tuple(per_day[d] for d in days), tuple(run_first), tuple(run_last))

    def nearest(self, day: dt.date) -> int | None:
        """Index of the day closest to `day` (the earlier on a tie); None when there are no days."""
        if not self.days:
            return None
        index = bisect_left(self.days, day)
        if index == len(self.days):
            return index - 1
        if index > 0 and (day - self.days[index - 1]) <= (self.days[index] - day):
            return index - 1
        return index

    def run_around(self, day: dt.date, within: int | None = None) -> tuple[dt.date, dt.date] | None:
        """First and last day of the run of days nearest `day`; None if there is none, or none `within` days."""
        index = self.nearest(day)
        if index is None or (within is not None and abs((self.days[index] - day).days) > within):
            return None
        return self.days[self.run_first[index]], self.days[self.run_last[index]]

    def counts_between(self, first: dt.date, last: dt.date) -> list[int]:
        """Events per calendar day from `first` to `last` inclusive."""
        counts = [0] * ((last - first).days + 1)
        for index in range(bisect_left(self.days, first), bisect_left(self.days, last + dt.timedelta(days=1))):
            counts[(self.days[index] - first).days] = self.counts[index]
        return counts
