"""The hostile-spec corpus in tests/hostile/: each spec generates inert code or fails in clear lines.

Every spec's leading comment states its outcome:

    # expect: generates                          it generates, and the package imports cleanly
    # check: PYTHON                              ...then PYTHON holds, with the package as `package`
    # absent: TEXT                               ...and TEXT is nowhere in the generated files
    # expect-error: LINE: POINTER: MESSAGE       one output line, `file:LINE:col: POINTER: MESSAGE...`

Generation runs in-process under an audit hook (tests/hostile/sandbox.py) that refuses processes,
network access, file writes outside the test's folder and opening any other file of the corpus;
generated packages are imported in a fresh interpreter under the same hook.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.foundation.diagnostics import SpecError

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ROOT / "tests" / "hostile"
SPECS = sorted(HOSTILE.glob("*.yaml"))
DIAGNOSTIC = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<pointer>#\S*): (?P<message>.+)$"
)
# Names that only a payload in the corpus would put into code.
PAYLOAD_NAMES = frozenset({"system", "popen", "pwned", "__import__", "eval", "exec", "evil_module"})

_loader = importlib.util.spec_from_file_location("hostile_sandbox", HOSTILE / "sandbox.py")
assert _loader is not None and _loader.loader is not None
sandbox = importlib.util.module_from_spec(_loader)
_loader.loader.exec_module(sandbox)


@dataclass
class Expectation:
    generates: bool = False
    errors: list[tuple[int, str, str]] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)


def expectation(spec: Path) -> Expectation:
    expected = Expectation()
    for line in spec.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        key, _, value = line[1:].strip().partition(": ")
        if key == "expect" and value == "generates":
            expected.generates = True
        elif key == "expect-error":
            number, pointer, message = value.split(": ", 2)
            expected.errors.append((int(number), pointer, message))
        elif key == "check":
            expected.checks.append(value)
        elif key == "absent":
            expected.absent.append(value)
    assert expected.generates != bool(expected.errors), f"{spec.name}: state one outcome"
    return expected


GENERATING = [s for s in SPECS if expectation(s).generates]
FAILING = [s for s in SPECS if not expectation(s).generates]


def relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def clientgen(*args: str, tmp: Path, spec: Path, writes_output: bool) -> Result:
    """The command line, in-process, refusing side effects and reads of the rest of the corpus.

    The generator's cache goes to a fresh folder under `tmp`, the only place written to unless
    `writes_output`, when anything under `tmp` may be.
    """
    others = [p for p in HOSTILE.iterdir() if p != spec] + [Path("/etc/passwd")]
    cache = tmp / "cache"
    previous = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(cache)
    try:
        with sandbox.refusing(writable=tmp if writes_output else cache, unreadable=others,
                              allow_fork=True) as refused:
            result = CliRunner().invoke(main, list(args))
    finally:
        if previous is None:
            del os.environ["XDG_CACHE_HOME"]
        else:
            os.environ["XDG_CACHE_HOME"] = previous
    assert refused == [], refused
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def populate(out: Path) -> None:
    (out / "old_client").mkdir(parents=True)
    (out / "old_client" / "__init__.py").write_text("# hand-made, must survive\n")
    (out / "keep.bin").write_bytes(bytes(range(256)))


def test_the_corpus_covers_both_outcomes():
    assert len(GENERATING) >= 10 and len(FAILING) >= 15


@pytest.mark.parametrize("spec", FAILING, ids=lambda p: p.stem)
def test_broken_spec_fails_with_one_line_per_problem_and_writes_nothing(spec, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "out"
    populate(out)
    before = snapshot(out)
    result = clientgen("generate", "--spec", relative(spec), "--out", str(out), tmp=tmp_path, spec=spec,
                       writes_output=False)
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert "Traceback" not in result.stderr
    expected = expectation(spec).errors
    assert len(lines) == len(expected), lines
    for line, (number, pointer, message) in zip(lines, expected):
        found = DIAGNOSTIC.match(line)
        assert found, line
        assert found["file"] == relative(spec)
        assert (int(found["line"]), found["pointer"]) == (number, pointer), line
        assert found["message"].startswith(message), line
    assert snapshot(out) == before


@pytest.mark.parametrize("spec", FAILING, ids=lambda p: p.stem)
def test_validate_reports_the_same_lines_as_generation(spec, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    validated = clientgen("validate", relative(spec), tmp=tmp_path, spec=spec, writes_output=False)
    generated = clientgen("generate", "--spec", relative(spec), "--out", str(tmp_path / "out"),
                          tmp=tmp_path, spec=spec, writes_output=False)
    # Names that would clash are told apart, so no refusal is left for generation alone to find.
    assert validated.exit_code == 1
    assert validated.stderr == generated.stderr


def test_a_broken_spec_fails_the_same_way_as_a_real_process(tmp_path):
    spec = HOSTILE / "external_ref_http.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--spec", relative(spec), "--out", str(tmp_path / "out")],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def _generate(spec: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    result = clientgen("generate", "--spec", str(spec), "--out", str(out), tmp=tmp_path, spec=spec,
                       writes_output=True)
    assert result.exit_code == 0, result.stderr
    return out


def _names_in(source: str) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.Attribute):
            names.add(node.attr)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.alias):
            names.update(node.name.split("."))
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.update(node.module.split("."))
    return names


def run_in_sandbox(out: Path, package: str, code: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-B", str(HOSTILE / "sandbox.py"), str(out), package, code],
        capture_output=True, text=True, cwd=out, env={**os.environ, "PYTHONPATH": ""}, timeout=120,
    )


@pytest.mark.parametrize("spec", GENERATING, ids=lambda p: p.stem)
def test_hostile_spec_generates_inert_code(spec, tmp_path):
    expected = expectation(spec)
    out = _generate(spec, tmp_path)
    [package_dir] = [p for p in out.iterdir() if p.is_dir()]
    texts = {p: p.read_text(encoding="utf-8") for p in out.rglob("*") if p.is_file()}
    for path, text in texts.items():
        if path.suffix == ".py":
            assert not _names_in(text) & PAYLOAD_NAMES, path
        for absent in expected.absent:
            assert absent not in text, path
    # Importing runs every module's top level; the check exercises the models.
    checks = "\n".join(["import importlib; importlib.import_module(package.__name__ + '.models')",
                        "package.models = importlib.import_module(package.__name__ + '.models')",
                        *expected.checks])
    result = run_in_sandbox(out, package_dir.name, checks)
    assert result.returncode == 0, result.stderr


def test_fifty_levels_of_recursion_round_trip(tmp_path):
    out = _generate(HOSTILE / "recursive_schemas.yaml", tmp_path)
    check = """
