"""The merged timeline on disk, so that a second start skips parsing and matching.

One file per dataset (events file + corpus folder) in the user's cache directory (`TIMELINE_CACHE_DIR` overrides
it). The first line is a JSON header: the format version, the key (a hash of the paths, of events.yaml and of every
corpus file's bytes, and of the matcher's settings), the SHA-256 of the rest and the length of its JSON section.
Then the JSON payload, then the articles' texts as one UTF-8 section (JSON-decoding 10 MB of text costs more).
A file whose header, key or digest does not match, or whose payload does not decode into valid objects, is
ignored and rebuilt: nothing in it is trusted, and being JSON, nothing in it runs. Writes are atomic.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

import platformdirs

from . import align
from .corpus import MAX_ARTICLE_BYTES, Corpus, corpus_files
from .events import MAX_FILE_BYTES, EventsFile
from .model import Actor, Article, DateBasis, DateValue, Event, Paragraph, Passage, Source
from .textinput import TooLarge, read_limited

FORMAT = "timeline-merge/5"  # 5: headlines, bylines and bare attributions are never suggested
HEADER_LIMIT = 4096  # bytes of the first line, the header: format, key, digest and section length
ENV_VAR = "TIMELINE_CACHE_DIR"
_SETTINGS = (
    align.ANCHOR_THRESHOLD,
    align.CORROBORATION_THRESHOLD,
    align.RARE_WORDS_THRESHOLD,
    align.CORROBORATION_MIN_WORDS,
    align.CONTENT_WORDS_MIN,
    align.HEADLINE_MAX_WORDS,
    align.CORROBORATION_LIMIT,
    align.COMMON_FRACTION,
    align.COMMON_MIN_DOCS,
    align.PREFIX_FRACTION,
    align.TERM3_MARGIN,
)


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while building a large graph of acyclic objects: its passes would only cost
    time (each one walks every object alive, the corpus and index included)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class CacheError(Exception):
    """The cache file cannot be used: why, in a few words."""


def cache_dir() -> Path:
    override = os.environ.get(ENV_VAR)
    return Path(override) if override else Path(platformdirs.user_cache_dir("timeline"))


def cache_path(events_path: Path, corpus_dir: Path) -> Path:
    """The one cache slot of this dataset: a newer version of the inputs replaces the older entry."""
    where = f"{Path(events_path).resolve()}\n{Path(corpus_dir).resolve()}"
    return cache_dir() / f"merged-{hashlib.sha256(where.encode()).hexdigest()[:24]}.json"


def input_key(events_path: Path, corpus_dir: Path) -> str | None:
    """Hash of everything the merged timeline depends on; None when an input cannot be read.

    Every article file the loader reads counts (`corpus_files`), even one whose text it would refuse: the key only
    has to change whenever the inputs do.
    """
    digest = hashlib.sha256(f"{FORMAT}\n{_SETTINGS}\n".encode())
    digest.update(f"{Path(events_path).resolve()}\n{Path(corpus_dir).resolve()}\n".encode())
    if not Path(events_path).is_file():  # a pipe (`<(...)`) can be read once only, and by the loader
        return None
    try:  # bounded reads of regular files only: a device or a FIFO named like an article never blocks or floods
        digest.update(hashlib.sha256(read_limited(events_path, MAX_FILE_BYTES)).digest())
        for path in corpus_files(Path(corpus_dir))[0]:
            data = read_limited(path, MAX_ARTICLE_BYTES)
            digest.update(path.name.encode() + b"\0" + hashlib.sha256(data).digest())
    except (OSError, TooLarge):  # the loader reports what is wrong; without a key nothing is cached
        return None
    return digest.hexdigest()


# --- writing ---------------------------------------------------------------------------------------------------


def _passage(p: Passage) -> list[Any]:
    return [p.article, p.paragraph, p.start, p.end, p.text, p.score, p.curated]


def _source(s: Source) -> list[Any]:
    return [s.article, s.quote, s.line]


def _article(a: Article) -> dict[str, Any]:
    data = {f.name: getattr(a, f.name) for f in fields(a)}
    data["published"] = a.published.edtf if a.published else None
    ps = a.paragraphs
    data["paragraphs"] = [
        [p.number for p in ps],
        [p.start for p in ps],
        [p.end for p in ps],
        [p.boilerplate for p in ps],
    ]
    return data


def _event(e: Event) -> dict[str, Any]:
    b = e.date_basis
    return {
        "id": e.id,
        "date": e.date.edtf,
        "basis": [b.method, b.expression, b.article, b.resolved_against],
        "title": e.title,
        "summary": e.summary,
        "actors": list(e.actors),
        "tags": list(e.tags),
        "sources": [_source(s) for s in e.sources],
        "notes": e.notes,
        "line": e.line,
        "rejected": [_source(s) for s in e.rejected],
    }


def encode(corpus: Corpus, events_file: EventsFile, result: align.MergeResult) -> dict[str, Any]:
    return {
        "corpus": {"directory": corpus.directory, "articles": [_article(a) for a in corpus.articles]},
        "events_file": {
            "path": events_file.path,
            "sha256": events_file.sha256,
            "actors": [asdict(a) for a in events_file.actors],
            "events": [_event(e) for e in events_file.events],
        },
        "passages": {key: [_passage(p) for p in value] for key, value in result.passages.items()},
        "unanchored": [
            [u.event_id, _source(u.source), _passage(u.best) if u.best else None] for u in result.unanchored
        ],
    }


def save(path: Path, key: str, payload: dict[str, Any]) -> None:
    """Write atomically: a temporary file in the same folder, then os.replace. Raises OSError."""
    texts = [article.pop("text") for article in payload["corpus"]["articles"]]
    for article, text in zip(payload["corpus"]["articles"], texts, strict=True):
        article["chars"] = len(text)
    meta = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    body = meta + "".join(texts).encode("utf-8", "surrogatepass")
    fields = {"format": FORMAT, "key": key, "sha256": hashlib.sha256(body).hexdigest(), "meta": len(meta)}
    header = json.dumps(fields).encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".merged-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(header + b"\n" + body)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# --- reading: every value is checked, any surprise is a CacheError -------------------------------------------------


def _check(condition: bool, what: str) -> None:
    if not condition:
        raise CacheError(what)


def _str(value: Any) -> str:
    _check(isinstance(value, str), "a text field is not text")
    return value


def _opt_str(value: Any) -> str | None:
    return None if value is None else _str(value)


def _int(value: Any) -> int:
    _check(isinstance(value, int) and not isinstance(value, bool), "a number field is not an integer")
    return value


def _strs(value: Any) -> tuple[str, ...]:
    _check(isinstance(value, list), "a list field is not a list")
    return tuple(_str(v) for v in value)


def _read_passage(value: Any) -> Passage:
    _check(isinstance(value, list) and len(value) == 7, "a passage is malformed")
    article, paragraph, start, end, text, score, curated = value
    _check(isinstance(score, (int, float)) and isinstance(curated, bool), "a passage is malformed")
    return Passage(_str(article), _int(paragraph), _int(start), _int(end), _str(text), float(score), curated)


def _read_source(value: Any) -> Source:
    _check(isinstance(value, list) and len(value) == 3, "a source is malformed")
    return Source(_str(value[0]), _str(value[1]), _int(value[2]))


def _read_article(d: dict[str, Any]) -> Article:
    text = _str(d["text"])  # restored by `load` from the text section
    numbers, starts, ends, flags = d["paragraphs"]
    _check(len(numbers) == len(starts) == len(ends) == len(flags), "paragraph lists differ in length")
    _check(all(type(v) is int for v in (*numbers, *starts, *ends)), "a paragraph offset is not an integer")
    _check(all(type(f) is bool for f in flags), "a boilerplate flag is not a boolean")
    _check(all(0 <= s <= e <= len(text) for s, e in zip(starts, ends, strict=True)), "a paragraph span is outside")
    texts = [text[s:e] for s, e in zip(starts, ends, strict=True)]
    paragraphs = list(map(Paragraph, numbers, starts, ends, texts, flags))
    published = _opt_str(d["published"])
    body_start = _int(d["body_start"])
    _check(0 <= body_start <= len(text), "the body offset is outside the text")
    return Article(
        id=_str(d["id"]),
        path=_str(d["path"]),
        title=_str(d["title"]),
        published=DateValue.parse(published) if published else None,
        published_basis=_str(d["published_basis"]),
        published_note=_str(d["published_note"]),
        outlet=_opt_str(d["outlet"]),
        author=_opt_str(d["author"]),
        url=_opt_str(d["url"]),
        notes=_str(d["notes"]),
        text=text,
        body_start=body_start,
        paragraphs=tuple(paragraphs),
        sha256=_str(d["sha256"]),
    )


def _read_event(d: dict[str, Any]) -> Event:
    method, expression, article, against = d["basis"]
    return Event(
        id=_str(d["id"]),
        date=DateValue.parse(_str(d["date"])),
        date_basis=DateBasis(_str(method), _str(expression), _opt_str(article), _opt_str(against)),
        title=_str(d["title"]),
        summary=_str(d["summary"]),
        actors=_strs(d["actors"]),
        tags=_strs(d["tags"]),
        sources=tuple(_read_source(s) for s in d["sources"]),
        notes=_str(d["notes"]),
        line=_int(d["line"]),
        rejected=tuple(_read_source(s) for s in d["rejected"]),
    )


def _read_actor(d: dict[str, Any]) -> Actor:
    kind = _str(d["kind"])
    _check(kind in ("person", "organisation", "place"), "an actor kind is unknown")
    return Actor(
        id=_str(d["id"]),
        name=_str(d["name"]),
        kind=kind,  # type: ignore[arg-type]
        aliases=_strs(d["aliases"]),
        titles=_strs(d["titles"]),
        handles=_strs(d["handles"]),
        description=_str(d["description"]),
    )


def decode(payload: Any) -> tuple[Corpus, EventsFile, align.MergeResult]:
    """Rebuild the objects from a payload, checking every field; raises CacheError."""
    try:
        corpus = Corpus(
            _str(payload["corpus"]["directory"]), tuple(_read_article(a) for a in payload["corpus"]["articles"])
        )
        ef = payload["events_file"]
        events_file = EventsFile(
            _str(ef["path"]),
            tuple(_read_actor(a) for a in ef["actors"]),
            tuple(_read_event(e) for e in ef["events"]),
            _str(ef["sha256"]),
        )
        passages = {_str(k): tuple(_read_passage(p) for p in v) for k, v in payload["passages"].items()}
        unanchored = tuple(
            align.Unanchored(_str(eid), _read_source(src), None if best is None else _read_passage(best))
            for eid, src, best in payload["unanchored"]
        )
    except CacheError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise CacheError(f"malformed ({type(exc).__name__})") from None
    _check({e.id for e in events_file.events} >= set(passages), "passages of unknown events")
    return corpus, events_file, align.MergeResult(passages, unanchored)


def _attach_texts(payload: Any, texts: str) -> None:
    """Give each article of the payload its text back, cut from the text section by the lengths recorded."""
    try:
        articles = payload["corpus"]["articles"]
        offset = 0
        for article in articles:
            chars = _int(article.pop("chars"))
            article["text"] = texts[offset : offset + chars]
            offset += chars
    except (KeyError, TypeError, AttributeError):
        raise CacheError("malformed (article texts)") from None
    _check(offset == len(texts), "corrupt (text section length)")


def load(path: Path, key: str) -> tuple[Corpus, EventsFile, align.MergeResult] | None:
    """The cached merge for `key`, None when there is none; CacheError when the file is unusable.

    Only a regular file is read (a FIFO or a device at the path would block or never end), and its body only once
    its header, read with a bound, names this format and these inputs.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise CacheError(f"unreadable ({exc.strerror})") from None
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise CacheError("not a regular file")
    with os.fdopen(descriptor, "rb") as handle:
        try:
            head = handle.readline(HEADER_LIMIT + 1)
            header = json.loads(head) if head.endswith(b"\n") else None
        except (ValueError, RecursionError):
            header = None
        except OSError as exc:
            raise CacheError(f"unreadable ({exc.strerror})") from None
        _check(isinstance(header, dict), "not a timeline cache file")
        _check(header.get("format") == FORMAT, "another format or program")
        if header.get("key") != key:
            return None  # stale: the inputs changed since; replaced on the next save
        try:
            body = handle.read()
        except OSError as exc:
            raise CacheError(f"unreadable ({exc.strerror})") from None
    _check(header.get("sha256") == hashlib.sha256(body).hexdigest(), "corrupt (digest mismatch)")
    with paused_gc():
        meta_length = header.get("meta")
        _check(isinstance(meta_length, int) and 0 < meta_length <= len(body), "corrupt (bad section length)")
        try:
            payload = json.loads(body[:meta_length])
            texts = body[meta_length:].decode("utf-8", "surrogatepass")
        except ValueError:
            raise CacheError("corrupt (not JSON and UTF-8)") from None
        _attach_texts(payload, texts)
        return decode(payload)
