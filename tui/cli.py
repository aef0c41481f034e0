"""The `timeline` command: the explorer by default, and subcommands for scripts and curators.

Subcommands never import Textual, so they start fast. Exit codes: 0 success, 1 problems with the data (or an
unknown id), 2 a usage error. Errors are one clear line each, never a traceback (unless --debug).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from .model import Actor, Article, DataError, Problem
from .paths import DataPaths, resolve_paths
from .timeline import Timeline, build_timeline, load_inputs

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
SUGGESTIONS_SHOWN = 50  # names missing from the registry that `check` lists, most mentioned first


class UsageError(Exception):
    """A command used wrongly: exit 2 with this message."""


class Failure(Exception):
    """A command that could not do its job because of the data: exit 1 with this message."""


Command = Callable[[argparse.Namespace, DataPaths, TextIO], int]


def _print_json(data: Any, out: TextIO) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


def _report(problems: Sequence[Problem], err: TextIO) -> None:
    for problem in problems:
        err.write(f"{problem}\n")
    count = len(problems)
    err.write(f"{count} problem{'s' if count != 1 else ''} found.\n")


def _timeline(paths: DataPaths) -> Timeline:
    return build_timeline(paths.events, paths.corpus)


def cmd_check(args: argparse.Namespace, paths: DataPaths, out: TextIO) -> int:
    corpus, events_file, problems = load_inputs(paths.events, paths.corpus)
    if problems:
        raise DataError(problems)
    out.write(
        f"{paths.events}: {len(events_file.events)} events, {len(events_file.actors)} actors; "
        f"{paths.corpus}: {len(corpus.articles)} articles. All valid.\n"
    )
    _suggest_names(corpus.articles, events_file.actors, out)
    return EXIT_OK


def _suggest_names(articles: Sequence[Article], actors: Sequence[Actor], out: TextIO) -> None:
    from .names import missing_names

    suggestions = missing_names(articles, actors)
    if suggestions:
        out.write(f"Suggestions: {len(suggestions)} names in the articles match no actor; add the people and ")
        out.write("organisations among them to actors: in the events file (name, alias, title or handle).\n")
    for s in suggestions[:SUGGESTIONS_SHOWN]:
        out.write(f"  {s.name:<28} {s.article} ¶{s.paragraph}" + (f" (+{s.count - 1} more)\n" if s.count > 1 else "\n"))
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
        out.write(f"{event.date.edtf:<12} {event.id:<44} {event.title}  [{sources}]\n")
    return EXIT_OK


def cmd_show(args: argparse.Namespace, paths: DataPaths, out: TextIO) -> int:
    from .serialize import event_dict

    timeline = _timeline(paths)
    event = timeline.event(args.id)
    if event is None:
        raise Failure(f"no event with id {args.id!r}; `timeline list` shows the ids")
    passages = timeline.passages_of(event.id)
    if args.json:
        _print_json(event_dict(event, passages), out)
        return EXIT_OK
    basis = event.date_basis
    lines = [
        event.title,
        f"  id:       {event.id}",
        f"  date:     {event.date.edtf} ({event.date.precision}{', approximate' if event.date.approximate else ''})",
        f'  known by: {basis.method}: "{basis.expression}"'
        + (f" in {basis.article}" if basis.article else "")
        + (f"; resolved against {basis.resolved_against}" if basis.resolved_against else ""),
        f"  actors:   {', '.join(event.actors)}",
        f"  tags:     {', '.join(event.tags)}",
        "",
        f"  {event.summary}",
    ]
    if event.notes:
        lines += ["", f"  Notes: {event.notes}"]
    lines += ["", "  Sources:"]
    lines += [f'    {s.article}: "{s.quote}"' for s in event.sources]
    if passages:
        lines += ["", "  Passages:"]
        for p in passages:
            kind = "curated" if p.curated else "corroborating"
            where = f"{p.article} ¶{p.paragraph} [{p.start}:{p.end}]"
            lines.append(f'    {where} score {p.score:.0f} ({kind}): "{p.text}"')
    out.write("\n".join(lines) + "\n")
    return EXIT_OK


def cmd_articles(args: argparse.Namespace, paths: DataPaths, out: TextIO) -> int:
    from .serialize import article_dict

    timeline = _timeline(paths)
    if args.json:
        _print_json([article_dict(a) for a in timeline.articles], out)
        return EXIT_OK
    for article in timeline.articles:
        published = article.published.edtf if article.published else "?"
        out.write(f"{published:<11} {article.published_basis:<8} {article.id:<42} {article.title}\n")
    return EXIT_OK


def cmd_search(args: argparse.Namespace, paths: DataPaths, out: TextIO) -> int:
    from .search import SearchIndex, result_dict

    query = " ".join(args.query)
    if not query.strip():
        raise UsageError("search: the query is empty; give a name, a title, a handle or words of the text")
    if args.limit < 1:
        raise UsageError(f"search: --limit must be at least 1, not {args.limit}")
    results = SearchIndex.from_timeline(_timeline(paths)).search(query, limit=args.limit, kinds=args.kind)
    if args.json:
        _print_json([result_dict(r) for r in results], out)
        return EXIT_OK
    for r in results:
        if r.kind == "actor":
            events = f"{len(r.events)} event{'s' if len(r.events) != 1 else ''}"
            where = f"{r.id}; {events}" + (f'; matched "{r.matched}"' if r.matched != r.name else "")
        else:
            where = f"{r.id}, {r.date}" if r.kind == "event" else f"{r.article} ¶{r.paragraph}"
        out.write(f"{r.kind:<8} {r.score:5.1f}  {r.label}  ({where})\n")
    if not results:
        out.write(f"No results for {query!r}.\n")
    return EXIT_OK


def cmd_app(args: argparse.Namespace, paths: DataPaths, out: TextIO) -> int:
    from .app import TimelineApp  # the only place the CLI imports Textual

    TimelineApp(paths).run()
    return EXIT_OK


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
    search = add("search", cmd_search, "search actors, events and passages by name or words, typos welcome")
    search.add_argument("query", nargs="+", help="a name, alias, title, @handle or words of the text")
    search.add_argument("--json", action="store_true", help="JSON output: an array, best first")
    search.add_argument("--limit", type=int, default=10, metavar="N", help="at most N results (default 10)")
    search.add_argument("--kind", choices=("actor", "event", "passage"), action="append", help="only this kind")
    parser.set_defaults(func=cmd_app)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage error
        return int(exc.code or 0)
    paths = resolve_paths(args.events, args.corpus)
    try:
        return args.func(args, paths, out)
    except DataError as exc:
        _report(exc.problems, err)
        return EXIT_DATA
    except Failure as exc:
        err.write(f"timeline: {exc}\n")
        return EXIT_DATA
    except UsageError as exc:
        err.write(f"timeline: {exc}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        if args.debug:
            raise
        err.write(f"timeline: unexpected error: {type(exc).__name__}: {exc} (run with --debug for details)\n")
        return 70


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
