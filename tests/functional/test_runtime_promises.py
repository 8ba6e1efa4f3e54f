"""Runtime promises the README makes that a subtly wrong runtime once broke without a failing test.

Each test pins the whole promise, not one part of it: every limit of a timeout, every log line and
exception of a call whose query carries a secret. Sync and async alike, through the test kits.
"""

from __future__ import annotations

import logging
import traceback
from typing import Any

import httpx
import pytest
import stackone_client
from runtime_cases import CASES, MODES, record_sleeps, run

KOMBO_LINKS = next(c for c in CASES if c.operation == "ats.add_candidate_result_link")  # 300 s
KOMBO_RESULT = next(c for c in CASES if c.operation == "assessment.update_order_result")
STACKONE = next(c for c in CASES if c.package is stackone_client)


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
    assert "/unified/ats/assessments/orders/order-1" in message
    assert not leaks(message) and not leaks(shown), shown
    # The traceback quotes this file's source lines; the token itself must not be in it.
    assert TOKEN not in "".join(traceback.format_exception(caught.value))
