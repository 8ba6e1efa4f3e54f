"""Edits to the model generator's output that its options cannot express.

- Open enums: the model generator types an enum as `Literal[...]`; each becomes
  `Annotated[Literal[...], OpenEnum]`. Type checkers still see the literal, and the generated
  `OpenEnum` validator lets an unknown string through only while a response is parsed, so a value
  newer than the spec does not break a call; what a caller sends stays strict. Discriminator tags
  stay plain literals: pydantic picks a union member by them.
- Mutable defaults (`= []`, `= {}`) become `Field(default=[])`: pydantic copies them per instance
  either way, but linters only know that for classes deriving from pydantic's own BaseModel.
- Date-times become `Annotated[datetime, TimeZoneRequired, SentAsUtc]`: a request needs an aware
  value and sends it in UTC with `Z`, the form every API's `date-time` pattern accepts.
- Optional properties that may not be null get `Field(..., exclude_if=is_none)`: left out of what
  a model serializes while they hold None (see nullability.py). pydantic-core checks the field
  itself, where a model-level wrap serializer sent every such model through a Python dict.
- `Union[...]` and quoted forward references, which the model generator emits around recursive
  schemas, become `X | Y` and bare names: the module has `from __future__ import annotations`.
- The import of the package's own model base becomes relative and goes last, where isort puts it.

Every edit works on AST positions of nodes the model generator emitted; none parses spec text.
"""

from __future__ import annotations

import ast
import copy
import sys
from collections.abc import Sequence

from .trees import parse_module

OPEN_ENUM = "OpenEnum"
DATETIME_MARKERS = ("TimeZoneRequired", "SentAsUtc")
OMITTED_WHEN_NONE = "is_none"
# Names this pass may import into the models module: no schema class may take them.
IMPORTED_NAMES = frozenset({OPEN_ENUM, *DATETIME_MARKERS, OMITTED_WHEN_NONE, "Annotated", "Field"})


Span = ast.expr | ast.keyword
"""A node an edit replaces: an expression, or a keyword argument (both have positions)."""


def _tags_and_names(tree: ast.Module) -> tuple[set[str], set[str]]:
    """The tags of the module's discriminated unions, and every name it uses: one walk of a tree
    that has a node for every few characters of the model generator's output."""
    tags: set[str] = set()
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif (
            isinstance(node, ast.keyword) and node.arg == "discriminator"
            and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
        ):
            tags.add(node.value.value)
    return tags, names


def _fields(tree: ast.Module) -> list[ast.AnnAssign]:
    return [
        statement
        for node in tree.body if isinstance(node, ast.ClassDef)
        for statement in node.body
        if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)
    ]


def _annotation_edits(tree: ast.Module, tags: set[str]) -> tuple[list[ast.expr], list[ast.expr]]:
    """In field annotations, in one walk of each: the `Literal[...]` nodes of two or more values
    (tags excepted), and the `datetime` names."""
    literals: list[ast.expr] = []
    datetimes: list[ast.expr] = []
    for field in _fields(tree):
        tagged = getattr(field.target, "id", "") in tags
        for sub in ast.walk(field.annotation):
            if isinstance(sub, ast.Name) and sub.id == "datetime":
                datetimes.append(sub)
            elif (
                not tagged and isinstance(sub, ast.Subscript)
                and isinstance(sub.value, ast.Name) and sub.value.id == "Literal"
                and isinstance(sub.slice, ast.Tuple) and len(sub.slice.elts) > 1
            ):
                literals.append(sub)
    return literals, datetimes


def _mutable_defaults(tree: ast.Module) -> list[ast.expr]:
    return [
        field.value for field in _fields(tree)
        if isinstance(field.value, (ast.List, ast.Dict, ast.Set))
    ]


def _replace_spans(lines: list[bytes], edits: Sequence[tuple[Span, bytes]]) -> list[bytes]:
    """Apply (node, new text) edits; `{}` in the new text stands for the node's own text."""
    # AST offsets count UTF-8 bytes, and enum values may be any text: edit the encoded source.
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    text = b"".join(lines)
    for node, template in sorted(edits, key=lambda e: (e[0].lineno, e[0].col_offset), reverse=True):
        assert node.end_lineno is not None and node.end_col_offset is not None
        begin = starts[node.lineno - 1] + node.col_offset
        end = starts[node.end_lineno - 1] + node.end_col_offset
        text = text[:begin] + template.replace(b"{}", text[begin:end]) + text[end:]
    return text.splitlines(keepends=True)


