from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT, SHARED_DATA, write_article
from hypothesis import given
from hypothesis import strategies as st

from tui import align, normalise, reportdate
from tui.cli import main
from tui.corpus import Corpus, load_corpus
from tui.model import Event, Passage, Source
from tui.sentences import sentence_spans
from tui.timeline import Timeline, build_timeline

MEE = "mee-iran-talks-will-continue"
RAFIZADEH = "rafizadeh-iran-incites-as-talks-advance"
SENATORS = "senators-urge-biden-halt-iran-talks"


@pytest.fixture(scope="module")
def bundled() -> Timeline:
    return build_timeline(ROOT / "events.yaml", ROOT / "corpus", use_cache=False)


def bundled_paragraph(article: str, number: int) -> str:
    corpus, _ = load_corpus(ROOT / "corpus")
    found = corpus.get(article)
    assert found is not None
    return found.paragraph(number).text


def _anchor(timeline: Timeline, article: str, quote: str):
    found = align.anchor(Source(article, quote), timeline.article(article))
    assert found is not None
    return found


@pytest.mark.parametrize(
    "quote",
    [
        "Psaki later stressed that Hamas rockets could not be considered self-defence",  # exact
        "Psaki latr stresed that Hamas rockets coud not be considerd self-defense",  # typos
        "stressed that Hamas rockets could not",  # trimmed
        "Psaki, later, stressed: Hamas rockets could not be considered self defence!",  # re-punctuated
        "Psaki later insisted that the Hamas rockets could not be considered self-defence",  # a word changed
    ],
)
def test_variants_of_a_quote_anchor_to_the_right_paragraph_and_span(bundled: Timeline, quote: str) -> None:
    passage = _anchor(bundled, MEE, quote)
    assert passage.score >= align.ANCHOR_THRESHOLD
    assert passage.paragraph == 23 and passage.curated
    paragraph = bundled.article(MEE).paragraph(23).text
    assert passage.text == paragraph[passage.start : passage.end]
    assert "Hamas rockets could not" in passage.text
    assert passage.start <= paragraph.index("stressed") and passage.end < len(paragraph)


def test_span_is_exact_for_an_exact_quote(bundled: Timeline) -> None:
    quote = "Hamas began firing crudely made rockets into Israeli territory earlier this week"
    passage = _anchor(bundled, MEE, quote)
    assert passage.text == quote and passage.score == 100


def test_a_quote_anchors_in_the_first_paragraph_that_holds_it_with_or_without_the_index(tmp_path: Path) -> None:
    paragraphs = [
        "The minister said the talks would resume next week in Vienna after a pause.",  # close, not the same
        "Talks resume.",  # shorter than the quote
        "Officials added: THE TALKS WILL RESUME NEXT WEEK IN VIENNA AFTER THE PAUSE!",  # the quote, folded
        "The talks will resume next week in Vienna after the pause, officials said again.",  # the quote again
    ]
    write_article(tmp_path, "talks", "\n\n".join(paragraphs) + "\n")
    corpus = load_corpus(tmp_path)[0]
    article = corpus.get("talks")
    assert article is not None
    index = align.CorpusIndex(corpus)
    for quote, number in [("the talks will resume next week in Vienna after the pause", 3), ("Talks resume", 2)]:
        for found in (
            align.anchor(Source("talks", quote), article),
            align.anchor(Source("talks", quote), article, index),
        ):
            assert found is not None and (found.paragraph, found.score) == (number, 100.0), quote
    near = align.anchor(Source("talks", "the talks would resume next week in Vienna after a long pause"), article)
    assert near is not None and near.paragraph == 1 and 80 < near.score < 100


def test_a_quote_from_another_article_does_not_anchor(bundled: Timeline) -> None:
    quote = "Andrea Stricker shared the sentiments of the dozens of senators"  # the senators article only
    for article in (MEE, RAFIZADEH):
        assert _anchor(bundled, article, quote).score < align.ANCHOR_THRESHOLD
    assert _anchor(bundled, SENATORS, quote).score == 100


