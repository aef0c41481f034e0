"""The TimelineJS3 export (Knight Lab's JSON format, https://timeline.knightlab.com/docs/json-format.html).

TimelineJS infers a date's precision from which of `year`, `month`, `day` are given, so a date holds only the
parts that are known. A week has no such form: it is given as a span, `start_date` its Monday and `end_date` its
Sunday, with a `display_date` naming the week. An approximate date gets a `display_date` beginning "about".
TimelineJS renders the headline, the text, the group label and the display date as HTML (with `innerHTML`): every
string from the data in them is escaped, and only http(s) URLs become links.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from ..datebasis import date_label, known_by
from ..model import DateValue, Event
from ..textsafe import json_safe
from .common import Citation, Selection, citations, is_web_link


def date_parts(date: DateValue) -> dict[str, int]:
    """A TimelineJS date object holding only the known parts (a week: its Monday)."""
    d = date.first_day
    if date.precision == "year":
        return {"year": d.year}
    if date.precision == "month":
        return {"year": d.year, "month": d.month}
    return {"year": d.year, "month": d.month, "day": d.day}


def slide(selection: Selection, event: Event) -> dict[str, Any]:
    data: dict[str, Any] = {
        "unique_id": event.id,
        "start_date": date_parts(event.date),
        "text": {"headline": escape(event.title), "text": _text(selection, event)},
    }
    if event.date.precision == "week":
        last = event.date.last_day
        data["end_date"] = {"year": last.year, "month": last.month, "day": last.day}
    if event.date.precision == "week" or event.date.approximate:
        data["display_date"] = escape(date_label(event.date))
    if event.tags:
        data["group"] = escape(event.tags[0])
    return data


def _text(selection: Selection, event: Event) -> str:
    names = selection.timeline.actor_names(event)
    parts = [f"<p><i>{escape(', '.join(names))}</i></p>"] if names else []
    if event.summary:
        parts.append(f"<p>{escape(event.summary)}</p>")
    if event.notes:
        parts.append(f"<p><b>Note:</b> {escape(event.notes)}</p>")
    parts.append(f"<p><b>Date:</b> {escape(known_by(event, selection.timeline.article))}</p>")
    if agreement := selection.timeline.date_agreement(event):
        parts.append(f"<p><b>Date given by:</b> {escape(agreement)}</p>")
    items = "".join(f"<li>{_cite(c)}</li>" for c in citations(selection, event))
    if items:
        parts.append(f"<p><b>Sources</b></p><ol>{items}</ol>")
    return "".join(parts)


def _cite(citation: Citation) -> str:
    article = citation.article
    title = escape(article.title if article else citation.article_id)
    if article is not None and is_web_link(article.url):
        title = f'<a href="{escape(article.url or "")}">{title}</a>'
    about = escape(citation.describe_article())
    where = f", &para;{citation.paragraph}" if citation.paragraph else ""
    label = f" <em>({escape(citation.label)})</em>" if citation.label else ""
    return f"{title}{f' ({about})' if about else ''}{where}: &ldquo;{escape(citation.text)}&rdquo;{label}"


def export_document(selection: Selection) -> dict[str, Any]:
    count = len(selection.events)
    articles = {c.article_id for e in selection.events for c in citations(selection, e)}
    title_text = f"{count} event{'s' if count != 1 else ''} from {len(articles)} article{'s' * (len(articles) != 1)}"
    if selection.event_filter.active:
        title_text += f" ({selection.event_filter.describe()})"
    return {
        "title": {"text": {"headline": "Chronology", "text": f"<p>{escape(title_text)}</p>"}},
        "events": [slide(selection, e) for e in selection.events],
    }


def render(selection: Selection) -> str:
    return json_safe(json.dumps(export_document(selection), ensure_ascii=False, indent=2)) + "\n"
