"""The only module that writes: whole packages, swapped into place so a failure loses nothing."""

from __future__ import annotations

import difflib
import os
import shutil
import tempfile
from pathlib import Path


def read_tree(root: Path) -> dict[str, str]:
    """Text files under `root` by relative POSIX path (caches and build output left out)."""
    files: dict[str, str] = {}
    if not root.is_dir():
        return files
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.is_file() and not any(
            part in ("__pycache__", "build") or part.startswith(".") or part.endswith(".egg-info")
            for part in relative.parts
        ):
            files[relative.as_posix()] = path.read_text(encoding="utf-8", errors="replace")
    return files


def _safe_relative(root: Path, relative: str) -> Path:
    target = (root / relative).resolve()
    if not target.is_relative_to(root.resolve()) or relative.startswith("/"):
        raise ValueError(f"refusing to write outside {root}: {relative!r}")
    return target


def write_tree(out_dir: Path, files: dict[str, str]) -> bool:
    """Replace `out_dir` with exactly `files`; return False when it already holds them."""
    if read_tree(out_dir) == files:
        return False
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    backup = out_dir.parent / f".{out_dir.name}.previous"
    try:
        for relative, text in sorted(files.items()):
            target = _safe_relative(staging, relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="\n")
        os.chmod(staging, 0o755)
        if backup.exists():
            shutil.rmtree(backup)
        if out_dir.exists():
            os.replace(out_dir, backup)
        os.replace(staging, out_dir)
    except BaseException:
        if not out_dir.exists() and backup.exists():
            os.replace(backup, out_dir)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(backup, ignore_errors=True)
    return True


def unified_diff(expected: dict[str, str], actual: dict[str, str], root: str) -> str:
    """What changes on disk (`actual`) when `expected` is written."""
    chunks = []
    for relative in sorted(set(expected) | set(actual)):
        before = actual.get(relative, "").splitlines(keepends=True)
        after = expected.get(relative, "").splitlines(keepends=True)
        if before != after or (relative in expected) != (relative in actual):
            chunks.extend(difflib.unified_diff(
                before, after, f"a/{root}/{relative}", f"b/{root}/{relative}"
            ))
    return "".join(chunks)
