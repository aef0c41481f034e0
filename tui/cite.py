"""Citations to paste elsewhere: one passage in a line, or an event in full as Markdown.

`MEE ¶26, Thu 13 May 2021, Middle East Eye: '…forward with the talks…'`: the article's badge and paragraph, when
and where it was published, and the words quoted, with an ellipsis where the quote starts or ends mid-paragraph.
"""

from __future__ import annotations

from .chronology import group_label
from .export.common import Selection
from .export.markdown import render_event
from .filters import EventFilter
from .model import Event, Passage
from .timeline import Timeline


def cite_passage(timeline: Timeline, passage: Passage, badge: str) -> str:
    """One line citing `passage`; `badge` is the article's short name (its id when empty)."""
    article = timeline.article(passage.article)
    parts = [f"{badge or passage.article} ¶{passage.paragraph}"]
    quote = " ".join(passage.text.split())
    if article is not None:
        if article.published is not None:
            parts.append(group_label(article.published))
        if article.outlet:
            parts.append(article.outlet)
        text = article.paragraph(passage.paragraph).text if 0 < passage.paragraph <= len(article.paragraphs) else ""
        if passage.start > 0 and text[: passage.start].strip():
            quote = "…" + quote
        if passage.end < len(text) and text[passage.end :].strip():
            quote += "…"
    return f"{', '.join(parts)}: '{quote}'"


def event_markdown(timeline: Timeline, event: Event) -> str:
    """The event as the Markdown export writes it: heading, summary, details and footnotes quoting its sources."""
    return render_event(Selection(timeline, (event,), EventFilter()), event)
