"""What the product guarantees against careless and hostile inputs: nothing replaced, nothing silently dropped,
no crash, no hang. Each test is one class of fault."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT, refuse_to_list, run, write_article

from tui.atomic import TargetExists, WriteRefused, sweep_stale, write_atomic
from tui.events import load_events
from tui.yamlread import MAX_ALIAS_CHARS

EVENTS = ("--events", str(ROOT / "events.yaml"))


# --- (1) a device, a FIFO or a link at the output is never replaced by a regular file ----------------------------


def test_export_force_to_a_fifo_without_reader_is_refused_and_the_fifo_stays(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, _out, err = run("export", "--format", "json", *EVENTS, "-o", str(fifo), "--force")
    assert code == 1 and "no program is reading" in err and "Traceback" not in err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]


def test_export_force_to_a_fifo_with_a_reader_writes_through_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_atomic(fifo, b"through the pipe", overwrite=True)
        assert os.read(reader, 100) == b"through the pipe"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_export_force_to_a_character_device_writes_through_it(tmp_path: Path) -> None:
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("creating a device node needs privileges")
    code, _out, err = run("export", "--format", "json", *EVENTS, "-o", str(node), "--force")
    assert code == 0, err
    assert stat.S_ISCHR(os.lstat(node).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["null"]


def test_a_special_file_is_never_written_without_force(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(TargetExists):
        write_atomic(fifo, b"x")
    with pytest.raises(WriteRefused, match="not a regular file"):  # a check cannot run on a pipe
        write_atomic(fifo, b"x", overwrite=True, verify=lambda _tmp: None)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_link_stays_a_link_and_a_broken_or_looping_one_is_refused(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_atomic(link, b"new", overwrite=True)
    assert link.is_symlink() and real.read_text() == "new"
    broken = tmp_path / "broken.json"
    broken.symlink_to(tmp_path / "missing")
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    for target, message in ((broken, "a link to a missing file"), (loop, "a loop of links")):
        with pytest.raises(WriteRefused, match=message):
            write_atomic(target, b"x", overwrite=True)
        assert target.is_symlink()
    assert not (tmp_path / "missing").exists()


# --- (19) temporary files: removed on SIGTERM/SIGHUP, and stale ones swept by the next write --------------------


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_during_a_write_leaves_no_temporary_file(tmp_path: Path, signum: int) -> None:
    script = textwrap.dedent(
        """
        import sys
        from tui.atomic import remove_temporaries_on_signals, write_atomic

        def wait(tmp):
            print("written", flush=True)
            sys.stdin.read()  # until the test has sent its signal

        remove_temporaries_on_signals()
        write_atomic(sys.argv[1], b"x" * 100_000, overwrite=True, verify=wait)
        """
    )
    target = tmp_path / "out.json"
    process = subprocess.Popen(
        [sys.executable, "-c", script, str(target)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=ROOT,
    )
    assert process.stdout is not None and process.stdout.readline() == b"written\n"
    assert len(list(tmp_path.iterdir())) == 1  # the temporary file
    process.send_signal(signum)
    assert process.wait() == -signum
    assert list(tmp_path.iterdir()) == []


def test_stale_temporary_files_are_swept_by_the_next_write(tmp_path: Path) -> None:
    dead = tmp_path / ".out.json.4194305.abcdefgh.tmp"  # beyond the largest process id: no such process
    mine = tmp_path / f".out.json.{os.getpid()}.abcdefgh.tmp"  # a write in progress in this process
    other = tmp_path / ".other.json.4194305.abcdefgh.tmp"  # another file's: left alone
    for path in (dead, mine, other):
        path.write_text("partial")
    write_atomic(tmp_path / "out.json", b"new", overwrite=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([mine.name, other.name, "out.json"])
    sweep_stale(tmp_path, "other.json")
    assert not other.exists()


# --- (2) a second YAML document is a problem at its line, never silently dropped --------------------------------


def test_a_stray_document_marker_is_reported_not_dropped(tmp_path: Path) -> None:
    text = (ROOT / "events.yaml").read_text(encoding="utf-8")
    cut = text.index("\n  - id:", len(text) // 2)
    events = tmp_path / "events.yaml"
    events.write_text(text[:cut] + "\n---" + text[cut:], encoding="utf-8")
    marker_line = text[:cut].count("\n") + 2
    _, problems = load_events(events)
    assert [(p.line, "second YAML document" in p.message) for p in problems] == [(marker_line, True)]
    code, out, err = run("check", "--events", str(events), "--corpus", str(ROOT / "corpus"))
    assert code == 1 and "All valid" not in out and f"events.yaml:{marker_line}:" in err


# --- (4) aliases cannot multiply text past a bound -----------------------------------------------------------------


def test_aliases_repeating_a_large_text_are_refused_at_the_crossing_alias(tmp_path: Path) -> None:
    big = "x" * (MAX_ALIAS_CHARS // 3)  # the fourth alias (line 7) crosses the bound
    lines = ["actors: []", "events:", f"  - {{id: e0, title: &big {big}}}"]
    lines += [f"  - {{id: e{n}, title: *big}}" for n in range(1, 6)]
    events = tmp_path / "events.yaml"
    events.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, problems = load_events(events)
    assert len(problems) == 1 and problems[0].line == 7 and "aliases repeat more than" in problems[0].message


# --- (8) two add-article runs at once cannot both add the same text ----------------------------------------------


def test_concurrent_add_article_of_the_same_text_adds_it_once(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui import addarticle
    from tui.corpus import load_corpus

    source = tmp_path / "story.txt"
    source.write_text("A new story, told once.\n\nIt has two paragraphs.\n", encoding="utf-8")
    corpus = data_dir / "corpus"
    monkeypatch.setattr(addarticle, "LOCK_WAIT_SECONDS", 0.0)
    second: list[str] = []
    real_write = addarticle.write_atomic

    def write_while_another_run_starts(path: Path, data: bytes, **options: object) -> None:
        """The first run has checked for duplicates and is writing: a second run of the same text starts now."""
        if not second:
            second.append("started")
            meta = addarticle.Metadata(title="Another title", published="2021-05-20")
            try:
                addarticle.add_article(source, corpus, meta)
            except addarticle.ArticleRefused as exc:
                second.append(str(exc))
        real_write(path, data, **options)

    monkeypatch.setattr(addarticle, "write_atomic", write_while_another_run_starts)
    addarticle.add_article(source, corpus, addarticle.Metadata(title="A title", published="2021-05-20"))
    assert "another `timeline add-article` is adding to this corpus" in second[-1]
    _, problems = load_corpus(corpus)
    assert problems == []


# --- (11) a FIFO or device among the inputs is refused at once, never waited on ------------------------------------


def test_a_fifo_named_events_yaml_or_like_an_article_is_refused_at_once(data_dir: Path) -> None:
    os.mkfifo(data_dir / "corpus" / "pipe.txt")
    (data_dir / "events.yaml").rename(data_dir / "real.yaml")
    os.mkfifo(data_dir / "events.yaml")
    code, out, err = run("check", "--events", str(data_dir / "events.yaml"))
    assert code == 1 and "All valid" not in out
    assert "events.yaml: is a FIFO (named pipe), not a file" in err
    assert "pipe.txt: a FIFO (named pipe), not an article file" in err


# --- (9, 16) links, loops, unreadable folders, names that are not UTF-8 ---------------------------------------------


def test_every_odd_corpus_entry_is_a_problem_never_a_crash_or_a_silent_gap(data_dir: Path) -> None:
    corpus = data_dir / "corpus"
    (corpus / "loop.txt").symlink_to(corpus / "loop.txt")
    (corpus / "broken.txt").symlink_to(corpus / "missing.txt")
    (corpus / "folder.md").mkdir()
    (corpus / "outside.txt").symlink_to("/dev/zero")
    code, out, err = run("check", "--events", str(data_dir / "events.yaml"))
    assert code == 1 and "All valid" not in out and "Traceback" not in err and "unexpected" not in err
    assert "loop.txt: a loop of links" in err
    assert "broken.txt: a link to a missing file" in err
    assert "folder.md: a folder, not an article file" in err
    assert "outside.txt: a link to a file outside the corpus folder" in err


def test_an_unreadable_corpus_folder_is_a_problem(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root, chmod does not stop a read: the refusal the system gives other users is simulated."""
    corpus = data_dir / "corpus"
    refuse_to_list(monkeypatch, corpus)
    code, _out, err = run("check", "--events", str(data_dir / "events.yaml"))
    assert code == 1 and "corpus: the corpus folder cannot be read: Permission denied" in err


