"""The generator's own fingerprint: a hash of its code and templates (light to import)."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

# The project root holding the `generator` package and the `templates` folder render.py loads.
_PROJECT_DIR = Path(__file__).resolve().parents[2]
_CODE_DIRS = (_PROJECT_DIR / "generator", _PROJECT_DIR / "templates")


@lru_cache(maxsize=1)
def generator_fingerprint() -> str:
    """A hash of the generator's own code and templates: editing either invalidates the fast path."""
    digest = hashlib.sha256()
    sources = sorted(
        path
        for folder in _CODE_DIRS
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
        and (folder.name == "templates" or path.suffix == ".py")
    )
    for path in sources:
        relative = path.relative_to(_PROJECT_DIR).as_posix()
        digest.update(f"{relative}\0{hashlib.sha256(path.read_bytes()).hexdigest()}\n".encode())
    return digest.hexdigest()