import json
from recursive_schemas_client import models
node = {"name": "leaf"}
tree = {"value": 0}
pair = {}
for depth in range(50):  # one nested reference a level: the payload grows linearly
    node = {"name": f"n{depth}", "parent": {"name": "p"}, "children": [{"name": "c"}, node]}
    node = {"name": f"m{depth}", "by_name": {"k": node}} if depth % 2 else node
    tree = {"branches": [{"value": depth}, tree]}
    pair = {"pong": {"ping": pair}}
for model, payload in ((models.Node, node), (models.Tree, tree), (models.Ping, pair)):
    parsed = model.model_validate(payload)
    assert parsed.model_dump(exclude_unset=True, by_alias=True) == payload
    assert model.model_validate_json(parsed.model_dump_json(exclude_unset=True)) == parsed
"""
    result = run_in_sandbox(out, "recursive_schemas_client", check)
    assert result.returncode == 0, result.stderr


def test_a_one_megabyte_description_generates(tmp_path):
    spec = tmp_path / "huge.yaml"
    huge = ('"""; os.system("x") \\ ' + "word " * 12 + "\n") * 12_500
    assert len(huge) > 1_000_000
    spec.write_text(
        "openapi: 3.1.0\ninfo: {title: Huge, version: '1'}\n"
        "servers: [{url: 'https://api.example.com'}]\npaths:\n  /a:\n    get:\n"
        "      operationId: getA\n      responses:\n        '200':\n          description: ok\n"
        "          content: {application/json: {schema: {$ref: '#/components/schemas/A'}}}\n"
        "components:\n  schemas:\n    A:\n      type: object\n      description: |\n"
        + "".join("        " + line + "\n" for line in huge.splitlines())
        + "      properties: {a: {type: string}}\n",
        encoding="utf-8",
    )
    out = _generate(spec, tmp_path)
    result = run_in_sandbox(out, "huge_client",
                            "import huge_client.models as m; assert len(m.A.__doc__) > 1_000_000")
    assert result.returncode == 0, result.stderr


def test_the_sandbox_refuses_what_it_should(tmp_path):
    code = "import os; os.system('true')"
    result = run_in_sandbox(tmp_path, "json", code)
    assert result.returncode == 99 and "os.system" in result.stderr
    result = run_in_sandbox(tmp_path, "json", f"open({str(tmp_path / 'x')!r}, 'w')")
    assert result.returncode == 99 and "write to" in result.stderr
    result = run_in_sandbox(tmp_path, "socket", "package.create_connection(('127.0.0.1', 9))")
    assert result.returncode == 99 and "socket" in result.stderr


