"""Runtime promises the README makes that a subtly wrong runtime once broke without a failing test.

Each test pins the whole promise, not one part of it: every limit of a timeout, every log line and
exception of a call whose query carries a secret. Sync and async alike, through the test kits.
"""

from __future__ import annotations

import logging
import random
import re
import time
import traceback
from typing import Any

import httpx
import kombo_client
import pydantic
import pytest
import stackone_client
import xobin_client
from runtime_cases import CASES, MODES, record_sleeps, run

KOMBO_LINKS = next(c for c in CASES if c.operation == "ats.add_candidate_result_link")  # 300 s
KOMBO_RESULT = next(c for c in CASES if c.operation == "assessment.update_order_result")
STACKONE = next(c for c in CASES if c.package is stackone_client)
XOBIN = next(c for c in CASES if c.package is xobin_client)


# -- timeouts: every limit, not only `read` -----------------------------------------------------


def limits(fake: Any) -> dict[str, float | None]:
    timeout: dict[str, float | None] = fake.last_call().request.extensions["timeout"]
    return timeout


@pytest.mark.parametrize("mode", MODES)
def test_a_per_operation_timeout_extends_reading_writing_and_pooling_not_connecting(mode: str) -> None:
    fake = KOMBO_RESULT.fake()
    run(mode, fake, KOMBO_RESULT.invoke)
    default = limits(fake)
    assert default == {"connect": 10.0, "read": 60.0, "write": 60.0, "pool": 60.0}
    run(mode, fake, KOMBO_LINKS.invoke)  # x-clientgen-timeout: 300 in the spec
    assert limits(fake) == {"connect": default["connect"], "read": 300.0, "write": 300.0, "pool": 300.0}


@pytest.mark.parametrize("mode", MODES)
def test_a_client_timeout_in_seconds_sets_every_limit(mode: str) -> None:
    fake = KOMBO_RESULT.fake()
    run(mode, fake, KOMBO_RESULT.invoke, timeout=7.5)
    assert limits(fake) == {"connect": 7.5, "read": 7.5, "write": 7.5, "pool": 7.5}


@pytest.mark.parametrize("mode", MODES)
def test_a_per_call_timeout_wins_over_the_operations_own(mode: str) -> None:
    fake = KOMBO_LINKS.fake()

    def in_seconds(client: Any) -> Any:
        return client.ats.add_candidate_result_link("c-1", label="x", url="https://example.com",
                                                    timeout=4.0)

    def as_timeout(client: Any) -> Any:
        return client.ats.add_candidate_result_link(
            "c-1", label="x", url="https://example.com", timeout=httpx.Timeout(12.0, connect=2.0)
        )

    run(mode, fake, in_seconds)
    assert limits(fake) == {"connect": 4.0, "read": 4.0, "write": 4.0, "pool": 4.0}
    run(mode, fake, as_timeout)
    assert limits(fake) == {"connect": 2.0, "read": 12.0, "write": 12.0, "pool": 12.0}


# -- the query stays out of logs and exceptions ---------------------------------------------------

TOKEN = "tok-9f8e7d6c-do-not-log"  # sent in StackOne's query, as `proxy[token]=...`


def with_token_in_query(client: Any) -> Any:
    return client.ats.get_assessments_request("order-1", raw=True, fields="id",
                                              proxy={"token": TOKEN})


def leaks(text: str) -> bool:
    return TOKEN in text or "proxy" in text or "fields=" in text


