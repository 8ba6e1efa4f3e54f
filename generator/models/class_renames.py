"""Classes the model generator named after a property, renamed where the package has the name.

A schema's own class is named by the parser, which avoids the package's names (the exceptions, the
clients, the runtime names the client module imports). An inline object's class is named by
datamodel-code-generator after its property (`notFoundError` -> `NotFoundError`), so the same
rule is applied here, on its output: such a class becomes `NotFoundErrorModel`, numbered from 2
where that is taken too. Without it, `from .models import NotFoundError` in the package's
`__init__` would replace the exception of that name.
"""

from __future__ import annotations

import ast
from collections.abc import Collection

from .trees import parse_module


def _free_name(name: str, taken: Collection[str]) -> str:
    candidate, number = name + "Model", 2
    while candidate in taken:
        candidate, number = f"{name}Model{number}", number + 1
    return candidate


def rename_classes(source: str, package_names: Collection[str]) -> str:
    """`source` (a models module) with each class named like one of `package_names` renamed, and
    every reference to it. The names renamed are never imported into the module, so every bare
    name that spells one refers to the class; strings (aliases, literals) are data and stay."""
    tree = parse_module(source)  # shared with read_model_classes, which reads the same text
    classes = [node for node in tree.body if isinstance(node, ast.ClassDef)]
    clashing = sorted({node.name for node in classes} & set(package_names))
    if not clashing:
        return source
    taken = {node.name for node in classes} | set(package_names)
    renames: dict[str, str] = {}
    for name in clashing:
        renames[name] = _free_name(name, taken)
        taken.add(renames[name])
    lines = source.encode("utf-8").splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    spans: list[tuple[int, int, str]] = []
    for node in classes:
        if node.name in renames:  # `class Name(`: the name follows `class ` on the first line
            begin = starts[node.lineno - 1] + node.col_offset + len("class ")
            spans.append((begin, begin + len(node.name.encode()), renames[node.name]))
    for sub in ast.walk(tree):
        if isinstance(sub, ast.Name) and sub.id in renames:
            begin = starts[sub.lineno - 1] + sub.col_offset
            spans.append((begin, begin + len(sub.id.encode()), renames[sub.id]))
    text = b"".join(lines)
    for begin, end, new in sorted(spans, reverse=True):
        text = text[:begin] + new.encode() + text[end:]
    return text.decode("utf-8")