def test_a_heading_does_not_anchor_a_longer_quote_that_contains_it(bundled: Timeline) -> None:
    quote = "US Secretary of State Antony Blinken, however, quickly dismissed calls by the Senators"
    passage = _anchor(bundled, MEE, quote)  # MEE has a paragraph "Secretary of State Antony Blinken"
    assert passage.score < align.ANCHOR_THRESHOLD


def test_boilerplate_is_never_a_passage(bundled: Timeline) -> None:
    passage = _anchor(bundled, MEE, "Stay informed with MEE's newsletters")  # boilerplate of MEE
    assert passage.score < align.ANCHOR_THRESHOLD
    boilerplate = {p.number for p in bundled.article(MEE).paragraphs if p.boilerplate}
    for passages in bundled.passages.values():
        assert not any(p.article == MEE and p.paragraph in boilerplate for p in passages)


def test_every_bundled_event_anchors_above_threshold(bundled: Timeline) -> None:
    assert bundled.unanchored == ()
    assert bundled.anchor_problems() == []
    for event in bundled.events:
        curated = [p for p in bundled.passages_of(event.id) if p.curated]
        assert len(curated) == len(event.sources), event.id
        assert all(p.score >= align.ANCHOR_THRESHOLD for p in curated)


def test_corroboration_finds_cross_article_reports_of_the_letter(bundled: Timeline) -> None:
    passages = bundled.passages_of("senators-letter-end-iran-talks")
    curated = {p.article for p in passages if p.curated}
    assert curated == {MEE, RAFIZADEH, SENATORS}
    found = [(p.article, p.paragraph) for p in passages if not p.curated]
    assert (RAFIZADEH, 15) in found and (SENATORS, 1) in found
    scores = [p.score for p in passages if not p.curated]
    assert scores == sorted(scores, reverse=True)
    assert all(s >= align.CORROBORATION_THRESHOLD for s in scores)


def test_corroboration_of_a_single_article_event_looks_only_elsewhere(bundled: Timeline) -> None:
    event = bundled.event("khamenei-urges-nations-condemn-israel")
    found = {(p.article, p.paragraph) for p in bundled.passages_of(event.id) if not p.curated}
    assert (MEE, 25) in found  # "Khamenei has urged all nations to condemn Israel"
    psaki = bundled.passages_of("psaki-rockets-not-self-defence")
    assert all(p.article != MEE for p in psaki if not p.curated)


def test_index_candidates_hold_every_paragraph_above_threshold(bundled: Timeline) -> None:
    index = bundled.index()
    for event in bundled.events:
        curated = [p for p in bundled.passages_of(event.id) if p.curated]
        fast = align.corroborate(event, index, curated)
        slow = align.corroborate(event, index, curated, exhaustive=True)
        assert fast == slow, event.id


def test_rare_words_find_reports_phrased_in_other_words(bundled: Timeline) -> None:
    event = bundled.event("blinken-talks-will-continue")
    curated = [p for p in bundled.passages_of(event.id) if p.curated]
    index = bundled.index()
    found = {p.paragraph for p in align.corroborate(event, index, curated) if p.article == MEE}
    same_words_only = {p.paragraph for p in align.corroborate(event, index, curated, rare_words_threshold=101)}
    # "Blinken appears to dismiss Republican calls", "Blinken has reaffirmed ... plans to move forward"
    assert {3, 6} <= found and not {3, 6} & same_words_only
    suggested = [p for p in bundled.passages_of(event.id) if not p.curated]
    assert [p.score for p in suggested] == sorted((p.score for p in suggested), reverse=True)
    # below the threshold, only what holds the words the event quotes ("the talks go on in Vienna")
    assert all(p.score >= align.CORROBORATION_THRESHOLD or "the talks go on in Vienna" in p.text for p in suggested)


def test_a_passage_found_by_rare_words_highlights_the_sentence_that_holds_them(bundled: Timeline) -> None:
    paragraph = bundled.article(MEE).paragraph(17).text  # '"... Israel's enemies ...," the senators said. "..."'
    passage = next(
        p for p in bundled.passages_of("senators-letter-end-iran-talks") if (p.article, p.paragraph) == (MEE, 17)
    )
    assert (passage.start, passage.end) in sentence_spans(paragraph)
    assert passage.text != "the senators said." and "Israel" in passage.text


