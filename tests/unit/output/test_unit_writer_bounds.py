"""The writer never writes, moves or deletes anything outside the package folder it is given.

A plan's paths come from the generator, but a bug there (or a name taken from a spec) must not
turn into a write beside or above the package: every such path is refused before anything on
disk changes.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.output.writer import PackageWrite, _safe_relative, write_packages, write_tree


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Everything under `root`, folders as None, so a stray staging folder shows too."""
    return {
        p.relative_to(root).as_posix(): (p.read_bytes() if p.is_file() and not p.is_symlink() else None)
        for p in sorted(root.rglob("*"))
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """generated/pkg holding one file, next to a folder it must never touch."""
    (tmp_path / "generated" / "pkg").mkdir(parents=True)
    (tmp_path / "generated" / "pkg" / "kept.txt").write_text("kept\n", encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "victim.txt").write_text("mine\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("relative", [
    "../escaped/x.txt",
    "../../elsewhere/victim.txt",
    "sub/../../escaped.txt",
    "..",
])
def test_a_path_climbing_out_of_the_package_is_refused(project: Path, relative: str) -> None:
    package = project / "generated" / "pkg"
    with pytest.raises(ValueError, match="refusing to write outside") as refused:
        _safe_relative(package, relative)
    assert repr(relative) in str(refused.value)


def test_an_absolute_path_is_refused_even_inside_the_package(project: Path) -> None:
    package = project / "generated" / "pkg"
    for relative in ("/etc/passwd", str(project / "elsewhere" / "victim.txt"), str(package / "kept.txt")):
        with pytest.raises(ValueError, match="refusing to write outside"):
            _safe_relative(package, relative)


def test_a_symlinked_folder_pointing_outside_is_refused(project: Path) -> None:
    package = project / "generated" / "pkg"
    (package / "link").symlink_to(project / "elsewhere", target_is_directory=True)
    with pytest.raises(ValueError, match="refusing to write outside"):
        _safe_relative(package, "link/victim.txt")


def test_paths_inside_the_package_are_resolved_there(project: Path) -> None:
    package = project / "generated" / "pkg"
    assert _safe_relative(package, "a/b/c.py") == (package / "a" / "b" / "c.py").resolve()
    assert _safe_relative(package, "a/../kept.txt") == (package / "kept.txt").resolve()


@pytest.mark.parametrize("relative", ["../escaped/x.txt", "../../elsewhere/victim.txt", "<absolute>"])
def test_a_plan_writing_outside_changes_nothing_anywhere(project: Path, relative: str) -> None:
    relative = relative.replace("<absolute>", str(project / "absolute.txt"))
    before = snapshot(project)
    plan = PackageWrite(project / "generated" / "pkg", {"new.txt": "new\n", relative: "pwned\n"})
    with pytest.raises(ValueError, match="refusing to write outside"):
        write_packages([plan])
    assert snapshot(project) == before  # not even new.txt, and no staging folder left


def test_a_plan_removing_outside_deletes_nothing(project: Path) -> None:
    before = snapshot(project)
    plan = PackageWrite(project / "generated" / "pkg", {"kept.txt": "changed\n"},
                        frozenset({"../../elsewhere/victim.txt"}))
    with pytest.raises(ValueError, match="refusing to write outside"):
        write_packages([plan])
    assert snapshot(project) == before


def test_a_plan_through_a_symlinked_folder_writes_nothing_outside(project: Path) -> None:
    package = project / "generated" / "pkg"
    (package / "link").symlink_to(project / "elsewhere", target_is_directory=True)
    before = snapshot(project / "elsewhere")
    with pytest.raises(ValueError, match="refusing to write outside"):
        write_packages([PackageWrite(package, {"link/victim.txt": "pwned\n", "link/new.txt": "x\n"})])
    assert snapshot(project / "elsewhere") == before
    assert os.listdir(project / "generated") == ["pkg"]


def test_write_tree_says_what_it_rewrote_and_removed(tmp_path: Path) -> None:
    tree = tmp_path / "expected"
    assert write_tree(tree, {"a.py": "A = 1\n", "sub/b.py": "B = 1\n"}) == ["a.py", "sub/b.py"]
    assert write_tree(tree, {"a.py": "A = 1\n", "sub/b.py": "B = 1\n"}) == []
    (tree / "stray.py").write_text("S = 1\n", encoding="utf-8")
    assert write_tree(tree, {"a.py": "A = 2\n", "sub/b.py": "B = 1\n"}) == ["a.py", "stray.py"]
    assert sorted(p.relative_to(tree).as_posix() for p in tree.rglob("*.py")) == ["a.py", "sub/b.py"]
    assert (tree / "a.py").read_text(encoding="utf-8") == "A = 2\n"
