"""openapi-spec-validator plus the house rules, every problem collected as a Diagnostic."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from ..foundation.diagnostics import Diagnostic
from .loader import LoadedSpec, PathParts
from .spec import HTTP_METHODS, is_relative_url, iter_operations, resolve_ref

_HTTP_TOKEN = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
_TEMPLATE_VARIABLE = re.compile(r"{([^{}]*)}")
_SUPPORTED_VERSION = re.compile(r"^3\.(0|1)\.\d+$")


# Keys whose value maps names to objects: there a key is a name (a property may be called `$ref`,
# `type` or `properties`), and the objects it names are structure again.
_NAME_MAPS = frozenset({
    "properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "paths",
    "webhooks", "schemas", "responses", "parameters", "examples", "requestBodies", "headers",
    "securitySchemes", "links", "callbacks", "pathItems", "content", "encoding", "variables",
    "mapping", "scopes",
})
# Keys whose value is data, never structure: openapi-spec-validator follows no reference in them
# and neither does the generator. (It does follow references in a `default`, which is checked.)
_DATA = frozenset({"example", "enum", "const", "value"})


def _walk_refs(node: Any, parts: PathParts) -> Iterator[tuple[PathParts, Any]]:
    """Every `$ref` where a key is a keyword, not a name or data, with where it is written."""
    pending: list[tuple[Any, PathParts]] = [(node, parts)]
    while pending:
        node, parts = pending.pop()
        if isinstance(node, list):
            pending.extend((value, parts + (index,)) for index, value in enumerate(node))
            continue
        if not isinstance(node, dict):
            continue
        if "$ref" in node:
            yield parts + ("$ref",), node["$ref"]
        for key, value in node.items():
            if key == "$ref" or key in _DATA or str(key).startswith("x-"):
                continue
            if key == "examples" and isinstance(value, list):
                continue  # a JSON Schema's examples are data; a media type's are named objects
            if key in _NAME_MAPS and isinstance(value, dict):
                pending.extend((sub, parts + (key, name)) for name, sub in value.items())
            else:
                pending.append((value, parts + (key,)))


def _reference_problems(spec: LoadedSpec) -> Iterator[Diagnostic]:
    for parts, ref in _walk_refs(spec.data, ()):
        # Refused before anything resolves it: no file is read and no network is touched.
        if not isinstance(ref, str) or not ref.startswith("#/"):
            yield spec.diagnostic(parts, "only references inside this document ('#/...') are allowed")
        elif resolve_ref(spec.data, ref) is None:
            yield spec.diagnostic(parts, f"reference target {ref!r} does not exist")


def reference_problems(spec: LoadedSpec) -> list[Diagnostic]:
    """The references that leave the document or lead nowhere: checked before anything else reads
    the spec, which may then run while openapi-spec-validator does (pipeline.py)."""
    return list(_reference_problems(spec))


@lru_cache(maxsize=2)
def spec_validator_class(minor: str) -> type[Any]:
    """openapi-spec-validator's validator for OpenAPI 3.`minor`, checking the document against the
    OpenAPI schema with jsonschema whatever backend the library would pick, and for 3.1 with that
    schema indexed once instead of at every `$dynamicRef`.

    The library picks jsonschema-rs for that check when it is installed, and turns its errors into
    other messages at other places: the one-line problems must not depend on what else the
    environment holds. And it checks a 3.1 document through a registry it has not indexed
    ("crawled"), where resolving a `$dynamicRef` indexes the whole schema again every time: 1,183
    times for Kombo's full spec, a third of the validator's time. Here the schema sits indexed in
    the registry and is reached through a `$ref` from an empty root: the same schema checks the
    same document, with the same errors at the same places.
    """
    # Imported here: 0.15 s that a check of the references alone does without.
    from jsonschema.validators import validator_for
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

    schema = _openapi_schema(minor)
    if minor != "1":
        document_validator = validator_for(schema)(schema)
        base: type[Any] = OpenAPIV30SpecValidator
    else:
        from referencing import Registry
        from referencing.jsonschema import specification_with

        uri = schema["$id"]
        resource = specification_with(schema["$schema"]).create_resource(schema)
        indexed = Registry().with_resource(uri, resource).crawl()
        document_validator = validator_for(schema)({"$ref": uri}, registry=indexed)
        base = OpenAPIV31SpecValidator
    from .schema_meta import checking_first

    keyword_validators = {**base.keyword_validators, "schema": checking_first(base.keyword_validators["schema"])}
    return type(
        f"Checked{base.__name__}",
        (base,),
        {"schema_validator": document_validator, "keyword_validators": keyword_validators},
    )


def _openapi_schema(minor: str) -> dict[str, Any]:
    from openapi_spec_validator.schemas import schema_v30, schema_v31

    return dict(schema_v31 if minor == "1" else schema_v30)


@lru_cache(maxsize=2)
def _validator_after_a_clean_document_check(minor: str) -> type[Any]:
    """`spec_validator_class(minor)` for a document known to match the OpenAPI schema: the rest of
    the library's checks (paths, parameters, each schema against its dialect, defaults)."""
    checked = spec_validator_class(minor)
    skipped = _NoErrors(checked.schema_validator.schema)
    return type(f"Rest{checked.__name__}", (checked,), {"schema_validator": skipped})


