"""Spec data -> IR: names, parameters, bodies, responses, auth and servers of one API."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from ..foundation import escape, naming
from ..foundation.diagnostics import Diagnostic, SpecError
from ..models import model_helper
from ..models.allof import flatten_conflicting_compositions
from ..models.class_renames import rename_classes
from ..models.datamodel import (
    ModelClass,
    ModelField,
    ReferenceMapper,
    argument_annotation,
    clean_schema,
    generate_models,
    object_models,
    plain_annotation,
    read_model_classes,
)
from ..models.model_polish import IMPORTED_NAMES, polish_models
from ..reading.loader import LoadedSpec, PathParts
from ..reading.spec import (
    HTTP_METHODS,
    SCHEMA_REF_PREFIX,
    RawOperation,
    deref,
    form_media,
    is_file_schema,
    iter_operations,
    json_media,
)
from .examples import example_call, response_examples
from .nodes import (
    Api,
    Auth,
    Body,
    ClientHeader,
    ErrorModel,
    Operation,
    Param,
    Resource,
    Webhook,
)
from .nullability import non_nullable_optionals
from .package_names import package_names
from .param_types import parameter_annotation, parameter_kind, parameter_nullable
from .servers import build_relative_servers, build_servers
from .versions import initial_version

# Names the models module must not define: they are imported into it or exported beside it.
_RESERVED_MODEL_NAMES = IMPORTED_NAMES | frozenset({
    "BaseModel", "RootModel", "Field", "ConfigDict", "Annotated", "Literal", "Any", "AwareDatetime",
    "NaiveDatetime", "AnyUrl", "date", "datetime", "time", "timedelta", "UUID", "Decimal", "Enum",
    "NotGiven", "Response", "APIResponse",
})
_RETRY_SAFE_METHODS = frozenset({"get", "put", "delete", "head", "options", "trace"})
_RUNTIME_HEADERS = frozenset({"authorization", "content-type", "accept", "user-agent"})
_TEMPLATE_VARIABLE = re.compile(r"{([^{}]*)}")
# Keyword arguments every method has besides the operation's own (see macros.jinja).
_CALL_OPTIONS = frozenset({"self", "timeout", "max_retries", "extra_headers"})


def _model_name(original: str, package: Collection[str] = frozenset()) -> str:
    """The class for a schema or inline body; `Model` follows a name that is taken already: by
    the models module's imports, a builtin, or the `package`'s own classes (package_names)."""
    name = naming.pascal_case(original)
    reserved = name in _RESERVED_MODEL_NAMES or name in naming.BUILTIN_NAMES or name in package
    return name + "Model" if reserved else name


def _attribute_name(original: str) -> str:
    """A resource's attribute (from its tag) or a method's name (from its operationId)."""
    return naming.safe_identifier(naming.snake_case(original))


def _resource_class(attribute: str) -> str:
    return naming.pascal_case(attribute) + "Resource"


def _resource_key(attribute: str) -> str:
    return _resource_class(attribute).lower()


class _Builder:
    def __init__(self, spec: LoadedSpec, provider: str, package_names: frozenset[str]) -> None:
        self.spec = spec
        self.doc = spec.data
        self.provider = provider
        self.package_names = package_names
        self.errors: list[Diagnostic] = []
        component_schemas = self.doc.get("components", {}).get("schemas") or {}
        self.class_names = naming.unique_names(
            component_schemas, self._model_name, naming.numbered_class
        )
        self.refs = ReferenceMapper(self.class_names)
        self.schemas: dict[str, Any] = {
            self.class_names[name]: clean_schema(schema, self.refs)
            for name, schema in component_schemas.items()
        }
        self.hoisted: dict[str, str] = {}
        self.taken = {name.lower() for name in self.schemas}

    def _model_name(self, original: str) -> str:
        return _model_name(original, self.package_names)

    def _error(self, parts: PathParts, message: str) -> None:
        self.errors.append(self.spec.diagnostic(parts, message))

    # -- schemas of bodies ---------------------------------------------------------------------

    def model_for(self, schema: Any, proposals: list[str], key: str) -> str | None:
        """The model class of a body: its component's class, or a new class for an inline schema,
        named by the first of `proposals` that no class has taken."""
        ref = schema.get("$ref") if isinstance(schema, dict) else None
        if isinstance(ref, str) and ref.startswith(SCHEMA_REF_PREFIX):
            return self.refs.ref(ref)[len(SCHEMA_REF_PREFIX):]
        schema = deref(self.doc, schema)
        if not isinstance(schema, dict):
            return None
        if key in self.hoisted:
            return self.hoisted[key]
        name = self._free_model_name(proposals)
        self.schemas[name] = clean_schema(schema, self.refs)
        self.taken.add(name.lower())
        self.hoisted[key] = name
        return name

    def _free_model_name(self, proposals: list[str]) -> str:
        """The first proposal no class has (ignoring case), else the first numbered from 2 on.
        Operations and their responses are visited in document order, so names are stable."""
        names = [self._model_name(proposal) for proposal in proposals]
        free = [name for name in names if name.lower() not in self.taken]
        number = 2
        while not free:
            free, number = [f"{names[0]}{number}"], number + 1
            free = [name for name in free if name.lower() not in self.taken]
        return free[0]

    # -- operations ----------------------------------------------------------------------------

    def raw_parameters(self, raw: RawOperation) -> list[tuple[dict[str, Any], PathParts]]:
        merged: dict[tuple[str, str], tuple[dict[str, Any], PathParts]] = {}
        owners = ((raw.path_item, ("paths", raw.path)), (raw.body, ("paths", raw.path, raw.method)))
        for owner, base in owners:
            for index, parameter in enumerate(owner.get("parameters") or []):
                resolved = deref(self.doc, parameter)
                if isinstance(resolved, dict):
                    key = (str(resolved.get("in")), str(resolved.get("name")))
                    merged[key] = (resolved, base + ("parameters", index))
        return list(merged.values())

    def client_headers(self, operations: list[RawOperation]) -> dict[str, ClientHeader]:
        """Headers that every operation requires: set once on the client, overridable per call."""
        required_sets = []
        for raw in operations:
            required_sets.append({
                str(p["name"]).lower(): p for p, _ in self.raw_parameters(raw)
                if p.get("in") == "header" and p.get("required") is True
                and str(p.get("name")).lower() not in _RUNTIME_HEADERS
            })
        if not required_sets:
            return {}
        common = set.intersection(*(set(s) for s in required_sets))
        headers = {}
        for key in sorted(common):
            parameter = required_sets[0][key]
            python_name = self.header_python_name(str(parameter["name"]))
            headers[key] = ClientHeader(
                python_name=python_name,
                wire_literal=escape.string_literal(str(parameter["name"])),
                env_var=f"{naming.constant_case(self.provider)}_{python_name.upper()}",
                doc=escape.docstring(parameter.get("description")),
            )
        return headers

    @staticmethod
    def header_python_name(wire: str) -> str:
        words = wire[2:] if wire.lower().startswith("x-") else wire
        return naming.safe_identifier(naming.snake_case(words))

    def operation(
        self, raw: RawOperation, method_name: str, client_headers: dict[str, ClientHeader]
    ) -> Operation:
        parts: PathParts = ("paths", raw.path, raw.method)
        by_location: dict[str, list[Param]] = {"path": [], "query": [], "header": []}
        accepted: list[dict[str, Any]] = []
        for parameter, where in self.raw_parameters(raw):
            location, wire = parameter.get("in"), str(parameter.get("name"))
            if location not in by_location:
                self._error(where, f"{location} parameters are not supported")
                continue
            if location == "header" and wire.lower() in _RUNTIME_HEADERS:
                continue  # the runtime sets these itself
            accepted.append(parameter)
        names = _parameter_names(
            [(str(p["in"]), str(p["name"]), self._natural_name(p)) for p in accepted]
        )
        python_names: dict[str, str] = {}
        for parameter, name in zip(accepted, names):
            location, wire = str(parameter["in"]), str(parameter["name"])
            if location == "path":
                python_names[wire] = name
            param = self._param(parameter, name)
            header = client_headers.get(wire.lower()) if location == "header" else None
            if header is not None:
                param = dataclasses.replace(
                    param, required=False, client_default=header.python_name, accepts_none=True
                )
            by_location[location].append(param)
        template_order = _TEMPLATE_VARIABLE.findall(raw.path)
        by_location["path"].sort(key=lambda p: template_order.index(p.wire_name))
        operation = raw.body
        timeout = operation.get("x-clientgen-timeout")
        response_model, error_models = self._responses(raw, method_name, parts)
        return Operation(
            method_name=method_name,
            http_method=raw.method.upper(),
            path_expression=_path_expression(raw.path, python_names),
            path_doc=escape.docstring(f"{raw.method.upper()} {raw.path}"),
            summary_doc=escape.docstring(operation.get("summary")),
            description_doc=escape.docstring(operation.get("description")),
            deprecated=operation.get("deprecated") is True,
            path_params=tuple(by_location["path"]),
            query_params=tuple(by_location["query"]),
            header_params=tuple(by_location["header"]),
            body=self._body(raw, method_name, parts),
            response_model=response_model,
            error_models=tuple(error_models),
            timeout=float(timeout) if isinstance(timeout, (int, float)) and timeout > 0 else None,
            retry_safe=raw.method in _RETRY_SAFE_METHODS
            or operation.get("x-clientgen-idempotent") is True,
            authenticated=operation.get("security", self.doc.get("security")) != [],
            example_call="",
            path_template_literal=escape.string_literal(raw.path),
            success_status=_success_status(raw),
            response_examples=response_examples(self.spec, raw),
        )

    def _natural_name(self, parameter: dict[str, Any]) -> str:
        wire = str(parameter["name"])
        if parameter["in"] == "header":
            return self.header_python_name(wire)
        return naming.keyword_name(naming.snake_case(wire), naming.METHOD_NAMES)

    def _param(self, parameter: dict[str, Any], python_name: str) -> Param:
        location = str(parameter["in"])
        style = parameter.get("style") or ("simple" if location in ("path", "header") else "form")
        schema = deref(self.doc, parameter.get("schema"))
        required = parameter.get("required") is True or location == "path"
        return Param(
            python_name=python_name,
            wire_literal=escape.string_literal(str(parameter["name"])),
            location=location,
            annotation=parameter_annotation(schema),
            required=required,
            doc=escape.docstring(parameter.get("description")),
            style=str(style),
            explode=bool(parameter.get("explode", style == "form")),
            kind=parameter_kind(schema),
            # A path segment is never null; an optional parameter may be None (left out).
            accepts_none=location != "path" and (not required or parameter_nullable(schema)),
        )

    def _body(self, raw: RawOperation, method_name: str, parts: PathParts) -> Body | None:
        reference = raw.body.get("requestBody")
        request_body = deref(self.doc, reference)
        if not isinstance(request_body, dict):
            return None
        content = request_body.get("content")
        required = request_body.get("required") is True
        media, encoding = json_media(content), "json"
        if media is None:
            media = form_media(content)
            encoding = "multipart" if media and "multipart" in media[0].lower() else "form"
            schema = deref(self.doc, media[1].get("schema")) if media else None
            if not isinstance(schema, dict) or _declared_type(schema) not in ("object", None):
                media_type = next(iter(content or {}), "application/octet-stream")
                return Body(model="", content_type_literal=escape.string_literal(str(media_type)),
                            fields=(), required=required, encoding="raw")
        media_type, media_object = media
        schema, files = media_object.get("schema", {}), ()
        if encoding == "multipart":
            schema, files = self._file_parts(schema)
        ref = reference.get("$ref") if isinstance(reference, dict) else None
        base = ref.rsplit("/", 1)[-1] if ref else naming.pascal_case(method_name) + "Request"
        model = "" if schema is None else self.model_for(
            schema, [base, base + "Body"], f"body:{ref or parts}"
        )
        if model is None:
            return None
        return Body(
            model=model,
            content_type_literal=escape.string_literal(media_type),
            fields=(),
            required=required,
            encoding=encoding,
            file_fields=files,
        )

    def _file_parts(self, schema: Any) -> tuple[dict[str, Any] | None, tuple[Param, ...]]:
        """A multipart schema without its file parts (None when nothing else is left), and the
        file parts as keyword arguments: a file, or a list of files for an array of them."""
        resolved = deref(self.doc, schema)
        required = [str(name) for name in resolved.get("required") or []]
        properties = resolved.get("properties")
        files, rest = [], {}
        for wire, sub in properties.items() if isinstance(properties, dict) else ():
            sub = deref(self.doc, sub)
            items = deref(self.doc, sub.get("items")) if isinstance(sub, dict) else None
            many = isinstance(sub, dict) and sub.get("type") == "array" and is_file_schema(items)
            if not (many or is_file_schema(sub)):
                rest[wire] = resolved["properties"][wire]
                continue
            files.append(Param(
                python_name=wire if naming.is_plain_keyword(wire) else naming.field_name(wire),
                wire_literal=escape.string_literal(wire),
                location="file",
                annotation="list[FileContent]" if many else "FileContent",
                required=wire in required,
                doc=escape.docstring(sub.get("description") if isinstance(sub, dict) else None),
            ))
        if not files:
            return schema, ()
        if not rest:
            return None, tuple(files)
        kept = [name for name in required if name in rest]
        return {**resolved, "properties": rest, "required": kept}, tuple(files)

    def webhook_payloads(self) -> list[Webhook]:
        """Each webhook (3.1) with a JSON payload, and the model class of the payload."""
        webhooks = []
        for raw in iter_operations(self.doc, "webhooks"):
            reference = raw.body.get("requestBody")
            request_body = deref(self.doc, reference)
            media = json_media(request_body.get("content")) if isinstance(request_body, dict) else None
            if media is None:
                continue
            ref = reference.get("$ref") if isinstance(reference, dict) else None
            methods = [m for m in HTTP_METHODS if isinstance(raw.path_item.get(m), dict)]
            proposed = naming.pascal_case(raw.path) + (
                naming.pascal_case(raw.method) if len(methods) > 1 else ""
            ) + "Payload"
            base = ref.rsplit("/", 1)[-1] if ref else proposed
            model = self.model_for(
                media[1].get("schema", {}), [base, base + "Body"], f"body:{ref or (raw.path, raw.method)}"
            )
            if model is not None:
                webhooks.append(Webhook(
                    name_doc=escape.docstring(raw.path),
                    http_method=raw.method.upper(),
                    model=model,
                ))
        return webhooks

    def _responses(
        self, raw: RawOperation, method_name: str, parts: PathParts
    ) -> tuple[str | None, list[ErrorModel]]:
        success: str | None = None
        errors: list[ErrorModel] = []
        responses = raw.body.get("responses") or {}
        for status in sorted(responses, key=str):
            reference = responses[status]
            response = deref(self.doc, reference)
            media = json_media(response.get("content")) if isinstance(response, dict) else None
            if media is None:
                continue
            code = str(status).upper()
            ref = reference.get("$ref") if isinstance(reference, dict) else None
            if ref:
                proposals = [ref.rsplit("/", 1)[-1], ref.rsplit("/", 1)[-1] + "Response"]
            elif code.startswith("2"):  # the first success is `...Response`, others by status
                proposals = [naming.pascal_case(method_name) + suffix for suffix in ("Response", f"Response{code}")]
            else:
                proposals = [naming.pascal_case(method_name) + f"{code.title()}Error"]
            model = self.model_for(
                media[1].get("schema", {}), proposals, f"response:{ref or (parts, code)}"
            )
            if model is None:
                continue
            if code.startswith("2"):
                success = success or model
            else:
                errors.append(ErrorModel(code.lower() if code == "DEFAULT" else code, model))
        return success, errors


_LOCATION_ORDER = ("path", "query", "header", "cookie")


def _parameter_names(parameters: list[tuple[str, str, str]]) -> list[str]:
    """The keyword of each (location, wire name, natural name), distinct within the operation.

    Of parameters that would share a keyword, the one spelled like it keeps it (`page_size` over
    `page-size`), else the first by location (path, query, header). The others spell out their
    punctuation (`page_dash_size`) where they clash only within their location, and are named by
    their location (`query_id`, `header_request_id`) where they clash across locations.
    """
    def claim(index: int) -> tuple[int, int, str]:
        location, wire, natural = parameters[index]
        return (natural.rstrip("_") != wire, _LOCATION_ORDER.index(location), wire)

    def alternatives(key: str) -> list[str]:
        location, wire, natural = parameters[int(key)]
        rivals = {loc for loc, _, other in parameters if other == natural}
        spelled = naming.safe_identifier(naming.snake_case(naming.spelled(wire)))
        located = naming.safe_identifier(f"{location}_{natural.rstrip('_')}")
        return [located, spelled] if rivals - {location} else [spelled, located]

    order = sorted(range(len(parameters)), key=claim)
    names = naming.distinct_names({str(i): parameters[i][2] for i in order}, alternatives)
    return [names[str(i)] for i in range(len(parameters))]


def _declared_type(schema: dict[str, Any]) -> str | None:
    """The one non-null type a schema declares, `object` where it only lists properties."""
    declared = schema.get("type")
    types = [declared] if isinstance(declared, str) else [t for t in declared or [] if t != "null"]
    if not types:
        return "object" if "properties" in schema or "allOf" in schema else None
    return types[0] if len(types) == 1 else "several"


def _success_status(raw: RawOperation) -> int:
    statuses = [int(s) for s in raw.body.get("responses") or {} if str(s).isdigit()]
    return min((s for s in statuses if 200 <= s < 300), default=200)


def _warnings_attribute(
    doc: dict[str, Any], raw: RawOperation, operation: Operation, model: ModelClass | None
) -> str | None:
    """The response field that `x-clientgen-warnings` on the success schema names, if any."""
    response = deref(doc, (raw.body.get("responses") or {}).get(str(operation.success_status)))
    media = json_media(response.get("content")) if isinstance(response, dict) else None
    schema = deref(doc, media[1].get("schema")) if media else None
    wire = schema.get("x-clientgen-warnings") if isinstance(schema, dict) else None
    fields = {f.wire_name: f.name for f in model.fields} if model else {}
    return fields.get(wire) if isinstance(wire, str) else None


def _response_type(model: ModelClass | None) -> str | None:
    """What a method returns for `model`: the type a root model wraps, else the model itself."""
    if model is None:
        return None
    return plain_annotation(model.root) if model.root is not None else model.name


def _path_expression(path: str, python_names: dict[str, str]) -> str:
    pieces: list[str] = []
    for index, piece in enumerate(_TEMPLATE_VARIABLE.split(path)):
        if index % 2:
            pieces.append(f"encode_path_segment({python_names[piece]})")
        elif piece:
            pieces.append(escape.string_literal(piece))
    return " + ".join(pieces) or "''"


def _auth(spec: LoadedSpec) -> tuple[Auth, ...]:
    """The scheme clients authenticate with: the first one the spec's security requirements name."""
    schemes = spec.data.get("components", {}).get("securitySchemes") or {}
    requirements = list(spec.data.get("security") or [])
    for raw in iter_operations(spec.data):
        requirements += raw.body.get("security") or []
    for requirement in requirements:
        for scheme_name in requirement:
            scheme = deref(spec.data, schemes.get(scheme_name))
            auth = _auth_for(scheme) if isinstance(scheme, dict) else None
            if auth is None:
                raise SpecError([spec.diagnostic(
                    ("components", "securitySchemes", scheme_name),
                    "unsupported security scheme: use http bearer or basic, an apiKey header, "
                    "oauth2 or openIdConnect",
                )])
            return (auth,)
    return ()


