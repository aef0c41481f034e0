"""`timeline add-article`: a plain-text file joins the corpus with honest front matter, or nothing changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run

from tui import addarticle
from tui.addarticle import slugify, stated_expression
from tui.corpus import load_corpus
from tui.model import DateValue
from tui.paths import BUNDLED

BODY = (
    "Talks resume in Vienna\n\n"
    "VIENNA, May 20, 2021 - Negotiators met again on Thursday, a week after the senators' letter.\n\n"
    'Officials said "progress [was] made" on the sanctions; others disagreed.\n'
)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def add(data_dir: Path, source: Path, *options: str) -> tuple[int, str, str]:
    return run("add-article", str(source), "--events", str(data_dir / "events.yaml"), *options)


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "incoming.txt"
    path.write_text(BODY, encoding="utf-8")
    return path


def test_adds_the_article_verbatim_and_the_corpus_still_checks(data_dir: Path, source: Path) -> None:
    code, out, err = add(data_dir, source, "--title", "Talks resume in Vienna!", "--published", "2021-05-20",
                         "--outlet", "Example Wire", "--url", "https://example.org/a")  # fmt: skip
    assert code == 0, err
    path = data_dir / "corpus" / "talks-resume-in-vienna.txt"
    assert f"Added {path}" in out and "stated" in out
    corpus, problems = load_corpus(data_dir / "corpus")
    assert problems == []
    article = corpus.get("talks-resume-in-vienna")
    assert article is not None
    assert article.body == BODY and path.read_bytes().endswith(BODY.encode("utf-8"))
    assert article.title == "Talks resume in Vienna!" and article.outlet == "Example Wire"
    assert article.author is None and article.url == "https://example.org/a"
    assert article.published == DateValue.parse("2021-05-20") and article.published_basis == "stated"
    assert '"May 20, 2021"' in article.published_note
    assert run("check", "--events", str(data_dir / "events.yaml"))[0] == 0


def test_a_date_the_text_does_not_state_is_recorded_as_given_by_the_curator(data_dir: Path, source: Path) -> None:
    code, _, err = add(data_dir, source, "--title", "Talks", "--published", "2021-05-21", "--id", "talks-2",
                       "--published-note", "The page's dateline says 21 May.")  # fmt: skip
    assert code == 0, err
    article = load_corpus(data_dir / "corpus")[0].get("talks-2")
    assert article is not None and article.published_basis == "inferred"
    assert "Given by the curator" in article.published_note and "does not state it" in article.published_note
    assert article.published_note.endswith("The page's dateline says 21 May.")


def test_an_inferred_date_names_the_articles_it_is_worked_out_from(data_dir: Path, source: Path) -> None:
    senators = "senators-urge-biden-halt-iran-talks"
    code, _, err = add(data_dir, source, "--title", "Talks", "--published", "2021-05-21", "--id", "talks-3",
                       "--published-from", senators, "--published-from", "mee-iran-talks-will-continue")  # fmt: skip
    assert code == 0, err
    article = load_corpus(data_dir / "corpus")[0].get("talks-3")
    assert article is not None and article.published_from == (senators, "mee-iran-talks-will-continue")
    before = snapshot(data_dir / "corpus")
    code, _, err = add(data_dir, source, "--title", "Talks", "--published", "2021-05-21", "--id", "talks-4",
                       "--published-from", "nowhere")  # fmt: skip
    assert code == 1 and "'nowhere' is no article of" in err
    code, _, err = add(data_dir, source, "--title", "Talks", "--published", "2021-05-20", "--id", "talks-5",
                       "--published-from", senators)  # fmt: skip
    assert code == 2 and "the text states the publication date" in err  # May 20, 2021 is in the text
    assert snapshot(data_dir / "corpus") == before


def test_crlf_text_keeps_its_line_ends(data_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "crlf.txt"
    source.write_bytes(BODY.replace("\n", "\r\n").encode("utf-8"))
    code, _, err = add(data_dir, source, "--title", "Windows text", "--published", "2021-05")
    assert code == 0, err
    data = (data_dir / "corpus" / "windows-text.txt").read_bytes()
    assert data.endswith(BODY.replace("\n", "\r\n").encode("utf-8")) and b"\n" not in data.replace(b"\r\n", b"")
    article = load_corpus(data_dir / "corpus")[0].get("windows-text")
    assert article is not None and article.body == BODY.replace("\n", "\r\n")
    assert article.published_basis == "inferred"  # the text says "May 20, 2021", never "May 2021"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("--published", "2021-05-20"), '--title "..."'),
        (("--title", "A title"), "--published YYYY-MM-DD"),
        ((), '--title "..." and --published YYYY-MM-DD'),
        (("--title", "A title", "--published", "2021-02-30"), "--published: '2021-02-30': February 2021 has 28 days"),
        (("--title", "A title", "--published", "2021-05-20", "--id", "Bad Id"), "'Bad Id' is not an id"),
        (("--title", "مقالة", "--published", "2021-05-20"), "pass --id"),
    ],
)
def test_missing_or_bad_metadata_is_asked_for_exit_2(
    data_dir: Path, source: Path, options: tuple[str, ...], message: str
) -> None:
    before = snapshot(data_dir / "corpus")
    code, out, err = add(data_dir, source, *options)
    assert code == 2 and out == ""
    assert message in err and "Traceback" not in err
    assert snapshot(data_dir / "corpus") == before


def _existing_body(data_dir: Path) -> str:
    article = load_corpus(data_dir / "corpus")[0].get("senators-urge-biden-halt-iran-talks")
    assert article is not None
    return article.body


@pytest.mark.parametrize(
    ("content", "options", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", (), "binary"),
        ("caf\xe9 au lait\n".encode("latin-1"), (), "not UTF-8"),
        (b"", (), "empty"),
        (b"  \n\n\t\n", (), "empty"),
        (b"---\nid: x\n---\nbody\n", (), "front matter"),
        (BODY.encode(), ("--id", "mee-iran-talks-will-continue"), "already exists"),
        ("duplicate", (), "the same text is already in the corpus"),
        ("duplicate-crlf", (), "the same text is already in the corpus"),
        (None, (), "no such file"),
    ],
)
def test_refused_files_change_nothing_exit_1(
    data_dir: Path, tmp_path: Path, content: bytes | str | None, options: tuple[str, ...], message: str
) -> None:
    source = tmp_path / "incoming.txt"
    if content == "duplicate":
        source.write_bytes(_existing_body(data_dir).encode("utf-8"))
    elif content == "duplicate-crlf":
        source.write_bytes(_existing_body(data_dir).replace("\n", "\r\n").encode("utf-8") + b"\r\n")
    elif isinstance(content, bytes):
        source.write_bytes(content)
    before = snapshot(data_dir / "corpus")
    code, out, err = add(data_dir, source, "--title", "Some title", "--published", "2021-05-20", *options)
    assert code == 1 and out == ""
    assert message in err and "Traceback" not in err
    assert snapshot(data_dir / "corpus") == before


def test_a_file_that_would_not_load_back_is_not_added(
    data_dir: Path, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(addarticle, "parse_article", lambda path, text: (None, []))
    before = snapshot(data_dir / "corpus")
    code, _, err = add(data_dir, source, "--title", "Talks", "--published", "2021-05-20")
    assert code == 1 and "would not load" in err and "nothing was added" in err
    assert snapshot(data_dir / "corpus") == before


def test_the_bundled_corpus_is_never_modified(source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no events.yaml here: the bundled dataset is in use
    before = snapshot(BUNDLED / "corpus")
    code, _, err = run("add-article", str(source), "--title", "Talks", "--published", "2021-05-20")
    assert code == 1 and "bundled corpus is not modified" in err
    assert snapshot(BUNDLED / "corpus") == before


def test_a_file_inside_the_corpus_folder_is_refused(data_dir: Path) -> None:
    inside = data_dir / "corpus" / "new.txt"
    inside.write_text(BODY, encoding="utf-8")
    before = snapshot(data_dir / "corpus")
    code, _, err = add(data_dir, inside, "--title", "Talks", "--published", "2021-05-20")
    assert code == 1 and "inside the corpus folder" in err
    assert snapshot(data_dir / "corpus") == before


def test_missing_corpus_folder(source: Path, tmp_path: Path) -> None:
    code, _, err = run("add-article", str(source), "--corpus", str(tmp_path / "nope"), "--title", "T",
                       "--published", "2021")  # fmt: skip
    assert code == 1 and "does not exist" in err


def test_slugify_and_stated_expression() -> None:
    assert slugify("Iran's “talks” — will continue, says Blinken!") == "iran-s-talks-will-continue-says-blinken"
    assert slugify("Ünïcödé café") == "unicode-cafe"
    long = slugify("word " * 40)
    assert len(long) <= 80 and not long.endswith("-") and long.endswith("word")
    day = DateValue.parse("2021-05-13")
    assert stated_expression("on Thursday, 13th May 2021 at noon", day) == "13th May 2021"
    assert stated_expression("dated May 13, 2021.", day) == "May 13, 2021"
    assert stated_expression("date 2021-05-13 U.S.", day) == "2021-05-13"
    assert stated_expression("May 12, 2021", day) is None
    assert stated_expression("in May 2021", DateValue.parse("2021-05")) == "May 2021"
    assert stated_expression("in 2021", DateValue.parse("2021")) is None


def test_prints_the_new_articles_dated_statements(data_dir: Path, source: Path) -> None:
    code, out, err = add(data_dir, source, "--title", "Talks resume in Vienna", "--published", "2021-05-20")
    assert code == 0, err
    assert "Its dated statements:" in out
    assert '2021-05-20     talks-resume-in-vienna ¶2  "May 20, 2021" (explicit)  uncovered' in out
    assert '"Thursday" (relative)' in out or '"on Thursday" (relative)' in out
    assert "dated statements: 0 covered" in out
