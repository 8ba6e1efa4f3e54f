"""IR -> {relative path: text}: the Jinja environment and everything computed for the templates."""

from __future__ import annotations

import ast
import builtins
import hashlib
import json
import re
import sys
from dataclasses import dataclass
from functools import lru_cache

import jinja2

from ..foundation import escape
from ..foundation.fingerprint import TEMPLATES_DIR
from ..ir.nodes import Api, Operation
from ..ir.package_names import EXCEPTION_NAMES
from ..models.trees import parse_module
from . import layout
from .template_cache import TemplateBytecodeCache

PACKAGE_TEMPLATES = TEMPLATES_DIR / "package"


@lru_cache(maxsize=1)
def package_templates_digest() -> str:
    """A hash of the templates of the package's own code (runtime, base model, checks, client): a
    change to one changes what every generated client does, whatever its spec."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_TEMPLATES.glob("*.jinja")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()

_SERVER_ERRORS = tuple(range(500, 600))
# The APIStatusError subclasses: name, docstring, the statuses each stands for.
_STATUS_CLASSES: tuple[tuple[str, str, tuple[int, ...]], ...] = (
    ("BadRequestError", "400 Bad Request.", (400,)),
    ("AuthenticationError", "401 Unauthorized.", (401,)),
    ("PermissionDeniedError", "403 Forbidden.", (403,)),
    ("NotFoundError", "404 Not Found.", (404,)),
    ("ConflictError", "409 Conflict.", (409,)),
    ("UnprocessableEntityError", "422 Unprocessable Entity.", (422,)),
    ("RateLimitError", "429 Too Many Requests.", (429,)),
    ("InternalServerError", "A 5xx server error.", _SERVER_ERRORS),
)


@dataclass(frozen=True)
class StatusClass:
    """An APIStatusError subclass as the exceptions module prints it."""

    name: str
    doc: str
    status: int | None  # None for the 5xx class
    statuses_text: str
    error_type: str  # the annotation of its `error`


def _error_model(op: Operation, status: int) -> str | None:
    """The error model the runtime parses a `status` answer of `op` into (as it looks it up)."""
    models = {e.status: e.model for e in op.error_models}
    return models.get(str(status)) or models.get(f"{status // 100}XX") or models.get("default")


def _error_type(models: set[str]) -> str:
    return " | ".join([f"models.{name}" for name in sorted(models)] + ["None"])


def status_classes(api: Api) -> tuple[str, list[StatusClass]]:
    """The annotation of `APIStatusError.error` (every error model of the API), and each status
    subclass with the error models its statuses may carry, so `exc.error` is typed."""
    operations = [op for resource in api.resources for op in resource.operations]
    every = {e.model for op in operations for e in op.error_models}
    classes = []
    for name, doc, statuses in _STATUS_CLASSES:
        found = {_error_model(op, s) for op in operations for s in statuses}
        classes.append(StatusClass(
            name, doc, None if len(statuses) > 1 else statuses[0],
            "5xx" if len(statuses) > 1 else str(statuses[0]),
            _error_type({model for model in found if model}),
        ))
    return _error_type(every), classes


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the output is Python, TOML and Markdown; values arrive pre-escaped
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Compiling the templates costs more than a small spec's rendering: once per machine.
        bytecode_cache=TemplateBytecodeCache(),
    )
    # Lines whose layout depends on their length, printed as black would print them (layout.py).
    env.globals.update(
        call=layout.call, concatenation=layout.concatenation, conditional=layout.conditional,
        parameter=layout.parameter,
    )
    return env


def _model_imports(models_source: str) -> dict[str, str]:
    """Where each name visible in the models module comes from."""
    origins: dict[str, str] = {}
    for node in parse_module(models_source).body:
        if isinstance(node, ast.ImportFrom) and node.module and node.module != "__future__":
            for alias in node.names:
                origins[alias.asname or alias.name] = node.module
        elif isinstance(node, ast.ClassDef):
            origins[node.name] = ".models"
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            origins.update({t.id: ".models" for t in targets if isinstance(t, ast.Name)})
    return origins


def client_imports(api: Api) -> dict[str, str]:
    """Import lines for every name the client module's annotations and calls use."""
    used: set[str] = {"cached_property"} if api.resources else set()
    runtime = {"DEFAULT_MAX_RESPONSE_BYTES", "DEFAULT_MAX_RETRIES", "DEFAULT_TIMEOUT", "NOT_GIVEN",
               "AsyncAPI", "NotGiven", "SyncAPI", "Timeout"}
    if api.resources:
        runtime.update({"to_async_raw_response", "to_raw_response"})
    if api.auth:
        runtime.add("Credentials")
    for resource in api.resources:
        for op in resource.operations:
            if op.path_params:
                runtime.add("encode_path_segment")
            if op.body and op.body.model:
                runtime.add("as_model")
            if op.warnings_attribute:
                runtime.add("log_warnings")
            if op.body and op.body.fields:
                runtime.add("omit_not_given")
            if op.body and op.body.file_fields:
                runtime.add("FileContent")
            if op.path_params or op.query_params or op.header_params:
                runtime.add("check_param")
            annotations = [p.annotation for p in op.path_params + op.query_params + op.header_params]
            if op.body and op.body.model:
                used.add(op.body.model)
                annotations += [f.annotation for f in op.body.fields]
                if not op.body.fields:  # `body=` is offered only where the fields are not
                    annotations.append(op.body.annotation)
            used.update(e.model for e in op.error_models)
            if op.response_model:
                used.add(op.response_model)
            if op.returns_root and op.response_type:
                annotations.append(op.response_type)
            for annotation in annotations:
                used.update(
                    n.id for n in ast.walk(ast.parse(annotation, mode="eval")) if isinstance(n, ast.Name)
                )
    if any("Literal[" in k.annotation for k in api.server_keywords):
        used.add("Literal")
    origins = _model_imports(api.models_source)
    origins.update({"Any": "typing", "Literal": "typing", "overload": "typing",
                    "cached_property": "functools"})
    by_module: dict[str, set[str]] = {}
    for name in used:
        if name in dir(builtins):
            continue
        by_module.setdefault(origins.get(name, ".models"), set()).add(name)
    groups: dict[int, list[str]] = {0: [], 1: [], 2: []}
    for module in sorted(by_module):
        top = module.split(".")[0]
        group = 2 if module.startswith(".") else 0 if top in sys.stdlib_module_names else 1
        groups[group].append(layout.import_from(module, sorted(by_module[module], key=_isort_key)))
    return {"stdlib": "\n".join(groups[0]), "third_party": "\n".join(groups[1]),
            "local": "\n".join(groups[2]), "runtime": sorted(runtime, key=_isort_key)}


