"""Checks on what callers pass, made before anything is sent: client options, credentials, headers
and parameters; and validation errors stripped of the values that failed.

Every message names the option, header or parameter at fault and never echoes its value: values
may be credentials or candidates' personal data.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

import httpx
from pydantic import ValidationError
from pydantic_core import ErrorDetails, InitErrorDetails, PydanticCustomError, PydanticKnownError

_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
"""An HTTP header name (RFC 9110 `token`)."""

ParamKind = Any
"""What a parameter accepts: `str`, `int`, `float`, `bool`, `dict`, a tuple of allowed strings,
`[kind]` for a list of `kind`, or None for anything."""

_DESCRIPTIONS: dict[Any, str] = {
    str: "a string",
    int: "an integer",
    float: "a finite number",
    bool: "True or False",
    dict: "a mapping",
}


def to_text(value: object, name: str = "a parameter") -> str:
    """A parameter value as it goes on the wire: booleans as `true` and `false`. NaN and infinity
    are refused, naming `name`: no API reads `nan` or `inf` as a number."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{name}: NaN or infinity cannot be sent")
    return str(value)


def check_header(name: str, value: object) -> str:
    """`value` as a header's text; a value a header cannot carry is refused, naming the header."""
    text = to_text(value)
    if not (text.isascii() and text.isprintable()) or text != text.strip():
        raise ValueError(
            f"header {name!r} holds a line break, a control or non-ASCII character, or whitespace "
            "at either end, which an HTTP header cannot carry"
        )
    return text


def check_headers(headers: object, option: str) -> dict[str, str]:
    """Headers a caller passes (`default_headers=`, `extra_headers=`), names and values checked."""
    if headers is None:
        return {}
    if not isinstance(headers, Mapping):
        raise TypeError(f"{option} must be a mapping of header names to strings")
    checked: dict[str, str] = {}
    for name, value in headers.items():
        if not isinstance(name, str) or not _TOKEN.fullmatch(name):
            raise ValueError(f"{option}: {name!r} is not a valid HTTP header name")
        if not isinstance(value, str):
            raise TypeError(f"{option}: the value of header {name!r} must be a string")
        checked[name] = check_header(name, value)
    return checked


def merge_headers(base: Mapping[str, str], update: Mapping[str, str]) -> dict[str, str]:
    """`base` updated with `update`, header names compared case-insensitively: one header each."""
    replaced = {name.lower() for name in update}
    merged = {name: value for name, value in base.items() if name.lower() not in replaced}
    merged.update(update)
    return merged


def check_api_key(key: object, what: str = "the API key") -> str:
    """A credential as given, refused (without echoing it) where no header could carry it."""
    if not isinstance(key, str):
        raise TypeError(f"{what} must be a string")
    if not (key.isascii() and key.isprintable()) or key != key.strip():
        raise ValueError(
            f"{what} holds whitespace at either end, a line break, or a control or non-ASCII "
            "character; check how it was copied"
        )
    return key


def check_base_url(url: object) -> str:
    """An http(s) URL with a host and without credentials in it; no trailing slash."""
    if not isinstance(url, str):
        raise TypeError("base_url must be a string")
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL:
        raise ValueError("base_url is not a valid URL") from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise ValueError("base_url must be an http:// or https:// URL with a host")
    if parsed.userinfo:
        # Not echoed: the URL holds a password. In a URL it would reach reprs and log lines.
        raise ValueError("base_url must not contain credentials (user:password@); pass api_key=")
    return url.rstrip("/")


def check_timeout(timeout: object, option: str = "timeout") -> httpx.Timeout:
    """A timeout option as an `httpx.Timeout`: seconds (positive), an `httpx.Timeout` or None."""
    if isinstance(timeout, httpx.Timeout):
        return timeout
    if timeout is None:
        return httpx.Timeout(None)
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise TypeError(f"{option} must be a number of seconds, an httpx.Timeout or None")
    if not (math.isfinite(timeout) and timeout > 0):
        raise ValueError(f"{option} must be a positive, finite number of seconds (None: no limit)")
    return httpx.Timeout(timeout)


def check_count(value: object, option: str, minimum: int) -> int:
    """An integer option of at least `minimum` (booleans are refused)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{option} must be an integer")
    if value < minimum:
        raise ValueError(f"{option} must be at least {minimum}")
    return value


def fits(value: object, kind: ParamKind) -> bool:
    """Whether a parameter's `value` is of `kind`: strings are not numbers, nor booleans integers."""
    if kind is None:
        return True
    if kind is str:
        return isinstance(value, str)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind is float:
        return (
            isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
        )
    if kind is bool:
        return isinstance(value, bool)
    if kind is dict:
        return isinstance(value, Mapping)
    if isinstance(kind, tuple):
        return isinstance(value, str) and value in kind
    return isinstance(value, (list, tuple)) and all(fits(item, kind[0]) for item in value)


