"""Whether a paragraph's dates let it report an event: news reports what happened on the days it names, or else
in the days before it was written.

A paragraph that names a date the event's date contains (or that contains it) may report the event, however old
the article. One that names only other past days reports something else: another delivery, the earlier stage of a
story. One that names no past day tells what happened shortly before publication; an article written more than
REPORT_WINDOW_DAYS after the event names the day when it reports the event (a background sentence does: "was
unveiled in Toulouse on January 18, 2005"), so without a date it is about something newer. Dates after publication
(plans, forecasts) and the publication day itself (a date line, "today") say nothing of an older event.

Pure core: the date tagger of `dates`, never Textual.
"""

from __future__ import annotations

import datetime as dt
import functools

from .dates import tag
from .model import DateValue

REPORT_WINDOW_DAYS = 31  # calibrated in benchmarks/calibrate.py

Days = tuple[dt.date, dt.date]


def may_report(event_date: DateValue, text: str, published: dt.date | None) -> bool:
    """Whether a paragraph of an article published on `published` (None: unknown) may report an event of
    `event_date`, by the dates it names."""
    if published is None:
        return True
    named = paragraph_days(text, published)
    if any(compatible(event_date, first, last) for first, last in named):
        return True
    if any(last < published for _, last in named):
        return False
    return (published - event_date.last_day).days <= REPORT_WINDOW_DAYS


@functools.lru_cache(maxsize=65536)
def paragraph_days(text: str, published: dt.date) -> tuple[Days, ...]:
    """The first and last day of each calendar date the text names, resolved against `published`, except the
    publication day itself."""
    spans = (mention.span_days for mention in tag(text, published))
    return tuple(days for days in spans if days is not None and days != (published, published))


def compatible(event_date: DateValue, first: dt.date, last: dt.date) -> bool:
    """One range contains the other; an approximate day is taken to within two days either side."""
    ev_first, ev_last = event_date.first_day, event_date.last_day
    if event_date.approximate and event_date.precision == "day":
        ev_first, ev_last = ev_first - dt.timedelta(days=2), ev_last + dt.timedelta(days=2)
    return (ev_first <= first and last <= ev_last) or (first <= ev_first and ev_last <= last)
