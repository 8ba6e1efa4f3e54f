"""Small read-only helpers over a parsed OpenAPI document: local references and operations."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


SCHEMA_REF_PREFIX = "#/components/schemas/"
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")  # RFC 3986, as urllib.parse reads it
# The schema keywords whose values are subschemas: maps of them, lists of them, or one.
SCHEMA_MAPS = frozenset({"properties", "patternProperties"})
SCHEMA_LISTS = frozenset({"allOf", "anyOf", "oneOf", "prefixItems"})
SCHEMA_VALUES = frozenset({"items", "additionalProperties", "not"})


def is_relative_url(url: str) -> bool:
    """Whether a server URL is relative to where the spec is served (`/api/v3`): it names no
    scheme. OpenAPI allows these; the caller of the client supplies the host."""
    return not _SCHEME.match(url)


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def schema_name(ref: str) -> str | None:
    """The component schema a `#/components/schemas/...` reference names, else None."""
    return _unescape(ref[len(SCHEMA_REF_PREFIX):]) if ref.startswith(SCHEMA_REF_PREFIX) else None


def resolve_ref(document: Any, ref: str) -> Any:
    """The value a local `#/...` reference points at, or None where it points at nothing."""
    if not ref.startswith("#"):
        return None
    node = document
    for token in ref[1:].split("/")[1:]:
        key = _unescape(token)
        if isinstance(node, dict) and key in node:
            node = node[key]
        elif isinstance(node, list) and key.isdigit() and int(key) < len(node):
            node = node[int(key)]
        else:
            return None
    return node


def deref(document: Any, node: Any, limit: int = 32) -> Any:
    """Follow `$ref` chains (bounded, so a reference cycle cannot hang) to the value itself."""
    for _ in range(limit):
        if not (isinstance(node, dict) and isinstance(node.get("$ref"), str)):
            return node
        node = resolve_ref(document, node["$ref"])
    return None


@dataclass(frozen=True)
class RawOperation:
    path: str
    method: str
    path_item: dict[str, Any]
    body: dict[str, Any]


def iter_operations(document: dict[str, Any], root: str = "paths") -> Iterator[RawOperation]:
    """The operations under `paths`, or with `root="webhooks"` the requests the API sends (3.1),
    each webhook's name standing in for the path."""
    paths = document.get(root)
    for path, item in (paths.items() if isinstance(paths, dict) else ()):
        item = deref(document, item)
        if not isinstance(item, dict):
            continue
        for method in HTTP_METHODS:
            operation = item.get(method)
            if isinstance(operation, dict):
                yield RawOperation(path, method, item, operation)


def _is_json(media_type: str) -> bool:
    base = media_type.split(";")[0].strip().lower()
    return base == "application/json" or base.endswith("+json")


def json_media(content: Any) -> tuple[str, dict[str, Any]] | None:
    """The first JSON media type of a `content` map, with its media type object."""
    if not isinstance(content, dict):
        return None
    for media_type, media in content.items():
        if _is_json(media_type) and isinstance(media, dict):
            return media_type, media
    return None


FORM_MEDIA_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def form_media(content: Any) -> tuple[str, dict[str, Any]] | None:
    """The first form media type (URL-encoded or multipart) of a `content` map, with its object."""
    if not isinstance(content, dict):
        return None
    for media_type, media in content.items():
        if media_type.split(";")[0].strip().lower() in FORM_MEDIA_TYPES and isinstance(media, dict):
            return media_type, media
    return None


def is_file_schema(schema: Any) -> bool:
    """Whether a schema describes raw bytes (`format: binary`, or 3.1 `contentMediaType` without
    `contentEncoding`): in a multipart body, a file part."""
    return isinstance(schema, dict) and schema.get("type") in ("string", None) and (
        schema.get("format") == "binary"
        or "contentMediaType" in schema and "contentEncoding" not in schema
    )


def iter_property_maps(
    schema: Any, parts: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], dict[str, Any]]]:
    """Every `properties` map in `schema` and its subschemas, with where it sits.

    Only schema keywords are followed, so a `default` or `example` value that happens to hold a
    `properties` key is never mistaken for one.
    """
    pending = [(schema, parts)]
    while pending:
        node, where = pending.pop()
        if not isinstance(node, dict):
            continue
        for key, value in node.items():
            if key in SCHEMA_MAPS and isinstance(value, dict):
                if key == "properties":
                    yield where + (key,), value
                pending.extend((sub, where + (key, name)) for name, sub in value.items())
            elif key in SCHEMA_LISTS and isinstance(value, list):
                pending.extend((sub, where + (key, index)) for index, sub in enumerate(value))
            elif key in SCHEMA_VALUES:
                pending.append((value, where + (key,)))
