"""Safe YAML reading that keeps line numbers, so every problem can say where it is.

The document is built from PyYAML's event stream by a loop, not by PyYAML's composer: no Python object is ever
constructed from a tag, nesting depth is checked as it grows (libyaml's recursive composer crashes the process on
very deep nesting), and alias expansion is bounded, so a "billion laughs" document is refused quickly.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.resolver import Resolver

try:  # the C parser is several times faster on large files
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_ALIAS_EXPANSION = 100_000  # nodes that aliases may repeat before the document is refused
MAX_ALIAS_CHARS = 1_000_000  # characters of text that aliases may repeat: a few anchored strings of any size
MAX_DEPTH = 100  # nesting deeper than this is refused: no events file needs it


class YamlError(Exception):
    """A YAML document that cannot be read; `line` is 1-based (0 when unknown)."""

    def __init__(self, line: int, message: str) -> None:
        self.line = line
        self.message = message
        super().__init__(f"line {line}: {message}")


@dataclass(slots=True)
class Node:
    """A YAML value and the line it starts on.

    `value` is a dict[str, Node] for a mapping, a list[Node] for a sequence, and str, int, float, bool or None
    for a scalar. Unquoted dates stay strings: callers decide what a date is.
    """

    value: Any
    line: int
    size: int = field(default=1, repr=False, compare=False)  # nodes in this subtree, to bound aliases
    chars: int = field(default=0, repr=False, compare=False)  # characters of text in this subtree, likewise

    def kind(self) -> str:
        """A readable name of the value's type, for messages."""
        return _KIND_NAMES.get(type(self.value), type(self.value).__name__)


_KIND_NAMES = {
    dict: "a mapping",
    list: "a list",
    str: "text",
    int: "a number",
    float: "a number",
    bool: "true/false",
    type(None): "empty",
}
_TAG = "tag:yaml.org,2002:"
_Scalar, _Alias, _StreamEnd = yaml.ScalarEvent, yaml.AliasEvent, yaml.StreamEndEvent
_MappingStart, _MappingEnd, _SequenceStart, _SequenceEnd = (
    yaml.MappingStartEvent,
    yaml.MappingEndEvent,
    yaml.SequenceStartEvent,
    yaml.SequenceEndEvent,
)
_DocumentStart, _DocumentEnd = yaml.DocumentStartEvent, yaml.DocumentEndEvent
_STANDARD_TAGS = {_TAG + name for name in ("map", "seq", "str", "int", "float", "bool", "null", "timestamp")}
# The implicit resolvers PyYAML's Resolver tries on a plain scalar, by its first character ('' for an empty one),
# the wildcard ones after: a value whose first character has none (most text) is text without a regex tried.
_WILDCARD = tuple(Resolver.yaml_implicit_resolvers.get(None, ()))
_IMPLICIT = {first: (*resolvers, *_WILDCARD) for first, resolvers in Resolver.yaml_implicit_resolvers.items()}
_DEFAULT_TAG = Resolver.DEFAULT_SCALAR_TAG


def read_yaml(text: str) -> Node | None:
    """Read a one-document YAML text safely; None for an empty document (only comments or blank).

    A second document (after a `---` line) is refused at its line: reading only the first would drop the rest.
    Lines are counted by their newlines, as an editor, `grep -n` or `sed -n` counts them, wherever YAML would also
    count a carriage return alone or a Unicode line separator as a line break.
    """
    lines = _line_table(text)
    loader = _Loader(text)
    try:
        root = _Builder().build(loader.get_event)
        if lines is not None and root is not None:
            _renumber(root, lines)
        return root
    except YamlError as exc:
        raise YamlError(_line(lines, exc.line), exc.message) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = _line(lines, mark.line + 1) if mark else 0
        problem = exc.problem or exc.context or "not valid YAML"
        if exc.context and exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
            started = _line(lines, exc.context_mark.line + 1)
            problem += f" ({exc.context.removeprefix('while parsing ')} started on line {started})"
        raise YamlError(line, f"YAML syntax: {problem}") from None
    except yaml.reader.ReaderError as exc:  # a control character; its position counts characters
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        line = text.count("\n", 0, exc.position) + 1
        raise YamlError(line, f"the control character U+{code:04X} is not allowed in YAML; remove it") from None
    except yaml.YAMLError as exc:
        raise YamlError(0, "YAML: " + " ".join(str(exc).split())) from None
    finally:
        loader.dispose()


