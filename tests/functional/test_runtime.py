"""The runtime every generated client shares, exercised through each provider's own test kit.

Each test runs sync and async: both clients come from one template and must behave the same.
"""

from __future__ import annotations

import email.utils
import json
import logging
import time
import traceback
from typing import Any

import httpx
import kombo_client
import pydantic
import pytest
import stackone_client
import xobin_client
from runtime_cases import CASE_IDS, CASES, MODES, SECRET, Case, base_error, record_sleeps, run

KOMBO_LINKS = next(c for c in CASES if c.operation == "ats.add_candidate_result_link")
KOMBO_RESULT = next(c for c in CASES if c.operation == "assessment.update_order_result")
XOBIN = next(c for c in CASES if c.package is xobin_client)
STACKONE = next(c for c in CASES if c.package is stackone_client)

EXPECTED_CLASS = {
    400: "BadRequestError", 401: "AuthenticationError", 403: "PermissionDeniedError",
    404: "NotFoundError", 409: "ConflictError", 422: "UnprocessableEntityError",
    429: "RateLimitError", 500: "InternalServerError", 501: "InternalServerError",
    502: "InternalServerError",
}
DOCUMENTED_ERRORS = [
    (case, status, name)
    for case in CASES
    for route in case.testing.ROUTES if route.operation == case.operation
    for status, examples in route.examples.items() if status >= 400
    for name in examples
]


# -- responses and errors -----------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "case, status, example", DOCUMENTED_ERRORS,
    ids=[f"{c.id}-{s}-{n}" for c, s, n in DOCUMENTED_ERRORS],
)
def test_documented_error_body_raises_its_class_with_the_parsed_error(
    mode: str, case: Case, status: int, example: str
) -> None:
    fake = case.fake()
    fake.respond(case.operation, status=status, example=example)
    with pytest.raises(case.package.APIStatusError) as caught:
        run(mode, fake, case.invoke, max_retries=0)
    error = caught.value
    assert type(error).__name__ == EXPECTED_CLASS.get(status, "APIStatusError")
    assert isinstance(error, base_error(case.package))
    assert error.status_code == status
    route = next(r for r in case.testing.ROUTES if r.operation == case.operation)
    documented = json.loads(route.examples[status][example])
    assert json.loads(error.body) == documented
    assert error.error is not None, "the documented error body must parse into its model"
    assert error.error == type(error.error).model_validate(documented)
    assert set(error.error.model_dump(by_alias=True, exclude_unset=True)) == set(documented)
    assert error.headers["content-type"] == "application/json"


def test_every_exception_derives_from_the_package_base() -> None:
    for case in CASES:
        base = base_error(case.package)
        assert base.__name__ in {"KomboError", "StackOneError", "UnifiedError", "XobinError"}
        for name in [*EXPECTED_CLASS.values(), "APIConnectionError", "APIResponseValidationError"]:
            assert issubclass(getattr(case.package, name), base)
        assert issubclass(case.package.APITimeoutError, case.package.APIConnectionError)


@pytest.mark.parametrize("mode", MODES)
def test_unknown_enum_values_and_fields_in_a_response_are_kept(mode: str) -> None:
    fake = XOBIN.fake()
    fake.respond(XOBIN.operation, json={
        "assessment_id": 1, "candidate_id": 2, "report_id": 3, "name": "A", "email": "a@example.com",
        "invite_status": "Archived",  # a status the spec does not know yet
        "proctoring": {"flags": 0},  # a field the spec does not know yet
    })
    report = run(mode, fake, XOBIN.invoke)
    assert report.invite_status == "Archived"
    assert report.model_extra == {"proctoring": {"flags": 0}}


@pytest.mark.parametrize("mode", MODES)
def test_unknown_enum_value_in_an_error_body_still_parses(mode: str) -> None:
    fake = KOMBO_RESULT.fake()
    fake.respond(KOMBO_RESULT.operation, status=409, json={
        "status": "error",
        "error": {"code": "PLATFORM.SOMETHING_NEW", "title": "t", "message": "m", "log_url": None},
    })
    with pytest.raises(kombo_client.ConflictError) as caught:
        run(mode, fake, KOMBO_RESULT.invoke, max_retries=0)
    assert caught.value.error is not None
    assert caught.value.error.error.code == "PLATFORM.SOMETHING_NEW"


