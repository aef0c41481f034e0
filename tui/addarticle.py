"""Add a plain-text article to a corpus folder: front matter from the curator, the body exactly as the file's text.

Nothing is guessed: a title and a publication date cannot be read reliably from arbitrary text, so they must be
given, and a missing one is asked for. The publication date's basis is recorded honestly: "stated" when the body
itself states that date (the expression found is quoted in the note), else "inferred"; either way the note says
that the curator gave it. The file is written atomically and parsed back before it is moved into place: on any failure
the corpus folder is left exactly as it was. Two runs at once cannot both add the same text: the check for a
duplicate and the write are one step, under a lock on the corpus folder.
"""

from __future__ import annotations

import calendar
import contextlib
import os
import re
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from .atomic import write_atomic
from .corpus import ARTICLE_SUFFIXES, ID_PATTERN, MAX_ARTICLE_BYTES, decode, load_corpus, parse_article
from .model import Article, DateFormatError, DateValue
from .normalise import fold_layout
from .paths import BUNDLED, resolved
from .textinput import InputRefused, read_text


class MissingMetadata(Exception):
    """Metadata the text cannot give was not given (a usage error): the message says what to pass."""


class ArticleRefused(Exception):
    """The article cannot be added: unreadable input, duplicate text, id clash, or a corpus it cannot write to."""


@dataclass(frozen=True)
class Metadata:
    """What the curator states about the article. `published` is an EDTF-like date (YYYY-MM-DD, YYYY-MM, YYYY)."""

    title: str | None = None
    published: str | None = None
    published_note: str | None = None
    published_from: tuple[str, ...] = ()  # ids of the articles an inferred date is worked out from
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    id: str | None = None


def slugify(title: str, limit: int = 80) -> str:
    """A corpus id from a title: ASCII letters and digits joined by single hyphens, cut at a word boundary."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[: limit + 1].rsplit("-", 1)[0] if "-" in slug[:limit] else slug[:limit]
    return slug.strip("-")


def read_body(path: Path) -> str:
    """The file's text, verbatim (a UTF-8 byte order mark is dropped); refuses binary, non-UTF-8 or empty files."""
    try:
        text = read_text(path, MAX_ARTICLE_BYTES)
    except InputRefused as exc:
        raise ArticleRefused(str(exc)) from None
    if not text.strip():
        raise ArticleRefused(f"{path}: the file is empty; there is no article text to add")
    if text.split("\n", 1)[0].strip() == "---":
        raise ArticleRefused(
            f"{path}: the text opens with a '---' line, like a corpus file with front matter; "
            "copy such a file into the corpus folder as it is, or remove its front matter"
        )
    return text


def stated_expression(body: str, date: DateValue) -> str | None:
    """The words in `body` that state `date` (ISO, "May 13, 2021", "13 May 2021", "May 2021"), if any."""
    d = date.first_day
    month = calendar.month_name[d.month]
    short = month[:3]
    if date.precision == "day":
        patterns = [
            rf"\b{d.isoformat()}\b",
            rf"\b(?:{month}|{short}\.?)\s+{d.day}(?:st|nd|rd|th)?,?\s+{d.year}\b",
            rf"\b{d.day}(?:st|nd|rd|th)?\s+(?:{month}|{short}\.?),?\s+{d.year}\b",
        ]
    elif date.precision == "month":
        patterns = [rf"\b{d.year}-{d.month:02d}\b(?!-\d)", rf"\b(?:{month}|{short}\.?),?\s+{d.year}\b"]
    else:
        return None  # a bare year or week in a text is too weak to call the publication date stated
    for pattern in patterns:
        match = re.search(pattern, body, re.IGNORECASE)
        if match:
            return match.group()
    return None


def front_matter(meta: Metadata, article_id: str, published: DateValue, body: str, source_name: str) -> str:
    expression = stated_expression(body, published)
    if expression is not None:
        basis = "stated"
        note = f'Given by the curator with --published; the text states this date: "{expression}".'
    else:
        basis = "inferred"
        note = "Given by the curator with --published; the text does not state it."
    if meta.published_note:
        note = f"{note} {meta.published_note}"
    if meta.published_from and basis == "stated":
        raise MissingMetadata(
            "--published-from: the text states the publication date; only an inferred one is worked out from other "
            "articles"
        )
    fields: dict[str, str | list[str]] = {
        "id": article_id,
        "title": meta.title or "",
        "published": published.edtf,
        "published_basis": basis,
        "published_note": note,
        **({"published_from": list(meta.published_from)} if meta.published_from else {}),
        "outlet": meta.outlet or "unknown",
        "author": meta.author or "unknown",
    }
    if meta.url:
        fields["url"] = meta.url
    fields["notes"] = f"Added with `timeline add-article` from {source_name}; metadata given by the curator."
    return yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, width=10_000, default_flow_style=False)


@dataclass(frozen=True)
class NewFile:
    path: Path
    text: str  # front matter + body
    body: str