class _NoErrors:
    """A document check that finds nothing, for a document jsonschema-rs found to match."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self.schema = schema

    def iter_errors(self, instance: object) -> Iterator[Any]:
        return iter(())


@lru_cache(maxsize=2)
def _fast_document_check(minor: str) -> Any:
    """jsonschema-rs's validator for the OpenAPI schema, as jsonschema checks it: formats not
    asserted, nothing fetched."""
    import jsonschema_rs

    schema = _openapi_schema(minor)
    return jsonschema_rs.validator_cls_for(schema)(schema, validate_formats=False, offline=True)


def _library_validator(spec: LoadedSpec, minor: str) -> type[Any]:
    """The library's validator for `spec`. Checking the whole document against the OpenAPI schema
    is half of its time with jsonschema (2.1 s of 4.7 on 1,000 operations); jsonschema-rs answers
    whether the document matches in a hundredth of that (tests/unit/reading check that the two
    agree). A match skips jsonschema's check; a mismatch, or no jsonschema-rs, runs it, so that
    the problems are jsonschema's, at its places."""
    try:
        matches = _fast_document_check(minor).is_valid(spec.data)
    except Exception:  # noqa: BLE001 - not installed, or it cannot read this document: jsonschema can
        matches = False
    return _validator_after_a_clean_document_check(minor) if matches else spec_validator_class(minor)


def _library_problems(spec: LoadedSpec, minor: str) -> Iterator[Diagnostic]:
    from .located import document_parts, located, most_specific, unexpected_key

    try:
        errors = list(located(_library_validator(spec, minor))(spec.data).iter_errors())
    except Exception as exc:  # noqa: BLE001 - the library raises on some malformed input
        yield spec.diagnostic((), f"spec could not be validated: {type(exc).__name__}")
        return
    for error in errors:
        if type(error).__name__ in ("UnresolvableParameterError", "DuplicateOperationIDError"):
            continue  # house rules report these with an exact location
        error = most_specific(error)
        key = unexpected_key(error)
        parts = document_parts(spec.data, tuple(error.absolute_path) + ((key,) if key else ()))
        message = error.message if len(error.message) < 300 else error.message[:297] + "..."
        yield spec.diagnostic(parts, message)


def _declared_parameters(
    spec: LoadedSpec, owner: dict[str, Any], owner_parts: PathParts
) -> list[tuple[dict[str, Any], PathParts]]:
    """The parameters an operation or path item declares, each with where it is written."""
    found = []
    parameters = owner.get("parameters")
    for index, parameter in enumerate(parameters if isinstance(parameters, list) else []):
        resolved = resolve_ref(spec.data, parameter["$ref"]) if "$ref" in parameter else parameter
        if isinstance(resolved, dict):
            found.append((resolved, owner_parts + ("parameters", index)))
    return found


def _house_problems(spec: LoadedSpec) -> Iterator[Diagnostic]:
    seen_operation_ids: dict[str, PathParts] = {}
    for operation in iter_operations(spec.data):
        op_parts = ("paths", operation.path, operation.method)
        operation_id = operation.body.get("operationId")
        if isinstance(operation_id, str):
            if operation_id in seen_operation_ids:
                _, first_path, first_method = seen_operation_ids[operation_id]
                first_line = spec.location(seen_operation_ids[operation_id] + ("operationId",))[0]
                yield spec.diagnostic(
                    op_parts + ("operationId",),
                    f"duplicate operationId {operation_id!r} (first used by "
                    f"{str(first_method).upper()} {first_path} on line {first_line})",
                )
            else:
                seen_operation_ids[operation_id] = op_parts
        parameters = _declared_parameters(spec, operation.path_item, ("paths", operation.path)) + (
            _declared_parameters(spec, operation.body, op_parts)
        )
        template_names = _TEMPLATE_VARIABLE.findall(operation.path)
        path_params = {p.get("name"): where for p, where in parameters if p.get("in") == "path"}
        for name in template_names:
            if name not in path_params:
                yield spec.diagnostic(op_parts, f"path parameter {name!r} is not declared")
        for name, where in path_params.items():
            if name not in template_names:
                yield spec.diagnostic(where + ("name",), f"path parameter {name!r} is not in the path")
        for parameter, where in parameters:
            name = parameter.get("name")
            is_named_header = parameter.get("in") in ("header", "cookie") and isinstance(name, str)
            if is_named_header and not _HTTP_TOKEN.match(name):
                yield spec.diagnostic(op_parts, f"{parameter['in']} name {name!r} is not an HTTP token")
    for index, server in enumerate(spec.data.get("servers") or []):
        if isinstance(server, dict) and isinstance(server.get("url"), str):
            yield from _server_problems(spec, ("servers", index), server)
    for name, scheme in (spec.data.get("components", {}).get("securitySchemes") or {}).items():
        header = scheme.get("name") if isinstance(scheme, dict) else None
        if isinstance(header, str) and scheme.get("in") == "header" and not _HTTP_TOKEN.match(header):
            yield spec.diagnostic(
                ("components", "securitySchemes", name, "name"), "header name is not an HTTP token"
            )


