"""The review screen: everything that needs a person's decision, each actionable in place.

Suggested passages (a accepts, x rejects), dated statements no event covers (enter: a new event, prefilled),
sources whose quote anchors nowhere (enter: a new quote, prefilled with the closest passage), names no actor
covers (enter: a new actor; l: an alias of an existing one). It watches the timeline, so a change shows as soon as
it is reloaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.widgets.option_list import Option

from ..curate import Operation, decide
from ..messages import ChangeRequested
from ..model import Event
from ..review import (
    KIND_LABELS,
    ReviewItem,
    actor_operation,
    edit_operation,
    event_from_statement,
    new_event_operation,
    quote_operation,
    review_items,
    slug,
)
from ..textsafe import printable
from ..widgets.lists import PickList
from .form import Field, FormScreen

if TYPE_CHECKING:
    from ..state import ExplorerState
    from ..timeline import Timeline


class ReviewScreen(Screen[None]):
    BINDINGS = [
        Binding("a", "decide(True)", "Accept", show=True),
        Binding("x", "decide(False)", "Reject", show=True),
        Binding("enter", "act", "Form: new event, actor, edit", show=True, key_display="⏎"),
        Binding("l", "alias", "Alias of an actor", show=True),
        Binding("u", "app.undo_change", "Undo", show=True),
        Binding("escape,q", "back", "Back", show=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: list[ReviewItem] = []

    def compose(self) -> ComposeResult:
        yield Static(id="review-title")
        yield PickList(id="review-list")
        yield Footer()

    @property
    def state(self) -> ExplorerState:
        return cast("ExplorerState", self.app)

    def on_mount(self) -> None:
        self.watch(self.app, "timeline", self._timeline_changed)
        self.query_one(PickList).focus()

    def _timeline_changed(self, timeline: Timeline | None) -> None:
        if timeline is not None:
            self.query_one("#review-title", Static).update(Text("Review  gathering what needs a decision…", "bold"))
            self._gather(timeline)

    # A description of its own: Textual would describe the worker by the repr of its arguments, the whole timeline.
    @work(thread=True, exclusive=True, group="review", description="gathering the review items")
    def _gather(self, timeline: Timeline) -> None:
        """Tagging every article's dates and names takes time on a large corpus: never on the UI thread."""
        items = review_items(timeline)
        self.app.call_from_thread(self._show_items, items)

    def _show_items(self, items: list[ReviewItem]) -> None:
        option_list = self.query_one(PickList)
        keep = option_list.highlighted
        self.items = items
        options: list[Option] = []
        width = max(self.size.width - 6, 20)  # one line an item: the list stays a list of decisions
        shown: str | None = None
        for number, item in enumerate(self.items):
            if item.kind != shown:
                shown = item.kind
                count = sum(1 for i in self.items if i.kind == item.kind)
                options.append(Option(Text(f"{KIND_LABELS[item.kind]} ({count})", style="bold"), disabled=True))
            options.append(Option(_one_line(self._label(item), width), id=str(number)))
        option_list.clear_options()
        option_list.add_options(options)
        if options:
            enabled = [i for i, o in enumerate(options) if not o.disabled]
            wanted = keep if keep is not None and keep < len(options) and not options[keep].disabled else None
            option_list.highlighted = wanted if wanted is not None else (enabled[0] if enabled else None)
        title = Text("Review", style="bold")
        count = len(self.items)
        title.append(f"  {count} item{'s' if count != 1 else ''} to decide" if count else "  nothing needs a decision")
        self.query_one("#review-title", Static).update(title)

    def _label(self, item: ReviewItem) -> str:
        """A suggestion by its badge first (`raf? ¶9 79`), so that its words fit in a narrow terminal."""
        if item.suggestion is None:
            return item.label
        p = item.suggestion.passage
        badge = self.state.badges.get(p.article, p.article).lower()
        return f"{badge}? ¶{p.paragraph} {p.score:.0f}  {item.suggestion.event_id}: {p.text}"

    @property
    def item(self) -> ReviewItem | None:
        option_list = self.query_one(PickList)
        if option_list.highlighted is None:
            return None
        option = option_list.get_option_at_index(option_list.highlighted)
        return self.items[int(option.id)] if option.id is not None else None

    def _write(self, operation: Operation) -> None:
        self.post_message(ChangeRequested(operation))

    def action_decide(self, accepting: bool) -> None:
        item = self.item
        if item is None or item.suggestion is None:
            self.notify("a and x decide on a suggested passage.", timeout=3)
            return
        self._write(decide(item.suggestion, accepting))

    def action_act(self) -> None:
        item, timeline = self.item, self.state.timeline
        if item is None or timeline is None:
            return
        if item.kind == "suggestion":
            self.notify("a accepts the suggestion, x rejects it.", timeout=3)
        elif item.statement is not None:
            self._form(new_event_form(timeline, item))
        elif item.name is not None:
            self._form(actor_form(timeline, item.name.name))
        elif item.unanchored is not None:
            self._form(quote_form(timeline, item))

    def on_option_list_option_selected(self, message: PickList.OptionSelected) -> None:
        message.stop()
        self.action_act()

    def action_alias(self) -> None:
        item, timeline = self.item, self.state.timeline
        if item is None or item.name is None or timeline is None:
            self.notify("l adds a name as an alias of an existing actor.", timeout=3)
            return
        self._form(actor_form(timeline, item.name.name, alias=True))

    def _form(self, form: FormScreen) -> None:
        def chosen(operation: Operation | None) -> None:
            if operation is not None:
                self._write(operation)

        self.app.push_screen(form, chosen)

    def action_back(self) -> None:
        self.dismiss()


