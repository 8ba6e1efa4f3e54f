"""Python annotations for parameter schemas (path, query and header values), and the kind the
runtime checks a value against (`check_param`)."""

from __future__ import annotations

from typing import Any

from ..foundation.escape import string_literal

_SCALARS = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}


def _types_of(schema: dict[str, Any]) -> tuple[list[str], bool]:
    declared = schema.get("type")
    types = [declared] if isinstance(declared, str) else list(declared or [])
    nullable = "null" in types or schema.get("nullable") is True
    return [t for t in types if t != "null"], nullable


def parameter_annotation(schema: Any) -> str:
    """A precise annotation for simple schemas; `Any` where a parameter schema is exotic."""
    if not isinstance(schema, dict):
        return "Any"
    types, nullable = _types_of(schema)
    enum = schema.get("enum")
    if isinstance(enum, list) and enum and all(isinstance(v, str) for v in enum):
        annotation = "Literal[" + ", ".join(string_literal(v) for v in enum) + "]"
    elif len(types) == 1 and types[0] in _SCALARS:
        annotation = _SCALARS[types[0]]
    elif types == ["array"]:
        annotation = f"list[{parameter_annotation(schema.get('items'))}]"
    elif types == ["object"]:
        annotation = "dict[str, Any]"
    else:
        annotation = "Any"
    return f"{annotation} | None" if nullable and annotation != "Any" else annotation


def parameter_kind(schema: Any) -> str:
    """The runtime's check for a parameter value, as source: `str`, `int`, `float`, `bool`,
    `dict`, a tuple of allowed strings, `[kind]` for a list, or `None` (anything)."""
    if not isinstance(schema, dict):
        return "None"
    types, _ = _types_of(schema)
    enum = schema.get("enum")
    if isinstance(enum, list) and enum and all(isinstance(v, str) for v in enum):
        values = [string_literal(v) for v in enum]
        return "(" + ", ".join(values) + ("," if len(values) == 1 else "") + ")"
    if len(types) == 1 and types[0] in _SCALARS:
        return _SCALARS[types[0]]
    if types == ["array"]:
        return f"[{parameter_kind(schema.get('items'))}]"
    if types == ["object"]:
        return "dict"
    return "None"


def parameter_nullable(schema: Any) -> bool:
    """Whether the schema lets the parameter be null."""
    return isinstance(schema, dict) and _types_of(schema)[1]
