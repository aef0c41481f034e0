"""The inputs as read and validated, on disk: a start that finds a file unchanged does not parse it again.

Parsing is most of a warm start on a large dataset (10,000 events and 2,000 articles: the events file's YAML, then
every article's front matter and paragraphs), so each version of a file is parsed once.

Two files beside the merge cache of the same dataset (`cache.cache_path`):
- the events file as validated, with each event's digest that keys the merge cache (`cache.event_digest`), keyed
  by the SHA-256 of the exact bytes that were read (read once: on a miss those same bytes are parsed, a large file
  in a helper process while the corpus is read). Only a file that validated without a single problem is stored
  (the articles it names aside: a file parsed in the helper is validated without the corpus); on a hit every
  article its events name is looked up in the corpus read now, and one that is missing means a fresh parse, which
  reports it;
- each article as parsed (its metadata and its paragraphs' offsets, not its text), keyed by its path and the
  SHA-256 of its bytes; only an article without a problem is stored. The checks between articles (a duplicate id
  or text, an unknown `published_from`) are made on every load.
Both are keyed by FORMAT and by the code that reads, validates and digests them (the digest of its modules and of
PyYAML's version), so that a new rule or a fixed bug never meets a result of the old code. So the events, articles,
problems and warnings are always those of a fresh parse. `timeline check` never reads them.

JSON, every value checked for its type (and a paragraph for its place in its text) as it is decoded: anything
unexpected (a truncated or edited file) and the file is parsed anew, silently (the merge cache warns about a
cache folder that cannot be written). Nothing in it runs. Written with the one atomic writer.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable, Container
from dataclasses import dataclass
from functools import cache as once
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from . import cache, model, yamlread
from . import corpus as corpus_module
from . import events as events_module
from .aside import Aside
from .atomic import WriteRefused
from .corpus import Corpus
from .events import EventsFile, decode_events, parse_events, read_events_bytes
from .model import Actor, Article, DateBasis, DateValue, Event, Paragraph, Problem, Source
from .textinput import NotAFile, TooLarge, read_file_limited

FORMAT = "timeline-parsed/1"
MAX_BYTES = 2**31  # far above what any valid dataset stores: a bound, not a limit users meet
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
ARTICLE_FIELDS = (  # `path` and `text` are the file's, read on every load
    "id",
    "path",
    "title",
    "published",
    "published_basis",
    "published_note",
    "outlet",
    "author",
    "url",
    "notes",
    "text",
    "body_start",
    "paragraphs",
    "sha256",
    "published_from",
)
PARAGRAPH_FIELDS = ("number", "start", "end", "text", "boilerplate")  # the number is its place, the text is cut


Digests = dict[str, str]  # event id -> cache.event_digest of the event
Inputs = tuple[Corpus, EventsFile, list[Problem], Digests | None]
ParsedEvents = tuple[EventsFile, list[Problem], Digests | None]


class _Unusable(Exception):
    """The stored file does not decode into what it should hold."""


def events_path(slot: Path) -> Path:
    """The validated events file beside the merge cache file `slot`."""
    return slot.with_suffix(".events.json")


def articles_path(slot: Path) -> Path:
    """The parsed articles beside the merge cache file `slot`."""
    return slot.with_suffix(".articles.json")


# The code that reads, validates and digests the inputs (cache: the events' digests), and this module's own way of
# storing them.
READING_CODE = ("textinput.py", "events.py", "corpus.py", "model.py", "yamlread.py", "cache.py", "parsecache.py")


@once
def code_digest() -> str:
    """What a stored result was computed by: this format, the code that reads and validates the inputs, and the
    YAML parser's version. Raises OSError when the code's own files cannot be read."""
    return cache.source_digest(f"{FORMAT}\n{yaml.__version__}\n{yamlread._Loader.__name__}", READING_CODE)


def _code_digest() -> str:
    try:
        return code_digest()
    except OSError:  # the code's own files cannot be read: everything is parsed, nothing stored
        return ""


def load_inputs(
    events: str | Path, corpus_dir: str | Path, slot: Path, meanwhile: Callable[[Corpus, bool], None] | None = None
) -> Inputs:
    """`timeline.load_inputs`, each file from what is stored beside the merge cache `slot` when it is unchanged.

    `meanwhile`, when given, is called with the corpus once it is read without a problem, before the events are
    taken: work that needs the corpus alone is done while an events file of ASIDE_BYTES or more, not stored, is
    parsed in a helper process (`aside`); its second argument says whether it is (so there are thousands of
    events, and time to spare). The events and problems are the same either way."""
    read = _read_events(str(events), events_path(slot))
    parsing = None
    if meanwhile is not None and read.stored is None and read.data is not None and len(read.data) >= ASIDE_BYTES:
        parsing = Aside(partial(_parse_events, read, None))
    corpus, problems = load_corpus(corpus_dir, articles_path(slot))
    if meanwhile is not None and not problems:
        meanwhile(corpus, parsing is not None)
    events_file, event_problems, digests = _take_events(read, corpus, parsing)
    return corpus, events_file, problems + event_problems, digests


# --- the events file ---------------------------------------------------------------------------------------------

ASIDE_BYTES = 2**20  # an events file this large (some 1,500 events) takes longer to parse than a helper to start


@dataclass(frozen=True)
class _EventsRead:
    """The events file's bytes as read (once), the key they are stored under, and what is stored under it."""

    path: str
    data: bytes | None  # None: unreadable (`problems` say why)
    problems: list[Problem]
    key: str = ""  # "" when nothing may be stored (the code's own files cannot be read)
    stored_at: Path | None = None
    stored: Any = None  # the stored payload for these bytes, not yet decoded


