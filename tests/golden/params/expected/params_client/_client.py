"""The Params clients and their resources."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from functools import cached_property
from typing import Any, Literal

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
    as_model,
    check_param,
    encode_path_segment,
    omit_not_given,
    to_async_raw_response,
    to_raw_response,
)
from .models import ItemList, Problem, RenameItemRequest

if sys.version_info >= (3, 11):
    from typing import Self
else:
    from typing_extensions import Self

SERVERS: dict[str, str] = {
    "production": "https://api.example.test/v1",
}
"""Base URLs by region name, from the spec's servers."""


class ItemsResource:
    """Operations tagged 'items'."""

    def __init__(self, api: SyncAPI) -> None:
        self._api = api

    @cached_property
    def with_raw_response(self) -> ItemsResourceWithRawResponse:
        """These methods returning an `APIResponse`: status, headers and `httpx.Response` with the result."""
        return ItemsResourceWithRawResponse(self)

    def list_items(
        self,
        *,
        limit: int,
        tag: list[str] | NotGiven = NOT_GIVEN,
        ids: list[int] | NotGiven = NOT_GIVEN,
        state: Literal["open", "closed"] | NotGiven = NOT_GIVEN,
        archived: bool | None | NotGiven = NOT_GIVEN,
        min_score: float | NotGiven = NOT_GIVEN,
        filter: dict[str, Any] | NotGiven = NOT_GIVEN,
        request_id: str | NotGiven = NOT_GIVEN,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> ItemList:
        """List items

        `GET /items`

        Args:
            tag: See the API reference.
            ids: See the API reference.
            state: See the API reference.
            limit: See the API reference.
            archived: See the API reference.
            min_score: See the API reference.
            filter: See the API reference.
            request_id: See the API reference.
        """
        check_param("tag", tag, [str], nullable=True)
        check_param("ids", ids, [int], nullable=True)
        check_param("state", state, ("open", "closed"), nullable=True)
        check_param("limit", limit, int)
        check_param("archived", archived, bool, nullable=True)
        check_param("min_score", min_score, float, nullable=True)
        check_param("filter", filter, dict, nullable=True)
        check_param("request_id", request_id, str, nullable=True)
        request = self._api.build_request(
            self._api.http,
            "GET",
            "/items",
            query=[
                ("tag", tag, "form", True),
                ("ids", ids, "form", False),
                ("state", state, "form", True),
                ("limit", limit, "form", True),
                ("archived", archived, "form", True),
                ("min_score", min_score, "form", True),
                ("filter", filter, "deepObject", True),
            ],
            headers={
                "X-Request-Id": request_id,
            },
            timeout=timeout,
            extra_headers=extra_headers,
        )
        response = self._api.send(
            request,
            retry_safe=True,
            error_models={},
            max_retries=max_retries,
        )
        return self._api.parse(response, ItemList)

    def rename_item(
        self,
        item_id: int,
        *,
        name: str,
        body_item_id: int | NotGiven = NOT_GIVEN,
        timeout_: float | NotGiven = NOT_GIVEN,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> None:
        """Rename an item (its body repeats the id, and has a field named like a call option)

        `PUT /items/{item_id}`

        Args:
            item_id: See the API reference.
            body_item_id: See `RenameItemRequest`.
            name: See `RenameItemRequest`.
            timeout_: Seconds the rename may take on the server.
        """
        check_param("item_id", item_id, int)
        request = self._api.build_request(
            self._api.http,
            "PUT",
            "/items/" + encode_path_segment(item_id),
            body=as_model(
                RenameItemRequest,
                omit_not_given(
                    {
                        "item_id": body_item_id,
                        "name": name,
                        "timeout": timeout_,
                    }
                ),
            ),
            content_type="application/json",
            timeout=timeout,
            extra_headers=extra_headers,
        )
        self._api.send(
            request,
            retry_safe=True,
            error_models={
                "404": Problem,
            },
            max_retries=max_retries,
        )

    def delete_item(
        self,
        item_id: int,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> None:
        """Delete an item

        `DELETE /items/{item_id}`

        Args:
            item_id: See the API reference.
        """
        check_param("item_id", item_id, int)
        request = self._api.build_request(
            self._api.http,
            "DELETE",
            "/items/" + encode_path_segment(item_id),
            timeout=timeout,
            extra_headers=extra_headers,
        )
        self._api.send(
            request,
            retry_safe=True,
            error_models={
                "404": Problem,
                "4XX": Problem,
            },
            max_retries=max_retries,
        )

    def get_health(
        self,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> None:
        """Whether the service is up

        `GET /health`
        """
        request = self._api.build_request(
            self._api.http,
            "GET",
            "/health",
            timeout=timeout,
            authenticated=False,
            extra_headers=extra_headers,
        )
        self._api.send(
            request,
            retry_safe=True,
            error_models={},
            max_retries=max_retries,
        )


class ItemsResourceWithRawResponse:
    """The methods of `ItemsResource`, each returning an `APIResponse` around its result."""

    def __init__(self, resource: ItemsResource) -> None:
        self.list_items = to_raw_response(resource.list_items)
        self.rename_item = to_raw_response(resource.rename_item)
        self.delete_item = to_raw_response(resource.delete_item)
        self.get_health = to_raw_response(resource.get_health)


class ParamsClient:
    """Synchronous client for Params fixture.

    Query and header parameters of several kinds, 3.0 nullable, an apiKey header, an error
    range (4XX) and an operation that needs no credentials.

    Args:
        api_key: the API key; read from `PARAMS_API_KEY` when not given.
        region: which server to use: `production` (default).
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
        region: str = "production",
        base_url: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.Client | None = None,
    ) -> None:
        if api_key is None:
            api_key = os.environ.get("PARAMS_API_KEY")
        if not api_key:
            raise ValueError("an API key is required: pass api_key= or set PARAMS_API_KEY")
        credentials = Credentials.header("X-Api-Key", "", api_key)
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
        self.items = ItemsResource(self._api)

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


class AsyncItemsResource:
    """Operations tagged 'items'."""

    def __init__(self, api: AsyncAPI) -> None:
        self._api = api

    @cached_property
    def with_raw_response(self) -> AsyncItemsResourceWithRawResponse:
        """These methods returning an `APIResponse`: status, headers and `httpx.Response` with the result."""
        return AsyncItemsResourceWithRawResponse(self)

    async def list_items(
        self,
        *,
        limit: int,
        tag: list[str] | NotGiven = NOT_GIVEN,
        ids: list[int] | NotGiven = NOT_GIVEN,
        state: Literal["open", "closed"] | NotGiven = NOT_GIVEN,
        archived: bool | None | NotGiven = NOT_GIVEN,
        min_score: float | NotGiven = NOT_GIVEN,
        filter: dict[str, Any] | NotGiven = NOT_GIVEN,
        request_id: str | NotGiven = NOT_GIVEN,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> ItemList:
        """List items

        `GET /items`

        Args:
            tag: See the API reference.
            ids: See the API reference.
            state: See the API reference.
            limit: See the API reference.
            archived: See the API reference.
            min_score: See the API reference.
            filter: See the API reference.
            request_id: See the API reference.
        """
        check_param("tag", tag, [str], nullable=True)
        check_param("ids", ids, [int], nullable=True)
        check_param("state", state, ("open", "closed"), nullable=True)
        check_param("limit", limit, int)
        check_param("archived", archived, bool, nullable=True)
        check_param("min_score", min_score, float, nullable=True)
        check_param("filter", filter, dict, nullable=True)
        check_param("request_id", request_id, str, nullable=True)
        request = self._api.build_request(
            self._api.http,
            "GET",
            "/items",
            query=[
                ("tag", tag, "form", True),
                ("ids", ids, "form", False),
                ("state", state, "form", True),
                ("limit", limit, "form", True),
                ("archived", archived, "form", True),
                ("min_score", min_score, "form", True),
                ("filter", filter, "deepObject", True),
            ],
            headers={
                "X-Request-Id": request_id,
            },
            timeout=timeout,
            extra_headers=extra_headers,
        )
        response = await self._api.send(
            request,
            retry_safe=True,
            error_models={},
            max_retries=max_retries,
        )
        return self._api.parse(response, ItemList)

    async def rename_item(
        self,
        item_id: int,
        *,
        name: str,
        body_item_id: int | NotGiven = NOT_GIVEN,
        timeout_: float | NotGiven = NOT_GIVEN,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> None:
        """Rename an item (its body repeats the id, and has a field named like a call option)

        `PUT /items/{item_id}`

        Args:
            item_id: See the API reference.
            body_item_id: See `RenameItemRequest`.
            name: See `RenameItemRequest`.
            timeout_: Seconds the rename may take on the server.
        """
        check_param("item_id", item_id, int)
        request = self._api.build_request(
            self._api.http,
            "PUT",
            "/items/" + encode_path_segment(item_id),
            body=as_model(
                RenameItemRequest,
                omit_not_given(
                    {
                        "item_id": body_item_id,
                        "name": name,
                        "timeout": timeout_,
                    }
                ),
            ),
            content_type="application/json",
            timeout=timeout,
            extra_headers=extra_headers,
        )
        await self._api.send(
            request,
            retry_safe=True,
            error_models={
                "404": Problem,
            },
            max_retries=max_retries,
        )

    async def delete_item(
        self,
        item_id: int,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> None:
        """Delete an item

        `DELETE /items/{item_id}`

        Args:
            item_id: See the API reference.
        """
        check_param("item_id", item_id, int)
        request = self._api.build_request(
            self._api.http,
            "DELETE",
            "/items/" + encode_path_segment(item_id),
            timeout=timeout,
            extra_headers=extra_headers,
        )
        await self._api.send(
            request,
            retry_safe=True,
            error_models={
                "404": Problem,
                "4XX": Problem,
            },
            max_retries=max_retries,
        )

    async def get_health(
        self,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> None:
        """Whether the service is up

        `GET /health`
        """
        request = self._api.build_request(
            self._api.http,
            "GET",
            "/health",
            timeout=timeout,
            authenticated=False,
            extra_headers=extra_headers,
        )
        await self._api.send(
            request,
            retry_safe=True,
            error_models={},
            max_retries=max_retries,
        )


class AsyncItemsResourceWithRawResponse:
    """The methods of `AsyncItemsResource`, each returning an `APIResponse` around its result."""

    def __init__(self, resource: AsyncItemsResource) -> None:
        self.list_items = to_async_raw_response(resource.list_items)
        self.rename_item = to_async_raw_response(resource.rename_item)
        self.delete_item = to_async_raw_response(resource.delete_item)
        self.get_health = to_async_raw_response(resource.get_health)


class AsyncParamsClient:
    """Asynchronous client for Params fixture.

    Query and header parameters of several kinds, 3.0 nullable, an apiKey header, an error
    range (4XX) and an operation that needs no credentials.

    Args:
        api_key: the API key; read from `PARAMS_API_KEY` when not given.
        region: which server to use: `production` (default).
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
        region: str = "production",
        base_url: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        if api_key is None:
            api_key = os.environ.get("PARAMS_API_KEY")
        if not api_key:
            raise ValueError("an API key is required: pass api_key= or set PARAMS_API_KEY")
        credentials = Credentials.header("X-Api-Key", "", api_key)
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
        self.items = AsyncItemsResource(self._api)

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
