"""Plain data of the product: articles, paragraphs, actors, events, dates and passages.

Nothing here reads files or imports Textual; loaders build these objects and everything else reads them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

Precision = Literal["day", "week", "month", "year"]

_ISO_DATE = re.compile(  # ASCII digits only: "２０２１" is not a year a curator typed on purpose
    r"^(?P<year>[0-9]{4})(?:-(?:W(?P<week>[0-9]{2})|(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?))?(?P<approx>~)?$"
)
EARLIEST_YEAR, LATEST_YEAR = 1000, 2200  # the years a date of the data may name; others are typos


class DateFormatError(ValueError):
    """A date string that is not one of the accepted forms, or names an impossible day."""


@dataclass(frozen=True, order=True)
class DateValue:
    """A calendar date known to day, ISO week, month or year precision, possibly approximate.

    Ordering is chronological by the first day the value covers, coarser values first on a tie, so that
    "2021-05" sorts before "2021-05-01".
    """

    first_day: dt.date
    rank: int  # 0 year, 1 month, 2 week, 3 day: coarser first on the same first day
    precision: Precision = field(compare=False)
    approximate: bool = field(default=False, compare=False)

    @classmethod
    def parse(cls, text: str) -> DateValue:
        """Parse `2021-05-12`, `2021-05`, `2021`, `2021-W19`, each optionally followed by `~` (approximate)."""
        match = _ISO_DATE.match(text.strip())
        if not match:
            raise DateFormatError(
                f"{text!r} is not a date; write YYYY-MM-DD, YYYY-MM, YYYY or YYYY-Www, with ~ for 'about'"
            )
        year = int(match["year"])
        approximate = bool(match["approx"])
        if year < 1:
            raise DateFormatError(f"{text!r}: year 0 does not exist")
        if match["week"]:
            week = int(match["week"])
            try:
                first = dt.date.fromisocalendar(year, week, 1)
                first + dt.timedelta(days=6)  # the week's Sunday must exist too (9999-W52 ends in the year 10000)
            except ValueError:
                raise DateFormatError(f"{text!r}: {year} has no ISO week {week}") from None
            except OverflowError:
                raise DateFormatError(f"{text!r}: the week ends after the year 9999") from None
            return cls(first, 2, "week", approximate)
        if match["month"] is None:
            return cls(dt.date(year, 1, 1), 0, "year", approximate)
        month = int(match["month"])
        if not 1 <= month <= 12:
            raise DateFormatError(f"{text!r}: there is no month {month}")
        if match["day"] is None:
            return cls(dt.date(year, month, 1), 1, "month", approximate)
        day = int(match["day"])
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise DateFormatError(f"{text!r}: {calendar.month_name[month]} {year} has {last} days")
        return cls(dt.date(year, month, day), 3, "day", approximate)

    @classmethod
    def of(cls, day: dt.date, precision: Precision = "day", approximate: bool = False) -> DateValue:
        """The value of precision `precision` that contains `day`."""
        if precision == "year":
            return cls(dt.date(day.year, 1, 1), 0, "year", approximate)
        if precision == "month":
            return cls(day.replace(day=1), 1, "month", approximate)
        if precision == "week":
            return cls(day - dt.timedelta(days=day.weekday()), 2, "week", approximate)
        return cls(day, 3, "day", approximate)

    @property
    def iso(self) -> str:
        """ISO / TimeML form to its precision, without the approximation mark."""
        d = self.first_day
        if self.precision == "year":
            return f"{d.year:04d}"
        if self.precision == "month":
            return f"{d.year:04d}-{d.month:02d}"
        if self.precision == "week":
            year, week, _ = d.isocalendar()
            return f"{year:04d}-W{week:02d}"
        return d.isoformat()

    @property
    def edtf(self) -> str:
        """The ISO form with EDTF's `~` when approximate: what events.yaml holds."""
        return self.iso + ("~" if self.approximate else "")

    @property
    def last_day(self) -> dt.date:
        d = self.first_day
        if self.precision == "year":
            return dt.date(d.year, 12, 31)
        if self.precision == "month":
            return d.replace(day=calendar.monthrange(d.year, d.month)[1])
        if self.precision == "week":
            return d + dt.timedelta(days=6)
        return d

    def __str__(self) -> str:
        return self.edtf

    def year_problem(self) -> str | None:
        """Why this date is not one the data may hold (a year outside EARLIEST_YEAR-LATEST_YEAR), or None."""
        if self.first_day.year >= EARLIEST_YEAR and self.last_day.year <= LATEST_YEAR:
            return None
        return f"{self.first_day.year} is outside {EARLIEST_YEAR}-{LATEST_YEAR}; a typo?"


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of an article: its 1-based number and its span in the file's text."""

    number: int
    start: int  # character offset in the article file
    end: int
    text: str  # exactly file_text[start:end]
    boilerplate: bool = False  # web furniture marked in the front matter, not part of the article


