"""Change events.yaml without loss: accept or reject a suggestion, add an event or an actor, edit an event.

Every change goes through `apply`, which:
- reads the file as it is now, and refuses when it is not the text the caller's view was built from;
- edits round-trip (ruamel.yaml) the one item it changes (an event, an actor) and splices only that item's lines
  back into the text: every other byte (comments, blank lines, key order, quoting) stays as it was;
- validates the new text with our own loader (`parse_events`) and checks the change is there as meant (a quote
  read back whole, not cut by a ` #`), refusing with the problems otherwise;
- writes atomically, refusing if the file changed on disk meanwhile.
The returned `Change` holds both texts, so that `undo` can put the old one back.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import re
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString
from yaml.resolver import Resolver

from .atomic import WriteRefused, write_atomic
from .events import EventsFile, parse_events, read_events_text, text_digest
from .heap import paused_gc
from .model import DateFormatError, DateValue, Passage, Problem
from .yamlread import Node, YamlError, read_yaml

if TYPE_CHECKING:
    from .timeline import Timeline

_BOM = "\ufeff"
_NEWLINE_ENDED = re.compile(r"[^\n]*\n|[^\n]+\Z")
_BARE_DASH = re.compile(r"\s*-\s*(#.*)?")  # a list item's dash alone on its line
_RESOLVER = Resolver()  # PyYAML's, as our loader resolves plain scalars
Check = Callable[[EventsFile], bool]


class EditRefused(Exception):
    """The change was not written; the message says why, `problems` what the loader found in the new text."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        self.problems = tuple(problems)
        super().__init__(message)


class FileChanged(EditRefused):
    """events.yaml changed on disk since it was read: reload before changing it."""


@dataclass(frozen=True)
class Change:
    """One change written to events.yaml: what it did, and the texts before and after."""

    path: str
    description: str
    before: str
    after: str


def _yaml(dash: int) -> YAML:
    """A round-trip YAML whose block sequences put the dash at column `dash` of their parent's indentation."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 1 << 20  # never fold a long line
    yaml.indent(mapping=2, sequence=dash + 2, offset=dash)
    return yaml


def _dump_item(key: str, item: Any, dash: int) -> list[str]:
    """The lines of one item of a top-level list, as ruamel writes it with the file's indentation."""
    buffer = io.StringIO()
    _yaml(dash).dump({key: CommentedSeq([item])}, buffer)
    return _lines(buffer.getvalue())[1:]


