"""Build the venv a user of the generated packages would have: pip, the packages, their dependencies."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROVIDERS = ("kombo", "stackone", "unified", "xobin")


def user_env() -> dict[str, str]:
    """This process's environment minus whatever would let the test tools leak into the venv."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def build(home: Path) -> Path:
    """Create `home/venv`, pip-install every generated package into it; return its interpreter."""
    venv = home / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, env=user_env())
    # pip builds in the source folder; copies let a test see that it leaves nothing there.
    sources = []
    for provider in PROVIDERS:
        source = home / "src" / provider
        shutil.copytree(ROOT / "generated" / provider, source,
                        ignore=shutil.ignore_patterns("__pycache__"))
        sources.append(str(source))
    python = venv / "bin" / "python"
    installed = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", *sources],
        capture_output=True, text=True, env=user_env(), cwd=home, timeout=600, check=False,
    )
    if installed.returncode != 0:
        raise RuntimeError(f"pip install failed:\n{installed.stdout}{installed.stderr}")
    return python
