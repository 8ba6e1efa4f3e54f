"""The Bodies clients and their resources."""

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
    FileContent,
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
    CountByTypeResponse,
    Created,
    CreateRecordsRequest,
    CreateRecordsResponse,
    Deleted,
    Event,
    GetVersionResponse,
    Meta,
    Range,
    Record,
    SearchRequest,
    SearchResponse,
    SetLabelsRequest,
    UploadAttachmentRequest,
)

if sys.version_info >= (3, 11):
    from typing import Self
else:
    from typing_extensions import Self

SERVERS: dict[str, str] = {
    "default": "https://files.example.test/v1",
}
"""Base URLs by region name, from the spec's servers."""


class RecordsResource:
    """Operations tagged 'records'."""

    def __init__(self, api: SyncAPI) -> None:
        self._api = api

    @cached_property
    def with_raw_response(self) -> RecordsResourceWithRawResponse:
        """These methods returning an `APIResponse`: status, headers and `httpx.Response` with the result."""
        return RecordsResourceWithRawResponse(self)

    def search(
        self,
        *,
        criteria: str,
        rows: int | NotGiven = NOT_GIVEN,
        fields: list[str] | NotGiven = NOT_GIVEN,
        order: Literal["asc", "desc"] | NotGiven = NOT_GIVEN,
        range: Range | dict[str, Any] | NotGiven = NOT_GIVEN,
        type: str | NotGiven = NOT_GIVEN,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> list[Record]:
        """Search with a form

        `POST /search`

        Args:
            type: See the API reference.
            criteria: See `SearchRequest`.
            rows: See `SearchRequest`.
            fields: See `SearchRequest`.
            order: See `SearchRequest`.
            range: See `SearchRequest`.
        """
        check_param("type", type, str, nullable=True)
        request = self._api.build_request(
            self._api.http,
            "POST",
            "/search",
            query=[
                ("type", type, "form", True),
            ],
            body=as_model(
                SearchRequest,
                omit_not_given(
                    {
                        "criteria": criteria,
                        "rows": rows,
                        "fields": fields,
                        "order": order,
                        "range": range,
                    }
                ),
            ),
            content_type="application/x-www-form-urlencoded",
            timeout=timeout,
            extra_headers=extra_headers,
        )
        response = self._api.send(
            request,
            retry_safe=False,
            error_models={},
            max_retries=max_retries,
        )
        return self._api.parse(response, SearchResponse).root

    def upload_attachment(
        self,
        id: str,
        *,
        title: str,
        tags: list[str] | NotGiven = NOT_GIVEN,
        meta: Meta | dict[str, Any] | NotGiven = NOT_GIVEN,
        file: FileContent,
        previews: list[FileContent] | NotGiven = NOT_GIVEN,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Record:
        """Upload a file with its metadata

        `POST /records/{id}/attachments`

        Args:
            id: See the API reference.
            file: The attachment.
            previews: See the API reference.
            title: See `UploadAttachmentRequest`.
            tags: See `UploadAttachmentRequest`.
            meta: See `UploadAttachmentRequest`.
        """
        check_param("id", id, str)
        request = self._api.build_request(
            self._api.http,
            "POST",
            "/records/" + encode_path_segment(id) + "/attachments",
            body=as_model(
                UploadAttachmentRequest,
                omit_not_given(
                    {
                        "title": title,
                        "tags": tags,
                        "meta": meta,
                    }
                ),
            ),
            files=[
                ("file", file),
                ("previews", previews),
            ],
            content_type="multipart/form-data",
            timeout=timeout,
            extra_headers=extra_headers,
        )
        response = self._api.send(
            request,
            retry_safe=False,
            error_models={},
            max_retries=max_retries,
        )
        return self._api.parse(response, Record)

    def put_photo(
        self,
        id: str,
        *,
        photo: FileContent,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> None:
        """Replace the photo, the only part of the body

        `PUT /records/{id}/photo`

        Args:
            id: See the API reference.
            photo: See the API reference.
        """
        check_param("id", id, str)
        request = self._api.build_request(
            self._api.http,
            "PUT",
            "/records/" + encode_path_segment(id) + "/photo",
            files=[
                ("photo", photo),
            ],
            content_type="multipart/form-data",
            timeout=timeout,
            extra_headers=extra_headers,
        )
        self._api.send(
            request,
            retry_safe=True,
            error_models={},
            max_retries=max_retries,
        )

    def set_labels(
        self,
        id: str,
        *,
        body: SetLabelsRequest | dict[str, str] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> None:
        """Set free-form labels, a form of any fields

        `POST /records/{id}/labels`

        Args:
            id: See the API reference.
            body: the request body.
        """
        check_param("id", id, str)
        request = self._api.build_request(
            self._api.http,
            "POST",
            "/records/" + encode_path_segment(id) + "/labels",
            body=None if body is None else as_model(SetLabelsRequest, body),
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

    def create_record(
        self,
        *,
        type: Literal["person", "company"],
        name: str,
        filter: str | NotGiven = NOT_GIVEN,
        match: bool | NotGiven = NOT_GIVEN,
        class_: str | NotGiven = NOT_GIVEN,
        timeout_: int | NotGiven = NOT_GIVEN,
        Record_: str | NotGiven = NOT_GIVEN,
        links: dict[str, str] | NotGiven = NOT_GIVEN,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Record:
        """Create a record, fields named like builtins and keywords

        `POST /records`

        Args:
            type: See `Record`.
            name: See `Record`.
            filter: See `Record`.
            match: See `Record`.
            class_: See `Record`.
            timeout_: See `Record`.
            Record_: A field named like the body's own model.
            links: See `Record`.
        """
        request = self._api.build_request(
            self._api.http,
            "POST",
            "/records",
            body=as_model(
                Record,
                omit_not_given(
                    {
                        "type": type,
                        "name": name,
                        "filter": filter,
                        "match": match,
                        "class": class_,
                        "timeout": timeout_,
                        "Record": Record_,
                        "_links": links,
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
        return self._api.parse(response, Record)

    def create_records(
        self,
        *,
        body: CreateRecordsRequest | list[Record | dict[str, Any]],
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> list[Record]:
        """Create several records, an array body

        `POST /records/batch`

        Args:
            body: the request body.
        """
        request = self._api.build_request(
            self._api.http,
            "POST",
            "/records/batch",
            body=as_model(CreateRecordsRequest, body),
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
        return self._api.parse(response, CreateRecordsResponse).root


class RecordsResourceWithRawResponse:
    """The methods of `RecordsResource`, each returning an `APIResponse` around its result."""

    def __init__(self, resource: RecordsResource) -> None:
        self.search = to_raw_response(resource.search)
        self.upload_attachment = to_raw_response(resource.upload_attachment)
        self.put_photo = to_raw_response(resource.put_photo)
        self.set_labels = to_raw_response(resource.set_labels)
        self.create_record = to_raw_response(resource.create_record)
        self.create_records = to_raw_response(resource.create_records)


class StatsResource:
    """Operations tagged 'stats'."""

    def __init__(self, api: SyncAPI) -> None:
        self._api = api

    @cached_property
    def with_raw_response(self) -> StatsResourceWithRawResponse:
        """These methods returning an `APIResponse`: status, headers and `httpx.Response` with the result."""
        return StatsResourceWithRawResponse(self)

    def count_by_type(
        self,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> dict[str, int]:
        """Counts by record type

        `GET /stats`
        """
        request = self._api.build_request(
            self._api.http,
            "GET",
            "/stats",
            timeout=timeout,
            extra_headers=extra_headers,
        )
        response = self._api.send(
            request,
            retry_safe=True,
            error_models={},
            max_retries=max_retries,
        )
        return self._api.parse(response, CountByTypeResponse).root

    def get_version(
        self,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> str:
        """The API version, a bare string

        `GET /stats/version`
        """
        request = self._api.build_request(
            self._api.http,
            "GET",
            "/stats/version",
            timeout=timeout,
            extra_headers=extra_headers,
        )
        response = self._api.send(
            request,
            retry_safe=True,
            error_models={},
            max_retries=max_retries,
        )
        return self._api.parse(response, GetVersionResponse).root

    def get_latest(
        self,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Created | Deleted:
        """The latest event, one of two kinds

        `GET /stats/latest`
        """
        request = self._api.build_request(
            self._api.http,
            "GET",
            "/stats/latest",
            timeout=timeout,
            extra_headers=extra_headers,
        )
        response = self._api.send(
            request,
            retry_safe=True,
            error_models={},
            max_retries=max_retries,
        )
        return self._api.parse(response, Event).root


class StatsResourceWithRawResponse:
    """The methods of `StatsResource`, each returning an `APIResponse` around its result."""

    def __init__(self, resource: StatsResource) -> None:
        self.count_by_type = to_raw_response(resource.count_by_type)
        self.get_version = to_raw_response(resource.get_version)
        self.get_latest = to_raw_response(resource.get_latest)


class BodiesClient:
    """Synchronous client for Bodies fixture.

    Form and multipart bodies, keywords named as the wire names, and responses that are
    arrays, maps, scalars and unions rather than objects.

    Args:
        api_key: the API key; read from `BODIES_API_KEY` when not given.
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
            api_key = os.environ.get("BODIES_API_KEY")
        if not api_key:
            raise ValueError("an API key is required: pass api_key= or set BODIES_API_KEY")
        credentials = Credentials.header("Authorization", "Bearer ", api_key)
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
        self.records = RecordsResource(self._api)
        self.stats = StatsResource(self._api)

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


class AsyncRecordsResource:
    """Operations tagged 'records'."""

    def __init__(self, api: AsyncAPI) -> None:
        self._api = api

    @cached_property
    def with_raw_response(self) -> AsyncRecordsResourceWithRawResponse:
        """These methods returning an `APIResponse`: status, headers and `httpx.Response` with the result."""
        return AsyncRecordsResourceWithRawResponse(self)

    async def search(
        self,
        *,
        criteria: str,
        rows: int | NotGiven = NOT_GIVEN,
        fields: list[str] | NotGiven = NOT_GIVEN,
        order: Literal["asc", "desc"] | NotGiven = NOT_GIVEN,
        range: Range | dict[str, Any] | NotGiven = NOT_GIVEN,
        type: str | NotGiven = NOT_GIVEN,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> list[Record]:
        """Search with a form

        `POST /search`

        Args:
            type: See the API reference.
            criteria: See `SearchRequest`.
            rows: See `SearchRequest`.
            fields: See `SearchRequest`.
            order: See `SearchRequest`.
            range: See `SearchRequest`.
        """
        check_param("type", type, str, nullable=True)
        request = self._api.build_request(
            self._api.http,
            "POST",
            "/search",
            query=[
                ("type", type, "form", True),
            ],
            body=as_model(
                SearchRequest,
                omit_not_given(
                    {
                        "criteria": criteria,
                        "rows": rows,
                        "fields": fields,
                        "order": order,
                        "range": range,
                    }
                ),
            ),
            content_type="application/x-www-form-urlencoded",
            timeout=timeout,
            extra_headers=extra_headers,
        )
        response = await self._api.send(
            request,
            retry_safe=False,
            error_models={},
            max_retries=max_retries,
        )
        return self._api.parse(response, SearchResponse).root

    async def upload_attachment(
        self,
        id: str,
        *,
        title: str,
        tags: list[str] | NotGiven = NOT_GIVEN,
        meta: Meta | dict[str, Any] | NotGiven = NOT_GIVEN,
        file: FileContent,
        previews: list[FileContent] | NotGiven = NOT_GIVEN,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Record:
        """Upload a file with its metadata

        `POST /records/{id}/attachments`

        Args:
            id: See the API reference.
            file: The attachment.
            previews: See the API reference.
            title: See `UploadAttachmentRequest`.
            tags: See `UploadAttachmentRequest`.
            meta: See `UploadAttachmentRequest`.
        """
        check_param("id", id, str)
        request = self._api.build_request(
            self._api.http,
            "POST",
            "/records/" + encode_path_segment(id) + "/attachments",
            body=as_model(
                UploadAttachmentRequest,
                omit_not_given(
                    {
                        "title": title,
                        "tags": tags,
                        "meta": meta,
                    }
                ),
            ),
            files=[
                ("file", file),
                ("previews", previews),
            ],
            content_type="multipart/form-data",
            timeout=timeout,
            extra_headers=extra_headers,
        )
        response = await self._api.send(
            request,
            retry_safe=False,
            error_models={},
            max_retries=max_retries,
        )
        return self._api.parse(response, Record)

    async def put_photo(
        self,
        id: str,
        *,
        photo: FileContent,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> None:
        """Replace the photo, the only part of the body

        `PUT /records/{id}/photo`

        Args:
            id: See the API reference.
            photo: See the API reference.
        """
        check_param("id", id, str)
        request = self._api.build_request(
            self._api.http,
            "PUT",
            "/records/" + encode_path_segment(id) + "/photo",
            files=[
                ("photo", photo),
            ],
            content_type="multipart/form-data",
            timeout=timeout,
            extra_headers=extra_headers,
        )
        await self._api.send(
            request,
            retry_safe=True,
            error_models={},
            max_retries=max_retries,
        )

    async def set_labels(
        self,
        id: str,
        *,
        body: SetLabelsRequest | dict[str, str] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> None:
        """Set free-form labels, a form of any fields

        `POST /records/{id}/labels`

        Args:
            id: See the API reference.
            body: the request body.
        """
        check_param("id", id, str)
        request = self._api.build_request(
            self._api.http,
            "POST",
            "/records/" + encode_path_segment(id) + "/labels",
            body=None if body is None else as_model(SetLabelsRequest, body),
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

    async def create_record(
        self,
        *,
        type: Literal["person", "company"],
        name: str,
        filter: str | NotGiven = NOT_GIVEN,
        match: bool | NotGiven = NOT_GIVEN,
        class_: str | NotGiven = NOT_GIVEN,
        timeout_: int | NotGiven = NOT_GIVEN,
        Record_: str | NotGiven = NOT_GIVEN,
        links: dict[str, str] | NotGiven = NOT_GIVEN,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Record:
        """Create a record, fields named like builtins and keywords

        `POST /records`

        Args:
            type: See `Record`.
            name: See `Record`.
            filter: See `Record`.
            match: See `Record`.
            class_: See `Record`.
            timeout_: See `Record`.
            Record_: A field named like the body's own model.
            links: See `Record`.
        """
        request = self._api.build_request(
            self._api.http,
            "POST",
            "/records",
            body=as_model(
                Record,
                omit_not_given(
                    {
                        "type": type,
                        "name": name,
                        "filter": filter,
                        "match": match,
                        "class": class_,
                        "timeout": timeout_,
                        "Record": Record_,
                        "_links": links,
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
        return self._api.parse(response, Record)

    async def create_records(
        self,
        *,
        body: CreateRecordsRequest | list[Record | dict[str, Any]],
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> list[Record]:
        """Create several records, an array body

        `POST /records/batch`

        Args:
            body: the request body.
        """
        request = self._api.build_request(
            self._api.http,
            "POST",
            "/records/batch",
            body=as_model(CreateRecordsRequest, body),
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
        return self._api.parse(response, CreateRecordsResponse).root


class AsyncRecordsResourceWithRawResponse:
    """The methods of `AsyncRecordsResource`, each returning an `APIResponse` around its result."""

    def __init__(self, resource: AsyncRecordsResource) -> None:
        self.search = to_async_raw_response(resource.search)
        self.upload_attachment = to_async_raw_response(resource.upload_attachment)
        self.put_photo = to_async_raw_response(resource.put_photo)
        self.set_labels = to_async_raw_response(resource.set_labels)
        self.create_record = to_async_raw_response(resource.create_record)
        self.create_records = to_async_raw_response(resource.create_records)


class AsyncStatsResource:
    """Operations tagged 'stats'."""

    def __init__(self, api: AsyncAPI) -> None:
        self._api = api

    @cached_property
    def with_raw_response(self) -> AsyncStatsResourceWithRawResponse:
        """These methods returning an `APIResponse`: status, headers and `httpx.Response` with the result."""
        return AsyncStatsResourceWithRawResponse(self)

    async def count_by_type(
        self,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> dict[str, int]:
        """Counts by record type

        `GET /stats`
        """
        request = self._api.build_request(
            self._api.http,
            "GET",
            "/stats",
            timeout=timeout,
            extra_headers=extra_headers,
        )
        response = await self._api.send(
            request,
            retry_safe=True,
            error_models={},
            max_retries=max_retries,
        )
        return self._api.parse(response, CountByTypeResponse).root

    async def get_version(
        self,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> str:
        """The API version, a bare string

        `GET /stats/version`
        """
        request = self._api.build_request(
            self._api.http,
            "GET",
            "/stats/version",
            timeout=timeout,
            extra_headers=extra_headers,
        )
        response = await self._api.send(
            request,
            retry_safe=True,
            error_models={},
            max_retries=max_retries,
        )
        return self._api.parse(response, GetVersionResponse).root

    async def get_latest(
        self,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Created | Deleted:
        """The latest event, one of two kinds

        `GET /stats/latest`
        """
        request = self._api.build_request(
            self._api.http,
            "GET",
            "/stats/latest",
            timeout=timeout,
            extra_headers=extra_headers,
        )
        response = await self._api.send(
            request,
            retry_safe=True,
            error_models={},
            max_retries=max_retries,
        )
        return self._api.parse(response, Event).root


class AsyncStatsResourceWithRawResponse:
    """The methods of `AsyncStatsResource`, each returning an `APIResponse` around its result."""

    def __init__(self, resource: AsyncStatsResource) -> None:
        self.count_by_type = to_async_raw_response(resource.count_by_type)
        self.get_version = to_async_raw_response(resource.get_version)
        self.get_latest = to_async_raw_response(resource.get_latest)


class AsyncBodiesClient:
    """Asynchronous client for Bodies fixture.

    Form and multipart bodies, keywords named as the wire names, and responses that are
    arrays, maps, scalars and unions rather than objects.

    Args:
        api_key: the API key; read from `BODIES_API_KEY` when not given.
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
            api_key = os.environ.get("BODIES_API_KEY")
        if not api_key:
            raise ValueError("an API key is required: pass api_key= or set BODIES_API_KEY")
        credentials = Credentials.header("Authorization", "Bearer ", api_key)
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
        self.records = AsyncRecordsResource(self._api)
        self.stats = AsyncStatsResource(self._api)

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