def _common_word_corpus(tmp_path: Path) -> Corpus:
    """60 paragraphs that share their common words; a few also share rarer ones."""
    rare = ["ceasefire", "mediators", "sanctions", "enrichment", "centrifuges", "inspectors"]
    paragraphs = [
        f"The president said on the day that the talks {rare[n % 6]} {rare[n * 7 % 6] if n % 5 == 0 else ''} "
        f"would go on in the capital, number {n}."
        for n in range(60)
    ]
    write_article(tmp_path, "many", "\n\n".join(paragraphs) + "\n")
    return load_corpus(tmp_path)[0]


def test_rare_word_matches_are_every_paragraph_the_cosine_puts_above_threshold(
    bundled: Timeline, tmp_path: Path
) -> None:
    common = align.CorpusIndex(_common_word_corpus(tmp_path))
    assert all(common.frequency[t] > common.common for t in ("the", "president", "said"))  # common words
    queries = [("president said the talks would go on", common), ("the ceasefire mediators said", common)]
    queries += [(text, bundled.index()) for e in bundled.events for text in align.event_parts(e)]
    for text, index in queries:
        words = normalise.fold_for_matching(text).split()
        for threshold in (10.0, align.RARE_WORDS_THRESHOLD, 40.0):
            fast = index.candidates([words], threshold).rare_words
            every = {i: index.rare_word_cosine(words, i) for i in range(len(index.texts))}
            assert fast.keys() == {i for i, cosine in every.items() if cosine >= threshold}, (text, threshold)
            assert all(fast[i] == pytest.approx(every[i]) for i in fast)
    # Common words alone never make a paraphrase.
    assert (
        common.candidates([normalise.fold_for_matching("president said the talks would go on").split()], 1.0).rare_words
        == {}
    )


def test_same_words_candidates_and_bounds_hold_where_words_are_in_most_paragraphs(tmp_path: Path) -> None:
    paragraphs = [
        f"The president said {'the talks' if n % 3 else 'nothing'} {'would go on' if n % 4 else 'had ended'} in the "
        f"{'capital' if n % 2 else 'north'} with {'mediators' if n % 5 == 0 else 'envoys'}, number {n}."
        for n in range(40)
    ]
    write_article(tmp_path, "most", "\n\n".join(paragraphs) + "\n")
    index = align.CorpusIndex(load_corpus(tmp_path)[0])
    size = len(index.texts)
    assert all(size > index.frequency[t] > size / 2 for t in ("talks", "would", "envoys"))  # in most, not all
    probes = ["the president said the talks would go on in the capital", "talks would go on with mediators", "capital"]
    for text in probes:
        probe = normalise.fold_for_matching(text)
        found = index.candidates([probe.split()])
        for i, paragraph in enumerate(index.texts):
            score = align.CORROBORATE_SCORER(probe, paragraph)
            if score >= align.CORROBORATION_THRESHOLD:
                assert i in found.same_words, (text, i)
            if i in found.bounds:
                low, high = found.bounds[i]
                assert low - 1e-6 <= score <= high + 1e-6, (text, i)


