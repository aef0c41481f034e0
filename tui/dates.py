"""Find the date expressions of English news text and resolve them to TimeML values.

`tag(text, published)` scans with a handful of anchored patterns (never a free-running date parser: dateutil
only normalises the spans found here), drops what only looks like a date (the verb "may", counts such as
"44 senators", "resolution 2231", e-mail addresses, handles), and resolves each span:

- explicit: the words name the calendar date ("May 12, 2021", "12 May 2021", "2021-05-12", "May 2021", "in 1997");
  a month or day without a year takes the publication's year, moved back a year when that would put it more than
  six months after publication, forward when the verb is future and it would be more than six months before;
- relative: deictic words resolved against the publication date ("today", "yesterday", "last week", "on
  Wednesday", "this morning"). A bare weekday is the most recent such day on or before publication (right about
  nine times in ten in news), the next one on or after it when the verb is future ("will", "is due to").

Values follow TimeML: `2021-05-12`, `2021-W19`, `2021-05`, `2021-Q2`, `2021-SU` (season), `2021`, `202` (decade),
`2021-05-12TMO` (a part of the day), `2021-05-12T18:00Z` (a clock time), and `PAST_REF`/`PRESENT_REF`/`FUTURE_REF`
for "recently", "currently", "in the near term". Without a publication date, relative ones have no value.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal, NamedTuple

from dateutil import parser as dateutil_parser

from .model import DateValue

Precision = Literal["day", "week", "month", "quarter", "season", "year", "decade"]
Method = Literal["explicit", "relative"]

MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH_ABBR = {m[:3]: i for i, m in enumerate(MONTHS, 1)} | {"sept": 9}
MONTHS_TITLE = [m.title() for m in MONTHS]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
_SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_SEASON_MONTHS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # first month; each lasts three
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30,
}  # fmt: skip
NAMED_DATES = {"9/11": dt.date(2001, 9, 11)}  # dates English news names by their numerals alone


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

    @property
    def date_value(self) -> DateValue | None:
        """The value as a calendar DateValue (day, week, month or year), or None for other values."""
        if self.value is None:
            return None
        head = self.value.split("T", 1)[0]
        try:
            return DateValue.parse(head)
        except ValueError:
            return None

    @property
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
            first, months = dt.date(int(match[1]), _SEASON_MONTHS[match["season"]], 1), 3
        return first, _shift_months(first, months) - dt.timedelta(days=1)


# --- patterns -----------------------------------------------------------------------------------------------

_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.)"
)
_MONTH_D = (  # before or after a day number, an abbreviation needs no full stop: "Jan 6"
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_WEEKDAY_BEFORE = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+(?:the\s+)?)?"
_YEAR_AFTER = r"(?:,?\s+(?P<year>1[0-9]\d\d|20\d\d))?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DAY_MONTH = r"(?<![\w.,])" + _DAY + r"\s+(?:of\s+)?" + _MONTH_D
_YEAR = r"(?P<year>1[0-9]\d\d|20\d\d)"
_MOD = r"(?:(?P<mod>early|mid|late|the end of|the beginning of|the start of|the middle of)[- ]\s*)?"
_NOT_NUMBER_AFTER = r"(?![\d,.]\d|\d|[-/]\d|%|\w)"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?:\s+(?P<part>morning|afternoon|evening|night))?"

Rule = tuple[str, re.Pattern[str]]
_RULES: list[Rule] = [
    ("iso", re.compile(r"(?<![\w/.-])(?P<year>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\w/-]|\.\d)")),
    ("slash", re.compile(r"(?<![\w/.-])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\w/]|[.-]\d)")),
    ("named", re.compile(
        r"(?<![\w/.-])(?P<nine>9/11)(?![\w/]|[.-]\d)"
        r"|(?P<sept>Sept(?:ember|\.)?\s+11(?:th)?(?:,\s+2001)?)(?=,?\s+(?:terror\w*\s+)?attacks?\b)"
    )),
    ("month_day", re.compile(_WEEKDAY_BEFORE + _MONTH_D + r"\s+" + _DAY + _YEAR_AFTER + _NOT_NUMBER_AFTER)),
    ("day_month", re.compile(_WEEKDAY_BEFORE + _DAY_MONTH + _YEAR_AFTER + r"(?![A-Za-z])")),
    ("month_year", re.compile(_MOD + _MONTH + r",?\s+(?:of\s+)?" + _YEAR + _NOT_NUMBER_AFTER)),
    ("month", re.compile(r"(?i:(?P<rel>last|next|this|coming)\s+|" + _MOD + r")" + _MONTH + r"\b")),
    ("decade", re.compile(r"(?i:(?P<the>the\s+)?" + _MOD + r")(?P<dec>1[5-9]\d|20\d)0'?s\b")),
    ("year", re.compile(r"(?<![\w$£€#@.,/-])(?i:" + _MOD + r")" + _YEAR + _NOT_NUMBER_AFTER)),
    ("weekday", re.compile(r"(?i:(?P<rel>last|next|this|coming)\s+)?" + _WEEKDAY + r"\b(?:(?='s)|" + _PART + ")")),
    ("clock", re.compile(
        r"(?<![\w:.,$£€])(?P<h>[01]?\d|2[0-3])"
        r"(?::(?P<mi>[0-5]\d)|(?P<mi2>[0-5]\d)(?=\s*(?:UTC|GMT))|(?=\s*[ap]\.?m\b))"
        r"(?:\s*(?P<ampm>[ap]\.?m\.?)(?!\w))?(?:\s*(?P<zone>UTC|GMT)\b)?(?![\d:])"
    )),
    ("deictic", re.compile(
        r"(?i)\b(?P<which>(?:earlier|later)\s+(?:today|tonight)|the\s+day\s+before\s+yesterday"
        r"|the\s+day\s+after\s+tomorrow|today|yesterday|tomorrow|tonight"
        r"|(?:this|yesterday|tomorrow)\s+(?:morning|afternoon|evening)|last\s+night)\b"
    )),
    ("unit", re.compile(
        r"(?i)\b(?P<rel>last|this\s+past|this|next|past|coming|previous|earlier\s+this|later\s+this|the\s+past|the\s+last"
        r"|the\s+coming|the\s+next|the\s+previous|the\s+same)\s+(?P<unit>week|weekend|month|year|decade|quarter)\b"
        r"(?!-)"
    )),
    ("the_unit", re.compile(
        r"(?i)(?<!\w)(?:(?:the\s+)?(?P<edge>start|beginning|end|middle|rest|remainder)\s+of\s+|(?:late|early)\s+in\s+)?"
        r"the\s+(?P<unit>weekend|week|year|day|same\s+day)\b(?!(?<=year)\s+\d|\s+(?:of|when|that|in\s+which|the|an?|he|she|it|they|we|I"
        r"|his|her|its|their)\b|\s+(?:before|after)\s+(?!\w+ing\b))"
    )),
    ("narrative", re.compile(
        r"(?i)\bthe\s+(?:(?P<step>next|following|previous|preceding)\s+day|day\s+(?P<ba>before|after)(?=\s*[,.;]))\b"
        r"|(?:(?<=\bon\s)|(?<=\bby\s)|(?<=\blater\s)|(?<=\bearlier\s)|(?<=\buntil\s)|(?<=\bsince\s))that\s+day\b"
    )),
    ("ago", re.compile(
        r"(?i)\b(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty)"
        r"\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>ago|earlier|later|before|after|from\s+now)\b"
    )),
    ("q_year", re.compile(r"(?<![\w-])Q(?P<q>[1-4])\s+(?:of\s+)?" + _YEAR + r"\b")),
    ("quarter", re.compile(
        r"(?i)\b(?:the\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|last|previous|current)\s+"
        r"(?:fiscal\s+|financial\s+)?quarter(?:\s+of\s+(?:(?P<qrel>this|last|next)\s+year|" + _YEAR + r"))?\b"
    )),
    ("season", re.compile(
        r"(?i)\b(?:(?P<rel>this|last|next|early|late)\s+"
        r"|(?P<ctx>(?<=\bthe\s)|(?<=\bin\s)|(?<=\bduring\s)|(?<=\bits\s)|(?<=\btheir\s)))?"
        r"(?P<season>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?" + _YEAR + r")?\b"
    )),
    ("vague", re.compile(
        r"(?<![\w-])(?:(?P<named>(?:Black|Bloody|Cyber)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))"
        r"|(?i:(?P<later>(?:at\s+)?a\s+later\s+(?:date|time|stage)|later)))\b(?!-|'s|\s+(?:than|on|in|this|that|today|tonight)\b)"
    )),
    ("ref", re.compile(
        r"(?i)\b(?P<ref>more\s+recently|recently|recent(?:\s+(?:years|months|weeks|days))?|currently|nowadays"
        r"|at\s+present|the\s+time\s+being|now|in\s+the\s+past(?!\s+(?:\w+\s+)?(?:decade|years?|months?|weeks?|days?)\b)|the\s+near\s+term|the\s+near\s+future"
        r"|the\s+future|in\s+the\s+long\s+term)\b(?![-'])"
    )),
]  # fmt: skip

_FUTURE = re.compile(
    r"(?i)\b(?:will|'ll|shall|is\s+due|are\s+due|(?:is|are|was|were)\s+(?:set|scheduled|expected|slated|planned)"
    r"|to\s+be\s+held|(?:is|are)\s+to|(?:plans?|planning|intends?|hopes?)\s+to|until|till|upcoming|next"
    r"|(?:an?|the)\s+(?:expected|scheduled|planned|forthcoming))\b"
)
_PAST_VERB = re.compile(r"(?i)(?<!\bbe )\b(?:\w+ed|said|held|was|were|had|did|made|began|took|met|spoke)\b")
_PAST_BEFORE = re.compile(r"(?i)\b(?:since|ago|last)\b|\b(?:was|were|had|did|said|began|took|met)\b|\b\w{3,}ed\b")
_PAST_VERB_AFTER = re.compile(r"(?i)^\W*(?:\w+\W+){0,2}?(?:said|says|announced|reported|told|stated)\b")
_MASK = re.compile(
    r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<!\w)[@#]\w+|https?://\S+|www\.\S+"
    r"|(?<![\w.-])(?:[\w-]+\.)+(?:com|org|net|gov|edu)\b",
    re.I,
)
_COUNT_BEFORE = re.compile(
    r"(?i)(?:\b(?:resolution|resolutions|no|nos|number|numbers|flight|route|model|room|page|pages|item|article"
    r"|section|chapter|rule|law|bill|code|unit|version|patch|id|zip|more\s+than|less\s+than|fewer\s+than|over"
    r"|under|up\s+to|at\s+least|at\s+most|than|exactly|another|total\s+of|with|lost|gained|fell|rose|dropped"
    r"|added|shed|cut|hired|aged?)|[$£€¥#№]|US\$|\bNo\.)\s*$"
)
_ABOUT_BEFORE = re.compile(r"(?i)\b(?:about|around|nearly|almost|some|roughly|approximately|circa|just|only)\s*$")
_WORD_AFTER = re.compile(r"^\s+(?!(?:and|or|to|when|as|in|at|for|with|but|before|after|until|on)\b)[a-z]")
_PREPOSITION_BEFORE = re.compile(
    r"(?i)\b(?:in|since|until|till|by|from|to|through|throughout|during|before|after|of|between|and|or|around"
    r"|early|mid|late|last|next|this|each|every|for|on|circa|the|as\s+of|since\s+early|since\s+late)[- ]\s*$"
)
_PLURAL_NOUN_AFTER = re.compile(r"^\s+(?:[a-z][a-z-]*[^s'\W]s|people|men|women|children|staff|police)\b")
_STREET_AFTER = re.compile(r"^\s+(?:[A-Z][a-z]+\s+){1,2}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Drive)\b")
_NAME_BEFORE = re.compile(
    r"[\w,;:)]\s+(?!(?:{})\b)[A-Z][A-Za-z]+\s+$".format("|".join(m.capitalize() for m in MONTHS))
)  # a capitalised word inside a sentence, right before the number
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n)\s*[\"'“‘(]?$")


def tag(text: str, published: dt.date | DateValue | None = None) -> list[DateMention]:
    """The date expressions of `text` in order, resolved against `published` (a day, or a DateValue)."""
    context = _Context(text, _as_dates(published))
    candidates = sorted(_candidates(text), key=lambda c: (c[1].start(), -(c[1].end() - c[1].start())))
    masks = [m.span() for m in _MASK.finditer(text)]  # non-overlapping, in order
    mask_ends = [e for _, e in masks]
    mentions: list[DateMention] = []
    taken_until = 0
    for kind, match in candidates:
        start, end = match.span()
        if start < taken_until or start >= end or _overlaps_mask(masks, mask_ends, start, end):
            continue
        try:
            found = _RESOLVERS[kind](match, context, start, end)
        except (ValueError, OverflowError):  # arithmetic past year 1 or 9999
            continue
        if found is None:
            continue
        mention = DateMention(start, end, text[start:end], *found)
        mentions.append(mention)
        taken_until = end
        context.note(mention)
    return mentions


def _overlaps_mask(masks: list[tuple[int, int]], ends: list[int], start: int, end: int) -> bool:
    """The span touches an e-mail address, handle, hashtag or URL."""
    i = bisect.bisect_right(ends, start)
    return i < len(masks) and masks[i][0] < end


def _candidates(text: str) -> Iterator[tuple[str, re.Match[str]]]:
    for kind, pattern in _RULES:
        for match in pattern.finditer(text):
            yield kind, match


class _Context:
    """The text, the publication date(s) and the last day a relative expression named (for "the day", times)."""

    def __init__(self, text: str, published: tuple[dt.date, dt.date, str] | None) -> None:
        self.text = text
        self.published = published
        self.last_day: dt.date | None = None  # named by a relative expression: what "the day" means
        self.last_any_day: dt.date | None = None  # named by any expression: what "the next day" follows

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
        if mention.method == "relative":
            self.last_day = value.first_day

    def before(self, start: int, width: int = 60) -> str:
        """The words of the same sentence before `start` (at most `width` characters)."""
        window = self.text[max(0, start - width) : start]
        cut = max(window.rfind(". "), window.rfind("\n"), window.rfind("; "), window.rfind("? "), window.rfind("! "))
        return window[cut + 1 :] if cut >= 0 else window

    def is_future(self, start: int, end: int) -> bool:
        """The clause is about the future: a future verb shortly before, and no "said" right after."""
        before = self.before(start, 48)
        if _PAST_VERB_AFTER.match(self.text[end : end + 30]):
            return False
        cues = list(_FUTURE.finditer(before))
        if not cues:
            return False
        return not _PAST_VERB.search(before[cues[-1].end() :])  # "will give ... a conference held on Friday"


def _as_dates(published: dt.date | DateValue | None) -> tuple[dt.date, dt.date, str] | None:
    if published is None:
        return None
    if isinstance(published, DateValue):
        return published.first_day, published.last_day, published.precision
    return published, published, "day"


class _R(NamedTuple):
    """What a resolver makes of a span."""

    value: str | None
    precision: Precision | None
    method: Method
    type: Literal["DATE", "TIME"] = "DATE"


Resolver = Callable[[re.Match[str], _Context, int, int], _R | None]


def _month_number(name: str) -> int:
    name = name.lower().rstrip(".")
    return MONTHS.index(name) + 1 if name in MONTHS else _MONTH_ABBR[name[:4] if name == "sept" else name[:3]]


def _normalise(year: int, month: int, day: int) -> dt.date | None:
    """dateutil normalises the pieces of a found span into a real calendar day (None for 31 April)."""
    try:
        return dateutil_parser.parse(f"{year:04d}-{month:02d}-{day:02d}").date()
    except (ValueError, OverflowError):
        return None


def _year_for(month: int, day: int, ctx: _Context, start: int, end: int) -> int | None:
    """The year of a month (and day) written without one: publication's year, or the neighbour that fits."""
    if ctx.published is None or ctx.year is None:
        return None
    year = ctx.year
    reference = ctx.day or ctx.published[0]
    candidate = dt.date(year, month, min(day, 28))
    later = (month, day) > (reference.month, reference.day if day > 1 else 1)
    if later:  # after publication: the future when the verb says so, else last year's when the verb is past
        if ctx.is_future(start, end):
            return year
        if (candidate - reference).days > 183 or _PAST_BEFORE.search(ctx.before(start, 40)):
            return year - 1
        return year
    if (reference - candidate).days > 183 and ctx.is_future(start, end):
        return year + 1
    return year