_YAML_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # what YAML 1.1 counts as a line break
_OTHER_BREAKS = re.compile("\r(?!\n)|[\x85\u2028\u2029]")  # ... that is not a newline


def _line_table(text: str) -> list[int] | None:
    """For each line as YAML counts them (0-based), the line as newlines count them (1-based); None when the two
    agree, as they do in any file without a carriage return alone or a Unicode line break."""
    if _OTHER_BREAKS.search(text) is None:
        return None
    table, line = [1], 1
    for found in _YAML_BREAKS.finditer(text):
        line += found.group().endswith("\n")
        table.append(line)
    return table


def _line(table: list[int] | None, line: int) -> int:
    """A 1-based line as YAML counts them, as newlines count them (0, unknown, stays 0)."""
    return table[line - 1] if table is not None and 0 < line <= len(table) else line


def _renumber(root: Node, table: list[int]) -> None:
    """Every node's line as newlines count them; a node an alias repeats is renumbered once."""
    seen: set[int] = set()
    pending = [root]
    while pending:
        node = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        node.line = _line(table, node.line)
        if isinstance(node.value, dict):
            pending.extend(node.value.values())
        elif isinstance(node.value, list):
            pending.extend(node.value)


class _Open:
    """A collection being built: its node, its pending mapping key, its anchor, and the counts when it opened."""

    __slots__ = ("anchor", "chars", "items", "key", "node", "nodes")

    def __init__(self, node: Node, anchor: str | None, nodes: int, chars: int) -> None:
        self.node = node
        self.items: list[Node] | None = node.value if isinstance(node.value, list) else None
        self.key: Node | None = None
        self.anchor = anchor
        self.nodes = nodes
        self.chars = chars


