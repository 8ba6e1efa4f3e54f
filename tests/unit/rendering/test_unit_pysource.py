"""The string-and-comment scanner behind the spec-text check agrees with Python's own tokenizer."""

from __future__ import annotations

import ast
import io
import itertools
import tokenize
from pathlib import Path

import pytest

from generator.rendering.pysource import (
    first_non_ascii_code_line,
    method_cuts,
    relaid_only,
    respelled_literals_only,
    scan,
    top_level_cuts,
)

ROOT = Path(__file__).resolve().parents[3]


def _tokenizer_spans(source: str) -> tuple[list[int], list[int]]:
    line_starts = [0]
    for index, char in enumerate(source):
        if char == "\n":
            line_starts.append(index + 1)
    starts, ends = [], []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.STRING:
            prefix = token.string[: len(token.string) - len(token.string.lstrip("rRbBuUfF"))]
            inert = "f" not in prefix.lower()
        else:
            inert = token.type == tokenize.COMMENT
        if inert:
            starts.append(line_starts[token.start[0] - 1] + token.start[1])
            ends.append(line_starts[token.end[0] - 1] + token.end[1])
    return starts, ends


def _modules() -> list[Path]:
    found = sorted((ROOT / "generated").rglob("*.py")) + sorted((ROOT / "tests").rglob("golden/**/*.py"))
    return found + sorted((ROOT / "generator").rglob("*.py")) + sorted((ROOT / "tests").rglob("*.py"))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_scanner_matches_tokenize_on_real_modules(path: Path) -> None:
    source = path.read_text()
    inert = scan(source)
    assert (inert.starts, inert.ends) == _tokenizer_spans(source)


TRICKY = [
    'elif"x":\n    pass\n',
    'x = f"{a}" + "#not a comment"  # a comment with "quotes"\n',
    'x = rb"\\"" + Rb\'\\\'\' + u"\\\\"\n',
    'def f():\n    """A docstring with \\""" inside and \'\'\' too."""\n',
    "x = '''one\n'' two\n'''\n",
    'x = """a""""b"\n',
    "x = 'a' 'b' \"c\"\n",
    'x = "line \\\ncontinued"\n',
    "# only a comment with 'quote\n",
    'x = (\n    "a",  # trailing\n    f"b{c!r}",\n)\n',
    'x = F"{y}" + fR"z" + rF"w" + Br"v"\n',
]


@pytest.mark.parametrize("source", TRICKY)
def test_scanner_matches_tokenize_on_tricky_code(source: str) -> None:
    inert = scan(source)
    assert (inert.starts, inert.ends) == _tokenizer_spans(source)


def test_an_unterminated_string_is_code_not_an_inert_span() -> None:
    source = 'x = "never closed\ny = os.system("rm")\n'
    inert = scan(source)
    exposed = source.index("os.system")
    assert not any(start <= exposed < end for start, end in zip(inert.starts, inert.ends))


def test_a_bare_carriage_return_ends_a_one_line_string_as_for_python() -> None:
    source = 'x = "a\rb"\n'
    assert scan(source).starts == []


def test_f_string_contents_are_not_inert_but_are_not_code_either() -> None:
    source = 'x = f"{é}"\ny = ñ\n'
    inert = scan(source)
    assert inert.starts == []
    assert first_non_ascii_code_line(source, inert) == 2


def test_non_ascii_inside_strings_and_comments_is_fine() -> None:
    source = 'x = "é"  # ñ\n'
    assert first_non_ascii_code_line(source, scan(source)) is None


