"""A timeline of the bundled data with real passages (real paragraphs, real spans) and one event full of
characters that every output format must escape."""

from __future__ import annotations

from dataclasses import replace

from conftest import ROOT

from tui.model import Passage
from tui.timeline import Timeline, build_timeline

LETTER = "senators-letter-end-iran-talks"
LETTER_QUOTE = "dozens of senators wrote in a letter dated May 12, 2021 to President Biden"
MEE_QUOTE = "A group of 43 Republican Senators sent a letter to Blinken on Wednesday"
DISCOVERED = "quickly dismissed calls by the Senators"
SPECIAL = "biden-defends-air-campaign"
SPECIAL_TITLE = 'Semi; comma, back\\slash "quoted" <b>bold</b> *star* _under_ [link](x) & #hash | pipe ~ ¶ 😀'
SPECIAL_SUMMARY = "Line one\nline two; " + "ünïcødé 😀 — long text " * 12


def passage(timeline: Timeline, article_id: str, needle: str, score: float, curated: bool) -> Passage:
    """The span of `needle` in the paragraph of `article_id` that holds it, as the matcher would report it."""
    article = timeline.article(article_id)
    assert article is not None
    paragraph = next(p for p in article.paragraphs if needle in p.text)
    start = paragraph.text.index(needle)
    return Passage(article_id, paragraph.number, start, start + len(needle), needle, score, curated)


def timeline_with_passages() -> Timeline:
    base = build_timeline(ROOT / "events.yaml", ROOT / "corpus")
    passages = {  # the matcher's passages, the letter's replaced by a known set
        **base.passages,
        LETTER: (
            passage(base, "senators-urge-biden-halt-iran-talks", LETTER_QUOTE, 97.25, True),
            passage(base, "mee-iran-talks-will-continue", MEE_QUOTE, 91.0, True),
            passage(base, "rafizadeh-iran-incites-as-talks-advance", DISCOVERED, 72.4, False),
        ),
    }
    events = tuple(
        replace(e, title=SPECIAL_TITLE, summary=SPECIAL_SUMMARY, notes="a note, with; specials")
        if e.id == SPECIAL
        else e
        for e in base.events
    )
    return replace(base, events_file=replace(base.events_file, events=events), passages=passages)
