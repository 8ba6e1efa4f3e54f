"""Generator features the providers do not use, through the fixture packages' generated clients."""

from __future__ import annotations

import base64
import sys
from pathlib import Path

import pytest
from wire import Recorder

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
for fixture in ("params", "unions"):
    sys.path.insert(0, str(GOLDEN / fixture / "expected"))

import params_client
import unions_client


def test_query_styles_headers_and_api_key_header() -> None:
    recorder = Recorder(body={"items": [{"id": 1, "name": "a", "note": None, "state": "open"}]})
    with params_client.ParamsClient(api_key="k", http_client=recorder.sync_client()) as client:
        result = client.items.list_items(
            limit=10, tag=["a", "b"], ids=[1, 2], state="open", archived=False,
            filter_={"owner": "me"}, request_id="r-1",
        )
    request = recorder.last
    assert list(request.url.params.multi_items()) == [
        ("tag", "a"), ("tag", "b"), ("ids", "1,2"), ("state", "open"), ("limit", "10"),
        ("archived", "false"), ("filter[owner]", "me"),
    ]
    assert request.headers["x-request-id"] == "r-1"
    assert request.headers["x-api-key"] == "k"
    assert result.items[0].note is None and result.items[0].state == "open"


def test_optional_parameters_left_out_are_not_sent() -> None:
    recorder = Recorder(body={"items": []})
    with params_client.ParamsClient(api_key="k", http_client=recorder.sync_client()) as client:
        client.items.list_items(limit=5)
    assert "x-request-id" not in recorder.last.headers
    assert list(recorder.last.url.params.multi_items()) == [("limit", "5")]


def test_operation_without_body_or_response_and_declared_error() -> None:
    recorder = Recorder(status=204)
    with params_client.ParamsClient(api_key="k", http_client=recorder.sync_client()) as client:
        assert client.items.delete_item(7) is None
    assert recorder.last.method == "DELETE" and recorder.last.content == b""
    recorder = Recorder(status=404, body={"detail": "gone"})
    with params_client.ParamsClient(api_key="k", http_client=recorder.sync_client()) as client:
        with pytest.raises(params_client.NotFoundError) as raised:
            client.items.delete_item(7)
    assert raised.value.error.detail == "gone"


def test_a_status_in_a_declared_range_parses_with_the_range_error_model() -> None:
    recorder = Recorder(status=409, body={"detail": "locked"})
    with params_client.ParamsClient(api_key="k", http_client=recorder.sync_client()) as client:
        with pytest.raises(params_client.ConflictError) as raised:
            client.items.delete_item(7)
    assert raised.value.error == params_client.models.Problem(detail="locked")  # from "4XX"


def test_an_operation_without_security_is_sent_without_credentials() -> None:
    recorder = Recorder(status=204)
    with params_client.ParamsClient(api_key="k", http_client=recorder.sync_client()) as client:
        client.items.get_health()
        client.items.delete_item(7)
    assert [r.headers.get("x-api-key") for r in recorder.requests] == [None, "k"]


def test_discriminated_union_body_basic_auth_and_base_url() -> None:
    recorder = Recorder(status=201, body={"kind": "dog", "tricks": ["sit"]})
    with unions_client.UnionsClient(api_key="user", password="pw", base_url="https://pets.test",
                                    http_client=recorder.sync_client()) as client:
        pet = client.pets.create_pet(pet={"kind": "cat", "lives": 9}, e_mail=None)
    assert recorder.last_json() == {"pet": {"kind": "cat", "lives": 9}, "e-mail": None}
    assert recorder.last.headers["authorization"] == "Basic " + base64.b64encode(b"user:pw").decode()
    assert isinstance(pet.root, unions_client.Dog)
    assert recorder.last.extensions["timeout"]["read"] == 120.0


def test_union_body_rejects_unknown_variant_before_sending() -> None:
    recorder = Recorder(status=201, body={})
    with unions_client.UnionsClient(api_key="u", base_url="https://pets.test",
                                    http_client=recorder.sync_client()) as client:
        with pytest.raises(ValueError, match="pet"):
            client.pets.create_pet(pet={"kind": "fish"})
    assert recorder.requests == []


def test_a_server_is_required_when_the_spec_names_none() -> None:
    with pytest.raises(ValueError, match="base_url"):
        unions_client.UnionsClient(api_key="u")