def _r_iso(m: re.Match[str], ctx: _Context, start: int, end: int) -> _R | None:
    day = _normalise(int(m["year"]), int(m["m"]), int(m["d"]))
    if day is None:
        return None
    return _R(day.isoformat(), "day", "explicit")


def _r_slash(m: re.Match[str], ctx: _Context, start: int, end: int) -> _R | None:
    a, b, y = int(m["a"]), int(m["b"]), m["y"]
    year = int(y) if len(y) == 4 else (2000 + int(y) if int(y) < 50 else 1900 + int(y))
    month, day = (a, b) if a <= 12 else (b, a)  # US order unless the first number cannot be a month
    found = _normalise(year, month, day)
    if found is None:
        return None
    return _R(found.isoformat(), "day", "explicit")


def _r_named(m: re.Match[str], ctx: _Context, start: int, end: int) -> _R | None:
    day = NAMED_DATES["9/11"]  # both forms name the 2001 attacks
    return _R(day.isoformat(), "day", "explicit")


def _r_month_day(m: re.Match[str], ctx: _Context, start: int, end: int) -> _R | None:
    month, day = _month_number(m["month"]), int(m["day"])
    if not 1 <= day <= 31:
        return None
    year = int(m["year"]) if m["year"] else _year_for(month, day, ctx, start, end)
    if year is None:
        return _R(None, "day", "explicit")
    found = _normalise(year, month, day)
    if found is None:
        return None
    return _R(found.isoformat(), "day", "explicit")


