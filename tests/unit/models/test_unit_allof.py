"""Unit tests of generator.models.allof: which compositions stay subclasses, and the merged ones."""

from __future__ import annotations

from typing import Any

import pytest

from generator.models.allof import flatten_conflicting_compositions

REF = "#/components/schemas/"


def ref(name: str) -> dict[str, str]:
    return {"$ref": REF + name}


BASE = {
    "type": "object",
    "required": ["name"],
    "properties": {
        "name": {"type": "string"},
        "count": {"type": "number"},
        "items": {"type": "array", "items": ref("Base")},
        "child": ref("Base"),
        "any": {},
    },
}


def schemas_with(**properties: Any) -> dict[str, Any]:
    return {
        "Base": BASE,
        "Other": {"allOf": [ref("Base")]},
        "Sub": {"allOf": [ref("Base"), {"type": "object", "properties": properties}]},
    }


@pytest.mark.parametrize(
    "redeclared",
    [
        {"name": {"type": "string", "description": "the same type, other words"}},
        {"name": {"type": "string", "enum": ["a", "b"]}},
        {"name": {"type": "string", "maxLength": 3}},
        {"count": {"type": "integer"}},
        {"child": ref("Other")},
        {"any": {"type": "object", "properties": {"x": {"type": "string"}}}},
    ],
)
def test_narrowings_a_subclass_can_type_stay_compositions(redeclared):
    schemas = schemas_with(**redeclared)
    assert flatten_conflicting_compositions(schemas) == schemas


@pytest.mark.parametrize(
    "redeclared",
    [
        {"name": {"type": "integer"}},
        {"name": {"type": "string", "nullable": True}},
        {"items": {"type": "array", "items": ref("Sub")}},
        {"child": {"type": "object", "properties": {"x": {"type": "string"}}}},
        {"count": {"type": "string", "format": "date-time"}},
    ],
)
def test_redeclarations_a_subclass_cannot_type_are_merged_into_one_object(redeclared):
    schemas = schemas_with(**redeclared, extra={"type": "boolean"})
    flat = flatten_conflicting_compositions(schemas)["Sub"]
    assert "allOf" not in flat and flat["type"] == "object"
    assert flat["required"] == ["name"]
    assert flat["properties"] == {**BASE["properties"], **redeclared, "extra": {"type": "boolean"}}


def test_two_bases_that_disagree_are_merged_and_the_later_wins():
    schemas = {"Base": BASE, "Tag": {"type": "object", "properties": {"name": {"type": "integer"}}},
               "Both": {"description": "kept", "allOf": [ref("Base"), ref("Tag")]}}
    flat = flatten_conflicting_compositions(schemas)["Both"]
    assert flat["properties"]["name"] == {"type": "integer"}
    assert flat["description"] == "kept" and flat["required"] == ["name"]


def test_a_reference_to_a_merged_class_no_longer_narrows():
    # Sub2 narrows `child` to Sub, a subclass of Base only while Sub is not merged.
    schemas = schemas_with(name={"type": "integer"})
    schemas["Sub2"] = {"allOf": [ref("Base"), {"properties": {"child": ref("Sub")}}]}
    flat = flatten_conflicting_compositions(schemas)
    assert "allOf" not in flat["Sub"] and "allOf" not in flat["Sub2"]


def test_compositions_with_more_than_objects_are_left_to_the_model_generator():
    schemas = schemas_with(name={"type": "integer"})
    schemas["Sub"]["allOf"].append({"oneOf": [{"type": "object"}, {"type": "string"}]})
    assert flatten_conflicting_compositions(schemas) == schemas


def test_reference_cycles_end():
    schemas = {"A": {"allOf": [ref("B"), {"properties": {"x": {"type": "string"}}}]},
               "B": {"allOf": [ref("A"), {"properties": {"x": {"type": "integer"}}}]}}
    flat = flatten_conflicting_compositions(schemas)
    assert flat["A"]["properties"]["x"] == {"type": "string"}
    assert flat["B"]["properties"]["x"] == {"type": "integer"}
