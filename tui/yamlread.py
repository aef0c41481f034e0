"""Safe YAML reading that keeps line numbers, so every problem can say where it is.

PyYAML composes the document into nodes (no Python objects are ever constructed from tags); this module turns
the nodes into plain values wrapped in `Node`, each carrying its 1-based line. Alias expansion is bounded, so a
"billion laughs" document is refused quickly instead of exhausting memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

try:  # the C composer is several times faster on large files
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_ALIAS_EXPANSION = 10_000  # nodes reached again through aliases before the document is refused
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

_STANDARD_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("map", "seq", "str", "int", "float", "bool", "null", "timestamp")
}
_SCALAR_TAGS = {
    "tag:yaml.org,2002:int": int,
    "tag:yaml.org,2002:float": float,
    "tag:yaml.org,2002:bool": bool,
    "tag:yaml.org,2002:null": type(None),
}


def read_yaml(text: str) -> Node | None:
    """Compose one YAML document safely; None for an empty document (only comments or blank)."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        problem = exc.problem or exc.context or "not valid YAML"
        if exc.context and exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
            problem += f" ({exc.context.removeprefix('while parsing ')} started on line {exc.context_mark.line + 1})"
        raise YamlError(line, f"YAML syntax: {problem}") from None
    except yaml.YAMLError as exc:
        raise YamlError(0, f"YAML: {exc}") from None
    except RecursionError:
        raise YamlError(0, f"nesting is deeper than {MAX_DEPTH} levels") from None
    if root is None:
        return None
    return _Converter().convert(root, 0)


class _Converter:
    def __init__(self) -> None:
        self.seen: set[int] = set()
        self.expanded = 0

    def convert(self, node: yaml.Node, depth: int) -> Node:
        line = node.start_mark.line + 1
        if depth > MAX_DEPTH:
            raise YamlError(line, f"nesting is deeper than {MAX_DEPTH} levels")
        if id(node) in self.seen:
            self.expanded += 1
            if self.expanded > MAX_ALIAS_EXPANSION:
                raise YamlError(line, "too many alias expansions (a YAML 'billion laughs'?); refused")
        self.seen.add(id(node))
        if node.tag not in _STANDARD_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise YamlError(line, f"the tag {tag} is not allowed; remove it")
        if isinstance(node, yaml.MappingNode):
            return Node(self._mapping(node, depth), line)
        if isinstance(node, yaml.SequenceNode):
            return Node([self.convert(item, depth + 1) for item in node.value], line)
        return Node(_scalar(node), line)

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Node]:
        result: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlError(key_line, "merge keys (<<) are not supported; write the fields out")
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlError(key_line, "a key must be plain text")
            key = str(key_node.value)
            if key in result:
                raise YamlError(key_line, f"key {key!r} appears twice in the same mapping")
            result[key] = self.convert(value_node, depth + 1)
            result[key].line = result[key].line if result[key].value is not None else key_line
        return result


def _scalar(node: yaml.Node) -> Any:
    kind = _SCALAR_TAGS.get(node.tag)
    text = node.value
    if kind is None:
        return str(text)
    if kind is type(None):
        return None
    if kind is bool:
        return text.lower() in ("true", "yes", "on", "y")
    try:
        if kind is int:
            return int(text.replace("_", ""), 0)
        return float(text.replace("_", ""))
    except ValueError:  # YAML 1.1 forms Python does not read (0755, 1:30, .inf): keep the text
        return str(text)
