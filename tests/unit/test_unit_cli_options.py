"""The command line's options and error paths that no other test reached (found by mutation).

`--no-cache` before or after the command, paths of the wrong kind, the defaults shown in help,
where an internal error is printed, and a broken spec or unknown provider under each command.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_unit_cli import BROKEN, TINY, make_project, run

from generator import api


def cache_entries(cache_home: Path) -> list[Path]:
    return [p for p in (cache_home / "clientgen").rglob("*") if p.is_file()]


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.mark.parametrize("where", ["before", "after"])
def test_no_cache_before_or_after_the_command_leaves_the_cache_alone(
    tmp_path: Path, cache_home: Path, where: str
) -> None:
    root = make_project(tmp_path / "p", {"tiny.yaml": TINY})
    args = ["--no-cache", "generate"] if where == "before" else ["generate", "--no-cache"]
    assert run(root, *args).exit_code == 0
    assert cache_entries(cache_home) == []
    (root / "specs" / "tiny.yaml").write_text(TINY.replace("name: {type: string}",
                                                           "label: {type: string}"), encoding="utf-8")
    args = ["--no-cache", "check"] if where == "before" else ["check", "--no-cache"]
    stale = run(root, *args)
    assert stale.exit_code == 1 and stale.stdout.startswith("--- a/generated/tiny/")
    assert stale.stdout.endswith("\n") and not stale.stdout.endswith("\n\n")
    assert cache_entries(cache_home) == []


def test_without_no_cache_the_cache_is_filled(tmp_path: Path, cache_home: Path) -> None:
    root = make_project(tmp_path / "p", {"tiny.yaml": TINY})
    assert run(root, "generate").exit_code == 0
    assert cache_entries(cache_home) != []


def test_paths_of_the_wrong_kind_are_usage_errors(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"tiny.yaml": TINY})
    a_file = root / "specs" / "tiny.yaml"
    for args in (
        ["--root", str(a_file), "validate"],
        ["validate", str(root / "specs")],
        ["generate", "--spec", str(root / "specs"), "--out", str(tmp_path / "out")],
        ["generate", "--spec", str(a_file), "--out", str(a_file)],
    ):
        result = run(root, *args) if args[0] != "--root" else run_bare(*args)
        assert result.exit_code == 2, (args, result.output)
        assert "is a directory" in result.output or "is a file" in result.output, result.output
    assert not (tmp_path / "out").exists()


def run_bare(*args: str):
    from click.testing import CliRunner

    from generator.cli import main

    return CliRunner().invoke(main, list(args))


def test_help_shows_the_defaults() -> None:
    assert "[default: .]" in run_bare("--help").output
    assert "[default: HEAD]" in run_bare("diff", "--help").output


def test_an_internal_error_is_one_line_on_stderr(tmp_path: Path, monkeypatch) -> None:
    root = make_project(tmp_path / "p", {"tiny.yaml": TINY})

    def broken(self):
        raise RuntimeError("boom")

    monkeypatch.setattr(api.Project, "operations", broken)
    result = run(root, "list")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("clientgen: internal error: RuntimeError: boom ")


@pytest.mark.parametrize("command", ["check", "list"])
def test_a_broken_spec_under_check_and_list_is_one_line_per_problem(tmp_path: Path, command: str) -> None:
    root = make_project(tmp_path / "p", {"broken.yaml": BROKEN})
    result = run(root, command)
    assert result.exit_code == 1 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 3 and all(line.startswith("specs/broken.yaml:") for line in lines)


def test_diff_of_an_unknown_provider_is_a_usage_error(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"tiny.yaml": TINY})
    result = run(root, "diff", "nosuch")
    assert result.exit_code == 2 and "nosuch" in result.output


def test_validate_checks_only_the_specs_it_is_given(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"tiny.yaml": TINY, "broken.yaml": BROKEN})
    result = run(root, "validate", str(root / "specs" / "tiny.yaml"))
    assert result.exit_code == 0 and result.stdout == "1 spec(s) valid\n"


@pytest.mark.parametrize("where", ["before", "after"])
@pytest.mark.parametrize("flag", ["-q", "--quiet"])
def test_quiet_before_or_after_each_command_leaves_out_all_but_problems(
    tmp_path: Path, where: str, flag: str
) -> None:
    """README: `-q`/`--quiet` is an option of every command that reports; with it, a run that
    finds nothing wrong prints nothing, and problems are still printed."""
    root = make_project(tmp_path / "p", {"tiny.yaml": TINY})
    for command, said in (("validate", "1 spec(s) valid\n"), ("generate", "wrote "),
                          ("check", "generated/ is up to date\n")):
        loud = run(root, command)
        assert loud.exit_code == 0 and said in loud.stdout, (command, loud.output)
        args = [flag, command] if where == "before" else [command, flag]
        quiet = run(root, *args)
        assert (quiet.exit_code, quiet.output) == (0, ""), (args, quiet.output)
    (root / "specs" / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    args = [flag, "validate"] if where == "before" else ["validate", flag]
    problems = run(root, *args)
    assert problems.exit_code == 1 and problems.stdout == "" and "broken.yaml:" in problems.stderr