def _r_month_year(m: re.Match[str], ctx: _Context, start: int, end: int) -> _R | None:
    value = f"{int(m['year']):04d}-{_month_number(m['month']):02d}"
    return _R(value, "month", "explicit")


def _r_month(m: re.Match[str], ctx: _Context, start: int, end: int) -> _R | None:
    name = m["month"]
    before = ctx.text[max(0, m.start("month") - 30) : m.start("month")]
    after = ctx.text[m.end() : m.end() + 30]
    has_mod = bool(m["mod"])
    introduced = has_mod or bool(m["rel"]) or bool(_PREPOSITION_BEFORE.search(before))
    if name == "May" and not introduced:
        return None  # the verb, or a name
    if not introduced and re.match(r"^\s+[A-Z][a-z]", after):
        return None  # "April Ryan", "June Carter"
    if not introduced and _SENTENCE_START.search(before) and name in ("March", "May"):
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
        return _R(f"{year:04d}-{month:02d}", "month", "relative")
    year = _year_for(month, 1, ctx, start, end) if not rel else None
    which_year = re.match(r"(?i)^,?\s+(?:of\s+)?(last|this|next)\s+year\b", after)
    if year is not None and which_year and ctx.year is not None:  # "in September last year"
        year = ctx.year + {"last": -1, "this": 0, "next": 1}[which_year[1].lower()]
    value = None if year is None else f"{year:04d}-{month:02d}"
    return _R(value, "month", "relative" if rel else "explicit")


