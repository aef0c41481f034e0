"""The pop-ups' lists with the explorer's moving keys (j/k, g/G, space/b), as in the timeline and the reader."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import OptionList, SelectionList

from .keys import LIST_BINDINGS, SPACE_TOGGLES


class PickList(OptionList):
    """An option list: enter chooses."""

    BINDINGS = LIST_BINDINGS


class ToggleList(SelectionList[str]):
    """A selection list: space toggles the highlighted option, so PgDn alone pages down."""

    BINDINGS = [b for b in LIST_BINDINGS if b.action != "page_down"]
    BINDINGS += [Binding("pagedown", "page_down", "Page down", show=False), SPACE_TOGGLES]
