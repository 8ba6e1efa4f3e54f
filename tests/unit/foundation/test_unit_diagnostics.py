"""Unit tests of generator.foundation.diagnostics: one line per problem, `file:line:col: #/pointer: message`."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.foundation.diagnostics import Diagnostic, SpecError, json_pointer
from generator.reading.loader import parse_spec_text


def test_str_format():
    diagnostic = Diagnostic("specs/x.yaml", 12, 5, "#/paths/~1a/get", "something is wrong")
    assert str(diagnostic) == "specs/x.yaml:12:5: #/paths/~1a/get: something is wrong"


@pytest.mark.parametrize(
    "message",
    [
        "first line\nsecond line",
        "carriage\rreturn",
        "windows\r\nline",
        "unicode\u2028line separator",
        "paragraph\u2029separator",
        "next\x85line",
        "trailing newline\n",
        "\n\nleading newlines",
    ],
)
def test_str_is_one_line_whatever_the_message(message):
    text = str(Diagnostic("spec.yaml", 3, 7, "#/info", message))
    assert text.splitlines() == [text]
    assert text.startswith("spec.yaml:3:7: #/info: ")
    words = message.split()
    assert text.endswith(" ".join(words))


def test_json_pointer_escapes_slash_and_tilde():
    assert json_pointer(()) == "#"
    assert json_pointer(("paths", "/a/{id}", "get")) == "#/paths/~1a~1{id}/get"
    assert json_pointer(("x~y", 0)) == "#/x~0y/0"


def test_diagnostic_from_a_key_with_newline_stays_on_one_line():
    text = '"a\\nb": 1\n"a\\nb": 2\n'
    with pytest.raises(SpecError) as info:
        parse_spec_text(text, Path("spec.yaml"), "spec.yaml")
    [diagnostic] = info.value.diagnostics
    printed = str(diagnostic)
    assert printed.splitlines() == [printed]
    assert printed.startswith("spec.yaml:2:1: #/")


def test_spec_error_sorts_and_deduplicates():
    later = Diagnostic("a.yaml", 9, 1, "#/b", "later")
    earlier = Diagnostic("a.yaml", 2, 1, "#/a", "earlier")
    error = SpecError([later, earlier, later])
    assert error.diagnostics == [earlier, later]
    assert str(error).splitlines() == [str(earlier), str(later)]
