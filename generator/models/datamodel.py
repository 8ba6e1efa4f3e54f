"""Pydantic v2 models for a spec's schemas, through datamodel-code-generator in-process.

The model generator only ever sees a cleaned copy of the schemas: known JSON Schema keywords only,
so no extension key (`x-python-type`, `customTypePath`, ...) can make it emit code of its own.
Every field name comes from naming.field_names, passed in as an explicit alias map, and is checked
again in the output: the model generator's own renaming (`e_mail_1`, non-ASCII names) never shows.
"""

from __future__ import annotations

import ast
import copy
import json
import logging
import sys
import warnings
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..foundation import cache, dist_versions, escape, naming, oneshot
from ..reading.spec import (
    SCHEMA_LISTS,
    SCHEMA_MAPS,
    SCHEMA_REF_PREFIX,
    SCHEMA_VALUES,
    iter_property_maps,
    schema_name,
)
from . import collapse_retry, hidden_classes, model_helper
from .trees import parse_module

_KEYWORDS = frozenset({
    "type", "format", "title", "description", "default", "enum", "const", "nullable", "readOnly",
    "writeOnly", "deprecated", "properties", "required", "additionalProperties",
    "patternProperties", "items", "prefixItems", "minItems", "maxItems", "uniqueItems",
    "minProperties", "maxProperties", "minimum", "maximum", "exclusiveMinimum",
    "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "pattern", "allOf", "anyOf",
    "oneOf", "not", "discriminator", "$ref",
})
# Formats that the models hold as a non-string type, where string constraints do not apply.
_NON_STRING_FORMATS = frozenset({"date-time", "date", "time", "duration", "uuid", "binary"})

# One fixed configuration: changing any of these changes every generated package. Options the
# model generator takes as its own enums are named here and converted only when it runs
# (`call_model_generator`): a run the cache serves never imports it (about 0.05 s).
_ENUM_OPTIONS = {
    "input_file_type": "InputFileType", "output_model_type": "DataModelType",
    "target_python_version": "PythonVersion",
}
_GENERATE_OPTIONS: dict[str, Any] = {
    "input_file_type": "OpenAPI",
    "output_model_type": "PydanticV2BaseModel",
    "target_python_version": "PY_310",
    "use_annotated": True,
    "field_constraints": True,
    "use_standard_collections": True,
    "use_union_operator": True,
    "enum_field_as_literal": "all",
    "strict_nullable": True,
    # No `extra_fields`: a schema's own additionalProperties decides (true or a schema: allow,
    # false: forbid); the rest take the package base's `forbid`, which requests keep and
    # response parsing overrides.
    "disable_timestamp": True,
    "use_schema_description": True,
    "use_field_description": True,
    "use_double_quotes": True,
    "collapse_root_models": True,
    "output_datetime_class": "datetime",
    # Values a user sends must reach the wire unchanged: URL and e-mail types would rewrite them.
    "type_mappings": [
        "string+uri=string", "string+uri-reference=string", "string+email=string",
        "string+idn-email=string", "string+byte=string",
    ],
    "formatters": ["ISORT"],  # black runs later, once, over every generated module
}
ISORT_SETTINGS = Path(__file__).with_name("isort_settings") / ".isort.cfg"


class ReferenceMapper:
    """Rewrites schema references to the Python class names chosen for them."""

    def __init__(self, class_names: dict[str, str]) -> None:
        self.class_names = class_names

    def ref(self, ref: str) -> str:
        return SCHEMA_REF_PREFIX + self.class_names[schema_name(ref) or ""]


