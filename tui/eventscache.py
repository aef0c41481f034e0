"""The events file as read and validated, on disk: a start that finds the file unchanged skips its YAML.

Reading a large events file is most of a warm start (10,000 events: libyaml's event stream alone costs more than
everything else the explorer does before it shows them), so it is done once per version of the file.

One file beside the merge cache of the same dataset (`cache.cache_path`), keyed by the SHA-256 of the exact bytes
of the events file that were read (read once: on a miss those same bytes are parsed), by FORMAT and by the code
that reads and validates them (the digest of its modules and of PyYAML's version), so that a new rule or a fixed
bug never meets a result of the old code. Only a file that validated without a single problem is stored; on a hit
every article its events name is looked up in the corpus read now, and one that is missing means a fresh parse,
which reports it. So the events, problems and warnings are always those of a fresh parse. `timeline check` never
reads it.

JSON, every value checked for its type as it is decoded: anything unexpected (a truncated or edited file) and the
events file is parsed anew, silently (the merge cache warns about a cache folder that cannot be written). Nothing
in it runs. Written with the one atomic writer.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Container
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from . import events as events_module
from . import model, yamlread
from .atomic import WriteRefused
from .events import EventsFile, decode_events, parse_events, read_events_bytes
from .model import Actor, DateBasis, DateValue, Event, Problem, Source
from .textinput import NotAFile, TooLarge, read_file_limited

FORMAT = "timeline-events/1"
MAX_BYTES = 8 * events_module.MAX_FILE_BYTES  # far above what any valid events file stores: a bound
# The fields each record holds, in the order of the dataclass's own fields (a test keeps them so): a field added to
# the model and not here fails that test rather than vanishing from a warm start.
EVENT_FIELDS = (
    "id",
    "date",
    "date_basis",
    "title",
    "summary",
    "actors",
    "tags",
    "sources",
    "notes",
    "line",
    "rejected",
)
ACTOR_FIELDS = ("id", "name", "kind", "aliases", "titles", "handles", "description")
BASIS_FIELDS = ("method", "expression", "article", "resolved_against")
SOURCE_FIELDS = ("article", "quote", "line")


class _Unusable(Exception):
    """The stored file does not decode into what it should hold."""


def events_path(slot: Path) -> Path:
    """The parsed events file beside the merge cache file `slot`."""
    return slot.with_suffix(".events.json")


@cache
def code_digest() -> str:
    """What a stored result was computed by: this format, the modules that read and validate an events file, and
    the YAML parser's version."""
    digest = hashlib.sha256(f"{FORMAT}\n{yaml.__version__}\n{yamlread._Loader.__name__}".encode())
    for module in (events_module, model, yamlread):
        digest.update(Path(module.__file__ or "").read_bytes())
    return digest.hexdigest()


def load_events(path: str | Path, article_ids: Container[str], stored: Path) -> tuple[EventsFile, list[Problem]]:
    """`events.load_events`, from the result `stored` for these exact bytes when there is one (and it still holds
    for the corpus `article_ids`), else parsed and validated, and stored when valid."""
    path = str(path)
    data, problems = read_events_bytes(path)
    if data is None:
        return EventsFile(path, (), ()), problems
    try:
        key = hashlib.sha256(data).hexdigest() + code_digest()
    except OSError:  # the code's own files cannot be read: parsed, never stored
        key = ""
    found = _load(stored, key, path, article_ids) if key else None
    if found is not None:
        return found, []
    text, problems = decode_events(path, data)
    if text is None:
        return EventsFile(path, (), ()), problems
    events_file, problems = parse_events(path, text, article_ids)
    if key and not problems:
        _save(stored, key, events_file)
    return events_file, problems


# --- writing ---------------------------------------------------------------------------------------------------


def _source(source: Source) -> list[Any]:
    return [source.article, source.quote, source.line]


def _event(event: Event) -> list[Any]:
    basis = event.date_basis
    return [
        event.id,
        event.date.edtf,
        [basis.method, basis.expression, basis.article, basis.resolved_against],
        event.title,
        event.summary,
        list(event.actors),
        list(event.tags),
        [_source(s) for s in event.sources],
        event.notes,
        event.line,
        [_source(s) for s in event.rejected],
    ]


