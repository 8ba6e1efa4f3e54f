"""The API surface of a generated client, as plain JSON data: what calling code can see and use.

Operations with their parameters, body and response models; models with their fields, types, enum
values and whether requests, responses or both use them; auth, servers and client headers. Two
surfaces are compared by apidiff.py; the manifest keeps the last one so that `generate` can tell
what changed without git.
"""

from __future__ import annotations

import ast
import hashlib
import json
from functools import cache
from typing import Any

from ..foundation.escape import docstring_value
from ..ir.nodes import Api, Operation, Param
from ..models.datamodel import parse_module, read_model_classes
from ..rendering import package_templates_digest

Surface = dict[str, Any]


def _strip(node: ast.expr, enum: list[Any]) -> ast.expr:
    """`node` without Annotated metadata and with each Literal[...] collected into `enum`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        try:  # a forward reference names a model like a bare name does
            node = ast.parse(node.value, mode="eval").body
        except SyntaxError:
            return node
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
        elements = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        if node.value.id == "Annotated":
            return _strip(elements[0], enum)
        if node.value.id == "Literal":
            enum.extend(e.value for e in elements if isinstance(e, ast.Constant))
            return ast.Name(id="Literal", ctx=ast.Load())
        stripped = [_strip(e, enum) for e in elements]
        inner = ast.Tuple(elts=stripped, ctx=ast.Load()) if len(stripped) > 1 else stripped[0]
        return ast.Subscript(value=node.value, slice=inner, ctx=ast.Load())
    if isinstance(node, ast.BinOp):
        return ast.BinOp(left=_strip(node.left, enum), op=node.op, right=_strip(node.right, enum))
    return node


def type_of(annotation: ast.expr | str) -> tuple[str, list[str]]:
    """The type as calling code sees it, and its enum values (as Python literals), sorted."""
    node = ast.parse(annotation, mode="eval").body if isinstance(annotation, str) else annotation
    enum: list[Any] = []
    text = ast.unparse(_strip(node, enum))
    return text, sorted({repr(value) for value in enum})


@cache  # a surface repeats few types many times
def _names_in(type_text: str) -> frozenset[str]:
    return frozenset(
        n.id for n in ast.walk(ast.parse(type_text, mode="eval")) if isinstance(n, ast.Name)
    )


def _param(param: Param) -> dict[str, Any]:
    type_text, enum = type_of(param.annotation)
    return {"wire": param.wire_name, "in": param.location, "type": type_text, "enum": enum,
            "required": param.required}


def _operation(op: Operation) -> dict[str, Any]:
    params = op.path_params + op.query_params + op.header_params
    body = None
    if op.body is not None:
        body = {"model": op.body.model or None, "required": op.body.required,
                "media_type": ast.literal_eval(op.body.content_type_literal),
                # Passed whole as `body=`, or field by field as the keyword arguments below.
                "whole": not (op.body.fields or op.body.file_fields)}
    return {
        "http": docstring_value(op.path_doc),
        "params": {p.python_name: _param(p) for p in params},
        # The body's fields and file parts as the method's keyword arguments.
        "keywords": {
            p.python_name: _param(p) for p in (op.body.fields + op.body.file_fields if op.body else ())
        },
        "body": body,
        "response": op.response_model,
        "errors": {e.status: e.model for e in op.error_models},
        "deprecated": op.deprecated,
        "timeout": op.timeout,
        "retry_safe": op.retry_safe,
    }


def _root_types(tree: ast.Module) -> dict[str, ast.expr]:
    """The wrapped type of each RootModel[...] class."""
    roots = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            for base in node.bases:
                if isinstance(base, ast.Subscript) and getattr(base.value, "id", "") == "RootModel":
                    roots[node.name] = base.slice
    return roots


def _models(api: Api, operations: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    tree = parse_module(api.models_source)
    classes = read_model_classes(api.models_source)
    roots = _root_types(tree)
    models: dict[str, dict[str, Any]] = {}
    for name, cls in sorted(classes.items()):
        fields = {}
        for f in cls.fields:
            type_text, enum = type_of(f.annotation)
            fields[f.name] = {"wire": f.wire_name, "type": type_text, "enum": enum,
                              "required": f.required}
        root_type, root_enum = type_of(roots[name]) if name in roots else (None, [])
        models[name] = {"fields": fields, "root": root_type, "enum": root_enum, "used_in": []}
    starts = {"request": set(), "response": set()}
    for op in operations.values():
        if op["body"] and op["body"]["model"]:
            starts["request"].add(op["body"]["model"])
        starts["response"].update([op["response"]] if op["response"] else [])
        starts["response"].update(op["errors"].values())
    for direction, names in starts.items():
        for name in _reachable(names, models):
            models[name]["used_in"].append(direction)
    return models


def _reachable(starts: set[str], models: dict[str, dict[str, Any]]) -> set[str]:
    seen: set[str] = set()
    pending = [name for name in starts if name in models]
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        model = models[name]
        types = [f["type"] for f in model["fields"].values()] + [model["root"] or "None"]
        for type_text in types:
            pending.extend(n for n in _names_in(type_text) if n in models and n not in seen)
    return seen


def _docs_digest(api: Api) -> str:
    """A hash of every text the client shows that the rest of the surface does not cover."""
    texts: list[str] = [api.title_doc, api.description_doc, api.version_literal, api.models_source]
    for resource in api.resources:
        texts.append(resource.doc)
        for op in resource.operations:
            texts += [op.summary_doc, op.description_doc, op.example_call]
            params = op.path_params + op.query_params + op.header_params
            texts += [p.doc for p in params + (op.body.fields if op.body else ())]
    texts += [s.description_doc for s in api.servers] + [a.scheme_doc for a in api.auth]
    return hashlib.sha256(json.dumps(texts).encode()).hexdigest()


def extract_surface(api: Api) -> Surface:
    operations = {
        f"{resource.attribute}.{op.method_name}": _operation(op)
        for resource in api.resources
        for op in resource.operations
    }
    return {
        "package": api.package,
        "client": f"{api.client_name}Client",
        "operations": operations,
        "models": _models(api, operations),
        "auth": [
            {"kind": a.kind, "header": ast.literal_eval(a.header_literal),
             "prefix": ast.literal_eval(a.prefix_literal)}
            for a in api.auth
        ],
        "servers": {s.name: ast.literal_eval(s.url_literal) for s in api.servers},
        "client_headers": {h.python_name: ast.literal_eval(h.wire_literal) for h in api.client_headers},
        "server_keywords": {k.python_name: type_of(k.annotation)[1] for k in api.server_keywords},
        "docs": _docs_digest(api),
        "runtime": package_templates_digest(),
    }


def empty_surface() -> Surface:
    """The surface of a spec that did not exist yet: everything in the new one is an addition."""
    return {"package": None, "client": None, "operations": {}, "models": {}, "auth": [],
            "servers": {}, "client_headers": {}, "server_keywords": {}, "docs": ""}