def _read_events(path: str, stored: Path) -> _EventsRead:
    data, problems = read_events_bytes(path)
    if data is None:
        return _EventsRead(path, None, problems)
    code = _code_digest()
    if not code:
        return _EventsRead(path, data, problems)
    key = hashlib.sha256(data).hexdigest() + code
    return _EventsRead(path, data, problems, key, stored, _read(stored, key))


def _take_events(read: _EventsRead, article_ids: Container[str], parsing: Aside[ParsedEvents] | None) -> ParsedEvents:
    """`events.load_events` of the bytes read, from the result stored for them when there is one (and it still holds
    for the corpus `article_ids`), else parsed and validated, and stored when valid; with the merge's digest of each
    event (`cache.event_digest`) when it was stored with them or parsed here.

    `parsing`: the same bytes parsed without the corpus, in a helper process. Its result is taken when it holds no
    problem and every article it names is in the corpus: a parse with the corpus finds no problem more, and gives
    the same events. Else they are parsed again here, with the corpus, which says which article is unknown."""
    if read.data is None:
        return EventsFile(read.path, (), ()), read.problems, None
    if read.stored is not None:
        found = _decode_stored(read.stored, read.path, article_ids)
        if found is not None:
            return found[0], [], found[1]
    if parsing is not None:
        events_file, problems, digests = parsing.result()
        if not problems and _articles_known(events_file, article_ids):
            return events_file, problems, digests
    return _parse_events(read, article_ids)


def _parse_events(read: _EventsRead, article_ids: Container[str] | None) -> ParsedEvents:
    """The bytes read, decoded, parsed and validated (against the corpus `article_ids`, when given); stored with
    each event's digest when valid. A file that names an article the corpus lacks may be stored when parsed without
    the corpus: every article a stored file names is looked up in the corpus before it is taken."""
    assert read.data is not None
    text, problems = decode_events(read.path, read.data)
    if text is None:
        return EventsFile(read.path, (), ()), problems, None
    events_file, problems = parse_events(read.path, text, article_ids)
    if not read.key or read.stored_at is None or problems:
        return events_file, problems, None
    digests = {e.id: cache.event_digest(e) for e in events_file.events}
    _save(read.stored_at, read.key, _encode_events(events_file, digests))
    return events_file, problems, digests


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
    lists = [list(actor.aliases), list(actor.titles), list(actor.handles)]
    return [actor.id, actor.name, actor.kind, *lists, actor.description]


def _encode_events(events_file: EventsFile, digests: Digests) -> dict[str, Any]:
    return {
        "sha256": events_file.sha256,
        "start": events_file.start.edtf if events_file.start else None,
        "actors": [_actor(a) for a in events_file.actors],
        "events": [_event(e) for e in events_file.events],
        "digests": [digests[e.id] for e in events_file.events],
    }


def _decode_stored(payload: Any, path: str, article_ids: Container[str]) -> tuple[EventsFile, Digests] | None:
    try:
        events_file = decode_events_file(payload, path)
        digests = _texts(payload["digests"])
    except (_Unusable, ValueError, TypeError, KeyError):
        return None
    if len(digests) != len(events_file.events) or not _articles_known(events_file, article_ids):
        return None
    return events_file, dict(zip((e.id for e in events_file.events), digests, strict=True))


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


def _sources(value: Any) -> tuple[Source, ...]:
    sources = []
    for article, quote, line in value:
        if type(article) is not str or type(quote) is not str or type(line) is not int or line < 0:
            raise _Unusable
        sources.append(Source(article, quote, line))
    return tuple(sources)


def _decode_event(value: Any) -> Event:
    """One stored event; its checks are written out in one test: a warm start decodes ten thousand."""
    ident, date, basis, title, summary, actors, tags, sources, notes, line, rejected = value
    method, expression, article, against = basis
    if (
        type(ident) is not str
        or type(title) is not str
        or type(summary) is not str
        or type(notes) is not str
        or type(line) is not int
        or line < 0
        or type(method) is not str
        or type(expression) is not str
        or (article is not None and type(article) is not str)
        or (against is not None and type(against) is not str)
        or type(sources) is not list
        or type(rejected) is not list
    ):
        raise _Unusable
    return Event(
        ident,
        _date(date),
        DateBasis(method, expression, article, against),
        title,
        summary,
        _texts(actors),
        _texts(tags),
        _sources(sources),
        notes,
        line,
        _sources(rejected),
    )


