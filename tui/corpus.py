"""Load the articles of a corpus folder: YAML front matter, then the body exactly as received.

A corpus file looks like this:

    ---
    id: mee-iran-talks-continue
    title: US says Iran talks will continue despite upheaval in Israel and Palestine
    published: 2021-05-13
    published_basis: inferred
    published_note: Not stated; ...
    published_from: [senators-urge-biden-halt-iran-talks]
    boilerplate:
      - Skip to main content
    ---
    <the article text, verbatim>

Paragraphs: when the body has blank lines and no line longer than `WRAP_WIDTH` characters, it is hard-wrapped
prose and each blank-line separated block is a paragraph; otherwise (text scraped from the web, one paragraph a
line, with or without blank lines between) each non-blank line is a paragraph. Paragraphs are numbered from 1 in
file order, boilerplate included, so that numbers stay stable when boilerplate marks change.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from .model import Article, DateFormatError, DateValue, Paragraph, Problem, capped
from .textinput import InputRefused, NotAFile, TooLarge, decode_utf8, file_kind, open_failure, read_file_limited

if TYPE_CHECKING:
    from .yamlread import Node

ARTICLE_SUFFIXES = (".txt", ".md")
MAX_ARTICLE_BYTES = 8 * 1024 * 1024  # a news article is kilobytes; megabytes mean a dump, not an article
WRAP_WIDTH = 100
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
FRONT_MATTER_FIELDS = {
    "id": "required",
    "title": "required",
    "published": "required",
    "published_basis": "required",
    "published_note": "optional",
    "published_from": "optional",
    "outlet": "optional",
    "author": "optional",
    "url": "optional",
    "boilerplate": "optional",
    "notes": "optional",
}
PUBLISHED_BASES = ("stated", "inferred")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


@dataclass(frozen=True)
class Corpus:
    directory: str
    articles: tuple[Article, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {a.id: a for a in self.articles})

    def get(self, article_id: str) -> Article | None:
        return self._by_id.get(article_id)  # type: ignore[attr-defined]

    @property
    def lookup(self) -> Callable[[str], Article | None]:
        """`get` as the dictionary's own lookup, for a loop over many ids (a warm start checks 68,000 passages)."""
        return self._by_id.get  # type: ignore[attr-defined,no-any-return]

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._by_id  # type: ignore[attr-defined]


def split_paragraphs(text: str, body_start: int = 0, boilerplate: Iterable[str] = ()) -> tuple[Paragraph, ...]:
    """Split `text[body_start:]` into numbered paragraphs whose offsets index into `text`."""
    lines = _lines(text, body_start)
    has_blank = any(not line_text.strip() for _, line_text in lines)
    wrapped = has_blank and all(len(line_text.rstrip("\r\n")) <= WRAP_WIDTH for _, line_text in lines)
    spans: list[tuple[int, int]] = []
    if wrapped:
        block_start: int | None = None
        block_end = 0
        for start, line_text in lines:
            if line_text.strip():
                block_start = start if block_start is None else block_start
                block_end = start + len(line_text)
            elif block_start is not None:
                spans.append((block_start, block_end))
                block_start = None
        if block_start is not None:
            spans.append((block_start, block_end))
    else:
        spans = [(start, start + len(line_text)) for start, line_text in lines if line_text.strip()]
    marked = {b.strip() for b in boilerplate}
    paragraphs = []
    for number, (start, end) in enumerate((trim_span(text, s, e) for s, e in spans), 1):
        body = text[start:end]
        paragraphs.append(Paragraph(number, start, end, body, body in marked))
    return tuple(paragraphs)


def _lines(text: str, offset: int) -> list[tuple[int, str]]:
    """(start offset, line text without its line ending) for each line from `offset`."""
    if "\r" not in text:  # the usual case, split at once; the pattern below also knows CR and CR LF line ends
        result = []
        lines = text[offset:].split("\n")
        if not lines[-1]:  # after a final line end, or nothing at all: no line
            lines.pop()
        for line in lines:
            result.append((offset, line))
            offset += len(line) + 1
        return result
    result = []
    for match in _LINE.finditer(text, offset):
        if match.start() == match.end():
            break
        result.append((match.start(), match.group().rstrip("\r\n")))
    return result


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """`start`/`end` moved inward past any whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def has_front_matter(text: str) -> bool:
    """The text opens with a '---' line, as a corpus article's front matter does."""
    return text.split("\n", 1)[0].rstrip("\r").lstrip("\ufeff").strip() == "---"


