"""Example argument values for the generated READMEs: made from a schema where the spec gives no
example, and written as Python source that type-checks against the argument's annotation.

A value is plain JSON data (from the spec's examples or made from its schema); `python_source`
writes it for an annotation: a date-time string becomes `datetime(...)`, a dict for a model class
without a dict alternative becomes `Model.model_validate({...})`. A value that does not fit the
annotation (a string example for an integer) is replaced by one made from the annotation itself.
Spec text only ever reaches the source through `repr()` of plain data, so it stays inert.
"""

from __future__ import annotations

import ast
import datetime as dt
import ipaddress
import math
import re
import uuid
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from ..reading.spec import deref

MISSING: Any = object()  # no value can be made (a `not` schema, a recursion too deep)
_MAX_DEPTH = 6
# Stable example values by string format: the same README for the same spec on any day.
_FORMAT_EXAMPLES = {
    "date-time": "2024-01-01T00:00:00Z",
    "date": "2024-01-01",
    "time": "12:00:00",
    "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",  # version 4, the usual kind
    "email": "user@example.com",
    "idn-email": "user@example.com",
    "uri": "https://example.com",
    "url": "https://example.com",
    "uri-reference": "https://example.com",
    "hostname": "example.com",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
    "byte": "ZXhhbXBsZQ==",
    "duration": "PT1M",
}
# Annotation names written with a constructor, and the import each needs (pydantic's UUID1-5
# are UUIDs to a type checker).
_CONSTRUCTED = {
    "datetime": ("datetime", "datetime"), "date": ("datetime", "date"),
    "time": ("datetime", "time"), "timedelta": ("datetime", "timedelta"),
    "UUID": ("uuid", "UUID"), "Decimal": ("decimal", "Decimal"),
    "IPv4Address": ("ipaddress", "IPv4Address"), "IPv6Address": ("ipaddress", "IPv6Address"),
    "SecretStr": ("pydantic", "SecretStr"),
    **{f"UUID{n}": ("uuid", "UUID") for n in range(1, 6)},
}
_DURATION = re.compile(
    r"P(?:(?P<days>\d+)D)?(?:T(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+)S)?)?"
)

Imports = frozenset[tuple[str, str]]  # (module, name); module "" is the generated package