def prepare(source: Path, corpus_dir: Path, meta: Metadata) -> NewFile:
    """The new corpus file; raises MissingMetadata or ArticleRefused when it cannot or must not be added.

    Clashes with the corpus (the same id or text) are checked by `add_article`, under the corpus lock.
    """
    _refuse_controls(meta)
    title = " ".join((meta.title or "").split())
    missing = []
    if not title:
        missing.append('--title "..."')
    if not meta.published:
        missing.append("--published YYYY-MM-DD")
    if missing:
        raise MissingMetadata(
            f"pass {' and '.join(missing)}: the article needs them and they are not guessed from the text"
        )
    try:
        published = DateValue.parse(meta.published or "")
    except DateFormatError as exc:
        raise MissingMetadata(f"--published: {exc}") from None
    if (out_of_range := published.year_problem()) is not None:
        raise MissingMetadata(f"--published: {out_of_range}")
    article_id = meta.id or slugify(title)
    if not article_id:
        raise MissingMetadata("the title gives no usable id (no Latin letters or digits); pass --id SLUG")
    if not ID_PATTERN.match(article_id):
        raise MissingMetadata(f"{article_id!r} is not an id: lowercase letters, digits and -, at most 80 characters")
    if not corpus_dir.is_dir():
        raise ArticleRefused(f"{corpus_dir}: the corpus folder does not exist; pass --corpus DIR")
    if resolved(corpus_dir) == resolved(BUNDLED / "corpus"):
        raise ArticleRefused(
            "the bundled corpus is not modified; run in a folder with events.yaml and corpus/, or pass --corpus DIR"
        )
    if resolved(source).parent == resolved(corpus_dir):
        raise ArticleRefused(f"{source} is inside the corpus folder; move it out, then add it")
    body = read_body(source)
    newline = "\r\n" if "\r\n" in body else "\n"
    meta = replace(meta, title=title)
    header = front_matter(meta, article_id, published, body, source.name).replace("\n", newline)
    text = f"---{newline}{header}---{newline}{body}"
    if len(text.encode("utf-8")) > MAX_ARTICLE_BYTES:  # the corpus would refuse to load it
        raise ArticleRefused(f"{source}: larger than {MAX_ARTICLE_BYTES // 2**20} MB with its front matter; split it")
    return NewFile(corpus_dir / f"{article_id}.txt", text, body)


LOCK_WAIT_SECONDS = 30.0  # how long a run waits for another one adding to the same corpus


@contextlib.contextmanager
def corpus_lock(corpus_dir: Path, wait: float | None = None) -> Iterator[None]:
    """Hold an exclusive lock on the corpus folder itself (no lock file is left behind), waiting up to `wait`
    seconds for another run to finish; raises ArticleRefused when it does not."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - no advisory locks on this platform
        yield
        return
    wait = LOCK_WAIT_SECONDS if wait is None else wait
    try:
        fd = os.open(corpus_dir, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise ArticleRefused(f"{corpus_dir}: cannot be locked: {exc.strerror or exc}") from None
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise ArticleRefused(
                        f"{corpus_dir}: another `timeline add-article` is adding to this corpus; "
                        "try again when it has finished"
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)


def _refuse_controls(meta: Metadata) -> None:
    """A control character in an option would be written into the front matter, which could not be read back."""
    for name, value in vars(meta).items():
        option = "--" + name.replace("_", "-")
        for char in "".join(value) if isinstance(value, tuple) else value or "":
            category = unicodedata.category(char)
            if category == "Cs":  # a byte of the command line that is not UTF-8
                raise MissingMetadata(f"{option}: holds bytes that are not UTF-8 text; retype it")
            if category in ("Cc", "Zl", "Zp") and char != "\t":
                raise MissingMetadata(f"{option}: holds the control character U+{ord(char):04X}; remove it")


def _refuse_clashes(corpus_dir: Path, article_id: str, body: str, published_from: tuple[str, ...] = ()) -> None:
    corpus, _problems = load_corpus(corpus_dir)  # a corpus with problems still protects its readable articles
    for source in published_from:
        if source not in corpus:
            raise ArticleRefused(f"--published-from: {source!r} is no article of {corpus_dir}; give an article id")
    for name in (f"{article_id}{suffix}" for suffix in ARTICLE_SUFFIXES):
        if (corpus_dir / name).exists():
            raise ArticleRefused(f"{corpus_dir / name} already exists; choose another id with --id")
    layout = fold_layout(body)
    for article in corpus.articles:
        if article.id == article_id:
            raise ArticleRefused(f"the id {article_id!r} is already used by {article.path}; choose another with --id")
        if fold_layout(article.body) == layout:
            raise ArticleRefused(f"the same text is already in the corpus as {article.path} (id {article.id})")


def add_article(source: Path, corpus_dir: Path, meta: Metadata) -> Article:
    """Add `source` to the corpus; returns the article as the corpus will load it."""
    new = prepare(source, corpus_dir, meta)
    parsed: list[Article] = []

    def verify(tmp: Path) -> None:
        """Parse the written file back; the body must load verbatim, or nothing is added."""
        written, problem = decode(str(new.path), tmp.read_bytes())
        article, problems = parse_article(str(new.path), written or "")
        if problem is not None or written != new.text or article is None or article.body != new.body:
            details = "; ".join(str(p) for p in [problem, *problems] if p) or "the body would not load verbatim"
            raise ArticleRefused(f"the new corpus file would not load ({details}); nothing was added")
        parsed.append(article)

    with corpus_lock(corpus_dir):
        _refuse_clashes(corpus_dir, new.path.stem, new.body, meta.published_from)
        write_atomic(new.path, new.text.encode("utf-8"), verify=verify)
    return parsed[0]
