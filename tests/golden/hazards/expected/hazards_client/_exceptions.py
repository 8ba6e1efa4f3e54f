"""Exceptions raised by hazards_client.

Every exception derives from `HazardsError`::

    HazardsError
    ├── APIConnectionError            no HTTP answer: the network failed, or the client was closed
    │   └── APITimeoutError           ... because the call's timeout ran out
    ├── APIResponseValidationError    a 2xx answer that is not JSON or does not match its model
    ├── APIResponseTooLargeError      an answer longer than the client's `max_response_bytes`
    └── APIStatusError                any non-2xx answer: .status_code, .headers, .body, .error
        ├── BadRequestError           400
        ├── AuthenticationError       401
        ├── PermissionDeniedError     403
        ├── NotFoundError             404
        ├── ConflictError             409
        ├── UnprocessableEntityError  422
        ├── RateLimitError            429
        └── InternalServerError       5xx

The message of an `APIStatusError` carries the API's own error code and message where its body
has them. Messages never contain credentials or request bodies.
"""

from __future__ import annotations

from typing import Any

import httpx

from . import models

__all__ = [
    "APIConnectionError",
    "APIResponseTooLargeError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "HazardsError",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "UnprocessableEntityError",
]


class HazardsError(Exception):
    """The base of every exception this package raises."""


class APIConnectionError(HazardsError):
    """The request could not be sent, no response arrived, or the client was closed meanwhile."""

    def __init__(self, message: str, *, request: httpx.Request) -> None:
        super().__init__(message)
        self.request = request


class APITimeoutError(APIConnectionError):
    """The call did not complete within its timeout (retries and their waits included)."""


class APIResponseValidationError(HazardsError):
    """A successful response whose body is not JSON or does not match the model the spec declares."""

    def __init__(self, message: str, *, response: httpx.Response) -> None:
        super().__init__(message)
        self.response = response
        self.status_code = response.status_code


class APIResponseTooLargeError(HazardsError):
    """A response body (decoded) longer than the client's `max_response_bytes`; it was not kept.

    `limit` is that limit in bytes; `response` has the status and headers, but no body.
    """

    def __init__(self, message: str, *, response: httpx.Response, limit: int) -> None:
        super().__init__(message)
        self.response = response
        self.status_code = response.status_code
        self.limit = limit


class APIStatusError(HazardsError):
    """The API answered with a non-2xx status.

    `body` is the raw response body. `error` is that body parsed into the error model the spec
    declares for the status (each subclass below types it with the models its statuses may
    carry); it is None where the spec declares no model, and where the body does not match the
    model (not JSON, or a required field missing): `body` then still holds what the API sent.
    """

    error: models.APIError | models.APITimeoutErrorModel | models.NotFoundErrorModel | None

    def __init__(self, message: str, *, response: httpx.Response, error: Any = None) -> None:
        super().__init__(message)
        self.response = response
        self.status_code = response.status_code
        self.headers = response.headers
        self.body = response.content
        self.error = error


class BadRequestError(APIStatusError):
    """400 Bad Request."""

    error: models.APIError | None


class AuthenticationError(APIStatusError):
    """401 Unauthorized."""

    error: models.APIError | None


class PermissionDeniedError(APIStatusError):
    """403 Forbidden."""

    error: models.APIError | None


class NotFoundError(APIStatusError):
    """404 Not Found."""

    error: models.NotFoundErrorModel | None


class ConflictError(APIStatusError):
    """409 Conflict."""

    error: models.APIError | None


class UnprocessableEntityError(APIStatusError):
    """422 Unprocessable Entity."""

    error: models.APIError | None


class RateLimitError(APIStatusError):
    """429 Too Many Requests."""

    error: models.APIError | None


class InternalServerError(APIStatusError):
    """A 5xx server error."""

    error: models.APIError | None


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error_class(status_code: int) -> type[APIStatusError]:
    """The exception class for an HTTP status."""
    if status_code >= 500:
        return InternalServerError
    return _BY_STATUS.get(status_code, APIStatusError)
