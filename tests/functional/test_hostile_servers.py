"""Servers that misbehave, on a real socket on 127.0.0.1: bodies far over the limit (plain and
gzip bombs), bodies that trickle in, retries that would outlive the timeout, resets mid-body,
redirects to another origin, non-JSON answers, and a client closed while a call waits to retry.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import socket
import threading
import time
import tracemalloc
from collections.abc import Iterator
from typing import Any

import httpx
import kombo_client
import pytest
import xobin_client
from raw_server import RawServer, Seen, head, reply, reset, trickle
from runtime_cases import MODES, SECRET, record_sleeps, run_on

REPORT = json.dumps({"assessment_id": 1, "candidate_id": 2, "report_id": 3, "name": "A",
                     "email": "a@example.com", "invite_status": "Completed"}).encode()
JSON = {"Content-Type": "application/json"}
MIB = 1 << 20


def xobin(mode: str, base_url: str, **options: Any) -> Any:
    """Call `assessments.get_report(3)` (a GET, so retried where safe) on a sync or async client."""
    options = {"api_key": SECRET, "base_url": base_url, **options}
    return run_on(mode, lambda: xobin_client.XobinClient(**options),
                  lambda: xobin_client.AsyncXobinClient(**options),
                  lambda client: client.assessments.get_report(3))


def kombo_link(mode: str, base_url: str, **options: Any) -> Any:
    """A POST that is not safe to repeat: Kombo's add_candidate_result_link."""
    options = {"api_key": SECRET, "integration_id": "workday:1", "base_url": base_url, **options}
    return run_on(mode, lambda: kombo_client.KomboClient(**options),
                  lambda: kombo_client.AsyncKomboClient(**options),
                  lambda client: client.ats.add_candidate_result_link(
                      "cand-1", label="Report", url="https://example.com/r"))


@pytest.fixture
def serve() -> Iterator[Any]:
    """`serve(answer)` starts a RawServer on 127.0.0.1 for the test; all stop at its end."""
    started = []

    def start(answer: Any) -> RawServer:
        server = RawServer(answer)
        context = server.running()
        context.__enter__()
        started.append(context)
        return server

    yield start
    for context in reversed(started):
        context.__exit__(None, None, None)


def _peak_bytes(call: Any) -> int:
    """The peak of memory Python allocated while `call()` ran (both threads: client and server)."""
    tracemalloc.start()
    try:
        call()
        raise AssertionError("the call should have failed")
    except xobin_client.APIResponseTooLargeError as error:
        assert error.limit == MIB and str(MIB) not in str(error) and "1,048,576-byte limit" in str(error)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# -- 1. response size -----------------------------------------------------------------------


def _endless(conn: socket.socket, seen: Seen, number: int) -> None:
    """Announces 100 MiB and sends it in 64 KiB pieces until the client hangs up."""
    conn.sendall(head(200, {**JSON, "Content-Length": str(100 * MIB)}))
    piece = b" " * 65536
    for _ in range(1600):
        conn.sendall(piece)


@pytest.mark.parametrize("mode", MODES)
def test_a_body_over_the_limit_is_refused_without_holding_it(mode: str, serve: Any) -> None:
    server = serve(_endless)
    started = time.monotonic()
    peak = _peak_bytes(lambda: xobin(mode, server.url, max_response_bytes=MIB))
    assert peak < 3 * MIB, f"peak {peak / MIB:.1f} MiB for a 1 MiB limit"
    assert time.monotonic() - started < 5.0
    assert len(server.seen) == 1, "an over-size answer is not retried"


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    """64 MiB of spaces, gzip-compressed to about 64 KiB."""
    return gzip.compress(b" " * (64 * MIB), 9)


@pytest.mark.parametrize("mode", MODES)
def test_a_gzip_bomb_is_counted_decoded_and_stopped_near_the_limit(
    mode: str, serve: Any, gzip_bomb: bytes
) -> None:
    server = serve(reply(200, gzip_bomb, {**JSON, "Content-Encoding": "gzip"}))
    assert len(gzip_bomb) < MIB, "the compressed body alone is under the limit"
    peak = _peak_bytes(lambda: xobin(mode, server.url, max_response_bytes=MIB))
    # Decoding the bomb's first 64 KiB network read at once would take 64 MiB.
    assert peak < 4 * MIB, f"peak {peak / MIB:.1f} MiB for a 1 MiB limit"
    assert server.seen[0].headers["accept-encoding"] == "gzip, deflate"


