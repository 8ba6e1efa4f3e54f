"""One escaping function per lexical context in which spec text can appear in generated code."""

from __future__ import annotations

import ast
import re
import textwrap
import unicodedata

# Characters that end a line for Python's tokenizer or for str.splitlines, and bidi controls that
# can make code read differently from how it runs (CVE-2021-42574).
_UNSAFE_IN_DOCSTRING = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff"
    "\ud800-\udfff]"
)


def string_literal(text: str) -> str:
    """A Python string literal whose value is exactly `text`."""
    literal = repr(str(text))
    if ast.literal_eval(literal) != text:  # pragma: no cover - repr() guarantees this
        raise AssertionError("string literal does not round-trip")
    return literal


def _escape_char(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_QUOTE_THAT_COULD_CLOSE = re.compile(r'"(?=")|"$')


DOC_WIDTH = 88
_LIST_ITEM = re.compile(r"([-*+] |\d+[.)] )")


def _wrapped(lines: list[str]) -> list[str]:
    """Long prose lines folded at DOC_WIDTH; code blocks, indented lines and tables untouched."""
    out: list[str] = []
    in_fence = False
    for line in lines:
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if in_fence or len(line) <= DOC_WIDTH or line.startswith((" ", "\t", "|", "#")):
            out.append(line)
            continue
        marker = _LIST_ITEM.match(line)
        out += textwrap.wrap(
            line, DOC_WIDTH, subsequent_indent=" " * len(marker.group()) if marker else "",
            break_long_words=False, break_on_hyphens=False,
        ) or [line]
    return out


def docstring(text: str | None) -> str:
    """The body of a triple-double-quoted docstring that reads as `text` and cannot end early."""
    if not text:
        return ""
    cleaned = unicodedata.normalize("NFC", str(text)).replace("\r\n", "\n").replace("\r", "\n")
    cleaned = cleaned.replace("\\", "\\\\")
    cleaned = _UNSAFE_IN_DOCSTRING.sub(_escape_char, cleaned)
    lines = _wrapped([line.rstrip() for line in cleaned.strip().split("\n")])
    # A quote can only end the literal as part of a run of three or as the very last character:
    # escape every quote that another follows, and a final one; the rest stay readable.
    body = _QUOTE_THAT_COULD_CLOSE.sub('\\\\"', "\n".join(lines))
    ast.parse(f'"""{body}"""')  # raises if anything still escapes the literal
    return body


def visible(text: str) -> str:
    """`text` with line breaks other than "\\n", control characters and bidi controls spelled out
    as `\\uXXXX`: for text that a third party (the model generator) writes into docstrings."""
    return _UNSAFE_IN_DOCSTRING.sub(lambda m: f"\\u{ord(m.group()):04x}", text.replace("\r\n", "\n").replace("\r", "\n"))


def docstring_value(body: str) -> str:
    """The text a docstring body written by `docstring` reads as."""
    return str(ast.literal_eval(f'"""{body}"""'))


def comment(text: str) -> str:
    """Text safe to follow `# ` on a single line."""
    return " ".join(_UNSAFE_IN_DOCSTRING.sub(" ", str(text)).split())