def _r_decade(m: re.Match[str], ctx: _Context, start: int, end: int) -> _R | None:
    if not (m["the"] or m["mod"] or _PREPOSITION_BEFORE.search(ctx.text[max(0, start - 20) : start])):
        return None  # "1990s" alone may be a count or a model
    return _R(m["dec"], "decade", "explicit")


def _r_year(m: re.Match[str], ctx: _Context, start: int, end: int) -> _R | None:
    year_start = m.start("year")
    before = ctx.text[max(0, year_start - 24) : year_start]
    after = ctx.text[m.end() : m.end() + 24]
    if _COUNT_BEFORE.search(before) and not m["mod"]:
        return None  # "resolution 2231", "more than 2000", "$1999"
    if _ABOUT_BEFORE.search(before) and _WORD_AFTER.match(after):
        return None  # "about 2000 people" counts; "around 2020, and" is a year
    if not m["mod"] and _NAME_BEFORE.search(before):
        return None  # a name with a number: "Russell 2000", "Windows 2000"
    if re.search(r"[\w$£€#@/:-]$", before) and not m["mod"]:
        return None
    if re.match(r"^(?:[/:]\d|-[A-Za-z]|\.\d|\s*(?:%|percent|per\s+cent))", after):
        return None
    if _STREET_AFTER.match(after):
        return None  # "2021 Main Street"
    if _PLURAL_NOUN_AFTER.match(after) and not re.search(r"(?i)\b(?:in|since|until|by|of|during)\s*$", before):
        return None  # "2000 people", "1500 senators"
    return _R(m["year"], "year", "explicit")


