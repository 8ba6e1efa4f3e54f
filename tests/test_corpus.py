"""Public OpenAPI documents nobody here wrote (../shared/corpus/, skipped when absent).

Every valid document generates a package whose every module imports, and all the packages pass
`mypy --strict` in one call (one call keeps the suite inside CI's limits); each invalid document
is refused with one line pointing at the offending node, and nothing is written.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator import generate_to
from generator.foundation.diagnostics import SpecError

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
DOCUMENTS = sorted(p.name for p in CORPUS.glob("*") if p.suffix in (".yaml", ".yml", ".json"))
INVALID = ("opc_baseline_3.0.json", "opc_err_missing-body-ref.yaml")

# Documents that fail only for what issue 16's other half fixes (point numbers of the issue).
# strict: a pass shows the mark can go.
OTHER_HALF = {
    "oai_uspto.json": "point 1: server URL variables",
    "oai_api-with-examples.yaml": "point 2: two inline schemas deriving one class name",
    "opc_baseline_3.0.json": "point 9: the refusal points at the document root",
}

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus/ is absent")


def _marked(names: list[str]) -> list[object]:
    return [
        pytest.param(n, marks=pytest.mark.xfail(reason=OTHER_HALF[n], strict=True))
        if n in OTHER_HALF else n
        for n in names
    ]


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


@pytest.mark.parametrize("name", _marked([n for n in DOCUMENTS if n not in INVALID]))
def test_valid_document_generates_and_every_module_imports(
    name: str, generated: dict[str, Path | str], import_failures: dict[str, list[str]]
) -> None:
    package = generated[name]
    assert isinstance(package, Path), package
    modules = {p.stem for p in package.glob("*.py")}
    assert {"__init__", "_client", "models", "testing"} <= modules
    assert import_failures.get(package.name, []) == []


def test_every_generated_package_passes_mypy_strict(generated: dict[str, Path | str]) -> None:
    packages = [p for p in generated.values() if isinstance(p, Path)]
    assert len(packages) >= len(DOCUMENTS) - len(INVALID) - len(OTHER_HALF)
    # Each package from its own folder: mypy finds `<name>_client` there, as an installed one.
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental",
         *(str(p.relative_to(p.parent.parent)) for p in packages)],
        capture_output=True, text=True, cwd=packages[0].parent.parent, check=False,
    )
    assert result.returncode == 0, result.stdout[-8000:] + result.stderr


_ONE_LINE = re.compile(r"^(?P<file>[^\n]+):(?P<line>\d+):(?P<col>\d+): (?P<pointer>#[^ ]*): \S[^\n]*$")


@pytest.mark.parametrize("name", _marked(list(INVALID)))
def test_invalid_document_is_refused_with_one_line_at_the_node(name: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--spec", str(CORPUS / name), "--out", str(out)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )
    assert result.returncode != 0 and not out.exists()
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    match = _ONE_LINE.match(lines[0])
    assert match is not None, lines[0]
    assert match["pointer"] != "#" and match["line"] != "1", lines[0]
