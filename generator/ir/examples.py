"""Example calls for the generated READMEs, built from the examples in the spec.

Example values reach the README only through repr() of plain JSON data, so they are inert literals.
"""

from __future__ import annotations

import ast
import json
import math
from typing import Any

from ..foundation import escape
from ..reading.loader import LoadedSpec
from ..reading.spec import RawOperation, deref, json_media
from .nodes import Operation, ResponseExample


def _plain(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    return value is None or isinstance(value, (str, int, bool))


def named_examples(media: Any, document: dict[str, Any]) -> list[tuple[str, Any]]:
    """The `example` (named "example") and the `examples` of a media type or parameter, in order."""
    if not isinstance(media, dict):
        return []
    named: list[tuple[str, Any]] = [("example", media["example"])] if "example" in media else []
    for name, example in (media.get("examples") or {}).items():
        example = deref(document, example)
        if isinstance(example, dict) and "value" in example:
            named.append((str(name), example["value"]))
    return named


def media_example(media: Any, document: dict[str, Any]) -> Any:
    """The `example` of a media type or parameter, else the value of its first named example."""
    named = named_examples(media, document)
    if named:
        return named[0][1]
    schema = deref(document, media.get("schema")) if isinstance(media, dict) else None
    return schema.get("example") if isinstance(schema, dict) else None


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
            if _plain(value):
                text = json.dumps(value, ensure_ascii=True, separators=(",", ":"))
                found.append(ResponseExample(
                    int(status), escape.string_literal(name), escape.string_literal(text)
                ))
    return tuple(found)


def example_arguments(spec: LoadedSpec, raw: RawOperation, operation: Operation) -> list[str]:
    """Arguments (as source) that call `operation` with the spec's examples."""
    document = spec.data
    examples: dict[tuple[str, str], Any] = {}
    for owner in (raw.path_item, raw.body):
        for parameter in owner.get("parameters") or []:
            parameter = deref(document, parameter)
            if isinstance(parameter, dict):
                value = media_example(parameter, document)
                if value is not None and _plain(value):
                    examples[(str(parameter.get("in")), str(parameter.get("name")))] = value
    arguments = []
    for param in operation.path_params:
        arguments.append(repr(examples.get(("path", param.wire_name), "...")))
    for param in operation.query_params + operation.header_params:
        value = examples.get((param.location, param.wire_name))
        if param.client_default is None and (value is not None or param.required):
            arguments.append(f"{param.python_name}={value!r}")
    body = operation.body
    if body is not None:
        arguments += [f"{f.python_name}=b'...'" for f in body.file_fields if f.required]
        request_body = deref(document, raw.body.get("requestBody"))
        content = request_body.get("content", {}) if isinstance(request_body, dict) else {}
        value = media_example(content.get(ast.literal_eval(body.content_type_literal)), document)
        if isinstance(value, dict) and _plain(value) and body.fields:
            by_wire = {field.wire_name: field.python_name for field in body.fields}
            arguments += [f"{by_wire[k]}={v!r}" for k, v in value.items() if k in by_wire]
        elif value is not None and _plain(value):
            arguments.append(f"body={value!r}")  # a dict is validated into the body model
    return arguments


def example_call(spec: LoadedSpec, raw: RawOperation, operation: Operation, resource: str) -> str:
    arguments = ", ".join(example_arguments(spec, raw, operation))
    return f"client.{resource}.{operation.method_name}({arguments})"
