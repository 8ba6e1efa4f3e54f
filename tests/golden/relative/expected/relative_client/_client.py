"""The Relative clients and their resources."""

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
    check_param,
    encode_path_segment,
    to_async_raw_response,
    to_raw_response,
)
from .models import Pet

if sys.version_info >= (3, 11):
    from typing import Self
else:
    from typing_extensions import Self


class PetResource:
    """Operations tagged 'pet'."""

    def __init__(self, api: SyncAPI) -> None:
        self._api = api

    @cached_property
    def with_raw_response(self) -> PetResourceWithRawResponse:
        """These methods returning an `APIResponse`: status, headers and `httpx.Response` with the result."""
        return PetResourceWithRawResponse(self)

    def get_pet_by_id(
        self,
        pet_id: int,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Pet:
        """GET /pet/{petId}

        `GET /pet/{petId}`

        Args:
            pet_id: See the API reference.
        """
        check_param("pet_id", pet_id, int)
        request = self._api.build_request(
            self._api.http,
            "GET",
            "/pet/" + encode_path_segment(pet_id),
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


class PetResourceWithRawResponse:
    """The methods of `PetResource`, each returning an `APIResponse` around its result."""

    def __init__(self, resource: PetResource) -> None:
        self.get_pet_by_id = to_raw_response(resource.get_pet_by_id)


class RelativeClient:
    """Synchronous client for Relative servers fixture.

    Servers relative to where the spec is served, as the petstore example writes them; one
    with a variable, shown at its default.

    Args:
        base_url: the API's address, such as 'https://your-host/api/v3' (the spec's servers are relative:
            /api/v3, /legacy); http or https, no `user:password@`.
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
        base_url: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.Client | None = None,
    ) -> None:
        if base_url is None:
            raise ValueError(
                "the spec's servers are relative (/api/v3, /legacy): pass base_url=, such as 'https://your-host/api/v3'"
            )
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
        self.pet = PetResource(self._api)

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


class AsyncPetResource:
    """Operations tagged 'pet'."""

    def __init__(self, api: AsyncAPI) -> None:
        self._api = api

    @cached_property
    def with_raw_response(self) -> AsyncPetResourceWithRawResponse:
        """These methods returning an `APIResponse`: status, headers and `httpx.Response` with the result."""
        return AsyncPetResourceWithRawResponse(self)

    async def get_pet_by_id(
        self,
        pet_id: int,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Pet:
        """GET /pet/{petId}

        `GET /pet/{petId}`

        Args:
            pet_id: See the API reference.
        """
        check_param("pet_id", pet_id, int)
        request = self._api.build_request(
            self._api.http,
            "GET",
            "/pet/" + encode_path_segment(pet_id),
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


class AsyncPetResourceWithRawResponse:
    """The methods of `AsyncPetResource`, each returning an `APIResponse` around its result."""

    def __init__(self, resource: AsyncPetResource) -> None:
        self.get_pet_by_id = to_async_raw_response(resource.get_pet_by_id)


class AsyncRelativeClient:
    """Asynchronous client for Relative servers fixture.

    Servers relative to where the spec is served, as the petstore example writes them; one
    with a variable, shown at its default.

    Args:
        base_url: the API's address, such as 'https://your-host/api/v3' (the spec's servers are relative:
            /api/v3, /legacy); http or https, no `user:password@`.
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
        base_url: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        if base_url is None:
            raise ValueError(
                "the spec's servers are relative (/api/v3, /legacy): pass base_url=, such as 'https://your-host/api/v3'"
            )
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
        self.pet = AsyncPetResource(self._api)

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