def parse_article(path: str, text: str) -> tuple[Article | None, list[Problem]]:
    """Parse one corpus file's text; the Article, or None and the problems that prevent it."""
    problems: list[Problem] = []

    def problem(line: int, field: str, message: str) -> None:
        problems.append(Problem(path, line, field, message))

    if "\x00" in text:
        problem(1, "", "this is a binary file, not article text; remove it from the corpus folder")
        return None, problems
    if "\r" in text.split("\n", 1)[0].rstrip("\r"):
        problem(1, "", "lines end with a bare carriage return (CR, old Mac style); save the file with LF line ends")
        return None, problems
    if not has_front_matter(text):
        problem(1, "front matter", "the file must start with a '---' line opening the front matter")
        return None, problems
    closing = re.compile(r"^---[ \t]*\r?$", re.M).search(text, len(text.split("\n", 1)[0]) + 1)
    if closing is None:
        problem(1, "front matter", "no closing '---' line; end the front matter with a line holding only ---")
        return None, problems
    header_start = text.index("\n") + 1
    header = text[header_start : closing.start()]
    body_start = closing.end() + 1 if closing.end() < len(text) else closing.end()
    header_offset_lines = 1  # the opening '---' line
    from .yamlread import YamlError, read_yaml  # here: the explorer's first frame lists the corpus, parses none of it

    try:
        root = read_yaml(header)
    except YamlError as exc:
        problem(exc.line + header_offset_lines, "front matter", exc.message)
        return None, problems
    if root is None or not isinstance(root.value, dict):
        problem(2, "front matter", "the front matter must be a mapping of fields (id, title, published, ...)")
        return None, problems
    fields: dict[str, Node] = root.value
    for name, node in fields.items():
        if name not in FRONT_MATTER_FIELDS:
            known = ", ".join(FRONT_MATTER_FIELDS)
            problem(node.line + header_offset_lines, name, f"unknown field; the fields are: {known}")
    values: dict[str, str | None] = {}
    for name, need in FRONT_MATTER_FIELDS.items():
        node = fields.get(name)
        if name in ("boilerplate", "published_from"):
            continue
        if node is None or node.value is None or node.value == "":
            if need == "required":
                problem(root.line + header_offset_lines, name, "missing; every article needs it")
            values[name] = None
            continue
        if isinstance(node.value, (dict, list, bool)):
            problem(node.line + header_offset_lines, name, f"must be text, not {node.kind()}")
            values[name] = None
            continue
        values[name] = str(node.value)

    article_id = values["id"]
    if article_id is not None and not ID_PATTERN.match(article_id):
        problem(_line(fields, "id") + 1, "id", f"{article_id!r} is not a slug (lowercase letters, digits, -)")
    published: DateValue | None = None
    if values["published"] is not None:
        try:
            published = DateValue.parse(values["published"])
        except DateFormatError as exc:
            problem(_line(fields, "published") + 1, "published", str(exc))
        else:
            if (out_of_range := published.year_problem()) is not None:
                problem(_line(fields, "published") + 1, "published", out_of_range)
    basis = values["published_basis"]
    if basis is not None and basis not in PUBLISHED_BASES:
        problem(_line(fields, "published_basis") + 1, "published_basis", "must be 'stated' or 'inferred'")
    if basis == "inferred" and not values["published_note"]:
        problem(_line(fields, "published_basis") + 1, "published_note", "an inferred date needs a note saying how")

    published_from = _published_from(fields.get("published_from"), basis, problem)
    boilerplate: list[str] = []
    node = fields.get("boilerplate")
    if node is not None and node.value is not None:
        if not isinstance(node.value, list) or not all(isinstance(i.value, str) for i in node.value):
            problem(node.line + 1, "boilerplate", "must be a list of paragraph texts")
        else:
            boilerplate = [i.value for i in node.value]
    paragraphs = split_paragraphs(text, body_start, boilerplate)
    texts = {p.text for p in paragraphs}
    for item in node.value if node is not None and isinstance(node.value, list) else []:
        if isinstance(item.value, str) and item.value.strip() not in texts:
            problem(item.line + 1, "boilerplate", f"{item.value!r} is not a paragraph of the body")
    if problems:
        return None, problems
    assert article_id is not None and values["title"] is not None and basis is not None
    article = Article(
        id=article_id,
        path=path,
        title=values["title"],
        published=published,
        published_basis=basis,
        published_note=values["published_note"] or "",
        notes=values["notes"] or "",
        outlet=_known(values["outlet"]),
        author=_known(values["author"]),
        url=values["url"],
        text=text,
        body_start=body_start,
        paragraphs=paragraphs,
        sha256=hashlib.sha256(text[body_start:].encode("utf-8", "surrogatepass")).hexdigest(),
        published_from=published_from,
    )
    return article, problems


