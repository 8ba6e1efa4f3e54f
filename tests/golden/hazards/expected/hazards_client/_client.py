"""The Hazards clients and their resources."""

from __future__ import annotations

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
    APIError,
    APIStatusErrorModel,
    APITimeoutErrorModel,
    Client,
    HazardsClientModel,
    LabelThingRequest,
    NotFoundErrorModel,
    NotFoundErrorModel2,
    Number,
    PostEventRequest,
    Text,
    Thing,
)

if sys.version_info >= (3, 11):
    from typing import Self
else:
    from typing_extensions import Self

SERVERS: dict[str, str] = {
    "default": "https://api.example.test",
}
"""Base URLs by region name, from the spec's servers."""


class ThingsResource:
    """Operations tagged 'things'."""

    def __init__(self, api: SyncAPI) -> None:
        self._api = api

    @cached_property
    def with_raw_response(self) -> ThingsResourceWithRawResponse:
        """These methods returning an `APIResponse`: status, headers and `httpx.Response` with the result."""
        return ThingsResourceWithRawResponse(self)

    def get_thing(
        self,
        id: str,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Client:
        """GET /things/{id}

        `GET /things/{id}`

        Args:
            id: See the API reference.
        """
        check_param("id", id, str)
        request = self._api.build_request(
            self._api.http,
            "GET",
            "/things/" + encode_path_segment(id),
            timeout=timeout,
            extra_headers=extra_headers,
        )
        response = self._api.send(
            request,
            retry_safe=True,
            error_models={
                "404": NotFoundErrorModel,
                "408": APITimeoutErrorModel,
                "default": APIError,
            },
            max_retries=max_retries,
        )
        return self._api.parse(response, Client)

    def put_thing(
        self,
        id: str,
        *,
        meta: dict[str, Any] | NotGiven = NOT_GIVEN,
        samples: list[Any] | NotGiven = NOT_GIVEN,
        score: float | NotGiven = NOT_GIVEN,
        part: Text | Number | dict[str, Any] | NotGiven = NOT_GIVEN,
        owner: HazardsClientModel | dict[str, Any] | NotGiven = NOT_GIVEN,
        notFoundError: NotFoundErrorModel2 | dict[str, Any] | NotGiven = NOT_GIVEN,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> APIStatusErrorModel:
        """PUT /things/{id}

        `PUT /things/{id}`

        Args:
            id: See the API reference.
            meta: Free-form.
            samples: See `Thing`.
            score: See `Thing`.
            part: See `Thing`.
            owner: See `Thing`.
            notFoundError: See `Thing`.
        """
        check_param("id", id, str)
        request = self._api.build_request(
            self._api.http,
            "PUT",
            "/things/" + encode_path_segment(id),
            body=as_model(
                Thing,
                omit_not_given(
                    {
                        "meta": meta,
                        "samples": samples,
                        "score": score,
                        "part": part,
                        "owner": owner,
                        "notFoundError": notFoundError,
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
            error_models={},
            max_retries=max_retries,
        )
        return self._api.parse(response, APIStatusErrorModel)

    def label_thing(
        self,
        id: str,
        *,
        name: str,
        meta: dict[str, Any] | NotGiven = NOT_GIVEN,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> None:
        """POST /things/{id}/labels

        `POST /things/{id}/labels`

        Args:
            id: See the API reference.
            name: See `LabelThingRequest`.
            meta: See `LabelThingRequest`.
        """
        check_param("id", id, str)
        request = self._api.build_request(
            self._api.http,
            "POST",
            "/things/" + encode_path_segment(id) + "/labels",
            body=as_model(
                LabelThingRequest,
                omit_not_given(
                    {
                        "name": name,
                        "meta": meta,
                    }
                ),
            ),
            content_type="application/x-www-form-urlencoded",
            timeout=timeout,
            extra_headers=extra_headers,
        )
        self._api.send(
            request,
            retry_safe=False,
            error_models={},
            max_retries=max_retries,
        )

    def post_event(
        self,
        *,
        body: PostEventRequest | dict[str, Any],
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> None:
        """POST /events

        `POST /events`

        Args:
            body: the request body.
        """
        request = self._api.build_request(
            self._api.http,
            "POST",
            "/events",
            body=as_model(PostEventRequest, body),
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


class ThingsResourceWithRawResponse:
    """The methods of `ThingsResource`, each returning an `APIResponse` around its result."""

    def __init__(self, resource: ThingsResource) -> None:
        self.get_thing = to_raw_response(resource.get_thing)
        self.put_thing = to_raw_response(resource.put_thing)
        self.label_thing = to_raw_response(resource.label_thing)
        self.post_event = to_raw_response(resource.post_event)


class HazardsClient:
    """Synchronous client for Hazards fixture.

    Schemas and inline objects named like the package's own classes (its exceptions, client,
    resources and runtime names), free-form objects in JSON and form bodies, and a
    discriminated union.

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
        self.things = ThingsResource(self._api)

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


class AsyncThingsResource:
    """Operations tagged 'things'."""

    def __init__(self, api: AsyncAPI) -> None:
        self._api = api

    @cached_property
    def with_raw_response(self) -> AsyncThingsResourceWithRawResponse:
        """These methods returning an `APIResponse`: status, headers and `httpx.Response` with the result."""
        return AsyncThingsResourceWithRawResponse(self)

    async def get_thing(
        self,
        id: str,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Client:
        """GET /things/{id}

        `GET /things/{id}`

        Args:
            id: See the API reference.
        """
        check_param("id", id, str)
        request = self._api.build_request(
            self._api.http,
            "GET",
            "/things/" + encode_path_segment(id),
            timeout=timeout,
            extra_headers=extra_headers,
        )
        response = await self._api.send(
            request,
            retry_safe=True,
            error_models={
                "404": NotFoundErrorModel,
                "408": APITimeoutErrorModel,
                "default": APIError,
            },
            max_retries=max_retries,
        )
        return self._api.parse(response, Client)

    async def put_thing(
        self,
        id: str,
        *,
        meta: dict[str, Any] | NotGiven = NOT_GIVEN,
        samples: list[Any] | NotGiven = NOT_GIVEN,
        score: float | NotGiven = NOT_GIVEN,
        part: Text | Number | dict[str, Any] | NotGiven = NOT_GIVEN,
        owner: HazardsClientModel | dict[str, Any] | NotGiven = NOT_GIVEN,
        notFoundError: NotFoundErrorModel2 | dict[str, Any] | NotGiven = NOT_GIVEN,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> APIStatusErrorModel:
        """PUT /things/{id}

        `PUT /things/{id}`

        Args:
            id: See the API reference.
            meta: Free-form.
            samples: See `Thing`.
            score: See `Thing`.
            part: See `Thing`.
            owner: See `Thing`.
            notFoundError: See `Thing`.
        """
        check_param("id", id, str)
        request = self._api.build_request(
            self._api.http,
            "PUT",
            "/things/" + encode_path_segment(id),
            body=as_model(
                Thing,
                omit_not_given(
                    {
                        "meta": meta,
                        "samples": samples,
                        "score": score,
                        "part": part,
                        "owner": owner,
                        "notFoundError": notFoundError,
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
            error_models={},
            max_retries=max_retries,
        )
        return self._api.parse(response, APIStatusErrorModel)

    async def label_thing(
        self,
        id: str,
        *,
        name: str,
        meta: dict[str, Any] | NotGiven = NOT_GIVEN,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> None:
        """POST /things/{id}/labels

        `POST /things/{id}/labels`

        Args:
            id: See the API reference.
            name: See `LabelThingRequest`.
            meta: See `LabelThingRequest`.
        """
        check_param("id", id, str)
        request = self._api.build_request(
            self._api.http,
            "POST",
            "/things/" + encode_path_segment(id) + "/labels",
            body=as_model(
                LabelThingRequest,
                omit_not_given(
                    {
                        "name": name,
                        "meta": meta,
                    }
                ),
            ),
            content_type="application/x-www-form-urlencoded",
            timeout=timeout,
            extra_headers=extra_headers,
        )
        await self._api.send(
            request,
            retry_safe=False,
            error_models={},
            max_retries=max_retries,
        )

    async def post_event(
        self,
        *,
        body: PostEventRequest | dict[str, Any],
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> None:
        """POST /events

        `POST /events`

        Args:
            body: the request body.
        """
        request = self._api.build_request(
            self._api.http,
            "POST",
            "/events",
            body=as_model(PostEventRequest, body),
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


class AsyncThingsResourceWithRawResponse:
    """The methods of `AsyncThingsResource`, each returning an `APIResponse` around its result."""

    def __init__(self, resource: AsyncThingsResource) -> None:
        self.get_thing = to_async_raw_response(resource.get_thing)
        self.put_thing = to_async_raw_response(resource.put_thing)
        self.label_thing = to_async_raw_response(resource.label_thing)
        self.post_event = to_async_raw_response(resource.post_event)


class AsyncHazardsClient:
    """Asynchronous client for Hazards fixture.

    Schemas and inline objects named like the package's own classes (its exceptions, client,
    resources and runtime names), free-form objects in JSON and form bodies, and a
    discriminated union.

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
        self.things = AsyncThingsResource(self._api)

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