def _auth_for(scheme: dict[str, Any]) -> Auth | None:
    doc = escape.docstring(scheme.get("description"))
    kind, http_scheme = scheme.get("type"), str(scheme.get("scheme", "")).lower()
    if kind == "http" and http_scheme == "basic":
        return Auth("basic", escape.string_literal("Authorization"), "''", doc)
    if (kind == "http" and http_scheme == "bearer") or kind in ("oauth2", "openIdConnect"):
        return Auth("bearer", escape.string_literal("Authorization"), escape.string_literal("Bearer "), doc)
    if kind == "apiKey" and scheme.get("in") == "header":
        prefix = scheme.get("x-clientgen-value-prefix")
        return Auth(
            "header",
            escape.string_literal(str(scheme["name"])),
            escape.string_literal(prefix if isinstance(prefix, str) else ""),
            doc,
        )
    return None


def _read_only(schema: Any) -> frozenset[str]:
    properties = schema.get("properties") if isinstance(schema, dict) else None
    if not isinstance(properties, dict):
        return frozenset()
    return frozenset(
        str(wire) for wire, sub in properties.items()
        if isinstance(sub, dict) and sub.get("readOnly") is True
    )


def _flatten_body(
    operation: Operation,
    classes: dict[str, ModelClass],
    non_nullable: dict[str, frozenset[str]],
    schemas: dict[str, Any],
    objects: frozenset[str],
) -> Operation:
    """Offer the fields of an object body as keyword arguments (the only way to pass them) and
    name its file parts.

    Each keyword is named as the field's wire name where that is a plain identifier (`type=`,
    `id=`), else as the model's attribute. A field whose name a parameter already takes
    (Unified.to's `connection_id` is both a path parameter and a body field) becomes
    `body_<name>`: the parameter keeps the name, so a call reads the way the URL does. Read-only
    fields (set by the server, such as ids and timestamps) are not offered at all.
    """
    body = operation.body
    if body is None:
        return operation
    parameters = {
        p.python_name for p in operation.path_params + operation.query_params + operation.header_params
    }
    # The method's body names these classes: a keyword must not hide them.
    taken = set(naming.METHOD_NAMES) | _CALL_OPTIONS | parameters | {
        name for name in [body.model, operation.response_model] + [e.model for e in operation.error_models]
    }
    files = []
    for file in body.file_fields:
        files.append(dataclasses.replace(file, python_name=naming.keyword_name(file.python_name, taken)))
        taken.add(files[-1].python_name)
    model = classes.get(body.model)
    fields = []
    read_only = _read_only(schemas.get(model.name)) if model else frozenset()
    for field in model.fields if model is not None and not model.is_root else ():
        if field.wire_name in read_only:
            continue
        name = field.wire_name if naming.is_plain_keyword(field.wire_name) else field.name
        if name in parameters:
            name = naming.safe_identifier(f"body_{field.name}")
        python_name = naming.keyword_name(name, taken)
        taken.add(python_name)
        fields.append(Param(
            python_name=python_name,
            wire_literal=escape.string_literal(field.wire_name),
            location="body",
            annotation=argument_annotation(
                field, objects, nullable=field.wire_name not in non_nullable.get(model.name, ())
            ),
            required=field.required,
            doc=escape.docstring(field.description),
        ))
    body = dataclasses.replace(
        body, fields=tuple(fields), file_fields=tuple(files), annotation=_body_annotation(model, objects)
    )
    return dataclasses.replace(operation, body=body)


