"""A fake Hazards fixture API for your own tests: no network, answers from the spec's examples.

Every operation answers with the first example the spec documents for its success status, unless
you tell it otherwise; every request is recorded so your tests can assert what was sent::

    from hazards_client.testing import FakeAPI

    fake = FakeAPI()
    client = fake.client()
    ...  # code under test calls client.<resource>.<method>(...)
    call = fake.last_call("things.get_thing")
    assert call.method == "GET"

    fake.respond("things.get_thing", status=429, json={})  # from now on
    fake.respond("things.get_thing", raises=httpx.ConnectError("down"), once=True)

Operations are named `<resource>.<method>`, as you call them on the client.
"""

from __future__ import annotations

import json as jsonlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

import httpx

from ._client import SERVERS, AsyncHazardsClient, HazardsClient

__all__ = ["ROUTES", "Answer", "FakeAPI", "RecordedCall", "Route", "UnmatchedRequest"]


@dataclass(frozen=True)
class Route:
    """One operation of the spec: where it lives and the responses the spec documents for it."""

    operation: str
    method: str
    path_template: str
    success_status: int
    has_body: bool
    examples: Mapping[int, Mapping[str, str]]
    """JSON text of each documented example, by status and example name."""


ROUTES: tuple[Route, ...] = (
    Route(
        "things.get_thing",
        "GET",
        "/things/{id}",
        200,
        True,
        {},
    ),
    Route(
        "things.put_thing",
        "PUT",
        "/things/{id}",
        200,
        True,
        {},
    ),
    Route(
        "things.label_thing",
        "POST",
        "/things/{id}/labels",
        204,
        False,
        {},
    ),
    Route(
        "things.post_event",
        "POST",
        "/events",
        204,
        False,
        {},
    ),
)


class UnmatchedRequest(AssertionError):
    """A request that no operation of the spec matches, or that has no answer to give."""


@dataclass(frozen=True)
class Answer:
    """What the fake answers: a status and JSON body, or an exception raised instead."""

    status: int
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)
    raises: Exception | None = None


@dataclass(frozen=True)
class RecordedCall:
    """A request the fake received, with the operation it matched."""

    operation: str
    request: httpx.Request
    path_params: Mapping[str, str]

    @property
    def method(self) -> str:
        return self.request.method

    @property
    def url(self) -> httpx.URL:
        return self.request.url

    @property
    def headers(self) -> httpx.Headers:
        return self.request.headers

    @property
    def query(self) -> httpx.QueryParams:
        return self.request.url.params

    @property
    def json(self) -> Any:
        """The JSON body as Python data, or None when nothing was sent."""
        return jsonlib.loads(self.request.content) if self.request.content else None


def _pattern(template: str) -> tuple[re.Pattern[str], list[str]]:
    pieces = re.split(r"\{([^{}]+)\}", template)
    regex = "".join(re.escape(p) if i % 2 == 0 else "([^/]+)" for i, p in enumerate(pieces))
    return re.compile(regex), pieces[1::2]


