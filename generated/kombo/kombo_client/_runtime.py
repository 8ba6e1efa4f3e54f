"""HTTP plumbing shared by every resource: request building, auth, retries and error mapping."""

from __future__ import annotations

import asyncio
import base64
import contextvars
import email.utils
import json
import logging
import math
import random
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import IO, Any, Generic, ParamSpec, TypeVar
from urllib.parse import quote

import httpx
from pydantic import BaseModel, ValidationError

from ._base import RESPONSE_CONTEXT
from ._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    status_error_class,
)

ModelT = TypeVar("ModelT", bound=BaseModel)
ParsedT = TypeVar("ParsedT")
Params = ParamSpec("Params")

__version__ = "1.0.2"
USER_AGENT = "kombo-client/1.0.2 (python; httpx)"
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=10.0)
DEFAULT_MAX_RETRIES = 2
MAX_RETRY_AFTER = 60.0
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})

logger = logging.getLogger("kombo_client")


class NotGiven:
    """The type of NOT_GIVEN: marks an argument the caller left out, as distinct from None."""

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()

Timeout = float | httpx.Timeout | None


def omit_not_given(values: Mapping[str, Any]) -> dict[str, Any]:
    """`values` without the entries the caller did not pass."""
    return {key: value for key, value in values.items() if not isinstance(value, NotGiven)}


def as_model(model: type[ModelT], value: object) -> ModelT:
    """`value` as an instance of `model`, validated where it is plain data (a mapping, a list)."""
    return value if isinstance(value, model) else model.model_validate(value)


def encode_path_segment(value: object) -> str:
    """Percent-encode one path parameter; `/` included, so a value can never change the path."""
    text = _to_text(value)
    if text in ("", ".", ".."):
        raise ValueError(f"a path parameter cannot be {text!r}")
    return quote(text, safe="")


def _to_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _checked_header(name: str, value: object) -> str:
    text = _to_text(value)
    if "\r" in text or "\n" in text or "\0" in text:
        # The value is not echoed: it may be a credential.
        raise ValueError(f"header {name!r} contains a line break or NUL character")
    return text


FileContent = bytes | IO[bytes] | tuple[str, bytes | IO[bytes]] | tuple[str, bytes | IO[bytes], str]
"""A file part of a multipart body: its bytes, a binary file object, or (filename, content[, content type])."""


def _form_fields(body: BaseModel | None) -> list[tuple[str, str, bool]]:
    """A form body's fields as (name, text, is JSON): one per item of a list, JSON for an object."""
    if body is None:
        return []
    data = body.__pydantic_serializer__.to_python(
        body, mode="json", by_alias=True, exclude_unset=True
    )
    if not isinstance(data, dict):
        raise TypeError(f"a form body must be an object, not {type(data).__name__}")
    fields = []
    for name, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, (dict, list)):
                fields.append((name, json.dumps(item, separators=(",", ":")), True))
            elif item is not None:  # a form has no null: the field is left out
                fields.append((name, _to_text(item), False))
    return fields


def _multipart(
    body: BaseModel | None, files: Sequence[tuple[str, object]]
) -> list[tuple[str, Any]]:
    """httpx's `files=` for a multipart body: the fields as parts without a filename, then the files."""
    parts: list[tuple[str, Any]] = [
        (name, (None, text, "application/json") if is_json else (None, text))
        for name, text, is_json in _form_fields(body)
    ]
    for name, value in files:
        if value is not None and not isinstance(value, NotGiven):
            parts += [(name, item) for item in (value if isinstance(value, list) else [value])]
    return parts


def encode_query(
    params: Sequence[tuple[str, object, str, bool]],
) -> list[tuple[str, str | int | float | bool | None]]:
    """Query pairs for (name, value, style, explode) parameters, following OpenAPI styles."""
    pairs: list[tuple[str, str | int | float | bool | None]] = []
    for name, value, style, explode in params:
        if value is None or isinstance(value, NotGiven):
            continue
        if isinstance(value, Mapping):
            items = [(str(k), _to_text(v)) for k, v in value.items() if v is not None]
            if style == "deepObject":
                pairs += [(f"{name}[{k}]", v) for k, v in items]
            elif explode:
                pairs += items
            else:
                pairs.append((name, ",".join(part for item in items for part in item)))
        elif isinstance(value, (list, tuple)):
            texts = [_to_text(v) for v in value]
            if explode:
                pairs += [(name, text) for text in texts]
            else:
                separator = {"spaceDelimited": " ", "pipeDelimited": "|"}.get(style, ",")
                pairs.append((name, separator.join(texts)))
        else:
            pairs.append((name, _to_text(value)))
    return pairs


