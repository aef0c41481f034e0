"""The JSON export: the merged timeline in a documented, versioned schema (docs/export-json.md)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from ..datebasis import inferred_anchor
from ..model import Article, Event, Passage
from ..serialize import actor_dict, article_dict, event_dict, passage_dict
from ..textsafe import json_safe
from ..timeline import Timeline
from .common import Selection

SCHEMA_VERSION = 1


def export_document(selection: Selection) -> dict[str, Any]:
    """The export as plain data; `render` serialises it."""
    timeline = selection.timeline
    events = selection.events
    if selection.event_filter.active:  # only what the exported events refer to
        actor_ids = {a for e in events for a in e.actors}
        article_ids = {s.article for e in events for s in e.sources}
        article_ids |= {p.article for e in events for p in selection.passages(e)}
        actors = [a for a in timeline.actors if a.id in actor_ids]
        articles = [a for a in timeline.articles if a.id in article_ids]
    else:
        actors, articles = list(timeline.actors), list(timeline.articles)
    return {
        "schema_version": SCHEMA_VERSION,
        "filter": _filter_dict(selection),
        "articles": [_article(a) for a in articles],
        "actors": [actor_dict(a) for a in actors],
        "events": [_event(timeline, e, selection.passages(e)) for e in events],
    }


def render(selection: Selection) -> str:
    return json_safe(json.dumps(export_document(selection), ensure_ascii=False, indent=2)) + "\n"


def _event(timeline: Timeline, event: Event, passages: tuple[Passage, ...]) -> dict[str, Any]:
    data = event_dict(event, ())
    data.update(edtf=event.date.edtf, first_day=event.date.first_day.isoformat())
    anchor = inferred_anchor(event, timeline.article)
    data["date_basis"]["inferred_publication"] = anchor.iso if anchor is not None else None
    data["last_day"] = event.date.last_day.isoformat()
    data["passages"] = [_passage(timeline, p) for p in passages]
    data["date_given_by"] = [asdict(w) | {"independent": w.independent} for w in timeline.date_witnesses(event)]
    return data


def _article(article: Article) -> dict[str, Any]:
    approximate = article.published.approximate if article.published else None
    return {
        **article_dict(article),
        "published_approximate": approximate,
        "notes": article.notes,
        "sha256": article.sha256,
    }


def _passage(timeline: Timeline, passage: Passage) -> dict[str, Any]:
    """The passage with its span in the article file as well as in the paragraph."""
    data = passage_dict(passage)
    article = timeline.article(passage.article)
    if article is not None and 1 <= passage.paragraph <= len(article.paragraphs):
        offset = article.paragraph(passage.paragraph).start
        data.update(file_start=offset + passage.start, file_end=offset + passage.end)
    return data


def _filter_dict(selection: Selection) -> dict[str, Any] | None:
    f = selection.event_filter
    if not f.active:
        return None
    return {
        "actors": sorted(f.actors),
        "articles": sorted(f.articles),
        "tags": sorted(f.tags),
        "from": f.start.edtf if f.start else None,
        "to": f.end.edtf if f.end else None,
    }
