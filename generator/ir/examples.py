"""Example calls for the generated READMEs and the test kit's documented responses.

Calls use the spec's examples where they fit the arguments' types and values made from the
schemas elsewhere (example_values.py); values reach the README only through repr() of plain JSON
data, so they are inert literals.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Mapping
from typing import Any

from ..foundation import escape
from ..reading.loader import LoadedSpec
from ..reading.spec import RawOperation, deref, json_media
from .example_values import (
    MISSING,
    Imports,
    is_plain,
    named_examples,
    python_source,
    schema_value,
    spec_example,
)
from .nodes import Operation, ResponseExample


def response_examples(spec: LoadedSpec, raw: RawOperation) -> tuple[ResponseExample, ...]:
    """Every named JSON example of every numeric status of an operation, in spec order."""
    document = spec.data
    found: list[ResponseExample] = []
    for status, response in (raw.body.get("responses") or {}).items():
        if not str(status).isdigit():
            continue
        response = deref(document, response)
        found_media = json_media(response.get("content")) if isinstance(response, dict) else None
        if found_media is None:
            continue
        for name, value in named_examples(found_media[1], document):
            if is_plain(value):
                text = json.dumps(value, ensure_ascii=True, separators=(",", ":"))
                found.append(ResponseExample(
                    int(status), escape.string_literal(name), escape.string_literal(text)
                ))
    return tuple(found)


def _parameters(raw: RawOperation, document: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for owner in (raw.path_item, raw.body):
        for parameter in owner.get("parameters") or []:
            parameter = deref(document, parameter)
            if isinstance(parameter, dict):
                found[(str(parameter.get("in")), str(parameter.get("name")))] = parameter
    return found


def _documented(owner: Any, document: dict[str, Any]) -> Any:
    """The example of a parameter or media type, else of its schema; MISSING when there is none."""
    found = spec_example(owner, document)
    if found is MISSING and isinstance(owner, dict):
        found = spec_example(deref(document, owner.get("schema")), document)
    return found


def _body_properties(schema: Any, document: dict[str, Any]) -> dict[str, Any]:
    schema = deref(document, schema)
    properties: dict[str, Any] = {}
    for part in [schema, *(schema.get("allOf") or [])] if isinstance(schema, dict) else []:
        part = deref(document, part)
        if isinstance(part, dict) and isinstance(part.get("properties"), dict):
            properties = {**part["properties"], **properties}
    return properties


def example_arguments(
    spec: LoadedSpec, raw: RawOperation, operation: Operation, models: Mapping[str, bool]
) -> tuple[list[str], Imports]:
    """Arguments (as source) for a call of `operation` that type-checks, and the imports they need.

    The spec's examples are used where they fit the arguments' types; every required argument
    is given, from its schema when the spec has no example. `models` maps each model class to
    whether it is an object model (which accepts a dict).
    """
    document = spec.data
    imports: set[tuple[str, str]] = set()

    def write(value: Any, annotation: str) -> str:
        source, needed = python_source(value, annotation, models)
        imports.update(needed)
        return source

    parameters = _parameters(raw, document)
    arguments = []
    for param in operation.path_params + operation.query_params + operation.header_params:
        if param.client_default is not None:
            continue  # the client supplies it
        parameter = parameters.get((param.location, param.wire_name), {})
        value = _documented(parameter, document)
        if value is MISSING and not param.required:
            continue
        if value is MISSING:
            value = schema_value(parameter.get("schema", {}), document)
        source = write(value, param.annotation)
        arguments.append(source if param.location == "path" else f"{param.python_name}={source}")
    body = operation.body
    if body is not None:
        arguments += [f"{f.python_name}=b'...'" for f in body.file_fields if f.required]
        request_body = deref(document, raw.body.get("requestBody"))
        content = request_body.get("content", {}) if isinstance(request_body, dict) else {}
        media = content.get(ast.literal_eval(body.content_type_literal))
        schema = media.get("schema", {}) if isinstance(media, dict) else {}
        value = _documented(media, document)
        if body.fields:
            given = value if isinstance(value, dict) else {}
            properties = _body_properties(schema, document)
            by_wire = {field.wire_name: field for field in body.fields}
            chosen = [(by_wire[k], v) for k, v in given.items() if k in by_wire]
            chosen += [
                (field, schema_value(properties.get(field.wire_name, {}), document))
                for field in body.fields if field.required and field.wire_name not in given
            ]
            arguments += [f"{field.python_name}={write(v, field.annotation)}" for field, v in chosen]
        elif (body.model or body.encoding == "raw") and (value is not MISSING or body.required):
            # `body=` is offered for a raw body and a model without fields (an array, a map)
            if value is MISSING:
                value = schema_value(schema, document)
            annotation = body.annotation if body.model else "str | bytes"
            arguments.append(f"body={write(value, annotation)}")
    return arguments, frozenset(imports)


def example_call(
    spec: LoadedSpec, raw: RawOperation, operation: Operation, resource: str,
    models: Mapping[str, bool],
) -> tuple[str, Imports]:
    """`client.<resource>.<method>(...)` with type-correct arguments, and the imports they need."""
    arguments, imports = example_arguments(spec, raw, operation, models)
    return f"client.{resource}.{operation.method_name}({', '.join(arguments)})", imports
