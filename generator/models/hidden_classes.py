"""The classes a model attribute would hide, guessed from the schemas before the model generator runs.

An attribute named like a class that an annotation of its model uses (`Language: Language | None`)
hides that class, so models.py gives it a trailing `_`. Which classes exist is certain only once
datamodel-code-generator has run, and a second run with the new names doubles the slowest step of a
big spec. `guess` reads the likely names from the schemas so that the first run can use them, and
`confirms` checks on that run's output that the run-and-retry way would have chosen the same names;
where it cannot tell, models.py goes the slow way, so the output never depends on the guess.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from typing import Any

from ..foundation import naming
from ..reading.spec import schema_name

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _makes_class(schema: Any) -> bool:
    return isinstance(schema, dict) and ("properties" in schema or "allOf" in schema)


def guess(
    property_maps: Iterable[dict[str, Any]], schemas: dict[str, Any], names: dict[str, str]
) -> set[str]:
    """Attribute names likely to equal a class their own annotation uses.

    `schemas` are keyed by class name; a property's inline object gets a class named after the
    property, as datamodel-code-generator names it, unless a schema holds that name already.
    `names` maps each wire name to its attribute (naming.field_names, no class names given).
    """
    guessed: set[str] = set()
    for properties in property_maps:
        for wire, schema in properties.items():
            name = names.get(wire) or naming.field_name(wire)
            if not isinstance(schema, dict) or not name[:1].isupper():
                continue
            members = [schema, *schema.get("anyOf", []), *schema.get("oneOf", [])]
            for member in members:
                ref = member.get("$ref") if isinstance(member, dict) else None
                target = schema_name(ref) if isinstance(ref, str) else None
                if target is not None:
                    if target == name and _makes_class(schemas.get(target)):
                        guessed.add(name)
                elif _makes_class(member) and name not in schemas and name == naming.pascal_case(wire):
                    guessed.add(name)
    return guessed


def _used_names(node: ast.AST | None, *, strict: bool) -> set[str]:
    """Names an annotation or value uses. Strict: only bare names outside calls and Literal[...],
    which surely refer to a class; otherwise every name, and every identifier in a string outside
    a call (a forward reference; a call's strings are aliases and descriptions)."""
    found: set[str] = set()
    pending: list[tuple[ast.AST | None, bool]] = [(node, False)]
    while pending:
        current, in_call = pending.pop()
        if current is None:
            continue
        if isinstance(current, ast.Name):
            found.add(current.id)
        elif isinstance(current, ast.Constant) and isinstance(current.value, str):
            if not strict and not in_call:
                found.update(_IDENTIFIER.findall(current.value))
            continue
        is_call = isinstance(current, ast.Call)
        if strict and (
            is_call or isinstance(current, ast.Subscript) and getattr(current.value, "id", "") == "Literal"
        ):
            continue
        pending.extend((child, in_call or is_call) for child in ast.iter_child_nodes(current))
    return found


def _class_uses(node: ast.ClassDef) -> set[str]:
    """Every name the class's bases, annotations and values might use (not its attribute names)."""
    used: set[str] = set()
    for base in [*node.bases, *node.keywords]:
        used |= _used_names(base, strict=False)
    for statement in node.body:
        if isinstance(statement, ast.AnnAssign):
            used |= _used_names(statement.annotation, strict=False)
            used |= _used_names(statement.value, strict=False)
        elif isinstance(statement, ast.Assign):
            used |= _used_names(statement.value, strict=False)
        elif not isinstance(statement, ast.Expr):  # a docstring uses nothing
            used |= _used_names(statement, strict=False)
    return used


def _families(classes: dict[str, ast.ClassDef]) -> dict[str, str]:
    """Each class -> one representative of the classes it shares an inheritance line with."""
    parent = {name: name for name in classes}

    def root(name: str) -> str:
        while parent[name] != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    for name, node in classes.items():
        for base in node.bases:
            for used in _used_names(base, strict=False):
                if used in parent:
                    parent[root(used)] = root(name)
    return {name: root(name) for name in classes}


def _fields(node: ast.ClassDef) -> list[tuple[str, ast.AnnAssign]]:
    return [
        (statement.target.id, statement)
        for statement in node.body
        if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)
    ]


def confirms(
    tree: ast.Module, guessed: set[str], wire_names: dict[tuple[str, str], str], names: dict[str, str]
) -> bool:
    """Whether a run given `guessed` gives what running first without it, then with what that run
    hid, would have: every guessed name is a class that an attribute of that name annotates itself
    with (the model generator renames those), and no attribute outside the guess is named like a
    class that its model or a relative of it uses (which the model generator might rename).

    `wire_names` maps (class, attribute) to the property's wire name, `names` each wire name to
    its attribute before any class is guarded against; a run whose attributes the model generator
    renamed on its own is refused by models.py before this is asked.
    """
    classes = {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}
    if not guessed <= classes.keys():
        return False
    family = _families(classes)
    used_by_family: dict[str, set[str]] = {}
    for name, node in classes.items():
        used_by_family.setdefault(family[name], set()).update(_class_uses(node))
    annotated_itself: set[str] = set()
    for class_name, node in classes.items():
        for attribute, statement in _fields(node):
            wire = wire_names.get((class_name, attribute))
            if wire is None:
                continue
            unguarded = names.get(wire) or naming.field_name(wire)
            if unguarded in guessed:
                if unguarded in _used_names(statement.annotation, strict=True):
                    annotated_itself.add(unguarded)
            elif attribute in classes and attribute in used_by_family[family[class_name]]:
                return False
    return annotated_itself == guessed