@pytest.mark.parametrize("mode", MODES)
def test_only_encodings_the_limit_can_bound_are_asked_for(mode: str, serve: Any) -> None:
    server = serve(reply(200, REPORT, JSON))
    own = {"headers": {"Accept-Encoding": "br, zstd, gzip"}}
    run_on(mode,
           lambda: xobin_client.XobinClient(api_key=SECRET, base_url=server.url, http_client=httpx.Client(**own)),
           lambda: xobin_client.AsyncXobinClient(
               api_key=SECRET, base_url=server.url, http_client=httpx.AsyncClient(**own)),
           lambda client: client.assessments.get_report(3))
    xobin(mode, server.url)
    assert [seen.headers["accept-encoding"] for seen in server.seen] == ["gzip, deflate"] * 2


@pytest.mark.parametrize("mode", MODES)
def test_a_body_a_transport_already_holds_is_held_to_the_limit_too(mode: str) -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=REPORT, headers=JSON))
    with pytest.raises(xobin_client.APIResponseTooLargeError):
        run_on(mode,
               lambda: xobin_client.XobinClient(
                   api_key=SECRET, http_client=httpx.Client(transport=transport), max_response_bytes=50),
               lambda: xobin_client.AsyncXobinClient(
                   api_key=SECRET, http_client=httpx.AsyncClient(transport=transport), max_response_bytes=50),
               lambda client: client.assessments.get_report(3))


@pytest.mark.parametrize("mode", MODES)
def test_a_compressed_body_under_the_limit_is_read_whole(mode: str, serve: Any) -> None:
    padded = json.loads(REPORT) | {"padding": "x" * 200_000}
    server = serve(reply(200, gzip.compress(json.dumps(padded).encode()), {**JSON, "Content-Encoding": "gzip"}))
    report = xobin(mode, server.url, max_response_bytes=MIB)
    assert report.report_id == 3 and len(report.model_extra["padding"]) == 200_000


@pytest.mark.parametrize("mode", MODES)
def test_an_error_body_over_the_limit_is_refused_too(mode: str, serve: Any) -> None:
    server = serve(reply(404, b'{"error": "' + b"x" * 5000 + b'"}', JSON))
    with pytest.raises(xobin_client.APIResponseTooLargeError) as caught:
        xobin(mode, server.url, max_response_bytes=4096)
    assert caught.value.status_code == 404 and caught.value.limit == 4096


# -- 2. one deadline for the whole call ------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_a_trickling_body_ends_in_a_timeout_at_the_deadline(mode: str, serve: Any) -> None:
    server = serve(trickle(100, every=0.1))  # each byte well within any per-read timeout
    started = time.monotonic()
    with pytest.raises(xobin_client.APITimeoutError) as caught:
        xobin(mode, server.url, timeout=0.6, max_retries=2)
    elapsed = time.monotonic() - started
    assert 0.5 < elapsed < 1.3, f"{elapsed:.2f} s for a 0.6 s timeout"
    assert len(server.seen) == 1, "no retry once the deadline has passed"
    assert SECRET not in str(caught.value)


@pytest.mark.parametrize("mode", MODES)
def test_slow_headers_leave_the_body_only_the_time_left(mode: str, serve: Any) -> None:
    # The first byte comes 1.3 s after the headers, which take 0.9 s: the read that waits for it
    # gets only the 0.1 s left (with the whole read timeout it would end near 1.9 s).
    server = serve(trickle(10, every=1.3, header_delay=0.9))
    started = time.monotonic()
    with pytest.raises(xobin_client.APITimeoutError):
        xobin(mode, server.url, timeout=1.0, max_retries=0)
    elapsed = time.monotonic() - started
    assert elapsed < 1.5, f"{elapsed:.2f} s for a 1 s timeout"


def _busy_then_silent(conn: socket.socket, seen: Seen, number: int) -> None:
    if number == 0:
        _always_503("0.8")(conn, seen, number)
    else:
        time.sleep(3.0)


@pytest.mark.parametrize("mode", MODES)
def test_a_retried_attempt_gets_only_the_time_left(mode: str, serve: Any) -> None:
    server = serve(_busy_then_silent)
    started = time.monotonic()
    with pytest.raises(xobin_client.APITimeoutError):
        xobin(mode, server.url, timeout=1.0, max_retries=1)
    elapsed = time.monotonic() - started
    assert len(server.seen) == 2
    # With the whole read timeout the second attempt would end near 1.8 s.
    assert elapsed < 1.45, f"{elapsed:.2f} s for a 1 s timeout"


