"""Prism accepts every request the generated clients send: documented examples and varied inputs.

Prism validates path, query, headers, credentials and body against the spec; any complaint fails
the test with Prism's reasons (see prism_wire.PrismWire).
"""

from __future__ import annotations

from typing import Any

import pytest
from prism_inputs import OPERATIONS, PROVIDERS, Call, OperationCalls
from prism_server import PrismServer, prism_servers  # noqa: F401  (the `prism` fixture)
from prism_spec import operations
from prism_wire import MODES, PrismWire, run

CASES = [
    pytest.param(op, call, id=f"{op.provider}.{op.method}: {call.label}")
    for op in OPERATIONS
    for call in (op.documented, *op.varied)
]


def _send(mode: str, prism: dict[str, PrismServer], op: OperationCalls, call: Call) -> tuple[Any, PrismWire]:
    wire = PrismWire()
    result = run(mode, PROVIDERS[op.provider], prism[op.provider], op.resource, op.method,
                 *call.args, wire=wire, **call.kwargs)
    return result, wire


def test_every_operation_in_the_specs_has_calls() -> None:
    in_specs = {(p, op.operation_id) for p in PROVIDERS for op in operations(p)}
    covered = {(op.provider, op.operation_id) for op in OPERATIONS}
    assert covered == in_specs


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("op", "call"), CASES)
def test_prism_accepts_the_request(
    prism: dict[str, PrismServer], mode: str, op: OperationCalls, call: Call
) -> None:
    result, wire = _send(mode, prism, op, call)

    assert len(wire.exchanges) == 1
    exchange = wire.last
    assert exchange.reasons == []
    assert exchange.response.is_success
    success = next(o for o in operations(op.provider) if o.operation_id == op.operation_id).success()
    assert type(result) is getattr(PROVIDERS[op.provider].package.models, str(success.schema))
