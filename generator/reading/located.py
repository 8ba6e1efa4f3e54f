"""openapi-spec-validator's errors, each located at the node it is about.

The library checks a schema's `default`, a schema against its dialect and a few other rules in
keyword validators that report no location (`#: 1 is not of type 'string'`, from a default hundreds
of lines down). Its validator classes take their keyword validators from a table, so each is
wrapped here to add where its node sits. A path that runs through a `$ref` is followed to the node
the reference names; an error among alternatives (`oneOf` of a schema and a reference) is narrowed
to the deepest alternative that failed, and an unexpected key to that key.

Imported only when the library runs: it imports openapi-spec-validator.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from jsonschema.exceptions import ValidationError
from jsonschema_path import SchemaPath
from openapi_spec_validator.validation.keywords import KeywordValidator, ValueValidator

from .loader import PathParts

_LOCATED = "_clientgen_located"
_UNEXPECTED = frozenset({"additionalProperties", "unevaluatedProperties"})


def _locating(cls: type[KeywordValidator]) -> type[KeywordValidator]:
    """`cls`, with each error it yields placed under the node it validates (the first
    SchemaPath it is called with; a value validator checks the `default` there)."""
    suffix: PathParts = ("default",) if issubclass(cls, ValueValidator) else ()

    def __call__(self: Any, *args: Any, **kwargs: Any) -> Iterator[ValidationError]:
        node = next((a for a in args if isinstance(a, SchemaPath)), None)
        for error in cls.__call__(self, *args, **kwargs):
            if node is not None and not getattr(error, _LOCATED, False):
                error.path.extendleft(reversed(tuple(node.parts) + suffix))
                setattr(error, _LOCATED, True)
            yield error

    return type(cls.__name__, (cls,), {"__call__": __call__})


@lru_cache(maxsize=4)
def located(base: type[Any]) -> type[Any]:
    """The validator class `base` (one of openapi-spec-validator's), with its errors located."""
    table = {keyword: _locating(cls) for keyword, cls in base.keyword_validators.items()}
    return type(base.__name__, (base,), {"keyword_validators": table})


def _step(node: Any, part: str | int) -> tuple[Any, str | int] | None:
    """The child of `node` at `part` and its key (a list index as an int), or None."""
    if isinstance(node, dict) and part in node:
        return node[part], part
    if isinstance(node, list) and str(part).isdigit() and int(part) < len(node):
        return node[int(part)], int(part)
    return None


def _target(data: Any, ref: str) -> tuple[Any, PathParts] | None:
    node, parts = data, ()
    for token in ref[1:].split("/")[1:]:
        step = _step(node, token.replace("~1", "/").replace("~0", "~"))
        if step is None:
            return None
        node, parts = step[0], parts + (step[1],)
    return node, parts


def document_parts(data: Any, parts: PathParts) -> PathParts:
    """Where the node at `parts` is written: a step into a `$ref` continues at its target. Where
    the path leads nowhere, the deepest node it reaches."""
    node, found = data, ()
    for part in parts:
        for _ in range(8):  # a chain of references, bounded: a cycle cannot hang
            ref = node.get("$ref") if isinstance(node, dict) and part not in node else None
            target = _target(data, ref) if isinstance(ref, str) and ref.startswith("#") else None
            if target is None:
                break
            node, found = target
        step = _step(node, part)
        if step is None:
            return found
        node, found = step[0], found + (step[1],)
    return found


def _is_reference_branch(error: ValidationError) -> bool:
    """The failed `Reference` alternative of a `oneOf`: true of almost anything, telling nothing."""
    return error.validator == "required" and list(error.validator_value or []) == ["$ref"]


def most_specific(error: ValidationError) -> ValidationError:
    """The deepest error among the alternatives `error` failed on, the Reference one last."""
    while error.context:
        best = max(error.context, key=lambda e: (len(e.absolute_path), not _is_reference_branch(e)))
        if len(best.absolute_path) < len(error.absolute_path):
            break
        error = best
    return error


def unexpected_key(error: ValidationError) -> str | None:
    """The first key of the object that an `additionalProperties` or `unevaluatedProperties`
    error names as unexpected."""
    if error.validator not in _UNEXPECTED or not isinstance(error.instance, dict):
        return None
    schema = error.schema if isinstance(error.schema, dict) else {}
    known = schema.get("properties") or {}
    patterns = list(schema.get("patternProperties") or {})
    named = error.message.rpartition("(")[2]  # "('a', 'b' were unexpected)", when it says
    for key in error.instance:
        unknown = isinstance(key, str) and key not in known and not any(re.search(p, key) for p in patterns)
        if unknown and (error.validator == "additionalProperties" or repr(key) in named):
            return key
    return None
