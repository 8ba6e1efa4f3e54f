"""Every answer Prism gives, static example or generated, parses into the generated models.

Success answers become the operation's return model; error answers raise the exception class for
their status with the body parsed into the error model the spec declares for it.
"""

from __future__ import annotations

from typing import Any

import pytest
from prism_inputs import OPERATIONS, PROVIDERS, OperationCalls
from prism_server import PrismServer, prism_servers  # noqa: F401  (the `prism` fixture)
from prism_spec import Response, operation
from prism_wire import MODES, run

# Written out here rather than read from the package, so the mapping itself is under test.
EXCEPTION_BY_STATUS = {
    400: "BadRequestError",
    401: "AuthenticationError",
    403: "PermissionDeniedError",
    404: "NotFoundError",
    409: "ConflictError",
    422: "UnprocessableEntityError",
    429: "RateLimitError",
}
# Statuses a `default` response is asked to stand in for (an operation's own declared statuses are
# tested as such): the common 4xx, one without an exception class of its own, and two 5xx.
DEFAULT_STATUSES = (400, 401, 403, 404, 418, 422, 500, 503)
DYNAMIC_ROUNDS = 3


def expected_exception(status: int) -> str:
    if status >= 500:
        return "InternalServerError"
    return EXCEPTION_BY_STATUS.get(status, "APIStatusError")


def model(op: OperationCalls, schema: str | None) -> Any:
    assert schema is not None, f"{op.operation_id}: response without a schema"
    return getattr(PROVIDERS[op.provider].package.models, schema)


def call(mode: str, prism: dict[str, PrismServer], op: OperationCalls, prefer: str) -> Any:
    documented = op.documented
    kwargs = {**documented.kwargs, "extra_headers": {"Prefer": prefer}}
    return run(mode, PROVIDERS[op.provider], prism[op.provider], op.resource, op.method,
               *documented.args, **kwargs)


def _responses(op: OperationCalls) -> list[Response]:
    return operation(op.provider, op.operation_id).responses()


SUCCESS_EXAMPLES = [
    pytest.param(op, response, name, id=f"{op.provider}.{op.method}: {response.status} {name}")
    for op in OPERATIONS
    for response in _responses(op) if response.status.startswith("2")
    for name in response.examples
]


def _error_statuses(op: OperationCalls) -> list[tuple[int, Response]]:
    responses = _responses(op)
    declared = {int(r.status) for r in responses if r.status.isdigit()}
    pairs = []
    for response in responses:
        if response.status == "default":
            pairs += [(s, response) for s in DEFAULT_STATUSES if s not in declared]
        elif not response.status.startswith("2"):
            pairs.append((int(response.status), response))
    return pairs


ERRORS = [
    pytest.param(op, status, response, id=f"{op.provider}.{op.method}: {status} ({response.status})")
    for op in OPERATIONS
    for status, response in _error_statuses(op)
]


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: f"{op.provider}.{op.method}")
def test_every_operation_documents_a_success_example(op: OperationCalls) -> None:
    assert operation(op.provider, op.operation_id).success().examples


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("op", "response", "example"), SUCCESS_EXAMPLES)
def test_documented_success_example_parses(
    prism: dict[str, PrismServer], mode: str, op: OperationCalls, response: Response, example: str
) -> None:
    result = call(mode, prism, op, f"code={response.status}, example={example}")

    expected = model(op, response.schema)
    assert type(result) is expected
    assert result == expected.model_validate(response.examples[example])


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: f"{op.provider}.{op.method}")
def test_generated_success_response_parses(
    prism: dict[str, PrismServer], mode: str, op: OperationCalls
) -> None:
    success = operation(op.provider, op.operation_id).success()
    for _ in range(DYNAMIC_ROUNDS):
        result = call(mode, prism, op, "dynamic=true")
        assert type(result) is model(op, success.schema)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("op", "status", "response"), ERRORS)
def test_error_response_raises_its_exception_with_the_parsed_error(
    prism: dict[str, PrismServer], mode: str, op: OperationCalls, status: int, response: Response
) -> None:
    package = PROVIDERS[op.provider].package
    error_model = model(op, response.schema)
    assert response.examples, f"{op.operation_id} {response.status}: no documented example"
    prefers = [f"code={status}, example={name}" for name in response.examples]
    prefers += [f"code={status}, dynamic=true"] * DYNAMIC_ROUNDS

    for prefer in prefers:
        with pytest.raises(package.APIStatusError) as raised:
            call(mode, prism, op, prefer)

        error = raised.value
        assert type(error).__name__ == expected_exception(status), prefer
        assert type(error) is getattr(package, expected_exception(status))
        assert error.status_code == status
        assert type(error.error) is error_model, f"{prefer}: body {error.body!r}"
        name = prefer.partition("example=")[2]
        if name:
            assert error.error == error_model.model_validate(response.examples[name])
