"""The test kit each package ships (`<package>.testing`), used the way a user's own tests would."""

from __future__ import annotations

import json
from typing import Any

import httpx
import kombo_client
import pytest
from kombo_client.testing import FakeAPI, UnmatchedRequest
from runtime_cases import CASE_IDS, CASES, MODES, Case, run
from wire import load_spec
from xobin_client.testing import FakeAPI as FakeXobin


def _spec_examples(provider: str, method: str, path: str) -> dict[int, dict[str, Any]]:
    responses = load_spec(provider)["paths"][path][method]["responses"]
    found: dict[int, dict[str, Any]] = {}
    for status, response in responses.items():
        examples = response.get("content", {}).get("application/json", {}).get("examples", {})
        if examples and str(status).isdigit():  # a `default` response has no status to answer with
            found[int(status)] = {name: example["value"] for name, example in examples.items()}
    return found


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_routes_carry_every_documented_response_example(case: Case) -> None:
    provider = case.package.__name__.removesuffix("_client")
    (route,) = [r for r in case.testing.ROUTES if r.operation == case.operation]
    documented = _spec_examples(provider, route.method.lower(), route.path_template)
    assert documented, "every provider spec documents its responses"
    assert {
        status: {name: json.loads(text) for name, text in examples.items()}
        for status, examples in route.examples.items()
    } == documented


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_every_operation_answers_its_first_documented_example(mode: str, case: Case) -> None:
    fake = case.fake()
    result = run(mode, fake, case.invoke)
    (route,) = [r for r in case.testing.ROUTES if r.operation == case.operation]
    first = json.loads(next(iter(route.examples[route.success_status].values())))
    assert result == type(result).model_validate(first)
    assert [call.operation for call in fake.calls] == [case.operation]


@pytest.mark.parametrize("mode", MODES)
def test_a_named_example_and_once_answers_then_the_standing_answer(mode: str) -> None:
    fake = FakeXobin()
    fake.respond("assessments.get_report", example="pending")
    fake.respond("assessments.get_report", status=404, once=True)

    def two_calls(client: Any) -> Any:
        if mode == "sync":
            with pytest.raises(Exception) as first:
                client.assessments.get_report(1)
            return first.value, client.assessments.get_report(2)

        async def calls() -> Any:
            with pytest.raises(Exception) as first:
                await client.assessments.get_report(1)
            return first.value, await client.assessments.get_report(2)

        return calls()

    error, report = run(mode, fake, two_calls)
    assert type(error).__name__ == "NotFoundError" and error.error.error == "Report not found"
    assert report.invite_status == "Pending"
    assert [c.path_params for c in fake.calls_to("assessments.get_report")] == [
        {"report_id": "1"}, {"report_id": "2"},
    ]


def test_recorded_calls_show_what_was_sent() -> None:
    fake = FakeAPI()
    client = fake.client(integration_id="workday:42")
    client.assessment.update_order_result(
        "order-7", status="COMPLETED", result_url="https://example.com/r", score=88
    )
    call = fake.last_call("assessment.update_order_result")
    assert call.method == "PUT"
    assert call.path_params == {"assessment_order_id": "order-7"}
    assert call.headers["x-integration-id"] == "workday:42"
    assert call.json == {"status": "COMPLETED", "result_url": "https://example.com/r", "score": 88}
    assert fake.calls_to("ats.add_candidate_result_link") == []


def test_the_fake_serves_every_region_of_the_spec() -> None:
    fake = FakeAPI()
    http = httpx.Client(transport=fake.transport)
    with kombo_client.KomboClient(api_key="k", integration_id="i", region="us", http_client=http) as us:
        us.ats.add_candidate_result_link("c", label="l", url="https://example.com")
    assert fake.last_call().url.host == "api.us.kombo.dev"


def test_mistakes_in_a_test_are_named_clearly() -> None:
    fake = FakeAPI()
    with pytest.raises(KeyError, match="unknown operation 'assessment.update'; known: "):
        fake.respond("assessment.update")
    with pytest.raises(KeyError, match="no example 'nope' for HTTP 409; it has: setup_incomplete"):
        fake.respond("assessment.update_order_result", status=409, example="nope")
    with pytest.raises(UnmatchedRequest, match="no example for HTTP 418: pass json="):
        fake.respond("assessment.update_order_result", status=418)
    with pytest.raises(UnmatchedRequest, match="no call of any operation"):
        fake.last_call()
    with httpx.Client(transport=fake.transport) as http:
        with pytest.raises(UnmatchedRequest, match="no operation of the spec matches GET"):
            http.get("https://api.kombo.dev/v1/assessment/orders/x/result")


def test_reset_forgets_calls_and_answers() -> None:
    fake = FakeXobin()
    client = fake.client()
    fake.respond("assessments.get_report", example="pending")
    client.assessments.get_report(1)
    fake.reset()
    assert fake.calls == []
    assert client.assessments.get_report(1).invite_status == "Completed"
