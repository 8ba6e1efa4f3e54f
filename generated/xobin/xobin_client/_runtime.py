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
import re
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import IO, Any, Generic, ParamSpec, TypeVar, cast
from urllib.parse import quote

import httpx
from pydantic import BaseModel, ValidationError

from ._base import RESPONSE_CONTEXT
from ._checks import (
    ParamKind,
    check_api_key,
    check_base_url,
    check_count,
    check_header,
    check_headers,
    check_timeout,
    fits,
    merge_headers,
    param_problem,
    printable,
    refuse_non_finite,
    to_text,
)
from ._exceptions import (
    APIConnectionError,
    APIResponseTooLargeError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    status_error_class,
)

ModelT = TypeVar("ModelT", bound=BaseModel)
ParsedT = TypeVar("ParsedT")
Params = ParamSpec("Params")

__version__ = "1.0.8"
USER_AGENT = "xobin-client/1.0.8 (python; httpx)"
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=10.0)
DEFAULT_MAX_RETRIES = 2
DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024
MAX_RETRY_AFTER = 60.0
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
# Encodings whose bodies the size limit can bound while they are decoded (see `_read`).
ACCEPT_ENCODING = "gzip, deflate"
# How far past its deadline the reads of a body may wait before their timeout is cut to fit.
READ_SLACK = 0.01

logger = logging.getLogger("xobin_client")


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
    """`value` as an instance of `model`, validated where it is plain data (a mapping, a list); a
    validation error shows no value that failed (see `_base`)."""
    if isinstance(value, model):
        return value
    return model.model_validate(value)


def check_param(name: str, value: object, kind: ParamKind, nullable: bool = False) -> None:
    """Refuse a path, query or header parameter its schema does not allow, naming it; None passes
    where `nullable` (the spec lets it be null, or leaving it out is allowed)."""
    if (
        isinstance(value, NotGiven)
        or (value is None and nullable)
        or (value is not None and fits(value, kind))
    ):
        return
    raise ValueError(param_problem(name, value, kind))


def encode_path_segment(value: object) -> str:
    """Percent-encode one path parameter; `/` included, so a value can never change the path."""
    text = to_text(value)
    if text in ("", ".", ".."):
        raise ValueError(f"a path parameter cannot be {text!r}")
    return quote(text, safe="")


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
    refuse_non_finite(data)
    fields = []
    for name, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, (dict, list)):
                fields.append((name, json.dumps(item, separators=(",", ":")), True))
            elif item is not None:  # a form has no null: the field is left out
                fields.append((name, to_text(item), False))
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


_NEEDS_ESCAPE = re.compile(r"[^A-Za-z0-9_.~-]")
_ESCAPED = {chr(byte): f"%{byte:02X}" for byte in range(256)} | {" ": "+"}


def _escape(match: re.Match[str]) -> str:
    return _ESCAPED[match.group()]


def form_encode(pairs: Sequence[tuple[str, str]]) -> str:
    """`urllib.parse.urlencode(pairs)` (httpx's encoding of a query, but in the pairs' order), at
    about twice its speed: only the characters that need it are replaced, where urllib's quoting
    visits every byte in Python."""
    return "&".join(
        _NEEDS_ESCAPE.sub(_escape, key if key.isascii() else key.encode().decode("latin-1"))
        + "="
        + _NEEDS_ESCAPE.sub(_escape, value if value.isascii() else value.encode().decode("latin-1"))
        for key, value in pairs
    )


def encode_query(params: Sequence[tuple[str, object, str, bool]]) -> list[tuple[str, str]]:
    """Query pairs for (name, value, style, explode) parameters, following OpenAPI styles."""
    pairs: list[tuple[str, str]] = []
    for name, value, style, explode in params:
        if value is None or isinstance(value, NotGiven):
            continue
        if isinstance(value, Mapping):
            items = [(str(k), to_text(v, name)) for k, v in value.items() if v is not None]
            if style == "deepObject":
                pairs += [(f"{name}[{k}]", v) for k, v in items]
            elif explode:
                pairs += items
            else:
                pairs.append((name, ",".join(part for item in items for part in item)))
        elif isinstance(value, (list, tuple)):
            texts = [to_text(v, name) for v in value]
            if explode:
                pairs += [(name, text) for text in texts]
            else:
                separator = {"spaceDelimited": " ", "pipeDelimited": "|"}.get(style, ",")
                pairs.append((name, separator.join(texts)))
        else:
            pairs.append((name, to_text(value, name)))
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
    """Log each warning the API returned in `result.<attribute>` at WARNING, as it asks; control
    characters in the API's text are escaped, so a warning cannot forge log records."""
    for warning in getattr(result, attribute, None) or ():
        message = getattr(warning, "message", None)
        if message is None and isinstance(warning, Mapping):
            message = warning.get("message")
        logger.warning(
            "%s %s: API warning: %s",
            request.method,
            request.url.path,
            printable(str(message if message is not None else warning)),
        )


