from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from tui.textsafe import json_safe, one_line, printable


def test_escape_sequences_become_visible() -> None:
    assert printable("a\x1b[31mred\x1b]8;;http://x\x07") == "a␛[31mred␛]8;;http://x␇"
    assert printable("left\u202eright") == "left\ufffdright"
    assert printable("\x9b31m") == "\ufffd31m"


def test_text_newlines_tabs_and_brackets_are_kept() -> None:
    assert printable("[bold]x[/bold]\n\tnext [reiterate]") == "[bold]x[/bold]\n\tnext [reiterate]"


def test_invisible_characters_and_undecodable_names_become_visible() -> None:
    """A name with a zero-width space must not look like the real one; a file name's undecodable byte (a lone
    surrogate) cannot be written to a terminal at all."""
    assert printable("zero\u200bwidth\ufeff\u2060") == "zero\ufffdwidth\ufffd\ufffd"
    assert printable("line\u2028para\u2029") == "line␤para¶"
    assert printable("name-\udcff.txt") == "name-\ufffd.txt"
    assert printable("name-\udcff.txt").encode("utf-8")


def test_one_line_shows_newlines_and_tabs() -> None:
    assert one_line("Title\nforged row\r\n\tx") == "Title␤forged row␤␉x"


@given(st.text())
def test_same_length_and_no_controls_left(text: str) -> None:
    shown = printable(text)
    assert len(shown) == len(text)
    assert not any((ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) < 0xA0 for c in shown)


@given(st.text())
def test_json_safe_is_the_same_data_with_no_controls(text: str) -> None:
    dumped = json_safe(json.dumps({"k": [text]}, ensure_ascii=False))
    assert json.loads(dumped) == {"k": [text]}
    assert printable(dumped) == dumped.replace("\r", " ")
