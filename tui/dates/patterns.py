"""The word lists and patterns of the date tagger: what a date expression looks like, and what only looks like one."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

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
MONTH_ABBR = {m[:3]: i for i, m in enumerate(MONTHS, 1)} | {"sept": 9}
MONTHS_TITLE = [m.title() for m in MONTHS]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30,
}  # fmt: skip
NAMED_DATES = {"9/11": dt.date(2001, 9, 11)}  # dates English news names by their numerals alone

MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.)"
)
MONTH_D = (  # before or after a day number, an abbreviation needs no full stop: "Jan 6"
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
WEEKDAY_BEFORE = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+(?:the\s+)?)?"
YEAR_AFTER = r"(?:,?\s+(?P<year>1[0-9]\d\d|20\d\d))?"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
DAY_MONTH = r"(?<![\w.,])" + DAY + r"\s+(?:of\s+)?" + MONTH_D
YEAR = r"(?P<year>1[0-9]\d\d|20\d\d)"
MOD = r"(?:(?P<mod>early|mid|late|the end of|the beginning of|the start of|the middle of)[- ]\s*)?"
NOT_NUMBER_AFTER = r"(?![\d,.]\d|\d|[-/]\d|%|\w)"
# A financial year: "the fiscal year", "last financial year", "fiscal 2008", "the 2008 fiscal year", "FY2008", "FY08".
FISCAL = (
    r"(?:(?i:(?P<fyrel>this|last|next|the\s+current|the\s+previous|the\s+last|the\s+next|the\s+coming|the)\s+"
    r"(?:(?P<fy1>(?:19|20)\d\d)\s+)?(?:fiscal|financial)\s+year(?:\s+(?P<fy5>(?:19|20)\d\d)(?![\d/-]))?"
    r"|fiscal\s+(?:year\s+)?(?P<fy2>(?:19|20)\d\d)"
    r"|financial\s+year\s+(?P<fy3>(?:19|20)\d\d))|FY\s?(?P<fy4>(?:19|20)\d\d|\d\d)(?![\d/-]))"
)
WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
PART = r"(?:\s+(?P<part>morning|afternoon|evening|night))?"

# Time zones news names after a clock time, with their offsets from UTC in hours; an offset may follow ("GMT+8").
# Names that mean several zones ("IST", "CST") are left out.
ZONE_HOURS = {
    "UTC": 0, "GMT": 0, "EST": -5, "EDT": -4, "PST": -8, "PDT": -7, "MST": -7, "MDT": -6, "BST": 1, "CET": 1,
    "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3, "JST": 9, "KST": 9, "HKT": 8, "SGT": 8, "AEST": 10, "AEDT": 11,
}  # fmt: skip
ZONE_NAMES = "|".join(ZONE_HOURS)
ZONE = r"(?:" + ZONE_NAMES + r")(?:\s?[+\-−]\s?(?:1[0-4]|0?\d)(?::?[0-5]\d)?)?\b"

Rule = tuple[str, re.Pattern[str]]
# A leading lookahead names the characters a match can start with, so that the scan skips the others quickly.
RULES: list[Rule] = [
    ("iso", re.compile(r"(?=\d)(?<![\w/.-])(?P<year>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\w/-]|\.\d)")),
    ("slash", re.compile(r"(?=\d)(?<![\w/.-])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\w/]|[.-]\d)")),
    ("named", re.compile(
        r"(?=[9S])(?:(?<![\w/.-])(?P<nine>9/11)(?![\w/]|[.-]\d)"
        r"|(?P<sept>Sept(?:ember|\.)?\s+11(?:th)?(?:,\s+2001)?)(?=,?\s+(?:terror\w*\s+)?attacks?\b))"
    )),
    ("month_day", re.compile(
        r"(?=[ADFJMNOSTW])" + WEEKDAY_BEFORE + MONTH_D + r"\s+" + DAY + YEAR_AFTER + NOT_NUMBER_AFTER
    )),
    ("day_month", re.compile(r"(?=[0-9MTWFS])" + WEEKDAY_BEFORE + DAY_MONTH + YEAR_AFTER + r"(?![A-Za-z])")),
    ("month_year", re.compile(r"(?=[eEmMlLtTJFASOND])" + MOD + MONTH + r",?\s+(?:of\s+)?" + YEAR + NOT_NUMBER_AFTER)),
    ("month", re.compile(
        r"(?=[lntcemLNTCEMJFASOD])(?i:(?P<rel>last|next|this|coming)\s+|" + MOD + r")" + MONTH + r"\b"
    )),
    ("decade", re.compile(r"(?=[tTeEmMlL12])(?i:(?P<the>the\s+)?" + MOD + r")(?P<dec>1[5-9]\d|20\d)0'?s\b")),
    ("year", re.compile(r"(?=[emltEMLT12])(?<![\w$£€#@.,/-])(?i:" + MOD + r")" + YEAR + NOT_NUMBER_AFTER)),
    ("weekday", re.compile(
        r"(?=[lntcLNTCMWFS])(?i:(?P<rel>last|next|this|coming)\s+)?" + WEEKDAY + r"\b(?:(?='s)|" + PART + ")"
    )),
    ("clock", re.compile(
        r"(?=\d)(?<![\w:.,$£€])(?P<h>[01]?\d|2[0-3])"
        r"(?::(?P<mi>[0-5]\d)|(?P<mi2>[0-5]\d)(?=\s*\(?(?:" + ZONE_NAMES + r")\b)|(?=\s*[ap]\.?m\b))"
        r"(?:\s*(?P<ampm>[ap]\.?m\.?)(?!\w))?"
        r"(?:\s*(?P<zone>" + ZONE + r")|\s*\((?P<pzone>" + ZONE + r")\))?(?![\d:])"
    )),
    ("deictic", re.compile(
        r"(?i)(?=[elty])\b(?P<which>(?:earlier|later)\s+(?:today|tonight)|the\s+day\s+before\s+yesterday"
        r"|the\s+day\s+after\s+tomorrow|today|yesterday|tomorrow|tonight"
        r"|(?:this|yesterday|tomorrow)\s+(?:morning|afternoon|evening)|last\s+night)\b"
    )),
    ("unit", re.compile(
        r"(?i)(?=[tsbemlnpc])\b(?:(?:the\s+)?(?P<edge>start|beginning|end|middle)\s+of\s+)?(?P<rel>last|this\s+past|this|next|past|coming|previous|earlier\s+this|later\s+this|the\s+past|the\s+last"
        r"|the\s+coming|the\s+next|the\s+previous|the\s+same)\s+(?P<unit>week|weekend|month|year|decade|quarter)\b"
        r"(?!-)"
    )),
    ("the_unit", re.compile(
        r"(?i)(?=[tsbemrl])(?<!\w)(?:(?:the\s+)?(?P<edge>start|beginning|end|middle|rest|remainder)\s+of\s+|(?:late|early)\s+in\s+)?"
        r"the\s+(?P<unit>weekend|week|year|day|same\s+day)\b(?!(?<=year)\s+\d|\s+(?:of|when|that|in\s+which|the|an?|he|she|it|they|we|I"
        r"|his|her|its|their)\b|\s+(?:before|after)\s+(?!\w+ing\b))"
    )),
    ("narrative", re.compile(
        r"(?i)(?=t)(?:\bthe\s+(?:(?P<step>next|following|previous|preceding)\s+day|day\s+(?P<ba>before|after)(?=\s*[,.;]))\b"
        r"|(?:(?<=\bon\s)|(?<=\bby\s)|(?<=\blater\s)|(?<=\bearlier\s)|(?<=\buntil\s)|(?<=\bsince\s))that\s+day\b)"
    )),
    ("running", re.compile(
        r"(?i)(?=[at])(?<=\bfor\s)(?:a|the)\s+(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th))"
        r"\s+(?:(?:consecutive|straight|successive)\s+day\b|day\s+(?:running|in\s+a\s+row)\b)"
    )),
    ("ago", re.compile(
        r"(?i)(?=[0-9aotfsen])\b(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty)"
        r"\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>ago|earlier|later|before|after|from\s+now)\b"
    )),
    ("offset", re.compile(
        r"(?i)(?=[iw])\b(?:in|within)\s+(?:the\s+next\s+)?(?P<n>\d{1,3}|a|one|two|three|four|five|six|seven|eight|nine|ten"
        r"|eleven|twelve|twenty|thirty)\s+(?P<unit>days?|weeks?)(?:'?s?\s+time)?\b(?!-)"
    )),
    ("nth", re.compile(
        r"(?=[Tt])\b[Tt]he\s+(?P<day>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)\b"
        r"(?!\s*(?:of\b|-|[A-Za-z]))"
    )),
    ("q_year", re.compile(r"(?=Q)(?<![\w-])Q(?P<q>[1-4])\s+(?:of\s+)?" + YEAR + r"\b")),
    ("quarter", re.compile(
        r"(?i)(?=[tfsl1-4pc])\b(?:the\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|last|previous|current)\s+"
        r"(?:fiscal\s+|financial\s+)?quarter"
        r"(?:\s+of\s+(?:(?P<qrel>this|last|next)\s+year|" + YEAR + r"|" + FISCAL + r"))?\b"
    )),
    ("fiscal", re.compile(r"(?=[tTlLnNcCpPfF])" + FISCAL + r"\b")),
    ("season", re.compile(
        r"(?i)(?=[tlnesafw])\b(?:(?P<rel>this|last|next|early|late)\s+"
        r"|(?P<ctx>(?<=\bthe\s)|(?<=\bin\s)|(?<=\bduring\s)|(?<=\bits\s)|(?<=\btheir\s)))?"
        r"(?P<season>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?" + YEAR + r")?\b"
    )),
    ("vague", re.compile(
        r"(?=[BCaAlL])(?<![\w-])(?:(?P<named>(?:Black|Bloody|Cyber)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))"
        r"|(?i:(?P<later>(?:at\s+)?a\s+later\s+(?:date|time|stage)|later)))\b(?!-|'s|\s+(?:than|on|in|this|that|today|tonight)\b)"
    )),
    ("ref", re.compile(
        r"(?i)(?=[amrcnti])\b(?P<ref>at\s+(?:one|some)\s+(?:point|stage)|more\s+recently|recently|recent(?:\s+(?:years|months|weeks|days))?|currently|nowadays"
        r"|at\s+present|the\s+time\s+being|now|in\s+the\s+past(?!\s+(?:\w+\s+)?(?:decade|years?|months?|weeks?|days?)\b)|the\s+near\s+term|the\s+near\s+future"
        r"|the\s+future|in\s+the\s+long\s+term)\b(?![-'])"
    )),
]  # fmt: skip


@dataclass(frozen=True, eq=False)
class Need:
    """What every match of a rule holds, which many texts lack: the scan tries the rule only where it is present.

    `pattern` finds it, with the rule's own case sensitivity. A need of set strings (`written`, `any_case`) also lists
    them, so that it is looked up with `in` (a regular expression search is far slower): `literals` as written,
    `words` in any case, lowercase, in the text's `caseless` form.
    """

    pattern: re.Pattern[str]
    words: tuple[str, ...] = ()
    literals: tuple[str, ...] = ()

    def holds(self, text: str, lower: str | None) -> bool:
        """Whether the text holds it; `lower` is `caseless(text)`."""
        if self.literals and any(literal in text for literal in self.literals):
            return True
        if self.words and lower is not None:
            return any(word in lower for word in self.words)
        if not self.words and self.literals:
            return False
        return self.pattern.search(text) is not None


def written(*literals: str, words: tuple[str, ...] = ()) -> Need:
    """The need of one of these strings as written, or of one of `words` in any case."""
    alternatives = [*map(re.escape, literals), *(f"(?i:{re.escape(word)})" for word in words)]
    return Need(re.compile("|".join(alternatives)), words, literals)


def any_case(*words: str) -> Need:
    """The need of one of these words, in any case."""
    return written(words=words)


_CASE_ODDITIES = ("ı", "ſ")  # lowercase letters that a case-insensitive search reads as "i" and "s"


def caseless(text: str) -> str | None:
    """The text in lowercase, where looking a lowercase ASCII word up in it answers as a case-insensitive search of
    the text would; None for the rare text where it would not (one holding "İ", "ı" or "ſ")."""
    lower = text.lower()
    if text.isascii():
        return lower
    if len(lower) != len(text) or any(letter in text for letter in _CASE_ODDITIES):
        return None
    return lower


# Rules that share a need share the object, so that a text is searched for it once.
MONTH_WORD = written("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")  # as written
_DAY_WORD = any_case("day")
NEEDS = {
    "iso": Need(re.compile(r"\d-\d")),
    "slash": Need(re.compile(r"\d/\d")),
    "named": written("9/11", "Sept"),
    "month_day": MONTH_WORD,
    "day_month": MONTH_WORD,
    "month_year": MONTH_WORD,
    "month": MONTH_WORD,
    "decade": Need(re.compile(r"\d0'?s")),
    "year": Need(re.compile(r"(?:1\d|20)\d\d")),
    "weekday": written("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "deictic": any_case("today", "yesterday", "tomorrow", "morning", "afternoon", "evening", "night"),
    "unit": any_case("week", "month", "year", "decade", "quarter"),
    "the_unit": any_case("week", "year", "day"),
    "narrative": _DAY_WORD,
    "running": _DAY_WORD,
    "ago": any_case("day", "week", "month", "year"),
    "offset": any_case("day", "week"),
    "nth": Need(re.compile(r"\d(?:st|nd|rd|th)")),
    "q_year": written("Q1", "Q2", "Q3", "Q4"),
    "quarter": any_case("quarter"),
    "fiscal": written("Fiscal", "fiscal", "Financial", "financial", "FY", "fY", "FISCAL", "FINANCIAL"),
    "season": any_case("spring", "summer", "autumn", "fall", "winter"),
    "vague": written("Black", "Bloody", "Cyber", words=("later",)),
    "ref": any_case("point", "stage", "recent", "current", "present", "time", "now", "past", "term", "future"),
}

MASK = re.compile(
    r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<!\w)[@#]\w+|https?://\S+|www\.\S+"
    r"|(?<![\w.-])(?:[\w-]+\.)+(?:com|org|net|gov|edu)\b",
    re.I,
)
MASK_NEEDS = any_case("@", "#", "://", "www.", ".com", ".org", ".net", ".gov", ".edu")  # every MASK match holds one
COUNT_BEFORE = re.compile(
    r"(?i)(?:\b(?:resolution|resolutions|no|nos|number|numbers|flight|route|model|room|page|pages|item|article"
    r"|section|chapter|rule|law|bill|code|unit|version|patch|id|zip|more\s+than|less\s+than|fewer\s+than|over"
    r"|under|up\s+to|at\s+least|at\s+most|than|exactly|another|total\s+of|with|lost|gained|fell|rose|dropped"
    r"|added|shed|cut|hired|aged?)|[$£€¥#№]|US\$|\bNo\.)\s*$"
)
ABOUT_BEFORE = re.compile(r"(?i)\b(?:about|around|nearly|almost|some|roughly|approximately|circa|just|only)\s*$")
WORD_AFTER = re.compile(r"^\s+(?!(?:and|or|to|when|as|in|at|for|with|but|before|after|until|on)\b)[a-z]")
PREPOSITION_BEFORE = re.compile(
    r"(?i)\b(?:in|since|until|till|by|from|to|through|throughout|during|before|after|of|between|and|or|around"
    r"|early|mid|late|last|next|this|each|every|for|on|circa|the|as\s+of|since\s+early|since\s+late)[- ]\s*$"
)
PLURAL_NOUN_AFTER = re.compile(r"^\s+(?:[a-z][a-z-]*[^s'\W]s|people|men|women|children|staff|police)\b")
STREET_AFTER = re.compile(r"^\s+(?:[A-Z][a-z]+\s+){1,2}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Drive)\b")
NAME_BEFORE = re.compile(
    r"[\w,;:)]\s+(?!(?:{})\b)[A-Z][A-Za-z]+\s+$".format("|".join(m.capitalize() for m in MONTHS))
)  # a capitalised word inside a sentence, right before the number
SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n)\s*[\"'“‘(]?$")
