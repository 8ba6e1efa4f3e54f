"""Crash tests of the writer: a failure or interrupt at any step leaves every folder as it was."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.output import writer
from generator.output.writer import OutputError, PackageWrite, write_packages

OLD = {"a.txt": "old a\n", "pkg/b.py": "B = 1\n", "pkg/gone.py": "GONE = 1\n"}
NEW = {"a.txt": "new a\n", "pkg/b.py": "B = 1\n", "pkg/sub/c.py": "C = 1\n"}


def tree(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every entry under `root`: files with bytes and mtime, folders by name (temp folders too)."""
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) if p.is_file() else (b"", 0)
        for p in sorted(root.rglob("*"))
    }


def make(root: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")


def writes(base: Path) -> list[PackageWrite]:
    return [PackageWrite(base / name, NEW, frozenset({"pkg/gone.py"})) for name in ("one", "two")]


@pytest.fixture
def base(tmp_path: Path) -> Path:
    for name in ("one", "two"):
        make(tmp_path / "generated" / name, {**OLD, "user.txt": "mine\n"})
    return tmp_path / "generated"


def test_writes_only_changes_removes_only_what_it_is_told(base):
    before = tree(base)
    assert write_packages(writes(base)) is True
    after = tree(base)
    for name in ("one", "two"):
        assert (base / name / "a.txt").read_text(encoding="utf-8") == "new a\n"
        assert after[f"{name}/pkg/b.py"] == before[f"{name}/pkg/b.py"]  # same bytes, same mtime
        assert after[f"{name}/user.txt"] == before[f"{name}/user.txt"]
        assert not (base / name / "pkg" / "gone.py").exists()
        assert (base / name / "pkg" / "sub" / "c.py").is_file()
    assert sorted(p.name for p in base.iterdir()) == ["one", "two"]  # no staging folder left
    assert write_packages(writes(base)) is False


def _failing_replace(fail_at: int, error: BaseException):
    real, calls = os.replace, [0]

    def replace(src, dst):
        calls[0] += 1
        if calls[0] == fail_at:
            raise error
        return real(src, dst)

    return replace, calls


def _count_replaces(base: Path, tmp_path: Path) -> int:
    """How many moves a full write makes, measured on a copy."""
    import shutil

    copy = tmp_path / "count" / "generated"
    shutil.copytree(base, copy)
    replace, calls = _failing_replace(0, RuntimeError())
    original = writer.os.replace
    writer.os.replace = replace
    try:
        write_packages(writes(copy))
    finally:
        writer.os.replace = original
    return calls[0]


@pytest.mark.parametrize(("error", "raised"), [(OSError("disk full"), OutputError),
                                               (KeyboardInterrupt(), KeyboardInterrupt)])
def test_a_failure_at_every_move_restores_both_packages(base, tmp_path, monkeypatch, error, raised):
    moves = _count_replaces(base, tmp_path)
    assert moves >= 8  # per package: move aside a.txt and gone.py, place a.txt and c.py
    before = tree(base)
    for fail_at in range(1, moves + 1):
        replace, _ = _failing_replace(fail_at, error)
        monkeypatch.setattr(writer.os, "replace", replace)
        with pytest.raises(raised):
            write_packages(writes(base))
        monkeypatch.undo()
        assert tree(base) == before, f"not restored after a failure at move {fail_at}"


def test_a_failure_while_staging_leaves_nothing_behind(base, monkeypatch):
    before = tree(base)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "write_text", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_packages(writes(base))
    assert tree(base) == before


def test_a_new_package_folder_is_removed_again_on_failure(tmp_path, monkeypatch):
    monkeypatch.setattr(writer.os, "replace", _failing_replace(2, OSError("boom"))[0])
    with pytest.raises(OutputError, match="generated/new: boom"):
        write_packages([PackageWrite(tmp_path / "generated" / "new", NEW)])
    assert list(tmp_path.iterdir()) == []


def test_a_new_folder_someone_else_wrote_into_meanwhile_keeps_their_file(tmp_path, monkeypatch):
    # Another process (an editor, a second run) puts a file into the folder this write created,
    # then the write fails: the folder stays for that file and the error is the write's own.
    package = tmp_path / "generated" / "new"
    replace, _ = _failing_replace(2, OSError("boom"))

    def replace_while_someone_writes(source, target):
        (package / "theirs.txt").write_text("theirs\n", encoding="utf-8")
        return replace(source, target)

    monkeypatch.setattr(writer.os, "replace", replace_while_someone_writes)
    with pytest.raises(OutputError, match="generated/new: boom"):
        write_packages([PackageWrite(package, NEW)])
    assert sorted(p.name for p in package.iterdir()) == ["theirs.txt"]


TINY = """\
openapi: 3.1.0
info: {title: Tiny, version: "1"}
servers: [{url: "https://api.example.com"}]
paths:
  /things/{id}:
    get:
      operationId: getThing
      tags: [things]
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "200":
          description: A thing.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Thing"}
components:
  schemas:
    Thing:
      type: object
      properties: {id: {type: string}}
"""


def test_generate_failing_after_rendering_or_during_the_moves_keeps_the_old_tree(tmp_path, monkeypatch):
    (tmp_path / "specs").mkdir()
    spec = tmp_path / "specs" / "tiny.yaml"
    spec.write_text(TINY, encoding="utf-8")
    assert CliRunner().invoke(main, ["--root", str(tmp_path), "generate"]).exit_code == 0
    spec.write_text(TINY.replace("properties: {id: {type: string}}",
                                 "properties: {id: {type: string}, name: {type: string}}"),
                    encoding="utf-8")
    before = tree(tmp_path / "generated")

    # After rendering, before anything is staged.
    def no_staging(*args, **kwargs):
        raise OSError("no space left")

    monkeypatch.setattr(writer.tempfile, "mkdtemp", no_staging)
    failed = CliRunner().invoke(main, ["--root", str(tmp_path), "generate"])
    # An environment problem, not a generator bug: one line naming the folder, exit 1.
    assert failed.exit_code == 1, failed.output
    assert failed.stderr == (f"clientgen: cannot write {tmp_path / 'generated' / 'tiny'}: "
                             "no space left; nothing was written\n")
    assert tree(tmp_path / "generated") == before
    monkeypatch.undo()

    # During the moves into place: the third move fails.
    monkeypatch.setattr(writer.os, "replace", _failing_replace(3, OSError("boom"))[0])
    failed = CliRunner().invoke(main, ["--root", str(tmp_path), "generate"])
    assert failed.exit_code == 1 and "boom; nothing was written" in failed.stderr
    assert tree(tmp_path / "generated") == before
    monkeypatch.undo()

    done = CliRunner().invoke(main, ["--root", str(tmp_path), "generate"])
    assert done.exit_code == 0 and "tiny: written (1.0.0 -> 1.1.0: 1 additive)" in done.output