@dataclass(frozen=True)
class Article:
    id: str
    path: str
    title: str
    published: DateValue | None
    published_basis: str  # "stated" or "inferred"
    published_note: str
    outlet: str | None
    author: str | None
    url: str | None
    notes: str  # what the front matter says about the metadata (e.g. why the outlet is unknown)
    text: str  # the whole file, verbatim
    body_start: int  # offset of the body in `text`
    paragraphs: tuple[Paragraph, ...]
    sha256: str
    published_from: tuple[str, ...] = ()  # the articles whose dates an inferred publication date is worked out from

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    def paragraph(self, number: int) -> Paragraph:
        return self.paragraphs[number - 1]

    @property
    def content_paragraphs(self) -> tuple[Paragraph, ...]:
        """The paragraphs of the article proper, without boilerplate."""
        return tuple(p for p in self.paragraphs if not p.boilerplate)


ActorKind = Literal["person", "organisation", "place"]
ACTOR_KINDS: tuple[ActorKind, ...] = ("person", "organisation", "place")


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: ActorKind
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    handles: tuple[str, ...] = ()
    description: str = ""

    @property
    def all_names(self) -> tuple[str, ...]:
        """Every string a user may search this actor by: name, aliases, titles and handles."""
        return (self.name, *self.aliases, *self.titles, *self.handles)


@dataclass(frozen=True)
class DateBasis:
    """How an event's date is known: the expression in the text and what a relative one was resolved against."""

    method: str  # "explicit", "relative" or "inferred"
    expression: str
    article: str | None = None
    resolved_against: str | None = None


@dataclass(frozen=True)
class Source:
    """A curated claim that `article` reports the event, anchored by `quote`."""

    article: str
    quote: str
    line: int = 0  # line of the source in events.yaml, for messages


@dataclass(frozen=True)
class Event:
    id: str
    date: DateValue
    date_basis: DateBasis
    title: str
    summary: str
    actors: tuple[str, ...]
    tags: tuple[str, ...]
    sources: tuple[Source, ...]
    notes: str = ""
    line: int = 0  # line of the event in events.yaml, for messages
    rejected: tuple[Source, ...] = ()  # suggestions a person rejected: never suggested again


PassageStatus = Literal["curated", "suggested"]


@dataclass(frozen=True)
class Passage:
    """Words of a paragraph that report an event.

    `start`/`end` index into the paragraph's text. `curated` passages come from an event's sources;
    the others were found in other articles by the matcher and are suggestions until a person accepts them.
    """

    article: str
    paragraph: int
    start: int
    end: int
    text: str
    score: float
    curated: bool

    @property
    def status(self) -> PassageStatus:
        """`curated` (a source in events.yaml) or `suggested` (found by the matcher, not reviewed)."""
        return "curated" if self.curated else "suggested"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, reported as `FILE:LINE: field: message`."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


MAX_PROBLEMS = 500  # problems listed per input file or folder; more are counted, not kept


@dataclass(frozen=True)
class MoreProblems(Problem):
    """Stands for `count` further problems of `path` that were counted but not kept (see MAX_PROBLEMS)."""

    count: int = 0


def capped(problems: list[Problem], limit: int = MAX_PROBLEMS) -> list[Problem]:
    """The first `limit` problems, and one MoreProblems for the rest: memory and output stay bounded."""
    if len(problems) <= limit:
        return problems
    hidden = problem_count(problems[limit:])
    return [*problems[:limit], more_problems(problems[limit].path, hidden)]


def more_problems(path: str, count: int) -> MoreProblems:
    message = f"and {count} more problem{'s' if count != 1 else ''}, not listed; fix these first"
    return MoreProblems(path, 0, "", message, count)


def problem_count(problems: Sequence[Problem]) -> int:
    """How many problems a capped list stands for."""
    return sum(p.count if isinstance(p, MoreProblems) else 1 for p in problems)


class DataError(Exception):
    """The input data has problems; `problems` lists every one found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
