"""A raw-socket HTTP/1.1 server on 127.0.0.1 for what a well-behaved server never does: trickle a
body, cut a connection, send far more than any limit, redirect elsewhere. Each test scripts the
bytes it answers with; every loop here is bounded, and the server only listens on loopback.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass
class Seen:
    """A request the server read: its method, path (with query), headers and body."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes


Answer = Callable[[socket.socket, Seen, int], None]
"""Writes the answer to request number n (0-based) on the connection; the server closes it."""


class RawServer:
    def __init__(self, answer: Answer) -> None:
        self.answer = answer
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._threads: list[threading.Thread] = []
        self._acceptor = threading.Thread(target=self._accept, daemon=True)

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()

    def _accept(self) -> None:
        while not self._stopping.is_set():
            try:
                conn, _ = self._listener.accept()
            except (TimeoutError, OSError):
                continue
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5.0)
            try:
                seen = _read_request(conn)
                if seen is None:
                    return
                with self._lock:
                    number = len(self.seen)
                    self.seen.append(seen)
                self.answer(conn, seen, number)
            except OSError:
                pass  # the client went away: expected when it gives up on an answer

    @contextmanager
    def running(self) -> Iterator[RawServer]:
        self._acceptor.start()
        try:
            yield self
        finally:
            self._stopping.set()
            self._acceptor.join(timeout=2.0)
            for thread in self._threads:
                thread.join(timeout=2.0)
            self._listener.close()


def _read_request(conn: socket.socket) -> Seen | None:
    data = b""
    while b"\r\n\r\n" not in data:
        piece = conn.recv(65536)
        if not piece:
            return None
        data += piece
        if len(data) > 1 << 20:
            return None
    head, _, rest = data.partition(b"\r\n\r\n")
    request_line, *header_lines = head.decode("latin-1").split("\r\n")
    method, path, _ = request_line.split(" ", 2)
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length") or 0)
    while len(rest) < length:
        piece = conn.recv(65536)
        if not piece:
            break
        rest += piece
    return Seen(method, path, headers, rest[:length])


def head(status: int, headers: dict[str, str] | None = None, reason: str = "X") -> bytes:
    """A status line and headers; `Connection: close` so that every request gets a connection."""
    lines = [f"HTTP/1.1 {status} {reason}", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def reply(status: int, body: bytes, headers: dict[str, str] | None = None) -> Answer:
    """An answer of `body` to every request."""
    def answer(conn: socket.socket, seen: Seen, number: int) -> None:
        conn.sendall(head(status, {"Content-Length": str(len(body)), **(headers or {})}) + body)
    return answer


def trickle(length: int, every: float, header_delay: float = 0.0) -> Answer:
    """Headers announcing `length` bytes (after `header_delay` s), then one byte after every
    `every` s: at most `length * every` seconds, less once the client hangs up."""
    def answer(conn: socket.socket, seen: Seen, number: int) -> None:
        time.sleep(header_delay)
        conn.sendall(head(200, {"Content-Type": "application/json", "Content-Length": str(length)}))
        for _ in range(length):
            time.sleep(every)
            conn.sendall(b" ")
    return answer


def reset(conn: socket.socket) -> None:
    """Cut the connection with a TCP reset rather than a clean close."""
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