def _always_503(retry_after: str) -> Any:
    return reply(503, b'{"error": "busy"}', {**JSON, "Retry-After": retry_after})


@pytest.mark.parametrize("mode", MODES)
def test_retries_and_their_waits_stay_within_the_timeout(mode: str, serve: Any) -> None:
    server = serve(_always_503("0.25"))
    started = time.monotonic()
    with pytest.raises(xobin_client.InternalServerError) as caught:
        xobin(mode, server.url, timeout=1.0, max_retries=20)
    elapsed = time.monotonic() - started
    assert elapsed < 1.4, f"{elapsed:.2f} s for a 1 s timeout (20 retries would take 5 s)"
    assert 2 <= len(server.seen) <= 4
    assert "busy" in str(caught.value)


@pytest.mark.parametrize("mode", MODES)
def test_a_retry_wait_longer_than_the_time_left_is_not_taken(mode: str, serve: Any) -> None:
    server = serve(_always_503("30"))
    started = time.monotonic()
    with pytest.raises(xobin_client.InternalServerError):
        xobin(mode, server.url, timeout=2.0, max_retries=3)
    assert time.monotonic() - started < 1.0
    assert len(server.seen) == 1


# -- resets ----------------------------------------------------------------------------------


def _reset_first(conn: socket.socket, seen: Seen, number: int) -> None:
    """The first answer stops after 10 of 100 announced bytes with a reset; later ones are fine."""
    if number == 0:
        conn.sendall(head(200, {**JSON, "Content-Length": "100"}) + REPORT[:10])
        reset(conn)
        return
    reply(200, REPORT, JSON)(conn, seen, number)


