"""Whether a paragraph's dates let it report an event: news reports what happened on the days it names, or else
in the days before it was written.

A paragraph that names a date the event's date contains (or that contains it) may report the event, however old
the article. A sentence that names only other past days reports something else: another delivery, the earlier stage
of a story. One that names no past day tells what happened shortly before publication, whatever the sentences
beside it name (a photo caption, a background date); but an article written more than REPORT_WINDOW_DAYS after the
event names the day when it reports the event (a background sentence does: "was unveiled in Toulouse on January 18,
2005"), so without a date it is about something newer. Dates after publication (plans, forecasts) and a date line
say nothing of an older event; "today" (the publication day named from itself) is another day than an older
event's: "Stock markets have fallen dramatically today", written weeks after another fall.

Pure core: the date tagger of `dates`, never Textual.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Iterable
from typing import NamedTuple

from .dates import NAMED_DATES, tag
from .dates.patterns import MONTH_WORD, NUMBERS, Need, any_case, caseless, written
from .dates.resolve import QUOTATION, SHARED_YEAR
from .model import DateValue
from .sentences import sentence_spans

REPORT_WINDOW_DAYS = 31  # calibrated in benchmarks/calibrate.py
SPAN_LEAD_DAYS = 92  # a named span holding an event may begin this long before it: a season, a quarter
SPAN_LAG_DAYS = 7  # and a day named from another may be a few days before it ("the day before")
YEARLESS_REACH_DAYS = 731  # the farthest back a date without a year resolves ("last year", "last winter")
# The farthest back a month named without its year resolves, with or without its day: to the last such month up to
# publication, or the last before the publication's month ("last December" in an article of December 31: 396 days
# back), as the tagger reads it (`dates.resolve._year_for`, `_r_month`), never from a day named in the text; a day
# named from such a day ("the day before") lies up to SPAN_LAG_DAYS before it. A year and a month, and that. In a
# text that counts days ("two weeks ago", in a quotation of a day so named), quotes, holds a year in figures or
# names one without its figures ("this year": a month takes its year, or the one before, from a date it is paired
# with, "from October to March this year") a month may lie farther back (`DayMarks.month_reach`).
MONTH_REACH_DAYS = 366 + 31 + SPAN_LAG_DAYS
# A month paired with a later one of "last year" ("from December 5 to January 3 last year") is of the year before:
# up to three years back.
PAIRED_MONTH_REACH_DAYS = 3 * 366 + SPAN_LAG_DAYS
_FIGURES = re.compile(  # 7/8/"05", the "200"0s, "2005"
    r"(?=\d)(?:(?:(?<=\d/\d/)|(?<=\d/\d\d/))\d{2}\b|\b\d{3}(?=0'?s\b)|\b\d{4}\b)"
)  # each pattern here opens with the characters a match can start with, so that the scan skips the others
_NAMED = re.compile(  # a day named by its numerals, as the tagger finds it: its year is one of the text's figures
    r"(?=[S\d])(?:\bSept(?:ember|\.)?\s+11\b|"
    + "|".join(rf"(?<![\w/.-]){re.escape(name)}" for name in NAMED_DATES)
    + ")"
)
_NAMED_YEAR = str(NAMED_DATES["9/11"].year)  # the tagger's named days: 9/11 and "Sept. 11 attacks"
_COUNTED = ("year", "years", "month", "months", "week", "weeks", "day", "days")
_UNIT_DAYS = {"day": 1, "week": 7, "month": 31, "year": 366}
# "30 months ago" (counted from publication), "a year later" (from another day the text names): the number before
_COUNTED_DAYS = re.compile(r"(?i)(?=[dwmy])\b(day|week|month|year)s?\s+(ago|earlier|before|later|after)\b")
_NUMBER_BEFORE = re.compile(r"(\w+)\s+$")
_ANY_DISTANCE = re.compile(r"(?i)(?=[ltnpcs])\b(?:last|this|next|past|coming|previous|same)\s+decade\b")
_ORDINAL_DAY = re.compile(r"(?=[Tt])\b[Tt]he\s+\d{1,2}(?:st|nd|rd|th)\b")  # "the 25th"
# Words that count back without a year, farther than a month before publication: "last year", "this quarter", "last
# winter". A weekday, a week or a day counted from the publication day is at most a few weeks before it; a day
# counted from another named in the text ("the day before") is near that one, whose figures `_may_name` reads; a
# plural ("for years", "in recent months") names no day unless counted (`_COUNTED_DAYS`).
_SEASONS = frozenset(("spring", "summer", "autumn", "fall", "winter"))
_YEARLESS = frozenset(("year", "month", "quarter")) | _SEASONS
_YEARLESS_UNIT = re.compile(  # the unit after the words the tagger counts it with: "last year", "the first quarter"
    r"(?i)(?=[ltnpcsf1-4])\b(last|this|next|past|coming|previous|same|the|current|first|second|third|fourth"
    r"|1st|2nd|3rd|4th)\s+(?:fiscal\s+|financial\s+)?(year|month|quarter)\b"
)
_OWN_UNIT_REACH_DAYS = {"year": 366, "month": 31}  # "this year": back to the first day of publication's year
_UNIT_REACH_DAYS = {"month": 93, "quarter": 400}  # "last month", "the first quarter": at most this far back
ORDINAL_REACH_DAYS = 62  # "the 25th": of this month or the last
_DAY_FIGURES = re.compile(  # a year, a slash date, an ordinal, a clock time, a quarter
    r"(?i)(?=[\dugq])(?:\b(?:1\d|20)\d\d|\d/\d|\d(?:st|nd|rd|th)\b|\d\s*[ap]\.?m\b|\d:\d|\b(?:UTC|GMT|Q[1-4])\b)"
)
_MONTH_NAMES = "|".join(  # capitalised, as the tagger reads them: "May" is a month, "may" not
    [*calendar.month_name[1:], *(name[:3] for name in calendar.month_name[1:]), "Sept"]
)
_MONTH_WITHOUT_YEAR = re.compile(  # unless the tagger reads it with its year: "May 2021", "May 12, 2021" (a day
    # every month has, a year it reads as one)
    rf"(?=[ADFJMNOS])\b(?:{_MONTH_NAMES})\b(?!\.?,?\s+(?:(?:0?[1-9]|1\d|2[0-8])(?:st|nd|rd|th)?,?\s+|of\s+)?(?:1\d|20)\d\d"
    r"(?![\d,.]\d|\d|[-/]\d|%|\w))"
)
_AFTER_MODIFIER = re.compile(  # a month the tagger reads without its year after these words ("early May 2011")
    r"(?=[lntcemsbLNTCEMSB])(?i:\b(?:last|next|this|coming|early|mid|late|end\s+of|beginning\s+of|start\s+of|middle\s+of))"
    rf"[- ]\s*({_MONTH_NAMES})\b"
)
_SEASON = re.compile(  # a season the tagger reads: after these words or capitalised ("a hot spring" is none), and
    # "fall" only after the first five ("the fall of Kabul")
    r"(?=[tlneidTLNEIDSAW])(?:(?i:\b(?:this|last|next|early|late|the|in|during|its|their)\s+)(?i:spring|summer|autumn"
    r"|winter)|(?i:\b(?:this|last|next|early|late)\s+fall)|\b[SAW](?i:pring|ummer|utumn|inter))\b"
)
_MONTH_WORDS = frozenset(
    {name.lower() for name in calendar.month_name[1:]}
    | {name.lower()[:3] for name in calendar.month_name[1:]}
    | {"sept"}
)
_DAY_WORDS = (  # a date the tagger resolves to a day holds one of these words, a month or one of `_DAY_FIGURES`
    _YEARLESS
    | {day.lower() for day in calendar.day_name}
    | {"years", "months", "quarters", "week", "weeks", "weekend", "weekends", "day", "days", "decade"}
    | {"today", "tonight", "yesterday", "tomorrow", "night", "morning", "afternoon", "evening"}
)

# What every match of a `day_marks` pattern holds: where a text lacks it, the pattern is not tried (`Need`).
MARK_NEEDS = {
    _NAMED: written("Sept", *NAMED_DATES),
    _COUNTED_DAYS: any_case("day", "week", "month", "year"),
    _ANY_DISTANCE: any_case("decade"),
    _YEARLESS_UNIT: any_case("year", "month", "quarter"),
    _SEASON: any_case("spring", "summer", "autumn", "fall", "winter"),
    _ORDINAL_DAY: Need(re.compile(r"\d(?:st|nd|rd|th)")),
    _MONTH_WITHOUT_YEAR: MONTH_WORD,
}
MARK_NEEDS[_AFTER_MODIFIER] = MARK_NEEDS[_MONTH_WITHOUT_YEAR]

# `day_marks` in the folded tokens of a text (`fold_for_matching`, as an index of tokens holds them), so that the
# paragraphs that cannot name an old event's day are ruled out without being read (`CorpusIndex.may_name`). Each
# is a superset of what `day_marks` finds in the text itself.
FAR_TOKENS = (  # `_ANY_DISTANCE` and `_COUNTED_DAYS`: a text holding, of each set of a row, one token
    (frozenset(_COUNTED), frozenset({"ago", "earlier", "before", "later", "after"})),
    (frozenset({"last", "this", "next", "past", "coming", "previous", "same"}), frozenset({"decade"})),
)
NAMED_TOKENS = (  # `_NAMED`, with the year it names
    (_NAMED_YEAR, (frozenset({"sept", "september"}), frozenset({"11"}))),
    *(
        (str(day.year), tuple(frozenset({t}) for t in re.findall(r"[a-z0-9]+", name)))
        for name, day in NAMED_DATES.items()
    ),
)
_ORDINAL_TOKEN = re.compile(r"\d{1,2}(?:st|nd|rd|th)")


def token_words(token: str) -> frozenset[str]:
    """The words of a folded token as `day_marks` reads them in the text (runs of a to z): `2000s` holds `s`."""
    return frozenset((token,) if token.isascii() and token.isalpha() else re.findall(r"[a-z]+", token))


def yearless_token(token: str) -> bool:
    """Whether a folded token may make `day_marks` find a word that counts back without a year, or a day of a month."""
    return not token_words(token).isdisjoint(_YEARLESS) or _ORDINAL_TOKEN.fullmatch(token) is not None


def month_token_words(token: str) -> frozenset[str]:
    """The words of a folded token that may be a month to `day_marks`."""
    return token_words(token) & _MONTH_WORDS


def paired_year_tokens(first: dt.date, last: dt.date) -> frozenset[str]:
    """The folded tokens of the years after `event_marks`'s: a month paired with a date of the next year may be of
    this one ("from December to February 2007": December 2006)."""
    figures, _ = event_marks(first, last)
    return frozenset(str(int(figure) + 1) for figure in figures if len(figure) == 4)


def figure_tokens(first: dt.date, last: dt.date) -> frozenset[str]:
    """The folded tokens that may hold a figure of `event_marks`: "2005", "05" (of 7/8/05), "2000s" and "2000" (of
    "the 2000's")."""
    figures, _ = event_marks(first, last)
    return frozenset(
        token for figure in figures for token in ((f"{figure}0s", f"{figure}0") if len(figure) == 3 else (figure,))
    )


Days = tuple[dt.date, dt.date]


def may_report(event_date: DateValue, text: str, published: dt.date | None) -> bool:
    """Whether a paragraph of an article published on `published` (None: unknown) may report an event of
    `event_date`, by the dates it names."""
    said = may_report_unread(event_date, text, published)
    return said if said is not None else by_named_days(event_date, text, published)


def may_report_unread(
    event_date: DateValue, text: str, published: dt.date | None, may_name: bool | None = None
) -> bool | None:
    """`may_report` where the text's words settle it without tagging its dates (the costly part), else None.
    `may_name`, when known, is what `_may_name` says of the text and the event (`CorpusIndex.may_name`)."""
    if published is None:
        return True
    first, last = event_days(event_date)
    after = (published - last).days
    if after > REPORT_WINDOW_DAYS:
        if may_name is None:
            may_name = _may_name(first, last, text, after, (published - first).days)
        if not may_name:
            return False  # no date it names can be the event's
    if (published - event_date.last_day).days <= REPORT_WINDOW_DAYS and _has_dayless_sentence(text):
        return True  # a sentence naming no other past day, shortly after the event
    return None


def by_named_days(event_date: DateValue, text: str, published: dt.date) -> bool:
    """`may_report` from the days the paragraph names, tagged and resolved (the costly part)."""
    sentences = sentence_days(text, published)
    if any(compatible(event_date, first, last) for days in sentences for first, last in days):
        return True
    if (published - event_date.last_day).days > REPORT_WINDOW_DAYS:
        return False
    return any(all(first > published for first, _ in days) for days in sentences)  # none, or only plans


def dated_to_the_day(event_date: DateValue) -> bool:
    """Whether an event's date is one day, not "about" it: a paragraph may name that very day."""
    return event_date.precision == "day" and not event_date.approximate


