"""Enums that stay open in responses: a value newer than the spec must not break a call.

The model generator types an enum as `Literal[...]`. This pass wraps each such annotation as
`Annotated[Literal[...], OpenEnum]`: type checkers still see the literal, and the generated
`OpenEnum` validator lets an unknown string through only while a response is parsed. Requests a
caller builds stay strict. Discriminator tags are left alone: pydantic picks a union member by
them, so they must stay plain literals.
"""

from __future__ import annotations

import ast

OPEN_ENUM = "OpenEnum"


def _discriminators(tree: ast.Module) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "discriminator":
            if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                names.add(node.value.value)
    return names


def _enum_literals(tree: ast.Module) -> list[ast.Subscript]:
    """`Literal[...]` nodes of two or more values in field annotations, tags excepted."""
    tags = _discriminators(tree)
    found = []
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        for statement in node.body:
            if not isinstance(statement, ast.AnnAssign) or not isinstance(statement.target, ast.Name):
                continue
            if statement.target.id in tags:
                continue
            for sub in ast.walk(statement.annotation):
                if (
                    isinstance(sub, ast.Subscript)
                    and isinstance(sub.value, ast.Name)
                    and sub.value.id == "Literal"
                    and isinstance(sub.slice, ast.Tuple)
                    and len(sub.slice.elts) > 1
                ):
                    found.append(sub)
    return found


def _add_imports(lines: list[bytes], tree: ast.Module, wanted: dict[str, str]) -> None:
    """Add a name to the `from module import ...` statement of each module in `wanted`."""
    imports = [
        node for node in tree.body if isinstance(node, ast.ImportFrom) and node.module in wanted
    ]
    if len(imports) != len(wanted):
        raise ValueError(f"the models module lacks an import from one of {sorted(wanted)}")
    for node in sorted(imports, key=lambda n: n.lineno, reverse=True):
        assert node.module is not None
        names = sorted({alias.name for alias in node.names} | {wanted[node.module]})
        end = node.end_lineno or node.lineno
        lines[node.lineno - 1:end] = [f"from {node.module} import {', '.join(names)}\n".encode()]


def open_enums(source: str, base_module: str) -> str:
    """`source` with every enum field annotation open in responses (see the module docstring)."""
    tree = ast.parse(source)
    literals = _enum_literals(tree)
    if not literals:
        return source
    # AST offsets count UTF-8 bytes, and enum values may be any text: edit the encoded lines.
    lines = source.encode("utf-8").splitlines(keepends=True)
    for node in sorted(literals, key=lambda n: (n.lineno, n.col_offset), reverse=True):
        if node.lineno != node.end_lineno or node.end_col_offset is None:
            raise ValueError("an enum annotation spans several lines")
        line = lines[node.lineno - 1]
        start, end = node.col_offset, node.end_col_offset
        wrapped = b"Annotated[" + line[start:end] + b", " + OPEN_ENUM.encode() + b"]"
        lines[node.lineno - 1] = line[:start] + wrapped + line[end:]
    _add_imports(lines, tree, {"typing": "Annotated", base_module: OPEN_ENUM})
    return b"".join(lines).decode("utf-8")
