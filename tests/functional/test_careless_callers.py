"""What a careless caller passes is refused before anything is sent, in one clear error that names
the option, header, parameter or field at fault and never echoes its value: API keys and headers
no header can carry, credentials in URLs, duplicate credential headers, NaN, parameters of the
wrong type, unknown keys in request bodies, and client options that could never work.
"""

from __future__ import annotations

import json
import math
import traceback
from typing import Any

import httpx
import kombo_client
import pydantic
import pydantic_core
import pytest
import stackone_client
import unified_client
import xobin_client
from runtime_cases import CASE_IDS, CASES, MODES, SECRET, Case, record_sleeps, run

KOMBO_RESULT = next(c for c in CASES if c.operation == "assessment.update_order_result")
KOMBO_LINKS = next(c for c in CASES if c.operation == "ats.add_candidate_result_link")
XOBIN = next(c for c in CASES if c.package is xobin_client)
STACKONE = next(c for c in CASES if c.package is stackone_client)
UNIFIED = next(c for c in CASES if c.package is unified_client)


def _fails_before_sending(mode: str, case: Case, invoke: Any, expected: type[Exception],
                          **options: Any) -> Exception:
    fake = case.fake()
    with pytest.raises(expected) as caught:
        run(mode, fake, invoke, **options)
    assert fake.calls == [], "nothing may be sent"
    return caught.value


def _report(**overrides: Any) -> Any:
    return lambda client: client.assessment.update_order_result(
        "order-1", **{"status": "COMPLETED", "result_url": "https://example.com/r", **overrides})


# -- 5. API keys no header can carry ---------------------------------------------------------

BAD_KEYS = [f" {SECRET}", f"{SECRET} ", f"{SECRET}\n", f"sk-{'é'}-{SECRET}", f"{SECRET}\x7f",
            f"{SECRET}\tx"]


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
@pytest.mark.parametrize("key", BAD_KEYS, ids=["lead", "trail", "newline", "non-ascii", "del", "tab"])
def test_an_api_key_no_header_can_carry_is_refused_at_construction(case: Case, key: str) -> None:
    for make in (case.fake().client, case.fake().async_client):
        with pytest.raises(ValueError) as caught:
            make(api_key=key)
        assert SECRET not in str(caught.value) and "API key" in str(caught.value)


def test_an_api_key_that_is_not_a_string_is_refused() -> None:
    with pytest.raises(TypeError, match="API key"):
        xobin_client.XobinClient(api_key=123)  # type: ignore[arg-type]


@pytest.mark.parametrize("mode", MODES)
def test_a_local_protocol_error_is_not_retried(mode: str, monkeypatch: pytest.MonkeyPatch) -> None:
    delays = record_sleeps(monkeypatch, xobin_client)
    fake = XOBIN.fake()
    fake.respond(XOBIN.operation, raises=httpx.LocalProtocolError("Illegal header value"))
    with pytest.raises(xobin_client.APIConnectionError, match="LocalProtocolError"):
        run(mode, fake, XOBIN.invoke, max_retries=5)
    assert len(fake.calls) == 1 and delays == []


# -- 6. credentials in base_url --------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_a_base_url_with_credentials_is_refused_without_echo(case: Case) -> None:
    with pytest.raises(ValueError, match="credentials") as caught:
        case.fake().client(api_key="k", base_url="https://user:hunter2@api.example.test/v1")
    assert "hunter2" not in str(caught.value)


@pytest.mark.parametrize("base_url", ["http://[::1", "https://api.example.test\x00/v1"])
def test_a_base_url_httpx_cannot_parse_is_refused_in_one_line(base_url: str) -> None:
    with pytest.raises(ValueError) as caught:
        xobin_client.XobinClient(api_key="k", base_url=base_url)
    assert str(caught.value) == "base_url is not a valid URL"


@pytest.mark.parametrize("base_url", ["ftp://api.example.test", "api.example.test/v1", "https://"])
def test_a_base_url_that_is_not_http_is_refused(base_url: str) -> None:
    with pytest.raises(ValueError, match="base_url"):
        xobin_client.XobinClient(api_key="k", base_url=base_url)