class Document:
    """events.yaml read for one change: its text, its lines, and where each item of its lists is.

    Where the items are comes from our own reader (fast, with line numbers). Only the item a change touches is read
    round-trip, from its own lines: reading a 10,000-event file round-trip takes longer than a person will wait.
    The whole file is read round-trip only where an item's lines do not read back as that one item (a `[...]`
    list, an alias to an anchor in another item, a list that is empty or missing).
    """

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.bom = text.startswith(_BOM)
        self.text = text.removeprefix(_BOM)
        self.newline = "\r\n" if "\r\n" in self.text else "\n"
        self.lines = _lines(self.text)
        try:
            tree = read_yaml(self.text)
        except YamlError as exc:
            raise EditRefused(f"{path}:{exc.line}: cannot be edited: {exc.message}") from None
        if tree is None or not isinstance(tree.value, dict):
            raise EditRefused(f"{path}: cannot be edited: it is not a mapping with actors: and events:")
        self.tree: dict[str, Node] = tree.value
        self._whole: CommentedMap | None = None

    def tree_items(self, key: str) -> list[Node]:
        """The items of the top-level list `key` as our reader sees them (empty when it is missing or no list)."""
        node = self.tree.get(key)
        return node.value if node is not None and isinstance(node.value, list) else []

    def find(self, key: str, item_id: str) -> int | None:
        for index, node in enumerate(self.tree_items(key)):
            found = node.value.get("id") if isinstance(node.value, dict) else None
            if found is not None and found.value == item_id:
                return index
        return None

    def _whole_root(self) -> CommentedMap:
        """The whole file read round-trip, once, for the changes its items' own lines cannot take."""
        if self._whole is None:
            try:
                root = _yaml(2).load(self.text)
            except YAMLError as exc:
                raise EditRefused(f"{self.path}: cannot be edited: {' '.join(str(exc).split())}") from None
            if not isinstance(root, CommentedMap):
                raise EditRefused(f"{self.path}: cannot be edited: it is not a mapping with actors: and events:")
            self._whole = root
        return self._whole

    def _tree_span(self, key: str, index: int) -> tuple[int, int]:
        """The lines of item `index`: from its first line to the next item's, or to the next top-level key."""
        items = self.tree_items(key)
        start = items[index].line - 1
        if start > 0 and _BARE_DASH.fullmatch(self.lines[start - 1].rstrip("\r\n")):
            start -= 1  # `-` alone on its line, the item's first key below it
        if index + 1 < len(items):
            return start, items[index + 1].line - 1
        end = next((at for at in range(start + 1, len(self.lines)) if _starts_top_level(self.lines[at])), None)
        return start, len(self.lines) if end is None else end

    def _own_lines(self, key: str, index: int) -> tuple[int, int, CommentedMap] | None:
        """Item `index` read round-trip from its own lines, if they read back as that one item of a block list."""
        start, end = self._tree_span(key, index)
        try:
            root = _yaml(2).load(f"{key}:{self.newline}" + "".join(self.lines[start:end]))
        except YAMLError:
            return None
        items = root.get(key) if isinstance(root, CommentedMap) and len(root) == 1 else None
        if not isinstance(items, CommentedSeq) or len(items) != 1 or items.fa.flow_style():
            return None
        item, node = items[0], self.tree_items(key)[index].value
        if not isinstance(item, CommentedMap) or not isinstance(node, dict) or len(item) != len(node):
            return None
        identity = node.get("id")
        if item.get("id") != (identity.value if identity else None):
            return None
        _keep_anchors(item)  # other items may refer to them, which ruamel cannot see from these lines
        return start, end, item

    def _whole_item(self, key: str, index: int) -> tuple[int, int, CommentedMap]:
        """Item `index` located and read in the whole file read round-trip."""
        root = self._whole_root()
        items = root.get(key)
        if not isinstance(items, CommentedSeq) or items.fa.flow_style():
            line = root.lc.key(key)[0] + 1
            message = "cannot change an item of a [...] list; write it as a block list"
            raise EditRefused(f"{self.path}:{line}: {key}: {message}")
        start = items.lc.item(index)[0]
        if index + 1 < len(items):
            end = items.lc.item(index + 1)[0]
        else:
            keys = list(root)
            end = min((root.lc.key(k)[0] for k in keys[keys.index(key) + 1 :]), default=len(self.lines))
        return start, max(end, start + 1), items[index]

    def _item(self, key: str, index: int) -> tuple[int, int, CommentedMap]:
        """Item `index` of the list `key`: its first line, the line after it, and the item read round-trip."""
        return self._own_lines(key, index) or self._whole_item(key, index)

    def _dash(self, line: int) -> int:
        text = self.lines[line]
        return len(text) - len(text.lstrip(" ")) if text.lstrip(" ").startswith("-") else 2

    def edit_item(self, key: str, index: int, change: Callable[[CommentedMap], None]) -> None:
        """Change one item in place; only its lines are rewritten."""
        start, end, item = self._item(key, index)
        dash = self._dash(start)
        before = _dump_item(key, item, dash)
        change(item)
        after = _dump_item(key, item, dash)
        original = self.lines[start:end]
        changed = _splice(original, before, after)
        if changed is None:  # the change falls where ruamel writes the item otherwise: the item as it writes it
            changed = after
            if [_plain(line) for line in original[: len(before)]] == [_plain(line) for line in before]:
                changed += original[len(before) :]  # lines ruamel did not reproduce (e.g. before the next key) stay
        self.lines[start:end] = self._native(_trailing_asides_last(original, changed))

    def insert_item(self, key: str, item: CommentedMap, before: int | None) -> None:
        """Insert a new item before item `before` (None: at the end of the list); no other line changes."""
        count = len(self.tree_items(key))
        if not count:
            self._start_list(key, item)
            return
        neighbour = count - 1 if before is None else before  # the item the new one goes after, or before
        located = self._own_lines(key, neighbour)
        if located is None:
            items = self._whole_root().get(key)
            if not isinstance(items, CommentedSeq) or not items or items.fa.flow_style():
                self._start_list(key, item)  # refuses a `[...]` list
                return
            located = self._whole_item(key, neighbour)
        start, at, _ = located
        if before is None:
            while at > 0 and _is_aside(self.lines[at - 1]):  # after the last item, not after comments that follow
                at -= 1
        else:
            at = start
            while at > 0 and _is_comment(self.lines[at - 1]):  # a heading comment stays with the item it heads
                at -= 1
        dash = self._dash(start)
        if at > 0 and not self.lines[at - 1].endswith("\n"):
            self.lines[at - 1] += self.newline
        self.lines[at:at] = self._native(_dump_item(key, item, dash))

    def _start_list(self, key: str, item: CommentedMap) -> None:
        """The first item of a list that is empty (`events: []`, `events:`) or missing."""
        root = self._whole_root()
        new = self._native(_dump_item(key, item, 2))
        if key in root:
            line = root.lc.key(key)[0]
            match = re.match(
                r"^(\s*" + re.escape(key) + r"\s*:)\s*(?:\[\s*\])?\s*(#.*)?$", self.lines[line].rstrip("\r\n")
            )
            if match is None:
                raise EditRefused(f"{self.path}:{line + 1}: {key}: cannot add to this list; write it as a block list")
            comment = f" {match[2]}" if match[2] else ""
            self.lines[line : line + 1] = [f"{match[1]}{comment}{self.newline}", *new]
            return
        if self.lines and not self.lines[-1].endswith("\n"):
            self.lines[-1] += self.newline
        self.lines += [f"{key}:{self.newline}", *new]

    def _native(self, lines: list[str]) -> list[str]:
        return [line.replace("\r\n", "\n").replace("\n", self.newline) for line in lines]

    def new_text(self) -> str:
        return (_BOM if self.bom else "") + "".join(self.lines)


