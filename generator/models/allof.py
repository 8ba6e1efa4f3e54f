"""`allOf` compositions that a Python subclass cannot express, merged into one flat object schema.

The model generator writes `allOf: [{$ref: Base}, {properties: ...}]` as `class Sub(Base)`, the
properties the composition declares again redeclared on the subclass. Where such a property's type
is no subtype of the inherited one (a list of a subclass, another type altogether, a null the base
does not allow) or two bases disagree about a property, `mypy --strict` rejects the class. Such a
composition becomes one object holding every property of its members, the later declaration winning
(as the model generator itself merges inline members), and required where any member requires it.
Redeclarations that type-check keep the subclass: the same schema, an enum or a narrower type of
the inherited one, a reference to a subclass of the inherited reference.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..reading.spec import schema_name

# Keys that never change a field's Python type: documentation, and constraints the models
# express inside `Field(...)`, which type checkers do not see.
_UNTYPED_KEYS = frozenset({
    "description", "title", "example", "examples", "deprecated", "readOnly", "writeOnly",
    "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength",
    "maxLength", "pattern", "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties",
})
# Keys a member may hold and still be merged as an object; any other (anyOf, items, ...) means
# the composition is more than a sum of objects, and it is left to the model generator.
_OBJECT_KEYS = _UNTYPED_KEYS | {"type", "properties", "required", "additionalProperties", "allOf",
                                "nullable", "discriminator"}
_ALL_TYPES = frozenset({"string", "integer", "number", "boolean", "array", "object", "null"})


def _ref_name(schema: Any) -> str | None:
    ref = schema.get("$ref") if isinstance(schema, dict) else None
    return schema_name(ref) if isinstance(ref, str) else None


class _Compositions:
    def __init__(self, schemas: dict[str, Any]) -> None:
        self.schemas = schemas
        self.flattened: set[str] = set()

    def properties(self, schema: Any, seen: frozenset[str] = frozenset()) -> dict[str, Any]:
        """Every property `schema` has, its own and its members', the later declaration winning."""
        merged: dict[str, Any] = {}
        for source in self.sources(schema, seen):
            merged.update(source)
        return merged

    def sources(self, schema: Any, seen: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
        """The property maps `schema` combines, in order: each member's, then its own."""
        name = _ref_name(schema)
        if name is not None:
            if name in seen:
                return []
            return [self.properties(self.schemas.get(name), seen | {name})]
        if not isinstance(schema, dict):
            return []
        found = [self.properties(member, seen) for member in schema.get("allOf") or []]
        own = schema.get("properties")
        return found + [own] if isinstance(own, dict) else found

    def required(self, schema: Any, seen: frozenset[str] = frozenset()) -> list[str]:
        name = _ref_name(schema)
        if name is not None:
            return [] if name in seen else self.required(self.schemas.get(name), seen | {name})
        if not isinstance(schema, dict):
            return []
        names = [r for member in schema.get("allOf") or [] for r in self.required(member, seen)]
        return names + [str(r) for r in schema.get("required") or []]

    def is_object_like(self, schema: Any, seen: frozenset[str] = frozenset()) -> bool:
        name = _ref_name(schema)
        if name is not None:
            return name in seen or self.is_object_like(self.schemas.get(name), seen | {name})
        return (
            isinstance(schema, dict) and set(schema) <= _OBJECT_KEYS
            and schema.get("type", "object") == "object"
            and all(self.is_object_like(member, seen) for member in schema.get("allOf") or [])
        )

    def ancestors(self, name: str) -> Iterator[str]:
        """The classes `name` derives from through `allOf` references, while it is a subclass."""
        pending, seen = [name], {name}
        while pending:
            current = pending.pop()
            schema = self.schemas.get(current)
            if current in self.flattened or not isinstance(schema, dict):
                continue
            for member in schema.get("allOf") or []:
                parent = _ref_name(member)
                if parent is not None and parent not in seen:
                    seen.add(parent)
                    pending.append(parent)
                    yield parent

    def narrows(self, later: Any, earlier: Any) -> bool:
        """Whether a field typed from `later` type-checks where one typed from `earlier` is inherited."""
        later, earlier = _typed(later), _typed(earlier)
        if earlier == {} or later == earlier and not _has_inline_object(later):
            return True
        later_ref, earlier_ref = _ref_name(later), _ref_name(earlier)
        if later_ref is not None and earlier_ref is not None:
            return later_ref == earlier_ref or earlier_ref in self.ancestors(later_ref)
        if later_ref is not None or earlier_ref is not None:
            return False
        if _has_inline_object(later) or _has_inline_object(earlier):
            return False
        later_types, earlier_types = _types(later), _types(earlier)
        if not later_types <= earlier_types | ({"integer"} if "number" in earlier_types else set()):
            return False
        rest = ("type", "nullable", "enum", "const")
        if {k: v for k, v in later.items() if k not in rest} != {
            k: v for k, v in earlier.items() if k not in rest
        }:
            return False
        allowed, offered = _values(earlier), _values(later)
        return allowed is None or offered is not None and offered <= allowed

    def conflicts(self, schema: Any) -> bool:
        """Whether the members of a composition declare a property in ways a subclass cannot."""
        if not isinstance(schema, dict) or not schema.get("allOf"):
            return False
        sources = self.sources(schema)
        for index, source in enumerate(sources):
            for name, later in source.items():
                for earlier in sources[:index]:
                    if name in earlier and not self.narrows(later, earlier[name]):
                        return True
        return False

    def flat(self, schema: dict[str, Any]) -> dict[str, Any]:
        kept = {k: v for k, v in schema.items() if k not in ("allOf", "properties", "required")}
        required = list(dict.fromkeys(self.required(schema)))
        return {
            **kept, "type": "object", "properties": self.properties(schema),
            **({"required": required} if required else {}),
        }


def _typed(schema: Any) -> Any:
    if not isinstance(schema, dict):
        return {} if schema is True else schema
    return {k: v for k, v in schema.items() if k not in _UNTYPED_KEYS}


def _types(schema: dict[str, Any]) -> set[str]:
    declared = schema.get("type")
    types = {declared} if isinstance(declared, str) else set(declared or _ALL_TYPES)
    if schema.get("nullable") is True:
        types.add("null")
    return types


def _values(schema: dict[str, Any]) -> set[str] | None:
    """The values an enum or const allows (as JSON text), or None when it allows its whole type."""
    if "const" in schema:
        return {repr(schema["const"])}
    enum = schema.get("enum")
    return {repr(value) for value in enum} if isinstance(enum, list) else None


def _has_inline_object(schema: Any) -> bool:
    if isinstance(schema, dict):
        return "properties" in schema or any(_has_inline_object(v) for v in schema.values())
    if isinstance(schema, list):
        return any(_has_inline_object(v) for v in schema)
    return False


def flatten_conflicting_compositions(schemas: dict[str, Any]) -> dict[str, Any]:
    """`schemas` (cleaned, keyed by class name) with each composition a subclass cannot express
    merged into one object schema; every other schema is returned as it is."""
    compositions = _Compositions(schemas)
    while True:  # flattening one class can make a reference to it no longer narrow another
        found = {
            name for name, schema in schemas.items()
            if name not in compositions.flattened and compositions.conflicts(schema)
            and compositions.is_object_like(schema)
        }
        if not found:
            break
        compositions.flattened |= found
    return {
        name: compositions.flat(schema) if name in compositions.flattened else schema
        for name, schema in schemas.items()
    }
