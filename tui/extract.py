"""The dated statements of a corpus, and which curated events cover them.

Each article is tagged paragraph by paragraph (boilerplate skipped) against its own publication date. A statement
is covered when an event has a compatible date (one contains the other) and one of the event's sources is anchored
in that very paragraph (the matcher's curated passages); a vague one ("recently", "later") when such an event's
date_basis names its words. Some statements need no event, and say why: the article's own date line, a vague
reference ("recent days") or an expression that the publication date cannot resolve ("today" in an article dated to
the month).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

from .datebasis import not_independent, relies_on
from .dates import DateMention, tag
from .model import Article, DateValue, Event, Paragraph
from .normalise import fold_words
from .reportdate import compatible
from .sentences import sentence_at

Status = Literal["covered", "uncovered", "no event needed"]
Anchors = Mapping[str, Collection[tuple[str, int]]]  # event id -> (article id, paragraph number) of its sources
DATELINE_WINDOW = 40  # characters from the start of the first paragraph where a date line sits


@dataclass(frozen=True)
class DatedStatement:
    """A date expression in a paragraph, with its sentence and the events that cover it."""

    article: str
    paragraph: int
    sentence: str
    mention: DateMention  # offsets index into the paragraph's text
    covered_by: tuple[str, ...]
    note: str  # why no event is needed, when none is
    relies_on: Mapping[str, str] = field(default_factory=dict)  # event id -> the article whose date this one echoes

    @property
    def status(self) -> Status:
        if self.covered_by:
            return "covered"
        return "no event needed" if self.note else "uncovered"

    def as_dict(self) -> dict[str, object]:
        m = self.mention
        return {
            "article": self.article,
            "paragraph": self.paragraph,
            "sentence": self.sentence,
            "expression": m.text,
            "start": m.start,
            "end": m.end,
            "value": m.value,
            "precision": m.precision,
            "method": m.method,
            "status": self.status,
            "covered_by": list(self.covered_by),
            "relies_on": dict(self.relies_on),
            "note": self.note or None,
        }


def extract(articles: Iterable[Article], events: Iterable[Event], anchors: Anchors) -> list[DatedStatement]:
    """Every dated statement of `articles` in corpus order, checked against `events` anchored at `anchors`.

    A statement that gives an event's date only because its article's publication date was inferred from another
    article that gives it too says so (`relies_on`): that agreement is not independent."""
    events = tuple(events)
    found: list[tuple[Article, Paragraph, DateMention, tuple[str, ...]]] = []
    for article in articles:
        first = article.content_paragraphs[0].number if article.content_paragraphs else 0
        for paragraph, mention in article_mentions(article):
            covered = covering_events(events, anchors, article.id, paragraph, mention)
            found.append((article, paragraph, mention, covered))
    giving: dict[str, set[str]] = {e.id: {e.date_basis.article} if e.date_basis.article else set() for e in events}
    for article, _, _, covered in found:
        for event_id in covered:
            giving[event_id].add(article.id)
    statements: list[DatedStatement] = []
    for article, paragraph, mention, covered in found:
        first = article.content_paragraphs[0].number if article.content_paragraphs else 0
        note = "" if covered else _why_no_event(article, paragraph, mention, first)
        sentence = sentence_at(paragraph.text, mention.start)
        echoes = {e: source for e in covered if (source := relies_on(article, mention.method, giving[e]))}
        statements.append(DatedStatement(article.id, paragraph.number, sentence, mention, covered, note, echoes))
    return statements


def article_mentions(article: Article, published: DateValue | None = None) -> Iterator[tuple[Paragraph, DateMention]]:
    """The date expressions of an article's body, paragraph by paragraph (boilerplate skipped), resolved against
    `published` or else the article's own publication date; offsets index the paragraph's text."""
    anchor = published if published is not None else article.published
    for paragraph in article.content_paragraphs:
        for mention in tag(paragraph.text, anchor):
            yield paragraph, mention


def covering_events(
    events: Iterable[Event], anchors: Anchors, article_id: str, paragraph: Paragraph, mention: DateMention
) -> tuple[str, ...]:
    """Ids of the events anchored in this paragraph whose date is the mention's (same-date ones only, when there
    are any); a mention without a calendar value needs an event whose date_basis names its words."""
    here = (article_id, paragraph.number)
    quoting = [e for e in events if here in anchors.get(e.id, ())]
    days = mention.span_days
    if days is None:  # "recently", "later": covered by an event that says it is dated by these very words
        return tuple(e.id for e in quoting if _dated_by(e, article_id, mention.text))
    found = [e for e in quoting if compatible(e.date, *days)]
    same = [e for e in found if (e.date.first_day, e.date.last_day) == days]
    return tuple(e.id for e in same or found)


def _dated_by(event: Event, article_id: str, expression: str) -> bool:
    basis = event.date_basis
    if basis.article != article_id:
        return False
    return re.search(rf"(?<!\w){re.escape(fold_words(expression))}(?!\w)", fold_words(basis.expression)) is not None


def _why_no_event(article: Article, paragraph: Paragraph, mention: DateMention, first_paragraph: int) -> str:
    published = article.published
    if mention.value is None:
        against = published.edtf if published else "no publication date"
        return f"not resolvable against the publication date ({against})"
    if mention.span_days is None and mention.value.startswith("FY"):
        return f"a financial year ({mention.value}), whose days the organisation's own calendar sets"
    if mention.span_days is None:
        return f"a vague reference ({mention.value}), not a calendar date"
    is_dateline = paragraph.number == first_paragraph and mention.start < DATELINE_WINDOW
    if is_dateline and published is not None and mention.value == published.iso:
        return "the article's own date line"
    return ""


def summary(statements: list[DatedStatement]) -> str:
    counts = {s: sum(1 for x in statements if x.status == s) for s in ("covered", "uncovered", "no event needed")}
    return (
        f"{len(statements)} dated statements: {counts['covered']} covered, {counts['uncovered']} uncovered, "
        f"{counts['no event needed']} need no event."
    )


def format_statements(statements: Iterable[DatedStatement]) -> Iterator[str]:
    """Two lines a statement: where, what and its status; then the sentence."""
    for s in statements:
        m = s.mention
        covered = (f"{e} ({not_independent(s.relies_on[e])})" if e in s.relies_on else e for e in s.covered_by)
        why = ", ".join(covered) if s.covered_by else s.note
        value = m.value or "?"
        yield f'{value:<14} {s.article} ¶{s.paragraph}  "{m.text}" ({m.method})  {s.status}{": " + why if why else ""}'
        yield f"    {s.sentence}"