def _splice(original: list[str], before: list[str], after: list[str]) -> list[str] | None:
    """The item's `original` lines with only the lines the change alters replaced.

    `before` and `after` are the item as ruamel writes it before and after the change. Where ruamel writes a line
    as the file has it, the change is made to the file's line, and every other line stays as the user wrote it (a
    `-` alone on its line, an alias, a quoted text over several lines). None when a changed line has no
    counterpart in the file.
    """
    plain_before = [_plain(line) for line in before]
    aligned = difflib.SequenceMatcher(None, [_plain(line) for line in original], plain_before, autojunk=False)
    in_original = {
        written + offset: kept + offset
        for kept, written, size in aligned.get_matching_blocks()
        for offset in range(size)
    }
    edits = []
    changes = difflib.SequenceMatcher(None, plain_before, [_plain(line) for line in after], autojunk=False)
    for tag, first, last, new_first, new_last in changes.get_opcodes():
        if tag == "equal":
            continue
        if first < last:  # lines replaced or deleted: each must be a line of the file, and they must follow on
            lines = [in_original.get(at) for at in range(first, last)]
            if None in lines or lines != list(range(lines[0], lines[0] + len(lines))):  # type: ignore[operator]
                return None
            span = (lines[0], lines[-1] + 1)  # type: ignore[operator]
        elif first - 1 in in_original:  # lines inserted after a line of the file
            span = (in_original[first - 1] + 1,) * 2
        elif first in in_original:  # or before one
            span = (in_original[first],) * 2
        else:
            return None
        edits.append((span, after[new_first:new_last]))
    spliced = list(original)
    for (begin, end), lines in reversed(edits):
        spliced[begin:end] = lines
    return spliced


