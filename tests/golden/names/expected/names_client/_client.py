"""The Names clients and their resources."""

from __future__ import annotations

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
from .models import (
    Manager,
    NotFoundErrorModel,
    Pet,
    Pet2,
    Properties,
    PutManager404Error,
    PutManagerResponse,
)

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

    def put_manager(
        self,
        id: str,
        *,
        ref: str,
        at_type: Literal["$ref", "items"],
        dollar_type: str | NotGiven = NOT_GIVEN,
        type: str | NotGiven = NOT_GIVEN,
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
            id: See the API reference.
            query_id: See the API reference.
            page_dash_size: See the API reference.
            page_size: See the API reference.
            ref: The URI of the manager's resource.
            at_type: See `Manager`.
            dollar_type: See `Manager`.
            type: See `Manager`.
            items: See `Manager`.
            properties: See `Manager`.
        """
        check_param("id", id, str)
        check_param("query_id", query_id, str, nullable=True)
        check_param("page_dash_size", page_dash_size, int, nullable=True)
        check_param("page_size", page_size, int, nullable=True)
        request = self._api.build_request(
            self._api.http,
            "PUT",
            "/managers/" + encode_path_segment(id),
            query=[
                ("id", query_id, "form", True),
                ("page-size", page_dash_size, "form", True),
                ("page_size", page_size, "form", True),
            ],
            body=as_model(
                Manager,
                omit_not_given(
                    {
                        "$ref": ref,
                        "@type": at_type,
                        "$type": dollar_type,
                        "type": type,
                        "items": items,
                        "properties": properties,
                    }
                ),
            ),
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


class Pets2Resource:
    """Operations tagged 'Pets'."""

    def __init__(self, api: SyncAPI) -> None:
        self._api = api

    @cached_property
    def with_raw_response(self) -> Pets2ResourceWithRawResponse:
        """These methods returning an `APIResponse`: status, headers and `httpx.Response` with the result."""
        return Pets2ResourceWithRawResponse(self)

    def get_pet_2(
        self,
        pet_id: str,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Pet2:
        """GET /pets/{petId}

        `GET /pets/{petId}`

        Args:
            pet_id: See the API reference.
        """
        check_param("pet_id", pet_id, str)
        request = self._api.build_request(
            self._api.http,
            "GET",
            "/pets/" + encode_path_segment(pet_id),
            timeout=timeout,
            extra_headers=extra_headers,
        )
        response = self._api.send(
            request,
            retry_safe=True,
            error_models={
                "404": NotFoundErrorModel,
            },
            max_retries=max_retries,
        )
        return self._api.parse(response, Pet2)

    def get_pet(
        self,
        pet_id: str,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Pet:
        """GET /pets/{petId}/record

        `GET /pets/{petId}/record`

        Args:
            pet_id: See the API reference.
        """
        check_param("pet_id", pet_id, str)
        request = self._api.build_request(
            self._api.http,
            "GET",
            "/pets/" + encode_path_segment(pet_id) + "/record",
            timeout=timeout,
            extra_headers=extra_headers,
        )
        response = self._api.send(
            request,
            retry_safe=True,
            error_models={},
            max_retries=max_retries,
        )
        return self._api.parse(response, Pet)


class Pets2ResourceWithRawResponse:
    """The methods of `Pets2Resource`, each returning an `APIResponse` around its result."""

    def __init__(self, resource: Pets2Resource) -> None:
        self.get_pet_2 = to_raw_response(resource.get_pet_2)
        self.get_pet = to_raw_response(resource.get_pet)


class PetsResource:
    """Operations tagged 'pets'."""

    def __init__(self, api: SyncAPI) -> None:
        self._api = api

    @cached_property
    def with_raw_response(self) -> PetsResourceWithRawResponse:
        """These methods returning an `APIResponse`: status, headers and `httpx.Response` with the result."""
        return PetsResourceWithRawResponse(self)

    def create_pet(
        self,
        *,
        nickname: str,
        record: Pet | dict[str, Any] | NotGiven = NOT_GIVEN,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Pet:
        """POST /pets

        `POST /pets`

        Args:
            nickname: See `Pet2`.
            record: See `Pet2`.
        """
        request = self._api.build_request(
            self._api.http,
            "POST",
            "/pets",
            body=as_model(
                Pet2,
                omit_not_given(
                    {
                        "nickname": nickname,
                        "record": record,
                    }
                ),
            ),
            content_type="application/json",
            timeout=timeout,
            extra_headers=extra_headers,
        )
        response = self._api.send(
            request,
            retry_safe=False,
            error_models={},
            max_retries=max_retries,
        )
        return self._api.parse(response, Pet)


class PetsResourceWithRawResponse:
    """The methods of `PetsResource`, each returning an `APIResponse` around its result."""

    def __init__(self, resource: PetsResource) -> None:
        self.create_pet = to_raw_response(resource.create_pet)


class NamesClient:
    """Synchronous client for Names fixture.

    Names that collide after sanitizing (properties, parameters, and schemas, tags and
    operationIds told apart by number; schemas named like the package's own classes),
    keywords used as property names, inline schemas of one operation that derive one class
    name, and one unnamed server.

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
        self.pets_2 = Pets2Resource(self._api)
        self.pets = PetsResource(self._api)

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

    async def put_manager(
        self,
        id: str,
        *,
        ref: str,
        at_type: Literal["$ref", "items"],
        dollar_type: str | NotGiven = NOT_GIVEN,
        type: str | NotGiven = NOT_GIVEN,
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
            id: See the API reference.
            query_id: See the API reference.
            page_dash_size: See the API reference.
            page_size: See the API reference.
            ref: The URI of the manager's resource.
            at_type: See `Manager`.
            dollar_type: See `Manager`.
            type: See `Manager`.
            items: See `Manager`.
            properties: See `Manager`.
        """
        check_param("id", id, str)
        check_param("query_id", query_id, str, nullable=True)
        check_param("page_dash_size", page_dash_size, int, nullable=True)
        check_param("page_size", page_size, int, nullable=True)
        request = self._api.build_request(
            self._api.http,
            "PUT",
            "/managers/" + encode_path_segment(id),
            query=[
                ("id", query_id, "form", True),
                ("page-size", page_dash_size, "form", True),
                ("page_size", page_size, "form", True),
            ],
            body=as_model(
                Manager,
                omit_not_given(
                    {
                        "$ref": ref,
                        "@type": at_type,
                        "$type": dollar_type,
                        "type": type,
                        "items": items,
                        "properties": properties,
                    }
                ),
            ),
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


class AsyncPets2Resource:
    """Operations tagged 'Pets'."""

    def __init__(self, api: AsyncAPI) -> None:
        self._api = api

    @cached_property
    def with_raw_response(self) -> AsyncPets2ResourceWithRawResponse:
        """These methods returning an `APIResponse`: status, headers and `httpx.Response` with the result."""
        return AsyncPets2ResourceWithRawResponse(self)

    async def get_pet_2(
        self,
        pet_id: str,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Pet2:
        """GET /pets/{petId}

        `GET /pets/{petId}`

        Args:
            pet_id: See the API reference.
        """
        check_param("pet_id", pet_id, str)
        request = self._api.build_request(
            self._api.http,
            "GET",
            "/pets/" + encode_path_segment(pet_id),
            timeout=timeout,
            extra_headers=extra_headers,
        )
        response = await self._api.send(
            request,
            retry_safe=True,
            error_models={
                "404": NotFoundErrorModel,
            },
            max_retries=max_retries,
        )
        return self._api.parse(response, Pet2)

    async def get_pet(
        self,
        pet_id: str,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Pet:
        """GET /pets/{petId}/record

        `GET /pets/{petId}/record`

        Args:
            pet_id: See the API reference.
        """
        check_param("pet_id", pet_id, str)
        request = self._api.build_request(
            self._api.http,
            "GET",
            "/pets/" + encode_path_segment(pet_id) + "/record",
            timeout=timeout,
            extra_headers=extra_headers,
        )
        response = await self._api.send(
            request,
            retry_safe=True,
            error_models={},
            max_retries=max_retries,
        )
        return self._api.parse(response, Pet)


class AsyncPets2ResourceWithRawResponse:
    """The methods of `AsyncPets2Resource`, each returning an `APIResponse` around its result."""

    def __init__(self, resource: AsyncPets2Resource) -> None:
        self.get_pet_2 = to_async_raw_response(resource.get_pet_2)
        self.get_pet = to_async_raw_response(resource.get_pet)


class AsyncPetsResource:
    """Operations tagged 'pets'."""

    def __init__(self, api: AsyncAPI) -> None:
        self._api = api

    @cached_property
    def with_raw_response(self) -> AsyncPetsResourceWithRawResponse:
        """These methods returning an `APIResponse`: status, headers and `httpx.Response` with the result."""
        return AsyncPetsResourceWithRawResponse(self)

    async def create_pet(
        self,
        *,
        nickname: str,
        record: Pet | dict[str, Any] | NotGiven = NOT_GIVEN,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Pet:
        """POST /pets

        `POST /pets`

        Args:
            nickname: See `Pet2`.
            record: See `Pet2`.
        """
        request = self._api.build_request(
            self._api.http,
            "POST",
            "/pets",
            body=as_model(
                Pet2,
                omit_not_given(
                    {
                        "nickname": nickname,
                        "record": record,
                    }
                ),
            ),
            content_type="application/json",
            timeout=timeout,
            extra_headers=extra_headers,
        )
        response = await self._api.send(
            request,
            retry_safe=False,
            error_models={},
            max_retries=max_retries,
        )
        return self._api.parse(response, Pet)


class AsyncPetsResourceWithRawResponse:
    """The methods of `AsyncPetsResource`, each returning an `APIResponse` around its result."""

    def __init__(self, resource: AsyncPetsResource) -> None:
        self.create_pet = to_async_raw_response(resource.create_pet)


class AsyncNamesClient:
    """Asynchronous client for Names fixture.

    Names that collide after sanitizing (properties, parameters, and schemas, tags and
    operationIds told apart by number; schemas named like the package's own classes),
    keywords used as property names, inline schemas of one operation that derive one class
    name, and one unnamed server.

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
        self.pets_2 = AsyncPets2Resource(self._api)
        self.pets = AsyncPetsResource(self._api)

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
