"""Every Python block in every generated README, and the project README's example, really run."""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from wire import ROOT, load_spec

_BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)
PROVIDERS = ("kombo", "stackone", "unified", "xobin")


def _blocks(readme: Path) -> list[str]:
    return _BLOCK.findall(readme.read_text(encoding="utf-8"))


def _fake(provider: str) -> Any:
    return importlib.import_module(f"{provider}_client.testing").FakeAPI()


@pytest.fixture
def route_clients_to(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Send every httpx client the examples create to a package's test kit; list what is sent."""
    sent: list[httpx.Request] = []

    def install(fake: Any) -> list[httpx.Request]:
        real_client, real_async = httpx.Client, httpx.AsyncClient

        class Client(real_client):  # type: ignore[misc, valid-type]
            def __init__(self, **kwargs: Any) -> None:
                kwargs.setdefault("transport", fake.transport)
                super().__init__(**kwargs)

            def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
                sent.append(request)
                return super().send(request, **kwargs)

        class AsyncClient(real_async):  # type: ignore[misc, valid-type]
            def __init__(self, **kwargs: Any) -> None:
                kwargs.setdefault("transport", fake.transport)
                super().__init__(**kwargs)

            async def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
                sent.append(request)
                return await super().send(request, **kwargs)

        monkeypatch.setattr(httpx, "Client", Client)
        monkeypatch.setattr(httpx, "AsyncClient", AsyncClient)
        return sent

    return install


CASES = [
    (provider, index)
    for provider in PROVIDERS
    for index in range(len(_blocks(ROOT / "generated" / provider / "README.md")))
]


@pytest.mark.parametrize(("provider", "index"), CASES)
def test_generated_readme_block_runs(provider: str, index: int, route_clients_to: Any) -> None:
    sent = route_clients_to(_fake(provider))
    code = _blocks(ROOT / "generated" / provider / "README.md")[index]
    exec(compile(code, f"generated/{provider}/README.md[{index}]", "exec"), {"__name__": "readme"})
    assert sent, "the example made no request"


def test_every_generated_readme_documents_every_operation() -> None:
    for provider in PROVIDERS:
        text = (ROOT / "generated" / provider / "README.md").read_text(encoding="utf-8")
        spec = load_spec(provider)
        for item in spec["paths"].values():
            for method in ("get", "put", "post", "patch", "delete"):
                if method in item:
                    name = re.sub(r"(?<!^)(?=[A-Z])", "_", item[method]["operationId"]).lower()
                    assert f".{name}(" in text, f"{provider} README lacks {name}"


def test_project_readme_example_runs(route_clients_to: Any) -> None:
    sent = route_clients_to(_fake("kombo"))
    code = next(b for b in _BLOCK.findall((ROOT / "README.md").read_text()) if "KomboClient" in b)
    exec(compile(code, "README.md", "exec"), {"__name__": "readme"})
    request = sent[-1]
    assert request.method == "PUT"
    assert request.headers["x-integration-id"] == "workday:HWUTwvyx2wLoSUHphiWVrp28"
    assert b'"completed_at":"2023-04-04T00:00:00Z"' in request.content
