"""Names the generated package's own modules define or import beside the models.

`_client.py` imports the model classes its methods take and return, and `__init__.py` exports them
next to the clients, resources and exceptions; a schema whose class took one of these names
(`NotFoundError`, `Timeout`, `PetsResource`) would hide it and break the package. Such a schema's
class gets a `Model` suffix instead. A test compares this list with the templates' output.
"""

from __future__ import annotations

from collections.abc import Iterable

EXCEPTION_NAMES = (
    "APIConnectionError", "APIResponseTooLargeError", "APIResponseValidationError",
    "APIStatusError", "APITimeoutError", "AuthenticationError", "BadRequestError", "ConflictError",
    "InternalServerError", "NotFoundError", "PermissionDeniedError", "RateLimitError",
    "UnprocessableEntityError",
)
# Names the templates define or import, whatever the spec, that naming.pascal_case could give
# (`Timeout`, `SERVERS`; not `DEFAULT_TIMEOUT` or `httpx`).
_FIXED_NAMES = frozenset({
    *EXCEPTION_NAMES, "APIResponse", "Answer", "Any", "AsyncAPI", "Credentials", "FakeAPI",
    "FileContent", "Literal", "Mapping", "NotGiven", "ROUTES", "RecordedCall", "Route", "SERVERS",
    "Self", "SyncAPI", "Timeout", "UnmatchedRequest",
})


def package_names(client_name: str, resource_classes: Iterable[str]) -> frozenset[str]:
    """Every class-like name of the package besides the models: the fixed ones, the clients,
    their error base class and each resource's classes, sync and async."""
    resources = {
        f"{prefix}{name}{suffix}"
        for name in resource_classes for prefix in ("", "Async") for suffix in ("", "WithRawResponse")
    }
    clients = {f"{client_name}Client", f"Async{client_name}Client", f"{client_name}Error"}
    return _FIXED_NAMES | resources | clients