# -- 7. one value per header, names compared case-insensitively ------------------------------


@pytest.mark.parametrize("case, name", [
    (KOMBO_RESULT, "Authorization"), (KOMBO_RESULT, "authorization"), (STACKONE, "AUTHORIZATION"),
    (XOBIN, "apiKey"), (XOBIN, "APIKEY"),
])
def test_default_headers_cannot_set_the_credential_header(case: Case, name: str) -> None:
    with pytest.raises(ValueError, match="credentials") as caught:
        case.fake().client(api_key=SECRET, default_headers={name: "x"})
    assert repr(name) in str(caught.value)


@pytest.mark.parametrize("mode", MODES)
def test_each_header_is_sent_once_whatever_its_case(mode: str) -> None:
    fake = KOMBO_RESULT.fake()
    run(mode, fake, _report(), api_key=SECRET,
        default_headers={"user-agent": "mine/1", "x-integration-id": "from-defaults", "X-Trace": "t"})
    sent = fake.last_call().request.headers
    assert sent.get_list("user-agent") == ["mine/1"], "a default header replaces ours"
    assert sent.get_list("x-integration-id") == ["test-integration-id"], "the call's own value wins"
    assert sent.get_list("authorization") == [f"Bearer {SECRET}"]
    assert sent.get_list("x-trace") == ["t"]

    def extra(client: Any) -> Any:
        return client.assessment.update_order_result(
            "order-1", status="OPEN", result_url="https://example.com/r",
            extra_headers={"AUTHORIZATION": "Bearer per-call", "content-type": "application/json"})

    run(mode, fake, extra, api_key=SECRET)
    sent = fake.last_call().request.headers
    assert sent.get_list("authorization") == ["Bearer per-call"], "extra_headers replace any header"
    assert sent.get_list("content-type") == ["application/json"]