def names_the_day(event_date: DateValue, text: str, published: dt.date | None) -> bool:
    """Whether a paragraph names the very day of an event dated to the day (not "about" it): "on February 29", "on
    Wednesday" resolved against the publication date, as `sentence_days` resolves them. The strongest tie of a
    paragraph to an event its dates can give."""
    if published is None or not dated_to_the_day(event_date) or _names_no_day(text):
        return False
    day = (event_date.first_day, event_date.first_day)
    return any(day in days for days in sentence_days(text, published))


@functools.lru_cache(maxsize=65536)
def _has_dayless_sentence(text: str) -> bool:
    """Whether a sentence of the text surely names no calendar day (`_names_no_day`)."""
    return any(_names_no_day(text[start:end]) for start, end in sentence_spans(text))


def _names_no_day(sentence: str) -> bool:
    """Whether a sentence surely names no calendar day: it holds neither a word nor a figure that every date the
    tagger resolves to a day needs (the patterns of `dates.patterns.RULES`: a month, capitalised, a weekday, a unit
    such as "week", "yesterday", a season, a year, a slash date, an ordinal, a clock time)."""
    if _DAY_FIGURES.search(sentence) or not _DAY_WORDS.isdisjoint(re.findall(r"[a-z]+", sentence.lower())):
        return False
    return _MONTH_WORDS.isdisjoint(word.lower() for word in re.findall(r"\b[A-Z][a-z]+", sentence))


