"""Unit tests of the parser's class names for schemas: none may take a name the package has."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.ir.parser import build_api
from generator.reading.loader import load_spec


def _api(tmp_path: Path, schemas: dict[str, object], tag: str = "things"):
    spec = {
        "openapi": "3.1.0",
        "info": {"title": "T", "version": "1.0"},
        "servers": [{"url": "https://api.example.test"}],
        "paths": {"/things": {"get": {
            "operationId": "listThings", "tags": [tag],
            "responses": {"200": {"description": "ok", "content": {"application/json": {
                "schema": {"$ref": f"#/components/schemas/{next(iter(schemas))}"},
            }}}},
        }}},
        "components": {"schemas": schemas},
    }
    path = tmp_path / "shop.yaml"
    path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    return build_api(load_spec(path), "shop")


OBJECT = {"type": "object", "properties": {"name": {"type": "string"}}}


@pytest.mark.parametrize("schema, model", [
    ("APIStatusError", "APIStatusErrorModel"),
    ("RateLimitError", "RateLimitErrorModel"),
    ("ShopClient", "ShopClientModel"),
    ("AsyncShopClient", "AsyncShopClientModel"),
    ("ShopError", "ShopErrorModel"),
    ("ThingsResource", "ThingsResourceModel"),
    ("AsyncThingsResourceWithRawResponse", "AsyncThingsResourceWithRawResponseModel"),
    ("Timeout", "TimeoutModel"),
    ("api-status-error", "ApiStatusError"),  # another spelling shadows nothing
    ("Client", "Client"),
    ("OtherResource", "OtherResource"),  # no tag `other`: no such resource
])
def test_a_schema_gets_model_added_to_a_name_the_package_has(tmp_path: Path, schema: str, model: str) -> None:
    api = _api(tmp_path, {schema: OBJECT})
    assert api.model_names == (model,)
    assert api.resources[0].operations[0].response_model == model


def test_only_the_packages_own_client_name_is_taken(tmp_path: Path) -> None:
    api = _api(tmp_path, {"AcmeClient": OBJECT, "ShopClient": OBJECT})
    assert api.model_names == ("AcmeClient", "ShopClientModel")


@pytest.mark.parametrize("first", ["NotFoundError", "NotFoundErrorModel"])
def test_a_renamed_schema_that_meets_a_schema_of_that_name_is_numbered(tmp_path: Path, first: str) -> None:
    # The schema spelled like the name keeps it, in whichever order the document lists them.
    other = "NotFoundErrorModel" if first == "NotFoundError" else "NotFoundError"
    api = _api(tmp_path, {first: OBJECT, other: OBJECT})
    assert api.model_names == ("NotFoundErrorModel", "NotFoundErrorModel2")
    expected = "NotFoundErrorModel2" if first == "NotFoundError" else "NotFoundErrorModel"
    assert api.resources[0].operations[0].response_model == expected