def _ast_cuts(source: str) -> list[int]:
    """The rule, read off Python's own parse: before a top-level definition that follows a
    statement other than the module's first, with only blank lines between the end of that
    statement and the first decorator of the definition."""
    definitions = (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    body = ast.parse(source).body
    return _cuts_after_blank_lines(source, [
        (before, node) for index, (before, node) in enumerate(itertools.pairwise(body))
        if isinstance(node, definitions) and (index > 0 or isinstance(before, definitions))
    ])


def _cuts_after_blank_lines(source: str, pairs: list[tuple[ast.stmt, ast.stmt]]) -> list[int]:
    """For each (statement, definition after it): the offset of the definition's first line (its
    first decorator's) where only blank lines lie between the two."""
    lines = source.splitlines(keepends=True)
    offsets = list(itertools.accumulate((len(line) for line in lines), initial=0))
    cuts = []
    for before, node in pairs:
        assert isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        start = min([node.lineno] + [d.lineno for d in node.decorator_list]) - 1
        gap = lines[before.end_lineno or before.lineno : start]
        if gap and all(not line.strip() for line in gap):
            cuts.append(offsets[start])
    return cuts


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_top_level_cuts_match_the_parsed_module(path: Path) -> None:
    source = path.read_text()
    assert top_level_cuts(source) == _ast_cuts(source)


CUT_CASES = [
    "def a():\n    pass\n\n\ndef b():\n    pass\n",
    "def a():\n    pass\n# note\n\ndef b():\n    pass\n",
    "def a():\n    pass\n    # trailing\n\ndef b():\n    pass\n",
    "def a():\n    pass\n\n@x\n\n@y\nclass B:\n    pass\n",
    "@x\n\ndef a():\n    pass\n\n\nasync def b():\n    pass\n",
    'def a():\n    s = """\n\ndef not_a_cut():\n"""\n\ndef b(\n    x,\n) -> None:\n    pass\n',
    "x = 1\n\ndef a():\n    pass\n\nclass B(\n\n):\n    pass\n",
    "def a():\n    return (\n1\n)\ndef b():\n    pass\n",
    "def a():\n    x = 1 \\\n\\\n\ndef b(): pass\n",
    '"""Module."""\n\n@x\ndef a():\n    pass\n',  # after the module docstring: no cut
    '"""Module."""\n\nX = {\n    "a": 1,\n}\n"""X\'s doc."""\n\n\nclass A:\n    pass\n',
    "import os\n\nif os:\n    y = 1\n    # last\n\ndef a():\n    pass\n",
    "@x\ndef a():\n    pass\nX = 1\n\n\ndef b():\n    pass\n",  # X is not the first statement
]


@pytest.mark.parametrize("source", CUT_CASES)
def test_top_level_cuts_on_unusual_layouts(source: str) -> None:
    assert top_level_cuts(source) == _ast_cuts(source)


@pytest.mark.parametrize(("before", "after", "same"), [
    ("x = {'a': 'b'}\n", 'x = {"a": "b"}\n', True),
    ("s = 'it\\'s'\n", 's = "it\'s"\n', True),
    ("s = U'x'\n", 's = "x"\n', True),
    ("x = 'a'\n", 'x = "a" \n', False),  # code changed
    ("x = 'a'  # 'c'\n", 'x = "a"  # "c"\n', False),  # a comment changed
    ("x = 'a'\n", 'x = "b"\n', False),  # the value changed
    ("x = 'a'\n", 'x = b"a"\n', False),  # the type changed
    ("x = 'a\\nb'\n", 'x = """a\nb"""\n', False),  # one line became two
    ("x = 'ab'\n", 'x = """ab"""\n', False),  # triple quotes are read otherwise
    ("x = f'{a}'\n", 'x = f"{a}"\n', False),  # f-strings hold code
    ("x = 'a'\n", "x = 'a'\ny = 1\n", False),
    ("x = ('a', 'b')\n", 'x = ("a",)\n', False),
    ("x = Field(ge=-1.7976931348623157e+308)\n", "x = Field(ge=-1.7976931348623157e308)\n", True),
    ("x = (0XAB, 1E5, 2J)\n", "x = (0xAB, 1e5, 2j)\n", True),
    ("x = 1E5  # 1E5\n", "x = 1e5  # 1e5\n", False),  # a comment changed
    ("x = 1.0\n", "x = 1\n", False),  # the type changed
    ("x = 1e5\n", "x = 1e6\n", False),  # the value changed
    ("Format1 = 1\n", "Format2 = 1\n", False),  # a name, not a number
])
def test_respelled_literals_only(before, after, same):
    assert respelled_literals_only(before, after) is same


LONG_CALL = "x: Annotated[int, Marker] = Field(default='a', exclude_if=is_none)\n"
RELAID_CALL = "x: Annotated[int, Marker] = Field(\n    default=\"a\", exclude_if=is_none\n)\n"


@pytest.mark.parametrize(("before", "after", "same"), [
    (LONG_CALL, RELAID_CALL, True),  # broken inside brackets, a literal respelled
    ("class A(RootModel[str]):\n    pass\n", "class A(\n    RootModel[str]\n):\n    pass\n", True),
    ("x = f(a,b)\n", "x = f(a, b)\n", True),  # spaces between tokens
    ("x = f(a, b)\n", "x = f(\n    a,\n    b,\n)\n", False),  # a trailing comma added
    ("x = a + b\n", "x = (\n    a + b\n)\n", False),  # parentheses added
    ("x = (a)\n", "x = a\n", False),  # parentheses dropped
    ("x = f(a)  # c\n", "x = f(\n    a\n)  # c\n", False),  # a comment's place is layout
    ("x = f(a)\n\n\ny = 1\n", "x = f(a)\ny = 1\n", False),  # blank lines between statements
    ("x = f(\n\n    a)\n", "x = f(a)\n", True),  # a blank line inside brackets is not one
    ("if a:\n  x = 1\n", "if a:\n    x = 1\n", False),  # an indent
    ("x = a + \\\n    b\n", "x = a + b\n", False),  # a backslash continuation
    ("x = 1; y = 2\n", "x = 1\ny = 2\n", False),  # statements split
    ("x = 'a'\n", 'x = "b"\n', False),  # a value changed
    ("x = f(\n", "x = f()\n", False),  # not Python
])
def test_relaid_only(before, after, same):
    assert relaid_only(before, after) is same


def _ast_method_cuts(source: str) -> list[int]:
    """The rule, read off Python's own parse of one class: before a method (its first decorator)
    that follows another method of the class with only blank lines between them."""
    methods = (ast.FunctionDef, ast.AsyncFunctionDef)
    body = ast.parse(source).body
    if len(body) != 1 or not isinstance(body[0], ast.ClassDef):
        return []  # not one class: nothing is cut
    return _cuts_after_blank_lines(source, [
        (before, node) for before, node in itertools.pairwise(body[0].body)
        if isinstance(node, methods) and isinstance(before, methods)
    ])


def _classes(path: Path) -> list[str]:
    source = path.read_text()
    bounds = [0, *top_level_cuts(source), len(source)]
    pieces = [source[a:b].strip("\n") + "\n" for a, b in itertools.pairwise(bounds)]
    return [piece for piece in pieces if piece.startswith("class ")]


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_method_cuts_match_the_parsed_class(path: Path) -> None:
    for source in _classes(path):
        assert method_cuts(source) == _ast_method_cuts(source), source[:200]


METHOD_CASES = [
    "class A:\n    def a(self):\n        pass\n\n    def b(self):\n        pass\n",
    "class A:\n    x = 1\n\n    def a(self):\n        pass\n\n    @property\n    def b(self):\n        pass\n",
    "class A:\n    def a(self):\n        pass\n    # note\n\n    def b(self):\n        pass\n",
    "class A:\n    def a(self):\n        pass\n        # trailing\n\n    def b(self):\n        pass\n",
    'class A:\n    def a(self):\n        s = """\n\n    def not_a_cut(self):\n"""\n\n    async def b(self):\n        pass\n',
    "class A:\n    def a(self):\n        return (\n1\n)\n    def b(self):\n        pass\n",
    "class A:\n    def a(self):\n        pass\n\n    y = 2\n\n    def b(self):\n        pass\n",
    "class A:\n    @x\n\n    @y\n    def a(self):\n        pass\n\n    @z\n    def b(self):\n        pass\n",
]


@pytest.mark.parametrize("source", METHOD_CASES)
def test_method_cuts_on_unusual_layouts(source: str) -> None:
    assert method_cuts(source) == _ast_method_cuts(source)


def test_no_method_cuts_outside_one_class() -> None:
    assert method_cuts("def a():\n    pass\n\n\ndef b():\n    pass\n") == []
    assert method_cuts("class A:\n    def a(self):\n        pass\n\n    def b(self):\n        pass\nX = 1\n") == []
