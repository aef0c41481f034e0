"""A form that changes events.yaml: a new event, a new actor or alias, an edit of an event.

The form checks its values as the loader would (the change is prepared and validated, not written) and shows the
problems in place; only a valid change leaves the form, as the operation for the app to write.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from ..curate import EditRefused, Operation, apply_to
from ..textsafe import one_line, printable
from ..timeline import Timeline
from ..widgets.text_field import TextField


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    value: str = ""
    hint: str = ""


Build = Callable[[dict[str, str]], Operation]  # the form's values -> the change; EditRefused for a bad value


class FormScreen(ModalScreen[Operation | None]):
    """Fields, one a line; enter on the last field (or ctrl+s anywhere) checks and submits, esc cancels."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel the form"),
        Binding("ctrl+s", "submit", "Save the form"),
    ]

    def __init__(self, title: str, fields: Sequence[Field], build: Build, timeline: Timeline) -> None:
        super().__init__()
        self.form_title = title
        self.fields = list(fields)
        self.build = build
        self.timeline = timeline

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="form"):
            yield Static(Text(printable(self.form_title), style="bold"), id="form-title")  # may quote the data
            for field in self.fields:
                label = Text(field.label, style="bold")
                if field.hint:
                    label.append(f"  {printable(field.hint)}", style="dim")
                yield Static(label, classes="form-label")
                yield TextField(value=one_line(field.value), id=f"field-{field.key}")
            yield Static(id="form-problems")
            yield Static(Text("enter next field · ctrl+s save · esc cancel", style="dim"))

    def values(self) -> dict[str, str]:
        """What each field holds; a field left as shown keeps its value as given, control characters and all."""
        values = {}
        for field in self.fields:
            typed = self.query_one(f"#field-{field.key}", Input).value
            values[field.key] = field.value if typed == one_line(field.value) else typed
        return values

    def on_input_submitted(self, message: Input.Submitted) -> None:
        inputs = list(self.query(Input))
        position = inputs.index(message.input)
        if position + 1 < len(inputs):
            inputs[position + 1].focus()
        else:
            self.action_submit()

    def action_submit(self) -> None:
        self.query_one("#form-problems", Static).update(Text("Checking…", style="dim"))
        self._check(self.values())

    # Validating means reading events.yaml round-trip and loading the changed text: seconds on a large file, so never
    # on the UI thread.
    @work(thread=True, exclusive=True, group="form", description="checking the form")
    def _check(self, values: dict[str, str]) -> None:
        outcome: Operation | EditRefused
        try:
            outcome = self.build(values)
            apply_to(self.timeline, outcome, dry_run=True)
        except EditRefused as exc:
            outcome = exc
        if not get_current_worker().is_cancelled:  # a later submit, with other values, is checked instead
            self.app.call_from_thread(self._checked, outcome)

    def _checked(self, outcome: Operation | EditRefused) -> None:
        if not self.is_current:  # the form was closed meanwhile
            return
        if not isinstance(outcome, EditRefused):
            self.dismiss(outcome)
            return
        text = Text(printable(str(outcome)), style="bold red")
        for problem in outcome.problems:  # as the loader words it, without the line of a file not written
            where = f"{problem.field}: " if problem.field else ""
            text.append("\n" + printable(where + problem.message))
        self.query_one("#form-problems", Static).update(text)

    def action_cancel(self) -> None:
        self.dismiss(None)
