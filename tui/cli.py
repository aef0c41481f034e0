"""The `timeline` command: the explorer by default, and subcommands for scripts and curators.

Subcommands never import Textual, so they start fast. Exit codes: 0 success, 1 problems with the data (or an
unknown id), 2 a usage error. Errors are one clear line each, never a traceback (unless --debug).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast

from . import __version__
from .atomic import TargetExists, WriteRefused, remove_temporaries_on_signals, write_atomic
from .filters import EventFilter
from .model import Actor, Article, DataError, DateFormatError, DateValue, MoreProblems, Problem, problem_count
from .paths import DataPaths, resolve_paths, resolved
from .textinput import InputRefused, read_text
from .textsafe import invisible_characters, json_safe, one_line, printable
from .timeline import Timeline, build_timeline, read_timeline

if TYPE_CHECKING:
    from .extract import DatedStatement

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_CRASH = 0, 1, 2, 70
MAX_LIMIT = 1_000_000  # --limit above this is a typo, not a wish
PROBLEMS_SHOWN = 200  # problems printed; the rest are counted
SUGGESTIONS_SHOWN = 50  # names missing from the registry that `check` lists, most mentioned first
INVISIBLE_SHOWN = 20  # lines with invisible characters that `check` lists


class OutputFailed(Exception):
    """Standard output cannot be written (a full disk, a closed stream): exit 1 with this message."""


class _Output:
    """A text stream whose write errors name the stream (and a broken pipe stays a BrokenPipeError)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        with self._failures():
            return self.stream.write(text)

    def flush(self) -> None:
        with self._failures():
            self.stream.flush()

    @staticmethod
    @contextlib.contextmanager
    def _failures() -> Iterator[None]:
        try:
            yield
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputFailed(f"standard output cannot be written: {exc.strerror or exc}") from None

    def isatty(self) -> bool:
        return self.stream.isatty()


class UsageError(Exception):
    """A command used wrongly: exit 2 with this message."""


class Failure(Exception):
    """A command that could not do its job because of the data: exit 1 with this message."""


Command = Callable[[argparse.Namespace, DataPaths, TextIO], int]