class FakeAPI:
    """An in-memory stand-in for the API, for `HazardsClient` and its async twin.

    Args:
        base_url: the base URL the fake serves; by default every server the spec names.
    """

    def __init__(self, base_url: str | None = None) -> None:
        self.calls: list[RecordedCall] = []
        self.transport = httpx.MockTransport(self._handle)
        self.base_urls = [base_url] if base_url else list(SERVERS.values())
        self._routes = {route.operation: route for route in ROUTES}
        # Routes with fewer parameters first, so `/orders/search` wins over `/orders/{id}`.
        self._patterns = sorted(
            ((route, *_pattern(route.path_template)) for route in ROUTES),
            key=lambda entry: len(entry[2]),
        )
        self._answers: dict[str, Answer] = {}
        self._once: dict[str, list[Answer]] = {}

    def client(self, **options: Any) -> HazardsClient:
        """A `HazardsClient` wired to this fake; `options` go to its constructor."""
        return HazardsClient(
            **self._client_options(options), http_client=httpx.Client(transport=self.transport)
        )

    def async_client(self, **options: Any) -> AsyncHazardsClient:
        """An `AsyncHazardsClient` wired to this fake; `options` go to its constructor."""
        return AsyncHazardsClient(
            **self._client_options(options), http_client=httpx.AsyncClient(transport=self.transport)
        )

    def _client_options(self, options: dict[str, Any]) -> dict[str, Any]:
        defaults: dict[str, Any] = {
            "base_url": self.base_urls[0],
        }
        return {**defaults, **options}

    def respond(
        self,
        operation: str,
        *,
        status: int | None = None,
        example: str | None = None,
        json: Any = None,
        headers: Mapping[str, str] | None = None,
        raises: Exception | None = None,
        once: bool = False,
    ) -> None:
        """Set how `operation` answers from now on (or only for its next call, with `once`).

        Give `json` for a body of your own, or `example` (and `status`) to pick one the spec
        documents; `raises` makes the call fail as if the network did (e.g. `httpx.ConnectError`).
        """
        route = self._route(operation)
        code = status if status is not None else route.success_status
        if raises is not None:
            answer = Answer(code, raises=raises)
        elif json is not None:
            answer = Answer(code, jsonlib.dumps(json).encode(), dict(headers or {}))
        else:
            answer = Answer(code, self._example(route, code, example).encode(), dict(headers or {}))
        if once:
            self._once.setdefault(operation, []).append(answer)
        else:
            self._answers[operation] = answer

    def reset(self) -> None:
        """Forget recorded calls and every answer set with `respond`."""
        self.calls.clear()
        self._answers.clear()
        self._once.clear()

    def calls_to(self, operation: str) -> list[RecordedCall]:
        """The recorded calls of one operation, oldest first."""
        self._route(operation)
        return [call for call in self.calls if call.operation == operation]

    def last_call(self, operation: str | None = None) -> RecordedCall:
        """The latest recorded call (of `operation`, when given)."""
        calls = self.calls_to(operation) if operation else self.calls
        if not calls:
            raise UnmatchedRequest(f"no call of {operation or 'any operation'} was recorded")
        return calls[-1]

    def _route(self, operation: str) -> Route:
        if operation not in self._routes:
            raise KeyError(f"unknown operation {operation!r}; known: {', '.join(self._routes)}")
        return self._routes[operation]

    @staticmethod
    def _example(route: Route, status: int, name: str | None) -> str:
        examples = route.examples.get(status, {})
        if name is not None and name not in examples:
            raise KeyError(
                f"{route.operation} documents no example {name!r} for HTTP {status}; "
                f"it has: {', '.join(examples) or 'none'}"
            )
        if name is not None:
            return examples[name]
        if examples:
            return next(iter(examples.values()))
        if not route.has_body and status == route.success_status:
            return ""
        raise UnmatchedRequest(
            f"{route.operation} documents no example for HTTP {status}: pass json= to respond()"
        )

    def _match(self, request: httpx.Request) -> tuple[Route, dict[str, str]]:
        url = str(request.url.copy_with(query=None, fragment=None))
        for base in self.base_urls:
            if not url.startswith(base.rstrip("/") + "/"):
                continue
            path = url[len(base.rstrip("/")) :]
            for route, pattern, names in self._patterns:
                found = pattern.fullmatch(path)
                if found and route.method == request.method:
                    return route, dict(zip(names, (unquote(v) for v in found.groups())))
        raise UnmatchedRequest(f"no operation of the spec matches {request.method} {url}")

    def _handle(self, request: httpx.Request) -> httpx.Response:
        route, path_params = self._match(request)
        self.calls.append(RecordedCall(route.operation, request, path_params))
        queued = self._once.get(route.operation)
        if queued:
            answer = queued.pop(0)
        elif route.operation in self._answers:
            answer = self._answers[route.operation]
        else:
            body = self._example(route, route.success_status, None).encode()
            answer = Answer(route.success_status, body)
        if answer.raises is not None:
            raise answer.raises
        headers = (
            {"Content-Type": "application/json", **answer.headers}
            if answer.body
            else answer.headers
        )
        return httpx.Response(answer.status, content=answer.body, headers=headers, request=request)