def _trailing_asides_last(original: list[str], after: list[str]) -> list[str]:
    """`after` with the comments and blank lines that ended the original item moved back to its end.

    ruamel keeps a comment that follows an item (often the heading of the next one) with the item's last value,
    so a value appended to the item would land below it.
    """
    count = 0
    while count < len(original) and _is_aside(original[len(original) - 1 - count]):
        count += 1
    if not count:
        return after
    block = [_plain(line) for line in original[-count:]]
    plain = [_plain(line) for line in after]
    for at in range(len(after) - count, -1, -1):
        if plain[at : at + count] == block:
            return after[:at] + after[at + count :] + after[at : at + count]
    return after


def _lines(text: str) -> list[str]:
    """The text's lines, each with its newline: split at newlines only, as our reader numbers them (a carriage
    return alone or a Unicode line separator inside a text is part of its line)."""
    return _NEWLINE_ENDED.findall(text)


def _keep_anchors(value: Any) -> None:
    """Mark every anchor in `value` to be written even where nothing in `value` refers to it."""
    anchor = getattr(value, "anchor", None)
    if anchor is not None and getattr(anchor, "value", None):
        anchor.always_dump = True
    if isinstance(value, dict):
        for item in value.values():
            _keep_anchors(item)
    elif isinstance(value, list):
        for item in value:
            _keep_anchors(item)


def _starts_top_level(line: str) -> bool:
    """Whether the line opens a top-level key: text at its first column that is neither a comment nor a list item."""
    return line[:1] not in ("", " ", "\t", "#", "-", "\r", "\n")


def _plain(line: str) -> str:
    return line.rstrip("\r\n")


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _is_aside(line: str) -> bool:
    return not line.strip() or _is_comment(line)


# --- applying a change --------------------------------------------------------------------------------------------


Operation = Callable[[Document], tuple[str, Check]]  # edits the document; returns its description and its check


def apply(
    path: str | Path,
    operation: Operation,
    article_ids: Container[str] | None = None,
    expected: str | None = None,
) -> Change:
    """Apply `operation` to the events file at `path` and write it; refuse (EditRefused) without writing anything.

    `expected` is the sha256 of the text the caller read (`EventsFile.sha256`); a file that differs now is refused.
    """
    change = prepare(path, operation, article_ids, expected)
    _write(change.path, change.before, change.after)
    return change


def prepare(
    path: str | Path,
    operation: Operation,
    article_ids: Container[str] | None = None,
    expected: str | None = None,
) -> Change:
    """The change `apply` would write, validated, without writing it (a form checks its input with this)."""
    path = str(path)
    text = _read(path)
    if expected is not None and text_digest(text) != expected:
        raise FileChanged(f"{path} changed on disk since it was read; reload it before changing it")
    with paused_gc(freeze=False):  # both readings build many small objects: a large file's would cost twice as long
        document = Document(path, text)
        description, check = operation(document)
        new_text = document.new_text()
        events_file, problems = parse_events(f"{path} (as changed)", new_text.removeprefix(_BOM), article_ids)
    if problems:
        raise EditRefused("the change would make the file invalid; nothing was written", problems)
    if not check(events_file):
        raise EditRefused(f"{path}: the change did not read back as written; nothing was written")
    return Change(path, description, text, new_text)


def undo(change: Change) -> Change:
    """Put back the text before `change`, if the file is still as the change left it."""
    current = _read(change.path)
    if current != change.after:
        raise FileChanged(f"{change.path} changed on disk since the change; it cannot be undone")
    _write(change.path, current, change.before)
    return Change(change.path, f"undid: {change.description}", change.after, change.before)


