"""The Webhooks clients and their resources."""

from __future__ import annotations

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
    NotGiven,
    SyncAPI,
    Timeout,
    as_model,
    omit_not_given,
    to_async_raw_response,
    to_raw_response,
)
from .models import SubscribeRequest

if sys.version_info >= (3, 11):
    from typing import Self
else:
    from typing_extensions import Self

SERVERS: dict[str, str] = {
    "default": "https://hooks.example.test",
}
"""Base URLs by region name, from the spec's servers."""


class DefaultResource:
    """Operations tagged 'default'."""

    def __init__(self, api: SyncAPI) -> None:
        self._api = api

    @cached_property
    def with_raw_response(self) -> DefaultResourceWithRawResponse:
        """These methods returning an `APIResponse`: status, headers and `httpx.Response` with the result."""
        return DefaultResourceWithRawResponse(self)

    def subscribe(
        self,
        *,
        url: str,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> None:
        """Subscribe a URL to the events

        `POST /subscriptions`

        Args:
            url: See `SubscribeRequest`.
        """
        request = self._api.build_request(
            self._api.http,
            "POST",
            "/subscriptions",
            body=as_model(
                SubscribeRequest,
                omit_not_given(
                    {
                        "url": url,
                    }
                ),
            ),
            content_type="application/json",
            timeout=timeout,
            extra_headers=extra_headers,
        )
        self._api.send(
            request,
            retry_safe=False,
            error_models={},
            max_retries=max_retries,
        )


class DefaultResourceWithRawResponse:
    """The methods of `DefaultResource`, each returning an `APIResponse` around its result."""

    def __init__(self, resource: DefaultResource) -> None:
        self.subscribe = to_raw_response(resource.subscribe)


class WebhooksClient:
    """Synchronous client for Webhooks fixture.

    Operations and the webhooks the API sends; payload models are generated and exported.

    Args:
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
        region: str = "default",
        base_url: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.Client | None = None,
    ) -> None:
        if region not in SERVERS:
            raise ValueError(f"unknown region {region!r}; choose one of {', '.join(SERVERS)}")
        if base_url is None:
            base_url = SERVERS[region]
        self._api = SyncAPI(
            base_url=base_url,
            credentials=None,
            client_headers={},
            default_headers=default_headers,
            timeout=timeout,
            max_retries=max_retries,
            max_response_bytes=max_response_bytes,
            http_client=http_client,
        )
        self.default = DefaultResource(self._api)

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


class AsyncDefaultResource:
    """Operations tagged 'default'."""

    def __init__(self, api: AsyncAPI) -> None:
        self._api = api

    @cached_property
    def with_raw_response(self) -> AsyncDefaultResourceWithRawResponse:
        """These methods returning an `APIResponse`: status, headers and `httpx.Response` with the result."""
        return AsyncDefaultResourceWithRawResponse(self)

    async def subscribe(
        self,
        *,
        url: str,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> None:
        """Subscribe a URL to the events

        `POST /subscriptions`

        Args:
            url: See `SubscribeRequest`.
        """
        request = self._api.build_request(
            self._api.http,
            "POST",
            "/subscriptions",
            body=as_model(
                SubscribeRequest,
                omit_not_given(
                    {
                        "url": url,
                    }
                ),
            ),
            content_type="application/json",
            timeout=timeout,
            extra_headers=extra_headers,
        )
        await self._api.send(
            request,
            retry_safe=False,
            error_models={},
            max_retries=max_retries,
        )


class AsyncDefaultResourceWithRawResponse:
    """The methods of `AsyncDefaultResource`, each returning an `APIResponse` around its result."""

    def __init__(self, resource: AsyncDefaultResource) -> None:
        self.subscribe = to_async_raw_response(resource.subscribe)


class AsyncWebhooksClient:
    """Asynchronous client for Webhooks fixture.

    Operations and the webhooks the API sends; payload models are generated and exported.

    Args:
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
        region: str = "default",
        base_url: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        if region not in SERVERS:
            raise ValueError(f"unknown region {region!r}; choose one of {', '.join(SERVERS)}")
        if base_url is None:
            base_url = SERVERS[region]
        self._api = AsyncAPI(
            base_url=base_url,
            credentials=None,
            client_headers={},
            default_headers=default_headers,
            timeout=timeout,
            max_retries=max_retries,
            max_response_bytes=max_response_bytes,
            http_client=http_client,
        )
        self.default = AsyncDefaultResource(self._api)

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
