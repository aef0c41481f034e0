"""Make text from the data safe to put on a terminal, character for character.

Article text and YAML strings may hold escape sequences (ESC [ 31 m, OSC 8 links), other control characters and
bidirectional overrides. Written raw, the terminal would obey them. `printable` swaps each for a visible stand-in
of the same length (offsets into the text stay valid for highlighting): C0 controls become Unicode control
pictures (ESC shows as ␛), C1 controls, bidi controls and invisible characters (zero-width space, word joiner,
a byte order mark inside the text) become U+FFFD, and so do the lone surrogates that stand for the bytes of a file
name that is not UTF-8 (a terminal cannot be sent them at all). The line and paragraph separators U+2028 and
U+2029 show as ␤ and ¶. Newlines and tabs are kept; `one_line` also shows them, for a field on one line.
"""

from __future__ import annotations

_SWAPS: dict[int, int] = {code: 0x2400 + code for code in range(0x20) if code not in (0x09, 0x0A)}
_SWAPS[0x0D] = 0x20  # a CR of a CRLF line end shows as a space
_SWAPS[0x7F] = 0x2421  # DEL
_SWAPS.update({code: 0xFFFD for code in range(0x80, 0xA0)})
_SWAPS.update({code: 0xFFFD for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)})
_SWAPS.update({code: 0xFFFD for code in (0x200B, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xFEFF, 0x180E)})
_SWAPS.update({0x2028: 0x2424, 0x2029: 0xB6})
_SWAPS.update({code: 0xFFFD for code in range(0xD800, 0xE000)})
_TABLE = str.maketrans(_SWAPS)
_ONE_LINE = str.maketrans({**_SWAPS, 0x0A: 0x2424, 0x0D: 0x2424, 0x09: 0x2409})
INVISIBLE = frozenset(chr(c) for c in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x180E, 0x2028, 0x2029))
# JSON writers escape C0 controls themselves; the rest become \u escapes: the same data once decoded.
_JSON_TABLE = str.maketrans({code: f"\\u{code:04x}" for code in _SWAPS if code >= 0x7F})


def printable(text: str) -> str:
    """`text` with every terminal-control character replaced by a visible one; same length."""
    return text.translate(_TABLE)


def one_line(text: str) -> str:
    """`printable`, and a newline or tab inside a field shown as a symbol (␤, ␉): one field never forges a row."""
    return text.replace("\r\n", "\n").translate(_ONE_LINE)


def json_safe(dumped: str) -> str:
    """JSON text (from json.dumps) with every character a terminal would obey written as a \\u escape.

    Such characters can only be inside JSON strings, so the document stays valid and decodes to the same data.
    """
    return dumped.translate(_JSON_TABLE)


def invisible_characters(text: str) -> list[tuple[int, str]]:
    """(line number, character) of the first invisible character on each line that has one: zero-width
    characters and line separators, which make two names look alike without matching."""
    if not INVISIBLE.intersection(text):
        return []
    found = []
    for number, line in enumerate(text.split("\n"), 1):
        char = next((c for c in line if c in INVISIBLE), None)
        if char is not None:
            found.append((number, char))
    return found
