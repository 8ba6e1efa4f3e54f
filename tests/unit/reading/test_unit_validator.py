"""Unit tests of generator.reading.validator: references, house rules and versions."""

from __future__ import annotations

import builtins
import io
import socket
from pathlib import Path

import pytest

from generator.reading.loader import LoadedSpec, load_spec, parse_spec_text
from generator.reading.validator import validate

PROJECT = Path(__file__).resolve().parents[3]

BASE = """\
openapi: 3.1.0
info:
  title: Items
  version: "1"
servers:
  - url: https://api.example.com/v1
paths:
  /items/{item_id}:
    get:
      operationId: getItem
      parameters:
        - name: item_id
          in: path
          required: true
          schema: {type: string}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/Item"
components:
  schemas:
    Item:
      type: object
      properties:
        id: {type: string}
"""
REF_LINE = 22  # the line of the `$ref` above
OP = "#/paths/~1items~1{item_id}/get"
REF_POINTER = OP + "/responses/200/content/application~1json/schema/$ref"


def spec_of(text: str, name: str = "spec.yaml") -> LoadedSpec:
    return parse_spec_text(text, Path(name), name)


def problems(text: str):
    return validate(spec_of(text))


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.fixture
def no_network(monkeypatch):
    """Record (and refuse) any attempt to open a connection or resolve a name."""
    attempts: list[object] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network disabled in unit tests")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def test_base_spec_is_valid():
    assert line_of(BASE, "$ref") == REF_LINE
    assert problems(BASE) == []


def test_openapi_30_is_accepted():
    assert problems(BASE.replace("openapi: 3.1.0", "openapi: 3.0.3")) == []


# --- references ----------------------------------------------------------------------------------


def test_ref_to_missing_target():
    text = BASE.replace("#/components/schemas/Item", "#/components/schemas/Missing")
    [problem] = problems(text)
    assert problem.pointer == REF_POINTER
    assert problem.line == REF_LINE
    assert "#/components/schemas/Missing" in problem.message
    assert "does not exist" in problem.message


def test_ref_to_another_file_is_refused_and_not_read(tmp_path, monkeypatch, no_network):
    other = tmp_path / "other.yaml"
    other.write_text("Item:\n  type: object\n", encoding="utf-8")
    main = tmp_path / "main.yaml"
    main.write_text(BASE.replace("#/components/schemas/Item", "other.yaml#/Item"), encoding="utf-8")
    spec = load_spec(main, "main.yaml")

    opened: list[str] = []
    real_open = builtins.open

    def spy_open(file, *args, **kwargs):
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy_open)
    monkeypatch.setattr(io, "open", spy_open)
    monkeypatch.chdir(tmp_path)  # a relative ref would resolve against the working directory too
    found = validate(spec)

    assert [p.pointer for p in found] == [REF_POINTER]
    assert found[0].line == REF_LINE
    assert "only references inside this document" in found[0].message
    assert not [path for path in opened if "other.yaml" in path]
    assert no_network == []


@pytest.mark.parametrize(
    "ref",
    [
        "http://127.0.0.1:9/spec.yaml#/Item",
        "https://example.com/spec.yaml#/components/schemas/Item",
        "file:///etc/passwd",
        "./other.yaml",
        "components/schemas/Item",
    ],
)
def test_refs_leaving_the_document_are_refused_without_network(ref, no_network):
    [problem] = problems(BASE.replace("#/components/schemas/Item", ref))
    assert problem.pointer == REF_POINTER
    assert "only references inside this document" in problem.message
    assert no_network == []


def test_non_string_ref_is_refused():
    [problem] = problems(BASE.replace('"#/components/schemas/Item"', "42"))
    assert problem.pointer == REF_POINTER


# --- operations and parameters -------------------------------------------------------------------

SECOND_OPERATION = """\
  /others:
    get:
      operationId: getItem
      responses:
        "200": {description: ok}
components:"""


def test_duplicate_operation_id_names_first_location():
    text = BASE.replace("components:", SECOND_OPERATION, 1)
    found = problems(text)
    duplicates = [p for p in found if "getItem" in p.message]
    assert len(duplicates) == 1, found
    [duplicate] = duplicates
    assert duplicate.pointer == "#/paths/~1others/get/operationId"
    assert duplicate.line == line_of(text, "/others") + 2
    assert "/items/{item_id}" in duplicate.message  # where it was first used


def test_duplicate_operation_id_is_reported():
    text = BASE.replace("components:", SECOND_OPERATION, 1)
    found = problems(text)
    assert found
    assert any("getItem" in p.message for p in found)


