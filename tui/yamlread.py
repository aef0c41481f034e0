"""Safe YAML reading that keeps line numbers, so every problem can say where it is.

The document is built from PyYAML's event stream by a loop, not by PyYAML's composer: no Python object is ever
constructed from a tag, nesting depth is checked as it grows (libyaml's recursive composer crashes the process on
very deep nesting), and alias expansion is bounded, so a "billion laughs" document is refused quickly.
"""

from __future__ import annotations

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


@dataclass
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
_STANDARD_TAGS = {_TAG + name for name in ("map", "seq", "str", "int", "float", "bool", "null", "timestamp")}
_RESOLVER = Resolver()


def read_yaml(text: str) -> Node | None:
    """Read a one-document YAML text safely; None for an empty document (only comments or blank).

    A second document (after a `---` line) is refused at its line: reading only the first would drop the rest.
    """
    try:
        return _Builder().build(yaml.parse(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        problem = exc.problem or exc.context or "not valid YAML"
        if exc.context and exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
            problem += f" ({exc.context.removeprefix('while parsing ')} started on line {exc.context_mark.line + 1})"
        raise YamlError(line, f"YAML syntax: {problem}") from None
    except yaml.reader.ReaderError as exc:  # a control character; its position counts characters
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        line = text.count("\n", 0, exc.position) + 1
        raise YamlError(line, f"the control character U+{code:04X} is not allowed in YAML; remove it") from None
    except yaml.YAMLError as exc:
        raise YamlError(0, "YAML: " + " ".join(str(exc).split())) from None


class _Builder:
    """Turns parser events into Nodes with an explicit stack."""

    def __init__(self) -> None:
        self.anchors: dict[str, Node] = {}
        self.expanded = 0
        self.expanded_chars = 0
        # each open collection: (node, pending mapping key or None, anchor)
        self.stack: list[tuple[Node, Node | None, str | None]] = []
        self.root: Node | None = None
        self.done = False

    def build(self, events: Any) -> Node | None:
        for event in events:
            if isinstance(event, yaml.DocumentEndEvent):
                self.done = True
            elif self.done and isinstance(event, yaml.DocumentStartEvent):
                raise YamlError(
                    self._line(event),
                    "a second YAML document starts here (at a '---' line, or after a '...' line); the file is "
                    "one document: remove that line, or indent it if it is part of a text",
                )
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                self._open(event)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                node, _, anchor = self.stack.pop()
                if anchor:
                    self.anchors[anchor] = node
                self._add(node)
            elif isinstance(event, yaml.ScalarEvent):
                self._add(self._scalar(event), event.anchor)
            elif isinstance(event, yaml.AliasEvent):
                self._alias(event)
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
        self.stack.append((Node(value, self._line(event)), None, event.anchor))

    def _scalar(self, event: yaml.ScalarEvent) -> Node:
        plain, _quoted = event.implicit
        self._check_tag(event, plain)
        tag = event.tag
        if tag in (None, "!"):
            tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
        return Node(_scalar_value(tag, event.value, plain), self._line(event), chars=len(event.value))

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
        self._add(node)

    def _add(self, node: Node, anchor: str | None = None) -> None:
        if anchor:
            self.anchors[anchor] = node
        if not self.stack:
            self.root = node
            return
        parent, key, parent_anchor = self.stack[-1]
        parent.size += node.size
        parent.chars += node.chars
        if isinstance(parent.value, list):
            parent.value.append(node)
            return
        if key is None:  # this node is a key
            if not isinstance(node.value, (str, int, float, bool)) and node.value is not None:
                raise YamlError(node.line, "a key must be plain text")
            self.stack[-1] = (parent, node, parent_anchor)
            return
        name = "" if key.value is None else str(key.value)
        if name == "<<":
            raise YamlError(key.line, "merge keys (<<) are not supported; write the fields out")
        if name in parent.value:
            raise YamlError(key.line, f"key {name!r} appears twice in the same mapping")
        if node.value is None:
            node = Node(None, key.line)  # an empty value is reported on its key's line
        parent.value[name] = node
        self.stack[-1] = (parent, None, parent_anchor)


def _scalar_value(tag: str, text: str, plain: bool) -> Any:
    if not plain or tag in (_TAG + "str", _TAG + "timestamp"):
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