def _natural(name: str, fold_case: bool) -> list[tuple[int, str]]:
    """`name` cut into text and numbers, numbers compared by value (`A2` before `A10`)."""
    return [
        (int(part), "") if part.isdigit() else (-1, part.lower() if fold_case else part)
        for part in re.split(r"(\d+)", name) if part
    ]


def _isort_key(name: str) -> tuple[int, list[tuple[int, str]]]:
    """isort's order for imported names: CONSTANTS, Classes, the rest; any case, digits by value."""
    kind = 0 if name.isupper() else 1 if name[0].isupper() else 2
    return kind, _natural(name, fold_case=True)


def _dunder_all_key(name: str) -> tuple[int, list[tuple[int, str]], str]:
    """The order ruff expects in `__all__`: as for imports, but upper case before lower case."""
    return _isort_key(name)[0], _natural(name, fold_case=False), name


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=True)


def _op_text(op: Operation) -> str:
    summary = escape.comment(escape.docstring_value(op.summary_doc))
    method_path = escape.docstring_value(op.path_doc)
    return f"{summary} (`{escape.comment(method_path)}`)".strip()


def _import_lines(
    package: str, names: list[str], examples: tuple[tuple[str, str], ...] = (),
    modules: tuple[str, ...] = (), third_party: tuple[str, ...] = (), testing: bool = False,
) -> str:
    """The import block of a README example, grouped and ordered as isort does."""
    by_module: dict[str, set[str]] = {}
    own = set(names)
    for module, name in examples:
        if module:
            by_module.setdefault(module, set()).add(name)
        else:
            own.add(name)
    from_lines = {
        module: f"from {module} import {', '.join(sorted(names, key=_isort_key))}"
        for module, names in sorted(by_module.items())
    }
    groups = [
        [f"import {m}" for m in sorted(modules)]
        + [line for m, line in from_lines.items() if m in sys.stdlib_module_names],
        [f"import {m}" for m in sorted(third_party)]
        + [line for m, line in from_lines.items() if m not in sys.stdlib_module_names],
        ([f"from {package} import {', '.join(sorted(own, key=_isort_key))}"] if own else [])
        + ([f"from {package}.testing import FakeAPI"] if testing else []),
    ]
    return "\n\n".join("\n".join(group) for group in groups if group)


def _readme_calls(api: Api) -> dict[str, dict[str, object]]:
    """Per operation (`resource.method`): its example call, its imports, and whether it returns a
    value (a call of a method returning None must not be assigned, for mypy --strict)."""
    return_type = environment().get_template("macros.jinja").module.return_type  # type: ignore[attr-defined]
    calls: dict[str, dict[str, object]] = {}
    for resource in api.resources:
        for op in resource.operations:
            calls[f"{resource.attribute}.{op.method_name}"] = {
                "call": op.example_call,
                "raw_call": op.example_call.replace(
                    f"client.{resource.attribute}.",
                    f"client.{resource.attribute}.with_raw_response.", 1,
                ),
                "imports": op.example_imports,
                "returns": str(return_type(op)).strip() != "None",
                "text": _op_text(op),
            }
    return calls


@dataclass(frozen=True)
class FakeRoute:
    """One operation as the test kit's route table prints it."""

    operation: str
    method: str
    path_literal: str
    success_status: int
    has_body: bool
    examples: list[tuple[int, list[tuple[str, str]]]]


