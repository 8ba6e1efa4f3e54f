"""The StackOne clients and their resources."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from functools import cached_property
from typing import Any

import httpx

from ._runtime import (
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    NOT_GIVEN,
    AsyncAPI,
    Credentials,
    NotGiven,
    SyncAPI,
    Timeout,
    check_param,
    encode_path_segment,
    to_async_raw_response,
    to_raw_response,
)
from .models import (
    AssessmentOrderResult,
    BadGatewayResponse,
    BadRequestResponse,
    ConflictResponse,
    ForbiddenResponse,
    InternalServerErrorResponse,
    NotFoundResponse,
    NotImplementedResponse,
    PreconditionFailedResponse,
    RequestTimedOutResponse,
    TooManyRequestsResponse,
    UnauthorizedResponse,
    UnprocessableEntityResponse,
)

if sys.version_info >= (3, 11):
    from typing import Self
else:
    from typing_extensions import Self

SERVERS: dict[str, str] = {
    "default": "https://api.stackone.com",
}
"""Base URLs by region name, from the spec's servers."""


class AtsResource:
    """StackOne unified ATS resources (vendor tags `Assessments` and `Orders`)."""

    def __init__(self, api: SyncAPI) -> None:
        self._api = api

    @cached_property
    def with_raw_response(self) -> AtsResourceWithRawResponse:
        """These methods returning an `APIResponse`: status, headers and `httpx.Response` with the result."""
        return AtsResourceWithRawResponse(self)

    def get_assessments_request(
        self,
        id: str,
        *,
        raw: bool | None | NotGiven = NOT_GIVEN,
        proxy: dict[str, Any] | None | NotGiven = NOT_GIVEN,
        fields: str | None | NotGiven = NOT_GIVEN,
        account_id: str | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> AssessmentOrderResult:
        """Get Assessments Requests

        Fetches one assessment order (the request an ATS sent to an assessment provider) by its
        StackOne ID, together with the package, application, job, candidate and requesting user
        it refers to. Removed from StackOne's public spec in mid-2025: it was last present in
        the 2025-06-17 spec and the official SDK dropped it on 2025-06-28, so it may stop
        working at any time. The vendor SDK retries 429 and 408 with exponential backoff
        (initial 500 ms, at most 60 s between tries, factor 1.5, give up after one hour). Vendor
        operationId: ats_get_assessments_request.

        Deprecated: the API marks this operation as deprecated.

        `GET /unified/ats/assessments/orders/{id}`

        Args:
            id: StackOne ID of the assessment order.
            raw: When true, the response also includes the raw requests StackOne made to the provider and
                what came back. Treated as false when omitted.
            proxy: Extra query parameters forwarded unchanged to the provider's API, sent nested under the
                `proxy` key (for example `proxy[page_size]=50`).
            fields: Comma-separated list of fields to include in the response; all fields are returned when
                it is empty or absent.
            account_id: Identifier of the linked account the request is made for. Defaults to the client's value.
        """
        check_param("id", id, str)
        check_param("raw", raw, bool, nullable=True)
        check_param("proxy", proxy, dict, nullable=True)
        check_param("fields", fields, str, nullable=True)
        check_param("account_id", account_id, str, nullable=True)
        request = self._api.build_request(
            self._api.http,
            "GET",
            "/unified/ats/assessments/orders/" + encode_path_segment(id),
            query=[
                ("raw", raw, "form", True),
                ("proxy", proxy, "deepObject", True),
                ("fields", fields, "form", True),
            ],
            headers={
                "x-account-id": self._api.client_header(
                    "account_id", account_id, "STACKONE_ACCOUNT_ID"
                ),
            },
            timeout=timeout,
            extra_headers=extra_headers,
        )
        response = self._api.send(
            request,
            retry_safe=True,
            error_models={
                "400": BadRequestResponse,
                "401": UnauthorizedResponse,
                "403": ForbiddenResponse,
                "404": NotFoundResponse,
                "408": RequestTimedOutResponse,
                "409": ConflictResponse,
                "412": PreconditionFailedResponse,
                "422": UnprocessableEntityResponse,
                "429": TooManyRequestsResponse,
                "500": InternalServerErrorResponse,
                "501": NotImplementedResponse,
                "502": BadGatewayResponse,
            },
            max_retries=max_retries,
        )
        return self._api.parse(response, AssessmentOrderResult)


class AtsResourceWithRawResponse:
    """The methods of `AtsResource`, each returning an `APIResponse` around its result."""

    def __init__(self, resource: AtsResource) -> None:
        self.get_assessments_request = to_raw_response(resource.get_assessments_request)


class StackOneClient:
    """Synchronous client for StackOne ATS Assessment Orders API.

    Hand-curated subset of StackOne's unified ATS API: reading a single assessment order.
    Based on StackOne's published OpenAPI document of 2025-06-17, the last one that contains
    this endpoint; StackOne removed it from its public spec and SDKs at the end of June
    2025. Nullability is expressed the OpenAPI 3.1 way (null in the type list) instead of
    the 3.0 keyword the vendor document uses. StackOne allows 1000 requests per minute per
    API key; a 429 carries `Retry-After` in seconds. Provider rate limits are retried by
    StackOne for up to 60 seconds and then surface as a 408 with `Retry-After`. Sending a
    real `User-Agent` avoids spurious 403s.

    Args:
        api_key: the API key; read from `STACKONE_API_KEY` when not given.
        password: the password sent with the API key as username (usually empty).
        account_id: Identifier of the linked account the request is made for. Read from
            `STACKONE_ACCOUNT_ID` when not given; each call can override it.
        region: which server to use: `default` (default).
        base_url: a base URL that overrides the region's (http or https, no `user:password@`).
        timeout: the default timeout of every call, in seconds or as an `httpx.Timeout`: it
            bounds the whole call, retries and their waits included (an `httpx.Timeout` by its
            longest phase); None for no limit.
        max_retries: how often a call that is safe to repeat is retried on a connection error,
            408, 429 or 5xx.
        max_response_bytes: the longest response body (decoded) a call accepts; a longer one
            raises `APIResponseTooLargeError`.
        default_headers: headers sent with every request; they cannot set the credential header.
        http_client: your own `httpx.Client` (proxies, mTLS, event hooks);
            it is left open on `close()`, and never follows redirects for this client.

    Raises:
        ValueError, TypeError: an option, key or header that could not work, named (never its
            value), before anything is sent.
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        password: str = "",
        account_id: str | None = None,
        region: str = "default",
        base_url: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.Client | None = None,
    ) -> None:
        if api_key is None:
            api_key = os.environ.get("STACKONE_API_KEY")
        if not api_key:
            raise ValueError("an API key is required: pass api_key= or set STACKONE_API_KEY")
        credentials = Credentials.basic(api_key, password)
        if region not in SERVERS:
            raise ValueError(f"unknown region {region!r}; choose one of {', '.join(SERVERS)}")
        if base_url is None:
            base_url = SERVERS[region]
        self._api = SyncAPI(
            base_url=base_url,
            credentials=credentials,
            client_headers={
                "account_id": (
                    "x-account-id",
                    account_id if account_id is not None else os.environ.get("STACKONE_ACCOUNT_ID"),
                ),
            },
            default_headers=default_headers,
            timeout=timeout,
            max_retries=max_retries,
            max_response_bytes=max_response_bytes,
            http_client=http_client,
        )
        self.ats = AtsResource(self._api)

    @property
    def base_url(self) -> str:
        return self._api.base_url

    def close(self) -> None:
        """Close the connection pool, unless it belongs to an `http_client` you passed in."""
        self._api.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self._api.base_url!r})"


class AsyncAtsResource:
    """StackOne unified ATS resources (vendor tags `Assessments` and `Orders`)."""

    def __init__(self, api: AsyncAPI) -> None:
        self._api = api

    @cached_property
    def with_raw_response(self) -> AsyncAtsResourceWithRawResponse:
        """These methods returning an `APIResponse`: status, headers and `httpx.Response` with the result."""
        return AsyncAtsResourceWithRawResponse(self)

    async def get_assessments_request(
        self,
        id: str,
        *,
        raw: bool | None | NotGiven = NOT_GIVEN,
        proxy: dict[str, Any] | None | NotGiven = NOT_GIVEN,
        fields: str | None | NotGiven = NOT_GIVEN,
        account_id: str | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> AssessmentOrderResult:
        """Get Assessments Requests

        Fetches one assessment order (the request an ATS sent to an assessment provider) by its
        StackOne ID, together with the package, application, job, candidate and requesting user
        it refers to. Removed from StackOne's public spec in mid-2025: it was last present in
        the 2025-06-17 spec and the official SDK dropped it on 2025-06-28, so it may stop
        working at any time. The vendor SDK retries 429 and 408 with exponential backoff
        (initial 500 ms, at most 60 s between tries, factor 1.5, give up after one hour). Vendor
        operationId: ats_get_assessments_request.

        Deprecated: the API marks this operation as deprecated.

        `GET /unified/ats/assessments/orders/{id}`

        Args:
            id: StackOne ID of the assessment order.
            raw: When true, the response also includes the raw requests StackOne made to the provider and
                what came back. Treated as false when omitted.
            proxy: Extra query parameters forwarded unchanged to the provider's API, sent nested under the
                `proxy` key (for example `proxy[page_size]=50`).
            fields: Comma-separated list of fields to include in the response; all fields are returned when
                it is empty or absent.
            account_id: Identifier of the linked account the request is made for. Defaults to the client's value.
        """
        check_param("id", id, str)
        check_param("raw", raw, bool, nullable=True)
        check_param("proxy", proxy, dict, nullable=True)
        check_param("fields", fields, str, nullable=True)
        check_param("account_id", account_id, str, nullable=True)
        request = self._api.build_request(
            self._api.http,
            "GET",
            "/unified/ats/assessments/orders/" + encode_path_segment(id),
            query=[
                ("raw", raw, "form", True),
                ("proxy", proxy, "deepObject", True),
                ("fields", fields, "form", True),
            ],
            headers={
                "x-account-id": self._api.client_header(
                    "account_id", account_id, "STACKONE_ACCOUNT_ID"
                ),
            },
            timeout=timeout,
            extra_headers=extra_headers,
        )
        response = await self._api.send(
            request,
            retry_safe=True,
            error_models={
                "400": BadRequestResponse,
                "401": UnauthorizedResponse,
                "403": ForbiddenResponse,
                "404": NotFoundResponse,
                "408": RequestTimedOutResponse,
                "409": ConflictResponse,
                "412": PreconditionFailedResponse,
                "422": UnprocessableEntityResponse,
                "429": TooManyRequestsResponse,
                "500": InternalServerErrorResponse,
                "501": NotImplementedResponse,
                "502": BadGatewayResponse,
            },
            max_retries=max_retries,
        )
        return self._api.parse(response, AssessmentOrderResult)


class AsyncAtsResourceWithRawResponse:
    """The methods of `AsyncAtsResource`, each returning an `APIResponse` around its result."""

    def __init__(self, resource: AsyncAtsResource) -> None:
        self.get_assessments_request = to_async_raw_response(resource.get_assessments_request)


class AsyncStackOneClient:
    """Asynchronous client for StackOne ATS Assessment Orders API.

    Hand-curated subset of StackOne's unified ATS API: reading a single assessment order.
    Based on StackOne's published OpenAPI document of 2025-06-17, the last one that contains
    this endpoint; StackOne removed it from its public spec and SDKs at the end of June
    2025. Nullability is expressed the OpenAPI 3.1 way (null in the type list) instead of
    the 3.0 keyword the vendor document uses. StackOne allows 1000 requests per minute per
    API key; a 429 carries `Retry-After` in seconds. Provider rate limits are retried by
    StackOne for up to 60 seconds and then surface as a 408 with `Retry-After`. Sending a
    real `User-Agent` avoids spurious 403s.

    Args:
        api_key: the API key; read from `STACKONE_API_KEY` when not given.
        password: the password sent with the API key as username (usually empty).
        account_id: Identifier of the linked account the request is made for. Read from
            `STACKONE_ACCOUNT_ID` when not given; each call can override it.
        region: which server to use: `default` (default).
        base_url: a base URL that overrides the region's (http or https, no `user:password@`).
        timeout: the default timeout of every call, in seconds or as an `httpx.Timeout`: it
            bounds the whole call, retries and their waits included (an `httpx.Timeout` by its
            longest phase); None for no limit.
        max_retries: how often a call that is safe to repeat is retried on a connection error,
            408, 429 or 5xx.
        max_response_bytes: the longest response body (decoded) a call accepts; a longer one
            raises `APIResponseTooLargeError`.
        default_headers: headers sent with every request; they cannot set the credential header.
        http_client: your own `httpx.AsyncClient` (proxies, mTLS, event hooks);
            it is left open on `close()`, and never follows redirects for this client.

    Raises:
        ValueError, TypeError: an option, key or header that could not work, named (never its
            value), before anything is sent.
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        password: str = "",
        account_id: str | None = None,
        region: str = "default",
        base_url: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        if api_key is None:
            api_key = os.environ.get("STACKONE_API_KEY")
        if not api_key:
            raise ValueError("an API key is required: pass api_key= or set STACKONE_API_KEY")
        credentials = Credentials.basic(api_key, password)
        if region not in SERVERS:
            raise ValueError(f"unknown region {region!r}; choose one of {', '.join(SERVERS)}")
        if base_url is None:
            base_url = SERVERS[region]
        self._api = AsyncAPI(
            base_url=base_url,
            credentials=credentials,
            client_headers={
                "account_id": (
                    "x-account-id",
                    account_id if account_id is not None else os.environ.get("STACKONE_ACCOUNT_ID"),
                ),
            },
            default_headers=default_headers,
            timeout=timeout,
            max_retries=max_retries,
            max_response_bytes=max_response_bytes,
            http_client=http_client,
        )
        self.ats = AsyncAtsResource(self._api)

    @property
    def base_url(self) -> str:
        return self._api.base_url

    async def close(self) -> None:
        """Close the connection pool, unless it belongs to an `http_client` you passed in."""
        await self._api.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self._api.base_url!r})"