def _r_weekday(m: re.Match[str], ctx: _Context, start: int, end: int) -> _R | None:
    if re.search(
        r"(?:\b(?:Black|Cyber|Super|Good|Holy|Ash|Easter|Bloody|Blue)\s+|-)$", ctx.text[max(0, start - 8) : start]
    ):
        return None  # a named day ("Black Monday", "Good Friday"), not a day of this week
    before = ctx.text[max(0, start - 12) : start]
    if re.match(r"\s+(?!(?:{})\b)[A-Z][a-z]".format("|".join(MONTHS_TITLE)), ctx.text[end : end + 12]) and not (
        m["rel"] or re.search(r"(?i)\b(?:on|by|since|until|till|from|before|after|early|late|and|or)\s+$", before)
    ):
        return None  # "Saturday Night Live", "the Sunday Times"
    target = WEEKDAYS.index(m["weekday"].lower())
    part = m["part"]
    kind: Literal["DATE", "TIME"] = "TIME" if part else "DATE"
    base = ctx.day
    if base is None:
        return _R(None, "day", "relative", kind)
    rel = (m["rel"] or "").lower()
    back = (base.weekday() - target) % 7
    ahead = (target - base.weekday()) % 7
    if rel == "last":
        day = base - dt.timedelta(days=back or 7)
    elif rel in ("next", "coming"):
        day = base + dt.timedelta(days=ahead or 7)
    elif rel == "this" or ctx.is_future(start, end):
        day = base + dt.timedelta(days=ahead)
    else:
        day = base - dt.timedelta(days=back)
    value = day.isoformat() + (f"T{_PARTS_OF_DAY[part.lower()]}" if part else "")
    return _R(value, "day", "relative", kind)


