"""openapi-spec-validator plus the house rules, every problem collected as a Diagnostic."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from ..foundation import naming
from ..foundation.diagnostics import Diagnostic
from .loader import LoadedSpec, PathParts
from .spec import HTTP_METHODS, iter_operations, iter_property_maps, resolve_ref

_HTTP_TOKEN = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
_TEMPLATE_VARIABLE = re.compile(r"{([^{}]*)}")
_SUPPORTED_VERSION = re.compile(r"^3\.(0|1)\.\d+$")


def _walk_refs(node: Any, parts: PathParts) -> Iterator[tuple[PathParts, Any]]:
    if isinstance(node, dict):
        if "$ref" in node:
            yield parts + ("$ref",), node["$ref"]
        for key, value in node.items():
            if key != "$ref":
                yield from _walk_refs(value, parts + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk_refs(value, parts + (index,))


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


def _library_problems(spec: LoadedSpec, minor: str) -> Iterator[Diagnostic]:
    # Imported here: 0.15 s that a check of the references alone does without.
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

    validator_class = OpenAPIV31SpecValidator if minor == "1" else OpenAPIV30SpecValidator
    try:
        errors = list(validator_class(spec.data).iter_errors())
    except Exception as exc:  # the library raises on some malformed input instead of reporting
        yield spec.diagnostic((), f"spec could not be validated: {type(exc).__name__}")
        return
    for error in errors:
        if type(error).__name__ in ("UnresolvableParameterError", "DuplicateOperationIDError"):
            continue  # house rules report these with an exact location
        parts = tuple(error.absolute_path)
        if not _resolves(spec.data, parts):
            parts = ()
        message = error.message if len(error.message) < 300 else error.message[:297] + "..."
        yield spec.diagnostic(parts, message)


def _resolves(data: Any, parts: PathParts) -> bool:
    node = data
    for part in parts:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return False
    return True


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
        url = server.get("url") if isinstance(server, dict) else None
        if isinstance(url, str):
            problem = _server_url_problem(url)
            if problem:
                yield spec.diagnostic(("servers", index, "url"), problem)
    for name, scheme in (spec.data.get("components", {}).get("securitySchemes") or {}).items():
        header = scheme.get("name") if isinstance(scheme, dict) else None
        if isinstance(header, str) and scheme.get("in") == "header" and not _HTTP_TOKEN.match(header):
            yield spec.diagnostic(
                ("components", "securitySchemes", name, "name"), "header name is not an HTTP token"
            )


# Values that hold free-form data, not spec structure: a `schema` key inside one is not a schema.
_DATA_KEYS = frozenset({"example", "examples", "default", "enum", "const"})


def _schemas(data: dict[str, Any]) -> Iterator[tuple[PathParts, Any]]:
    """Each component schema, and each schema written inline anywhere else in the document."""
    components = data.get("components")
    component_schemas = components.get("schemas") if isinstance(components, dict) else None
    if isinstance(component_schemas, dict):
        for name, schema in component_schemas.items():
            yield ("components", "schemas", name), schema
    pending: list[tuple[Any, PathParts]] = [(data, ())]
    while pending:
        node, parts = pending.pop()
        children = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in children:
            where = parts + (key,)
            if isinstance(key, str) and (key in _DATA_KEYS or key.startswith("x-")):
                continue
            if key == "schema":
                yield where, value
            elif isinstance(value, (dict, list)) and where != ("components", "schemas"):
                pending.append((value, where))


def _property_name_problems(spec: LoadedSpec) -> Iterator[Diagnostic]:
    """Properties of one object that would share a model attribute (`e-mail` and `e_mail`)."""
    for schema_parts, schema in _schemas(spec.data):
        for parts, properties in iter_property_maps(schema, schema_parts):
            for clash in naming.collisions(properties, naming.field_name, "properties"):
                yield spec.diagnostic(parts + (clash.second,), str(clash))


def _server_url_problem(url: str) -> str | None:
    if any(ord(c) < 0x21 or ord(c) == 0x7F for c in url):
        return "server URL contains whitespace or control characters"
    if "{" in url:
        return "server URL variables are not supported; list each server URL explicitly"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "server URL must be an absolute http(s) URL"
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
            problems += list(_house_problems(spec)) + list(_property_name_problems(spec))
    return sorted(set(problems))


__all__ = ["HTTP_METHODS", "validate"]
