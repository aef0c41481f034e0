"""A one-line text input that never holds a character a terminal would obey."""

from __future__ import annotations

from textual.widgets import Input

from ..textsafe import one_line


class TextField(Input):
    """An `Input` whose typed or pasted text has its terminal-control characters shown as visible symbols.

    Textual writes an input's text to the terminal as it is, so an escape sequence pasted in (from a web page, a
    terminal's scrollback) would be obeyed: it could recolour the screen, set the window title or break the layout.
    Every edit goes through `replace`, so that is where the text is made printable. A `value` given in code is the
    caller's to pass through `one_line` first (a form keeps the original for a field left as it was).
    """

    def replace(self, text: str, start: int, end: int) -> None:
        super().replace(one_line(text), start, end)
