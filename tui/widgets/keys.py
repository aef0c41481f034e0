"""The moving keys every list shares (j/k, g/G, space/b), as in the timeline and the reader.

A module of its own, without widgets, so that the timeline's list takes them without loading the pop-ups' lists.
"""

from __future__ import annotations

from textual.binding import Binding

LIST_BINDINGS = [
    Binding("down,j", "cursor_down", "Down", show=False),
    Binding("up,k", "cursor_up", "Up", show=False),
    Binding("home,g", "first", "First", show=False),
    Binding("end,G", "last", "Last", show=False),
    Binding("pagedown,space", "page_down", "Page down", show=False),
    Binding("pageup,b", "page_up", "Page up", show=False),
]
SPACE_TOGGLES = Binding("space", "select", "Toggle (in the filters)", show=False)
