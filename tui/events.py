"""Load and validate events.yaml: the actors registry and the curated events.

Every problem is collected with its line, so a curator fixes the whole file in one pass. Nothing is written.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Container
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TypeVar

import yaml

from .model import (
    ACTOR_KINDS,
    MAX_PROBLEMS,
    Actor,
    DateBasis,
    DateFormatError,
    DateValue,
    Event,
    Problem,
    Source,
    more_problems,
)
from .textinput import (
    PIPE_WAIT_SECONDS,
    InputRefused,
    NotAFile,
    TooLarge,
    decode_utf8,
    open_failure,
    read_file_limited,
)
from .yamlread import Node, YamlError, read_yaml

try:
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")
MAX_FILE_BYTES = 20 * 1024 * 1024  # about 30,000 events; larger files are refused, not parsed for minutes
ACTOR_FIELDS = {
    "id": True,
    "name": True,
    "kind": True,
    "aliases": False,
    "titles": False,
    "handles": False,
    "description": False,
}
EVENT_FIELDS = {
    "id": True,
    "date": True,
    "date_basis": True,
    "title": True,
    "summary": True,
    "actors": False,
    "tags": False,
    "sources": True,
    "notes": False,
    "rejected": False,
}
BASIS_FIELDS = {"method": True, "expression": True, "article": False, "resolved_against": False}
SOURCE_FIELDS = {"article": True, "quote": True}
DATE_METHODS = ("explicit", "relative", "inferred")
_Identified = TypeVar("_Identified", Actor, Event)


@dataclass(frozen=True)
class EventsFile:
    path: str
    actors: tuple[Actor, ...]
    events: tuple[Event, ...]  # chronological, file order kept for events on the same date
    sha256: str = ""  # of the text read: an edit refuses to write over a file changed since
    start: DateValue | None = None  # the chronology's focus, where the explorer opens; None: the busiest week

    def actor(self, actor_id: str) -> Actor | None:
        return self._actors_by_id.get(actor_id)

    def event(self, event_id: str) -> Event | None:
        return self._events_by_id.get(event_id)

    # Lookups by id, made on first use (a frozen dataclass keeps a cached_property in its __dict__); the first of
    # equal ids wins, as a scan would find it.
    @cached_property
    def _actors_by_id(self) -> dict[str, Actor]:
        return _first_by_id(self.actors)

    @cached_property
    def _events_by_id(self) -> dict[str, Event]:
        return _first_by_id(self.events)


def _first_by_id(items: tuple[_Identified, ...]) -> dict[str, _Identified]:
    by_id: dict[str, _Identified] = {}
    for item in items:
        by_id.setdefault(item.id, item)
    return by_id


class _Checker:
    """Reads typed fields out of YAML nodes, recording a problem for each wrong one."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.count = 0  # every problem found; only the first MAX_PROBLEMS are kept

    def add(self, line: int, field: str, message: str) -> None:
        self.count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(self.path, line, field, message))

    def listed(self) -> list[Problem]:
        """The problems kept, and one more standing for those only counted."""
        hidden = self.count - len(self.problems)
        return [*self.problems, more_problems(self.path, hidden)] if hidden else self.problems

    def fields(self, node: Node, spec: dict[str, bool], what: str, prefix: str) -> dict[str, Node] | None:
        if not isinstance(node.value, dict):
            self.add(node.line, prefix or what, f"{what} must be a mapping, not {node.kind()}")
            return None
        mapping: dict[str, Node] = node.value
        for key, value in mapping.items():
            if key not in spec:
                self.add(value.line, _join(prefix, key), f"unknown field in {what}; known: {', '.join(spec)}")
        for key, required in spec.items():
            if required and (key not in mapping or mapping[key].value in (None, "")):
                self.add(node.line, _join(prefix, key), f"missing; every {what} needs it")
        return mapping

    def text(self, mapping: dict[str, Node], key: str, prefix: str) -> str | None:
        node = mapping.get(key)
        if node is None or node.value is None:
            return None
        if isinstance(node.value, (dict, list)):
            self.add(node.line, _join(prefix, key), f"must be text, not {node.kind()}")
            return None
        if isinstance(node.value, bool):
            self.add(node.line, _join(prefix, key), "must be text, not true/false (quote it)")
            return None
        return str(node.value)

    def texts(self, mapping: dict[str, Node], key: str, prefix: str) -> list[tuple[str, int]]:
        node = mapping.get(key)
        if node is None or node.value is None:
            return []
        if not isinstance(node.value, list):
            self.add(node.line, _join(prefix, key), f"must be a list, not {node.kind()}")
            return []
        result = []
        for index, item in enumerate(node.value):
            if isinstance(item.value, (dict, list, bool)) or item.value is None:
                self.add(item.line, f"{_join(prefix, key)}[{index}]", f"must be text, not {item.kind()}")
            else:
                result.append((str(item.value), item.line))
        return result

    def items(self, root: dict[str, Node], key: str) -> list[Node]:
        node = root.get(key)
        if node is None or node.value is None:
            return []
        if not isinstance(node.value, list):
            self.add(node.line, key, f"must be a list, not {node.kind()}")
            return []
        return node.value


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def read_events_text(path: str) -> tuple[str | None, list[Problem]]:
    """The file's text, or the problem that stops it being read."""
    data, problems = read_events_bytes(path)
    return (None, problems) if data is None else decode_events(path, data)