@pytest.mark.parametrize("rows", ["as many as fit", "a few"])
def test_candidates_within_some_paragraphs_are_those_of_all_in_them(
    bundled: Timeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: str
) -> None:
    """Within some paragraphs, the candidates are counted there alone (the common tokens read in their rows, the
    others' postings placed among them), and are those found over all paragraphs."""
    if rows == "a few":  # the other common tokens are walked as the rare ones are
        monkeypatch.setattr(align, "COMMON_ROWS_BYTES", 3 * max(len(bundled.index().texts), 60))
        monkeypatch.setattr(bundled.index(), "_rows", None)
    common = align.CorpusIndex(_common_word_corpus(tmp_path))
    queries = [("president said the talks would go on in the capital", common), ("the ceasefire mediators", common)]
    queries += [(text, bundled.index()) for e in bundled.events for text in align.event_parts(e)]
    for text, index in queries:
        words = normalise.fold_for_matching(text).split()
        every = index.candidates([words, words[: len(words) // 2]], 10.0)
        for within in (np.arange(len(index.texts)) % 3 != 1, np.zeros(len(index.texts), bool)):
            some = index.candidates([words, words[: len(words) // 2]], 10.0, within)
            assert some.same_words == [i for i in every.same_words if within[i]], text
            assert some.bounds == {i: every.bounds[i] for i in some.same_words}
            assert some.rare_words == {i: cosine for i, cosine in every.rare_words.items() if within[i]}, text


@pytest.mark.parametrize(
    ("text", "article", "paragraph"),
    [
        ("senators rote a leter to presidnt biden", SENATORS, 3),
        ("you can only speak to these criminals in the language of power", MEE, 27),
        ("the head of the Qods force praised hamas on the phone", RAFIZADEH, 1),
        ("Biden phoned Netanyahu to back Israel's right to defend itself", SENATORS, 8),
    ],
)
def test_locate_finds_paraphrases_and_misremembered_quotes(
    bundled: Timeline, text: str, article: str, paragraph: int
) -> None:
    results = align.locate(text, bundled.index(), limit=3)
    assert (results[0].article, results[0].paragraph) == (article, paragraph)
    start, end = results[0].start, results[0].end
    assert results[0].text == bundled.article(article).paragraph(paragraph).text[start:end] != ""
    assert [r.score for r in results] == sorted((r.score for r in results), reverse=True)


def test_unanchored_quote_keeps_the_event_and_is_reported(data_dir: Path) -> None:
    events = data_dir / "events.yaml"
    text = events.read_text()
    events.write_text(text.replace("quote: all of which normalised ties with Israel in 2020", "quote: zebras dance"))
    lines = events.read_text().splitlines()
    line = next(i for i, s in enumerate(lines, 1) if "zebras dance" in s) - 1  # the source item's line
    timeline = build_timeline(events, data_dir / "corpus")
    assert timeline.event("arab-states-normalise-ties") is not None
    assert timeline.unanchored_of("arab-states-normalise-ties")
    [problem] = timeline.anchor_problems()
    assert problem.line == line and "zebras dance" in problem.message and "best candidate" in problem.message
    err = io.StringIO()
    assert main(["check", "--events", str(events)], io.StringIO(), err) == 1
    assert f"{events}:{line}:" in err.getvalue() and "score" in err.getvalue()


def test_fold_keeps_offsets() -> None:
    text = "İstanbul — “quoted” [Israel]: U.S."
    assert len(normalise.fold_for_matching(text)) == len(text)
    assert normalise.fold_for_matching("Hello, World!") == "hello  world "


@given(st.text())
def test_fold_is_lowercase_with_every_non_word_character_as_a_space(text: str) -> None:
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    assert normalise.fold_for_matching(text) == re.sub(r"[^\w\s]|_", " ", lowered)


def test_progress_is_reported(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_article(corpus, "one", "A paragraph long enough to be read as the body of the article.\n")
    calls: list[tuple[str, float]] = []
    events = tmp_path / "events.yaml"
    events.write_text(
        "events:\n  - id: e\n    date: 2021-05-12\n    date_basis: {method: explicit, expression: x}\n"
        "    title: T\n    summary: S\n    sources:\n      - article: one\n        quote: long enough to be read\n"
    )
    timeline = build_timeline(events, corpus, lambda stage, fraction: calls.append((stage, fraction)))
    assert timeline.passages_of("e")[0].text == "long enough to be read"
    assert calls[-1][1] == 1.0 and any("Matching" in stage for stage, _ in calls)
    assert [f for _, f in calls] == sorted(f for _, f in calls)


def test_locate_cli_json(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "locate", "Psaki said rockets are not self defence", "--json", "--limit", "2"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"TIMELINE_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert len(found) == 2
    assert set(found[0]) == {"article", "paragraph", "start", "end", "score", "text"}
    assert (found[0]["article"], found[0]["paragraph"]) == (MEE, 23)
    assert 0 <= found[0]["start"] < found[0]["end"] <= len(found[0]["text"])


def test_locate_cli_usage_errors() -> None:
    assert main(["locate", "   "], io.StringIO(), io.StringIO()) == 2
    assert main(["locate", "x", "--limit", "0"], io.StringIO(), io.StringIO()) == 2
    assert main(["locate"], io.StringIO(), io.StringIO()) == 2


def test_shared_meantime_corpus_anchors(tmp_path: Path) -> None:
    meantime = SHARED_DATA / "meantime" / "meantime-en-dev.jsonl"
    if not meantime.exists():
        pytest.skip(f"{meantime} is absent")
    script = [sys.executable, str(ROOT / "benchmarks" / "synthetic.py"), str(tmp_path / "syn"), "--seed", "1"]
    subprocess.run([*script, "--articles", "20", "--events", "30"], check=True, capture_output=True)
    events, corpus_dir = tmp_path / "syn" / "events.yaml", tmp_path / "syn" / "corpus"
    _, problems = load_corpus(corpus_dir)
    assert not problems
    timeline = build_timeline(events, corpus_dir)
    assert len(timeline.events) == 30
    assert len(timeline.unanchored) <= 1  # quotes carry typos and dropped punctuation by design


def test_list_and_show_json_carry_the_passages() -> None:
    out = io.StringIO()
    assert main(["list", "--json", "--events", str(ROOT / "events.yaml")], out, io.StringIO()) == 0
    events = {e["id"]: e for e in json.loads(out.getvalue())}
    assert all(len([p for p in e["passages"] if p["curated"]]) == len(e["sources"]) for e in events.values())
    out = io.StringIO()
    assert main(["show", "senators-letter-end-iran-talks", "--json", "--events", str(ROOT / "events.yaml")], out) == 0
    passages = json.loads(out.getvalue())["passages"]
    assert {p["article"] for p in passages} == {MEE, RAFIZADEH, SENATORS}
    assert any(not p["curated"] for p in passages)
    for p in passages:
        assert set(p) == {"article", "paragraph", "start", "end", "text", "score", "curated", "status"}


# --- what is never suggested -----------------------------------------------------------------------------------


def test_the_two_false_suggestions_of_the_bundled_data_are_gone() -> None:
    """A headline for Khamenei's statement, and an attribution without its tweet for Biden's call."""
    timeline = build_timeline(ROOT / "events.yaml", ROOT / "corpus", use_cache=False)
    suggested = {(e.id, p.article, p.paragraph) for e in timeline.events for p in timeline.passages_of(e.id)}
    assert ("khamenei-says-iran-armed-palestinians", MEE, 2) not in suggested
    assert ("biden-netanyahu-call-monday", RAFIZADEH, 9) not in suggested
    assert ("khamenei-urges-nations-condemn-israel", MEE, 25) in suggested  # a true one stays


@pytest.mark.parametrize(
    "text",
    [
        "US says Iran talks will continue despite upheaval in Israel and Palestine",  # the title
        "Iran talks to continue, US says",  # a headline: short, no full stop
        "date 2021-05-18 U.S. Senators call on Biden to stop talks",  # a dateline with its headline
        "By Jane Doe, Middle East Correspondent",
        "Aaron Klein, a senior adviser to Israeli Prime Minister Benjamin Netanyahu, tweeted:",
        "The White House press secretary told reporters on Thursday:",
    ],
)
def test_headlines_bylines_and_bare_attributions_are_not_evidence_alone(text: str) -> None:
    assert align.not_evidence_alone("US says Iran talks will continue despite upheaval in Israel and Palestine", text)


@pytest.mark.parametrize(
    "text",
    [
        "Khamenei also labeled the whole nation of Israel a terrorist camp:",  # a report introducing its quote
        "Secretary of State Antony Blinken said he could not confirm any involvement (AFP/File photo)",
        "The senators said the talks must stop.",
    ],
)
def test_reports_are_evidence(text: str) -> None:
    assert not align.not_evidence_alone("Some other title", text)


def test_shared_names_alone_are_not_content_words() -> None:
    fold = normalise.fold_for_matching
    probe = set(fold("Biden reiterates support for Israel's self-defence in a call with Netanyahu").split())
    text = "Aaron Klein, a senior adviser to Israeli Prime Minister Benjamin Netanyahu, tweeted:"
    assert align.content_words(probe, text, fold(text)) == set()
    text = "Biden spoke with Netanyahu: he reiterates his support for Israel."
    assert align.content_words(probe, text, fold(text)) == {"reiterates", "support"}
    probe = set(fold("Airbus announces 10,000 job cuts").split())
    text = "Airbus said 10,000 jobs would go in the cuts announced."
    assert align.content_words(probe, text, fold(text)) == {"jobs", "cuts", "announced"}  # not "10"
    text = "France will lose 4,300 jobs, while 400 jobs will be cut in Spain."
    assert align.content_words(probe, text, fold(text)) == {"jobs", "cut"}  # the word of the event's plural


_WORDS = [
    "cut",
    "cuts",
    "job",
    "jobs",
    "announce",
    "announced",
    "announces",
    "announcement",
    "dismiss",
    "dismissed",
    "talk",
    "talks",
    "talked",
    "use",
    "used",
    "uses",
    "agree",
    "agreed",
    "agrees",
    "bed",
    "beds",
    "red",
    "reds",
    "seed",
    "seeds",
    "the",
    "and",
]


@given(st.lists(st.sampled_from(_WORDS), max_size=8), st.lists(st.sampled_from(_WORDS), max_size=8))
def test_content_words_are_the_events_words_their_stems_plurals_and_pasts(
    event: list[str], paragraph: list[str]
) -> None:
    probe, text = set(event), " ".join(paragraph)
    expected = {
        t
        for t in paragraph
        if len(t) > 2
        and t not in normalise.STOPWORDS
        and any(
            t[:6] == p[:6] or p in (t[:-1], t[:-2]) or (t in (p[:-1], p[:-2]) and p[len(t) :] in ("s", "d", "ed"))
            for p in probe
        )
    }
    assert align.content_words(probe, text, text) == expected


def test_an_article_written_before_the_event_never_corroborates_it(tmp_path: Path) -> None:
    from conftest import write_article

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_article(corpus, "source", "The first airliner was delivered today to the airline in a ceremony.")
    words = "The first airliner will be delivered to the airline in a ceremony next year, the maker says."
    write_article(corpus, "forecast", words, published="2005-02-17")
    write_article(corpus, "report", words.replace("will be", "was").replace("next year", "this week"))
    (tmp_path / "events.yaml").write_text(
        "events:\n  - id: delivered\n    date: 2021-05-13\n    date_basis: {method: inferred, expression: today}\n"
        "    title: The first airliner is delivered to the airline\n    summary: In a ceremony.\n"
        "    sources:\n      - {article: source, quote: The first airliner was delivered today}\n",
        encoding="utf-8",
    )
    timeline = build_timeline(tmp_path / "events.yaml", corpus, use_cache=False)
    assert [p.article for p in timeline.passages_of("delivered") if not p.curated] == ["report"]


def test_a_later_article_corroborates_only_where_it_names_the_events_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """News reports the days before it was written: a later article's undated ceremony is another ceremony."""
    from conftest import write_article

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_article(
        corpus,
        "source",
        "Airbus unveiled the A380 superjumbo in a lavish ceremony in Toulouse.",
        published="2005-01-18",
    )
    dated = (
        "The A380 superjumbo was unveiled in a lavish ceremony in Toulouse on January 18, 2005, before 5,000 guests."
    )
    undated = "The A380 superjumbo was shown in a lavish ceremony in Toulouse before 500 guests after its delivery."
    write_article(corpus, "later", f"{dated}\n\n{undated}", published="2007-10-15")
    (tmp_path / "events.yaml").write_text(
        "events:\n  - id: unveiled\n    date: 2005-01-18\n    date_basis: {method: inferred, expression: today}\n"
        "    title: Airbus unveils the A380 superjumbo in a ceremony in Toulouse\n    summary: Before 5,000 guests.\n"
        "    sources:\n      - {article: source, quote: Airbus unveiled the A380 superjumbo}\n",
        encoding="utf-8",
    )

    def suggested() -> list[str]:
        timeline = build_timeline(tmp_path / "events.yaml", corpus, use_cache=False)
        return [p.text for p in timeline.passages_of("unveiled") if not p.curated]

    assert suggested() == [dated]
    monkeypatch.setattr(reportdate, "REPORT_WINDOW_DAYS", 10_000)  # without the window, both words match
    assert sorted(suggested()) == sorted([dated, undated])


# Wikinews (CC BY 2.5), the US Air Force tanker contract of 2008: the award, a report of it that names its day months
# later, and two hard negatives (another contract of the same month, and the later ruling on the award).
_AWARD = (
    "Northrop Grumman and Airbus parent company European Aeronautic Defence and Space Company EADS N.V. (EADS) have "
    "unexpectedly defeated Boeing for a US$ 40 billion (GB #20.1 billion) contract to supply the United States Air "
    "Force (USAF) with 179 new aerial refueling tankers at a rate of 15 a year."
)
_RERUN = (
    "The Government Accountability Office on June 18 called for a re-run of the bidding for the U.S. Air Force $40 "
    "billion tanker contract, citing major flaws in the procurement process."
)
_SELECTED = (
    "When the Air Force selected Los Angeles based Northrop Grumman on February 29 to build the aircraft, Boeing "
    "challenged the award in a formal protest before the GAO, claiming the evaluation was skewed towards Northrop."
)
_RAF = (
    "European Aeronautic Defence & Space NV (EADS), the parent company of European airframer Airbus, has won a #13 "
    "billion contract to supply the United Kingdom's Royal Air Force (RAF) with aerial refueling tankers to replace "
    "the nation's current ageing fleet."
)


def _one_event(
    tmp_path: Path, articles: list[tuple[str, str, str]], event: str
) -> tuple[Timeline, Event, list[Passage]]:
    """A timeline of these articles (id, body, publication day) and one event (its lines of YAML), with the
    event's curated passages."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for article_id, body, published in articles:
        write_article(corpus, article_id, body, published=published)
    (tmp_path / "events.yaml").write_text(f"events:\n{event}", encoding="utf-8")
    timeline = build_timeline(tmp_path / "events.yaml", corpus, use_cache=False)
    (only,) = timeline.events
    return timeline, only, [p for p in timeline.passages_of(only.id) if p.curated]


def test_a_paragraph_naming_the_events_day_needs_fewer_of_its_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "Selected ... on February 29" ties the paragraph to the award of that day: it is suggested with less of the
    event's rare words and one of its words ("award"); the same sentence without the day is not, nor another
    contract that names no day, nor the ruling that names its own."""
    articles = [
        ("award", _AWARD, "2008-03-01"),
        ("rerun", f"{_RERUN}\n\n{_SELECTED}", "2008-07-02"),
        ("undated", _SELECTED.replace(" on February 29", ""), "2008-03-10"),
        ("raf", _RAF, "2008-03-27"),
    ]
    timeline, event, curated = _one_event(
        tmp_path,
        articles,
        "  - id: tanker\n    date: 2008-02-29\n    date_basis: {method: explicit, expression: February 29}\n"
        "    title: Northrop Grumman and EADS beat Boeing to the US Air Force tanker contract\n"
        "    summary: The US Air Force awards the $40 billion aerial refuelling tanker contract to Northrop Grumman and"
        " EADS.\n    sources:\n      - {article: award, quote: have unexpectedly defeated Boeing}\n",
    )
    index = timeline.index()
    _, parts = align.event_probe(event)

    def cosine(article: str, number: int) -> float:
        position = index.position_of[article, number]
        return max(index.rare_word_cosine(part, position) for part in parts)

    def suggested(threshold: float) -> set[tuple[str, int]]:
        return {
            (p.article, p.paragraph) for p in align.corroborate(event, index, curated, rare_words_threshold=threshold)
        }

    named, undated = cosine("rerun", 2), cosine("undated", 1)
    threshold = max(named, undated) + align.DAY_NAMED_RELIEF / 2  # neither reaches it, the day named is near enough
    assert cosine("raf", 1) < threshold < cosine("rerun", 1)
    assert suggested(threshold) == {("rerun", 2)}
    assert suggested(named + align.DAY_NAMED_RELIEF + 1) == set()  # the day makes up for so much, no more
    monkeypatch.setattr(align, "DAY_NAMED_RELIEF", 0.0)
    assert suggested(threshold) == set()
    assert ("rerun", 1) not in suggested(0.1)  # it names another day: the ruling, not the award


def test_the_bundled_reports_that_hold_the_words_an_event_quotes_are_suggested(bundled: Timeline) -> None:
    """The summaries quote "the multilateral nuclear talks" and "the talks go on in Vienna": Middle East Eye's
    paragraphs holding them report the talks and Blinken's answer, though they share few of the events' rare words."""
    index = bundled.index()
    for event_id, paragraph, quotation in (
        ("vienna-talks-under-way", 7, "the multilateral nuclear talks"),
        ("blinken-talks-will-continue", 15, "the talks go on in Vienna"),
    ):
        event = bundled.event(event_id)
        assert normalise.fold_for_matching(quotation) in align.event_quotations(event)
        _, parts = align.event_probe(event)
        position = index.position_of[MEE, paragraph]
        assert max(index.rare_word_cosine(part, position) for part in parts) < align.RARE_WORDS_THRESHOLD
        passage = next(p for p in bundled.passages_of(event_id) if (p.article, p.paragraph) == (MEE, paragraph))
        assert not passage.curated and quotation in passage.text  # the sentence that holds the quotation


def test_a_paragraph_holding_an_events_quotation_is_suggested_only_word_for_word_and_on_the_events_day(
    tmp_path: Path,
) -> None:
    """Blinken's "the talks go on in Vienna", quoted by the event: the paragraph that holds those words is
    suggested without the same words or rare words; the same paragraph in an article written months later (a later
    statement), the words in another order, and a quotation of three words are not enough."""
    quoted = bundled_paragraph(MEE, 15)
    articles = [
        ("source", bundled_paragraph(MEE, 13), "2021-05-13"),
        ("report", quoted, "2021-05-14"),
        ("months-later", f"{bundled_paragraph(MEE, 16)}\n\n{quoted}", "2021-09-01"),
        ("reordered", quoted.replace("the talks go on in Vienna", "in Vienna the talks go on"), "2021-05-14"),
    ]
    timeline, event, curated = _one_event(
        tmp_path,
        articles,
        "  - id: talks-go-on\n    date: 2021-05-13\n    date_basis: {method: inferred, expression: today}\n"
        "    title: Blinken says the talks go on\n"
        '    summary: \'Blinken: "the talks go on in Vienna", "in an effort".\'\n'
        "    sources:\n      - {article: source, quote: said he could not confirm that Iran had any involvement}\n",
    )
    index = timeline.index()
    assert align.event_quotations(event) == ["the talks go on in vienna"]  # "in an effort": too short
    no_words = align.corroborate(event, index, curated, threshold=100, rare_words_threshold=101)  # no word route
    assert [(p.article, p.paragraph) for p in no_words] == [("report", 1)]
    assert no_words[0].text.startswith("So, the talks go on in Vienna")


_PARENT = os.getpid()
_MATCH_RANGE = align._match_range


def _dying_in_a_helper(start: int, stop: int) -> list[align.Matched]:
    """`_match_range`, but a helper process exits at once (killed mid-merge: out of memory, a signal)."""
    if os.getpid() != _PARENT:
        os._exit(1)
    return _MATCH_RANGE(start, stop)


def test_a_helper_that_dies_leaves_its_events_to_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.timeline import load_inputs

    corpus, events_file, problems = load_inputs(ROOT / "events.yaml", ROOT / "corpus")
    assert not problems
    monkeypatch.setattr(align, "PARALLEL_MIN_EVENTS", 10**9)
    alone = align.merge(corpus, events_file.events)
    monkeypatch.setattr(align, "_match_range", _dying_in_a_helper)
    monkeypatch.setattr(align, "PARALLEL_MIN_EVENTS", 20)
    monkeypatch.setattr(align, "_helpers", lambda _events: 1)  # a helper even on a one-core machine
    shared = align.merge(corpus, events_file.events)
    assert shared.passages == alone.passages and shared.unanchored == alone.unanchored


def test_helper_processes_merge_exactly_as_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.timeline import load_inputs

    corpus, events_file, problems = load_inputs(ROOT / "events.yaml", ROOT / "corpus")
    assert not problems
    monkeypatch.setattr(align, "PARALLEL_MIN_EVENTS", 10**9)
    alone = align.merge(corpus, events_file.events)
    monkeypatch.setattr(align, "PARALLEL_MIN_EVENTS", 20)  # 78 events: shared with helpers on a multi-core machine
    shared = align.merge(corpus, events_file.events)
    assert shared.passages == alone.passages and shared.unanchored == alone.unanchored
    assert list(shared.passages) == list(alone.passages)
