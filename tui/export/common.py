"""What every export format needs: the selected events, their citations, and readable dates."""

from __future__ import annotations

from dataclasses import dataclass

from ..datebasis import date_label
from ..filters import EventFilter
from ..model import Article, Event, Passage
from ..timeline import Timeline


@dataclass(frozen=True)
class Selection:
    """The events to export, in chronological order, with the timeline they come from."""

    timeline: Timeline
    events: tuple[Event, ...]
    event_filter: EventFilter

    def passages(self, event: Event) -> tuple[Passage, ...]:
        return self.timeline.passages_of(event.id)


def select(timeline: Timeline, event_filter: EventFilter | None = None) -> Selection:
    event_filter = event_filter or EventFilter()
    return Selection(timeline, timeline.visible_events(event_filter), event_filter)


@dataclass(frozen=True)
class Citation:
    """One source of an event: a passage of an article (paragraph known) or a curated quote (paragraph unknown).

    Passages are cited when the timeline has them; a curated source that no passage stands for is cited by its
    quote, so that no source is ever left out.
    """

    article_id: str
    article: Article | None
    paragraph: int | None
    text: str
    curated: bool

    def describe_article(self) -> str:
        """E.g. `Middle East Eye, 13 May 2021`: the outlet (when known) and the publication date."""
        if self.article is None:
            return ""
        parts = [self.article.outlet] if self.article.outlet else []
        if self.article.published is not None:
            parts.append(date_label(self.article.published))
        return ", ".join(parts)


def citations(timeline: Timeline, event: Event) -> list[Citation]:
    """The event's passages, then each source the matcher could not anchor, cited by its quote."""
    passages = timeline.passages_of(event.id)
    cited = [Citation(p.article, timeline.article(p.article), p.paragraph, p.text, p.curated) for p in passages]
    for missing in timeline.unanchored_of(event.id):
        source = missing.source
        cited.append(Citation(source.article, timeline.article(source.article), None, source.quote, True))
    return cited


def sources_cell(timeline: Timeline, event: Event) -> str:
    """Sources with paragraph numbers on one line: `a ¶3, ¶5; b ¶12` (an article without a passage: `c`)."""
    by_article: dict[str, list[str]] = {}
    for citation in citations(timeline, event):
        numbers = by_article.setdefault(citation.article_id, [])
        if citation.paragraph and f"¶{citation.paragraph}" not in numbers:
            numbers.append(f"¶{citation.paragraph}")
    return "; ".join(f"{a} {', '.join(n)}" if n else a for a, n in by_article.items())


def is_web_link(url: str | None) -> bool:
    """Only http(s) addresses become links: a `javascript:` URL in a front matter must not run in a browser."""
    return url is not None and url.lower().startswith(("http://", "https://")) and not any(c.isspace() for c in url)