def _new_import_place(
    imports: list[ast.Import | ast.ImportFrom], module: str, base: str
) -> tuple[int, list[bytes]]:
    """Where isort would put a first `from module import ...`, as (line index, lines to put before
    it): sorted into its group (standard library, then third party), or as a new group after the
    groups that come before it."""
    def group(node: ast.Import | ast.ImportFrom) -> int:
        name = node.names[0].name if isinstance(node, ast.Import) else node.module or ""
        if name == "__future__":
            return 0
        if isinstance(node, ast.ImportFrom) and (node.level or name == base):
            return 3
        return 1 if name.split(".")[0] in sys.stdlib_module_names else 2

    own = 1 if module.split(".")[0] in sys.stdlib_module_names else 2
    members = [n for n in imports if group(n) == own]
    later = [n for n in members if isinstance(n, ast.ImportFrom) and (n.module or "") > module]
    if later:
        return later[0].lineno - 1, []
    if members:
        return members[-1].end_lineno or members[-1].lineno, []
    before = [n for n in imports if group(n) < own]
    last = before[-1] if before else imports[0]
    return last.end_lineno or last.lineno, [b"\n"]


def _fix_imports(
    lines: list[bytes], tree: ast.Module, wanted: dict[str, set[str]], base: str, used: set[str]
) -> None:
    """Add names to (and sort) `from module import ...`, leaving out names nothing uses (such as
    `Union` after `_modernize`); move the base module's import last.

    A module with names to add but no import yet gets one, in isort's place (`_new_import_place`).
    `used` holds the names the module uses once the other edits are made. The module imports from
    `base` (`_plain_base` has made sure).
    """
    imports = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    found = {n.module: n for n in imports if isinstance(n, ast.ImportFrom) and n.module in wanted}
    edits: list[tuple[int, int, list[bytes]]] = []  # (first line index, end, replacement)
    for module, names in wanted.items():
        node = found.get(module)
        if node is not None and module == base and not (
            names or any(alias.name in used for alias in node.names)
        ):
            edits.append((node.lineno - 1, node.end_lineno or node.lineno, []))  # no models
        elif node is not None:
            kept = {alias.name for alias in node.names if alias.name in used}
            text = ", ".join(sorted(kept | names))
            if module == base:
                text = f"from .{base.rsplit('.', 1)[-1]} import {text}\n"
                edits.append((node.lineno - 1, node.end_lineno or node.lineno, []))
                last = max(n.end_lineno or n.lineno for n in imports)
                # Its own import group: one blank line before it, however the groups fell.
                alone = last == (node.end_lineno or node.lineno) and not lines[node.lineno - 2].strip()
                edits.append((last, last, ([] if alone else [b"\n"]) + [text.encode()]))
            elif text:
                edits.append((node.lineno - 1, node.end_lineno or node.lineno,
                              [f"from {module} import {text}\n".encode()]))
            else:  # no name of it in use: the import goes, and the blank line after a group of one
                end = node.end_lineno or node.lineno
                alone = not lines[node.lineno - 2].strip() and end < len(lines) and not lines[end].strip()
                edits.append((node.lineno - 1, end + 1 if alone else end, []))
        elif names:
            at, block = _new_import_place(imports, module, base)
            line = f"from {module} import {', '.join(sorted(names))}\n".encode()
            edits.append((at, at, block + [line]))
    # From the bottom up; of two insertions at one place the later-made goes first, ending below.
    ordered = sorted(enumerate(edits), key=lambda e: (e[1][0], e[1][1], e[0]), reverse=True)
    for _, (first, end, replacement) in ordered:
        lines[first:end] = replacement


def _wire_name(field: ast.AnnAssign) -> str:
    """The name a field has on the wire: its `alias=`, or its own."""
    for node in ast.walk(field):
        if isinstance(node, ast.keyword) and node.arg == "alias" and isinstance(node.value, ast.Constant):
            return str(node.value.value)
    return getattr(field.target, "id", "")


def _omitted_when_none(tree: ast.Module, omit_none: dict[str, frozenset[str]]) -> list[ast.expr]:
    """Defaults of the fields that are optional and may not be null, in the class that declares
    them (`omit_none` lists each schema's own properties; a subclass inherits the field)."""
    return [
        statement.value
        for node in tree.body if isinstance(node, ast.ClassDef) and node.name in omit_none
        for statement in node.body
        if isinstance(statement, ast.AnnAssign) and statement.value is not None
        and _wire_name(statement) in omit_none[node.name]
    ]


