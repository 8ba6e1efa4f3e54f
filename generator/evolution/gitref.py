"""A spec as it was at a git ref, loaded and validated like one from the working tree."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..reading.loader import LoadedSpec


class GitError(RuntimeError):
    """git is missing, the folder is not a repository, or the ref names no commit."""


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    except OSError as exc:
        raise GitError(f"cannot run git: {exc.strerror}") from None


def spec_at_ref(root: Path, spec_path: Path, ref: str, display_name: str) -> LoadedSpec | None:
    """The spec at `ref`, or None when the file did not exist there (every change is an addition)."""
    from ..pipeline import Validation
    from ..reading.loader import parse_spec_bytes

    if ref.startswith("-"):
        raise GitError(f"not a git ref: {ref!r}")
    commit = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if commit.returncode != 0:
        message = commit.stderr.decode(errors="replace").strip().splitlines()
        raise GitError(message[-1] if message else f"{ref!r} names no commit in {root}")
    relative = spec_path.resolve().relative_to(root.resolve()).as_posix()
    # `./` makes the path relative to `root`, wherever the repository's top level is.
    shown = _git(root, "show", f"{commit.stdout.decode().strip()}:./{relative}")
    if shown.returncode != 0:
        return None
    spec = parse_spec_bytes(shown.stdout, spec_path, f"{ref}:{display_name}")
    Validation(spec)  # raises SpecError with every problem
    return spec