def _non_finite_at(data: object) -> tuple[str | int, ...] | None:
    """Where in JSON-like `data` (dicts, lists) the first NaN or infinity is, or None. A loop,
    not recursion: a deep free-form value cannot exhaust the stack."""
    stack: list[tuple[object, tuple[str | int, ...]]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, float) and not math.isfinite(value):
            return path
        if isinstance(value, dict):
            stack += [(item, (*path, key)) for key, item in reversed(value.items())]
        elif isinstance(value, list):
            stack += [(value[index], (*path, index)) for index in reversed(range(len(value)))]
    return None


def refuse_non_finite(data: object) -> None:
    """Refuse a body holding NaN or infinity (in a free-form object, where no schema checks the
    type), naming where: JSON has no such numbers, and they must not go out as null."""
    where = _non_finite_at(data)
    if where is not None:
        place = ".".join(str(part) for part in where) or "the body"
        raise ValueError(f"{place}: JSON has no NaN or infinity; send a finite number or None")


def _describe(kind: ParamKind) -> str:
    if isinstance(kind, tuple):
        return "one of " + ", ".join(repr(choice) for choice in kind)
    if isinstance(kind, list):
        return "a list of " + _describe(kind[0]).removeprefix("a ").removeprefix("an ") + "s"
    return _DESCRIPTIONS.get(kind, "a value")


def param_problem(name: str, value: object, kind: ParamKind) -> str:
    """Why `value` does not fit parameter `name`, without echoing it."""
    if value is None:
        return f"{name} cannot be None"
    if isinstance(kind, tuple):
        return f"{name} must be {_describe(kind)}"
    return f"{name} must be {_describe(kind)}, not {type(value).__name__}"


# Error context that comes from the schema, never from the value that failed: safe to show.
_SCHEMA_CONTEXT = frozenset(
    {
        "actual_length",
        "class",
        "class_name",
        "decimal_places",
        "discriminator",
        "encoding",
        "error",
        "expected",
        "expected_plural",
        "expected_schemes",
        "expected_tags",
        "expected_version",
        "field_type",
        "ge",
        "gt",
        "le",
        "lt",
        "max_digits",
        "max_length",
        "method_name",
        "min_length",
        "multiple_of",
        "pattern",
        "tz_expected",
        "whole_digits",
    }
)


def _without_input(error: ErrorDetails) -> InitErrorDetails:
    """`error` rebuilt without the value that failed: no `input`, and `<hidden>` for the context
    that came from it (its message is written again from the rest)."""
    context = error.get("ctx") or {}
    leaks = not set(context) <= _SCHEMA_CONTEXT
    if leaks:
        context = {
            key: value if key in _SCHEMA_CONTEXT else "<hidden>" for key, value in context.items()
        }
    try:
        PydanticKnownError(error["type"], context or None)  # type: ignore[arg-type]
    except (KeyError, TypeError, ValueError):  # a custom error type: no template to rebuild from
        message = "the value is not valid here" if leaks else error["msg"]
        return {
            "type": PydanticCustomError(error["type"], message),
            "loc": error["loc"],
            "input": None,
        }
    rebuilt: InitErrorDetails = {"type": error["type"], "loc": error["loc"], "input": None}
    if context:
        rebuilt["ctx"] = context
    return rebuilt


def without_inputs(exc: ValidationError) -> ValidationError:
    """`exc` with no failing value anywhere: not in its messages, whatever the error type
    (`hide_input_in_errors` leaves some there, such as a discriminated union's tag), nor in
    `errors()`, whose `input` is None. Types, locations and the schema's context stay."""
    errors = exc.errors(include_url=False)
    return ValidationError.from_exception_data(
        exc.title, [_without_input(error) for error in errors], hide_input=True
    )


_ESCAPES = {code: f"\\x{code:02x}" for code in (*range(0x20), 0x7F)}


def printable(text: str, limit: int = 500) -> str:
    """Server-supplied `text` made safe for one log line or message: control characters and other
    unprintable ones escaped (a newline cannot forge a log record), at most `limit` characters."""
    if not text.isprintable():
        text = "".join(
            char if char.isprintable() else _ESCAPES.get(ord(char)) or f"\\u{ord(char):04x}"
            for char in text
        )
    return text if len(text) <= limit else text[: limit - 3] + "..."