def clean_schema(schema: Any, refs: ReferenceMapper) -> Any:
    """A copy of `schema` holding only JSON Schema keywords, references renamed."""
    if not isinstance(schema, dict):
        return schema if isinstance(schema, bool) else {}
    if isinstance(schema.get("$ref"), str):
        return {"$ref": refs.ref(schema["$ref"])}
    cleaned: dict[str, Any] = {}
    non_string = schema.get("format") in _NON_STRING_FORMATS
    for key, value in schema.items():
        if key not in _KEYWORDS or (non_string and key in ("pattern", "minLength", "maxLength")):
            continue
        if key == "nullable" and value is not True:
            continue  # `nullable: false` is the default; the model generator would type it `T = None`
        if key in SCHEMA_MAPS and isinstance(value, dict):
            cleaned[key] = {name: clean_schema(sub, refs) for name, sub in value.items()}
        elif key in SCHEMA_LISTS and isinstance(value, list):
            cleaned[key] = [clean_schema(sub, refs) for sub in value]
        elif key in SCHEMA_VALUES:
            cleaned[key] = clean_schema(value, refs)
        elif key == "discriminator" and isinstance(value, dict):
            cleaned[key] = _clean_discriminator(value, refs)
        elif key in ("description", "title") and isinstance(value, str):
            cleaned[key] = escape.visible(value)  # the model generator writes these as docstrings
        else:
            cleaned[key] = value
    return cleaned


def _clean_discriminator(value: dict[str, Any], refs: ReferenceMapper) -> dict[str, Any]:
    mapping = value.get("mapping")
    cleaned: dict[str, Any] = {"propertyName": value.get("propertyName")}
    if isinstance(mapping, dict):
        cleaned["mapping"] = {
            key: refs.ref(target) if target.startswith(SCHEMA_REF_PREFIX) else target
            for key, target in mapping.items()
        }
    return cleaned


@dataclass(frozen=True)
class ModelField:
    name: str
    wire_name: str
    annotation: ast.expr
    required: bool
    description: str = ""


@dataclass(frozen=True)
class ModelClass:
    name: str
    is_root: bool
    fields: tuple[ModelField, ...]
    root: ast.expr | None = None  # a root model's wrapped type, as its `root` field declares it


HOLDER_PREFIX = "ClientgenHolder"


def _holder(name: str) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {"value": {"$ref": SCHEMA_REF_PREFIX + name}},
        "required": ["value"],
    }


def _replace_holders(source: str, held: list[str]) -> str:
    """Turn each holder class into a RootModel named after the schema it holds.

    The model generator inlines root models (a bare enum, array or map) wherever they are used,
    so a body or response of such a schema would have no class; the holder's `value` field shows
    the type it inlined.
    """
    tree = parse_module(source)  # the run that made `source` parsed it already
    defined = {node.name for node in tree.body if isinstance(node, ast.ClassDef)}
    lines = source.splitlines(keepends=True)
    replacements: list[tuple[int, int, str]] = []
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name.startswith(HOLDER_PREFIX):
            name = node.name[len(HOLDER_PREFIX):]
            field = next(
                s for s in node.body if isinstance(s, ast.AnnAssign) and getattr(s.target, "id", "") == "value"
            )
            annotation = ast.unparse(field.annotation)
            text = "" if name in defined else f"class {name}(RootModel[{annotation}]):\n    root: {annotation}\n"
            replacements.append((node.lineno - 1, node.end_lineno or node.lineno, text))
    for start, end, text in sorted(replacements, reverse=True):
        lines[start:end] = [text]
    imports = [n for n in tree.body if isinstance(n, ast.ImportFrom)]
    written = any(text for _, _, text in replacements)  # a schema of its own has its class
    if written and "RootModel" not in {a.name for n in imports for a in n.names}:
        if any(n.module == "pydantic" for n in imports):
            return "".join(lines).replace("from pydantic import ", "from pydantic import RootModel, ", 1)
        # No pydantic import yet (no class needed one): it joins the model base's import group.
        lines.insert(imports[-1].lineno - 1, "from pydantic import RootModel\n")
    return "".join(lines)


