"""Where the string literals and comments of generated Python are, found by one regular expression.

`tokenize` gives the same answer at a tenth of the speed (it is pure Python, and a 1,000-operation
client is 5 MB of source). The scanner is exact for the code this project generates and errs only
towards "code" elsewhere: a string it cannot match (unterminated, or split by a bare carriage
return) leaves its quote and contents counted as code, so a check built on it fails closed.
"""

from __future__ import annotations

import ast
import io
import itertools
import re
import tokenize
from dataclasses import dataclass
from functools import lru_cache

# String bodies as "unrolled loops" (no backtracking per character); a backslash escapes the next
# character in every kind of literal, raw ones included, as far as where the literal ends goes.
_TRIPLE_SINGLE = r"'''[^'\\]*(?:(?:\\.|'(?!''))[^'\\]*)*'''"
_TRIPLE_DOUBLE = r'"""[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*"""'
_SINGLE = r"'[^'\\\r\n]*(?:\\.[^'\\\r\n]*)*'"
_DOUBLE = r'"[^"\\\r\n]*(?:\\.[^"\\\r\n]*)*"'
_SCANNER = re.compile(
    r"(?P<comment>#[^\r\n]*)"
    # A prefix counts only where no name goes on before it: in `elif"x"` the string is plain.
    rf"|(?P<string>(?P<prefix>(?<![A-Za-z0-9_])[rRbBuUfF]{{1,2}})?"
    rf"(?:{_TRIPLE_SINGLE}|{_TRIPLE_DOUBLE}|{_SINGLE}|{_DOUBLE}))",
    re.DOTALL,
)


# The literals black respells: strings, and numbers (black writes `1E+5` as `1e5`, `0XAB` as
# `0xAB`). A number starts where no name or number goes on before it (`Format1` holds none).
_LITERALS = re.compile(
    _SCANNER.pattern
    + r"|(?P<number>(?<![\w.])(?:0[xXoObB][0-9a-fA-F_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)"
    r"(?:[eE][+-]?\d[\d_]*)?[jJ]?)(?![\w.]))",
    re.DOTALL,
)


@dataclass(frozen=True)
class Inert:
    """Offsets of the plain string literals and comments of one module, in order (f-strings are
    not inert: their braces run code), and the stretches outside every string and comment."""

    starts: list[int]
    ends: list[int]
    code_gaps: list[tuple[int, int]]


@lru_cache(maxsize=16)
def scan(source: str) -> Inert:
    """The inert spans of `source` and the stretches of code between them. Remembered for the
    modules of a package: format.py cuts each of them and the spec-text check reads each again.
    The result is shared: callers must not change its lists."""
    starts: list[int] = []
    ends: list[int] = []
    gaps: list[tuple[int, int]] = []
    position = 0
    for match in _SCANNER.finditer(source):
        gaps.append((position, match.start()))
        position = match.end()
        prefix = match.group("prefix") or ""
        if match.lastgroup == "comment" or "f" not in prefix.lower():
            starts.append(match.start())
            ends.append(match.end())
    gaps.append((position, len(source)))
    return Inert(starts, ends, gaps)


def first_non_ascii_code_line(source: str, inert: Inert) -> int | None:
    """The line of the first non-ASCII character outside strings and comments: in valid Python
    that is a name, and Python folds look-alike names into one another."""
    for start, end in inert.code_gaps:
        stretch = source[start:end]
        if not stretch.isascii():
            offset = start + next(i for i, c in enumerate(stretch) if not c.isascii())
            return source.count("\n", 0, offset) + 1
    return None


_BRACKET_OR_NEWLINE = re.compile(r"[()\[\]{}\n]")
_DEFINITION = re.compile(r"(?:class|def|async[ \t]+def)[ \t(:]")


def _statement_lines(source: str, inert: Inert) -> list[int]:
    """Offsets of the lines that start outside every string and bracket and not after a `\\`."""
    starts = [0]
    depth = 0
    for begin, end in inert.code_gaps:
        for match in _BRACKET_OR_NEWLINE.finditer(source, begin, end):
            char = match.group()
            if char == "\n":
                if depth == 0 and source[match.start() - 1 : match.start()] != "\\":
                    starts.append(match.end())
            elif char in "([{":
                depth += 1
            else:
                depth -= 1
    return starts


def top_level_cuts(source: str) -> list[int]:
    """Offsets where a top-level class or function definition (its first decorator, if any)
    follows another top-level statement with nothing but blank lines between them: where black
    always puts exactly two blank lines, so the pieces format the same apart as together.

    Not after the module's first statement: black puts one blank line between a module docstring
    and a decorator, and a first statement that is a string is the docstring.
    """
    lines = _statement_lines(source, scan(source))
    cuts = []
    previous: str | None = None  # the kind of the last top-level line: "definition", "@" or "other"
    previous_is_first = False  # whether that line began the module's first statement
    blank_before = False
    last_is_comment = False
    for offset in lines:
        end = source.find("\n", offset)
        line = source[offset : end if end >= 0 else len(source)]
        if not line.strip():
            blank_before = True
            continue
        if line[0] in " \t\f":  # inside the last top-level statement's body
            last_is_comment = line.lstrip().startswith("#")
            blank_before = False
            continue
        if line.startswith("#"):
            kind = "comment"
        elif line.startswith("@"):
            kind = "@"
        elif _DEFINITION.match(line):
            kind = "definition"
        else:
            kind = "other"
        starts_definition = kind == "@" or (kind == "definition" and previous != "@")
        after_statement = previous == "definition" or (previous == "other" and not previous_is_first)
        if starts_definition and after_statement and blank_before and not last_is_comment:
            cuts.append(offset)
        if kind != "comment":
            previous_is_first = previous is None
            previous = kind
        last_is_comment = kind == "comment"
        blank_before = False
    return cuts



