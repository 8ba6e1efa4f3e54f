"""The Kombo clients and their resources."""

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
    log_warnings,
    omit_not_given,
    to_async_raw_response,
    to_raw_response,
)
from .models import (
    AddCandidateResultLinkRequest,
    Attachment,
    AttributeSubResult,
    AttributeText,
    ErrorResponse,
    OrderResultRemoteFields,
    ResultLinkDetails,
    ResultLinkRemoteFields,
    SuccessResponse,
    UpdateOrderResultRequest,
)

if sys.version_info >= (3, 11):
    from typing import Self
else:
    from typing_extensions import Self

SERVERS: dict[str, str] = {
    "eu": "https://api.kombo.dev/v1",
    "us": "https://api.us.kombo.dev/v1",
}
"""Base URLs by region name, from the spec's servers."""


class AssessmentResource:
    """Assessment and background-check orders (Kombo's "Unified ATS (Assessment & Background
    Check) API" group)."""

    def __init__(self, api: SyncAPI) -> None:
        self._api = api

    @cached_property
    def with_raw_response(self) -> AssessmentResourceWithRawResponse:
        """These methods returning an `APIResponse`: status, headers and `httpx.Response` with the result."""
        return AssessmentResourceWithRawResponse(self)

    def update_order_result(
        self,
        assessment_order_id: str,
        *,
        status: Literal["COMPLETED", "CANCELLED", "OPEN"],
        result_url: str,
        completed_at: datetime | NotGiven = NOT_GIVEN,
        score: float | NotGiven = NOT_GIVEN,
        max_score: float | NotGiven = NOT_GIVEN,
        attributes: (
            list[AttributeText | AttributeSubResult | dict[str, Any]] | NotGiven
        ) = NOT_GIVEN,
        attachments: list[Attachment | dict[str, Any]] | NotGiven = NOT_GIVEN,
        remote_fields: OrderResultRemoteFields | dict[str, Any] | NotGiven = NOT_GIVEN,
        integration_id: str | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> SuccessResponse:
        """Update order result

        Writes the outcome of an assessment or background-check order back to the ATS: its
        status, the link to the full result, optional scores, structured attributes and up to
        five file attachments. The status can only move away from `OPEN`; once an order is
        completed or cancelled its status is fixed. Send `completed_at` whenever the status is
        `COMPLETED` or `CANCELLED`. Writes to the ATS may count towards Kombo's limit of 30
        concurrent action requests per integration, which answers with HTTP 429 and
        `PLATFORM.CONCURRENCY_LIMIT_EXCEEDED`. Vendor operationId:
        PutAssessmentOrdersAssessmentOrderIdResult.

        `PUT /assessment/orders/{assessment_order_id}/result`

        Args:
            assessment_order_id: Kombo ID of the assessment order whose result is being reported.
            integration_id: Identifies which customer integration the request acts on, in the form `<tool>:<id>`. Defaults to the client's value.
            status: Status to give the order. It can only be changed while the stored order is still `OPEN`.
            result_url: Link to the full result in your product.
            completed_at: When the assessment was finished, as an ISO 8601 UTC timestamp
                (`YYYY-MM-DDTHH:mm:ss.sssZ`). Not enforced by the schema, but Kombo expects it whenever
                `status` is `COMPLETED` or `CANCELLED`.
            score: Overall score. Any finite double is accepted; there is no upper bound and no check
                against `max_score`.
            max_score: Highest score that was achievable. Any finite double is accepted.
            attributes: Extra structured information about the result. If the ATS can only hold text, Kombo
                renders every non-`TEXT` attribute as formatted plain text.
            attachments: Files that make up the result (for example a PDF report); at most five.
            remote_fields: See `UpdateOrderResultRequest`.
        """
        check_param("assessment_order_id", assessment_order_id, str)
        check_param("integration_id", integration_id, str, nullable=True)
        request = self._api.build_request(
            self._api.http,
            "PUT",
            "/assessment/orders/" + encode_path_segment(assessment_order_id) + "/result",
            headers={
                "X-Integration-Id": self._api.client_header(
                    "integration_id", integration_id, "KOMBO_INTEGRATION_ID"
                ),
            },
            body=as_model(
                UpdateOrderResultRequest,
                omit_not_given(
                    {
                        "status": status,
                        "result_url": result_url,
                        "completed_at": completed_at,
                        "score": score,
                        "max_score": max_score,
                        "attributes": attributes,
                        "attachments": attachments,
                        "remote_fields": remote_fields,
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
                "409": ErrorResponse,
                "429": ErrorResponse,
                "default": ErrorResponse,
            },
            max_retries=max_retries,
        )
        result = self._api.parse(response, SuccessResponse)
        log_warnings(result, "warnings", request)
        return result


class AssessmentResourceWithRawResponse:
    """The methods of `AssessmentResource`, each returning an `APIResponse` around its result."""

    def __init__(self, resource: AssessmentResource) -> None:
        self.update_order_result = to_raw_response(resource.update_order_result)


class AtsResource:
    """Actions on ATS objects such as candidates (Kombo's "Unified ATS API" group)."""

    def __init__(self, api: SyncAPI) -> None:
        self._api = api

    @cached_property
    def with_raw_response(self) -> AtsResourceWithRawResponse:
        """These methods returning an `APIResponse`: status, headers and `httpx.Response` with the result."""
        return AtsResourceWithRawResponse(self)

    def add_candidate_result_link(
        self,
        candidate_id: str,
        *,
        label: str,
        url: str,
        details: ResultLinkDetails | dict[str, Any] | NotGiven = NOT_GIVEN,
        remote_fields: ResultLinkRemoteFields | dict[str, Any] | NotGiven = NOT_GIVEN,
        integration_id: str | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> SuccessResponse:
        """Add result link to candidate

        Attaches a link (for example to an assessment report in your product) to a candidate in
        the ATS, optionally with short key/value details. Where an ATS has no native result-link
        feature Kombo stores the link in another suitable field. Kombo recommends using the
        application-level endpoint `POST /ats/applications/{application_id}/result-links`
        instead of this one. Requires the "Add result links" permission in the integration's
        scope config. This is an ATS action, so it can take long and counts towards the
        per-integration concurrency limit. Vendor operationId:
        PostAtsCandidatesCandidateIdResultLinks.

        `POST /ats/candidates/{candidate_id}/result-links`

        Args:
            candidate_id: Kombo ID of the candidate that receives the result link.
            integration_id: Identifies which customer integration the request acts on, in the form `<tool>:<id>`. Defaults to the client's value.
            label: Display name for the link, used where the ATS can show one.
            url: Target of the link.
            details: See `AddCandidateResultLinkRequest`.
            remote_fields: See `AddCandidateResultLinkRequest`.
        """
        check_param("candidate_id", candidate_id, str)
        check_param("integration_id", integration_id, str, nullable=True)
        request = self._api.build_request(
            self._api.http,
            "POST",
            "/ats/candidates/" + encode_path_segment(candidate_id) + "/result-links",
            headers={
                "X-Integration-Id": self._api.client_header(
                    "integration_id", integration_id, "KOMBO_INTEGRATION_ID"
                ),
            },
            body=as_model(
                AddCandidateResultLinkRequest,
                omit_not_given(
                    {
                        "label": label,
                        "url": url,
                        "details": details,
                        "remote_fields": remote_fields,
                    }
                ),
            ),
            content_type="application/json",
            timeout=timeout,
            operation_timeout=300.0,
            extra_headers=extra_headers,
        )
        response = self._api.send(
            request,
            retry_safe=False,
            error_models={
                "409": ErrorResponse,
                "429": ErrorResponse,
                "default": ErrorResponse,
            },
            max_retries=max_retries,
        )
        result = self._api.parse(response, SuccessResponse)
        log_warnings(result, "warnings", request)
        return result


class AtsResourceWithRawResponse:
    """The methods of `AtsResource`, each returning an `APIResponse` around its result."""

    def __init__(self, resource: AtsResource) -> None:
        self.add_candidate_result_link = to_raw_response(resource.add_candidate_result_link)


class KomboClient:
    """Synchronous client for Kombo Assessment API.

    Hand-curated subset of Kombo's unified ATS API covering the two calls an assessment
    provider uses to report results back into the customer's ATS: writing the result of an
    assessment order and attaching a result link to a candidate. Follows Kombo's published
    OpenAPI document of 2026-05 plus the newer remote fields found in the 2026-07 SDK. Every
    request must carry the API key as a bearer token and the `X-Integration-Id` header that
    selects the customer's integration. Kombo asks clients to branch on `error.code` rather
    than on the HTTP status when handling failures.

    Args:
        api_key: the API key; read from `KOMBO_API_KEY` when not given.
        integration_id: Identifies which customer integration the request acts on, in the form `<tool>:<id>`. Read from
            `KOMBO_INTEGRATION_ID` when not given; each call can override it.
        region: which server to use: `eu` (default), `us`.
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
        integration_id: str | None = None,
        region: str = "eu",
        base_url: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.Client | None = None,
    ) -> None:
        if api_key is None:
            api_key = os.environ.get("KOMBO_API_KEY")
        if not api_key:
            raise ValueError("an API key is required: pass api_key= or set KOMBO_API_KEY")
        credentials = Credentials.header("Authorization", "Bearer ", api_key)
        if region not in SERVERS:
            raise ValueError(f"unknown region {region!r}; choose one of {', '.join(SERVERS)}")
        if base_url is None:
            base_url = SERVERS[region]
        self._api = SyncAPI(
            base_url=base_url,
            credentials=credentials,
            client_headers={
                "integration_id": (
                    "X-Integration-Id",
                    (
                        integration_id
                        if integration_id is not None
                        else os.environ.get("KOMBO_INTEGRATION_ID")
                    ),
                ),
            },
            default_headers=default_headers,
            timeout=timeout,
            max_retries=max_retries,
            max_response_bytes=max_response_bytes,
            http_client=http_client,
        )
        self.assessment = AssessmentResource(self._api)
        self.ats = AtsResource(self._api)

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
    """Assessment and background-check orders (Kombo's "Unified ATS (Assessment & Background
    Check) API" group)."""

    def __init__(self, api: AsyncAPI) -> None:
        self._api = api

    @cached_property
    def with_raw_response(self) -> AsyncAssessmentResourceWithRawResponse:
        """These methods returning an `APIResponse`: status, headers and `httpx.Response` with the result."""
        return AsyncAssessmentResourceWithRawResponse(self)

    async def update_order_result(
        self,
        assessment_order_id: str,
        *,
        status: Literal["COMPLETED", "CANCELLED", "OPEN"],
        result_url: str,
        completed_at: datetime | NotGiven = NOT_GIVEN,
        score: float | NotGiven = NOT_GIVEN,
        max_score: float | NotGiven = NOT_GIVEN,
        attributes: (
            list[AttributeText | AttributeSubResult | dict[str, Any]] | NotGiven
        ) = NOT_GIVEN,
        attachments: list[Attachment | dict[str, Any]] | NotGiven = NOT_GIVEN,
        remote_fields: OrderResultRemoteFields | dict[str, Any] | NotGiven = NOT_GIVEN,
        integration_id: str | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> SuccessResponse:
        """Update order result

        Writes the outcome of an assessment or background-check order back to the ATS: its
        status, the link to the full result, optional scores, structured attributes and up to
        five file attachments. The status can only move away from `OPEN`; once an order is
        completed or cancelled its status is fixed. Send `completed_at` whenever the status is
        `COMPLETED` or `CANCELLED`. Writes to the ATS may count towards Kombo's limit of 30
        concurrent action requests per integration, which answers with HTTP 429 and
        `PLATFORM.CONCURRENCY_LIMIT_EXCEEDED`. Vendor operationId:
        PutAssessmentOrdersAssessmentOrderIdResult.

        `PUT /assessment/orders/{assessment_order_id}/result`

        Args:
            assessment_order_id: Kombo ID of the assessment order whose result is being reported.
            integration_id: Identifies which customer integration the request acts on, in the form `<tool>:<id>`. Defaults to the client's value.
            status: Status to give the order. It can only be changed while the stored order is still `OPEN`.
            result_url: Link to the full result in your product.
            completed_at: When the assessment was finished, as an ISO 8601 UTC timestamp
                (`YYYY-MM-DDTHH:mm:ss.sssZ`). Not enforced by the schema, but Kombo expects it whenever
                `status` is `COMPLETED` or `CANCELLED`.
            score: Overall score. Any finite double is accepted; there is no upper bound and no check
                against `max_score`.
            max_score: Highest score that was achievable. Any finite double is accepted.
            attributes: Extra structured information about the result. If the ATS can only hold text, Kombo
                renders every non-`TEXT` attribute as formatted plain text.
            attachments: Files that make up the result (for example a PDF report); at most five.
            remote_fields: See `UpdateOrderResultRequest`.
        """
        check_param("assessment_order_id", assessment_order_id, str)
        check_param("integration_id", integration_id, str, nullable=True)
        request = self._api.build_request(
            self._api.http,
            "PUT",
            "/assessment/orders/" + encode_path_segment(assessment_order_id) + "/result",
            headers={
                "X-Integration-Id": self._api.client_header(
                    "integration_id", integration_id, "KOMBO_INTEGRATION_ID"
                ),
            },
            body=as_model(
                UpdateOrderResultRequest,
                omit_not_given(
                    {
                        "status": status,
                        "result_url": result_url,
                        "completed_at": completed_at,
                        "score": score,
                        "max_score": max_score,
                        "attributes": attributes,
                        "attachments": attachments,
                        "remote_fields": remote_fields,
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
                "409": ErrorResponse,
                "429": ErrorResponse,
                "default": ErrorResponse,
            },
            max_retries=max_retries,
        )
        result = self._api.parse(response, SuccessResponse)
        log_warnings(result, "warnings", request)
        return result


class AsyncAssessmentResourceWithRawResponse:
    """The methods of `AsyncAssessmentResource`, each returning an `APIResponse` around its result."""

    def __init__(self, resource: AsyncAssessmentResource) -> None:
        self.update_order_result = to_async_raw_response(resource.update_order_result)


class AsyncAtsResource:
    """Actions on ATS objects such as candidates (Kombo's "Unified ATS API" group)."""

    def __init__(self, api: AsyncAPI) -> None:
        self._api = api

    @cached_property
    def with_raw_response(self) -> AsyncAtsResourceWithRawResponse:
        """These methods returning an `APIResponse`: status, headers and `httpx.Response` with the result."""
        return AsyncAtsResourceWithRawResponse(self)

    async def add_candidate_result_link(
        self,
        candidate_id: str,
        *,
        label: str,
        url: str,
        details: ResultLinkDetails | dict[str, Any] | NotGiven = NOT_GIVEN,
        remote_fields: ResultLinkRemoteFields | dict[str, Any] | NotGiven = NOT_GIVEN,
        integration_id: str | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> SuccessResponse:
        """Add result link to candidate

        Attaches a link (for example to an assessment report in your product) to a candidate in
        the ATS, optionally with short key/value details. Where an ATS has no native result-link
        feature Kombo stores the link in another suitable field. Kombo recommends using the
        application-level endpoint `POST /ats/applications/{application_id}/result-links`
        instead of this one. Requires the "Add result links" permission in the integration's
        scope config. This is an ATS action, so it can take long and counts towards the
        per-integration concurrency limit. Vendor operationId:
        PostAtsCandidatesCandidateIdResultLinks.

        `POST /ats/candidates/{candidate_id}/result-links`

        Args:
            candidate_id: Kombo ID of the candidate that receives the result link.
            integration_id: Identifies which customer integration the request acts on, in the form `<tool>:<id>`. Defaults to the client's value.
            label: Display name for the link, used where the ATS can show one.
            url: Target of the link.
            details: See `AddCandidateResultLinkRequest`.
            remote_fields: See `AddCandidateResultLinkRequest`.
        """
        check_param("candidate_id", candidate_id, str)
        check_param("integration_id", integration_id, str, nullable=True)
        request = self._api.build_request(
            self._api.http,
            "POST",
            "/ats/candidates/" + encode_path_segment(candidate_id) + "/result-links",
            headers={
                "X-Integration-Id": self._api.client_header(
                    "integration_id", integration_id, "KOMBO_INTEGRATION_ID"
                ),
            },
            body=as_model(
                AddCandidateResultLinkRequest,
                omit_not_given(
                    {
                        "label": label,
                        "url": url,
                        "details": details,
                        "remote_fields": remote_fields,
                    }
                ),
            ),
            content_type="application/json",
            timeout=timeout,
            operation_timeout=300.0,
            extra_headers=extra_headers,
        )
        response = await self._api.send(
            request,
            retry_safe=False,
            error_models={
                "409": ErrorResponse,
                "429": ErrorResponse,
                "default": ErrorResponse,
            },
            max_retries=max_retries,
        )
        result = self._api.parse(response, SuccessResponse)
        log_warnings(result, "warnings", request)
        return result


class AsyncAtsResourceWithRawResponse:
    """The methods of `AsyncAtsResource`, each returning an `APIResponse` around its result."""

    def __init__(self, resource: AsyncAtsResource) -> None:
        self.add_candidate_result_link = to_async_raw_response(resource.add_candidate_result_link)


class AsyncKomboClient:
    """Asynchronous client for Kombo Assessment API.

    Hand-curated subset of Kombo's unified ATS API covering the two calls an assessment
    provider uses to report results back into the customer's ATS: writing the result of an
    assessment order and attaching a result link to a candidate. Follows Kombo's published
    OpenAPI document of 2026-05 plus the newer remote fields found in the 2026-07 SDK. Every
    request must carry the API key as a bearer token and the `X-Integration-Id` header that
    selects the customer's integration. Kombo asks clients to branch on `error.code` rather
    than on the HTTP status when handling failures.

    Args:
        api_key: the API key; read from `KOMBO_API_KEY` when not given.
        integration_id: Identifies which customer integration the request acts on, in the form `<tool>:<id>`. Read from
            `KOMBO_INTEGRATION_ID` when not given; each call can override it.
        region: which server to use: `eu` (default), `us`.
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
        integration_id: str | None = None,
        region: str = "eu",
        base_url: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        if api_key is None:
            api_key = os.environ.get("KOMBO_API_KEY")
        if not api_key:
            raise ValueError("an API key is required: pass api_key= or set KOMBO_API_KEY")
        credentials = Credentials.header("Authorization", "Bearer ", api_key)
        if region not in SERVERS:
            raise ValueError(f"unknown region {region!r}; choose one of {', '.join(SERVERS)}")
        if base_url is None:
            base_url = SERVERS[region]
        self._api = AsyncAPI(
            base_url=base_url,
            credentials=credentials,
            client_headers={
                "integration_id": (
                    "X-Integration-Id",
                    (
                        integration_id
                        if integration_id is not None
                        else os.environ.get("KOMBO_INTEGRATION_ID")
                    ),
                ),
            },
            default_headers=default_headers,
            timeout=timeout,
            max_retries=max_retries,
            max_response_bytes=max_response_bytes,
            http_client=http_client,
        )
        self.assessment = AsyncAssessmentResource(self._api)
        self.ats = AsyncAtsResource(self._api)

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