class APIResponse(Generic[ParsedT]):
    """A call's parsed result next to the HTTP response it came from (`with_raw_response`)."""

    def __init__(self, parsed: ParsedT, http_response: httpx.Response) -> None:
        self.parsed = parsed
        self.http_response = http_response

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    def __repr__(self) -> str:
        return f"<APIResponse [{self.status_code}] {type(self.parsed).__name__}>"


# Where `send` leaves the final response of a call made through `with_raw_response`; a context
# variable, so concurrent calls in threads or tasks never see each other's responses.
_raw_responses: contextvars.ContextVar[list[httpx.Response] | None] = contextvars.ContextVar(
    "raw_responses", default=None
)


def to_raw_response(method: Callable[Params, ParsedT]) -> Callable[Params, APIResponse[ParsedT]]:
    """`method` returning an `APIResponse` around its result."""

    def call(*args: Params.args, **kwargs: Params.kwargs) -> APIResponse[ParsedT]:
        captured: list[httpx.Response] = []
        token = _raw_responses.set(captured)
        try:
            parsed = method(*args, **kwargs)
        finally:
            _raw_responses.reset(token)
        return APIResponse(parsed, captured[-1])

    return call


def to_async_raw_response(
    method: Callable[Params, Awaitable[ParsedT]],
) -> Callable[Params, Awaitable[APIResponse[ParsedT]]]:
    """Async `method` returning an `APIResponse` around its result."""

    async def call(*args: Params.args, **kwargs: Params.kwargs) -> APIResponse[ParsedT]:
        captured: list[httpx.Response] = []
        token = _raw_responses.set(captured)
        try:
            parsed = await method(*args, **kwargs)
        finally:
            _raw_responses.reset(token)
        return APIResponse(parsed, captured[-1])

    return call


def _capture(response: httpx.Response) -> None:
    captured = _raw_responses.get()
    if captured is not None:
        captured.append(response)


def log_warnings(result: BaseModel, attribute: str, request: httpx.Request) -> None:
    """Log each warning the API returned in `result.<attribute>` at WARNING, as it asks."""
    for warning in getattr(result, attribute, None) or ():
        message = getattr(warning, "message", None)
        if message is None and isinstance(warning, Mapping):
            message = warning.get("message")
        logger.warning(
            "%s %s: API warning: %s",
            request.method,
            request.url.path,
            message if message is not None else warning,
        )


class Credentials:
    """Authentication headers, kept out of every repr, log line and exception message."""

    def __init__(self, headers: Mapping[str, str]) -> None:
        self._headers = {name: _checked_header(name, value) for name, value in headers.items()}

    @classmethod
    def basic(cls, username: str, password: str) -> Credentials:
        # Base64 would hide a line break from the header check; a key never holds one.
        _checked_header("Authorization", username + password)
        token = base64.b64encode(f"{username}:{password}".encode()).decode("ascii")
        return cls({"Authorization": f"Basic {token}"})

    def apply(self, headers: dict[str, str]) -> None:
        headers.update(self._headers)

    @property
    def header_names(self) -> frozenset[str]:
        return frozenset(name.lower() for name in self._headers)

    def __repr__(self) -> str:
        return "Credentials(<redacted>)"


def _retry_after(response: httpx.Response | None) -> float | None:
    value = response.headers.get("retry-after") if response is not None else None
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            seconds = email.utils.parsedate_to_datetime(value).timestamp() - time.time()
        except (TypeError, ValueError):  # neither seconds nor an HTTP date: ignore it
            return None
    if math.isnan(seconds):
        return None
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


def retry_delay(attempt: int, response: httpx.Response | None) -> float:
    """Seconds to wait before retry number `attempt` (0-based): Retry-After, else backoff."""
    after = _retry_after(response)
    if after is not None:
        return after
    return min(0.5 * 2.0**attempt, 8.0) * (1 - 0.25 * random.random())


