"""The Xobin clients and their resources."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from functools import cached_property

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
from .models import Error, Report

if sys.version_info >= (3, 11):
    from typing import Self
else:
    from typing_extensions import Self

SERVERS: dict[str, str] = {
    "default": "https://app.xobin.com/api/v2",
}
"""Base URLs by region name, from the spec's servers."""


class AssessmentsResource:
    """Candidate assessments and their reports."""

    def __init__(self, api: SyncAPI) -> None:
        self._api = api

    @cached_property
    def with_raw_response(self) -> AssessmentsResourceWithRawResponse:
        """These methods returning an `APIResponse`: status, headers and `httpx.Response` with the result."""
        return AssessmentsResourceWithRawResponse(self)

    def get_report(
        self,
        report_id: int,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Report:
        """Get a candidate's assessment report

        Returns the report for one candidate's assessment invitation. While the candidate has
        not finished, only the identifying fields and `invite_status` are present; once the
        assessment is completed the scores, sections, registration answers and a report link are
        added. Only `invite_status` tells the two shapes apart. `report_link` is signed and
        expires 7 days after completion; a fresh link can be created with `POST
        /assessments/reports/{report_id}/{share|download}` (note the plural `reports`). Vendor
        operationId: none (Xobin publishes no OpenAPI document; the docs page is "GET
        Candidate's Assessment Report").

        `GET /assessments/report/{report_id}`

        Args:
            report_id: Report ID of the candidate's invitation, as returned by `POST /assessments/invite`.
        """
        check_param("report_id", report_id, int)
        request = self._api.build_request(
            self._api.http,
            "GET",
            "/assessments/report/" + encode_path_segment(report_id),
            timeout=timeout,
            extra_headers=extra_headers,
        )
        response = self._api.send(
            request,
            retry_safe=True,
            error_models={
                "401": Error,
                "404": Error,
                "default": Error,
            },
            max_retries=max_retries,
        )
        return self._api.parse(response, Report)


class AssessmentsResourceWithRawResponse:
    """The methods of `AssessmentsResource`, each returning an `APIResponse` around its result."""

    def __init__(self, resource: AssessmentsResource) -> None:
        self.get_report = to_raw_response(resource.get_report)


class XobinClient:
    """Synchronous client for Xobin Assessment Reports API.

    Hand-curated description of Xobin's v2 endpoint for reading a candidate's assessment
    report. Xobin publishes no OpenAPI document; this spec is derived from its documentation
    pages, which give field types only as placeholders. API keys are issued by Xobin support
    and sent in the `apiKey` header (unlike the legacy v1 API, which carried the key in the
    URL path). Xobin documents a rate limit but its figures could not be confirmed, so no
    429 handling is described here.

    Args:
        api_key: the API key; read from `XOBIN_API_KEY` when not given.
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
        region: str = "default",
        base_url: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.Client | None = None,
    ) -> None:
        if api_key is None:
            api_key = os.environ.get("XOBIN_API_KEY")
        if not api_key:
            raise ValueError("an API key is required: pass api_key= or set XOBIN_API_KEY")
        credentials = Credentials.header("apiKey", "", api_key)
        if region not in SERVERS:
            raise ValueError(f"unknown region {region!r}; choose one of {', '.join(SERVERS)}")
        if base_url is None:
            base_url = SERVERS[region]
        self._api = SyncAPI(
            base_url=base_url,
            credentials=credentials,
            client_headers={},
            default_headers=default_headers,
            timeout=timeout,
            max_retries=max_retries,
            max_response_bytes=max_response_bytes,
            http_client=http_client,
        )
        self.assessments = AssessmentsResource(self._api)

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


class AsyncAssessmentsResource:
    """Candidate assessments and their reports."""

    def __init__(self, api: AsyncAPI) -> None:
        self._api = api

    @cached_property
    def with_raw_response(self) -> AsyncAssessmentsResourceWithRawResponse:
        """These methods returning an `APIResponse`: status, headers and `httpx.Response` with the result."""
        return AsyncAssessmentsResourceWithRawResponse(self)

    async def get_report(
        self,
        report_id: int,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Report:
        """Get a candidate's assessment report

        Returns the report for one candidate's assessment invitation. While the candidate has
        not finished, only the identifying fields and `invite_status` are present; once the
        assessment is completed the scores, sections, registration answers and a report link are
        added. Only `invite_status` tells the two shapes apart. `report_link` is signed and
        expires 7 days after completion; a fresh link can be created with `POST
        /assessments/reports/{report_id}/{share|download}` (note the plural `reports`). Vendor
        operationId: none (Xobin publishes no OpenAPI document; the docs page is "GET
        Candidate's Assessment Report").

        `GET /assessments/report/{report_id}`

        Args:
            report_id: Report ID of the candidate's invitation, as returned by `POST /assessments/invite`.
        """
        check_param("report_id", report_id, int)
        request = self._api.build_request(
            self._api.http,
            "GET",
            "/assessments/report/" + encode_path_segment(report_id),
            timeout=timeout,
            extra_headers=extra_headers,
        )
        response = await self._api.send(
            request,
            retry_safe=True,
            error_models={
                "401": Error,
                "404": Error,
                "default": Error,
            },
            max_retries=max_retries,
        )
        return self._api.parse(response, Report)


class AsyncAssessmentsResourceWithRawResponse:
    """The methods of `AsyncAssessmentsResource`, each returning an `APIResponse` around its result."""

    def __init__(self, resource: AsyncAssessmentsResource) -> None:
        self.get_report = to_async_raw_response(resource.get_report)


class AsyncXobinClient:
    """Asynchronous client for Xobin Assessment Reports API.

    Hand-curated description of Xobin's v2 endpoint for reading a candidate's assessment
    report. Xobin publishes no OpenAPI document; this spec is derived from its documentation
    pages, which give field types only as placeholders. API keys are issued by Xobin support
    and sent in the `apiKey` header (unlike the legacy v1 API, which carried the key in the
    URL path). Xobin documents a rate limit but its figures could not be confirmed, so no
    429 handling is described here.

    Args:
        api_key: the API key; read from `XOBIN_API_KEY` when not given.
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
        region: str = "default",
        base_url: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        if api_key is None:
            api_key = os.environ.get("XOBIN_API_KEY")
        if not api_key:
            raise ValueError("an API key is required: pass api_key= or set XOBIN_API_KEY")
        credentials = Credentials.header("apiKey", "", api_key)
        if region not in SERVERS:
            raise ValueError(f"unknown region {region!r}; choose one of {', '.join(SERVERS)}")
        if base_url is None:
            base_url = SERVERS[region]
        self._api = AsyncAPI(
            base_url=base_url,
            credentials=credentials,
            client_headers={},
            default_headers=default_headers,
            timeout=timeout,
            max_retries=max_retries,
            max_response_bytes=max_response_bytes,
            http_client=http_client,
        )
        self.assessments = AsyncAssessmentsResource(self._api)

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
