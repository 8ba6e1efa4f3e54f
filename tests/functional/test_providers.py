"""Every operation of every provider, sync and async, against httpx.MockTransport.

The request on the wire must be the documented example, and the documented responses must parse.
"""

from __future__ import annotations

import asyncio
import base64
from datetime import datetime
from typing import Any

import httpx
import kombo_client
import pytest
import stackone_client
import unified_client
import xobin_client
from wire import Recorder, load_spec, parameter_example, request_example, response_examples

MODES = ["sync", "async"]


def call(mode: str, recorder: Recorder, package: Any, client_name: str, client_args: dict[str, Any],
         resource: str, method: str, *args: Any, **kwargs: Any) -> Any:
    sync_cls, async_cls = getattr(package, client_name), getattr(package, "Async" + client_name)
    if mode == "sync":
        with sync_cls(http_client=recorder.sync_client(), **client_args) as client:
            return getattr(getattr(client, resource), method)(*args, **kwargs)

    async def run() -> Any:
        async with async_cls(http_client=recorder.async_client(), **client_args) as client:
            return await getattr(getattr(client, resource), method)(*args, **kwargs)

    return asyncio.run(run())


def same_instant(sent: str, documented: str) -> bool:
    return datetime.fromisoformat(sent.replace("Z", "+00:00")) == datetime.fromisoformat(
        documented.replace("Z", "+00:00")
    )


# -- Kombo ------------------------------------------------------------------------------------

KOMBO = load_spec("kombo")
RESULT_PATH = "/assessment/orders/{assessment_order_id}/result"
LINKS_PATH = "/ats/candidates/{candidate_id}/result-links"
KOMBO_ARGS = {"api_key": "kombo-secret", "integration_id": "workday:HWUTwvyx2wLoSUHphiWVrp28"}


@pytest.mark.parametrize("mode", MODES)
def test_kombo_update_order_result_sends_the_documented_request(mode: str) -> None:
    example = request_example(KOMBO, RESULT_PATH, "put")
    success = response_examples(KOMBO, RESULT_PATH, "put", "200")[0]
    order_id = parameter_example(KOMBO, RESULT_PATH, "put", "assessment_order_id")
    recorder = Recorder(body=success)

    result = call(mode, recorder, kombo_client, "KomboClient", KOMBO_ARGS,
                  "assessment", "update_order_result", order_id, **example)

    request = recorder.last
    assert request.method == "PUT"
    assert str(request.url) == f"https://api.kombo.dev/v1/assessment/orders/{order_id}/result"
    assert request.headers["authorization"] == "Bearer kombo-secret"
    assert request.headers["x-integration-id"] == "workday:HWUTwvyx2wLoSUHphiWVrp28"
    assert request.headers["content-type"] == "application/json"
    sent = recorder.last_json()
    assert same_instant(sent.pop("completed_at"), example["completed_at"])
    assert sent == {k: v for k, v in example.items() if k != "completed_at"}
    assert isinstance(result, kombo_client.SuccessResponse)
    assert result.model_dump(mode="json") == success


@pytest.mark.parametrize("mode", MODES)
def test_kombo_add_candidate_result_link_sends_the_documented_request(mode: str) -> None:
    example = request_example(KOMBO, LINKS_PATH, "post")
    success = response_examples(KOMBO, LINKS_PATH, "post", "200")[0]
    candidate_id = parameter_example(KOMBO, LINKS_PATH, "post", "candidate_id")
    recorder = Recorder(body=success)

    result = call(mode, recorder, kombo_client, "KomboClient", {**KOMBO_ARGS, "region": "us"},
                  "ats", "add_candidate_result_link", candidate_id, **example)

    assert recorder.last.method == "POST"
    assert str(recorder.last.url) == (
        f"https://api.us.kombo.dev/v1/ats/candidates/{candidate_id}/result-links"
    )
    assert recorder.last_json() == example
    assert [w.message for w in result.warnings] == [w["message"] for w in success["warnings"]]