def read_events_bytes(path: str) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes, read once with a bound, or the problem that stops it being read."""
    try:
        return read_file_limited(path, MAX_FILE_BYTES, pipe_wait=PIPE_WAIT_SECONDS), []
    except TooLarge as exc:
        return None, [Problem(path, 0, "", f"{exc}, too large for an events file; split it")]
    except NotAFile as exc:
        return None, [Problem(path, 0, "", f"{exc}; pass the events file with --events FILE")]
    except OSError as exc:
        return None, [Problem(path, 0, "", f"{open_failure(path, exc)}; pass the events file with --events FILE")]


def decode_events(path: str, data: bytes) -> tuple[str | None, list[Problem]]:
    """The text of an events file's bytes, or the problem with them (not UTF-8)."""
    try:
        return decode_utf8(path, data), []
    except InputRefused as exc:
        return None, [Problem(path, exc.line, "", exc.message)]


def parse_events(path: str, text: str, article_ids: Container[str] | None = None) -> tuple[EventsFile, list[Problem]]:
    """Validate events.yaml text. `article_ids`, when given, is the corpus that sources must name."""
    check = _Checker(path)
    digest = text_digest(text)
    empty = EventsFile(path, (), (), digest)
    if "\t" in text and re.search(r"^\s*\t", text, re.M):
        line = next(i for i, s in enumerate(text.splitlines(), 1) if re.match(r"^\s*\t", s))
        check.add(line, "", "a tab indents this line; YAML indents with spaces only")
        return empty, check.problems
    try:
        root = read_yaml(text)
    except YamlError as exc:
        check.add(exc.line, "", exc.message)
        return empty, check.problems
    if root is None:
        check.add(1, "", "the file is empty; it needs 'actors:' and 'events:' lists (see the README)")
        return empty, check.problems
    top = check.fields(root, {"start": False, "actors": False, "events": True}, "events file", "")
    if top is None:
        return empty, check.problems
    start = _date(check, top.get("start"), "start")

    actors = _actors(check, top)
    actor_ids = {a.id for a in actors}
    events: list[Event] = []
    seen: dict[str, int] = {}
    for index, node in enumerate(check.items(top, "events")):
        raw_id = node.value.get("id") if isinstance(node.value, dict) else None
        duplicate = raw_id is not None and raw_id.value in seen
        if duplicate:
            used_at = seen[raw_id.value]
            check.add(node.line, f"events[{index}].id", f"{raw_id.value!r} is already used at line {used_at}")
        elif raw_id is not None and isinstance(raw_id.value, str):
            seen[raw_id.value] = node.line
        event = _event(check, node, f"events[{index}]", actor_ids, article_ids)
        if event is not None and not duplicate:
            events.append(event)
    events.sort(key=lambda e: e.date)  # stable: same-date events keep file order
    return EventsFile(path, tuple(actors), tuple(events), digest, start), check.listed()


