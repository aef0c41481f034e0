"""Copying text for the user: through the terminal (OSC 52), and always shown, since a terminal may refuse it."""

from __future__ import annotations

import os

from textual.app import App

from ..textsafe import printable

SHOWN = 600  # characters of the copied text shown in the notice


def copy_text(app: App[object], text: str, what: str) -> None:
    """Put `text` on the clipboard and show it; where the terminal is known to refuse, say so and show it all."""
    shown = printable(text if len(text) <= SHOWN else text[:SHOWN] + "…")
    if os.environ.get("TERM_PROGRAM") == "Apple_Terminal":  # takes no OSC 52 copy
        app.notify(
            printable(text), title=f"{what}: this terminal cannot copy; select the text", timeout=30, markup=False
        )
        return
    app.copy_to_clipboard(text)
    app.notify(shown, title=f"{what} copied (if the terminal allows OSC 52)", timeout=6, markup=False)
