"""Property-based tests: generated events files and corpora, valid and broken.

The rules: loading never raises, every problem names its file (and a line within it when it has one), the CLI
exits 0 or 1 with no traceback, and no input file is ever changed. The normal suite runs a few hundred cases;
`pytest -m fuzz` runs the same properties over 10,000 cases each.
"""

from __future__ import annotations

import io
import json
import os
import stat
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


# --- file-system shapes: links, loops, FIFOs, folders, unreadable folders, odd names --------------------------------

ODD_NAMES = st.sampled_from(
    [
        "plain",
        "-dash",
        "with space",
        "new\nline",
        "tab\tname",
        "esc\x1b[31m",
        "bidi\u202eevil",
        "zero\u200bwidth",
        "é中文",
        os.fsdecode(b"not-utf8-\xff\xfe"),
        "x" * 200,
    ]
)
ENTRY_KINDS = st.sampled_from(
    ["valid", "broken", "link-inside", "link-outside", "link-broken", "link-self", "link-pair", "fifo", "folder"]
)
EVENTS_KINDS = st.sampled_from(["file", "link", "link-broken", "link-self", "fifo", "folder"])


@st.composite
def file_system(draw: st.DrawFn) -> tuple[list[tuple[str, str]], str, bool]:
    """(name, kind) of each corpus entry, the kind of events.yaml, and whether the corpus folder is unreadable."""
    entries = draw(st.lists(st.tuples(ODD_NAMES, ENTRY_KINDS), max_size=4, unique_by=lambda e: e[0]))
    return entries, draw(EVENTS_KINDS), draw(st.booleans())


def _make_entry(corpus: Path, outside: Path, name: str, kind: str, number: int) -> None:
    path = corpus / f"{name}.txt"
    article = (
        f"---\nid: odd-{number}\ntitle: Odd {number}\npublished: 2021-05-13\npublished_basis: stated\n---\n"
        f"Odd article number {number}, a paragraph of its own.\n"
    )
    if kind == "valid":
        path.write_text(article, encoding="utf-8")
    elif kind == "broken":
        path.write_text("no front matter\n", encoding="utf-8")
    elif kind == "link-inside":
        (corpus / f".hidden-{number}").write_text(article, encoding="utf-8")
        path.symlink_to(corpus / f".hidden-{number}")
    elif kind == "link-outside":
        path.symlink_to(outside)
    elif kind == "link-broken":
        path.symlink_to(corpus / f"missing-{number}")
    elif kind == "link-self":
        path.symlink_to(path)
    elif kind == "link-pair":
        partner = corpus / f"{name}.md"
        path.symlink_to(partner)
        partner.symlink_to(path)
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        path.mkdir()


def _fs_state(root: Path) -> dict[str, tuple[str, bytes]]:
    """Every entry under `root` (not following links): its kind, and its bytes or link target."""
    result = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode):
                result[str(path)] = ("link", os.fsencode(os.readlink(path)))
            elif stat.S_ISREG(mode):
                result[str(path)] = ("file", path.read_bytes())
            else:
                result[str(path)] = (oct(stat.S_IFMT(mode)), b"")
    return result


def check_file_system(shape: tuple[list[tuple[str, str]], str, bool]) -> None:

    entries, events_kind, unreadable = shape
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        corpus = root / "corpus"
        corpus.mkdir(parents=True)
        outside = Path(tmp) / "outside.txt"
        outside.write_text("outside the corpus\n")
        (corpus / "base.txt").write_text(
            "---\nid: art\ntitle: Base\npublished: 2021-05-13\npublished_basis: stated\n---\n"
            f"It said {ANCHOR}, plainly.\n",
            encoding="utf-8",
        )
        for number, (name, kind) in enumerate(entries):
            _make_entry(corpus, outside, name, kind, number)
        real_events = root / "real-events.yaml"
        real_events.write_text(
            "actors: []\nevents:\n  - {id: e, date: 2021-05-12, title: T, summary: S,"
            f" date_basis: {{method: explicit, expression: x}}, sources: [{{article: art, quote: {ANCHOR!r}}}]}}\n"
        )
        events = root / "events.yaml"
        {
            "file": lambda: events.write_bytes(real_events.read_bytes()),
            "link": lambda: events.symlink_to(real_events),
            "link-broken": lambda: events.symlink_to(root / "gone.yaml"),
            "link-self": lambda: events.symlink_to(events),
            "fifo": lambda: os.mkfifo(events),
            "folder": lambda: events.mkdir(),
        }[events_kind]()
        before = _fs_state(Path(tmp))
        saved = os.environ.get("TIMELINE_CACHE_DIR")
        os.environ["TIMELINE_CACHE_DIR"] = str(Path(tmp) / "cache")
        real_scandir = os.scandir

        def scandir(path: object = ".") -> object:  # root reads any folder: refuse as for other users
            if unreadable and str(path) == str(corpus):
                raise PermissionError(13, "Permission denied", str(path))
            return real_scandir(path)  # type: ignore[arg-type]

        os.scandir = scandir  # type: ignore[assignment]
        try:
            code, printed, errors = run_cli(["check"], events)  # cold: the cache cannot hide anything
            for text in (printed, errors):
                text.encode("utf-8")  # a file name's undecodable bytes are shown, not passed on
            readable = [k for _, k in entries if k in ("valid", "link-inside")]
            if unreadable or events_kind not in ("file", "link") or len(readable) < len(entries):
                assert code == 1, (shape, printed, errors)  # every odd entry is a problem, never skipped
            else:
                assert code == 0 and f"{1 + len(readable)} articles. All valid." in printed, (shape, errors)
            run_cli(["list"], events)
        finally:
            os.scandir = real_scandir  # type: ignore[assignment]
            if saved is None:
                os.environ.pop("TIMELINE_CACHE_DIR")
            else:
                os.environ["TIMELINE_CACHE_DIR"] = saved
        after = _fs_state(Path(tmp))
        assert {k: v for k, v in after.items() if "/cache" not in k} == before, shape


@FAST
@given(file_system())
def test_file_system_shapes(shape: tuple[list[tuple[str, str]], str, bool]) -> None:
    check_file_system(shape)


@pytest.mark.fuzz
@FUZZ
@given(file_system())
def test_fuzz_file_system_shapes(shape: tuple[list[tuple[str, str]], str, bool]) -> None:
    check_file_system(shape)
