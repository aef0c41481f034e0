from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, write_article
from hypothesis import given, settings
from hypothesis import strategies as st

from tui import search
from tui.cli import main
from tui.normalise import fold_words, skeleton
from tui.search import ActorResult, EventResult, PassageResult, SearchIndex
from tui.timeline import read_timeline


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return read_timeline(ROOT / "events.yaml", ROOT / "corpus").search_index


def first_actor(index: SearchIndex, query: str) -> str:
    results = index.search(query, limit=5)
    assert results, f"nothing found for {query!r}"
    assert isinstance(results[0], ActorResult), f"{query!r} found {results[0]} first"
    return results[0].id


def search_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["search", *argv, "--events", str(ROOT / "events.yaml")], out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("query", "actor"),
    [
        ("khamenie", "ali-khamenei"),
        ("netanyahoo", "benjamin-netanyahu"),
        ("antony blinkn", "antony-blinken"),
        ("Qaani", "esmail-ghaani"),
        ("Esmaeil Qaani", "esmail-ghaani"),
        ("Qassem Suleimani", "qasem-soleimani"),
        ("Qods Force", "quds-force"),
        ("khamenei ali", "ali-khamenei"),
        ("netan", "benjamin-netanyahu"),
        ("hamas leader haniyeh", "ismail-haniyeh"),
        ("the Supreme Leader", "ali-khamenei"),
        ("Secretary of State", "antony-blinken"),
        ("twitter ceo", "jack-dorsey"),
        ("@khamenei_ir", "ali-khamenei"),
        ("@JeremyKossen", "jeremy-kossen"),
        ("IRGC", "irgc"),
        ("FDD", "fdd"),
        ("Foundation for Defense of Democracies", "fdd"),
    ],
)
def test_names_titles_handles_and_acronyms_find_the_actor(index: SearchIndex, query: str, actor: str) -> None:
    assert first_actor(index, query) == actor


def test_a_name_nobody_has_finds_nothing(index: SearchIndex) -> None:
    assert index.search("Mossad") == []


def test_exact_alias_ranks_above_fuzzy_match(index: SearchIndex) -> None:
    exact = index.search("Khamenei", limit=1)[0]
    fuzzy = index.search("Khamenie", limit=1)[0]
    assert exact.score == 100.0
    assert fuzzy.score < exact.score


def test_a_typo_stands_for_its_closest_words_only(index: SearchIndex) -> None:
    """ "khamenai" is a typo of Khamenei, not of Kenare, which is merely within reach."""
    results = index.search("khamenai", limit=30)
    assert results[0].kind == "actor" and results[0].id == "ali-khamenei"
    assert all(not (isinstance(r, ActorResult) and r.id == "atta-kenare") for r in results)


def test_a_full_name_ranks_what_names_it_above_a_lookalike(index: SearchIndex) -> None:
    results = index.search("khamenei", limit=30)
    ghaani = [i for i, r in enumerate(results) if isinstance(r, ActorResult) and r.id == "esmail-ghaani"]
    naming = [i for i, r in enumerate(results) if isinstance(r, PassageResult) and "Khamenei" in r.label]
    assert naming, "no passage naming Khamenei"
    assert not ghaani or max(naming) < ghaani[0]


def test_actor_result_carries_aliases_and_events(index: SearchIndex) -> None:
    result = index.search("Ghaani", limit=1)[0]
    assert isinstance(result, ActorResult)
    assert result.name == "Esmail Ghaani" and "Qaani" in result.aliases
    assert "ghaani-haniyeh-call" in result.events


def test_passage_found_by_a_few_words(index: SearchIndex) -> None:
    result = index.search("clock will tick faster", limit=1)[0]
    assert isinstance(result, PassageResult)
    assert result.article == "rafizadeh-iran-incites-as-talks-advance"
    (text,) = [p.text for a, p in index.paragraphs if (a.id, p.number) == (result.article, result.paragraph)]
    assert "clock will tick faster" in text
    assert [text[s:e] for s, e in result.spans][:4] == ["clock", "will", "tick", "faster"]


def test_event_found_by_title_words(index: SearchIndex) -> None:
    result = index.search("soleimani killed", limit=1)[0]
    assert isinstance(result, EventResult)
    assert (result.id, result.date) == ("soleimani-killed", "2020")


def test_kinds_filter_and_limit(index: SearchIndex) -> None:
    results = index.search("Khamenei", limit=3, kinds=["passage"])
    assert len(results) == 3
    assert all(r.kind == "passage" for r in results)
    assert index.search("the of and", limit=5) == []