def _decode_actor(value: Any) -> Actor:
    ident, name, kind, aliases, titles, handles, description = value
    if kind not in model.ACTOR_KINDS:
        raise _Unusable
    return Actor(_text(ident), _text(name), kind, _texts(aliases), _texts(titles), _texts(handles), _text(description))


def decode_events_file(payload: Any, path: str) -> EventsFile:
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


# --- the articles ------------------------------------------------------------------------------------------------


def load_corpus(directory: str | Path, stored: Path) -> tuple[Corpus, list[Problem]]:
    """`corpus.load_corpus`, each article whose file is unchanged taken from those `stored`; stored anew when
    the articles read without a problem are not those stored."""
    store = _ArticleStore(stored)
    corpus, problems = corpus_module.load_corpus(directory, store)
    if store.code and store.kept.keys() != store.records.keys():
        _save(stored, store.code, store.kept)
    return corpus, problems


class _ArticleStore:
    """`corpus.ArticleStore` on the stored file: its records by path and digest, and those of this load."""

    def __init__(self, stored: Path) -> None:
        self.code = _code_digest()
        payload = _read(stored, self.code) if self.code else None
        self.records: dict[str, Any] = payload if type(payload) is dict else {}
        self.kept: dict[str, Any] = {}

    def article(self, path: str, digest: bytes, text: str) -> Article | None:
        record = self.records.get(_record_key(path, digest))
        if record is None:
            return None
        try:
            return _decode_article(record, path, text)
        except (_Unusable, ValueError, TypeError, KeyError):
            return None

    def keep(self, path: str, digest: bytes, article: Article) -> None:
        key = _record_key(path, digest)
        record = self.records.get(key)
        self.kept[key] = record if record is not None else _article(article)


def _record_key(path: str, digest: bytes) -> str:
    return f"{digest.hex()} {path}"


def _article(article: Article) -> list[Any]:
    paragraphs = []
    for paragraph in article.paragraphs:
        paragraphs += [paragraph.start, paragraph.end, paragraph.boilerplate]
    published = article.published.edtf if article.published else None
    metadata = [article.published_basis, article.published_note, article.outlet, article.author, article.url]
    places = [article.body_start, paragraphs, article.sha256, list(article.published_from)]
    return [article.id, article.title, published, *metadata, article.notes, *places]


def _decode_article(record: Any, path: str, text: str) -> Article:
    ident, title, published, basis, note, outlet, author, url, notes, body_start, flat, sha256, sources = record
    if type(flat) is not list or len(flat) % 3 or type(body_start) is not int:
        raise _Unusable
    if not 0 <= body_start <= len(text):
        raise _Unusable
    paragraphs = []
    size = len(text)
    places = iter(flat)
    for number, (start, end, boilerplate) in enumerate(zip(places, places, places, strict=True), 1):
        if type(start) is not int or type(end) is not int or type(boilerplate) is not bool:
            raise _Unusable
        if not body_start <= start <= end <= size:
            raise _Unusable
        paragraphs.append(Paragraph(number, start, end, text[start:end], boilerplate))
    return Article(
        id=_text(ident),
        path=path,
        title=_text(title),
        published=None if published is None else _date(published),
        published_basis=_text(basis),
        published_note=_text(note),
        outlet=_optional_text(outlet),
        author=_optional_text(author),
        url=_optional_text(url),
        notes=_text(notes),
        text=text,
        body_start=body_start,
        paragraphs=tuple(paragraphs),
        sha256=_text(sha256),
        published_from=_texts(sources),
    )


# --- the stored files --------------------------------------------------------------------------------------------


def _save(stored: Path, key: str, payload: Any) -> None:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
    header = json.dumps({"format": FORMAT, "key": key, "sha256": hashlib.sha256(body).hexdigest()})
    with contextlib.suppress(OSError, WriteRefused):
        cache.save(stored, header.encode() + b"\n" + body)


def _read(stored: Path, key: str) -> Any:
    """What is stored under `key`, intact and decoded; None for none. Only a regular file is read, with a bound."""
    try:
        head, _, body = read_file_limited(stored, MAX_BYTES).partition(b"\n")
        header = json.loads(head)
        if not isinstance(header, dict) or header.get("format") != FORMAT or header.get("key") != key:
            return None
        if header.get("sha256") != hashlib.sha256(body).hexdigest():
            return None
        return json.loads(body)
    except (OSError, NotAFile, TooLarge, ValueError, RecursionError):
        return None


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


def _count(value: Any) -> int:
    if type(value) is not int or value < 0:
        raise _Unusable
    return value


def _date(value: Any) -> DateValue:
    return events_module._parse_date(_text(value))  # DateFormatError is a ValueError