def _published_from(node: Node | None, basis: str | None, problem: Callable[[int, str, str], None]) -> tuple[str, ...]:
    """The article ids an inferred publication date is worked out from: one id or a list of them."""
    if node is None or node.value is None:
        return ()
    items = node.value if isinstance(node.value, list) else [node]
    ids = [item.value for item in items if isinstance(item.value, str) and ID_PATTERN.match(item.value)]
    if len(ids) != len(items):
        problem(node.line + 1, "published_from", "must be an article id or a list of article ids")
    elif basis != "inferred":
        problem(node.line + 1, "published_from", "only an inferred publication date is worked out from other articles")
    return tuple(ids)


def _line(fields: dict[str, Node], name: str) -> int:
    node = fields.get(name)
    return node.line if node is not None else 1


def _known(value: str | None) -> str | None:
    return None if value is None or value.strip().lower() == "unknown" else value


def decode(path: str, data: bytes) -> tuple[str | None, Problem | None]:
    """Decode a file as UTF-8 (a leading BOM is dropped), or say why it cannot be read."""
    try:
        return decode_utf8(path, data), None
    except InputRefused as exc:
        return None, Problem(exc.name, exc.line, "", exc.message)


def corpus_files(directory: Path) -> tuple[list[Path], list[Problem]]:
    """The article files of a corpus folder, sorted by name, and problems with the folder itself.

    Every entry named like an article is either listed or reported: a link that leads outside the folder, loops
    or is broken, a FIFO, a device or a folder with an article's name is a problem, never silently left out.
    """
    try:
        if not directory.exists():
            return [], [Problem(str(directory), 0, "", "the corpus folder does not exist; pass --corpus DIR")]
        if not directory.is_dir():
            return [], [Problem(str(directory), 0, "", "the corpus path is not a folder; pass --corpus DIR")]
        root = directory.resolve()
        with os.scandir(directory) as entries:  # each entry knows its type: no system call per file but for links
            named = sorted(
                (e for e in entries if not e.name.startswith(".") and e.name.endswith(ARTICLE_SUFFIXES)),
                key=lambda e: e.name,
            )
    except (OSError, RuntimeError) as exc:  # unreadable, or a loop of links on the way
        reason = open_failure(directory, exc) if isinstance(exc, OSError) else "a loop of links"
        return [], [Problem(str(directory), 0, "", f"the corpus folder {reason.replace('no such file', 'is missing')}")]
    files: list[Path] = []
    problems: list[Problem] = []
    for entry in named:
        path = directory / entry.name
        problem = _entry_problem(entry, path, root)
        if problem is None:
            files.append(path)
        else:
            problems.append(Problem(str(path), 0, "", problem))
    if not files and not problems:
        problems.append(
            Problem(str(directory), 0, "", f"no articles ({', '.join(ARTICLE_SUFFIXES)} files) in the corpus folder")
        )
    return files, problems