@pytest.mark.parametrize("mode", MODES)
def test_a_bad_request_value_fails_before_sending_and_names_the_field(mode: str) -> None:
    fake = KOMBO_RESULT.fake()
    candidate_email = "jane.doe@example.com"

    def invoke(client: Any) -> Any:
        return client.assessment.update_order_result(
            "order-1", status="GRADED", result_url=candidate_email
        )

    with pytest.raises(pydantic.ValidationError) as caught:
        run(mode, fake, invoke)
    message = str(caught.value)
    assert "status" in message
    assert "GRADED" not in message, "validation errors must not echo the input"
    assert fake.calls == []


@pytest.mark.parametrize("mode", MODES)
def test_a_response_that_breaks_its_schema_raises_a_validation_error_without_data(mode: str) -> None:
    fake = XOBIN.fake()
    fake.respond(XOBIN.operation, json={"report_id": "not-a-number", "email": "jane@example.com"})
    with pytest.raises(xobin_client.APIResponseValidationError) as caught:
        run(mode, fake, XOBIN.invoke)
    assert "jane@example.com" not in str(caught.value)
    assert caught.value.response.status_code == 200


# -- raw responses and warnings -----------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_with_raw_response_gives_status_headers_and_the_parsed_result(mode: str, case: Case) -> None:
    fake = case.fake()
    fake.respond(case.operation, headers={"X-Request-Id": "req-42"})
    resource, method = case.operation.split(".")

    def invoke(client: Any) -> Any:
        raw = getattr(getattr(client, resource).with_raw_response, method)
        proxy = type("Proxy", (), {resource: type("R", (), {method: staticmethod(raw)})})
        return case.invoke(proxy)

    response = run(mode, fake, invoke)
    assert isinstance(response, case.package.APIResponse)
    assert response.status_code == 200
    assert response.headers["x-request-id"] == "req-42"
    assert response.http_response.request.method == fake.last_call().method
    plain = run(mode, case.fake(), case.invoke)
    assert response.parsed == plain


@pytest.mark.parametrize("mode", MODES)
def test_kombo_warnings_are_logged_and_kept(mode: str, caplog: pytest.LogCaptureFixture) -> None:
    fake = KOMBO_LINKS.fake()
    with caplog.at_level(logging.WARNING, logger="kombo_client"):
        result = run(mode, fake, KOMBO_LINKS.invoke)
    assert [w.message for w in result.warnings] == [
        "The ATS has no result-link field, so the link was stored as a note."
    ]
    records = [r for r in caplog.records if r.name == "kombo_client"]
    assert len(records) == 1 and records[0].levelno == logging.WARNING
    assert "stored as a note" in records[0].getMessage()
    assert "/result-links" in records[0].getMessage()


