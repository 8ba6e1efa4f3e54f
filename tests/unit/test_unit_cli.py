"""The clientgen command line through click's CliRunner, on throwaway projects under tmp_path."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main

PROJECT = Path(__file__).resolve().parents[2]

# A tiny valid OpenAPI 3.1 spec: one GET operation returning a named schema. The title is
# deliberately unlike any file name, so names taken from the file are told apart from the title.
TINY = """\
openapi: 3.1.0
info:
  title: Something Completely Different
  version: "1"
servers:
  - url: https://api.example.com/v1
paths:
  /widgets/{widget_id}:
    get:
      operationId: getWidget
      tags: [widgets]
      parameters:
        - name: widget_id
          in: path
          required: true
          schema: {type: string}
      responses:
        "200":
          description: The widget.
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/Widget"
components:
  schemas:
    Widget:
      type: object
      properties:
        id: {type: string}
        name: {type: string}
"""

# Three house-rule problems in one spec, each at a known place.
BROKEN = (
    TINY.replace("https://api.example.com/v1", "https://user:pw@api.example.com/v1")
    .replace("/widgets/{widget_id}:", "/widgets/{widget_id}/parts/{part_id}:")
    .replace(
        "      responses:\n",
        '        - name: "X Bad"\n          in: header\n          schema: {type: string}\n'
        "      responses:\n",
        1,
    )
)
LINE = re.compile(r"^specs/[\w.-]+\.yaml:\d+:\d+: #(/\S*)?: \S.*$")


def make_project(root: Path, specs: dict[str, str]) -> Path:
    (root / "specs").mkdir(parents=True, exist_ok=True)
    for name, text in specs.items():
        (root / "specs" / name).write_text(text, encoding="utf-8")
    return root


def run(root: Path, *args: str):
    return CliRunner().invoke(main, ["--root", str(root), *args])


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def entries(root: Path) -> list[str]:
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*"))


def assert_no_traceback(result) -> None:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


# --- validate ------------------------------------------------------------------------------------


def test_validate_broken_spec_prints_one_line_per_problem(tmp_path):
    root = make_project(tmp_path, {"x.yaml": BROKEN, "y.yaml": "openapi: 3.1.0\nopenapi: 3.0.0\n"})
    result = run(root, "validate")

    assert result.exit_code == 1
    assert_no_traceback(result)
    lines = result.stderr.splitlines()
    assert len(lines) == 4, lines
    assert "specs/x.yaml:6:10: #/servers/0/url: server URL must not carry credentials" in lines
    assert "specs/y.yaml:2:1: #/openapi: duplicate key 'openapi'" in lines
    # Operation-level problems sit on the `get:` line (9) or its first key (10), column 5 or 7.
    operation = re.escape("#/paths/~1widgets~1{widget_id}~1parts~1{part_id}/get")
    for message in ("path parameter 'part_id' is not declared", "header name 'X Bad' is not an HTTP token"):
        pattern = re.compile(rf"specs/x\.yaml:(9:5|10:7): {operation}: {re.escape(message)}")
        assert len([line for line in lines if pattern.fullmatch(line)]) == 1, (message, lines)
    assert all(LINE.match(line) for line in lines), lines
    assert "valid" not in result.stdout


def test_validate_line_numbers_follow_the_file(tmp_path):
    # Moving the bad server down three lines moves the reported line with it.
    text = BROKEN.replace("servers:\n", "x-a: 1\nx-b: 2\nx-c: 3\nservers:\n")
    root = make_project(tmp_path, {"x.yaml": text})
    result = run(root, "validate")
    assert result.exit_code == 1
    assert "specs/x.yaml:9:10: #/servers/0/url: " in result.stderr


def test_validate_good_spec(tmp_path):
    root = make_project(tmp_path, {"good.yaml": TINY})
    result = run(root, "validate")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "1 spec(s) valid" in result.stdout


def test_validate_invalid_yaml_is_one_line_without_traceback(tmp_path):
    root = make_project(tmp_path, {"x.yaml": "openapi: 3.1.0\ninfo: [1, 2\npaths: {}\n"})
    result = run(root, "validate")
    assert result.exit_code == 1
    assert_no_traceback(result)
    [line] = result.stderr.splitlines()
    assert LINE.match(line) and "invalid YAML" in line


def test_validate_hostile_yaml_is_one_line_without_traceback(tmp_path):
    root = make_project(tmp_path, {"x.yaml": "a: &a [*a, *a]\nb: !!python/name:os.system ''\n"})
    result = run(root, "validate")
    assert result.exit_code == 1
    assert_no_traceback(result)
    assert len(result.stderr.splitlines()) == 1


# --- generate ------------------------------------------------------------------------------------


def test_generate_with_a_broken_spec_writes_nothing(tmp_path):
    root = make_project(tmp_path, {"bad.yaml": BROKEN, "good.yaml": TINY})
    package = root / "generated" / "good"
    (package / "good_client").mkdir(parents=True)
    (package / "keep.txt").write_bytes(b"hand-written, keep me\r\n\x00")
    (package / "good_client" / "models.py").write_bytes(b"# an old generated file\n")
    before_files, before_entries = snapshot(root / "generated"), entries(root)

    result = run(root, "generate")

    assert result.exit_code == 1
    assert_no_traceback(result)
    lines = result.stderr.splitlines()
    assert len(lines) == 3 and all(line.startswith("specs/bad.yaml:") for line in lines), lines
    assert all(LINE.match(line) for line in lines)
    assert snapshot(root / "generated") == before_files
    assert entries(root) == before_entries  # no new package, no leftover staging folder
    assert "written" not in result.stdout


def test_generate_unknown_provider_is_a_usage_error(tmp_path):
    root = make_project(tmp_path, {"good.yaml": TINY})
    result = run(root, "generate", "nope")
    assert result.exit_code == 2
    assert "nope" in result.output
    assert not (root / "generated").exists()


def test_generate_spec_out_needs_both_options(tmp_path):
    result = run(tmp_path, "generate", "--spec", str(tmp_path / "x.yaml"))
    assert result.exit_code == 2
    assert "--out" in result.output


def test_generate_spec_to_out_names_package_from_file(tmp_path):
    spec = tmp_path / "elsewhere" / "my-api.yaml"
    spec.parent.mkdir()
    spec.write_text(TINY, encoding="utf-8")
    out = tmp_path / "out" / "client"

    result = run(tmp_path / "project", "generate", "--spec", str(spec), "--out", str(out))

    assert result.exit_code == 0, result.output
    assert "my_api: written" in result.stdout
    assert sorted(p.name for p in out.iterdir()) == [
        "CHANGELOG.md", "README.md", "clientgen-manifest.json", "my_api_client", "pyproject.toml"
    ]
    package = out / "my_api_client"
    assert {"__init__.py", "_client.py", "models.py", "py.typed"} <= {p.name for p in package.iterdir()}
    assert 'name = "my-api-client"' in (out / "pyproject.toml").read_text(encoding="utf-8")
    assert "class Widget" in (package / "models.py").read_text(encoding="utf-8")
    assert "something" not in " ".join(entries(out)).lower()
    assert not (tmp_path / "project").exists()  # nothing written into the --root project

    again = run(tmp_path / "project", "generate", "--spec", str(spec), "--out", str(out))
    assert again.exit_code == 0 and "my_api: up to date" in again.stdout


# --- check and list ------------------------------------------------------------------------------


def test_check_after_generate_and_after_an_edit(tmp_path):
    root = make_project(tmp_path, {"good.yaml": TINY})
    generated = run(root, "generate")
    assert generated.exit_code == 0, generated.output
    assert "good: written" in generated.stdout
    models = root / "generated" / "good" / "good_client" / "models.py"
    assert models.is_file()

    clean = run(root, "check")
    assert clean.exit_code == 0, clean.output
    assert clean.stdout.strip() == "generated/ is up to date"

    original = models.read_text(encoding="utf-8")
    models.write_text(original + "HAND_EDIT = 1\n", encoding="utf-8")
    stale = run(root, "check")
    assert stale.exit_code == 1
    assert_no_traceback(stale)
    diff = stale.stdout.splitlines()
    assert "--- a/generated/good/good_client/models.py" in diff
    assert "+++ b/generated/good/good_client/models.py" in diff
    assert "-HAND_EDIT = 1" in diff
    assert any(line.startswith("@@ ") for line in diff)
    assert not [line for line in diff if line.startswith(("---", "+++")) and "models.py" not in line]
    assert "out of date" in stale.stderr
    assert models.read_text(encoding="utf-8") == original + "HAND_EDIT = 1\n"  # check never writes

    listed = run(root, "list")
    assert listed.exit_code == 0, listed.output
    assert [line.split() for line in listed.stdout.splitlines()] == [
        ["good", "GET", "/widgets/{widget_id}", "widgets.get_widget"]
    ]


def test_check_reports_a_missing_package(tmp_path):
    root = make_project(tmp_path, {"good.yaml": TINY})
    result = run(root, "check")
    assert result.exit_code == 1
    assert "+++ b/generated/good/good_client/models.py" in result.stdout


def test_list_real_project():
    result = run(PROJECT, "list")
    assert result.exit_code == 0, result.output
    rows = [line.split() for line in result.stdout.splitlines()]
    assert all(len(row) == 4 for row in rows), rows
    assert all(row[1] in {"GET", "PUT", "POST", "PATCH", "DELETE"} and row[2].startswith("/")
               for row in rows)
    assert sorted((row[0], row[3]) for row in rows) == sorted(
        [
            ("kombo", "assessment.update_order_result"),
            ("kombo", "ats.add_candidate_result_link"),
            ("stackone", "ats.get_assessments_request"),
            ("unified", "assessment.create_assessment_package"),
            ("xobin", "assessments.get_report"),
        ]
    )
