"""What a date rests on: a relative date counted from an inferred publication date says so everywhere it is shown."""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import ROOT, loaded, make_app, settle

from tui.chronology import build_rows
from tui.cli import main
from tui.datebasis import inferred_anchor, known_by
from tui.export import render, select
from tui.timeline import Timeline, build_timeline

INFERRED = "against the inferred publication date 13 May 2021"


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    return build_timeline(ROOT / "events.yaml", ROOT / "corpus")


def test_known_by_names_the_inferred_publication_date(timeline: Timeline) -> None:
    thursday = timeline.event("blinken-talks-will-continue")  # "on Thursday" in MEE, whose date is inferred
    assert thursday is not None
    line = known_by(thursday, timeline.article, lambda a: {"mee-iran-talks-will-continue": "MEE"}.get(a, a))
    assert line.startswith("relative, “on Thursday” in MEE, " + INFERRED + "; resolved against")
    stated = timeline.event("biden-netanyahu-call-monday")  # relative, in the senators' article: its date is stated
    explicit = timeline.event("senators-letter-end-iran-talks")
    assert stated is not None and explicit is not None
    assert inferred_anchor(stated, timeline.article) is None and "inferred" not in known_by(stated, timeline.article)
    assert inferred_anchor(explicit, timeline.article) is None


def test_the_chronology_marks_dates_counted_from_an_inferred_publication(timeline: Timeline) -> None:
    markers = {row.event.id: row.marker for row in build_rows(timeline.events, timeline.article) if row.event}
    assert markers["blinken-talks-will-continue"] == " 13 May*"
    assert markers["hamas-rockets-on-israel"] == " W19*"
    assert markers["biden-netanyahu-call-monday"] == " 17 May"
    assert markers["senators-letter-end-iran-talks"] == " 12 May"
    plain = {row.event.id: row.marker for row in build_rows(timeline.events) if row.event}
    assert plain["blinken-talks-will-continue"] == " 13 May"  # no articles given: nothing to say


def test_show_and_exports_say_what_the_date_rests_on(timeline: Timeline) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["show", "blinken-talks-will-continue"], out, err) == 0
    assert INFERRED in out.getvalue()
    only = select(timeline)
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(render(only, "csv")))}
    assert INFERRED in rows["blinken-talks-will-continue"]["date_basis"]
    assert "inferred" not in rows["biden-netanyahu-call-monday"]["date_basis"]
    for fmt in ("markdown", "ics", "timelinejs"):
        assert INFERRED in render(only, fmt).replace("\r\n ", ""), fmt  # ics folds long lines
    events = {e["id"]: e for e in json.loads(render(only, "json"))["events"]}
    assert events["blinken-talks-will-continue"]["date_basis"]["inferred_publication"] == "2021-05-13"
    assert events["biden-netanyahu-call-monday"]["date_basis"]["inferred_publication"] is None


async def test_the_detail_pane_says_what_the_date_rests_on() -> None:
    from tui.widgets.event_detail import EventDetail

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        event_list = await loaded(app, pilot)
        ids = [e.id for e in event_list.events]
        event_list.select_index(ids.index("blinken-talks-will-continue"))
        await settle(app, pilot)
        detail = " ".join(app.main.query_one(EventDetail).plain.split())
        assert "“on Thursday” in MEE, " + INFERRED in detail