@pytest.mark.parametrize("mode", MODES)
def test_log_lines_of_a_retried_call_leave_out_its_query(
    mode: str, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    record_sleeps(monkeypatch, stackone_client)
    fake = STACKONE.fake()
    fake.respond(STACKONE.operation, status=503, json={}, once=True)
    fake.respond(STACKONE.operation, raises=httpx.ConnectError("reset"), once=True)
    with caplog.at_level(logging.DEBUG, logger="stackone_client"):
        run(mode, fake, with_token_in_query)
    assert fake.last_call().query["proxy[token]"] == TOKEN, "the token did travel, in the query"
    records = [r for r in caplog.records if r.name == "stackone_client"]
    debug = [r.getMessage() for r in records if r.levelno == logging.DEBUG]
    assert len(debug) == 3 and len(records) == 5  # three attempts, two retry notices
    path = "/unified/ats/assessments/orders/order-1"
    assert debug[0].startswith("GET https://") and f"{path} -> 503 in " in debug[0]
    assert f"{path} -> no response in " in debug[1]
    assert f"{path} -> 200 in " in debug[2]
    notices = [r.getMessage() for r in records if r.levelno == logging.INFO]
    assert notices[0].startswith(f"GET {path}: HTTP 503; retry 1 in ")
    assert notices[1].startswith(f"GET {path}: ConnectError; retry 2 in ")
    for record in records:
        assert not leaks(record.getMessage()), record.getMessage()


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("failure", ["404", "connect", "timeout"])
def test_exceptions_of_a_call_leave_out_its_query(mode: str, failure: str) -> None:
    fake = STACKONE.fake()
    if failure == "404":
        fake.respond(STACKONE.operation, status=404, example="not_found")
    else:
        error = httpx.ConnectError("reset") if failure == "connect" else httpx.ReadTimeout("slow")
        fake.respond(STACKONE.operation, raises=error)
    with pytest.raises(stackone_client.StackOneError) as caught:
        run(mode, fake, with_token_in_query, max_retries=0)
    assert fake.last_call().query["proxy[token]"] == TOKEN
    message, shown = str(caught.value), repr(caught.value)
    assert message.startswith("GET /unified/ats/assessments/orders/order-1 ")
    assert {"404": "failed with HTTP 404", "connect": "failed: ConnectError",
            "timeout": "timed out"}[failure] in message
    assert not leaks(message) and not leaks(shown), shown
    # The traceback quotes this file's source lines; the token itself must not be in it.
    assert TOKEN not in "".join(traceback.format_exception(caught.value))


# -- what is sent -------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_body_fields_go_out_under_their_wire_names(mode: str) -> None:
    fake = KOMBO_LINKS.fake()

    def invoke(client: Any) -> Any:
        return client.ats.add_candidate_result_link(
            "c-1", label="x", url="https://example.com",
            remote_fields={"greenhouse": {"post_headers": {"On-Behalf-Of": "user-7"}}},
        )

    run(mode, fake, invoke)
    sent = fake.last_call().json["remote_fields"]["greenhouse"]["post_headers"]
    assert sent == {"On-Behalf-Of": "user-7"}  # the Python field is On_Behalf_Of


@pytest.mark.parametrize("mode", MODES)
def test_extra_headers_are_sent_and_checked(mode: str) -> None:
    fake = XOBIN.fake()
    run(mode, fake, lambda c: c.assessments.get_report(1, extra_headers={"X-Trace-Id": "t-1"}))
    assert fake.last_call().headers["x-trace-id"] == "t-1"
    with pytest.raises(ValueError, match="X-Trace-Id"):
        run(mode, fake, lambda c: c.assessments.get_report(1, extra_headers={"X-Trace-Id": "a\nb"}))


@pytest.mark.parametrize("mode", MODES)
def test_query_parameters_left_out_do_not_drop_the_ones_given(mode: str) -> None:
    fake = STACKONE.fake()
    run(mode, fake, lambda c: c.ats.get_assessments_request("order-1", fields="id"))
    assert fake.last_call().query.multi_items() == [("fields", "id")]


def test_not_given_is_falsy_and_says_what_it_is() -> None:
    assert not kombo_client.NOT_GIVEN
    assert repr(kombo_client.NOT_GIVEN) == "NOT_GIVEN"


# -- errors and their messages ------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_an_undocumented_status_parses_with_the_default_error_model(mode: str) -> None:
    fake = XOBIN.fake()
    fake.respond(XOBIN.operation, status=418, json={"error": "teapot"})
    with pytest.raises(xobin_client.APIStatusError) as caught:
        run(mode, fake, XOBIN.invoke)
    assert caught.value.status_code == 418
    assert caught.value.error == xobin_client.models.Error(error="teapot")


@pytest.mark.parametrize("mode", MODES)
def test_a_response_validation_error_names_the_first_bad_place(mode: str) -> None:
    fake = XOBIN.fake()
    fake.respond(XOBIN.operation, json={"assessment_id": "one", "report_id": "two", "name": "N",
                                        "candidate_id": 1, "email": "a@example.com"})
    with pytest.raises(xobin_client.APIResponseValidationError) as caught:
        run(mode, fake, XOBIN.invoke)
    found = re.search(r": (\d+) error\(s\), first at (\S+)$", str(caught.value))
    assert found and int(found.group(1)) >= 2 and found.group(2) == "assessment_id"
    fake.respond(XOBIN.operation, json=["not", "an", "object"])
    with pytest.raises(xobin_client.APIResponseValidationError) as caught:
        run(mode, fake, XOBIN.invoke)
    assert str(caught.value).endswith("1 error(s), first at the top level")


# -- retries and logging ------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_backoff_doubles_from_half_a_second_up_to_eight_with_jitter_below(
    mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    delays = record_sleeps(monkeypatch, xobin_client)
    fake = XOBIN.fake()
    fake.respond(XOBIN.operation, status=503, json={})
    for jitter, factor in ((0.0, 1.0), (1.0, 0.75)):
        delays.clear()
        monkeypatch.setattr(random, "random", lambda jitter=jitter: jitter)
        with pytest.raises(xobin_client.InternalServerError):
            run(mode, fake, XOBIN.invoke, max_retries=6)
        assert delays == [d * factor for d in (0.5, 1.0, 2.0, 4.0, 8.0, 8.0)]


def test_the_debug_line_gives_the_time_the_call_took(caplog: pytest.LogCaptureFixture) -> None:
    fake = XOBIN.fake()

    class Slow(httpx.BaseTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            time.sleep(0.05)
            return fake.transport.handle_request(request)

    client = xobin_client.XobinClient(api_key="k", base_url=fake.base_urls[0],
                                      http_client=httpx.Client(transport=Slow()))
    with caplog.at_level(logging.DEBUG, logger="xobin_client"), client:
        client.assessments.get_report(1)
    (line,) = [r.getMessage() for r in caplog.records if r.name == "xobin_client"]
    took = float(re.search(r" -> 200 in ([\d.]+) ms", line).group(1))
    assert 50.0 <= took < 5000.0


def test_warnings_that_are_plain_objects_are_logged_by_their_message(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """For a spec whose warnings are untyped: a mapping's `message`, else the warning itself."""
    from kombo_client._runtime import log_warnings

    class Result(pydantic.BaseModel):
        warnings: list[Any]

    request = httpx.Request("POST", "https://api.example.test/things?token=secret")
    with caplog.at_level(logging.WARNING, logger="kombo_client"):
        log_warnings(Result(warnings=[{"message": "from a mapping"}, {"code": 7}, "plain"]),
                     "warnings", request)
    assert [r.getMessage() for r in caplog.records if r.name == "kombo_client"] == [
        "POST /things: API warning: from a mapping",
        "POST /things: API warning: {'code': 7}",
        "POST /things: API warning: plain",
    ]
