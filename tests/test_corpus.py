"""Public OpenAPI documents nobody here wrote (../shared/corpus/; see conftest.shared_path).

Every valid document generates a package with a method for each of its operations, whose every
module imports, and all the packages pass `mypy --strict` in one call (one call keeps the suite
inside CI's limits); an invalid document is refused with one line per problem, each pointing at
the offending node, and nothing is written.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import shared_path

from generator import generate_to
from generator.foundation.diagnostics import SpecError
from generator.reading.loader import load_spec
from generator.reading.spec import iter_operations

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
DOCUMENTS = sorted(p.name for p in CORPUS.glob("*") if p.suffix in (".yaml", ".yml", ".json"))
INVALID = ("opc_baseline_3.0.json", "opc_err_missing-body-ref.yaml")


@pytest.fixture(scope="module", autouse=True)
def corpus_present() -> None:
    shared_path("corpus")  # skips when ../shared/ is absent, fails under CLIENTGEN_REQUIRE_SHARED=1


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path | str]:
    """Each valid document's package folder, or the one-line reason it was not generated."""
    out = tmp_path_factory.mktemp("corpus")
    results: dict[str, Path | str] = {}
    for name in DOCUMENTS:
        if name in INVALID:
            continue
        try:
            provider, _ = generate_to(CORPUS / name, out / name)
        except SpecError as exc:
            results[name] = str(exc)
        else:
            results[name] = out / name / f"{provider}_client"
    return results


_IMPORT_ALL = """
import importlib, json, pkgutil, sys
failures = {}
for root, package in json.loads(sys.argv[1]):
    sys.path.insert(0, root)
    modules = [package] + [f"{package}.{m.name}" for m in pkgutil.iter_modules([f"{root}/{package}"])]
    for module in modules:
        try:
            importlib.import_module(module)
        except Exception as exc:
            failures.setdefault(package, []).append(f"{module}: {type(exc).__name__}: {exc}")
print(json.dumps(failures))
"""


@pytest.fixture(scope="module")
def import_failures(generated: dict[str, Path | str]) -> dict[str, list[str]]:
    """Every module of every generated package imported in one fresh interpreter."""
    packages = [(str(p.parent), p.name) for p in generated.values() if isinstance(p, Path)]
    result = subprocess.run(
        [sys.executable, "-c", _IMPORT_ALL, json.dumps(packages)],
        capture_output=True, text=True, check=True,
    )
    failures: dict[str, list[str]] = json.loads(result.stdout)
    return failures


def _methods(client_module: Path) -> int:
    """The operations a generated client offers: methods of its sync resource classes."""
    tree = ast.parse(client_module.read_text(encoding="utf-8"))
    return sum(
        1
        for node in tree.body
        if isinstance(node, ast.ClassDef) and node.name.endswith("Resource")
        and not node.name.startswith("Async")
        for item in node.body
        if isinstance(item, ast.FunctionDef) and item.name not in ("__init__", "with_raw_response")
        and not any(getattr(d, "id", "") == "overload" for d in item.decorator_list)
    )


@pytest.mark.parametrize("name", [n for n in DOCUMENTS if n not in INVALID])
def test_valid_document_generates_completely_and_every_module_imports(
    name: str, generated: dict[str, Path | str], import_failures: dict[str, list[str]]
) -> None:
    package = generated[name]
    assert isinstance(package, Path), package
    modules = {p.stem for p in package.glob("*.py")}
    assert {"__init__", "_client", "models", "testing"} <= modules
    assert import_failures.get(package.name, []) == []
    operations = list(iter_operations(load_spec(CORPUS / name).data))
    assert _methods(package / "_client.py") == len(operations)


def test_every_generated_package_passes_mypy_strict(generated: dict[str, Path | str]) -> None:
    packages = [p for p in generated.values() if isinstance(p, Path)]
    assert len(packages) >= len(DOCUMENTS) - len(INVALID)
    # Each package from its own folder: mypy finds `<name>_client` there, as an installed one.
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental",
         *(str(p.relative_to(p.parent.parent)) for p in packages)],
        capture_output=True, text=True, cwd=packages[0].parent.parent, check=False,
    )
    assert result.returncode == 0, result.stdout[-8000:] + result.stderr


_ONE_LINE = re.compile(r"^(?P<file>[^\n]+):(?P<line>\d+):(?P<col>\d+): (?P<pointer>#[^ ]*): \S[^\n]*$")


@pytest.mark.parametrize("name", list(INVALID))
def test_invalid_document_is_refused_with_one_line_per_problem_at_its_node(
    name: str, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--spec", str(CORPUS / name), "--out", str(out)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )
    assert result.returncode != 0 and not out.exists()
    lines = result.stderr.strip().splitlines()
    assert lines and "Traceback" not in result.stderr
    for line in lines:
        match = _ONE_LINE.match(line)
        assert match is not None, line
        assert match["pointer"] != "#" and match["line"] != "1", line
