"""clientgen installed from a wheel, as `pip install` of a release or of the repository does: every
module, template, seed and setting is in it, and the installed generator makes the golden package."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
GOLDEN = PROJECT / "tests" / "golden" / "params"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "--disable-pip-version-check",
         "-w", str(out), str(PROJECT)],
        check=True, capture_output=True, text=True,
    )
    [built] = out.glob("clientgen-*.whl")
    return built


def test_the_wheel_holds_every_module_template_seed_and_setting(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    package = {
        path.relative_to(PROJECT).as_posix()
        for path in (PROJECT / "generator").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    templates = {
        "generator/" + path.relative_to(PROJECT).as_posix()
        for path in (PROJECT / "templates").rglob("*") if path.is_file()
    }
    assert templates and package - names == set() and templates - names == set()


def test_the_installed_wheel_generates_the_golden_package(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--disable-pip-version-check",
         "--target", str(target), str(wheel)],
        check=True, capture_output=True, text=True,
    )
    script = (
        "import generator, sys\n"
        "from pathlib import Path\n"
        "from generator import api\n"
        f"api.generate_to(Path({str(GOLDEN / 'spec.yaml')!r}), Path('out'), 'params')\n"
        "print(generator.__file__)\n"
    )
    # The installed copy comes first on the path, before this checkout's editable install; its
    # dependencies come from this environment.
    env = {**os.environ, "PYTHONPATH": str(target), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env,
                          capture_output=True, text=True, check=True)
    assert done.stdout.strip() == str(target / "generator" / "__init__.py")
    for path in (GOLDEN / "expected").rglob("*"):
        if path.is_file():
            written = tmp_path / "out" / path.relative_to(GOLDEN / "expected")
            assert written.read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), path