class _FieldNames:
    """The attribute of every property of the schemas (naming.field_names), for each set of class
    names the attributes must not hide."""

    def __init__(self, schemas: dict[str, Any]) -> None:
        self.maps = [list(p) for _, p in iter_property_maps({"allOf": list(schemas.values())})]
        self._names: dict[frozenset[str], dict[str, str]] = {}

    def names(self, class_names: frozenset[str] = frozenset()) -> dict[str, str]:
        if class_names not in self._names:
            self._names[class_names] = naming.field_names(self.maps, class_names)
        return self._names[class_names]

    def of(self, wire: str, class_names: frozenset[str] = frozenset()) -> str:
        """A property the schemas do not list (a `required` name without a schema) is named alone."""
        return self.names(class_names).get(wire) or naming.field_name(wire, class_names)

    def aliases(self, class_names: frozenset[str]) -> dict[str, str]:
        """Wire name -> attribute, where they differ: the model generator's explicit aliases."""
        return dict(sorted((w, n) for w, n in self.names(class_names).items() if w != n))


class UnexpectedFieldName(ValueError):
    """The model generator named a field otherwise than naming.py did."""


def _renamed_fields(
    classes: dict[str, ModelClass], names: _FieldNames, class_names: frozenset[str]
) -> list[tuple[ModelClass, ModelField]]:
    return [
        (model, field)
        for model in classes.values()
        for field in model.fields
        if field.name != names.of(field.wire_name, class_names)
    ]


def _run_model_generator(document: dict[str, Any], options: dict[str, Any]) -> str:
    """The model source, from the content-addressed cache when the same schemas were seen before."""
    key = cache.make_key(
        _model_generator_versions(),
        _isort_settings(),
        json.dumps(document, ensure_ascii=False, default=str),
        json.dumps(options, ensure_ascii=False, default=str),
    )
    return cache.cached("models", key, lambda: _generate(document, options))


def _generate(document: dict[str, Any], options: dict[str, Any]) -> str:
    """The model generator's output: from the command's helper process when there is one."""
    source = model_helper.generate(document, options)
    return source if source is not None else call_model_generator(document, options)


def warm_up() -> None:
    """Load everything a run of the model generator loads, by running it on a tiny document."""
    schemas = {"A": {"type": "object", "properties": {"a": {"type": "string"}}}}
    call_model_generator(_document(schemas, "3.0.3"), {**_GENERATE_OPTIONS, "aliases": {}})


def _document(schemas: dict[str, Any], openapi_version: str) -> dict[str, Any]:
    """The OpenAPI document the model generator reads: `schemas` and nothing else."""
    return {
        "openapi": openapi_version,
        "info": {"title": "models", "version": "0"},
        "paths": {},
        "components": {"schemas": schemas},
    }


@lru_cache(maxsize=1)
def _isort_settings() -> str:
    """The text of the settings isort gets: part of what decides the model source."""
    return ISORT_SETTINGS.read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _model_generator_versions() -> str:
    tools = ("datamodel-code-generator", "isort", "black", "pydantic")
    return f"python {sys.version_info[:2]} " + " ".join(f"{t} {dist_versions.version(t)}" for t in tools)