def text_digest(text: str) -> str:
    """The identity of an events file's text, to tell whether it changed since it was read."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _actors(check: _Checker, top: dict[str, Node]) -> list[Actor]:
    actors: list[Actor] = []
    seen: dict[str, int] = {}
    for index, node in enumerate(check.items(top, "actors")):
        prefix = f"actors[{index}]"
        fields = check.fields(node, ACTOR_FIELDS, "actor", prefix)
        if fields is None:
            continue
        before = check.count
        actor_id = check.text(fields, "id", prefix)
        name = check.text(fields, "name", prefix)
        kind = check.text(fields, "kind", prefix)
        if actor_id is not None and not SLUG.match(actor_id):
            check.add(fields["id"].line, f"{prefix}.id", f"{actor_id!r} is not a slug (lowercase letters, digits, -)")
        if kind is not None and kind not in ACTOR_KINDS:
            check.add(fields["kind"].line, f"{prefix}.kind", f"{kind!r}: must be one of {', '.join(ACTOR_KINDS)}")
        lists = {key: tuple(t for t, _ in check.texts(fields, key, prefix)) for key in ("aliases", "titles", "handles")}
        description = check.text(fields, "description", prefix) or ""
        if check.count > before or actor_id is None or name is None or kind is None:
            continue
        if actor_id in seen:
            check.add(node.line, f"{prefix}.id", f"{actor_id!r} is already used at line {seen[actor_id]}")
            continue
        seen[actor_id] = node.line
        actors.append(Actor(actor_id, name, kind, description=description, **lists))  # type: ignore[arg-type]
    return actors


def _event(
    check: _Checker, node: Node, prefix: str, actor_ids: set[str], article_ids: Container[str] | None
) -> Event | None:
    before = check.count  # before the fields check too: a missing required field is one of its problems
    fields = check.fields(node, EVENT_FIELDS, "event", prefix)
    if fields is None:
        return None
    event_id = check.text(fields, "id", prefix)
    if event_id is not None and not SLUG.match(event_id):
        check.add(fields["id"].line, f"{prefix}.id", f"{event_id!r} is not a slug (lowercase letters, digits, -)")
    date = _date(check, fields.get("date"), f"{prefix}.date")
    basis = _basis(check, fields.get("date_basis"), f"{prefix}.date_basis", article_ids)
    title = check.text(fields, "title", prefix)
    summary = check.text(fields, "summary", prefix)
    notes = check.text(fields, "notes", prefix) or ""
    actors = check.texts(fields, "actors", prefix)
    for actor_id, line in actors:
        if actor_id not in actor_ids:
            check.add(line, f"{prefix}.actors", f"{actor_id!r} is not in the actors registry; add it under 'actors:'")
    tags = [t for t, _ in check.texts(fields, "tags", prefix)]
    sources = _sources(check, fields.get("sources"), f"{prefix}.sources", article_ids)
    rejected = _sources(check, fields.get("rejected"), f"{prefix}.rejected", article_ids, allow_empty=True)
    if check.count > before:
        return None
    assert event_id and date and basis and title and summary is not None
    return Event(
        id=event_id,
        date=date,
        date_basis=basis,
        title=title,
        summary=summary,
        actors=tuple(a for a, _ in actors),
        tags=tuple(tags),
        sources=tuple(sources),
        notes=notes,
        line=node.line,
        rejected=tuple(rejected),
    )


def _date(check: _Checker, node: Node | None, field: str) -> DateValue | None:
    if node is None or node.value is None:
        return None
    if isinstance(node.value, (dict, list, bool, float)):
        check.add(node.line, field, f"must be a date such as 2021-05-12, 2021-05 or 2021, not {node.kind()}")
        return None
    try:
        value = _parse_date(str(node.value))
    except DateFormatError as exc:
        check.add(node.line, field, str(exc))
        return None
    if (problem := value.year_problem()) is not None:
        check.add(node.line, field, problem)
        return None
    return value


@lru_cache(maxsize=4096)
def _parse_date(text: str) -> DateValue:
    """DateValue.parse, once per distinct text: thousands of events share a few hundred dates."""
    return DateValue.parse(text)


def _basis(check: _Checker, node: Node | None, prefix: str, article_ids: Container[str] | None) -> DateBasis | None:
    if node is None or node.value is None:
        return None
    fields = check.fields(node, BASIS_FIELDS, "date_basis", prefix)
    if fields is None:
        return None
    method = check.text(fields, "method", prefix)
    expression = check.text(fields, "expression", prefix)
    article = check.text(fields, "article", prefix)
    against = check.text(fields, "resolved_against", prefix)
    if method is not None and method not in DATE_METHODS:
        check.add(fields["method"].line, f"{prefix}.method", f"{method!r}: must be one of {', '.join(DATE_METHODS)}")
        return None
    if method == "relative" and not against:
        check.add(node.line, f"{prefix}.resolved_against", "a relative date must say what it was resolved against")
        return None
    if article is not None:
        _check_article(check, fields["article"], f"{prefix}.article", article, article_ids)
    if method is None or expression is None:
        return None
    return DateBasis(method, expression, article, against)


def _sources(
    check: _Checker, node: Node | None, prefix: str, article_ids: Container[str] | None, allow_empty: bool = False
) -> list[Source]:
    """Sources, or rejected suggestions (`allow_empty`): both are {article, quote}."""
    if node is None or node.value is None:
        return []
    if not isinstance(node.value, list) or not (node.value or allow_empty):
        check.add(node.line, prefix, "must be a non-empty list of {article, quote}")
        return []
    sources = []
    for index, item in enumerate(node.value):
        item_prefix = f"{prefix}[{index}]"
        fields = check.fields(item, SOURCE_FIELDS, "source", item_prefix)
        if fields is None:
            continue
        article = check.text(fields, "article", item_prefix)
        quote = check.text(fields, "quote", item_prefix)
        if article is not None:
            _check_article(check, fields["article"], f"{item_prefix}.article", article, article_ids)
        if quote is not None and len(quote.strip()) < 8:
            check.add(fields["quote"].line, f"{item_prefix}.quote", "too short to anchor; quote at least a phrase")
            continue
        if article is not None and quote is not None:
            sources.append(Source(article, quote, item.line))
    return sources


def _check_article(check: _Checker, node: Node, field: str, article: str, article_ids: Container[str] | None) -> None:
    if not SLUG.match(article):
        check.add(node.line, field, f"{article!r} is not an article id (ids are slugs, never paths)")
    elif article_ids is not None and article not in article_ids:
        check.add(node.line, field, f"{article!r} is not an article of the corpus; `timeline articles` lists them")


TEXT_FIELDS = ("name", "description", "expression", "resolved_against", "title", "summary", "notes", "quote")
_FIELD_ON_LINE = re.compile(r"^\s*(?:-\s+)?([A-Za-z_]+)\s*:")
_SPACE_HASH = re.compile(r"[^\S\r\n]#")  # a '#' after a space on its line: what a comment after a value needs


def comment_cuts(path: str, text: str) -> list[Problem]:
    """Warnings for unquoted text cut short by a comment: `quote: it's a #TerroristCamp` reads as "it's a".

    YAML ends a plain scalar at ` #`; the rest of the line silently becomes a comment. Only text fields are looked
    at (a comment after an id or a date is just a comment).
    """
    if not _SPACE_HASH.search(text):  # no comment follows anything on its line: none can cut a text
        return []
    lines = text.splitlines()
    warnings = []
    try:
        for event in yaml.parse(text, Loader=_SafeLoader):
            if type(event) is yaml.ScalarEvent and event.style in (None, ""):
                warning = _comment_cut(path, lines, event)
                if warning is not None:
                    warnings.append(warning)
    except yaml.YAMLError:
        return []  # the loader reports what is wrong with the file
    return warnings


def _comment_cut(path: str, lines: list[str], event: yaml.ScalarEvent) -> Problem | None:
    """The warning for a plain scalar followed by a comment on its last line, if it is a text field's."""
    end = event.end_mark
    if end.line >= len(lines) or not re.match(r"\s+#", lines[end.line][end.column :]):
        return None
    field = _FIELD_ON_LINE.match(lines[event.start_mark.line])
    if not field or field[1] not in TEXT_FIELDS or event.value == field[1]:
        return None
    comment = lines[end.line][end.column :].strip()
    return Problem(
        path,
        end.line + 1,
        field[1],
        f"reads as {event.value[-30:]!r}: the unquoted text ends at ' #', "
        f"so {comment[:30]!r} is a comment; put the whole text in double quotes if it belongs to it",
    )


def load_events(path: str | Path, article_ids: Container[str] | None = None) -> tuple[EventsFile, list[Problem]]:
    """Read and validate an events file; problems are collected, never raised."""
    path = str(path)
    text, problems = read_events_text(path)
    if text is None:
        return EventsFile(path, (), ()), problems
    return parse_events(path, text, article_ids)
