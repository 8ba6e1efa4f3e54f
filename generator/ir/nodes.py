"""The intermediate model of an API: everything the templates print, computed and escaped.

Every string field that ends up in generated code is already a safe Python fragment: `*_literal`
fields are string literals, `*_doc` fields are docstring bodies, names are identifiers from naming.py.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass


@dataclass(frozen=True)
class Server:
    name: str
    url_literal: str
    description_doc: str


@dataclass(frozen=True)
class Auth:
    kind: str  # "bearer", "basic" or "header"
    header_literal: str
    prefix_literal: str
    scheme_doc: str


@dataclass(frozen=True)
class Param:
    python_name: str
    wire_literal: str
    location: str  # "path", "query", "header", "body"
    annotation: str
    required: bool
    doc: str
    style: str = "form"
    explode: bool = True
    client_default: str | None = None  # the client attribute that supplies a default value
    kind: str = "None"  # what the runtime's check_param accepts, as source (see param_types)
    accepts_none: bool = False  # None passes check_param: left out, or null where allowed

    @property
    def wire_name(self) -> str:
        """The name on the wire, as the spec spells it."""
        return str(ast.literal_eval(self.wire_literal))


@dataclass(frozen=True)
class Body:
    model: str  # empty for a body sent as raw text or bytes (non-JSON media types)
    content_type_literal: str
    fields: tuple[Param, ...]  # empty when the body is passed whole, not as keyword arguments
    required: bool


@dataclass(frozen=True)
class ErrorModel:
    status: str  # "404", "4XX" or "default"
    model: str


@dataclass(frozen=True)
class ResponseExample:
    """A documented response, for the test kit: its JSON text is a string literal, never code."""

    status: int
    name_literal: str
    json_literal: str


@dataclass(frozen=True)
class Operation:
    method_name: str
    http_method: str
    path_expression: str
    path_doc: str
    summary_doc: str
    description_doc: str
    deprecated: bool
    path_params: tuple[Param, ...]
    query_params: tuple[Param, ...]
    header_params: tuple[Param, ...]
    body: Body | None
    response_model: str | None
    error_models: tuple[ErrorModel, ...]
    timeout: float | None
    retry_safe: bool
    authenticated: bool
    example_call: str
    path_template_literal: str = "''"
    success_status: int = 200
    response_examples: tuple[ResponseExample, ...] = ()
    warnings_attribute: str | None = None  # a response field of warnings to log (x-clientgen-warnings)


@dataclass(frozen=True)
class Resource:
    attribute: str
    class_name: str
    doc: str
    operations: tuple[Operation, ...]


@dataclass(frozen=True)
class ClientHeader:
    """A header every operation needs, supplied once to the client constructor."""

    python_name: str
    wire_literal: str
    env_var: str
    doc: str


@dataclass(frozen=True)
class Api:
    provider: str
    package: str
    distribution: str
    client_name: str
    env_prefix: str
    title_doc: str
    description_doc: str
    version_literal: str
    package_version: str
    servers: tuple[Server, ...]
    auth: tuple[Auth, ...]
    client_headers: tuple[ClientHeader, ...]
    resources: tuple[Resource, ...]
    models_source: str
    model_names: tuple[str, ...]
    spec_sha256: str
