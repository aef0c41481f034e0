from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import ROOT, write_article

from tui.chronology import Density, article_badges, build_rows, date_marker, group_label
from tui.corpus import load_corpus
from tui.goto import busiest_year, nearest_event, parse_target
from tui.model import DateValue
from tui.timeline import build_timeline


@pytest.mark.parametrize(
    ("date", "label", "marker"),
    [
        ("2021-05-12", "Wed 12 May 2021", " 12 May"),
        ("2021-05-15~", "Sat 15 May 2021", "~15 May"),
        ("2021-W19", "Week 19, 10–16 May 2021", " W19"),
        ("2021-05~", "May 2021", "~May ··"),
        ("1997", "1997", " 1997"),
    ],
)
def test_labels_show_precision(date: str, label: str, marker: str) -> None:
    value = DateValue.parse(date)
    assert group_label(value) == label
    assert date_marker(value) == marker


def test_rows_group_by_day_and_set_background_years_apart() -> None:
    timeline = build_timeline(ROOT / "events.yaml", ROOT / "corpus")
    rows = build_rows(timeline.events)
    assert [r.event.id for r in rows if r.event] == [e.id for e in timeline.events]
    headers = [r.label for r in rows if r.event is None and not r.gap]
    assert len(headers) == len(set(headers))  # one header per group
    gap_index = next(i for i, r in enumerate(rows) if r.gap)
    assert rows[gap_index + 1].label == "1997"  # 1983 -> 1997 is years apart


def test_badges_are_short_and_unique() -> None:
    timeline = build_timeline(ROOT / "events.yaml", ROOT / "corpus")
    badges = article_badges(timeline.articles)
    assert badges["mee-iran-talks-will-continue"] == "MEE"
    assert len(set(badges.values())) == len(badges)


def test_badges_of_one_outlet_take_the_lowest_free_number(tmp_path: Path) -> None:
    ids = ["sy3-first", "syn-a", "syn-b", "syn-c", "sy2", "syn-d", "synod-e", "syx-f"]
    for article_id in ids:
        write_article(tmp_path, article_id, f"The text of {article_id}.\n")
    corpus, problems = load_corpus(tmp_path)
    assert not problems
    badges = article_badges(sorted(corpus.articles, key=lambda a: ids.index(a.id)))
    # SY3 is taken first, so the third SYN is SY4; "sy2" then finds its own badge taken and takes the next free one
    assert [badges[i] for i in ids] == ["SY3", "SYN", "SY2", "SY4", "SY5", "SY6", "SY7", "SYX"]


def test_density_around_the_may_2021_cluster() -> None:
    timeline = build_timeline(ROOT / "events.yaml", ROOT / "corpus")
    density = Density.of(timeline.events)
    first, last = density.run_around(dt.date(2021, 5, 12))
    assert (first, last) == (dt.date(2021, 5, 11), dt.date(2021, 5, 17))  # the W19 event is on no one day
    counts = density.counts_between(first, last)
    assert len(counts) == 7 and counts[1] == 1 and counts[2] == 3  # 12 May: the letter; 13 May: three events
    assert density.run_around(dt.date(2018, 1, 1)) == (dt.date(2018, 4, 18), dt.date(2018, 4, 18))
    assert density.run_around(dt.date(2030, 1, 1)) == (dt.date(2021, 5, 11), dt.date(2021, 5, 17))
    assert density.run_around(dt.date(1983, 10, 23), within=31) is None
    assert Density.of([]).run_around(dt.date(2021, 1, 1)) is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("may 13", "2021-05-13"),
        ("13/05/2021", "2021-05-13"),
        ("2020", "2020"),
        ("May 2021", "2021-05"),
        ("05/13/2021", "2021-05-13"),
        ("2021-05-12", "2021-05-12"),
        ("nonsense", None),
        ("", None),
    ],
)
def test_goto_parses_free_text(query: str, expected: str | None) -> None:
    target = parse_target(query, 2021)
    assert (target.iso if target else None) == expected


def test_nearest_event_and_busiest_year() -> None:
    timeline = build_timeline(ROOT / "events.yaml", ROOT / "corpus")
    events = timeline.events
    assert busiest_year(events) == 2021
    index = nearest_event(events, DateValue.parse("2021-05-16"))
    assert events[index].id == "biden-netanyahu-earlier-call"
    assert nearest_event([], DateValue.parse("2021")) is None


def test_a_date_and_its_approximation_are_marked_apart_each_time() -> None:
    """Equal as dates (they sort together), they are drawn differently, however often either is drawn."""
    exact, about = DateValue.parse("2021-05"), DateValue.parse("2021-05~")
    assert exact == about
    for _ in range(2):
        assert date_marker(exact) == " May ··" and date_marker(about) == "~May ··"
        assert date_marker(about, inferred=True).startswith("~") and date_marker(exact, True) != date_marker(exact)
        assert group_label(DateValue.parse("2021-W19~")) == group_label(DateValue.parse("2021-W19"))
