"""What every export format needs: the selected events, their citations, and readable dates."""

from __future__ import annotations

from dataclasses import dataclass

from ..datebasis import date_label
from ..description import SUGGESTED
from ..filters import EventFilter
from ..model import Article, Event, Passage
from ..textsafe import printable
from ..timeline import Timeline


@dataclass(frozen=True)
class Selection:
    """The events to export, in chronological order, with the timeline they come from.

    Exports carry curated evidence only, unless `with_suggestions` asks for the matcher's suggestions too (each
    format then labels them as such). Text formats show control characters as visible symbols unless `raw`.
    """

    timeline: Timeline
    events: tuple[Event, ...]
    event_filter: EventFilter
    with_suggestions: bool = False
    raw: bool = False

    def shown(self, text: str) -> str:
        """`text` as a text format writes it: control characters visible, or as they are when `raw`."""
        return text if self.raw else printable(text)

    def passages(self, event: Event) -> tuple[Passage, ...]:
        passages = self.timeline.passages_of(event.id)
        return passages if self.with_suggestions else tuple(p for p in passages if p.curated)


def select(
    timeline: Timeline, event_filter: EventFilter | None = None, with_suggestions: bool = False, raw: bool = False
) -> Selection:
    event_filter = event_filter or EventFilter()
    return Selection(timeline, timeline.visible_events(event_filter), event_filter, with_suggestions, raw)


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
    score: float = 100.0

    @property
    def label(self) -> str:
        """What a suggestion must say wherever it is exported: `suggested by the matcher, not reviewed (score 79)`."""
        return "" if self.curated else f"{SUGGESTED} (score {self.score:.0f})"

    def describe_article(self) -> str:
        """E.g. `Middle East Eye, 13 May 2021`: the outlet (when known) and the publication date."""
        if self.article is None:
            return ""
        parts = [self.article.outlet] if self.article.outlet else []
        if self.article.published is not None:
            parts.append(date_label(self.article.published))
        return ", ".join(parts)


def citations(selection: Selection, event: Event) -> list[Citation]:
    """The event's passages, then each source the matcher could not anchor, cited by its quote."""
    timeline = selection.timeline
    cited = [
        Citation(p.article, timeline.article(p.article), p.paragraph, p.text, p.curated, p.score)
        for p in selection.passages(event)
    ]
    for missing in timeline.unanchored_of(event.id):
        source = missing.source
        cited.append(Citation(source.article, timeline.article(source.article), None, source.quote, True))
    return cited


def sources_cell(selection: Selection, event: Event, curated: bool = True) -> str:
    """Sources with paragraph numbers on one line: `a ¶3, ¶5; b ¶12` (an article without a passage: `c`).

    `curated` False: the suggestions instead, each with its score (`c ¶4 (score 79)`).
    """
    by_article: dict[str, list[str]] = {}
    for citation in citations(selection, event):
        if citation.curated != curated:
            continue
        numbers = by_article.setdefault(citation.article_id, [])
        where = f"¶{citation.paragraph}" + ("" if curated else f" (score {citation.score:.0f})")
        if citation.paragraph and where not in numbers:
            numbers.append(where)
    return "; ".join(f"{a} {', '.join(n)}" if n else a for a, n in by_article.items())


def is_web_link(url: str | None) -> bool:
    """Only http(s) addresses become links: a `javascript:` URL in a front matter must not run in a browser."""
    return url is not None and url.lower().startswith(("http://", "https://")) and not any(c.isspace() for c in url)
