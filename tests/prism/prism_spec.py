"""What the specs say each operation accepts and answers, read straight from specs/*.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
HTTP_METHODS = ("get", "put", "post", "patch", "delete")


@dataclass(frozen=True)
class Response:
    status: str  # "200", "404" or "default"
    schema: str | None  # name of the component schema the body is, if any
    examples: dict[str, Any]


@dataclass(frozen=True)
class Operation:
    provider: str
    operation_id: str
    method: str
    path: str
    raw: dict[str, Any]
    path_item: dict[str, Any]

    def parameter(self, name: str) -> dict[str, Any]:
        for parameter in self.path_item.get("parameters", []) + self.raw.get("parameters", []):
            if "$ref" in parameter:
                parameter = resolve(self.provider, parameter["$ref"])
            if parameter["name"] == name:
                return dict(parameter)
        raise KeyError(f"{self.operation_id} has no parameter {name!r}")

    def parameter_example(self, name: str) -> Any:
        return self.parameter(name)["example"]

    def request_example(self) -> dict[str, Any]:
        media = self.raw["requestBody"]["content"]["application/json"]
        return dict(next(iter(media["examples"].values()))["value"])

    def responses(self) -> list[Response]:
        found = []
        for status, response in self.raw["responses"].items():
            media = response.get("content", {}).get("application/json", {})
            ref = media.get("schema", {}).get("$ref")
            examples = {name: example["value"] for name, example in media.get("examples", {}).items()}
            found.append(Response(str(status), ref.rsplit("/", 1)[-1] if ref else None, examples))
        return found

    def success(self) -> Response:
        return next(r for r in self.responses() if r.status.startswith("2"))

    def errors(self) -> list[Response]:
        return [r for r in self.responses() if not r.status.startswith("2")]


@cache
def load(provider: str) -> dict[str, Any]:
    with open(ROOT / "specs" / f"{provider}.yaml", encoding="utf-8") as handle:
        return dict(yaml.safe_load(handle))


def resolve(provider: str, ref: str) -> dict[str, Any]:
    node: Any = load(provider)
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return dict(node)


def operations(provider: str) -> list[Operation]:
    spec = load(provider)
    return [
        Operation(provider, raw["operationId"], method, path, raw, path_item)
        for path, path_item in spec["paths"].items()
        for method, raw in path_item.items()
        if method in HTTP_METHODS
    ]


def operation(provider: str, operation_id: str) -> Operation:
    return next(op for op in operations(provider) if op.operation_id == operation_id)


def credential_header(provider: str) -> str:
    """The request header that carries the credential under the spec's only security scheme."""
    spec = load(provider)
    (requirement,) = spec["security"]
    (scheme_name,) = requirement
    scheme = spec["components"]["securitySchemes"][scheme_name]
    if scheme["type"] == "http":
        return "Authorization"
    assert scheme["type"] == "apiKey" and scheme["in"] == "header", scheme
    return str(scheme["name"])