def _read(path: str) -> str:
    raw = Path(path)
    content, problems = read_events_text(path)
    if content is None:
        raise EditRefused(str(problems[0]) if problems else f"{path}: cannot be read", problems)
    try:  # read_events_text drops a byte-order mark; keep it, so that the file's first bytes stay as they were
        if raw.read_bytes()[:3] == b"\xef\xbb\xbf":
            content = _BOM + content
    except OSError:
        pass
    return content


def _write(path: str, expected: str, new_text: str) -> None:
    def unchanged(_temporary: Path) -> None:
        if _read(path) != expected:
            raise FileChanged(f"{path} changed on disk while the change was being written; nothing was written")

    try:
        # through a symbolic link to the file it names: the link stays a link
        write_atomic(Path(path).resolve(), new_text.encode("utf-8"), overwrite=True, verify=unchanged)
    except WriteRefused as exc:
        raise EditRefused(str(exc)) from None


# --- the operations -----------------------------------------------------------------------------------------------


def _event_index(document: Document, event_id: str) -> int:
    index = document.find("events", event_id)
    if index is None:
        raise EditRefused(f"no event with id {event_id!r} in {document.path}")
    return index


def text(value: str) -> str:
    """A new string as YAML must keep it. ruamel's emitter quotes what YAML 1.2 would cut or misread (` #`, `: `,
    a leading `[`, a newline); our loader reads YAML 1.1, where `yes`, `off` or `1_000` are not text: quote those too.
    """
    tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
    return value if tag == "tag:yaml.org,2002:str" else DoubleQuotedScalarString(value)


def _texts(values: Sequence[str]) -> list[str]:
    return [text(v) for v in values]


def _source_map(article: str, quote: str) -> CommentedMap:
    return CommentedMap([("article", text(article)), ("quote", text(quote))])


def _append(item: CommentedMap, key: str, value: Any) -> None:
    """Append to the item's list `key`, creating it (as a block list) at the end of the item when missing."""
    current = item.get(key)
    if isinstance(current, list):
        current.append(value)
    else:
        item[key] = CommentedSeq([value])


def accept(event_id: str, article: str, quote: str) -> Operation:
    """A suggested passage becomes a source of the event, its words the quote; a rejection of it is withdrawn."""

    def operation(document: Document) -> tuple[str, Check]:
        def change(item: CommentedMap) -> None:
            _append(item, "sources", _source_map(article, quote))
            rejected = item.get("rejected")
            if isinstance(rejected, list):
                kept = [r for r in rejected if not (isinstance(r, dict) and r.get("article") == article)]
                if not kept:
                    del item["rejected"]
                else:
                    rejected[:] = kept

        document.edit_item("events", _event_index(document, event_id), change)
        return f"accepted {article} as a source of {event_id}", _has_source(event_id, article, quote, "sources")

    return operation


def reject(event_id: str, article: str, quote: str) -> Operation:
    """A suggested passage is recorded as rejected for the event (by its article and words): never suggested again."""

    def operation(document: Document) -> tuple[str, Check]:
        index = _event_index(document, event_id)
        document.edit_item("events", index, lambda item: _append(item, "rejected", _source_map(article, quote)))
        return f"rejected {article} for {event_id}", _has_source(event_id, article, quote, "rejected")

    return operation


def _has_source(event_id: str, article: str, quote: str, field: str) -> Check:
    def check(events_file: EventsFile) -> bool:
        event = events_file.event(event_id)
        return event is not None and any(s.article == article and s.quote == quote for s in getattr(event, field))

    return check


EDITABLE_FIELDS = ("title", "summary", "notes", "tags", "actors")


