"""[tool.clientgen] in a repository's pyproject.toml: read, checked, and applied to a spec."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.output.config import ConfigError, SpecOptions, read_config

GOOD = """\
[project]
name = "acme"

[tool.clientgen]
specs = "api/openapi"
output = "src/clients"
timeout = 30
warnings = "warnings"

[tool.clientgen.providers.billing-api]
package = "acme_billing"
client = "Billing"
timeout = 5
idempotent = ["createInvoice"]
regions = { "https://eu.example.com/v1" = "eu" }
"""


@pytest.fixture(autouse=True)
def in_tmp_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # as clientgen runs: in the repository, the file named relatively


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    return Path(".")


def error_of(tmp_path: Path, text: str) -> str:
    with pytest.raises(ConfigError) as caught:
        read_config(write(tmp_path, text))
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_without_a_table_specs_and_generated_are_used(tmp_path):
    for text in (None, "[project]\nname = 'x'\n", "[tool.black]\nline-length = 100\n"):
        if text is not None:
            write(tmp_path, text)
        config = read_config(Path("."))
        assert (config.specs_dir, config.output_dir) == (Path("specs"), Path("generated"))
        assert config.options_for("anything") == SpecOptions()


def test_folders_defaults_and_per_provider_options(tmp_path):
    config = read_config(write(tmp_path, GOOD))
    assert config.specs_dir == Path("api/openapi")
    assert config.output_dir == Path("src/clients")
    # The table's key is the spec's file name; the provider key is its snake_case form.
    billing = config.options_for("billing_api")
    assert billing == SpecOptions(
        package="acme_billing", client="Billing", timeout=5.0, warnings="warnings",
        idempotent=("createInvoice",), regions=(("https://eu.example.com/v1", "eu"),),
    )
    other = config.options_for("other")
    assert other == SpecOptions(timeout=30.0, warnings="warnings")
    assert billing.recorded() == {
        "package": "acme_billing", "client": "Billing", "timeout": 5.0, "warnings": "warnings",
        "idempotent": ["createInvoice"], "regions": {"https://eu.example.com/v1": "eu"},
    }


@pytest.mark.parametrize(("text", "expected"), [
    (GOOD.replace('timeout = 30', 'timeout = "30"'),
     "pyproject.toml:7: [tool.clientgen] timeout must be a positive number of seconds, not '30'"),
    (GOOD.replace('output = "src/clients"', 'outptu = "src/clients"'),
     "pyproject.toml:6: [tool.clientgen] unknown key 'outptu' (known: "),
    (GOOD.replace('package = "acme_billing"', 'package = "acme-billing"'),
     "pyproject.toml:11: [tool.clientgen.providers.billing-api] package must be a Python package "
     "name (letters, digits, _), not 'acme-billing'"),
    (GOOD.replace('idempotent = ["createInvoice"]', 'idempotent = "createInvoice"'),
     "pyproject.toml:14: [tool.clientgen.providers.billing-api] idempotent must be a list of "
     "operationIds"),
    (GOOD.replace('timeout = 5', 'timeout = -1'),
     "pyproject.toml:13: [tool.clientgen.providers.billing-api] timeout must be a positive number"),
    (GOOD.replace('client = "Billing"', 'package = "other"\nclient = "Billing"'),
     "pyproject.toml:12: invalid TOML: "),
    (GOOD + "\n[tool.clientgen.providers.x]\nsecret = 1\n",
     "pyproject.toml:18: [tool.clientgen.providers.x] unknown key 'secret'"),
    ("[tool]\nclientgen = 3\n", "pyproject.toml:2: [tool.clientgen] must be a table"),
    (GOOD.replace('specs = "api/openapi"', 'specs = ""'),
     "pyproject.toml:5: [tool.clientgen] specs must be a folder path, not ''"),
])
def test_every_problem_is_one_line_naming_file_and_line(tmp_path, text, expected):
    assert error_of(tmp_path, text).startswith(expected)


def test_provider_tables_must_name_a_spec_and_packages_must_differ(tmp_path):
    config = read_config(write(tmp_path, GOOD))
    with pytest.raises(ConfigError) as caught:
        config.check_providers(["payments"])
    assert str(caught.value) == (
        f"pyproject.toml:10: [tool.clientgen.providers.billing_api] no spec named 'billing_api' "
        "in api/openapi (specs: payments)"
    )
    clash = read_config(write(tmp_path, GOOD.replace('"acme_billing"', '"payments_client"')))
    with pytest.raises(ConfigError, match="billing_api and payments would both be package 'payments_client'"):
        clash.check_providers(["billing_api", "payments"])
    clash.check_providers(["billing_api"])  # alone, the name is free


def test_options_stand_in_for_extensions_the_spec_lacks():
    document = {
        "info": {"title": "T"},
        "servers": [{"url": "https://eu.example.com/v1/"}, {"url": "https://us.example.com/v1"}],
        "components": {
            "securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "X-Key"}},
            "schemas": {"Out": {"type": "object", "properties": {"warnings": {"type": "array"}}}},
        },
        "paths": {"/a": {
            "post": {"operationId": "createInvoice", "x-clientgen-timeout": 2, "responses": {
                "200": {"description": "ok", "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Out"}}}}}},
            "get": {"operationId": "getA", "responses": {}},
        }},
    }
    options = SpecOptions(client="Billing", timeout=9.0, api_key_prefix="Token ", warnings="warnings",
                          idempotent=("createInvoice",), regions=(("https://eu.example.com/v1", "eu"),))
    applied = options.apply(document)
    assert applied is not document and "x-clientgen-name" not in document["info"]  # a copy
    assert applied["info"]["x-clientgen-name"] == "Billing"
    assert applied["servers"][0]["x-clientgen-region"] == "eu"
    assert "x-clientgen-region" not in applied["servers"][1]
    assert applied["components"]["securitySchemes"]["key"]["x-clientgen-value-prefix"] == "Token "
    assert applied["components"]["schemas"]["Out"]["x-clientgen-warnings"] == "warnings"
    post, get = applied["paths"]["/a"]["post"], applied["paths"]["/a"]["get"]
    assert post["x-clientgen-timeout"] == 2  # the spec's own value wins
    assert get["x-clientgen-timeout"] == 9.0
    assert post["x-clientgen-idempotent"] is True and "x-clientgen-idempotent" not in get
    assert SpecOptions(package="p").apply(document) is document  # nothing to add: no copy
