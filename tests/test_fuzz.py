"""Property-based tests: generated events files and corpora, valid and broken.

The rules: loading never raises, every problem names its file (and a line within it when it has one), the CLI
exits 0 or 1 with no traceback, and no input file is ever changed. The normal suite runs a few hundred cases;
`pytest -m fuzz` runs the same properties over 10,000 cases each.
"""

from __future__ import annotations

import io
import json
import os
import string
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.cli import main
from tui.corpus import load_corpus
from tui.events import load_events

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FUZZ = settings(max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck))

HOSTILE = st.one_of(  # markup, escape sequences, bidi and zero-width characters, very long lines
    st.sampled_from(
        [
            "[bold]x[/bold]",
            "[link=https://e.example]l[/link]",
            "[@click=app.quit]q[/]",
            "\x1b[31mred\x1b[0m",
            "\x1b]8;;https://e.example\x07l\x1b]8;;\x07",
            "\x9b2J",
            "\u202eevil\u202c",
            "zero\u200bwidth\u2066",
            "x" * 3000,
        ]
    ),
    st.text(alphabet=string.printable + "é中\u202e\u200b\u200f\x1b\x07\x9b\ufeff[]", max_size=40),
)
SCALARS = st.one_of(
    st.sampled_from(["2021-05-12", "2021-02-30", "2021-W19", "2021-05~", "1997", "x", "", "~", "null", "[a]"]),
    HOSTILE,
    st.integers(-5, 3000).map(str),
)


def yaml_quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar, so that control characters reach the data as themselves."""
    escaped = "".join(c if c.isprintable() and c not in '"\\' else f"\\U{ord(c):08x}" for c in text)
    return f'"{escaped}"'


QUOTING = st.sampled_from([repr, yaml_quoted, str])  # str: raw, often not valid YAML
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
    quote = draw(QUOTING)
    lines = ["actors:", f"  - {{id: a, name: {yaml_quoted(draw(HOSTILE))}, kind: person}}", "events:"]
    for event in events:
        lines.append(
            "  - " + ", ".join(f"{k}: {quote(v)}" if k != "sources" else f"{k}: {v}" for k, v in event.items())
        )
    for number, (title, notes) in enumerate(draw(st.lists(st.tuples(HOSTILE, HOSTILE), max_size=2))):
        lines.append(
            f"  - {{id: valid-{number}, date: 2021-05-1{number}, title: {yaml_quoted(title or 'x')}, summary: s,"
            f" notes: {yaml_quoted(notes)}, actors: [a], tags: [{yaml_quoted(notes or 't')}],"
            f" date_basis: {{method: explicit, expression: {yaml_quoted(title or 'x')}, article: art}},"
            f" sources: [{{article: art, quote: {ANCHOR!r}}}]}}"
        )
    text = "\n".join(lines) + "\n"
    mangle = draw(st.sampled_from(["none", "insert", "crlf", "bom", "bad byte"]))
    if mangle == "insert":
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + draw(st.text(max_size=5)) + text[cut:]
    elif mangle == "crlf":
        text = text.replace("\n", "\r\n")
    elif mangle == "bom":
        text = "\ufeff" + text
    elif mangle == "bad byte":  # written as the single byte 0xff: not UTF-8
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + "\udcff" + text[cut:]
    return text


def check_events(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:  # from the file's bytes, as a user's file is read
        path = Path(tmp) / "events.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogateescape")
        events_file, problems = load_events(path, {"art"})
    for problem in problems:
        assert problem.path == str(path)
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


ANCHOR = "the words this event quotes"
VALID_ARTICLE = st.builds(
    lambda title, body, crlf: (
        f"---\nid: art\ntitle: {yaml_quoted(title or 't')}\npublished: 2021-05-13\npublished_basis: stated\n---\n"
        f"{body}\n\nIt said {ANCHOR}, then {title}.\n"
    ).replace("\n", "\r\n" if crlf else "\n"),
    HOSTILE,
    st.lists(HOSTILE, max_size=3).map("\n".join),
    st.booleans(),
)
CONTROLS = ("\x1b", "\x07", "\x9b", "\u202e", "\u202c", "\u2066", "\u200f")
COMMANDS = (["check"], ["list"], ["list", "--json"], ["show", "valid-0"], ["search", "x"])


def run_cli(argv: list[str], events: Path) -> tuple[int, str, str]:
    """One command; the rules every run keeps: exit 0 or 1, no traceback, nothing a terminal would obey,
    every error line a problem with its file (or a one-line message), JSON that parses."""
    out, err = io.StringIO(), io.StringIO()
    code = main([*argv, "--events", str(events)], out, err)
    printed, errors = out.getvalue(), err.getvalue()
    assert code in (0, 1), (argv, errors)
    assert "Traceback" not in errors and "unexpected error" not in errors, errors
    assert not [c for c in CONTROLS if c in printed + errors], (argv, printed, errors)
    for line in errors.splitlines():
        assert line.startswith((str(events.parent), "timeline: ")) or line.endswith(" found."), line
    if code == 0 and "--json" in argv:
        json.loads(printed)
    return code, printed, errors


def state(root: Path) -> dict[Path, tuple[bytes, int]]:
    """Bytes and modification time of every file and folder under `root`."""
    return {p: (p.read_bytes() if p.is_file() else b"", p.stat().st_mtime_ns) for p in root.rglob("*")}


def check_corpus_and_cli(articles: list[str], events: str, valid: str = "") -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        corpus = root / "corpus"
        corpus.mkdir(parents=True)
        for number, text in enumerate([valid, *articles] if valid else articles):
            (corpus / f"a{number}.txt").write_text(text, encoding="utf-8", errors="surrogateescape")
        (root / "events.yaml").write_text(events, encoding="utf-8", errors="surrogateescape")
        before = state(root)
        _, problems = load_corpus(corpus)
        assert all(str(corpus) in p.path for p in problems)
        saved = os.environ.get("TIMELINE_CACHE_DIR")
        os.environ["TIMELINE_CACHE_DIR"] = str(Path(tmp) / "cache")
        try:
            for argv in COMMANDS:
                run_cli(argv, root / "events.yaml")
        finally:
            if saved is None:
                os.environ.pop("TIMELINE_CACHE_DIR")
            else:
                os.environ["TIMELINE_CACHE_DIR"] = saved
        assert state(root) == before


@FAST
@given(events_text())
def test_events_files(text: str) -> None:
    check_events(text)


@FAST
@given(st.lists(ARTICLE, max_size=3), events_text(), VALID_ARTICLE | st.just(""))
def test_corpora_and_cli(articles: list[str], events: str, valid: str) -> None:
    check_corpus_and_cli(articles, events, valid)


@pytest.mark.fuzz
@FUZZ
@given(events_text())
def test_fuzz_events_files(text: str) -> None:
    check_events(text)


@pytest.mark.fuzz
@FUZZ
@given(st.lists(ARTICLE, max_size=3), events_text(), VALID_ARTICLE | st.just(""))
def test_fuzz_corpora_and_cli(articles: list[str], events: str, valid: str) -> None:
    check_corpus_and_cli(articles, events, valid)