@pytest.mark.parametrize("mode", MODES)
def test_kombo_nested_values_can_be_models_and_header_overridden_per_call(mode: str) -> None:
    example = request_example(KOMBO, LINKS_PATH, "post")
    recorder = Recorder(body=response_examples(KOMBO, LINKS_PATH, "post", "200")[0])
    details = kombo_client.ResultLinkDetails.model_validate(example["details"])

    call(mode, recorder, kombo_client, "KomboClient", KOMBO_ARGS, "ats",
         "add_candidate_result_link", "cand/../x", **{**example, "details": details},
         integration_id="join:other")

    assert recorder.last.headers["x-integration-id"] == "join:other"
    assert recorder.last.url.raw_path == b"/v1/ats/candidates/cand%2F..%2Fx/result-links"
    assert recorder.last_json() == example


@pytest.mark.parametrize("mode", MODES)
def test_kombo_documented_error_raises_with_status_and_parsed_body(mode: str) -> None:
    error_body = response_examples(KOMBO, RESULT_PATH, "put", "409")[0]
    recorder = Recorder(status=409, body=error_body)

    with pytest.raises(kombo_client.ConflictError) as raised:
        call(mode, recorder, kombo_client, "KomboClient", KOMBO_ARGS, "assessment",
             "update_order_result", "order-1", status="OPEN", result_url="https://example.com")

    error = raised.value
    assert isinstance(error, kombo_client.APIStatusError)
    assert error.status_code == 409
    assert error.error is not None and error.error.error.code == error_body["error"]["code"]
    assert error.body == httpx.Response(409, json=error_body).content
    assert "kombo-secret" not in str(error)


def test_kombo_invalid_request_fails_before_sending() -> None:
    recorder = Recorder(body={})
    with pytest.raises(ValueError, match="status"):
        call("sync", recorder, kombo_client, "KomboClient", KOMBO_ARGS, "assessment",
             "update_order_result", "order-1", status="DONE", result_url="https://example.com")
    assert recorder.requests == []


def test_kombo_missing_integration_id_names_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KOMBO_INTEGRATION_ID", raising=False)
    recorder = Recorder(body={})
    with pytest.raises(ValueError, match="KOMBO_INTEGRATION_ID"):
        call("sync", recorder, kombo_client, "KomboClient", {"api_key": "k"}, "assessment",
             "update_order_result", "order-1", status="OPEN", result_url="https://example.com")
    assert recorder.requests == []


# -- StackOne ---------------------------------------------------------------------------------

STACKONE = load_spec("stackone")
ORDER_PATH = "/unified/ats/assessments/orders/{id}"


@pytest.mark.parametrize("mode", MODES)
def test_stackone_get_assessments_request(mode: str) -> None:
    documented = response_examples(STACKONE, ORDER_PATH, "get", "200")[0]
    fields = parameter_example(STACKONE, ORDER_PATH, "get", "fields")
    recorder = Recorder(body=documented)

    result = call(mode, recorder, stackone_client, "StackOneClient",
                  {"api_key": "stackone-key", "account_id": "acc-1"}, "ats",
                  "get_assessments_request", "order-7", raw=True, proxy={"foo": "bar"},
                  fields=fields)

    request = recorder.last
    assert request.method == "GET"
    assert request.url.path == "/unified/ats/assessments/orders/order-7"
    assert list(request.url.params.multi_items()) == [
        ("raw", "true"), ("proxy[foo]", "bar"), ("fields", fields),
    ]
    token = base64.b64encode(b"stackone-key:").decode()
    assert request.headers["authorization"] == f"Basic {token}"
    assert request.headers["x-account-id"] == "acc-1"
    assert request.headers["user-agent"].startswith("stackone-client/")
    assert result.data.candidate.first_name == documented["data"]["candidate"]["first_name"]
    assert result.model_dump(mode="json", exclude_none=True) == documented