def call_model_generator(document: dict[str, Any], options: dict[str, Any]) -> str:
    import datamodel_code_generator as dmcg
    from datamodel_code_generator.format import Formatter

    options = {
        **options,
        **{
            name: getattr(getattr(dmcg, enum), options[name])
            for name, enum in _ENUM_OPTIONS.items()
        },
        "formatters": [getattr(Formatter, name) for name in options["formatters"]],
        # isort's configuration is ours, not the one of the directory the command runs in.
        "settings_path": ISORT_SETTINGS.parent,
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        logging.getLogger("datamodel_code_generator").setLevel(logging.ERROR)
        with oneshot.collecting():  # the part of a run that leaves cyclic garbage behind
            source = collapse_retry.run(lambda: dmcg.generate(document, **options))
    if not isinstance(source, str):
        raise TypeError("datamodel-code-generator returned several modules")
    return source


def generate_models(
    schemas: dict[str, Any],
    openapi_version: str,
    header: str,
    needed: set[str] = frozenset(),
    base_class: str | None = None,
) -> str:
    """Model source for cleaned `schemas` (keyed by Python class name); each of `needed` gets a class.

    `base_class` is the dotted path of the class every model derives from (default pydantic's).
    """
    if not schemas:  # the model generator refuses an empty document; an API may have no schemas
        base_module, _, base_name = (base_class or "pydantic.BaseModel").rpartition(".")
        return f"{header}\n\nfrom __future__ import annotations\n\nfrom {base_module} import {base_name}\n"
    held = sorted(n for n in needed if isinstance(schemas.get(n), dict) and "properties" not in schemas[n])
    schemas = {**schemas, **{HOLDER_PREFIX + name: _holder(name) for name in held}}
    document = _document(schemas, openapi_version)
    options = {**_GENERATE_OPTIONS, **({"base_class": base_class} if base_class else {})}
    runs: dict[frozenset[str], tuple[str, ast.Module]] = {}
    names = _FieldNames(schemas)

    def run(class_names: frozenset[str]) -> tuple[str, ast.Module]:
        if class_names not in runs:
            source = _run_model_generator(
                document,
                {**options, "custom_file_header": header, "aliases": names.aliases(class_names)},
            )
            runs[class_names] = source, parse_module(source)
        return runs[class_names]

    source = _run_with_guessed_class_names(schemas, names, run)
    if source is None:
        source = _run_until_no_class_is_hidden(names, run)
    return _replace_holders(source, held) if held else source


def _run_with_guessed_class_names(
    schemas: dict[str, Any], names: _FieldNames,
    run: Callable[[frozenset[str]], tuple[str, ast.Module]],
) -> str | None:
    """The model source from one run, when the classes that attributes hide can be told in advance
    (see hidden_classes.py); None when they cannot."""
    unguarded = names.names()
    guessed = frozenset(hidden_classes.guess(
        (properties for _, properties in iter_property_maps({"allOf": list(schemas.values())})),
        schemas, unguarded,
    ))
    if not guessed:
        return None  # the first run of the slow way is this very run
    source, tree = run(guessed)
    classes = classes_in(tree)
    wire_names = {(m.name, f.name): f.wire_name for m in classes.values() for f in m.fields}
    if _renamed_fields(classes, names, guessed) or not hidden_classes.confirms(
        tree, set(guessed), wire_names, unguarded
    ):
        return None
    return source


def _run_until_no_class_is_hidden(
    names: _FieldNames, run: Callable[[frozenset[str]], tuple[str, ast.Module]]
) -> str:
    # The model generator renames an attribute that would hide a class (an inline object property
    # `Language` becomes class `Language`); which classes exist is known only from its output, so
    # such attributes are named by naming.py in a second run.
    class_names: frozenset[str] = frozenset()
    while True:
        source, tree = run(class_names)
        classes = classes_in(tree)
        renamed = _renamed_fields(classes, names, class_names)
        hidden = {names.of(f.wire_name) for _, f in renamed} & set(classes) - class_names
        if not renamed or not hidden:
            break
        class_names |= hidden
    if renamed:
        model, field = renamed[0]
        raise UnexpectedFieldName(
            f"property {field.wire_name!r} of {model.name} became {field.name!r}, "
            f"not {names.of(field.wire_name, class_names)!r}"
        )
    return source


def _unwrap_annotated(node: ast.expr) -> ast.expr:
    if (
        isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name)
        and node.value.id == "Annotated" and isinstance(node.slice, ast.Tuple)
    ):
        return node.slice.elts[0]
    return node


def _alias_of(node: ast.AST) -> str | None:
    """The alias of the `Field(...)` that is `node` or annotates it (`Annotated[T, Field(...)]`)."""
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Tuple):
        candidates: list[ast.AST] = list(node.slice.elts[1:])
    else:
        candidates = [node]
    for call in candidates:
        if isinstance(call, ast.Call) and getattr(call.func, "id", None) == "Field":
            for keyword in call.keywords:
                if keyword.arg == "alias" and isinstance(keyword.value, ast.Constant):
                    return str(keyword.value.value)
    return None


@lru_cache(maxsize=4)
def read_model_classes(source: str) -> dict[str, ModelClass]:
    """The classes in generated model source, with each field's wire name and annotation."""
    return classes_in(parse_module(source))


