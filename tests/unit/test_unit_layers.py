"""The pipeline's stage folders keep their order, and stages use each other only through `__all__`."""

from __future__ import annotations

import ast
import importlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
GENERATOR = PROJECT / "generator"
STAGES = sorted(p.name for p in GENERATOR.iterdir() if (p / "__init__.py").is_file())
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=project, capture_output=True, text=True,
        env={"PYTHONPATH": str(project), "PATH": "/usr/bin:/bin"}, check=False, timeout=120,
    )


def _stage_imports() -> list[tuple[Path, str, str, str]]:
    """(file, importing stage, imported module path inside `generator`, name) for every
    `from ... import` in a stage module that reaches into another stage."""
    found = []
    for path in sorted(GENERATOR.rglob("*.py")):
        parts = path.relative_to(PROJECT).with_suffix("").parts
        package = parts[:-1]
        own_stage = parts[1] if len(parts) > 2 else ""
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.ImportFrom) and node.level):
                continue
            base = package[: len(package) - node.level + 1]
            target = (*base, *(node.module.split(".") if node.module else ()))
            for alias in node.names:
                full = target if node.module else (*target, alias.name)
                if len(full) >= 2 and full[1] in STAGES and full[1] != own_stage:
                    found.append((path, own_stage, ".".join(full[1:]), alias.name))
    return found


def test_every_stage_is_a_layer_of_the_contract() -> None:
    contract = (PROJECT / "pyproject.toml").read_text(encoding="utf-8")
    for stage in STAGES:
        assert f"generator.{stage}" in contract, f"{stage}/ is not in [tool.importlinter]"
    assert set(STAGES) >= {"foundation", "reading", "models", "ir", "rendering", "output",
                           "evolution"}


def test_no_import_runs_against_the_stage_order() -> None:
    result = _lint_imports(PROJECT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_an_import_against_the_order_fails_naming_it(tmp_path: Path) -> None:
    shutil.copytree(GENERATOR, tmp_path / "generator",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PROJECT / "pyproject.toml", tmp_path)
    spec = tmp_path / "generator" / "reading" / "spec.py"
    spec.write_text(spec.read_text(encoding="utf-8")
                    + "\nfrom ..evolution.changelog import bump  # noqa\n", encoding="utf-8")

    result = _lint_imports(tmp_path)

    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert "generator.reading.spec -> generator.evolution.changelog" in result.stdout


@pytest.mark.parametrize("stage", STAGES)
def test_every_exported_name_exists(stage: str) -> None:
    package = importlib.import_module(f"generator.{stage}")
    assert package.__all__ == sorted(package.__all__)
    for name in package.__all__:
        if stage == "foundation":  # its modules are its public names
            importlib.import_module(f"generator.foundation.{name}")
        else:
            assert getattr(package, name) is not None


def test_stages_use_each_other_only_through_their_public_names() -> None:
    stray = []
    for path, _, module, name in _stage_imports():
        stage, _, rest = module.partition(".")
        public = importlib.import_module(f"generator.{stage}").__all__
        # Foundations are shared whole; any other stage is entered through its `__all__`.
        exported = (rest.split(".")[0] or name) in public if stage == "foundation" else name in public
        if not exported:
            stray.append(f"{path.relative_to(PROJECT)}: {name} from generator.{module}")
    assert not stray, "not in the stage's __all__:\n" + "\n".join(stray)


def test_the_public_names_check_sees_cross_stage_imports() -> None:
    pairs = {(stage, module) for _, stage, module, _ in _stage_imports()}
    assert ("ir", "models.datamodel") in pairs
    assert ("", "evolution.regenerate") in pairs  # generator/api.py
