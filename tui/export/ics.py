"""The iCalendar export (RFC 5545): one all-day VEVENT per event.

Written by hand, it is short: CRLF line ends, content lines folded at 75 octets (never inside a UTF-8 sequence),
TEXT values escaped (backslash, semicolon, comma, newline). A day-precision event is a one-day event
(`DTSTART;VALUE=DATE` and the next day as the exclusive `DTEND`). A coarser event spans every day its date covers
(its week, month or year), and its summary starts with the date in brackets ("[May 2021] ...") so that a calendar
never shows it as if it happened on its first day. `UID` is `<event id>@timeline`: stable, so importing a newer
export updates the events instead of doubling them. `DTSTAMP` is the time of the export.
"""

from __future__ import annotations

import datetime as dt

from ..datebasis import date_label, known_by
from ..model import Event
from ..textsafe import printable
from .common import Selection, citations

PRODID = "-//timeline//timeline export//EN"
MAX_OCTETS = 75


def escape_text(text: str) -> str:
    """An RFC 5545 TEXT value (section 3.3.11); control characters, which TEXT may not hold, become visible."""
    text = printable(text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold one content line into chunks of at most 75 octets joined by CRLF + space (section 3.1)."""
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    limit = MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            chunks.append("".join(current))
            current, size, limit = [], 0, MAX_OCTETS - 1  # continuation lines start with a space
        current.append(char)
        size += width
    chunks.append("".join(current))
    return "\r\n ".join(chunks)


def vevent(selection: Selection, event: Event, stamp: str) -> list[str]:
    date = event.date
    summary = event.title
    if date.precision != "day" or date.approximate:
        summary = f"[{date_label(date)}] {summary}"
    end = date.last_day + dt.timedelta(days=1)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.id}@timeline",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{_date(date.first_day)}",
        f"DTEND;VALUE=DATE:{_date(end)}",
        f"SUMMARY:{escape_text(summary)}",
        f"DESCRIPTION:{escape_text(_description(selection, event))}",
    ]
    if event.tags:
        lines.append(f"CATEGORIES:{','.join(escape_text(t) for t in event.tags)}")
    lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    return lines


def _date(day: dt.date) -> str:
    """An RFC 5545 DATE; not strftime, whose %Y does not pad years before 1000 on every platform."""
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _description(selection: Selection, event: Event) -> str:
    date = event.date
    known = f"Date: {date_label(date)} ({date.edtf}, known to the {date.precision}"
    known += ", approximate)" if date.approximate else ")"
    parts = [event.summary, "", known, f"Known by: {known_by(event, selection.timeline.article)}"]
    if agreement := selection.timeline.date_agreement(event):
        parts.append(f"Date given by: {agreement}")
    names = selection.timeline.actor_names(event)
    if names:
        parts.append(f"Actors: {', '.join(names)}")
    if event.notes:
        parts += ["", f"Note: {event.notes}"]
    parts += ["", "Sources:"]
    for citation in citations(selection, event):
        title = citation.article.title if citation.article else citation.article_id
        where = f", \u00b6{citation.paragraph}" if citation.paragraph else ""
        label = f" ({citation.label})" if citation.label else ""
        parts.append(f"- {title}{where}: \u201c{citation.text}\u201d{label}")
    return "\n".join(parts)


def render(selection: Selection, now: dt.datetime | None = None) -> str:
    now = now or dt.datetime.now(dt.UTC)
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    for event in selection.events:
        lines += vevent(selection, event, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
