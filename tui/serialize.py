"""Plain dictionaries of the model, for JSON output (CLI) and exports."""

from __future__ import annotations

from typing import Any

from .model import Actor, Article, Event, Passage
from .timeline import Timeline


def event_dict(event: Event, passages: tuple[Passage, ...] = ()) -> dict[str, Any]:
    return {
        "id": event.id,
        "date": event.date.iso,
        "precision": event.date.precision,
        "approximate": event.date.approximate,
        "date_basis": {
            "method": event.date_basis.method,
            "expression": event.date_basis.expression,
            "article": event.date_basis.article,
            "resolved_against": event.date_basis.resolved_against,
        },
        "title": event.title,
        "summary": event.summary,
        "actors": list(event.actors),
        "tags": list(event.tags),
        "sources": [{"article": s.article, "quote": s.quote} for s in event.sources],
        "notes": event.notes,
        "passages": [passage_dict(p) for p in passages],
    }


def passage_dict(passage: Passage) -> dict[str, Any]:
    return {
        "article": passage.article,
        "paragraph": passage.paragraph,
        "start": passage.start,
        "end": passage.end,
        "text": passage.text,
        "score": round(passage.score, 1),
        "curated": passage.curated,
        "status": passage.status,
    }


def actor_dict(actor: Actor) -> dict[str, Any]:
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind,
        "aliases": list(actor.aliases),
        "titles": list(actor.titles),
        "handles": list(actor.handles),
        "description": actor.description,
    }


def article_dict(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "author": article.author,
        "published": article.published.iso if article.published else None,
        "published_precision": article.published.precision if article.published else None,
        "published_basis": article.published_basis,
        "published_note": article.published_note,
        "published_from": list(article.published_from),
        "url": article.url,
        "paragraphs": len(article.paragraphs),
    }


def timeline_events(timeline: Timeline) -> list[dict[str, Any]]:
    return [event_dict(e, timeline.passages_of(e.id)) for e in timeline.events]
