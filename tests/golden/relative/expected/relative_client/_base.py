"""The base of every model in `relative_client.models`.

Strict where you send, lenient where the API answers. A model refuses what its schema does not
allow: a key it does not declare (unless the schema allows more with `additionalProperties`), NaN
and infinity, an enum value it does not know. The client parses responses with `extra="allow"`
and the response context instead, so an answer may carry fields and enum values newer than the
spec: unknown fields are kept (`model.model_extra`), an unknown enum value as a plain string.
Validation errors never echo input values: they may be candidates' personal data. The client
rebuilds the errors of the bodies it validates without them, whatever the error type; a model you
build yourself raises pydantic's own error, which hides values too, but for the tag of a
discriminated union that matched no variant.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, ClassVar

import pydantic
from pydantic import (
    ConfigDict,
    PlainSerializer,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    model_serializer,
)

RESPONSE_CONTEXT: dict[str, Any] = {"response": True}
"""Validation context under which responses are parsed."""


def _in_response(info: ValidationInfo) -> bool:
    return info.context is not None and info.context.get("response") is True


class BaseModel(pydantic.BaseModel):
    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True, allow_inf_nan=False)


class NullOmittingModel(BaseModel):
    """The base of a model with optional fields that the spec does not let be null: they are left
    out of what it serializes while they hold None. Only such models derive from it, so no other
    model pays for the serializer."""

    _omit_none_: ClassVar[frozenset[str]] = frozenset()
    """Wire names of optional fields the spec does not let be null: left out while None."""

    @model_serializer(mode="wrap")
    def _leave_out_disallowed_nulls(
        self, handler: SerializerFunctionWrapHandler, info: SerializationInfo
    ) -> Any:
        data = handler(self)
        if self._omit_none_ and isinstance(data, dict):
            for name, field in type(self).model_fields.items():
                wire = field.alias or name
                key = wire if info.by_alias else name
                if wire in self._omit_none_ and data.get(key, 0) is None:
                    del data[key]
        return data


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