def _fake_routes(api: Api) -> list[FakeRoute]:
    routes = []
    for resource in api.resources:
        for op in resource.operations:
            by_status: dict[int, list[tuple[str, str]]] = {}
            for example in op.response_examples:
                by_status.setdefault(example.status, []).append(
                    (example.name_literal, example.json_literal)
                )
            routes.append(FakeRoute(
                f"{resource.attribute}.{op.method_name}", op.http_method, op.path_template_literal,
                op.success_status, op.response_model is not None, sorted(by_status.items()),
            ))
    return routes


def _example_base_url(api: Api) -> str:
    """The `base_url` argument of README examples where the spec names no absolute server."""
    return api.relative_servers.example_literal if api.relative_servers else '"https://..."'


def render_package(api: Api, spec_name: str) -> dict[str, str]:
    """Every file of the generated package, unformatted, keyed by path relative to its root."""
    env = environment()
    package = api.package
    client_exports = sorted(
        [f"{p}{r.class_name}" for r in api.resources for p in ("", "Async")]
        + [f"{p}{api.client_name}Client" for p in ("", "Async")],
        key=_isort_key,
    )
    exception_exports = sorted([*EXCEPTION_NAMES, f"{api.client_name}Error"], key=_isort_key)
    exports = sorted(
        {*client_exports, *exception_exports, *api.model_names,
         "APIResponse", "NOT_GIVEN", "NotGiven", "__version__", "models"},
        key=_dunder_all_key,
    )
    title_text = escape.comment(escape.docstring_value(api.title_doc)) or api.provider
    first_resource = api.resources[0] if api.resources else None
    first_op = first_resource.operations[0] if first_resource else None
    client_arguments = ", ".join(
        (['api_key="..."'] if api.auth else [])
        + [f'{h.python_name}="..."' for h in api.client_headers]
        + ([] if api.servers else [f"base_url={_example_base_url(api)}"])  # no absolute server
    )
    calls = _readme_calls(api)
    first = next(iter(calls.values()), None)
    first_imports = first["imports"] if first else ()
    client = f"{api.client_name}Client"
    readme_imports = {
        "quick": _import_lines(package, [client], first_imports),
        "async": _import_lines(package, [f"Async{client}"], first_imports, modules=("asyncio",)),
        "errors": _import_lines(package, ["APIStatusError", client], first_imports),
        "raw": _import_lines(package, [client], first_imports),
        "testing": _import_lines(package, [], first_imports, third_party=("httpx",) if first else (),
                                 testing=True),
        **{key: _import_lines(package, [client], call["imports"]) for key, call in calls.items()},
    }
    status_error_type, classes = status_classes(api)
    context = {
        "api": api,
        "status_error_type": status_error_type,
        "status_classes": classes,
        "status_error_models": status_error_type != "None",
        "spec_name": escape.comment(spec_name),
        "exports": exports,
        "model_exports": sorted(api.model_names, key=_isort_key),
        "exception_exports": exception_exports,
        "client_exports": client_exports,
        "imports": client_imports(api),
        "provenance": escape.comment(f"Generated by clientgen from {spec_name}. Do not edit by hand."),
        "title_text": title_text,
        "version_text": escape.comment(ast.literal_eval(api.version_literal)),
        "client_arguments": client_arguments,
        "first_call": first_op.example_call if first_op else "None",
        "first": first,
        "calls": calls,
        "readme_imports": readme_imports,
        "fake_routes": _fake_routes(api),
        "has_api_warnings": any(
            op.warnings_attribute for r in api.resources for op in r.operations
        ),
        "first_operation": (
            f"{first_resource.attribute}.{first_op.method_name}"
            if first_resource and first_op else "resource.method"
        ),
        "first_method": first_op.http_method if first_op else "GET",
        "webhooks": [
            {"name": escape.comment(escape.docstring_value(w.name_doc)).replace("|", "\\|"),
             "http_method": w.http_method, "model": w.model}
            for w in api.webhooks
        ],
        "server_urls": {
            s.name: escape.comment(ast.literal_eval(s.url_literal)) for s in api.servers
        },
        "relative_server_urls": [
            escape.comment(ast.literal_eval(url) or "/")
            for url in (api.relative_servers.url_literals if api.relative_servers else ())
        ],
        "relative_example": escape.comment(ast.literal_eval(
            api.relative_servers.example_literal if api.relative_servers else "''"
        )),
    }
    files = {
        "pyproject.toml": env.get_template("pyproject.toml.jinja").render(
            **context, description_toml=_toml_string(f"Typed Python client for {title_text}")
        ),
        "README.md": env.get_template("README.md.jinja").render(**context),
        f"{package}/py.typed": "",
        f"{package}/models.py": layout.models_module(api.models_source),
    }
    for name in ("__init__.py", "_base.py", "_checks.py", "_client.py", "_runtime.py",
                 "_exceptions.py", "testing.py"):
        files[f"{package}/{name}"] = env.get_template(f"package/{name}.jinja").render(**context)
    return files
