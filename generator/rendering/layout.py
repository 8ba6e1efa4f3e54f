"""Lines of generated code laid out as black lays them out, where their length decides the layout.

black formats every module anyway, and whatever these helpers emit, its output is the same; but a
piece that black's first pass leaves unchanged is not formatted a second time. Before the client
templates emitted black's layout, the second pass ran over two thirds of the lines black saw.
These helpers cover the shapes the templates print whose layout depends on their length (a call
that ends its line, a long annotation, a conditional, a concatenation, an import) and what black
changes in the model generator's output most often (`models_module`). Anything they do not know
how black would lay out, they print on one line and leave to black.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence

from ..models.trees import parse_module

LINE_LENGTH = 100  # black's, as format.py runs it


def fits(line: str) -> bool:
    """Whether black keeps `line` as it is. Only ASCII is measured: black counts some other
    characters as two columns, so a line holding them is taken as too long."""
    return line.isascii() and len(line) <= LINE_LENGTH


def call(indent: str, head: str, arguments: Sequence[str], tail: str = "") -> str:
    """`head(arguments)tail` at `indent`, where the call's parentheses are the line's last
    brackets (see `bracketed`)."""
    return bracketed(indent, head, "()", arguments, tail)


def conditional(indent: str, value: str, condition: str, other: str, head: str = "", tail: str = "") -> str:
    """`head` then `value if condition else other` where it ends its line (an element or keyword
    argument of an exploded call or collection): on one line if it fits, else in parentheses of
    its own, one part per line."""
    expression = f"{value} if {condition} else {other}"
    one_line = f"{indent}{head}{expression}{tail}"
    inner = indent + "    "
    first, last = f"{indent}{head}(", f"{indent}){tail}"
    parts = [f"{inner}{value}", f"{inner}if {condition}", f"{inner}else {other}"]
    if fits(one_line) or not fits(first) or not fits(last):
        return one_line
    if fits(inner + expression):
        return f"{first}\n{inner}{expression}\n{last}"
    if not all(fits(part) for part in parts):
        return one_line
    return "\n".join([first, *parts, last])


def operands(indent: str, parts: Sequence[str], operator: str, tail: str = "") -> str:
    """`a + b + ...` as an element of an exploded call or collection: on one line if it fits,
    else one operand per line, each after the first led by its operator."""
    one_line = indent + f" {operator} ".join(parts) + tail
    lines = [indent + parts[0], *(f"{indent}{operator} {part}" for part in parts[1:])]
    lines[-1] += tail
    if fits(one_line) or len(parts) < 2 or not all(fits(line) for line in lines):
        return one_line
    return "\n".join(lines)


def concatenation(indent: str, expression: str, tail: str = "") -> str:
    """`a + b + ...` (printed as one string, `expression`) laid out as `operands` does."""
    parts = _top_level_split(expression, "+")
    if parts is None:
        return indent + expression + tail
    return operands(indent, [part.strip() for part in parts], "+", tail)


def models_module(source: str) -> str:
    """`source` (the models module) with what black changes in the model generator's layout
    made already where that is known: an empty line between a class docstring and the statement
    after it, and a field annotated by one long subscript split at its brackets."""
    if "\r" in source:
        return source  # line numbers would not be the text's lines: black's business
    lines = source.split("\n")
    edits: dict[int, list[str]] = {}  # line index -> the lines that replace it
    for node in parse_module(source).body:
        if not isinstance(node, ast.ClassDef):
            continue
        first = node.body[0]
        if (
            len(node.body) > 1 and isinstance(first, ast.Expr)
            and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str)
        ):
            after = first.end_lineno or first.lineno
            following = lines[after].strip() if after < len(lines) else ""
            if following and not following.startswith("#"):
                edits[after - 1] = [lines[after - 1], ""]
        for statement in node.body:
            field = _long_field(statement, lines)
            if field is not None:
                edits[statement.lineno - 1] = field.split("\n")
    for index in sorted(edits, reverse=True):
        lines[index : index + 1] = edits[index]
    return "\n".join(lines)


def _long_field(statement: ast.stmt, lines: list[str]) -> str | None:
    """A one-line `name: Base[a, b, ...]` field of a class that is too long, as black lays it out."""
    if not (
        isinstance(statement, ast.AnnAssign) and statement.value is None
        and isinstance(statement.target, ast.Name) and statement.lineno == statement.end_lineno
        and statement.col_offset == 4
    ):
        return None
    line = lines[statement.lineno - 1]
    head = f"    {statement.target.id}: "
    if fits(line) or not line.startswith(head):
        return None
    subscript = _subscript(line[len(head):])
    if subscript is None:
        return None
    base, elements = subscript
    if len(elements) == 1 and not _atom(elements[0]):
        return None  # black splits inside that one element: its own business
    laid_out = bracketed("    ", head[4:] + base, "[]", elements)
    return None if laid_out == line else laid_out


def import_from(module: str, names: Sequence[str]) -> str:
    """`from module import names`: on one line if it fits, else one name per line in parentheses
    (black always explodes an import it has to split)."""
    one_line = f"from {module} import {', '.join(names)}"
    if fits(one_line):
        return one_line
    return "\n".join([f"from {module} import (", *(f"    {name}," for name in names), ")"])


def parameter(indent: str, name: str, annotation: str, default: str = "") -> str:
    """One parameter of an exploded signature, `name: annotation = default,`: black wraps an
    annotation that makes the line too long in parentheses of its own."""
    suffix = f" = {default}," if default else ","
    one_line = f"{indent}{name}: {annotation}{suffix}"
    if fits(one_line):
        return one_line
    inner = f"{indent}    {annotation}"
    if _has_top_level_union(annotation):
        if fits(inner) and fits(f"{indent}){suffix}"):
            return f"{indent}{name}: (\n{inner}\n{indent}){suffix}"
        return one_line  # split inside the parentheses too: black's business
    subscript = _subscript(annotation)
    if subscript is None:
        return one_line
    # A single subscript (`Literal[...]`, `list[...]`) is split at its own brackets.
    base, elements = subscript
    return bracketed(indent, f"{name}: {base}", "[]", elements, suffix)


def bracketed(indent: str, head: str, brackets: str, elements: Sequence[str], tail: str = "") -> str:
    """`head` then `elements` in `brackets`, the line's last brackets: on one line if it fits;
    else the elements on a line of their own if that fits; else one element per line, each with
    its comma."""
    opening, closing = brackets
    joined = ", ".join(elements)
    one_line = f"{indent}{head}{opening}{joined}{closing}{tail}"
    first, last = f"{indent}{head}{opening}", f"{indent}{closing}{tail}"
    if fits(one_line) or not elements or not fits(first) or not fits(last):
        return one_line  # a head too long to end a line: black splits elsewhere
    inner = indent + "    "
    if fits(inner + joined) or (len(elements) == 1 and _atom(elements[0])):
        # One atom too long for any line (a long string) stays whole between the brackets.
        return f"{first}\n{inner}{joined}\n{last}"
    if not all(fits(f"{inner}{element},") for element in elements):
        return one_line  # an element split in turn: black's business
    return "\n".join([first, *(f"{inner}{element}," for element in elements), last])


def _atom(element: str) -> bool:
    """Whether black can split `element` no further: one string literal or dotted name."""
    if element[:1] in "'\"" and element[-1:] == element[:1]:
        return _top_level_split(element, ",") == [element] and element.count(element[0]) == 2
    return all(part.isidentifier() for part in element.split("."))


def _subscript(annotation: str) -> tuple[str, list[str]] | None:
    """`(base, elements)` of an annotation that is one subscript, `base[e1, e2, ...]`."""
    opening = annotation.find("[")
    if opening <= 0 or not annotation.endswith("]") or not annotation[:opening].isidentifier():
        return None
    inside = annotation[opening + 1:-1]
    elements = _top_level_split(inside, ",")
    if elements is None or any(not element.strip() for element in elements):
        return None
    return annotation[:opening], [element.strip() for element in elements]


def _has_top_level_union(annotation: str) -> bool:
    """Whether `annotation` is `A | B ...` at its top level, outside brackets and strings."""
    parts = _top_level_split(annotation, "|")
    return parts is not None and len(parts) > 1


def _top_level_split(text: str, separator: str) -> list[str] | None:
    """`text` cut at each `separator` outside brackets and string literals; None where the
    brackets do not balance or a string holds a backslash (not worth reading)."""
    parts, start, depth, quote = [], 0, 0, ""
    for index, char in enumerate(text):
        if quote:
            if char == "\\":
                return None
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
            if depth < 0:
                return None
        elif char == separator and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    if depth or quote:
        return None
    return [*parts, text[start:]]
