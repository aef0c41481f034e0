"""What needs a person's decision, and the changes a decision makes: the core of the review screen.

Four kinds of item: suggestions nobody has reviewed, dated statements no event covers, sources whose quote anchors
nowhere, and names the articles mention that no actor covers. Nothing here imports Textual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .align import Unanchored
from .curate import (
    NewEvent,
    Operation,
    Suggestion,
    add_actor,
    add_alias,
    add_event,
    edit_event,
    replace_quote,
    suggestions,
)
from .extract import DatedStatement, extract
from .names import NameSuggestion, missing_names
from .timeline import Timeline

Kind = Literal["suggestion", "statement", "unanchored", "name"]
KIND_LABELS: dict[Kind, str] = {
    "suggestion": "Suggested passages, not reviewed",
    "statement": "Dated statements no event covers",
    "unanchored": "Source quotes that anchor nowhere",
    "name": "Names no actor covers",
}


@dataclass(frozen=True)
class ReviewItem:
    kind: Kind
    label: str  # one line: what it is and where
    suggestion: Suggestion | None = None
    statement: DatedStatement | None = None
    name: NameSuggestion | None = None
    unanchored: Unanchored | None = None


def review_items(timeline: Timeline) -> list[ReviewItem]:
    """Everything that needs a decision, grouped by kind in the order of KIND_LABELS."""
    items = [
        ReviewItem(
            "suggestion",
            f"{s.event_id}: {s.passage.article} ¶{s.passage.paragraph} (score {s.passage.score:.0f}) {s.passage.text}",
            suggestion=s,
        )
        for s in suggestions(timeline)
    ]
    statements = extract(timeline.articles, timeline.events, timeline.anchors)
    items += [
        ReviewItem(
            "statement",
            f"{s.mention.text!r} ({s.mention.value or '?'}) {s.article} ¶{s.paragraph}: {s.sentence}",
            statement=s,
        )
        for s in statements
        if s.status == "uncovered" and s.mention.value
    ]
    items += [
        ReviewItem("unanchored", f"{u.event_id}: {u.source.article}: {u.source.quote}", unanchored=u)
        for u in timeline.unanchored
    ]
    items += [
        ReviewItem("name", f"{n.name} ({n.count}×) {n.article} ¶{n.paragraph}", name=n)
        for n in missing_names(timeline.articles, timeline.actors)
    ]
    return items


def slug(text: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A unique id from words: `Talks resume in Vienna` -> `talks-resume-in-vienna` (`-2` on a clash)."""
    base = "-".join(re.findall(r"[a-z0-9]+", text.lower()))[:60].strip("-") or "event"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def event_from_statement(timeline: Timeline, statement: DatedStatement) -> NewEvent:
    """A new event prefilled from a dated statement: its date, how it is known, and the sentence as the quote."""
    mention = statement.mention
    article = timeline.article(statement.article)
    relative = mention.method != "explicit"
    against = None
    if relative and article is not None and article.published is not None:
        against = f"publication date {article.published.edtf}"
    sentence = " ".join(statement.sentence.split())
    return NewEvent(
        id=slug(sentence[:40], {e.id for e in timeline.events}),
        date=mention.value or "",
        title=sentence[:100],
        summary=sentence,
        sources=((statement.article, sentence),),
        method="relative" if against else "explicit",
        expression=mention.text,
        basis_article=statement.article,
        resolved_against=against,
    )


def split_list(text: str) -> list[str]:
    """`a, b , c` -> ["a", "b", "c"]: how a form takes a list."""
    return [item.strip() for item in text.split(",") if item.strip()]


def new_event_operation(values: dict[str, str]) -> Operation:
    """A form's values (id, date, title, summary, article, quote, method, expression, resolved_against, actors,
    tags) as the change that adds the event."""
    return add_event(
        NewEvent(
            id=values["id"].strip(),
            date=values["date"].strip(),
            title=values["title"].strip(),
            summary=values["summary"].strip() or values["title"].strip(),
            sources=((values["article"].strip(), values["quote"].strip()),),
            method=values["method"].strip(),
            expression=values["expression"].strip(),
            basis_article=values["article"].strip() or None,
            resolved_against=values["resolved_against"].strip() or None,
            actors=tuple(split_list(values["actors"])),
            tags=tuple(split_list(values["tags"])),
        )
    )


def actor_operation(values: dict[str, str]) -> Operation:
    """A form's values as a new actor (id, name, kind, aliases), or as an alias of an existing one (alias_of)."""
    if values.get("alias_of", "").strip():
        return add_alias(values["alias_of"].strip(), values["name"].strip())
    return add_actor(
        values["id"].strip(), values["name"].strip(), values["kind"].strip(), split_list(values.get("aliases", ""))
    )


def edit_operation(event_id: str, values: dict[str, str]) -> Operation:
    """A form's title, summary, notes, tags and actors as the edit of the event."""
    return edit_event(
        event_id,
        {
            "title": values["title"].strip(),
            "summary": values["summary"].strip(),
            "notes": values["notes"].strip(),
            "tags": split_list(values["tags"]),
            "actors": split_list(values["actors"]),
        },
    )


def quote_operation(event_id: str, article: str, old_quote: str, values: dict[str, str]) -> Operation:
    """A form's new quote for a source that anchors nowhere."""
    return replace_quote(event_id, article, old_quote, values["quote"].strip())