def _omission_edit(default: ast.expr) -> tuple[Span, bytes]:
    """`= None` -> `= Field(default=None, exclude_if=is_none)`; into a `Field(...)` the keyword is
    added. A mutable default gets the `Field(default=...)` it would have had anyway."""
    keyword = f"exclude_if={OMITTED_WHEN_NONE}".encode()
    if isinstance(default, ast.Call) and getattr(default.func, "id", "") == "Field":
        arguments: list[ast.expr | ast.keyword] = [*default.args, *default.keywords]
        if not arguments:
            return default, b"Field(" + keyword + b")"
        last = max(arguments, key=lambda node: (node.lineno, node.col_offset))
        return last, b"{}, " + keyword
    return default, b"Field(default={}, " + keyword + b")"


class _Modernize(ast.NodeTransformer):
    """`Union[A, "B"]` -> `A | B`, for names of classes the module defines."""

    def __init__(self, classes: set[str]) -> None:
        self.classes = classes

    def visit_Call(self, node: ast.Call) -> ast.expr:
        return node  # `Field(alias="Name")` holds strings that are data, not types

    def visit_Constant(self, node: ast.Constant) -> ast.expr:
        if isinstance(node.value, str) and node.value in self.classes:
            return ast.Name(id=node.value, ctx=ast.Load())
        return node

    def visit_Subscript(self, node: ast.Subscript) -> ast.expr:
        if isinstance(node.value, ast.Name) and node.value.id == "Literal":
            return node  # literal values are data, even when they spell a class name
        self.generic_visit(node)
        if isinstance(node.value, ast.Name) and node.value.id == "Union":
            members = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
            result = members[0]
            for member in members[1:]:
                result = ast.BinOp(left=result, op=ast.BitOr(), right=member)
            return result
        return node


def _needs_modernizing(annotation: ast.expr, classes: set[str]) -> bool:
    return any(
        isinstance(node, ast.Name) and node.id == "Union"
        or isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in classes
        for node in ast.walk(annotation)
    )


def _modernize(source: str) -> tuple[str, ast.Module]:
    """The source with modern unions and bare forward references, and its tree."""
    tree = parse_module(source)  # the model generator's own output, already parsed
    classes = {node.name for node in tree.body if isinstance(node, ast.ClassDef)}
    edits = []
    for field in _fields(tree):
        if not _needs_modernizing(field.annotation, classes):
            continue
        modern = _Modernize(classes).visit(copy.deepcopy(field.annotation))
        if ast.dump(modern) != ast.dump(field.annotation):
            edits.append((field.annotation, ast.unparse(modern).encode()))
    if not edits:
        return source, tree
    lines = source.encode("utf-8").splitlines(keepends=True)
    source = b"".join(_replace_spans(lines, edits)).decode("utf-8")  # `Union` is dropped later
    return source, parse_module(source)


def polish_models(
    source: str, base_module: str, omit_none: dict[str, frozenset[str]] | None = None
) -> str:
    """`source` with the edits the module docstring lists."""
    source, tree = _modernize(source)
    tags, used = _tags_and_names(tree)
    literals, datetimes = _annotation_edits(tree, tags)
    defaults = _mutable_defaults(tree)
    lines = source.encode("utf-8").splitlines(keepends=True)
    omitted = _omitted_when_none(tree, omit_none or {})
    edits: list[tuple[Span, bytes]] = [
        (node, b"Annotated[{}, " + OPEN_ENUM.encode() + b"]") for node in literals
    ]
    edits += [(node, b"Field(default={})") for node in defaults if node not in omitted]
    edits += [(node, f"Annotated[{{}}, {', '.join(DATETIME_MARKERS)}]".encode()) for node in datetimes]
    edits += [_omission_edit(node) for node in omitted]
    _plain_base(tree, base_module)  # refuses a module without its base import, which _fix_imports needs
    lines = _replace_spans(lines, edits)
    base_names = {OPEN_ENUM} if literals else set()
    base_names |= set(DATETIME_MARKERS) if datetimes else set()
    base_names |= {OMITTED_WHEN_NONE} if omitted else set()
    typing_names = {"Annotated"} if literals or datetimes else set()
    wanted = {base_module: base_names, "typing": typing_names}
    # pydantic's import is rewritten either way: holder classes may have added names unsorted.
    wanted["pydantic"] = {"Field"} if defaults or omitted else set()
    _fix_imports(lines, tree, wanted, base_module, used)
    return b"".join(lines).decode("utf-8")


def _plain_base(tree: ast.Module, base_module: str) -> str:
    """The name under which the models module imports its plain model base."""
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == base_module:
            return node.names[0].asname or node.names[0].name
    raise ValueError(f"the models module does not import its base from {base_module}")
