"""Make text from the data safe to put on a terminal, character for character.

Article text and YAML strings may hold escape sequences (ESC [ 31 m, OSC 8 links), other control characters and
bidirectional overrides. Written raw, the terminal would obey them. `printable` swaps each for a visible stand-in
of the same length (offsets into the text stay valid for highlighting): C0 controls become Unicode control
pictures (ESC shows as ␛), C1 controls and bidi controls become U+FFFD. Newlines and tabs are kept.
"""

from __future__ import annotations

_SWAPS: dict[int, int] = {code: 0x2400 + code for code in range(0x20) if code not in (0x09, 0x0A)}
_SWAPS[0x0D] = 0x20  # a CR of a CRLF line end shows as a space
_SWAPS[0x7F] = 0x2421  # DEL
_SWAPS.update({code: 0xFFFD for code in range(0x80, 0xA0)})
_SWAPS.update({code: 0xFFFD for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)})
_TABLE = str.maketrans(_SWAPS)
# JSON writers escape C0 controls themselves; the rest become \u escapes: the same data once decoded.
_JSON_TABLE = str.maketrans({code: f"\\u{code:04x}" for code in _SWAPS if code >= 0x7F})


def printable(text: str) -> str:
    """`text` with every terminal-control character replaced by a visible one; same length."""
    return text.translate(_TABLE)


def json_safe(dumped: str) -> str:
    """JSON text (from json.dumps) with every character a terminal would obey written as a \\u escape.

    Such characters can only be inside JSON strings, so the document stays valid and decodes to the same data.
    """
    return dumped.translate(_JSON_TABLE)