@pytest.mark.parametrize("mode", MODES)
def test_stackone_leaves_out_optional_query_parameters(mode: str) -> None:
    recorder = Recorder(body={"data": {}})
    call(mode, recorder, stackone_client, "StackOneClient",
         {"api_key": "k", "account_id": "acc-1"}, "ats", "get_assessments_request", "order-7")
    assert recorder.last.url.query == b""


@pytest.mark.parametrize("status", ["400", "401", "403", "404", "408", "409", "412", "422", "429",
                                    "500", "501", "502"])
def test_stackone_documented_errors_map_to_exceptions(status: str) -> None:
    body = response_examples(STACKONE, ORDER_PATH, "get", status)[0]
    recorder = Recorder(status=int(status), body=body)
    expected = {"400": "BadRequestError", "401": "AuthenticationError",
                "403": "PermissionDeniedError", "404": "NotFoundError", "409": "ConflictError",
                "422": "UnprocessableEntityError", "429": "RateLimitError"}.get(status)
    if expected is None:
        expected = "InternalServerError" if status.startswith("5") else "APIStatusError"
    with pytest.raises(stackone_client.APIStatusError) as raised:
        call("sync", recorder, stackone_client, "StackOneClient",
             {"api_key": "k", "account_id": "a", "max_retries": 0}, "ats",
             "get_assessments_request", "x")
    assert type(raised.value).__name__ == expected
    assert raised.value.error is not None
    assert raised.value.error.message == body["message"]


# -- Unified.to -------------------------------------------------------------------------------

UNIFIED = load_spec("unified")
PACKAGE_PATH = "/assessment/{connection_id}/package"


@pytest.mark.parametrize("mode", MODES)
def test_unified_create_assessment_package(mode: str) -> None:
    example = request_example(UNIFIED, PACKAGE_PATH, "post")
    documented = response_examples(UNIFIED, PACKAGE_PATH, "post", "200")[0]
    connection_id = parameter_example(UNIFIED, PACKAGE_PATH, "post", "connection_id")
    recorder = Recorder(body=documented)

    result = call(mode, recorder, unified_client, "UnifiedClient",
                  {"api_key": "unified-key", "region": "eu"}, "assessment",
                  "create_assessment_package", connection_id,
                  **example)

    assert str(recorder.last.url) == f"https://api-eu.unified.to/assessment/{connection_id}/package"
    assert recorder.last.headers["authorization"] == "Bearer unified-key"
    sent = recorder.last_json()
    for key in ("created_at", "updated_at"):
        if key in example:
            assert same_instant(sent.pop(key), example[key])
    assert sent == {k: v for k, v in example.items() if k not in ("created_at", "updated_at")}
    assert result.type == documented["type"]


# -- Xobin ------------------------------------------------------------------------------------

XOBIN = load_spec("xobin")
REPORT_PATH = "/assessments/report/{report_id}"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("index", [0, 1])
def test_xobin_get_report_parses_both_documented_shapes(mode: str, index: int) -> None:
    documented = response_examples(XOBIN, REPORT_PATH, "get", "200")[index]
    recorder = Recorder(body=documented)

    report = call(mode, recorder, xobin_client, "XobinClient", {"api_key": "xobin-key"},
                  "assessments", "get_report", documented["report_id"])

    assert str(recorder.last.url) == (
        f"https://app.xobin.com/api/v2/assessments/report/{documented['report_id']}"
    )
    assert recorder.last.headers["apikey"] == "xobin-key"
    assert "authorization" not in recorder.last.headers
    assert report.model_dump(mode="json", exclude_none=True) == documented


def test_api_key_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XOBIN_API_KEY", "from-env")
    recorder = Recorder(body=response_examples(XOBIN, REPORT_PATH, "get", "200")[1])
    call("sync", recorder, xobin_client, "XobinClient", {}, "assessments", "get_report", 1)
    assert recorder.last.headers["apikey"] == "from-env"


def test_missing_api_key_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XOBIN_API_KEY", raising=False)
    with pytest.raises(ValueError, match="XOBIN_API_KEY"):
        xobin_client.XobinClient()