def test_boilerplate_is_not_searched(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    write_article(tmp_path / "corpus", "a", "Read More »\nThe zebra crossed.\n", boilerplate="[Read More »]")
    (tmp_path / "events.yaml").write_text("actors: []\nevents: []\n")
    index = read_timeline(tmp_path / "events.yaml", tmp_path / "corpus").search_index
    assert [r.paragraph for r in index.search("zebra")] == [2]
    assert index.search("read more") == []


def test_normalisation_merges_transliterations() -> None:
    assert fold_words("Iran’s U.S. Énergie") == "iran us energie"
    assert {skeleton(w) for w in ("ghaani", "qaani", "ghani")} == {"kani"}
    assert skeleton("quds") == skeleton("qods")
    assert skeleton("esmail") == skeleton("ismail")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=60))
def test_any_query_returns_without_exception(index: SearchIndex, query: str) -> None:
    results = index.search(query, limit=5)
    assert len(results) <= 5
    assert all(0 < r.score <= 100 for r in results)


def test_cli_search_json() -> None:
    code, out, _ = search_cli("Supreme", "Leader", "--json", "--limit", "2")
    assert code == 0
    data = json.loads(out)
    assert len(data) == 2
    assert data[0]["kind"] == "actor" and data[0]["id"] == "ali-khamenei"
    assert {"label", "score", "name", "aliases", "events"} <= set(data[0])


def test_cli_search_kind_and_limit() -> None:
    code, out, _ = search_cli("Hamas", "--kind", "event", "--limit", "2", "--json")
    assert code == 0
    data = json.loads(out)
    assert len(data) == 2 and all(r["kind"] == "event" and "id" in r and "date" in r for r in data)
    code, out, _ = search_cli("Hamas", "--kind", "passage", "--limit", "1")
    assert code == 0 and out.startswith("passage") and len(out.splitlines()) == 1


@pytest.mark.parametrize("query", ["", "   ", "\t"])
def test_cli_empty_query_is_a_usage_error(query: str) -> None:
    code, out, err = search_cli(query)
    assert code == 2 and out == ""
    assert "query is empty" in err and "Traceback" not in err


def test_cli_bad_limit_and_kind_are_usage_errors() -> None:
    assert search_cli("Iran", "--limit", "0")[0] == 2
    assert search_cli("Iran", "--kind", "place")[0] == 2


def test_search_and_names_do_not_import_textual() -> None:
    code = "import sys, tui.search, tui.names, tui.cli; assert 'textual' not in sys.modules, 'textual imported'"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


@pytest.mark.parametrize(
    "query", ["Khamenei", "the Supreme Leader", "clock will tick faster", "senators letter", "iran talks"]
)
def test_narrowed_candidates_keep_the_best_result(
    index: SearchIndex, query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the candidate budget (tiny here), the rarest words narrow the candidates; the best result stays."""
    expected = index.search(query, limit=1)[0]
    monkeypatch.setattr(search, "_CANDIDATE_BUDGET", 5)
    index.clear_cache()
    assert index.search(query, limit=1)[0] == expected
    assert all(r.kind == "passage" for r in index.search(query, limit=3, kinds=["passage"]))


def test_cli_search_passage_json_has_article_paragraph_and_spans() -> None:
    code, out, _ = search_cli("clock", "will", "tick", "faster", "--kind", "passage", "--limit", "1", "--json")
    assert code == 0
    (result,) = json.loads(out)
    assert result["kind"] == "passage" and result["article"] == "rafizadeh-iran-incites-as-talks-advance"
    assert isinstance(result["paragraph"], int) and "clock will tick faster" in result["label"]
    assert all(len(span) == 2 and span[0] < span[1] for span in result["spans"])


def test_find_in_text_forgives_like_the_search_and_finds_common_words_as_typed(index: SearchIndex) -> None:
    text = "Quds Force head Esmail Qaani called the Hamas leader; the call was reported."
    assert [text[s:e] for s, e in index.find_in(text, "ghaani")] == ["Qaani"]
    assert [text[s:e] for s, e in index.find_in(text, "hamas leadr")] == ["Hamas leader"]
    assert [text[s:e] for s, e in index.find_in(text, "THE")] == ["the", "the"]
    assert index.find_in(text, "zebra") == [] and index.find_in(text, "  ") == []
