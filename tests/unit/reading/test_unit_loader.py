"""Unit tests of generator.reading.loader: safe YAML/JSON parsing with exact positions."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from generator.foundation.diagnostics import SpecError
from generator.reading.loader import load_spec, parse_spec_text


def parse(text: str, name: str = "spec.yaml"):
    return parse_spec_text(text, Path(name), name)


def only_diagnostic(text: str, name: str = "spec.yaml"):
    with pytest.raises(SpecError) as info:
        parse(text, name)
    assert len(info.value.diagnostics) == 1, info.value.diagnostics
    return info.value.diagnostics[0]


# --- YAML 1.1 surprises ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "scalar", ["NO", "no", "No", "on", "On", "off", "yes", "Yes", "y", "n", "12:30", "2023-04-04"]
)
def test_yaml_11_surprises_stay_strings(scalar):
    assert parse(f"value: {scalar}\n").data == {"value": scalar}


def test_leading_zero_number_stays_string():
    assert parse("value: 0755\n").data == {"value": "0755"}


@pytest.mark.parametrize(
    ("scalar", "expected"),
    [
        ("true", True),
        ("false", False),
        ("True", True),
        ("null", None),
        ("~", None),
        ("", None),
        ("12", 12),
        ("-3", -3),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ('"12"', "12"),
        ("'true'", "true"),
    ],
)
def test_core_schema_scalars_resolve(scalar, expected):
    value = parse(f"value: {scalar}\n").data["value"]
    assert value == expected
    assert type(value) is type(expected)


def test_load_spec_reads_file_and_keeps_types(tmp_path):
    path = tmp_path / "api.yaml"
    path.write_text("openapi: 3.1.0\ncountry: NO\nflag: on\nport: 8080\n", encoding="utf-8")
    spec = load_spec(path)
    assert spec.data == {"openapi": "3.1.0", "country": "NO", "flag": "on", "port": 8080}
    assert spec.display_name == str(path)


# --- duplicate keys, syntax errors ------------------------------------------------------------


def test_duplicate_key_names_file_line_column_and_pointer(tmp_path):
    path = tmp_path / "dup.yaml"
    path.write_text(
        "openapi: 3.1.0\n"
        "info:\n"
        "  title: First\n"
        "  version: '1'\n"
        "  title: Second\n",
        encoding="utf-8",
    )
    with pytest.raises(SpecError) as info:
        load_spec(path, "specs/dup.yaml")
    [diagnostic] = info.value.diagnostics
    assert (diagnostic.file, diagnostic.line, diagnostic.column) == ("specs/dup.yaml", 5, 3)
    assert diagnostic.pointer == "#/info/title"
    assert "duplicate key" in diagnostic.message and "title" in diagnostic.message
    assert str(diagnostic).startswith("specs/dup.yaml:5:3: #/info/title: ")


def test_duplicate_key_in_nested_mapping_points_at_second_occurrence():
    text = "paths:\n  /a:\n    get: {}\n    post: {}\n    get: {}\n"
    diagnostic = only_diagnostic(text)
    assert (diagnostic.line, diagnostic.column) == (5, 5)
    assert diagnostic.pointer == "#/paths/~1a/get"


def test_invalid_yaml_gives_one_line_with_position():
    diagnostic = only_diagnostic("openapi: 3.1.0\ninfo: [1, 2\nnext: value\n")
    assert diagnostic.file == "spec.yaml"
    assert diagnostic.line in (2, 3)  # the unclosed flow sequence or where it breaks
    assert diagnostic.column >= 1
    assert "invalid YAML" in diagnostic.message
    assert "\n" not in str(diagnostic)
    assert str(diagnostic).startswith(f"spec.yaml:{diagnostic.line}:{diagnostic.column}: #")


def test_invalid_yaml_bad_indentation_position():
    diagnostic = only_diagnostic("a:\n  b: 1\n c: 2\n")
    assert (diagnostic.line, diagnostic.column) == (3, 2)
    assert "\n" not in str(diagnostic)


def test_an_unclosed_quote_is_reported_where_it_opens_not_at_the_end_of_the_file():
    text = 'openapi: 3.1.0\ninfo:\n  title: x\n  description: "never closed\n  version: 1\n' + "\n" * 150
    diagnostic = only_diagnostic(text)
    assert (diagnostic.line, diagnostic.column) == (4, 16)
    assert "quoted scalar" in diagnostic.message and "end of stream" in diagnostic.message


def test_a_problem_before_the_end_is_reported_where_found_naming_where_its_context_began():
    diagnostic = only_diagnostic("openapi: 3.1.0\ninfo: {title: x, version: '1'\npaths: {}\nmore: 1\n")
    assert diagnostic.line == 3
    assert "flow mapping on line 2" in diagnostic.message


def test_empty_file_is_an_error():
    diagnostic = only_diagnostic("")
    assert "empty" in diagnostic.message


def test_top_level_must_be_a_mapping():
    diagnostic = only_diagnostic("- a\n- b\n")
    assert diagnostic.pointer == "#"


def test_not_utf8_is_an_error(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"title: caf\xe9\n")
    with pytest.raises(SpecError) as info:
        load_spec(path)
    [diagnostic] = info.value.diagnostics
    assert "UTF-8" in diagnostic.message


def test_missing_file_is_a_spec_error(tmp_path):
    with pytest.raises(SpecError):
        load_spec(tmp_path / "absent.yaml")


# --- tags: nothing may build an object -----------------------------------------------------------


@pytest.fixture
def marker(tmp_path):
    return tmp_path / "pwned"


def test_python_tag_on_scalar_is_refused_and_not_executed(marker):
    text = f"openapi: 3.1.0\nx: !!python/object/apply:os.system 'touch {marker}'\n"
    with pytest.raises(SpecError) as info:
        parse(text)
    assert [d.pointer for d in info.value.diagnostics] == ["#/x"]
    assert (info.value.diagnostics[0].line, info.value.diagnostics[0].column) == (2, 4)
    assert not marker.exists()


@pytest.mark.parametrize(
    "form",
    [
        "!!python/object/apply:os.system ['touch {marker}']",
        "!!python/object/apply:os.system {{args: ['touch {marker}']}}",
        "!!python/object:os.system {{x: 1}}",
        "!custom [1, 2]",
    ],
    ids=["apply-sequence", "apply-mapping", "object-mapping", "local-tag-sequence"],
)
def test_unknown_tag_on_collection_is_refused(form, marker):
    text = "openapi: 3.1.0\nx: " + form.format(marker=marker) + "\n"
    try:
        with pytest.raises(SpecError):
            parse(text)
    finally:
        assert not marker.exists()


def test_unknown_tag_on_collection_never_executes(marker):
    # Whatever the loader decides, loading must never run code.
    text = f"x: !!python/object/apply:os.system ['touch {marker}']\n"
    try:
        parse(text)
    except SpecError:
        pass
    assert not marker.exists()


@pytest.mark.parametrize("tag", ["!custom", "!!binary", "!!timestamp", "!!python/name:os.system"])
def test_unknown_tags_on_scalars_are_refused(tag):
    diagnostic = only_diagnostic(f"a: 1\nb: {tag} aGk=\n")
    assert diagnostic.pointer == "#/b"
    assert diagnostic.line == 2


def test_explicit_bool_tag_on_non_boolean_is_refused():
    with pytest.raises(SpecError):
        parse("a: !!bool yes\n")


# --- aliases -------------------------------------------------------------------------------------


def test_plain_aliases_are_shared_values():
    spec = parse("base: &b {type: string}\nother: *b\n")
    assert spec.data["other"] == {"type": "string"}


def test_recursive_alias_is_refused_quickly():
    started = time.perf_counter()
    diagnostic = only_diagnostic("a: &loop [*loop]\n")
    assert time.perf_counter() - started < 2
    assert diagnostic.pointer == "#"


def test_recursive_alias_in_mapping_is_refused():
    only_diagnostic("a: &m {self: *m}\n")


def billion_laughs(levels: int = 12, width: int = 10) -> str:
    lines = ["l0: &l0 [" + ", ".join(['"lol"'] * width) + "]"]
    for level in range(1, levels):
        refs = ", ".join([f"*l{level - 1}"] * width)
        lines.append(f"l{level}: &l{level} [{refs}]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_refused_quickly():
    started = time.perf_counter()
    diagnostic = only_diagnostic(billion_laughs())
    assert time.perf_counter() - started < 2
    assert "alias" in diagnostic.message


def test_deep_nesting_in_json_is_a_spec_error():
    depth = 100_000
    with pytest.raises(SpecError):
        parse('{"a": ' + "[" * depth + "]" * depth + "}", "spec.json")


def test_deep_nesting_in_yaml_is_a_spec_error():
    depth = 2_000
    try:
        parse("a: " + "[" * depth + "]" * depth + "\n")
    except SpecError:
        return
    except RecursionError:
        pytest.fail("RecursionError escaped the loader")
    pytest.fail("deeply nested YAML was accepted")


# --- JSON ----------------------------------------------------------------------------------------


def test_json_syntax_error_gives_line_and_column():
    text = '{\n  "openapi": "3.1.0",\n  "info": ,\n}\n'
    diagnostic = only_diagnostic(text, "spec.json")
    assert (diagnostic.file, diagnostic.line, diagnostic.column) == ("spec.json", 3, 11)
    assert "invalid JSON" in diagnostic.message
    assert str(diagnostic).startswith("spec.json:3:11: #: invalid JSON")


def test_json_nan_is_refused():
    diagnostic = only_diagnostic('{"a": NaN}', "spec.json")
    assert "NaN" in diagnostic.message


def test_json_keeps_strings_and_numbers():
    spec = parse('{"openapi": "3.1.0", "x": "NO", "n": 12, "f": 1.5, "z": null}', "spec.json")
    assert spec.data == {"openapi": "3.1.0", "x": "NO", "n": 12, "f": 1.5, "z": None}


# --- locations -----------------------------------------------------------------------------------

YAML_SPEC = """\
openapi: 3.1.0
info:
  title: T
  version: '1'