def _print_json(data: Any, out: TextIO) -> None:
    out.write(json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")


def _report(problems: Sequence[Problem], err: TextIO) -> None:
    """The first PROBLEMS_SHOWN problems, one a line, then how many more there are, then the count."""
    listed = [p for p in problems if not isinstance(p, MoreProblems)]
    count = problem_count(list(problems))
    for problem in listed[:PROBLEMS_SHOWN]:
        err.write(f"{one_line(str(problem))}\n")
    if count > PROBLEMS_SHOWN:
        err.write(f"timeline: ... and {count - PROBLEMS_SHOWN} more problems; fix these first\n")
    err.write(f"{count} problem{'s' if count != 1 else ''} found.\n")


_warnings_to: list[TextIO] = []  # the error stream of the running `main`, for warnings that do not stop a command


def _warn(message: str) -> None:
    (_warnings_to[-1] if _warnings_to else sys.stderr).write(one_line(f"timeline: {message}") + "\n")


def _timeline(paths: DataPaths, reuse_parse: bool = True) -> Timeline:
    timeline = build_timeline(paths.events, paths.corpus, reuse_parse=reuse_parse)
    for problem in timeline.warnings:  # e.g. an unusable merge cache, rebuilt: said once, the command goes on
        _warn(f"warning: {problem}")
    return timeline


def cmd_check(args: argparse.Namespace, paths: DataPaths, out: TextIO) -> int:
    from .events import comment_cuts, read_events_text

    text, _ = read_events_text(str(paths.events))
    for warning in comment_cuts(str(paths.events), text or ""):  # a quote cut short by ` #` is valid YAML: a warning
        (_warnings_to[-1] if _warnings_to else sys.stderr).write(printable(f"warning: {warning}") + "\n")
    timeline = _timeline(paths, reuse_parse=False)  # raises DataError listing every validation problem, parsed anew
    if timeline.anchor_problems():
        raise DataError(timeline.anchor_problems())
    out.write(
        one_line(
            f"{paths.events}: {len(timeline.events)} events, {len(timeline.actors)} actors; "
            f"{paths.corpus}: {len(timeline.articles)} articles. All valid."
        )
        + "\n"
    )
    _warn_invisible(paths, timeline, out)
    _suggest_names(timeline.articles, timeline.actors, out)
    return EXIT_OK


def _warn_invisible(paths: DataPaths, timeline: Timeline, out: TextIO) -> None:
    """Lines holding a zero-width character or a line separator: a name with one looks right and matches nothing.
    Warnings only; they never change the exit code."""
    import unicodedata

    from .events import read_events_text

    events_text = read_events_text(str(paths.events))[0] if paths.events.is_file() else None  # a pipe is read once
    texts = [(str(paths.events), events_text or ""), *((a.path, a.text) for a in timeline.articles)]
    found = [(path, line, char) for path, text in texts for line, char in invisible_characters(text)]
    for path, line, char in found[:INVISIBLE_SHOWN]:
        name = unicodedata.name(char, "invisible").lower()
        where = one_line(f"{path}:{line}")
        out.write(f"{where}: warning: an invisible character, U+{ord(char):04X} ({name}); remove it unless needed\n")
    if len(found) > INVISIBLE_SHOWN:
        out.write(f"  ... and {len(found) - INVISIBLE_SHOWN} more lines with invisible characters.\n")


def _suggest_names(articles: Sequence[Article], actors: Sequence[Actor], out: TextIO) -> None:
    from .names import missing_names

    suggestions = missing_names(articles, actors)
    if suggestions:
        out.write(f"Suggestions: {len(suggestions)} names in the articles match no actor; add the people and ")
        out.write("organisations among them to actors: in the events file (name, alias, title or handle).\n")
    for s in suggestions[:SUGGESTIONS_SHOWN]:
        more = f" (+{s.count - 1} more)" if s.count > 1 else ""
        out.write(one_line(f"  {s.name:<28} {s.article} ¶{s.paragraph}{more}") + "\n")
    if len(suggestions) > SUGGESTIONS_SHOWN:
        out.write(f"  ... and {len(suggestions) - SUGGESTIONS_SHOWN} names mentioned less often.\n")


def cmd_list(args: argparse.Namespace, paths: DataPaths, out: TextIO) -> int:
    from .serialize import timeline_events

    timeline = _timeline(paths)
    if args.json:
        _print_json(timeline_events(timeline), out)
        return EXIT_OK
    for event in timeline.events:
        sources = ", ".join(dict.fromkeys(s.article for s in event.sources))
        out.write(one_line(f"{event.date.edtf:<12} {event.id:<44} {event.title}  [{sources}]") + "\n")
    return EXIT_OK


def cmd_show(args: argparse.Namespace, paths: DataPaths, out: TextIO) -> int:
    from .description import SUGGESTED, describe
    from .serialize import event_dict

    timeline = _timeline(paths)
    event = timeline.event(args.id)
    if event is None:
        close = _close_to(args.id, [e.id for e in timeline.events])
        hint = f"did you mean {_either(close)}?" if close else "`timeline list` shows the ids"
        raise Failure(f"no event with id {args.id!r}; {hint}")
    if args.json:
        _print_json(event_dict(event, timeline.passages_of(event.id)), out)
        return EXIT_OK
    about = describe(timeline, event)
    lines = [
        event.title,
        f"  id:       {event.id}",
        f"  date:     {event.date.edtf} ({about.precision})",
        f"  known by: {about.known_by}",
        *([f"  date given by: {about.date_given_by}"] if about.date_given_by else []),
        f"  actors:   {', '.join(about.actor_names)}",
        f"  tags:     {', '.join(event.tags)}",
        "",
        f"  {event.summary}",
    ]
    if event.notes:
        lines += ["", f"  Notes: {event.notes}"]
    lines += ["", "  Sources:"]
    lines += [f'    {s.article}: "{s.quote}"' for s in event.sources]
    if about.passages:
        lines += ["", "  Passages:"]
        for p in about.passages:
            kind = "curated" if p.curated else SUGGESTED
            where = f"{p.article} ¶{p.paragraph} [{p.start}:{p.end}]"
            lines.append(f'    {where} score {p.score:.0f} ({kind}): "{p.text}"')
    out.write("\n".join(one_line(line) for line in lines) + "\n")
    return EXIT_OK


def _close_to(word: str, choices: Sequence[str], limit: int = 3) -> list[str]:
    """The choices closest to a mistyped or shortened `word`, best first (none when nothing is close)."""
    from rapidfuzz import fuzz, process

    found = process.extract(word, choices, scorer=fuzz.WRatio, score_cutoff=75, limit=limit)
    best = found[0][1] if found else 0
    return [choice for choice, score, _ in found if score >= best - 5]


def _either(options: Sequence[str]) -> str:
    """'a', 'a or b', 'a, b or c'."""
    return options[0] if len(options) == 1 else f"{', '.join(options[:-1])} or {options[-1]}"


def _actor_ids(values: Sequence[str], timeline: Timeline) -> list[str]:
    """Actor ids for values given as an id, a name, an alias, a title or a handle (case and accents aside)."""
    from .normalise import words

    ids = []
    for value in values:
        if timeline.actor(value) is not None:
            ids.append(value)
            continue
        said = words(value)
        named = [a.id for a in timeline.actors if said and any(words(n) == said for n in a.all_names)]
        if len(named) > 1:
            raise Failure(f"{value!r} names several actors ({', '.join(named)}); give the id of one")
        if not named:
            names = {n: a.id for a in timeline.actors for n in (a.id, *a.all_names)}
            close = list(dict.fromkeys(names[n] for n in _close_to(value, list(names))))
            hint = f"did you mean {_either(close)}?" if close else "`timeline search --kind actor NAME` finds them"
            raise Failure(f"no actor {value!r} in the data; {hint}")
        ids.append(named[0])
    return ids


def cmd_articles(args: argparse.Namespace, paths: DataPaths, out: TextIO) -> int:
    from .serialize import article_dict

    timeline = _timeline(paths)
    if args.json:
        _print_json([article_dict(a) for a in timeline.articles], out)
        return EXIT_OK
    for article in timeline.articles:
        published = article.published.edtf if article.published else "?"
        out.write(one_line(f"{published:<11} {article.published_basis:<8} {article.id:<42} {article.title}") + "\n")
    return EXIT_OK


def _event_filter(args: argparse.Namespace, timeline: Timeline) -> EventFilter:
    """The filter the options ask for; an unknown id or tag is an error, a bad date a usage error."""
    dates: dict[str, DateValue | None] = {}
    for option, value in (("--from", args.date_from), ("--to", args.date_to)):
        try:
            dates[option] = DateValue.parse(value) if value is not None else None
        except DateFormatError as exc:
            raise UsageError(f"{option}: {exc}") from None
    start, end = dates["--from"], dates["--to"]
    if start and end and start.first_day > end.last_day:
        raise UsageError(f"--from {start} is after --to {end}")
    known = {
        "actor": ({a.id for a in timeline.actors}, "`timeline list --json` shows the actors of the events"),
        "article": ({a.id for a in timeline.articles}, "`timeline articles` lists them"),
        "tag": (set(timeline.tags), "`timeline list --json` shows the tags"),
    }
    chosen = {"actor": _actor_ids(args.actor or [], timeline), "article": args.article or [], "tag": args.tag or []}
    for kind, values in chosen.items():
        ids, hint = known[kind]
        unknown = [v for v in values if v not in ids]
        if unknown:
            raise Failure(f"no {kind} {', '.join(map(repr, unknown))} in the data; {hint}")
    return EventFilter(frozenset(chosen["actor"]), frozenset(chosen["article"]), frozenset(chosen["tag"]), start, end)


def _write_output(text: str, output: str | None, force: bool, out: TextIO) -> bool:
    """Write to standard output (no `output`, or `-`), else atomically to the file; True when a file was written.

    A file name's bytes that are not UTF-8 (kept in `text` only by `export --raw`) are written back as they were."""
    if output is None or output == "-":  # made visible on a terminal (as `ls` does), written as it is elsewhere
        if out.isatty():
            out.write(printable(text))
        elif hasattr(out, "buffer"):
            out.flush()
            out.buffer.write(text.encode("utf-8", "surrogateescape"))
        else:
            out.write(text)
        return False
    try:
        write_atomic(Path(output), text.encode("utf-8", "surrogateescape"), overwrite=force)
    except TargetExists as exc:
        raise Failure(f"{exc}; pass --force to overwrite it") from None
    except WriteRefused as exc:
        raise Failure(str(exc)) from None
    return True


def _refuse_data_target(output: str | None, paths: DataPaths) -> None:
    """An export must never replace the curated events file or land in the corpus folder (it would be read as an
    article there), whatever --force says."""
    if output is None or output == "-":
        return
    if not output.strip():
        raise UsageError("-o is empty; give a file name, or leave -o out to write to the screen")
    target = resolved(Path(output))
    if target == resolved(paths.events):
        raise UsageError(f"{output} is the events file; write the export elsewhere")
    if target.parent == resolved(paths.corpus):
        raise UsageError(f"{output} is in the corpus folder, where it would be read as an article; write it elsewhere")


def cmd_export(args: argparse.Namespace, paths: DataPaths, out: TextIO) -> int:
    from .export import RAW_FORMATS, render, select

    _refuse_data_target(args.output, paths)
    if args.raw and args.format not in RAW_FORMATS:
        raise UsageError(
            f"--raw applies to {' and '.join(RAW_FORMATS)}: JSON keeps every character (as an escape), "
            "and iCalendar and TimelineJS cannot hold control characters"
        )
    timeline = _timeline(paths)
    selection = select(timeline, _event_filter(args, timeline), args.with_suggestions, args.raw)
    if _write_output(render(selection, args.format), args.output, args.force, out):
        count = len(selection.events)
        out.write(one_line(f"Wrote {count} event{'s' if count != 1 else ''} to {args.output} ({args.format}).") + "\n")
    return EXIT_OK


def cmd_add_article(args: argparse.Namespace, paths: DataPaths, out: TextIO) -> int:
    from .addarticle import ArticleRefused, Metadata, MissingMetadata, add_article

    if resolved(Path(args.file)) == resolved(paths.events):
        raise UsageError(f"{args.file} is the events file, not an article")
    meta = Metadata(
        title=args.title,
        published=args.published,
        published_note=args.published_note,
        published_from=tuple(args.published_from or ()),
        outlet=args.outlet,
        author=args.author,
        url=args.url,
        id=args.id,
    )
    try:
        article = add_article(Path(args.file), paths.corpus, meta)
    except MissingMetadata as exc:
        raise UsageError(str(exc)) from None
    except (ArticleRefused, WriteRefused) as exc:
        raise Failure(str(exc)) from None
    published = article.published.edtf if article.published else "?"
    out.write(
        one_line(
            f"Added {article.path}: id {article.id}, published {published} ({article.published_basis}), "
            f"{len(article.paragraphs)} paragraphs."
        )
        + "\n"
    )
    _print_dated_statements(article, paths, out)
    return EXIT_OK


def _print_dated_statements(article: Article, paths: DataPaths, out: TextIO) -> None:
    """The new article's dated statements, so the curator sees which events to add."""
    from .events import load_events
    from .extract import extract

    events_file, problems = load_events(paths.events)
    statements = extract([article], events_file.events if not problems else [], anchors={})  # no event cites it yet
    out.write(
        "\nIts dated statements" + (" (events.yaml has problems: none counted as covered)" if problems else "") + ":\n"
    )
    _write_statements(statements, statements, out)


def cmd_dates(args: argparse.Namespace, paths: DataPaths, out: TextIO) -> int:
    from .corpus import has_front_matter, parse_article
    from .dates import tag
    from .extract import article_mentions
    from .model import DateFormatError, DateValue

    published = None
    if args.published is not None:
        try:
            published = DateValue.parse(args.published)
        except DateFormatError as exc:
            raise UsageError(f"--published: {exc}; use YYYY-MM-DD") from None
        if (out_of_range := published.year_problem()) is not None:
            raise UsageError(f"--published: {out_of_range}")
    if args.file == "-" and sys.stdin is None:
        raise UsageError("standard input is closed; give the text as FILE or pipe it in")
    name = "standard input" if args.file == "-" else args.file
    try:
        text = read_text(sys.stdin, name=name) if args.file == "-" else read_text(args.file)
    except InputRefused as exc:
        raise Failure(str(exc)) from None
    if not has_front_matter(text):
        _print_json([m.as_dict() for m in tag(text, published)], out)
        return EXIT_OK
    article, problems = parse_article(name, text)  # a corpus article: its body, against its publication date
    if article is None:
        raise Failure(f"{problems[0]}; fix the front matter, or give the text without it")
    found = [
        m.as_dict() | {"start": p.start + m.start, "end": p.start + m.end}
        for p, m in article_mentions(article, published)
    ]
    _print_json(found, out)
    return EXIT_OK


def cmd_extract(args: argparse.Namespace, paths: DataPaths, out: TextIO) -> int:
    from .extract import extract

    timeline = _timeline(paths)
    statements = extract(timeline.articles, timeline.events, timeline.anchors)
    shown = [s for s in statements if s.status == "uncovered"] if args.uncovered else statements
    if args.json:
        _print_json([s.as_dict() for s in shown], out)
        return EXIT_OK
    _write_statements(shown, statements, out)
    return EXIT_OK


def _write_statements(shown: list[DatedStatement], counted: list[DatedStatement], out: TextIO) -> None:
    from .extract import format_statements, summary

    for line in format_statements(shown):
        out.write(one_line(line) + "\n")
    out.write(summary(counted) + "\n")


def cmd_locate(args: argparse.Namespace, paths: DataPaths, out: TextIO) -> int:
    from .align import locate
    from .serialize import passage_dict

    text = " ".join(args.text)
    if not text.strip():
        raise UsageError("locate needs some text to look for")
    if not 1 <= args.limit <= MAX_LIMIT:
        raise UsageError(f"--limit must be between 1 and {MAX_LIMIT:,}, not {args.limit}")
    timeline = read_timeline(paths.events, paths.corpus)  # no passages needed: no merge, no cache
    found = locate(text, timeline.index(), args.limit)
    if args.json:  # each passage with its whole paragraph as `text`, not only the matched words
        rows = []
        for p in found:
            row = {k: v for k, v in passage_dict(p).items() if k not in ("curated", "status")}
            article = timeline.article(p.article)
            rows.append({**row, "text": article.paragraph(p.paragraph).text if article else p.text})
        _print_json(rows, out)
        return EXIT_OK
    for p in found:
        out.write(one_line(f"{p.score:5.1f}  {p.article} ¶{p.paragraph} [{p.start}:{p.end}]  {p.text}") + "\n")
    return EXIT_OK


def cmd_search(args: argparse.Namespace, paths: DataPaths, out: TextIO) -> int:
    from .search import result_dict

    query = " ".join(args.query)
    if not query.strip():
        raise UsageError("search: the query is empty; give a name, a title, a handle or words of the text")
    if not 1 <= args.limit <= MAX_LIMIT:
        raise UsageError(f"search: --limit must be between 1 and {MAX_LIMIT:,}, not {args.limit}")
    timeline = read_timeline(paths.events, paths.corpus)  # no passages needed: no merge, no cache
    results = timeline.search_index.search(query, limit=args.limit, kinds=args.kind)
    if args.json:
        _print_json([result_dict(r) for r in results], out)
        return EXIT_OK
    for r in results:
        if r.kind == "actor":
            events = f"{len(r.events)} event{'s' if len(r.events) != 1 else ''}"
            where = f"{r.id}; {events}" + (f'; matched "{r.matched}"' if r.matched != r.name else "")
        else:
            where = f"{r.id}, {r.date}" if r.kind == "event" else f"{r.article} ¶{r.paragraph}"
        out.write(one_line(f"{r.kind:<8} {r.score:5.1f}  {r.label}  ({where})") + "\n")
    if not results:
        out.write(one_line(f"No results for {query!r}.") + "\n")
    return EXIT_OK


def _reference(value: str, what: str) -> tuple[str, int]:
    """ARTICLE:PARAGRAPH, as `timeline suggestions` and `show` print them; a usage error otherwise."""
    article, _, number = value.rpartition(":")
    if not article or not number.isdigit() or int(number) < 1:
        raise UsageError(f"{what}: {value!r} is not ARTICLE:PARAGRAPH (e.g. mee-iran-talks-will-continue:25)")
    return article, int(number)


def _event_of(timeline: Timeline, event_id: str) -> None:
    if timeline.event(event_id) is None:
        raise Failure(f"no event with id {event_id!r}; `timeline list` shows the ids")


def _paragraph_of(timeline: Timeline, article_id: str, number: int) -> str:
    article = timeline.article(article_id)
    if article is None:
        raise Failure(f"no article {article_id!r} in the corpus; `timeline articles` lists them")
    if number > len(article.paragraphs):
        raise Failure(f"{article_id} has {len(article.paragraphs)} paragraphs, not {number}")
    return article.paragraph(number).text


def _write_change(timeline: Timeline, operation: Any, out: TextIO) -> int:
    from .curate import EditRefused, apply_to

    try:
        change = apply_to(timeline, operation)
    except EditRefused as exc:
        if exc.problems:
            raise DataError([*exc.problems, Problem(timeline.events_file.path, 0, "", str(exc))]) from None
        raise Failure(str(exc)) from None
    out.write(printable(f"{change.path}: {change.description}.") + "\n")
    return EXIT_OK


def cmd_suggestions(args: argparse.Namespace, paths: DataPaths, out: TextIO) -> int:
    from .curate import suggestions

    timeline = _timeline(paths)
    if args.event is not None:
        _event_of(timeline, args.event)
    found = suggestions(timeline, args.event)
    if args.json:
        _print_json([s.as_dict() for s in found], out)
        return EXIT_OK
    for s in found:
        p = s.passage
        out.write(printable(f"{s.event_id}  {p.article}:{p.paragraph}  score {p.score:.0f}  {p.text}") + "\n")
    count = len(found)
    if count:
        out.write(f"{count} suggestion{'s' if count != 1 else ''} to review: ")
        out.write("`timeline accept` or `timeline reject` EVENT ARTICLE:PARAGRAPH.\n")
    else:
        out.write("No suggestions to review.\n")
    return EXIT_OK


def _decide(args: argparse.Namespace, paths: DataPaths, out: TextIO, accepting: bool) -> int:
    from .curate import decide, find_suggestion

    article, number = _reference(args.passage, "ARTICLE:PARAGRAPH")
    timeline = _timeline(paths)
    _event_of(timeline, args.event)
    _paragraph_of(timeline, article, number)
    suggestion = find_suggestion(timeline, args.event, article, number)
    if suggestion is None:
        raise Failure(
            f"{article}:{number} is not a pending suggestion for {args.event}; "
            f"`timeline suggestions --event {args.event}` lists them"
        )
    return _write_change(timeline, decide(suggestion, accepting), out)


def cmd_accept(args: argparse.Namespace, paths: DataPaths, out: TextIO) -> int:
    return _decide(args, paths, out, accepting=True)


def cmd_reject(args: argparse.Namespace, paths: DataPaths, out: TextIO) -> int:
    return _decide(args, paths, out, accepting=False)


def cmd_add_event(args: argparse.Namespace, paths: DataPaths, out: TextIO) -> int:
    from .curate import NewEvent, add_event
    from .events import DATE_METHODS, SLUG

    if not SLUG.match(args.id):
        raise UsageError(f"--id: {args.id!r} is not a slug (lowercase letters, digits and -, e.g. talks-resume)")
    try:
        DateValue.parse(args.date)
    except DateFormatError as exc:
        raise UsageError(f"--date: {exc}") from None
    if args.method not in DATE_METHODS:
        raise UsageError(f"--method: must be one of {', '.join(DATE_METHODS)}")
    if not args.title.strip():
        raise UsageError("--title: the event needs a title")
    article, number = _reference(args.source, "--source")
    timeline = _timeline(paths)
    quote = args.quote if args.quote is not None else _paragraph_of(timeline, article, number).strip()
    _paragraph_of(timeline, article, number)
    new = NewEvent(
        id=args.id,
        date=args.date,
        title=args.title,
        summary=args.summary or args.title,
        sources=((article, quote),),
        method=args.method,
        expression=args.expression or args.date,
        basis_article=article,
        resolved_against=args.resolved_against,
        actors=tuple(args.actor or ()),
        tags=tuple(args.tag or ()),
        notes=args.notes or "",
    )
    return _write_change(timeline, add_event(new), out)


def cmd_app(args: argparse.Namespace, paths: DataPaths, out: TextIO) -> int:
    if not (out.isatty() and sys.stdin.isatty()):  # piped or redirected: escape codes would land in a file
        _warn("not a terminal, so here is the list (timeline list); the explorer needs a terminal")
        return cmd_list(argparse.Namespace(json=False), paths, out)
    import io

    from .app import TimelineApp, run_explorer  # the only place the CLI imports Textual

    report = None if args.debug else io.StringIO()
    if not run_explorer(TimelineApp(paths), report):
        return EXIT_OK
    if report is not None:
        _warn(f"the explorer stopped on an unexpected error; {_save_error_report(report.getvalue())}")
    return EXIT_CRASH


def _save_error_report(text: str) -> str:
    """Where the explorer's error report was saved, in words for the one line that says it stopped."""
    from datetime import datetime

    from .cache import cache_dir

    path = cache_dir() / f"error-{datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}.txt"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text.encode("utf-8", "replace"))
    except (OSError, TargetExists, WriteRefused):
        return "run with --debug to see what went wrong"
    return f"the details are in {printable(str(path))}; run with --debug to see them here"


