"""The hazards fixture's package: schemas and inline objects named like the package's own classes
get names of their own, NaN and infinity in free-form values are refused before sending, and a
discriminated union's tag stays out of the errors of models the caller builds.
"""

from __future__ import annotations

import json
import math
import sys
import traceback
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pydantic
import pytest
from runtime_cases import MODES, run_on
from wire import Recorder

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "golden" / "hazards" / "expected"))

import hazards_client
from hazards_client import _client, _exceptions, models


def _run(mode: str, recorder: Recorder, invoke: Any) -> Any:
    return run_on(
        mode,
        lambda: hazards_client.HazardsClient(http_client=recorder.sync_client(), max_retries=0),
        lambda: hazards_client.AsyncHazardsClient(http_client=recorder.async_client(), max_retries=0),
        invoke,
    )


# -- names: no model shadows what the package defines ------------------------------------------


def test_every_exception_and_client_class_is_exported_as_itself() -> None:
    for module in (_exceptions, _client):
        for name in dir(module):
            value = getattr(module, name)
            if name in hazards_client.__all__ and isinstance(value, type) and value.__module__ == module.__name__:
                assert getattr(hazards_client, name) is value, name
    assert issubclass(hazards_client.NotFoundError, hazards_client.APIStatusError)
    assert issubclass(hazards_client.APITimeoutError, hazards_client.APIConnectionError)
    assert issubclass(hazards_client.HazardsError, Exception)
    assert hazards_client.HazardsClient.__module__ == "hazards_client._client"


@pytest.mark.parametrize("schema, model", [
    ("NotFoundError", "NotFoundErrorModel"),
    ("APIStatusError", "APIStatusErrorModel"),
    ("APITimeoutError", "APITimeoutErrorModel"),
    ("HazardsClient", "HazardsClientModel"),
    ("HazardsError", "HazardsErrorModel"),
    ("ThingsResource", "ThingsResourceModel"),
    ("Client.timeout (inline)", "TimeoutModel"),
    ("Thing.notFoundError (inline)", "NotFoundErrorModel2"),
])
def test_a_schema_named_like_a_package_class_gets_a_model_name_of_its_own(schema: str, model: str) -> None:
    cls = getattr(models, model)
    assert issubclass(cls, pydantic.BaseModel) and getattr(hazards_client, model) is cls
    assert model in hazards_client.__all__


def test_a_schema_that_shadows_nothing_keeps_its_name() -> None:
    assert issubclass(hazards_client.Client, pydantic.BaseModel)  # the client is HazardsClient
    assert issubclass(hazards_client.APIError, pydantic.BaseModel)  # the base error is HazardsError


@pytest.mark.parametrize("mode", MODES)
def test_an_error_answer_raises_the_exception_holding_the_model_of_the_same_name(mode: str) -> None:
    recorder = Recorder(status=404, body={"detail": "no thing"})
    with pytest.raises(hazards_client.NotFoundError) as caught:
        _run(mode, recorder, lambda client: client.things.get_thing("t-1"))
    assert isinstance(caught.value.error, models.NotFoundErrorModel)
    assert caught.value.error.detail == "no thing"
    recorder = Recorder(status=408, body={"after": 30})
    with pytest.raises(hazards_client.APIStatusError) as status:
        _run(mode, recorder, lambda client: client.things.get_thing("t-1"))
    assert not isinstance(status.value, hazards_client.APITimeoutError)
    assert isinstance(status.value.error, models.APITimeoutErrorModel)


@pytest.mark.parametrize("mode", MODES)
def test_a_response_model_named_like_an_exception_is_returned_as_a_model(mode: str) -> None:
    recorder = Recorder(body={"id": "t-1", "state": "stored"})
    result = _run(mode, recorder, lambda client: client.things.put_thing("t-1", score=1.5))
    assert isinstance(result, models.APIStatusErrorModel) and result.state == "stored"
    recorder = Recorder(body={"id": "c-1", "timeout": {"seconds": 5}})
    thing = _run(mode, recorder, lambda client: client.things.get_thing("c-1"))
    assert isinstance(thing.timeout, models.TimeoutModel) and thing.timeout.seconds == 5


