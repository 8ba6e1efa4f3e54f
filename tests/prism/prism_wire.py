"""Calling a generated client against Prism, with Prism's verdict on every request it received.

Prism (with `--errors`) reports what it finds wrong with a request in an `sl-violations` header,
or in the `validation` list of a problem+json body when the spec declares no status for it. The
wire below reads both, so a rejected request fails the test with Prism's own words.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import httpx
from prism_server import PrismServer

PRISM_PROBLEM = "https://stoplight.io/prism/errors#"


def prism_reasons(response: httpx.Response) -> list[str]:
    """Prism's complaints about the request behind `response`, one line each; empty if none."""
    violations: list[dict[str, Any]] = []
    if "sl-violations" in response.headers:
        violations += json.loads(response.headers["sl-violations"])
    if response.headers.get("content-type", "").startswith("application/problem+json"):
        problem = json.loads(response.content)
        if str(problem.get("type", "")).startswith(PRISM_PROBLEM):
            violations += problem.get("validation") or [
                {"location": ["request"], "code": problem["status"], "message": problem["title"]}
            ]
    return [
        f"{'.'.join(map(str, v.get('location', [])))}: {v.get('message')} [{v.get('code')}]"
        for v in violations
    ]


class PrismRejected(AssertionError):
    """Prism refused a request the test expected it to accept."""


@dataclass
class Exchange:
    request: httpx.Request
    response: httpx.Response
    reasons: list[str]


@dataclass
class PrismWire:
    """httpx clients for the generated client to use, keeping every exchange and Prism's verdict.

    `strict` fails the test on the first rejected request; `strip_headers` removes headers just
    before sending, to call the API the way a client without credentials would.
    """

    strict: bool = True
    strip_headers: Iterable[str] = ()
    exchanges: list[Exchange] = field(default_factory=list)

    def _on_request(self, request: httpx.Request) -> None:
        for name in self.strip_headers:
            request.headers.pop(name, None)

    def _on_response(self, response: httpx.Response) -> None:
        reasons = prism_reasons(response)
        self.exchanges.append(Exchange(response.request, response, reasons))
        if self.strict and reasons:
            request = response.request
            raise PrismRejected(
                f"Prism rejected {request.method} {request.url} with HTTP {response.status_code}:\n  "
                + "\n  ".join(reasons)
                + f"\nrequest body: {request.content.decode(errors='replace')}"
            )

    def sync_client(self) -> httpx.Client:
        def on_response(response: httpx.Response) -> None:
            response.read()
            self._on_response(response)

        return httpx.Client(event_hooks={"request": [self._on_request], "response": [on_response]})

    def async_client(self) -> httpx.AsyncClient:
        async def on_request(request: httpx.Request) -> None:
            self._on_request(request)

        async def on_response(response: httpx.Response) -> None:
            await response.aread()
            self._on_response(response)

        return httpx.AsyncClient(event_hooks={"request": [on_request], "response": [on_response]})

    @property
    def last(self) -> Exchange:
        return self.exchanges[-1]


@dataclass(frozen=True)
class Provider:
    """How to build a provider's clients: the package, its client class and its options."""

    name: str
    package: ModuleType
    client_class: str
    options: dict[str, Any]


MODES = ("sync", "async")


def run(
    mode: str,
    provider: Provider,
    server: PrismServer,
    resource: str,
    method: str,
    *args: Any,
    wire: PrismWire | None = None,
    **kwargs: Any,
) -> Any:
    """Build the sync or async client against `server` and make one call with it.

    Retries are off: Prism answers a requested 429 or 5xx every time, with a Retry-After of
    up to a minute, and these tests want each answer once.
    """
    wire = wire if wire is not None else PrismWire()
    options = {**provider.options, "base_url": server.base_url, "max_retries": 0}
    if mode == "sync":
        client_class = getattr(provider.package, provider.client_class)
        # The generated client leaves an http_client it was given open, so it is closed here.
        with wire.sync_client() as http, client_class(http_client=http, **options) as client:
            return getattr(getattr(client, resource), method)(*args, **kwargs)

    async def run_async() -> Any:
        client_class = getattr(provider.package, "Async" + provider.client_class)
        http = wire.async_client()
        async with http, client_class(http_client=http, **options) as client:
            return await getattr(getattr(client, resource), method)(*args, **kwargs)

    return asyncio.run(run_async())