def _data_options() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--events", metavar="FILE", help="events file (default: ./events.yaml, else the bundled one)")
    parent.add_argument("--corpus", metavar="DIR", help="corpus folder (default: corpus/ beside the events file)")
    parent.add_argument("--debug", action="store_true", help="show a traceback on an unexpected error")
    return parent


def build_parser() -> argparse.ArgumentParser:
    data = _data_options()
    parser = argparse.ArgumentParser(
        prog="timeline",
        description="Explore an evidenced chronology: events tied to the news paragraphs that report them.",
        parents=[data],
    )
    parser.add_argument("--version", action="version", version=f"timeline {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, func: Command, help_text: str) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=help_text, description=help_text, parents=[data])
        command.set_defaults(func=func)
        return command

    add("check", cmd_check, "validate events.yaml and the corpus; exit 1 when problems are found")
    add("list", cmd_list, "print the chronology").add_argument("--json", action="store_true", help="JSON output")
    show = add("show", cmd_show, "print one event in full")
    show.add_argument("id", help="the event id (see `timeline list`)")
    show.add_argument("--json", action="store_true", help="JSON output")
    add("articles", cmd_articles, "list the corpus articles").add_argument("--json", action="store_true")
    _add_export(add("export", cmd_export, "export the timeline (or the events a filter selects) to another tool"))
    _add_article_options(add("add-article", cmd_add_article, "add a plain-text article to the corpus"))
    dates = add("dates", cmd_dates, "find and resolve the date expressions of a text; prints JSON")
    dates.add_argument(
        "file",
        nargs="?",
        default="-",
        metavar="FILE",
        help="the text (default or -: standard input); a corpus article's body only, against its publication date",
    )
    dates.add_argument(
        "--published",
        metavar="YYYY-MM-DD",
        help="publication date (or YYYY-MM) that relative dates resolve against (for an article: instead of its own)",
    )
    extract = add("extract", cmd_extract, "list the dated statements of the corpus and the events that cover them")
    extract.add_argument("--json", action="store_true", help="JSON output")
    extract.add_argument("--uncovered", action="store_true", help="only the statements no event covers")
    locate = add("locate", cmd_locate, "the corpus passages that best match any text (a quote, a paraphrase)")
    locate.add_argument(
        "text", nargs="+", help="the words to look for (no quotes needed); typos and paraphrases welcome"
    )
    locate.add_argument("--json", action="store_true", help="JSON output")
    locate.add_argument("--limit", type=int, default=10, metavar="N", help="at most N passages (default 10)")
    search = add("search", cmd_search, "search actors, events and passages by name or words, typos welcome")
    search.add_argument("query", nargs="+", help="a name, alias, title, @handle or words of the text")
    search.add_argument("--json", action="store_true", help="JSON output: an array, best first")
    search.add_argument("--limit", type=int, default=10, metavar="N", help="at most N results (default 10)")
    search.add_argument("--kind", choices=("actor", "event", "passage"), action="append", help="only this kind")
    _add_review_commands(add)
    parser.set_defaults(func=cmd_app)
    return parser


def _add_review_commands(add: Callable[[str, Command, str], argparse.ArgumentParser]) -> None:
    pending = add("suggestions", cmd_suggestions, "list the passages the matcher suggests and nobody has reviewed")
    pending.add_argument("--json", action="store_true", help="JSON output")
    pending.add_argument("--event", metavar="ID", help="only the suggestions for this event")
    for name, func, verb in (
        ("accept", cmd_accept, "accept a suggested passage: it becomes a source of the event, in events.yaml"),
        ("reject", cmd_reject, "reject a suggested passage: recorded in events.yaml, never suggested again"),
    ):
        command = add(name, func, verb)
        command.add_argument("event", metavar="EVENT", help="the event id")
        command.add_argument("passage", metavar="ARTICLE:PARAGRAPH", help="the suggestion, as `suggestions` shows it")
    new = add("add-event", cmd_add_event, "add an event to events.yaml, sourced by a paragraph of the corpus")
    new.add_argument("--id", required=True, help="a slug, unique in events.yaml")
    new.add_argument("--date", required=True, help="YYYY-MM-DD, YYYY-MM, YYYY or YYYY-Www; a trailing ~ for 'about'")
    new.add_argument("--title", required=True, help="what happened, in one line")
    new.add_argument("--source", required=True, metavar="ARTICLE:PARAGRAPH", help="the paragraph that reports it")
    new.add_argument("--quote", metavar="TEXT", help="the words that anchor it there (default: the whole paragraph)")
    new.add_argument("--summary", help="a few sentences (default: the title)")
    new.add_argument("--method", default="explicit", help="how the date is known: explicit, relative or inferred")
    new.add_argument("--expression", metavar="TEXT", help="the date's words in the text (default: the date)")
    new.add_argument("--resolved-against", metavar="TEXT", help="for a relative date: what it was resolved against")
    new.add_argument("--actor", action="append", metavar="ID", help="an actor of the registry (repeatable)")
    new.add_argument("--tag", action="append", metavar="TAG", help="a tag (repeatable)")
    new.add_argument("--notes", metavar="TEXT", help="where the sources disagree, or anything to keep in mind")


def _add_export(command: argparse.ArgumentParser) -> None:
    from .export import FORMATS

    command.add_argument("--format", required=True, choices=list(FORMATS), help="the output format")
    command.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of the screen")
    command.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    command.add_argument(
        "--actor", action="append", metavar="ACTOR", help="events naming this actor: an id, name or alias (repeatable)"
    )
    command.add_argument("--article", action="append", metavar="ID", help="events this article reports (repeatable)")
    command.add_argument("--tag", action="append", metavar="TAG", help="events with this tag (repeatable)")
    command.add_argument(
        "--from",
        dest="date_from",
        metavar="DATE",
        help="events on or after DATE (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www)",
    )
    command.add_argument("--to", dest="date_to", metavar="DATE", help="events on or before DATE (same forms)")
    command.add_argument(
        "--raw",
        action="store_true",
        help="csv and markdown: keep control characters as they are in the data (default: shown as symbols; "
        "never on a terminal)",
    )
    command.add_argument(
        "--with-suggestions",
        action="store_true",
        help="also the passages the matcher suggests (not reviewed), each labelled as such; default: curated only",
    )


def _add_article_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("file", metavar="FILE", help="the article as plain UTF-8 text, without front matter")
    command.add_argument("--title", help="the article's title (required)")
    command.add_argument("--published", metavar="DATE", help="publication date, YYYY-MM-DD (or YYYY-MM, YYYY)")
    command.add_argument("--published-note", metavar="TEXT", help="how the publication date is known")
    command.add_argument(
        "--published-from",
        metavar="ID",
        action="append",
        help="an article whose date an inferred publication date is worked out from (repeatable)",
    )
    command.add_argument("--outlet", help="the outlet, if known (else recorded as unknown)")
    command.add_argument("--author", help="the author, if known (else recorded as unknown)")
    command.add_argument("--url", help="where the article was found, if known")
    command.add_argument("--id", help="the article id (default: a slug of the title)")


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    err = err or sys.stderr or open(os.devnull, "w")  # noqa: SIM115 - a closed standard error: say nothing
    if (out or sys.stdout) is None:
        err.write("timeline: standard output is closed; run the command with an output (a terminal, a file)\n")
        return EXIT_USAGE
    stream = out or sys.stdout
    output = cast(TextIO, _Output(stream))
    remove_temporaries_on_signals()  # an export or a cache save ended by SIGTERM/SIGHUP leaves no temporary file
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage error
        return int(exc.code or 0)
    try:
        paths = resolve_paths(args.events, args.corpus)
    except ValueError as exc:
        err.write(one_line(f"timeline: {exc}") + "\n")
        return EXIT_USAGE
    except OSError:
        err.write("timeline: the current folder no longer exists; cd to a folder that does, or pass --events FILE\n")
        return EXIT_DATA
    _warnings_to.append(err)
    try:
        code = args.func(args, paths, output)
        output.flush()
        return code
    except DataError as exc:
        _report(exc.problems, err)
        return EXIT_DATA
    except Failure as exc:
        err.write(one_line(f"timeline: {exc}") + "\n")
        return EXIT_DATA
    except UsageError as exc:
        err.write(one_line(f"timeline: {exc}") + "\n")
        return EXIT_USAGE
    except OutputFailed as exc:
        _silence(stream)
        err.write(f"timeline: {exc}\n")
        return EXIT_DATA
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _silence(stream)
        return EXIT_OK
    except Exception as exc:
        if args.debug:
            raise
        err.write(
            one_line(f"timeline: unexpected error: {type(exc).__name__}: {exc}") + " (run with --debug for details)\n"
        )
        return 70
    finally:
        _warnings_to.pop()


def _silence(stream: TextIO) -> None:
    """Point a failed standard output at the null device, so that the interpreter's last flush at exit does not
    fail again with a traceback-like message."""
    if stream is not sys.stdout:
        return
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, stream.fileno())
        os.close(null)
    except (OSError, ValueError):
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
