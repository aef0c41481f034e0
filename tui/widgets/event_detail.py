"""The selected event in full: date and how it is known, summary, actors, tags, notes and its passages.

Everything from the data is added as plain `Text`, never parsed as markup: "[reiterate]" stays on screen.
"""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..model import Event, Passage
from ..textsafe import printable
from ..timeline import Timeline

HIGHLIGHT = "bold black on yellow"


def passage_text(paragraph: str, passage: Passage, highlight: str = HIGHLIGHT) -> Text:
    """The paragraph with the passage's matched words highlighted."""
    text = Text(printable(paragraph))
    text.stylize(highlight, passage.start, passage.end)
    return text


def describe_event(timeline: Timeline, event: Event, badges: dict[str, str]) -> Text:
    basis = event.date_basis
    out = Text()
    out.append(printable(event.title) + "\n", style="bold")
    precision = event.date.precision + (", approximate" if event.date.approximate else "")
    out.append(f"{event.date.edtf}", style="bold cyan")
    out.append(f"  ({precision})\n", style="dim")
    out.append("Known by: ", style="dim")
    out.append(f"{basis.method}, “{printable(basis.expression)}”")
    if basis.article:
        out.append(f" in {badges.get(basis.article, basis.article)}")
    if basis.resolved_against:
        out.append(f"; resolved against {printable(basis.resolved_against)}")
    out.append("\n\n")
    out.append(printable(event.summary) + "\n\n")
    names = [a.name if (a := timeline.actor(actor_id)) else actor_id for actor_id in event.actors]
    if names:
        out.append("Actors: ", style="dim")
        out.append(printable(", ".join(names)) + "\n")
    if event.tags:
        out.append("Tags: ", style="dim")
        out.append(printable(", ".join(event.tags)) + "\n")
    if event.notes:
        out.append("\nWhere sources differ: ", style="bold magenta")
        out.append(printable(event.notes) + "\n")
    passages = timeline.passages_of(event.id)
    out.append(f"\nPassages ({len(passages)})", style="bold")
    out.append("  enter opens the reader\n", style="dim")
    if not passages:
        out.append("No passage anchors this event: check its source quotes.\n", style="bold red")
    for number, passage in enumerate(passages, 1):
        article = timeline.article(passage.article)
        kind = "curated" if passage.curated else "corroborating"
        out.append(f"\n{number}. {badges.get(passage.article, passage.article)} ¶{passage.paragraph}", style="bold")
        out.append(f"  score {passage.score:.0f} · {kind}", style="dim")
        if article is not None:
            out.append(f" · {printable(article.title)}", style="dim")
        out.append("\n")
        if article is not None and 0 < passage.paragraph <= len(article.paragraphs):
            out.append_text(passage_text(article.paragraph(passage.paragraph).text, passage))
        else:
            out.append(printable(passage.text))
        out.append("\n")
    return out


class EventDetail(VerticalScroll, can_focus=False):
    DEFAULT_CSS = """
    EventDetail { padding: 0 1; background: $surface; }
    EventDetail > Static { width: 100%; }
    """

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(id="detail-body")

    def show(self, timeline: Timeline | None, event: Event | None, badges: dict[str, str]) -> None:
        body = self.query_one("#detail-body", Static)
        if timeline is None or event is None:
            body.update(Text("No event selected.", style="dim"))
        else:
            body.update(describe_event(timeline, event, badges))
        self.scroll_home(animate=False)
