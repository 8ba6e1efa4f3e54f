"""Each schema of a document checked against its dialect by jsonschema-rs before jsonschema.

openapi-spec-validator checks every schema that is not part of another (a component, a parameter's,
a body's) against its dialect's metaschema with jsonschema: 2.0 s of the validator's 2.4 s on
Kombo's full spec, 640 schemas. jsonschema-rs answers whether a schema matches in a fraction of
that. A schema it finds matching is not checked again; one it does not, one of a dialect checked
some other way, or any schema when jsonschema-rs is missing, is checked by the library as before,
so every problem reported is still the library's (tests/unit/reading check that the two agree).

Imported only when the library runs: it imports openapi-spec-validator.
"""

from __future__ import annotations

from functools import lru_cache, partial
from typing import Any

from openapi_schema_validator._specifications import REGISTRY
from openapi_schema_validator.validators import check_openapi_schema
from openapi_spec_validator.validation.keywords import SchemaValidator


def _format_names(node: Any, found: set[str]) -> set[str]:
    """The formats a metaschema asserts somewhere (`uri-reference` for `$ref`, `regex` for
    `pattern`), each of which jsonschema-rs must check as jsonschema's format checker does."""
    if isinstance(node, dict):
        if isinstance(node.get("format"), str):
            found.add(node["format"])
        for value in node.values():
            _format_names(value, found)
    elif isinstance(node, list):
        for value in node:
            _format_names(value, found)
    return found


def _conforms(format_checker: Any, name: str, value: str) -> bool:
    return bool(format_checker.conforms(value, name))


@lru_cache(maxsize=8)
def _metaschema_check(validator_class: Any, format_checker: Any) -> Any:
    """jsonschema-rs's validator for what `check_openapi_schema(validator_class, ...,
    format_checker)` checks: the class's metaschema, every resource of the registry jsonschema
    resolves it in, and each format asserted there judged by `format_checker` itself (one it does
    not know passes, as in jsonschema). Nothing is fetched."""
    import jsonschema_rs

    resources = [(uri, REGISTRY.contents(uri)) for uri in REGISTRY]
    formats: set[str] = set()
    for _, contents in resources:
        _format_names(contents, formats)
    return jsonschema_rs.validator_for(
        validator_class.META_SCHEMA,
        formats={name: partial(_conforms, format_checker, name) for name in sorted(formats)},
        validate_formats=True,
        registry=jsonschema_rs.Registry(resources),
        offline=True,
    )


def _fast_check(checker: Any) -> Any | None:
    """jsonschema-rs's equivalent of the library's `checker`, where that is
    `check_openapi_schema` for some validator class and format checker; otherwise None."""
    function: Any = checker
    format_checker = None
    if isinstance(checker, partial) and not checker.args and set(checker.keywords) == {"format_checker"}:
        function, format_checker = checker.func, checker.keywords["format_checker"]
    if getattr(function, "__func__", None) is not check_openapi_schema:
        return None  # a bound `check_openapi_schema(validator_class, schema, format_checker)`
    validator_class = function.__self__
    if format_checker is None:
        format_checker = validator_class.FORMAT_CHECKER
    return _metaschema_check(validator_class, format_checker)


def _matches(keyword_validator: Any, schema: Any, schema_value: Any) -> bool:
    """Whether jsonschema-rs finds `schema_value` matching the dialect the library would check it
    against; False where it cannot tell."""
    try:
        fast = _fast_check(keyword_validator._get_schema_checker(schema, schema_value))
        return fast is not None and bool(fast.is_valid(schema_value))
    except Exception:  # noqa: BLE001 - missing, or cannot read this schema: the library can
        return False


def checking_first(base: type[SchemaValidator]) -> type[SchemaValidator]:
    """`base` (the library's schema keyword validator), asking jsonschema-rs first whether a
    schema matches its dialect."""

    def _validate_schema_meta(self: Any, schema: Any, schema_value: Any) -> Any:
        if _matches(self, schema, schema_value):
            return None
        return base._validate_schema_meta(self, schema, schema_value)

    return type(base.__name__, (base,), {"_validate_schema_meta": _validate_schema_meta})
