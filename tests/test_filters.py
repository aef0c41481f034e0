from __future__ import annotations

from conftest import ROOT

from tui.filters import EventFilter
from tui.model import DateValue
from tui.timeline import build_timeline


def ids(event_filter: EventFilter) -> list[str]:
    timeline = build_timeline(ROOT / "events.yaml", ROOT / "corpus")
    return [e.id for e in timeline.events if event_filter.matches(e, timeline.passages_of(e.id))]


def test_empty_filter_keeps_everything() -> None:
    assert not EventFilter().active
    assert len(ids(EventFilter())) == len(build_timeline(ROOT / "events.yaml", ROOT / "corpus").events)


def test_actor_filter_any_of_kind_and_across_kinds() -> None:
    khamenei = ids(EventFilter(actors=frozenset({"ali-khamenei"})))
    assert "khamenei-urges-nations-condemn-israel" in khamenei
    assert "biden-netanyahu-call-monday" not in khamenei
    both = ids(EventFilter(actors=frozenset({"ali-khamenei", "benjamin-netanyahu"})))
    assert set(khamenei) < set(both)
    tagged = ids(EventFilter(actors=frozenset({"ali-khamenei"}), tags=frozenset({"background"})))
    assert tagged == ["army-day-parade-2018", "khamenei-says-iran-armed-palestinians"]


def test_article_and_date_range() -> None:
    mee = ids(EventFilter(articles=frozenset({"mee-iran-talks-will-continue"})))
    assert "blinken-talks-will-continue" in mee and "hamas-designated-terrorist-organization" not in mee
    may = ids(EventFilter(start=DateValue.parse("2021-05-12"), end=DateValue.parse("2021-05-13")))
    assert "senators-letter-end-iran-talks" in may and "biden-netanyahu-call-monday" not in may
    assert "vienna-talks-under-way" in may  # month precision overlaps the range


def test_describe() -> None:
    f = EventFilter(actors=frozenset({"hamas"}), tags=frozenset({"rockets"}))
    assert f.describe() == "actor: hamas · tag: rockets"
    assert EventFilter(actors=frozenset({"hamas"})).describe() == "actor: hamas"