class Credentials:
    """Authentication headers, kept out of every repr, log line and exception message."""

    def __init__(self, headers: Mapping[str, str], secrets: Sequence[str]) -> None:
        self._headers = {name: check_header(name, value) for name, value in headers.items()}
        self._secrets = tuple(secret for secret in secrets if secret)

    @classmethod
    def header(cls, name: str, prefix: str, key: object) -> Credentials:
        """An API key sent in header `name` after `prefix` (such as `Bearer `)."""
        checked = check_api_key(key)
        return cls({name: prefix + checked}, [checked])

    @classmethod
    def basic(cls, username: object, password: object) -> Credentials:
        """HTTP basic auth."""
        user = check_api_key(username)
        secret = check_api_key(password, "the password") if password != "" else ""
        token = base64.b64encode(f"{user}:{secret}".encode()).decode("ascii")
        return cls({"Authorization": f"Basic {token}"}, [user, secret, token])

    def apply(self, headers: dict[str, str]) -> None:
        headers.update(self._headers)

    @property
    def header_names(self) -> frozenset[str]:
        return frozenset(name.lower() for name in self._headers)

    def redact(self, text: str) -> str:
        """`text` with every credential replaced by `<redacted>` (an API may echo one back)."""
        for secret in self._secrets:
            text = text.replace(secret, "<redacted>")
        return text

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


@lru_cache(maxsize=32)
def _operation_timeout(seconds: float) -> httpx.Timeout:
    return httpx.Timeout(seconds, connect=10.0)


def _whole_call(timeouts: Mapping[str, float | None]) -> float | None:
    """Seconds the whole call may take: the longest of httpx's per-phase timeouts (None, when
    any phase may wait for ever)."""
    phases = tuple(timeouts.values())
    if not phases or None in phases:
        return None
    return max(cast("tuple[float, ...]", phases))


def _api_detail(data: object) -> str:
    """The API's own error code and message in a JSON error body, as `CODE: message`."""
    if not isinstance(data, Mapping):
        return ""
    nested = data.get("error")
    detail: Mapping[str, object] = nested if isinstance(nested, Mapping) else data
    code = next(
        (detail[k] for k in ("code", "error_code") if isinstance(detail.get(k), (str, int))), None
    )
    messages = [detail.get(k) for k in ("message", "detail", "error_description", "title", "error")]
    message = next((m for m in [*messages, data.get("message")] if isinstance(m, str) and m), None)
    return ": ".join(str(part) for part in (code, message) if part not in (None, ""))


