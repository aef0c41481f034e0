"""How an event's date is put into words: one wording for the detail pane, `timeline show` and the exports."""

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
