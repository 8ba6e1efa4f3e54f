"""The check of a whole document against the OpenAPI schema by jsonschema-rs (reading/validator.py):
it may skip jsonschema's check only where jsonschema finds nothing, and the problems reported are
jsonschema's whatever the environment holds."""

from __future__ import annotations

import copy
import dataclasses
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.foundation.diagnostics import SpecError
from generator.reading import validator
from generator.reading.loader import load_spec

PROJECT = Path(__file__).resolve().parents[3]
SHARED = PROJECT.parent / "shared"
DOCUMENTS = sorted(
    [*(PROJECT / "tests" / "hostile").glob("*.yaml"), *(PROJECT / "tests" / "golden").glob("*/spec.yaml"),
     *(PROJECT / "specs").glob("*.yaml"), *(SHARED / "corpus").glob("*.*"), *(SHARED / "real-specs").glob("*")],
)


def _openapi_documents() -> Iterator[tuple[Path, str, Any]]:
    for path in DOCUMENTS:
        try:
            data = load_spec(path).data
        except SpecError:
            continue
        version = str(data.get("openapi", "")) if isinstance(data, dict) else ""
        if version[:4] in ("3.0.", "3.1."):
            yield path, version[2], data


def _verdicts(data: Any, minor: str) -> tuple[bool, bool]:
    """(jsonschema-rs: matches, jsonschema: no error) for `data` against the OpenAPI schema."""
    fast = validator._fast_document_check(minor).is_valid(data)
    slow = not any(True for _ in validator.spec_validator_class(minor).schema_validator.iter_errors(data))
    return fast, slow


def test_the_two_agree_on_every_document_at_hand():
    checked = 0
    for path, minor, data in _openapi_documents():
        assert _verdicts(data, minor) in ((True, True), (False, False)), path
        checked += 1
    assert checked >= 40


_VALUES = [None, 1, -1, 1.5, "x", "", True, [], {}, ["a"], {"a": 1}, {"$ref": "#/x"},
           {"type": "string"}, {"in": "query"}, {"type": 12}, {"$dynamicRef": "#meta"}]
_KEYS = ["x-ok", "bogus", "$ref", "type", "nullable", "required", "in", "name", "schema", "items",
         "properties", "additionalProperties", "discriminator", "exclusiveMinimum", "const",
         "examples", "example", "default", "format", "enum", "allOf", "oneOf", "not", "style",
         "content", "$schema", "$defs", "unevaluatedProperties", "prefixItems", "responses"]


def _nodes(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in items:
        yield from _nodes(child, (*path, key))


def _broken(data: Any, rng: random.Random) -> Any:
    """`data` with one to three nodes removed, replaced or given a key: mostly no longer OpenAPI."""
    data = copy.deepcopy(data)
    for _ in range(rng.randint(1, 3)):
        path = rng.choice([p for p in _nodes(data) if p])
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        choice = rng.random()
        if choice < 0.3 and isinstance(parent, dict):
            del parent[path[-1]]
        elif choice < 0.45 and isinstance(parent, dict):
            parent[rng.choice(_KEYS)] = copy.deepcopy(rng.choice(_VALUES))
        else:
            parent[path[-1]] = copy.deepcopy(rng.choice(_VALUES))
    return data


@pytest.mark.parametrize("seed", range(8))
def test_the_two_agree_on_broken_documents(seed):
    documents = list(_openapi_documents())
    rng = random.Random(seed)
    refused = 0
    for _ in range(40):
        path, minor, data = rng.choice(documents)
        broken = _broken(data, rng)
        fast, slow = _verdicts(broken, minor)
        assert fast == slow, (path, seed)
        refused += not slow
    assert refused >= 10  # the mutations do break documents


def _problems(path: Path) -> list[str]:
    try:
        return [str(d) for d in validator.validate(load_spec(path))]
    except SpecError as error:
        return [str(d) for d in error.diagnostics]


def test_the_problems_are_the_same_without_jsonschema_rs(monkeypatch):
    paths = [p for p in DOCUMENTS if p.suffix in (".yaml", ".json")]
    with_it = {p: _problems(p) for p in paths}
    assert any(with_it.values())  # some documents have problems to compare

    def missing(minor: str) -> Any:
        raise ImportError("jsonschema_rs")

    monkeypatch.setattr(validator, "_fast_document_check", missing)
    assert {p: _problems(p) for p in paths} == with_it


def test_a_document_that_matches_skips_jsonschemas_check_and_one_that_does_not_runs_it():
    spec = load_spec(PROJECT / "specs" / "kombo.yaml")
    minor = str(spec.data["openapi"])[2]
    full = validator.spec_validator_class(minor)
    assert validator._library_validator(spec, minor) is not full
    assert list(validator._library_validator(spec, minor).schema_validator.iter_errors(spec.data)) == []
    broken = dataclasses.replace(spec, data={**spec.data, "info": 1})
    assert validator._library_validator(broken, minor) is full


def test_the_library_backend_setting_does_not_change_the_problems(monkeypatch):
    hostile = [p for p in DOCUMENTS if "hostile" in p.parts]
    before = {p: _problems(p) for p in hostile}
    monkeypatch.setenv("OPENAPI_SPEC_VALIDATOR_SCHEMA_VALIDATOR_BACKEND", "jsonschema-rs")
    for minor in ("0", "1"):
        assert type(validator.spec_validator_class(minor).schema_validator).__module__.startswith("jsonschema")
    assert {p: _problems(p) for p in hostile} == before
