"""The checks jsonschema-rs answers first, of a whole document against the OpenAPI schema
(reading/validator.py) and of each schema against its dialect (reading/schema_meta.py): they may
skip jsonschema's check only where jsonschema finds nothing, and the problems reported are
jsonschema's whatever the environment holds."""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.foundation.diagnostics import SpecError
from generator.reading import schema_meta, validator
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


def _verdicts(minor: str, data: Any) -> tuple[bool, bool]:
    """(jsonschema-rs: matches, jsonschema: no error) for `data` against the OpenAPI schema."""
    fast = validator._fast_document_check(minor).is_valid(data)
    slow = not any(True for _ in validator.spec_validator_class(minor).schema_validator.iter_errors(data))
    return fast, slow


def test_the_two_agree_on_every_document_at_hand():
    checked = 0
    for path, minor, data in _openapi_documents():
        assert _verdicts(minor, data) in ((True, True), (False, False)), path
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


def _at(value: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        value = value[key]
    return value


def _broken(data: Any, rng: random.Random) -> Any:
    """`data` with one to three nodes removed, replaced or given a key: mostly no longer OpenAPI."""
    data = copy.deepcopy(data)
    for _ in range(rng.randint(1, 3)):
        path = rng.choice([p for p in _nodes(data) if p])
        parent = _at(data, path[:-1])
        choice = rng.random()
        if choice < 0.3 and isinstance(parent, dict):
            del parent[path[-1]]
        elif choice < 0.45 and isinstance(parent, dict):
            parent[rng.choice(_KEYS)] = copy.deepcopy(rng.choice(_VALUES))
        else:
            parent[path[-1]] = copy.deepcopy(rng.choice(_VALUES))
    return data


def _refused_by_both(
    cases: list[tuple[Path, Any, Any]], mutate: Callable[[Any, random.Random], Any],
    verdicts: Callable[[Any, Any], tuple[bool, bool]], rounds: int, seed: int,
) -> int:
    """Breaks `rounds` subjects picked from `cases` (path, context, subject) with `mutate`;
    asserts that jsonschema-rs and jsonschema agree on each, and returns how many they refused."""
    rng = random.Random(seed)
    refused = 0
    for _ in range(rounds):
        path, context, subject = rng.choice(cases)
        fast, slow = verdicts(context, mutate(subject, rng))
        assert fast == slow, (path, seed)
        refused += not slow
    return refused


@pytest.mark.parametrize("seed", range(8))
def test_the_two_agree_on_broken_documents(seed):
    documents = list(_openapi_documents())
    assert _refused_by_both(documents, _broken, _verdicts, 40, seed) >= 10  # the mutations do break documents


def _problems(path: Path) -> list[str]:
    try:
        return [str(d) for d in validator.validate(load_spec(path))]
    except SpecError as error:
        return [str(d) for d in error.diagnostics]


def test_the_problems_are_the_same_without_jsonschema_rs(monkeypatch):
    paths = [p for p in DOCUMENTS if p.suffix in (".yaml", ".json")]
    with_it = {p: _problems(p) for p in paths}
    assert any(with_it.values())  # some documents have problems to compare

    def missing(*args: Any) -> Any:
        raise ImportError("jsonschema_rs")

    monkeypatch.setattr(validator, "_fast_document_check", missing)
    monkeypatch.setattr(schema_meta, "_metaschema_check", missing)
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


# Each schema against its dialect (reading/schema_meta.py).


def _dialect_checks(data: Any, minor: str) -> list[tuple[Any, Any]]:
    """(the library's check, the schema) for every schema the library checks against its dialect
    in `data`."""
    from openapi_spec_validator.validation import keywords

    found: list[tuple[Any, Any]] = []
    library = validator.spec_validator_class(minor)
    base = keywords.OpenAPIV31SchemaValidator if minor == "1" else keywords.OpenAPIV30SchemaValidator

    def record(self: Any, schema: Any, schema_value: Any) -> None:
        found.append((self._get_schema_checker(schema, schema_value), schema_value))

    recording = type(base.__name__, (base,), {"_validate_schema_meta": record})
    table = {**library.keyword_validators, "schema": recording}
    with contextlib.suppress(Exception):  # references that leave the document: refused before this
        list(type("Recording", (library,), {"keyword_validators": table})(data).iter_errors())
    return found


def _schema_verdicts(check: Any, schema: Any) -> tuple[bool, bool]:
    """(jsonschema-rs: matches, jsonschema: no error) for `schema` against its dialect."""
    from jsonschema.exceptions import SchemaError, ValidationError

    fast = schema_meta._fast_check(check)
    assert fast is not None  # every dialect at hand is checked by check_openapi_schema
    try:
        check(schema)
    except (SchemaError, ValidationError):
        return fast.is_valid(schema), False
    return fast.is_valid(schema), True


@pytest.fixture(scope="module")
def dialect_checks() -> list[tuple[Path, Any, Any]]:
    return [(path, check, schema) for path, minor, data in _openapi_documents()
            for check, schema in _dialect_checks(data, minor)]


def test_each_schema_gets_the_same_verdict_from_both(dialect_checks):
    for path, check, schema in dialect_checks:
        assert _schema_verdicts(check, schema) in ((True, True), (False, False)), (path, schema)
    assert len(dialect_checks) >= 1000
    from openapi_schema_validator import OAS30Validator, OAS31Validator

    assert {getattr(check, "func", check).__self__ for _, check, _ in dialect_checks} == {
        OAS30Validator, OAS31Validator}


_SCHEMA_VALUES = [None, 1, -1, 1.0, 1.5, True, "", "x", "([", "^a+$", "(?<n>a)", "\\p{L}", "#/x", "a b",
                  "http://[::1", [], ["a"], [1], ["a", "a"], {}, {"type": "string"}, {"type": 12},
                  {"pattern": "(["}, {"$ref": "#/components/schemas/X"}, {"$dynamicRef": "#meta"}]
_SCHEMA_KEYS = ["type", "pattern", "format", "minLength", "maxItems", "multipleOf", "required", "enum",
                "const", "items", "prefixItems", "properties", "patternProperties", "additionalProperties",
                "allOf", "anyOf", "not", "$ref", "$id", "$schema", "$anchor", "$dynamicAnchor", "$defs",
                "exclusiveMinimum", "exclusiveMaximum", "nullable", "discriminator", "dependentRequired",
                "contentMediaType", "unevaluatedProperties", "examples", "default", "x-ok", "bogus"]


def _broken_schema(schema: Any, rng: random.Random) -> Any:
    """`schema` with one or two keywords replaced or added, anywhere in it."""
    schema = copy.deepcopy(schema)
    for _ in range(rng.randint(1, 2)):
        parents = [p for p in _nodes(schema) if isinstance(_at(schema, p), dict)]
        parent = _at(schema, rng.choice(parents)) if parents else None
        if parent is None:
            return rng.choice(_SCHEMA_VALUES)
        parent[rng.choice(_SCHEMA_KEYS)] = copy.deepcopy(rng.choice(_SCHEMA_VALUES))
    return schema


@pytest.mark.parametrize("seed", range(8))
def test_both_give_the_same_verdict_on_broken_schemas(dialect_checks, seed):
    # the mutations do break schemas
    assert _refused_by_both(dialect_checks, _broken_schema, _schema_verdicts, 150, seed) >= 30


def test_a_matching_schema_is_not_checked_by_jsonschema(monkeypatch):
    from openapi_spec_validator.validation import keywords

    asked = []
    fast_check = schema_meta._fast_check
    monkeypatch.setattr(schema_meta, "_fast_check", lambda check: asked.append(check) or fast_check(check))

    def library_check(*args: Any) -> None:
        raise AssertionError("the library checked a schema jsonschema-rs found matching")

    # Fails loudly if openapi-spec-validator renames the hook: then every schema is checked twice.
    monkeypatch.setattr(keywords.SchemaValidator, "_validate_schema_meta", library_check)
    for name in ("kombo.yaml", "unified.yaml"):
        assert validator.validate(load_spec(PROJECT / "specs" / name)) == []
    assert len(asked) >= 4


def test_a_schema_that_does_not_match_gets_the_librarys_problem(tmp_path):
    spec = load_spec(PROJECT / "specs" / "kombo.yaml")
    schemas = spec.data["components"]["schemas"]
    name = next(iter(schemas))
    schemas[name] = {**schemas[name], "minLength": -1}
    problems = validator.validate(spec)
    assert [p.message for p in problems] == ["-1 is less than the minimum of 0"]


def test_a_schema_of_another_dialect_is_left_to_the_library(monkeypatch):
    spec = load_spec(PROJECT / "specs" / "kombo.yaml")
    if str(spec.data["openapi"]).startswith("3.0"):
        pytest.skip("a schema names its dialect in OpenAPI 3.1 only")
    schemas = spec.data["components"]["schemas"]
    name = next(iter(schemas))
    schemas[name] = {**schemas[name], "$schema": "https://json-schema.org/draft/2020-12/schema", "minLength": -1}
    asked: list[Any] = []
    fast_check = schema_meta._fast_check
    monkeypatch.setattr(schema_meta, "_fast_check", lambda check: asked.append(fast_check(check)) or asked[-1])
    problems = validator.validate(spec)
    assert [p.message for p in problems] == ["-1 is less than the minimum of 0"]
    assert None in asked  # jsonschema-rs did not answer for the schema of another dialect