def _r_clock(m: re.Match[str], ctx: _Context, start: int, end: int) -> _R | None:
    if not (m["zone"] or m["ampm"]):
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
    zone = "Z" if m["zone"] else ""
    value = f"{anchor.isoformat()}T{hour:02d}:{minute:02d}{zone}" if anchor else None
    return _R(value, "day", "relative", "TIME")


def _r_deictic(m: re.Match[str], ctx: _Context, start: int, end: int) -> _R | None:
    words = m["which"].lower().split()
    offset = {"yesterday": -1, "tomorrow": 1}.get(words[0], 0)
    if words[:3] == ["the", "day", "before"]:
        offset = -2
    elif words[:3] == ["the", "day", "after"]:
        offset = 2
    elif words[:2] == ["last", "night"]:
        offset = -1
    part = _PARTS_OF_DAY.get(words[-1])
    kind: Literal["DATE", "TIME"] = "TIME" if part and words[0] != "today" else "DATE"
    if words[-1] == "tonight":
        part, kind = "NI", "TIME"
    if ctx.day is None:
        return _R(None, "day", "relative", kind)
    day = ctx.day + dt.timedelta(days=offset)
    value = day.isoformat() + (f"T{part}" if part else "")
    return _R(value, "day", "relative", kind)


def _shift_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _r_unit(m: re.Match[str], ctx: _Context, start: int, end: int) -> _R | None:
    rel = " ".join(m["rel"].lower().split())
    unit = m["unit"].lower()
    after = ctx.text[end : end + 20]
    if rel in ("the past", "the last", "the next", "the coming", "past") and re.match(r"^\s+(?:or|and)\b", after):
        return None  # "the past week or two": a duration
    if rel == "the same":
        return None  # "the same week" as something else the text tells of
    step = _UNIT_STEPS.get(rel, 0)
    base = ctx.day or (ctx.published[0] if ctx.published and unit in ("year", "decade", "quarter") else None)
    if unit == "month" and ctx.published and ctx.published[2] in ("day", "month"):
        base = ctx.published[0]
    if base is None:
        return _R(None, _unit_precision(unit), "relative")
    return _R(_unit_value(base, unit, step), _unit_precision(unit), "relative")


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
        shifted = _shift_months(base, step)
        return f"{shifted.year:04d}-{shifted.month:02d}"
    if unit == "quarter":
        shifted = _shift_months(base, 3 * step)
        return f"{shifted.year:04d}-Q{(shifted.month - 1) // 3 + 1}"
    if unit == "decade":
        return str(base.year // 10 + step)
    return f"{base.year + step:04d}"


def _r_the_unit(m: re.Match[str], ctx: _Context, start: int, end: int) -> _R | None:
    unit = " ".join(m["unit"].lower().split())
    before = ctx.text[max(0, start - 12) : start]
    if re.search(r"(?i)\b(?:a|every|each|all|per|one|any|that)\s+$", before):
        return None
    if unit in ("day", "same day"):
        anchor = ctx.anchor
        value = anchor.isoformat() if anchor else None
        return _R(value, "day", "relative")
    base = ctx.day or (ctx.published[0] if ctx.published and unit == "year" else None)
    if base is None:
        return _R(None, _unit_precision(unit), "relative")
    return _R(_unit_value(base, unit, 0), _unit_precision(unit), "relative")


def _r_narrative(m: re.Match[str], ctx: _Context, start: int, end: int) -> _R | None:
    """ "The next day", "the day before", "that day": a day counted from the last day the text named."""
    words = m.group().lower().split()
    offset = {"next": 1, "following": 1, "after": 1, "previous": -1, "preceding": -1, "before": -1}
    step = offset.get(words[1], offset.get(words[-1], 0))
    anchor = ctx.last_any_day
    value = (anchor + dt.timedelta(days=step)).isoformat() if anchor else None
    return _R(value, "day", "relative")


def _r_ago(m: re.Match[str], ctx: _Context, start: int, end: int) -> _R | None:
    raw = m["n"].lower()
    n = int(raw) if raw.isdigit() else _NUMBERS.get(raw)
    direction = m["dir"].lower()
    if n is None or direction in ("later", "after", "before", "earlier"):
        return None  # relative to another event, not to publication
    unit = m["unit"].lower()
    base = ctx.day
    if base is None:
        return _R(None, _unit_precision(unit), "relative")
    sign = -1 if direction == "ago" else 1
    if unit in ("day", "week"):
        day = base + dt.timedelta(days=sign * n * (7 if unit == "week" else 1))
        return _R(day.isoformat(), "day", "relative")
    return _R(_unit_value(base, unit, sign * n), unit, "relative")  # type: ignore[arg-type]


def _r_q_year(m: re.Match[str], ctx: _Context, start: int, end: int) -> _R | None:
    return _R(f"{m['year']}-Q{m['q']}", "quarter", "explicit")


def _r_quarter(m: re.Match[str], ctx: _Context, start: int, end: int) -> _R | None:
    ord_ = m["ord"].lower()
    base = ctx.day or (ctx.published[0] if ctx.published else None)
    if m["year"]:
        number = _ORDINALS.get(ord_)
        if number is None:
            return None
        return _R(f"{m['year']}-Q{number}", "quarter", "explicit")
    if base is None:
        return _R(None, "quarter", "relative")
    current = (base.month - 1) // 3 + 1
    if ord_ in ("last", "previous"):
        return _R(_unit_value(base, "quarter", -1), "quarter", "relative")
    if ord_ == "current":
        return _R(_unit_value(base, "quarter", 0), "quarter", "relative")
    number = _ORDINALS[ord_]
    year = base.year + {"last": -1, "next": 1}.get((m["qrel"] or "").lower(), 0)
    if not m["qrel"] and number > current and not ctx.is_future(start, end):
        year -= 1  # the most recent such quarter that has begun
    return _R(f"{year:04d}-Q{number}", "quarter", "relative")


def _r_season(m: re.Match[str], ctx: _Context, start: int, end: int) -> _R | None:
    word = m["season"]
    rel = (m["rel"] or "").lower()
    if word.lower() == "fall":  # the verb and "the fall of Kabul" are far commoner than the season
        if not (m["year"] or rel in ("this", "last", "next", "early", "late")):
            return None
    elif not (m["year"] or rel or m["ctx"] is not None or word[0].isupper()):
        return None  # "a hot spring"
    code = _SEASONS[word.lower()]
    if m["year"]:
        return _R(f"{m['year']}-{code}", "season", "explicit")
    if ctx.year is None:
        return _R(None, "season", "relative")
    year = ctx.year + {"last": -1, "next": 1}.get(rel, 0)
    return _R(f"{year:04d}-{code}", "season", "relative")


def _r_ref(m: re.Match[str], ctx: _Context, start: int, end: int) -> _R | None:
    ref = " ".join(m["ref"].lower().split())
    after = ctx.text[end : end + 12]
    if ref.startswith("recent") and re.search(
        r"(?i)\b(?:most|more|less|least)\s+$", ctx.text[max(0, start - 6) : start]
    ):
        return None  # "their most recent iPhone model": an ordering, not a time
    if ref == "now" and (
        re.match(r"^\s*(?:-|that\b|on\b)", after)
        or re.search(r"(?i)\b(?:will|would|can|could)\s+$", ctx.text[max(0, start - 8) : start])
    ):
        return None  # "now-cancelled", "now that", "from now on", "will now receive"
    if ref.startswith(("recent", "more recently", "in the past")):
        value = "PAST_REF"
    elif ref in ("the near term", "the near future", "the future", "in the long term"):
        value = "FUTURE_REF"
    else:
        value = "PRESENT_REF"
    return _R(value, None, "relative")


def _r_vague(m: re.Match[str], ctx: _Context, start: int, end: int) -> _R | None:
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
    return _R(None, None, "explicit" if m["named"] else "relative")


_RESOLVERS: dict[str, Resolver] = {
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
    "ago": _r_ago,
    "q_year": _r_q_year,
    "quarter": _r_quarter,
    "season": _r_season,
    "ref": _r_ref,
}
