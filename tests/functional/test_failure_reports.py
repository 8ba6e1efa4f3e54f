"""What users see when a call fails, and what server text reaches their logs: the API's own code
and message in the exception text (redacted, control characters escaped), `exc.error` typed with
the spec's error model for the status, and API warnings that cannot forge log records.
"""

from __future__ import annotations

import logging
import typing
from typing import Any

import kombo_client
import pytest
import stackone_client
import unified_client
import xobin_client
from runtime_cases import CASES, MODES, SECRET, run

KOMBO_RESULT = next(c for c in CASES if c.operation == "assessment.update_order_result")
KOMBO_LINKS = next(c for c in CASES if c.operation == "ats.add_candidate_result_link")
XOBIN = next(c for c in CASES if c.package is xobin_client)
STACKONE = next(c for c in CASES if c.package is stackone_client)


# -- 14. the API's code and message in str(exc) ----------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case, status, example, expected", [
    (KOMBO_LINKS, 429, "rate_limit",
     ("POST /v1/ats/candidates/candidate-1/result-links failed with HTTP 429: "
      "PLATFORM.RATE_LIMIT_EXCEEDED: Too many requests were sent with this API key. Slow down and retry.")),
    (KOMBO_LINKS, 409, "setup_sync_pending",
     ("POST /v1/ats/candidates/candidate-1/result-links failed with HTTP 409: "
      "INTEGRATION.SETUP_SYNC_PENDING: Wait for the first sync to complete before adding result links.")),
    (XOBIN, 404, "not_found", "GET /api/v2/assessments/report/482913 failed with HTTP 404: Report not found"),
    (STACKONE, 412, "precondition_failed",
     ("GET /unified/ats/assessments/orders/order-1 failed with HTTP 412: "
      "Precondition failed, linked account belongs to a disabled integration")),
])
def test_the_api_code_and_message_are_in_the_exception_text(
    mode: str, case: Any, status: int, example: str, expected: str
) -> None:
    fake = case.fake()
    fake.respond(case.operation, status=status, example=example)
    with pytest.raises(case.package.APIStatusError) as caught:
        run(mode, fake, case.invoke, max_retries=0)
    assert str(caught.value) == expected


@pytest.mark.parametrize("mode", MODES)
def test_the_api_message_is_redacted_escaped_and_cut_short(mode: str) -> None:
    fake = KOMBO_RESULT.fake()
    fake.respond(KOMBO_RESULT.operation, status=409, json={"status": "error", "error": {
        "code": "PLATFORM.AUTHENTICATION_INVALID", "title": "t", "log_url": None,
        "message": f"key Bearer {SECRET} refused\n2026-01-01 CRITICAL forged record" + "!" * 1000,
    }})
    with pytest.raises(kombo_client.ConflictError) as caught:
        run(mode, fake, KOMBO_RESULT.invoke, max_retries=0)
    text = str(caught.value)
    assert SECRET not in text and "Bearer <redacted> refused" in text
    assert "\n" not in text and "refused\\x0a2026-01-01" in text
    assert len(text) < 400 and text.endswith("...")


# -- 15. exc.error typed with the spec's error model -----------------------------------------


def _error_hint(exception: type[Exception]) -> Any:
    return typing.get_type_hints(exception)["error"]


def test_each_status_error_types_error_with_the_models_of_its_statuses() -> None:
    kombo_models = kombo_client.models
    for name in ("APIStatusError", "BadRequestError", "ConflictError", "RateLimitError",
                 "InternalServerError"):
        assert _error_hint(getattr(kombo_client, name)) == kombo_models.ErrorResponse | None
    stackone_models = stackone_client.models
    assert _error_hint(stackone_client.NotFoundError) == stackone_models.NotFoundResponse | None
    assert _error_hint(stackone_client.RateLimitError) == stackone_models.TooManyRequestsResponse | None
    server_errors = typing.get_args(_error_hint(stackone_client.InternalServerError))
    assert set(server_errors) == {stackone_models.InternalServerErrorResponse,
                                  stackone_models.NotImplementedResponse,
                                  stackone_models.BadGatewayResponse, type(None)}
    every = set(typing.get_args(_error_hint(stackone_client.APIStatusError)))
    assert set(server_errors) < every and stackone_models.PreconditionFailedResponse in every
    assert _error_hint(xobin_client.NotFoundError) == xobin_client.models.Error | None
    assert _error_hint(unified_client.APIStatusError) is type(None), "no error model: always None"


@pytest.mark.parametrize("mode", MODES)
def test_an_error_body_that_does_not_match_its_model_leaves_error_none(mode: str) -> None:
    fake = STACKONE.fake()
    body = {"statusCode": 500, "message": "Internal server error"}  # no `timestamp`
    fake.respond(STACKONE.operation, status=500, json=body)
    with pytest.raises(stackone_client.InternalServerError) as caught:
        run(mode, fake, STACKONE.invoke, max_retries=0)
    assert caught.value.error is None
    assert caught.value.body == b'{"statusCode": 500, "message": "Internal server error"}'
    assert str(caught.value).endswith("failed with HTTP 500: Internal server error")


# -- 17. API text in logs --------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_an_api_warning_cannot_forge_a_log_record(mode: str, caplog: pytest.LogCaptureFixture) -> None:
    fake = KOMBO_LINKS.fake()
    forged = "stored as a note\n2026-01-01 00:00:00 CRITICAL root: disk wiped\r\u2028done"
    fake.respond(KOMBO_LINKS.operation, json={"status": "success", "data": {}, "warnings": [
        {"message": forged}]})
    with caplog.at_level(logging.WARNING, logger="kombo_client"):
        result = run(mode, fake, KOMBO_LINKS.invoke)
    (record,) = [r for r in caplog.records if r.name == "kombo_client"]
    message = record.getMessage()
    assert "\n" not in message and "\r" not in message and "\u2028" not in message
    assert "stored as a note\\x0a2026-01-01 00:00:00 CRITICAL root: disk wiped\\x0d\\u2028done" in message
    assert result.warnings[0].message == forged, "the result keeps the API's text as it came"