def _one_line(label: str, width: int) -> Text:
    text = " ".join(printable(label).split())
    return Text(text if len(text) <= width else text[: width - 1] + "…")


def new_event_form(timeline: Timeline, item: ReviewItem) -> FormScreen:
    assert item.statement is not None
    new = event_from_statement(timeline, item.statement)
    fields = [
        Field("id", "Id", new.id, "a slug, unique"),
        Field("date", "Date", new.date, "YYYY-MM-DD, YYYY-MM, YYYY or YYYY-Www; ~ for about"),
        Field("title", "Title", new.title),
        Field("summary", "Summary", new.summary),
        Field("article", "Source article", new.sources[0][0]),
        Field("quote", "Quote", new.sources[0][1], "the words that anchor it"),
        Field("method", "Date known by", new.method, "explicit, relative or inferred"),
        Field("expression", "Date expression", new.expression),
        Field("resolved_against", "Resolved against", new.resolved_against or "", "for a relative date"),
        Field("actors", "Actors", "", "ids, comma separated"),
        Field("tags", "Tags", "", "comma separated"),
    ]
    return FormScreen("New event from a dated statement", fields, new_event_operation, timeline)


def actor_form(timeline: Timeline, name: str, alias: bool = False) -> FormScreen:
    if alias:
        fields = [
            Field("name", "Alias", name),
            Field("alias_of", "Of the actor", "", "its id, e.g. " + ", ".join(a.id for a in timeline.actors[:3])),
        ]
        return FormScreen(f"{name!r} as another name of an actor", fields, actor_operation, timeline)
    fields = [
        Field("id", "Id", slug(name, {a.id for a in timeline.actors}), "a slug, unique"),
        Field("name", "Name", name),
        Field("kind", "Kind", "person", "person, organisation or place"),
        Field("aliases", "Aliases", "", "comma separated"),
    ]
    return FormScreen(f"New actor {name!r}", fields, actor_operation, timeline)


def quote_form(timeline: Timeline, item: ReviewItem) -> FormScreen:
    assert item.unanchored is not None
    missing = item.unanchored
    best = missing.best
    hint = f"closest: ¶{best.paragraph}, score {best.score:.0f}" if best is not None else "the article has no text"
    fields = [Field("quote", "Quote", best.text if best is not None else missing.source.quote, hint)]
    source = missing.source
    return FormScreen(
        f"A new quote from {source.article} for {missing.event_id} (was: {source.quote[:60]})",
        fields,
        lambda values: quote_operation(missing.event_id, source.article, source.quote, values),
        timeline,
    )


def edit_form(timeline: Timeline, event: Event) -> FormScreen:
    fields = [
        Field("title", "Title", event.title),
        Field("summary", "Summary", event.summary),
        Field("notes", "Notes", event.notes, "where the sources disagree"),
        Field("tags", "Tags", ", ".join(event.tags), "comma separated"),
        Field("actors", "Actors", ", ".join(event.actors), "ids, comma separated"),
    ]
    return FormScreen(f"Edit {event.id}", fields, lambda values: edit_operation(event.id, values), timeline)