def test_undeclared_path_parameter():
    text = BASE.replace("/items/{item_id}:", "/items/{item_id}/parts/{part_id}:")
    [problem] = problems(text)
    assert problem.pointer == "#/paths/~1items~1{item_id}~1parts~1{part_id}/get"
    assert "'part_id'" in problem.message and "not declared" in problem.message
    assert problem.line in (9, 10)


def test_declared_path_parameter_missing_from_path():
    text = BASE.replace("/items/{item_id}:", "/items:")
    [problem] = problems(text)
    # Pointed at the declaration itself, so the line shown is the one to fix.
    assert problem.pointer == "#/paths/~1items/get/parameters/0/name"
    assert "'item_id'" in problem.message and "not in the path" in problem.message


def test_path_parameter_declared_on_path_item_counts():
    text = BASE.replace(
        "    get:\n      operationId: getItem\n      parameters:\n",
        "    parameters:\n",
    ).replace("        - name: item_id", "      - name: item_id").replace(
        "          in: path\n          required: true\n          schema: {type: string}\n",
        "        in: path\n        required: true\n        schema: {type: string}\n"
        "    get:\n      operationId: getItem\n",
    )
    assert "parameters:\n      - name: item_id" in text
    assert problems(text) == []


HEADER = """\
        - name: {name}
          in: header
          schema: {{type: string}}
      responses:"""


@pytest.mark.parametrize("name", ["X Bad", "X-Bad:", "Bad\\u00e9", "X(Bad)"])
def test_header_parameter_name_must_be_http_token(name):
    text = BASE.replace("      responses:", HEADER.format(name=f'"{name}"'), 1)
    found = problems(text)
    assert len(found) == 1, found
    assert found[0].pointer.startswith(OP)
    assert "not an HTTP token" in found[0].message
    assert repr(name.encode().decode("unicode_escape")) in found[0].message


def test_valid_header_parameter_is_accepted():
    text = BASE.replace("      responses:", HEADER.format(name="X-Request-Id"), 1)
    assert problems(text) == []


def test_security_scheme_header_must_be_http_token():
    text = BASE + (
        "  securitySchemes:\n"
        "    key:\n"
        "      type: apiKey\n"
        "      in: header\n"
        '      name: "Api Key"\n'
    )
    [problem] = problems(text)
    assert problem.pointer == "#/components/securitySchemes/key/name"
    assert problem.line == line_of(text, "Api Key")


# --- servers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("https://user:pw@x.com", "credentials"),
        ("https://token@x.com/v1", "credentials"),
        ("ftp://x.com/a", "http(s)"),
        ("file:///etc/passwd", "http(s)"),
        ("ws://x.com/a", "http(s)"),  # the runtime speaks only http(s)
        ("localhost:8080/v1", "http(s)"),  # reads as the scheme `localhost`
        ("https://[::1/v1", "malformed"),
        ("https://x.com:99999", "malformed"),
        ("/v1?key=1", "query"),  # relative, yet no query either
        ("//user:pw@x.com/v1", "credentials"),
        ("https://x.com/v1?key=1", "query"),
        ("https://x.com/{version}", "not declared"),
        ("https://x.com/a b", "whitespace"),
    ],
)
def test_bad_server_url(url, words):
    text = BASE.replace("https://api.example.com/v1", url)
    found = problems(text)
    server_problems = [p for p in found if p.pointer == "#/servers/0/url"]
    assert len(server_problems) == 1, found
    [problem] = server_problems
    assert words in problem.message
    assert problem.line == 6


@pytest.mark.parametrize("url", ["/api/v3", "/", "v1", "./api", "//api.example.com/v1", "''"])
def test_relative_server_urls_are_valid(url):
    # OpenAPI: a server URL may be relative to where the document is served.
    assert problems(BASE.replace("https://api.example.com/v1", url)) == []


def test_a_relative_server_url_stays_relative_at_each_value_of_its_variables():
    text = _with_server(
        "  - url: '{base}/v1'\n    variables:\n      base: {default: '', enum: ['', 'https://x.com']}\n"
    )
    [problem] = problems(text)
    assert problem.pointer == "#/servers/0/variables/base/enum/1"
    assert "relative with its variables' defaults" in problem.message


def test_each_bad_server_gets_its_own_pointer():
    text = BASE.replace(
        "  - url: https://api.example.com/v1\n",
        "  - url: https://api.example.com/v1\n"
        "  - url: https://user:pw@x.com\n"
        "  - url: ftp://x.com/a\n",
    )
    found = problems(text)
    assert [(p.pointer, p.line) for p in found] == [("#/servers/1/url", 7), ("#/servers/2/url", 8)]