def is_plain(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and is_plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(is_plain(v) for v in value)
    return value is None or isinstance(value, (str, int, bool))


def named_examples(media: Any, document: dict[str, Any]) -> list[tuple[str, Any]]:
    """The `example` (named "example") and the `examples` of a media type or parameter, in order."""
    if not isinstance(media, dict):
        return []
    named: list[tuple[str, Any]] = [("example", media["example"])] if "example" in media else []
    examples = media.get("examples")
    for name, example in examples.items() if isinstance(examples, dict) else ():
        example = deref(document, example)
        if isinstance(example, dict) and "value" in example:
            named.append((str(name), example["value"]))
    return named


def spec_example(owner: Any, document: dict[str, Any]) -> Any:
    """The first plain example a parameter, media type or schema documents (`example`, then
    `examples`, OpenAPI's named ones or JSON Schema's list), or MISSING."""
    candidates = [value for _, value in named_examples(owner, document)]
    if isinstance(owner, dict) and isinstance(owner.get("examples"), list):
        candidates += owner["examples"]
    return next((c for c in candidates if c is not None and is_plain(c)), MISSING)


def _merged(schema: dict[str, Any], document: dict[str, Any], depth: int) -> dict[str, Any]:
    """An object schema with the properties and required names of its allOf parts folded in."""
    merged = {k: v for k, v in schema.items() if k != "allOf"}
    properties = dict(schema.get("properties") or {})
    required = list(schema.get("required") or [])
    for part in schema.get("allOf") or []:
        part = deref(document, part)
        if isinstance(part, dict) and depth < _MAX_DEPTH:
            part = _merged(part, document, depth + 1)
            properties = {**part.get("properties", {}), **properties}
            required += [r for r in part.get("required") or [] if r not in required]
            for key in ("type", "example", "enum", "const", "format"):
                if key in part and key not in merged:
                    merged[key] = part[key]
    if properties:
        merged["properties"] = properties
    if required:
        merged["required"] = required
    return merged


def schema_value(
    schema: Any, document: dict[str, Any], depth: int = 0, seen: frozenset[str] = frozenset()
) -> Any:
    """A plain value valid for `schema` as far as simple keywords go (MISSING when none is made:
    a schema that refers back to itself ends there, so a tree gets an empty list of children)."""
    ref = schema.get("$ref") if isinstance(schema, dict) else None
    if isinstance(ref, str):
        if ref in seen:
            return MISSING
        seen = seen | {ref}
    schema = deref(document, schema)
    if schema is True or schema == {}:
        return "..."
    if not isinstance(schema, dict) or depth > _MAX_DEPTH:
        return MISSING
    schema = _merged(schema, document, depth)
    found = spec_example(schema, document)
    if found is not MISSING:
        return found
    for key in ("const", "default"):
        if key in schema and schema[key] is not None and is_plain(schema[key]):
            return schema[key]
    enum = [v for v in schema.get("enum") or [] if v is not None and is_plain(v)]
    if enum:
        return enum[0]
    for key in ("oneOf", "anyOf"):
        for branch in schema.get(key) or []:
            value = schema_value(branch, document, depth + 1, seen)
            if value is not MISSING and value is not None:
                return value
    declared = schema.get("type")
    types = [declared] if isinstance(declared, str) else list(declared or [])
    kinds = [t for t in types if t != "null"] or (
        ["object"] if "properties" in schema else ["array"] if "items" in schema else []
    )
    kind = kinds[0] if kinds else ("null" if types else "string")
    if kind == "object":
        value = {}
        for name in schema.get("required") or []:
            sub = schema_value((schema.get("properties") or {}).get(name, {}), document, depth + 1, seen)
            if sub is not MISSING:
                value[str(name)] = sub
        return value
    if kind == "array":
        item = schema_value(schema.get("items", {}), document, depth + 1, seen)
        return [] if item is MISSING else [item]
    return _scalar(kind, schema)


def _scalar(kind: str, schema: dict[str, Any]) -> Any:
    if kind == "null":
        return None
    if kind == "boolean":
        return True
    if kind in ("integer", "number"):
        low = schema.get("minimum")
        exclusive = schema.get("exclusiveMinimum")
        if isinstance(exclusive, (int, float)) and not isinstance(exclusive, bool):
            low = exclusive + 1 if kind == "integer" else exclusive + 0.5
        elif exclusive is True and isinstance(low, (int, float)):
            low = low + 1 if kind == "integer" else low + 0.5
        value = low if isinstance(low, (int, float)) and not isinstance(low, bool) else 1
        return math.ceil(value) if kind == "integer" else float(value)
    text = _FORMAT_EXAMPLES.get(str(schema.get("format")), "...")
    length = schema.get("minLength")
    if isinstance(length, int) and len(text) < length:
        text = "x" * length
    return text


# -- Python source for an annotation -----------------------------------------------------------


def _literal(value: Any) -> str:
    """Plain data as Python source; a backtick is escaped so no string can close a Markdown fence."""
    return repr(value).replace("`", "\\x60")


def _datetime_source(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = value.strip()
    text = text[:-1] + "+00:00" if text[-1:] in ("Z", "z") else text
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    # The generated clients need a time zone and send UTC: the example says so.
    moment = (moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)).astimezone(dt.timezone.utc)
    parts = [moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second,
             moment.microsecond]
    return f"datetime({_trimmed(parts, 3)}, tzinfo=timezone.utc)"


def _trimmed(parts: list[int], keep: int) -> str:
    while len(parts) > keep and parts[-1] == 0:
        parts.pop()
    return ", ".join(map(str, parts))


def _constructed_source(name: str, value: Any) -> str | None:
    """`value` as a call of the class `name` stands for (all numbers and normalised text)."""
    if name == "datetime":
        return _datetime_source(value)
    if name == "Decimal" and isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    try:
        if name == "date":
            day = dt.date.fromisoformat(value)
            return f"date({day.year}, {day.month}, {day.day})"
        if name == "time":
            clock = dt.time.fromisoformat(value.rstrip("Zz"))
            return f"time({_trimmed([clock.hour, clock.minute, clock.second], 2)})"
        if name == "timedelta":
            match = _DURATION.fullmatch(value)
            units = {k: int(v) for k, v in (match.groupdict() if match else {}).items() if v}
            return f"timedelta({', '.join(f'{k}={v}' for k, v in units.items())})" if units else None
        if name.startswith("UUID"):
            return f"UUID({_literal(str(uuid.UUID(value)))})"
        if name == "Decimal":
            return f"Decimal({_literal(str(Decimal(value)))})"
        if name in ("IPv4Address", "IPv6Address"):
            address = getattr(ipaddress, name)(value)
            return f"{name}({_literal(str(address))})"
        if name == "SecretStr":
            return f"SecretStr({_literal(value)})"
    except (ValueError, InvalidOperation):
        return None
    return None


class _Writer:
    """Writes values for annotations and collects the imports the source needs."""

    def __init__(self, models: Mapping[str, bool]) -> None:
        self.models = models  # model class name -> whether it is an object (accepts a dict)
        self.imports: set[tuple[str, str]] = set()

    def source(self, value: Any, node: ast.expr) -> str | None:
        """`value` written for the annotation `node`, or None when it does not fit."""
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
            members = _union(node)
            if value is None:
                return "None" if any(_is_none(m) for m in members) else None
            # Plain members first: a dict reads better than Model.model_validate({...}).
            ordered = sorted(members, key=lambda m: isinstance(m, ast.Name) and m.id in self.models)
            for member in ordered:
                found = self.source(value, member)
                if found is not None:
                    return found
            return None
        if isinstance(node, ast.Subscript):
            return self._subscript(value, node)
        if isinstance(node, ast.Constant):
            if node.value is None:
                return "None" if value is None else None
            if isinstance(node.value, str):  # a forward reference
                return self.source(value, ast.parse(node.value, mode="eval").body)
            return None
        if not isinstance(node, ast.Name):
            return None
        return self._name(value, node.id)

    def _name(self, value: Any, name: str) -> str | None:
        if name in ("Any", "object"):
            return _literal(value) if is_plain(value) else None
        if name == "str":
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                value = str(value)  # an id documented as a number, say
            return _literal(value) if isinstance(value, str) else None
        if name == "bool":
            return _literal(value) if isinstance(value, bool) else None
        if name == "int":
            return _literal(value) if isinstance(value, int) and not isinstance(value, bool) else None
        if name == "float":
            numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
            return _literal(value) if numeric and math.isfinite(value) else None
        if name == "bytes":
            return _literal(value.encode()) if isinstance(value, str) else None
        if name in _CONSTRUCTED:
            found = _constructed_source(name, value)
            if found is not None:
                self.imports.add(_CONSTRUCTED[name])
                if name == "datetime":
                    self.imports.add(("datetime", "timezone"))
            return found
        if name in self.models and is_plain(value):
            if self.models[name] and not isinstance(value, dict):
                return None
            self.imports.add(("", name))
            return f"{name}.model_validate({_literal(value)})"
        return None

    def _subscript(self, value: Any, node: ast.Subscript) -> str | None:
        outer = node.value.id if isinstance(node.value, ast.Name) else ""
        arguments = list(node.slice.elts) if isinstance(node.slice, ast.Tuple) else [node.slice]
        if outer == "Annotated":
            return self.source(value, arguments[0])
        if outer == "Literal":
            allowed = [a.value for a in arguments if isinstance(a, ast.Constant)]
            fits = any(value == a and type(value) is type(a) for a in allowed)
            return _literal(value) if fits else None
        if outer in ("list", "List", "Sequence", "set", "frozenset") and isinstance(value, list):
            items = [self.source(item, arguments[0]) for item in value]
            written = [item for item in items if item is not None]
            if len(written) < len(items):
                return None
            if outer in ("set", "frozenset"):
                return f"{{{', '.join(written)}}}" if written else "set()"
            return f"[{', '.join(written)}]"
        if outer in ("dict", "Dict", "Mapping") and isinstance(value, dict) and len(arguments) == 2:
            entries = []
            for key, item in value.items():
                key_source, item_source = self.source(key, arguments[0]), self.source(item, arguments[1])
                if key_source is None or item_source is None:
                    return None
                entries.append(f"{key_source}: {item_source}")
            return "{" + ", ".join(entries) + "}"
        return None


def _union(node: ast.expr) -> list[ast.expr]:
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _union(node.left) + _union(node.right)
    return [node]


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def value_for_annotation(node: ast.expr, models: Mapping[str, bool]) -> Any:
    """A plain value that fits the annotation `node` (for when the spec's example does not)."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        members = [m for m in _union(node) if not _is_none(m)]
        return value_for_annotation(members[0], models) if members else None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return value_for_annotation(ast.parse(node.value, mode="eval").body, models)
    if isinstance(node, ast.Subscript):
        outer = node.value.id if isinstance(node.value, ast.Name) else ""
        arguments = list(node.slice.elts) if isinstance(node.slice, ast.Tuple) else [node.slice]
        if outer == "Literal":
            constant = arguments[0]
            return constant.value if isinstance(constant, ast.Constant) else None
        if outer == "Annotated":
            return value_for_annotation(arguments[0], models)
        if outer in ("dict", "Dict", "Mapping"):
            return {}
        return [value_for_annotation(arguments[0], models)]
    name = node.id if isinstance(node, ast.Name) else ""
    if name.startswith("UUID"):
        return _FORMAT_EXAMPLES["uuid"]
    return {
        "int": 1, "float": 1.0, "bool": True, "bytes": "...", "datetime": _FORMAT_EXAMPLES["date-time"],
        "date": _FORMAT_EXAMPLES["date"], "time": _FORMAT_EXAMPLES["time"],
        "timedelta": _FORMAT_EXAMPLES["duration"], "Decimal": "1.5",
        "IPv4Address": _FORMAT_EXAMPLES["ipv4"], "IPv6Address": _FORMAT_EXAMPLES["ipv6"],
    }.get(name, {} if models.get(name) else "...")


def python_source(value: Any, annotation: str, models: Mapping[str, bool]) -> tuple[str, Imports]:
    """`value` as source for an argument annotated `annotation`, with the imports it needs; a value
    that does not fit is replaced by one made from the annotation."""
    node = ast.parse(annotation, mode="eval").body
    writer = _Writer(models)
    found = writer.source(value, node) if value is not MISSING else None
    if found is None:
        found = writer.source(value_for_annotation(node, models), node)
    return (found if found is not None else "..."), frozenset(writer.imports)
