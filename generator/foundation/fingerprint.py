"""The generator's own fingerprint: a hash of its code and templates (light to import)."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parents[1]


def _templates_dir() -> Path:
    """The templates render.py loads: inside the package where a wheel installed them, else at the
    top of the checkout the package runs from (pyproject.toml maps the one to the other)."""
    installed = _PACKAGE_DIR / "templates"
    return installed if installed.is_dir() else _PACKAGE_DIR.parent / "templates"


TEMPLATES_DIR = _templates_dir()
# What shapes the output besides the templates: the code, and the settings it hands to isort.
_CODE_SUFFIXES = (".py", ".cfg")


@lru_cache(maxsize=1)
def generator_fingerprint() -> str:
    """A hash of the generator's own code and templates: editing either invalidates the fast path."""
    digest = hashlib.sha256()
    sources = sorted(
        (folder, path)
        for folder in (_PACKAGE_DIR, TEMPLATES_DIR)
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
        and (folder is TEMPLATES_DIR or path.suffix in _CODE_SUFFIXES)
    )
    for folder, path in sources:
        relative = path.relative_to(folder.parent).as_posix()
        digest.update(f"{relative}\0{hashlib.sha256(path.read_bytes()).hexdigest()}\n".encode())
    return digest.hexdigest()
