"""The Markdown export: a readable chronology whose every source is a footnote quoting the passage.

Text from the data is escaped (a backslash before each character CommonMark gives a meaning inline) and kept on
one line, so an article's `*`, `_`, `[...]` or `<tag>` reads as written instead of turning into formatting. Control
characters become visible symbols, so that `cat chronology.md` shows an escape sequence instead of obeying it
(unless the user asks for the raw text).
"""

from __future__ import annotations

import re

from ..datebasis import date_label, known_by
from ..model import Event
from .common import Citation, Selection, citations, is_web_link

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#!])")
_SPACE = re.compile(r"\s+")


def escape(text: str) -> str:
    """Markdown-safe inline text: special characters escaped, line breaks and runs of spaces made one space."""
    return _SPECIAL.sub(r"\\\1", _SPACE.sub(" ", text).strip())


def render(selection: Selection) -> str:
    count = len(selection.events)
    lines = ["# Chronology", "", f"{count} event{'s' if count != 1 else ''}."]
    if selection.event_filter.active:
        lines[-1] = lines[-1][:-1] + f"; {escape(selection.event_filter.describe())}."
    notes: list[str] = []
    for event in selection.events:
        lines += ["", *_event_lines(selection, event, notes)]
    if notes:
        lines += ["", *notes]
    return selection.shown("\n".join(lines) + "\n")


def render_event(selection: Selection, event: Event) -> str:
    """One event alone, with its own footnotes: what a user copies from the explorer."""
    notes: list[str] = []
    lines = _event_lines(selection, event, notes)
    return selection.shown("\n".join([*lines, "", *notes] if notes else lines) + "\n")


def _event_lines(selection: Selection, event: Event, notes: list[str]) -> list[str]:
    """The event's section; its footnotes are appended to `notes`, numbered after those already there."""
    timeline = selection.timeline
    marks = ""
    for citation in citations(selection, event):
        notes.append(_footnote(len(notes) + 1, citation))
        marks += f"[^{len(notes)}]"
    lines = [f"## {escape(date_label(event.date))}: {escape(event.title)}", ""]
    lines.append(f"{escape(event.summary)}{marks}" if event.summary else f"Sources: {marks}")
    details = [f"Id: `{event.id}`", f"Date known by: {escape(known_by(event, timeline.article))}"]
    if agreement := timeline.date_agreement(event):
        details.append(f"Date given by: {escape(agreement)}")
    names = timeline.actor_names(event)
    if names:
        details.append(f"Actors: {escape(', '.join(names))}")
    if event.tags:
        details.append(f"Tags: {escape(', '.join(event.tags))}")
    lines += ["", *(f"- {d}" for d in details)]
    if event.notes:
        lines += ["", f"> Note: {escape(event.notes)}"]
    return lines


def _footnote(number: int, citation: Citation) -> str:
    article = citation.article
    title = f"*{escape(article.title)}*" if article else escape(citation.article_id)
    if article is not None and is_web_link(article.url):
        url = (article.url or "").replace("(", "%28").replace(")", "%29")
        title = f"[{title}]({url})"
    about = citation.describe_article()
    where = f", ¶{citation.paragraph}" if citation.paragraph else ""
    source = f"{title} ({escape(about)})" if about else title
    label = f" ({escape(citation.label)})" if citation.label else ""
    return f"[^{number}]: {source}{where}: “{escape(citation.text)}”{label}"