def _with_server(server: str) -> str:
    return BASE.replace("  - url: https://api.example.com/v1\n", server)


def test_server_url_variables_with_defaults_and_values_are_valid():
    text = _with_server(
        "  - url: '{scheme}://{region}.example.com/{version}'\n"
        "    variables:\n"
        "      scheme: {default: https, enum: [https, http]}\n"
        "      region: {default: eu}\n"
        "      version: {default: v1, enum: [v1, v2]}\n"
    )
    assert problems(text) == []


@pytest.mark.parametrize(
    ("variables", "pointer", "words"),
    [
        ("      other: {default: x}\n", "#/servers/0/url", "'region' is not declared"),
        ("      region: {default: 'user:pw@evil'}\n", "#/servers/0/variables/region/default", "credentials"),
        ("      region: {default: eu, enum: [eu, 'x y']}\n", "#/servers/0/variables/region/enum/1", "whitespace"),
    ],
)
def test_server_url_variables_must_make_a_valid_url(variables, pointer, words):
    text = _with_server(
        "  - url: 'https://{region}.example.com'\n    variables:\n" + variables
    )
    [problem] = [p for p in problems(text) if p.pointer.startswith("#/servers")]
    assert problem.pointer == pointer and words in problem.message


def test_an_unmatched_brace_in_a_server_url_is_refused():
    [problem] = problems(_with_server("  - url: 'https://x.example.com/{v'\n"))
    assert problem.pointer == "#/servers/0/url" and "brace" in problem.message


# --- versions ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    ["openapi: 2.0", 'openapi: "2.0"', 'openapi: "3.2.0"', "openapi: 3.1", 'swagger: "2.0"', "openapi: 4.0.0"],
)
def test_unsupported_openapi_versions_are_refused(header):
    found = problems(BASE.replace("openapi: 3.1.0", header))
    assert len(found) == 1
    assert found[0].pointer == "#/openapi"
    assert "3.0" in found[0].message and "3.1" in found[0].message


def test_missing_paths_is_reported():
    text = BASE.split("paths:")[0]
    [problem] = problems(text)
    assert (problem.pointer, problem.message) == (
        "#/paths", "the spec has no 'paths', 'webhooks' or 'components' object"
    )
    [problem] = problems(text.replace("openapi: 3.1.0", "openapi: 3.0.3"))
    assert (problem.pointer, problem.message) == ("#/paths", "the spec has no 'paths' object")


def test_a_31_document_of_webhooks_alone_is_valid():
    webhooks = """\
webhooks:
  itemAdded:
    post:
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {id: {type: string}}}
      responses:
        "200": {description: ok}
"""
    assert problems(BASE.split("paths:")[0] + webhooks) == []


def test_problems_are_in_file_order():
    text = BASE.replace("/items/{item_id}:", "/items:").replace(
        "https://api.example.com/v1", "ftp://x.com"
    )
    found = problems(text)
    assert len(found) == 2
    assert found == sorted(found)
    assert found[0].pointer == "#/servers/0/url"


# --- the real specs ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["kombo", "stackone", "unified", "xobin"])
def test_real_specs_validate_cleanly(name):
    path = PROJECT / "specs" / f"{name}.yaml"
    assert validate(load_spec(path, f"specs/{name}.yaml")) == []


def test_properties_that_share_an_attribute_are_valid():
    # They get distinct attributes (naming.field_names); the document itself is fine.
    text = BASE.replace("        id: {type: string}\n", "        id: {type: string}\n"
                        "        '@id': {type: string}\n        e-mail: {type: string}\n"
                        "        e_mail: {type: string}\n")
    assert problems(text) == []


# --- keywords used as names ----------------------------------------------------------------------


def test_a_property_named_like_a_keyword_is_a_name_not_a_reference():
    text = BASE.replace(
        "        id: {type: string}\n",
        "        $ref: {type: string, example: 'https://x.example/Users/1'}\n"
        "        properties:\n          type: object\n          properties:\n"
        "            $ref: {type: integer}\n"
        "      required: [$ref]\n"
        "      example: {$ref: 'https://x.example/Users/2'}\n",
    )
    assert problems(text) == []


def test_a_reference_in_a_default_is_still_checked():
    # openapi-spec-validator resolves it: it must not leave the document.
    text = BASE.replace("        id: {type: string}\n",
                        "        id:\n          default: {$ref: 'https://x.example/a.json'}\n")
    [problem] = problems(text)
    assert problem.pointer == "#/components/schemas/Item/properties/id/default/$ref"
    assert "only references inside this document" in problem.message


# --- where the library's problems are reported -----------------------------------------------


