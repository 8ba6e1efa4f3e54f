"""Credentials as the specs' security schemes ask for them: Prism refuses a call without, accepts one with.

The generated clients will not even be built without an API key, so the call without credentials
is made by a client whose credential header is removed on the wire, just before sending.
"""

from __future__ import annotations

import base64

import pytest
from prism_inputs import OPERATIONS, PROVIDERS, OperationCalls
from prism_server import PrismServer, prism_servers  # noqa: F401  (the `prism` fixture)
from prism_spec import credential_header, load, operation
from prism_wire import MODES, PrismWire, run

MISSING_CREDENTIALS = "request: Invalid security scheme used [401]"


def _send(mode: str, prism: dict[str, PrismServer], op: OperationCalls, wire: PrismWire) -> object:
    call = op.documented
    return run(mode, PROVIDERS[op.provider], prism[op.provider], op.resource, op.method,
               *call.args, wire=wire, **call.kwargs)


def _expected_credential(provider: str) -> str:
    """The header value the spec's scheme prescribes for the test key."""
    spec = load(provider)
    scheme = spec["components"]["securitySchemes"][next(iter(spec["security"][0]))]
    key = PROVIDERS[provider].options["api_key"]
    if scheme["type"] == "http" and scheme["scheme"] == "basic":
        return "Basic " + base64.b64encode(f"{key}:".encode()).decode()
    if scheme["type"] == "http":
        return "Bearer " + key
    return str(scheme.get("x-clientgen-value-prefix", "")) + key


OPS = [pytest.param(op, id=f"{op.provider}.{op.method}") for op in OPERATIONS]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("op", OPS)
def test_call_with_credentials_passes(
    prism: dict[str, PrismServer], mode: str, op: OperationCalls
) -> None:
    wire = PrismWire()

    _send(mode, prism, op, wire)

    header = credential_header(op.provider)
    assert wire.last.request.headers[header] == _expected_credential(op.provider)
    assert wire.last.reasons == []


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("op", OPS)
def test_call_without_credentials_is_refused_as_the_spec_says(
    prism: dict[str, PrismServer], mode: str, op: OperationCalls
) -> None:
    package = PROVIDERS[op.provider].package
    header = credential_header(op.provider)
    wire = PrismWire(strict=False, strip_headers=[header])

    with pytest.raises(package.AuthenticationError) as raised:
        _send(mode, prism, op, wire)

    assert header not in wire.last.request.headers
    assert wire.last.reasons == [MISSING_CREDENTIALS]
    assert raised.value.status_code == 401
    responses = {r.status: r for r in operation(op.provider, op.operation_id).responses()}
    declared = responses.get("401") or responses.get("default")
    if declared is None:
        # No error body in the spec: Prism answers with its own problem+json, and the client
        # has no model to parse it into.
        assert raised.value.error is None
        assert raised.value.headers["content-type"] == "application/problem+json"
    else:
        assert type(raised.value.error) is getattr(package.models, str(declared.schema))
