"""Unit tests of generator.foundation.escape: spec text can never break out of generated code."""

from __future__ import annotations

import ast

import pytest

from generator.foundation import escape
from generator.foundation.escape import comment, docstring, string_literal

HOSTILE = [
    "plain",
    "",
    "'",
    '"',
    "'''",
    '"""',
    'trailing """',
    '"""; import os; os.system("x"); """',
    "\\",
    "ends with backslash \\",
    '\\"""',
    "a\\nb is not a newline",
    "line one\nline two",
    "cr\rlf\r\n",
    "nul\x00byte",
    "line\u2028separator",
    "para\u2029separator",
    "next\x85line",
    "bidi \u202eevil\u202c",
    "isolate \u2066x\u2069",
    "\ufeffbom",
    "{not} an f-string {{",
    "\\N{BULLET}",
    "tab\tand\x0bvertical\x0cfeed",
    "emoji 😀 and 日本語",
    "lone surrogate \ud800",  # JSON "\\ud800" and YAML "\\ud800" both load as this
]
WRITABLE = [t for t in HOSTILE if "\ud800" not in t]

UNSAFE = ["\r", "\x00", "\x0b", "\x0c", "\x85", "\u2028", "\u2029", "\u202e", "\u202c", "\u2066",
          "\u2069", "\ufeff"]


@pytest.mark.parametrize("text", HOSTILE)
def test_string_literal_round_trips(text):
    literal = string_literal(text)
    assert ast.literal_eval(literal) == text
    # The literal is a single expression that can sit in an assignment.
    module = ast.parse(f"x = {literal}\n")
    assert len(module.body) == 1
    assert module.body[0].value.value == text


def test_string_literal_is_one_line():
    for text in HOSTILE:
        assert "\n" not in string_literal(text)
        assert "\r" not in string_literal(text)


def _docstring_function(text: str) -> ast.FunctionDef:
    source = 'def f():\n    """' + docstring(text) + '"""\n'
    module = ast.parse(source)
    assert len(module.body) == 1
    function = module.body[0]
    assert isinstance(function, ast.FunctionDef)
    assert len(function.body) == 1, ast.dump(function)
    statement = function.body[0]
    assert isinstance(statement, ast.Expr)
    assert isinstance(statement.value, ast.Constant) and isinstance(statement.value.value, str)
    return function


@pytest.mark.parametrize("text", WRITABLE)
def test_docstring_cannot_end_early(text):
    _docstring_function(text)


@pytest.mark.parametrize("text", WRITABLE)
def test_docstring_has_no_raw_unsafe_characters(text):
    body = docstring(text)
    assert not [c for c in UNSAFE if c in body]


@pytest.mark.parametrize(
    "text",
    [
        'Say """hello""" twice',
        'The "quoted" word',
        "C:\\path\\to\\file",
        "bidi \u202eevil",
        "nul\x00byte",
        "uses \\N{BULLET} literally",
        "emoji 😀",
    ],
)
def test_docstring_reads_as_the_text(text):
    function = _docstring_function(text)
    assert ast.get_docstring(function, clean=False) == text


def test_docstring_normalises_line_endings_and_trailing_space():
    function = _docstring_function("first  \r\nsecond\rthird\n\n")
    assert ast.get_docstring(function, clean=False) == "first\nsecond\nthird"


@pytest.mark.parametrize("text", [None, ""])
def test_docstring_of_nothing_is_empty(text):
    assert docstring(text) == ""


def test_docstring_in_an_indented_class_body():
    body = docstring('Returns """ and \\ and\nsecond line')
    source = 'class C:\n    def m(self):\n        """' + body + '"""\n        return 1\n'
    method = ast.parse(source).body[0].body[0]
    assert len(method.body) == 2
    assert isinstance(method.body[1], ast.Return)


@pytest.mark.parametrize("text", WRITABLE)
def test_comment_is_one_safe_line(text):
    line = comment(text)
    assert not [c for c in UNSAFE + ["\n"] if c in line]
    module = ast.parse(f"# {line}\nx = 1\n")
    assert len(module.body) == 1


def test_docstring_of_lone_surrogate_is_writable():
    body = docstring("bad \ud800 text")
    body.encode("utf-8")
    _docstring_function("bad \ud800 text")


def test_comment_of_lone_surrogate_is_writable():
    comment("bad \ud800 text").encode("utf-8")


def test_visible_spells_out_what_a_docstring_must_not_hold_raw():
    from generator.foundation.escape import visible

    assert visible("a\u202eb\x00c\r\nd\re\u2028f\\g") == "a\\u202eb\\u0000c\nd\ne\\u2028f\\g"
    assert visible("plain text, \"quotes\" and 'more'") == "plain text, \"quotes\" and 'more'"


def test_docstring_quotes_stay_readable_unless_they_could_close_it() -> None:
    assert escape.docstring('the "GET report" page') == 'the "GET report" page'
    for text in ['ends with "', 'a """ run', 'four """" quotes', '"', '""']:
        body = escape.docstring(text)
        assert escape.docstring_value(body) == text
        assert '"""' not in body.replace('\\"', "")


def test_docstring_prose_is_folded_but_code_and_lists_keep_their_shape() -> None:
    prose = " ".join(["word"] * 60)
    code = "    " + "x = 1; " * 20
    text = f"{prose}\n- {prose}\n```\n{'y' * 120}\n```\n{code}"
    lines = escape.docstring(text).split("\n")
    assert all(len(line) <= escape.DOC_WIDTH for line in lines if "y" * 10 not in line and "x = 1" not in line)
    assert "y" * 120 in lines and code.rstrip() in lines
    item = lines.index(next(line for line in lines if line.startswith("- ")))
    assert lines[item + 1].startswith("  word")  # continuation lines line up under the item
    assert " ".join(escape.docstring_value(escape.docstring(prose)).split()) == prose
