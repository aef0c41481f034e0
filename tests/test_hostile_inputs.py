"""Hostile and broken inputs: each is explained, nothing crashes, hangs or changes a file."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import write_article

from tui.cli import main
from tui.corpus import load_corpus
from tui.events import load_events, parse_events


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), out, err), out.getvalue(), err.getvalue()


def test_a_50_mb_events_file_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    with path.open("w") as f:
        f.write("events:\n")
        chunk = "  - id: e\n    title: " + "x" * 1000 + "\n"
        for _ in range(50 * 1024 * 1024 // len(chunk) + 1):
            f.write(chunk)
    _, problems = load_events(path)
    assert "too large for an events file" in problems[0].message


def test_a_50_mb_article_is_refused_and_the_rest_loads(tmp_path: Path) -> None:
    write_article(tmp_path, "fine", "A normal article.")
    with (tmp_path / "huge.txt").open("w") as f:
        f.write("---\nid: huge\n---\n")
        f.write(("word " * 200 + "\n") * (50 * 1024 * 1024 // 1000))
    corpus, problems = load_corpus(tmp_path)
    assert [a.id for a in corpus.articles] == ["fine"]
    assert "too large for one article" in problems[0].message


def test_thousands_of_tiny_articles(tmp_path: Path) -> None:
    for n in range(2000):
        write_article(tmp_path, f"a{n}", f"Article number {n}.")
    corpus, problems = load_corpus(tmp_path)
    assert problems == [] and len(corpus.articles) == 2000


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("events:\n  - " + "[" * 5000 + "]" * 5000 + "\n", 2),
        ("a: " + "{b: " * 3000 + "1" + "}" * 3000 + "\n", 1),
    ],
)
def test_deep_nesting_is_refused_not_crashing(tmp_path: Path, text: str, line: int) -> None:
    """Refused at its line, whichever of our depth bound or the YAML scanner's own notices it first."""
    events, problems = parse_events("events.yaml", text)
    assert events.events == ()
    assert len(problems) == 1 and problems[0].line == line
    assert "\n" not in problems[0].message
    path = tmp_path / "events.yaml"
    path.write_text(text)
    (tmp_path / "corpus").mkdir()
    write_article(tmp_path / "corpus", "a", "Some text.")
    code, _, err = run("check", "--events", str(path), "--corpus", str(tmp_path / "corpus"))
    assert code == 1 and f"{path}:{line}:" in err and "Traceback" not in err
    assert path.read_text() == text


def test_only_comments_and_wrong_top_level() -> None:
    assert "empty" in parse_events("e.yaml", "# a comment\n\n# another\n")[1][0].message
    assert "must be a mapping, not a list" in parse_events("e.yaml", "- 1\n- 2\n")[1][0].message
    assert "must be a mapping, not text" in parse_events("e.yaml", "just text\n")[1][0].message


def test_absolute_paths_and_escapes_are_not_article_ids(tmp_path: Path) -> None:
    text = (
        "events:\n  - id: x\n    date: 2021\n    date_basis: {method: explicit, expression: x}\n"
        "    title: t\n    summary: s\n    sources:\n      - {article: /etc/passwd, quote: a long enough quote}\n"
    )
    problems = parse_events("e.yaml", text, {"a"})[1]
    assert any("'/etc/passwd' is not an article id" in p.message for p in problems)


def test_cli_never_prints_a_traceback_on_a_folder_as_events(tmp_path: Path) -> None:
    code, _, err = run("check", "--events", str(tmp_path))
    assert code == 1 and "is a folder" in err and "Traceback" not in err


def test_cli_output_is_plain_under_no_color_and_dumb_terminals(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    code, out, _ = run("list")
    assert code == 0 and "\x1b" not in out and "Republican senators' letter" in out


def test_a_raw_control_character_in_yaml_is_one_problem_with_its_line(tmp_path: Path) -> None:
    events = tmp_path / "events.yaml"
    events.write_text("actors: []\nevents:\n  - title: red \x1b[31m text\n")
    (tmp_path / "corpus").mkdir()
    write_article(tmp_path / "corpus", "a", "Text.")
    (tmp_path / "corpus" / "b.txt").write_text("---\nid: b\ntitle: bell \x07\n---\nText.\n")
    code, _, err = run("check", "--events", str(events))
    assert code == 1
    assert f"{events}:3: the control character U+001B is not allowed in YAML" in err
    assert f"{tmp_path / 'corpus' / 'b.txt'}:3: front matter: the control character U+0007" in err
    assert "\x1b" not in err and "\x07" not in err and len(err.splitlines()) == 3


@pytest.mark.parametrize("missing", ["id", "date", "date_basis", "title", "summary", "sources"])
def test_an_event_missing_one_required_field_is_one_problem(missing: str) -> None:
    fields = {
        "id": "x",
        "date": "2021-05-12",
        "date_basis": "{method: explicit, expression: May 12}",
        "title": "A title",
        "summary": "A summary",
        "sources": "[{article: a, quote: a quote long enough}]",
    }
    del fields[missing]
    text = "events:\n  - {" + ", ".join(f"{k}: {v}" for k, v in fields.items()) + "}\n"
    events_file, problems = parse_events("e.yaml", text, {"a"})
    assert events_file.events == ()
    assert [(p.line, p.field) for p in problems] == [(2, f"events[0].{missing}")]
    assert "missing" in problems[0].message
