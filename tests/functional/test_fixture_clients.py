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


def test_discriminated_union_body_basic_auth_and_base_url() -> None:
    recorder = Recorder(status=201, body={"kind": "dog", "tricks": ["sit"]})
    with unions_client.UnionsClient(api_key="user", password="pw", base_url="https://pets.test",
                                    http_client=recorder.sync_client()) as client:
        pet = client.pets.create_pet(pet={"kind": "cat", "lives": 9}, e_mail=None)
    assert recorder.last_json() == {"pet": {"kind": "cat", "lives": 9}, "e-mail": None}
    assert recorder.last.headers["authorization"] == "Basic " + base64.b64encode(b"user:pw").decode()
    assert isinstance(pet.root, unions_client.Dog)
    # The operation's timeout; the read timeout is then cut to what the call has left of it.
    assert recorder.last.extensions["timeout"]["connect"] == 10.0
    assert recorder.last.extensions["timeout"]["read"] == pytest.approx(120.0, abs=1.0)


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


def test_a_body_field_a_parameter_shadows_is_offered_as_body_name() -> None:
    recorder = Recorder(status=204)
    with params_client.ParamsClient(api_key="k", http_client=recorder.sync_client()) as client:
        client.items.rename_item(7, name="new", body_item_id=7, timeout_=2.5, timeout=30.0)
    assert recorder.last.url.path == "/v1/items/7"
    assert recorder.last_json() == {"name": "new", "item_id": 7, "timeout": 2.5}
    assert recorder.last.extensions["timeout"]["connect"] == 30.0


@pytest.mark.parametrize("value", [float("nan"), float("inf"), "0.5", True])
def test_a_number_query_parameter_must_be_a_finite_number(value: object) -> None:
    recorder = Recorder(body={"items": []})
    with params_client.ParamsClient(api_key="k", http_client=recorder.sync_client()) as client:
        with pytest.raises(ValueError, match="^min_score must be a finite number, not "):
            client.items.list_items(limit=1, min_score=value)  # type: ignore[arg-type]
        with pytest.raises(ValueError, match=r"^ids must be a list of integers, not list$"):
            client.items.list_items(limit=1, ids=[1, "2"])  # type: ignore[list-item]
        with pytest.raises(ValueError, match=r"^state must be one of 'open', 'closed'$"):
            client.items.list_items(limit=1, state="archived")  # type: ignore[arg-type]
        client.items.list_items(limit=1, min_score=2)
    assert len(recorder.requests) == 1
    assert recorder.last.url.params["min_score"] == "2"


def test_only_a_schema_that_allows_more_keys_takes_them() -> None:
    recorder = Recorder(status=201, body={"kind": "dog"})
    with unions_client.UnionsClient(api_key="u", base_url="https://pets.test",
                                    http_client=recorder.sync_client()) as client:
        client.pets.create_pet(pet={"kind": "dog"}, labels={"colour": "red", "size": "XL"})
        assert recorder.last_json()["labels"] == {"colour": "red", "size": "XL"}
        with pytest.raises(ValueError, match="pet.dog.size"):
            client.pets.create_pet(pet={"kind": "dog", "size": "XL"})
    assert len(recorder.requests) == 1