def edit_event(event_id: str, values: dict[str, str | list[str]]) -> Operation:
    """Set some of an event's title, summary, notes, tags and actors; an empty notes, tags or actors is removed."""
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise EditRefused(f"these fields cannot be edited here: {', '.join(sorted(unknown))}")

    def operation(document: Document) -> tuple[str, Check]:
        def change(item: CommentedMap) -> None:
            for key, value in values.items():
                if isinstance(value, list):
                    if value:
                        _set_list(item, key, value)
                    else:
                        item.pop(key, None)
                elif value == "" and key == "notes":
                    item.pop(key, None)
                elif item.get(key) != value:
                    item[key] = text(value)

        document.edit_item("events", _event_index(document, event_id), change)

        def check(events_file: EventsFile) -> bool:
            event = events_file.event(event_id)
            return event is not None and all(
                (list(getattr(event, k)) if isinstance(v, list) else getattr(event, k)) == v for k, v in values.items()
            )

        return f"edited {', '.join(values)} of {event_id}", check

    return operation


def _set_list(item: CommentedMap, key: str, value: list[str]) -> None:
    current = item.get(key)
    if isinstance(current, CommentedSeq):
        if list(current) != value:
            current[:] = _texts(value)
        return
    new = CommentedSeq(_texts(value))
    new.fa.set_flow_style()  # `tags: [a, b]`, as the bundled file writes short lists
    item[key] = new


@dataclass(frozen=True)
class NewEvent:
    id: str
    date: str
    title: str
    summary: str
    sources: tuple[tuple[str, str], ...]  # (article, quote)
    method: str = "explicit"
    expression: str = ""
    basis_article: str | None = None
    resolved_against: str | None = None
    actors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    notes: str = ""

    def as_map(self) -> CommentedMap:
        item = CommentedMap([("id", text(self.id)), ("date", _date_scalar(self.date))])
        basis = CommentedMap([("method", text(self.method)), ("expression", text(self.expression or self.date))])
        if self.basis_article:
            basis["article"] = text(self.basis_article)
        if self.resolved_against:
            basis["resolved_against"] = text(self.resolved_against)
        item["date_basis"] = basis
        item["title"] = text(self.title)
        item["summary"] = text(self.summary)
        for key, values in (("actors", self.actors), ("tags", self.tags)):
            if values:
                _set_list(item, key, list(values))
        item["sources"] = CommentedSeq([_source_map(a, q) for a, q in self.sources])
        if self.notes:
            item["notes"] = text(self.notes)
        return item


def _date_scalar(value: str) -> str | dt.date:
    """A day as a date, which YAML writes unquoted (`2021-05-12`) like the rest of the file; any other form as text."""
    try:
        return dt.date.fromisoformat(value) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else text(value)
    except ValueError:
        return text(value)


def add_event(event: NewEvent) -> Operation:
    """A new event, placed in chronological order (after the events of the same date)."""

    def operation(document: Document) -> tuple[str, Check]:
        if document.find("events", event.id) is not None:
            raise EditRefused(f"an event with id {event.id!r} already exists; choose another id")
        try:
            date = DateValue.parse(event.date)
        except DateFormatError as exc:
            raise EditRefused(f"date: {exc}") from None
        document.insert_item("events", event.as_map(), _position(document.tree_items("events"), date))

        def check(events_file: EventsFile) -> bool:
            found = events_file.event(event.id)
            return found is not None and found.title == event.title and found.summary == event.summary

        return f"added the event {event.id}", check

    return operation


def _position(items: Sequence[Node], date: DateValue) -> int | None:
    """The index of the first item dated after `date`; None when none is."""
    for index, item in enumerate(items):
        found = item.value.get("date") if isinstance(item.value, dict) else None
        try:
            if found is not None and DateValue.parse(str(found.value)) > date:
                return index
        except DateFormatError:
            continue
    return None


def add_actor(actor_id: str, name: str, kind: str, aliases: Sequence[str] = ()) -> Operation:
    """A new actor at the end of the registry."""

    def operation(document: Document) -> tuple[str, Check]:
        if document.find("actors", actor_id) is not None:
            raise EditRefused(f"an actor with id {actor_id!r} already exists; add an alias to it instead")
        item = CommentedMap([("id", text(actor_id)), ("name", text(name)), ("kind", text(kind))])
        if aliases:
            _set_list(item, "aliases", list(aliases))
        document.insert_item("actors", item, None)

        def check(events_file: EventsFile) -> bool:
            actor = events_file.actor(actor_id)
            return actor is not None and actor.name == name and list(actor.aliases) == list(aliases)

        return f"added the actor {actor_id}", check

    return operation


