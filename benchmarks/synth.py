"""Synthetic OpenAPI 3.0 specs of any size, for the cost curve: `synthetic_spec(100)` has 100 operations.

Operations come in groups of five per resource (list, get, create, update, delete), with path,
query and header parameters, JSON bodies, enums, nested objects, arrays, maps, nullable and
date-time fields, a shared error schema and a documented example per resource, so each operation
costs about what a hand-written API's does.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

_STATUSES = ["active", "paused", "archived"]
_COUNTRIES = ["DE", "FR", "GB", "US"]


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _schemas(r: int) -> dict[str, Any]:
    thing, create = f"Thing{r}", f"Thing{r}Create"
    return {
        f"Address{r}": {
            "type": "object",
            "description": f"Where thing {r} lives.",
            "properties": {
                "street": {"type": "string"},
                "city": {"type": "string", "maxLength": 80},
                "country": {"type": "string", "enum": _COUNTRIES},
                "postal_code": {"type": "string", "nullable": True},
            },
            "required": ["city", "country"],
        },
        f"LineItem{r}": {
            "type": "object",
            "properties": {
                "sku": {"type": "string"},
                "quantity": {"type": "integer", "minimum": 1},
                "unit_price": {"type": "number", "format": "double"},
                "discounts": {"type": "array", "items": {"type": "number"}},
            },
            "required": ["sku", "quantity"],
        },
        thing: {
            "type": "object",
            "description": f"A thing of kind {r}, with its address and line items.",
            "properties": {
                "id": {"type": "string", "description": "Unique identifier."},
                "name": {"type": "string", "description": "Display name."},
                "status": {"type": "string", "enum": _STATUSES},
                "created_at": {"type": "string", "format": "date-time"},
                "score": {"type": "integer", "nullable": True},
                "tags": {"type": "array", "items": {"type": "string"}},
                "address": _ref(f"Address{r}"),
                "items": {"type": "array", "items": _ref(f"LineItem{r}")},
                "metadata": {"type": "object", "additionalProperties": {"type": "string"}},
                "owner": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string"},
                        "email": {"type": "string", "format": "email"},
                        "role": {"type": "string", "enum": ["admin", "member", "viewer"]},
                    },
                    "required": ["id"],
                },
            },
            "required": ["id", "name", "status", "created_at"],
        },
        create: {
            "type": "object",
            "properties": {
                "name": {"type": "string", "minLength": 1},
                "status": {"type": "string", "enum": _STATUSES},
                "tags": {"type": "array", "items": {"type": "string"}},
                "address": _ref(f"Address{r}"),
                "items": {"type": "array", "items": _ref(f"LineItem{r}")},
                "metadata": {"type": "object", "additionalProperties": {"type": "string"}},
            },
            "required": ["name"],
        },
        f"{thing}List": {
            "type": "object",
            "properties": {
                "data": {"type": "array", "items": _ref(thing)},
                "next_cursor": {"type": "string", "nullable": True},
            },
            "required": ["data"],
        },
    }


def _example(r: int) -> dict[str, Any]:
    return {
        "id": f"thing-{r}-1",
        "name": f"Example {r}",
        "status": "active",
        "created_at": "2024-05-01T12:00:00Z",
        "score": 7,
        "tags": ["a", "b"],
        "address": {"city": "Berlin", "country": "DE", "street": "Main St 1"},
        "items": [{"sku": "X-1", "quantity": 2, "unit_price": 9.5}],
        "metadata": {"source": "benchmark"},
        "owner": {"id": "u-1", "role": "admin"},
    }


def _json(schema: dict[str, Any], example: Any = None) -> dict[str, Any]:
    media: dict[str, Any] = {"schema": schema}
    if example is not None:
        media["example"] = example
    return {"application/json": media}


def _operations(r: int) -> dict[str, Any]:
    tag = f"things{r}"
    thing = f"Thing{r}"
    errors = {
        "404": {"description": "Not found", "content": _json(_ref("Error"))},
        "422": {"description": "Invalid", "content": _json(_ref("Error"))},
    }
    id_param = {"name": "thing_id", "in": "path", "required": True, "schema": {"type": "string"}}
    request_id = {"name": "X-Request-Id", "in": "header", "required": False,
                  "schema": {"type": "string"}}
    return {
        f"/things{r}": {
            "get": {
                "operationId": f"listThings{r}",
                "summary": f"List things of kind {r}",
                "tags": [tag],
                "parameters": [
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 100}},
                    {"name": "cursor", "in": "query", "schema": {"type": "string"}},
                    {"name": "status", "in": "query", "schema": {"type": "string", "enum": _STATUSES}},
                    request_id,
                ],
                "responses": {"200": {"description": "A page of things",
                                      "content": _json(_ref(f"{thing}List"))}, **errors},
            },
            "post": {
                "operationId": f"createThing{r}",
                "summary": f"Create a thing of kind {r}",
                "tags": [tag],
                "parameters": [request_id],
                "requestBody": {"required": True, "content": _json(_ref(f"{thing}Create"))},
                "responses": {"201": {"description": "Created",
                                      "content": _json(_ref(thing), _example(r))}, **errors},
            },
        },
        f"/things{r}/{{thing_id}}": {
            "get": {
                "operationId": f"getThing{r}",
                "summary": f"Get one thing of kind {r}",
                "tags": [tag],
                "parameters": [id_param],
                "responses": {"200": {"description": "The thing",
                                      "content": _json(_ref(thing), _example(r))}, **errors},
            },
            "patch": {
                "operationId": f"updateThing{r}",
                "summary": f"Update a thing of kind {r}",
                "tags": [tag],
                "parameters": [id_param, request_id],
                "requestBody": {"required": True, "content": _json(_ref(f"{thing}Create"))},
                "responses": {"200": {"description": "Updated", "content": _json(_ref(thing))},
                              **errors},
            },
            "delete": {
                "operationId": f"deleteThing{r}",
                "summary": f"Delete a thing of kind {r}",
                "tags": [tag],
                "parameters": [id_param],
                "responses": {"204": {"description": "Deleted"}, **errors},
            },
        },
    }


def synthetic_spec(operations: int) -> dict[str, Any]:
    """A valid spec with exactly `operations` operations (the last resource may have fewer)."""
    paths: dict[str, Any] = {}
    schemas: dict[str, Any] = {
        "Error": {
            "type": "object",
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
            "required": ["message"],
        }
    }
    count, r = 0, 0
    while count < operations:
        for path, methods in _operations(r).items():
            kept = {}
            for method, operation in methods.items():
                if count < operations:
                    kept[method] = operation
                    count += 1
            if kept:
                paths[path] = kept
        schemas.update(_schemas(r))
        r += 1
    return {
        "openapi": "3.0.3",
        "info": {"title": f"Synthetic API ({operations} operations)", "version": "1.0.0"},
        "servers": [{"url": "https://api.example.com/v1"}],
        "security": [{"ApiKey": []}],
        "paths": paths,
        "components": {
            "securitySchemes": {"ApiKey": {"type": "apiKey", "in": "header", "name": "X-Api-Key"}},
            "schemas": schemas,
        },
    }


def write_spec(operations: int, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"synthetic{operations}.json"
    text = json.dumps(synthetic_spec(operations), indent=2) + "\n"
    if not path.is_file() or path.read_text() != text:
        path.write_text(text)
    return path


if __name__ == "__main__":
    print(write_spec(int(sys.argv[1]), Path(sys.argv[2] if len(sys.argv) > 2 else ".")))
