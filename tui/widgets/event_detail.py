"""The selected event in full: date and how it is known, summary, actors, tags, notes and its passages.

Everything from the data is added as plain `Text`, never parsed as markup: "[reiterate]" stays on screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from rich.text import Text

from ..description import SUGGESTED, describe
from ..model import Event, Passage
from ..sentences import sentence_spans
from ..textsafe import printable
from .text_view import TextView

if TYPE_CHECKING:
    from ..timeline import Timeline

HIGHLIGHT = "bold black on yellow"


CONTEXT = 160  # characters shown on each side of a passage's matched words; the reader shows the rest
PASSAGES_SHOWN = 8


def excerpt_bounds(paragraph: str, start: int, end: int, context: int = CONTEXT) -> tuple[int, int]:
    """Where to cut an excerpt around [start, end): at most `context` characters either side, at a sentence
    boundary when one is that near, else at a word boundary, never mid-word."""
    low, high = max(start - context, 0), min(end + context, len(paragraph))
    spans = sentence_spans(paragraph)
    first = min((s for s, _ in spans if low <= s <= start), default=None)
    last = max((e for _, e in spans if end <= e <= high), default=None)
    if first is None:
        space = paragraph.find(" ", low, start) if low else -1
        first = space + 1 if space >= 0 else (low if not low else start)
    if last is None:
        space = paragraph.rfind(" ", end, high) if high < len(paragraph) else -1
        last = space if space >= 0 else (high if high == len(paragraph) else end)
    return first, last


def passage_text(paragraph: str, passage: Passage, highlight: str = HIGHLIGHT, context: int = CONTEXT) -> Text:
    """The matched words highlighted, with up to `context` characters of the paragraph on each side."""
    first, last = excerpt_bounds(paragraph, passage.start, passage.end, context)
    text = Text("…" if first else "")
    text.append(printable(paragraph[first : passage.start]))
    text.append(printable(paragraph[passage.start : passage.end]), style=highlight)
    text.append(printable(paragraph[passage.end : last]))
    if last < len(paragraph):
        text.append("…")
    return text


def describe_event(timeline: Timeline, event: Event) -> Text:
    badges = timeline.badges
    about = describe(timeline, event, lambda a: badges.get(a, a))
    out = Text()
    out.append(printable(event.title) + "\n", style="bold")
    out.append(f"{event.date.edtf}", style="bold cyan")
    out.append(f"  ({about.precision})\n", style="dim")
    out.append("Known by: ", style="dim")
    out.append(printable(about.known_by) + "\n")
    if about.date_given_by:
        out.append("Date given by: ", style="dim")
        out.append(printable(about.date_given_by) + "\n")
    out.append("\n")
    out.append(printable(event.summary) + "\n\n")
    if about.actor_names:
        out.append("Actors: ", style="dim")
        out.append(printable(", ".join(about.actor_names)) + "\n")
    if event.tags:
        out.append("Tags: ", style="dim")
        out.append(printable(", ".join(event.tags)) + "\n")
    if event.notes:
        out.append("\nWhere sources differ: ", style="bold magenta")
        out.append(printable(event.notes) + "\n")
    curated, passages = about.curated, about.passages
    out.append(f"\nSources ({len(curated)})", style="bold")
    out.append("  enter opens the reader\n", style="dim")
    if not curated:
        out.append("No passage anchors this event: check its source quotes.\n", style="bold red")
    shown = passages[:PASSAGES_SHOWN]  # curated first: numbered as the reader steps through them
    for number, passage in enumerate(shown, 1):
        if number == len(curated) + 1:
            out.append(f"\n{SUGGESTED.capitalize()} ({len(about.suggested)})", style="bold yellow")
            out.append("  a accepts, x rejects the first; any in the reader\n", style="dim")
        _describe_passage(out, timeline, number, passage, badges)
    if len(passages) > PASSAGES_SHOWN:
        out.append(f"\n… and {len(passages) - PASSAGES_SHOWN} more: enter opens them all in the reader\n", style="dim")
    return out


def _describe_passage(out: Text, timeline: Timeline, number: int, passage: Passage, badges: Mapping[str, str]) -> None:
    article = timeline.article(passage.article)
    badge = badges.get(passage.article, passage.article)
    label = (
        f"{number}. {badge} ¶{passage.paragraph}"
        if passage.curated
        else f"{number}. {badge.lower()}? ¶{passage.paragraph}"
    )
    out.append(f"\n{label}", style="bold")
    out.append(f"  score {passage.score:.0f} · {passage.status}", style="dim")
    if article is not None:
        out.append(f" · {printable(article.title)}", style="dim")
    out.append("\n")
    if article is not None and 0 < passage.paragraph <= len(article.paragraphs):
        out.append_text(passage_text(article.paragraph(passage.paragraph).text, passage))
    else:
        out.append(printable(passage.text))
    out.append("\n")


class EventDetail(TextView):
    """The selected event; redrawn on every cursor move, so it is a line-API view (no screen layout).

    It takes the focus from the list with tab, and then scrolls with the list's keys.
    """

    event: Event | None = None  # the event shown

    def show(self, timeline: Timeline | None, event: Event | None) -> None:
        self.event = event if timeline is not None else None
        if timeline is None or event is None:
            self.set_text(Text("No event selected.", style="dim"))
        else:
            self.set_text(describe_event(timeline, event))
