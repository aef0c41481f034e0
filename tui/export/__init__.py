"""Exports of the timeline to other tools: JSON, TimelineJS3, CSV, Markdown and iCalendar.

Every format is a pure function of a `Selection` (the filtered events of a timeline) returning text.
"""

from __future__ import annotations

from collections.abc import Callable

from . import csv_export, ics, json_export, markdown, timelinejs
from .common import Selection, select

Renderer = Callable[[Selection], str]

FORMATS: dict[str, Renderer] = {
    "json": json_export.render,
    "timelinejs": timelinejs.render,
    "csv": csv_export.render,
    "markdown": markdown.render,
    "ics": ics.render,
}
RAW_FORMATS = ("csv", "markdown")  # text formats that can carry control characters as they are (`export --raw`)

__all__ = ["FORMATS", "RAW_FORMATS", "Renderer", "Selection", "render", "select"]


def render(selection: Selection, fmt: str) -> str:
    """The selection in format `fmt`, one of FORMATS."""
    return FORMATS[fmt](selection)