paths:
  /a:
    get:
      operationId: getA
      responses:
        '200':
          description: ok
"""


def test_location_of_scalar_values():
    spec = parse(YAML_SPEC)
    assert spec.location(("paths", "/a", "get", "operationId")) == (8, 20)
    assert spec.location(("info", "title")) == (3, 10)


def test_location_of_missing_part_falls_back_to_nearest_parent():
    spec = parse(YAML_SPEC)
    assert spec.location(("info", "title", "nope", 3)) == spec.location(("info", "title"))
    assert spec.location(("nope",)) == (1, 1)


def test_location_of_operation_is_near_its_key():
    spec = parse(YAML_SPEC)
    line, _ = spec.location(("paths", "/a", "get"))
    assert line in (7, 8)  # never another operation's line


def test_location_of_operation_is_the_line_of_its_key():
    text = YAML_SPEC.replace("    get:\n", "    get:\n      # a comment\n\n")
    spec = parse(text)
    assert spec.location(("paths", "/a", "get"))[0] == 7


def test_location_in_json_spec():
    text = (
        "{\n"
        '  "openapi": "3.1.0",\n'
        '  "paths": {\n'
        '    "/a": {\n'
        '      "get": {"operationId": "getA"}\n'
        "    }\n"
        "  }\n"
        "}\n"
    )
    spec = parse(text, "spec.json")
    assert spec.location(("paths", "/a", "get"))[0] == 5
    assert spec.location(("paths", "/a", "get", "operationId")) == (5, 30)


def test_diagnostic_helper_uses_location_and_pointer():
    spec = parse(YAML_SPEC)
    diagnostic = spec.diagnostic(("paths", "/a", "get", "operationId"), "bad")
    assert str(diagnostic) == "spec.yaml:8:20: #/paths/~1a/get/operationId: bad"
