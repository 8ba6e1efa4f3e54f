"""Read a spec file once, safely, into plain data plus a map from JSON pointers to line/column.

YAML is resolved with the YAML 1.2 core schema: `NO`, `on`, `0755`, `12:30` and dates stay strings,
so the validator, the model generator and the templates all see the same values. No tag can build an
object; aliases are shared, never expanded into an exponential tree.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..foundation.diagnostics import Diagnostic, SpecError, json_pointer

Location = tuple[int, int]
PathParts = tuple[str | int, ...]

# Far above any real spec (the 1.2 MB Kombo document has about 60,000 nodes), far below a YAML bomb.
MAX_EXPANDED_NODES = 5_000_000

class _CoreSchemaResolver(yaml.resolver.BaseResolver):
    """Implicit typing of the YAML 1.2 core schema, nothing more."""


for _tag, _pattern, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("int", r"^(?:[-+]?(?:0|[1-9][0-9]*)|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "float",
        (
            r"^(?:[-+]?(?:\.[0-9]+|(?:0|[1-9][0-9]*)(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
        "-+0123456789.",
    ),
):
    _CoreSchemaResolver.add_implicit_resolver(
        f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first)
    )


if yaml.__with_libyaml__:  # `CParser` is not exported by `yaml` itself, only by `yaml.cyaml`
    from yaml.cyaml import CParser

    class _NodeLoader(CParser, _CoreSchemaResolver):  # type: ignore[misc]
        """libyaml's parser and composer (ten times faster), with the core-schema resolver."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _CoreSchemaResolver.__init__(self)

else:  # PyYAML built without libyaml

    class _NodeLoader(  # type: ignore[no-redef]
        yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer,
        _CoreSchemaResolver,
    ):
        """PyYAML's pure-Python parser and composer, with the core-schema resolver."""

        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            _CoreSchemaResolver.__init__(self)


@dataclass
class LoadedSpec:
    """A parsed spec: the data every later step uses, and where each value sits in the file."""

    path: Path
    display_name: str
    data: dict[str, Any]
    text: str
    _locations: dict[PathParts, Location] | None = field(default=None, repr=False)
    _locate_lazily: Callable[[], dict[PathParts, Location]] | None = field(
        default=None, repr=False
    )

    def location(self, parts: PathParts) -> Location:
        """The line and column of the value at `parts`, or of its nearest located parent."""
        if self._locations is None:
            self._locations = self._locate_lazily() if self._locate_lazily else {}
        for end in range(len(parts), -1, -1):
            found = self._locations.get(parts[:end])
            if found:
                return found
        return (1, 1)

    def diagnostic(self, parts: PathParts, message: str) -> Diagnostic:
        line, column = self.location(parts)
        return Diagnostic(self.display_name, line, column, json_pointer(parts), message)


def _scalar_value(node: ScalarNode) -> Any:
    tag = node.tag.rsplit(":", 1)[-1]
    text = node.value
    if tag == "str":
        return text
    if tag == "null":
        return None
    if tag == "bool":
        if text not in ("true", "True", "TRUE", "false", "False", "FALSE"):
            raise ValueError(f"{text!r} is not a YAML 1.2 boolean")
        return text.lower() == "true"
    if tag == "int":
        return int(text, 0) if text.startswith(("0o", "0x")) else int(text)
    if tag == "float":
        lowered = text.lower()
        if lowered.endswith(".inf"):
            return float("-inf") if lowered.startswith("-") else float("inf")
        if lowered == ".nan":
            return float("nan")
        return float(text)
    raise ValueError(f"unsupported YAML tag {node.tag!r}")


_COLLECTION_TAGS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})


class _Builder:
    """Turns a composed node graph into plain data, recording locations and refusing abuse."""

    def __init__(self, spec_name: str) -> None:
        self.spec_name = spec_name
        self.locations: dict[PathParts, Location] = {}
        self.errors: list[Diagnostic] = []
        self._values: dict[int, Any] = {}
        self._sizes: dict[int, int] = {}

    def expanded_size(self, node: Node, active: frozenset[int] = frozenset()) -> int:
        key = id(node)
        if key in active:
            return MAX_EXPANDED_NODES + 1  # a recursive alias never ends
        if key not in self._sizes:
            children: list[Node] = []
            if isinstance(node, MappingNode):
                children = [child for pair in node.value for child in pair]
            elif isinstance(node, SequenceNode):
                children = list(node.value)
            inner = active | {key}
            self._sizes[key] = 1 + sum(self.expanded_size(c, inner) for c in children)
        return self._sizes[key]

    def build(self, node: Node, parts: PathParts, mark: Any = None) -> Any:
        # A scalar is located where it stands; a mapping or list at the key that holds it.
        mark = node.start_mark if isinstance(node, ScalarNode) or mark is None else mark
        self.locations.setdefault(parts, (mark.line + 1, mark.column + 1))
        key = id(node)
        if key in self._values:
            return self._values[key]
        value: Any
        if isinstance(node, (MappingNode, SequenceNode)) and node.tag not in _COLLECTION_TAGS:
            self._error(node, parts, f"unsupported YAML tag {node.tag!r}")
            self._values[key] = None
            return None
        if isinstance(node, MappingNode):
            value = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    self._error(key_node, parts, "mapping keys must be plain scalars")
                    continue
                name = key_node.value
                if name in value:
                    self._error(key_node, parts + (name,), f"duplicate key {name!r}")
                    continue
                value[name] = self.build(value_node, parts + (name,), key_node.start_mark)
        elif isinstance(node, SequenceNode):
            value = [self.build(item, parts + (i,)) for i, item in enumerate(node.value)]
        else:
            try:
                value = _scalar_value(node)
            except ValueError as exc:
                self._error(node, parts, str(exc))
                value = None
        self._values[key] = value
        return value

    def _error(self, node: Node, parts: PathParts, message: str) -> None:
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        self.errors.append(Diagnostic(self.spec_name, line, column, json_pointer(parts), message))


