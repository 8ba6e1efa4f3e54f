"""The Unions clients and their resources."""

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
    as_model,
    omit_not_given,
    to_async_raw_response,
    to_raw_response,
)
from .models import Cat, CreatePetRequest, Dog, Labels, Pet

if sys.version_info >= (3, 11):
    from typing import Self
else:
    from typing_extensions import Self


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
        pet: Cat | Dog | dict[str, Any],
        tags: list[str] | NotGiven = NOT_GIVEN,
        e_mail: str | None | NotGiven = NOT_GIVEN,
        labels: Labels | dict[str, Any] | NotGiven = NOT_GIVEN,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Cat | Dog:
        """Create a pet

        `POST /pets`

        Args:
            pet: See `CreatePetRequest`.
            tags: See `CreatePetRequest`.
            e_mail: See `CreatePetRequest`.
            labels: See `CreatePetRequest`.
        """
        request = self._api.build_request(
            self._api.http,
            "POST",
            "/pets",
            body=as_model(
                CreatePetRequest,
                omit_not_given(
                    {
                        "pet": pet,
                        "tags": tags,
                        "e-mail": e_mail,
                        "labels": labels,
                    }
                ),
            ),
            content_type="application/json",
            timeout=timeout,
            operation_timeout=120.0,
            extra_headers=extra_headers,
        )
        response = self._api.send(
            request,
            retry_safe=True,
            error_models={},
            max_retries=max_retries,
        )
        return self._api.parse(response, Pet).root


class PetsResourceWithRawResponse:
    """The methods of `PetsResource`, each returning an `APIResponse` around its result."""

    def __init__(self, resource: PetsResource) -> None:
        self.create_pet = to_raw_response(resource.create_pet)


class UnionsClient:
    """Synchronous client for Unions fixture.

    Discriminated unions, arrays, 3.1 nullable types, basic auth, an inline body.

    Args:
        api_key: the API key; read from `UNIONS_API_KEY` when not given.
        password: the password sent with the API key as username (usually empty).
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
        base_url: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.Client | None = None,
    ) -> None:
        if api_key is None:
            api_key = os.environ.get("UNIONS_API_KEY")
        if not api_key:
            raise ValueError("an API key is required: pass api_key= or set UNIONS_API_KEY")
        credentials = Credentials.basic(api_key, password)
        if base_url is None:
            raise ValueError("the spec names no server: pass base_url=")
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
        pet: Cat | Dog | dict[str, Any],
        tags: list[str] | NotGiven = NOT_GIVEN,
        e_mail: str | None | NotGiven = NOT_GIVEN,
        labels: Labels | dict[str, Any] | NotGiven = NOT_GIVEN,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Cat | Dog:
        """Create a pet

        `POST /pets`

        Args:
            pet: See `CreatePetRequest`.
            tags: See `CreatePetRequest`.
            e_mail: See `CreatePetRequest`.
            labels: See `CreatePetRequest`.
        """
        request = self._api.build_request(
            self._api.http,
            "POST",
            "/pets",
            body=as_model(
                CreatePetRequest,
                omit_not_given(
                    {
                        "pet": pet,
                        "tags": tags,
                        "e-mail": e_mail,
                        "labels": labels,
                    }
                ),
            ),
            content_type="application/json",
            timeout=timeout,
            operation_timeout=120.0,
            extra_headers=extra_headers,
        )
        response = await self._api.send(
            request,
            retry_safe=True,
            error_models={},
            max_retries=max_retries,
        )
        return self._api.parse(response, Pet).root


class AsyncPetsResourceWithRawResponse:
    """The methods of `AsyncPetsResource`, each returning an `APIResponse` around its result."""

    def __init__(self, resource: AsyncPetsResource) -> None:
        self.create_pet = to_async_raw_response(resource.create_pet)


class AsyncUnionsClient:
    """Asynchronous client for Unions fixture.

    Discriminated unions, arrays, 3.1 nullable types, basic auth, an inline body.

    Args:
        api_key: the API key; read from `UNIONS_API_KEY` when not given.
        password: the password sent with the API key as username (usually empty).
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
        base_url: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        if api_key is None:
            api_key = os.environ.get("UNIONS_API_KEY")
        if not api_key:
            raise ValueError("an API key is required: pass api_key= or set UNIONS_API_KEY")
        credentials = Credentials.basic(api_key, password)
        if base_url is None:
            raise ValueError("the spec names no server: pass base_url=")
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
