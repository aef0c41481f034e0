"""The pop-ups' lists with the explorer's moving keys (j/k, g/G, space/b), as in the timeline and the reader."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import OptionList, SelectionList

LIST_BINDINGS = [
    Binding("down,j", "cursor_down", "Down", show=False),
    Binding("up,k", "cursor_up", "Up", show=False),
    Binding("home,g", "first", "First", show=False),
    Binding("end,G", "last", "Last", show=False),
    Binding("pagedown,space", "page_down", "Page down", show=False),
    Binding("pageup,b", "page_up", "Page up", show=False),
]
SPACE_TOGGLES = Binding("space", "select", "Toggle (in the filters)", show=False)


class PickList(OptionList):
    """An option list: enter chooses."""

    BINDINGS = LIST_BINDINGS


class ToggleList(SelectionList[str]):
    """A selection list: space toggles the highlighted option, so PgDn alone pages down."""

    BINDINGS = [b for b in LIST_BINDINGS if b.action != "page_down"]
    BINDINGS += [Binding("pagedown", "page_down", "Page down", show=False), SPACE_TOGGLES]