class BaseAPI:
    """What sync and async clients share: everything but the sending itself."""

    def __init__(
        self,
        *,
        base_url: str,
        credentials: Credentials | None,
        client_headers: Mapping[str, str | None],
        default_headers: Mapping[str, str] | None,
        timeout: Timeout,
        max_retries: int,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.credentials = credentials
        self.client_headers = dict(client_headers)
        # What every request starts from (default headers may replace the first two): built once.
        self._common_headers = {
            "User-Agent": USER_AGENT,
            "Accept": "application/json",
            **{
                name: _checked_header(name, value)
                for name, value in (default_headers or {}).items()
            },
        }
        # One Timeout object, built once: httpx would build it again on every request.
        self.timeout = timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)
        self.max_retries = max_retries

    def client_header(self, name: str, override: str | None, env_var: str) -> str:
        value = override if override is not None else self.client_headers.get(name)
        if value is None:
            raise ValueError(
                f"{name} is required: pass it to the client or this call, or set {env_var}"
            )
        return value

    def build_request(
        self,
        http: httpx.Client | httpx.AsyncClient,
        method: str,
        path: str,
        *,
        query: Sequence[tuple[str, object, str, bool]] = (),
        headers: Mapping[str, object] | None = None,
        body: BaseModel | None = None,
        content: str | bytes | None = None,
        files: Sequence[tuple[str, object]] = (),
        content_type: str = "application/json",
        timeout: Timeout | NotGiven = NOT_GIVEN,
        operation_timeout: float | None = None,
        authenticated: bool = True,
        extra_headers: Mapping[str, str] | None = None,
    ) -> httpx.Request:
        merged = dict(self._common_headers)
        for name, value in (headers or {}).items():
            if value is not None and not isinstance(value, NotGiven):
                merged[name] = _checked_header(name, value)
        parts = None
        form_type = content_type.split(";")[0].strip().lower()
        if form_type == "multipart/form-data":
            parts = _multipart(body, files)  # httpx writes the Content-Type, with its boundary
        elif form_type == "application/x-www-form-urlencoded" and body is not None:
            form: list[tuple[str, str | int | float | bool | None]] = [
                (name, text) for name, text, _ in _form_fields(body)
            ]
            content = str(httpx.QueryParams(form)).encode("ascii")
        elif body is not None:
            # Straight to bytes: model_dump_json would decode them into a str first.
            content = body.__pydantic_serializer__.to_json(body, by_alias=True, exclude_unset=True)
        if content is not None:
            merged["Content-Type"] = content_type
        if authenticated and self.credentials is not None:
            self.credentials.apply(merged)
        for name, value in (extra_headers or {}).items():
            merged[name] = _checked_header(name, value)
        if not isinstance(timeout, NotGiven):
            chosen: Timeout = timeout
        elif operation_timeout is not None:
            chosen = httpx.Timeout(operation_timeout, connect=10.0)
        else:
            chosen = self.timeout
        url = self.base_url + path
        pairs = encode_query(query)
        if pairs:
            # The query joins the URL as text, encoded as httpx would: merging `params=` into a
            # parsed URL would make httpx parse it a second time.
            url += "?" + str(httpx.QueryParams(pairs))
        return http.build_request(
            method,
            url,
            headers=merged,
            content=content,
            files=parts or None,
            timeout=chosen,
        )

    def log_response(
        self, request: httpx.Request, response: httpx.Response | None, started: float
    ) -> None:
        """At DEBUG: method, URL without its query, status, time and redacted request headers."""
        if logger.isEnabledFor(logging.DEBUG):
            secret = SECRET_HEADERS | (
                self.credentials.header_names if self.credentials else frozenset()
            )
            logger.debug(
                "%s %s -> %s in %.1f ms; request headers %s",
                request.method,
                request.url.copy_with(query=None),
                response.status_code if response is not None else "no response",
                (time.monotonic() - started) * 1000,
                redacted_headers(request.headers, secret),
            )

    def should_retry(
        self, attempt: int, max_retries: int, retry_safe: bool, status: int | None
    ) -> bool:
        if not retry_safe or attempt >= max_retries:
            return False
        return status is None or status in RETRY_STATUSES

    @staticmethod
    def parse(response: httpx.Response, model: type[ModelT]) -> ModelT:
        try:
            return model.model_validate_json(response.content, context=RESPONSE_CONTEXT)
        except ValidationError as exc:
            raise APIResponseValidationError(
                f"{response.request.method} {response.request.url.path} answered "
                f"{response.status_code} with a body that does not match {model.__name__}: "
                f"{exc.error_count()} error(s), first at {_error_location(exc)}",
                response=response,
            ) from None

    @staticmethod
    def status_error(
        response: httpx.Response, error_models: Mapping[str, type[BaseModel]]
    ) -> APIStatusError:
        status = response.status_code
        model = (
            error_models.get(str(status))
            or error_models.get(f"{str(status)[0]}XX")
            or error_models.get("default")
        )
        error = None
        if model is not None:
            try:
                error = model.model_validate_json(response.content, context=RESPONSE_CONTEXT)
            except ValidationError:
                error = None
        message = f"{response.request.method} {response.request.url.path} failed with HTTP {status}"
        return status_error_class(status)(message, response=response, error=error)


def _error_location(exc: ValidationError) -> str:
    first = exc.errors(include_input=False)[0]
    return ".".join(str(part) for part in first["loc"]) or "the top level"


# Headers that carry a credential under any API; the client's own auth header is added to these.
SECRET_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "cookie", "x-api-key", "api-key"}
)