def event_days(event_date: DateValue) -> Days:
    """The first and last day of an event's date; an approximate day is taken to within two days either side."""
    first, last = event_date.first_day, event_date.last_day
    if event_date.approximate and event_date.precision == "day":
        return first - dt.timedelta(days=2), last + dt.timedelta(days=2)
    return first, last


def _may_name(first: dt.date, last: dt.date, text: str, after: int, since: int) -> bool:
    """Whether a text may name a day from `first` to `last` (or a span holding them), the last `after` days and the
    first `since` days before its publication: with a year or decade of theirs in figures ("2005", "7/8/05", "the
    2000s", "9/11"), or by counting from another day it names ("a year later"), at any distance; by counting back to
    them ("30 months ago"); within a word's reach with a span without a year ("last year", "last month"); within
    MONTH_REACH_DAYS with their month, without its year ("in March", "last December")."""
    figures, any_distance, counted_back, yearless, months, month_reach = day_marks(text)
    event_figures, event_months = event_marks(first, last)
    if any_distance or any(after <= most and since >= least for least, most in counted_back):
        return True
    if not figures.isdisjoint(event_figures):
        return True
    return after <= yearless or (after <= month_reach and not months.isdisjoint(event_months))


class DayMarks(NamedTuple):
    """What `_may_name` reads in a text: all it judges it by."""

    figures: frozenset[str]  # its years in figures, and those it counts to from them ("2005 ... two years later")
    any_distance: bool  # it may name a day at any distance ("the last decade", "a year later" after "7/8/05")
    counted_back: tuple[tuple[int, int], ...]  # the days before publication it may name by counting, least to most
    yearless: int  # how far back a word that counts without a year reaches ("last month"), 0 without one
    months: frozenset[str]  # the months it names without their year, capitalised as the tagger reads them
    month_reach: int  # how far back those months may lie: MONTH_REACH_DAYS, or farther (see there)


