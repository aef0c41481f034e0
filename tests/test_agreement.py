"""A date an article gives only because its publication date was inferred from another article is no independent
agreement with that article: every view that lists the articles giving a date says so."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import ROOT, loaded, make_app, run, settle, write_article

from tui.corpus import load_corpus
from tui.export import render, select
from tui.paths import DataPaths
from tui.timeline import Timeline, build_timeline

LETTER = "senators-letter-end-iran-talks"
ECHO = "dated from the date in SEN, not independent"


@pytest.fixture(scope="module")
def bundled() -> Timeline:
    return build_timeline(ROOT / "events.yaml", ROOT / "corpus")


def badge(timeline: Timeline):  # type: ignore[no-untyped-def]
    return lambda article: timeline.badges.get(article, article)


def test_the_letter_date_in_middle_east_eye_echoes_the_senators_article(bundled: Timeline) -> None:
    letter = bundled.event(LETTER)
    assert letter is not None
    witnesses = {w.article: w for w in bundled.date_witnesses(letter)}
    assert witnesses["senators-urge-biden-halt-iran-talks"].independent
    mee = witnesses["mee-iran-talks-will-continue"]
    assert (mee.expression, mee.relies_on) == ("Wednesday", "senators-urge-biden-halt-iran-talks")
    line = bundled.date_agreement(letter, badge(bundled))
    assert line.startswith("2 articles, 1 independently: SEN ¶3 “May 12, 2021”; MEE ¶7 “Wednesday”, " + ECHO)
    alone = bundled.event("blinken-talks-will-continue")  # dated by Middle East Eye alone: no agreement to speak of
    assert alone is not None and bundled.date_agreement(alone) == ""


def test_show_extract_and_exports_say_the_agreement_is_not_independent(bundled: Timeline) -> None:
    code, out, _ = run("show", LETTER)
    assert code == 0
    assert "date given by: 2 articles, 1 independently" in out
    assert "not independent" in out
    code, out, _ = run("extract")
    line = next(x for x in out.splitlines() if "mee-iran-talks-will-continue ¶7" in x)
    assert "covered: senators-letter-end-iran-talks (dated from the date in senators-urge-biden-halt-iran-talks" in line
    code, out, _ = run("extract", "--json")
    statement = next(
        s for s in json.loads(out) if (s["article"], s["paragraph"]) == ("mee-iran-talks-will-continue", 7)
    )
    assert statement["relies_on"] == {LETTER: "senators-urge-biden-halt-iran-talks"}
    only = select(bundled)
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(render(only, "csv")))}
    assert "not independent" in rows[LETTER]["date_basis"]
    assert "not independent" not in rows["blinken-talks-will-continue"]["date_basis"]
    for fmt in ("markdown", "ics", "timelinejs"):
        assert "not independent" in render(only, fmt).replace("\r\n ", ""), fmt  # ics folds long lines
    events = {e["id"]: e for e in json.loads(render(only, "json"))["events"]}
    given = {w["article"]: w for w in events[LETTER]["date_given_by"]}
    assert given["mee-iran-talks-will-continue"]["independent"] is False
    assert given["senators-urge-biden-halt-iran-talks"]["independent"] is True


async def test_the_detail_pane_says_the_agreement_is_not_independent() -> None:
    from tui.widgets.event_detail import EventDetail

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        event_list = await loaded(app, pilot)
        event_list.select_index([e.id for e in event_list.events].index(LETTER))
        await settle(app, pilot)
        detail = " ".join(app.main.query_one(EventDetail).plain.split())
        assert "Date given by: 2 articles, 1 independently" in detail
        assert "MEE ¶7 “Wednesday”, " + ECHO in detail


EVENTS = """\
actors:
  - id: council
    name: The Council
    kind: organisation
events:
  - id: council-vote
    date: 2021-05-12
    date_basis:
      method: explicit
      expression: May 12, 2021
      article: wire
    title: The council votes on the budget
    summary: The council voted on the new budget after a long debate in the chamber.
    actors: [council]
    tags: [budget]
    sources:
      - article: wire
        quote: The council voted on the new budget on May 12, 2021 after a long debate
      - article: blog
        quote: The council voted on the new budget on Wednesday after a long debate
"""


def small_corpus(root: Path, inferred_from: str | None) -> DataPaths:
    corpus = root / "corpus"
    corpus.mkdir()
    write_article(corpus, "wire", "The council voted on the new budget on May 12, 2021 after a long debate.\n")
    extra = {"published_from": inferred_from} if inferred_from else {}
    note = '"Not stated: the day after the vote, which the wire dates."'
    write_article(
        corpus,
        "blog",
        "The council voted on the new budget on Wednesday after a long debate.\n",
        published_basis="inferred",
        published_note=note,
        **extra,
    )
    (root / "events.yaml").write_text(EVENTS, encoding="utf-8")
    return DataPaths(root / "events.yaml", corpus)


@pytest.mark.parametrize(("inferred_from", "independent"), [("wire", False), (None, True)])
def test_a_small_corpus_counts_agreement_as_independent_only_without_an_inference(
    tmp_path: Path, inferred_from: str | None, independent: bool
) -> None:
    paths = small_corpus(tmp_path, inferred_from)
    timeline = build_timeline(paths.events, paths.corpus)
    vote = timeline.event("council-vote")
    assert vote is not None
    witnesses = {w.article: w for w in timeline.date_witnesses(vote)}
    assert set(witnesses) == {"wire", "blog"}
    assert witnesses["blog"].independent is independent
    line = timeline.date_agreement(vote)
    assert line.startswith("2 articles" + ("" if independent else ", 1 independently"))
    assert ("dated from the date in wire, not independent" in line) is not independent


def test_published_from_is_checked(tmp_path: Path) -> None:
    write_article(tmp_path, "wire", "Text.\n")
    write_article(tmp_path, "stated", "Text.\n", published_from="wire")
    write_article(
        tmp_path, "unknown", "Other text.\n", published_basis="inferred", published_note="x", published_from="[nowhere]"
    )
    write_article(
        tmp_path, "shaped", "More text.\n", published_basis="inferred", published_note="x", published_from="{a: b}"
    )
    _, problems = load_corpus(tmp_path)
    said = {(Path(p.path).stem, p.field, p.line): p.message for p in problems}
    assert said[("stated", "published_from", 6)].startswith("only an inferred publication date")
    assert said[("unknown", "published_from", 7)].startswith("'nowhere' is no article of the corpus")
    assert said[("shaped", "published_from", 7)].startswith("must be an article id or a list")
    assert len(problems) == 3
