"""A date expression found in text, with its TimeML value and the calendar days that value covers."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from ..model import DateValue

Precision = Literal["day", "week", "month", "quarter", "season", "year", "decade"]
Method = Literal["explicit", "relative"]
SEASON_MONTHS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # first month; each lasts three


@dataclass(frozen=True)
class DateMention:
    """One date expression: `text == source[start:end]`, its TimeML `value` (None when it cannot be resolved)."""

    start: int
    end: int
    text: str
    value: str | None
    precision: Precision | None
    method: Method
    type: Literal["DATE", "TIME"] = "DATE"

    def as_dict(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": self.value,
            "precision": self.precision,
            "method": self.method,
        }

    @cached_property  # the tagger and its callers ask several times
    def date_value(self) -> DateValue | None:
        """The value as a calendar DateValue (day, week, month or year), or None for other values."""
        if self.value is None:
            return None
        head = self.value.split("T", 1)[0]
        try:
            return DateValue.parse(head)
        except ValueError:
            return None

    @cached_property
    def span_days(self) -> tuple[dt.date, dt.date] | None:
        """First and last day the value covers (quarters, seasons and decades included), or None."""
        value = self.date_value
        if value is not None:
            return value.first_day, value.last_day
        match = re.fullmatch(r"(\d{4})-(?:Q(?P<q>[1-4])|(?P<season>SP|SU|FA|WI))|(?P<decade>\d{3})", self.value or "")
        if match is None:
            return None
        if match["decade"]:
            first, months = dt.date(int(match["decade"]) * 10, 1, 1), 120
        elif match["q"]:
            first, months = dt.date(int(match[1]), 3 * int(match["q"]) - 2, 1), 3
        else:
            first, months = dt.date(int(match[1]), SEASON_MONTHS[match["season"]], 1), 3
        return first, shift_months(first, months) - dt.timedelta(days=1)


def shift_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)
