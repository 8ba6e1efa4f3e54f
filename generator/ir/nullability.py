"""Which optional properties may not be null: such a field is left out of a request, never `null`.

The model generator types every optional property `X | None = None`, nullable or not, since None
is how pydantic says "absent". That is right for responses (APIs send `null` for absent values
more often than their specs admit) but wrong on the wire of a request: a server validating
against the spec rejects `"score": null`. The models drop these fields from what they serialize
when they hold None, and keyword arguments for them do not accept None at all.
"""

from __future__ import annotations

from typing import Any

from ..reading.spec import schema_name


def _nullable(schema: Any, schemas: dict[str, Any], seen: frozenset[str] = frozenset()) -> bool:
    if not isinstance(schema, dict):
        return schema is not False
    ref = schema.get("$ref")
    if isinstance(ref, str):
        name = schema_name(ref) or ref
        return name not in seen and _nullable(schemas.get(name), schemas, seen | {name})
    if schema.get("nullable") is True or "const" in schema and schema["const"] is None:
        return True
    if isinstance(schema.get("enum"), list) and None in schema["enum"]:
        return True
    kind = schema.get("type")
    if kind == "null" or isinstance(kind, list) and "null" in kind:
        return True
    for key in ("anyOf", "oneOf"):
        if any(_nullable(member, schemas, seen) for member in schema.get(key) or []):
            return True
    members = schema.get("allOf") or []
    if members:
        return all(_nullable(member, schemas, seen) for member in members)
    # A schema without a type or enum accepts anything, null included.
    return kind is None and "enum" not in schema and "const" not in schema and not any(
        key in schema for key in ("properties", "items", "anyOf", "oneOf")
    )


def non_nullable_optionals(schemas: dict[str, Any]) -> dict[str, frozenset[str]]:
    """Per model class, the wire names of optional properties whose schema does not allow null."""
    found = {}
    for class_name, schema in schemas.items():
        if not isinstance(schema, dict) or not isinstance(schema.get("properties"), dict):
            continue
        required = set(schema.get("required") or [])
        names = frozenset(
            str(wire) for wire, sub in schema["properties"].items()
            if wire not in required and not _nullable(sub, schemas)
        )
        if names:
            found[class_name] = names
    return found
