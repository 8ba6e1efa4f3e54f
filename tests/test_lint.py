"""Generated code passes ruff's default rules, as a user's own lint run would see it."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_ruff_check_is_clean_on_every_generated_package_and_golden() -> None:
    targets = [str(ROOT / "generated"), *map(str, sorted((ROOT / "tests" / "golden").glob("*/expected")))]
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", *targets],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
