"""Every Python block in every generated README, and the project README's example, really run."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from wire import ROOT, load_spec, response_examples

_BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)
# The documented success answer each README call gets, by provider.
_ANSWERS = {
    "kombo": lambda: response_examples(load_spec("kombo"),
                                       "/assessment/orders/{assessment_order_id}/result", "put", "200")[0],
    "stackone": lambda: response_examples(load_spec("stackone"),
                                          "/unified/ats/assessments/orders/{id}", "get", "200")[0],
    "unified": lambda: response_examples(load_spec("unified"),
                                         "/assessment/{connection_id}/package", "post", "200")[0],
    "xobin": lambda: response_examples(load_spec("xobin"),
                                       "/assessments/report/{report_id}", "get", "200")[0],
}


def _blocks(readme: Path) -> list[str]:
    return _BLOCK.findall(readme.read_text(encoding="utf-8"))


@pytest.fixture
def answer_every_request(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Route every httpx client the examples create to a transport with a canned answer."""
    sent: list[httpx.Request] = []
    body: dict[str, Any] = {}

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json=body["value"])

    real_client, real_async = httpx.Client, httpx.AsyncClient

    class Client(real_client):  # type: ignore[misc, valid-type]
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(transport=httpx.MockTransport(handler), **kwargs)

    class AsyncClient(real_async):  # type: ignore[misc, valid-type]
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(transport=httpx.MockTransport(handler), **kwargs)

    monkeypatch.setattr(httpx, "Client", Client)
    monkeypatch.setattr(httpx, "AsyncClient", AsyncClient)
    return sent, body


CASES = [
    (provider, index)
    for provider in _ANSWERS
    for index in range(len(_blocks(ROOT / "generated" / provider / "README.md")))
]


@pytest.mark.parametrize(("provider", "index"), CASES)
def test_generated_readme_block_runs(provider: str, index: int, answer_every_request: Any) -> None:
    sent, body = answer_every_request
    body["value"] = _ANSWERS[provider]()
    code = _blocks(ROOT / "generated" / provider / "README.md")[index]
    exec(compile(code, f"generated/{provider}/README.md[{index}]", "exec"), {"__name__": "readme"})
    assert sent, "the example made no request"


def test_every_generated_readme_documents_every_operation() -> None:
    for provider in _ANSWERS:
        text = (ROOT / "generated" / provider / "README.md").read_text(encoding="utf-8")
        spec = load_spec(provider)
        for item in spec["paths"].values():
            for method in ("get", "put", "post", "patch", "delete"):
                if method in item:
                    name = re.sub(r"(?<!^)(?=[A-Z])", "_", item[method]["operationId"]).lower()
                    assert f".{name}(" in text, f"{provider} README lacks {name}"


def test_project_readme_example_runs(answer_every_request: Any) -> None:
    sent, body = answer_every_request
    body["value"] = _ANSWERS["kombo"]()
    code = next(b for b in _BLOCK.findall((ROOT / "README.md").read_text()) if "KomboClient" in b)
    exec(compile(code, "README.md", "exec"), {"__name__": "readme"})
    request = sent[-1]
    assert request.method == "PUT"
    assert request.headers["x-integration-id"] == "workday:HWUTwvyx2wLoSUHphiWVrp28"
    assert b'"completed_at":"2023-04-04T00:00:00Z"' in request.content