# -- NaN and infinity in free-form values ------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
@pytest.mark.parametrize("call, where", [
    (lambda things, v: things.put_thing("t-1", meta={"x": {"y": v}}), "meta.x.y"),
    (lambda things, v: things.put_thing("t-1", samples=[1, [2, v]]), "samples.1.1"),
    (lambda things, v: things.post_event(body={"reading": v}), "reading"),
    (lambda things, v: things.post_event(body=models.PostEventRequest(deep=[{"v": v}])), "deep.0.v"),
    (lambda things, v: things.label_thing("t-1", name="n", meta={"x": [v]}), "meta.x.0"),
], ids=["json-nested", "json-list", "json-extra-key", "json-model", "form"])
def test_nan_and_infinity_in_free_form_values_are_refused_before_sending(
    mode: str, value: float, call: Any, where: str
) -> None:
    recorder = Recorder(status=204)
    with pytest.raises(ValueError, match=r"NaN or infinity") as caught:
        _run(mode, recorder, lambda client: call(client.things, value))
    assert str(caught.value).startswith(f"{where}: ")
    assert recorder.requests == []


@pytest.mark.parametrize("mode", MODES)
def test_finite_free_form_values_are_sent_unchanged(mode: str) -> None:
    recorder = Recorder(status=204)
    meta = {"x": {"y": 1e308, "z": -0.0}, "label": "NaN"}
    _run(mode, recorder, lambda client: client.things.label_thing("t-1", name="n", meta=meta))
    sent = dict(parse_qsl(recorder.last.content.decode(), strict_parsing=True))
    assert sent["name"] == "n" and json.loads(sent["meta"]) == meta
    recorder = Recorder(status=204)
    _run(mode, recorder, lambda client: client.things.post_event(body={"Infinity": meta}))
    assert json.loads(recorder.last.content) == {"Infinity": meta}


def test_a_typed_number_still_fails_validation_naming_its_field() -> None:
    with pytest.raises(pydantic.ValidationError, match="score"):
        models.Thing(score=math.nan)


# -- a discriminated union's tag ---------------------------------------------------------------


def test_a_union_tag_the_caller_sends_is_not_echoed_by_the_model_or_the_client() -> None:
    tag = "SSN 123-45-6789"
    errors = []
    for build in (lambda: models.Thing(part={"kind": tag, "value": "x"}),
                  lambda: models.Thing.model_validate({"part": {"kind": tag}}),
                  lambda: models.Thing.model_validate_json(f'{{"part": {{"kind": "{tag}"}}}}')):
        with pytest.raises(pydantic.ValidationError) as caught:
            build()
        errors.append(caught.value)
    recorder = Recorder()
    with pytest.raises(pydantic.ValidationError) as caught:
        _run("sync", recorder, lambda client: client.things.put_thing("t-1", part={"kind": tag}))
    assert recorder.requests == []
    for error in [*errors, caught.value]:
        shown = [str(error), repr(error), repr(error.errors()), error.json(),
                 "".join(traceback.format_exception(error))]
        assert not any("123-45-6789" in text for text in shown)
        assert error.errors()[0]["type"] == "union_tag_invalid"
        assert "'text', 'number'" in str(error) and "<hidden>" in str(error)


def test_a_response_that_does_not_match_is_reported_without_its_values() -> None:
    recorder = Recorder(answer=lambda request: httpx.Response(
        200, json={"id": "t-1", "timeout": {"seconds": "SSN 123-45-6789"}}))
    with pytest.raises(hazards_client.APIResponseValidationError) as caught:
        _run("sync", recorder, lambda client: client.things.get_thing("t-1"))
    assert "123-45-6789" not in str(caught.value) and "timeout.seconds" in str(caught.value)
