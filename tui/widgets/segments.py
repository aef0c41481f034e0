"""Rendering Rich text to segments that always carry a style."""

from __future__ import annotations

from rich.console import Console
from rich.segment import Segment
from rich.text import Text


def styled(text: Text, console: Console) -> list[Segment]:
    """The text's segments with its own style: Rich leaves a text without spans unstyled, which loses the style
    and leaves segments without one (NO_COLOR's monochrome filter cannot reduce those)."""
    return list(Segment.apply_style(text.render(console), console.get_style(text.style)))