class _Builder:
    """Turns parser events into Nodes with an explicit stack.

    `nodes` and `chars` count the nodes and characters of text built so far, aliases counted as what they repeat:
    a collection's size is what they grew by while it was open, so no node adds itself to its parent's count.
    """

    def __init__(self) -> None:
        self.anchors: dict[str, Node] = {}
        self.expanded = 0
        self.expanded_chars = 0
        self.nodes = 0
        self.chars = 0
        self.stack: list[_Open] = []
        self.root: Node | None = None
        self.done = False

    def build(self, next_event: Callable[[], Any]) -> Node | None:
        """Consume the parser's events up to the end of the stream; the most frequent kinds are tested first."""
        while True:
            event = next_event()
            kind = type(event)
            if kind is _Scalar:
                self._add(self._scalar(event), event.anchor)
            elif kind is _MappingEnd or kind is _SequenceEnd:
                self._close()
            elif kind is _MappingStart or kind is _SequenceStart:
                self._open(event)
            elif kind is _Alias:
                self._alias(event)
            elif kind is _DocumentEnd:
                self.done = True
            elif self.done and kind is _DocumentStart:
                raise YamlError(
                    self._line(event),
                    "a second YAML document starts here (at a '---' line, or after a '...' line); the file is "
                    "one document: remove that line, or indent it if it is part of a text",
                )
            elif kind is _StreamEnd:
                return self.root

    def _line(self, event: Any) -> int:
        return event.start_mark.line + 1

    def _check_tag(self, event: Any, implicit: bool) -> None:
        if event.tag is not None and not implicit and event.tag not in _STANDARD_TAGS and event.tag != "!":
            tag = event.tag.replace(_TAG, "!!")
            raise YamlError(self._line(event), f"the tag {tag} is not allowed; remove it")

    def _open(self, event: Any) -> None:
        self._check_tag(event, event.implicit)
        if len(self.stack) >= MAX_DEPTH:
            raise YamlError(self._line(event), f"nesting is deeper than {MAX_DEPTH} levels")
        value: dict[str, Node] | list[Node] = {} if isinstance(event, yaml.MappingStartEvent) else []
        self.stack.append(_Open(Node(value, self._line(event)), event.anchor, self.nodes, self.chars))
        self.nodes += 1

    def _close(self) -> None:
        frame = self.stack.pop()
        node = frame.node
        node.size, node.chars = self.nodes - frame.nodes, self.chars - frame.chars
        if frame.anchor:
            self.anchors[frame.anchor] = node
        self._add(node)

    def _scalar(self, event: yaml.ScalarEvent) -> Node:
        text, plain, tag = event.value, event.implicit[0], event.tag
        self.nodes += 1
        self.chars += len(text)
        if tag is not None:
            self._check_tag(event, plain)
        if not plain:  # quoted, or with an explicit tag: text as written
            return Node(text, event.start_mark.line + 1, 1, len(text))
        if tag is None or tag == "!":  # as PyYAML's Resolver.resolve decides a plain scalar's type
            resolvers = _IMPLICIT.get(text[:1], _WILDCARD)
            tag = next((tag for tag, regexp in resolvers if regexp.match(text)), _DEFAULT_TAG) if resolvers else None
        return Node(_scalar_value(tag, text), event.start_mark.line + 1, 1, len(text))

    def _alias(self, event: yaml.AliasEvent) -> None:
        node = self.anchors.get(event.anchor or "")
        if node is None:
            raise YamlError(self._line(event), f"the alias *{event.anchor} names no anchor before it")
        self.expanded += node.size
        self.expanded_chars += node.chars
        if self.expanded > MAX_ALIAS_EXPANSION:
            raise YamlError(self._line(event), "too many alias expansions (a YAML 'billion laughs'?); refused")
        if self.expanded_chars > MAX_ALIAS_CHARS:
            limit = f"{MAX_ALIAS_CHARS:,}"
            raise YamlError(
                self._line(event), f"aliases repeat more than {limit} characters of text here; write the text out once"
            )
        self.nodes += node.size
        self.chars += node.chars
        self._add(node)

    def _add(self, node: Node, anchor: str | None = None) -> None:
        if anchor:
            self.anchors[anchor] = node
        if not self.stack:
            self.root = node
            return
        parent = self.stack[-1]
        if parent.items is not None:
            parent.items.append(node)
            return
        key = parent.key
        if key is None:  # this node is a key
            if not isinstance(node.value, (str, int, float, bool)) and node.value is not None:
                raise YamlError(node.line, "a key must be plain text")
            parent.key = node
            return
        name = "" if key.value is None else str(key.value)
        if name == "<<":
            raise YamlError(key.line, "merge keys (<<) are not supported; write the fields out")
        mapping = parent.node.value
        if name in mapping:
            raise YamlError(key.line, f"key {name!r} appears twice in the same mapping")
        if node.value is None:
            node = Node(None, key.line)  # an empty value is reported on its key's line
        mapping[name] = node
        parent.key = None


def _scalar_value(tag: str | None, text: str) -> Any:
    """A plain scalar's value by its tag (None: text no implicit resolver applies to)."""
    if tag is None or tag in (_TAG + "str", _TAG + "timestamp"):
        return text
    if tag == _TAG + "null":
        return None
    if tag == _TAG + "bool":
        return text.lower() in ("true", "yes", "on", "y")
    try:
        if tag == _TAG + "int":
            return int(text.replace("_", ""), 0)
        if tag == _TAG + "float":
            return float(text.replace("_", ""))
    except ValueError:  # YAML 1.1 forms Python does not read (0755, 1:30): keep the text
        return text
    return text
