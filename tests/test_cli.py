from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run


def test_check_bundled_data_is_valid() -> None:
    code, out, err = run("check", "--events", str(ROOT / "events.yaml"))
    assert code == 0, err
    assert "All valid" in out


def test_check_reports_problems_exit_1(data_dir: Path) -> None:
    events = data_dir / "events.yaml"
    events.write_text(events.read_text().replace("date: 2021-05-12", "date: 2021-02-30", 1))
    code, _, err = run("check", "--events", str(events))
    assert code == 1
    assert f"{events}:" in err and "February 2021 has 28 days" in err
    assert "Traceback" not in err


def test_usage_error_exit_2() -> None:
    assert run("list", "--bogus")[0] == 2
    assert run("frobnicate")[0] == 2


def test_list_json_is_the_whole_chronology_in_order() -> None:
    code, out, _ = run("list", "--json", "--events", str(ROOT / "events.yaml"))
    assert code == 0
    events = json.loads(out)
    assert len(events) >= 20
    for key in ("id", "date", "precision", "title", "summary", "actors", "sources"):
        assert all(key in e for e in events)
    firsts = [e["date"] for e in events]
    assert firsts[0] == "1983"
    letter = next(e for e in events if e["id"] == "senators-letter-end-iran-talks")
    assert letter["date"] == "2021-05-12" and letter["precision"] == "day"
    week = next(e for e in events if e["id"] == "hamas-rockets-on-israel")
    assert week["date"] == "2021-W19" and week["precision"] == "week"


def test_show_event_and_unknown_id() -> None:
    code, out, _ = run("show", "senators-letter-end-iran-talks", "--json", "--events", str(ROOT / "events.yaml"))
    assert code == 0
    assert "44" in json.loads(out)["notes"]
    code, _, err = run("show", "no-such-event", "--events", str(ROOT / "events.yaml"))
    assert code == 1 and "no event with id 'no-such-event'" in err


def test_outside_a_checkout_uses_bundled_data(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "check"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "All valid" in result.stdout


def test_missing_corpus_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "events.yaml").write_text("events: []\n")
    code, _, err = run("check", "--events", str(tmp_path / "events.yaml"))
    assert code == 1 and "the corpus folder does not exist" in err


def test_core_does_not_import_textual() -> None:
    code = (
        "import sys, tui.cli, tui.timeline, tui.corpus, tui.events, tui.model, tui.serialize;"
        "tui.cli.main(['list', '--json'], open('/dev/null', 'w'));"
        "assert 'textual' not in sys.modules, 'textual imported'"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_text_output_never_passes_escape_sequences(data_dir: Path) -> None:
    events = data_dir / "events.yaml"
    events.write_text(
        events.read_text().replace("title: An earlier call between Biden and Netanyahu", 'title: "Biden\\e[31m call"')
    )
    code, out, err = run("list", "--events", str(events))
    assert code == 0, err
    assert "Biden␛[31m call" in out and "\x1b" not in out
    code, out, _ = run("list", "--json", "--events", str(events))
    assert json.loads(out) and "\x1b" not in out


def test_show_suggests_the_closest_ids() -> None:
    code, out, err = run("show", "senators-letter", "--events", str(ROOT / "events.yaml"))
    assert code == 1 and out == ""
    assert err == "timeline: no event with id 'senators-letter'; did you mean senators-letter-end-iran-talks?\n"
    code, _, err = run("show", "biden-netanyahu", "--events", str(ROOT / "events.yaml"))
    assert "biden-netanyahu-earlier-call" in err and "biden-netanyahu-call-monday" in err and " or " in err


def test_actor_filter_takes_a_name_or_alias_as_well_as_an_id() -> None:
    def exported(actor: str) -> tuple[int, str, str]:
        return run("export", "--format", "json", "--actor", actor, "--events", str(ROOT / "events.yaml"))

    by_id = exported("ali-khamenei")
    assert by_id[0] == 0
    for name in ("Ali Khamenei", "khamenei", "Ayatollah Ali Khamenei", "the Supreme Leader", "@khamenei_ir"):
        assert exported(name)[1] == by_id[1], name
    code, out, err = exported("Bibi")
    assert code == 1 and out == "" and "no actor 'Bibi' in the data; did you mean benjamin-netanyahu?" in err


def test_locate_takes_several_words_without_quotes() -> None:
    code, out, err = run("locate", "crudely", "made", "rockets", "--limit", "1", "--events", str(ROOT / "events.yaml"))
    assert code == 0, err
    assert "mee-iran-talks-will-continue" in out and "crudely made rockets" in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from tui import __version__

    assert run("--version")[0] == 0
    assert capsys.readouterr().out == f"timeline {__version__}\n"


def test_no_subcommand_into_a_pipe_prints_the_list_not_the_explorer() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui.cli"], cwd=ROOT, capture_output=True, text=True, stdin=subprocess.DEVNULL
    )
    assert result.returncode == 0
    assert "\x1b" not in result.stdout
    assert "senators-letter-end-iran-talks" in result.stdout
    assert "not a terminal" in result.stderr