def uncounted_marks(text: str, figures: bool) -> DayMarks:
    """`day_marks(text)` of a text that neither counts days nor reaches back without a year (it holds no row of
    `FAR_TOKENS`, no `yearless_token`), read for its figures (where `figures` says it may hold one) and months
    alone."""
    needs = Needs(text)
    found = _figures(text, needs) if figures else frozenset()
    months = _months(text, needs)
    return DayMarks(found, False, (), 0, months, _month_reach(needs, months, (), found, set()))


def _month_reach(
    needs: Needs, months: frozenset[str], back: Iterable[object], figures: Iterable[str], named_years: set[str]
) -> int:
    """`DayMarks.month_reach` of a text naming `months`, counting `back`, holding `figures` and naming the years
    (without their figures) of these words ("this", "last"). A text that quotes may date a quotation by a day named
    from another quotation's ("On January 2 he said: "on the 3rd", then: "on the 4th"").
    """
    if not months:
        return MONTH_REACH_DAYS
    if "last" in named_years:
        return PAIRED_MONTH_REACH_DAYS
    if any(back) or any(figures) or named_years or needs.quotations:
        return YEARLESS_REACH_DAYS
    return MONTH_REACH_DAYS


class Needs:
    """Whether a text holds what each pattern of `MARK_NEEDS` needs, and where it quotes: each looked up once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._present: dict[Need, bool] = {}

    @functools.cached_property
    def _lower(self) -> str | None:
        return caseless(self.text)

    @functools.cached_property
    def quotations(self) -> list[tuple[int, int]]:
        """Where the text quotes, as the tagger finds its quotations."""
        return [found.span() for found in QUOTATION.finditer(self.text)]

    def quoted(self, at: int) -> bool:
        """Whether `at` lies inside a quotation."""
        return any(start < at < end for start, end in self.quotations)

    def tried(self, pattern: re.Pattern[str]) -> bool:
        need = MARK_NEEDS[pattern]
        if (found := self._present.get(need)) is None:
            found = self._present[need] = need.holds(self.text, self._lower if need.words else None)
        return found


def _figures(text: str, needs: Needs) -> frozenset[str]:
    named = {_NAMED_YEAR} if needs.tried(_NAMED) and _NAMED.search(text) else set()
    figures = set(_FIGURES.findall(text))
    if figures and needs.tried(_MONTH_WITHOUT_YEAR):  # "from December to February 2007": December 2006
        figures |= {str(int(pair["y2"]) - 1) for pair in SHARED_YEAR.finditer(text) if pair["y2"]}
    return frozenset(figures) | named


def _months(text: str, needs: Needs) -> frozenset[str]:
    if not needs.tried(_MONTH_WITHOUT_YEAR):
        return frozenset()
    return frozenset(name.lower() for name in _MONTH_WITHOUT_YEAR.findall(text) + _AFTER_MODIFIER.findall(text))


@functools.lru_cache(maxsize=4096)
def event_marks(first: dt.date, last: dt.date) -> tuple[frozenset[str], frozenset[str]]:
    """How a text may name the days from `first` to `last`: the years and decades in figures, the months in words,
    of those days, of a span that holds them and begins up to SPAN_LEAD_DAYS before ("winter 2004" holds January
    2005), or of a day named up to SPAN_LAG_DAYS after them that they are counted from ("the day before")."""
    lead, lag = first - dt.timedelta(days=SPAN_LEAD_DAYS), last + dt.timedelta(days=SPAN_LAG_DAYS)
    years = range(lead.year, lag.year + 1)
    figures = {figure for year in years for figure in (str(year), str(year // 10), f"{year % 100:02d}")}
    start = lead.year * 12 + lead.month - 1  # months since year 0
    spanned = range(start, min(lag.year * 12 + lag.month, start + 12))
    months = {calendar.month_name[index % 12 + 1].lower() for index in spanned}
    abbreviations = {month[:3] for month in months} | ({"sept"} if "september" in months else set())
    return frozenset(figures), frozenset(months | abbreviations)


@functools.lru_cache(maxsize=65536)
def day_marks(text: str) -> DayMarks:
    """What in a text may name an old day (`DayMarks`): the figures that may be a year, a decade or a two-digit year
    (and the year of a day named by its numerals); whether it names a past decade, or counts from a day it names
    without the day's year; the days before publication it may name by counting (from the least to the most); how
    far back a word that counts without a year may reach ("last month", "last winter", "the 25th"), 0 without one;
    its capitalised words that may be a month (the tagger reads "May" as a month, "may" not)."""
    needs = Needs(text)
    figures = set(_figures(text, needs))
    back: list[tuple[int, int]] = []  # "thirty months ago": counted from publication
    counted = 0  # "a year later": counted from a day the text names
    for match in _COUNTED_DAYS.finditer(text) if needs.tried(_COUNTED_DAYS) else ():
        before = _NUMBER_BEFORE.search(text, max(0, match.start() - 24), match.start())
        count = None if before is None else int(before[1]) if before[1].isdigit() else NUMBERS.get(before[1].lower())
        if count is None:
            continue  # no number the tagger reads: no day
        unit = _UNIT_DAYS[match[1].lower()]
        if match[2].lower() == "ago":
            back.append((max(0, (count - 1) * unit - SPAN_LAG_DAYS), (count + 1) * unit + SPAN_LAG_DAYS))
        if match[2].lower() != "ago" or needs.quoted(match.start()):  # in a quotation, "ago" counts from the day
            counted = max(counted, (count + 1) * unit + SPAN_LAG_DAYS)  # it was said on, if the text names it
    any_distance = needs.tried(_ANY_DISTANCE) and _ANY_DISTANCE.search(text) is not None
    if counted:  # near one of the years the text spells out, or near whatever else it names
        if any(len(figure) < 4 for figure in figures):
            any_distance = True  # from a slash date or a decade: their years are not spelt out
        years = counted // 365 + 1
        figures |= {str(int(figure) + step) for figure in figures for step in range(-years, years + 1)}
        back.append((0, max([YEARLESS_REACH_DAYS, *(most for _, most in back)]) + counted))
    units = _YEARLESS_UNIT.findall(text) if needs.tried(_YEARLESS_UNIT) else []
    reaches = [_unit_reach(rel.lower(), unit.lower(), bool(needs.quotations)) for rel, unit in units]
    if needs.tried(_SEASON) and _SEASON.search(text):
        reaches.append(YEARLESS_REACH_DAYS)
    if needs.tried(_ORDINAL_DAY) and _ORDINAL_DAY.search(text):
        reaches.append(ORDINAL_REACH_DAYS)
    named_years = {rel.lower() for rel, unit in units if unit.lower() == "year"}
    months = _months(text, needs)
    month_reach = _month_reach(needs, months, back, figures, named_years)
    return DayMarks(frozenset(figures), any_distance, tuple(back), max(reaches, default=0), months, month_reach)


def _unit_reach(rel: str, unit: str, quoting: bool) -> int:
    """How far before publication a unit named without a year ("last year", "the first quarter") may lie, as the
    tagger reads it (`dates.resolve._r_unit`, `_r_the_unit`). Outside a quotation, "this year" and "the month" are
    publication's own, and "next year" lies ahead; in a text that quotes, they may be the year of a day it was said
    on."""
    if not quoting and unit in _OWN_UNIT_REACH_DAYS:
        if rel in ("next", "coming"):
            return 0
        if rel in ("this", "the", "current"):
            return _OWN_UNIT_REACH_DAYS[unit]
    return YEARLESS_REACH_DAYS if rel in ("same", "the") else _UNIT_REACH_DAYS.get(unit, YEARLESS_REACH_DAYS)


@functools.lru_cache(maxsize=65536)
def sentence_days(text: str, published: dt.date) -> tuple[tuple[Days, ...], ...]:
    """For each sentence of the text, the first and last day of each calendar date it names, resolved against
    `published`, except the publication day written out (a date line: "date 2021-05-18"); the publication day named
    from itself ("today", "on Monday" in an article of that Monday) is a day the sentence speaks of."""
    today = (published, published)
    mentions = ((m.start, m.span_days) for m in tag(text, published) if m.span_days != today or m.method == "relative")
    named = [(at, days) for at, days in mentions if days is not None]
    return tuple(tuple(days for at, days in named if start <= at < end) for start, end in sentence_spans(text))


def compatible(event_date: DateValue, first: dt.date, last: dt.date) -> bool:
    """One range contains the other; an approximate day is taken to within two days either side."""
    ev_first, ev_last = event_days(event_date)
    return (ev_first <= first and last <= ev_last) or (first <= ev_first and ev_last <= last)
