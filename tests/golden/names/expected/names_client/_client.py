"""The Names clients and their resources."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from functools import cached_property
from typing import Any, Literal, overload

import httpx

from ._runtime import (
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    NOT_GIVEN,
    AsyncAPI,
    NotGiven,
    SyncAPI,
    Timeout,
    as_model,
    encode_path_segment,
    omit_not_given,
    to_async_raw_response,
    to_raw_response,
)
from .models import Manager, Properties, PutManager404Error, PutManagerResponse

if sys.version_info >= (3, 11):
    from typing import Self
else:
    from typing_extensions import Self

SERVERS: dict[str, str] = {
    "default": "https://api.example.test/scim",
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

    @overload
    def put_manager(
        self,
        id_: str,
        *,
        ref: str,
        at_type: Literal["$ref", "items"],
        dollar_type: str | NotGiven = NOT_GIVEN,
        type_: str | NotGiven = NOT_GIVEN,
        items: list[str] | NotGiven = NOT_GIVEN,
        properties: Properties | dict[str, Any] | NotGiven = NOT_GIVEN,
        query_id: str | NotGiven = NOT_GIVEN,
        page_dash_size: int | NotGiven = NOT_GIVEN,
        page_size: int | NotGiven = NOT_GIVEN,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> PutManagerResponse: ...

    @overload
    def put_manager(
        self,
        id_: str,
        *,
        body: Manager | dict[str, Any],
        query_id: str | NotGiven = NOT_GIVEN,
        page_dash_size: int | NotGiven = NOT_GIVEN,
        page_size: int | NotGiven = NOT_GIVEN,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> PutManagerResponse: ...

    def put_manager(
        self,
        id_: str,
        *,
        body: Manager | dict[str, Any] | None = None,
        ref: str | NotGiven = NOT_GIVEN,
        at_type: Literal["$ref", "items"] | NotGiven = NOT_GIVEN,
        dollar_type: str | NotGiven = NOT_GIVEN,
        type_: str | NotGiven = NOT_GIVEN,
        items: list[str] | NotGiven = NOT_GIVEN,
        properties: Properties | dict[str, Any] | NotGiven = NOT_GIVEN,
        query_id: str | NotGiven = NOT_GIVEN,
        page_dash_size: int | NotGiven = NOT_GIVEN,
        page_size: int | NotGiven = NOT_GIVEN,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> PutManagerResponse:
        """PUT /managers/{id}

        `PUT /managers/{id}`

        Args:
            id_: See the API reference.
            query_id: See the API reference.
            page_dash_size: See the API reference.
            page_size: See the API reference.
            ref: The URI of the manager's resource.
            at_type: See `Manager`.
            dollar_type: See `Manager`.
            type_: See `Manager`.
            items: See `Manager`.
            properties: See `Manager`.
            body: the whole request body, instead of its fields as keyword arguments
                (see `Manager` for each field).
        """
        if body is None:
            body = {
                "$ref": ref,
                "@type": at_type,
                "$type": dollar_type,
                "type": type_,
                "items": items,
                "properties": properties,
            }
            body = omit_not_given(body)
        request = self._api.build_request(
            self._api.http,
            "PUT",
            "/managers/" + encode_path_segment(id_),
            query=[
                ("id", query_id, "form", True),
                ("page-size", page_dash_size, "form", True),
                ("page_size", page_size, "form", True),
            ],
            body=None if body is None else as_model(Manager, body),
            content_type="application/json",
            timeout=timeout,
            extra_headers=extra_headers,
        )
        response = self._api.send(
            request,
            retry_safe=True,
            error_models={
                "404": PutManager404Error,
            },
            max_retries=max_retries,
        )
        return self._api.parse(response, PutManagerResponse)


class DefaultResourceWithRawResponse:
    """The methods of `DefaultResource`, each returning an `APIResponse` around its result."""

    def __init__(self, resource: DefaultResource) -> None:
        self.put_manager = to_raw_response(resource.put_manager)


class NamesClient:
    """Synchronous client for Names fixture.

    Names that collide after sanitizing, keywords used as property names, inline schemas of
    one operation that derive one class name, and one unnamed server.

    Args:
        region: which server to use: `default` (default).
        base_url: a base URL that overrides the region's.
        timeout: the default timeout of every call, in seconds or as an `httpx.Timeout`.
        max_retries: how often a call that is safe to repeat is retried on a connection error,
            408, 429 or 5xx.
        default_headers: headers sent with every request.
        http_client: your own `httpx.Client` (proxies, mTLS, event hooks);
            it is left open on `close()`.
    """

    def __init__(
        self,
        *,
        region: str = "default",
        base_url: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.Client | None = None,
    ) -> None:
        if base_url is None:
            if region not in SERVERS:
                raise ValueError(f"unknown region {region!r}; choose one of {', '.join(SERVERS)}")
            base_url = SERVERS[region]
        self._api = SyncAPI(
            base_url=base_url,
            credentials=None,
            client_headers={},
            default_headers=default_headers,
            timeout=timeout,
            max_retries=max_retries,
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

    @overload
    async def put_manager(
        self,
        id_: str,
        *,
        ref: str,
        at_type: Literal["$ref", "items"],
        dollar_type: str | NotGiven = NOT_GIVEN,
        type_: str | NotGiven = NOT_GIVEN,
        items: list[str] | NotGiven = NOT_GIVEN,
        properties: Properties | dict[str, Any] | NotGiven = NOT_GIVEN,
        query_id: str | NotGiven = NOT_GIVEN,
        page_dash_size: int | NotGiven = NOT_GIVEN,
        page_size: int | NotGiven = NOT_GIVEN,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> PutManagerResponse: ...

    @overload
    async def put_manager(
        self,
        id_: str,
        *,
        body: Manager | dict[str, Any],
        query_id: str | NotGiven = NOT_GIVEN,
        page_dash_size: int | NotGiven = NOT_GIVEN,
        page_size: int | NotGiven = NOT_GIVEN,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> PutManagerResponse: ...

    async def put_manager(
        self,
        id_: str,
        *,
        body: Manager | dict[str, Any] | None = None,
        ref: str | NotGiven = NOT_GIVEN,
        at_type: Literal["$ref", "items"] | NotGiven = NOT_GIVEN,
        dollar_type: str | NotGiven = NOT_GIVEN,
        type_: str | NotGiven = NOT_GIVEN,
        items: list[str] | NotGiven = NOT_GIVEN,
        properties: Properties | dict[str, Any] | NotGiven = NOT_GIVEN,
        query_id: str | NotGiven = NOT_GIVEN,
        page_dash_size: int | NotGiven = NOT_GIVEN,
        page_size: int | NotGiven = NOT_GIVEN,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> PutManagerResponse:
        """PUT /managers/{id}

        `PUT /managers/{id}`

        Args:
            id_: See the API reference.
            query_id: See the API reference.
            page_dash_size: See the API reference.
            page_size: See the API reference.
            ref: The URI of the manager's resource.
            at_type: See `Manager`.
            dollar_type: See `Manager`.
            type_: See `Manager`.
            items: See `Manager`.
            properties: See `Manager`.
            body: the whole request body, instead of its fields as keyword arguments
                (see `Manager` for each field).
        """
        if body is None:
            body = {
                "$ref": ref,
                "@type": at_type,
                "$type": dollar_type,
                "type": type_,
                "items": items,
                "properties": properties,
            }
            body = omit_not_given(body)
        request = self._api.build_request(
            self._api.http,
            "PUT",
            "/managers/" + encode_path_segment(id_),
            query=[
                ("id", query_id, "form", True),
                ("page-size", page_dash_size, "form", True),
                ("page_size", page_size, "form", True),
            ],
            body=None if body is None else as_model(Manager, body),
            content_type="application/json",
            timeout=timeout,
            extra_headers=extra_headers,
        )
        response = await self._api.send(
            request,
            retry_safe=True,
            error_models={
                "404": PutManager404Error,
            },
            max_retries=max_retries,
        )
        return self._api.parse(response, PutManagerResponse)


class AsyncDefaultResourceWithRawResponse:
    """The methods of `AsyncDefaultResource`, each returning an `APIResponse` around its result."""

    def __init__(self, resource: AsyncDefaultResource) -> None:
        self.put_manager = to_async_raw_response(resource.put_manager)


class AsyncNamesClient:
    """Asynchronous client for Names fixture.

    Names that collide after sanitizing, keywords used as property names, inline schemas of
    one operation that derive one class name, and one unnamed server.

    Args:
        region: which server to use: `default` (default).
        base_url: a base URL that overrides the region's.
        timeout: the default timeout of every call, in seconds or as an `httpx.Timeout`.
        max_retries: how often a call that is safe to repeat is retried on a connection error,
            408, 429 or 5xx.
        default_headers: headers sent with every request.
        http_client: your own `httpx.AsyncClient` (proxies, mTLS, event hooks);
            it is left open on `close()`.
    """

    def __init__(
        self,
        *,
        region: str = "default",
        base_url: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        if base_url is None:
            if region not in SERVERS:
                raise ValueError(f"unknown region {region!r}; choose one of {', '.join(SERVERS)}")
            base_url = SERVERS[region]
        self._api = AsyncAPI(
            base_url=base_url,
            credentials=None,
            client_headers={},
            default_headers=default_headers,
            timeout=timeout,
            max_retries=max_retries,
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
