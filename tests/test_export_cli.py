"""`timeline export`: filters, standard output, atomic -o with --force, and clear errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import ROOT, run

from tui.atomic import TargetExists, WriteRefused, write_atomic

EVENTS = ("--events", str(ROOT / "events.yaml"))


def exported_ids(*options: str) -> list[str]:
    code, out, err = run("export", "--format", "json", *EVENTS, *options)
    assert code == 0, err
    return [e["id"] for e in json.loads(out)["events"]]


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_export_filters_match_the_explorer_filters() -> None:
    everything = exported_ids()
    assert len(everything) >= 20
    khamenei = exported_ids("--actor", "ali-khamenei")
    assert khamenei and set(khamenei) < set(everything)
    both = exported_ids("--actor", "ali-khamenei", "--actor", "benjamin-netanyahu")
    assert set(khamenei) < set(both)
    assert exported_ids("--actor", "ali-khamenei", "--tag", "background") == [
        "army-day-parade-2018",
        "khamenei-says-iran-armed-palestinians",
    ]
    mee = exported_ids("--article", "mee-iran-talks-will-continue")
    assert "blinken-talks-will-continue" in mee and "hamas-designated-terrorist-organization" not in mee
    may = exported_ids("--from", "2021-05-12", "--to", "2021-05-13")
    assert "senators-letter-end-iran-talks" in may and "biden-netanyahu-call-monday" not in may
    assert "vienna-talks-under-way" in may


@pytest.mark.parametrize(
    ("options", "code", "message"),
    [
        (("--actor", "nobody"), 1, "no actor 'nobody'"),
        (("--article", "no-such-article"), 1, "no article 'no-such-article'"),
        (("--tag", "no-such-tag"), 1, "no tag 'no-such-tag'"),
        (("--from", "2021-13"), 2, "--from: '2021-13': there is no month 13"),
        (("--to", "May 2021"), 2, "--to: 'May 2021' is not a date"),
        (("--from", "2021-06", "--to", "2021-05"), 2, "--from 2021-06 is after --to 2021-05"),
        (("--format", "pdf"), 2, ""),
    ],
)
def test_export_errors_are_clear(options: tuple[str, ...], code: int, message: str, capsys) -> None:
    fmt = () if "--format" in options else ("--format", "csv")
    got, out, err = run("export", *fmt, *EVENTS, *options)
    assert got == code and out == ""
    assert message in err + capsys.readouterr().err
    assert "Traceback" not in err


def test_export_to_a_file_is_atomic_and_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "chronology.csv"
    code, stdout_csv, _ = run("export", "--format", "csv", *EVENTS)
    assert code == 0
    code, out, err = run("export", "--format", "csv", *EVENTS, "-o", str(target))
    assert code == 0, err
    assert "Wrote" in out and str(target) in out
    assert target.read_bytes() == stdout_csv.encode("utf-8")
    assert next(csv.reader(io.StringIO(target.read_text(encoding="utf-8"), newline="")))[0] == "id"

    target.write_text("precious\n")
    before = listing(tmp_path)
    code, out, err = run("export", "--format", "markdown", *EVENTS, "-o", str(target))
    assert code == 1 and "already exists" in err and "--force" in err
    assert listing(tmp_path) == before  # no temporary file left behind either

    code, _, err = run("export", "--format", "markdown", *EVENTS, "-o", str(target), "--force")
    assert code == 0, err
    assert target.read_text(encoding="utf-8").startswith("# Chronology")
    assert [p.name for p in tmp_path.iterdir()] == ["chronology.csv"]


def test_export_to_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    code, out, err = run("export", "--format", "ics", *EVENTS, "-o", str(tmp_path / "missing" / "a.ics"))
    assert code == 1 and out == ""
    assert "no such folder" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_export_never_replaces_the_data(data_dir: Path) -> None:
    events = data_dir / "events.yaml"
    before = events.read_bytes(), {p.name for p in (data_dir / "corpus").iterdir()}
    for target, message in ((events, "is the events file"), (data_dir / "corpus" / "x.md", "in the corpus folder")):
        code, _, err = run("export", "--format", "markdown", "--events", str(events), "-o", str(target), "--force")
        assert code == 2 and message in err
    assert (events.read_bytes(), {p.name for p in (data_dir / "corpus").iterdir()}) == before


def test_ics_on_standard_output_keeps_crlf() -> None:
    code, out, _ = run("export", "--format", "ics", *EVENTS, "--tag", "senators-letter")
    assert code == 0 and out.startswith("BEGIN:VCALENDAR\r\n") and out.endswith("END:VCALENDAR\r\n")


def test_write_atomic_verify_failure_changes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "file.txt"

    def refuse(tmp: Path) -> None:
        assert tmp.read_bytes() == b"new" and tmp.parent == tmp_path
        raise ValueError("no")

    with pytest.raises(ValueError):
        write_atomic(target, b"new", verify=refuse)
    assert list(tmp_path.iterdir()) == []
    target.write_bytes(b"old")
    with pytest.raises(TargetExists):
        write_atomic(target, b"new")
    with pytest.raises(ValueError):
        write_atomic(target, b"new", overwrite=True, verify=refuse)
    assert listing(tmp_path) == {"file.txt": b"old"}
    write_atomic(target, b"new", overwrite=True)
    assert listing(tmp_path) == {"file.txt": b"new"}
    with pytest.raises(WriteRefused):
        write_atomic(tmp_path, b"x", overwrite=True)