# -- 8. header names and values no header can carry ------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", ["X-Bad\r\nInjected: 1", "X Bad", "X-Bad:", "", "Zoë"])
def test_a_bad_header_name_is_refused_before_sending(
    mode: str, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    delays = record_sleeps(monkeypatch, xobin_client)

    def invoke(client: Any) -> Any:
        return client.assessments.get_report(1, extra_headers={name: "v"})

    error = _fails_before_sending(mode, XOBIN, invoke, ValueError)
    assert repr(name) in str(error) and "extra_headers" in str(error)
    assert delays == []
    with pytest.raises(ValueError, match="default_headers"):
        XOBIN.fake().client(default_headers={name: "v"})


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("value", ["Zoë", "a\r\nInjected: 1", " padded", "tab\there", "nul\0"])
def test_a_header_value_no_header_can_carry_is_refused_naming_the_header(mode: str, value: str) -> None:
    def invoke(client: Any) -> Any:
        return client.assessments.get_report(1, extra_headers={"X-Candidate": value})

    error = _fails_before_sending(mode, XOBIN, invoke, ValueError)
    assert "'X-Candidate'" in str(error) and value not in str(error)
    error = _fails_before_sending(mode, KOMBO_RESULT, _report(integration_id=value), ValueError)
    assert "'X-Integration-Id'" in str(error) and value not in str(error)


def test_a_client_header_no_header_can_carry_is_refused_at_construction() -> None:
    with pytest.raises(ValueError, match="X-Integration-Id"):
        kombo_client.KomboClient(api_key="k", integration_id="workday:ü")


# -- 9. NaN and infinity ---------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_nan_and_infinity_are_refused_naming_the_field(mode: str, value: float) -> None:
    error = _fails_before_sending(mode, KOMBO_RESULT, _report(score=value), pydantic.ValidationError)
    assert "score" in str(error) and "finite" in str(error)
    nested = [{"type": "SUB_RESULT", "id": "t-1", "label": "Python", "status": "COMPLETED",
               "score": {"value": value, "max": 10}}]
    error = _fails_before_sending(mode, KOMBO_RESULT, _report(attributes=nested), pydantic.ValidationError)
    assert "attributes.0.SUB_RESULT.score.value" in str(error)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
@pytest.mark.parametrize("raw, where", [
    ({"meta": {"x": "NaN"}}, "raw.meta.x"),
    ({"scores": [1.5, {"final": "NaN"}]}, "raw.scores.1.final"),
    ({"top": "NaN"}, "raw.top"),
], ids=["nested", "in-a-list", "top"])
def test_nan_and_infinity_in_a_free_form_object_are_refused_naming_where(
    mode: str, value: float, raw: dict[str, Any], where: str
) -> None:
    def put(data: Any) -> Any:  # the value where the case has the string "NaN"
        if isinstance(data, dict):
            return {key: put(item) for key, item in data.items()}
        if isinstance(data, list):
            return [put(item) for item in data]
        return value if data == "NaN" else data

    def invoke(client: Any) -> Any:
        return client.assessment.create_assessment_package("conn-1", type="OTHER", raw=put(raw))

    error = _fails_before_sending(mode, UNIFIED, invoke, ValueError)
    assert str(error).startswith(f"{where}: ") and "NaN or infinity" in str(error)


@pytest.mark.parametrize("mode", MODES)
def test_text_that_spells_nan_or_infinity_in_a_free_form_object_is_sent_as_it_is(mode: str) -> None:
    fake = UNIFIED.fake()
    raw = {"NaN": "Infinity", "note": ["-Infinity", "NaN"], "score": 1e308}

    def invoke(client: Any) -> Any:
        return client.assessment.create_assessment_package("conn-1", type="OTHER", raw=raw)

    run(mode, fake, invoke)
    assert fake.last_call().json == {"type": "OTHER", "raw": raw}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_nan_and_infinity_inside_a_query_object_are_refused_naming_the_parameter(
    mode: str, value: float
) -> None:
    def invoke(client: Any) -> Any:  # deepObject: proxy[page_size]=nan would reach the API
        return client.ats.get_assessments_request("order-1", proxy={"page_size": value})

    error = _fails_before_sending(mode, STACKONE, invoke, ValueError)
    assert str(error) == "proxy: NaN or infinity cannot be sent"


# -- 10. path, query and header parameters against their types -------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("report_id, problem", [
    (None, "report_id cannot be None"),
    ("abc", "report_id must be an integer, not str"),
    ("7", "report_id must be an integer, not str"),
    (True, "report_id must be an integer, not bool"),
    (7.0, "report_id must be an integer, not float"),
])
def test_a_path_parameter_of_the_wrong_type_is_refused(mode: str, report_id: Any, problem: str) -> None:
    def invoke(client: Any) -> Any:
        return client.assessments.get_report(report_id)

    error = _fails_before_sending(mode, XOBIN, invoke, ValueError)
    assert str(error) == problem


@pytest.mark.parametrize("mode", MODES)
def test_a_string_path_parameter_is_not_none(mode: str) -> None:
    def invoke(client: Any) -> Any:
        return client.assessment.update_order_result(None, status="OPEN", result_url="https://x")

    error = _fails_before_sending(mode, KOMBO_RESULT, invoke, ValueError)
    assert str(error) == "assessment_order_id cannot be None"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("arguments, problem", [
    ({"raw": "yes"}, "raw must be True or False, not str"),
    ({"raw": 1}, "raw must be True or False, not int"),
    ({"proxy": ["page_size"]}, "proxy must be a mapping, not list"),
    ({"fields": 5}, "fields must be a string, not int"),
    ({"account_id": 42}, "account_id must be a string, not int"),
])
def test_query_and_header_parameters_of_the_wrong_type_are_refused(
    mode: str, arguments: dict[str, Any], problem: str
) -> None:
    def invoke(client: Any) -> Any:
        return client.ats.get_assessments_request("order-1", **arguments)

    error = _fails_before_sending(mode, STACKONE, invoke, ValueError)
    assert str(error) == problem


