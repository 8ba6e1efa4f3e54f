"""Generator features the providers do not use, through the fixture packages' generated clients."""

from __future__ import annotations

import base64
import sys
from pathlib import Path

import pytest
from wire import Recorder

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
for fixture in ("params", "unions", "servers", "names"):
    sys.path.insert(0, str(GOLDEN / fixture / "expected"))

import names_client
import params_client
import servers_client
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


# --- server URL variables -------------------------------------------------------------------------


def test_server_variables_default_to_the_spec_and_take_the_values_it_lists() -> None:
    assert servers_client.ServersClient().base_url == "https://demo.eu.example.test/v2"
    client = servers_client.ServersClient(scheme="http", tenant="acme-1", version="v1")
    assert client.base_url == "http://acme-1.eu.example.test/v1"
    # A keyword whose default differs per server takes the chosen server's own default.
    assert servers_client.ServersClient(region="us").base_url == "https://demo.us.example.test/v1"
    assert servers_client.ServersClient(region="sandbox").base_url == "https://sandbox.example.test/v1"
    assert servers_client.ServersClient(tenant="x", base_url="https://other.test").base_url == "https://other.test"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"scheme": "ftp"}, "scheme must be one of https, http"),
        ({"region": "us", "version": "v2"}, "version must be one of v1"),  # only the EU server has v2
        ({"tenant": "evil.test/x"}, "tenant must be letters, digits"),
        ({"tenant": ""}, "tenant must be letters, digits"),
    ],
)
def test_server_variables_refuse_values_that_would_change_the_url(options, message) -> None:
    with pytest.raises(ValueError, match=message):
        servers_client.ServersClient(**options)


def test_requests_go_to_the_url_the_variables_make() -> None:
    recorder = Recorder(body={"ok": True})
    with servers_client.ServersClient(tenant="acme", http_client=recorder.sync_client()) as client:
        assert client.default.ping().ok is True
    assert str(recorder.last.url) == "https://acme.eu.example.test/v2/ping"


# --- names that collide, keywords as property names ---------------------------------------------------


def test_colliding_and_keyword_names_reach_the_wire_as_the_spec_spells_them() -> None:
    recorder = Recorder(body={"@id": "https://x.example/Managers/1", "id": "1"})
    with names_client.NamesClient(http_client=recorder.sync_client()) as client:
        result = client.default.put_manager(
            "m1", ref="https://x.example/Users/1", at_type="$ref", dollar_type="T", type_="t",
            properties={"enum": True}, query_id="q", page_dash_size=5, page_size=10,
        )
    request = recorder.last
    assert str(request.url) == (
        "https://api.example.test/scim/managers/m1?id=q&page-size=5&page_size=10"
    )
    assert recorder.last_json() == {
        "$ref": "https://x.example/Users/1", "@type": "$ref", "$type": "T", "type": "t",
        "properties": {"enum": True},
    }
    assert (result.at_id, result.id) == ("https://x.example/Managers/1", "1")


def test_inline_schemas_of_one_operation_get_a_class_each() -> None:
    assert names_client.PutManagerResponse is not names_client.PutManagerResponse203
    assert set(names_client.PutManagerResponse203.model_fields) == {"cached"}
    recorder = Recorder(status=404, body={"detail": "gone"})
    with names_client.NamesClient(http_client=recorder.sync_client()) as client:
        with pytest.raises(names_client.NotFoundError) as raised:
            client.default.put_manager("m1", ref="r", at_type="items")
    assert isinstance(raised.value.error, names_client.PutManager404Error)
