"""The content-addressed cache: hits, misses, corrupt entries, --no-cache, XDG_CACHE_HOME, and the
same bytes with or without it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import black
import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.foundation import cache
from generator.rendering import format as formatting
from generator.rendering.format import black_mode, format_files, split_module

PROJECT = Path(__file__).resolve().parents[3]
FIXTURE_SPEC = PROJECT / "tests" / "golden" / "params" / "spec.yaml"


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    cache.set_enabled(True)
    yield tmp_path / "xdg" / "clientgen"
    cache.set_enabled(True)


def entries(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []


def test_miss_computes_and_stores_then_hit_reuses(isolated_cache: Path) -> None:
    calls = []
    key = cache.make_key("text", "v1")
    assert cache.cached("demo", key, lambda: calls.append(1) or "value") == "value"
    assert cache.cached("demo", key, lambda: calls.append(1) or "other") == "value"
    assert calls == [1]
    assert len(entries(isolated_cache / "demo")) == 1


def test_keys_differ_by_every_part_and_do_not_run_together() -> None:
    assert cache.make_key("a", "b") != cache.make_key("a", "c")
    assert cache.make_key("ab", "c") != cache.make_key("a", "bc")
    assert cache.make_key("a", "b") == cache.make_key("a", "b")


@pytest.mark.parametrize("damage", [
    lambda raw: raw[:-3],  # truncated
    lambda raw: raw.replace(b"value", b"VALUE"),  # payload changed, hash not
    lambda raw: b"not a cache entry",
    lambda raw: b"",
])
def test_a_corrupt_entry_is_ignored_and_replaced(isolated_cache: Path, damage) -> None:
    key = cache.make_key("corrupt")
    cache.put("demo", key, "the value")
    [entry] = entries(isolated_cache / "demo")
    entry.write_bytes(damage(entry.read_bytes()))
    assert cache.get("demo", key) is None
    assert cache.cached("demo", key, lambda: "recomputed") == "recomputed"
    assert cache.get("demo", key) == "recomputed"


def test_writes_leave_no_temporary_files(isolated_cache: Path) -> None:
    for index in range(5):
        cache.put("demo", cache.make_key(str(index)), "x" * index)
    assert all(not p.name.startswith(".tmp-") for p in entries(isolated_cache))
    assert len(entries(isolated_cache)) == 5


def test_an_unwritable_cache_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert cache.cached("demo", cache.make_key("k"), lambda: "computed") == "computed"


def test_xdg_cache_home_is_respected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "elsewhere"))
    assert cache.cache_dir() == tmp_path / "elsewhere" / "clientgen"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # the XDG spec says: ignore it
    assert cache.cache_dir() == Path.home() / ".cache" / "clientgen"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache.cache_dir() == Path.home() / ".cache" / "clientgen"


def test_disabled_cache_neither_reads_nor_writes(isolated_cache: Path) -> None:
    key = cache.make_key("off")
    cache.put("demo", key, "stored")
    cache.set_enabled(False)
    assert cache.get("demo", key) is None
    cache.put("demo", cache.make_key("other"), "not stored")
    assert len(entries(isolated_cache / "demo")) == 1


SAMPLE = '''"""Module docstring."""
from typing import overload
X = 1
class A:
    """Doc."""
    def f(self): ...
class B(A):
    x: int=1



@overload
def g(a: int) -> int: ...
@overload
def g(a: str) -> str: ...
def g(a): return a
# a comment that belongs to h
def h(): pass

async def i(values = [1,2,3,]): return {'k':values}
'''


def test_pieces_format_exactly_like_the_whole_file(isolated_cache: Path) -> None:
    assert len(split_module(SAMPLE)) > 1
    expected = black.format_str(SAMPLE, mode=black_mode())
    assert format_files({"m.py": SAMPLE})["m.py"] == expected  # cold
    assert entries(isolated_cache / "black")
    assert format_files({"m.py": SAMPLE})["m.py"] == expected  # from the cache
    cache.set_enabled(False)
    assert format_files({"m.py": SAMPLE})["m.py"] == expected


def test_a_module_formatted_before_is_taken_whole(
    isolated_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = black.format_str(SAMPLE, mode=black_mode())
    assert format_files({"m.py": SAMPLE})["m.py"] == expected
    assert entries(isolated_cache / "black-modules")

    def not_cut(source: str) -> list[str]:
        raise AssertionError("a module found whole in the cache is not cut into pieces")

    monkeypatch.setattr(formatting, "split_module", not_cut)
    assert format_files({"m.py": SAMPLE})["m.py"] == expected
    changed = SAMPLE.replace("x: int=1", "x: int=2")
    with pytest.raises(AssertionError, match="not cut"):  # another text is looked up piece by piece
        format_files({"m.py": changed})


def _generate(out: Path, *flags: str) -> dict[str, bytes]:
    result = CliRunner().invoke(
        main, [*flags, "generate", "--spec", str(FIXTURE_SPEC), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file()}


def test_output_is_byte_identical_with_no_cache_cold_and_warm_cache(
    tmp_path: Path, isolated_cache: Path
) -> None:
    without = _generate(tmp_path / "no-cache", "--no-cache")
    assert not entries(isolated_cache)  # --no-cache wrote nothing
    cold = _generate(tmp_path / "cold")
    filled = entries(isolated_cache)
    assert {p.relative_to(isolated_cache).parts[0] for p in filled} >= {"black", "models", "valid"}
    warm = _generate(tmp_path / "warm")
    assert entries(isolated_cache) == filled  # everything came from the cache
    assert without == cold == warm


def test_no_cache_is_accepted_after_the_command(tmp_path: Path, isolated_cache: Path) -> None:
    result = CliRunner().invoke(
        main, ["generate", "--no-cache", "--spec", str(FIXTURE_SPEC), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 0, result.output
    assert not entries(isolated_cache)


def test_a_corrupt_cache_does_not_change_the_output(tmp_path: Path, isolated_cache: Path) -> None:
    reference = _generate(tmp_path / "first")
    for entry in entries(isolated_cache):
        entry.write_bytes(entry.read_bytes()[:-1])  # every entry truncated
    assert _generate(tmp_path / "second") == reference


def test_the_spec_text_check_runs_once_per_unchanged_package(
    monkeypatch: pytest.MonkeyPatch, isolated_cache: Path
) -> None:
    from generator import pipeline
    from generator.rendering import spec_text_verdicts

    searched: list[str] = []
    real = spec_text_verdicts.problems_by_module

    def counting(spec, files, texts=None, clean_of=None):  # type: ignore[no-untyped-def]
        searched.append(spec.path.name)
        return real(spec, files, texts, clean_of)

    monkeypatch.setattr(spec_text_verdicts, "problems_by_module", counting)
    first = pipeline.generate_package(FIXTURE_SPEC)
    second = pipeline.generate_package(FIXTURE_SPEC)
    assert searched == ["spec.yaml"] and first.files == second.files
    cache.set_enabled(False)
    pipeline.generate_package(FIXTURE_SPEC)
    assert searched == ["spec.yaml", "spec.yaml"]  # --no-cache: searched again


def test_a_spec_text_problem_is_never_remembered(
    monkeypatch: pytest.MonkeyPatch, isolated_cache: Path
) -> None:
    from generator import pipeline
    from generator.foundation.diagnostics import Diagnostic, SpecError
    from generator.rendering import spec_text_verdicts

    problem = [Diagnostic("spec.yaml", 1, 1, "#", "spec text would appear as code")]
    monkeypatch.setattr(
        spec_text_verdicts, "problems_by_module",
        lambda spec, files, texts=None, clean_of=None: {path: problem for path in files},
    )
    for _ in range(2):
        with pytest.raises(SpecError):
            pipeline.generate_package(FIXTURE_SPEC)


def test_a_warm_generate_imports_neither_black_nor_the_model_generator(tmp_path: Path) -> None:
    """What the cache serves is never recomputed, and neither tool is even imported (together
    about a quarter of a warm run); the output is the same bytes."""
    import os
    import subprocess
    import sys

    code = (
        "import sys; from generator import generate_package; "
        f"from pathlib import Path; files = generate_package(Path({str(FIXTURE_SPEC)!r})).files; "
        "print(hash(tuple(sorted(files.items()))), "
        "'black' in sys.modules, 'datamodel_code_generator' in sys.modules)"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "warm"), "PYTHONHASHSEED": "0"}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           cwd=PROJECT, env=env) for _ in range(2)]
    (cold_hash, *cold), (warm_hash, *warm) = (run.stdout.split() for run in runs)
    assert cold == ["True", "True"] and warm == ["False", "False"], runs
    assert cold_hash == warm_hash
