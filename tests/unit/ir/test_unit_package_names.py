"""Unit tests of generator.ir.package_names: the classes a schema's class must not be named like."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from generator.foundation.naming import pascal_case
from generator.ir.package_names import package_names

ROOT = Path(__file__).resolve().parents[3]
PACKAGES = sorted([*ROOT.glob("generated/*/*_client"), *ROOT.glob("tests/golden/*/expected/*_client")])
# The modules that hold model classes beside names of their own.
MODULES = ("__init__.py", "_client.py", "_exceptions.py", "testing.py")


def _own_names(module: ast.Module) -> set[str]:
    """Names a module imports (but from the models) or defines at its top level."""
    names: set[str] = set()
    for node in ast.walk(module):
        if isinstance(node, ast.ImportFrom) and node.module != "models":
            names.update(alias.asname or alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    for node in module.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            names.add(node.name)
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names


def _resource_classes(client: ast.Module) -> list[str]:
    return [
        node.name for node in client.body
        if isinstance(node, ast.ClassDef) and node.name.endswith("Resource")
        and not node.name.startswith("Async")
    ]


@pytest.mark.parametrize("package", PACKAGES, ids=lambda p: p.name)
def test_every_class_like_name_of_the_package_is_known(package: Path) -> None:
    # A template that gains a class or an import must add it to package_names, or a schema of
    # that name would hide it.
    client = ast.parse((package / "_client.py").read_text(encoding="utf-8"))
    [client_class] = [
        n.name for n in client.body
        if isinstance(n, ast.ClassDef) and n.name.endswith("Client") and not n.name.startswith("Async")
    ]
    known = package_names(client_class.removesuffix("Client"), _resource_classes(client))
    found = set()
    for module in MODULES:
        found |= _own_names(ast.parse((package / module).read_text(encoding="utf-8")))
    # The names naming.pascal_case can give (`DEFAULT_TIMEOUT` it cannot).
    class_like = {name for name in found if pascal_case(name) == name}
    assert class_like <= known, sorted(class_like - known)


def test_the_names_cover_clients_errors_and_both_kinds_of_resource() -> None:
    names = package_names("Petstore", ["PetsResource"])
    assert {"PetstoreClient", "AsyncPetstoreClient", "PetstoreError", "PetsResource",
            "AsyncPetsResource", "PetsResourceWithRawResponse", "AsyncPetsResourceWithRawResponse",
            "NotFoundError", "Timeout", "Credentials"} <= names
