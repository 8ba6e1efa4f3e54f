"""What the runtime checks a parameter against, from its schema (see check_param)."""

from __future__ import annotations

import pytest

from generator.ir.param_types import parameter_kind, parameter_nullable


@pytest.mark.parametrize("schema, kind", [
    ({"type": "string"}, "str"),
    ({"type": "integer", "format": "int64"}, "int"),
    ({"type": "number"}, "float"),
    ({"type": "boolean"}, "bool"),
    ({"type": ["integer", "null"]}, "int"),
    ({"type": "string", "enum": ["open", "closed"]}, "('open', 'closed')"),
    ({"type": "string", "enum": ["only"]}, "('only',)"),
    ({"type": "string", "enum": ["it's", "a\nb"]}, "(\"it's\", 'a\\nb')"),
    ({"type": "array", "items": {"type": "integer"}}, "[int]"),
    ({"type": "array", "items": {"type": "array", "items": {}}}, "[[None]]"),
    ({"type": "object", "additionalProperties": True}, "dict"),
    ({"oneOf": [{"type": "string"}, {"type": "integer"}]}, "None"),
    ({"type": ["string", "integer"]}, "None"),
    (None, "None"),
])
def test_parameter_kind(schema: object, kind: str) -> None:
    assert parameter_kind(schema) == kind
    compile(kind, "<kind>", "eval")


def test_parameter_nullable() -> None:
    assert parameter_nullable({"type": "string", "nullable": True})
    assert parameter_nullable({"type": ["string", "null"]})
    assert not parameter_nullable({"type": "string"})
    assert not parameter_nullable(None)
