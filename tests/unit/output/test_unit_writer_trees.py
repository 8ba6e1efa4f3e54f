"""What `clientgen check` and the golden tests compare, and a rollback that cannot finish.

`read_tree` is what a package folder holds (caches and build output left out) and
`unified_diff` what a regeneration would change; a rollback that cannot move an original back
must keep it in the staging folder rather than delete it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.output import writer
from generator.output.writer import PackageWrite, read_tree, unified_diff, write_packages


def test_read_tree_holds_the_package_files_and_nothing_generated_by_tools(tmp_path: Path) -> None:
    assert read_tree(tmp_path / "missing") == {}
    files = {
        "README.md": "readme\n",
        "pkg/__init__.py": "X = 1\n",
        "pkg/sub/mod.py": "Y = 2\n",
        "pkg/__pycache__/mod.cpython-311.pyc": "bytes",
        "build/lib/pkg/__init__.py": "X = 1\n",
        ".mypy_cache/x.json": "{}",
        "pkg/.hidden": "h",
        "pkg.egg-info/PKG-INFO": "info",
    }
    for relative, text in files.items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(text, encoding="utf-8")
    assert read_tree(tmp_path) == {
        "README.md": "readme\n", "pkg/__init__.py": "X = 1\n", "pkg/sub/mod.py": "Y = 2\n",
    }


def test_unified_diff_shows_changed_added_removed_and_empty_files() -> None:
    on_disk = {"same.py": "S\n", "changed.py": "old\nkept\n", "gone.py": "G\n", "empty_gone.py": ""}
    wanted = {"same.py": "S\n", "changed.py": "new\nkept\n", "added.py": "A\n", "empty_new.py": ""}
    assert unified_diff(wanted, on_disk, "generated/p") == (
        "--- a/generated/p/added.py\n+++ b/generated/p/added.py\n@@ -0,0 +1 @@\n+A\n"
        "--- a/generated/p/changed.py\n+++ b/generated/p/changed.py\n@@ -1,2 +1,2 @@\n-old\n+new\n kept\n"
        "--- a/generated/p/empty_gone.py\n+++ b/generated/p/empty_gone.py\n"
        "--- a/generated/p/empty_new.py\n+++ b/generated/p/empty_new.py\n"
        "--- a/generated/p/gone.py\n+++ b/generated/p/gone.py\n@@ -1 +0,0 @@\n-G\n"
    )
    assert unified_diff(on_disk, on_disk, "generated/p") == ""


def test_an_original_that_cannot_be_moved_back_stays_in_the_staging_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "generated" / "one"
    package.mkdir(parents=True)
    (package / "a.txt").write_text("original\n", encoding="utf-8")
    real, calls = os.replace, [0]

    def replace(src, dst) -> None:
        calls[0] += 1
        if calls[0] == 2:  # the new a.txt cannot be moved into place ...
            raise OSError("disk full")
        if calls[0] > 2:  # ... and the original cannot be moved back either
            raise OSError("still full")
        real(src, dst)

    monkeypatch.setattr(writer.os, "replace", replace)
    with pytest.raises(writer.OutputError, match="disk full"):
        write_packages([PackageWrite(package, {"a.txt": "new\n"})])
    (staging,) = [p for p in package.iterdir() if p.name.startswith(writer.STAGING_PREFIX)]
    assert (staging / "old" / "a.txt").read_text(encoding="utf-8") == "original\n"
