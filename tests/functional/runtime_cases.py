"""One valid call per operation of every provider, and a way to run it sync or async on a fake."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import kombo_client
import kombo_client.testing
import stackone_client
import stackone_client.testing
import unified_client
import unified_client.testing
import xobin_client
import xobin_client.testing

MODES = ["sync", "async"]
SECRET = "sk-live-5EcReT-do-not-log"


@dataclass(frozen=True)
class Case:
    package: ModuleType
    testing: ModuleType
    operation: str  # "<resource>.<method>", as the test kit names it
    invoke: Callable[[Any], Any]  # calls the operation on a sync or async client
    retry_safe: bool

    @property
    def id(self) -> str:
        return f"{self.package.__name__.removesuffix('_client')}.{self.operation}"

    def fake(self) -> Any:
        return self.testing.FakeAPI()


CASES = [
    Case(kombo_client, kombo_client.testing, "assessment.update_order_result",
         lambda c: c.assessment.update_order_result(
             "order-1", status="COMPLETED", result_url="https://example.com/r/1"
         ), retry_safe=True),
    Case(kombo_client, kombo_client.testing, "ats.add_candidate_result_link",
         lambda c: c.ats.add_candidate_result_link(
             "candidate-1", label="Assessment report", url="https://example.com/r/1"
         ), retry_safe=False),
    Case(stackone_client, stackone_client.testing, "ats.get_assessments_request",
         lambda c: c.ats.get_assessments_request("order-1"), retry_safe=True),
    Case(unified_client, unified_client.testing, "assessment.create_assessment_package",
         lambda c: c.assessment.create_assessment_package("conn-1", type="SKILLS_TEST"),
         retry_safe=False),
    Case(xobin_client, xobin_client.testing, "assessments.get_report",
         lambda c: c.assessments.get_report(482913), retry_safe=True),
]
CASE_IDS = [case.id for case in CASES]
BY_PROVIDER = {case.package.__name__: case for case in reversed(CASES)}  # first case of each


def base_error(package: ModuleType) -> type[Exception]:
    """The package's `<Name>Error`: the one exported exception that derives from Exception."""
    (base,) = [
        getattr(package, name) for name in package.__all__
        if isinstance(getattr(package, name), type)
        and getattr(package, name).__bases__ == (Exception,)
    ]
    return base


def run_on(mode: str, make_sync: Callable[[], Any], make_async: Callable[[], Any],
           invoke: Callable[[Any], Any]) -> Any:
    """Call `invoke(client)` on a sync or an async client from these factories; return its result."""
    if mode == "sync":
        with make_sync() as client:
            return invoke(client)

    async def go() -> Any:
        async with make_async() as client:
            return await invoke(client)

    return asyncio.run(go())


def run(mode: str, fake: Any, invoke: Callable[[Any], Any], **options: Any) -> Any:
    """Call `invoke(client)` on a client of `fake`, sync or async; return what the call returns."""
    options.setdefault("api_key", SECRET)
    return run_on(mode, lambda: fake.client(**options), lambda: fake.async_client(**options), invoke)


def record_sleeps(monkeypatch: Any, package: ModuleType) -> list[float]:
    """Replace the retry sleep of both API classes with one that only records the delay."""
    delays: list[float] = []
    runtime = package._runtime

    def sleep(self: Any, seconds: float) -> None:
        delays.append(seconds)

    async def async_sleep(self: Any, seconds: float) -> None:
        delays.append(seconds)

    monkeypatch.setattr(runtime.SyncAPI, "_sleep", sleep)
    monkeypatch.setattr(runtime.AsyncAPI, "_sleep", async_sleep)
    return delays
