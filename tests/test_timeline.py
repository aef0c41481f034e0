"""The Timeline as the core session: what is derived from it is answered there, the same for every caller."""

from __future__ import annotations

import pytest
from conftest import ROOT

from tui.filters import EventFilter
from tui.search import PassageResult
from tui.timeline import Timeline, build_timeline, read_timeline

LETTER = "senators-letter-end-iran-talks"


@pytest.fixture(scope="module")
def bundled() -> Timeline:
    return build_timeline(ROOT / "events.yaml", ROOT / "corpus")


def test_visible_events_are_the_filtered_chronology_built_once(bundled: Timeline) -> None:
    assert bundled.visible_events(EventFilter()) == bundled.events
    khamenei = EventFilter(actors=frozenset({"ali-khamenei"}))
    shown = bundled.visible_events(khamenei)
    assert shown and all("ali-khamenei" in e.actors for e in shown)
    assert [e for e in bundled.events if e in shown] == list(shown)  # chronological order kept
    assert bundled.visible_events(EventFilter(actors=frozenset({"ali-khamenei"}))) is shown


def test_badges_of_an_event_put_its_curated_sources_first(bundled: Timeline) -> None:
    assert set(bundled.badges) == {a.id for a in bundled.articles}
    curated, corroborating = bundled.event_badges[LETTER]
    event = bundled.event(LETTER)
    assert event is not None
    assert curated == [bundled.badges[a] for a in dict.fromkeys(s.article for s in event.sources)]
    assert not set(curated) & set(corroborating)


def test_event_badges_are_a_mapping_of_every_event(bundled: Timeline) -> None:
    badges = bundled.event_badges
    assert list(badges) == [e.id for e in bundled.events] and len(badges) == len(bundled.events)
    assert badges[LETTER] is badges[LETTER]  # made once
    assert "no-such-event" not in badges and badges.get("no-such-event") is None


def test_tags_actors_and_names(bundled: Timeline) -> None:
    assert list(bundled.tags) == sorted({t for e in bundled.events for t in e.tags})
    named = {a for e in bundled.events for a in e.actors}
    assert {a.id for a in bundled.named_actors} == named & {a.id for a in bundled.actors}
    names = [a.name.lower() for a in bundled.named_actors]
    assert names == sorted(names)
    event = bundled.event(LETTER)
    assert event is not None
    assert bundled.actor_names(event) == [bundled.actor(a).name for a in event.actors]  # type: ignore[union-attr]


def test_a_search_hit_becomes_the_passage_of_its_matched_words(bundled: Timeline) -> None:
    article = bundled.articles[0]
    paragraph = article.content_paragraphs[0]
    hit = PassageResult("label", 50.0, article.id, paragraph.number, ((0, 4), (10, 20)))
    passage = bundled.search_passage(hit)
    assert passage is not None and (passage.start, passage.end) == (0, 20)
    assert passage.text == paragraph.text[0:20] and not passage.curated
    assert bundled.search_passage(PassageResult("x", 50.0, article.id, 10_000, ())) is None


def test_read_timeline_validates_without_matching(bundled: Timeline) -> None:
    read = read_timeline(ROOT / "events.yaml", ROOT / "corpus")
    assert read.events == bundled.events and read.search_index.search("khamenei", limit=1)
    with pytest.raises(RuntimeError):
        read.passages_of(LETTER)