@pytest.mark.parametrize("mode", MODES)
def test_optional_parameters_may_be_left_out_or_none(mode: str) -> None:
    fake = STACKONE.fake()

    def invoke(client: Any) -> Any:
        return client.ats.get_assessments_request("order-1", raw=None, proxy=None, fields=None)

    run(mode, fake, invoke)
    assert fake.last_call().query.multi_items() == []


# -- 11. bodies: keyword arguments only, no unknown keys at any depth ------------------------


@pytest.mark.parametrize("mode", MODES)
def test_body_and_field_keywords_cannot_be_mixed(mode: str) -> None:
    def invoke(client: Any) -> Any:
        return client.assessment.update_order_result(
            "order-1", body={"status": "OPEN", "result_url": "https://x"}, score=5)

    error = _fails_before_sending(mode, KOMBO_RESULT, invoke, TypeError)
    assert "body" in str(error)


@pytest.mark.parametrize("mode", MODES)
def test_a_misspelt_top_level_field_is_refused(mode: str) -> None:
    error = _fails_before_sending(mode, KOMBO_RESULT, _report(scroe=5), TypeError)
    assert "scroe" in str(error)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("field, value, location", [
    ("attachments", [{"name": "r.pdf", "dat_url": "https://example.com/r.pdf"}], "attachments.0.dat_url"),
    ("remote_fields", {"workday": {"Assess_Candidate_Data": {}}, "greenhose": {}}, "remote_fields.greenhose"),
    ("attributes", [{"type": "TEXT", "label": "Fit", "value": "Good", "colour": "red"}],
     "attributes.0.TEXT.colour"),
])
def test_an_unknown_key_in_a_nested_object_is_refused_naming_it(
    mode: str, field: str, value: Any, location: str
) -> None:
    error = _fails_before_sending(mode, KOMBO_RESULT, _report(**{field: value}), pydantic.ValidationError)
    assert location in str(error) and "Extra inputs are not permitted" in str(error)
    assert "example.com/r.pdf" not in str(error)


def test_a_model_refuses_unknown_keys_when_built_directly() -> None:
    with pytest.raises(pydantic.ValidationError, match="dat_url"):
        kombo_client.Attachment(name="r.pdf", dat_url="https://example.com/r.pdf")  # type: ignore[call-arg]


@pytest.mark.parametrize("mode", MODES)
def test_free_form_objects_still_take_any_key(mode: str) -> None:
    fake = UNIFIED.fake()

    def invoke(client: Any) -> Any:
        return client.assessment.create_assessment_package(
            "conn-1", type="OTHER", raw={"anything": {"goes": [1, 2]}})

    run(mode, fake, invoke)
    assert fake.last_call().json == {"type": "OTHER", "raw": {"anything": {"goes": [1, 2]}}}


@pytest.mark.parametrize("mode", MODES)
def test_responses_keep_unknown_fields_at_every_depth(mode: str) -> None:
    fake = KOMBO_LINKS.fake()
    fake.respond(KOMBO_LINKS.operation, json={
        "status": "success", "data": {}, "new_top": 1,
        "warnings": [{"message": "m", "code": "NEW.WARNING"}],
    })
    result = run(mode, fake, KOMBO_LINKS.invoke)
    assert result.model_extra == {"new_top": 1}
    assert result.warnings[0].model_extra == {"code": "NEW.WARNING"}


# -- 12. validation errors never show the value, whatever the error type ---------------------


