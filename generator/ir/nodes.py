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
    url_literal: str  # the URL with every variable at its default
    description_doc: str
    url_expression: str = ""  # the URL built from the client's keywords, where it has variables


@dataclass(frozen=True)
class RelativeServers:
    """Servers the spec gives relative to where it is served (`/api/v3`): not regions, as only
    the caller knows the host, but named in the docs of `base_url`."""

    url_literals: tuple[str, ...]  # each URL with every variable at its default
    example_literal: str  # such a base URL on a made-up host: `'https://your-host/api/v3'`
    base_url_doc: str  # what the constructor's `base_url` is, naming them
    missing_message_literal: str  # the error without `base_url` where no server is absolute


@dataclass(frozen=True)
class ServerKeyword:
    """A client constructor keyword that fills in a server URL variable."""

    python_name: str
    annotation: str  # `Literal[...]` where every server lists the values, else `str`
    default_literal: str  # the default value, or `None` where servers disagree on it
    doc: str


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
    model: str  # empty for a raw body, and for a multipart body of file parts only
    content_type_literal: str
    fields: tuple[Param, ...]  # empty when the body is passed whole, not as keyword arguments
    required: bool
    encoding: str = "json"  # "json", "form" (URL-encoded), "multipart" or "raw" (text or bytes)
    file_fields: tuple[Param, ...] = ()  # multipart file parts, keyword arguments of their own
    annotation: str = ""  # what `body=` takes: the model, or the plain data it validates from


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
    example_call: str  # a call with type-correct example arguments, for the README
    path_template_literal: str = "''"
    success_status: int = 200
    response_examples: tuple[ResponseExample, ...] = ()
    warnings_attribute: str | None = None  # a response field of warnings to log (x-clientgen-warnings)
    # What example_call needs imported: (module, name), module "" for the generated package.
    example_imports: tuple[tuple[str, str], ...] = ()
    # The type the method returns: the response model, or the type a root model wraps (`list[Pet]`),
    # returned unwrapped so that it iterates, indexes and type-checks as that type.
    response_type: str | None = None

    @property
    def keyword_params(self) -> tuple[Param, ...]:
        """The keyword arguments besides the body's fields: query, header and file parameters."""
        return self.query_params + self.header_params + (self.body.file_fields if self.body else ())

    @property
    def returns_root(self) -> bool:
        return self.response_type is not None and self.response_type != self.response_model


@dataclass(frozen=True)
class Resource:
    attribute: str
    class_name: str
    doc: str
    operations: tuple[Operation, ...]


@dataclass(frozen=True)
class Webhook:
    """A request the API sends to its users (OpenAPI 3.1 `webhooks`): its payload's model."""

    name_doc: str
    http_method: str
    model: str


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
    server_keywords: tuple[ServerKeyword, ...]
    relative_servers: RelativeServers | None
    auth: tuple[Auth, ...]
    client_headers: tuple[ClientHeader, ...]
    resources: tuple[Resource, ...]
    webhooks: tuple[Webhook, ...]
    models_source: str
    model_names: tuple[str, ...]
    spec_sha256: str
