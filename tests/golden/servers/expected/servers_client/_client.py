"""The Servers clients and their resources."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from functools import cached_property
from typing import Literal

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
    to_async_raw_response,
    to_raw_response,
)
from .models import PingResponse

if sys.version_info >= (3, 11):
    from typing import Self
else:
    from typing_extensions import Self

SERVERS: dict[str, str] = {
    "eu": "https://demo.eu.example.test/v2",
    "us": "https://demo.us.example.test/v1",
    "sandbox": "https://sandbox.example.test/v1",
}
"""Base URLs by region name, from the spec's servers, each variable at its default."""


def _server_variable(keyword: str, value: str, allowed: tuple[str, ...], default: str) -> str:
    """`value` for a server URL variable: its default, one of `allowed` where the spec lists
    values, else letters, digits and `-._~` only, which cannot change the shape of the URL."""
    if value == default or value in allowed:
        return value
    if not allowed and value and all(c.isascii() and (c.isalnum() or c in "-._~") for c in value):
        return value
    expected = f"one of {', '.join(allowed)}" if allowed else "letters, digits and '-._~' only"
    raise ValueError(f"{keyword} must be {expected}")


def _server_url(
    region: str,
    scheme: Literal["https", "http"],
    tenant: str,
    version: Literal["v1", "v2"] | None,
) -> str:
    """The URL of `region`'s server with its variables filled in."""
    if region == "eu":
        return (
            _server_variable("scheme", scheme, ("https", "http"), "https")
            + "://"
            + _server_variable("tenant", tenant, (), "demo")
            + ".eu.example.test/"
            + _server_variable("version", "v2" if version is None else version, ("v1", "v2"), "v2")
        )
    if region == "us":
        return (
            "https://"
            + _server_variable("tenant", tenant, (), "demo")
            + ".us.example.test/"
            + _server_variable("version", "v1" if version is None else version, ("v1",), "v1")
        )
    return SERVERS[region]


class DefaultResource:
    """Operations tagged 'default'."""

    def __init__(self, api: SyncAPI) -> None:
        self._api = api

    @cached_property
    def with_raw_response(self) -> DefaultResourceWithRawResponse:
        """These methods returning an `APIResponse`: status, headers and `httpx.Response` with the result."""
        return DefaultResourceWithRawResponse(self)

    def ping(
        self,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> PingResponse:
        """GET /ping

        `GET /ping`
        """
        request = self._api.build_request(
            self._api.http,
            "GET",
            "/ping",
            timeout=timeout,
            extra_headers=extra_headers,
        )
        response = self._api.send(
            request,
            retry_safe=True,
            error_models={},
            max_retries=max_retries,
        )
        return self._api.parse(response, PingResponse)


class DefaultResourceWithRawResponse:
    """The methods of `DefaultResource`, each returning an `APIResponse` around its result."""

    def __init__(self, resource: DefaultResource) -> None:
        self.ping = to_raw_response(resource.ping)


class ServersClient:
    """Synchronous client for Servers fixture.

    Server URL variables (an enum, a free value, defaults that differ per server) as client
    keywords, and a relative server that is no region.

    Args:
        region: which server to use: `eu` (default), `us`, `sandbox`.
        scheme: The protocol.
        tenant: Your tenant's subdomain.
        version: Fills in `{version}` in the server URL. By default, the chosen server's own default.
        base_url: a base URL that overrides the region's (http or https, no `user:password@`); for the
            spec's relative servers (/relay/v1), the API's address, such as
            'https://your-host/relay/v1'.
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
        region: str = "eu",
        scheme: Literal["https", "http"] = "https",
        tenant: str = "demo",
        version: Literal["v1", "v2"] | None = None,
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
            base_url = _server_url(region, scheme, tenant, version)
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

    async def ping(
        self,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> PingResponse:
        """GET /ping

        `GET /ping`
        """
        request = self._api.build_request(
            self._api.http,
            "GET",
            "/ping",
            timeout=timeout,
            extra_headers=extra_headers,
        )
        response = await self._api.send(
            request,
            retry_safe=True,
            error_models={},
            max_retries=max_retries,
        )
        return self._api.parse(response, PingResponse)


class AsyncDefaultResourceWithRawResponse:
    """The methods of `AsyncDefaultResource`, each returning an `APIResponse` around its result."""

    def __init__(self, resource: AsyncDefaultResource) -> None:
        self.ping = to_async_raw_response(resource.ping)


class AsyncServersClient:
    """Asynchronous client for Servers fixture.

    Server URL variables (an enum, a free value, defaults that differ per server) as client
    keywords, and a relative server that is no region.

    Args:
        region: which server to use: `eu` (default), `us`, `sandbox`.
        scheme: The protocol.
        tenant: Your tenant's subdomain.
        version: Fills in `{version}` in the server URL. By default, the chosen server's own default.
        base_url: a base URL that overrides the region's (http or https, no `user:password@`); for the
            spec's relative servers (/relay/v1), the API's address, such as
            'https://your-host/relay/v1'.
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
        region: str = "eu",
        scheme: Literal["https", "http"] = "https",
        tenant: str = "demo",
        version: Literal["v1", "v2"] | None = None,
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
            base_url = _server_url(region, scheme, tenant, version)
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