# -- retries ------------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", [c for c in CASES if c.retry_safe], ids=lambda c: c.id)
@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_safe_operations_retry_retryable_statuses_then_succeed(
    mode: str, case: Case, status: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    delays = record_sleeps(monkeypatch, case.package)
    fake = case.fake()
    fake.respond(case.operation, status=status, json={}, once=True)
    fake.respond(case.operation, status=status, json={}, once=True)
    run(mode, fake, case.invoke)
    assert len(fake.calls_to(case.operation)) == 3
    assert len(delays) == 2
    # Exponential backoff with jitter: 0.5 s then 1 s, each reduced by at most a quarter.
    assert 0.375 <= delays[0] <= 0.5 and 0.75 <= delays[1] <= 1.0


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", [c for c in CASES if c.retry_safe], ids=lambda c: c.id)
def test_retries_are_bounded_by_the_client_and_the_call(
    mode: str, case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    record_sleeps(monkeypatch, case.package)
    fake = case.fake()
    fake.respond(case.operation, status=503, json={})
    with pytest.raises(case.package.InternalServerError):
        run(mode, fake, case.invoke)  # default: 2 retries
    assert len(fake.calls) == 3
    fake.reset()
    fake.respond(case.operation, status=503, json={})
    with pytest.raises(case.package.InternalServerError):
        run(mode, fake, case.invoke, max_retries=5)
    assert len(fake.calls) == 6
    fake.reset()
    fake.respond(case.operation, status=503, json={})
    resource, method = case.operation.split(".")

    def no_retries(client: Any) -> Any:
        bound = getattr(getattr(client, resource), method)
        proxy = type("Proxy", (), {resource: type("R", (), {
            method: staticmethod(lambda *a, **k: bound(*a, max_retries=0, **k))
        })})
        return case.invoke(proxy)

    with pytest.raises(case.package.InternalServerError):
        run(mode, fake, no_retries, max_retries=5)
    assert len(fake.calls) == 1


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "retry_after, expected",
    [("3", 3.0), ("0.25", 0.25), ("86400", 60.0), ("-5", 0.0), ("inf", 60.0), ("nan", None),
     ("soon", None), ("", None)],
)
def test_retry_after_seconds_is_honoured_and_capped(
    mode: str, retry_after: str, expected: float | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    delays = record_sleeps(monkeypatch, xobin_client)
    fake = XOBIN.fake()
    fake.respond(XOBIN.operation, status=429, json={}, headers={"Retry-After": retry_after}, once=True)
    run(mode, fake, XOBIN.invoke, timeout=120.0)  # long enough that the capped wait fits in it
    if expected is None:  # unparseable: fall back to backoff
        assert 0.375 <= delays[0] <= 0.5
    else:
        assert delays == [expected]


@pytest.mark.parametrize("mode", MODES)
def test_retry_after_http_date_is_honoured(mode: str, monkeypatch: pytest.MonkeyPatch) -> None:
    delays = record_sleeps(monkeypatch, xobin_client)
    fake = XOBIN.fake()
    when = email.utils.formatdate(time.time() + 20, usegmt=True)
    fake.respond(XOBIN.operation, status=503, json={}, headers={"Retry-After": when}, once=True)
    run(mode, fake, XOBIN.invoke)
    assert 17.0 <= delays[0] <= 20.0


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", [c for c in CASES if c.retry_safe], ids=lambda c: c.id)
def test_connection_errors_and_timeouts_are_retried_on_safe_operations(
    mode: str, case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    record_sleeps(monkeypatch, case.package)
    fake = case.fake()
    fake.respond(case.operation, raises=httpx.ConnectError("refused"), once=True)
    fake.respond(case.operation, raises=httpx.ReadTimeout("slow"), once=True)
    run(mode, fake, case.invoke)
    assert len(fake.calls) == 3


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", [c for c in CASES if not c.retry_safe], ids=lambda c: c.id)
@pytest.mark.parametrize("failure", ["503", "429", "connect", "timeout"])
def test_unsafe_posts_are_never_sent_twice(
    mode: str, case: Case, failure: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    delays = record_sleeps(monkeypatch, case.package)
    fake = case.fake()
    if failure == "connect":
        fake.respond(case.operation, raises=httpx.ConnectError("reset"))
        expected: type[Exception] = case.package.APIConnectionError
    elif failure == "timeout":
        fake.respond(case.operation, raises=httpx.ReadTimeout("slow"))
        expected = case.package.APITimeoutError
    else:
        fake.respond(case.operation, status=int(failure), json={}, headers={"Retry-After": "0"})
        expected = case.package.APIStatusError
    with pytest.raises(expected):
        run(mode, fake, case.invoke, max_retries=5)
    assert len(fake.calls) == 1
    assert delays == []


# -- timeouts -----------------------------------------------------------------------------------


def _timeout_of(fake: Any) -> dict[str, Any]:
    """The request's timeouts. The read timeout is compared loosely: before the body is read it
    is cut to the time the call has left, a little less than the one chosen."""
    timeout = dict(fake.last_call().request.extensions["timeout"])
    timeout["read"] = pytest.approx(timeout["read"], abs=0.5)
    return timeout


@pytest.mark.parametrize("mode", MODES)
def test_timeouts_come_from_the_call_the_operation_or_the_client(mode: str) -> None:
    fake = KOMBO_LINKS.fake()
    run(mode, fake, KOMBO_LINKS.invoke)
    assert _timeout_of(fake)["read"] == 300.0  # the spec's x-clientgen-timeout for ATS actions
    run(mode, fake, KOMBO_RESULT.invoke)
    assert _timeout_of(fake)["read"] == 60.0  # the client default
    run(mode, fake, KOMBO_RESULT.invoke, timeout=7.5)
    assert _timeout_of(fake)["read"] == 7.5

    def per_call(client: Any) -> Any:
        return client.ats.add_candidate_result_link(
            "c-1", label="x", url="https://example.com", timeout=httpx.Timeout(12.0, connect=2.0)
        )

    run(mode, fake, per_call)
    assert _timeout_of(fake)["read"] == 12.0 and _timeout_of(fake)["connect"] == 2.0


# -- secrets ------------------------------------------------------------------------------------


def _secret_forms(case: Case) -> list[str]:
    import base64

    forms = [SECRET]
    if case.package is stackone_client:  # basic auth: the key travels base64-encoded
        forms.append(base64.b64encode(f"{SECRET}:".encode()).decode())
    return forms


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_no_secret_in_reprs_logs_messages_or_tracebacks(
    mode: str, case: Case, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    record_sleeps(monkeypatch, case.package)
    seen: list[str] = []
    fake = case.fake()
    with caplog.at_level(logging.DEBUG):
        run(mode, fake, case.invoke)
        for status in (401, 500):
            fake.respond(case.operation, status=status, json={"error": "x"})
            with pytest.raises(case.package.APIStatusError) as caught:
                run(mode, fake, case.invoke)
            seen += [str(caught.value), repr(caught.value), "".join(traceback.format_exception(caught.value))]
        fake.respond(case.operation, raises=httpx.ConnectError("down"))
        with pytest.raises(case.package.APIConnectionError) as connection_error:
            run(mode, fake, case.invoke)
        seen += [str(connection_error.value), "".join(traceback.format_exception(connection_error.value))]
    client = fake.client(api_key=SECRET)
    seen += [repr(client), str(client), repr(client._api.credentials), repr(vars(client))]
    seen += [record.getMessage() for record in caplog.records]
    assert any("<redacted>" in message for message in seen), "debug logging should show headers"
    for text in seen:
        for form in _secret_forms(case):
            assert form not in text
    # The secret did travel, so the checks above were not vacuous.
    sent = fake.calls[0].request.headers
    assert any(form in value for value in sent.values() for form in _secret_forms(case))


@pytest.mark.parametrize("mode", MODES)
def test_debug_log_line_names_method_url_status_and_time(
    mode: str, caplog: pytest.LogCaptureFixture
) -> None:
    fake = XOBIN.fake()
    with caplog.at_level(logging.DEBUG, logger="xobin_client"):
        run(mode, fake, XOBIN.invoke)
    (line,) = [r.getMessage() for r in caplog.records if r.name == "xobin_client"]
    assert line.startswith("GET https://") and "/assessments/report/482913 -> 200 in " in line
    assert "'apikey': '<redacted>'" in line


# -- what may be sent ---------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("value", ["a\r\nX-Injected: 1", "a\nb", "a\rb", "a\0b"])
def test_header_values_with_line_breaks_are_refused_without_echo(mode: str, value: str) -> None:
    fake = KOMBO_RESULT.fake()
    with pytest.raises(ValueError) as caught:
        run(mode, fake, KOMBO_RESULT.invoke, integration_id=value)
    assert value not in str(caught.value) and "Injected" not in str(caught.value)
    assert "x-integration-id" in str(caught.value).lower() or "X-Integration-Id" in str(caught.value)
    assert fake.calls == []


def test_api_keys_with_line_breaks_are_refused_without_echo() -> None:
    for case in CASES:
        with pytest.raises(ValueError) as caught:
            case.fake().client(api_key="key\r\nX-Evil: 1")
        assert "Evil" not in str(caught.value)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "order_id, raw_path",
    [
        ("../x", "/v1/assessment/orders/..%2Fx/result"),
        ("a/b", "/v1/assessment/orders/a%2Fb/result"),
        ("bewerber-ü/ß", "/v1/assessment/orders/bewerber-%C3%BC%2F%C3%9F/result"),
        ("a?b#c d", "/v1/assessment/orders/a%3Fb%23c%20d/result"),
    ],
)
def test_path_parameters_are_percent_encoded(mode: str, order_id: str, raw_path: str) -> None:
    fake = KOMBO_RESULT.fake()

    def invoke(client: Any) -> Any:
        return client.assessment.update_order_result(
            order_id, status="COMPLETED", result_url="https://example.com"
        )

    run(mode, fake, invoke)
    call = fake.last_call()
    assert call.request.url.raw_path.decode() == raw_path
    assert call.path_params == {"assessment_order_id": order_id}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("order_id", ["", ".", ".."])
def test_path_parameters_that_would_change_the_path_are_refused(mode: str, order_id: str) -> None:
    fake = KOMBO_RESULT.fake()

    def invoke(client: Any) -> Any:
        return client.assessment.update_order_result(
            order_id, status="COMPLETED", result_url="https://example.com"
        )

    with pytest.raises(ValueError, match="path parameter"):
        run(mode, fake, invoke)
    assert fake.calls == []


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_user_agent_names_the_package_and_version(mode: str, case: Case) -> None:
    fake = case.fake()
    run(mode, fake, case.invoke)
    agent = fake.last_call().headers["user-agent"]
    distribution = case.package.__name__.replace("_", "-")
    assert agent.startswith(f"{distribution}/{case.package.__version__} ")


@pytest.mark.parametrize("mode", MODES)
def test_redirects_are_not_followed(mode: str) -> None:
    fake = XOBIN.fake()
    fake.respond(XOBIN.operation, status=302, json={}, headers={"Location": "https://evil.example/x"})
    with pytest.raises(xobin_client.APIStatusError) as caught:
        run(mode, fake, XOBIN.invoke)
    assert caught.value.status_code == 302
    assert len(fake.calls) == 1


@pytest.mark.parametrize("mode", MODES)
def test_stackone_proxy_fields_and_raw_query_encoding(mode: str) -> None:
    fake = STACKONE.fake()

    def invoke(client: Any) -> Any:
        return client.ats.get_assessments_request(
            "order-1", raw=True, fields="id,package", proxy={"region": "eu", "trace": "1"}
        )

    run(mode, fake, invoke)
    query = fake.last_call().query
    assert query.multi_items() == [
        ("raw", "true"), ("proxy[region]", "eu"), ("proxy[trace]", "1"), ("fields", "id,package"),
    ]


# -- bring your own client ----------------------------------------------------------------------


def test_own_http_client_keeps_its_hooks_and_stays_open() -> None:
    fake = XOBIN.fake()
    seen: list[str] = []
    http = httpx.Client(transport=fake.transport, event_hooks={"request": [lambda r: seen.append(r.method)]})
    with xobin_client.XobinClient(api_key=SECRET, http_client=http) as client:
        client.assessments.get_report(1)
        client.assessments.get_report(2)
    assert seen == ["GET", "GET"]
    assert not http.is_closed, "a client the caller passed in is the caller's to close"
    http.close()


async def test_own_async_http_client_stays_open() -> None:
    fake = XOBIN.fake()
    http = httpx.AsyncClient(transport=fake.transport)
    async with xobin_client.AsyncXobinClient(api_key=SECRET, http_client=http) as client:
        await client.assessments.get_report(1)
    assert not http.is_closed
    await http.aclose()


def test_own_clients_are_closed_on_exit() -> None:
    client = xobin_client.XobinClient(api_key=SECRET)
    with client:
        pass
    assert client._api.http.is_closed
