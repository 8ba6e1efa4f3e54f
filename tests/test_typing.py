"""mypy --strict over every generated package, and over Kombo's full published spec."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import shared_path

from generator import generate_to

ROOT = Path(__file__).resolve().parent.parent


def _mypy(*targets: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", os.devnull,
         *map(str, targets)],
        capture_output=True, text=True, cwd=cwd,
    )


def test_generated_packages_pass_mypy_strict() -> None:
    packages = [ROOT / "generated" / p / f"{p}_client" for p in ("kombo", "stackone", "unified", "xobin")]
    result = _mypy(*packages, cwd=ROOT / "generated")
    assert result.returncode == 0, result.stdout + result.stderr


def test_fixture_packages_pass_mypy_strict() -> None:
    golden = ROOT / "tests" / "golden"
    packages = sorted(golden.glob("*/expected/*_client"))
    assert packages
    result = _mypy(*packages, cwd=golden)
    assert result.returncode == 0, result.stdout + result.stderr


def test_full_kombo_spec_generates_imports_type_checks_and_lints(tmp_path: Path) -> None:
    real_kombo = shared_path("real-specs/kombo-openapi.json")  # skips when ../shared/ is absent
    provider, wrote = generate_to(real_kombo, tmp_path / "kombo_full", "kombo_full")
    assert wrote and provider == "kombo_full"
    package_root = tmp_path / "kombo_full"
    imported = subprocess.run(
        [sys.executable, "-c",
         "import kombo_full_client as k; c = k.KomboFullClient(api_key='x');"
         "print(sum(1 for n in dir(c) if not n.startswith('_')))"],
        capture_output=True, text=True, cwd=package_root,
    )
    assert imported.returncode == 0, imported.stderr
    result = _mypy(package_root / "kombo_full_client", cwd=package_root)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr
    linted = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", "."],
        capture_output=True, text=True, cwd=package_root,
    )
    assert linted.returncode == 0, linted.stdout[-5000:] + linted.stderr