class BaseAPI:
    """What sync and async clients share: everything but the sending itself."""

    def __init__(
        self,
        *,
        base_url: object,
        credentials: Credentials | None,
        client_headers: Mapping[str, tuple[str, object]],
        default_headers: object,
        timeout: object,
        max_retries: object,
        max_response_bytes: object,
    ) -> None:
        self.base_url = check_base_url(base_url)
        self.credentials = credentials
        # Headers every operation sends, by argument name: (header name, value or None).
        self.client_headers: dict[str, str | None] = {}
        for name, (header, value) in client_headers.items():
            if value is not None and not isinstance(value, str):
                raise TypeError(f"{name} must be a string")
            self.client_headers[name] = None if value is None else check_header(header, value)
        defaults = check_headers(default_headers, "default_headers")
        taken = credentials.header_names if credentials else frozenset()
        for name in defaults:
            if name.lower() in taken:
                raise ValueError(
                    f"default_headers cannot set {name!r}: the client sends its credentials "
                    "there; pass the key as api_key="
                )
        # What every request starts from (default headers replace ours by name, whatever the
        # case): built once. Names a call may set again are kept to merge by name, case aside.
        self._common_headers = merge_headers(
            {"User-Agent": USER_AGENT, "Accept": "application/json"},
            defaults,
        )
        self._has_default_headers = bool(defaults)
        # One Timeout object, built once: httpx would build it again on every request.
        self.timeout = check_timeout(timeout)
        self.max_retries = check_count(max_retries, "max_retries", 0)
        self.max_response_bytes = check_count(max_response_bytes, "max_response_bytes", 1)

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
        """The request, every header checked and sent once (names compared case-insensitively):
        default headers < the call's own (parameters, Content-Type, credentials) < extra_headers."""
        call_headers: dict[str, str] = {}
        for name, value in (headers or {}).items():
            if value is not None and not isinstance(value, NotGiven):
                call_headers[name] = check_header(name, value)
        parts = None
        form_type = content_type.split(";")[0].strip().lower()
        if form_type == "multipart/form-data":
            parts = _multipart(body, files)  # httpx writes the Content-Type, with its boundary
        elif form_type == "application/x-www-form-urlencoded" and body is not None:
            form = [(name, text) for name, text, _ in _form_fields(body)]
            content = form_encode(form).encode("ascii")
        elif body is not None:
            # Straight to bytes: model_dump_json would decode them into a str first.
            content = body.__pydantic_serializer__.to_json(body, by_alias=True, exclude_unset=True)
            if b"NaN" in content or b"Infinity" in content:  # maybe a free-form value's; see _base
                refuse_non_finite(json.loads(content))
        if content is not None:
            call_headers["Content-Type"] = content_type
        if authenticated and self.credentials is not None:
            self.credentials.apply(call_headers)
        if self._has_default_headers:
            merged = merge_headers(self._common_headers, call_headers)
        else:
            merged = {**self._common_headers, **call_headers}
        if extra_headers:
            merged = merge_headers(merged, check_headers(extra_headers, "extra_headers"))
        if not isinstance(timeout, NotGiven):
            chosen = check_timeout(timeout)
        elif operation_timeout is not None:
            chosen = _operation_timeout(operation_timeout)
        else:
            chosen = self.timeout
        url = self.base_url + path
        pairs = encode_query(query)
        if pairs:
            # The query joins the URL as text: merging `params=` into a parsed URL would make
            # httpx parse it a second time.
            url += "?" + form_encode(pairs)
        return http.build_request(
            method, url, headers=merged, content=content, files=parts or None, timeout=chosen
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
    def retry_wait(
        attempt: int, response: httpx.Response | None, deadline: float | None
    ) -> float | None:
        """Seconds to wait before the next attempt; None when the wait would end past the deadline
        (the call then ends with what the last attempt got)."""
        delay = retry_delay(attempt, response)
        if deadline is not None and time.monotonic() + delay >= deadline:
            return None
        return delay

    @staticmethod
    def clip_timeouts(
        request: httpx.Request, timeouts: Mapping[str, float | None], deadline: float
    ) -> None:
        """Let no single wait of the next attempt outlast the call's deadline."""
        left = deadline - time.monotonic()
        request.extensions["timeout"] = {
            phase: left if value is None or value > left else value
            for phase, value in timeouts.items()
        }

    def clip_read(self, response: httpx.Response, deadline: float) -> None:
        """Before a body is read: its reads may not outlast the deadline (httpx's connection reads
        the read timeout when the body starts). Within 10 ms of it, they are left alone."""
        request = response.request
        left = deadline - time.monotonic()
        if left <= 0:
            raise self.timed_out(request)
        current = request.extensions.get("timeout") or {}
        read = current.get("read")
        if read is None or read > left + READ_SLACK:
            request.extensions["timeout"] = {**current, "read": left}

    @staticmethod
    def timed_out(request: httpx.Request) -> APITimeoutError:
        return APITimeoutError(
            f"{request.method} {request.url.path} did not complete within its timeout",
            request=request,
        )

    @staticmethod
    def closed(request: httpx.Request) -> APIConnectionError:
        return APIConnectionError(
            f"{request.method} {request.url.path} stopped: the client was closed", request=request
        )

    @staticmethod
    def transport_failure(request: httpx.Request, exc: httpx.TransportError) -> APIConnectionError:
        if isinstance(exc, httpx.TimeoutException):
            return APITimeoutError(
                f"{request.method} {request.url.path} timed out ({type(exc).__name__})",
                request=request,
            )
        return APIConnectionError(
            f"{request.method} {request.url.path} failed: {type(exc).__name__}", request=request
        )

    def too_large(self, response: httpx.Response) -> APIResponseTooLargeError:
        request = response.request
        return APIResponseTooLargeError(
            f"{request.method} {request.url.path} answered {response.status_code} with a body over "
            f"the {self.max_response_bytes:,}-byte limit (max_response_bytes)",
            response=response,
            limit=self.max_response_bytes,
        )

    @staticmethod
    def undecodable(response: httpx.Response) -> APIResponseValidationError:
        request = response.request
        encoding = printable(response.headers.get("content-encoding", ""), 40)
        return APIResponseValidationError(
            f"{request.method} {request.url.path} answered {response.status_code} with a body "
            f"that does not decode as its Content-Encoding ({encoding}) says",
            response=response,
        )

    @staticmethod
    def parse(response: httpx.Response, model: type[ModelT]) -> ModelT:
        try:
            # Lenient: fields the spec does not know (yet) are kept in `model_extra`.
            return model.model_validate_json(
                response.content, context=RESPONSE_CONTEXT, extra="allow"
            )
        except ValidationError as exc:
            request = response.request
            raise APIResponseValidationError(
                f"{request.method} {request.url.path} answered {response.status_code} with "
                + _mismatch(response, model.__name__, exc),
                response=response,
            ) from None

    def status_error(
        self, response: httpx.Response, error_models: Mapping[str, type[BaseModel]]
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
                error = model.model_validate_json(
                    response.content, context=RESPONSE_CONTEXT, extra="allow"
                )
            except ValidationError:
                error = None
        message = f"{response.request.method} {response.request.url.path} failed with HTTP {status}"
        try:
            detail = _api_detail(json.loads(response.content))
        except (ValueError, RecursionError):  # not JSON: say what it was instead
            detail = ""
        if detail:
            redacted = self.credentials.redact(detail) if self.credentials else detail
            message += ": " + printable(redacted, 300)
        elif 300 <= status < 400:
            message += " (a redirect: the client does not follow redirects)"
        elif response.content and "json" not in response.headers.get("content-type", ""):
            message += f" ({_content_type(response)} body)"
        return status_error_class(status)(message, response=response, error=error)


def _content_type(response: httpx.Response) -> str:
    return printable(response.headers.get("content-type", ""), 80) or "no content type"


def _mismatch(response: httpx.Response, model: str, exc: ValidationError) -> str:
    first = exc.errors(include_input=False, include_url=False)[0]
    if first["type"] == "json_invalid":
        if not response.content:
            return "an empty body, not the JSON of " + model
        return f"a body that is not JSON ({_content_type(response)}), not the JSON of {model}"
    where = ".".join(str(part) for part in first["loc"]) or "the top level"
    return f"a body that does not match {model}: {exc.error_count()} error(s), first at {where}"


# Headers that carry a credential under any API; the client's own auth header is added to these.
SECRET_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "cookie", "x-api-key", "api-key"}
)