def test_names_that_are_not_utf8_are_shown_not_crashed_on(tmp_path: Path) -> None:
    import shutil

    root = Path(os.fsdecode(bytes(tmp_path) + b"/data-\xff"))
    shutil.copytree(ROOT / "corpus", root / "corpus")
    shutil.copy(ROOT / "events.yaml", root / "events.yaml")
    (root / "corpus" / os.fsdecode(b"bad-\xfe.txt")).write_text("no front matter\n")
    result = subprocess.run(
        [sys.executable, "-m", "tui", "check"], cwd=root, capture_output=True, env={**os.environ, "LC_ALL": "C.UTF-8"}
    )
    err = result.stderr.decode("utf-8")
    assert result.returncode == 1 and "Traceback" not in err
    assert "data-\ufffd/corpus/bad-\ufffe.txt:1: front matter:".replace("\ufffe", "\ufffd") in err


@pytest.mark.parametrize("kind", ["broken", "loop"])
def test_an_events_yaml_link_in_the_current_folder_is_the_users_file(tmp_path: Path, kind: str) -> None:
    link = tmp_path / "events.yaml"
    link.symlink_to(tmp_path / "missing.yaml" if kind == "broken" else link)
    result = subprocess.run([sys.executable, "-m", "tui", "check"], cwd=tmp_path, capture_output=True, text=True)
    message = "a link to a missing file" if kind == "broken" else "a loop of links"
    assert result.returncode == 1 and f"{link}: {message}" in result.stderr
    assert "All valid" not in result.stdout


