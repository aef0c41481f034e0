"""The bundled chronology says exactly what its articles say: quotes, date expressions and handles are verbatim."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import yaml
from conftest import ROOT

from tui.corpus import Corpus, load_corpus
from tui.events import EventsFile, load_events

EVENTS = ROOT / "events.yaml"

# The article bodies as received, by sha256 of the text below the front matter: they are never edited.
BODIES = {
    "mee-iran-talks-will-continue": "193cd720dea7a4a788fe2f1f71dc8bc0de1abdf3be84b2c06468f0cd42e46429",
    "rafizadeh-iran-incites-as-talks-advance": "b3e8c68f9f687bfeff05f65c798a662bce3f7c7e474a9504dcde9e103eaae787",
    "senators-urge-biden-halt-iran-talks": "8277cbae8ec6bd2150737c27000d6e7f55b81947fcfacb802bef3688d63a14c9",
}


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    corpus, problems = load_corpus(ROOT / "corpus")
    assert problems == []
    return corpus


@pytest.fixture(scope="module")
def events(corpus: Corpus) -> EventsFile:
    events, problems = load_events(EVENTS, corpus)
    assert problems == []
    return events


def test_article_bodies_are_as_received(corpus: Corpus) -> None:
    assert {a.id: a.sha256 for a in corpus.articles} == BODIES


def test_every_quote_is_verbatim_in_its_article(corpus: Corpus, events: EventsFile) -> None:
    sources = [(e.id, s) for e in events.events for s in e.sources]
    assert sources
    missing = [(event, s.article, s.quote) for event, s in sources if s.quote not in corpus.get(s.article).body]
    assert missing == []


def test_every_date_expression_is_verbatim_in_its_article(corpus: Corpus, events: EventsFile) -> None:
    bases = [(e.id, e.date_basis) for e in events.events if e.date_basis.article]
    assert len(bases) == len(events.events)
    missing = [(event, b.expression) for event, b in bases if b.expression not in corpus.get(b.article).body]
    assert missing == []


def test_every_handle_is_spelled_as_an_article_spells_it(corpus: Corpus, events: EventsFile) -> None:
    text = "\n".join(a.body for a in corpus.articles)
    handles = [h for actor in events.actors for h in actor.handles]
    assert "@khameni_ir" in handles
    assert [h for h in handles if h not in text] == []


def _quotations(text: str) -> Iterator[str]:
    """The words between double quotes, each run between ellipses ("second call ... in two days") apart."""
    for quotation in re.findall(r'"([^"]+)"', text):
        for words in quotation.split("..."):
            if words.strip():
                yield words.strip()


def test_every_quotation_in_the_prose_is_the_articles_words(corpus: Corpus, events: EventsFile) -> None:
    prose = [(e.id, p) for e in events.events for p in (e.title, e.summary, e.notes, e.date_basis.resolved_against)]
    prose += [(a.id, a.description) for a in events.actors]
    prose += [(a.id, f"{a.published_note} {a.notes}") for a in corpus.articles]
    text = "\n".join(a.body for a in corpus.articles)
    quotations = [(owner, words) for owner, p in prose for words in _quotations(p or "")]
    assert len(quotations) > 100
    assert [(owner, words) for owner, words in quotations if words not in text] == []


def _values(node: yaml.Node) -> Iterator[yaml.Node]:
    """Every value written in block style: scalars and flow collections, not mapping keys."""
    if isinstance(node, yaml.MappingNode) and not node.flow_style:
        children = [value for _, value in node.value]
    elif isinstance(node, yaml.SequenceNode) and not node.flow_style:
        children = list(node.value)
    else:
        yield node
        return
    for child in children:
        yield from _values(child)


def test_no_value_is_cut_short_by_a_comment() -> None:
    """A plain value stops at " #": `quote: it's a #TerroristCamp` would load as "it's a". Quote such values."""
    text = EVENTS.read_text(encoding="utf-8")
    cut = []
    for node in _values(yaml.compose(text)):
        if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
            continue  # a block scalar runs to its indentation's end; "#" is text in it
        end = node.end_mark.index
        rest = text[end : text.find("\n", end) if "\n" in text[end:] else len(text)]
        if rest.strip():
            cut.append((node.end_mark.line + 1, rest.strip()))
    assert cut == []
