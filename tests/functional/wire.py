"""A recording mock transport and the spec examples the functional tests compare against."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import yaml

ROOT = Path(__file__).resolve().parents[2]


def load_spec(provider: str) -> dict[str, Any]:
    with open(ROOT / "specs" / f"{provider}.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def operation(spec: dict[str, Any], path: str, method: str) -> dict[str, Any]:
    return spec["paths"][path][method]


def example_values(media: dict[str, Any]) -> list[Any]:
    return [example["value"] for example in media["examples"].values()]


def request_example(spec: dict[str, Any], path: str, method: str) -> Any:
    media = operation(spec, path, method)["requestBody"]["content"]["application/json"]
    return example_values(media)[0]


def response_examples(spec: dict[str, Any], path: str, method: str, status: str) -> list[Any]:
    media = operation(spec, path, method)["responses"][status]["content"]["application/json"]
    return example_values(media)


def parameter_example(spec: dict[str, Any], path: str, method: str, name: str) -> Any:
    item = spec["paths"][path]
    for parameter in item.get("parameters", []) + operation(spec, path, method).get("parameters", []):
        if "$ref" in parameter:
            parameter = spec["components"]["parameters"][parameter["$ref"].rsplit("/", 1)[-1]]
        if parameter["name"] == name:
            return parameter["example"]
    raise KeyError(name)


@dataclass
class Recorder:
    """Answers every request with one canned response and keeps what was sent."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    requests: list[httpx.Request] = field(default_factory=list)
    answer: Callable[[httpx.Request], httpx.Response] | None = None

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.answer is not None:
            return self.answer(request)
        return httpx.Response(self.status, json=self.body, headers=self.headers)

    @property
    def last(self) -> httpx.Request:
        return self.requests[-1]

    def last_json(self) -> Any:
        return json.loads(self.last.content)

    def sync_client(self) -> httpx.Client:
        return httpx.Client(transport=httpx.MockTransport(self))

    def async_client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=httpx.MockTransport(self))