def test_a_default_of_the_wrong_type_is_reported_at_the_default():
    text = BASE.replace("        id: {type: string}\n", "        id: {type: string}\n"
                        "        size:\n          type: string\n          default: 1\n")
    [problem] = problems(text)
    assert problem.pointer == "#/components/schemas/Item/properties/size/default"
    assert problem.line == line_of(text, "default: 1")
    assert "1 is not of type 'string'" in problem.message


def test_a_default_reached_through_a_reference_is_reported_where_it_is_written():
    text = BASE.replace(
        "          schema: {type: string}\n",
        "          schema: {$ref: '#/components/schemas/Code'}\n",
    ) + "    Code:\n      type: integer\n      default: abc\n"
    [problem] = problems(text)
    assert problem.pointer == "#/components/schemas/Code/default"
    assert problem.line == line_of(text, "default: abc")


def test_a_key_the_object_does_not_allow_is_reported_at_the_key():
    text = BASE.replace("      operationId: getItem\n", "      operationId: getItem\n      title: Get\n")
    [problem] = problems(text)
    assert problem.pointer == OP + "/title"
    assert problem.line == line_of(text, "title: Get")


def test_a_failed_alternative_is_narrowed_to_the_node_at_fault():
    text = BASE.replace("openapi: 3.1.0", "openapi: 3.0.3").replace(
        "        id: {type: string}\n", "        id: {const: a}\n"
    )
    [problem] = problems(text)
    assert problem.pointer == "#/components/schemas/Item/properties/id/const"
    assert problem.line == line_of(text, "const: a")
    assert len(problem.message) < 100


# Documents the OpenAPI 3.1 schema refuses, each in another part of it (`$dynamicRef`s included).
_BROKEN_31 = {
    "info without a title": ("  title: Items\n", ""),
    "a schema type that is no type": ("        id: {type: string}", "        id: {type: 12}"),
    "a schema keyword of the wrong kind": ("        id: {type: string}", "        id: {type: string, required: 3}"),
    "a nested schema of the wrong kind": ("        id: {type: string}", "        id: {items: 7}"),
    "a response without a description": ("          description: ok\n", ""),
    "an operationId of the wrong kind": ("operationId: getItem", "operationId: [1]"),
    "a path that is no path": ("  /items/{item_id}:", "  items/{item_id}:"),
}
_SHARED = PROJECT.parent / "shared"


def _library_class_problems(spec: LoadedSpec) -> list[tuple[tuple[object, ...], str]]:
    """The library's own 3.1 validator, with its jsonschema backend (it would pick jsonschema-rs,
    which clientgen installs too)."""
    from openapi_spec_validator import OpenAPIV31SpecValidator
    from openapi_spec_validator.schemas import schema_v31
    from openapi_spec_validator.schemas.backend.jsonschema import create_validator

    library = type("Library", (OpenAPIV31SpecValidator,), {"schema_validator": create_validator(dict(schema_v31))})
    return [(tuple(e.absolute_path), e.message) for e in library(spec.data).iter_errors()]


def _indexed_class_problems(spec: LoadedSpec) -> list[tuple[tuple[object, ...], str]]:
    from generator.reading.validator import spec_validator_class

    return [(tuple(e.absolute_path), e.message) for e in spec_validator_class("1")(spec.data).iter_errors()]


@pytest.mark.parametrize("case", _BROKEN_31, ids=_BROKEN_31)
def test_the_indexed_31_schema_finds_what_the_library_finds(case):
    old, new = _BROKEN_31[case]
    assert old in BASE
    spec = spec_of(BASE.replace(old, new, 1))
    found = _indexed_class_problems(spec)
    assert found and found == _library_class_problems(spec)


@pytest.mark.parametrize("path", sorted(
    [p for p in (PROJECT / "tests" / "hostile").glob("*.yaml") if "openapi: 3.1" in p.read_text()]
    + [p for p in (_SHARED / "corpus").glob("*") if p.suffix in (".json", ".yaml")]
    + [p for p in (_SHARED / "real-specs").glob("*.json")]
), ids=lambda p: p.name)
def test_the_indexed_31_schema_finds_what_the_library_finds_in_real_documents(path):
    from generator.foundation.diagnostics import SpecError
    from generator.reading.validator import reference_problems

    try:
        spec = load_spec(path)
    except SpecError:
        pytest.skip("refused while loading")
    if not str(spec.data.get("openapi", "")).startswith("3.1") or reference_problems(spec):
        pytest.skip("not an OpenAPI 3.1 document that reaches openapi-spec-validator")
    assert _indexed_class_problems(spec) == _library_class_problems(spec)
