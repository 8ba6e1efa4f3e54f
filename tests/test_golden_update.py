"""CLIENTGEN_UPDATE_GOLDEN=1 rewrites a fixture's golden tree, names what it rewrote, and fails.

The golden test runs here on a copy of one fixture, so the real tree under tests/golden/ is
never written by the test suite.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import test_golden

from generator.output.writer import read_tree

FIXTURE = "params"


@pytest.fixture
def golden_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(test_golden.GOLDEN / FIXTURE, tmp_path / FIXTURE)
    monkeypatch.setattr(test_golden, "GOLDEN", tmp_path)
    return tmp_path / FIXTURE / "expected"


def test_update_mode_rewrites_names_the_files_and_fails(golden_copy: Path, monkeypatch) -> None:
    (golden_copy / "README.md").write_text("outdated\n", encoding="utf-8")
    (golden_copy / "params_client" / "stray.py").write_text("STRAY = 1\n", encoding="utf-8")
    monkeypatch.setattr(test_golden, "UPDATE", True)

    with pytest.raises(pytest.fail.Exception) as rewrote:
        test_golden.test_fixture_golden_tree(FIXTURE)
    assert str(rewrote.value) == (
        "CLIENTGEN_UPDATE_GOLDEN=1 rewrote 2 file(s) under tests/golden/params/expected: "
        "README.md, params_client/stray.py; review them and run the tests without it"
    )
    assert read_tree(golden_copy) == read_tree(Path(test_golden.__file__).parent / "golden"
                                               / FIXTURE / "expected")

    with pytest.raises(pytest.fail.Exception) as nothing:
        test_golden.test_fixture_golden_tree(FIXTURE)
    assert "already matched, nothing rewritten" in str(nothing.value)


def test_without_update_mode_a_stale_golden_fails_with_its_diff(golden_copy: Path, monkeypatch) -> None:
    monkeypatch.setattr(test_golden, "UPDATE", False)
    test_golden.test_fixture_golden_tree(FIXTURE)  # the copy matches: passes
    (golden_copy / "README.md").write_text("outdated\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="params golden tree differs") as failed:
        test_golden.test_fixture_golden_tree(FIXTURE)
    assert "-outdated" in str(failed.value)
    assert (golden_copy / "README.md").read_text(encoding="utf-8") == "outdated\n", "nothing rewritten"
