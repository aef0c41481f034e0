"""Which articles give an event's date, and which of them give it independently.

Two articles that give the same date confirm it only when each knows it on its own. An article whose publication
date is inferred from another article's date (`published_from` in its front matter) counts a relative expression
("on Wednesday") from that other article's date: where the two agree, the inference is coming back, not a second
witness. Such agreement is still shown, and said in words not to be independent ("dated from SEN's date, not
independent").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from .datebasis import not_independent, relies_on
from .dates import DateMention, tag
from .extract import Anchors, covering_events
from .model import Article, Event


@dataclass(frozen=True)
class DateWitness:
    """An expression in one of the event's curated paragraphs that gives the event's date."""

    article: str
    paragraph: int
    expression: str
    relies_on: str | None = None  # the article whose date this one's publication date was inferred from

    @property
    def independent(self) -> bool:
        return self.relies_on is None


def date_witnesses(
    event: Event,
    anchored_at: Mapping[tuple[str, int], Sequence[Event]],
    anchors: Anchors,
    article: Callable[[str], Article | None],
) -> tuple[DateWitness, ...]:
    """The first expression giving the event's date in each article whose curated paragraphs hold one (as `extract`
    counts it covered, among the events anchored in that paragraph), the date's own article first, each saying which
    other of these articles it relies on."""
    here = anchors.get(event.id, ())
    found: dict[str, tuple[Article, int, DateMention]] = {}
    for article_id, number in sorted(here, key=lambda place: (place[0] != event.date_basis.article, place)):
        source = article(article_id)
        if source is None or article_id in found or not 0 < number <= len(source.paragraphs):
            continue
        paragraph = source.paragraph(number)
        for mention in tag(paragraph.text, source.published):
            if event.id in covering_events(anchored_at[article_id, number], anchors, article_id, paragraph, mention):
                found[article_id] = (source, number, mention)
                break
    others = set(found) | ({event.date_basis.article} if event.date_basis.article else set())
    return tuple(
        DateWitness(source.id, number, mention.text, relies_on(source, mention.method, others))
        for source, number, mention in found.values()
    )


def agreement(witnesses: Iterable[DateWitness], name: Callable[[str], str] = str) -> str:
    """The articles that give the date, in one line, the dependent ones said so; '' when fewer than two do."""
    witnesses = tuple(witnesses)
    if len(witnesses) < 2:
        return ""
    independent = sum(w.independent for w in witnesses)
    parts = []
    for w in witnesses:
        part = f"{name(w.article)} ¶{w.paragraph} “{w.expression}”"
        if w.relies_on is not None:
            part += f", {not_independent(w.relies_on, name)}"
        parts.append(part)
    count = f"{len(witnesses)} articles, {independent} independently" if independent < len(witnesses) else ""
    return (f"{count}: " if count else f"{len(witnesses)} articles: ") + "; ".join(parts)