def add_alias(actor_id: str, alias: str) -> Operation:
    """Another name an existing actor goes by."""

    def operation(document: Document) -> tuple[str, Check]:
        index = document.find("actors", actor_id)
        if index is None:
            raise EditRefused(f"no actor with id {actor_id!r} in {document.path}")

        def change(item: CommentedMap) -> None:
            aliases = item.get("aliases")
            if isinstance(aliases, list):
                aliases.append(text(alias))
            else:
                _set_list(item, "aliases", [alias])

        document.edit_item("actors", index, change)

        def check(events_file: EventsFile) -> bool:
            actor = events_file.actor(actor_id)
            return actor is not None and alias in actor.aliases

        return f"added the alias {alias!r} to {actor_id}", check

    return operation


# --- suggestions: what the matcher proposes and a person decides ----------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    """A passage the matcher suggests for an event, not reviewed yet."""

    event_id: str
    passage: Passage

    def as_dict(self) -> dict[str, object]:
        from .serialize import passage_dict

        fields = passage_dict(self.passage)
        return {"event": self.event_id, **{k: v for k, v in fields.items() if k not in ("curated", "status")}}


def suggestions(timeline: Timeline, event_id: str | None = None) -> list[Suggestion]:
    """The pending suggestions, in chronological order of their events, best first within one."""
    events = timeline.events if event_id is None else [e for e in (timeline.event(event_id),) if e is not None]
    return [Suggestion(e.id, p) for e in events for p in timeline.passages_of(e.id) if not p.curated]


def find_suggestion(timeline: Timeline, event_id: str, article: str, paragraph: int) -> Suggestion | None:
    found = (s for s in suggestions(timeline, event_id) if s.passage.article == article)
    return next((s for s in found if s.passage.paragraph == paragraph), None)


def accept_suggestion(suggestion: Suggestion) -> Operation:
    """The suggestion becomes a source, its matched words (the closest sentence) the quote."""
    return accept(suggestion.event_id, suggestion.passage.article, suggestion.passage.text)


def reject_suggestion(suggestion: Suggestion) -> Operation:
    return reject(suggestion.event_id, suggestion.passage.article, suggestion.passage.text)


def decide(suggestion: Suggestion, accepting: bool) -> Operation:
    """A person's decision on a suggestion: accept or reject it."""
    return accept_suggestion(suggestion) if accepting else reject_suggestion(suggestion)


def apply_to(timeline: Timeline, operation: Operation, dry_run: bool = False) -> Change:
    """Apply a change to the events file the timeline was read from, refused if that file changed since;
    `dry_run` validates it without writing."""
    events_file = timeline.events_file
    how = prepare if dry_run else apply
    return how(events_file.path, operation, {a.id for a in timeline.articles}, events_file.sha256)


def replace_quote(event_id: str, article: str, old_quote: str, new_quote: str) -> Operation:
    """Give a source another quote: the repair of a quote that anchors nowhere."""

    def operation(document: Document) -> tuple[str, Check]:
        def change(item: CommentedMap) -> None:
            sources = item.get("sources")
            found = [
                s
                for s in (sources if isinstance(sources, list) else [])
                if isinstance(s, dict) and s.get("article") == article and s.get("quote") == old_quote
            ]
            if not found:
                raise EditRefused(f"{event_id} has no source {article!r} quoting {old_quote!r}")
            found[0]["quote"] = text(new_quote)

        document.edit_item("events", _event_index(document, event_id), change)
        return f"gave {event_id}'s source {article} a new quote", _has_source(event_id, article, new_quote, "sources")

    return operation