_METHOD = re.compile(r"    (?:def|async[ \t]+def)[ \t]")


def method_cuts(source: str) -> list[int]:
    """Offsets, in `source` (one top-level class), where a method definition (its first
    decorator, if any) follows another method of the class with nothing but blank lines between
    them: where black always puts exactly one blank line, so the class formats the same cut there
    as whole (each method apart inside a class of its own; see format.py)."""
    if not source.startswith("class ") or source.count("def ") < 2:
        return []  # not a class, or no second method to cut before (a model: most pieces)
    lines = _statement_lines(source, scan(source))
    cuts = []
    previous = ""  # the kind of the last line of the class body's own level: "def", "@", "other"
    blank_before = False
    last_is_comment = False
    for offset in lines[1:]:
        end = source.find("\n", offset)
        line = source[offset : end if end >= 0 else len(source)]
        if not line.strip():
            blank_before = True
            continue
        if not line.startswith("    "):
            return []  # something after the class at the top level: not one class
        if line[4] in " \t\f":  # inside the body of the last statement of the class
            last_is_comment = line.lstrip().startswith("#")
            blank_before = False
            continue
        body_line = line[4:]
        kind = ("comment" if body_line.startswith("#") else "@" if body_line.startswith("@")
                else "def" if _METHOD.match(line) else "other")
        starts_method = kind == "@" or (kind == "def" and previous != "@")
        if starts_method and previous == "def" and blank_before and not last_is_comment:
            cuts.append(offset)
        if kind != "comment":
            previous = kind
        last_is_comment = kind == "comment"
        blank_before = False
    return cuts


def _literal_value(literal: str) -> tuple[type, object] | None:
    try:
        value = ast.literal_eval(literal)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None  # an f-string: only the same text counts as the same
    return type(value), value


def _triple_quoted(literal: str) -> bool:
    return literal.lstrip("rRbBuUfF")[:3] in ('"""', "'''")


def _same_literal(old: str, new: str) -> bool:
    """Two spellings of one plain string literal: same value, both or neither triple-quoted, the
    same number of lines."""
    if _triple_quoted(old) != _triple_quoted(new):
        return False
    value = _literal_value(old)
    return old.count("\n") == new.count("\n") and value is not None and value == _literal_value(new)


def respelled_literals_only(before: str, after: str) -> bool:
    """Whether `after` is `before` with some string or number literals written otherwise (quotes,
    prefix, escapes; an exponent's case and sign, a prefix's case) and nothing else changed: not a
    character of code or comments, no literal's value."""
    old_end = new_end = 0
    pairs = itertools.zip_longest(_LITERALS.finditer(before), _LITERALS.finditer(after))
    for old, new in pairs:
        if old is None or new is None or before[old_end:old.start()] != after[new_end:new.start()]:
            return False
        old_end, new_end = old.end(), new.end()
        if old.group() != new.group() and not (
            old.lastgroup == new.lastgroup == "string" and _same_literal(old.group(), new.group())
            or old.lastgroup == new.lastgroup == "number" and _same_number(old.group(), new.group())
        ):
            return False
    return before[old_end:] == after[new_end:]


def relaid_only(before: str, after: str) -> bool:
    """Whether `after` is `before` with its lines laid out otherwise, and nothing else changed but
    what `respelled_literals_only` allows: the same tokens (a literal may be respelled), the same
    statements, indents and blank lines between them; only the line breaks and spaces within a
    statement differ. Neither may hold a comment or a backslash continuation, whose place in the
    layout black keeps."""
    if any(before.count(mark) != after.count(mark) for mark in _ADDED_BY_BLACK):
        return False  # what black adds most (a trailing comma, parentheses): no need to tokenize
    old, new = _layout_free_tokens(before), _layout_free_tokens(after)
    if old is None or new is None or len(old) != len(new):
        return False
    for (kind, text), (new_kind, new_text) in zip(old, new):
        if kind != new_kind or text != new_text and not (
            kind == tokenize.STRING and _same_literal(text, new_text)
            or kind == tokenize.NUMBER and _same_number(text, new_text)
        ):
            return False
    return True


_OPENING, _CLOSING = frozenset("([{"), frozenset(")]}")
_ADDED_BY_BLACK = ",()"  # respelling a literal adds or drops none of them


def _layout_free_tokens(source: str) -> list[tuple[int, str]] | None:
    """The tokens of `source` without the line breaks inside brackets (a blank line between
    statements stays); None for a comment, a backslash continuation or text Python cannot read."""
    if "\\\n" in source or "\\\r" in source:
        return None
    tokens = []
    depth = 0
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type in (tokenize.COMMENT, tokenize.ERRORTOKEN):
                return None
            if token.type == tokenize.OP:
                depth += (token.string in _OPENING) - (token.string in _CLOSING)
            elif token.type == tokenize.NL and depth > 0:
                continue
            tokens.append((token.type, token.string))
    except (tokenize.TokenError, SyntaxError):
        return None
    return tokens


def _same_number(old: str, new: str) -> bool:
    value = _literal_value(old)
    return value is not None and value == _literal_value(new)