# -- the pieces behind the corpus: the spec-text check and field naming --------------------------

from generator.models.datamodel import generate_models, read_model_classes
from generator.reading.loader import parse_spec_text
from generator.rendering.ast_check import spec_fragments, spec_text_problems

PAYLOAD = '"""; os.system("x")'


def _spec_with(description: str):
    text = json.dumps({"info": {"description": description}})
    return parse_spec_text(text, Path("spec.json"), "spec.json")


@pytest.mark.parametrize(
    ("source", "exposed"),
    [
        (f"x = {PAYLOAD!r}\n", False),  # a string literal
        (f"# {PAYLOAD}\nx = 1\n", False),  # a comment
        (f'"""doc{PAYLOAD}\n', True),  # closes a docstring early
        (f"x = 1  # {PAYLOAD}\n", False),
        (f"x = f{PAYLOAD!r}\n", True),  # an f-string is code, not a constant
    ],
)
def test_spec_text_is_allowed_only_inside_literals_and_comments(source, exposed):
    spec = _spec_with(PAYLOAD)
    problems = spec_text_problems(spec, {"pkg/mod.py": source, "README.md": PAYLOAD})
    assert bool(problems) == exposed, problems
    if exposed:
        [problem] = problems
        assert problem.pointer == "#/info/description" and "pkg/mod.py on line 1" in problem.message


def test_a_leaked_line_of_a_multi_line_text_is_found():
    spec = _spec_with("harmless first line\n    os.system('rm -rf ~')\nlast")
    assert spec_text_problems(spec, {"m.py": "import os\nos.system('rm -rf ~')\n"})


def test_identifier_like_text_is_not_searched_and_non_ascii_names_are_refused():
    assert spec_fragments({"a": "import os", "b": "short;", "c": "x = y(1)"}) == {"x = y(1)": ("c",)}
    [problem] = spec_text_problems(_spec_with("fine"), {"m.py": "ﬁle = 1\n"})
    assert "non-ASCII name" in problem.message


def test_property_names_never_get_suffixes_or_non_ascii_and_keep_their_wire_names():
    schemas = {"A": {"type": "object", "properties": {
        "e-mail": {"type": "string"}, "naïve": {"type": "string"}, "json": {"type": "string"},
        "Language": {"type": "object", "properties": {"code": {"type": "string"}}},
    }}}
    source = generate_models(schemas, "3.1.0", "# header")
    fields = {f.wire_name: f.name for f in read_model_classes(source)["A"].fields}
    # `Language` is also the class of the inline object, which the attribute must not hide.
    assert fields == {"e-mail": "e_mail", "naïve": "naive", "json": "json_", "Language": "Language_"}
    assert "_1" not in source and "naïve:" not in source


def test_colliding_property_names_get_distinct_attributes_in_every_class():
    schemas = {
        "A": {"type": "object", "properties": {"id": {}, "@id": {}, "nested": {
            "type": "object", "properties": {"@id": {"type": "integer"}}}}},
        "B": {"type": "object", "properties": {"@id": {"type": "string"}}},
    }
    classes = read_model_classes(generate_models(schemas, "3.1.0", "# header"))
    # One wire name, one attribute, in every class: `@id` is `at_id` even where it stands alone.
    assert {(c, f.wire_name, f.name) for c, m in classes.items() for f in m.fields} == {
        ("A", "id", "id"), ("A", "@id", "at_id"), ("A", "nested", "nested"),
        ("Nested", "@id", "at_id"), ("B", "@id", "at_id"),
    }


def test_a_template_that_leaks_spec_text_stops_generation(monkeypatch, tmp_path):
    from generator import pipeline

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    render = pipeline.render_package

    def leaky_render(api, spec_name):  # as if a template printed the version unescaped
        files = render(api, spec_name)
        module = next(path for path in files if path.endswith("/_client.py"))
        files[module] += "\nVERSION = '1'; os.system('x') #'\n"
        return files

    monkeypatch.setattr(pipeline, "render_package", leaky_render)
    with pytest.raises(SpecError) as error:
        pipeline.generate_package(HOSTILE / "title_injection.yaml", "title_injection")
    [problem] = error.value.diagnostics
    assert problem.pointer == "#/info/version" and "would appear as code" in problem.message
