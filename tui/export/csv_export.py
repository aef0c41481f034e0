"""The CSV export: one row per event, RFC 4180 (comma separated, double quotes, CRLF line ends), UTF-8.

A cell that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return)
is prefixed with an apostrophe, the usual guard against formula injection: article text is not trusted input.
Control characters in a cell become visible symbols, so that printing the file shows them instead of obeying them
(unless the user asks for the raw text).
"""

from __future__ import annotations

import csv
import io

from ..datebasis import known_by
from ..model import Event
from .common import Selection, sources_cell

COLUMNS = ("id", "date", "precision", "approximate", "title", "actors", "tags", "sources", "summary", "date_basis")
SUGGESTIONS_COLUMN = "suggested_sources"  # with --with-suggestions: found by the matcher, not reviewed
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def row(selection: Selection, event: Event) -> list[str]:
    timeline = selection.timeline
    cells = [
        event.id,
        event.date.iso,
        event.date.precision,
        "yes" if event.date.approximate else "no",
        event.title,
        "; ".join(timeline.actor_names(event)),
        "; ".join(event.tags),
        sources_cell(selection, event),
        event.summary,
        "; date given by ".join(filter(None, (known_by(event, timeline.article), timeline.date_agreement(event)))),
    ]
    if selection.with_suggestions:
        cells.append(sources_cell(selection, event, curated=False))
    return [_defused(selection.shown(c)) for c in cells]


def _defused(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def render(selection: Selection) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow((*COLUMNS, SUGGESTIONS_COLUMN) if selection.with_suggestions else COLUMNS)
    writer.writerows(row(selection, e) for e in selection.events)
    return buffer.getvalue()
