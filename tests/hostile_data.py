"""A dataset whose every text field is hostile: markup, escape sequences, bidi and zero-width characters, tabs,
very long lines. Shared by the explorer and command-line tests that check it is shown verbatim and obeyed never."""

from __future__ import annotations

from pathlib import Path

MARKUP = "[bold]B[/bold] [link=https://evil.example]L[/link] [@click=app.quit]Q[/]"
ESCAPES = "\x1b[31mRED\x1b[0m \x1b]8;;https://evil.example\x07OSC\x1b]8;;\x07 \x9b2J \x1b]0;title\x07"
INVISIBLE = "\u202eRTL\u202c \u2066iso\u2069 zero\u200bwidth \u200fmark"
HOSTILE = f"{MARKUP} {ESCAPES} {INVISIBLE} שלום tab\there"
QUOTE = "the hostile text of this article"
LONG_WORD = "x" * 5000

# What a terminal would obey if it reached it; none of it may appear in what is drawn or printed.
CONTROLS = ("\x1b", "\x07", "\x9b", "\u202e", "\u202c", "\u2066", "\u2069", "\u200f", "\u200b")


def yaml_quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar: control and bidi characters as escapes."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0 or char in CONTROLS or char == "\u200b":
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def write_hostile_data(root: Path) -> Path:
    """events.yaml and corpus/ under `root`, valid but hostile everywhere; returns the events file."""
    corpus = root / "corpus"
    corpus.mkdir()
    h = yaml_quoted(HOSTILE)
    article = (
        f"---\nid: hostile-article\ntitle: {h}\noutlet: {h}\nauthor: {h}\nurl: {h}\n"
        f"published: 2021-05-13\npublished_basis: inferred\npublished_note: {h}\n---\n"
        f"First paragraph: {HOSTILE}\n\nSecond paragraph, {QUOTE}, again {HOSTILE}\n\n{LONG_WORD}\n"
    )
    (corpus / "hostile-article.txt").write_text(article, encoding="utf-8")
    events = f"""actors:
  - id: hostile-actor
    name: {h}
    kind: person
    aliases: [{h}]
events:
  - id: hostile-event
    date: 2021-05-12
    date_basis: {{method: relative, expression: {h}, article: hostile-article, resolved_against: {h}}}
    title: {yaml_quoted("Title " + HOSTILE + " " + LONG_WORD)}
    summary: {h}
    actors: [hostile-actor]
    tags: [{h}]
    notes: {h}
    sources:
      - {{article: hostile-article, quote: "{QUOTE}"}}
"""
    path = root / "events.yaml"
    path.write_text(events, encoding="utf-8")
    return path
