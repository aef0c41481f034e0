"""What an event's date rests on, in words: the one "known by" description that every view and export shows.

A relative date ("on Thursday") is only as good as the publication date it was counted from. When that date is
inferred rather than stated in the article, the description says so ("relative, “on Thursday” in MEE, against the
inferred publication date 13 May 2021"), and the chronology marks the row, as it marks approximate dates.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Collection

from .model import Article, DateValue, Event

INFERRED_MARK = "*"  # after a row's date: counted from an inferred publication date


def date_label(date: DateValue) -> str:
    """A readable date to its precision: `12 May 2021`, `week of 10 May 2021 (2021-W19)`, `May 2021`, `1983`."""
    d = date.first_day
    month = calendar.month_name[d.month]
    if date.precision == "day":
        text = f"{d.day} {month} {d.year}"
    elif date.precision == "week":
        text = f"week of {d.day} {month} {d.year} ({date.iso})"
    elif date.precision == "month":
        text = f"{month} {d.year}"
    else:
        text = str(d.year)
    return f"about {text}" if date.approximate else text


def precision_label(date: DateValue) -> str:
    """What a date is known to: `day`, `month, approximate`."""
    return date.precision + (", approximate" if date.approximate else "")


ArticleLookup = Callable[[str], Article | None]  # an article by id, such as Timeline.article


def inferred_anchor(event: Event, article: ArticleLookup) -> DateValue | None:
    """The inferred publication date a relative date was counted from, or None when it rests on no inference."""
    basis = event.date_basis
    found = article(basis.article) if basis.method == "relative" and basis.article else None
    return found.published if found is not None and found.published_basis == "inferred" else None


def known_by(event: Event, article: ArticleLookup, name: Callable[[str], str] = str) -> str:
    """How the date is known, in one line: method, expression, article (as `name` shows its id), the inferred
    publication date it rests on if any, and what it was resolved against."""
    basis = event.date_basis
    text = f"{basis.method}, “{basis.expression}”"
    if basis.article:
        text += f" in {name(basis.article)}"
    anchor = inferred_anchor(event, article)
    if anchor is not None:
        text += f", against the inferred publication date {date_label(anchor)}"
    if basis.resolved_against:
        text += f"; resolved against {basis.resolved_against}"
    return text


def relies_on(article: Article, method: str, others: Collection[str]) -> str | None:
    """Which of the `others` articles a date this article gives was counted from: the one its inferred publication
    date is worked out from (`published_from`), for a relative expression; None when the date stands on its own."""
    if method != "relative" or article.published_basis != "inferred":
        return None
    return next((source for source in article.published_from if source in others and source != article.id), None)


def not_independent(source: str, name: Callable[[str], str] = str) -> str:
    """What an agreement that rests on `source`'s date is, in words."""
    return f"dated from the date in {name(source)}, not independent"
