"""The base of every model in `params_client.models`.

Strict where you send, lenient where the API answers. A model refuses what its schema does not
allow: a key it does not declare (unless the schema allows more with `additionalProperties`), NaN
and infinity, an enum value it does not know. The client parses responses with `extra="allow"`
and the response context instead, so an answer may carry fields and enum values newer than the
spec: unknown fields are kept (`model.model_extra`), an unknown enum value as a plain string.
Validation errors never echo input values: they may be candidates' personal data. Whatever the
error type, a model's own entry points (`Model(...)`, `model_validate`, `model_validate_json`,
`model_validate_strings`) and the client raise pydantic's `ValidationError` rebuilt without them:
`input` is None in `errors()`, and context taken from the value (a discriminated union's tag)
shows as `<hidden>`. A model validated through pydantic's own machinery instead (a `TypeAdapter`,
a field of your own pydantic model) raises pydantic's error as it is, which hides inputs from its
text but for such a tag, and keeps them in `errors()`.
"""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from typing import Any

import pydantic
from pydantic import (
    ConfigDict,
    PlainSerializer,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    WrapValidator,
)

from ._checks import without_inputs

if sys.version_info >= (3, 11):
    from typing import Self
else:
    from typing_extensions import Self

RESPONSE_CONTEXT: dict[str, Any] = {"response": True}
"""Validation context under which responses are parsed."""


def _in_response(info: ValidationInfo) -> bool:
    return info.context is not None and info.context.get("response") is True


class BaseModel(pydantic.BaseModel):
    # NaN and infinity serialize as the bare words, which no JSON parser takes, rather than as null:
    # the client then finds one that reached a body (in a free-form object) and refuses it.
    model_config = ConfigDict(
        extra="forbid", hide_input_in_errors=True, allow_inf_nan=False, ser_json_inf_nan="constants"
    )

    def __init__(self, /, **data: Any) -> None:
        try:
            super().__init__(**data)
        except pydantic.ValidationError as exc:
            raise without_inputs(exc) from None

    # Tells pydantic this `__init__` validates as its own does: nested models keep being built
    # without a call to it, so only the outermost model pays for the rewrite, and only on error.
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    @classmethod
    def model_validate(cls, *args: Any, **kwargs: Any) -> Self:
        try:
            return super().model_validate(*args, **kwargs)
        except pydantic.ValidationError as exc:
            raise without_inputs(exc) from None

    @classmethod
    def model_validate_json(cls, *args: Any, **kwargs: Any) -> Self:
        try:
            return super().model_validate_json(*args, **kwargs)
        except pydantic.ValidationError as exc:
            raise without_inputs(exc) from None

    @classmethod
    def model_validate_strings(cls, *args: Any, **kwargs: Any) -> Self:
        try:
            return super().model_validate_strings(*args, **kwargs)
        except pydantic.ValidationError as exc:
            raise without_inputs(exc) from None


def is_none(value: object) -> bool:
    """`exclude_if` of an optional field the spec does not let be null: pydantic types an absent
    value as None, and the field is left out of what the model serializes while it holds None."""
    return value is None


def _open_in_responses(
    value: Any, handler: ValidatorFunctionWrapHandler, info: ValidationInfo
) -> Any:
    try:
        return handler(value)
    except pydantic.ValidationError:
        if isinstance(value, str) and _in_response(info):
            return value
        raise


OpenEnum = WrapValidator(_open_in_responses)
"""Marks an enum field whose unknown values are kept when they arrive in a response."""


def _aware_in_requests(
    value: Any, handler: ValidatorFunctionWrapHandler, info: ValidationInfo
) -> Any:
    parsed = handler(value)
    if isinstance(parsed, datetime) and parsed.tzinfo is None and not _in_response(info):
        raise ValueError("a date-time needs a time zone, e.g. datetime(..., tzinfo=timezone.utc)")
    return parsed


def _as_utc(value: datetime) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc)
    return value.isoformat().replace("+00:00", "Z")


TimeZoneRequired = WrapValidator(_aware_in_requests)
"""Marks a date-time field: a value you send must say its time zone."""

SentAsUtc = PlainSerializer(_as_utc, when_used="json")
"""Marks a date-time field: it goes on the wire in UTC, as `2026-01-02T03:04:05Z`."""