@pytest.mark.parametrize("mode", MODES)
def test_an_unknown_union_tag_is_not_echoed(mode: str) -> None:
    tag = "SSN 123-45-6789"
    attributes = [{"type": tag, "label": "id", "value": "x"}]
    error = _fails_before_sending(mode, KOMBO_RESULT, _report(attributes=attributes), pydantic.ValidationError)
    shown = [str(error), repr(error), "".join(traceback.format_exception(error)),
             repr(error.errors()), str(error.json())]
    for text in shown:
        assert "123-45-6789" not in text
    assert "attributes.0" in str(error) and "'TEXT', 'SUB_RESULT'" in str(error)
    assert error.errors()[0]["type"] == "union_tag_invalid"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("overrides", [
    {"status": "SSN 123-45-6789"},
    {"result_url": 12345678901},
    {"attachments": [{"name": "SSN 123-45-6789", "content_type": "SSN 123-45-6789"}]},
    {"attributes": "SSN 123-45-6789"},
], ids=["enum", "type", "pattern", "list"])
def test_no_validation_error_echoes_its_input(mode: str, overrides: dict[str, Any]) -> None:
    error = _fails_before_sending(mode, KOMBO_RESULT, _report(**overrides), pydantic.ValidationError)
    for text in _every_form_of(error):
        assert "123-45-6789" not in text and "12345678901" not in text
    assert all(detail["input"] is None for detail in error.errors())


def _every_form_of(error: pydantic.ValidationError) -> list[str]:
    """Each way a caller or a log handler may show a validation error."""
    return [str(error), repr(error), "".join(traceback.format_exception(error)),
            repr(error.errors()), repr(error.errors(include_context=True)), error.json()]


_TAG = "SSN 123-45-6789"
_REPORT = {"status": "COMPLETED", "result_url": "https://example.com/r",
           "attributes": [{"type": _TAG, "label": "id", "value": "x"}]}


@pytest.mark.parametrize("build", [
    lambda model: model(**_REPORT),
    lambda model: model.model_validate(_REPORT),
    lambda model: model.model_validate_json(json.dumps(_REPORT)),
], ids=["init", "model_validate", "model_validate_json"])
def test_a_model_built_by_the_caller_does_not_echo_an_unknown_union_tag(build: Any) -> None:
    with pytest.raises(pydantic.ValidationError) as caught:
        build(kombo_client.UpdateOrderResultRequest)
    error = caught.value
    for text in _every_form_of(error):
        assert "123-45-6789" not in text
    (detail,) = error.errors()
    assert detail["type"] == "union_tag_invalid" and detail["loc"] == ("attributes", 0)
    assert detail["input"] is None and detail["ctx"]["tag"] == "<hidden>"
    assert "'TEXT', 'SUB_RESULT'" in detail["msg"] and error.title == "UpdateOrderResultRequest"


@pytest.mark.parametrize("build, data", [
    ("init", {"type": _TAG, "label": "id", "value": "x"}),
    ("init", {"type": "TEXT", "label": "id", "value": 1234567890, "extra": _TAG}),
    ("model_validate_strings", {"type": _TAG, "label": "id", "value": "x"}),
], ids=["literal", "type-and-extra", "strings"])
def test_a_nested_model_built_by_the_caller_keeps_its_errors_without_the_values(
    build: str, data: dict[str, Any]
) -> None:
    model = kombo_client.models.AttributeText
    with pytest.raises(pydantic.ValidationError) as caught:
        model(**data) if build == "init" else model.model_validate_strings(data)
    for text in _every_form_of(caught.value):
        assert "123-45-6789" not in text and "1234567890" not in text
    assert [d["input"] for d in caught.value.errors()] == [None] * caught.value.error_count()
    assert caught.value.errors()[0]["url"].startswith("https://errors.pydantic.dev/")


class _CheckedText(kombo_client.models.AttributeText):
    """A caller's own model on a generated one, with a validator raising its own error types."""

    @pydantic.field_validator("label")
    @classmethod
    def _label(cls, label: str) -> str:
        if label.startswith("taken"):  # its context holds the value: the message is rewritten
            raise pydantic_core.PydanticCustomError("label_taken", "label {label} is taken", {"label": label})
        if label == "fixed":  # no context: the message stays
            raise pydantic_core.PydanticCustomError("label_fixed", "labels are fixed here")
        if label == "short":  # a built-in type's name without its context: the message stays
            raise pydantic_core.PydanticCustomError("greater_than", "labels need more words")
        return label


