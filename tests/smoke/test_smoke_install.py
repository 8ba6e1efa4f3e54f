"""The generated packages as a user meets them: pip-installed into a fresh venv, then used.

The venv has none of the generator's dependencies, so a package that leans on them (or on the
repository layout) fails here. Each package must declare in its pyproject.toml (as pip records it)
exactly the third-party modules it imports.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import user_venv
from user_venv import PROVIDERS, ROOT, user_env

# The Prism servers live with the Prism tests and are shared with them.
sys.path.insert(0, str(ROOT / "tests" / "prism"))

from prism_server import PrismServer, prism_servers  # noqa: F401  (the `prism` fixture)

GENERATOR_ONLY = ("black", "datamodel_code_generator", "jinja2", "click", "yaml",
                  "openapi_spec_validator", "isort", "generator", "pytest", "mypy")
RESULT_TYPES = {
    "kombo": "kombo_client.models.SuccessResponse",
    "stackone": "stackone_client.models.AssessmentOrderResult",
    "unified": "unified_client.models.AssessmentPackage",
    "xobin": "xobin_client.models.Report",
}
PROBE_METADATA = """
import json, sys
from importlib.metadata import packages_distributions, requires
distributions = packages_distributions()
print(json.dumps({
    "distributions": distributions,
    "requires": {name: requires(distributions[name][0]) or [] for name in sys.argv[1:]},
}))
"""
PROBE_IMPORTS = """
import importlib, json, sys
missing = {}
for name in sys.argv[1:]:
    try:
        importlib.import_module(name)
        missing[name] = False
    except ModuleNotFoundError:
        missing[name] = True
print(json.dumps(missing))
"""


@pytest.fixture(scope="module")
def user_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The interpreter of a fresh venv holding the generated packages and their dependencies only."""
    return user_venv.build(tmp_path_factory.mktemp("user"))


def _run_in_venv(python: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(python), *args], capture_output=True, text=True,
                          cwd=cwd, env=user_env(), timeout=120, check=False)


def test_the_venv_has_none_of_the_generators_dependencies(user_python: Path, tmp_path: Path) -> None:
    probe = _run_in_venv(user_python, "-c", PROBE_IMPORTS, *GENERATOR_ONLY, cwd=tmp_path)

    assert probe.returncode == 0, probe.stderr
    assert json.loads(probe.stdout) == {name: True for name in GENERATOR_ONLY}


def _entries(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                  if "__pycache__" not in p.parts)


@pytest.mark.parametrize("provider", PROVIDERS)
def test_pip_install_leaves_the_package_folder_as_it_was(user_python: Path, provider: str) -> None:
    # user_venv installed from copies of generated/<provider>: no build/, no *.egg-info in them.
    source = user_python.parents[2] / "src" / provider
    assert _entries(source) == _entries(ROOT / "generated" / provider)


def test_a_package_generated_by_the_cli_installs_cleanly_with_its_py_typed(
    user_python: Path, tmp_path: Path
) -> None:
    spec = tmp_path / "acme-api.yaml"
    spec.write_text((ROOT / "specs" / "xobin.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    generated = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--spec", str(spec), "--out", str(out)],
        capture_output=True, text=True, cwd=tmp_path, timeout=300, check=False,
    )
    assert generated.returncode == 0, generated.stderr
    before = _entries(out)
    installed = _run_in_venv(user_python, "-m", "pip", "install", "-q", "--no-deps", str(out),
                             cwd=tmp_path)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert _entries(out) == before  # flit_core builds the wheel elsewhere
    probe = _run_in_venv(user_python, "-c", "import importlib.resources as r, acme_api_client as m;"
                         "print(r.files(m).joinpath('py.typed').is_file(), m.__file__)", cwd=tmp_path)
    assert probe.returncode == 0, probe.stderr
    typed, module_file = probe.stdout.split()
    assert typed == "True" and Path(module_file).is_relative_to(user_python.parents[1])


def test_pip_finds_the_installed_requirements_consistent(user_python: Path, tmp_path: Path) -> None:
    check = _run_in_venv(user_python, "-m", "pip", "check", cwd=tmp_path)

    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.parametrize("provider", PROVIDERS)
def test_installed_package_calls_prism(
    user_python: Path, prism: dict[str, PrismServer], provider: str, tmp_path: Path
) -> None:
    # The script runs from an empty directory, so only the venv can supply the package.
    script = shutil.copy(Path(__file__).with_name("smoke_call.py"), tmp_path)
    smoke = _run_in_venv(user_python, str(script), provider, prism[provider].base_url, cwd=tmp_path)

    assert smoke.returncode == 0, smoke.stdout + smoke.stderr
    outcome = json.loads(smoke.stdout)
    assert Path(outcome["module_file"]).is_relative_to(user_python.parent.parent)
    assert outcome["result_type"] == RESULT_TYPES[provider]
    assert outcome["result"]


def _requirement_name(requirement: str) -> str:
    match = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert match, requirement
    return re.sub(r"[-_.]+", "-", match.group(0)).lower()


def _imported_top_level_modules(package_dir: Path) -> set[str]:
    modules: set[str] = set()
    for source in package_dir.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"), str(source))):
            if isinstance(node, ast.Import):
                modules |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    return modules


@pytest.fixture(scope="module")
def installed_metadata(user_python: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """From inside the venv: which distribution provides each module, what each package requires."""
    probe = _run_in_venv(user_python, "-c", PROBE_METADATA, *(f"{p}_client" for p in PROVIDERS),
                         cwd=tmp_path_factory.mktemp("probe"))
    assert probe.returncode == 0, probe.stderr
    return dict(json.loads(probe.stdout))


@pytest.mark.parametrize("provider", PROVIDERS)
def test_declared_dependencies_are_exactly_the_third_party_imports(
    installed_metadata: dict[str, Any], provider: str
) -> None:
    package = f"{provider}_client"
    declared = {_requirement_name(r) for r in installed_metadata["requires"][package]}
    assert declared, f"{package} declares no dependencies at all"
    third_party = {
        module for module in _imported_top_level_modules(ROOT / "generated" / provider / package)
        if module not in sys.stdlib_module_names and module not in ("__future__", package)
    }
    providers_of = installed_metadata["distributions"]
    unknown = third_party - providers_of.keys()
    assert not unknown, f"imported but installed by no distribution: {sorted(unknown)}"

    imported = {_requirement_name(dist) for module in third_party for dist in providers_of[module]}
    assert imported == declared
