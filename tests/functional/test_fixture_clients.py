"""Generator features the providers do not use, through the fixture packages' generated clients."""

from __future__ import annotations

import base64
import email.parser
import email.policy
import io
import sys
from pathlib import Path
from urllib.parse import parse_qsl

import httpx
import pytest
from wire import Recorder

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
for fixture in ("params", "unions", "servers", "relative", "names", "bodies", "webhooks", "compositions"):
    sys.path.insert(0, str(GOLDEN / fixture / "expected"))

import bodies_client
import compositions_client
import names_client
import params_client
import relative_client
import servers_client
import unions_client
import webhooks_client


def test_query_styles_headers_and_api_key_header() -> None:
    recorder = Recorder(body={"items": [{"id": 1, "name": "a", "note": None, "state": "open"}]})
    with params_client.ParamsClient(api_key="k", http_client=recorder.sync_client()) as client:
        result = client.items.list_items(
            limit=10, tag=["a", "b"], ids=[1, 2], state="open", archived=False,
            filter={"owner": "me"}, request_id="r-1",
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
    assert isinstance(pet, unions_client.Dog)
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


def test_a_relative_server_is_no_region() -> None:
    assert list(servers_client._client.SERVERS) == ["eu", "us", "sandbox"]
    with pytest.raises(ValueError, match="unknown region"):
        servers_client.ServersClient(region="behind_your_own_gateway")
    client = servers_client.ServersClient(base_url="https://gateway.internal/relay/v1")
    assert client.base_url == "https://gateway.internal/relay/v1"


# --- servers relative to where the spec is served -------------------------------------------------


def test_relative_servers_ask_for_base_url_showing_their_path() -> None:
    for client_class in (relative_client.RelativeClient, relative_client.AsyncRelativeClient):
        with pytest.raises(ValueError) as raised:
            client_class()
        assert str(raised.value) == (
            "the spec's servers are relative (/api/v3, /legacy): pass base_url=, "
            "such as 'https://your-host/api/v3'"
        )
    assert relative_client.RelativeClient.__doc__ is not None
    assert "such as 'https://your-host/api/v3'" in relative_client.RelativeClient.__doc__
    assert not hasattr(relative_client._client, "SERVERS")  # no region to choose


def test_relative_servers_with_base_url_call_that_address() -> None:
    recorder = Recorder(body={"id": 7, "name": "Rex"})
    with relative_client.RelativeClient(
        base_url="https://pets.internal/api/v3", http_client=recorder.sync_client()
    ) as client:
        pet = client.pet.get_pet_by_id(7)
    assert str(recorder.last.url) == "https://pets.internal/api/v3/pet/7"
    assert (pet.id, pet.name) == (7, "Rex")


async def test_relative_servers_with_base_url_call_that_address_async() -> None:
    recorder = Recorder(body={"id": 7, "name": "Rex"})
    async with relative_client.AsyncRelativeClient(
        base_url="https://pets.internal/legacy", http_client=recorder.async_client()
    ) as client:
        pet = await client.pet.get_pet_by_id(7)
    assert str(recorder.last.url) == "https://pets.internal/legacy/pet/7"
    assert pet.name == "Rex"


# --- names that collide, keywords as property names ---------------------------------------------------


def test_colliding_and_keyword_names_reach_the_wire_as_the_spec_spells_them() -> None:
    recorder = Recorder(body={"@id": "https://x.example/Managers/1", "id": "1"})
    with names_client.NamesClient(http_client=recorder.sync_client()) as client:
        result = client.default.put_manager(
            "m1", ref="https://x.example/Users/1", at_type="$ref", dollar_type="T", type="t",
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


def test_schemas_tags_and_operations_that_share_a_python_name_each_get_one() -> None:
    # `Pet` and `pet`: the one spelled like the class keeps it, the other is numbered.
    assert set(names_client.Pet.model_fields) == {"id"}
    assert set(names_client.Pet2.model_fields) == {"nickname", "record"}
    assert names_client.models.Pet2.model_fields["record"].annotation == names_client.Pet | None
    recorder = Recorder(body={"nickname": "Rex", "record": {"id": 1}})
    with names_client.NamesClient(http_client=recorder.sync_client()) as client:
        # Tags `Pets` and `pets`: `pets` keeps the attribute, `Pets` becomes `pets_2`.
        assert type(client.pets).__name__ == "PetsResource"
        assert type(client.pets_2).__name__ == "Pets2Resource"
        # operationIds `get_pet` and `getPet`, in one resource: `get_pet` keeps the name.
        by_schema_pet = client.pets_2.get_pet_2("p1")
        assert recorder.last.url.path == "/scim/pets/p1"
        assert isinstance(by_schema_pet, names_client.Pet2) and by_schema_pet.record is not None
        recorder.body = {"id": 1}
        by_class_pet = client.pets_2.get_pet("p1")
        assert recorder.last.url.path == "/scim/pets/p1/record"
        assert isinstance(by_class_pet, names_client.Pet) and by_class_pet.id == 1
        recorder.status = 201
        created = client.pets.create_pet(nickname="Rex", record={"id": 1})
    assert recorder.last.method == "POST" and recorder.last_json() == {"nickname": "Rex", "record": {"id": 1}}
    assert isinstance(created, names_client.Pet)


def test_schemas_named_like_the_packages_own_classes_take_a_model_suffix() -> None:
    assert issubclass(names_client.NotFoundError, names_client.APIStatusError)
    assert set(names_client.NotFoundErrorModel.model_fields) == {"missing"}
    assert names_client.PetsResource.__module__ == "names_client._client"
    assert set(names_client.PetsResourceModel.model_fields) == {"shelter"}
    recorder = Recorder(status=404, body={"missing": "p9"})
    with names_client.NamesClient(http_client=recorder.sync_client()) as client:
        with pytest.raises(names_client.NotFoundError) as raised:
            client.pets_2.get_pet_2("p9")
    assert isinstance(raised.value.error, names_client.NotFoundErrorModel)
    assert raised.value.error.missing == "p9"


# -- bodies: form and multipart bodies, wire-named keywords, unwrapped responses ---------------

RECORD = {"id": "r1", "type": "person", "name": "Ada"}


def _bodies(recorder: Recorder) -> bodies_client.BodiesClient:
    return bodies_client.BodiesClient(api_key="k", http_client=recorder.sync_client())


def test_form_body_is_url_encoded_from_typed_keywords_and_array_response_is_a_list() -> None:
    recorder = Recorder(body=[RECORD, {**RECORD, "id": "r2", "name": "Grace"}])
    with _bodies(recorder) as client:
        records = client.records.search(
            criteria="name:a b", rows=2, fields=["id", "name"], order="asc",
            range={"from": 1, "to": 9}, type="person",
        )
    assert [record.name for record in records] == ["Ada", "Grace"]
    assert isinstance(records, list) and isinstance(records[0], bodies_client.Record)
    request = recorder.last
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    assert request.url.params["type"] == "person"
    assert parse_qsl(request.content.decode(), strict_parsing=True) == [
        ("criteria", "name:a b"), ("rows", "2"), ("fields", "id"), ("fields", "name"),
        ("order", "asc"), ("range", '{"from":1,"to":9}'),
    ]


def test_form_body_is_validated_before_sending() -> None:
    recorder = Recorder(body=[])
    with _bodies(recorder) as client, pytest.raises(ValueError, match="rows"):
        client.records.search(criteria="x", rows=0)
    assert recorder.requests == []


def test_free_form_form_body_takes_a_mapping() -> None:
    recorder = Recorder(status=204)
    with _bodies(recorder) as client:
        assert client.records.set_labels("r1", body={"colour": "red", "size": "L"}) is None
    assert recorder.last.content == b"colour=red&size=L"
    assert recorder.last.headers["content-type"] == "application/x-www-form-urlencoded"


def _parts(request: httpx.Request) -> list[tuple[str, str | None, str | None, bytes]]:
    """(name, filename, content type, content) of each part of a multipart request."""
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + request.headers["content-type"].encode() + b"\r\n\r\n" + request.read()
    )
    return [
        (part.get_param("name", header="content-disposition"), part.get_filename(),
         part.get("content-type"), part.get_payload(decode=True))
        for part in message.iter_parts()
    ]


def test_multipart_body_sends_fields_and_files_given_as_bytes_file_object_or_tuple() -> None:
    recorder = Recorder(status=201, body=RECORD)
    with _bodies(recorder) as client:
        record = client.records.upload_attachment(
            "r/1", title="Scan", tags=["a", "b"], meta={"source": "scanner"},
            file=io.BytesIO(b"%PDF-1"),
            previews=[b"\x89PNG", ("small.png", b"\x89PNG-small", "image/png")],
        )
    assert record.id == "r1"
    assert recorder.last.url.raw_path == b"/v1/records/r%2F1/attachments"
    assert recorder.last.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert _parts(recorder.last) == [
        ("title", None, None, b"Scan"),
        ("tags", None, None, b"a"),
        ("tags", None, None, b"b"),
        ("meta", None, "application/json", b'{"source":"scanner"}'),
        ("file", "upload", "application/octet-stream", b"%PDF-1"),
        ("previews", "upload", "application/octet-stream", b"\x89PNG"),
        ("previews", "small.png", "image/png", b"\x89PNG-small"),
    ]


def test_multipart_files_left_out_are_not_sent() -> None:
    recorder = Recorder(status=201, body=RECORD)
    with _bodies(recorder) as client:
        client.records.upload_attachment("r1", title="Scan", file=b"%PDF-1")
    assert _parts(recorder.last) == [
        ("title", None, None, b"Scan"),
        ("file", "upload", "application/octet-stream", b"%PDF-1"),
    ]


async def test_multipart_files_left_out_are_not_sent_async() -> None:
    recorder = Recorder(status=201, body=RECORD)
    async with bodies_client.AsyncBodiesClient(api_key="k", http_client=recorder.async_client()) as client:
        await client.records.upload_attachment("r1", title="Scan", file=b"%PDF-1")
    assert [name for name, *_ in _parts(recorder.last)] == ["title", "file"]


async def test_multipart_body_of_file_parts_only_async(tmp_path: Path) -> None:
    photo = tmp_path / "me.png"
    photo.write_bytes(b"\x89PNG-me")
    recorder = Recorder(status=204)
    async with bodies_client.AsyncBodiesClient(api_key="k", http_client=recorder.async_client()) as client:
        with photo.open("rb") as handle:
            assert await client.records.put_photo("r1", photo=handle) is None
    assert recorder.last.method == "PUT"
    assert _parts(recorder.last) == [("photo", "me.png", "image/png", b"\x89PNG-me")]


def test_keywords_are_the_wire_names_unless_a_keyword_or_the_methods_own() -> None:
    recorder = Recorder(status=201, body=RECORD)
    with _bodies(recorder) as client:
        client.records.create_record(
            type="company", name="Acme", filter="f", match=True, class_="c", timeout_=5,
            Record_="r", links={"self": "/r"}, timeout=3.0,
        )
    assert recorder.last_json() == {
        "type": "company", "name": "Acme", "filter": "f", "match": True, "class": "c",
        "timeout": 5, "Record": "r", "_links": {"self": "/r"},
    }
    assert recorder.last.extensions["timeout"]["read"] == 3.0


def test_array_body_takes_a_list_of_models_or_dicts() -> None:
    recorder = Recorder(status=201, body=[RECORD, RECORD])
    with _bodies(recorder) as client:
        created = client.records.create_records(
            body=[bodies_client.Record(type="person", name="Ada"), {"type": "company", "name": "Acme"}]
        )
    assert recorder.last_json() == [{"type": "person", "name": "Ada"}, {"type": "company", "name": "Acme"}]
    assert len(created) == 2 and created[1].name == "Ada"


def test_map_scalar_and_union_responses_come_back_as_plain_types() -> None:
    answers = {
        "/v1/stats": {"person": 3, "company": 1},
        "/v1/stats/version": "2.1",
        "/v1/stats/latest": {"kind": "created", "record": RECORD},
    }
    recorder = Recorder(answer=lambda request: httpx.Response(200, json=answers[request.url.path]))
    with _bodies(recorder) as client:
        assert client.stats.count_by_type() == {"person": 3, "company": 1}
        assert client.stats.get_version() == "2.1"
        latest = client.stats.get_latest()
        raw = client.stats.with_raw_response.count_by_type()
    assert isinstance(latest, bodies_client.Created) and latest.record is not None
    assert latest.record.name == "Ada"
    assert raw.parsed == {"person": 3, "company": 1} and raw.status_code == 200


# -- webhooks and compositions ---------------------------------------------------------------


def test_webhook_payload_models_are_exported_and_parse_deliveries() -> None:
    order = webhooks_client.Order.model_validate_json(b'{"id": "o1", "total": 9.5}')
    cancelled = webhooks_client.OrderCancelledPayload.model_validate_json(
        b'{"order_id": "o1", "reason": "fraud"}'
    )
    assert (order.id, cancelled.reason) == ("o1", "fraud")
    assert {"Order", "OrderCancelledPayload"} <= set(webhooks_client.__all__)


def test_compositions_a_subclass_can_type_stay_subclasses_and_the_rest_hold_every_field() -> None:
    assert issubclass(compositions_client.Dog, compositions_client.Animal)
    assert not issubclass(compositions_client.Cat, compositions_client.Animal)
    cat = compositions_client.Cat.model_validate(
        {"name": "Tom", "indoor": True, "friends": [{"name": "Felix", "indoor": False}]}
    )
    assert cat.friends is not None and isinstance(cat.friends[0], compositions_client.Cat)
    robot = compositions_client.Robot.model_validate({"name": 7, "legs": 2})
    assert robot.name == 7
    # Optional properties marked `nullable: false` are typed `X | None` and left out while None.
    assert compositions_client.Place(city=None).model_dump_json(by_alias=True) == "{}"


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
