"""The merge result on disk, so that a second start skips matching, and a small change matches only what changed.

One file per dataset (events file + corpus folder) in the user's cache directory (`TIMELINE_CACHE_DIR` overrides
it). It holds only what is expensive to compute: every event's passages and the sources that anchor nowhere, each
recorded with a digest of what it was computed from (per article: its id, body, boilerplate marks, title and
publication date; per event: its id, title, summary, sources, rejected suggestions and date), and the corpus
statistics the words were judged by. The inputs themselves are read on every start (what parsing them gave is
kept beside this file, by `parsecache`) and the digests are taken of what was read, so a file that changes while
it is read can never be stored under the key of another version.

The first line is a JSON header: the format and a digest of the matcher's code (`code_version`: a result is reused
only by the code that computed it), the key (a hash of every digest and of the matcher's settings), the SHA-256 of
the rest and the length of its first section. Then the JSON of the merge result, then the JSON of the
statistics (decoded only for an incremental merge). Anything that does not decode into the expected shape (a
truncated or edited file, a nesting too deep to decode, a passage outside its paragraph) is a CacheError: the
cache is ignored and rebuilt. Being JSON, nothing in it runs. Written with the one atomic writer.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import stat
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from . import align, heap, reportdate
from .atomic import write_atomic
from .corpus import Corpus
from .model import Article, Event, Passage

FORMAT = "timeline-merge/10"  # 10: digests of the repr of what was read, and "today" is a day
# The matcher's own code, beside the package: a result is reused only by the code that computed it, so that a changed
# rule (not only a changed setting, which the key holds) never meets a result of the old one.
MATCHER_CODE = (
    "align.py",
    "reportdate.py",
    "dates/*.py",
    "normalise.py",
    "sentences.py",
    "corpus.py",
    "model.py",
    "incremental.py",
    "indexcache.py",
    "cache.py",
)
HEADER_LIMIT = 4096  # bytes of the first line, the header: format, key, digest and section length
ENV_VAR = "TIMELINE_CACHE_DIR"
_SETTINGS = (
    align.ANCHOR_THRESHOLD,
    align.CORROBORATION_THRESHOLD,
    align.RARE_WORDS_THRESHOLD,
    align.CORROBORATION_MIN_WORDS,
    align.CONTENT_WORDS_MIN,
    align.DAY_NAMED_RELIEF,
    align.QUOTED_MIN_WORDS,
    align.HEADLINE_MAX_WORDS,
    reportdate.REPORT_WINDOW_DAYS,
    align.CORROBORATION_LIMIT,
    align.COMMON_FRACTION,
    align.COMMON_MIN_DOCS,
    align.TERM3_MARGIN,
)


class CacheError(Exception):
    """The cache file cannot be used: why, in a few words."""


def cache_dir() -> Path:
    override = os.environ.get(ENV_VAR)
    return Path(override) if override else Path(platformdirs.user_cache_dir("timeline"))


def cache_path(events_path: Path, corpus_dir: Path) -> Path:
    """The one cache slot of this dataset: a newer version of the inputs replaces the older entry."""
    where = f"{Path(events_path).resolve()}\n{Path(corpus_dir).resolve()}"
    name = hashlib.sha256(where.encode("utf-8", "surrogateescape")).hexdigest()[:24]  # a name not UTF-8 as is
    return cache_dir() / f"merged-{name}.json"


# --- what a merge result was computed from ---------------------------------------------------------------------


def _digest(*parts: object) -> str:
    """Of text, numbers, None and lists of them: their repr tells any two apart, and costs a third of JSON's (a
    warm start takes one per event)."""
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def article_digest(article: Article) -> str:
    """All the merge reads of an article: its id, its body (by the parser's hash of it), its boilerplate marks, its
    title (a headline is never suggested) and its publication date (an article written before an event is not
    evidence of it)."""
    published = article.published.edtf if article.published else None
    boilerplate = [p.number for p in article.paragraphs if p.boilerplate]
    return _digest(article.id, article.sha256, boilerplate, article.title, published)


def event_digest(event: Event) -> str:
    """All the merge reads of an event: its id, title, summary, sources, rejected suggestions and its date (not its
    line)."""
    sources = [[s.article, s.quote] for s in event.sources]
    rejected = [[s.article, s.quote] for s in event.rejected]
    return _digest(event.id, event.title, event.summary, sources, rejected, event.date.edtf)


def digests(
    corpus: Corpus, events: tuple[Event, ...], known: dict[str, str] | None = None
) -> tuple[dict[str, str], dict[str, str]]:
    """The digest of every article and event; `known`: those of the events, taken before (`parsecache`)."""
    return {a.id: article_digest(a) for a in corpus.articles}, known or {e.id: event_digest(e) for e in events}


def source_digest(label: str, patterns: Iterable[str]) -> str:
    """A digest of `label` and of the package's source files these glob patterns name: what a stored result was
    computed by. Raises OSError when one cannot be read."""
    digest = hashlib.sha256(label.encode())
    package = Path(__file__).parent
    for pattern in patterns:
        for path in sorted(package.glob(pattern)):
            digest.update(f"{path.relative_to(package)}\n".encode() + path.read_bytes())
    return digest.hexdigest()


@functools.cache
def code_version() -> str:
    """FORMAT and a digest of the matcher's code (a version no other process shares when it cannot be read)."""
    try:
        return f"{FORMAT} {source_digest(FORMAT, MATCHER_CODE)[:20]}"
    except OSError:
        return f"{FORMAT} {uuid.uuid4().hex}"


def input_key(articles: dict[str, str], events: dict[str, str]) -> str:
    """One hash of everything a merge depends on: the settings and the digest of every article and event."""
    return _digest(code_version(), _SETTINGS, list(articles.items()), list(events.items()))


@dataclass
class Entry:
    """A merge result as cached, its passages not yet checked against the corpus (see `passages_for`)."""

    key: str
    articles: dict[str, str]  # article id -> digest, of the corpus the result describes
    events: dict[str, str]  # event id -> digest
    passages: dict[str, list[Any]]  # event id -> its passages as stored
    unanchored: dict[str, list[Any]]  # event id -> [source index, best passage or None] per unanchored source
    base: int  # articles in the corpus the statistics were taken from
    drift: int  # articles added, changed or removed since then
    statistics_json: bytes  # decoded only when needed


# --- writing ---------------------------------------------------------------------------------------------------


def _passage(p: Passage) -> list[Any]:
    return [p.article, p.paragraph, p.start, p.end, p.score, p.curated]


def encode(
    articles: dict[str, str],
    events: tuple[Event, ...],
    event_digests: dict[str, str],
    result: align.MergeResult,
    statistics: bytes,
    base: int,
    drift: int,
) -> tuple[str, bytes]:
    """The cache file's key and bytes for this merge result."""
    key = input_key(articles, event_digests)
    by_id = {e.id: e for e in events}
    unanchored: dict[str, list[Any]] = {}
    for u in result.unanchored:
        position = by_id[u.event_id].sources.index(u.source)
        unanchored.setdefault(u.event_id, []).append([position, _passage(u.best) if u.best else None])
    payload = {
        "articles": articles,
        "events": event_digests,
        "passages": {event_id: [_passage(p) for p in value] for event_id, value in result.passages.items()},
        "unanchored": unanchored,
        "base": base,
        "drift": drift,
    }
    meta = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
    body = meta + statistics
    digest = hashlib.sha256(body).hexdigest()
    header = json.dumps({"format": code_version(), "key": key, "sha256": digest, "meta": len(meta)})
    return key, header.encode() + b"\n" + body


def encode_statistics(statistics: align.Statistics) -> bytes:
    text = json.dumps([statistics.paragraphs, statistics.frequency], ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8", "surrogatepass")


def save(path: Path, data: bytes) -> None:
    """Write atomically (the project's one writer); raises OSError or WriteRefused.

    The slot is ours: a link, FIFO or device found at its name is removed, never followed or written through.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileNotFoundError):
        mode = os.lstat(path).st_mode
        if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
            path.unlink()
    write_atomic(path, data, overwrite=True)


# --- reading: every value is checked, any surprise is a CacheError -------------------------------------------------


def _check(condition: bool, what: str) -> None:
    if not condition:
        raise CacheError(what)


def _digest_map(value: Any) -> dict[str, str]:
    _check(isinstance(value, dict) and all(isinstance(v, str) for v in value.values()), "malformed digests")
    return value


def _count(value: Any) -> int:
    _check(type(value) is int and value >= 0, "malformed counts")
    return value


def load(path: Path) -> Entry | None:
    """The cached merge of this slot, None when there is none; CacheError when the file is unusable.

    Only a regular file is read (a FIFO or a device at the path would block or never end), and its body only once
    its header, read with a bound, names this format.
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
            body = handle.read() if isinstance(header, dict) and header.get("format") == code_version() else b""
        except (ValueError, RecursionError):
            header = None
        except OSError as exc:
            raise CacheError(f"unreadable ({exc.strerror})") from None
    _check(isinstance(header, dict), "not a timeline cache file")
    _check(header.get("format") == code_version(), "another format or program")
    _check(header.get("sha256") == hashlib.sha256(body).hexdigest(), "corrupt (digest mismatch)")
    meta_length = header.get("meta")
    _check(type(meta_length) is int and 0 < meta_length <= len(body), "corrupt (bad section length)")
    _check(isinstance(header.get("key"), str), "corrupt (no key)")
    try:
        with heap.paused_gc():
            payload = json.loads(body[:meta_length])
        _check(isinstance(payload, dict), "malformed")
        passages, unanchored = payload["passages"], payload["unanchored"]
        _check(isinstance(passages, dict) and isinstance(unanchored, dict), "malformed")
        return Entry(
            header["key"],
            _digest_map(payload["articles"]),
            _digest_map(payload["events"]),
            passages,
            unanchored,
            _count(payload["base"]),
            _count(payload["drift"]),
            body[meta_length:],
        )
    except (ValueError, RecursionError, KeyError, TypeError) as exc:  # deep nesting included: rebuilt, not a crash
        raise CacheError(f"malformed ({type(exc).__name__})") from None


def statistics(entry: Entry) -> align.Statistics:
    """The corpus statistics the cached result was computed with; raises CacheError."""
    try:
        paragraphs, frequency = json.loads(entry.statistics_json)
    except (ValueError, RecursionError, TypeError) as exc:
        raise CacheError(f"malformed statistics ({type(exc).__name__})") from None
    _check(type(paragraphs) is int and paragraphs >= 0 and isinstance(frequency, dict), "malformed statistics")
    _check(all(type(n) is int and n > 0 for n in frequency.values()), "malformed statistics")
    return align.Statistics(paragraphs, frequency)


def _read_passages(values: Any, article_of: Callable[[str], Article | None]) -> tuple[Passage, ...]:
    """Stored passages, each checked against the paragraph it claims to be in; its text is cut from that paragraph.

    The checks are written out in one loop rather than through `_check` or a call per passage: a warm start reads
    a hundred thousand passages."""
    if type(values) is not list:
        raise CacheError("passages are malformed")
    passages = []
    for value in values:
        if type(value) is not list or len(value) != 6:
            raise CacheError("a passage is malformed")
        article_id, number, start, end, score, curated = value
        article = article_of(article_id) if type(article_id) is str else None
        if article is None or type(number) is not int or not 0 < number <= len(paragraphs := article.paragraphs):
            raise CacheError("unknown place")
        paragraph = paragraphs[number - 1]
        text = paragraph.text
        if (
            paragraph.boilerplate
            or type(start) is not int
            or type(end) is not int
            or not 0 <= start <= end <= len(text)
            or type(score) not in (int, float)
            or not 0 <= score <= 100
            or type(curated) is not bool
        ):
            raise CacheError("a passage outside its paragraph, or malformed")
        passages.append(Passage(article_id, number, start, end, text[start:end], float(score), curated))
    return tuple(passages)


def passages_for(entry: Entry, event: Event, corpus: Corpus) -> tuple[tuple[Passage, ...], list[align.Unanchored]]:
    """One event's cached passages and unanchored sources, checked against the corpus; raises CacheError."""
    article_of = corpus.lookup
    try:
        passages = _read_passages(entry.passages[event.id], article_of)
        unanchored = []
        for position, best in entry.unanchored.get(event.id, []):
            _check(type(position) is int and 0 <= position < len(event.sources), "an unknown source")
            passage = None if best is None else _read_passages([best], article_of)[0]
            unanchored.append(align.Unanchored(event.id, event.sources[position], passage))
    except (KeyError, TypeError, ValueError) as exc:
        raise CacheError(f"malformed ({type(exc).__name__})") from None
    return passages, unanchored
