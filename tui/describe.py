"""Dates and how they are known, in words: the one place for the labels of the explorer, `timeline show` and the
exports (a row's short date, a group's header, a readable date, a precision, a date basis)."""

from __future__ import annotations

import calendar

from .model import DateBasis, DateValue


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


def known_by(basis: DateBasis, article_label: str | None = None) -> str:
    """How the date is known: `relative, “on Wednesday” in MEE; resolved against publication date 2021-05-13`.

    `article_label` names the article the expression is in (a badge on screen, the id on the command line).
    """
    text = f"{basis.method}, “{basis.expression}”"
    if basis.article:
        text += f" in {article_label or basis.article}"
    if basis.resolved_against:
        text += f"; resolved against {basis.resolved_against}"
    return text


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