def classes_in(tree: ast.Module) -> dict[str, ModelClass]:
    """The classes of a parsed models module (see `read_model_classes`)."""
    classes: dict[str, ModelClass] = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        is_root = any(
            isinstance(base, ast.Subscript) and getattr(base.value, "id", "") == "RootModel"
            or getattr(base, "id", "") == "RootModel"
            for base in node.bases
        )
        fields = []
        root = None
        for index, statement in enumerate(node.body):
            if not isinstance(statement, ast.AnnAssign) or not isinstance(statement.target, ast.Name):
                continue
            if statement.target.id == "root":
                root = statement.annotation
            following = node.body[index + 1] if index + 1 < len(node.body) else None
            description = ""
            if isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant):
                description = " ".join(str(following.value.value).split())
            name = statement.target.id
            if name in ("model_config", "root") or name.startswith("_"):  # config, class vars
                continue
            alias = _alias_of(statement.annotation) or (
                _alias_of(statement.value) if statement.value else None
            )
            required = statement.value is None or (
                isinstance(statement.value, ast.Constant) and statement.value.value is Ellipsis
            )
            fields.append(ModelField(
                name, alias or name, _unwrap_annotated(statement.annotation), required, description
            ))
        classes[node.name] = ModelClass(node.name, is_root, tuple(fields), root if is_root else None)
    return classes


def union_members(node: ast.expr) -> list[ast.expr]:
    """The members of an `A | B | ...` annotation (the annotation itself when it is no union)."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return union_members(node.left) + union_members(node.right)
    return [node]


def _widen(node: ast.expr, object_models: Collection[str]) -> ast.expr:
    """`node` with every object model also accepting a plain dict, as pydantic does at run time."""
    node = _unwrap_annotated(node)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        node = ast.parse(node.value, mode="eval").body  # a forward reference: the client imports it
    members = union_members(node)
    if len(members) > 1:
        widened = [_widen(member, object_models) for member in members]
        flat = [m for w in widened for m in union_members(w)]
        unique = list({ast.unparse(m): m for m in flat}.values())
        # The dict alternative goes after the models it stands for, None last of all.
        unique.sort(key=lambda m: {"dict[str, Any]": 1, "None": 2}.get(ast.unparse(m), 0))
        result = unique[0]
        for member in unique[1:]:
            result = ast.BinOp(left=result, op=ast.BitOr(), right=member)
        return result
    if isinstance(node, ast.Name) and node.id in object_models:
        mapping = ast.parse("dict[str, Any]", mode="eval").body
        return ast.BinOp(left=node, op=ast.BitOr(), right=mapping)
    if isinstance(node, ast.Subscript) and getattr(node.value, "id", "") != "Literal":
        inner = node.slice
        if isinstance(inner, ast.Tuple):
            inner = ast.Tuple(elts=[_widen(e, object_models) for e in inner.elts], ctx=ast.Load())
        else:
            inner = _widen(inner, object_models)
        return ast.Subscript(value=node.value, slice=inner, ctx=ast.Load())
    return node


def plain_annotation(node: ast.expr) -> str:
    """`node` as type checkers see it: without `Annotated[...]` metadata, at any depth."""

    class Strip(ast.NodeTransformer):
        def visit_Subscript(self, sub: ast.Subscript) -> ast.expr:
            inner = _unwrap_annotated(sub)
            if inner is not sub:
                return self.visit(inner)
            self.generic_visit(sub)
            return sub

    return ast.unparse(Strip().visit(copy.deepcopy(node)))


def object_models(classes: dict[str, ModelClass]) -> frozenset[str]:
    """The classes that are objects (not root models): pydantic also accepts a dict for each."""
    return frozenset(name for name, cls in classes.items() if not cls.is_root)


def argument_annotation(field: ModelField, object_models: Collection[str], nullable: bool = True) -> str:
    """The annotation for a keyword argument that fills `field`: nested models also take dicts.

    With `nullable` false, None is not offered: the spec does not let the field be null.
    """
    widened = _widen(field.annotation, object_models)
    if not nullable:
        members = [m for m in union_members(widened) if ast.unparse(m) != "None"]
        widened = members[0]
        for member in members[1:]:
            widened = ast.BinOp(left=widened, op=ast.BitOr(), right=member)
    return ast.unparse(widened)
