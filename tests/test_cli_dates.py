"""The `timeline dates` and `timeline extract` commands: JSON shape, standard input and exit codes."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from tui.cli import main


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_dates_command_reads_a_file_and_resolves(tmp_path: Path) -> None:
    path = tmp_path / "text.txt"
    path.write_text("Hamas fired rockets on Wednesday; a letter dated May 12, 2021. Iran may act.", encoding="utf-8")
    code, out, _ = run("dates", "--published", "2021-05-13", str(path))
    assert code == 0
    items = json.loads(out)
    assert items == [
        {"start": 23, "end": 32, "text": "Wednesday", "value": "2021-05-12", "precision": "day", "method": "relative"},
        {
            "start": 49,
            "end": 61,
            "text": "May 12, 2021",
            "value": "2021-05-12",
            "precision": "day",
            "method": "explicit",
        },
    ]
    text = path.read_text(encoding="utf-8")
    assert all(text[i["start"] : i["end"]] == i["text"] for i in items)


def test_dates_command_reads_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Talks resumed on Monday, not in 1997."))
    code, out, _ = run("dates")
    assert code == 0
    assert [(i["text"], i["value"]) for i in json.loads(out)] == [("Monday", None), ("1997", "1997")]
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert run("dates", "-") == (0, "[]\n", "")


@pytest.mark.parametrize("bad", ["2021-13-01", "yesterday", "2021-02-30", ""])
def test_dates_command_invalid_published_is_exit_2(bad: str) -> None:
    code, out, err = run("dates", "--published", bad, str(ROOT / "README.md"))
    assert code == 2 and out == ""
    assert err.startswith("timeline: --published") and "YYYY-MM-DD" in err


def test_dates_command_missing_or_binary_file_is_exit_1(tmp_path: Path) -> None:
    code, _, err = run("dates", str(tmp_path / "nope.txt"))
    assert code == 1 and "nope.txt: no such file" in err
    binary = tmp_path / "bin.dat"
    binary.write_bytes(b"\xff\xfe\x00bad")
    code, _, err = run("dates", str(binary))
    assert code == 1 and "not UTF-8" in err


ARTICLE = """---
id: talks-resume
title: Talks resume in Vienna
published: 2021-05-20
published_basis: stated
published_note: "The dateline says May 20, 2021."
---
VIENNA, May 20, 2021 - Talks will resume on Friday, a diplomat said on Tuesday.
"""


def test_dates_command_on_an_article_tags_the_body_against_its_publication_date(tmp_path: Path) -> None:
    path = tmp_path / "talks-resume.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    code, out, _ = run("dates", str(path))
    assert code == 0
    items = json.loads(out)
    # nothing from the front matter (its 2021-05-20 and "May 20, 2021"); relative days resolved
    assert [(i["text"], i["value"]) for i in items] == [
        ("May 20, 2021", "2021-05-20"),
        ("Friday", "2021-05-21"),
        ("Tuesday", "2021-05-18"),
    ]
    assert all(ARTICLE[i["start"] : i["end"]] == i["text"] for i in items)  # offsets index the file
    assert items[0]["start"] > ARTICLE.index("VIENNA")
    code, out, _ = run("dates", "--published", "2021-05-27", str(path))  # the option wins over the front matter
    assert [i["value"] for i in json.loads(out)][1:] == ["2021-05-28", "2021-05-25"]


def test_dates_command_on_a_bundled_article_finds_no_front_matter_dates() -> None:
    path = ROOT / "corpus" / "mee-iran-talks-will-continue.txt"
    code, out, _ = run("dates", str(path))
    assert code == 0
    items = json.loads(out)
    assert ("Tuesday", "2021-05-11") in [(i["text"], i["value"]) for i in items]
    body_start = path.read_text(encoding="utf-8").index("\n---", 4) + 4
    assert all(i["start"] >= body_start for i in items)


def test_dates_command_on_an_article_with_bad_front_matter_is_exit_1(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(ARTICLE.replace("published: 2021-05-20", "published: 2021-13-45"), encoding="utf-8")
    code, out, err = run("dates", str(path))
    assert code == 1 and out == ""
    assert f"{path}:4: published:" in err and "front matter" in err and err.endswith("\n") and err.count("\n") == 1