def _body_annotation(model: ModelClass | None, objects: frozenset[str]) -> str:
    """What `body=` takes: the model, or the plain data it validates from (a list for an array)."""
    if model is None:
        return ""
    if model.root is None:
        return f"{model.name} | dict[str, Any]"
    plain = argument_annotation(ModelField("root", "root", model.root, True), objects)
    return f"{model.name} | {plain}"


def build_api(
    spec: LoadedSpec, provider: str, package: str | None = None,
    models_pending: Callable[[Callable[[], Api]], None] = lambda predicted: None,
) -> Api:
    """The IR of one spec. Raises SpecError with every problem found.

    `package` is the import name (default `<provider>_client`); the distribution name follows it.
    Where the model generator runs in the command's helper, `models_pending` is called while this
    process waits for it, with a function that builds the IR as far as it can be told without the
    models (`_predicted_classes`): most of what renders from it is what the package will hold.
    """
    raw_operations = list(iter_operations(spec.data))
    grouped: dict[str, list[tuple[RawOperation, str]]] = {}
    for raw in raw_operations:
        tags = raw.body.get("tags") or ["default"]
        operation_id = raw.body.get("operationId") or f"{raw.method} {raw.path}"
        grouped.setdefault(str(tags[0]), []).append((raw, str(operation_id)))
    # A resource's class is named after its attribute (`pets_2` -> `Pets2Resource`), so the
    # attributes must differ also as class names (`pets_2` and `pets2` would not).
    resource_names = naming.unique_names(
        grouped, _attribute_name, naming.numbered_attribute, _resource_key
    )
    info = spec.data.get("info") or {}
    client_name = naming.pascal_case(str(info.get("x-clientgen-name") or provider))
    own_names = package_names(
        client_name, (_resource_class(attribute) for attribute in resource_names.values())
    )
    builder = _Builder(spec, provider, own_names)
    client_headers = builder.client_headers(raw_operations)
    tag_docs = {
        str(tag.get("name")): tag.get("description")
        for tag in spec.data.get("tags") or [] if isinstance(tag, dict)
    }
    drafts: list[tuple[str, list[Operation]]] = []
    for tag, members in grouped.items():
        method_names = naming.unique_names(
            (operation_id for _, operation_id in members), _attribute_name, naming.numbered_attribute
        )
        drafts.append((tag, [
            builder.operation(raw, method_names[operation_id], client_headers)
            for raw, operation_id in members
        ]))
    webhooks = builder.webhook_payloads()
    if builder.errors:
        raise SpecError(builder.errors)
    header = escape.comment(f"Generated by clientgen from {spec.path.name}. Do not edit by hand.")
    needed = {
        name
        for _, operations in drafts
        for op in operations
        for name in [op.body.model if op.body else "", op.response_model or ""]
        + [e.model for e in op.error_models]
        if name
    } | {webhook.model for webhook in webhooks}
    package = package or naming.package_name_for(provider)
    builder.schemas = flatten_conflicting_compositions(builder.schemas)
    non_nullable = non_nullable_optionals(builder.schemas)
    draft = _Draft(
        spec, provider, package, client_name, client_headers, resource_names, grouped, drafts,
        webhooks, builder.schemas, non_nullable, needed, tag_docs,
    )

    def predicted() -> Api:
        return _assemble(draft, "", _predicted_classes(needed, builder.schemas))

    with model_helper.meanwhile(lambda: models_pending(predicted)):
        models_source = rename_classes(
            polish_models(
                generate_models(
                    builder.schemas, str(spec.data.get("openapi")), f"# {header}", needed,
                    base_class=f"{package}._base.BaseModel",
                ),
                f"{package}._base",
                non_nullable,
            ),
            own_names,
        )
    return _assemble(draft, models_source, read_model_classes(models_source))


