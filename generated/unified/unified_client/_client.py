"""The Unified clients and their resources."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from datetime import datetime
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
from .models import AssessmentPackage, AssessmentPackageRegion, AssessmentParameter

if sys.version_info >= (3, 11):
    from typing import Self
else:
    from typing_extensions import Self

SERVERS: dict[str, str] = {
    "us": "https://api.unified.to",
    "eu": "https://api-eu.unified.to",
    "au": "https://api-au.unified.to",
}
"""Base URLs by region name, from the spec's servers."""


class AssessmentResource:
    """Unified.to assessment resources (vendor tags `assessment` and `package`)."""

    def __init__(self, api: SyncAPI) -> None:
        self._api = api

    @cached_property
    def with_raw_response(self) -> AssessmentResourceWithRawResponse:
        """These methods returning an `APIResponse`: status, headers and `httpx.Response` with the result."""
        return AssessmentResourceWithRawResponse(self)

    def create_assessment_package(
        self,
        connection_id: str,
        *,
        type: Literal[
            "SKILLS_TEST",
            "BEHAVIORAL_ASSESSMENT",
            "VIDEO_INTERVIEW",
            "BACKGROUND_CHECK",
            "REFERENCE_CHECK",
            "OTHER",
        ],
        id: str | NotGiven = NOT_GIVEN,
        created_at: datetime | NotGiven = NOT_GIVEN,
        updated_at: datetime | NotGiven = NOT_GIVEN,
        integration_types: list[str] | NotGiven = NOT_GIVEN,
        name: str | NotGiven = NOT_GIVEN,
        aliases: list[str] | NotGiven = NOT_GIVEN,
        tags: list[str] | NotGiven = NOT_GIVEN,
        description: str | NotGiven = NOT_GIVEN,
        parameters: list[AssessmentParameter | dict[str, Any]] | NotGiven = NOT_GIVEN,
        has_redirect_url: bool | NotGiven = NOT_GIVEN,
        has_target_url: bool | NotGiven = NOT_GIVEN,
        needs_ip_address: bool | NotGiven = NOT_GIVEN,
        max_score: float | NotGiven = NOT_GIVEN,
        info_url: str | NotGiven = NOT_GIVEN,
        regions: list[AssessmentPackageRegion | dict[str, Any]] | NotGiven = NOT_GIVEN,
        raw: dict[str, Any] | NotGiven = NOT_GIVEN,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> AssessmentPackage:
        """Create an assessment package

        Lets an assessment provider submit one of its packages (a test, check or interview it
        offers) to the ATS linked through the given connection, so recruiters can order it
        there. The created package is returned, including the fields set by the server such as
        `id` and the timestamps. Vendor operationId: createAssessmentPackage.

        `POST /assessment/{connection_id}/package`

        Args:
            connection_id: Identifier of the Unified.to connection to submit the package to.
            id: Unique identifier of the package.
            created_at: When the package was created (ISO 8601); set by the server.
            updated_at: When the package was last changed (ISO 8601); set by the server.
            integration_types: Integration types that can use this package.
            name: Display name of the package.
            type: Kind of assessment the package provides. Treat as an open set: Unified.to may add
                values.
            aliases: Other names or identifiers under which the package is known.
            tags: Category labels such as "Assessment" or "Background Check".
            description: Longer explanation of what the package covers.
            parameters: Inputs the ATS order form has to collect for this package.
            has_redirect_url: True if the candidate is sent to the provider to take the assessment.
            has_target_url: True if the provider sends the candidate on to a target URL once finished.
            needs_ip_address: True if ordering the package requires the candidate's IP address.
            max_score: Highest score the assessment can produce, for packages that are scored.
            info_url: Where to read more about the package.
            regions: Regions the package is offered in, with price and turnaround per region.
            raw: The provider's original data for the package, unchanged.
        """
        check_param("connection_id", connection_id, str)
        request = self._api.build_request(
            self._api.http,
            "POST",
            "/assessment/" + encode_path_segment(connection_id) + "/package",
            body=as_model(
                AssessmentPackage,
                omit_not_given(
                    {
                        "id": id,
                        "created_at": created_at,
                        "updated_at": updated_at,
                        "integration_types": integration_types,
                        "name": name,
                        "type": type,
                        "aliases": aliases,
                        "tags": tags,
                        "description": description,
                        "parameters": parameters,
                        "has_redirect_url": has_redirect_url,
                        "has_target_url": has_target_url,
                        "needs_ip_address": needs_ip_address,
                        "max_score": max_score,
                        "info_url": info_url,
                        "regions": regions,
                        "raw": raw,
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
        return self._api.parse(response, AssessmentPackage)


class AssessmentResourceWithRawResponse:
    """The methods of `AssessmentResource`, each returning an `APIResponse` around its result."""

    def __init__(self, resource: AssessmentResource) -> None:
        self.create_assessment_package = to_raw_response(resource.create_assessment_package)


class UnifiedClient:
    """Synchronous client for Unified.to Assessment Packages API.

    Hand-curated subset of Unified.to's assessment API: publishing an assessment package
    from an assessment provider to the ATS behind a connection. Follows the newest vendor
    state (SDK regenerated 2026-05-21 and the June 2026 docs), in which only the package
    `type` is required. Unified.to declares no error responses for this call; any 4xx or 5xx
    is a generic failure. Its own rate limiter answers with the message "Too many requests
    to Unified.to", and each upstream integration has limits of its own. The vendor SDK
    retries 429, 500, 502, 503 and 504 when retries are enabled.

    Args:
        api_key: the API key; read from `UNIFIED_API_KEY` when not given.
        region: which server to use: `us` (default), `eu`, `au`.
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
        region: str = "us",
        base_url: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.Client | None = None,
    ) -> None:
        if api_key is None:
            api_key = os.environ.get("UNIFIED_API_KEY")
        if not api_key:
            raise ValueError("an API key is required: pass api_key= or set UNIFIED_API_KEY")
        credentials = Credentials.header("authorization", "Bearer ", api_key)
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
        self.assessment = AssessmentResource(self._api)

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


class AsyncAssessmentResource:
    """Unified.to assessment resources (vendor tags `assessment` and `package`)."""

    def __init__(self, api: AsyncAPI) -> None:
        self._api = api

    @cached_property
    def with_raw_response(self) -> AsyncAssessmentResourceWithRawResponse:
        """These methods returning an `APIResponse`: status, headers and `httpx.Response` with the result."""
        return AsyncAssessmentResourceWithRawResponse(self)

    async def create_assessment_package(
        self,
        connection_id: str,
        *,
        type: Literal[
            "SKILLS_TEST",
            "BEHAVIORAL_ASSESSMENT",
            "VIDEO_INTERVIEW",
            "BACKGROUND_CHECK",
            "REFERENCE_CHECK",
            "OTHER",
        ],
        id: str | NotGiven = NOT_GIVEN,
        created_at: datetime | NotGiven = NOT_GIVEN,
        updated_at: datetime | NotGiven = NOT_GIVEN,
        integration_types: list[str] | NotGiven = NOT_GIVEN,
        name: str | NotGiven = NOT_GIVEN,
        aliases: list[str] | NotGiven = NOT_GIVEN,
        tags: list[str] | NotGiven = NOT_GIVEN,
        description: str | NotGiven = NOT_GIVEN,
        parameters: list[AssessmentParameter | dict[str, Any]] | NotGiven = NOT_GIVEN,
        has_redirect_url: bool | NotGiven = NOT_GIVEN,
        has_target_url: bool | NotGiven = NOT_GIVEN,
        needs_ip_address: bool | NotGiven = NOT_GIVEN,
        max_score: float | NotGiven = NOT_GIVEN,
        info_url: str | NotGiven = NOT_GIVEN,
        regions: list[AssessmentPackageRegion | dict[str, Any]] | NotGiven = NOT_GIVEN,
        raw: dict[str, Any] | NotGiven = NOT_GIVEN,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> AssessmentPackage:
        """Create an assessment package

        Lets an assessment provider submit one of its packages (a test, check or interview it
        offers) to the ATS linked through the given connection, so recruiters can order it
        there. The created package is returned, including the fields set by the server such as
        `id` and the timestamps. Vendor operationId: createAssessmentPackage.

        `POST /assessment/{connection_id}/package`

        Args:
            connection_id: Identifier of the Unified.to connection to submit the package to.
            id: Unique identifier of the package.
            created_at: When the package was created (ISO 8601); set by the server.
            updated_at: When the package was last changed (ISO 8601); set by the server.
            integration_types: Integration types that can use this package.
            name: Display name of the package.
            type: Kind of assessment the package provides. Treat as an open set: Unified.to may add
                values.
            aliases: Other names or identifiers under which the package is known.
            tags: Category labels such as "Assessment" or "Background Check".
            description: Longer explanation of what the package covers.
            parameters: Inputs the ATS order form has to collect for this package.
            has_redirect_url: True if the candidate is sent to the provider to take the assessment.
            has_target_url: True if the provider sends the candidate on to a target URL once finished.
            needs_ip_address: True if ordering the package requires the candidate's IP address.
            max_score: Highest score the assessment can produce, for packages that are scored.
            info_url: Where to read more about the package.
            regions: Regions the package is offered in, with price and turnaround per region.
            raw: The provider's original data for the package, unchanged.
        """
        check_param("connection_id", connection_id, str)
        request = self._api.build_request(
            self._api.http,
            "POST",
            "/assessment/" + encode_path_segment(connection_id) + "/package",
            body=as_model(
                AssessmentPackage,
                omit_not_given(
                    {
                        "id": id,
                        "created_at": created_at,
                        "updated_at": updated_at,
                        "integration_types": integration_types,
                        "name": name,
                        "type": type,
                        "aliases": aliases,
                        "tags": tags,
                        "description": description,
                        "parameters": parameters,
                        "has_redirect_url": has_redirect_url,
                        "has_target_url": has_target_url,
                        "needs_ip_address": needs_ip_address,
                        "max_score": max_score,
                        "info_url": info_url,
                        "regions": regions,
                        "raw": raw,
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
        return self._api.parse(response, AssessmentPackage)


class AsyncAssessmentResourceWithRawResponse:
    """The methods of `AsyncAssessmentResource`, each returning an `APIResponse` around its result."""

    def __init__(self, resource: AsyncAssessmentResource) -> None:
        self.create_assessment_package = to_async_raw_response(resource.create_assessment_package)


class AsyncUnifiedClient:
    """Asynchronous client for Unified.to Assessment Packages API.

    Hand-curated subset of Unified.to's assessment API: publishing an assessment package
    from an assessment provider to the ATS behind a connection. Follows the newest vendor
    state (SDK regenerated 2026-05-21 and the June 2026 docs), in which only the package
    `type` is required. Unified.to declares no error responses for this call; any 4xx or 5xx
    is a generic failure. Its own rate limiter answers with the message "Too many requests
    to Unified.to", and each upstream integration has limits of its own. The vendor SDK
    retries 429, 500, 502, 503 and 504 when retries are enabled.

    Args:
        api_key: the API key; read from `UNIFIED_API_KEY` when not given.
        region: which server to use: `us` (default), `eu`, `au`.
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
        region: str = "us",
        base_url: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        if api_key is None:
            api_key = os.environ.get("UNIFIED_API_KEY")
        if not api_key:
            raise ValueError("an API key is required: pass api_key= or set UNIFIED_API_KEY")
        credentials = Credentials.header("authorization", "Bearer ", api_key)
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
        self.assessment = AsyncAssessmentResource(self._api)

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