def _entry_problem(entry: os.DirEntry[str], path: Path, root: Path) -> str | None:
    """Why a folder entry named like an article is not an article file, or None when it is one."""
    try:
        if entry.is_symlink():
            try:
                resolved = path.resolve(strict=True)
            except RuntimeError:
                return "a loop of links; fix or remove the link"
            if not resolved.is_relative_to(root):
                return "a link to a file outside the corpus folder; not read"
        mode = os.stat(path).st_mode
    except OSError as exc:
        return open_failure(path, exc)
    if not stat.S_ISREG(mode):
        return f"{file_kind(mode)}, not an article file; remove it or rename it"
    return None


class ArticleStore(Protocol):
    """Articles parsed before, by their file's path and the SHA-256 of its bytes (`parsecache`)."""

    def article(self, path: str, digest: bytes, text: str) -> Article | None:
        """The article this file's `text` was parsed into before, if it is known."""

    def keep(self, path: str, digest: bytes, article: Article) -> None:
        """This file was parsed into `article` without a problem."""


def load_corpus(directory: str | Path, store: ArticleStore | None = None) -> tuple[Corpus, list[Problem]]:
    """Read every article of `directory`; problems are collected, never raised.

    `store`: where articles parsed before are taken from instead of parsed again, and told of those read now."""
    directory = Path(directory)
    files, problems = corpus_files(directory)
    articles: list[Article] = []
    first_of_id: dict[str, str] = {}
    first_of_text: dict[str, str] = {}
    global _parsed
    parsed: dict[tuple[str, bytes], tuple[Article | None, list[Problem]]] = {}
    for path in files:
        try:
            data = read_file_limited(path, MAX_ARTICLE_BYTES)
        except TooLarge:
            message = f"larger than {MAX_ARTICLE_BYTES // 2**20} MB, too large for one article; split it"
            problems.append(Problem(str(path), 0, "", message))
            continue
        except NotAFile as exc:  # replaced since the folder was listed
            problems.append(Problem(str(path), 0, "", f"{exc}; remove it or rename it"))
            continue
        except OSError as exc:
            problems.append(Problem(str(path), 0, "", open_failure(path, exc)))
            continue
        key = (str(path), hashlib.sha256(data).digest())
        article, found = parsed[key] = _parse_file(key, data, store)
        problems.extend(found)
        if article is None:
            continue
        if store is not None and not found:
            store.keep(key[0], key[1], article)
        if article.id in first_of_id:
            problems.append(Problem(str(path), 2, "id", f"{article.id!r} is already used by {first_of_id[article.id]}"))
            continue
        if article.sha256 in first_of_text:
            problems.append(
                Problem(str(path), 0, "", f"the same article text as {first_of_text[article.sha256]}; remove one")
            )
            continue
        first_of_id[article.id] = str(path)
        first_of_text[article.sha256] = str(path)
        articles.append(article)
    problems.extend(_unknown_sources(articles, first_of_id))
    _parsed = parsed
    return Corpus(str(directory), tuple(articles)), capped(problems)


def _unknown_sources(articles: Iterable[Article], ids: Collection[str]) -> Iterator[Problem]:
    """A `published_from` id that names no article of the corpus."""
    for article in articles:
        for source in article.published_from:
            if source not in ids or source == article.id:
                field = re.search(r"^published_from\b", article.text, re.M)
                line = article.text.count("\n", 0, field.start()) + 1 if field else 1
                reason = "is this article itself" if source == article.id else "is no article of the corpus"
                yield Problem(
                    article.path,
                    line,
                    "published_from",
                    f"{source!r} {reason}; give the id of the article whose date it is worked out from",
                )


# The files of the last load, by path and the digest of their bytes: a reload (live reload in the explorer)
# parses only the files whose bytes changed. Keyed by the bytes read, so a file edited meanwhile is parsed anew.
_parsed: dict[tuple[str, bytes], tuple[Article | None, list[Problem]]] = {}


def _parse_file(
    key: tuple[str, bytes], data: bytes, store: ArticleStore | None = None
) -> tuple[Article | None, list[Problem]]:
    known = _parsed.get(key)
    if known is not None:
        return known
    path = key[0]
    text, problem = decode(path, data)
    if problem is not None or text is None:
        return None, [problem] if problem else []
    if store is not None and (article := store.article(path, key[1], text)) is not None:
        return article, []
    return parse_article(path, text)