def _yaml_error(exc: yaml.MarkedYAMLError, text: str, display_name: str) -> Diagnostic:
    """The parser's problem where it starts: at the problem's mark, unless that is the end of
    the text (an unclosed quote or bracket runs on to it), then where the unclosed part began."""
    problem, context = exc.problem or "invalid YAML", exc.context
    mark, context_mark = exc.problem_mark, exc.context_mark
    at_end = mark is None or mark.index >= len(text.rstrip())
    if context and context_mark is not None and at_end:
        mark, message = context_mark, f"{context} starting here: {problem}"
    elif context and context_mark is not None and context_mark.line != mark.line:
        message = f"{problem} ({context} on line {context_mark.line + 1})"
    else:
        message = problem
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Diagnostic(display_name, line, column, "#", f"invalid YAML: {message}")


def _compose(text: str, display_name: str) -> Node | None:
    loader = _NodeLoader(text)
    try:
        return loader.get_single_node()  # type: ignore[no-any-return]
    except yaml.MarkedYAMLError as exc:
        raise SpecError([_yaml_error(exc, text, display_name)])
    except yaml.YAMLError as exc:
        raise SpecError([Diagnostic(display_name, 1, 1, "#", f"invalid YAML: {exc}")])
    except RecursionError:
        raise SpecError([Diagnostic(display_name, 1, 1, "#", "the document is nested too deeply")])
    finally:
        loader.dispose()


def _build_from_yaml(text: str, display_name: str) -> tuple[Any, dict[PathParts, Location]]:
    node = _compose(text, display_name)
    if node is None:
        raise SpecError([Diagnostic(display_name, 1, 1, "#", "the file is empty")])
    builder = _Builder(display_name)
    try:
        if builder.expanded_size(node) > MAX_EXPANDED_NODES:
            raise SpecError(
                [Diagnostic(display_name, 1, 1, "#", "aliases expand the document beyond limits")]
            )
        data = builder.build(node, ())
    except RecursionError:
        raise SpecError([Diagnostic(display_name, 1, 1, "#", "the document is nested too deeply")])
    if builder.errors:
        raise SpecError(builder.errors)
    return data, builder.locations


def _locations_of_json(text: str, display_name: str) -> dict[PathParts, Location]:
    try:
        return _build_from_yaml(text, display_name)[1]
    except SpecError:
        return {}


def load_spec(path: Path, display_name: str | None = None) -> LoadedSpec:
    """Parse `path` (YAML or JSON); raise SpecError with one-line diagnostics when it cannot be."""
    name = display_name or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SpecError([Diagnostic(name, 1, 1, "#", f"cannot read file: {exc.strerror}")])
    return parse_spec_bytes(raw, path, name)


def parse_spec_bytes(raw: bytes, path: Path, display_name: str) -> LoadedSpec:
    """A spec from its file's bytes (UTF-8, a BOM allowed); `path` tells YAML from JSON."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpecError([Diagnostic(display_name, 1, 1, "#", f"not UTF-8 text (byte {exc.start})")])
    return parse_spec_text(text, path, display_name)


def _reject_json_constant(value: str) -> None:
    raise ValueError(f"{value} is not valid JSON")


def parse_spec_text(text: str, path: Path, display_name: str) -> LoadedSpec:
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text, parse_constant=_reject_json_constant)
        except (ValueError, RecursionError) as exc:
            line, column = getattr(exc, "lineno", 1), getattr(exc, "colno", 1)
            message = getattr(exc, "msg", str(exc))
            raise SpecError([Diagnostic(display_name, line, column, "#", f"invalid JSON: {message}")])
        # JSON is parsed by the fast C decoder; positions are only needed for diagnostics.
        spec = LoadedSpec(path, display_name, data, text)
        spec._locate_lazily = lambda: _locations_of_json(text, display_name)
    else:
        data, locations = _build_from_yaml(text, display_name)
        spec = LoadedSpec(path, display_name, data, text, _locations=locations)
    if not isinstance(spec.data, dict):
        raise SpecError([Diagnostic(display_name, 1, 1, "#", "a spec must be a mapping at the top")])
    return spec