def _server_problems(spec: LoadedSpec, parts: PathParts, server: dict[str, Any]) -> Iterator[Diagnostic]:
    """A server URL must be an absolute http(s) URL, or one relative to where the spec is served
    (`/api/v3`), with each of its variables at its default, and of the same kind at each value its
    `enum` lists."""
    url: str = server["url"]
    variables = server.get("variables")
    variables = variables if isinstance(variables, dict) else {}
    names = _TEMPLATE_VARIABLE.findall(url)
    undeclared = [name for name in names if not isinstance(variables.get(name), dict)]
    if undeclared:
        yield spec.diagnostic(parts + ("url",), f"server URL variable {undeclared[0]!r} is not declared")
        return
    if "{" in _TEMPLATE_VARIABLE.sub("", url) or "}" in _TEMPLATE_VARIABLE.sub("", url):
        yield spec.diagnostic(parts + ("url",), "server URL has an unmatched brace")
        return
    defaults = {name: str(variables[name].get("default", "")) for name in names}

    def filled(values: dict[str, str]) -> str:
        return _TEMPLATE_VARIABLE.sub(lambda m: values[m.group(1)], url)

    relative = is_relative_url(filled(defaults))
    problem = _server_url_problem(filled(defaults), relative)
    if problem:
        where = ("url",) if not names else ("variables", names[0], "default")
        yield spec.diagnostic(parts + where, problem)
        return
    for name in dict.fromkeys(names):
        enum = variables[name].get("enum")
        for position, value in enumerate(enum if isinstance(enum, list) else []):
            problem = _server_url_problem(filled({**defaults, name: str(value)}), relative)
            if problem:
                yield spec.diagnostic(parts + ("variables", name, "enum", position), problem)


def _server_url_problem(url: str, relative: bool) -> str | None:
    """What keeps `url` from being a server's URL, where its defaults make it `relative` or not."""
    if any(ord(c) < 0x21 or ord(c) == 0x7F for c in url):
        return "server URL contains whitespace or control characters"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - parsed lazily: a bad port or IPv6 host raises only here
    except ValueError:
        return "server URL is malformed"
    if is_relative_url(url) != relative:
        kind = "relative" if relative else "absolute"
        return f"server URL is {kind} with its variables' defaults, but not with this value"
    if not relative and (parts.scheme not in ("http", "https") or not parts.hostname):
        return "server URL must be an absolute http(s) URL, or relative (`/api/v3`)"
    if parts.username or parts.password:
        return "server URL must not carry credentials"
    if parts.query or parts.fragment:
        return "server URL must not have a query or fragment"
    return None


def validate(spec: LoadedSpec) -> list[Diagnostic]:
    """Every problem in `spec`, in file order; an empty list means it can be generated."""
    version = spec.data.get("openapi")
    match = _SUPPORTED_VERSION.match(version) if isinstance(version, str) else None
    if match is None:
        return [spec.diagnostic(("openapi",), "only OpenAPI 3.0.x and 3.1.x documents are supported")]
    # 3.1 makes `paths` optional: a document may describe only webhooks, or only components.
    if match.group(1) == "0":
        wanted, names = ("paths",), "'paths'"
    else:
        wanted, names = ("paths", "webhooks", "components"), "'paths', 'webhooks' or 'components'"
    if not any(isinstance(spec.data.get(key), dict) for key in wanted):
        return [spec.diagnostic(("paths",), f"the spec has no {names} object")]
    problems = list(_reference_problems(spec))
    if not problems:
        problems += list(_library_problems(spec, match.group(1)))
        if not problems:
            problems += list(_house_problems(spec))
    return sorted(set(problems))


__all__ = ["HTTP_METHODS", "validate"]