@pytest.mark.parametrize("label, kind, message", [
    ("taken SSN 123-45-6789", "label_taken", "the value is not valid here"),
    ("fixed", "label_fixed", "labels are fixed here"),
    ("short", "greater_than", "labels need more words"),
], ids=["context-from-the-value", "no-context", "a-known-name"])
def test_a_callers_own_error_types_keep_their_message_unless_it_shows_the_value(
    label: str, kind: str, message: str
) -> None:
    with pytest.raises(pydantic.ValidationError) as caught:
        _CheckedText(type="TEXT", label=label, value="x")
    for text in _every_form_of(caught.value):
        assert "123-45-6789" not in text
    (detail,) = caught.value.errors()
    assert (detail["type"], detail["msg"], detail["loc"], detail["input"]) == (kind, message, ("label",), None)
    assert "ctx" not in detail  # no template to rebuild the message from: none kept


def test_a_validation_error_does_not_show_an_input_it_does_not_have() -> None:
    """The rebuilt error's inputs are None: its text must not claim `input_value=None`."""
    with pytest.raises(pydantic.ValidationError) as caught:
        kombo_client.models.AttributeText(type="TEXT", label=7, value="x")
    assert "Input should be a valid string [type=string_type]" in str(caught.value)
    assert "input_value" not in str(caught.value) and "input_type" not in str(caught.value)


# -- 13. client options checked at construction ----------------------------------------------


@pytest.mark.parametrize("options, error", [
    ({"max_retries": "3"}, TypeError), ({"max_retries": None}, TypeError),
    ({"max_retries": True}, TypeError), ({"max_retries": -1}, ValueError),
    ({"timeout": "10"}, TypeError), ({"timeout": -1}, ValueError), ({"timeout": math.nan}, ValueError),
    ({"timeout": 0}, ValueError),
    ({"max_response_bytes": 0}, ValueError), ({"max_response_bytes": "1MB"}, TypeError),
    ({"default_headers": ["X-A"]}, TypeError), ({"default_headers": {"X-A": 1}}, TypeError),
    ({"region": "mars"}, ValueError),
])
@pytest.mark.parametrize("mode", MODES)
def test_bad_client_options_fail_at_construction_naming_the_option(
    mode: str, options: dict[str, Any], error: type[Exception]
) -> None:
    fake = KOMBO_RESULT.fake()
    make = fake.client if mode == "sync" else fake.async_client
    with pytest.raises(error) as caught:
        make(**options)
    assert next(iter(options)) in str(caught.value)


@pytest.mark.parametrize("mode", MODES)
def test_a_timeout_under_a_second_is_allowed(mode: str) -> None:
    fake = XOBIN.fake()
    run(mode, fake, XOBIN.invoke, timeout=0.25)
    assert fake.last_call().request.extensions["timeout"]["read"] == 0.25


def test_a_parameter_whose_schema_gives_no_type_takes_any_value() -> None:
    """What the client checks for `schema: {}` (the generator's kind None), in a list or alone."""
    from xobin_client._runtime import check_param

    for value in ("x", 1, 2.5, True, {"a": 1}, [1, "b"]):
        check_param("anything", value, None)
        check_param("things", [value, value], [None])
    with pytest.raises(ValueError, match="^anything cannot be None$"):
        check_param("anything", None, None)


def test_an_http_client_of_the_other_kind_is_refused() -> None:
    with pytest.raises(TypeError, match="httpx.Client"):
        xobin_client.XobinClient(api_key="k", http_client=httpx.AsyncClient())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="httpx.AsyncClient"):
        xobin_client.AsyncXobinClient(api_key="k", http_client=httpx.Client())  # type: ignore[arg-type]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("options, error", [
    ({"max_retries": "3"}, TypeError), ({"timeout": "10"}, TypeError), ({"timeout": -2.0}, ValueError),
])
def test_bad_call_options_fail_before_sending(mode: str, options: dict[str, Any], error: type[Exception]) -> None:
    def invoke(client: Any) -> Any:
        return client.assessments.get_report(1, **options)

    raised = _fails_before_sending(mode, XOBIN, invoke, error)
    assert next(iter(options)) in str(raised)

