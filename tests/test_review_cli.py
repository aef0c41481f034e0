"""Reviewing from the command line: suggestions, accept, reject and add-event write events.yaml without loss."""

from __future__ import annotations

import difflib
import io
import json
from pathlib import Path

import pytest

from tui.cli import main

MEE, RAF = "mee-iran-talks-will-continue", "rafizadeh-iran-incites-as-talks-advance"
# The two suggestions a fact-checker found false: a headline, and an attribution without its tweet.
HEADLINE = ("khamenei-says-iran-armed-palestinians", f"{MEE}:2")
TWEETED = ("biden-netanyahu-call-monday", f"{RAF}:9")
TRUE = ("khamenei-urges-nations-condemn-israel", f"{MEE}:25")


def run(data_dir: Path, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([*argv, "--events", str(data_dir / "events.yaml")], out, err)
    return code, out.getvalue(), err.getvalue()


def pending(data_dir: Path, event: str | None = None) -> list[dict[str, object]]:
    code, out, _ = run(data_dir, "suggestions", "--json", *(["--event", event] if event else []))
    assert code == 0
    return json.loads(out)


def test_suggestions_json_lists_what_needs_a_decision(data_dir: Path) -> None:
    found = pending(data_dir, TRUE[0])
    assert [(s["article"], s["paragraph"]) for s in found] == [(MEE, 25)]
    assert set(found[0]) == {"event", "article", "paragraph", "start", "end", "text", "score"}
    assert str(found[0]["text"]).startswith("Meanwhile, Iran’s Supreme Leader")


def test_reject_accept_and_add_an_event_keep_every_other_line(data_dir: Path) -> None:
    events = data_dir / "events.yaml"
    original = events.read_text(encoding="utf-8").splitlines()
    for event, reference in (HEADLINE, TWEETED):
        before = pending(data_dir, event)
        code, out, err = run(data_dir, "reject", event, reference)
        article = reference.split(":")[0]
        if not any(f"{s['article']}:{s['paragraph']}" == reference for s in before):
            assert code == 1 and "not a pending suggestion" in err  # the matcher no longer suggests it
            continue
        assert (code, err) == (0, "") and f"rejected {article} for {event}" in out
        assert all(f"{s['article']}:{s['paragraph']}" != reference for s in pending(data_dir, event))
    code, out, _ = run(data_dir, "accept", *TRUE)
    assert code == 0 and "accepted" in out
    assert all((s["article"], s["paragraph"]) != (MEE, 25) for s in pending(data_dir, TRUE[0]))
    code, out, _ = run(data_dir, "show", TRUE[0], "--json")
    passages = json.loads(out)["passages"]
    assert any(p["paragraph"] == 25 and p["article"] == MEE and p["status"] == "curated" for p in passages)
    code, out, err = run(
        data_dir,
        "add-event",
        "--id=talks-resume",
        "--date=2021-05-14",
        "--title=Talks: resume #soon",
        f"--source={MEE}:4",
        "--actor=antony-blinken",
        "--tag=vienna-talks",
    )
    assert (code, err) == (0, "")
    code, out, _ = run(data_dir, "show", "talks-resume", "--json")
    shown = json.loads(out)
    assert shown["title"] == "Talks: resume #soon" and shown["passages"][0]["score"] == 100
    after = events.read_text(encoding="utf-8").splitlines()
    assert not [line for line in difflib.ndiff(original, after) if line.startswith("- ")]  # lines added, none lost
    assert run(data_dir, "check")[0] == 0


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["accept", "no-such-event", f"{MEE}:25"], 1, "no event with id 'no-such-event'"),
        (["accept", TRUE[0], f"{MEE}"], 2, "is not ARTICLE:PARAGRAPH"),
        (["reject", TRUE[0], f"{MEE}:0"], 2, "is not ARTICLE:PARAGRAPH"),
        (["reject", TRUE[0], "no-such-article:3"], 1, "no article 'no-such-article'"),
        (["reject", TRUE[0], f"{MEE}:999"], 1, "paragraphs, not 999"),
        (["accept", TRUE[0], f"{MEE}:3"], 1, "not a pending suggestion"),
        (["suggestions", "--event", "nope"], 1, "no event with id 'nope'"),
        (["add-event", "--id=Bad Id", "--date=2021-05-14", "--title=T", f"--source={MEE}:4"], 2, "not a slug"),
        (["add-event", "--id=ok", "--date=May 14", "--title=T", f"--source={MEE}:4"], 2, "--date:"),
        (
            ["add-event", "--id=ok", "--date=2021-05-14", "--title=T", f"--source={MEE}:4", "--actor=nobody"],
            1,
            "nobody",
        ),
        (
            ["add-event", "--id=blinken-talks-will-continue", "--date=2021", "--title=T", f"--source={MEE}:4"],
            1,
            "exists",
        ),
    ],
)
def test_bad_input_is_one_clear_message_and_no_change(data_dir: Path, argv: list[str], code: int, message: str) -> None:
    events = data_dir / "events.yaml"
    before = events.read_bytes()
    got, _, err = run(data_dir, *argv)
    assert got == code and message in err and "Traceback" not in err
    assert events.read_bytes() == before