# --- (13) dates past the calendar's end -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ("export", "--format", "json", *EVENTS, "--to", "9999-W52"),
        ("dates", "-", "--published", "9999-W52"),
        ("dates", "-", "--published", "9999-12-31"),
    ],
)
def test_a_date_past_the_calendar_is_a_usage_error(argv: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("tomorrow and next week"))
    code, out, err = run(*argv)
    assert code == 2 and out == "" and "Traceback" not in err and "unexpected" not in err


def test_an_article_published_out_of_range_is_refused_before_anything_is_written(
    data_dir: Path, tmp_path: Path
) -> None:
    source = tmp_path / "story.txt"
    source.write_text("A story.\n")
    before = sorted(p.name for p in (data_dir / "corpus").iterdir())
    code, _out, err = run(
        "add-article", str(source), "--title", "T", "--published", "9999-W52", "--corpus", str(data_dir / "corpus")
    )
    assert code == 2 and "--published:" in err
    assert sorted(p.name for p in (data_dir / "corpus").iterdir()) == before
    write_article(data_dir / "corpus", "far-future", "Body.\n", published="2999-01-01")
    code, _out, err = run("check", "--events", str(data_dir / "events.yaml"))
    assert code == 1 and "far-future.txt:4: published: 2999 is outside 1000-2200" in err


def test_non_ascii_digits_are_not_a_date(tmp_path: Path) -> None:
    from tui.goto import parse_target
    from tui.model import DateFormatError, DateValue

    with pytest.raises(DateFormatError):
        DateValue.parse("２０２１-05-12")
    assert parse_target("0000", 2021) is None
    assert parse_target("２０２１", 2021) is None


# --- (14, 15) the environment: a deleted folder, closed or full streams, huge numbers ------------------------------


