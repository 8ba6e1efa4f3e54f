"""The runtime's limits at their exact boundaries, which a subtly wrong runtime once passed.

The size limit at the exact byte, the 3xx range, the 300-character cut of an error's detail,
the option minimums; and the deadline's arithmetic on a clock the test moves (a slow server,
without waiting for one): what each attempt may wait, when a body is cut off, what the DEBUG
line says the call took. Sync and async alike, on a mock transport.
"""

from __future__ import annotations

import gzip
import json
import logging
import re
import types
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx
import pydantic
import pytest
import xobin_client
from runtime_cases import MODES, SECRET, record_sleeps, run_on

RUNTIME = xobin_client._runtime
REPORT = json.dumps({"assessment_id": 1, "candidate_id": 2, "report_id": 3, "name": "A",
                     "email": "a@example.com", "invite_status": "Completed"}).encode()
JSON = {"Content-Type": "application/json"}
PATH = "/api/v2/assessments/report/3"
MIB = 1 << 20

Handler = Callable[[httpx.Request], httpx.Response]


class Pieces(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body that arrives in pieces, as from a socket (not already held by the transport);
    `before_each` runs before each piece, to move the test's clock."""

    def __init__(self, pieces: list[bytes], before_each: Callable[[], None] = lambda: None) -> None:
        self.pieces = pieces
        self.before_each = before_each

    def __iter__(self) -> Iterator[bytes]:
        for piece in self.pieces:
            self.before_each()
            yield piece

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for piece in self.pieces:
            self.before_each()
            yield piece


def held(status: int, content: bytes = b"", headers: dict[str, str] | None = None) -> httpx.Response:
    """A response whose body the transport already read (as FakeAPI's are)."""
    response = httpx.Response(status, content=content, headers=headers)
    response.read()
    return response


def report(mode: str, handler: Handler, **options: Any) -> Any:
    """`assessments.get_report(3)` (a GET: retried where the status allows) over `handler`."""
    transport = httpx.MockTransport(handler)
    options = {"api_key": SECRET, **options}
    return run_on(
        mode,
        lambda: xobin_client.XobinClient(http_client=httpx.Client(transport=transport), **options),
        lambda: xobin_client.AsyncXobinClient(http_client=httpx.AsyncClient(transport=transport), **options),
        lambda client: client.assessments.get_report(3),
    )


def failure(mode: str, handler: Handler, error: type[Exception] = xobin_client.XobinError,
            **options: Any) -> Any:
    with pytest.raises(error) as caught:
        report(mode, handler, **options)
    return caught.value


# -- the size limit, at the exact byte --------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("arrives", ["in pieces", "held"])
def test_a_body_of_exactly_max_response_bytes_is_read_and_one_byte_more_refused(
    mode: str, arrives: str
) -> None:
    def answer(body: bytes) -> Handler:
        if arrives == "held":
            return lambda request: held(200, body, JSON)
        return lambda request: httpx.Response(200, headers=JSON, stream=Pieces([body[:10], body[10:]]))

    limit = len(REPORT)
    assert report(mode, answer(REPORT), max_response_bytes=limit).report_id == 3
    error = failure(mode, answer(REPORT + b" "), xobin_client.APIResponseTooLargeError,
                    max_response_bytes=limit)
    assert error.limit == limit


@pytest.mark.parametrize("mode", MODES)
def test_the_default_limit_is_32_mib_to_the_byte(mode: str) -> None:
    padded = REPORT + b" " * (32 * MIB - len(REPORT))  # JSON may end in whitespace

    def answer(body: bytes) -> Handler:
        return lambda request: httpx.Response(
            200, headers=JSON, stream=Pieces([body[start : start + MIB] for start in range(0, len(body), MIB)])
        )

    assert report(mode, answer(padded)).report_id == 3
    error = failure(mode, answer(padded + b" "), xobin_client.APIResponseTooLargeError)
    assert error.limit == 32 * MIB and "the 33,554,432-byte limit (max_response_bytes)" in str(error)


@pytest.mark.parametrize("mode", MODES)
def test_a_compressed_body_is_read_whole_under_the_default_limit(mode: str) -> None:
    padded = json.loads(REPORT) | {"padding": "x" * 300_000}
    body = gzip.compress(json.dumps(padded).encode())
    result = report(mode, lambda request: httpx.Response(
        200, headers={**JSON, "Content-Encoding": "gzip"}, stream=Pieces([body])))
    assert len(result.model_extra["padding"]) == 300_000


# -- options at their minimums ----------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_max_retries_zero_is_one_attempt_and_below_zero_is_refused_before_sending(mode: str) -> None:
    sent: list[httpx.Request] = []

    def busy(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return held(503, b"{}", JSON)

    transport = httpx.MockTransport(busy)

    def call(max_retries: int) -> Callable[[Any], Any]:
        return lambda client: client.assessments.get_report(3, max_retries=max_retries)

    def on_client(invoke: Callable[[Any], Any]) -> Any:
        return run_on(mode,
                      lambda: xobin_client.XobinClient(api_key=SECRET, http_client=httpx.Client(transport=transport)),
                      lambda: xobin_client.AsyncXobinClient(
                          api_key=SECRET, http_client=httpx.AsyncClient(transport=transport)),
                      invoke)

    with pytest.raises(xobin_client.InternalServerError):
        on_client(call(0))
    assert len(sent) == 1
    with pytest.raises(ValueError, match=r"^max_retries must be at least 0$"):
        on_client(call(-1))
    assert len(sent) == 1, "nothing is sent with a refused option"


@pytest.mark.parametrize("mode", MODES)
def test_max_response_bytes_of_one_is_allowed_and_zero_refused(mode: str) -> None:
    error = failure(mode, lambda request: held(200, REPORT, JSON), xobin_client.APIResponseTooLargeError,
                    max_response_bytes=1)
    assert error.limit == 1
    with pytest.raises(ValueError, match=r"^max_response_bytes must be at least 1$"):
        report(mode, lambda request: held(200, REPORT, JSON), max_response_bytes=0)


# -- status errors ------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("status", [300, 301, 302, 399])
def test_every_3xx_raises_the_redirect_error(mode: str, status: int) -> None:
    error = failure(mode, lambda request: held(status, headers={"Location": "https://elsewhere.test/"}),
                    xobin_client.APIStatusError)
    assert type(error) is xobin_client.APIStatusError and error.status_code == status
    assert str(error) == (f"GET {PATH} failed with HTTP {status} "
                          "(a redirect: the client does not follow redirects)")


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("status", [400, 404, 500])
def test_an_error_with_an_empty_body_says_only_its_status(mode: str, status: int) -> None:
    error = failure(mode, lambda request: held(status), max_retries=0)
    assert error.status_code == status and str(error) == f"GET {PATH} failed with HTTP {status}"


@pytest.mark.parametrize("mode", MODES)
def test_the_apis_message_is_cut_at_300_characters(mode: str) -> None:
    def saying(message: str) -> Handler:
        return lambda request: held(422, json.dumps({"message": message}).encode(), JSON)

    exactly = "m" * 299 + "!"
    assert str(failure(mode, saying(exactly))) == f"GET {PATH} failed with HTTP 422: {exactly}"
    longer = "a" * 296 + "bcdefgh"
    assert str(failure(mode, saying(longer))) == f"GET {PATH} failed with HTTP 422: {'a' * 296}b..."


@pytest.mark.parametrize("mode", MODES)
def test_a_detail_that_is_not_text_is_passed_over_for_the_apis_message(mode: str) -> None:
    # FastAPI's validation errors: `detail` is a list; the message is elsewhere, or missing.
    body = {"detail": [{"loc": ["body", "x"], "msg": "field required"}], "title": "Invalid request"}
    error = failure(mode, lambda request: held(422, json.dumps(body).encode(), JSON))
    assert str(error) == f"GET {PATH} failed with HTTP 422: Invalid request"
    body = {"message": "", "detail": {"why": 1}, "error_description": "the real reason"}
    error = failure(mode, lambda request: held(422, json.dumps(body).encode(), JSON))
    assert str(error) == f"GET {PATH} failed with HTTP 422: the real reason"


@pytest.mark.parametrize("mode", MODES)
def test_an_empty_success_body_is_a_validation_error_naming_the_model(mode: str) -> None:
    error = failure(mode, lambda request: held(200, b"", JSON), xobin_client.APIResponseValidationError)
    assert str(error) == f"GET {PATH} answered 200 with an empty body, not the JSON of Report"


@pytest.mark.parametrize("mode", MODES)
def test_a_runtime_error_of_the_transport_is_not_reported_as_a_closed_client(mode: str) -> None:
    def broken(request: httpx.Request) -> httpx.Response:
        raise RuntimeError("a bug in the transport")

    with pytest.raises(RuntimeError, match="^a bug in the transport$"):
        report(mode, broken)


@pytest.mark.parametrize("mode", MODES)
def test_with_raw_response_gives_the_final_response_of_a_retried_call(
    mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    record_sleeps(monkeypatch, xobin_client)
    attempts: list[int] = []

    def busy_once(request: httpx.Request) -> httpx.Response:
        attempts.append(1)
        if len(attempts) == 1:
            return held(503, b"{}", {**JSON, "X-Attempt": "1"})
        return held(200, REPORT, {**JSON, "X-Attempt": str(len(attempts))})

    transport = httpx.MockTransport(busy_once)
    raw = run_on(mode,
                 lambda: xobin_client.XobinClient(api_key=SECRET, http_client=httpx.Client(transport=transport)),
                 lambda: xobin_client.AsyncXobinClient(
                     api_key=SECRET, http_client=httpx.AsyncClient(transport=transport)),
                 lambda client: client.assessments.with_raw_response.get_report(3))
    assert (raw.status_code, raw.headers["x-attempt"], raw.parsed.report_id) == (200, "2", 3)


# -- the deadline, on a clock the test moves --------------------------------------------------


class Clock:
    """`time.monotonic` for the runtime: time passes only when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(RUNTIME, "time", types.SimpleNamespace(monotonic=clock.monotonic, time=time_of_day))

    def sleep(self: Any, seconds: float) -> None:
        clock.now += seconds

    async def async_sleep(self: Any, seconds: float) -> None:
        clock.now += seconds

    monkeypatch.setattr(RUNTIME.SyncAPI, "_sleep", sleep)
    monkeypatch.setattr(RUNTIME.AsyncAPI, "_sleep", async_sleep)
    return clock


def time_of_day() -> float:
    import time

    return time.time()


def timeouts_of(request: httpx.Request) -> dict[str, float | None]:
    return dict(request.extensions["timeout"])


DEFAULT_LIMITS = {"connect": 10.0, "read": 60.0, "write": 60.0, "pool": 60.0}


@pytest.mark.parametrize("mode", MODES)
def test_a_body_starting_within_10_ms_of_its_read_timeout_keeps_it(mode: str, clock: Clock) -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        clock.now += 0.005  # the headers took 5 ms of the 60 s
        return httpx.Response(200, headers=JSON, stream=Pieces([REPORT]))

    report(mode, answer)
    assert timeouts_of(seen[0]) == DEFAULT_LIMITS


@pytest.mark.parametrize("mode", MODES)
def test_a_body_starting_later_reads_for_the_time_left_only(mode: str, clock: Clock) -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        clock.now += 0.5
        return httpx.Response(200, headers=JSON, stream=Pieces([REPORT]))

    report(mode, answer)
    assert timeouts_of(seen[0]) == {**DEFAULT_LIMITS, "read": 59.5}, "the other limits stay"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("took", [60.0, 60.5])
def test_headers_at_or_past_the_deadline_end_the_call_in_a_timeout(mode: str, took: float,
                                                                   clock: Clock) -> None:
    def late(request: httpx.Request) -> httpx.Response:
        clock.now += took  # the whole 60 s of the default timeout, or more
        # An empty body: no piece to read, so only the check before the body can notice.
        return httpx.Response(200, headers=JSON, stream=Pieces([]))

    error = failure(mode, late, xobin_client.APITimeoutError)
    assert str(error) == f"GET {PATH} did not complete within its timeout"


@pytest.mark.parametrize("mode", MODES)
def test_a_retry_waits_with_each_limit_cut_to_the_time_left(mode: str, clock: Clock) -> None:
    sent: list[dict[str, float | None]] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(timeouts_of(request))
        if len(sent) == 1:
            return held(503, b"{}", {**JSON, "Retry-After": "2"})
        return held(200, REPORT, JSON)

    assert report(mode, answer).report_id == 3
    assert sent == [DEFAULT_LIMITS, {"connect": 10.0, "read": 58.0, "write": 58.0, "pool": 58.0}]


@pytest.mark.parametrize("mode", MODES)
def test_a_retry_that_would_leave_no_time_is_not_taken(mode: str, clock: Clock) -> None:
    sent: list[httpx.Request] = []

    def busy(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return held(503, b"{}", {**JSON, "Retry-After": "10"})

    failure(mode, busy, xobin_client.InternalServerError, timeout=10.0)
    assert len(sent) == 1
    failure(mode, busy, xobin_client.InternalServerError, timeout=10.5)
    assert len(sent) == 3, "with half a second left after the wait, it is taken"


@pytest.mark.parametrize("mode", MODES)
def test_the_debug_line_gives_the_milliseconds_the_answer_took(
    mode: str, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        clock.now += 0.25
        return held(200, REPORT, JSON)

    with caplog.at_level(logging.DEBUG, logger="xobin_client"):
        report(mode, answer)
    (line,) = [r.getMessage() for r in caplog.records if r.name == "xobin_client"]
    assert re.search(rf"^GET https://\S+{PATH} -> 200 in 250\.0 ms; request headers ", line), line


# -- what goes on the wire for a form body --------------------------------------------------------


class Period(pydantic.BaseModel):
    start: int
    note: str | None = None  # nullable: None is sent where the caller sets it


class Search(pydantic.BaseModel):
    criteria: str
    period: Period | None = pydantic.Field(default=None, exclude_if=lambda value: value is None)


def form_request(body: pydantic.BaseModel, content_type: str) -> httpx.Request:
    """The request a generated operation with this form body builds (see templates/macros.jinja)."""
    api = RUNTIME.SyncAPI(http_client=None, base_url="https://api.example.test", credentials=None,
                          client_headers={}, default_headers=None, timeout=None, max_retries=0,
                          max_response_bytes=MIB)
    try:
        return api.build_request(api.http, "POST", "/search", body=body, content_type=content_type)
    finally:
        api.close()


def test_a_form_body_sends_only_what_the_caller_set() -> None:
    request = form_request(Search(criteria="a b", period=Period(start=1)),
                           "application/x-www-form-urlencoded")
    assert request.content == b"criteria=a+b&period=%7B%22start%22%3A1%7D"  # period={"start":1}
    request = form_request(Search(criteria="a b", period=Period(start=1, note=None)),
                           "application/x-www-form-urlencoded")
    assert b"%22note%22%3Anull" in request.content


def test_a_form_media_type_with_parameters_is_still_a_form() -> None:
    request = form_request(Search(criteria="x"), "application/x-www-form-urlencoded; charset=utf-8")
    assert request.content == b"criteria=x"
    assert request.headers["content-type"] == "application/x-www-form-urlencoded; charset=utf-8"


# -- server-supplied text in log lines and messages: escaped, and cut --------------------------


def warned(message: str, caplog: pytest.LogCaptureFixture) -> str:
    class Result(pydantic.BaseModel):
        warnings: list[Any]

    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="xobin_client"):
        RUNTIME.log_warnings(Result(warnings=[{"message": message}]), "warnings",
                             httpx.Request("GET", "https://api.example.test/things"))
    (line,) = [r.getMessage() for r in caplog.records if r.name == "xobin_client"]
    return line.removeprefix("GET /things: API warning: ")


def test_control_characters_in_server_text_are_escaped_as_python_writes_them(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # C0 controls and DEL as \xNN; other unprintable characters (C1 controls, line separators) as
    # \uNNNN; spaces and the printable rest as they are.
    text = "a\x00b\x1f c~\x7f\x80\u2028d"
    assert warned(text, caplog) == "a\\x00b\\x1f c~\\x7f\\u0080\\u2028d"


def test_an_api_warning_is_logged_up_to_500_characters(caplog: pytest.LogCaptureFixture) -> None:
    assert warned("w" * 500, caplog) == "w" * 500
    assert warned("w" * 497 + "xyz!", caplog) == "w" * 497 + "..."


@pytest.mark.parametrize("mode", MODES)
def test_a_content_type_is_named_up_to_80_characters(mode: str) -> None:
    def answering(content_type: str) -> Handler:
        return lambda request: held(200, b"<html></html>", {"Content-Type": content_type})

    exactly = "text/html; profile=" + "p" * 61
    error = failure(mode, answering(exactly), xobin_client.APIResponseValidationError)
    assert f"with a body that is not JSON ({exactly}), not the JSON of Report" in str(error)
    error = failure(mode, answering(exactly + "q"), xobin_client.APIResponseValidationError)
    assert f"with a body that is not JSON ({exactly[:77]}...), not the JSON of Report" in str(error)


@pytest.mark.parametrize("mode", MODES)
def test_a_content_encoding_is_named_up_to_40_characters(mode: str) -> None:
    def answering(encoding: str) -> Handler:
        return lambda request: httpx.Response(
            200, headers={**JSON, "Content-Encoding": encoding}, stream=Pieces([b"not gzip at all"]))

    exactly = "gzip, " + "e" * 34  # httpx decodes gzip and passes over what it does not know
    error = failure(mode, answering(exactly), xobin_client.APIResponseValidationError)
    assert str(error) == (f"GET {PATH} answered 200 with a body that does not decode as its "
                          f"Content-Encoding ({exactly}) says")
    error = failure(mode, answering(exactly + "f"), xobin_client.APIResponseValidationError)
    assert f"Content-Encoding ({exactly[:37]}...) says" in str(error)
