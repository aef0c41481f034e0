"""One description of an event: `timeline show` and the explorer's detail pane say the same things about it."""

from __future__ import annotations

import pytest
from conftest import ROOT, run

from tui.description import SUGGESTED, describe
from tui.timeline import Timeline, build_timeline
from tui.widgets.event_detail import describe_event


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    return build_timeline(ROOT / "events.yaml", ROOT / "corpus")


def test_the_description_splits_evidence_into_curated_and_suggested(timeline: Timeline) -> None:
    for event in timeline.events:
        about = describe(timeline, event)
        assert all(p.curated for p in about.curated) and not any(p.curated for p in about.suggested)
        assert set(about.passages) == set(timeline.passages_of(event.id))
        assert about.passages[: len(about.curated)] == about.curated


def test_show_and_the_detail_pane_say_the_same_of_every_event(timeline: Timeline) -> None:
    for event in timeline.events:
        about = describe(timeline, event)
        code, shown, err = run("show", event.id, "--events", str(ROOT / "events.yaml"))
        assert code == 0, err
        pane = describe_event(timeline, event).plain
        for name in about.actor_names:  # by name in both, never an id in one and a name in the other
            assert name in shown and name in pane, (event.id, name)
        assert about.precision in shown and about.precision in pane
        assert shown.count(SUGGESTED) == len(about.suggested), event.id
        if about.suggested:
            assert f"{SUGGESTED.capitalize()} ({len(about.suggested)})" in pane
        badged = describe(timeline, event, lambda a: timeline.badges.get(a, a))
        assert about.known_by in shown and badged.known_by in pane, event.id
        assert about.date_given_by in shown and badged.date_given_by in " ".join(pane.split()), event.id