@dataclass(frozen=True)
class _Draft:
    """What `build_api` knows of a spec before the model generator runs."""

    spec: LoadedSpec
    provider: str
    package: str
    client_name: str
    client_headers: dict[str, ClientHeader]
    resource_names: dict[str, str]
    grouped: dict[str, list[tuple[RawOperation, str]]]
    drafts: list[tuple[str, list[Operation]]]
    webhooks: list[Webhook]
    schemas: dict[str, Any]
    non_nullable: dict[str, frozenset[str]]
    needed: set[str]
    tag_docs: dict[str, Any]


def _predicted_classes(needed: Collection[str], schemas: dict[str, Any]) -> dict[str, ModelClass]:
    """The model classes the operations name, as far as the schemas tell without the model
    generator: an object where the schema lists properties (its fields unknown), else a root
    model (the type it wraps unknown)."""
    return {
        name: ModelClass(name, not (isinstance(schemas.get(name), dict) and "properties" in schemas[name]), ())
        for name in needed
    }


def _assemble(draft: _Draft, models_source: str, classes: dict[str, ModelClass]) -> Api:
    """The IR of `draft`'s spec with its models module and the classes read from it."""
    spec, needed, grouped, client_headers = draft.spec, draft.needed, draft.grouped, draft.client_headers
    info = spec.data.get("info") or {}
    missing = sorted(needed - set(classes))
    if missing:
        raise SpecError([spec.diagnostic(("components", "schemas"), f"no model was generated for {missing[0]!r}")])
    servers, server_keywords = build_servers(spec, (h.python_name for h in client_headers.values()))
    resources = []
    objects = object_models(classes)
    accepts_dict = {name: name in objects for name in classes}
    for tag, operations in draft.drafts:
        attribute = draft.resource_names[tag]
        flattened = [
            _flatten_body(op, classes, draft.non_nullable, draft.schemas, objects) for op in operations
        ]
        finished = []
        for op, (raw, _) in zip(flattened, grouped[tag]):
            op = dataclasses.replace(
                op, response_type=_response_type(classes.get(op.response_model or ""))
            )
            call, imports = example_call(spec, raw, op, attribute, accepts_dict)
            finished.append(dataclasses.replace(
                op,
                example_call=call,
                example_imports=tuple(sorted(imports)),
                warnings_attribute=_warnings_attribute(
                    spec.data, raw, op, classes.get(op.response_model or "")
                ),
            ))
        resources.append(Resource(
            attribute=attribute,
            class_name=_resource_class(attribute),
            doc=escape.docstring(draft.tag_docs.get(tag) or f"Operations tagged {tag!r}."),
            operations=tuple(finished),
        ))
    return Api(
        provider=draft.provider,
        package=draft.package,
        distribution=draft.package.replace("_", "-"),
        client_name=draft.client_name,
        env_prefix=naming.constant_case(draft.provider),
        title_doc=escape.docstring(info.get("title")),
        description_doc=escape.docstring(info.get("description")),
        version_literal=escape.string_literal(str(info.get("version", ""))),
        package_version=initial_version(info.get("version")),
        servers=servers,
        server_keywords=server_keywords,
        relative_servers=build_relative_servers(spec),
        auth=_auth(spec),
        client_headers=tuple(client_headers.values()),
        resources=tuple(resources),
        webhooks=tuple(draft.webhooks),
        models_source=models_source,
        model_names=tuple(sorted(classes)),
        spec_sha256=hashlib.sha256(spec.text.encode()).hexdigest(),
    )