def _actor(actor: Actor) -> list[Any]:
    return [
        actor.id,
        actor.name,
        actor.kind,
        list(actor.aliases),
        list(actor.titles),
        list(actor.handles),
        actor.description,
    ]


def encode(key: str, events_file: EventsFile) -> bytes:
    payload = {
        "sha256": events_file.sha256,
        "start": events_file.start.edtf if events_file.start else None,
        "actors": [_actor(a) for a in events_file.actors],
        "events": [_event(e) for e in events_file.events],
    }
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
    header = json.dumps({"format": FORMAT, "key": key, "sha256": hashlib.sha256(body).hexdigest()})
    return header.encode() + b"\n" + body


def _save(stored: Path, key: str, events_file: EventsFile) -> None:
    from . import cache

    with contextlib.suppress(OSError, WriteRefused):
        cache.save(stored, encode(key, events_file))


# --- reading: every value checked, any surprise and the events file is parsed anew ------------------------------


def _load(stored: Path, key: str, path: str, article_ids: Container[str]) -> EventsFile | None:
    body = _read(stored, key)
    if body is None:
        return None
    try:
        events_file = decode(json.loads(body), path)
    except (_Unusable, ValueError, TypeError, KeyError, RecursionError):
        return None
    return events_file if _articles_known(events_file, article_ids) else None


def _read(stored: Path, key: str) -> bytes | None:
    """The body stored under `key`, intact; None for none. Only a regular file is read, with a bound."""
    try:
        head, _, body = read_file_limited(stored, MAX_BYTES).partition(b"\n")
        header = json.loads(head)
    except (OSError, NotAFile, TooLarge, ValueError, RecursionError):
        return None
    if not isinstance(header, dict) or header.get("format") != FORMAT or header.get("key") != key:
        return None
    return body if header.get("sha256") == hashlib.sha256(body).hexdigest() else None


def _articles_known(events_file: EventsFile, article_ids: Container[str]) -> bool:
    """Whether every article the events name is in the corpus (else a fresh parse says which is not)."""
    for event in events_file.events:
        basis = event.date_basis.article
        if basis is not None and basis not in article_ids:
            return False
        for source in (*event.sources, *event.rejected):
            if source.article not in article_ids:
                return False
    return True


def _text(value: Any) -> str:
    if type(value) is not str:
        raise _Unusable
    return value


def _optional_text(value: Any) -> str | None:
    if value is not None and type(value) is not str:
        raise _Unusable
    return value


def _texts(value: Any) -> tuple[str, ...]:
    if type(value) is not list or not all(type(item) is str for item in value):
        raise _Unusable
    return tuple(value)


def _line(value: Any) -> int:
    if type(value) is not int or value < 0:
        raise _Unusable
    return value


def _date(value: Any) -> DateValue:
    return events_module._parse_date(_text(value))  # DateFormatError is a ValueError


def _sources(value: Any) -> tuple[Source, ...]:
    if type(value) is not list:
        raise _Unusable
    return tuple(Source(_text(article), _text(quote), _line(line)) for article, quote, line in value)


def _decode_event(value: Any) -> Event:
    ident, date, basis, title, summary, actors, tags, sources, notes, line, rejected = value
    method, expression, article, against = basis
    return Event(
        _text(ident),
        _date(date),
        DateBasis(_text(method), _text(expression), _optional_text(article), _optional_text(against)),
        _text(title),
        _text(summary),
        _texts(actors),
        _texts(tags),
        _sources(sources),
        _text(notes),
        _line(line),
        _sources(rejected),
    )


def _decode_actor(value: Any) -> Actor:
    ident, name, kind, aliases, titles, handles, description = value
    if kind not in model.ACTOR_KINDS:
        raise _Unusable
    return Actor(_text(ident), _text(name), kind, _texts(aliases), _texts(titles), _texts(handles), _text(description))


def decode(payload: Any, path: str) -> EventsFile:
    """The EventsFile a stored payload holds; raises _Unusable, ValueError, TypeError or KeyError."""
    if type(payload) is not dict or type(payload["actors"]) is not list or type(payload["events"]) is not list:
        raise _Unusable
    start = payload["start"]
    return EventsFile(
        path,
        tuple(_decode_actor(a) for a in payload["actors"]),
        tuple(_decode_event(e) for e in payload["events"]),
        _text(payload["sha256"]),
        None if start is None else _date(start),
    )
