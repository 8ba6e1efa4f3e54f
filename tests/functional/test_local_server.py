"""The generated clients against a real HTTP server on 127.0.0.1: sockets, timeouts, keep-alive."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import kombo_client
import pytest
import xobin_client
from runtime_cases import MODES, SECRET, record_sleeps, run_on

REPORT = {"assessment_id": 1, "candidate_id": 2, "report_id": 3, "name": "A", "email": "a@example.com",
          "invite_status": "Completed"}
KOMBO_OK = {"status": "success", "data": {}, "warnings": []}


@dataclass
class Reply:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    client_port: int


class Server:
    """Answers each request with the next scripted reply for its path (the last one repeats)."""

    def __init__(self) -> None:
        self.script: dict[str, list[Reply]] = {}
        self.seen: list[Seen] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as real APIs do

            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                server.seen.append(Seen(self.command, self.path, dict(self.headers.items()), body,
                                        self.client_address[1]))
                replies = server.script.get(self.path.split("?")[0], [Reply(404, {"error": "none"})])
                reply = replies.pop(0) if len(replies) > 1 else replies[0]
                time.sleep(reply.delay)
                payload = json.dumps(reply.body).encode() if reply.body is not None else b""
                self.send_response(reply.status)
                for name, value in {"Content-Type": "application/json", **reply.headers}.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_PUT = do_POST = _answer

            def log_message(self, *args: Any) -> None:
                pass

        class Quiet(ThreadingHTTPServer):
            # A client that gave up (a timeout test) makes the late reply fail; that is expected,
            # and its traceback must not land in some other test's captured output.
            daemon_threads = False
            block_on_close = True

            def handle_error(self, request: Any, client_address: Any) -> None:
                pass

        self.httpd = Quiet(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.02,), daemon=True)

    def on(self, path: str, *replies: Reply) -> None:
        self.script[path] = list(replies)


@pytest.fixture
def server() -> Iterator[Server]:
    running = Server()
    running.thread.start()
    yield running
    running.httpd.shutdown()
    running.httpd.server_close()


def xobin(mode: str, base_url: str, call: Any, **options: Any) -> Any:
    options = {"api_key": SECRET, "base_url": base_url, **options}
    return run_on(mode, lambda: xobin_client.XobinClient(**options),
                  lambda: xobin_client.AsyncXobinClient(**options), call)


def kombo(mode: str, base_url: str, call: Any, **options: Any) -> Any:
    options = {"api_key": SECRET, "integration_id": "workday:1", "base_url": base_url, **options}
    return run_on(mode, lambda: kombo_client.KomboClient(**options),
                  lambda: kombo_client.AsyncKomboClient(**options), call)


def get_report(client: Any, report_id: int = 3) -> Any:
    return client.assessments.get_report(report_id)


def add_link(client: Any) -> Any:
    return client.ats.add_candidate_result_link("cand-1", label="Report", url="https://example.com/r")


@pytest.mark.parametrize("mode", MODES)
def test_a_call_over_a_real_socket_sends_auth_and_parses(mode: str, server: Server) -> None:
    server.on("/assessments/report/3", Reply(body=REPORT))
    report = xobin(mode, server.url, get_report)
    assert report.report_id == 3
    assert server.seen[0].headers["apiKey"] == SECRET


@pytest.mark.parametrize("mode", MODES)
def test_connections_are_reused(mode: str, server: Server) -> None:
    server.on("/assessments/report/3", Reply(body=REPORT))

    def three_calls(client: Any) -> Any:
        if mode == "sync":
            return [get_report(client) for _ in range(3)]

        async def calls() -> Any:
            return [await get_report(client) for _ in range(3)]

        return calls()

    xobin(mode, server.url, three_calls)
    assert len({seen.client_port for seen in server.seen}) == 1


@pytest.mark.parametrize("mode", MODES)
def test_a_slow_server_raises_a_timeout(mode: str, server: Server) -> None:
    server.on("/assessments/report/3", Reply(body=REPORT, delay=0.6))
    started = time.monotonic()
    with pytest.raises(xobin_client.APITimeoutError) as caught:
        xobin(mode, server.url, get_report, timeout=0.15, max_retries=0)
    assert time.monotonic() - started < 0.5
    assert SECRET not in str(caught.value)


@pytest.mark.parametrize("mode", MODES)
def test_a_refused_connection_raises_a_connection_error(mode: str, monkeypatch: pytest.MonkeyPatch) -> None:
    delays = record_sleeps(monkeypatch, xobin_client)
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens on it
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(xobin_client.APIConnectionError) as caught:
        xobin(mode, f"http://127.0.0.1:{port}", get_report)
    assert not isinstance(caught.value, xobin_client.APITimeoutError)
    assert len(delays) == 2, "a GET is retried on connection errors"


@pytest.mark.parametrize("mode", MODES)
def test_a_get_is_retried_after_503_with_retry_after(mode: str, server: Server) -> None:
    server.on("/assessments/report/3",
              Reply(503, {"error": "busy"}, {"Retry-After": "0"}), Reply(body=REPORT))
    assert xobin(mode, server.url, get_report).report_id == 3
    assert len(server.seen) == 2


@pytest.mark.parametrize("mode", MODES)
def test_kombo_result_link_post_reaches_the_server_once(mode: str, server: Server) -> None:
    server.on("/ats/candidates/cand-1/result-links", Reply(503, {"error": "busy"}, {"Retry-After": "0"}))
    with pytest.raises(kombo_client.InternalServerError):
        kombo(mode, server.url, add_link, max_retries=5)
    assert [seen.method for seen in server.seen] == ["POST"]
    assert json.loads(server.seen[0].body) == {"label": "Report", "url": "https://example.com/r"}


@pytest.mark.parametrize("mode", MODES)
def test_a_redirect_is_not_followed_and_credentials_stay_home(mode: str, server: Server) -> None:
    server.on("/assessments/report/3", Reply(307, {}, {"Location": f"{server.url}/elsewhere"}))
    server.on("/elsewhere", Reply(body=REPORT))
    with pytest.raises(xobin_client.APIStatusError) as caught:
        xobin(mode, server.url, get_report)
    assert caught.value.status_code == 307
    assert [seen.path for seen in server.seen] == ["/assessments/report/3"]


@pytest.mark.parametrize("mode", MODES)
def test_a_documented_error_from_the_server_maps_to_its_class(mode: str, server: Server) -> None:
    server.on("/assessments/report/3", Reply(404, {"error": "Report not found"}))
    with pytest.raises(xobin_client.NotFoundError) as caught:
        xobin(mode, server.url, get_report)
    assert caught.value.error is not None and caught.value.error.error == "Report not found"
    assert caught.value.headers["content-type"] == "application/json"
