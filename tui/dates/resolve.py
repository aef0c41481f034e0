"""Resolvers: what each kind of span found by the patterns means, given the publication date and the text."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Callable
from typing import Literal, NamedTuple

from dateutil import parser as dateutil_parser

from ..model import DateValue
from .mention import SEASON_MONTHS, DateMention, Method, Precision, shift_months
from .patterns import (
    ABOUT_BEFORE,
    COUNT_BEFORE,
    MONTH_ABBR,
    MONTHS,
    MONTHS_TITLE,
    NAME_BEFORE,
    NAMED_DATES,
    NUMBERS,
    ORDINALS,
    PARTS_OF_DAY,
    PLURAL_NOUN_AFTER,
    PREPOSITION_BEFORE,
    SEASONS,
    SENTENCE_START,
    STREET_AFTER,
    WEEKDAYS,
    WORD_AFTER,
    ZONE_HOURS,
)
from .tense import Direction, direction

# A quotation: in curly or straight double quotes, or straight single ones opening after a space or colon.
QUOTATION = re.compile(r"“[^”\n]{1,2000}”|\"[^\"\n]{1,2000}\"|(?<![\w'])'(?=\S)[^'\n]{1,2000}(?<=\S)'(?!\w)")
SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n")


class Context:
    """The text, the publication date(s) and the last day a relative expression named (for "the day", times)."""

    def __init__(self, text: str, published: tuple[dt.date, dt.date, str] | None) -> None:
        self.text = text
        self.published = published
        self.last_day: dt.date | None = None  # named by a relative expression: what "the day" means
        self.last_any_day: dt.date | None = None  # named by any expression: what "the next day" follows
        self.day_ends: list[int] = []  # where each expression naming a day ends, in order
        self.days: list[dt.date] = []  # the day each names
        self._quotes: list[tuple[int, int]] | None = None

    @property
    def day(self) -> dt.date | None:
        """The publication day when known to the day."""
        return self.published[0] if self.published and self.published[2] == "day" else None

    @property
    def year(self) -> int | None:
        if self.published is None:
            return None
        first, last, _ = self.published
        return first.year if first.year == last.year else None

    @property
    def anchor(self) -> dt.date | None:
        return self.last_day or self.day

    def note(self, mention: DateMention) -> None:
        value = mention.date_value
        if value is None or value.precision != "day":
            return
        self.last_any_day = value.first_day
        self.day_ends.append(mention.end)
        self.days.append(value.first_day)
        if mention.method == "relative":
            self.last_day = value.first_day

    def before(self, start: int, width: int = 60) -> str:
        """The words of the same sentence before `start` (at most `width` characters)."""
        window = self.text[max(0, start - width) : start]
        cut = max(window.rfind(". "), window.rfind("\n"), window.rfind("; "), window.rfind("? "), window.rfind("! "))
        return window[cut + 1 :] if cut >= 0 else window

    def day_at(self, start: int) -> dt.date | None:
        """What "today" means at `start`: inside a quotation the text dates ("admitted on May 22, 2020: '... today
        ...'"), the day it was said; elsewhere the publication day."""
        quotes = self.quotes
        i = bisect.bisect_left(quotes, (start, start)) - 1  # the last quotation opening before `start`
        if i >= 0 and start < quotes[i][1]:
            said = self.day_before(quotes[i][0])
            return said if said is not None else self.day
        return self.day

    def day_in_apposition(self, start: int) -> dt.date | None:
        """The day named by the expression that ends right before `start`, a comma between them, if any."""
        i = bisect.bisect_right(self.day_ends, start) - 1
        if i < 0 or not re.fullmatch(r"\s*,\s*", self.text[self.day_ends[i] : start]):
            return None
        return self.days[i]

    def day_before(self, position: int) -> dt.date | None:
        """The last day named before `position` in the same sentence, if any."""
        i = bisect.bisect_right(self.day_ends, position) - 1
        if i < 0 or SENTENCE_BREAK.search(self.text, self.day_ends[i], position):
            return None
        return self.days[i]

    @property
    def quotes(self) -> list[tuple[int, int]]:
        if self._quotes is None:
            self._quotes = [m.span() for m in QUOTATION.finditer(self.text)]
        return self._quotes

    def direction(self, start: int, end: int) -> Direction | None:
        """Which way from publication the clause around the span points (see tense.py)."""
        return direction(self.text, start, end)


def as_dates(published: dt.date | DateValue | None) -> tuple[dt.date, dt.date, str] | None:
    if published is None:
        return None
    if isinstance(published, DateValue):
        return published.first_day, published.last_day, published.precision
    return published, published, "day"


class R(NamedTuple):
    """What a resolver makes of a span."""

    value: str | None
    precision: Precision | None
    method: Method
    type: Literal["DATE", "TIME"] = "DATE"


Resolver = Callable[[re.Match[str], Context, int, int], R | None]


def _month_number(name: str) -> int:
    name = name.lower().rstrip(".")
    return MONTHS.index(name) + 1 if name in MONTHS else MONTH_ABBR[name[:4] if name == "sept" else name[:3]]


@functools.lru_cache(maxsize=4096)  # news names the same few days again and again
def _normalise(year: int, month: int, day: int) -> dt.date | None:
    """dateutil normalises the pieces of a found span into a real calendar day (None for 31 April)."""
    try:
        return dateutil_parser.parse(f"{year:04d}-{month:02d}-{day:02d}").date()
    except (ValueError, OverflowError):
        return None


def _year_for(
    month: int, day: int, ctx: Context, start: int, end: int, way: Direction | Literal["clause"] | None = "clause"
) -> int | None:
    """The year of a month (and day) written without one: the publication's, or the neighbour the clause points to.

    A clause about the future takes the first such date from publication on, one about the past the last one up to
    it; a clause that says neither takes the nearest (within six months either side). `day` 0 means the whole
    month, which counts as up to publication while publication falls in it. `way` says the direction when the words
    of the expression tell it themselves."""
    if ctx.published is None or ctx.year is None:
        return None
    year = ctx.year
    reference = ctx.day or ctx.published[0]
    if way == "clause":
        way = ctx.direction(start, end)
    here, there = (month, day), (reference.month, reference.day if day else 0)  # a month: compare months
    later, earlier = here > there, here < there
    if way == "future":
        return year + 1 if earlier else year
    if way == "past":
        return year - 1 if later else year
    candidate = dt.date(year, month, min(day or 1, 28))
    if later and (candidate - reference).days > 183:
        return year - 1
    if earlier and (reference - candidate).days > 183:
        return year + 1
    return year


def _r_iso(m: re.Match[str], ctx: Context, start: int, end: int) -> R | None:
    day = _normalise(int(m["year"]), int(m["m"]), int(m["d"]))
    if day is None:
        return None
    return R(day.isoformat(), "day", "explicit")


def _r_slash(m: re.Match[str], ctx: Context, start: int, end: int) -> R | None:
    a, b, y = int(m["a"]), int(m["b"]), m["y"]
    year = int(y) if len(y) == 4 else (2000 + int(y) if int(y) < 50 else 1900 + int(y))
    month, day = (a, b) if a <= 12 else (b, a)  # US order unless the first number cannot be a month
    found = _normalise(year, month, day)
    if found is None:
        return None
    return R(found.isoformat(), "day", "explicit")


def _r_named(m: re.Match[str], ctx: Context, start: int, end: int) -> R | None:
    day = NAMED_DATES["9/11"]  # both forms name the 2001 attacks
    return R(day.isoformat(), "day", "explicit")


def _r_month_day(m: re.Match[str], ctx: Context, start: int, end: int) -> R | None:
    month, day = _month_number(m["month"]), int(m["day"])
    if not 1 <= day <= 31:
        return None
    year = int(m["year"]) if m["year"] else _shared_year(ctx, end, month, day) or _year_for(month, day, ctx, start, end)
    if year is None:
        return R(None, "day", "explicit")
    found = _normalise(year, month, day)
    if found is None:
        return None
    return R(found.isoformat(), "day", "explicit")


# What follows a date without a year that shares the year of the next: "between September and October of 2007",
# "from November to February 2020", "May 28 and June 3, 2019", "March 3 and 4, 2019", "August or September of this
# year".
SHARED_YEAR = re.compile(
    r"\s*,?\s*(?:and|or|to|through|until|till|-|–|—)\s+(?:(?:early|mid|late)[- ]\s*)?"
    r"(?P<m2>(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?!\w))?"
    r"(?:\s*(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?)?,?\s+(?:of\s+)?(?:(?P<y2>1[0-9]\d\d|20\d\d)(?![\d/-])"
    r"|(?P<rel2>this|last|next)\s+year\b)"
)


def _shared_year(ctx: Context, end: int, month: int, day: int) -> int | None:
    """The year a month (and day) written without one takes from the date it is paired with, if it is paired with
    one that has a year; a year earlier when it comes later in the calendar ("from November to February 2020")."""
    pair = SHARED_YEAR.match(ctx.text, end)
    if pair is None or not (pair["m2"] or (day and pair["d2"])) or (not day and not pair["m2"]):
        return None
    if pair["y2"]:
        year = int(pair["y2"])
    elif ctx.year is not None:
        year = ctx.year + {"last": -1, "this": 0, "next": 1}[pair["rel2"].lower()]
    else:
        return None
    other = (_month_number(pair["m2"]) if pair["m2"] else month, int(pair["d2"] or 0) if day else 0)
    return year - 1 if (month, day) > other else year


def _r_month_year(m: re.Match[str], ctx: Context, start: int, end: int) -> R | None:
    value = f"{int(m['year']):04d}-{_month_number(m['month']):02d}"
    return R(value, "month", "explicit")


# A month naming the period of a statistic ("August unemployment data", "the March jobs report", "May retail
# sales"): figures are told of a month that has ended.
_FIGURES_AFTER = re.compile(
    r"(?i)\s+(?:(?:jobs|unemployment|inflation|retail|trade|factory|manufacturing|housing|consumer|payrolls?|export"
    r"|import|industrial|production|output|GDP|CPI|price|sales|employment)\s+){0,2}"
    r"(?:data|figures|numbers|report|statistics|sales|payrolls|reading|inflation|unemployment)\b"
)


def _r_month(m: re.Match[str], ctx: Context, start: int, end: int) -> R | None:
    name = m["month"]
    before = ctx.text[max(0, m.start("month") - 30) : m.start("month")]
    after = ctx.text[m.end() : m.end() + 30]
    has_mod = bool(m["mod"])
    introduced = has_mod or bool(m["rel"]) or bool(PREPOSITION_BEFORE.search(before))
    if name == "May" and not introduced:
        return None  # the verb, or a name
    if not introduced and re.match(r"^\s+[A-Z][a-z]", after):
        return None  # "April Ryan", "June Carter"
    if not introduced and SENTENCE_START.search(before) and name in ("March", "May"):
        return None  # "March on Washington"
    month = _month_number(name)
    rel = (m["rel"] or "").lower()
    if rel and ctx.published:  # "last September": the latest before the publication month
        base = ctx.day or ctx.published[0]
        year = base.year
        if rel == "last" and month >= base.month:
            year -= 1
        elif rel in ("next", "coming") and month <= base.month:
            year += 1
        return R(f"{year:04d}-{month:02d}", "month", "relative")
    way = "past" if _FIGURES_AFTER.match(after) else "clause"  # "the April inflation figures": a month gone by
    year = (_shared_year(ctx, end, month, 0) or _year_for(month, 0, ctx, start, end, way)) if not rel else None
    which_year = re.match(r"(?i)^,?\s+(?:of\s+)?(last|this|next)\s+year\b", after)
    if year is not None and which_year and ctx.year is not None:  # "in September last year"
        year = ctx.year + {"last": -1, "this": 0, "next": 1}[which_year[1].lower()]
    value = None if year is None else f"{year:04d}-{month:02d}"
    return R(value, "month", "relative" if rel else "explicit")


def _r_decade(m: re.Match[str], ctx: Context, start: int, end: int) -> R | None:
    if not (m["the"] or m["mod"] or PREPOSITION_BEFORE.search(ctx.text[max(0, start - 20) : start])):
        return None  # "1990s" alone may be a count or a model
    return R(m["dec"], "decade", "explicit")


def _r_year(m: re.Match[str], ctx: Context, start: int, end: int) -> R | None:
    year_start = m.start("year")
    before = ctx.text[max(0, year_start - 24) : year_start]
    after = ctx.text[m.end() : m.end() + 24]
    if COUNT_BEFORE.search(before) and not m["mod"]:
        return None  # "resolution 2231", "more than 2000", "$1999"
    if ABOUT_BEFORE.search(before) and WORD_AFTER.match(after):
        return None  # "about 2000 people" counts; "around 2020, and" is a year
    if not m["mod"] and NAME_BEFORE.search(before):
        return None  # a name with a number: "Russell 2000", "Windows 2000"
    if re.search(r"[\w$£€#@/:-]$", before) and not m["mod"]:
        return None
    if re.match(r"^(?:[/:]\d|-[A-Za-z]|\.\d|\s*(?:%|percent|per\s+cent))", after):
        return None
    if STREET_AFTER.match(after):
        return None  # "2021 Main Street"
    if PLURAL_NOUN_AFTER.match(after) and not re.search(r"(?i)\b(?:in|since|until|by|of|during)\s*$", before):
        return None  # "2000 people", "1500 senators"
    return R(m["year"], "year", "explicit")


_NAMED_DAY_BEFORE = re.compile(r"(?:\b(?:Black|Cyber|Super|Good|Holy|Ash|Easter|Bloody|Blue)\s+|-)$")
_NAME_AFTER = re.compile(r"\s+(?!(?:{})\b)[A-Z][a-z]".format("|".join(MONTHS_TITLE)))
_DAY_PREPOSITION_BEFORE = re.compile(r"(?i)\b(?:on|by|since|until|till|from|before|after|early|late|and|or)\s+$")


def _r_weekday(m: re.Match[str], ctx: Context, start: int, end: int) -> R | None:
    if _NAMED_DAY_BEFORE.search(ctx.text, max(0, start - 8), start):
        return None  # a named day ("Black Monday", "Good Friday"), not a day of this week
    if _NAME_AFTER.match(ctx.text[end : end + 12]) and not (
        m["rel"] or _DAY_PREPOSITION_BEFORE.search(ctx.text[max(0, start - 12) : start])
    ):
        return None  # "Saturday Night Live", "the Sunday Times"
    target = WEEKDAYS.index(m["weekday"].lower())
    part = m["part"]
    kind: Literal["DATE", "TIME"] = "TIME" if part else "DATE"
    base = ctx.day_at(start)
    if base is None:
        return R(None, "day", "relative", kind)
    rel = (m["rel"] or "").lower()
    back = (base.weekday() - target) % 7
    ahead = (target - base.weekday()) % 7
    if rel == "last":
        day = base - dt.timedelta(days=back or 7)
    elif rel in ("next", "coming"):
        day = base + dt.timedelta(days=ahead or 7)
    elif rel == "this" or ctx.direction(start, end) == "future":
        day = base + dt.timedelta(days=ahead)
    else:
        day = base - dt.timedelta(days=back)
    value = day.isoformat() + (f"T{PARTS_OF_DAY[part.lower()]}" if part else "")
    return R(value, "day", "relative", kind)


def _r_clock(m: re.Match[str], ctx: Context, start: int, end: int) -> R | None:
    if not (m["zone"] or m["pzone"] or m["ampm"]):
        return None  # "15:30" alone may be a score or a verse
    hour, minute = int(m["h"]), int(m["mi"] or m["mi2"] or 0)
    ampm = (m["ampm"] or "").lower().replace(".", "")
    if ampm and not 1 <= hour <= 12:
        return None
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    anchor = ctx.anchor
    zone = _zone_suffix(m["zone"] or m["pzone"])
    value = f"{anchor.isoformat()}T{hour:02d}:{minute:02d}{zone}" if anchor else None
    return R(value, "day", "relative", "TIME")


def _zone_suffix(zone: str | None) -> str:
    """ISO 8601's zone for a clock time: "Z" for UTC and GMT, "-05:00" for "EST" or "UTC-5", "+08:00" for "GMT +8";
    the local day and time are kept as written."""
    if not zone:
        return ""
    found = re.fullmatch(r"(?P<name>[A-Z]+)(?:\s?(?P<sign>[+\-−])\s?(?P<h>\d{1,2})(?::?(?P<m>\d\d))?)?", zone)
    if found is None:
        return ""
    minutes = ZONE_HOURS[found["name"]] * 60
    if found["sign"]:
        offset = int(found["h"]) * 60 + int(found["m"] or 0)
        minutes += offset if found["sign"] == "+" else -offset  # "-" or the minus sign "−"
    if minutes == 0:
        return "Z"
    sign = "+" if minutes > 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _r_deictic(m: re.Match[str], ctx: Context, start: int, end: int) -> R | None:
    words = m["which"].lower().split()
    offset = {"yesterday": -1, "tomorrow": 1}.get(words[0], 0)
    if words[:3] == ["the", "day", "before"]:
        offset = -2
    elif words[:3] == ["the", "day", "after"]:
        offset = 2
    elif words[:2] == ["last", "night"]:
        offset = -1
    part = PARTS_OF_DAY.get(words[-1])
    kind: Literal["DATE", "TIME"] = "TIME" if part and words[0] != "today" else "DATE"
    if words[-1] == "tonight":
        part, kind = "NI", "TIME"
    today = ctx.day_at(start)
    if today is None:
        return R(None, "day", "relative", kind)
    day = today + dt.timedelta(days=offset)
    value = day.isoformat() + (f"T{part}" if part else "")
    return R(value, "day", "relative", kind)


def _r_unit(m: re.Match[str], ctx: Context, start: int, end: int) -> R | None:
    """ "Last week", "this year", "the start of next month"; "later this year" told in the last quarter is that
    quarter, as "earlier this year" told in the first is the first: all that is left of the year (or gone) lies in
    it."""
    rel = " ".join(m["rel"].lower().split())
    unit = m["unit"].lower()
    after = ctx.text[end : end + 20]
    if rel in ("the past", "the last", "the next", "the coming", "past") and re.match(r"^\s+(?:or|and)\b", after):
        return None  # "the past week or two": a duration
    if rel == "the same":
        return None  # "the same week" as something else the text tells of
    if unit == "decade" and rel in ("the past", "past", "this past", "the last") and ctx.year and ctx.year % 10 >= 5:
        return None  # the ten years up to a 2005 publication: a duration across two decades, not the 1990s
    step = _UNIT_STEPS.get(rel, 0)
    base = ctx.day_at(start) or (ctx.published[0] if ctx.published and unit in ("year", "decade", "quarter") else None)
    if unit == "month" and ctx.published and ctx.published[2] in ("day", "month"):
        base = ctx.published[0]
    if base is None:
        return R(None, _unit_precision(unit), "relative")
    if _since_start(m, ctx, start) and unit not in ("weekend", "decade"):
        return R(_first_day(base, unit, step).isoformat(), "day", "relative")
    quarter = (base.month - 1) // 3 + 1
    if unit == "year" and (rel, quarter) in (("later this", 4), ("earlier this", 1)):
        return R(f"{base.year:04d}-Q{quarter}", "quarter", "relative")
    return R(_unit_value(base, unit, step), _unit_precision(unit), "relative")


def _since_start(m: re.Match[str], ctx: Context, start: int) -> bool:
    """ "Since the start of the year": "since" counts from a point, and the point a period starts at is its first day
    ("at the start of the year" stays the year)."""
    edge = (m["edge"] or "").lower()
    return edge in ("start", "beginning") and bool(re.search(r"(?i)\bsince\s+$", ctx.text[max(0, start - 8) : start]))


def _first_day(base: dt.date, unit: str, step: int) -> dt.date:
    """The first day of the week, month, quarter or year `step` such periods from the one holding `base`."""
    if unit == "week":
        return base - dt.timedelta(days=base.weekday()) + dt.timedelta(weeks=step)
    months = {"month": 1, "quarter": 3, "year": 12}[unit]
    first = dt.date(base.year, base.month - (base.month - 1) % months, 1)
    return shift_months(first, months * step)


_UNIT_STEPS = {"next": 1, "coming": 1, "the coming": 1, "the next": 1} | dict.fromkeys(
    ("last", "this past", "past", "previous", "the past", "the last", "the previous"), -1
)


def _unit_precision(unit: str) -> Precision:
    return {"weekend": "week", "decade": "decade"}.get(unit, unit)  # type: ignore[return-value]


def _unit_value(base: dt.date, unit: str, step: int) -> str:
    if unit in ("week", "weekend"):
        year, week, _ = (base + dt.timedelta(weeks=step)).isocalendar()
        return f"{year:04d}-W{week:02d}" + ("-WE" if unit == "weekend" else "")
    if unit == "month":
        shifted = shift_months(base, step)
        return f"{shifted.year:04d}-{shifted.month:02d}"
    if unit == "quarter":
        shifted = shift_months(base, 3 * step)
        return f"{shifted.year:04d}-Q{(shifted.month - 1) // 3 + 1}"
    if unit == "decade":
        return str(base.year // 10 + step)
    return f"{base.year + step:04d}"


def _r_the_unit(m: re.Match[str], ctx: Context, start: int, end: int) -> R | None:
    unit = " ".join(m["unit"].lower().split())
    before = ctx.text[max(0, start - 12) : start]
    if re.search(r"(?i)\b(?:a|every|each|all|per|one|any|that)\s+$", before):
        return None
    if unit in ("day", "same day"):
        anchor = ctx.anchor
        value = anchor.isoformat() if anchor else None
        return R(value, "day", "relative")
    base = ctx.day_at(start) or (ctx.published[0] if ctx.published and unit == "year" else None)
    if base is None:
        return R(None, _unit_precision(unit), "relative")
    if _since_start(m, ctx, start) and unit in ("week", "year"):
        return R(_first_day(base, unit, 0).isoformat(), "day", "relative")
    return R(_unit_value(base, unit, 0), _unit_precision(unit), "relative")


def _r_narrative(m: re.Match[str], ctx: Context, start: int, end: int) -> R | None:
    """ "The next day", "the day before", "that day": a day counted from the last day the text named."""
    words = m.group().lower().split()
    offset = {"next": 1, "following": 1, "after": 1, "previous": -1, "preceding": -1, "before": -1}
    step = offset.get(words[1], offset.get(words[-1], 0))
    anchor = ctx.last_any_day
    value = (anchor + dt.timedelta(days=step)).isoformat() if anchor else None
    return R(value, "day", "relative")


def _r_ago(m: re.Match[str], ctx: Context, start: int, end: int) -> R | None:
    """ "Two days ago", "a week from now" count from publication; "a week later", "two days earlier" from the last day
    the sentence named ("arrived on May 3 and left a week later"), and have no value without one. "Three days later
    than planned" compares; set off by a comma right after a day ("arrives on November 11, three days later than
    planned"), it says that day again."""
    raw = m["n"].lower()
    n = int(raw) if raw.isdigit() else NUMBERS.get(raw)
    direction = m["dir"].lower()
    if n is None:
        return None
    unit = m["unit"].lower()
    if direction in ("later", "after", "before", "earlier"):
        if re.match(r"\s+than\b", ctx.text[end : end + 8]):
            same = ctx.day_in_apposition(start)
            return None if same is None else R(same.isoformat(), "day", "relative")
        if direction in ("before", "after") and not re.match(r"\s*(?:[,.;:)]|$)", ctx.text[end : end + 2]):
            return None  # "two days before the vote": counted from an event, not a date
        base, sign = ctx.day_before(start), (1 if direction in ("later", "after") else -1)
    else:
        base, sign = ctx.day_at(start), (-1 if direction == "ago" else 1)
    if base is None:
        return R(None, _unit_precision(unit), "relative") if direction in ("ago", "from now") else None
    if unit in ("day", "week"):
        day = base + dt.timedelta(days=sign * n * (7 if unit == "week" else 1))
        return R(day.isoformat(), "day", "relative")
    return R(_unit_value(base, unit, sign * n), unit, "relative")  # type: ignore[arg-type]


def _r_offset(m: re.Match[str], ctx: Context, start: int, end: int) -> R | None:
    """ "Will meet in two days", "must leave within three weeks": that many days from publication (for "within", the
    last day allowed). Only a clause about the future counts from now: elsewhere it is a duration ("finished in two
    days", "his second call in two days")."""
    raw = m["n"].lower()
    n = int(raw) if raw.isdigit() else NUMBERS.get(raw)
    if n is None or ctx.direction(start, end) != "future":
        return None
    base = ctx.day_at(start)
    if base is None:
        return R(None, "day", "relative")
    days = n * (7 if m["unit"].lower().startswith("week") else 1)
    return R((base + dt.timedelta(days=days)).isoformat(), "day", "relative")


def _r_nth(m: re.Match[str], ctx: Context, start: int, end: int) -> R | None:
    """ "On the 25th": that day of the publication month or a neighbouring one, as the clause's verb points."""
    if not re.search(r"(?i)\b(?:on|by|until|till|since|before|after)\s+$", ctx.text[max(0, start - 8) : start]):
        return None  # "the 20th" alone may be an anniversary, a century or a rank
    day = int(m["day"])
    base = ctx.day_at(start)
    if base is None:
        return R(None, "day", "relative")
    candidates = [d for step in (-1, 0, 1) if (d := _day_of_month(shift_months(base, step), day)) is not None]
    way = ctx.direction(start, end)
    if way == "future":
        chosen = min((d for d in candidates if d >= base), default=None)
    elif way == "past":
        chosen = max((d for d in candidates if d <= base), default=None)
    else:
        chosen = min(candidates, key=lambda d: abs((d - base).days), default=None)
    return R(chosen.isoformat(), "day", "relative") if chosen else None


def _day_of_month(first: dt.date, day: int) -> dt.date | None:
    try:
        return first.replace(day=day)
    except ValueError:
        return None


def _r_running(m: re.Match[str], ctx: Context, start: int, end: int) -> R | None:
    """ "For a second consecutive day", "for the third straight day": the day the sentence tells of, the last one it
    named, else the publication day."""
    day = ctx.day_before(start) or ctx.day_at(start)
    return R(day.isoformat() if day else None, "day", "relative")


def _r_q_year(m: re.Match[str], ctx: Context, start: int, end: int) -> R | None:
    return R(f"{m['year']}-Q{m['q']}", "quarter", "explicit")


def _fiscal_year(m: re.Match[str], ctx: Context) -> int | None:
    """The financial year a "fiscal" match names, by its own number or counted from the publication's year (TimeML's
    convention: a financial year is named by the calendar year it is told in, whatever months it spans)."""
    number = m["fy1"] or m["fy2"] or m["fy3"] or m["fy4"] or m["fy5"]
    if number:
        return int(number) if len(number) == 4 else (2000 if int(number) < 50 else 1900) + int(number)  # "FY99"
    if ctx.year is None:
        return None
    rel = " ".join((m["fyrel"] or "").lower().split()).removeprefix("the ")
    return ctx.year + {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)


def _r_fiscal(m: re.Match[str], ctx: Context, start: int, end: int) -> R | None:
    """ "The financial year", "fiscal 2008", "FY08": the organisation's year, `FY2008`, whose days its own calendar
    sets (no calendar span)."""
    year, method = _fiscal_year(m, ctx), _fiscal_method(m)
    return R(None if year is None else f"FY{year:04d}", "year", method)


def _fiscal_method(m: re.Match[str]) -> Method:
    return "explicit" if m["fy1"] or m["fy2"] or m["fy3"] or m["fy4"] or m["fy5"] else "relative"


def _r_quarter(m: re.Match[str], ctx: Context, start: int, end: int) -> R | None:
    ord_ = m["ord"].lower()
    base = ctx.day or (ctx.published[0] if ctx.published else None)
    if m["fyrel"] is not None or m["fy2"] or m["fy3"] or m["fy4"]:  # "the first quarter of fiscal 2008"
        number, year = ORDINALS.get(ord_), _fiscal_year(m, ctx)
        if number is None:
            return None
        return R(None if year is None else f"FY{year:04d}-Q{number}", "quarter", _fiscal_method(m))
    if m["year"]:
        number = ORDINALS.get(ord_)
        if number is None:
            return None
        return R(f"{m['year']}-Q{number}", "quarter", "explicit")
    if base is None:
        return R(None, "quarter", "relative")
    current = (base.month - 1) // 3 + 1
    if ord_ in ("last", "previous"):
        return R(_unit_value(base, "quarter", -1), "quarter", "relative")
    if ord_ == "current":
        return R(_unit_value(base, "quarter", 0), "quarter", "relative")
    number = ORDINALS[ord_]
    year = base.year + {"last": -1, "next": 1}.get((m["qrel"] or "").lower(), 0)
    way = ctx.direction(start, end) if not m["qrel"] else None
    if way != "future" and number > current:
        year -= 1  # the most recent such quarter that has begun
    elif way == "future" and number < current:
        year += 1  # the next such quarter
    return R(f"{year:04d}-Q{number}", "quarter", "relative")


def _r_season(m: re.Match[str], ctx: Context, start: int, end: int) -> R | None:
    word = m["season"]
    rel = (m["rel"] or "").lower()
    if word.lower() == "fall":  # the verb and "the fall of Kabul" are far commoner than the season
        if not (m["year"] or rel in ("this", "last", "next", "early", "late")):
            return None
    elif not (m["year"] or rel or m["ctx"] is not None or word[0].isupper()):
        return None  # "a hot spring"
    code = SEASONS[word.lower()]
    if m["year"]:
        return R(f"{m['year']}-{code}", "season", "explicit")
    if ctx.year is None:
        return R(None, "season", "relative")
    year = ctx.year + {"last": -1, "next": 1}.get(rel, 0)
    way = ctx.direction(start, end) if rel in ("", "early", "late") and ctx.published else None
    if way is not None and ctx.published is not None:
        reference = ctx.day or ctx.published[0]
        first = {y: dt.date(y, SEASON_MONTHS[code], 1) for y in (year - 1, year, year + 1)}
        if way == "past":  # the last such season that has begun
            year = max(y for y, day in first.items() if day <= reference)
        else:  # the first such season not yet over
            year = min(y for y, day in first.items() if shift_months(day, 3) > reference)
    return R(f"{year:04d}-{code}", "season", "relative")


# A length of time right before "now" ("for three weeks now", "more than a year now", "for a while now").
_LENGTH_BEFORE = re.compile(
    r"(?i)\b(?:(?:days|weeks|months|years|decades|hours)|(?:a|an|one)\s+(?:day|week|month|year|decade|hour)"
    r"|some\s+time|a\s+(?:long\s+)?while|a\s+long\s+time)\s+$"
)


def _r_ref(m: re.Match[str], ctx: Context, start: int, end: int) -> R | None:
    """ "Recently", "currently", "in the near term": TimeML's references to the past, present and future. "Now" after
    a length of time ends that length: the day of writing."""
    ref = " ".join(m["ref"].lower().split())
    after = ctx.text[end : end + 12]
    if ref.startswith("at "):  # "at one point", "at some point": a time before or after, as the clause says
        way = ctx.direction(start, end)
        return None if way is None else R("FUTURE_REF" if way == "future" else "PAST_REF", None, "relative")
    if ref.startswith("recent") and re.search(
        r"(?i)\b(?:most|more|less|least)\s+$", ctx.text[max(0, start - 6) : start]
    ):
        return None  # "their most recent iPhone model": an ordering, not a time
    if ref == "now" and (
        re.match(r"^\s*(?:-|that\b|on\b)", after)
        or re.search(r"(?i)\b(?:will|would|can|could)\s+$", ctx.text[max(0, start - 8) : start])
    ):
        return None  # "now-cancelled", "now that", "from now on", "will now receive"
    if ref == "now" and _LENGTH_BEFORE.search(ctx.text, max(0, start - 24), start):
        day = ctx.day_at(start)  # "for three weeks now": the end of a length of time, the day of writing
        return R(day.isoformat() if day else None, "day", "relative")
    if ref.startswith(("recent", "more recently", "in the past")):
        value = "PAST_REF"
    elif ref in ("the near term", "the near future", "the future", "in the long term"):
        value = "FUTURE_REF"
    else:
        value = "PRESENT_REF"
    return R(value, None, "relative")


def _r_vague(m: re.Match[str], ctx: Context, start: int, end: int) -> R | None:
    """A time the text names but does not date: "Black Monday" (which one?), "later", "at a later date"."""
    if (
        m["later"]
        and m["later"].lower() == "later"
        and re.search(
            r"(?i)\b(?:\w+\s+)?(?:days?|weeks?|months?|years?|hours?|minutes?|moments?|decades?)\s+$",
            ctx.text[max(0, start - 30) : start],
        )
    ):
        return None  # "two days later" belongs to a duration
    return R(None, None, "explicit" if m["named"] else "relative")


RESOLVERS: dict[str, Resolver] = {
    "vague": _r_vague,
    "iso": _r_iso,
    "slash": _r_slash,
    "named": _r_named,
    "month_day": _r_month_day,
    "day_month": _r_month_day,
    "month_year": _r_month_year,
    "month": _r_month,
    "decade": _r_decade,
    "year": _r_year,
    "weekday": _r_weekday,
    "clock": _r_clock,
    "deictic": _r_deictic,
    "unit": _r_unit,
    "the_unit": _r_the_unit,
    "narrative": _r_narrative,
    "running": _r_running,
    "ago": _r_ago,
    "offset": _r_offset,
    "nth": _r_nth,
    "q_year": _r_q_year,
    "quarter": _r_quarter,
    "fiscal": _r_fiscal,
    "season": _r_season,
    "ref": _r_ref,
}
