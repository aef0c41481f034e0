"""Citations a user copies: one passage in a line, an event in full as Markdown."""

from __future__ import annotations

import pytest
from conftest import ROOT

from tui.chronology import article_badges
from tui.cite import cite_passage, event_markdown
from tui.timeline import Timeline, build_timeline


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    return build_timeline(ROOT / "events.yaml", ROOT / "corpus")


def test_a_passage_cites_badge_paragraph_day_outlet_and_quote(timeline: Timeline) -> None:
    badges = article_badges(timeline.articles)
    (passage,) = [
        p for p in timeline.passages_of("senators-letter-end-iran-talks") if p.article == "mee-iran-talks-will-continue"
    ][:1]
    line = cite_passage(timeline, passage, badges[passage.article])
    assert line.startswith(f"{badges[passage.article]} ¶{passage.paragraph}, Thu 13 May 2021, Middle East Eye: '")
    assert passage.text in line


def test_a_quote_cut_from_its_paragraph_says_so(timeline: Timeline) -> None:
    passage = next(
        p
        for p in timeline.passages_of("senators-letter-end-iran-talks")
        if p.start > 0 and p.end < len(timeline.article(p.article).paragraph(p.paragraph).text.rstrip())  # type: ignore[union-attr]
    )
    assert cite_passage(timeline, passage, "X").endswith("…'")
    assert ": '…" in cite_passage(timeline, passage, "X")


def test_an_event_as_markdown_quotes_every_source(timeline: Timeline) -> None:
    text = event_markdown(timeline, next(e for e in timeline.events if e.id == "senators-letter-end-iran-talks"))
    assert text.startswith("## 12 May 2021: Republican senators")
    assert "- Id: `senators-letter-end-iran-talks`" in text
    assert text.count("[^") >= 2 * len(timeline.passages_of("senators-letter-end-iran-talks"))
