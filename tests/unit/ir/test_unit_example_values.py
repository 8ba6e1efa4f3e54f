"""README example values: from the spec's examples where they fit the argument's type, made from
the schema or the annotation where not, written as source that type-checks."""

from __future__ import annotations

import ast

import pytest

from generator.ir.example_values import MISSING, python_source, schema_value, spec_example

MODELS = {"Pet": True, "Tags": False}  # an object model (accepts a dict), a root model


@pytest.mark.parametrize(("value", "annotation", "source", "imports"), [
    # Kombo's example: a UTC string where the client takes a datetime.
    ("2023-04-04T00:00:00.000Z", "datetime", "datetime(2023, 4, 4, tzinfo=timezone.utc)",
     {("datetime", "datetime"), ("datetime", "timezone")}),
    ("2023-04-04T10:30:05+02:00", "datetime | None",
     "datetime(2023, 4, 4, 8, 30, 5, tzinfo=timezone.utc)",
     {("datetime", "datetime"), ("datetime", "timezone")}),
    ("2024-02-29", "date", "date(2024, 2, 29)", {("datetime", "date")}),
    ("...", "int", "1", set()),  # a string example for an integer is not used
    (42, "str", "'42'", set()),
    (True, "int", "1", set()),  # a bool is no integer here
    (3, "float", "3", set()),
    ("dog", "Literal['cat', 'dog']", "'dog'", set()),
    ("cow", "Literal['cat', 'dog']", "'cat'", set()),
    (None, "str | None", "None", set()),
    (None, "int", "1", set()),
    ({"name": "Rex"}, "Pet | dict[str, Any]", "{'name': 'Rex'}", set()),
    ({"name": "Rex"}, "Pet", "Pet.model_validate({'name': 'Rex'})", {("", "Pet")}),
    (["a"], "Tags", "Tags.model_validate(['a'])", {("", "Tags")}),
    (["a"], "Pet", "Pet.model_validate({})", {("", "Pet")}),
    (["2024-01-01T00:00:00Z"], "list[datetime]", "[datetime(2024, 1, 1, tzinfo=timezone.utc)]",
     {("datetime", "datetime"), ("datetime", "timezone")}),
    ({"a": 1}, "dict[str, int]", "{'a': 1}", set()),
    ({"a": "x"}, "dict[str, int]", "{}", set()),
    ("PT1H30M", "timedelta", "timedelta(hours=1, minutes=30)", {("datetime", "timedelta")}),
    ("not an address", "IPv4Address", "IPv4Address('192.0.2.1')", {("ipaddress", "IPv4Address")}),
    ("a`b", "str", "'a\\x60b'", set()),  # no backtick can close the README's code fence
    (MISSING, "Annotated[int, Field(ge=1)]", "1", set()),
])
def test_values_are_written_for_their_annotation(value, annotation, source, imports):
    written, needed = python_source(value, annotation, MODELS)
    assert written == source
    assert set(needed) == imports
    ast.parse(written, mode="eval")


def test_spec_text_stays_inside_string_literals():
    hostile = 'x"); import os; os.system("echo pwned"); ("'
    written, _ = python_source(hostile, "str", MODELS)
    assert ast.literal_eval(written) == hostile
    written, _ = python_source({"k": hostile}, "dict[str, Any]", MODELS)
    assert ast.literal_eval(written) == {"k": hostile}


DOCUMENT = {
    "components": {"schemas": {
        "Tree": {"type": "object", "required": ["children", "name"], "properties": {
            "children": {"type": "array", "items": {"$ref": "#/components/schemas/Tree"}},
            "name": {"type": "string", "minLength": 5},
            "note": {"type": "string"},
        }},
        "Named": {"allOf": [{"$ref": "#/components/schemas/Base"},
                            {"type": "object", "required": ["id"],
                             "properties": {"id": {"type": "integer", "minimum": 10}}}]},
        "Base": {"type": "object", "required": ["kind"], "properties": {
            "kind": {"type": "string", "enum": ["a", "b"]}}},
    }},
}


@pytest.mark.parametrize(("schema", "value"), [
    ({"$ref": "#/components/schemas/Tree"}, {"children": [], "name": "xxxxx"}),
    ({"$ref": "#/components/schemas/Named"}, {"id": 10, "kind": "a"}),
    ({"type": "integer", "exclusiveMinimum": 0}, 1),
    ({"type": "number", "minimum": 2.5}, 2.5),
    ({"type": ["null", "string"], "format": "date-time"}, "2024-01-01T00:00:00Z"),
    ({"type": "string", "format": "uuid"}, "3fa85f64-5717-4562-b3fc-2c963f66afa6"),
    ({"oneOf": [{"type": "null"}, {"type": "boolean"}]}, True),
    ({"type": "string", "example": "documented"}, "documented"),
    ({"type": "string", "examples": ["first", "second"]}, "first"),
    ({"type": "string", "default": "fallback", "enum": ["x", "fallback"]}, "fallback"),
    ({"type": "array", "items": {"type": "string", "const": "c"}}, ["c"]),
])
def test_values_are_made_from_schemas(schema, value):
    assert schema_value(schema, DOCUMENT) == value


def test_named_examples_and_non_plain_examples():
    document = {"components": {"examples": {"E": {"value": {"a": 1}}}}}
    media = {"examples": {"first": {"$ref": "#/components/examples/E"}}}
    assert spec_example(media, document) == {"a": 1}
    assert spec_example({"example": float("nan")}, document) is MISSING
    assert spec_example({"example": None, "examples": {"x": {"value": 2}}}, document) == 2