def test_a_deleted_current_folder_is_one_clear_line(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    script = (
        f"import os, sys; os.chdir({str(gone)!r}); os.rmdir({str(gone)!r}); "
        "from tui.cli import main; sys.exit(main(['list']))"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (
        result.stderr
        == "timeline: the current folder no longer exists; cd to a folder that does, or pass --events FILE\n"
    )


@pytest.mark.parametrize("command", ["locate", "search"])
def test_a_huge_limit_is_a_usage_error(command: str) -> None:
    code, _out, err = run(command, "Blinken", "--limit", str(10**30), *EVENTS)
    assert code == 2 and "--limit must be between 1 and 1,000,000" in err


@pytest.mark.parametrize(
    ("redirect", "message"),
    [
        ("1>&-", "standard output is closed"),
        ("0<&-", "standard input is closed"),
        ("> /dev/full", "standard output cannot be written: No space left on device"),
    ],
)
def test_closed_or_full_standard_streams(redirect: str, message: str) -> None:
    command = f"{sys.executable} -m tui dates - --published 2021-05-13 {redirect} <<< 'On Monday, May 10'"
    if redirect == "0<&-":
        command = f"{sys.executable} -m tui dates - 0<&-"
    result = subprocess.run(["bash", "-c", command], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode in (1, 2) and result.stderr == f"timeline: {message}" + result.stderr.split(message)[1]
    assert "Traceback" not in result.stderr and "Exception" not in result.stderr
    assert result.stderr.count("\n") == 1


def test_an_empty_path_option_is_a_usage_error() -> None:
    for option in ("--corpus", "--events"):
        code, _out, err = run("check", option, "")
        assert code == 2 and f"{option} is empty" in err
    code, _out, err = run("export", "--format", "csv", *EVENTS, "-o", "")
    assert code == 2 and "-o is empty" in err


# --- (18) a newline inside a field never forges a row or splits a message ------------------------------------------


def test_newlines_in_titles_and_file_names_stay_inside_their_line(data_dir: Path) -> None:
    events = data_dir / "events.yaml"
    text = events.read_text(encoding="utf-8")
    first_title = text.index("    title: ")
    line_end = text.index("\n", first_title)
    events.write_text(text[:first_title] + '    title: "Real\\n2021-05-30   forged-row   Forged"' + text[line_end:])
    code, out, err = run("list", "--events", str(events))
    assert code == 0, err
    assert len(out.splitlines()) == text.count("\n  - id:") - text[: text.index("events:")].count("\n  - id:")
    assert "Real␤2021-05-30   forged-row   Forged" in out
    (data_dir / "corpus" / "two\nlines.txt").write_text("no front matter\n")
    code, _out, err = run("check", "--events", str(events))
    assert code == 1 and "two␤lines.txt:1: front matter:" in err
    assert all(line.startswith(str(data_dir)) or line.endswith("found.") for line in err.splitlines())


# --- (20) smaller: CR-only line ends, invisible characters, control characters in options --------------------------


def test_cr_only_line_ends_are_named_as_such(data_dir: Path) -> None:
    corpus = data_dir / "corpus"
    (corpus / "old-mac.txt").write_bytes(b"---\rid: old-mac\rtitle: T\r---\rBody.\r")
    code, _out, err = run("check", "--events", str(data_dir / "events.yaml"))
    assert code == 1 and "old-mac.txt:1: lines end with a bare carriage return" in err
    assert "must start with a '---' line" not in err


def test_check_lists_invisible_characters_as_warnings(data_dir: Path) -> None:
    events = data_dir / "events.yaml"
    text = events.read_text(encoding="utf-8")
    events.write_text(text.replace("name: Ali Khamenei", "name: Ali Kha\u200bmenei", 1), encoding="utf-8")
    line = text[: text.index("name: Ali Khamenei")].count("\n") + 1
    code, out, err = run("check", "--events", str(events))
    assert code == 0, err
    assert f"events.yaml:{line}: warning: an invisible character, U+200B (zero width space)" in out
    assert "\u200b" not in out


@pytest.mark.parametrize(("value", "shown"), [("a\x85b", "U+0085"), ("a\u2028b", "U+2028"), ("a\udc85b", "not UTF-8")])
def test_a_control_character_in_an_option_names_the_option(
    data_dir: Path, tmp_path: Path, value: str, shown: str
) -> None:
    source = tmp_path / "story.txt"
    source.write_text("A story.\n")
    before = sorted(p.name for p in (data_dir / "corpus").iterdir())
    code, _out, err = run(
        "add-article",
        str(source),
        "--title",
        "T",
        "--published",
        "2021-05-20",
        "--author",
        value,
        "--corpus",
        str(data_dir / "corpus"),
    )
    assert code == 2 and err.startswith("timeline: --author: holds") and shown in err
    assert sorted(p.name for p in (data_dir / "corpus").iterdir()) == before


def test_a_looping_link_as_an_output_or_a_named_input_is_one_line(tmp_path: Path, data_dir: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    corpus = str(data_dir / "corpus")
    for argv in (
        ("export", "--format", "csv", *EVENTS, "-o", str(loop), "--force"),
        ("add-article", str(loop), "--title", "T", "--published", "2021-05-20", "--corpus", corpus),
        ("dates", str(loop)),
        ("dates", str(fifo)),
    ):
        code, _out, err = run(*argv)
        assert code == 1 and "Traceback" not in err and "unexpected" not in err, argv
        assert err.count("\n") == 1 and ("a loop of links" in err or "a FIFO (named pipe), not a file" in err), argv
    assert loop.is_symlink() and stat.S_ISFIFO(os.lstat(fifo).st_mode)
