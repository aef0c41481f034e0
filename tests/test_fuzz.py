"""Property-based tests: generated events files and corpora, valid and broken.

The rules: loading never raises, every problem names its file (and a line within it when it has one), the CLI
exits 0 or 1 with no traceback, and no input file is ever changed. The normal suite runs a few hundred cases;
`pytest -m fuzz` runs the same properties over 10,000 cases each.
"""

from __future__ import annotations

import io
import string
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.cli import main
from tui.corpus import load_corpus
from tui.events import parse_events

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FUZZ = settings(max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck))

SCALARS = st.one_of(
    st.sampled_from(["2021-05-12", "2021-02-30", "2021-W19", "2021-05~", "1997", "x", "", "~", "null", "[a]"]),
    st.text(alphabet=string.printable + "é中\u202e\x1b", max_size=20),
    st.integers(-5, 3000).map(str),
)
KEYS = st.sampled_from(
    [
        "id",
        "date",
        "date_basis",
        "title",
        "summary",
        "actors",
        "tags",
        "sources",
        "notes",
        "article",
        "quote",
        "method",
        "expression",
        "resolved_against",
        "name",
        "kind",
        "aliases",
        "bogus",
    ]
)


def yaml_value(depth: int = 0) -> st.SearchStrategy[str]:
    leaf = SCALARS.map(lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"')
    if depth > 2:
        return leaf
    return st.one_of(
        leaf,
        st.lists(st.deferred(lambda: yaml_value(depth + 1)), max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.dictionaries(KEYS, st.deferred(lambda: yaml_value(depth + 1)), max_size=4).map(
            lambda d: "{" + ", ".join(f"{k}: {v}" for k, v in d.items()) + "}"
        ),
    )


EVENT = st.fixed_dictionaries(
    {"id": SCALARS, "date": SCALARS, "title": SCALARS, "summary": SCALARS},
    optional={"date_basis": yaml_value(1), "sources": yaml_value(1), "actors": yaml_value(1), "bogus": SCALARS},
)


@st.composite
def events_text(draw: st.DrawFn) -> str:
    """Mostly well-formed events files with wrong values, sometimes mangled into broken YAML."""
    events = draw(st.lists(EVENT, max_size=4))
    lines = ["actors:", "  - {id: a, name: A, kind: person}", "events:"]
    for event in events:
        lines.append("  - " + ", ".join(f"{k}: {v!r}" if k != "sources" else f"{k}: {v}" for k, v in event.items()))
    text = "\n".join(lines) + "\n"
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + draw(st.text(max_size=5)) + text[cut:]
    return text


def check_events(text: str) -> None:
    events_file, problems = parse_events("events.yaml", text, {"art"})
    for problem in problems:
        assert problem.path == "events.yaml"
        assert 0 <= problem.line <= text.count("\n") + 2
        assert problem.message
    if not problems:
        assert all(e.id and e.sources for e in events_file.events)


ARTICLE = st.one_of(
    st.text(max_size=200),
    st.builds(
        lambda fields, body: "---\n" + fields + "---\n" + body,
        st.lists(
            st.tuples(st.sampled_from(["id", "title", "published", "published_basis", "x"]), SCALARS), max_size=5
        ).map(lambda kv: "".join(f"{k}: {v!r}\n" for k, v in kv)),
        st.text(max_size=200),
    ),
    st.binary(max_size=100).map(lambda b: b.decode("latin-1")),
)


def check_corpus_and_cli(articles: list[str], events: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        corpus = root / "corpus"
        corpus.mkdir()
        for number, text in enumerate(articles):
            (corpus / f"a{number}.txt").write_text(text, encoding="utf-8", errors="surrogateescape")
        (root / "events.yaml").write_text(events, encoding="utf-8", errors="surrogateescape")
        before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
        _, problems = load_corpus(corpus)
        assert all(str(corpus) in p.path for p in problems)
        out, err = io.StringIO(), io.StringIO()
        code = main(["check", "--events", str(root / "events.yaml")], out, err)
        assert code in (0, 1), err.getvalue()
        assert "Traceback" not in err.getvalue()
        assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before


@FAST
@given(events_text())
def test_events_files(text: str) -> None:
    check_events(text)


@FAST
@given(st.lists(ARTICLE, max_size=3), events_text())
def test_corpora_and_cli(articles: list[str], events: str) -> None:
    check_corpus_and_cli(articles, events)


@pytest.mark.fuzz
@FUZZ
@given(events_text())
def test_fuzz_events_files(text: str) -> None:
    check_events(text)


@pytest.mark.fuzz
@FUZZ
@given(st.lists(ARTICLE, max_size=3), events_text())
def test_fuzz_corpora_and_cli(articles: list[str], events: str) -> None:
    check_corpus_and_cli(articles, events)