def redacted_headers(headers: httpx.Headers, secret: frozenset[str]) -> dict[str, str]:
    """`headers` for a log line: every credential replaced by `<redacted>`."""
    return {
        name: "<redacted>" if name.lower() in secret else value for name, value in headers.items()
    }


class _SyncSlices(httpx.SyncByteStream):
    """A response stream cut into pieces of at most `size` bytes: no piece of a compressed body
    can then decode to much more than the size limit (deflate expands 1,032 times at most)."""

    def __init__(self, stream: httpx.SyncByteStream, size: int) -> None:
        self._stream = stream
        self._size = size

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._stream:
            for start in range(0, len(chunk), self._size):
                yield chunk[start : start + self._size]

    def close(self) -> None:
        self._stream.close()


class SyncAPI(BaseAPI):
    """Sends requests synchronously, retrying where the operation is safe to repeat."""

    def __init__(self, *, http_client: object, **options: Any) -> None:
        if http_client is not None and not isinstance(http_client, httpx.Client):
            raise TypeError("http_client must be an httpx.Client")
        super().__init__(**options)
        self._owns_http = http_client is None
        self.http = (
            http_client
            if http_client is not None
            else httpx.Client(follow_redirects=False, headers={"Accept-Encoding": ACCEPT_ENCODING})
        )
        if self.http.headers.get("accept-encoding") != ACCEPT_ENCODING:
            # Your own client asks for other encodings: each request asks for these (unless
            # default_headers say otherwise), which the size limit can bound while decoding.
            self._common_headers = merge_headers(
                {"Accept-Encoding": ACCEPT_ENCODING}, self._common_headers
            )

    def close(self) -> None:
        if self._owns_http:
            self.http.close()

    def _sleep(self, seconds: float) -> None:
        time.sleep(seconds)

    def send(
        self,
        request: httpx.Request,
        *,
        retry_safe: bool,
        error_models: Mapping[str, type[BaseModel]],
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> httpx.Response:
        """Send `request`; return a 2xx response with its body read, or raise the matching
        exception. The request's timeout bounds the whole call: every attempt, every byte of the
        answer and the waits between attempts. Redirects are never followed, whatever the
        `http_client` says, so no credential travels to another origin."""
        retries = (
            self.max_retries
            if isinstance(max_retries, NotGiven)
            else check_count(max_retries, "max_retries", 0)
        )
        timeouts = request.extensions.get("timeout") or {}
        whole_call = _whole_call(timeouts)
        deadline = None if whole_call is None else time.monotonic() + whole_call
        attempt = 0
        while True:
            if self.http.is_closed:
                raise self.closed(request)
            if attempt and deadline is not None:
                self.clip_timeouts(request, timeouts, deadline)
            started = time.monotonic()
            response: httpx.Response | None = None
            delay: float | None = None
            try:
                response = self.http.send(request, stream=True, follow_redirects=False)
                self.log_response(request, response, started)
                if not response.is_success and self.should_retry(
                    attempt, retries, retry_safe, response.status_code
                ):
                    delay = self.retry_wait(attempt, response, deadline)
                if delay is None:
                    self._read(response, deadline)
            except httpx.TransportError as exc:
                if response is None:
                    self.log_response(request, None, started)
                else:
                    response.close()
                if self.http.is_closed:
                    raise self.closed(request) from None
                if not isinstance(
                    exc, (httpx.LocalProtocolError, httpx.UnsupportedProtocol)
                ) and self.should_retry(attempt, retries, retry_safe, None):
                    delay = self.retry_wait(attempt, None, deadline)
                if delay is None:
                    raise self.transport_failure(request, exc) from None
                reason = type(exc).__name__
            except RuntimeError:
                if self.http.is_closed:  # httpx refuses to send on a closed client
                    raise self.closed(request) from None
                raise
            else:
                if delay is None:
                    if response.is_success:
                        _capture(response)
                        return response
                    raise self.status_error(response, error_models)
                response.close()
                reason = f"HTTP {response.status_code}"
            logger.info(
                "%s %s: %s; retry %d in %.2f s",
                request.method,
                request.url.path,
                reason,
                attempt + 1,
                delay,
            )
            self._sleep(delay)
            attempt += 1

    def _read(self, response: httpx.Response, deadline: float | None) -> None:
        """Read the body, decoded, into `response`: at most max_response_bytes of it, and not past
        the deadline. Nothing is copied but by the final join, as httpx's own read does."""
        limit = self.max_response_bytes
        if response.is_stream_consumed:  # a transport that handed over a body it already held
            if len(response.content) > limit:
                raise self.too_large(response)
            return
        chunks: list[bytes] = []
        size = 0
        try:
            if deadline is not None:
                self.clip_read(response, deadline)
            stream = response.stream
            if "content-encoding" in response.headers and isinstance(stream, httpx.SyncByteStream):
                response.stream = _SyncSlices(stream, max(1024, limit // 1024))
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise self.too_large(response)
                if deadline is not None and time.monotonic() > deadline:
                    raise self.timed_out(response.request)
                chunks.append(chunk)
        except BaseException as exc:
            response.close()
            if isinstance(exc, httpx.DecodingError):
                raise self.undecodable(response) from None
            raise
        response._content = b"".join(chunks)


class _AsyncSlices(httpx.AsyncByteStream):
    """A response stream cut into pieces of at most `size` bytes: no piece of a compressed body
    can then decode to much more than the size limit (deflate expands 1,032 times at most)."""

    def __init__(self, stream: httpx.AsyncByteStream, size: int) -> None:
        self._stream = stream
        self._size = size

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:
            for start in range(0, len(chunk), self._size):
                yield chunk[start : start + self._size]

    async def aclose(self) -> None:
        await self._stream.aclose()


class AsyncAPI(BaseAPI):
    """Sends requests asynchronously, retrying where the operation is safe to repeat."""

    def __init__(self, *, http_client: object, **options: Any) -> None:
        if http_client is not None and not isinstance(http_client, httpx.AsyncClient):
            raise TypeError("http_client must be an httpx.AsyncClient")
        super().__init__(**options)
        self._owns_http = http_client is None
        self.http = (
            http_client
            if http_client is not None
            else httpx.AsyncClient(
                follow_redirects=False, headers={"Accept-Encoding": ACCEPT_ENCODING}
            )
        )
        if self.http.headers.get("accept-encoding") != ACCEPT_ENCODING:
            # Your own client asks for other encodings: each request asks for these (unless
            # default_headers say otherwise), which the size limit can bound while decoding.
            self._common_headers = merge_headers(
                {"Accept-Encoding": ACCEPT_ENCODING}, self._common_headers
            )

    async def close(self) -> None:
        if self._owns_http:
            await self.http.aclose()

    async def _sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)

    async def send(
        self,
        request: httpx.Request,
        *,
        retry_safe: bool,
        error_models: Mapping[str, type[BaseModel]],
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> httpx.Response:
        """Send `request`; return a 2xx response with its body read, or raise the matching
        exception. The request's timeout bounds the whole call: every attempt, every byte of the
        answer and the waits between attempts. Redirects are never followed, whatever the
        `http_client` says, so no credential travels to another origin."""
        retries = (
            self.max_retries
            if isinstance(max_retries, NotGiven)
            else check_count(max_retries, "max_retries", 0)
        )
        timeouts = request.extensions.get("timeout") or {}
        whole_call = _whole_call(timeouts)
        deadline = None if whole_call is None else time.monotonic() + whole_call
        attempt = 0
        while True:
            if self.http.is_closed:
                raise self.closed(request)
            if attempt and deadline is not None:
                self.clip_timeouts(request, timeouts, deadline)
            started = time.monotonic()
            response: httpx.Response | None = None
            delay: float | None = None
            try:
                response = await self.http.send(request, stream=True, follow_redirects=False)
                self.log_response(request, response, started)
                if not response.is_success and self.should_retry(
                    attempt, retries, retry_safe, response.status_code
                ):
                    delay = self.retry_wait(attempt, response, deadline)
                if delay is None:
                    await self._read(response, deadline)
            except httpx.TransportError as exc:
                if response is None:
                    self.log_response(request, None, started)
                else:
                    await response.aclose()
                if self.http.is_closed:
                    raise self.closed(request) from None
                if not isinstance(
                    exc, (httpx.LocalProtocolError, httpx.UnsupportedProtocol)
                ) and self.should_retry(attempt, retries, retry_safe, None):
                    delay = self.retry_wait(attempt, None, deadline)
                if delay is None:
                    raise self.transport_failure(request, exc) from None
                reason = type(exc).__name__
            except RuntimeError:
                if self.http.is_closed:  # httpx refuses to send on a closed client
                    raise self.closed(request) from None
                raise
            else:
                if delay is None:
                    if response.is_success:
                        _capture(response)
                        return response
                    raise self.status_error(response, error_models)
                await response.aclose()
                reason = f"HTTP {response.status_code}"
            logger.info(
                "%s %s: %s; retry %d in %.2f s",
                request.method,
                request.url.path,
                reason,
                attempt + 1,
                delay,
            )
            await self._sleep(delay)
            attempt += 1

    async def _read(self, response: httpx.Response, deadline: float | None) -> None:
        """Read the body, decoded, into `response`: at most max_response_bytes of it, and not past
        the deadline. Nothing is copied but by the final join, as httpx's own read does."""
        limit = self.max_response_bytes
        if response.is_stream_consumed:  # a transport that handed over a body it already held
            if len(response.content) > limit:
                raise self.too_large(response)
            return
        chunks: list[bytes] = []
        size = 0
        try:
            if deadline is not None:
                self.clip_read(response, deadline)
            stream = response.stream
            if "content-encoding" in response.headers and isinstance(stream, httpx.AsyncByteStream):
                response.stream = _AsyncSlices(stream, max(1024, limit // 1024))
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > limit:
                    raise self.too_large(response)
                if deadline is not None and time.monotonic() > deadline:
                    raise self.timed_out(response.request)
                chunks.append(chunk)
        except BaseException as exc:
            await response.aclose()
            if isinstance(exc, httpx.DecodingError):
                raise self.undecodable(response) from None
            raise
        response._content = b"".join(chunks)