def redacted_headers(headers: httpx.Headers, secret: frozenset[str]) -> dict[str, str]:
    """`headers` for a log line: every credential replaced by `<redacted>`."""
    return {
        name: "<redacted>" if name.lower() in secret else value for name, value in headers.items()
    }


class SyncAPI(BaseAPI):
    """Sends requests synchronously, retrying where the operation is safe to repeat."""

    def __init__(self, *, http_client: httpx.Client | None, **options: Any) -> None:
        super().__init__(**options)
        self._owns_http = http_client is None
        self.http = http_client if http_client is not None else httpx.Client(follow_redirects=False)

    def close(self) -> None:
        if self._owns_http:
            self.http.close()

    def _sleep(self, seconds: float) -> None:
        time.sleep(seconds)

    def _wait_to_retry(
        self, request: httpx.Request, attempt: int, response: httpx.Response | None, reason: str
    ) -> None:
        delay = retry_delay(attempt, response)
        logger.info(
            "%s %s: %s; retry %d in %.2f s",
            request.method,
            request.url.path,
            reason,
            attempt + 1,
            delay,
        )
        self._sleep(delay)

    def send(
        self,
        request: httpx.Request,
        *,
        retry_safe: bool,
        error_models: Mapping[str, type[BaseModel]],
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> httpx.Response:
        """Send `request`; return a 2xx response or raise the matching exception."""
        retries = self.max_retries if isinstance(max_retries, NotGiven) else max_retries
        attempt = 0
        while True:
            started = time.monotonic()
            try:
                response = self.http.send(request)
            except httpx.TransportError as exc:
                self.log_response(request, None, started)
                timed_out = isinstance(exc, httpx.TimeoutException)
                if self.should_retry(attempt, retries, retry_safe, None):
                    self._wait_to_retry(request, attempt, None, type(exc).__name__)
                    attempt += 1
                    continue
                what = "timed out" if timed_out else f"failed: {type(exc).__name__}"
                error = APITimeoutError if timed_out else APIConnectionError
                raise error(
                    f"{request.method} {request.url.path} {what}", request=request
                ) from None
            self.log_response(request, response, started)
            if response.is_success:
                response.read()
                _capture(response)
                return response
            if self.should_retry(attempt, retries, retry_safe, response.status_code):
                response.close()
                self._wait_to_retry(request, attempt, response, f"HTTP {response.status_code}")
                attempt += 1
                continue
            response.read()
            raise self.status_error(response, error_models)


class AsyncAPI(BaseAPI):
    """Sends requests asynchronously, retrying where the operation is safe to repeat."""

    def __init__(self, *, http_client: httpx.AsyncClient | None, **options: Any) -> None:
        super().__init__(**options)
        self._owns_http = http_client is None
        self.http = (
            http_client if http_client is not None else httpx.AsyncClient(follow_redirects=False)
        )

    async def close(self) -> None:
        if self._owns_http:
            await self.http.aclose()

    async def _sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)

    async def _wait_to_retry(
        self, request: httpx.Request, attempt: int, response: httpx.Response | None, reason: str
    ) -> None:
        delay = retry_delay(attempt, response)
        logger.info(
            "%s %s: %s; retry %d in %.2f s",
            request.method,
            request.url.path,
            reason,
            attempt + 1,
            delay,
        )
        await self._sleep(delay)

    async def send(
        self,
        request: httpx.Request,
        *,
        retry_safe: bool,
        error_models: Mapping[str, type[BaseModel]],
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> httpx.Response:
        """Send `request`; return a 2xx response or raise the matching exception."""
        retries = self.max_retries if isinstance(max_retries, NotGiven) else max_retries
        attempt = 0
        while True:
            started = time.monotonic()
            try:
                response = await self.http.send(request)
            except httpx.TransportError as exc:
                self.log_response(request, None, started)
                timed_out = isinstance(exc, httpx.TimeoutException)
                if self.should_retry(attempt, retries, retry_safe, None):
                    await self._wait_to_retry(request, attempt, None, type(exc).__name__)
                    attempt += 1
                    continue
                what = "timed out" if timed_out else f"failed: {type(exc).__name__}"
                error = APITimeoutError if timed_out else APIConnectionError
                raise error(
                    f"{request.method} {request.url.path} {what}", request=request
                ) from None
            self.log_response(request, response, started)
            if response.is_success:
                await response.aread()
                _capture(response)
                return response
            if self.should_retry(attempt, retries, retry_safe, response.status_code):
                await response.aclose()
                await self._wait_to_retry(
                    request, attempt, response, f"HTTP {response.status_code}"
                )
                attempt += 1
                continue
            await response.aread()
            raise self.status_error(response, error_models)
