"""Find the date expressions of English news text and resolve them to TimeML values.

`tag(text, published)` scans with a handful of anchored patterns (never a free-running date parser: dateutil
only normalises the spans found here), drops what only looks like a date (the verb "may", counts such as
"44 senators", "resolution 2231", e-mail addresses, handles), and resolves each span:

- explicit: the words name the calendar date ("May 12, 2021", "12 May 2021", "2021-05-12", "May 2021", "in 1997");
- relative: deictic words resolved against the publication date ("today", "yesterday", "last week", "on
  Wednesday", "in two days", "a week later", "on the 25th").

A month, month-day, weekday, season, quarter or "the 25th" without a year points ahead of publication or back as
the verb of its clause says (tense.py): "will", "would", "is due to", "plans to" the first such date from
publication on; a past tense the last one up to it; neither, the nearest (a bare weekday: the last one). Inside a
quotation the text dates ("admitted on May 22, 2020: '... today ...'"), "today" and its kin count from that day.

Values follow TimeML: `2021-05-12`, `2021-W19`, `2021-05`, `2021-Q2`, `2021-SU` (season), `2021`, `202` (decade),
`2021-05-12TMO` (a part of the day), `2021-05-12T18:00Z` (a clock time), and `PAST_REF`/`PRESENT_REF`/`FUTURE_REF`
for "recently", "currently", "in the near term". Without a publication date, relative ones have no value.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterator

from ..model import DateValue
from .mention import DateMention, Method, Precision
from .patterns import MASK, MASK_NEEDS, NAMED_DATES, NEEDS, RULES, Need, caseless
from .resolve import RESOLVERS, Context, as_dates

__all__ = ["NAMED_DATES", "DateMention", "Method", "Precision", "tag"]


def tag(text: str, published: dt.date | DateValue | None = None) -> list[DateMention]:
    """The date expressions of `text` in order, resolved against `published` (a day, or a DateValue)."""
    context = Context(text, as_dates(published))
    lower = caseless(text)  # what the rules' needs are looked up in
    candidates = sorted(_candidates(text, lower), key=lambda c: (c[1].start(), -(c[1].end() - c[1].start())))
    masks = [m.span() for m in MASK.finditer(text)] if MASK_NEEDS.holds(text, lower) else []  # non-overlapping
    mask_ends = [e for _, e in masks]
    mentions: list[DateMention] = []
    taken_until = 0
    for kind, match in candidates:
        start, end = match.span()
        if start < taken_until or start >= end or _overlaps_mask(masks, mask_ends, start, end):
            continue
        try:
            found = RESOLVERS[kind](match, context, start, end)
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


def _candidates(text: str, lower: str | None) -> Iterator[tuple[str, re.Match[str]]]:
    present: dict[Need, bool] = {}  # each word a rule needs, looked for once
    for kind, pattern in RULES:
        needed = NEEDS.get(kind)
        if needed is not None:
            if (found := present.get(needed)) is None:
                found = present[needed] = needed.holds(text, lower)
            if not found:
                continue  # no match can be without that word
        for match in pattern.finditer(text):
            yield kind, match