@pytest.mark.parametrize("mode", MODES)
def test_a_reset_mid_body_is_retried_when_safe(
    mode: str, serve: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    record_sleeps(monkeypatch, xobin_client)
    server = serve(_reset_first)
    assert xobin(mode, server.url).report_id == 3
    assert len(server.seen) == 2


@pytest.mark.parametrize("mode", MODES)
def test_a_reset_mid_body_ends_an_unsafe_post_in_a_connection_error(
    mode: str, serve: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    delays = record_sleeps(monkeypatch, kombo_client)
    server = serve(_reset_first)
    with pytest.raises(kombo_client.APIConnectionError) as caught:
        kombo_link(mode, server.url, max_retries=5)
    assert not isinstance(caught.value, kombo_client.APITimeoutError)
    assert len(server.seen) == 1 and delays == []


# -- 3. a client closed while a call waits to retry ------------------------------------------


def _wait_for(condition: Any) -> None:
    for _ in range(200):
        if condition():
            return
        time.sleep(0.01)
    raise AssertionError("timed out waiting")


def test_closing_a_sync_client_during_a_retry_wait_ends_the_call(serve: Any) -> None:
    server = serve(_always_503("0.3"))
    client = xobin_client.XobinClient(api_key=SECRET, base_url=server.url, max_retries=5, timeout=None)
    outcome: list[BaseException] = []

    def call() -> None:
        try:
            client.assessments.get_report(3)
        except BaseException as error:  # noqa: BLE001  (the test inspects whatever it was)
            outcome.append(error)

    worker = threading.Thread(target=call)
    worker.start()
    _wait_for(lambda: server.seen)
    client.close()
    worker.join(timeout=5.0)
    assert not worker.is_alive()
    assert type(outcome[0]) is xobin_client.APIConnectionError, repr(outcome[0])
    assert "closed" in str(outcome[0])
    assert len(server.seen) == 1, "no retry on a closed client"


async def test_closing_an_async_client_during_a_retry_wait_ends_the_call(serve: Any) -> None:
    server = serve(_always_503("0.3"))
    client = xobin_client.AsyncXobinClient(api_key=SECRET, base_url=server.url, max_retries=5, timeout=None)
    call = asyncio.ensure_future(client.assessments.get_report(3))
    for _ in range(200):
        if server.seen:
            break
        await asyncio.sleep(0.01)
    await client.close()
    with pytest.raises(xobin_client.APIConnectionError, match="closed") as caught:
        await asyncio.wait_for(call, timeout=5.0)
    assert type(caught.value) is xobin_client.APIConnectionError
    assert len(server.seen) == 1


def _slow_report(conn: socket.socket, seen: Seen, number: int) -> None:
    time.sleep(1.0)
    reply(200, REPORT, JSON)(conn, seen, number)


def test_closing_a_sync_client_with_a_call_in_flight_ends_it_in_the_tree(serve: Any) -> None:
    server = serve(_slow_report)
    client = xobin_client.XobinClient(api_key=SECRET, base_url=server.url, max_retries=5)
    outcome: list[object] = []

    def call() -> None:
        try:
            outcome.append(client.assessments.get_report(3))
        except BaseException as error:  # noqa: BLE001  (the test inspects whatever it was)
            outcome.append(error)

    worker = threading.Thread(target=call)
    worker.start()
    _wait_for(lambda: server.seen)
    client.close()
    worker.join(timeout=5.0)
    assert type(outcome[0]) is xobin_client.APIConnectionError, repr(outcome[0])
    assert len(server.seen) == 1


async def test_closing_an_async_client_with_a_call_in_flight_ends_it_in_the_tree(serve: Any) -> None:
    server = serve(_slow_report)
    client = xobin_client.AsyncXobinClient(api_key=SECRET, base_url=server.url, max_retries=5)
    call = asyncio.ensure_future(client.assessments.get_report(3))
    for _ in range(200):
        if server.seen:
            break
        await asyncio.sleep(0.01)
    await client.close()
    with pytest.raises(xobin_client.APIConnectionError, match="closed"):
        await asyncio.wait_for(call, timeout=5.0)
    assert len(server.seen) == 1


@pytest.mark.parametrize("mode", MODES)
def test_a_call_on_a_closed_client_raises_a_connection_error(mode: str, serve: Any) -> None:
    server = serve(reply(200, REPORT, JSON))

    def closed_first(client: Any) -> Any:
        if mode == "sync":
            client.close()
            return client.assessments.get_report(3)

        async def go() -> Any:
            await client.close()
            return await client.assessments.get_report(3)

        return go()

    options = {"api_key": SECRET, "base_url": server.url}
    with pytest.raises(xobin_client.APIConnectionError, match="closed"):
        run_on(mode, lambda: xobin_client.XobinClient(**options),
               lambda: xobin_client.AsyncXobinClient(**options), closed_first)
    assert server.seen == []


# -- 4. redirects, whatever the http_client says ---------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_a_redirect_to_another_origin_never_carries_the_api_key(mode: str, serve: Any) -> None:
    elsewhere = serve(reply(200, REPORT, JSON))
    home = serve(reply(307, b"", {"Location": f"{elsewhere.url}/steal"}))

    def call(client: Any) -> Any:
        return client.assessments.get_report(3)

    with pytest.raises(xobin_client.APIStatusError) as caught:
        run_on(
            mode,
            lambda: xobin_client.XobinClient(
                api_key=SECRET, base_url=home.url, http_client=httpx.Client(follow_redirects=True)),
            lambda: xobin_client.AsyncXobinClient(
                api_key=SECRET, base_url=home.url, http_client=httpx.AsyncClient(follow_redirects=True)),
            call,
        )
    assert caught.value.status_code == 307
    assert "redirect" in str(caught.value)
    assert home.seen[0].headers["apikey"] == SECRET, "the key did go to its own server"
    assert elsewhere.seen == []


# -- 16. answers that are not JSON -----------------------------------------------------------

HTML = b"<!doctype html><html><body>Maintenance</body></html>"


@pytest.mark.parametrize("mode", MODES)
def test_an_html_answer_is_reported_as_not_json_with_its_content_type(mode: str, serve: Any) -> None:
    server = serve(reply(200, HTML, {"Content-Type": "text/html; charset=utf-8"}))
    with pytest.raises(xobin_client.APIResponseValidationError) as caught:
        xobin(mode, server.url)
    message = str(caught.value)
    assert "not JSON" in message and "text/html; charset=utf-8" in message
    assert "Maintenance" not in message


@pytest.mark.parametrize("mode", MODES)
def test_an_html_error_page_is_named_in_the_status_error(mode: str, serve: Any) -> None:
    server = serve(reply(502, HTML, {"Content-Type": "text/html"}))
    with pytest.raises(xobin_client.InternalServerError) as caught:
        xobin(mode, server.url, max_retries=0)
    assert str(caught.value).endswith("failed with HTTP 502 (text/html body)")
    assert caught.value.error is None and caught.value.body == HTML
