"""The base of every model in `kombo_client.models`.

Strict where you send, lenient where the API answers: a request with a value the spec does not allow
fails before it is sent, while a response may carry fields and enum values newer than the spec.
Unknown fields are kept (`model.model_extra`); an unknown enum value is kept as a plain string.
Validation errors never echo input values: they may be candidates' personal data.
"""

from __future__ import annotations

from typing import Any

import pydantic
from pydantic import ConfigDict, ValidationInfo, ValidatorFunctionWrapHandler, WrapValidator

RESPONSE_CONTEXT: dict[str, Any] = {"response": True}
"""Validation context under which responses are parsed."""


class BaseModel(pydantic.BaseModel):
    model_config = ConfigDict(extra="allow", hide_input_in_errors=True)


def _open_in_responses(
    value: Any, handler: ValidatorFunctionWrapHandler, info: ValidationInfo
) -> Any:
    try:
        return handler(value)
    except pydantic.ValidationError:
        if isinstance(value, str) and info.context is not None and info.context.get("response"):
            return value
        raise


OpenEnum = WrapValidator(_open_in_responses)
"""Marks an enum field whose unknown values are kept when they arrive in a response."""
