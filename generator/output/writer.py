"""The only module that writes: changed files moved into place together, so a failure loses nothing."""

from __future__ import annotations

import difflib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..foundation.diagnostics import UserError

STAGING_PREFIX = ".clientgen-staging."


class OutputError(UserError):
    """A package folder could not be written (nothing was changed)."""

    def __init__(self, out_dir: Path, error: OSError) -> None:
        reason = error.strerror or str(error) or type(error).__name__
        place = Path(error.filename) if isinstance(error.filename, str) else None
        # Name the user's folder, or the folder above it that could not be created; never the
        # staging folder inside it.
        if place is not None and out_dir.is_relative_to(place):
            reason = f"{reason} (creating {place})"
        self.out_dir = out_dir
        super().__init__(f"clientgen: cannot write {out_dir}: {reason}; nothing was written")


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


@dataclass(frozen=True)
class PackageWrite:
    """One package folder's part of a write: files to put in place and files to delete."""

    out_dir: Path
    files: dict[str, str]  # relative path -> text; only those whose bytes differ are written
    remove: frozenset[str] = frozenset()

    def changed(self) -> dict[str, str]:
        return {
            relative: text for relative, text in self.files.items()
            if not _holds(_safe_relative(self.out_dir, relative), text)
        }

    def stale(self) -> list[str]:
        return sorted(r for r in self.remove if r not in self.files
                      and _safe_relative(self.out_dir, r).is_file())


def _holds(path: Path, text: str) -> bool:
    try:
        return path.read_bytes() == text.encode("utf-8")
    except OSError:
        return False


def _make_dirs(path: Path, created: list[Path]) -> None:
    missing = []
    while not path.exists():
        missing.append(path)
        path = path.parent
    for directory in reversed(missing):
        created.append(directory)  # recorded first, so an interrupt right after still rolls back
        directory.mkdir()


def write_packages(writes: list[PackageWrite]) -> bool:
    """Write several packages as one step (see `apply_writes`); False when nothing needed it."""
    return bool(apply_writes(writes))


def apply_writes(writes: list[PackageWrite]) -> dict[Path, list[str]]:
    """Write several packages as one step; return, by folder, the files written or removed.

    Only files whose bytes change are written (the others keep their mtime) and only the files
    in `remove` are deleted; anything else in a package folder is never touched. New files are
    staged in a hidden folder inside the package folder first (same file system, and no need to
    write beside it: a writable folder under a read-only parent works), then each changed path is
    moved aside into that folder and the staged file moved into place. A failure or interrupt at
    any point moves every original back: the folders end byte-identical to before, with no
    temporary files or new folders left; an OSError is raised as OutputError naming the folder.
    A whole-folder swap would be simpler, but it would have to carry the user's own files across
    (and swap a folder someone may be working in); per-file moves touch only what changes.
    """
    plans = [(w, w.changed(), w.stale()) for w in writes]
    plans = [(w, changed, stale) for w, changed, stale in plans if changed or stale]
    if not plans:
        return {}
    stagings: list[Path] = []
    created: list[Path] = []
    journal: list[tuple[Path, Path | None]] = []  # (target, where its original was moved)
    current = plans[0][0].out_dir
    try:
        for write, changed, _ in plans:
            current = write.out_dir
            _make_dirs(write.out_dir, created)
            staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=write.out_dir))
            stagings.append(staging)
            for relative, text in sorted(changed.items()):
                staged = _safe_relative(staging / "new", relative)
                staged.parent.mkdir(parents=True, exist_ok=True)
                staged.write_text(text, encoding="utf-8", newline="\n")
        for (write, changed, stale), staging in zip(plans, stagings):
            current = write.out_dir
            for relative in sorted({*changed, *stale}):
                target = _safe_relative(write.out_dir, relative)
                if os.path.lexists(target):
                    backup = staging / "old" / relative
                    backup.parent.mkdir(parents=True, exist_ok=True)
                    journal.append((target, backup))
                    os.replace(target, backup)
                else:
                    journal.append((target, None))
                if relative in changed:
                    _make_dirs(target.parent, created)
                    os.replace(staging / "new" / relative, target)
    except BaseException as exc:
        if _roll_back(journal):
            _remove(stagings)
            _remove_empty(created)
        # A staging folder left behind holds originals that could not be moved back.
        if isinstance(exc, OSError):
            raise OutputError(current, exc) from exc
        raise
    _remove(stagings)
    for write, _, stale in plans:
        _prune_empty_dirs(write.out_dir, stale)
    return {write.out_dir: sorted({*changed, *stale}) for write, changed, stale in plans}


def _roll_back(journal: list[tuple[Path, Path | None]]) -> bool:
    """Put every original back; False when one could not be (its copy stays in the staging folder)."""
    complete = True
    for target, backup in reversed(journal):
        try:
            if backup is not None and os.path.lexists(backup):
                os.replace(backup, target)
            elif backup is None and os.path.lexists(target):
                target.unlink()  # it did not exist before this write began
        except OSError:
            complete = False
    return complete


def _remove_empty(created: list[Path]) -> None:
    for directory in reversed(created):
        try:
            directory.rmdir()
        except OSError:
            pass


def _remove(stagings: list[Path]) -> None:
    for staging in stagings:
        shutil.rmtree(staging, ignore_errors=True)


def _prune_empty_dirs(root: Path, removed: list[str]) -> None:
    """Folders that only held removed files go too; the package folder itself stays."""
    for relative in removed:
        directory = (root / relative).parent
        while directory != root and directory.is_dir() and not any(directory.iterdir()):
            directory.rmdir()
            directory = directory.parent


def write_tree(out_dir: Path, files: dict[str, str]) -> list[str]:
    """Make `out_dir` hold exactly `files` (fixture goldens); return what it rewrote or removed.

    The paths are relative and sorted; none when `out_dir` already held exactly `files`.
    """
    write = PackageWrite(out_dir, files, frozenset(read_tree(out_dir)))
    touched = sorted({*write.changed(), *write.stale()})
    write_packages([write])
    return touched


def unified_diff(expected: dict[str, str], actual: dict[str, str], root: str) -> str:
    """What changes on disk (`actual`) when `expected` is written."""
    chunks = []
    for relative in sorted(set(expected) | set(actual)):
        before = actual.get(relative, "").splitlines(keepends=True)
        after = expected.get(relative, "").splitlines(keepends=True)
        if before != after or (relative in expected) != (relative in actual):
            old, new = f"a/{root}/{relative}", f"b/{root}/{relative}"
            # An empty file added or removed has no lines to show: its header alone says so.
            lines = list(difflib.unified_diff(before, after, old, new))
            chunks.extend(lines or [f"--- {old}\n", f"+++ {new}\n"])
    return "".join(chunks)
